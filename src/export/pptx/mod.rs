//! A PowerPoint deck (.pptx) written with the zip crate from the small Open XML templates in
//! `templates/`: a title slide, the overview as a native (editable) table, and one slide per
//! chart with the chart as SVG (PowerPoint 2016+ can turn it into shapes) and a PNG for older
//! versions, its title, subtitle and source line as slide text, alt text with the numbers and
//! speaker notes with the numbers and their n. Every part is checked against the elements
//! the schema requires before the file is written ([`check`]).

pub mod check;
mod parts;
mod slides;

use serde::{Deserialize, Serialize};

pub use slides::chart_slides;

use crate::locale::Lang;

/// The slide's shape: 16:9 (PowerPoint's default) or 4:3 (older templates, projectors).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Aspect {
    #[default]
    Wide,
    Standard,
}

/// English Metric Units: 914,400 per inch.
pub const EMU_PER_INCH: i64 = 914_400;

impl Aspect {
    /// Slide width and height in EMU: 13.333 × 7.5 in, or 10 × 7.5 in.
    pub fn size(self) -> (i64, i64) {
        match self {
            Aspect::Wide => (12_192_000, 6_858_000),
            Aspect::Standard => (9_144_000, 6_858_000),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Aspect::Wide => "16:9",
            Aspect::Standard => "4:3",
        }
    }
}

pub struct TitleSlide {
    pub title: String,
    pub subtitle: String,
}

/// A table cell: a text, or a mean with its n under it in smaller type.
#[derive(Clone, Debug, PartialEq)]
pub struct TableCell {
    pub main: String,
    pub small: Option<String>,
}

impl TableCell {
    pub fn text(text: String) -> TableCell {
        TableCell {
            main: text,
            small: None,
        }
    }

    /// "3,84" over "n = 500" (starred when the group is small).
    pub fn mean(mean: Option<f64>, n: u64, small: bool, lang: Lang) -> TableCell {
        TableCell {
            main: mean.map_or_else(|| "–".to_string(), |m| lang.number(m, 2)),
            small: Some(format!("n = {}{}", lang.count(n), if small { " *" } else { "" })),
        }
    }
}

pub struct TableSlide {
    pub title: String,
    pub subtitle: String,
    pub source: String,
    /// The first row.
    pub header: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
    /// Speaker notes, one line each.
    pub notes: Vec<String>,
}

pub struct ChartSlide {
    pub title: String,
    pub subtitle: String,
    pub source: String,
    pub svg: String,
    pub png: Vec<u8>,
    /// The picture's size in pixels (its shape on the slide).
    pub pixels: (u32, u32),
    /// What a screen reader says for the picture: the chart and its numbers in words.
    pub alt: String,
    pub notes: Vec<String>,
}

pub enum Slide {
    Table(TableSlide),
    Chart(Box<ChartSlide>),
}

pub struct Deck {
    pub aspect: Aspect,
    pub lang: Lang,
    pub title: TitleSlide,
    pub slides: Vec<Slide>,
}

#[derive(Debug)]
pub enum PptxError {
    /// A part does not hold what the schema requires (a bug, never the user's data).
    Part(String),
    Zip(String),
    Chart(String),
}

impl std::fmt::Display for PptxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PptxError::Part(e) => write!(f, "PowerPoint part not valid: {e}"),
            PptxError::Zip(e) => write!(f, "PowerPoint file could not be written: {e}"),
            PptxError::Chart(e) => write!(f, "chart could not be drawn: {e}"),
        }
    }
}

impl std::error::Error for PptxError {}

/// The deck as the bytes of a .pptx file.
pub fn write(deck: &Deck) -> Result<Vec<u8>, PptxError> {
    use std::io::Write;
    let parts = parts::parts(deck);
    for part in &parts {
        if part.path.ends_with(".xml") || part.path.ends_with(".rels") {
            let text = std::str::from_utf8(&part.bytes).map_err(|e| PptxError::Part(format!("{}: {e}", part.path)))?;
            check::check_part(&part.path, text).map_err(PptxError::Part)?;
        }
    }
    check::check_package(&parts).map_err(PptxError::Part)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    // PNGs are compressed already.
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for part in &parts {
        let options = if part.path.ends_with(".png") { stored } else { deflated };
        zip.start_file(part.path.as_str(), options)
            .map_err(|e| PptxError::Zip(e.to_string()))?;
        zip.write_all(&part.bytes).map_err(|e| PptxError::Zip(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(|e| PptxError::Zip(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// A file in the package.
pub struct Part {
    /// Without a leading slash: "ppt/slides/slide1.xml".
    pub path: String,
    pub bytes: Vec<u8>,
}
