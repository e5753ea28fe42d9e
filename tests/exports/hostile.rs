//! Exports as they come when a survey holds more than the ratings, found by trying the tools'
//! layouts as a new user would (issue 9's audit): a 0-10 recommendation, a count, a comment
//! column of mostly digits, week choices with a note ("Uge 4 (testvalg)"), question codes for
//! headers, SurveyXact code lists of other scales. Each test failed before its fix; the
//! ratings' summary must be the records' own, and every column left out must be told.

use super::records::{Answer, LABELS, QUESTIONS, Record, Spec, generate, label};
use super::{Encoding, Quote, TempDir, csv_text, write};
use crate::{assert_summary, summary};

/// A recommendation 0-10 and a count 1-6 for each record, from its id (deterministic).
fn recommendation(r: &Record) -> String {
    ((r.id * 7) % 11).to_string()
}

fn count(r: &Record) -> String {
    (1 + r.id % 6).to_string()
}

/// Forms saved by Danish Excel ("CSV UTF-8"), with a recommendation 0-10, a count and a 1-10
/// rating whose answers so far are all 5 or less among the questions. Forms writes a rating's
/// number, never a code: a number past 5 is another scale, and so is a question that names
/// one. Before the fix the first two were averaged and their 6-10 refused as "answer codes",
/// and the 1-10 rating was averaged as 1-5 without a word.
#[test]
fn forms_recommendation_and_count_columns_are_left_out_and_told() {
    let dir = TempDir::new("hostile-forms-nps");
    let records = generate(Spec {
        dont_know: [true, true, false],
        ..Spec::new(31)
    });
    let recommend = "Hvor sandsynligt er det, at du vil anbefale VALG til en kollega?";
    let how_many = "Hvor mange fra kommunen deltog i prøvevalget?";
    let overall = "Hvor tilfreds er I samlet set på en skala fra 1 til 10?";
    let mut rows = vec![
        [
            "Id",
            "Starttidspunkt",
            "Tidspunkt for fuldførelse",
            "Mail",
            "Navn",
            "Kommune",
            "Rul",
            "Uge",
        ]
        .into_iter()
        .chain(QUESTIONS)
        .chain([recommend, how_many, overall])
        .map(String::from)
        .collect::<Vec<String>>(),
    ];
    for r in &records {
        let time = |t: chrono::NaiveDateTime| t.format("%-m/%-d/%y %-H:%M:%S").to_string();
        let mut row = vec![
            r.id.to_string(),
            time(r.start),
            time(r.end),
            "anonymous".into(),
            String::new(),
            r.municipality.into(),
            r.wave_name(),
            format!("Uge {}", r.week),
        ];
        row.extend(r.answers[..2].iter().map(|a| label(*a).to_string()));
        row.push(match r.answers[2] {
            Answer::Score(s) => s.to_string(),
            _ => String::new(),
        });
        row.extend([recommendation(r), count(r), (1 + r.id % 5).to_string()]);
        rows.push(row);
    }
    let file = write(
        &dir.path().join("Tilfredshed (UTF-8).csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Utf8Bom,
    );
    let run = summary(&[], &[&file]);
    assert_summary(&run, &records);
    for (column, range) in [(recommend, "(0-10)"), (how_many, "(1-6)"), (overall, "(1-10)")] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(column) && l.contains(range) && l.contains("1-5")),
            "the column left out is told, with its scale:\n{}",
            run.stderr
        );
    }
}

