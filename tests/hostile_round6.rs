//! A sixth hostile round: exports as the survey tools write them and as Danish Excel leaves
//! them, several weeks' exports together. Each file here gave a wrong number with nothing said.

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{Import, ImportOptions, Source, import_sources};

mod reading;

use reading::{messages, read_texts as read_all, waves};

fn read(name: &str, text: &str) -> Import {
    read_all(&[(name, text)])
}

#[test]
fn excels_statistics_and_subtotal_rows_are_not_counted() {
    // Rows Excel adds under a table: MIDDEL/MEDIAN/TYPETAL, and Data → Subtotaler's
    // "Rul 1 Gennemsnit" and "Hovedgennemsnit".
    let text = "Rul;Uge;Q1;Q2\n\
                Rul 1;1;4;5\n\
                Rul 1;2;2;3\n\
                Rul 1 Gennemsnit;;3;4\n\
                Rul 2;1;5;5\n\
                Rul 2 Gennemsnit;;5;5\n\
                Hovedgennemsnit;;3,67;4,33\n\
                Median;;4;5\n\
                Typetal;;5;5\n\
                Maks;;5;5\n";
    let import = read("svar.csv", text);
    assert_eq!(
        waves(&import),
        [("Rul 1".to_string(), 4, 3.5), ("Rul 2".to_string(), 2, 5.0)]
    );
    let told = messages(&import).iter().filter(|m| m.contains("totalrække")).count();
    assert_eq!(told, 6, "{:?}", messages(&import));
}

#[test]
fn a_header_pasted_again_between_two_exports_is_told_and_not_counted() {
    let text = "Kommune;Rul;Uge;Valgdagen;Supporten\n\
                Køge;Rul 1;1;4;5\n\
                Kommune;Rul;Uge;Valgdagen;Supporten\n\
                Faxe;Rul 1;2;2;\n";
    let import = read("samlet.csv", text);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 3, 11.0 / 3.0)]);
    assert_eq!(
        messages(&import),
        [
            "samlet.csv:3: rækken gentager overskriften (to eksporter sat under hinanden?): den tælles ikke med — tjek, at ingen svar står to gange"
        ]
    );
}

/// A Google Forms export without a response id: last week's and this week's, the older one
/// saved again by Danish Excel (its times without seconds).
#[test]
fn last_weeks_export_given_with_this_weeks_is_told_without_an_id_and_after_excel() {
    let header = "Tidsstempel;Kommune;Rul;Uge;Valgdagen;Supporten\n";
    let last_week = format!("{header}13-01-2025 10:15;Køge;Rul 1;1;4;5\n13-01-2025 10:20;Faxe;Rul 1;1;3;3\n");
    let this_week = format!(
        "{header}13/01/2025 10.15.02;Køge;Rul 1;1;4;5\n13/01/2025 10.20.41;Faxe;Rul 1;1;3;3\n\
         20/01/2025 09.00.00;Køge;Rul 1;2;2;2\n"
    );
    let import = read_all(&[("uge1.csv", &last_week), ("uge2.csv", &this_week)]);
    let told: Vec<String> = messages(&import)
        .into_iter()
        .filter(|m| m.contains("besvarelser står også i"))
        .collect();
    assert_eq!(
        told,
        [
            "uge2.csv:2: 2 besvarelser står også i «uge1.csv» (samme id eller tidspunkt og de samme svar) og tælles to gange — er den ene en ældre eksport af den samme undersøgelse? Så giv kun den nyeste"
        ]
    );
    // Two people answering alike at another time are two responses.
    let other = format!("{header}14-01-2025 10:15;Køge;Rul 1;1;4;5\n");
    let import = read_all(&[("uge1.csv", &last_week), ("andre.csv", &other)]);
    assert!(!messages(&import).iter().any(|m| m.contains("besvarelser står også i")));
}

#[test]
fn an_export_with_ids_and_no_time_is_known_again_by_its_ids_and_answers() {
    let header = "respondentid;Rul;Uge;Q1;Q2\n";
    let week4 = format!("{header}101;Rul 1;4;4;5\n102;Rul 1;4;3;3\n");
    let week5 = format!("{header}101;Rul 1;4;4;5\n102;Rul 1;4;3;3\n103;Rul 1;5;5;5\n");
    let import = read_all(&[("uge4.csv", &week4), ("uge5.csv", &week5)]);
    assert!(
        messages(&import)
            .iter()
            .any(|m| m.starts_with("uge5.csv:2: 2 besvarelser står også i «uge4.csv»")),
        "{:?}",
        messages(&import)
    );
    // Ids that restart in another form, with other answers, are other responses.
    let other = format!("{header}101;Rul 2;4;1;1\n102;Rul 2;4;2;2\n");
    let import = read_all(&[("uge4.csv", &week4), ("rul2.csv", &other)]);
    assert!(!messages(&import).iter().any(|m| m.contains("besvarelser står også i")));
}

