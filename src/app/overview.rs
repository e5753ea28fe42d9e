//! The deck's table: waves × phases and "Total udrulning", with n, every figure saying what it
//! is: the title names the questions covered, the total names its kind and carries its own
//! interval, hidden groups say why, and the response rate stands beside each wave. Below: the
//! change since the previous check-in, the differences tested, and the per-question means.

use eframe::egui;

use super::busy::{dimmed_ui, mark_ui};
use super::cache::{Cached, Shown};
use super::command::TableFormat;
use super::overview_cells::{cell_ui, hidden_ui, total_ui};
use super::overview_details::details_ui;
use super::{Command, Loaded, Settings, TotalMode};
use crate::analysis::coverage::Coverage;
use crate::analysis::parts::{DetailsPart, SummaryPart, total_note};
use crate::analysis::{ComparisonKind, Summary};
use crate::locale::Lang;

/// The overview's numbers: the summary (its table) and the details (the per-question table,
/// the tests, each cell's answers), each this filter state's or, while counted, the last
/// drawn.
pub struct Numbers<'a> {
    pub summary: Option<Shown<'a, SummaryPart>>,
    pub details: Option<Shown<'a, DetailsPart>>,
}

#[must_use = "the command must reach App::apply"]
pub fn ui(
    ui: &mut egui::Ui,
    numbers: &Numbers,
    coverage: &Cached<Coverage>,
    settings: &Settings,
    loaded: &Loaded,
) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    let default_title =
        crate::verdicts::scope_title(&loaded.dataset.questions, &settings.analysis.filter.questions, lang);
    let title = if settings.analysis.overview_title.trim().is_empty() {
        default_title.clone()
    } else {
        settings.analysis.overview_title.trim().to_string()
    };
    ui.heading(&title);
    if loaded.is_sample {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "Eksempeldata: opdigtede svar, ikke dine data. Åbn dine egne filer med Ctrl+O.",
                "Sample data: made-up answers, not your data. Open your own files with Ctrl+O.",
            ),
        );
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        command = body_ui(ui, numbers, coverage, settings, loaded, &default_title);
    });
    command
}

#[must_use = "the command must reach App::apply"]
fn body_ui(
    ui: &mut egui::Ui,
    numbers: &Numbers,
    coverage: &Cached<Coverage>,
    settings: &Settings,
    loaded: &Loaded,
    default_title: &str,
) -> Option<Command> {
    let lang = settings.lang;
    let titled = title_ui(ui, settings, default_title);
    let Some(shown) = numbers.summary else {
        mark_ui(ui, true, lang);
        return titled;
    };
    let part = match shown.value {
        Ok(part) => part,
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return titled;
        }
    };
    let summary = &part.summary;
    // The details drawn beside the summary's cells (their answers and tests) only when they
    // are of the same filter state.
    let details = numbers
        .details
        .filter(|d| d.key == shown.key)
        .and_then(|d| d.value.as_ref().ok());
    let chosen = table_bar_ui(ui, settings);
    ui.add_space(8.0);
    if !shown.fresh {
        mark_ui(ui, false, lang);
    }
    dimmed_ui(ui, !shown.fresh, |ui| {
        if summary.waves.is_empty() && summary.hidden_waves.is_empty() {
            ui.label(lang.pick(
                "Ingen grupper at vise med de valgte filtre.",
                "No groups to show with the chosen filters.",
            ));
        } else {
            table_ui(ui, summary, details, coverage, settings.analysis.total_mode, lang);
            ui.add_space(8.0);
        }
        notes_ui(ui, part, details, loaded, lang);
    });
    if !summary.waves.is_empty() {
        details_ui(ui, numbers.details, shown, loaded, lang);
    }
    chosen.or(titled)
}

/// The slide title, the scope title as its hint until one is typed.
#[must_use = "the command must reach App::apply"]
fn title_ui(ui: &mut egui::Ui, settings: &Settings, default_title: &str) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Titel på slide:", "Slide title:"));
        let mut text = settings.analysis.overview_title.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(640.0)
                    .hint_text(default_title),
            )
            .labelled_by(label.id);
        if edit.changed() {
            command = Some(Command::SetOverviewTitle(text));
        }
    });
    command
}

