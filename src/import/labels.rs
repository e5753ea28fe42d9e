//! What the codes in a coded export mean, and what its variables ask: SurveyXact writes value
//! codes (1-6) and variable names (s_4_1) in its dataset, the words for both in labels.csv and
//! structure.csv. `--labels FILE` takes the same rows (column;code;label) for any tool.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Code lists by column: which text each code of a column stands for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Labels {
    /// By column name in lower case, then by code as written.
    columns: BTreeMap<String, BTreeMap<String, String>>,
}

/// A row of a labels file that is not column;code;label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelsError {
    pub line: u64,
    pub fields: usize,
    /// A code given two different texts: the column, the code, the text before and this one.
    pub conflict: Option<[String; 4]>,
}

impl LabelsError {
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        let shown = super::problems::shown;
        match (&self.conflict, lang) {
            (Some([column, code, before, now]), crate::locale::Lang::Da) => format!(
                "koden «{}» i kolonne «{}» har to tekster, «{}» og her «{}»: hvilken der gælder, kan ikke vides — ret listen",
                shown(code),
                shown(column),
                shown(before),
                shown(now)
            ),
            (Some([column, code, before, now]), crate::locale::Lang::En) => format!(
                "the code “{}” of column “{}” has two texts, “{}” and here “{}”: which one holds cannot be known — correct the list",
                shown(code),
                shown(column),
                shown(before),
                shown(now)
            ),
            (None, crate::locale::Lang::Da) => format!("{} felter, ventede kolonne;kode;tekst", self.fields),
            (None, crate::locale::Lang::En) => format!("{} fields, expected column;code;label", self.fields),
        }
    }
}

/// The header words that mark a first row as the header of a labels file.
const COLUMN_WORDS: [&str; 5] = ["variable", "variabel", "column", "kolonne", "variablename"];
const CODE_WORDS: [&str; 5] = ["value", "code", "kode", "værdi", "vaerdi"];

impl Labels {
    /// Rows of column;code;label (a header row is optional). Rows with fewer than three
    /// fields are an error on that row: a labels file that half reads would decode half.
    pub fn from_rows(rows: &[(u64, Vec<String>)]) -> Result<Labels, LabelsError> {
        let mut labels = Labels::default();
        for (index, (line, fields)) in rows.iter().enumerate() {
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let [column, code, label, ..] = fields.as_slice() else {
                return Err(LabelsError {
                    line: *line,
                    fields: fields.len(),
                    conflict: None,
                });
            };
            if index == 0 && is_header(column, code) {
                continue;
            }
            // The same code twice with two texts: one of them is wrong, and which is unknown.
            if let Some(before) = labels
                .label(column, code)
                .filter(|before| !before.eq_ignore_ascii_case(label.trim()))
            {
                return Err(LabelsError {
                    line: *line,
                    fields: fields.len(),
                    conflict: Some([
                        column.clone(),
                        code.clone(),
                        before.to_string(),
                        label.trim().to_string(),
                    ]),
                });
            }
            if labels.label(column, code).is_none() {
                labels.insert(column, code, label);
            }
        }
        Ok(labels)
    }

    pub fn insert(&mut self, column: &str, code: &str, label: &str) {
        self.columns
            .entry(column.trim().to_lowercase())
            .or_default()
            .insert(normalise_code(code), label.trim().to_string());
    }

    /// The codes of a column, when any are known.
    pub fn column(&self, header: &str) -> Option<&BTreeMap<String, String>> {
        self.columns.get(&header.trim().to_lowercase())
    }

    /// The label of one code of a column.
    pub fn label<'a>(&'a self, header: &str, code: &str) -> Option<&'a str> {
        self.column(header)?.get(&normalise_code(code)).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// Adds the other's codes; where both know a code, the other wins (the user's own list
    /// over the one found beside the file).
    pub fn merge(&mut self, other: &Labels) {
        for (column, codes) in &other.columns {
            let mine = self.columns.entry(column.clone()).or_default();
            for (code, label) in codes {
                mine.insert(code.clone(), label.clone());
            }
        }
    }

    /// How many of these columns are among `headers`: a labels file found beside a data
    /// file is used only when it speaks of that file's columns.
    pub fn columns_among(&self, headers: &[String]) -> usize {
        headers.iter().filter(|h| self.column(h).is_some()).count()
    }

    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.columns.keys().map(String::as_str)
    }
}

fn is_header(column: &str, code: &str) -> bool {
    let column = column.trim().to_lowercase();
    let code = code.trim().to_lowercase();
    COLUMN_WORDS.contains(&column.as_str()) && CODE_WORDS.contains(&code.as_str())
}

