//! Building the [`Dataset`] while files are read: names become ids, rows go into columns, and
//! the parts read apart (a chunk of a big file per thread) are joined without copying.

use polars::prelude::*;

use super::{Comment, Dataset, Names, category_column, col_names, danish_sort_key};
use crate::phases::order_phases;

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
    /// The id of `text`, made on first sight.
    #[inline]
    pub fn intern(&mut self, text: &str) -> u32 {
        // Rows come in runs (one municipality's answers, one wave's rows): the last name is
        // checked where the row is read, the rest out of line.
        if let Some(last) = self.last
            && self.names.get(last as usize).is_some_and(|name| name == text)
        {
            return last;
        }
        self.intern_other(text)
    }

    #[inline(never)]
    fn intern_other(&mut self, text: &str) -> u32 {
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

    /// Interns every name of `other` here: the map from its ids to ours.
    fn absorb(&mut self, other: &Interner) -> IdMap {
        IdMap(other.names.iter().map(|name| self.intern(name)).collect())
    }
}

/// From the ids of a part read apart to the ids of the whole.
struct IdMap(Vec<u32>);

impl IdMap {
    /// The first part of a file, or one that met the same names in the same order.
    fn is_identity(&self) -> bool {
        self.0.iter().enumerate().all(|(i, &id)| i as u32 == id)
    }

    fn get(&self, id: u32) -> u32 {
        self.0.get(id as usize).copied().unwrap_or(id)
    }

    fn apply(&self, ids: &mut [u32]) {
        if !self.is_identity() {
            ids.iter_mut().for_each(|id| *id = self.get(*id));
        }
    }

    fn apply_to_column(&self, ids: UInt32Chunked) -> UInt32Chunked {
        if self.is_identity() {
            ids
        } else {
            ids.apply_values(|id| self.get(id))
        }
    }
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

/// A column of optional values as it grows: the values, and which are there only once one
/// is missing (most columns of most files have no gaps).
struct Nullable<T> {
    values: Vec<T>,
    present: Option<Vec<bool>>,
}

impl<T: Copy + Default> Nullable<T> {
    fn with_capacity(capacity: usize) -> Self {
        Nullable {
            values: Vec::with_capacity(capacity),
            present: None,
        }
    }

    #[inline(always)]
    fn push(&mut self, value: Option<T>) {
        match value {
            Some(value) => {
                if let Some(present) = &mut self.present {
                    present.push(true);
                }
                self.values.push(value);
            }
            None => {
                let rows = self.values.len();
                self.present.get_or_insert_with(|| vec![true; rows]).push(false);
                self.values.push(T::default());
            }
        }
    }

    /// The values as a polars column: moved, not copied, with a validity mask if any is missing.
    fn finish<P>(self, name: &str) -> ChunkedArray<P>
    where
        P: PolarsNumericType<Native = T>,
    {
        let validity = self.present.and_then(|present| {
            let mask = BooleanChunked::from_slice(PlSmallStr::EMPTY, &present);
            mask.downcast_iter().next().map(|mask| mask.values().clone())
        });
        ChunkedArray::from_vec_validity(name.into(), self.values, validity)
    }
}

/// The rows of one part as they are read, one growing buffer per column; finishing a part
/// moves the buffers into the frame as they are.
struct Columns {
    file: Vec<u32>,
    line: Vec<u32>,
    municipality: Nullable<u32>,
    wave: Vec<u32>,
    week: Nullable<i32>,
    date: Nullable<i32>,
    phase: Vec<u32>,
    question: Vec<u32>,
    score: Nullable<f64>,
    dont_know: Vec<bool>,
    /// One per category column of the builder, by index.
    categories: Vec<Nullable<u32>>,
    capacity: usize,
}

impl Columns {
    fn with_capacity(capacity: usize, categories: usize) -> Columns {
        Columns {
            file: Vec::with_capacity(capacity),
            line: Vec::with_capacity(capacity),
            municipality: Nullable::with_capacity(capacity),
            wave: Vec::with_capacity(capacity),
            week: Nullable::with_capacity(capacity),
            date: Nullable::with_capacity(capacity),
            phase: Vec::with_capacity(capacity),
            question: Vec::with_capacity(capacity),
            score: Nullable::with_capacity(capacity),
            dont_know: Vec::with_capacity(capacity),
            categories: (0..categories).map(|_| Nullable::with_capacity(capacity)).collect(),
            capacity,
        }
    }

