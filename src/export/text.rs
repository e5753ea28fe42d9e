//! Text for the exports: measuring (with the bundled font's own advance widths), wrapping and
//! XML escaping.

use super::metrics;

/// Width in pixels of `text` at `size` px in Liberation Sans (Arial's metrics).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let (table, extra) = if bold {
        (&metrics::BOLD[..], &metrics::BOLD_EXTRA[..])
    } else {
        (&metrics::REGULAR[..], &metrics::REGULAR_EXTRA[..])
    };
    let units: f64 = text
        .chars()
        .map(|c| {
            let index = (c as usize).checked_sub(0x20);
            let known = index
                .and_then(|i| table.get(i))
                .or_else(|| extra.iter().find(|(e, _)| *e == c).map(|(_, w)| w));
            // An unknown character measures as a wide letter ("W"-ish), so layout errs on the roomy side.
            f64::from(known.copied().unwrap_or(1400))
        })
        .sum();
    units * size / metrics::UNITS_PER_EM
}

/// Breaks `text` into lines no wider than `max_width` at spaces. A single word wider than the
/// limit gets a line of its own rather than being cut.
pub fn wrap(text: &str, size: f64, bold: bool, max_width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, size, bold) <= max_width {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Escapes text for an XML text node or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0; a pasted tab becomes a space.
            c if (c as u32) < 0x20 => out.push(' '),
            // Nor are U+FFFE and U+FFFF: an SVG holding one does not open.
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A character XML 1.0 allows in text (Rust strings hold no surrogates).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text as a format that carries XML (XLSX, PPTX) can hold it: characters XML forbids
/// replaced, line breaks kept.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_like_arial_and_wraps_at_spaces() {
        // Arial's "A" is 1366/2048 em.
        assert!((text_width("A", 2048.0, false) - 1366.0).abs() < 0.5);
        let lines = wrap("Har ikke brugt KLIK de seneste seks måneder", 20.0, false, 200.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 20.0, false) <= 200.0));
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("Rul\u{FFFE}1\u{1}"), "Rul\u{FFFD}1 ");
    }
}
