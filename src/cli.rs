//! The command line: `summary`, `check` and `report` (docs/DESIGN.md, a contract). Output goes to
//! the given writers so tests can read it; exit codes: 0 clean, 1 problems, 2 usage.

use std::io::Write;
use std::path::PathBuf;

use crate::analysis::{Filter, analyse_with};
pub use crate::cli_args::arg_text;
use crate::import::problems::list_problems;
use crate::import::{Import, ImportOptions, Source, import_paths, import_sources};
use crate::locale::Lang;
use crate::output::{file_report_text, summary_csv, summary_text};
use crate::verdicts::{comparisons_text, summary_json, suppression_note};

/// The sample check-in survey (the `sample` module), used where no file is given.
pub use crate::sample::{BYTES as SAMPLE_BYTES, NAME as SAMPLE_NAME};

mod parse;

use parse::{Args, Format, asked_language, import_options, parse, said, usage};
pub use parse::{USAGE, USAGE_EN};

pub const SUBCOMMANDS: [&str; 3] = ["summary", "check", "report"];
/// Problems printed before the rest are only counted.
const PROBLEMS_SHOWN: usize = 50;

/// Reads the files, or the bundled sample when none are given.
pub fn import_or_sample(files: &[PathBuf], options: &ImportOptions) -> Import {
    if files.is_empty() {
        import_sources(
            &[Source {
                name: SAMPLE_NAME.to_string(),
                bytes: SAMPLE_BYTES.to_vec().into(),
            }],
            options,
        )
    } else {
        import_paths(files, options)
    }
}

/// A message on stderr. A stderr that cannot be written leaves nowhere to say so: the exit code
/// still tells.
macro_rules! tell {
    ($err:expr, $($arg:tt)*) => {{
        let _nowhere_to_report = writeln!($err, $($arg)*);
    }};
}

/// Problems on stderr, as `list_problems` writes them (each line ended).
fn tell_problems(err: &mut dyn Write, problems: &[crate::import::Problem], lang: Lang) {
    let _nowhere_to_report = err.write_all(list_problems(problems, PROBLEMS_SHOWN, lang).as_bytes());
}

/// The command's output on stdout, then flushed. A write that fails (a full disk under a
/// redirect, a closed pipe) fails the command, so a cut-off summary never exits 0.
fn emit(out: &mut dyn Write, err: &mut dyn Write, text: &str) -> u8 {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(error) => {
            tell!(err, "valgpuls: {error}");
            1
        }
    }
}

/// Runs a subcommand; `args` starts with the subcommand's name.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") => return emit(out, err, USAGE),
        Some("--version" | "-V") => return emit(out, err, &format!("valgpuls {}\n", env!("CARGO_PKG_VERSION"))),
        _ => {}
    }
    let lang = asked_language(args);
    let args = match parse(args, lang) {
        Ok(args) => args,
        Err(message) => {
            tell!(err, "valgpuls: {message}\n\n{}", usage(lang));
            return 2;
        }
    };
    match args.command.as_str() {
        "summary" => run_summary(&args, out, err),
        "check" => run_check(&args, out, err),
        "report" => run_report(&args, out, err),
        other => {
            let message = said(
                lang,
                format!("ukendt kommando «{other}»"),
                format!("unknown command “{other}”"),
            );
            tell!(err, "valgpuls: {message}\n\n{}", usage(lang));
            2
        }
    }
}

