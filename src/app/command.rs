//! Everything the user can ask of the window. UI functions only return these; `App::apply`
//! is the one place that changes state, so every change is visible in one match.

use crate::analysis::{Filter, GroupBy};
use crate::charts::ChartOptions;
use crate::dates::DateOrder;
use crate::import::Role;
use crate::locale::Lang;
use crate::plan::Plan;
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

/// An answer given in the import review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Role(String),
    DateOrder,
    DontKnow(String),
    Labels,
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
    /// The review's answer to dates that read both ways; imports again.
    SetDateOrder(DateOrder),
    /// The review's answer to a code past the scale: it means "don't know"; imports again.
    CountAsDontKnow(String),
    /// The review's answer to codes: a code list (column;code;label) chosen in the native
    /// dialog; imports again.
    ChooseLabelsDialog,
    /// Take back an answer given in the review; imports again, so the question returns.
    WithdrawAnswer(Answer),
    /// Forget the answers remembered for a file layout and import the review's files again.
    ForgetLayout(String),
    /// From the review: show the plan view; the review waits until the plan is used.
    EditPlanForReview,
    /// Back from the plan view to the review that waits.
    BackToReview,
    /// A new rollout plan: kept, and the loaded files (or the review's) imported again with it.
    SetPlan(Plan),
    /// The plan view's table as typed becomes the plan, or says where it is wrong.
    UsePlanEdits,
    /// The plan view's table back to the plan in use.
    UndoPlanEdits,
    OpenPlanDialog,
    SavePlanDialog,
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
    /// The current chart view's own order, selection, timeline range and notes.
    SetChartOptions(ChartOptions),
    /// The overview table on the clipboard as HTML and tab-separated text together.
    CopyTable,
    /// The PowerPoint dialog: open, choose, save.
    Deck(super::deck_dialog::DeckCommand),
    /// Ctrl+S: the whole analysis to one file.
    SaveProjectDialog,
    /// Ctrl+Shift+O.
    OpenProjectDialog,
    ClearRecentFiles,
    DismissMessage,
    /// The minimum group size: smaller groups are hidden everywhere.
    SetMinN(u64),
    /// The bar chart's intervals as error bars, or not.
    SetShowIntervals(bool),
    /// The overview's slide title; empty: the title naming the questions.
    SetOverviewTitle(String),
    SortCoverage(super::coverage_view::Sort),
    /// The coverage table to a file (the native dialog asks first).
    SaveCoverage(CoverageFormat),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverageFormat {
    Csv,
    Xlsx,
    /// The response rate per wave and week as a chart.
    Svg,
    Png,
}
