//! A title above the header, as a user adds in Excel before saving the export as CSV. Found
//! trying real-export layouts as a new user would (issue 9's audit).

use super::records::{QUESTIONS, Spec, generate, label};
use super::{Encoding, Quote, TempDir, csv_text, write};
use crate::{assert_summary, summary};

/// A Forms export saved by Danish Excel with a title in A1 and an empty line under it. Before
/// the fix the title was taken for the header: "no column of answers", nothing read.
#[test]
fn a_title_line_above_the_header_is_passed_over_and_said() {
    let dir = TempDir::new("titles");
    let records = generate(Spec::new(43));
    let mut header: Vec<String> = [
        "Id",
        "Starttidspunkt",
        "Tidspunkt for fuldførelse",
        "Kommune",
        "Rul",
        "Uge",
    ]
    .map(String::from)
    .to_vec();
    header.extend(QUESTIONS.map(String::from));
    let width = header.len();
    let mut title = vec![String::new(); width];
    title[0] = "Tilfredshed med udrulningen – eksport 19-10-2024".into();
    let mut rows = vec![title, vec![String::new(); width], header];
    for r in &records {
        let time = r.end.format("%d-%m-%Y %H:%M").to_string();
        let mut row = vec![
            r.id.to_string(),
            time.clone(),
            time,
            r.municipality.into(),
            r.wave_name(),
            r.week.to_string(),
        ];
        row.extend(r.answers.map(|a| label(a).to_string()));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("Tilfredshed.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Windows1252,
    );
    let run = summary(&[], &[&file]);
    assert_summary(&run, &records);
    let told = format!("{}:3: titlen over denne linje er sprunget over", file.display());
    assert!(run.stderr.contains(&told), "{told}\n{}", run.stderr);
}
