//! The left panel: the one set of filters every view follows. An empty list means "all", so
//! the checkboxes of a list start all ticked.

use eframe::egui;

use super::{Command, Settings};
use crate::analysis::Filter;
use crate::dataset::Dataset;
use crate::import::values::parse_date;
use crate::locale::Lang;

/// The date fields as typed: a half-typed date must survive between frames without being
/// a filter yet.
#[derive(Clone, Debug, Default)]
pub struct DateTexts {
    pub from: String,
    pub to: String,
}

impl DateTexts {
    pub fn from_filter(filter: &Filter, lang: Lang) -> DateTexts {
        let text = |date: Option<chrono::NaiveDate>| date.map(|d| lang.date(d)).unwrap_or_default();
        DateTexts {
            from: text(filter.date_from),
            to: text(filter.date_to),
        }
    }
}

/// `municipality_search` narrows the long municipality list (98 kommuner and 5 regions).
#[must_use = "the command must reach App::apply"]
pub fn ui(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    settings: &Settings,
    dates: &mut DateTexts,
    municipality_search: &mut String,
) -> Option<Command> {
    let lang = settings.lang;
    let current = &settings.analysis.filter;
    let mut filter = current.clone();
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading(lang.pick("Filtre", "Filters"));
        if !current.is_empty() && ui.button(lang.pick("Nulstil", "Reset")).clicked() {
            filter = Filter::default();
        }
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        value_list_ui(
            ui,
            lang.pick("Rul", "Wave"),
            &dataset.waves,
            &mut filter.waves,
            lang,
            true,
            None,
        );
        value_list_ui(
            ui,
            lang.pick("Fase", "Phase"),
            &dataset.phases,
            &mut filter.phases,
            lang,
            true,
            None,
        );
        value_list_ui(
            ui,
            lang.pick("Spørgsmål", "Question"),
            &dataset.questions,
            &mut filter.questions,
            lang,
            true,
            None,
        );
        value_list_ui(
            ui,
            lang.pick("Kommune", "Municipality"),
            &dataset.municipalities,
            &mut filter.municipalities,
            lang,
            false,
            Some(municipality_search),
        );
        if dataset.has_dates() {
            date_range_ui(ui, lang, dates, &mut filter);
        }
    });
    (filter != *current).then_some(Command::SetFilter(filter))
}

/// Checkboxes for the values of one column; `chosen` empty means all. Each box's context menu
/// has "only this"; with a search field, the list narrows and "only these" picks the matches.
fn value_list_ui(
    ui: &mut egui::Ui,
    title: &str,
    values: &[String],
    chosen: &mut Vec<String>,
    lang: Lang,
    open: bool,
    search: Option<&mut String>,
) {
    if values.is_empty() {
        return;
    }
    let heading = if chosen.is_empty() {
        format!("{title} ({})", lang.pick("alle", "all"))
    } else {
        format!("{title} ({}/{})", chosen.len(), values.len())
    };
    egui::CollapsingHeader::new(heading)
        .id_salt(title)
        .default_open(open)
        .show(ui, |ui| {
            let mut needle = String::new();
            if let Some(search) = search {
                let label = ui.label(lang.pick("Søg:", "Search:"));
                ui.add(egui::TextEdit::singleline(search).desired_width(160.0))
                    .labelled_by(label.id);
                needle = search.trim().to_lowercase();
            }
            let shown: Vec<&String> = values
                .iter()
                .filter(|v| needle.is_empty() || v.to_lowercase().contains(&needle))
                .collect();
            if !needle.is_empty() && !shown.is_empty() {
                let only_these = format!("{} ({})", lang.pick("Vælg kun disse", "Choose only these"), shown.len());
                if ui.button(only_these).clicked() {
                    *chosen = shown.iter().map(|v| (*v).clone()).collect();
                    if chosen.len() == values.len() {
                        chosen.clear();
                    }
                }
            }
            for value in shown {
                let mut ticked = chosen.is_empty() || chosen.contains(value);
                let response = ui.checkbox(&mut ticked, lang.data_value(value));
                if response.changed() {
                    toggle(values, chosen, value, ticked);
                }
                response.context_menu(|ui| {
                    if ui.button(lang.pick("Kun denne", "Only this")).clicked() {
                        *chosen = if values.len() == 1 {
                            Vec::new()
                        } else {
                            vec![value.clone()]
                        };
                        ui.close();
                    }
                });
            }
        });
}

