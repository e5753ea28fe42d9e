//! Which scale a column's answers are on when it is not 1-5: numbers running past it (a
//! recommendation score 0-10, a count, a 1-10 rating) or a code list of another length (grades
//! 1-6, a 1-4 scale with words only at its ends). The mean of such a column is no mean on the
//! 1-5 scale, and averaging its 1-5 values while refusing the rest would be worse, so it is not
//! averaged, and the user is told why.

use std::collections::BTreeMap;

use serde::Serialize;

use super::likert::{Answer, DecimalMark, is_dont_know, is_dont_know_label, parse_answer};

/// The lowest and highest value of a scale other than 1-5, as numbers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OtherScale {
    pub low: f64,
    pub high: f64,
}

impl OtherScale {
    /// "0-10", "1-4", for messages (whole numbers as they are written).
    pub fn range(&self) -> String {
        format!("{}-{}", self.low, self.high)
    }

    fn of(values: impl Iterator<Item = f64>) -> Option<OtherScale> {
        values.fold(None, |scale: Option<OtherScale>, v| {
            Some(match scale {
                None => OtherScale { low: v, high: v },
                Some(s) => OtherScale {
                    low: s.low.min(v),
                    high: s.high.max(v),
                },
            })
        })
    }
}

/// How many distinct numbers past the scale a 1-5 column may hold before they are another
/// scale, not codes (SurveyXact's 6 for "don't know", a 9 for "not relevant").
const MAX_CODES: usize = 3;

fn number(text: &str) -> Option<f64> {
    let text = text.trim();
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || first == '-') {
        return None;
    }
    text.replacen(',', ".", 1).parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The scale of a column of numbers (its distinct values and their counts), when numbers past
/// 1-5 say it is another one. A tool that writes answers as their values (Microsoft Forms'
/// rating and recommendation questions, Google Forms' linear scales) means every number it
/// writes: two different numbers past 5, or one in a twentieth of the answers, are another
/// scale (a lone stray value is a row to tell, as elsewhere). Other tools may write a few
/// codes past the scale; more than `MAX_CODES` different ones are another scale. A column
/// with text that is no "don't know" is not a column of numbers.
pub fn of_numbers<'a>(
    values: impl Iterator<Item = (&'a str, usize)>,
    extra_dont_know: &[String],
    values_are_answers: bool,
) -> Option<OtherScale> {
    let mut numbers = Vec::new();
    for (text, count) in values {
        if is_dont_know(text)
            || extra_dont_know
                .iter()
                .any(|d| d.trim().eq_ignore_ascii_case(text.trim()))
        {
            continue;
        }
        numbers.push((number(text)?, count));
    }
    let past: Vec<&(f64, usize)> = numbers.iter().filter(|(v, _)| !(1.0..=5.0).contains(v)).collect();
    let (all, past_count) = (
        numbers.iter().map(|(_, n)| n).sum::<usize>(),
        past.iter().map(|(_, n)| n).sum::<usize>(),
    );
    let another = if values_are_answers {
        past.len() > 1 || (!past.is_empty() && past_count * 20 >= all)
    } else {
        past.len() > MAX_CODES
    };
    another
        .then(|| OtherScale::of(numbers.into_iter().map(|(v, _)| v)))
        .flatten()
}

/// A LimeSurvey-style answer code: one to three capital letters and one to three digits
/// ("A1", "AO02", "L10").
fn is_answer_code(text: &str) -> bool {
    let letters = text.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = text.len() - letters;
    (1..=3).contains(&letters) && (1..=3).contains(&digits) && text.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

/// The first code, when every value of a column is an answer code and there are two or more:
/// list answers exported as codes, which only a code list turns into answers.
pub fn answer_codes<'a>(mut values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let first = values.next().filter(|v| is_answer_code(v))?;
    let mut more = false;
    for value in values {
        if !is_answer_code(value) {
            return None;
        }
        more = true;
    }
    more.then_some(first)
}

/// Answers this many or more, all 1, 2 or 3, are too many for a 1-5 rating nobody rated 4 or
/// 5: more likely a ranking or a code (1 = Ja, 2 = Nej).
const MANY_ANSWERS: usize = 30;

