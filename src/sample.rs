//! The bundled sample check-in survey, compiled in so a lone executable has data to show: one
//! place for the command line and the window.

/// The sample's name as every message and report gives it.
pub const NAME: &str = "sample-data/checkin-survey.csv";
pub const BYTES: &[u8] = include_bytes!("../sample-data/checkin-survey.csv");
