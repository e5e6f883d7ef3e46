//! The table of actions: their names, where they apply, default keys and descriptions.

/// Where the keyboard is: the pane or the viewer with the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Sessions,
    OneDrives,
    Items,
    Tasks,
    /// The action form: it reads its keys itself; these entries only describe them.
    ///
    /// LIMITATION: rebinding the `form_*` actions in `[keys]` changes what help and the hint
    /// bar say, not the keys the form answers to, since the form has no keymap of its own.
    Form,
    /// A read-only overlay: help, log, details, versions or events.
    Viewer,
}

impl Context {
    /// What help's title and the README's key table call this place.
    pub fn name(self) -> &'static str {
        match self {
            Context::Sessions => "restore sessions",
            Context::OneDrives => "OneDrives",
            Context::Items => "folders and documents",
            Context::Tasks => "tasks",
            Context::Viewer => "viewer",
            Context::Form => "action form",
        }
    }
}

/// Something the user can ask for with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    NextPane,
    PrevPane,
    Close,
    Refresh,
    Quit,
    ForceQuit,
    Suspend,
    Help,
    Log,
    Tasks,
    Filter,
    Sort,
    ReverseSort,
    Mark,
    MarkAll,
    Versions,
    Details,
    CopyId,
    CopyUrl,
    ActionForm,
    Save,
    NewSession,
    StopSession,
    Events,
    CancelTask,
    RetryTask,
    ClearTasks,
    FormNextField,
    FormPrevField,
    FormChoose,
    FormContinue,
    FormCancel,
}

use Context::{Form, Items, OneDrives, Sessions, Tasks as TasksPane, Viewer};

const LISTS: &[Context] = &[Sessions, OneDrives, Items, TasksPane, Viewer];
const PANES: &[Context] = &[Sessions, OneDrives, Items, TasksPane];
const BROWSE: &[Context] = &[Sessions, OneDrives, Items];
const EVERYWHERE: &[Context] = &[Sessions, OneDrives, Items, TasksPane, Viewer];
/// Even the form, which takes every other key for itself.
const ALWAYS: &[Context] = &[Sessions, OneDrives, Items, TasksPane, Viewer, Form];

/// One row of the table: an action, its config name, where it applies, its default keys, a
/// sentence for help and a word for the hint bar (empty: not hinted).
pub(super) struct Spec {
    pub(super) action: Action,
    pub(super) name: &'static str,
    pub(super) contexts: &'static [Context],
    pub(super) keys: &'static [&'static str],
    pub(super) help: &'static str,
    pub(super) hint: &'static str,
}