/// Prints the problems; true when the data may be used (clean, or invalid rows skipped).
/// A `--role` for a column no file has (a typo) would change nothing without a word: it is a
/// usage error, as an unknown `--question` is. True when one was told.
fn unknown_role_column(import: &Import, args: &Args, err: &mut dyn Write) -> bool {
    let columns: Vec<&crate::import::ColumnReport> = import.files.iter().flat_map(|f| &f.columns).collect();
    if columns.is_empty() {
        // No file was read far enough to have columns: its own problem says why.
        return false;
    }
    let names =
        |column: &&crate::import::ColumnReport| std::iter::once(column.header.clone()).chain(column.text.clone());
    let known = |wanted: &str| {
        columns
            .iter()
            .flat_map(names)
            .any(|name| name.trim().eq_ignore_ascii_case(wanted.trim()))
    };
    let Some((unknown, _)) = args.reading.roles.iter().find(|(column, _)| !known(column)) else {
        return false;
    };
    let headers: Vec<String> = columns
        .iter()
        .map(|c| crate::import::problems::shown(&c.header))
        .collect();
    let message = said(
        args.lang,
        format!(
            "--role: ingen kolonne hedder «{unknown}»; kolonnerne er: {}",
            headers.join(" | ")
        ),
        format!(
            "--role: no column is called “{unknown}”; the columns are: {}",
            headers.join(" | ")
        ),
    );
    tell!(err, "valgpuls: {message}");
    true
}

