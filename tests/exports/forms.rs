//! Microsoft Forms: the .xlsx from "Open results in Excel"/"Download a copy", and the same sheet
//! saved by Danish Excel as "CSV (semikolonsepareret)" (Windows-1252) or "CSV UTF-8".
//!
//! Layout: Id, the start and completion times (real Excel datetimes formatted `m/d/yy h:mm:ss`),
//! e-mail ("anonymous" for an anonymous form), name, last-modified time (empty unless a response
//! was edited), then one column per question headed by the question's title. Choice questions
//! hold the choice's text, a rating question its number. Forms names its own columns in the
//! language of the person who downloads, the questions in the form's language.

use super::records::{Answer, QUESTIONS, Record, label};
use super::{Encoding, Quote, csv_text, excel_serial, write};
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lang {
    Danish,
    English,
}

/// Which form: with the wave and week questions, or the one form used at every check-in (only
/// Kommune, the times and the questions: wave and week come from the rollout plan).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Form {
    WaveAndWeek,
    Plain,
}

/// The date columns' headers, for tests that expect them named in a message.
pub fn time_headers(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Danish => [
            "Starttidspunkt",
            "Tidspunkt for fuldførelse",
            "Tidspunkt for seneste ændring",
        ],
        Lang::English => ["Start time", "Completion time", "Last modified time"],
    }
}

enum Cell {
    Number(f64),
    Text(String),
    Time(chrono::NaiveDateTime),
    Empty,
}

fn header(lang: Lang, form: Form) -> Vec<String> {
    let [start, completion, modified] = time_headers(lang);
    let (mail, name) = match lang {
        Lang::Danish => ("Mail", "Navn"),
        Lang::English => ("Email", "Name"),
    };
    let mut h = vec!["Id", start, completion, mail, name, modified, "Kommune"];
    if form == Form::WaveAndWeek {
        h.extend(["Hvilket rul er I med i?", "Hvilken uge i forløbet er I i?"]);
    }
    h.extend(QUESTIONS);
    // Forms keeps a title's trailing no-break space (seen in real exports).
    h.push("Har I andre kommentarer?\u{a0}");
    h.into_iter().map(String::from).collect()
}

fn row(r: &Record, form: Form) -> Vec<Cell> {
    let mut row = vec![
        Cell::Number(r.id as f64),
        Cell::Time(r.start),
        Cell::Time(r.end),
        Cell::Text("anonymous".into()),
        Cell::Empty,
        Cell::Empty,
        Cell::Text(r.municipality.into()),
    ];
    if form == Form::WaveAndWeek {
        row.push(Cell::Text(r.wave_name()));
        row.push(Cell::Text(format!("Uge {}", r.week)));
    }
    // Valgdagen and Udrulningen are choice questions with a "Ved ikke" choice; Supporten is a
    // 1-5 rating, which has none.
    for answer in &r.answers[..2] {
        row.push(match answer {
            Answer::Empty => Cell::Empty,
            a => Cell::Text(label(*a).into()),
        });
    }
    row.push(match r.answers[2] {
        Answer::Score(s) => Cell::Number(f64::from(s)),
        Answer::Empty => Cell::Empty,
        Answer::DontKnow => panic!("a Forms rating question has no \"Ved ikke\": generate without it"),
    });
    row.push(r.comment.map_or(Cell::Empty, |c| Cell::Text(c.into())));
    row
}

pub fn write_xlsx(dir: &Path, records: &[Record], lang: Lang, form: Form) -> PathBuf {
    let path = dir.join(match lang {
        Lang::Danish => "Tilfredshed med udrulningen(1-150).xlsx",
        Lang::English => "Satisfaction check-in(1-150).xlsx",
    });
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1").expect("a valid sheet name");
    let time = Format::new().set_num_format("m/d/yy h:mm:ss");
    for (c, h) in header(lang, form).iter().enumerate() {
        sheet.write_string(0, c as u16, h).expect("write a header");
    }
    for (i, r) in records.iter().enumerate() {
        let row_number = i as u32 + 1;
        for (c, cell) in row(r, form).into_iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Number(n) => sheet.write_number(row_number, c, n),
                Cell::Text(t) => sheet.write_string(row_number, c, t),
                Cell::Time(t) => sheet.write_number_with_format(row_number, c, excel_serial(t), &time),
                Cell::Empty => continue,
            }
            .expect("write a cell");
        }
    }
    workbook.save(&path).expect("save the workbook");
    path
}

/// The Forms sheet saved by Danish Excel as CSV: `;`, CRLF, cells as displayed, so the times in
/// the sheet's US format `8/19/24 8:06:53`; quotes only where needed.
/// `Encoding::Windows1252` is "CSV (semikolonsepareret)", `Encoding::Utf8Bom` is "CSV UTF-8".
pub fn write_excel_csv(dir: &Path, records: &[Record], lang: Lang, form: Form, encoding: Encoding) -> PathBuf {
    let mut rows = vec![header(lang, form)];
    for r in records {
        rows.push(
            row(r, form)
                .into_iter()
                .map(|cell| match cell {
                    Cell::Number(n) => n.to_string(),
                    Cell::Text(t) => t,
                    Cell::Time(t) => t.format("%-m/%-d/%y %-H:%M:%S").to_string(),
                    Cell::Empty => String::new(),
                })
                .collect(),
        );
    }
    let name = match encoding {
        Encoding::Windows1252 => "Tilfredshed med udrulningen.csv",
        _ => "Tilfredshed med udrulningen (UTF-8).csv",
    };
    write(&dir.join(name), &csv_text(&rows, ';', Quote::Needed, "\r\n"), encoding)
}
