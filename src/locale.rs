//! Danish and English: user-facing words, numbers with the right decimal mark, dates.
//!
//! Danish is the default everywhere (the users are Danish programme managers); English is a
//! switch. Data values the library itself invents (the default phase names, "Alle") are
//! translated here, so the data stays in one language and only the display changes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::phases::{NO_PHASE, NO_WAVE, PHASE_PREPARATION, PHASE_TEST_WEEK4, PHASE_TEST_WEEK5};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_lowercase().as_str() {
            "da" | "dansk" | "danish" => Some(Lang::Da),
            "en" | "engelsk" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn decimal_mark(self) -> char {
        match self {
            Lang::Da => ',',
            Lang::En => '.',
        }
    }

    /// A number with `decimals` decimals and the language's decimal mark: 3,84 / 3.84.
    pub fn number(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        // Round half away from zero, as Excel and the deck do (3,835 → 3,84), not half-even.
        let factor = 10f64.powi(decimals as i32);
        let rounded = (value * factor).round() / factor;
        let text = format!("{rounded:.decimals$}");
        match self {
            Lang::Da => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// A whole number with thousands grouped the local way: 1.000.000 / 1,000,000.
    pub fn count(self, value: u64) -> String {
        let digits = value.to_string();
        let separator = match self {
            Lang::Da => '.',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    /// Dates the way each language writes them in a slide: 13-01-2025 / 13 Jan 2025.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Lang::Da => date.format("%d-%m-%Y").to_string(),
            Lang::En => date.format("%-d %b %Y").to_string(),
        }
    }

    /// A short date for axis ticks: 13-01 / 13 Jan.
    pub fn short_date(self, date: NaiveDate) -> String {
        match self {
            Lang::Da => date.format("%d-%m").to_string(),
            Lang::En => date.format("%-d %b").to_string(),
        }
    }

    /// Display name of a wave, phase or other data value: translates the names the
    /// library makes up itself and leaves the user's own values alone.
    /// An error from the system (a file not found, no permission) as a sentence in the language;
    /// the system's own words where no sentence is known. An error of our own (not the
    /// system's) is said as it is.
    pub fn system_error(self, error: &std::io::Error) -> String {
        use std::io::ErrorKind::*;
        if error.raw_os_error().is_none() {
            return error.to_string();
        }
        let (da, en) = match error.kind() {
            NotFound => ("filen eller mappen findes ikke", "the file or folder does not exist"),
            PermissionDenied => ("ingen adgang", "no permission"),
            AlreadyExists => ("findes allerede", "already exists"),
            IsADirectory => ("er en mappe, ikke en fil", "is a folder, not a file"),
            NotADirectory => ("er ikke en mappe", "is not a folder"),
            ResourceBusy => (
                "er i brug (fx den mappe, du står i): vælg en anden",
                "is in use (e.g. the folder you are in): choose another",
            ),
            StorageFull => ("disken er fuld", "the disk is full"),
            ReadOnlyFilesystem => ("kan ikke skrives (skrivebeskyttet)", "cannot be written (read-only)"),
            DirectoryNotEmpty => ("mappen er ikke tom", "the folder is not empty"),
            InvalidFilename => ("ugyldigt filnavn", "invalid file name"),
            _ => return error.to_string(),
        };
        self.pick(da, en).to_string()
    }

    pub fn data_value(self, value: &str) -> String {
        if self == Lang::Da {
            return value.to_string();
        }
        match value {
            PHASE_PREPARATION => "Preparation (weeks 1-3)".to_string(),
            PHASE_TEST_WEEK4 => "Test election (week 4)".to_string(),
            PHASE_TEST_WEEK5 => "Test election (week 5)".to_string(),
            NO_PHASE => "No phase".to_string(),
            NO_WAVE => "All".to_string(),
            other => other
                .strip_prefix("Rul ")
                .map_or_else(|| other.to_string(), |n| format!("Wave {n}")),
        }
    }

    /// Picks the Danish or the English text.
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language_and_round_half_away_from_zero() {
        assert_eq!(Lang::Da.number(3.835, 2), "3,84");
        assert_eq!(Lang::En.number(3.835, 2), "3.84");
        assert_eq!(Lang::Da.number(3.8, 2), "3,80");
        assert_eq!(Lang::Da.number(f64::NAN, 2), "–");
        assert_eq!(Lang::Da.count(1_000_000), "1.000.000");
        assert_eq!(Lang::En.count(637), "637");
    }

    #[test]
    fn library_made_values_are_translated_user_values_are_not() {
        assert_eq!(Lang::En.data_value(PHASE_TEST_WEEK4), "Test election (week 4)");
        assert_eq!(Lang::En.data_value("Rul 2"), "Wave 2");
        assert_eq!(Lang::Da.data_value("Rul 2"), "Rul 2");
        assert_eq!(Lang::En.data_value("Aarhus Kommune"), "Aarhus Kommune");
    }

    #[test]
    fn dates_in_both_languages() {
        let date = NaiveDate::from_ymd_opt(2025, 1, 13).unwrap();
        assert_eq!(Lang::Da.date(date), "13-01-2025");
        assert_eq!(Lang::En.date(date), "13 Jan 2025");
    }
}
