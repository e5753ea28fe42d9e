//! SurveyMonkey's "All responses data" export, CSV and XLSX, with two header rows: row 1 the
//! question (empty over the further columns of a question that spans several), row 2 the answer
//! option: "Response" for a single answer, "Open-Ended Response" for a text answer, a matrix
//! row's name under a matrix question. Before the questions come Respondent ID, Collector ID,
//! Start Date, End Date (`08/19/2024 10:10:20 AM`), IP Address, Email Address, First Name,
//! Last Name and Custom Data 1 (empty in row 2). Answers are the answer texts.

use super::records::{QUESTIONS, Record, label};
use super::{Encoding, Quote, csv_text, write};
use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};

const SYSTEM: [&str; 9] = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
];

fn date(at: chrono::NaiveDateTime) -> String {
    at.format("%m/%d/%Y %I:%M:%S %p").to_string()
}

/// Both header rows, then one row per respondent.
fn table(records: &[Record]) -> Vec<Vec<String>> {
    let mut first: Vec<String> = SYSTEM.map(String::from).to_vec();
    let mut second = vec![String::new(); SYSTEM.len()];
    for q in ["Kommune", "Hvilket rul er I med i?", "Hvilken uge i forløbet er I i?"] {
        first.push(q.into());
        second.push("Response".into());
    }
    first.push("Hvor tilfreds er I med følgende?".into());
    first.extend(["", ""].map(String::from));
    second.extend(QUESTIONS.map(String::from));
    first.push("Har I andre kommentarer?".into());
    second.push("Open-Ended Response".into());
    let mut rows = vec![first, second];
    for r in records {
        let mut row = vec![
            (114_146_497_513 + 3_517 * r.id as u64).to_string(),
            "431876543".into(),
            date(r.start),
            date(r.end),
            format!("87.58.{}.{}", r.id % 200, (r.id * 7) % 250),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            r.municipality.into(),
            r.wave_name(),
            format!("Uge {}", r.week),
        ];
        row.extend(r.answers.map(|a| label(a).to_string()));
        row.push(r.comment.unwrap_or_default().into());
        rows.push(row);
    }
    rows
}

/// The CSV: `,`, quotes only where needed, UTF-8 with BOM, CRLF.
pub fn write_csv(dir: &Path, records: &[Record]) -> PathBuf {
    write(
        &dir.join("Sheet_1.csv"),
        &csv_text(&table(records), ',', Quote::Needed, "\r\n"),
        Encoding::Utf8Bom,
    )
}

/// The XLSX: the same two header rows; the ids as numbers, the dates as the same text.
pub fn write_xlsx(dir: &Path, records: &[Record]) -> PathBuf {
    let path = dir.join("Tilfredshed VALG.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Sheet").expect("a sheet name");
    for (r, row) in table(records).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if v.is_empty() {
                continue;
            }
            if r >= 2 && c < 2 {
                sheet
                    .write_number(r, c, v.parse::<f64>().expect("an id"))
                    .expect("write");
            } else {
                sheet.write_string(r, c, v).expect("write");
            }
        }
    }
    workbook.save(&path).expect("save the workbook");
    path
}
