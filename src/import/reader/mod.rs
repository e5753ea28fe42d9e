//! Reading one file into the dataset builder, in stages: the header rows, a look at every
//! value of every column (the profile), the roles decided from that, the dates' order, then
//! the rows, and what the rows say of the file as a whole.

mod afterwards;
mod date_columns;
mod parallel;
mod table;
mod workbook;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use csv::ByteRecord;

use super::columns::Role;
use super::labels::{Labels, Structure};
use super::lines::trim;
use super::problems::{Problem, ProblemKind};
use super::profile::{ColumnProfile, Watch};
use super::roles::{self, Decision};
use super::rows::{FileLayout, FileSetup, RowReader};
use super::sniff::{
    TextEncoding, decode_reporting, detect_separator, has_quote, looks_binary, scan_quotes_with, walk_quotes,
};
use super::tools::{self, Tool};
use super::xlsx;
use super::{ColumnReport, FileBytes, FileReport, ImportOptions, Source};
use crate::dataset::DatasetBuilder;
use afterwards::after_reading;
use date_columns::date_orders;
use table::{Chunking, Head, MAX_COLUMNS, MAX_FIELD_BYTES, PREVIEW_ROWS, ProfileError, Rows, Table, profile_columns};

/// What other files say about a data file: the codes' texts, the variables' questions.
pub(super) struct Companions<'a> {
    pub labels: &'a Labels,
    pub structure: &'a Structure,
    /// Whether other data files are given with this one: only then are its responses' keys
    /// (id and time) worth collecting, for "the same responses in two files".
    pub other_files: bool,
}

/// The file being read: its name and sheet for the problems' places, and where its report
/// and problems go.
struct Reading<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    /// A text's separator; None in a sheet.
    separator: Option<u8>,
    report: &'a mut FileReport,
    problems: &'a mut Vec<Problem>,
}

impl Reading<'_> {
    fn problem(&self, kind: ProblemKind) -> Problem {
        Problem {
            sheet: self.sheet.map(str::to_string),
            ..Problem::of_file(self.file, kind)
        }
    }

    fn tell(&mut self, kind: ProblemKind) {
        let problem = self.problem(kind);
        self.problems.push(problem);
    }

    fn tell_too_long(&mut self, line: u64, column: usize) {
        let kind = ProblemKind::LineTooLong { limit: MAX_FIELD_BYTES };
        self.tell_at(line, Some((column + 1, String::new())), kind);
    }

    fn tell_at(&mut self, line: u64, column: Option<(usize, String)>, kind: ProblemKind) {
        let problem = Problem {
            line: Some(line),
            column,
            ..self.problem(kind)
        };
        self.problems.push(problem);
    }
}

/// The header of a file: its names (two rows joined for SurveyMonkey), and where the data
/// starts.
struct Header {
    names: Vec<String>,
    rows: usize,
    first_line: u64,
    preview: Vec<Vec<String>>,
}

/// What each column is, decided from the header and the profile of every value.
struct Columns {
    decisions: Vec<Decision>,
    roles: Vec<Role>,
    /// A question's name: its text where a structure file gives one, else its header.
    names: Vec<String>,
    profiles: Vec<ColumnProfile>,
}

pub(super) fn read_file(
    source: &mut Source,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let file = source.name.clone();
    let whole_file = |kind| Problem::of_file(&file, kind);
    if xlsx::is_ole_xls(&source.bytes) {
        problems.push(whole_file(ProblemKind::OldExcel));
        return;
    }
    if xlsx::is_xlsx(&source.bytes) {
        workbook::read_workbook(source, options, companions, builder, report, problems);
        return;
    }
    let decoded = decode_reporting(&source.bytes);
    report.encoding = Some(decoded.encoding);
    let repaired = match decoded.encoding {
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => ProblemKind::NotUtf16,
        _ => ProblemKind::NotUtf8,
    };
    for &line in &decoded.repaired_lines {
        problems.push(Problem {
            line: Some(line),
            ..whole_file(repaired.clone())
        });
    }
    let text = Text {
        file: &file,
        options,
        companions,
    };
    match decoded.text {
        Cow::Borrowed(utf8) => text.read(utf8, Some(&source.bytes), builder, report, problems),
        Cow::Owned(decoded) => {
            // Decoded into a text of its own: the bytes are not needed again.
            source.bytes = Default::default();
            text.read(&decoded, None, builder, report, problems);
        }
    }
}