#[test]
fn counts_rankings_and_recommendations_are_not_averaged() {
    let text = "Rul;Uge;Hvor tilfreds er du med supporten?;Antal deltagere;Hvor mange timer brugte I?;\
                Sæt kanalerne i rækkefølge [Telefon];Hvor sandsynligt er det, at du vil anbefale VALG?\n\
                Rul 1;1;4;1;2;1;5\n\
                Rul 1;1;2;3;4;2;3\n\
                Rul 1;2;3;2;1;3;4\n";
    let import = read("svar.csv", text);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 3, 3.0)]);
    let told = messages(&import);
    for column in [
        "Antal deltagere",
        "Hvor mange timer",
        "rækkefølge [Telefon]",
        "anbefale VALG",
    ] {
        assert!(
            told.iter()
                .any(|m| m.contains(column) && m.contains("regnes ikke med i gennemsnittene")),
            "{column} is not told: {told:?}"
        );
    }
    // A rating that mentions a number is still a rating.
    let text = "Rul;Uge;Hvor tilfreds er du med antallet af kurser?\nRul 1;1;4\nRul 1;1;2\n";
    assert_eq!(waves(&read("svar.csv", text)), [("Rul 1".to_string(), 2, 3.0)]);
}

#[test]
fn a_wave_with_a_note_in_brackets_is_that_wave() {
    let text = "Rul;Uge;Q1\nRul 1;1;4\nRul 1 (sidste rul);1;2\nRul 2 (første rul);1;5\nRul 2;1;3\n";
    assert_eq!(
        waves(&read("svar.csv", text)),
        [("Rul 1".to_string(), 2, 3.0), ("Rul 2".to_string(), 2, 4.0)]
    );
}

/// SurveyXact writes -1 (or 99) for a question not answered, with the label "Ikke besvaret".
#[test]
fn a_code_labelled_not_answered_is_no_answer() {
    let dataset = "respondentid;rul;uge;s_1\n1;1;1;4\n2;1;1;-1\n3;1;1;5\n4;1;1;9\n";
    let labels = "s_1;1;Meget utilfreds\ns_1;2;Utilfreds\ns_1;3;Hverken eller\ns_1;4;Tilfreds\n\
                  s_1;5;Meget tilfreds\ns_1;9;Ved ikke\ns_1;-1;Ikke besvaret\nrul;1;Rul 1\n";
    let import = read_all(&[("dataset.csv", dataset), ("labels.csv", labels)]);
    assert!(!import.problems.iter().any(|p| p.is_error()), "{:?}", messages(&import));
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    let total = &table.waves[0].total;
    assert_eq!((total.n, total.pooled_mean, total.dont_know), (2, Some(4.5), 1));
}

/// A code list in its own order (1 = "Meget tilfreds") that lacks a code: the code's answer
/// is not its number.
#[test]
fn a_code_missing_from_a_reversed_code_list_is_refused_at_its_cell() {
    let dataset = "respondentid;rul;uge;s_1\n1;1;1;1\n2;1;1;2\n3;1;1;5\n";
    let labels = "s_1;1;Meget tilfreds\ns_1;3;Hverken eller\ns_1;4;Utilfreds\ns_1;5;Meget utilfreds\n";
    let import = read_all(&[("dataset.csv", dataset), ("labels.csv", labels)]);
    assert_eq!(
        messages(&import),
        [
            "dataset.csv:3:4: koden «2» har ingen tekst i kodelisten for kolonne «s_1», og listens koder er ikke de tal, de står for (fx 1 = «Meget tilfreds»): svaret kan ikke kendes — tilføj koden til kodelisten"
        ]
    );
    // A list whose codes are their scores: a code it lacks is still its number.
    let labels = "s_1;1;Meget utilfreds\ns_1;5;Meget tilfreds\n";
    let import = read_all(&[("dataset.csv", dataset), ("labels.csv", labels)]);
    assert!(!import.problems.iter().any(|p| p.is_error()), "{:?}", messages(&import));
}