    fn len(&self) -> usize {
        self.file.len()
    }

    fn add_category(&mut self) {
        let mut values = Nullable::with_capacity(self.capacity);
        // Rows read before this column existed have no value in it.
        (0..self.len()).for_each(|_| values.push(None));
        self.categories.push(values);
    }

    /// The part as a frame in the builder's terms: its rows from `file` (when given), their
    /// lines moved on by `line_offset`, its ids and category columns mapped by `maps`.
    fn into_frame(mut self, file: Option<u32>, line_offset: u32, maps: &PartMaps) -> PolarsResult<DataFrame> {
        let height = self.len();
        if let Some(file) = file {
            self.file.fill(file);
        }
        if line_offset > 0 {
            self.line.iter_mut().for_each(|line| *line += line_offset);
        }
        maps.waves.apply(&mut self.wave);
        maps.phases.apply(&mut self.phase);
        maps.questions.apply(&mut self.question);
        let ids = |name: &str, ids: Vec<u32>| column(UInt32Chunked::from_vec(name.into(), ids));
        let mut columns = vec![
            ids(col_names::FILE, self.file),
            ids(col_names::LINE, self.line),
            column(
                maps.municipalities
                    .apply_to_column(self.municipality.finish(col_names::MUNICIPALITY)),
            ),
            ids(col_names::WAVE, self.wave),
            column(self.week.finish::<Int32Type>(col_names::WEEK)),
            column(self.date.finish::<Int32Type>(col_names::DATE)),
            ids(col_names::PHASE, self.phase),
            ids(col_names::QUESTION, self.question),
            column(self.score.finish::<Float64Type>(col_names::SCORE)),
            column(BooleanChunked::from_slice(col_names::DONT_KNOW.into(), &self.dont_know)),
        ];
        let mut categories: Vec<(usize, Column)> = self
            .categories
            .into_iter()
            .enumerate()
            .map(|(theirs, values)| {
                let ours = maps.categories.get(theirs).copied().unwrap_or(theirs);
                let values = maps
                    .category_values
                    .apply_to_column(values.finish(&category_column(ours)));
                (ours, column(values))
            })
            .collect();
        categories.sort_by_key(|(index, _)| *index);
        columns.extend(categories.into_iter().map(|(_, values)| values));
        DataFrame::new(height, columns)
    }
}

fn column(values: impl IntoSeries) -> Column {
    values.into_series().into()
}

/// How a part's ids and category columns become the builder's.
struct PartMaps {
    municipalities: IdMap,
    waves: IdMap,
    phases: IdMap,
    questions: IdMap,
    category_values: IdMap,
    categories: Vec<usize>,
}

impl PartMaps {
    fn identity(builder: &DatasetBuilder) -> PartMaps {
        let identity = |interner: &Interner| IdMap((0..interner.names().len() as u32).collect());
        PartMaps {
            municipalities: identity(&builder.municipalities),
            waves: identity(&builder.waves),
            phases: identity(&builder.phases),
            questions: identity(&builder.questions),
            category_values: identity(&builder.category_values),
            categories: (0..builder.categories.len()).collect(),
        }
    }
}

/// Where a wave first shows: its earliest date and its first row, for the time order.
#[derive(Clone, Copy, Default)]
struct WaveStart {
    earliest_date: Option<i32>,
    first_row: Option<usize>,
}

/// Collects answers from one or more files into columns, then makes the [`Dataset`].
pub struct DatasetBuilder {
    pub files: Vec<String>,
    /// Rows of earlier parts, already frames; the rows being read are in `current`.
    parts: Vec<DataFrame>,
    rows_in_parts: usize,
    current: Columns,
    /// Headers of the category columns, by index.
    categories: Vec<String>,
    /// By wave id.
    wave_starts: Vec<WaveStart>,
    pub municipalities: Interner,
    pub waves: Interner,
    pub phases: Interner,
    pub questions: Interner,
    category_values: Interner,
    pub comments: Vec<Comment>,
}

impl Default for DatasetBuilder {
    fn default() -> Self {
        DatasetBuilder::with_capacity(0)
    }
}

impl DatasetBuilder {
    /// A builder with room for `answers` answers, so a big file does not grow the columns
    /// step by step.
    pub fn with_capacity(answers: usize) -> Self {
        DatasetBuilder {
            files: Vec::new(),
            parts: Vec::new(),
            rows_in_parts: 0,
            current: Columns::with_capacity(answers, 0),
            categories: Vec::new(),
            wave_starts: Vec::new(),
            municipalities: Interner::default(),
            waves: Interner::default(),
            phases: Interner::default(),
            questions: Interner::default(),
            category_values: Interner::default(),
            comments: Vec::new(),
        }
    }

