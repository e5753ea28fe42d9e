//! Fixtures in the layouts of the survey tools Danish municipalities use, written from generated
//! records (records.rs) whose summary the tests compute from the records (summary.rs), never by
//! reading a file back. One module per tool; each writes into a directory the test owns.

pub mod answers;
pub mod forms;
pub mod google;
pub mod hostile;
pub mod limesurvey;
pub mod monkey;
pub mod numbers;
pub mod records;
pub mod summary;
pub mod surveyxact;
pub mod sxvars;
pub mod titles;
pub mod weeks;

use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory under the system temp dir, removed when dropped (kept when the
/// environment variable VALGPULS_KEEP_FIXTURES is set, to look at a failing case).
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "valgpuls-real-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let dir = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&dir).expect("create the fixture directory");
        TempDir(dir)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    /// A subdirectory (created), e.g. a SurveyXact export folder.
    pub fn sub(&self, name: &str) -> PathBuf {
        let dir = self.0.join(name);
        std::fs::create_dir_all(&dir).expect("create a fixture subdirectory");
        dir
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("VALGPULS_KEEP_FIXTURES").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
    /// UTF-16 little endian with a byte order mark, as Excel's "Unicode text" and SurveyXact's
    /// tab-separated export.
    Utf16LeBom,
}

pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Windows1252 => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!unmappable, "text that Windows-1252 cannot hold: {text}");
            bytes.into_owned()
        }
        Encoding::Utf16LeBom => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
    }
}

pub fn write(path: &Path, text: &str, encoding: Encoding) -> PathBuf {
    std::fs::write(path, encode(text, encoding)).expect("write a fixture file");
    path.to_path_buf()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quote {
    /// Only fields holding the separator, a quote or a line break (Excel, SurveyXact).
    Needed,
    /// Every field (LimeSurvey, Google Forms).
    All,
}

/// One CSV record ending in `eol`; quotes inside fields doubled.
pub fn csv_line<S: AsRef<str>>(fields: &[S], sep: char, quote: Quote, eol: &str) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|f| {
            let f = f.as_ref();
            let needed = f.contains(sep) || f.contains('"') || f.contains('\n') || f.contains('\r');
            if quote == Quote::All || needed {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        })
        .collect();
    fields.join(&sep.to_string()) + eol
}

/// A whole CSV text from a header and rows.
pub fn csv_text(rows: &[Vec<String>], sep: char, quote: Quote, eol: &str) -> String {
    rows.iter().map(|row| csv_line(row, sep, quote, eol)).collect()
}

/// Excel's serial day number (1900 date system) of a date and time.
pub fn excel_serial(at: NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
        .expect("Excel's epoch")
        .and_hms_opt(0, 0, 0)
        .expect("midnight");
    (at - epoch).num_seconds() as f64 / 86_400.0
}

/// The rollout plan valgpuls reads with --plan: each wave's start, and with `municipalities`
/// the municipalities placed in each wave (`rul;start;kommune`).
pub fn write_plan(dir: &Path, municipalities: bool) -> PathBuf {
    let mut rows = vec![];
    for (wave, _) in records::WAVES {
        let start = records::wave_start(wave).format("%Y-%m-%d").to_string();
        rows.push(vec![format!("Rul {wave}"), start.clone(), String::new()]);
        if municipalities {
            for (name, w) in records::MUNICIPALITIES.iter().filter(|(_, w)| *w == wave) {
                rows.push(vec![format!("Rul {w}"), start.clone(), name.to_string()]);
            }
        }
    }
    let mut header = vec!["rul".to_string(), "start".to_string(), "kommune".to_string()];
    if !municipalities {
        header.pop();
        rows.iter_mut().for_each(|r| _ = r.pop());
    }
    rows.insert(0, header);
    write(
        &dir.join("plan.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Utf8,
    )
}

/// A labels file for --labels: `column;code;label` rows without a header, as SurveyXact's.
pub fn write_labels(path: &Path, rows: &[(String, String, String)]) -> PathBuf {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(c, v, l)| vec![c.clone(), v.clone(), l.clone()])
        .collect();
    write(path, &csv_text(&rows, ';', Quote::Needed, "\r\n"), Encoding::Utf8)
}
