//! The summary and the import diagnostics as text for a terminal, CSV and JSON.

// Text is built in Strings, whose `write!` cannot fail: the `let _ = write!`s drop nothing.
use std::fmt::Write as _;

use crate::analysis::{Stats, Summary, WaveRow};
use crate::import::problems::{escaped, shown};
use crate::import::{FileReport, Layout, Role};
use crate::locale::Lang;

/// A name from the data as a terminal shows it: in the language, control characters as
/// escapes, at most 80 characters.
fn shown_name(lang: Lang, value: &str) -> String {
    shown(&lang.data_value(value))
}

/// Pads to a width in characters (not bytes: "Klargøring" is 10 wide).
fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

fn pad_left(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{}{text}", " ".repeat(width.saturating_sub(len)))
}

fn mean_text(mean: Option<f64>, lang: Lang) -> String {
    mean.map_or_else(|| "–".to_string(), |m| lang.number(m, 2))
}

/// "3,64–3,84"; a cut interval ends in ‡ (cut at the scale); none below 5 answers.
fn ci_text(stats: &Stats, lang: Lang) -> String {
    stats.ci95.map_or_else(
        || "–".to_string(),
        |[low, high]| {
            let mark = if stats.ci95_clipped { "‡" } else { "" };
            format!("{}–{}{mark}", lang.number(low, 2), lang.number(high, 2))
        },
    )
}

/// The deck's table, then the details behind every figure.
pub fn summary_text(summary: &Summary, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "Tilfredshed (skala 1-5), samlet gennemsnit",
            "Satisfaction (scale 1-5), overall average"
        )
    );
    out.push('\n');
    summary_table(summary, lang, &mut out);
    out.push('\n');
    summary_notes(summary, lang, &mut out);
    out.push('\n');
    out.push_str(&details_text(summary, lang));
    out
}

/// The deck's table: a row per wave, a column per phase, the total rollout last.
fn summary_table(summary: &Summary, lang: Lang, out: &mut String) {
    let total_header = lang.pick("Total udrulning¹", "Total rollout¹");
    let total_width = total_header.chars().count() + 2;
    let wave_header = lang.pick("Rul", "Wave");
    let phases: Vec<String> = summary.phases.iter().map(|p| shown_name(lang, p)).collect();
    let first_width = summary
        .waves
        .iter()
        .map(|w| shown_name(lang, &w.wave).chars().count())
        .chain([wave_header.len()])
        .max()
        .unwrap_or(5)
        + 2;
    let widths: Vec<usize> = phases.iter().map(|p| p.chars().count().max(6) + 2).collect();
    out.push_str(&pad(wave_header, first_width));
    for (phase, width) in phases.iter().zip(&widths) {
        out.push_str(&pad_left(phase, *width));
    }
    let _ = writeln!(out, "{}", pad_left(total_header, total_width));
    for wave in &summary.waves {
        out.push_str(&pad(&shown_name(lang, &wave.wave), first_width));
        for (phase, width) in summary.phases.iter().zip(&widths) {
            out.push_str(&pad_left(&cell_text(wave, phase, lang), *width));
        }
        let _ = writeln!(out, "{}", pad_left(&wave_total_text(wave, lang), total_width));
    }
}

/// A cell's mean, "skjult" where it is hidden, with * when it holds few answers.
fn cell_text(wave: &WaveRow, phase: &str, lang: Lang) -> String {
    let cell = wave.cell(phase);
    let mut text = if wave.is_hidden(phase) {
        lang.pick("skjult", "hidden").to_string()
    } else {
        mean_text(cell.and_then(|c| c.stats.mean), lang)
    };
    if cell.is_some_and(|c| c.stats.is_small()) {
        text.push('*');
    }
    text
}

/// A wave's mean of phase means, hidden when one of its phases is.
fn wave_total_text(wave: &WaveRow, lang: Lang) -> String {
    let mut total = if wave.hidden_phases.is_empty() {
        mean_text(wave.total.mean_of_phases, lang)
    } else {
        lang.pick("skjult", "hidden").to_string()
    };
    // A total built from a small cell is marked like the cell.
    if wave.total.from_small_cell {
        total.push('*');
    }
    total
}

