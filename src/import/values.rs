//! Weeks as survey tools write them ("Uge 4"); dates are in [`crate::dates`].

/// A week as a number or as text holding one number: "4", "Uge 4", "uge 04", "Week 4".
pub fn parse_week(raw: &str) -> Option<i32> {
    let text = raw.trim();
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty());
    let number = numbers.next()?;
    if numbers.next().is_some() {
        return None;
    }
    // Only words around the number, no other signs: "4,5" or "-3" are not weeks.
    let words_only = text
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_alphabetic() || c == ' ' || c == '.');
    if !words_only {
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
    }
}
