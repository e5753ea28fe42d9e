//! From files to a [`Dataset`]: sniff the encoding and separator, map the columns to roles,
//! read every row, and report what was found and what is wrong, with file, line and column.

pub mod columns;
pub(crate) mod companions;
pub mod labels;
pub mod likert;
mod lines;
mod merged;
pub mod problems;
mod profile;
mod quoted;
mod reader;
mod responses;
pub mod roles;
mod rows;
mod scale;
pub mod sniff;
mod source;
pub mod tools;
mod transcode;
pub mod values;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use columns::Role;
pub use companions::{beside, read_rows};
pub use labels::{Labels, Structure};
pub use likert::{Answer, DecimalMark};
pub use problems::{Problem, ProblemKind, Severity};
pub use roles::RoleReason;
pub use sniff::TextEncoding;
pub use source::FileBytes;
pub use tools::Tool;

use crate::dataset::{Dataset, DatasetBuilder};
use crate::dates::DateOrder;
use crate::plan::Plan;

/// What the user may decide about an import; the defaults guess everything.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    pub decimal_mark: DecimalMark,
    /// A role for a column, by its header (or its question text), overriding the guess (in
    /// every file).
    pub role_overrides: BTreeMap<String, Role>,
    /// Answers that mean "don't know" besides the known labels, e.g. a code "6".
    pub dont_know: Vec<String>,
    /// What the codes of coded columns stand for (`--labels`); lists found beside a file
    /// are added to these.
    pub labels: Labels,
    /// Which municipality is in which wave, and when each wave began.
    pub plan: Option<Plan>,
    /// The day-month order of dates that cannot tell it themselves.
    pub date_order: Option<DateOrder>,
    /// What the user answered for files of a layout before, by [`layout_key`]: next week's
    /// export of the same survey is read the same way without asking again.
    pub remembered: BTreeMap<String, LayoutAnswers>,
    /// For tests of the fast paths: read every text with one csv reader from start to end,
    /// the way the parallel readers must match.
    #[doc(hidden)]
    #[serde(skip)]
    pub one_reader: bool,
}

/// The answers about one file layout that a file cannot hold itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayoutAnswers {
    pub role_overrides: BTreeMap<String, Role>,
    pub dont_know: Vec<String>,
    pub date_order: Option<DateOrder>,
    pub labels: Labels,
}

impl LayoutAnswers {
    pub fn is_empty(&self) -> bool {
        *self == LayoutAnswers::default()
    }
}

impl ImportOptions {
    /// These options with the answers remembered for a layout added; what is given now wins.
    pub fn for_layout(&self, key: &str) -> std::borrow::Cow<'_, ImportOptions> {
        let Some(answers) = self.remembered.get(key) else {
            return std::borrow::Cow::Borrowed(self);
        };
        let mut options = self.clone();
        for (header, role) in &answers.role_overrides {
            options.role_overrides.entry(header.clone()).or_insert(*role);
        }
        for value in &answers.dont_know {
            if !options.dont_know.contains(value) {
                options.dont_know.push(value.clone());
            }
        }
        options.date_order = options.date_order.or(answers.date_order);
        let mut labels = answers.labels.clone();
        labels.merge(&self.labels);
        options.labels = labels;
        std::borrow::Cow::Owned(options)
    }
}

