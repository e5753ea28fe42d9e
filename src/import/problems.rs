//! Problems found while importing: where (file, line, column) and what, told in the user's
//! language. They are data first, so the window can list them and tests can match them.

// Text is built in Strings, whose `write!` cannot fail: the `let _ = write!`s drop nothing.
use std::fmt::Write as _;

use serde::Serialize;

use super::tools::Tool;
use crate::locale::Lang;

mod describe;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ProblemKind {
    /// No file by that name (a typo, or a file moved since it was chosen).
    NotFound,
    /// The system will not let us read it.
    NoAccess,
    Unreadable {
        reason: String,
    },
    Empty,
    HeaderOnly,
    Binary,
    UnclosedQuote,
    /// A row with another number of fields than the header.
    Ragged {
        expected: usize,
        found: usize,
    },
    OutOfScale {
        value: String,
    },
    /// A code the column's code list has no text for, where the list's codes are not the
    /// scores they stand for: its answer cannot be known.
    CodeNotInList {
        value: String,
    },
    /// A cell showing Excel's error for a formula that failed ("#I/T", "#DIVISION/0!").
    ExcelError {
        value: String,
    },
    /// A number on the scale that is no point of it (3,6): an average, not an answer.
    NotAScalePoint {
        value: String,
    },
    /// A cell whose formula was saved without its value: its answer is not known.
    FormulaWithoutValue {
        formula: String,
    },
    UnknownLabel {
        value: String,
    },
    BadWeek {
        value: String,
    },
    BadDate {
        value: String,
    },
    /// Nothing in the file holds answers: no score column and no column of scale values.
    NoAnswerColumns,
    /// An .xls from Excel 97-2003: only .xlsx is read.
    OldExcel,
    /// A workbook or sheet that cannot be read, and why, in both languages.
    Workbook {
        da: String,
        en: String,
    },
    /// A UTF-8 file with bytes on this line that are not UTF-8, read as Windows-1252.
    NotUtf8,
    /// A UTF-16 file with code units on this line that are no character (a lone surrogate):
    /// they read as "�", and a name holding one is not the name meant.
    NotUtf16,
    /// A column of many answers in the scale's words, never its middle: maybe a four-point
    /// question, whose words are not the 1-5 scale's points.
    NoMiddleAnswer {
        answers: usize,
    },
    /// Rows with answers and an empty wave, week or phase cell (merged cells in Excel keep
    /// their value in the top one only): their answers fall under "Alle" or "Uden fase".
    EmptyContextCells {
        rows: usize,
        /// What their answers count under: "Alle", "Uden fase", the score column's question.
        under: String,
    },
    /// Responses (the same id and time) a file holds more than once: each counts every time.
    RepeatedResponses {
        responses: usize,
    },
    /// Rows whose week belongs to another phase than their phase column says: the column wins.
    WeekPhaseClash {
        rows: usize,
    },
    /// Rows whose week column says another week than the plan gives their date: the week
    /// column is used.
    WeekPlanClash {
        rows: usize,
    },
    /// Responses never completed (no submit date) whose answers are counted.
    Unsubmitted {
        responses: usize,
    },
    /// A municipality named like a test response ("Test", "xxx"): counted, and told.
    TestResponse {
        name: String,
    },
    /// The same file named twice on one command line: read once.
    GivenTwice,
    /// Cells merged down a column in Excel: each read as the region's top value.
    MergedCellsFilled {
        regions: usize,
    },
    /// Rows the plan places in another wave than the one the file's name names: the plan's
    /// wave is used.
    PlanAgainstFileName {
        wave: String,
        rows: usize,
    },
    /// A table's total row ("I alt", "Total"): its averages are no answers, and not counted.
    TotalRow,
    /// A row that repeats the header (two exports pasted under each other): not counted.
    HeaderAgain,
    /// Cells holding a formula saved without its value: nobody knows their answer.
    UncomputedFormulas {
        cells: usize,
        first: String,
    },
    /// A column worked out from the answers (an average), left out.
    ComputedColumn,
    /// A column that could hold a role another column holds (two wave columns): the first is
    /// used, this one is a category.
    SecondColumnOfRole {
        role: super::columns::Role,
        used: String,
    },
    /// A question whose text says 1 is the best ("1 = Meget tilfreds"): read as 6 minus the
    /// number, and told.
    ReversedByWords,
    /// A count ("Antal deltagere") or a ranking: numbers, but no scores, left out.
    NotScores {
        ranking: bool,
    },
    /// A workbook's later sheet holds values too; only the first sheet with data is read.
    OtherSheetNotRead {
        sheet: String,
        read: String,
    },
    /// A column of one answer on the scale in every row, left out as a constant (a page
    /// number, a status): said, in case it is a question everyone answered alike.
    ConstantColumn {
        value: String,
    },
    /// A column of answers on another scale than 1-5 (a recommendation 0-10, a count, grades
    /// 1-6, a 1-4 code list), left out of the means: said, as the question is not in them.
    OtherScaleColumn {
        range: String,
    },
    /// Responses of this file that an earlier file holds too (the same response id and
    /// time): an earlier export of the same survey given with a later one counts them twice.
    SameResponses {
        as_file: String,
        responses: usize,
    },
    /// A question column of many numbers, all 1-3: averaged as a rating, but more likely a
    /// ranking or a code (1 = Ja, 2 = Nej) than a 1-5 scale nobody rated 4 or 5.
    FewScalePoints {
        high: String,
        answers: usize,
    },
    /// Lines above the header with a title in their first field: passed over; the header is
    /// the line the problem is placed at.
    TitleAboveHeader {
        lines: usize,
    },
    /// A column of answer codes ("A1", "A2", …) and no code list: not averaged, and likely a
    /// question (LimeSurvey's "answer codes" export of a list question).
    AnswerCodes {
        example: String,
    },
    /// Not a regular file: a folder, a pipe, a device.
    NotAFile,
    /// A line (a field) longer than the limit: no survey export has one.
    LineTooLong {
        limit: usize,
    },
    TooManyColumns {
        columns: usize,
        limit: usize,
    },
    /// The same content as a file given before it: read once.
    SameContent {
        as_file: String,
    },
    /// A number outside the scale repeats in a question column: a code, most likely
    /// "don't know" (SurveyXact writes 6 on a 1-5 scale). Told once per column and value,
    /// beside the rows' own problems.
    CodeOutsideScale {
        value: String,
        rows: usize,
        tool: Option<Tool>,
    },
    /// The first data row reads as a second header row (the question's options).
    SecondHeaderRow,
    /// A quoted field runs over a line that holds a whole row's separators: a closing quote
    /// is probably missing, and the rows it swallowed are read as this field's text.
    RowInsideQuotes {
        /// The line inside the field that looks like a row.
        inner_line: u64,
    },
    /// Dates like 05/08/2024 read both as day-month and month-day, and nothing in the column
    /// settles which. `needed`: the weeks come from the dates, so the file cannot be read.
    AmbiguousDates {
        example: String,
        needed: bool,
    },
    /// Some dates of the column put the day first, others the month.
    ConflictingDates {
        day_first: String,
        month_first: String,
        needed: bool,
    },
    /// A date that does not read, where the date is not needed: the row keeps its answers.
    DateNotRead {
        value: String,
    },
    /// No wave column: every answer is in one wave, unless a plan places the municipalities.
    NoWaveColumn {
        has_municipalities: bool,
    },
    /// No wave column, and the file's name names one wave ("Check-in Rul 2.xlsx"): its
    /// answers are under that wave, and the user is told so.
    WaveFromFileName {
        wave: String,
    },
    /// Most answers' weeks lie past the rollout's weeks 1-5 (34-36: calendar weeks?), so they
    /// have no phase.
    WeeksOutsideScheme {
        low: i32,
        high: i32,
        answers: usize,
    },
    /// No week or phase column, but dates: a plan with the waves' start dates gives phases.
    NoWeekColumn,
    /// No week, phase or date column: every answer is "Uden fase".
    NoPhaseAtAll,
    /// Municipalities of the file that the plan does not place (they keep no wave).
    NotInPlan {
        municipalities: Vec<String>,
        answers: usize,
    },
    /// A tool that writes answers as codes, and no code list: coded columns are read as
    /// answers on the scale, which only holds where the codes are the scale's numbers.
    CodesWithoutLabels {
        tool: Tool,
    },
    /// The plan has no start date for a wave, so its weeks cannot be counted.
    NoStartInPlan {
        wave: String,
    },
    /// A file given with the data that is no data: a plan, a labels or structure file that
    /// could not be used.
    BadCompanionFile {
        reason_da: String,
        reason_en: String,
    },
}