/// "6", "6.0" and " 6 " are one code: Excel and some exports write integers with a decimal.
fn normalise_code(code: &str) -> String {
    let code = code.trim();
    match code.strip_suffix(".0").or_else(|| code.strip_suffix(",0")) {
        Some(integer) if !integer.is_empty() && integer.bytes().all(|b| b.is_ascii_digit()) => integer.to_string(),
        _ => code.to_string(),
    }
}

/// The question text of each variable (SurveyXact's structure.csv, the Structure sheet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Structure {
    /// By variable name in lower case.
    texts: BTreeMap<String, String>,
}

/// Header names of the variable and of its text in a structure file.
const VARIABLE_HEADERS: [&str; 3] = ["variablename", "variable", "variabel"];
const TEXT_HEADERS: [&str; 4] = ["questiontext", "text", "label", "tekst"];
const SUBTEXT_HEADERS: [&str; 4] = ["subquestiontext", "itemtext", "subtext", "elementtext"];

impl Structure {
    /// The rows of a structure file, its first row the header; None when that header has
    /// no variable and text columns (then it is no structure file).
    pub fn from_rows(rows: &[(u64, Vec<String>)]) -> Option<Structure> {
        let (_, header) = rows.first()?;
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.contains(&h.trim().to_lowercase().replace([' ', '_'], "").as_str()))
        };
        let variable = find(&VARIABLE_HEADERS)?;
        let text = find(&TEXT_HEADERS)?;
        let subtext = find(&SUBTEXT_HEADERS);
        let mut texts = BTreeMap::new();
        for (_, fields) in rows.iter().skip(1) {
            let get = |i: usize| fields.get(i).map_or("", |f| f.trim());
            let name = get(variable);
            let mut question = get(text).to_string();
            // A matrix's rows share the question's text: the row's own text tells them apart.
            if let Some(sub) = subtext.map(get).filter(|s| !s.is_empty() && *s != question) {
                question = if question.is_empty() {
                    sub.to_string()
                } else {
                    format!("{question} [{sub}]")
                };
            }
            if !name.is_empty() && !question.is_empty() {
                texts.insert(name.to_lowercase(), strip_markup(&question));
            }
        }
        Some(Structure { texts })
    }

    pub fn text(&self, variable: &str) -> Option<&str> {
        self.texts.get(&variable.trim().to_lowercase()).map(String::as_str)
    }

    pub fn merge(&mut self, other: &Structure) {
        self.texts
            .extend(other.texts.iter().map(|(k, v)| (k.clone(), v.clone())));
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    pub fn variables_among(&self, headers: &[String]) -> usize {
        headers.iter().filter(|h| self.text(h).is_some()).count()
    }
}

/// Survey tools keep question texts as HTML ("<p>Hvor <b>tilfreds</b>…</p>").
fn strip_markup(text: &str) -> String {
    if !text.contains('<') {
        return text.trim().to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::companions::semicolon_rows as rows;

    #[test]
    fn labels_with_and_without_a_header_row() {
        let with = Labels::from_rows(&rows("variable;value;label\ns_2;1;Rul 1\ns_4_1;6;Ved ikke")).unwrap();
        let without = Labels::from_rows(&rows("s_2;1;Rul 1\nS_4_1;6.0;Ved ikke")).unwrap();
        for labels in [&with, &without] {
            assert_eq!(labels.label("s_2", "1"), Some("Rul 1"));
            assert_eq!(labels.label("S_4_1", "6"), Some("Ved ikke"));
            assert_eq!(labels.label("s_4_1", "5"), None);
        }
        // A code with no label is a broken list: told at its line, not read as half a list.
        assert_eq!(
            Labels::from_rows(&rows("s_2;1")),
            Err(LabelsError {
                line: 1,
                fields: 2,
                conflict: None
            })
        );
        // A code with two texts: which holds cannot be known. The same text twice is no harm.
        let error = Labels::from_rows(&rows(
            "s_1;1;Meget utilfreds\ns_1;1;meget utilfreds\ns_1;1;Meget tilfreds",
        ))
        .unwrap_err();
        assert_eq!(error.line, 3);
        assert_eq!(
            error.message(crate::locale::Lang::Da),
            "koden «1» i kolonne «s_1» har to tekster, «Meget utilfreds» og her «Meget tilfreds»: hvilken der gælder, kan ikke vides — ret listen"
        );
    }

    #[test]
    fn structure_gives_each_variable_its_question_text() {
        let structure = Structure::from_rows(&rows(
            "questionName;variableName;questionText;subQuestionText\n\
             q4;s_4_1;<p>Hvor tilfreds er I med …</p>;Valgdagen\nq1;s_1;Kommune;",
        ))
        .unwrap();
        assert_eq!(structure.text("S_4_1"), Some("Hvor tilfreds er I med … [Valgdagen]"));
        assert_eq!(structure.text("s_1"), Some("Kommune"));
        assert!(Structure::from_rows(&rows("rul;start\nRul 1;2024-01-01")).is_none());
    }
}
