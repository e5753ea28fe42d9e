//! The same response in two files. Survey tools export every response so far, so last week's
//! export and this week's hold last week's responses twice; given together, each of those
//! would count twice, with nothing wrong in either file. A response is known by what it says
//! (its names and answers) with the tool's response id or its answer time, or both: ids alone
//! restart at 1 in every form, and two people may well answer alike.
//!
//! Across files the time is compared to the minute: Danish Excel saves a time as
//! "13-01-2025 10:15", without the seconds the tool wrote.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxBuildHasher, FxHasher};

use super::columns::Role;
use super::problems::{Problem, ProblemKind};
use super::tools::{SystemColumn, system_column};
use crate::dates::{DateOrder, days_since_epoch, parse_date};

/// The tools' response-id columns, lower case.
const ID_COLUMNS: [&str; 6] = [
    "id",
    "response id",
    "respondent id",
    "respondentid",
    "responde",
    "respondent",
];

/// What tells one response from another in a file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Identity {
    /// The tool's response-id column.
    pub id: Option<usize>,
    /// The answer-time column.
    pub time: Option<usize>,
}

/// A response's keys and the line it starts on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ResponseKey {
    /// Id, time as written and what the response says: the same response within a file.
    /// None without an id and the time's seconds.
    pub exact: Option<u64>,
    /// Id, time to the minute and what it says: the same response in another file, saved
    /// again in between.
    pub across: u64,
    pub line: u64,
}

/// The response-id and answer-time columns, when a row can be told by them: an id; or a time
/// where each row is a whole response (wide files: a long file's rows are single answers,
/// which people give alike at the same meeting).
pub(super) fn identity(headers: &[String], roles: &[Role]) -> Option<Identity> {
    let id = headers.iter().position(|h| {
        system_column(h) == Some(SystemColumn::Other) && ID_COLUMNS.contains(&h.trim().to_lowercase().as_str())
    });
    let time = roles.iter().position(|r| *r == Role::Date);
    let wide = !roles.contains(&Role::Score) && roles.iter().filter(|r| **r == Role::QuestionColumn).count() >= 2;
    (id.is_some() || (time.is_some() && wide)).then_some(Identity { id, time })
}

/// The keys of a response: `id` and `time` as written (the id may be empty where the time
/// has its hour and minute), and
/// `says`, what the row says (its names and answers) as a hash.
pub(super) fn key(id: &str, time: &str, day: Option<i32>, says: u64, line: u64) -> Option<ResponseKey> {
    let (id, time) = (id.trim(), time.trim());
    let clock = time_of_day(time);
    // Without an id, a day alone tells no response from another: people of one municipality
    // answer alike on the same day.
    if id.is_empty() && clock.is_none() {
        return None;
    }
    // Within a file a time to the minute tells no two alike answers at one meeting apart:
    // without an id, repeats are only known by a time with its seconds.
    let seconds = clock.is_some_and(|(_, seconds)| seconds);
    let exact = (!id.is_empty() || seconds).then(|| hash_of((id, time, says)));
    let across = match day {
        Some(day) => hash_of((id, (day, clock.map(|(minute, _)| minute)), says)),
        None => hash_of((id, time, says)),
    };
    Some(ResponseKey { exact, across, line })
}

