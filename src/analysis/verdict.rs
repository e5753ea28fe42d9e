//! A comparison in one plain sentence, Danish or English: who is more satisfied, by how much,
//! and whether the difference may be chance, naming the test. The details (Welch's interval,
//! the top-two shares) follow in a second line for the hover and the exports.

use super::compare::{Comparison, Group, Kind};
use crate::locale::Lang;

/// "p = 0,12", "p = 0,003", "p < 0,001".
pub fn p_text(p: f64, lang: Lang) -> String {
    if p < 0.001 {
        format!("p < {}", lang.number(0.001, 3))
    } else if p < 0.01 {
        format!("p = {}", lang.number(p, 3))
    } else {
        format!("p = {}", lang.number(p, 2))
    }
}

/// "45 %" / "45%".
pub fn percent(share: f64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{} %", lang.number(share * 100.0, 0)),
        Lang::En => format!("{}%", lang.number(share * 100.0, 0)),
    }
}

fn week(lang: Lang, week: Option<i32>) -> String {
    format!("{} {}", lang.pick("uge", "week"), week.unwrap_or_default())
}

/// Where a group sits, for the sentence: the phase, or the check-in week.
fn place(group: &Group, lang: Lang) -> String {
    match (&group.phase, group.week) {
        (Some(phase), _) => lang.data_value(phase),
        (None, w) => week(lang, w),
    }
}

/// "Rul 1 er mere tilfreds end Rul 2 i Prøvevalg (uge 4): 4,10 mod 3,89; forskellen kan skyldes
/// tilfældigheder (Brunner–Munzel, p = 0,12 efter Holm-korrektion)."
pub fn sentence(c: &Comparison, lang: Lang) -> String {
    let verdict = match (c.significant, lang) {
        (true, Lang::Da) => "forskellen er næppe tilfældig",
        (false, Lang::Da) => "forskellen kan skyldes tilfældigheder",
        (true, Lang::En) => "the difference is unlikely to be chance",
        (false, Lang::En) => "the difference may be chance",
    };
    format!(
        "{}; {verdict} ({}, {} {}).",
        claim(c, lang),
        c.test,
        p_text(c.p_holm, lang),
        lang.pick("efter Holm-korrektion", "after Holm's correction")
    )
}

/// Who is more satisfied, or that they are equally satisfied (at the shown precision). The two
/// languages say it in the same order, so one shape per case takes the words of either.
fn claim(c: &Comparison, lang: Lang) -> String {
    let (a, b) = (&c.a, &c.b);
    let equal = lang.number(a.mean, 2) == lang.number(b.mean, 2);
    let (and, at, vs) = (lang.pick("og", "and"), lang.pick("i", "in"), lang.pick("mod", "vs"));
    let (wave_a, mean_a) = (lang.data_value(&a.wave), lang.number(a.mean, 2));
    match (c.kind, equal) {
        (Kind::WavesInPhase, true) => format!(
            "{wave_a} {and} {} {} {at} {}: {mean_a}",
            lang.data_value(&b.wave),
            lang.pick("er lige tilfredse", "are equally satisfied"),
            place(a, lang),
        ),
        // The higher group first.
        (Kind::WavesInPhase, false) => {
            let (hi, lo) = if b.mean > a.mean { (b, a) } else { (a, b) };
            format!(
                "{} {} {} {at} {}: {} {vs} {}",
                lang.data_value(&hi.wave),
                lang.pick("er mere tilfreds end", "is more satisfied than"),
                lang.data_value(&lo.wave),
                place(a, lang),
                lang.number(hi.mean, 2),
                lang.number(lo.mean, 2)
            )
        }
        (_, true) => format!(
            "{wave_a} {} {at} {} {and} {at} {}: {mean_a}",
            lang.pick("er lige tilfreds", "is equally satisfied"),
            place(a, lang),
            place(b, lang),
        ),
        // Over time the later group leads: "less satisfied in week 5 than in week 4".
        (_, false) => format!(
            "{wave_a} {} {} {} {at} {} {} {at} {}: {} {vs} {mean_a}",
            lang.pick("er", "is"),
            if b.mean > a.mean {
                lang.pick("mere", "more")
            } else {
                lang.pick("mindre", "less")
            },
            lang.pick("tilfreds", "satisfied"),
            place(b, lang),
            lang.pick("end", "than"),
            place(a, lang),
            lang.number(b.mean, 2),
        ),
    }
}

/// The numbers behind the sentence: Welch's interval, the top-two shares, the n.
pub fn details(c: &Comparison, lang: Lang) -> String {
    let (a, b) = (&c.a, &c.b);
    let [low, high] = c.difference_ci95;
    let share = |g: &Group| {
        format!(
            "{} ({}–{})",
            percent(g.top_two_share, lang),
            lang.number(g.top_two_ci95[0] * 100.0, 0),
            percent(g.top_two_ci95[1], lang)
        )
    };
    let side = |g: &Group| match (&g.phase, c.kind) {
        (Some(_), Kind::PhasesInWave) => place(g, lang),
        (_, Kind::CheckIn) => place(g, lang),
        _ => lang.data_value(&g.wave),
    };
    let vs = lang.pick("mod", "vs");
    format!(
        "{} {} − {}: {} ({} {} {} {}, Welch {}). {}: {} {vs} {}. n = {} {} {}.",
        lang.pick("Forskel", "Difference"),
        side(b),
        side(a),
        lang.number(c.difference, 2),
        lang.pick("95 %-KI", "95% CI"),
        lang.number(low, 2),
        lang.pick("til", "to"),
        lang.number(high, 2),
        p_text(c.welch_p, lang),
        lang.pick("Tilfredse (4-5)", "Satisfied (4-5)"),
        share(b),
        share(a),
        lang.count(b.n),
        lang.pick("og", "and"),
        lang.count(a.n)
    )
}
