//! What each command does, by area. `App::apply` sends each command to its area; a command
//! that reaches another area's function does nothing there (the routing is one match).

use super::loader::Input;
use super::{App, Command, Message, View, filters, plan_view};

impl App {
    /// Opening and importing files, and the review's answers.
    pub(super) fn apply_import(&mut self, command: Command) {
        match command {
            Command::OpenFileDialog => {
                let files = rfd::FileDialog::new()
                    .add_filter(
                        self.lang()
                            .pick("Spørgeskemaeksporter (CSV, Excel)", "Survey exports (CSV, Excel)"),
                        &["csv", "tsv", "txt", "xlsx", "xlsm"],
                    )
                    .add_filter(self.lang().pick("Alle filer", "All files"), &["*"])
                    .pick_files();
                if let Some(files) = files.filter(|f| !f.is_empty()) {
                    self.start_import(files.into_iter().map(Input::Path).collect());
                }
            }
            Command::Import(inputs) if !inputs.is_empty() => self.start_import(inputs),
            Command::LoadSample => {
                self.review = None;
                self.leave_plan_for_review();
                self.load_sample();
            }
            Command::SetRole { .. }
            | Command::SetDateOrder(_)
            | Command::CountAsDontKnow(_)
            | Command::WithdrawAnswer(_)
            | Command::ForgetLayout(_) => self.answer(command),
            Command::ChooseLabelsDialog => self.choose_labels_dialog(),
            Command::AcceptImport { skip_invalid } => self.accept_review(skip_invalid),
            Command::DiscardReview => {
                self.review = None;
                self.leave_plan_for_review();
            }
            Command::CancelImport => {
                // Dropping the loader drops the receiver; the worker's result goes nowhere.
                self.loader = None;
                self.message = Some(Message {
                    text: self
                        .lang()
                        .pick("Indlæsning annulleret.", "Import cancelled.")
                        .to_string(),
                    is_error: false,
                });
            }
            _ => {}
        }
    }

    /// The rollout plan: edited, loaded, saved, and visited from a review.
    pub(super) fn apply_plan(&mut self, command: Command) {
        match command {
            Command::EditPlanForReview => {
                self.plan_for_review = Some(self.settings.analysis.view);
                self.settings.analysis.view = View::Plan;
            }
            Command::BackToReview => self.leave_plan_for_review(),
            Command::SetPlan(plan) => self.set_plan(plan),
            Command::UsePlanEdits => self.use_plan_edits(),
            Command::UndoPlanEdits => {
                self.plan_form = plan_view::Form::from_plan(&self.settings.analysis.plan, self.lang())
            }
            Command::OpenPlanDialog => self.open_plan_dialog(),
            Command::SavePlanDialog => self.save_plan_dialog(),
            _ => {}
        }
    }

    /// Tables, charts, decks and projects out of the window.
    pub(super) fn apply_export(&mut self, command: Command) {
        match command {
            Command::CopyText(text) => {
                self.ctx.copy_text(text);
                self.message = Some(Message {
                    text: self
                        .lang()
                        .pick(
                            "Tabellen er kopieret; indsæt den i Excel eller PowerPoint.",
                            "Table copied; paste it into Excel or PowerPoint.",
                        )
                        .to_string(),
                    is_error: false,
                });
            }
            Command::SaveChart(format) => self.save_chart(format),
            Command::SaveTable(format) => self.save_table(format),
            Command::CopyChartImage => self.copy_chart_image(),
            Command::CopyTable => self.copy_table(),
            Command::Deck(command) => self.deck_command(command),
            Command::SaveProjectDialog => self.save_project_dialog(),
            Command::OpenProjectDialog => self.open_project_dialog(),
            _ => {}
        }
    }

    /// The views, the filters and the settings they show.
    pub(super) fn apply_view(&mut self, command: Command) {
        match command {
            Command::SetLang(lang) => {
                self.settings.lang = lang;
                self.filter_dates = filters::DateTexts::from_filter(&self.settings.analysis.filter, lang);
                if !self.plan_form.changed {
                    // The dates as the new language writes them; typed edits are kept as typed.
                    self.plan_form = plan_view::Form::from_plan(&self.settings.analysis.plan, lang);
                }
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.apply_theme();
            }
            Command::ShowView(view) => self.settings.analysis.view = view,
            Command::SetFilter(filter) => {
                self.filter_changed = Some(std::time::Instant::now());
                self.filter_dates = filters::DateTexts::from_filter(&filter, self.lang());
                self.settings.analysis.filter = filter;
                self.want_numbers();
            }
            Command::SetTotalMode(mode) => self.settings.analysis.total_mode = mode,
            Command::SetCrossTabBy(by) => self.settings.analysis.crosstab_by = by,
            Command::SetDistributionWave(wave) => self.settings.analysis.distribution_wave = Some(wave),
            Command::SetTimeline(timeline) => self.settings.analysis.timeline = timeline,
            Command::OpenTimelineDialog => self.open_timeline(),
            Command::SaveTimelineDialog => self.save_timeline(),
            Command::SetChartTexts(texts) => {
                self.chart_texts.insert(self.settings.analysis.view, texts);
            }
            Command::SetExportSize(size) => self.settings.export_size = size,
            Command::SetExportBackground(background) => self.settings.export_background = background,
            Command::SetChartOptions(options) => {
                self.settings
                    .analysis
                    .chart_options
                    .insert(self.settings.analysis.view, options);
            }
            Command::ClearRecentFiles => self.settings.recent_files.clear(),
            Command::DismissMessage => self.message = None,
            _ => {}
        }
    }
}