/// A decoded text's file and what it is read with.
struct Text<'a> {
    file: &'a str,
    options: &'a ImportOptions,
    companions: &'a Companions<'a>,
}

impl Text<'_> {
    /// Reads `text`; `bytes` are the file's when the text is them.
    fn read(
        &self,
        text: &str,
        bytes: Option<&FileBytes>,
        builder: &mut DatasetBuilder,
        report: &mut FileReport,
        problems: &mut Vec<Problem>,
    ) {
        let (file, options) = (self.file, self.options);
        let whole_file = |kind| Problem::of_file(file, kind);
        if text.trim().is_empty() {
            problems.push(whole_file(ProblemKind::Empty));
            return;
        }
        if looks_binary(text) {
            problems.push(whole_file(ProblemKind::Binary));
            return;
        }
        let separator = detect_separator(text);
        report.separator = Some(separator as char);
        // Big exports have no quote at all: one scan tells, and both the check below and the
        // choice of reader use it.
        let quoted = has_quote(text);
        // Old Mac files end lines with a bare '\r', which only the csv reader knows.
        let first_break = text.find(['\r', '\n']).and_then(|at| text.get(at..));
        let lines_end_in_newline = first_break.is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"));
        // One pass over the quotes finds a quote that swallows rows, and where a quoted file may
        // be cut for threads.
        let scan = quoted.then(|| {
            let threads = parallel::threads_for(text.len());
            let parts = if lines_end_in_newline {
                threads * parallel::CHUNKS_PER_THREAD
            } else {
                1
            };
            scan_quotes_with(text, separator, parts, |spans| {
                parallel::read_chunks(spans, threads, |&(from, stop)| {
                    walk_quotes(text.as_bytes(), from, stop, separator)
                })
            })
        });
        if let Some((line, column)) = scan.as_ref().and_then(|scan| scan.unclosed) {
            let header = first_record(text, separator).and_then(|h| h.into_iter().nth(column - 1));
            problems.push(Problem {
                line: Some(line),
                column: Some((column, header.unwrap_or_default())),
                ..whole_file(ProblemKind::UnclosedQuote)
            });
            return;
        }
        let chunking = match scan {
            _ if !lines_end_in_newline || options.one_reader => Chunking::Whole,
            Some(scan) => Chunking::AtCuts(scan.cuts),
            None => Chunking::Lines,
        };
        let table = Table::Text {
            text,
            separator,
            chunking,
            file: bytes,
        };
        read_table(&table, file, options, self.companions, builder, report, problems);
    }
}

fn first_record(text: &str, separator: u8) -> Option<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = ByteRecord::new();
    matches!(reader.read_byte_record(&mut record), Ok(true)).then(|| header_names(&record))
}

