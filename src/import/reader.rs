//! Reading one file into the dataset builder: the rows, their roles, their problems.

use csv::ByteRecord;

use super::columns::{Role, role_from_header};
use super::likert::{is_dont_know, is_on_scale};
use super::problems::{Problem, ProblemKind};
use super::rows::{FileLayout, RowReader};
use super::sniff::{decode, detect_separator, find_unclosed_quote, looks_binary};
use super::{ColumnReport, FileReport, ImportOptions, Source};
use crate::dataset::DatasetBuilder;

/// Rows looked at to tell a wide file's question columns from its other columns.
const ROLE_SAMPLE_ROWS: usize = 500;
const PREVIEW_ROWS: usize = 10;
/// Header words of identifier columns: numbers that may look like scores in a short sample,
/// and no category anyone breaks a mean down by.
const IDENTIFIER_WORDS: [&str; 7] = [
    "id",
    "respondent",
    "respondentid",
    "nr",
    "nummer",
    "løbenr",
    "løbenummer",
];

pub(super) fn read_file(
    source: &Source,
    options: &ImportOptions,
    builder: &mut DatasetBuilder,
    report: &mut FileReport,
    problems: &mut Vec<Problem>,
) {
    let file = source.name.as_str();
    let whole_file_problem = |kind: ProblemKind| Problem {
        file: file.to_string(),
        line: None,
        column: None,
        kind,
    };
    let (text, encoding) = decode(&source.bytes);
    report.encoding = Some(encoding);
    if text.trim().is_empty() {
        problems.push(whole_file_problem(ProblemKind::Empty));
        return;
    }
    if looks_binary(&text) {
        problems.push(whole_file_problem(ProblemKind::Binary));
        return;
    }
    let separator = detect_separator(&text);
    report.separator = Some(separator as char);

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = ByteRecord::new();
    if !matches!(reader.read_byte_record(&mut record), Ok(true)) {
        problems.push(whole_file_problem(ProblemKind::Empty));
        return;
    }
    let headers = header_names(&record);
    if let Some((line, column)) = find_unclosed_quote(&text, separator) {
        problems.push(Problem {
            file: file.to_string(),
            line: Some(line),
            column: Some((column, headers.get(column - 1).cloned().unwrap_or_default())),
            kind: ProblemKind::UnclosedQuote,
        });
        return;
    }

    // The first rows decide the roles of columns whose header says nothing.
    let mut sample = Vec::new();
    while sample.len() < ROLE_SAMPLE_ROWS {
        match reader.read_byte_record(&mut record) {
            Ok(true) if is_blank(&record) => continue,
            Ok(true) => sample.push(record.clone()),
            _ => break,
        }
    }
    if sample.is_empty() {
        problems.push(whole_file_problem(ProblemKind::HeaderOnly));
        return;
    }
    let roles = assign_roles(&headers, &sample, options);
    report.columns = headers
        .iter()
        .zip(&roles)
        .map(|(header, (role, overridden))| ColumnReport {
            header: header.clone(),
            role: *role,
            overridden: *overridden,
        })
        .collect();
    report.preview = std::iter::once(headers.clone())
        .chain(
            sample
                .iter()
                .take(PREVIEW_ROWS)
                .map(|r| (0..r.len()).map(|i| field(r, i).to_string()).collect()),
        )
        .collect();
    let Some(layout) = FileLayout::new(&headers, &roles, builder) else {
        problems.push(whole_file_problem(ProblemKind::NoAnswerColumns));
        return;
    };
    report.layout = Some(layout.layout());

    let mut rows = RowReader::new(file, &text, &headers, layout, options.decimal_mark, builder);
    for row in &sample {
        rows.read(row, report, problems);
    }
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) if is_blank(&record) => continue,
            Ok(true) => rows.read(&record, report, problems),
            Ok(false) => break,
            Err(error) => {
                problems.push(Problem {
                    file: file.to_string(),
                    line: error.position().map(|p| p.line()),
                    column: None,
                    kind: ProblemKind::Unreadable {
                        reason: error.to_string(),
                    },
                });
                break;
            }
        }
    }
    report.labels = rows.labels.into_iter().collect();
    report.labels.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
}

fn header_names(record: &ByteRecord) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(record.len());
    for (i, raw) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(raw).trim().to_string();
        let name = if name.is_empty() {
            format!("Kolonne {}", i + 1)
        } else {
            name
        };
        // Two columns with one header would be one column after the import: number them.
        let mut unique = name.clone();
        let mut n = 2;
        while names.contains(&unique) {
            unique = format!("{name} ({n})");
            n += 1;
        }
        names.push(unique);
    }
    names
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

pub(super) fn field(record: &ByteRecord, index: usize) -> &str {
    record
        .get(index)
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .unwrap_or("")
        .trim()
}

/// Roles from overrides, then header words, then (for the rest) the values: a column mostly
/// holding answers on the scale is a question of a wide file.
fn assign_roles(headers: &[String], sample: &[ByteRecord], options: &ImportOptions) -> Vec<(Role, bool)> {
    let mut roles: Vec<(Option<Role>, bool)> = headers
        .iter()
        .map(|header| match options.role_overrides.get(header) {
            Some(role) => (Some(*role), true),
            None => (role_from_header(header), false),
        })
        .collect();
    // Roles that one column holds: the first column with the role keeps it.
    let single = [
        Role::Wave,
        Role::Week,
        Role::Phase,
        Role::Municipality,
        Role::Date,
        Role::Question,
        Role::Score,
    ];
    for role in single {
        let mut seen = false;
        for entry in roles.iter_mut().filter(|(r, _)| *r == Some(role)) {
            if seen {
                entry.0 = Some(Role::Category);
            }
            seen = true;
        }
    }
    let has = |role: Role, roles: &[(Option<Role>, bool)]| roles.iter().any(|(r, _)| *r == Some(role));
    let long = has(Role::Score, &roles);
    if !long {
        // A question column without a score column does not make a long file.
        for entry in roles
            .iter_mut()
            .filter(|(r, overridden)| *r == Some(Role::Question) && !overridden)
        {
            entry.0 = Some(Role::Category);
        }
    }
    headers
        .iter()
        .enumerate()
        .zip(roles)
        .map(|((index, header), (role, overridden))| match role {
            Some(role) => (role, overridden),
            None if is_identifier(header) => (Role::Ignore, false),
            None if long => (Role::Category, false),
            None if mostly_on_scale(sample, index) => (Role::QuestionColumn, false),
            None => (Role::Category, false),
        })
        .collect()
}

fn is_identifier(header: &str) -> bool {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| IDENTIFIER_WORDS.contains(&word))
}

fn mostly_on_scale(sample: &[ByteRecord], index: usize) -> bool {
    let (mut filled, mut on_scale, mut dont_know) = (0usize, 0usize, 0usize);
    for record in sample {
        let value = field(record, index);
        if value.is_empty() {
            continue;
        }
        filled += 1;
        if is_on_scale(value) {
            on_scale += 1;
        } else if is_dont_know(value) {
            dont_know += 1;
        }
    }
    // More than half: a typo or an out-of-scale number among the answers must not hide the
    // column (its rows are reported), while an id column (1, 2, 3, ... 637) stays out.
    (on_scale + dont_know) * 2 > filled
}
