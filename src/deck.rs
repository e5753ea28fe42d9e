//! Which charts there are for a data set and how each is built, with its numbers in words:
//! what `report` writes, what the window offers for a PowerPoint deck, and the deck itself
//! (`write_deck`), one slide per chart chosen.

use polars::prelude::PolarsResult;
use serde::{Deserialize, Serialize};

use crate::analysis::suppress::protect_crosstab;
use crate::analysis::{DEFAULT_MIN_N, Filter, GroupBy, Results, Summary, analyse_with, crosstab};
use crate::charts::{
    ChartOptions, ChartSpec, add_notes, arrange_crosstab, arrange_summary, bars_chart, crosstab_chart,
    distribution_chart, trend_chart_over,
};
use crate::dataset::Dataset;
use crate::export::pptx::{self, Aspect, Deck, TableSlide, TitleSlide};
use crate::locale::Lang;
use crate::timeline::Timeline;

mod facts;

pub use facts::facts_for;

/// A category column with more values than this (a respondent id, a free-text field) makes no
/// readable chart, so it gets none.
pub const MAX_CATEGORY_VALUES: usize = 20;

/// One chart (or the overview table) a report or a deck can hold.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChartChoice {
    /// The overview table (waves × phases, with n).
    Table,
    Bars,
    /// The distribution of answers for one wave.
    Distribution(String),
    Trend,
    CrossTab(GroupBy),
}

impl ChartChoice {
    /// What the window's chooser calls it.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            ChartChoice::Table => lang.pick("Oversigtstabel", "Overview table").to_string(),
            ChartChoice::Bars => lang.pick("Søjler", "Bars").to_string(),
            ChartChoice::Distribution(wave) => {
                format!("{}: {}", lang.pick("Fordeling", "Distribution"), lang.data_value(wave))
            }
            ChartChoice::Trend => lang.pick("Udvikling", "Trend").to_string(),
            ChartChoice::CrossTab(by) => format!("{}: {}", lang.pick("Krydstabel", "Crosstab"), by_name(by, lang)),
        }
    }
}

fn by_name(by: &GroupBy, lang: Lang) -> String {
    match by {
        GroupBy::Wave => lang.pick("rul", "wave").to_string(),
        GroupBy::Phase => lang.pick("fase", "phase").to_string(),
        GroupBy::Question => lang.pick("spørgsmål", "question").to_string(),
        GroupBy::Municipality => lang.pick("kommune", "municipality").to_string(),
        GroupBy::Category(header) => header.clone(),
    }
}

/// Every chart the data supports, in the order of the window's views: the table, bars, the
/// distribution per wave, the trend (with dates), the crosstab by phase and by municipality,
/// and by each category column of 2 to 20 values.
pub fn every_chart(dataset: &Dataset) -> Vec<ChartChoice> {
    let mut out = vec![ChartChoice::Table, ChartChoice::Bars];
    out.extend(dataset.waves.iter().cloned().map(ChartChoice::Distribution));
    if dataset.has_dates() {
        out.push(ChartChoice::Trend);
    }
    if dataset.phases.len() > 1 {
        out.push(ChartChoice::CrossTab(GroupBy::Phase));
    }
    if dataset.municipalities.len() > 1 {
        out.push(ChartChoice::CrossTab(GroupBy::Municipality));
    }
    for (index, column) in dataset.categories.iter().enumerate() {
        if (2..=MAX_CATEGORY_VALUES).contains(&dataset.category_values(index).len()) {
            out.push(ChartChoice::CrossTab(GroupBy::Category(column.clone())));
        }
    }
    out
}

/// A chart with its numbers said in words: (what, value, n) per bar, point or row.
#[derive(Clone, Debug, PartialEq)]
pub struct BuiltChart {
    pub spec: ChartSpec,
    pub facts: Vec<Fact>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// "Rul 2, Klargøring (uge 1-3)"
    pub what: String,
    /// "3,74" or "68 % tilfredse"
    pub value: String,
    pub n: u64,
}

/// Builds one chart as the window shows it with `options`; None for the table (no chart) or a
/// chart the data cannot make (a distribution of a wave with no answers).
pub fn build_chart(
    dataset: &Dataset,
    timeline: &Timeline,
    filters: &Filter,
    choice: &ChartChoice,
    options: &ChartOptions,
    lang: Lang,
) -> PolarsResult<Option<BuiltChart>> {
    Charts::new(dataset, timeline).build(filters, choice, options, lang)
}

