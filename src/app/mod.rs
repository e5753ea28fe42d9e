//! The window: eframe app, one file per panel or view. Views read cached analysis results and
//! return [`Command`]s; [`App::apply`] is the only place that changes state.

mod analysis_state;
mod answer_files;
mod apply;
mod busy;
mod cache;
mod chart_options;
mod chart_state;
mod charts_view;
mod command;
mod comments;
mod coverage_view;
mod deck_dialog;
mod empty_view;
mod export_bar;
mod filters;
mod import_file;
mod import_view;
mod importing;
mod input;
mod loader;
mod message;
mod numbers;
mod overview;
mod overview_cells;
mod overview_details;
mod plan_view;
mod plot;
mod project;
mod review;
mod review_answers;
mod review_questions;
mod saving;
mod settings;
mod start;
mod timeline_view;
mod top_bar;
mod trust;

use std::path::PathBuf;

use eframe::egui;

pub use analysis_state::AnalysisState;
pub use cache::AnalysisCache;
pub use command::{Answer, Command};
pub use deck_dialog::DeckCommand;
pub use loader::{Input, Loader};
pub use message::Message;
pub use review::{Question, Review};
pub use settings::{Settings, ThemeChoice, TotalMode, View};
pub use start::run;

use crate::dataset::Dataset;
use crate::import::FileReport;
use crate::locale::Lang;

// The bundled sample: one module for the window and the command line.
use crate::sample::{BYTES as SAMPLE_BYTES, NAME as SAMPLE_NAME};

/// The data the views show.
pub struct Loaded {
    /// Shared with the analysis worker.
    pub dataset: std::sync::Arc<Dataset>,
    /// What the data came from, for the title row: "checkin-survey.csv" or "3 filer"
    /// ("Eksempeldata" for the bundled sample).
    pub label: String,
    /// The bundled sample: labelled as such everywhere, never as the user's data.
    pub is_sample: bool,
    /// "Ved ikke" answers among `dataset.answer_count()`, counted once per load.
    pub dont_know: u64,
    /// The files on disk the data came from; empty for the bundled sample.
    pub paths: Vec<PathBuf>,
    /// Everything the data came from, the bundled sample too: read again when the plan
    /// changes.
    pub inputs: Vec<Input>,
    pub reports: Vec<FileReport>,
}

pub struct App {
    settings: Settings,
    loaded: Loaded,
    cache: AnalysisCache,
    charts: charts_view::ChartCache,
    /// The user's titles and source lines, per chart view, for this session.
    chart_texts: std::collections::HashMap<View, export_bar::ChartTexts>,
    /// Counts data loads, so a chart knows its data changed.
    data_generation: u64,
    loader: Option<Loader>,
    /// The answers and purpose of the running import.
    import_context: importing::ImportContext,
    review: Option<Review>,
    /// Some while a review waits for the user to edit the plan: the view to go back to.
    plan_for_review: Option<View>,
    message: Option<Message>,
    comment_search: String,
    timeline_form: timeline_view::Form,
    plan_form: plan_view::Form,
    filter_dates: filters::DateTexts,
    municipality_search: String,
    /// The PowerPoint dialog and the clipboard's table.
    deck: deck_dialog::DeckState,
    /// When the process asked for the window; with VALGPULS_TIMING set, the time to the
    /// first frame is printed (the start-up figure in the README).
    launched: Option<std::time::Instant>,
    /// When the filter last changed (VALGPULS_TIMING prints when its numbers came).
    filter_changed: Option<std::time::Instant>,
    /// Tests hold the worker's numbers back (see `App::hold_numbers`).
    numbers_held: bool,
    /// Kept to request repaints from the import thread and to set the theme.
    ctx: egui::Context,
    /// The window title last sent, so it is sent only when it changes.
    title_sent: String,
    coverage_sort: coverage_view::Sort,
}

impl App {
    /// The window's app: settings from eframe's storage (none in tests), data from `files` or
    /// the bundled sample.
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> App {
        let settings: Settings = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .unwrap_or_default();
        App::with_settings(cc.egui_ctx.clone(), settings, files)
    }

