//! Benchmark: import plus the wave × phase summary on survey-tool exports of a million answers,
//! three answers per respondent (issue 9).
//!
//!   cargo run --release --example bench_shapes -- SHAPE [ANSWERS [RUNS]]
//!
//! SHAPE is `forms` (a Microsoft Forms XLSX: real Excel datetimes, Valgdagen as Danish labels
//! with "Ved ikke", the other two questions as numbers 1-5) or `google` (a Google Forms CSV:
//! `,`, every field quoted, timestamps like `2024/08/19 11:01:52 AM GMT+2`, "Ved ikke" in every
//! question, comments with commas, doubled quotes and line breaks). The file is written once to
//! target/bench/SHAPE-ANSWERS.xlsx|csv (deterministic, reused by benches/peers.py); then RUNS
//! imports are timed in a fresh process. The summary is checked against the generated records
//! (per wave: n, "Ved ikke" and the mean), so a broken import cannot look fast.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, Workbook};
use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{ImportOptions, import_paths};
use valgpuls::phases::DEFAULT_PHASES;

/// Denmark's 98 municipalities, split at whitespace.
const MUNICIPALITIES: &str = "\
    Albertslund Allerød Ballerup Bornholm Brøndby Dragør Egedal Fredensborg Frederiksberg Frederikssund \
    Furesø Gentofte Gladsaxe Glostrup Gribskov Halsnæs Helsingør Herlev Hillerød Hvidovre Høje-Taastrup \
    Hørsholm Ishøj København Lyngby-Taarbæk Rudersdal Rødovre Tårnby Vallensbæk Faxe Greve Guldborgsund \
    Holbæk Kalundborg Køge Lejre Lolland Næstved Odsherred Ringsted Roskilde Slagelse Solrød Sorø \
    Stevns Vordingborg Assens Billund Esbjerg Fanø Fredericia Faaborg-Midtfyn Haderslev Kerteminde \
    Kolding Langeland Middelfart Nordfyns Nyborg Odense Svendborg Sønderborg Tønder Varde Vejen Vejle \
    Ærø Aabenraa Favrskov Hedensted Herning Holstebro Horsens Ikast-Brande Lemvig Norddjurs Odder \
    Randers Ringkøbing-Skjern Samsø Silkeborg Skanderborg Skive Struer Syddjurs Viborg Aarhus \
    Brønderslev Frederikshavn Hjørring Jammerbugt Læsø Mariagerfjord Morsø Rebild Thisted \
    Vesthimmerlands Aalborg";
const QUESTIONS: [&str; 3] = ["Valgdagen", "Udrulningen og VALG-løsningen generelt", "Supporten"];
/// Scores 1..=5 as Forms' choice question names them.
const LABELS: [&str; 5] = [
    "Meget utilfreds",
    "Utilfreds",
    "Hverken tilfreds eller utilfreds",
    "Tilfreds",
    "Meget tilfreds",
];
const COMMENTS: [&str; 6] = [
    "Alt gik fint, tak for hjælp.",
    "Supporten svarede hurtigt",
    "Vi manglede en \"klar\" besked om prøvevalget",
    "Første linje\nanden linje, med komma",
    "Lidt usikkerhed om valgkortene; ellers godt",
    "Svært at nå på telefon, \"optaget\" hele formiddagen.\nMen ellers fint",
];

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Forms,
    Google,
}

/// One respondent: three answers, `None` for "Ved ikke".
struct Record {
    id: usize,
    wave: usize,
    week: usize,
    municipality: &'static str,
    start: NaiveDateTime,
    end: NaiveDateTime,
    answers: [Option<u8>; 3],
    comment: Option<&'static str>,
}

/// The respondents of a file with `answers` answers (rounded up to whole respondents), the same
/// every time. In Forms only Valgdagen (a choice question) has "Ved ikke"; the two ratings have
/// none. In Google's grid every question has it.
fn records(shape: Shape, answers: usize) -> impl Iterator<Item = Record> {
    let first_start = NaiveDate::from_ymd_opt(2024, 8, 19).and_then(|d| d.and_hms_opt(8, 0, 0));
    let first_start = first_start.expect("a valid date");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        // xorshift: deterministic, so every run and every peer reads the same file.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let municipalities: Vec<&str> = MUNICIPALITIES.split_whitespace().collect();
    (0..answers.div_ceil(3)).map(move |i| {
        let wave = 1 + (i / 1000) % 3;
        let week = 1 + (i / 50) % 5;
        let day = (wave as i64 - 1) * 14 + (week as i64 - 1) * 7 + next(5) as i64;
        let start = first_start + Duration::days(day) + Duration::seconds(next(8 * 3600) as i64);
        let end = start + Duration::seconds(60 + next(600) as i64);
        let answers = std::array::from_fn(|q| {
            let dont_know = (q == 0 || shape == Shape::Google) && next(100) < 3;
            (!dont_know).then(|| 1 + next(5) as u8)
        });
        let comment = (next(100) < 5).then(|| COMMENTS[next(COMMENTS.len() as u64) as usize]);
        let municipality = municipalities[i % municipalities.len()];
        Record {
            id: i + 1,
            wave,
            week,
            municipality,
            start,
            end,
            answers,
            comment,
        }
    })
}

