//! What an import found, before the data is used: first what only the user can answer
//! (`review_questions`), then every problem with its place, then per file the encoding,
//! separator, decimal mark, layout, each column's role (changeable) and why, the answer
//! labels and the first rows. The user accepts, skips invalid rows, or cancels.

use eframe::egui;

use super::review::{ColumnCounts, ColumnUse, Review, file_name};
use super::{Command, review_questions};
use crate::import::{ColumnReport, FileReport, Layout, Problem, ProblemKind, Role, Severity, xlsx};
use crate::locale::Lang;

/// Problems listed before "and N more": a file with a wrong column can have one per row.
const PROBLEMS_SHOWN: usize = 300;

/// Question texts from a structure file can be paragraphs: the table shows the start.
const QUESTION_TEXT_SHOWN: usize = 90;

pub fn ui(ui: &mut egui::Ui, review: &Review, lang: Lang) -> Option<Command> {
    let import = &review.import;
    let mut command = None;
    ui.heading(lang.pick("Gennemse import", "Review import"));
    ui.add_space(4.0);
    status_ui(ui, review, lang);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let answers = import.dataset.answer_count();
        let clean = import.is_clean() && answers > 0;
        if ui
            .add_enabled(clean, egui::Button::new(lang.pick("Brug data", "Use data")))
            .clicked()
        {
            command = Some(Command::AcceptImport { skip_invalid: false });
        }
        if !import.is_clean() && !import.has_fatal_problems() {
            let rejected = import.rows_rejected();
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
        // What the user can answer first, then the problems: they are what to act on.
        if let Some(chosen) = review_questions::ui(ui, review, lang) {
            command = Some(chosen);
        }
        if !import.problems.is_empty() {
            ui.add_space(6.0);
            problems_ui(ui, &import.problems, lang);
            ui.separator();
        }
        for (index, report) in import.files.iter().enumerate() {
            let counts = review.columns.get(index).copied().unwrap_or_default();
            if let Some(chosen) = file_ui(ui, report, counts, index, lang) {
                command = Some(chosen);
            }
            ui.separator();
        }
    });
    command
}

/// One line on whether the data can be used, and what stands in the way.
fn status_ui(ui: &mut egui::Ui, review: &Review, lang: Lang) {
    let import = &review.import;
    let answers = import.dataset.answer_count();
    let notes = import.problems.len();
    if review.waits_for_answers() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "Filen kan bruges, når du har svaret på spørgsmålet nedenfor. De indlæste data er uændrede indtil da.",
                "The file can be used once you have answered the question below. The loaded data stays until then.",
            ),
        );
    } else if import.has_fatal_problems() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            lang.pick(
                "Filen kan ikke bruges: se problemerne nedenfor. De indlæste data er uændrede.",
                "The file cannot be used: see the problems below. The loaded data is unchanged.",
            ),
        );
    } else if import.is_clean() {
        let mut text = format!(
            "{} {}",
            lang.count(answers as u64),
            lang.pick("svar klar til brug.", "answers ready to use.")
        );
        if notes == 0 {
            text = format!("{} {text}", lang.pick("Ingen problemer fundet.", "No problems found."));
        } else {
            text.push(' ');
            text.push_str(lang.pick(
                "Læs bemærkningerne nedenfor, før du bruger dem.",
                "Read the notes below before you use them.",
            ));
        }
        ui.label(text);
    } else {
        let errors = import.problems.iter().filter(|p| p.is_error()).count();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} {}. {} {}",
                lang.count(errors as u64),
                plural(
                    errors,
                    lang.pick("problem fundet", "problem found"),
                    lang.pick("problemer fundet", "problems found")
                ),
                lang.pick(
                    "De indlæste data er uændrede, indtil du vælger.",
                    "The loaded data stays until you choose.",
                ),
                if review.questions.is_empty() {
                    lang.pick(
                        "Ret rollerne, eller spring de ugyldige rækker over.",
                        "Fix the roles, or skip the invalid rows.",
                    )
                } else {
                    lang.pick(
                        "Svar på spørgsmålene, ret rollerne, eller spring de ugyldige rækker over.",
                        "Answer the questions, fix the roles, or skip the invalid rows.",
                    )
                },
            ),
        );
    }
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

