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
    source: &mut Source,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let file = source.name.clone();
    let file = file.as_str();
    let workbook_problem = |reason: xlsx::XlsxError| {
        Problem::of_file(
            file,
            ProblemKind::Workbook {
                da: reason.da,
                en: reason.en,
            },
        )
    };
    let mut workbook = match xlsx::open(&source.bytes) {
        Ok(workbook) => workbook,
        Err(reason) => return problems.push(workbook_problem(reason)),
    };
    let (labels, structure) = own_code_lists(&mut workbook, companions);
    let (sheet, rows) = match data_sheet(&mut workbook) {
        Ok(Some(chosen)) => chosen,
        Ok(None) => return problems.push(Problem::of_file(file, ProblemKind::Empty)),
        Err(reason) => return problems.push(workbook_problem(reason)),
    };
    // Only one sheet is read: others with data are told, not passed over in silence.
    if sheet_named(&workbook, "dataset").is_none() {
        let others: Vec<String> = workbook
            .sheet_names()
            .into_iter()
            .filter(|name| *name != sheet && !is_named(name, "labels") && !is_named(name, "structure"))
            .collect();
        for other in others {
            if workbook.has_values(&other) {
                problems.push(Problem::of_file(
                    file,
                    ProblemKind::OtherSheetNotRead {
                        sheet: other,
                        read: sheet.clone(),
                    },
                ));
            }
        }
    }
    if let Some((cells, first)) = rows.uncomputed() {
        problems.push(Problem {
            sheet: Some(sheet.clone()),
            ..Problem::of_file(file, ProblemKind::UncomputedFormulas { cells, first })
        });
    }
    if rows.merged_regions() > 0 {
        problems.push(Problem {
            sheet: Some(sheet.clone()),
            ..Problem::of_file(
                file,
                ProblemKind::MergedCellsFilled {
                    regions: rows.merged_regions(),
                },
            )
        });
    }
    // The sheet is in its own store now: the zipped bytes are not needed again.
    drop(workbook);
    source.bytes = Default::default();
    report.sheet = Some(sheet.clone());
    let table = Table::Sheet {
        rows: &rows,
        name: sheet,
    };
    let companions = Companions {
        labels: &labels,
        structure: &structure,
        other_files: companions.other_files,
    };
    read_table(&table, file, options, &companions, builder, report, problems);
}

/// The sheet whose name starts with `wanted` ("labels", "dataset"), any case.
fn sheet_named(workbook: &xlsx::Workbook, wanted: &str) -> Option<String> {
    workbook.sheet_names().into_iter().find(|name| is_named(name, wanted))
}

fn is_named(sheet: &str, wanted: &str) -> bool {
    sheet.trim().to_lowercase().starts_with(wanted)
}

/// The code lists and question texts to read with: the workbook's own Labels and Structure
/// sheets (SurveyXact's), with what the user gave beside them.
fn own_code_lists(workbook: &mut xlsx::Workbook, given: &Companions) -> (Labels, Structure) {
    let mut labels = given.labels.clone();
    let mut structure = given.structure.clone();
    if let Some(sheet) = sheet_named(workbook, "labels")
        && let Ok(rows) = workbook.rows(&sheet)
        && let Ok(found) = Labels::from_rows(&sheet_rows(&rows))
    {
        // The file's own sheet first; a list the user gives wins where both know a code.
        let mut own = found;
        own.merge(&labels);
        labels = own;
    }
    if let Some(sheet) = sheet_named(workbook, "structure")
        && let Ok(rows) = workbook.rows(&sheet)
        && let Some(found) = Structure::from_rows(&sheet_rows(&rows))
    {
        structure.merge(&found);
    }
    (labels, structure)
}

/// SurveyXact's Dataset sheet, else the shown sheet holding the biggest table (an
/// instructions sheet or a hidden sheet of dropdown lists may come first), else a hidden one:
/// each sheet is read once, and the one chosen is kept as read. None: every sheet is empty.
fn data_sheet(workbook: &mut xlsx::Workbook) -> Result<Option<(String, SheetRows)>, xlsx::XlsxError> {
    let candidates = match sheet_named(workbook, "dataset") {
        Some(dataset) => vec![dataset],
        None => {
            // A code list or question texts sheet is read as such, never as the data.
            let (shown, hidden): (Vec<String>, Vec<String>) = workbook
                .sheet_names()
                .into_iter()
                .filter(|name| !is_named(name, "labels") && !is_named(name, "structure"))
                .partition(|name| workbook.is_visible(name));
            shown.into_iter().chain(hidden).collect()
        }
    };
    let several = candidates.len() > 1;
    let mut best: Option<(String, SheetRows, usize)> = None;
    let mut first_error = None;
    for name in candidates {
        if best.is_some() && !workbook.is_visible(&name) {
            break;
        }
        let rows = match workbook.rows(&name) {
            Ok(rows) => rows,
            // One sheet that cannot be read does not hide the others.
            Err(error) => {
                first_error.get_or_insert(error);
                continue;
            }
        };
        if rows.is_empty() {
            continue;
        }
        let size = if several { rows.table_rows() } else { 0 };
        if best.as_ref().is_none_or(|(_, _, biggest)| size > *biggest) {
            best = Some((name, rows, size));
        }
    }
    match (best, first_error) {
        (Some((name, rows, _)), _) => Ok(Some((name, rows))),
        (None, Some(error)) => Err(error),
        (None, None) => Ok(None),
    }
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
