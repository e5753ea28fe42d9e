//! Reading the rows of one file once its columns have roles: the shared fields of a row, its
//! answers, its comment, and the problems of each, with file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use csv::ByteRecord;

use super::FileReport;
use super::columns::Role;
use super::likert::{Answer, AnswerError, DecimalMark, parse_answer};
use super::problems::{Problem, ProblemKind};
use super::reader::field;
use super::responses::Identity;
use super::roles::answer_text;
use super::values::{clean_name, parse_week, phase_of_week_span};
use crate::dataset::{Comment, DatasetBuilder, RowContext};
use crate::dates::{DateOrder, days_since_epoch, parse_date};
use crate::phases::{NO_PHASE, NO_WAVE, normalise_phase, phase_of_week};
use crate::plan::{Plan, normalise_wave};
use crate::text_key::TextKey;

mod kinds;

use kinds::{disagrees, is_excel_error, is_test_name, is_total_label};
pub(super) use kinds::{repeats_header, total_row};

/// Everything decided about a file before its rows are read: where each role sits, what its
/// codes mean, how its dates read. Shared by every thread reading a part of the file.
pub(super) struct FileSetup<'a> {
    pub file: &'a str,
    /// The sheet of a workbook, for the problems' places.
    pub sheet: Option<&'a str>,
    pub headers: &'a [String],
    /// What each column is called in the data: the question text where a structure file
    /// gives one, else the header.
    pub names: &'a [String],
    pub roles: &'a [Role],
    /// Per column, the texts its codes stand for.
    pub codes: Vec<Option<&'a BTreeMap<String, String>>>,
    /// Answer texts the user says are "don't know" (`--dont-know 6`).
    pub dont_know: &'a [String],
    /// Date columns in the order they are tried, each with its day-month order.
    pub dates: Vec<(usize, Option<DateOrder>)>,
    /// The weeks come from the dates: a date that does not read fails its row.
    pub date_needed: bool,
    pub plan: Option<&'a Plan>,
    pub decimal_mark: DecimalMark,
    /// A text's separator (a sheet has none): a quoted field that holds a line with a whole
    /// row's separators is told.
    pub separator: Option<u8>,
    /// The response-id and answer-time columns, to know a response given twice.
    pub identity: Option<Identity>,
    /// Without a wave column: the wave the file's name names, for the answers the plan does
    /// not place.
    pub wave_from_name: Option<String>,
}

/// Where each role sits in this file, with the ids of its questions and categories in one
/// builder.
pub(super) struct FileLayout {
    wave: Option<usize>,
    week: Option<usize>,
    phase: Option<usize>,
    municipality: Option<usize>,
    question: Option<usize>,
    score: Option<usize>,
    comments: Vec<usize>,
    /// Wide format: column index and the interned question.
    question_columns: Vec<(usize, u32)>,
    /// Column index and the dataset's category index.
    categories: Vec<(usize, usize)>,
    /// LimeSurvey's "submitdate": empty in a response that was never completed.
    submitted: Option<usize>,
    /// By column: a question whose text says 1 is the best ("1 = Meget tilfreds"): its
    /// numbers are read as 6 minus the number.
    reversed: Vec<bool>,
    /// By column: a code list whose scale labels sit at other numbers than their codes
    /// (1 = "Meget tilfreds"), so a code it lacks cannot be read as its number.
    codes_disagree: Vec<bool>,
}

impl FileLayout {
    /// Long files hold their answers in one score column; wide files in question columns.
    pub(super) fn layout(roles: &[Role]) -> Option<super::Layout> {
        if roles.contains(&Role::Score) {
            Some(super::Layout::Long)
        } else if roles.contains(&Role::QuestionColumn) {
            Some(super::Layout::Wide)
        } else {
            None
        }
    }

