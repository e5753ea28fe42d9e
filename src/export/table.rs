//! Tables out of the app: CSV that Danish Excel opens right (`;`, decimal comma, UTF-8 with BOM,
//! CRLF), XLSX with real numbers, and tab-separated text that pastes as a table into Excel and
//! PowerPoint. Text that Excel would run as a formula is neutralised everywhere.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::analysis::{CrossTab, Stats, Summary, Total};
use crate::dataset::Comment;
use crate::locale::Lang;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    /// A number shown with this many decimals (XLSX keeps the full value).
    Number(f64, usize),
    Count(u64),
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Sheet name in XLSX (at most 31 characters).
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Text starting with = + - @, a tab or a carriage return is a formula to Excel (CSV injection):
/// an apostrophe in front makes it plain text.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn mean(value: Option<f64>) -> Value {
    value.map_or(Value::Empty, |v| Value::Number(v, 2))
}

/// The deck's table: one row per wave, mean and n per phase, then the totals.
pub fn summary_table(summary: &Summary, lang: Lang) -> Table {
    let mut headers = vec![lang.pick("Rul", "Wave").to_string()];
    for phase in &summary.phases {
        let phase = lang.data_value(phase);
        headers.push(phase.clone());
        headers.push(format!("n ({phase})"));
    }
    headers.extend(
        [
            lang.pick("Total (gns. af faser)", "Total (mean of phases)"),
            lang.pick("Alle svar samlet", "All answers pooled"),
            "n",
            "SD",
            lang.pick("Ved ikke", "Don't know"),
        ]
        .map(String::from),
    );
    let total_row = |label: String, cells: Vec<Option<Stats>>, total: &Total| {
        let mut row = vec![Value::Text(label)];
        for stats in cells {
            row.push(mean(stats.and_then(|s| s.mean)));
            row.push(stats.map_or(Value::Empty, |s| Value::Count(s.n)));
        }
        row.extend([
            mean(total.mean_of_phases),
            mean(total.pooled_mean),
            Value::Count(total.n),
            mean(total.sd),
            Value::Count(total.dont_know),
        ]);
        row
    };
    let mut rows: Vec<Vec<Value>> = summary
        .waves
        .iter()
        .map(|wave| {
            let cells = summary.phases.iter().map(|p| wave.cell(p).map(|c| c.stats)).collect();
            total_row(lang.data_value(&wave.wave), cells, &wave.total)
        })
        .collect();
    let blanks = summary.phases.iter().map(|_| None).collect();
    rows.push(total_row(
        lang.pick("Alle", "All").to_string(),
        blanks,
        &summary.overall,
    ));
    Table {
        name: lang.pick("Oversigt", "Summary").to_string(),
        headers,
        rows,
    }
}