fn read_table(
    table: &Table,
    file: &str,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let mut reading = Reading {
        file,
        sheet: table.sheet(),
        separator: table.separator(),
        report,
        problems,
    };
    let Some(header) = read_header(table, &mut reading) else {
        return;
    };
    let report = &mut reading.report;
    report.tool = tools::recognise(&header.names);
    report.header_rows = header.rows;
    report.layout_key = super::layout_key(&header.names);
    report.remembered = options.remembered.contains_key(&report.layout_key);
    // What the user answered for this layout before counts like what is given now.
    let options = options.for_layout(&report.layout_key);
    let options = options.as_ref();
    let merged_labels;
    let companions = if options.labels.is_empty() {
        companions
    } else {
        let mut labels = companions.labels.clone();
        labels.merge(&options.labels);
        merged_labels = (labels, companions.structure);
        &Companions {
            labels: &merged_labels.0,
            structure: merged_labels.1,
            other_files: companions.other_files,
        }
    };
    if read_in_one_pass(table, &header, options, companions, builder, &mut reading) {
        return;
    }
    let Some(columns) = decide_columns(table, &header, options, companions, &mut reading) else {
        return;
    };
    let date_needed = dates_needed(&columns.roles, options);
    let Some(dates) = date_orders(&columns, &header.names, options, date_needed, &mut reading) else {
        return;
    };
    let setup = file_setup(&reading, &header, &columns, companions, options, dates, date_needed);
    read_rows(table, header.first_line, &setup, builder, &mut reading);
    after_reading(&setup, &mut reading);
}

/// Rows looked at to guess a big file's roles before its one pass.
const GUESS_ROWS: u64 = 2_000;

/// A big text read once: the roles guessed from its first rows, every row read and every value
/// profiled in the same pass on every core, then the guess checked against the whole file's
/// profile. A right guess keeps what was read; a wrong one (a question asked only in later
/// rows) reads the file again with the roles of the whole file. False when the file is not
/// read this way (small, a workbook, no guess): the caller reads it in two passes.
fn read_in_one_pass(
    table: &Table,
    header: &Header,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    reading: &mut Reading,
) -> bool {
    if !matches!(table, Table::Text { .. }) {
        return false;
    }
    let Some(data) = table
        .data_chunks(header.first_line, parallel::CHUNKS_PER_THREAD)
        .filter(|data| data.chunks.len() > 1)
    else {
        return false;
    };
    let watches = watches(&header.names, options);
    let Some(sample) = table::sample_profile(table, header.first_line, &watches, &header.names, GUESS_ROWS) else {
        return false;
    };
    // The guess is made quietly: what it would report is reported from the whole file.
    let mut scratch_report = FileReport::new(reading.file);
    scratch_report.tool = reading.report.tool;
    let mut scratch_problems = Vec::new();
    let mut scratch = Reading {
        file: reading.file,
        sheet: reading.sheet,
        separator: reading.separator,
        report: &mut scratch_report,
        problems: &mut scratch_problems,
    };
    let Some(guess) = columns_from(sample, header, options, companions, &mut scratch) else {
        return false;
    };
    let guess_needed = dates_needed(&guess.roles, options);
    let Some(guess_dates) = date_orders(&guess, &header.names, options, guess_needed, &mut scratch) else {
        return false;
    };
    let guess_setup = file_setup(
        reading,
        header,
        &guess,
        companions,
        options,
        guess_dates.clone(),
        guess_needed,
    );
    let mut chunks = parallel::read_chunks_of(&data, &guess_setup, Some(&watches));
    let profiles = match parallel::merged_profile(&mut chunks, data.header_lines, header.names.len()) {
        Ok(profiles) => profiles,
        Err((line, column)) => {
            reading.tell_too_long(line, column);
            return true;
        }
    };
    let Some(columns) = columns_from(profiles, header, options, companions, reading) else {
        return true;
    };
    let needed = dates_needed(&columns.roles, options);
    let Some(dates) = date_orders(&columns, &header.names, options, needed, reading) else {
        return true;
    };
    let setup = file_setup(reading, header, &columns, companions, options, dates.clone(), needed);
    if columns.roles == guess.roles && columns.names == guess.names && dates == guess_dates && needed == guess_needed {
        let labels = parallel::join_chunks(chunks, reading.file, builder, reading.report, reading.problems);
        set_labels(reading.report, labels);
    } else {
        drop(chunks);
        read_rows(table, header.first_line, &setup, builder, reading);
    }
    after_reading(&setup, reading);
    true
}

