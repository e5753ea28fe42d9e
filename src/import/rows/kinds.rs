//! What a row or a value is before it is read as answers: a table's total or statistics row,
//! the header pasted again, Excel's error values, a code list whose codes are not their
//! scores, a tester's municipality.

use std::collections::BTreeMap;

use super::super::likert::{Answer, DecimalMark, parse_answer};
use super::Fields;

/// What the first cell of a table's total row says (Excel's "Total" row, a sum row typed in).
pub(super) fn is_total_label(text: &str) -> bool {
    // Excel's own words under a table: its totals, its statistics (Danish function names
    // too), the words people type there ("Gns.", "Samlet", "Hele landet") and what Data →
    // Subtotaler writes ("Rul 1 Gennemsnit", "Hovedgennemsnit").
    const TOTAL_LABELS: [&str; 42] = [
        "i alt",
        "ialt",
        "total",
        "totalt",
        "sum",
        "gennemsnit",
        "gns",
        "gns.",
        "snit",
        "samlet",
        "resultat",
        "alle kommuner",
        "hele landet",
        "average",
        "grand total",
        "subtotal",
        "totals",
        "middel",
        "middelværdi",
        "median",
        "typetal",
        "hyppigst",
        "mode",
        "mean",
        "min",
        "minimum",
        "maks",
        "max",
        "maksimum",
        "maximum",
        "stdafv",
        "std",
        "std.",
        "standardafvigelse",
        "standard deviation",
        "spredning",
        "varians",
        "variance",
        "antal",
        "antal svar",
        "count",
        "alle svar",
    ];
    const SUBTOTAL_WORDS: [&str; 9] = [
        "gennemsnit",
        "gns.",
        "i alt",
        "total",
        "sum",
        "antal",
        "average",
        "count",
        "middel",
    ];
    let text = text.trim_end_matches(':').trim();
    // Most first fields (ids, times) have no letter.
    if text.len() > 48 || !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let starts = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    let ends = |word: &str| {
        text.get(text.len().saturating_sub(word.len())..)
            .is_some_and(|end| end.eq_ignore_ascii_case(word))
    };
    // "Rul 1 Gennemsnit", "Gennemsnit Rul 1", "Hovedgennemsnit", "Grand Total".
    let subtotal = SUBTOTAL_WORDS.iter().any(|word| {
        let after = text.len() > word.len() + 1
            && ends(word)
            && text
                .get(..text.len() - word.len())
                .is_some_and(|rest| rest.ends_with(' '));
        let before = text.len() > word.len() + 1
            && starts(word)
            && text
                .get(word.len()..)
                .is_some_and(|rest| rest.starts_with(' ') && rest.split_whitespace().count() <= 3);
        let grand = ["hoved", "grand "].iter().any(|prefix| {
            starts(prefix)
                && text
                    .get(prefix.len()..)
                    .is_some_and(|rest| rest.trim().eq_ignore_ascii_case(word))
        });
        after || before || grand
    });
    subtotal || TOTAL_LABELS.iter().any(|label| text.eq_ignore_ascii_case(label))
}

/// What Excel shows for a formula that failed, in Danish and English ("#I/T", "#N/A",
/// "#DIVISION/0!", "#VALUE!", "#NAVN?").
pub(super) fn is_excel_error(text: &str) -> bool {
    text.starts_with('#')
        && text.len() <= 16
        && (text.ends_with('!') || text.ends_with('?') || ["#N/A", "#I/T", "#GETTING_DATA"].contains(&text))
}

/// A code list whose answer labels are not at their own numbers: code 1 = "Meget tilfreds".
pub(super) fn disagrees(codes: &BTreeMap<String, String>) -> bool {
    codes.iter().any(|(code, label)| {
        let number = code.trim().parse::<f64>().ok();
        match parse_answer(label, DecimalMark::Auto) {
            Ok(Answer::Score(score)) => number != Some(score),
            _ => false,
        }
    })
}

/// A table's total or statistics row: its first filled field a total's word ("I alt",
/// "Rul 1 Gennemsnit", "Median") and every other filled field a number. A respondent's row
/// names a municipality or a wave beside a comment that says "Middel". The column of the word.
pub(in crate::import) fn total_row(record: &impl Fields) -> Option<usize> {
    let first = (0..record.count()).find(|&i| !record.get(i).is_empty())?;
    // Row after row: a data row names something (a municipality, a time, a wave) in a field
    // after its first, found long before the first field's word is weighed.
    // A number, or a workbook's formula without its value (an Excel table's SUBTOTAL).
    let number = |text: &str| {
        text.starts_with('=')
            || text
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b'e' | b'E' | b' '))
    };
    if !(first + 1..record.count()).all(|i| number(record.get(i))) {
        return None;
    }
    is_total_label(record.get(first)).then_some(first)
}

/// A row that repeats the header (two exports pasted under each other): most of its filled
/// fields are their column's header.
pub(in crate::import) fn repeats_header(record: &impl Fields, headers: &[String]) -> bool {
    let same = |i: usize| {
        let field = record.get(i).trim_ascii();
        !field.is_empty() && headers.get(i).is_some_and(|h| h.trim().eq_ignore_ascii_case(field))
    };
    // Cheap for a data row: its first filled field is not its header.
    let Some(first) = (0..record.count()).find(|&i| !record.get(i).trim_ascii().is_empty()) else {
        return false;
    };
    if !same(first) {
        return false;
    }
    let filled = (0..record.count())
        .filter(|&i| !record.get(i).trim_ascii().is_empty())
        .count();
    let matching = (0..record.count()).filter(|&i| same(i)).count();
    matching >= 2 && matching * 2 > filled
}

/// A municipality that is a tester's, not a municipality: "Test", "test kommune", "xxx".
pub(super) fn is_test_name(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let test_word = |w: &&str| matches!(*w, "test" | "testkommune" | "testsvar" | "dummy" | "asdf");
    (words.len() <= 3 && words.iter().any(test_word)) || (lower.len() >= 2 && lower.chars().all(|c| c == 'x'))
}