    pub fn add_file(&mut self, name: &str) -> u32 {
        self.files.push(name.to_string());
        (self.files.len() - 1) as u32
    }

    /// The index of the category column with this header, made on first use.
    pub fn category_index(&mut self, header: &str) -> usize {
        if let Some(index) = self.categories.iter().position(|name| name == header) {
            return index;
        }
        self.categories.push(header.to_string());
        self.current.add_category();
        self.categories.len() - 1
    }

    pub fn intern_category_value(&mut self, value: &str) -> u32 {
        self.category_values.intern(value)
    }

    pub fn push_answer(&mut self, row: &RowContext, question: u32, score: Option<f64>, dont_know: bool) {
        let row_number = self.answer_count();
        let columns = &mut self.current;
        columns.file.push(row.file);
        columns.line.push(row.line);
        columns.municipality.push(row.municipality);
        columns.wave.push(row.wave);
        columns.week.push(row.week);
        columns.date.push(row.date);
        columns.phase.push(row.phase);
        columns.question.push(question);
        columns.score.push(score);
        columns.dont_know.push(dont_know);
        for (index, values) in columns.categories.iter_mut().enumerate() {
            let value = row.categories.iter().find(|(i, _)| *i == index).and_then(|(_, v)| *v);
            values.push(value);
        }
        self.note_wave_start(
            row.wave,
            WaveStart {
                earliest_date: row.date,
                first_row: Some(row_number),
            },
        );
    }

