//! vbo-restore: a terminal restore console for Veeam Backup for Microsoft 365 OneDrive backups.
//!
//! The crate is one program in several rooms: `api` speaks the server's REST API, `emulator`
//! is a built-in server for the demo and the tests, `console` is the interactive terminal UI,
//! `tasks` runs long work in the background, and `commands` drives the same client from
//! scripts.

pub mod api;
pub mod audit;
pub mod bug_report;
pub mod cli;
pub mod commands;
pub mod config;
pub mod console;
pub mod doctor;
pub mod emulator;
pub mod form;
pub mod logging;
pub mod manual;
pub mod save;
pub mod tasks;
pub mod units;
