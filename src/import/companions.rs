//! Files that come with the data and are no data: SurveyXact's labels.csv and structure.csv,
//! a rollout plan. Given together with the data they are told apart by their contents; given
//! a SurveyXact dataset.csv alone, the two files beside it are found.

use std::path::{Path, PathBuf};

use super::labels::{Labels, Structure};
use super::sniff::{decode, detect_separator, looks_binary};
use super::xlsx;
use crate::plan::Plan;

/// What a given file is.
pub(super) enum Kind {
    Data,
    Labels(Labels),
    /// A code list that cannot be used (a code with two texts): refused at its line, not
    /// read as data.
    BadLabels(super::labels::LabelsError),
    Structure(Structure),
    Plan(Plan),
    /// A plan that cannot be trusted: refused at its line, not read as data.
    BadPlan(crate::plan::PlanError),
}

/// A small table's rows as text with their line (or sheet row) numbers: a CSV in any
/// encoding and separator, or a workbook's first sheet.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<(u64, Vec<String>)>, String> {
    read_first_rows(bytes, usize::MAX)
}

/// The first `limit` rows, as [`read_rows`] reads them.
fn read_first_rows(bytes: &[u8], limit: usize) -> Result<Vec<(u64, Vec<String>)>, String> {
    if xlsx::is_xlsx(bytes) {
        let mut workbook = xlsx::open(bytes)?;
        let first = workbook.sheet_names().into_iter().next().ok_or("no sheets")?;
        let rows = workbook.rows(&first)?;
        let mut out = Vec::new();
        for index in 0..rows.len().min(limit) {
            let mut fields = Vec::new();
            rows.row_into(index, &mut fields);
            out.push((index as u64 + 1, fields));
        }
        return Ok(out);
    }
    let (text, _) = decode(bytes);
    if looks_binary(&text) {
        return Err("not a text file".into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    // The csv reader's own line count lags on CRLF and knows no lone CR: count ourselves.
    let mut lines = super::rows::LineCounter::new(&text);
    while out.len() < limit {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
                out.push((line, record.iter().map(|f| f.trim().to_string()).collect()));
            }
            Ok(false) => return Ok(out),
            Err(error) => return Err(error.to_string()),
        }
    }
    Ok(out)
}

/// Files this small may be companions; data files are read as data without a look.
const COMPANION_MAX_BYTES: usize = 16 << 20;

/// What a file is, from its name and the first rows.
pub(super) fn classify(bytes: &[u8], date_order: Option<crate::dates::DateOrder>) -> Kind {
    if bytes.len() > COMPANION_MAX_BYTES || xlsx::is_xlsx(bytes) || xlsx::is_ole_xls(bytes) {
        return Kind::Data;
    }
    // The first rows tell whether the file may be a companion; only then is it read whole.
    let Ok(head) = read_first_rows(bytes, 3) else {
        return Kind::Data;
    };
    let Some((_, header)) = head.first() else {
        return Kind::Data;
    };
    let may_be_labels = header.len() <= 4;
    if !Plan::is_plan_header(header) && Structure::from_rows(&head).is_none() && !may_be_labels {
        return Kind::Data;
    }
    let Ok(rows) = read_rows(bytes) else {
        return Kind::Data;
    };
    let Some((_, header)) = rows.first() else {
        return Kind::Data;
    };
    if Plan::is_plan_header(header) {
        return match Plan::from_rows_in(&rows, date_order) {
            Ok(plan) => Kind::Plan(plan),
            Err(error) => Kind::BadPlan(error),
        };
    }
    // A code list first: its header "variable;value;label" names a structure's columns too.
    if looks_like_labels(&rows) {
        return match Labels::from_rows(&rows) {
            Ok(labels) => Kind::Labels(labels),
            Err(error) => Kind::BadLabels(error),
        };
    }
    if let Some(structure) = Structure::from_rows(&rows) {
        return Kind::Structure(structure);
    }
    Kind::Data
}

/// Rows of column;code;label: every row three fields (SurveyXact adds an empty fourth) with
/// a whole number in the second, after a header row of those names if the file has one.
fn looks_like_labels(rows: &[(u64, Vec<String>)]) -> bool {
    let shaped = |fields: &Vec<String>| {
        (fields.len() == 3 || (fields.len() == 4 && fields.get(3).is_some_and(|f| f.is_empty())))
            && fields.get(1).is_some_and(|code| {
                let code = code.trim();
                !code.is_empty() && code.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit())
            })
    };
    let mut data_rows = rows.iter().filter(|(_, f)| f.iter().any(|x| !x.is_empty())).peekable();
    if data_rows
        .peek()
        .is_some_and(|(_, first)| Labels::from_rows(&[(1, first.clone())]).is_ok_and(|l| l.is_empty()))
    {
        data_rows.next();
    }
    let mut count = 0;
    for (_, fields) in data_rows {
        if !shaped(fields) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// The labels and structure files beside a SurveyXact dataset: "labels.csv" for
/// "dataset.csv", "labels_123.csv" for "dataset_123.csv".
pub fn beside(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let lower = name.to_lowercase();
    let Some(at) = lower.find("dataset") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for companion in ["labels", "structure"] {
        let mut candidates = Vec::new();
        if let (Some(before), Some(after)) = (name.get(..at), name.get(at + "dataset".len()..)) {
            candidates.push(format!("{before}{companion}{after}"));
        }
        candidates.push(format!("{companion}.csv"));
        for candidate in candidates {
            let path = dir.join(&candidate);
            if path.is_file() && !found.contains(&path) {
                found.push(path);
                break;
            }
        }
    }
    found
}

/// Rows of `;`-separated text numbered from 1, for tests of the small tables' readers.
#[cfg(test)]
pub(crate) fn semicolon_rows(text: &str) -> Vec<(u64, Vec<String>)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i as u64 + 1, line.split(';').map(str::to_string).collect()))
        .collect()
}
