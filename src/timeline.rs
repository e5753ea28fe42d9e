//! The project's timeline: events (one date) and spans (two dates), drawn into the trend
//! chart. The deck's dates are built in; users load, edit and save their own as CSV.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::parse_danish_date as parse_date;
use crate::import::sniff::{decode, detect_separator};
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
    /// The deck's timeline (DOMAIN.md).
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

/// A line of a timeline file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineError {
    pub file: String,
    pub line: u64,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for TimelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

const HEADER: [&str; 5] = ["type", "start", "end", "label_da", "label_en"];

impl Timeline {
    /// Reads `type;start;end;label_da;label_en` (any separator and encoding the survey import
    /// takes). `type` is event/begivenhed or span/periode.
    pub fn from_csv(file: &str, bytes: &[u8]) -> Result<Timeline, TimelineError> {
        let (text, _) = decode(bytes);
        let separator = detect_separator(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let error = |line: u64, column: usize, message: String| TimelineError {
            file: file.to_string(),
            line,
            column,
            message,
        };
        let headers: Vec<String> = match reader.headers() {
            Ok(headers) => headers.iter().map(|h| h.trim().to_lowercase()).collect(),
            Err(e) => return Err(error(1, 1, e.to_string())),
        };
        let index = |name: &str| headers.iter().position(|h| h == name);
        let (Some(kind_at), Some(start_at)) = (index("type"), index("start")) else {
            return Err(error(
                1,
                1,
                format!("the header must name the columns {}", HEADER.join(";")),
            ));
        };
        let (end_at, da_at, en_at) = (index("end"), index("label_da"), index("label_en"));
        let mut entries = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| error(e.position().map_or(0, |p| p.line()), 1, e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            let get = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or("").trim();
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let kind = match get(Some(kind_at)).to_lowercase().as_str() {
                "event" | "begivenhed" => EntryKind::Event,
                "span" | "periode" => EntryKind::Span,
                other => return Err(error(line, kind_at + 1, format!("«{other}» is neither event nor span"))),
            };
            let start = parse_date(get(Some(start_at)))
                .ok_or_else(|| error(line, start_at + 1, format!("«{}» is not a date", get(Some(start_at)))))?;
            let end = match (kind, get(end_at)) {
                (EntryKind::Event, _) => None,
                (EntryKind::Span, text) => {
                    let end = parse_date(text).ok_or_else(|| {
                        error(
                            line,
                            end_at.map_or(3, |i| i + 1),
                            format!("a span needs an end date, «{text}» is none"),
                        )
                    })?;
                    if end < start {
                        return Err(error(
                            line,
                            end_at.map_or(3, |i| i + 1),
                            "the span ends before it starts".into(),
                        ));
                    }
                    Some(end)
                }
            };
            entries.push(Entry {
                kind,
                start,
                end,
                label_da: get(da_at).to_string(),
                label_en: get(en_at).to_string(),
            });
        }
        Ok(Timeline { entries })
    }

    pub fn load(path: &Path) -> Result<Timeline, TimelineError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| TimelineError {
            file: file.clone(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
        Timeline::from_csv(&file, &bytes)
    }

    /// UTF-8 with BOM, `;` and CRLF: opens right in Danish Excel.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let _ = writer.write_record(HEADER);
        for entry in &self.entries {
            let kind = match entry.kind {
                EntryKind::Event => "event",
                EntryKind::Span => "span",
            };
            let end = entry.end.map(|d| d.to_string()).unwrap_or_default();
            let _ = writer.write_record([kind, &entry.start.to_string(), &end, &entry.label_da, &entry.label_en]);
        }
        out.extend(writer.into_inner().unwrap_or_default());
        out
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
            error.to_string(),
            "t.csv:3:3: a span needs an end date, «snart» is none"
        );
    }
}
