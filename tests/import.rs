//! Every file shape the import must read, each from its own fixture, and every bad input,
//! each with the message a user sees.

use std::path::PathBuf;

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{Import, ImportOptions, Layout, Role, TextEncoding, import_paths};
use valgpuls::locale::Lang;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn import(name: &str) -> Import {
    import_paths(&[fixture(name)], &ImportOptions::default())
}

fn messages(import: &Import) -> Vec<String> {
    import.problems.iter().map(|p| p.message(Lang::Da)).collect()
}

/// (wave, phase) → (n, mean rounded to 2 decimals, don't know).
fn cells(import: &Import) -> Vec<(String, String, u64, String, u64)> {
    let summary = summary(&import.dataset, &Filter::default()).unwrap();
    summary
        .waves
        .iter()
        .flat_map(|w| {
            w.cells.iter().map(|c| {
                (
                    w.wave.clone(),
                    c.phase.clone(),
                    c.stats.n,
                    Lang::Da.number(c.stats.mean.unwrap_or(f64::NAN), 2),
                    c.stats.dont_know,
                )
            })
        })
        .collect()
}

fn cell(wave: &str, phase: &str, n: u64, mean: &str, dont_know: u64) -> (String, String, u64, String, u64) {
    (wave.into(), phase.into(), n, mean.into(), dont_know)
}

#[test]
fn long_utf8_with_decimal_comma_and_half_points() {
    let import = import("long-utf8.csv");
    assert!(import.is_clean(), "{:?}", messages(&import));
    let file = &import.files[0];
    assert_eq!(file.encoding, Some(TextEncoding::Utf8));
    assert_eq!(file.separator, Some(';'));
    assert_eq!(file.layout, Some(Layout::Long));
    assert_eq!(file.decimal_commas, 1);
    // The empty answer is missing: not counted at all. "Ved ikke" is counted apart.
    assert_eq!((file.rows_read, file.answers, file.dont_know), (6, 5, 1));
    assert_eq!(
        cells(&import),
        vec![
            cell("Rul 1", "Klargøring (uge 1-3)", 2, "3,75", 1),
            cell("Rul 1", "Prøvevalg (uge 4)", 1, "5,00", 0),
            cell("Rul 1", "Prøvevalg (uge 5)", 1, "2,00", 0),
        ]
    );
}

#[test]
fn wide_utf8_bom_comma_separated_with_quoted_fields() {
    let import = import("wide-bom-comma.csv");
    assert!(import.is_clean(), "{:?}", messages(&import));
    let file = &import.files[0];
    assert_eq!(file.encoding, Some(TextEncoding::Utf8Bom));
    assert_eq!(file.separator, Some(','));
    assert_eq!(file.layout, Some(Layout::Wide));
    let roles: Vec<Role> = file.columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [
            Role::Date,
            Role::Municipality,
            Role::Wave,
            Role::Week,
            Role::QuestionColumn,
            Role::QuestionColumn,
            Role::Comment
        ]
    );
    // The quoted line break keeps the next record on its own line number.
    let comments: Vec<(u64, &str)> = import
        .dataset
        .comments
        .iter()
        .map(|c| (c.line, c.text.as_str()))
        .collect();
    assert_eq!(comments, [(2, "Godt, men \"travlt\""), (3, "Linje et\r\nlinje to")]);
    assert_eq!(import.files[0].rows_read, 3);
    assert_eq!(import.dataset.questions, ["Valgdagen", "Supporten"]);
    assert_eq!(
        cells(&import),
        vec![
            cell("Rul 2", "Klargøring (uge 1-3)", 4, "3,75", 0),
            cell("Rul 2", "Prøvevalg (uge 4)", 1, "3,00", 1)
        ]
    );
}

