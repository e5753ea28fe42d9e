//! A whole analysis in one file (Ctrl+S / Ctrl+Shift+O): the source files, the answers given
//! about their layouts, the rollout plan, filters, timeline and chart choices. Opening it imports the sources again through the
//! review; a source that moved or changed since the save is reported, never silently dropped.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::analysis_state::AnalysisState;
use super::loader::Input;
use super::{App, Message};

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
    /// Flattened, so a project file's fields are the analysis's own, as in format 1 and 2.
    /// Only the answers about the sources' own layouts are saved in `remembered`, so the
    /// project opens without asking again on another machine.
    #[serde(flatten)]
    pub analysis: AnalysisState,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            format: FORMAT,
            sources: Vec::new(),
            analysis: AnalysisState::default(),
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
        let analysis = &self.settings.analysis;
        let remembered = self
            .loaded
            .reports
            .iter()
            .filter_map(|report| {
                let answers = analysis.remembered.get(&report.layout_key)?;
                Some((report.layout_key.clone(), answers.clone()))
            })
            .collect();
        Ok(Project {
            format: FORMAT,
            sources,
            analysis: AnalysisState {
                remembered,
                ..analysis.clone()
            },
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
        self.settings.analysis.take_project(project.analysis);
        self.filter_dates = super::filters::DateTexts::from_filter(&self.settings.analysis.filter, lang);
        self.plan_form = super::plan_view::Form::from_plan(&self.settings.analysis.plan, lang);
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
    use super::{AnalysisState, Project, fingerprint};
    use crate::app::{TotalMode, View};

    #[test]
    fn a_project_file_keeps_every_part_of_the_analysis() {
        let mut analysis = AnalysisState {
            view: View::Trend,
            total_mode: TotalMode::Pooled,
            distribution_wave: Some("Rul 2".to_string()),
            min_n: 7,
            overview_title: "Tilfredshed, uge 4".to_string(),
            ..AnalysisState::default()
        };
        analysis.filter.waves.push("Rul 1".to_string());
        analysis.wave_colors.insert("Rul 1".to_string(), 2);
        let project = Project {
            analysis,
            ..Project::default()
        };
        let json = serde_json::to_value(&project).unwrap();
        // The analysis's fields sit at the top of the file, as they did before the struct.
        assert_eq!(json["view"], "Trend");
        assert_eq!(json["min_n"], 7);
        let read: Project = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&read).unwrap(), json);
    }

    #[test]
    fn a_project_written_before_the_analysis_struct_still_opens() {
        let format_2 = r#"{"format":2,"sources":[],"view":"Distribution","min_n":3,
            "distribution_wave":"Rul 3","overview_title":"Egen titel","unknown_later_field":1}"#;
        let project: Project = serde_json::from_str(format_2).unwrap();
        assert_eq!(project.analysis.view, View::Distribution);
        assert_eq!(project.analysis.min_n, 3);
        assert_eq!(project.analysis.distribution_wave.as_deref(), Some("Rul 3"));
        assert_eq!(project.analysis.overview_title, "Egen titel");
        assert_eq!(project.analysis.total_mode, TotalMode::MeanOfPhases);
    }

    #[test]
    fn fingerprints_tell_files_apart() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_ne!(fingerprint(b"Rul 1;4"), fingerprint(b"Rul 1;5"));
    }
}
