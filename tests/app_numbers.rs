//! A filter change in the window: the numbers are counted on the analysis worker, the old
//! ones stay on screen dimmed beside a busy mark until the new ones come, and a filter seen
//! before shows at once.

#![cfg(feature = "gui")]

use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use valgpuls::analysis::{Filter, analyse_with};
use valgpuls::app::{App, Command};
use valgpuls::locale::Lang;

const BUSY: &str = "Opdaterer…";

fn harness() -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(|cc| App::new(cc, Vec::new()));
    harness.run();
    harness
}

/// The overview's line with the number of answers on the scale, as it reads for `filter`.
fn count_line(harness: &Harness<'static, App>, filter: &Filter) -> String {
    let app = harness.state();
    let results = analyse_with(app.dataset(), filter, app.settings().analysis.min_n).unwrap();
    format!(
        "n = svar på skalaen 1-5 ({})",
        Lang::Da.count(results.summary.overall.n)
    )
}

#[test]
fn the_old_numbers_are_marked_busy_until_the_new_filters_numbers_come() {
    let mut harness = harness();
    let all = count_line(&harness, &Filter::default());
    harness.get_by_label_contains(&all);
    assert!(harness.query_by_label(BUSY).is_none(), "nothing is counted at start");

    // The worker is quicker than a frame on the sample: its numbers are held back, as if
    // counting took long.
    harness.state_mut().hold_numbers();
    harness.get_by_role_and_label(Role::CheckBox, "Rul 2").click();
    harness.step(); // the click changes the filter: the worker starts
    harness.step(); // the overview draws the old numbers
    harness.get_by_label(BUSY);
    harness.get_by_label_contains(&all);
    assert_eq!(
        harness.query_all_by_label("Rul 2").count(),
        3,
        "the old table and per-question rows stay beside the filter's checkbox meanwhile"
    );
    assert!(harness.state().is_counting());

    harness.state_mut().wait_for_numbers();
    harness.run();
    assert!(
        harness.query_by_label(BUSY).is_none(),
        "the busy mark goes with the new numbers"
    );
    assert!(!harness.state().is_counting());
    let without_rul_2 = harness.state().settings().analysis.filter.clone();
    assert_eq!(without_rul_2.waves.len(), 2);
    assert!(!without_rul_2.waves.contains(&"Rul 2".to_string()));
    harness.get_by_label_contains(&count_line(&harness, &without_rul_2));
    assert!(harness.query_by_label_contains(&all).is_none());
    assert_eq!(harness.query_all_by_label("Rul 2").count(), 1, "only the checkbox");

    // Back to every wave: seen before, so its numbers show in the next frame, not busy.
    harness.get_by_role_and_label(Role::CheckBox, "Rul 2").click();
    harness.step();
    harness.step();
    assert!(harness.query_by_label(BUSY).is_none());
    harness.get_by_label_contains(&all);
    assert_eq!(harness.query_all_by_label("Rul 2").count(), 3);
}

#[test]
fn after_quick_changes_the_last_filters_numbers_are_shown() {
    let mut harness = harness();
    let phases = harness.state().dataset().phases.clone();
    let first = Filter {
        phases: phases.iter().skip(1).cloned().collect(),
        ..Filter::default()
    };
    let last = Filter {
        phases: phases.iter().take(1).cloned().collect(),
        ..Filter::default()
    };
    harness.state_mut().hold_numbers();
    harness.state_mut().apply(Command::SetFilter(first.clone()));
    harness.step(); // asks for `first`
    harness.state_mut().apply(Command::SetFilter(last.clone()));
    harness.step(); // asks for `last`: what comes for `first` is dropped
    harness.get_by_label(BUSY);
    harness.state_mut().wait_for_numbers();
    harness.run();
    assert!(harness.query_by_label(BUSY).is_none());
    harness.get_by_label_contains(&count_line(&harness, &last));
    assert!(harness.query_by_label_contains(&count_line(&harness, &first)).is_none());
}

#[test]
fn a_chart_keeps_its_old_numbers_marked_busy_until_the_new_ones_come() {
    let mut harness = harness();
    harness.get_by_label("Søjler").click();
    harness.run();
    // The chart's every text and mark, to compare.
    let bars_of = |harness: &Harness<'static, App>| format!("{:?}", harness.state().chart_spec());
    let before = bars_of(&harness);
    assert!(before.contains("Rul 2"));
    harness.state_mut().hold_numbers();
    harness.get_by_role_and_label(Role::CheckBox, "Rul 2").click();
    harness.step();
    harness.step();
    harness.get_by_label(BUSY);
    assert_eq!(bars_of(&harness), before, "the old chart stays meanwhile");
    harness.state_mut().wait_for_numbers();
    harness.run();
    assert!(harness.query_by_label(BUSY).is_none());
    assert!(!bars_of(&harness).contains("Rul 2"), "the bars of the new filter");
}