    pub(super) fn new(setup: &FileSetup, builder: &mut DatasetBuilder) -> FileLayout {
        let roles = setup.roles;
        let find = |role: Role| roles.iter().position(|r| *r == role);
        let all = |role: Role| {
            roles
                .iter()
                .enumerate()
                .filter(move |(_, r)| **r == role)
                .map(|(i, _)| i)
        };
        let name = |i: usize| setup.names.get(i).map_or("", String::as_str);
        let score = find(Role::Score);
        FileLayout {
            wave: find(Role::Wave),
            week: find(Role::Week),
            phase: find(Role::Phase),
            municipality: find(Role::Municipality),
            question: find(Role::Question),
            score,
            comments: all(Role::Comment).collect(),
            // A long file's answers come from its score column.
            question_columns: if score.is_some() {
                Vec::new()
            } else {
                all(Role::QuestionColumn)
                    .map(|i| (i, builder.questions.intern(&clean_name(name(i)))))
                    .collect()
            },
            categories: all(Role::Category)
                .map(|i| (i, builder.category_index(name(i))))
                .collect(),
            submitted: setup.headers.iter().position(|h| {
                ["submitdate", "date submitted"]
                    .iter()
                    .any(|name| h.trim().eq_ignore_ascii_case(name))
            }),
            codes_disagree: setup.codes.iter().map(|codes| codes.is_some_and(disagrees)).collect(),
            reversed: (0..setup.headers.len())
                .map(|i| {
                    let answers = matches!(roles.get(i), Some(Role::QuestionColumn | Role::Score));
                    let coded = setup.codes.get(i).copied().flatten().is_some();
                    answers && !coded && super::scale::reversed_by_words(name(i))
                })
                .collect(),
        }
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
    /// The byte that ends a line: '\n', or '\r' in an old Mac file without any '\n'.
    line_end: u8,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let cr_only = memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some();
        LineCounter {
            text: bytes,
            counted_to: 0,
            line: 1,
            line_end: if cr_only { b'\r' } else { b'\n' },
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
                .map_or(0, |part| memchr::memchr_iter(self.line_end, part).count());
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
    /// Whether a field holds a line break (only a quoted field can).
    fn has_line_break(&self) -> bool {
        false
    }
}

impl Fields for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }

    fn has_line_break(&self) -> bool {
        memchr::memchr(b'\n', self.as_slice().as_bytes()).is_some()
    }

    fn get(&self, index: usize) -> &str {
        super::lines::trim(self.get(index).unwrap_or(""))
    }
}

impl Fields for ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }

    fn has_line_break(&self) -> bool {
        memchr::memchr(b'\n', self.as_slice()).is_some()
    }

    fn get(&self, index: usize) -> &str {
        field(self, index)
    }
}

/// A workbook's row, as text.
impl Fields for Vec<String> {
    fn count(&self) -> usize {
        self.len()
    }

