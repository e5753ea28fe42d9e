//! Getting a file's bytes: big files are mapped from the system's file cache, small ones read.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

/// Files from this size on are mapped (or, where mapping fails, read in parallel parts):
/// copying a file out of the system's cache into fresh memory is work for the processor, and
/// a core does it at a fraction of what the memory can take.
const BIG_FILE_FROM: u64 = 8 << 20;
const MAX_READ_THREADS: usize = 8;

/// A file's bytes: read into memory, or mapped (read-only) from the file itself.
#[derive(Clone, Default)]
pub struct FileBytes(Held);

#[derive(Clone, Default)]
enum Held {
    #[default]
    Nothing,
    Read(Vec<u8>),
    /// Shared, so that a clone of a source does not copy a big file.
    Mapped(Arc<memmap2::Mmap>),
}

/// The file mapped read-only, when the system allows it and the file is as long as it was.
/// Why mapping: the file is then read straight from the system's cache, with no copy and no
/// fresh memory to clear (a third of the time of importing a big CSV went there). The cost:
/// on Linux a file cut shorter by another program while it is mapped ends the process; on
/// Windows, where the users are, the system refuses such a cut while the map is open. The map
/// is let go as soon as the file is read (`import_owned`).
fn map(path: &Path, length: u64) -> Option<memmap2::Mmap> {
    let file = File::open(path).ok()?;
    // SAFETY: the map is read-only and never written through; see above for a file changed
    // underneath it.
    let mapped = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    (mapped.len() as u64 == length).then_some(mapped)
}

impl FileBytes {
    /// The file's bytes as they were read or mapped: big files mapped, small ones read.
    pub(super) fn of_file(path: &Path) -> io::Result<FileBytes> {
        let length = std::fs::metadata(path)?.len();
        if length >= BIG_FILE_FROM
            && let Some(mapped) = map(path, length)
        {
            return Ok(FileBytes(Held::Mapped(Arc::new(mapped))));
        }
        read_whole_file(path).map(FileBytes::from)
    }

    /// Gives the memory that `part` (a slice of these bytes, read and not needed again soon)
    /// holds back to the system, so that a big file and the data read from it are not held
    /// whole at the same time. Only mapped bytes are given back, and only on systems that
    /// allow it; they come back from the file if read again. Anything else: nothing happens.
    pub(super) fn let_go_of(&self, part: &[u8]) {
        // Windows has no such advice for a file's map (its own trimming takes such pages first).
        #[cfg(not(unix))]
        let _only_on_unix = part;
        #[cfg(unix)]
        if let Held::Mapped(mapped) = &self.0 {
            // Whole blocks inside the part only: a neighbour's lines on a shared page stay.
            // 64 KiB is a multiple of every page size in use, and the map starts on a page.
            const BLOCK: usize = 64 << 10;
            let start = mapped.as_ptr() as usize;
            let Some(from) = (part.as_ptr() as usize).checked_sub(start) else {
                return;
            };
            let to = from.saturating_add(part.len());
            if to > mapped.len() {
                return;
            }
            let (first, end) = (from.next_multiple_of(BLOCK), to / BLOCK * BLOCK);
            if end > first {
                // SAFETY: the map is read-only and backed by the file, so a page dropped here
                // is read from the file again when touched, unchanged (a file changed under the
                // map is the risk the map itself takes, see `map`).
                let dropped =
                    unsafe { mapped.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, first, end - first) };
                // Only advice: when refused, the pages stay and nothing is lost but memory.
                drop(dropped);
            }
        }
    }
}

impl From<Vec<u8>> for FileBytes {
    fn from(bytes: Vec<u8>) -> FileBytes {
        FileBytes(Held::Read(bytes))
    }
}

impl Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.0 {
            Held::Nothing => &[],
            Held::Read(bytes) => bytes,
            Held::Mapped(mapped) => mapped,
        }
    }
}

