//! Everything the user can ask of the window. UI functions only return these; `App::apply`
//! is the one place that changes state, so every change is visible in one match.

use crate::analysis::{Filter, GroupBy};
use crate::import::Role;
use crate::locale::Lang;
use crate::timeline::Timeline;

use super::export_bar::{ChartFormat, ChartTexts, ExportSize};
use super::loader::Input;
use super::settings::{ThemeChoice, TotalMode, View};
use crate::export::Background;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// UTF-8 with BOM, `;` and decimal commas: what Danish Excel opens correctly.
    Csv,
    Xlsx,
}

#[derive(Clone, Debug)]
pub enum Command {
    SetLang(Lang),
    SetTheme(ThemeChoice),
    ShowView(View),
    /// File → Open: the native dialog, several files at once.
    OpenFileDialog,
    /// Start importing these files off the UI thread; the review shows the result.
    Import(Vec<Input>),
    LoadSample,
    /// Change a column's role in the import review and import again.
    SetRole {
        header: String,
        role: Role,
    },
    /// Use the reviewed import; with `skip_invalid`, the rows with problems are left out.
    AcceptImport {
        skip_invalid: bool,
    },
    /// Close the review; the data already loaded stays.
    DiscardReview,
    /// Stop waiting for a running import; its result is thrown away.
    CancelImport,
    SetFilter(Filter),
    SetTotalMode(TotalMode),
    CopyText(String),
    /// The overview's table to a file; the native dialog asks before replacing one.
    SaveTable(TableFormat),
    SetCrossTabBy(GroupBy),
    SetDistributionWave(String),
    SetTimeline(Timeline),
    OpenTimelineDialog,
    SaveTimelineDialog,
    /// The current chart's own title, subtitle and source line.
    SetChartTexts(ChartTexts),
    SetExportSize(ExportSize),
    SetExportBackground(Background),
    /// Save the current chart; the native dialog asks before replacing a file.
    SaveChart(ChartFormat),
    /// The current chart as an image on the clipboard, for PowerPoint.
    CopyChartImage,
    /// Ctrl+S: the whole analysis to one file.
    SaveProjectDialog,
    /// Ctrl+Shift+O.
    OpenProjectDialog,
    ClearRecentFiles,
    DismissMessage,
}
