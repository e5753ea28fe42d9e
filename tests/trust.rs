//! Issue 10, numbers a steering group can trust, as the command line and the report give them:
//! a total's own interval, a small cell marked on its total, intervals cut at the scale or not
//! given, comparisons worked out independently on the sample, suppression that cannot be
//! undone from any exported total, and the sample named as sample.

use std::path::{Path, PathBuf};

use valgpuls::cli::run;

/// (exit code, stdout, stderr)
fn valgpuls(args: &[&str]) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("valgpuls-trust-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Rows "Kommune;Rul;Uge;Score": `count` answers of `score` for a wave's week.
fn rows(out: &mut String, wave: &str, week: i32, scores: &[(u32, usize)]) {
    let mut k = 0;
    for &(score, count) in scores {
        for _ in 0..count {
            k += 1;
            out.push_str(&format!("K{wave}{week}{k};{wave};{week};{score}\n"));
        }
    }
}

/// Rul 1: a Klargøring cell of 6 answers (small, shown) and two test weeks of 40; Rul 2: 40 a
/// week, but 3 answers in week 5 (hidden, and one more hidden with it); Rul 3: 2 answers in all.
fn small_cells_file() -> PathBuf {
    let mut text = String::from("Kommune;Rul;Uge;Score\n");
    rows(&mut text, "Rul 1", 1, &[(1, 3), (2, 3)]);
    rows(&mut text, "Rul 1", 4, &[(4, 20), (5, 20)]);
    rows(&mut text, "Rul 1", 5, &[(4, 25), (5, 15)]);
    for week in 1..=4 {
        rows(&mut text, "Rul 2", week, &[(3, 20), (4, 20)]);
    }
    rows(&mut text, "Rul 2", 5, &[(2, 3)]);
    rows(&mut text, "Rul 3", 1, &[(4, 1), (5, 1)]);
    temp_file("small-cells.csv", &text)
}

#[test]
fn the_mean_of_phase_means_has_its_own_interval_not_the_pooled_one() {
    let (code, out, _) = valgpuls(&["summary", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let total = &json["waves"][0]["total"];
    let of_phases = total["mean_of_phases"].as_f64().unwrap();
    let [low, high] = [0, 1].map(|i| total["mean_of_phases_ci95"][i].as_f64().unwrap());
    // Centred on 3,84 (the interval of a mean of means is symmetric), not on the pooled 3,80.
    assert!(((low + high) / 2.0 - of_phases).abs() < 1e-9);
    let pooled = [0, 1].map(|i| total["ci95"][i].as_f64().unwrap());
    assert_ne!([low, high], pooled);
    assert!((3.72..3.88).contains(&((pooled[0] + pooled[1]) / 2.0)));
    // The text prints it on its own row, beside its number.
    let (_, text, _) = valgpuls(&["summary"]);
    let row = text
        .lines()
        .find(|l| l.starts_with("Rul 2") && l.contains("Total udrulning (gns. af faser)"))
        .unwrap();
    assert!(
        row.contains("3,84") && row.contains(&format!("{:.2}", low).replace('.', ",")),
        "{row}"
    );
}

#[test]
fn a_total_built_from_a_small_cell_is_marked_and_small_groups_are_hidden() {
    let file = small_cells_file();
    let (code, out, err) = valgpuls(&["summary", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let row = |wave: &str| out.lines().find(|l| l.starts_with(wave)).unwrap().to_string();
    // Rul 1: Klargøring of 6 answers is marked, and so is the total it moves.
    let rul_1_line = row("Rul 1");
    let rul_1: Vec<&str> = rul_1_line.split_whitespace().skip(2).collect();
    assert_eq!(rul_1.first().copied(), Some("1,50*"), "{out}");
    assert!(rul_1.last().is_some_and(|t| t.ends_with('*')), "{out}");
    // Rul 2: week 5's three answers are hidden, and the smallest other cell with them; no
    // mean of phases that would tell them.
    let rul_2 = row("Rul 2");
    assert_eq!(rul_2.matches("skjult").count(), 3, "two cells and the total: {rul_2}");
    // Rul 3 (2 answers in all) is not shown at all, and the output says so.
    assert!(!out.lines().any(|l| l.starts_with("Rul 3 ")), "{out}");
    assert!(out.contains("Skjulte rul (for få svar i alt): Rul 3"), "{out}");
    assert!(out.contains("Grupper med færre end 5 svar er skjult"), "{out}");
}

#[test]
fn intervals_are_cut_at_the_scale_and_not_given_below_five_answers() {
    let mut text = String::from("Kommune;Rul;Uge;Score\n");
    rows(&mut text, "Rul 1", 1, &[(4, 2), (5, 4)]);
    rows(&mut text, "Rul 1", 4, &[(4, 1), (5, 1)]);
    let file = temp_file("edges.csv", &text);
    let (code, out, err) = valgpuls(&["summary", "--min-n", "1", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let line = |phase: &str| {
        out.lines()
            .find(|l| l.starts_with("Rul 1") && l.contains(phase))
            .unwrap()
    };
    // Six answers of 4 and 5: the t interval runs past 5 and is cut there, marked ‡.
    assert!(line("Klargøring").contains("–5,00‡"), "{out}");
    assert!(out.contains("‡ intervallet er skåret af ved skalaens ende"), "{out}");
    // Two answers: no interval (a t interval would run from about −1,85 to 10,85), and why.
    let two: Vec<&str> = line("Prøvevalg (uge 4)").split_whitespace().collect();
    assert!(two.contains(&"–"), "{out}");
    assert!(!out.contains("10,"), "{out}");
    assert!(out.contains("Intet interval under 5 svar"), "{out}");
}

/// The sample's cells read straight from the file (Windows-1252, `;`, Danish labels), without
/// valgpuls' import: the week 4 answers of one wave.
fn sample_week(wave: &str, week: &str) -> Vec<f64> {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/checkin-survey.csv")).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let score = |label: &str| match label.trim() {
        "Meget utilfreds" => Some(1.0),
        "Utilfreds" => Some(2.0),
        "Hverken tilfreds eller utilfreds" => Some(3.0),
        "Tilfreds" => Some(4.0),
        "Meget tilfreds" => Some(5.0),
        _ => None,
    };
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        if record.get(2) == Some(wave) && record.get(3) == Some(week) {
            out.extend((4..=6).filter_map(|i| record.get(i).and_then(score)));
        }
    }
    out
}

#[test]
fn a_comparison_on_the_sample_matches_one_worked_out_apart() {
    let (rul_1, rul_2) = (sample_week("Rul 1", "Uge 4"), sample_week("Rul 2", "Uge 4"));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)
    };
    let (n1, n2) = (rul_1.len() as f64, rul_2.len() as f64);
    let t = (mean(&rul_1) - mean(&rul_2)) / (var(&rul_1) / n1 + var(&rul_2) / n2).sqrt();
    // Brunner–Munzel's estimate by counting every pair: P(Rul 2 < Rul 1) + ½·P(equal).
    let wins: f64 = rul_2
        .iter()
        .flat_map(|a| {
            rul_1.iter().map(move |b| {
                if a < b {
                    1.0
                } else if a == b {
                    0.5
                } else {
                    0.0
                }
            })
        })
        .sum::<f64>()
        / (n1 * n2);
    let top_two = rul_1.iter().filter(|s| **s >= 4.0).count() as f64 / n1;

    let (_, out, _) = valgpuls(&["summary", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let comparison = json["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["kind"] == "waves_in_phase"
                && c["a"]["wave"] == "Rul 2"
                && c["b"]["wave"] == "Rul 1"
                && c["a"]["phase"] == "Prøvevalg (uge 4)"
        })
        .expect("Rul 2 against Rul 1 in week 4");
    assert_eq!(comparison["b"]["n"], rul_1.len());
    assert!((comparison["difference"].as_f64().unwrap() - (mean(&rul_1) - mean(&rul_2))).abs() < 1e-12);
    assert!((comparison["welch_t"].as_f64().unwrap() - t).abs() < 1e-9);
    assert!((comparison["test_estimate"].as_f64().unwrap() - wins).abs() < 1e-12);
    assert!((comparison["b"]["top_two_share"].as_f64().unwrap() - top_two).abs() < 1e-12);
    assert_eq!(comparison["test"], "Brunner–Munzel");
    let sentence = comparison["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("Rul 1 er mere tilfreds end Rul 2 i Prøvevalg (uge 4): 4,10 mod 3,89;"),
        "{sentence}"
    );
    assert!(
        sentence.contains("Brunner–Munzel, p = ") && sentence.contains("Holm"),
        "{sentence}"
    );
    // Added to the contract, nothing of it changed.
    assert_eq!(json["waves"][0]["cells"][0]["n"], 300);
    let (_, english, _) = valgpuls(&["summary", "--format", "json", "--lang", "en"]);
    assert!(english.contains("Wave 1 is more satisfied than Wave 2 in Test election (week 4): 4.10 vs 3.89;"));
}

/// Every way a hidden cell could come back from what is exported: a wave's total less its
/// shown cells, the mean of phase means, all waves less the shown waves.
#[test]
fn hidden_cells_cannot_be_rebuilt_from_any_exported_total() {
    let file = small_cells_file();
    let (_, all, _) = valgpuls(&["summary", "--format", "json", "--min-n", "1", file.to_str().unwrap()]);
    let (_, shown, _) = valgpuls(&["summary", "--format", "json", file.to_str().unwrap()]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let waves = |v: &serde_json::Value| v["waves"].as_array().unwrap().clone();
    let mut hidden_somewhere = false;
    for wave in waves(&shown) {
        let name = wave["wave"].as_str().unwrap();
        let truth = waves(&all).into_iter().find(|w| w["wave"] == name).unwrap();
        let cells = wave["cells"].as_array().unwrap();
        let missing = truth["cells"].as_array().unwrap().len() - cells.len();
        hidden_somewhere |= missing > 0;
        // With one cell missing, total n less the others is its n: never exactly one.
        assert_ne!(missing, 1, "{name}: one hidden cell is the total less the others");
        if missing > 0 {
            assert!(
                wave["total"]["mean_of_phases"].is_null(),
                "{name}: the mean of phases tells a hidden mean"
            );
        }
        for cell in cells {
            assert!(cell["n"].as_u64().unwrap() >= 5);
        }
    }
    assert!(hidden_somewhere, "the file has cells to hide");
    // All waves together are the shown waves together: a hidden wave is not the rest less them.
    let sum: u64 = waves(&shown).iter().map(|w| w["total"]["n"].as_u64().unwrap()).sum();
    assert_eq!(shown["overall"]["n"].as_u64(), Some(sum));

    // The report's table too: summary.csv has the same holes and says why.
    let out_dir = std::env::temp_dir().join(format!("valgpuls-trust-report-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&out_dir);
    let (code, _, err) = valgpuls(&["report", "--out", out_dir.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    let rul_2 = csv.lines().find(|l| l.starts_with("Rul 2;")).unwrap();
    let fields: Vec<&str> = rul_2.split(';').collect();
    // Rul; then mean and n per phase (3 phases); then the totals.
    let empty_phases = (0..3)
        .filter(|p| fields.get(1 + 2 * p).is_some_and(|f| f.is_empty()))
        .count();
    assert_ne!(empty_phases, 1, "{rul_2}");
    assert!(csv.contains("Grupper med færre end 5 svar er skjult"), "{csv}");
    assert!(!csv.lines().any(|l| l.starts_with("Rul 3;")), "{csv}");
    std::fs::remove_dir_all(&out_dir).unwrap();
}

#[test]
fn the_report_on_the_sample_says_eksempeldata_in_its_source_lines() {
    let out_dir = std::env::temp_dir().join(format!("valgpuls-trust-sample-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&out_dir);
    let (code, _, err) = valgpuls(&["report", "--out", out_dir.to_str().unwrap(), "--size", "480x270"]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(out_dir.join("bars.svg")).unwrap();
    assert!(svg.contains("Eksempeldata (opdigtede svar)"), "the source line");
    assert!(!svg.contains("checkin-survey.csv"));
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(index.contains("Er forskellen reel?"), "the comparisons are on the page");
    assert!(out_dir.join("comparisons.csv").exists());
    std::fs::remove_dir_all(&out_dir).unwrap();
}

#[test]
fn min_n_must_be_a_whole_number_from_one() {
    let (code, _, err) = valgpuls(&["summary", "--min-n", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("--min-n «0»"), "{err}");
}

/// One definition of a mean and an SD: the crosstab's figures for a wave are the overview's
/// figures for that wave's answers pooled, to the last bit, and so is the total.
#[test]
fn the_crosstab_and_the_overview_give_one_mean_and_sd_to_the_last_bit() {
    use valgpuls::analysis::{Filter, GroupBy, crosstab, summary};
    use valgpuls::import::{ImportOptions, import_paths};
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/checkin-survey.csv");
    let dataset = import_paths(&[sample], &ImportOptions::default()).dataset;
    let overview = summary(&dataset, &Filter::default()).unwrap();
    let tab = crosstab(&dataset, &Filter::default(), &GroupBy::Wave).unwrap();
    assert_eq!(tab.rows.len(), overview.waves.len());
    for row in &tab.rows {
        let wave = overview.waves.iter().find(|w| w.wave == row.value).unwrap();
        assert_eq!(row.stats.n, wave.total.n, "{}", row.value);
        assert_eq!(row.stats.mean, wave.total.pooled_mean, "{}", row.value);
        assert_eq!(row.stats.sd, wave.total.sd, "{}", row.value);
    }
    assert_eq!(tab.total.mean, overview.overall.pooled_mean);
    assert_eq!(tab.total.sd, overview.overall.sd);
}

/// The breakdown by phase sums each phase over the waves: a phase that holds a cell the
/// overview hides is hidden there too, or the phase less the shown cells would be that cell.
/// The mean of phase means of all waves is withheld once a wave's phase is hidden.
#[test]
fn a_hidden_cell_cannot_be_rebuilt_from_the_breakdown_by_phase_or_the_overall_mean_of_phases() {
    use valgpuls::analysis::suppress::protect_crosstab;
    use valgpuls::analysis::{Filter, GroupBy, analyse_with, crosstab};
    use valgpuls::import::{ImportOptions, import_paths};
    let file = small_cells_file();
    let import = import_paths(&[&file], &ImportOptions::default());
    let results = analyse_with(&import.dataset, &Filter::default(), 5).unwrap();
    let rul_2 = results.summary.waves.iter().find(|w| w.wave == "Rul 2").unwrap();
    assert!(
        rul_2.is_hidden("Prøvevalg (uge 5)"),
        "the overview hides Rul 2's week 5"
    );
    assert_eq!(results.summary.overall.mean_of_phases, None);
    let tab = crosstab(&import.dataset, &Filter::default(), &GroupBy::Phase).unwrap();
    let (protected, _) = protect_crosstab(&tab, 5);
    let shown: Vec<&str> = protected.rows.iter().map(|r| r.value.as_str()).collect();
    assert!(!shown.contains(&"Prøvevalg (uge 5)"), "{shown:?}");
    // Never exactly one row missing: the total less the others would be it.
    assert_ne!(tab.rows.len() - protected.rows.len(), 1, "{shown:?}");
}
