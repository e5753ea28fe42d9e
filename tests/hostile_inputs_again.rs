//! A second hostile round: files that gave a wrong number with exit code 0 and nothing said.
//! Each is now read right, or the user is told where and why.

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{ImportOptions, import_paths};

mod reading;

use reading::{messages, read, read_all, waves};

#[test]
fn a_quote_that_swallows_the_next_row_with_an_even_number_of_quotes_is_told() {
    // The comment on line 3 opens a quote that the comment on line 4 closes: one valid but
    // wrong field, and line 4's two answers gone.
    let text = "Kommune;Rul;Uge;Q1;Q2;Kommentar\n\
                Køge;Rul 1;1;4;5;\n\
                Faxe;Rul 1;1;3;2;\"Godt\n\
                Ærø;Rul 1;2;5;1;ok\"\n\
                Vejle;Rul 1;2;2;2;\"Fin\nmen lang\"\n";
    assert_eq!(text.matches('"').count() % 2, 0);
    let import = read("svar.csv", text.as_bytes());
    assert_eq!(
        messages(&import),
        [
            "svar.csv:3:6: teksten i citationstegn løber over linje 4, som ligner en hel række for sig (kolonne 6 «Kommentar»): et afsluttende citationstegn mangler sikkert, og rækkens svar er ikke talt med"
        ],
        "a comment over two lines without a row's separators is not told"
    );
    // The Kommentar column stays a comment: the swallowed row does not read as an answer.
    assert_eq!(import.dataset.answer_count(), 6);
}

#[test]
fn a_comment_that_says_ved_ikke_in_passing_is_no_dont_know() {
    let text = "Kommune;Rul;Uge;Q1;Bemærkning\n\
                Køge;Rul 1;1;4;Jeg ved ikke hvad der skete med vores testvalg\n\
                Faxe;Rul 1;1;2;Vi ved ikke om support kan hjælpe næste gang\n";
    let import = read("svar.csv", text.as_bytes());
    assert_eq!(waves(&import), [("Rul 1".to_string(), 2, 3.0)]);
    assert_eq!(import.dataset.questions, ["Q1"], "the remark is no question");
}

#[test]
fn a_lone_surrogate_in_utf16_is_told_with_its_line() {
    let mut bytes = vec![0xFF, 0xFE];
    let text = "Kommune;Rul;Uge;Q1\nKøge;Rul 1;1;4\nFaxe;Rul X;1;2\n";
    for unit in text.encode_utf16() {
        // The X becomes half a surrogate pair: no character at all.
        let unit = if unit == u16::from(b'X') { 0xD800 } else { unit };
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let import = read("utf16.csv", &bytes);
    let told = messages(&import);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].starts_with("utf16.csv:3: linjen har tegn der ikke er gyldig UTF-16"),
        "{told:?}"
    );
}

#[test]
fn a_literal_replacement_character_in_utf16_is_no_problem() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Kommune;Rul;Uge;Q1\nKøge;Rul \u{FFFD};1;4\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert!(read("utf16.csv", &bytes).problems.is_empty());
}

#[test]
fn a_question_most_respondents_skipped_with_a_code_is_told_not_dropped() {
    for code in ["6", "99", "-1"] {
        let mut text = String::from("Kommune;Rul;Uge;Q1;Q2\n");
        for i in 0..100 {
            // Q2 was asked of one respondent in ten; the others have the code.
            let q2 = if i % 10 == 0 { ["2", "4"][i / 10 % 2] } else { code };
            text.push_str(&format!("K{i};Rul 1;1;3;{q2}\n"));
        }
        let import = read("koder.csv", text.as_bytes());
        let told = messages(&import);
        assert!(
            told.iter()
                .any(|m| m.contains(&format!("«{code}» ligger uden for skalaen"))),
            "{code}: {told:?}"
        );
        assert!(
            !import.is_clean(),
            "{code}: the rows with the code are not counted in silence"
        );
    }
}

#[test]
fn a_long_file_with_its_questions_numbered_1_to_5_averages_the_answers_not_the_numbers() {
    let mut text = String::from("Kommune;Rul;Uge;Spørgsmål;Svar\n");
    let mut sum = 0;
    for i in 0..50 {
        let (question, answer) = (i % 5 + 1, (i * 7) % 5 + 1);
        sum += answer;
        text.push_str(&format!("K{};Rul 1;1;{question};{answer}\n", i / 5));
    }
    let import = read("lang.csv", text.as_bytes());
    assert_eq!(import.dataset.questions, ["1", "2", "3", "4", "5"]);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 50, f64::from(sum) / 50.0)]);
}