/// The highest value and the count, when a column of numbers only ever holds 1 to 3 in
/// `MANY_ANSWERS` answers or more.
pub fn narrow<'a>(values: impl Iterator<Item = (&'a str, usize)>) -> Option<(f64, usize)> {
    let mut high = 0.0f64;
    let mut answers = 0;
    for (text, count) in values {
        if is_dont_know(text) {
            continue;
        }
        let value = number(text)?;
        if !(1.0..=3.0).contains(&value) {
            return None;
        }
        high = high.max(value);
        answers += count;
    }
    (answers >= MANY_ANSWERS).then_some((high, answers))
}

/// The answers, when a column of `MANY_ANSWERS` or more answers is all words of the scale
/// ("Utilfreds", "Tilfreds", …), at least three of its points, and never its middle
/// ("Hverken tilfreds eller utilfreds"): the form may well have offered four choices without a
/// middle, whose "Tilfreds" is then 3 of 4, not 4 of 5.
pub fn no_middle<'a>(values: impl Iterator<Item = (&'a str, usize)>) -> Option<usize> {
    let mut points = [false; 5];
    let mut answers = 0;
    for (text, count) in values {
        if is_dont_know(text) {
            continue;
        }
        // Numbers are the scale's own points, not words.
        if number(text).is_some() || !text.chars().any(char::is_alphabetic) {
            return None;
        }
        let Ok(Answer::Score(value)) = parse_answer(text, DecimalMark::Auto) else {
            return None;
        };
        let point = points.get_mut((value.round() as usize).checked_sub(1)?)?;
        *point = true;
        answers += count;
    }
    let middle = points.get(2).copied().unwrap_or(false);
    let used = points.iter().filter(|p| **p).count();
    (answers >= MANY_ANSWERS && !middle && used >= 3).then_some(answers)
}

/// The number a label is or starts with: "6", "0 - Slet ikke sandsynligt", "10 = Meget".
fn leading_number(label: &str) -> Option<f64> {
    if let Some(value) = number(label) {
        return Some(value);
    }
    let label = label.trim();
    let digits = label.find(|c: char| !c.is_ascii_digit())?;
    let (number, rest) = (label.get(..digits)?, label.get(digits..)?);
    let set_off = !number.is_empty() && rest.starts_with([' ', '-', '–', '=', ':']);
    set_off.then(|| number.parse().ok()).flatten()
}

/// The scale a code list describes, when it is not 1-5. Its "don't know" codes are left out,
/// and a list of mostly other words (yes/no, "Rul 1", "Uge 2") is no scale. A label that is a
/// number past 5 ("6" among grades 1-6, "0 - Slet ikke sandsynligt") says it at once. Five
/// points all named by scale words are read by their words, however they are numbered (0-4 as
/// well as 1-5). Otherwise the codes are the scale, as the tool's own reports count them: codes
/// 1-4 ("I liten grad", "2", "3", "I stor grad", or "Helt uenig" … "Helt enig" without a
/// middle) are not 1-5.
pub fn of_code_list(codes: &BTreeMap<String, String>) -> Option<OtherScale> {
    let points: Vec<(&String, &String)> = codes
        .iter()
        .filter(|(_, label)| {
            !label.trim().is_empty() && !is_dont_know_label(label) && !super::likert::is_not_answered_label(label)
        })
        .collect();
    let scale_word =
        |label: &str| number(label).is_none() && matches!(parse_answer(label, DecimalMark::Auto), Ok(Answer::Score(_)));
    let words = points
        .iter()
        .filter(|(_, label)| leading_number(label).is_none() && !scale_word(label))
        .count();
    if points.len() < 2 || words * 2 > points.len() {
        return None;
    }
    let numbers: Vec<f64> = points.iter().filter_map(|(_, label)| leading_number(label)).collect();
    if numbers.iter().any(|v| !(1.0..=5.0).contains(v)) {
        return OtherScale::of(numbers.into_iter());
    }
    let on_scale: Vec<&(&String, &String)> = points
        .iter()
        .filter(|(_, label)| scale_word(label) || leading_number(label).is_some())
        .collect();
    let words = on_scale.iter().filter(|(_, label)| scale_word(label)).count();
    if words == 5 && on_scale.len() == 5 {
        return None;
    }
    // With scale words among the labels, an option in other words set apart from the
    // numbered points ("8 Andet" after 1-5) is no point of the scale; one next to them, or
    // without any scale word, is an end of it ("I liten grad" … "I stor grad").
    let numbered: Vec<f64> = on_scale.iter().filter_map(|(code, _)| number(code)).collect();
    let (low, high) = OtherScale::of(numbered.into_iter()).map_or((f64::MIN, f64::MAX), |s| (s.low, s.high));
    let scale_points: Vec<&(&String, &String)> = points
        .iter()
        .filter(|point| {
            words == 0 || on_scale.contains(point) || number(point.0).is_none_or(|c| c >= low - 1.0 && c <= high + 1.0)
        })
        .collect();
    let codes: Option<Vec<f64>> = scale_points.iter().map(|(code, _)| number(code)).collect();
    let scale = OtherScale::of(codes?.into_iter())?;
    (scale.low != 1.0 || scale.high != 5.0).then_some(scale)
}

