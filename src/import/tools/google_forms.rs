//! Google Forms: the CSV of the responses, every field quoted; Timestamp/Tidsstempel first,
//! the e-mail when collected, grid questions as `Question [Row]`.

use super::{Confidence, ToolColumns};

pub(super) const COLUMNS: ToolColumns = ToolColumns {
    answer_times: &[("timestamp", 0), ("tidsstempel", 0)],
    others: &["email address", "e-mailadresse", "e-mail-adresse", "e-mail"],
    prefixes: &[],
};

pub(super) fn confidence(names: &[String]) -> Option<Confidence> {
    names
        .first()
        .is_some_and(|n| n == "timestamp" || n == "tidsstempel")
        .then_some(Confidence::Likely)
}
