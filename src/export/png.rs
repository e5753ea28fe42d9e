//! PNG: the very SVG of [`super::svg`] rendered by resvg with the bundled Liberation Sans, so the
//! PNG says exactly what the SVG says and looks the same on every machine, with no system fonts.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::Background;
use super::svg::render;
use crate::charts::ChartSpec;

/// The bundled Liberation Sans, for the PNG and for the window's charts (same metrics).
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// The largest image we agree to make: 16k x 16k pixels (1 GiB of RGBA).
const MAX_SIDE: u32 = 16_384;

#[derive(Debug)]
pub enum PngError {
    /// Zero, or beyond [`MAX_SIDE`] after scaling.
    Size {
        width: u32,
        height: u32,
    },
    Svg(String),
    Encode(String),
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PngError::Size { width, height } => {
                write!(
                    f,
                    "cannot make a {width}x{height} image (1 to {MAX_SIDE} pixels a side)"
                )
            }
            PngError::Svg(e) => write!(f, "chart could not be drawn: {e}"),
            PngError::Encode(e) => write!(f, "PNG could not be encoded: {e}"),
        }
    }
}

impl std::error::Error for PngError {}

/// The fonts, loaded once: parsing them costs more than drawing a chart.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(REGULAR.to_vec());
            db.load_font_data(BOLD.to_vec());
            db.set_sans_serif_family("Liberation Sans");
            Arc::new(db)
        })
        .clone()
}

/// The chart as PNG: laid out at `width` x `height` and drawn at `scale` times that many
/// pixels (2.0 for a crisp slide on a high-DPI screen).
pub fn to_png(
    spec: &ChartSpec,
    width: u32,
    height: u32,
    scale: f32,
    background: Background,
) -> Result<Vec<u8>, PngError> {
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let (pixels_w, pixels_h) = ((width as f32 * scale).round(), (height as f32 * scale).round());
    let too_big = |v: f32| v < 1.0 || v > MAX_SIDE as f32;
    if width == 0 || height == 0 || too_big(pixels_w) || too_big(pixels_h) {
        return Err(PngError::Size { width, height });
    }
    let svg = render(spec, width, height, background);
    rasterise(&svg, width, height, pixels_w as u32, pixels_h as u32)
}

/// An SVG of ours (the chart of a slide) as a PNG of its own size.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PngError::Size { width, height });
    }
    rasterise(svg, width, height, width, height)
}

fn rasterise(svg: &str, width: u32, height: u32, pw: u32, ph: u32) -> Result<Vec<u8>, PngError> {
    let mut options = usvg::Options {
        font_family: "Liberation Sans".to_string(),
        ..usvg::Options::default()
    };
    options.fontdb = fonts();
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(pw, ph).ok_or(PngError::Size { width, height })?;
    let transform = tiny_skia::Transform::from_scale(pw as f32 / width as f32, ph as f32 / height as f32);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Encode(e.to_string()))
}
