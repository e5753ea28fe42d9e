//! The same response in two files. Survey tools export every response so far, so last week's
//! export and this week's hold last week's responses twice; given together, each of those
//! would count twice, with nothing wrong in either file. A response is known by the tool's
//! response id and its answer time together: ids alone restart at 1 in every form.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rustc_hash::FxBuildHasher;

use super::columns::Role;
use super::problems::{Problem, ProblemKind};
use super::tools::{SystemColumn, system_column};

/// The tools' response-id columns, lower case.
const ID_COLUMNS: [&str; 5] = ["id", "response id", "respondent id", "respondentid", "responde"];

/// The response-id column and the answer-time column of a tool's export, when it has both.
pub(super) fn identity(headers: &[String], roles: &[Role]) -> Option<(usize, usize)> {
    let id = headers.iter().position(|h| {
        system_column(h) == Some(SystemColumn::Other) && ID_COLUMNS.contains(&h.trim().to_lowercase().as_str())
    })?;
    let time = roles.iter().position(|r| *r == Role::Date)?;
    Some((id, time))
}

/// A response's key: its id and its time, both filled.
pub(super) fn key(id: &str, time: &str) -> Option<u64> {
    let (id, time) = (id.trim(), time.trim());
    if id.is_empty() || time.is_empty() {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    (id, time).hash(&mut hasher);
    Some(hasher.finish())
}

/// Responses a file holds more than once (the same id and time: a response exported twice):
/// how many repeats, and the line of the first repeat.
fn repeated(keys: &[(u64, u64)]) -> Option<(usize, u64)> {
    let mut sorted: Vec<(u64, u64)> = keys.to_vec();
    sorted.sort_unstable();
    let repeats = sorted.windows(2).filter(|pair| matches!(pair, [a, b] if a.0 == b.0));
    let (count, line) = repeats.fold((0usize, u64::MAX), |(count, line), pair| {
        (count + 1, line.min(pair.get(1).map_or(u64::MAX, |later| later.1)))
    });
    (count > 0).then_some((count, line))
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
        keys: Vec<(u64, u64)>,
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
        for &(key, line) in &keys {
            let Some(&earlier) = self.first.get(&key).filter(|&&f| f != index) else {
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
            for (key, _) in keys {
                self.first.entry(key).or_insert(index);
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
        let keys = |ids: &[&str], time: &str| -> Vec<(u64, u64)> {
            ids.iter()
                .enumerate()
                .filter_map(|(i, id)| key(id, time).map(|k| (k, i as u64 + 2)))
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
