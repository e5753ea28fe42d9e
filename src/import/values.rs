//! Weeks as survey tools write them ("Uge 4"), and names as the data means them; dates are in
//! [`crate::dates`].

use std::borrow::Cow;

/// A name (a wave, a municipality, a question, a category's value) as the reader sees it: a
/// no-break space, a line break or another odd space is a space, characters that show as
/// nothing (zero-width spaces, a stray byte-order mark, a soft hyphen, control characters such
/// as a terminal's escape) are dropped, and runs of spaces are one.
/// "Rul\u{a0}1" pasted from a web page is then the same wave as "Rul 1", not a second wave
/// that looks the same on every chart.
pub fn clean_name(text: &str) -> Cow<'_, str> {
    if !needs_cleaning(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() {
            if !clean.is_empty() && !clean.ends_with(' ') {
                clean.push(' ');
            }
        } else if !is_invisible(c) {
            clean.push(c);
        }
    }
    let trimmed = clean.trim_end().len();
    clean.truncate(trimmed);
    if clean == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(clean)
    }
}

/// Whether a name may hold what [`clean_name`] changes: a control character, a byte that
/// starts an odd space or an invisible character in UTF-8 (æ, ø and å start with others), or
/// two spaces. Most names need nothing: they are passed on without a copy. (Names are cleaned
/// where a text is first met, and where a municipality is looked up in the plan.)
fn needs_cleaning(bytes: &[u8]) -> bool {
    let odd = bytes.iter().fold(false, |found, &b| {
        found | (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xE2) | (b == 0xE3) | (b == 0xEF)
    });
    let double_space = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    odd | double_space
}

/// Characters that take no room on screen, or that a terminal would obey.
fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A week as a number or as text holding one number: "4", "Uge 4", "uge 04", "Week 4", and
/// with a note after it as forms put it in their choices: "Uge 4 (testvalg)", "Uge 5 -
/// prøvevalg", "Uge 1: klargøring".
pub fn parse_week(raw: &str) -> Option<i32> {
    let text = raw.trim();
    // A note in brackets may hold numbers of its own ("Uge 4 (1. prøvevalg)"), or be where
    // the week is ("2. prøvevalg (uge 5)").
    if let Some((before, note)) = text.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        let names_week = |part: &str| ["uge", "week"].iter().any(|w| part.to_lowercase().contains(w));
        return match (names_week(before), names_week(note)) {
            (_, false) => week_in(before.trim_end()),
            (false, true) => plain_week(note.trim()),
            (true, true) => None,
        };
    }
    week_in(text)
}

fn week_in(text: &str) -> Option<i32> {
    plain_week(text).or_else(|| week_after_its_word(text))
}

/// "Prøvevalg 1 - uge 4", "Test 2, week 5": the number after the word "uge" or "week", with
/// nothing but words after it.
fn week_after_its_word(text: &str) -> Option<i32> {
    let lower = text.to_lowercase();
    let at = ["uge", "week"]
        .iter()
        .filter_map(|word| lower.rfind(word).map(|at| at + word.len()))
        .max()?;
    let before = lower.get(..at)?;
    let word_starts = before.len() - if before.ends_with("uge") { 3 } else { 4 };
    if before
        .get(..word_starts)?
        .chars()
        .last()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    plain_week(lower.get(word_starts..)?)
}

/// "4", "Uge 4", "uge 04 (testvalg)", "Week 2": a week with at most words before it.
fn plain_week(text: &str) -> Option<i32> {
    // "4.0", "4,00": a whole number as a program that writes every number as a decimal writes it.
    let text = text
        .split_once(['.', ','])
        .filter(|(whole, zeros)| {
            !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0')
        })
        .map_or(text, |(whole, _)| whole);
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let (before, from_number) = text.split_at(start);
    let end = from_number
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(from_number.len());
    let (number, after) = from_number.split_at(end);
    // Only words before the number, no other signs: "-3" is not a week.
    let words_before = before.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.');
    // After it a note in words, set off by a space, a bracket, a dash or a colon; no second
    // number ("Uge 4-5", "4,5") and no decimal part ("4.5").
    let note = after.trim_start_matches('.');
    let note_after = note.is_empty()
        || (note.starts_with([' ', '(', '-', '–', ':'])
            && !note.chars().any(|c| c.is_ascii_digit())
            && note.chars().any(char::is_alphabetic));
    // "4 - Tilfreds" is an answer with its label, not week 4.
    if !words_before || !note_after || (!note.is_empty() && super::likert::is_on_scale(text)) {
        return None;
    }
    number.parse().ok()
}

