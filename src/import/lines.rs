//! Splitting quote-free text into lines and fields, eight bytes at a time: the inner loop of
//! reading a big export, where a byte-by-byte loop spends most of its time finding nothing.

/// Calls `on_line` with the fields of every line of `text`, each trimmed of spaces, tabs and
/// the '\r' of a CRLF line end. A '\n' ends a line; the last line needs none. Only for text
/// without quotes: every separator splits.
pub(super) fn for_each_line<'a>(text: &'a str, separator: u8, mut on_line: impl FnMut(&[&'a str])) {
    let bytes = text.as_bytes();
    let mut splitter = Splitter {
        text,
        field_start: 0,
        fields: Vec::with_capacity(32),
    };
    let separators = u64::from_ne_bytes([separator; 8]);
    let newlines = u64::from_ne_bytes([b'\n'; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut word_start = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let line_ends = zero_bytes(word ^ newlines);
        let mut cuts = zero_bytes(word ^ separators) | line_ends;
        while cuts != 0 {
            let bit = cuts.trailing_zeros();
            cuts &= cuts - 1;
            splitter.cut(word_start + bit as usize / 8);
            if line_ends & (1 << bit) != 0 {
                splitter.end_line(&mut on_line);
            }
        }
        word_start += 8;
    }
    for (offset, &byte) in words.remainder().iter().enumerate() {
        if byte == separator || byte == b'\n' {
            splitter.cut(word_start + offset);
            if byte == b'\n' {
                splitter.end_line(&mut on_line);
            }
        }
    }
    if splitter.field_start < bytes.len() || !splitter.fields.is_empty() {
        splitter.cut(bytes.len());
        splitter.end_line(&mut on_line);
    }
}

/// Up to `parts` consecutive ranges of `bytes` of about equal length, each ending right after
/// a '\n' (or at the end). A '\n' is never part of a longer UTF-8 character, so the cuts fall
/// between characters, and in quote-free text between records.
pub(super) fn split_at_line_ends(bytes: &[u8], parts: usize) -> Vec<std::ops::Range<usize>> {
    split_with(bytes.len(), parts, |target| {
        bytes
            .get(target..)
            .and_then(|tail| memchr::memchr(b'\n', tail))
            .map(|offset| target + offset + 1)
    })
}

/// Up to `parts` consecutive ranges of `0..len` of about equal length. `end_of_line_from(at)`
/// gives where the line running at `at` ends (just past its line end), None when it runs to
/// the end; each range but the last ends there, so every encoding cuts between its lines.
pub(super) fn split_with(
    len: usize,
    parts: usize,
    end_of_line_from: impl Fn(usize) -> Option<usize>,
) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::with_capacity(parts);
    let mut start = 0;
    for remaining in (1..=parts).rev() {
        let rest = len - start;
        if rest == 0 {
            break;
        }
        let end = match end_of_line_from(start + rest / remaining) {
            Some(end) if remaining > 1 => end.min(len),
            _ => len,
        };
        ranges.push(start..end);
        start = end;
    }
    ranges
}

/// The high bit of every byte of `word` that is zero, and no other bit. (The classic
/// "has a zero byte" test without its false positives: no carry crosses a byte.)
fn zero_bytes(word: u64) -> u64 {
    const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((word & LOW_SEVEN).wrapping_add(LOW_SEVEN)) | word | LOW_SEVEN)
}

struct Splitter<'a> {
    text: &'a str,
    field_start: usize,
    fields: Vec<&'a str>,
}

impl<'a> Splitter<'a> {
    /// A field ends at `at` (a separator, a '\n' or the end of the text). Both are ASCII, so
    /// every cut falls on a character boundary. Called for every field: kept small and inline
    /// (the line's handler, which is big, is called once per line, from `end_line`).
    #[inline(always)]
    fn cut(&mut self, at: usize) {
        self.fields
            .push(trim(self.text.get(self.field_start..at).unwrap_or("")));
        self.field_start = at + 1;
    }

    fn end_line(&mut self, on_line: &mut impl FnMut(&[&'a str])) {
        on_line(&self.fields);
        self.fields.clear();
    }
}

/// Trims spaces, tabs and the '\r' of a CRLF line end; the quick check first, since almost
/// every field has nothing to trim.
#[inline]
pub(super) fn trim(field: &str) -> &str {
    match (field.as_bytes().first(), field.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, separator: u8) -> Vec<Vec<String>> {
        let mut lines = Vec::new();
        for_each_line(text, separator, |fields| {
            lines.push(fields.iter().map(|f| f.to_string()).collect())
        });
        lines
    }

    #[test]
    fn fields_and_lines_as_a_byte_by_byte_split_gives_them() {
        // Lines shorter and longer than a word, separators and line ends on every byte of a
        // word, Danish letters beside separators, CRLF and LF, blank lines, no final newline.
        let text = "Kommune;Rul;Svar\r\nKøge;Rul 2; 4 \r\n\r\n;;\nÆrø;Rul 1;Ved ikke\nå;b;c\n1;2;3\nHøje-Taastrup Kommune;Rul 3;Meget tilfreds";
        let expected: Vec<Vec<String>> = text
            .split('\n')
            .map(|line| line.split(';').map(|f| f.trim().to_string()).collect())
            .collect();
        assert_eq!(lines(text, b';'), expected);
        for cut in 0..text.len() {
            let Some(head) = text.get(..cut) else { continue };
            let expected: Vec<Vec<String>> = head
                .split('\n')
                .map(|line| line.split(';').map(|f| f.trim().to_string()).collect())
                .collect();
            let mut expected = expected;
            // A text ending in '\n' has no empty line after it.
            if head.ends_with('\n') || head.is_empty() {
                expected.pop();
            }
            assert_eq!(lines(head, b';'), expected, "{head:?}");
        }
    }

    #[test]
    fn only_the_separator_and_newline_cut() {
        assert_eq!(lines("a\tb,c|d\n", b'\t'), [["a", "b,c|d"]]);
        assert_eq!(lines("a|b|c", b'|'), [["a", "b", "c"]]);
        // Bytes that differ from the separator in one bit, and bytes above 0x7f.
        assert_eq!(lines(":;:\u{bb}; \u{3b3}", b';'), [[":", ":\u{bb}", "\u{3b3}"]]);
    }
}
