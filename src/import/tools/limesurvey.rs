//! LimeSurvey: CSV with question codes (`code[SQ001]`) or full texts, answer codes or full
//! answers, and its system columns by code or by their full-text headings.

use super::{Confidence, ToolColumns};

pub(super) const COLUMNS: ToolColumns = ToolColumns {
    answer_times: &[
        ("submitdate", 0),
        ("date submitted", 0),
        ("dato for indsendelse", 0),
        ("startdate", 1),
        ("date started", 1),
        ("startdato", 1),
    ],
    others: &[
        "id",
        "response id",
        "token",
        "access code",
        "seed",
        "lastpage",
        "last page",
        "sidste side",
        "startlanguage",
        "start language",
        "startsprog",
        "datestamp",
        "date last action",
        "dato for sidste handling",
        "ipaddr",
        "ip address",
        "refurl",
        "referrer url",
        "interviewtime",
        "total time",
    ],
    prefixes: &["grouptime"],
};

pub(super) fn confidence(names: &[String]) -> Option<Confidence> {
    let has = |name: &str| names.iter().any(|n| n == name);
    let codes = has("submitdate") && has("lastpage");
    let texts = has("date submitted") && has("last page");
    (codes || texts).then_some(if has("startlanguage") || has("start language") {
        Confidence::Sure
    } else {
        Confidence::Likely
    })
}

/// LimeSurvey's timing columns: `Q1Time`, `G1Q00001Time`.
pub(super) fn is_timing(name: &str) -> bool {
    name.strip_suffix("time")
        .is_some_and(|code| !code.contains(' ') && code.bytes().any(|b| b.is_ascii_digit()))
}
