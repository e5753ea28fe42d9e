//! The answers of a scope counted by a packed key ([`Keys`]) and score: what every view sums
//! its moments from. Counted by hand over the columns, a block of rows at a time on every core,
//! rather than by a polars group-by: the group-by built the key column, a hashed partition per
//! thread and a row encoding of key and score, about 90 MB of temporary columns at a million
//! answers (issue 12's peak memory), where the counts are a few thousand entries. Keys too
//! wide for 64 bits (only hostile data: dates over centuries, thousands of waves) are counted
//! as a list of codes, one row at a time.

use std::collections::HashMap;

use polars::prelude::*;
use rustc_hash::FxBuildHasher;

use super::keys::{Keys, Part};
use super::stats::Moments;
use crate::dataset::col_names;

/// Answers sharing every key column (as [`Keys::decode`] gives them) and the score.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct KeyCount {
    pub key: Vec<Option<i64>>,
    pub score: Option<f64>,
    pub count: u64,
}

impl KeyCount {
    /// Whether the key column at `index` (a 0/1 column such as "don't know") is set.
    pub fn is_set(&self, index: usize) -> bool {
        super::keys::int(self.key.get(index)).is_some_and(|v| v != 0)
    }

    /// These answers' moments, "don't know" read from the key column at `dont_know_at`.
    pub fn moments(&self, dont_know_at: usize) -> Moments {
        Moments::of_answers(self.score, self.is_set(dont_know_at), self.count)
    }
}

/// Rows per block: the block's keys (8 bytes a row) stay in the cache.
const BLOCK: usize = 1 << 14;

/// A score's bits in the count map; no score is a NaN pattern no parsed score has.
const NO_SCORE: u64 = u64::MAX;

type Counts = HashMap<(u64, u64), u64, FxBuildHasher>;

/// Every (key, score) of `frame`'s rows with how many rows have it, in no particular order.
pub(super) fn count(frame: &DataFrame, keys: &Keys) -> PolarsResult<Vec<KeyCount>> {
    if !keys.packed() {
        return count_unpacked(frame, keys);
    }
    let height = frame.height();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // A thread per part only when each part is worth one.
    let parts = threads.min(height / (4 * BLOCK)).max(1);
    let counted: Vec<PolarsResult<Counts>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..parts)
            .map(|part| {
                let rows = height * part / parts..height * (part + 1) / parts;
                scope.spawn(move || count_rows(frame, keys, rows))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(PolarsError::ComputeError("counting the answers failed".into())))
            })
            .collect()
    });
    let mut total = Counts::default();
    for part in counted {
        for (key, count) in part? {
            *total.entry(key).or_insert(0) += count;
        }
    }
    Ok(total
        .into_iter()
        .map(|((key, score), count)| KeyCount {
            key: keys.decode(key),
            score: (score != NO_SCORE).then(|| f64::from_bits(score)),
            count,
        })
        .collect())
}

fn count_rows(frame: &DataFrame, keys: &Keys, rows: std::ops::Range<usize>) -> PolarsResult<Counts> {
    let mut counts = Counts::default();
    let mut packed = Vec::with_capacity(BLOCK);
    let mut start = rows.start;
    while start < rows.end {
        let len = BLOCK.min(rows.end - start);
        let offset = start as i64;
        packed.clear();
        packed.resize(len, 0u64);
        for (name, part) in keys.columns() {
            let column = frame.column(name)?.slice(offset, len);
            add_codes(&column, *part, &mut packed)?;
        }
        let scores = frame.column(col_names::SCORE)?.slice(offset, len);
        for (key, score) in packed.iter().zip(scores.f64()?.iter()) {
            *counts.entry((*key, score.map_or(NO_SCORE, f64::to_bits))).or_insert(0) += 1;
        }
        start += len;
    }
    Ok(counts)
}

/// `packed = packed × size + code` for every row of the block.
fn add_codes(column: &Column, part: Part, packed: &mut [u64]) -> PolarsResult<()> {
    let size = part.size();
    let code = |value: Option<i64>| part.code_of(value);
    // A column without gaps in one piece (most blocks) is read as a plain slice.
    match column.dtype() {
        DataType::UInt32 => match column.u32()?.cont_slice() {
            Ok(values) => push_codes(packed, size, values.iter().map(|&v| code(Some(i64::from(v))))),
            Err(_) => push_codes(packed, size, column.u32()?.iter().map(|v| code(v.map(i64::from)))),
        },
        DataType::Int32 => match column.i32()?.cont_slice() {
            Ok(values) => push_codes(packed, size, values.iter().map(|&v| code(Some(i64::from(v))))),
            Err(_) => push_codes(packed, size, column.i32()?.iter().map(|v| code(v.map(i64::from)))),
        },
        DataType::Boolean => push_codes(packed, size, column.bool()?.iter().map(|v| code(v.map(i64::from)))),
        _ => {
            let wide = column.cast(&DataType::Int64)?;
            push_codes(packed, size, wide.i64()?.iter().map(code));
        }
    }
    Ok(())
}