/// The weeks come from the dates only with a plan of the waves' start dates, and no week or
/// phase column.
fn dates_needed(roles: &[Role], options: &ImportOptions) -> bool {
    let has = |role: Role| roles.contains(&role);
    !has(Role::Week) && !has(Role::Phase) && options.plan.as_ref().is_some_and(|p| p.has_starts())
}

fn file_setup<'a>(
    reading: &Reading<'a>,
    header: &'a Header,
    columns: &'a Columns,
    companions: &Companions<'a>,
    options: &'a ImportOptions,
    dates: Vec<(usize, Option<crate::dates::DateOrder>)>,
    date_needed: bool,
) -> FileSetup<'a> {
    FileSetup {
        file: reading.file,
        sheet: reading.sheet,
        headers: &header.names,
        names: &columns.names,
        roles: &columns.roles,
        codes: header.names.iter().map(|h| companions.labels.column(h)).collect(),
        dont_know: &options.dont_know,
        dates,
        date_needed,
        plan: options.plan.as_ref(),
        decimal_mark: options.decimal_mark,
        separator: reading.separator,
        // Always: a response given twice in one file counts twice as surely as in two.
        identity: super::responses::identity(&header.names, &columns.roles),
        wave_from_name: (!columns.roles.contains(&Role::Wave))
            .then(|| crate::plan::wave_in_file_name(reading.file))
            .flatten(),
    }
}

/// The answer labels met, in scale order, into the report.
fn set_labels(report: &mut FileReport, labels: std::collections::HashMap<String, Option<f64>>) {
    report.labels = labels.into_iter().collect();
    report.labels.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
}

/// The header rows, checked: none at all, a field past the limit, nothing after the header,
/// too many columns.
fn read_header(table: &Table, reading: &mut Reading) -> Option<Header> {
    let mut head = Head::default();
    // The csv reader stops as soon as the head is read; the line splitter would not.
    if let Err((line, reason)) = table.without_line_splitting().walk(&mut head) {
        reading.tell_at(line, None, ProblemKind::Unreadable { reason });
        return None;
    }
    if let Some((line, column)) = head.too_long {
        reading.tell_at(
            line,
            Some((column + 1, String::new())),
            ProblemKind::LineTooLong { limit: MAX_FIELD_BYTES },
        );
        return None;
    }
    // A title line above the header is passed over, and said.
    let titles = head.title_rows();
    if let Some((_, line, _)) = head.records.get(titles).filter(|_| titles > 0) {
        reading.tell_at(*line, None, ProblemKind::TitleAboveHeader { lines: titles });
    }
    head.records.drain(..titles);
    let Some((_, _, first_row)) = head.records.first().cloned() else {
        reading.tell(ProblemKind::Empty);
        return None;
    };
    // SurveyMonkey's second header row names each column's option under its question.
    let second = head.records.get(1).map(|(_, _, fields)| fields);
    let (raw, rows) = match second {
        Some(second)
            if tools::is_second_header_row(second)
                && (tools::recognise(&first_row) == Some(Tool::SurveyMonkey)
                    || first_row.iter().any(String::is_empty)) =>
        {
            (tools::join_header_rows(&first_row, second), 2)
        }
        _ => (first_row, 1),
    };
    let names = unique_names(&raw);
    let Some(first_line) = head.records.get(rows).map(|(_, line, _)| *line) else {
        reading.tell(ProblemKind::HeaderOnly);
        return None;
    };
    if names.len() > MAX_COLUMNS {
        reading.tell(ProblemKind::TooManyColumns {
            columns: names.len(),
            limit: MAX_COLUMNS,
        });
        return None;
    }
    let preview = std::iter::once(names.clone())
        .chain(
            head.records
                .iter()
                .skip(rows)
                .take(PREVIEW_ROWS)
                .map(|(_, _, fields)| fields.clone()),
        )
        .collect();
    Some(Header {
        names,
        rows,
        first_line,
        preview,
    })
}

