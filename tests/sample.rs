//! The bundled sample reproduces the deck's table to two decimals.

use valgpuls::analysis::{Filter, GroupBy, crosstab, summary};
use valgpuls::cli::{SAMPLE_BYTES, SAMPLE_NAME, import_or_sample};
use valgpuls::import::{ImportOptions, import_paths};
use valgpuls::locale::Lang;

#[test]
fn the_sample_reproduces_the_deck() {
    let import = import_or_sample(&[], &ImportOptions::default());
    assert!(import.is_clean(), "{:?}", import.problems);
    assert_eq!(import.files[0].file, SAMPLE_NAME);
    let summary = summary(&import.dataset, &Filter::default()).unwrap();
    let table: Vec<(String, Vec<String>, String)> = summary
        .waves
        .iter()
        .map(|w| {
            (
                w.wave.clone(),
                w.cells
                    .iter()
                    .map(|c| Lang::Da.number(c.stats.mean.unwrap(), 2))
                    .collect(),
                Lang::Da.number(w.total.mean_of_phases.unwrap(), 2),
            )
        })
        .collect();
    let row = |wave: &str, phases: [&str; 3], total: &str| {
        (
            wave.to_string(),
            phases.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            total.to_string(),
        )
    };
    assert_eq!(
        table,
        vec![
            row("Rul 2", ["3,74", "3,89", "3,88"], "3,84"),
            row("Rul 3", ["3,80", "3,96", "3,84"], "3,87"),
            row("Rul 1", ["3,80", "4,10", "4,00"], "3,97"),
        ]
    );
    assert_eq!(
        summary.phases,
        ["Klargøring (uge 1-3)", "Prøvevalg (uge 4)", "Prøvevalg (uge 5)"]
    );
    // The pooled mean is another number, since the phases have different n.
    let rul2 = summary.wave("Rul 2").unwrap();
    assert_eq!(Lang::Da.number(rul2.total.pooled_mean.unwrap(), 2), "3,80");
    assert_eq!(rul2.total.n, 500);
}

#[test]
fn the_sample_file_on_disk_is_the_one_compiled_in() {
    let on_disk = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/checkin-survey.csv")).unwrap();
    assert_eq!(on_disk, SAMPLE_BYTES);
}

#[test]
fn the_klik_survey_breaks_down_by_usage_frequency() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/klik-survey.csv");
    let import = import_paths(&[path], &ImportOptions::default());
    assert!(import.is_clean(), "{:?}", import.problems);
    let usage = "Hvor ofte bruger du KLIK?";
    assert!(import.dataset.categories.iter().any(|c| c == usage));
    let tab = crosstab(&import.dataset, &Filter::default(), &GroupBy::Category(usage.into())).unwrap();
    assert_eq!(tab.total.n, 637);
    assert_eq!(Lang::Da.number(tab.total.mean.unwrap(), 1), "3,7");
    let values: Vec<&str> = tab.rows.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(values.len(), 6, "{values:?}");
    assert!(values.contains(&"Hver uge") && values.contains(&"Ved ikke / ønsker ikke at svare"));
    assert_eq!(tab.rows.iter().map(|r| r.stats.n).sum::<u64>(), 637);
}

#[test]
fn a_question_filter_narrows_the_table() {
    let import = import_or_sample(&[], &ImportOptions::default());
    let all = summary(&import.dataset, &Filter::default()).unwrap();
    let filter = Filter {
        questions: vec!["Supporten".into()],
        ..Filter::default()
    };
    let support = summary(&import.dataset, &filter).unwrap();
    let n = |s: &valgpuls::analysis::Summary| s.wave("Rul 2").unwrap().total.n;
    assert!(n(&support) < n(&all) && n(&support) > 0);
    assert_ne!(
        support.wave("Rul 2").unwrap().total.pooled_mean,
        all.wave("Rul 2").unwrap().total.pooled_mean
    );
}

/// The bundled plan places every municipality in its wave and starts each wave's weeks: the
/// sample without its wave and week columns reads to the same table, in the same time order.
#[test]
fn the_sample_without_wave_and_week_reads_the_same_with_the_plan() {
    let sample = format!("{}/{SAMPLE_NAME}", env!("CARGO_MANIFEST_DIR"));
    let with_columns = import_paths(&[&sample], &ImportOptions::default());
    let rows = valgpuls::import::read_rows(include_bytes!("../sample-data/plan.csv")).unwrap();
    let mut options = ImportOptions {
        plan: Some(valgpuls::plan::Plan::from_rows(&rows).unwrap()),
        ..ImportOptions::default()
    };
    options
        .role_overrides
        .insert("Rul".into(), valgpuls::import::Role::Ignore);
    options
        .role_overrides
        .insert("Uge".into(), valgpuls::import::Role::Ignore);
    let from_plan = import_paths(&[&sample], &options);
    assert!(from_plan.problems.is_empty(), "{:?}", from_plan.problems);
    let table = |import: &valgpuls::import::Import| {
        let summary = summary(&import.dataset, &Filter::default()).unwrap();
        summary
            .waves
            .iter()
            .map(|w| {
                let cells: Vec<(String, u64, String)> = w
                    .cells
                    .iter()
                    .map(|c| (c.phase.clone(), c.stats.n, Lang::Da.number(c.stats.mean.unwrap(), 6)))
                    .collect();
                (w.wave.clone(), cells)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(table(&from_plan), table(&with_columns));
    assert_eq!(from_plan.dataset.waves, ["Rul 2", "Rul 3", "Rul 1"]);
    // Without the plan the same file says what it lacks, and is not silently one wave.
    options.plan = None;
    let without = import_paths(&[&sample], &options);
    let told: Vec<String> = without.problems.iter().map(|p| p.message(Lang::En)).collect();
    assert!(told.iter().any(|m| m.contains("no wave column")), "{told:?}");
    assert!(told.iter().any(|m| m.contains("no week or phase column")), "{told:?}");
}
