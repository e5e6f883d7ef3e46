//! Replies from the worker, routed to the pane or overlay that asked; stale ones are dropped.

use super::overlay::Overlay;
use super::{App, Load};
use crate::api::model::{Item, RestoreSession};
use crate::console::format;
use crate::console::request::{Failure, Reply, ReplyBody, Ticket};

impl App {
    /// Takes the worker's answer to one of the app's requests.
    pub fn handle_reply(&mut self, reply: Reply) {
        self.dirty = true;
        let Reply { ticket, body } = reply;
        self.route(ticket, body);
        self.walk();
    }

    fn route(&mut self, ticket: Ticket, body: ReplyBody) {
        match body {
            ReplyBody::Sessions(list) => self.sessions_arrived(ticket, list),
            ReplyBody::OneDrives(list) => {
                if Self::current(self.onedrives.ticket, ticket) {
                    self.onedrives.all = list;
                    self.onedrives.load = Load::Idle;
                    let filter = self.onedrives.filter.clone();
                    self.set_onedrive_filter(&filter);
                }
            }
            ReplyBody::ItemsPage { items, done } => self.page_arrived(ticket, items, done),
            ReplyBody::SearchResults(items) => self.page_arrived(ticket, items, true),
            ReplyBody::Organizations(list) if self.walk_organizations(ticket, &list) => {}
            ReplyBody::Organizations(list) => match self.overlay.as_mut() {
                Some(Overlay::NewSession(form)) if form.ticket == ticket => {
                    form.organizations = list;
                    form.load = Load::Idle;
                }
                _ => {}
            },
            ReplyBody::Explored(session) => self.explored(ticket, *session),
            ReplyBody::Stopped => {
                self.notify("The restore session was stopped");
                self.load_sessions();
            }
            ReplyBody::Versions(list) => match self.shown_viewer() {
                Some(Overlay::Versions {
                    list: shown,
                    load,
                    ticket: t,
                    ..
                }) if *t == ticket => {
                    *shown = list;
                    *load = Load::Idle;
                }
                _ => {}
            },
            ReplyBody::Events(list) => match self.shown_viewer() {
                Some(Overlay::Events {
                    list: shown,
                    load,
                    ticket: t,
                    ..
                }) if *t == ticket => {
                    *shown = list;
                    *load = Load::Idle;
                }
                _ => {}
            },
            ReplyBody::EmailSettings(known) => self.email_settings_known(ticket, known),
            ReplyBody::EmailSettingsSaved => self.email_settings_saved(ticket),
            ReplyBody::DeviceCode(code) => self.device_code_arrived(ticket, code),
            ReplyBody::Submitted(ids) => self.submitted(ticket, ids),
            ReplyBody::Done => {}
            ReplyBody::Board(board) => self.board_arrived(board),
            ReplyBody::TaskEnded(task) => self.task_ended(*task),
            ReplyBody::Failed(failure) => self.failed(ticket, failure),
        }
    }

    fn sessions_arrived(&mut self, ticket: Ticket, list: Vec<RestoreSession>) {
        if !Self::current(self.sessions.ticket, ticket) {
            return;
        }
        let keep = self.current_session().map(|s| s.id.clone());
        self.sessions.list = list;
        self.sessions.load = Load::Idle;
        let rows = self.list_rows();
        let at = keep.and_then(|id| self.sessions.list.iter().position(|s| s.id == id));
        match at {
            Some(at) => {
                let row = self.sessions.cursor.screen_row();
                self.sessions.cursor.select_at(at, row, rows);
            }
            None => self.sessions.cursor.clamp(self.sessions.list.len(), rows),
        }
    }

    fn page_arrived(&mut self, ticket: Ticket, items: Vec<Item>, done: bool) {
        if !Self::current(self.items.ticket, ticket) {
            return;
        }
        let keep = self.items.current().map(|i| i.id.clone());
        let moved = self.items.cursor.selected > 0;
        self.items.listing.append(items);
        self.items.complete = done;
        if done {
            self.items.load = Load::Idle;
        }
        let reselect = self.items.reselect.as_ref().and_then(|(id, row)| {
            let at = self.items.listing.position_of(id)?;
            Some((at, *row))
        });
        if let Some((at, row)) = reselect {
            self.items.reselect = None;
            let rows = self.list_rows();
            self.items.cursor.select_at(at, row, rows);
            return;
        }
        if moved {
            self.keep_cursor_on(keep);
        } else {
            self.items.cursor.top();
        }
    }

    fn explored(&mut self, ticket: Ticket, session: RestoreSession) {
        let ours = matches!(&self.overlay, Some(Overlay::NewSession(f)) if f.ticket == ticket);
        if ours {
            if let Some(Overlay::NewSession(form)) = self.overlay.take() {
                self.remember_point_in_time(&session.id, &form);
            }
            self.overlay = None;
        }
        let title = super::browse::session_title(&session);
        self.notify(format!("Started the restore session {title}"));
        self.sessions.list.insert(0, session.clone());
        self.sessions.cursor.top();
        self.load_sessions();
        self.walk_explored(ticket, &session);
    }

    fn failed(&mut self, ticket: Ticket, failure: Failure) {
        self.walk_failed(ticket);
        if self.form_request_failed(ticket, &failure.message) {
            return;
        }
        if self.email_settings_failed(ticket) {
            self.log
                .error(format!("Failed {}: {}", failure.what, failure.message));
            return;
        }
        if Self::current(self.sessions.ticket, ticket) {
            self.sessions.load = Load::Failed;
        }
        if Self::current(self.onedrives.ticket, ticket) {
            self.onedrives.load = Load::Failed;
        }
        if Self::current(self.items.ticket, ticket) {
            self.items.load = Load::Failed;
        }
        match self.shown_viewer() {
            Some(Overlay::NewSession(form)) if form.ticket == ticket => {
                form.load = Load::Failed;
                form.submitting = false;
            }
            Some(
                Overlay::Versions {
                    load, ticket: t, ..
                }
                | Overlay::Events {
                    load, ticket: t, ..
                },
            ) if *t == ticket => {
                *load = Load::Failed;
            }
            _ => {}
        }
        let title = format!("Failed {}", failure.what);
        self.fail(title, failure.message);
    }

    /// The status of the items listing in words: "1,000 loaded, more coming".
    pub fn items_progress(&self) -> String {
        let loaded = format::count(self.items.listing.loaded());
        match self.items.load {
            Load::Loading if self.items.listing.loaded() == 0 => "loading…".to_owned(),
            Load::Loading => format!("{loaded} loaded, more coming"),
            Load::Failed if self.items.listing.loaded() == 0 => "loading failed".to_owned(),
            Load::Failed => format!("{loaded} loaded, the rest failed"),
            Load::Idle => format!("{loaded} loaded"),
        }
    }
}
