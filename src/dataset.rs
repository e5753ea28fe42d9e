//! The canonical data: one row per answer, long format, each row remembering its file and
//! line. Every import shape (wide, long, any encoding) ends up here.

use polars::prelude::*;
use serde::Serialize;

use crate::phases::order_phases;

/// Column names of [`Dataset::answers`]. File, municipality, wave, phase, question and the
/// category columns hold ids (UInt32) into the lists of [`Names`]: a million answers then
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

/// The names behind the id columns of [`Dataset::answers`], indexed by id.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub files: Vec<String>,
    pub municipalities: Vec<String>,
    pub waves: Vec<String>,
    pub phases: Vec<String>,
    pub questions: Vec<String>,
    /// Shared by every category column.
    pub category_values: Vec<String>,
}

impl Names {
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
    pub names: Names,
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
            names: Names::default(),
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
        let Ok(ids) = column.u32() else { return Vec::new() };
        let mut seen: Vec<u32> = Vec::new();
        for id in ids.iter().flatten() {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        seen.into_iter()
            .map(|id| Names::name(&self.names.category_values, id).to_string())
            .collect()
    }

    /// Where an answer came from: its file and line.
    pub fn row_source(&self, row: usize) -> Option<(&str, u32)> {
        let file = self.answers.column(col_names::FILE).ok()?.u32().ok()?.get(row)?;
        let line = self.answers.column(col_names::LINE).ok()?.u32().ok()?.get(row)?;
        Some((Names::name(&self.names.files, file), line))
    }
}

/// Hands out small numbers for repeated strings: waves, questions and municipalities repeat
/// on every row, so each is stored once while the rows are read.
#[derive(Default)]
pub struct Interner {
    // polars' fast hasher: names are short and hashed once per row.
    ids: PlHashMap<String, u32>,
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
        // Waves, phases and questions are a handful: comparing beats hashing.
        if self.names.len() <= 8
            && let Some(id) = self.names.iter().position(|name| name == text)
        {
            self.last = Some(id as u32);
            return id as u32;
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

    /// Nothing read yet: no file, no row, no name.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
            && self.file.is_empty()
            && self.categories.is_empty()
            && self.comments.is_empty()
            && [
                &self.municipalities,
                &self.waves,
                &self.phases,
                &self.questions,
                &self.category_values,
            ]
            .iter()
            .all(|interner| interner.names().is_empty())
    }

    /// Room for `answers` more answers, so a big file does not grow the columns step by step.
    pub fn reserve(&mut self, answers: usize) {
        self.file.reserve(answers);
        self.line.reserve(answers);
        self.municipality.reserve(answers);
        self.wave.reserve(answers);
        self.week.reserve(answers);
        self.date.reserve(answers);
        self.phase.reserve(answers);
        self.question.reserve(answers);
        self.score.reserve(answers);
        self.dont_know.reserve(answers);
    }

    /// Appends the rows another builder read from a later part of a file: its names are
    /// interned here, its rows get `file` and their lines move on by `line_offset`.
    pub fn append(&mut self, other: DatasetBuilder, file: u32, line_offset: u32) {
        let remap =
            |from: &Interner, to: &mut Interner| -> Vec<u32> { from.names().iter().map(|n| to.intern(n)).collect() };
        let municipalities = remap(&other.municipalities, &mut self.municipalities);
        let waves = remap(&other.waves, &mut self.waves);
        let phases = remap(&other.phases, &mut self.phases);
        let questions = remap(&other.questions, &mut self.questions);
        let category_values = remap(&other.category_values, &mut self.category_values);
        // Most maps are the identity (the first chunk of a file, or one with the same names
        // in the same order): then the ids are copied as they are.
        fn extend_mapped(target: &mut Vec<u32>, ids: &[u32], map: &[u32]) {
            if map.iter().enumerate().all(|(i, &id)| i as u32 == id) {
                target.extend_from_slice(ids);
            } else {
                target.extend(ids.iter().map(|&id| map.get(id as usize).copied().unwrap_or(id)));
            }
        }
        let mapped_optional = |ids: &[Option<u32>], map: &[u32]| -> Vec<Option<u32>> {
            ids.iter()
                .map(|id| id.and_then(|id| map.get(id as usize).copied()))
                .collect()
        };
        // Category columns of either side: make ours first, so padding sees the old length.
        let category_indexes: Vec<usize> = other
            .categories
            .iter()
            .map(|(header, _)| self.category_index(header))
            .collect();
        let rows = other.file.len();
        for (index, (_, values)) in self.categories.iter_mut().enumerate() {
            match category_indexes.iter().position(|&i| i == index) {
                Some(theirs) => {
                    let their_values = other.categories.get(theirs).map_or(&[][..], |(_, v)| v.as_slice());
                    values.extend(mapped_optional(their_values, &category_values));
                }
                None => values.extend(std::iter::repeat_n(None, rows)),
            }
        }
        self.file.extend(std::iter::repeat_n(file, rows));
        self.line.extend(other.line.iter().map(|line| line + line_offset));
        self.municipality
            .extend(mapped_optional(&other.municipality, &municipalities));
        extend_mapped(&mut self.wave, &other.wave, &waves);
        self.week.extend_from_slice(&other.week);
        self.date.extend_from_slice(&other.date);
        extend_mapped(&mut self.phase, &other.phase, &phases);
        extend_mapped(&mut self.question, &other.question, &questions);
        self.score.extend_from_slice(&other.score);
        self.dont_know.extend_from_slice(&other.dont_know);
        self.comments.extend(other.comments.into_iter().map(|mut comment| {
            comment.line += u64::from(line_offset);
            comment
        }));
    }

