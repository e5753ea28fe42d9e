//! The respondents behind every fixture: made by a small deterministic generator, so that a test
//! knows the right summary without reading any file back.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// The three parameters of the deck's "Scores fra rul 1" slide.
pub const QUESTIONS: [&str; 3] = ["Valgdagen", "Udrulningen og VALG-løsningen generelt", "Supporten"];
/// Score 1..=5 as the Danish choice labels; index = score - 1.
pub const LABELS: [&str; 5] = [
    "Meget utilfreds",
    "Utilfreds",
    "Hverken tilfreds eller utilfreds",
    "Tilfreds",
    "Meget tilfreds",
];
pub const DONT_KNOW: &str = "Ved ikke";

/// Waves with the Monday their week 1 began: Rul 2 ran first, Rul 1 last.
pub const WAVES: [(u8, (i32, u32, u32)); 3] = [(2, (2024, 8, 5)), (3, (2024, 9, 2)), (1, (2024, 9, 30))];

/// Municipalities and regions with their wave. "Aabenraa Kommune" sorts first and is in the last
/// wave, so a file sorted by municipality does not list the waves in time order.
pub const MUNICIPALITIES: [(&str, u8); 24] = [
    ("Aabenraa Kommune", 1),
    ("Ærø Kommune", 3),
    ("Høje-Taastrup Kommune", 2),
    ("Lyngby-Taarbæk Kommune", 2),
    ("Region Sjælland", 2),
    ("Aarhus Kommune", 2),
    ("Aalborg Kommune", 3),
    ("Københavns Kommune", 1),
    ("Odense Kommune", 2),
    ("Tårnby Kommune", 3),
    ("Sønderborg Kommune", 1),
    ("Frederiksberg Kommune", 2),
    ("Fanø Kommune", 3),
    ("Læsø Kommune", 1),
    ("Næstved Kommune", 2),
    ("Helsingør Kommune", 3),
    ("Region Hovedstaden", 1),
    ("Brøndby Kommune", 2),
    ("Vesthimmerlands Kommune", 3),
    ("Faxe Kommune", 1),
    ("Ringkøbing-Skjern Kommune", 3),
    ("Glostrup Kommune", 1),
    ("Region Syddanmark", 3),
    ("Billund Kommune", 1),
];

/// Free-text answers with the characters that break naive CSV handling: ; , quotes, line
/// breaks, æøå and the Windows-1252-only en dash.
const COMMENTS: [&str; 6] = [
    "Godt forløb; små børnesygdomme i starten.",
    "Materialet var \"overvældende\" i starten, men supporten hjalp.\nTak for hjælpen!",
    "Uge 4: prøvevalget gik fint – dog lidt ventetid, især på hotline.",
    "Vi savner en tjekliste til valgdagen, evt. som PDF",
    "Ved ikke endnu – spørg os efter prøvevalget",
    "Æ, ø og å virker fint i VALG-løsningen.",
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Answer {
    Score(u8),
    DontKnow,
    Empty,
}

#[derive(Clone, Debug)]
pub struct Record {
    /// 1-based, in time order (the order in which the tools number their responses).
    pub id: usize,
    pub municipality: &'static str,
    pub wave: u8,
    pub week: u8,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub answers: [Answer; 3],
    pub comment: Option<&'static str>,
    /// Left before the end (the last question unanswered, no comment): tools that export
    /// incomplete responses mark these.
    pub partial: bool,
}

impl Record {
    pub fn wave_name(&self) -> String {
        format!("Rul {}", self.wave)
    }
}

pub fn wave_start(wave: u8) -> NaiveDate {
    let (_, (y, m, d)) = WAVES.iter().find(|(w, _)| *w == wave).expect("a known wave");
    NaiveDate::from_ymd_opt(*y, *m, *d).expect("a valid date")
}

/// What a record set may hold; the layouts differ in what they can express.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub seed: u64,
    pub count: usize,
    /// Per question: may it be answered "Ved ikke"? (A Forms rating or a LimeSurvey 5-point
    /// array has no such option.)
    pub dont_know: [bool; 3],
    /// Answer dates only on days of month up to this (12 makes every d/m order ambiguous).
    pub max_day: u32,
    /// Percentage of respondents who left before the end.
    pub partial_percent: u64,
}

impl Spec {
    pub fn new(seed: u64) -> Spec {
        Spec {
            seed,
            count: 150,
            dont_know: [true; 3],
            max_day: 31,
            partial_percent: 0,
        }
    }
}

/// A linear congruential generator (Knuth's MMIX constants): the same records on every machine.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

pub fn generate(spec: Spec) -> Vec<Record> {
    let mut rng = Lcg::new(spec.seed);
    let mut records = Vec::with_capacity(spec.count);
    for _ in 0..spec.count {
        let (municipality, wave) = MUNICIPALITIES[rng.below(MUNICIPALITIES.len() as u64) as usize];
        let (week, day) = loop {
            let week = 1 + rng.below(5) as u8;
            let day = wave_start(wave) + Duration::days(7 * (i64::from(week) - 1) + rng.below(5) as i64);
            if day.day() <= spec.max_day {
                break (week, day);
            }
        };
        let time = NaiveTime::from_hms_opt(8 + rng.below(8) as u32, rng.below(60) as u32, rng.below(60) as u32)
            .expect("a valid time");
        let start = day.and_time(time);
        let end = start + Duration::seconds(90 + rng.below(900) as i64);
        let mut answers = [Answer::Empty; 3];
        for (q, answer) in answers.iter_mut().enumerate() {
            let roll = rng.below(100);
            *answer = if roll < 7 {
                Answer::Empty
            } else if roll < 14 && spec.dont_know[q] {
                Answer::DontKnow
            } else {
                // Weighted towards 4, like the deck's means of 3.7-4.1.
                Answer::Score([1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5][rng.below(15) as usize])
            };
        }
        // Every respondent gives at least one score, so every wave and phase with respondents
        // has answers (n > 0) and its earliest date is an answer date.
        if !answers.iter().any(|a| matches!(a, Answer::Score(_))) {
            answers[0] = Answer::Score(4);
        }
        let partial = rng.below(100) < spec.partial_percent && answers[2] != Answer::Empty;
        if partial {
            answers[2] = Answer::Empty;
            if !answers.iter().any(|a| matches!(a, Answer::Score(_))) {
                answers[0] = Answer::Score(3);
            }
        }
        let comment = if partial || rng.below(100) >= 30 {
            None
        } else {
            Some(COMMENTS[rng.below(COMMENTS.len() as u64) as usize])
        };
        let record = Record {
            id: 0,
            municipality,
            wave,
            week,
            start,
            end,
            answers,
            comment,
            partial,
        };
        records.push(record);
    }
    records.sort_by_key(|r| r.start);
    for (i, r) in records.iter_mut().enumerate() {
        r.id = i + 1;
    }
    records
}

/// The score as the Danish label ("Meget tilfreds", "Ved ikke", "" when not answered).
pub fn label(answer: Answer) -> &'static str {
    match answer {
        Answer::Score(s) => LABELS[usize::from(s) - 1],
        Answer::DontKnow => DONT_KNOW,
        Answer::Empty => "",
    }
}

/// The score as a number, "Ved ikke" as `dont_know`, "" when not answered.
pub fn code(answer: Answer, dont_know: &str) -> String {
    match answer {
        Answer::Score(s) => s.to_string(),
        Answer::DontKnow => dont_know.to_string(),
        Answer::Empty => String::new(),
    }
}
