//! What the survey tools put beside the answers: system columns (ids, times, status codes)
//! recognised by name, so a column of small numbers such as LimeSurvey's "Last page" or
//! SurveyXact's statoverall_4 is never averaged as a question. Names from the tools' exports
//! (docs/export-layouts.md); matched in lower case, surrounding spaces ignored.

use serde::Serialize;

/// The tools whose exports are recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Tool {
    MicrosoftForms,
    SurveyXact,
    SurveyMonkey,
    LimeSurvey,
    GoogleForms,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::MicrosoftForms => "Microsoft Forms",
            Tool::SurveyXact => "SurveyXact",
            Tool::SurveyMonkey => "SurveyMonkey",
            Tool::LimeSurvey => "LimeSurvey",
            Tool::GoogleForms => "Google Forms",
        }
    }
}

/// What a system column is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemColumn {
    /// When the respondent answered; the lower the rank, the better it dates the answer
    /// (completion before start).
    AnswerTime { rank: u8 },
    /// Everything else: ids, e-mail, status codes, page numbers, other times.
    Other,
}

/// Exact names (lower case) of answer-time columns, best first per rank.
const ANSWER_TIMES: [(&str, u8); 22] = [
    ("completion time", 0),
    ("tidspunkt for fuldførelse", 0),
    ("closetime", 0),
    ("closetim", 0),
    ("submitdate", 0),
    ("date submitted", 0),
    ("dato for indsendelse", 0),
    ("end date", 0),
    ("timestamp", 0),
    ("tidsstempel", 0),
    ("start time", 1),
    ("starttidspunkt", 1),
    ("starttime", 1),
    ("starttim", 1),
    ("startdate", 1),
    ("date started", 1),
    ("start date", 1),
    ("startdato", 1),
    ("created", 2),
    ("modified", 3),
    ("last modified time", 3),
    ("tidspunkt for seneste ændring", 3),
];

/// Exact names (lower case) of the other system columns.
const OTHERS: [&str; 56] = [
    // ids
    "id",
    "response id",
    "respondent id",
    "respondentid",
    "responde",
    "collector id",
    "survey",
    "token",
    "access code",
    "seed",
    // people
    "email",
    "e-mail",
    "mail",
    "email address",
    "e-mailadresse",
    "e-mail-adresse",
    "name",
    "navn",
    "first name",
    "last name",
    "fornavn",
    "efternavn",
    "ip address",
    "ipaddr",
    "refurl",
    "referrer url",
    // progress and language
    "lastpage",
    "last page",
    "sidste side",
    "startlanguage",
    "start language",
    "startsprog",
    "lang",
    "language",
    "datestamp",
    "date last action",
    "dato for sidste handling",
    "interviewtime",
    "total time",
    // SurveyXact's system variables, full and cut to eight characters
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
    // quizzes
    "total points",
    "quiz feedback",
    "samlet antal point",
];

/// Name beginnings of numbered system columns.
const OTHER_PREFIXES: [&str; 17] = [
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
    "custom data",
    "points - ",
    "point - ",
    "feedback - ",
];

/// The system column a header names, if any.
pub fn system_column(header: &str) -> Option<SystemColumn> {
    let name = header.trim().to_lowercase();
    if let Some((_, rank)) = ANSWER_TIMES.iter().find(|(n, _)| *n == name) {
        return Some(SystemColumn::AnswerTime { rank: *rank });
    }
    if OTHERS.contains(&name.as_str()) || OTHER_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return Some(SystemColumn::Other);
    }
    // LimeSurvey's timings: groupTime12, Q1Time.
    let timing = name
        .strip_suffix("time")
        .is_some_and(|code| !code.contains(' ') && code.bytes().any(|b| b.is_ascii_digit()));
    if name.starts_with("grouptime") || timing {
        return Some(SystemColumn::Other);
    }
    None
}

/// The tool that wrote a file with these headers, when the headers say so.
pub fn recognise(headers: &[String]) -> Option<Tool> {
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let has_prefix = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    if has("respondent id") && has("collector id") {
        return Some(Tool::SurveyMonkey);
    }
    if (has_prefix("statoverall_") || has_prefix("stato_") || has_prefix("statcompletion_"))
        || (has("respondentid") || has("responde")) && (has("closetime") || has("closetim"))
    {
        return Some(Tool::SurveyXact);
    }
    if (has("submitdate") && has("lastpage")) || (has("date submitted") && has("last page")) {
        return Some(Tool::LimeSurvey);
    }
    if (has("start time") && has("completion time")) || (has("starttidspunkt") && has("tidspunkt for fuldførelse")) {
        return Some(Tool::MicrosoftForms);
    }
    if names.first().is_some_and(|n| n == "timestamp" || n == "tidsstempel") {
        return Some(Tool::GoogleForms);
    }
    None
}

