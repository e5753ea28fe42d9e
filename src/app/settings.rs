//! What the window remembers between runs (eframe persistence): everything here is the user's
//! choice, nothing is derived from data. Unknown or missing fields fall back to defaults, so an
//! older saved state never stops the window from opening.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::export_bar::ExportSize;
use crate::analysis::{Filter, GroupBy};
use crate::charts::ChartOptions;
use crate::export::Background;
use crate::import::{LayoutAnswers, Role};
use crate::locale::Lang;
use crate::plan::Plan;
use crate::timeline::Timeline;

/// How many files the File → Recent menu keeps.
pub const RECENT_FILES_KEPT: usize = 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Light by default: charts go on white slides.
    #[default]
    Light,
    Dark,
}

/// Which figure the "Total udrulning" column shows: both are legitimate, so the table always
/// says which one it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TotalMode {
    /// The unweighted mean of the phase means, as the deck computes it.
    #[default]
    MeanOfPhases,
    /// The mean of all answers pooled.
    Pooled,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum View {
    #[default]
    Overview,
    Bars,
    Distribution,
    Trend,
    CrossTab,
    Coverage,
    Comments,
    Timeline,
    Plan,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Overview,
        View::Bars,
        View::Distribution,
        View::Trend,
        View::CrossTab,
        View::Coverage,
        View::Comments,
        View::Timeline,
        View::Plan,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            View::Overview => ("Oversigt", "Overview"),
            View::Bars => ("Søjler", "Bars"),
            View::Distribution => ("Fordeling", "Distribution"),
            View::Trend => ("Udvikling", "Trend"),
            View::CrossTab => ("Krydstabel", "Crosstab"),
            View::Coverage => ("Hvem mangler", "Who is missing"),
            View::Comments => ("Kommentarer", "Comments"),
            View::Timeline => ("Tidslinje", "Timeline"),
            View::Plan => ("Plan", "Plan"),
        };
        lang.pick(da, en)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: ThemeChoice,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
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
    pub export_size: ExportSize,
    pub export_background: Background,
    /// Groups with fewer answers are hidden in the window and every export.
    pub min_n: u64,
    /// The bar chart's 95% intervals as error bars.
    pub show_intervals: bool,
    /// Each wave's colour (an index into the wave palette), given in time order the first
    /// time a wave is seen and kept whatever is filtered.
    pub wave_colors: BTreeMap<String, usize>,
    /// The user's title for the overview; empty: the title naming the questions covered.
    pub overview_title: String,
    /// Per chart view: order, top/bottom N, whole timeline, own waves and questions, notes.
    pub chart_options: BTreeMap<View, ChartOptions>,
    /// The PowerPoint deck's slide shape.
    pub deck_aspect: crate::export::pptx::Aspect,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Da,
            theme: ThemeChoice::Light,
            recent_files: Vec::new(),
            filter: Filter::default(),
            role_overrides: BTreeMap::new(),
            remembered: BTreeMap::new(),
            plan: Plan::default(),
            view: View::Overview,
            total_mode: TotalMode::MeanOfPhases,
            timeline: Timeline::default(),
            crosstab_by: GroupBy::Phase,
            distribution_wave: None,
            export_size: ExportSize::default(),
            export_background: Background::White,
            min_n: crate::analysis::DEFAULT_MIN_N,
            show_intervals: false,
            wave_colors: BTreeMap::new(),
            overview_title: String::new(),
            chart_options: BTreeMap::new(),
            deck_aspect: crate::export::pptx::Aspect::Wide,
        }
    }
}

impl Settings {
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

    /// Puts the files first in the recent list, without duplicates.
    pub fn remember_files(&mut self, paths: &[PathBuf]) {
        for path in paths.iter().rev() {
            self.recent_files.retain(|known| known != path);
            self.recent_files.insert(0, path.clone());
        }
        self.recent_files.truncate(RECENT_FILES_KEPT);
    }
}