fn toggle(values: &[String], chosen: &mut Vec<String>, value: &str, ticked: bool) {
    if chosen.is_empty() {
        // "All" becomes an explicit list the moment one value is taken out.
        *chosen = values.to_vec();
    }
    if ticked {
        if !chosen.iter().any(|v| v == value) {
            chosen.push(value.to_string());
        }
    } else {
        chosen.retain(|v| v != value);
    }
    // Keep the data's order, and go back to "all" when everything is ticked again.
    chosen.sort_by_key(|v| values.iter().position(|known| known == v));
    if chosen.len() == values.len() {
        chosen.clear();
    }
}

fn date_range_ui(ui: &mut egui::Ui, lang: Lang, dates: &mut DateTexts, filter: &mut Filter) {
    egui::CollapsingHeader::new(lang.pick("Periode", "Date range"))
        .default_open(true)
        .show(ui, |ui| {
            if ui
                .button(lang.pick("Denne uge", "This week"))
                .on_hover_text(lang.pick(
                    "Mandag til søndag i den uge, det er i dag",
                    "Monday to Sunday of today's week",
                ))
                .clicked()
            {
                let (monday, sunday) = this_week(today());
                filter.date_from = Some(monday);
                filter.date_to = Some(sunday);
            }
            egui::Grid::new("date_range").num_columns(2).show(ui, |ui| {
                let from = ui.label(lang.pick("Fra", "From"));
                date_field_ui(ui, &mut dates.from, &mut filter.date_from, lang, from.id);
                ui.end_row();
                let to = ui.label(lang.pick("Til", "To"));
                date_field_ui(ui, &mut dates.to, &mut filter.date_to, lang, to.id);
                ui.end_row();
            });
        });
}

/// Today's date from the system clock (UTC; a week boundary an hour off at midnight is no
/// matter for a week's filter).
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    i32::try_from(days)
        .ok()
        .and_then(crate::dates::date_from_days)
        .unwrap_or_default()
}

/// The Monday and Sunday of the (ISO) week holding `day`.
pub fn this_week(day: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
    use chrono::Datelike;
    let back = u64::from(day.weekday().num_days_from_monday());
    let monday = day.checked_sub_days(chrono::Days::new(back)).unwrap_or(day);
    let sunday = monday.checked_add_days(chrono::Days::new(6)).unwrap_or(monday);
    (monday, sunday)
}

fn date_field_ui(
    ui: &mut egui::Ui,
    text: &mut String,
    date: &mut Option<chrono::NaiveDate>,
    lang: Lang,
    label: egui::Id,
) {
    let parsed = parse_date(text.trim());
    let valid = text.trim().is_empty() || parsed.is_some();
    let mut edit = egui::TextEdit::singleline(text)
        .desired_width(110.0)
        .hint_text(lang.pick("dd-mm-åååå", "dd-mm-yyyy"));
    if !valid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit).labelled_by(label);
    // Only a finished edit becomes a filter: each keystroke would be an analysis.
    if response.lost_focus() {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            *date = None;
        } else if let Some(parsed) = parse_date(trimmed) {
            *date = Some(parsed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::this_week;
    use chrono::NaiveDate;

    #[test]
    fn this_week_runs_monday_to_sunday() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 11, d).unwrap();
        let wednesday = day(27);
        assert_eq!(
            this_week(wednesday),
            (day(25), NaiveDate::from_ymd_opt(2024, 12, 1).unwrap())
        );
        assert_eq!(this_week(day(25)).0, day(25));
        assert_eq!(this_week(NaiveDate::from_ymd_opt(2024, 12, 1).unwrap()).0, day(25));
    }
}
