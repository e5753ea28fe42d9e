//! A whole analysis in one file (Ctrl+S / Ctrl+Shift+O): the source files, the answers given
//! about their layouts, the rollout plan, filters, timeline and chart choices. Opening it imports the sources again through the
//! review; a source that moved or changed since the save is reported, never silently dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::loader::Input;
use super::{App, Message, TotalMode, View};
use crate::analysis::{Filter, GroupBy};
use crate::charts::ChartOptions;
use crate::import::{LayoutAnswers, Role};
use crate::plan::Plan;
use crate::timeline::Timeline;

pub const EXTENSION: &str = "valgpuls";

/// 2 added the plan and the answers per layout; a format 1 file reads with neither.
const FORMAT: u32 = 2;

/// A source file as it was when the project was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSource {
    pub path: PathBuf,
    pub bytes: u64,
    /// FNV-1a of the contents, to tell a changed file from the same one.
    pub fingerprint: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub format: u32,
    /// Empty: the bundled sample.
    pub sources: Vec<SavedSource>,
    /// Roles chosen for every file (format 1); new choices are in `remembered`.
    pub role_overrides: BTreeMap<String, Role>,
    /// The answers about the sources' layouts, so the project opens without asking again on
    /// another machine.
    pub remembered: BTreeMap<String, LayoutAnswers>,
    pub plan: Plan,
    pub filter: Filter,
    pub timeline: Timeline,
    pub view: View,
    pub total_mode: TotalMode,
    pub crosstab_by: GroupBy,
    pub distribution_wave: Option<String>,
    /// The minimum group size the analysis was shown with.
    pub min_n: u64,
    /// Each wave's colour, so next week's slides match this week's.
    pub wave_colors: BTreeMap<String, usize>,
    pub overview_title: String,
    /// Per chart view: order, top/bottom N, timeline range, own selection and the notes.
    pub chart_options: BTreeMap<View, ChartOptions>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            format: FORMAT,
            sources: Vec::new(),
            role_overrides: BTreeMap::new(),
            remembered: BTreeMap::new(),
            plan: Plan::default(),
            filter: Filter::default(),
            timeline: Timeline::default(),
            view: View::Overview,
            total_mode: TotalMode::MeanOfPhases,
            crosstab_by: GroupBy::Phase,
            distribution_wave: None,
            min_n: crate::analysis::DEFAULT_MIN_N,
            wave_colors: BTreeMap::new(),
            overview_title: String::new(),
            chart_options: BTreeMap::new(),
        }
    }
}

/// FNV-1a, 64 bits: enough to notice an edited export, with no dependency for it.
fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// What became of a saved source.
enum SourceState {
    Same,
    Changed,
    Missing,
}

fn source_state(source: &SavedSource) -> SourceState {
    match std::fs::read(&source.path) {
        Ok(bytes) if bytes.len() as u64 == source.bytes && fingerprint(&bytes) == source.fingerprint => {
            SourceState::Same
        }
        Ok(_) => SourceState::Changed,
        Err(_) => SourceState::Missing,
    }
}

impl App {
    fn project(&self) -> Result<Project, String> {
        let mut sources = Vec::new();
        for path in &self.loaded.paths {
            let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
            sources.push(SavedSource {
                path: path.clone(),
                bytes: bytes.len() as u64,
                fingerprint: fingerprint(&bytes),
            });
        }
        let settings = &self.settings;
        let remembered = self
            .loaded
            .reports
            .iter()
            .filter_map(|report| {
                let answers = settings.remembered.get(&report.layout_key)?;
                Some((report.layout_key.clone(), answers.clone()))
            })
            .collect();
        Ok(Project {
            format: FORMAT,
            sources,
            role_overrides: settings.role_overrides.clone(),
            remembered,
            plan: settings.plan.clone(),
            filter: settings.filter.clone(),
            timeline: settings.timeline.clone(),
            view: settings.view,
            total_mode: settings.total_mode,
            crosstab_by: settings.crosstab_by.clone(),
            distribution_wave: settings.distribution_wave.clone(),
            min_n: settings.min_n,
            wave_colors: settings.wave_colors.clone(),
            overview_title: settings.overview_title.clone(),
            chart_options: settings.chart_options.clone(),
        })
    }

