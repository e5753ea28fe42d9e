//! The command line: `summary`, `check` and `report` (DESIGN.md, a contract). Output goes to
//! the given writers so tests can read it; exit codes: 0 clean, 1 problems, 2 usage.

use std::io::Write;
use std::path::PathBuf;

use crate::analysis::{Filter, summary};
use crate::import::problems::list_problems;
use crate::import::{Import, ImportOptions, Source, import_paths, import_sources};
use crate::locale::Lang;
use crate::output::{file_report_text, summary_csv, summary_json, summary_text};

/// The sample check-in survey, compiled in so a lone .exe has data to show.
pub const SAMPLE_NAME: &str = "sample-data/checkin-survey.csv";
pub const SAMPLE_BYTES: &[u8] = include_bytes!("../sample-data/checkin-survey.csv");

pub const SUBCOMMANDS: [&str; 3] = ["summary", "check", "report"];
/// Problems printed before the rest are only counted.
const PROBLEMS_SHOWN: usize = 50;

pub const USAGE: &str = "\
valgpuls — tilfredshed i VALG-udrulningen pr. rul og fase

Brug:
  valgpuls                          åbn vinduet på de indbyggede eksempeldata
  valgpuls FIL...                   åbn vinduet på disse filer
  valgpuls summary [--format text|csv|json] [--question SPØRGSMÅL]... [--skip-invalid] [--lang da|en] [FIL...]
  valgpuls check [--lang da|en] [FIL...]
  valgpuls report --out MAPPE [--size BxH] [--lang da|en] [--timeline FIL] [--skip-invalid] [FIL...]

Uden FIL bruges den indbyggede check-in-undersøgelse.
Exit-koder: 0 i orden, 1 problemer i data, 2 forkert brug.
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Csv,
    Json,
}

#[derive(Debug)]
struct Args {
    command: String,
    files: Vec<PathBuf>,
    format: Format,
    questions: Vec<String>,
    skip_invalid: bool,
    lang: Lang,
    out: Option<PathBuf>,
    size: (u32, u32),
    timeline: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut iter = args.iter();
    let command = iter.next().cloned().unwrap_or_default();
    let mut parsed = Args {
        command,
        files: Vec::new(),
        format: Format::Text,
        questions: Vec::new(),
        skip_invalid: false,
        lang: Lang::Da,
        out: None,
        size: (1920, 1080),
        timeline: None,
    };
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().cloned().ok_or_else(|| format!("{name} mangler en værdi"));
        match arg.as_str() {
            "--format" => {
                parsed.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "csv" => Format::Csv,
                    "json" => Format::Json,
                    other => return Err(format!("ukendt format «{other}»: brug text, csv eller json")),
                }
            }
            "--question" => parsed.questions.push(value("--question")?),
            "--skip-invalid" => parsed.skip_invalid = true,
            "--lang" => {
                let text = value("--lang")?;
                parsed.lang = Lang::parse(&text).ok_or_else(|| format!("ukendt sprog «{text}»: brug da eller en"))?;
            }
            "--out" => parsed.out = Some(PathBuf::from(value("--out")?)),
            "--timeline" => parsed.timeline = Some(PathBuf::from(value("--timeline")?)),
            "--size" => {
                let text = value("--size")?;
                parsed.size =
                    parse_size(&text).ok_or_else(|| format!("«{text}» er ikke en størrelse som 1920x1080"))?;
            }
            "--" => parsed.files.extend(iter.by_ref().map(PathBuf::from)),
            flag if flag.starts_with("--") => return Err(format!("ukendt tilvalg «{flag}»")),
            file => parsed.files.push(PathBuf::from(file)),
        }
    }
    Ok(parsed)
}

fn parse_size(text: &str) -> Option<(u32, u32)> {
    let (width, height) = text
        .to_lowercase()
        .split_once('x')
        .map(|(w, h)| (w.trim().parse().ok(), h.trim().parse().ok()))?;
    let (width, height): (u32, u32) = (width?, height?);
    ((16..=16384).contains(&width) && (16..=16384).contains(&height)).then_some((width, height))
}

/// Reads the files, or the bundled sample when none are given.
pub fn import_or_sample(files: &[PathBuf], options: &ImportOptions) -> Import {
    if files.is_empty() {
        import_sources(
            &[Source {
                name: SAMPLE_NAME.to_string(),
                bytes: SAMPLE_BYTES.to_vec(),
            }],
            options,
        )
    } else {
        import_paths(files, options)
    }
}

/// Runs a subcommand; `args` starts with the subcommand's name.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") => {
            let _ = write!(out, "{USAGE}");
            return 0;
        }
        Some("--version" | "-V") => {
            let _ = writeln!(out, "valgpuls {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        _ => {}
    }
    let args = match parse(args) {
        Ok(args) => args,
        Err(message) => {
            let _ = writeln!(err, "valgpuls: {message}\n\n{USAGE}");
            return 2;
        }
    };
    match args.command.as_str() {
        "summary" => run_summary(&args, out, err),
        "check" => run_check(&args, out, err),
        "report" => run_report(&args, out, err),
        other => {
            let _ = writeln!(err, "valgpuls: ukendt kommando «{other}»\n\n{USAGE}");
            2
        }
    }
}

