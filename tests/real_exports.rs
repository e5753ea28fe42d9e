//! Real survey-tool exports, as a programme manager gets them (issue 9): each test writes a
//! fixture in one tool's layout from generated records into a fresh temp directory, runs
//! `valgpuls summary --format json` on it and compares the whole summary with the one computed
//! from the records: means to 1e-9, n and "Ved ikke" counts exactly, wave order and phases.
//! The last tests are the former silent wrong answers: each must now be right, or be refused.

mod exports;

use chrono::Datelike;
use exports::records::{Answer, Record, Spec, generate};
use exports::summary::{differences, expected, to_json};
use exports::{TempDir, forms, google, limesurvey, monkey, surveyxact, write_labels, write_plan};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `valgpuls summary --format json FLAGS... FILES...`
fn summary(flags: &[&str], files: &[&Path]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_valgpuls"))
        .args(["summary", "--format", "json"])
        .args(flags)
        .args(files)
        .output()
        .expect("run valgpuls");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The run succeeded and printed the summary the records call for; else a readable diff.
fn assert_summary(run: &Run, records: &[Record]) {
    let want = expected(records);
    assert_eq!(
        run.code, 0,
        "exit code {}; stderr:\n{}\nstdout:\n{}",
        run.code, run.stderr, run.stdout
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}):\n{}", run.stdout));
    let diff = differences(&json, &want);
    assert!(
        diff.is_empty(),
        "the summary differs from the records' summary:\n  {}\n\nexpected (sd and ci95 not compared):\n{}\n\ngot:\n{}\nstderr:\n{}",
        diff.join("\n  "),
        serde_json::to_string_pretty(&to_json(&want)).expect("json"),
        serde_json::to_string_pretty(&json).expect("json"),
        run.stderr
    );
}