/// Mean, n, SD and "don't know" per value of the crosstab's column, then all answers.
pub fn crosstab_table(tab: &CrossTab, lang: Lang) -> Table {
    let row = |label: String, s: &Stats| {
        vec![
            Value::Text(label),
            mean(s.mean),
            Value::Count(s.n),
            mean(s.sd),
            Value::Count(s.dont_know),
        ]
    };
    let mut rows: Vec<Vec<Value>> = tab
        .rows
        .iter()
        .map(|r| row(lang.data_value(&r.value), &r.stats))
        .collect();
    rows.push(row(lang.pick("Alle", "All").to_string(), &tab.total));
    Table {
        name: lang.pick("Krydstabel", "Crosstab").to_string(),
        headers: [
            lang.pick("Værdi", "Value"),
            lang.pick("Gennemsnit", "Mean"),
            "n",
            "SD",
            lang.pick("Ved ikke", "Don't know"),
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

/// The free-text answers with where they came from.
pub fn comments_table(comments: &[Comment], lang: Lang) -> Table {
    let text = |v: Option<String>| v.map_or(Value::Empty, Value::Text);
    Table {
        name: lang.pick("Kommentarer", "Comments").to_string(),
        headers: [
            lang.pick("Rul", "Wave"),
            lang.pick("Uge", "Week"),
            lang.pick("Dato", "Date"),
            lang.pick("Kommune", "Municipality"),
            lang.pick("Spørgsmål", "Question"),
            lang.pick("Kommentar", "Comment"),
            lang.pick("Fil", "File"),
            lang.pick("Linje", "Line"),
        ]
        .map(String::from)
        .to_vec(),
        rows: comments
            .iter()
            .map(|c| {
                vec![
                    Value::Text(lang.data_value(&c.wave)),
                    c.week
                        // Weeks are 1-5 (the import refuses others), never negative.
                        .map_or(Value::Empty, |w| Value::Count(u64::try_from(w).unwrap_or(0))),
                    text(c.date.map(|d| lang.date(d))),
                    text(c.municipality.clone()),
                    text(c.question.clone()),
                    Value::Text(c.text.clone()),
                    Value::Text(c.file.clone()),
                    Value::Count(c.line),
                ]
            })
            .collect(),
    }
}

fn display(value: &Value, lang: Lang) -> String {
    match value {
        Value::Text(text) => neutralise(text),
        Value::Number(v, decimals) => lang.number(*v, *decimals),
        // Plain digits: a thousands separator would turn 1.487 into a decimal in the other locale.
        Value::Count(n) => n.to_string(),
        Value::Empty => String::new(),
    }
}

/// CSV as Excel in the language's locale opens it by double-click: Danish `;` with decimal
/// commas, English `,` with points; UTF-8 with a BOM (else Excel guesses Windows-1252) and CRLF.
pub fn to_csv(table: &Table, lang: Lang) -> Vec<u8> {
    write_csv(table, lang, true)
}

/// The one CSV writer: every field quoted where it must be (separators, quotes, line breaks),
/// formula-like text neutralised; with or without the BOM Excel wants.
pub fn write_csv(table: &Table, lang: Lang, bom: bool) -> Vec<u8> {
    let separator = match lang {
        Lang::Da => b';',
        Lang::En => b',',
    };
    let mut out = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    let headers = table.headers.iter().map(|h| neutralise(h));
    // Writing to a Vec cannot fail (the csv writer's only errors are its writer's).
    let _writing_to_a_vec_cannot_fail = writer.write_record(headers);
    for row in &table.rows {
        let _writing_to_a_vec_cannot_fail = writer.write_record(row.iter().map(|v| display(v, lang)));
    }
    drop(writer);
    out
}

/// Tab-separated lines for the clipboard: Excel and PowerPoint paste them as a table.
pub fn to_clipboard_text(table: &Table, lang: Lang) -> String {
    let clean = |text: String| text.replace(['\t', '\r', '\n'], " ");
    let mut lines = vec![
        table
            .headers
            .iter()
            .map(|h| clean(neutralise(h)))
            .collect::<Vec<_>>()
            .join("\t"),
    ];
    for row in &table.rows {
        lines.push(
            row.iter()
                .map(|v| clean(display(v, lang)))
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    lines.join("\r\n") + "\r\n"
}

pub fn summary_clipboard_text(summary: &Summary, lang: Lang) -> String {
    to_clipboard_text(&summary_table(summary, lang), lang)
}

/// Excel's limits: characters in a cell, rows in a sheet.
const MAX_CELL_CHARS: usize = 32_767;
const MAX_SHEET_ROWS: usize = 1_048_576;

/// One sheet per table, bold frozen header row, numbers as numbers (formatted to their
/// decimals, full precision kept), text as text. Where Excel's limits bite, the workbook says
/// so and holds what fits, never an invalid file: a cell past 32,767 characters is cut and
/// marked, a table past a sheet's rows goes on in the next sheet.
pub fn to_xlsx(tables: &[&Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let mut used: Vec<String> = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        let rows_per_sheet = MAX_SHEET_ROWS - 1;
        let parts = table.rows.len().div_ceil(rows_per_sheet).max(1);
        for part in 0..parts {
            let base = if parts > 1 {
                format!("{} {}", sheet_name(&table.name, index), part + 1)
            } else {
                sheet_name(&table.name, index)
            };
            let name = unique_sheet_name(&base, &used);
            used.push(name.clone());
            let sheet = workbook.add_worksheet();
            sheet.set_name(name)?;
            for (col, header) in (0u16..).zip(&table.headers) {
                sheet.write_string_with_format(0, col, cell_text(header), &bold)?;
            }
            let rows = table.rows.iter().skip(part * rows_per_sheet).take(rows_per_sheet);
            for (row, values) in (1u32..).zip(rows) {
                for (col, value) in (0u16..).zip(values) {
                    match value {
                        Value::Text(text) => {
                            sheet.write_string(row, col, cell_text(text))?;
                        }
                        Value::Number(v, decimals) if v.is_finite() => {
                            let format = Format::new().set_num_format(number_format(*decimals));
                            sheet.write_number_with_format(row, col, *v, &format)?;
                        }
                        Value::Count(n) => {
                            sheet.write_number(row, col, *n as f64)?;
                        }
                        Value::Number(..) | Value::Empty => {}
                    }
                }
            }
            sheet.set_freeze_panes(1, 0)?;
            sheet.autofit();
        }
    }
    workbook.save_to_buffer()
}

/// Text as a cell holds it: neutralised, valid XML, at most Excel's 32,767 characters (a
/// longer text is cut and says so).
fn cell_text(text: &str) -> String {
    let text = neutralise(&crate::export::text::xml_safe(text));
    // Excel counts UTF-16 units (an emoji is two).
    if text.encode_utf16().count() <= MAX_CELL_CHARS {
        return text;
    }
    const MARK: &str = " … [afkortet: over Excels grænse på 32.767 tegn]";
    let room = MAX_CELL_CHARS - MARK.encode_utf16().count();
    let mut cut = String::new();
    let mut units = 0;
    for c in text.chars() {
        units += c.len_utf16();
        if units > room {
            break;
        }
        cut.push(c);
    }
    cut.push_str(MARK);
    cut
}

/// A sheet name no other sheet has (Excel compares them without case).
fn unique_sheet_name(base: &str, used: &[String]) -> String {
    let taken = |name: &str| used.iter().any(|u| u.to_lowercase() == name.to_lowercase());
    let mut name = base.to_string();
    let mut n = 2;
    while taken(&name) || name.eq_ignore_ascii_case("history") {
        name = format!("{} {n}", base.chars().take(26).collect::<String>());
        n += 1;
    }
    name
}

fn number_format(decimals: usize) -> String {
    if decimals == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(decimals))
    }
}

/// Excel's rules: 1-31 characters counted in UTF-16 (an emoji is two; 24 here, leaving room
/// for a number on a clash), none of []:*?/\, no control characters.
fn sheet_name(name: &str, index: usize) -> String {
    let mut clean = String::new();
    let mut units = 0;
    for c in name.chars() {
        let c = if "[]:*?/\\".contains(c) || c.is_control() || !crate::export::text::is_xml_char(c) {
            '_'
        } else {
            c
        };
        units += c.len_utf16();
        if units > 24 {
            break;
        }
        clean.push(c);
    }
    let clean = clean.trim_matches('\'').trim().to_string();
    if clean.is_empty() {
        format!("{}", index + 1)
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever `check` accepts, the workbook holds: a comment past Excel's cell limit, emoji
    /// and clashing sheet names, characters XML forbids.
    #[test]
    fn awkward_text_makes_a_valid_workbook() {
        let long = "æ😀".repeat(20_000);
        let table = |name: &str| Table {
            name: name.to_string(),
            headers: vec!["Kommentar\u{FFFE}".into()],
            rows: vec![vec![Value::Text(long.clone())], vec![Value::Text("=1+1".into())]],
        };
        let (a, b, c) = (
            table("Kommentarer 😀😀😀😀😀😀😀😀😀😀😀😀"),
            table("kommentarer 😀😀😀😀😀😀😀😀😀😀😀😀"),
            table("History"),
        );
        let bytes = to_xlsx(&[&a, &b, &c]).expect("a valid workbook");
        assert!(bytes.starts_with(b"PK"));
        let cut = cell_text(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with("32.767 tegn]"));
        let names = [sheet_name(&a.name, 0), sheet_name(&b.name, 1)];
        assert!(names.iter().all(|n| n.encode_utf16().count() <= 24), "{names:?}");
    }

    #[test]
    fn a_line_break_and_a_separator_stay_inside_their_quoted_field() {
        let table = Table {
            name: "Ark".into(),
            headers: vec!["Navn".into(), "Tal".into()],
            rows: vec![vec![Value::Text("Rul\n2; igen".into()), Value::Count(3)]],
        };
        let csv = write_csv(&table, Lang::Da, false);
        assert_eq!(String::from_utf8(csv).unwrap(), "Navn;Tal\r\n\"Rul\n2; igen\";3\r\n");
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("Fint værktøj"), "Fint værktøj");
    }
}
