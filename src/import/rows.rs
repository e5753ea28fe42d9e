//! Reading the rows of one file once its columns have roles: the shared fields of a row, its
//! answers, its comment, and the problems of each, with file, line and column.

use std::collections::HashMap;

use csv::ByteRecord;

use super::FileReport;
use super::columns::Role;
use super::likert::{Answer, AnswerError, DecimalMark, parse_answer};
use super::problems::{Problem, ProblemKind};
use super::reader::field;
use super::values::{days_since_epoch, parse_date, parse_week};
use crate::dataset::{Comment, DatasetBuilder, RowContext};
use crate::phases::{NO_PHASE, NO_WAVE, phase_of_week};

/// Where each role sits in this file.
pub(super) struct FileLayout {
    wave: Option<usize>,
    week: Option<usize>,
    phase: Option<usize>,
    municipality: Option<usize>,
    date: Option<usize>,
    question: Option<usize>,
    score: Option<usize>,
    comments: Vec<usize>,
    /// Wide format: column index and the interned question.
    question_columns: Vec<(usize, u32)>,
    /// Column index and the dataset's category index.
    categories: Vec<(usize, usize)>,
    /// Long format without a question column: the score column's header is the question.
    default_question: Option<u32>,
}

impl FileLayout {
    /// Answers a row gives at most: one in a long file, one per question column in a wide one.
    pub(super) fn answers_per_row(&self) -> usize {
        if self.score.is_some() {
            1
        } else {
            self.question_columns.len()
        }
    }

    /// Long files hold their answers in one score column; wide files in question columns.
    pub(super) fn layout(&self) -> super::Layout {
        if self.score.is_some() {
            super::Layout::Long
        } else {
            super::Layout::Wide
        }
    }

    pub(super) fn new(headers: &[String], roles: &[(Role, bool)], builder: &mut DatasetBuilder) -> Option<FileLayout> {
        let find = |role: Role| roles.iter().position(|(r, _)| *r == role);
        let all = |role: Role| {
            roles
                .iter()
                .enumerate()
                .filter(move |(_, (r, _))| *r == role)
                .map(|(i, _)| i)
        };
        let score = find(Role::Score);
        let question_columns: Vec<(usize, u32)> = all(Role::QuestionColumn)
            .map(|i| (i, builder.questions.intern(headers.get(i).map_or("", String::as_str))))
            .collect();
        if score.is_none() && question_columns.is_empty() {
            return None;
        }
        let question = find(Role::Question);
        let default_question = match (score, question) {
            (Some(score), None) => Some(builder.questions.intern(headers.get(score).map_or("", String::as_str))),
            _ => None,
        };
        Some(FileLayout {
            wave: find(Role::Wave),
            week: find(Role::Week),
            phase: find(Role::Phase),
            municipality: find(Role::Municipality),
            date: find(Role::Date),
            question,
            score,
            comments: all(Role::Comment).collect(),
            // A long file's answers come from its score column; question columns are ignored.
            question_columns: if score.is_some() { Vec::new() } else { question_columns },
            categories: all(Role::Category)
                .map(|i| (i, builder.category_index(headers.get(i).map_or("", String::as_str))))
                .collect(),
            default_question,
        })
    }
}

/// The line a record starts on, from its byte offset. The csv reader's own line count lags
/// by one on CRLF files (the record ends at the '\r' and the '\n' is counted with the next),
/// and Danish Excel writes CRLF: count the newlines ourselves. Records come in order, so
/// each byte is counted once.
pub(super) struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    pub(super) fn line_at(&mut self, byte: u64) -> u64 {
        let mut byte = (byte as usize).min(self.text.len());
        // The reader's offset may point at the '\n' of the previous record's CRLF, or at
        // blank lines it skips: the record starts after them.
        while self.text.get(byte).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            byte += 1;
        }
        if byte >= self.counted_to {
            let newlines = self
                .text
                .get(self.counted_to..byte)
                .map_or(0, |part| memchr::memchr_iter(b'\n', part).count());
            self.line += newlines as u64;
            self.counted_to = byte;
        }
        self.line
    }
}

