//! The command line's words: the usage text in both languages, the options read into
//! [`Args`], and the import options the reading flags give. Every usage error is a sentence in
//! the language `--lang` asks for, wherever on the line it stands.

use std::path::PathBuf;

use crate::analysis::DEFAULT_MIN_N;
use crate::cli_args::arg_path;
use crate::dates::DateOrder;
use crate::import::{ImportOptions, Labels, Role, read_rows};
use crate::locale::Lang;
use crate::plan::Plan;

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
pub(super) fn usage(lang: Lang) -> &'static str {
    lang.pick(USAGE, USAGE_EN)
}

/// One of two messages, by language.
pub(super) fn said(lang: Lang, da: String, en: String) -> String {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// The language `--lang` asks for, looked up before anything else is read, so that a usage
/// error before or after it is said in it.
pub(super) fn asked_language(args: &[String]) -> Lang {
    args.windows(2)
        .filter(|pair| pair.first().is_some_and(|flag| flag == "--lang"))
        .find_map(|pair| pair.get(1).and_then(|value| Lang::parse(value)))
        .unwrap_or(Lang::Da)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Text,
    Csv,
    Json,
}

#[derive(Debug)]
pub(super) struct Args {
    pub(super) command: String,
    pub(super) files: Vec<PathBuf>,
    pub(super) format: Format,
    pub(super) questions: Vec<String>,
    pub(super) skip_invalid: bool,
    pub(super) lang: Lang,
    pub(super) out: Option<PathBuf>,
    pub(super) size: (u32, u32),
    pub(super) timeline: Option<PathBuf>,
    /// How to read the files (`--role`, `--dont-know`, `--labels`, `--plan`, `--date-order`).
    pub(super) reading: Reading,
    /// `report --force`: replace an existing report folder whole.
    pub(super) force: bool,
    /// `--min-n`: groups with fewer answers are hidden.
    pub(super) min_n: u64,
    /// `report --pptx`: a PowerPoint deck beside the other files, of this shape.
    pub(super) pptx: Option<crate::export::pptx::Aspect>,
}

/// The reading flags as given; files named by them are read once the arguments are parsed.
#[derive(Debug, Default)]
pub(super) struct Reading {
    pub(super) roles: Vec<(String, Role)>,
    pub(super) dont_know: Vec<String>,
    pub(super) labels: Vec<PathBuf>,
    pub(super) plan: Option<PathBuf>,
    pub(super) date_order: Option<DateOrder>,
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

pub(super) fn parse(args: &[String], lang: Lang) -> Result<Args, String> {
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
        if !belongs_to(&parsed.command, arg) {
            return Err(said(
                lang,
                format!("«{arg}» hører ikke til «{}»: se valgpuls --help", parsed.command),
                format!("“{arg}” is no option of “{}”: see valgpuls --help", parsed.command),
            ));
        }
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

/// Whether `flag` is one of `command`'s options (as the usage lists them): an option a
/// command would take and not use (`report --question`) is refused, not ignored.
fn belongs_to(command: &str, flag: &str) -> bool {
    const READING: [&str; 5] = ["--role", "--dont-know", "--labels", "--plan", "--date-order"];
    let own: &[&str] = match command {
        "summary" => &["--format", "--question", "--skip-invalid", "--min-n"],
        "check" => &[],
        "report" => &[
            "--out",
            "--force",
            "--pptx",
            "--aspect",
            "--size",
            "--timeline",
            "--skip-invalid",
            "--min-n",
        ],
        // Other commands take what they take; unknown options are told below.
        _ => return true,
    };
    !flag.starts_with("--") || flag == "--" || flag == "--lang" || READING.contains(&flag) || own.contains(&flag)
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
pub(super) fn import_options(reading: &Reading, lang: Lang) -> Result<ImportOptions, String> {
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
        let plan = Plan::from_rows_in(&rows, reading.date_order).map_err(|error| {
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