#[test]
fn excel_unicode_text_utf16_le_tab_separated() {
    let import = import("excel-unicode-utf16le.txt");
    assert!(import.is_clean(), "{:?}", messages(&import));
    assert_eq!(import.files[0].encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(import.files[0].separator, Some('\t'));
    assert_eq!(import.dataset.municipalities, ["Sønderborg Kommune"]);
    assert_eq!(
        cells(&import),
        vec![
            cell("Rul 3", "Klargøring (uge 1-3)", 1, "4,00", 0),
            cell("Rul 3", "Prøvevalg (uge 4)", 1, "5,00", 0)
        ]
    );
}

#[test]
fn utf16_be() {
    let import = import("utf16be.csv");
    assert!(import.is_clean(), "{:?}", messages(&import));
    assert_eq!(import.files[0].encoding, Some(TextEncoding::Utf16Be));
    assert_eq!(import.dataset.municipalities, ["Sønderborg Kommune"]);
    assert_eq!(import.dataset.answer_count(), 2);
}

#[test]
fn danish_excel_windows_1252() {
    let import = import("danish-excel-1252.csv");
    assert!(import.is_clean(), "{:?}", messages(&import));
    assert_eq!(import.files[0].encoding, Some(TextEncoding::Windows1252));
    assert_eq!(
        import.dataset.municipalities,
        ["Frederiksværk Kommune", "Høje-Taastrup Kommune"]
    );
    // "Udrulningen" holds the letters of "rul" but not the word: it is a question, not the wave.
    assert_eq!(
        import.dataset.questions,
        ["Udrulningen og VALG-løsningen generelt", "Supporten"]
    );
    assert_eq!(
        cells(&import),
        vec![cell("Rul 1", "Klargøring (uge 1-3)", 3, "3,67", 1)]
    );
    let labels: Vec<&str> = import.files[0].labels.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Ved ikke", "Utilfreds", "Tilfreds", "Meget tilfreds"]);
}

#[test]
fn pipe_separated_with_a_phase_column_used_as_given() {
    let import = import("pipe-phase.csv");
    assert!(import.is_clean(), "{:?}", messages(&import));
    assert_eq!(import.files[0].separator, Some('|'));
    assert_eq!(
        cells(&import),
        vec![
            cell("Rul 2", "Opstart", 2, "3,50", 0),
            cell("Rul 2", "Afslutning", 1, "5,00", 0)
        ]
    );
}

#[test]
fn english_headers_and_labels_and_waves_in_time_order() {
    let import = import("english.csv");
    assert!(import.is_clean(), "{:?}", messages(&import));
    // Wave B answered first (September), so it comes first whatever the file order.
    assert_eq!(import.dataset.waves, ["Wave B", "Wave A"]);
    assert_eq!(
        cells(&import),
        vec![
            cell("Wave B", "Prøvevalg (uge 4)", 1, "3,00", 1),
            cell("Wave A", "Klargøring (uge 1-3)", 2, "3,50", 0)
        ]
    );
}

#[test]
fn several_files_are_one_data_set_and_rows_remember_their_file() {
    let import = import_paths(
        &[fixture("long-utf8.csv"), fixture("danish-excel-1252.csv")],
        &ImportOptions::default(),
    );
    assert!(import.is_clean());
    assert_eq!(import.dataset.files.len(), 2);
    let (file, line) = import.dataset.row_source(0).unwrap();
    assert!(file.ends_with("long-utf8.csv") && line == 2, "{file}:{line}");
    let (file, line) = import.dataset.row_source(import.dataset.answer_count() - 1).unwrap();
    assert!(file.ends_with("danish-excel-1252.csv") && line == 3, "{file}:{line}");
}

#[test]
fn a_role_override_changes_the_mapping() {
    let mut options = ImportOptions::default();
    options.role_overrides.insert("Supporten".into(), Role::Ignore);
    let import = import_paths(&[fixture("danish-excel-1252.csv")], &options);
    assert_eq!(import.dataset.questions, ["Udrulningen og VALG-løsningen generelt"]);
    assert!(
        import.files[0]
            .columns
            .iter()
            .any(|c| c.header == "Supporten" && c.overridden)
    );
}

fn only_message(name: &str) -> String {
    let import = import(name);
    assert_eq!(import.problems.len(), 1, "{:?}", messages(&import));
    let message = messages(&import).remove(0);
    assert!(message.starts_with(fixture(name).to_str().unwrap()), "{message}");
    message.replace(fixture(name).to_str().unwrap(), "FILE")
}

#[test]
fn bad_files_are_named_with_line_and_column() {
    assert_eq!(only_message("bad/empty.csv"), "FILE: filen er tom");
    assert_eq!(
        only_message("bad/header-only.csv"),
        "FILE: filen har kun en overskriftslinje og ingen svar"
    );
    assert_eq!(
        only_message("bad/binary.xlsx"),
        "FILE: filen er ikke en tekstfil (CSV); gem den som CSV fra Excel"
    );
    assert_eq!(
        only_message("bad/unclosed-quote.csv"),
        "FILE:3:5: et citationstegn åbner her og lukker aldrig (kolonne 5 «Kommentar»)"
    );
    assert_eq!(
        only_message("bad/out-of-scale.csv"),
        "FILE:3:4: «7» ligger uden for skalaen 1-5 (kolonne 4 «Supporten»)"
    );
    assert_eq!(
        only_message("bad/unknown-label.csv"),
        "FILE:3:5: «Mget tilfreds» er ikke et kendt svar på skalaen (kolonne 5 «Supporten») — står svaret for «ved ikke», så giv det med --dont-know; ellers giv --labels FIL med rækken «Supporten;svaret;tallet 1-5»"
    );
}

#[test]
fn ragged_rows_are_rejected_and_the_good_rows_kept() {
    let import = import("bad/ragged.csv");
    let file = fixture("bad/ragged.csv").display().to_string();
    assert_eq!(
        messages(&import),
        [
            format!("{file}:3:4: rækken har 3 felter, overskriften har 4 (kolonne 4 «Supporten»)"),
            format!("{file}:4:5: rækken har 5 felter, overskriften har 4"),
        ]
    );
    assert_eq!((import.files[0].rows_read, import.files[0].rows_rejected), (4, 2));
    assert_eq!(import.dataset.answer_count(), 2);
}

#[test]
fn messages_also_come_in_english() {
    let import = import("bad/out-of-scale.csv");
    let message = import.problems[0].message(Lang::En);
    assert!(
        message.ends_with(":3:4: “7” is outside the 1-5 scale (column 4 “Supporten”)"),
        "{message}"
    );
}

/// A file big enough to be mapped rather than read, whose parts are given back to the system
/// as they are read, gives exactly what the same bytes read into memory give.
#[test]
fn a_big_file_on_disk_reads_as_the_same_bytes_in_memory() {
    use valgpuls::import::{Source, import_sources};
    let mut text = String::from("Id;Kommune;Rul;Uge;Spørgsmål;Svar\r\n");
    let mut i = 0;
    while text.len() < 9 << 20 {
        let score = if i % 13 == 0 {
            "Ved ikke".to_string()
        } else {
            (1 + i % 5).to_string()
        };
        let wave = ["Rul 1", "Rul 2", "Rul 3"][i % 3];
        text.push_str(&format!(
            "{i};Kommune {};{wave};Uge {};Spørgsmål {};{score}\r\n",
            i % 98,
            1 + i % 5,
            i % 7
        ));
        i += 1;
    }
    let path = std::env::temp_dir().join(format!("valgpuls-big-on-disk-{}.csv", std::process::id()));
    std::fs::write(&path, &text).unwrap();
    let on_disk = import_paths(&[&path], &ImportOptions::default());
    std::fs::remove_file(&path).unwrap();
    let name = path.display().to_string();
    let in_memory = import_sources(
        &[Source {
            name,
            bytes: text.into_bytes().into(),
        }],
        &ImportOptions::default(),
    );
    assert!(on_disk.is_clean(), "{:?}", on_disk.problems.first());
    assert_eq!(on_disk.dataset.answer_count(), i);
    assert_eq!(rows_as_text(&on_disk), rows_as_text(&in_memory));
    let summary =
        |import: &Import| serde_json::to_string(&summary(&import.dataset, &Filter::default()).unwrap()).unwrap();
    assert_eq!(summary(&on_disk), summary(&in_memory));
}

/// A sheet big enough to be read in parts on several threads (and let go of block by block)
/// gives what the same rows give as a text read by one csv reader: rows, order, ids, row
/// numbers, problems.
#[test]
fn a_big_sheet_read_in_parts_matches_the_same_rows_read_as_one_text() {
    use valgpuls::import::{Source, import_sources};
    let header = [
        "Id",
        "Kommune",
        "Rul",
        "Uge",
        "Valgdagen",
        "Supporten",
        "Kommentar",
        "Brug af KLIK",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for i in 0..30_000usize {
        let answer = |k: usize| match (i * 7 + k) % 23 {
            _ if k == 0 && i % 4000 == 1 => "9".to_string(),
            0 => "Ved ikke".to_string(),
            n => (1 + n % 5).to_string(),
        };
        let comment = if i % 2500 == 3 { "fint nok" } else { "" };
        // A category first seen in a later part, empty rows, a wave first seen late.
        let usage = if i < 20_000 {
            ""
        } else {
            ["Hver uge", "Sjældnere"][i % 2]
        };
        if i % 9_000 == 5 {
            rows.push(vec![String::new(); header.len()]);
        }
        rows.push(vec![
            (i + 1).to_string(),
            format!("Kommune {}", i % 98),
            ["Rul 2", "Rul 3", "Rul 1"][i * 3 / 30_000].to_string(),
            format!("Uge {}", 1 + i % 5),
            answer(0),
            answer(1),
            comment.to_string(),
            usage.to_string(),
        ]);
    }
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, values) in rows.iter().enumerate() {
        for (column, value) in values.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            match value.parse::<f64>() {
                Ok(number) => sheet.write_number(row as u32, column as u16, number),
                Err(_) => sheet.write_string(row as u32, column as u16, value),
            }
            .unwrap();
        }
    }
    let text: String = rows.iter().map(|row| row.join(";") + "\r\n").collect();
    let import = |name: &str, bytes: Vec<u8>| {
        let options = ImportOptions {
            one_reader: true,
            ..ImportOptions::default()
        };
        import_sources(
            &[Source {
                name: name.into(),
                bytes: bytes.into(),
            }],
            &options,
        )
    };
    let sheet = import("svar.xlsx", workbook.save_to_buffer().unwrap());
    let text = import("svar.xlsx", text.into_bytes());
    assert_eq!(sheet.dataset.answer_count(), text.dataset.answer_count());
    assert_eq!(rows_as_text(&sheet), rows_as_text(&text));
    assert_eq!(sheet.dataset.waves, ["Rul 2", "Rul 3", "Rul 1"]);
    assert_eq!(sheet.dataset.comments, text.dataset.comments);
    let places = |import: &Import| -> Vec<(Option<u64>, Option<usize>, String)> {
        let problems = import.problems.iter();
        problems
            .map(|p| (p.line, p.column.as_ref().map(|c| c.0), format!("{:?}", p.kind)))
            .collect()
    };
    assert_eq!(places(&sheet), places(&text));
    assert!(sheet.problems.iter().filter(|p| p.is_error()).count() >= 8);
    let last = sheet.dataset.answer_count() - 1;
    assert_eq!(sheet.dataset.row_source(last), Some(("svar.xlsx", 30_005)));
    let summary =
        |import: &Import| serde_json::to_string(&summary(&import.dataset, &Filter::default()).unwrap()).unwrap();
    assert_eq!(summary(&sheet), summary(&text));
}

