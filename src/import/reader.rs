//! Reading one file into the dataset builder: its header rows, a look at every value of every
//! column (the profile), the roles decided from that, then the rows.

use std::collections::{BTreeMap, HashMap, HashSet};

use csv::{ByteRecord, StringRecord};

use super::columns::Role;
use super::labels::{Labels, Structure};
use super::lines::{split_at_line_ends, trim};
use super::problems::{Problem, ProblemKind};
use super::profile::ColumnProfile;
use super::roles::{self, Decision};
use super::rows::{Fields, FileLayout, FileSetup, LineCounter, RowReader, SplitLine};
use super::sniff::{decode_reporting, detect_separator, find_unclosed_quote, has_quote, looks_binary};
use super::tools::{self, Tool};
use super::xlsx::{self, SheetRows};
use super::{ColumnReport, DateReport, FileReport, ImportOptions, Source};
use crate::dataset::DatasetBuilder;
use crate::dates::{DateOrder, OrderEvidence};

const PREVIEW_ROWS: usize = 10;

/// What other files say about a data file: the codes' texts, the variables' questions.
pub(super) struct Companions<'a> {
    pub labels: &'a Labels,
    pub structure: &'a Structure,
}

/// A file's records: text (any separator, quoted or not) or a workbook's sheet.
enum Table<'t> {
    Text {
        text: &'t str,
        separator: u8,
        /// Without a quote every line is a record: read in parallel line chunks.
        plain_lines: bool,
    },
    Sheet {
        rows: &'t SheetRows,
        name: String,
    },
}

/// Something done with each record of a table: its index among the records (blank ones
/// included), the line (or sheet row) it starts on, its fields. False stops the walk.
trait Visit {
    fn visit<F: Fields>(&mut self, index: usize, line: u64, record: &F) -> bool;
}

