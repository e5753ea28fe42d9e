//! The command line: `summary`, `check` and `report` (docs/DESIGN.md, a contract). Output goes to
//! the given writers so tests can read it; exit codes: 0 clean, 1 problems, 2 usage.

use std::io::Write;
use std::path::PathBuf;

use crate::analysis::{DEFAULT_MIN_N, Filter, analyse_with};
use crate::cli_args::arg_path;
pub use crate::cli_args::arg_text;
use crate::dates::DateOrder;
use crate::import::problems::list_problems;
use crate::import::{Import, ImportOptions, Labels, Role, Source, import_paths, import_sources, read_rows};
use crate::locale::Lang;
use crate::output::{file_report_text, summary_csv, summary_text};
use crate::plan::Plan;
use crate::verdicts::{comparisons_text, summary_json, suppression_note};

/// The sample check-in survey (the `sample` module), used where no file is given.
pub use crate::sample::{BYTES as SAMPLE_BYTES, NAME as SAMPLE_NAME};

pub const SUBCOMMANDS: [&str; 3] = ["summary", "check", "report"];
/// Problems printed before the rest are only counted.
const PROBLEMS_SHOWN: usize = 50;

pub const USAGE: &str = "\
valgpuls — tilfredshed i VALG-udrulningen pr. rul og fase

Brug:
  valgpuls                          åbn vinduet på de indbyggede eksempeldata
  valgpuls FIL...                   åbn vinduet på disse filer
  valgpuls summary [--format text|csv|json] [--question SPØRGSMÅL]... [--skip-invalid] [--min-n N] [--lang da|en] [LÆSNING] [FIL...]
  valgpuls check [--lang da|en] [LÆSNING] [FIL...]
  valgpuls report --out MAPPE [--force] [--pptx [--aspect 16:9|4:3]] [--size BxH] [--lang da|en] [--timeline FIL] [--skip-invalid] [--min-n N] [LÆSNING] [FIL...]

  --min-n N                grupper med færre end N svar skjules, også i eksporter (standard 5;
                           1 skjuler intet)

LÆSNING (når filen ikke selv kan sige det):
  --role \"KOLONNE=ROLLE\" en kolonnes rolle: wave, week, phase, date, municipality, question,
                           score, comment, category eller ignore (kan gentages)
  --dont-know VÆRDI        et svar der betyder «Ved ikke», fx 6 (kan gentages)
  --labels FIL             koder og deres tekster: kolonne;kode;tekst (som SurveyXacts labels.csv)
  --plan FIL               rulleplanen: rul;start[;kommune] (rul pr. kommune, uge ud fra dato)
  --date-order dmy|mdy     datoer som 05/08/2024: dag først (dmy) eller måned først (mdy)

Uden FIL bruges den indbyggede check-in-undersøgelse.
Exit-koder: 0 i orden, 1 problemer i data, 2 forkert brug.
";

pub const USAGE_EN: &str = "\
valgpuls — satisfaction in the VALG rollout per wave and phase

Usage:
  valgpuls                          open the window on the bundled sample data
  valgpuls FILE...                  open the window on these files
  valgpuls summary [--format text|csv|json] [--question QUESTION]... [--skip-invalid] [--min-n N] [--lang da|en] [READING] [FILE...]
  valgpuls check [--lang da|en] [READING] [FILE...]
  valgpuls report --out DIR [--force] [--pptx [--aspect 16:9|4:3]] [--size WxH] [--lang da|en] [--timeline FILE] [--skip-invalid] [--min-n N] [READING] [FILE...]

  --min-n N                groups with fewer than N answers are hidden, in exports too
                           (default 5; 1 hides nothing)

READING (where the file cannot say it itself):
  --role \"COLUMN=ROLE\"   a column's role: wave, week, phase, date, municipality, question,
                           score, comment, category or ignore (may be repeated)
  --dont-know VALUE        an answer that means \"don't know\", e.g. 6 (may be repeated)
  --labels FILE            codes and their texts: column;code;text (as SurveyXact's labels.csv)
  --plan FILE              the rollout plan: wave;start[;municipality] (wave per municipality,
                           week from the date)
  --date-order dmy|mdy     dates like 05/08/2024: day first (dmy) or month first (mdy)

Without FILE the bundled check-in survey is used.
Exit codes: 0 fine, 1 problems in the data, 2 wrong usage.
";

/// The usage text in a language.
fn usage(lang: Lang) -> &'static str {
    lang.pick(USAGE, USAGE_EN)
}

/// One of two messages, by language.
fn said(lang: Lang, da: String, en: String) -> String {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// The language `--lang` asks for, looked up before anything else is read, so that a usage
/// error before or after it is said in it.
fn asked_language(args: &[String]) -> Lang {
    args.windows(2)
        .filter(|pair| pair.first().is_some_and(|flag| flag == "--lang"))
        .find_map(|pair| pair.get(1).and_then(|value| Lang::parse(value)))
        .unwrap_or(Lang::Da)
}

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
    /// How to read the files (`--role`, `--dont-know`, `--labels`, `--plan`, `--date-order`).
    reading: Reading,
    /// `report --force`: replace an existing report folder whole.
    force: bool,
    /// `--min-n`: groups with fewer answers are hidden.
    min_n: u64,
    /// `report --pptx`: a PowerPoint deck beside the other files, of this shape.
    pptx: Option<crate::export::pptx::Aspect>,
}