/// How much a problem weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A likely cause of other problems, told once.
    Hint,
    /// The numbers are right; something the user should know.
    Warning,
    /// A row cannot be read; the rest of the file can.
    Row,
    /// Nothing of the file can be used.
    Fatal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub file: String,
    /// The sheet of a workbook; then `line` is the sheet's row number.
    pub sheet: Option<String>,
    /// 1-based line in the file where the row starts; None for problems of the whole file.
    pub line: Option<u64>,
    /// 1-based column number and the column's header.
    pub column: Option<(usize, String)>,
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem of a whole file, at no line.
    pub fn of_file(file: &str, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: None,
            line: None,
            column: None,
            kind,
        }
    }

    pub fn severity(&self) -> Severity {
        use ProblemKind::*;
        match &self.kind {
            Unreadable { .. }
            | NotFound
            | NoAccess
            | Empty
            | HeaderOnly
            | Binary
            | UnclosedQuote
            | Workbook { .. }
            | NotAFile
            | LineTooLong { .. }
            | TooManyColumns { .. }
            | NoAnswerColumns
            | OldExcel
            | BadCompanionFile { .. } => Severity::Fatal,
            AmbiguousDates { needed, .. } | ConflictingDates { needed, .. } => {
                if *needed {
                    Severity::Fatal
                } else {
                    Severity::Warning
                }
            }
            Ragged { .. }
            | OutOfScale { .. }
            | UnknownLabel { .. }
            | CodeNotInList { .. }
            | FormulaWithoutValue { .. }
            | NotAScalePoint { .. }
            | ExcelError { .. }
            | BadWeek { .. }
            | BadDate { .. } => Severity::Row,
            DateNotRead { .. }
            | ConstantColumn { .. }
            | OtherScaleColumn { .. }
            | SameResponses { .. }
            | FewScalePoints { .. }
            | TitleAboveHeader { .. }
            | AnswerCodes { .. }
            | NotUtf8
            | NotUtf16
            | SameContent { .. }
            | NoWaveColumn { .. }
            | WaveFromFileName { .. }
            | WeeksOutsideScheme { .. }
            | NoWeekColumn
            | NoPhaseAtAll
            | NotInPlan { .. }
            | NoStartInPlan { .. }
            | CodesWithoutLabels { .. }
            | RowInsideQuotes { .. }
            | OtherSheetNotRead { .. }
            | NoMiddleAnswer { .. }
            | ComputedColumn
            | NotScores { .. }
            | ReversedByWords
            | SecondColumnOfRole { .. }
            | UncomputedFormulas { .. }
            | EmptyContextCells { .. }
            | TotalRow
            | HeaderAgain
            | PlanAgainstFileName { .. }
            | MergedCellsFilled { .. }
            | GivenTwice
            | RepeatedResponses { .. }
            | WeekPhaseClash { .. }
            | WeekPlanClash { .. }
            | TestResponse { .. }
            | Unsubmitted { .. } => Severity::Warning,
            CodeOutsideScale { .. } | SecondHeaderRow => Severity::Hint,
        }
    }

    /// A problem that makes the whole file unusable (nothing in it is imported).
    pub fn is_fatal(&self) -> bool {
        self.severity() == Severity::Fatal
    }

    /// A problem that stops the data from being used as it is (a fatal one, or a row that
    /// cannot be read); warnings and hints do not.
    pub fn is_error(&self) -> bool {
        self.severity() >= Severity::Row
    }

    /// "fil.csv:12:6: ..." — where first, the way compilers and editors print it, so the
    /// place can be found even by someone who does not read the message. In a workbook:
    /// "fil.xlsx: Ark1, række 12, kolonne D: ...".
    pub fn message(&self, lang: Lang) -> String {
        // A file name is never cut, but a control character in it is shown, not obeyed.
        let mut out = escaped(&self.file);
        if let Some(sheet) = &self.sheet {
            let _ = write!(out, ": {}", shown(sheet));
            if let Some(line) = self.line {
                let _ = write!(out, ", {} {line}", lang.pick("række", "row"));
            }
            if let Some((column, header)) = &self.column {
                let letter = super::xlsx::column_letter(column.saturating_sub(1));
                let _ = write!(out, ", {} {letter}", lang.pick("kolonne", "column"));
                if !header.is_empty() {
                    let _ = match lang {
                        Lang::Da => write!(out, " («{}»)", shown(header)),
                        Lang::En => write!(out, " (“{}”)", shown(header)),
                    };
                }
            }
        } else if let Some(line) = self.line {
            let _ = write!(out, ":{line}");
            if let Some((column, _)) = &self.column {
                let _ = write!(out, ":{column}");
            }
        }
        out.push_str(": ");
        out.push_str(&self.describe(lang));
        out
    }
}

