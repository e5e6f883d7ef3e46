//! The loaded rows of a folder: kept in arrival order, shown sorted and filtered.
//!
//! Rows are stored once and never moved; `order` holds their indices sorted (folders first),
//! and `visible` the sorted indices that pass the filter. A page that arrives is sorted on its
//! own and merged into `order`, so loading 100,000 rows page by page stays linear per page.

use std::cmp::Ordering;

use crate::api::model::Item;

/// What the rows are sorted by; folders always come before documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Size,
    Modified,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::Size,
            SortKey::Size => SortKey::Modified,
            SortKey::Modified => SortKey::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Size => "size",
            SortKey::Modified => "modified",
        }
    }
}

/// A loaded row with its name folded for filtering and sorting.
#[derive(Debug, Clone)]
pub struct Row {
    pub item: Item,
    pub folded: String,
}

/// The rows of one folder (or of one search) and how they are shown.
#[derive(Debug, Clone)]
pub struct Listing {
    rows: Vec<Row>,
    order: Vec<u32>,
    visible: Vec<u32>,
    sort: SortKey,
    descending: bool,
    filter: String,
}

impl Default for Listing {
    fn default() -> Listing {
        Listing {
            rows: Vec::new(),
            order: Vec::new(),
            visible: Vec::new(),
            sort: SortKey::Name,
            descending: false,
            filter: String::new(),
        }
    }
}

impl Listing {
    /// An empty listing that keeps the sort of `previous`.
    pub fn sorted_like(previous: &Listing) -> Listing {
        Listing {
            sort: previous.sort,
            descending: previous.descending,
            ..Listing::default()
        }
    }

    pub fn loaded(&self) -> usize {
        self.rows.len()
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn sort(&self) -> (SortKey, bool) {
        (self.sort, self.descending)
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The row at a visible position.
    pub fn visible_row(&self, position: usize) -> Option<&Row> {
        let index = *self.visible.get(position)?;
        self.rows.get(index as usize)
    }

    /// The visible rows from `start`, at most `count` of them.
    pub fn window(&self, start: usize, count: usize) -> impl Iterator<Item = &Row> {
        let end = (start + count).min(self.visible.len());
        let start = start.min(end);
        self.visible[start..end]
            .iter()
            .map(|&index| &self.rows[index as usize])
    }

    /// Every visible row, in order.
    pub fn visible_rows(&self) -> impl Iterator<Item = &Row> + Clone {
        self.visible.iter().map(|&index| &self.rows[index as usize])
    }

    /// The visible position of the row with this id.
    pub fn position_of(&self, id: &str) -> Option<usize> {
        self.visible
            .iter()
            .position(|&index| self.rows[index as usize].item.id == id)
    }

    /// Adds a page of rows, merging them into the sorted order.
    pub fn append(&mut self, items: Vec<Item>) {
        let first = self.rows.len() as u32;
        self.rows.extend(items.into_iter().map(|item| Row {
            folded: item.name.to_lowercase(),
            item,
        }));
        let mut fresh: Vec<u32> = (first..self.rows.len() as u32).collect();
        fresh.sort_by(|&a, &b| self.compare(a, b));
        self.order = merge(&self.order, &fresh, |a, b| self.compare(a, b));
        self.refilter();
    }

    /// Sorts by `key`, or reverses the direction when it is already the key.
    pub fn set_sort(&mut self, key: SortKey, descending: bool) {
        self.sort = key;
        self.descending = descending;
        let mut order = std::mem::take(&mut self.order);
        order.sort_by(|&a, &b| self.compare(a, b));
        self.order = order;
        self.refilter();
    }

    /// Shows only rows whose name contains `filter`, ignoring case.
    pub fn set_filter(&mut self, filter: &str) {
        let folded = filter.to_lowercase();
        let narrowing = !self.filter.is_empty() && folded.contains(self.filter.as_str());
        self.filter = folded;
        if narrowing {
            let rows = &self.rows;
            let needle = self.filter.as_str();
            self.visible
                .retain(|&index| rows[index as usize].folded.contains(needle));
        } else {
            self.refilter();
        }
    }

    fn refilter(&mut self) {
        if self.filter.is_empty() {
            self.visible.clone_from(&self.order);
            return;
        }
        let needle = self.filter.as_str();
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&index| self.rows[index as usize].folded.contains(needle))
            .collect();
    }

    fn compare(&self, a: u32, b: u32) -> Ordering {
        let (left, right) = (&self.rows[a as usize], &self.rows[b as usize]);
        let folders = right.item.is_folder().cmp(&left.item.is_folder());
        if folders != Ordering::Equal {
            return folders;
        }
        let by_key = match self.sort {
            SortKey::Name => Ordering::Equal,
            SortKey::Size => left.item.size_bytes.cmp(&right.item.size_bytes),
            SortKey::Modified => left
                .item
                .modification_time
                .cmp(&right.item.modification_time),
        };
        let ordering = by_key
            .then_with(|| left.folded.cmp(&right.folded))
            .then_with(|| a.cmp(&b));
        if self.descending {
            ordering.reverse()
        } else {
            ordering
        }
    }
}

/// Merges two sorted index lists.
fn merge(left: &[u32], right: &[u32], compare: impl Fn(u32, u32) -> Ordering) -> Vec<u32> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if compare(left[i], right[j]) == Ordering::Greater {
            out.push(right[j]);
            j += 1;
        } else {
            out.push(left[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, folder: bool, size: u64) -> Item {
        serde_json::from_value(serde_json::json!({
            "id": format!("id-{name}"), "name": name, "isFolder": folder,
            "sizeBytes": if folder { None } else { Some(size) },
        }))
        .expect("item")
    }

    fn names(listing: &Listing) -> Vec<&str> {
        listing
            .visible_rows()
            .map(|row| row.item.name.as_str())
            .collect()
    }

    #[test]
    fn pages_merge_into_one_sorted_order_with_folders_first() {
        let mut listing = Listing::default();
        listing.append(vec![item("b.txt", false, 5), item("Zeta", true, 0)]);
        listing.append(vec![item("a.txt", false, 9), item("Alpha", true, 0)]);
        assert_eq!(names(&listing), ["Alpha", "Zeta", "a.txt", "b.txt"]);
        listing.set_sort(SortKey::Size, true);
        assert_eq!(names(&listing), ["Zeta", "Alpha", "a.txt", "b.txt"]);
    }

    #[test]
    fn the_filter_narrows_and_widens_ignoring_case() {
        let mut listing = Listing::default();
        listing.append(vec![
            item("Report 2024.docx", false, 1),
            item("report-final.pdf", false, 2),
            item("notes.txt", false, 3),
        ]);
        listing.set_filter("rep");
        assert_eq!(listing.visible_len(), 2);
        listing.set_filter("repo");
        listing.set_filter("report-");
        assert_eq!(names(&listing), ["report-final.pdf"]);
        listing.set_filter("");
        assert_eq!(listing.visible_len(), 3);
        assert_eq!(listing.position_of("id-notes.txt"), Some(0));
    }

    #[test]
    fn a_window_never_runs_past_the_end() {
        let mut listing = Listing::default();
        listing.append(
            (0..10)
                .map(|n| item(&format!("{n:02}"), false, n))
                .collect(),
        );
        assert_eq!(listing.window(8, 5).count(), 2);
        assert_eq!(listing.window(20, 5).count(), 0);
    }
}
