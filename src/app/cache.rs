//! Analysis results kept per filter state: a redraw reads them, only a change of data or
//! filter recomputes. `analyses_run` counts real computations so tests can prove it.

use std::collections::HashMap;

use crate::analysis::{CrossTab, Filter, GroupBy, Results, analyse, crosstab};
use crate::dataset::Dataset;

/// Results for one filter state; an error is kept as text so a failing query is shown once,
/// not retried every frame.
pub type Cached<T> = Result<T, String>;

#[derive(Default)]
pub struct AnalysisCache {
    results: HashMap<Filter, Cached<Results>>,
    crosstabs: HashMap<(Filter, GroupBy), Cached<CrossTab>>,
    analyses_run: usize,
    crosstabs_run: usize,
}

/// Filter states kept before the cache is emptied: enough for going back and forth between
/// filters, small enough that clicking around all day does not grow memory.
const KEPT_STATES: usize = 64;

impl AnalysisCache {
    /// Forgets everything: the data changed.
    pub fn clear(&mut self) {
        self.results.clear();
        self.crosstabs.clear();
    }

    pub fn results(&mut self, dataset: &Dataset, filter: &Filter) -> &Cached<Results> {
        if !self.results.contains_key(filter) && self.results.len() >= KEPT_STATES {
            self.results.clear();
        }
        let runs = &mut self.analyses_run;
        self.results.entry(filter.clone()).or_insert_with(|| {
            *runs += 1;
            analyse(dataset, filter).map_err(|error| error.to_string())
        })
    }

    pub fn crosstab(&mut self, dataset: &Dataset, filter: &Filter, by: &GroupBy) -> &Cached<CrossTab> {
        let key = (filter.clone(), by.clone());
        if !self.crosstabs.contains_key(&key) && self.crosstabs.len() >= KEPT_STATES {
            self.crosstabs.clear();
        }
        let runs = &mut self.crosstabs_run;
        self.crosstabs.entry(key).or_insert_with(|| {
            *runs += 1;
            crosstab(dataset, filter, by).map_err(|error| error.to_string())
        })
    }

    /// How many times `analyse` really ran.
    pub fn analyses_run(&self) -> usize {
        self.analyses_run
    }

    pub fn crosstabs_run(&self) -> usize {
        self.crosstabs_run
    }
}
