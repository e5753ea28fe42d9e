//! Guessing what kind of text file we were given: its encoding, its separator, whether it is
//! text at all. Danish Excel writes `;`-files in Windows-1252; "Unicode text" is UTF-16 with a
//! BOM; survey tools write UTF-8, often with a BOM.

use std::borrow::Cow;

use serde::Serialize;

use super::transcode::{Text, to_utf8};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 med BOM",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes a file's bytes to text. UTF-8 is borrowed, not copied (the big files are UTF-8).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    let decoded = decode_reporting(bytes);
    (decoded.text, decoded.encoding)
}

/// A file's text, its encoding, and the lines where bytes had to be repaired.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: TextEncoding,
    /// Lines (1-based) of a UTF-8 file holding bytes that are not UTF-8 (a line pasted from a
    /// Windows-1252 program): those bytes are read as Windows-1252, and the user is told.
    pub repaired_lines: Vec<u64>,
}

pub fn decode_reporting(bytes: &[u8]) -> Decoded<'_> {
    let plain = |text, encoding| Decoded {
        text,
        encoding,
        repaired_lines: Vec::new(),
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Some(text) = utf8(rest) {
            return plain(Cow::Borrowed(text), TextEncoding::Utf8Bom);
        }
        let (text, repaired_lines) = repair_utf8(rest);
        return Decoded {
            text: Cow::Owned(text),
            encoding: TextEncoding::Utf8Bom,
            repaired_lines,
        };
    }
    // UTF-16 without its byte-order mark (some tools save "Unicode" so): told by the zero
    // bytes every other byte, on the side its ASCII characters put them.
    let bomless = utf16_without_bom(bytes).map(|kind| match kind {
        Text::Utf16Be => (&b""[..], Text::Utf16Be, TextEncoding::Utf16Be),
        _ => (&b""[..], Text::Utf16Le, TextEncoding::Utf16Le),
    });
    for (bom, kind, encoding) in [
        (&b"\xFF\xFE"[..], Text::Utf16Le, TextEncoding::Utf16Le),
        (&b"\xFE\xFF"[..], Text::Utf16Be, TextEncoding::Utf16Be),
    ]
    .into_iter()
    .chain(bomless)
    {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = to_utf8(rest, kind);
            let repaired_lines = lines_of_replaced_units(rest, kind, &text);
            return Decoded {
                text: Cow::Owned(text),
                encoding,
                repaired_lines,
            };
        }
    }
    if let Some(text) = utf8(bytes) {
        return plain(Cow::Borrowed(text), TextEncoding::Utf8);
    }
    // Not UTF-8. A file that is UTF-8 elsewhere ("Køge" as two bytes) with a few bytes that
    // are not is UTF-8 with pasted lines: reading all of it as Windows-1252 would garble
    // every name. Without a single UTF-8 character it is a Windows-1252 file.
    if has_utf8_character(bytes) {
        let (text, repaired_lines) = repair_utf8(bytes);
        return Decoded {
            text: Cow::Owned(text),
            encoding: TextEncoding::Utf8,
            repaired_lines,
        };
    }
    plain(Cow::Owned(to_utf8(bytes, Text::Windows1252)), TextEncoding::Windows1252)
}

/// UTF-16 LE or BE by its zero bytes: in the first 4 KB, at least a third of the bytes on one
/// side of each pair are zero and (almost) none on the other. Text in any 8-bit encoding has
/// no zero bytes at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<Text> {
    let head = bytes.get(..4096).unwrap_or(bytes);
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |side: usize| head.chunks_exact(2).filter(|pair| pair.get(side) == Some(&0)).count();
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |count: usize| count * 3 >= pairs;
    let hardly = |count: usize| count * 50 <= pairs;
    match (mostly(odd) && hardly(even), mostly(even) && hardly(odd)) {
        (true, _) => Some(Text::Utf16Le),
        (_, true) => Some(Text::Utf16Be),
        _ => None,
    }
}

