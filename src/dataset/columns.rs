//! The columns of one part of the data set as they grow, and how they become a frame.

use polars::prelude::*;

use super::interner::IdMap;
use super::{category_column, col_names};

/// A column of optional values as it grows: the values, and which are there only once one
/// is missing (most columns of most files have no gaps).
pub(super) struct Nullable<T> {
    values: Vec<T>,
    present: Option<Vec<bool>>,
}

impl<T: Copy + Default> Nullable<T> {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Nullable {
            values: Vec::with_capacity(capacity),
            present: None,
        }
    }

    #[inline(always)]
    pub(super) fn push(&mut self, value: Option<T>) {
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
    pub(super) fn finish<P>(self, name: &str) -> ChunkedArray<P>
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
pub(super) struct Columns {
    pub(super) file: Vec<u32>,
    pub(super) line: Vec<u32>,
    pub(super) municipality: Nullable<u32>,
    pub(super) wave: Vec<u32>,
    pub(super) week: Nullable<i32>,
    pub(super) date: Nullable<i32>,
    pub(super) phase: Vec<u32>,
    pub(super) question: Vec<u32>,
    pub(super) score: Nullable<f64>,
    pub(super) dont_know: Vec<bool>,
    /// One per category column of the builder, by index.
    pub(super) categories: Vec<Nullable<u32>>,
    pub(super) capacity: usize,
}

impl Columns {
    pub(super) fn with_capacity(capacity: usize, categories: usize) -> Columns {
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

    pub(super) fn len(&self) -> usize {
        self.file.len()
    }

    pub(super) fn add_category(&mut self) {
        let mut values = Nullable::with_capacity(self.capacity);
        // Rows read before this column existed have no value in it.
        (0..self.len()).for_each(|_| values.push(None));
        self.categories.push(values);
    }

    /// The part as a frame in the builder's terms: its rows from `file` (when given), their
    /// lines moved on by `line_offset`, its ids and category columns mapped by `maps`.
    pub(super) fn into_frame(
        mut self,
        file: Option<u32>,
        line_offset: u32,
        maps: &PartMaps,
    ) -> PolarsResult<DataFrame> {
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
pub(super) struct PartMaps {
    pub(super) municipalities: IdMap,
    pub(super) waves: IdMap,
    pub(super) phases: IdMap,
    pub(super) questions: IdMap,
    pub(super) category_values: IdMap,
    pub(super) categories: Vec<usize>,
}