/// Google Forms with the week as the form's choices ("Uge 4 (testvalg)") and a comment column
/// where most comments are a digit: the week reads, the comments are never averaged. Before
/// the fix every answer was "Uden fase" and the comment column was taken for a question.
#[test]
fn google_week_choices_with_a_note_and_comments_of_digits() {
    let dir = TempDir::new("hostile-google-week");
    let records = generate(Spec::new(32));
    let mut header: Vec<String> = ["Tidsstempel", "Kommune", "Rul", "Hvilken uge er I i?"]
        .map(String::from)
        .to_vec();
    header.extend(
        QUESTIONS
            .iter()
            .map(|q| format!("Hvor tilfreds er I med følgende? [{q}]")),
    );
    header.push("Kommentarer".into());
    let mut rows = vec![header];
    for r in &records {
        let note = if r.week >= 4 { "testvalg" } else { "klargøring" };
        let mut row = vec![
            r.end.format("%Y/%m/%d %-I:%M:%S %p GMT+2").to_string(),
            r.municipality.into(),
            r.wave_name(),
            format!("Uge {} ({note})", r.week),
        ];
        row.extend(r.answers.map(|a| label(a).to_string()));
        row.push(["5", "3", "4", "Godt forløb, men 2 timers ventetid"][r.id % 4].into());
        rows.push(row);
    }
    let file = write(
        &dir.path().join("Tjek-in (svar) - Formularsvar 1.csv"),
        &csv_text(&rows, ',', Quote::All, "\r\n"),
        Encoding::Utf8,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}

/// LimeSurvey with question codes for headings: the week question's code (G01Q03) says
/// nothing, its answers "Uge 4" say it; LimeSurvey's timing columns are never questions.
/// Before the fix the weeks were a category and every answer "Uden fase".
#[test]
fn limesurvey_question_codes_with_the_week_in_the_answers() {
    let dir = TempDir::new("hostile-lime-codes");
    let records = generate(Spec {
        dont_know: [false; 3],
        ..Spec::new(33)
    });
    let mut header: Vec<String> = [
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "G01Q01",
        "G01Q02",
        "G01Q03",
    ]
    .map(String::from)
    .to_vec();
    header.extend((1..=3).map(|i| format!("G02Q04[SQ00{i}]")));
    header.extend(["interviewtime", "G01Q01Time", "G02Q04Time"].map(String::from));
    let mut rows = vec![header];
    for r in &records {
        let mut row = vec![
            r.id.to_string(),
            r.end.format("%Y-%m-%d %H:%M:%S").to_string(),
            "2".into(),
            "da".into(),
            (987_654 + r.id).to_string(),
            r.municipality.into(),
            r.wave_name(),
            format!("Uge {}", r.week),
        ];
        row.extend(r.answers.map(|a| match a {
            Answer::Score(s) => s.to_string(),
            _ => String::new(),
        }));
        row.extend([
            format!("{}.21", 95 + r.id % 50),
            (2 + r.id % 4).to_string(),
            (1 + r.id % 5).to_string(),
        ]);
        rows.push(row);
    }
    let text = csv_text(&rows, ',', Quote::All, "\r\n");
    let file = write(&dir.path().join("results-survey123456.csv"), &text, Encoding::Utf8Bom);
    assert_summary(&summary(&[], &[&file]), &records);
}

/// SurveyXact with two more questions whose code lists are other scales: an agreement coded
/// 1-4 without a middle ("Helt uenig" … "Helt enig") and a recommendation coded 0-10. Before
/// the fix the 1-4 agreement was averaged as 1, 2, 4, 5 under "no problems" (a silent wrong
/// mean) and the 0-10 one refused row by row as "Ved ikke" codes.
#[test]
fn surveyxact_code_lists_of_other_scales_are_left_out_and_told() {
    let dir = TempDir::new("hostile-sx-scales");
    let records = generate(Spec::new(34));
    let mut rows: Vec<Vec<String>> = vec![
        [
            "respondentid",
            "closetime",
            "s_1",
            "s_2",
            "s_3",
            "s_4_1",
            "s_4_2",
            "s_4_3",
            "s_6",
            "s_7",
            "statoverall_4",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in &records {
        let mut row = vec![
            (5_000 + r.id).to_string(),
            r.end.format("%d-%m-%Y %H:%M:%S").to_string(),
            r.municipality.into(),
            r.wave.to_string(),
            r.week.to_string(),
        ];
        row.extend(r.answers.map(|a| match a {
            Answer::Score(s) => s.to_string(),
            Answer::DontKnow => "6".into(),
            Answer::Empty => String::new(),
        }));
        row.extend([(1 + r.id % 4).to_string(), recommendation(r), "1".into()]);
        rows.push(row);
    }
    let sx = dir.sub("eksport");
    let dataset = write(
        &sx.join("dataset.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Windows1252,
    );
    let mut labels: Vec<Vec<String>> = vec![];
    let mut add = |variable: &str, code: String, text: &str| labels.push(vec![variable.into(), code, text.into()]);
    for w in 1..=3 {
        add("s_2", w.to_string(), &format!("Rul {w}"));
    }
    for u in 1..=5 {
        add("s_3", u.to_string(), &format!("Uge {u}"));
    }
    for q in 1..=3 {
        for (i, l) in LABELS.iter().enumerate() {
            add(&format!("s_4_{q}"), (i + 1).to_string(), l);
        }
        add(&format!("s_4_{q}"), "6".into(), "Ved ikke");
    }
    for (i, l) in ["Helt uenig", "Uenig", "Enig", "Helt enig"].iter().enumerate() {
        add("s_6", (i + 1).to_string(), l);
    }
    for v in 0..=10 {
        let text = match v {
            0 => "0 - Slet ikke sandsynligt".to_string(),
            10 => "10 - Meget sandsynligt".to_string(),
            v => v.to_string(),
        };
        add("s_7", v.to_string(), &text);
    }
    write(
        &sx.join("labels.csv"),
        &csv_text(&labels, ';', Quote::Needed, "\r\n"),
        Encoding::Windows1252,
    );
    let run = summary(&["--role", "s_1=municipality"], &[&dataset]);
    assert_summary(&run, &records);
    for (column, range) in [("«s_6»", "(1-4)"), ("«s_7»", "(0-10)")] {
        assert!(
            run.stderr.lines().any(|l| l.contains(column) && l.contains(range)),
            "the column left out is told, with its scale:\n{}",
            run.stderr
        );
    }
}

/// Forms with the wave asked as a text field: "Rul 2", "rul 2", "RUL 2", "2", "2. rul" are
/// one wave. Before the fix each spelling was a wave of its own, each mean a part of one.
#[test]
fn a_wave_typed_in_several_spellings_is_one_wave() {
    let dir = TempDir::new("hostile-wave-spelling");
    let records = generate(Spec::new(35));
    let mut header: Vec<String> = [
        "Id",
        "Starttidspunkt",
        "Tidspunkt for fuldførelse",
        "Kommune",
        "Hvilket rul er I med i?",
        "Uge",
    ]
    .map(String::from)
    .to_vec();
    header.extend(QUESTIONS.map(String::from));
    let mut rows = vec![header];
    for r in &records {
        let time = r.end.format("%d-%m-%Y %H:%M").to_string();
        let wave = match r.id % 5 {
            0 => format!("rul {}", r.wave),
            1 => format!("RUL {}", r.wave),
            2 => r.wave.to_string(),
            3 => format!("{}. rul", r.wave),
            _ => r.wave_name(),
        };
        let mut row = vec![
            r.id.to_string(),
            time.clone(),
            time,
            r.municipality.into(),
            wave,
            r.week.to_string(),
        ];
        row.extend(r.answers.map(|a| label(a).to_string()));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("Tjek-in.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Windows1252,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}

/// Forms with the Danish agreement scale of public surveys ("Helt enig", "Delvis enig",
/// "Hverken enig eller uenig", "Delvis uenig", "Helt uenig") and the choice "Ved ikke/ikke
/// relevant". Before the fix "Delvis …" and that "don't know" were unknown answers: every row
/// holding one was refused.
#[test]
fn the_danish_agreement_scale_and_a_dont_know_in_other_words() {
    let dir = TempDir::new("hostile-agreement");
    let records = generate(Spec::new(36));
    let words = [
        "Helt uenig",
        "Delvis uenig",
        "Hverken enig eller uenig",
        "Delvis enig",
        "Helt enig",
    ];
    let mut header: Vec<String> = [
        "Id",
        "Starttidspunkt",
        "Tidspunkt for fuldførelse",
        "Mail",
        "Kommune",
        "Rul",
        "Uge",
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        QUESTIONS
            .iter()
            .map(|q| format!("{q}: VALG-løsningen lever op til vores behov")),
    );
    let mut rows = vec![header];
    for r in &records {
        let time = r.end.format("%-m/%-d/%y %-H:%M:%S").to_string();
        let mut row = vec![
            r.id.to_string(),
            time.clone(),
            time,
            "anonymous".into(),
            r.municipality.into(),
            r.wave_name(),
            format!("Uge {}", r.week),
        ];
        row.extend(r.answers.map(|a| match a {
            Answer::Score(s) => words[usize::from(s) - 1].to_string(),
            Answer::DontKnow => "Ved ikke/ikke relevant".into(),
            Answer::Empty => String::new(),
        }));
        rows.push(row);
    }
    let file = write(
        &dir.path().join("Enighed.csv"),
        &csv_text(&rows, ';', Quote::Needed, "\r\n"),
        Encoding::Windows1252,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}

/// Last week's Forms export and this week's, given together: this week's holds last week's
/// responses again. Before the fix they counted twice without a word; now the user is told
/// which file repeats which, and how many. Two forms whose ids both start at 1 are no repeat.
#[test]
fn an_earlier_export_given_with_a_later_one_is_told() {
    use super::forms::{Form, Lang, write_xlsx};
    let dir = TempDir::new("hostile-cumulative");
    let records = generate(Spec {
        dont_know: [true, true, false],
        ..Spec::new(37)
    });
    let earlier: Vec<Record> = records.iter().filter(|r| r.week <= 3).cloned().collect();
    let old = write_xlsx(&dir.sub("uge3"), &earlier, Lang::Danish, Form::WaveAndWeek);
    let new = write_xlsx(&dir.sub("uge5"), &records, Lang::Danish, Form::WaveAndWeek);
    let run = summary(&[], &[&old, &new]);
    let told = format!("{} besvarelser står også i «{}»", earlier.len(), old.display());
    assert!(run.stderr.contains(&told), "{told}\n{}", run.stderr);
    assert_summary(&summary(&[], &[&new]), &records);
    // Another form (another wave's, say): its ids start at 1 too, at other times.
    let other = generate(Spec {
        dont_know: [true, true, false],
        ..Spec::new(38)
    });
    let other = write_xlsx(&dir.sub("andet"), &other, Lang::Danish, Form::WaveAndWeek);
    let run = summary(&[], &[&new, &other]);
    assert!(!run.stderr.contains("står også i"), "{}", run.stderr);
}
