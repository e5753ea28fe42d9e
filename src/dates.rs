//! Dates as survey tools and Excel write them. A text like 05/08/2024 reads two ways, so the
//! order is decided per column from all its values ([`DateColumn`]) and never guessed: an
//! ambiguous text without an order reads as no date.

use chrono::{Datelike, NaiveDate};

/// Which of the two numbers in a date like 05/08/2024 is the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

/// What a column's values say about its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderEvidence {
    /// Some values read one way only, and all of them the same way.
    Settled(DateOrder),
    /// No value reads two ways (ISO, year first, month names, day equal to month).
    NotNeeded,
    /// Some value reads two ways and none decides.
    Undecided { example: String },
    /// Some values read day-first only, others month-first only.
    Conflicting {
        day_first_example: String,
        month_first_example: String,
    },
}

/// Gathers the order evidence of one column, value by value. Blank values are skipped: they
/// are missing answers, not unreadable dates.
#[derive(Default, Clone, Debug)]
pub struct DateColumn {
    dates: usize,
    unreadable: usize,
    // The first value of each kind, to show the user.
    ambiguous: Option<String>,
    day_first: Option<String>,
    month_first: Option<String>,
}

impl DateColumn {
    /// Adds what another part of the same column (read on another thread) found; the
    /// examples of this part, which comes first, are kept.
    pub fn merge(&mut self, later: DateColumn) {
        self.dates += later.dates;
        self.unreadable += later.unreadable;
        self.ambiguous = self.ambiguous.take().or(later.ambiguous);
        self.day_first = self.day_first.take().or(later.day_first);
        self.month_first = self.month_first.take().or(later.month_first);
    }

    /// Notes a value; true when it is a date in some order.
    pub fn add(&mut self, text: &str) -> bool {
        let text = text.trim();
        if text.is_empty() {
            return false;
        }
        // Only the first example of each kind is kept, so an ordinary value never allocates.
        let example = match read(text) {
            None => {
                self.unreadable += 1;
                return false;
            }
            Some(Reading::Plain(_)) => None,
            Some(Reading::Either { .. }) => Some(&mut self.ambiguous),
            Some(Reading::Only(DateOrder::DayFirst, _)) => Some(&mut self.day_first),
            Some(Reading::Only(DateOrder::MonthFirst, _)) => Some(&mut self.month_first),
        };
        self.dates += 1;
        if let Some(slot) = example
            && slot.is_none()
        {
            *slot = Some(text.to_owned());
        }
        true
    }

    /// Notes a value seen before: `was_date` is what [`DateColumn::add`] said of it (which
    /// depends on the text alone, and its example, if any, is already kept).
    pub fn add_again(&mut self, was_date: bool) {
        if was_date {
            self.dates += 1;
        } else {
            self.unreadable += 1;
        }
    }

    pub fn evidence(&self) -> OrderEvidence {
        match (&self.day_first, &self.month_first, &self.ambiguous) {
            (Some(day), Some(month), _) => OrderEvidence::Conflicting {
                day_first_example: day.clone(),
                month_first_example: month.clone(),
            },
            (Some(_), None, _) => OrderEvidence::Settled(DateOrder::DayFirst),
            (None, Some(_), _) => OrderEvidence::Settled(DateOrder::MonthFirst),
            (None, None, Some(example)) => OrderEvidence::Undecided {
                example: example.clone(),
            },
            (None, None, None) => OrderEvidence::NotNeeded,
        }
    }

    /// Values that are a date in some order.
    pub fn dates(&self) -> usize {
        self.dates
    }

    /// Non-blank values that are no date in any order.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }
}

/// The calendar date of a date or date-time text. `order` is needed only for a text that reads
/// two ways; without it such a text gives None. A text that cannot be in `order` (19/08/2024
/// month-first) gives None too, so that the caller can report the clash.
pub fn parse_date(text: &str, order: Option<DateOrder>) -> Option<NaiveDate> {
    match read(text.trim())? {
        Reading::Plain(date) => Some(date),
        Reading::Only(only, date) => order.is_none_or(|order| order == only).then_some(date),
        Reading::Either { day_first, month_first } => match order? {
            DateOrder::DayFirst => Some(day_first),
            DateOrder::MonthFirst => Some(month_first),
        },
    }
}

