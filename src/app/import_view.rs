//! What an import found, before the data is used: first what only the user can answer
//! (`review_questions`), then every problem with its place, then each file (`import_file`).
//! The user accepts, skips invalid rows, or cancels.

use eframe::egui;

use super::review::{Review, file_name};
use super::{Command, import_file, review_answers, review_questions};
use crate::import::{Problem, ProblemKind, Severity, xlsx};
use crate::locale::Lang;

/// Problems listed before "and N more": a file with a wrong column can have one per row.
const PROBLEMS_SHOWN: usize = 300;

#[must_use = "the command must reach App::apply"]
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
        let asked = [
            review_answers::remembered_ui(ui, review, lang),
            review_questions::ui(ui, review, lang),
            review_answers::given_ui(ui, review, lang),
        ];
        if let Some(chosen) = asked.into_iter().flatten().next_back() {
            command = Some(chosen);
        }
        if !import.problems.is_empty() {
            ui.add_space(6.0);
            problems_ui(ui, &import.problems, lang);
            ui.separator();
        }
        for (index, report) in import.files.iter().enumerate() {
            let columns = review.columns.get(index).cloned().unwrap_or_default();
            if let Some(chosen) = import_file::ui(ui, report, &columns, index, lang) {
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
    if review.waits_for_answers {
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
        let errors = review.errors;
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

pub(super) fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
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
            // In the order the import put them: causes, what stops a file, rows, notes.
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

#[cfg(test)]
mod tests {
    use super::place;
    use crate::import::{Problem, ProblemKind};
    use crate::locale::Lang;

    #[test]
    fn a_workbook_problem_is_placed_by_sheet_row_and_column_letter() {
        let problem = Problem {
            file: "svar.xlsx".to_string(),
            sheet: Some("Ark1".to_string()),
            line: Some(12),
            column: Some((4, "Tilfredshed".to_string())),
            kind: ProblemKind::OutOfScale { value: "7".to_string() },
        };
        assert_eq!(place(&problem, Lang::Da), "Ark1, række 12, kolonne D");
        assert_eq!(place(&problem, Lang::En), "Ark1, row 12, column D");
        let text = Problem { sheet: None, ..problem };
        assert_eq!(place(&text, Lang::Da), "linje 12, kolonne 4");
    }
}
