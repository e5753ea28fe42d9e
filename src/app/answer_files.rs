//! Files the user gives as answers to what an export cannot hold: the rollout plan and code
//! lists, through the native dialogs or (tests) by path. Both are small tables, read on the
//! UI thread like the timeline; the imports they cause run on the worker.

use std::path::Path;

use super::plan_view::{self, FormError};
use super::{App, Message};
use crate::import::{Labels, read_rows, xlsx};
use crate::locale::Lang;
use crate::plan::Plan;

/// "plan.csv, linje 3, kolonne 2" for a text file, "plan.xlsx, række 3, kolonne B" for a
/// workbook: the place the way the file's own program shows it.
fn place(path: &Path, workbook: bool, line: u64, column: Option<usize>, lang: Lang) -> String {
    let mut out = path.display().to_string();
    if line > 0 {
        let row = if workbook {
            lang.pick("række", "row")
        } else {
            lang.pick("linje", "line")
        };
        out.push_str(&format!(", {row} {line}"));
    }
    if let Some(column) = column.filter(|c| *c > 0) {
        let name = if workbook {
            xlsx::column_letter(column - 1)
        } else {
            column.to_string()
        };
        out.push_str(&format!(", {} {name}", lang.pick("kolonne", "column")));
    }
    out
}

/// A small table read from a file: its rows with their line (or sheet row) numbers.
struct Table {
    workbook: bool,
    rows: Vec<(u64, Vec<String>)>,
}

fn read_table(path: &Path) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let workbook = xlsx::is_xlsx(&bytes);
    let rows = read_rows(&bytes).map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(Table { workbook, rows })
}

impl App {
    /// The new plan is kept and the data read again with it.
    pub(super) fn set_plan(&mut self, plan: Plan) {
        let unchanged = plan == self.settings.analysis.plan;
        self.settings.analysis.plan = plan;
        self.plan_form = plan_view::Form::from_plan(&self.settings.analysis.plan, self.lang());
        if unchanged && self.plan_for_review.is_none() {
            // Nothing to read again; a waiting review is read again all the same, since the
            // user asked for it.
            self.message = Some(Message {
                text: self
                    .lang()
                    .pick("Planen er uændret.", "The plan is unchanged.")
                    .to_string(),
                is_error: false,
            });
            return;
        }
        self.import_again_with_plan();
    }

    pub(super) fn use_plan_edits(&mut self) {
        let lang = self.lang();
        match self.plan_form.to_plan(lang) {
            Ok(plan) => self.set_plan(plan),
            Err(error) => self.plan_form.error = Some(error),
        }
    }

    /// Reads a plan file and uses it; a plan that cannot be read leaves the plan in use alone
    /// and says where it is wrong (tests call this; the window through the dialog).
    pub fn load_plan_from(&mut self, path: &Path) -> Result<(), String> {
        let lang = self.lang();
        let table = read_table(path)?;
        let plan = Plan::from_rows(&table.rows).map_err(|error| {
            format!(
                "{}: {}",
                place(path, table.workbook, error.line, error.column, lang),
                error.message(lang)
            )
        })?;
        self.set_plan(plan);
        Ok(())
    }

    pub(super) fn open_plan_dialog(&mut self) {
        let lang = self.lang();
        let Some(path) = rfd::FileDialog::new()
            .add_filter(
                lang.pick("Plan (CSV eller Excel)", "Plan (CSV or Excel)"),
                &["csv", "txt", "xlsx"],
            )
            .pick_file()
        else {
            return;
        };
        let result = self.load_plan_from(&path);
        // Set after the load: starting the import again clears the status line.
        self.message = Some(match result {
            Ok(()) => Message {
                text: format!("{} {}", lang.pick("Plan indlæst:", "Plan loaded:"), path.display()),
                is_error: false,
            },
            Err(error) => {
                self.plan_form.error = Some(FormError {
                    text: error.clone(),
                    row: None,
                });
                Message {
                    text: error,
                    is_error: true,
                }
            }
        });
    }

    /// Writes the plan view's table (as shown, used or not) as the CSV a plan is read from.
    pub fn save_plan_to(&mut self, path: &Path) -> Result<(), String> {
        let lang = self.lang();
        let plan = self.plan_form.to_plan(lang).map_err(|error| error.text)?;
        crate::files::write_atomically(path, plan.to_csv().as_bytes()).map_err(|error| error.to_string())
    }

    pub(super) fn save_plan_dialog(&mut self) {
        let lang = self.lang();
        // The native save dialog asks before replacing an existing file.
        let Some(path) = rfd::FileDialog::new()
            .add_filter(lang.pick("Plan (CSV)", "Plan (CSV)"), &["csv"])
            .set_file_name("plan.csv")
            .save_file()
        else {
            return;
        };
        let result = self.save_plan_to(&path);
        self.message = Some(Message::written(result, &path, lang.pick("Plan gemt:", "Plan saved:")));
    }

    /// Reads a code list (column;code;label) as the review's answer to codes past the scale
    /// and imports the review's files again with it.
    pub fn load_labels_from(&mut self, path: &Path) -> Result<(), String> {
        let lang = self.lang();
        let table = read_table(path)?;
        let labels = Labels::from_rows(&table.rows).map_err(|error| {
            format!(
                "{}: {}",
                place(path, table.workbook, error.line, None, lang),
                error.message(lang)
            )
        })?;
        if labels.is_empty() {
            return Err(format!(
                "{}: {}",
                path.display(),
                lang.pick(
                    "ingen koder fundet (ventede rækker kolonne;kode;tekst)",
                    "no codes found (expected rows column;code;label)"
                )
            ));
        }
        self.reimport_review(|answers| answers.labels.merge(&labels));
        Ok(())
    }

    pub(super) fn choose_labels_dialog(&mut self) {
        let lang = self.lang();
        let Some(path) = rfd::FileDialog::new()
            .add_filter(
                lang.pick("Kodeliste (CSV eller Excel)", "Code list (CSV or Excel)"),
                &["csv", "txt", "xlsx"],
            )
            .pick_file()
        else {
            return;
        };
        if let Err(error) = self.load_labels_from(&path) {
            self.message = Some(Message {
                text: error,
                is_error: true,
            });
        }
    }
}