/// The day of a response's time, for its key: a column whose day-month order is not settled
/// is read day first for the key alone (as Danish Excel saves a time): the same text gives the
/// same key, whatever the numbers say. Only the date before the time is read.
pub(super) fn day_of(time: &str, order: Option<DateOrder>) -> Option<i32> {
    let date = time.trim().split([' ', 'T']).next().unwrap_or_default();
    parse_date(date, order.or(Some(DateOrder::DayFirst))).map(days_since_epoch)
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The minute of the day of a date's time ("13-01-2025 10:15", "1/13/2025 10:15:02 PM",
/// "2025-01-13T10.15.02"): the first hours and minutes after a space or a "T"; and whether
/// the seconds follow.
pub(super) fn time_of_day(text: &str) -> Option<(u32, bool)> {
    let bytes = text.as_bytes();
    let two_digits = |from: usize| -> Option<(u32, usize)> {
        let count = bytes
            .iter()
            .skip(from)
            .take(2)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let value = bytes
            .get(from..from + count)?
            .iter()
            .fold(0u32, |value, b| value * 10 + u32::from(b - b'0'));
        (count > 0).then_some((value, from + count))
    };
    let start = bytes.iter().position(|&b| b == b' ' || b == b'T')? + 1;
    let (hour, after) = two_digits(start)?;
    if !matches!(bytes.get(after), Some(b':' | b'.')) {
        return None;
    }
    let (minute, end) = two_digits(after + 1)?;
    if end != after + 3 || hour > 23 || minute > 59 {
        return None;
    }
    let seconds =
        matches!(bytes.get(end), Some(b':' | b'.')) && two_digits(end + 1).is_some_and(|(_, at)| at == end + 3);
    let has = |word: &[u8]| bytes.windows(2).any(|pair| pair.eq_ignore_ascii_case(word));
    let hour = match (has(b"PM"), has(b"AM")) {
        (true, _) if hour < 12 => hour + 12,
        (_, true) if hour == 12 => 0,
        _ => hour,
    };
    Some((hour * 60 + minute, seconds))
}

/// Responses a file holds more than once (the same id and time: a response exported twice):
/// how many repeats, and the line of the first repeat.
fn repeated(keys: &[ResponseKey]) -> Option<(usize, u64)> {
    // A set, not a sort: a wide file's third of a million keys are hashes already.
    let mut seen: std::collections::HashSet<u64, FxBuildHasher> = std::collections::HashSet::default();
    seen.reserve(keys.len());
    let (count, line) = keys
        .iter()
        .filter_map(|key| Some((key.exact?, key.line)))
        .filter(|(exact, _)| !seen.insert(*exact))
        .fold((0usize, u64::MAX), |(count, line), (_, later)| {
            (count + 1, line.min(later))
        });
    let (pasted, pasted_line) = pasted_again(keys);
    let (count, line) = (count + pasted, line.min(pasted_line));
    (count > 0).then_some((count, line))
}

/// Rows without an id or a time's seconds that repeat a run of earlier rows (a block pasted
/// in again): at least three rows in a row, each the same as the row as far back. Alike
/// answers at one meeting are single rows, or rows side by side, not a block further down.
fn pasted_again(keys: &[ResponseKey]) -> (usize, u64) {
    let same = |earlier: usize, later: usize| match (keys.get(earlier), keys.get(later)) {
        (Some(a), Some(b)) => a.exact.is_none() && b.exact.is_none() && a.across == b.across,
        _ => false,
    };
    let mut by_key: HashMap<u64, Vec<usize>, FxBuildHasher> = HashMap::default();
    for (index, key) in keys.iter().enumerate().filter(|(_, key)| key.exact.is_none()) {
        by_key.entry(key.across).or_default().push(index);
    }
    let mut pasted = vec![false; keys.len()];
    for group in by_key.values().filter(|group| (2..=64).contains(&group.len())) {
        for (n, &later) in group.iter().enumerate() {
            for &earlier in group.iter().take(n) {
                let back = later - earlier;
                if back < 3 {
                    continue;
                }
                // `later` is in three rows in a row, each the same as the row `back` before it.
                let run = (0..3).any(|start| {
                    (0..3).all(|step| {
                        let at = (later + step).checked_sub(start);
                        at.is_some_and(|at| at >= back && same(at - back, at))
                    })
                });
                if run && let Some(flag) = pasted.get_mut(later) {
                    *flag = true;
                }
            }
        }
    }
    let lines = keys
        .iter()
        .zip(&pasted)
        .filter(|(_, pasted)| **pasted)
        .map(|(key, _)| key.line);
    lines.fold((0, u64::MAX), |(count, first), line| (count + 1, first.min(line)))
}

/// The responses of the files read so far, by key: the file (its index and name) that held
/// each first.
#[derive(Default)]
pub(super) struct Seen {
    /// Keys are hashes already: FxHash only mixes them (SipHash on 333,000 keys was a fifth of
    /// a wide file's import, issue 13).
    first: HashMap<u64, usize, FxBuildHasher>,
    names: Vec<String>,
}

impl Seen {
    /// A file's responses (key, line): a warning for each earlier file that held some of them,
    /// at the first such line; then they are remembered, unless `last` (no file comes after it:
    /// a single file costs nothing).
    pub(super) fn check(
        &mut self,
        file: &str,
        sheet: Option<&str>,
        keys: Vec<ResponseKey>,
        last: bool,
        problems: &mut Vec<Problem>,
    ) {
        let index = self.names.len();
        self.names.push(file.to_string());
        if let Some((responses, line)) = repeated(&keys) {
            problems.push(Problem {
                sheet: sheet.map(str::to_string),
                line: Some(line),
                ..Problem::of_file(file, ProblemKind::RepeatedResponses { responses })
            });
        }
        if self.first.is_empty() && last {
            return;
        }
        // Per earlier file: how many responses, and the first line of one.
        let mut again: Vec<(usize, usize, u64)> = Vec::new();
        for &ResponseKey { across, line, .. } in &keys {
            let Some(&earlier) = self.first.get(&across).filter(|&&f| f != index) else {
                continue;
            };
            match again.iter_mut().find(|(f, ..)| *f == earlier) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 = entry.2.min(line);
                }
                None => again.push((earlier, 1, line)),
            }
        }
        for (earlier, responses, line) in again {
            problems.push(Problem {
                sheet: sheet.map(str::to_string),
                line: Some(line),
                ..Problem::of_file(
                    file,
                    ProblemKind::SameResponses {
                        as_file: self.names.get(earlier).cloned().unwrap_or_default(),
                        responses,
                    },
                )
            });
        }
        if !last {
            self.first.reserve(keys.len());
            for key in keys {
                self.first.entry(key.across).or_insert(index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_responses_in_a_later_export_are_told_once_per_file() {
        let mut seen = Seen::default();
        let mut problems = Vec::new();
        let keys = |ids: &[&str], time: &str| -> Vec<ResponseKey> {
            ids.iter()
                .enumerate()
                .filter_map(|(i, id)| key(id, time, day_of(time, Some(DateOrder::MonthFirst)), 7, i as u64 + 2))
                .collect()
        };
        seen.check(
            "uge3.xlsx",
            None,
            keys(&["1", "2"], "8/19/24 8:06:53"),
            false,
            &mut problems,
        );
        assert!(problems.is_empty());
        // Another form: ids restart at 1, at other times.
        seen.check(
            "rul1.xlsx",
            None,
            keys(&["1", "2"], "9/30/24 9:00:00"),
            false,
            &mut problems,
        );
        assert!(problems.is_empty());
        seen.check(
            "uge5.xlsx",
            None,
            keys(&["0", "1", "2"], "8/19/24 8:06:53"),
            true,
            &mut problems,
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
        assert_eq!(
            problems[0].kind,
            ProblemKind::SameResponses {
                as_file: "uge3.xlsx".into(),
                responses: 2
            }
        );
    }
}
