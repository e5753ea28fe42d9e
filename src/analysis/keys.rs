//! Several small integer columns as one 64-bit key for [`counts`](super::counts): each
//! column's values become codes 0..size (0 for null) and the key is their mixed-radix number,
//! hashed as one integer; the few counted keys are split again. When the sizes multiplied would
//! not fit 64 bits, the codes are counted as a list.

/// How one column becomes a code.
#[derive(Clone, Copy, Debug)]
pub(super) enum Part {
    /// An id into a list of `size` names; null is code 0.
    Id { size: u64 },
    /// An Int32 from `min` to `max`; null is code 0.
    Int { min: i32, max: i32 },
}

impl Part {
    pub(super) fn size(self) -> u64 {
        match self {
            Part::Id { size } => size.saturating_add(1),
            Part::Int { min, max } => (i64::from(max) - i64::from(min)).max(0) as u64 + 2,
        }
    }

    /// The code of a value: 1 + its distance from the smallest, 0 for null. A value outside the
    /// range (never, as the range is the data's own) would be a wrong group, so it is clamped
    /// into the range rather than let overflow into another column's digits.
    pub(super) fn code_of(self, value: Option<i64>) -> u64 {
        let Some(value) = value else { return 0 };
        (value.saturating_sub(self.lowest()).max(0) as u64 + 1).min(self.size() - 1)
    }

    fn value(self, code: u64) -> Option<i64> {
        (code > 0).then(|| code as i64 - 1 + self.lowest())
    }

    /// The value of code 1.
    fn lowest(self) -> i64 {
        match self {
            Part::Id { .. } => 0,
            Part::Int { min, .. } => i64::from(min),
        }
    }
}

/// Columns counted by together.
pub(super) struct Keys {
    columns: Vec<(String, Part)>,
    packed: bool,
}

impl Keys {
    pub(super) fn new(columns: &[(&str, Part)]) -> Keys {
        let packed = columns
            .iter()
            .try_fold(1u64, |product, (_, part)| product.checked_mul(part.size()))
            .is_some();
        Keys {
            columns: columns.iter().map(|(name, part)| (name.to_string(), *part)).collect(),
            packed,
        }
    }

    /// The values of one row's codes, column by column (ids as numbers, null as None).
    pub(super) fn values(&self, codes: &[u64]) -> Vec<Option<i64>> {
        self.columns
            .iter()
            .zip(codes)
            .map(|((_, part), code)| part.value(*code))
            .collect()
    }

    /// Whether the columns are packed into one key (their sizes multiplied fit 64 bits).
    pub(super) fn packed(&self) -> bool {
        self.packed
    }

    pub(super) fn columns(&self) -> &[(String, Part)] {
        &self.columns
    }

    /// A packed key's values, column by column (ids as numbers, null as None).
    pub(super) fn decode(&self, mut key: u64) -> Vec<Option<i64>> {
        let mut values: Vec<Option<i64>> = self
            .columns
            .iter()
            .rev()
            .map(|(_, part)| {
                let size = part.size();
                let code = key % size;
                key /= size;
                part.value(code)
            })
            .collect();
        values.reverse();
        values
    }
}

/// An id read back from [`Keys::read`].
pub(super) fn id(value: Option<&Option<i64>>) -> u32 {
    value
        .copied()
        .flatten()
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(u32::MAX)
}

/// An Int32 read back from [`Keys::read`].
pub(super) fn int(value: Option<&Option<i64>>) -> Option<i32> {
    value.copied().flatten().and_then(|v| i32::try_from(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_keys_read_back_as_the_values_they_came_from() {
        let keys = Keys::new(&[
            ("wave", Part::Id { size: 3 }),
            ("week", Part::Int { min: -4, max: 3 }),
            ("question", Part::Id { size: 8 }),
        ]);
        assert!(keys.packed());
        let rows = [
            [Some(0), Some(3), Some(7)],
            [Some(2), None, Some(0)],
            [None, Some(-4), Some(7)],
            [Some(1), Some(3), None],
        ];
        for row in rows {
            let key = keys
                .columns()
                .iter()
                .zip(row)
                .fold(0u64, |key, ((_, part), value)| key * part.size() + part.code_of(value));
            assert_eq!(keys.decode(key), row.to_vec());
        }
        let huge = Keys::new(&[
            ("wave", Part::Id { size: u64::MAX }),
            ("question", Part::Id { size: 8 }),
        ]);
        assert!(!huge.packed(), "too many combinations for 64 bits: counted as lists");
    }
}
