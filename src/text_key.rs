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
                let word = short_word(bytes);
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

/// Up to eight bytes as a little-endian word, zero-padded, built in registers: copying them
/// into a zeroed array and reading it back stalls on the store (a third of the profile's time
/// went there).
#[inline]
pub(crate) fn short_word(bytes: &[u8]) -> u64 {
    let length = bytes.len();
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        if length >= 8 {
            return bytes.first_chunk::<8>().map_or(0, |word| u64::from_le_bytes(*word));
        }
        // Four to seven bytes: the first four and the last four, overlapping in the middle
        // (where both hold the same bytes).
        let (first, last) = (
            u64::from(u32::from_le_bytes(*first)),
            u64::from(u32::from_le_bytes(*last)),
        );
        return first | last << (8 * (length - 4));
    }
    // One to three bytes: the first, the middle and the last (some the same byte).
    let byte = |at: usize| bytes.get(at).map_or(0, |&b| u64::from(b)) << (8 * at);
    match length {
        0 => 0,
        _ => byte(0) | byte(length / 2) | byte(length - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_word_is_the_bytes_zero_padded() {
        let bytes = b"\x01\x82\x03\xF4\x05\x06\x07\xF8\x09";
        for start in 0..bytes.len() {
            for end in start..=bytes.len() {
                let part = &bytes[start..end];
                let mut padded = [0u8; 8];
                padded.iter_mut().zip(part).for_each(|(to, from)| *to = *from);
                assert_eq!(short_word(part), u64::from_le_bytes(padded), "{part:x?}");
            }
        }
    }

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
