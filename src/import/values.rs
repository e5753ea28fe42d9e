//! Weeks and dates as survey tools and Excel write them.

use chrono::NaiveDate;

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

/// ISO (2024-10-14), dd-mm-yyyy, dd.mm.yyyy or dd/mm/yyyy, with or without a time after it.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let text = raw.trim();
    let date_part = text.split([' ', 'T']).next()?;
    let mut parts = date_part.split(['-', '.', '/']);
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || ![first, second, third]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (year, month, day) = if first.len() == 4 {
        (first, second, third)
    } else if third.len() == 4 {
        (third, second, first)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Days since 1970-01-01: how polars stores a Date.
pub fn days_since_epoch(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days() as i32
}

pub fn date_from_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::days(days.into()))
}

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

    #[test]
    fn dates_in_every_shape() {
        let expected = NaiveDate::from_ymd_opt(2024, 10, 14);
        for text in [
            "2024-10-14",
            "14-10-2024",
            "14.10.2024",
            "14/10/2024",
            "14-10-2024 09:30",
            "2024-10-14T09:30:00",
        ] {
            assert_eq!(parse_date(text), expected, "{text}");
        }
        assert_eq!(parse_date("31-02-2024"), None);
        assert_eq!(parse_date("i går"), None);
        assert_eq!(date_from_days(days_since_epoch(expected.unwrap())), expected);
    }
}
