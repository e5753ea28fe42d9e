//! A table's records read in chunks on every core (a quote-free text's lines, a quoted text cut
//! outside its quoted fields, a sheet's rows in whole blocks), joined in order so rows, first
//! appearances and line numbers are as if read in one go; the values profiled in the same pass
//! when the roles are speculated.

use std::collections::HashMap;

use super::super::columns::Role;
use super::super::profile::{ColumnProfile, Watch};
use super::super::rows::{Fields, FileSetup, RowReader};
use super::super::{FileReport, Problem, ProblemKind};
use super::table::{DataChunks, Piece, Profiler, Visit, is_blank};
use crate::dataset::DatasetBuilder;

/// What one thread made of its chunk of lines: its rows, and (when asked) the profile of
/// every value in it.
pub(super) struct Chunk {
    builder: DatasetBuilder,
    report: FileReport,
    problems: Vec<Problem>,
    labels: HashMap<String, Option<f64>>,
    lines: u64,
    profile: Option<Profiler>,
}

/// Reads the data in its parts (`DataChunks`), a few per core; the parts' rows are then
/// appended in order, so row order, first appearances and line numbers are as if read in one
/// go.
pub(super) fn read_chunks_in_parallel(
    data: &DataChunks,
    setup: &FileSetup,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) -> HashMap<String, Option<f64>> {
    let chunks = read_chunks_of(data, setup, None);
    join_chunks(chunks, setup.file, builder, report, problems)
}

/// Reads every chunk's rows with `setup`, and, when `watches` are given, profiles every value
/// of every column in the same pass (the chunks' profiles in [`Chunk`]). Without `watches`
/// this is the last pass over the chunks: each gives its memory back once read.
pub(super) fn read_chunks_of(data: &DataChunks, setup: &FileSetup, watches: Option<&[Watch]>) -> Vec<Chunk> {
    let bytes_per_line = match data.chunks.first() {
        Some(Piece::Text(text)) => bytes_per_line(text),
        _ => 1,
    };
    let answers_per_row = setup
        .roles
        .iter()
        .filter(|r| **r == Role::QuestionColumn)
        .count()
        .max(1);
    let header_lines = data.header_lines;
    let read_chunk = |chunk: &Piece| -> Chunk {
        // Room for about as many rows as the chunk has lines: the columns then grow once or
        // not at all, and room never used is never touched (no memory is spent on it).
        let records = chunk.records(bytes_per_line);
        let lines_in_chunk = records + records / 8 + 16;
        let mut builder = DatasetBuilder::with_capacity(lines_in_chunk * answers_per_row);
        let mut report = FileReport::new(setup.file);
        let mut problems = Vec::new();
        // A chunk's lines count from its start and are moved on when the chunks are joined.
        let mut rows = ChunkRows {
            header_lines,
            reader: RowReader::new(setup, &mut builder),
            report: &mut report,
            problems: &mut problems,
            profile: watches.map(|watches| Profiler::watching(watches, setup.headers)),
        };
        let walked = data.walk(chunk, &mut rows);
        // Its rows are in the builder now: the part of the file is not held beside them. (A
        // text's part read with a guess of the roles may be read again: it comes back from
        // the file. A sheet's part would not: it is let go of in the last pass only.)
        if watches.is_none() || matches!(chunk, Piece::Text(_)) {
            chunk.let_go(data.file);
        }
        let labels = rows.reader.labels;
        let profile = rows.profile;
        let lines = match walked {
            Ok(lines) => lines,
            Err((line, reason)) => {
                problems.push(Problem {
                    line: Some(line + header_lines),
                    ..Problem::of_file(setup.file, ProblemKind::Unreadable { reason })
                });
                chunk.lines()
            }
        };
        Chunk {
            builder,
            report,
            problems,
            labels,
            lines,
            profile,
        }
    };
    read_chunks(&data.chunks, data.threads, read_chunk)
}

