//! LimeSurvey's response export as CSV (its CsvWriter): UTF-8 with BOM, `,`, every field in
//! quotes, CRLF after each record and one more CRLF at the end. Headings either the full
//! question texts (array subquestions as `Question [Subquestion]`) or the question codes
//! (`code[SQ001]`); answers either full answers or answer codes.
//!
//! The survey: Kommune (short text), rul and uge (list questions, answer codes A1..), tilf
//! (an "Array (5 point choice)": values 1-5 in both answer modes, no "Ved ikke"; a skipped
//! item is empty), kommentar (long text), on three pages. System columns first: id, submitdate
//! (empty for an incomplete response), lastpage, startlanguage, seed, startdate, datestamp.

use super::records::{Answer, QUESTIONS, Record};
use super::{Encoding, Quote, csv_text, write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Headings {
    /// "Full question text" with "Full answers".
    FullText,
    /// "Question code" with "Answer codes".
    Codes,
}

fn header(headings: Headings) -> Vec<String> {
    let names: Vec<String> = match headings {
        Headings::FullText => {
            let mut h: Vec<String> = [
                "Response ID",
                "Date submitted",
                "Last page",
                "Start language",
                "Seed",
                "Date started",
                "Date last action",
                "Kommune",
                "Hvilket rul er I med i?",
                "Hvilken uge i forløbet er I i?",
            ]
            .map(String::from)
            .to_vec();
            h.extend(
                QUESTIONS
                    .iter()
                    .map(|q| format!("Hvor tilfreds er I med følgende? [{q}]")),
            );
            h.push("Har I andre kommentarer?".into());
            h
        }
        Headings::Codes => {
            let h = [
                "id",
                "submitdate",
                "lastpage",
                "startlanguage",
                "seed",
                "startdate",
                "datestamp",
            ];
            let mut h: Vec<String> = h.map(String::from).to_vec();
            h.extend(["kommune", "rul", "uge"].map(String::from));
            h.extend((1..=3).map(|i| format!("tilf[SQ00{i}]")));
            h.push("kommentar".into());
            h
        }
    };
    names
}

/// The export; with incomplete responses in the records, `lastpage` is the page each reached
/// (1-3), else 3 for everyone: one constant value.
pub fn write_csv(dir: &Path, records: &[Record], headings: Headings) -> PathBuf {
    let mut rows = vec![header(headings)];
    for r in records {
        let time = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
        let last_page = if !r.partial {
            3
        } else if r.answers[..2].iter().any(|a| *a != Answer::Empty) {
            2
        } else {
            1
        };
        let mut row = vec![
            r.id.to_string(),
            if r.partial { String::new() } else { time(r.end) },
            last_page.to_string(),
            "da".into(),
            (1_000_000_007 * r.id as u64 % 2_147_483_647).to_string(),
            time(r.start),
            time(r.end),
            r.municipality.into(),
        ];
        match headings {
            Headings::FullText => row.extend([r.wave_name(), format!("Uge {}", r.week)]),
            Headings::Codes => row.extend([format!("A{}", r.wave), format!("A{}", r.week)]),
        }
        for a in r.answers {
            row.push(match a {
                Answer::Score(s) => s.to_string(),
                Answer::Empty => String::new(),
                Answer::DontKnow => panic!("a LimeSurvey 5-point array has no \"Ved ikke\": generate without it"),
            });
        }
        row.push(r.comment.unwrap_or_default().into());
        rows.push(row);
    }
    let name = match headings {
        Headings::FullText => "results-survey845217.csv",
        Headings::Codes => "results-survey845217-koder.csv",
    };
    let text = csv_text(&rows, ',', Quote::All, "\r\n") + "\r\n";
    write(&dir.join(name), &text, Encoding::Utf8Bom)
}

/// The labels a user writes for the answer-code export (`column;code;label`): the list answers
/// A1.. of rul and uge.
pub fn code_labels() -> Vec<(String, String, String)> {
    let waves = (1..=3).map(|w| ("rul".to_string(), format!("A{w}"), format!("Rul {w}")));
    waves
        .chain((1..=5).map(|u| ("uge".to_string(), format!("A{u}"), format!("Uge {u}"))))
        .collect()
}
