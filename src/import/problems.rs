//! Problems found while importing: where (file, line, column) and what, told in the user's
//! language. They are data first, so the window can list them and tests can match them.

use std::fmt::Write as _;

use serde::Serialize;

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
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based line in the file where the row starts; None for problems of the whole file.
    pub line: Option<u64>,
    /// 1-based column number and the column's header.
    pub column: Option<(usize, String)>,
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem that makes the whole file unusable (nothing in it is imported).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            ProblemKind::Unreadable { .. }
                | ProblemKind::NotFound
                | ProblemKind::NoAccess
                | ProblemKind::Empty
                | ProblemKind::HeaderOnly
                | ProblemKind::Binary
                | ProblemKind::UnclosedQuote
                | ProblemKind::NoAnswerColumns
        )
    }

    /// "fil.csv:12:6: ..." — where first, the way compilers and editors print it, so the
    /// place can be found even by someone who does not read the message.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = self.file.clone();
        if let Some(line) = self.line {
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
        let column = self
            .column
            .as_ref()
            .filter(|(_, header)| !header.is_empty())
            .map(|(number, header)| match lang {
                Lang::Da => format!(" (kolonne {number} «{header}»)"),
                Lang::En => format!(" (column {number} “{header}”)"),
            });
        let column = column.unwrap_or_default();
        use ProblemKind::*;
        match (&self.kind, lang) {
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
            (UnknownLabel { value }, Lang::Da) => format!("«{value}» er ikke et kendt svar på skalaen{column}"),
            (UnknownLabel { value }, Lang::En) => format!("“{value}” is not a known answer on the scale{column}"),
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
        }
    }
}

/// The first `limit` problems, then a line counting the rest.
pub fn list_problems(problems: &[Problem], limit: usize, lang: Lang) -> String {
    let mut out = String::new();
    for problem in problems.iter().take(limit) {
        out.push_str(&problem.message(lang));
        out.push('\n');
    }
    if problems.len() > limit {
        let rest = problems.len() - limit;
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
