//! Help (`?`): every key of the pane with what it does, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::open_box;
use super::{Column, cell, draw_table};
use crate::console::app::{App, Cursor};
use crate::console::keymap::Context;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, context: Context, cursor: &Cursor) {
    let title = format!("Keys: {}", context.name());
    let inner = open_box(frame, app, area, &title);
    let keys_width = 22.min(inner.width / 2);
    let name_width = 14;
    let help_width = inner
        .width
        .saturating_sub(keys_width + name_width + 2)
        .max(1);
    let columns = [
        Column {
            title: "Keys",
            width: keys_width,
        },
        Column {
            title: "Does",
            width: help_width,
        },
        Column {
            title: "[keys] name",
            width: name_width,
        },
    ];
    let lines = app.keymap.help(context);
    let rows = lines
        .iter()
        .skip(cursor.offset)
        .take(usize::from(inner.height.saturating_sub(1)))
        .map(|line| {
            let cells = vec![
                cell(&line.keys, keys_width),
                cell(line.help, help_width),
                cell(line.name, name_width),
            ];
            (cells, Style::new())
        });
    draw_table(frame, inner, &app.theme, &columns, rows, cursor);
}