/// A file big enough to be read in parallel chunks gives exactly what the record-by-record
/// reader gives for the same rows: answers, order, line numbers, problems, comments.
#[test]
fn big_files_read_in_parallel_match_the_record_reader() {
    use valgpuls::import::{Source, import_sources};
    let mut rows = String::new();
    for i in 0..40_000 {
        let wave = ["Rul 2", "Rul 3", "Rul 1"][i / 15_000];
        let score = match i % 17 {
            0 => "Ved ikke".to_string(),
            5 if i % 1000 == 5 => "9".to_string(),
            n => (1 + n % 5).to_string(),
        };
        let comment = if i % 5000 == 7 { "fint nok" } else { "" };
        // A category whose values first show in later chunks, and a gap in it.
        let usage = match i {
            0..20_000 => "",
            _ if i % 3 == 0 => "Hver uge",
            _ => "Sjældnere",
        };
        rows.push_str(&format!(
            "K{};{wave};Uge {};Spørgsmål {};{score};{comment};{usage}\r\n",
            i % 98,
            1 + i % 5,
            i % 4
        ));
        if i % 9000 == 0 {
            rows.push_str(";;;;;;\r\n");
        }
    }
    let read = |header: &str, one_reader: bool| {
        let bytes = format!("{header}\r\n{rows}").into_bytes();
        assert!(bytes.len() > 1 << 20, "the test needs a file that is read in chunks");
        import_sources(
            &[Source {
                name: "big.csv".into(),
                bytes: bytes.into(),
            }],
            &ImportOptions {
                one_reader,
                ..ImportOptions::default()
            },
        )
    };
    let header = "Kommune;Rul;Uge;Spørgsmål;Svar;Kommentar;Brug af KLIK";
    let parallel = read(header, false);
    let sequential = read(header, true);
    assert_eq!(parallel.dataset.answer_count(), sequential.dataset.answer_count());
    assert_eq!(parallel.problems, sequential.problems);
    // Three rows with a 9, and once the likely cause (9 repeats: a code).
    assert_eq!(parallel.problems.iter().filter(|p| p.is_error()).count(), 3);
    assert_eq!(parallel.problems.len(), 4);
    assert_eq!(parallel.dataset.waves, ["Rul 2", "Rul 3", "Rul 1"]);
    assert_eq!(parallel.dataset.questions, sequential.dataset.questions);
    assert_eq!(parallel.dataset.comments, sequential.dataset.comments);
    let last = parallel.dataset.answer_count() - 1;
    assert_eq!(parallel.dataset.row_source(last), sequential.dataset.row_source(last));
    assert_eq!(parallel.dataset.row_source(last), Some(("big.csv", 40_006)));
    let (a, b) = (parallel.files[0].clone(), sequential.files[0].clone());
    assert_eq!(
        (a.rows_read, a.rows_rejected, a.answers, a.dont_know),
        (b.rows_read, b.rows_rejected, b.answers, b.dont_know)
    );
    assert_eq!(a.labels, b.labels);
    let summary =
        |import: &Import| serde_json::to_string(&summary(&import.dataset, &Filter::default()).unwrap()).unwrap();
    assert_eq!(summary(&parallel), summary(&sequential));
    // Row by row, every column as the user would see it: the chunks' ids were mapped right.
    assert_eq!(parallel.dataset.categories, ["Brug af KLIK"]);
    assert_eq!(rows_as_text(&parallel), rows_as_text(&sequential));
    let rows = rows_as_text(&parallel);
    assert!(
        rows[0].ends_with(";-") && rows.last().unwrap().ends_with(";Hver uge"),
        "{:?}",
        rows.last()
    );
}