#[test]
fn a_municipality_written_in_other_case_or_with_aa_is_one_municipality() {
    let text = "Kommune;Rul;Uge;Q1\nEsbjerg;Rul 1;1;4\nesbjerg ;Rul 1;1;2\nESBJERG;Rul 1;1;3\n\
                Aarhus;Rul 1;1;5\nÅrhus;Rul 1;1;1\n";
    let import = read("svar.csv", text);
    // In Danish order: "Aa" is "Å", last.
    assert_eq!(import.dataset.municipalities, ["Esbjerg", "Aarhus"]);
}

#[test]
fn amounts_with_a_thousands_point_are_no_scores() {
    // Danish Excel: decimal commas in the answers, thousands points in an amount.
    let text = "Rul;Uge;Budget (kr.);Valgdagen\nRul 1;1;1.000;3,5\nRul 1;1;5.000;4\nRul 1;2;2.500;2\n";
    let import = read("svar.csv", text);
    assert_eq!(import.dataset.questions, ["Valgdagen"]);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 3, 9.5 / 3.0)]);
    assert!(
        messages(&import)
            .iter()
            .any(|m| m.contains("«Budget (kr.)» har svar på en anden skala (1000-5000)")),
        "{:?}",
        messages(&import)
    );
}

#[test]
fn a_day_without_a_time_does_not_make_two_alike_responses_one() {
    // Two people of one municipality answering alike on one day are two responses.
    let text = "Dato;Kommune;Rul;Uge;Q1;Q2\n24-09-2024;Ærø;Rul 1;1;3;3\n24-09-2024;Ærø;Rul 1;1;3;3\n";
    let import = read("svar.csv", text);
    assert!(messages(&import).is_empty(), "{:?}", messages(&import));
    assert_eq!(waves(&import), [("Rul 1".to_string(), 4, 3.0)]);
}

/// SurveyXact's labels.csv with its header row (variable;value;label), in its own order.
#[test]
fn a_code_list_with_a_header_row_is_a_code_list() {
    let dataset = "respondentid;rul;uge;s_1\n1;1;1;1\n2;1;1;2\n3;2;1;5\n";
    let labels = "variable;value;label\nrul;1;Rul 2\nrul;2;Rul 3\ns_1;1;Meget tilfreds\ns_1;2;Tilfreds\n\
                  s_1;3;Hverken eller\ns_1;4;Utilfreds\ns_1;5;Meget utilfreds\n";
    let import = read_all(&[("dataset.csv", dataset), ("labels.csv", labels)]);
    assert_eq!(
        waves(&import),
        [("Rul 2".to_string(), 2, 4.5), ("Rul 3".to_string(), 1, 1.0)]
    );
}

#[test]
fn a_code_list_giving_a_code_two_texts_is_refused_not_read_as_data() {
    let dataset = "respondentid;rul;uge;s_1\n1;1;1;1\n2;1;1;2\n";
    let labels = "s_1;1;Meget utilfreds\ns_1;2;Utilfreds\ns_1;2;Tilfreds\n";
    let import = read_all(&[("dataset.csv", dataset), ("labels.csv", labels)]);
    let told = messages(&import);
    assert!(
        told.iter()
            .any(|m| m.starts_with("labels.csv:3: ") && m.contains("to tekster")),
        "{told:?}"
    );
    assert!(
        !import.dataset.questions.iter().any(|q| q.starts_with("s_1;")),
        "read as data"
    );
}

#[test]
fn a_plan_of_danish_dates_reads_with_the_date_order_given() {
    let plan = "rul;start;kommune\nRul 1;02-09-2024;Køge\nRul 2;07-10-2024;Faxe\n";
    let data = "Dato;Kommune;Q1\n03-09-2024;Køge;4\n08-10-2024;Faxe;2\n";
    let sources = [("plan.csv", plan), ("svar.csv", data)].map(|(name, text)| Source {
        name: name.into(),
        bytes: text.as_bytes().to_vec().into(),
    });
    let refused = import_sources(&sources, &ImportOptions::default());
    assert!(
        messages(&refused)
            .iter()
            .any(|m| m.starts_with("plan.csv:2: ") && m.contains("--date-order dmy")),
        "{:?}",
        messages(&refused)
    );
    let options = ImportOptions {
        date_order: Some(valgpuls::dates::DateOrder::DayFirst),
        ..ImportOptions::default()
    };
    let import = import_sources(&sources, &options);
    assert_eq!(
        waves(&import),
        [("Rul 1".to_string(), 1, 4.0), ("Rul 2".to_string(), 1, 2.0)]
    );
}

