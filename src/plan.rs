//! The rollout plan: which municipality is in which wave, and the day each wave's week 1
//! began. An export without a wave column gets its waves from the municipalities; one
//! without a week column (one form used at every check-in) gets its weeks from the dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{DateColumn, OrderEvidence, days_since_epoch, parse_date};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanWave {
    pub name: String,
    /// The Monday (usually) the wave's week 1 began; None when the plan only places
    /// municipalities.
    pub start: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    pub waves: Vec<PlanWave>,
    /// Municipality and the name of its wave.
    pub municipalities: Vec<(String, String)>,
}

/// A row of a plan file that cannot be used: its line, its column (1-based) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    pub line: u64,
    pub column: Option<usize>,
    pub message_da: String,
    pub message_en: String,
}

const WAVE_HEADERS: [&str; 4] = ["rul", "wave", "bølge", "udrulningsbølge"];
const START_HEADERS: [&str; 8] = [
    "start",
    "startdato",
    "startdate",
    "start date",
    "start_date",
    "startdag",
    "uge 1",
    "første dag",
];
const MUNICIPALITY_HEADERS: [&str; 4] = ["kommune", "municipality", "myndighed", "organisation"];

impl Plan {
    /// True when a header row is a plan's: a wave column, and a start or municipality
    /// column, and nothing else that holds answers.
    pub fn is_plan_header(header: &[String]) -> bool {
        let known = |names: &[&str], h: &String| names.contains(&h.trim().to_lowercase().as_str());
        let wave = header.iter().any(|h| known(&WAVE_HEADERS, h));
        let start = header.iter().any(|h| known(&START_HEADERS, h));
        let others = header.iter().filter(|h| {
            !h.trim().is_empty()
                && !known(&WAVE_HEADERS, h)
                && !known(&START_HEADERS, h)
                && !known(&MUNICIPALITY_HEADERS, h)
        });
        wave && start && others.count() == 0
    }

    /// The rows of a plan file (the first row its header): columns rul, start and optionally
    /// kommune, in any order.
    pub fn from_rows(rows: &[(u64, Vec<String>)]) -> Result<Plan, PlanError> {
        let Some((header_line, header)) = rows.first() else {
            return Err(PlanError::new(0, None, "planen er tom", "the plan is empty"));
        };
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
        };
        let Some(wave_column) = find(&WAVE_HEADERS) else {
            return Err(PlanError::new(
                *header_line,
                None,
                "planen har ingen kolonne «rul»",
                "the plan has no “rul” (wave) column",
            ));
        };
        let start_column = find(&START_HEADERS);
        let municipality_column = find(&MUNICIPALITY_HEADERS);
        if start_column.is_none() && municipality_column.is_none() {
            return Err(PlanError::new(
                *header_line,
                None,
                "planen har hverken en kolonne «start» eller «kommune»",
                "the plan has neither a “start” nor a “kommune” column",
            ));
        }
        let cell = |fields: &[String], column: Option<usize>| {
            column.and_then(|c| fields.get(c)).map_or("", |f| f.trim()).to_string()
        };
        // Day and month order is settled by the column, as in any file.
        let mut dates = DateColumn::default();
        for (_, fields) in rows.iter().skip(1) {
            let start = cell(fields, start_column);
            if !start.is_empty() {
                dates.add(&start);
            }
        }
        let order = match dates.evidence() {
            OrderEvidence::Settled(order) => Some(order),
            OrderEvidence::NotNeeded => None,
            OrderEvidence::Undecided { example } => {
                return Err(PlanError::new(
                    *header_line,
                    start_column.map(|c| c + 1),
                    &format!("«{example}» kan læses både som dag-måned og måned-dag: skriv datoerne som 2024-10-07"),
                    &format!("“{example}” reads as day-month and as month-day: write the dates as 2024-10-07"),
                ));
            }
            OrderEvidence::Conflicting {
                day_first_example,
                month_first_example,
            } => {
                return Err(PlanError::new(
                    *header_line,
                    start_column.map(|c| c + 1),
                    &format!(
                        "datoerne står i to rækkefølger («{day_first_example}», «{month_first_example}»): skriv dem som 2024-10-07"
                    ),
                    &format!(
                        "the dates are in two orders (“{day_first_example}”, “{month_first_example}”): write them as 2024-10-07"
                    ),
                ));
            }
        };
        let mut plan = Plan::default();
        for (line, fields) in rows.iter().skip(1) {
            let wave = normalise_wave(&cell(fields, Some(wave_column))).into_owned();
            let start_text = cell(fields, start_column);
            let municipality = cell(fields, municipality_column);
            if wave.is_empty() {
                if start_text.is_empty() && municipality.is_empty() {
                    continue;
                }
                return Err(PlanError::new(
                    *line,
                    Some(wave_column + 1),
                    "rækken har ingen rul",
                    "the row has no wave",
                ));
            }
            let start = if start_text.is_empty() {
                None
            } else {
                match parse_date(&start_text, order) {
                    Some(date) => Some(date),
                    None => {
                        return Err(PlanError::new(
                            *line,
                            start_column.map(|c| c + 1),
                            &format!("«{start_text}» er ikke en dato"),
                            &format!("“{start_text}” is not a date"),
                        ));
                    }
                }
            };
            match plan.waves.iter_mut().find(|w| w.name == wave) {
                Some(known) => match (known.start, start) {
                    (Some(a), Some(b)) if a != b => {
                        return Err(PlanError::new(
                            *line,
                            start_column.map(|c| c + 1),
                            &format!("{wave} har to startdatoer ({a} og {b})"),
                            &format!("{wave} has two start dates ({a} and {b})"),
                        ));
                    }
                    (None, Some(b)) => known.start = Some(b),
                    _ => {}
                },
                None => plan.waves.push(PlanWave {
                    name: wave.clone(),
                    start,
                }),
            }
            if !municipality.is_empty() {
                if let Some((_, other)) = plan
                    .municipalities
                    .iter()
                    .find(|(m, w)| m.to_lowercase() == municipality.to_lowercase() && *w != wave)
                {
                    return Err(PlanError::new(
                        *line,
                        municipality_column.map(|c| c + 1),
                        &format!("{municipality} står både i {other} og i {wave}"),
                        &format!("{municipality} is in both {other} and {wave}"),
                    ));
                }
                plan.municipalities.push((municipality, wave));
            }
        }
        if plan.waves.is_empty() {
            return Err(PlanError::new(
                *header_line,
                None,
                "planen har ingen rækker",
                "the plan has no rows",
            ));
        }
        Ok(plan)
    }

    /// The wave a municipality is placed in (case and surrounding spaces ignored).
    pub fn wave_of(&self, municipality: &str) -> Option<&str> {
        let wanted = municipality.trim().to_lowercase();
        self.municipalities
            .iter()
            .find(|(m, _)| m.to_lowercase() == wanted)
            .map(|(_, w)| w.as_str())
    }

    pub fn start_of(&self, wave: &str) -> Option<NaiveDate> {
        self.waves.iter().find(|w| w.name == wave).and_then(|w| w.start)
    }

    pub fn has_starts(&self) -> bool {
        self.waves.iter().any(|w| w.start.is_some())
    }

    /// The rollout week of a day (days since 1970-01-01) in a wave: week 1 is the start's
    /// seven days; before the start the week is 0 or less. None when the wave has no start.
    pub fn week_of(&self, wave: &str, day: i32) -> Option<i32> {
        let start = days_since_epoch(self.start_of(wave)?);
        Some((day - start).div_euclid(7) + 1)
    }

    /// The plan as the CSV it reads (`;`, ISO dates, one row per municipality, then the
    /// waves no municipality names).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("rul;start;kommune\r\n");
        let start = |wave: &str| self.start_of(wave).map(|d| d.to_string()).unwrap_or_default();
        for wave in &self.waves {
            let mut any = false;
            for (municipality, _) in self.municipalities.iter().filter(|(_, w)| *w == wave.name) {
                out.push_str(&format!("{};{};{}\r\n", wave.name, start(&wave.name), municipality));
                any = true;
            }
            if !any {
                out.push_str(&format!("{};{};\r\n", wave.name, start(&wave.name)));
            }
        }
        out
    }
}

