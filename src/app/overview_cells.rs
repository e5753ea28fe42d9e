//! The overview's cells: a mean with its n, marked when small or when a difference to it is
//! real, and on hover everything behind it: n and "Ved ikke", SD, the interval that belongs to
//! the number (cut at the scale and marked, or none and why), the answers as a small bar, and
//! the comparisons it is part of.

use eframe::egui;

use super::TotalMode;
use crate::analysis::verdict::{details, sentence};
use crate::analysis::{Comparison, Spread, Stats, WaveRow};
use crate::charts::palette;
use crate::locale::Lang;

fn interval_line(ci: Option<[f64; 2]>, clipped: bool, n: u64, what: &str, lang: Lang) -> String {
    match ci {
        Some([low, high]) => {
            let cut = if clipped {
                lang.pick(" (skåret af ved skalaens ende)", " (cut at the end of the scale)")
            } else {
                ""
            };
            format!(
                "{} {what}: {} – {}{cut}",
                lang.pick("95 % konfidensinterval for", "95% confidence interval of"),
                lang.number(low, 2),
                lang.number(high, 2)
            )
        }
        None if n < Stats::MIN_N_FOR_INTERVAL => match lang {
            Lang::Da => format!(
                "Intet konfidensinterval: under {} svar ville det sige mere, end dataene kan.",
                Stats::MIN_N_FOR_INTERVAL
            ),
            Lang::En => format!(
                "No confidence interval: below {} answers it would claim more than the data can.",
                Stats::MIN_N_FOR_INTERVAL
            ),
        },
        None => lang
            .pick(
                "Intet konfidensinterval: en af delene har for få svar.",
                "No confidence interval: one of the parts has too few answers.",
            )
            .to_string(),
    }
}

/// The answers 1-5 and "Ved ikke" as a bar, with the counts under it.
fn spread_ui(ui: &mut egui::Ui, spread: &Spread, lang: Lang) {
    let total = spread.answered() + spread.dont_know;
    if total == 0 {
        return;
    }
    let (rect, _) = ui.allocate_exact_size(egui::vec2(260.0, 16.0), egui::Sense::hover());
    let mut x = rect.left();
    let width = |count: u64| rect.width() * count as f32 / total as f32;
    for (count, colour) in spread.counts.iter().zip(palette::LIKERT) {
        let w = width(*count);
        let segment = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
        ui.painter()
            .rect_filled(segment, 0.0, egui::Color32::from_rgb(colour.0, colour.1, colour.2));
        x += w;
    }
    let rest = egui::Rect::from_min_max(egui::pos2(x, rect.top()), rect.max);
    ui.painter().rect_stroke(
        rest,
        0.0,
        egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
        egui::StrokeKind::Inside,
    );
    let [one, two, three, four, five] = spread.counts;
    ui.label(format!(
        "1: {one} · 2: {two} · 3: {three} · 4: {four} · 5: {five} · {} {}",
        lang.pick("Ved ikke:", "Don't know:"),
        spread.dont_know
    ));
}

fn n_label(ui: &mut egui::Ui, n: u64, small: bool, lang: Lang) {
    let text = format!("n = {}{}", lang.count(n), if small { " *" } else { "" });
    if small {
        ui.colored_label(ui.visuals().warn_fg_color, egui::RichText::new(text).small());
    } else {
        ui.weak(egui::RichText::new(text).small());
    }
}

/// A number over its n (n, and whether to mark the n as small); the number in the warning
/// colour when it is built from a small group.
fn number_ui(
    ui: &mut egui::Ui,
    text: egui::RichText,
    small: bool,
    (n, small_n): (u64, bool),
    lang: Lang,
) -> egui::Response {
    ui.vertical(|ui| {
        let text = if small {
            text.color(ui.visuals().warn_fg_color)
        } else {
            text
        };
        ui.label(text);
        n_label(ui, n, small_n, lang);
    })
    .response
}

