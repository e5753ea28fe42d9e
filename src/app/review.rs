//! An import waiting for the user: what it found, what only the user can answer, and the
//! answers given so far. What the review view shows that takes work to find (the questions,
//! the columns averaged) is found here once, when the import finishes, never per frame.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::loader::Input;
use crate::dates::{DateOrder, parse_date};
use crate::import::{FileReport, Import, ImportOptions, LayoutAnswers, ProblemKind, Role, Tool};

pub struct Review {
    pub inputs: Vec<Input>,
    pub options: ImportOptions,
    pub import: Import,
    /// What the user answered in this review: given to every re-import, and remembered under
    /// each file's layout when the import is used.
    pub answers: LayoutAnswers,
    /// What the files cannot hold and the user can answer, each asked once.
    pub questions: Vec<Question>,
    /// Files read with answers remembered from an earlier import of their layout.
    pub remembered: Vec<RememberedLayout>,
    /// Per file, in the order of `import.files`.
    pub columns: Vec<FileSummary>,
    /// Problems that stop the data from being used as it is (rows that cannot be read, files
    /// that cannot be used).
    pub errors: usize,
    /// Every problem that stops the file from being used is one an answer above removes.
    pub waits_for_answers: bool,
}

/// A file that was read the way its layout was read last time.
pub struct RememberedLayout {
    pub file: String,
    pub key: String,
    pub answers: LayoutAnswers,
}

/// What the review shows of a file beyond its report. The columns (indices into
/// `FileReport::columns`) in the order the review lists them: the ones averaged first, since
/// they make the numbers, and the left-out ones apart, since a tool's export has dozens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// The day-month order of its dates is asked about (it could not be settled).
    pub dates_asked: bool,
    /// Averaged, then grouping, then comments.
    pub used: Vec<usize>,
    pub averaged: usize,
    pub left_out: Vec<usize>,
}

/// Something only the user can answer, with what the answer needs to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// Dates such as 05/08/2024 whose day-month order nothing in the column settles.
    DateOrder {
        columns: Vec<String>,
        example: String,
        /// The example read day first and month first, for the choice's wording.
        day_first: Option<NaiveDate>,
        month_first: Option<NaiveDate>,
        /// The weeks come from the dates: the file cannot be used until this is answered.
        needed: bool,
    },
    /// Some dates put the day first, others the month: no order reads them all.
    ConflictingDates {
        column: String,
        day_first: String,
        month_first: String,
        needed: bool,
    },
    /// A number past the scale that repeats: most likely the code of "don't know".
    Code {
        value: String,
        columns: Vec<String>,
        rows: usize,
        tool: Option<Tool>,
    },
    /// What a rollout plan would give: waves from the municipalities, weeks from the dates.
    Plan { needs: Vec<PlanNeed> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanNeed {
    Waves,
    Weeks,
    Unplaced {
        municipalities: Vec<String>,
        answers: usize,
    },
    NoStart {
        wave: String,
    },
}

/// The role a column has, as the review explains it: averaged, used to group, or left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUse {
    Averaged,
    Groups,
    Comments,
    LeftOut,
}

impl ColumnUse {
    pub fn of(role: Role) -> ColumnUse {
        match role {
            Role::QuestionColumn | Role::Score => ColumnUse::Averaged,
            Role::Wave | Role::Week | Role::Phase | Role::Municipality | Role::Date | Role::Question => {
                ColumnUse::Groups
            }
            Role::Comment => ColumnUse::Comments,
            Role::Category | Role::Ignore => ColumnUse::LeftOut,
        }
    }
}

impl Review {
    /// The review of a finished import; `remembered` is what the settings hold per layout.
    pub fn new(
        inputs: Vec<Input>,
        options: ImportOptions,
        answers: LayoutAnswers,
        import: Import,
        remembered: &BTreeMap<String, LayoutAnswers>,
    ) -> Review {
        let questions = questions(&import);
        let remembered = import
            .files
            .iter()
            .filter(|report| report.remembered)
            .filter_map(|report| {
                let answers = remembered.get(&report.layout_key)?;
                Some(RememberedLayout {
                    file: file_name(&report.file),
                    key: report.layout_key.clone(),
                    answers: answers.clone(),
                })
            })
            .collect();
        let columns = import
            .files
            .iter()
            .map(|report| file_summary(report, &import))
            .collect();
        let errors = import.problems.iter().filter(|p| p.is_error()).count();
        let answerable = |kind: &ProblemKind| matches!(kind, ProblemKind::AmbiguousDates { needed: true, .. });
        let waits_for_answers = import.has_fatal_problems()
            && import
                .problems
                .iter()
                .filter(|p| p.is_fatal())
                .all(|p| answerable(&p.kind));
        Review {
            inputs,
            options,
            import,
            answers,
            questions,
            remembered,
            columns,
            errors,
            waits_for_answers,
        }
    }

