//! The busy mark: while the numbers on screen are older than the filters (the analysis
//! worker is counting the new state), a spinner and "Opdaterer…" stand beside them and they
//! are drawn dimmed; before the first numbers of a data set, "Beregner tallene…".

use eframe::egui;

use crate::locale::Lang;

/// How strongly numbers of an older filter state are shown.
const STALE_OPACITY: f32 = 0.4;

/// The words of the busy mark: tests look for them.
pub fn busy_text(nothing_yet: bool, lang: Lang) -> &'static str {
    if nothing_yet {
        lang.pick("Beregner tallene…", "Counting the numbers…")
    } else {
        lang.pick("Opdaterer…", "Updating…")
    }
}

/// A spinner and what is going on.
pub fn mark_ui(ui: &mut egui::Ui, nothing_yet: bool, lang: Lang) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(egui::RichText::new(busy_text(nothing_yet, lang)).color(ui.visuals().warn_fg_color))
            .on_hover_text(lang.pick(
                "Tallene regnes om for de valgte filtre; de viste er fra før ændringen.",
                "The numbers are being counted for the chosen filters; those shown are from before the change.",
            ));
    });
}

/// Draws `add` dimmed when its numbers are stale.
pub fn dimmed_ui<R>(ui: &mut egui::Ui, stale: bool, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.scope(|ui| {
        if stale {
            ui.multiply_opacity(STALE_OPACITY);
        }
        add(ui)
    })
    .inner
}
