//! The window's part of the deck and the slide-ready charts: the chart on screen is the
//! exported chart (one layout), the table goes on the clipboard as HTML, the deck holds the
//! charts chosen in the dialog, and a chart's order and notes are kept in the project.

use std::io::Read;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use valgpuls::app::{App, Command, ThemeChoice, View};
use valgpuls::charts::{ChartNote, ChartOptions, Mark, Sort};
use valgpuls::export::{Background, fitted_size, svg};

fn harness() -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(|cc| App::new(cc, Vec::new()));
    harness.run();
    harness
}

/// (text, x, y) of every text, rounded to a tenth of a pixel as the SVG writes them.
fn positions<'a>(texts: impl Iterator<Item = (&'a str, f64, f64)>) -> Vec<(String, String, String)> {
    texts
        .map(|(t, x, y)| (t.to_string(), format!("{x:.1}"), format!("{y:.1}")))
        .collect()
}

#[test]
fn the_chart_on_screen_is_the_exported_chart_label_for_label() {
    let mut harness = harness();
    for view in ["Søjler", "Udvikling", "Krydstabel"] {
        harness.get_by_label(view).click();
        harness.run();
        let app = harness.state();
        let spec = app.chart_spec().expect("a chart").clone();
        let shown = app.chart_scene().expect("the window's scene");
        let size = app.settings().export_size;
        let (w, h) = fitted_size(&spec, size.width, size.height);
        let file = svg::render(&spec, w, h, Background::White);
        let doc = resvg::usvg::roxmltree::Document::parse(&file).unwrap();
        let in_file = positions(doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| {
            Some((
                n.text()?,
                n.attribute("x")?.parse().ok()?,
                n.attribute("y")?.parse().ok()?,
            ))
        }));
        let on_screen = positions(shown.texts().map(|t| (t.text.as_str(), t.x, t.y)));
        assert!(on_screen.len() > 10, "{view}: {on_screen:?}");
        assert_eq!(on_screen, in_file, "{view}: the window draws the file's layout");
        assert!(shown.overlapping_texts().is_empty(), "{view}");
    }
    // Dark mode: the same places, dark ground, light ink; the export stays light.
    harness.state_mut().apply(Command::SetTheme(ThemeChoice::Dark));
    harness.run();
    let dark = harness.state().chart_scene().expect("scene").clone();
    let background = dark.background.expect("a ground");
    assert!(background.0 < 60, "dark ground: {background:?}");
    assert!(
        dark.texts().all(|t| t.color.0 > 120 || t.color.1 > 120),
        "light ink on dark"
    );
    let spec = harness.state().chart_spec().unwrap().clone();
    let size = harness.state().settings().export_size;
    let (w, h) = fitted_size(&spec, size.width, size.height);
    assert!(svg::render(&spec, w, h, Background::White).contains(r##"fill="#ffffff""##));
}

#[test]
fn copy_table_puts_an_html_table_with_decimal_commas_on_the_clipboard() {
    let mut harness = harness();
    harness.get_by_label("Kopiér tabel").click();
    harness.run();
    let copied = harness.state().copied_table().expect("the table was copied").clone();
    assert!(copied.html.contains("<table"), "{}", copied.html);
    assert!(copied.html.contains(">3,84</td>"), "Rul 2's total as a cell");
    assert!(copied.html.contains("<th"));
    assert!(copied.text.lines().any(|l| l.starts_with("Rul 2\t")));
}

#[test]
fn the_deck_from_the_window_holds_the_charts_chosen() {
    use valgpuls::app::DeckCommand;
    use valgpuls::deck::ChartChoice;
    let mut harness = harness();
    harness.get_by_label("Søjler").click();
    harness.run();
    harness.get_by_label("Gem som PowerPoint…").click();
    harness.run();
    harness.get_by_label("Gem…");
    let choices = harness.state().deck_choices();
    // Keep the table, the bars and the trend.
    for choice in choices {
        let keep = matches!(choice, ChartChoice::Table | ChartChoice::Bars | ChartChoice::Trend);
        harness
            .state_mut()
            .apply(Command::Deck(DeckCommand::Choose(choice, keep)));
    }
    let path = std::env::temp_dir().join(format!("valgpuls-window-deck-{}.pptx", std::process::id()));
    harness.state().write_deck_to(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let slides = (0..zip.len())
        .filter(|i| {
            let name = zip.by_index(*i).unwrap().name().unwrap().to_string();
            name.starts_with("ppt/slides/slide") && name.ends_with(".xml")
        })
        .count();
    assert_eq!(slides, 4, "title, table, bars, trend");
    let mut table = String::new();
    zip.by_name("ppt/slides/slide2.xml")
        .unwrap()
        .read_to_string(&mut table)
        .unwrap();
    assert!(table.contains("<a:t>3,84</a:t>"));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_charts_order_and_note_are_saved_in_the_project() {
    let mut harness = harness();
    harness.get_by_label("Søjler").click();
    harness.run();
    let options = ChartOptions {
        sort: Sort::MeanDown,
        notes: vec![ChartNote {
            text: "Release 1.4 her".into(),
            at: "Rul 1".into(),
        }],
        ..ChartOptions::default()
    };
    harness.state_mut().apply(Command::SetChartOptions(options.clone()));
    harness.run();
    let spec = harness.state().chart_spec().unwrap();
    // Rul 1 has the highest total (3,97): first when sorted by mean.
    assert_eq!(spec.x_axis.ticks.first().map(|t| t.1.as_str()), Some("Rul 1"));
    assert!(
        spec.marks
            .iter()
            .any(|m| matches!(m, Mark::Note { text, .. } if text == "Release 1.4 her"))
    );
    let scene = harness.state().chart_scene().unwrap();
    assert!(scene.texts().any(|t| t.text == "Release 1.4 her"));

    let path = std::env::temp_dir().join(format!("valgpuls-notes-{}.valgpuls", std::process::id()));
    harness.state_mut().save_project_to(&path).unwrap();
    let mut next = self::harness();
    next.state_mut().open_project_from(&path).unwrap();
    next.run();
    assert_eq!(
        next.state().settings().analysis.chart_options.get(&View::Bars),
        Some(&options)
    );
    std::fs::remove_file(&path).unwrap();
}
