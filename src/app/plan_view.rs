//! The rollout plan editor: which wave each municipality is in, and the day each wave's week 1
//! began. Typed as a table; "Brug planen" turns the table into the plan (or says which row
//! and column is wrong) and the data is read again with it. Loaded and saved as CSV
//! (`rul;start;kommune`).

use eframe::egui;

use super::Command;
use crate::dates::{DateOrder, parse_date};
use crate::locale::Lang;
use crate::plan::{Plan, PlanError};

/// One row of the table as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub wave: String,
    pub start: String,
    pub municipality: String,
}

/// What is wrong with the table or a plan file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    pub text: String,
    /// The table row to mark, when the error is in the table.
    pub row: Option<usize>,
}

/// The table as typed; it becomes the plan only when "Brug planen" finds it sound.
#[derive(Clone, Debug, Default)]
pub struct Form {
    pub rows: Vec<Row>,
    /// Typed since the plan was last taken in or used.
    pub changed: bool,
    pub error: Option<FormError>,
    /// The plan in use, counted for the line under the heading.
    waves_in_use: usize,
    municipalities_in_use: usize,
}

/// The table's columns, as the plan file names them.
const HEADER: [&str; 3] = ["rul", "start", "kommune"];

impl Form {
    /// The table of a plan: a row per municipality, then a row for each wave none names.
    pub fn from_plan(plan: &Plan, lang: Lang) -> Form {
        let start = |wave: &str| plan.start_of(wave).map(|d| lang.date(d)).unwrap_or_default();
        let mut rows = Vec::new();
        for wave in &plan.waves {
            let mut any = false;
            for (municipality, _) in plan.municipalities.iter().filter(|(_, w)| *w == wave.name) {
                rows.push(Row {
                    wave: wave.name.clone(),
                    start: start(&wave.name),
                    municipality: municipality.clone(),
                });
                any = true;
            }
            if !any {
                rows.push(Row {
                    wave: wave.name.clone(),
                    start: start(&wave.name),
                    municipality: String::new(),
                });
            }
        }
        Form {
            rows,
            changed: false,
            error: None,
            waves_in_use: plan.waves.len(),
            municipalities_in_use: plan.municipalities.len(),
        }
    }

    /// The plan the table describes, or where the table is wrong; an empty table is no plan.
    /// Dates are read day first (as the hint says, dd-mm-yyyy) and handed on as ISO, so that
    /// a column of early-month dates is not refused as ambiguous.
    pub fn to_plan(&self, lang: Lang) -> Result<Plan, FormError> {
        let blank = |row: &Row| {
            [&row.wave, &row.start, &row.municipality]
                .iter()
                .all(|t| t.trim().is_empty())
        };
        if self.rows.iter().all(blank) {
            return Ok(Plan::default());
        }
        let mut table = vec![(1, HEADER.iter().map(|h| h.to_string()).collect())];
        for (index, row) in self.rows.iter().enumerate() {
            let start = row.start.trim();
            let iso = match parse_date(start, Some(DateOrder::DayFirst)) {
                Some(date) => date.to_string(),
                None if start.is_empty() => String::new(),
                None => {
                    let why = match lang {
                        Lang::Da => format!("«{start}» er ikke en dato (dd-mm-åååå)"),
                        Lang::En => format!("“{start}” is not a date (dd-mm-yyyy)"),
                    };
                    return Err(FormError {
                        text: format!(
                            "{} {}, {}: {why}",
                            lang.pick("Række", "Row"),
                            index + 1,
                            column_label(1, lang)
                        ),
                        row: Some(index),
                    });
                }
            };
            table.push((index as u64 + 2, vec![row.wave.clone(), iso, row.municipality.clone()]));
        }
        Plan::from_rows(&table).map_err(|error| Form::table_error(&error, lang))
    }

    /// Where the table's `error` is, in the table's words: "Række 3, Start".
    pub fn table_error(error: &PlanError, lang: Lang) -> FormError {
        // Line 1 is the header the table does not show; data rows start at line 2.
        let row = usize::try_from(error.line).ok().and_then(|line| line.checked_sub(2));
        let mut place = Vec::new();
        if let Some(row) = row {
            place.push(format!("{} {}", lang.pick("Række", "Row"), row + 1));
        }
        if let Some(column) = error.column.and_then(|c| c.checked_sub(1)) {
            place.push(column_label(column, lang).to_string());
        }
        let text = if place.is_empty() {
            error.message(lang).to_string()
        } else {
            format!("{}: {}", place.join(", "), error.message(lang))
        };
        FormError { text, row }
    }
}

fn column_label(column: usize, lang: Lang) -> &'static str {
    match column {
        0 => lang.pick("Rul", "Wave"),
        1 => lang.pick("Start (uge 1)", "Start (week 1)"),
        _ => lang.pick("Kommune", "Municipality"),
    }
}