/// Where a problem is, the way the file's own program shows it: "Ark1, række 12, kolonne D"
/// in a workbook, "linje 12, kolonne 4" in a text file.
fn place(problem: &Problem, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(sheet) = &problem.sheet {
        parts.push(sheet.clone());
    }
    if let Some(line) = problem.line {
        let word = if problem.sheet.is_some() {
            lang.pick("række", "row")
        } else {
            lang.pick("linje", "line")
        };
        parts.push(format!("{word} {line}"));
    }
    if let Some((column, _)) = &problem.column {
        let name = if problem.sheet.is_some() {
            xlsx::column_letter(column.saturating_sub(1))
        } else {
            column.to_string()
        };
        parts.push(format!("{} {name}", lang.pick("kolonne", "column")));
    }
    if parts.is_empty() {
        return lang.pick("hele filen", "the whole file").to_string();
    }
    parts.join(", ")
}

/// The problem in the window's words: the library's text names command-line flags where the
/// window has buttons, so the problems the review asks about say so instead.
fn problem_text(problem: &Problem, lang: Lang) -> String {
    let header = problem.column.as_ref().map_or("", |(_, h)| h.as_str());
    match (&problem.kind, lang) {
        (ProblemKind::AmbiguousDates { example, .. }, Lang::Da) => format!(
            "datoer som «{example}» i kolonne «{header}» kan læses både med dagen og med måneden først: vælg rækkefølgen ovenfor"
        ),
        (ProblemKind::AmbiguousDates { example, .. }, Lang::En) => format!(
            "dates such as “{example}” in column “{header}” read with the day or the month first: choose the order above"
        ),
        (ProblemKind::CodeOutsideScale { value, rows, .. }, Lang::Da) => format!(
            "«{value}» ligger uden for skalaen 1-5 i {rows} rækker af kolonne «{header}»: sandsynligvis en kode; vælg ovenfor, hvad den betyder"
        ),
        (ProblemKind::CodeOutsideScale { value, rows, .. }, Lang::En) => format!(
            "“{value}” is outside the 1-5 scale in {rows} rows of column “{header}”: most likely a code; choose above what it means"
        ),
        (
            ProblemKind::NoWaveColumn {
                has_municipalities: true,
            },
            Lang::Da,
        ) => "ingen rul-kolonne: alle svar står under «Alle»; en plan, der placerer kommunerne, giver rullene".into(),
        (
            ProblemKind::NoWaveColumn {
                has_municipalities: true,
            },
            Lang::En,
        ) => {
            "no wave column: every answer is under “All”; a plan that places the municipalities gives the waves".into()
        }
        (
            ProblemKind::NoWaveColumn {
                has_municipalities: false,
            },
            Lang::Da,
        ) => "ingen rul-kolonne: alle svar står under «Alle»; giv en kolonne rollen «Rul» nedenfor, hvis filen har en"
            .into(),
        (
            ProblemKind::NoWaveColumn {
                has_municipalities: false,
            },
            Lang::En,
        ) => "no wave column: every answer is under “All”; give a column the role “Wave” below if the file has one"
            .into(),
        (ProblemKind::NoWeekColumn, Lang::Da) => {
            "ingen uge- eller fasekolonne: svarene har ingen fase; en plan med rullenes startdatoer giver ugerne".into()
        }
        (ProblemKind::NoWeekColumn, Lang::En) => {
            "no week or phase column: the answers have no phase; a plan with the waves' start dates gives the weeks"
                .into()
        }
        _ => problem.describe(lang),
    }
}

/// Every problem with its file and place, the likely causes first, each in its weight's
/// colour.
fn problems_ui(ui: &mut egui::Ui, problems: &[Problem], lang: Lang) {
    ui.heading(lang.pick("Problemer og bemærkninger", "Problems and notes"));
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
                ui.label(file_name(&problem.file)).on_hover_text(&problem.file);
                ui.label(place(problem, lang));
                let severity = problem.severity();
                let (colour, text) = match severity {
                    Severity::Hint => (
                        ui.visuals().text_color(),
                        format!(
                            "{} {}",
                            lang.pick("Sandsynlig årsag:", "Likely cause:"),
                            problem_text(problem, lang)
                        ),
                    ),
                    Severity::Warning => (ui.visuals().warn_fg_color, problem_text(problem, lang)),
                    Severity::Row | Severity::Fatal => (ui.visuals().error_fg_color, problem_text(problem, lang)),
                };
                ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).wrap());
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

