//! One file of the import review: the encoding, separator, decimal mark, layout, dates, each
//! column's role (changeable), what it is used for and why, the answer labels and the first
//! rows.

use eframe::egui;

use super::Command;
use super::import_view::plural;
use super::review::{ColumnUse, FileSummary, file_name};
use crate::import::{ColumnReport, FileReport, Layout, Role};
use crate::locale::Lang;

/// Question texts from a structure file can be paragraphs: the table shows the start.
const QUESTION_TEXT_SHOWN: usize = 70;

#[must_use = "the command must reach App::apply"]
pub fn ui(ui: &mut egui::Ui, report: &FileReport, columns: &FileSummary, index: usize, lang: Lang) -> Option<Command> {
    let mut command = None;
    ui.strong(&report.file);
    facts_ui(ui, report, columns.dates_asked, index, lang);
    if !report.columns.is_empty() {
        ui.add_space(6.0);
        ui.strong(lang.pick("Kolonner", "Columns"));
        let (averaged, left_out) = (columns.averaged, columns.left_out.len());
        ui.label(match lang {
            Lang::Da => format!(
                "{averaged} {} med svar indgår i gennemsnittet; {left_out} er udeladt.",
                plural(averaged, "kolonne", "kolonner"),
            ),
            Lang::En => format!(
                "{averaged} {} of answers {} averaged; {left_out} {} left out.",
                plural(averaged, "column", "columns"),
                plural(averaged, "is", "are"),
                plural(left_out, "is", "are"),
            ),
        });
        if let Some(chosen) = columns_ui(ui, report, &columns.used, ("used", index), lang) {
            command = Some(chosen);
        }
        if left_out > 0 {
            let title = match lang {
                Lang::Da => format!("Udeladte kolonner ({left_out})"),
                Lang::En => format!("Columns left out ({left_out})"),
            };
            // A tool's system columns are dozens: open only when they are few.
            let open = egui::CollapsingHeader::new(title)
                .id_salt(("left_out", index))
                .default_open(left_out <= 8)
                .show(ui, |ui| {
                    columns_ui(ui, report, &columns.left_out, ("left_out", index), lang)
                });
            if let Some(chosen) = open.body_returned.flatten() {
                command = Some(chosen);
            }
        }
    }
    if !report.labels.is_empty() {
        ui.add_space(6.0);
        ui.strong(lang.pick("Svarmuligheder fundet", "Answer labels found"));
        egui::Grid::new(("labels", index)).num_columns(2).show(ui, |ui| {
            for (label, value) in &report.labels {
                ui.label(label);
                ui.label(value.map_or_else(
                    || {
                        lang.pick("ved ikke (tæller ikke med)", "don't know (not averaged)")
                            .to_string()
                    },
                    |v| lang.number(v, 0),
                ));
                ui.end_row();
            }
        });
    }
    if !report.preview.is_empty() {
        ui.add_space(6.0);
        ui.strong(lang.pick("De første rækker", "The first rows"));
        egui::ScrollArea::horizontal()
            .id_salt(("preview", index))
            .show(ui, |ui| {
                egui::Grid::new(("preview_grid", index)).striped(true).show(ui, |ui| {
                    for (row_index, row) in report.preview.iter().enumerate() {
                        for cell in row {
                            if row_index == 0 {
                                ui.strong(cell);
                            } else {
                                ui.label(cell);
                            }
                        }
                        ui.end_row();
                    }
                });
            });
    }
    command
}

fn facts_ui(ui: &mut egui::Ui, report: &FileReport, dates_asked: bool, index: usize, lang: Lang) {
    let mut facts = format_facts(report, lang);
    if let Some(date) = &report.date {
        facts.push((lang.pick("Datoer", "Dates"), date_fact(date, dates_asked, lang)));
    }
    facts.extend(count_facts(report, lang));
    egui::Grid::new(("file_facts", index)).num_columns(2).show(ui, |ui| {
        for (name, value) in facts {
            ui.label(name);
            ui.label(value);
            ui.end_row();
        }
    });
}

/// How the file is written: the tool, the sheet (or encoding and separator), decimal mark,
/// layout, the files used with it.
fn format_facts(report: &FileReport, lang: Lang) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    if let Some(tool) = report.tool {
        facts.push((lang.pick("Eksport fra", "Exported by"), tool.name().to_string()));
    }
    if let Some(sheet) = &report.sheet {
        facts.push((lang.pick("Ark", "Sheet"), sheet.clone()));
    } else {
        let encoding = report
            .encoding
            .map_or_else(|| "–".to_string(), |e| e.label().to_string());
        facts.push((lang.pick("Tegnsæt", "Encoding"), encoding));
        facts.push((
            lang.pick("Skilletegn", "Separator"),
            separator_name(report.separator, lang),
        ));
    }
    facts.push((
        lang.pick("Decimaltegn", "Decimal mark"),
        decimal_name(report.decimal_commas, report.decimal_points, lang),
    ));
    let layout = match report.layout {
        Some(Layout::Wide) => lang.pick("bred (én kolonne pr. spørgsmål)", "wide (one column per question)"),
        Some(Layout::Long) => lang.pick(
            "lang (spørgsmål- og score-kolonne)",
            "long (question and score columns)",
        ),
        None => "–",
    };
    facts.push((lang.pick("Format", "Layout"), layout.to_string()));
    if !report.companions.is_empty() {
        let names: Vec<String> = report.companions.iter().map(|c| file_name(c)).collect();
        facts.push((lang.pick("Brugt sammen med", "Used with"), names.join(", ")));
    }
    facts
}