/// Builds charts from one data set, each filter state analysed once however many charts use it.
pub struct Charts<'a> {
    dataset: &'a Dataset,
    timeline: &'a Timeline,
    /// Groups with fewer answers are hidden in every chart (the window's minimum).
    min_n: u64,
    results: std::collections::HashMap<Filter, Results>,
}

impl<'a> Charts<'a> {
    pub fn new(dataset: &'a Dataset, timeline: &'a Timeline) -> Charts<'a> {
        Charts {
            dataset,
            timeline,
            min_n: DEFAULT_MIN_N,
            results: std::collections::HashMap::new(),
        }
    }

    /// The same, hiding groups under `min_n` answers (1 hides nothing).
    pub fn with_min_n(mut self, min_n: u64) -> Charts<'a> {
        self.min_n = min_n.max(1);
        self
    }

    pub fn results(&mut self, filter: &Filter) -> PolarsResult<&Results> {
        if !self.results.contains_key(filter) {
            let results = analyse_with(self.dataset, filter, self.min_n)?;
            self.results.insert(filter.clone(), results);
        }
        self.results
            .get(filter)
            .ok_or_else(|| polars::prelude::PolarsError::NoData("results".into()))
    }

    pub fn build(
        &mut self,
        filters: &Filter,
        choice: &ChartChoice,
        options: &ChartOptions,
        lang: Lang,
    ) -> PolarsResult<Option<BuiltChart>> {
        let (dataset, timeline) = (self.dataset, self.timeline);
        let filter = options.filter(filters);
        if let ChartChoice::CrossTab(by) = choice {
            let (protected, _) = protect_crosstab(&crosstab(dataset, &filter, by)?, self.min_n);
            let tab = arrange_crosstab(&protected, options.sort, options.limit);
            let mut spec = crosstab_chart(&tab, lang);
            add_notes(&mut spec, &options.notes, lang);
            let facts = facts::crosstab(&tab, lang);
            return Ok(Some(BuiltChart { spec, facts }));
        }
        let results = self.results(&filter)?;
        let (mut spec, facts) = match choice {
            ChartChoice::Table => return Ok(None),
            ChartChoice::Bars => {
                let summary = arrange_summary(&results.summary, options.sort);
                (bars_chart(&summary, lang), facts::summary(&summary, lang))
            }
            ChartChoice::Distribution(wave) => {
                if !results.distribution.iter().any(|r| &r.wave == wave) {
                    return Ok(None);
                }
                (
                    distribution_chart(&results.distribution, wave, lang),
                    facts::distribution(&results.distribution, wave, lang),
                )
            }
            ChartChoice::Trend => (
                trend_chart_over(&results.trend, timeline, lang, options.whole_timeline),
                facts::trend(&results.trend, lang),
            ),
            ChartChoice::CrossTab(_) => return Ok(None),
        };
        add_notes(&mut spec, &options.notes, lang);
        Ok(Some(BuiltChart { spec, facts }))
    }
}

/// One item of a deck: a chart (or the table) with the options and texts the user gave it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeckItem {
    pub choice: Option<ChartChoice>,
    pub options: ChartOptions,
    /// The user's title, subtitle and source line; empty keeps the chart's own.
    pub title: String,
    pub subtitle: String,
    pub source: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeckRequest {
    pub lang: Lang,
    pub aspect: Aspect,
    /// The title slide's title; empty: a title from the data.
    pub title: String,
    /// What the data came from ("checkin-survey.csv"), for the title slide and source lines.
    pub source: String,
    pub filter: Filter,
    pub items: Vec<DeckItem>,
    /// Groups with fewer answers are hidden on every slide; None: the default minimum.
    pub min_n: Option<u64>,
}

