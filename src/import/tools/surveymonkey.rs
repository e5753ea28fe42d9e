//! SurveyMonkey: CSV and XLSX "expanded" exports with two header rows, the question and then
//! the option (Response, Open-Ended Response, a matrix row); dates month first.

use super::{Confidence, ToolColumns};

pub(super) const COLUMNS: ToolColumns = ToolColumns {
    answer_times: &[("end date", 0), ("start date", 1)],
    others: &[
        "respondent id",
        "collector id",
        "ip address",
        "email address",
        "first name",
        "last name",
    ],
    prefixes: &["custom data"],
};

pub(super) fn confidence(names: &[String]) -> Option<Confidence> {
    let has = |name: &str| names.iter().any(|n| n == name);
    (has("respondent id") && has("collector id")).then_some(Confidence::Sure)
}

/// The second header row: under each question "Response", "Open-Ended Response" or an
/// option's name; under the system columns nothing.
pub(super) const SECOND_ROW_MARKS: [&str; 6] = [
    "response",
    "open-ended response",
    "svar",
    "åbent svar",
    "other (please specify)",
    "andet (angiv venligst)",
];

/// Second-row texts that only say "the answer" and add nothing to the question's name.
pub(super) const PLAIN_MARKS: [&str; 4] = ["response", "open-ended response", "svar", "åbent svar"];