/// A group's mean with its n; `spread` and `involved` add the answers and the tests to the
/// hover. A † marks a cell with a real difference to another.
pub fn cell_ui(
    ui: &mut egui::Ui,
    stats: &Stats,
    spread: Option<Spread>,
    involved: &[&Comparison],
    lang: Lang,
    font: &egui::FontId,
) {
    let small = stats.is_small();
    let real = involved.iter().any(|c| c.significant);
    let mut mean = stats.mean.map_or_else(|| "–".to_string(), |m| lang.number(m, 2));
    if real {
        mean.push_str(" †");
    }
    let text = egui::RichText::new(mean).font(font.clone());
    let response = number_ui(ui, text, small, (stats.n, small), lang);
    response.on_hover_ui(|ui| {
        ui.label(format!(
            "n = {} {} · {} {}",
            lang.count(stats.n),
            lang.pick("svar på skalaen", "answers on the scale"),
            lang.pick("Ved ikke:", "Don't know:"),
            lang.count(stats.dont_know)
        ));
        if let Some(sd) = stats.sd {
            ui.label(format!("SD {}", lang.number(sd, 2)));
        }
        ui.label(interval_line(
            stats.ci95,
            stats.ci95_clipped,
            stats.n,
            lang.pick("gennemsnittet", "the mean"),
            lang,
        ));
        if small {
            ui.label(lang.pick("Færre end 10 svar.", "Fewer than 10 answers."));
        }
        if let Some(spread) = &spread {
            spread_ui(ui, spread, lang);
        }
        for c in involved {
            ui.separator();
            ui.label(sentence(c, lang));
            ui.weak(details(c, lang));
        }
    });
}

/// A hidden group: the word, and why on hover.
pub fn hidden_ui(ui: &mut egui::Ui, min_n: Option<u64>, lang: Lang) {
    let min_n = min_n.unwrap_or(0);
    ui.weak(lang.pick("skjult", "hidden")).on_hover_text(match lang {
        Lang::Da => format!(
            "Skjult: færre end {min_n} svar, eller skjult så en lille gruppe ikke kan regnes ud af totalen og de andre felter."
        ),
        Lang::En => format!(
            "Hidden: fewer than {min_n} answers, or hidden so a small group cannot be worked out from the total and the other cells."
        ),
    });
}

/// The wave's total as the mode says, marked like a small cell it is built from, with the
/// interval of that very number on hover.
pub fn total_ui(ui: &mut egui::Ui, wave: &WaveRow, mode: TotalMode, lang: Lang, font: &egui::FontId) {
    let total = &wave.total;
    let (mean, ci, clipped, what) = match mode {
        TotalMode::MeanOfPhases => (
            total.mean_of_phases,
            total.mean_of_phases_ci95,
            total.mean_of_phases_ci95_clipped,
            lang.pick("gennemsnittet af fasernes gennemsnit", "the mean of the phase means"),
        ),
        TotalMode::Pooled => (
            total.pooled_mean,
            total.ci95,
            total.ci95_clipped,
            lang.pick("alle svar samlet", "all answers pooled"),
        ),
    };
    let hidden = mean.is_none() && !wave.hidden_phases.is_empty();
    let small = total.from_small_cell;
    let mut text = match mean {
        Some(m) => lang.number(m, 2),
        None if hidden => lang.pick("skjult", "hidden").to_string(),
        None => "–".to_string(),
    };
    if small {
        text.push('*');
    }
    let text = egui::RichText::new(text).font(font.clone()).strong();
    let response = number_ui(ui, text, small, (total.n, false), lang);
    response.on_hover_ui(|ui| {
        ui.label(format!("{}: {what}", lang.pick("Denne total er", "This total is")));
        ui.label(format!(
            "n = {} · {} {}",
            lang.count(total.n),
            lang.pick("Ved ikke:", "Don't know:"),
            lang.count(total.dont_know)
        ));
        if hidden {
            ui.label(lang.pick(
                "Gennemsnittet af faserne vises ikke: en fase er skjult, og totalen ville afsløre den.",
                "The mean of the phases is not shown: a phase is hidden, and the total would give it away.",
            ));
        } else {
            ui.label(interval_line(ci, clipped, total.n, what, lang));
        }
        if small {
            ui.label(lang.pick(
                "* Bygget af et felt med færre end 10 svar: ét lille felt kan flytte totalen meget.",
                "* Built from a cell with fewer than 10 answers: one small cell can move the total far.",
            ));
        }
        if let (TotalMode::MeanOfPhases, Some(pooled)) = (mode, total.pooled_mean) {
            ui.weak(format!(
                "{} {}",
                lang.pick("Alle svar samlet:", "All answers pooled:"),
                lang.number(pooled, 2)
            ));
        }
    });
}
