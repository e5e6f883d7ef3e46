//! The walk inside a restore session: the OneDrive, then the folders, then the document.

use super::{App, Crumb, Pane};
use crate::api::lookup::{Found, examples, find, onedrive_names};
use crate::api::model::Item;
use crate::console::format;

impl App {
    pub(super) fn pick_onedrive(&mut self) {
        let Some(wanted) = self.journey.as_ref().and_then(|j| j.onedrive.clone()) else {
            self.end_walk();
            return;
        };
        let all = &self.onedrives.all;
        let found = find(
            all.iter(),
            wanted.id.as_deref(),
            &wanted.name,
            true,
            onedrive_names,
        );
        let session = self
            .onedrives
            .session
            .as_ref()
            .map(super::session_title)
            .unwrap_or_default();
        let name = &wanted.name;
        let at = match found {
            Found::One(at) => at,
            Found::Nothing => {
                let message = format!(
                    "No OneDrive {name:?} in the restore session {session}; {} OneDrives, e.g. {}",
                    all.len(),
                    examples(all.iter().map(|o| o.name.as_str()))
                );
                return self.stop_walk(message);
            }
            Found::Several(several) => {
                let message = format!(
                    "{name:?} names {} OneDrives in {session}; give the id: {}",
                    several.len(),
                    several
                        .iter()
                        .map(|&at| format!("{} ({})", all[at].name, all[at].id))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return self.stop_walk(message);
            }
        };
        let onedrive = all[at].clone();
        if let Some(position) = self.onedrives.visible.iter().position(|&i| i == at) {
            let rows = self.list_rows();
            self.onedrives.cursor.select_at(position, position, rows);
        }
        self.open_onedrive(onedrive);
        self.next_in_folder();
    }

    /// The walk goes on in the folder just asked for, or ends when nothing is left to find.
    fn next_in_folder(&mut self) {
        let Some(journey) = self.journey.as_mut() else {
            return;
        };
        if journey.path.is_empty() {
            self.end_walk();
        } else {
            journey.step = super::journey::Step::Folder;
        }
    }

    /// Looks for the next folder or document in the rows loaded so far.
    pub(super) fn pick_in_folder(&mut self) {
        let Some(wanted) = self.journey.as_ref().and_then(|j| j.path.front().cloned()) else {
            self.end_walk();
            return;
        };
        let last = self.journey.as_ref().is_some_and(|j| j.path.len() == 1);
        let complete = self.items.complete;
        let listing = &self.items.listing;
        let found = find(
            listing.visible_rows(),
            wanted.id.as_deref(),
            &wanted.name,
            complete,
            |row| (row.item.id.as_str(), vec![row.item.name.as_str()]),
        );
        match found {
            Found::One(at) => {
                let item = listing.visible_row(at).map(|row| row.item.clone());
                if let Some(item) = item {
                    self.arrive_at(at, item, last, complete);
                }
            }
            Found::Nothing if complete => self.not_in_folder(&wanted.name),
            Found::Nothing => {}
            Found::Several(several) => {
                let message = format!(
                    "{:?} names {} rows in {}; open it by hand",
                    wanted.name,
                    several.len(),
                    self.breadcrumb_path()
                );
                self.stop_walk(message);
            }
        }
    }

    /// Found the next step at visible position `at`: a folder is opened, a document gets the
    /// cursor once its folder is complete (later pages could still move it).
    fn arrive_at(&mut self, at: usize, item: Item, last: bool, complete: bool) {
        let rows = self.list_rows();
        if !item.is_folder() {
            if !last {
                let message = format!(
                    "{:?} in {} is a document, not a folder",
                    item.name,
                    self.breadcrumb_path()
                );
                self.items.cursor.select_at(at, at, rows);
                return self.stop_walk(message);
            }
            if complete {
                self.items.cursor.select_at(at, at, rows);
                self.end_walk();
            }
            return;
        }
        self.items.cursor.select_at(at, at, rows);
        let parent_row = self.items.cursor.screen_row();
        self.items.path.push(Crumb {
            id: item.id,
            name: item.name,
            parent_row,
        });
        if let Some(journey) = self.journey.as_mut() {
            journey.path.pop_front();
        }
        self.focus = Pane::Items;
        self.load_folder(None);
        self.next_in_folder();
    }

    fn not_in_folder(&mut self, name: &str) {
        let onedrive = self
            .items
            .onedrive
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let listing = &self.items.listing;
        let message = format!(
            "No {name:?} in {} of {onedrive}; {} rows, e.g. {}",
            self.breadcrumb_path(),
            format::count(listing.loaded()),
            examples(listing.visible_rows().map(|row| row.item.name.as_str()))
        );
        self.stop_walk(message);
    }
}
