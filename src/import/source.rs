//! Getting a file's bytes: big files are read by several threads, a part each.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// Files from this size on are read in parts, in parallel: copying a file out of the
/// system's cache into fresh memory is work for the processor, and a core does it at a
/// fraction of what the memory can take.
const PARALLEL_READ_FROM: u64 = 8 << 20;
const MAX_READ_THREADS: usize = 8;

/// The whole file, as `std::fs::read` gives it, read in parallel parts when it is big.
pub(super) fn read_whole_file(path: &Path) -> io::Result<Vec<u8>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_READ_THREADS);
    let length = std::fs::metadata(path)?.len();
    let Ok(size) = usize::try_from(length) else {
        return std::fs::read(path);
    };
    if length < PARALLEL_READ_FROM || threads < 2 {
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

    #[test]
    fn a_big_file_read_in_parts_is_the_file() {
        let path = std::env::temp_dir().join(format!("valgpuls-read-{}.csv", std::process::id()));
        // Multi-byte letters across every part boundary, and a length no thread count divides.
        let line = "Køge Kommune;Rul 2;Uge 4;14-10-2024;Supporten;Hverken tilfreds eller utilfreds;æøå\r\n";
        let text: String = (0..)
            .map(|i| format!("{i};{line}"))
            .take_while({
                let mut length = 0;
                move |row| {
                    length += row.len();
                    length < (PARALLEL_READ_FROM as usize) + 12_345
                }
            })
            .collect();
        std::fs::write(&path, &text).unwrap();
        let read = read_whole_file(&path);
        std::fs::remove_file(&path).unwrap();
        let read = read.unwrap();
        assert!(read.len() as u64 > PARALLEL_READ_FROM);
        assert!(read == text.as_bytes(), "the parts were put together wrongly");
    }

    #[test]
    fn a_missing_file_is_the_plain_error() {
        let error = read_whole_file(Path::new("/no/such/dir/survey.csv")).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}