/// A date in the app's own fields and files (the timeline, the date filter): ISO, or the
/// Danish way with the day first ("13-01-2025"), as the window shows dates. Not for survey
/// exports, whose order is decided per column.
pub fn parse_danish_date(text: &str) -> Option<NaiveDate> {
    parse_date(text, Some(DateOrder::DayFirst))
}

/// True when `text` is a date in some order.
pub fn looks_like_date(text: &str) -> bool {
    read(text.trim()).is_some()
}

/// 1970-01-01 is day 0 (the day number that polars stores for a Date).
const EPOCH_FROM_CE: i32 = 719_163;

pub fn days_since_epoch(date: NaiveDate) -> i32 {
    // chrono's range (±262,000 years) is far inside i32 days, so no overflow.
    date.num_days_from_ce() - EPOCH_FROM_CE
}

pub fn date_from_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_FROM_CE)?)
}

/// "YYYY-MM-DD HH:MM:SS" of an Excel serial in the 1900 date system. Excel counts the
/// nonexistent 29 Feb 1900 as serial 60, so that serial gives None, and so do pure times
/// (below 1) and serials past 9999-12-31. Fractions of a second are dropped, after rounding to
/// the millisecond so that float noise (…16.9999 for 16 s) does not lose a second.
pub fn excel_serial_to_iso(serial: f64) -> Option<String> {
    const DAY_MS: i64 = 86_400_000;
    const DAY_MS_F64: f64 = 86_400_000.0;
    // NaN and the infinities are outside too.
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // In range, so the product (< 2.6e14) fits an i64 exactly.
    let millis = (serial * DAY_MS_F64).round() as i64;
    let (days, ms_of_day) = (millis.div_euclid(DAY_MS), millis.rem_euclid(DAY_MS));
    let day_zero = match days {
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        60 => return None,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    let date = day_zero.checked_add_days(chrono::Days::new(u64::try_from(days).ok()?))?;
    let (hour, minute, second) = (ms_of_day / 3_600_000, ms_of_day / 60_000 % 60, ms_of_day / 1000 % 60);
    Some(format!("{date} {hour:02}:{minute:02}:{second:02}"))
}

/// How a date text reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// One way only, whatever the order (ISO, year first, month name, day equal to month).
    Plain(NaiveDate),
    /// Its numbers allow one order only (19/08/2024).
    Only(DateOrder, NaiveDate),
    /// Both orders give a real date (05/08/2024).
    Either {
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
}

/// Reads a trimmed text: a date, then optionally a valid time, AM/PM and time zone.
fn read(text: &str) -> Option<Reading> {
    thread_local! {
        /// The last text read on this thread and how it read. A column's profile and the row
        /// reader read the same value one after the other, and a survey tool's answer times
        /// are all different, so no cache of repeated values catches the second reading.
        static LAST: std::cell::RefCell<(String, Option<Reading>)> = const {
            std::cell::RefCell::new((String::new(), None))
        };
    }
    LAST.with_borrow_mut(|(last, reading)| {
        if last != text {
            *reading = read_anew(text);
            last.clear();
            last.push_str(text);
        }
        *reading
    })
}

fn read_anew(text: &str) -> Option<Reading> {
    let c = &mut Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let reading = date_part(c)?;
    (c.done() || time_part(c).is_some()).then_some(reading)
}

fn date_part(c: &mut Cursor) -> Option<Reading> {
    if c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
        // "Aug 19, 2024"
        let month = month_number(c.word())?;
        c.gap();
        let day = c.small()?;
        c.gap();
        return plain(c.year()?, month, day);
    }
    let (first, len) = c.number()?;
    if len == 4 {
        // Year first: 2024-08-19, 2024/08/19, 2024.08.19. Nobody writes year-day-month.
        let separator = c.take(b"-/.")?;
        let month = c.small()?;
        c.eat(separator).then_some(())?;
        return plain(i32::try_from(first).ok()?, month, c.small()?);
    }
    if len > 2 {
        return None;
    }
    if let Some(separator) = c.take(b"-/.")
        && c.peek().is_some_and(|b| b.is_ascii_digit())
    {
        let second = c.small()?;
        c.eat(separator).then_some(())?;
        let year = c.year()?;
        let date = |month, day| NaiveDate::from_ymd_opt(year, month, day);
        return match (date(second, first), date(first, second)) {
            (Some(day_first), Some(month_first)) if day_first == month_first => Some(Reading::Plain(day_first)),
            (Some(day_first), Some(month_first)) => Some(Reading::Either { day_first, month_first }),
            (Some(date), None) => Some(Reading::Only(DateOrder::DayFirst, date)),
            (None, Some(date)) => Some(Reading::Only(DateOrder::MonthFirst, date)),
            (None, None) => None,
        };
    }
    // "19. aug. 2024", "19 August 2024", "19-Aug-24"
    c.gap();
    let month = month_number(c.word())?;
    c.gap();
    plain(c.year()?, month, first)
}

