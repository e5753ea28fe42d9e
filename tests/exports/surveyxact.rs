//! SurveyXact's dataset export: a folder with dataset.csv, labels.csv and structure.csv, or one
//! .xlsx with the sheets Labels, Dataset and Structure (in that order in the public example).
//!
//! dataset.csv: variable names as headers, value codes as answers, an empty cell for no answer,
//! and the system variables around the questions (sxvars.rs): respondentid, statinternal_1-20
//! (0/1 each), created, modified, closetime, starttime, difftime (seconds with decimals), the
//! number of answering sessions (1-4: it looks like a score), returned mails, import group,
//! schedule, e-mail, distribution status and error, then the questions, then the status dummies
//! statcompletion_, statcreation_, statdistribution_, statsource_, statcollect_, statoverall_.
//! labels.csv: `variable;value;label` rows, no header row. structure.csv: a header row
//! `questionName;variableName;questionType;subType;questionText;choiceValue;choiceText`, a row
//! per variable, the system variables included. Rows in respondent order: here sorted by
//! municipality, as an imported respondent list, so not in time order.

use super::records::{Answer, LABELS, QUESTIONS, Record, code};
use super::sxvars::{INTERNAL, STATUS, SYSTEM, short};
use super::{Encoding, Quote, csv_line, csv_text, excel_serial, write};
use chrono::NaiveDateTime;
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Variant {
    /// The Danish "European" CSV: `;`, Windows-1252, CRLF, long variable names,
    /// `19-08-2024 08:06:53`, decimal comma.
    Semicolon1252,
    /// Tab-separated UTF-16 LE with BOM, CRLF, and what the public examples of it show: the
    /// 8-character short names (`stat_1`, `closetim`, `starttim`, `response`, `statc_1`,
    /// `stato_4`), ISO times, decimal point, label texts in quotes, and an empty last column in
    /// every structure row.
    TabUtf16,
}

/// The code SurveyXact gives the "Ved ikke" choice of a 1-5 scale (the next choice value).
pub const DONT_KNOW_CODE: &str = "6";

const WAVE_QUESTION: &str = "Hvilket rul er I med i?";
const WEEK_QUESTION: &str = "Hvilken uge i forløbet er I i?";

enum Val {
    Int(i64),
    Seconds(f64),
    Text(String),
    Time(NaiveDateTime),
    Empty,
}

fn name(long: &str, variant: Option<Variant>) -> String {
    if variant == Some(Variant::TabUtf16) {
        short(long)
    } else {
        long.to_string()
    }
}

fn status_names() -> impl Iterator<Item = String> {
    STATUS
        .iter()
        .flat_map(|(stem, _, c)| (1..=c.len()).map(move |i| format!("{stem}_{i}")))
}