/// The lines of `text` (decoded from UTF-16 `bytes`) where a code unit that is no character (a
/// lone surrogate, an odd last byte) became U+FFFD. A file that holds U+FFFD itself as often
/// has none.
fn lines_of_replaced_units(bytes: &[u8], kind: Text, text: &str) -> Vec<u64> {
    const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
    let found: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), REPLACEMENT).collect();
    if found.is_empty() {
        return Vec::new();
    }
    let written = [0xFFFDu16.to_le_bytes(), 0xFFFDu16.to_be_bytes()][usize::from(kind == Text::Utf16Be)];
    let in_file = bytes.chunks_exact(2).filter(|unit| *unit == written).count();
    if in_file >= found.len() {
        return Vec::new();
    }
    let (mut lines, mut line, mut counted_to) = (Vec::new(), 1u64, 0usize);
    for at in found {
        line += memchr::memchr_iter(b'\n', text.as_bytes().get(counted_to..at).unwrap_or_default()).count() as u64;
        counted_to = at;
        if lines.last() != Some(&line) {
            lines.push(line);
        }
    }
    lines
}

/// UTF-8 where it is, Windows-1252 for each byte that is not; the lines of those bytes.
fn repair_utf8(bytes: &[u8]) -> (String, Vec<u64>) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut lines = Vec::new();
    let (mut rest, mut line) = (bytes, 1u64);
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                return (text, lines);
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                let bad = error.error_len().unwrap_or(after.len()).min(after.len());
                let (invalid, next) = after.split_at(bad);
                // The checked prefix is valid UTF-8.
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                line += memchr::memchr_iter(b'\n', valid).count() as u64;
                let (repaired, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(invalid);
                text.push_str(&repaired);
                if lines.last() != Some(&line) {
                    lines.push(line);
                }
                rest = next;
            }
        }
    }
}

