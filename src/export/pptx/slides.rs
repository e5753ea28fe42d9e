//! The slides' XML: where the title, subtitle, picture or table and source line go on a 16:9
//! or 4:3 slide, and the charts drawn at the size of their place (a long crosstab over pages).

use super::parts::{fill, paragraph, x};
use super::{Aspect, ChartSlide, Deck, Slide, TableSlide};
use crate::deck::{BuiltChart, facts_for};
use crate::export::draw::{Canvas, draw};
use crate::export::pages::pages;
use crate::export::svg::write_svg;
use crate::locale::Lang;

const SLIDE: &str = include_str!("templates/slide.xml");
const TEXT_BOX: &str = include_str!("templates/text_box.xml");
const PICTURE: &str = include_str!("templates/picture.xml");
const TABLE: &str = include_str!("templates/table.xml");

/// Left and right margin: 0.45 in.
pub const MARGIN: i64 = 411_480;
const TITLE_Y: i64 = 274_320;
const TITLE_H: i64 = 685_800;
const SUBTITLE_Y: i64 = 990_600;
const SUBTITLE_H: i64 = 365_760;
/// Where the picture or table starts: 1.5 in from the top.
const BODY_Y: i64 = 1_417_320;
/// Room kept under it for the source line.
const FOOT: i64 = 502_920;
/// The type of a chart picture on a slide, against a picture of its own.
const SLIDE_TEXT: f64 = 1.2;

const INK: &str = "1A1A1A";
const MUTED: &str = "595959";

pub struct SlideXml {
    pub xml: String,
    /// PNG and SVG of the chart.
    pub media: Option<(Vec<u8>, String)>,
    pub notes: Vec<String>,
}

/// The picture's place on the slide: (x, y, width, height) in EMU, filling the body area.
fn body_box(aspect: Aspect) -> (i64, i64, i64, i64) {
    let (cx, cy) = aspect.size();
    (MARGIN, BODY_Y, cx - 2 * MARGIN, cy - BODY_Y - FOOT)
}

/// A chart's slide or slides: drawn at the shape of the slide's picture area, light, with the
/// title, subtitle and source line as slide text (the picture holds the chart itself). A
/// crosstab too long for one slide is split over several, "(1/3)" in the title.
pub fn chart_slides(chart: &BuiltChart, aspect: Aspect, lang: Lang) -> Vec<ChartSlide> {
    let (_, _, w, h) = body_box(aspect);
    let width = match aspect {
        Aspect::Wide => 1920u32,
        Aspect::Standard => 1600,
    };
    let height = (f64::from(width) * h as f64 / w as f64).round() as u32;
    let mut bare = chart.spec.clone();
    bare.title = String::new();
    bare.subtitle = None;
    bare.source = String::new();
    let parts = pages(&bare, f64::from(width), f64::from(height), SLIDE_TEXT);
    let count = parts.len();
    let alt = facts_for(chart, lang);
    let notes: Vec<String> = chart
        .facts
        .iter()
        .map(|f| format!("{}: {} (n = {})", f.what, f.value, lang.count(f.n)))
        .collect();
    parts
        .into_iter()
        .enumerate()
        .filter_map(|(i, page)| {
            let canvas = Canvas {
                text: SLIDE_TEXT,
                ..Canvas::new(f64::from(width), f64::from(height))
            };
            let scene = draw(&page, canvas);
            let svg = write_svg(&scene, &chart.spec.title);
            let png = crate::export::png::svg_to_png(&svg, width, height).ok()?;
            let page_note = if count > 1 {
                format!(" ({}/{count})", i + 1)
            } else {
                String::new()
            };
            // A page's notes tell its own rows.
            let notes = if count > 1 {
                let rows: Vec<&str> = page.y_axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
                chart
                    .facts
                    .iter()
                    .filter(|f| rows.contains(&f.what.as_str()))
                    .map(|f| format!("{}: {} (n = {})", f.what, f.value, lang.count(f.n)))
                    .collect()
            } else {
                notes.clone()
            };
            Some(ChartSlide {
                title: format!("{}{page_note}", chart.spec.title),
                subtitle: chart.spec.subtitle.clone().unwrap_or_default(),
                source: chart.spec.source.clone(),
                svg,
                png,
                pixels: (width, height),
                alt: alt.clone(),
                notes,
            })
        })
        .collect()
}

