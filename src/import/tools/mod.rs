//! What the survey tools put beside the answers: system columns (ids, times, status codes)
//! recognised by name, so a column of small numbers such as LimeSurvey's "Last page" or
//! SurveyXact's statoverall_4 is never averaged as a question. One file per tool, each with its
//! columns and how sure its headers make it (names from docs/export-layouts.md); matched in
//! lower case, surrounding spaces ignored.

use serde::Serialize;

mod forms;
mod google_forms;
mod limesurvey;
mod surveymonkey;
mod surveyxact;

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

/// How sure a recognition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// One header pattern of the tool's.
    Likely,
    /// A header no other tool writes.
    Sure,
}

/// A tool's system columns, by their names in lower case.
pub(super) struct ToolColumns {
    /// Answer times and their rank (0 best).
    pub answer_times: &'static [(&'static str, u8)],
    pub others: &'static [&'static str],
    /// Name beginnings of numbered system columns.
    pub prefixes: &'static [&'static str],
}

/// How sure a tool is that it wrote a file with these (lower-case) headers.
type Recognise = fn(&[String]) -> Option<Confidence>;

/// Each tool, its system columns and how it is recognised. A sixth tool is a file of its own
/// and a line here.
const TOOLS: [(Tool, &ToolColumns, Recognise); 5] = [
    (Tool::MicrosoftForms, &forms::COLUMNS, forms::confidence),
    (Tool::SurveyXact, &surveyxact::COLUMNS, surveyxact::confidence),
    (Tool::SurveyMonkey, &surveymonkey::COLUMNS, surveymonkey::confidence),
    (Tool::LimeSurvey, &limesurvey::COLUMNS, limesurvey::confidence),
    (Tool::GoogleForms, &google_forms::COLUMNS, google_forms::confidence),
];

/// Columns any export may carry: who answered, when, from where.
const COMMON: ToolColumns = ToolColumns {
    answer_times: &[],
    others: &[
        "e-mail",
        "email address",
        "ip address",
        "fornavn",
        "efternavn",
        "first name",
        "last name",
        "language",
    ],
    prefixes: &[],
};

/// The system column a header names, if any: of any of the tools, since a file may be a
/// tool's export saved again by Excel, its system columns kept.
pub fn system_column(header: &str) -> Option<SystemColumn> {
    let name = header.trim().to_lowercase();
    let all = TOOLS.iter().map(|(_, columns, _)| *columns).chain([&COMMON]);
    let mut best: Option<u8> = None;
    let mut other = false;
    for columns in all {
        if let Some((_, rank)) = columns.answer_times.iter().find(|(n, _)| *n == name) {
            best = Some(best.map_or(*rank, |b| b.min(*rank)));
        }
        other |= columns.others.contains(&name.as_str()) || columns.prefixes.iter().any(|p| name.starts_with(p));
    }
    match best {
        Some(rank) => Some(SystemColumn::AnswerTime { rank }),
        None if other || limesurvey::is_timing(&name) => Some(SystemColumn::Other),
        None => None,
    }
}

/// The tool that wrote a file with these headers, when the headers say so: the surest.
pub fn recognise(headers: &[String]) -> Option<Tool> {
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    TOOLS
        .iter()
        .filter_map(|(tool, _, confidence)| confidence(&names).map(|c| (c, *tool)))
        .max_by_key(|(confidence, _)| *confidence)
        .map(|(_, tool)| tool)
}

/// The second header row of a SurveyMonkey export.
pub fn is_second_header_row(row: &[String]) -> bool {
    row.iter()
        .any(|f| surveymonkey::SECOND_ROW_MARKS.contains(&f.trim().to_lowercase().as_str()))
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
            let plain = below.is_empty() || surveymonkey::PLAIN_MARKS.contains(&below.to_lowercase().as_str());
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
        let forms = strings(&["Id", "Starttidspunkt", "Fuldførelsestidspunkt", "E-mail", "Navn"]);
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