#[test]
fn test_elections_numbered_in_the_week_choice_are_their_weeks() {
    let text = "Kommune;Rul;Hvilken uge?;Q1\nKøge;Rul 1;Uge 4 (1. prøvevalg);4\n\
                Faxe;Rul 1;2. prøvevalg (uge 5);2\nVejle;Rul 1;Prøvevalg 1 - uge 4;3\nÆrø;Rul 1;Uge 1;5\n";
    let import = read("svar.csv", text);
    assert!(messages(&import).is_empty(), "{:?}", messages(&import));
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    let cells: Vec<(String, u64)> = table.waves[0]
        .cells
        .iter()
        .map(|cell| (cell.phase.clone(), cell.stats.n))
        .collect();
    assert_eq!(cells.len(), 3, "{cells:?}");
    assert_eq!(cells.iter().map(|c| c.1).collect::<Vec<_>>(), [1, 2, 1]);
}

#[test]
fn the_mean_of_phase_means_names_its_own_n_not_the_answers_outside_the_weeks() {
    let text = "Rul;Uge;Q1\nRul 1;1;4\nRul 1;4;2\nRul 1;6;1\n";
    let table = summary(&read("svar.csv", text).dataset, &Filter::default()).unwrap();
    let total = &table.waves[0].total;
    assert_eq!((total.mean_of_phases, total.phases_n), (Some(3.0), 2));
    assert_eq!((total.pooled_mean, total.n), (Some(7.0 / 3.0), 3));
}

/// `report --question` wrote every question's numbers: an option a command does not use is
/// refused, not ignored.
#[test]
fn an_option_the_command_does_not_take_is_refused() {
    let dir = std::env::temp_dir().join(format!("valgpuls-round6-{}", std::process::id()));
    let out_dir = dir.join("rapport");
    let args: Vec<String> = ["report", "--out", &out_dir.to_string_lossy(), "--question", "Supporten"]
        .map(String::from)
        .to_vec();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = valgpuls::cli::run(&args, &mut out, &mut err);
    assert_eq!(code, 2);
    assert_eq!(
        String::from_utf8_lossy(&err).lines().next(),
        Some("valgpuls: «--question» hører ikke til «report»: se valgpuls --help")
    );
    assert!(!out_dir.exists(), "nothing is written");
}

/// A workbook whose first sheet is a hidden list of dropdown values, or instructions: the
/// answers are on the sheet with the table.
#[test]
fn the_sheet_with_the_table_is_read_not_a_first_sheet_of_lists_or_instructions() {
    for first in ["Lister", "Vejledning"] {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let lists = workbook.add_worksheet();
        lists.set_name(first).unwrap();
        if first == "Lister" {
            for (row, wave) in ["Rul 1", "Rul 2", "Rul 3"].iter().enumerate() {
                lists.write_string(row as u32, 0, *wave).unwrap();
                lists.write_number(row as u32, 1, row as f64 + 1.0).unwrap();
            }
            lists.set_hidden(true);
        } else {
            lists.write_string(0, 0, "Udfyld ét ark pr. uge.").unwrap();
            lists.write_string(1, 0, "Skalaen er 1-5.").unwrap();
        }
        let data = workbook.add_worksheet();
        data.set_name("Ark1").unwrap();
        for (column, header) in ["Kommune", "Rul", "Uge", "Supporten"].iter().enumerate() {
            data.write_string(0, column as u16, *header).unwrap();
        }
        for (row, (municipality, score)) in [("Køge", 4.0), ("Faxe", 2.0), ("Vejle", 3.0)].iter().enumerate() {
            let row = row as u32 + 1;
            data.write_string(row, 0, *municipality).unwrap();
            data.write_string(row, 1, "Rul 2").unwrap();
            data.write_number(row, 2, 1).unwrap();
            data.write_number(row, 3, *score).unwrap();
        }
        let bytes = workbook.save_to_buffer().unwrap();
        let sources = [Source {
            name: "svar.xlsx".into(),
            bytes: bytes.into(),
        }];
        let import = import_sources(&sources, &ImportOptions::default());
        assert_eq!(waves(&import), [("Rul 2".to_string(), 3, 3.0)], "{first}");
        assert_eq!(
            messages(&import),
            [format!(
                "svar.xlsx: arket «{first}» har også data, men kun «Ark1» er læst: dets svar er ikke talt med — gem det som sin egen fil, eller flyt svarene over i «Ark1», hvis de skal med"
            )]
        );
    }
}

