//! Inputs that used to lose answers without a word: each is now read right or reported, with
//! the place and the cause.

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{Import, ImportOptions, Role, Source, import_paths, import_sources};
use valgpuls::locale::Lang;

fn read(name: &str, bytes: &[u8]) -> Import {
    import_sources(
        &[Source {
            name: name.into(),
            bytes: bytes.to_vec().into(),
        }],
        &ImportOptions::default(),
    )
}

fn messages(import: &Import) -> Vec<String> {
    import.problems.iter().map(|p| p.message(Lang::Da)).collect()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("valgpuls-hostile-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_unclosed_quote_is_found_whatever_the_number_of_quotes() {
    // The quote on line 3 never closes where its field ends; the quote on line 16 would close
    // it, and the thirteen rows between would have become one comment.
    let mut text = String::from("Kommune;Rul;Uge;Supporten;Kommentar\n");
    text.push_str("Køge;Rul 1;1;4;fint\n");
    text.push_str("Faxe;Rul 1;1;3;\"glemt at lukke\n");
    for i in 0..12 {
        text.push_str(&format!("K{i};Rul 1;2;5;\n"));
    }
    text.push_str("Ærø;Rul 1;3;2;\"pæn\"\n");
    assert_eq!(text.matches('"').count() % 2, 1);
    text.push_str("Vejle;Rul 1;3;4;\"også pæn\n");
    assert_eq!(text.matches('"').count() % 2, 0, "the number of quotes is even");
    let import = read("citat.csv", text.as_bytes());
    assert_eq!(
        messages(&import),
        ["citat.csv:3:5: et citationstegn åbner her og lukker aldrig (kolonne 5 «Kommentar»)"]
    );
    assert!(import.has_fatal_problems());
}

#[test]
fn a_pasted_windows_1252_line_in_a_utf8_file_keeps_one_wave_and_is_told() {
    let mut bytes = "Kommune;Rul;Uge;Supporten\nKøge Kommune;Rul Ærø;1;4\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"K\xF8ge Kommune;Rul \xC6r\xF8;2;5\n");
    let import = read("blandet.csv", &bytes);
    assert_eq!(import.dataset.waves, ["Rul Ærø"], "one wave, not two");
    assert_eq!(import.dataset.municipalities, ["Køge Kommune"]);
    assert!(import.is_clean());
    let told = messages(&import);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].starts_with("blandet.csv:3: linjen har tegn der ikke er UTF-8"),
        "{told:?}"
    );
}

