//! The package's parts, each filled in from its template: presentation, master, layout,
//! themes, notes master, slides, notes slides, media, the relationships and content types.

use super::slides::{SlideXml, slide_xml};
use super::{Deck, Part};
use crate::export::text::{escape, xml_safe};

pub const THEME: &str = include_str!("templates/theme.xml");
const SLIDE_MASTER: &str = include_str!("templates/slide_master.xml");
const SLIDE_LAYOUT: &str = include_str!("templates/slide_layout.xml");
const NOTES_MASTER: &str = include_str!("templates/notes_master.xml");
const NOTES_SLIDE: &str = include_str!("templates/notes_slide.xml");
const PRESENTATION: &str = include_str!("templates/presentation.xml");
const CONTENT_TYPES: &str = include_str!("templates/content_types.xml");
const RELATIONSHIPS: &str = include_str!("templates/relationships.xml");
const CORE: &str = include_str!("templates/core.xml");
const APP: &str = include_str!("templates/app.xml");
const PRES_PROPS: &str = include_str!("templates/pres_props.xml");
const VIEW_PROPS: &str = include_str!("templates/view_props.xml");
const TABLE_STYLES: &str = include_str!("templates/table_styles.xml");

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// A template with each `{{name}}` replaced (values are inserted as given: escape before).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{{{name}}}}}"), value);
    }
    out
}

/// Text for an XML text node or attribute: escaped, characters XML forbids replaced.
pub fn x(text: &str) -> String {
    escape(&xml_safe(text))
}

fn part(path: impl Into<String>, text: String) -> Part {
    Part {
        path: path.into(),
        bytes: text.into_bytes(),
    }
}

