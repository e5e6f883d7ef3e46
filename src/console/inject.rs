//! A panic on request, for the end-to-end test that proves the panic hook gives the terminal
//! back (alternate screen left, cursor shown) before the message is printed.
//!
//! A panic cannot be caused from outside the program, so the test sets
//! `VBO_RESTORE_INJECT_PANIC=after-first-frame`. The module is compiled in debug builds only
//! (`cfg(debug_assertions)`): a release build has no such hook and ignores the variable.

use std::io;

use super::app::App;
use super::terminal::ConsoleTerminal;
use super::ui;

/// The variable that asks for the panic, and the value it takes.
pub const INJECT_PANIC_ENV: &str = "VBO_RESTORE_INJECT_PANIC";
const AFTER_FIRST_FRAME: &str = "after-first-frame";

/// Draws the first frame of the panes, then panics, when the variable asks for it.
pub fn panic_after_first_frame(terminal: &mut ConsoleTerminal, app: &mut App) -> io::Result<()> {
    if std::env::var(INJECT_PANIC_ENV).as_deref() != Ok(AFTER_FIRST_FRAME) {
        return Ok(());
    }
    terminal.draw(|frame| ui::draw(frame, app))?;
    panic!("injected panic after the first frame ({INJECT_PANIC_ENV}={AFTER_FIRST_FRAME})");
}
