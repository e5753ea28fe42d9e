//! The command line as a user meets it: what it prints and how it exits.

use valgpuls::cli::run;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// (exit code, stdout, stderr)
fn valgpuls(args: &[&str]) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn summary_without_files_prints_the_decks_table() {
    let (code, out, _) = valgpuls(&["summary"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    let row = |wave: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(wave))
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(row("Rul 2"), ["Rul", "2", "3,74", "3,89", "3,88", "3,84"]);
    assert_eq!(row("Rul 3"), ["Rul", "3", "3,80", "3,96", "3,84", "3,87"]);
    assert_eq!(row("Rul 1"), ["Rul", "1", "3,80", "4,10", "4,00", "3,97"]);
    // Rul 1 was the last wave: the rows are in time order.
    let position = |wave: &str| lines.iter().position(|l| l.starts_with(wave)).unwrap();
    assert!(position("Rul 2") < position("Rul 3") && position("Rul 3") < position("Rul 1"));
    assert!(out.contains("Total udrulning = gennemsnittet af fasernes gennemsnit"));
    assert!(out.contains("Alle svar samlet: Rul 2 3,80 (n = 500)"));
}

#[test]
fn summary_in_english_uses_decimal_points() {
    let (code, out, _) = valgpuls(&["summary", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().any(|l| l.starts_with("Wave 2") && l.ends_with("3.84")),
        "{out}"
    );
}

#[test]
fn summary_as_json_follows_the_contract() {
    let (code, out, _) = valgpuls(&["summary", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["phases"][0], "Klargøring (uge 1-3)");
    let rul2 = &json["waves"][0];
    assert_eq!(rul2["wave"], "Rul 2");
    assert_eq!(rul2["cells"][0]["n"], 300);
    assert_eq!(rul2["cells"][0]["dont_know"], 9);
    assert!((rul2["cells"][0]["mean"].as_f64().unwrap() - 3.74).abs() < 1e-9);
    assert_eq!(rul2["cells"][0]["ci95"].as_array().unwrap().len(), 2);
    assert!((rul2["total"]["mean_of_phases"].as_f64().unwrap() - 3.8366).abs() < 1e-3);
    assert!(rul2["total"]["pooled_mean"].is_number());
}

#[test]
fn summary_as_csv_opens_in_danish_excel() {
    let (code, out, _) = valgpuls(&["summary", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = out.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("rul;fase;n;gennemsnit;sd;ki95_nedre;ki95_oevre;ved_ikke")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("Rul 2;Klargøring (uge 1-3);300;3,7400;")
    );
}

#[test]
fn a_question_filter_and_an_unknown_question() {
    let (code, out, _) = valgpuls(&["summary", "--question", "Supporten"]);
    assert_eq!(code, 0);
    assert!(!out.contains("n = 500"));
    let (code, _, err) = valgpuls(&["summary", "--question", "Vejret"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("intet spørgsmål hedder «Vejret»") && err.contains("Supporten"),
        "{err}"
    );
}

#[test]
fn check_tells_what_was_detected() {
    let (code, out, _) = valgpuls(&["check"]);
    assert_eq!(code, 0, "{out}");
    for expected in [
        "Tegnsæt:           Windows-1252",
        "Separator:         ';'",
        "Format:            bredt (en kolonne pr. spørgsmål)",
        "Starttidspunkt",
        "Spørgsmål (kolonne)",
        "Meget tilfreds = 5",
        "Ved ikke = ved ikke",
        "515 læst, 0 afvist",
        "Ingen problemer.",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn check_and_summary_exit_1_naming_file_line_and_column() {
    let file = fixture("bad/out-of-scale.csv");
    let (code, out, _) = valgpuls(&["check", &file]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{file}:3:4: «7» ligger uden for skalaen 1-5")),
        "{out}"
    );
    let (code, out, err) = valgpuls(&["summary", &file]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains(&format!("{file}:3:4:")) && err.contains("--skip-invalid"),
        "{err}"
    );
}

#[test]
fn skip_invalid_keeps_the_good_rows_and_says_how_many_were_dropped() {
    let file = fixture("bad/ragged.csv");
    // Two answers left: shown only with small groups let through (--min-n 1).
    let (code, out, err) = valgpuls(&["summary", "--skip-invalid", "--min-n", "1", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 ugyldige rækker sprunget over"), "{err}");
    assert!(out.contains("Alle svar samlet: Rul 1 4,50 (n = 2)"), "{out}");
}

#[test]
fn a_file_that_cannot_be_used_fails_even_with_skip_invalid() {
    let (code, _, err) = valgpuls(&["summary", "--skip-invalid", &fixture("bad/empty.csv")]);
    assert_eq!(code, 1);
    assert!(err.contains("filen er tom"));
    let (code, _, err) = valgpuls(&["check", "/no/such/file.csv"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn only_the_first_50_problems_are_listed_then_counted() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("many-bad.csv");
    let mut text = String::from("Kommune;Rul;Uge;Supporten\n");
    for i in 0..150 {
        // 80 good rows keep "Supporten" a column of answers; 70 are off the scale.
        text.push_str(&format!(
            "K{i};Rul 1;1;{}\n",
            if i % 2 == 0 || i >= 140 { 4 } else { 9 }
        ));
    }
    std::fs::write(&file, text).unwrap();
    let (code, out, _) = valgpuls(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("70 problemer:"));
    assert!(out.contains("… og 20 problemer mere"), "{out}");
    // The 50 rows, and once the likely cause: 9 is a code.
    assert_eq!(out.matches("ligger uden for skalaen").count(), 51);
    assert!(out.contains("Sandsynlig årsag: "), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(valgpuls(&["summary", "--format", "xml"]).0, 2);
    assert_eq!(valgpuls(&["summary", "--bogus"]).0, 2);
    assert_eq!(valgpuls(&["frobnicate"]).0, 2);
    let (code, out, _) = valgpuls(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("valgpuls summary"));
}

#[test]
fn check_on_a_missing_file_says_only_that_in_the_users_language() {
    let (code, out, _) = valgpuls(&["check", "/ingen/sådan/mappe/svar.csv"]);
    assert_eq!(code, 1);
    assert!(out.contains("Intet læst, se problemet nedenfor."), "{out}");
    assert!(
        out.contains("1 problem:\n/ingen/sådan/mappe/svar.csv: filen findes ikke"),
        "{out}"
    );
    // Nothing was detected, so no empty detection lines.
    assert!(!out.contains("Decimaltegn") && !out.contains("Rækker"), "{out}");
    let (_, out, _) = valgpuls(&["check", "--lang", "en", "/no/such/dir/answers.csv"]);
    assert!(
        out.contains("1 problem:\n/no/such/dir/answers.csv: the file does not exist"),
        "{out}"
    );
}

#[test]
fn an_unknown_option_is_a_usage_error_not_a_file_to_open() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_valgpuls"))
        .arg("--engelsk")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("ukendt kommando «--engelsk»"), "{stderr}");
    assert!(stderr.contains("Brug:"), "{stderr}");
}

#[test]
fn skip_invalid_with_every_row_invalid_is_an_error_not_an_empty_table() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("alt-forkert.csv");
    // A score column (its header says so) where every answer is off the scale.
    std::fs::write(
        &file,
        "Kommune;Rul;Score\nKøge;Rul 1;9\nFaxe;Rul 1;7\nÆrø;Rul 1;8\nVejle;Rul 1;9\n",
    )
    .unwrap();
    let (code, out, err) = valgpuls(&["summary", "--skip-invalid", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("Ingen gyldige rækker tilbage efter --skip-invalid"),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn summary_csv_neutralises_formulas_and_reads_a_line_break_in_a_name_as_a_space() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("navne.csv");
    std::fs::write(
        &file,
        "Kommune;Rul;Uge;Supporten\nA;=SUM(A1);1;4\nB;\"Rul\n2\";1;3\nC;Rul 3;1;5\n",
    )
    .unwrap();
    // One answer per wave: shown only with small groups let through (--min-n 1).
    let (code, out, err) = valgpuls(&["summary", "--format", "csv", "--min-n", "1", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\r\n'=SUM(A1);Klargøring (uge 1-3);1;4,0000;"), "{out}");
    // A cell's line break (Alt+Enter in Excel) is a space in a name, as the chart shows it.
    assert!(out.contains("\r\nRul 2;Klargøring (uge 1-3);1;3,0000;"), "{out}");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(out.as_bytes());
    assert!(
        reader.records().all(|r| r.unwrap().len() == 8),
        "every row has its 8 fields"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// A summary whose output cannot be written (a full disk under a redirect) fails; it never
/// exits 0 with half a table.
#[test]
fn a_summary_that_cannot_be_written_fails() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut err = Vec::new();
    let code = run(&["summary".to_string()], &mut Full, &mut err);
    assert_eq!(code, 1);
    assert!(String::from_utf8(err).unwrap().contains("no space left"));
}

/// Among 60 notes about columns on another scale, the one reason the file cannot be used comes
/// first, under the count, and the notes under their own heading.
#[test]
fn the_reason_a_file_cannot_be_used_is_listed_before_the_notes() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-weight-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("anbefaling.csv");
    let mut text = String::from("Kommune;Rul");
    for i in 1..=60 {
        text.push_str(&format!(";Anbefaling {i} (0-10)"));
    }
    for row in 0..12 {
        text.push_str("\nKøge;Rul 1");
        for i in 0..60 {
            text.push_str(&format!(";{}", (row + i) % 11));
        }
    }
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = valgpuls(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let after_count: Vec<&str> = out.split("1 problem:\n").nth(1).unwrap().lines().take(3).collect();
    assert!(after_count[0].contains("ingen kolonne med svar"), "{out}");
    assert_eq!(after_count[1], "Bemærk:", "{out}");
    assert!(after_count[2].contains("anden skala (0-10)"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// One form per wave, no wave column: each file's answers are under the wave its name names,
/// and `check` says so (a name naming none keeps "Alle" and the old advice).
#[test]
fn a_file_per_wave_without_a_wave_column_takes_the_wave_from_its_name() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-wave-name-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let second = dir.join("Check-in Rul 2 uge 4.csv");
    let first = dir.join("checkin_rul1.csv");
    let mut two = String::from("Kommune;Uge;Tilfredshed\n");
    let mut one = two.clone();
    for (k, score) in [4, 5, 4, 3, 4, 5].iter().enumerate() {
        two.push_str(&format!("K{k};4;{score}\n"));
        one.push_str(&format!("K{k};4;{}\n", score - 1));
    }
    std::fs::write(&second, two).unwrap();
    std::fs::write(&first, one).unwrap();
    let (second, first) = (second.to_str().unwrap(), first.to_str().unwrap());
    let (code, out, _) = valgpuls(&["summary", "--format", "json", second, first]);
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let means: Vec<(String, f64)> = json["waves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["wave"].as_str().unwrap().to_string(),
                w["total"]["pooled_mean"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(means.len(), 2, "{out}");
    assert!(means.contains(&("Rul 2".to_string(), 25.0 / 6.0)), "{means:?}");
    assert!(means.contains(&("Rul 1".to_string(), 19.0 / 6.0)), "{means:?}");
    let (_, out, _) = valgpuls(&["check", second]);
    assert!(
        out.contains("ingen rul-kolonne: svarene, som ingen plan placerer, står under «Rul 2», som filnavnet siger"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Calendar weeks in the week column (34-36) leave every answer without a phase: said, with
/// the way out, instead of a quiet "Uden fase".
#[test]
fn calendar_weeks_are_told_with_the_way_out() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-calendar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kalender.csv");
    std::fs::write(
        &path,
        "Kommune;Rul;Uge;Tilfredshed\nA;Rul 1;Uge 34;4\nB;Rul 1;Uge 34;5\nC;Rul 1;35;3\nD;Rul 1;Uge 36;4\nE;Rul 1;Uge 4;4\n",
    )
    .unwrap();
    let (_, out, _) = valgpuls(&["check", path.to_str().unwrap()]);
    assert!(
        out.contains("4 svar har uge 34-36, uden for udrulningens uge 1-5, og står uden fase: er det kalenderuger?"),
        "{out}"
    );
    assert!(out.contains("--role \"Uge=ignore\""), "{out}");
    // A few stray weeks among rollout weeks are the existing note's, not this warning's.
    std::fs::write(
        &path,
        "Kommune;Rul;Uge;Tilfredshed\nA;Rul 1;34;4\nB;Rul 1;4;5\nC;Rul 1;4;3\n",
    )
    .unwrap();
    let (_, out, _) = valgpuls(&["check", path.to_str().unwrap()]);
    assert!(!out.contains("kalenderuger"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_report_into_the_folder_of_its_own_input_is_refused_and_the_input_kept() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-own-folder-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("data.csv");
    std::fs::write(&data, "Kommune;Rul;Uge;Supporten\nKøge;Rul 1;1;4\n").unwrap();
    let (code, _, err) = valgpuls(&[
        "report",
        "--out",
        dir.to_str().unwrap(),
        "--force",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ligger i rapportens mappe"), "{err}");
    assert!(data.exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_and_system_errors_follow_the_language() {
    let (code, _, err) = valgpuls(&["summary", "--format", "xml", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("valgpuls: unknown format “xml”: use text, csv or json"),
        "{err}"
    );
    assert!(err.contains("Usage:"), "the English usage: {err}");
    let (code, _, err) = valgpuls(&["summary", "--lang", "en", "--plan", "/ingen/plan.csv"]);
    assert_eq!(code, 2);
    assert_eq!(err, "valgpuls: /ingen/plan.csv: the file or folder does not exist\n");
    let (_, _, err) = valgpuls(&["summary", "--plan", "/ingen/plan.csv"]);
    assert_eq!(err, "valgpuls: /ingen/plan.csv: filen eller mappen findes ikke\n");
}

#[test]
fn a_role_for_a_column_no_file_has_is_a_usage_error() {
    let (code, _, err) = valgpuls(&["summary", "--role", "Kommunne=ignore"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--role: ingen kolonne hedder «Kommunne»; kolonnerne er: "),
        "{err}"
    );
}

#[test]
fn names_with_control_characters_reach_the_terminal_escaped_and_cut() {
    let dir = std::env::temp_dir().join(format!("valgpuls-cli-escape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("navne.csv");
    let long = "R".repeat(300);
    std::fs::write(
        &file,
        format!("Kommune;Rul;Uge;\"Spm\u{1b}[2J\nIngen problemer.\"\nKøge;Rul\u{1b}[31m 1;1;4\nFaxe;{long};1;3\n"),
    )
    .unwrap();
    let (code, out, err) = valgpuls(&["summary", "--min-n", "1", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(out.contains("Rul[31m 1"), "{out}");
    assert!(
        out.contains(&format!("{}…", "R".repeat(80))) && !out.contains(&"R".repeat(81)),
        "{out}"
    );
    let (_, out, _) = valgpuls(&["check", file.to_str().unwrap()]);
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(
        out.contains("Spm\\u{1b}[2J\\nIngen problemer."),
        "the header's line break is shown: {out}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
