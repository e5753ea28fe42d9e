//! Cells merged down a column in Excel ("Rul 1" once, beside ten rows of answers): the file
//! keeps the value in the top cell only, and the sheet shows it beside every row. Each cell
//! under the top one reads as the top one's value, in the region's first column (a merge
//! across columns is one value, not one per column).

use super::xlsx::BLOCK_ROWS;

/// One region merged down: its rows after the top one, its first column, the top's text.
struct Region {
    first_row: u32,
    last_row: u32,
    column: u16,
    text: String,
}

/// The regions of a sheet merged down more than one row, found per block of rows.
#[derive(Default)]
pub(super) struct FillDown {
    regions: Vec<Region>,
    /// By block of [`BLOCK_ROWS`] rows: the regions that reach into it.
    by_block: Vec<Vec<u32>>,
}

/// More regions than any hand-made sheet has: past it the cells are left as the file has
/// them (and told as empty cells where they matter).
const MOST_REGIONS: usize = 100_000;

impl FillDown {
    /// `regions`: (top row, first column, last row) of each merged region, rows and columns
    /// from 0; `top_text` gives a region's top cell's text.
    pub(super) fn new(regions: &[(u32, u32, u32)], mut top_text: impl FnMut(u32, u32) -> String) -> FillDown {
        let mut fill = FillDown::default();
        if regions.len() > MOST_REGIONS {
            return fill;
        }
        for &(top, column, last) in regions {
            let (Ok(column), true) = (u16::try_from(column), last > top) else {
                continue;
            };
            let text = top_text(top, u32::from(column));
            if text.is_empty() {
                continue;
            }
            let index = fill.regions.len() as u32;
            let (first_block, last_block) = ((top + 1) as usize / BLOCK_ROWS, last as usize / BLOCK_ROWS);
            if fill.by_block.len() <= last_block {
                fill.by_block.resize_with(last_block + 1, Vec::new);
            }
            for block in fill.by_block.iter_mut().take(last_block + 1).skip(first_block) {
                block.push(index);
            }
            fill.regions.push(Region {
                first_row: top + 1,
                last_row: last,
                column,
                text,
            });
        }
        fill
    }

    /// How many regions were filled down.
    pub(super) fn regions(&self) -> usize {
        self.regions.len()
    }

    /// Writes the merged values into row `index`'s empty cells.
    pub(super) fn apply(&self, index: usize, out: &mut [String]) {
        let Some(list) = self.by_block.get(index / BLOCK_ROWS) else {
            return;
        };
        for region in list.iter().filter_map(|&i| self.regions.get(i as usize)) {
            let inside = (region.first_row as usize..=region.last_row as usize).contains(&index);
            if let Some(slot) = out
                .get_mut(usize::from(region.column))
                .filter(|slot| inside && slot.is_empty())
            {
                slot.push_str(&region.text);
            }
        }
    }
}
