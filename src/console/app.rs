//! The console's state and how it changes: keys and replies in, effects out, no I/O.
//!
//! [`App::handle_key`] and [`App::handle_reply`] are the only ways in; what the app wants done
//! (requests to the worker, clipboard writes, suspending) is collected as [`Effect`]s that the
//! event loop takes after each call. Tests drive the app exactly as the loop does.

mod browse;
mod cursor;
mod filter;
mod form;
mod items;
mod journey;
mod journey_drive;
mod listing;
mod log;
mod marks;
mod new_session;
mod overlay;
mod remember;
mod replies;
mod selection;
mod session_words;
mod tasks;

use crossterm::event::{KeyEvent, KeyEventKind};

pub use browse::session_title;
pub use cursor::Cursor;
pub use form::FormPane;
pub use items::{Crumb, ItemsState};
pub use journey::Destination;
pub use listing::{Listing, Row, SortKey};
pub use log::{ActivityLog, Level, LogEntry};
pub use marks::{Marked, Marks};
pub use new_session::{NewSession, NewSessionField, parse_point_in_time};
pub use overlay::{Confirm, ConfirmAction, Overlay, Popup};
pub use selection::Selection;
pub use session_words::{is_other_kind, kind_word};
pub use tasks::TasksState;

use super::keymap::{Action, Context, Keymap};
use super::request::{Effect, Envelope, Request, Ticket};
use super::theme::Theme;
use crate::api::model::{OneDrive, RestoreSession};
use crate::form::FormPresets;

/// Rows the frame takes besides a pane's list: title, breadcrumb, column header, status, hints.
pub const CHROME_ROWS: u16 = 5;
/// Rows a viewer overlay takes besides its lines: the margins, its borders and its header.
pub const VIEWER_CHROME_ROWS: u16 = 7;

/// The server the console is logged in to, as shown in the title and status bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub server: String,
    pub user: String,
    /// The detected API version, such as "v8".
    pub api: String,
    /// Whether the server has v6's search and document versions.
    pub has_search_and_versions: bool,
}

/// The panes one moves between with Tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sessions,
    OneDrives,
    Items,
    /// The task runner's tasks (`t`).
    Tasks,
}

/// Whether a list is being fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Load {
    #[default]
    Idle,
    Loading,
    Failed,
}

/// The restore sessions pane.
#[derive(Debug, Clone, Default)]
pub struct SessionsState {
    pub list: Vec<RestoreSession>,
    pub cursor: Cursor,
    pub load: Load,
    ticket: Option<Ticket>,
}

/// The OneDrives of the opened restore session.
#[derive(Debug, Clone, Default)]
pub struct OneDrivesState {
    pub session: Option<RestoreSession>,
    pub all: Vec<OneDrive>,
    /// Indices into `all` that pass the filter.
    pub visible: Vec<usize>,
    pub filter: String,
    pub cursor: Cursor,
    pub load: Load,
    ticket: Option<Ticket>,
}

/// The whole state of the console.
#[derive(Debug)]
pub struct App {
    pub keymap: Keymap,
    pub theme: Theme,
    pub connection: Connection,
    pub focus: Pane,
    pub sessions: SessionsState,
    pub onedrives: OneDrivesState,
    pub items: ItemsState,
    pub overlay: Option<Overlay>,
    pub popup: Option<Popup>,
    /// The action form, drawn over the panes and given every key while it is open.
    pub form: Option<FormPane>,
    /// What the profile fills into the action form (and whether it allows only Save).
    pub presets: FormPresets,
    /// Whether the server has OneDrive email settings; `None` until asked.
    pub email_settings: Option<bool>,
    pending_form: Option<form::PendingForm>,
    /// The points in time asked for when sessions were started here, by session id; `None`
    /// for the latest backup.
    points_in_time: std::collections::HashMap<String, Option<chrono::DateTime<chrono::Utc>>>,
    pub tasks: TasksState,
    /// The walk to a place given at start, while it is under way.
    journey: Option<journey::Journey>,
    /// The place last handed out to be kept, so that only changes are.
    remembered: Option<crate::console::places::Place>,
    /// The filter being typed, for the pane with the focus.
    pub editing: Option<tui_input::Input>,
    pub notice: Option<String>,
    pub log: ActivityLog,
    /// Tasks still running; the task runner keeps it up to date.
    pub running_tasks: usize,
    pub size: (u16, u16),
    effects: Vec<Effect>,
    next_ticket: u64,
    dirty: bool,
    quit: bool,
}

impl App {
    /// A console showing the restore sessions of `connection`, whose listing is requested.
    pub fn new(connection: Connection, keymap: Keymap, theme: Theme, size: (u16, u16)) -> App {
        let mut app = App {
            keymap,
            theme,
            connection,
            focus: Pane::Sessions,
            sessions: SessionsState::default(),
            onedrives: OneDrivesState::default(),
            items: ItemsState::default(),
            overlay: None,
            popup: None,
            form: None,
            presets: FormPresets::default(),
            email_settings: None,
            pending_form: None,
            points_in_time: Default::default(),
            tasks: TasksState::default(),
            journey: None,
            remembered: None,
            editing: None,
            notice: None,
            log: ActivityLog::default(),
            running_tasks: 0,
            size,
            effects: Vec::new(),
            next_ticket: 0,
            dirty: true,
            quit: false,
        };
        let server = app.connection.server.clone();
        let api = app.connection.api.clone();
        app.log.info(format!("Connected to {server} (API {api})"));
        app.load_sessions();
        app
    }