impl Table<'_> {
    /// Visits every record; a record the csv reader cannot read ends the walk with its
    /// line and why.
    fn walk(&self, visitor: &mut impl Visit) -> Result<(), (u64, String)> {
        match self {
            Table::Text {
                text,
                separator,
                plain_lines: true,
            } => {
                let (mut index, mut going) = (0, true);
                super::lines::for_each_line(text, *separator, |fields| {
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

    fn sheet(&self) -> Option<&str> {
        match self {
            Table::Sheet { name, .. } => Some(name),
            Table::Text { .. } => None,
        }
    }
}

fn is_blank(record: &impl Fields) -> bool {
    (0..record.count()).all(|i| record.get(i).is_empty())
}

/// The header rows and the first data rows, read before anything is decided.
#[derive(Default)]
struct Head {
    /// Non-blank records: (index, line, fields), up to the preview's length past the headers.
    records: Vec<(usize, u64, Vec<String>)>,
    /// The line and column of a field past [`MAX_FIELD_BYTES`].
    too_long: Option<(u64, usize)>,
}

/// No survey answer, comment or header is this long; a file that has one is no export (and
/// reading it on would take memory without bound).
const MAX_FIELD_BYTES: usize = 1 << 20;
const MAX_COLUMNS: usize = 10_000;

fn too_long_field(record: &impl Fields) -> Option<usize> {
    (0..record.count()).find(|&i| record.get(i).len() > MAX_FIELD_BYTES)
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

/// Every value of every column, after the header rows.
struct Profiler {
    /// The line the data starts on (after the header rows).
    first_line: u64,
    profiles: Vec<ColumnProfile>,
    too_long: Option<(u64, usize)>,
}

impl Visit for Profiler {
    fn visit<F: Fields>(&mut self, _index: usize, line: u64, record: &F) -> bool {
        if let Some(column) = too_long_field(record) {
            self.too_long = self.too_long.or(Some((line, column)));
            return false;
        }
        if line >= self.first_line {
            for (i, profile) in self.profiles.iter_mut().enumerate() {
                profile.add(record.get(i));
            }
        }
        true
    }
}

/// The rows, read into the data set.
struct Rows<'r, 's> {
    first_line: u64,
    reader: RowReader<'r>,
    report: &'s mut FileReport,
    problems: &'s mut Vec<Problem>,
}

impl Visit for Rows<'_, '_> {
    fn visit<F: Fields>(&mut self, _index: usize, line: u64, record: &F) -> bool {
        if line >= self.first_line && !is_blank(record) {
            self.reader.read(record, line, self.report, self.problems);
        }
        true
    }
}

pub(super) fn read_file(
    source: &Source,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let file = source.name.as_str();
    let whole_file = |kind| Problem::of_file(file, kind);
    if xlsx::is_ole_xls(&source.bytes) {
        problems.push(whole_file(ProblemKind::OldExcel));
        return;
    }
    if xlsx::is_xlsx(&source.bytes) {
        read_workbook(source, options, companions, builder, report, problems);
        return;
    }
    let decoded = decode_reporting(&source.bytes);
    let (text, encoding) = (decoded.text, decoded.encoding);
    report.encoding = Some(encoding);
    for line in decoded.repaired_lines {
        problems.push(Problem {
            line: Some(line),
            ..whole_file(ProblemKind::NotUtf8)
        });
    }
    if text.trim().is_empty() {
        problems.push(whole_file(ProblemKind::Empty));
        return;
    }
    if looks_binary(&text) {
        problems.push(whole_file(ProblemKind::Binary));
        return;
    }
    let separator = detect_separator(&text);
    report.separator = Some(separator as char);
    // Big exports have no quote at all: one scan tells, and both the check below and the
    // choice of reader use it.
    let quoted = has_quote(&text);
    if quoted && let Some((line, column)) = find_unclosed_quote(&text, separator) {
        let header = first_record(&text, separator).and_then(|h| h.into_iter().nth(column - 1));
        problems.push(Problem {
            line: Some(line),
            column: Some((column, header.unwrap_or_default())),
            ..whole_file(ProblemKind::UnclosedQuote)
        });
        return;
    }
    // Old Mac files end lines with a bare '\r', which only the csv reader knows.
    let first_break = text.find(['\r', '\n']).and_then(|at| text.get(at..));
    let lines_end_in_newline = first_break.is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"));
    let table = Table::Text {
        text: &text,
        separator,
        plain_lines: !quoted && lines_end_in_newline,
    };
    read_table(&table, file, options, companions, builder, report, problems);
}

fn first_record(text: &str, separator: u8) -> Option<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = ByteRecord::new();
    matches!(reader.read_byte_record(&mut record), Ok(true)).then(|| header_names(&record))
}

/// A workbook: the first sheet with data, or a SurveyXact export's Dataset sheet with its
/// Labels and Structure sheets beside it.
fn read_workbook(
    source: &Source,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let file = source.name.as_str();
    let mut workbook = match xlsx::open(&source.bytes) {
        Ok(workbook) => workbook,
        Err(reason) => {
            problems.push(Problem::of_file(file, ProblemKind::Unreadable { reason }));
            return;
        }
    };
    let names = workbook.sheet_names();
    let named = |wanted: &str| {
        names
            .iter()
            .find(|n| n.trim().to_lowercase().starts_with(wanted))
            .cloned()
    };
    let mut labels = companions.labels.clone();
    let mut structure = companions.structure.clone();
    if let Some(sheet) = named("labels")
        && let Ok(rows) = workbook.rows(&sheet)
        && let Ok(found) = Labels::from_rows(&sheet_rows(&rows))
    {
        // The file's own sheet first; a list the user gives wins where both know a code.
        let mut own = found;
        own.merge(&labels);
        labels = own;
    }
    if let Some(sheet) = named("structure")
        && let Ok(rows) = workbook.rows(&sheet)
        && let Some(found) = Structure::from_rows(&sheet_rows(&rows))
    {
        structure.merge(&found);
    }
    let mut data_sheet = named("dataset");
    if data_sheet.is_none() {
        // The first sheet that holds anything.
        for name in &names {
            if workbook.rows(name).is_ok_and(|rows| !rows.is_empty()) {
                data_sheet = Some(name.clone());
                break;
            }
        }
    }
    let Some(sheet) = data_sheet else {
        problems.push(Problem::of_file(file, ProblemKind::Empty));
        return;
    };
    let rows = match workbook.rows(&sheet) {
        Ok(rows) => rows,
        Err(reason) => {
            problems.push(Problem::of_file(file, ProblemKind::Unreadable { reason }));
            return;
        }
    };
    report.sheet = Some(sheet.clone());
    let table = Table::Sheet {
        rows: &rows,
        name: sheet,
    };
    let companions = Companions {
        labels: &labels,
        structure: &structure,
    };
    read_table(&table, file, options, &companions, builder, report, problems);
}

/// A small sheet's rows as text, with their row numbers.
fn sheet_rows(rows: &SheetRows) -> Vec<(u64, Vec<String>)> {
    let mut out = Vec::new();
    for index in 0..rows.len() {
        let mut fields = Vec::new();
        rows.row_into(index, &mut fields);
        out.push((index as u64 + 1, fields));
    }
    out
}

fn read_table(
    table: &Table,
    file: &str,
    options: &ImportOptions,
    companions: &Companions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let sheet = table.sheet();
    let whole_file = |kind| Problem {
        sheet: sheet.map(str::to_string),
        ..Problem::of_file(file, kind)
    };
    let mut head = Head::default();
    // The csv reader stops as soon as the head is read; the line splitter would not.
    let head_table = match table {
        Table::Text { text, separator, .. } => Table::Text {
            text,
            separator: *separator,
            plain_lines: false,
        },
        Table::Sheet { rows, name } => Table::Sheet {
            rows,
            name: name.clone(),
        },
    };
    if let Err((line, reason)) = head_table.walk(&mut head) {
        problems.push(Problem {
            line: Some(line),
            ..whole_file(ProblemKind::Unreadable { reason })
        });
        return;
    }
    let too_long = |line: u64, column: usize| Problem {
        line: Some(line),
        column: Some((column + 1, String::new())),
        ..whole_file(ProblemKind::LineTooLong { limit: MAX_FIELD_BYTES })
    };
    if let Some((line, column)) = head.too_long {
        problems.push(too_long(line, column));
        return;
    }
    let Some((_, _, first_row)) = head.records.first().cloned() else {
        problems.push(whole_file(ProblemKind::Empty));
        return;
    };
    // SurveyMonkey's second header row names each column's option under its question.
    let second = head.records.get(1).map(|(_, _, fields)| fields);
    let (raw_headers, header_rows) = match second {
        Some(second)
            if tools::is_second_header_row(second)
                && (tools::recognise(&first_row) == Some(Tool::SurveyMonkey)
                    || first_row.iter().any(String::is_empty)) =>
        {
            (tools::join_header_rows(&first_row, second), 2)
        }
        _ => (first_row, 1),
    };
    let headers = unique_names(&raw_headers);
    let Some(first_line) = head.records.get(header_rows).map(|(_, line, _)| *line) else {
        problems.push(whole_file(ProblemKind::HeaderOnly));
        return;
    };
    report.tool = tools::recognise(&headers);
    report.header_rows = header_rows;
    report.layout_key = super::layout_key(&headers);
    report.remembered = options.remembered.contains_key(&report.layout_key);
    let options = options.for_layout(&report.layout_key);
    let options = options.as_ref();
    // Code lists remembered for this layout count like the ones given with the file.
    let merged_labels;
    let companions = if options.labels.is_empty() {
        companions
    } else {
        let mut labels = companions.labels.clone();
        labels.merge(&options.labels);
        merged_labels = (labels, companions.structure);
        &Companions {
            labels: &merged_labels.0,
            structure: merged_labels.1,
        }
    };

    if headers.len() > MAX_COLUMNS {
        problems.push(whole_file(ProblemKind::TooManyColumns {
            columns: headers.len(),
            limit: MAX_COLUMNS,
        }));
        return;
    }
    let profiles = match profile_columns(table, first_line, headers.len()) {
        Ok(profiles) => profiles,
        Err(ProfileError::Unreadable((line, reason))) => {
            problems.push(Problem {
                line: Some(line),
                ..whole_file(ProblemKind::Unreadable { reason })
            });
            return;
        }
        Err(ProfileError::TooLong((line, column))) => {
            problems.push(too_long(line, column));
            return;
        }
    };
    let texts: Vec<Option<String>> = headers
        .iter()
        .map(|h| companions.structure.text(h).map(str::to_string))
        .collect();
    let decisions = roles::decide(&headers, &texts, &profiles, companions.labels, options);
    let roles: Vec<Role> = decisions.iter().map(|d| d.role).collect();
    // A question is called by its text where the structure gives one.
    let names: Vec<String> = headers
        .iter()
        .zip(&texts)
        .map(|(header, text)| text.clone().unwrap_or_else(|| header.clone()))
        .collect();
    report.columns = column_reports(&headers, &texts, &decisions);
    for ((index, decision), header) in decisions.iter().enumerate().zip(&headers) {
        if let roles::RoleReason::Constant { value } = &decision.reason
            && super::likert::is_on_scale(value)
            && tools::system_column(header).is_none()
        {
            problems.push(Problem {
                column: Some((index + 1, header.clone())),
                ..whole_file(ProblemKind::ConstantColumn { value: value.clone() })
            });
        }
    }
    report.preview = std::iter::once(headers.clone())
        .chain(
            head.records
                .iter()
                .skip(header_rows)
                .take(PREVIEW_ROWS)
                .map(|(_, _, fields)| fields.clone()),
        )
        .collect();
    let Some(layout) = FileLayout::layout(&roles) else {
        problems.push(whole_file(ProblemKind::NoAnswerColumns));
        return;
    };
    report.layout = Some(layout);

    let has = |role: Role| roles.contains(&role);
    let plan = options.plan.as_ref();
    // The weeks come from the dates only with a plan of the waves' start dates.
    let date_needed = !has(Role::Week) && !has(Role::Phase) && plan.is_some_and(|p| p.has_starts());
    let Some(dates) = date_orders(
        &roles,
        &profiles,
        &headers,
        report,
        options,
        date_needed,
        &whole_file,
        problems,
    ) else {
        return;
    };
    let setup = FileSetup {
        file,
        sheet,
        headers: &headers,
        names: &names,
        roles: &roles,
        codes: headers.iter().map(|h| companions.labels.column(h)).collect(),
        dont_know: &options.dont_know,
        dates,
        date_needed,
        plan,
        decimal_mark: options.decimal_mark,
    };
    let labels = match table {
        Table::Text {
            text,
            separator,
            plain_lines: true,
        } => {
            // Past the header line(s): the header rows of a plain file are its first lines.
            let header_lines = first_line - 1;
            let data = skip_lines(text, header_lines);
            read_lines_in_parallel(data, *separator, header_lines, &setup, builder, report, problems)
        }
        _ => {
            let mut rows = Rows {
                first_line,
                reader: RowReader::new(&setup, builder),
                report,
                problems,
            };
            let walked = table.walk(&mut rows);
            let labels = rows.reader.labels;
            if let Err((line, reason)) = walked {
                problems.push(Problem {
                    line: Some(line),
                    ..whole_file(ProblemKind::Unreadable { reason })
                });
            }
            labels
        }
    };
    report.labels = labels.into_iter().collect();
    report.labels.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    after_reading(&setup, report, problems, &whole_file);
}

/// Every column's profile; a plain text's lines in parallel chunks, as its rows are read.
/// Why the profile could not be made: the csv reader's error, or a field past the limit.
enum ProfileError {
    Unreadable((u64, String)),
    TooLong((u64, usize)),
}

impl From<(u64, String)> for ProfileError {
    fn from(error: (u64, String)) -> Self {
        ProfileError::Unreadable(error)
    }
}

fn profile_columns(table: &Table, first_line: u64, columns: usize) -> Result<Vec<ColumnProfile>, ProfileError> {
    let empty = || Profiler {
        first_line: 0,
        profiles: vec![ColumnProfile::default(); columns],
        too_long: None,
    };
    let Table::Text {
        text,
        separator,
        plain_lines: true,
    } = table
    else {
        let mut profiler = Profiler { first_line, ..empty() };
        table.walk(&mut profiler)?;
        return match profiler.too_long {
            Some(place) => Err(ProfileError::TooLong(place)),
            None => Ok(profiler.profiles),
        };
    };
    let data = skip_lines(text, first_line - 1);
    let threads = threads_for(data.len());
    let chunks: Vec<&str> = split_at_line_ends(data.as_bytes(), threads)
        .into_iter()
        .filter_map(|range| data.get(range))
        .collect();
    let parts = read_chunks(&chunks, threads, |chunk| {
        let mut profiler = empty();
        let mut line = 0u64;
        super::lines::for_each_line(chunk, *separator, |fields| {
            line += 1;
            profiler.visit(0, line, &SplitLine { fields });
        });
        (profiler, line)
    });
    let mut profiles = vec![ColumnProfile::default(); columns];
    let mut lines_before = first_line - 1;
    for (part, lines) in parts {
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

/// Threads for reading `bytes` of text: one for a small file, every core (up to a limit)
/// for a big one.
fn threads_for(bytes: usize) -> usize {
    if bytes < PARALLEL_FROM_BYTES {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
    }
}

/// The text after its first `lines` lines.
fn skip_lines(text: &str, lines: u64) -> &str {
    let mut rest = text;
    for _ in 0..lines {
        rest = rest.find('\n').and_then(|end| rest.get(end + 1..)).unwrap_or("");
    }
    rest
}

/// The day-month order of each date column, best first; None when the file cannot be read
/// because its dates are needed and cannot be trusted.
#[allow(clippy::too_many_arguments)]
fn date_orders(
    roles: &[Role],
    profiles: &[ColumnProfile],
    headers: &[String],
    report: &mut FileReport,
    options: &ImportOptions,
    needed: bool,
    whole_file: &impl Fn(ProblemKind) -> Problem,
    problems: &mut Vec<Problem>,
) -> Option<Vec<(usize, Option<DateOrder>)>> {
    let Some(column) = roles.iter().position(|r| *r == Role::Date) else {
        return Some(Vec::new());
    };
    let header = headers.get(column).cloned().unwrap_or_default();
    let at_column = |kind| Problem {
        column: Some((column + 1, header.clone())),
        ..whole_file(kind)
    };
    let evidence = profiles
        .get(column)
        .and_then(|p| p.dates.as_ref())
        .map_or(OrderEvidence::NotNeeded, |d| d.evidence());
    let evidence_was_plain = evidence == OrderEvidence::NotNeeded;
    let order = match evidence {
        OrderEvidence::Settled(order) => Some(order),
        OrderEvidence::NotNeeded => None,
        // SurveyMonkey writes every date month first.
        OrderEvidence::Undecided { .. } if report.tool == Some(Tool::SurveyMonkey) => Some(DateOrder::MonthFirst),
        OrderEvidence::Undecided { .. } if options.date_order.is_some() => options.date_order,
        OrderEvidence::Undecided { example } => {
            problems.push(at_column(ProblemKind::AmbiguousDates { example, needed }));
            report.date = Some(DateReport {
                column: header,
                order: None,
                unambiguous: false,
            });
            return if needed { None } else { Some(Vec::new()) };
        }
        // The user's order reads the dates that fit it; the others are told row by row.
        OrderEvidence::Conflicting { .. } if options.date_order.is_some() => options.date_order,
        OrderEvidence::Conflicting {
            day_first_example,
            month_first_example,
        } => {
            problems.push(at_column(ProblemKind::ConflictingDates {
                day_first: day_first_example,
                month_first: month_first_example,
                needed,
            }));
            return if needed { None } else { Some(Vec::new()) };
        }
    };
    report.date = Some(DateReport {
        column: header,
        order,
        unambiguous: evidence_was_plain,
    });
    // A time the tool leaves empty (an unfinished answer) is taken from the next best.
    let mut dates = vec![(column, order)];
    dates.extend(
        report
            .columns
            .iter()
            .enumerate()
            .filter(|(i, c)| *i != column && c.reason == roles::RoleReason::OtherTime)
            .filter_map(|(i, _)| {
                let evidence = profiles.get(i)?.dates.as_ref()?.evidence();
                match evidence {
                    OrderEvidence::Settled(order) => Some((i, Some(order))),
                    OrderEvidence::NotNeeded => Some((i, None)),
                    _ => order.map(|o| (i, Some(o))),
                }
            }),
    );
    Some(dates)
}

/// What the rows told about the file as a whole: waves and weeks it lacks, municipalities
/// the plan does not place, codes outside the scale.
fn after_reading(
    setup: &FileSetup,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
    whole_file: &impl Fn(ProblemKind) -> Problem,
) {
    let has = |role: Role| setup.roles.contains(&role);
    let plan = setup.plan;
    if !has(Role::Wave) && report.answers > 0 {
        let has_municipalities = has(Role::Municipality);
        if plan.is_none_or(|p| p.municipalities.is_empty()) || !has_municipalities {
            problems.push(whole_file(ProblemKind::NoWaveColumn { has_municipalities }));
        }
    }
    if report.tool == Some(Tool::SurveyXact) && setup.codes.iter().all(Option::is_none) {
        problems.push(whole_file(ProblemKind::CodesWithoutLabels { tool: Tool::SurveyXact }));
    }
    if !report.not_in_plan.is_empty() {
        problems.push(whole_file(ProblemKind::NotInPlan {
            municipalities: report.not_in_plan.keys().cloned().collect(),
            answers: report.not_in_plan.values().sum(),
        }));
    }
    if !has(Role::Week) && !has(Role::Phase) && has(Role::Date) && report.answers > 0 {
        match plan {
            Some(plan) if plan.has_starts() => {
                for wave in plan.waves.iter().filter(|w| w.start.is_none()) {
                    problems.push(whole_file(ProblemKind::NoStartInPlan {
                        wave: wave.name.clone(),
                    }));
                }
            }
            _ => problems.push(whole_file(ProblemKind::NoWeekColumn)),
        }
    }
    for ((column, value), (rows, line)) in std::mem::take(&mut report.codes_outside_scale) {
        // Whole numbers past the scale that repeat (or come from a tool that writes codes)
        // are codes; "7,5", "-1" or a lone 7 are typing errors, told by their rows alone.
        if !value.bytes().all(|b| b.is_ascii_digit()) || (rows < 2 && report.tool.is_none()) {
            continue;
        }
        problems.push(Problem {
            line: Some(line),
            column: Some((column + 1, setup.headers.get(column).cloned().unwrap_or_default())),
            ..whole_file(ProblemKind::CodeOutsideScale {
                value,
                rows,
                tool: report.tool,
            })
        });
    }
}

fn column_reports(headers: &[String], texts: &[Option<String>], decisions: &[Decision]) -> Vec<ColumnReport> {
    headers
        .iter()
        .zip(texts)
        .zip(decisions)
        .map(|((header, text), decision)| ColumnReport {
            header: header.clone(),
            text: text.clone(),
            role: decision.role,
            overridden: decision.reason == roles::RoleReason::Chosen,
            reason: decision.reason.clone(),
        })
        .collect()
}

/// What one thread made of its chunk of lines.
struct Chunk {
    builder: DatasetBuilder,
    report: FileReport,
    problems: Vec<Problem>,
    labels: HashMap<String, Option<f64>>,
    lines: u64,
}

/// Reads the lines after the header, split into chunks at line ends, a few per core; the
/// chunks' rows are then appended in order, so row order, first appearances and line
/// numbers are as if read in one go.
fn read_lines_in_parallel(
    data: &str,
    separator: u8,
    header_lines: u64,
    setup: &FileSetup,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) -> HashMap<String, Option<f64>> {
    let threads = threads_for(data.len());
    // More chunks than threads: a thread that is done takes the next, so one slow thread
    // (a core shared with another program) does not hold up the rest.
    let parts = if threads > 1 { threads * CHUNKS_PER_THREAD } else { 1 };
    let chunks: Vec<&str> = split_at_line_ends(data.as_bytes(), parts)
        .into_iter()
        .filter_map(|range| data.get(range))
        .collect();
    let bytes_per_line = bytes_per_line(data);
    let answers_per_row = setup
        .roles
        .iter()
        .filter(|r| **r == Role::QuestionColumn)
        .count()
        .max(1);
    let read_chunk = |chunk: &str| -> Chunk {
        // Room for about as many rows as the chunk has lines: the columns then grow once or
        // not at all, and room never used is never touched (no memory is spent on it).
        let lines_in_chunk = chunk.len() / bytes_per_line + chunk.len() / bytes_per_line / 8 + 16;
        let mut builder = DatasetBuilder::with_capacity(lines_in_chunk * answers_per_row);
        let mut report = FileReport::new(setup.file);
        let mut problems = Vec::new();
        let mut lines = 0u64;
        // A chunk's lines count from its start and are moved on when the chunks are joined.
        let mut rows = RowReader::new(setup, &mut builder);
        super::lines::for_each_line(chunk, separator, |fields| {
            lines += 1;
            if fields.iter().any(|f| !f.is_empty()) {
                rows.read(&SplitLine { fields }, lines + header_lines, &mut report, &mut problems);
            }
        });
        let labels = rows.labels;
        Chunk {
            builder,
            report,
            problems,
            labels,
            lines,
        }
    };
    let results = read_chunks(&chunks, threads, read_chunk);

    let file_id = builder.add_file(setup.file);
    let mut labels = HashMap::new();
    let mut lines_before = 0u64;
    for chunk in results {
        // The chunks' rows become parts of the data set as they are: nothing is copied.
        if let Err(error) = builder.append(chunk.builder, file_id, lines_before as u32) {
            problems.push(Problem::of_file(
                setup.file,
                ProblemKind::Unreadable {
                    reason: error.to_string(),
                },
            ));
            continue;
        }
        report.add_counts(chunk.report);
        problems.extend(chunk.problems.into_iter().map(|mut problem| {
            problem.line = problem.line.map(|line| line + lines_before);
            problem
        }));
        labels.extend(chunk.labels);
        lines_before += chunk.lines;
    }
    labels
}

/// Each chunk read by `read_chunk` on up to `threads` threads; the results in chunk order.
fn read_chunks<'a, T: Send>(chunks: &[&'a str], threads: usize, read_chunk: impl Fn(&'a str) -> T + Sync) -> Vec<T> {
    if threads <= 1 || chunks.len() <= 1 {
        return chunks.iter().map(|chunk| read_chunk(chunk)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(chunks.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(index) else { break };
                        done.push((index, read_chunk(chunk)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(done) => done,
                // A bug, not bad input: losing a chunk's rows silently would be worse.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// The average length of the first lines (at least one byte).
fn bytes_per_line(text: &str) -> usize {
    let head = text.as_bytes().get(..64 * 1024).unwrap_or(text.as_bytes());
    let lines = memchr::memchr_iter(b'\n', head).count().max(1);
    (head.len() / lines).max(1)
}

/// Files smaller than this are read on one thread: starting threads would cost more.
const PARALLEL_FROM_BYTES: usize = 1 << 20;
const CHUNKS_PER_THREAD: usize = 4;
/// Past this many cores a file's lines are read by this many threads.
const MAX_THREADS: usize = 32;

fn header_names(record: &ByteRecord) -> Vec<String> {
    let raw: Vec<String> = record
        .iter()
        .map(|raw| String::from_utf8_lossy(raw).trim().to_string())
        .collect();
    unique_names(&raw)
}

/// Headers as names: an empty one is "Kolonne N", and two columns with one header are
/// numbered, or they would be one column after the import.
fn unique_names(raw: &[String]) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::with_capacity(raw.len());
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    let mut next_number: BTreeMap<String, usize> = BTreeMap::new();
    for (i, name) in raw.iter().enumerate() {
        let name = name.trim();
        let name = if name.is_empty() {
            format!("Kolonne {}", i + 1)
        } else {
            name.to_string()
        };
        let mut unique = name.clone();
        while seen.contains(&unique) {
            let n = next_number.entry(name.clone()).or_insert(2);
            unique = format!("{name} ({n})");
            *n += 1;
        }
        seen.insert(unique.clone());
        names.push(unique);
    }
    names
}

pub(super) fn field(record: &ByteRecord, index: usize) -> &str {
    trim(
        record
            .get(index)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or(""),
    )
}
