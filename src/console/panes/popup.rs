//! Popups: a failure to read, closed with Esc or Enter, and yes-or-no questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::overlay::open_box;
use crate::console::app::{App, Popup};
use crate::console::text;

const POPUP_WIDTH: u16 = 72;

pub fn draw(frame: &mut Frame, app: &App, popup: &Popup) {
    let body = vec![
        Line::styled(text::inert(&popup.message).into_owned(), app.theme.error),
        Line::raw(""),
        Line::styled(
            "Esc or Enter closes this; L shows the activity log.",
            app.theme.dim,
        ),
    ];
    draw_box(frame, app, &popup.title, body);
}

pub fn draw_question(frame: &mut Frame, app: &App, title: &str, question: &str) {
    let body = vec![
        Line::raw(text::inert(question).into_owned()),
        Line::raw(""),
        Line::styled("y or Enter: yes    n or Esc: no", app.theme.dim),
    ];
    draw_box(frame, app, title, body);
}

/// A centred box sized to its wrapped text.
fn draw_box(frame: &mut Frame, app: &App, title: &str, body: Vec<Line<'static>>) {
    let screen = frame.area();
    let width = POPUP_WIDTH.min(screen.width.saturating_sub(2)).max(10);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = body
        .iter()
        .map(|line| line.width().div_ceil(inner_width).max(1))
        .sum();
    let height = (rows as u16 + 2).min(screen.height);
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    let inner = open_box(frame, app, area, title);
    let paragraph = Paragraph::new(Text::from(body)).wrap(Wrap { trim: false });
    frame.render_widget(paragraph, inner);
}
