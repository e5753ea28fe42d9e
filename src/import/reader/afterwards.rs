//! What the rows of a file say of it as a whole, told once: the waves and weeks it lacks,
//! municipalities the plan does not place, codes past the scale.

use super::super::columns::Role;
use super::super::problems::{Problem, ProblemKind};
use super::super::rows::FileSetup;
use super::super::tools::Tool;
use super::Reading;

/// What the rows told about the file as a whole: waves and weeks it lacks, municipalities
/// the plan does not place, codes outside the scale.
pub(super) fn after_reading(setup: &FileSetup, reading: &mut Reading) {
    let report = &mut *reading.report;
    let problems = &mut *reading.problems;
    let whole_file = |kind| Problem {
        sheet: setup.sheet.map(str::to_string),
        ..Problem::of_file(setup.file, kind)
    };
    let has = |role: Role| setup.roles.contains(&role);
    let plan = setup.plan;
    if !has(Role::Wave) && report.answers > 0 {
        let has_municipalities = has(Role::Municipality);
        if let Some(wave) = &setup.wave_from_name {
            let (by_name, against) = report.named_wave_rows;
            if by_name > 0 {
                problems.push(whole_file(ProblemKind::WaveFromFileName { wave: wave.clone() }));
            }
            if against > 0 {
                problems.push(whole_file(ProblemKind::PlanAgainstFileName {
                    wave: wave.clone(),
                    rows: against,
                }));
            }
        } else if plan.is_none_or(|p| p.municipalities.is_empty()) || !has_municipalities {
            problems.push(whole_file(ProblemKind::NoWaveColumn { has_municipalities }));
        }
    }
    if report.tool == Some(Tool::SurveyXact) && setup.codes.iter().all(Option::is_none) {
        problems.push(whole_file(ProblemKind::CodesWithoutLabels { tool: Tool::SurveyXact }));
    }
    // Most answers past weeks 1-5: the week column holds something else (calendar weeks).
    if let Some((low, high)) = report.weeks_outside_range
        && report.weeks_outside_scheme * 2 > report.answers
    {
        let week = setup.roles.iter().position(|role| *role == Role::Week);
        problems.push(Problem {
            column: week.map(|c| (c + 1, setup.headers.get(c).cloned().unwrap_or_default())),
            ..whole_file(ProblemKind::WeeksOutsideScheme {
                low,
                high,
                answers: report.weeks_outside_scheme,
            })
        });
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
    } else if !has(Role::Week) && !has(Role::Phase) && report.answers > 0 {
        // Nothing gives a phase: said, as the table's one column "Uden fase" does not say why.
        problems.push(whole_file(ProblemKind::NoPhaseAtAll));
    }
    // Rows whose week disagrees with their phase column, or with the plan's week of their
    // date: told at the first, in the column that is used.
    let phase_clash = |rows| ProblemKind::WeekPhaseClash { rows };
    let plan_clash = |rows| ProblemKind::WeekPlanClash { rows };
    let clashes: [(_, _, &dyn Fn(usize) -> ProblemKind); 2] = [
        (report.week_phase_clashes.take(), Role::Phase, &phase_clash),
        (report.week_plan_clashes.take(), Role::Week, &plan_clash),
    ];
    for (clash, role, kind) in clashes {
        if let Some((rows, line)) = clash {
            let column = setup.roles.iter().position(|r| *r == role);
            problems.push(Problem {
                line: Some(line),
                column: column.map(|c| (c + 1, setup.headers.get(c).cloned().unwrap_or_default())),
                ..whole_file(kind(rows))
            });
        }
    }
    if let Some((responses, line)) = report.unsubmitted.take() {
        problems.push(Problem {
            line: Some(line),
            ..whole_file(ProblemKind::Unsubmitted { responses })
        });
    }
    for (name, line) in std::mem::take(&mut report.test_names) {
        problems.push(Problem {
            line: Some(line),
            ..whole_file(ProblemKind::TestResponse { name })
        });
    }
    for (column, (rows, line)) in std::mem::take(&mut report.empty_context) {
        problems.push(Problem {
            line: Some(line),
            column: Some((column + 1, setup.headers.get(column).cloned().unwrap_or_default())),
            ..whole_file(ProblemKind::EmptyContextCells {
                rows,
                under: match setup.roles.get(column) {
                    Some(Role::Wave) => crate::phases::NO_WAVE.to_string(),
                    Some(Role::Question) => {
                        let score = setup.roles.iter().position(|role| *role == Role::Score);
                        score.and_then(|s| setup.names.get(s)).cloned().unwrap_or_default()
                    }
                    _ => crate::phases::NO_PHASE.to_string(),
                },
            })
        });
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