    /// The answers of this review to remember for one file: the roles of its own columns
    /// only, its date order only when it has dates.
    pub fn answers_for(&self, report: &FileReport) -> LayoutAnswers {
        let answers = &self.answers;
        let has_column = |header: &String| {
            report
                .columns
                .iter()
                .any(|c| &c.header == header || c.text.as_ref() == Some(header))
        };
        LayoutAnswers {
            role_overrides: answers
                .role_overrides
                .iter()
                .filter(|(header, _)| has_column(header))
                .map(|(header, role)| (header.clone(), *role))
                .collect(),
            dont_know: answers.dont_know.clone(),
            date_order: answers.date_order.filter(|_| report.date.is_some()),
            labels: answers.labels.clone(),
        }
    }
}

/// The last part of a path, as the review names files.
pub fn file_name(file: &str) -> String {
    std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned())
}

fn file_summary(report: &FileReport, import: &Import) -> FileSummary {
    let dates_asked = import.problems.iter().any(|p| {
        p.file == report.file
            && matches!(
                p.kind,
                ProblemKind::AmbiguousDates { .. } | ProblemKind::ConflictingDates { .. }
            )
    });
    let uses: Vec<ColumnUse> = report.columns.iter().map(|c| ColumnUse::of(c.role)).collect();
    let of_use = |wanted: ColumnUse| {
        uses.iter()
            .enumerate()
            .filter(move |(_, u)| **u == wanted)
            .map(|(index, _)| index)
    };
    let mut used: Vec<usize> = of_use(ColumnUse::Averaged).collect();
    let averaged = used.len();
    used.extend(of_use(ColumnUse::Groups));
    used.extend(of_use(ColumnUse::Comments));
    FileSummary {
        dates_asked,
        used,
        averaged,
        left_out: of_use(ColumnUse::LeftOut).collect(),
    }
}

/// Every problem an answer can settle, each once: one date order, one answer per code (the
/// same code in many columns is one question), one plan.
fn questions(import: &Import) -> Vec<Question> {
    let mut asked = Asked::default();
    for problem in &import.problems {
        let header = problem.column.as_ref().map(|(_, h)| h.clone()).unwrap_or_default();
        match &problem.kind {
            ProblemKind::AmbiguousDates { example, needed } => asked.ambiguous_dates(header, example, *needed),
            ProblemKind::ConflictingDates {
                day_first,
                month_first,
                needed,
            } => asked.conflicts.push(Question::ConflictingDates {
                column: header,
                day_first: day_first.clone(),
                month_first: month_first.clone(),
                needed: *needed,
            }),
            ProblemKind::CodeOutsideScale { value, rows, tool } => asked.code(header, value, *rows, *tool),
            ProblemKind::NoWaveColumn {
                has_municipalities: true,
            } => asked.plan_need(PlanNeed::Waves),
            ProblemKind::NoWeekColumn => asked.plan_need(PlanNeed::Weeks),
            ProblemKind::NotInPlan {
                municipalities,
                answers,
            } => asked.plan_need(PlanNeed::Unplaced {
                municipalities: municipalities.clone(),
                answers: *answers,
            }),
            ProblemKind::NoStartInPlan { wave } => asked.plan_need(PlanNeed::NoStart { wave: wave.clone() }),
            _ => {}
        }
    }
    let mut questions: Vec<Question> = asked
        .date_order
        .into_iter()
        .chain(asked.conflicts)
        .chain(asked.codes)
        .collect();
    if !asked.plan_needs.is_empty() {
        questions.push(Question::Plan {
            needs: asked.plan_needs,
        });
    }
    questions
}

/// The questions as the problems are read: one of each kind, or one per code; columns and
/// rows of the same question added up.
#[derive(Default)]
struct Asked {
    date_order: Option<Question>,
    conflicts: Vec<Question>,
    codes: Vec<Question>,
    plan_needs: Vec<PlanNeed>,
}

impl Asked {
    /// Dates whose order nothing settles: one question for every such column.
    fn ambiguous_dates(&mut self, header: String, example: &str, needed: bool) {
        match &mut self.date_order {
            Some(Question::DateOrder {
                columns,
                needed: any_needed,
                ..
            }) => {
                if !columns.contains(&header) {
                    columns.push(header);
                }
                *any_needed |= needed;
            }
            _ => {
                self.date_order = Some(Question::DateOrder {
                    columns: vec![header],
                    example: example.to_string(),
                    day_first: parse_date(example, Some(DateOrder::DayFirst)),
                    month_first: parse_date(example, Some(DateOrder::MonthFirst)),
                    needed,
                });
            }
        }
    }

    /// A code past the scale: one question per code, its columns and rows added up.
    fn code(&mut self, header: String, value: &str, rows: usize, tool: Option<Tool>) {
        let known = self
            .codes
            .iter_mut()
            .find(|q| matches!(q, Question::Code { value: v, .. } if v == value));
        match known {
            Some(Question::Code {
                columns, rows: total, ..
            }) => {
                if !columns.contains(&header) {
                    columns.push(header);
                }
                *total += rows;
            }
            _ => self.codes.push(Question::Code {
                value: value.to_string(),
                columns: vec![header],
                rows,
                tool,
            }),
        }
    }

    /// What a plan would give, each need once.
    fn plan_need(&mut self, need: PlanNeed) {
        if !self.plan_needs.contains(&need) {
            self.plan_needs.push(need);
        }
    }
}
