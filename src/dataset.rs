//! The canonical data: one row per answer, long format, each row remembering its file and
//! line. Every import shape (wide, long, any encoding) ends up here.

use polars::prelude::*;
use serde::Serialize;

mod builder;
mod columns;
mod interner;

pub use builder::{DatasetBuilder, RowContext};
pub use interner::{Interner, name_key};

/// Column names of [`Dataset::answers`]. File, municipality, wave, phase, question and the
/// category columns hold ids (UInt32) into the lists of [`NamesById`]: a million answers then
/// carry four bytes per name instead of the name, and group-bys hash integers.
pub mod col_names {
    pub const FILE: &str = "file";
    pub const LINE: &str = "line";
    pub const MUNICIPALITY: &str = "municipality";
    pub const WAVE: &str = "wave";
    pub const WEEK: &str = "week";
    /// Days since 1970-01-01 (Int32), null when the file has no dates.
    pub const DATE: &str = "date";
    pub const PHASE: &str = "phase";
    pub const QUESTION: &str = "question";
    /// The answer on the 1-5 scale; null for "don't know".
    pub const SCORE: &str = "score";
    pub const DONT_KNOW: &str = "dont_know";
}

/// The name in [`Dataset::answers`] of the i-th category column.
pub fn category_column(index: usize) -> String {
    format!("category_{index}")
}

/// A free-text answer, kept apart from the scores (a wide file has one comment per row, not
/// one per answer).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comment {
    pub file: String,
    pub line: u64,
    pub municipality: Option<String>,
    pub wave: String,
    pub week: Option<i32>,
    pub date: Option<chrono::NaiveDate>,
    pub phase: String,
    pub question: Option<String>,
    pub text: String,
}

/// The names behind the id columns of [`Dataset::answers`], in id order (the order the import
/// met them): `names_by_id.waves[id]`. For display order use [`Dataset::waves`] (time order) and
/// its siblings.
#[derive(Clone, Debug, Default)]
pub struct NamesById {
    pub files: Vec<String>,
    pub municipalities: Vec<String>,
    pub waves: Vec<String>,
    pub phases: Vec<String>,
    pub questions: Vec<String>,
    /// Shared by every category column.
    pub category_values: Vec<String>,
}

impl NamesById {
    /// The id of a name in one of the lists; None when no answer has it.
    pub fn id(list: &[String], name: &str) -> Option<u32> {
        list.iter().position(|n| n == name).map(|i| i as u32)
    }

    pub fn name(list: &[String], id: u32) -> &str {
        list.get(id as usize).map_or("", String::as_str)
    }
}

#[derive(Clone, Debug)]
pub struct Dataset {
    pub answers: DataFrame,
    /// In id order; the lists below are in display order.
    pub names_by_id: NamesById,
    pub comments: Vec<Comment>,
    pub files: Vec<String>,
    /// In time order: by earliest date where dates exist, else by first appearance.
    pub waves: Vec<String>,
    /// The scheme's phases in order, then others as they appear.
    pub phases: Vec<String>,
    /// In order of first appearance.
    pub questions: Vec<String>,
    /// Sorted the Danish way (æ, ø, å after z).
    pub municipalities: Vec<String>,
    /// Headers of the extra columns kept for breakdowns, e.g. KLIK usage frequency.
    pub categories: Vec<String>,
}

impl Default for Dataset {
    fn default() -> Self {
        DatasetBuilder::default().finish().unwrap_or_else(|_| Dataset {
            answers: DataFrame::empty(),
            names_by_id: NamesById::default(),
            comments: Vec::new(),
            files: Vec::new(),
            waves: Vec::new(),
            phases: Vec::new(),
            questions: Vec::new(),
            municipalities: Vec::new(),
            categories: Vec::new(),
        })
    }
}

impl Dataset {
    pub fn answer_count(&self) -> usize {
        self.answers.height()
    }

    pub fn has_dates(&self) -> bool {
        self.answers
            .column(col_names::DATE)
            .map(|c| c.null_count() < c.len())
            // Every dataset has the column (the builder makes it); without it there are no dates.
            .unwrap_or(false)
    }

    /// The distinct values of a category column, in order of first appearance.
    pub fn category_values(&self, index: usize) -> Vec<String> {
        let Ok(column) = self.answers.column(&category_column(index)) else {
            return Vec::new();
        };
        let Ok(ids) = column.u32() else { return Vec::new() };
        let mut seen: Vec<u32> = Vec::new();
        for id in ids.iter().flatten() {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        seen.into_iter()
            .map(|id| NamesById::name(&self.names_by_id.category_values, id).to_string())
            .collect()
    }

    /// Where an answer came from: its file and line.
    pub fn row_source(&self, row: usize) -> Option<(&str, u32)> {
        let file = self.answers.column(col_names::FILE).ok()?.u32().ok()?.get(row)?;
        let line = self.answers.column(col_names::LINE).ok()?.u32().ok()?.get(row)?;
        Some((NamesById::name(&self.names_by_id.files, file), line))
    }
}

/// Sorts æ, ø, å after z, as a Danish reader expects; "aa" in names (Aabenraa, Aarhus) is å.
pub fn danish_sort_key(text: &str) -> String {
    text.to_lowercase()
        .replace("aa", "å")
        .chars()
        .map(|c| match c {
            'æ' | 'ä' => '{',
            'ø' | 'ö' => '|',
            'å' => '}',
            other => other,
        })
        .collect()
}