/// `packed = packed × size + code`, one code per row: generic, so that each column's loop is
/// compiled for its own iterator (a `dyn Iterator` cost a call per value).
fn push_codes(packed: &mut [u64], size: u64, codes: impl Iterator<Item = u64>) {
    for (key, code) in packed.iter_mut().zip(codes) {
        *key = *key * size + code;
    }
}

/// The same counts with each row's codes as a list, for keys too wide to pack.
fn count_unpacked(frame: &DataFrame, keys: &Keys) -> PolarsResult<Vec<KeyCount>> {
    let mut counts: HashMap<(Vec<u64>, u64), u64, FxBuildHasher> = HashMap::default();
    let height = frame.height();
    let mut start = 0;
    while start < height {
        let len = BLOCK.min(height - start);
        let mut codes = vec![Vec::with_capacity(keys.columns().len()); len];
        for (name, part) in keys.columns() {
            let column = frame.column(name)?.slice(start as i64, len);
            let mut one = vec![0u64; len];
            add_codes(&column, *part, &mut one)?;
            for (row, code) in codes.iter_mut().zip(one) {
                row.push(code);
            }
        }
        let scores = frame.column(col_names::SCORE)?.slice(start as i64, len);
        for (row, score) in codes.into_iter().zip(scores.f64()?.iter()) {
            *counts.entry((row, score.map_or(NO_SCORE, f64::to_bits))).or_insert(0) += 1;
        }
        start += len;
    }
    Ok(counts
        .into_iter()
        .map(|((codes, score), count)| KeyCount {
            key: keys.values(&codes),
            score: (score != NO_SCORE).then(|| f64::from_bits(score)),
            count,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    type Expected = BTreeMap<(Vec<Option<i64>>, Option<u64>), u64>;

    fn counted(frame: &DataFrame, keys: &Keys) -> Expected {
        let mut counts = Expected::new();
        for c in count(frame, keys).unwrap() {
            *counts.entry((c.key, c.score.map(f64::to_bits))).or_default() += c.count;
        }
        counts
    }

    #[test]
    fn hand_counts_are_a_plain_count_across_blocks_threads_chunks_and_nulls() {
        // Past four blocks a thread, in two chunks, with nulls in an id and an integer column.
        let rows = 3 * 4 * BLOCK + 123;
        let wave: Vec<Option<u32>> = (0..rows).map(|i| (i % 13 != 0).then_some((i % 3) as u32)).collect();
        let week: Vec<Option<i32>> = (0..rows).map(|i| (i % 7 != 0).then_some((i % 5) as i32 - 2)).collect();
        let dont_know: Vec<bool> = (0..rows).map(|i| i % 11 == 0).collect();
        let score: Vec<Option<f64>> = (0..rows)
            .map(|i| (i % 11 != 0).then_some(1.0 + (i % 9) as f64 / 2.0))
            .collect();
        let frame =
            df!("wave" => &wave, "week" => &week, "dont_know" => &dont_know, col_names::SCORE => &score).unwrap();
        let (top, bottom) = frame.split_at(rows as i64 / 3);
        let mut chunked = top.clone();
        chunked.vstack_mut(&bottom).unwrap();
        assert!(chunked.first_col_n_chunks() > 1, "the test needs a frame in chunks");

        let mut expected = Expected::new();
        for i in 0..rows {
            let key = vec![
                wave[i].map(i64::from),
                week[i].map(i64::from),
                Some(i64::from(dont_know[i])),
            ];
            *expected.entry((key, score[i].map(f64::to_bits))).or_default() += 1;
        }
        let parts = |wave_size: u64| {
            Keys::new(&[
                ("wave", Part::Id { size: wave_size }),
                ("week", Part::Int { min: -2, max: 2 }),
                ("dont_know", Part::Id { size: 2 }),
            ])
        };
        let packed = parts(3);
        assert!(packed.packed());
        assert_eq!(counted(&chunked, &packed), expected, "counted by hand");
        let too_wide = parts(u64::MAX);
        assert!(!too_wide.packed());
        assert_eq!(counted(&chunked, &too_wide), expected, "counted as lists of codes");
    }
}
