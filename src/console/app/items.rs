//! The items pane: the folders and documents of a OneDrive, opened folder by folder.

use super::browse::details;
use super::overlay::Overlay;
use super::{App, Cursor, Listing, Load, Marks, Pane};
use crate::api::model::{Item, OneDrive};
use crate::console::format;
use crate::console::keymap::Action;
use crate::console::request::{Request, Ticket};

/// A folder on the way down from the OneDrive's root, and where to return to in its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    pub id: String,
    pub name: String,
    /// The screen row the folder had in its parent's list.
    pub parent_row: usize,
}

/// The OneDrive being browsed, the path to the folder shown, its rows and the marks.
#[derive(Debug, Clone, Default)]
pub struct ItemsState {
    pub session: String,
    pub onedrive: Option<OneDrive>,
    pub path: Vec<Crumb>,
    pub listing: Listing,
    pub cursor: Cursor,
    pub load: Load,
    /// Whether every page of the folder has arrived.
    pub complete: bool,
    /// The server search whose results are shown instead of the folder.
    pub search: Option<String>,
    pub marks: Marks,
    pub(super) ticket: Option<Ticket>,
    /// The row to put the cursor on when it arrives, and on which screen row.
    pub(super) reselect: Option<(String, usize)>,
}

impl ItemsState {
    /// The id of the folder shown; `None` at the OneDrive's root.
    pub fn folder(&self) -> Option<&str> {
        self.path.last().map(|crumb| crumb.id.as_str())
    }

    pub fn current(&self) -> Option<&Item> {
        self.listing
            .visible_row(self.cursor.selected)
            .map(|row| &row.item)
    }
}

impl App {
    pub(super) fn open_onedrive(&mut self, onedrive: OneDrive) {
        let same = self.items.onedrive.as_ref().map(|o| &o.id) == Some(&onedrive.id);
        self.focus = Pane::Items;
        if same {
            return;
        }
        let session = self
            .onedrives
            .session
            .as_ref()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        self.items = ItemsState {
            session,
            onedrive: Some(onedrive),
            ..ItemsState::default()
        };
        self.load_folder(None);
    }

    /// Requests the folder at the end of the path, replacing whatever was shown.
    pub(super) fn load_folder(&mut self, reselect: Option<(String, usize)>) {
        let Some(onedrive) = self.items.onedrive.as_ref() else {
            return;
        };
        let request = Request::Items {
            session: self.items.session.clone(),
            onedrive: onedrive.id.clone(),
            folder: self.items.folder().map(str::to_owned),
        };
        self.items.listing = Listing::sorted_like(&self.items.listing);
        self.items.cursor = Cursor::default();
        self.items.load = Load::Loading;
        self.items.complete = false;
        self.items.search = None;
        self.items.reselect = reselect;
        self.items.ticket = Some(self.send(request));
        self.note_place();
    }

    pub(super) fn items_action(&mut self, action: Action) {
        let rows = self.list_rows();
        let len = self.items.listing.visible_len();
        if Self::move_cursor(&mut self.items.cursor, action, len, rows) {
            return;
        }
        match action {
            Action::Open => self.open_item(),
            Action::Back => self.go_up(),
            Action::Close => self.clear_items_view(),
            Action::Refresh => {
                let keep = self
                    .items
                    .current()
                    .map(|i| (i.id.clone(), self.items.cursor.screen_row()));
                self.load_folder(keep);
            }
            Action::Filter => self.start_filter(),
            Action::Sort => {
                let (key, _) = self.items.listing.sort();
                self.resort(key.next(), false);
            }
            Action::ReverseSort => {
                let (key, descending) = self.items.listing.sort();
                self.resort(key, !descending);
            }
            Action::Mark => self.mark_current(),
            Action::MarkAll => self.mark_all_visible(),
            Action::Versions => self.open_versions(),
            Action::Details => self.open_item_details(),
            Action::CopyId => {
                if let Some(id) = self.items.current().map(|i| i.id.clone()) {
                    self.copy("item id", id);
                }
            }
            Action::CopyUrl => {
                let link = self
                    .items
                    .current()
                    .and_then(|i| i.links.get("self").map(|l| l.href.clone()));
                self.copy_link("item", link);
            }
            Action::ActionForm => self.open_action_form(false),
            Action::Save => self.open_action_form(true),
            _ => {}
        }
    }

    fn open_item(&mut self) {
        let Some(item) = self.items.current().cloned() else {
            return;
        };
        if !item.is_folder() {
            self.open_item_details();
            return;
        }
        let parent_row = self.items.cursor.screen_row();
        self.items.path.push(Crumb {
            id: item.id,
            name: item.name,
            parent_row,
        });
        self.load_folder(None);
    }

    /// Goes to the parent folder with the cursor back on the folder just left.
    fn go_up(&mut self) {
        if self.items.search.is_some() {
            self.load_folder(None);
            return;
        }
        let Some(crumb) = self.items.path.pop() else {
            self.focus = Pane::OneDrives;
            return;
        };
        self.load_folder(Some((crumb.id, crumb.parent_row)));
    }