    /// Takes a key press; releases and repeats are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        self.dirty = true;
        self.notice = None;
        // A key hands the console back to the user: a walk still under way stops.
        if self.is_walking() {
            self.end_walk();
        }
        let context = self.context();
        let action = self.keymap.action(context, &key);
        if matches!(action, Some(Action::ForceQuit)) {
            self.quit = true;
            return;
        }
        if matches!(action, Some(Action::Suspend)) {
            self.effects.push(Effect::Suspend);
            return;
        }
        if self.popup.is_some() {
            self.popup_key(&key);
        } else if self.form.is_some() {
            self.form_key(key);
        } else if self.editing.is_some() {
            self.filter_key(&key);
        } else if self.overlay.is_some() {
            self.overlay_key(&key, action);
        } else if let Some(action) = action {
            self.update(action);
        }
    }

    /// Applies one action to the pane with the focus.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.ask_quit(),
            Action::ForceQuit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Help => self.open_help(),
            Action::Log => {
                self.overlay = Some(Overlay::Log {
                    cursor: Cursor::default(),
                })
            }
            Action::Tasks => self.focus = Pane::Tasks,
            Action::NextPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(-1),
            _ => match self.focus {
                Pane::Sessions => self.sessions_action(action),
                Pane::OneDrives => self.onedrives_action(action),
                Pane::Items => self.items_action(action),
                Pane::Tasks => self.tasks_action(action),
            },
        }
    }

    /// The keymap context of whatever has the keyboard.
    pub fn context(&self) -> Context {
        if self.form.is_some() {
            return Context::Form;
        }
        if self.overlay.as_ref().is_some_and(Overlay::is_viewer) {
            return Context::Viewer;
        }
        self.pane_context()
    }

    /// The keymap context of the pane with the focus, whatever covers it.
    fn pane_context(&self) -> Context {
        match self.focus {
            Pane::Sessions => Context::Sessions,
            Pane::OneDrives => Context::OneDrives,
            Pane::Items => Context::Items,
            Pane::Tasks => Context::Tasks,
        }
    }

    /// The effects queued since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Whether anything changed since the last frame was drawn.
    pub fn needs_redraw(&self) -> bool {
        self.dirty
    }

    pub fn drawn(&mut self) {
        self.dirty = false;
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether any list the user is looking at is still being fetched.
    pub fn is_loading(&self) -> bool {
        let overlay = self.overlay.as_ref().is_some_and(Overlay::is_loading);
        self.sessions.load == Load::Loading
            || self.onedrives.load == Load::Loading
            || self.items.load == Load::Loading
            || self.form_is_opening()
            || overlay
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let rows = self.list_rows();
        self.sessions.cursor.clamp(self.sessions.list.len(), rows);
        self.onedrives
            .cursor
            .clamp(self.onedrives.visible.len(), rows);
        self.items
            .cursor
            .clamp(self.items.listing.visible_len(), rows);
        self.tasks.cursor.clamp(self.tasks.board.tasks.len(), rows);
        self.dirty = true;
    }

    /// How many list rows a pane shows at the current size.
    pub fn list_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(CHROME_ROWS)).max(1)
    }

    /// How many lines a viewer overlay shows at the current size.
    pub fn viewer_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(VIEWER_CHROME_ROWS)).max(1)
    }

    /// Queues a request and returns its ticket.
    fn send(&mut self, request: Request) -> Ticket {
        self.next_ticket += 1;
        let ticket = Ticket(self.next_ticket);
        self.effects
            .push(Effect::Send(Envelope { ticket, request }));
        ticket
    }

    /// Shows a sentence in the status line until the next key, and logs it.
    fn notify(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.log.info(text.clone());
        self.notice = Some(text);
        self.dirty = true;
    }

    fn ask_quit(&mut self) {
        if self.running_tasks == 0 {
            self.quit = true;
            return;
        }
        let question = if self.running_tasks == 1 {
            "1 task is still running. Quit, cancel it and remove its partial files?".to_owned()
        } else {
            format!(
                "{} tasks are still running. Quit, cancel them and remove their partial files?",
                self.running_tasks
            )
        };
        self.overlay = Some(Overlay::Confirm(Confirm {
            question,
            action: ConfirmAction::Quit,
        }));
    }

    fn open_help(&mut self) {
        let context = self.context();
        self.overlay = Some(Overlay::Help {
            context,
            cursor: Cursor::default(),
            under: None,
        });
    }

    fn cycle_pane(&mut self, step: isize) {
        let mut panes = vec![Pane::Sessions];
        if self.onedrives.session.is_some() {
            panes.push(Pane::OneDrives);
        }
        if self.items.onedrive.is_some() {
            panes.push(Pane::Items);
        }
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let next = (at + step).rem_euclid(panes.len() as isize) as usize;
        self.focus = panes[next];
    }

    /// Whether a reply's ticket is the one a slot waits for.
    fn current(slot_ticket: Option<Ticket>, ticket: Ticket) -> bool {
        slot_ticket == Some(ticket)
    }
}

#[cfg(test)]
mod form_tests;
#[cfg(test)]
mod tests;