/// What the profile looks at in each column: the tools' system columns are decided by name,
/// their values need not be read as answers (an override makes one a column like any other).
fn watches(headers: &[String], options: &ImportOptions) -> Vec<Watch> {
    headers
        .iter()
        .map(|header| {
            let chosen = options
                .role_overrides
                .keys()
                .any(|k| k.trim().eq_ignore_ascii_case(header.trim()));
            match tools::system_column(header) {
                _ if chosen => Watch::Everything,
                Some(tools::SystemColumn::AnswerTime { .. }) => Watch::Dates,
                Some(tools::SystemColumn::Other) => Watch::Count,
                None => Watch::Everything,
            }
        })
        .collect()
}

/// Every column's role from the profile of all its values; None when the file holds no
/// answers or cannot be read to the end.
fn decide_columns(
    table: &Table,
    header: &Header,
    options: &ImportOptions,
    companions: &Companions,
    reading: &mut Reading,
) -> Option<Columns> {
    let profiles = match profile_columns(
        table,
        header.first_line,
        &watches(&header.names, options),
        &header.names,
    ) {
        Ok(profiles) => profiles,
        Err(ProfileError::Unreadable((line, reason))) => {
            reading.tell_at(line, None, ProblemKind::Unreadable { reason });
            return None;
        }
        Err(ProfileError::TooLong((line, column))) => {
            reading.tell_too_long(line, column);
            return None;
        }
    };
    columns_from(profiles, header, options, companions, reading)
}