/// Records for a Forms survey: its "Supporten" rating question has no "Ved ikke".
fn forms_records(seed: u64) -> Vec<Record> {
    generate(Spec {
        dont_know: [true, true, false],
        ..Spec::new(seed)
    })
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

// ---- Microsoft Forms -------------------------------------------------------------------------

#[test]
fn forms_xlsx_with_danish_headers() {
    let dir = TempDir::new("forms-da");
    let records = forms_records(1);
    let file = forms::write_xlsx(dir.path(), &records, forms::Lang::Danish, forms::Form::WaveAndWeek);
    assert_summary(&summary(&[], &[&file]), &records);
}

#[test]
fn forms_xlsx_with_english_headers() {
    let dir = TempDir::new("forms-en");
    let records = forms_records(2);
    let file = forms::write_xlsx(dir.path(), &records, forms::Lang::English, forms::Form::WaveAndWeek);
    assert_summary(&summary(&[], &[&file]), &records);
}

#[test]
fn forms_saved_by_danish_excel_as_semicolon_csv_in_windows_1252() {
    let dir = TempDir::new("forms-1252");
    let records = forms_records(3);
    let file = forms::write_excel_csv(
        dir.path(),
        &records,
        forms::Lang::Danish,
        forms::Form::WaveAndWeek,
        exports::Encoding::Windows1252,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}

#[test]
fn forms_saved_by_danish_excel_as_csv_utf8() {
    let dir = TempDir::new("forms-utf8");
    let records = forms_records(4);
    let file = forms::write_excel_csv(
        dir.path(),
        &records,
        forms::Lang::English,
        forms::Form::WaveAndWeek,
        exports::Encoding::Utf8Bom,
    );
    assert_summary(&summary(&[], &[&file]), &records);
}

#[test]
fn forms_without_wave_and_week_questions_takes_both_from_the_plan() {
    let dir = TempDir::new("forms-plan");
    let records = forms_records(5);
    let file = forms::write_xlsx(dir.path(), &records, forms::Lang::Danish, forms::Form::Plain);
    let plan = write_plan(dir.path(), true);
    assert_summary(&summary(&["--plan", path_str(&plan)], &[&file]), &records);
}

// ---- SurveyXact ------------------------------------------------------------------------------

fn surveyxact_records(seed: u64) -> Vec<Record> {
    generate(Spec {
        partial_percent: 10,
        ..Spec::new(seed)
    })
}

#[test]
fn surveyxact_dataset_csv_given_alone_uses_labels_and_structure_beside_it() {
    let dir = TempDir::new("sx-alone");
    let records = surveyxact_records(6);
    let folder = surveyxact::write_folder(dir.path(), &records, surveyxact::Variant::Semicolon1252, true, true);
    assert_summary(&summary(&[], &[&folder.dataset]), &records);
}

#[test]
fn surveyxact_three_files_given_together_in_any_order() {
    let dir = TempDir::new("sx-three");
    let records = surveyxact_records(7);
    let folder = surveyxact::write_folder(dir.path(), &records, surveyxact::Variant::Semicolon1252, true, true);
    let (labels, structure) = (
        folder.labels.expect("labels.csv"),
        folder.structure.expect("structure.csv"),
    );
    assert_summary(&summary(&[], &[&structure, &labels, &folder.dataset]), &records);
    assert_summary(&summary(&[], &[&labels, &folder.dataset, &structure]), &records);
}

#[test]
fn surveyxact_tab_separated_utf16_export_with_short_variable_names() {
    let dir = TempDir::new("sx-utf16");
    let records = surveyxact_records(8);
    let folder = surveyxact::write_folder(dir.path(), &records, surveyxact::Variant::TabUtf16, true, true);
    assert_summary(&summary(&[], &[&folder.dataset]), &records);
}

#[test]
fn surveyxact_excel_export_with_labels_dataset_and_structure_sheets() {
    let dir = TempDir::new("sx-xlsx");
    let records = surveyxact_records(9);
    let file = surveyxact::write_xlsx(dir.path(), &records);
    assert_summary(&summary(&[], &[&file]), &records);
}

// ---- SurveyMonkey ----------------------------------------------------------------------------

#[test]
fn surveymonkey_csv_with_two_header_rows() {
    let dir = TempDir::new("monkey-csv");
    let records = generate(Spec::new(10));
    let file = monkey::write_csv(dir.path(), &records);
    assert_summary(&summary(&[], &[&file]), &records);
}

#[test]
fn surveymonkey_xlsx_with_two_header_rows() {
    let dir = TempDir::new("monkey-xlsx");
    let records = generate(Spec::new(11));
    let file = monkey::write_xlsx(dir.path(), &records);
    assert_summary(&summary(&[], &[&file]), &records);
}

// ---- LimeSurvey ------------------------------------------------------------------------------

/// Records for a LimeSurvey survey: its 5-point array has no "Ved ikke".
fn limesurvey_records(seed: u64, partial_percent: u64) -> Vec<Record> {
    generate(Spec {
        dont_know: [false; 3],
        partial_percent,
        ..Spec::new(seed)
    })
}

#[test]
fn limesurvey_full_question_texts_and_full_answers() {
    let dir = TempDir::new("lime-full");
    let records = limesurvey_records(12, 0);
    let file = limesurvey::write_csv(dir.path(), &records, limesurvey::Headings::FullText);
    assert_summary(&summary(&[], &[&file]), &records);
}

#[test]
fn limesurvey_question_codes_and_answer_codes_with_a_labels_file() {
    let dir = TempDir::new("lime-codes");
    let records = limesurvey_records(13, 0);
    let file = limesurvey::write_csv(dir.path(), &records, limesurvey::Headings::Codes);
    let labels = write_labels(&dir.path().join("svarkoder.csv"), &limesurvey::code_labels());
    assert_summary(&summary(&["--labels", path_str(&labels)], &[&file]), &records);
}

// ---- Google Forms ----------------------------------------------------------------------------

#[test]
fn google_forms_csv_with_tidsstempel_takes_the_week_from_the_plan() {
    let dir = TempDir::new("google-da");
    let records = generate(Spec::new(14));
    let file = google::write_csv(dir.path(), &records, google::Lang::Danish);
    let plan = write_plan(dir.path(), false);
    assert_summary(&summary(&["--plan", path_str(&plan)], &[&file]), &records);
}

#[test]
fn google_forms_csv_with_timestamp_takes_the_week_from_the_plan() {
    let dir = TempDir::new("google-en");
    let records = generate(Spec::new(15));
    let file = google::write_csv(dir.path(), &records, google::Lang::English);
    let plan = write_plan(dir.path(), false);
    assert_summary(&summary(&["--plan", path_str(&plan)], &[&file]), &records);
}

// ---- Former silent wrong answers -------------------------------------------------------------

#[test]
fn a_last_page_column_is_never_averaged() {
    let dir = TempDir::new("lime-lastpage");
    // Completed responses only: "Last page" is 3 in every row, a constant on the scale.
    let records = limesurvey_records(16, 0);
    let file = limesurvey::write_csv(dir.path(), &records, limesurvey::Headings::FullText);
    assert_summary(&summary(&[], &[&file]), &records);
    let check = Command::new(env!("CARGO_BIN_EXE_valgpuls"))
        .arg("check")
        .arg(&file)
        .output()
        .expect("run check");
    let out = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        check.status.code(),
        Some(0),
        "check:\n{out}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        out.contains("Last page"),
        "check lists every column with its role:\n{out}"
    );
    // All responses, incomplete ones too: lastpage is 1, 2 or 3, not even constant.
    let records = limesurvey_records(17, 20);
    assert!(
        records.iter().any(|r| r.partial),
        "the records hold incomplete responses"
    );
    let file = limesurvey::write_csv(&dir.sub("alle"), &records, limesurvey::Headings::Codes);
    let labels = write_labels(&dir.path().join("svarkoder.csv"), &limesurvey::code_labels());
    assert_summary(&summary(&["--labels", path_str(&labels)], &[&file]), &records);
}

/// dataset.csv mailed on its own: no labels.csv, no structure.csv. The user gives the wave and
/// week codes and the roles of the question-named columns; the system columns are known by name.
fn surveyxact_alone(dir: &TempDir, records: &[Record]) -> (PathBuf, Vec<String>) {
    let folder = surveyxact::write_folder(
        &dir.sub("eksport"),
        records,
        surveyxact::Variant::Semicolon1252,
        false,
        false,
    );
    let labels = write_labels(&dir.path().join("rul-og-uge.csv"), &surveyxact::wave_week_labels());
    let flags = vec![
        "--labels".to_string(),
        path_str(&labels).to_string(),
        "--role".into(),
        "s_1=municipality".into(),
        "--role".into(),
        "s_2=wave".into(),
        "--role".into(),
        "s_3=week".into(),
        "--role".into(),
        "starttime=date".into(),
    ];
    (folder.dataset, flags)
}

#[test]
fn surveyxact_status_and_session_columns_are_never_averaged() {
    let dir = TempDir::new("sx-status");
    // No "Ved ikke" (no code 6): every number left in the file that is not an answer is a
    // system column: the 0/1 status dummies (statcompletion_1 is 1 in every completed row) and
    // responsecollectsessions, 1-4 like scores.
    let records = generate(Spec {
        dont_know: [false; 3],
        partial_percent: 10,
        ..Spec::new(18)
    });
    let (dataset, flags) = surveyxact_alone(&dir, &records);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    assert_summary(&summary(&flags, &[&dataset]), &records);
}

#[test]
fn ambiguous_us_dates_are_refused_then_read_as_told() {
    let dir = TempDir::new("forms-ambiguous");
    // Every answer on a day 1-12, so `8/5/24` reads as 5 August and as 8 May alike; the form
    // has no week question, so the date decides the phase.
    let records = generate(Spec {
        dont_know: [true, true, false],
        max_day: 12,
        ..Spec::new(19)
    });
    assert!(records.iter().all(|r| r.start.day() <= 12 && r.end.day() <= 12));
    let file = forms::write_excel_csv(
        dir.path(),
        &records,
        forms::Lang::Danish,
        forms::Form::Plain,
        exports::Encoding::Windows1252,
    );
    let plan = write_plan(dir.path(), true);
    let run = summary(&["--plan", path_str(&plan)], &[&file]);
    assert_eq!(
        run.code, 1,
        "day-first or month-first cannot be told here; stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let headers = forms::time_headers(forms::Lang::Danish);
    assert!(
        headers.iter().any(|h| run.stderr.contains(h)),
        "the message names the date column:\n{}",
        run.stderr
    );
    let says_why = [
        "--date-order",
        "tvetydig",
        "ambiguous",
        "dag og måned",
        "day and month",
        "måned først",
    ];
    assert!(
        says_why.iter().any(|w| run.stderr.contains(w)),
        "the message says the order is ambiguous:\n{}",
        run.stderr
    );
    let run = summary(&["--plan", path_str(&plan), "--date-order", "mdy"], &[&file]);
    assert_summary(&run, &records);
}

#[test]
fn surveyxact_code_6_without_labels_asks_for_dont_know() {
    let dir = TempDir::new("sx-code6");
    let records = generate(Spec::new(20));
    assert!(
        records.iter().any(|r| r.answers.contains(&Answer::DontKnow)),
        "the file holds code 6"
    );
    let (dataset, flags) = surveyxact_alone(&dir, &records);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let run = summary(&flags, &[&dataset]);
    assert_eq!(
        run.code, 1,
        "«6» is no score; stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr.contains("«6»") && run.stderr.contains("--dont-know 6"),
        "{}",
        run.stderr
    );
    let with_flag: Vec<&str> = flags.iter().copied().chain(["--dont-know", "6"]).collect();
    assert_summary(&summary(&with_flag, &[&dataset]), &records);
}
