//! Analysis results kept per filter state, counted on the analysis worker: a redraw reads
//! them, only a change of data or filter asks for more. While a new state is counted the
//! views draw the last state's numbers, marked as busy; replies for a state that is no longer
//! wanted are dropped. `analyses_run` counts the filter states asked for, so tests can prove
//! that redraws and going back cost nothing.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::analysis::coverage::{Coverage, coverage};
use crate::analysis::parts::{DetailsPart, Outcome, SummaryPart};
use crate::analysis::suppress::{protect_comments, protect_crosstab};
use crate::analysis::worker::{Gone, Reply, Request, Worker};
use crate::analysis::{CrossTab, Filter, GroupBy, Part, Partial, Results, Scope, crosstab};
use crate::dataset::{Comment, Dataset};
use crate::plan::Plan;

/// Results for one filter state; an error is kept as text so a failing query is shown once,
/// not retried every frame.
pub type Cached<T> = Result<T, String>;

/// A filter state: the filter and the minimum group size.
pub type Key = (Filter, u64);

/// A part as a view may draw it: `fresh` when it is the current state's, else the last
/// state's numbers, to be drawn dimmed beside a busy mark.
pub struct Shown<'a, T> {
    pub value: &'a Outcome<T>,
    pub fresh: bool,
    /// The state the numbers are of.
    pub key: &'a Key,
}

impl<T> Clone for Shown<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Shown<'_, T> {}

pub struct AnalysisCache {
    states: HashMap<Key, Partial>,
    /// Per part, and for all parts together, the state whose numbers a view drew last.
    last_summary: Option<Key>,
    last_details: Option<Key>,
    last_complete: Option<Key>,
    /// The state sent to the worker last; replies for any other are dropped.
    requested: Option<Key>,
    /// Counts data loads, so replies about data no longer loaded are dropped.
    generation: u64,
    worker: Option<Worker>,
    notify: Arc<dyn Fn() + Send + Sync>,
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
    /// `notify` is called from the worker after each part it sends (the window asks for a
    /// redraw).
    pub fn new(notify: impl Fn() + Send + Sync + 'static) -> AnalysisCache {
        AnalysisCache {
            states: HashMap::new(),
            last_summary: None,
            last_details: None,
            last_complete: None,
            requested: None,
            generation: 0,
            worker: None,
            notify: Arc::new(notify),
            crosstabs: HashMap::new(),
            comments: None,
            coverage: None,
            analyses_run: 0,
            crosstabs_run: 0,
        }
    }

    /// Forgets everything: the data changed.
    pub fn clear(&mut self) {
        self.states.clear();
        self.last_summary = None;
        self.last_details = None;
        self.last_complete = None;
        self.requested = None;
        self.generation += 1;
        self.crosstabs.clear();
        self.comments = None;
        self.coverage = None;
    }

    /// Asks for the parts of `key` not known yet, `first` first, unless they are on their
    /// way; marks the parts it has as the ones on screen.
    pub fn want(&mut self, dataset: &Arc<Dataset>, key: &Key, first: Part) {
        let state = self.states.get(key);
        if state.is_some_and(|s| s.summary.is_some()) {
            self.last_summary = Some(key.clone());
        }
        if state.is_some_and(|s| s.details.is_some()) {
            self.last_details = Some(key.clone());
        }
        if state.is_some_and(Partial::is_complete) {
            self.last_complete = Some(key.clone());
            return;
        }
        if self.requested.as_ref() == Some(key) {
            return;
        }
        let mut parts = vec![first];
        parts.extend(Part::ALL.into_iter().filter(|p| *p != first));
        parts.retain(|part| !state.is_some_and(|s| s.has(*part)));
        self.requested = Some(key.clone());
        self.analyses_run += 1;
        if self.worker.is_none() {
            let notify = self.notify.clone();
            self.worker = Worker::start(move || notify()).ok();
        }
        let request = Request {
            generation: self.generation,
            dataset: dataset.clone(),
            filter: key.0.clone(),
            min_n: key.1,
            parts,
        };
        let sent = self.worker.as_ref().is_some_and(|worker| worker.send(request));
        if !sent {
            // No thread to count on: counted here, as before there was one.
            self.worker = None;
            self.fill_now(dataset, key);
            self.requested = None;
        }
    }

    /// Takes the worker's replies in; returns the parts that came for the state wanted.
    pub fn poll(&mut self, dataset: &Dataset) -> Vec<Part> {
        let mut taken = Vec::new();
        loop {
            match self.worker.as_ref().map(Worker::try_recv) {
                Some(Ok(Some(reply))) => {
                    let part = reply.piece.part();
                    if self.take(reply) {
                        taken.push(part);
                    }
                }
                Some(Err(Gone)) => {
                    // The thread is gone: what it was counting is counted here, and the next
                    // change starts a new one.
                    self.worker = None;
                    if let Some(key) = self.requested.take() {
                        self.fill_now(dataset, &key);
                        taken.extend(Part::ALL);
                    }
                    return taken;
                }
                Some(Ok(None)) | None => return taken,
            }
        }
    }