    /// Esc: leaves search results, else clears the filter.
    fn clear_items_view(&mut self) {
        if self.items.search.is_some() {
            self.load_folder(None);
        } else if !self.items.listing.filter().is_empty() {
            self.set_items_filter("");
        }
    }

    fn resort(&mut self, key: super::SortKey, descending: bool) {
        let keep = self.items.current().map(|i| i.id.clone());
        self.items.listing.set_sort(key, descending);
        self.keep_cursor_on(keep);
        let direction = if descending {
            "descending"
        } else {
            "ascending"
        };
        self.notify(format!("Sorted by {}, {direction}", key.label()));
    }

    /// Puts the cursor back on the row with this id after the rows moved.
    pub(super) fn keep_cursor_on(&mut self, id: Option<String>) {
        let rows = self.list_rows();
        let len = self.items.listing.visible_len();
        let position = id.and_then(|id| self.items.listing.position_of(&id));
        match position {
            Some(at) => {
                let screen_row = self.items.cursor.screen_row();
                self.items.cursor.select_at(at, screen_row, rows);
            }
            None => self.items.cursor.clamp(len, rows),
        }
    }

    pub(super) fn set_items_filter(&mut self, filter: &str) {
        let keep = self.items.current().map(|i| i.id.clone());
        self.items.listing.set_filter(filter);
        if keep.is_none() {
            self.items.cursor.top();
        }
        self.keep_cursor_on(keep);
    }

    fn mark_current(&mut self) {
        let Some(item) = self.items.current().cloned() else {
            return;
        };
        self.items.marks.toggle(&item);
        let rows = self.list_rows();
        let len = self.items.listing.visible_len();
        self.items.cursor.move_by(1, len, rows);
    }

    /// Marks every visible row, or unmarks them all when they already are.
    fn mark_all_visible(&mut self) {
        let listing = &self.items.listing;
        let marks = &mut self.items.marks;
        let all_marked = listing
            .visible_rows()
            .all(|row| marks.contains(&row.item.id));
        for row in listing.visible_rows() {
            if all_marked {
                marks.unmark(&row.item.id);
            } else {
                marks.mark(&row.item);
            }
        }
    }

    fn open_versions(&mut self) {
        let Some(item) = self.items.current().cloned() else {
            return;
        };
        if item.is_folder() {
            self.notify("Folders have no versions; choose a document");
            return;
        }
        if !self.connection.has_search_and_versions {
            self.notify(format!(
                "Document versions need API v6 or later; this server speaks {}",
                self.connection.api
            ));
            return;
        }
        let Some(onedrive) = self.items.onedrive.as_ref() else {
            return;
        };
        let request = Request::Versions {
            session: self.items.session.clone(),
            onedrive: onedrive.id.clone(),
            document: item.id.clone(),
        };
        let ticket = self.send(request);
        self.overlay = Some(Overlay::Versions {
            // The server lists the versions before the current one, which is the row itself.
            title: match &item.version {
                Some(now) => format!("Earlier versions of {} (now {now})", item.name),
                None => format!("Earlier versions of {}", item.name),
            },
            list: Vec::new(),
            cursor: Cursor::default(),
            load: Load::Loading,
            ticket,
        });
    }

    fn open_item_details(&mut self) {
        let Some(item) = self.items.current().cloned() else {
            return;
        };
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let size = item
            .size_bytes
            .map(|b| format!("{} bytes ({})", b, format::size(b)))
            .unwrap_or_default();
        let kind = if item.is_folder() {
            "Folder"
        } else {
            "Document"
        };
        let lines = vec![
            ("Id".to_owned(), item.id.clone()),
            ("Name".to_owned(), item.name.clone()),
            ("Kind".to_owned(), kind.to_owned()),
            ("Path".to_owned(), self.breadcrumb_path()),
            ("Size".to_owned(), size),
            ("Version".to_owned(), text(&item.version)),
            (
                "Version id".to_owned(),
                item.version_id.map(|v| v.to_string()).unwrap_or_default(),
            ),
            ("Created".to_owned(), format::exact(item.creation_time)),
            ("Created by".to_owned(), text(&item.created_by)),
            ("Modified".to_owned(), format::exact(item.modification_time)),
            ("Modified by".to_owned(), text(&item.modified_by)),
        ];
        let server = self.connection.server.clone();
        self.overlay = Some(details(
            format!("{kind} {}", item.name),
            lines,
            &item.links,
            &server,
        ));
    }

    /// The folder path shown, as `/Documents/Projects`.
    pub fn breadcrumb_path(&self) -> String {
        let mut path = String::new();
        for crumb in &self.items.path {
            path.push('/');
            path.push_str(&crumb.name);
        }
        if path.is_empty() {
            path.push('/');
        }
        path
    }
}
