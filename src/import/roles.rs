//! Deciding what each column is for, from its header, the tool that wrote it and all of its
//! values, with the reason for every decision, so `check` and the import review can say why
//! a column was or was not averaged. A column is averaged as a question only when its values
//! are answers on the scale and nothing says it is something else.

use serde::Serialize;

use super::ImportOptions;
use super::columns::{Role, role_from_header};
use super::labels::Labels;
use super::likert::{is_dont_know_label, is_on_scale};
use super::profile::ColumnProfile;
use super::tools::{SystemColumn, Tool, recognise, system_column};

mod reading;

use reading::Reading;

/// Why a column got its role.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum RoleReason {
    /// The user said so (`--role`, the import review).
    Chosen,
    /// A word of the header (or of the question text) names the role.
    HeaderWord,
    /// The values say it: "Rul 2", "Uge 4", dates.
    Values,
    /// Answers on the scale: the share of filled values that read as answers.
    OnScale { percent: u32 },
    /// Numbers on the scale and a few codes past it: read as answers, the codes reported.
    ScaleWithCodes,
    /// A header word named another role, but the header asks for a rating and the values
    /// are on the scale.
    RatingDespiteWord,
    /// A survey tool's system column (id, status, page, e-mail, times).
    SystemColumn,
    /// The time the respondent answered, chosen among the file's times.
    AnswerTime,
    /// Another time column is used as the answer date.
    OtherTime,
    /// An id or running number.
    Identifier,
    /// One value in every row: nothing to average.
    Constant { value: String },
    /// No value at all.
    Empty,
    /// Only 0 and 1: chosen or not chosen.
    Binary,
    /// A ranking ("Rangér …", "Please rank …"): 1 is the first place, not the lowest score.
    Ranking,
    /// A count ("Antal deltagere", "Hvor mange …"): numbers of people or hours, no score.
    Count,
    /// The column's code list names something else than answers (e.g. "Rul 1").
    LabelsSayOther { example: String },
    /// Text that is not answers on the scale: kept to break the mean down by.
    NotOnScale,
    /// Numbers, or a code list, on another scale than 1-5 ("0-10", "1-4"): its mean would be
    /// no mean on 1-5.
    OtherScale { range: String },
    /// A second column of a role that one column holds (wave, week, phase, municipality).
    Duplicate { role: Role },
    /// In a long file the answers are in the score column; other columns are categories.
    LongFile,
    /// Numbers worked out from the answers (a row's average added in Excel: "3,67"), by
    /// the header's word or by fractions no answer has.
    Computed,
}

