//! Answers: numbers on the 1-5 scale, Likert labels in Danish and English, "Ved ikke".

use serde::Serialize;

pub const SCALE_MIN: f64 = 1.0;
pub const SCALE_MAX: f64 = 5.0;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Answer {
    Score(f64),
    DontKnow,
    /// An empty cell: not answered, not counted at all.
    Missing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AnswerError {
    /// A number, but not on the 1-5 scale.
    OutOfScale,
    /// Text that no scale knows.
    UnknownLabel,
}

/// Which decimal marks a number may use. On a 1-5 scale "3,5" and "3.5" cannot mean anything
/// else, so both are read unless the user says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum DecimalMark {
    #[default]
    Auto,
    Comma,
    Point,
}

/// The labels, lower case. Satisfaction, agreement, quality and extent scales, Danish and
/// English. Not SurveyMonkey's "Extremely … Not at all satisfied" scale: its "Very satisfied"
/// is 4, not 5, so its words stay unknown and are told rather than read as the other scale's.
const LABELS: [(&str, f64); 56] = [
    ("meget utilfreds", 1.0),
    ("utilfreds", 2.0),
    ("hverken tilfreds eller utilfreds", 3.0),
    ("tilfreds", 4.0),
    ("meget tilfreds", 5.0),
    ("very dissatisfied", 1.0),
    ("dissatisfied", 2.0),
    ("neutral", 3.0),
    ("neither", 3.0),
    ("neither satisfied nor dissatisfied", 3.0),
    ("satisfied", 4.0),
    ("very satisfied", 5.0),
    ("helt uenig", 1.0),
    ("uenig", 2.0),
    ("hverken enig eller uenig", 3.0),
    // The Danish agreement scale of public surveys: helt enig, delvis enig, hverken enig eller
    // uenig, delvis uenig, helt uenig.
    ("delvis enig", 4.0),
    ("delvis uenig", 2.0),
    ("hverken/eller", 3.0),
    ("hverken / eller", 3.0),
    ("hverken eller", 3.0),
    ("enig", 4.0),
    ("helt enig", 5.0),
    ("strongly disagree", 1.0),
    ("disagree", 2.0),
    ("neither agree nor disagree", 3.0),
    ("agree", 4.0),
    ("strongly agree", 5.0),
    ("meget uenig", 1.0),
    ("meget enig", 5.0),
    ("meget dårlig", 1.0),
    ("meget dårligt", 1.0),
    ("dårlig", 2.0),
    ("dårligt", 2.0),
    ("hverken god eller dårlig", 3.0),
    ("hverken godt eller dårligt", 3.0),
    ("god", 4.0),
    ("godt", 4.0),
    ("meget god", 5.0),
    ("meget godt", 5.0),
    ("i meget lav grad", 1.0),
    ("i lav grad", 2.0),
    ("i nogen grad", 3.0),
    ("i høj grad", 4.0),
    ("i meget høj grad", 5.0),
    // The extent scale of Danish public surveys the other way down: i mindre grad, slet ikke.
    ("i mindre grad", 2.0),
    ("i ringe grad", 2.0),
    ("i lille grad", 2.0),
    ("i meget ringe grad", 1.0),
    ("i meget lille grad", 1.0),
    ("slet ikke", 1.0),
    ("to a very great extent", 5.0),
    ("to a great extent", 4.0),
    ("to some extent", 3.0),
    ("to a small extent", 2.0),
    ("to a very small extent", 1.0),
    ("not at all", 1.0),
];

const DONT_KNOW: [&str; 12] = [
    "ved ikke",
    "ved ikke / ønsker ikke at svare",
    "ved ikke/ønsker ikke at svare",
    "ønsker ikke at svare",
    "ikke relevant",
    "kan ikke vurdere",
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
    "not relevant",
    "n/a",
];

