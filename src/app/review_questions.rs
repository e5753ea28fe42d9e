//! The part of the import review that asks what the files cannot hold (the day-month order
//! of dates, what a code past the scale means, the rollout plan), each asked once with the
//! answers as buttons.

use chrono::{Datelike, NaiveDate};
use eframe::egui;

use super::Command;
use super::review::{PlanNeed, Question, Review};
use crate::dates::DateOrder;
use crate::import::Tool;
use crate::locale::Lang;

const DANISH_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date written out, so that day and month cannot be mixed up: "5. august 2024".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let month = usize::try_from(date.month0())
                .ok()
                .and_then(|m| DANISH_MONTHS.get(m))
                .copied()
                .unwrap_or_default();
            format!("{}. {month} {}", date.day(), date.year())
        }
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

fn quote(item: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("«{item}»"),
        Lang::En => format!("“{item}”"),
    }
}

/// «a», «b» og «c» (or “a”, “b” and “c”).
fn quoted(items: &[String], lang: Lang) -> String {
    let mut quoted: Vec<String> = items.iter().map(|item| quote(item, lang)).collect();
    let last = quoted.pop().unwrap_or_default();
    if quoted.is_empty() {
        return last;
    }
    format!("{} {} {last}", quoted.join(", "), lang.pick("og", "and"))
}

#[must_use = "the command must reach App::apply"]
pub fn ui(ui: &mut egui::Ui, review: &Review, lang: Lang) -> Option<Command> {
    let mut command = None;
    if !review.questions.is_empty() {
        ui.heading(lang.pick("Det skal du tage stilling til", "What you need to decide"));
        for question in &review.questions {
            if let Some(chosen) = framed(ui, |ui| question_ui(ui, question, lang)) {
                command = Some(chosen);
            }
        }
    }
    command
}

/// A box around one question, as wide as the review less its margins, its border and the
/// scroll bar (which floats over the content and would hide the right edge).
pub(super) fn framed<R>(ui: &mut egui::Ui, content: impl FnOnce(&mut egui::Ui) -> R) -> R {
    const MARGIN: f32 = 10.0;
    let scroll = &ui.spacing().scroll;
    let scroll_bar = scroll.bar_width + scroll.bar_outer_margin;
    let inner_width = ui.available_width() - 2.0 * MARGIN - 4.0 - scroll_bar;
    egui::Frame::group(ui.style())
        .inner_margin(MARGIN)
        .show(ui, |ui| {
            ui.set_width(inner_width);
            content(ui)
        })
        .inner
}

#[must_use = "the command must reach App::apply"]
fn question_ui(ui: &mut egui::Ui, question: &Question, lang: Lang) -> Option<Command> {
    match question {
        Question::DateOrder {
            columns,
            example,
            day_first,
            month_first,
            needed,
        } => {
            let dates = ExampleDates {
                example,
                day_first: *day_first,
                month_first: *month_first,
            };
            date_order_ui(ui, columns, &dates, *needed, lang)
        }
        Question::ConflictingDates {
            column,
            day_first,
            month_first,
            needed,
        } => conflicting_dates_ui(ui, column, [day_first, month_first], *needed, lang),
        Question::Code {
            value,
            columns,
            rows,
            tool,
        } => code_ui(ui, value, columns, *rows, *tool, lang),
        Question::Plan { needs } => plan_ui(ui, needs, lang),
    }
}

/// A question's heading, what the files show, and what it means until it is answered.
fn asked(ui: &mut egui::Ui, heading: String, texts: &[&str]) {
    ui.strong(heading);
    for text in texts {
        ui.label(*text);
    }
}

/// A date that reads both ways, and what it is with the day first and with the month first.
struct ExampleDates<'a> {
    example: &'a str,
    day_first: Option<NaiveDate>,
    month_first: Option<NaiveDate>,
}

#[must_use = "the command must reach App::apply"]
fn date_order_ui(
    ui: &mut egui::Ui,
    columns: &[String],
    dates: &ExampleDates,
    needed: bool,
    lang: Lang,
) -> Option<Command> {
    let example = dates.example;
    let heading = format!(
        "{} {}?",
        lang.pick("Står dagen eller måneden først i", "Is the day or the month first in"),
        quoted(columns, lang)
    );
    let shown = match lang {
        Lang::Da => format!(
            "En dato som «{example}» kan læses med dagen først eller med måneden først, og ingen dag over 12 i kolonnen afgør det."
        ),
        Lang::En => format!(
            "A date such as “{example}” reads with the day first or with the month first, and no day above 12 in the column settles it."
        ),
    };
    let meanwhile = if needed {
        lang.pick(
            "Ugerne regnes ud fra datoerne, så filen kan ikke bruges, før du har valgt.",
            "The weeks come from the dates, so the file cannot be used until you choose.",
        )
    } else {
        lang.pick(
            "Indtil du vælger, bruges datoerne ikke (svarene bruges).",
            "Until you choose, the dates are not used (the answers are).",
        )
    };
    asked(ui, heading, &[&shown, meanwhile]);
    order_buttons(ui, [(example, dates.day_first), (example, dates.month_first)], lang)
}

