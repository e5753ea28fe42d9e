//! Problems found while importing: where (file, line, column) and what, told in the user's
//! language. They are data first, so the window can list them and tests can match them.

// Text is built in Strings, whose `write!` cannot fail: the `let _ = write!`s drop nothing.
use std::fmt::Write as _;

use serde::Serialize;

use super::tools::Tool;
use crate::locale::Lang;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ProblemKind {
    /// No file by that name (a typo, or a file moved since it was chosen).
    NotFound,
    /// The system will not let us read it.
    NoAccess,
    Unreadable {
        reason: String,
    },
    Empty,
    HeaderOnly,
    Binary,
    UnclosedQuote,
    /// A row with another number of fields than the header.
    Ragged {
        expected: usize,
        found: usize,
    },
    OutOfScale {
        value: String,
    },
    UnknownLabel {
        value: String,
    },
    BadWeek {
        value: String,
    },
    BadDate {
        value: String,
    },
    /// Nothing in the file holds answers: no score column and no column of scale values.
    NoAnswerColumns,
    /// An .xls from Excel 97-2003: only .xlsx is read.
    OldExcel,
    /// A workbook or sheet that cannot be read, and why, in both languages.
    Workbook {
        da: String,
        en: String,
    },
    /// A UTF-8 file with bytes on this line that are not UTF-8, read as Windows-1252.
    NotUtf8,
    /// A column of one answer on the scale in every row, left out as a constant (a page
    /// number, a status): said, in case it is a question everyone answered alike.
    ConstantColumn {
        value: String,
    },
    /// A column of answers on another scale than 1-5 (a recommendation 0-10, a count, grades
    /// 1-6, a 1-4 code list), left out of the means: said, as the question is not in them.
    OtherScaleColumn {
        range: String,
    },
    /// Responses of this file that an earlier file holds too (the same response id and
    /// time): an earlier export of the same survey given with a later one counts them twice.
    SameResponses {
        as_file: String,
        responses: usize,
    },
    /// A question column of many numbers, all 1-3: averaged as a rating, but more likely a
    /// ranking or a code (1 = Ja, 2 = Nej) than a 1-5 scale nobody rated 4 or 5.
    FewScalePoints {
        high: String,
        answers: usize,
    },
    /// Lines above the header with a title in their first field: passed over; the header is
    /// the line the problem is placed at.
    TitleAboveHeader {
        lines: usize,
    },
    /// A column of answer codes ("A1", "A2", …) and no code list: not averaged, and likely a
    /// question (LimeSurvey's "answer codes" export of a list question).
    AnswerCodes {
        example: String,
    },
    /// Not a regular file: a folder, a pipe, a device.
    NotAFile,
    /// A line (a field) longer than the limit: no survey export has one.
    LineTooLong {
        limit: usize,
    },
    TooManyColumns {
        columns: usize,
        limit: usize,
    },
    /// The same content as a file given before it: read once.
    SameContent {
        as_file: String,
    },
    /// A number outside the scale repeats in a question column: a code, most likely
    /// "don't know" (SurveyXact writes 6 on a 1-5 scale). Told once per column and value,
    /// beside the rows' own problems.
    CodeOutsideScale {
        value: String,
        rows: usize,
        tool: Option<Tool>,
    },
    /// The first data row reads as a second header row (the question's options).
    SecondHeaderRow,
    /// Dates like 05/08/2024 read both as day-month and month-day, and nothing in the column
    /// settles which. `needed`: the weeks come from the dates, so the file cannot be read.
    AmbiguousDates {
        example: String,
        needed: bool,
    },
    /// Some dates of the column put the day first, others the month.
    ConflictingDates {
        day_first: String,
        month_first: String,
        needed: bool,
    },
    /// A date that does not read, where the date is not needed: the row keeps its answers.
    DateNotRead {
        value: String,
    },
    /// No wave column: every answer is in one wave, unless a plan places the municipalities.
    NoWaveColumn {
        has_municipalities: bool,
    },
    /// No week or phase column, but dates: a plan with the waves' start dates gives phases.
    NoWeekColumn,
    /// No week, phase or date column: every answer is "Uden fase".
    NoPhaseAtAll,
    /// Municipalities of the file that the plan does not place (they keep no wave).
    NotInPlan {
        municipalities: Vec<String>,
        answers: usize,
    },
    /// A tool that writes answers as codes, and no code list: coded columns are read as
    /// answers on the scale, which only holds where the codes are the scale's numbers.
    CodesWithoutLabels {
        tool: Tool,
    },
    /// The plan has no start date for a wave, so its weeks cannot be counted.
    NoStartInPlan {
        wave: String,
    },
    /// A file given with the data that is no data: a plan, a labels or structure file that
    /// could not be used.
    BadCompanionFile {
        reason_da: String,
        reason_en: String,
    },
}

