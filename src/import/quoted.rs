//! The records of a quoted text (Google Forms, LimeSurvey: every field in quotes) split in place,
//! as the csv crate splits them, without copying a field that holds no doubled quote and
//! without checking the text's UTF-8 again. The csv crate's record reader, its UTF-8 check
//! and counting each record's line again were a fifth of reading such a file.

use std::ops::Range;

use super::lines::trim;
use super::rows::Fields;

/// Where a field's text is: in the file, or (a field with doubled quotes, or text after its
/// closing quote) in the record's own buffer.
#[derive(Clone)]
enum Place {
    File(Range<usize>),
    Own(Range<usize>),
}

/// One record's fields, as [`for_each_record`] gives them.
pub(super) struct QuotedFields<'a> {
    text: &'a str,
    places: Vec<Place>,
    own: String,
    /// A quoted field holds a line break.
    spans_lines: bool,
}

impl Fields for QuotedFields<'_> {
    fn count(&self) -> usize {
        self.places.len()
    }

    fn get(&self, index: usize) -> &str {
        let text = match self.places.get(index) {
            Some(Place::File(range)) => self.text.get(range.clone()),
            Some(Place::Own(range)) => self.own.get(range.clone()),
            None => None,
        };
        trim(text.unwrap_or(""))
    }

    fn has_line_break(&self) -> bool {
        self.spans_lines
    }
}

/// Calls `on_record` with each record of `text` and the line it starts on (1-based, counting
/// '\n'), as the csv crate reads them: a field that starts with a quote runs to the quote that
/// closes it ("" is a quote inside), anything after that quote up to the separator belongs to
/// the field, a quote elsewhere is a character; '\n', '\r' and "\r\n" end a record outside
/// quotes, and empty lines are no records. `on_record` returns false to stop. Fields are short
/// (a digit, a name): each is walked byte by byte, which beats a search call per field.
pub(super) fn for_each_record(text: &str, separator: u8, mut on_record: impl FnMut(&QuotedFields, u64) -> bool) {
    let bytes = text.as_bytes();
    let mut record = QuotedFields {
        text,
        places: Vec::with_capacity(32),
        own: String::new(),
        spans_lines: false,
    };
    let (mut at, mut line) = (0usize, 1u64);
    let field_end = |from: usize| {
        bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == separator || b == b'\n' || b == b'\r'))
            .map_or(bytes.len(), |offset| from + offset)
    };
    loop {
        while let Some(&b) = bytes.get(at).filter(|&&b| b == b'\n' || b == b'\r') {
            line += u64::from(b == b'\n');
            at += 1;
        }
        if at >= bytes.len() {
            return;
        }
        let record_line = line;
        record.places.clear();
        record.own.clear();
        record.spans_lines = false;
        loop {
            let (place, end) = if bytes.get(at) == Some(&b'"') {
                let (place, end, breaks) = quoted_field(text, at, &mut record, field_end);
                line += breaks;
                record.spans_lines |= breaks > 0;
                (place, end)
            } else {
                let end = field_end(at);
                (Place::File(at..end), end)
            };
            record.places.push(place);
            at = end;
            if bytes.get(at) == Some(&separator) {
                at += 1;
                continue;
            }
            break;
        }
        if !on_record(&record, record_line) {
            return;
        }
    }
}

/// The field whose opening quote is at `quote`: its place, the byte after it (a separator, a
/// line end or the end of the text), and the line breaks inside its quotes. `field_end` finds
/// where a bare field that starts at a byte ends.
fn quoted_field(
    text: &str,
    quote: usize,
    record: &mut QuotedFields,
    field_end: impl Fn(usize) -> usize,
) -> (Place, usize, u64) {
    let bytes = text.as_bytes();
    let start = quote + 1;
    let (mut at, mut doubled, mut breaks) = (start, false, 0u64);
    // The closing quote: the first quote not followed by another (a pair is a quote inside).
    let close = loop {
        match bytes.get(at) {
            Some(b'"') if bytes.get(at + 1) == Some(&b'"') => {
                doubled = true;
                at += 2;
            }
            Some(b'"') => break Some(at),
            Some(&b) => {
                breaks += u64::from(b == b'\n');
                at += 1;
            }
            None => break None,
        }
    };
    let inside_end = close.unwrap_or(bytes.len());
    // After the closing quote the field ends at a separator or a line end; text before one (a
    // file the quote scan would not pass) belongs to the field, as the csv crate reads it.
    let after = close.map_or(bytes.len(), |close| close + 1);
    let end = field_end(after);
    if !doubled && end == after {
        return (Place::File(start..inside_end), end, breaks);
    }
    let inside = text.get(start..inside_end).unwrap_or("");
    let own_start = record.own.len();
    record.own.push_str(&inside.replace("\"\"", "\""));
    record.own.push_str(text.get(after..end).unwrap_or(""));
    (Place::Own(own_start..record.own.len()), end, breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each record's fields (trimmed) and line, as the csv crate and its line count give them.
    fn by_csv(text: &str) -> Vec<(Vec<String>, u64)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut lines = super::super::rows::LineCounter::new(text);
        let mut records = Vec::new();
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).unwrap() {
            let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
            records.push((
                (0..record.len()).map(|i| Fields::get(&record, i).to_string()).collect(),
                line,
            ));
        }
        records
    }

    fn by_splitter(text: &str) -> Vec<(Vec<String>, u64)> {
        let mut records = Vec::new();
        for_each_record(text, b';', |record, line| {
            records.push(((0..record.count()).map(|i| record.get(i).to_string()).collect(), line));
            true
        });
        records
    }

    #[test]
    fn records_and_lines_are_the_csv_readers_on_hostile_quoting() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut below = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for case in 0..2000 {
            // Quoted and bare fields with separators, line breaks, doubled and stray quotes,
            // text after a closing quote, blank lines, CRLF, LF and a lone CR, a quote left open.
            let mut text = String::new();
            for _ in 0..below(30) + 1 {
                for field in 0..below(5) + 1 {
                    if field > 0 {
                        text.push(';');
                    }
                    text.push_str(match below(16) {
                        0 => "\"fin;\nkommentar\"",
                        1 => "\"sagde \"\"hej\"\"\r\n\n\"",
                        2 => "tommer 5\"",
                        3 => "\"\"",
                        4 if case % 7 == 0 => "\"åben",
                        5 => "\"Køge\"",
                        6 => "\"a\nb\nc\"",
                        7 => "\"ab\"cd",
                        8 => " \"4\" ",
                        9 => "\"\"\"\"",
                        10 => "",
                        11 => "\" Ved ikke \"",
                        _ => "4",
                    });
                }
                text.push_str(match below(8) {
                    0 => "\r\n",
                    1 => "\n\n",
                    2 if case % 3 == 0 => "\r",
                    _ => "\n",
                });
            }
            assert_eq!(by_splitter(&text), by_csv(&text), "case {case}: {text:?}");
        }
    }

    #[test]
    fn a_field_without_doubled_quotes_is_not_copied() {
        let text = "\"Køge\";\"sagde \"\"hej\"\"\";4\n";
        for_each_record(text, b';', |record, _| {
            assert!(matches!(record.places.first(), Some(Place::File(_))));
            assert!(matches!(record.places.get(1), Some(Place::Own(_))));
            assert_eq!(record.get(1), "sagde \"hej\"");
            true
        });
    }
}