    fn get(&self, index: usize) -> &str {
        super::lines::trim(self.as_slice().get(index).map_or("", String::as_str))
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

/// A name column's texts as they are in the file, to the data set's ids of the cleaned names
/// ([`clean_name`]): a text is cleaned once, where it is first met, not on every row.
#[derive(Default)]
struct TextIds {
    texts: crate::dataset::Interner,
    /// By the text's id in `texts`.
    ids: Vec<u32>,
}

impl TextIds {
    /// The data set's id of `text`; `intern` gives it for the cleaned text on first sight.
    fn id(&mut self, text: &str, intern: impl FnOnce(&str) -> u32) -> u32 {
        let seen = self.texts.intern(text) as usize;
        if let Some(&id) = self.ids.get(seen) {
            return id;
        }
        let id = intern(&clean_name(text));
        self.ids.push(id);
        id
    }

    /// [`TextIds::id`], or None for a text `refuse` says is no name (weighed once per text,
    /// never interned).
    fn id_unless(
        &mut self,
        text: &str,
        refuse: impl Fn(&str) -> bool,
        intern: impl FnOnce(&str) -> u32,
    ) -> Option<u32> {
        let seen = self.texts.intern(text) as usize;
        if let Some(&id) = self.ids.get(seen) {
            return (id != NOT_A_NAME).then_some(id);
        }
        let id = if refuse(text) {
            NOT_A_NAME
        } else {
            intern(&clean_name(text))
        };
        self.ids.push(id);
        (id != NOT_A_NAME).then_some(id)
    }
}

/// A text [`TextIds::id_unless`] refused.
const NOT_A_NAME: u32 = u32::MAX;

/// The name columns' [`TextIds`].
#[derive(Default)]
struct NameIds {
    waves: TextIds,
    phases: TextIds,
    municipalities: TextIds,
    questions: TextIds,
    category_values: TextIds,
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
    setup: &'a FileSetup<'a>,
    file_id: u32,
    layout: FileLayout,
    builder: &'a mut DatasetBuilder,
    pub(super) labels: HashMap<String, Option<f64>>,
    // The same week and date text repeats row after row: parse it once.
    last_week: LastRead,
    last_dates: Vec<LastRead>,
    last_week_phase: Option<(i32, u32)>,
    /// Each name column's texts as met, to the data set's ids of their cleaned names.
    names: NameIds,
    /// The phase of this row's week span ("Uge 1-3"), whose week is not known.
    span_phase: Option<&'static str>,
    /// The plan's wave of the last municipality, and each wave's start day by wave id.
    last_planned: Option<(String, Option<u32>)>,
    starts: HashMap<u32, Option<i32>>,
    /// Answer texts already worked out (up to [`KNOWN_ANSWERS`]), with their keys.
    known_answers: Vec<(String, Result<Answer, AnswerError>, Option<NumberMark>)>,
    known_keys: Vec<TextKey>,
    answers: Vec<(u32, Option<f64>, bool)>,
    errors: Vec<Problem>,
    /// The first data row is looked at for being a second header row.
    first_row: bool,
    /// Set by `context`: the row's municipality cell holds a total's word (an average row
    /// beside the data, "Gennemsnit" where the municipality goes), in this column.
    total_in: Option<usize>,
}

impl<'a> RowReader<'a> {
    pub(super) fn new(setup: &'a FileSetup<'a>, builder: &'a mut DatasetBuilder) -> Self {
        let file_id = builder.add_file(setup.file);
        let layout = FileLayout::new(setup, builder);
        RowReader {
            setup,
            file_id,
            layout,
            builder,
            labels: HashMap::new(),
            last_week: LastRead::default(),
            span_phase: None,
            last_dates: setup.dates.iter().map(|_| LastRead::default()).collect(),
            last_week_phase: None,
            names: NameIds::default(),
            last_planned: None,
            starts: HashMap::new(),
            known_answers: Vec::new(),
            known_keys: Vec::new(),
            answers: Vec::new(),
            errors: Vec::new(),
            first_row: true,
            total_in: None,
        }
    }

    fn problem(&self, line: u64, column: usize, kind: ProblemKind) -> Problem {
        Problem {
            file: self.setup.file.to_string(),
            sheet: self.setup.sheet.map(str::to_string),
            line: Some(line),
            column: Some((column + 1, self.setup.headers.get(column).cloned().unwrap_or_default())),
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
        let expected = self.setup.headers.len();
        if record.count() != expected {
            // Trailing empty fields (a line ending in ";;") carry nothing; a workbook's rows
            // are as wide as its widest row: not problems.
            let only_empty_extra =
                record.count() > expected && (expected..record.count()).all(|i| record.get(i).is_empty());
            let short_sheet_row = self.setup.sheet.is_some() && record.count() < expected;
            if !only_empty_extra && !short_sheet_row {
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
        // A table's total row ("I alt", "Total" and the columns' averages) holds no answers.
        if let Some(column) = total_row(record) {
            problems.push(self.problem(line, column, ProblemKind::TotalRow));
            return;
        }
        if repeats_header(record, self.setup.headers) {
            problems.push(Problem {
                column: None,
                ..self.problem(line, 0, ProblemKind::HeaderAgain)
            });
            return;
        }
        if let Some(separator) = self.setup.separator
            && record.has_line_break()
        {
            self.tell_row_inside_quotes(record, line, separator, problems);
        }
        let context = self.context(record, line, report);
        if let Some(column) = self.total_in.take() {
            self.errors.clear();
            problems.push(self.problem(line, column, ProblemKind::TotalRow));
            return;
        }
        self.collect_answers(record, line, report);
        if std::mem::take(&mut self.first_row) && self.looks_like_header_row() {
            problems.push(Problem {
                column: None,
                ..self.problem(line, 0, ProblemKind::SecondHeaderRow)
            });
        }
        if self.errors.iter().any(Problem::is_error) {
            problems.append(&mut self.errors);
            report.rows_rejected += 1;
            return;
        }
        problems.append(&mut self.errors);
        let Some(context) = context else { return };
        if let Some(identity) = self.setup.identity
            && !self.answers.is_empty()
        {
            self.note_response(identity, record, context.date, line, report);
        }
        if !self.answers.is_empty() {
            self.note_empty_context(record, line, report);
            if self
                .layout
                .submitted
                .is_some_and(|column| record.get(column).is_empty())
            {
                let entry = report.unsubmitted.get_or_insert((0, line));
                entry.0 += 1;
            }
        }
        self.builder.push_answers(&context, &self.answers);
        report.answers += self.answers.len();
        report.dont_know += self.answers.iter().filter(|(_, _, dont_know)| *dont_know).count();
        let weeks_outside = context.week.is_some_and(|w| phase_of_week(w).is_none()) && self.layout.phase.is_none();
        if weeks_outside && !self.answers.is_empty() {
            report.weeks_outside_scheme += self.answers.len();
            report.note_weeks_outside(context.week.map(|week| (week, week)));
        }
        self.collect_comment(record, line, &context);
    }

    /// The response's keys, to know it again in this file or another (`responses`).
    /// `date`: the row's day as its date column reads (the answer time, mostly).
    fn note_response(
        &mut self,
        identity: Identity,
        record: &impl Fields,
        date: Option<i32>,
        line: u64,
        report: &mut FileReport,
    ) {
        let field = |column: Option<usize>| column.map_or("", |i| record.get(i).trim_ascii());
        let layout = &self.layout;
        let mut says = FxHasher::default();
        for column in [
            layout.wave,
            layout.municipality,
            layout.week,
            layout.phase,
            layout.question,
        ] {
            field(column).hash(&mut says);
        }
        for &(column, _) in &layout.categories {
            field(Some(column)).hash(&mut says);
        }
        // One form per wave: the same ids and minutes in two waves' files are two responses.
        self.setup.wave_from_name.hash(&mut says);
        for (_, score, dont_know) in &self.answers {
            (score.map(f64::to_bits), dont_know).hash(&mut says);
        }
        let order = identity
            .time
            .and_then(|time| self.setup.dates.iter().find(|(column, _)| *column == time))
            .and_then(|(_, order)| *order);
        // The row's date is read already where the time is the date column; else (an order not
        // settled, another date column) the time's date is read for the key.
        let time = field(identity.time);
        let time_is_the_date = self.setup.dates.first().map(|(column, _)| *column) == identity.time;
        let day = match date {
            Some(day) if time_is_the_date => Some(day),
            _ => super::responses::day_of(time, order),
        };
        if let Some(key) = super::responses::key(field(identity.id), time, day, says.finish(), line) {
            report.response_keys.push(key);
        }
    }

    /// Counts the row's empty wave, week, phase and (long file) question cells: its answers
    /// then fall under "Alle", "Uden fase" or the score column's name, told once for the file.
    fn note_empty_context(&self, record: &impl Fields, line: u64, report: &mut FileReport) {
        // A long file's question too: an empty one counts under the score column's name.
        let question = self.layout.question.filter(|_| self.layout.score.is_some());
        for column in [self.layout.wave, self.layout.week, self.layout.phase, question]
            .into_iter()
            .flatten()
        {
            if record.get(column).is_empty() {
                let entry = report.empty_context.entry(column).or_insert((0, line));
                entry.0 += 1;
            }
        }
    }

    /// A field that spans lines, one of which holds exactly a row's separators, is most likely
    /// a quote left open that swallowed the rows after it (told once per record).
    fn tell_row_inside_quotes(&self, record: &impl Fields, line: u64, separator: u8, problems: &mut Vec<Problem>) {
        let separators = self.setup.headers.len().saturating_sub(1);
        if separators == 0 {
            return;
        }
        let mut lines_before = 0u64;
        for column in 0..record.count() {
            let text = record.get(column);
            for (offset, inner) in text.split('\n').enumerate().skip(1) {
                if inner.bytes().filter(|&b| b == separator).count() == separators {
                    let inner_line = line + lines_before + offset as u64;
                    problems.push(self.problem(line, column, ProblemKind::RowInsideQuotes { inner_line }));
                    return;
                }
            }
            lines_before += memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
        }
    }

    /// Every answer field of the row is text that is no answer: the options' names under the
    /// questions, as a second header row holds them.
    fn looks_like_header_row(&self) -> bool {
        let unknown = self
            .errors
            .iter()
            .filter(|p| matches!(p.kind, ProblemKind::UnknownLabel { .. }))
            .count();
        unknown >= 2 && self.answers.is_empty()
    }

    /// Field `column` of the record as the data means it: a code is its label.
    fn cell<'r>(&self, record: &'r impl Fields, column: usize) -> &'r str
    where
        'a: 'r,
    {
        let text = record.get(column);
        match self.setup.codes.get(column).copied().flatten() {
            Some(codes) if !text.is_empty() => codes.get(text).map_or(text, String::as_str),
            _ => text,
        }
    }

    /// The fields every answer of the record shares; None (with errors noted) when one is bad.
    fn context(&mut self, record: &impl Fields, line: u64, report: &mut FileReport) -> Option<RowContext> {
        // Names are cleaned (odd spaces) where a text is first met: see `NameIds`.
        let wave_text = self.layout.wave.map(|i| self.cell(record, i)).filter(|v| !v.is_empty());
        let week = self.read_week(record, line);
        let date = self.read_date(record, line);
        let phase_text = self
            .layout
            .phase
            .map(|i| self.cell(record, i))
            .filter(|v| !v.is_empty());
        let municipality = self
            .layout
            .municipality
            .map(|i| self.cell(record, i))
            .filter(|v| !v.is_empty());
        // The municipality's id first: a total's word there ("Gennemsnit") makes no name.
        let municipality_id = match municipality {
            Some(m) => {
                let municipalities = &mut self.builder.municipalities;
                let known = self.names.municipalities.ids.len();
                let id = self
                    .names
                    .municipalities
                    .id_unless(m, is_total_label, |clean| municipalities.intern(clean));
                if id.is_none() {
                    self.total_in = self.layout.municipality;
                    return None;
                }
                // A test response ("Test", "Testkommune", "xxx"), told where it is first met.
                if self.names.municipalities.ids.len() > known && is_test_name(m) {
                    report.test_names.push((m.to_string(), line));
                }
                id
            }
            None => None,
        };
        // A workbook's formula saved without its value reads as its formula: no name.
        if self.setup.sheet.is_some() {
            for column in [self.layout.wave, self.layout.phase, self.layout.municipality]
                .into_iter()
                .flatten()
            {
                let text = self.cell(record, column);
                if text.starts_with('=') {
                    let formula = text.to_string();
                    self.errors
                        .push(self.problem(line, column, ProblemKind::FormulaWithoutValue { formula }));
                }
            }
        }
        let mut categories = Vec::with_capacity(self.layout.categories.len());
        for k in 0..self.layout.categories.len() {
            let Some(&(column, index)) = self.layout.categories.get(k) else {
                continue;
            };
            let value = self.cell(record, column);
            let builder = &mut *self.builder;
            let id = (!value.is_empty()).then(|| {
                self.names
                    .category_values
                    .id(value, |clean| builder.intern_category_value(clean))
            });
            categories.push((index, id));
        }
        if self.errors.iter().any(Problem::is_error) {
            return None;
        }
        let wave = match wave_text {
            Some(text) => {
                let waves = &mut self.builder.waves;
                self.names.waves.id(text, |clean| waves.intern(&normalise_wave(clean)))
            }
            None => self.planned_wave(municipality.map(clean_name).as_deref(), report),
        };
        // One form used at every check-in: the week is counted from the wave's start.
        let week = match (week, date) {
            (None, Some(day)) if self.layout.week.is_none() && self.layout.phase.is_none() => {
                self.start_of(wave).map(|start| (day - start).div_euclid(7) + 1)
            }
            // A week column beside a date the plan places: they should agree (a calendar week
            // says another week than the rollout's).
            (Some(written), Some(day)) => {
                if let Some(start) = self.start_of(wave)
                    && (day - start).div_euclid(7) + 1 != written
                {
                    let entry = report.week_plan_clashes.get_or_insert((0, line));
                    entry.0 += 1;
                }
                week
            }
            _ => week,
        };
        // A week of one phase under another phase's name: the phase column is used, and told.
        if let (Some(text), Some(week_phase)) = (phase_text, week.and_then(phase_of_week)) {
            let named = normalise_phase(text);
            if crate::phases::DEFAULT_PHASES.contains(&named.as_ref()) && named != week_phase {
                let entry = report.week_phase_clashes.get_or_insert((0, line));
                entry.0 += 1;
            }
        }
        let municipality = municipality_id;
        Some(RowContext {
            file: self.file_id,
            line: line as u32,
            municipality,
            wave,
            week,
            date,
            phase: match (phase_text, self.span_phase) {
                (Some(text), _) => {
                    let phases = &mut self.builder.phases;
                    self.names
                        .phases
                        .id(text, |clean| phases.intern(&normalise_phase(clean)))
                }
                (None, Some(phase)) if week.is_none() => self.builder.phases.intern(phase),
                (None, _) => self.phase_of_week(week),
            },
            categories,
        })
    }

    /// The wave the plan places a municipality in; "Alle" without a plan or a place.
    fn planned_wave(&mut self, municipality: Option<&str>, report: &mut FileReport) -> u32 {
        let (Some(plan), Some(municipality)) = (self.setup.plan, municipality) else {
            return self.unplanned_wave(report);
        };
        let wave = match &self.last_planned {
            Some((last, wave)) if last == municipality => *wave,
            _ => {
                let wave = plan.wave_of(municipality).map(|name| self.builder.waves.intern(name));
                self.last_planned = Some((municipality.to_string(), wave));
                wave
            }
        };
        let Some(wave) = wave else {
            *report.not_in_plan.entry(municipality.to_string()).or_default() += 1;
            return self.unplanned_wave(report);
        };
        // The plan wins over the file's name: told when they differ.
        if let Some(named) = self.setup.wave_from_name.as_deref()
            && self.builder.waves.name(wave) != named
        {
            report.named_wave_rows.1 += 1;
        }
        wave
    }

    /// The wave of an answer neither a column nor the plan places: the file name's, else none.
    fn unplanned_wave(&mut self, report: &mut FileReport) -> u32 {
        let name = self.setup.wave_from_name.as_deref().unwrap_or(NO_WAVE);
        if self.setup.wave_from_name.is_some() {
            report.named_wave_rows.0 += 1;
        }
        self.builder.waves.intern(name)
    }

    /// The day the plan says a wave's week 1 began (days since 1970-01-01).
    fn start_of(&mut self, wave: u32) -> Option<i32> {
        let plan = self.setup.plan?;
        if let Some(start) = self.starts.get(&wave) {
            return *start;
        }
        let start = plan.start_of(self.builder.waves.name(wave)).map(days_since_epoch);
        self.starts.insert(wave, start);
        start
    }

    /// The week in the week column (None without one or in an empty cell); a value that
    /// does not read is an error on the row.
    fn read_week(&mut self, record: &impl Fields, line: u64) -> Option<i32> {
        self.span_phase = None;
        let column = self.layout.week?;
        let text = self.cell(record, column);
        if text.is_empty() {
            return None;
        }
        let week = self.last_week.read(text, parse_week);
        self.span_phase = week.is_none().then(|| phase_of_week_span(text)).flatten();
        if week.is_none() && self.span_phase.is_none() {
            let kind = ProblemKind::BadWeek {
                value: text.to_string(),
            };
            self.errors.push(self.problem(line, column, kind));
        }
        week
    }

    /// The first date that reads among the date columns (days since 1970-01-01). A date that
    /// does not read fails the row where the weeks come from the dates, and is only told
    /// otherwise.
    fn read_date(&mut self, record: &impl Fields, line: u64) -> Option<i32> {
        let setup = self.setup;
        let mut unread = None;
        for (k, &(column, order)) in setup.dates.iter().enumerate() {
            let text = record.get(column);
            if text.is_empty() {
                continue;
            }
            let read = self
                .last_dates
                .get_mut(k)
                .and_then(|last| last.read(text, |text| parse_date(text, order).map(days_since_epoch)));
            if read.is_some() {
                return read;
            }
            unread = unread.or(Some((column, text)));
        }
        let (column, text) = unread?;
        let value = text.to_string();
        let kind = if setup.date_needed {
            ProblemKind::BadDate { value }
        } else {
            ProblemKind::DateNotRead { value }
        };
        self.errors.push(self.problem(line, column, kind));
        None
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
            let question_text = self
                .layout
                .question
                .map(|i| self.cell(record, i))
                .filter(|q| !q.is_empty());
            let question = match question_text {
                Some(text) => {
                    let questions = &mut self.builder.questions;
                    self.names.questions.id(text, |clean| questions.intern(clean))
                }
                None => {
                    let name = self.setup.names.get(score_column).map_or("", String::as_str);
                    self.builder.questions.intern(name)
                }
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
        let code = record.get(column);
        let label = self
            .setup
            .codes
            .get(column)
            .copied()
            .flatten()
            .and_then(|codes| codes.get(code))
            .map(String::as_str);
        let text = answer_text(code, label);
        // A workbook's formula saved without its value reads as its formula (`xlsx`).
        if self.setup.sheet.is_some() && text.starts_with('=') {
            let formula = text.to_string();
            self.errors
                .push(self.problem(line, column, ProblemKind::FormulaWithoutValue { formula }));
            return;
        }
        if is_excel_error(text) {
            let value = text.to_string();
            self.errors
                .push(self.problem(line, column, ProblemKind::ExcelError { value }));
            return;
        }
        if label.is_none()
            && !code.is_empty()
            && self.layout.codes_disagree.get(column).copied().unwrap_or(false)
            && !self.is_extra_dont_know(code)
        {
            let value = code.to_string();
            self.errors
                .push(self.problem(line, column, ProblemKind::CodeNotInList { value }));
            return;
        }
        let (parsed, number_mark) = if self.is_extra_dont_know(code) || self.is_extra_dont_know(text) {
            (Ok(Answer::DontKnow), None)
        } else {
            self.parse_answer(text)
        };
        match number_mark {
            Some(NumberMark::Comma) => report.decimal_commas += 1,
            Some(NumberMark::Point) => report.decimal_points += 1,
            None => {}
        }
        match parsed {
            Ok(Answer::Missing) => {}
            // A respondent picks a point (or a half): 3,6 is an average someone typed in.
            Ok(Answer::Score(score)) if (score * 2.0) as i64 as f64 != score * 2.0 => {
                let value = text.to_string();
                self.errors
                    .push(self.problem(line, column, ProblemKind::NotAScalePoint { value }));
            }
            Ok(Answer::Score(score)) if self.layout.reversed.get(column).copied().unwrap_or(false) => {
                self.answers.push((question, Some(6.0 - score), false));
            }
            Ok(Answer::Score(score)) => self.answers.push((question, Some(score), false)),
            Ok(Answer::DontKnow) => self.answers.push((question, None, true)),
            Err(AnswerError::OutOfScale) => {
                let entry = report
                    .codes_outside_scale
                    .entry((column, text.to_string()))
                    .or_insert((0, line));
                entry.0 += 1;
                self.errors.push(self.problem(
                    line,
                    column,
                    ProblemKind::OutOfScale {
                        value: text.to_string(),
                    },
                ))
            }
            Err(AnswerError::UnknownLabel) => self.errors.push(self.problem(
                line,
                column,
                ProblemKind::UnknownLabel {
                    value: text.to_string(),
                },
            )),
        }
    }

    fn is_extra_dont_know(&self, text: &str) -> bool {
        !text.is_empty() && self.setup.dont_know.iter().any(|d| d.trim().eq_ignore_ascii_case(text))
    }

    /// An answer text read, and the decimal mark it was written with. A file holds a handful
    /// of different answer texts, row after row ("Tilfreds", "Ved ikke", "3,5"): each is
    /// worked out once, and its label noted for the report then.
    fn parse_answer(&mut self, text: &str) -> (Result<Answer, AnswerError>, Option<NumberMark>) {
        let decimal_mark = self.setup.decimal_mark;
        // Most answers in a big file are one digit: nothing to look up, nothing to note.
        if text.len() == 1 {
            return (parse_answer(text, decimal_mark), None);
        }
        let key = TextKey::of(text);
        let mut known = self.known_keys.iter().zip(&self.known_answers);
        if let Some((_, (_, parsed, mark))) = known.find(|(known_key, (known, _, _))| known_key.is(known, key, text)) {
            return (parsed.clone(), *mark);
        }
        let parsed = parse_answer(text, decimal_mark);
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
            self.known_keys.push(key);
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
            .map(|i| self.cell(record, i).to_string())
            .filter(|q| !q.is_empty() && self.layout.score.is_some());
        let builder = &self.builder;
        self.builder.comments.push(Comment {
            file: self.setup.file.to_string(),
            line,
            municipality: context.municipality.map(|m| builder.municipalities.name(m).to_string()),
            wave: builder.waves.name(context.wave).to_string(),
            week: context.week,
            date: context.date.and_then(crate::dates::date_from_days),
            phase: builder.phases.name(context.phase).to_string(),
            question,
            text,
        });
    }
}