/// A file layout's name: a fingerprint of its header row (FNV-1a, stable across runs and
/// builds), so answers about it can be remembered without keeping the headers.
pub fn layout_key(headers: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in headers.iter().flat_map(|h| h.trim().bytes().chain([0x1f])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A file's contents and the name to report it by.
#[derive(Clone)]
pub struct Source {
    pub name: String,
    pub bytes: FileBytes,
}

impl Source {
    // One problem per file that cannot be read: its size costs nothing worth boxing for.
    #[allow(clippy::result_large_err)]
    pub fn read(path: &Path) -> Result<Source, Problem> {
        let name = path.display().to_string();
        // A pipe would block the read forever, a device never end: refused before opening.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(Problem::of_file(&name, ProblemKind::NotAFile));
        }
        match FileBytes::of_file(path) {
            Ok(bytes) => Ok(Source { name, bytes }),
            Err(error) => Err(Problem::of_file(
                &name,
                // The system's own words for the common cases would be in its language, not
                // the user's choice: say them ourselves.
                match error.kind() {
                    std::io::ErrorKind::NotFound => ProblemKind::NotFound,
                    std::io::ErrorKind::PermissionDenied => ProblemKind::NoAccess,
                    _ => ProblemKind::Unreadable {
                        reason: error.to_string(),
                    },
                },
            )),
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
    /// The question text a structure file gives the column.
    pub text: Option<String>,
    pub role: Role,
    /// True when the user chose the role, false when it was guessed.
    pub overridden: bool,
    pub reason: RoleReason,
}

/// The date column and how its dates read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateReport {
    pub column: String,
    /// None when no date in the column tells.
    pub order: Option<DateOrder>,
    /// Every date reads one way only (ISO, year first, or a day above 12 in each).
    pub unambiguous: bool,
}

/// What `check` prints and the import view shows for one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileReport {
    pub file: String,
    /// The survey tool whose export this is, when its headers say so.
    pub tool: Option<Tool>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// 2 for SurveyMonkey's question row + option row.
    pub header_rows: usize,
    pub date: Option<DateReport>,
    /// The labels and structure files used with this one.
    pub companions: Vec<String>,
    /// The fingerprint of the header row ([`layout_key`]); empty until the header is read.
    pub layout_key: String,
    /// True when answers remembered for this layout were used.
    pub remembered: bool,
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
    /// The lowest and highest of those weeks: 34-36 are calendar weeks, not rollout weeks.
    #[serde(skip)]
    pub(crate) weeks_outside_range: Option<(i32, i32)>,
    /// The header and the first rows as parsed, for the import view.
    pub preview: Vec<Vec<String>>,
    pub problems: usize,
    /// Municipalities the plan does not place, with their answers.
    #[serde(skip)]
    pub(crate) not_in_plan: BTreeMap<String, usize>,
    /// Without a wave column: rows under the file name's wave, and rows the plan placed in
    /// another wave than the name says.
    #[serde(skip)]
    pub(crate) named_wave_rows: (usize, usize),
    /// Numbers outside the scale by (column, value): rows and the first line.
    #[serde(skip)]
    pub(crate) codes_outside_scale: BTreeMap<(usize, String), (usize, u64)>,
    /// Each response read (response id and time hashed) and its line, to find the same
    /// responses in another file.
    #[serde(skip)]
    pub(crate) response_keys: Vec<responses::ResponseKey>,
    /// Rows with answers whose wave, week or phase cell is empty, by column: rows and the
    /// first line (a cell merged in Excel keeps its value in the top row only).
    #[serde(skip)]
    pub(crate) empty_context: BTreeMap<usize, (usize, u64)>,
    /// Rows whose week belongs to another phase than their phase column names: how many and
    /// the first line.
    #[serde(skip)]
    pub(crate) week_phase_clashes: Option<(usize, u64)>,
    /// Rows whose week column says another week than the plan gives their date (calendar
    /// weeks?): rows and the first line.
    #[serde(skip)]
    pub(crate) week_plan_clashes: Option<(usize, u64)>,
    /// Municipalities named like a test ("Test", "xxx") and the line each is first met on.
    #[serde(skip)]
    pub(crate) test_names: Vec<(String, u64)>,
    /// Responses with answers that were never completed (LimeSurvey's empty "submitdate"):
    /// how many and the first line.
    #[serde(skip)]
    pub(crate) unsubmitted: Option<(usize, u64)>,
}

impl FileReport {
    fn new(file: &str) -> FileReport {
        FileReport {
            file: file.to_string(),
            tool: None,
            sheet: None,
            header_rows: 1,
            date: None,
            companions: Vec::new(),
            layout_key: String::new(),
            remembered: false,
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
            weeks_outside_range: None,
            preview: Vec::new(),
            problems: 0,
            not_in_plan: BTreeMap::new(),
            named_wave_rows: (0, 0),
            codes_outside_scale: BTreeMap::new(),
            response_keys: Vec::new(),
            empty_context: BTreeMap::new(),
            week_phase_clashes: None,
            week_plan_clashes: None,
            test_names: Vec::new(),
            unsubmitted: None,
        }
    }
}

impl FileReport {
    /// Widens the range of weeks outside the scheme by `range`.
    pub(crate) fn note_weeks_outside(&mut self, range: Option<(i32, i32)>) {
        if let Some((low, high)) = range {
            self.weeks_outside_range = Some(match self.weeks_outside_range {
                Some((l, h)) => (l.min(low), h.max(high)),
                None => (low, high),
            });
        }
    }

    /// Adds the counts of a part of the file read apart (a chunk read on another thread).
    fn add_counts(&mut self, part: FileReport) {
        self.decimal_commas += part.decimal_commas;
        self.decimal_points += part.decimal_points;
        self.rows_read += part.rows_read;
        self.rows_rejected += part.rows_rejected;
        self.answers += part.answers;
        self.dont_know += part.dont_know;
        self.weeks_outside_scheme += part.weeks_outside_scheme;
        self.note_weeks_outside(part.weeks_outside_range);
        self.named_wave_rows.0 += part.named_wave_rows.0;
        self.named_wave_rows.1 += part.named_wave_rows.1;
        for (municipality, answers) in part.not_in_plan {
            *self.not_in_plan.entry(municipality).or_default() += answers;
        }
        self.response_keys.extend(part.response_keys);
        for (key, (rows, line)) in part.codes_outside_scale {
            let entry = self.codes_outside_scale.entry(key).or_insert((0, line));
            entry.0 += rows;
            entry.1 = entry.1.min(line);
        }
        for (mine, theirs) in [
            (&mut self.week_phase_clashes, part.week_phase_clashes),
            (&mut self.week_plan_clashes, part.week_plan_clashes),
            (&mut self.unsubmitted, part.unsubmitted),
        ] {
            if let Some((rows, line)) = theirs {
                let entry = mine.get_or_insert((0, line));
                entry.0 += rows;
                entry.1 = entry.1.min(line);
            }
        }
        for (name, line) in part.test_names {
            if !self.test_names.iter().any(|(known, _)| *known == name) {
                self.test_names.push((name, line));
            }
        }
        for (column, (rows, line)) in part.empty_context {
            let entry = self.empty_context.entry(column).or_insert((0, line));
            entry.0 += rows;
            entry.1 = entry.1.min(line);
        }
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
    /// True when nothing stops the data from being used: no problem but warnings and hints.
    pub fn is_clean(&self) -> bool {
        !self.problems.iter().any(Problem::is_error)
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

/// The files given, told apart: survey exports, and the code lists, structure files and plan
/// that go with them.
struct Given {
    /// Indices into the sources given.
    data: Vec<usize>,
    labels: Labels,
    structure: Structure,
    plan: Option<Plan>,
    companion_names: Vec<String>,
}

/// The same export: the same bytes, or the same text saved again with another encoding, a
/// byte-order mark or other line ends (Excel's "Save as" with CRLF, a tool's UTF-16).
fn same_content(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let is_text = |bytes: &[u8]| !xlsx::is_xlsx(bytes) && !xlsx::is_ole_xls(bytes);
    if !is_text(a) || !is_text(b) {
        return false;
    }
    let (a, _) = sniff::decode(a);
    let (b, _) = sniff::decode(b);
    // Line ends aside: the text without its '\r's, and without the line ends at its end.
    let (a, b) = (plain_text(&a), plain_text(&b));
    let length = |text: &str| text.len() - memchr::memchr_iter(b'\r', text.as_bytes()).count();
    length(a) == length(b) && without_returns(a).eq(without_returns(b))
}

/// A text without the line ends at its end.
fn plain_text(text: &str) -> &str {
    text.trim_end_matches(['\r', '\n'])
}

fn without_returns(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.split('\r').flat_map(str::bytes)
}

/// Sorts the files given into data and companions; the same content given twice is read once
/// and told, and companions without any data file are told.
fn sort_sources(sources: &[Source], date_order: Option<crate::dates::DateOrder>, problems: &mut Vec<Problem>) -> Given {
    let mut given = Given {
        data: Vec::new(),
        labels: Labels::default(),
        structure: Structure::default(),
        plan: None,
        companion_names: Vec::new(),
    };
    for (index, source) in sources.iter().enumerate() {
        // The same export twice (a copy, a hard link, another name) would count every answer
        // twice.
        let data = given.data.iter().filter_map(|&i| sources.get(i));
        if let Some(first) = data.clone().find(|d| same_content(&d.bytes, &source.bytes)) {
            problems.push(Problem::of_file(
                &source.name,
                ProblemKind::SameContent {
                    as_file: first.name.clone(),
                },
            ));
            continue;
        }
        match companions::classify(&source.bytes, date_order) {
            companions::Kind::Data => {
                given.data.push(index);
                continue;
            }
            companions::Kind::Labels(found) => given.labels.merge(&found),
            companions::Kind::BadPlan(error) => problems.push(Problem {
                line: Some(error.line),
                ..Problem::of_file(
                    &source.name,
                    ProblemKind::BadCompanionFile {
                        reason_da: error.message_da,
                        reason_en: error.message_en,
                    },
                )
            }),
            companions::Kind::BadLabels(error) => problems.push(Problem {
                line: Some(error.line),
                ..Problem::of_file(
                    &source.name,
                    ProblemKind::BadCompanionFile {
                        reason_da: error.message(crate::locale::Lang::Da),
                        reason_en: error.message(crate::locale::Lang::En),
                    },
                )
            }),
            companions::Kind::Structure(found) => given.structure.merge(&found),
            companions::Kind::Plan(found) => given.plan = Some(found),
        }
        given.companion_names.push(source.name.clone());
    }
    if given.data.is_empty() && !sources.is_empty() {
        problems.push(Problem::of_file(
            &given.companion_names.join(", "),
            ProblemKind::BadCompanionFile {
                reason_da: "ingen datafil: kun kodelister, strukturfiler eller en plan".into(),
                reason_en: "no data file: only code lists, structure files or a plan".into(),
            },
        ));
    }
    given
}

/// Reads the sources as one data set. Never fails: what is wrong is in `problems`, and the
/// dataset holds the rows that were good. Labels, structure and plan files among the
/// sources are used with the data, not read as data.
pub fn import_sources(sources: &[Source], options: &ImportOptions) -> Import {
    import_owned(sources.to_vec(), options)
}

/// [`import_sources`] on sources it may consume: each data file's bytes are let go once they
/// are read, or once decoded or unzipped (the text or the sheet is what is read), so a big file
/// is not held twice at the peak (issue 12).
pub fn import_owned(mut sources: Vec<Source>, options: &ImportOptions) -> Import {
    let mut builder = DatasetBuilder::default();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let Given {
        data,
        mut labels,
        structure,
        plan,
        companion_names,
    } = sort_sources(&sources, options.date_order, &mut problems);
    // The user's own list wins where both know a code.
    labels.merge(&options.labels);
    // A plan file given with the data is the one meant now: it wins over a remembered one.
    let options = ImportOptions {
        plan: plan.or_else(|| options.plan.clone()),
        ..options.clone()
    };
    let companions = reader::Companions {
        labels: &labels,
        structure: &structure,
        other_files: data.len() > 1,
    };
    let mut seen = responses::Seen::default();
    let last_data = data.last().copied();
    for index in data {
        let Some(source) = sources.get_mut(index) else { continue };
        let mut report = FileReport::new(&source.name);
        report.companions = companion_names.clone();
        let before = problems.len();
        reader::read_file(source, &options, &companions, &mut builder, &mut report, &mut problems);
        let keys = std::mem::take(&mut report.response_keys);
        let last = Some(index) == last_data;
        seen.check(&source.name, report.sheet.as_deref(), keys, last, &mut problems);
        source.bytes = FileBytes::default();
        report.problems = problems.len() - before;
        files.push(report);
    }
    // The likely causes first (a hint explains the row problems after it), then the rest by
    // weight.
    problems::sort_by_weight(&mut problems);
    let dataset = builder.finish();
    let dataset = dataset.unwrap_or_else(|error| {
        problems.push(Problem::of_file(
            "",
            ProblemKind::Unreadable {
                reason: error.to_string(),
            },
        ));
        Dataset::default()
    });
    Import {
        dataset,
        files,
        problems,
    }
}

/// Reads files from disk; a file that cannot be read is a problem like any other. A
/// SurveyXact dataset's labels and structure files are read from beside it.
pub fn import_paths(paths: &[impl AsRef<Path>], options: &ImportOptions) -> Import {
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    let mut told = Vec::new();
    let mut seen: Vec<(std::path::PathBuf, String)> = Vec::new();
    let beside: Vec<std::path::PathBuf> = paths.iter().flat_map(|p| companions::beside(p.as_ref())).collect();
    let given = paths.iter().map(|p| p.as_ref().to_path_buf());
    for (index, path) in given.chain(beside).enumerate() {
        // The same file given twice (or as Data.csv and DATA.csv on Windows, or through a link)
        // would count every answer twice. A companion found beside a data file that was given
        // too is no news; a file given twice is told.
        if let Ok(canonical) = std::fs::canonicalize(&path) {
            if let Some((_, first)) = seen.iter().find(|(known, _)| *known == canonical) {
                if index < paths.len() {
                    let name = path.display().to_string();
                    let kind = if *first == name {
                        ProblemKind::GivenTwice
                    } else {
                        ProblemKind::SameContent { as_file: first.clone() }
                    };
                    told.push(Problem::of_file(&name, kind));
                }
                continue;
            }
            seen.push((canonical, path.display().to_string()));
        }
        match Source::read(&path) {
            Ok(source) => sources.push(source),
            Err(problem) => unreadable.push(problem),
        }
    }
    let mut import = import_owned(sources, options);
    unreadable.append(&mut told);
    for problem in unreadable.iter().filter(|problem| problem.is_fatal()) {
        let mut report = FileReport::new(&problem.file);
        report.problems = 1;
        import.files.push(report);
    }
    unreadable.append(&mut import.problems);
    import.problems = unreadable;
    problems::sort_by_weight(&mut import.problems);
    import
}