/// The scale a question's words name when it is not 1-5: "(0-10)", "på en skala fra 1 til
/// 10", "1-7", "0 to 5". A 1-10 rating whose answers all happen to be 5 or less reads like
/// a 1-5 one; only its words tell. "Uge 1-3" and "Rul 1-2" are no scale.
pub fn of_words(text: &str) -> Option<OtherScale> {
    // "(1 = lav, 7 = høj)", "(0 = meget utilfreds, 4 = meget tilfreds)": the ends named.
    let named = named_points(text);
    if let (Some(low), Some(high)) = (named.iter().map(|p| p.0).min(), named.iter().map(|p| p.0).max())
        && named.len() >= 2
        && (low, high) != (1, 5)
        && low <= 1
        && (3..=10).contains(&high)
    {
        return Some(OtherScale {
            low: f64::from(low),
            high: f64::from(high),
        });
    }
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '–'))
        .filter(|t| !t.is_empty())
        .flat_map(|t| split_range(t))
        .collect();
    tokens.windows(4).find_map(|w| {
        let [before, low, to, high] = w else { return None };
        let to = matches!(*to, "-" | "–" | "til" | "to");
        let (low, high) = (low.parse::<u32>().ok()?, high.parse::<u32>().ok()?);
        let named = !["uge", "uger", "week", "weeks", "rul", "wave", "fase", "phase"].contains(before);
        let scale = matches!(low, 0 | 1) && matches!(high, 4..=7 | 10) && (low, high) != (1, 5);
        (to && named && scale).then_some(OtherScale {
            low: f64::from(low),
            high: f64::from(high),
        })
    })
}

/// The points a question's text names with their meaning: "1 = Meget tilfreds", "5=dårligst",
/// "1: bedst". Each number (0-10) with the words after it, up to a comma, a semicolon, a
/// bracket or the next point.
pub fn named_points(text: &str) -> Vec<(u32, String)> {
    let mut points = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        let digits = chars.iter().skip(at).take_while(|c| c.is_ascii_digit()).count();
        let before_ok = at == 0 || !chars.get(at - 1).is_some_and(|c| c.is_alphanumeric());
        if digits == 0 || digits > 2 || !before_ok {
            at += digits.max(1);
            continue;
        }
        let number: String = chars.iter().skip(at).take(digits).collect();
        let mut next = at + digits;
        while chars.get(next) == Some(&' ') {
            next += 1;
        }
        let word: String = chars.iter().skip(next).take(3).collect::<String>().to_lowercase();
        if matches!(chars.get(next), Some('=' | ':')) {
            next += 1;
        } else if word == "er " || word == "is " {
            next += 3;
        } else {
            at += digits;
            continue;
        }
        let meaning: String = chars
            .iter()
            .skip(next)
            .take_while(|c| !matches!(c, ',' | ';' | ')' | '('))
            .collect();
        // "… og 5 = meget utilfreds": the next point ends this one's words.
        let meaning = meaning
            .split(" og ")
            .next()
            .unwrap_or_default()
            .split(" and ")
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        if let Ok(number) = number.parse::<u32>()
            && number <= 10
        {
            points.push((number, meaning));
        }
        at = next;
    }
    points
}

/// A 1-5 question whose text says its scale runs the other way: "1 = Meget tilfreds", "5 =
/// dårligst". Its answers are read as 6 minus the number.
pub fn reversed_by_words(text: &str) -> bool {
    let good = |meaning: &str| {
        let lower = meaning.to_lowercase();
        matches!(parse_answer(meaning, DecimalMark::Auto), Ok(Answer::Score(s)) if s >= 4.0)
            || ["bedst", "best", "højest", "meget god", "very good"]
                .iter()
                .any(|w| lower.starts_with(w))
    };
    let bad = |meaning: &str| {
        let lower = meaning.to_lowercase();
        matches!(parse_answer(meaning, DecimalMark::Auto), Ok(Answer::Score(s)) if s <= 2.0)
            || ["dårligst", "værst", "worst", "lavest"]
                .iter()
                .any(|w| lower.starts_with(w))
    };
    let points = named_points(text);
    let one_good = points.iter().any(|(n, meaning)| *n == 1 && good(meaning));
    let five_bad = points.iter().any(|(n, meaning)| *n == 5 && bad(meaning));
    let contradicted = points
        .iter()
        .any(|(n, meaning)| (*n == 1 && bad(meaning)) || (*n == 5 && good(meaning)));
    (one_good || five_bad) && !contradicted
}

