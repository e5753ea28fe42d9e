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
    let mut data_sheet = named("dataset");
    if data_sheet.is_none() {
        // The first sheet that holds anything.
        for name in &names {
            if workbook.rows(name).is_ok_and(|rows| !rows.is_empty()) {
                data_sheet = Some(name.clone());
                break;
            }
        }
    }
    let Some(sheet) = data_sheet else {
        problems.push(Problem::of_file(file, ProblemKind::Empty));
        return;
    };
    let rows = match workbook.rows(&sheet) {
        Ok(rows) => rows,
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
