//! Ordinary files the checks for hostile ones must leave alone: each of these once lost real
//! answers, or told of a problem that was not there.

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::Import;

mod reading;

use reading::{messages, read_texts as read_all, waves};

fn read(name: &str, text: &str) -> Import {
    read_all(&[(name, text)])
}

#[test]
fn a_comment_or_a_question_that_says_middel_or_i_alt_is_no_total_row() {
    let text = "Kommentar;Kommune;Rul;Uge;Q1\nMiddel;Køge;Rul 1;1;2\nMax;Faxe;Rul 1;1;4\n\
                Godt forløb i alt;Vejle;Rul 1;2;3\n";
    let import = read("svar.csv", text);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 3, 3.0)]);
    assert!(messages(&import).is_empty(), "{:?}", messages(&import));
    let long =
        "Spørgsmål;Rul;Uge;Svar\nTilfredshed i alt;Rul 2;5;3\nTilfredshed i alt;Rul 2;5;4\nSupporten;Rul 2;5;2\n";
    assert_eq!(waves(&read("lang.csv", long)), [("Rul 2".to_string(), 3, 3.0)]);
}

#[test]
fn ratings_that_mention_an_order_a_number_or_a_recommendation_are_questions() {
    let text = "Rul;Uge;Hvor enig er du: Vi fik hjælp i den rigtige rækkefølge;\
                Hvordan fungerede valgstedernes placering i systemet?;Hvor let var det at indtaste antal stemmer?;\
                Hvor tilfreds er du med NPS-opfølgningen?;How did the timer in the app work?\n\
                Rul 1;1;Helt enig;4;5;3;2\nRul 1;1;Uenig;2;3;4;4\nRul 1;2;Enig;3;4;5;3\n";
    let import = read("svar.csv", text);
    assert_eq!(import.dataset.questions.len(), 5, "{:?}", import.dataset.questions);
    assert!(messages(&import).is_empty(), "{:?}", messages(&import));
}

#[test]
fn a_numbered_code_list_with_an_unanswered_code_is_on_the_scale() {
    let dataset = "respondentid;rul;uge;s_1\n1;1;1;1\n2;1;1;5\n3;1;1;0\n4;1;1;3\n";
    let labels = "s_1;1;1 - Meget utilfreds\ns_1;2;2\ns_1;3;3\ns_1;4;4\ns_1;5;5 - Meget tilfreds\ns_1;0;Ubesvaret\n";
    let import = read_all(&[("dataset.csv", dataset), ("labels.csv", labels)]);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 3, 3.0)]);
}

#[test]
fn the_plan_places_a_municipality_spelt_with_aa_or_a_ring() {
    let plan = "rul;kommune\nRul 1;Aabenraa\nRul 2;Ålborg\n";
    let data = "Kommune;Uge;Q1\nÅbenrå;1;4\nAalborg;1;2\n";
    let import = read_all(&[("plan.csv", plan), ("svar.csv", data)]);
    assert_eq!(
        waves(&import),
        [("Rul 1".to_string(), 1, 4.0), ("Rul 2".to_string(), 1, 2.0)]
    );
}

#[test]
fn people_answering_alike_at_one_meeting_are_no_repeats() {
    // Times to the minute (a file saved again by Excel), no id: alike answers, one minute.
    let text = "Tidspunkt;Kommune;Rul;Uge;Q1;Q2\n13-01-2025 10:15;Køge;Rul 1;1;4;4\n\
                13-01-2025 10:15;Køge;Rul 1;1;4;4\n13-01-2025 10:15;Køge;Rul 1;1;4;4\n";
    let import = read("svar.csv", text);
    assert!(messages(&import).is_empty(), "{:?}", messages(&import));
    assert_eq!(waves(&import), [("Rul 1".to_string(), 6, 4.0)]);
    // One form per wave: ids restart at 1, a joint meeting puts them in the same minute.
    let form = "Id;Starttidspunkt;Kommune;Uge;Q1;Q2\n1;13-01-2025 10:15:00;Køge;4;4;4\n";
    let import = read_all(&[("Check-in Rul 2 uge 4.csv", form), ("Check-in Rul 3 uge 4.csv", form)]);
    assert!(
        !messages(&import).iter().any(|m| m.contains("står også i")),
        "{:?}",
        messages(&import)
    );
}

#[test]
fn between_commas_a_point_is_the_decimal_mark() {
    let text = "Rul,Uge,Q1\nRul 1,1,4.000\nRul 1,1,2.000\n";
    assert_eq!(waves(&read("svar.csv", text)), [("Rul 1".to_string(), 2, 3.0)]);
}

#[test]
fn a_week_column_of_test_elections_by_number_puts_them_in_weeks_4_and_5() {
    let text = "Rul;Uge;Q1\nRul 1;Uge 1;4\nRul 1;1. prøvevalg;2\nRul 1;2. prøvevalg;3\nRul 1;Prøvevalg 2;5\n";
    let import = read("svar.csv", text);
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    let cells: Vec<u64> = table.waves[0].cells.iter().map(|c| c.stats.n).collect();
    assert_eq!(cells, [1, 1, 2], "{:?}", table.phases);
}

