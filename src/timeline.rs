//! The project's timeline: events (one date) and spans (two dates), drawn into the trend
//! chart. The deck's dates are built in; users load, edit and save their own as CSV.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::parse_danish_date as parse_date;
use crate::locale::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    Event,
    Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub kind: EntryKind,
    pub start: NaiveDate,
    /// The last day of a span; None for an event.
    pub end: Option<NaiveDate>,
    pub label_da: String,
    pub label_en: String,
}

impl Entry {
    pub fn event(date: NaiveDate, label_da: &str, label_en: &str) -> Entry {
        Entry {
            kind: EntryKind::Event,
            start: date,
            end: None,
            label_da: label_da.into(),
            label_en: label_en.into(),
        }
    }

    pub fn span(start: NaiveDate, end: NaiveDate, label_da: &str, label_en: &str) -> Entry {
        Entry {
            kind: EntryKind::Span,
            start,
            end: Some(end),
            label_da: label_da.into(),
            label_en: label_en.into(),
        }
    }

    /// The label in the language, falling back to the other when one is empty.
    pub fn label(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Da => (&self.label_da, &self.label_en),
            Lang::En => (&self.label_en, &self.label_da),
        };
        if first.trim().is_empty() { second } else { first }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Timeline {
    pub entries: Vec<Entry>,
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

impl Default for Timeline {
    /// The deck's timeline (docs/DOMAIN.md).
    fn default() -> Self {
        Timeline {
            entries: vec![
                Entry::span(
                    date(2024, 11, 1),
                    date(2024, 12, 31),
                    "Teknisk videndelingsforløb",
                    "Technical knowledge sharing",
                ),
                Entry::event(date(2024, 12, 10), "Netværksmøde 8", "Network meeting 8"),
                Entry::event(date(2024, 12, 18), "Release 1.4", "Release 1.4"),
                Entry::span(date(2025, 1, 13), date(2025, 2, 7), "Skyggevalg", "Shadow election"),
                Entry::event(
                    date(2025, 2, 10),
                    "Overdragelse til driftsorganisation",
                    "Handover to operations",
                ),
                Entry::span(
                    date(2025, 4, 1),
                    date(2025, 9, 30),
                    "Risiko for uvarslet valg",
                    "Risk of an unannounced election",
                ),
                Entry::span(
                    date(2024, 11, 1),
                    date(2025, 10, 1),
                    "KMD Valg (forlænget kontrakt)",
                    "KMD Valg (extended contract)",
                ),
                Entry::span(
                    date(2025, 10, 1),
                    date(2025, 11, 18),
                    "Valg afvikles i ny VALG",
                    "Elections run in the new VALG",
                ),
                Entry::event(date(2025, 11, 18), "KV/RV 18-11-2025", "KV/RV 18 Nov 2025"),
            ],
        }
    }
}

/// A line of a timeline file that could not be read, said in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineError {
    pub file: String,
    pub line: u64,
    pub column: usize,
    pub message_da: String,
    pub message_en: String,
}

impl TimelineError {
    /// "fil.csv:3:2: ..." in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let text = lang.pick(&self.message_da, &self.message_en);
        match (self.line, self.column) {
            (0, _) => format!("{}: {text}", self.file),
            (line, 0) => format!("{}:{line}: {text}", self.file),
            (line, column) => format!("{}:{line}:{column}: {text}", self.file),
        }
    }
}

impl std::fmt::Display for TimelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message(Lang::Da))
    }
}

const HEADER: [&str; 5] = ["type", "start", "end", "label_da", "label_en"];

/// Why a line cannot be read: its column (1-based) and the reason in Danish and English.
type Refusal = (usize, String, String);

/// Where a timeline file's columns are; type and start are required.
struct TimelineColumns {
    kind: usize,
    start: usize,
    end: Option<usize>,
    label_da: Option<usize>,
    label_en: Option<usize>,
}

impl TimelineColumns {
    fn find(header: &[String]) -> Result<TimelineColumns, Refusal> {
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let index = |name: &str| headers.iter().position(|h| h == name);
        let (Some(kind), Some(start)) = (index("type"), index("start")) else {
            return Err((
                1,
                format!("overskriften skal nævne kolonnerne {}", HEADER.join(";")),
                format!("the header must name the columns {}", HEADER.join(";")),
            ));
        };
        Ok(TimelineColumns {
            kind,
            start,
            end: index("end"),
            label_da: index("label_da"),
            label_en: index("label_en"),
        })
    }

    /// One line of the file as an entry.
    fn entry(&self, record: &[String]) -> Result<Entry, Refusal> {
        let get = |at: Option<usize>| at.and_then(|i| record.get(i)).map_or("", |f| f.trim());
        let kind = match get(Some(self.kind)).to_lowercase().as_str() {
            "event" | "begivenhed" => EntryKind::Event,
            "span" | "periode" => EntryKind::Span,
            other => {
                let other = crate::import::problems::shown(other);
                return Err((
                    self.kind + 1,
                    format!("«{other}» er hverken begivenhed (event) eller periode (span)"),
                    format!("“{other}” is neither event nor span"),
                ));
            }
        };
        let start_text = crate::import::problems::shown(get(Some(self.start)));
        let start = parse_date(get(Some(self.start))).ok_or_else(|| {
            (
                self.start + 1,
                format!("«{start_text}» er ikke en dato"),
                format!("“{start_text}” is not a date"),
            )
        })?;
        let end = match kind {
            EntryKind::Event => None,
            EntryKind::Span => Some(self.span_end(get(self.end), start)?),
        };
        Ok(Entry {
            kind,
            start,
            end,
            label_da: get(self.label_da).to_string(),
            label_en: get(self.label_en).to_string(),
        })
    }