fn report_problems(import: &Import, args: &Args, err: &mut dyn Write) -> bool {
    if import.is_clean() {
        // Warnings: the numbers are right, and the user should know what they rest on.
        tell_problems(err, &import.problems, args.lang);
        return true;
    }
    tell_problems(err, &import.problems, args.lang);
    if args.skip_invalid && !import.has_fatal_problems() && import.dataset.answer_count() == 0 {
        tell!(
            err,
            "{}",
            args.lang.pick(
                "Ingen gyldige rækker tilbage efter --skip-invalid: intet at vise.",
                "No valid rows left after --skip-invalid: nothing to show."
            )
        );
        return false;
    }
    if args.skip_invalid && !import.has_fatal_problems() {
        let dropped = import.rows_rejected() as u64;
        tell!(
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
        tell!(
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

/// The import options of the reading flags, or the exit code of a usage error.
fn options_or_exit(args: &Args, err: &mut dyn Write) -> Result<ImportOptions, u8> {
    import_options(&args.reading, args.lang).map_err(|message| {
        tell!(err, "valgpuls: {message}");
        2
    })
}

fn run_summary(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let options = match options_or_exit(args, err) {
        Ok(options) => options,
        Err(code) => return code,
    };
    let import = import_or_sample(&args.files, &options);
    if unknown_role_column(&import, args, err) {
        return 2;
    }
    if !report_problems(&import, args, err) {
        return 1;
    }
    let dataset = &import.dataset;
    // A question named as the files' questions are told apart: any case, with or without
    // its "?".
    let mut questions = Vec::new();
    for wanted in &args.questions {
        let key = crate::dataset::name_key(wanted);
        let Some(known) = dataset.questions.iter().find(|q| crate::dataset::name_key(q) == key) else {
            tell!(
                err,
                "valgpuls: {} «{wanted}»; {}: {}",
                args.lang.pick("intet spørgsmål hedder", "no question is called"),
                args.lang.pick("spørgsmålene er", "the questions are"),
                dataset.questions.join(" | ")
            );
            return 2;
        };
        questions.push(known.clone());
    }
    let filter = Filter {
        questions,
        ..Filter::default()
    };
    let results = match analyse_with(dataset, &filter, args.min_n) {
        Ok(results) => results,
        Err(error) => {
            tell!(err, "valgpuls: {error}");
            return 1;
        }
    };
    let (summary, lang) = (&results.summary, args.lang);
    let note = suppression_note(&results.suppression, lang);
    let text = match args.format {
        Format::Text => {
            let mut text = summary_text(summary, lang);
            if let Some(note) = &note {
                text.push_str(&format!("\n{note}\n"));
            }
            let comparisons = comparisons_text(&results.comparisons, lang);
            if !comparisons.is_empty() {
                text.push('\n');
                text.push_str(&comparisons);
            }
            text
        }
        Format::Csv => summary_csv(summary, lang),
        Format::Json => summary_json(summary, &results.comparisons, lang) + "\n",
    };
    if let (Some(note), Format::Csv) = (&note, args.format) {
        // The CSV holds only rows of numbers: the note goes beside it.
        tell!(err, "{note}");
    }
    emit(out, err, &text)
}

fn run_check(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let options = match options_or_exit(args, err) {
        Ok(options) => options,
        Err(code) => return code,
    };
    let import = import_or_sample(&args.files, &options);
    if unknown_role_column(&import, args, err) {
        return 2;
    }
    let lang = args.lang;
    let mut text = String::new();
    for report in &import.files {
        text.push_str(&file_report_text(report, lang));
        text.push('\n');
    }
    if import.is_clean() {
        text.push_str(lang.pick("Ingen problemer.\n", "No problems.\n"));
        if !import.problems.is_empty() {
            text.push_str(lang.pick("Bemærk:\n", "Note:\n"));
            text.push_str(&list_problems(&import.problems, PROBLEMS_SHOWN, lang));
        }
        return emit(out, err, &text);
    }
    let count = import.problems.iter().filter(|p| p.is_error()).count() as u64;
    text.push_str(&match lang {
        _ if count == 1 => "1 problem:\n".to_string(),
        Lang::Da => format!("{} problemer:\n", lang.count(count)),
        Lang::En => format!("{} problems:\n", lang.count(count)),
    });
    text.push_str(&list_problems(&import.problems, PROBLEMS_SHOWN, lang));
    match emit(out, err, &text) {
        0 => 1,
        failed => failed,
    }
}

fn run_report(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(out_dir) = &args.out else {
        tell!(
            err,
            "valgpuls: report {}\n\n{}",
            args.lang.pick("kræver --out MAPPE", "needs --out DIR"),
            usage(args.lang)
        );
        return 2;
    };
    let timeline = match &args.timeline {
        None => crate::timeline::Timeline::default(),
        Some(path) => {
            let loaded = std::fs::read(path)
                .map_err(|e| format!("{}: {}", path.display(), args.lang.system_error(&e)))
                .and_then(|bytes| {
                    crate::timeline::Timeline::from_csv(&path.display().to_string(), &bytes)
                        .map_err(|e| e.message(args.lang))
                });
            match loaded {
                Ok(timeline) => timeline,
                Err(message) => {
                    tell!(err, "valgpuls: {message}");
                    return 1;
                }
            }
        }
    };
    let import_options = match options_or_exit(args, err) {
        Ok(options) => options,
        Err(code) => return code,
    };
    // A file read for the report is never in the folder the report replaces.
    let inside = std::fs::canonicalize(out_dir).ok().and_then(|folder| {
        args.files
            .iter()
            .find(|file| std::fs::canonicalize(file).is_ok_and(|file| file.starts_with(&folder)))
    });
    if let Some(file) = inside {
        let file = file.display();
        tell!(
            err,
            "valgpuls: {}",
            args.lang.pick(
                &format!(
                    "«{file}» ligger i rapportens mappe, som rapporten skriver over: vælg en anden mappe med --out"
                ),
                &format!(
                    "“{file}” is in the report's folder, which the report writes over: choose another folder with --out"
                ),
            )
        );
        return 2;
    }
    let import = import_or_sample(&args.files, &import_options);
    if unknown_role_column(&import, args, err) {
        return 2;
    }
    if !report_problems(&import, args, err) {
        return 1;
    }
    let options = crate::report::ReportOptions {
        out_dir: out_dir.clone(),
        width: args.size.0,
        height: args.size.1,
        lang: args.lang,
        force: args.force,
        min_n: args.min_n,
        sample: args.files.is_empty(),
        pptx: args.pptx,
        fail_after_files: None,
    };
    match crate::report::write_report(&import.dataset, &timeline, &options) {
        Ok(files) => {
            let list: String = files.iter().map(|file| format!("{}\n", file.display())).collect();
            emit(out, err, &list)
        }
        Err(e) => {
            tell!(err, "valgpuls: {}: {}", out_dir.display(), args.lang.system_error(&e));
            1
        }
    }
}