fn excel_serial(at: NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|d| d.and_hms_opt(0, 0, 0));
    (at - epoch.expect("Excel's epoch")).num_seconds() as f64 / 86_400.0
}

/// A Forms "Open results in Excel" sheet. (rust_xlsxwriter's constant-memory mode needs its
/// `constant_memory` feature, which valgpuls does not enable, so the sheet is built in memory:
/// ~440 MB for a million answers, once.)
fn write_forms(path: &Path, shape: Shape, answers: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1")?;
    let time = Format::new().set_num_format("m/d/yy h:mm:ss");
    let mut header = vec![
        "Id",
        "Starttidspunkt",
        "Tidspunkt for fuldførelse",
        "Mail",
        "Navn",
        "Kommune",
    ];
    header.extend(["Hvilket rul er I med i?", "Hvilken uge i forløbet er I i?"]);
    header.extend(QUESTIONS);
    header.push("Kommentar");
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for r in records(shape, answers) {
        let row = r.id as u32;
        sheet.write_number(row, 0, r.id as f64)?;
        sheet.write_number_with_format(row, 1, excel_serial(r.start), &time)?;
        sheet.write_number_with_format(row, 2, excel_serial(r.end), &time)?;
        sheet.write_string(row, 3, "anonymous")?;
        sheet.write_string(row, 5, format!("{} Kommune", r.municipality))?;
        sheet.write_string(row, 6, format!("Rul {}", r.wave))?;
        sheet.write_string(row, 7, format!("Uge {}", r.week))?;
        sheet.write_string(row, 8, r.answers[0].map_or("Ved ikke", |s| LABELS[usize::from(s) - 1]))?;
        for q in 1..3 {
            sheet.write_number(row, 8 + q, f64::from(r.answers[usize::from(q)].expect("a rating")))?;
        }
        if let Some(comment) = r.comment {
            sheet.write_string(row, 11, comment)?;
        }
    }
    workbook.save(path)?;
    Ok(())
}

/// Google Forms' "Download responses (.csv)": every field quoted, CRLF between records.
fn write_google(path: &Path, shape: Shape, answers: usize) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut header = vec!["Tidsstempel".to_string(), "E-mailadresse".into(), "Kommune".into()];
    header.extend(["Rul".into(), "Uge".into()]);
    header.extend(
        QUESTIONS
            .iter()
            .map(|q| format!("Hvor tilfreds er I med følgende? [{q}]")),
    );
    header.push("Kommentar".into());
    let quoted = |field: &str| format!("\"{}\"", field.replace('"', "\"\""));
    writeln!(
        out,
        "{}\r",
        header.iter().map(|h| quoted(h)).collect::<Vec<_>>().join(",")
    )?;
    for r in records(shape, answers) {
        let answers = r.answers.map(|a| a.map_or("Ved ikke".to_string(), |s| s.to_string()));
        let fields = [
            // Summer time (GMT+2) throughout: the rollout ends before 27 October.
            format!("{} GMT+2", r.end.format("%Y/%m/%d %-I:%M:%S %p")),
            format!("valg{}@kommune.example", r.id),
            format!("{} Kommune", r.municipality),
            format!("Rul {}", r.wave),
            format!("Uge {}", r.week),
        ];
        let line: Vec<String> = fields.iter().chain(&answers).map(|f| quoted(f)).collect();
        writeln!(out, "{},{}\r", line.join(","), quoted(r.comment.unwrap_or_default()))?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// Per wave: answers on the scale, "Ved ikke" and the sum of the scores.
fn expected(shape: Shape, answers: usize) -> [(u64, u64, f64); 3] {
    let mut waves = [(0, 0, 0.0); 3];
    for r in records(shape, answers) {
        let wave = &mut waves[r.wave - 1];
        for answer in r.answers {
            match answer {
                Some(score) => (wave.0, wave.2) = (wave.0 + 1, wave.2 + f64::from(score)),
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
    let (shape, extension) = match args.first().map(String::as_str) {
        Some("forms") => (Shape::Forms, "xlsx"),
        Some("google") => (Shape::Google, "csv"),
        _ => return Err("usage: bench_shapes forms|google [ANSWERS [RUNS]]".into()),
    };
    let answers: usize = args.get(1).map(|a| a.parse()).transpose()?.unwrap_or(1_000_000);
    let runs: usize = args.get(2).map(|a| a.parse()).transpose()?.unwrap_or(5);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}-{answers}.{extension}", args[0]));
    if !path.exists() {
        let temporary = path.with_extension(format!("tmp.{extension}"));
        let start = Instant::now();
        match shape {
            Shape::Forms => write_forms(&temporary, shape, answers)?,
            Shape::Google => write_google(&temporary, shape, answers)?,
        }
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