/// The phase of a span of weeks within one phase, as a form's choice groups them: "Uge 1-3
/// (klargøring)", "uge 1–3", "Week 1 to 3". The week itself is not known, only its phase; a
/// span across phases ("Uge 3-4") is none.
pub fn phase_of_week_span(raw: &str) -> Option<&'static str> {
    let text = raw.trim().to_lowercase();
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let (before, from_first) = text.split_at(start);
    if !before.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.') {
        return None;
    }
    let first_end = from_first.find(|c: char| !c.is_ascii_digit())?;
    let (first, rest) = from_first.split_at(first_end);
    let rest = rest.trim_start();
    let rest = ["-", "–", "til ", "to "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))?
        .trim_start();
    let second_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (second, note) = rest.split_at(second_end);
    let note_ok =
        note.is_empty() || (note.starts_with([' ', '(', '-', '–', ':']) && !note.chars().any(|c| c.is_ascii_digit()));
    let (first, second): (i32, i32) = (first.parse().ok()?, second.parse().ok()?);
    let phase = crate::phases::phase_of_week(first)?;
    (note_ok && first < second && crate::phases::phase_of_week(second) == Some(phase)).then_some(phase)
}

// Dates live in crate::dates, below the import; these names stay for the window's callers.
pub use crate::dates::{date_from_days, days_since_epoch, parse_danish_date as parse_date};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_weeks_in_one_phase() {
        use crate::phases::PHASE_PREPARATION;
        assert_eq!(phase_of_week_span("Uge 1-3 (klargøring)"), Some(PHASE_PREPARATION));
        assert_eq!(phase_of_week_span("uge 1 – 3"), Some(PHASE_PREPARATION));
        assert_eq!(phase_of_week_span("Week 1 to 3"), Some(PHASE_PREPARATION));
        assert_eq!(phase_of_week_span("1-2"), Some(PHASE_PREPARATION));
        assert_eq!(phase_of_week_span("Uge 3-4"), None);
        assert_eq!(phase_of_week_span("Uge 4-5"), None);
        assert_eq!(phase_of_week_span("Uge 4"), None);
        assert_eq!(phase_of_week_span("Uge 1-3 (2 møder)"), None);
        assert_eq!(phase_of_week_span("-1-3"), None);
    }

    #[test]
    fn weeks() {
        assert_eq!(parse_week("4"), Some(4));
        assert_eq!(parse_week("Uge 4"), Some(4));
        assert_eq!(parse_week(" uge 04 "), Some(4));
        assert_eq!(parse_week("Week 5"), Some(5));
        assert_eq!(parse_week("Uge 4-5"), None);
        assert_eq!(parse_week("4,5"), None);
        assert_eq!(parse_week("Ugen før"), None);
        assert_eq!(parse_week("Uge 4 (testvalg)"), Some(4));
        assert_eq!(parse_week("Uge 5 - prøvevalg"), Some(5));
        assert_eq!(parse_week("Uge 1: klargøring"), Some(1));
        assert_eq!(parse_week("4."), Some(4));
        assert_eq!(parse_week("-3"), None);
        assert_eq!(parse_week("4.5"), None);
        assert_eq!(parse_week("Uge 4 - 5"), None);
        assert_eq!(parse_week("Uge 4 (uge 5)"), None);
        assert_eq!(parse_week("Uge 4 -"), None);
        assert_eq!(parse_week("4 - Tilfreds"), None);
        // The test elections' own numbers are no weeks.
        assert_eq!(parse_week("Uge 4 (1. prøvevalg)"), Some(4));
        assert_eq!(parse_week("Uge 5 (2. prøvevalg)"), Some(5));
        assert_eq!(parse_week("Prøvevalg 1 - uge 4"), Some(4));
        assert_eq!(parse_week("Test 2, week 5"), Some(5));
        assert_eq!(parse_week("Prøvevalg 1 - uge 4-5"), None);
        assert_eq!(parse_week("2. prøvevalg (uge 5)"), Some(5));
    }
}