impl RoleReason {
    pub fn describe(&self, lang: crate::locale::Lang) -> String {
        use RoleReason::*;
        let pick = |da: &str, en: &str| lang.pick(da, en).to_string();
        match self {
            Chosen => pick("valgt af dig", "chosen by you"),
            HeaderWord => pick("ordet i overskriften", "the header's word"),
            Values => pick("værdierne", "the values"),
            OnScale { percent } => match lang {
                crate::locale::Lang::Da => format!("{percent} % af værdierne er svar på skalaen"),
                crate::locale::Lang::En => format!("{percent}% of the values are answers on the scale"),
            },
            ScaleWithCodes => pick(
                "tal på skalaen og koder uden for den (fx 6 for «Ved ikke»)",
                "numbers on the scale and codes past it (e.g. 6 for “don't know”)",
            ),
            RatingDespiteWord => pick(
                "overskriften beder om en vurdering, og værdierne er på skalaen",
                "the header asks for a rating and the values are on the scale",
            ),
            SystemColumn => pick(
                "systemkolonne fra spørgeskemaværktøjet",
                "the survey tool's system column",
            ),
            AnswerTime => pick("tidspunktet for besvarelsen", "the time of the answer"),
            OtherTime => pick("et andet tidspunkt bruges som dato", "another time is used as the date"),
            Identifier => pick("id eller løbenummer", "an id or running number"),
            Constant { value } => match lang {
                crate::locale::Lang::Da => format!("samme værdi («{}») i alle rækker", super::problems::shown(value)),
                crate::locale::Lang::En => format!("the same value (“{}”) in every row", super::problems::shown(value)),
            },
            Empty => pick("ingen værdier", "no values"),
            Binary => pick("kun 0 og 1 (valgt/ikke valgt)", "only 0 and 1 (chosen or not)"),
            Computed => pick(
                "udregnet af svarene (fx et gennemsnit), ikke svar",
                "worked out from the answers (e.g. an average), not answers",
            ),
            Ranking => pick(
                "en rangordning: 1 er førstepladsen, ikke den laveste score",
                "a ranking: 1 is the first place, not the lowest score",
            ),
            Count => pick(
                "et antal (overskriften spørger efter et antal), ikke en score",
                "a count (the header asks for a number of something), not a score",
            ),
            LabelsSayOther { example } => match lang {
                crate::locale::Lang::Da => format!(
                    "koderne står for andet end svar (fx «{}»)",
                    super::problems::shown(example)
                ),
                crate::locale::Lang::En => {
                    format!(
                        "the codes stand for something else than answers (e.g. “{}”)",
                        super::problems::shown(example)
                    )
                }
            },
            NotOnScale => pick("tekst, ikke svar på skalaen", "text, not answers on the scale"),
            OtherScale { range } => match lang {
                crate::locale::Lang::Da => format!("svar på en anden skala ({range}), ikke 1-5"),
                crate::locale::Lang::En => format!("answers on another scale ({range}), not 1-5"),
            },
            Duplicate { .. } => pick(
                "en anden kolonne har allerede rollen",
                "another column already has the role",
            ),
            LongFile => pick(
                "langt format: svarene står i score-kolonnen",
                "long layout: the answers are in the score column",
            ),
        }
    }
}

/// A column's role and why.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Decision {
    pub role: Role,
    pub reason: RoleReason,
}

/// Values a column must have, all the same, before it is taken for a constant and not a
/// question.
const MIN_FOR_CONSTANT: usize = 10;

/// Words of a header that ask for a rating: such a column is a question when its values are
/// on the scale, whatever other role word it holds ("Tilfredshed med ugens forløb").
const RATING_WORDS: [&str; 18] = [
    "tilfreds",
    "tilfredse",
    "tilfredshed",
    "utilfreds",
    "satisfied",
    "satisfaction",
    "dissatisfied",
    "vurder",
    "vurderer",
    "vurdering",
    "bedøm",
    "bedømmelse",
    "rate",
    "rating",
    "enig",
    "uenig",
    "agree",
    "skala",
];

/// Header words of a ranking question: its 1, 2, 3 are places, and averaging them as scores
/// reads the favourite as the worst.
const RANKING_WORDS: [&str; 10] = [
    "rank",
    "ranking",
    "rangér",
    "ranger",
    "rangordn",
    "rangordne",
    "rangordning",
    "prioriter",
    "prioritér",
    "prioritere",
];

/// Phrases and whole headers of a ranking that the words above miss: "Sæt kanalerne i
/// rækkefølge", a column called "Prioritet". Only for numbers: a column of scale words
/// ("Helt enig") is answers whatever its header says.
const RANKING_PHRASES: [&str; 2] = ["i rækkefølge", "in order of"];
const RANKING_HEADERS: [&str; 6] = ["prioritet", "prioritering", "rangering", "rang", "placering", "rank"];

/// Headers that start with a count ("Antal deltagere", "Hvor mange timer …", "Number of …"):
/// its 1, 2, 3 are people or hours, no score.
const COUNT_STARTS: [&str; 8] = [
    "antal ",
    "antallet af",
    "hvor mange",
    "how many",
    "number of",
    "count of",
    "hvor lang tid",
    "how long",
];

/// Header words of a recommendation asked the usual way ("Hvor sandsynligt er det, at du vil
/// anbefale …", NPS): on 0-10 even where a file's few answers happen to be 5 or less.
const RECOMMEND_WORDS: [&str; 4] = ["anbefale", "anbefaler", "recommend", "anbefaling"];
const LIKELY_WORDS: [&str; 3] = ["sandsynligt", "sandsynlighed", "likely"];

