//! SurveyXact's system variables: their names (long, and the 8-character short names its exports
//! use by default), their types and their Danish texts in structure.csv.

/// The block before the questions: (questionName, questionType, subType, questionText).
/// The long variable name is the questionName in lower case.
pub const SYSTEM: [(&str, &str, &str, &str); 13] = [
    ("respondentid", "Open", "Double", "Respondent-ID"),
    ("created", "Open", "Date", "Oprettet"),
    ("modified", "Open", "Date", "Ændret"),
    ("closeTime", "Open", "Date", "Slut"),
    ("startTime", "Open", "Date", "Start"),
    ("diffTime", "Open", "Double", "Svartid (sekunder)"),
    ("responseCollectSessions", "Open", "Double", "Svarsessioner"),
    ("numberOfReturnedmail", "Open", "Double", "Antal returnerede mails"),
    ("importgroup", "Open", "Double", "Importgruppe"),
    (
        "distributionschedule",
        "Closed",
        "Single",
        "Tidsplan for dataindsamling",
    ),
    ("email", "Open", "String", "E-mail"),
    (
        "digitalDistributionStatus",
        "Closed",
        "Single",
        "digitalDistributionStatus",
    ),
    (
        "digitalDistributionErrorMessage",
        "Open",
        "String",
        "digitalDistributionErrorMessage",
    ),
];

/// statinternal_1..20, between respondentid and created.
pub const INTERNAL: [&str; 20] = [
    "E-mail sendt",
    "Spørgeskema udskrevet",
    "Baggrundsdata eksporteret til brevfletning",
    "Distribueret via link",
    "Importerede svar",
    "Nogle spørgsmål er besvaret",
    "Sidste side vist for respondenten",
    "Oprettet af administrator",
    "Oprettet via import",
    "Oprettet af bruger af indtastningsmodul",
    "Oprettet af respondent",
    "Oprettet via webservice",
    "Svar indtastet af respondent",
    "Svar indtastet af administrator",
    "Svar indtastet via interview",
    "Svar indsamlet via webservice",
    "Respondent lukket af interviewer",
    "Sidste side vist for intervieweren",
    "Afvist pga. returneret mail",
    "Oprettet via import fra panel",
];

/// The status variables after the questions: (question name, text, choices), 0/1 per choice.
pub const STATUS: [(&str, &str, &[&str]); 6] = [
    (
        "statcompletion",
        "Afslutningsstatus",
        &["Afsluttet", "Gennemført", "Afvist pga. returneret mail"],
    ),
    (
        "statcreation",
        "Oprettelsesstatus",
        &[
            "Oprettet manuelt af administrator",
            "Importeret af administrator",
            "Oprettet af bruger af indtastningsmodul",
            "Oprettet af respondent via link",
            "Oprettet via webservice",
            "Ukendt oprettelsestype",
            "Importeret fra panel",
        ],
    ),
    (
        "statdistribution",
        "Distributionsstatus",
        &["Brevfletning", "Ingen", "E-mail", "Papir", "Link"],
    ),
    (
        "statsource",
        "Svarenes oprindelse",
        &[
            "Svar indtastet af respondent",
            "Svar indtastet af administrator",
            "Svar indsamlet via interview",
            "Importerede svar",
            "Webservice",
            "Ukendt svaroprindelse",
        ],
    ),
    (
        "statcollect",
        "Indsamlingsstatus",
        &["Ingen", "Delvis gennemført", "Gennemført", "Afvist"],
    ),
    (
        "statoverall",
        "Samlet status",
        &["Ny", "Distribueret", "Delvis gennemført", "Gennemført", "Frafaldet"],
    ),
];

/// The short name SurveyXact gives a long variable name: the first 8 characters, and where two
/// would clash a numbered stem (statcompletion_1-3 and statcreation_1-6 share `statc_1-9`; the
/// rest that clash continue `stat_21`...). As in a public fixture of its API export.
pub fn short(long: &str) -> String {
    if long == "digitaldistributionerrormessage" {
        return "digit_1".to_string();
    }
    let (stem, number) = match long.rsplit_once('_') {
        Some((stem, n)) if n.parse::<u32>().is_ok() => (stem, n.parse::<u32>().expect("a number")),
        _ => return long.chars().take(8).collect(),
    };
    match stem {
        "statinternal" => format!("stat_{number}"),
        "statcompletion" => format!("statc_{number}"),
        "statcreation" if number <= 6 => format!("statc_{}", number + 3),
        "statcreation" => "stat_21".to_string(),
        "statdistribution" => format!("statd_{number}"),
        "statsource" => format!("stats_{number}"),
        "statcollect" => format!("stat_{}", number + 21),
        "statoverall" => format!("stato_{number}"),
        _ => long.to_string(),
    }
}
