//! Draws whichever overlay is open in a bordered box over the panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear};

use super::{help, log, new_session, viewers};
use crate::console::app::{App, Overlay};
use crate::console::text;

/// The box a viewer overlay takes: the frame less two cells on each side.
pub fn viewer_area(frame: Rect) -> Rect {
    Rect {
        x: frame.x + 2.min(frame.width / 4),
        y: frame.y + 2.min(frame.height / 4),
        width: frame.width.saturating_sub(4),
        height: frame.height.saturating_sub(4),
    }
}

/// Clears the box, draws its border and title, and returns the area inside.
pub fn open_box(frame: &mut Frame, app: &App, area: Rect, title: &str) -> Rect {
    let title = text::fit(title, usize::from(area.width.saturating_sub(4)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

pub fn draw(frame: &mut Frame, app: &App, overlay: &Overlay) {
    let area = viewer_area(frame.area());
    match overlay {
        Overlay::Help {
            context, cursor, ..
        } => help::draw(frame, app, area, *context, cursor),
        Overlay::Log { cursor } => log::draw(frame, app, area, cursor),
        Overlay::Details {
            title,
            lines,
            cursor,
        } => viewers::details(frame, app, area, title, lines, cursor),
        Overlay::Versions {
            title,
            list,
            cursor,
            load,
            ..
        } => viewers::versions(frame, app, area, title, list, cursor, *load),
        Overlay::Events {
            title,
            list,
            cursor,
            load,
            ..
        } => viewers::events(frame, app, area, title, list, cursor, *load),
        Overlay::NewSession(form) => new_session::draw(frame, app, area, form),
        Overlay::Confirm(confirm) => {
            super::popup::draw_question(frame, app, "Please confirm", &confirm.question)
        }
    }
}
