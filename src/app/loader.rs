//! Importing off the UI thread: a worker thread reads and parses the files and sends the
//! finished [`Import`] back, so the window keeps drawing (and can cancel) while a large file
//! loads.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::import::{Import, ImportOptions, Source, import_owned, import_paths};

/// One file to import: from disk, or bytes already in memory (the bundled sample, a file
/// dropped by a browser-like source, a test).
#[derive(Clone, Debug)]
pub enum Input {
    Path(PathBuf),
    Bytes { name: String, bytes: Arc<[u8]> },
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Path(path) => path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
            Input::Bytes { name, .. } => name.clone(),
        }
    }

    pub fn path(&self) -> Option<&PathBuf> {
        match self {
            Input::Path(path) => Some(path),
            Input::Bytes { .. } => None,
        }
    }
}

/// Reads every input and imports them as one data set. Unreadable files become problems of
/// the import like any other, so the review shows them.
pub fn import_inputs(inputs: &[Input], options: &ImportOptions) -> Import {
    import_counting(inputs, options, &AtomicUsize::new(0))
}

/// As [`import_inputs`], counting the files read in `files_read` for the progress bar.
fn import_counting(inputs: &[Input], options: &ImportOptions, files_read: &AtomicUsize) -> Import {
    // Files from disk are read the way the command line reads them: a SurveyXact dataset.csv
    // brings the labels.csv and structure.csv beside it, and a file given twice counts once.
    // The progress bar then moves once, at the end.
    let paths: Vec<&PathBuf> = inputs.iter().filter_map(Input::path).collect();
    if !paths.is_empty() && paths.len() == inputs.len() {
        let import = import_paths(&paths, options);
        files_read.store(inputs.len(), Ordering::Relaxed);
        return import;
    }
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    for input in inputs {
        files_read.fetch_add(1, Ordering::Relaxed);
        match input {
            Input::Path(path) => match Source::read(path) {
                Ok(source) => sources.push(source),
                Err(problem) => unreadable.push(problem),
            },
            Input::Bytes { name, bytes } => sources.push(Source {
                name: name.clone(),
                bytes: bytes.to_vec().into(),
            }),
        }
    }
    let mut import = import_owned(sources, options);
    unreadable.append(&mut import.problems);
    import.problems = unreadable;
    import
}

pub enum Progress {
    Running,
    Done(Box<Import>),
    /// The worker ended without a result (it panicked).
    Failed,
}

/// An import running on a worker thread.
pub struct Loader {
    pub inputs: Vec<Input>,
    pub options: ImportOptions,
    started: Instant,
    receiver: Receiver<Import>,
    files_read: Arc<AtomicUsize>,
}

impl Loader {
    /// Starts the import; `on_done` runs on the worker when the result is ready (the window
    /// passes a repaint request so the result shows without waiting for a mouse move).
    pub fn start(inputs: Vec<Input>, options: ImportOptions, on_done: impl FnOnce() + Send + 'static) -> Loader {
        let (sender, receiver) = channel();
        let worker_inputs = inputs.clone();
        let worker_options = options.clone();
        let files_read = Arc::new(AtomicUsize::new(0));
        let worker_files_read = files_read.clone();
        std::thread::spawn(move || {
            let import = import_counting(&worker_inputs, &worker_options, &worker_files_read);
            // The receiver is gone when the user cancelled: the result is simply dropped.
            if sender.send(import).is_ok() {
                on_done();
            }
        });
        Loader {
            inputs,
            options,
            started: Instant::now(),
            receiver,
            files_read,
        }
    }

    /// How far the import is, 0 to 1: reading each file is a step, parsing them all the last.
    pub fn fraction(&self) -> f32 {
        let read = self.files_read.load(Ordering::Relaxed).min(self.inputs.len());
        read as f32 / (self.inputs.len() + 1) as f32
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn poll(&self) -> Progress {
        match self.receiver.try_recv() {
            Ok(import) => Progress::Done(Box::new(import)),
            Err(TryRecvError::Empty) => Progress::Running,
            Err(TryRecvError::Disconnected) => Progress::Failed,
        }
    }

    /// Blocks until the import is done (tests, and nothing else).
    pub fn wait(&self) -> Option<Import> {
        self.receiver.recv().ok()
    }
}
