//! What an import found, before the data is used: per file the encoding, separator, decimal
//! mark, layout, each column's role (changeable), the answer labels, the first rows, and every
//! problem with line and column. The user accepts, skips invalid rows, or cancels.

use eframe::egui;

use super::{Command, Review};
use crate::import::{FileReport, Layout, Problem, Role};
use crate::locale::Lang;

/// Problems listed before "and N more": a file with a wrong column can have one per row.
const PROBLEMS_SHOWN: usize = 300;

pub fn ui(ui: &mut egui::Ui, review: &Review, lang: Lang) -> Option<Command> {
    let import = &review.import;
    let mut command = None;
    ui.heading(lang.pick("Gennemse import", "Review import"));
    ui.add_space(4.0);
    let fatal = import.has_fatal_problems();
    let rejected = import.rows_rejected();
    let answers = import.dataset.answer_count();
    if import.is_clean() {
        ui.label(format!(
            "{} {} {}",
            lang.pick("Ingen problemer fundet.", "No problems found."),
            lang.count(answers as u64),
            lang.pick("svar klar til brug.", "answers ready to use."),
        ));
    } else if fatal {
        ui.colored_label(
            ui.visuals().error_fg_color,
            lang.pick(
                "Filen kan ikke bruges: se problemerne nedenfor. De indlæste data er uændrede.",
                "The file cannot be used: see the problems below. The loaded data is unchanged.",
            ),
        );
    } else {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} {}. {} {}",
                lang.count(import.problems.len() as u64),
                plural(
                    import.problems.len(),
                    lang.pick("problem fundet", "problem found"),
                    lang.pick("problemer fundet", "problems found")
                ),
                lang.pick(
                    "De indlæste data er uændrede, indtil du vælger.",
                    "The loaded data stays until you choose.",
                ),
                lang.pick(
                    "Ret rollerne, eller spring de ugyldige rækker over.",
                    "Fix the roles, or skip the invalid rows."
                ),
            ),
        );
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let clean = import.is_clean() && answers > 0;
        if ui
            .add_enabled(clean, egui::Button::new(lang.pick("Brug data", "Use data")))
            .clicked()
        {
            command = Some(Command::AcceptImport { skip_invalid: false });
        }
        if !import.is_clean() && !fatal {
            let skip_label = format!(
                "{} {} {}",
                lang.pick("Spring", "Skip"),
                lang.count(rejected as u64),
                plural(
                    rejected,
                    lang.pick("ugyldig række over og brug resten", "invalid row and use the rest"),
                    lang.pick("ugyldige rækker over og brug resten", "invalid rows and use the rest"),
                ),
            );
            if ui.add_enabled(answers > 0, egui::Button::new(skip_label)).clicked() {
                command = Some(Command::AcceptImport { skip_invalid: true });
            }
        }
        if ui.button(lang.pick("Annuller", "Cancel")).clicked() {
            command = Some(Command::DiscardReview);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        // Problems first: they are what the user has to act on.
        if !import.problems.is_empty() {
            problems_ui(ui, &import.problems, lang);
            ui.separator();
        }
        for (index, report) in import.files.iter().enumerate() {
            if let Some(chosen) = file_ui(ui, report, index, lang) {
                command = Some(chosen);
            }
            ui.separator();
        }
    });
    command
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

/// Every problem with its file, line and column, in a table a non-programmer can read.
fn problems_ui(ui: &mut egui::Ui, problems: &[Problem], lang: Lang) {
    ui.heading(lang.pick("Problemer", "Problems"));
    egui::Grid::new("problems")
        .striped(true)
        .num_columns(3)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Fil", "File"));
            ui.strong(lang.pick("Sted", "Where"));
            ui.strong(lang.pick("Problem", "Problem"));
            ui.end_row();
            for problem in problems.iter().take(PROBLEMS_SHOWN) {
                let file = std::path::Path::new(&problem.file)
                    .file_name()
                    .map_or_else(|| problem.file.clone(), |n| n.to_string_lossy().into_owned());
                ui.label(file).on_hover_text(problem.message(lang));
                let place = match (problem.line, &problem.column) {
                    (Some(line), Some((column, _))) => {
                        format!(
                            "{} {line}, {} {column}",
                            lang.pick("linje", "line"),
                            lang.pick("kolonne", "column")
                        )
                    }
                    (Some(line), None) => format!("{} {line}", lang.pick("linje", "line")),
                    _ => lang.pick("hele filen", "the whole file").to_string(),
                };
                ui.label(place);
                ui.colored_label(ui.visuals().error_fg_color, problem.describe(lang));
                ui.end_row();
            }
        });
    let more = problems.len().saturating_sub(PROBLEMS_SHOWN);
    if more > 0 {
        ui.weak(format!(
            "{} {} {}",
            lang.pick("… og", "… and"),
            lang.count(more as u64),
            lang.pick("flere", "more")
        ));
    }
}