/// Above the table: which total, copy and save, the smallest group shown.
#[must_use = "the command must reach App::apply"]
fn table_bar_ui(ui: &mut egui::Ui, settings: &Settings) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    ui.horizontal(|ui| {
        ui.label(lang.pick("Total udrulning:", "Total rollout:"));
        for (mode, label) in [
            (
                TotalMode::MeanOfPhases,
                lang.pick("gennemsnit af faser", "mean of phase means"),
            ),
            (TotalMode::Pooled, lang.pick("alle svar samlet", "all answers pooled")),
        ] {
            if ui
                .selectable_label(settings.analysis.total_mode == mode, label)
                .clicked()
            {
                command = Some(Command::SetTotalMode(mode));
            }
        }
        ui.separator();
        if let Some(chosen) = table_exports_ui(ui, lang) {
            command = Some(chosen);
        }
        ui.separator();
        if let Some(chosen) = min_n_ui(ui, settings.analysis.min_n, lang) {
            command = Some(chosen);
        }
    });
    command
}

#[must_use = "the command must reach App::apply"]
fn table_exports_ui(ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
    let mut command = None;
    if ui
        .button(lang.pick("Kopiér tabel", "Copy table"))
        .on_hover_text(lang.pick(
            "Som tabel (HTML og tekst), der kan indsættes i Excel og PowerPoint",
            "As a table (HTML and text) that pastes into Excel and PowerPoint",
        ))
        .clicked()
    {
        // The export's table (both totals, n and SD) as HTML and text together.
        command = Some(Command::CopyTable);
    }
    if ui.button(lang.pick("Gem som Excel…", "Save as Excel…")).clicked() {
        command = Some(Command::SaveTable(TableFormat::Xlsx));
    }
    if ui.button(lang.pick("Gem som CSV…", "Save as CSV…")).clicked() {
        command = Some(Command::SaveTable(TableFormat::Csv));
    }
    command
}

/// The smallest group shown, here and in every export.
#[must_use = "the command must reach App::apply"]
fn min_n_ui(ui: &mut egui::Ui, min_n: u64, lang: Lang) -> Option<Command> {
    let label = ui.label(lang.pick("Mindste gruppe:", "Smallest group:"));
    let mut min_n = min_n;
    let drag = ui
        .add(egui::DragValue::new(&mut min_n).range(1..=1000).suffix(lang.pick(" svar", " answers")))
        .labelled_by(label.id)
        .on_hover_text(lang.pick(
            "Grupper med færre svar skjules her og i alle eksporter, og en gruppe mere, hvis den skjulte ellers kunne regnes ud af totalen.",
            "Groups with fewer answers are hidden here and in every export, and one more group where the hidden one could else be worked out from the total.",
        ));
    drag.changed().then_some(Command::SetMinN(min_n))
}

fn notes_ui(ui: &mut egui::Ui, part: &SummaryPart, details: Option<&DetailsPart>, loaded: &Loaded, lang: Lang) {
    let summary = &part.summary;
    let any_small = summary
        .waves
        .iter()
        .any(|w| w.cells.iter().any(|c| c.stats.is_small()) || w.total.from_small_cell);
    if any_small {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "* færre end 10 svar: gennemsnittet er usikkert",
                "* fewer than 10 answers: the mean is uncertain",
            ),
        );
    }
    if summary.waves.iter().any(|w| w.total.from_small_cell) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "En total med * er bygget af et felt med færre end 10 svar.",
                "A total with * is built from a cell with fewer than 10 answers.",
            ),
        );
    }
    // Until the details are counted, what the summary hides.
    let hidden = match details {
        Some(details) => total_note(&part.note, &details.note),
        None => part.note.clone(),
    };
    if let Some(note) = crate::verdicts::suppression_note(&hidden, lang) {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
    ui.label(counts_note(summary, lang));
    let source = if loaded.is_sample {
        crate::charts::sample_source(lang).to_string()
    } else {
        loaded.label.clone()
    };
    ui.weak(format!(
        "{} {source} · {}",
        lang.pick("Kilde:", "Source:"),
        lang.pick(
            "hold musen over et tal for n, SD, 95 % konfidensinterval, svarfordeling og test",
            "hover a number for n, SD, the 95% confidence interval, the answers and the tests"
        ),
    ));
}