/// The second header row of a SurveyMonkey export: under each question, "Response",
/// "Open-Ended Response" or an option's name; under the system columns nothing.
pub fn is_second_header_row(row: &[String]) -> bool {
    const MARKS: [&str; 6] = [
        "response",
        "open-ended response",
        "svar",
        "åbent svar",
        "other (please specify)",
        "andet (angiv venligst)",
    ];
    row.iter().any(|f| MARKS.contains(&f.trim().to_lowercase().as_str()))
}

/// One header from two rows: the question from the first row (carried right over the empty
/// cells of a question spanning several columns) and the option from the second, unless the
/// option only says "Response".
pub fn join_header_rows(first: &[String], second: &[String]) -> Vec<String> {
    let width = first.len().max(second.len());
    let mut question = String::new();
    (0..width)
        .map(|i| {
            let top = first.get(i).map_or("", |s| s.trim());
            let below = second.get(i).map_or("", |s| s.trim());
            if !top.is_empty() {
                question = top.to_string();
            }
            let plain = matches!(
                below.to_lowercase().as_str(),
                "" | "response" | "open-ended response" | "svar" | "åbent svar"
            );
            match (question.is_empty(), plain) {
                (true, _) => below.to_string(),
                (false, true) if !top.is_empty() => question.clone(),
                // A spanning question's "Response" under an empty cell: keep columns apart.
                (false, true) => format!("{question} [{}]", i + 1),
                (false, false) => format!("{question} [{below}]"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn system_columns_of_every_tool_are_known() {
        for name in [
            "Last page",
            "lastpage",
            "statoverall_4",
            "stato_4",
            "statcompletion_1",
            "Respondent ID",
            "IP Address",
            "Custom Data 1",
            "Points - Valgdagen",
            "E-mailadresse",
            "Q1Time",
        ] {
            assert_eq!(system_column(name), Some(SystemColumn::Other), "{name}");
        }
        assert_eq!(
            system_column("Tidspunkt for fuldførelse"),
            Some(SystemColumn::AnswerTime { rank: 0 })
        );
        assert_eq!(
            system_column("Starttidspunkt"),
            Some(SystemColumn::AnswerTime { rank: 1 })
        );
        for name in [
            "Valgdagen",
            "Kommune",
            "Rul",
            "Uge",
            "s_4_1",
            "Hvor tilfreds er I med supporten?",
        ] {
            assert_eq!(system_column(name), None, "{name}");
        }
    }

    #[test]
    fn tools_are_recognised_by_their_headers() {
        let monkey = strings(&["Respondent ID", "Collector ID", "Start Date", "End Date", "Q1"]);
        assert_eq!(recognise(&monkey), Some(Tool::SurveyMonkey));
        let xact = strings(&["respondentid", "s_1", "closetime", "statoverall_4"]);
        assert_eq!(recognise(&xact), Some(Tool::SurveyXact));
        let lime = strings(&["id", "submitdate", "lastpage", "startlanguage"]);
        assert_eq!(recognise(&lime), Some(Tool::LimeSurvey));
        let forms = strings(&["Id", "Starttidspunkt", "Tidspunkt for fuldførelse", "Mail"]);
        assert_eq!(recognise(&forms), Some(Tool::MicrosoftForms));
        assert_eq!(
            recognise(&strings(&["Tidsstempel", "Kommune"])),
            Some(Tool::GoogleForms)
        );
        assert_eq!(recognise(&strings(&["Kommune", "Rul", "Uge"])), None);
    }

    #[test]
    fn two_header_rows_become_one() {
        let first = strings(&["Respondent ID", "Kommune?", "Hvor tilfreds er I med …?", "", "Rul?"]);
        let second = strings(&["", "Open-Ended Response", "Valgdagen", "Supporten", "Response"]);
        assert!(is_second_header_row(&second));
        assert_eq!(
            join_header_rows(&first, &second),
            strings(&[
                "Respondent ID",
                "Kommune?",
                "Hvor tilfreds er I med …? [Valgdagen]",
                "Hvor tilfreds er I med …? [Supporten]",
                "Rul?"
            ])
        );
    }
}
