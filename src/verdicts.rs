//! The comparisons and the note on hidden groups, as every output carries them: text for the
//! terminal, JSON for `summary --format json`, and a table for CSV, XLSX and the report.

// Text is built in Strings, whose `write!` cannot fail: the `let _ = write!`s drop nothing.
use std::fmt::Write as _;

use crate::analysis::verdict::{details, p_text, sentence};
use crate::analysis::{Comparison, ComparisonKind, Summary, Suppression};
use crate::export::table::{Table, Value};
use crate::locale::Lang;

/// "Grupper med færre end 5 svar er skjult (2), og 1 mere, så de ikke kan regnes ud af
/// totalen." None when nothing is hidden.
pub fn suppression_note(note: &Suppression, lang: Lang) -> Option<String> {
    if !note.any() {
        return None;
    }
    let mut text = match lang {
        Lang::Da => format!(
            "Grupper med færre end {} svar er skjult ({})",
            note.min_n,
            lang.count(note.primary as u64)
        ),
        Lang::En => format!(
            "Groups with fewer than {} answers are hidden ({})",
            note.min_n,
            lang.count(note.primary as u64)
        ),
    };
    if note.secondary > 0 {
        let _ = write!(
            text,
            "{} {} {}",
            lang.pick(", og", ", and"),
            lang.count(note.secondary as u64),
            lang.pick(
                "mere, så de ikke kan regnes ud af en total",
                "more, so they cannot be worked out from a total"
            )
        );
    }
    text.push('.');
    Some(text)
}

/// The heading of the comparisons: which test, corrected how, over how many.
pub fn comparisons_heading(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Brunner–Munzel-test for ordinale svar, Holm-korrektion over {count} sammenligninger; forskel i gennemsnit med 95 %-KI efter Welch"
        ),
        Lang::En => format!(
            "Brunner–Munzel test for ordinal answers, Holm's correction over {count} comparisons; difference in means with Welch's 95% CI"
        ),
    }
}

fn kind_name(kind: ComparisonKind, lang: Lang) -> &'static str {
    match kind {
        ComparisonKind::WavesInPhase => lang.pick("Rul mod rul i samme fase", "Wave against wave in a phase"),
        ComparisonKind::PhasesInWave => lang.pick("Fase mod fase i samme rul", "Phase against phase in a wave"),
        ComparisonKind::CheckIn => lang.pick(
            "Seneste check-in mod den forrige",
            "Latest check-in against the one before",
        ),
    }
}

/// For the terminal: the heading, then per kind one sentence and its numbers per comparison.
pub fn comparisons_text(comparisons: &[Comparison], lang: Lang) -> String {
    let mut out = String::new();
    if comparisons.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "{} {}",
        lang.pick("Er forskellen reel?", "Is the difference real?"),
        comparisons_heading(comparisons.len(), lang)
    );
    for kind in [
        ComparisonKind::WavesInPhase,
        ComparisonKind::PhasesInWave,
        ComparisonKind::CheckIn,
    ] {
        let of_kind: Vec<&Comparison> = comparisons.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}:", kind_name(kind, lang));
        for c in of_kind {
            let mark = if c.significant { "▲" } else { "·" };
            let _ = writeln!(out, "  {mark} {}", sentence(c, lang));
            let _ = writeln!(out, "      {}", details(c, lang));
        }
    }
    out
}

/// The comparisons for `summary --format json`: every field of [`Comparison`], with the
/// sentence and its numbers in the language asked for.
pub fn comparisons_json(comparisons: &[Comparison], lang: Lang) -> serde_json::Value {
    let values = comparisons
        .iter()
        .map(|c| {
            // A Comparison is plain fields (no map with non-text keys): serialising cannot fail.
            let mut value = serde_json::to_value(c).unwrap_or(serde_json::Value::Null);
            if let Some(object) = value.as_object_mut() {
                object.insert("sentence".into(), sentence(c, lang).into());
                object.insert("details".into(), details(c, lang).into());
            }
            value
        })
        .collect();
    serde_json::Value::Array(values)
}

