//! The tasks pane.
//!
//! LIMITATION: the background task runner comes with its own issue; until it lands this pane
//! only says so. It is reached with `t` and left with Esc or Backspace.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::draw_empty;
use crate::console::app::{App, Load};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    draw_empty(
        frame,
        area,
        &app.theme,
        Load::Idle,
        "No tasks: saves and restores will be listed here once the task runner lands",
    );
}
