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
    let (a, b) = (&c.a, &c.b);
    // The higher group first; equal at the shown precision is said as equal.
    let equal = lang.number(a.mean, 2) == lang.number(b.mean, 2);
    let (hi, lo) = if b.mean > a.mean { (b, a) } else { (a, b) };
    let numbers = format!(
        "{} {} {}",
        lang.number(hi.mean, 2),
        lang.pick("mod", "vs"),
        lang.number(lo.mean, 2)
    );
    let claim = match (c.kind, equal, lang) {
        (Kind::WavesInPhase, true, Lang::Da) => format!(
            "{} og {} er lige tilfredse i {}: {}",
            lang.data_value(&a.wave),
            lang.data_value(&b.wave),
            place(a, lang),
            lang.number(a.mean, 2)
        ),
        (Kind::WavesInPhase, true, Lang::En) => format!(
            "{} and {} are equally satisfied in {}: {}",
            lang.data_value(&a.wave),
            lang.data_value(&b.wave),
            place(a, lang),
            lang.number(a.mean, 2)
        ),
        (Kind::WavesInPhase, false, Lang::Da) => format!(
            "{} er mere tilfreds end {} i {}: {numbers}",
            lang.data_value(&hi.wave),
            lang.data_value(&lo.wave),
            place(a, lang)
        ),
        (Kind::WavesInPhase, false, Lang::En) => format!(
            "{} is more satisfied than {} in {}: {numbers}",
            lang.data_value(&hi.wave),
            lang.data_value(&lo.wave),
            place(a, lang)
        ),
        (_, true, Lang::Da) => format!(
            "{} er lige tilfreds i {} og i {}: {}",
            lang.data_value(&a.wave),
            place(a, lang),
            place(b, lang),
            lang.number(a.mean, 2)
        ),
        (_, true, Lang::En) => format!(
            "{} is equally satisfied in {} and in {}: {}",
            lang.data_value(&a.wave),
            place(a, lang),
            place(b, lang),
            lang.number(a.mean, 2)
        ),
        // Over time the later group leads: "less satisfied in week 5 than in week 4".
        (_, false, Lang::Da) => format!(
            "{} er {} tilfreds i {} end i {}: {} {} {}",
            lang.data_value(&a.wave),
            if b.mean > a.mean { "mere" } else { "mindre" },
            place(b, lang),
            place(a, lang),
            lang.number(b.mean, 2),
            "mod",
            lang.number(a.mean, 2)
        ),
        (_, false, Lang::En) => format!(
            "{} is {} satisfied in {} than in {}: {} vs {}",
            lang.data_value(&a.wave),
            if b.mean > a.mean { "more" } else { "less" },
            place(b, lang),
            place(a, lang),
            lang.number(b.mean, 2),
            lang.number(a.mean, 2)
        ),
    };
    let verdict = match (c.significant, lang) {
        (true, Lang::Da) => "forskellen er næppe tilfældig",
        (false, Lang::Da) => "forskellen kan skyldes tilfældigheder",
        (true, Lang::En) => "the difference is unlikely to be chance",
        (false, Lang::En) => "the difference may be chance",
    };
    format!(
        "{claim}; {verdict} ({}, {} {}).",
        c.test,
        p_text(c.p_holm, lang),
        lang.pick("efter Holm-korrektion", "after Holm's correction")
    )
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
    match lang {
        Lang::Da => format!(
            "Forskel {} − {}: {} (95 %-KI {} til {}, Welch {}). Tilfredse (4-5): {} mod {}. n = {} og {}.",
            side(b),
            side(a),
            lang.number(c.difference, 2),
            lang.number(low, 2),
            lang.number(high, 2),
            p_text(c.welch_p, lang),
            share(b),
            share(a),
            lang.count(b.n),
            lang.count(a.n)
        ),
        Lang::En => format!(
            "Difference {} − {}: {} (95% CI {} to {}, Welch {}). Satisfied (4-5): {} vs {}. n = {} and {}.",
            side(b),
            side(a),
            lang.number(c.difference, 2),
            lang.number(low, 2),
            lang.number(high, 2),
            p_text(c.welch_p, lang),
            share(b),
            share(a),
            lang.count(b.n),
            lang.count(a.n)
        ),
    }
}
