//! Benchmark: a filter change at a million answers, as the window makes it.
//!
//!   cargo run --release --example bench_import -- 1000000 1   # writes the file once
//!   cargo run --release --example bench_filter [-- ANSWERS [RUNS]]
//!
//! Loads target/bench/answers-ANSWERS.csv, then changes the filter the way the filter panel
//! does (untick a wave, untick a phase, one question, a date range) and times until the
//! overview's numbers are ready and until every view's are.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use valgpuls::analysis::{Filter, GroupBy, analyse_with, answers, crosstab, distribution, question_breakdown, summary, trend};
use valgpuls::import::{ImportOptions, import_paths};

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1_000_000);
    let runs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench/answers-{count}.csv"));
    let import = import_paths(&[&path], &ImportOptions::default());
    assert!(import.is_clean(), "{:?}", import.problems.first());
    let dataset = import.dataset;
    let waves = dataset.waves.clone();
    let phases = dataset.phases.clone();
    let date = |d| NaiveDate::from_ymd_opt(2024, 9, d);
    let changes: Vec<(&str, Filter)> = vec![
        ("untick a wave", Filter { waves: waves[..2].to_vec(), ..Filter::default() }),
        ("untick a phase", Filter { phases: phases[1..].to_vec(), ..Filter::default() }),
        ("one question", Filter { questions: vec![dataset.questions[0].clone()], ..Filter::default() }),
        ("a date range", Filter { date_from: date(10), date_to: date(20), ..Filter::default() }),
    ];
    for (name, filter) in &changes {
        let (mut first, mut all, mut cross) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let start = Instant::now();
            let table = summary(&dataset, filter)?;
            first.push(start.elapsed().as_secs_f64());
            let start = Instant::now();
            let results = analyse_with(&dataset, filter, 5)?;
            all.push(start.elapsed().as_secs_f64());
            let start = Instant::now();
            crosstab(&dataset, filter, &GroupBy::Phase)?;
            cross.push(start.elapsed().as_secs_f64());
            assert!(!table.waves.is_empty() && !results.summary.waves.is_empty());
            let t = Instant::now();
            question_breakdown(&dataset, filter)?;
            let b = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            distribution(&dataset, filter)?;
            let d = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            trend(&dataset, filter)?;
            let tr = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            answers(&dataset, filter)?;
            let a = t.elapsed().as_secs_f64() * 1e3;
            eprintln!("  breakdown {b:.1} distribution {d:.1} trend {tr:.1} answers {a:.1}");
        }
        println!(
            "{name:16} summary {:6.1} ms   analyse_with {:6.1} ms   crosstab {:6.1} ms",
            median(first) * 1e3,
            median(all) * 1e3,
            median(cross) * 1e3
        );
    }
    Ok(())
}