/// Text with its control characters shown as escapes ("\u{1b}", "\n"), not obeyed by a
/// terminal; nothing cut (a file's name).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A value from a file as a message shows it: control characters (terminal escapes, line
/// breaks that would print a fake line) as visible escapes, and at most 80 characters.
pub fn shown(text: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

impl ProblemKind {
    /// The same problem with every value from the file passed through [`shown`].
    fn shown(&self) -> ProblemKind {
        use ProblemKind::*;
        let value_of = |value: &String| shown(value);
        match self {
            OutOfScale { value } => OutOfScale { value: value_of(value) },
            UnknownLabel { value } => UnknownLabel { value: value_of(value) },
            CodeNotInList { value } => CodeNotInList { value: value_of(value) },
            FormulaWithoutValue { formula } => FormulaWithoutValue {
                formula: value_of(formula),
            },
            ExcelError { value } => ExcelError { value: value_of(value) },
            NotAScalePoint { value } => NotAScalePoint { value: value_of(value) },
            BadWeek { value } => BadWeek { value: value_of(value) },
            BadDate { value } => BadDate { value: value_of(value) },
            DateNotRead { value } => DateNotRead { value: value_of(value) },
            ConstantColumn { value } => ConstantColumn { value: value_of(value) },
            TestResponse { name } => TestResponse { name: value_of(name) },
            EmptyContextCells { rows, under } => EmptyContextCells {
                rows: *rows,
                under: value_of(under),
            },
            OtherSheetNotRead { sheet, read } => OtherSheetNotRead {
                sheet: value_of(sheet),
                read: value_of(read),
            },
            OtherScaleColumn { range } => OtherScaleColumn { range: value_of(range) },
            AnswerCodes { example } => AnswerCodes {
                example: value_of(example),
            },
            CodeOutsideScale { value, rows, tool } => CodeOutsideScale {
                value: value_of(value),
                rows: *rows,
                tool: *tool,
            },
            AmbiguousDates { example, needed } => AmbiguousDates {
                example: value_of(example),
                needed: *needed,
            },
            ConflictingDates {
                day_first,
                month_first,
                needed,
            } => ConflictingDates {
                day_first: value_of(day_first),
                month_first: value_of(month_first),
                needed: *needed,
            },
            NotInPlan {
                municipalities,
                answers,
            } => NotInPlan {
                municipalities: municipalities.iter().map(value_of).collect(),
                answers: *answers,
            },
            NoStartInPlan { wave } => NoStartInPlan { wave: value_of(wave) },
            other => other.clone(),
        }
    }
}

/// The likely causes first (each once), then the first `limit` other problems, then a line
/// counting the rest.
/// Puts problems in the order a user reads them: the likely causes, then what stops the file,
/// then the rows refused, then the notes; each kind in file order. Among 95 notes about
/// columns, the one reason a file cannot be used must not be the 96th. Done once, by the
/// import, so every list (`check`, the review) shows them in this order as they are.
pub fn sort_by_weight(problems: &mut [Problem]) {
    problems.sort_by_key(|problem| match problem.severity() {
        Severity::Hint => 0,
        Severity::Fatal => 1,
        Severity::Row => 2,
        Severity::Warning => 3,
    });
}

pub fn list_problems(problems: &[Problem], limit: usize, lang: Lang) -> String {
    let mut out = String::new();
    let (hints, others): (Vec<&Problem>, Vec<&Problem>) = problems.iter().partition(|p| p.severity() == Severity::Hint);
    for hint in &hints {
        let _ = writeln!(
            out,
            "{} {}",
            lang.pick("Sandsynlig årsag:", "Likely cause:"),
            hint.message(lang)
        );
    }
    let mut after_errors = false;
    for problem in others.iter().take(limit) {
        let is_error = problem.is_error();
        // The notes under their own heading, so the count above them is plainly the errors'.
        if after_errors && !is_error {
            out.push_str(lang.pick("Bemærk:\n", "Note:\n"));
        }
        after_errors = is_error;
        out.push_str(&problem.message(lang));
        out.push('\n');
    }
    if others.len() > limit {
        let rest = others.len() - limit;
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Da => format!("… og {rest} problemer mere"),
                Lang::En => format!("… and {rest} more problems"),
            }
        );
    }
    out
}
