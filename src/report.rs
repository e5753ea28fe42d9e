//! `valgpuls report`: the summary as CSV and XLSX, every chart of the window as SVG and PNG
//! (the crosstabs as tall as their rows), with `--pptx` a PowerPoint deck of them all, and an
//! index.html that shows them all. The report is written whole into a fresh hidden
//! folder beside the target and moved into place only when every file is written: a report
//! folder is a whole new report or the old one untouched, never half of either.

use std::io;
use std::path::{Path, PathBuf};

use crate::analysis::suppress::{protect_comments, protect_crosstab};
use crate::analysis::{Filter, GroupBy, analyse_with, crosstab};
use crate::charts::{ChartOptions, ChartSpec};
use crate::dataset::Dataset;
use crate::deck::{ChartChoice, Charts, DeckItem, DeckRequest, MAX_CATEGORY_VALUES, every_chart, write_deck};
use crate::export::table::{Table, comments_table, crosstab_table, summary_table, to_csv, to_xlsx};
use crate::export::{Background, fitted_size, to_png, to_svg};
use crate::locale::Lang;
use crate::timeline::Timeline;

#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    pub out_dir: PathBuf,
    pub width: u32,
    pub height: u32,
    pub lang: Lang,
    /// Replace an existing report folder (whole). Without it a folder holding files is left
    /// alone and the report fails.
    pub force: bool,
    /// Groups with fewer answers are hidden in every file (`--min-n`, default 5).
    pub min_n: u64,
    /// The data is the bundled sample: every source line says "Eksempeldata".
    pub sample: bool,
    /// A PowerPoint deck of every chart beside the other files, 16:9 or 4:3.
    pub pptx: Option<crate::export::pptx::Aspect>,
    /// For fault tests: the write of this many files succeeds, the next one fails.
    #[doc(hidden)]
    pub fail_after_files: Option<usize>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            out_dir: PathBuf::new(),
            width: 0,
            height: 0,
            lang: Lang::default(),
            force: false,
            min_n: crate::analysis::DEFAULT_MIN_N,
            sample: false,
            pptx: None,
            fail_after_files: None,
        }
    }
}

/// Writes the report into `options.out_dir` and returns the files written, index.html last.
/// On any error the folder is as it was.
pub fn write_report(dataset: &Dataset, timeline: &Timeline, options: &ReportOptions) -> io::Result<Vec<PathBuf>> {
    let target = options.out_dir.as_path();
    let occupied = match std::fs::read_dir(target) {
        Ok(mut entries) => entries.next().is_some(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => false,
        Err(error) => return Err(error),
    };
    if target.exists() && !target.is_dir() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, "not a folder"));
    }
    if occupied && !options.force {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            options.lang.pick(
                "mappen findes og har filer: brug --force for at erstatte den helt",
                "the folder exists and holds files: use --force to replace it whole",
            ),
        ));
    }
    // Replacing a folder deletes what is in it: only an earlier report is replaced, never a
    // folder of the user's own files (their data, notes) given by mistake.
    if occupied && let Some(foreign) = not_of_a_report(target)? {
        let (da, en) = match foreign {
            Some(name) => (
                format!("mappen er ikke en tidligere rapport («{name}» hører ikke til en), så den erstattes ikke: vælg en ny eller tom mappe"),
                format!("the folder is not an earlier report (“{name}” is no part of one), so it is not replaced: choose a new or empty folder"),
            ),
            None => (
                "mappen er ikke en tidligere rapport (den har ingen index.html), så den erstattes ikke: vælg en ny eller tom mappe".into(),
                "the folder is not an earlier report (it has no index.html), so it is not replaced: choose a new or empty folder".into(),
            ),
        };
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            options.lang.pick(&da, &en),
        ));
    }
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The folder that refused is named: it is not always the report's own (a read-only parent).
    std::fs::create_dir_all(parent).map_err(naming(parent, options.lang))?;
    let staging =
        crate::files::create_temporary_dir(parent, "valgpuls-report").map_err(naming(parent, options.lang))?;
    let written = match write_files(dataset, timeline, options, &staging) {
        Ok(written) => written,
        Err(error) => {
            // The error is the write's; the half-written staging folder is removed with it.
            let _cleanup = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    if let Err(error) = swap_into_place(&staging, target, parent, options.lang) {
        let _cleanup = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    Ok(written
        .iter()
        .filter_map(|file| file.file_name())
        .map(|name| target.join(name))
        .collect())
}

/// Why an existing folder is not an earlier report: Some(its first entry a report does not
/// write: a folder, a file of another kind), or Some(None) when it has no index.html; None for
/// an earlier report.
fn not_of_a_report(folder: &Path) -> io::Result<Option<Option<String>>> {
    const WRITTEN: [&str; 6] = ["html", "csv", "xlsx", "svg", "png", "pptx"];
    let mut has_index = false;
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let extension = Path::new(&name).extension().and_then(|e| e.to_str()).unwrap_or("");
        if !entry.file_type()?.is_file() || !WRITTEN.iter().any(|e| e.eq_ignore_ascii_case(extension)) {
            return Ok(Some(Some(name)));
        }
        has_index |= name == "index.html";
    }
    Ok((!has_index).then_some(None))
}

/// An error that says which folder it happened in.
fn naming(folder: &Path, lang: Lang) -> impl Fn(io::Error) -> io::Error + '_ {
    move |error| {
        io::Error::new(
            error.kind(),
            format!("{}: {}", folder.display(), lang.system_error(&error)),
        )
    }
}

