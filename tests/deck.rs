//! The PowerPoint deck and the charts that go on slides: the file opened as PowerPoint would
//! find it (every referenced part there, every part typed), the slides asked for, the table's
//! numbers, alt text and notes; labels that never overlap; one layout for window and files.

use std::collections::HashSet;
use std::io::Read;

use valgpuls::analysis::{Filter, GroupBy, crosstab};
use valgpuls::charts::{ChartNote, ChartOptions, Limit, Mark, Sort, crosstab_chart, trend_chart_over};
use valgpuls::dataset::Dataset;
use valgpuls::deck::{ChartChoice, DeckItem, DeckRequest, build_chart, every_chart, write_deck};
use valgpuls::export::pptx::Aspect;
use valgpuls::export::scene::Look;
use valgpuls::export::{Canvas, draw, fitted_size, pages::pages};
use valgpuls::import::{ImportOptions, Source, import_sources};
use valgpuls::locale::Lang;
use valgpuls::timeline::Timeline;

use resvg::usvg::roxmltree::Document;

fn sample() -> Dataset {
    let import = import_sources(
        &[Source {
            name: "checkin-survey.csv".into(),
            bytes: valgpuls::cli::SAMPLE_BYTES.to_vec().into(),
        }],
        &ImportOptions::default(),
    );
    import.dataset
}

fn request(items: &[ChartChoice], aspect: Aspect) -> DeckRequest {
    DeckRequest {
        lang: Lang::Da,
        aspect,
        source: "checkin-survey.csv".into(),
        items: items
            .iter()
            .map(|choice| DeckItem {
                choice: Some(choice.clone()),
                ..DeckItem::default()
            })
            .collect(),
        ..DeckRequest::default()
    }
}

/// Every part of the zip by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().to_string(), data)
        })
        .collect()
}