#[must_use = "the command must reach App::apply"]
pub fn ui(ui: &mut egui::Ui, lang: Lang, form: &mut Form, for_review: bool) -> Option<Command> {
    let mut command = None;
    ui.heading(lang.pick("Udrulningsplan", "Rollout plan"));
    if for_review {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                lang.pick(
                    "Importen venter på planen: ret den, og tryk «Brug planen». Filerne læses så igen med den.",
                    "The import waits for the plan: edit it, then press “Use the plan”. The files are then read again with it.",
                ),
            );
            if ui.button(lang.pick("Tilbage til importen", "Back to the import")).clicked() {
                command = Some(Command::BackToReview);
            }
        });
    }
    ui.label(lang.pick(
        "Planen siger, hvilket rul hver kommune er i, og hvilken dag rullets uge 1 begyndte. Den bruges, når en fil ikke har en rul-kolonne (rullet findes ud fra kommunen), eller ingen uge-kolonne (ugen regnes ud fra svarets dato).",
        "The plan says which wave each municipality is in, and the day the wave's week 1 began. It is used when a file has no wave column (the wave follows from the municipality) or no week column (the week follows from the answer's date).",
    ));
    ui.weak(in_use_text(form, lang));
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let use_plan = egui::Button::new(lang.pick("Brug planen", "Use the plan"));
        if ui.add_enabled(form.changed, use_plan).clicked() {
            command = Some(Command::UsePlanEdits);
        }
        if form.changed && ui.button(lang.pick("Fortryd ændringer", "Undo changes")).clicked() {
            command = Some(Command::UndoPlanEdits);
        }
        ui.separator();
        if ui.button(lang.pick("Indlæs plan…", "Load plan…")).clicked() {
            command = Some(Command::OpenPlanDialog);
        }
        if ui.button(lang.pick("Gem plan…", "Save plan…")).clicked() {
            command = Some(Command::SavePlanDialog);
        }
        if !form.rows.is_empty() && ui.button(lang.pick("Ryd tabellen", "Clear the table")).clicked() {
            form.rows.clear();
            form.changed = true;
            form.error = None;
        }
    });
    if form.changed {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "Ændringerne er ikke i brug, før du trykker «Brug planen».",
                "The changes are not in use until you press “Use the plan”.",
            ),
        );
    }
    if let Some(error) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, &error.text);
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        table_ui(ui, lang, form);
        ui.add_space(4.0);
        if ui.button(lang.pick("Tilføj række", "Add row")).clicked() {
            form.rows.push(form.rows.last().map_or_else(Row::default, |last| Row {
                // A new municipality is most often in the wave above it.
                wave: last.wave.clone(),
                start: last.start.clone(),
                municipality: String::new(),
            }));
            form.changed = true;
        }
    });
    command
}

fn in_use_text(form: &Form, lang: Lang) -> String {
    if form.waves_in_use == 0 {
        return lang
            .pick(
                "Ingen plan i brug. Indlæs en plan-fil, eller skriv planen herunder.",
                "No plan in use. Load a plan file, or type the plan below.",
            )
            .to_string();
    }
    match lang {
        Lang::Da => format!(
            "I brug: {} rul og {} kommuner.",
            form.waves_in_use, form.municipalities_in_use
        ),
        Lang::En => format!(
            "In use: {} waves and {} municipalities.",
            form.waves_in_use, form.municipalities_in_use
        ),
    }
}

fn table_ui(ui: &mut egui::Ui, lang: Lang, form: &mut Form) {
    if form.rows.is_empty() {
        ui.weak(lang.pick(
            "Tabellen er tom: tilføj en række, eller indlæs en plan-fil (rul;start;kommune).",
            "The table is empty: add a row, or load a plan file (rul;start;kommune).",
        ));
        return;
    }
    // The light theme draws text fields without a border: in a table of them the user should
    // see where each cell is.
    let border = ui.visuals().widgets.noninteractive.bg_stroke;
    ui.visuals_mut().widgets.inactive.bg_stroke = border;
    let marked = form.error.as_ref().and_then(|e| e.row);
    let mut remove = None;
    egui::Grid::new("plan_rows")
        .striped(true)
        .num_columns(5)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            let wave = ui.strong(column_label(0, lang));
            let start = ui.strong(column_label(1, lang));
            let municipality = ui.strong(column_label(2, lang));
            ui.label("");
            ui.end_row();
            let date_hint = lang.pick("dd-mm-åååå", "dd-mm-yyyy");
            for (index, row) in form.rows.iter_mut().enumerate() {
                let number = egui::RichText::new(format!("{}", index + 1));
                if marked == Some(index) {
                    ui.colored_label(ui.visuals().error_fg_color, number.strong());
                } else {
                    ui.weak(number);
                }
                // A grid column is as wide as it was last frame, and a text field only as wide
                // as the column lets it be: the fields ask for their width outright.
                let height = ui.spacing().interact_size.y;
                let edits = [
                    ui.add_sized([120.0, height], egui::TextEdit::singleline(&mut row.wave))
                        .labelled_by(wave.id),
                    ui.add_sized(
                        [130.0, height],
                        egui::TextEdit::singleline(&mut row.start).hint_text(date_hint),
                    )
                    .labelled_by(start.id),
                    ui.add_sized([260.0, height], egui::TextEdit::singleline(&mut row.municipality))
                        .labelled_by(municipality.id),
                ];
                if edits.iter().any(egui::Response::changed) {
                    form.changed = true;
                }
                if ui.button(lang.pick("Fjern", "Remove")).clicked() {
                    remove = Some(index);
                }
                ui.end_row();
            }
        });
    if let Some(index) = remove
        && index < form.rows.len()
    {
        form.rows.remove(index);
        form.changed = true;
        form.error = None;
    }
}
