//! What an action would act on: the marked rows, or the row under the cursor when none is
//! marked. The action form (`a`, `s`, see [`super::form`]) starts from this.

use super::{App, Marked};
use crate::api::model::OneDrive;
use crate::console::format;

/// The documents and folders an action form is opened for.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub session: String,
    pub onedrive: OneDrive,
    pub items: Vec<Marked>,
    /// Whether the form should open with Save chosen.
    pub save: bool,
}

impl Selection {
    pub fn total_bytes(&self) -> u64 {
        self.items.iter().map(|m| m.size_bytes).sum()
    }

    /// "3 documents and 1 folder, 12.0 MiB".
    pub fn summary(&self) -> String {
        let folders = self.items.iter().filter(|m| m.is_folder).count();
        let documents = self.items.len() - folders;
        let mut parts = Vec::new();
        if documents > 0 {
            parts.push(format::plural(documents, "document", "documents"));
        }
        if folders > 0 {
            parts.push(format::plural(folders, "folder", "folders"));
        }
        format!(
            "{}, {}",
            parts.join(" and "),
            format::size(self.total_bytes())
        )
    }
}

impl App {
    /// The marked rows of the open OneDrive, else the current row; `None` with nothing to act on.
    pub fn selection(&self, save: bool) -> Option<Selection> {
        let onedrive = self.items.onedrive.clone()?;
        let items = if self.items.marks.is_empty() {
            let item = self.items.current()?;
            vec![Marked {
                id: item.id.clone(),
                name: item.name.clone(),
                is_folder: item.is_folder(),
                size_bytes: item.size_bytes.unwrap_or(0),
            }]
        } else {
            self.items.marks.sorted()
        };
        Some(Selection {
            session: self.items.session.clone(),
            onedrive,
            items,
            save,
        })
    }
}