/// A wave written as a bare number ("1", coded exports) is called "Rul 1", as everywhere
/// else in the rollout.
pub fn normalise_wave(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    if !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
        return format!("Rul {}", text.trim_start_matches('0')).into();
    }
    // Borrowed: called for every row of a big file.
    text.into()
}

impl PlanError {
    fn new(line: u64, column: Option<usize>, da: &str, en: &str) -> PlanError {
        PlanError {
            line,
            column,
            message_da: da.to_string(),
            message_en: en.to_string(),
        }
    }

    pub fn message(&self, lang: crate::locale::Lang) -> &str {
        lang.pick(&self.message_da, &self.message_en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::companions::semicolon_rows as rows;

    #[test]
    fn a_plan_places_municipalities_and_counts_weeks_from_the_start() {
        let plan = Plan::from_rows(&rows(
            "Rul;Startdato;Kommune\nRul 2;2024-08-05;Aarhus Kommune\nRul 2;2024-08-05;Ærø Kommune\n3;2024-09-02;",
        ))
        .unwrap();
        assert_eq!(plan.wave_of(" ærø kommune "), Some("Rul 2"));
        assert_eq!(plan.wave_of("Odense Kommune"), None);
        assert_eq!(plan.start_of("Rul 3"), NaiveDate::from_ymd_opt(2024, 9, 2));
        let day = |y, m, d| days_since_epoch(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(plan.week_of("Rul 2", day(2024, 8, 5)), Some(1));
        assert_eq!(plan.week_of("Rul 2", day(2024, 8, 11)), Some(1));
        assert_eq!(plan.week_of("Rul 2", day(2024, 8, 12)), Some(2));
        assert_eq!(plan.week_of("Rul 2", day(2024, 9, 8)), Some(5));
        assert_eq!(plan.week_of("Rul 2", day(2024, 8, 4)), Some(0));
        assert_eq!(plan.week_of("Rul 1", day(2024, 8, 4)), None);
        let again = Plan::from_rows(&rows(&plan.to_csv().replace("\r\n", "\n"))).unwrap();
        assert_eq!(again, plan);
    }

    #[test]
    fn a_plan_that_cannot_be_trusted_is_refused_at_its_line() {
        let two_starts = Plan::from_rows(&rows("rul;start\nRul 1;2024-10-07\nRul 1;2024-10-14")).unwrap_err();
        assert_eq!((two_starts.line, two_starts.column), (3, Some(2)));
        let ambiguous = Plan::from_rows(&rows("rul;start\nRul 1;07-10-2024\nRul 2;05-08-2024")).unwrap_err();
        assert!(ambiguous.message_en.contains("07-10-2024"), "{ambiguous:?}");
        let settled = Plan::from_rows(&rows("rul;start\nRul 1;07-10-2024\nRul 2;19-08-2024")).unwrap();
        assert_eq!(settled.start_of("Rul 1"), NaiveDate::from_ymd_opt(2024, 10, 7));
        assert!(Plan::from_rows(&rows("kommune;start\nA;2024-01-01")).is_err());
    }
}
