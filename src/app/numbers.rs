//! The window's side of the analysis worker: the numbers a view draws are asked for when it
//! is drawn (see [`AnalysisCache::want`](super::cache::AnalysisCache::want)); here the replies
//! are taken in before each frame, and tests wait for them.

use std::time::Duration;

use super::{App, View};
use crate::analysis::Part;

/// How long a test waits for the worker at most.
const WAIT: Duration = Duration::from_secs(120);

impl App {
    /// Takes in the numbers the worker has sent; with VALGPULS_TIMING set, says how long after
    /// the filter change the view's numbers came.
    pub(super) fn poll_numbers(&mut self) {
        if self.numbers_held {
            return;
        }
        let taken = self.cache.poll(&self.loaded.dataset);
        if let Some(changed) = self.filter_changed
            && std::env::var_os("VALGPULS_TIMING").is_some()
        {
            for part in taken {
                eprintln!(
                    "valgpuls: {part:?} of the new filter's numbers in {} ms",
                    changed.elapsed().as_millis()
                );
            }
        }
    }

    /// Waits until the numbers of the view on screen (and the other views' for the same
    /// filter) are counted, then takes them in: tests call this as they call
    /// `wait_for_import`, and the next frame draws them.
    pub fn wait_for_numbers(&mut self) {
        self.numbers_held = false;
        self.want_numbers();
        self.cache.wait(WAIT);
    }

    /// Tests: the worker's numbers are not taken in before frames until
    /// [`App::wait_for_numbers`], so a test sees the old numbers and the busy mark however
    /// fast the worker is.
    pub fn hold_numbers(&mut self) {
        self.numbers_held = true;
    }

    /// Asks for the numbers of the view on screen, its own part first: called when the
    /// filter changes, so the worker starts while the frame of the click is still drawn (the
    /// view asks again when it is drawn, which costs nothing then).
    pub(super) fn want_numbers(&mut self) {
        let view = self.settings.analysis.view;
        if view == View::CrossTab || self.is_reviewing() || self.loaded.dataset.answer_count() == 0 {
            return;
        }
        let options = self
            .settings
            .analysis
            .chart_options
            .get(&view)
            .cloned()
            .unwrap_or_default();
        let (filter, first) = match view {
            View::Bars => (options.filter(&self.settings.analysis.filter), Part::Summary),
            View::Distribution | View::Trend => (options.filter(&self.settings.analysis.filter), Part::Details),
            _ => (self.settings.analysis.filter.clone(), Part::Summary),
        };
        self.cache
            .want(&self.loaded.dataset, &(filter, self.settings.analysis.min_n), first);
    }

    /// True while the worker counts numbers a view is waiting for.
    pub fn is_counting(&self) -> bool {
        self.cache.is_counting()
    }
}