    fn note_wave_start(&mut self, wave: u32, seen: WaveStart) {
        let index = wave as usize;
        if index >= self.wave_starts.len() {
            self.wave_starts.resize(index + 1, WaveStart::default());
        }
        if let Some(start) = self.wave_starts.get_mut(index) {
            start.first_row = start.first_row.or(seen.first_row);
            start.earliest_date = match (start.earliest_date, seen.earliest_date) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }

    pub fn answer_count(&self) -> usize {
        self.rows_in_parts + self.current.len()
    }

    /// The rows read so far become a part of their own (their columns become a frame, which
    /// moves their buffers rather than copying them).
    fn seal(&mut self) -> PolarsResult<()> {
        if self.current.len() == 0 {
            return Ok(());
        }
        let columns = std::mem::replace(&mut self.current, Columns::with_capacity(0, self.categories.len()));
        // These rows were read with this builder's ids, files and lines: nothing to map.
        let frame = columns.into_frame(None, 0, &PartMaps::identity(self))?;
        self.rows_in_parts += frame.height();
        self.parts.push(frame);
        Ok(())
    }

    /// Appends the rows another builder read from a later part of a file: its names are
    /// interned here, its rows get `file` and their lines move on by `line_offset`. The rows
    /// are not copied: they become a part of the frame. `other` must have read one part
    /// only (as a thread reading a chunk does): nothing was appended to it.
    pub fn append(&mut self, other: DatasetBuilder, file: u32, line_offset: u32) -> PolarsResult<()> {
        polars_ensure!(
            other.parts.is_empty(),
            InvalidOperation: "a builder with parts of its own cannot be appended"
        );
        self.seal()?;
        let maps = PartMaps {
            municipalities: self.municipalities.absorb(&other.municipalities),
            waves: self.waves.absorb(&other.waves),
            phases: self.phases.absorb(&other.phases),
            questions: self.questions.absorb(&other.questions),
            category_values: self.category_values.absorb(&other.category_values),
            categories: other
                .categories
                .iter()
                .map(|header| self.category_index(header))
                .collect(),
        };
        let rows_before = self.answer_count();
        for (wave, start) in other.wave_starts.iter().enumerate() {
            let seen = WaveStart {
                earliest_date: start.earliest_date,
                first_row: start.first_row.map(|row| rows_before + row),
            };
            self.note_wave_start(maps.waves.get(wave as u32), seen);
        }
        let frame = other.current.into_frame(Some(file), line_offset, &maps)?;
        self.rows_in_parts += frame.height();
        self.parts.push(frame);
        self.comments.extend(other.comments.into_iter().map(|mut comment| {
            comment.line += u64::from(line_offset);
            comment
        }));
        Ok(())
    }

    pub fn finish(mut self) -> PolarsResult<Dataset> {
        self.seal()?;
        let column_names: Vec<String> = Columns::with_capacity(0, self.categories.len())
            .into_frame(None, 0, &PartMaps::identity(&self))?
            .get_column_names()
            .into_iter()
            .map(|name| name.to_string())
            .collect();
        let mut answers: Option<DataFrame> = None;
        for mut part in std::mem::take(&mut self.parts) {
            // A part read before a category column existed has no values in it.
            for index in 0..self.categories.len() {
                let name = category_column(index);
                if part.column(&name).is_err() {
                    part.with_column(Column::from(Series::full_null(
                        name.into(),
                        part.height(),
                        &DataType::UInt32,
                    )))?;
                }
            }
            let part = part.select(column_names.iter().map(String::as_str))?;
            match answers.as_mut() {
                // The parts' buffers are joined as chunks, not copied into one.
                Some(answers) => {
                    answers.vstack_mut_owned(part)?;
                }
                None => answers = Some(part),
            }
        }
        let answers = match answers {
            Some(answers) => answers,
            None => Columns::with_capacity(0, self.categories.len()).into_frame(None, 0, &PartMaps::identity(&self))?,
        };
        let names = Names {
            files: self.files,
            municipalities: self.municipalities.names().to_vec(),
            waves: self.waves.names().to_vec(),
            phases: self.phases.names().to_vec(),
            questions: self.questions.names().to_vec(),
            category_values: self.category_values.names().to_vec(),
        };
        let waves = waves_in_time_order(&self.wave_starts, &names.waves);
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
            categories: self.categories,
            names,
        })
    }
}