/// The staging folder becomes the target; an existing target is moved aside first and removed
/// only once the new one is in place (put back if that fails).
fn swap_into_place(staging: &Path, target: &Path, parent: &Path, lang: Lang) -> io::Result<()> {
    if !target.exists() {
        return std::fs::rename(staging, target);
    }
    let old = crate::files::create_temporary_dir(parent, "valgpuls-old-report").map_err(naming(parent, lang))?;
    // rename() over an existing folder needs it empty: the old report goes inside the
    // temporary one.
    let aside = old.join("report");
    if let Err(error) = std::fs::rename(target, &aside) {
        let _cleanup = std::fs::remove_dir(&old);
        return Err(naming(target, lang)(error));
    }
    if let Err(error) = std::fs::rename(staging, target) {
        let _restore_errors_are_reported_as_the_rename = std::fs::rename(&aside, target);
        let _cleanup = std::fs::remove_dir(&old);
        return Err(naming(target, lang)(error));
    }
    // The new report is complete; an old copy we fail to remove is a hidden folder, not a
    // stale file in the report.
    let _cleanup = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Every file of the report into `dir` (a fresh folder), index.html last.
fn write_files(
    dataset: &Dataset,
    timeline: &Timeline,
    options: &ReportOptions,
    dir: &Path,
) -> io::Result<Vec<PathBuf>> {
    let lang = options.lang;
    let results = analyse_with(dataset, &Filter::default(), options.min_n).map_err(io::Error::other)?;
    let note = crate::verdicts::suppression_note(&results.suppression, lang);
    let mut files = Files {
        dir,
        fail_after: options.fail_after_files,
        written: Vec::new(),
    };
    let summary = write_tables(&mut files, dataset, &results, note.as_deref(), options)?;
    let source = if options.sample {
        crate::charts::sample_source(lang).to_string()
    } else {
        source_name(dataset)
    };
    let choices = every_chart(dataset);
    let mut charts = chart_specs(dataset, timeline, &choices, options)?;
    for (name, spec) in &mut charts {
        spec.name_source(lang, &source);
        if let Some(note) = &note {
            spec.source = format!("{} · {note}", spec.source);
        }
        write_chart(&mut files, name, spec, options)?;
    }
    if let Some(aspect) = options.pptx {
        let request = DeckRequest {
            lang,
            aspect,
            title: String::new(),
            source: source.clone(),
            filter: Filter::default(),
            items: choices
                .into_iter()
                .map(|choice| DeckItem {
                    choice: Some(choice),
                    ..DeckItem::default()
                })
                .collect(),
            min_n: Some(options.min_n),
        };
        let deck = write_deck(dataset, timeline, &request).map_err(io::Error::other)?;
        files.put(DECK_NAME, &deck)?;
    }
    let table_files: Vec<String> = [
        "summary.csv",
        "comparisons.csv",
        "comments.csv",
        "summary.xlsx",
        DECK_NAME,
    ]
    .into_iter()
    .filter(|name| dir.join(name).exists())
    .map(String::from)
    .collect();
    let mut index = index_html(&charts, &summary, lang, &table_files);
    let extra = crate::verdicts::report_section(&results.comparisons, note.as_deref(), lang);
    index = index.replacen("<p>", &format!("{extra}<p>"), 1);
    files.put("index.html", index.as_bytes())?;
    Ok(files.written)
}

/// The report's folder and the files written into it so far.
struct Files<'a> {
    dir: &'a Path,
    /// For fault tests: the write after this many files fails.
    fail_after: Option<usize>,
    written: Vec<PathBuf>,
}

