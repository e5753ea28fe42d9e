//! A filter gives the numbers of the answers it lets through: every view of a filtered data
//! set equals the same view of a data set read from only those answers' rows. Waves, phases,
//! questions, municipalities (an answer without one never matches), date ranges, names no
//! answer has, and all of them at once.

use chrono::NaiveDate;
use valgpuls::analysis::{
    Filter, GroupBy, answers_per_municipality, crosstab, distribution, question_breakdown, summary,
};
use valgpuls::dataset::Dataset;
use valgpuls::import::{ImportOptions, Source, import_sources};
use valgpuls::phases::{NO_PHASE, PHASE_PREPARATION, phase_of_week};

const HEADER: &str = "Kommune;Rul;Uge;Dato;Spørgsmål;Svar";

struct Record {
    municipality: &'static str,
    wave: u32,
    week: u32,
    date: NaiveDate,
    question: &'static str,
    answer: String,
}

impl Record {
    fn line(&self) -> String {
        format!(
            "{};Rul {};{};{};{};{}",
            self.municipality,
            self.wave,
            self.week,
            self.date.format("%Y-%m-%d"),
            self.question,
            self.answer
        )
    }
}

fn sorted<T, K: Ord>(mut rows: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    rows.sort_by_key(key);
    rows
}

/// 600 answers from a small generator: five municipalities (one left empty), three waves of
/// five weeks, three questions, scores 1-5 with halves and "Ved ikke".
fn records() -> Vec<Record> {
    let municipalities = ["Aabenraa", "Ærø", "Næstved", "Aarhus", ""];
    let questions = ["Tilfredshed", "Support", "Materialer"];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n) as usize
    };
    (0..600)
        .map(|_| {
            let wave = 1 + next(3) as u32;
            let week = 1 + next(5) as u32;
            let start = NaiveDate::from_ymd_opt(2024, 8, 5).unwrap() + chrono::Days::new(u64::from(wave) * 35);
            let date = start + chrono::Days::new(u64::from(week - 1) * 7 + next(5) as u64);
            let answer = match next(12) {
                0 => "Ved ikke".to_string(),
                1 => "3,5".to_string(),
                k => (1 + k % 5).to_string(),
            };
            Record {
                municipality: municipalities[next(municipalities.len() as u64)],
                wave,
                week,
                date,
                question: questions[next(3)],
                answer,
            }
        })
        .collect()
}

fn dataset_of<'a>(rows: impl Iterator<Item = &'a Record>) -> Dataset {
    let mut text = format!("{HEADER}\n");
    for record in rows {
        text.push_str(&record.line());
        text.push('\n');
    }
    let source = Source {
        name: "svar.csv".into(),
        bytes: text.into_bytes().into(),
    };
    let import = import_sources(&[source], &ImportOptions::default());
    assert!(import.problems.iter().all(|p| !p.is_fatal()), "{:?}", import.problems);
    import.dataset
}

fn date(day: u32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, month, day).unwrap()
}

#[test]
fn every_view_of_a_filter_is_the_view_of_only_the_answers_it_lets_through() {
    let all = records();
    let whole = dataset_of(all.iter());
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let filters = [
        Filter {
            waves: names(&["Rul 2"]),
            ..Filter::default()
        },
        Filter {
            waves: names(&["Rul 1", "Rul 3"]),
            questions: names(&["Support"]),
            ..Filter::default()
        },
        Filter {
            phases: names(&[PHASE_PREPARATION]),
            ..Filter::default()
        },
        Filter {
            municipalities: names(&["Ærø", "Aarhus"]),
            ..Filter::default()
        },
        Filter {
            date_from: Some(date(20, 9)),
            date_to: Some(date(15, 10)),
            ..Filter::default()
        },
        Filter {
            date_from: Some(date(1, 10)),
            ..Filter::default()
        },
        Filter {
            waves: names(&["Rul 2", "Rul 9"]),
            municipalities: names(&["Næstved"]),
            date_to: Some(date(30, 11)),
            ..Filter::default()
        },
    ];
    for filter in &filters {
        let passes = |r: &&Record| {
            let wave = format!("Rul {}", r.wave);
            let one_of = |wanted: &[String], value: &str| wanted.is_empty() || wanted.iter().any(|w| w == value);
            let phase = phase_of_week(r.week as i32).unwrap_or(NO_PHASE);
            one_of(&filter.waves, &wave)
                && one_of(&filter.questions, r.question)
                && (filter.municipalities.is_empty()
                    || (!r.municipality.is_empty() && one_of(&filter.municipalities, r.municipality)))
                && filter.date_from.is_none_or(|from| r.date >= from)
                && filter.date_to.is_none_or(|to| r.date <= to)
                && one_of(&filter.phases, phase)
        };
        let kept: Vec<&Record> = all.iter().filter(passes).collect();
        assert!(
            !kept.is_empty() && kept.len() < all.len(),
            "{filter:?} keeps {}",
            kept.len()
        );
        let alone = dataset_of(kept.iter().copied());
        let none = Filter::default();
        let context = format!("{filter:?}: {} answers", kept.len());
        assert_eq!(
            summary(&whole, filter).unwrap(),
            summary(&alone, &none).unwrap(),
            "summary, {context}"
        );
        // Questions are listed in the order the whole data set first has them: compared as
        // sets.
        let by_question = |r: &valgpuls::analysis::BreakdownRow| (r.wave.clone(), r.question.clone());
        assert_eq!(
            sorted(question_breakdown(&whole, filter).unwrap(), by_question),
            sorted(question_breakdown(&alone, &none).unwrap(), by_question),
            "per question, {context}"
        );
        let by_question = |r: &valgpuls::analysis::DistributionRow| (r.wave.clone(), r.question.clone());
        assert_eq!(
            sorted(distribution(&whole, filter).unwrap(), by_question),
            sorted(distribution(&alone, &none).unwrap(), by_question),
            "distribution, {context}"
        );
        let by = GroupBy::Municipality;
        let (filtered, own) = (
            crosstab(&whole, filter, &by).unwrap(),
            crosstab(&alone, &none, &by).unwrap(),
        );
        assert_eq!(filtered.rows, own.rows, "crosstab rows, {context}");
        assert_eq!(filtered.total, own.total, "crosstab total, {context}");
    }
}

#[test]
fn answers_per_municipality_counts_the_scored_answers_of_each() {
    let all = records();
    let counted = answers_per_municipality(&dataset_of(all.iter()));
    for name in ["Aabenraa", "Ærø", "Næstved", "Aarhus", ""] {
        let scored = all
            .iter()
            .filter(|r| r.municipality == name && r.answer != "Ved ikke")
            .count() as u64;
        assert_eq!(counted.get(name).copied().unwrap_or(0), scored, "«{name}»");
    }
}
