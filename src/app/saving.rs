//! Files out and in through the native dialogs: charts, the overview table, the timeline, and
//! the chart image for the clipboard. The save dialogs ask before replacing a file, and files
//! are written atomically.

use super::{App, Message, command, export_bar};
use crate::timeline::Timeline;

impl App {
    pub(super) fn open_timeline(&mut self) {
        let lang = self.lang();
        let Some(path) = rfd::FileDialog::new()
            .add_filter(lang.pick("Tidslinje (CSV)", "Timeline (CSV)"), &["csv", "txt"])
            .pick_file()
        else {
            return;
        };
        self.message = Some(match Timeline::load(&path) {
            Ok(timeline) => {
                self.settings.analysis.timeline = timeline;
                Message {
                    text: format!(
                        "{} {}",
                        lang.pick("Tidslinje indlæst:", "Timeline loaded:"),
                        path.display()
                    ),
                    is_error: false,
                }
            }
            Err(error) => Message {
                text: error.to_string(),
                is_error: true,
            },
        });
    }

    pub(super) fn save_timeline(&mut self) {
        let lang = self.lang();
        // The native save dialog asks before replacing an existing file.
        let Some(path) = rfd::FileDialog::new()
            .add_filter(lang.pick("Tidslinje (CSV)", "Timeline (CSV)"), &["csv"])
            .set_file_name("tidslinje.csv")
            .save_file()
        else {
            return;
        };
        self.message = Some(Message::written(
            self.settings.analysis.timeline.save(&path).map_err(|e| e.to_string()),
            &path,
            lang.pick("Tidslinje gemt:", "Timeline saved:"),
        ));
    }

    pub(super) fn save_chart(&mut self, format: export_bar::ChartFormat) {
        let lang = self.lang();
        let Some(spec) = self.chart_spec().cloned() else { return };
        let size = self.settings.export_size;
        let background = self.settings.export_background;
        let (extension, kind) = match format {
            export_bar::ChartFormat::Png => ("png", lang.pick("PNG-billede", "PNG image")),
            export_bar::ChartFormat::Svg => ("svg", lang.pick("SVG-vektorgrafik", "SVG vector graphics")),
        };
        let name = format!(
            "valgpuls-{}.{extension}",
            self.settings.analysis.view.label(lang).to_lowercase().replace(' ', "-")
        );
        // The native save dialog asks before replacing an existing file.
        let Some(path) = rfd::FileDialog::new()
            .add_filter(kind, &[extension])
            .set_file_name(name)
            .save_file()
        else {
            return;
        };
        // A crosstab of many values is made as tall as its rows need.
        let (width, height) = crate::export::fitted_size(&spec, size.width, size.height);
        let bytes = match format {
            export_bar::ChartFormat::Png => {
                crate::export::to_png(&spec, width, height, 1.0, background).map_err(|error| error.to_string())
            }
            export_bar::ChartFormat::Svg => {
                Ok(crate::export::svg::render(&spec, width, height, background).into_bytes())
            }
        };
        let written = bytes.and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
        self.message = Some(Message::written(written, &path, lang.pick("Gemt:", "Saved:")));
    }

    pub(super) fn save_table(&mut self, format: command::TableFormat) {
        let lang = self.lang();
        let key = (self.settings.analysis.filter.clone(), self.settings.analysis.min_n);
        let (table, comparisons) = match self.cache.results_now(&self.loaded.dataset, &key) {
            Ok(results) => {
                let mut table = crate::export::table::summary_table(&results.summary, lang);
                if let Some(note) = crate::verdicts::suppression_note(&results.suppression, lang) {
                    // The table says that groups are hidden, in its last row.
                    let mut row = vec![crate::export::table::Value::Text(note)];
                    row.resize(table.headers.len(), crate::export::table::Value::Empty);
                    table.rows.push(row);
                }
                (table, crate::verdicts::comparisons_table(&results.comparisons, lang))
            }
            Err(_) => return,
        };
        let (extension, kind) = match format {
            command::TableFormat::Csv => ("csv", lang.pick("CSV til Excel", "CSV for Excel")),
            command::TableFormat::Xlsx => ("xlsx", lang.pick("Excel-projektmappe", "Excel workbook")),
        };
        // The native save dialog asks before replacing an existing file.
        let Some(path) = rfd::FileDialog::new()
            .add_filter(kind, &[extension])
            .set_file_name(format!("valgpuls-{}.{extension}", lang.pick("oversigt", "overview")))
            .save_file()
        else {
            return;
        };
        let bytes = match format {
            command::TableFormat::Csv => Ok(crate::export::table::to_csv(&table, lang)),
            command::TableFormat::Xlsx => {
                crate::export::table::to_xlsx(&[&table, &comparisons]).map_err(|e| e.to_string())
            }
        };
        let written = bytes.and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
        self.message = Some(Message::written(written, &path, lang.pick("Gemt:", "Saved:")));
    }

    pub(super) fn copy_chart_image(&mut self) {
        let lang = self.lang();
        let Some(spec) = self.chart_spec() else { return };
        let image = export_bar::clipboard_image(spec, self.settings.export_size, self.settings.export_background);
        self.message = Some(match image {
            Ok(image) => {
                self.ctx.copy_image(image);
                Message {
                    text: lang
                        .pick(
                            "Diagrammet er kopieret som billede; indsæt det i PowerPoint.",
                            "Chart copied as an image; paste it into PowerPoint.",
                        )
                        .to_string(),
                    is_error: false,
                }
            }
            Err(error) => Message {
                text: error,
                is_error: true,
            },
        });
    }
}
