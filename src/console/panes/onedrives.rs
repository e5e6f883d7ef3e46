//! The OneDrives of the opened restore session: user name and URL, filterable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Column, cell, draw_empty, draw_table};
use crate::console::app::App;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let name_width = (area.width / 3).clamp(12, 40);
    let url_width = area.width.saturating_sub(name_width + 1).max(1);
    let columns = [
        Column {
            title: "User",
            width: name_width,
        },
        Column {
            title: "URL",
            width: url_width,
        },
    ];
    let state = &app.onedrives;
    let rows = state
        .visible
        .iter()
        .skip(state.cursor.offset)
        .take(usize::from(area.height.saturating_sub(1)))
        .filter_map(|&index| state.all.get(index))
        .map(|onedrive| {
            let url = onedrive.url.as_deref().unwrap_or("");
            let cells = vec![cell(&onedrive.name, name_width), cell(url, url_width)];
            (cells, Style::new())
        });
    draw_table(frame, area, &app.theme, &columns, rows, &state.cursor);
    if state.visible.is_empty() {
        let empty = if state.filter.is_empty() {
            "No OneDrives in this restore session"
        } else {
            "No OneDrive matches the filter; Esc clears it"
        };
        draw_empty(frame, area, &app.theme, state.load, empty);
    }
}
