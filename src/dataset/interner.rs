//! NamesById as small numbers while rows are read, and the map from a part's numbers to the whole's.

use polars::prelude::*;

use crate::text_key::TextKey;

/// The text by which a folding [`Interner`] tells names apart, and everything that looks a
/// name up the way the data set holds it (`--question`, the plan's municipalities): any
/// case, without a closing "?", and "Århus" as "Aarhus", one name in Danish spelling.
pub fn name_key(text: &str) -> String {
    text.trim_end_matches(|c: char| c == '?' || c.is_whitespace())
        .trim_start()
        .to_lowercase()
        .replace('å', "aa")
}

/// Hands out small numbers for repeated strings: waves, questions and municipalities repeat
/// on every row, so each is stored once while the rows are read.
#[derive(Default)]
pub struct Interner {
    // polars' fast hasher: names are short and hashed once per row.
    ids: PlHashMap<String, u32>,
    names: Vec<String>,
    /// The names' keys, to compare a few words instead of every byte.
    keys: Vec<TextKey>,
    last: Option<u32>,
    /// Names that differ only in case or a closing "?" are one ([`Interner::folding`]).
    folds: bool,
}

impl Interner {
    /// An interner for which "Valgdagen", "valgdagen" and "Valgdagen?" are one name, the
    /// first form met: a question written one way in this week's export and another in last
    /// week's is one question, not two that each hold a part of its answers; "Esbjerg",
    /// "ESBJERG" and "Århus", "Aarhus" one municipality.
    pub fn folding() -> Interner {
        Interner {
            folds: true,
            ..Interner::default()
        }
    }

    /// The text by which names are told apart.
    fn key_of<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.folds { name_key(text).into() } else { text.into() }
    }

    /// The id of `text`, made on first sight.
    #[inline]
    pub fn intern(&mut self, text: &str) -> u32 {
        // Rows come in runs (one municipality's answers, one wave's rows): the last name is
        // checked where the row is read, the rest out of line.
        let key = TextKey::of(text);
        if let Some(last) = self.last
            && let (Some(name), Some(known)) = (self.names.get(last as usize), self.keys.get(last as usize))
            && known.is(name, key, text)
        {
            return last;
        }
        self.intern_other(text, key)
    }

    #[inline(never)]
    fn intern_other(&mut self, text: &str, key: TextKey) -> u32 {
        // Waves, phases and questions are a handful: comparing beats hashing.
        if self.names.len() <= 8
            && let Some(id) = (self.keys.iter().zip(&self.names)).position(|(known, name)| known.is(name, key, text))
        {
            self.last = Some(id as u32);
            return id as u32;
        }
        let folded = self.key_of(text);
        let id = match self.ids.get(folded.as_ref()) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(text.to_string());
                self.keys.push(key);
                self.ids.insert(folded.into_owned(), id);
                id
            }
        };
        self.last = Some(id);
        id
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Interns every name of `other` here: the map from its ids to ours.
    pub(super) fn absorb(&mut self, other: &Interner) -> IdMap {
        IdMap(other.names.iter().map(|name| self.intern(name)).collect())
    }
}

/// From the ids of a part read apart to the ids of the whole.
pub(super) struct IdMap(pub(super) Vec<u32>);

impl IdMap {
    /// The first part of a file, or one that met the same names in the same order.
    fn is_identity(&self) -> bool {
        self.0.iter().enumerate().all(|(i, &id)| i as u32 == id)
    }

    pub(super) fn get(&self, id: u32) -> u32 {
        self.0.get(id as usize).copied().unwrap_or(id)
    }

    pub(super) fn apply(&self, ids: &mut [u32]) {
        if !self.is_identity() {
            ids.iter_mut().for_each(|id| *id = self.get(*id));
        }
    }

    pub(super) fn apply_to_column(&self, ids: UInt32Chunked) -> UInt32Chunked {
        if self.is_identity() {
            ids
        } else {
            ids.apply_values(|id| self.get(id))
        }
    }
}