/// The date column and its day-month order.
fn date_fact(date: &crate::import::DateReport, dates_asked: bool, lang: Lang) -> String {
    let order = match date.order {
        Some(crate::dates::DateOrder::DayFirst) => lang.pick("dagen først", "day first"),
        Some(crate::dates::DateOrder::MonthFirst) => lang.pick("måneden først", "month first"),
        None if dates_asked => lang.pick(
            "rækkefølgen er ikke afgjort (se ovenfor)",
            "the order is not settled (see above)",
        ),
        None => lang.pick("kan kun læses på én måde", "read only one way"),
    };
    let column = match lang {
        Lang::Da => format!("«{}»", date.column),
        Lang::En => format!("“{}”", date.column),
    };
    format!("{column}: {order}")
}

/// Rows read, answers, "don't know"s, rejected rows, weeks outside the scheme.
fn count_facts(report: &FileReport, lang: Lang) -> Vec<(&'static str, String)> {
    let count = |n: usize| lang.count(n as u64);
    let mut facts = vec![
        (lang.pick("Rækker læst", "Rows read"), count(report.rows_read)),
        (lang.pick("Svar", "Answers"), count(report.answers)),
        (lang.pick("Ved ikke", "Don't know"), count(report.dont_know)),
        (
            lang.pick("Afviste rækker", "Rejected rows"),
            count(report.rows_rejected),
        ),
    ];
    if report.weeks_outside_scheme > 0 {
        facts.push((
            lang.pick("Uger uden for uge 1-5", "Weeks outside weeks 1-5"),
            count(report.weeks_outside_scheme),
        ));
    }
    facts
}

/// What a column is used for, in words.
fn use_text(column: &ColumnReport, lang: Lang) -> &'static str {
    match (ColumnUse::of(column.role), column.role) {
        (ColumnUse::Averaged, _) => lang.pick("indgår i gennemsnittet", "averaged"),
        (ColumnUse::Groups, Role::Date) => lang.pick("giver svarenes dato", "dates the answers"),
        (ColumnUse::Groups, _) => lang.pick("inddeler svarene", "groups the answers"),
        (ColumnUse::Comments, _) => lang.pick("vises under Kommentarer", "shown under Comments"),
        (ColumnUse::LeftOut, Role::Category) => lang.pick(
            "udeladt af gennemsnittet; kan bruges i Krydstabel",
            "left out of the mean; usable in Crosstab",
        ),
        (ColumnUse::LeftOut, _) => lang.pick("udeladt", "left out"),
    }
}

/// A column's header, and under it the start of its question text when a structure file
/// gives one. Labels do not wrap: a grid cell is as narrow as its widest row, and "Kommune"
/// would break inside the word.
fn column_name_ui(ui: &mut egui::Ui, column: &ColumnReport) -> egui::Response {
    let Some(text) = &column.text else {
        return ui.add(egui::Label::new(&column.header).extend());
    };
    ui.vertical(|ui| {
        let header = ui.add(egui::Label::new(&column.header).extend());
        let shown: String = text.chars().take(QUESTION_TEXT_SHOWN).collect();
        let shown = if shown.len() < text.len() {
            format!("{shown}…")
        } else {
            shown
        };
        ui.add(egui::Label::new(egui::RichText::new(shown).weak()).extend())
            .on_hover_text(text);
        header
    })
    .inner
}

/// Each column: its header (and question text), its role (changeable), what it is used for
/// and why.
#[must_use = "the command must reach App::apply"]
fn columns_ui(
    ui: &mut egui::Ui,
    report: &FileReport,
    shown: &[usize],
    grid: (&str, usize),
    lang: Lang,
) -> Option<Command> {
    let mut command = None;
    let file = grid.1;
    egui::Grid::new(grid)
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Kolonne", "Column"));
            ui.strong(lang.pick("Rolle", "Role"));
            ui.strong(lang.pick("Bruges", "Used"));
            ui.strong(lang.pick("Hvorfor", "Why"));
            ui.end_row();
            for &column_index in shown {
                let Some(column) = report.columns.get(column_index) else {
                    continue;
                };
                let header = column_name_ui(ui, column);
                let mut role = column.role;
                egui::ComboBox::from_id_salt(("role", file, column_index))
                    .selected_text(role.label(lang))
                    .show_ui(ui, |ui| {
                        for choice in Role::ALL {
                            ui.selectable_value(&mut role, choice, choice.label(lang));
                        }
                    })
                    .response
                    .labelled_by(header.id);
                if role != column.role {
                    command = Some(Command::SetRole {
                        header: column.header.clone(),
                        role,
                    });
                }
                let used = use_text(column, lang);
                if ColumnUse::of(column.role) == ColumnUse::Averaged {
                    ui.strong(used);
                } else {
                    ui.label(used);
                }
                ui.weak(column.reason.describe(lang));
                ui.end_row();
            }
        });
    command
}

fn separator_name(separator: Option<char>, lang: Lang) -> String {
    match separator {
        Some(';') => lang.pick("semikolon ( ; )", "semicolon ( ; )").to_string(),
        Some(',') => lang.pick("komma ( , )", "comma ( , )").to_string(),
        Some('\t') => lang.pick("tabulator", "tab").to_string(),
        Some('|') => lang.pick("lodret streg ( | )", "pipe ( | )").to_string(),
        Some(other) => format!("«{other}»"),
        None => "–".to_string(),
    }
}

fn decimal_name(commas: usize, points: usize, lang: Lang) -> String {
    match (commas, points) {
        (0, 0) => lang.pick("ingen decimaltal", "no decimal numbers").to_string(),
        (_, 0) => lang.pick("komma (3,5)", "comma (3,5)").to_string(),
        (0, _) => lang.pick("punktum (3.5)", "point (3.5)").to_string(),
        (c, p) => format!(
            "{c} {} / {p} {}",
            lang.pick("med komma", "with comma"),
            lang.pick("med punktum", "with point")
        ),
    }
}
