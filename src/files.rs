//! Writing files the safe way: never half a file, never the user's input, never through a
//! link someone planted at a name we use.

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes to a temporary file beside the target, then renames it over the target, so a crash
/// or a full disk never leaves half a file where a whole one was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let directory = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let (temporary, mut file) = create_temporary(directory, &name)?;
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        // The error that matters is the write's; a temporary file we cannot remove is left
        // under a hidden name no one reads.
        let _cleanup = std::fs::remove_file(&temporary);
    }
    result
}

/// A new file under an unpredictable hidden name in `directory`, created exclusively: an
/// existing file or a link planted at that name makes it fail rather than be followed.
pub fn create_temporary(directory: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let mut last_error = None;
    for _ in 0..8 {
        let path = directory.join(format!(".{name}.{}.tmp", unpredictable()));
        match create_exclusive(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// A new directory under an unpredictable hidden name beside `target`.
pub fn create_temporary_dir(parent: &Path, name: &str) -> std::io::Result<PathBuf> {
    let mut last_error = None;
    for _ in 0..8 {
        let path = parent.join(format!(".{name}.{}.tmp", unpredictable()));
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// Creates `path`, failing when anything (a file, a link, a dangling link) is there.
pub fn create_exclusive(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// 64 bits no one outside this process can guess: the standard library's randomly keyed
/// hasher over the process, the time and a counter.
fn unpredictable() -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("valgpuls-files-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_is_left() {
        let dir = scratch("whole");
        let path = dir.join("tidslinje.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // A folder that cannot be written leaves the old file as it was.
        let missing = dir.join("findes-ikke").join("x.csv");
        assert!(write_atomically(&missing, b"x").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_name_is_never_followed() {
        let dir = scratch("link");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let planted = dir.join(".rapport.tmp");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let error = create_exclusive(&planted).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        // The temporary names cannot be guessed: two in a row differ.
        let (a, _) = create_temporary(&dir, "x").unwrap();
        let (b, _) = create_temporary(&dir, "x").unwrap();
        assert_ne!(a, b);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
