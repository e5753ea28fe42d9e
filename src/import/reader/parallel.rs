//! A quote-free file's lines read in chunks on every core, joined in order so rows, first
//! appearances and line numbers are as if read in one go.

use std::collections::HashMap;

use super::super::columns::Role;
use super::super::lines::split_at_line_ends;
use super::super::rows::{FileSetup, RowReader, SplitLine};
use super::super::{FileReport, Problem, ProblemKind};
use crate::dataset::DatasetBuilder;

/// What one thread made of its chunk of lines.
struct Chunk {
    builder: DatasetBuilder,
    report: FileReport,
    problems: Vec<Problem>,
    labels: HashMap<String, Option<f64>>,
    lines: u64,
}

/// Reads the lines after the header, split into chunks at line ends, a few per core; the
/// chunks' rows are then appended in order, so row order, first appearances and line
/// numbers are as if read in one go.
pub(super) fn read_lines_in_parallel(
    data: &str,
    separator: u8,
    header_lines: u64,
    setup: &FileSetup,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) -> HashMap<String, Option<f64>> {
    let threads = threads_for(data.len());
    // More chunks than threads: a thread that is done takes the next, so one slow thread
    // (a core shared with another program) does not hold up the rest.
    let parts = if threads > 1 { threads * CHUNKS_PER_THREAD } else { 1 };
    let chunks: Vec<&str> = split_at_line_ends(data.as_bytes(), parts)
        .into_iter()
        .filter_map(|range| data.get(range))
        .collect();
    let bytes_per_line = bytes_per_line(data);
    let answers_per_row = setup
        .roles
        .iter()
        .filter(|r| **r == Role::QuestionColumn)
        .count()
        .max(1);
    let read_chunk = |chunk: &str| -> Chunk {
        // Room for about as many rows as the chunk has lines: the columns then grow once or
        // not at all, and room never used is never touched (no memory is spent on it).
        let lines_in_chunk = chunk.len() / bytes_per_line + chunk.len() / bytes_per_line / 8 + 16;
        let mut builder = DatasetBuilder::with_capacity(lines_in_chunk * answers_per_row);
        let mut report = FileReport::new(setup.file);
        let mut problems = Vec::new();
        let mut lines = 0u64;
        // A chunk's lines count from its start and are moved on when the chunks are joined.
        let mut rows = RowReader::new(setup, &mut builder);
        super::super::lines::for_each_line(chunk, separator, |fields| {
            lines += 1;
            if fields.iter().any(|f| !f.is_empty()) {
                rows.read(&SplitLine { fields }, lines + header_lines, &mut report, &mut problems);
            }
        });
        let labels = rows.labels;
        Chunk {
            builder,
            report,
            problems,
            labels,
            lines,
        }
    };
    let results = read_chunks(&chunks, threads, read_chunk);

    let file_id = builder.add_file(setup.file);
    let mut labels = HashMap::new();
    let mut lines_before = 0u64;
    for chunk in results {
        // The chunks' rows become parts of the data set as they are: nothing is copied.
        if let Err(error) = builder.append(chunk.builder, file_id, lines_before as u32) {
            problems.push(Problem::of_file(
                setup.file,
                ProblemKind::Unreadable {
                    reason: error.to_string(),
                },
            ));
            continue;
        }
        report.add_counts(chunk.report);
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
pub(super) fn read_chunks<'a, T: Send>(
    chunks: &[&'a str],
    threads: usize,
    read_chunk: impl Fn(&'a str) -> T + Sync,
) -> Vec<T> {
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