/// Header words of a column worked out from the answers (an average added in Excel): its
/// values are on the scale, but counting them would count each answer twice.
const COMPUTED_WORDS: [&str; 7] = ["gennemsnit", "gns", "snit", "middelværdi", "average", "avg", "mean"];

/// Header words of identifier columns: numbers that may look like scores, and no category
/// anyone breaks a mean down by.
const IDENTIFIER_WORDS: [&str; 7] = [
    "id",
    "respondent",
    "respondentid",
    "nr",
    "nummer",
    "løbenr",
    "løbenummer",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The text an answer code stands for: its label when the label is an answer on the scale or
/// a "don't know", else the code itself (a 1-5 code under an unfamiliar label still is the
/// score the respondent chose).
pub(super) fn answer_text<'a>(code: &'a str, label: Option<&'a str>) -> &'a str {
    match label {
        Some(label) if super::likert::is_not_answered_label(label) => "",
        Some(label) if is_dont_know_label(label) => "Ved ikke",
        Some(label) if is_on_scale(label) => label,
        _ => code,
    }
}

/// The roles of a file's columns. `texts` are question texts from a structure file, by
/// column; header and text are both searched for role words.
pub(super) fn decide(
    headers: &[String],
    texts: &[Option<String>],
    profiles: &[ColumnProfile],
    labels: &Labels,
    options: &ImportOptions,
    separator: Option<u8>,
) -> Vec<Decision> {
    // Between fields cut at commas a point is the decimal mark: "4.000" is four, not 4,000.
    let points_are_decimals = separator == Some(b',');
    // Forms and Google Forms write each answer's value (a rating's number), never a code: a
    // number past 5 in their columns is another scale, not "don't know".
    let values_are_answers = matches!(recognise(headers), Some(Tool::MicrosoftForms | Tool::GoogleForms));
    let readings: Vec<Reading> = headers
        .iter()
        .zip(profiles)
        .map(|(header, profile)| {
            let codes = labels.column(header);
            Reading::new(
                profile,
                codes,
                &options.dont_know,
                values_are_answers,
                points_are_decimals,
            )
        })
        .collect();
    let mut decisions: Vec<Decision> = Vec::with_capacity(headers.len());
    // Answer-time candidates: (column, rank); the best one becomes the date.
    let mut times: Vec<(usize, u8)> = Vec::new();
    for (index, (header, reading)) in headers.iter().zip(&readings).enumerate() {
        let text = texts.get(index).and_then(Option::as_deref);
        let decision = if let Some(role) = override_for(options, header, text) {
            if role == Role::Date {
                times.push((index, 0));
            }
            Decision {
                role,
                reason: RoleReason::Chosen,
            }
        } else {
            decide_one(header, text, reading, index, &mut times)
        };
        decisions.push(decision);
    }
    settle_dates(&mut decisions, &readings, times);
    settle_long_layout(&mut decisions, &readings, headers);
    settle_single_roles(&mut decisions, &readings);
    decisions
}

fn override_for(options: &ImportOptions, header: &str, text: Option<&str>) -> Option<Role> {
    let by = |name: &str| {
        options
            .role_overrides
            .iter()
            .find(|(key, _)| key.trim().eq_ignore_ascii_case(name.trim()))
            .map(|(_, role)| *role)
    };
    by(header).or_else(|| text.and_then(by))
}

fn decide_one(
    header: &str,
    text: Option<&str>,
    reading: &Reading,
    index: usize,
    times: &mut Vec<(usize, u8)>,
) -> Decision {
    let decision = |role, reason| Decision { role, reason };
    match system_column(header) {
        Some(SystemColumn::AnswerTime { rank }) => {
            times.push((index, rank));
            return decision(Role::Ignore, RoleReason::SystemColumn);
        }
        Some(SystemColumn::Other) => return decision(Role::Ignore, RoleReason::SystemColumn),
        None => {}
    }
    let mut all_words = words(header);
    if let Some(text) = text {
        all_words.extend(words(text));
    }
    let asks_rating = all_words.iter().any(|w| RATING_WORDS.contains(&w.as_str()));
    // An id is never averaged, whatever else its header says ("Svar ID" holds the score word
    // "svar") unless it asks for a rating ("Hvor tilfreds er du med release nr. 1.4?"); a
    // column counting past 5 (1, 2, 3, … 6) holds no answers on a 1-5 scale.
    let named_id = all_words.iter().any(|w| IDENTIFIER_WORDS.contains(&w.as_str()));
    if (named_id && !(asks_rating && reading.on_scale())) || reading.profile.counts_like_an_id() {
        return decision(Role::Ignore, RoleReason::Identifier);
    }
    if all_words.iter().any(|w| RANKING_WORDS.contains(&w.as_str())) {
        return decision(Role::Category, RoleReason::Ranking);
    }
    let header_lower = header.trim().to_lowercase();
    let lower = format!("{header_lower} {}", text.unwrap_or_default().to_lowercase());
    // The rest only for numbers, and never under a rating asked for; numbers past the scale
    // say more than the header's words: told with their range below.
    let numbers_only = reading.mostly(reading.numbers) && !asks_rating && reading.other_scale.is_none();
    let ranking = RANKING_PHRASES.iter().any(|phrase| lower.contains(phrase))
        || RANKING_HEADERS.contains(&header_lower.trim_end_matches([':', '?']));
    if numbers_only && ranking {
        return decision(Role::Category, RoleReason::Ranking);
    }
    let counts = COUNT_STARTS.iter().any(|start| lower.starts_with(start));
    if numbers_only && counts {
        return decision(Role::Category, RoleReason::Count);
    }
    let names_one_to_five = ["1-5", "1 - 5", "1 til 5", "1 to 5", "5 =", "5="]
        .iter()
        .any(|scale| lower.contains(scale));
    let has = |list: &[&str]| all_words.iter().any(|w| list.contains(&w.as_str()));
    let recommendation = (has(&RECOMMEND_WORDS) && has(&LIKELY_WORDS)) || has(&["nps"]);
    if numbers_only && recommendation && !names_one_to_five {
        return decision(Role::Category, RoleReason::OtherScale { range: "0-10".into() });
    }
    let named_computed = all_words.iter().any(|w| COMPUTED_WORDS.contains(&w.as_str()));
    if (named_computed && !asks_rating) || reading.computed {
        return decision(Role::Ignore, RoleReason::Computed);
    }
    // Numbers under a question that names another scale ("(1-10)") are on that scale, even
    // where every answer so far is 5 or less.
    if let Some(scale) = super::scale::of_words(header).or_else(|| text.and_then(super::scale::of_words))
        && reading.mostly(reading.numbers)
    {
        return decision(Role::Category, RoleReason::OtherScale { range: scale.range() });
    }
    let word_role = role_from_header(header).or_else(|| text.and_then(role_from_header));
    let rating = || {
        if asks_rating {
            decision(Role::QuestionColumn, RoleReason::RatingDespiteWord)
        } else {
            decision(
                Role::QuestionColumn,
                RoleReason::OnScale {
                    percent: reading.percent(),
                },
            )
        }
    };
    match word_role {
        Some(Role::Wave | Role::Week | Role::Phase) if asks_rating && reading.on_scale() => return rating(),
        Some(Role::Wave) => return decision(Role::Wave, RoleReason::HeaderWord),
        Some(Role::Phase) => return decision(Role::Phase, RoleReason::HeaderWord),
        Some(Role::Week) if reading.mostly(reading.weeks) => return decision(Role::Week, RoleReason::HeaderWord),
        Some(Role::Municipality) if reading.on_scale() => return rating(),
        // A comment column is free text even where most comments are a digit ("5", "3"): only
        // a rating asked for, or nothing but answers, makes it a question.
        Some(Role::Comment) if reading.on_scale() && (asks_rating || reading.all(reading.answers)) => return rating(),
        Some(role @ (Role::Municipality | Role::Comment)) => return decision(role, RoleReason::HeaderWord),
        Some(Role::Date) if reading.mostly(reading.dates) => {
            times.push((index, time_rank(&all_words, 1)));
            return decision(Role::Ignore, RoleReason::OtherTime);
        }
        // Long files: settled once every column is seen.
        Some(role @ (Role::Question | Role::Score)) => return decision(role, RoleReason::HeaderWord),
        _ => {}
    }
    from_values(reading, index, time_rank(&all_words, 5), times, rating)
}

fn from_values(
    reading: &Reading,
    index: usize,
    time_rank: u8,
    times: &mut Vec<(usize, u8)>,
    rating: impl Fn() -> Decision,
) -> Decision {
    let decision = |role, reason| Decision { role, reason };
    if reading.filled == 0 {
        return decision(Role::Ignore, RoleReason::Empty);
    }
    if reading.all(reading.waves) {
        return decision(Role::Wave, RoleReason::Values);
    }
    // "Uge 4" in every row: weeks, as a question code (LimeSurvey's G01Q03) hides the header.
    if reading.all(reading.named_weeks) {
        return decision(Role::Week, RoleReason::Values);
    }
    // Before the code list's words: "0 - Slet ikke sandsynligt" … "10" is a scale, if not 1-5.
    if let Some(scale) = reading.other_scale {
        return decision(Role::Category, RoleReason::OtherScale { range: scale.range() });
    }
    if let Some(example) = &reading.labels_say_other {
        let lower = example.to_lowercase();
        if reading.all(reading.weeks) && (lower.contains("uge") || lower.contains("week")) {
            return decision(Role::Week, RoleReason::Values);
        }
        return decision(
            Role::Category,
            RoleReason::LabelsSayOther {
                example: example.clone(),
            },
        );
    }
    if reading.binary {
        return decision(Role::Category, RoleReason::Binary);
    }
    if reading.on_scale() {
        if reading.profile.counts_like_an_id() {
            return decision(Role::Ignore, RoleReason::Identifier);
        }
        // Ten answers or more, all the same: a page number or a status, not a rating (a few
        // respondents may well agree, so fewer are read as answers).
        if let Some(value) = reading
            .profile
            .constant()
            .filter(|_| reading.filled >= MIN_FOR_CONSTANT)
        {
            return decision(
                Role::Ignore,
                RoleReason::Constant {
                    value: value.to_string(),
                },
            );
        }
        return rating();
    }
    // Answers with codes past the scale: read as answers, so each code is reported (with its
    // likely meaning) instead of the question silently dropping out of the means.
    if reading.scale_with_codes && reading.profile.constant().is_none() && !reading.profile.counts_like_an_id() {
        return decision(Role::QuestionColumn, RoleReason::ScaleWithCodes);
    }
    if reading.mostly(reading.dates) {
        times.push((index, time_rank));
        return decision(Role::Ignore, RoleReason::OtherTime);
    }
    if reading.profile.counts_like_an_id() {
        return decision(Role::Ignore, RoleReason::Identifier);
    }
    decision(Role::Category, RoleReason::NotOnScale)
}

/// The rank of a date column among the answer times (lowest first) from its header's words:
/// the time a response was given ("Svardato", "Besvaret", "Afsluttet") before any other date,
/// the time the survey was made, sent or begun ("Oprettelsesdato", "Udsendt", "Påbegyndt")
/// after every other.
fn time_rank(words: &[String], plain: u8) -> u8 {
    const ANSWERED: [&str; 10] = [
        "svardato",
        "svartidspunkt",
        "besvaret",
        "besvarelsesdato",
        "afsluttet",
        "fuldført",
        "indsendt",
        "submitted",
        "completed",
        "answered",
    ];
    const BEFORE_ANSWERING: [&str; 12] = [
        "oprettet",
        "oprettelsesdato",
        "oprettelse",
        "udsendt",
        "udsendelse",
        "sendt",
        "invitation",
        "påbegyndt",
        "created",
        "sent",
        "invited",
        "started",
    ];
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(&ANSWERED) {
        1
    } else if has(&BEFORE_ANSWERING) {
        6
    } else {
        plain
    }
}

/// The best answer time (lowest rank, then leftmost) holding dates becomes the date column.
fn settle_dates(decisions: &mut [Decision], readings: &[Reading], mut times: Vec<(usize, u8)>) {
    if decisions.iter().any(|d| d.role == Role::Date) {
        return;
    }
    times.sort_by_key(|&(index, rank)| (rank, index));
    let best = times.iter().find(|&&(index, _)| {
        readings
            .get(index)
            .is_some_and(|r| r.mostly(r.dates) && r.profile.constant().is_none())
    });
    if let Some(&(index, _)) = best
        && let Some(decision) = decisions.get_mut(index)
    {
        decision.role = Role::Date;
        decision.reason = if decision.reason == RoleReason::SystemColumn {
            RoleReason::AnswerTime
        } else {
            RoleReason::HeaderWord
        };
    }
}

/// A long file has a score column and a question column of text; otherwise a "score" or
/// "question" header is one more column to read by its values.
fn settle_long_layout(decisions: &mut [Decision], readings: &[Reading], headers: &[String]) {
    let first = |role: Role| decisions.iter().position(|d| d.role == role);
    let (score, question) = (first(Role::Score), first(Role::Question));
    let chosen = |i: usize| decisions.get(i).is_some_and(|d| d.reason == RoleReason::Chosen);
    // Headers that are only the role's word ("Spørgsmål", "Spørgsmål nr", "Svar"): a long
    // file's, even where its questions are numbered 1-5 (numbers on the scale, which would
    // otherwise make it a wide file's question and average the question numbers).
    let just_the_word = |i: usize| headers.get(i).is_some_and(|header| words(header).len() <= 2);
    let long = match (score, question) {
        (Some(s), _) if chosen(s) => true,
        (Some(s), Some(q)) => {
            chosen(q) || readings.get(q).is_some_and(|r| !r.on_scale()) || (just_the_word(q) && just_the_word(s))
        }
        _ => false,
    };
    for (index, (decision, reading)) in decisions.iter_mut().zip(readings).enumerate() {
        let kept = long && (Some(index) == score || Some(index) == question);
        if kept || !matches!(decision.role, Role::Score | Role::Question | Role::QuestionColumn) {
            continue;
        }
        if decision.reason == RoleReason::Chosen {
            // A user's "question" or "score" in a wide file is a question column.
            if !long {
                decision.role = Role::QuestionColumn;
            }
            continue;
        }
        *decision = match decision.role {
            _ if long && reading.on_scale() => Decision {
                role: Role::Category,
                reason: RoleReason::LongFile,
            },
            Role::QuestionColumn => continue,
            _ if reading.on_scale() => Decision {
                role: Role::QuestionColumn,
                reason: RoleReason::OnScale {
                    percent: reading.percent(),
                },
            },
            // A score column of numbers: read as answers, so a number off the scale is
            // reported, not left out in silence.
            Role::Score if reading.mostly(reading.numbers) => Decision {
                role: Role::QuestionColumn,
                reason: RoleReason::HeaderWord,
            },
            _ => Decision {
                role: Role::Category,
                reason: RoleReason::NotOnScale,
            },
        };
    }
}

/// Roles one column holds: the first keeps it, later ones are read by their values.
fn settle_single_roles(decisions: &mut [Decision], readings: &[Reading]) {
    for role in [
        Role::Wave,
        Role::Week,
        Role::Phase,
        Role::Municipality,
        Role::Date,
        Role::Question,
        Role::Score,
    ] {
        let mut seen = false;
        for (decision, reading) in decisions.iter_mut().zip(readings) {
            if decision.role != role {
                continue;
            }
            if seen && decision.reason != RoleReason::Chosen {
                *decision = if role == Role::Date {
                    Decision {
                        role: Role::Ignore,
                        reason: RoleReason::OtherTime,
                    }
                } else if reading.on_scale() && !matches!(role, Role::Question | Role::Score) {
                    Decision {
                        role: Role::QuestionColumn,
                        reason: RoleReason::OnScale {
                            percent: reading.percent(),
                        },
                    }
                } else {
                    Decision {
                        role: Role::Category,
                        reason: RoleReason::Duplicate { role },
                    }
                };
            }
            seen |= decision.role == role;
        }
    }
}