    /// True while the state asked for last is being counted.
    pub fn is_counting(&self) -> bool {
        self.requested
            .as_ref()
            .is_some_and(|key| !self.states.get(key).is_some_and(Partial::is_complete))
    }

    /// Waits until the state asked for last has every part (tests; at most `timeout`).
    pub fn wait(&mut self, timeout: Duration) {
        let deadline = std::time::Instant::now() + timeout;
        while let Some(key) = self.requested.clone() {
            if self.states.get(&key).is_some_and(Partial::is_complete) {
                return;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.worker.as_ref().map(|worker| worker.recv_timeout(left)) {
                Some(Ok(reply)) => {
                    self.take(reply);
                }
                _ => return,
            }
        }
    }

    fn take(&mut self, reply: Reply) -> bool {
        let key = (reply.filter, reply.min_n);
        if reply.generation != self.generation || self.requested.as_ref() != Some(&key) {
            // Stale: a filter (or data) no longer current.
            return false;
        }
        self.state_mut(&key).insert(reply.piece);
        true
    }

    fn state_mut(&mut self, key: &Key) -> &mut Partial {
        if !self.states.contains_key(key) && self.states.len() >= KEPT_STATES {
            self.states.clear();
        }
        self.states.entry(key.clone()).or_default()
    }

    /// Computes the missing parts of `key` here and now: the bundled sample before the first
    /// frame, and exports, which need every number at once.
    pub fn fill_now(&mut self, dataset: &Dataset, key: &Key) {
        if self.states.get(key).is_some_and(Partial::is_complete) {
            return;
        }
        if !self.states.contains_key(key) {
            self.analyses_run += 1;
        }
        let state = self.state_mut(key);
        match Scope::new(dataset, &key.0) {
            Ok(scope) => {
                for part in Part::ALL {
                    state.compute(&scope, key.1, part);
                }
            }
            Err(error) => {
                let missing: Vec<Part> = Part::ALL.into_iter().filter(|part| !state.has(*part)).collect();
                for part in missing {
                    state.insert(crate::analysis::parts::Piece::failed(part, &error.to_string()));
                }
            }
        }
    }

    /// Every number of `key`, computed here if missing (exports).
    pub fn results_now(&mut self, dataset: &Dataset, key: &Key) -> Cached<Results> {
        self.fill_now(dataset, key);
        match self.states.get(key).and_then(Partial::results) {
            Some(results) => results,
            None => Err(String::from("no results")),
        }
    }

    /// The summary to draw for `key`: its own, or the last one drawn.
    pub fn summary(&self, key: &Key) -> Option<Shown<'_, SummaryPart>> {
        self.shown(key, self.last_summary.as_ref(), |state| state.summary.as_ref())
    }

    /// The details to draw for `key`: its own, or the last ones drawn.
    pub fn details(&self, key: &Key) -> Option<Shown<'_, DetailsPart>> {
        self.shown(key, self.last_details.as_ref(), |state| state.details.as_ref())
    }

    /// Every part of `key` together, or of the last state drawn complete.
    pub fn complete(&self, key: &Key) -> Option<(&Key, bool)> {
        if self.states.get(key).is_some_and(Partial::is_complete) {
            return self.states.get_key_value(key).map(|(key, _)| (key, true));
        }
        let last = self.last_complete.as_ref()?;
        let (last, _) = self.states.get_key_value(last).filter(|(_, s)| s.is_complete())?;
        Some((last, false))
    }

    /// The results of a complete state (see [`AnalysisCache::complete`]).
    pub fn results_of(&self, key: &Key) -> Option<Cached<Results>> {
        self.states.get(key).and_then(Partial::results)
    }

    fn shown<'a, T>(
        &'a self,
        key: &Key,
        last: Option<&Key>,
        part: impl Fn(&'a Partial) -> Option<&'a Outcome<T>>,
    ) -> Option<Shown<'a, T>> {
        let find = |key: &Key| {
            let (key, state) = self.states.get_key_value(key)?;
            Some((key, part(state)?))
        };
        if let Some((key, value)) = find(key) {
            return Some(Shown {
                value,
                fresh: true,
                key,
            });
        }
        let (key, value) = find(last?)?;
        Some(Shown {
            value,
            fresh: false,
            key,
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

    /// How many filter states were asked for (or computed in place).
    pub fn analyses_run(&self) -> usize {
        self.analyses_run
    }

    pub fn crosstabs_run(&self) -> usize {
        self.crosstabs_run
    }
}