/// Below the table: what the total is, every wave's answers pooled, what * and "skjult" mean.
fn summary_notes(summary: &Summary, lang: Lang, out: &mut String) {
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "¹ Total udrulning = gennemsnittet af fasernes gennemsnit (som i præsentationen).",
            "¹ Total rollout = the mean of the phase means (as in the deck)."
        )
    );
    let pooled: Vec<String> = summary
        .waves
        .iter()
        .map(|w| {
            format!(
                "{} {} (n = {})",
                shown_name(lang, &w.wave),
                mean_text(w.total.pooled_mean, lang),
                lang.count(w.total.n)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "  {} {}",
        lang.pick("Alle svar samlet:", "All answers pooled:"),
        pooled.join("; ")
    );
    if summary.waves.iter().any(|w| w.cells.iter().any(|c| c.stats.is_small())) {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick(
                "* færre end 10 svar (en total med * er bygget af et sådant felt)",
                "* fewer than 10 answers (a total with * is built from such a cell)"
            )
        );
    }
    if summary.waves.iter().any(|w| !w.hidden_phases.is_empty()) || !summary.hidden_waves.is_empty() {
        hidden_notes(summary, lang, out);
    }
}

/// What "skjult" means, and which waves left the table altogether.
fn hidden_notes(summary: &Summary, lang: Lang, out: &mut String) {
    let min_n = summary.min_n.unwrap_or(0);
    let _ = writeln!(
        out,
        "  {}",
        match lang {
            Lang::Da =>
                format!("skjult: færre end {min_n} svar, eller skjult så et lille felt ikke kan regnes ud af totalen"),
            Lang::En => format!(
                "hidden: fewer than {min_n} answers, or hidden so a small cell cannot be worked out from the total"
            ),
        }
    );
    if !summary.hidden_waves.is_empty() {
        let names: Vec<String> = summary.hidden_waves.iter().map(|w| shown_name(lang, w)).collect();
        let _ = writeln!(
            out,
            "  {} {}",
            lang.pick(
                "Skjulte rul (for få svar i alt):",
                "Hidden waves (too few answers in all):"
            ),
            names.join(", ")
        );
    }
}

/// Every cell, every wave's two totals and the overall, with n, SD, interval and "don't know".
fn details_text(summary: &Summary, lang: Lang) -> String {
    let headers = [
        lang.pick("Rul", "Wave"),
        lang.pick("Fase", "Phase"),
        "n",
        lang.pick("Gns.", "Mean"),
        lang.pick("Sd", "SD"),
        lang.pick("95%-KI", "95% CI"),
        lang.pick("Ved ikke", "Don't know"),
    ];
    let rows = detail_rows(summary, lang);
    let mut out = aligned(&headers, &rows);
    details_notes(summary, lang, &mut out);
    out
}

fn detail_row(wave: &str, phase: String, stats: &Stats, lang: Lang) -> [String; 7] {
    [
        shown_name(lang, wave),
        phase,
        lang.count(stats.n),
        mean_text(stats.mean, lang),
        stats.sd.map_or_else(|| "–".to_string(), |sd| lang.number(sd, 2)),
        ci_text(stats, lang),
        lang.count(stats.dont_know),
    ]
}

fn detail_rows(summary: &Summary, lang: Lang) -> Vec<[String; 7]> {
    let pooled_label = lang.pick("Alle svar samlet", "All answers pooled");
    let mut rows: Vec<[String; 7]> = Vec::new();
    for wave in &summary.waves {
        for cell in &wave.cells {
            rows.push(detail_row(&wave.wave, shown_name(lang, &cell.phase), &cell.stats, lang));
        }
        if let Some(mean) = wave.total.mean_of_phases.filter(|_| wave.cells.len() > 1) {
            // The deck's total with its own interval, not the pooled one.
            let of_phases = Stats {
                n: wave.total.phases_n,
                mean: Some(mean),
                sd: None,
                ci95: wave.total.mean_of_phases_ci95,
                ci95_clipped: wave.total.mean_of_phases_ci95_clipped,
                dont_know: wave.total.dont_know,
            };
            let label = lang.pick("Total udrulning (gns. af faser)", "Total rollout (mean of phases)");
            rows.push(detail_row(&wave.wave, label.to_string(), &of_phases, lang));
        }
        rows.push(detail_row(
            &wave.wave,
            pooled_label.to_string(),
            &wave.total.pooled(),
            lang,
        ));
    }
    rows.push(detail_row(
        lang.pick("Alle rul", "All waves"),
        pooled_label.to_string(),
        &summary.overall.pooled(),
        lang,
    ));
    rows
}

