//! The timeline editor: the events and spans the trend chart draws. Add, edit, remove; load
//! and save as CSV through the File menu or the buttons here.

use eframe::egui;

use super::Command;
use crate::import::values::parse_date;
use crate::locale::Lang;
use crate::timeline::{Entry, EntryKind, Timeline};

/// The add/edit form as typed; it becomes an entry only when the dates parse.
#[derive(Clone, Debug)]
pub struct Form {
    /// The entry being edited; None adds a new one.
    pub editing: Option<usize>,
    pub kind: EntryKind,
    pub start: String,
    pub end: String,
    pub label_da: String,
    pub label_en: String,
    pub error: Option<String>,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            editing: None,
            kind: EntryKind::Event,
            start: String::new(),
            end: String::new(),
            label_da: String::new(),
            label_en: String::new(),
            error: None,
        }
    }
}

impl Form {
    fn load(index: usize, entry: &Entry, lang: Lang) -> Form {
        Form {
            editing: Some(index),
            kind: entry.kind,
            start: lang.date(entry.start),
            end: entry.end.map(|d| lang.date(d)).unwrap_or_default(),
            label_da: entry.label_da.clone(),
            label_en: entry.label_en.clone(),
            error: None,
        }
    }

    fn entry(&self, lang: Lang) -> Result<Entry, String> {
        let start = parse_date(self.start.trim()).ok_or_else(|| {
            format!(
                "«{}» {}",
                self.start.trim(),
                lang.pick("er ikke en dato", "is not a date")
            )
        })?;
        if self.label_da.trim().is_empty() && self.label_en.trim().is_empty() {
            return Err(lang.pick("Skriv en tekst.", "Write a label.").to_string());
        }
        let (da, en) = (self.label_da.trim(), self.label_en.trim());
        match self.kind {
            EntryKind::Event => Ok(Entry::event(start, da, en)),
            EntryKind::Span => {
                let end = parse_date(self.end.trim()).ok_or_else(|| {
                    format!(
                        "«{}» {}",
                        self.end.trim(),
                        lang.pick("er ikke en dato", "is not a date")
                    )
                })?;
                if end < start {
                    return Err(lang
                        .pick("Slut ligger før start.", "The end is before the start.")
                        .to_string());
                }
                Ok(Entry::span(start, end, da, en))
            }
        }
    }
}

fn kind_label(kind: EntryKind, lang: Lang) -> &'static str {
    match kind {
        EntryKind::Event => lang.pick("Hændelse", "Event"),
        EntryKind::Span => lang.pick("Periode", "Span"),
    }
}

#[must_use = "the command must reach App::apply"]
pub fn ui(ui: &mut egui::Ui, timeline: &Timeline, lang: Lang, form: &mut Form) -> Option<Command> {
    let mut command = None;
    ui.heading(lang.pick("Tidslinje", "Timeline"));
    ui.horizontal(|ui| {
        if ui.button(lang.pick("Åbn tidslinje…", "Open timeline…")).clicked() {
            command = Some(Command::OpenTimelineDialog);
        }
        if ui.button(lang.pick("Gem tidslinje…", "Save timeline…")).clicked() {
            command = Some(Command::SaveTimelineDialog);
        }
        if ui
            .button(lang.pick("Gendan præsentationens tidslinje", "Restore the deck's timeline"))
            .clicked()
        {
            command = Some(Command::SetTimeline(Timeline::default()));
        }
    });
    ui.add_space(6.0);
    egui::Grid::new("timeline_entries")
        .striped(true)
        .num_columns(6)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Type", "Kind"));
            ui.strong(lang.pick("Start", "Start"));
            ui.strong(lang.pick("Slut", "End"));
            ui.strong(lang.pick("Tekst (dansk)", "Label (Danish)"));
            ui.strong(lang.pick("Tekst (engelsk)", "Label (English)"));
            ui.label("");
            ui.end_row();
            for (index, entry) in timeline.entries.iter().enumerate() {
                ui.label(kind_label(entry.kind, lang));
                ui.label(lang.date(entry.start));
                ui.label(entry.end.map(|d| lang.date(d)).unwrap_or_default());
                ui.label(&entry.label_da);
                ui.label(&entry.label_en);
                ui.horizontal(|ui| {
                    if ui.button(lang.pick("Rediger", "Edit")).clicked() {
                        *form = Form::load(index, entry, lang);
                    }
                    if ui.button(lang.pick("Slet", "Remove")).clicked() {
                        let mut changed = timeline.clone();
                        changed.entries.remove(index);
                        command = Some(Command::SetTimeline(changed));
                        if form.editing == Some(index) {
                            *form = Form::default();
                        }
                    }
                });
                ui.end_row();
            }
        });
    ui.add_space(10.0);
    ui.separator();
    if let Some(changed) = form_ui(ui, timeline, lang, form) {
        command = Some(changed);
    }
    command
}

