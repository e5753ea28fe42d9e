//! The window's side of "numbers a steering group can trust": the minimum group size, the
//! bar chart's intervals, the overview's title, the coverage table's order and export, and a
//! window title that says when the data is the bundled sample.

use eframe::egui;

use super::command::CoverageFormat;
use super::{App, Command, Message};
use crate::analysis::coverage::Coverage;
use crate::locale::Lang;

impl App {
    pub(super) fn apply_trust(&mut self, command: Command) {
        match command {
            // Results are cached per minimum as well as per filter: nothing else to clear.
            Command::SetMinN(n) => {
                self.settings.analysis.min_n = n.clamp(1, 1000);
                self.want_numbers();
            }
            Command::SetShowIntervals(show) => self.settings.show_intervals = show,
            Command::SetOverviewTitle(title) => self.settings.analysis.overview_title = title,
            Command::SortCoverage(sort) => self.coverage_sort = sort,
            Command::SaveCoverage(format) => self.save_coverage(format),
            _ => {}
        }
    }

    /// "valgpuls — Eksempeldata", "valgpuls — uge47.csv", or "valgpuls" while nothing is loaded.
    pub fn window_title(&self) -> String {
        let lang = self.settings.lang;
        if self.loaded.is_sample {
            format!(
                "valgpuls — {}",
                lang.pick("Eksempeldata (ikke dine data)", "Sample data (not your data)")
            )
        } else if self.loaded.label.is_empty() {
            "valgpuls".to_string()
        } else {
            format!("valgpuls — {}", self.loaded.label)
        }
    }

    pub(super) fn send_title(&mut self) {
        let title = self.window_title();
        if title != self.title_sent {
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    fn save_coverage(&mut self, format: CoverageFormat) {
        let lang = self.settings.lang;
        let plan = self.settings.analysis.import_plan();
        let coverage: Coverage = match self.cache.coverage(&self.loaded.dataset, plan.as_ref()) {
            Ok(coverage) => coverage.clone(),
            Err(_) => return,
        };
        let extension = match format {
            CoverageFormat::Csv => "csv",
            CoverageFormat::Xlsx => "xlsx",
            CoverageFormat::Svg => "svg",
            CoverageFormat::Png => "png",
        };
        let Some(path) = rfd::FileDialog::new()
            .add_filter(extension.to_uppercase(), &[extension])
            .set_file_name(format!("valgpuls-{}.{extension}", lang.pick("svarprocent", "coverage")))
            .save_file()
        else {
            return;
        };
        let written = coverage_bytes(&coverage, format, lang, self.loaded.is_sample)
            .and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
        self.message = Some(Message::written(written, &path, lang.pick("Gemt:", "Saved:")));
    }
}

/// The coverage as the file a format asks for.
pub fn coverage_bytes(
    coverage: &Coverage,
    format: CoverageFormat,
    lang: Lang,
    sample: bool,
) -> Result<Vec<u8>, String> {
    use crate::export::table::{to_csv, to_xlsx};
    let table = crate::charts::coverage::coverage_table(coverage, lang);
    let mut spec = crate::charts::coverage::coverage_chart(coverage, lang);
    if sample {
        spec.source = format!(
            "{} {}",
            lang.pick("Kilde:", "Source:"),
            crate::charts::sample_source(lang)
        );
    }
    let size = (1920, 1080);
    match format {
        CoverageFormat::Csv => Ok(to_csv(&table, lang)),
        CoverageFormat::Xlsx => to_xlsx(&[&table]).map_err(|e| e.to_string()),
        CoverageFormat::Svg => Ok(crate::export::to_svg(&spec, size.0, size.1).into_bytes()),
        CoverageFormat::Png => crate::export::to_png(&spec, size.0, size.1, 1.0, crate::export::Background::White)
            .map_err(|e| e.to_string()),
    }
}