/// The headers and rows in columns as wide as their widest text: the first two (names) to
/// the left, the numbers to the right.
fn aligned(headers: &[&str; 7], rows: &[[String; 7]]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let texts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                if i < 2 {
                    pad(cell, *width)
                } else {
                    pad_left(cell, *width)
                }
            })
            .collect();
        let _ = writeln!(out, "{}", texts.join("  ").trim_end());
    };
    line(headers.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// What ‡ means, and why some cells have no interval.
fn details_notes(summary: &Summary, lang: Lang, out: &mut String) {
    let stats = summary.waves.iter().flat_map(|w| w.cells.iter().map(|c| c.stats));
    let cut = stats.clone().any(|s| s.ci95_clipped);
    let without = stats.clone().any(|s| s.mean.is_some() && s.ci95.is_none());
    if cut {
        let _ = writeln!(
            out,
            "‡ {}",
            lang.pick(
                "intervallet er skåret af ved skalaens ende (1 eller 5)",
                "the interval is cut at the end of the scale (1 or 5)"
            )
        );
    }
    if without {
        let _ = writeln!(
            out,
            "{} {}",
            lang.pick("Intet interval under", "No interval below"),
            match lang {
                Lang::Da => format!(
                    "{} svar: det ville sige mere end dataene kan.",
                    Stats::MIN_N_FOR_INTERVAL
                ),
                Lang::En => format!(
                    "{} answers: it would claim more than the data can.",
                    Stats::MIN_N_FOR_INTERVAL
                ),
            }
        );
    }
}

/// One row per wave × phase and per wave total; `;` and decimal comma in Danish (opens right
/// in Danish Excel), `,` and point in English. Written by the one CSV writer every export
/// uses (quoting, formula-like text neutralised), without a BOM: it goes to a terminal or a
/// pipe.
pub fn summary_csv(summary: &Summary, lang: Lang) -> String {
    use crate::export::table::{Table, Value, write_csv};
    let headers = match lang {
        Lang::Da => [
            "rul",
            "fase",
            "n",
            "gennemsnit",
            "sd",
            "ki95_nedre",
            "ki95_oevre",
            "ved_ikke",
        ],
        Lang::En => ["wave", "phase", "n", "mean", "sd", "ci95_low", "ci95_high", "dont_know"],
    };
    let number = |value: Option<f64>| value.map_or(Value::Empty, |v| Value::Number(v, 4));
    let row = |wave: &str, phase: &str, n: u64, mean: Option<f64>, sd: Option<f64>, ci: Option<[f64; 2]>, dont_know| {
        vec![
            Value::Text(wave.to_string()),
            Value::Text(phase.to_string()),
            Value::Count(n),
            number(mean),
            number(sd),
            number(ci.map(|c| c[0])),
            number(ci.map(|c| c[1])),
            Value::Count(dont_know),
        ]
    };
    let mut rows = Vec::new();
    for wave in &summary.waves {
        for cell in &wave.cells {
            let s = &cell.stats;
            rows.push(row(&wave.wave, &cell.phase, s.n, s.mean, s.sd, s.ci95, s.dont_know));
        }
        let t = &wave.total;
        let of_phases = lang.pick(
            "Total udrulning (gennemsnit af faser)",
            "Total rollout (mean of phase means)",
        );
        rows.push(row(
            &wave.wave,
            of_phases,
            t.n,
            t.mean_of_phases,
            None,
            t.mean_of_phases_ci95,
            t.dont_know,
        ));
        let pooled = lang.pick("Alle svar samlet", "All answers pooled");
        rows.push(row(&wave.wave, pooled, t.n, t.pooled_mean, t.sd, t.ci95, t.dont_know));
    }
    let table = Table {
        name: String::new(),
        headers: headers.map(String::from).to_vec(),
        rows,
    };
    String::from_utf8_lossy(&write_csv(&table, lang, false)).into_owned()
}

/// What `check` prints for one file: what was detected.
pub fn file_report_text(report: &FileReport, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", escaped(&report.file));
    // A file that could not be opened, or held nothing to read (empty, binary, a header
    // only): what would be detected is empty, and the problem below says why.
    if report.columns.is_empty() && report.rows_read == 0 {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick(
                "Intet læst, se problemet nedenfor.",
                "Nothing read, see the problem below."
            )
        );
        return out;
    }
    let mut fields = Fields { out, lang };
    file_format_fields(report, &mut fields);
    if !report.columns.is_empty() {
        columns_text(report, lang, &mut fields.out);
    }
    answer_fields(report, &mut fields);
    fields.out
}

