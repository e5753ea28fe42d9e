//! A table for the clipboard as HTML, beside the tab-separated text: Excel and PowerPoint
//! paste HTML as a real table (cells, header row, numbers right-aligned) with the decimal
//! commas as they are shown.

use super::table::{Table, Value, neutralise, to_clipboard_text};
use super::text::escape;
use crate::locale::Lang;

/// The table as an HTML fragment: a header row of `<th>`, then one `<tr>` per row.
pub fn to_html(table: &Table, lang: Lang) -> String {
    let mut html = String::from(
        "<meta charset=\"utf-8\"><table style=\"border-collapse:collapse;font-family:Arial,sans-serif\">\n<tr>",
    );
    let cell_style = "border:1px solid #bfbfbf;padding:2px 8px";
    for header in &table.headers {
        html.push_str(&format!(
            "<th style=\"{cell_style};background:#084594;color:#ffffff\">{}</th>",
            escape(&neutralise(header))
        ));
    }
    html.push_str("</tr>\n");
    for row in &table.rows {
        html.push_str("<tr>");
        for value in row {
            let (text, number) = match value {
                Value::Text(t) => (neutralise(t), false),
                Value::Number(v, d) => (lang.number(*v, *d), true),
                Value::Count(n) => (lang.count(*n), true),
                Value::Empty => (String::new(), false),
            };
            let align = if number { ";text-align:right" } else { "" };
            html.push_str(&format!("<td style=\"{cell_style}{align}\">{}</td>", escape(&text)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
    html
}

/// What "Kopiér tabel" puts on the clipboard: HTML, and the same table as tab-separated text
/// for programs that take only text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClipboardTable {
    pub html: String,
    pub text: String,
}

pub fn clipboard_table(table: &Table, lang: Lang) -> ClipboardTable {
    ClipboardTable {
        html: to_html(table, lang),
        text: to_clipboard_text(table, lang),
    }
}
