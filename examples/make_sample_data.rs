//! Writes the bundled sample data under `sample-data/` (or the directory given as the first
//! argument):
//!
//! - `checkin-survey.csv`: the weekly check-in survey of the VALG rollout, as a Danish survey
//!   tool exports it (Windows-1252, `;`, CRLF, Likert answers as Danish text). Its wave x phase
//!   means reproduce the deck's table exactly.
//! - `timeline.csv`: the programme timeline (UTF-8 with BOM).
//! - `plan.csv`: the rollout plan of the check-in survey (UTF-8 with BOM): each wave's first
//!   Monday and its municipalities and regions, so the survey reads the same without its wave
//!   and week columns (`--plan`).
//! - `klik-survey.csv`: the KLIK user-satisfaction survey (UTF-8 with BOM), 637 numeric answers
//!   with mean 3,7.
//!
//! Only std, a fixed-seed PRNG, so every run writes the same bytes. Every file is read back from
//! disk, parsed and checked; the program fails if a figure does not match the deck.
//!
//! Run with `cargo run --example make_sample_data [OUT_DIR]`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

/// SplitMix64: small, fast, and good enough for sample data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (the modulo bias is irrelevant for n this small).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Approximately standard normal (Irwin-Hall with 12 terms): plain arithmetic only, so the
    /// output does not depend on the platform's libm.
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Index chosen with probability proportional to its weight.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// Domain constants
// ---------------------------------------------------------------------------------------------

/// The 98 Danish municipalities, by region.
const MUNICIPALITIES: [&str; 98] = [
    // Region Hovedstaden (29)
    "Albertslund Kommune",
    "Allerød Kommune",
    "Ballerup Kommune",
    "Bornholms Regionskommune",
    "Brøndby Kommune",
    "Dragør Kommune",
    "Egedal Kommune",
    "Fredensborg Kommune",
    "Frederiksberg Kommune",
    "Frederikssund Kommune",
    "Furesø Kommune",
    "Gentofte Kommune",
    "Gladsaxe Kommune",
    "Glostrup Kommune",
    "Gribskov Kommune",
    "Halsnæs Kommune",
    "Helsingør Kommune",
    "Herlev Kommune",
    "Hillerød Kommune",
    "Hvidovre Kommune",
    "Høje-Taastrup Kommune",
    "Hørsholm Kommune",
    "Ishøj Kommune",
    "Københavns Kommune",
    "Lyngby-Taarbæk Kommune",
    "Rudersdal Kommune",
    "Rødovre Kommune",
    "Tårnby Kommune",
    "Vallensbæk Kommune",
    // Region Sjælland (17)
    "Faxe Kommune",
    "Greve Kommune",
    "Guldborgsund Kommune",
    "Holbæk Kommune",
    "Kalundborg Kommune",
    "Køge Kommune",
    "Lejre Kommune",
    "Lolland Kommune",
    "Næstved Kommune",
    "Odsherred Kommune",
    "Ringsted Kommune",
    "Roskilde Kommune",
    "Slagelse Kommune",
    "Solrød Kommune",
    "Sorø Kommune",
    "Stevns Kommune",
    "Vordingborg Kommune",
    // Region Syddanmark (22)
    "Assens Kommune",
    "Billund Kommune",
    "Esbjerg Kommune",
    "Fanø Kommune",
    "Fredericia Kommune",
    "Faaborg-Midtfyn Kommune",
    "Haderslev Kommune",
    "Kerteminde Kommune",
    "Kolding Kommune",
    "Langeland Kommune",
    "Middelfart Kommune",
    "Nordfyns Kommune",
    "Nyborg Kommune",
    "Odense Kommune",
    "Svendborg Kommune",
    "Sønderborg Kommune",
    "Tønder Kommune",
    "Varde Kommune",
    "Vejen Kommune",
    "Vejle Kommune",
    "Ærø Kommune",
    "Aabenraa Kommune",
    // Region Midtjylland (19)
    "Favrskov Kommune",
    "Hedensted Kommune",
    "Herning Kommune",
    "Holstebro Kommune",
    "Horsens Kommune",
    "Ikast-Brande Kommune",
    "Lemvig Kommune",
    "Norddjurs Kommune",
    "Odder Kommune",
    "Randers Kommune",
    "Ringkøbing-Skjern Kommune",
    "Samsø Kommune",
    "Silkeborg Kommune",
    "Skanderborg Kommune",
    "Skive Kommune",
    "Struer Kommune",
    "Syddjurs Kommune",
    "Viborg Kommune",
    "Aarhus Kommune",
    // Region Nordjylland (11)
    "Brønderslev Kommune",
    "Frederikshavn Kommune",
    "Hjørring Kommune",
    "Jammerbugt Kommune",
    "Læsø Kommune",
    "Mariagerfjord Kommune",
    "Morsø Kommune",
    "Rebild Kommune",
    "Thisted Kommune",
    "Vesthimmerlands Kommune",
    "Aalborg Kommune",
];

const REGIONS: [&str; 5] = [
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
];

const CHECKIN_FILE: &str = "checkin-survey.csv";
const TIMELINE_FILE: &str = "timeline.csv";
const KLIK_FILE: &str = "klik-survey.csv";
const PLAN_FILE: &str = "plan.csv";

const CHECKIN_HEADER: [&str; 8] = [
    "Starttidspunkt",
    "Kommune",
    "Rul",
    "Uge",
    "Valgdagen",
    "Udrulningen og VALG-løsningen generelt",
    "Supporten",
    "Kommentar",
];
/// Index of the first question column in `CHECKIN_HEADER`.
const FIRST_QUESTION: usize = 4;

/// Likert labels for 1..=5.
const LIKERT: [&str; 5] = [
    "Meget utilfreds",
    "Utilfreds",
    "Hverken tilfreds eller utilfreds",
    "Tilfreds",
    "Meget tilfreds",
];
const DONT_KNOW: &str = "Ved ikke";

