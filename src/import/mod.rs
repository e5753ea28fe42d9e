//! From files to a [`Dataset`]: sniff the encoding and separator, map the columns to roles,
//! read every row, and report what was found and what is wrong, with file, line and column.

pub mod columns;
pub mod likert;
mod lines;
pub mod problems;
mod reader;
mod rows;
pub mod sniff;
mod source;
pub mod values;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use columns::Role;
pub use likert::{Answer, DecimalMark};
pub use problems::{Problem, ProblemKind};
pub use sniff::TextEncoding;

use crate::dataset::{Dataset, DatasetBuilder};

/// What the user may decide about an import; the defaults guess everything.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    pub decimal_mark: DecimalMark,
    /// A role for a column, by its header, overriding the guess (in every file).
    pub role_overrides: BTreeMap<String, Role>,
}

/// A file's contents and the name to report it by.
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Source {
    pub fn read(path: &Path) -> Result<Source, Problem> {
        let name = path.display().to_string();
        match source::read_whole_file(path) {
            Ok(bytes) => Ok(Source { name, bytes }),
            Err(error) => Err(Problem {
                file: name,
                line: None,
                column: None,
                // The system's own words for the common cases would be in its language, not
                // the user's choice: say them ourselves.
                kind: match error.kind() {
                    std::io::ErrorKind::NotFound => ProblemKind::NotFound,
                    std::io::ErrorKind::PermissionDenied => ProblemKind::NoAccess,
                    _ => ProblemKind::Unreadable {
                        reason: error.to_string(),
                    },
                },
            }),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Layout {
    /// One column per question.
    Wide,
    /// A question column and a score column.
    Long,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnReport {
    pub header: String,
    pub role: Role,
    /// True when the user chose the role, false when it was guessed.
    pub overridden: bool,
}

/// What `check` prints and the import view shows for one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileReport {
    pub file: String,
    pub encoding: Option<TextEncoding>,
    pub separator: Option<char>,
    /// How many numbers were written with a decimal comma and with a decimal point.
    pub decimal_commas: usize,
    pub decimal_points: usize,
    pub layout: Option<Layout>,
    pub columns: Vec<ColumnReport>,
    /// The answer labels met (not numbers), with their values; None is "don't know".
    pub labels: Vec<(String, Option<f64>)>,
    pub rows_read: usize,
    pub rows_rejected: usize,
    pub answers: usize,
    pub dont_know: usize,
    /// Answers whose week lies outside the phase scheme (weeks 1-5).
    pub weeks_outside_scheme: usize,
    /// The header and the first rows as parsed, for the import view.
    pub preview: Vec<Vec<String>>,
    pub problems: usize,
}

impl FileReport {
    fn new(file: &str) -> FileReport {
        FileReport {
            file: file.to_string(),
            encoding: None,
            separator: None,
            decimal_commas: 0,
            decimal_points: 0,
            layout: None,
            columns: Vec::new(),
            labels: Vec::new(),
            rows_read: 0,
            rows_rejected: 0,
            answers: 0,
            dont_know: 0,
            weeks_outside_scheme: 0,
            preview: Vec::new(),
            problems: 0,
        }
    }
}

impl FileReport {
    /// Adds the counts of a part of the file read apart (a chunk read on another thread).
    fn add_counts(&mut self, part: &FileReport) {
        self.decimal_commas += part.decimal_commas;
        self.decimal_points += part.decimal_points;
        self.rows_read += part.rows_read;
        self.rows_rejected += part.rows_rejected;
        self.answers += part.answers;
        self.dont_know += part.dont_know;
        self.weeks_outside_scheme += part.weeks_outside_scheme;
    }
}

/// The result of reading one or more files as one data set.
pub struct Import {
    /// The good rows of every file.
    pub dataset: Dataset,
    pub files: Vec<FileReport>,
    pub problems: Vec<Problem>,
}

impl Import {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Problems that make a whole file unusable: these fail the import even when invalid
    /// rows may be skipped.
    pub fn has_fatal_problems(&self) -> bool {
        self.problems.iter().any(Problem::is_fatal)
    }

    pub fn rows_rejected(&self) -> usize {
        self.files.iter().map(|f| f.rows_rejected).sum()
    }
}

/// Reads the sources as one data set. Never fails: what is wrong is in `problems`, and the
/// dataset holds the rows that were good.
pub fn import_sources(sources: &[Source], options: &ImportOptions) -> Import {
    let mut builder = DatasetBuilder::default();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for source in sources {
        let mut report = FileReport::new(&source.name);
        let before = problems.len();
        reader::read_file(source, options, &mut builder, &mut report, &mut problems);
        report.problems = problems.len() - before;
        files.push(report);
    }
    let dataset = builder.finish();
    let dataset = dataset.unwrap_or_else(|error| {
        problems.push(Problem {
            file: String::new(),
            line: None,
            column: None,
            kind: ProblemKind::Unreadable {
                reason: error.to_string(),
            },
        });
        Dataset::default()
    });
    Import {
        dataset,
        files,
        problems,
    }
}

/// Reads files from disk; a file that cannot be read is a problem like any other.
pub fn import_paths(paths: &[impl AsRef<Path>], options: &ImportOptions) -> Import {
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    let mut seen = Vec::new();
    for path in paths {
        // The same file given twice (or as Data.csv and DATA.csv on Windows) would count every
        // answer twice.
        if let Ok(canonical) = std::fs::canonicalize(path.as_ref()) {
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical);
        }
        match Source::read(path.as_ref()) {
            Ok(source) => sources.push(source),
            Err(problem) => unreadable.push(problem),
        }
    }
    let mut import = import_sources(&sources, options);
    for problem in &unreadable {
        let mut report = FileReport::new(&problem.file);
        report.problems = 1;
        import.files.push(report);
    }
    unreadable.append(&mut import.problems);
    import.problems = unreadable;
    import
}
