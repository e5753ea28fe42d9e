//! Generated survey files with known answers and planted faults: every case must give exactly
//! the means the generator computed, or exactly the problems it planted, at their line and
//! column. A bounded number of cases runs in `cargo test`; set VALGPULS_FUZZ_CASES for a long
//! run (and VALGPULS_FUZZ_SEED to repeat one, VALGPULS_FUZZ_DUMP=DIR to keep its file).

use std::collections::BTreeMap;

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{ImportOptions, Source, import_sources};
use valgpuls::locale::Lang;

/// xorshift64*: deterministic, so a failing case can be repeated from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const LABELS: [&str; 5] = [
    "Meget utilfreds",
    "Utilfreds",
    "Hverken tilfreds eller utilfreds",
    "Tilfreds",
    "Meget tilfreds",
];
const QUESTIONS: [&str; 3] = ["Valgdagen", "Udrulningen og VALG-løsningen generelt", "Supporten"];
const MUNICIPALITIES: [&str; 5] = [
    "Køge Kommune",
    "Ærø Kommune",
    "Aabenraa Kommune",
    "Region Sjælland",
    "Høje-Taastrup Kommune",
];
const COMMENTS: [&str; 5] = [
    "Fint",
    "Godt; men \"travlt\"",
    "Linje et\nlinje to",
    "Materialet var overvældende, i starten",
    "",
];

/// What the summary must say: per (wave, phase) the scores and the "don't know" count.
#[derive(Default)]
struct Expected {
    cells: BTreeMap<(String, String), (Vec<f64>, u64)>,
}

/// A planted fault: the line and column it must be reported at, and a word of its message.
struct Planted {
    line: u64,
    column: usize,
    message: &'static str,
}

struct Case {
    bytes: Vec<u8>,
    expected: Expected,
    planted: Vec<Planted>,
}

fn phase(week: u32) -> &'static str {
    match week {
        1..=3 => "Klargøring (uge 1-3)",
        4 => "Prøvevalg (uge 4)",
        _ => "Prøvevalg (uge 5)",
    }
}