/// The fields of one record, trimmed: a csv record, or a line split at the separator.
pub(super) trait Fields {
    fn count(&self) -> usize;
    /// Field `index`, trimmed; "" past the end.
    fn get(&self, index: usize) -> &str;
}

impl Fields for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }

    fn get(&self, index: usize) -> &str {
        super::lines::trim(self.get(index).unwrap_or(""))
    }
}

impl Fields for ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }

    fn get(&self, index: usize) -> &str {
        field(self, index)
    }
}

/// A line of a file without quotes: its fields are what lies between the separators,
/// already trimmed.
pub(super) struct SplitLine<'a> {
    pub(super) fields: &'a [&'a str],
}

impl Fields for SplitLine<'_> {
    fn count(&self) -> usize {
        self.fields.len()
    }

    fn get(&self, index: usize) -> &str {
        self.fields.get(index).copied().unwrap_or("")
    }
}

/// How many different answer texts a reader remembers: more than any scale has labels, so a
/// file's answers are all remembered, while free text in a score column cannot grow it.
const KNOWN_ANSWERS: usize = 64;

/// The decimal mark of a number written with one, for the report's count of each.
#[derive(Clone, Copy)]
enum NumberMark {
    Comma,
    Point,
}

/// The two values of a row read from text: a week, a date (as days since 1970-01-01).
#[derive(Clone, Copy)]
enum Value {
    Week,
    Date,
}

/// A column's last text and what it read as.
#[derive(Default)]
struct LastRead {
    text: String,
    value: Option<i32>,
}

impl LastRead {
    /// `read(text)`, unless `text` is the last one; never called with "" (an empty cell).
    #[inline(always)]
    fn read(&mut self, text: &str, read: impl Fn(&str) -> Option<i32>) -> Option<i32> {
        if self.text != text {
            self.value = read(text);
            self.text.clear();
            self.text.push_str(text);
        }
        self.value
    }
}

/// Reads records of one file into the builder, remembering per-file counts and caches.
pub(super) struct RowReader<'a> {
    file: &'a str,
    file_id: u32,
    headers: &'a [String],
    layout: FileLayout,
    decimal_mark: DecimalMark,
    builder: &'a mut DatasetBuilder,
    pub(super) labels: HashMap<String, Option<f64>>,
    // The same week and date text repeats row after row: parse it once.
    last_week: LastRead,
    last_date: LastRead,
    last_week_phase: Option<(i32, u32)>,
    /// Answer texts already worked out (up to [`KNOWN_ANSWERS`]).
    known_answers: Vec<(String, Result<Answer, AnswerError>, Option<NumberMark>)>,
    answers: Vec<(u32, Option<f64>, bool)>,
    errors: Vec<Problem>,
}

