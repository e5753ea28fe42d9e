//! Weeks as survey tools write them ("Uge 4"); dates are in [`crate::dates`].

/// A week as a number or as text holding one number: "4", "Uge 4", "uge 04", "Week 4", and
/// with a note after it as forms put it in their choices: "Uge 4 (testvalg)", "Uge 5 -
/// prøvevalg", "Uge 1: klargøring".
pub fn parse_week(raw: &str) -> Option<i32> {
    let text = raw.trim();
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

// Dates live in crate::dates, below the import; these names stay for the window's callers.
pub use crate::dates::{date_from_days, days_since_epoch, parse_danish_date as parse_date};

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