pub(super) const SPECS: &[Spec] = &[
    spec(
        Action::Up,
        "up",
        LISTS,
        &["Up", "k"],
        "Move the cursor up",
        "",
    ),
    spec(
        Action::Down,
        "down",
        LISTS,
        &["Down", "j"],
        "Move the cursor down",
        "",
    ),
    spec(
        Action::PageUp,
        "page_up",
        LISTS,
        &["PageUp", "Ctrl-b"],
        "Up one screen",
        "",
    ),
    spec(
        Action::PageDown,
        "page_down",
        LISTS,
        &["PageDown", "Ctrl-f"],
        "Down one screen",
        "",
    ),
    spec(
        Action::Top,
        "top",
        LISTS,
        &["Home", "g"],
        "Go to the first row",
        "",
    ),
    spec(
        Action::Bottom,
        "bottom",
        LISTS,
        &["End", "G"],
        "Go to the last row",
        "",
    ),
    spec(
        Action::Open,
        "open",
        PANES,
        &["Enter", "l", "Right"],
        "Open the row",
        "open",
    ),
    spec(
        Action::Back,
        "back",
        PANES,
        &["Backspace", "h", "Left"],
        "Go back or up",
        "back",
    ),
    spec(
        Action::NextPane,
        "next_pane",
        PANES,
        &["Tab"],
        "Next pane",
        "",
    ),
    spec(
        Action::PrevPane,
        "prev_pane",
        PANES,
        &["Shift-Tab"],
        "Previous pane",
        "",
    ),
    spec(
        Action::Close,
        "close",
        EVERYWHERE,
        &["Esc"],
        "Close, or clear the filter",
        "",
    ),
    spec(
        Action::Refresh,
        "refresh",
        BROWSE,
        &["r"],
        "Load the list again",
        "",
    ),
    spec(Action::Quit, "quit", PANES, &["q"], "Quit", "quit"),
    spec(
        Action::ForceQuit,
        "force_quit",
        ALWAYS,
        &["Ctrl-c"],
        "Quit at once",
        "",
    ),
    spec(
        Action::Suspend,
        "suspend",
        ALWAYS,
        &["Ctrl-z"],
        "Suspend (fg resumes)",
        "",
    ),
    spec(
        Action::Help,
        "help",
        EVERYWHERE,
        &["?", "F1"],
        "Show the keys",
        "help",
    ),
    spec(
        Action::Log,
        "log",
        PANES,
        &["L"],
        "Show the activity log",
        "",
    ),
    spec(Action::Tasks, "tasks", PANES, &["t"], "Show the tasks", ""),
    spec(
        Action::Filter,
        "filter",
        &[OneDrives, Items],
        &["/"],
        "Filter the rows",
        "filter",
    ),
    spec(
        Action::Sort,
        "sort",
        &[Items],
        &["o"],
        "Sort by name, size or modified",
        "sort",
    ),
    spec(
        Action::ReverseSort,
        "reverse_sort",
        &[Items],
        &["O"],
        "Reverse the sort",
        "",
    ),
    spec(
        Action::Mark,
        "mark",
        &[Items],
        &["Space"],
        "Mark or unmark the row",
        "mark",
    ),
    spec(
        Action::MarkAll,
        "mark_all",
        &[Items],
        &["*"],
        "Mark all visible rows",
        "",
    ),
    spec(
        Action::Versions,
        "versions",
        &[Items],
        &["v"],
        "Versions of the document",
        "",
    ),
    spec(
        Action::Details,
        "details",
        BROWSE,
        &["i"],
        "Details of the row",
        "details",
    ),
    spec(
        Action::CopyId,
        "copy_id",
        BROWSE,
        &["y"],
        "Copy the id (OSC 52)",
        "",
    ),
    spec(
        Action::CopyUrl,
        "copy_url",
        BROWSE,
        &["Y"],
        "Copy the URL (OSC 52)",
        "",
    ),
    spec(
        Action::ActionForm,
        "action",
        &[Items],
        &["a"],
        "Restore, copy, send or save",
        "act",
    ),
    spec(
        Action::Save,
        "save",
        &[Items],
        &["s"],
        "Save to a folder",
        "save",
    ),
    spec(
        Action::NewSession,
        "new_session",
        &[Sessions],
        &["n"],
        "Start a session",
        "new",
    ),
    spec(
        Action::StopSession,
        "stop_session",
        &[Sessions],
        &["x"],
        "Stop the session",
        "stop",
    ),
    spec(
        Action::Events,
        "events",
        &[Sessions],
        &["e"],
        "Events of the session",
        "events",
    ),
    spec(
        Action::CancelTask,
        "cancel_task",
        &[TasksPane],
        &["x"],
        "Cancel the task (its partial file is removed)",
        "cancel",
    ),
    spec(
        Action::RetryTask,
        "retry_task",
        &[TasksPane],
        &["R"],
        "Retry a failed or cancelled task",
        "retry",
    ),
    spec(
        Action::ClearTasks,
        "clear_tasks",
        &[TasksPane],
        &["c"],
        "Clear finished tasks",
        "clear",
    ),
    spec(
        Action::FormNextField,
        "form_next_field",
        &[Form],
        &["Tab"],
        "Next field",
        "next field",
    ),
    spec(
        Action::FormPrevField,
        "form_prev_field",
        &[Form],
        &["Shift-Tab"],
        "Previous field",
        "",
    ),
    spec(
        Action::FormChoose,
        "form_choose",
        &[Form],
        &["Space", "Left", "Right"],
        "Change the choice",
        "change",
    ),
    spec(
        Action::FormContinue,
        "form_continue",
        &[Form],
        &["Enter"],
        "Continue; on the last step, submit",
        "continue",
    ),
    spec(
        Action::FormCancel,
        "form_cancel",
        &[Form],
        &["Esc"],
        "Back out without sending anything",
        "cancel",
    ),
];

const fn spec(
    action: Action,
    name: &'static str,
    contexts: &'static [Context],
    keys: &'static [&'static str],
    help: &'static str,
    hint: &'static str,
) -> Spec {
    Spec {
        action,
        name,
        contexts,
        keys,
        help,
        hint,
    }
}
