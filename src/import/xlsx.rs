//! Reading XLSX workbooks: bytes → sheet names → rows of text, each cell with its position.
//!
//! calamine parses the workbook. A sheet is streamed cell by cell into a compact store (per
//! non-empty cell a column number, a one-byte kind and an eight-byte payload; all text in one
//! buffer, each shared string once) and a row becomes text only when [`SheetRows::row_into`] asks
//! for it, so a sheet of 330,000 rows never exists as millions of `String`s.
//!
//! Cell → text:
//! - text as it is (not trimmed);
//! - numbers: integers without decimals ("4"), others in the shortest form that reads back to the
//!   same number, with '.' and never an exponent ("3.5", "0.1", "0.0000001");
//! - cells whose number format is a date or time (calamine decides that from the format): the
//!   serial number in the workbook's date system (1900 or 1904) as "YYYY-MM-DD HH:MM:SS",
//!   "YYYY-MM-DD" at midnight, "HH:MM:SS" below 1 (a time of day), rounded to the second; a
//!   duration format ("[h]:mm:ss") gives total hours, "36:00:00"; a serial outside Excel's dates
//!   (negative, after 9999) is written as a number;
//! - booleans "TRUE"/"FALSE"; error cells as Excel shows them ("#N/A", "#DIV/0!", also errors
//!   calamine does not know, such as "#SPILL!");
//! - formulas: the value Excel cached when it last saved the file (a file whose formulas were never
//!   calculated has none, and its cells read as empty);
//! - empty cells and merged cells other than the top-left one: "".

use std::collections::HashMap;
// Text is built in Strings, whose `write!` cannot fail: the `let _ = write!`s drop nothing.
use std::fmt::Write as _;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, PoisonError};

use calamine::{CellErrorType, DataRef, Reader, SheetType, Xlsx, XlsxError as CalamineError};

/// The number of rows and columns of an Excel sheet.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// An OLE compound file: an old .xls (Excel 97–2003), or an encrypted .xlsx.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// The stream that holds the encrypted package of a password-protected .xlsx, as its UTF-16LE name
/// appears in the OLE directory.
const ENCRYPTED_PACKAGE: &str = "EncryptedPackage";

/// Messages in Danish and English.
const TEXT_EMPTY_FILE: (&str, &str) = ("Filen er tom.", "The file is empty.");
const TEXT_NOT_XLSX: (&str, &str) = (
    "Det er ikke en Excel-projektmappe (.xlsx).",
    "This is not an Excel workbook (.xlsx).",
);
const TEXT_ENCRYPTED: (&str, &str) = (
    "Projektmappen er beskyttet med en adgangskode (filen er krypteret) og kan ikke læses. Åbn den i Excel, \
     fjern adgangskoden (Filer › Oplysninger › Beskyt projektmappe › Krypter med adgangskode), og gem den igen.",
    "The workbook is protected by a password (the file is encrypted), so it cannot be read. Open it in Excel, \
     remove the password (File › Info › Protect Workbook › Encrypt with Password) and save it again.",
);
const TEXT_OLD_XLS: (&str, &str) = (
    "Det er en gammel Excel 97–2003-projektmappe (.xls), som ikke kan læses. Åbn den i Excel, og gem den som \
     Excel-projektmappe (.xlsx).",
    "This is an old Excel 97–2003 workbook (.xls), which cannot be read. Open it in Excel and save it as an \
     Excel Workbook (.xlsx).",
);
const TEXT_OLD_OFFICE: (&str, &str) = (
    "Det er en gammel Office 97–2003-fil, ikke en Excel-projektmappe (.xlsx).",
    "This is an old Office 97–2003 file, not an Excel workbook (.xlsx).",
);
const TEXT_XLSB: (&str, &str) = (
    "Det er en binær Excel-projektmappe (.xlsb), som ikke kan læses. Åbn den i Excel, og gem den som \
     Excel-projektmappe (.xlsx).",
    "This is an Excel binary workbook (.xlsb), which cannot be read. Open it in Excel and save it as an Excel \
     Workbook (.xlsx).",
);
const TEXT_ODS: (&str, &str) = (
    "Det er et OpenDocument-regneark (.ods), som ikke kan læses. Gem det som Excel-projektmappe (.xlsx).",
    "This is an OpenDocument spreadsheet (.ods), which cannot be read. Save it as an Excel Workbook (.xlsx).",
);
const TEXT_OTHER_ZIP: (&str, &str) = (
    "Det er et zip-arkiv, men ikke en Excel-projektmappe (.xlsx): det har ingen xl/workbook.xml.",
    "This is a zip archive, but not an Excel workbook (.xlsx): it holds no xl/workbook.xml.",
);
const TEXT_DAMAGED: (&str, &str) = (
    "Excel-projektmappen er beskadiget eller ufuldstændig",
    "The Excel workbook is damaged or incomplete",
);
const TEXT_INTERNAL: (&str, &str) = (
    "læsningen fejlede i XLSX-læseren (calamine)",
    "reading it failed inside the XLSX reader (calamine)",
);

/// Why a workbook or a sheet cannot be read, for the user, in Danish and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XlsxError {
    pub da: String,
    pub en: String,
}

impl XlsxError {
    fn new((da, en): (&str, &str)) -> XlsxError {
        XlsxError {
            da: da.to_string(),
            en: en.to_string(),
        }
    }

    fn with(self, (da, en): (String, String)) -> XlsxError {
        XlsxError {
            da: format!("{}: {da}.", self.da),
            en: format!("{}: {en}.", self.en),
        }
    }
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl From<XlsxError> for String {
    fn from(error: XlsxError) -> String {
        error.en
    }
}

/// An XLSX workbook read into memory, ready to give its sheets as rows of text.
pub struct Workbook<'a> {
    xlsx: Xlsx<Cursor<&'a [u8]>>,
    /// The workbook asks to be computed when opened (`fullCalcOnLoad`, as xlsxwriter and
    /// other programs write it): a formula's saved 0 is a placeholder, not its value.
    values_unsaved: bool,
}

/// Opens an XLSX (or XLSM) workbook from the file's bytes; they are copied. The error is a
/// sentence for the user: not a workbook, an old .xls, an .xlsb or .ods, password-protected,
/// damaged.
pub fn open(bytes: &[u8]) -> Result<Workbook<'_>, XlsxError> {
    if bytes.is_empty() {
        return Err(XlsxError::new(TEXT_EMPTY_FILE));
    }
    if bytes.starts_with(OLE_MAGIC) {
        // calamine would only tell an encrypted package apart, and its OLE reader can panic on a
        // damaged file: look at the directory names ourselves.
        return Err(XlsxError::new(if is_encrypted_xlsx(bytes) {
            TEXT_ENCRYPTED
        } else if is_ole_xls(bytes) {
            TEXT_OLD_XLS
        } else {
            TEXT_OLD_OFFICE
        }));
    }
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(XlsxError::new(TEXT_NOT_XLSX));
    }
    if let Some(names) = zip_entry_names(bytes) {
        let has = |wanted: &str| names.iter().any(|name| name.eq_ignore_ascii_case(wanted.as_bytes()));
        if !has("xl/workbook.xml") {
            return Err(XlsxError::new(if has("xl/workbook.bin") {
                TEXT_XLSB
            } else if has("content.xml") && has("mimetype") {
                TEXT_ODS
            } else {
                TEXT_OTHER_ZIP
            }));
        }
    }
    // Read in place: a copy of the bytes was the size of the file again at the peak (issue 12).
    let cursor = Cursor::new(bytes);
    match catch_unwind(AssertUnwindSafe(|| Xlsx::new(cursor))) {
        Ok(Ok(xlsx)) => Ok(Workbook {
            xlsx,
            values_unsaved: computed_on_load(bytes),
        }),
        Ok(Err(CalamineError::Password)) => Err(XlsxError::new(TEXT_ENCRYPTED)),
        Ok(Err(error)) => Err(XlsxError::new(TEXT_DAMAGED).with(calamine_error_text(&error))),
        Err(_) => Err(XlsxError::new(TEXT_DAMAGED).with((TEXT_INTERNAL.0.into(), TEXT_INTERNAL.1.into()))),
    }
}

