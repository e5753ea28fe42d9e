//! The chart of the current view: built from cached results when something it depends on
//! changed, kept otherwise, and laid out once into the scene the window paints (the same
//! scene the exports write).

use super::cache::Cached;
use super::{App, ThemeChoice, View, charts_view};
use crate::analysis::{Part, Suppression};
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
        let key = self.chart_key(view);
        if self.charts.key.as_ref() == Some(&key) {
            return;
        }
        let built = if view == View::CrossTab {
            Some(self.crosstab_spec(&key))
        } else {
            key.numbers
                .as_ref()
                .and_then(|numbers| self.cache.results_of(numbers))
                .map(|results| numbers_spec(results, &key))
        };
        let Some((spec, note)) = built else {
            // Nothing counted yet for these data: the view says it is counting.
            self.charts.base = None;
            self.charts.spec = None;
            self.charts.scene = None;
            self.charts.key = Some(key);
            return;
        };
        let spec = spec.map(|spec| self.sourced(spec, note, &key));
        let shown = spec.clone().map(|mut spec| {
            key.texts.apply(&mut spec);
            spec
        });
        self.charts.scene = shown.as_ref().ok().map(|spec| scene(spec, &key));
        self.charts.base = Some(spec);
        self.charts.spec = Some(shown);
        self.charts.key = Some(key);
        self.charts.built += 1;
    }

    /// Everything the view's chart depends on. The chart's numbers are this filter state's,
    /// or while they are counted the last ones drawn (marked as busy); asking for them here
    /// starts their count. The crosstab is counted when it is built, at once.
    fn chart_key(&mut self, view: View) -> charts_view::ChartKey {
        let analysis = &self.settings.analysis;
        let options = analysis.chart_options.get(&view).cloned().unwrap_or_default();
        let wanted = (options.filter(&analysis.filter), analysis.min_n);
        let numbers = if view == View::CrossTab {
            None
        } else {
            let first = if view == View::Bars {
                Part::Summary
            } else {
                Part::Details
            };
            self.cache.want(&self.loaded.dataset, &wanted, first);
            self.cache.complete(&wanted).map(|(key, fresh)| (key.clone(), fresh))
        };
        self.charts.stale = view != View::CrossTab && !numbers.as_ref().is_some_and(|(_, fresh)| *fresh);
        let analysis = &self.settings.analysis;
        charts_view::ChartKey {
            numbers: numbers.as_ref().map(|(key, _)| key.clone()),
            view,
            data_generation: self.data_generation,
            filter: options.filter(&analysis.filter),
            lang: self.settings.lang,
            timeline: analysis.timeline.clone(),
            wave: charts_view::distribution_wave(&self.settings, &self.loaded.dataset),
            by: analysis.crosstab_by.clone(),
            texts: self.chart_texts.get(&view).cloned().unwrap_or_default(),
            min_n: analysis.min_n,
            show_intervals: self.settings.show_intervals,
            wave_colors: analysis.wave_colors.clone(),
            source: self.loaded.label.clone(),
            options,
            size: self.settings.export_size,
            dark: self.settings.theme == ThemeChoice::Dark,
        }
    }

    /// The crosstab, counted now (or from the cache), and how many of its groups are hidden.
    fn crosstab_spec(&mut self, key: &charts_view::ChartKey) -> (Cached<ChartSpec>, Option<Suppression>) {
        let mut note = None;
        let spec = self
            .cache
            .crosstab(&self.loaded.dataset, &key.filter, &key.by, key.min_n)
            .as_ref()
            .map(|tab| {
                if !tab.hidden.is_empty() {
                    note = Some(Suppression {
                        min_n: key.min_n,
                        primary: tab.hidden.len(),
                        secondary: 0,
                    });
                }
                let tab = arrange_crosstab(tab, key.options.sort, key.options.limit);
                crate::charts::crosstab_chart(&tab, key.lang)
            })
            .map_err(Clone::clone);
        (spec, note)
    }

    /// The source line names the data (the builders name the check-in meetings): the sample
    /// says it is sample data, any other file is named. Hidden groups are told on every chart;
    /// the user's notes are added.
    fn sourced(&self, mut spec: ChartSpec, note: Option<Suppression>, key: &charts_view::ChartKey) -> ChartSpec {
        let lang = key.lang;
        let source = if self.loaded.is_sample {
            crate::charts::sample_source(lang)
        } else {
            &self.loaded.label
        };
        spec.name_source(lang, source);
        if let Some(text) = note.and_then(|n| crate::verdicts::suppression_note(&n, lang)) {
            spec.source = format!("{} · {text}", spec.source);
        }
        add_notes(&mut spec, &key.options.notes, lang);
        spec
    }
}

/// The bars, the distribution or the trend from a filter state's results, and what they hide.
fn numbers_spec(
    results: Cached<crate::analysis::Results>,
    key: &charts_view::ChartKey,
) -> (Cached<ChartSpec>, Option<Suppression>) {
    let lang = key.lang;
    let colour =
        |wave: &str, i: usize| crate::charts::palette::wave_color(key.wave_colors.get(wave).copied().unwrap_or(i));
    let mut note = None;
    let spec = results.as_ref().map(|results| {
        note = Some(results.suppression.clone());
        match key.view {
            View::Distribution => crate::charts::distribution_chart(&results.distribution, &key.wave, lang),
            View::Trend => crate::charts::trend_chart_with(
                &results.trend,
                &key.timeline,
                lang,
                key.options.whole_timeline,
                &colour,
            ),
            _ => {
                let summary = arrange_summary(&results.summary, key.options.sort);
                let mut spec = crate::charts::bars_chart(&summary, lang);
                if key.show_intervals {
                    crate::charts::intervals::add_error_bars(&mut spec, &summary, lang);
                }
                spec
            }
        }
    });
    (spec.map_err(Clone::clone), note)
}

/// The chart laid out at the export size in the window's theme.
fn scene(spec: &ChartSpec, key: &charts_view::ChartKey) -> Scene {
    let (width, height) = fitted_size(spec, key.size.width, key.size.height);
    let mut canvas = Canvas::new(f64::from(width), f64::from(height));
    if key.dark {
        canvas.look = Look::Dark;
    }
    draw(spec, canvas)
}