impl Files<'_> {
    /// One file, created new and synced; an error names the file that failed, not only the folder.
    fn put(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(name);
        if self.fail_after.is_some_and(|n| self.written.len() >= n) {
            let error = io::Error::new(io::ErrorKind::StorageFull, "no space left (fault test)");
            return Err(io::Error::new(error.kind(), format!("{name}: {error}")));
        }
        let write = || -> io::Result<()> {
            let mut file = crate::files::create_exclusive(&path)?;
            io::Write::write_all(&mut file, bytes)?;
            file.sync_all()
        };
        write().map_err(|error| io::Error::new(error.kind(), format!("{name}: {error}")))?;
        self.written.push(path);
        Ok(())
    }
}

/// The summary, comparisons and comments as CSV, and every table (crosstabs too) as sheets
/// of one workbook; the summary table back for the index page.
fn write_tables(
    files: &mut Files,
    dataset: &Dataset,
    results: &crate::analysis::Results,
    note: Option<&str>,
    options: &ReportOptions,
) -> io::Result<Table> {
    let lang = options.lang;
    let mut summary = summary_table(&results.summary, lang);
    if let Some(note) = note {
        // The table says that groups are hidden, in its last row.
        let mut row = vec![crate::export::table::Value::Text(note.to_string())];
        row.resize(summary.headers.len(), crate::export::table::Value::Empty);
        summary.rows.push(row);
    }
    files.put("summary.csv", &to_csv(&summary, lang))?;
    let mut tables: Vec<Table> = vec![summary.clone()];
    let comparisons = crate::verdicts::comparisons_table(&results.comparisons, lang);
    if !comparisons.rows.is_empty() {
        files.put("comparisons.csv", &to_csv(&comparisons, lang))?;
        tables.push(comparisons);
    }
    tables.extend(crosstab_tables(dataset, options)?);
    let (shown_comments, _) = protect_comments(dataset, options.min_n);
    if !shown_comments.is_empty() {
        let comments = comments_table(&shown_comments, lang);
        files.put("comments.csv", &to_csv(&comments, lang))?;
        tables.push(comments);
    }
    let sheets: Vec<&Table> = tables.iter().collect();
    files.put("summary.xlsx", &to_xlsx(&sheets).map_err(io::Error::other)?)?;
    Ok(summary)
}

/// A crosstab table per category column of 2 to MAX_CATEGORY_VALUES values, small groups hidden.
fn crosstab_tables(dataset: &Dataset, options: &ReportOptions) -> io::Result<Vec<Table>> {
    let mut tables = Vec::new();
    for (index, column) in dataset.categories.iter().enumerate() {
        let values = dataset.category_values(index).len();
        if !(2..=MAX_CATEGORY_VALUES).contains(&values) {
            continue;
        }
        let tab =
            crosstab(dataset, &Filter::default(), &GroupBy::Category(column.clone())).map_err(io::Error::other)?;
        let (tab, _) = protect_crosstab(&tab, options.min_n);
        let mut table = crosstab_table(&tab, options.lang);
        table.name = column.clone();
        tables.push(table);
    }
    Ok(tables)
}

/// Every chart of the window with its file name: bars, the distribution per wave, the trend,
/// the crosstabs. Waves or columns whose names make the same file name ("Rul 1", "rul-1",
/// "Rul 1?") each keep a chart of their own.
fn chart_specs(
    dataset: &Dataset,
    timeline: &Timeline,
    choices: &[ChartChoice],
    options: &ReportOptions,
) -> io::Result<Vec<(String, ChartSpec)>> {
    let lang = options.lang;
    let mut charts: Vec<(String, ChartSpec)> = Vec::new();
    let mut names = UniqueNames::default();
    let mut builder = Charts::new(dataset, timeline).with_min_n(options.min_n);
    for choice in choices {
        let built = builder
            .build(&Filter::default(), choice, &ChartOptions::default(), lang)
            .map_err(io::Error::other)?;
        let Some(built) = built else { continue };
        let name = match choice {
            ChartChoice::Table => continue,
            ChartChoice::Bars => "bars".to_string(),
            ChartChoice::Distribution(wave) => format!("distribution-{}", slug(wave)),
            ChartChoice::Trend => "trend".to_string(),
            ChartChoice::CrossTab(GroupBy::Category(column)) => format!("crosstab-{}", slug(column)),
            ChartChoice::CrossTab(by) => format!("crosstab-{}", slug(&choice_by(by, lang))),
        };
        charts.push((names.make(&name), built.spec));
    }
    Ok(charts)
}

