//! The free-text answers with wave, week and municipality, following the filters, searchable.

use eframe::egui;

use super::{Command, Settings};
use crate::analysis::Filter;
use crate::dataset::Comment;
use crate::locale::Lang;

/// `comments` are the ones that may be shown; `hidden` were left out as from small groups.
#[must_use = "the command must reach App::apply"]
pub fn ui(
    ui: &mut egui::Ui,
    comments: &[Comment],
    hidden: usize,
    settings: &Settings,
    search: &mut String,
) -> Option<Command> {
    let lang = settings.lang;
    ui.heading(lang.pick("Kommentarer", "Comments"));
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Søg:", "Search:"));
        ui.add(
            egui::TextEdit::singleline(search)
                .desired_width(320.0)
                .hint_text(lang.pick(
                    "ord i kommentaren eller kommunen",
                    "words in the comment or municipality",
                )),
        )
        .labelled_by(label.id);
    });
    let needle = search.trim().to_lowercase();
    let shown: Vec<&Comment> = comments
        .iter()
        .filter(|c| passes(c, &settings.analysis.filter) && matches(c, &needle))
        .collect();
    ui.weak(format!(
        "{} {} {}",
        lang.count(shown.len() as u64),
        lang.pick("af", "of"),
        lang.count(comments.len() as u64)
    ));
    if hidden > 0 {
        ui.weak(match lang {
            Lang::Da => format!(
                "{} kommentarer er skjult: de kommer fra kommuner med færre end {} svar.",
                lang.count(hidden as u64),
                settings.analysis.min_n
            ),
            Lang::En => format!(
                "{} comments are hidden: they come from municipalities with fewer than {} answers.",
                lang.count(hidden as u64),
                settings.analysis.min_n
            ),
        });
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("comments")
            .striped(true)
            .num_columns(4)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                ui.strong(lang.pick("Rul", "Wave"));
                ui.strong(lang.pick("Uge", "Week"));
                ui.strong(lang.pick("Kommune", "Municipality"));
                ui.strong(lang.pick("Kommentar", "Comment"));
                ui.end_row();
                for comment in shown {
                    comment_row_ui(ui, comment, lang);
                }
            });
    });
    None
}

fn comment_row_ui(ui: &mut egui::Ui, comment: &Comment, lang: Lang) {
    ui.label(lang.data_value(&comment.wave));
    let when = match (comment.week, comment.date) {
        (Some(week), Some(date)) => format!("{week} ({})", lang.date(date)),
        (Some(week), None) => week.to_string(),
        (None, Some(date)) => lang.date(date),
        (None, None) => "–".to_string(),
    };
    ui.label(when);
    ui.label(comment.municipality.as_deref().unwrap_or("–"));
    ui.add(egui::Label::new(&comment.text).wrap());
    ui.end_row();
}

/// The filter's rule on a comment: a comment belongs to no question of its own, so the
/// question filter does not hide it.
fn passes(comment: &Comment, filter: &Filter) -> bool {
    let allowed = |chosen: &[String], value: &str| chosen.is_empty() || chosen.iter().any(|c| c == value);
    let municipality_ok = filter.municipalities.is_empty()
        || comment
            .municipality
            .as_ref()
            .is_some_and(|m| filter.municipalities.contains(m));
    let date_ok = match comment.date {
        Some(date) => filter.date_from.is_none_or(|from| date >= from) && filter.date_to.is_none_or(|to| date <= to),
        None => filter.date_from.is_none() && filter.date_to.is_none(),
    };
    allowed(&filter.waves, &comment.wave) && allowed(&filter.phases, &comment.phase) && municipality_ok && date_ok
}

fn matches(comment: &Comment, needle: &str) -> bool {
    needle.is_empty()
        || comment.text.to_lowercase().contains(needle)
        || comment
            .municipality
            .as_ref()
            .is_some_and(|m| m.to_lowercase().contains(needle))
}
