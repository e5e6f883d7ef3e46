//! The restore sessions and OneDrives panes: moving, opening, stopping and inspecting.

use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::{App, Cursor, ItemsState, Load, OneDrivesState, Pane};
use crate::api::model::{OneDrive, RestoreSession};
use crate::console::format;
use crate::console::keymap::Action;
use crate::console::request::Request;

impl App {
    pub(super) fn load_sessions(&mut self) {
        self.sessions.load = Load::Loading;
        self.sessions.ticket = Some(self.send(Request::Sessions));
    }

    /// Moves a list cursor for the movement actions; false when the action is not a movement.
    pub(super) fn move_cursor(
        cursor: &mut Cursor,
        action: Action,
        len: usize,
        rows: usize,
    ) -> bool {
        match action {
            Action::Up => cursor.move_by(-1, len, rows),
            Action::Down => cursor.move_by(1, len, rows),
            Action::PageUp => cursor.move_by(-(rows as isize), len, rows),
            Action::PageDown => cursor.move_by(rows as isize, len, rows),
            Action::Top => cursor.top(),
            Action::Bottom => cursor.bottom(len, rows),
            _ => return false,
        }
        true
    }

    pub(super) fn sessions_action(&mut self, action: Action) {
        let rows = self.list_rows();
        let len = self.sessions.list.len();
        if Self::move_cursor(&mut self.sessions.cursor, action, len, rows) {
            return;
        }
        let current = self.current_session().cloned();
        match action {
            Action::Refresh => self.load_sessions(),
            Action::NewSession => self.open_new_session(),
            Action::Open => {
                if let Some(session) = current {
                    self.open_session(session);
                }
            }
            Action::StopSession => {
                if let Some(session) = current {
                    self.ask_stop(&session);
                }
            }
            Action::Events => {
                if let Some(session) = current {
                    self.open_events(&session);
                }
            }
            Action::Details => {
                if let Some(session) = current {
                    let point = self.point_in_time_of(&session);
                    self.overlay = Some(session_details(&session, &point, &self.connection.server));
                }
            }
            Action::CopyId => {
                if let Some(session) = current {
                    self.copy("session id", session.id);
                }
            }
            Action::CopyUrl => {
                let link = current.and_then(|s| s.links.get("self").map(|l| l.href.clone()));
                self.copy_link("session", link);
            }
            _ => {}
        }
    }

    pub(super) fn current_session(&self) -> Option<&RestoreSession> {
        self.sessions.list.get(self.sessions.cursor.selected)
    }

    pub(super) fn open_session(&mut self, session: RestoreSession) {
        let same = self.onedrives.session.as_ref().map(|s| &s.id) == Some(&session.id);
        self.focus = Pane::OneDrives;
        if same && self.onedrives.load != Load::Failed {
            return;
        }
        let request = Request::OneDrives {
            session: session.id.clone(),
        };
        self.onedrives = OneDrivesState {
            session: Some(session),
            load: Load::Loading,
            ..OneDrivesState::default()
        };
        self.onedrives.ticket = Some(self.send(request));
        self.items = ItemsState::default();
        self.note_place();
    }

    fn ask_stop(&mut self, session: &RestoreSession) {
        let question = format!(
            "Stop the restore session {}? Nothing can be restored from it afterwards.",
            session_title(session)
        );
        self.overlay = Some(Overlay::Confirm(Confirm {
            question,
            action: ConfirmAction::StopSession {
                id: session.id.clone(),
            },
        }));
    }

    pub(super) fn stop_session(&mut self, id: String) {
        self.notify("Stopping the restore session…");
        self.send(Request::StopSession { session: id });
    }

    fn open_events(&mut self, session: &RestoreSession) {
        let ticket = self.send(Request::SessionEvents {
            session: session.id.clone(),
        });
        self.overlay = Some(Overlay::Events {
            title: format!("Events of {}", session_title(session)),
            list: Vec::new(),
            cursor: Cursor::default(),
            load: Load::Loading,
            ticket,
        });
    }

