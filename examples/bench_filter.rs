//! Benchmark: a filter change at a million answers, as the window makes it.
//!
//!   cargo run --release --example bench_import -- 1000000 1   # writes the file once
//!   cargo run --release --example bench_filter [-- ANSWERS [RUNS]]
//!
//! Loads target/bench/answers-ANSWERS.csv, then changes the filter the way the filter panel
//! does (untick a wave, untick a phase, one question, a date range) and sends each new state
//! to the analysis worker the window uses, the overview's table first: the summary part
//! (the overview's table and the bars), then the details part (the rest of the overview: the
//! per-question table, the tests and the cells' answers; the distribution and the trend).
//! Times from the request until each part is back: with the details every view's numbers
//! are there but the crosstab's, which is timed next, then for comparison the whole
//! analysis in one call (`analyse_with`). Every filter state is new to the worker each run
//! (the window's cache would answer a repeat at once).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use valgpuls::analysis::parts::Piece;
use valgpuls::analysis::worker::{Request, Worker};
use valgpuls::analysis::{Filter, GroupBy, Part, analyse_with, crosstab};
use valgpuls::dataset::Dataset;
use valgpuls::import::{ImportOptions, import_paths};

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN) * 1e3
}

/// The four changes the filter panel makes, as the window sends them.
fn filter_changes(dataset: &Dataset) -> Vec<(&'static str, Filter)> {
    let date = |d| NaiveDate::from_ymd_opt(2024, 9, d);
    let all_but_first = |list: &[String]| list.iter().skip(1).cloned().collect::<Vec<_>>();
    vec![
        (
            "untick a wave",
            Filter {
                waves: all_but_first(&dataset.waves),
                ..Filter::default()
            },
        ),
        (
            "untick a phase",
            Filter {
                phases: all_but_first(&dataset.phases),
                ..Filter::default()
            },
        ),
        (
            "one question",
            Filter {
                questions: dataset.questions.iter().take(1).cloned().collect(),
                ..Filter::default()
            },
        ),
        (
            "a date range",
            Filter {
                date_from: date(10),
                date_to: date(20),
                ..Filter::default()
            },
        ),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1_000_000);
    let runs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench/answers-{count}.csv"));
    let import = import_paths(&[&path], &ImportOptions::default());
    assert!(import.is_clean(), "{:?}", import.problems.first());
    let dataset = Arc::new(import.dataset);
    println!("{} answers from {}", dataset.answer_count(), path.display());
    let changes = filter_changes(&dataset);
    let worker = Worker::start(|| {})?;
    println!(
        "{:16} {:>10} {:>10} {:>10} {:>10}   (median of {runs} runs, ms)",
        "filter change", "summary", "details", "crosstab", "one call"
    );
    let mut generation = 0;
    for (name, filter) in &changes {
        let (mut table, mut all, mut cross, mut whole) = (vec![], vec![], vec![], vec![]);
        for _ in 0..runs {
            // A new generation each run: the worker keeps nothing between requests anyway.
            generation += 1;
            let start = Instant::now();
            let sent = worker.send(Request {
                generation,
                dataset: dataset.clone(),
                filter: filter.clone(),
                min_n: 5,
                parts: Part::ALL.to_vec(),
            });
            assert!(sent, "the worker is gone");
            for _ in Part::ALL {
                let reply = worker.recv_timeout(Duration::from_secs(60))?;
                let elapsed = start.elapsed().as_secs_f64();
                match reply.piece {
                    Piece::Summary(part) => {
                        assert!(!part?.summary.waves.is_empty());
                        table.push(elapsed);
                    }
                    // The rest of the overview (its per-question table, the tests, the
                    // cells' answers) and every other view but the crosstab.
                    Piece::Details(part) => {
                        part?;
                        all.push(elapsed);
                    }
                }
            }
            let start = Instant::now();
            crosstab(&dataset, filter, &GroupBy::Phase)?;
            cross.push(start.elapsed().as_secs_f64());
            let start = Instant::now();
            analyse_with(&dataset, filter, 5)?;
            whole.push(start.elapsed().as_secs_f64());
        }
        println!(
            "{name:16} {:10.1} {:10.1} {:10.1} {:10.1}",
            median(table),
            median(all),
            median(cross),
            median(whole)
        );
    }
    Ok(())
}
