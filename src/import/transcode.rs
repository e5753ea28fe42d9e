//! Windows-1252 and UTF-16 text turned into UTF-8 on every core. Danish Excel saves "CSV
//! (semikolonsepareret)" in Windows-1252 and "Unicode-tekst" in UTF-16; a million answers are
//! 60-120 MB of it, and encoding_rs on one thread made that an extra pass on one core while
//! the other waited.
//!
//! The bytes are cut right after line ends (a '\n' byte, or a 0x000A code unit, which is never
//! half of a surrogate pair), so each part decodes alone exactly as it would inside the whole.
//! Each part's UTF-8 length is counted first, then every part is decoded by encoding_rs
//! straight into its own slice of one buffer: no second copy, and the result is encoding_rs'
//! own. Should a part not come out at the length counted, the whole is decoded on one thread.

use encoding_rs::{CoderResult, Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Inputs from this size on are decoded in parallel parts.
const PARALLEL_FROM: usize = 4 << 20;
const MAX_THREADS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Text {
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl Text {
    fn encoding(self) -> &'static Encoding {
        match self {
            Text::Windows1252 => WINDOWS_1252,
            Text::Utf16Le => UTF_16LE,
            Text::Utf16Be => UTF_16BE,
        }
    }
}

/// `bytes` (without a BOM) as UTF-8, malformed UTF-16 replaced as encoding_rs replaces it.
pub(super) fn to_utf8(bytes: &[u8], text: Text) -> String {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS);
    if bytes.len() < PARALLEL_FROM || threads < 2 {
        return whole(bytes, text);
    }
    in_parts(bytes, text, threads * 2)
}

fn whole(bytes: &[u8], text: Text) -> String {
    text.encoding().decode_without_bom_handling(bytes).0.into_owned()
}

