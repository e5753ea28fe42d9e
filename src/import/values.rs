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

/// A week as a number or as text naming one: "4", "Uge 4", "uge 04", "uge4", "Week 4", "4. uge";
/// with a note as forms put it in their choices ("Uge 4 (testvalg)", "Uge 5 - 2. prøvevalg",
/// "Prøvevalg 1 - uge 4", "Uge 1, 1. check-in"); or a test election by its number ("1.
/// prøvevalg" is week 4, "Testvalg 2" week 5). Other words with a number ("Møde 5", "Rul 2",
/// "3. check-in") name no week.
pub fn parse_week(raw: &str) -> Option<i32> {
    let text = raw.trim();
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
    let bare = text.strip_suffix('.').unwrap_or(text);
    if !bare.is_empty() && bare.len() <= 3 && bare.bytes().all(|b| b.is_ascii_digit()) {
        return bare.parse().ok();
    }
    // A note in brackets that names no week: "4 (1. prøvevalg)" is week 4.
    if let Some((before, note)) = text.strip_suffix(')').and_then(|t| t.rsplit_once('('))
        && let Named::None = named_week(&note.to_lowercase())
        && let Some(week) = parse_week(before)
    {
        return Some(week);
    }
    let lower = text.to_lowercase();
    match named_week(&lower) {
        Named::One(week) => return Some(week),
        Named::Unclear => return None,
        Named::None => {}
    }
    number_with_a_note(text).or_else(|| test_election_week(&lower))
}

enum Named {
    One(i32),
    /// Two weeks, a span ("Uge 4-5"), a decimal: no one week.
    Unclear,
    None,
}

/// The week after its word ("uge 4", "week 4", "uge nr. 4"), or before it ("4. uge").
fn named_week(lower: &str) -> Named {
    const WORDS: [&str; 4] = ["ugen", "uge", "week", "wk"];
    let bytes = lower.as_bytes();
    let digits_at = |from: usize| bytes.iter().skip(from).take_while(|b| b.is_ascii_digit()).count();
    let mut found: Option<i32> = None;
    let mut at = 0;
    while at < bytes.len() {
        let word = WORDS
            .iter()
            .find(|w| lower.get(at..).is_some_and(|rest| rest.starts_with(*w)));
        let word_start = at == 0
            || !lower
                .get(..at)
                .and_then(|b| b.chars().last())
                .is_some_and(char::is_alphanumeric);
        // A whole word: "uge", not "uger" or "ugentlig".
        let word_end = |w: &&&str| {
            !lower
                .get(at + w.len()..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_alphabetic)
        };
        let Some(word) = word.filter(|w| word_start && word_end(w)) else {
            at += 1;
            continue;
        };
        let mut from = at + word.len();
        // "uge 4", "uge4", "uge nr. 4", "week no. 4"
        for filler in [" ", "nr.", "nr", "no.", "#", " "] {
            if lower.get(from..).is_some_and(|rest| rest.starts_with(filler)) {
                from += filler.len();
            }
        }
        let count = digits_at(from);
        // "4. uge": the number just before the word.
        let before = lower.get(..at).map(str::trim_end).and_then(|b| b.strip_suffix('.'));
        let ordinal = before.and_then(|b| {
            let digits = b.bytes().rev().take_while(u8::is_ascii_digit).count();
            let number = b.get(b.len() - digits..)?;
            let alone = b
                .get(..b.len() - digits)?
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
            (digits > 0 && digits <= 2 && alone)
                .then(|| number.parse::<i32>().ok())
                .flatten()
        });
        let week = if count > 0 && count <= 2 {
            let rest = lower.get(from + count..).unwrap_or_default();
            let trimmed = rest.trim_start();
            // A span ("uge 4-5", "uge 4 til 5") or a decimal ("uge 4,5") is no one week.
            let span = trimmed
                .strip_prefix(['-', '–'])
                .or_else(|| trimmed.strip_prefix("til"))
                .or_else(|| trimmed.strip_prefix("to "))
                .is_some_and(|r| {
                    // "uge 4 - 5" is a span; "uge 4 - 1. prøvevalg" a week and a note.
                    let r = r.trim_start();
                    let n = r.bytes().take_while(u8::is_ascii_digit).count();
                    n > 0 && !r.get(n..).is_some_and(|after| after.starts_with('.'))
                });
            let decimal = (rest.starts_with(['.', ','])
                && rest
                    .get(1..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())))
                || rest.starts_with(|c: char| c.is_ascii_digit());
            if span || decimal {
                return Named::Unclear;
            }
            lower.get(from..from + count).and_then(|n| n.parse().ok())
        } else {
            ordinal
        };
        if let Some(week) = week {
            if found.is_some_and(|f| f != week) {
                return Named::Unclear;
            }
            found = Some(week);
        }
        at = from + count.max(1);
    }
    found.map_or(Named::None, Named::One)
}

