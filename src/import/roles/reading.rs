//! What the values of one column say, once its codes are turned into their texts: how many
//! are answers, dates, weeks, waves, numbers, and which scale they are on.

use std::collections::BTreeMap;

use super::super::likert::{is_dont_know, is_dont_know_label, is_on_scale};
use super::super::profile::ColumnProfile;
use super::super::scale::{self, OtherScale};
use super::super::values::{parse_week, phase_of_week_span};
use super::answer_text;

/// What the values of one column say, after the codes are turned into their texts.
pub(super) struct Reading<'a> {
    pub profile: &'a ColumnProfile,
    pub filled: usize,
    pub answers: usize,
    pub dates: usize,
    pub weeks: usize,
    /// Weeks written with their word ("Uge 4", "Week 2 (test)"): a week column whatever its
    /// header says, where bare numbers could as well be answers.
    pub named_weeks: usize,
    /// Values that are numbers (on the scale or not).
    pub numbers: usize,
    pub waves: usize,
    /// A label that is no answer, when the column has labels and most of them are such.
    pub labels_say_other: Option<String>,
    pub binary: bool,
    /// Whole-number codes: a scale and a few codes past it (SurveyXact's 6 for "don't
    /// know" without its labels, 99 or -1 for "not asked"): a quarter of the values on the
    /// scale, or two or more points of it however many codes there are (a question most
    /// respondents skipped is still a question: its codes are told, the column not left out).
    pub scale_with_codes: bool,
    /// Numbers with fractions no answer has (3,67, 4,33: a row's average): at least three
    /// such values, a fifth of the column's.
    pub computed: bool,
    /// The values, or the code list, are on another scale than 1-5 (0-10, 1-4, grades 1-6).
    pub other_scale: Option<OtherScale>,
}

impl<'a> Reading<'a> {
    /// `values_are_answers`: the tool writes each answer's value, never a code for it.
    pub fn new(
        profile: &'a ColumnProfile,
        codes: Option<&BTreeMap<String, String>>,
        dont_know: &[String],
        values_are_answers: bool,
        points_are_decimals: bool,
    ) -> Self {
        let label = |text: &str| codes.and_then(|c| c.get(text)).map(String::as_str);
        let extra_dont_know = |text: &str| dont_know.iter().any(|d| d.eq_ignore_ascii_case(text));
        let answers = profile.count_where(
            |text| answer_text(text, label(text)).to_string(),
            |text| is_on_scale(text) || is_dont_know(text),
        ) + profile.count_where(|t| t.to_string(), |t| extra_dont_know(t) && !is_on_scale(t))
            + profile.overflow_on_scale
            + profile.overflow_dont_know;
        let decoded = |text: &str| label(text).unwrap_or(text).to_string();
        let labels_say_other = codes.and_then(|codes| {
            let others: Vec<&String> = codes
                .values()
                .filter(|l| !is_on_scale(l) && !is_dont_know_label(l) && !l.trim().is_empty())
                .collect();
            (others.len() * 2 > codes.len()).then(|| others.first().map(|l| l.to_string()).unwrap_or_default())
        });
        let binary = profile.overflow == 0
            && profile.distinct.iter().any(|(t, _)| t == "0")
            && profile.distinct.iter().all(|(t, _)| t == "0" || t == "1");
        let other_scale = match codes {
            Some(codes) => scale::of_code_list(codes),
            None if profile.overflow == 0 && !profile.distinct.is_empty() && !points_are_decimals => thousands(profile)
                .or_else(|| {
                    scale::of_numbers(
                        profile.distinct.iter().map(|(t, n)| (t.as_str(), *n)),
                        dont_know,
                        values_are_answers,
                    )
                }),
            None => scale::of_numbers(
                profile.distinct.iter().map(|(t, n)| (t.as_str(), *n)),
                dont_know,
                values_are_answers,
            ),
        };
        let scale_with_codes = codes.is_none()
            && other_scale.is_none()
            && profile.overflow == 0
            && profile.distinct.len() <= 15
            && profile.distinct.iter().all(|(t, _)| is_whole_code(t))
            && profile.distinct.iter().filter(|(t, _)| !is_on_scale(t)).count() <= 3
            && (answers * 4 >= profile.filled || profile.distinct.iter().filter(|(t, _)| is_on_scale(t)).count() >= 2);
        let odd: Vec<usize> = profile
            .distinct
            .iter()
            .filter(|(text, _)| {
                let value = text.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite());
                value.is_some_and(|v| (v * 2.0).fract() != 0.0)
            })
            .map(|(_, count)| *count)
            .collect();
        // A fifth of the values, not of the distinct ones: three average rows under a
        // column of answers are rows to tell, the column stays a question.
        let computed = odd.len() >= 3 && (odd.iter().sum::<usize>() + profile.overflow) * 5 >= profile.filled;
        Reading {
            profile,
            scale_with_codes,
            computed,
            filled: profile.filled,
            answers,
            dates: profile.dates_counted(decoded),
            weeks: profile.count_where(decoded, |t| parse_week(t).is_some() || phase_of_week_span(t).is_some()),
            named_weeks: profile.count_where(decoded, is_named_week),
            numbers: profile.count_where(decoded, |t| t.replace(',', ".").parse::<f64>().is_ok()),
            waves: profile.count_where(decoded, is_wave_name),
            labels_say_other,
            binary,
            other_scale,
        }
    }

    pub fn mostly(&self, count: usize) -> bool {
        self.filled > 0 && count * 2 > self.filled
    }

    pub fn all(&self, count: usize) -> bool {
        self.filled > 0 && self.profile.overflow == 0 && count == self.filled
    }

    pub fn on_scale(&self) -> bool {
        self.mostly(self.answers) && self.labels_say_other.is_none() && !self.binary && self.other_scale.is_none()
    }

    pub fn percent(&self) -> u32 {
        (self.answers * 100).checked_div(self.filled).unwrap_or(0) as u32
    }
}

/// Numbers written with a thousands point, every one ("1.000", "2.500", "12.345": Danish
/// Excel's amounts): their scale in thousands. A score is never written with three decimals.
fn thousands(profile: &ColumnProfile) -> Option<OtherScale> {
    let value = |text: &str| -> Option<f64> {
        let (whole, rest) = text.split_once('.')?;
        let groups_ok = rest
            .split('.')
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        let whole_ok = (1..=3).contains(&whole.len()) && whole.bytes().all(|b| b.is_ascii_digit());
        (groups_ok && whole_ok)
            .then(|| text.replace('.', "").parse().ok())
            .flatten()
    };
    let values: Option<Vec<f64>> = profile
        .distinct
        .iter()
        .map(|(text, _)| text.trim())
        .filter(|text| !text.is_empty() && !is_dont_know(text))
        .map(value)
        .collect();
    let values = values.filter(|v| !v.is_empty())?;
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(OtherScale { low, high })
}

/// "Rul 2", "wave 3", "Bølge 1": a wave's name.
pub(super) fn is_wave_name(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    ["rul", "wave", "bølge"].iter().any(|word| {
        lower
            .strip_prefix(word)
            .map(str::trim)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// "Uge 4", "uge 04 (testvalg)", "Week 2": a week with its word before the number.
fn is_named_week(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    ["uge", "week"].iter().any(|word| {
        lower
            .strip_prefix(word)
            .is_some_and(|rest| rest.starts_with([' ', '.']))
    }) && (parse_week(text).is_some() || phase_of_week_span(text).is_some())
}

/// "6", "99", "-1": a whole number of one or two digits, maybe negative.
fn is_whole_code(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}