/// Words of a code list's label that make the code a "don't know": labels are written by
/// survey authors ("Ikke relevant/ vet ikke", "Ved ikke/ikke relevant"), so they are looked
/// for inside the label, not matched whole.
const DONT_KNOW_PARTS: [&str; 12] = [
    "ved ikke",
    "vet ikke",
    "ikke relevant",
    "kan ikke vurdere",
    "ønsker ikke at svare",
    "don't know",
    "not applicable",
    "prefer not to",
    "kan ikke svare",
    "ikke aktuelt",
    "ingen holdning",
    "ingen mening",
];

/// Answers that say nothing was answered: counted as empty, not as "don't know". LimeSurvey
/// writes "No answer" for an optional question passed by.
const NO_ANSWER: [&str; 3] = ["no answer", "intet svar", "ikke besvaret"];

/// Every label a user may meet, with its value (None for "don't know"), for the import view.
pub fn known_labels() -> impl Iterator<Item = (&'static str, Option<f64>)> {
    LABELS
        .iter()
        .map(|(label, value)| (*label, Some(*value)))
        .chain(DONT_KNOW.iter().map(|label| (*label, None)))
}

pub fn parse_answer(raw: &str, decimal_mark: DecimalMark) -> Result<Answer, AnswerError> {
    // Most answers in a big file are one digit: no trimming, no float parsing.
    if let [digit @ b'1'..=b'5'] = raw.as_bytes() {
        return Ok(Answer::Score(f64::from(digit - b'0')));
    }
    let text = raw.trim();
    if text.is_empty() || NO_ANSWER.iter().any(|label| equal_ignoring_case(text, label)) {
        return Ok(Answer::Missing);
    }
    if let Some(value) = parse_number(text, decimal_mark) {
        return if (SCALE_MIN..=SCALE_MAX).contains(&value) {
            Ok(Answer::Score(value))
        } else {
            Err(AnswerError::OutOfScale)
        };
    }
    if let Some((_, value)) = LABELS.iter().find(|(label, _)| equal_ignoring_case(text, label)) {
        return Ok(Answer::Score(*value));
    }
    // "4 - Tilfreds" and "Tilfreds (4)": a number and its label together, as some tools write.
    if let Some(value) = labelled_number(text, decimal_mark) {
        return Ok(Answer::Score(value));
    }
    if DONT_KNOW.iter().any(|label| equal_ignoring_case(text, label)) {
        return Ok(Answer::DontKnow);
    }
    // Forms' own wordings of the choice: "Ved ikke/ikke relevant", "Vet ikke", "Prefer not to
    // say". A rating's choice that says "don't know" in any words is one.
    // Only a choice's short text, on one line: a comment that says "ved ikke" somewhere, or
    // rows a stray quote swallowed, are no "don't know".
    let lower = text.to_lowercase();
    if is_dont_know_choice(&lower) {
        return Ok(Answer::DontKnow);
    }
    Err(AnswerError::UnknownLabel)
}

/// Longer than any tool's wording of a choice ("Ved ikke / ønsker ikke at svare" is 32).
const LONGEST_CHOICE: usize = 64;

/// A short text on one line that starts with a "don't know" wording ("Ved ikke/ikke relevant",
/// "Jeg ved ikke", "Prefer not to say"), as a choice's text does; `text` in lower case. A
/// remark that says "ved ikke" in passing is no "don't know".
fn is_dont_know_choice(text: &str) -> bool {
    let start = ["jeg ", "i "]
        .iter()
        .find_map(|speaker| text.strip_prefix(speaker))
        .unwrap_or(text);
    text.chars().count() <= LONGEST_CHOICE
        && !text.contains(['\n', '\r'])
        && DONT_KNOW_PARTS.iter().any(|part| start.starts_with(part))
}

/// True when the answer text would parse as a score or a "don't know": used to tell a wide
/// file's question columns from its other columns.
pub fn is_on_scale(raw: &str) -> bool {
    matches!(parse_answer(raw, DecimalMark::Auto), Ok(Answer::Score(_)))
}

