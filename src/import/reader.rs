//! Reading one file into the dataset builder: the rows, their roles, their problems.

use std::collections::HashMap;

use csv::{ByteRecord, StringRecord};

use super::columns::{Role, role_from_header};
use super::likert::{is_dont_know, is_on_scale};
use super::problems::{Problem, ProblemKind};

use super::lines::{split_at_line_ends, trim};
use super::rows::{FileLayout, LineCounter, RowReader, SplitLine};
use super::sniff::{decode, detect_separator, find_unclosed_quote, has_quote, looks_binary};
use super::{ColumnReport, FileReport, ImportOptions, Source};
use crate::dataset::DatasetBuilder;

/// Rows looked at to tell a wide file's question columns from its other columns.
const ROLE_SAMPLE_ROWS: usize = 500;
const PREVIEW_ROWS: usize = 10;
/// Header words of identifier columns: numbers that may look like scores in a short sample,
/// and no category anyone breaks a mean down by.
const IDENTIFIER_WORDS: [&str; 7] = [
    "id",
    "respondent",
    "respondentid",
    "nr",
    "nummer",
    "løbenr",
    "løbenummer",
];

pub(super) fn read_file(
    source: &Source,
    options: &ImportOptions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let file = source.name.as_str();
    let whole_file_problem = |kind: ProblemKind| Problem {
        file: file.to_string(),
        line: None,
        column: None,
        kind,
    };
    let (text, encoding) = decode(&source.bytes);

    report.encoding = Some(encoding);
    if text.trim().is_empty() {
        problems.push(whole_file_problem(ProblemKind::Empty));
        return;
    }
    if looks_binary(&text) {
        problems.push(whole_file_problem(ProblemKind::Binary));
        return;
    }
    let separator = detect_separator(&text);
    report.separator = Some(separator as char);

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = ByteRecord::new();
    if !matches!(reader.read_byte_record(&mut record), Ok(true)) {
        problems.push(whole_file_problem(ProblemKind::Empty));
        return;
    }
    let headers = header_names(&record);
    // Big exports have no quote at all: one scan tells, and both the check below and the
    // choice of reader further down use it.
    let quoted = has_quote(&text);
    if quoted && let Some((line, column)) = find_unclosed_quote(&text, separator) {
        problems.push(Problem {
            file: file.to_string(),
            line: Some(line),
            column: Some((column, headers.get(column - 1).cloned().unwrap_or_default())),
            kind: ProblemKind::UnclosedQuote,
        });
        return;
    }

    // The first rows decide the roles of columns whose header says nothing.
    let mut sample = Vec::new();
    while sample.len() < ROLE_SAMPLE_ROWS {
        match reader.read_byte_record(&mut record) {
            Ok(true) if is_blank(&record) => continue,
            Ok(true) => sample.push(record.clone()),
            _ => break,
        }
    }
    if sample.is_empty() {
        problems.push(whole_file_problem(ProblemKind::HeaderOnly));
        return;
    }
    let roles = assign_roles(&headers, &sample, options);
    report.columns = headers
        .iter()
        .zip(&roles)
        .map(|(header, (role, overridden))| ColumnReport {
            header: header.clone(),
            role: *role,
            overridden: *overridden,
        })
        .collect();
    report.preview = std::iter::once(headers.clone())
        .chain(
            sample
                .iter()
                .take(PREVIEW_ROWS)
                .map(|r| (0..r.len()).map(|i| field(r, i).to_string()).collect()),
        )
        .collect();
    // A scratch builder: the layout is only checked here; the rows' reader makes its own.
    let Some(layout) = FileLayout::new(&headers, &roles, &mut DatasetBuilder::default()) else {
        problems.push(whole_file_problem(ProblemKind::NoAnswerColumns));
        return;
    };
    report.layout = Some(layout.layout());

    // Without a single quote in the file, every line is a record and every separator splits
    // fields: the lines can be read in parallel, a chunk per core. Big exports are like that.
    // Old Mac files end lines with a bare '\r', which only the csv reader knows.
    let first_break = text.find(['\r', '\n']).and_then(|at| text.get(at..));
    let lines_end_in_newline = first_break.is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"));
    let labels = if quoted || !lines_end_in_newline {
        // The record reader writes to the data set directly: its layout names the data set's ids.
        let layout = FileLayout::new(&headers, &roles, builder).unwrap_or(layout);
        read_records(
            reader, &sample, &text, file, &headers, layout, options, builder, report, problems,
        )
    } else {
        let data = text.find('\n').and_then(|end| text.get(end + 1..)).unwrap_or("");
        read_lines_in_parallel(
            data,
            separator,
            layout.answers_per_row(),
            file,
            &headers,
            &roles,
            options,
            builder,
            report,
            problems,
        )
    };
    report.labels = labels.into_iter().collect();
    report.labels.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
}