/// "Dag først" and "Måned først", each with what its example date is read as in that order.
#[must_use = "the command must reach App::apply"]
fn order_buttons(
    ui: &mut egui::Ui,
    [day_first, month_first]: [(&str, Option<NaiveDate>); 2],
    lang: Lang,
) -> Option<Command> {
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        let choices = [
            (DateOrder::DayFirst, lang.pick("Dag først", "Day first"), day_first),
            (
                DateOrder::MonthFirst,
                lang.pick("Måned først", "Month first"),
                month_first,
            ),
        ];
        for (order, name, (example, date)) in choices {
            let text = match date {
                Some(date) => format!("{name}: {example} = {}", long_date(date, lang)),
                None => name.to_string(),
            };
            if ui.button(text).clicked() {
                command = Some(Command::SetDateOrder(order));
            }
        }
    });
    command
}

/// Dates that only read day first beside dates that only read month first: the user may
/// still choose the order most of the file is in (as `--date-order` does); the dates that do
/// not fit it are then told row by row.
#[must_use = "the command must reach App::apply"]
fn conflicting_dates_ui(
    ui: &mut egui::Ui,
    column: &str,
    [day_first, month_first]: [&String; 2],
    needed: bool,
    lang: Lang,
) -> Option<Command> {
    let heading = match lang {
        Lang::Da => format!("Datoerne i «{column}» står i to rækkefølger"),
        Lang::En => format!("The dates in “{column}” are in two orders"),
    };
    let shown = match lang {
        Lang::Da => format!(
            "«{day_first}» kan kun have dagen først, «{month_first}» kun måneden først, så ingen rækkefølge læser dem alle."
        ),
        Lang::En => format!(
            "“{day_first}” can only have the day first, “{month_first}” only the month first, so no order reads them all."
        ),
    };
    let meanwhile = if needed {
        lang.pick(
            "Ugerne regnes ud fra datoerne: vælg den rækkefølge, de fleste datoer står i (de andre afvises række for række), ret datoerne i filen, eller giv kolonnen en anden rolle herunder.",
            "The weeks come from the dates: choose the order most dates are in (the others are refused row by row), correct the dates in the file, or give the column another role below.",
        )
    } else {
        lang.pick(
            "Indtil du vælger, bruges datoerne ikke; svarene bruges. Vælger du en rækkefølge, nævnes de datoer, der ikke passer, række for række.",
            "Until you choose, the dates are not used; the answers are. Choose an order and the dates that do not fit it are told row by row.",
        )
    };
    asked(ui, heading, &[&shown, meanwhile]);
    let read = |text: &str, order| crate::dates::parse_date(text, Some(order));
    order_buttons(
        ui,
        [
            (day_first.as_str(), read(day_first, DateOrder::DayFirst)),
            (month_first.as_str(), read(month_first, DateOrder::MonthFirst)),
        ],
        lang,
    )
}

#[must_use = "the command must reach App::apply"]
fn code_ui(
    ui: &mut egui::Ui,
    value: &str,
    columns: &[String],
    rows: usize,
    tool: Option<Tool>,
    lang: Lang,
) -> Option<Command> {
    let heading = match lang {
        Lang::Da => format!("Hvad betyder «{value}»?"),
        Lang::En => format!("What does “{value}” mean?"),
    };
    let shown = match lang {
        Lang::Da => format!(
            "«{value}» ligger uden for skalaen 1-5 i {rows} rækker (kolonne {}). {}",
            quoted(columns, lang),
            code_cause(value, tool, lang)
        ),
        Lang::En => format!(
            "“{value}” is outside the 1-5 scale in {rows} rows (column {}). {}",
            quoted(columns, lang),
            code_cause(value, tool, lang)
        ),
    };
    asked(ui, heading, &[&shown]);
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        let dont_know = match lang {
            Lang::Da => format!("Regn «{value}» som «Ved ikke»"),
            Lang::En => format!("Count “{value}” as “Don't know”"),
        };
        if ui.button(dont_know).clicked() {
            command = Some(Command::CountAsDontKnow(value.to_string()));
        }
        if ui
            .button(lang.pick("Vælg kodeliste…", "Choose code list…"))
            .on_hover_text(lang.pick(
                "En fil med rækkerne kolonne;kode;tekst, fx SurveyXacts labels.csv",
                "A file of rows column;code;label, e.g. SurveyXact's labels.csv",
            ))
            .clicked()
        {
            command = Some(Command::ChooseLabelsDialog);
        }
    });
    command
}