/// The dataset's header (long names) and rows.
fn dataset(records: &[Record]) -> (Vec<String>, Vec<Vec<Val>>) {
    let mut header = vec!["respondentid".to_string()];
    header.extend((1..=20).map(|i| format!("statinternal_{i}")));
    header.extend(SYSTEM[1..].iter().map(|(q, ..)| q.to_lowercase()));
    header.extend(["s_1", "s_2", "s_3", "s_4_1", "s_4_2", "s_4_3", "s_5"].map(String::from));
    header.extend(status_names());
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by_key(|r| (r.municipality, r.start));
    let mut rows = vec![];
    for (i, r) in sorted.into_iter().enumerate() {
        let done = !r.partial;
        let mut row = vec![Val::Int(841_931_211 + 37 * i as i64)];
        let internal = [1, 0, 0, 0, 0, 1, i64::from(done), 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        row.extend(internal.map(Val::Int));
        row.push(Val::Time(r.start - chrono::Duration::seconds(4)));
        row.push(Val::Time(r.end));
        row.push(if done { Val::Time(r.end) } else { Val::Empty });
        row.push(Val::Time(r.start));
        row.push(Val::Seconds(
            (r.end - r.start).num_milliseconds() as f64 / 1000.0 + 0.407,
        ));
        row.push(Val::Int(1 + (r.id as i64 * 7) % 4));
        row.extend([Val::Int(0), Val::Empty, Val::Empty]);
        row.push(Val::Text(format!("valg{}@kommune.example", r.id)));
        row.extend([Val::Int(1), Val::Empty]);
        row.push(Val::Text(r.municipality.into()));
        row.push(Val::Int(r.wave.into()));
        row.push(Val::Int(r.week.into()));
        for a in r.answers {
            row.push(match a {
                Answer::Empty => Val::Empty,
                a => Val::Int(code(a, DONT_KNOW_CODE).parse().expect("a code")),
            });
        }
        row.push(r.comment.map_or(Val::Empty, |c| Val::Text(c.into())));
        let status: [&[i64]; 6] = if done {
            [
                &[1, 1, 0],
                &[0, 1, 0, 0, 0, 0, 0],
                &[0, 0, 1, 0, 0],
                &[1, 0, 0, 0, 0, 0],
                &[0, 0, 1, 0],
                &[0, 0, 0, 1, 0],
            ]
        } else {
            [
                &[0, 0, 0],
                &[0, 1, 0, 0, 0, 0, 0],
                &[0, 0, 1, 0, 0],
                &[1, 0, 0, 0, 0, 0],
                &[0, 1, 0, 0],
                &[0, 0, 1, 0, 0],
            ]
        };
        row.extend(status.iter().flat_map(|s| s.iter().map(|v| Val::Int(*v))));
        rows.push(row);
    }
    (header, rows)
}

fn text(v: &Val, variant: Variant) -> String {
    let iso = variant == Variant::TabUtf16;
    match v {
        Val::Int(i) => i.to_string(),
        Val::Seconds(s) if iso => format!("{s:.3}"),
        Val::Seconds(s) => format!("{s:.3}").replace('.', ","),
        Val::Text(t) => t.clone(),
        Val::Time(t) if iso => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Val::Time(t) => t.format("%d-%m-%Y %H:%M:%S").to_string(),
        Val::Empty => String::new(),
    }
}

/// labels.csv (long names): the wave, week and question codes and the status dummies.
pub fn labels() -> Vec<(String, String, String)> {
    let mut rows = wave_week_labels();
    for q in 1..=QUESTIONS.len() {
        for (i, l) in LABELS.iter().enumerate() {
            rows.push((format!("s_4_{q}"), (i + 1).to_string(), l.to_string()));
        }
        rows.push((format!("s_4_{q}"), DONT_KNOW_CODE.into(), "Ved ikke".into()));
    }
    for variable in (1..=20).map(|i| format!("statinternal_{i}")).chain(status_names()) {
        rows.push((variable.clone(), "0".into(), "Ikke valgt".into()));
        rows.push((variable, "1".into(), "Valgt".into()));
    }
    rows
}

/// Only the wave (s_2) and week (s_3) codes: what a user gives with --labels when the export's
/// own labels.csv is missing.
pub fn wave_week_labels() -> Vec<(String, String, String)> {
    let waves = (1..=3).map(|w| ("s_2".to_string(), w.to_string(), format!("Rul {w}")));
    waves
        .chain((1..=5).map(|u| ("s_3".to_string(), u.to_string(), format!("Uge {u}"))))
        .collect()
}

/// structure.csv's rows, the header first; `variant` None for the Excel export.
fn structure(variant: Option<Variant>) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut add = |question: &str, variable: &str, kind: [&str; 2], text: &str, choice: Option<(usize, &str)>| {
        let (value, choice) = choice.map_or((String::new(), ""), |(v, c)| (v.to_string(), c));
        let variable = name(variable, variant);
        let fields = [
            question,
            variable.as_str(),
            kind[0],
            kind[1],
            text,
            value.as_str(),
            choice,
        ];
        rows.push(fields.map(String::from).to_vec());
    };
    let (q, kind, t) = (SYSTEM[0].0, [SYSTEM[0].1, SYSTEM[0].2], SYSTEM[0].3);
    add(q, "respondentid", kind, t, None);
    for (i, choice) in INTERNAL.iter().enumerate() {
        let variable = format!("statinternal_{}", i + 1);
        add(
            "statinternal",
            &variable,
            ["Closed", "Multiple"],
            "Intern status",
            Some((i + 1, choice)),
        );
    }
    for &(q, kind, sub, t) in &SYSTEM[1..] {
        add(q, &q.to_lowercase(), [kind, sub], t, None);
    }
    add("s_1", "s_1", ["Open", "String"], "Kommune", None);
    add("s_2", "s_2", ["Closed", "Single"], WAVE_QUESTION, None);
    add("s_3", "s_3", ["Closed", "Single"], WEEK_QUESTION, None);
    for (i, q) in QUESTIONS.iter().enumerate() {
        let text = format!("Hvor tilfreds er I med følgende? - {q}");
        add("s_4", &format!("s_4_{}", i + 1), ["Closed", "Single"], &text, None);
    }
    add(
        "s_5",
        "s_5",
        ["Open", "String"],
        "Har I andre kommentarer til forløbet?",
        None,
    );
    for (stem, t, choices) in STATUS {
        for (i, choice) in choices.iter().enumerate() {
            add(
                stem,
                &format!("{stem}_{}", i + 1),
                ["Closed", "Multiple"],
                t,
                Some((i + 1, choice)),
            );
        }
    }
    let header = [
        "questionName",
        "variableName",
        "questionType",
        "subType",
        "questionText",
        "choiceValue",
        "choiceText",
    ];
    rows.insert(0, header.map(String::from).to_vec());
    if variant == Some(Variant::TabUtf16) {
        rows.iter_mut().for_each(|r| r.push(String::new()));
    }
    rows
}