/// A quoted file big enough for chunks, every field quoted as Google Forms and LimeSurvey
/// write them, comments with line breaks and doubled quotes on every row (so every even cut
/// of the file falls inside a quoted field): the chunks read in parallel give exactly what
/// one reader from start to end gives, line numbers of bad values included.
#[test]
fn quoted_files_read_in_parallel_match_one_reader() {
    use valgpuls::import::{Source, import_sources};
    let mut text =
        String::from("\"Tidsstempel\",\"Kommune\",\"Rul\",\"Uge\",\"Valgdagen\",\"Supporten\",\"Kommentar\"\r\n");
    for i in 0..12_000 {
        let comment = match i % 4 {
            0 => "Linje et\r\nlinje \"\"to\"\",\r\nog tre".to_string(),
            1 => format!("Kort, men \"\"citeret\"\" {i}"),
            2 => String::new(),
            _ => "Ét\nto, \"\"tre\"\"\n\nfire".to_string(),
        };
        let support = if i % 997 == 13 {
            "9".to_string()
        } else {
            (1 + i % 5).to_string()
        };
        text.push_str(&format!(
            "\"2024/08/{:02} 11:01:52 AM GMT+2\",\"K{}\",\"Rul {}\",\"Uge {}\",\"{}\",\"{support}\",\"{comment}\"\r\n",
            1 + i % 28,
            i % 97,
            1 + i / 4000,
            1 + i % 5,
            ["Tilfreds", "Meget tilfreds", "Ved ikke", "Utilfreds"][i % 4],
        ));
    }
    assert!(text.len() > 1 << 20, "the test needs a file that is read in chunks");
    let read = |one_reader: bool| {
        import_sources(
            &[Source {
                name: "google.csv".into(),
                bytes: text.clone().into_bytes().into(),
            }],
            &ImportOptions {
                one_reader,
                ..ImportOptions::default()
            },
        )
    };
    let (parallel, one) = (read(false), read(true));
    assert_eq!(parallel.problems, one.problems);
    let bad: Vec<u64> = parallel
        .problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.line)
        .collect();
    assert_eq!(bad.len(), 13);
    // Row 13 (0-based) is line 2 + its 13 rows before, each 3, 1, 1 or 4 lines long.
    let lines_of = |i: usize| [3u64, 1, 1, 4][i % 4];
    assert_eq!(bad[0], 2 + (0..13).map(lines_of).sum::<u64>());
    assert_eq!(parallel.dataset.comments, one.dataset.comments);
    assert_eq!(rows_as_text(&parallel), rows_as_text(&one));
    let summary =
        |import: &Import| serde_json::to_string(&summary(&import.dataset, &Filter::default()).unwrap()).unwrap();
    assert_eq!(summary(&parallel), summary(&one));
}