pub fn is_dont_know(raw: &str) -> bool {
    matches!(parse_answer(raw, DecimalMark::Auto), Ok(Answer::DontKnow))
}

/// True when a code list's label says the question was not answered (SurveyXact's -1 or 99
/// "Ikke besvaret"): no answer at all, not a "don't know".
pub fn is_not_answered_label(label: &str) -> bool {
    const PARTS: [&str; 6] = [
        "ikke besvaret",
        "ubesvaret",
        "not answered",
        "unanswered",
        "ikke udfyldt",
        "no answer",
    ];
    const WHOLE: [&str; 7] = [
        "missing",
        "mangler",
        "ingen svar",
        "sprunget over",
        "skipped",
        "blank",
        "tom",
    ];
    let lower = label.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    PARTS.iter().any(|part| lower.contains(part)) || WHOLE.contains(&lower.as_str())
}

/// True when a code list's label stands for "don't know" or "not relevant".
pub fn is_dont_know_label(label: &str) -> bool {
    let lower = label.trim().to_lowercase();
    is_dont_know(&lower) || DONT_KNOW_PARTS.iter().any(|part| lower.contains(part))
}

fn parse_number(text: &str, decimal_mark: DecimalMark) -> Option<f64> {
    let first = text.as_bytes().first()?;
    if !(first.is_ascii_digit() || *first == b'-' || *first == b'+') {
        return None;
    }
    let has_comma = text.contains(',');
    let has_point = text.contains('.');
    match (decimal_mark, has_comma, has_point) {
        (_, true, true) => None,
        (DecimalMark::Point, true, _) | (DecimalMark::Comma, _, true) => None,
        (_, true, false) => text.replacen(',', ".", 1).parse().ok(),
        _ => text.parse().ok(),
    }
    .filter(|v: &f64| v.is_finite())
}

fn labelled_number(text: &str, decimal_mark: DecimalMark) -> Option<f64> {
    // The number before or after its label, set off by spaces, dashes, colons, "=" or
    // brackets: "5 - Meget tilfreds", "5. Meget tilfreds", "(5) Meget tilfreds", "5 (Meget
    // tilfreds)", "Meget tilfreds = 5", "Tilfreds (4)". The two must agree.
    let cleaned: String = text
        .chars()
        .map(|c| if matches!(c, '(' | ')' | '[' | ']') { ' ' } else { c })
        .collect();
    let cleaned = cleaned.trim();
    let is_number_char = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let lead = cleaned.len() - cleaned.trim_start_matches(is_number_char).len();
    let tail = cleaned.len() - cleaned.trim_end_matches(is_number_char).len();
    let (number, label) = if lead > 0 {
        (cleaned.get(..lead)?, cleaned.get(lead..)?)
    } else {
        let split = cleaned.len().checked_sub(tail)?;
        (cleaned.get(split..)?, cleaned.get(..split)?)
    };
    // "5." is the fifth, as a numbered list writes it.
    let number = number.trim_end_matches('.');
    let label = label.trim_matches([' ', '-', '–', '.', ':', '=']).trim();
    if number.is_empty() || label.is_empty() {
        return None;
    }
    let value = parse_number(number, decimal_mark)?;
    let label_value = LABELS
        .iter()
        .find(|(l, _)| equal_ignoring_case(label, l))
        .map(|(_, v)| *v);
    (label_value == Some(value)).then_some(value)
}

