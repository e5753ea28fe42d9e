//! The rollout's phase scheme: each wave ran five weeks, preparation in weeks 1-3 and a test
//! election in week 4 and again in week 5.

pub const PHASE_PREPARATION: &str = "Klargøring (uge 1-3)";
pub const PHASE_TEST_WEEK4: &str = "Prøvevalg (uge 4)";
pub const PHASE_TEST_WEEK5: &str = "Prøvevalg (uge 5)";
/// Answers whose week falls outside the scheme, or that carry neither week nor phase.
pub const NO_PHASE: &str = "Uden fase";
/// The wave of answers from a file without a wave column.
pub const NO_WAVE: &str = "Alle";

/// The default scheme's phases, in order.
pub const DEFAULT_PHASES: [&str; 3] = [PHASE_PREPARATION, PHASE_TEST_WEEK4, PHASE_TEST_WEEK5];

/// The phase of a rollout week under the default scheme; None outside weeks 1-5.
pub fn phase_of_week(week: i32) -> Option<&'static str> {
    match week {
        1..=3 => Some(PHASE_PREPARATION),
        4 => Some(PHASE_TEST_WEEK4),
        5 => Some(PHASE_TEST_WEEK5),
        _ => None,
    }
}

/// A phase column's text as one of the rollout's phases where it names one, whatever its
/// spelling: "Klargøring", "KLARGØRING", "klargøring (uge 1-3)", "Preparation" are
/// Klargøring; "Prøvevalg uge 4", "Test election week 5" the test election of their week. A
/// text that names no phase, or a test election without its week, is kept as written.
pub fn normalise_phase(text: &str) -> std::borrow::Cow<'_, str> {
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| lower.contains(word));
    let preparation = has(&["klargør", "preparation"]);
    let test = has(&["prøvevalg", "testvalg", "test election", "test valg"]);
    let numbers: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let canonical = match (preparation, test, numbers.as_slice()) {
        (true, false, _) => Some(PHASE_PREPARATION),
        (false, true, ["4"]) => Some(PHASE_TEST_WEEK4),
        (false, true, ["5"]) => Some(PHASE_TEST_WEEK5),
        // A test election by its number ("1. prøvevalg", "Første prøvevalg"), read as a week
        // column reads it: the first in week 4, the second in week 5.
        (false, true, _) => match crate::import::values::test_election_week(&lower) {
            Some(4) => Some(PHASE_TEST_WEEK4),
            Some(5) => Some(PHASE_TEST_WEEK5),
            _ => [NO_PHASE].into_iter().find(|known| known.to_lowercase() == lower),
        },
        _ => [NO_PHASE].into_iter().find(|known| known.to_lowercase() == lower),
    };
    canonical.map_or(std::borrow::Cow::Borrowed(text), std::borrow::Cow::Borrowed)
}

/// Orders phase names: the scheme's phases first in scheme order, then the others in the
/// order given (first appearance), and "no phase" last.
pub fn order_phases(seen: &[String]) -> Vec<String> {
    let mut ordered: Vec<String> = DEFAULT_PHASES
        .iter()
        .filter(|phase| seen.iter().any(|s| s == *phase))
        .map(|phase| phase.to_string())
        .collect();
    for phase in seen {
        if !DEFAULT_PHASES.contains(&phase.as_str()) && phase != NO_PHASE && !ordered.contains(phase) {
            ordered.push(phase.clone());
        }
    }
    if seen.iter().any(|s| s == NO_PHASE) {
        ordered.push(NO_PHASE.to_string());
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_map_to_the_deck_phases() {
        assert_eq!(phase_of_week(1), Some(PHASE_PREPARATION));
        assert_eq!(phase_of_week(3), Some(PHASE_PREPARATION));
        assert_eq!(phase_of_week(4), Some(PHASE_TEST_WEEK4));
        assert_eq!(phase_of_week(5), Some(PHASE_TEST_WEEK5));
        assert_eq!(phase_of_week(6), None);
        assert_eq!(phase_of_week(0), None);
    }

    #[test]
    fn phases_order_by_scheme_then_appearance() {
        let seen: Vec<String> = [NO_PHASE, "Efterår", PHASE_TEST_WEEK5, PHASE_PREPARATION]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            order_phases(&seen),
            vec![PHASE_PREPARATION, PHASE_TEST_WEEK5, "Efterår", NO_PHASE]
        );
    }
}