/// The chunks' profiles merged in order; a field past the limit with its line.
pub(super) fn merged_profile(
    chunks: &mut [Chunk],
    header_lines: u64,
    columns: usize,
) -> Result<Vec<ColumnProfile>, (u64, usize)> {
    let mut profiles: Vec<ColumnProfile> = Vec::new();
    let mut lines_before = header_lines;
    for chunk in chunks.iter_mut() {
        let Some(part) = chunk.profile.take() else { continue };
        if let Some((line, column)) = part.too_long {
            return Err((line + lines_before, column));
        }
        if profiles.is_empty() {
            profiles = part.profiles;
        } else {
            for (profile, later) in profiles.iter_mut().zip(part.profiles) {
                profile.merge(later);
            }
        }
        lines_before += chunk.lines;
    }
    profiles.resize_with(columns, ColumnProfile::default);
    Ok(profiles)
}

/// Appends the chunks' rows to the builder in order, their lines moved on by the lines before
/// them; their counts and problems to the file's.
pub(super) fn join_chunks(
    chunks: Vec<Chunk>,
    file: &str,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) -> HashMap<String, Option<f64>> {
    let file_id = builder.add_file(file);
    let mut labels = HashMap::new();
    let mut lines_before = 0u64;
    for chunk in chunks {
        // The chunks' rows become parts of the data set as they are: nothing is copied.
        if let Err(error) = builder.append(chunk.builder, file_id, lines_before as u32) {
            problems.push(Problem::of_file(
                file,
                ProblemKind::Unreadable {
                    reason: error.to_string(),
                },
            ));
            continue;
        }
        let mut counts = chunk.report;
        for (_, first_line) in counts.codes_outside_scale.values_mut() {
            *first_line += lines_before;
        }
        for (_, first_line) in counts.empty_context.values_mut() {
            *first_line += lines_before;
        }
        for (_, first_line) in [
            &mut counts.week_phase_clashes,
            &mut counts.week_plan_clashes,
            &mut counts.unsubmitted,
        ]
        .into_iter()
        .flatten()
        {
            *first_line += lines_before;
        }
        for (_, line) in &mut counts.test_names {
            *line += lines_before;
        }
        for key in &mut counts.response_keys {
            key.line += lines_before;
        }
        report.add_counts(counts);
        problems.extend(chunk.problems.into_iter().map(|mut problem| {
            problem.line = problem.line.map(|line| line + lines_before);
            problem
        }));
        labels.extend(chunk.labels);
        lines_before += chunk.lines;
    }
    labels
}

/// The rows of one chunk into its own builder, lines counted from the chunk's start; and
/// every value into the chunk's profile, when one is made.
struct ChunkRows<'r, 's> {
    header_lines: u64,
    reader: RowReader<'r>,
    report: &'s mut FileReport,
    problems: &'s mut Vec<Problem>,
    profile: Option<Profiler>,
}

impl Visit for ChunkRows<'_, '_> {
    fn visit<F: Fields>(&mut self, index: usize, line: u64, record: &F) -> bool {
        if let Some(profile) = &mut self.profile {
            profile.visit(index, line, record);
        }
        if !is_blank(record) {
            self.reader
                .read(record, line + self.header_lines, self.report, self.problems);
        }
        true
    }
}

/// Each chunk (a part of a text, or anything else to share out) read by `read_chunk` on up to
/// `threads` threads; the results in chunk order.
pub(super) fn read_chunks<C: Sync, T: Send>(
    chunks: &[C],
    threads: usize,
    read_chunk: impl Fn(&C) -> T + Sync,
) -> Vec<T> {
    if threads <= 1 || chunks.len() <= 1 {
        return chunks.iter().map(&read_chunk).collect();
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
pub(super) const CHUNKS_PER_THREAD: usize = 4;
/// Past this many cores a file's lines are read by this many threads.
const MAX_THREADS: usize = 32;

/// Threads for reading `bytes` of text: one for a small file, every core (up to a limit)
/// for a big one.
pub(super) fn threads_for(bytes: usize) -> usize {
    if bytes < PARALLEL_FROM_BYTES {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
    }
}
