//! Benchmark: import plus the wave × phase summary on a long file of 1,000,000 answers in the
//! Danish Excel shape (`;`, UTF-8, "Ved ikke" among the scores, some decimal commas).
//!
//!   cargo run --release --example bench_import [-- ANSWERS [RUNS]]
//!
//! Writes the file once to target/bench/answers-ANSWERS.csv (deterministic, reused by
//! benches/peers.py for the peer figures), then times RUNS imports and prints the median,
//! the fastest and the process's peak memory.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{ImportOptions, import_paths};

const MUNICIPALITIES: [&str; 8] = [
    "Aarhus Kommune",
    "Køge Kommune",
    "Ærø Kommune",
    "Høje-Taastrup Kommune",
    "Region Sjælland",
    "Vejle Kommune",
    "Aabenraa Kommune",
    "Frederiksberg Kommune",
];
const QUESTIONS: [&str; 3] = ["Valgdagen", "Udrulningen og VALG-løsningen generelt", "Supporten"];

fn generate(path: &Path, answers: usize) -> std::io::Result<()> {
    let temporary = path.with_extension("tmp");
    let mut out = BufWriter::new(std::fs::File::create(&temporary)?);
    writeln!(out, "Kommune;Rul;Uge;Dato;Spørgsmål;Svar")?;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..answers {
        // xorshift: deterministic, so every run and every peer reads the same file.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let wave = 1 + (i / 3 / 1000) % 3;
        let week = 1 + (i / 3 / 50) % 5;
        let day = 1 + (wave * 7 + week) % 28;
        let score = match state % 100 {
            0..=2 => "Ved ikke".to_string(),
            3..=5 => "3,5".to_string(),
            r => (1 + r % 5).to_string(),
        };
        writeln!(
            out,
            "{};Rul {wave};{week};{day:02}-{:02}-2024;{};{score}",
            MUNICIPALITIES[(i / 3) % MUNICIPALITIES.len()],
            8 + wave,
            QUESTIONS[i % 3],
        )?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(temporary, path)
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let answers: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1_000_000);
    let runs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("answers-{answers}.csv"));
    if !path.exists() {
        generate(&path, answers)?;
    }
    let size_mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
    println!("file: {} ({size_mb:.1} MB, {answers} answers)", path.display());
    let mut times = Vec::new();
    let mut summary_times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let import = import_paths(&[&path], &ImportOptions::default());
        let summary_start = Instant::now();
        let table = summary(&import.dataset, &Filter::default())?;
        times.push(start.elapsed().as_secs_f64());
        summary_times.push(summary_start.elapsed().as_secs_f64());
        assert!(import.is_clean(), "{:?}", import.problems.first());
        assert_eq!(table.waves.len(), 3);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    let fastest = times.first().copied().unwrap_or(f64::NAN);
    println!("valgpuls import + wave × phase summary: median {median:.3} s, fastest {fastest:.3} s over {runs} runs");
    summary_times.sort_by(f64::total_cmp);
    if let Some(summary_median) = summary_times.get(summary_times.len() / 2) {
        println!("  of which the summary (one polars group-by): median {summary_median:.3} s");
    }
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
    Ok(())
}