/// The summary's JSON (docs/DESIGN.md's contract, unchanged) with `comparisons` and the minimum
/// group size added.
pub fn summary_json(summary: &Summary, comparisons: &[Comparison], lang: Lang) -> String {
    // A Summary is plain fields (no map with non-text keys): serialising cannot fail.
    let mut value = serde_json::to_value(summary).unwrap_or(serde_json::Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("comparisons".into(), comparisons_json(comparisons, lang));
    }
    serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// One row per comparison, for CSV, XLSX and the report's page.
pub fn comparisons_table(comparisons: &[Comparison], lang: Lang) -> Table {
    let group = |c: &Comparison, first: bool| {
        let g = if first { &c.a } else { &c.b };
        let mut text = lang.data_value(&g.wave);
        if let Some(phase) = &g.phase {
            text = format!("{text}, {}", lang.data_value(phase));
        }
        if let Some(week) = g.week {
            text = format!("{text}, {} {week}", lang.pick("uge", "week"));
        }
        text
    };
    let headers = match lang {
        Lang::Da => [
            "Sammenligning",
            "A",
            "B",
            "n A",
            "n B",
            "Gns. A",
            "Gns. B",
            "Forskel B − A",
            "95 %-KI nedre",
            "95 %-KI øvre",
            "Test",
            "p (Holm)",
            "Tilfredse A",
            "Tilfredse B",
            "Konklusion",
        ],
        Lang::En => [
            "Comparison",
            "A",
            "B",
            "n A",
            "n B",
            "Mean A",
            "Mean B",
            "Difference B − A",
            "95% CI low",
            "95% CI high",
            "Test",
            "p (Holm)",
            "Satisfied A",
            "Satisfied B",
            "Verdict",
        ],
    };
    let rows = comparisons
        .iter()
        .map(|c| {
            vec![
                Value::Text(kind_name(c.kind, lang).to_string()),
                Value::Text(group(c, true)),
                Value::Text(group(c, false)),
                Value::Count(c.a.n),
                Value::Count(c.b.n),
                Value::Number(c.a.mean, 2),
                Value::Number(c.b.mean, 2),
                Value::Number(c.difference, 2),
                Value::Number(c.difference_ci95[0], 2),
                Value::Number(c.difference_ci95[1], 2),
                Value::Text(c.test.to_string()),
                Value::Text(p_text(c.p_holm, lang)),
                Value::Number(c.a.top_two_share, 3),
                Value::Number(c.b.top_two_share, 3),
                Value::Text(sentence(c, lang)),
            ]
        })
        .collect();
    Table {
        name: lang.pick("Sammenligninger", "Comparisons").to_string(),
        headers: headers.map(String::from).to_vec(),
        rows,
    }
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The report page's part: the note on hidden groups, then each comparison's sentence and
/// numbers, the real differences marked.
pub fn report_section(comparisons: &[Comparison], note: Option<&str>, lang: Lang) -> String {
    let mut page = String::new();
    if let Some(note) = note {
        let _ = writeln!(page, "<p><strong>{}</strong></p>", html(note));
    }
    if comparisons.is_empty() {
        return page;
    }
    let _ = writeln!(
        page,
        "<h2>{}</h2>\n<p>{}</p>",
        lang.pick("Er forskellen reel?", "Is the difference real?"),
        html(&comparisons_heading(comparisons.len(), lang))
    );
    page.push_str("<ul>\n");
    for c in comparisons {
        let (open, close) = if c.significant {
            ("<strong>", "</strong>")
        } else {
            ("", "")
        };
        let _ = writeln!(
            page,
            "<li>{open}{}{close}<br><small>{}</small></li>",
            html(&sentence(c, lang)),
            html(&details(c, lang))
        );
    }
    page.push_str("</ul>\n");
    page
}

/// What the overview's numbers cover: "Tilfredshed (skala 1-5), gennemsnit af alle 3
/// spørgsmål: A, B, C" or of the ones the filter keeps.
pub fn scope_title(questions: &[String], chosen: &[String], lang: Lang) -> String {
    let covered: Vec<&String> = if chosen.is_empty() {
        questions.iter().collect()
    } else {
        questions.iter().filter(|q| chosen.contains(q)).collect()
    };
    let names: Vec<String> = covered.iter().map(|q| format!("«{q}»")).collect();
    let all = chosen.is_empty() || covered.len() == questions.len();
    let what = match (covered.len(), all, lang) {
        (1, _, Lang::Da) => format!("spørgsmålet {}", names.join(", ")),
        (1, _, Lang::En) => format!("the question {}", names.join(", ")),
        (n, true, Lang::Da) => format!("gennemsnit af alle {n} spørgsmål: {}", names.join(", ")),
        (n, true, Lang::En) => format!("mean of all {n} questions: {}", names.join(", ")),
        (n, false, Lang::Da) => format!("gennemsnit af {n} valgte spørgsmål: {}", names.join(", ")),
        (n, false, Lang::En) => format!("mean of {n} chosen questions: {}", names.join(", ")),
    };
    format!(
        "{}, {what}",
        lang.pick("Tilfredshed (skala 1-5)", "Satisfaction (scale 1-5)")
    )
}