/// Prints the problems; true when the data may be used (clean, or invalid rows skipped).
fn report_problems(import: &Import, args: &Args, err: &mut dyn Write) -> bool {
    if import.is_clean() {
        return true;
    }
    let _ = write!(err, "{}", list_problems(&import.problems, PROBLEMS_SHOWN, args.lang));
    if args.skip_invalid && !import.has_fatal_problems() {
        let dropped = import.rows_rejected() as u64;
        let _ = writeln!(
            err,
            "{}",
            match args.lang {
                Lang::Da => format!(
                    "{} ugyldige rækker sprunget over (--skip-invalid).",
                    args.lang.count(dropped)
                ),
                Lang::En => format!("{} invalid rows skipped (--skip-invalid).", args.lang.count(dropped)),
            }
        );
        return true;
    }
    if !import.has_fatal_problems() {
        let _ = writeln!(
            err,
            "{}",
            args.lang.pick(
                "Ret filen, eller brug --skip-invalid for at springe de ugyldige rækker over.",
                "Fix the file, or use --skip-invalid to skip the invalid rows."
            )
        );
    }
    false
}

fn run_summary(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let import = import_or_sample(&args.files, &ImportOptions::default());
    if !report_problems(&import, args, err) {
        return 1;
    }
    let dataset = &import.dataset;
    if let Some(unknown) = args.questions.iter().find(|q| !dataset.questions.contains(q)) {
        let _ = writeln!(
            err,
            "valgpuls: {} «{unknown}»; {}: {}",
            args.lang.pick("intet spørgsmål hedder", "no question is called"),
            args.lang.pick("spørgsmålene er", "the questions are"),
            dataset.questions.join(" | ")
        );
        return 2;
    }
    let filter = Filter {
        questions: args.questions.clone(),
        ..Filter::default()
    };
    let summary = match summary(dataset, &filter) {
        Ok(summary) => summary,
        Err(error) => {
            let _ = writeln!(err, "valgpuls: {error}");
            return 1;
        }
    };
    let text = match args.format {
        Format::Text => summary_text(&summary, args.lang),
        Format::Csv => summary_csv(&summary, args.lang),
        Format::Json => summary_json(&summary) + "\n",
    };
    let _ = write!(out, "{text}");
    0
}

fn run_check(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let import = import_or_sample(&args.files, &ImportOptions::default());
    for report in &import.files {
        let _ = writeln!(out, "{}", file_report_text(report, args.lang));
    }
    if import.is_clean() {
        let _ = writeln!(out, "{}", args.lang.pick("Ingen problemer.", "No problems."));
        return 0;
    }
    let count = import.problems.len() as u64;
    let _ = writeln!(
        out,
        "{}",
        match args.lang {
            Lang::Da if count == 1 => "1 problem:".to_string(),
            Lang::En if count == 1 => "1 problem:".to_string(),
            Lang::Da => format!("{} problemer:", args.lang.count(count)),
            Lang::En => format!("{} problems:", args.lang.count(count)),
        }
    );
    let _ = write!(out, "{}", list_problems(&import.problems, PROBLEMS_SHOWN, args.lang));
    let _ = err.flush();
    1
}

fn run_report(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(out_dir) = &args.out else {
        let _ = writeln!(
            err,
            "valgpuls: report {}\n\n{USAGE}",
            args.lang.pick("kræver --out MAPPE", "needs --out DIR")
        );
        return 2;
    };
    let timeline = match &args.timeline {
        None => crate::timeline::Timeline::default(),
        Some(path) => {
            let loaded = std::fs::read(path)
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|bytes| {
                    crate::timeline::Timeline::from_csv(&path.display().to_string(), &bytes).map_err(|e| e.to_string())
                });
            match loaded {
                Ok(timeline) => timeline,
                Err(message) => {
                    let _ = writeln!(err, "valgpuls: {message}");
                    return 1;
                }
            }
        }
    };
    let import = import_or_sample(&args.files, &ImportOptions::default());
    if !report_problems(&import, args, err) {
        return 1;
    }
    let options = crate::report::ReportOptions {
        out_dir: out_dir.clone(),
        width: args.size.0,
        height: args.size.1,
        lang: args.lang,
    };
    match crate::report::write_report(&import.dataset, &timeline, &options) {
        Ok(files) => {
            for file in files {
                let _ = writeln!(out, "{}", file.display());
            }
            0
        }
        Err(e) => {
            let _ = writeln!(err, "valgpuls: {}: {e}", out_dir.display());
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1920x1080"), Some((1920, 1080)));
        assert_eq!(parse_size("1024X768"), Some((1024, 768)));
        assert_eq!(parse_size("0x10"), None);
        assert_eq!(parse_size("big"), None);
    }
}