/// The deck as .pptx bytes: a title slide, then one slide per item chosen (a crosstab of many
/// values over several slides).
pub fn write_deck(dataset: &Dataset, timeline: &Timeline, request: &DeckRequest) -> Result<Vec<u8>, String> {
    let lang = request.lang;
    let mut charts = Charts::new(dataset, timeline).with_min_n(request.min_n.unwrap_or(DEFAULT_MIN_N));
    let summary = charts
        .results(&request.filter)
        .map_err(|e| e.to_string())?
        .summary
        .clone();
    let mut deck = Deck {
        aspect: request.aspect,
        lang,
        title: TitleSlide {
            title: if request.title.trim().is_empty() {
                lang.pick("Tilfredshed i VALG-udrulningen", "Satisfaction in the VALG rollout")
                    .to_string()
            } else {
                request.title.trim().to_string()
            },
            subtitle: title_subtitle(&summary, &request.source, lang),
        },
        slides: Vec::new(),
    };
    for item in &request.items {
        let Some(choice) = &item.choice else { continue };
        if *choice == ChartChoice::Table {
            let filter = item.options.filter(&request.filter);
            let summary = &charts.results(&filter).map_err(|e| e.to_string())?.summary;
            deck.slides
                .push(pptx::Slide::Table(table_slide(summary, item, &request.source, lang)));
            continue;
        }
        let built = charts
            .build(&request.filter, choice, &item.options, lang)
            .map_err(|e| e.to_string())?;
        let Some(mut built) = built else { continue };
        set_texts(&mut built.spec, item, &request.source, lang);
        for slide in pptx::chart_slides(&built, request.aspect, lang) {
            deck.slides.push(pptx::Slide::Chart(Box::new(slide)));
        }
    }
    pptx::write(&deck).map_err(|e| e.to_string())
}

fn title_subtitle(summary: &Summary, source: &str, lang: Lang) -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let today = i32::try_from(days).ok().and_then(crate::dates::date_from_days);
    let mut line = format!(
        "{} {source} · n = {}",
        lang.pick("Kilde:", "Source:"),
        lang.count(summary.overall.n)
    );
    if let Some(today) = today {
        line.push_str(&format!(" · {}", lang.date(today)));
    }
    line
}

/// The user's texts over the chart's own; the data's file as the source where the chart names
/// the check-in meetings.
fn set_texts(spec: &mut ChartSpec, item: &DeckItem, source: &str, lang: Lang) {
    if !source.is_empty() {
        spec.name_source(lang, source);
    }
    if !item.title.trim().is_empty() {
        spec.title = item.title.trim().to_string();
    }
    if !item.subtitle.trim().is_empty() {
        spec.subtitle = Some(item.subtitle.trim().to_string());
    }
    if !item.source.trim().is_empty() {
        spec.source = item.source.trim().to_string();
    }
}

fn table_slide(summary: &Summary, item: &DeckItem, source: &str, lang: Lang) -> TableSlide {
    let title = if item.title.trim().is_empty() {
        lang.pick(
            "Tilfredshed med egen udrulning og VALG-løsningen generelt (skala 1-5)",
            "Satisfaction with own rollout and the VALG solution in general (scale 1-5)",
        )
        .to_string()
    } else {
        item.title.trim().to_string()
    };
    let mut table = TableSlide {
        title,
        subtitle: lang
            .pick(
                "Gennemsnit pr. rul og fase; total = gennemsnit af fasernes gennemsnit",
                "Mean per wave and phase; total = mean of the phase means",
            )
            .to_string(),
        source: crate::charts::source_line_for(lang, source, summary.overall.n),
        header: vec![lang.pick("Rul", "Wave").to_string()],
        rows: Vec::new(),
        notes: Vec::new(),
    };
    table.header.extend(summary.phases.iter().map(|p| lang.data_value(p)));
    table
        .header
        .push(lang.pick("Total udrulning", "Total rollout").to_string());
    for wave in &summary.waves {
        let mut row = vec![pptx::TableCell::text(lang.data_value(&wave.wave))];
        for phase in &summary.phases {
            row.push(match wave.cell(phase) {
                Some(cell) => pptx::TableCell::mean(cell.stats.mean, cell.stats.n, cell.stats.is_small(), lang),
                None => pptx::TableCell::text("–".to_string()),
            });
        }
        row.push(pptx::TableCell::mean(
            wave.total.mean_of_phases,
            wave.total.phases_n,
            wave.total.from_small_cell,
            lang,
        ));
        table.rows.push(row);
    }
    table.notes = facts::summary(summary, lang)
        .iter()
        .map(|f| format!("{}: {} (n = {})", f.what, f.value, lang.count(f.n)))
        .collect();
    table
}