const PHASES: [&str; 3] = ["Klargøring", "Prøvevalg (uge 4)", "Prøvevalg (uge 5)"];

fn phase_of_week(week: u32) -> usize {
    match week {
        1..=3 => 0,
        4 => 1,
        _ => 2,
    }
}

struct Wave {
    name: &'static str,
    /// Monday of week 1.
    first_monday: (i64, u32, u32),
    /// Municipalities and regions in the wave.
    size: usize,
    /// The deck's phase means, in hundredths.
    targets: [u64; 3],
    /// The deck's "Total udrulning" (unweighted mean of the phase means), in hundredths.
    total: u64,
}

/// In name order, which is also the order of the rows in the file. In time the order is
/// Rul 2, Rul 3, Rul 1 (`TIME_ORDER`).
const WAVES: [Wave; 3] = [
    Wave {
        name: "Rul 1",
        first_monday: (2024, 10, 14),
        size: 34,
        targets: [380, 410, 400],
        total: 397,
    },
    Wave {
        name: "Rul 2",
        first_monday: (2024, 8, 5),
        size: 35,
        targets: [374, 389, 388],
        total: 384,
    },
    Wave {
        name: "Rul 3",
        first_monday: (2024, 9, 9),
        size: 34,
        targets: [380, 396, 384],
        total: 387,
    },
];
const TIME_ORDER: [usize; 3] = [1, 2, 0];

// ---------------------------------------------------------------------------------------------
// Free-text comments (Latin-1 only: the check-in file is Windows-1252)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum When {
    Any,
    Prep,
    Test,
}

const POSITIVE: [(When, &str); 12] = [
    (
        When::Any,
        "Fin løsning, men med små børnesygdomme, dem får vi styr på inden KV",
    ),
    (
        When::Any,
        "Valgsystemet virker intuitivt og let at anvende. Det går over al forventning",
    ),
    (
        When::Any,
        "Alt er fint. Vi finder os til rette og prøver os frem - uden større bump indtil videre.",
    ),
    (
        When::Any,
        "Tror på at det bliver en rigtig god løsning. Vi er ret positive her.",
    ),
    (When::Any, "Godt samarbejde med implementeringskonsulenten."),
    (When::Any, "Hurtigt svar fra supporten, tak for det."),
    (When::Prep, "Tænker, at vi er godt med i implementeringen"),
    (When::Prep, "Det kører. Vi glæder os til at komme i gang for alvor."),
    (When::Prep, "Materialet fra Netcompany er godt og gennemarbejdet."),
    (When::Test, "Prøvevalget gik godt, og valgstyrerne var positive."),
    (When::Test, "Rollespillet på brevstemmedagen var en stor hjælp."),
    (When::Test, "Optællingen gik hurtigere end vi havde regnet med. Flot."),
];

const MIXED: [(When, &str); 10] = [
    (When::Prep, "Materialet var overvældende i starten"),
    (When::Prep, "Svært at vurdere Valgdagen endnu, vi har ikke prøvet det."),
    (When::Prep, "Mange KLIK-opgaver i denne uge, men vi når det."),
    (
        When::Any,
        "Vi mangler stadig at få afklaret den lokale arbejdsgang omkring brevstemmer.",
    ),
    (When::Any, "Lidt usikkerhed om rettigheder og roller i systemet."),
    (When::Any, "Det går fremad. Vi har haft travlt med andre opgaver."),
    (When::Any, "Okay indtil videre."),
    (
        When::Any,
        "Der er nogle ting, vi har undret os over, men det er småting.",
    ),
    (
        When::Test,
        "Prøvevalget gav os mange gode drøftelser om de lokale arbejdsgange.",
    ),
    (When::Test, "Fintællingen tog længere tid end forventet."),
];

const NEGATIVE: [(When, &str); 7] = [
    (When::Prep, "Materialet var uoverskueligt og helt sandet til"),
    (When::Any, "Vi har oplevet flere fejl ved import af valglister."),
    (When::Any, "Lang svartid på supporten i denne uge."),
    (When::Any, "Udskrift af valgkort driller stadig."),
    (When::Any, "For mange ændringer undervejs, det er svært at følge med."),
    (When::Test, "Prøvevalget afslørede flere fejl i optællingen."),
    (
        When::Test,
        "Valgstyrerne havde svært ved at finde rundt i skærmbillederne.",
    ),
];

/// Comments that need quoting: `;` and `"` inside the field.
const SPECIAL_COMMENTS: [&str; 6] = [
    "Godt forløb; dog mangler vi en bedre vejledning til fintællingen.",
    "Supporten er hurtig; løsningen er stabil; vi er klar.",
    "Valgdagen: ok; udrulningen: fin; supporten: rigtig god",
    "Knappen \"Godkend optælling\" er svær at finde.",
    "Vi kalder det internt for \"det nye KMD\" - det er ment positivt.",
    "Menupunktet \"Valgsteder\" driller; ellers fint.",
];

/// The one comment with a line break inside the field.
const MULTILINE_COMMENT: &str = "Tror på at det bliver en rigtig god løsning.\r\nEr sikker på at når nogle af de indkomne forslag er gennemarbejdet og måske også implementeret, så ender vi med en rigtig god løsning.";

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// Days since 1970-01-01 (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// 0 = Monday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

fn format_timestamp(days: i64, minute_of_day: u32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!(
        "{d:02}-{m:02}-{y:04} {:02}:{:02}",
        minute_of_day / 60,
        minute_of_day % 60
    )
}

