//! The activity log (`L`): the last few hundred messages, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::overlay::open_box;
use super::{Column, cell, draw_table};
use crate::console::app::{App, Cursor, Level};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, cursor: &Cursor) {
    let inner = open_box(frame, app, area, "Activity log, newest first");
    let text_width = inner.width.saturating_sub(9).max(1);
    let columns = [
        Column {
            title: "Time",
            width: 8,
        },
        Column {
            title: "Message",
            width: text_width,
        },
    ];
    let rows = app
        .log
        .entries()
        .skip(cursor.offset)
        .take(usize::from(inner.height.saturating_sub(1)))
        .map(|entry| {
            let style = match entry.level {
                Level::Error => app.theme.error,
                Level::Info => Style::new(),
            };
            let time = entry.time.format("%H:%M:%S").to_string();
            (vec![cell(&time, 8), cell(&entry.text, text_width)], style)
        });
    draw_table(frame, inner, &app.theme, &columns, rows, cursor);
}
