//! "Gem som PowerPoint…": a dialog to choose the slides (the table and every chart the data
//! has, each as its view shows it: order, selection, notes, texts), 16:9 or 4:3 and the
//! title; then the native save dialog and an atomic write. Also "Kopiér tabel": HTML and text
//! on the clipboard together.

use std::path::Path;

use eframe::egui;

use super::{App, Command, Message, View};
use crate::analysis::GroupBy;
use crate::charts::ChartNote;
use crate::deck::{ChartChoice, DeckItem, DeckRequest, every_chart, write_deck};
use crate::export::clipboard::{ClipboardTable, clipboard_table};
use crate::export::pptx::Aspect;

#[derive(Clone, Debug, PartialEq)]
pub enum DeckCommand {
    Open,
    Close,
    SetAspect(Aspect),
    /// Take a chart in or out of the deck.
    Choose(ChartChoice, bool),
    SetTitle(String),
    /// The native save dialog, then the file.
    Save,
}

#[derive(Default)]
pub struct DeckState {
    pub open: bool,
    pub title: String,
    /// Charts left out (everything is in by default).
    pub left_out: Vec<ChartChoice>,
    /// The note being typed under a chart.
    pub note_draft: ChartNote,
    /// Kept alive: on X11 the clipboard's contents live as long as the clipboard object.
    clipboard: Option<arboard::Clipboard>,
    /// The last table put on the clipboard (tests read it; the clipboard itself may be absent).
    pub copied: Option<ClipboardTable>,
}

impl App {
    /// The charts the deck offers: everything the data has, and the crosstab the window shows.
    pub fn deck_choices(&self) -> Vec<ChartChoice> {
        let mut choices = every_chart(&self.loaded.dataset);
        let shown = ChartChoice::CrossTab(self.settings.analysis.crosstab_by.clone());
        if !choices.contains(&shown) {
            choices.push(shown);
        }
        choices
    }

    /// The deck as chosen: each chart with its view's options and texts.
    pub fn deck_request(&self) -> DeckRequest {
        let items = self
            .deck_choices()
            .into_iter()
            .filter(|choice| !self.deck.left_out.contains(choice))
            .map(|choice| {
                let view = match &choice {
                    ChartChoice::Table => View::Overview,
                    ChartChoice::Bars => View::Bars,
                    ChartChoice::Distribution(_) => View::Distribution,
                    ChartChoice::Trend => View::Trend,
                    ChartChoice::CrossTab(_) => View::CrossTab,
                };
                // The crosstab's options and texts belong to the breakdown the view shows.
                let own = !matches!(&choice, ChartChoice::CrossTab(by) if *by != self.settings.analysis.crosstab_by);
                let options = self.settings.analysis.chart_options.get(&view).filter(|_| own).cloned();
                let texts = self.chart_texts.get(&view).filter(|_| own).cloned().unwrap_or_default();
                DeckItem {
                    choice: Some(choice),
                    options: options.unwrap_or_default(),
                    title: texts.title,
                    subtitle: texts.subtitle,
                    source: texts.source,
                }
            })
            .collect();
        DeckRequest {
            lang: self.settings.lang,
            aspect: self.settings.deck_aspect,
            title: self.deck.title.clone(),
            source: if self.loaded.is_sample {
                crate::charts::sample_source(self.settings.lang).to_string()
            } else {
                self.loaded.label.clone()
            },
            filter: self.settings.analysis.filter.clone(),
            items,
            min_n: Some(self.settings.analysis.min_n),
        }
    }