fn field(text: &str, separator: char, force_quotes: bool) -> String {
    if force_quotes || text.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn generate(rng: &mut Rng) -> Case {
    let separator = *rng.pick(&[';', ',', '\t']);
    let crlf = rng.chance(50);
    let quote_all = rng.chance(25);
    let labels = rng.chance(50);
    let faults = rng.chance(40);
    let rows = 5 + rng.below(60) as usize;
    let end = if crlf { "\r\n" } else { "\n" };
    let headers = [
        "Kommune",
        "Rul",
        "Uge",
        QUESTIONS[0],
        QUESTIONS[1],
        QUESTIONS[2],
        "Kommentar",
    ];
    let mut text = String::new();
    text.push_str(
        &headers
            .iter()
            .map(|h| field(h, separator, quote_all))
            .collect::<Vec<_>>()
            .join(&separator.to_string()),
    );
    text.push_str(end);
    let mut line = 2u64;
    let mut expected = Expected::default();
    let mut planted = Vec::new();
    let mut good_rows = 0;
    for row in 0..rows {
        let wave = format!("Rul {}", 1 + rng.below(3));
        let week = 1 + rng.below(5) as u32;
        let mut fields = vec![
            rng.pick(&MUNICIPALITIES).to_string(),
            wave.clone(),
            if rng.chance(50) {
                format!("Uge {week}")
            } else {
                week.to_string()
            },
        ];
        // At most one fault a row, and only after the first rows, so the columns stay
        // questions by their values.
        let fault = (faults && row >= 4 && rng.chance(15)).then(|| rng.below(3) as usize);
        let mut answers = Vec::new();
        for q in 0..3 {
            let roll = rng.below(100);
            let (text, answer) = if fault == Some(q) {
                if rng.chance(50) {
                    planted.push(Planted {
                        line,
                        column: 4 + q,
                        message: "uden for skalaen",
                    });
                    ((6 + rng.below(3)).to_string(), None)
                } else {
                    planted.push(Planted {
                        line,
                        column: 4 + q,
                        message: "ikke et kendt svar",
                    });
                    ("Mget tilfreds".to_string(), None)
                }
            } else if roll < 8 {
                ("Ved ikke".to_string(), Some(None))
            } else if roll < 14 {
                (String::new(), None)
            } else {
                let score = 1 + rng.below(5) as usize;
                let text = if labels {
                    LABELS[score - 1].to_string()
                } else {
                    score.to_string()
                };
                (text, Some(Some(score as f64)))
            };
            fields.push(text);
            answers.push(answer);
        }
        let comment = rng.pick(&COMMENTS).to_string();
        let comment = if crlf { comment.replace('\n', "\r\n") } else { comment };
        fields.push(comment.clone());
        if fault.is_none() {
            good_rows += 1;
            for answer in answers.into_iter().flatten() {
                let cell = expected
                    .cells
                    .entry((wave.clone(), phase(week).to_string()))
                    .or_default();
                match answer {
                    Some(score) => cell.0.push(score),
                    None => cell.1 += 1,
                }
            }
        }
        text.push_str(
            &fields
                .iter()
                .map(|f| field(f, separator, quote_all))
                .collect::<Vec<_>>()
                .join(&separator.to_string()),
        );
        text.push_str(end);
        line += 1 + comment.matches('\n').count() as u64;
    }
    let _ = good_rows;
    let bytes = match rng.below(4) {
        0 => text.into_bytes(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        _ => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
    };
    Case {
        bytes,
        expected,
        planted,
    }
}

fn check(seed: u64) {
    let mut rng = Rng(seed | 1);
    let case = generate(&mut rng);
    if let Some(dir) = std::env::var_os("VALGPULS_FUZZ_DUMP") {
        std::fs::write(std::path::Path::new(&dir).join(format!("fuzz-{seed}.csv")), &case.bytes).unwrap();
    }
    let import = import_sources(
        &[Source {
            name: "fuzz.csv".into(),
            bytes: case.bytes.clone().into(),
        }],
        &ImportOptions::default(),
    );
    // The chunked readers and one reader from start to end agree on every problem.
    let one_reader = import_sources(
        &[Source {
            name: "fuzz.csv".into(),
            bytes: case.bytes.clone().into(),
        }],
        &ImportOptions {
            one_reader: true,
            ..ImportOptions::default()
        },
    );
    assert_eq!(import.problems, one_reader.problems, "seed {seed}");
    assert_eq!(
        import.dataset.answer_count(),
        one_reader.dataset.answer_count(),
        "seed {seed}"
    );
    let errors: Vec<_> = import.problems.iter().filter(|p| p.is_error()).collect();
    let found: Vec<(u64, usize)> = errors
        .iter()
        .map(|p| (p.line.unwrap_or(0), p.column.as_ref().map_or(0, |c| c.0)))
        .collect();
    let wanted: Vec<(u64, usize)> = case.planted.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(found, wanted, "seed {seed}: problems {:?}", import.problems);
    for (problem, planted) in errors.iter().zip(&case.planted) {
        assert!(
            problem.message(Lang::Da).contains(planted.message),
            "seed {seed}: {problem:?}"
        );
    }
    let summary = summary(&import.dataset, &Filter::default()).unwrap();
    let mut seen = 0;
    for wave in &summary.waves {
        for cell in &wave.cells {
            let (scores, dont_know) = case
                .expected
                .cells
                .get(&(wave.wave.clone(), cell.phase.clone()))
                .unwrap_or_else(|| panic!("seed {seed}: no such cell {} {}", wave.wave, cell.phase));
            assert_eq!(
                cell.stats.n,
                scores.len() as u64,
                "seed {seed}: n of {} {}",
                wave.wave,
                cell.phase
            );
            assert_eq!(cell.stats.dont_know, *dont_know, "seed {seed}");
            if !scores.is_empty() {
                let mean = scores.iter().sum::<f64>() / scores.len() as f64;
                assert!((cell.stats.mean.unwrap() - mean).abs() < 1e-9, "seed {seed}");
            }
            seen += 1;
        }
    }
    let nonempty = case
        .expected
        .cells
        .values()
        .filter(|(s, d)| !s.is_empty() || *d > 0)
        .count();
    assert_eq!(seen, nonempty, "seed {seed}: cells");
}

#[test]
fn generated_files_give_exactly_their_means_or_their_planted_faults() {
    let cases: u64 = std::env::var("VALGPULS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let first: u64 = std::env::var("VALGPULS_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5641_4C47);
    for seed in first..first + cases {
        check(seed);
    }
}
