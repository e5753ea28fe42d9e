//! The import flow: the bundled sample, importing off the UI thread, the review and its
//! answers, and taking an accepted import into use. A failed or cancelled import never
//! touches the loaded data.

use std::sync::Arc;

use super::loader::{self, Input, Loader};
use super::review::Review;
use super::{Answer, App, Command, Loaded, Message, SAMPLE_BYTES, SAMPLE_NAME};
use crate::analysis::GroupBy;
use crate::import::{Import, ImportOptions, Labels, LayoutAnswers};

/// Why an import runs, which says what to do with its result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Purpose {
    /// Files the user gave, or the review's files again after an answer: the review shows
    /// the result.
    #[default]
    Review,
    /// The loaded files again with a changed plan: a clean result is used at once.
    Replan,
}

/// What a running import carries besides its files and options.
#[derive(Default)]
pub struct ImportContext {
    pub answers: LayoutAnswers,
    pub purpose: Purpose,
}

fn sample_inputs() -> Vec<Input> {
    vec![Input::Bytes {
        name: SAMPLE_NAME.to_string(),
        bytes: Arc::from(SAMPLE_BYTES),
    }]
}

fn is_sample(inputs: &[Input]) -> bool {
    matches!(inputs, [Input::Bytes { name, bytes }] if name == SAMPLE_NAME && bytes.as_ref() == SAMPLE_BYTES)
}

/// Adds `newer` to what is remembered for a layout; where both answer, the newer wins.
fn merge_answers(into: &mut LayoutAnswers, newer: LayoutAnswers) {
    into.role_overrides.extend(newer.role_overrides);
    for value in newer.dont_know {
        if !into.dont_know.contains(&value) {
            into.dont_know.push(value);
        }
    }
    into.date_order = newer.date_order.or(into.date_order);
    into.labels.merge(&newer.labels);
}

impl App {
    /// Waits for a running import to finish and takes its result, as a frame would (tests).
    pub fn wait_for_import(&mut self) {
        if let Some(loader) = self.loader.take() {
            match loader.wait() {
                Some(import) => self.finish_import(loader, import),
                None => self.import_thread_failed(),
            }
        }
    }

    pub(super) fn load_sample(&mut self) {
        let inputs = sample_inputs();
        // The sample is ours and clean: it goes straight in, no review, so the first frame
        // already shows the overview.
        let import = loader::import_inputs(&inputs, &self.import_options(&inputs, &LayoutAnswers::default()));
        let label = self.lang().pick("Eksempeldata", "Sample data").to_string();
        self.use_import(import, label, inputs);
        // Its numbers too (a few milliseconds), so the first frame shows them.
        let key = (self.settings.analysis.filter.clone(), self.settings.analysis.min_n);
        self.cache.fill_now(&self.loaded.dataset, &key);
    }

    /// The options for importing `inputs`: the plan, the answers remembered per layout, the
    /// older global role choices, and this review's answers on top.
    pub(super) fn import_options(&self, inputs: &[Input], answers: &LayoutAnswers) -> ImportOptions {
        let settings = &self.settings;
        if is_sample(inputs) {
            // The user's roles and answers are about their own files, not ours.
            return ImportOptions {
                plan: settings.analysis.import_plan(),
                ..ImportOptions::default()
            };
        }
        let mut role_overrides = settings.analysis.role_overrides.clone();
        role_overrides.extend(answers.role_overrides.clone());
        ImportOptions {
            role_overrides,
            dont_know: answers.dont_know.clone(),
            labels: answers.labels.clone(),
            date_order: answers.date_order,
            plan: settings.analysis.import_plan(),
            remembered: settings.analysis.remembered.clone(),
            ..ImportOptions::default()
        }
    }

    pub(super) fn use_import(&mut self, import: Import, label: String, inputs: Vec<Input>) {
        self.settings.analysis.colour_new_waves(&import.dataset.waves);
        let dont_know = import
            .dataset
            .answers
            .column(crate::dataset::col_names::DONT_KNOW)
            .ok()
            .and_then(|c| c.as_materialized_series().sum::<u64>().ok())
            // The builder always makes this boolean column; the count is for the top bar only
            // (the analysis counts "Ved ikke" itself).
            .unwrap_or(0);
        self.loaded = Loaded {
            is_sample: is_sample(&inputs),
            dont_know,
            dataset: std::sync::Arc::new(import.dataset),
            label,
            paths: inputs.iter().filter_map(|i| i.path().cloned()).collect(),
            inputs,
            reports: import.files,
        };
        self.cache.clear();
        self.data_generation += 1;
        self.keep_filter_to_data();
    }