#[must_use = "the command must reach App::apply"]
fn form_ui(ui: &mut egui::Ui, timeline: &Timeline, lang: Lang, form: &mut Form) -> Option<Command> {
    let mut command = None;
    ui.strong(match form.editing {
        Some(_) => lang.pick("Rediger punkt", "Edit entry"),
        None => lang.pick("Tilføj punkt", "Add entry"),
    });
    egui::Grid::new("timeline_form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(lang.pick("Type", "Kind"));
            ui.horizontal(|ui| {
                for kind in [EntryKind::Event, EntryKind::Span] {
                    ui.radio_value(&mut form.kind, kind, kind_label(kind, lang));
                }
            });
            ui.end_row();
            let date_hint = lang.pick("dd-mm-åååå", "dd-mm-yyyy");
            let start_label = ui.label(match form.kind {
                EntryKind::Event => lang.pick("Dato", "Date"),
                EntryKind::Span => lang.pick("Start", "Start"),
            });
            ui.add(
                egui::TextEdit::singleline(&mut form.start)
                    .hint_text(date_hint)
                    .desired_width(140.0),
            )
            .labelled_by(start_label.id);
            ui.end_row();
            if form.kind == EntryKind::Span {
                let end_label = ui.label(lang.pick("Slut", "End"));
                ui.add(
                    egui::TextEdit::singleline(&mut form.end)
                        .hint_text(date_hint)
                        .desired_width(140.0),
                )
                .labelled_by(end_label.id);
                ui.end_row();
            }
            let da_label = ui.label(lang.pick("Tekst (dansk)", "Label (Danish)"));
            ui.add(egui::TextEdit::singleline(&mut form.label_da).desired_width(360.0))
                .labelled_by(da_label.id);
            ui.end_row();
            let en_label = ui.label(lang.pick("Tekst (engelsk)", "Label (English)"));
            ui.add(egui::TextEdit::singleline(&mut form.label_en).desired_width(360.0))
                .labelled_by(en_label.id);
            ui.end_row();
        });
    ui.horizontal(|ui| {
        let submit = match form.editing {
            Some(_) => lang.pick("Gem ændring", "Save change"),
            None => lang.pick("Tilføj", "Add"),
        };
        if ui.button(submit).clicked() {
            match form.entry(lang) {
                Ok(entry) => {
                    let mut changed = timeline.clone();
                    match form.editing.and_then(|i| changed.entries.get_mut(i)) {
                        Some(slot) => *slot = entry,
                        None => changed.entries.push(entry),
                    }
                    changed.entries.sort_by_key(|e| e.start);
                    command = Some(Command::SetTimeline(changed));
                    *form = Form::default();
                }
                Err(error) => form.error = Some(error),
            }
        }
        if form.editing.is_some() && ui.button(lang.pick("Fortryd", "Cancel")).clicked() {
            *form = Form::default();
        }
    });
    if let Some(error) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    command
}