#[test]
fn invisible_and_odd_spaces_do_not_split_a_wave_or_a_municipality() {
    let text = "Kommune;Rul;Uge;Q1\n\
                Køge Kommune;Rul 1;1;4\n\
                Køge\u{A0}Kommune;Rul\u{A0}1;1;2\n\
                Køge Kommune;Rul\u{200B} 1;1;3\n\
                \u{FEFF}Køge  Kommune;Rul 1\u{2009};1;5\n";
    let import = read("mellemrum.csv", text.as_bytes());
    assert_eq!(import.dataset.waves, ["Rul 1"]);
    assert_eq!(import.dataset.municipalities, ["Køge Kommune"]);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 4, 3.5)]);
}

#[test]
fn the_same_export_saved_with_crlf_or_a_bom_is_read_once_and_told() {
    let lf = "Kommune;Rul;Uge;Q1\nKøge;Rul 1;1;4\nFaxe;Rul 1;1;2\n";
    let crlf = lf.replace('\n', "\r\n");
    let bom = format!("\u{FEFF}{lf}");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in crlf.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let other = "Kommune;Rul;Uge;Q1\r\nKøge;Rul 1;1;4\r\nFaxe;Rul 1;1;3\r\n";
    let import = read_all(&[
        ("a.csv", lf.as_bytes()),
        ("b.csv", crlf.as_bytes()),
        ("c.csv", bom.as_bytes()),
        ("d.csv", &utf16),
        ("e.csv", other.as_bytes()),
    ]);
    assert_eq!(import.dataset.answer_count(), 4, "a.csv and e.csv");
    let told = messages(&import);
    assert_eq!(told.len(), 3, "{told:?}");
    for (name, message) in ["b.csv", "c.csv", "d.csv"].iter().zip(&told) {
        assert!(
            message.starts_with(&format!("{name}: samme indhold som «a.csv»")),
            "{told:?}"
        );
    }
}

#[test]
fn a_file_given_twice_by_one_path_is_read_once_and_told() {
    let dir = std::env::temp_dir().join(format!("valgpuls-twice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("uge 4.csv");
    std::fs::write(&file, "Kommune;Rul;Uge;Q1\nKøge;Rul 1;4;4\n").unwrap();
    let again = dir.join(".").join("uge 4.csv");
    let import = import_paths(&[&file, &again], &ImportOptions::default());
    assert_eq!(import.dataset.answer_count(), 1);
    let told = messages(&import);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("samme indhold som"), "{told:?}");
    // The very same name twice.
    let import = import_paths(&[&file, &file], &ImportOptions::default());
    assert_eq!(import.dataset.answer_count(), 1);
    assert_eq!(
        messages(&import),
        [format!(
            "{}: filen er givet to gange: læst én gang, så svarene ikke tælles to gange",
            file.display()
        )]
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_second_sheet_with_data_is_told_not_passed_over() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, wave) in [("Rul1", "Rul 1"), ("Noter", ""), ("Rul2", "Rul 2")] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        if wave.is_empty() {
            continue;
        }
        for (column, header) in ["Kommune", "Rul", "Uge", "Supporten"].iter().enumerate() {
            sheet.write_string(0, column as u16, *header).unwrap();
        }
        sheet.write_string(1, 0, "Køge").unwrap();
        sheet.write_string(1, 1, wave).unwrap();
        sheet.write_number(1, 2, 1).unwrap();
        sheet.write_number(1, 3, 4).unwrap();
    }
    let import = read("to ark.xlsx", &workbook.save_to_buffer().unwrap());
    assert_eq!(import.dataset.waves, ["Rul 1"]);
    assert_eq!(
        messages(&import),
        [
            "to ark.xlsx: arket «Rul2» har også data, men kun «Rul1» er læst: dets svar er ikke talt med — gem det som sin egen fil, eller flyt svarene over i «Rul1», hvis de skal med"
        ]
    );
}

#[test]
fn utf16_without_its_byte_order_mark_is_read_as_utf16() {
    let text = "Kommune;Rul;Uge;Q1\nKøge;Rul 1;1;4\nFaxe;Rul 1;1;2\n";
    for big_endian in [false, true] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect();
        let import = read("unicode.txt", &bytes);
        assert!(import.problems.is_empty(), "{:?}", messages(&import));
        assert_eq!(import.dataset.municipalities, ["Faxe", "Køge"]);
        assert_eq!(waves(&import), [("Rul 1".to_string(), 2, 3.0)]);
    }
}

