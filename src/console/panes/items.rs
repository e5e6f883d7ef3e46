//! The items pane: folders first, then documents, with size, modified, modified by and
//! version. Only the rows on screen are laid out, so 100,000 rows cost what 50 do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Cell;

use super::{Column, cell, draw_empty, draw_table, right_cell, share_width};
use crate::console::app::{App, Row};
use crate::console::format;
use crate::console::text;

const MARK_WIDTH: u16 = 1;
const SIZE_WIDTH: u16 = 10;
const MODIFIED_WIDTH: u16 = 16;
const MODIFIED_DAY_WIDTH: u16 = 10;
const VERSION_WIDTH: u16 = 7;
const MODIFIED_BY_WIDTH: u16 = 24;
const MIN_NAME_WIDTH: u16 = 30;

/// Which optional columns fit, in the order they are given up as the terminal narrows.
struct Layout {
    name: u16,
    size: bool,
    modified: Option<u16>,
    version: bool,
    modified_by: bool,
}

fn layout(width: u16) -> Layout {
    let usable = width.saturating_sub(MARK_WIDTH + 1);
    let full = [SIZE_WIDTH, MODIFIED_WIDTH, VERSION_WIDTH, MODIFIED_BY_WIDTH];
    let (shown, name) = share_width(usable, &full, MIN_NAME_WIDTH);
    if shown[1] {
        return Layout {
            name,
            size: shown[0],
            modified: Some(MODIFIED_WIDTH),
            version: shown[2],
            modified_by: shown[3],
        };
    }
    let narrow = [SIZE_WIDTH, MODIFIED_DAY_WIDTH];
    let (shown, name) = share_width(usable, &narrow, MIN_NAME_WIDTH / 2);
    Layout {
        name,
        size: shown[0],
        modified: shown[1].then_some(MODIFIED_DAY_WIDTH),
        version: false,
        modified_by: false,
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let shape = layout(area.width);
    let mut columns = vec![
        Column {
            title: "",
            width: MARK_WIDTH,
        },
        Column {
            title: "Name",
            width: shape.name,
        },
    ];
    if shape.size {
        columns.push(Column {
            title: "      Size",
            width: SIZE_WIDTH,
        });
    }
    if let Some(width) = shape.modified {
        columns.push(Column {
            title: "Modified",
            width,
        });
    }
    if shape.version {
        columns.push(Column {
            title: "Version",
            width: VERSION_WIDTH,
        });
    }
    if shape.modified_by {
        columns.push(Column {
            title: "Modified by",
            width: MODIFIED_BY_WIDTH,
        });
    }

    let state = &app.items;
    let height = usize::from(area.height.saturating_sub(1));
    let rows = state
        .listing
        .window(state.cursor.offset, height)
        .map(|row| row_cells(app, &shape, row));
    draw_table(frame, area, &app.theme, &columns, rows, &state.cursor);

    if state.listing.visible_len() == 0 {
        let empty = if !state.listing.filter().is_empty() {
            "No loaded row matches the filter; Esc clears it"
        } else if state.search.is_some() {
            "The search found nothing; Esc goes back to the folder"
        } else {
            "This folder is empty"
        };
        draw_empty(frame, area, &app.theme, state.load, empty);
    }
}

fn row_cells<'a>(app: &App, shape: &Layout, row: &Row) -> (Vec<Cell<'a>>, Style) {
    let item = &row.item;
    let marked = app.items.marks.contains(&item.id);
    let folder = item.is_folder();
    let name = if folder {
        let shown = text::inert(&item.name);
        let cut = text::truncate(&shown, usize::from(shape.name.saturating_sub(1)));
        format!("{cut}/")
    } else {
        text::fit(&item.name, usize::from(shape.name))
    };
    let mut cells = vec![Cell::from(if marked { "*" } else { " " }), Cell::from(name)];
    if shape.size {
        let size = item.size_bytes.filter(|_| !folder).map(format::size);
        cells.push(right_cell(size.as_deref().unwrap_or(""), SIZE_WIDTH));
    }
    if let Some(width) = shape.modified {
        let when = if width == MODIFIED_WIDTH {
            format::minute(item.modification_time)
        } else {
            format::day(item.modification_time)
        };
        cells.push(Cell::from(when));
    }
    if shape.version {
        cells.push(cell(item.version.as_deref().unwrap_or(""), VERSION_WIDTH));
    }
    if shape.modified_by {
        cells.push(cell(
            item.modified_by.as_deref().unwrap_or(""),
            MODIFIED_BY_WIDTH,
        ));
    }
    let style = if marked {
        app.theme.marked
    } else if folder {
        app.theme.folder
    } else {
        Style::new()
    };
    (cells, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_give_way_in_order_as_the_terminal_narrows() {
        let wide = layout(200);
        assert!(wide.size && wide.version && wide.modified_by);
        assert_eq!(wide.modified, Some(MODIFIED_WIDTH));
        let standard = layout(80);
        assert!(standard.size && standard.version && !standard.modified_by);
        assert!(standard.name >= MIN_NAME_WIDTH);
        let narrow = layout(50);
        assert!(narrow.size && !narrow.version);
        assert_eq!(narrow.modified, Some(MODIFIED_DAY_WIDTH));
    }
}