/// Why two counts of answers differ: n counts answers on the scale, "Ved ikke" is apart.
fn counts_note(summary: &Summary, lang: Lang) -> String {
    let (n, dont_know) = (summary.overall.n, summary.overall.dont_know);
    match lang {
        Lang::Da => format!(
            "n = svar på skalaen 1-5 ({}). «Ved ikke» ({}) tælles ikke med i gennemsnittene; i alt {} svar.",
            lang.count(n),
            lang.count(dont_know),
            lang.count(n + dont_know)
        ),
        Lang::En => format!(
            "n = answers on the 1-5 scale ({}). \"Don't know\" ({}) is not part of the means; {} answers in all.",
            lang.count(n),
            lang.count(dont_know),
            lang.count(n + dont_know)
        ),
    }
}

fn total_header(mode: TotalMode, lang: Lang) -> String {
    match mode {
        TotalMode::MeanOfPhases => lang.pick(
            "Total udrulning (gennemsnit af faser)",
            "Total rollout (mean of phase means)",
        ),
        TotalMode::Pooled => lang.pick(
            "Total udrulning (alle svar samlet)",
            "Total rollout (all answers pooled)",
        ),
    }
    .to_string()
}

fn table_ui(
    ui: &mut egui::Ui,
    summary: &Summary,
    details: Option<&DetailsPart>,
    coverage: &Cached<Coverage>,
    mode: TotalMode,
    lang: Lang,
) {
    let comparisons = details.map_or(&[][..], |d| d.comparisons.as_slice());
    let body = egui::TextStyle::Body.resolve(ui.style());
    let big = egui::FontId::new(body.size * 1.35, body.family.clone());
    let coverage = coverage.as_ref().ok().filter(|c| !c.waves.is_empty());
    egui::Grid::new("overview_table")
        .striped(true)
        .min_col_width(120.0)
        .spacing([28.0, 10.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Rul", "Wave"));
            for phase in &summary.phases {
                ui.strong(lang.data_value(phase));
            }
            ui.strong(total_header(mode, lang));
            if coverage.is_some() {
                ui.strong(lang.pick("Svarprocent", "Response rate"));
            }
            ui.end_row();
            for wave in &summary.waves {
                ui.label(
                    egui::RichText::new(lang.data_value(&wave.wave))
                        .font(big.clone())
                        .strong(),
                );
                for phase in &summary.phases {
                    let involved: Vec<_> = comparisons
                        .iter()
                        .filter(|c| c.kind != ComparisonKind::CheckIn)
                        .filter(|c| {
                            [&c.a, &c.b]
                                .iter()
                                .any(|g| g.wave == wave.wave && g.phase.as_deref() == Some(phase.as_str()))
                        })
                        .collect();
                    match wave.cell(phase) {
                        Some(cell) => {
                            let spread = details.map(|d| d.answers.spread(&wave.wave, Some(phase)));
                            cell_ui(ui, &cell.stats, spread, &involved, lang, &big);
                        }
                        None if wave.is_hidden(phase) => hidden_ui(ui, summary.min_n, lang),
                        None => {
                            ui.weak("–");
                        }
                    }
                }
                total_ui(ui, wave, mode, lang, &big);
                if let Some(coverage) = coverage {
                    match coverage.wave(&wave.wave) {
                        Some(tally) => {
                            ui.label(crate::charts::coverage::rate_text(tally, lang))
                                .on_hover_text(lang.pick(
                                    "Check-ins besvaret af de forventede (se «Hvem mangler»)",
                                    "Check-ins answered of those expected (see \"Who is missing\")",
                                ));
                        }
                        None => {
                            ui.weak("–");
                        }
                    }
                }
                ui.end_row();
            }
            // A wave with too few answers in all keeps its row, saying why it shows nothing.
            for wave in &summary.hidden_waves {
                ui.label(egui::RichText::new(lang.data_value(wave)).font(big.clone()).strong());
                for _ in 0..=summary.phases.len() {
                    hidden_ui(ui, summary.min_n, lang);
                }
                ui.end_row();
            }
        });
}
