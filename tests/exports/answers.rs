//! Answers written as a number with its label, the way a form's author types the choices.
//! Found trying real-export layouts as a new user would (issue 9's audit).

use super::records::{Answer, LABELS, QUESTIONS, Spec, generate};
use super::{Encoding, Quote, TempDir, csv_text, write};
use crate::{assert_summary, summary};

/// Google Forms choices typed as "(5) Meget tilfreds", "Tilfreds = 4", "3. Hverken …" and
/// "2 (Utilfreds)": each the number and its label. Before the fix every row with one of them
/// was refused as an unknown answer.
#[test]
fn a_number_and_its_label_in_any_order_and_brackets() {
    let dir = TempDir::new("answers-numbered");
    let records = generate(Spec::new(47));
    let mut header: Vec<String> = ["Tidsstempel", "Kommune", "Rul", "Uge"].map(String::from).to_vec();
    header.extend(
        QUESTIONS
            .iter()
            .map(|q| format!("Hvor tilfreds er I med følgende? [{q}]")),
    );
    let mut rows = vec![header];
    for r in &records {
        let mut row = vec![
            r.end.format("%Y/%m/%d %-I:%M:%S %p GMT+2").to_string(),
            r.municipality.into(),
            r.wave_name(),
            r.week.to_string(),
        ];
        row.extend(r.answers.iter().enumerate().map(|(q, a)| match a {
            Answer::Score(s) => {
                let text = LABELS[usize::from(*s) - 1];
                match (q + r.id) % 4 {
                    0 => format!("({s}) {text}"),
                    1 => format!("{text} = {s}"),
                    2 => format!("{s}. {text}"),
                    _ => format!("{s} ({text})"),
                }
            }
            Answer::DontKnow => "Ved ikke".into(),
            Answer::Empty => String::new(),
        }));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("Tjek-in (svar).csv"),
        &csv_text(&rows, ',', Quote::All, "\r\n"),
        Encoding::Utf8,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}