fn format_iso(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// (days since 1970-01-01, minute of the day)
type Stamp = (i64, u32);

/// Parses `dd-mm-yyyy HH:MM`.
fn parse_timestamp(s: &str) -> Option<Stamp> {
    let (date, time) = s.split_once(' ')?;
    let mut parts = date.split('-');
    let d: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let y: i64 = parts.next()?.parse().ok()?;
    let (hh, mm) = time.split_once(':')?;
    let hh: u32 = hh.parse().ok()?;
    let mm: u32 = mm.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    (civil_from_days(days) == (y, m, d)).then_some((days, hh * 60 + mm))
}

// ---------------------------------------------------------------------------------------------
// CSV and encodings
// ---------------------------------------------------------------------------------------------

/// Quotes a field only when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_text<S: AsRef<str>>(records: &[Vec<S>]) -> String {
    let mut out = String::new();
    for record in records {
        let fields: Vec<String> = record.iter().map(|f| csv_field(f.as_ref())).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

#[derive(PartialEq)]
enum ParseState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteClosed,
}

/// A strict parser for what `csv_text` writes: `;`, CRLF records, RFC 4180 quoting.
fn parse_csv(text: &str) -> io::Result<Vec<Vec<String>>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut state = ParseState::FieldStart;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if state == ParseState::Quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    state = ParseState::QuoteClosed;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if state == ParseState::FieldStart => state = ParseState::Quoted,
            ';' => {
                record.push(std::mem::take(&mut field));
                state = ParseState::FieldStart;
            }
            '\r' => {
                if chars.next() != Some('\n') {
                    return Err(invalid(format!("bare CR after record {}", records.len() + 1)));
                }
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                state = ParseState::FieldStart;
            }
            '\n' => {
                return Err(invalid(format!("bare LF after record {}", records.len() + 1)));
            }
            _ if state == ParseState::QuoteClosed || c == '"' => {
                return Err(invalid(format!("stray quote in record {}", records.len() + 1)));
            }
            _ => {
                field.push(c);
                state = ParseState::Unquoted;
            }
        }
    }
    if state == ParseState::Quoted {
        return Err(invalid("unterminated quoted field"));
    }
    if !record.is_empty() || !field.is_empty() {
        return Err(invalid("last record does not end with CRLF"));
    }
    Ok(records)
}

/// Windows-1252 equals Latin-1 outside 0x80..=0x9F; we only use characters from that range.
fn encode_cp1252(s: &str) -> io::Result<Vec<u8>> {
    s.chars()
        .map(|c| match u32::from(c) {
            u @ (0..=0x7F | 0xA0..=0xFF) => Ok(u as u8),
            _ => Err(invalid(format!(
                "{c:?} (U+{:04X}) is not in Windows-1252's Latin-1 part",
                u32::from(c)
            ))),
        })
        .collect()
}

fn decode_cp1252(bytes: &[u8]) -> io::Result<String> {
    bytes
        .iter()
        .map(|&b| {
            if (0x80..=0x9F).contains(&b) {
                Err(invalid(format!("byte 0x{b:02X} should not occur in this file")))
            } else {
                Ok(char::from(b))
            }
        })
        .collect()
}

const BOM: &str = "\u{FEFF}";