/// The reading flags as given; files named by them are read once the arguments are parsed.
#[derive(Debug, Default)]
struct Reading {
    roles: Vec<(String, Role)>,
    dont_know: Vec<String>,
    labels: Vec<PathBuf>,
    plan: Option<PathBuf>,
    date_order: Option<DateOrder>,
}

impl Reading {
    /// A reading flag (`--role`, `--dont-know`, `--labels`, `--plan`, `--date-order`) and its value.
    fn take(&mut self, flag: &str, value: String, lang: Lang) -> Result<(), String> {
        match flag {
            "--role" => self.roles.push(parse_role(&value, lang)?),
            "--dont-know" => self.dont_know.push(value),
            "--labels" => self.labels.push(arg_path(&value)),
            "--plan" => self.plan = Some(arg_path(&value)),
            _ => self.date_order = Some(parse_date_order(&value, lang)?),
        }
        Ok(())
    }
}

impl Args {
    /// A command's arguments before any option is read.
    fn new(command: String) -> Args {
        Args {
            command,
            files: Vec::new(),
            format: Format::Text,
            questions: Vec::new(),
            skip_invalid: false,
            lang: Lang::Da,
            out: None,
            size: (1920, 1080),
            timeline: None,
            reading: Reading::default(),
            force: false,
            min_n: DEFAULT_MIN_N,
            pptx: None,
        }
    }
}

fn parse(args: &[String], lang: Lang) -> Result<Args, String> {
    let mut iter = args.iter();
    let mut parsed = Args::new(iter.next().cloned().unwrap_or_default());
    parsed.lang = lang;
    let mut aspect = crate::export::pptx::Aspect::Wide;
    let mut pptx = false;
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next().cloned().ok_or_else(|| {
                said(
                    lang,
                    format!("{name} mangler en værdi"),
                    format!("{name} needs a value"),
                )
            })
        };
        match arg.as_str() {
            "--format" => parsed.format = parse_format(&value("--format")?, lang)?,
            "--question" => parsed.questions.push(value("--question")?),
            "--skip-invalid" => parsed.skip_invalid = true,
            "--force" => parsed.force = true,
            "--pptx" => pptx = true,
            "--aspect" => {
                aspect = parse_aspect(&value("--aspect")?, lang)?;
                pptx = true;
            }
            "--lang" => {
                let text = value("--lang")?;
                parsed.lang = Lang::parse(&text).ok_or_else(|| {
                    said(
                        lang,
                        format!("ukendt sprog «{text}»: brug da eller en"),
                        format!("unknown language “{text}”: use da or en"),
                    )
                })?;
            }
            "--out" => parsed.out = Some(arg_path(&value("--out")?)),
            "--min-n" => parsed.min_n = parse_min_n(&value("--min-n")?, lang)?,
            "--timeline" => parsed.timeline = Some(arg_path(&value("--timeline")?)),
            "--size" => {
                let text = value("--size")?;
                parsed.size = parse_size(&text).ok_or_else(|| {
                    said(
                        lang,
                        format!("«{text}» er ikke en størrelse som 1920x1080 (16 til {MAX_SIDE} på hver led)"),
                        format!("“{text}” is not a size like 1920x1080 (16 to {MAX_SIDE} each way)"),
                    )
                })?;
            }
            flag @ ("--role" | "--dont-know" | "--labels" | "--plan" | "--date-order") => {
                parsed.reading.take(flag, value(flag)?, lang)?;
            }
            "--" => parsed.files.extend(iter.by_ref().map(|file| arg_path(file))),
            flag if flag.starts_with("--") => {
                return Err(said(
                    lang,
                    format!("ukendt tilvalg «{flag}»"),
                    format!("unknown option “{flag}”"),
                ));
            }
            file => parsed.files.push(arg_path(file)),
        }
    }
    parsed.pptx = pptx.then_some(aspect);
    Ok(parsed)
}

fn parse_format(text: &str, lang: Lang) -> Result<Format, String> {
    match text {
        "text" => Ok(Format::Text),
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        other => Err(said(
            lang,
            format!("ukendt format «{other}»: brug text, csv eller json"),
            format!("unknown format “{other}”: use text, csv or json"),
        )),
    }
}

fn parse_aspect(text: &str, lang: Lang) -> Result<crate::export::pptx::Aspect, String> {
    match text {
        "16:9" | "16x9" | "wide" => Ok(crate::export::pptx::Aspect::Wide),
        "4:3" | "4x3" | "standard" => Ok(crate::export::pptx::Aspect::Standard),
        other => Err(said(
            lang,
            format!("ukendt format «{other}»: brug 16:9 eller 4:3"),
            format!("unknown aspect “{other}”: use 16:9 or 4:3"),
        )),
    }
}