#[test]
fn the_same_file_under_two_names_is_read_once_and_the_user_is_told() {
    let dir = temp_dir("same");
    let first = dir.join("uge 4.csv");
    std::fs::write(&first, "Kommune;Rul;Uge;Supporten\nKøge;Rul 1;4;4\nFaxe;Rul 1;4;2\n").unwrap();
    let linked = dir.join("kopi af uge 4.csv");
    let _ignored_if_absent = std::fs::remove_file(&linked);
    std::fs::hard_link(&first, &linked).unwrap();
    let copy = dir.join("uge 4 (2).csv");
    std::fs::copy(&first, &copy).unwrap();
    let import = import_paths(&[&first, &linked, &copy], &ImportOptions::default());
    assert_eq!(import.dataset.answer_count(), 2, "counted once");
    assert!(import.is_clean());
    let told = messages(&import);
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(
        told.iter()
            .all(|m| m.contains("samme indhold som") && m.contains("uge 4.csv"))
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_folder_is_refused_not_waited_for() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("svar.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let import = import_paths(&[&fifo, &dir], &ImportOptions::default());
    let told = messages(&import);
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(
        told.iter()
            .all(|m| m.ends_with("ikke en almindelig fil (en mappe, en pipe eller en enhed)"))
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_field_past_a_megabyte_or_ten_thousand_columns_is_refused_at_once() {
    let mut text = String::from("Kommune;Rul;Supporten\nKøge;Rul 1;4\n");
    text.push_str(&format!("Faxe;Rul 1;{}\n", "x".repeat(2 << 20)));
    let import = read("lang.csv", text.as_bytes());
    assert_eq!(
        messages(&import),
        ["lang.csv:3:3: rækken er længere end 1 MB: filen ligner ikke en spørgeskemaeksport"]
    );
    let header: Vec<String> = (0..10_001).map(|i| format!("k{i}")).collect();
    let wide = format!("{}\n{}\n", header.join(";"), vec!["4"; 10_001].join(";"));
    let import = read("bred.csv", wide.as_bytes());
    assert_eq!(
        messages(&import),
        ["bred.csv: filen har 10001 kolonner; mere end 10000 læses ikke"]
    );
}

/// 9,000 questions under one name: each is kept apart (its own name) and averaged. The
/// de-duplication once grew with the cube of the column count (50 s at 5,000 columns); this
/// test would not end in CI's time if it did again.
#[test]
fn nine_thousand_columns_of_one_name_are_nine_thousand_questions() {
    let columns = 9_000;
    let header = format!("Kommune;Rul;{}", vec!["Spørgsmål"; columns].join(";"));
    let row = |wave: &str, score: &str| format!("Køge;{wave};{}", vec![score; columns].join(";"));
    let text = format!("{header}\n{}\n{}\n", row("Rul 1", "4"), row("Rul 1", "2"));
    let import = read("bred.csv", text.as_bytes());
    assert_eq!(
        import.dataset.names_by_id.questions.len(),
        columns,
        "{:?}",
        messages(&import)
    );
    let mut names = import.dataset.names_by_id.questions.clone();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), columns);
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    assert_eq!(table.overall.n, 2 * columns as u64);
    assert_eq!(table.overall.pooled_mean, Some(3.0));
}

#[test]
fn old_mac_line_ends_give_each_problem_its_own_line() {
    let text = "Kommune;Rul;Uge;Supporten\rKøge;Rul 1;1;4\rFaxe;Rul 1;1;9\rÆrø;Rul 1;2;\"7\"\r";
    let import = read("mac.csv", text.as_bytes());
    let rows: Vec<u64> = import
        .problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.line)
        .collect();
    assert_eq!(rows, [3, 4]);
}

#[test]
fn values_are_shown_safe_for_a_terminal() {
    let text = "Kommune;Rul;Supporten\nKøge;Rul 1;4\nVejle;Rul 1;3\nFaxe;Rul 1;\"\x1b[2J5\nIngen problemer.\"\n";
    let import = read("styretegn.csv", text.as_bytes());
    let told = messages(&import);
    assert!(told.iter().all(|m| !m.chars().any(char::is_control)), "{told:?}");
    assert!(
        told.iter().any(|m| m.contains("\\u{1b}[2J5\\nIngen problemer.")),
        "{told:?}"
    );
    let long = format!(
        "Kommune;Rul;Supporten\nKøge;Rul 1;4\nVejle;Rul 1;3\nFaxe;Rul 1;{}\n",
        "9".repeat(5000)
    );
    let told = messages(&read("langt.csv", long.as_bytes()));
    assert!(told.iter().all(|m| m.chars().count() < 300), "{told:?}");
}

#[test]
fn a_question_empty_in_its_first_thousand_rows_is_still_a_question() {
    let mut text = String::from("Kommune;Rul;Uge;Valgdagen;Supporten\n");
    for i in 0..1200 {
        let support = if i < 1000 {
            String::new()
        } else {
            (1 + i % 5).to_string()
        };
        text.push_str(&format!("K{};Rul 1;{};{};{support}\n", i % 50, 1 + i % 5, 1 + i % 4));
    }
    let import = read("senere.csv", text.as_bytes());
    assert!(import.is_clean(), "{:?}", messages(&import));
    assert_eq!(import.dataset.questions, ["Valgdagen", "Supporten"]);
    assert_eq!(import.dataset.answer_count(), 1400);
}

#[test]
fn a_rating_question_whose_header_holds_a_role_word_is_averaged() {
    let text = "Kommune;Rul;Uge;Tilfredshed med kommunens forløb i uge 4;Hvor tilfreds er I med ugens møde?\n\
                Køge;Rul 1;4;4;5\n\
                Faxe;Rul 1;4;2;3\n\
                Ærø;Rul 1;4;5;Ved ikke\n";
    let import = read("roller.csv", text.as_bytes());
    assert!(import.is_clean(), "{:?}", messages(&import));
    let roles: Vec<Role> = import.files[0].columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [
            Role::Municipality,
            Role::Wave,
            Role::Week,
            Role::QuestionColumn,
            Role::QuestionColumn
        ]
    );
    let summary = summary(&import.dataset, &Filter::default()).unwrap();
    let cell = &summary.waves[0].cells[0];
    assert_eq!((cell.stats.n, cell.stats.dont_know), (5, 1));
    assert!((cell.stats.mean.unwrap() - 19.0 / 5.0).abs() < 1e-12);
}
