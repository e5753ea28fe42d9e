//! Windows users' paths and files, as far as a Linux test run can show them: folders with
//! spaces and æøå, files as Notepad and Excel save them, names that differ only in case, and
//! UNC shares that cannot be reached. The same program runs under Wine in CI
//! (.ci/windows.sh), which also reads a file from a folder with spaces and æøå there.

use std::path::{Path, PathBuf};

use valgpuls::cli::{SAMPLE_BYTES, run};

/// An empty folder of this test's own under Cargo's scratch space for integration tests.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows_paths").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// (exit code, stdout, stderr)
fn valgpuls(args: &[&str]) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The bundled sample (Windows-1252, CRLF) as text.
fn sample_text() -> String {
    let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(SAMPLE_BYTES);
    assert!(!had_errors);
    text.into_owned()
}

#[test]
fn a_file_in_a_folder_with_spaces_and_danish_letters_reads_like_anywhere_else() {
    let dir = scratch("spaces").join("Mine filer æøå").join("Rul 2 – Ærø");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("Svar fra Ålborg ø.csv");
    std::fs::write(&path, SAMPLE_BYTES).unwrap();

    let (code, out, err) = valgpuls(&["summary", text(&path)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        valgpuls(&["summary"]).1,
        "the same bytes give the same table wherever they lie"
    );

    // check names the file exactly as it was given.
    let (code, out, _) = valgpuls(&["check", text(&path)]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().next(), Some(text(&path)));
}

#[test]
fn a_problem_in_such_a_folder_names_the_path_as_given() {
    let dir = scratch("problem").join("Mine filer æøå");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("uden for skala.csv");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad/out-of-scale.csv"),
        &path,
    )
    .unwrap();

    let (code, out, _) = valgpuls(&["check", text(&path)]);
    assert_eq!(code, 1);
    let expected = format!("{}:3:4: «7» ligger uden for skalaen 1-5", text(&path));
    assert!(
        out.lines().any(|l| l.starts_with(&expected)),
        "wanted a line starting {expected:?} in:\n{out}"
    );

    let (code, _, err) = valgpuls(&["summary", text(&path)]);
    assert_eq!(code, 1);
    assert!(err.lines().any(|l| l.starts_with(&expected)), "{err}");
}

#[test]
fn files_as_notepad_and_excel_save_them_give_the_samples_table() {
    let sample = sample_text();
    assert!(sample.contains("\r\n"), "the sample has Windows line ends");
    let utf16 = |big_endian: bool| -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in sample.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let variants: [(&str, Vec<u8>); 5] = [
        (
            "UTF-8 med BOM, CRLF.csv",
            [b"\xEF\xBB\xBF".as_slice(), sample.as_bytes()].concat(),
        ),
        ("UTF-8 uden BOM, CRLF.csv", sample.as_bytes().to_vec()),
        ("UTF-8, kun LF.csv", sample.replace("\r\n", "\n").into_bytes()),
        ("UTF-16 LE (Unicode-tekst).txt", utf16(false)),
        ("UTF-16 BE.txt", utf16(true)),
    ];
    let dir = scratch("encodings").join("Gemt på skrivebordet");
    std::fs::create_dir_all(&dir).unwrap();
    let (_, expected, _) = valgpuls(&["summary"]);
    for (name, bytes) in variants {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, out, err) = valgpuls(&["summary", text(&path)]);
        assert_eq!((code, out.as_str()), (0, expected.as_str()), "{name}: {err}");
    }
}

#[test]
fn names_that_differ_only_in_case_are_two_files_reported_apart() {
    let dir = scratch("case");
    let upper = dir.join("Data.csv");
    let lower = dir.join("data.csv");
    std::fs::write(&upper, SAMPLE_BYTES).unwrap();
    // The same header and the first 20 answers: a different row count tells the two apart.
    let sample = sample_text();
    let first_rows: Vec<&str> = sample.split_inclusive("\r\n").take(21).collect();
    std::fs::write(&lower, encoding_rs::WINDOWS_1252.encode(&first_rows.concat()).0).unwrap();
    let (code, out, _) = valgpuls(&["check", text(&upper), text(&lower)]);
    assert_eq!(code, 0, "{out}");
    let reports: Vec<&str> = out.split("\n\n").collect();
    assert!(reports[0].starts_with(&format!("{}\n", text(&upper))), "{out}");
    assert!(reports[1].starts_with(&format!("{}\n", text(&lower))), "{out}");
    if std::fs::read_dir(&dir).unwrap().count() == 2 {
        // Two files (Linux): each read whole.
        assert!(reports[0].contains("515 læst"), "{out}");
        assert!(reports[1].contains("20 læst"), "{out}");
    } else {
        // A case-insensitive file system (Windows, macOS) holds one file under both names,
        // the second write's 20 answers: read once, and the second name says so.
        assert!(reports[0].contains("20 læst"), "{out}");
        assert!(reports[1].contains("samme indhold som"), "{out}");
    }
}

#[test]
fn a_unc_share_that_cannot_be_reached_is_a_message_naming_it_not_a_panic() {
    // On Linux these are names that do not exist; on Windows, shares that do not answer (told
    // in the system's words). Either way: exit 1 and a message with the path exactly as typed.
    for path in [
        r"\\server\share\Svar æøå.csv",
        "//server/share/Svar æøå.csv",
        r"\\?\UNC\server\share\x.csv",
    ] {
        let names_it = |line: &str, not_found: &str, unreadable: &str| {
            line == format!("{path}: {not_found}") || line.starts_with(&format!("{path}: {unreadable}: "))
        };
        let (code, out, _) = valgpuls(&["check", path]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.lines()
                .any(|l| names_it(l, "filen findes ikke", "kan ikke læse filen")),
            "{out}"
        );
        let (code, _, err) = valgpuls(&["summary", path]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.lines()
                .any(|l| names_it(l, "filen findes ikke", "kan ikke læse filen")),
            "{err}"
        );

        let (code, out, _) = valgpuls(&["check", "--lang", "en", path]);
        assert_eq!(code, 1);
        assert!(
            out.lines()
                .any(|l| names_it(l, "the file does not exist", "cannot read the file")),
            "{out}"
        );
    }
}

/// A name in Windows-1252 bytes (an old zip unpacked on Linux) is not valid Unicode: the file
/// is read, not "not found", and a missing one is named as the system shows it.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_unicode_is_read_by_the_program() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("not-unicode");
    let name = std::ffi::OsStr::from_bytes(b"svar-\xe6\xf8.csv");
    std::fs::write(dir.join(name), SAMPLE_BYTES).unwrap();
    let program = env!("CARGO_BIN_EXE_valgpuls");
    let out = std::process::Command::new(program)
        .arg("summary")
        .arg(dir.join(name))
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("3,84"), "{stdout}");
    let missing = std::ffi::OsStr::from_bytes(b"mangler-\xe6.csv");
    let out = std::process::Command::new(program)
        .arg("check")
        .arg(dir.join(missing))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("mangler-\u{FFFD}.csv: filen findes ikke"), "{stdout}");
}