fn parse_min_n(text: &str, lang: Lang) -> Result<u64, String> {
    text.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
        said(
            lang,
            format!("--min-n «{text}»: skriv et helt tal fra 1 og op, fx 5"),
            format!("--min-n “{text}”: give a whole number from 1 up, e.g. 5"),
        )
    })
}

fn parse_date_order(text: &str, lang: Lang) -> Result<DateOrder, String> {
    match text.to_lowercase().as_str() {
        "dmy" | "day-first" | "dag" => Ok(DateOrder::DayFirst),
        "mdy" | "month-first" | "måned" => Ok(DateOrder::MonthFirst),
        other => Err(said(
            lang,
            format!("ukendt datorækkefølge «{other}»: brug dmy eller mdy"),
            format!("unknown date order “{other}”: use dmy or mdy"),
        )),
    }
}

/// "Sidste side=ignore": a header (which may hold '=') and a role after the last '='.
fn parse_role(text: &str, lang: Lang) -> Result<(String, Role), String> {
    let (column, role) = text.rsplit_once('=').ok_or_else(|| {
        said(
            lang,
            format!("--role «{text}»: skriv KOLONNE=ROLLE, fx \"Sidste side=ignore\""),
            format!("--role “{text}”: write COLUMN=ROLE, e.g. \"Last page=ignore\""),
        )
    })?;
    let role = match role.trim().to_lowercase().as_str() {
        "wave" | "rul" => Role::Wave,
        "week" | "uge" => Role::Week,
        "phase" | "fase" => Role::Phase,
        "date" | "dato" => Role::Date,
        "municipality" | "kommune" => Role::Municipality,
        "question" | "spørgsmål" => Role::Question,
        "score" => Role::Score,
        "comment" | "kommentar" => Role::Comment,
        "category" | "kategori" => Role::Category,
        "ignore" | "ignorer" => Role::Ignore,
        other => {
            return Err(said(
                lang,
                format!(
                    "ukendt rolle «{other}»: brug wave, week, phase, date, municipality, question, score, comment, category eller ignore"
                ),
                format!(
                    "unknown role “{other}”: use wave, week, phase, date, municipality, question, score, comment, category or ignore"
                ),
            ));
        }
    };
    if column.trim().is_empty() {
        return Err(said(
            lang,
            format!("--role «{text}»: kolonnens navn mangler"),
            format!("--role “{text}”: the column's name is missing"),
        ));
    }
    Ok((column.trim().to_string(), role))
}

/// The import options the reading flags give; a plan or labels file that cannot be read is
/// a message naming the file, its line and why.
fn import_options(reading: &Reading, lang: Lang) -> Result<ImportOptions, String> {
    let mut options = ImportOptions {
        dont_know: reading.dont_know.clone(),
        date_order: reading.date_order,
        ..ImportOptions::default()
    };
    options.role_overrides.extend(reading.roles.iter().cloned());
    let rows_of = |path: &PathBuf| {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {}", path.display(), lang.system_error(&e)))?;
        read_rows(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    for path in &reading.labels {
        let rows = rows_of(path)?;
        let labels = Labels::from_rows(&rows)
            .map_err(|error| format!("{}:{}: {}", path.display(), error.line, error.message(lang)))?;
        options.labels.merge(&labels);
    }
    if let Some(path) = &reading.plan {
        let rows = rows_of(path)?;
        let plan = Plan::from_rows(&rows).map_err(|error| {
            let place = match error.column {
                Some(column) => format!("{}:{}:{column}", path.display(), error.line),
                None => format!("{}:{}", path.display(), error.line),
            };
            format!("{place}: {}", error.message(lang))
        })?;
        options.plan = Some(plan);
    }
    Ok(options)
}

const MAX_SIDE: u32 = 8192;

fn parse_size(text: &str) -> Option<(u32, u32)> {
    let (width, height) = text
        .to_lowercase()
        .split_once('x')
        .map(|(w, h)| (w.trim().parse().ok(), h.trim().parse().ok()))?;
    let (width, height): (u32, u32) = (width?, height?);
    // Past 8192 a side an image takes gigabytes to draw and no slide needs it.
    ((16..=MAX_SIDE).contains(&width) && (16..=MAX_SIDE).contains(&height)).then_some((width, height))
}

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
    if let Some(unknown) = args.questions.iter().find(|q| !dataset.questions.contains(q)) {
        tell!(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1920x1080"), Some((1920, 1080)));
        assert_eq!(parse_size("1024X768"), Some((1024, 768)));
        assert_eq!(parse_size("0x10"), None);
        assert_eq!(parse_size("big"), None);
        // Past 8192 a side is refused before anything is drawn (16384² took 2.3 GB).
        assert_eq!(parse_size("8192x8192"), Some((8192, 8192)));
        assert_eq!(parse_size("16384x16384"), None);
        assert_eq!(parse_size("1920x8193"), None);
    }
}