fn file_ui(ui: &mut egui::Ui, report: &FileReport, index: usize, lang: Lang) -> Option<Command> {
    let mut command = None;
    ui.strong(&report.file);
    egui::Grid::new(("file_facts", index)).num_columns(2).show(ui, |ui| {
        let fact = |ui: &mut egui::Ui, name: &str, value: String| {
            ui.label(name);
            ui.label(value);
            ui.end_row();
        };
        fact(
            ui,
            lang.pick("Tegnsæt", "Encoding"),
            report
                .encoding
                .map_or_else(|| "–".to_string(), |e| e.label().to_string()),
        );
        fact(
            ui,
            lang.pick("Skilletegn", "Separator"),
            separator_name(report.separator, lang),
        );
        fact(
            ui,
            lang.pick("Decimaltegn", "Decimal mark"),
            decimal_name(report.decimal_commas, report.decimal_points, lang),
        );
        let layout = match report.layout {
            Some(Layout::Wide) => lang.pick("bred (én kolonne pr. spørgsmål)", "wide (one column per question)"),
            Some(Layout::Long) => lang.pick(
                "lang (spørgsmål- og score-kolonne)",
                "long (question and score columns)",
            ),
            None => "–",
        };
        fact(ui, lang.pick("Format", "Layout"), layout.to_string());
        fact(
            ui,
            lang.pick("Rækker læst", "Rows read"),
            lang.count(report.rows_read as u64),
        );
        fact(ui, lang.pick("Svar", "Answers"), lang.count(report.answers as u64));
        fact(
            ui,
            lang.pick("Ved ikke", "Don't know"),
            lang.count(report.dont_know as u64),
        );
        fact(
            ui,
            lang.pick("Afviste rækker", "Rejected rows"),
            lang.count(report.rows_rejected as u64),
        );
        if report.weeks_outside_scheme > 0 {
            fact(
                ui,
                lang.pick("Uger uden for uge 1-5", "Weeks outside weeks 1-5"),
                lang.count(report.weeks_outside_scheme as u64),
            );
        }
    });
    if !report.columns.is_empty() {
        ui.add_space(6.0);
        ui.strong(lang.pick("Kolonner", "Columns"));
        egui::Grid::new(("columns", index))
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for (column_index, column) in report.columns.iter().enumerate() {
                    let header = ui.label(&column.header);
                    let mut role = column.role;
                    egui::ComboBox::from_id_salt(("role", index, column_index))
                        .selected_text(role.label(lang))
                        .show_ui(ui, |ui| {
                            for choice in Role::ALL {
                                ui.selectable_value(&mut role, choice, choice.label(lang));
                            }
                        })
                        .response
                        .labelled_by(header.id);
                    if role != column.role {
                        command = Some(Command::SetRole {
                            header: column.header.clone(),
                            role,
                        });
                    }
                    if column.overridden {
                        ui.weak(lang.pick("valgt af dig", "chosen by you"));
                    }
                    ui.end_row();
                }
            });
    }
    if !report.labels.is_empty() {
        ui.add_space(6.0);
        ui.strong(lang.pick("Svarmuligheder fundet", "Answer labels found"));
        egui::Grid::new(("labels", index)).num_columns(2).show(ui, |ui| {
            for (label, value) in &report.labels {
                ui.label(label);
                ui.label(value.map_or_else(
                    || {
                        lang.pick("ved ikke (tæller ikke med)", "don't know (not averaged)")
                            .to_string()
                    },
                    |v| lang.number(v, 0),
                ));
                ui.end_row();
            }
        });
    }
    if !report.preview.is_empty() {
        ui.add_space(6.0);
        ui.strong(lang.pick("De første rækker", "The first rows"));
        egui::ScrollArea::horizontal()
            .id_salt(("preview", index))
            .show(ui, |ui| {
                egui::Grid::new(("preview_grid", index)).striped(true).show(ui, |ui| {
                    for (row_index, row) in report.preview.iter().enumerate() {
                        for cell in row {
                            if row_index == 0 {
                                ui.strong(cell);
                            } else {
                                ui.label(cell);
                            }
                        }
                        ui.end_row();
                    }
                });
            });
    }
    command
}

fn separator_name(separator: Option<char>, lang: Lang) -> String {
    match separator {
        Some(';') => lang.pick("semikolon ( ; )", "semicolon ( ; )").to_string(),
        Some(',') => lang.pick("komma ( , )", "comma ( , )").to_string(),
        Some('\t') => lang.pick("tabulator", "tab").to_string(),
        Some('|') => lang.pick("lodret streg ( | )", "pipe ( | )").to_string(),
        Some(other) => format!("«{other}»"),
        None => "–".to_string(),
    }
}

fn decimal_name(commas: usize, points: usize, lang: Lang) -> String {
    match (commas, points) {
        (0, 0) => lang.pick("ingen decimaltal", "no decimal numbers").to_string(),
        (_, 0) => lang.pick("komma (3,5)", "comma (3,5)").to_string(),
        (0, _) => lang.pick("punktum (3.5)", "point (3.5)").to_string(),
        (c, p) => format!(
            "{} {c} / {} {p}",
            lang.pick("komma", "comma"),
            lang.pick("punktum", "point")
        ),
    }
}