    /// A span's end: a date, not before its start.
    fn span_end(&self, text: &str, start: NaiveDate) -> Result<NaiveDate, Refusal> {
        let column = self.end.map_or(3, |i| i + 1);
        let shown = crate::import::problems::shown(text);
        let end = parse_date(text).ok_or_else(|| {
            (
                column,
                format!("en periode skal have en slutdato, «{shown}» er ingen"),
                format!("a span needs an end date, “{shown}” is none"),
            )
        })?;
        if end < start {
            return Err((
                column,
                "perioden slutter før den begynder".into(),
                "the span ends before it starts".into(),
            ));
        }
        Ok(end)
    }
}

impl Timeline {
    /// Reads `type;start;end;label_da;label_en` (any separator and encoding the survey import
    /// takes, lines counted right for LF, CRLF and CR). `type` is event/begivenhed or
    /// span/periode; dates ISO or day first (the app's own format).
    pub fn from_csv(file: &str, bytes: &[u8]) -> Result<Timeline, TimelineError> {
        let error = |line: u64, (column, da, en): Refusal| TimelineError {
            file: file.to_string(),
            line,
            column,
            message_da: da,
            message_en: en,
        };
        let rows = crate::import::read_rows(bytes).map_err(|e| error(0, (0, e.clone(), e)))?;
        let Some((header_line, header)) = rows.first() else {
            return Err(error(
                0,
                (0, "tidslinjen er tom".into(), "the timeline is empty".into()),
            ));
        };
        let columns = TimelineColumns::find(header).map_err(|refusal| error(*header_line, refusal))?;
        let mut entries = Vec::new();
        for (line, record) in rows.iter().skip(1) {
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            entries.push(columns.entry(record).map_err(|refusal| error(*line, refusal))?);
        }
        Ok(Timeline { entries })
    }

    pub fn load(path: &Path) -> Result<Timeline, TimelineError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| TimelineError {
            file: file.clone(),
            line: 0,
            column: 0,
            message_da: e.to_string(),
            message_en: e.to_string(),
        })?;
        Timeline::from_csv(&file, &bytes)
    }

    /// UTF-8 with BOM, `;` and CRLF: opens right in Danish Excel.
    pub fn to_csv(&self) -> Vec<u8> {
        use crate::export::table::{Table, Value, write_csv};
        // Through the one CSV writer: `;`, BOM and CRLF for Danish Excel, formula-like labels
        // neutralised.
        let rows = self
            .entries
            .iter()
            .map(|entry| {
                let kind = match entry.kind {
                    EntryKind::Event => "event",
                    EntryKind::Span => "span",
                };
                vec![
                    Value::Text(kind.to_string()),
                    Value::Text(entry.start.to_string()),
                    Value::Text(entry.end.map(|d| d.to_string()).unwrap_or_default()),
                    Value::Text(entry.label_da.clone()),
                    Value::Text(entry.label_en.clone()),
                ]
            })
            .collect();
        let table = Table {
            name: String::new(),
            headers: HEADER.map(String::from).to_vec(),
            rows,
        };
        write_csv(&table, Lang::Da, true)
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::files::write_atomically(path, &self.to_csv())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deck_timeline_survives_a_round_trip() {
        let timeline = Timeline::default();
        let read = Timeline::from_csv("t.csv", &timeline.to_csv()).unwrap();
        assert_eq!(read, timeline);
        assert!(
            read.entries
                .iter()
                .any(|e| e.label_da == "Skyggevalg" && e.start == date(2025, 1, 13) && e.end == Some(date(2025, 2, 7)))
        );
    }

    #[test]
    fn a_bad_date_names_line_and_column() {
        let error = Timeline::from_csv(
            "t.csv",
            b"type;start;end;label_da\nevent;2025-01-01;;A\nspan;2025-02-01;snart;B\n",
        )
        .unwrap_err();
        assert_eq!((error.line, error.column), (3, 3));
        assert_eq!(
            error.message(Lang::En),
            "t.csv:3:3: a span needs an end date, “snart” is none"
        );
        assert_eq!(
            error.message(Lang::Da),
            "t.csv:3:3: en periode skal have en slutdato, «snart» er ingen"
        );
        // CRLF and old Mac line ends name the same line.
        for end in ["\r\n", "\r"] {
            let text = "type;start;end;label_da\nevent;2025-01-01;;A\nspan;2025-02-01;snart;B\n".replace('\n', end);
            let error = Timeline::from_csv("t.csv", text.as_bytes()).unwrap_err();
            assert_eq!((error.line, error.column), (3, 3), "{end:?}");
        }
    }
}
