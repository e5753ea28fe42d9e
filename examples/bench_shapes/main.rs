//! Benchmark: import plus the wave × phase summary on a million answers in each file shape a
//! user may drop (issues 9 and 13), three answers per respondent.
//!
//!   cargo run --release --example bench_shapes -- SHAPE [ANSWERS [RUNS]]
//!
//! SHAPE is `long` (`Kommune;Rul;Uge;Dato;Spørgsmål;Svar`, UTF-8, "Ved ikke" and 3 % "3,5"),
//! `nodate` (the same without `Dato`), `wide` (one column per question, `;`, UTF-8, no
//! quotes), `google` (a Google Forms CSV: `,`, every field quoted, timestamps like `2024/08/19
//! 11:01:52 AM GMT+2`, comments with commas, doubled quotes and line breaks), `cp1252` (the long
//! layout in Windows-1252), `utf16` (the long layout as Excel's "Unicode text": UTF-16 LE with a
//! BOM, tabs, CRLF) or `forms` (a Microsoft Forms XLSX: real Excel datetimes, Valgdagen as
//! Danish labels with "Ved ikke", the other two questions as numbers 1-5). The file is written
//! once to target/bench/SHAPE-ANSWERS.csv|txt|xlsx (deterministic, reused by benches/peers.py);
//! then RUNS imports are timed in a fresh process. The summary is checked against the generated
//! records (per wave: n, "Ved ikke" and the mean), so a broken import cannot look fast.

mod write;

use std::path::PathBuf;
use std::time::Instant;

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{ImportOptions, import_paths};
use valgpuls::phases::DEFAULT_PHASES;
use write::{Shape, records};

/// Per wave: answers on the scale, "Ved ikke" and the sum of the scores.
fn expected(shape: Shape, answers: usize) -> [(u64, u64, f64); 3] {
    let mut waves = [(0, 0, 0.0); 3];
    for r in records(shape, answers) {
        let wave = &mut waves[r.wave - 1];
        for answer in r.answers {
            match answer {
                Some(halves) => (wave.0, wave.2) = (wave.0 + 1, wave.2 + f64::from(halves) / 2.0),
                None => wave.1 += 1,
            }
        }
    }
    waves
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names = Shape::ALL.map(Shape::name).join("|");
    let shape = args
        .first()
        .and_then(|a| Shape::ALL.into_iter().find(|s| s.name() == a));
    let Some(shape) = shape else {
        return Err(format!("usage: bench_shapes {names} [ANSWERS [RUNS]]").into());
    };
    let answers: usize = args.get(1).map(|a| a.parse()).transpose()?.unwrap_or(1_000_000);
    let runs: usize = args.get(2).map(|a| a.parse()).transpose()?.unwrap_or(5);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let extension = shape.extension();
    let path = dir.join(format!("{}-{answers}.{extension}", shape.name()));
    if !path.exists() {
        let temporary = path.with_extension(format!("tmp.{extension}"));
        let start = Instant::now();
        write::write(&temporary, shape, answers)?;
        std::fs::rename(&temporary, &path)?;
        println!("wrote {} in {:.1} s", path.display(), start.elapsed().as_secs_f64());
        // Time and measure in a fresh process: this one's peak memory is the generator's.
        let status = std::process::Command::new(std::env::current_exe()?)
            .args(&args)
            .status()?;
        std::process::exit(status.code().unwrap_or(1));
    }
    let size_mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
    let respondents = answers.div_ceil(3);
    println!(
        "file: {} ({size_mb:.1} MB, {respondents} rows, {} answers)",
        path.display(),
        respondents * 3
    );
    let expected = expected(shape, answers);
    let (n, dont_know) = expected.iter().fold((0, 0), |(n, d), w| (n + w.0, d + w.1));
    println!("expected: {n} answers on the scale, {dont_know} \"Ved ikke\" (the peers print theirs)");
    let mut times = Vec::new();
    let mut summary_times = Vec::new();
    let mut first_run_peak = None;
    for _ in 0..runs {
        let start = Instant::now();
        let import = import_paths(&[&path], &ImportOptions::default());
        let summary_start = Instant::now();
        let table = summary(&import.dataset, &Filter::default())?;
        times.push(start.elapsed().as_secs_f64());
        summary_times.push(summary_start.elapsed().as_secs_f64());
        first_run_peak = first_run_peak.or_else(peak_memory_mb);
        assert!(import.is_clean(), "{:?}", import.problems.first());
        let waves: Vec<&str> = table.waves.iter().map(|w| w.wave.as_str()).collect();
        assert_eq!(waves, ["Rul 1", "Rul 2", "Rul 3"]);
        assert_eq!(table.phases, DEFAULT_PHASES);
        for (row, (n, dont_know, sum)) in table.waves.iter().zip(expected) {
            assert_eq!((row.total.n, row.total.dont_know), (n, dont_know), "{}", row.wave);
            let mean = row.total.pooled_mean.expect("a mean");
            assert!((mean - sum / n as f64).abs() < 1e-9, "{}: mean {mean}", row.wave);
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    let fastest = times.first().copied().unwrap_or(f64::NAN);
    println!("valgpuls import + wave × phase summary: median {median:.3} s, fastest {fastest:.3} s over {runs} runs");
    summary_times.sort_by(f64::total_cmp);
    if let Some(summary_median) = summary_times.get(summary_times.len() / 2) {
        println!("  of which the summary (one polars group-by): median {summary_median:.3} s");
    }
    if let (Some(first), Some(all)) = (first_run_peak, peak_memory_mb()) {
        println!("peak memory (VmHWM): {first:.0} MB after one run, {all:.0} MB after {runs}");
    }
    Ok(())
}
