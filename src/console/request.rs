//! The messages between the app and the worker that talks to the server.
//!
//! The app never awaits the network: it queues [`Request`]s, the worker answers each with a
//! [`Reply`] carrying the same ticket, and the app drops replies whose ticket it no longer
//! waits for.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::api::model::{
    DeviceCode, Item, OneDrive, Organization, RestoreSession, RestoreSessionEvent,
};
use crate::form::{EmailSettingsSubmission, FormSubmission};
use crate::tasks::{Board, Task, TaskId};

/// Identifies one request so that its reply can be matched, or ignored when stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ticket(pub u64);

impl Ticket {
    /// The ticket of the runner's own news (board changes, ended tasks); the app never asks
    /// with it, since its tickets start at 1.
    pub const RUNNER: Ticket = Ticket(0);
}

/// A listing kind of which only the newest request matters: a newer one cancels an older one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Sessions,
    Organizations,
    OneDrives,
    Items,
    Viewer,
}

/// What the app asks the worker to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Sessions,
    Organizations,
    Explore {
        organization: String,
        at: Option<DateTime<Utc>>,
        show_deleted: bool,
        show_all_versions: bool,
    },
    StopSession {
        session: String,
    },
    SessionEvents {
        session: String,
    },
    OneDrives {
        session: String,
    },
    Items {
        session: String,
        onedrive: String,
        folder: Option<String>,
    },
    Search {
        session: String,
        onedrive: String,
        folder: Option<String>,
        query: String,
    },
    Versions {
        session: String,
        onedrive: String,
        document: String,
    },
    /// Whether the server has OneDrive email settings (the send action needs them).
    EmailSettings,
    PutEmailSettings(Box<EmailSettingsSubmission>),
    DeviceCode {
        session: String,
        application_id: Option<String>,
    },
    /// Hand every task of a checked form to the task runner, once.
    Submit(Box<FormSubmission>),
    CancelTask(TaskId),
    RetryTask(TaskId),
    ClearFinishedTasks,
}

impl Request {
    /// The slot this request replaces an older one in; `None` for requests that must finish.
    pub fn slot(&self) -> Option<Slot> {
        match self {
            Request::Sessions => Some(Slot::Sessions),
            Request::Organizations => Some(Slot::Organizations),
            Request::OneDrives { .. } => Some(Slot::OneDrives),
            Request::Items { .. } | Request::Search { .. } => Some(Slot::Items),
            Request::SessionEvents { .. } | Request::Versions { .. } => Some(Slot::Viewer),
            Request::Explore { .. }
            | Request::StopSession { .. }
            | Request::EmailSettings
            | Request::PutEmailSettings(_)
            | Request::DeviceCode { .. }
            | Request::Submit(_)
            | Request::CancelTask(_)
            | Request::RetryTask(_)
            | Request::ClearFinishedTasks => None,
        }
    }

    /// What the request does, for error messages: "listing the restore sessions".
    pub fn describe(&self) -> String {
        match self {
            Request::Sessions => "listing the restore sessions".to_owned(),
            Request::Organizations => "listing the organizations".to_owned(),
            Request::Explore { .. } => "starting a restore session".to_owned(),
            Request::StopSession { .. } => "stopping the restore session".to_owned(),
            Request::SessionEvents { .. } => "reading the session's events".to_owned(),
            Request::OneDrives { .. } => "listing the OneDrives".to_owned(),
            Request::Items { .. } => "listing the folder".to_owned(),
            Request::Search { query, .. } => format!("searching for \"{query}\""),
            Request::Versions { .. } => "listing the document's versions".to_owned(),
            Request::EmailSettings => "reading the email settings".to_owned(),
            Request::PutEmailSettings(_) => "saving the email settings".to_owned(),
            Request::DeviceCode { .. } => "asking for a device code".to_owned(),
            Request::Submit(_) => "handing the work to the task runner".to_owned(),
            Request::CancelTask(id) => format!("cancelling task {id}"),
            Request::RetryTask(id) => format!("retrying task {id}"),
            Request::ClearFinishedTasks => "clearing finished tasks".to_owned(),
        }
    }
}

/// A request with its ticket, as sent to the worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub ticket: Ticket,
    pub request: Request,
}

/// The worker's answer to one request.
#[derive(Debug, Clone)]
pub struct Reply {
    pub ticket: Ticket,
    pub body: ReplyBody,
}

/// What came back.
#[derive(Debug, Clone)]
pub enum ReplyBody {
    Sessions(Vec<RestoreSession>),
    Organizations(Vec<Organization>),
    Explored(Box<RestoreSession>),
    Stopped,
    Events(Vec<RestoreSessionEvent>),
    OneDrives(Vec<OneDrive>),
    /// One page of a folder; `done` on the last one. A listing may send several.
    ItemsPage {
        items: Vec<Item>,
        done: bool,
    },
    SearchResults(Vec<Item>),
    Versions(Vec<Item>),
    /// Whether the server has OneDrive email settings.
    EmailSettings(bool),
    EmailSettingsSaved,
    DeviceCode(DeviceCode),
    /// The runner took the submission as these tasks.
    Submitted(Vec<TaskId>),
    /// A request that needs no answer was carried out.
    Done,
    /// The runner's board changed (at most about ten times a second for progress alone).
    /// Sent with [`Ticket::RUNNER`].
    Board(Arc<Board>),
    /// A task ended: succeeded, failed or was cancelled. Sent with [`Ticket::RUNNER`].
    TaskEnded(Box<Task>),
    Failed(Failure),
}

/// A request that the server refused or that could not reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What was being done: "listing the folder".
    pub what: String,
    /// The error as the client words it (never holds a secret).
    pub message: String,
}

/// Something the app wants done outside itself, collected by the event loop after each update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Send(Envelope),
    /// Put this text on the clipboard with OSC 52.
    Clipboard(String),
    /// Write this escape sequence (the form's OSC 52) to the terminal as it is.
    Escape(String),
    /// Stop the process until `fg` (Ctrl-Z).
    Suspend,
    /// Keep this as the profile's recent place (for `--resume`).
    Remember(crate::console::places::Place),
}