#[test]
fn a_row_past_a_megabyte_of_many_small_fields_is_refused() {
    let columns = 600_000;
    let mut text = String::from("Kommune;Rul;Uge;Q1\nKøge;Rul 1;1;4\n");
    text.push_str(&"x;".repeat(columns));
    text.push('\n');
    let import = read("lang.csv", text.as_bytes());
    let told = messages(&import);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].starts_with("lang.csv:3:"), "{told:?}");
    assert!(told[0].contains("rækken er længere end 1 MB"), "{told:?}");
}

#[test]
fn a_column_of_scale_words_that_never_holds_the_middle_is_told() {
    // Forms' four choices without a middle: read as 1, 2, 4 and 5 of the 1-5 scale.
    let words = ["Meget utilfreds", "Utilfreds", "Tilfreds", "Meget tilfreds"];
    let mut text = String::from("Kommune;Rul;Uge;Supporten\n");
    for i in 0..40 {
        text.push_str(&format!("K{i};Rul 1;1;{}\n", words[i % 4]));
    }
    let import = read("fire.csv", text.as_bytes());
    let told = messages(&import);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("ingen af de 40 svar er skalaens midte"), "{told:?}");
    // The same answers with the middle among them are a five-point question: nothing to tell.
    let with_middle = text.replacen("Meget utilfreds", "Hverken tilfreds eller utilfreds", 1);
    assert!(read("fem.csv", with_middle.as_bytes()).problems.is_empty());
}

#[test]
fn a_row_average_added_in_excel_is_left_out_and_told() {
    let mut text = String::from("Kommune;Rul;Uge;Q1;Q2;Q3;Gennemsnit\n");
    let mut text_unnamed = String::from("Kommune;Rul;Uge;Q1;Q2;Q3;Kolonne\n");
    let mut sum = 0;
    for i in 0..12 {
        let answers = [i % 5 + 1, (i * 2) % 5 + 1, (i * 3 + 1) % 5 + 1];
        sum += answers.iter().sum::<usize>();
        let mean = answers.iter().sum::<usize>() as f64 / 3.0;
        let row = format!(
            "K{i};Rul 1;1;{};{};{};{}\n",
            answers[0],
            answers[1],
            answers[2],
            format!("{mean:.2}").replace('.', ",")
        );
        text.push_str(&row);
        text_unnamed.push_str(&row);
    }
    for (name, text) in [("gns.csv", &text), ("uden navn.csv", &text_unnamed)] {
        let import = read(name, text.as_bytes());
        assert_eq!(waves(&import), [("Rul 1".to_string(), 36, sum as f64 / 36.0)], "{name}");
        assert!(
            messages(&import)
                .iter()
                .any(|m| m.contains("ser udregnet ud af svarene")),
            "{name}: {:?}",
            messages(&import)
        );
    }
}

#[test]
fn rows_whose_wave_cell_is_empty_are_told_not_filed_under_all_in_silence() {
    // Excel's merged cells: the wave in the top row of each run only.
    let text = "Kommune;Rul;Uge;Q1\nKøge;Rul 1;1;4\nFaxe;;1;2\nÆrø;;1;3\nVejle;Rul 2;1;5\n";
    let import = read("flettet.csv", text.as_bytes());
    assert_eq!(
        messages(&import),
        [
            "flettet.csv:3:2: 2 rækker med svar har en tom celle her (kolonne 2 «Rul»), den første på denne linje: svarene tælles under «Alle» — er cellerne flettet i Excel, så ophæv fletningen og udfyld dem"
        ]
    );
}

#[test]
fn a_tables_total_row_is_not_counted_and_is_told() {
    let text = "Kommune;Rul;Uge;Q1;Q2\nKøge;Rul 1;1;4;5\nFaxe;Rul 1;1;2;3\nI alt;;;3;4\n";
    let import = read("tabel.csv", text.as_bytes());
    assert_eq!(waves(&import), [("Rul 1".to_string(), 4, 3.5)]);
    assert_eq!(
        messages(&import),
        [
            "tabel.csv:4:1: rækken ligner en tabels totalrække (kolonne 1 «Kommune»): dens tal er ikke svar og tælles ikke med"
        ]
    );
}