/// The report's "label: value" lines, the labels in a column of their own.
struct Fields {
    out: String,
    lang: Lang,
}

impl Fields {
    fn field(&mut self, label_da: &str, label_en: &str, value: String) {
        let label = format!("{}:", self.lang.pick(label_da, label_en));
        let _ = writeln!(self.out, "  {} {}", pad(&label, 18), value);
    }
}

/// How the file is written: tool, sheet, companions, encoding, separator, decimal mark, layout.
fn file_format_fields(report: &FileReport, fields: &mut Fields) {
    let lang = fields.lang;
    if let Some(tool) = report.tool {
        let rows = if report.header_rows > 1 {
            lang.pick(", to overskriftslinjer", ", two header rows")
        } else {
            ""
        };
        fields.field("Værktøj", "Tool", format!("{}{rows}", tool.name()));
    }
    if let Some(sheet) = &report.sheet {
        fields.field("Ark", "Sheet", shown(sheet));
    }
    if !report.companions.is_empty() {
        fields.field("Brugt med", "Used with", report.companions.join(", "));
    }
    if let Some(encoding) = report.encoding {
        let name = encoding.label().replace(" med ", lang.pick(" med ", " with "));
        fields.field("Tegnsæt", "Encoding", name);
    }
    if let Some(separator) = report.separator {
        let name = match separator {
            '\t' => lang.pick("tabulator", "tab").to_string(),
            other => format!("'{other}'"),
        };
        fields.field("Separator", "Separator", name);
    }
    fields.field("Decimaltegn", "Decimal mark", decimals_text(report, lang));
    if let Some(layout) = report.layout {
        let text = match layout {
            Layout::Wide => lang.pick("bredt (en kolonne pr. spørgsmål)", "wide (a column per question)"),
            Layout::Long => lang.pick(
                "langt (spørgsmål- og score-kolonne)",
                "long (question and score columns)",
            ),
        };
        fields.field("Format", "Layout", text.to_string());
    }
}

/// Which decimal marks the numbers had, and how often.
fn decimals_text(report: &FileReport, lang: Lang) -> String {
    match (report.decimal_commas, report.decimal_points) {
        (0, 0) => lang.pick("ingen decimaltal set", "no decimal numbers seen").to_string(),
        (c, 0) => format!("{} ({c})", lang.pick("komma", "comma")),
        (0, p) => format!("{} ({p})", lang.pick("punktum", "point")),
        (c, p) => format!(
            "{} ({c}), {} ({p})",
            lang.pick("komma", "comma"),
            lang.pick("punktum", "point")
        ),
    }
}

/// One line of the column list: number (or range), header, role, reason, question text.
struct ColumnLine<'a> {
    number: String,
    header: String,
    role: &'a str,
    reason: String,
    text: Option<String>,
}