    /// A saved filter may name waves or municipalities the new data does not have: those
    /// would silently empty every table, so they are dropped.
    pub(super) fn keep_filter_to_data(&mut self) {
        let dataset = &self.loaded.dataset;
        let mut filter = self.settings.analysis.filter.clone();
        filter.waves.retain(|v| dataset.waves.contains(v));
        filter.phases.retain(|v| dataset.phases.contains(v));
        filter.questions.retain(|v| dataset.questions.contains(v));
        filter.municipalities.retain(|v| dataset.municipalities.contains(v));
        self.settings.analysis.filter = filter;
        // A file with its own category columns (KLIK's usage frequency) is usually loaded to
        // be broken down by them: the crosstab starts on the first.
        let by = &self.settings.analysis.crosstab_by;
        let known = match by {
            GroupBy::Category(header) => dataset.categories.contains(header),
            _ => true,
        };
        if let Some(first) = dataset.categories.first()
            && !matches!(by, GroupBy::Category(_))
        {
            self.settings.analysis.crosstab_by = GroupBy::Category(first.clone());
        } else if !known {
            self.settings.analysis.crosstab_by = GroupBy::Phase;
        }
    }

    /// New files from the user: nothing answered yet, and a review that waited for the plan
    /// gives way to theirs.
    pub(super) fn start_import(&mut self, inputs: Vec<Input>) {
        self.leave_plan_for_review();
        self.start_import_with(inputs, LayoutAnswers::default(), Purpose::Review);
    }

    pub(super) fn start_import_with(&mut self, inputs: Vec<Input>, answers: LayoutAnswers, purpose: Purpose) {
        let options = self.import_options(&inputs, &answers);
        let ctx = self.ctx.clone();
        self.loader = Some(Loader::start(inputs, options, move || ctx.request_repaint()));
        self.import_context = ImportContext { answers, purpose };
        self.message = None;
    }

    /// The review's files again with its answers (after `change` to them). The review stays
    /// on screen, greyed out, until the new one replaces it, so a cancel leaves it as it was.
    pub(super) fn reimport_review(&mut self, change: impl FnOnce(&mut LayoutAnswers)) {
        let Some(review) = &self.review else { return };
        let mut answers = review.answers.clone();
        change(&mut answers);
        let inputs = review.inputs.clone();
        self.start_import_with(inputs, answers, Purpose::Review);
    }

    /// An answer given in the review (or taken back): the review's files are read again with
    /// it. Other commands are not answers and change nothing here.
    pub(super) fn answer(&mut self, command: Command) {
        match command {
            Command::SetRole { header, role } => self.reimport_review(|answers| {
                answers.role_overrides.insert(header, role);
            }),
            Command::SetDateOrder(order) => self.reimport_review(|answers| answers.date_order = Some(order)),
            Command::CountAsDontKnow(value) => self.reimport_review(|answers| {
                if !answers.dont_know.contains(&value) {
                    answers.dont_know.push(value);
                }
            }),
            Command::WithdrawAnswer(answer) => self.reimport_review(|answers| match answer {
                Answer::Role(header) => {
                    answers.role_overrides.remove(&header);
                }
                Answer::DateOrder => answers.date_order = None,
                Answer::DontKnow(value) => answers.dont_know.retain(|v| *v != value),
                Answer::Labels => answers.labels = Labels::default(),
            }),
            Command::ForgetLayout(key) => {
                self.settings.analysis.remembered.remove(&key);
                self.reimport_review(|_| {});
            }
            _ => {}
        }
    }

    /// The plan changed: a waiting review is imported again with it, else the loaded files.
    pub(super) fn import_again_with_plan(&mut self) {
        if self.review.is_some() {
            self.leave_plan_for_review();
            self.reimport_review(|_| {});
        } else {
            let inputs = self.loaded.inputs.clone();
            self.start_import_with(inputs, LayoutAnswers::default(), Purpose::Replan);
        }
    }

