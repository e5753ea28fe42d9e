//! The benchmark's files: the same kind of respondents written in each shape a user may drop
//! (issue 13), deterministic, so every run and every peer (benches/peers.py) reads the same
//! bytes.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, Workbook};

/// Denmark's 98 municipalities, split at whitespace.
const MUNICIPALITIES: &str = "\
    Albertslund Allerød Ballerup Bornholm Brøndby Dragør Egedal Fredensborg Frederiksberg Frederikssund \
    Furesø Gentofte Gladsaxe Glostrup Gribskov Halsnæs Helsingør Herlev Hillerød Hvidovre Høje-Taastrup \
    Hørsholm Ishøj København Lyngby-Taarbæk Rudersdal Rødovre Tårnby Vallensbæk Faxe Greve Guldborgsund \
    Holbæk Kalundborg Køge Lejre Lolland Næstved Odsherred Ringsted Roskilde Slagelse Solrød Sorø \
    Stevns Vordingborg Assens Billund Esbjerg Fanø Fredericia Faaborg-Midtfyn Haderslev Kerteminde \
    Kolding Langeland Middelfart Nordfyns Nyborg Odense Svendborg Sønderborg Tønder Varde Vejen Vejle \
    Ærø Aabenraa Favrskov Hedensted Herning Holstebro Horsens Ikast-Brande Lemvig Norddjurs Odder \
    Randers Ringkøbing-Skjern Samsø Silkeborg Skanderborg Skive Struer Syddjurs Viborg Aarhus \
    Brønderslev Frederikshavn Hjørring Jammerbugt Læsø Mariagerfjord Morsø Rebild Thisted \
    Vesthimmerlands Aalborg";
pub const QUESTIONS: [&str; 3] = ["Valgdagen", "Udrulningen og VALG-løsningen generelt", "Supporten"];
/// Scores 1..=5 as Forms' choice question names them.
const LABELS: [&str; 5] = [
    "Meget utilfreds",
    "Utilfreds",
    "Hverken tilfreds eller utilfreds",
    "Tilfreds",
    "Meget tilfreds",
];
const COMMENTS: [&str; 6] = [
    "Alt gik fint, tak for hjælp.",
    "Supporten svarede hurtigt",
    "Vi manglede en \"klar\" besked om prøvevalget",
    "Første linje\nanden linje, med komma",
    "Lidt usikkerhed om valgkortene; ellers godt",
    "Svært at nå på telefon, \"optaget\" hele formiddagen.\nMen ellers fint",
];

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Shape {
    /// `Kommune;Rul;Uge;Dato;Spørgsmål;Svar`, UTF-8, the Danish Excel layout.
    Long,
    /// The same without `Dato`.
    NoDate,
    /// One row per respondent, one column per question (`;`, UTF-8, no quotes).
    Wide,
    /// The long layout as Danish Excel saves "CSV (semikolonsepareret)": Windows-1252.
    Cp1252,
    /// The long layout as Excel saves "Unicode-tekst": UTF-16 LE with a BOM, tabs, CRLF.
    Utf16,
    /// A Microsoft Forms workbook.
    Forms,
    /// A Google Forms CSV: every field quoted.
    Google,
}

impl Shape {
    pub const ALL: [Shape; 7] = [
        Shape::Long,
        Shape::NoDate,
        Shape::Wide,
        Shape::Google,
        Shape::Cp1252,
        Shape::Utf16,
        Shape::Forms,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Long => "long",
            Shape::NoDate => "nodate",
            Shape::Wide => "wide",
            Shape::Cp1252 => "cp1252",
            Shape::Utf16 => "utf16",
            Shape::Forms => "forms",
            Shape::Google => "google",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Shape::Forms => "xlsx",
            Shape::Utf16 => "txt",
            _ => "csv",
        }
    }

    /// One row per answer, with a half point now and then ("3,5").
    fn is_long(self) -> bool {
        matches!(self, Shape::Long | Shape::NoDate | Shape::Cp1252 | Shape::Utf16)
    }
}