/// Every column with its role and the reason for it; how many are averaged in a wide file.
fn columns_text(report: &FileReport, lang: Lang, out: &mut String) {
    let _ = writeln!(out, "  {}:", lang.pick("Kolonner", "Columns"));
    let role_width = report
        .columns
        .iter()
        .map(|c| role_name(c.role, lang).chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let lines = column_lines(report, lang);
    let number_width = lines.iter().map(|l| l.number.chars().count()).max().unwrap_or(0);
    let header_width = lines.iter().map(|l| l.header.chars().count()).max().unwrap_or(0) + 2;
    for line in &lines {
        let _ = writeln!(
            out,
            "    {} {}{}{}",
            pad_left(&line.number, number_width),
            pad(&line.header, header_width),
            pad(line.role, role_width),
            line.reason
        );
        if let Some(text) = &line.text {
            let _ = writeln!(
                out,
                "    {} {}«{text}»",
                " ".repeat(number_width),
                " ".repeat(header_width)
            );
        }
    }
    let averaged = report.columns.iter().filter(|c| c.role == Role::QuestionColumn).count();
    let left_out = report.columns.iter().filter(|c| c.role == Role::Ignore).count();
    if report.layout == Some(Layout::Wide) {
        let _ = writeln!(
            out,
            "  {}",
            match lang {
                Lang::Da => format!("{averaged} kolonner regnes som spørgsmål, {left_out} er udeladt."),
                Lang::En => format!("{averaged} columns are averaged as questions, {left_out} are left out."),
            }
        );
    }
}

/// A line per column; a run of left-out system columns (SurveyXact has dozens) is one line.
fn column_lines(report: &FileReport, lang: Lang) -> Vec<ColumnLine<'static>> {
    let columns = &report.columns;
    let mut lines = Vec::new();
    let mut i = 0;
    while let Some(column) = columns.get(i) {
        let run = columns
            .iter()
            .skip(i)
            .take_while(|c| c.role == Role::Ignore && c.role == column.role && c.reason == column.reason)
            .count();
        let (number, header) = if run >= 3 {
            let last = columns.get(i + run - 1).map_or("", |c| c.header.as_str());
            (
                format!("{}-{}", i + 1, i + run),
                format!("{} … {}", shown(&column.header), shown(last)),
            )
        } else {
            (format!("{}", i + 1), shown(&column.header))
        };
        let text = column
            .text
            .as_ref()
            .filter(|t| **t != column.header && column.role != Role::Ignore)
            .map(|t| shorten(&escaped(t), 70));
        lines.push(ColumnLine {
            number,
            header,
            role: role_name(column.role, lang),
            reason: column.reason.describe(lang),
            text,
        });
        i += if run >= 3 { run } else { 1 };
    }
    lines
}

/// What the answers were read as: the date order, the answer labels, the rows and answers.
fn answer_fields(report: &FileReport, fields: &mut Fields) {
    let lang = fields.lang;
    if let Some(date) = &report.date {
        let order = match date.order {
            Some(crate::dates::DateOrder::DayFirst) => lang.pick("dag før måned", "day before month"),
            Some(crate::dates::DateOrder::MonthFirst) => {
                lang.pick("måned før dag (fx 08/19/2024)", "month before day (e.g. 08/19/2024)")
            }
            None if date.unambiguous => lang.pick("entydige (fx 2024-08-19)", "unambiguous (e.g. 2024-08-19)"),
            None => lang.pick("kan ikke afgøres", "cannot be decided"),
        };
        fields.field("Datoer", "Dates", format!("«{}», {order}", date.column));
    }
    if !report.labels.is_empty() {
        let labels: Vec<String> = report
            .labels
            .iter()
            .map(|(label, value)| match value {
                Some(v) => format!("{} = {}", shown(label), lang.number(*v, 0)),
                None => format!("{} = {}", shown(label), lang.pick("ved ikke", "don't know")),
            })
            .collect();
        fields.field("Svarmuligheder", "Answer labels", labels.join(", "));
    }
    fields.field("Rækker", "Rows", rows_text(report, lang));
    if report.weeks_outside_scheme > 0 {
        let note = format!(
            "{} {}",
            lang.count(report.weeks_outside_scheme as u64),
            lang.pick(
                "svar har en uge uden for uge 1-5 og ingen fase",
                "answers have a week outside weeks 1-5 and no phase"
            )
        );
        fields.field("Bemærk", "Note", note);
    }
}

/// Rows read and rejected, answers and "don't know"s.
fn rows_text(report: &FileReport, lang: Lang) -> String {
    let count = |n: usize| lang.count(n as u64);
    match lang {
        Lang::Da => format!(
            "{} læst, {} afvist; {} svar, heraf {} «ved ikke»",
            count(report.rows_read),
            count(report.rows_rejected),
            count(report.answers),
            count(report.dont_know)
        ),
        Lang::En => format!(
            "{} read, {} rejected; {} answers, {} of them \"don't know\"",
            count(report.rows_read),
            count(report.rows_rejected),
            count(report.answers),
            count(report.dont_know)
        ),
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

fn role_name(role: Role, lang: Lang) -> &'static str {
    role.label(lang)
}
