//! Outputs under faults the disk gives: a rename that fails, a folder that cannot be written.
//! (A disk that fills up and a planted link are in tests/export.rs and src/files.rs.) Each
//! output is complete or untouched, and the message names the file.

use std::path::{Path, PathBuf};
use std::process::Command;

use valgpuls::files::write_atomically;
use valgpuls::import::{ImportOptions, import_paths};
use valgpuls::locale::Lang;
use valgpuls::report::{ReportOptions, write_report};
use valgpuls::timeline::Timeline;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("valgpuls-faults-{name}-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The hidden files a write leaves beside its target (temporaries, staging folders).
fn hidden_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn a_rename_that_fails_leaves_the_target_as_it_was_and_no_temporary() {
    let dir = scratch("rename");
    // A folder with a file in it at the target's name: the rename over it fails (EISDIR),
    // after the new content was written whole to the temporary.
    let target = dir.join("tidslinje.csv");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("mine.txt"), "keep").unwrap();
    let error = write_atomically(&target, b"Dato;Begivenhed\n").unwrap_err();
    assert!(!error.to_string().is_empty());
    assert_eq!(std::fs::read_to_string(target.join("mine.txt")).unwrap(), "keep");
    assert_eq!(hidden_entries(&dir), Vec::<String>::new());
    std::fs::remove_dir_all(dir).unwrap();
}

/// Makes a folder read-only for this process, root included: `chattr +i` where the file system
/// allows it (root), else the mode (anyone else). Undone on drop, whatever the test did.
#[cfg(unix)]
struct ReadOnly(PathBuf);

#[cfg(unix)]
impl ReadOnly {
    fn new(dir: &Path) -> Option<ReadOnly> {
        let immutable = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !immutable {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        let guard = ReadOnly(dir.to_path_buf());
        // Proof that it holds: root ignores the mode, so try.
        let probe = dir.join("probe");
        if std::fs::write(&probe, "x").is_ok() {
            let _undo = std::fs::remove_file(&probe);
            return None;
        }
        Some(guard)
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        // Undoing what may not have been done fails harmlessly; the mode is set back either way.
        let _undo = Command::new("chattr").arg("-i").arg(&self.0).status();
        use std::os::unix::fs::PermissionsExt;
        let _undo = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_refuses_each_output_naming_it_and_keeps_what_was_there() {
    let dir = scratch("read-only");
    let timeline_path = dir.join("tidslinje.csv");
    std::fs::write(&timeline_path, "old timeline").unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/checkin-survey.csv");
    let dataset = import_paths(&[sample], &ImportOptions::default()).dataset;
    let report_dir = dir.join("rapport");
    let options = ReportOptions {
        out_dir: report_dir.clone(),
        width: 480,
        height: 270,
        lang: Lang::Da,
        force: true,
        ..ReportOptions::default()
    };
    write_report(&dataset, &Timeline::default(), &options).unwrap();
    let old_summary = std::fs::read(report_dir.join("summary.csv")).unwrap();

    let Some(_read_only) = ReadOnly::new(&dir) else {
        // Neither the attribute nor the mode holds here (root on a file system without
        // attributes): nothing to prove, and saying so beats passing quietly.
        eprintln!("skipped: this machine cannot make a folder read-only for this user");
        return;
    };
    let error = Timeline::default().save(&timeline_path).unwrap_err();
    assert!(!error.to_string().is_empty());
    assert_eq!(std::fs::read_to_string(&timeline_path).unwrap(), "old timeline");

    let error = write_report(&dataset, &Timeline::default(), &options).unwrap_err();
    assert!(error.to_string().contains(&dir.display().to_string()), "{error}");
    assert_eq!(std::fs::read(report_dir.join("summary.csv")).unwrap(), old_summary);

    drop(_read_only);
    assert_eq!(hidden_entries(&dir), Vec::<String>::new());
    std::fs::remove_dir_all(dir).unwrap();
}
