//! The chart of the current view: built from cached results when something it depends on
//! changed, kept otherwise.

use super::{App, View, charts_view};
use crate::charts::ChartSpec;

impl App {
    /// The spec the chart view shows now, if a chart view was drawn (tests read the trend's
    /// marks and legend here).
    pub fn chart_spec(&self) -> Option<&ChartSpec> {
        self.charts.spec.as_ref().and_then(|spec| spec.as_ref().ok())
    }

    /// How many chart specs were built: stays put while nothing changes.
    pub fn charts_built(&self) -> usize {
        self.charts.built
    }

    /// Builds the chart of a view when something it depends on changed since the last build.
    pub(super) fn update_chart(&mut self, view: View) {
        let key = charts_view::ChartKey {
            view,
            data_generation: self.data_generation,
            filter: self.settings.filter.clone(),
            lang: self.settings.lang,
            timeline: self.settings.timeline.clone(),
            wave: charts_view::distribution_wave(&self.settings, &self.loaded.dataset),
            by: self.settings.crosstab_by.clone(),
            texts: self.chart_texts.get(&view).cloned().unwrap_or_default(),
            min_n: self.settings.min_n,
            show_intervals: self.settings.show_intervals,
            wave_colors: self.settings.wave_colors.clone(),
            source: self.loaded.label.clone(),
        };
        if self.charts.key.as_ref() == Some(&key) {
            return;
        }
        let dataset = &self.loaded.dataset;
        let lang = key.lang;
        let colours = &key.wave_colors;
        let colour = |wave: &str, i: usize| crate::charts::palette::wave_color(colours.get(wave).copied().unwrap_or(i));
        let mut note = None;
        let spec = if view == View::CrossTab {
            self.cache
                .crosstab(dataset, &key.filter, &key.by, key.min_n)
                .as_ref()
                .map(|tab| {
                    if !tab.hidden.is_empty() {
                        note = Some(crate::analysis::Suppression {
                            min_n: key.min_n,
                            primary: tab.hidden.len(),
                            secondary: 0,
                        });
                    }
                    crate::charts::crosstab_chart(tab, lang)
                })
                .map_err(Clone::clone)
        } else {
            self.cache
                .results(dataset, &key.filter, key.min_n)
                .as_ref()
                .map(|results| {
                    note = Some(results.suppression.clone());
                    match view {
                        View::Distribution => crate::charts::distribution_chart(&results.distribution, &key.wave, lang),
                        View::Trend => {
                            crate::charts::trend_chart_coloured(&results.trend, &key.timeline, lang, &colour)
                        }
                        _ => {
                            let mut spec = crate::charts::bars_chart(&results.summary, lang);
                            if key.show_intervals {
                                crate::charts::intervals::add_error_bars(&mut spec, &results.summary, lang);
                            }
                            spec
                        }
                    }
                })
                .map_err(Clone::clone)
        };
        // The builders name the check-in meetings as the source; the sample says it is
        // sample data, any other file is named. Hidden groups are told on every chart.
        let is_sample = self.loaded.is_sample;
        let spec = spec.map(|mut spec| {
            let meetings = lang.pick("check-in møder", "check-in meetings");
            let source = if is_sample {
                crate::charts::sample_source(lang)
            } else {
                &self.loaded.label
            };
            spec.source = spec.source.replace(meetings, source);
            if let Some(text) = note.and_then(|n| crate::verdicts::suppression_note(&n, lang)) {
                spec.source = format!("{} · {text}", spec.source);
            }
            spec
        });
        let shown = spec.clone().map(|mut spec| {
            key.texts.apply(&mut spec);
            spec
        });
        self.charts.base = Some(spec);
        self.charts.spec = Some(shown);
        self.charts.key = Some(key);
        self.charts.built += 1;
    }
}
