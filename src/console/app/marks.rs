//! Marked folders and documents of one OneDrive, kept while the user moves between folders.

use std::collections::HashMap;

use crate::api::model::Item;

/// What is remembered of a marked row, enough to act on it from another folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub id: String,
    pub name: String,
    pub is_folder: bool,
    pub size_bytes: u64,
}

/// The marks of the OneDrive currently open.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    by_id: HashMap<String, Marked>,
    total_bytes: u64,
    folders: usize,
}

impl Marks {
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    pub fn folders(&self) -> usize {
        self.folders
    }

    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Marks the item, or unmarks it when it was marked.
    pub fn toggle(&mut self, item: &Item) {
        if self.contains(&item.id) {
            self.unmark(&item.id);
        } else {
            self.mark(item);
        }
    }

    pub fn mark(&mut self, item: &Item) {
        if self.contains(&item.id) {
            return;
        }
        let marked = Marked {
            id: item.id.clone(),
            name: item.name.clone(),
            is_folder: item.is_folder(),
            size_bytes: item.size_bytes.unwrap_or(0),
        };
        self.total_bytes += marked.size_bytes;
        self.folders += usize::from(marked.is_folder);
        self.by_id.insert(marked.id.clone(), marked);
    }

    pub fn unmark(&mut self, id: &str) {
        if let Some(marked) = self.by_id.remove(id) {
            self.total_bytes -= marked.size_bytes;
            self.folders -= usize::from(marked.is_folder);
        }
    }

    pub fn clear(&mut self) {
        *self = Marks::default();
    }

    /// The marked rows, sorted by name so that a form lists them in a stable order.
    pub fn sorted(&self) -> Vec<Marked> {
        let mut all: Vec<Marked> = self.by_id.values().cloned().collect();
        all.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        all
    }
}