#[must_use = "the command must reach App::apply"]
fn plan_ui(ui: &mut egui::Ui, needs: &[PlanNeed], lang: Lang) -> Option<Command> {
    let needs: Vec<String> = needs
        .iter()
        .map(|need| format!("• {}", plan_need_text(need, lang)))
        .collect();
    let needs: Vec<&str> = needs.iter().map(String::as_str).collect();
    let heading = lang.pick(
        "Filen mangler noget, som udrulningsplanen kan give",
        "The file lacks something the rollout plan can give",
    );
    asked(ui, heading.to_string(), &needs);
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.pick("Indlæs plan…", "Load plan…")).clicked() {
            command = Some(Command::OpenPlanDialog);
        }
        if ui.button(lang.pick("Rediger plan", "Edit plan")).clicked() {
            command = Some(Command::EditPlanForReview);
        }
    });
    command
}

/// The likely cause of a code past the scale, from the tool that wrote the file.
fn code_cause(value: &str, tool: Option<Tool>, lang: Lang) -> String {
    match (tool, lang) {
        (Some(Tool::SurveyXact), Lang::Da) => {
            format!("SurveyXact skriver svar som koder, og «Ved ikke» er ofte {value}.")
        }
        (Some(Tool::SurveyXact), Lang::En) => {
            format!("SurveyXact writes answers as codes, and “don't know” is often {value}.")
        }
        (Some(tool), Lang::Da) => format!("{} har skrevet svarkoder, ikke svar.", tool.name()),
        (Some(tool), Lang::En) => format!("{} wrote answer codes, not answers.", tool.name()),
        (None, Lang::Da) => format!("{value} er sandsynligvis koden for «Ved ikke» eller «Ikke relevant»."),
        (None, Lang::En) => format!("{value} is most likely the code of “don't know” or “not relevant”."),
    }
}

fn plan_need_text(need: &PlanNeed, lang: Lang) -> String {
    match (need, lang) {
        (PlanNeed::Waves, Lang::Da) => {
            "Ingen rul-kolonne: alle svar står under «Alle». En plan, der placerer kommunerne, giver rullene.".into()
        }
        (PlanNeed::Waves, Lang::En) => {
            "No wave column: every answer is under “All”. A plan that places the municipalities gives the waves.".into()
        }
        (PlanNeed::Weeks, Lang::Da) => {
            "Ingen uge-kolonne: svarene har ingen fase. En plan med rullenes startdatoer giver ugen ud fra svarets dato."
                .into()
        }
        (PlanNeed::Weeks, Lang::En) => {
            "No week column: the answers have no phase. A plan with the waves' start dates gives the week from the answer's date."
                .into()
        }
        (PlanNeed::Unplaced { municipalities, answers }, Lang::Da) => format!(
            "Planen placerer ikke {}; deres {answers} svar står under «Alle».",
            short_list(municipalities, lang)
        ),
        (PlanNeed::Unplaced { municipalities, answers }, Lang::En) => format!(
            "The plan does not place {}; their {answers} answers are under “All”.",
            short_list(municipalities, lang)
        ),
        (PlanNeed::NoStart { wave }, Lang::Da) => {
            format!("Planen har ingen startdato for {wave}: svarene i {wave} får ingen fase.")
        }
        (PlanNeed::NoStart { wave }, Lang::En) => {
            format!("The plan has no start date for {wave}: the answers in {wave} get no phase.")
        }
    }
}

/// The first few of a long list, and how many more.
fn short_list(items: &[String], lang: Lang) -> String {
    const SHOWN: usize = 5;
    if items.len() <= SHOWN {
        return quoted(items, lang);
    }
    let first: Vec<String> = items.iter().take(SHOWN).map(|item| quote(item, lang)).collect();
    let more = items.len() - SHOWN;
    format!(
        "{} {} {more} {}",
        first.join(", "),
        lang.pick("og", "and"),
        lang.pick("andre", "others")
    )
}