/// "4 (testvalg)", "4 - klargøring": a week number first, then a note in words. "4 -
/// Tilfreds" is an answer with its label, and "1. prøvevalg" an ordinal.
fn number_with_a_note(text: &str) -> Option<i32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, note) = text.split_at(digits);
    let set_off = note.starts_with([' ', '(', '-', '–', ':']);
    let words_only = !note.chars().any(|c| c.is_ascii_digit()) && note.chars().any(char::is_alphabetic);
    let ordinal = note.starts_with('.');
    if digits == 0 || digits > 2 || !set_off || !words_only || ordinal || super::likert::is_on_scale(text) {
        return None;
    }
    if test_election_week(&text.to_lowercase()).is_some() {
        return None;
    }
    number.parse().ok()
}

/// A test election by its number: the first is in week 4, the second in week 5.
pub(crate) fn test_election_week(lower: &str) -> Option<i32> {
    const WORDS: [&str; 5] = ["prøvevalg", "testvalg", "test valg", "test election", "mock election"];
    if !WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let mut numbers = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty());
    let words = |list: &[&str]| lower.split(|c: char| !c.is_alphanumeric()).any(|w| list.contains(&w));
    let Some(number) = numbers.next() else {
        return match (words(&["første", "first"]), words(&["andet", "anden", "second"])) {
            (true, false) => Some(4),
            (false, true) => Some(5),
            _ => None,
        };
    };
    if numbers.next().is_some() {
        return None;
    }
    match number {
        "1" => Some(4),
        "2" => Some(5),
        _ => None,
    }
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
        assert_eq!(parse_week("Uge 4 -"), Some(4));
        assert_eq!(parse_week("4 - Tilfreds"), None);
        // The test elections' own numbers are no weeks.
        assert_eq!(parse_week("Uge 4 (1. prøvevalg)"), Some(4));
        assert_eq!(parse_week("Uge 5 (2. prøvevalg)"), Some(5));
        assert_eq!(parse_week("Prøvevalg 1 - uge 4"), Some(4));
        assert_eq!(parse_week("Test 2, week 5"), Some(5));
        assert_eq!(parse_week("Prøvevalg 1 - uge 4-5"), None);
        assert_eq!(parse_week("2. prøvevalg (uge 5)"), Some(5));
        assert_eq!(parse_week("4 (1. prøvevalg)"), Some(4));
        assert_eq!(parse_week("Første prøvevalg"), Some(4));
        assert_eq!(parse_week("Andet prøvevalg"), Some(5));
        assert_eq!(parse_week("5 (2. prøvevalg)"), Some(5));
        assert_eq!(parse_week("1. prøvevalg"), Some(4));
        assert_eq!(parse_week("Prøvevalg nr. 2"), Some(5));
        assert_eq!(parse_week("Testvalg 2"), Some(5));
        assert_eq!(parse_week("Uge 4 - 1. prøvevalg"), Some(4));
        assert_eq!(parse_week("Uge 4: 1. prøvevalg"), Some(4));
        assert_eq!(parse_week("Uge 1, 1. check-in"), Some(1));
        assert_eq!(parse_week("Uge 2 (3 uger før prøvevalg)"), Some(2));
        assert_eq!(parse_week("uge4"), Some(4));
        assert_eq!(parse_week("4. uge"), Some(4));
        assert_eq!(parse_week("Uge 4 til 5"), None);
        // A number with other words names no week.
        assert_eq!(parse_week("3. check-in"), None);
        assert_eq!(parse_week("Møde 5"), None);
        assert_eq!(parse_week("Rul 2"), None);
        assert_eq!(parse_week("Prøvevalg"), None);
    }
}