/// Case-insensitive equality without allocating, Danish letters included.
fn equal_ignoring_case(text: &str, lower_label: &str) -> bool {
    if text.len() != lower_label.len() && text.is_ascii() {
        return false;
    }
    // Lower case never makes a text more than half as long again: a quick no for names.
    if text.len() > lower_label.len() * 3 / 2 + 2 {
        return false;
    }
    let first = text.chars().next().map(|c| c.to_lowercase().next());
    if first != Some(lower_label.chars().next()) {
        return false;
    }
    let mut label_chars = lower_label.chars();
    for c in text.chars().flat_map(char::to_lowercase) {
        if label_chars.next() != Some(c) {
            return false;
        }
    }
    label_chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_numbers_and_dont_know() {
        let auto = DecimalMark::Auto;
        assert_eq!(parse_answer("Meget tilfreds", auto), Ok(Answer::Score(5.0)));
        assert_eq!(
            parse_answer("  HVERKEN TILFREDS ELLER UTILFREDS ", auto),
            Ok(Answer::Score(3.0))
        );
        assert_eq!(parse_answer("Satisfied", auto), Ok(Answer::Score(4.0)));
        assert_eq!(parse_answer("Helt enig", auto), Ok(Answer::Score(5.0)));
        assert_eq!(parse_answer("3,5", auto), Ok(Answer::Score(3.5)));
        assert_eq!(parse_answer("3.5", auto), Ok(Answer::Score(3.5)));
        assert_eq!(parse_answer("4", auto), Ok(Answer::Score(4.0)));
        assert_eq!(parse_answer("4 - Tilfreds", auto), Ok(Answer::Score(4.0)));
        assert_eq!(parse_answer("Tilfreds (4)", auto), Ok(Answer::Score(4.0)));
        for text in [
            "5 (Meget tilfreds)",
            "(5) Meget tilfreds",
            "5. Meget tilfreds",
            "5: Meget tilfreds",
            "Meget tilfreds - 5",
            "Meget tilfreds = 5",
            "5 – Meget tilfreds",
        ] {
            assert_eq!(parse_answer(text, auto), Ok(Answer::Score(5.0)), "{text}");
        }
        assert_eq!(parse_answer("Meget tilfreds - 4", auto), Err(AnswerError::UnknownLabel));
        assert_eq!(parse_answer("Ved ikke", auto), Ok(Answer::DontKnow));
        assert_eq!(
            parse_answer("VED IKKE / ØNSKER IKKE AT SVARE", auto),
            Ok(Answer::DontKnow)
        );
        assert_eq!(parse_answer("Don't know", auto), Ok(Answer::DontKnow));
        assert_eq!(parse_answer("Ved ikke/ikke relevant", auto), Ok(Answer::DontKnow));
        assert_eq!(parse_answer("Vet ikke", auto), Ok(Answer::DontKnow));
        assert_eq!(parse_answer("Ikke aktuelt", auto), Ok(Answer::DontKnow));
        assert_eq!(parse_answer("Ingen holdning", auto), Ok(Answer::DontKnow));
        assert_eq!(parse_answer("Prefer not to say", auto), Ok(Answer::DontKnow));
        assert_eq!(parse_answer("Delvis enig", auto), Ok(Answer::Score(4.0)));
        assert_eq!(parse_answer("Delvis uenig", auto), Ok(Answer::Score(2.0)));
        assert_eq!(parse_answer("Hverken/eller", auto), Ok(Answer::Score(3.0)));
        assert_eq!(
            parse_answer("Extremely satisfied", auto),
            Err(AnswerError::UnknownLabel)
        );
        assert_eq!(parse_answer("", auto), Ok(Answer::Missing));
        assert_eq!(parse_answer("6", auto), Err(AnswerError::OutOfScale));
        assert_eq!(parse_answer("0", auto), Err(AnswerError::OutOfScale));
        assert_eq!(parse_answer("Mget tilfreds", auto), Err(AnswerError::UnknownLabel));
        assert_eq!(parse_answer("2 - Tilfreds", auto), Err(AnswerError::UnknownLabel));
    }

    #[test]
    fn decimal_mark_override() {
        assert_eq!(parse_answer("3,5", DecimalMark::Point), Err(AnswerError::UnknownLabel));
        assert_eq!(parse_answer("3.5", DecimalMark::Comma), Err(AnswerError::UnknownLabel));
        assert_eq!(parse_answer("3,5", DecimalMark::Comma), Ok(Answer::Score(3.5)));
    }
}
