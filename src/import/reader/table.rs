//! A file's records as one `Table` (text or a workbook's sheet), walked by visitors: the head
//! (header rows and preview), the profile of every value, the rows.

use super::super::lines::split_at_line_ends;
use super::super::profile::{ColumnProfile, Watch};
use super::super::rows::{Fields, LineCounter, RowReader, SplitLine, repeats_header, total_row};
use super::super::xlsx::{BLOCK_ROWS, SheetRows};
use super::super::{FileBytes, FileReport, Problem};
use super::parallel::{read_chunks, threads_for};
use csv::StringRecord;

pub(super) const PREVIEW_ROWS: usize = 10;

/// A file's records: text (any separator, quoted or not) or a workbook's sheet.
pub(super) enum Table<'t> {
    Text {
        text: &'t str,
        separator: u8,
        chunking: Chunking,
        /// The file's bytes when the text is them (UTF-8): what a part's memory is given back
        /// to once its rows are read.
        file: Option<&'t FileBytes>,
    },
    Sheet {
        rows: &'t SheetRows,
        name: String,
    },
}

/// How a text may be cut into parts read on several threads.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Chunking {
    /// No quote: every line is a record, cut at any line end.
    Lines,
    /// Quotes: cut only at these line ends (byte offsets into the text), found outside any
    /// quoted field by one pass over the quotes.
    AtCuts(Vec<usize>),
    /// One csv reader from start to end (old Mac line ends, or the head of a file).
    Whole,
}

/// The data of a table cut into parts that each start with a record: the parts, the lines
/// before the first (the header), and whether the parts hold quotes.
pub(super) struct DataChunks<'t> {
    pub chunks: Vec<Piece<'t>>,
    pub separator: u8,
    /// Where a part's memory goes back to once read, see [`FileBytes::let_go_of`].
    pub file: Option<&'t FileBytes>,
    pub header_lines: u64,
    pub quoted: bool,
    pub threads: usize,
}

/// A part of a table's data: lines of a text, or rows of a sheet.
#[derive(Clone)]
pub(super) enum Piece<'t> {
    Text(&'t str),
    Rows(&'t SheetRows, std::ops::Range<usize>),
}

impl Piece<'_> {
    /// The piece's lines (its line ends; a sheet's rows).
    pub(super) fn lines(&self) -> u64 {
        match self {
            Piece::Text(text) => memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64,
            Piece::Rows(_, rows) => rows.len() as u64,
        }
    }

    /// About how many records the piece holds, given a text's bytes per line.
    pub(super) fn records(&self, bytes_per_line: usize) -> usize {
        match self {
            Piece::Text(text) => text.len() / bytes_per_line.max(1),
            Piece::Rows(_, rows) => rows.len(),
        }
    }

    /// The piece has been read for the last time: its memory goes back (see
    /// [`FileBytes::let_go_of`] and [`SheetRows::let_go_of`]).
    pub(super) fn let_go(&self, file: Option<&FileBytes>) {
        match self {
            Piece::Text(text) => {
                if let Some(file) = file {
                    file.let_go_of(text.as_bytes());
                }
            }
            Piece::Rows(sheet, rows) => sheet.let_go_of(rows.clone()),
        }
    }
}

/// Something done with each record of a table: its index among the records (blank ones
/// included), the line (or sheet row) it starts on, its fields. False stops the walk.
pub(super) trait Visit {
    fn visit<F: Fields>(&mut self, index: usize, line: u64, record: &F) -> bool;
}