/// Every answer row with its ids turned back into names.
fn rows_as_text(import: &Import) -> Vec<String> {
    use valgpuls::dataset::{NamesById, category_column, col_names};
    let dataset = &import.dataset;
    let frame = dataset.answers.clone();
    let names = |column: &str, list: &[String]| -> Vec<String> {
        let ids = frame.column(column).unwrap().u32().unwrap().clone();
        ids.iter()
            .map(|id| id.map_or("-".to_string(), |id| NamesById::name(list, id).to_string()))
            .collect()
    };
    let numbers = |column: &str| -> Vec<String> {
        let values = frame
            .column(column)
            .unwrap()
            .cast(&polars::prelude::DataType::Float64)
            .unwrap();
        values.f64().unwrap().iter().map(|v| format!("{v:?}")).collect()
    };
    let mut columns = vec![
        names(col_names::FILE, &dataset.names_by_id.files),
        numbers(col_names::LINE),
        names(col_names::MUNICIPALITY, &dataset.names_by_id.municipalities),
        names(col_names::WAVE, &dataset.names_by_id.waves),
        numbers(col_names::WEEK),
        numbers(col_names::DATE),
        names(col_names::PHASE, &dataset.names_by_id.phases),
        names(col_names::QUESTION, &dataset.names_by_id.questions),
        numbers(col_names::SCORE),
    ];
    columns.extend(
        (0..dataset.categories.len()).map(|i| names(&category_column(i), &dataset.names_by_id.category_values)),
    );
    (0..dataset.answer_count())
        .map(|row| columns.iter().map(|c| c[row].as_str()).collect::<Vec<_>>().join(";"))
        .collect()
}