#[test]
fn a_phase_column_spelt_another_way_is_the_same_phase() {
    let text = "Kommune;Rul;Fase;Q1\n\
                Køge;Rul 1;Klargøring (uge 1-3);2\n\
                Faxe;Rul 1;KLARGØRING;4\n\
                Ærø;Rul 1;Prøvevalg uge 4;1\n\
                Vejle;Rul 1;Prøvevalg (uge 4);3\n\
                Odense;Rul 1;Test election week 5;5\n";
    let import = read("faser.csv", text.as_bytes());
    assert_eq!(
        import.dataset.phases,
        ["Klargøring (uge 1-3)", "Prøvevalg (uge 4)", "Prøvevalg (uge 5)"]
    );
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    let means: Vec<(String, u64, f64)> = table.waves[0]
        .cells
        .iter()
        .map(|c| (c.phase.clone(), c.stats.n, c.stats.mean.unwrap()))
        .collect();
    assert_eq!(
        means,
        [
            ("Klargøring (uge 1-3)".to_string(), 2, 3.0),
            ("Prøvevalg (uge 4)".to_string(), 2, 2.0),
            ("Prøvevalg (uge 5)".to_string(), 1, 5.0)
        ]
    );
}

#[test]
fn a_question_written_with_another_case_or_without_its_question_mark_is_one_question() {
    let first = "Kommune;Rul;Uge;Hvor tilfreds er du med supporten?\nKøge;Rul 1;1;2\n";
    let second = "Kommune;Rul;Uge;hvor tilfreds er du med supporten\nFaxe;Rul 2;1;4\n";
    let import = read_all(&[("uge 1.csv", first.as_bytes()), ("uge 2.csv", second.as_bytes())]);
    assert_eq!(import.dataset.questions, ["Hvor tilfreds er du med supporten?"]);
    assert_eq!(
        waves(&import),
        [("Rul 1".to_string(), 1, 2.0), ("Rul 2".to_string(), 1, 4.0)]
    );
}

#[test]
fn a_week_written_as_4_0_is_week_4_and_bolge_2_is_rul_2() {
    let text = "Kommune;Rul;Uge;Q1\nKøge;Bølge 2;4.0;2\nFaxe;Wave 2;4.0;4\nÆrø;Rul 2;5,0;5\n";
    let import = read("uger.csv", text.as_bytes());
    assert_eq!(import.dataset.waves, ["Rul 2"]);
    assert_eq!(import.dataset.questions, ["Q1"], "the week column is no question");
    assert_eq!(import.dataset.phases, ["Prøvevalg (uge 4)", "Prøvevalg (uge 5)"]);
}

#[test]
fn a_long_files_empty_question_cells_are_told() {
    let text = "Kommune;Rul;Uge;Spørgsmål;Svar\nKøge;Rul 1;1;Valgdagen;4\nFaxe;Rul 1;1;;2\n";
    let told = messages(&read("lang.csv", text.as_bytes()));
    assert_eq!(
        told,
        [
            "lang.csv:3:4: 1 række med svar har en tom celle her (kolonne 4 «Spørgsmål»): svarene tælles under «Svar» — er cellerne flettet i Excel, så ophæv fletningen og udfyld dem"
        ]
    );
}

#[test]
fn a_response_twice_in_one_file_a_test_municipality_and_a_week_of_another_phase_are_told() {
    let text = "ID;Starttidspunkt;Kommune;Rul;Uge;Fase;Q1\n\
                1;19-08-2024 10:00;Køge;Rul 1;1;Klargøring;4\n\
                2;19-08-2024 11:00;Test;Rul 1;1;Klargøring;5\n\
                3;26-08-2024 10:00;Faxe;Rul 1;4;Klargøring;1\n\
                1;19-08-2024 10:00;Køge;Rul 1;1;Klargøring;4\n";
    let told = messages(&read("svar.csv", text.as_bytes()));
    let has = |part: &str| told.iter().any(|m| m.contains(part));
    assert!(has("svar.csv:5: 1 svar står mere end én gang i filen"), "{told:?}");
    assert!(
        has("svar.csv:3: kommunen «Test» (første gang på denne linje) ligner et testsvar"),
        "{told:?}"
    );
    assert!(
        has("svar.csv:4:6: 1 række har en uge, der hører til en anden fase"),
        "{told:?}"
    );
}

#[test]
fn limesurvey_responses_never_completed_are_told() {
    let text = "id;submitdate;lastpage;Kommune;Rul;Uge;Q1\n\
                1;2024-08-19 10:00:00;3;Køge;Rul 1;1;4\n\
                2;;1;Faxe;Rul 1;1;2\n\
                3;2024-08-19 11:00:00;3;Ærø;Rul 1;1;5\n";
    let import = read("lime.csv", text.as_bytes());
    assert_eq!(
        waves(&import),
        [("Rul 1".to_string(), 3, 11.0 / 3.0)],
        "counted, as given"
    );
    assert!(
        messages(&import)
            .iter()
            .any(|m| m.starts_with("lime.csv:3: 1 besvarelse blev aldrig afsluttet")),
        "{:?}",
        messages(&import)
    );
}
