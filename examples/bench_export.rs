//! Times exporting the trend chart (sample check-in data, the deck's timeline) to a 1920x1080
//! PNG and to SVG. Run in release: `cargo run --release --example bench_export`.

use std::time::{Duration, Instant};

use valgpuls::analysis::{Filter, analyse};
use valgpuls::charts::trend_chart;
use valgpuls::export::{Background, to_png, to_svg};
use valgpuls::import::{ImportOptions, import_paths};
use valgpuls::locale::Lang;
use valgpuls::timeline::Timeline;

const RUNS: usize = 31;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn time(mut job: impl FnMut()) -> Duration {
    job(); // warm-up: the first PNG also loads the bundled fonts
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                job();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/checkin-survey.csv");
    let import = import_paths(&[path], &ImportOptions::default());
    let results = analyse(&import.dataset, &Filter::default())?;
    let spec = trend_chart(&results.trend, &Timeline::default(), Lang::Da);
    let mut bytes = 0;
    let svg = time(|| bytes = to_svg(&spec, 1920, 1080).len());
    println!(
        "trend chart → SVG 1920x1080: median {:.2} ms of {RUNS} runs ({bytes} bytes)",
        ms(svg)
    );
    let mut failed = None;
    let png = time(|| match to_png(&spec, 1920, 1080, 1.0, Background::White) {
        Ok(png) => bytes = png.len(),
        Err(e) => failed = Some(e),
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    println!(
        "trend chart → PNG 1920x1080: median {:.1} ms of {RUNS} runs ({bytes} bytes)",
        ms(png)
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