    pub fn finish(self) -> PolarsResult<Dataset> {
        let ids = |name: &str, ids: Vec<u32>| column(UInt32Chunked::from_vec(name.into(), ids));
        let height = self.file.len();
        let mut columns = vec![
            ids(col_names::FILE, self.file),
            ids(col_names::LINE, self.line),
            optional_column::<UInt32Type>(col_names::MUNICIPALITY, &self.municipality),
            ids(col_names::WAVE, self.wave),
            optional_column::<Int32Type>(col_names::WEEK, &self.week),
            optional_column::<Int32Type>(col_names::DATE, &self.date),
            ids(col_names::PHASE, self.phase),
            ids(col_names::QUESTION, self.question),
            optional_column::<Float64Type>(col_names::SCORE, &self.score),
            column(BooleanChunked::from_slice(col_names::DONT_KNOW.into(), &self.dont_know)),
        ];
        for (index, (_, values)) in self.categories.iter().enumerate() {
            columns.push(optional_column::<UInt32Type>(&category_column(index), values));
        }
        let answers = DataFrame::new(height, columns)?;
        let names = Names {
            files: self.files,
            municipalities: self.municipalities.names().to_vec(),
            waves: self.waves.names().to_vec(),
            phases: self.phases.names().to_vec(),
            questions: self.questions.names().to_vec(),
            category_values: self.category_values.names().to_vec(),
        };
        let waves = waves_in_time_order(&answers, &names.waves)?;
        let mut municipalities = names.municipalities.clone();
        municipalities.sort_by_key(|name| danish_sort_key(name));
        Ok(Dataset {
            answers,
            comments: self.comments,
            files: names.files.clone(),
            waves,
            phases: order_phases(&names.phases),
            questions: names.questions.clone(),
            municipalities,
            categories: self.categories.into_iter().map(|(name, _)| name).collect(),
            names,
        })
    }
}

/// Waves by their earliest date; waves without dates after those with, by first appearance.
/// "Rul 1" was the last wave, so the name says nothing about the order.
/// A column of optional values; a column without gaps (the usual case for weeks, dates,
/// municipalities) is moved in without a validity mask.
fn optional_column<T>(name: &str, values: &[Option<T::Native>]) -> Column
where
    T: PolarsNumericType,
    ChunkedArray<T>: IntoSeries,
{
    if values.iter().all(Option::is_some) {
        column(ChunkedArray::<T>::from_vec(
            name.into(),
            values.iter().flatten().copied().collect(),
        ))
    } else {
        column(ChunkedArray::<T>::from_iter_options(
            name.into(),
            values.iter().copied(),
        ))
    }
}

fn column(values: impl IntoSeries) -> Column {
    values.into_series().into()
}

fn waves_in_time_order(answers: &DataFrame, wave_names: &[String]) -> PolarsResult<Vec<String>> {
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
        .u32()?
        .iter()
        .flatten()
        .map(|id| Names::name(wave_names, id).to_string())
        .collect())
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