/// The csv reader's way, for files with quoted fields: in order, one record at a time.
#[allow(clippy::too_many_arguments)]
fn read_records(
    mut reader: csv::Reader<&[u8]>,
    sample: &[ByteRecord],
    text: &str,
    file: &str,
    headers: &[String],
    layout: FileLayout,
    options: &ImportOptions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) -> HashMap<String, Option<f64>> {
    let mut lines = LineCounter::new(text);
    let mut line_at = |position: Option<&csv::Position>| lines.line_at(position.map_or(0, |p| p.byte()));
    let mut rows = RowReader::new(file, headers, layout, options.decimal_mark, builder);
    for row in sample {
        rows.read(row, line_at(row.position()), report, problems);
    }
    // The rest as text records: the reader checks a record's UTF-8 once, not field by field.
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) if record.iter().all(|f| f.bytes().all(|b| b.is_ascii_whitespace())) => continue,
            Ok(true) => rows.read(&record, line_at(record.position()), report, problems),
            Ok(false) => break,
            Err(error) => {
                problems.push(Problem {
                    file: file.to_string(),
                    line: error.position().map(|p| p.line()),
                    column: None,
                    kind: ProblemKind::Unreadable {
                        reason: error.to_string(),
                    },
                });
                break;
            }
        }
    }
    rows.labels
}

/// What one thread made of its chunk of lines.
struct Chunk {
    builder: DatasetBuilder,
    report: FileReport,
    problems: Vec<Problem>,
    labels: HashMap<String, Option<f64>>,
    lines: u64,
}

/// Reads the lines after the header, split into a chunk per core at line ends; the chunks'
/// rows are then appended in order, so row order, first appearances and line numbers are
/// as if read in one go.
#[allow(clippy::too_many_arguments)]
fn read_lines_in_parallel(
    data: &str,
    separator: u8,
    answers_per_row: usize,
    file: &str,
    headers: &[String],
    roles: &[(Role, bool)],
    options: &ImportOptions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) -> HashMap<String, Option<f64>> {
    let threads = if data.len() < PARALLEL_FROM_BYTES {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
    };
    // More chunks than threads: a thread that is done takes the next, so one slow thread
    // (a core shared with another program) does not hold up the rest.
    let parts = if threads > 1 { threads * CHUNKS_PER_THREAD } else { 1 };
    let chunks: Vec<&str> = split_at_line_ends(data.as_bytes(), parts)
        .into_iter()
        .filter_map(|range| data.get(range))
        .collect();
    let bytes_per_line = bytes_per_line(data);
    let read_chunk = |chunk: &str| -> Chunk {
        // Room for about as many rows as the chunk has lines: the columns then grow once or
        // not at all, and room never used is never touched (no memory is spent on it).
        let lines_in_chunk = chunk.len() / bytes_per_line + chunk.len() / bytes_per_line / 8 + 16;
        let mut builder = DatasetBuilder::with_capacity(lines_in_chunk * answers_per_row);
        let mut report = FileReport::new(file);
        let mut problems = Vec::new();
        let mut labels = HashMap::new();
        let mut lines = 0u64;
        // The header is line 1; a chunk's lines count from its start and are moved on when
        // the chunks are joined.
        if let Some(layout) = FileLayout::new(headers, roles, &mut builder) {
            let mut rows = RowReader::new(file, headers, layout, options.decimal_mark, &mut builder);
            super::lines::for_each_line(chunk, separator, |fields| {
                lines += 1;
                if fields.iter().any(|f| !f.is_empty()) {
                    rows.read(&SplitLine { fields }, lines + 1, &mut report, &mut problems);
                }
            });
            labels = rows.labels;
        }
        Chunk {
            builder,
            report,
            problems,
            labels,
            lines,
        }
    };
    let results = read_chunks(&chunks, threads, read_chunk);

    let file_id = builder.add_file(file);
    let mut labels = HashMap::new();
    let mut lines_before = 0u64;
    for chunk in results {
        // The chunks' rows become parts of the data set as they are: nothing is copied.
        if let Err(error) = builder.append(chunk.builder, file_id, lines_before as u32) {
            problems.push(Problem {
                file: file.to_string(),
                line: None,
                column: None,
                kind: ProblemKind::Unreadable {
                    reason: error.to_string(),
                },
            });
            continue;
        }
        report.add_counts(&chunk.report);
        problems.extend(chunk.problems.into_iter().map(|mut problem| {
            problem.line = problem.line.map(|line| line + lines_before);
            problem
        }));
        labels.extend(chunk.labels);
        lines_before += chunk.lines;
    }
    labels
}