fn decode_utf8_bom(bytes: &[u8]) -> io::Result<String> {
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| invalid(e.to_string()))?;
    text.strip_prefix(BOM)
        .map(str::to_string)
        .ok_or_else(|| invalid("missing UTF-8 BOM"))
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `bytes` to `dir/name` via a temporary file in the same directory and a rename.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_file(&tmp, bytes).and_then(|()| fs::rename(&tmp, dir.join(name)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

// ---------------------------------------------------------------------------------------------
// Scores with an exact sum
// ---------------------------------------------------------------------------------------------

fn to_score(x: f64) -> u8 {
    x.round().clamp(1.0, 5.0) as u8
}

/// Turns latent values into 1..=5 scores summing to exactly `target_sum`: every latent value
/// gets the same shift (found by bisection), then the last few points go to the answers whose
/// latent value was closest to rounding up. The spread of the latent values is kept.
fn calibrate(latent: &[f64], target_sum: u64) -> io::Result<Vec<u8>> {
    let n = latent.len() as u64;
    if target_sum < n || target_sum > 5 * n {
        return Err(invalid(format!("sum {target_sum} impossible for {n} answers")));
    }
    let sum_at = |shift: f64| -> u64 { latent.iter().map(|&x| u64::from(to_score(x + shift))).sum() };
    let (mut lo, mut hi) = (-10.0_f64, 10.0_f64);
    for _ in 0..80 {
        let mid = (lo + hi) / 2.0;
        if sum_at(mid) <= target_sum {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut scores: Vec<u8> = latent.iter().map(|&x| to_score(x + lo)).collect();
    let missing = (target_sum - sum_at(lo)) as usize;
    let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] < 5).collect();
    let excess = |i: usize| latent[i] + lo - f64::from(scores[i]);
    order.sort_by(|&a, &b| excess(b).total_cmp(&excess(a)).then(a.cmp(&b)));
    if order.len() < missing {
        return Err(invalid("cannot reach the target sum"));
    }
    for &i in &order[..missing] {
        scores[i] += 1;
    }
    Ok(scores)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The number of numeric answers in a cell: a multiple of what makes `target`/100 an exact
/// mean, leaving 2 to 7 % of the cell's answers as "Ved ikke" or blank, as near 5 % as can be.
fn choose_n(cells: usize, target: u64) -> io::Result<usize> {
    let step = (100 / gcd(target, 100)) as usize;
    let max_missing = cells * 7 / 100;
    (1..=cells / step)
        .map(|k| k * step)
        .filter(|&n| (2..=max_missing).contains(&(cells - n)))
        .min_by_key(|&n| ((cells - n) * 100).abs_diff(cells * 5))
        .ok_or_else(|| invalid(format!("no n for {cells} answer slots and mean {target}/100")))
}

/// Round half away from zero of `num / den` (both positive) to hundredths.
fn round_hundredths(num: u128, den: u128) -> u128 {
    (200 * num + den) / (2 * den)
}

fn fmt_hundredths(h: u128) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

// ---------------------------------------------------------------------------------------------
// The check-in survey
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Answer {
    Score(u8),
    DontKnow,
    Blank,
}

impl Answer {
    fn label(self) -> &'static str {
        match self {
            Answer::Score(s) => LIKERT[usize::from(s) - 1],
            Answer::DontKnow => DONT_KNOW,
            Answer::Blank => "",
        }
    }
}

struct CheckinRow {
    wave: usize,
    week: u32,
    entity: &'static str,
    day: i64,
    minute: u32,
    answers: [Answer; 3],
    comment: String,
}

impl CheckinRow {
    fn mean_score(&self) -> Option<f64> {
        let scores: Vec<f64> = self
            .answers
            .iter()
            .filter_map(|a| match a {
                Answer::Score(s) => Some(f64::from(*s)),
                _ => None,
            })
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    }
}

/// Per-question offsets on the latent scale, per phase: election day is hard to judge during
/// preparation, support is rated a bit higher throughout. The pooled cell mean is fixed by
/// `calibrate`, so these only shape the per-question differences.
fn question_offset(question: usize, phase: usize) -> f64 {
    match (question, phase) {
        (0, 0) => -0.15,
        (0, _) => 0.05,
        (1, _) => -0.05,
        _ => 0.15,
    }
}

fn generate_checkin(rng: &mut Rng) -> io::Result<Vec<CheckinRow>> {
    let members = assign_members(rng)?;
    let (mut rows, latent) = meetings(rng, &members)?;
    score_cells(rng, &mut rows, &latent)?;
    rows.sort_by(|a, b| (a.wave, a.day, a.minute, a.entity).cmp(&(b.wave, b.day, b.minute, b.entity)));
    add_comments(rng, &mut rows);
    Ok(rows)
}

/// The 103 municipalities and regions shuffled into the waves, in the waves' time order.
fn assign_members(rng: &mut Rng) -> io::Result<[Vec<&'static str>; 3]> {
    let mut entities: Vec<&'static str> = MUNICIPALITIES.iter().chain(REGIONS.iter()).copied().collect();
    rng.shuffle(&mut entities);
    let mut members: [Vec<&'static str>; 3] = Default::default();
    let mut rest = entities.as_slice();
    for &w in &TIME_ORDER {
        let (taken, left) = rest.split_at(WAVES[w].size);
        members[w] = taken.to_vec();
        rest = left;
    }
    if !rest.is_empty() {
        return Err(invalid("wave sizes do not add up to 103"));
    }
    Ok(members)
}

/// Every member's five weekly check-ins (answers still blank), and beside each row the
/// latent satisfaction of its three questions.
fn meetings(rng: &mut Rng, members: &[Vec<&'static str>; 3]) -> io::Result<(Vec<CheckinRow>, Vec<[f64; 3]>)> {
    let mut rows = Vec::new();
    let mut latent: Vec<[f64; 3]> = Vec::new();
    for (w, wave) in WAVES.iter().enumerate() {
        let (y, m, d) = wave.first_monday;
        let monday = days_from_civil(y, m, d);
        if weekday(monday) != 0 {
            return Err(invalid(format!("{} does not start on a Monday", wave.name)));
        }
        for &entity in &members[w] {
            // A standing weekly meeting (Mon-Thu, 08:30-14:00), a temperament, and a few
            // question-specific leanings.
            let slot_day = rng.below(4) as i64;
            let slot_minute = 8 * 60 + 30 + 30 * rng.below(12) as u32;
            let bias = 0.30 * rng.normal();
            let leaning: Vec<f64> = (0..3).map(|_| 0.15 * rng.normal()).collect();
            for week in 1..=5u32 {
                let mut day = monday + 7 * i64::from(week - 1) + slot_day;
                if rng.chance(0.12) {
                    day += 1; // moved a day
                }
                let minute = slot_minute + 20 + rng.below(45) as u32;
                let phase = phase_of_week(week);
                let mut mood = 0.15 * rng.normal();
                if rng.chance(0.06) {
                    mood -= 1.3; // a bad week: a bug, a deadline, a missing answer
                }
                let mut values = [0.0; 3];
                for (q, v) in values.iter_mut().enumerate() {
                    *v = wave.targets[phase] as f64 / 100.0
                        + bias
                        + mood
                        + leaning[q]
                        + question_offset(q, phase)
                        + 0.75 * rng.normal();
                }
                rows.push(CheckinRow {
                    wave: w,
                    week,
                    entity,
                    day,
                    minute,
                    answers: [Answer::Blank; 3],
                    comment: String::new(),
                });
                latent.push(values);
            }
        }
    }
    Ok((rows, latent))
}

/// Per wave x phase: pick n, the "Ved ikke" and blank answers, then exact-sum scores.
fn score_cells(rng: &mut Rng, rows: &mut [CheckinRow], latent: &[[f64; 3]]) -> io::Result<()> {
    for (w, wave) in WAVES.iter().enumerate() {
        for (phase, &target) in wave.targets.iter().enumerate() {
            let slots: Vec<(usize, usize)> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.wave == w && phase_of_week(r.week) == phase)
                .flat_map(|(i, _)| (0..3).map(move |q| (i, q)))
                .collect();
            let n = choose_n(slots.len(), target)?;
            let missing = slots.len() - n;
            let dont_know = (missing * 3 + 2) / 5;
            // Election day is the one they most often cannot judge yet.
            let mut keyed: Vec<(f64, (usize, usize))> = slots
                .iter()
                .map(|&(i, q)| {
                    let weight = if q == 0 && phase == 0 { 0.35 } else { 1.0 };
                    (rng.unit() * weight, (i, q))
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (k, &(_, (i, q))) in keyed[..missing].iter().enumerate() {
                rows[i].answers[q] = if k < dont_know { Answer::DontKnow } else { Answer::Blank };
            }
            let scored: Vec<(usize, usize)> = keyed[missing..].iter().map(|&(_, s)| s).collect();
            let values: Vec<f64> = scored.iter().map(|&(i, q)| latent[i][q]).collect();
            let scores = calibrate(&values, target * n as u64 / 100)?;
            for (&(i, q), &s) in scored.iter().zip(&scores) {
                rows[i].answers[q] = Answer::Score(s);
            }
        }
    }
    Ok(())
}

/// Comments: mostly empty; tone follows the row's scores, content the phase. Then the
/// comments that need quoting, each on its own row, and one of several lines.
fn add_comments(rng: &mut Rng, rows: &mut [CheckinRow]) {
    for row in rows.iter_mut() {
        let p = match row.week {
            1 => 0.18,
            4 => 0.15,
            _ => 0.09,
        };
        if !rng.chance(p) {
            continue;
        }
        let Some(mean) = row.mean_score() else {
            continue;
        };
        let pool: &[(When, &str)] = if mean >= 4.0 {
            &POSITIVE
        } else if mean >= 3.0 {
            &MIXED
        } else {
            &NEGATIVE
        };
        let when = if row.week <= 3 { When::Prep } else { When::Test };
        let fitting: Vec<&str> = pool
            .iter()
            .filter(|(w, _)| *w == When::Any || *w == when)
            .map(|(_, c)| *c)
            .collect();
        row.comment = rng.pick(&fitting).to_string();
    }
    let mut used = BTreeSet::new();
    for special in SPECIAL_COMMENTS {
        let i = loop {
            let i = rng.below(rows.len());
            if rows[i].mean_score().is_some_and(|m| m >= 3.5) && used.insert(i) {
                break i;
            }
        };
        rows[i].comment = special.to_string();
    }
    let candidates: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].wave == 0 && !used.contains(&i) && rows[i].mean_score().is_some_and(|m| m >= 4.0))
        .collect();
    let i = *rng.pick(&candidates);
    rows[i].comment = MULTILINE_COMMENT.to_string();
}

fn checkin_text(rows: &[CheckinRow]) -> String {
    let mut records: Vec<Vec<String>> = vec![CHECKIN_HEADER.iter().map(|s| s.to_string()).collect()];
    for row in rows {
        let mut record = vec![
            format_timestamp(row.day, row.minute),
            row.entity.to_string(),
            WAVES[row.wave].name.to_string(),
            format!("Uge {}", row.week),
        ];
        record.extend(row.answers.iter().map(|a| a.label().to_string()));
        record.push(row.comment.clone());
        records.push(record);
    }
    csv_text(&records)
}

#[derive(Default, Clone, Copy)]
struct Cell {
    n: u64,
    sum: u64,
    dont_know: u64,
    blank: u64,
}

/// Reads the written check-in file back and checks it against the deck.
fn verify_checkin(path: &Path) -> io::Result<()> {
    let bytes = fs::read(path)?;
    let text = decode_cp1252(&bytes)?;
    let records = parse_csv(&text)?;
    if csv_text(&records) != text {
        return Err(invalid("check-in file does not round-trip (quoting not minimal?)"));
    }
    let (header, data) = records.split_first().ok_or_else(|| invalid("empty check-in file"))?;
    if header != &CHECKIN_HEADER {
        return Err(invalid(format!("unexpected header {header:?}")));
    }
    let mut read = ReadBack::default();
    for (line, record) in data.iter().enumerate() {
        read.add(line + 2, record)?;
    }
    let spans = read.check_structure()?;
    println!("{}: {} rows, {} comments", path.display(), data.len(), read.comments);
    println!(
        "  {:<6} {:<20} {:>4} {:>4} {:>5} {:>8} {:>6} {:>6}",
        "wave", "phase", "n", "vi", "blank", "mean", "deck", "check"
    );
    let mut failures = Vec::new();
    for &w in &TIME_ORDER {
        read.print_phases(w, &mut failures);
        read.print_total(w, spans[w], &mut failures);
        read.print_questions(w);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(invalid(format!(
            "figures do not match the deck: {}",
            failures.join(", ")
        )))
    }
}

/// The check-in file as read back: per wave the phase cells, the questions, the scores, the
/// first and last answer; the waves in file order, each municipality's wave and check-ins.
#[derive(Default)]
struct ReadBack<'a> {
    cells: [[Cell; 3]; 3],
    per_question: [[Cell; 3]; 3],
    distribution: [[u64; 5]; 3],
    time_span: [Option<(Stamp, Stamp)>; 3],
    waves_in_file_order: Vec<usize>,
    entity_waves: BTreeMap<&'a str, (usize, u32)>,
    comments: u32,
    multiline: u32,
}

impl<'a> ReadBack<'a> {
    /// One record (`line` in the file).
    fn add(&mut self, line: usize, record: &'a [String]) -> io::Result<()> {
        if record.len() != CHECKIN_HEADER.len() {
            return Err(invalid(format!("record {line}: {} fields", record.len())));
        }
        let time =
            parse_timestamp(&record[0]).ok_or_else(|| invalid(format!("record {line}: bad time {:?}", record[0])))?;
        let w = WAVES
            .iter()
            .position(|wave| wave.name == record[2])
            .ok_or_else(|| invalid(format!("record {line}: bad wave {:?}", record[2])))?;
        let week: u32 = record[3]
            .strip_prefix("Uge ")
            .and_then(|s| s.parse().ok())
            .filter(|wk| (1..=5).contains(wk))
            .ok_or_else(|| invalid(format!("record {line}: bad week {:?}", record[3])))?;
        if self.waves_in_file_order.last() != Some(&w) {
            self.waves_in_file_order.push(w);
        }
        let entry = self.entity_waves.entry(record[1].as_str()).or_insert((w, 0));
        if entry.0 != w {
            return Err(invalid(format!("{} is in two waves", record[1])));
        }
        entry.1 += 1;
        let span = self.time_span[w].get_or_insert((time, time));
        span.0 = span.0.min(time);
        span.1 = span.1.max(time);
        let phase = phase_of_week(week);
        for q in 0..3 {
            self.add_answer(line, record[FIRST_QUESTION + q].as_str(), [w, phase, q])?;
        }
        self.comments += u32::from(!record[7].is_empty());
        self.multiline += u32::from(record[7].contains("\r\n"));
        Ok(())
    }

    /// An answer to question q in wave w's phase.
    fn add_answer(&mut self, line: usize, value: &str, [w, phase, q]: [usize; 3]) -> io::Result<()> {
        let cell = &mut self.cells[w][phase];
        let qcell = &mut self.per_question[w][q];
        if value == DONT_KNOW {
            cell.dont_know += 1;
            qcell.dont_know += 1;
        } else if value.is_empty() {
            cell.blank += 1;
            qcell.blank += 1;
        } else {
            let score = LIKERT
                .iter()
                .position(|l| *l == value)
                .ok_or_else(|| invalid(format!("record {line}: unknown answer {value:?}")))?
                + 1;
            cell.n += 1;
            cell.sum += score as u64;
            qcell.n += 1;
            qcell.sum += score as u64;
            self.distribution[w][score - 1] += 1;
        }
        Ok(())
    }

    /// Structure and time order: the waves grouped in the file, 103 members with five
    /// check-ins each, each wave over before the next begins, one multi-line comment. Each
    /// wave's first and last answer.
    fn check_structure(&self) -> io::Result<Vec<(Stamp, Stamp)>> {
        if self.waves_in_file_order != [0, 1, 2] {
            return Err(invalid("rows are not grouped Rul 1, Rul 2, Rul 3 in the file"));
        }
        if self.entity_waves.len() != 103 || self.entity_waves.values().any(|&(_, k)| k != 5) {
            return Err(invalid("expected 103 municipalities/regions with 5 check-ins each"));
        }
        let spans: Vec<_> = self
            .time_span
            .iter()
            .map(|s| s.ok_or_else(|| invalid("wave without rows")))
            .collect::<io::Result<_>>()?;
        for pair in TIME_ORDER.windows(2) {
            if spans[pair[0]].1 >= spans[pair[1]].0 {
                return Err(invalid(format!(
                    "{} does not end before {} starts",
                    WAVES[pair[0]].name, WAVES[pair[1]].name
                )));
            }
        }
        if self.multiline != 1 {
            return Err(invalid(format!("{} multi-line comments, expected 1", self.multiline)));
        }
        Ok(spans)
    }

    /// A line per phase of wave w: its mean against the deck's.
    fn print_phases(&self, w: usize, failures: &mut Vec<String>) {
        let wave = &WAVES[w];
        for (phase, cell) in self.cells[w].iter().enumerate() {
            let rounded = round_hundredths(cell.sum.into(), cell.n.into());
            let exact = u128::from(cell.sum) * 100 == u128::from(wave.targets[phase]) * u128::from(cell.n);
            let ok = rounded == u128::from(wave.targets[phase]);
            if !ok {
                failures.push(format!("{} {}", wave.name, PHASES[phase]));
            }
            println!(
                "  {:<6} {:<20} {:>4} {:>4} {:>5} {:>8.4} {:>6} {:>6}",
                wave.name,
                PHASES[phase],
                cell.n,
                cell.dont_know,
                cell.blank,
                cell.sum as f64 / cell.n as f64,
                fmt_hundredths(wave.targets[phase].into()),
                if !ok {
                    "FAIL"
                } else if exact {
                    "exact"
                } else {
                    "ok"
                }
            );
        }
    }

    /// Wave w's total (the unweighted mean of its three phase means, in exact rational
    /// arithmetic) against the deck's, with the pooled mean and its first and last answer.
    fn print_total(&self, w: usize, (first, last): (Stamp, Stamp), failures: &mut Vec<String>) {
        let wave = &WAVES[w];
        let cells = &self.cells[w];
        let [a, b, c] = cells.map(|cell| (u128::from(cell.sum), u128::from(cell.n)));
        let num = a.0 * b.1 * c.1 + b.0 * a.1 * c.1 + c.0 * a.1 * b.1;
        let den = 3 * a.1 * b.1 * c.1;
        let total = round_hundredths(num, den);
        let ok = total == u128::from(wave.total);
        if !ok {
            failures.push(format!("{} total", wave.name));
        }
        let pooled_n: u64 = cells.iter().map(|c| c.n).sum();
        let pooled_sum: u64 = cells.iter().map(|c| c.sum).sum();
        println!(
            "  {:<6} {:<20} {:>4} {:>4} {:>5} {:>8.4} {:>6} {:>6}   (pooled mean {:.4}; {} to {})",
            wave.name,
            "Total (mean of 3)",
            pooled_n,
            cells.iter().map(|c| c.dont_know).sum::<u64>(),
            cells.iter().map(|c| c.blank).sum::<u64>(),
            num as f64 / den as f64,
            fmt_hundredths(wave.total.into()),
            if ok { "ok" } else { "FAIL" },
            pooled_sum as f64 / pooled_n as f64,
            format_timestamp(first.0, first.1),
            format_timestamp(last.0, last.1),
        );
    }

    /// Wave w's per-question means and its scores 1-5.
    fn print_questions(&self, w: usize) {
        let q: Vec<String> = self.per_question[w]
            .iter()
            .zip(&CHECKIN_HEADER[FIRST_QUESTION..])
            .map(|(c, name)| {
                format!(
                    "{name} {:.2} (n {}, vi {})",
                    c.sum as f64 / c.n as f64,
                    c.n,
                    c.dont_know
                )
            })
            .collect();
        println!("         per question: {}", q.join("; "));
        println!("         scores 1..5: {:?}", self.distribution[w]);
    }
}

// ---------------------------------------------------------------------------------------------
// The timeline
// ---------------------------------------------------------------------------------------------

const TIMELINE_HEADER: [&str; 5] = ["type", "start", "end", "label_da", "label_en"];

/// (start, end or None for an event, Danish, English)
type TimelineEntry = ((i64, u32, u32), Option<(i64, u32, u32)>, &'static str, &'static str);

const TIMELINE: [TimelineEntry; 9] = [
    (
        (2024, 11, 1),
        Some((2024, 12, 31)),
        "Teknisk videndelingsforløb",
        "Technical knowledge sharing",
    ),
    ((2024, 12, 10), None, "Netværksmøde 8", "Network meeting 8"),
    ((2024, 12, 18), None, "Release 1.4", "Release 1.4"),
    ((2025, 1, 13), Some((2025, 2, 7)), "Skyggevalg", "Shadow election"),
    (
        (2025, 2, 10),
        None,
        "Overdragelse til driftsorganisation",
        "Handover to operations",
    ),
    (
        (2025, 4, 1),
        Some((2025, 9, 30)),
        "Risiko for uvarslet valg",
        "Risk of an unannounced election",
    ),
    (
        (2024, 11, 1),
        Some((2025, 10, 1)),
        "KMD Valg (forlænget kontrakt)",
        "KMD Valg (extended contract)",
    ),
    (
        (2025, 10, 1),
        Some((2025, 11, 18)),
        "Valg afvikles i ny VALG",
        "Elections run in the new VALG",
    ),
    ((2025, 11, 18), None, "KV/RV 18-11-2025", "KV/RV 18 Nov 2025"),
];

fn timeline_text() -> String {
    let mut records: Vec<Vec<String>> = vec![TIMELINE_HEADER.iter().map(|s| s.to_string()).collect()];
    for &((y, m, d), end, da, en) in &TIMELINE {
        let start = format_iso(days_from_civil(y, m, d));
        let (kind, end) = match end {
            Some((y, m, d)) => ("span", format_iso(days_from_civil(y, m, d))),
            None => ("event", String::new()),
        };
        records.push(vec![kind.to_string(), start, end, da.to_string(), en.to_string()]);
    }
    format!("{BOM}{}", csv_text(&records))
}

/// The plan: a row per municipality or region, waves in time order, members in name order.
fn plan_text(rows: &[CheckinRow]) -> String {
    let mut members: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for row in rows {
        members.entry(row.wave).or_default().insert(row.entity);
    }
    let mut records = vec![vec!["rul".to_string(), "start".to_string(), "kommune".to_string()]];
    for &w in &TIME_ORDER {
        let (y, m, d) = WAVES[w].first_monday;
        for entity in members.get(&w).into_iter().flatten() {
            records.push(vec![
                WAVES[w].name.to_string(),
                format_iso(days_from_civil(y, m, d)),
                entity.to_string(),
            ]);
        }
    }
    format!("{BOM}{}", csv_text(&records))
}

/// Every row of the survey falls in the week its wave's start and its date give.
fn verify_plan(path: &Path, rows: &[CheckinRow]) -> io::Result<()> {
    let records = parse_csv(&decode_utf8_bom(&fs::read(path)?)?)?;
    let wave_of: BTreeMap<&str, &str> = records
        .iter()
        .skip(1)
        .filter_map(|r| Some((r.get(2)?.as_str(), r.first()?.as_str())))
        .collect();
    if wave_of.len() != 103 {
        return Err(invalid("the plan must place 103 municipalities and regions"));
    }
    for row in rows {
        let wave = &WAVES[row.wave];
        let (y, m, d) = wave.first_monday;
        let week = (row.day - days_from_civil(y, m, d)).div_euclid(7) + 1;
        if wave_of.get(row.entity) != Some(&wave.name) || week != i64::from(row.week) {
            return Err(invalid(format!(
                "{} week {} does not follow from the plan",
                row.entity, row.week
            )));
        }
    }
    println!("{}: {} municipalities and regions", path.display(), wave_of.len());
    Ok(())
}

fn verify_timeline(path: &Path) -> io::Result<()> {
    let text = decode_utf8_bom(&fs::read(path)?)?;
    let records = parse_csv(&text)?;
    if records.first().map(Vec::as_slice) != Some(&TIMELINE_HEADER.map(String::from)[..]) {
        return Err(invalid("timeline header"));
    }
    for record in &records[1..] {
        let ok = record.len() == 5
            && match record[0].as_str() {
                "event" => record[2].is_empty(),
                "span" => record[1] < record[2],
                _ => false,
            };
        if !ok {
            return Err(invalid(format!("bad timeline row {record:?}")));
        }
    }
    println!("{}: {} entries", path.display(), records.len() - 1);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The KLIK survey
// ---------------------------------------------------------------------------------------------

const KLIK_HEADER: [&str; 5] = [
    "Respondent",
    "Kommune",
    "Hvor ofte bruger du KLIK?",
    "Hvor tilfreds er du samlet set med KLIK?",
    "Kommentar",
];

/// Usage frequency: label, share of respondents, satisfaction offset, how likely "Ved ikke".
const KLIK_FREQUENCY: [(&str, f64, f64, f64); 6] = [
    ("Hver uge", 26.0, 0.30, 0.5),
    ("Et par gange om måneden", 31.0, 0.12, 0.7),
    ("En gang om måneden", 16.0, -0.05, 1.0),
    ("Sjældnere end en gang om måneden", 14.0, -0.25, 2.0),
    ("Har ikke brugt KLIK de seneste seks måneder", 8.0, -0.45, 8.0),
    ("Ved ikke / ønsker ikke at svare", 5.0, -0.15, 5.0),
];

const KLIK_NUMERIC: usize = 637;
const KLIK_DONT_KNOW: usize = 15;
/// 2357 / 637 = 3.7002: the deck's 3,7.
const KLIK_SUM: u64 = 2357;

const KLIK_COMMENTS: [&str; 9] = [
    "KLIK giver et godt overblik over opgaverne.",
    "Det er svært at finde de opgaver, der er relevante for os.",
    "For mange notifikationer; vi overser de vigtige.",
    "Fint værktøj, men søgningen kunne være bedre.",
    "Jeg bruger det kun, når jeg bliver mindet om det.",
    "Opgaverne kommer ofte med kort frist.",
    "Rigtig god hjælp i udrulningen af VALG.",
    "Har ikke haft brug for det i et stykke tid.",
    "Det ville være rart at kunne se, hvem der har løst en opgave.",
];

fn klik_text(rng: &mut Rng) -> io::Result<String> {
    let total = KLIK_NUMERIC + KLIK_DONT_KNOW;
    let entities: Vec<&str> = MUNICIPALITIES.iter().chain(REGIONS.iter()).copied().collect();
    let shares: Vec<f64> = KLIK_FREQUENCY.iter().map(|f| f.1).collect();
    let frequency: Vec<usize> = (0..total).map(|_| rng.weighted(&shares)).collect();
    let latent: Vec<f64> = frequency
        .iter()
        .map(|&f| 3.7 + KLIK_FREQUENCY[f].2 + 0.85 * rng.normal())
        .collect();
    // "Ved ikke" mostly from those who hardly use KLIK.
    let mut keyed: Vec<(f64, usize)> = (0..total)
        .map(|i| (rng.unit() / KLIK_FREQUENCY[frequency[i]].3, i))
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let dont_know: BTreeSet<usize> = keyed[..KLIK_DONT_KNOW].iter().map(|&(_, i)| i).collect();
    let numeric: Vec<usize> = (0..total).filter(|i| !dont_know.contains(i)).collect();
    let values: Vec<f64> = numeric.iter().map(|&i| latent[i]).collect();
    let scores = calibrate(&values, KLIK_SUM)?;
    let mut answer = vec![DONT_KNOW.to_string(); total];
    for (&i, &s) in numeric.iter().zip(&scores) {
        answer[i] = s.to_string();
    }

    let mut records: Vec<Vec<String>> = vec![KLIK_HEADER.iter().map(|s| s.to_string()).collect()];
    for i in 0..total {
        let comment = if rng.chance(0.07) {
            *rng.pick(&KLIK_COMMENTS)
        } else {
            ""
        };
        records.push(vec![
            (i + 1).to_string(),
            rng.pick(&entities).to_string(),
            KLIK_FREQUENCY[frequency[i]].0.to_string(),
            answer[i].clone(),
            comment.to_string(),
        ]);
    }
    Ok(format!("{BOM}{}", csv_text(&records)))
}

fn verify_klik(path: &Path) -> io::Result<()> {
    let text = decode_utf8_bom(&fs::read(path)?)?;
    let records = parse_csv(&text)?;
    if csv_text(&records) != text {
        return Err(invalid("KLIK file does not round-trip"));
    }
    if records.first().map(Vec::as_slice) != Some(&KLIK_HEADER.map(String::from)[..]) {
        return Err(invalid("KLIK header"));
    }
    let mut by_frequency = [Cell::default(); 6];
    let mut all = Cell::default();
    for record in &records[1..] {
        let f = KLIK_FREQUENCY
            .iter()
            .position(|f| f.0 == record[2])
            .ok_or_else(|| invalid(format!("bad frequency {:?}", record[2])))?;
        match record[3].as_str() {
            DONT_KNOW => {
                by_frequency[f].dont_know += 1;
                all.dont_know += 1;
            }
            s => {
                let score: u64 = s
                    .parse()
                    .ok()
                    .filter(|v| (1..=5).contains(v))
                    .ok_or_else(|| invalid(format!("bad score {s:?}")))?;
                by_frequency[f].n += 1;
                by_frequency[f].sum += score;
                all.n += 1;
                all.sum += score;
            }
        }
    }
    let tenths = (20 * u128::from(all.sum) + u128::from(all.n)) / (2 * u128::from(all.n));
    println!(
        "{}: {} rows, {} numeric answers, mean {:.4} (rounds to {},{}), {} Ved ikke",
        path.display(),
        records.len() - 1,
        all.n,
        all.sum as f64 / all.n as f64,
        tenths / 10,
        tenths % 10,
        all.dont_know
    );
    for (f, cell) in by_frequency.iter().enumerate() {
        println!(
            "  {:<45} n {:>3}  mean {:.2}  Ved ikke {}",
            KLIK_FREQUENCY[f].0,
            cell.n,
            cell.sum as f64 / cell.n as f64,
            cell.dont_know
        );
    }
    if all.n != KLIK_NUMERIC as u64 || tenths != 37 {
        return Err(invalid("KLIK survey does not match the deck (637 answers, mean 3,7)"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

fn main() -> io::Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("sample-data"), PathBuf::from);
    fs::create_dir_all(&dir)?;
    let mut rng = Rng(0x5641_4C47_2024_0B01);

    let rows = generate_checkin(&mut rng)?;
    write_atomic(&dir, CHECKIN_FILE, &encode_cp1252(&checkin_text(&rows))?)?;
    write_atomic(&dir, TIMELINE_FILE, timeline_text().as_bytes())?;
    write_atomic(&dir, KLIK_FILE, klik_text(&mut rng)?.as_bytes())?;
    write_atomic(&dir, PLAN_FILE, plan_text(&rows).as_bytes())?;

    verify_checkin(&dir.join(CHECKIN_FILE))?;
    verify_plan(&dir.join(PLAN_FILE), &rows)?;
    verify_timeline(&dir.join(TIMELINE_FILE))?;
    verify_klik(&dir.join(KLIK_FILE))?;

    println!("Summary:");
    for name in [CHECKIN_FILE, TIMELINE_FILE, KLIK_FILE, PLAN_FILE] {
        let path = dir.join(name);
        println!("  {:<40} {:>7} bytes", path.display(), fs::metadata(&path)?.len());
    }
    Ok(())
}
