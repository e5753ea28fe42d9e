//! The analysis a user has set up: which answers count, how the files' layouts were read, the
//! plan, the timeline and the chart choices. The window keeps it between runs (in `Settings`)
//! and a project file carries it to another machine (in `Project`): one struct, so the two
//! can never drift apart field by field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::settings::{TotalMode, View};
use crate::analysis::{Filter, GroupBy};
use crate::charts::ChartOptions;
use crate::import::{LayoutAnswers, Role};
use crate::plan::Plan;
use crate::timeline::Timeline;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisState {
    pub filter: Filter,
    /// Roles chosen before answers were remembered per file layout (older settings and
    /// projects); still applied to every file. New choices go to `remembered`.
    pub role_overrides: BTreeMap<String, Role>,
    /// The answers given in an accepted import review, by file layout (`FileReport::layout_key`):
    /// next week's export of the same survey is read the same way without asking again.
    pub remembered: BTreeMap<String, LayoutAnswers>,
    /// The rollout plan: which municipality is in which wave and when each wave began. Empty
    /// when the user has given none.
    pub plan: Plan,
    pub view: View,
    pub total_mode: TotalMode,
    pub timeline: Timeline,
    pub crosstab_by: GroupBy,
    /// The wave the distribution view shows; None picks the last wave in time.
    pub distribution_wave: Option<String>,
    /// Groups with fewer answers are hidden in the window and every export.
    pub min_n: u64,
    /// Each wave's colour (an index into the wave palette), given in time order the first
    /// time a wave is seen and kept whatever is filtered, so next week's slides match this
    /// week's.
    pub wave_colors: BTreeMap<String, usize>,
    /// The user's title for the overview; empty: the title naming the questions covered.
    pub overview_title: String,
    /// Per chart view: order, top/bottom N, whole timeline, own waves and questions, notes.
    pub chart_options: BTreeMap<View, ChartOptions>,
}

impl Default for AnalysisState {
    fn default() -> Self {
        AnalysisState {
            filter: Filter::default(),
            role_overrides: BTreeMap::new(),
            remembered: BTreeMap::new(),
            plan: Plan::default(),
            view: View::Overview,
            total_mode: TotalMode::MeanOfPhases,
            timeline: Timeline::default(),
            crosstab_by: GroupBy::Phase,
            distribution_wave: None,
            min_n: crate::analysis::DEFAULT_MIN_N,
            wave_colors: BTreeMap::new(),
            overview_title: String::new(),
            chart_options: BTreeMap::new(),
        }
    }
}

impl AnalysisState {
    /// Gives each wave without a colour the first colour no wave has, in time order.
    pub fn colour_new_waves(&mut self, waves: &[String]) {
        for wave in waves {
            if self.wave_colors.contains_key(wave) {
                continue;
            }
            let used: Vec<usize> = self.wave_colors.values().copied().collect();
            let free = (0..).find(|i| !used.contains(i)).unwrap_or(0);
            self.wave_colors.insert(wave.clone(), free);
        }
    }

    /// The plan to import with: None when the user has given none.
    pub fn import_plan(&self) -> Option<Plan> {
        (!self.plan.waves.is_empty()).then(|| self.plan.clone())
    }

    /// Takes a saved project's analysis. What was remembered about other files' layouts is
    /// kept beside the project's answers, and the project's wave colours win for its waves.
    pub fn take_project(&mut self, project: AnalysisState) {
        let mut remembered = std::mem::take(&mut self.remembered);
        remembered.extend(project.remembered.clone());
        let mut wave_colors = std::mem::take(&mut self.wave_colors);
        wave_colors.retain(|_, colour| !project.wave_colors.values().any(|c| c == colour));
        wave_colors.extend(project.wave_colors.clone());
        *self = AnalysisState {
            remembered,
            wave_colors,
            min_n: project.min_n.max(1),
            ..project
        };
    }
}