/// `bytes` decoded in up to `parts` parts, a thread each.
fn in_parts(bytes: &[u8], text: Text, parts: usize) -> String {
    let ranges = cuts(bytes, text, parts);
    let lengths: Vec<usize> = std::thread::scope(|scope| {
        let counts: Vec<_> = ranges
            .iter()
            .map(|range| scope.spawn(move || utf8_length(bytes.get(range.clone()).unwrap_or_default(), text)))
            .collect();
        counts
            .into_iter()
            .map(|count| count.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    let mut out = vec![0u8; lengths.iter().sum()];
    let decoded_exactly = std::thread::scope(|scope| {
        let mut rest = out.as_mut_slice();
        let mut decoders = Vec::with_capacity(ranges.len());
        for (range, &length) in ranges.iter().zip(&lengths) {
            let (slice, after) = std::mem::take(&mut rest).split_at_mut(length);
            rest = after;
            let part = bytes.get(range.clone()).unwrap_or_default();
            decoders.push(scope.spawn(move || decode_into(part, text, slice)));
        }
        decoders
            .into_iter()
            .all(|decoder| decoder.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    // encoding_rs writes only UTF-8; checked anyway, since the parts were decoded apart.
    match (decoded_exactly, String::from_utf8(out)) {
        (true, Ok(text)) => text,
        _ => whole(bytes, text),
    }
}

/// Up to `parts` ranges of about equal length, covering `bytes`, each ending right after a
/// line end (or at the end).
fn cuts(bytes: &[u8], text: Text, parts: usize) -> Vec<std::ops::Range<usize>> {
    let newline: [u8; 2] = match text {
        Text::Windows1252 => return super::lines::split_at_line_ends(bytes, parts),
        Text::Utf16Le => [b'\n', 0],
        Text::Utf16Be => [0, b'\n'],
    };
    super::lines::split_with(bytes.len(), parts, |target| {
        // Code units start at even offsets.
        let mut at = target & !1;
        loop {
            match bytes.get(at..at + 2) {
                Some(unit) if unit == newline => return Some(at + 2),
                Some(_) => at += 2,
                None => return None,
            }
        }
    })
}

/// How many bytes of UTF-8 `bytes` decode to: per byte of Windows-1252, per code unit of
/// UTF-16 (a pair of surrogates is one character of 4 bytes; a lone surrogate and an odd last
/// byte become U+FFFD, 3 bytes, as encoding_rs replaces them).
fn utf8_length(bytes: &[u8], text: Text) -> usize {
    match text {
        Text::Windows1252 => {
            let table = windows_1252_lengths();
            // Mostly ASCII: eight bytes at a time while none has its high bit set.
            let mut words = bytes.chunks_exact(8);
            let mut length = 0;
            for word in &mut words {
                let value = u64::from_le_bytes(word.try_into().unwrap_or_default());
                length += if value & 0x8080_8080_8080_8080 == 0 {
                    8
                } else {
                    word.iter().map(|&b| usize::from(table[usize::from(b)])).sum()
                };
            }
            length
                + words
                    .remainder()
                    .iter()
                    .map(|&b| usize::from(table[usize::from(b)]))
                    .sum::<usize>()
        }
        Text::Utf16Le | Text::Utf16Be => {
            let big_endian = text == Text::Utf16Be;
            // Four code units at a time while all are ASCII (the high byte of each zero, and
            // the low byte's high bit): most of a survey file.
            let ascii_mask: u64 = if big_endian {
                0x80FF_80FF_80FF_80FF
            } else {
                0xFF80_FF80_FF80_FF80
            };
            let mut words = bytes.chunks_exact(8);
            let mut length = 0;
            let mut pending_high = false;
            for word in &mut words {
                let value = u64::from_le_bytes(word.try_into().unwrap_or_default());
                if value & ascii_mask == 0 && !pending_high {
                    length += 4;
                } else {
                    length += utf16_units_length(word, big_endian, &mut pending_high);
                }
            }
            length += utf16_units_length(words.remainder(), big_endian, &mut pending_high);
            // A high surrogate left at the end and an odd last byte are one U+FFFD together.
            length + if pending_high || bytes.len() % 2 == 1 { 3 } else { 0 }
        }
    }
}

/// The UTF-8 length of UTF-16 code units (an odd last byte left out); `pending_high` carries
/// a high surrogate from the units before to these.
fn utf16_units_length(bytes: &[u8], big_endian: bool, pending_high: &mut bool) -> usize {
    let units = bytes.chunks_exact(2).map(|pair| match pair {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    });
    let mut length = 0;
    for unit in units {
        length += match unit {
            0..=0x7F => 1,
            0x80..=0x7FF => 2,
            0xD800..=0xDBFF => {
                // A high surrogate: 4 with a low one after it, else U+FFFD (as is a high one
                // before it that found none).
                if std::mem::replace(pending_high, true) {
                    length += 3;
                }
                continue;
            }
            0xDC00..=0xDFFF if *pending_high => 1,
            _ => 3,
        };
        if std::mem::take(pending_high) {
            length += 3;
        }
    }
    length
}

/// The UTF-8 length of each Windows-1252 byte, from encoding_rs itself.
fn windows_1252_lengths() -> &'static [u8; 256] {
    static TABLE: std::sync::OnceLock<[u8; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [1u8; 256];
        for (byte, length) in (0u8..=255).zip(table.iter_mut()) {
            *length = WINDOWS_1252.decode_without_bom_handling(&[byte]).0.len() as u8;
        }
        table
    })
}

/// Decodes `part` into `out`; true when it filled `out` exactly.
fn decode_into(part: &[u8], text: Text, out: &mut [u8]) -> bool {
    let mut decoder = text.encoding().new_decoder_without_bom_handling();
    let (result, read, written, _) = decoder.decode_to_utf8(part, out, true);
    result == CoderResult::InputEmpty && read == part.len() && written == out.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    /// Every way of cutting into 1 to 9 parts gives what decoding the whole gives.
    fn parts_equal_whole(bytes: &[u8], text: Text) {
        let expected = whole(bytes, text);
        assert_eq!(utf8_length(bytes, text), expected.len(), "{text:?}");
        for parts in 1..10 {
            let ranges = cuts(bytes, text, parts);
            assert_eq!(ranges.iter().map(|r| r.len()).sum::<usize>(), bytes.len());
            assert_eq!(in_parts(bytes, text, parts), expected, "{text:?} in {parts} parts");
        }
    }

    #[test]
    fn windows_1252_in_parts_is_the_whole_decoded() {
        // Every byte value, the undefined ones (0x81, 0x8D, 0x8F, 0x90, 0x9D) too.
        let every_byte: Vec<u8> = (0u8..=255).collect();
        let mut bytes = b"Kommune;Rul;Svar\r\nK\xF8ge;Rul 1;Ved ikke\n\xC6r\xF8;Rul 2;3,5\n\x80\x81\x9F\n".to_vec();
        for _ in 0..20 {
            bytes.extend_from_slice(&every_byte);
            bytes.extend_from_slice(b"\nH\xF8je-Taastrup;\x93citat\x94;4\n");
        }
        parts_equal_whole(&bytes, Text::Windows1252);
        parts_equal_whole(b"no line end at all \xE6\xF8\xE5", Text::Windows1252);
        parts_equal_whole(b"", Text::Windows1252);
    }

    #[test]
    fn utf16_in_parts_is_the_whole_decoded_malformed_parts_too() {
        let mut text = String::from("Kommune\tRul\tSvar\r\n");
        for i in 0..50 {
            text.push_str(&format!(
                "Køge Kommune\tRul {i}\tVed ikke 😀 €\r\nÆrø\t\u{7FF}\u{800}\t3,5\n"
            ));
        }
        for big_endian in [false, true] {
            let kind = if big_endian { Text::Utf16Be } else { Text::Utf16Le };
            let bytes = utf16(&text, big_endian);
            parts_equal_whole(&bytes, kind);
            // A lone high surrogate before a line end, a lone low one, a high one at the very
            // end, and an odd last byte.
            let unit = |u: u16| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() };
            let mut broken = bytes.clone();
            broken.splice(40..40, unit(0xD83D).into_iter().chain(unit(u16::from(b'\n'))));
            broken.splice(80..80, unit(0xDE00));
            broken.splice(
                120..120,
                unit(0xD83D).into_iter().chain(unit(0xD83D)).chain(unit(0xDE00)),
            );
            parts_equal_whole(&broken, kind);
            broken.extend(unit(0xD800));
            parts_equal_whole(&broken, kind);
            broken.push(b'x');
            parts_equal_whole(&broken, kind);
        }
    }
}
