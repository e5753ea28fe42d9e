//! Google Forms' "Download responses (.csv)": `,`, every field in quotes, UTF-8, a timestamp
//! like `2024/08/19 11:01:52 AM GMT+2` (the offset changes with daylight saving time), the
//! e-mail column when the form collects addresses, a grid question as one column per row
//! headed `Question [Row]`. The form has no week question: the week follows from the
//! timestamp and the plan's wave starts.

use super::records::{QUESTIONS, Record, label};
use super::{Encoding, Quote, csv_text, write};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lang {
    /// "Tidsstempel", "E-mailadresse".
    Danish,
    /// "Timestamp", "Email address".
    English,
}

pub fn timestamp_header(lang: Lang) -> &'static str {
    match lang {
        Lang::Danish => "Tidsstempel",
        Lang::English => "Timestamp",
    }
}

/// Danish local time as Google writes it: 12-hour clock and the offset from GMT.
fn timestamp(at: NaiveDateTime) -> String {
    // Summer time ended on Sunday 27 October 2024.
    let offset = if at.date() < NaiveDate::from_ymd_opt(2024, 10, 27).expect("a date") {
        2
    } else {
        1
    };
    format!("{} GMT+{offset}", at.format("%Y/%m/%d %-I:%M:%S %p"))
}

pub fn write_csv(dir: &Path, records: &[Record], lang: Lang) -> PathBuf {
    let mail = match lang {
        Lang::Danish => "E-mailadresse",
        Lang::English => "Email address",
    };
    let mut header: Vec<String> = vec![
        timestamp_header(lang).into(),
        mail.into(),
        "Kommune".into(),
        "Rul".into(),
    ];
    header.extend(
        QUESTIONS
            .iter()
            .map(|q| format!("Hvor tilfreds er I med følgende? [{q}]")),
    );
    header.push("Kommentarer til forløbet".into());
    let mut rows = vec![header];
    for r in records {
        let mut row = vec![
            timestamp(r.end),
            format!("valg{}@kommune.example", r.id),
            r.municipality.into(),
            r.wave_name(),
        ];
        row.extend(r.answers.map(|a| label(a).to_string()));
        row.push(r.comment.unwrap_or_default().into());
        rows.push(row);
    }
    let name = "Tilfredshed med udrulningen (svar) - Formularsvar 1.csv";
    write(
        &dir.join(name),
        &csv_text(&rows, ',', Quote::All, "\r\n"),
        Encoding::Utf8,
    )
}
