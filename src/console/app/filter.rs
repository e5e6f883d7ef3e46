//! The filter line (`/`): narrows the loaded rows as one types; on v6 and later, Enter in the
//! items pane asks the server to search the whole folder instead.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{App, Load, Pane};
use crate::console::request::Request;

impl App {
    pub(super) fn start_filter(&mut self) {
        let current = match self.focus {
            Pane::Items => self.items.listing.filter().to_owned(),
            Pane::OneDrives => self.onedrives.filter.clone(),
            _ => return,
        };
        self.editing = Some(Input::new(current));
    }

    pub(super) fn filter_key(&mut self, key: &KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.editing = None;
                self.apply_filter("");
            }
            KeyCode::Enter => {
                let text = self.editing.take().map(|i| i.value().to_owned());
                let text = text.unwrap_or_default();
                if self.focus == Pane::Items && !text.trim().is_empty() {
                    self.search_or_keep(text.trim());
                }
            }
            _ => {
                let Some(input) = self.editing.as_mut() else {
                    return;
                };
                if input.handle_event(&Event::Key(*key)).is_some() {
                    let text = input.value().to_owned();
                    self.apply_filter(&text);
                }
            }
        }
    }

    fn apply_filter(&mut self, text: &str) {
        match self.focus {
            Pane::Items => self.set_items_filter(text),
            Pane::OneDrives => self.set_onedrive_filter(text),
            _ => {}
        }
    }

    /// Enter in the items filter: a server search on v6+, else the filter simply stays.
    fn search_or_keep(&mut self, query: &str) {
        if !self.connection.has_search_and_versions {
            self.notify(format!(
                "Filtering the {} loaded rows; server search needs API v6 or later",
                crate::console::format::count(self.items.listing.loaded())
            ));
            return;
        }
        let Some(onedrive) = self.items.onedrive.as_ref() else {
            return;
        };
        let request = Request::Search {
            session: self.items.session.clone(),
            onedrive: onedrive.id.clone(),
            folder: self.items.folder().map(str::to_owned),
            query: query.to_owned(),
        };
        self.items.listing = super::Listing::sorted_like(&self.items.listing);
        self.items.cursor = super::Cursor::default();
        self.items.load = Load::Loading;
        self.items.complete = false;
        self.items.search = Some(query.to_owned());
        self.items.reselect = None;
        self.items.ticket = Some(self.send(request));
    }
}