/// The files of a CSV export folder. Labels and structure are left out when asked, as when
/// someone mails only dataset.csv.
pub struct Folder {
    pub dataset: PathBuf,
    pub labels: Option<PathBuf>,
    pub structure: Option<PathBuf>,
}

pub fn write_folder(dir: &Path, records: &[Record], variant: Variant, labels_too: bool, structure_too: bool) -> Folder {
    let (sep, encoding) = match variant {
        Variant::Semicolon1252 => (';', Encoding::Windows1252),
        Variant::TabUtf16 => ('\t', Encoding::Utf16LeBom),
    };
    let (header, rows) = dataset(records);
    let mut table = vec![header.iter().map(|h| name(h, Some(variant))).collect()];
    table.extend(rows.iter().map(|r| r.iter().map(|v| text(v, variant)).collect()));
    let dataset = write(
        &dir.join("dataset.csv"),
        &csv_text(&table, sep, Quote::Needed, "\r\n"),
        encoding,
    );
    let labels = labels_too.then(|| {
        let lines: String = labels()
            .into_iter()
            .map(|(v, c, l)| match variant {
                Variant::TabUtf16 => format!("\"{}\"\t{c}\t\"{l}\"\r\n", short(&v)),
                Variant::Semicolon1252 => csv_line(&[v, c, l], sep, Quote::Needed, "\r\n"),
            })
            .collect();
        write(&dir.join("labels.csv"), &lines, encoding)
    });
    let structure = structure_too.then(|| {
        let text = csv_text(&structure(Some(variant)), sep, Quote::Needed, "\r\n");
        write(&dir.join("structure.csv"), &text, encoding)
    });
    Folder {
        dataset,
        labels,
        structure,
    }
}

/// The Excel export: sheets Labels (no header row), Dataset and Structure; long names; codes and
/// counts as numbers, times as Excel datetimes.
pub fn write_xlsx(dir: &Path, records: &[Record]) -> PathBuf {
    let path = dir.join("Tilfredshed VALG - dataset.xlsx");
    let mut workbook = Workbook::new();
    let time = Format::new().set_num_format("dd-mm-yyyy hh:mm:ss");
    let sheet = workbook.add_worksheet().set_name("Labels").expect("a sheet name");
    for (r, (variable, value, label)) in labels().iter().enumerate() {
        sheet.write_string(r as u32, 0, variable).expect("write");
        sheet
            .write_number(r as u32, 1, value.parse::<f64>().expect("a numeric code"))
            .expect("write");
        sheet.write_string(r as u32, 2, label).expect("write");
    }
    let sheet = workbook.add_worksheet().set_name("Dataset").expect("a sheet name");
    let (header, rows) = dataset(records);
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).expect("write");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v {
                Val::Int(i) => sheet.write_number(r, c, *i as f64),
                Val::Seconds(s) => sheet.write_number(r, c, *s),
                Val::Text(t) => sheet.write_string(r, c, t),
                Val::Time(t) => sheet.write_number_with_format(r, c, excel_serial(*t), &time),
                Val::Empty => continue,
            }
            .expect("write");
        }
    }
    let sheet = workbook.add_worksheet().set_name("Structure").expect("a sheet name");
    for (r, row) in structure(None).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if r > 0 && c == 5 => sheet.write_number(r as u32, c as u16, n),
                _ => sheet.write_string(r as u32, c as u16, v),
            }
            .expect("write");
        }
    }
    workbook.save(&path).expect("save the workbook");
    path
}
