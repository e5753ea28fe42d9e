//! What the import tests share: files given as bytes, the messages in Danish, each wave's
//! pooled n and mean.
// Each test file uses a part of these.
#![allow(dead_code)]

use valgpuls::analysis::{Filter, summary};
use valgpuls::import::{Import, ImportOptions, Source, import_sources};
use valgpuls::locale::Lang;

/// The files read together, as the command line reads the paths given.
pub fn read_all(files: &[(&str, &[u8])]) -> Import {
    let sources: Vec<Source> = files
        .iter()
        .map(|(name, bytes)| Source {
            name: (*name).into(),
            bytes: bytes.to_vec().into(),
        })
        .collect();
    import_sources(&sources, &ImportOptions::default())
}

pub fn read(name: &str, bytes: &[u8]) -> Import {
    read_all(&[(name, bytes)])
}

/// Texts read together.
pub fn read_texts(files: &[(&str, &str)]) -> Import {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(name, text)| (*name, text.as_bytes())).collect();
    read_all(&files)
}

pub fn messages(import: &Import) -> Vec<String> {
    import.problems.iter().map(|p| p.message(Lang::Da)).collect()
}

/// (wave, n, mean) of every wave's answers pooled.
pub fn waves(import: &Import) -> Vec<(String, u64, f64)> {
    let table = summary(&import.dataset, &Filter::default()).unwrap();
    table
        .waves
        .iter()
        .map(|wave| {
            (
                wave.wave.clone(),
                wave.total.n,
                wave.total.pooled_mean.unwrap_or(f64::NAN),
            )
        })
        .collect()
}