/// How much a problem weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A likely cause of other problems, told once.
    Hint,
    /// The numbers are right; something the user should know.
    Warning,
    /// A row cannot be read; the rest of the file can.
    Row,
    /// Nothing of the file can be used.
    Fatal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub file: String,
    /// The sheet of a workbook; then `line` is the sheet's row number.
    pub sheet: Option<String>,
    /// 1-based line in the file where the row starts; None for problems of the whole file.
    pub line: Option<u64>,
    /// 1-based column number and the column's header.
    pub column: Option<(usize, String)>,
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem of a whole file, at no line.
    pub fn of_file(file: &str, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: None,
            line: None,
            column: None,
            kind,
        }
    }

    pub fn severity(&self) -> Severity {
        use ProblemKind::*;
        match &self.kind {
            Unreadable { .. }
            | NotFound
            | NoAccess
            | Empty
            | HeaderOnly
            | Binary
            | UnclosedQuote
            | Workbook { .. }
            | NotAFile
            | LineTooLong { .. }
            | TooManyColumns { .. }
            | NoAnswerColumns
            | OldExcel
            | BadCompanionFile { .. } => Severity::Fatal,
            AmbiguousDates { needed, .. } | ConflictingDates { needed, .. } => {
                if *needed {
                    Severity::Fatal
                } else {
                    Severity::Warning
                }
            }
            Ragged { .. } | OutOfScale { .. } | UnknownLabel { .. } | BadWeek { .. } | BadDate { .. } => Severity::Row,
            DateNotRead { .. }
            | ConstantColumn { .. }
            | OtherScaleColumn { .. }
            | SameResponses { .. }
            | FewScalePoints { .. }
            | TitleAboveHeader { .. }
            | AnswerCodes { .. }
            | NotUtf8
            | SameContent { .. }
            | NoWaveColumn { .. }
            | NoWeekColumn
            | NoPhaseAtAll
            | NotInPlan { .. }
            | NoStartInPlan { .. }
            | CodesWithoutLabels { .. } => Severity::Warning,
            CodeOutsideScale { .. } | SecondHeaderRow => Severity::Hint,
        }
    }

    /// A problem that makes the whole file unusable (nothing in it is imported).
    pub fn is_fatal(&self) -> bool {
        self.severity() == Severity::Fatal
    }

    /// A problem that stops the data from being used as it is (a fatal one, or a row that
    /// cannot be read); warnings and hints do not.
    pub fn is_error(&self) -> bool {
        self.severity() >= Severity::Row
    }

    /// "fil.csv:12:6: ..." — where first, the way compilers and editors print it, so the
    /// place can be found even by someone who does not read the message. In a workbook:
    /// "fil.xlsx: Ark1, række 12, kolonne D: ...".
    pub fn message(&self, lang: Lang) -> String {
        // A file name is never cut, but a control character in it is shown, not obeyed.
        let mut out: String = self
            .file
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_default().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect();
        if let Some(sheet) = &self.sheet {
            let _ = write!(out, ": {}", shown(sheet));
            if let Some(line) = self.line {
                let _ = write!(out, ", {} {line}", lang.pick("række", "row"));
            }
            if let Some((column, header)) = &self.column {
                let letter = super::xlsx::column_letter(column.saturating_sub(1));
                let _ = write!(out, ", {} {letter}", lang.pick("kolonne", "column"));
                if !header.is_empty() {
                    let _ = match lang {
                        Lang::Da => write!(out, " («{}»)", shown(header)),
                        Lang::En => write!(out, " (“{}”)", shown(header)),
                    };
                }
            }
        } else if let Some(line) = self.line {
            let _ = write!(out, ":{line}");
            if let Some((column, _)) = &self.column {
                let _ = write!(out, ":{column}");
            }
        }
        out.push_str(": ");
        out.push_str(&self.describe(lang));
        out
    }

    /// What is wrong, without the file name: for the import view's table.
    pub fn describe(&self, lang: Lang) -> String {
        // In a workbook the place ("Ark1, række 12, kolonne D") already names the column.
        let column = self
            .column
            .as_ref()
            .filter(|(_, header)| !header.is_empty() && self.sheet.is_none())
            .map(|(number, header)| match lang {
                Lang::Da => format!(" (kolonne {number} «{}»)", shown(header)),
                Lang::En => format!(" (column {number} “{}”)", shown(header)),
            });
        let column = column.unwrap_or_default();
        let header = shown(self.column.as_ref().map_or("", |(_, header)| header.as_str()));
        let header = header.as_str();
        // Values from the file are shown safe for a terminal and short enough to read.
        let kind = self.kind.shown();
        use ProblemKind::*;
        match (&kind, lang) {
            (NotFound, Lang::Da) => "filen findes ikke".into(),
            (NotFound, Lang::En) => "the file does not exist".into(),
            (NoAccess, Lang::Da) => "ingen adgang til at læse filen".into(),
            (NoAccess, Lang::En) => "no permission to read the file".into(),
            (Unreadable { reason }, Lang::Da) => format!("kan ikke læse filen: {reason}"),
            (Unreadable { reason }, Lang::En) => format!("cannot read the file: {reason}"),
            (Empty, Lang::Da) => "filen er tom".into(),
            (Empty, Lang::En) => "the file is empty".into(),
            (HeaderOnly, Lang::Da) => "filen har kun en overskriftslinje og ingen svar".into(),
            (HeaderOnly, Lang::En) => "the file has only a header line and no answers".into(),
            (Binary, Lang::Da) => "filen er ikke en tekstfil (CSV); gem den som CSV fra Excel".into(),
            (Binary, Lang::En) => "the file is not a text (CSV) file; save it as CSV from Excel".into(),
            (UnclosedQuote, Lang::Da) => format!("et citationstegn åbner her og lukker aldrig{column}"),
            (UnclosedQuote, Lang::En) => format!("a quote opens here and never closes{column}"),
            (Ragged { expected, found }, Lang::Da) => {
                format!("rækken har {found} felter, overskriften har {expected}{column}")
            }
            (Ragged { expected, found }, Lang::En) => {
                format!("the row has {found} fields, the header has {expected}{column}")
            }
            (OutOfScale { value }, Lang::Da) => format!("«{value}» ligger uden for skalaen 1-5{column}"),
            (OutOfScale { value }, Lang::En) => format!("“{value}” is outside the 1-5 scale{column}"),
            // The way out, as a flag: the text as "don't know", or its value by a code list
            // whose code is the text itself.
            (UnknownLabel { value }, Lang::Da) => format!(
                "«{value}» er ikke et kendt svar på skalaen{column} — står svaret for «ved ikke», så giv det med --dont-know; ellers giv --labels FIL med rækken «{header};svaret;tallet 1-5»"
            ),
            (UnknownLabel { value }, Lang::En) => format!(
                "“{value}” is not a known answer on the scale{column} — if the answer means “don't know”, give it with --dont-know; else give --labels FILE with the row “{header};the answer;its number 1-5”"
            ),
            (BadWeek { value }, Lang::Da) => format!("«{value}» er ikke et ugenummer{column}"),
            (BadWeek { value }, Lang::En) => format!("“{value}” is not a week number{column}"),
            (BadDate { value }, Lang::Da) => format!("«{value}» er ikke en dato{column}"),
            (BadDate { value }, Lang::En) => format!("“{value}” is not a date{column}"),
            (NoAnswerColumns, Lang::Da) => {
                "ingen kolonne med svar: ingen score-kolonne og ingen kolonne med værdier på skalaen 1-5".into()
            }
            (NoAnswerColumns, Lang::En) => {
                "no column of answers: no score column and no column of values on the 1-5 scale".into()
            }
            (ConstantColumn { value }, Lang::Da) => format!(
                "kolonne «{header}» har svaret «{value}» i alle rækker og regnes ikke som et spørgsmål (en side eller en status?); er den et spørgsmål, så brug --role \"{header}=question\""
            ),
            (ConstantColumn { value }, Lang::En) => format!(
                "column “{header}” holds “{value}” in every row and is not averaged as a question (a page or a status?); if it is a question, use --role \"{header}=question\""
            ),
            (OtherScaleColumn { range }, Lang::Da) => format!(
                "kolonne «{header}» har svar på en anden skala ({range}) end 1-5 og regnes ikke med i gennemsnittene (en anbefaling 0-10, et antal, en skala med færre eller flere trin?); den kan bruges som kategori"
            ),
            (OtherScaleColumn { range }, Lang::En) => format!(
                "column “{header}” holds answers on another scale ({range}) than 1-5 and is not averaged (a 0-10 recommendation, a count, a scale with fewer or more points?); it can be used as a category"
            ),
            (SameResponses { as_file, responses }, Lang::Da) => format!(
                "{responses} besvarelser står også i «{as_file}» (samme id og tidspunkt) og tælles to gange — er den ene en ældre eksport af den samme undersøgelse? Så giv kun den nyeste"
            ),
            (SameResponses { as_file, responses }, Lang::En) => format!(
                "{responses} responses are also in “{as_file}” (the same id and time) and count twice — is one an older export of the same survey? Then give only the newest"
            ),
            (FewScalePoints { high, answers }, Lang::Da) => format!(
                "kolonne «{header}» har kun svarene 1-{high} i {answers} svar, men regnes som et spørgsmål på skalaen 1-5 — er den en rangordning eller en kode (1 = Ja, 2 = Nej)? Så giv --role \"{header}=category\""
            ),
            (FewScalePoints { high, answers }, Lang::En) => format!(
                "column “{header}” holds only the answers 1-{high} in {answers} answers, yet is averaged on the 1-5 scale — is it a ranking or a code (1 = yes, 2 = no)? Then give --role \"{header}=category\""
            ),
            (TitleAboveHeader { lines }, Lang::Da) => format!(
                "titlen over denne linje er sprunget over ({lines} linje med tekst i første felt); kolonneoverskrifterne er læst herfra"
            ),
            (TitleAboveHeader { lines }, Lang::En) => format!(
                "the title above this line was passed over ({lines} line with text in its first field); the column headers are read from here"
            ),
            (AnswerCodes { example }, Lang::Da) => format!(
                "kolonne «{header}» har svarkoder («{example}» …) og ingen kodeliste, så den regnes ikke med; er det svar på skalaen, så giv --labels FIL med en række pr. kode, fx «{header};{example};Meget tilfreds»"
            ),
            (AnswerCodes { example }, Lang::En) => format!(
                "column “{header}” holds answer codes (“{example}” …) and no code list, so it is not averaged; if they are answers on the scale, give --labels FILE with a row per code, e.g. “{header};{example};Very satisfied”"
            ),
            (NotUtf8, Lang::Da) => {
                "linjen har tegn der ikke er UTF-8, som resten af filen; de er læst som Windows-1252 (en linje indsat fra et andet program?) — se efter at navnene er rigtige".into()
            }
            (NotUtf8, Lang::En) => {
                "the line has characters that are not UTF-8, unlike the rest of the file; they are read as Windows-1252 (a line pasted from another program?) — check that the names are right".into()
            }
            (NotAFile, Lang::Da) => "ikke en almindelig fil (en mappe, en pipe eller en enhed)".into(),
            (NotAFile, Lang::En) => "not a regular file (a folder, a pipe or a device)".into(),
            (LineTooLong { limit }, Lang::Da) => {
                format!("et felt er længere end {} MB: filen ligner ikke en spørgeskemaeksport", limit >> 20)
            }
            (LineTooLong { limit }, Lang::En) => {
                format!("a field is longer than {} MB: the file does not look like a survey export", limit >> 20)
            }
            (TooManyColumns { columns, limit }, Lang::Da) => {
                format!("filen har {columns} kolonner; mere end {limit} læses ikke")
            }
            (TooManyColumns { columns, limit }, Lang::En) => {
                format!("the file has {columns} columns; more than {limit} are not read")
            }
            (SameContent { as_file }, Lang::Da) => {
                format!("samme indhold som «{as_file}»: læst én gang, så svarene ikke tælles to gange")
            }
            (SameContent { as_file }, Lang::En) => {
                format!("the same content as “{as_file}”: read once, so the answers are not counted twice")
            }
            (Workbook { da, .. }, Lang::Da) => da.clone(),
            (Workbook { en, .. }, Lang::En) => en.clone(),
            (OldExcel, Lang::Da) => "en gammel Excel-fil (.xls): gem den som .xlsx eller CSV".into(),
            (OldExcel, Lang::En) => "an old Excel file (.xls): save it as .xlsx or CSV".into(),
            (CodeOutsideScale { value, rows, tool }, lang) => code_outside_scale(value, *rows, *tool, header, lang),
            (SecondHeaderRow, Lang::Da) => {
                "rækken ligner en ekstra overskriftslinje (svarmulighedernes navne), ikke svar".into()
            }
            (SecondHeaderRow, Lang::En) => "the row looks like a second header row (the options' names), not answers".into(),
            (AmbiguousDates { example, needed }, Lang::Da) => format!(
                "datoer som «{example}» i kolonne «{header}» kan læses både dag-måned og måned-dag, og ingen dag over 12 afgør det; {}brug --date-order dmy (dag først) eller mdy (måned først)",
                if *needed { "ugerne regnes ud fra datoerne: " } else { "datoerne bruges ikke: " }
            ),
            (AmbiguousDates { example, needed }, Lang::En) => format!(
                "dates such as “{example}” in column “{header}” read as day-month and as month-day, and no day above 12 settles it; {}give --date-order dmy (day first) or mdy (month first)",
                if *needed { "the weeks come from the dates: " } else { "the dates are not used: " }
            ),
            (ConflictingDates { day_first, month_first, needed }, Lang::Da) => format!(
                "kolonne «{header}» har datoer med dagen først («{day_first}») og med måneden først («{month_first}»){}",
                if *needed { "" } else { "; datoerne bruges ikke" }
            ),
            (ConflictingDates { day_first, month_first, needed }, Lang::En) => format!(
                "column “{header}” has dates with the day first (“{day_first}”) and with the month first (“{month_first}”){}",
                if *needed { "" } else { "; the dates are not used" }
            ),
            (DateNotRead { value }, Lang::Da) => {
                format!("«{value}» er ikke en dato{column}; rækkens svar bruges uden dato")
            }
            (DateNotRead { value }, Lang::En) => {
                format!("“{value}” is not a date{column}; the row's answers are used without a date")
            }
            (NoWaveColumn { has_municipalities: true }, Lang::Da) => {
                "ingen rul-kolonne: alle svar står under «Alle»; giv en plan (--plan FIL) der placerer kommunerne i rul".into()
            }
            (NoWaveColumn { has_municipalities: true }, Lang::En) => {
                "no wave column: every answer is under “All”; give a plan (--plan FILE) that places the municipalities in waves".into()
            }
            (NoWaveColumn { has_municipalities: false }, Lang::Da) => {
                "ingen rul-kolonne: alle svar står under «Alle» (vælg en kolonne som Rul med --role)".into()
            }
            (NoWaveColumn { has_municipalities: false }, Lang::En) => {
                "no wave column: every answer is under “All” (choose a column as Wave with --role)".into()
            }
            (NoWeekColumn, Lang::Da) => {
                "ingen uge- eller fasekolonne: svarene har ingen fase; en plan med rullernes startdatoer (--plan FIL) giver ugerne ud fra datoerne".into()
            }
            (NoWeekColumn, Lang::En) => {
                "no week or phase column: the answers have no phase; a plan with the waves' start dates (--plan FILE) gives the weeks from the dates".into()
            }
            (NoPhaseAtAll, Lang::Da) => {
                "ingen uge-, fase- eller datokolonne: alle svar er «Uden fase»; holder en kolonne ugen, så giv --role \"KOLONNE=week\"".into()
            }
            (NoPhaseAtAll, Lang::En) => {
                "no week, phase or date column: every answer is “Uden fase” (no phase); if a column holds the week, give --role \"COLUMN=week\"".into()
            }
            (NotInPlan { municipalities, answers }, Lang::Da) => format!(
                "planen placerer ikke {}; deres {answers} svar står under «Alle»",
                quoted_list(municipalities)
            ),
            (NotInPlan { municipalities, answers }, Lang::En) => format!(
                "the plan does not place {}; their {answers} answers are under “All”",
                quoted_list(municipalities)
            ),
            (NoStartInPlan { wave }, Lang::Da) => {
                format!("planen har ingen startdato for {wave}: svarene i {wave} har ingen fase")
            }
            (NoStartInPlan { wave }, Lang::En) => {
                format!("the plan has no start date for {wave}: the answers in {wave} have no phase")
            }
            (CodesWithoutLabels { tool }, Lang::Da) => format!(
                "{} skriver svarene som koder, og der er ingen kodeliste: kodede kolonner (fx rul og uge) læses som tal på skalaen; læg labels.csv og structure.csv ved siden af filen, eller giv --labels FIL",
                tool.name()
            ),
            (CodesWithoutLabels { tool }, Lang::En) => format!(
                "{} writes answers as codes, and there is no code list: coded columns (e.g. wave and week) are read as numbers on the scale; put labels.csv and structure.csv beside the file, or give --labels FILE",
                tool.name()
            ),
            (BadCompanionFile { reason_da, .. }, Lang::Da) => reason_da.clone(),
            (BadCompanionFile { reason_en, .. }, Lang::En) => reason_en.clone(),
        }
    }
}