/// A formula's saved value that is none: empty, or the 0 (or "") a program that leaves the
/// computing to Excel saves beside every formula.
fn uncomputed(value: &DataRef, values_unsaved: bool) -> bool {
    match value {
        DataRef::Empty => true,
        DataRef::Float(v) => values_unsaved && *v == 0.0,
        DataRef::Int(v) => values_unsaved && *v == 0,
        DataRef::String(text) => values_unsaved && text.is_empty(),
        DataRef::SharedString(text) => values_unsaved && text.is_empty(),
        _ => false,
    }
}

/// Whether the workbook's calculation settings ask Excel to compute every formula when the
/// file is opened: a program wrote it, and put no values (or zeros) beside its formulas.
fn computed_on_load(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(file) = archive.by_name("xl/workbook.xml") else {
        return false;
    };
    // The settings are near the end of a small part; a workbook.xml past a few MB is no
    // program's.
    let mut text = String::new();
    if file.take(4 << 20).read_to_string(&mut text).is_err() {
        return false;
    }
    text.contains("fullCalcOnLoad=\"1\"") || text.contains("fullCalcOnLoad=\"true\"")
}

/// A cheap sniff: a zip archive (it starts with `PK\x03\x04`) that holds `xl/workbook.xml`.
/// True for .xlsm too; false for .xlsb, .ods, .docx and an old .xls. A damaged zip whose
/// directory cannot be read counts when the name appears anywhere in it, so that [`open`] can say
/// it is damaged.
pub fn is_xlsx(bytes: &[u8]) -> bool {
    const WORKBOOK: &[u8] = b"xl/workbook.xml";
    if !bytes.starts_with(ZIP_MAGIC) {
        return false;
    }
    match zip_entry_names(bytes) {
        Some(names) => names.iter().any(|name| name.eq_ignore_ascii_case(WORKBOOK)),
        None => contains(bytes, WORKBOOK),
    }
}

/// An old Excel workbook (.xls, Excel 5 to 2003): an OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`)
/// with a "Workbook" or "Book" stream, not an encrypted .xlsx. It should be saved as .xlsx;
/// [`open`] says so too.
pub fn is_ole_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_MAGIC)
        && !is_encrypted_xlsx(bytes)
        && (contains(bytes, &utf16le("Workbook")) || contains(bytes, &utf16le("Book")))
}

/// An OLE compound file holding an encrypted package: a password-protected .xlsx (Excel encrypts
/// the whole zip into an OLE file). [`open`] says so too.
pub fn is_encrypted_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_MAGIC) && contains(bytes, &utf16le(ENCRYPTED_PACKAGE))
}

impl Workbook<'_> {
    /// The names of the worksheets, in workbook order; hidden ones too, chart sheets not.
    pub fn sheet_names(&self) -> Vec<String> {
        self.xlsx
            .sheets_metadata()
            .iter()
            .filter(|sheet| sheet.typ == SheetType::WorkSheet)
            .map(|sheet| sheet.name.clone())
            .collect()
    }

    /// Whether a sheet is shown in Excel (not hidden, nor very hidden).
    pub fn is_visible(&self, sheet: &str) -> bool {
        self.xlsx
            .sheets_metadata()
            .iter()
            .any(|s| s.name == sheet && s.visible == calamine::SheetVisible::Visible)
    }

    /// Whether a sheet holds any value, from its first cells only (a sheet is not read whole to
    /// tell). False for a sheet that cannot be read.
    pub fn has_values(&mut self, sheet: &str) -> bool {
        let xlsx = &mut self.xlsx;
        let look = || -> bool {
            let Ok(mut cells) = xlsx.worksheet_cells_reader(sheet) else {
                return false;
            };
            // An empty cell with a style comes before any value in some sheets: a few are passed.
            for _ in 0..1024 {
                match cells.next_cell() {
                    Ok(Some(cell)) if !matches!(cell.get_value(), DataRef::Empty) => return true,
                    Ok(Some(_)) => continue,
                    _ => return false,
                }
            }
            false
        };
        catch_unwind(AssertUnwindSafe(look)).unwrap_or(false)
    }

    /// Whether the workbook counts dates from 1904 (old Mac Excel) instead of 1900. Dates are
    /// converted with it already; this is for messages.
    pub fn uses_1904_dates(&self) -> bool {
        self.xlsx.has_1904_epoch()
    }

    /// The sheet's cells as text rows. Row index in the result = Excel row number − 1 and column
    /// index = Excel column − 1 (so row 0 is Excel row 1 even when the used range starts lower):
    /// rows and columns before the used range are there, empty, so positions stay true.
    pub fn rows(&mut self, sheet: &str) -> Result<SheetRows, XlsxError> {
        let Some(found) = self.xlsx.sheets_metadata().iter().find(|s| s.name == sheet) else {
            return Err(no_sheet(sheet));
        };
        if found.typ != SheetType::WorkSheet {
            return Err(not_a_worksheet(sheet));
        }
        let is_1904 = self.xlsx.has_1904_epoch();
        let values_unsaved = self.values_unsaved;
        let xlsx = &mut self.xlsx;
        match catch_unwind(AssertUnwindSafe(|| read_sheet(xlsx, sheet, is_1904, values_unsaved))) {
            Ok(result) => result,
            Err(_) => Err(XlsxError {
                da: format!("Arket «{sheet}» kunne ikke læses: {}.", TEXT_INTERNAL.0),
                en: format!("The sheet “{sheet}” could not be read: {}.", TEXT_INTERNAL.1),
            }),
        }
    }
}

/// A sheet's cells, held compactly and turned into text a row at a time. The rows are kept in
/// blocks, so that the last pass over them can give each block's memory back once it is read
/// ([`SheetRows::let_go_of`]): the sheet and the data read from it are then not held whole at
/// the same time. Threads may read (and let go of) different rows at once.
pub struct SheetRows {
    /// Block `b` holds rows `b * BLOCK_ROWS ..`; a block let go of is empty.
    blocks: Vec<Mutex<Block>>,
    rows: usize,
    text: String,
    width: usize,
    is_1904: bool,
    uncomputed: (usize, Option<(u32, u32)>),
    /// Cells merged down a column, read as the region's top value.
    fill_down: super::merged::FillDown,
}

/// Rows per block: a few hundred kilobytes of cells in a survey's sheet.
pub const BLOCK_ROWS: usize = 4096;

/// The cells of some rows.
#[derive(Default)]
struct Block {
    /// The cells of the block's row `r` are `row_starts[r]..row_starts[r + 1]` of the three
    /// columns below, in column order; one entry more than there are rows.
    row_starts: Vec<u32>,
    columns: Vec<u16>,
    kinds: Vec<Kind>,
    /// A number's bits, a boolean, an error's index in [`ERROR_TEXTS`], or a text's place in
    /// `text` (start << 32 | length).
    payloads: Vec<u64>,
}