/// A chart as SVG and PNG, as tall as its rows need.
fn write_chart(files: &mut Files, name: &str, spec: &ChartSpec, options: &ReportOptions) -> io::Result<()> {
    let (width, height) = fitted_size(spec, options.width, options.height);
    files.put(&format!("{name}.svg"), to_svg(spec, width, height).as_bytes())?;
    let png = to_png(spec, width, height, 1.0, Background::White).map_err(io::Error::other)?;
    files.put(&format!("{name}.png"), &png)
}

/// The deck's file name in the report folder.
pub const DECK_NAME: &str = "valgpuls.pptx";

/// The crosstab's column in a file name: "fase", "kommune".
fn choice_by(by: &GroupBy, lang: Lang) -> String {
    match by {
        GroupBy::Wave => lang.pick("rul", "wave"),
        GroupBy::Phase => lang.pick("fase", "phase"),
        GroupBy::Question => lang.pick("spoergsmaal", "question"),
        GroupBy::Municipality => lang.pick("kommune", "municipality"),
        GroupBy::Category(column) => column,
    }
    .to_string()
}

/// File names made unique by a number where two would be the same.
#[derive(Default)]
struct UniqueNames(std::collections::HashSet<String>);

impl UniqueNames {
    fn make(&mut self, name: &str) -> String {
        let mut unique = name.to_string();
        let mut n = 2;
        while !self.0.insert(unique.clone()) {
            unique = format!("{name}-{n}");
            n += 1;
        }
        unique
    }
}

/// The input files by name, for the source line: "Kilde: checkin-survey.csv, n = 1.477".
fn source_name(dataset: &Dataset) -> String {
    let names: Vec<String> = dataset
        .files
        .iter()
        .map(|f| {
            Path::new(f)
                .file_name()
                .map_or_else(|| f.clone(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    if names.is_empty() {
        "valgpuls".to_string()
    } else {
        names.join(", ")
    }
}

/// A file-name-safe form of a wave or column name: "Hvor ofte bruger du KLIK?" → "hvor-ofte-bruger-du-klik".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_end_matches('-').chars().take(60).collect::<String>();
    if out.is_empty() { "x".to_string() } else { out }
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn index_html(charts: &[(String, ChartSpec)], summary: &Table, lang: Lang, table_files: &[String]) -> String {
    let title = lang.pick("valgpuls: rapport", "valgpuls: report");
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{title}</title>\n<style>\
         body{{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;margin:2em;color:#1a1a1a}}\
         img{{max-width:100%;border:1px solid #ddd}} figure{{margin:2em 0}}\
         table{{border-collapse:collapse}} td,th{{border:1px solid #ccc;padding:.3em .6em}} td.n{{text-align:right}}\
         </style></head>\n<body>\n<h1>{title}</h1>\n",
        lang.pick("da", "en")
    );
    page.push_str("<table>\n<tr>");
    for header in &summary.headers {
        page.push_str(&format!("<th>{}</th>", html(header)));
    }
    page.push_str("</tr>\n");
    for row in &summary.rows {
        page.push_str("<tr>");
        for value in row {
            let (class, text) = match value {
                crate::export::table::Value::Text(t) => ("", t.clone()),
                crate::export::table::Value::Number(v, d) => (" class=\"n\"", lang.number(*v, *d)),
                crate::export::table::Value::Count(n) => (" class=\"n\"", lang.count(*n)),
                crate::export::table::Value::Empty => ("", String::new()),
            };
            page.push_str(&format!("<td{class}>{}</td>", html(&text)));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</table>\n<p>");
    for name in table_files {
        page.push_str(&format!("<a href=\"{0}\">{0}</a> ", html(name)));
    }
    page.push_str("</p>\n");
    for (name, spec) in charts {
        page.push_str(&format!(
            "<figure><img src=\"{name}.svg\" alt=\"{}\"><figcaption><a href=\"{name}.svg\">SVG</a> · \
             <a href=\"{name}.png\">PNG</a></figcaption></figure>\n",
            html(&spec.title)
        ));
    }
    page.push_str("</body>\n</html>\n");
    page
}