    pub(super) fn poll_import(&mut self) {
        let Some(loader) = &self.loader else { return };
        match loader.poll() {
            loader::Progress::Running => {}
            loader::Progress::Done(import) => {
                if let Some(loader) = self.loader.take() {
                    self.finish_import(loader, *import);
                }
            }
            loader::Progress::Failed => {
                self.loader = None;
                self.import_thread_failed();
            }
        }
    }

    pub(super) fn finish_import(&mut self, loader: Loader, import: Import) {
        let context = std::mem::take(&mut self.import_context);
        let lang = self.lang();
        let usable = import.is_clean() && import.dataset.answer_count() > 0;
        if context.purpose == Purpose::Replan && usable {
            let label = self.loaded.label.clone();
            self.use_import(import, label, loader.inputs);
            let text = if self.settings.analysis.plan.waves.is_empty() {
                lang.pick(
                    "Planen er fjernet, og dataene er læst igen uden den.",
                    "The plan is removed, and the data was read again without it.",
                )
            } else {
                lang.pick(
                    "Planen er taget i brug, og dataene er læst igen med den.",
                    "The plan is in use, and the data was read again with it.",
                )
            };
            self.message = Some(Message {
                text: text.to_string(),
                is_error: false,
            });
            return;
        }
        if context.purpose == Purpose::Replan {
            self.message = Some(Message {
                text: lang
                    .pick(
                        "Med den nye plan er der noget at tage stilling til: se gennemgangen.",
                        "With the new plan there is something to decide: see the review.",
                    )
                    .to_string(),
                is_error: false,
            });
        }
        self.review = Some(Review::new(
            loader.inputs,
            loader.options,
            context.answers,
            import,
            &self.settings.analysis.remembered,
        ));
    }

    pub(super) fn import_thread_failed(&mut self) {
        self.import_context = ImportContext::default();
        self.message = Some(Message {
            text: self
                .lang()
                .pick(
                    "Indlæsningen stoppede uventet; de indlæste data er uændrede.",
                    "The import stopped unexpectedly; the loaded data is unchanged.",
                )
                .to_string(),
            is_error: true,
        });
    }

    pub(super) fn accept_review(&mut self, skip_invalid: bool) {
        let Some(review) = self.review.take() else { return };
        let import = &review.import;
        let usable = !import.has_fatal_problems() && (import.is_clean() || skip_invalid);
        if !usable || import.dataset.answer_count() == 0 {
            // Not allowed from the review's buttons; kept so a stray command cannot load bad data.
            self.review = Some(review);
            return;
        }
        let remembered_now = self.remember_answers(&review);
        let Review { inputs, import, .. } = review;
        let paths: Vec<_> = inputs.iter().filter_map(|i| i.path().cloned()).collect();
        self.settings.remember_files(&paths);
        let label = match inputs.as_slice() {
            [only] => only.name(),
            many => format!("{} {}", many.len(), self.lang().pick("filer", "files")),
        };
        let skipped = import.rows_rejected();
        self.use_import(import, label, inputs);
        self.leave_plan_for_review();
        let lang = self.lang();
        let mut text = if skip_invalid && skipped > 0 {
            format!(
                "{} {}",
                lang.count(skipped as u64),
                lang.pick("ugyldige rækker sprunget over.", "invalid rows skipped.")
            )
        } else {
            lang.pick("Data indlæst.", "Data loaded.").to_string()
        };
        if remembered_now {
            text.push(' ');
            text.push_str(lang.pick(
                "Dine svar huskes til næste fil med de samme kolonner.",
                "Your answers are remembered for the next file with the same columns.",
            ));
        }
        self.message = Some(Message { text, is_error: false });
    }

    /// Keeps the review's answers under each file's layout; true when there were any.
    fn remember_answers(&mut self, review: &Review) -> bool {
        let mut any = false;
        for report in &review.import.files {
            let answers = review.answers_for(report);
            if report.layout_key.is_empty() || answers.is_empty() {
                continue;
            }
            let remembered = self
                .settings
                .analysis
                .remembered
                .entry(report.layout_key.clone())
                .or_default();
            merge_answers(remembered, answers);
            any = true;
        }
        any
    }
}