#[test]
fn a_title_block_of_several_lines_above_the_header_is_passed_over() {
    let text = "Tilfredshedsmåling VALG;;;\nUdtræk:;13-01-2025;;\nAntal svar:;150;;\nSkala:;1-5;;\n;;;\n\
                Kommune;Rul;Uge;Supporten\nKøge;Rul 1;1;4\nFaxe;Rul 1;2;2\n";
    let import = read("svar.csv", text);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 2, 3.0)]);
    assert_eq!(
        messages(&import),
        [
            "svar.csv:6: titlen over denne linje er sprunget over (4 linjer med et eller to felter); kolonneoverskrifterne er læst herfra"
        ]
    );
}

#[test]
fn excels_error_values_are_told_as_failed_formulas() {
    let text = "Rul;Uge;Q1;Q2\nRul 1;1;4;#I/T\nRul 1;1;#DIVISION/0!;2\nRul 1;1;3;3\nRul 1;1;5;4\n";
    let told = messages(&read("svar.csv", text));
    assert_eq!(
        told,
        [
            "svar.csv:2:4: cellen viser Excels fejl «#I/T» (kolonne 4 «Q2»): en formel kunne ikke regnes ud, så svaret kendes ikke — ret formlen, eller tøm cellen, hvis der ikke er svaret",
            "svar.csv:3:3: cellen viser Excels fejl «#DIVISION/0!» (kolonne 3 «Q1»): en formel kunne ikke regnes ud, så svaret kendes ikke — ret formlen, eller tøm cellen, hvis der ikke er svaret"
        ]
    );
}

/// xlsxwriter (and rust_xlsxwriter) save 0 beside every formula and ask Excel to compute them
/// on opening: a wave written as a formula is no "Rul 0".
#[test]
fn a_formula_saved_with_a_placeholder_zero_is_not_its_value() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["Rul", "Uge", "Supporten"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    for row in 1..6u32 {
        sheet
            .write_formula(
                row,
                0,
                rust_xlsxwriter::Formula::new(format!("=\"Rul \"&{}", 1 + row % 2)),
            )
            .unwrap();
        sheet.write_number(row, 1, 1).unwrap();
        sheet.write_number(row, 2, 4).unwrap();
    }
    let sources = [Source {
        name: "svar.xlsx".into(),
        bytes: workbook.save_to_buffer().unwrap().into(),
    }];
    let import = import_sources(&sources, &ImportOptions::default());
    assert!(
        !import.dataset.waves.iter().any(|w| w == "Rul 0"),
        "{:?}",
        import.dataset.waves
    );
    let told = messages(&import);
    assert!(
        told.iter().any(|m| m.starts_with(
            "svar.xlsx: Sheet1, række 2, kolonne A («Rul»): cellen har formlen «=\"Rul \"&2» uden udregnet værdi"
        )),
        "{told:?}"
    );
    assert!(import.problems.iter().any(|p| p.is_error()));
}

/// A wave typed once and merged down beside its rows, as people lay out a sheet by hand.
#[test]
fn a_wave_merged_down_its_rows_counts_for_each_row() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["Rul", "Uge", "Supporten"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    let format = rust_xlsxwriter::Format::new();
    sheet.merge_range(1, 0, 3, 0, "Rul 1", &format).unwrap();
    sheet.merge_range(4, 0, 5, 0, "Rul 2", &format).unwrap();
    for (row, score) in [(1u32, 4.0), (2, 2.0), (3, 3.0), (4, 5.0), (5, 4.0)] {
        sheet.write_number(row, 1, 1).unwrap();
        sheet.write_number(row, 2, score).unwrap();
    }
    let sources = [Source {
        name: "flettet.xlsx".into(),
        bytes: workbook.save_to_buffer().unwrap().into(),
    }];
    let import = import_sources(&sources, &ImportOptions::default());
    assert_eq!(
        waves(&import),
        [("Rul 1".to_string(), 3, 3.0), ("Rul 2".to_string(), 2, 4.5)]
    );
    assert_eq!(
        messages(&import),
        [
            "flettet.xlsx: Sheet1: 2 celler er flettet ned over flere rækker: hver række under den øverste er læst med den øverste celles værdi, som Excel viser den"
        ]
    );
}