#[test]
fn the_same_file_given_twice_is_read_once() {
    let once = import("long-utf8.csv");
    let twice = import_paths(
        &[fixture("long-utf8.csv"), fixture("./long-utf8.csv")],
        &ImportOptions::default(),
    );
    assert_eq!(twice.dataset.answer_count(), once.dataset.answer_count());
    assert_eq!(twice.files.len(), 1);
}

#[test]
fn repeated_answer_texts_count_and_fail_on_every_row() {
    use valgpuls::import::{Source, import_sources};
    let text = "Kommune;Rul;Uge;Spørgsmål;Svar\n\
                Køge;Rul 1;1;Supporten;3,5\n\
                Køge;Rul 1;1;Supporten;Tilfreds\n\
                Køge;Rul 1;1;Supporten;3,5\n\
                Køge;Rul 1;1;Supporten;7,5\n\
                Køge;Rul 1;1;Supporten;Tilfreds\n\
                Køge;Rul 1;1;Supporten;Måske\n\
                Køge;Rul 1;1;Supporten;7,5\n\
                Køge;Rul 1;1;Supporten;Måske\n";
    let import = import_sources(
        &[Source {
            name: "gentaget.csv".into(),
            bytes: text.as_bytes().to_vec().into(),
        }],
        &ImportOptions::default(),
    );
    let file = &import.files[0];
    // Each "3,5" is a decimal comma; "7,5" is off the scale and tells nothing about the mark.
    assert_eq!(file.decimal_commas, 2);
    assert_eq!((file.answers, file.rows_rejected), (4, 4));
    assert_eq!(messages(&import).len(), 4, "{:?}", messages(&import));
    let lines: Vec<Option<u64>> = import.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(5), Some(7), Some(8), Some(9)]);
    let labels: Vec<&str> = file.labels.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Tilfreds"]);
    assert_eq!(
        cells(&import),
        vec![cell("Rul 1", "Klargøring (uge 1-3)", 4, "3,75", 0)]
    );
}