/// Each chunk read by `read_chunk` on up to `threads` threads; the results in chunk order.
fn read_chunks<'a, T: Send>(chunks: &[&'a str], threads: usize, read_chunk: impl Fn(&'a str) -> T + Sync) -> Vec<T> {
    if threads <= 1 || chunks.len() <= 1 {
        return chunks.iter().map(|chunk| read_chunk(chunk)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(chunks.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(index) else { break };
                        done.push((index, read_chunk(chunk)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(done) => done,
                // A bug, not bad input: losing a chunk's rows silently would be worse.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// The average length of the first lines (at least one byte).
fn bytes_per_line(text: &str) -> usize {
    let head = text.as_bytes().get(..64 * 1024).unwrap_or(text.as_bytes());
    let lines = memchr::memchr_iter(b'\n', head).count().max(1);
    (head.len() / lines).max(1)
}

/// Files smaller than this are read on one thread: starting threads would cost more.
const PARALLEL_FROM_BYTES: usize = 1 << 20;
const CHUNKS_PER_THREAD: usize = 4;
/// Past this many cores a file's lines are read by this many threads.
const MAX_THREADS: usize = 32;

fn header_names(record: &ByteRecord) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(record.len());
    for (i, raw) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(raw).trim().to_string();
        let name = if name.is_empty() {
            format!("Kolonne {}", i + 1)
        } else {
            name
        };
        // Two columns with one header would be one column after the import: number them.
        let mut unique = name.clone();
        let mut n = 2;
        while names.contains(&unique) {
            unique = format!("{name} ({n})");
            n += 1;
        }
        names.push(unique);
    }
    names
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

pub(super) fn field(record: &ByteRecord, index: usize) -> &str {
    trim(
        record
            .get(index)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or(""),
    )
}

/// Roles from overrides, then header words, then (for the rest) the values: a column mostly
/// holding answers on the scale is a question of a wide file.
fn assign_roles(headers: &[String], sample: &[ByteRecord], options: &ImportOptions) -> Vec<(Role, bool)> {
    let mut roles: Vec<(Option<Role>, bool)> = headers
        .iter()
        .map(|header| match options.role_overrides.get(header) {
            Some(role) => (Some(*role), true),
            None => (role_from_header(header), false),
        })
        .collect();
    // Roles that one column holds: the first column with the role keeps it.
    let single = [
        Role::Wave,
        Role::Week,
        Role::Phase,
        Role::Municipality,
        Role::Date,
        Role::Question,
        Role::Score,
    ];
    for role in single {
        let mut seen = false;
        for entry in roles.iter_mut().filter(|(r, _)| *r == Some(role)) {
            if seen {
                entry.0 = Some(Role::Category);
            }
            seen = true;
        }
    }
    let has = |role: Role, roles: &[(Option<Role>, bool)]| roles.iter().any(|(r, _)| *r == Some(role));
    let long = has(Role::Score, &roles);
    if !long {
        // A question column without a score column does not make a long file.
        for entry in roles
            .iter_mut()
            .filter(|(r, overridden)| *r == Some(Role::Question) && !overridden)
        {
            entry.0 = Some(Role::Category);
        }
    }
    headers
        .iter()
        .enumerate()
        .zip(roles)
        .map(|((index, header), (role, overridden))| match role {
            Some(role) => (role, overridden),
            None if is_identifier(header) => (Role::Ignore, false),
            None if long => (Role::Category, false),
            None if mostly_on_scale(sample, index) => (Role::QuestionColumn, false),
            None => (Role::Category, false),
        })
        .collect()
}

fn is_identifier(header: &str) -> bool {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| IDENTIFIER_WORDS.contains(&word))
}

fn mostly_on_scale(sample: &[ByteRecord], index: usize) -> bool {
    let (mut filled, mut on_scale, mut dont_know) = (0usize, 0usize, 0usize);
    for record in sample {
        let value = field(record, index);
        if value.is_empty() {
            continue;
        }
        filled += 1;
        if is_on_scale(value) {
            on_scale += 1;
        } else if is_dont_know(value) {
            dont_know += 1;
        }
    }
    // More than half: a typo or an out-of-scale number among the answers must not hide the
    // column (its rows are reported), while an id column (1, 2, 3, ... 637) stays out.
    (on_scale + dont_know) * 2 > filled
}
