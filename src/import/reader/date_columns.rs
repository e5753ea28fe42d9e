//! The day-month order of a file's date columns, decided from all their values, or asked of
//! the user where they cannot tell.

use super::super::columns::Role;
use super::super::problems::{Problem, ProblemKind};
use super::super::roles;
use super::super::tools::Tool;
use super::super::{DateReport, ImportOptions};
use super::{Columns, Reading};
use crate::dates::{DateOrder, OrderEvidence};

/// The day-month order of each date column, best first; None when the file cannot be read
/// because its dates are needed and cannot be trusted.
pub(super) fn date_orders(
    columns: &Columns,
    headers: &[String],
    options: &ImportOptions,
    needed: bool,
    reading: &mut Reading,
) -> Option<Vec<(usize, Option<DateOrder>)>> {
    let (roles, profiles) = (&columns.roles, &columns.profiles);
    let Some(column) = roles.iter().position(|r| *r == Role::Date) else {
        return Some(Vec::new());
    };
    let header = headers.get(column).cloned().unwrap_or_default();
    let at_column = |reading: &mut Reading, kind| {
        let problem = Problem {
            column: Some((column + 1, header.clone())),
            ..reading.problem(kind)
        };
        reading.problems.push(problem);
    };
    let tool = reading.report.tool;
    let evidence = profiles
        .get(column)
        .and_then(|p| p.dates.as_ref())
        .map_or(OrderEvidence::NotNeeded, |d| d.evidence());
    let evidence_was_plain = evidence == OrderEvidence::NotNeeded;
    let order = match evidence {
        OrderEvidence::Settled(order) => Some(order),
        OrderEvidence::NotNeeded => None,
        // SurveyMonkey writes every date month first, with slashes ("01/05/2025"); the same
        // export saved again by Danish Excel ("05-01-2025") is day first no more surely than
        // month first: asked.
        OrderEvidence::Undecided { ref example } if tool == Some(Tool::SurveyMonkey) && example.contains('/') => {
            Some(DateOrder::MonthFirst)
        }
        OrderEvidence::Undecided { .. } if options.date_order.is_some() => options.date_order,
        OrderEvidence::Undecided { example } => {
            at_column(reading, ProblemKind::AmbiguousDates { example, needed });
            reading.report.date = Some(DateReport {
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
            at_column(
                reading,
                ProblemKind::ConflictingDates {
                    day_first: day_first_example,
                    month_first: month_first_example,
                    needed,
                },
            );
            return if needed { None } else { Some(Vec::new()) };
        }
    };
    reading.report.date = Some(DateReport {
        column: header,
        order,
        unambiguous: evidence_was_plain,
    });
    let mut dates = vec![(column, order)];
    dates.extend(other_times(columns, column, order));
    Some(dates)
}

/// The tool's other time columns, each with its order (else the main column's): a time the
/// tool leaves empty (an unfinished answer) is taken from the next best.
fn other_times(
    columns: &Columns,
    main: usize,
    order: Option<DateOrder>,
) -> impl Iterator<Item = (usize, Option<DateOrder>)> + '_ {
    columns
        .decisions
        .iter()
        .enumerate()
        .filter(move |(i, d)| *i != main && d.reason == roles::RoleReason::OtherTime)
        .filter_map(move |(i, _)| {
            let evidence = columns.profiles.get(i)?.dates.as_ref()?.evidence();
            match evidence {
                OrderEvidence::Settled(order) => Some((i, Some(order))),
                OrderEvidence::NotNeeded => Some((i, None)),
                _ => order.map(|o| (i, Some(o))),
            }
        })
}