impl SheetRows {
    /// The number of rows: the Excel row number of the last row with a value (0 for an empty sheet).
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Formulas saved without their value (a file written by a script, never opened in
    /// Excel): how many, and the first one's cell ("D5"). Such a cell reads as its formula.
    pub fn uncomputed(&self) -> Option<(usize, String)> {
        let (count, first) = self.uncomputed;
        first.map(|(row, column)| (count, cell_name(row as usize, column as usize)))
    }

    /// The number of columns: the Excel column number of the last column with a value, the same for
    /// every row.
    /// How many rows hold two values or more: a table's size, not a note's or a list's.
    pub fn table_rows(&self) -> usize {
        let mut fields = Vec::new();
        (0..self.len())
            .filter(|&index| {
                self.row_into(index, &mut fields);
                fields.iter().filter(|f| !f.is_empty()).count() >= 2
            })
            .count()
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Fills `out` with the texts of row `index`: exactly [`width`](Self::width) strings, one per
    /// column, "" for an empty cell (and for every cell of a row past the end, or let go of). The
    /// strings already in `out` are cleared and reused, so a loop over the rows allocates (almost)
    /// nothing.
    pub fn row_into(&self, index: usize, out: &mut Vec<String>) {
        out.truncate(self.width);
        for text in out.iter_mut() {
            text.clear();
        }
        out.resize_with(self.width, String::new);
        let Some(block) = self.blocks.get(index / BLOCK_ROWS) else {
            return;
        };
        // A thread that panicked holding a block left it whole: its cells are still right.
        let block = block.lock().unwrap_or_else(PoisonError::into_inner);
        let row = index % BLOCK_ROWS;
        let Some(&[start, end]) = block.row_starts.get(row..).and_then(|starts| starts.get(..2)) else {
            return;
        };
        let range = start as usize..end as usize;
        let (Some(columns), Some(kinds), Some(payloads)) = (
            block.columns.get(range.clone()),
            block.kinds.get(range.clone()),
            block.payloads.get(range),
        ) else {
            return;
        };
        for ((&column, &kind), &payload) in columns.iter().zip(kinds).zip(payloads) {
            if let Some(slot) = out.get_mut(usize::from(column)) {
                slot.clear();
                self.write_cell(slot, kind, payload);
            }
        }
        drop(block);
        self.fill_down.apply(index, out);
    }

    /// How many regions merged down a column were read as their top value.
    pub fn merged_regions(&self) -> usize {
        self.fill_down.regions()
    }

    /// Gives back the memory of `rows`, read for the last time: they read as empty from now on.
    /// Only the blocks that lie wholly in them.
    pub fn let_go_of(&self, rows: std::ops::Range<usize>) {
        let first = rows.start.div_ceil(BLOCK_ROWS);
        // The last block ends at the last row, however few rows it has.
        let end = if rows.end >= self.rows {
            self.blocks.len()
        } else {
            rows.end / BLOCK_ROWS
        };
        for block in self.blocks.iter().take(end).skip(first) {
            *block.lock().unwrap_or_else(PoisonError::into_inner) = Block::default();
        }
    }

    fn write_cell(&self, out: &mut String, kind: Kind, payload: u64) {
        match kind {
            Kind::Int => push_number(out, payload as i64, 1),
            Kind::Float => write_number(out, f64::from_bits(payload)),
            Kind::Bool => out.push_str(if payload == 0 { "FALSE" } else { "TRUE" }),
            Kind::Error => out.push_str(
                usize::try_from(payload)
                    .ok()
                    .and_then(|i| ERROR_TEXTS.get(i))
                    .map_or("#VALUE!", |t| t),
            ),
            Kind::DateTime => write_datetime(out, f64::from_bits(payload), self.is_1904),
            Kind::Duration => write_duration(out, f64::from_bits(payload)),
            Kind::Text => {
                let start = (payload >> 32) as usize;
                let length = (payload & 0xFFFF_FFFF) as usize;
                // The offsets are the store's own (push_text), always inside `text`; a slice
                // that missed would show an empty cell, never another cell's text.
                out.push_str(self.text.get(start..start + length).unwrap_or_default());
            }
        }
    }
}

/// "A", "B", …, "Z", "AA", … for a 0-based column index.
pub fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index;
    loop {
        letters.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// "C3" for 0-based row 2, column 2: a cell as Excel names it.
pub fn cell_name(row: usize, column: usize) -> String {
    format!("{}{}", column_letter(column), row.saturating_add(1))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Bool,
    Error,
    DateTime,
    Duration,
    Text,
}

/// Excel's error values, as it shows them; the index is a cell's payload.
const ERROR_TEXTS: [&str; 8] = [
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
];

fn error_index(error: &CellErrorType) -> u64 {
    match error {
        CellErrorType::Div0 => 0,
        CellErrorType::NA => 1,
        CellErrorType::Name => 2,
        CellErrorType::Null => 3,
        CellErrorType::Num => 4,
        CellErrorType::Ref => 5,
        CellErrorType::Value => 6,
        CellErrorType::GettingData => 7,
    }
}

fn read_sheet(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    is_1904: bool,
    values_unsaved: bool,
) -> Result<SheetRows, XlsxError> {
    let mut store = Store::new(is_1904);
    // calamine stops at an error value it does not know ("#SPILL!", "#CALC!", …) without saying
    // where; its reader can go on after it. Such cells are found by their place in the XML.
    let mut odd_errors: Vec<(usize, String)> = Vec::new();
    {
        let mut cells = xlsx.worksheet_cells_reader(sheet).map_err(|e| sheet_error(sheet, &e))?;
        // The sheet's own idea of its size, kept within reason: no growing and copying, no slack.
        let declared = cells.dimensions().len();
        store.reserve(usize::try_from(declared).unwrap_or(0).min(1 << 22));
        let mut ordinal = 0usize;
        loop {
            match cells.next_cell_with_formula() {
                // A formula saved without its value (by a script, not by Excel): its text, so
                // that the cell is told where it is read, not taken for an empty answer.
                Ok(Some(cell)) if uncomputed(&cell.value, values_unsaved) && cell.formula.is_some() => {
                    let (row, column) = cell.pos;
                    let formula = cell.formula.unwrap_or_default();
                    store.push_text(row, column, &format!("={formula}"))?;
                    store.uncomputed.0 += 1;
                    store.uncomputed.1.get_or_insert((row, column));
                }
                Ok(Some(cell)) => {
                    let (row, column) = cell.pos;
                    store.push_value(row, column, &cell.value)?;
                }
                Ok(None) => break,
                Err(CalamineError::CellError(text)) => odd_errors.push((ordinal, text)),
                Err(error) => return Err(sheet_error(sheet, &error)),
            }
            ordinal += 1;
        }
    }
    if !odd_errors.is_empty() {
        // A second pass that reads no values, only where each cell is.
        let mut cells = xlsx.worksheet_cells_reader(sheet).map_err(|e| sheet_error(sheet, &e))?;
        let mut pending = odd_errors.iter().peekable();
        let mut ordinal = 0usize;
        while let Some(&(wanted, text)) = pending.peek() {
            match cells.next_formula() {
                Ok(Some(cell)) => {
                    if ordinal == *wanted {
                        let (row, column) = cell.get_position();
                        store.push_text(row, column, text)?;
                        pending.next();
                    }
                    ordinal += 1;
                }
                Ok(None) => break,
                Err(error) => return Err(sheet_error(sheet, &error)),
            }
        }
    }
    let cells = store.columns.len();
    let mut rows = store.finish();
    // The merged regions are in the sheet's part after its cells: calamine reads the whole part
    // again to find them (half the time of a Forms export of a million answers). Sheets laid out
    // by hand, where cells are merged, are smaller than this; an export is not merged. A sheet
    // whose regions cannot be read is read as its cells say.
    const MOST_CELLS_FOR_MERGES: usize = 500_000;
    if cells <= MOST_CELLS_FOR_MERGES
        && let Ok(regions) = xlsx.merge_cells_by_sheet_name(sheet)
    {
        let regions: Vec<(u32, u32, u32)> = regions.iter().map(|d| (d.start.0, d.start.1, d.end.0)).collect();
        let mut top = Vec::new();
        let fill_down = super::merged::FillDown::new(&regions, |row, column| {
            rows.row_into(row as usize, &mut top);
            top.get(column as usize).cloned().unwrap_or_default()
        });
        rows.fill_down = fill_down;
    }
    Ok(rows)
}

fn no_sheet(sheet: &str) -> XlsxError {
    XlsxError {
        da: format!("Projektmappen har intet ark ved navn «{sheet}»."),
        en: format!("The workbook has no sheet named “{sheet}”."),
    }
}

fn not_a_worksheet(sheet: &str) -> XlsxError {
    XlsxError {
        da: format!("Arket «{sheet}» er et diagram- eller makroark, ikke et regneark: det har ingen celler."),
        en: format!("The sheet “{sheet}” is a chart or macro sheet, not a worksheet: it has no cells."),
    }
}

fn sheet_error(sheet: &str, error: &CalamineError) -> XlsxError {
    match error {
        CalamineError::NotAWorksheet(_) => not_a_worksheet(sheet),
        CalamineError::WorksheetNotFound(_) => no_sheet(sheet),
        _ => {
            let (da, en) = calamine_error_text(error);
            XlsxError {
                da: format!("Arket «{sheet}» er beskadiget: {da}."),
                en: format!("The sheet “{sheet}” is damaged: {en}."),
            }
        }
    }
}

fn calamine_error_text(error: &CalamineError) -> (String, String) {
    match error {
        CalamineError::Zip(_) => (
            format!("zip-arkivet kan ikke læses, måske er det afkortet ({error})"),
            format!("its zip archive cannot be read, perhaps it was cut short ({error})"),
        ),
        CalamineError::Xml(_) | CalamineError::XmlEof(_) | CalamineError::XmlAttr(_) => (
            format!("dets XML kan ikke læses, måske er det afkortet ({error})"),
            format!("its XML cannot be read, perhaps it was cut short ({error})"),
        ),
        _ => (error.to_string(), error.to_string()),
    }
}

/// Builds a [`SheetRows`] from cells in any order; they come in row and column order from every
/// writer, and are only sorted when they did not.
struct Store {
    row_starts: Vec<u32>,
    columns: Vec<u16>,
    kinds: Vec<Kind>,
    payloads: Vec<u64>,
    text: String,
    /// Each shared string's place in `text`, by the address of calamine's copy: a text repeated in
    /// a column is kept once.
    shared: HashMap<usize, u64>,
    /// The row of every cell, kept once a cell came out of order.
    rows: Option<Vec<u32>>,
    last: Option<(u32, u32)>,
    width: usize,
    is_1904: bool,
    /// Formulas saved without their value: how many, and the first one's row and column.
    uncomputed: (usize, Option<(u32, u32)>),
}

impl Store {
    fn new(is_1904: bool) -> Store {
        Store {
            row_starts: Vec::new(),
            columns: Vec::new(),
            kinds: Vec::new(),
            payloads: Vec::new(),
            text: String::new(),
            shared: HashMap::new(),
            rows: None,
            last: None,
            width: 0,
            is_1904,
            uncomputed: (0, None),
        }
    }

    fn reserve(&mut self, cells: usize) {
        self.columns.reserve_exact(cells);
        self.kinds.reserve_exact(cells);
        self.payloads.reserve_exact(cells);
    }

    fn push_value(&mut self, row: u32, column: u32, value: &DataRef<'_>) -> Result<(), XlsxError> {
        let (kind, payload) = match value {
            DataRef::Empty => return Ok(()),
            DataRef::Int(v) => (Kind::Int, *v as u64),
            DataRef::Float(v) => (Kind::Float, v.to_bits()),
            DataRef::Bool(v) => (Kind::Bool, u64::from(*v)),
            DataRef::Error(error) => (Kind::Error, error_index(error)),
            DataRef::DateTime(v) if v.is_duration() => (Kind::Duration, v.as_f64().to_bits()),
            // A whole number of days in 1900 under a date format: an answer (1-5) in a column
            // formatted as dates by mistake, not a day of 1900 in a survey of today.
            DataRef::DateTime(v) if is_small_whole_number(v.as_f64()) => (Kind::Int, v.as_f64() as i64 as u64),
            DataRef::DateTime(v) => (Kind::DateTime, v.as_f64().to_bits()),
            DataRef::SharedString(text) => {
                if text.is_empty() {
                    return Ok(());
                }
                let key = text.as_ptr() as usize;
                let payload = match self.shared.get(&key) {
                    Some(&payload) => payload,
                    None => {
                        let payload = self.add_text(text)?;
                        self.shared.insert(key, payload);
                        payload
                    }
                };
                (Kind::Text, payload)
            }
            DataRef::String(text) | DataRef::DurationIso(text) => return self.push_text(row, column, text),
            DataRef::DateTimeIso(text) => {
                let mut normal = String::new();
                write_iso_datetime(&mut normal, text);
                return self.push_text(row, column, &normal);
            }
        };
        self.push(row, column, kind, payload)
    }

    fn push_text(&mut self, row: u32, column: u32, text: &str) -> Result<(), XlsxError> {
        if text.is_empty() {
            return Ok(());
        }
        let payload = self.add_text(text)?;
        self.push(row, column, Kind::Text, payload)
    }

    fn add_text(&mut self, text: &str) -> Result<u64, XlsxError> {
        let start = u32::try_from(self.text.len()).ok();
        let length = u32::try_from(text.len()).ok();
        let (Some(start), Some(length)) = (start, length) else {
            return Err(too_big());
        };
        if start.checked_add(length).is_none() {
            return Err(too_big());
        }
        self.text.push_str(text);
        Ok(u64::from(start) << 32 | u64::from(length))
    }

    fn push(&mut self, row: u32, column: u32, kind: Kind, payload: u64) -> Result<(), XlsxError> {
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            let (row, column) = (u64::from(row) + 1, u64::from(column) + 1);
            return Err(XlsxError {
                da: format!(
                    "En celle ligger uden for et Excel-ark (række {row}, kolonne {column}): filen er beskadiget."
                ),
                en: format!("A cell lies outside an Excel sheet (row {row}, column {column}): the file is damaged."),
            });
        }
        // Below u32::MAX, so that the count after this cell fits too.
        let index = u32::try_from(self.columns.len())
            .ok()
            .filter(|&i| i < u32::MAX)
            .ok_or_else(too_big)?;
        if self.rows.is_none() && self.last.is_some_and(|last| (row, column) <= last) {
            self.rows = Some(self.rows_so_far());
        }
        match &mut self.rows {
            Some(rows) => rows.push(row),
            None => {
                while self.row_starts.len() <= row as usize {
                    self.row_starts.push(index);
                }
                self.last = Some((row, column));
            }
        }
        self.columns.push(column as u16);
        self.kinds.push(kind);
        self.payloads.push(payload);
        self.width = self.width.max(column as usize + 1);
        Ok(())
    }

    /// The row of every cell stored so far (while they were in order).
    fn rows_so_far(&self) -> Vec<u32> {
        let total = self.columns.len() as u32;
        let mut rows = Vec::with_capacity(self.columns.len() + 1);
        let ends = self.row_starts.iter().skip(1).copied().chain(std::iter::once(total));
        for ((row, &start), end) in (0u32..).zip(&self.row_starts).zip(ends) {
            rows.extend(std::iter::repeat_n(row, end.saturating_sub(start) as usize));
        }
        rows
    }

    fn finish(mut self) -> SheetRows {
        if let Some(rows) = self.rows.take() {
            let cells = rows.len().min(self.columns.len());
            let mut order: Vec<usize> = (0..cells).collect();
            // Stable: a cell given twice keeps its later value last, and so it wins.
            order.sort_by_key(|&i| (rows.get(i).copied(), self.columns.get(i).copied()));
            let pick = |i: &usize| {
                (
                    rows.get(*i).copied(),
                    self.columns.get(*i),
                    self.kinds.get(*i),
                    self.payloads.get(*i),
                )
            };
            let mut row_starts = Vec::new();
            let mut columns = Vec::with_capacity(cells);
            let mut kinds = Vec::with_capacity(cells);
            let mut payloads = Vec::with_capacity(cells);
            for (index, i) in order.iter().enumerate() {
                if let (Some(row), Some(&column), Some(&kind), Some(&payload)) = pick(i) {
                    while row_starts.len() <= row as usize {
                        row_starts.push(index as u32);
                    }
                    columns.push(column);
                    kinds.push(kind);
                    payloads.push(payload);
                }
            }
            (self.row_starts, self.columns, self.kinds, self.payloads) = (row_starts, columns, kinds, payloads);
        }
        self.row_starts.push(self.columns.len() as u32);
        let rows = self.row_starts.len() - 1;
        // Cut into blocks from the end, each block's cells moved out and the rest shrunk, so
        // that the cells are held about once, not twice, while they are cut.
        let mut blocks = Vec::with_capacity(rows.div_ceil(BLOCK_ROWS));
        for first in (0..rows).step_by(BLOCK_ROWS).rev() {
            let starts = self.row_starts.split_off(first);
            let cell = starts.first().map_or(0, |&start| start as usize);
            let base = cell as u32;
            let mut block = Block {
                row_starts: starts.iter().map(|start| start - base).collect(),
                columns: self.columns.split_off(cell),
                kinds: self.kinds.split_off(cell),
                payloads: self.payloads.split_off(cell),
            };
            // The block's last entry is where the next block starts: kept for the row before.
            self.row_starts.push(base);
            self.columns.shrink_to_fit();
            self.kinds.shrink_to_fit();
            self.payloads.shrink_to_fit();
            block.row_starts.shrink_to_fit();
            blocks.push(block);
        }
        blocks.reverse();
        self.text.shrink_to_fit();
        SheetRows {
            blocks: blocks.into_iter().map(Mutex::new).collect(),
            rows,
            text: self.text,
            width: self.width,
            is_1904: self.is_1904,
            uncomputed: self.uncomputed,
            fill_down: Default::default(),
        }
    }
}

/// A whole number from 1 to 366: a date serial in 1900, when it is taken for a date.
fn is_small_whole_number(serial: f64) -> bool {
    serial.fract() == 0.0 && (1.0..=366.0).contains(&serial)
}

fn too_big() -> XlsxError {
    XlsxError::new((
        "Arket er for stort til at læse: det har mere end 4 milliarder celler eller 4 GB tekst.",
        "The sheet is too big to read: it holds more than 4 billion cells or 4 GB of text.",
    ))
}

/// A number as text: no exponent, no ".0", the shortest digits that read back as the same number.
fn write_number(out: &mut String, value: f64) {
    if value == 0.0 {
        // Not "-0".
        out.push('0');
    } else {
        let _ = write!(out, "{value}");
    }
}

const SECONDS_PER_DAY: i64 = 86_400;

/// An Excel serial date: days since the epoch, the time of day as the fraction.
fn write_datetime(out: &mut String, serial: f64, is_1904: bool) {
    // 9999-12-31, Excel's last day.
    let last_day = if is_1904 { 2_957_003.0 } else { 2_958_465.0 };
    if !(0.0..last_day + 1.0).contains(&serial) {
        write_number(out, serial);
        return;
    }
    let seconds = (serial * SECONDS_PER_DAY as f64).round() as i64;
    let (days, second_of_day) = (seconds / SECONDS_PER_DAY, seconds % SECONDS_PER_DAY);
    if serial < 1.0 {
        write_clock(out, second_of_day);
        return;
    }
    let (year, month, day) = excel_date(days, is_1904);
    push_number(out, year, 4);
    out.push('-');
    push_number(out, month, 2);
    out.push('-');
    push_number(out, day, 2);
    if second_of_day != 0 {
        out.push(' ');
        write_clock(out, second_of_day);
    }
}

/// The calendar date of an Excel day number. In the 1900 system day 1 is 1900-01-01 and day 60 is
/// 1900-02-29, a day that never was but that Excel keeps (for Lotus 1-2-3); in the 1904 system
/// day 0 is 1904-01-01.
fn excel_date(days: i64, is_1904: bool) -> (i64, i64, i64) {
    // Days from 1970-01-01 to 1904-01-01, 1899-12-31 and 1899-12-30.
    if is_1904 {
        civil_from_days(days - 24_107)
    } else if days == 60 {
        (1900, 2, 29)
    } else if days < 60 {
        civil_from_days(days - 25_568)
    } else {
        civil_from_days(days - 25_569)
    }
}

/// Year, month, day of a day number counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn write_clock(out: &mut String, second_of_day: i64) {
    let (hours, minutes, seconds) = (second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
    push_number(out, hours, 2);
    out.push(':');
    push_number(out, minutes, 2);
    out.push(':');
    push_number(out, seconds, 2);
}

/// `value` in decimal, its digits zero-padded to `width` (after the '-' of a negative one): what
/// `write!(out, "{value:0width$}")` gives for a value of no sign or width 1, without the formatting machinery (a sheet of a million answers
/// has millions of numbers and times to write, once for the profile and once for the rows: a
/// tenth of the time of reading one went to `fmt::write`).
fn push_number(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let mut digits = [b'0'; 20];
    let mut rest = value.unsigned_abs();
    let mut count = 0;
    // u64::MAX has 20 digits: every digit has its place.
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
        count += 1;
        if rest == 0 {
            break;
        }
    }
    let shown = count.max(width).min(digits.len());
    let start = digits.len() - shown;
    out.extend(
        digits
            .get(start..)
            .unwrap_or_default()
            .iter()
            .map(|&digit| char::from(digit)),
    );
}

/// A duration ("[h]:mm:ss"): total hours, minutes, seconds; "-" before a negative one.
fn write_duration(out: &mut String, days: f64) {
    // Past about 27 million years a second no longer fits; no duration is that long.
    if !days.is_finite() || days.abs() > 1e10 {
        write_number(out, days);
        return;
    }
    let seconds = (days * SECONDS_PER_DAY as f64).round() as i64;
    if seconds < 0 {
        out.push('-');
    }
    let seconds = seconds.abs();
    let _ = write!(
        out,
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
}

/// An ISO 8601 date or time from a cell of type "d" ("2024-03-01T12:30:00"), in the same form as a
/// serial date; anything else is kept as it is.
fn write_iso_datetime(out: &mut String, iso: &str) {
    fn digits(text: &str, pattern: &str) -> bool {
        text.len() == pattern.len()
            && text
                .bytes()
                .zip(pattern.bytes())
                .all(|(b, p)| if p == b'9' { b.is_ascii_digit() } else { b == p })
    }
    let (date, time) = match iso.split_once(['T', ' ']) {
        Some((date, time)) => (Some(date), Some(time)),
        None if iso.contains(':') => (None, Some(iso)),
        None => (Some(iso), None),
    };
    // Fractions of a second are dropped.
    let time = time.map(|time| time.split_once('.').map_or(time, |(whole, _)| whole));
    let date_ok = date.is_none_or(|date| digits(date, "9999-99-99"));
    let time_ok = time.is_none_or(|time| digits(time, "99:99:99") || digits(time, "99:99"));
    if !date_ok || !time_ok {
        out.push_str(iso);
        return;
    }
    let time = time.filter(|time| !matches!(*time, "00:00:00" | "00:00"));
    match (date, time) {
        (Some(date), Some(time)) => {
            let _ = write!(out, "{date} {time}");
        }
        (Some(date), None) => out.push_str(date),
        (None, Some(time)) => out.push_str(time),
        (None, None) => out.push_str("00:00:00"),
    }
    if time.is_some_and(|time| time.len() == 5) {
        out.push_str(":00");
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The names in a zip archive's central directory, or `None` when it cannot be found or read
/// (cut short, damaged, zip64).
fn zip_entry_names(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    fn slice(bytes: &[u8], at: usize, length: usize) -> Option<&[u8]> {
        bytes.get(at..)?.get(..length)
    }
    fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
        Some(usize::from(u16::from_le_bytes(slice(bytes, at, 2)?.try_into().ok()?)))
    }
    fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
        usize::try_from(u32::from_le_bytes(slice(bytes, at, 4)?.try_into().ok()?)).ok()
    }
    const ENTRY: &[u8] = b"PK\x01\x02";
    // The end-of-central-directory record: 22 bytes and a comment of at most 65,535.
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(search_from..)?;
    let end = search_from + tail.windows(4).rposition(|window| window == b"PK\x05\x06")?;
    let record = bytes.get(end..)?;
    let count = u16_at(record, 10)?;
    let size = u32_at(record, 12)?;
    let mut at = u32_at(record, 16)?;
    // Data before the archive (a self-extractor) shifts it: trust the size instead.
    if slice(bytes, at, 4) != Some(ENTRY) {
        at = end.checked_sub(size)?;
    }
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        let header = slice(bytes, at, 46)?;
        if header.get(..4)? != ENTRY {
            return None;
        }
        let name_length = u16_at(header, 28)?;
        let skip = u16_at(header, 30)? + u16_at(header, 32)?;
        names.push(slice(bytes, at.checked_add(46)?, name_length)?);
        at = at.checked_add(46 + name_length + skip)?;
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Formula};

    use super::*;

    /// Every row of a sheet, as text.
    fn all_rows(workbook: &mut Workbook, sheet: &str) -> Vec<Vec<String>> {
        let rows = workbook.rows(sheet).unwrap();
        let mut out = Vec::new();
        (0..rows.len())
            .map(|i| {
                rows.row_into(i, &mut out);
                out.clone()
            })
            .collect()
    }

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    fn test_workbook() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let datetime_format = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
        let date_format = Format::new().set_num_format("dd-mm-yyyy");
        let clock_format = Format::new().set_num_format("hh:mm");
        let duration_format = Format::new().set_num_format("[h]:mm:ss");
        let merged_format = Format::new();

        let sheet = book.add_worksheet().set_name("Dataset").unwrap();
        for (column, header) in ('A'..='W').enumerate() {
            sheet
                .write_string(0, column as u16, format!("Kolonne {header}"))
                .unwrap();
        }
        sheet.write_string(1, 0, "  hej med dig ").unwrap();
        sheet.write_number(1, 1, 42).unwrap();
        sheet.write_number(1, 2, 3.5).unwrap();
        sheet.write_number(1, 3, 4.0).unwrap();
        sheet.write_string(1, 4, "Blåbærgrød æøå ÆØÅ").unwrap();
        let moment = ExcelDateTime::from_ymd(2024, 3, 1)
            .unwrap()
            .and_hms(12, 30, 45)
            .unwrap();
        sheet
            .write_datetime_with_format(1, 5, &moment, &datetime_format)
            .unwrap();
        let day = ExcelDateTime::from_ymd(2024, 3, 1).unwrap();
        sheet.write_datetime_with_format(1, 6, &day, &date_format).unwrap();
        sheet
            .write_formula(1, 7, Formula::new("=B2*2").set_result("84"))
            .unwrap();
        sheet.write_boolean(1, 8, true).unwrap();
        sheet
            .write_formula(1, 9, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        let noon = ExcelDateTime::from_hms(12, 0, 0).unwrap();
        sheet.write_datetime_with_format(1, 10, &noon, &clock_format).unwrap();
        sheet.write_number(1, 11, 0.1).unwrap();
        sheet.write_number(1, 12, -2.25).unwrap();
        sheet.write_number(1, 13, 0.0000001).unwrap();
        sheet
            .write_formula(1, 14, Formula::new("=\"a\"&\"b\"").set_result("ab"))
            .unwrap();
        sheet
            .write_formula(1, 15, Formula::new("=1=1").set_result("TRUE"))
            .unwrap();
        sheet.write_number_with_format(1, 16, 1.5, &duration_format).unwrap();
        // An error calamine does not know (it knows the seven classic ones).
        sheet
            .write_formula(1, 17, Formula::new("=CUBEVALUE(\"x\")").set_result("#GETTING_DATA"))
            .unwrap();
        sheet.write_number(1, 18, 12_345_678_901_234.0).unwrap();
        sheet.write_number(1, 19, -0.0).unwrap();
        sheet.write_number(1, 20, 1e21).unwrap();
        sheet.write_number(1, 21, 0.1 + 0.2).unwrap();
        sheet
            .write_formula(1, 22, Formula::new("=NA()").set_result("#N/A"))
            .unwrap();
        sheet.merge_range(2, 0, 2, 2, "Flettet", &merged_format).unwrap();
        sheet
            .write_formula(3, 1, Formula::new("=CUBEVALUE(\"y\")").set_result("#GETTING_DATA"))
            .unwrap();

        let sheet = book.add_worksheet().set_name("Structure").unwrap();
        sheet.write_string(2, 2, "Spørgsmål").unwrap();
        sheet.write_string(2, 3, "Svar").unwrap();
        sheet.write_string(3, 2, "Q1").unwrap();
        sheet.write_number(3, 3, 5).unwrap();

        let sheet = book.add_worksheet().set_name("Labels").unwrap();
        sheet.write_string(0, 0, "Kode").unwrap();
        sheet.write_string(0, 1, "Tekst").unwrap();
        for (row, (code, label)) in [(1, "Meget uenig"), (5, "Meget enig"), (5, "Meget enig")]
            .into_iter()
            .enumerate()
        {
            sheet.write_number(row as u32 + 1, 0, code).unwrap();
            sheet.write_string(row as u32 + 1, 1, label).unwrap();
        }

        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_values("Labels!$A$2:$A$4");
        book.add_chartsheet()
            .set_name("Diagram")
            .unwrap()
            .insert_chart(0, 0, &chart)
            .unwrap();

        book.add_worksheet().set_name("Ark1").unwrap();
        book.save_to_buffer().unwrap()
    }

    /// A copy of a zip archive with one member's text changed.
    fn patch_zip(bytes: &[u8], member: &str, from: &str, to: &str) -> Vec<u8> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for index in 0..archive.len() {
            let mut file = archive.by_index(index).unwrap();
            let name = file.name().unwrap().to_string();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            if name == member {
                let text = String::from_utf8(content).unwrap();
                assert!(text.contains(from), "{member} lacks {from}");
                content = text.replace(from, to).into_bytes();
            }
            writer
                .start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(&content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn zip_with(names: &[&str]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in names {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(b"<x/>").unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn ole_with(text: &str) -> Vec<u8> {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.resize(1024, 0);
        bytes.extend(utf16le(text));
        bytes.resize(2048, 0);
        bytes
    }

    #[test]
    fn a_formula_saved_without_its_value_reads_as_its_formula_and_is_counted() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Svar").unwrap();
        sheet.write_number(1, 0, 4).unwrap();
        sheet.write_formula(2, 0, Formula::new("=2+2").set_result("4")).unwrap();
        sheet.write_formula(3, 0, Formula::new("=1+2").set_result("3")).unwrap();
        for row in 4..8 {
            sheet.write_number(row, 0, 5).unwrap();
        }
        let saved = book.save_to_buffer().unwrap();
        // As a script writes it: the formulas without their values.
        let bytes = patch_zip(
            &saved,
            "xl/worksheets/sheet1.xml",
            "<v>4</v></c></row><row r=\"4\"",
            "</c></row><row r=\"4\"",
        );
        let bytes = patch_zip(&bytes, "xl/worksheets/sheet1.xml", "<f>1+2</f><v>3</v>", "<f>1+2</f>");
        // Each such answer is refused at its cell, with the formula as the cause.
        let sources = [crate::import::Source {
            name: "svar.xlsx".into(),
            bytes: bytes.clone().into(),
        }];
        let import = crate::import::import_sources(&sources, &crate::import::ImportOptions::default());
        let told: Vec<String> = import
            .problems
            .iter()
            .map(|p| p.message(crate::locale::Lang::Da))
            .collect();
        assert!(
            told.contains(&"svar.xlsx: Sheet1, række 3, kolonne A («Svar»): cellen har formlen «=2+2» uden udregnet værdi, så svaret kendes ikke: filen er skrevet af et program og aldrig gemt i Excel — åbn og gem den i Excel, så formlerne regnes ud".to_string()),
            "{told:?}"
        );
        let mut workbook = open(&bytes).unwrap();
        let rows = workbook.rows("Sheet1").unwrap();
        assert_eq!(rows.uncomputed(), Some((2, "A3".to_string())));
        assert_eq!(
            all_rows(&mut workbook, "Sheet1")[..4],
            [["Svar"], ["4"], ["=2+2"], ["=1+2"]]
        );
        // Excel's own file, with the values: nothing to tell.
        let mut workbook = open(&saved).unwrap();
        assert_eq!(workbook.rows("Sheet1").unwrap().uncomputed(), None);
    }

    #[test]
    fn an_answer_under_a_date_format_reads_as_its_number() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = Format::new().set_num_format("d-mmm");
        sheet.write_string(0, 0, "Valgdagen").unwrap();
        sheet.write_number_with_format(1, 0, 4, &date).unwrap();
        // A real date stays a date; a time of day (under 1) too.
        sheet.write_number_with_format(2, 0, 45_567, &date).unwrap();
        sheet
            .write_number_with_format(3, 0, 0.5, &Format::new().set_num_format("hh:mm"))
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut workbook = open(&bytes).unwrap();
        let rows = all_rows(&mut workbook, "Sheet1");
        assert_eq!(rows[1], ["4"]);
        assert!(rows[2][0].starts_with("2024-10-02"), "{rows:?}");
        assert!(rows[3][0].contains("12:00"), "{rows:?}");
    }

    #[test]
    fn reads_every_kind_of_cell() {
        let bytes = test_workbook();
        assert!(is_xlsx(&bytes));
        assert!(!is_ole_xls(&bytes));
        let mut workbook = open(&bytes).unwrap();
        assert!(!workbook.uses_1904_dates());
        assert_eq!(
            workbook.sheet_names(),
            strings(&["Dataset", "Structure", "Labels", "Ark1"])
        );

        let rows = all_rows(&mut workbook, "Dataset");
        assert_eq!(rows.len(), 4);
        let headers: Vec<String> = ('A'..='W').map(|c| format!("Kolonne {c}")).collect();
        assert_eq!(rows[0], headers);
        #[rustfmt::skip]
        let expected = strings(&[
            "  hej med dig ", "42", "3.5", "4", "Blåbærgrød æøå ÆØÅ", "2024-03-01 12:30:45", "2024-03-01", "84",
            "TRUE", "#DIV/0!", "12:00:00", "0.1", "-2.25", "0.0000001", "ab", "TRUE", "36:00:00", "#GETTING_DATA",
            "12345678901234", "0", "1000000000000000000000", "0.30000000000000004", "#N/A",
        ]);
        assert_eq!(rows[1], expected);
        let mut merged = vec![String::new(); 23];
        merged[0] = "Flettet".to_string();
        assert_eq!(rows[2], merged);
        let mut odd = vec![String::new(); 23];
        odd[1] = "#GETTING_DATA".to_string();
        assert_eq!(rows[3], odd);
    }

    #[test]
    fn positions_stay_true_when_the_data_starts_at_c3() {
        let bytes = test_workbook();
        let mut workbook = open(&bytes).unwrap();
        let rows = workbook.rows("Structure").unwrap();
        assert_eq!((rows.len(), rows.width()), (4, 4));
        let mut out = Vec::new();
        let texts: Vec<Vec<String>> = (0..4)
            .map(|i| {
                rows.row_into(i, &mut out);
                out.clone()
            })
            .collect();
        assert_eq!(texts[0], strings(&["", "", "", ""]));
        assert_eq!(texts[1], strings(&["", "", "", ""]));
        assert_eq!(texts[2], strings(&["", "", "Spørgsmål", "Svar"]));
        assert_eq!(texts[3], strings(&["", "", "Q1", "5"]));
        assert_eq!(cell_name(2, 2), "C3");
    }

    #[test]
    fn repeated_texts_and_other_sheets() {
        let bytes = test_workbook();
        let mut workbook = open(&bytes).unwrap();
        let rows = all_rows(&mut workbook, "Labels");
        assert_eq!(
            rows,
            vec![
                strings(&["Kode", "Tekst"]),
                strings(&["1", "Meget uenig"]),
                strings(&["5", "Meget enig"]),
                strings(&["5", "Meget enig"]),
            ]
        );
        let empty = workbook.rows("Ark1").unwrap();
        assert!(empty.is_empty());
        assert_eq!((empty.len(), empty.width()), (0, 0));
        let mut out = strings(&["old"]);
        empty.row_into(0, &mut out);
        assert!(out.is_empty());

        let error = workbook.rows("Diagram").err().unwrap();
        assert!(error.en.contains("not a worksheet"), "{error}");
        let error = workbook.rows("Nope").err().unwrap();
        assert!(error.en.contains("no sheet named “Nope”"), "{error}");
    }

    #[test]
    fn row_into_reuses_and_sizes_the_vector() {
        let bytes = test_workbook();
        let mut workbook = open(&bytes).unwrap();
        let rows = workbook.rows("Labels").unwrap();
        let mut out = strings(&["a", "b", "c", "d"]);
        rows.row_into(1, &mut out);
        assert_eq!(out, strings(&["1", "Meget uenig"]));
        rows.row_into(usize::MAX, &mut out);
        assert_eq!(out, strings(&["", ""]));
        rows.row_into(4, &mut out);
        assert_eq!(out, strings(&["", ""]));
    }

    #[test]
    fn the_1904_date_system() {
        let bytes = patch_zip(
            &test_workbook(),
            "xl/workbook.xml",
            "<workbookPr",
            "<workbookPr date1904=\"1\"",
        );
        let mut workbook = open(&bytes).unwrap();
        assert!(workbook.uses_1904_dates());
        let rows = all_rows(&mut workbook, "Dataset");
        // The same serial numbers, counted from 1904-01-01: 1,462 days later.
        assert_eq!(rows[1][5], "2028-03-02 12:30:45");
        assert_eq!(rows[1][6], "2028-03-02");
        assert_eq!(rows[1][10], "12:00:00");
    }

    /// A workbook as other programs write it: no styles, inline strings, ISO dates ("d"), errors
    /// that calamine does not know, cells given out of order.
    #[test]
    fn hand_written_xml() {
        const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let parts = [
            (
                "_rels/.rels",
                format!(
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/workbook.xml",
                format!(
                    r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{RELS}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                format!(
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/worksheets/sheet1.xml",
                concat!(
                    r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
                    r#"<row r="1"><c r="A1" t="e"><v>#SPILL!</v></c><c r="B1"><v>1</v></c>"#,
                    r#"<c r="C1" t="inlineStr"><is><t>inline æ</t></is></c><c r="D1" t="d"><v>2024-03-01T10:00:00</v></c></row>"#,
                    r#"<row r="3"><c r="B3" t="e"><f>X()</f><v>#CALC!</v></c><c r="C3" t="str"><f>Y()</f><v>a &amp; b</v></c></row>"#,
                    r#"<row r="2"><c r="E2"><v>2.5</v></c></row>"#,
                    r#"</sheetData></worksheet>"#
                )
                .to_string(),
            ),
        ];
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in parts {
            writer
                .start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        let bytes = writer.finish().unwrap().into_inner();
        let mut workbook = open(&bytes).unwrap();
        assert_eq!(
            all_rows(&mut workbook, "Ark1"),
            vec![
                strings(&["#SPILL!", "1", "inline æ", "2024-03-01 10:00:00", ""]),
                strings(&["", "", "", "", "2.5"]),
                strings(&["", "#CALC!", "a & b", "", ""]),
            ]
        );
    }

    #[test]
    fn serial_dates() {
        let text = |serial: f64, is_1904: bool| {
            let mut out = String::new();
            write_datetime(&mut out, serial, is_1904);
            out
        };
        assert_eq!(text(1.0, false), "1900-01-01");
        assert_eq!(text(59.0, false), "1900-02-28");
        assert_eq!(text(60.0, false), "1900-02-29");
        assert_eq!(text(61.0, false), "1900-03-01");
        assert_eq!(text(25_569.0, false), "1970-01-01");
        assert_eq!(text(45_352.5, false), "2024-03-01 12:00:00");
        assert_eq!(text(2_958_465.0, false), "9999-12-31");
        assert_eq!(text(2_958_466.0, false), "2958466");
        assert_eq!(text(-1.0, false), "-1");
        assert_eq!(text(0.0, false), "00:00:00");
        assert_eq!(text(0.75, false), "18:00:00");
        // Rounded to the nearest second, across midnight too.
        assert_eq!(text(45_352.0 + 86_399.999_9 / 86_400.0, false), "2024-03-02");
        assert_eq!(text(45_352.0 + 1.4 / 86_400.0, false), "2024-03-01 00:00:01");
        assert_eq!(text(0.0, true), "00:00:00");
        assert_eq!(text(1.0, true), "1904-01-02");
        assert_eq!(text(f64::NAN, false), "NaN");
        let mut out = String::new();
        write_duration(&mut out, -1.0 / 24.0 - 30.0 / 1440.0);
        assert_eq!(out, "-01:30:00");
    }

    #[test]
    fn iso_dates() {
        let text = |iso: &str| {
            let mut out = String::new();
            write_iso_datetime(&mut out, iso);
            out
        };
        assert_eq!(text("2024-03-01T12:30:45"), "2024-03-01 12:30:45");
        assert_eq!(text("2024-03-01T12:30:45.250"), "2024-03-01 12:30:45");
        assert_eq!(text("2024-03-01T12:30"), "2024-03-01 12:30:00");
        assert_eq!(text("2024-03-01T00:00:00"), "2024-03-01");
        assert_eq!(text("2024-03-01"), "2024-03-01");
        assert_eq!(text("12:30:45"), "12:30:45");
        assert_eq!(text("2024-03-01T12:30:45Z"), "2024-03-01T12:30:45Z");
        assert_eq!(text("næste uge"), "næste uge");
    }

    #[test]
    fn cells_out_of_order_are_sorted() {
        let mut store = Store::new(false);
        store.push_value(2, 1, &DataRef::Int(21)).unwrap();
        store.push_value(0, 0, &DataRef::Int(0)).unwrap();
        store.push_value(2, 0, &DataRef::Bool(false)).unwrap();
        store.push_value(2, 1, &DataRef::Int(99)).unwrap();
        store.push_text(1, 2, "mid").unwrap();
        let rows = store.finish();
        assert_eq!((rows.len(), rows.width()), (3, 3));
        let mut out = Vec::new();
        rows.row_into(0, &mut out);
        assert_eq!(out, strings(&["0", "", ""]));
        rows.row_into(1, &mut out);
        assert_eq!(out, strings(&["", "", "mid"]));
        rows.row_into(2, &mut out);
        assert_eq!(out, strings(&["FALSE", "99", ""]));
    }

    #[test]
    fn rows_across_blocks_read_as_stored_and_are_let_go_of_behind() {
        // Rows across several blocks, with empty rows on and around their edges; once in order,
        // once with a cell out of order (the sorted path).
        for out_of_order in [false, true] {
            let mut store = Store::new(false);
            let filled = |row: u32| row % 7 != 3 && !(4094..4099).contains(&row);
            for row in (0..3 * BLOCK_ROWS as u32 + 5).filter(|&row| filled(row)) {
                store.push_value(row, 0, &DataRef::Int(i64::from(row))).unwrap();
                store.push_text(row, 2, &format!("r{row}")).unwrap();
            }
            if out_of_order {
                store.push_value(1, 1, &DataRef::Bool(true)).unwrap();
            }
            let rows = store.finish();
            assert_eq!((rows.len(), rows.width()), (3 * BLOCK_ROWS + 5, 3));
            let mut out = Vec::new();
            for row in 0..rows.len() {
                rows.row_into(row, &mut out);
                let wanted = match row as u32 {
                    1 if out_of_order => strings(&["1", "TRUE", "r1"]),
                    r if filled(r) => vec![r.to_string(), String::new(), format!("r{r}")],
                    _ => strings(&["", "", ""]),
                };
                assert_eq!(out, wanted, "row {row}");
            }
            // The last pass lets go of whole blocks behind it; the rows ahead stay.
            rows.let_go_of(0..2 * BLOCK_ROWS + 1);
            rows.row_into(BLOCK_ROWS, &mut out);
            assert_eq!(out, strings(&["", "", ""]), "a block let go of reads as empty");
            let row = 2 * BLOCK_ROWS + 2;
            assert!(filled(row as u32));
            rows.row_into(row, &mut out);
            assert_eq!(out, vec![row.to_string(), String::new(), format!("r{row}")]);
            let let_go = || {
                rows.blocks
                    .iter()
                    .filter(|b| b.lock().unwrap().columns.is_empty())
                    .count()
            };
            assert_eq!(let_go(), 2);
            // Part of a block is not let go of; the end of the rows ends the last block.
            rows.let_go_of(2 * BLOCK_ROWS + 2..3 * BLOCK_ROWS);
            assert_eq!(let_go(), 2);
            rows.let_go_of(2 * BLOCK_ROWS..rows.len());
            rows.row_into(3 * BLOCK_ROWS + 1, &mut out);
            assert_eq!(out, strings(&["", "", ""]));
            assert_eq!(let_go(), 4);
        }
    }

    #[test]
    fn can_move_to_another_thread() {
        fn send<T: Send>() {}
        send::<Workbook<'static>>();
        send::<SheetRows>();
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        let mut values = vec![
            0,
            1,
            7,
            9,
            10,
            59,
            99,
            100,
            1900,
            9999,
            12_345,
            i64::MAX,
            i64::MIN,
            -1,
            -42,
        ];
        values.extend(
            (0..64)
                .map(|shift| 1i64 << shift)
                .flat_map(|v| [v.wrapping_sub(1), v, v.wrapping_add(1), v.wrapping_neg()]),
        );
        for value in values {
            for width in [1, 2, 4] {
                let mut out = String::from("x");
                push_number(&mut out, value, width);
                let wanted = if value < 0 {
                    format!("x-{:0width$}", value.unsigned_abs())
                } else {
                    format!("x{value:0width$}")
                };
                assert_eq!(out, wanted, "{value}, width {width}");
            }
        }
    }

    #[test]
    fn column_letters() {
        let cases = [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
        ];
        for (index, letters) in cases {
            assert_eq!(column_letter(index), letters);
        }
        assert_eq!(column_letter(16_383), "XFD");
    }

    #[test]
    fn files_that_are_not_workbooks() {
        let error = |bytes: &[u8]| open(bytes).err().unwrap();
        assert!(error(b"").en.contains("empty"));
        let garbage = b"Respondent;Svar\n1;5\n";
        assert!(!is_xlsx(garbage));
        assert!(error(garbage).en.contains("not an Excel workbook"));

        let xls = ole_with("Workbook");
        assert!(is_ole_xls(&xls) && !is_encrypted_xlsx(&xls) && !is_xlsx(&xls));
        assert!(is_ole_xls(&ole_with("Book")));
        assert!(error(&xls).en.contains("(.xls)"), "{}", error(&xls));
        let doc = ole_with("WordDocument");
        assert!(!is_ole_xls(&doc) && !is_encrypted_xlsx(&doc));
        assert!(error(&doc).en.contains("old Office"), "{}", error(&doc));
        let encrypted = ole_with("EncryptedPackage");
        assert!(is_encrypted_xlsx(&encrypted) && !is_ole_xls(&encrypted));
        assert!(error(&encrypted).en.contains("password"));

        let docx = zip_with(&["[Content_Types].xml", "word/document.xml"]);
        assert!(!is_xlsx(&docx));
        assert!(error(&docx).en.contains("not an Excel workbook"));
        let xlsb = zip_with(&["[Content_Types].xml", "xl/workbook.bin"]);
        assert!(error(&xlsb).en.contains(".xlsb"));
        let ods = zip_with(&["mimetype", "content.xml"]);
        assert!(error(&ods).en.contains(".ods"));
        // A zip with the right name but nothing behind it.
        let hollow = zip_with(&["xl/workbook.xml"]);
        assert!(is_xlsx(&hollow));
        assert!(error(&hollow).en.contains("damaged"), "{}", error(&hollow));
    }

    #[test]
    fn truncated_and_damaged_workbooks_give_errors() {
        let bytes = test_workbook();
        for length in (0..bytes.len()).step_by(101) {
            let cut = &bytes[..length];
            let Err(error) = open(cut) else {
                panic!("{length} bytes of {} opened", bytes.len());
            };
            assert!(!error.en.contains(TEXT_INTERNAL.1), "{error}");
            if length > 4 {
                // Whether the sniff can tell depends on the names the cut kept.
                assert_eq!(is_xlsx(cut), contains(cut, b"xl/workbook.xml"), "{length}");
                assert!(error.en.contains("damaged"), "{error}");
            }
        }
        // Bytes changed anywhere: an error or other values, never a panic.
        for at in (0..bytes.len()).step_by(37) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5A;
            match open(&damaged) {
                Ok(mut workbook) => {
                    for sheet in workbook.sheet_names() {
                        if let Err(error) = workbook.rows(&sheet) {
                            assert!(!error.en.contains(TEXT_INTERNAL.1), "{error}");
                        }
                    }
                }
                Err(error) => assert!(!error.en.contains(TEXT_INTERNAL.1), "{error}"),
            }
        }
    }
}
