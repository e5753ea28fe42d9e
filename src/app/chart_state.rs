//! The chart of the current view: built from cached results when something it depends on
//! changed, kept otherwise, and laid out once into the scene the window paints (the same
//! scene the exports write).

use super::{App, SAMPLE_NAME, ThemeChoice, View, charts_view};
use crate::charts::{ChartSpec, add_notes, arrange_crosstab, arrange_summary};
use crate::export::{Canvas, Look, Scene, draw, fitted_size};

impl App {
    /// The spec the chart view shows now, if a chart view was drawn (tests read the trend's
    /// marks and legend here).
    pub fn chart_spec(&self) -> Option<&ChartSpec> {
        self.charts.spec.as_ref().and_then(|spec| spec.as_ref().ok())
    }

    /// The scene the window paints for the current chart: the export's layout at the export
    /// size, in the window's theme.
    pub fn chart_scene(&self) -> Option<&Scene> {
        self.charts.scene.as_ref()
    }

    /// How many chart specs were built: stays put while nothing changes.
    pub fn charts_built(&self) -> usize {
        self.charts.built
    }

    /// Builds the chart of a view when something it depends on changed since the last build.
    pub(super) fn update_chart(&mut self, view: View) {
        let options = self.settings.chart_options.get(&view).cloned().unwrap_or_default();
        let key = charts_view::ChartKey {
            view,
            data_generation: self.data_generation,
            filter: options.filter(&self.settings.filter),
            lang: self.settings.lang,
            timeline: self.settings.timeline.clone(),
            wave: charts_view::distribution_wave(&self.settings, &self.loaded.dataset),
            by: self.settings.crosstab_by.clone(),
            texts: self.chart_texts.get(&view).cloned().unwrap_or_default(),
            options,
            size: self.settings.export_size,
            dark: self.settings.theme == ThemeChoice::Dark,
        };
        if self.charts.key.as_ref() == Some(&key) {
            return;
        }
        let dataset = &self.loaded.dataset;
        let lang = key.lang;
        let spec = if view == View::CrossTab {
            self.cache
                .crosstab(dataset, &key.filter, &key.by)
                .as_ref()
                .map(|tab| {
                    let tab = arrange_crosstab(tab, key.options.sort, key.options.limit);
                    crate::charts::crosstab_chart(&tab, lang)
                })
                .map_err(Clone::clone)
        } else {
            self.cache
                .results(dataset, &key.filter)
                .as_ref()
                .map(|results| match view {
                    View::Distribution => crate::charts::distribution_chart(&results.distribution, &key.wave, lang),
                    View::Trend => {
                        crate::charts::trend_chart_over(&results.trend, &key.timeline, lang, key.options.whole_timeline)
                    }
                    _ => crate::charts::bars_chart(&arrange_summary(&results.summary, key.options.sort), lang),
                })
                .map_err(Clone::clone)
        };
        // The builders name the check-in meetings as the source; for any other file, the
        // file itself is the honest source line.
        let spec = spec.map(|mut spec| {
            if self.loaded.label != SAMPLE_NAME {
                let meetings = lang.pick("check-in møder", "check-in meetings");
                spec.source = spec.source.replace(meetings, &self.loaded.label);
            }
            add_notes(&mut spec, &key.options.notes, lang);
            spec
        });
        let shown = spec.clone().map(|mut spec| {
            key.texts.apply(&mut spec);
            spec
        });
        self.charts.scene = shown.as_ref().ok().map(|spec| {
            let (width, height) = fitted_size(spec, key.size.width, key.size.height);
            let mut canvas = Canvas::new(f64::from(width), f64::from(height));
            if key.dark {
                canvas.look = Look::Dark;
            }
            draw(spec, canvas)
        });
        self.charts.base = Some(spec);
        self.charts.spec = Some(shown);
        self.charts.key = Some(key);
        self.charts.built += 1;
    }
}
