//! Benchmark: the whole PowerPoint deck (title, table, every chart as SVG + PNG) written for
//! the bundled sample or for a big file, the data already imported.
//!
//!   cargo run --release --example bench_deck [-- sample|ANSWERS [RUNS]]
//!
//! ANSWERS reads target/bench/answers-ANSWERS.csv, which
//! `cargo run --release --example bench_import -- ANSWERS 1` writes.

use std::path::PathBuf;
use std::time::Instant;

use valgpuls::deck::{DeckItem, DeckRequest, every_chart, write_deck};
use valgpuls::import::{ImportOptions, Source, import_paths, import_sources};
use valgpuls::locale::Lang;
use valgpuls::timeline::Timeline;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "sample".to_string());
    let runs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(5);
    let import = if what == "sample" {
        import_sources(
            &[Source {
                name: "checkin-survey.csv".into(),
                bytes: valgpuls::cli::SAMPLE_BYTES.to_vec().into(),
            }],
            &ImportOptions::default(),
        )
    } else {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench/answers-{what}.csv"));
        if !path.exists() {
            return Err(format!("{} is missing: run bench_import -- {what} 1 first", path.display()).into());
        }
        import_paths(&[&path], &ImportOptions::default())
    };
    let dataset = import.dataset;
    let request = DeckRequest {
        lang: Lang::Da,
        source: what.clone(),
        items: every_chart(&dataset)
            .into_iter()
            .map(|choice| DeckItem {
                choice: Some(choice),
                ..DeckItem::default()
            })
            .collect(),
        ..DeckRequest::default()
    };
    println!(
        "{what}: {} answers, {} slides asked (title slide not counted; a long crosstab makes several)",
        dataset.answer_count(),
        request.items.len()
    );
    let timeline = Timeline::default();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let bytes = write_deck(&dataset, &timeline, &request)?;
        times.push(start.elapsed().as_secs_f64());
        size = bytes.len();
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    let fastest = times.first().copied().unwrap_or(f64::NAN);
    println!(
        "deck ({:.1} MB): median {median:.2} s, fastest {fastest:.2} s over {} runs",
        size as f64 / 1e6,
        times.len()
    );
    Ok(())
}
