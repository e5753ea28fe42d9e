//! The chart of the current view: built from cached results when something it depends on
//! changed, kept otherwise.

use super::{App, SAMPLE_NAME, View, charts_view};
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
                .map(|tab| crate::charts::crosstab_chart(tab, lang))
                .map_err(Clone::clone)
        } else {
            self.cache
                .results(dataset, &key.filter)
                .as_ref()
                .map(|results| match view {
                    View::Distribution => crate::charts::distribution_chart(&results.distribution, &key.wave, lang),
                    View::Trend => crate::charts::trend_chart(&results.trend, &key.timeline, lang),
                    _ => crate::charts::bars_chart(&results.summary, lang),
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