/// One respondent: three answers in half points (2..=10), `None` for "Ved ikke".
pub struct Record {
    id: usize,
    pub wave: usize,
    week: usize,
    municipality: &'static str,
    start: NaiveDateTime,
    end: NaiveDateTime,
    pub answers: [Option<u8>; 3],
    comment: Option<&'static str>,
}

/// The respondents of a file with `answers` answers (rounded up to whole respondents), the same
/// every time. In Forms only Valgdagen (a choice question) has "Ved ikke"; the two ratings have
/// none. Elsewhere every question has it, and the long shapes have 3 % half points.
pub fn records(shape: Shape, answers: usize) -> impl Iterator<Item = Record> {
    let first_start = NaiveDate::from_ymd_opt(2024, 8, 19).and_then(|d| d.and_hms_opt(8, 0, 0));
    let first_start = first_start.expect("a valid date");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        // xorshift: deterministic, so every run and every peer reads the same file.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let municipalities: Vec<&str> = MUNICIPALITIES.split_whitespace().collect();
    (0..answers.div_ceil(3)).map(move |i| {
        let wave = 1 + (i / 1000) % 3;
        let week = 1 + (i / 50) % 5;
        let day = (wave as i64 - 1) * 14 + (week as i64 - 1) * 7 + next(5) as i64;
        let start = first_start + Duration::days(day) + Duration::seconds(next(8 * 3600) as i64);
        let end = start + Duration::seconds(60 + next(600) as i64);
        let answers = std::array::from_fn(|q| {
            let dont_know = (q == 0 || shape != Shape::Forms) && next(100) < 3;
            if dont_know {
                return None;
            }
            // The half point's draw comes after the score's, so the Forms and Google files
            // stay the bytes they were before the long shapes came.
            let score = 2 + 2 * next(5) as u8;
            let half = shape.is_long() && next(100) < 3;
            Some(if half { 7 } else { score })
        });
        let comment = (next(100) < 5).then(|| COMMENTS[next(COMMENTS.len() as u64) as usize]);
        let municipality = municipalities[i % municipalities.len()];
        Record {
            id: i + 1,
            wave,
            week,
            municipality,
            start,
            end,
            answers,
            comment,
        }
    })
}

pub fn write(path: &Path, shape: Shape, answers: usize) -> Result<(), Box<dyn std::error::Error>> {
    match shape {
        Shape::Forms => write_forms(path, answers),
        Shape::Google => Ok(write_google(path, answers)?),
        _ => {
            let text = text_of(shape, answers);
            let bytes = match shape {
                Shape::Cp1252 => {
                    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                    assert!(!unmappable, "every character is in Windows-1252");
                    bytes.into_owned()
                }
                Shape::Utf16 => [0xFF, 0xFE]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                _ => text.into_bytes(),
            };
            Ok(std::fs::write(path, bytes)?)
        }
    }
}

/// A score in half points as Danish Excel writes it: "4", "3,5".
fn score_text(halves: u8) -> String {
    match halves % 2 {
        0 => (halves / 2).to_string(),
        _ => format!("{},5", halves / 2),
    }
}

/// The text shapes but Google's, as UTF-8 (encoded afterwards).
fn text_of(shape: Shape, answers: usize) -> String {
    let (separator, line_end) = match shape {
        Shape::Utf16 => ('\t', "\r\n"),
        _ => (';', "\n"),
    };
    let mut text = String::with_capacity(answers * 64);
    let header: Vec<&str> = match shape {
        Shape::Wide => ["Id", "Starttidspunkt", "Kommune", "Rul", "Uge"]
            .into_iter()
            .chain(QUESTIONS)
            .collect(),
        Shape::NoDate => vec!["Kommune", "Rul", "Uge", "Spørgsmål", "Svar"],
        _ => vec!["Kommune", "Rul", "Uge", "Dato", "Spørgsmål", "Svar"],
    };
    text.push_str(&header.join(&separator.to_string()));
    text.push_str(line_end);
    let s = separator;
    for r in records(shape, answers) {
        let answers = r.answers.map(|a| a.map_or("Ved ikke".to_string(), score_text));
        let municipality = r.municipality;
        if shape == Shape::Wide {
            let start = r.start.format("%d-%m-%Y %H:%M:%S");
            let _ = write!(
                text,
                "{}{s}{start}{s}{municipality} Kommune{s}Rul {}{s}Uge {}",
                r.id, r.wave, r.week
            );
            for answer in &answers {
                let _ = write!(text, "{s}{answer}");
            }
            text.push_str(line_end);
            continue;
        }
        for (question, answer) in QUESTIONS.iter().zip(&answers) {
            let _ = write!(text, "{municipality} Kommune{s}Rul {}{s}{}{s}", r.wave, r.week);
            if shape != Shape::NoDate {
                let _ = write!(text, "{}{s}", r.start.format("%d-%m-%Y"));
            }
            let _ = write!(text, "{question}{s}{answer}{line_end}");
        }
    }
    text
}