fn file_ui(ui: &mut egui::Ui, report: &FileReport, counts: ColumnCounts, index: usize, lang: Lang) -> Option<Command> {
    let mut command = None;
    ui.strong(&report.file);
    facts_ui(ui, report, index, lang);
    if !report.columns.is_empty() {
        ui.add_space(6.0);
        ui.strong(lang.pick("Kolonner", "Columns"));
        ui.label(match lang {
            Lang::Da => format!(
                "{} {} med svar indgår i gennemsnittet; {} er udeladt.",
                counts.averaged,
                plural(counts.averaged, "kolonne", "kolonner"),
                counts.left_out,
            ),
            Lang::En => format!(
                "{} {} of answers {} averaged; {} {} left out.",
                counts.averaged,
                plural(counts.averaged, "column", "columns"),
                plural(counts.averaged, "is", "are"),
                counts.left_out,
                plural(counts.left_out, "is", "are"),
            ),
        });
        if let Some(chosen) = columns_ui(ui, &report.columns, index, lang) {
            command = Some(chosen);
        }
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

fn facts_ui(ui: &mut egui::Ui, report: &FileReport, index: usize, lang: Lang) {
    egui::Grid::new(("file_facts", index)).num_columns(2).show(ui, |ui| {
        let fact = |ui: &mut egui::Ui, name: &str, value: String| {
            ui.label(name);
            ui.label(value);
            ui.end_row();
        };
        if let Some(tool) = report.tool {
            fact(ui, lang.pick("Eksport fra", "Exported by"), tool.name().to_string());
        }
        if let Some(sheet) = &report.sheet {
            fact(ui, lang.pick("Ark", "Sheet"), sheet.clone());
        } else {
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
        }
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
        if !report.companions.is_empty() {
            let names: Vec<String> = report.companions.iter().map(|c| file_name(c)).collect();
            fact(ui, lang.pick("Brugt sammen med", "Used with"), names.join(", "));
        }
        if let Some(date) = &report.date {
            let order = match date.order {
                Some(crate::dates::DateOrder::DayFirst) => lang.pick("dagen først", "day first"),
                Some(crate::dates::DateOrder::MonthFirst) => lang.pick("måneden først", "month first"),
                None => lang.pick("rækkefølgen er ikke afgjort", "the order is not settled"),
            };
            fact(ui, lang.pick("Datoer", "Dates"), format!("«{}»: {order}", date.column));
        }
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
}

/// What a column is used for, in words.
fn use_text(column: &ColumnReport, lang: Lang) -> &'static str {
    match (ColumnUse::of(column.role), column.role) {
        (ColumnUse::Averaged, _) => lang.pick("indgår i gennemsnittet", "averaged"),
        (ColumnUse::Groups, _) => lang.pick("inddeler svarene", "groups the answers"),
        (ColumnUse::Comments, _) => lang.pick("vises under Kommentarer", "shown under Comments"),
        (ColumnUse::LeftOut, Role::Category) => lang.pick(
            "udeladt af gennemsnittet; kan bruges i Krydstabel",
            "left out of the mean; usable in Crosstab",
        ),
        (ColumnUse::LeftOut, _) => lang.pick("udeladt", "left out"),
    }
}

/// Each column: its header (and question text), its role (changeable), what it is used for
/// and why.
fn columns_ui(ui: &mut egui::Ui, columns: &[ColumnReport], index: usize, lang: Lang) -> Option<Command> {
    let mut command = None;
    egui::Grid::new(("columns", index))
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Kolonne", "Column"));
            ui.strong(lang.pick("Rolle", "Role"));
            ui.strong(lang.pick("Bruges", "Used"));
            ui.strong(lang.pick("Hvorfor", "Why"));
            ui.end_row();
            for (column_index, column) in columns.iter().enumerate() {
                let header = ui
                    .vertical(|ui| {
                        let header = ui.label(&column.header);
                        if let Some(text) = &column.text {
                            let shown: String = text.chars().take(QUESTION_TEXT_SHOWN).collect();
                            let shown = if shown.len() < text.len() {
                                format!("{shown}…")
                            } else {
                                shown
                            };
                            ui.weak(shown).on_hover_text(text);
                        }
                        header
                    })
                    .inner;
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
                let used = use_text(column, lang);
                if ColumnUse::of(column.role) == ColumnUse::Averaged {
                    ui.strong(used);
                } else {
                    ui.label(used);
                }
                ui.weak(column.reason.describe(lang));
                ui.end_row();
            }
        });
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
            "{c} {} / {p} {}",
            lang.pick("med komma", "with comma"),
            lang.pick("med punktum", "with point")
        ),
    }
}
