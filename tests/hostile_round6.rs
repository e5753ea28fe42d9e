//! A sixth hostile round: exports as the survey tools write them and as Danish Excel leaves
//! them, several weeks' exports together. Each file here gave a wrong number with nothing said.

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{Import, ImportOptions, Source, import_sources};
use valgpuls::locale::Lang;

fn read_all(files: &[(&str, &str)]) -> Import {
    let sources: Vec<Source> = files
        .iter()
        .map(|(name, text)| Source {
            name: (*name).into(),
            bytes: text.as_bytes().to_vec().into(),
        })
        .collect();
    import_sources(&sources, &ImportOptions::default())
}

fn read(name: &str, text: &str) -> Import {
    read_all(&[(name, text)])
}

fn messages(import: &Import) -> Vec<String> {
    import.problems.iter().map(|p| p.message(Lang::Da)).collect()
}

/// (wave, n, mean) of every wave's answers pooled.
fn waves(import: &Import) -> Vec<(String, u64, f64)> {
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    table
        .waves
        .iter()
        .map(|wave| {
            (
                wave.wave.clone(),
                wave.total.n,
                wave.total.pooled_mean.unwrap_or(f64::NAN),
            )
        })
        .collect()
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