fn excel_serial(at: NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|d| d.and_hms_opt(0, 0, 0));
    (at - epoch.expect("Excel's epoch")).num_seconds() as f64 / 86_400.0
}

/// A Forms "Open results in Excel" sheet. (rust_xlsxwriter's constant-memory mode needs its
/// `constant_memory` feature, which valgpuls does not enable, so the sheet is built in memory:
/// ~440 MB for a million answers, once.)
fn write_forms(path: &Path, answers: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1")?;
    let time = Format::new().set_num_format("m/d/yy h:mm:ss");
    let mut header = vec![
        "Id",
        "Starttidspunkt",
        "Tidspunkt for fuldførelse",
        "Mail",
        "Navn",
        "Kommune",
    ];
    header.extend(["Hvilket rul er I med i?", "Hvilken uge i forløbet er I i?"]);
    header.extend(QUESTIONS);
    header.push("Kommentar");
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for r in records(Shape::Forms, answers) {
        let row = r.id as u32;
        sheet.write_number(row, 0, r.id as f64)?;
        sheet.write_number_with_format(row, 1, excel_serial(r.start), &time)?;
        sheet.write_number_with_format(row, 2, excel_serial(r.end), &time)?;
        sheet.write_string(row, 3, "anonymous")?;
        sheet.write_string(row, 5, format!("{} Kommune", r.municipality))?;
        sheet.write_string(row, 6, format!("Rul {}", r.wave))?;
        sheet.write_string(row, 7, format!("Uge {}", r.week))?;
        let label = r.answers[0].map_or("Ved ikke", |s| LABELS[usize::from(s / 2) - 1]);
        sheet.write_string(row, 8, label)?;
        for q in 1..3 {
            let halves = r.answers[usize::from(q)].expect("a rating");
            sheet.write_number(row, 8 + q, f64::from(halves / 2))?;
        }
        if let Some(comment) = r.comment {
            sheet.write_string(row, 11, comment)?;
        }
    }
    workbook.save(path)?;
    Ok(())
}

/// Google Forms' "Download responses (.csv)": every field quoted, CRLF between records.
fn write_google(path: &Path, answers: usize) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut header = vec!["Tidsstempel".to_string(), "E-mailadresse".into(), "Kommune".into()];
    header.extend(["Rul".into(), "Uge".into()]);
    header.extend(
        QUESTIONS
            .iter()
            .map(|q| format!("Hvor tilfreds er I med følgende? [{q}]")),
    );
    header.push("Kommentar".into());
    let quoted = |field: &str| format!("\"{}\"", field.replace('"', "\"\""));
    writeln!(
        out,
        "{}\r",
        header.iter().map(|h| quoted(h)).collect::<Vec<_>>().join(",")
    )?;
    for r in records(Shape::Google, answers) {
        let answers = r.answers.map(|a| a.map_or("Ved ikke".to_string(), score_text));
        let fields = [
            // Summer time (GMT+2) throughout: the rollout ends before 27 October.
            format!("{} GMT+2", r.end.format("%Y/%m/%d %-I:%M:%S %p")),
            format!("valg{}@kommune.example", r.id),
            format!("{} Kommune", r.municipality),
            format!("Rul {}", r.wave),
            format!("Uge {}", r.week),
        ];
        let line: Vec<String> = fields.iter().chain(&answers).map(|f| quoted(f)).collect();
        writeln!(out, "{},{}\r", line.join(","), quoted(r.comment.unwrap_or_default()))?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}
