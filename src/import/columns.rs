//! What each column of a survey export is for, guessed from the words of its header.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Wave,
    Week,
    Phase,
    Municipality,
    Date,
    /// Long format: the column naming the question of each answer.
    Question,
    /// Long format: the answer itself.
    Score,
    Comment,
    /// Wide format: a column of answers to one question, named by its header.
    QuestionColumn,
    /// Any other column, kept for breakdowns (crosstab), e.g. "how often do you use KLIK".
    Category,
    Ignore,
}

impl Role {
    pub const ALL: [Role; 11] = [
        Role::Wave,
        Role::Week,
        Role::Phase,
        Role::Municipality,
        Role::Date,
        Role::Question,
        Role::Score,
        Role::Comment,
        Role::QuestionColumn,
        Role::Category,
        Role::Ignore,
    ];

    /// The role as `--role` takes it ("wave", "question").
    pub fn keyword(self) -> &'static str {
        use Role::*;
        match self {
            Wave => "wave",
            Week => "week",
            Phase => "phase",
            Municipality => "municipality",
            Date => "date",
            Question | QuestionColumn => "question",
            Score => "score",
            Comment => "comment",
            Category => "category",
            Ignore => "ignore",
        }
    }

    pub fn label(self, lang: crate::locale::Lang) -> &'static str {
        use Role::*;
        let (da, en) = match self {
            Wave => ("Rul", "Wave"),
            Week => ("Uge", "Week"),
            Phase => ("Fase", "Phase"),
            Municipality => ("Kommune", "Municipality"),
            Date => ("Dato", "Date"),
            Question => ("Spørgsmål", "Question"),
            Score => ("Score", "Score"),
            Comment => ("Kommentar", "Comment"),
            QuestionColumn => ("Spørgsmål (kolonne)", "Question (column)"),
            Category => ("Kategori", "Category"),
            Ignore => ("Ignorer", "Ignore"),
        };
        lang.pick(da, en)
    }
}

/// Header words per role (docs/DESIGN.md, a contract). Order matters where a header holds words of
/// two roles: "Kommentar til vurdering" is a comment, "Dato for svar" a date.
const ROLE_WORDS: [(Role, &[&str]); 8] = [
    (
        Role::Comment,
        &[
            "kommentar",
            "kommentarer",
            "bemærkning",
            "bemærkninger",
            "comment",
            "comments",
            "fritekst",
        ],
    ),
    (
        Role::Date,
        &["dato", "date", "tidspunkt", "starttidspunkt", "timestamp"],
    ),
    (Role::Wave, &["rul", "bølge", "wave", "udrulningsbølge"]),
    (
        Role::Week,
        &[
            "uge",
            "week",
            "ugenr",
            "ugenummer",
            "rulleuge",
            "udrulningsuge",
            "mødeuge",
            "weeknumber",
        ],
    ),
    (Role::Phase, &["fase", "phase"]),
    (
        Role::Municipality,
        &["kommune", "municipality", "myndighed", "organisation"],
    ),
    (Role::Question, &["spørgsmål", "question", "parameter", "emne", "item"]),
    (
        Role::Score,
        &["score", "svar", "vurdering", "tilfredshed", "værdi", "rating", "value"],
    ),
];

/// The role a header's words point to, matched as whole words, case-insensitive, so
/// "Udrulningen" does not hold the word "rul".
pub fn role_from_header(header: &str) -> Option<Role> {
    let lower = header.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    ROLE_WORDS
        .iter()
        .find(|(_, role_words)| words.iter().any(|word| role_words.contains(word)))
        .map(|(role, _)| *role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_are_matched_whole() {
        assert_eq!(role_from_header("Rul"), Some(Role::Wave));
        assert_eq!(role_from_header("Udrulningen og VALG-løsningen generelt"), None);
        assert_eq!(role_from_header("Uge"), Some(Role::Week));
        assert_eq!(role_from_header("Starttidspunkt"), Some(Role::Date));
        assert_eq!(role_from_header("KOMMUNE"), Some(Role::Municipality));
        assert_eq!(role_from_header("Spørgsmål"), Some(Role::Question));
        assert_eq!(role_from_header("Tilfredshed (1-5)"), Some(Role::Score));
        assert_eq!(role_from_header("Kommentar til vurdering"), Some(Role::Comment));
        assert_eq!(role_from_header("Udrulningsbølge"), Some(Role::Wave));
        assert_eq!(role_from_header("Hvor tilfreds er du samlet set med KLIK?"), None);
        assert_eq!(role_from_header("Supporten"), None);
    }
}