impl<'t> Table<'t> {
    /// Visits every record; a record the csv reader cannot read ends the walk with its
    /// line and why.
    pub(super) fn walk(&self, visitor: &mut impl Visit) -> Result<(), (u64, String)> {
        match self {
            Table::Text {
                text,
                separator,
                chunking: Chunking::Lines,
                ..
            } => {
                let (mut index, mut going) = (0, true);
                super::super::lines::for_each_line(text, *separator, |fields| {
                    going = going && visitor.visit(index, index as u64 + 1, &SplitLine { fields });
                    index += 1;
                });
                Ok(())
            }
            Table::Text { text, separator, .. } => {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(*separator)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(text.as_bytes());
                let mut lines = LineCounter::new(text);
                let mut record = StringRecord::new();
                let mut index = 0;
                loop {
                    match reader.read_record(&mut record) {
                        Ok(true) => {
                            let line = lines.line_at(record.position().map_or(0, |p| p.byte()));
                            if !visitor.visit(index, line, &record) {
                                return Ok(());
                            }
                            index += 1;
                        }
                        Ok(false) => return Ok(()),
                        Err(error) => {
                            let line = error.position().map_or(0, |p| p.line());
                            return Err((line, error.to_string()));
                        }
                    }
                }
            }
            Table::Sheet { rows, .. } => {
                let mut fields = Vec::new();
                for index in 0..rows.len() {
                    rows.row_into(index, &mut fields);
                    if !visitor.visit(index, index as u64 + 1, &fields) {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    /// The same records, read by the csv reader where this table would split lines: it can
    /// stop after the first rows (the head), the line splitter cannot.
    pub(super) fn without_line_splitting(&self) -> Table<'t> {
        match self {
            Table::Text {
                text, separator, file, ..
            } => Table::Text {
                text,
                separator: *separator,
                chunking: Chunking::Whole,
                file: *file,
            },
            Table::Sheet { rows, name } => Table::Sheet {
                rows,
                name: name.clone(),
            },
        }
    }

    /// The data after the header lines in parts for threads: a sheet's always, a text's when it
    /// may be cut (see [`Chunking`]).
    pub(super) fn data_chunks(&self, first_line: u64, parts_per_thread: usize) -> Option<DataChunks<'t>> {
        let (text, separator, chunking, file) = match self {
            Table::Text {
                text,
                separator,
                chunking,
                file,
            } => (text, *separator, chunking, file),
            Table::Sheet { rows, .. } => return Some(sheet_chunks(rows, first_line, parts_per_thread)),
        };
        let header_lines = first_line.saturating_sub(1);
        let data = skip_lines(text, header_lines);
        let threads = threads_for(data.len());
        let parts = if threads > 1 { threads * parts_per_thread } else { 1 };
        let chunks = match chunking {
            Chunking::Whole => return None,
            Chunking::Lines => split_at_line_ends(data.as_bytes(), parts)
                .into_iter()
                .filter_map(|range| data.get(range))
                .map(Piece::Text)
                .collect(),
            Chunking::AtCuts(cuts) => {
                let offset = text.len() - data.len();
                let mut chunks = Vec::new();
                let mut start = 0;
                for cut in cuts.iter().filter(|c| **c > offset).map(|c| c - offset) {
                    chunks.extend(data.get(start..cut).map(Piece::Text));
                    start = cut;
                }
                chunks.extend(data.get(start..).map(Piece::Text));
                chunks
            }
        };
        Some(DataChunks {
            chunks,
            separator,
            file: *file,
            header_lines,
            quoted: matches!(chunking, Chunking::AtCuts(_)),
            threads,
        })
    }

    pub(super) fn sheet(&self) -> Option<&str> {
        match self {
            Table::Sheet { name, .. } => Some(name),
            Table::Text { .. } => None,
        }
    }

    pub(super) fn separator(&self) -> Option<u8> {
        match self {
            Table::Sheet { .. } => None,
            Table::Text { separator, .. } => Some(*separator),
        }
    }
}

pub(super) fn is_blank(record: &impl Fields) -> bool {
    (0..record.count()).all(|i| record.get(i).is_empty())
}

/// The header rows and the first data rows, read before anything is decided.
#[derive(Default)]
pub(super) struct Head {
    /// Non-blank records: (index, line, fields), up to the preview's length past the headers.
    pub(super) records: Vec<(usize, u64, Vec<String>)>,
    /// The line and column of a field past [`MAX_FIELD_BYTES`].
    pub(super) too_long: Option<(u64, usize)>,
}

impl Head {
    /// Title lines above the header, as a user adds in Excel ("Eksport af svar 19-08-2024" in
    /// A1, "Antal svar:" and 150 below it, even a small table of two columns): up to ten lines
    /// of one or two filled fields before a line of three or more. A file of one or two
    /// columns is no title over its data.
    pub(super) fn title_rows(&self) -> usize {
        let filled = |fields: &Vec<String>| fields.iter().filter(|f| !f.trim().is_empty()).count();
        let titles = self
            .records
            .iter()
            .take(10)
            .take_while(|(_, _, fields)| filled(fields) <= 2)
            .count();
        let header_follows = self
            .records
            .get(titles)
            .is_some_and(|(_, _, fields)| filled(fields) >= 3);
        if header_follows { titles } else { 0 }
    }
}

/// No survey's row (its answers, comments, header) is this long; a file that has one is no
/// export (and reading it on would take memory without bound).
pub(super) const MAX_FIELD_BYTES: usize = 1 << 20;
pub(super) const MAX_COLUMNS: usize = 10_000;

/// The column at which a record's fields together pass [`MAX_FIELD_BYTES`]: one huge field, or
/// a line of many small ones.
fn too_long_field(record: &impl Fields) -> Option<usize> {
    let mut total = 0usize;
    (0..record.count()).find(|&i| {
        total += record.get(i).len() + 1;
        total > MAX_FIELD_BYTES
    })
}

impl Visit for Head {
    fn visit<F: Fields>(&mut self, index: usize, line: u64, record: &F) -> bool {
        if let Some(column) = too_long_field(record) {
            self.too_long = Some((line, column));
            return false;
        }
        if !is_blank(record) {
            self.records.push((
                index,
                line,
                (0..record.count()).map(|i| record.get(i).to_string()).collect(),
            ));
        }
        self.records.len() < PREVIEW_ROWS + 2
    }
}

/// Every value of every column, after the header rows (up to `last_line`, when a sample is
/// enough).
pub(super) struct Profiler {
    /// The line the data starts on (after the header rows).
    first_line: u64,
    pub(super) profiles: Vec<ColumnProfile>,
    pub(super) too_long: Option<(u64, usize)>,
    last_line: u64,
    /// A row repeating these (two exports pasted together) is not weighed.
    headers: Vec<String>,
}

impl Profiler {
    pub(super) fn watching(watches: &[Watch], headers: &[String]) -> Profiler {
        Profiler {
            first_line: 0,
            profiles: watches.iter().map(|watch| ColumnProfile::watching(*watch)).collect(),
            too_long: None,
            last_line: u64::MAX,
            headers: headers.to_vec(),
        }
    }
}

impl Visit for Profiler {
    fn visit<F: Fields>(&mut self, _index: usize, line: u64, record: &F) -> bool {
        if let Some(column) = too_long_field(record) {
            self.too_long = self.too_long.or(Some((line, column)));
            return false;
        }
        // A table's total row and a repeated header are not read as answers
        // (`RowReader::read`): nor are they weighed.
        let not_answers = || total_row(record).is_some() || repeats_header(record, &self.headers);
        if line >= self.first_line && !not_answers() {
            for (i, profile) in self.profiles.iter_mut().enumerate() {
                profile.add(record.get(i));
            }
        }
        line < self.last_line
    }
}

/// The rows, read into the data set.
pub(super) struct Rows<'r, 's> {
    pub(super) first_line: u64,
    pub(super) reader: RowReader<'r>,
    pub(super) report: &'s mut FileReport,
    pub(super) problems: &'s mut Vec<Problem>,
}

impl Visit for Rows<'_, '_> {
    fn visit<F: Fields>(&mut self, _index: usize, line: u64, record: &F) -> bool {
        if line >= self.first_line && !is_blank(record) {
            self.reader.read(record, line, self.report, self.problems);
        }
        true
    }
}

/// A sheet's rows after the header in parts for threads, each part whole blocks of the sheet's
/// store (so that each block is let go of by the one thread that read it last).
fn sheet_chunks<'t>(rows: &'t SheetRows, first_line: u64, parts_per_thread: usize) -> DataChunks<'t> {
    let header_lines = first_line.saturating_sub(1);
    let first = usize::try_from(header_lines).unwrap_or(usize::MAX).min(rows.len());
    // About eight bytes a cell, to weigh a sheet as a text of its size would be weighed.
    let threads = threads_for((rows.len() - first).saturating_mul(rows.width()).saturating_mul(8));
    // Parts of at most 16 blocks even on one thread: each is let go of once read.
    let parts = (threads * parts_per_thread).max((rows.len() - first).div_ceil(16 * BLOCK_ROWS));
    let mut chunks = Vec::new();
    let mut start = first;
    for k in 1..=parts {
        let share = first + (rows.len() - first) * k / parts;
        let end = if k == parts {
            rows.len()
        } else {
            share.next_multiple_of(BLOCK_ROWS).min(rows.len())
        };
        if end > start {
            chunks.push(Piece::Rows(rows, start..end));
            start = end;
        }
    }
    DataChunks {
        chunks,
        separator: 0,
        file: None,
        header_lines,
        quoted: false,
        threads,
    }
}

/// Every column's profile; a plain text's lines in parallel chunks, as its rows are read.
/// Why the profile could not be made: the csv reader's error, or a field past the limit.
pub(super) enum ProfileError {
    Unreadable((u64, String)),
    TooLong((u64, usize)),
}

impl From<(u64, String)> for ProfileError {
    fn from(error: (u64, String)) -> Self {
        ProfileError::Unreadable(error)
    }
}

pub(super) fn profile_columns(
    table: &Table,
    first_line: u64,
    watches: &[Watch],
    headers: &[String],
) -> Result<Vec<ColumnProfile>, ProfileError> {
    let empty = || Profiler::watching(watches, headers);
    let Some(data) = table.data_chunks(first_line, 1) else {
        let mut profiler = Profiler { first_line, ..empty() };
        table.walk(&mut profiler)?;
        return match profiler.too_long {
            Some(place) => Err(ProfileError::TooLong(place)),
            None => Ok(profiler.profiles),
        };
    };
    let parts = read_chunks(&data.chunks, data.threads, |chunk| {
        let mut profiler = empty();
        let walked = data.walk(chunk, &mut profiler);
        (profiler, walked)
    });
    let mut profiles: Vec<ColumnProfile> = watches.iter().map(|watch| ColumnProfile::watching(*watch)).collect();
    let mut lines_before = data.header_lines;
    for (part, walked) in parts {
        let lines = walked.map_err(|(line, reason)| ProfileError::Unreadable((line + lines_before, reason)))?;
        if let Some((line, column)) = part.too_long {
            return Err(ProfileError::TooLong((line + lines_before, column)));
        }
        for (profile, later) in profiles.iter_mut().zip(part.profiles) {
            profile.merge(later);
        }
        lines_before += lines;
    }
    Ok(profiles)
}

/// The profile of the first `rows` lines of data: enough to guess the roles of a big file
/// before its one pass (the guess is checked against the whole file's profile).
pub(super) fn sample_profile(
    table: &Table,
    first_line: u64,
    watches: &[Watch],
    headers: &[String],
    rows: u64,
) -> Option<Vec<ColumnProfile>> {
    let mut profiler = Profiler {
        first_line,
        last_line: first_line.saturating_add(rows),
        ..Profiler::watching(watches, headers)
    };
    table.without_line_splitting().walk(&mut profiler).ok()?;
    profiler.too_long.is_none().then_some(profiler.profiles)
}

impl DataChunks<'_> {
    /// Visits the records of one of these parts, numbering its lines from 1; the number of
    /// its lines, to number the next part's lines on.
    pub(super) fn walk(&self, piece: &Piece, visitor: &mut impl Visit) -> Result<u64, (u64, String)> {
        match piece {
            Piece::Rows(sheet, rows) => {
                let mut fields = Vec::new();
                for (index, row) in rows.clone().enumerate() {
                    sheet.row_into(row, &mut fields);
                    visitor.visit(index, index as u64 + 1, &fields);
                }
            }
            Piece::Text(text) if self.quoted => {
                // The quote scan passed: each field's quoting is whole, and the part starts
                // and ends between records.
                let mut index = 0;
                super::super::quoted::for_each_record(text, self.separator, |record, line| {
                    visitor.visit(index, line, record);
                    index += 1;
                    true
                });
            }
            Piece::Text(text) => {
                let mut index = 0;
                super::super::lines::for_each_line(text, self.separator, |fields| {
                    visitor.visit(index, index as u64 + 1, &SplitLine { fields });
                    index += 1;
                });
            }
        }
        Ok(piece.lines())
    }
}

/// The text after its first `lines` lines.
pub(super) fn skip_lines(text: &str, lines: u64) -> &str {
    let mut rest = text;
    for _ in 0..lines {
        rest = rest.find('\n').and_then(|end| rest.get(end + 1..)).unwrap_or("");
    }
    rest
}