/// A text box's place on the slide: its shape id and name, whether it is the slide's title
/// placeholder, its box (left, top, width, height in EMU) and where its text sits ("t", "b").
struct TextBox<'a> {
    id: u32,
    name: &'a str,
    title: bool,
    bx: (i64, i64, i64, i64),
    anchor: &'a str,
}

impl TextBox<'_> {
    /// A plain text box (not a placeholder) with its text at the top.
    fn plain<'a>(id: u32, name: &'a str, bx: (i64, i64, i64, i64)) -> TextBox<'a> {
        TextBox {
            id,
            name,
            title: false,
            bx,
            anchor: "t",
        }
    }
}

fn text_box(place: &TextBox, paragraphs: &str) -> String {
    let (left, top, w, h) = place.bx;
    let (box_attr, placeholder) = if place.title {
        ("", r#"<p:ph type="title"/>"#)
    } else {
        (r#" txBox="1""#, "")
    };
    fill(
        TEXT_BOX,
        &[
            ("id", &place.id.to_string()),
            ("name", place.name),
            ("box", box_attr),
            ("placeholder", placeholder),
            ("x", &left.to_string()),
            ("y", &top.to_string()),
            ("cx", &w.to_string()),
            ("cy", &h.to_string()),
            ("anchor", place.anchor),
            ("paragraphs", paragraphs),
        ],
    )
}

/// Title, subtitle and source line of a slide.
fn heading(aspect: Aspect, title: &str, subtitle: &str, source: &str) -> String {
    let (cx, cy) = aspect.size();
    let inner = cx - 2 * MARGIN;
    let title_box = TextBox {
        id: 2,
        name: "Titel",
        title: true,
        bx: (MARGIN, TITLE_Y, inner, TITLE_H),
        anchor: "b",
    };
    let mut shapes = text_box(&title_box, &paragraph(title, 2800, true, INK, "l"));
    if !subtitle.trim().is_empty() {
        let subtitle_box = TextBox::plain(3, "Undertitel", (MARGIN, SUBTITLE_Y, inner, SUBTITLE_H));
        shapes.push_str(&text_box(&subtitle_box, &paragraph(subtitle, 1600, false, MUTED, "l")));
    }
    if !source.trim().is_empty() {
        let source_box = TextBox::plain(5, "Kilde", (MARGIN, cy - FOOT + 91_440, inner, 320_040));
        shapes.push_str(&text_box(&source_box, &paragraph(source, 1100, false, MUTED, "l")));
    }
    shapes
}

pub fn slide_xml(deck: &Deck) -> Vec<SlideXml> {
    let aspect = deck.aspect;
    let (cx, cy) = aspect.size();
    let mut out = Vec::new();
    let title = &deck.title;
    let title_box = TextBox {
        id: 2,
        name: "Titel",
        title: true,
        bx: (MARGIN, cy * 3 / 10, cx - 2 * MARGIN, cy / 5),
        anchor: "b",
    };
    let subtitle_box = TextBox::plain(3, "Undertitel", (MARGIN, cy / 2 + 91_440, cx - 2 * MARGIN, cy / 8));
    let title_shapes = format!(
        "{}{}",
        text_box(&title_box, &paragraph(&title.title, 4000, true, INK, "l")),
        text_box(&subtitle_box, &paragraph(&title.subtitle, 2000, false, MUTED, "l"))
    );
    out.push(SlideXml {
        xml: fill(SLIDE, &[("shapes", &title_shapes)]),
        media: None,
        notes: vec![title.title.clone(), title.subtitle.clone()],
    });
    for slide in &deck.slides {
        out.push(match slide {
            Slide::Table(table) => table_xml(table, aspect, deck.lang),
            Slide::Chart(chart) => chart_xml(chart, aspect),
        });
    }
    out
}

fn chart_xml(chart: &ChartSlide, aspect: Aspect) -> SlideXml {
    let (left, top, w, h) = body_box(aspect);
    // The picture at its own shape, centred in the body area.
    let (pw, ph) = (f64::from(chart.pixels.0.max(1)), f64::from(chart.pixels.1.max(1)));
    let scale = (w as f64 / pw).min(h as f64 / ph);
    let (cw, ch) = ((pw * scale) as i64, (ph * scale) as i64);
    let picture = fill(
        PICTURE,
        &[
            ("id", "4"),
            ("name", "Diagram"),
            ("alt", &x(&chart.alt)),
            ("png_rel", "rId3"),
            ("svg_rel", "rId4"),
            ("x", &(left + (w - cw) / 2).to_string()),
            ("y", &top.to_string()),
            ("cx", &cw.to_string()),
            ("cy", &ch.to_string()),
        ],
    );
    let shapes = format!(
        "{}{picture}",
        heading(aspect, &chart.title, &chart.subtitle, &chart.source)
    );
    SlideXml {
        xml: fill(SLIDE, &[("shapes", &shapes)]),
        media: Some((chart.png.clone(), chart.svg.clone())),
        notes: chart.notes.clone(),
    }
}

fn table_xml(table: &TableSlide, aspect: Aspect, lang: Lang) -> SlideXml {
    let (left, top, w, h) = body_box(aspect);
    let columns = table.header.len().max(1) as i64;
    let first = w * 22 / 100;
    let other = if columns > 1 { (w - first) / (columns - 1) } else { w };
    let header_h: i64 = 548_640;
    let row_h = ((h - header_h) / (table.rows.len().max(1) as i64)).min(777_240);
    let grid: String = (0..columns)
        .map(|i| format!(r#"<a:gridCol w="{}"/>"#, if i == 0 { first } else { other }))
        .collect();
    let rows = table_rows(table, header_h, row_h);
    let height = header_h + row_h * table.rows.len() as i64;
    let frame = fill(
        TABLE,
        &[
            ("id", "4"),
            ("name", "Tabel"),
            ("alt", &x(&table_alt(table, lang))),
            ("x", &left.to_string()),
            ("y", &top.to_string()),
            ("cx", &w.to_string()),
            ("cy", &height.to_string()),
            ("grid", &grid),
            ("rows", &rows),
        ],
    );
    let shapes = format!(
        "{}{frame}",
        heading(aspect, &table.title, &table.subtitle, &table.source)
    );
    SlideXml {
        xml: fill(SLIDE, &[("shapes", &shapes)]),
        media: None,
        notes: table.notes.clone(),
    }
}

/// A table cell: its paragraphs on a fill, a thin line under it.
fn table_cell(paragraphs: &str, fill_hex: &str) -> String {
    format!(
        r#"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</a:txBody><a:tcPr anchor="ctr"><a:lnB w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:lnB><a:solidFill><a:srgbClr val="{fill_hex}"/></a:solidFill></a:tcPr></a:tc>"#
    )
}

/// The header row on blue, then the rows in bands: the first column's name and the last
/// column (the total) bold, each value's n small under it.
fn table_rows(table: &TableSlide, header_h: i64, row_h: i64) -> String {
    let mut rows = format!(r#"<a:tr h="{header_h}">"#);
    for (i, head) in table.header.iter().enumerate() {
        let align = if i == 0 { "l" } else { "ctr" };
        rows.push_str(&table_cell(&paragraph(head, 1400, true, "FFFFFF", align), "084594"));
    }
    rows.push_str("</a:tr>");
    for (r, row) in table.rows.iter().enumerate() {
        let band = if r % 2 == 0 { "FFFFFF" } else { "EEF3F8" };
        rows.push_str(&format!(r#"<a:tr h="{row_h}">"#));
        for (i, value) in row.iter().enumerate() {
            let align = if i == 0 { "l" } else { "ctr" };
            let last = i + 1 == row.len();
            let mut paragraphs = paragraph(
                &value.main,
                if i == 0 { 1800 } else { 2200 },
                i == 0 || last,
                INK,
                align,
            );
            if let Some(small) = &value.small {
                paragraphs.push_str(&paragraph(small, 1100, false, MUTED, align));
            }
            rows.push_str(&table_cell(&paragraphs, band));
        }
        rows.push_str("</a:tr>");
    }
    rows
}

/// The table read out for a screen reader: its rows, each value with its n.
fn table_alt(table: &TableSlide, lang: Lang) -> String {
    format!(
        "{}: {}",
        lang.pick("Tabel", "Table"),
        table
            .rows
            .iter()
            .map(|row| row
                .iter()
                .map(|c| match &c.small {
                    Some(n) => format!("{} ({n})", c.main),
                    None => c.main.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "))
            .collect::<Vec<_>>()
            .join("; ")
    )
}
