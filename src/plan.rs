//! The rollout plan: which municipality is in which wave, and the day each wave's week 1
//! began. An export without a wave column gets its waves from the municipalities; one
//! without a week column (one form used at every check-in) gets its weeks from the dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{DateColumn, DateOrder, OrderEvidence, days_since_epoch, parse_date};

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
        let municipality = header.iter().any(|h| known(&MUNICIPALITY_HEADERS, h));
        let others = header.iter().filter(|h| {
            !h.trim().is_empty()
                && !known(&WAVE_HEADERS, h)
                && !known(&START_HEADERS, h)
                && !known(&MUNICIPALITY_HEADERS, h)
        });
        wave && (start || municipality) && others.count() == 0
    }

    /// The rows of a plan file (the first row its header): columns rul, start and optionally
    /// kommune, in any order.
    pub fn from_rows(rows: &[(u64, Vec<String>)]) -> Result<Plan, PlanError> {
        Plan::from_rows_in(rows, None)
    }

    /// [`Plan::from_rows`] with the day-month order the user gave (`--date-order`), for
    /// start dates like 02-09-2024 that read both ways.
    pub fn from_rows_in(rows: &[(u64, Vec<String>)], given: Option<DateOrder>) -> Result<Plan, PlanError> {
        let Some((header_line, header)) = rows.first() else {
            return Err(PlanError::new(0, None, "planen er tom", "the plan is empty"));
        };
        let columns = PlanColumns::find(*header_line, header)?;
        let order = match given {
            Some(order) => Some(order),
            None => columns.start_order(*header_line, rows)?,
        };
        let mut plan = Plan::default();
        for (line, fields) in rows.iter().skip(1) {
            plan.add_row(*line, fields, &columns, order)?;
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

    /// One row: its wave (with its start, if any) and its municipality; an empty row is skipped.
    fn add_row(
        &mut self,
        line: u64,
        fields: &[String],
        columns: &PlanColumns,
        order: Option<DateOrder>,
    ) -> Result<(), PlanError> {
        let wave = normalise_wave(&cell(fields, Some(columns.wave))).into_owned();
        let start_text = cell(fields, columns.start);
        let municipality = cell(fields, columns.municipality);
        if wave.is_empty() {
            if start_text.is_empty() && municipality.is_empty() {
                return Ok(());
            }
            return Err(PlanError::new(
                line,
                Some(columns.wave + 1),
                "rækken har ingen rul",
                "the row has no wave",
            ));
        }
        let start = if start_text.is_empty() {
            None
        } else {
            let Some(date) = parse_date(&start_text, order) else {
                return Err(PlanError::new(
                    line,
                    columns.start.map(|c| c + 1),
                    &format!("«{start_text}» er ikke en dato"),
                    &format!("“{start_text}” is not a date"),
                ));
            };
            Some(date)
        };
        self.add_wave(&wave, start)
            .map_err(|(da, en)| PlanError::new(line, columns.start.map(|c| c + 1), &da, &en))?;
        if !municipality.is_empty() {
            self.place(municipality, wave)
                .map_err(|(da, en)| PlanError::new(line, columns.municipality.map(|c| c + 1), &da, &en))?;
        }
        Ok(())
    }

    /// A wave the first time it is named; its start where a row gives one. Two different
    /// starts are refused (in Danish and English).
    fn add_wave(&mut self, wave: &str, start: Option<NaiveDate>) -> Result<(), (String, String)> {
        match self.waves.iter_mut().find(|w| w.name == wave) {
            Some(known) => match (known.start, start) {
                (Some(a), Some(b)) if a != b => {
                    return Err((
                        format!("{wave} har to startdatoer ({a} og {b})"),
                        format!("{wave} has two start dates ({a} and {b})"),
                    ));
                }
                (None, Some(b)) => known.start = Some(b),
                _ => {}
            },
            None => self.waves.push(PlanWave {
                name: wave.to_string(),
                start,
            }),
        }
        Ok(())
    }

    /// A municipality in its wave; one already in another wave is refused.
    fn place(&mut self, municipality: String, wave: String) -> Result<(), (String, String)> {
        if let Some((_, other)) = self
            .municipalities
            .iter()
            .find(|(m, w)| crate::dataset::name_key(m) == crate::dataset::name_key(&municipality) && *w != wave)
        {
            return Err((
                format!("{municipality} står både i {other} og i {wave}"),
                format!("{municipality} is in both {other} and {wave}"),
            ));
        }
        self.municipalities.push((municipality, wave));
        Ok(())
    }

    /// The wave a municipality is placed in (case and surrounding spaces ignored).
    pub fn wave_of(&self, municipality: &str) -> Option<&str> {
        let wanted = crate::dataset::name_key(municipality);
        self.municipalities
            .iter()
            .find(|(m, _)| crate::dataset::name_key(m) == wanted)
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

/// A field trimmed, empty where the row is short or the column absent.
fn cell(fields: &[String], column: Option<usize>) -> String {
    column.and_then(|c| fields.get(c)).map_or("", |f| f.trim()).to_string()
}

/// Where a plan file's columns are: the wave's always, the start's or the municipality's or both.
struct PlanColumns {
    wave: usize,
    start: Option<usize>,
    municipality: Option<usize>,
}

impl PlanColumns {
    fn find(header_line: u64, header: &[String]) -> Result<PlanColumns, PlanError> {
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
        };
        let Some(wave) = find(&WAVE_HEADERS) else {
            return Err(PlanError::new(
                header_line,
                None,
                "planen har ingen kolonne «rul»",
                "the plan has no “rul” (wave) column",
            ));
        };
        let start = find(&START_HEADERS);
        let municipality = find(&MUNICIPALITY_HEADERS);
        if start.is_none() && municipality.is_none() {
            return Err(PlanError::new(
                header_line,
                None,
                "planen har hverken en kolonne «start» eller «kommune»",
                "the plan has neither a “start” nor a “kommune” column",
            ));
        }
        Ok(PlanColumns {
            wave,
            start,
            municipality,
        })
    }

    /// The start dates' day-month order, settled by the whole column as in any file; a plan
    /// whose dates cannot be read one way is refused.
    fn start_order(&self, header_line: u64, rows: &[(u64, Vec<String>)]) -> Result<Option<DateOrder>, PlanError> {
        let mut dates = DateColumn::default();
        for (_, fields) in rows.iter().skip(1) {
            let start = cell(fields, self.start);
            if !start.is_empty() {
                dates.add(&start);
            }
        }
        let column = self.start.map(|c| c + 1);
        // The line of the first start date written `example`.
        let line_of = |example: &str| {
            rows.iter()
                .skip(1)
                .find(|(_, fields)| cell(fields, self.start) == example)
                .map_or(header_line, |(line, _)| *line)
        };
        match dates.evidence() {
            OrderEvidence::Settled(order) => Ok(Some(order)),
            OrderEvidence::NotNeeded => Ok(None),
            OrderEvidence::Undecided { example } => Err(PlanError::new(
                line_of(&example),
                column,
                &format!(
                    "«{example}» kan læses både som dag-måned og måned-dag: skriv datoerne som 2024-10-07, eller giv --date-order dmy (dag først) eller mdy"
                ),
                &format!(
                    "“{example}” reads as day-month and as month-day: write the dates as 2024-10-07, or give --date-order dmy (day first) or mdy"
                ),
            )),
            OrderEvidence::Conflicting {
                day_first_example,
                month_first_example,
            } => Err(PlanError::new(
                line_of(&month_first_example),
                column,
                &format!(
                    "datoerne står i to rækkefølger («{day_first_example}», «{month_first_example}»): skriv dem som 2024-10-07"
                ),
                &format!(
                    "the dates are in two orders (“{day_first_example}”, “{month_first_example}”): write them as 2024-10-07"
                ),
            )),
        }
    }
}

/// A wave written as a bare number ("1", coded exports) is called "Rul 1", as everywhere
/// else in the rollout; so is "rul 1", "RUL 1", "Rul1", "Rul 01" or "1. rul", as people type
/// it into a form's text field or one file spells it and the next another: one wave, not
/// several whose means each hold a part of it.
pub fn normalise_wave(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    match wave_number(text) {
        // Already written the way everywhere else writes it: borrowed, as this is called for
        // every row of a big file.
        Some(number)
            if text
                .strip_prefix("Rul ")
                .is_some_and(|digits| !digits.starts_with('0') && digits.parse() == Ok(number)) =>
        {
            text.into()
        }
        Some(number) => format!("Rul {number}").into(),
        None => text.into(),
    }
}

/// The one wave a file's name names: "Check-in Rul 2 uge 4.xlsx", "svar_rul2.csv",
/// "rul-3.csv" give "Rul 2", "Rul 3". None when it names none, or several ("Rul 1 og 2",
/// "rul1_rul2").
pub fn wave_in_file_name(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_lowercase();
    let mut found: Option<u32> = None;
    let mut rest = stem.as_str();
    while let Some(at) = rest.find("rul") {
        let before = rest.get(..at).and_then(|b| b.chars().last());
        let after = rest.get(at + 3..).unwrap_or_default();
        rest = after;
        // A whole word: "rul", not "kontrol", "rulle" or "Rulleplan".
        if before.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let number = after.trim_start_matches([' ', '_', '-', '.']);
        let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 2 {
            continue;
        }
        // "Rul 1 og 2", "rul 1-3", "Rul 1+2": more than one wave.
        let tail = number.get(digits.len()..).unwrap_or_default().trim_start();
        let joined = ["og", "and", "+", "&", "-", ","]
            .iter()
            .filter_map(|joint| tail.strip_prefix(joint))
            .any(|next| next.trim_start().starts_with(|c: char| c.is_ascii_digit()));
        if joined {
            return None;
        }
        let wave = digits.parse().ok()?;
        if found.is_some_and(|seen| seen != wave) {
            return None;
        }
        found = Some(wave);
    }
    found.map(|wave| format!("Rul {wave}"))
}

/// The number of "2", "Rul 2", "rul2", "RUL 02", "2. rul", "Rul 2.": None for anything else.
fn wave_number(text: &str) -> Option<u32> {
    // A note in brackets after the wave ("Rul 1 (sidste rul)", "Rul 2 (pilot)") names no
    // other wave.
    // A note with a number ("Rul 2 (og rul 3)", "Rul 4 (nu Rul 1)") may name another wave:
    // the name stays as written, a wave of its own on screen.
    let text = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((wave, note)) if !note.chars().any(|c| c.is_ascii_digit()) => wave.trim_end(),
        _ => text,
    };
    // "Rul 2", and the same wave as the other words for a wave call it ("Bølge 2", "Wave 2").
    const WORDS: [&str; 3] = ["rul", "bølge", "wave"];
    let word_before = WORDS.iter().find_map(|word| {
        text.get(..word.len())
            .filter(|part| part.eq_ignore_ascii_case(word) || part.to_lowercase() == *word)
            .and_then(|_| text.get(word.len()..))
    });
    let word_after = WORDS.iter().find_map(|word| {
        let cut = text.len().checked_sub(word.len())?;
        text.get(cut..)
            .filter(|part| part.eq_ignore_ascii_case(word) || part.to_lowercase() == *word)
            .and_then(|_| text.get(..cut))
    });
    // Spaces only between word and number: a name with a line break in it is kept as written.
    let number = match word_before.or(word_after) {
        Some(rest) => rest.trim_matches(' ').trim_end_matches('.'),
        None => text,
    };
    let digits = !number.is_empty() && number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| number.parse().ok()).flatten()
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

    #[test]
    fn one_wave_however_it_is_spelled() {
        for text in [
            "2", "02", "Rul 2", "rul 2", "RUL 2", "Rul2", "Rul 02", " Rul  2 ", "2. rul", "Rul 2.",
        ] {
            assert_eq!(normalise_wave(text), "Rul 2", "{text}");
        }
        // A note in brackets names no other wave.
        assert_eq!(normalise_wave("Rul 2 (efterår)"), "Rul 2");
        assert_eq!(normalise_wave("Rul 1 (sidste rul)"), "Rul 1");
        assert_eq!(normalise_wave("Rul 2 (og rul 3)"), "Rul 2 (og rul 3)");
        assert_eq!(normalise_wave("Pilot"), "Pilot");
        assert_eq!(normalise_wave("Rul"), "Rul");
    }

    #[test]
    fn a_file_name_names_one_wave_or_none() {
        for (name, wave) in [
            ("Check-in Rul 2 uge 4.xlsx", Some("Rul 2")),
            ("C:\\Eksporter\\svar_rul3.csv", Some("Rul 3")),
            ("/data/RUL-1 (1).csv", Some("Rul 1")),
            ("rul 2 - rul 2 igen.csv", Some("Rul 2")),
            ("Rul 1 og 2.csv", None),
            ("rul1_rul2.csv", None),
            ("rul 1-3.csv", None),
            ("kontrol 2.csv", None),
            ("Rulleplan 2025.csv", None),
            ("rul2025.csv", None),
            ("checkin.csv", None),
        ] {
            assert_eq!(wave_in_file_name(name).as_deref(), wave, "{name}");
        }
    }
}
