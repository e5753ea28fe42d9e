//! A workbook: the first sheet with data, or a SurveyXact export's Dataset sheet with its
//! Labels and Structure sheets beside it.

use super::super::labels::{Labels, Structure};
use super::super::problems::{Problem, ProblemKind};
use super::super::xlsx::{self, SheetRows};
use super::super::{FileReport, ImportOptions, Source};
use super::table::Table;
use super::{Companions, read_table};
use crate::dataset::DatasetBuilder;

/// A workbook: the first sheet with data, or a SurveyXact export's Dataset sheet with its
/// Labels and Structure sheets beside it.
pub(super) fn read_workbook(
    source: &Source,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let file = source.name.as_str();
    let mut workbook = match xlsx::open(&source.bytes) {
        Ok(workbook) => workbook,
        Err(reason) => {
            problems.push(Problem::of_file(
                file,
                ProblemKind::Workbook {
                    da: reason.da,
                    en: reason.en,
                },
            ));
            return;
        }
    };
    let names = workbook.sheet_names();
    let named = |wanted: &str| {
        names
            .iter()
            .find(|n| n.trim().to_lowercase().starts_with(wanted))
            .cloned()
    };
    let mut labels = companions.labels.clone();
    let mut structure = companions.structure.clone();
    if let Some(sheet) = named("labels")
        && let Ok(rows) = workbook.rows(&sheet)
        && let Ok(found) = Labels::from_rows(&sheet_rows(&rows))
    {
        // The file's own sheet first; a list the user gives wins where both know a code.
        let mut own = found;
        own.merge(&labels);
        labels = own;
    }
    if let Some(sheet) = named("structure")
        && let Ok(rows) = workbook.rows(&sheet)
        && let Some(found) = Structure::from_rows(&sheet_rows(&rows))
    {
        structure.merge(&found);
    }
    // SurveyXact's Dataset sheet, else the first sheet that holds anything: each sheet is
    // read once, and the one chosen is kept as read.
    let candidates: Vec<String> = match named("dataset") {
        Some(dataset) => vec![dataset],
        None => names.clone(),
    };
    let mut chosen = None;
    for name in candidates {
        match workbook.rows(&name) {
            Ok(rows) if !rows.is_empty() => {
                chosen = Some((name, rows));
                break;
            }
            Ok(_) => {}
            Err(reason) => {
                problems.push(Problem::of_file(
                    file,
                    ProblemKind::Workbook {
                        da: reason.da,
                        en: reason.en,
                    },
                ));
                return;
            }
        }
    }
    let Some((sheet, rows)) = chosen else {
        problems.push(Problem::of_file(file, ProblemKind::Empty));
        return;
    };
    report.sheet = Some(sheet.clone());
    let table = Table::Sheet {
        rows: &rows,
        name: sheet,
    };
    let companions = Companions {
        labels: &labels,
        structure: &structure,
    };
    read_table(&table, file, options, &companions, builder, report, problems);
}

/// A small sheet's rows as text, with their row numbers.
fn sheet_rows(rows: &SheetRows) -> Vec<(u64, Vec<String>)> {
    let mut out = Vec::new();
    for index in 0..rows.len() {
        let mut fields = Vec::new();
        rows.row_into(index, &mut fields);
        out.push((index as u64 + 1, fields));
    }
    out
}
