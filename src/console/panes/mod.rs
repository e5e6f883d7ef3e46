//! The panes and overlays, one file each, drawn from the app's state.

pub mod items;
pub mod onedrives;
pub mod overlay;
pub mod popup;
pub mod sessions;
pub mod tasks;

mod help;
mod log;
mod new_session;
mod viewers;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Text;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::app::{Cursor, Load};
use super::text;
use super::theme::Theme;

/// A column of a table: its title and width in columns.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub width: u16,
}

/// Draws the visible window of a list as a table with a header; `rows` yields the cells of
/// the rows from `cursor.offset` on, each already fitted to its column.
pub fn draw_table<'a>(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    columns: &[Column],
    rows: impl Iterator<Item = (Vec<Cell<'a>>, Style)>,
    cursor: &Cursor,
) {
    let header = Row::new(columns.iter().map(|c| Cell::from(c.title))).style(theme.header);
    let selected = cursor.selected - cursor.offset.min(cursor.selected);
    let body: Vec<Row> = rows
        .enumerate()
        .map(|(i, (cells, style))| {
            let style = if i == selected { theme.cursor } else { style };
            Row::new(cells).style(style)
        })
        .collect();
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|c| Constraint::Length(c.width))
        .collect();
    let table = Table::new(body, widths).header(header).column_spacing(1);
    frame.render_widget(table, area);
}

/// Shares `total` columns: fixed columns in order of importance join while the flexible one
/// keeps at least `min_flex`; returns which joined and the flexible width.
pub fn share_width(total: u16, fixed: &[u16], min_flex: u16) -> (Vec<bool>, u16) {
    let mut used = 0u16;
    let mut joined = Vec::with_capacity(fixed.len());
    for width in fixed {
        let fits = total.saturating_sub(used + width + 1) >= min_flex;
        if fits {
            used += width + 1;
        }
        joined.push(fits);
    }
    (joined, total.saturating_sub(used).max(1))
}

/// A cell holding inert text fitted into `width` columns.
pub fn cell(value: &str, width: u16) -> Cell<'static> {
    Cell::from(text::fit(value, usize::from(width)))
}

/// A cell holding text right-aligned in `width` columns (sizes).
pub fn right_cell(value: &str, width: u16) -> Cell<'static> {
    let value = text::fit(value, usize::from(width));
    let pad = usize::from(width).saturating_sub(text::width(&value));
    Cell::from(format!("{}{value}", " ".repeat(pad)))
}

/// Draws a centred line under the header row of the table drawn in `table`, in place of the
/// rows of an empty list: "loading…", "no restore sessions".
pub fn draw_empty(frame: &mut Frame, table: Rect, theme: &Theme, load: Load, empty: &str) {
    let area = Rect {
        y: table.y + 1,
        height: table.height.saturating_sub(1),
        ..table
    };
    let message = match load {
        Load::Loading => "loading…",
        Load::Failed => "could not load; press r to try again",
        Load::Idle => empty,
    };
    let mut lines = vec![ratatui::text::Line::raw(""); usize::from(area.height / 3)];
    lines.push(ratatui::text::Line::raw(message).centered());
    frame.render_widget(Paragraph::new(Text::from(lines)).style(theme.dim), area);
}