fn plain(year: i32, month: u32, day: u32) -> Option<Reading> {
    NaiveDate::from_ymd_opt(year, month, day).map(Reading::Plain)
}

/// Danish and English names, any case, cut to three letters or more.
fn month_number(word: &[u8]) -> Option<u32> {
    const NAMES: [[&str; 2]; 12] = [
        ["januar", "january"],
        ["februar", "february"],
        ["marts", "march"],
        ["april", "april"],
        ["maj", "may"],
        ["juni", "june"],
        ["juli", "july"],
        ["august", "august"],
        ["september", "september"],
        ["oktober", "october"],
        ["november", "november"],
        ["december", "december"],
    ];
    // Shorter words name no month; checked before the names are looked at (this runs for
    // every word of every value of a date column).
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    let starts = |name: &str| {
        name.as_bytes()
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    let index = NAMES.iter().position(|names| names.iter().any(|name| starts(name)))?;
    u32::try_from(index + 1).ok()
}

/// Checks what follows the date: the time must be real even though only the date is kept, so
/// that "19-08-2024 31:99" or "13:05 PM" do not pass for dates.
fn time_part(c: &mut Cursor) -> Option<()> {
    if !c.eat(b'T') {
        c.eat(b',');
        c.spaces().then_some(())?;
        // Danish long form: "19. august 2024 kl. 10.00".
        let word = c.word();
        if !word.is_empty() {
            word.eq_ignore_ascii_case(b"kl").then_some(())?;
            c.eat(b'.');
            c.spaces();
        }
    }
    let hour = c.small()?;
    let separator = c.take(b":.")?;
    let minute = c.two_digits()?;
    let mut second = 0;
    if c.eat(separator) {
        second = c.two_digits()?;
        if c.take(b".,").is_some() {
            c.number()?;
        }
    }
    c.spaces();
    let hours = if c.am_pm() { 1..=12 } else { 0..=23 };
    (hours.contains(&hour) && minute <= 59 && second <= 59).then_some(())?;
    c.spaces();
    c.zone()?;
    c.spaces();
    c.done().then_some(())
}

/// A position in a text. It only compares ASCII bytes and never slices the text, so any
/// Unicode in the input is simply "not a date".
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.take(&[byte]).is_some()
    }

    fn take(&mut self, any_of: &[u8]) -> Option<u8> {
        let byte = self.peek().filter(|b| any_of.contains(b))?;
        self.pos += 1;
        Some(byte)
    }

    /// Spaces, tabs and the no-break spaces that Excel (U+00A0) and newer ICU (U+202F, before
    /// AM/PM) write. True when there was any.
    fn spaces(&mut self) -> bool {
        let start = self.pos;
        loop {
            let rest = self.rest();
            match [" ", "\t", "\u{a0}", "\u{202f}"]
                .iter()
                .find(|s| rest.starts_with(s.as_bytes()))
            {
                Some(space) => self.pos += space.len(),
                None => return self.pos > start,
            }
        }
    }

    /// What may stand between a day, a month name and a year: "19. aug. 2024", "Aug 19, 2024".
    fn gap(&mut self) {
        while self.spaces() || self.take(b".,-").is_some() {}
    }

    fn run(&mut self, class: fn(&u8) -> bool) -> &'a [u8] {
        let start = self.pos;
        while self.peek().as_ref().is_some_and(class) {
            self.pos += 1;
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    fn word(&mut self) -> &'a [u8] {
        self.run(u8::is_ascii_alphabetic)
    }

    /// A run of digits and its length; None past nine digits, where u32 could overflow.
    fn number(&mut self) -> Option<(u32, usize)> {
        let digits = Some(self.run(u8::is_ascii_digit)).filter(|digits| (1..=9).contains(&digits.len()))?;
        Some((digits.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')), digits.len()))
    }

    /// A day, month or hour: one or two digits.
    fn small(&mut self) -> Option<u32> {
        self.number().filter(|&(_, len)| len <= 2).map(|(n, _)| n)
    }

    fn two_digits(&mut self) -> Option<u32> {
        self.number().filter(|&(_, len)| len == 2).map(|(n, _)| n)
    }

    /// Four digits, or two: 00-69 are 2000-2069 and 70-99 are 1970-1999.
    fn year(&mut self) -> Option<i32> {
        let (year, len) = self.number()?;
        let year = i32::try_from(year).ok()?;
        match len {
            4 => Some(year),
            2 if year < 70 => Some(2000 + year),
            2 => Some(1900 + year),
            _ => None,
        }
    }

    /// AM, pm, a.m., P.M.: true when one was there.
    fn am_pm(&mut self) -> bool {
        let start = self.pos;
        let letters = [b"aApP".as_slice(), b"mM"].iter().all(|letter| {
            let found = self.take(letter).is_some();
            self.eat(b'.');
            found
        });
        if letters && !self.peek().is_some_and(|b| b.is_ascii_alphanumeric()) {
            return true;
        }
        self.pos = start;
        false
    }

    /// Z, UTC, GMT+2, CEST, +02:00, -0500 or nothing; None for anything else.
    fn zone(&mut self) -> Option<()> {
        let name = self.word();
        let known = ["z", "ut", "utc", "gmt", "cet", "cest"];
        if !name.is_empty() && !known.iter().any(|known| name.eq_ignore_ascii_case(known.as_bytes())) {
            return None;
        }
        if self.take(b"+-").is_some() {
            let (hours, minutes) = match self.number()? {
                (hours, 1 | 2) if self.eat(b':') => (hours, self.two_digits()?),
                (hours, 1 | 2) => (hours, 0),
                (hhmm, 4) => (hhmm / 100, hhmm % 100),
                _ => return None,
            };
            (hours <= 14 && minutes <= 59).then_some(())?;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::{DayFirst, MonthFirst};
    use OrderEvidence::{Conflicting, NotNeeded, Settled, Undecided};

    fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    const ORDERS: [Option<DateOrder>; 3] = [None, Some(DayFirst), Some(MonthFirst)];

    /// Every shape (split on '|') is 19 Aug 2024: in any order, or in `only` and without an order.
    fn reads_19_aug_2024(shapes: &str, only: Option<DateOrder>) {
        for text in shapes.split('|') {
            assert!(looks_like_date(text), "{text}");
            for order in ORDERS {
                let fits = only.is_none_or(|only| order.is_none_or(|order| order == only));
                assert_eq!(
                    parse_date(text, order),
                    ymd(2024, 8, 19).filter(|_| fits),
                    "{text} {order:?}"
                );
            }
        }
    }

    #[test]
    fn every_shape_reads() {
        reads_19_aug_2024(
            "2024-08-19|2024-08-19 10:10:20|2024-08-19T10:10:20|2024-08-19T10:10:20Z|2024-08-19T10:10:20.123+02:00|\
             2024-8-19 7:05|2024/08/19 11:01:52 AM GMT+2|2024.08.19|2024-08-19 10:10:20,5 -05:00|19. aug. 2024|\
             19. august 2024 10:00|19. august 2024 kl. 10.00|19 Aug 2024|19-AUG-24|Aug 19, 2024 1:05 PM",
            None,
        );
        reads_19_aug_2024(
            "19-08-2024 08:06|19.08.2024|19/08/2024 11.01.52|19-08-24|19.8.2024, 10.00.00|  19/08/2024  |\
             19-08-2024\u{a0}08:06|19/08/2024 23:59:59.999999 CET",
            Some(DayFirst),
        );
        reads_19_aug_2024(
            "8/19/24 8:06:53|08/19/2024 10:10:20 AM|8/19/2024 1:05 PM|8/19/2024, 1:05\u{202f}pm|8/19/2024 1:05PM UTC|\
             8/19/2024 1:05 p.m. +0200|08/19/2024 12:00:00 A.M. CEST|8/19/2024 1:05 Pm GMT+02:00",
            Some(MonthFirst),
        );
        for (text, date) in [
            ("1. marts 2024", ymd(2024, 3, 1)),
            ("5 MAJ 24", ymd(2024, 5, 5)),
            ("31/12/99", ymd(1999, 12, 31)),
            ("01/01/70", ymd(1970, 1, 1)),
            ("01/01/69", ymd(2069, 1, 1)),
            ("29/02/00", ymd(2000, 2, 29)),
            ("sept 3 2024", ymd(2024, 9, 3)),
        ] {
            assert_eq!(parse_date(text, None), date, "{text}");
        }
    }

    #[test]
    fn not_dates() {
        let texts = "| |i går|2024|31-02-2024|31/04/2024|4|Uge 4|12:30|2024-13-01|3,5|1.5|00/08/2024|19/08/2024 25:00|\
            19/08/2024 13:05 PM|19/08/2024 0:30 am|19/08/2024 10:60|19/08/2024 10:10:61|19/08/2024 10|19/08/2024 foo|\
            19/08-2024|19/08/202|2024-08-19T|2024-08-19 10:10 GMT+15|2024-08-19 10:10 PST|19/08/2024 10:10 AMX|\
            08/19/2024 8:06:53 AM PM|123/08/2024|19. ju 2024|19. juillet 2024|19/08/2024 om 10:00|Maj 2024|marts 12|\
            2024-08-19 10:10:20.|0000000000000000019/08/2024|19/08/99999999999999|١٩/٠٨/٢٠٢٤|19/08/2024 10:10 +2:3";
        for text in texts.split('|') {
            assert!(!looks_like_date(text), "{text}");
            for order in ORDERS {
                assert_eq!(parse_date(text, order), None, "{text}");
            }
        }
    }

    #[test]
    fn ambiguous_text_needs_an_order() {
        assert_eq!(parse_date("05/08/2024", None), None);
        assert_eq!(parse_date("05/08/2024", Some(DayFirst)), ymd(2024, 8, 5));
        assert_eq!(parse_date("5.8.24 10.00", Some(MonthFirst)), ymd(2024, 5, 8));
        // Day equal to month reads the same either way.
        for order in ORDERS {
            assert_eq!(parse_date("05/05/2024", order), ymd(2024, 5, 5));
        }
    }

    fn evidence(values: &[&str]) -> OrderEvidence {
        let mut column = DateColumn::default();
        values.iter().for_each(|value| {
            column.add(value);
        });
        column.evidence()
    }

    #[test]
    fn order_evidence() {
        assert_eq!(
            evidence(&["2024-08-19", "2024/08/20 1:00 PM", "05/05/2024", ""]),
            NotNeeded
        );
        assert_eq!(evidence(&[]), NotNeeded);
        assert_eq!(
            evidence(&["2024-08-19", " 05/08/2024 ", "06/08/2024"]),
            undecided_of("05/08/2024")
        );
        assert_eq!(evidence(&["05/08/2024", "13/01/2024"]), Settled(DayFirst));
        assert_eq!(evidence(&["05/08/2024", "1/13/24 8:00 AM"]), Settled(MonthFirst));
        let conflicting = Conflicting {
            day_first_example: "13/01/2024".into(),
            month_first_example: "01/13/2024".into(),
        };
        assert_eq!(
            evidence(&["13/01/2024", "01/13/2024", "14/01/2024", "01/14/2024"]),
            conflicting
        );
        // An impossible date decides nothing: it is unreadable.
        assert_eq!(evidence(&["05/08/2024", "31/04/2024"]), undecided_of("05/08/2024"));
    }

    fn undecided_of(example: &str) -> OrderEvidence {
        Undecided {
            example: example.into(),
        }
    }

    #[test]
    fn one_late_value_settles_a_million() {
        let mut column = DateColumn::default();
        let values: Vec<String> = (0..12u32)
            .map(|i| format!("{:02}/{:02}/2024 10:10", i % 12 + 1, 12 - i))
            .collect();
        for i in 0..1_000_000 {
            column.add(values.get(i % values.len()).map_or("", String::as_str));
        }
        column.add("nonsense");
        column.add("   ");
        assert_eq!(column.evidence(), undecided_of("01/12/2024 10:10"));
        column.add("31/12/2024 23:59");
        assert_eq!(column.evidence(), Settled(DayFirst));
        assert_eq!((column.dates(), column.unreadable()), (1_000_001, 1));
    }

    #[test]
    fn day_numbers() {
        assert_eq!(ymd(1970, 1, 1).map(days_since_epoch), Some(0));
        assert_eq!(ymd(2024, 8, 19).map(days_since_epoch), Some(19_954));
        assert_eq!(ymd(1969, 12, 31).map(days_since_epoch), Some(-1));
        assert_eq!(date_from_days(19_954), ymd(2024, 8, 19));
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(date_from_days(days_since_epoch(date)), Some(date));
        }
        assert_eq!(date_from_days(i32::MAX), None);
        assert_eq!(date_from_days(i32::MIN), None);
    }

    #[test]
    fn excel_serials() {
        let iso = excel_serial_to_iso;
        assert_eq!(iso(45523.337).as_deref(), Some("2024-08-19 08:05:16"));
        assert_eq!(iso(45523.0).as_deref(), Some("2024-08-19 00:00:00"));
        // 08:05:16 as Excel stores it, a little under the second.
        assert_eq!(
            iso(45523.0 + 29116.0 / 86400.0 - 1e-9).as_deref(),
            Some("2024-08-19 08:05:16")
        );
        assert_eq!(iso(45_523.999_999_999).as_deref(), Some("2024-08-20 00:00:00"));
        assert_eq!(iso(1.0).as_deref(), Some("1900-01-01 00:00:00"));
        assert_eq!(iso(59.5).as_deref(), Some("1900-02-28 12:00:00"));
        assert_eq!(iso(60.0), None);
        assert_eq!(iso(60.75), None);
        assert_eq!(iso(61.0).as_deref(), Some("1900-03-01 00:00:00"));
        assert_eq!(iso(2_958_465.5).as_deref(), Some("9999-12-31 12:00:00"));
        for bad in [0.0, 0.5, -1.0, 2_958_466.0, 1e300, f64::NAN, f64::INFINITY] {
            assert_eq!(iso(bad), None, "{bad}");
        }
        let back = iso(45523.337).and_then(|text| parse_date(&text, None));
        assert_eq!(back, ymd(2024, 8, 19));
    }

    /// Weird Unicode and every cut of a real date must give an answer, never a panic, and
    /// `looks_like_date` must agree with what `parse_date` can read.
    #[test]
    fn any_input_is_safe() {
        let pieces = [
            "0", "1", "2", "9", "12", "2024", "/", "-", ".", ":", ",", " ", "T", "Z", "+", "am", "P.M.", "aug", "GMT",
            "æ", "ø", "å", "\u{a0}", "\u{202f}", "\u{301}", "🎉", "\u{feff}", "\0", "İ", "ﬀ",
        ];
        let mut seed: u64 = 7;
        let mut texts: Vec<String> = (0..20_000)
            .map(|_| {
                let mut text = String::new();
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                for _ in 0..(seed >> 60) {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let index = usize::try_from(seed >> 33).unwrap_or_default() % pieces.len();
                    text.push_str(pieces.get(index).copied().unwrap_or_default());
                }
                text
            })
            .collect();
        let real = "19. Aug. 2024 ø 2024-08-19T10:10:20.123+02:00 08/19/2024 1:05\u{202f}p.m. GMT+2 🎉";
        texts.extend(
            real.char_indices()
                .flat_map(|(i, _)| [real.get(..i), real.get(i..)])
                .flatten()
                .map(String::from),
        );
        let mut column = DateColumn::default();
        for text in &texts {
            column.add(text);
            let either = [DayFirst, MonthFirst].map(|order| parse_date(text, Some(order)));
            assert_eq!(looks_like_date(text), either.iter().any(Option::is_some), "{text:?}");
        }
        assert!(column.dates() + column.unreadable() <= texts.len());
    }
}
