//! What every value of a column looks like, over the whole file: how many are filled, the
//! distinct values (up to a limit) with their counts, whether they count 1, 2, 3 like an id,
//! and for columns that may hold dates, what the dates say about day and month order. Roles
//! are decided from this, never from the first rows alone: a question asked only from a
//! later wave on is empty in the first hundreds of rows.

use std::collections::HashMap;

use super::likert::{Answer, DecimalMark, parse_answer};
use crate::dates::{DateColumn, looks_like_date};
use crate::text_key::{TextKey, short_word};

/// Distinct values remembered per column: more than any scale or code list has, and the 98
/// municipalities and 5 regions too; few enough to keep. Past this, values are only counted
/// by kind.
const MAX_DISTINCT: usize = 128;

/// No answer label is this long: longer text is counted as neither answer nor "don't know"
/// without being parsed (free-text comments, timestamps with zones, e-mails).
const LONGEST_ANSWER: usize = 48;

/// Up to this many distinct values a value is looked for among them by key, past it by hash.
const SCANNED: usize = 16;

#[derive(Clone, Debug, Default)]
pub(super) struct ColumnProfile {
    pub filled: usize,
    /// Distinct values with their counts, in order of first appearance.
    pub distinct: Vec<(String, usize)>,
    /// Values that were not among the remembered distinct ones, counted by kind.
    pub overflow: usize,
    pub overflow_on_scale: usize,
    pub overflow_dont_know: usize,
    pub overflow_dates: usize,
    /// The index in `distinct` of the last value (a column repeats its value row after row).
    last: Option<usize>,
    /// Where each distinct value is in `distinct`.
    index: HashMap<String, usize, WordHash>,
    /// Per distinct value: its key and whether the date watch took it for a date (what it
    /// says of a value depends on the text alone, so a repeat is only counted again).
    seen: Vec<Seen>,
    /// Filled values so far all integers, each one more than the one before (1, 2, 3, …).
    counting: Counting,
    /// The first filled value as an integer: where a later part's counting must go on from.
    first_number: Option<i64>,
    /// Only for columns whose first value is a date.
    pub dates: Option<DateColumn>,
    /// How much of each value is looked at.
    watch: Watch,
}

/// How much of a column's values the profile looks at. A survey tool's system columns are
/// decided by their names: their values are not read as answers (a million e-mail addresses
/// and ids parsed as possible answers would cost more than all the answers).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) enum Watch {
    /// Everything: the column's role comes from its values.
    #[default]
    Everything,
    /// A time of the answer: its dates and distinct values, not answers.
    Dates,
    /// Only how many values it has.
    Count,
}

#[derive(Clone, Copy, Debug)]
struct Seen {
    key: TextKey,
    date: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Counting {
    #[default]
    NotStarted,
    At(i64),
    No,
}

impl ColumnProfile {
    pub fn watching(watch: Watch) -> ColumnProfile {
        ColumnProfile {
            watch,
            ..ColumnProfile::default()
        }
    }

    /// Notes one value, already trimmed; empty values are not values.
    pub fn add(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.filled += 1;
        if self.watch == Watch::Count {
            return;
        }
        // A column whose first value is a date is watched for its day-month order.
        if self.filled == 1 && looks_like_date(text) {
            self.dates = Some(DateColumn::default());
        }
        // Parsed only while the column may still count 1, 2, 3 (most columns stop at once).
        if self.counting != Counting::No && self.watch == Watch::Everything {
            let number = text.parse::<i64>();
            if self.filled == 1 {
                self.first_number = number.as_ref().ok().copied();
            }
            self.counting = match (self.counting, number) {
                (Counting::NotStarted, Ok(n)) => Counting::At(n),
                (Counting::At(last), Ok(n)) if last.checked_add(1) == Some(n) => Counting::At(n),
                _ => Counting::No,
            };
        }
        let key = TextKey::of(text);
        if let Some(index) = self
            .last
            .filter(|&index| self.is_at(index, key, text))
            .or_else(|| self.find(key, text))
        {
            if let Some((_, count)) = self.distinct.get_mut(index) {
                *count += 1;
            }
            if let (Some(dates), Some(seen)) = (&mut self.dates, self.seen.get(index)) {
                dates.add_again(seen.date);
            }
            self.last = Some(index);
            return;
        }
        let is_date = self.dates.as_mut().is_some_and(|dates| dates.add(text));
        if self.distinct.len() < MAX_DISTINCT {
            self.remember(text.to_string(), 1, Seen { key, date: is_date });
            self.last = Some(self.distinct.len() - 1);
            return;
        }
        self.count_overflow(text, 1, is_date);
    }

