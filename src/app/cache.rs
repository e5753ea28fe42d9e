//! Analysis results kept per filter state: a redraw reads them, only a change of data or
//! filter recomputes. `analyses_run` counts real computations so tests can prove it.

use std::collections::HashMap;

use crate::analysis::coverage::{Coverage, coverage};
use crate::analysis::suppress::{protect_comments, protect_crosstab};
use crate::analysis::{CrossTab, Filter, GroupBy, Results, analyse_with, crosstab};
use crate::dataset::{Comment, Dataset};
use crate::plan::Plan;

/// Results for one filter state; an error is kept as text so a failing query is shown once,
/// not retried every frame.
pub type Cached<T> = Result<T, String>;

#[derive(Default)]
pub struct AnalysisCache {
    results: HashMap<(Filter, u64), Cached<Results>>,
    crosstabs: HashMap<(Filter, GroupBy, u64), Cached<CrossTab>>,
    /// The comments shown (small groups' hidden) and how many are hidden, per minimum.
    comments: Option<(u64, Vec<Comment>, usize)>,
    coverage: Option<Cached<Coverage>>,
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
        self.comments = None;
        self.coverage = None;
    }

    pub fn results(&mut self, dataset: &Dataset, filter: &Filter, min_n: u64) -> &Cached<Results> {
        let key = (filter.clone(), min_n);
        if !self.results.contains_key(&key) && self.results.len() >= KEPT_STATES {
            self.results.clear();
        }
        let runs = &mut self.analyses_run;
        self.results.entry(key).or_insert_with(|| {
            *runs += 1;
            analyse_with(dataset, filter, min_n).map_err(|error| error.to_string())
        })
    }

    pub fn crosstab(&mut self, dataset: &Dataset, filter: &Filter, by: &GroupBy, min_n: u64) -> &Cached<CrossTab> {
        let key = (filter.clone(), by.clone(), min_n);
        if !self.crosstabs.contains_key(&key) && self.crosstabs.len() >= KEPT_STATES {
            self.crosstabs.clear();
        }
        let runs = &mut self.crosstabs_run;
        self.crosstabs.entry(key).or_insert_with(|| {
            *runs += 1;
            crosstab(dataset, filter, by)
                .map(|tab| protect_crosstab(&tab, min_n).0)
                .map_err(|error| error.to_string())
        })
    }

    /// The comments the window may show, and how many are hidden.
    pub fn comments(&mut self, dataset: &Dataset, min_n: u64) -> (&[Comment], usize) {
        if self.comments.as_ref().is_none_or(|(n, _, _)| *n != min_n) {
            let (shown, hidden) = protect_comments(dataset, min_n);
            self.comments = Some((min_n, shown, hidden));
        }
        match &self.comments {
            Some((_, shown, hidden)) => (shown, *hidden),
            None => (&[], 0),
        }
    }

    /// Who has answered which check-in; the data and the plan change only with a new import,
    /// which empties the cache.
    pub fn coverage(&mut self, dataset: &Dataset, plan: Option<&Plan>) -> &Cached<Coverage> {
        self.coverage
            .get_or_insert_with(|| coverage(dataset, plan).map_err(|error| error.to_string()))
    }

    /// How many times `analyse` really ran.
    pub fn analyses_run(&self) -> usize {
        self.analyses_run
    }

    pub fn crosstabs_run(&self) -> usize {
        self.crosstabs_run
    }
}
