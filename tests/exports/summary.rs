//! The summary the records call for, computed from the records themselves, and the comparison
//! with what `valgpuls summary --format json` printed.

use super::records::{Answer, Record};
use serde_json::{Value, json};

pub const PHASES: [&str; 3] = ["Klargøring (uge 1-3)", "Prøvevalg (uge 4)", "Prøvevalg (uge 5)"];

pub fn phase(week: u8) -> &'static str {
    match week {
        1..=3 => PHASES[0],
        4 => PHASES[1],
        5 => PHASES[2],
        _ => "Uden fase",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub phase: &'static str,
    pub n: usize,
    pub mean: f64,
    pub dont_know: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Wave {
    pub wave: String,
    pub cells: Vec<Cell>,
    pub mean_of_phases: f64,
    pub pooled_mean: f64,
    pub n: usize,
    pub dont_know: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub phases: Vec<&'static str>,
    pub waves: Vec<Wave>,
}

/// Every answer of every question pooled per wave and phase, as the deck's table; "Ved ikke"
/// counted apart, empty answers not at all; waves ordered by their earliest answer.
pub fn expected(records: &[Record]) -> Summary {
    let mut order: Vec<(chrono::NaiveDateTime, u8)> = Vec::new();
    for r in records {
        match order.iter_mut().find(|(_, w)| *w == r.wave) {
            Some(first) => first.0 = first.0.min(r.start),
            None => order.push((r.start, r.wave)),
        }
    }
    order.sort();
    let mut phases = Vec::new();
    let mut waves = Vec::new();
    for (_, wave) in order {
        let mut cells = Vec::new();
        for phase_name in PHASES {
            let (mut n, mut sum, mut dont_know) = (0, 0.0, 0);
            for r in records.iter().filter(|r| r.wave == wave && phase(r.week) == phase_name) {
                for answer in r.answers {
                    match answer {
                        Answer::Score(s) => (n, sum) = (n + 1, sum + f64::from(s)),
                        Answer::DontKnow => dont_know += 1,
                        Answer::Empty => {}
                    }
                }
            }
            if n > 0 {
                cells.push(Cell {
                    phase: phase_name,
                    n,
                    mean: sum / n as f64,
                    dont_know,
                });
                if !phases.contains(&phase_name) {
                    phases.push(phase_name);
                }
            }
        }
        let n: usize = cells.iter().map(|c| c.n).sum();
        let pooled_mean = cells.iter().map(|c| c.mean * c.n as f64).sum::<f64>() / n as f64;
        let mean_of_phases = cells.iter().map(|c| c.mean).sum::<f64>() / cells.len() as f64;
        let dont_know = cells.iter().map(|c| c.dont_know).sum();
        waves.push(Wave {
            wave: format!("Rul {wave}"),
            cells,
            mean_of_phases,
            pooled_mean,
            n,
            dont_know,
        });
    }
    phases.sort_by_key(|p| PHASES.iter().position(|q| q == p));
    Summary { phases, waves }
}

/// The summary in the contract's JSON shape (without sd and ci95), for reading and for tests
/// of the comparison itself.
pub fn to_json(summary: &Summary) -> Value {
    let waves: Vec<Value> = summary
        .waves
        .iter()
        .map(|w| {
            let cells: Vec<Value> = w
                .cells
                .iter()
                .map(|c| json!({"phase": c.phase, "n": c.n, "mean": c.mean, "dont_know": c.dont_know}))
                .collect();
            json!({"wave": w.wave, "cells": cells, "total": {"mean_of_phases": w.mean_of_phases,
                "pooled_mean": w.pooled_mean, "n": w.n, "dont_know": w.dont_know}})
        })
        .collect();
    json!({"phases": summary.phases, "waves": waves})
}

/// Every way `actual` differs from `expected`: phases, wave order, n and "Ved ikke" counts
/// exactly, means within 1e-9. Empty when they agree.
pub fn differences(actual: &Value, expected: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    let phases: Vec<&str> = actual["phases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if phases != expected.phases {
        out.push(format!("phases: got {phases:?}, expected {:?}", expected.phases));
    }
    let waves = actual["waves"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = waves.iter().filter_map(|w| w["wave"].as_str()).collect();
    let expected_names: Vec<&str> = expected.waves.iter().map(|w| w.wave.as_str()).collect();
    if names != expected_names {
        out.push(format!(
            "waves (in time order): got {names:?}, expected {expected_names:?}"
        ));
    }
    for want in &expected.waves {
        let Some(got) = waves.iter().find(|w| w["wave"] == want.wave.as_str()) else {
            continue;
        };
        let cells = got["cells"].as_array().cloned().unwrap_or_default();
        let got_phases: Vec<&str> = cells.iter().filter_map(|c| c["phase"].as_str()).collect();
        let want_phases: Vec<&str> = want.cells.iter().map(|c| c.phase).collect();
        if got_phases != want_phases {
            out.push(format!(
                "{}: cells for phases {got_phases:?}, expected {want_phases:?}",
                want.wave
            ));
        }
        for cell in &want.cells {
            if let Some(c) = cells.iter().find(|c| c["phase"] == cell.phase) {
                let at = format!("{} / {}", want.wave, cell.phase);
                compare_count(&mut out, &at, "n", &c["n"], cell.n);
                compare_count(&mut out, &at, "dont_know", &c["dont_know"], cell.dont_know);
                compare_mean(&mut out, &at, "mean", &c["mean"], cell.mean);
            }
        }
        let (total, at) = (&got["total"], format!("{} / total", want.wave));
        compare_count(&mut out, &at, "n", &total["n"], want.n);
        compare_count(&mut out, &at, "dont_know", &total["dont_know"], want.dont_know);
        compare_mean(
            &mut out,
            &at,
            "mean_of_phases",
            &total["mean_of_phases"],
            want.mean_of_phases,
        );
        compare_mean(&mut out, &at, "pooled_mean", &total["pooled_mean"], want.pooled_mean);
    }
    out
}

fn compare_count(out: &mut Vec<String>, at: &str, field: &str, got: &Value, want: usize) {
    if got.as_u64() != Some(want as u64) {
        out.push(format!("{at}: {field} is {got}, expected {want}"));
    }
}

fn compare_mean(out: &mut Vec<String>, at: &str, field: &str, got: &Value, want: f64) {
    match got.as_f64() {
        Some(g) if (g - want).abs() <= 1e-9 => {}
        _ => out.push(format!("{at}: {field} is {got}, expected {want}")),
    }
}
