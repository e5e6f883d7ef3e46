//! Overlays drawn over the panes (help, log, details, versions, events, forms, questions) and
//! the popup that shows a failure until it is read.

use crossterm::event::{KeyCode, KeyEvent};

use super::new_session::NewSession;
use super::{App, Cursor, Load};
use crate::api::model::{Item, RestoreSessionEvent};
use crate::console::keymap::{Action, Context};
use crate::console::request::Ticket;

/// What covers the panes.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        context: Context,
        cursor: Cursor,
        /// The viewer `?` was pressed in, shown again when help closes.
        under: Option<Box<Overlay>>,
    },
    Log {
        cursor: Cursor,
    },
    Details {
        title: String,
        lines: Vec<(String, String)>,
        cursor: Cursor,
    },
    Versions {
        title: String,
        list: Vec<Item>,
        cursor: Cursor,
        load: Load,
        ticket: Ticket,
    },
    Events {
        title: String,
        list: Vec<RestoreSessionEvent>,
        cursor: Cursor,
        load: Load,
        ticket: Ticket,
    },
    NewSession(NewSession),
    Confirm(Confirm),
}

/// A yes-or-no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub action: ConfirmAction,
}

/// What a confirmed question does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    StopSession { id: String },
    Quit,
}

/// A failure shown until Esc or Enter closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Popup {
    pub title: String,
    pub message: String,
}

impl Overlay {
    /// Whether the overlay only shows lines to scroll through.
    pub fn is_viewer(&self) -> bool {
        !matches!(self, Overlay::NewSession(_) | Overlay::Confirm(_))
    }

    pub fn is_loading(&self) -> bool {
        match self {
            Overlay::Versions { load, .. } | Overlay::Events { load, .. } => *load == Load::Loading,
            Overlay::NewSession(form) => form.load == Load::Loading || form.submitting,
            _ => false,
        }
    }

    fn cursor_and_len(&mut self, log_len: usize, help_len: usize) -> Option<(&mut Cursor, usize)> {
        match self {
            Overlay::Help { cursor, .. } => Some((cursor, help_len)),
            Overlay::Log { cursor } => Some((cursor, log_len)),
            Overlay::Details { cursor, lines, .. } => Some((cursor, lines.len())),
            Overlay::Versions { cursor, list, .. } => Some((cursor, list.len())),
            Overlay::Events { cursor, list, .. } => Some((cursor, list.len())),
            Overlay::NewSession(_) | Overlay::Confirm(_) => None,
        }
    }
}

impl App {
    /// The overlay replies land in: the one on top, or the viewer under help.
    pub(super) fn shown_viewer(&mut self) -> Option<&mut Overlay> {
        match self.overlay.as_mut() {
            Some(Overlay::Help {
                under: Some(viewer),
                ..
            }) => Some(viewer.as_mut()),
            other => other,
        }
    }

    pub(super) fn popup_key(&mut self, key: &KeyEvent) {
        if matches!(key.code, KeyCode::Esc | KeyCode::Enter) {
            self.popup = None;
        }
    }

    /// Shows a failure as a popup and in the log.
    pub(super) fn fail(&mut self, title: String, message: String) {
        self.log.error(format!("{title}: {message}"));
        self.popup = Some(Popup { title, message });
    }

    pub(super) fn overlay_key(&mut self, key: &KeyEvent, action: Option<Action>) {
        match self.overlay.as_ref() {
            Some(Overlay::NewSession(_)) => self.new_session_key(key),
            Some(Overlay::Confirm(_)) => self.confirm_key(key),
            Some(_) => self.viewer_action(action),
            None => {}
        }
    }

    fn viewer_action(&mut self, action: Option<Action>) {
        let Some(action) = action else { return };
        if let Some(Overlay::Help { under, .. }) = self.overlay.as_mut()
            && matches!(action, Action::Close | Action::Help | Action::Back)
        {
            self.overlay = under.take().map(|viewer| *viewer);
            return;
        }
        if action == Action::Help {
            let viewer = self.overlay.take().map(Box::new);
            self.overlay = Some(Overlay::Help {
                context: Context::Viewer,
                cursor: Cursor::default(),
                under: viewer,
            });
            return;
        }
        if matches!(action, Action::Close | Action::Back) {
            self.overlay = None;
            return;
        }
        let rows = self.viewer_rows();
        let help_len = match &self.overlay {
            Some(Overlay::Help { context, .. }) => self.keymap.help(*context).len(),
            _ => 0,
        };
        let log_len = self.log.len();
        let Some((cursor, len)) = self
            .overlay
            .as_mut()
            .and_then(|o| o.cursor_and_len(log_len, help_len))
        else {
            return;
        };
        match action {
            Action::Up => cursor.move_by(-1, len, rows),
            Action::Down => cursor.move_by(1, len, rows),
            Action::PageUp => cursor.move_by(-(rows as isize), len, rows),
            Action::PageDown => cursor.move_by(rows as isize, len, rows),
            Action::Top => cursor.top(),
            Action::Bottom => cursor.bottom(len, rows),
            _ => {}
        }
    }

    fn confirm_key(&mut self, key: &KeyEvent) {
        let yes = matches!(
            key.code,
            KeyCode::Enter | KeyCode::Char('y') | KeyCode::Char('Y')
        );
        let no = matches!(
            key.code,
            KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('N')
        );
        if !yes && !no {
            return;
        }
        let Some(Overlay::Confirm(confirm)) = self.overlay.take() else {
            return;
        };
        if no {
            return;
        }
        match confirm.action {
            ConfirmAction::Quit => self.quit = true,
            ConfirmAction::StopSession { id } => self.stop_session(id),
        }
    }
}
