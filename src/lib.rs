//! valgpuls: satisfaction scores from the VALG rollout, per wave and phase, against the
//! project's timeline. The library knows nothing of the window: import, analysis, timeline,
//! charts and export live here; `app` only shows results and sends commands.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod charts;
pub mod cli;
mod cli_args;
pub mod dataset;
pub mod dates;
pub mod deck;
pub mod export;
pub mod files;
pub mod import;
pub mod locale;
pub mod output;
pub mod phases;
pub mod plan;
pub mod report;
pub mod sample;
mod text_key;
pub mod timeline;
pub mod verdicts;