    /// True when the distinct value at `index` is `text` (whose key is `key`).
    #[inline]
    fn is_at(&self, index: usize, key: TextKey, text: &str) -> bool {
        match (self.seen.get(index), self.distinct.get(index)) {
            (Some(seen), Some((known, _))) => seen.key.is(known, key, text),
            _ => false,
        }
    }

    /// Where `text` is among the distinct values: by key among a few, else by hash.
    #[inline]
    fn find(&self, key: TextKey, text: &str) -> Option<usize> {
        if self.distinct.len() <= SCANNED {
            let mut known = self.seen.iter().zip(&self.distinct);
            known.position(|(seen, (known, _))| seen.key.is(known, key, text))
        } else {
            self.index.get(text).copied()
        }
    }

    fn remember(&mut self, text: String, count: usize, seen: Seen) {
        self.index.insert(text.clone(), self.distinct.len());
        self.distinct.push((text, count));
        self.seen.push(seen);
    }

    /// Counts `count` values past the remembered ones by what they are (a date is no answer:
    /// a date column's unique timestamps are not parsed as answers).
    fn count_overflow(&mut self, text: &str, count: usize, is_date: bool) {
        self.overflow += count;
        let (on_scale, dont_know) = if is_date || self.watch != Watch::Everything {
            (false, false)
        } else {
            answer_kind(text)
        };
        self.overflow_on_scale += count * usize::from(on_scale);
        self.overflow_dont_know += count * usize::from(dont_know);
        // A date column's dates are counted by its date watch.
        if self.dates.is_none() {
            self.overflow_dates += count * usize::from(looks_like_date(text));
        }
    }

    /// Adds the profile of the part of the column that follows this one (read on another
    /// thread): counts add up, distinct values keep their order of first appearance.
    pub fn merge(&mut self, later: ColumnProfile) {
        if later.filled == 0 {
            return;
        }
        let was_empty = self.filled == 0;
        self.counting = match (self.counting, later.counting, later.first_number) {
            (Counting::NotStarted, next, _) => next,
            (Counting::At(last), Counting::At(next_last), Some(next_first))
                if last.checked_add(1) == Some(next_first) =>
            {
                Counting::At(next_last)
            }
            _ => Counting::No,
        };
        if was_empty {
            self.first_number = later.first_number;
        }
        self.filled += later.filled;
        self.overflow += later.overflow;
        self.overflow_on_scale += later.overflow_on_scale;
        self.overflow_dont_know += later.overflow_dont_know;
        self.overflow_dates += later.overflow_dates;
        for ((text, count), seen) in later.distinct.into_iter().zip(later.seen) {
            if let Some(&index) = self.index.get(&text) {
                if let Some((_, known)) = self.distinct.get_mut(index) {
                    *known += count;
                }
            } else if self.distinct.len() < MAX_DISTINCT {
                self.remember(text, count, seen);
            } else {
                self.count_overflow(&text, count, false);
            }
        }
        self.dates = match (self.dates.take(), later.dates) {
            (Some(mut mine), Some(theirs)) => {
                mine.merge(theirs);
                Some(mine)
            }
            // A column is watched for dates from its first value on.
            (mine, theirs) => {
                if was_empty {
                    theirs
                } else {
                    mine
                }
            }
        };
        self.last = None;
    }

    /// Values that are dates: counted by the date watch of a date column, else from the
    /// remembered values and the overflow.
    pub fn dates_counted(&self, decode: impl Fn(&str) -> String) -> usize {
        match &self.dates {
            Some(dates) => dates.dates(),
            None => self.count_where(decode, looks_like_date) + self.overflow_dates,
        }
    }

    /// True when every value is the same one.
    pub fn constant(&self) -> Option<&str> {
        match self.distinct.as_slice() {
            [(only, _)] if self.overflow == 0 => Some(only),
            _ => None,
        }
    }

    /// Integers counting up by one from the first row to the last, past the scale's 5: a
    /// running number, not answers (three answers 3, 4, 5 may well be answers).
    pub fn counts_like_an_id(&self) -> bool {
        matches!(self.counting, Counting::At(last) if last > 5) && self.filled >= 3
    }