/// Waves by their earliest date; waves without dates after those with, by first appearance.
/// "Rul 1" was the last wave, so the name says nothing about the order. A wave named on a
/// row that was rejected has no answers and no place.
fn waves_in_time_order(starts: &[WaveStart], wave_names: &[String]) -> Vec<String> {
    let mut waves: Vec<(Option<i32>, usize, u32)> = starts
        .iter()
        .enumerate()
        .filter_map(|(id, start)| Some((start.earliest_date, start.first_row?, id as u32)))
        .collect();
    waves.sort_by_key(|&(date, first_row, _)| (date.is_none(), date, first_row));
    waves
        .into_iter()
        .map(|(_, _, id)| Names::name(wave_names, id).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(builder: &mut DatasetBuilder, wave: &str, municipality: &str, date: Option<i32>, line: u32) -> RowContext {
        RowContext {
            file: 0,
            line,
            municipality: Some(builder.municipalities.intern(municipality)),
            wave: builder.waves.intern(wave),
            week: Some(1),
            date,
            phase: builder.phases.intern("Klargøring (uge 1-3)"),
            categories: Vec::new(),
        }
    }

    fn names_of(dataset: &Dataset, column: &str, names: &[String]) -> Vec<String> {
        let ids = dataset.answers.column(column).unwrap().u32().unwrap().clone();
        ids.iter()
            .map(|id| id.map_or("-", |id| Names::name(names, id)).to_string())
            .collect()
    }

    #[test]
    fn appended_parts_keep_their_names_lines_and_order() {
        let mut first = DatasetBuilder::default();
        first.add_file("a.csv");
        let context = row(&mut first, "Rul 2", "Køge", Some(20), 2);
        let question = first.questions.intern("Supporten");
        first.push_answer(&context, question, Some(4.0), false);

        // A chunk read on another thread meets the names in another order.
        let mut chunk = DatasetBuilder::default();
        chunk.add_file("a.csv");
        let category = chunk.category_index("Brug af KLIK");
        let mut context = row(&mut chunk, "Rul 1", "Ærø", Some(10), 2);
        context.categories = vec![(category, Some(chunk.intern_category_value("Dagligt")))];
        let valgdagen = chunk.questions.intern("Valgdagen");
        chunk.push_answer(&context, valgdagen, None, true);
        let context = row(&mut chunk, "Rul 2", "Køge", None, 3);
        let support = chunk.questions.intern("Supporten");
        chunk.push_answer(&context, support, Some(5.0), false);

        let file = first.add_file("b.csv");
        first.append(chunk, file, 100).unwrap();
        let dataset = first.finish().unwrap();

        assert_eq!(dataset.answer_count(), 3);
        assert_eq!(
            names_of(&dataset, col_names::WAVE, &dataset.names.waves),
            ["Rul 2", "Rul 1", "Rul 2"]
        );
        assert_eq!(
            names_of(&dataset, col_names::MUNICIPALITY, &dataset.names.municipalities),
            ["Køge", "Ærø", "Køge"]
        );
        assert_eq!(
            names_of(&dataset, col_names::QUESTION, &dataset.names.questions),
            ["Supporten", "Valgdagen", "Supporten"]
        );
        // The category column came with the second part: the first part's row has no value.
        assert_eq!(
            names_of(&dataset, &category_column(0), &dataset.names.category_values),
            ["-", "Dagligt", "-"]
        );
        assert_eq!(dataset.row_source(0), Some(("a.csv", 2)));
        assert_eq!(dataset.row_source(2), Some(("b.csv", 103)));
        let scores: Vec<Option<f64>> = dataset
            .answers
            .column(col_names::SCORE)
            .unwrap()
            .f64()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(scores, [Some(4.0), None, Some(5.0)]);
        // Rul 1's earliest date (day 10) comes before Rul 2's (day 20), though it showed later.
        assert_eq!(dataset.waves, ["Rul 1", "Rul 2"]);
    }

    #[test]
    fn waves_without_dates_follow_by_first_appearance_and_waves_without_answers_have_no_place() {
        let mut builder = DatasetBuilder::default();
        builder.add_file("a.csv");
        builder.waves.intern("Rul 9");
        for (wave, date) in [("Rul 3", None), ("Rul 2", None), ("Rul 1", Some(5)), ("Rul 3", None)] {
            let context = row(&mut builder, wave, "Køge", date, 2);
            builder.push_answer(&context, 0, Some(3.0), false);
        }
        let dataset = builder.finish().unwrap();
        assert_eq!(dataset.waves, ["Rul 1", "Rul 3", "Rul 2"]);
    }
}