/// A value from a file as a message shows it: control characters (terminal escapes, line
/// breaks that would print a fake line) as visible escapes, and at most 80 characters.
pub fn shown(text: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

impl ProblemKind {
    /// The same problem with every value from the file passed through [`shown`].
    fn shown(&self) -> ProblemKind {
        use ProblemKind::*;
        let value_of = |value: &String| shown(value);
        match self {
            OutOfScale { value } => OutOfScale { value: value_of(value) },
            UnknownLabel { value } => UnknownLabel { value: value_of(value) },
            BadWeek { value } => BadWeek { value: value_of(value) },
            BadDate { value } => BadDate { value: value_of(value) },
            DateNotRead { value } => DateNotRead { value: value_of(value) },
            ConstantColumn { value } => ConstantColumn { value: value_of(value) },
            OtherScaleColumn { range } => OtherScaleColumn { range: value_of(range) },
            AnswerCodes { example } => AnswerCodes {
                example: value_of(example),
            },
            CodeOutsideScale { value, rows, tool } => CodeOutsideScale {
                value: value_of(value),
                rows: *rows,
                tool: *tool,
            },
            AmbiguousDates { example, needed } => AmbiguousDates {
                example: value_of(example),
                needed: *needed,
            },
            ConflictingDates {
                day_first,
                month_first,
                needed,
            } => ConflictingDates {
                day_first: value_of(day_first),
                month_first: value_of(month_first),
                needed: *needed,
            },
            NotInPlan {
                municipalities,
                answers,
            } => NotInPlan {
                municipalities: municipalities.iter().map(value_of).collect(),
                answers: *answers,
            },
            NoStartInPlan { wave } => NoStartInPlan { wave: value_of(wave) },
            other => other.clone(),
        }
    }
}

/// What a number outside the scale most likely is, and what to do.
fn code_outside_scale(value: &str, rows: usize, tool: Option<Tool>, header: &str, lang: Lang) -> String {
    let (da_tool, en_tool) = match tool {
        Some(Tool::SurveyXact) => (
            format!("SurveyXact koder svar som tal, og «Ved ikke» er ofte {value}"),
            format!("SurveyXact writes answers as codes, and “don't know” is often {value}"),
        ),
        Some(tool) => (
            format!("{} har skrevet svarkoder, ikke svar", tool.name()),
            format!("{} wrote answer codes, not answers", tool.name()),
        ),
        None => (
            format!("{value} er sandsynligvis koden for «Ved ikke» eller «Ikke relevant»"),
            format!("{value} is most likely the code of “don't know” or “not relevant”"),
        ),
    };
    match lang {
        Lang::Da => format!(
            "«{value}» ligger uden for skalaen 1-5 i {rows} rækker af kolonne «{header}»: {da_tool} — læg labels.csv ved siden af filen, giv --labels FIL, eller brug --dont-know {value}"
        ),
        Lang::En => format!(
            "“{value}” is outside the 1-5 scale in {rows} rows of column “{header}”: {en_tool} — put labels.csv beside the file, give --labels FILE, or use --dont-know {value}"
        ),
    }
}

fn quoted_list(items: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut list: Vec<String> = items.iter().take(SHOWN).map(|m| format!("«{m}»")).collect();
    if items.len() > SHOWN {
        list.push(format!("+{}", items.len() - SHOWN));
    }
    list.join(", ")
}

/// The likely causes first (each once), then the first `limit` other problems, then a line
/// counting the rest.
pub fn list_problems(problems: &[Problem], limit: usize, lang: Lang) -> String {
    let mut out = String::new();
    let (hints, others): (Vec<&Problem>, Vec<&Problem>) = problems.iter().partition(|p| p.severity() == Severity::Hint);
    for hint in &hints {
        let _ = writeln!(
            out,
            "{} {}",
            lang.pick("Sandsynlig årsag:", "Likely cause:"),
            hint.message(lang)
        );
    }
    for problem in others.iter().take(limit) {
        out.push_str(&problem.message(lang));
        out.push('\n');
    }
    if others.len() > limit {
        let rest = others.len() - limit;
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Da => format!("… og {rest} problemer mere"),
                Lang::En => format!("… and {rest} more problems"),
            }
        );
    }
    out
}