#[test]
fn the_danish_extent_scale_down_to_slet_ikke_is_read() {
    let text = "Rul;Uge;I hvilken grad fik I hjælp?\nRul 1;1;I meget høj grad\nRul 1;1;I mindre grad\n\
                Rul 1;1;Slet ikke\nRul 1;1;I nogen grad\n";
    let import = read("svar.csv", text);
    assert!(messages(&import).is_empty(), "{:?}", messages(&import));
    assert_eq!(waves(&import), [("Rul 1".to_string(), 4, 11.0 / 4.0)]);
}

#[test]
fn a_plan_that_places_a_files_answers_in_another_wave_than_its_name_is_told() {
    let plan = "rul;kommune\nRul 1;Køge\nRul 2;Faxe\n";
    let data = "Kommune;Uge;Q1\nKøge;1;4\nFaxe;1;2\nVejle;1;3\n";
    let import = read_all(&[("plan.csv", plan), ("rul2_uge1.csv", data)]);
    assert_eq!(
        waves(&import),
        [("Rul 1".to_string(), 1, 4.0), ("Rul 2".to_string(), 2, 2.5)]
    );
    let told = messages(&import);
    assert!(
        told.contains(&"rul2_uge1.csv: planen placerer 1 række i en anden rul end «Rul 2», som filnavnet siger: planens rul bruges — er filen kun for «Rul 2», så ret planen".to_string()),
        "{told:?}"
    );
}

#[test]
fn a_question_asked_for_without_its_question_mark_is_found() {
    let dir = std::env::temp_dir().join(format!("valgpuls-question-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("svar.csv");
    std::fs::write(&file, "Rul;Uge;Supporten?;Valgdagen?\nRul 1;1;4;2\nRul 1;1;2;2\n").unwrap();
    let args: Vec<String> = vec![
        "summary".into(),
        "--format".into(),
        "csv".into(),
        "--min-n".into(),
        "1".into(),
        "--question".into(),
        "supporten".into(),
        file.to_string_lossy().into_owned(),
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = valgpuls::cli::run(&args, &mut out, &mut err);
    let out = String::from_utf8_lossy(&out);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert!(
        out.lines().any(|l| l.starts_with("Rul 1;Klargøring (uge 1-3);2;3,00")),
        "{out}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// A block of rows pasted in again further down (times to the minute, no id) is told; alike
/// answers side by side at one meeting are not.
#[test]
fn a_block_pasted_again_is_told_but_a_meeting_is_not() {
    let mut text = String::from("Tidspunkt;Kommune;Rul;Uge;Q1;Q2\n");
    let rows: Vec<String> = (0..6)
        .map(|i| format!("13-01-2025 10:{:02};Køge;Rul 1;1;{};{}\n", 10 + i, 1 + i % 5, 5 - i % 5))
        .collect();
    for row in rows.iter().chain(rows.iter().skip(2)) {
        text.push_str(row);
    }
    let told = messages(&read("svar.csv", &text));
    assert_eq!(
        told,
        [
            "svar.csv:8: 4 svar står mere end én gang i filen (samme svar-id eller tidspunkt og de samme svar), den første gentagelse på denne linje: hver gentagelse tælles med — fjern de gentagne rækker"
        ]
    );
}

#[test]
fn a_phase_column_naming_the_test_elections_by_number_is_weeks_4_and_5() {
    let text = "Rul;Fase;Q1\nRul 1;Klargøring;4\nRul 1;1. prøvevalg;2\nRul 1;Prøvevalg 2;3\nRul 1;Første prøvevalg;4\n";
    let import = read("svar.csv", text);
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    assert_eq!(table.phases.len(), 3, "{:?}", table.phases);
    let cells: Vec<u64> = table.waves[0].cells.iter().map(|c| c.stats.n).collect();
    assert_eq!(cells, [1, 2, 1]);
    let week = "Rul;Uge;Q1\nRul 1;1;4\nRul 1;4 (1. prøvevalg);2\nRul 1;5 (2. prøvevalg);3\n";
    assert!(messages(&read("uge.csv", week)).is_empty());
}

#[test]
fn rows_of_averages_typed_under_the_data_are_passed_over_whatever_their_word() {
    let mut text = String::from("Rul;Uge;Kommune;Q1\n");
    for (municipality, score) in [("Køge", 4), ("Faxe", 2), ("Vejle", 3)] {
        text.push_str(&format!("Rul 1;4;{municipality};{score}\n"));
    }
    for word in ["Gns.", "Samlet", "Hele landet", "Gennemsnit Rul 1"] {
        text.push_str(&format!("Rul 1;4;{word};3\n"));
    }
    let import = read("svar.csv", &text);
    assert_eq!(waves(&import), [("Rul 1".to_string(), 3, 3.0)]);
    assert_eq!(import.dataset.municipalities, ["Faxe", "Køge", "Vejle"]);
}