    /// Writes the project file (tests call this directly; the window through the dialog).
    pub fn save_project_to(&mut self, path: &Path) -> Result<(), String> {
        let project = self.project()?;
        let json = serde_json::to_vec_pretty(&project).map_err(|error| error.to_string())?;
        crate::files::write_atomically(path, &json).map_err(|error| format!("{}: {error}", path.display()))
    }

    /// Reads a project file, takes its settings and imports its sources again (through the
    /// review). Sources that are gone or changed are named in the status line.
    pub fn open_project_from(&mut self, path: &Path) -> Result<(), String> {
        let lang = self.settings.lang;
        let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let project: Project = serde_json::from_slice(&bytes).map_err(|error| {
            format!(
                "{}: {} ({error})",
                path.display(),
                lang.pick("ikke en valgpuls-projektfil", "not a valgpuls project file")
            )
        })?;
        let settings = &mut self.settings;
        settings.role_overrides = project.role_overrides;
        // The project's answers join the ones kept for other layouts.
        settings.remembered.extend(project.remembered);
        settings.plan = project.plan;
        settings.filter = project.filter;
        settings.timeline = project.timeline;
        settings.view = project.view;
        settings.total_mode = project.total_mode;
        settings.crosstab_by = project.crosstab_by;
        settings.distribution_wave = project.distribution_wave;
        settings.min_n = project.min_n.max(1);
        // The project's colours win for its waves; others keep theirs.
        settings
            .wave_colors
            .retain(|_, colour| !project.wave_colors.values().any(|c| c == colour));
        settings.wave_colors.extend(project.wave_colors);
        settings.overview_title = project.overview_title;
        settings.chart_options = project.chart_options;
        self.filter_dates = super::filters::DateTexts::from_filter(&self.settings.filter, lang);
        self.plan_form = super::plan_view::Form::from_plan(&self.settings.plan, lang);
        self.review = None;
        self.plan_for_review = None;
        if project.sources.is_empty() {
            self.load_sample();
            return Ok(());
        }
        let mut missing = Vec::new();
        let mut changed = Vec::new();
        for source in &project.sources {
            match source_state(source) {
                SourceState::Same => {}
                SourceState::Changed => changed.push(source.path.display().to_string()),
                SourceState::Missing => missing.push(source.path.display().to_string()),
            }
        }
        // Missing files go to the import too: the review lists them as unreadable.
        let inputs = project.sources.iter().map(|s| Input::Path(s.path.clone())).collect();
        self.start_import(inputs);
        let mut notes = Vec::new();
        if !missing.is_empty() {
            notes.push(format!("{} {}", lang.pick("Mangler:", "Missing:"), missing.join(", ")));
        }
        if !changed.is_empty() {
            notes.push(format!(
                "{} {}",
                lang.pick(
                    "Ændret siden projektet blev gemt:",
                    "Changed since the project was saved:"
                ),
                changed.join(", ")
            ));
        }
        if !notes.is_empty() {
            self.message = Some(Message {
                text: notes.join(" · "),
                is_error: true,
            });
        }
        Ok(())
    }

    pub(super) fn save_project_dialog(&mut self) {
        let lang = self.settings.lang;
        // The native save dialog asks before replacing an existing file.
        let Some(path) = rfd::FileDialog::new()
            .add_filter(lang.pick("valgpuls-projekt", "valgpuls project"), &[EXTENSION])
            .set_file_name(format!("{}.{EXTENSION}", lang.pick("analyse", "analysis")))
            .save_file()
        else {
            return;
        };
        self.message = Some(match self.save_project_to(&path) {
            Ok(()) => Message {
                text: format!("{} {}", lang.pick("Projekt gemt:", "Project saved:"), path.display()),
                is_error: false,
            },
            Err(error) => Message {
                text: error,
                is_error: true,
            },
        });
    }

    pub(super) fn open_project_dialog(&mut self) {
        let lang = self.settings.lang;
        let Some(path) = rfd::FileDialog::new()
            .add_filter(lang.pick("valgpuls-projekt", "valgpuls project"), &[EXTENSION])
            .pick_file()
        else {
            return;
        };
        if let Err(error) = self.open_project_from(&path) {
            self.message = Some(Message {
                text: error,
                is_error: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_tell_files_apart() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_ne!(fingerprint(b"Rul 1;4"), fingerprint(b"Rul 1;5"));
    }
}