/// True when the bytes hold at least one well-formed multi-byte UTF-8 character. Each byte
/// past ASCII is tried as the start of one (a Windows-1252 file has such a byte on most lines:
/// validating from each to the next, as `str::from_utf8` would, cost a pass of its own).
fn has_utf8_character(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(offset) = first_non_ascii(bytes.get(at..).unwrap_or_default()) {
        let start = at + offset;
        let length = match bytes.get(start) {
            Some(0xC2..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            Some(0xF0..=0xF4) => 4,
            _ => 0,
        };
        if length > 0
            && bytes
                .get(start..start + length)
                .is_some_and(|character| std::str::from_utf8(character).is_ok())
        {
            return true;
        }
        at = start + 1;
    }
    false
}

/// Where the first byte past ASCII is, eight bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut start = 0;
    for word in &mut words {
        let high_bits = u64::from_le_bytes(word.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080;
        if high_bits != 0 {
            return Some(start + high_bits.trailing_zeros() as usize / 8);
        }
        start += 8;
    }
    words.remainder().iter().position(|b| !b.is_ascii()).map(|i| start + i)
}

/// Inputs from this size on are checked in parallel parts.
const PARALLEL_CHECK_FROM: usize = 8 << 20;
const MAX_CHECK_THREADS: usize = 8;

/// `check` of every part of `bytes`, a thread each for a big input; the parts are cut right
/// after a '\n' (an ASCII byte is never part of a longer character).
fn check_in_parts<T: Send>(bytes: &[u8], check: impl Fn(&[u8]) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_CHECK_THREADS);
    if bytes.len() < PARALLEL_CHECK_FROM || threads < 2 {
        return vec![check(bytes)];
    }
    let parts: Vec<&[u8]> = super::lines::split_at_line_ends(bytes, threads)
        .into_iter()
        .filter_map(|range| bytes.get(range))
        .collect();
    // `utf8` relies on the parts making up all of `bytes`.
    if parts.iter().map(|part| part.len()).sum::<usize>() != bytes.len() {
        return vec![check(bytes)];
    }
    std::thread::scope(|scope| {
        let check = &check;
        let checks: Vec<_> = parts.iter().map(|part| scope.spawn(move || check(part))).collect();
        checks
            .into_iter()
            .map(|check| check.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// The bytes as text when they are valid UTF-8. simdutf8 (already in the tree through polars)
/// checks several times faster than the standard library; a big file is checked in parts, a
/// thread each.
fn utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.len() < PARALLEL_CHECK_FROM {
        return simdutf8::basic::from_utf8(bytes).ok();
    }
    let all_valid = check_in_parts(bytes, |part| simdutf8::basic::from_utf8(part).is_ok())
        .into_iter()
        .all(|valid| valid);
    // SAFETY: the parts are `bytes` cut into consecutive pieces, each cut right after a '\n',
    // which in UTF-8 only ever is the character '\n' itself: the cuts fall between
    // characters. Every part is valid UTF-8, so the whole, their concatenation, is too.
    all_valid.then(|| unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// True when the text holds a quote character anywhere (a big file is searched in parallel
/// parts: big exports have none, and then every byte must be looked at).
pub fn has_quote(text: &str) -> bool {
    check_in_parts(text.as_bytes(), |part| memchr::memchr(b'"', part).is_some())
        .into_iter()
        .any(|found| found)
}

/// True when the start of the text looks like a binary file (an image, a zip, an .xlsx):
/// NUL bytes, or many control characters that no CSV holds.
pub fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    if sample.is_empty() {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}'))
        .count();
    sample.contains(&'\0') || controls * 20 > sample.len()
}

pub const SEPARATORS: [u8; 4] = [b';', b'\t', b'|', b','];

/// Picks the separator that splits the first lines into the same number of fields (more than
/// one) most consistently; quotes are respected. Ties go to `;`, then tab, `|`, `,`: Danish
/// Excel's choice first, and a comma last since it is the decimal mark in Danish numbers.
pub fn detect_separator(text: &str) -> u8 {
    let sample = head_of(text, 64 * 1024);
    let mut best = (b';', 0.0f64, 0usize);
    for separator in SEPARATORS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let mut counts = Vec::new();
        let mut record = csv::ByteRecord::new();
        while counts.len() < 30 {
            match reader.read_byte_record(&mut record) {
                Ok(true) => counts.push(record.len()),
                _ => break,
            }
        }
        // The last record of a cut sample may be cut too.
        if sample.len() < text.len() && counts.len() > 2 {
            counts.pop();
        }
        let Some(&header_fields) = counts.first() else { continue };
        if header_fields < 2 {
            continue;
        }
        let rows = &counts[1..];
        let consistency = if rows.is_empty() {
            1.0
        } else {
            rows.iter().filter(|&&n| n == header_fields).count() as f64 / rows.len() as f64
        };
        // Most consistent first, then most fields; earlier candidates win ties.
        if best.2 == 0 || (consistency, header_fields) > (best.1, best.2) {
            best = (separator, consistency, header_fields);
        }
    }
    best.0
}

/// At most `max_bytes` of text, cut at a character boundary.
fn head_of(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Where a quoted field opens and does not close where its field ends: (line, column), both
/// 1-based. The csv parser would silently swallow the following rows into that field (when
/// the quote never closes, or when a later field's quote happens to close it), so we look
/// for it first: a closing quote must be followed by a separator, a line end or the end.
/// Lines end at '\n', "\r\n" or a lone '\r' (old Mac files).
pub fn find_unclosed_quote(text: &str, separator: u8) -> Option<(u64, usize)> {
    scan_quotes(text, separator, 1).unclosed
}

/// What one pass over a quoted text finds: a quote that does not close where its field ends,
/// and where the text may be cut into parts that start outside any quoted field.
pub struct QuoteScan {
    pub unclosed: Option<(u64, usize)>,
    /// Byte offsets just past a '\n' outside quotes, near each of `parts - 1` even cuts.
    pub cuts: Vec<usize>,
}

/// One pass over a text with quotes, jumping from quote to line end with memchr (a million
/// answers are tens of megabytes): the quote state as the csv reader will see it — a quote
/// opens a field only at the field's start, "" inside is a quote, a quote closes the field.
/// The parts are walked one after the other; [`scan_quotes_with`] walks them in parallel.
pub fn scan_quotes(text: &str, separator: u8, parts: usize) -> QuoteScan {
    scan_quotes_with(text, separator, parts, |spans| {
        spans
            .iter()
            .map(|&(from, stop)| walk_quotes(text.as_bytes(), from, stop, separator))
            .collect()
    })
}

/// [`scan_quotes`], its parts walked by `walk_all` (given each part's (start, stop), it gives
/// [`walk_quotes`] of each, in order: on several threads, say).
///
/// Speculate and verify, as the fast CSV readers do: each part is walked from the first line
/// start at or after its even share of the text, as if no quoted field were open there. That
/// guess is right when the walk of the part before lands exactly on it (a walk is a function of
/// where it starts, so the same start gives the same walk); when a quoted field with a line
/// break spans the cut, the part is walked again from where the one before really ended.
pub fn scan_quotes_with(
    text: &str,
    separator: u8,
    parts: usize,
    walk_all: impl FnOnce(&[(usize, usize)]) -> Vec<Walk>,
) -> QuoteScan {
    let bytes = text.as_bytes();
    let parts = parts.max(1);
    // The first line start at or after each part's even share (the text's start for the first).
    // (A line start is just past a '\n': never 0 for a later part, which must land past one.)
    let starts: Vec<Option<usize>> = (0..parts)
        .map(|k| match (k, (bytes.len() * k / parts).max(1)) {
            (0, _) => Some(0),
            (_, share) => memchr::memchr(b'\n', bytes.get(share - 1..).unwrap_or_default()).map(|at| share + at),
        })
        .collect();
    // Each part ends at the first landing at or past the next part's start; the last at the end.
    let stop = |k: usize| starts.get(k + 1).copied().flatten().unwrap_or(usize::MAX);
    let spans: Vec<(usize, usize)> = (0..parts)
        .filter_map(|k| starts.get(k).copied().flatten().map(|start| (start, stop(k))))
        .collect();
    let mut guessed = walk_all(&spans).into_iter();
    let mut cuts = Vec::new();
    let mut at = 0;
    for k in 0..parts {
        let Some(start) = starts.get(k).copied().flatten() else {
            break;
        };
        let guess = guessed.next();
        let walk = match guess {
            Some(walk) if start == at => walk,
            _ => walk_quotes(bytes, at, stop(k), separator),
        };
        match walk {
            Walk::Landed(landing) => {
                if k + 1 < parts && cuts.last() != Some(&landing) {
                    cuts.push(landing);
                }
                at = landing;
            }
            Walk::End => break,
            Walk::Unclosed(quote) => {
                return QuoteScan {
                    unclosed: Some(place_of(bytes, quote, separator)),
                    cuts,
                };
            }
        }
    }
    QuoteScan { unclosed: None, cuts }
}

/// Where a walk over the quotes from a line start ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walk {
    /// Just past the first line end outside quotes at or past where it was to stop.
    Landed(usize),
    /// At the end of the text.
    End,
    /// At a quote (its byte offset) that opens a field and does not close where it ends.
    Unclosed(usize),
}

/// The quotes from `from` (a line start outside quotes) on, to the first line end outside
/// quotes whose next line starts at or past `stop`.
pub fn walk_quotes(bytes: &[u8], from: usize, stop: usize, separator: u8) -> Walk {
    let mut at = from;
    if at >= stop {
        return Walk::Landed(at);
    }
    while let Some(found) = memchr::memchr2(b'"', b'\n', bytes.get(at..).unwrap_or_default()) {
        let position = at + found;
        if bytes.get(position) == Some(&b'\n') {
            if position + 1 >= stop {
                return Walk::Landed(position + 1);
            }
            at = position + 1;
            continue;
        }
        // A quote: it opens a field only where a field starts; elsewhere it is a character.
        let field_start = position == 0
            || position
                .checked_sub(1)
                .and_then(|before| bytes.get(before))
                .is_some_and(|b| *b == separator || *b == b'\n' || *b == b'\r');
        if !field_start {
            at = position + 1;
            continue;
        }
        match closing_quote(bytes, position + 1) {
            Some(close)
                if matches!(bytes.get(close + 1), None | Some(b'\r' | b'\n'))
                    || bytes.get(close + 1) == Some(&separator) =>
            {
                at = close + 1;
            }
            _ => return Walk::Unclosed(position),
        }
    }
    Walk::End
}

/// The quote that closes a quoted field whose text starts at `from` ("" is a quote inside).
fn closing_quote(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let quote = at + memchr::memchr(b'"', bytes.get(at..)?)?;
        if bytes.get(quote + 1) == Some(&b'"') {
            at = quote + 2;
        } else {
            return Some(quote);
        }
    }
}

/// The 1-based line and column of a byte, counting '\n', "\r\n" and a lone '\r' as line
/// ends and separators outside quotes as column breaks (the column only matters before the
/// byte on its own line, which holds no open quote).
fn place_of(bytes: &[u8], position: usize, separator: u8) -> (u64, usize) {
    let before = bytes.get(..position).unwrap_or_default();
    let mut line = 1u64;
    let mut line_start = 0;
    for (i, &b) in before.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    // Separators on the line before the quote, outside quoted fields.
    let mut column = 1;
    let mut quoted = false;
    for &b in before.get(line_start..).unwrap_or_default() {
        match b {
            b'"' => quoted = !quoted,
            b if b == separator && !quoted => column += 1,
            _ => {}
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_in_any_part_of_a_big_input() {
        let text = "Køge Kommune;Rul 2;4\n".repeat(PARALLEL_CHECK_FROM / 20 + 100);
        assert!(!has_quote(&text));
        for at in [0, text.len() / 3, text.len() / 2, text.len() - 1] {
            let mut quoted = text.clone();
            quoted.insert(at, '"');
            assert!(has_quote(&quoted), "a quote at {at}");
        }
    }

    #[test]
    fn big_inputs_checked_in_parts_are_utf8_exactly_when_the_whole_is() {
        let line = "Køge Kommune;Rul 2;Ærø;€;\u{1F600}\r\n";
        let text = line.repeat(PARALLEL_CHECK_FROM / line.len() + 100);
        assert_eq!(utf8(text.as_bytes()), Some(text.as_str()));
        // One broken character anywhere makes the whole Windows-1252: at the start, in the
        // middle, at the very end, and a character cut short by a line end.
        for at in [0, text.len() / 2, text.len() - 1] {
            let mut bytes = text.clone().into_bytes();
            bytes[at] = 0xFF; // 'ÿ' in Windows-1252, never a byte of UTF-8
            assert_eq!(utf8(&bytes), None, "broken at {at}");
        }
        let mut bytes = text.clone().into_bytes();
        let middle = text.len() / 2;
        bytes.splice(middle..middle, [0xC3, b'\n']);
        assert_eq!(utf8(&bytes), None);
        // The rest of the file is UTF-8: it stays UTF-8, and the broken line is told.
        let decoded = decode_reporting(&bytes);
        assert_eq!(decoded.encoding, TextEncoding::Utf8);
        let line = 1 + bytes[..middle].iter().filter(|b| **b == b'\n').count() as u64;
        assert_eq!(decoded.repaired_lines, [line]);
    }

    #[test]
    fn a_utf8_file_with_a_pasted_windows_1252_line_keeps_its_names_and_says_where() {
        let bytes = b"Kommune;Rul\nK\xC3\xB8ge;Rul 1\nK\xF8ge;Rul 1\n\xC6r\xC3\xB8;Rul 2\n";
        let decoded = decode_reporting(bytes);
        assert_eq!(decoded.encoding, TextEncoding::Utf8);
        assert_eq!(decoded.text, "Kommune;Rul\nKøge;Rul 1\nKøge;Rul 1\nÆrø;Rul 2\n");
        assert_eq!(decoded.repaired_lines, [3, 4]);
        // Without one UTF-8 character it is a Windows-1252 file, nothing to report.
        let cp1252 = decode_reporting(b"Kommune\nK\xF8ge\n\xC6r\xF8\n");
        assert_eq!(
            (cp1252.encoding, cp1252.repaired_lines.len()),
            (TextEncoding::Windows1252, 0)
        );
        assert_eq!(cp1252.text, "Kommune\nKøge\nÆrø\n");
    }

    #[test]
    fn a_utf8_character_is_found_wherever_str_from_utf8_finds_one() {
        // The definition: some valid stretch between the errors `str::from_utf8` reports holds
        // a byte past ASCII.
        fn by_validation(bytes: &[u8]) -> bool {
            let mut rest = bytes;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(valid) => return !valid.is_ascii(),
                    Err(error) => {
                        let (valid, after) = rest.split_at(error.valid_up_to());
                        if !valid.is_ascii() {
                            return true;
                        }
                        let skip = error.error_len().unwrap_or(after.len()).max(1);
                        rest = after.get(skip..).unwrap_or_default();
                        if rest.is_empty() {
                            return false;
                        }
                    }
                }
            }
        }
        let pieces: [&[u8]; 14] = [
            b"a",
            b"Kommune;",
            b"\xF8",
            b"\xE6",
            b"\xC6",
            b"\xC3\xB8",
            b"\xE2\x82\xAC",
            b"\xF0\x9F\x98\x80",
            b"\xED\xA0\x80",
            b"\xE0\x80",
            b"\xC3",
            b"\x80",
            b"\xF4\x90\x80\x80",
            b"\xE6\xC3\xB8",
        ];
        // Random sequences of one to six pieces: each piece meets each other one on both
        // sides and at every offset of an eight-byte word.
        let mut state = 1u64;
        for _ in 0..20_000 {
            let mut bytes = Vec::new();
            for _ in 0..1 + state % 6 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                bytes.extend_from_slice(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(has_utf8_character(&bytes), by_validation(&bytes), "{bytes:x?}");
        }
    }

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(decode("Kommune;Rul".as_bytes()).1, TextEncoding::Utf8);
        let (text, encoding) = decode(b"\xEF\xBB\xBFK\xC3\xB8ge");
        assert_eq!((text.as_ref(), encoding), ("Køge", TextEncoding::Utf8Bom));
        let (text, encoding) = decode(b"K\xF8ge");
        assert_eq!((text.as_ref(), encoding), ("Køge", TextEncoding::Windows1252));
        let (text, encoding) = decode(b"\xFF\xFEK\x00\xF8\x00");
        assert_eq!((text.as_ref(), encoding), ("Kø", TextEncoding::Utf16Le));
        let (text, encoding) = decode(b"\xFE\xFF\x00K\x00\xF8");
        assert_eq!((text.as_ref(), encoding), ("Kø", TextEncoding::Utf16Be));
    }

    #[test]
    fn separators_are_found_and_quotes_respected() {
        assert_eq!(detect_separator("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(detect_separator("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_separator("a\tb\n1\t2\n"), b'\t');
        assert_eq!(detect_separator("a|b\n1|2\n"), b'|');
        assert_eq!(detect_separator("a,b\n\"x;y;z\",2\n\"p;q\",3\n"), b',');
    }

    #[test]
    fn cuts_fall_outside_quoted_fields() {
        let line = "K\u{f8}ge;\"fin;\nkommentar\";\"4\"\n";
        let text = line.repeat(50);
        let scan = scan_quotes(&text, b';', 8);
        assert_eq!(scan.unclosed, None);
        assert!(!scan.cuts.is_empty());
        for cut in &scan.cuts {
            // Every cut is the start of a record: a whole number of records lies before it.
            assert_eq!(text[..*cut].matches(line).count() * line.len(), *cut, "{cut}");
        }
    }

    /// Every landing of one walk from the start to the end, and how it ended: the plain
    /// sequential scan the speculative one must equal.
    fn walked_in_one_go(bytes: &[u8], separator: u8) -> (Vec<usize>, Walk) {
        let (mut landings, mut at) = (Vec::new(), 0);
        loop {
            match walk_quotes(bytes, at, at + 1, separator) {
                Walk::Landed(landing) => {
                    landings.push(landing);
                    at = landing;
                }
                end => return (landings, end),
            }
        }
    }

    #[test]
    fn the_speculative_scan_equals_one_walk_on_hostile_quoting() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut below = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for case in 0..400 {
            // Fields quoted and not, with line breaks, separators, doubled quotes and stray
            // quotes inside; CRLF and LF; now and then a quote that does not close.
            let mut text = String::new();
            for _ in 0..below(60) + 1 {
                for field in 0..below(5) + 1 {
                    if field > 0 {
                        text.push(';');
                    }
                    text.push_str(match below(12) {
                        0 => "\"fin;\nkommentar\"",
                        1 => "\"sagde \"\"hej\"\"\r\n\n\"",
                        2 => "tommer 5\"",
                        3 => "\"\"",
                        4 if case % 5 == 0 => "\"åben",
                        5 => "\"Køge\"",
                        6 => "\"a\nb\nc\"",
                        _ => "4",
                    });
                }
                text.push_str(if below(3) == 0 { "\r\n" } else { "\n" });
            }
            let bytes = text.as_bytes();
            let (landings, end) = walked_in_one_go(bytes, b';');
            for parts in [1, 2, 3, 5, 8, 13, 40] {
                let scan = scan_quotes(&text, b';', parts);
                let unclosed = match end {
                    Walk::Unclosed(quote) => Some(place_of(bytes, quote, b';')),
                    _ => None,
                };
                assert_eq!(scan.unclosed, unclosed, "case {case}, {parts} parts: {text:?}");
                // The cut for each even share: the first landing at or past it, once.
                let mut cuts: Vec<usize> = Vec::new();
                for k in 1..parts {
                    let share = bytes.len() * k / parts;
                    if let Some(&landing) = landings.iter().find(|&&l| l >= share)
                        && cuts.last() != Some(&landing)
                    {
                        cuts.push(landing);
                    }
                }
                if unclosed.is_none() {
                    assert_eq!(scan.cuts, cuts, "case {case}, {parts} parts: {text:?}");
                }
            }
        }
    }

    #[test]
    fn unclosed_quote_is_located() {
        assert_eq!(
            find_unclosed_quote("a;b\n1;\"ok\"\n2;\"open\n3;4\n", b';'),
            Some((3, 2))
        );
        assert_eq!(find_unclosed_quote("a;b\n1;tommer 5\"\n", b';'), None);
        assert_eq!(find_unclosed_quote("a;b\n1;\"say \"\"hi\"\"\"\n", b';'), None);
        // An even number of quotes: a later field's quote closes the open one, and the rows
        // between would be one comment.
        let swallowing = "a;b\n1;\"open\n2;x\n3;y\n4;\"fine\n";
        assert_eq!(swallowing.matches('"').count() % 2, 0);
        assert_eq!(find_unclosed_quote(swallowing, b';'), Some((2, 2)));
        // Old Mac line ends count as lines.
        assert_eq!(find_unclosed_quote("a;b\r1;2\r3;\"open\r", b';'), Some((3, 2)));
    }

    #[test]
    fn binary_files_are_told_apart_from_text() {
        assert!(looks_binary("PK\u{3}\u{4}\0\0\u{8}\0"));
        assert!(!looks_binary("Kommune;Rul\r\nKøge;Rul 1\r\n"));
    }
}