    pub fn with_settings(ctx: egui::Context, settings: Settings, files: Vec<PathBuf>) -> App {
        let mut app = App {
            filter_dates: filters::DateTexts::from_filter(&settings.analysis.filter, settings.lang),
            municipality_search: String::new(),
            launched: None,
            filter_changed: None,
            numbers_held: false,
            deck: deck_dialog::DeckState::default(),
            settings,
            loaded: Loaded {
                dataset: std::sync::Arc::new(Dataset::default()),
                label: String::new(),
                is_sample: false,
                dont_know: 0,
                paths: Vec::new(),
                inputs: Vec::new(),
                reports: Vec::new(),
            },
            cache: {
                let ctx = ctx.clone();
                AnalysisCache::new(move || ctx.request_repaint())
            },
            charts: charts_view::ChartCache::default(),
            chart_texts: std::collections::HashMap::new(),
            data_generation: 0,
            loader: None,
            import_context: importing::ImportContext::default(),
            review: None,
            plan_for_review: None,
            message: None,
            comment_search: String::new(),
            timeline_form: timeline_view::Form::default(),
            plan_form: plan_view::Form::default(),
            ctx,
            title_sent: String::new(),
            coverage_sort: coverage_view::Sort::default(),
        };
        app.plan_form = plan_view::Form::from_plan(&app.settings.analysis.plan, app.settings.lang);
        app.apply_theme();
        start::set_text_sizes(&app.ctx);
        plot::install_chart_fonts(&app.ctx);
        // Files given: the window waits for them, and never shows the sample meanwhile.
        if files.is_empty() {
            app.load_sample();
        } else {
            app.apply(Command::Import(files.into_iter().map(Input::Path).collect()));
        }
        app
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn dataset(&self) -> &Dataset {
        &self.loaded.dataset
    }

    pub fn cache(&self) -> &AnalysisCache {
        &self.cache
    }

    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    pub fn is_importing(&self) -> bool {
        self.loader.is_some()
    }

    fn lang(&self) -> Lang {
        self.settings.lang
    }

    fn apply_theme(&self) {
        self.ctx.set_theme(match self.settings.theme {
            ThemeChoice::Light => egui::Theme::Light,
            ThemeChoice::Dark => egui::Theme::Dark,
        });
    }

    /// Applies a command, in the function of its area: importing, the plan, exports, what
    /// the numbers rest on, and the views and settings.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::OpenFileDialog
            | Command::Import(_)
            | Command::LoadSample
            | Command::SetRole { .. }
            | Command::SetDateOrder(_)
            | Command::CountAsDontKnow(_)
            | Command::WithdrawAnswer(_)
            | Command::ForgetLayout(_)
            | Command::ChooseLabelsDialog
            | Command::AcceptImport { .. }
            | Command::DiscardReview
            | Command::CancelImport => self.apply_import(command),
            Command::EditPlanForReview
            | Command::BackToReview
            | Command::SetPlan(_)
            | Command::UsePlanEdits
            | Command::UndoPlanEdits
            | Command::OpenPlanDialog
            | Command::SavePlanDialog => self.apply_plan(command),
            Command::CopyText(_)
            | Command::SaveChart(_)
            | Command::SaveTable(_)
            | Command::CopyChartImage
            | Command::CopyTable
            | Command::Deck(_)
            | Command::SaveProjectDialog
            | Command::OpenProjectDialog => self.apply_export(command),
            Command::SetMinN(_)
            | Command::SetShowIntervals(_)
            | Command::SetOverviewTitle(_)
            | Command::SortCoverage(_)
            | Command::SaveCoverage(_) => self.apply_trust(command),
            other => self.apply_view(other),
        }
    }

    fn is_chart_view(&self) -> bool {
        matches!(
            self.settings.analysis.view,
            View::Bars | View::Distribution | View::Trend | View::CrossTab
        ) && !self.is_reviewing()
    }

    /// The review fills the window, unless the user went from it to the plan view.
    fn is_reviewing(&self) -> bool {
        self.review.is_some() && self.plan_for_review.is_none()
    }

    /// Back from the plan view to the view the user was on before the review sent them there.
    fn leave_plan_for_review(&mut self) {
        if let Some(view) = self.plan_for_review.take() {
            self.settings.analysis.view = view;
        }
    }

    #[must_use = "the command must reach App::apply"]
    fn central_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let lang = self.settings.lang;
        if let Some(review) = self.review.as_ref().filter(|_| self.plan_for_review.is_none()) {
            // While the review's files are read again after an answer, the old review stays
            // in view but cannot be acted on.
            let busy = self.loader.is_some();
            return ui.add_enabled_ui(!busy, |ui| import_view::ui(ui, review, lang)).inner;
        }
        if let Some(command) = empty_view::ui(
            ui,
            &self.loaded,
            self.loader.as_ref(),
            self.settings.analysis.view,
            lang,
        ) {
            return command;
        }
        match self.settings.analysis.view {
            View::Overview => {
                let plan = self.settings.analysis.import_plan();
                let coverage = self.cache.coverage(&self.loaded.dataset, plan.as_ref()).clone();
                let key = (self.settings.analysis.filter.clone(), self.settings.analysis.min_n);
                self.cache
                    .want(&self.loaded.dataset, &key, crate::analysis::Part::Summary);
                let numbers = overview::Numbers {
                    summary: self.cache.summary(&key),
                    details: self.cache.details(&key),
                };
                overview::ui(ui, &numbers, &coverage, &self.settings, &self.loaded)
            }
            View::Coverage => {
                let plan = self.settings.analysis.import_plan();
                let coverage = self.cache.coverage(&self.loaded.dataset, plan.as_ref());
                coverage_view::ui(ui, coverage, self.coverage_sort, lang)
            }
            View::Comments => {
                let (comments, hidden) = self.cache.comments(&self.loaded.dataset, self.settings.analysis.min_n);
                comments::ui(ui, comments, hidden, &self.settings, &mut self.comment_search)
            }
            View::Timeline => timeline_view::ui(ui, &self.settings.analysis.timeline, lang, &mut self.timeline_form),
            View::Plan => plan_view::ui(ui, lang, &mut self.plan_form, self.plan_for_review.is_some()),
            View::Bars | View::Distribution | View::Trend | View::CrossTab => {
                let view = self.settings.analysis.view;
                self.update_chart(view);
                let texts = self.chart_texts.get(&view).cloned().unwrap_or_default();
                let draft = &mut self.deck.note_draft;
                charts_view::ui(
                    ui,
                    view,
                    &self.charts,
                    &texts,
                    &self.settings,
                    &self.loaded.dataset,
                    draft,
                )
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(launched) = self.launched.take()
            && std::env::var_os("VALGPULS_TIMING").is_some()
        {
            eprintln!(
                "valgpuls: first frame {} ms after launch",
                launched.elapsed().as_millis()
            );
        }
        self.poll_import();
        self.poll_numbers();
        self.send_title();
        let mut commands = self.input_commands(ui.ctx());
        let lang = self.settings.lang;

        let top = egui::Panel::top("top_bar").show(ui, |ui| {
            top_bar::ui(ui, &self.settings, &self.loaded, self.review.is_some())
        });
        commands.extend(top.inner);

        let status = egui::Panel::bottom("status_bar").show(ui, |ui| {
            top_bar::status_ui(ui, self.loader.as_ref(), self.message.as_ref(), lang)
        });
        commands.extend(status.inner);

        if self.review.is_none() && self.settings.analysis.view != View::Plan {
            let filter = egui::Panel::left("filters")
                .resizable(true)
                .default_size(260.0)
                .show(ui, |ui| {
                    filters::ui(
                        ui,
                        &self.loaded.dataset,
                        &self.settings,
                        &mut self.filter_dates,
                        &mut self.municipality_search,
                    )
                });
            commands.extend(filter.inner);
        }

        let central = egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        commands.extend(central.inner);
        commands.extend(self.deck_ui(ui.ctx()));

        input::drop_hint_ui(ui.ctx(), lang);
        if self.loader.is_some() {
            // Keeps the progress bar moving while the worker runs.
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
        for command in commands {
            self.apply(command);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
