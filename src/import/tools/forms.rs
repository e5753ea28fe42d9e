//! Microsoft Forms: the .xlsx as downloaded, in Danish or English, and the CSV Excel makes
//! of it. Id, Start time, Completion time, Email, Name, (Last modified time), then a column per
//! question; quizzes add points and feedback columns.

use super::{Confidence, ToolColumns};

pub(super) const COLUMNS: ToolColumns = ToolColumns {
    answer_times: &[
        ("completion time", 0),
        ("tidspunkt for fuldførelse", 0),
        // Other Danish versions of Forms and Excel's translations of the English export.
        ("fuldførelsestidspunkt", 0),
        ("sluttidspunkt", 0),
        ("start time", 1),
        ("starttidspunkt", 1),
        ("last modified time", 3),
        ("tidspunkt for seneste ændring", 3),
    ],
    others: &[
        "id",
        "email",
        "mail",
        "e-mail",
        "name",
        "navn",
        "total points",
        "quiz feedback",
        "samlet antal point",
        "point i alt",
        "quizfeedback",
    ],
    prefixes: &["points - ", "point - ", "feedback - "],
};

pub(super) fn confidence(names: &[String]) -> Option<Confidence> {
    let has = |name: &str| names.iter().any(|n| n == name);
    let english = has("start time") && has("completion time");
    let danish = has("starttidspunkt")
        && (has("tidspunkt for fuldførelse") || has("fuldførelsestidspunkt") || has("sluttidspunkt"));
    (english || danish).then_some(if has("id") {
        Confidence::Sure
    } else {
        Confidence::Likely
    })
}