impl<'a> RowReader<'a> {
    pub(super) fn new(
        file: &'a str,
        headers: &'a [String],
        layout: FileLayout,
        decimal_mark: DecimalMark,
        builder: &'a mut DatasetBuilder,
    ) -> Self {
        let file_id = builder.add_file(file);
        RowReader {
            file,
            file_id,
            headers,
            layout,
            decimal_mark,
            builder,
            labels: HashMap::new(),
            last_week: LastRead::default(),
            last_date: LastRead::default(),
            last_week_phase: None,
            known_answers: Vec::new(),
            answers: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn problem(&self, line: u64, column: usize, kind: ProblemKind) -> Problem {
        Problem {
            file: self.file.to_string(),
            line: Some(line),
            column: Some((column + 1, self.headers.get(column).cloned().unwrap_or_default())),
            kind,
        }
    }

    /// Reads one record that starts on `line`.
    pub(super) fn read(
        &mut self,
        record: &impl Fields,
        line: u64,
        report: &mut FileReport,
        problems: &mut Vec<Problem>,
    ) {
        report.rows_read += 1;
        let expected = self.headers.len();
        if record.count() != expected {
            // Trailing empty fields (a line ending in ";;") carry nothing: not a problem.
            let only_empty_extra =
                record.count() > expected && (expected..record.count()).all(|i| record.get(i).is_empty());
            if !only_empty_extra {
                let column = record.count().min(expected);
                problems.push(self.problem(
                    line,
                    column,
                    ProblemKind::Ragged {
                        expected,
                        found: record.count(),
                    },
                ));
                report.rows_rejected += 1;
                return;
            }
        }
        self.errors.clear();
        self.answers.clear();
        let context = self.context(record, line);
        self.collect_answers(record, line, report);
        if !self.errors.is_empty() {
            problems.append(&mut self.errors);
            report.rows_rejected += 1;
            return;
        }
        let Some(context) = context else { return };
        let mut weeks_outside = false;
        for &(question, score, dont_know) in &self.answers {
            self.builder.push_answer(&context, question, score, dont_know);
            report.answers += 1;
            report.dont_know += usize::from(dont_know);
            weeks_outside |= context.week.is_some_and(|w| phase_of_week(w).is_none()) && self.layout.phase.is_none();
        }
        if weeks_outside {
            report.weeks_outside_scheme += self.answers.len();
        }
        self.collect_comment(record, line, &context);
    }

    /// The fields every answer of the record shares; None (with errors noted) when one is bad.
    fn context(&mut self, record: &impl Fields, line: u64) -> Option<RowContext> {
        let wave_text = self
            .layout
            .wave
            .map(|i| record.get(i))
            .filter(|v| !v.is_empty())
            .unwrap_or(NO_WAVE);
        let week = self.read_value(record, line, self.layout.week, Value::Week);
        let date = self.read_value(record, line, self.layout.date, Value::Date);
        let phase_text = self.layout.phase.map(|i| record.get(i)).filter(|v| !v.is_empty());
        let municipality = self
            .layout
            .municipality
            .map(|i| record.get(i))
            .filter(|v| !v.is_empty());
        let categories = self
            .layout
            .categories
            .iter()
            .map(|&(column, index)| {
                let value = record.get(column);
                (
                    index,
                    (!value.is_empty()).then(|| self.builder.intern_category_value(value)),
                )
            })
            .collect();
        if !self.errors.is_empty() {
            return None;
        }
        Some(RowContext {
            file: self.file_id,
            line: line as u32,
            municipality: municipality.map(|m| self.builder.municipalities.intern(m)),
            wave: self.builder.waves.intern(wave_text),
            week,
            date,
            phase: match phase_text {
                Some(text) => self.builder.phases.intern(text),
                None => self.phase_of_week(week),
            },
            categories,
        })
    }

    /// The week or date in `column` (None when the file has no such column or the cell is
    /// empty); a value that does not read is an error on the row.
    // Inline, so each call site keeps only its own kind of value.
    #[inline(always)]
    fn read_value(&mut self, record: &impl Fields, line: u64, column: Option<usize>, value: Value) -> Option<i32> {
        let (column, text) = column
            .map(|i| (i, record.get(i)))
            .filter(|(_, text)| !text.is_empty())?;
        let read = match value {
            Value::Week => self.last_week.read(text, parse_week),
            Value::Date => self.last_date.read(text, |text| parse_date(text).map(days_since_epoch)),
        };
        if read.is_none() {
            let text = text.to_string();
            let kind = match value {
                Value::Week => ProblemKind::BadWeek { value: text },
                Value::Date => ProblemKind::BadDate { value: text },
            };
            self.errors.push(self.problem(line, column, kind));
        }
        read
    }

    /// The phase id of a week by the default scheme; the last week's is asked again row after
    /// row, so it is kept.
    fn phase_of_week(&mut self, week: Option<i32>) -> u32 {
        if let (Some(week), Some((last_week, phase))) = (week, self.last_week_phase)
            && week == last_week
        {
            return phase;
        }
        let phase = self
            .builder
            .phases
            .intern(week.and_then(phase_of_week).unwrap_or(NO_PHASE));
        if let Some(week) = week {
            self.last_week_phase = Some((week, phase));
        }
        phase
    }

    fn collect_answers(&mut self, record: &impl Fields, line: u64, report: &mut FileReport) {
        if let Some(score_column) = self.layout.score {
            let question = match self.layout.question.map(|i| record.get(i)).filter(|q| !q.is_empty()) {
                Some(text) => self.builder.questions.intern(text),
                None => match self.layout.default_question {
                    Some(question) => question,
                    None => self
                        .builder
                        .questions
                        .intern(self.headers.get(score_column).map_or("", String::as_str)),
                },
            };
            self.answer(record, line, score_column, question, report);
        } else {
            for k in 0..self.layout.question_columns.len() {
                if let Some(&(column, question)) = self.layout.question_columns.get(k) {
                    self.answer(record, line, column, question, report);
                }
            }
        }
    }

    fn answer(&mut self, record: &impl Fields, line: u64, column: usize, question: u32, report: &mut FileReport) {
        let text = record.get(column);
        let (parsed, number_mark) = self.parse_answer(text);
        match number_mark {
            Some(NumberMark::Comma) => report.decimal_commas += 1,
            Some(NumberMark::Point) => report.decimal_points += 1,
            None => {}
        }
        match parsed {
            Ok(Answer::Missing) => {}
            Ok(Answer::Score(score)) => self.answers.push((question, Some(score), false)),
            Ok(Answer::DontKnow) => self.answers.push((question, None, true)),
            Err(AnswerError::OutOfScale) => self.errors.push(self.problem(
                line,
                column,
                ProblemKind::OutOfScale {
                    value: text.to_string(),
                },
            )),
            Err(AnswerError::UnknownLabel) => self.errors.push(self.problem(
                line,
                column,
                ProblemKind::UnknownLabel {
                    value: text.to_string(),
                },
            )),
        }
    }

    /// An answer text read, and the decimal mark it was written with. A file holds a handful
    /// of different answer texts, row after row ("Tilfreds", "Ved ikke", "3,5"): each is
    /// worked out once, and its label noted for the report then.
    fn parse_answer(&mut self, text: &str) -> (Result<Answer, AnswerError>, Option<NumberMark>) {
        // Most answers in a big file are one digit: nothing to look up, nothing to note.
        if text.len() == 1 {
            return (parse_answer(text, self.decimal_mark), None);
        }
        if let Some((_, parsed, mark)) = self.known_answers.iter().find(|(known, _, _)| known == text) {
            return (parsed.clone(), *mark);
        }
        let parsed = parse_answer(text, self.decimal_mark);
        let starts_with_digit = text.as_bytes().first().is_some_and(u8::is_ascii_digit);
        // Only numbers read as scores tell which decimal mark the file uses.
        let mark = if !(starts_with_digit && matches!(parsed, Ok(Answer::Score(_)))) {
            None
        } else if text.contains(',') {
            Some(NumberMark::Comma)
        } else if text.contains('.') {
            Some(NumberMark::Point)
        } else {
            None
        };
        match parsed {
            Ok(Answer::Score(score)) if !starts_with_digit => self.note_label(text, Some(score)),
            Ok(Answer::DontKnow) if !starts_with_digit => self.note_label(text, None),
            _ => {}
        }
        if self.known_answers.len() < KNOWN_ANSWERS {
            self.known_answers.push((text.to_string(), parsed.clone(), mark));
        }
        (parsed, mark)
    }

    fn note_label(&mut self, text: &str, value: Option<f64>) {
        if !self.labels.contains_key(text) {
            self.labels.insert(text.to_string(), value);
        }
    }

    fn collect_comment(&mut self, record: &impl Fields, line: u64, context: &RowContext) {
        let mut text = String::new();
        for &column in &self.layout.comments {
            let value = record.get(column);
            if !value.is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(value);
            }
        }
        if text.is_empty() {
            return;
        }
        let question = self
            .layout
            .question
            .map(|i| record.get(i).to_string())
            .filter(|q| !q.is_empty() && self.layout.score.is_some());
        let builder = &self.builder;
        self.builder.comments.push(Comment {
            file: self.file.to_string(),
            line,
            municipality: context.municipality.map(|m| builder.municipalities.name(m).to_string()),
            wave: builder.waves.name(context.wave).to_string(),
            week: context.week,
            date: context.date.and_then(super::values::date_from_days),
            phase: builder.phases.name(context.phase).to_string(),
            question,
            text,
        });
    }
}
