//! Drawing the form: a head saying what it acts on, the current step, and a line of keys.

mod fields;
mod picker;
mod rows;
mod steps;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{ActionForm, Banner, FieldId, Step};
use rows::Rows;

/// The most lines a refusal or notice takes above the fields.
const BANNER_ROWS: usize = 3;

/// Draws the whole form into `area`.
pub fn render(form: &ActionForm, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let title = format!(" {} ", form.inputs.action.label());
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        title,
        Style::default().add_modifier(Modifier::BOLD),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let banner = form
        .banner
        .as_ref()
        .map(|message| banner_lines(message, inner.width))
        .unwrap_or_default();
    let banner_height = banner.len() as u16;
    let [head, banner_area, body, hints] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(banner_height),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);

    frame.render_widget(Paragraph::new(head_lines(form)), head);
    frame.render_widget(Paragraph::new(banner), banner_area);
    let rows = match form.step {
        Step::Fields => fields::field_rows(form, body.width),
        Step::Confirm | Step::ConfirmOverwrite => steps::confirm_rows(form, body.width),
        Step::DeviceCode => steps::device_rows(form, body.width),
        Step::EmailSettings => steps::email_rows(form, body.width),
        Step::Locked => steps::locked_rows(form),
    };
    draw_rows(frame, body, rows);
    frame.render_widget(Paragraph::new(hint_line(form)), hints);
    if form.monochrome {
        drop_colours(frame, area);
    }
}

/// Resets every colour in `area`, keeping bold, reverse and underline.
fn drop_colours(frame: &mut Frame, area: Rect) {
    let buffer = frame.buffer_mut();
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buffer.cell_mut((x, y)) {
                cell.set_fg(Color::Reset);
                cell.set_bg(Color::Reset);
            }
        }
    }
}

/// "3 documents and 1 folder, 12.4 MiB" over "from <OneDrive>, <point in time>, API v8".
fn head_lines(form: &ActionForm) -> Vec<Line<'static>> {
    let context = &form.context;
    let what = match context.size_phrase() {
        Some(size) => format!("{}, {size}", context.items_phrase()),
        None => context.items_phrase(),
    };
    let from = format!(
        "from {}'s OneDrive, {}, server API {}",
        super::text::inert(&context.onedrive.name),
        context.point_in_time_phrase(),
        context.api_version
    );
    vec![
        Line::from(Span::styled(
            what,
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Line::from(from),
    ]
}

/// The notice or refusal above the fields, wrapped to at most `BANNER_ROWS` lines.
fn banner_lines(banner: &Banner, width: u16) -> Vec<Line<'static>> {
    let (text, style) = match banner {
        Banner::Refusal(message) => (
            format!(
                "{}: {}",
                if super::to_api::is_server_answer(message) {
                    "The server refused"
                } else {
                    "Failed"
                },
                super::text::inert(message)
            ),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        Banner::Notice(message) => (
            super::text::inert(message),
            Style::default().fg(Color::Cyan),
        ),
    };
    rows::wrap(&text, usize::from(width).max(10))
        .into_iter()
        .take(BANNER_ROWS)
        .map(|line| Line::from(Span::styled(line, style)))
        .collect()
}

/// Draws rows, scrolled so that the focused row (and the error under it) is visible.
fn draw_rows(frame: &mut Frame, area: Rect, rows: Rows) {
    let height = usize::from(area.height);
    let wanted_bottom = rows.focus_end + 1;
    let scroll = wanted_bottom.saturating_sub(height).min(rows.focus_start);
    let visible: Vec<Line> = rows.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
    if let Some((line, column)) = rows.cursor
        && line >= scroll
        && line - scroll < height
    {
        let x = area
            .x
            .saturating_add(column)
            .min(area.right().saturating_sub(1));
        let y = area.y + (line - scroll) as u16;
        frame.set_cursor_position((x, y));
    }
}

fn hint_line(form: &ActionForm) -> Line<'static> {
    let text = match form.step {
        Step::Fields if form.focus == FieldId::CopyTarget => {
            "Tab/Shift-Tab move  type to filter  ↑/↓ choose  Esc cancels"
        }
        Step::Fields if !form.space_changes() => {
            "Tab/Shift-Tab move  Enter on Continue reviews  Esc cancels"
        }
        Step::Fields => {
            "Tab/Shift-Tab move  ←/→ Space change  Enter on Continue reviews  Esc cancels"
        }
        Step::Confirm => "Enter confirms  Esc goes back to the fields",
        Step::ConfirmOverwrite => "y overwrites  n or Esc goes back",
        Step::DeviceCode => "Enter once signed in  c copies the code  Esc goes back",
        Step::EmailSettings => "Tab moves  Space toggles  Enter on Save saves  Esc goes back",
        Step::Locked => "Submitted: the form cannot be sent again",
    };
    Line::from(Span::styled(text, Style::default().fg(Color::DarkGray)))
}