#[test]
fn a_week_that_does_not_read_fails_its_row_every_time_and_a_date_only_where_it_is_needed() {
    use valgpuls::import::{Source, import_sources};
    let text = "Kommune;Rul;Uge;Dato;Svar\n\
                Køge;Rul 1;Uge 2;14-10-2024;4\n\
                Køge;Rul 1;Ugen før;14-10-2024;4\n\
                Køge;Rul 1;Ugen før;14-10-2024;5\n\
                Køge;Rul 1;Uge 2;i går;3\n\
                Køge;Rul 1;Uge 2;i går;3\n\
                Køge;Rul 1;;;2\n";
    let read = |text: &str, options: &ImportOptions| {
        import_sources(
            &[Source {
                name: "uger.csv".into(),
                bytes: text.as_bytes().to_vec().into(),
            }],
            options,
        )
    };
    let import = read(text, &ImportOptions::default());
    assert_eq!(
        messages(&import),
        [
            "uger.csv:3:3: «Ugen før» er ikke et ugenummer (kolonne 3 «Uge»)",
            "uger.csv:4:3: «Ugen før» er ikke et ugenummer (kolonne 3 «Uge»)",
            "uger.csv:5:4: «i går» er ikke en dato (kolonne 4 «Dato»); rækkens svar bruges uden dato",
            "uger.csv:6:4: «i går» er ikke en dato (kolonne 4 «Dato»); rækkens svar bruges uden dato",
            "uger.csv:7:3: 1 række med svar har en tom celle her (kolonne 3 «Uge»): svarene tælles under «Uden fase» — er cellerne flettet i Excel, så ophæv fletningen og udfyld dem",
        ]
    );
    // The week decides the phase, so the rows whose date does not read keep their answers.
    assert_eq!(import.files[0].answers, 4);
    assert!(!import.problems[2].is_error());

    // Without a week column the weeks come from the dates and the plan: then the date is
    // needed, and a date that does not read fails its row.
    let without_week = text
        .replace(";Uge;", ";;")
        .replace(";Uge 2;", ";;")
        .replace(";Ugen før;", ";;");
    let without_week = without_week.replacen("Kommune;Rul;;Dato", "Kommune;Rul;Note;Dato", 1);
    let plan = valgpuls::plan::Plan::from_rows(&[
        (1, vec!["rul".into(), "start".into()]),
        (2, vec!["Rul 1".into(), "2024-10-14".into()]),
    ])
    .unwrap();
    let options = ImportOptions {
        plan: Some(plan),
        ..ImportOptions::default()
    };
    let import = read(&without_week, &options);
    assert_eq!(
        messages(&import),
        [
            "uger.csv:5:4: «i går» er ikke en dato (kolonne 4 «Dato»)",
            "uger.csv:6:4: «i går» er ikke en dato (kolonne 4 «Dato»)",
        ]
    );
    assert_eq!(
        cells(&import),
        vec![
            cell("Rul 1", "Klargøring (uge 1-3)", 3, "4,33", 0),
            cell("Rul 1", "Uden fase", 1, "2,00", 0)
        ]
    );
}

#[test]
fn answers_remembered_for_a_layout_read_next_weeks_file_without_asking() {
    use valgpuls::import::{LayoutAnswers, Source, import_sources, layout_key};
    let week = |rows: &str| Source {
        name: "uge.csv".into(),
        bytes: format!("Kommune;Rul;Uge;Besvaret;s_1\n{rows}").into_bytes().into(),
    };
    let monday = week("Køge;Rul 1;1;05/08/2024;6\nKøge;Rul 1;1;05/08/2024;6\nFaxe;Rul 1;2;06/08/2024;4\n");
    let first = import_sources(&[monday], &ImportOptions::default());
    // 6 is no answer on the scale, and 05/08 reads both ways.
    assert!(!first.is_clean());
    assert!(
        first
            .problems
            .iter()
            .any(|p| p.message(Lang::En).contains("--dont-know 6"))
    );
    assert!(
        first
            .problems
            .iter()
            .any(|p| p.message(Lang::En).contains("--date-order"))
    );
    let key = first.files[0].layout_key.clone();
    assert_eq!(
        key,
        layout_key(&["Kommune", "Rul", "Uge", "Besvaret", "s_1"].map(String::from))
    );

    let mut options = ImportOptions::default();
    options.remembered.insert(
        key,
        LayoutAnswers {
            dont_know: vec!["6".into()],
            date_order: Some(valgpuls::dates::DateOrder::DayFirst),
            ..LayoutAnswers::default()
        },
    );
    let next = import_sources(
        &[week("Ærø;Rul 1;4;09/09/2024;6\nÆrø;Rul 1;4;09/09/2024;5\n")],
        &options,
    );
    assert!(next.problems.is_empty(), "{:?}", messages(&next));
    assert!(next.files[0].remembered);
    assert_eq!(cells(&next), vec![cell("Rul 1", "Prøvevalg (uge 4)", 1, "5,00", 1)]);
    // Another layout gets nothing of it.
    let other = import_sources(
        &[Source {
            name: "andet.csv".into(),
            bytes: b"Kommune;Rul;Uge;s_1\nK;Rul 1;1;6\nK;Rul 1;1;6\n".to_vec().into(),
        }],
        &options,
    );
    assert!(!other.is_clean());
}

