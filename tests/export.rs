//! The exports on the bundled sample data: SVG parses and says what the deck says, PNG has the
//! asked size and is not blank, XLSX reads back with the same numbers, formula-like text is
//! neutralised, and the report writes every file it lists.

use std::io::Read;
use std::path::PathBuf;

use valgpuls::analysis::{Filter, GroupBy, Results, analyse, crosstab};
use valgpuls::charts::{Counted, bars_chart, crosstab_chart, distribution_chart, trend_chart};
use valgpuls::dataset::{Comment, Dataset};
use valgpuls::export::table::{comments_table, summary_clipboard_text, summary_table, to_csv, to_xlsx};
use valgpuls::export::{Background, to_png, to_svg};
use valgpuls::import::{ImportOptions, import_paths};
use valgpuls::locale::Lang;
use valgpuls::report::{ReportOptions, write_report};
use valgpuls::timeline::Timeline;

use resvg::{tiny_skia, usvg};

fn load(name: &str) -> (Dataset, Results) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data").join(name);
    let import = import_paths(&[path], &ImportOptions::default());
    assert!(!import.has_fatal_problems(), "{:?}", import.problems);
    let results = analyse(&import.dataset, &Filter::default()).unwrap();
    (import.dataset, results)
}

fn svg_texts(svg: &str) -> Vec<String> {
    let doc = usvg::roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

#[test]
fn svg_parses_and_holds_the_decks_numbers_in_danish() {
    let (_, results) = load("checkin-survey.csv");
    let svg = to_svg(&bars_chart(&results.summary, Lang::Da), 1920, 1080);
    usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("usvg parses the SVG");
    let texts = svg_texts(&svg);
    assert!(
        texts.iter().any(|t| t == "3,84"),
        "Rul 2's total 3,84 is a label: {texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("Klargøring")));
    assert!(texts.iter().any(|t| t.contains("Prøvevalg")));
    assert!(texts.iter().any(|t| t.starts_with("Kilde: check-in møder, n = 1.")));
    assert!(!texts.iter().any(|t| t == "3.84"));

    let english = svg_texts(&to_svg(&bars_chart(&results.summary, Lang::En), 1920, 1080));
    assert!(english.iter().any(|t| t == "3.84"));
    assert!(
        english
            .iter()
            .any(|t| t.starts_with("Source: check-in meetings, n = 1,"))
    );
}

#[test]
fn every_chart_is_valid_svg_with_its_timeline_and_labels() {
    let (dataset, results) = load("checkin-survey.csv");
    let trend = to_svg(&trend_chart(&results.trend, &Timeline::default(), Lang::Da), 1280, 720);
    let texts = svg_texts(&trend);
    for label in ["Skyggevalg", "Release 1.4", "KV/RV 18-11-2025", "dec 2024", "Rul 1"] {
        assert!(texts.iter().any(|t| t == label), "{label} missing from {texts:?}");
    }
    let wave = dataset.waves.first().unwrap();
    let distribution = to_svg(&distribution_chart(&results.distribution, wave, Lang::Da), 1280, 720);
    assert!(svg_texts(&distribution).iter().any(|t| t.starts_with("Ved ikke:")));

    let (klik, _) = load("klik-survey.csv");
    let column = klik.categories.iter().find(|c| c.contains("KLIK")).unwrap();
    let tab = crosstab(&klik, &Filter::default(), &GroupBy::Category(column.clone())).unwrap();
    let texts = svg_texts(&to_svg(&crosstab_chart(&tab, Lang::Da), 1280, 720));
    assert!(texts.iter().any(|t| t.contains("Hver uge")));
    assert!(texts.iter().any(|t| t.contains("n = ")));
}

#[test]
fn png_has_the_asked_size_and_is_not_blank() {
    let (_, results) = load("checkin-survey.csv");
    let spec = trend_chart(&results.trend, &Timeline::default(), Lang::Da);
    let png = to_png(&spec, 960, 540, 2.0, Background::White).unwrap();
    let image = tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((image.width(), image.height()), (1920, 1080));
    let pixels = image.pixels();
    let inked = pixels
        .iter()
        .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
        .count();
    assert!(inked > pixels.len() / 100, "only {inked} dark pixels");
    assert!(pixels.iter().all(|p| p.alpha() == 255), "white background is opaque");

    let clear = to_png(&spec, 640, 360, 1.0, Background::Transparent).unwrap();
    let image = tiny_skia::Pixmap::decode_png(&clear).unwrap();
    assert_eq!((image.width(), image.height()), (640, 360));
    assert_eq!(image.pixel(0, 0).map(|p| p.alpha()), Some(0), "corner is transparent");
    assert!(to_png(&spec, 0, 10, 1.0, Background::White).is_err());
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn xlsx_holds_the_same_numbers_as_numeric_cells() {
    let (_, results) = load("checkin-survey.csv");
    let table = summary_table(&results.summary, Lang::Da);
    let xlsx = to_xlsx(&[&table]).unwrap();
    let sheet = unzip(&xlsx, "xl/worksheets/sheet1.xml");
    for wave in &results.summary.waves {
        let total = wave.total.mean_of_phases.unwrap();
        // A numeric cell: a <v> with the full value, no t="s" (shared string).
        let cell = format!("<v>{total}</v>");
        let at = sheet.find(&cell).unwrap_or_else(|| panic!("{cell} not in sheet"));
        let open = sheet.get(..at).and_then(|s| s.rfind("<c ")).unwrap();
        assert!(
            !sheet.get(open..at).unwrap().contains("t=\""),
            "{} is not a number cell",
            wave.wave
        );
    }
    let strings = unzip(&xlsx, "xl/sharedStrings.xml");
    assert!(strings.contains("Klargøring (uge 1-3)"));
}

#[test]
fn csv_is_danish_excel_shaped_and_clipboard_is_tab_separated() {
    let (_, results) = load("checkin-survey.csv");
    let csv = to_csv(&summary_table(&results.summary, Lang::Da), Lang::Da);
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("\r\n"));
    assert!(text.contains(";3,84;"), "{text}");
    assert!(text.starts_with("\u{feff}Rul;Klargøring (uge 1-3);"));
    let clip = summary_clipboard_text(&results.summary, Lang::Da);
    assert!(clip.contains("\t3,84\t"));
    assert!(
        clip.lines()
            .all(|l| l.matches('\t').count() == clip.lines().next().unwrap().matches('\t').count())
    );
}

#[test]
fn formula_like_comments_come_out_neutralised() {
    let comment = Comment {
        file: "x.csv".into(),
        line: 2,
        municipality: Some("@Kommune".into()),
        wave: "Rul 1".into(),
        week: Some(1),
        date: None,
        phase: "Klargøring (uge 1-3)".into(),
        question: None,
        text: "=SUM(A1)".into(),
    };
    let table = comments_table(&[comment], Lang::Da);
    let csv = String::from_utf8(to_csv(&table, Lang::Da)).unwrap();
    assert!(csv.contains(";'=SUM(A1);"), "{csv}");
    assert!(csv.contains(";'@Kommune;"));
    let xlsx = to_xlsx(&[&table]).unwrap();
    let strings = unzip(&xlsx, "xl/sharedStrings.xml");
    assert!(strings.contains("'=SUM(A1)"));
    assert!(
        !unzip(&xlsx, "xl/worksheets/sheet1.xml").contains("<f>"),
        "no formula cell"
    );
}

#[test]
fn report_writes_every_file_it_lists() {
    for (file, expect) in [
        ("checkin-survey.csv", "trend.png"),
        ("checkin-survey.csv", "crosstab-fase.svg"),
        ("checkin-survey.csv", "valgpuls.pptx"),
        ("klik-survey.csv", "crosstab-hvor-ofte-bruger-du-klik.svg"),
    ] {
        let (dataset, _) = load(file);
        let out_dir = std::env::temp_dir().join(format!("valgpuls-report-{}-{file}-{expect}", std::process::id()));
        let options = ReportOptions {
            out_dir: out_dir.clone(),
            width: 960,
            height: 540,
            lang: Lang::Da,
            pptx: expect
                .ends_with(".pptx")
                .then_some(valgpuls::export::pptx::Aspect::Wide),
            ..ReportOptions::default()
        };
        let _fresh = std::fs::remove_dir_all(&out_dir);
        let files = write_report(&dataset, &Timeline::default(), &options).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for name in [
            "summary.csv",
            "summary.xlsx",
            "bars.svg",
            "bars.png",
            "index.html",
            expect,
        ] {
            assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
        }
        let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
        for (path, name) in files.iter().zip(&names) {
            assert!(std::fs::metadata(path).unwrap().len() > 0, "{name} is empty");
            if name.ends_with(".svg") || name.ends_with(".png") {
                assert!(index.contains(name.as_str()), "index.html does not show {name}");
            }
        }
        std::fs::remove_dir_all(&out_dir).unwrap();
    }
}

#[test]
fn empty_and_awkward_charts_still_export() {
    use valgpuls::charts::{Axis, ChartKind, ChartSpec, LegendItem, Rgba};
    let axis = || Axis {
        label: String::new(),
        min: 0.0,
        max: 0.0,
        ticks: Vec::new(),
    };
    let spec = ChartSpec {
        kind: ChartKind::CrossTab,
        title: "Et meget langt navn på en kolonne med <tegn> & «citater» der skal ombrydes over flere linjer \
                fordi det ikke kan stå på én linje"
            .into(),
        subtitle: None,
        source: "=SUM(A1)".into(),
        counted: Counted::Answers(0),
        x_axis: axis(),
        y_axis: axis(),
        legend: (0..12)
            .map(|i| LegendItem {
                label: format!("Serie {i}"),
                color: Rgba::rgb(0, 0, 0),
            })
            .collect(),
        marks: Vec::new(),
    };
    for (w, h) in [(1920, 1080), (320, 200)] {
        let svg = to_svg(&spec, w, h);
        assert!(svg_texts(&svg).iter().any(|t| t.contains("<tegn> & «citater»")));
        let png = to_png(&spec, w, h, 1.0, Background::White).unwrap();
        assert_eq!(tiny_skia::Pixmap::decode_png(&png).unwrap().width(), w);
    }
}

/// A report folder is a whole new report or the old one untouched: a report that fails
/// partway (a full disk) leaves the old one as it was, an existing one is replaced only when
/// asked and then whole, with no stale files and nothing left beside it.
#[test]
fn a_report_folder_is_replaced_whole_or_not_at_all() {
    let (dataset, _) = load("checkin-survey.csv");
    let parent = std::env::temp_dir().join(format!("valgpuls-report-swap-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&parent);
    std::fs::create_dir_all(&parent).unwrap();
    let out_dir = parent.join("rapport");
    let options = ReportOptions {
        out_dir: out_dir.clone(),
        width: 480,
        height: 270,
        lang: Lang::Da,
        ..ReportOptions::default()
    };
    write_report(&dataset, &Timeline::default(), &options).unwrap();
    let first_summary = std::fs::read(out_dir.join("summary.csv")).unwrap();
    std::fs::write(out_dir.join("stale-chart.svg"), "old").unwrap();

    // Without --force an existing report is left alone.
    let error = write_report(&dataset, &Timeline::default(), &options).unwrap_err();
    assert!(error.to_string().contains("--force"), "{error}");

    // A disk that fills up after three files: the old report stays as it was.
    let failing = ReportOptions {
        force: true,
        fail_after_files: Some(3),
        lang: Lang::En,
        ..options.clone()
    };
    assert!(write_report(&dataset, &Timeline::default(), &failing).is_err());
    assert_eq!(std::fs::read(out_dir.join("summary.csv")).unwrap(), first_summary);
    assert!(out_dir.join("stale-chart.svg").exists());

    // With --force the new report replaces the old whole: English now, and no stale file.
    let english = ReportOptions {
        force: true,
        lang: Lang::En,
        ..options.clone()
    };
    let files = write_report(&dataset, &Timeline::default(), &english).unwrap();
    assert!(!out_dir.join("stale-chart.svg").exists());
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    assert!(summary.contains("Wave"), "{summary}");
    assert!(files.iter().all(|f| f.starts_with(&out_dir) && f.exists()));
    // Nothing but the report is left in the parent folder.
    let left: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["rapport"]);
    std::fs::remove_dir_all(&parent).unwrap();
}

/// --force replaces an earlier report, never a folder of the user's own files: their data
/// and notes stay, and the message says why.
#[test]
fn force_does_not_replace_a_folder_that_is_not_a_report() {
    let (dataset, _) = load("checkin-survey.csv");
    let out_dir = std::env::temp_dir().join(format!("valgpuls-not-a-report-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join("noter.txt"), "mine noter").unwrap();
    std::fs::write(out_dir.join("summary.csv"), "a;b").unwrap();
    let options = ReportOptions {
        out_dir: out_dir.clone(),
        width: 480,
        height: 270,
        force: true,
        lang: Lang::Da,
        ..ReportOptions::default()
    };
    let error = write_report(&dataset, &Timeline::default(), &options).unwrap_err();
    assert!(error.to_string().contains("«noter.txt» hører ikke til en"), "{error}");
    assert_eq!(
        std::fs::read_to_string(out_dir.join("noter.txt")).unwrap(),
        "mine noter"
    );
    // Only report-like files, but no index.html: not a report either.
    std::fs::remove_file(out_dir.join("noter.txt")).unwrap();
    let error = write_report(&dataset, &Timeline::default(), &options).unwrap_err();
    assert!(error.to_string().contains("ingen index.html"), "{error}");
    assert_eq!(std::fs::read_to_string(out_dir.join("summary.csv")).unwrap(), "a;b");
    std::fs::remove_dir_all(&out_dir).unwrap();
}

/// Wave names that make the same file name each keep their own chart.
#[test]
fn waves_whose_names_clash_as_file_names_keep_their_own_charts() {
    use valgpuls::import::{Source, import_sources};
    // Four waves whose names all make "rul-1" ("RUL 1" would be the wave "Rul 1" itself).
    let text = "Kommune;Rul;Uge;Supporten\nA;Rul 1;1;4\nB;rul-1;1;3\nC;Rul 1?;1;5\nD;Rul.1;1;2\n";
    let import = import_sources(
        &[Source {
            name: "navne.csv".into(),
            bytes: text.as_bytes().to_vec().into(),
        }],
        &valgpuls::import::ImportOptions::default(),
    );
    assert_eq!(import.dataset.waves.len(), 4);
    let out_dir = std::env::temp_dir().join(format!("valgpuls-report-names-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&out_dir);
    // One answer per wave: shown only with small groups let through.
    let options = ReportOptions {
        out_dir: out_dir.clone(),
        width: 480,
        height: 270,
        lang: Lang::Da,
        min_n: 1,
        ..ReportOptions::default()
    };
    let files = write_report(&import.dataset, &Timeline::default(), &options).unwrap();
    let distributions: Vec<_> = files
        .iter()
        .filter(|f| f.to_string_lossy().contains("distribution-") && f.extension().is_some_and(|e| e == "svg"))
        .collect();
    assert_eq!(distributions.len(), 4, "{files:?}");
    std::fs::remove_dir_all(&out_dir).unwrap();
}

/// A report whose folder is a file, or whose disk fills up, names what failed and leaves the
/// file as it was.
#[test]
fn a_report_that_cannot_be_written_says_which_file_and_touches_nothing() {
    let (dataset, _) = load("checkin-survey.csv");
    let parent = std::env::temp_dir().join(format!("valgpuls-report-fault-{}", std::process::id()));
    let _fresh = std::fs::remove_dir_all(&parent);
    std::fs::create_dir_all(&parent).unwrap();
    let not_a_folder = parent.join("rapport");
    std::fs::write(&not_a_folder, "mine").unwrap();
    let options = ReportOptions {
        out_dir: not_a_folder.clone(),
        width: 480,
        height: 270,
        lang: Lang::Da,
        force: true,
        ..ReportOptions::default()
    };
    assert!(write_report(&dataset, &Timeline::default(), &options).is_err());
    assert_eq!(std::fs::read_to_string(&not_a_folder).unwrap(), "mine");
    let full = ReportOptions {
        out_dir: parent.join("ny"),
        fail_after_files: Some(1),
        ..options
    };
    let error = write_report(&dataset, &Timeline::default(), &full).unwrap_err();
    assert!(
        error.to_string().starts_with("comparisons.csv:") || error.to_string().contains(".csv:"),
        "{error}"
    );
    assert!(!parent.join("ny").exists());
    let left: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["rapport"], "no staging folder is left behind");
    std::fs::remove_dir_all(&parent).unwrap();
}