    /// Values whose text, after `decode`, satisfies `test`: remembered values by their
    /// count, the others by what was counted of them undecoded.
    pub fn count_where(&self, decode: impl Fn(&str) -> String, test: impl Fn(&str) -> bool) -> usize {
        self.distinct
            .iter()
            .filter(|(text, _)| test(&decode(text)))
            .map(|(_, count)| count)
            .sum()
    }
}

/// FxHash's rotate-xor-multiply, eight bytes at a time: the distinct values of a column are
/// short texts hashed once per value of a big file, where SipHash's strength against chosen
/// keys buys nothing (a column holds at most 128 of them), and FNV's byte-at-a-time loop was a
/// tenth of the profile's time.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct WordHash;

impl std::hash::BuildHasher for WordHash {
    type Hasher = WordHasher;

    fn build_hasher(&self) -> WordHasher {
        WordHasher(0)
    }
}

pub(super) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(short_word(word));
        }
        // The length too, so that "a" and "a\0" differ.
        self.add(short_word(words.remainder()) ^ (bytes.len() as u64) << 56);
    }
}

/// Whether a value is an answer on the scale, and whether it is a "don't know": one parse.
fn answer_kind(text: &str) -> (bool, bool) {
    if text.len() > LONGEST_ANSWER {
        return (false, false);
    }
    match parse_answer(text, DecimalMark::Auto) {
        Ok(Answer::Score(_)) => (true, false),
        Ok(Answer::DontKnow) => (false, true),
        _ => (false, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::likert::is_on_scale;

    #[test]
    fn a_profile_counts_values_by_kind() {
        let mut profile = ColumnProfile::default();
        for text in ["4", "4", "", "Ved ikke", "5", "4"] {
            profile.add(text);
        }
        assert_eq!(profile.filled, 5);
        assert_eq!(
            profile.distinct,
            vec![("4".into(), 3), ("Ved ikke".into(), 1), ("5".into(), 1)]
        );
        assert_eq!(profile.count_where(|t| t.to_string(), is_on_scale), 4);
        assert_eq!(profile.constant(), None);
        assert!(!profile.counts_like_an_id());
    }

    #[test]
    fn parts_merged_equal_the_whole() {
        let values: Vec<String> = (1..=300)
            .map(|i| match i % 7 {
                0 => "Ved ikke".to_string(),
                1 => format!("K{i}"),
                _ => (1 + i % 5).to_string(),
            })
            .collect();
        let mut whole = ColumnProfile::default();
        values.iter().for_each(|v| whole.add(v));
        for cut in [0, 1, 100, 299, 300] {
            let (a, b) = values.split_at(cut);
            let (mut first, mut second) = (ColumnProfile::default(), ColumnProfile::default());
            a.iter().for_each(|v| first.add(v));
            b.iter().for_each(|v| second.add(v));
            first.merge(second);
            assert_eq!(
                (
                    first.filled,
                    &first.distinct,
                    first.overflow,
                    first.overflow_on_scale,
                    first.overflow_dont_know
                ),
                (
                    whole.filled,
                    &whole.distinct,
                    whole.overflow,
                    whole.overflow_on_scale,
                    whole.overflow_dont_know
                ),
                "cut at {cut}"
            );
        }
        let (mut ids, mut later) = (ColumnProfile::default(), ColumnProfile::default());
        (1..=50).for_each(|i| ids.add(&i.to_string()));
        (51..=90).for_each(|i| later.add(&i.to_string()));
        ids.merge(later);
        assert!(ids.counts_like_an_id());
        let mut gap = ColumnProfile::default();
        (91..=95).for_each(|i| gap.add(&i.to_string()));
        let mut before = ColumnProfile::default();
        (1..=50).for_each(|i| before.add(&i.to_string()));
        before.merge(gap);
        assert!(!before.counts_like_an_id());
    }

    #[test]
    fn constants_and_running_numbers_are_seen() {
        let mut last_page = ColumnProfile::default();
        let mut ids = ColumnProfile::default();
        for i in 1..=200 {
            last_page.add("3");
            ids.add(&i.to_string());
        }
        assert_eq!(last_page.constant(), Some("3"));
        assert!(ids.counts_like_an_id());
        assert_eq!(ids.distinct.len(), MAX_DISTINCT);
        assert_eq!(ids.overflow, 200 - MAX_DISTINCT);
    }
}
