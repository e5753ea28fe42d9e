//! Files in Windows-1252 and UTF-16 big enough to be decoded in parallel parts give exactly
//! what the same rows in UTF-8 give: answers, names, line numbers, problems, comments.

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{Import, ImportOptions, Source, TextEncoding, import_sources};

/// Rows with æ, ø and å on every line, CRLF, a comment, and a bad answer now and then (its
/// problem names its line).
fn text() -> String {
    let mut text = String::from("Kommune;Rul;Uge;Spørgsmål;Svar;Kommentar\r\n");
    let municipalities = [
        "Køge Kommune",
        "Ærø Kommune",
        "Høje-Taastrup Kommune",
        "Aabenraa Kommune",
    ];
    for i in 0..80_000 {
        let answer = match i % 13 {
            0 => "Ved ikke".to_string(),
            5 if i % 701 == 5 => "9".to_string(),
            7 => "3,5".to_string(),
            n => (1 + n % 5).to_string(),
        };
        let comment = if i % 9000 == 11 {
            "Svært at nå på telefon – “optaget”"
        } else {
            ""
        };
        text.push_str(&format!(
            "{};Rul {};{};Udrulningen og VALG-løsningen {};{answer};{comment}\r\n",
            municipalities[i % 4],
            1 + i / 30_000,
            1 + i % 5,
            i % 3
        ));
    }
    text
}

fn read(bytes: Vec<u8>) -> Import {
    import_sources(
        &[Source {
            name: "big.csv".into(),
            bytes: bytes.into(),
        }],
        &ImportOptions::default(),
    )
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: [u8; 2] = if big_endian { [0xFE, 0xFF] } else { [0xFF, 0xFE] };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        }))
        .collect()
}

#[test]
fn big_windows_1252_and_utf16_files_read_as_their_utf8_twin() {
    let text = text();
    let (windows_1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(windows_1252.len() > 4 << 20, "the test needs a text decoded in parts");
    let utf8 = read(text.clone().into_bytes());
    let summary =
        |import: &Import| serde_json::to_string(&summary(&import.dataset, &Filter::default()).unwrap()).unwrap();
    let bad: Vec<u64> = utf8
        .problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.line)
        .collect();
    // Rows 5, 9118, ...: line 2 is the first row.
    assert_eq!(bad.first(), Some(&7));
    assert_eq!(bad.len(), (0..80_000).filter(|i| i % 13 == 5 && i % 701 == 5).count());
    for (bytes, encoding) in [
        (windows_1252.into_owned(), TextEncoding::Windows1252),
        (utf16(&text, false), TextEncoding::Utf16Le),
        (utf16(&text, true), TextEncoding::Utf16Be),
    ] {
        let import = read(bytes);
        assert_eq!(import.files[0].encoding, Some(encoding));
        assert_eq!(import.problems, utf8.problems, "{encoding:?}");
        assert_eq!(import.dataset.answer_count(), utf8.dataset.answer_count());
        assert_eq!(import.dataset.municipalities, utf8.dataset.municipalities);
        assert_eq!(import.dataset.questions, utf8.dataset.questions);
        assert_eq!(import.dataset.comments, utf8.dataset.comments);
        for row in (0..utf8.dataset.answer_count()).step_by(997) {
            assert_eq!(
                import.dataset.row_source(row),
                utf8.dataset.row_source(row),
                "{encoding:?} row {row}"
            );
        }
        assert_eq!(summary(&import), summary(&utf8), "{encoding:?}");
    }
}