    /// Writes the deck as chosen (tests call this directly; the window through the dialog).
    pub fn write_deck_to(&self, path: &Path) -> Result<(), String> {
        let bytes = write_deck(
            &self.loaded.dataset,
            &self.settings.analysis.timeline,
            &self.deck_request(),
        )?;
        crate::files::write_atomically(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The last table "Kopiér tabel" put on the clipboard.
    pub fn copied_table(&self) -> Option<&ClipboardTable> {
        self.deck.copied.as_ref()
    }

    pub(super) fn copy_table(&mut self) {
        let lang = self.lang();
        let key = (self.settings.analysis.filter.clone(), self.settings.analysis.min_n);
        let Ok(results) = self.cache.results_now(&self.loaded.dataset, &key) else {
            return;
        };
        let table = clipboard_table(&crate::export::table::summary_table(&results.summary, lang), lang);
        if self.deck.clipboard.is_none() {
            self.deck.clipboard = arboard::Clipboard::new().ok();
        }
        let with_html = match self.deck.clipboard.as_mut() {
            Some(clipboard) => clipboard
                .set_html(table.html.as_str(), Some(table.text.as_str()))
                .is_ok(),
            None => false,
        };
        if !with_html {
            // No clipboard that takes HTML here: the text alone still pastes as a table.
            self.ctx.copy_text(table.text.clone());
        }
        self.deck.copied = Some(table);
        self.message = Some(Message {
            text: lang
                .pick(
                    "Tabellen er kopieret; indsæt den i Excel eller PowerPoint som tabel.",
                    "Table copied; paste it into Excel or PowerPoint as a table.",
                )
                .to_string(),
            is_error: false,
        });
    }

    pub(super) fn deck_command(&mut self, command: DeckCommand) {
        match command {
            DeckCommand::Open => self.deck.open = true,
            DeckCommand::Close => self.deck.open = false,
            DeckCommand::SetAspect(aspect) => self.settings.deck_aspect = aspect,
            DeckCommand::Choose(choice, chosen) => {
                self.deck.left_out.retain(|c| *c != choice);
                if !chosen {
                    self.deck.left_out.push(choice);
                }
            }
            DeckCommand::SetTitle(title) => self.deck.title = title,
            DeckCommand::Save => self.save_deck_dialog(),
        }
    }

    fn save_deck_dialog(&mut self) {
        let lang = self.lang();
        // The native save dialog asks before replacing an existing file.
        let Some(path) = rfd::FileDialog::new()
            .add_filter("PowerPoint", &["pptx"])
            .set_file_name(format!("valgpuls-{}.pptx", lang.pick("praesentation", "deck")))
            .save_file()
        else {
            return;
        };
        let written = self.write_deck_to(&path);
        if written.is_ok() {
            self.deck.open = false;
        }
        self.message = Some(Message::written(written, &path, lang.pick("Gemt:", "Saved:")));
    }

    /// The dialog, while open.
    #[must_use = "the command must reach App::apply"]
    pub(super) fn deck_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.deck.open {
            return commands;
        }
        let lang = self.lang();
        let mut open = true;
        egui::Window::new(lang.pick("Gem som PowerPoint", "Save as PowerPoint"))
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .show(ctx, |ui| {
                let mut title = self.deck.title.clone();
                ui.horizontal(|ui| {
                    let label = ui.label(lang.pick("Titel på forsiden:", "Title slide:"));
                    ui.add(
                        egui::TextEdit::singleline(&mut title)
                            .hint_text(lang.pick("Tilfredshed i VALG-udrulningen", "Satisfaction in the VALG rollout"))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                });
                if title != self.deck.title {
                    commands.push(Command::Deck(DeckCommand::SetTitle(title)));
                }
                ui.horizontal(|ui| {
                    ui.label(lang.pick("Format:", "Shape:"));
                    for aspect in [Aspect::Wide, Aspect::Standard] {
                        if ui.radio(self.settings.deck_aspect == aspect, aspect.label()).clicked() {
                            commands.push(Command::Deck(DeckCommand::SetAspect(aspect)));
                        }
                    }
                });
                ui.separator();
                ui.label(lang.pick(
                    "Dias (forside, så de valgte):",
                    "Slides (title slide, then those chosen):",
                ));
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for choice in self.deck_choices() {
                        let mut chosen = !self.deck.left_out.contains(&choice);
                        let mut label = choice.label(lang);
                        if matches!(&choice, ChartChoice::CrossTab(GroupBy::Municipality)) {
                            label.push_str(lang.pick(" (over flere dias)", " (over several slides)"));
                        }
                        if ui.checkbox(&mut chosen, label).changed() {
                            commands.push(Command::Deck(DeckCommand::Choose(choice, chosen)));
                        }
                    }
                });
                ui.separator();
                if ui.button(lang.pick("Gem…", "Save…")).clicked() {
                    commands.push(Command::Deck(DeckCommand::Save));
                }
            });
        if !open {
            commands.push(Command::Deck(DeckCommand::Close));
        }
        commands
    }
}
