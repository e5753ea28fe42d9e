//! A short text's fingerprint for finding it among a few known ones without hashing it or
//! calling `memcmp`: its length and its first and last eight bytes. The values of a survey
//! column ("4", "Ved ikke", "Rul 2", a question's name) repeat on every row, and comparing
//! three words per known value beats hashing every byte of every value.

/// The length and the first and last eight bytes of a text (zero-padded when shorter). Texts
/// of up to 16 bytes are wholly in the key: equal keys are equal texts. Longer texts with
/// equal keys still need their bytes compared ([`TextKey::is`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TextKey {
    len: usize,
    head: u64,
    tail: u64,
}

/// Texts up to this long are wholly held by their key.
const WHOLE: usize = 16;

impl TextKey {
    #[inline]
    pub fn of(text: &str) -> TextKey {
        let bytes = text.as_bytes();
        let (head, tail) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
            _ => {
                let mut padded = [0u8; 8];
                padded.iter_mut().zip(bytes).for_each(|(to, from)| *to = *from);
                let word = u64::from_le_bytes(padded);
                (word, word)
            }
        };
        TextKey {
            len: bytes.len(),
            head,
            tail,
        }
    }

    /// True when `text`, whose key is `key`, is `known`, whose key this is.
    #[inline]
    pub fn is(self, known: &str, key: TextKey, text: &str) -> bool {
        self == key && (self.len <= WHOLE || known == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_texts_apart_exactly_as_comparing_them_does() {
        let texts = [
            "",
            "4",
            "4 ",
            "3,5",
            "Ved ikke",
            "Ved ikkE",
            "ved ikke",
            "Rul 1",
            "Rul 2",
            "Køge",
            "Køge ",
            "Hverken tilfreds",
            "Hverken tilfreds eller utilfreds",
            "Hverken tilfreds eller Utilfreds",
            "Hverken Tilfreds eller utilfreds",
            "12345678",
            "123456789",
            "1234567890123456",
            "1234567890123457",
            "12345678901234567",
            "02345678901234567",
            "\0",
            "\0\0",
        ];
        for a in texts {
            for b in texts {
                let (key_a, key_b) = (TextKey::of(a), TextKey::of(b));
                assert_eq!(key_a.is(a, key_b, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
