//! What the window remembers between runs (eframe persistence): everything here is the user's
//! choice, nothing is derived from data. Unknown or missing fields fall back to defaults, so an
//! older saved state never stops the window from opening. (State saved before the analysis
//! moved into `AnalysisState` keeps its language, theme and recent files; its analysis starts
//! afresh, and a saved project still brings one back whole.)

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::analysis_state::AnalysisState;
use super::export_bar::ExportSize;
use crate::export::Background;
use crate::locale::Lang;

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
    /// The analysis as the user left it; a project file holds the same struct.
    pub analysis: AnalysisState,
    pub export_size: ExportSize,
    pub export_background: Background,
    /// The bar chart's 95% intervals as error bars.
    pub show_intervals: bool,
    /// The PowerPoint deck's slide shape.
    pub deck_aspect: crate::export::pptx::Aspect,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Da,
            theme: ThemeChoice::Light,
            recent_files: Vec::new(),
            analysis: AnalysisState::default(),
            export_size: ExportSize::default(),
            export_background: Background::White,
            show_intervals: false,
            deck_aspect: crate::export::pptx::Aspect::Wide,
        }
    }
}

impl Settings {
    /// Puts the files first in the recent list, without duplicates.
    pub fn remember_files(&mut self, paths: &[PathBuf]) {
        for path in paths.iter().rev() {
            self.recent_files.retain(|known| known != path);
            self.recent_files.insert(0, path.clone());
        }
        self.recent_files.truncate(RECENT_FILES_KEPT);
    }
}