/// "1-10" as "1", "-", "10"; other words as they are.
fn split_range(token: &str) -> Vec<&str> {
    match token.split_once(['-', '–']) {
        Some((low, high)) if !low.is_empty() && !high.is_empty() => {
            let dash = token.get(low.len()..token.len() - high.len()).unwrap_or("-");
            vec![low, dash, high]
        }
        _ => vec![token],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect()
    }

    #[test]
    fn a_scale_named_by_its_points() {
        assert_eq!(
            of_words("Tilfredshed (1=lav, 7=høj)"),
            Some(OtherScale { low: 1.0, high: 7.0 })
        );
        assert_eq!(
            of_words("(0 = meget utilfreds, 4 = meget tilfreds)"),
            Some(OtherScale { low: 0.0, high: 4.0 })
        );
        assert_eq!(of_words("Tilfredshed (1 = Meget utilfreds, 5 = Meget tilfreds)"), None);
        assert!(reversed_by_words(
            "Tilfredshed (1 = Meget tilfreds, 5 = Meget utilfreds)"
        ));
        assert!(reversed_by_words("Vurdering (5 = dårligst)"));
        assert!(reversed_by_words("hvor 1 er meget tilfreds og 5 er meget utilfreds"));
        assert!(!reversed_by_words(
            "Tilfredshed (1 = Meget utilfreds, 5 = Meget tilfreds)"
        ));
        assert!(!reversed_by_words("Hvor tilfreds er du med release 1.4?"));
    }

    #[test]
    fn numbers_past_the_scale() {
        let once = |values: &[&'static str]| values.iter().map(|v| (*v, 1)).collect::<Vec<_>>();
        let nps = once(&["0", "7", "10", "3", "9", "6", "8", "2"]);
        assert_eq!(
            of_numbers(nps.into_iter(), &[], false),
            Some(OtherScale { low: 0.0, high: 10.0 })
        );
        // SurveyXact's code 6 for "don't know": codes, not another scale.
        let coded = once(&["1", "4", "6", "5", "3"]);
        assert_eq!(of_numbers(coded.clone().into_iter(), &[], false), None);
        // ...but Forms writes the values themselves: a 6 is a sixth point.
        assert_eq!(
            of_numbers(coded.into_iter(), &[], true),
            Some(OtherScale { low: 1.0, high: 6.0 })
        );
        // A lone stray 9 among a thousand answers is a row to tell, not another scale.
        let stray = vec![("1", 400), ("5", 600), ("9", 1)];
        assert_eq!(of_numbers(stray.into_iter(), &[], true), None);
        assert_eq!(of_numbers(once(&["1", "5", "Ved ikke"]).into_iter(), &[], true), None);
        assert_eq!(of_numbers(once(&["1", "6", "Meget god"]).into_iter(), &[], true), None);
        assert_eq!(
            of_numbers(once(&["1", "6", "99"]).into_iter(), &["99".into()], false),
            None
        );
    }

    #[test]
    fn list_answers_as_codes() {
        assert_eq!(answer_codes(["A3", "A1", "AO06"].into_iter()), Some("A3"));
        assert_eq!(answer_codes(["A3"].into_iter()), None);
        assert_eq!(answer_codes(["A3", "Tilfreds"].into_iter()), None);
        assert_eq!(answer_codes(["Rul 1", "Rul 2"].into_iter()), None);
        assert_eq!(answer_codes(["K1", "K2"].into_iter()), Some("K1"));
        assert_eq!(answer_codes(["K1", "KLIK2"].into_iter()), None);
    }

    #[test]
    fn only_one_to_three_in_many_answers() {
        assert_eq!(
            narrow([("1", 20), ("2", 15), ("Ved ikke", 3)].into_iter()),
            Some((2.0, 35))
        );
        assert_eq!(narrow([("1", 20), ("2", 15), ("4", 1)].into_iter()), None);
        assert_eq!(narrow([("1", 5), ("3", 5)].into_iter()), None);
        assert_eq!(narrow([("1", 20), ("Tilfreds", 15)].into_iter()), None);
    }

    #[test]
    fn scales_named_in_a_question() {
        let ten = Some(OtherScale { low: 1.0, high: 10.0 });
        assert_eq!(of_words("Hvor tilfreds er I på en skala fra 1 til 10?"), ten);
        assert_eq!(of_words("Tilfredshed (1-10)"), ten);
        assert_eq!(
            of_words("How likely are you to recommend us? (0–10)").map(|s| s.low),
            Some(0.0)
        );
        assert_eq!(
            of_words("Vurdér supporten 1-7"),
            Some(OtherScale { low: 1.0, high: 7.0 })
        );
        for text in [
            "Tilfredshed (skala 1-5)",
            "Tilfredshed i klargøring (uge 1-3)",
            "Prøvevalg uge 4-5",
            "Valgdagen",
            "Release 1.4",
            "Antal 1-2 personer",
        ] {
            assert_eq!(of_words(text), None, "{text}");
        }
    }

    #[test]
    fn code_lists_of_other_scales() {
        let grades = list(&[
            ("1", "1"),
            ("2", "2"),
            ("5", "5"),
            ("6", "6"),
            ("7", "Ikke fått karakter"),
        ]);
        assert_eq!(of_code_list(&grades), Some(OtherScale { low: 1.0, high: 6.0 }));
        let four = list(&[("1", "I liten grad"), ("2", "2"), ("3", "3"), ("4", "I stor grad")]);
        assert_eq!(of_code_list(&four), Some(OtherScale { low: 1.0, high: 4.0 }));
        let five = list(&[
            ("1", "I meget lav grad"),
            ("2", "2"),
            ("3", "3"),
            ("4", "4"),
            ("5", "Helt"),
            ("6", "Ved ikke"),
        ]);
        assert_eq!(of_code_list(&five), None);
        let satisfaction = list(&[
            ("1", "Meget utilfreds"),
            ("2", "Utilfreds"),
            ("5", "Meget tilfreds"),
            ("6", "Ved ikke"),
        ]);
        assert_eq!(of_code_list(&satisfaction), None);
        // Agreement without a middle, coded 1-4: not 1, 2, 4, 5 by its words.
        let agree = list(&[("1", "Helt uenig"), ("2", "Uenig"), ("3", "Enig"), ("4", "Helt enig")]);
        assert_eq!(of_code_list(&agree), Some(OtherScale { low: 1.0, high: 4.0 }));
        // An option in other words beside five scale words is no point of the scale.
        let other = list(&[
            ("1", "Meget utilfreds"),
            ("2", "Utilfreds"),
            ("3", "Hverken tilfreds eller utilfreds"),
            ("4", "Tilfreds"),
            ("5", "Meget tilfreds"),
            ("8", "Andet"),
        ]);
        assert_eq!(of_code_list(&other), None);
        // Five scale words numbered from 0: read by the words.
        let from_zero = list(&[
            ("0", "Meget utilfreds"),
            ("1", "Utilfreds"),
            ("2", "Hverken tilfreds eller utilfreds"),
            ("3", "Tilfreds"),
            ("4", "Meget tilfreds"),
        ]);
        assert_eq!(of_code_list(&from_zero), None);
        assert_eq!(of_code_list(&list(&[("6", "Ved ikke")])), None);
        assert_eq!(of_code_list(&list(&[("A1", "Foo"), ("A2", "Bar")])), None);
        let mut recommend: Vec<(String, String)> = (1..=9).map(|v| (v.to_string(), v.to_string())).collect();
        recommend.push(("0".into(), "0 - Slet ikke sandsynligt".into()));
        recommend.push(("10".into(), "10 - Meget sandsynligt".into()));
        assert_eq!(
            of_code_list(&recommend.into_iter().collect()),
            Some(OtherScale { low: 0.0, high: 10.0 })
        );
        // Code lists of other things: no scale.
        assert_eq!(
            of_code_list(&list(&[("1", "Ja"), ("2", "Nej"), ("3", "Ved ikke")])),
            None
        );
        assert_eq!(
            of_code_list(&list(&[("1", "Rul 1"), ("2", "Rul 2"), ("3", "Rul 3")])),
            None
        );
        assert_eq!(of_code_list(&list(&[("1", "Uge 1"), ("6", "Uge 6")])), None);
    }
}
