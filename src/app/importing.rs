//! The import flow: the bundled sample, importing off the UI thread, the review, and taking
//! an accepted import into use. A failed or cancelled import never touches the loaded data.

use std::path::PathBuf;
use std::sync::Arc;

use super::loader::{self, Input, Loader};
use super::{App, Loaded, Message, Review, SAMPLE_BYTES, SAMPLE_NAME};
use crate::analysis::GroupBy;
use crate::import::{Import, ImportOptions};

impl App {
    /// Waits for a running import to finish and takes its result, as a frame would (tests).
    pub fn wait_for_import(&mut self) {
        if let Some(loader) = self.loader.take() {
            match loader.wait() {
                Some(import) => self.finish_import(loader, import),
                None => self.import_thread_failed(),
            }
        }
    }

    pub(super) fn load_sample(&mut self) {
        let inputs = [Input::Bytes {
            name: SAMPLE_NAME.to_string(),
            bytes: Arc::from(SAMPLE_BYTES),
        }];
        // The sample is ours and clean: it goes straight in, no review, so the first frame
        // already shows the overview. Role overrides are the user's and stay out of it.
        let import = loader::import_inputs(&inputs, &ImportOptions::default());
        self.use_import(import, SAMPLE_NAME.to_string(), Vec::new());
    }

    pub(super) fn use_import(&mut self, import: Import, label: String, paths: Vec<PathBuf>) {
        self.loaded = Loaded {
            dataset: import.dataset,
            label,
            paths,
            reports: import.files,
        };
        self.cache.clear();
        self.data_generation += 1;
        self.keep_filter_to_data();
    }

    /// A saved filter may name waves or municipalities the new data does not have: those
    /// would silently empty every table, so they are dropped.
    pub(super) fn keep_filter_to_data(&mut self) {
        let dataset = &self.loaded.dataset;
        let mut filter = self.settings.filter.clone();
        filter.waves.retain(|v| dataset.waves.contains(v));
        filter.phases.retain(|v| dataset.phases.contains(v));
        filter.questions.retain(|v| dataset.questions.contains(v));
        filter.municipalities.retain(|v| dataset.municipalities.contains(v));
        self.settings.filter = filter;
        // A file with its own category columns (KLIK's usage frequency) is usually loaded to
        // be broken down by them: the crosstab starts on the first.
        let by = &self.settings.crosstab_by;
        let known = match by {
            GroupBy::Category(header) => dataset.categories.contains(header),
            _ => true,
        };
        if let Some(first) = dataset.categories.first()
            && !matches!(by, GroupBy::Category(_))
        {
            self.settings.crosstab_by = GroupBy::Category(first.clone());
        } else if !known {
            self.settings.crosstab_by = GroupBy::Phase;
        }
    }

    pub(super) fn start_import(&mut self, inputs: Vec<Input>) {
        let options = ImportOptions {
            role_overrides: self.settings.role_overrides.clone(),
            ..ImportOptions::default()
        };
        let ctx = self.ctx.clone();
        self.loader = Some(Loader::start(inputs, options, move || ctx.request_repaint()));
        self.message = None;
    }

    pub(super) fn poll_import(&mut self) {
        let Some(loader) = &self.loader else { return };
        match loader.poll() {
            loader::Progress::Running => {}
            loader::Progress::Done(import) => {
                if let Some(loader) = self.loader.take() {
                    self.finish_import(loader, *import);
                }
            }
            loader::Progress::Failed => {
                self.loader = None;
                self.import_thread_failed();
            }
        }
    }

    pub(super) fn finish_import(&mut self, loader: Loader, import: Import) {
        self.review = Some(Review {
            inputs: loader.inputs,
            options: loader.options,
            import,
        });
    }

    pub(super) fn import_thread_failed(&mut self) {
        self.message = Some(Message {
            text: self
                .lang()
                .pick(
                    "Indlæsningen stoppede uventet; de indlæste data er uændrede.",
                    "The import stopped unexpectedly; the loaded data is unchanged.",
                )
                .to_string(),
            is_error: true,
        });
    }

    pub(super) fn accept_review(&mut self, skip_invalid: bool) {
        let Some(review) = self.review.take() else { return };
        let import = review.import;
        let usable = !import.has_fatal_problems() && (import.is_clean() || skip_invalid);
        if !usable || import.dataset.answer_count() == 0 {
            // Not allowed from the review's buttons; kept so a stray command cannot load bad data.
            self.review = Some(Review { import, ..review });
            return;
        }
        let paths: Vec<PathBuf> = review.inputs.iter().filter_map(|i| i.path().cloned()).collect();
        self.settings.remember_files(&paths);
        let label = match review.inputs.as_slice() {
            [only] => only.name(),
            many => format!("{} {}", many.len(), self.lang().pick("filer", "files")),
        };
        let skipped = import.rows_rejected();
        self.use_import(import, label, paths);
        let lang = self.lang();
        self.message = Some(Message {
            text: if skip_invalid && skipped > 0 {
                format!(
                    "{} {}",
                    lang.count(skipped as u64),
                    lang.pick("ugyldige rækker sprunget over.", "invalid rows skipped.")
                )
            } else {
                lang.pick("Data indlæst.", "Data loaded.").to_string()
            },
            is_error: false,
        });
    }
}