fn text(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// What PowerPoint checks first: every relationship's target is in the package, every part has
/// a content type, and each slide the presentation lists is there.
fn assert_package_is_whole(parts: &[(String, Vec<u8>)]) {
    let names: HashSet<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    let types = text(parts, "[Content_Types].xml");
    let types = Document::parse(&types).unwrap();
    let defaults: HashSet<&str> = types.descendants().filter_map(|n| n.attribute("Extension")).collect();
    let overrides: HashSet<&str> = types
        .descendants()
        .filter_map(|n| n.attribute("PartName"))
        .map(|p| p.trim_start_matches('/'))
        .collect();
    for (name, bytes) in parts {
        if name == "[Content_Types].xml" {
            continue;
        }
        let extension = name.rsplit('.').next().unwrap();
        assert!(
            overrides.contains(name.as_str()) || defaults.contains(extension),
            "{name} has no content type"
        );
        if name.ends_with(".xml") || name.ends_with(".rels") {
            Document::parse(std::str::from_utf8(bytes).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        if let Some(folder) = name.strip_suffix(".rels") {
            let base = folder.rsplit_once('/').map_or("", |(f, _)| f).trim_end_matches("_rels");
            let rels = String::from_utf8(bytes.clone()).unwrap();
            for target in Document::parse(&rels)
                .unwrap()
                .descendants()
                .filter_map(|n| n.attribute("Target"))
            {
                let resolved = valgpuls::export::pptx::check::resolve(base, target);
                assert!(names.contains(resolved.as_str()), "{name} points to missing {resolved}");
            }
        }
    }
    for part in &overrides {
        assert!(names.contains(part), "content type for missing {part}");
    }
}

fn slide_names(parts: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut slides: Vec<String> = parts
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .collect();
    slides.sort_by_key(|n| {
        n.trim_start_matches("ppt/slides/slide")
            .trim_end_matches(".xml")
            .parse::<u32>()
            .unwrap()
    });
    slides
}

#[test]
fn the_deck_is_a_whole_package_with_the_slides_asked_for_alt_text_and_notes() {
    let dataset = sample();
    let chosen = [ChartChoice::Table, ChartChoice::Bars, ChartChoice::Trend];
    let bytes = write_deck(&dataset, &Timeline::default(), &request(&chosen, Aspect::Wide)).unwrap();
    let parts = unzip(&bytes);
    assert_package_is_whole(&parts);
    let slides = slide_names(&parts);
    assert_eq!(
        slides.len(),
        1 + chosen.len(),
        "title slide and one per choice: {slides:?}"
    );
    let presentation = text(&parts, "ppt/presentation.xml");
    assert!(presentation.contains(r#"<p:sldSz cx="12192000" cy="6858000"/>"#));
    assert_eq!(presentation.matches("<p:sldId ").count(), slides.len());

    // The table is a real table holding the deck's numbers, n in smaller type.
    let table = text(&parts, "ppt/slides/slide2.xml");
    assert!(table.contains("<a:tbl>"));
    assert!(table.contains("<a:t>3,84</a:t>"), "Rul 2's total");
    assert!(table.contains(r#"sz="1100" dirty="0"><a:solidFill><a:srgbClr val="595959"/></a:solidFill><a:latin typeface="Arial"/></a:rPr><a:t>n = 500</a:t>"#));
    assert!(!table.contains("3.84"));

    for (index, slide) in slides.iter().enumerate().skip(1) {
        let xml = text(&parts, slide);
        let doc = Document::parse(&xml).unwrap();
        let descr = doc.descendants().find_map(|n| n.attribute("descr")).unwrap_or("");
        assert!(
            descr.contains("n = ") || descr.contains("svar"),
            "{slide}: alt text with numbers, got {descr:?}"
        );
        let notes = text(&parts, &format!("ppt/notesSlides/notesSlide{}.xml", index + 1));
        assert!(notes.contains("n = "), "{slide}: notes with n");
    }
    // The chart slide holds the picture as SVG with its PNG fallback.
    let chart = text(&parts, "ppt/slides/slide3.xml");
    assert!(chart.contains("svgBlip") && chart.contains("<a:blip r:embed=\"rId3\">"));
    assert!(parts.iter().any(|(n, _)| n == "ppt/media/chart3.svg"));
    let svg = text(&parts, "ppt/media/chart3.svg");
    assert!(svg.contains(">3,84<"), "the bars' labels in the vector picture");
    let rels = text(&parts, "ppt/slides/_rels/slide3.xml.rels");
    assert!(rels.contains("../media/chart3.png") && rels.contains("../notesSlides/notesSlide3.xml"));
}

#[test]
fn four_to_three_and_fewer_charts_make_a_smaller_deck() {
    let dataset = sample();
    let bytes = write_deck(
        &dataset,
        &Timeline::default(),
        &request(&[ChartChoice::Bars], Aspect::Standard),
    )
    .unwrap();
    let parts = unzip(&bytes);
    assert_package_is_whole(&parts);
    assert_eq!(slide_names(&parts).len(), 2);
    assert!(text(&parts, "ppt/presentation.xml").contains(r#"cx="9144000" cy="6858000""#));
}

#[test]
fn every_chart_the_report_has_goes_into_the_deck_the_long_crosstab_over_pages() {
    let dataset = sample();
    let all = every_chart(&dataset);
    assert!(all.contains(&ChartChoice::CrossTab(GroupBy::Municipality)));
    let bytes = write_deck(&dataset, &Timeline::default(), &request(&all, Aspect::Wide)).unwrap();
    let parts = unzip(&bytes);
    assert_package_is_whole(&parts);
    let titles: Vec<String> = slide_names(&parts).iter().map(|s| text(&parts, s)).collect();
    assert!(titles.iter().any(|t| t.contains("efter kommune (1/")), "paged crosstab");
    assert!(titles.len() > all.len() + 1);
}

/// A chart's text boxes, pairwise: none may overlap another, none may leave the canvas.
fn assert_clean(spec: &valgpuls::charts::ChartSpec, width: u32, height: u32, what: &str) {
    for look in [Look::Light, Look::Dark] {
        let scene = draw(
            spec,
            Canvas {
                look,
                ..Canvas::new(f64::from(width), f64::from(height))
            },
        );
        assert_eq!(
            scene.overlapping_texts(),
            Vec::<(String, String)>::new(),
            "{what} at {width}x{height}"
        );
        assert_eq!(
            scene.texts_outside(),
            Vec::<String>::new(),
            "{what} at {width}x{height}"
        );
    }
}

#[test]
fn a_crosstab_of_103_municipalities_exports_without_overlapping_labels() {
    let dataset = sample();
    let tab = crosstab(&dataset, &Filter::default(), &GroupBy::Municipality).unwrap();
    assert_eq!(tab.rows.len(), 103);
    let spec = crosstab_chart(&tab, Lang::Da);
    let (width, height) = fitted_size(&spec, 1920, 1080);
    assert!(height > 1080, "sized to its rows");
    assert_clean(&spec, width, height, "crosstab by municipality");
    // On slides it goes over pages that each fit.
    let paged = pages(&spec, 1920.0, 842.0, 1.0);
    assert!(paged.len() > 1);
    assert_eq!(paged.iter().map(|p| p.y_axis.ticks.len()).sum::<usize>(), 103);
    for page in &paged {
        assert_clean(page, 1920, 842, "a page of it");
    }
    // Top 10 by mean, highest first.
    let arranged = valgpuls::charts::arrange_crosstab(&tab, Sort::MeanDown, Some(Limit { top: true, n: 10 }));
    assert_eq!(arranged.rows.len(), 10);
    let means: Vec<f64> = arranged.rows.iter().filter_map(|r| r.stats.mean).collect();
    assert!(means.windows(2).all(|w| w[0] >= w[1]));
    let best = tab.rows.iter().filter_map(|r| r.stats.mean).fold(f64::MIN, f64::max);
    assert_eq!(means.first().copied(), Some(best));
}

#[test]
fn every_sample_chart_reads_on_a_slide_one_axis_rule_labels_clear() {
    let dataset = sample();
    let timeline = Timeline::default();
    for choice in every_chart(&dataset) {
        let Some(built) = build_chart(
            &dataset,
            &timeline,
            &Filter::default(),
            &choice,
            &ChartOptions::default(),
            Lang::Da,
        )
        .unwrap() else {
            continue;
        };
        let spec = built.spec;
        if spec.kind != valgpuls::charts::ChartKind::Distribution {
            let axis = if matches!(spec.kind, valgpuls::charts::ChartKind::CrossTab) {
                &spec.x_axis
            } else {
                &spec.y_axis
            };
            assert_eq!(
                (axis.min, axis.max, axis.label.as_str()),
                (1.0, 5.0, "Gennemsnit, skala 1-5"),
                "{choice:?}"
            );
        }
        for (w, h) in [(1920, 1080), (1280, 720), (1600, 1200)] {
            let (w, h) = fitted_size(&spec, w, h);
            assert_clean(&spec, w, h, &format!("{choice:?}"));
        }
    }
}

#[test]
fn the_trend_zooms_to_the_data_and_lists_the_rest_under_it() {
    let dataset = sample();
    let results = valgpuls::analysis::analyse(&dataset, &Filter::default()).unwrap();
    let zoomed = trend_chart_over(&results.trend, &Timeline::default(), Lang::Da, false);
    let whole = trend_chart_over(&results.trend, &Timeline::default(), Lang::Da, true);
    let day = |y, m, d| {
        f64::from(valgpuls::import::values::days_since_epoch(
            chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        ))
    };
    // The data runs Aug-Nov 2024; the next entry (Netværksmøde 8, 10 Dec) is in view.
    assert!(zoomed.x_axis.max <= day(2025, 1, 1) && zoomed.x_axis.min >= day(2024, 8, 1));
    assert!(
        zoomed
            .marks
            .iter()
            .any(|m| matches!(m, Mark::Event { label, .. } if label == "Netværksmøde 8"))
    );
    let strip: Vec<&str> = zoomed
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Strip { label, .. } => Some(label.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        strip.contains(&"Skyggevalg") && strip.iter().any(|l| l.starts_with("KV/RV")),
        "{strip:?}"
    );
    assert!(whole.x_axis.max >= day(2025, 11, 18));
    assert!(!whole.marks.iter().any(|m| matches!(m, Mark::Strip { .. })));
}

#[test]
fn a_bar_at_five_keeps_its_label_and_notes_land_on_the_chart() {
    use valgpuls::analysis::{Cell, Stats, Summary, Total, WaveRow};
    let stats = Stats {
        n: 12,
        mean: Some(5.0),
        ..Stats::default()
    };
    let total = Total {
        mean_of_phases: Some(5.0),
        phases_n: 12,
        pooled_mean: Some(5.0),
        n: 12,
        sd: None,
        ci95: None,
        ci95_clipped: false,
        dont_know: 0,
        mean_of_phases_ci95: None,
        mean_of_phases_ci95_clipped: false,
        from_small_cell: false,
    };
    let summary = Summary {
        phases: vec!["A".into()],
        waves: vec![WaveRow {
            wave: "Rul 1".into(),
            cells: vec![Cell {
                phase: "A".into(),
                stats,
            }],
            total: total.clone(),
            hidden_phases: Vec::new(),
        }],
        overall: total,
        hidden_waves: Vec::new(),
        min_n: None,
    };
    let mut spec = valgpuls::charts::bars_chart(&summary, Lang::Da);
    let notes = [ChartNote {
        text: "Release 1.4 her".into(),
        at: "Rul 1".into(),
    }];
    valgpuls::charts::add_notes(&mut spec, &notes, Lang::Da);
    let scene = draw(&spec, Canvas::new(1280.0, 720.0));
    let texts: Vec<&str> = scene.texts().map(|t| t.text.as_str()).collect();
    assert!(
        texts.contains(&"5,00") && texts.contains(&"Release 1.4 her"),
        "{texts:?}"
    );
    assert!(scene.overlapping_texts().is_empty() && scene.texts_outside().is_empty());
}
