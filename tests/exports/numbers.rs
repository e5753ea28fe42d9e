//! Numbers that look like 1-5 answers and are not: a ranking's places, a yes/no coded 1 and
//! 2. Found trying real-export layouts as a new user would (issue 9's audit); each test
//! failed before its fix.

use super::records::{Record, Spec, generate, label};
use super::{Encoding, Quote, TempDir, csv_text, write};
use crate::{assert_summary, summary};

/// A SurveyMonkey export with a ranking question ("Please rank …"): each row holds the places
/// 1-3 under the three parts. Before the fix they were averaged as ratings, the favourite
/// counted as the worst score, with nothing said.
#[test]
fn a_ranking_is_never_averaged() {
    let dir = TempDir::new("numbers-ranking");
    let records = generate(Spec::new(41));
    let system = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
    ];
    let parts = ["Valgdagen", "Supporten", "E-læring"];
    let mut first: Vec<String> = system.map(String::from).to_vec();
    let mut second = vec![String::new(); system.len()];
    for q in ["Kommune", "Hvilket rul er I med i?", "Hvilken uge?"] {
        first.push(q.into());
        second.push("Response".into());
    }
    first.extend(["Hvor tilfreds er I med følgende?", "", ""].map(String::from));
    second.extend(super::records::QUESTIONS.map(String::from));
    first.extend(["Please rank the parts of the rollout, most useful first", "", ""].map(String::from));
    second.extend(parts.map(String::from));
    let mut rows = vec![first, second];
    for r in &records {
        let date = |t: chrono::NaiveDateTime| t.format("%m/%d/%Y %I:%M:%S %p").to_string();
        let mut row = vec![
            (114_000_000_000 + r.id as u64).to_string(),
            "431876543".into(),
            date(r.start),
            date(r.end),
            "87.58.1.1".into(),
            String::new(),
            String::new(),
            String::new(),
            r.municipality.into(),
            r.wave_name(),
            format!("Uge {}", r.week),
        ];
        row.extend(r.answers.map(|a| label(a).to_string()));
        let places: [usize; 3] = [[1, 2, 3], [2, 3, 1], [3, 1, 2]][r.id % 3];
        row.extend(places.map(|p| p.to_string()));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("Sheet_1.csv"),
        &csv_text(&rows, ',', Quote::Needed, "\r\n"),
        Encoding::Utf8Bom,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}

/// A yes/no question coded 1 and 2 in an export without a code list: many answers, never a
/// 4 or 5. It cannot be told from a 1-5 rating by its values alone, so it is averaged, and the
/// user is told why it likely is not one and what to give; given it, the summary is right.
/// Before the fix it was averaged into the means without a word.
#[test]
fn a_yes_no_coded_one_and_two_is_told() {
    let dir = TempDir::new("numbers-yes-no");
    let records: Vec<Record> = generate(Spec::new(42));
    let question = "Deltog I i prøvevalget?";
    let mut header: Vec<String> = ["Kommune", "Rul", "Uge"].map(String::from).to_vec();
    header.extend(super::records::QUESTIONS.map(String::from));
    header.push(question.into());
    let mut rows = vec![header];
    for r in &records {
        let mut row = vec![r.municipality.to_string(), r.wave_name(), r.week.to_string()];
        row.extend(r.answers.map(|a| label(a).to_string()));
        row.push((1 + r.id % 2).to_string());
        rows.push(row);
    }
    let file = write(
        &dir.path().join("tjek-in.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Windows1252,
    );
    let run = summary(&[], &[&file]);
    let told = format!("kolonne «{question}» har kun svarene 1-2 i {} svar", records.len());
    assert!(run.stderr.contains(&told), "{told}\n{}", run.stderr);
    let role = format!("{question}=category");
    assert!(run.stderr.contains(&format!("--role \"{role}\"")), "{}", run.stderr);
    assert_summary(&summary(&["--role", &role], &[&file]), &records);
}

/// LimeSurvey's "answer codes" export: a 5-point array as numbers, and a list question whose
/// answers are the codes A1-A5. Without a code list the list question cannot be averaged;
/// before the fix it dropped out of the means without a word.
#[test]
fn list_answers_as_codes_without_a_code_list_are_told() {
    let dir = TempDir::new("numbers-answer-codes");
    let records = generate(Spec {
        dont_know: [false; 3],
        ..Spec::new(44)
    });
    let mut header: Vec<String> = [
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "kommune",
        "rul",
        "uge",
    ]
    .map(String::from)
    .to_vec();
    header.extend((1..=3).map(|i| format!("tilf[SQ00{i}]")));
    header.push("G03Q05".into());
    let mut rows = vec![header];
    for r in &records {
        let mut row = vec![
            r.id.to_string(),
            r.end.format("%Y-%m-%d %H:%M:%S").to_string(),
            "3".into(),
            "da".into(),
            (77 + r.id).to_string(),
            r.municipality.into(),
            r.wave_name(),
            format!("Uge {}", r.week),
        ];
        row.extend(r.answers.map(|a| match a {
            super::records::Answer::Score(s) => s.to_string(),
            _ => String::new(),
        }));
        row.push(format!("A{}", 1 + r.id % 5));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("results-survey845217.csv"),
        &csv_text(&rows, ',', Quote::All, "\r\n"),
        Encoding::Utf8Bom,
    );
    let run = summary(&[], &[&file]);
    assert_summary(&run, &records);
    assert!(
        run.stderr.contains("kolonne «G03Q05» har svarkoder") && run.stderr.contains("--labels FIL"),
        "{}",
        run.stderr
    );
}