#[test]
fn dates_in_two_orders_are_told_and_read_as_the_user_says() {
    use valgpuls::import::{Source, import_sources};
    let text =
        "Kommune;Rul;Uge;Dato;Svar\nKøge;Rul 1;1;13/01/2024;4\nFaxe;Rul 1;1;01/14/2024;3\nÆrø;Rul 1;1;02/03/2024;5\n";
    let read = |options: &ImportOptions| {
        import_sources(
            &[Source {
                name: "datoer.csv".into(),
                bytes: text.as_bytes().to_vec().into(),
            }],
            options,
        )
    };
    let told = read(&ImportOptions::default());
    assert!(told.is_clean(), "the week gives the phase: the dates are not needed");
    assert!(!told.dataset.has_dates());
    assert!(messages(&told)[0].contains("«13/01/2024»") && messages(&told)[0].contains("«01/14/2024»"));
    let day_first = ImportOptions {
        date_order: Some(valgpuls::dates::DateOrder::DayFirst),
        ..ImportOptions::default()
    };
    let read_so = read(&day_first);
    assert!(read_so.dataset.has_dates());
    assert_eq!(
        messages(&read_so),
        ["datoer.csv:3:4: «01/14/2024» er ikke en dato (kolonne 4 «Dato»); rækkens svar bruges uden dato"]
    );
    assert_eq!(read_so.dataset.answer_count(), 3);
}

/// A workbook's problems are placed as a spreadsheet user finds them: sheet, row, column.
#[test]
fn a_workbook_problem_names_its_sheet_row_and_column() {
    use valgpuls::import::{Source, import_sources};
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Ark1").unwrap();
    for (row, values) in [
        ["Kommune", "Rul", "Uge", "Supporten"],
        ["Køge", "Rul 1", "Uge 1", "4"],
        ["Faxe", "Rul 1", "Uge 1", "5"],
        ["Ærø", "Rul 1", "Uge 2", "Mget tilfreds"],
    ]
    .iter()
    .enumerate()
    {
        for (column, value) in values.iter().enumerate() {
            match value.parse::<f64>() {
                Ok(number) => sheet.write_number(row as u32, column as u16, number),
                Err(_) => sheet.write_string(row as u32, column as u16, *value),
            }
            .unwrap();
        }
    }
    let import = import_sources(
        &[Source {
            name: "svar.xlsx".into(),
            bytes: workbook.save_to_buffer().unwrap().into(),
        }],
        &ImportOptions::default(),
    );
    assert_eq!(
        messages(&import),
        [
            "svar.xlsx: Ark1, række 4, kolonne D («Supporten»): «Mget tilfreds» er ikke et kendt svar på skalaen — står svaret for «ved ikke», så giv det med --dont-know; ellers giv --labels FIL med rækken «Supporten;svaret;tallet 1-5»"
        ]
    );
    assert_eq!(import.dataset.answer_count(), 2);
}

/// A big file is read in one pass with roles guessed from its first rows; a question asked
/// only from a later wave on (empty in those rows) proves the guess wrong, and the file is
/// read again with the roles of the whole file: the answers are all there.
#[test]
fn a_big_file_whose_first_rows_mislead_is_read_right() {
    use valgpuls::import::{Source, import_sources};
    let mut text = String::from("Kommune;Rul;Uge;Valgdagen;Supporten\n");
    for i in 0..60_000 {
        let support = if i < 5_000 {
            String::new()
        } else {
            (1 + i % 5).to_string()
        };
        text.push_str(&format!(
            "Kommune {};Rul {};{};{};{support}\n",
            i % 98,
            1 + i / 20_000,
            1 + i % 5,
            1 + i % 4
        ));
    }
    assert!(text.len() > 1 << 20, "the test needs a file that is read in chunks");
    let read = |one_reader: bool| {
        import_sources(
            &[Source {
                name: "senere.csv".into(),
                bytes: text.clone().into_bytes().into(),
            }],
            &ImportOptions {
                one_reader,
                ..ImportOptions::default()
            },
        )
    };
    let (fast, one) = (read(false), read(true));
    assert!(fast.is_clean(), "{:?}", messages(&fast));
    assert_eq!(fast.dataset.questions, ["Valgdagen", "Supporten"]);
    assert_eq!(fast.dataset.answer_count(), 60_000 + 55_000);
    assert_eq!(rows_as_text(&fast), rows_as_text(&one));
    assert_eq!(fast.files[0].columns, one.files[0].columns);
}