/// Relationships part from (id, type name, target); a type name without "/" is one of the
/// officeDocument relationship types.
fn rels(list: &[(&str, &str, String)]) -> String {
    let items: String = list
        .iter()
        .map(|(id, kind, target)| {
            let kind = if kind.contains('/') {
                (*kind).to_string()
            } else {
                format!("{REL}/{kind}")
            };
            format!(r#"<Relationship Id="{id}" Type="{kind}" Target="{target}"/>"#)
        })
        .collect();
    fill(RELATIONSHIPS, &[("relationships", &items)])
}

/// A paragraph of one run.
pub fn paragraph(text: &str, size: u32, bold: bool, color: &str, align: &str) -> String {
    let bold = if bold { r#" b="1""# } else { "" };
    format!(
        r#"<a:p><a:pPr algn="{align}"/><a:r><a:rPr lang="da-DK" sz="{size}"{bold} dirty="0"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:latin typeface="Arial"/></a:rPr><a:t>{}</a:t></a:r></a:p>"#,
        x(text)
    )
}

/// Every part of the package, in the order they are zipped.
pub fn parts(deck: &Deck) -> Vec<Part> {
    let slides: Vec<SlideXml> = slide_xml(deck);
    let count = slides.len();
    let mut out = vec![content_types(count), package_rels()];
    out.extend(doc_props(deck, count));
    out.extend(presentation(deck, count));
    out.extend(masters(deck));
    let lang = deck.lang.pick("da-DK", "en-GB");
    for (index, slide) in slides.into_iter().enumerate() {
        out.extend(slide_parts(index + 1, slide, lang));
    }
    out
}

/// `[Content_Types].xml`: the type of every XML part by name (media by extension in the template).
fn content_types(count: usize) -> Part {
    let theme = "application/vnd.openxmlformats-officedocument.theme+xml";
    let mut overrides = vec![
        (
            "/ppt/presentation.xml".to_string(),
            format!("{CT}.presentation.main+xml"),
        ),
        (
            "/ppt/slideMasters/slideMaster1.xml".into(),
            format!("{CT}.slideMaster+xml"),
        ),
        (
            "/ppt/slideLayouts/slideLayout1.xml".into(),
            format!("{CT}.slideLayout+xml"),
        ),
        (
            "/ppt/notesMasters/notesMaster1.xml".into(),
            format!("{CT}.notesMaster+xml"),
        ),
        ("/ppt/theme/theme1.xml".into(), theme.into()),
        ("/ppt/theme/theme2.xml".into(), theme.into()),
        ("/ppt/presProps.xml".into(), format!("{CT}.presProps+xml")),
        ("/ppt/viewProps.xml".into(), format!("{CT}.viewProps+xml")),
        ("/ppt/tableStyles.xml".into(), format!("{CT}.tableStyles+xml")),
        (
            "/docProps/core.xml".into(),
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml".into(),
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ];
    for n in 1..=count {
        overrides.push((format!("/ppt/slides/slide{n}.xml"), format!("{CT}.slide+xml")));
        overrides.push((
            format!("/ppt/notesSlides/notesSlide{n}.xml"),
            format!("{CT}.notesSlide+xml"),
        ));
    }
    let overrides: String = overrides
        .iter()
        .map(|(name, kind)| format!(r#"<Override PartName="{name}" ContentType="{kind}"/>"#))
        .collect();
    part("[Content_Types].xml", fill(CONTENT_TYPES, &[("overrides", &overrides)]))
}

/// The package's own relationships: the presentation and the two property parts.
fn package_rels() -> Part {
    part(
        "_rels/.rels",
        rels(&[
            ("rId1", "officeDocument", "ppt/presentation.xml".into()),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml".into(),
            ),
            ("rId3", "extended-properties", "docProps/app.xml".into()),
        ]),
    )
}

/// The title and language (core) and the slide count (app) the file's properties show.
fn doc_props(deck: &Deck, count: usize) -> [Part; 2] {
    let lang = deck.lang.pick("da-DK", "en-GB");
    [
        part(
            "docProps/core.xml",
            fill(CORE, &[("title", &x(&deck.title.title)), ("lang", lang)]),
        ),
        part(
            "docProps/app.xml",
            fill(APP, &[("slides", &count.to_string()), ("notes", &count.to_string())]),
        ),
    ]
}

/// The presentation (slide list and size), its relationships, and the parts it holds as they are.
fn presentation(deck: &Deck, count: usize) -> Vec<Part> {
    let (cx, cy) = deck.aspect.size();
    let lang = deck.lang.pick("da-DK", "en-GB");
    // The slides' relationships follow the six fixed ones, so slide n is rId(n + 6).
    let slide_ids: String = (1..=count)
        .map(|n| format!(r#"<p:sldId id="{}" r:id="rId{}"/>"#, 255 + n, n + 6))
        .collect();
    let presentation = fill(
        PRESENTATION,
        &[
            ("slide_ids", &slide_ids),
            ("cx", &cx.to_string()),
            ("cy", &cy.to_string()),
            ("lang", lang),
        ],
    );
    let mut list = vec![
        ("rId1", "slideMaster", "slideMasters/slideMaster1.xml".to_string()),
        ("rId2", "notesMaster", "notesMasters/notesMaster1.xml".into()),
        ("rId3", "theme", "theme/theme1.xml".into()),
        ("rId4", "presProps", "presProps.xml".into()),
        ("rId5", "viewProps", "viewProps.xml".into()),
        ("rId6", "tableStyles", "tableStyles.xml".into()),
    ];
    let slide_rel_ids: Vec<String> = (1..=count).map(|n| format!("rId{}", n + 6)).collect();
    for (n, id) in slide_rel_ids.iter().enumerate() {
        list.push((id.as_str(), "slide", format!("slides/slide{}.xml", n + 1)));
    }
    vec![
        part("ppt/presentation.xml", presentation),
        part("ppt/_rels/presentation.xml.rels", rels(&list)),
        part("ppt/presProps.xml", PRES_PROPS.to_string()),
        part("ppt/viewProps.xml", VIEW_PROPS.to_string()),
        part("ppt/tableStyles.xml", TABLE_STYLES.to_string()),
        part("ppt/theme/theme1.xml", THEME.to_string()),
        part("ppt/theme/theme2.xml", THEME.to_string()),
    ]
}

/// The slide master (its margins at the slide's width), the one layout and the notes master.
fn masters(deck: &Deck) -> Vec<Part> {
    let (cx, cy) = deck.aspect.size();
    let margin = super::slides::MARGIN;
    let master = fill(
        SLIDE_MASTER,
        &[
            ("margin", &margin.to_string()),
            ("inner", &(cx - 2 * margin).to_string()),
        ],
    );
    // The notes page's slide picture, 6 in wide at the slide's shape.
    let image_height = 5_486_400 * cy / cx;
    vec![
        part("ppt/slideMasters/slideMaster1.xml", master),
        part(
            "ppt/slideMasters/_rels/slideMaster1.xml.rels",
            rels(&[
                ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml".into()),
                ("rId2", "theme", "../theme/theme1.xml".into()),
            ]),
        ),
        part("ppt/slideLayouts/slideLayout1.xml", SLIDE_LAYOUT.to_string()),
        part(
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
            rels(&[("rId1", "slideMaster", "../slideMasters/slideMaster1.xml".into())]),
        ),
        part(
            "ppt/notesMasters/notesMaster1.xml",
            fill(NOTES_MASTER, &[("image_height", &image_height.to_string())]),
        ),
        part(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            rels(&[("rId1", "theme", "../theme/theme2.xml".into())]),
        ),
    ]
}

/// Slide `n`: its chart's PNG and SVG, the slide, its notes slide and their relationships.
fn slide_parts(n: usize, slide: SlideXml, lang: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut list = vec![
        ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml".to_string()),
        ("rId2", "notesSlide", format!("../notesSlides/notesSlide{n}.xml")),
    ];
    if let Some((png, svg)) = slide.media {
        list.push(("rId3", "image", format!("../media/chart{n}.png")));
        list.push(("rId4", "image", format!("../media/chart{n}.svg")));
        out.push(Part {
            path: format!("ppt/media/chart{n}.png"),
            bytes: png,
        });
        out.push(part(format!("ppt/media/chart{n}.svg"), svg));
    }
    out.push(part(format!("ppt/slides/slide{n}.xml"), slide.xml));
    out.push(part(format!("ppt/slides/_rels/slide{n}.xml.rels"), rels(&list)));
    out.push(part(
        format!("ppt/notesSlides/notesSlide{n}.xml"),
        fill(NOTES_SLIDE, &[("paragraphs", &notes_paragraphs(&slide.notes, lang))]),
    ));
    out.push(part(
        format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
        rels(&[
            ("rId1", "notesMaster", "../notesMasters/notesMaster1.xml".into()),
            ("rId2", "slide", format!("../slides/slide{n}.xml")),
        ]),
    ));
    out
}

/// A paragraph per line of the speaker notes; an empty paragraph where there are none.
fn notes_paragraphs(notes: &[String], lang: &str) -> String {
    if notes.is_empty() {
        return "<a:p><a:endParaRPr lang=\"da-DK\"/></a:p>".to_string();
    }
    notes
        .iter()
        .map(|line| {
            format!(
                "<a:p><a:r><a:rPr lang=\"{lang}\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p>",
                x(line)
            )
        })
        .collect()
}
