//! The week as forms ask it: one choice for the preparation weeks together ("Uge 1-3
//! (klargøring)"), or not at all. Found trying real-export layouts as a new user would
//! (issue 9's audit); each test failed before its fix.

use super::records::{QUESTIONS, Spec, generate, label};
use super::{Encoding, Quote, TempDir, csv_text, write};
use crate::{assert_summary, summary};

fn week_choice(week: u8) -> String {
    match week {
        1..=3 => "Uge 1-3 (klargøring)".into(),
        w => format!("Uge {w} (prøvevalg)"),
    }
}

/// A Forms choice that groups the preparation weeks: its answers are in "Klargøring (uge
/// 1-3)", the week itself unknown. Before the fix the week column, mostly such spans, was a
/// category and every answer "Uden fase", with nothing said.
#[test]
fn a_span_of_weeks_within_one_phase_gives_the_phase() {
    let dir = TempDir::new("weeks-span");
    let records = generate(Spec::new(45));
    let mut header: Vec<String> = ["Kommune", "Hvilket rul er I med i?", "Hvor er I i forløbet?"]
        .map(String::from)
        .to_vec();
    header.extend(QUESTIONS.map(String::from));
    let mut rows = vec![header];
    for r in &records {
        let mut row = vec![r.municipality.to_string(), r.wave_name(), week_choice(r.week)];
        row.extend(r.answers.map(|a| label(a).to_string()));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("tjek-in.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Utf8Bom,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}

/// No week, phase or date column at all: every answer is "Uden fase", and the user is told
/// why and what to give. Before the fix the table showed one column "Uden fase" unexplained.
#[test]
fn no_week_phase_or_date_column_is_told() {
    let dir = TempDir::new("weeks-none");
    let records = generate(Spec::new(46));
    let mut header: Vec<String> = ["Kommune", "Rul"].map(String::from).to_vec();
    header.extend(QUESTIONS.map(String::from));
    let mut rows = vec![header];
    for r in &records {
        let mut row = vec![r.municipality.to_string(), r.wave_name()];
        row.extend(r.answers.map(|a| label(a).to_string()));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("uden-uge.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Utf8,
    );
    let run = summary(&[], &[&file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("ingen uge-, fase- eller datokolonne: alle svar er «Uden fase»"),
        "{}",
        run.stderr
    );
}
