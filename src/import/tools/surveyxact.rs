//! SurveyXact (Rambøll): the dataset export, variable names as headers (s_1, s_4_2), codes as
//! answers, and its system variables, full or cut to eight characters (closetim, stato_4).

use super::{Confidence, ToolColumns};

pub(super) const COLUMNS: ToolColumns = ToolColumns {
    answer_times: &[
        ("closetime", 0),
        ("closetim", 0),
        ("starttime", 1),
        ("starttim", 1),
        ("created", 2),
        ("modified", 3),
    ],
    others: &[
        "respondentid",
        "responde",
        "survey",
        "difftime",
        "responsecollectsessions",
        "response",
        "organization",
        "organiza",
        "numberofreturnedmail",
        "numberof",
        "importgroup",
        "importgr",
        "distributionschedule",
        "distribu",
        "digitaldistributionstatus",
        "digitald",
        "digitaldistributionerrormessage",
        "email",
        "lang",
    ],
    prefixes: &[
        "statcompletion_",
        "statoverall_",
        "statinternal_",
        "statcreation_",
        "statdistribution_",
        "statsource_",
        "statcollect_",
        "stat_",
        "statc_",
        "stato_",
        "statd_",
        "stats_",
        "digit_",
    ],
};

pub(super) fn confidence(names: &[String]) -> Option<Confidence> {
    let has = |name: &str| names.iter().any(|n| n == name);
    let has_prefix = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    if has_prefix("statoverall_") || has_prefix("stato_") || has_prefix("statcompletion_") {
        return Some(Confidence::Sure);
    }
    ((has("respondentid") || has("responde")) && (has("closetime") || has("closetim"))).then_some(Confidence::Likely)
}
