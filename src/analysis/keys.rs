//! Several small integer columns as one UInt64 group key. polars hashes a single integer key
//! directly; several keys are first encoded row by row into bytes, which was a fifth of a
//! filter change's time at a million answers (perf, issue 13). Each column's values become
//! codes 0..size and the key is their mixed-radix number; the few result rows are split again.
//! When the sizes multiplied would not fit 64 bits, the columns are grouped by as they are.

use polars::prelude::*;

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
        let lowest = match self {
            Part::Id { .. } => 0,
            Part::Int { min, .. } => i64::from(min),
        };
        (value.saturating_sub(lowest).max(0) as u64 + 1).min(self.size() - 1)
    }

    fn code(self, name: &str) -> Expr {
        let lowest = match self {
            Part::Id { .. } => 0,
            Part::Int { min, .. } => i64::from(min),
        };
        (col(name).cast(DataType::Int64) - lit(lowest) + lit(1i64))
            .fill_null(lit(0i64))
            .cast(DataType::UInt64)
    }

    fn value(self, code: u64) -> Option<i64> {
        let lowest = match self {
            Part::Id { .. } => 0,
            Part::Int { min, .. } => i64::from(min),
        };
        (code > 0).then(|| code as i64 - 1 + lowest)
    }
}

/// The key column's name in a result frame.
const KEY: &str = "key";

/// Columns grouped by together.
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

    /// What to group by: the one packed key, or the columns themselves.
    pub(super) fn exprs(&self) -> Vec<Expr> {
        if !self.packed {
            return self.columns.iter().map(|(name, _)| col(name.as_str())).collect();
        }
        let key = self
            .columns
            .iter()
            .fold(lit(0u64), |key, (name, part)| key * lit(part.size()) + part.code(name));
        vec![key.alias(KEY)]
    }

    /// Each result row's values, column by column as given (ids as numbers, null as None).
    pub(super) fn read(&self, frame: &DataFrame) -> PolarsResult<Vec<Vec<Option<i64>>>> {
        if !self.packed {
            let columns = self
                .columns
                .iter()
                .map(|(name, _)| Ok(frame.column(name)?.cast(&DataType::Int64)?.i64()?.clone()))
                .collect::<PolarsResult<Vec<_>>>()?;
            return Ok((0..frame.height())
                .map(|row| columns.iter().map(|c| c.get(row)).collect())
                .collect());
        }
        let keys = frame.column(KEY)?.u64()?;
        Ok(keys.iter().map(|key| self.decode(key.unwrap_or(0))).collect())
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
    fn packed_keys_read_back_as_the_columns_they_came_from() {
        let frame = df!(
            "wave" => [0u32, 2, 2, 1],
            "week" => [Some(3i32), None, Some(-4), Some(3)],
            "question" => [7u32, 0, 7, 7],
        )
        .unwrap();
        let columns = [
            ("wave", Part::Id { size: 3 }),
            ("week", Part::Int { min: -4, max: 3 }),
            ("question", Part::Id { size: 8 }),
        ];
        let keys = Keys::new(&columns);
        assert!(keys.packed);
        let grouped = frame.lazy().group_by(keys.exprs()).agg([len()]).collect().unwrap();
        let mut rows = keys.read(&grouped).unwrap();
        rows.sort();
        assert_eq!(
            rows,
            vec![
                vec![Some(0), Some(3), Some(7)],
                vec![Some(1), Some(3), Some(7)],
                vec![Some(2), None, Some(0)],
                vec![Some(2), Some(-4), Some(7)],
            ]
        );
        let huge = Keys::new(&[
            ("wave", Part::Id { size: u64::MAX }),
            ("question", Part::Id { size: 8 }),
        ]);
        assert!(
            !huge.packed,
            "too many combinations for 64 bits: grouped by the columns"
        );
    }
}
