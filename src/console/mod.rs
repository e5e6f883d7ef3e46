//! The interactive terminal console: browse restore sessions, OneDrives, folders and
//! documents, mark documents and act on them.
//!
//! [`app`] holds the state and changes it without I/O; [`event`] runs the loop; [`worker`]
//! calls the API client off the UI path and hands submitted action forms to the task runner,
//! whose news [`task_feed`] brings back as replies; [`keymap`] says which key does what;
//! [`panes`] and [`ui`] draw; [`text`] makes names from the server safe to draw.

pub mod app;
pub mod connect;
pub mod event;
pub mod format;
#[cfg(debug_assertions)]
mod inject;
pub mod keymap;
pub mod keys;
pub mod launch;
pub mod login;
pub mod panes;
pub mod picker;
pub mod picker_screen;
pub mod places;
pub mod request;
pub mod run;
pub mod task_feed;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod worker;

pub use run::{ConsoleOptions, run};