/// Rows of averages typed under the data, each with its wave and week: "Gennemsnit" where
/// the municipality goes, or a table's totals row with no word at all.
#[test]
fn average_rows_beside_the_data_are_not_answers() {
    let mut text = String::from("Rul;Uge;Kommune;Q1;Q2\n");
    for (municipality, a, b) in [("Køge", 4, 5), ("Faxe", 2, 3), ("Vejle", 3, 4), ("Ærø", 5, 4)] {
        text.push_str(&format!("Rul 1;4;{municipality};{a};{b}\n"));
    }
    text.push_str("Rul 1;4;Gennemsnit;3,5;4\n");
    let import = read("svar.csv", &text);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 8, 30.0 / 8.0)]);
    assert_eq!(
        messages(&import),
        [
            "svar.csv:6:3: rækken ligner en tabels totalrække (kolonne 3 «Kommune»): dens tal er ikke svar og tælles ikke med"
        ]
    );
    // No word: the averages themselves are no points of the scale.
    let text = "Rul;Uge;Kommune;Q1\nRul 1;4;Køge;4\nRul 1;4;Faxe;3\nRul 1;4;Vejle;5\n;;;4,0998\n";
    assert_eq!(
        messages(&read("svar.csv", text)),
        [
            "svar.csv:5:4: «4,0998» (kolonne 4 «Q1») er ikke et punkt på skalaen: svar er hele eller halve point — er rækken et gennemsnit eller en total, så slet den"
        ]
    );
}

#[test]
fn a_question_that_says_1_is_the_best_is_turned_around_and_told() {
    let text = "Rul;Uge;Tilfredshed (1 = Meget tilfreds, 5 = Meget utilfreds)\nRul 1;1;1\nRul 1;1;2\nRul 1;1;5\n";
    let import = read("svar.csv", text);
    // 1, 2, 5 read as 5, 4, 1.
    assert_eq!(waves(&import), [("Rul 1".to_string(), 3, 10.0 / 3.0)]);
    assert!(
        messages(&import)
            .iter()
            .any(|m| m.starts_with("svar.csv: kolonnen siger, at 1 er det bedste")),
        "{:?}",
        messages(&import)
    );
    // A scale named by its ends that is not 1-5 is left out.
    let text = "Rul;Uge;Q1;Tilfredshed (1=lav, 7=høj)\nRul 1;1;4;3\nRul 1;1;2;5\n";
    assert_eq!(read("svar.csv", text).dataset.questions, ["Q1"]);
}

#[test]
fn calendar_weeks_beside_dates_the_plan_places_are_told() {
    let plan = "rul;start\nRul 1;2025-01-06\n";
    // ISO weeks 2 and 3 of 2025 written where the rollout's weeks 1 and 2 belong.
    let data = "Rul;Dato;Ugenr.;Q1\nRul 1;07-01-2025;2;4\nRul 1;14-01-2025;3;2\nRul 1;15-01-2025;3;3\n";
    let import = read_all(&[("plan.csv", plan), ("svar.csv", data)]);
    assert_eq!(
        messages(&import),
        [
            "svar.csv:2:3: 3 rækker har en uge (kolonne 3 «Ugenr.»), som ikke er den uge, planen giver datoen, den første på denne linje: ugekolonnen bruges — er det kalenderuger, så giv --role med rollen ignore for den, så ugerne regnes ud fra datoerne"
        ]
    );
    assert_eq!(import.dataset.questions, ["Q1"], "the week column is no question");
}

/// A survey's creation date before its answer date: the weeks come from the answer's.
#[test]
fn the_answer_date_is_taken_before_the_date_the_survey_was_sent() {
    let plan = "rul;start\nRul 1;2025-01-06\n";
    // Sent on a Friday of week 3, answered on the Monday of week 4.
    let data = "Rul;Udsendt;Besvaret;Q1\nRul 1;24-01-2025;27-01-2025;4\nRul 1;24-01-2025;28-01-2025;2\n";
    let import = read_all(&[("plan.csv", plan), ("svar.csv", data)]);
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    assert_eq!(table.phases, ["Prøvevalg (uge 4)"], "{:?}", messages(&import));
}
