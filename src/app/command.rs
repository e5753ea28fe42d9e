//! Everything the user can ask of the window. UI functions only return these; `App::apply`
//! is the one place that changes state, so every change is visible in one match.

use crate::analysis::{Filter, GroupBy};
use crate::import::Role;
use crate::locale::Lang;
use crate::timeline::Timeline;

use super::loader::Input;
use super::settings::{ThemeChoice, TotalMode, View};

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
    SetCrossTabBy(GroupBy),
    SetDistributionWave(String),
    SetTimeline(Timeline),
    OpenTimelineDialog,
    SaveTimelineDialog,
    ClearRecentFiles,
    DismissMessage,
}
