//! Building the [`Dataset`] while files are read: names become ids, rows go into columns, and
//! the parts read apart (a chunk of a big file per thread) are joined without copying.

use polars::prelude::*;

use super::columns::{Columns, PartMaps};
use super::interner::{IdMap, Interner};
use super::{Comment, Dataset, NamesById, category_column, danish_sort_key};
use crate::phases::order_phases;

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
            municipalities: Interner::folding(),
            waves: Interner::default(),
            phases: Interner::default(),
            questions: Interner::folding(),
            category_values: Interner::default(),
            comments: Vec::new(),
        }
    }

    /// The maps for rows read by this builder itself: every id stays.
    fn identity_maps(&self) -> PartMaps {
        let identity = |interner: &Interner| IdMap((0..interner.names().len() as u32).collect());
        PartMaps {
            municipalities: identity(&self.municipalities),
            waves: identity(&self.waves),
            phases: identity(&self.phases),
            questions: identity(&self.questions),
            category_values: identity(&self.category_values),
            categories: (0..self.categories.len()).collect(),
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
        self.push_answers(row, &[(question, score, dont_know)]);
    }

    /// The answers of one row (question, score, "don't know"), which share its context.
    pub fn push_answers(&mut self, row: &RowContext, answers: &[(u32, Option<f64>, bool)]) {
        let Some(first_row) = answers.first().map(|_| self.answer_count()) else {
            return;
        };
        let columns = &mut self.current;
        for &(question, score, dont_know) in answers {
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
        }
        // Once per row: every answer of it has the same wave and date.
        self.note_wave_start(
            row.wave,
            WaveStart {
                earliest_date: row.date,
                first_row: Some(first_row),
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
        let frame = columns.into_frame(None, 0, &self.identity_maps())?;
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
        // The frame without rows: its columns in order, and the answers when nothing was read.
        let empty = Columns::with_capacity(0, self.categories.len()).into_frame(None, 0, &self.identity_maps())?;
        let column_names: Vec<String> = empty
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
        let answers = answers.unwrap_or(empty);
        let names = NamesById {
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
            names_by_id: names,
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
        .map(|(_, _, id)| NamesById::name(wave_names, id).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::col_names;

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
            .map(|id| id.map_or("-", |id| NamesById::name(names, id)).to_string())
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
            names_of(&dataset, col_names::WAVE, &dataset.names_by_id.waves),
            ["Rul 2", "Rul 1", "Rul 2"]
        );
        assert_eq!(
            names_of(&dataset, col_names::MUNICIPALITY, &dataset.names_by_id.municipalities),
            ["Køge", "Ærø", "Køge"]
        );
        assert_eq!(
            names_of(&dataset, col_names::QUESTION, &dataset.names_by_id.questions),
            ["Supporten", "Valgdagen", "Supporten"]
        );
        // The category column came with the second part: the first part's row has no value.
        assert_eq!(
            names_of(&dataset, &category_column(0), &dataset.names_by_id.category_values),
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
