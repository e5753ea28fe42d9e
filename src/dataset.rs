//! The canonical data: one row per answer, long format, each row remembering its file and
//! line. Every import shape (wide, long, any encoding) ends up here.

use std::collections::HashMap;

use polars::prelude::*;
use serde::Serialize;

use crate::phases::order_phases;

/// Column names of [`Dataset::answers`].
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

#[derive(Clone, Debug)]
pub struct Dataset {
    pub answers: DataFrame,
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
            .unwrap_or(false)
    }

    /// The distinct values of a category column, in order of first appearance.
    pub fn category_values(&self, index: usize) -> Vec<String> {
        let Ok(column) = self.answers.column(&category_column(index)) else {
            return Vec::new();
        };
        let Ok(values) = column.str() else { return Vec::new() };
        let mut seen = Vec::new();
        for value in values.iter().flatten() {
            if !seen.iter().any(|s: &String| s == value) {
                seen.push(value.to_string());
            }
        }
        seen
    }
}

/// Hands out small numbers for repeated strings: waves, questions and municipalities repeat
/// on every row, so each is stored once while the rows are read.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    last: Option<u32>,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> u32 {
        // Rows come in runs (one municipality's answers, one wave's rows): check the last first.
        if let Some(last) = self.last
            && self.names.get(last as usize).is_some_and(|name| name == text)
        {
            return last;
        }
        let id = match self.ids.get(text) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(text.to_string());
                self.ids.insert(text.to_string(), id);
                id
            }
        };
        self.last = Some(id);
        id
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Collects answers from one or more files into columns, then makes the [`Dataset`].
#[derive(Default)]
pub struct DatasetBuilder {
    pub files: Vec<String>,
    file: Vec<u32>,
    line: Vec<u32>,
    municipality: Vec<Option<u32>>,
    wave: Vec<u32>,
    week: Vec<Option<i32>>,
    date: Vec<Option<i32>>,
    phase: Vec<u32>,
    question: Vec<u32>,
    score: Vec<Option<f64>>,
    dont_know: Vec<bool>,
    categories: Vec<(String, Vec<Option<u32>>)>,
    pub municipalities: Interner,
    pub waves: Interner,
    pub phases: Interner,
    pub questions: Interner,
    category_values: Interner,
    pub comments: Vec<Comment>,
}

/// The parts of an answer row that all answers of one record share.
#[derive(Clone, Debug, Default)]
pub struct RowContext {
    pub file: u32,
    pub line: u32,
    pub municipality: Option<u32>,
    pub wave: u32,
    pub week: Option<i32>,
    pub date: Option<i32>,
    pub phase: u32,
    /// Per category column of the dataset (by index), the interned value.
    pub categories: Vec<(usize, Option<u32>)>,
}

impl DatasetBuilder {
    pub fn add_file(&mut self, name: &str) -> u32 {
        self.files.push(name.to_string());
        (self.files.len() - 1) as u32
    }

    /// The index of the category column with this header, made on first use.
    pub fn category_index(&mut self, header: &str) -> usize {
        if let Some(index) = self.categories.iter().position(|(name, _)| name == header) {
            return index;
        }
        // Rows read before this column existed have no value in it.
        self.categories.push((header.to_string(), vec![None; self.file.len()]));
        self.categories.len() - 1
    }

    pub fn intern_category_value(&mut self, value: &str) -> u32 {
        self.category_values.intern(value)
    }

    pub fn push_answer(&mut self, row: &RowContext, question: u32, score: Option<f64>, dont_know: bool) {
        self.file.push(row.file);
        self.line.push(row.line);
        self.municipality.push(row.municipality);
        self.wave.push(row.wave);
        self.week.push(row.week);
        self.date.push(row.date);
        self.phase.push(row.phase);
        self.question.push(question);
        self.score.push(score);
        self.dont_know.push(dont_know);
        for (index, (_, values)) in self.categories.iter_mut().enumerate() {
            let value = row.categories.iter().find(|(i, _)| *i == index).and_then(|(_, v)| *v);
            values.push(value);
        }
    }

    pub fn answer_count(&self) -> usize {
        self.file.len()
    }

    pub fn finish(self) -> PolarsResult<Dataset> {
        let file_names: Vec<&str> = self
            .file
            .iter()
            .map(|&i| self.files.get(i as usize).map_or("", String::as_str))
            .collect();
        let mut columns = vec![
            Column::new(col_names::FILE.into(), file_names),
            Column::new(col_names::LINE.into(), &self.line),
            Column::new(
                col_names::MUNICIPALITY.into(),
                optional_strings(&self.municipality, &self.municipalities),
            ),
            Column::new(col_names::WAVE.into(), strings(&self.wave, &self.waves)),
            Column::new(col_names::WEEK.into(), &self.week),
            Column::new(col_names::DATE.into(), &self.date),
            Column::new(col_names::PHASE.into(), strings(&self.phase, &self.phases)),
            Column::new(col_names::QUESTION.into(), strings(&self.question, &self.questions)),
            Column::new(col_names::SCORE.into(), &self.score),
            Column::new(col_names::DONT_KNOW.into(), &self.dont_know),
        ];
        for (index, (_, values)) in self.categories.iter().enumerate() {
            columns.push(Column::new(
                category_column(index).into(),
                optional_strings(values, &self.category_values),
            ));
        }
        let answers = DataFrame::new(self.file.len(), columns)?;
        let waves = waves_in_time_order(&answers)?;
        let mut municipalities = self.municipalities.names().to_vec();
        municipalities.sort_by_key(|name| danish_sort_key(name));
        Ok(Dataset {
            answers,
            comments: self.comments,
            files: self.files,
            waves,
            phases: order_phases(self.phases.names()),
            questions: self.questions.names().to_vec(),
            municipalities,
            categories: self.categories.into_iter().map(|(name, _)| name).collect(),
        })
    }
}

fn strings<'a>(ids: &[u32], interner: &'a Interner) -> Vec<&'a str> {
    ids.iter().map(|&id| interner.name(id)).collect()
}

fn optional_strings<'a>(ids: &[Option<u32>], interner: &'a Interner) -> Vec<Option<&'a str>> {
    ids.iter().map(|id| id.map(|id| interner.name(id))).collect()
}

/// Waves by their earliest date; waves without dates after those with, by first appearance.
/// "Rul 1" was the last wave, so the name says nothing about the order.
fn waves_in_time_order(answers: &DataFrame) -> PolarsResult<Vec<String>> {
    let order = answers
        .clone()
        .lazy()
        .with_row_index("row", None)
        .group_by([col(col_names::WAVE)])
        .agg([
            col(col_names::DATE).min().alias("first_date"),
            col("row").min().alias("first_row"),
        ])
        .sort(
            ["first_date", "first_row"],
            SortMultipleOptions::default().with_nulls_last(true),
        )
        .collect()?;
    Ok(order
        .column(col_names::WAVE)?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect())
}

/// Sorts æ, ø, å after z, as a Danish reader expects.
pub fn danish_sort_key(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' | 'ä' => '{',
            'ø' | 'ö' => '|',
            'å' => '}',
            other => other,
        })
        .collect()
}
