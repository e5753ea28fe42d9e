//! Colours that print well on a white slide and survive a grey-scale printout or a projector:
//! the Okabe-Ito colour-blind-safe set for waves, a sequential blue for phases (their order is
//! time), and an orange → grey → blue diverging scale for the five Likert answers.

use super::spec::Rgba;

/// One colour per wave (series in time order), Okabe-Ito without its yellow, which vanishes
/// on white.
const WAVES: [Rgba; 7] = [
    Rgba::rgb(0, 114, 178),   // blue
    Rgba::rgb(230, 159, 0),   // orange
    Rgba::rgb(0, 158, 115),   // bluish green
    Rgba::rgb(213, 94, 0),    // vermillion
    Rgba::rgb(204, 121, 167), // reddish purple
    Rgba::rgb(86, 180, 233),  // sky blue
    Rgba::rgb(102, 102, 102), // grey
];

pub fn wave_color(index: usize) -> Rgba {
    WAVES.get(index % WAVES.len()).copied().unwrap_or(Rgba::rgb(0, 0, 0))
}

/// Phases are steps in time, so they get shades of one hue, light (early) to dark (late).
pub fn phase_color(index: usize, count: usize) -> Rgba {
    const LIGHT: [f64; 3] = [158.0, 202.0, 225.0];
    const DARK: [f64; 3] = [8.0, 69.0, 148.0];
    let t = if count <= 1 {
        1.0
    } else {
        index.min(count - 1) as f64 / (count - 1) as f64
    };
    let mix = |i: usize| {
        let (a, b) = (
            LIGHT.get(i).copied().unwrap_or(0.0),
            DARK.get(i).copied().unwrap_or(0.0),
        );
        (a + (b - a) * t).round() as u8
    };
    Rgba::rgb(mix(0), mix(1), mix(2))
}

/// The "Total" bar: dark grey, set apart from the phase blues.
pub const TOTAL: Rgba = Rgba::rgb(64, 64, 64);

/// Answers 1..=5: a blue–orange diverging scale, readable with red-green colour blindness
/// (no red against green), neutral in grey: strong orange, light orange, grey, light blue,
/// strong blue. The light steps stay apart from the grey in lightness as well as in hue, so
/// the scale also holds on a dark background and in grey-scale print.
pub const LIKERT: [Rgba; 5] = [
    Rgba::rgb(179, 88, 6),
    Rgba::rgb(241, 163, 64),
    Rgba::rgb(189, 189, 189),
    Rgba::rgb(116, 169, 207),
    Rgba::rgb(33, 102, 172),
];

/// Timeline spans: pale, see-through tints, so data lines stay readable on top of them.
const SPANS: [Rgba; 5] = [
    Rgba(0, 114, 178, 30),
    Rgba(213, 94, 0, 34),
    Rgba(0, 158, 115, 30),
    Rgba(204, 121, 167, 34),
    Rgba(120, 120, 120, 26),
];

pub fn span_color(index: usize) -> Rgba {
    SPANS.get(index % SPANS.len()).copied().unwrap_or(Rgba(0, 0, 0, 30))
}

/// Events: dark grey lines, labelled in the same colour.
pub const EVENT: Rgba = Rgba::rgb(80, 80, 80);

/// Text on a filled bar: white on dark fills, near-black on light ones (WCAG relative luminance).
pub fn text_on(fill: Rgba) -> Rgba {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(fill.0) + 0.7152 * channel(fill.1) + 0.0722 * channel(fill.2);
    if luminance < 0.3 {
        Rgba::rgb(255, 255, 255)
    } else {
        Rgba::rgb(26, 26, 26)
    }
}