impl PartialEq for FileBytes {
    fn eq(&self, other: &FileBytes) -> bool {
        **self == **other
    }
}

/// The whole file, as `std::fs::read` gives it, read in parallel parts when it is big.
pub(super) fn read_whole_file(path: &Path) -> io::Result<Vec<u8>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_READ_THREADS);
    let length = std::fs::metadata(path)?.len();
    let Ok(size) = usize::try_from(length) else {
        return std::fs::read(path);
    };
    if length < BIG_FILE_FROM || threads < 2 {
        return std::fs::read(path);
    }
    let mut bytes = vec![0u8; size];
    let part = size.div_ceil(threads);
    let read = std::thread::scope(|scope| {
        let readers: Vec<_> = bytes
            .chunks_mut(part)
            .enumerate()
            .map(|(index, piece)| {
                scope.spawn(move || -> io::Result<()> {
                    // A handle per thread: each has its own position.
                    let mut file = File::open(path)?;
                    file.seek(SeekFrom::Start((index * part) as u64))?;
                    file.read_exact(piece)
                })
            })
            .collect();
        // The scope joins any reader left after an error.
        readers
            .into_iter()
            .try_for_each(|reader| reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let unchanged = std::fs::metadata(path).is_ok_and(|now| now.len() == length);
    match read {
        Ok(()) if unchanged => Ok(bytes),
        // The file changed while it was read (a tool still writing it), or a part failed:
        // the plain read gives one consistent answer, or the error to show.
        _ => std::fs::read(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text past the size from which files are mapped: multi-byte letters across every
    /// part boundary, and a length no thread count divides.
    fn big_text() -> String {
        let line = "Køge Kommune;Rul 2;Uge 4;14-10-2024;Supporten;Hverken tilfreds eller utilfreds;æøå\r\n";
        (0..)
            .map(|i| format!("{i};{line}"))
            .take_while({
                let mut length = 0;
                move |row| {
                    length += row.len();
                    length < (BIG_FILE_FROM as usize) + 12_345
                }
            })
            .collect()
    }

    fn written(name: &str, text: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("valgpuls-{name}-{}.csv", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_big_file_read_in_parts_is_the_file() {
        let text = big_text();
        let path = written("read", &text);
        let read = read_whole_file(&path);
        std::fs::remove_file(&path).unwrap();
        let read = read.unwrap();
        assert!(read.len() as u64 > BIG_FILE_FROM);
        assert!(read == text.as_bytes(), "the parts were put together wrongly");
    }

    #[test]
    fn a_big_file_mapped_is_the_file_also_after_parts_are_let_go() {
        let text = big_text();
        let path = written("map", &text);
        let bytes = FileBytes::of_file(&path).unwrap();
        assert!(matches!(bytes.0, Held::Mapped(_)), "a big file is mapped");
        assert!(*bytes == *text.as_bytes());
        // Parts let go (whole, odd-sized, one past the end, one from elsewhere) read the same.
        let length = bytes.len();
        bytes.let_go_of(&bytes[1_000..length / 2 + 77]);
        bytes.let_go_of(&bytes[length / 2..]);
        bytes.let_go_of(b"not the file's bytes");
        let copy = bytes.clone();
        copy.let_go_of(&copy[..]);
        assert!(*bytes == *text.as_bytes(), "a part let go reads back as the file");
        assert!(*copy == *text.as_bytes());
        // Windows removes no mapped file.
        drop((bytes, copy));
        std::fs::remove_file(&path).unwrap();
        // A small file is read, and letting go of it changes nothing.
        let path = written("small", "Kommune;Score\nKøge;4\n");
        let small = FileBytes::of_file(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(small.0, Held::Read(_)));
        small.let_go_of(&small[..]);
        assert_eq!(&*small, "Kommune;Score\nKøge;4\n".as_bytes());
    }

    #[test]
    fn a_missing_file_is_the_plain_error() {
        let error = read_whole_file(Path::new("/no/such/dir/survey.csv")).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}