    pub(super) fn onedrives_action(&mut self, action: Action) {
        let rows = self.list_rows();
        let len = self.onedrives.visible.len();
        if Self::move_cursor(&mut self.onedrives.cursor, action, len, rows) {
            return;
        }
        let current = self.current_onedrive().cloned();
        match action {
            Action::Back => self.focus = Pane::Sessions,
            Action::Close if !self.onedrives.filter.is_empty() => self.set_onedrive_filter(""),
            Action::Filter => self.start_filter(),
            Action::Refresh => {
                if let Some(session) = self.onedrives.session.clone() {
                    self.onedrives.session = None;
                    self.open_session(session);
                }
            }
            Action::Open => {
                if let Some(onedrive) = current {
                    self.open_onedrive(onedrive);
                }
            }
            Action::Details => {
                if let Some(onedrive) = current {
                    self.overlay = Some(onedrive_details(&onedrive, &self.connection.server));
                }
            }
            Action::CopyId => {
                if let Some(onedrive) = current {
                    self.copy("OneDrive id", onedrive.id);
                }
            }
            Action::CopyUrl => self.copy_link("OneDrive", current.and_then(|o| o.url)),
            _ => {}
        }
    }

    pub(super) fn current_onedrive(&self) -> Option<&OneDrive> {
        let index = *self.onedrives.visible.get(self.onedrives.cursor.selected)?;
        self.onedrives.all.get(index)
    }

    /// Shows only the OneDrives whose name or URL contains the filter.
    pub(super) fn set_onedrive_filter(&mut self, filter: &str) {
        let needle = filter.to_lowercase();
        self.onedrives.filter = filter.to_owned();
        self.onedrives.visible = self
            .onedrives
            .all
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.name.to_lowercase().contains(&needle)
                    || o.url
                        .as_deref()
                        .unwrap_or("")
                        .to_lowercase()
                        .contains(&needle)
            })
            .map(|(i, _)| i)
            .collect();
        let rows = self.list_rows();
        self.onedrives
            .cursor
            .clamp(self.onedrives.visible.len(), rows);
    }

    /// Puts text on the clipboard with OSC 52 and says so.
    pub(super) fn copy(&mut self, what: &str, text: String) {
        self.notify(format!("Copied the {what} to the clipboard"));
        self.effects
            .push(crate::console::request::Effect::Clipboard(text));
    }

    /// Copies a server link, made absolute against the server's address.
    pub(super) fn copy_link(&mut self, what: &str, link: Option<String>) {
        let Some(link) = link.filter(|l| !l.is_empty()) else {
            self.notify(format!("The server gave no URL for this {what}"));
            return;
        };
        let url = if link.starts_with("http") {
            link
        } else {
            format!("{}{}", self.connection.server.trim_end_matches('/'), link)
        };
        self.copy(&format!("{what} URL"), url);
    }
}

/// A session's name as a person knows it: its name, else its organization, else its id.
pub fn session_title(session: &RestoreSession) -> String {
    session
        .name
        .clone()
        .or_else(|| session.organization.clone())
        .unwrap_or_else(|| session.id.clone())
}

fn session_details(session: &RestoreSession, point: &str, server: &str) -> Overlay {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let lines = vec![
        ("Id".to_owned(), session.id.clone()),
        ("Name".to_owned(), text(&session.name)),
        ("Organization".to_owned(), text(&session.organization)),
        ("Point in time".to_owned(), point.to_owned()),
        (
            "Type".to_owned(),
            format!("{} ({})", super::kind_word(&session.kind), session.kind),
        ),
        ("State".to_owned(), session.state.to_string()),
        ("Result".to_owned(), session.result.to_string()),
        ("Created".to_owned(), format::exact(session.creation_time)),
        ("Ended".to_owned(), format::exact(session.end_time)),
        ("Initiated by".to_owned(), text(&session.initiated_by)),
        ("Reason".to_owned(), text(&session.reason)),
    ];
    details(
        format!("Restore session {}", session_title(session)),
        lines,
        &session.links,
        server,
    )
}

fn onedrive_details(onedrive: &OneDrive, server: &str) -> Overlay {
    let lines = vec![
        ("Id".to_owned(), onedrive.id.clone()),
        ("Name".to_owned(), onedrive.name.clone()),
        ("URL".to_owned(), onedrive.url.clone().unwrap_or_default()),
    ];
    details(
        format!("OneDrive of {}", onedrive.name),
        lines,
        &onedrive.links,
        server,
    )
}

/// A details overlay: the given lines, then the resource's links sorted by name, shown
/// relative to the server when they point at it.
pub(super) fn details(
    title: String,
    mut lines: Vec<(String, String)>,
    links: &crate::api::model::Links,
    server: &str,
) -> Overlay {
    let mut names: Vec<&String> = links.keys().collect();
    names.sort();
    let server = server.trim_end_matches('/');
    for name in names {
        let href = &links[name].href;
        let shown = href.strip_prefix(server).unwrap_or(href);
        lines.push((format!("Link {name}"), shown.to_owned()));
    }
    Overlay::Details {
        title,
        lines,
        cursor: Cursor::default(),
    }
}