/// The roles the profiles give, told in the report (each column with its reason, a constant
/// column of answers, a file without answers).
fn columns_from(
    profiles: Vec<ColumnProfile>,
    header: &Header,
    options: &ImportOptions,
    companions: &Companions,
    reading: &mut Reading,
) -> Option<Columns> {
    let headers = &header.names;
    let texts: Vec<Option<String>> = headers
        .iter()
        .map(|h| companions.structure.text(h).map(str::to_string))
        .collect();
    let decisions = roles::decide(
        headers,
        &texts,
        &profiles,
        companions.labels,
        options,
        reading.separator,
    );
    let roles: Vec<Role> = decisions.iter().map(|d| d.role).collect();
    let names: Vec<String> = headers
        .iter()
        .zip(&texts)
        .map(|(header, text)| text.clone().unwrap_or_else(|| header.clone()))
        .collect();
    reading.report.columns = column_reports(headers, &texts, &decisions);
    reading.report.preview = header.preview.clone();
    for ((index, decision), header) in decisions.iter().enumerate().zip(headers) {
        let kind = match &decision.reason {
            roles::RoleReason::Constant { value }
                if super::likert::is_on_scale(value) && tools::system_column(header).is_none() =>
            {
                ProblemKind::ConstantColumn { value: value.clone() }
            }
            roles::RoleReason::OtherScale { range } => ProblemKind::OtherScaleColumn { range: range.clone() },
            roles::RoleReason::Computed => ProblemKind::ComputedColumn,
            // The first column of a role wins: said, as the other may be the one meant ("Hvilket
            // rul var jeres nabokommune med i?" before "Hvilket rul er I med i?").
            roles::RoleReason::Duplicate { role }
                if matches!(role, Role::Wave | Role::Week | Role::Phase | Role::Municipality) =>
            {
                let Some(first) = decisions
                    .iter()
                    .position(|d| d.role == *role)
                    .and_then(|i| headers.get(i))
                else {
                    continue;
                };
                ProblemKind::SecondColumnOfRole {
                    role: *role,
                    used: first.clone(),
                }
            }
            _ if matches!(decision.role, Role::QuestionColumn | Role::Score)
                && companions.labels.column(header).is_none()
                && super::scale::reversed_by_words(names.get(index).map_or(header.as_str(), String::as_str)) =>
            {
                ProblemKind::ReversedByWords
            }
            roles::RoleReason::Count => ProblemKind::NotScores { ranking: false },
            roles::RoleReason::Ranking => ProblemKind::NotScores { ranking: true },
            roles::RoleReason::NotOnScale if companions.labels.column(header).is_none() => {
                let values = profiles.get(index).map(|p| p.distinct.iter().map(|(t, _)| t.as_str()));
                match values.and_then(super::scale::answer_codes) {
                    Some(example) => ProblemKind::AnswerCodes {
                        example: example.to_string(),
                    },
                    None => continue,
                }
            }
            _ if matches!(decision.role, Role::QuestionColumn | Role::Score)
                && companions.labels.column(header).is_none() =>
            {
                let Some(profile) = profiles.get(index) else { continue };
                let values = || profile.distinct.iter().map(|(t, n)| (t.as_str(), *n));
                if let Some((high, answers)) = super::scale::narrow(values()) {
                    ProblemKind::FewScalePoints {
                        high: high.to_string(),
                        answers,
                    }
                } else if let Some(answers) = super::scale::no_middle(values()).filter(|_| profile.overflow == 0) {
                    ProblemKind::NoMiddleAnswer { answers }
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        let problem = Problem {
            column: Some((index + 1, header.clone())),
            ..reading.problem(kind)
        };
        reading.problems.push(problem);
    }
    let Some(layout) = FileLayout::layout(&roles) else {
        reading.tell(ProblemKind::NoAnswerColumns);
        return None;
    };
    reading.report.layout = Some(layout);
    Some(Columns {
        decisions,
        roles,
        names,
        profiles,
    })
}

/// The rows into the builder: a quote-free text in parallel line chunks, the rest record by
/// record. The answer labels met go to the report.
fn read_rows(table: &Table, first_line: u64, setup: &FileSetup, builder: &mut DatasetBuilder, reading: &mut Reading) {
    let chunked = table.data_chunks(first_line, parallel::CHUNKS_PER_THREAD);
    let labels = match chunked {
        Some(data) => parallel::read_chunks_in_parallel(&data, setup, builder, reading.report, reading.problems),
        None => {
            let mut rows = Rows {
                first_line,
                reader: RowReader::new(setup, builder),
                report: reading.report,
                problems: reading.problems,
            };
            let walked = table.walk(&mut rows);
            let labels = rows.reader.labels;
            if let Err((line, reason)) = walked {
                reading.tell_at(line, None, ProblemKind::Unreadable { reason });
            }
            labels
        }
    };
    set_labels(reading.report, labels);
}

fn column_reports(headers: &[String], texts: &[Option<String>], decisions: &[Decision]) -> Vec<ColumnReport> {
    headers
        .iter()
        .zip(texts)
        .zip(decisions)
        .map(|((header, text), decision)| ColumnReport {
            header: header.clone(),
            text: text.clone(),
            role: decision.role,
            overridden: decision.reason == roles::RoleReason::Chosen,
            reason: decision.reason.clone(),
        })
        .collect()
}

fn header_names(record: &ByteRecord) -> Vec<String> {
    let raw: Vec<String> = record
        .iter()
        .map(|raw| String::from_utf8_lossy(raw).trim().to_string())
        .collect();
    unique_names(&raw)
}

/// Headers as names: an empty one is "Kolonne N", and two columns with one header are
/// numbered, or they would be one column after the import.
fn unique_names(raw: &[String]) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::with_capacity(raw.len());
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    let mut next_number: BTreeMap<String, usize> = BTreeMap::new();
    for (i, name) in raw.iter().enumerate() {
        let name = name.trim();
        let name = if name.is_empty() {
            format!("Kolonne {}", i + 1)
        } else {
            name.to_string()
        };
        let mut unique = name.clone();
        while seen.contains(&unique) {
            let n = next_number.entry(name.clone()).or_insert(2);
            unique = format!("{name} ({n})");
            *n += 1;
        }
        seen.insert(unique.clone());
        names.push(unique);
    }
    names
}

pub(super) fn field(record: &ByteRecord, index: usize) -> &str {
    trim(
        record
            .get(index)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or(""),
    )
}
