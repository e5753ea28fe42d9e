//! The answers of the import review: the files read the way their layout was read last
//! time (with a way to forget), and the answers given in this review (each with a way back).

use eframe::egui;

use super::review::Review;
use super::review_questions::framed;
use super::{Answer, Command};
use crate::dates::DateOrder;
use crate::import::LayoutAnswers;
use crate::locale::Lang;

/// "Læst som sidst: fil.csv: …" for each file read with remembered answers, with "Glem".
#[must_use = "the command must reach App::apply"]
pub fn remembered_ui(ui: &mut egui::Ui, review: &Review, lang: Lang) -> Option<Command> {
    let mut command = None;
    for layout in &review.remembered {
        framed(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!(
                    "{} {}:",
                    lang.pick("Læst som sidst:", "Read as last time:"),
                    layout.file
                ));
                ui.label(answers_text(&layout.answers, lang).join("; "));
                if ui
                    .button(lang.pick("Glem", "Forget"))
                    .on_hover_text(lang.pick(
                        "Glem svarene for filer med disse kolonner, og læs filen igen, som om den var ny",
                        "Forget the answers for files with these columns, and read the file again as if it were new",
                    ))
                    .clicked()
                {
                    command = Some(Command::ForgetLayout(layout.key.clone()));
                }
            });
        });
    }
    command
}

/// The answers given in this review, each with a button that takes it back.
#[must_use = "the command must reach App::apply"]
pub fn given_ui(ui: &mut egui::Ui, review: &Review, lang: Lang) -> Option<Command> {
    let answers = &review.answers;
    if answers.is_empty() {
        return None;
    }
    ui.strong(lang.pick("Dine svar i denne import", "Your answers in this import"));
    ui.weak(lang.pick(
        "Når du bruger dataene, huskes svarene til næste fil med de samme kolonner.",
        "When you use the data, the answers are remembered for the next file with the same columns.",
    ));
    let command = given_answers_ui(ui, answers, lang);
    ui.separator();
    command
}

/// Each answer in words, for "Læst som sidst" and the list of answers given.
fn answers_text(answers: &LayoutAnswers, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(order) = answers.date_order {
        out.push(date_order_text(order, lang).to_string());
    }
    for value in &answers.dont_know {
        out.push(dont_know_text(value, lang));
    }
    for (header, role) in &answers.role_overrides {
        out.push(role_text(header, role.label(lang), lang));
    }
    if !answers.labels.is_empty() {
        out.push(labels_text(answers, lang));
    }
    out
}

fn date_order_text(order: DateOrder, lang: Lang) -> &'static str {
    match order {
        DateOrder::DayFirst => lang.pick("datoer med dagen først", "dates with the day first"),
        DateOrder::MonthFirst => lang.pick("datoer med måneden først", "dates with the month first"),
    }
}

fn dont_know_text(value: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("«{value}» tælles som «Ved ikke»"),
        Lang::En => format!("“{value}” counts as “Don't know”"),
    }
}

fn role_text(header: &str, role: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("kolonnen «{header}» er «{role}»"),
        Lang::En => format!("column “{header}” is “{role}”"),
    }
}

fn labels_text(answers: &LayoutAnswers, lang: Lang) -> String {
    let columns = answers.labels.column_names().count();
    match lang {
        Lang::Da => format!("kodeliste for {columns} kolonner"),
        Lang::En => format!("code list for {columns} columns"),
    }
}

/// The answers given in this review, each with a button that takes it back.
#[must_use = "the command must reach App::apply"]
fn given_answers_ui(ui: &mut egui::Ui, answers: &LayoutAnswers, lang: Lang) -> Option<Command> {
    let mut command = None;
    let mut row = |ui: &mut egui::Ui, text: String, answer: Answer| {
        ui.horizontal(|ui| {
            ui.label(format!("• {text}"));
            if ui.small_button(lang.pick("Fortryd", "Undo")).clicked() {
                command = Some(Command::WithdrawAnswer(answer));
            }
        });
    };
    if let Some(order) = answers.date_order {
        row(ui, date_order_text(order, lang).to_string(), Answer::DateOrder);
    }
    for value in &answers.dont_know {
        row(ui, dont_know_text(value, lang), Answer::DontKnow(value.clone()));
    }
    for (header, role) in &answers.role_overrides {
        row(
            ui,
            role_text(header, role.label(lang), lang),
            Answer::Role(header.clone()),
        );
    }
    if !answers.labels.is_empty() {
        row(ui, labels_text(answers, lang), Answer::Labels);
    }
    command
}
