//! The profile picker on the terminal: drawn like the login screen, before any connection.

use std::io;
use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::connect::dialog;
use super::picker::{Picker, PickerOutcome, ProfileRow};
use super::terminal::ConsoleTerminal;
use super::text;
use super::theme::Theme;

/// Shows the picker until a profile is picked (`Some(name)`) or the user leaves (`None`).
pub async fn pick(
    terminal: &mut ConsoleTerminal,
    theme: &Theme,
    rows: Vec<ProfileRow>,
) -> io::Result<Option<String>> {
    let mut picker = Picker::new(rows);
    let mut input = EventStream::new();
    let picked = loop {
        terminal.draw(|frame| draw(frame, theme, &picker))?;
        let Some(event) = input.next().await else {
            break None;
        };
        let Event::Key(key) = event? else { continue };
        match picker.handle_key(&key) {
            PickerOutcome::Picked(name) => break Some(name),
            PickerOutcome::Quit => break None,
            PickerOutcome::Nothing => {}
        }
    };
    drop(input);
    settle_input();
    Ok(picked)
}

/// Takes what the picker's input stream leaves behind: dropping it wakes the terminal's event
/// reader, and a wake still pending would end the next read of the cursor position (taking
/// the terminal again for the console asks for it) before the terminal could answer.
fn settle_input() {
    while let Ok(true) = crossterm::event::poll(Duration::ZERO) {
        // Keys typed ahead on the picker are not meant for the login form.
        let _ = crossterm::event::read();
    }
}

/// Columns of the table: each as wide as its widest cell up to a cap; the URL gives way when
/// the screen is narrow.
const NAME_MAX: usize = 20;
const URL_MAX: usize = 60;
const USER_MAX: usize = 24;
const API_WIDTH: usize = 4;
/// The box is never narrower than its key hint.
const MIN_WIDTH: usize = 60;

pub fn draw(frame: &mut Frame, theme: &Theme, picker: &Picker) {
    let natural = column_widths(picker);
    let width = (natural.iter().sum::<usize>() + 5).max(MIN_WIDTH);
    let height = picker.rows.len() + 5;
    let size = (clamp_u16(width), clamp_u16(height));
    let inner = dialog(frame, theme, size, " vbo-restore: choose a profile ");
    let [header, list, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);

    let [name, _, user, api] = natural;
    let url = usize::from(inner.width).saturating_sub(name + user + api + 3);
    let widths = [name, url, user, api];
    let heading = ["Profile", "Server", "User", "API"].map(str::to_owned);
    frame.render_widget(
        Paragraph::new(row_line(&heading, widths)).style(theme.header),
        header,
    );

    let height = usize::from(list.height).max(1);
    let offset = picker.selected.saturating_sub(height - 1);
    let lines: Vec<Line> = picker
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(at, &index)| {
            let row = &picker.rows[index];
            let cells = [&row.name, &row.url, &row.user, &row.api].map(|c| c.clone());
            let line = row_line(&cells, widths);
            match at == picker.selected {
                true => line.style(theme.cursor),
                false => line,
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);

    let hint_text = if picker.filtering {
        format!("/{}", text::inert(&picker.filter))
    } else if picker.visible.is_empty() {
        format!(
            "No profile matches \"{}\"; / changes the filter",
            text::inert(&picker.filter)
        )
    } else {
        "↑↓ or j/k move, Enter picks, / filters, Esc or q leaves".to_owned()
    };
    let hint_line = text::fit(&hint_text, usize::from(hint.width));
    frame.render_widget(Paragraph::new(hint_line).style(theme.dim), hint);
}

fn clamp_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn column_widths(picker: &Picker) -> [usize; 4] {
    let widest = |cap: usize, cell: fn(&ProfileRow) -> &str| {
        picker
            .rows
            .iter()
            .map(|row| text::width(&text::inert(cell(row))))
            .max()
            .unwrap_or(0)
            .clamp(7, cap)
    };
    [
        widest(NAME_MAX, |row| &row.name),
        widest(URL_MAX, |row| &row.url),
        widest(USER_MAX, |row| &row.user),
        API_WIDTH,
    ]
}

/// The cells cut to their columns, names made inert, one space between columns.
fn row_line(cells: &[String; 4], widths: [usize; 4]) -> Line<'static> {
    let spans: Vec<Span> = cells
        .iter()
        .zip(widths)
        .enumerate()
        .flat_map(|(at, (cell, width))| {
            let shown = text::fit(cell, width);
            let pad = width.saturating_sub(text::width(&shown));
            let gap = if at + 1 < cells.len() { " " } else { "" };
            [Span::raw(format!("{shown}{}{gap}", " ".repeat(pad)))]
        })
        .collect();
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    #[test]
    fn profiles_are_listed_with_hostile_names_spelled_out() {
        let row = |name: &str, url: &str| ProfileRow {
            name: name.to_owned(),
            url: url.to_owned(),
            user: "CONTOSO\\helpdesk".to_owned(),
            api: "v8".to_owned(),
        };
        let picker = Picker::new(vec![
            row("lab", "https://lab:4443"),
            row("prod\u{1b}[31m", "https://vbo.contoso:4443"),
        ]);
        let mut terminal = Terminal::new(TestBackend::new(80, 12)).expect("terminal");
        terminal
            .draw(|frame| draw(frame, &Theme::monochrome(), &picker))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        let screen: String = buffer
            .content()
            .chunks(80)
            .map(|line| line.iter().map(|cell| cell.symbol()).collect::<String>() + "\n")
            .collect();
        assert!(screen.contains("choose a profile"), "{screen}");
        assert!(screen.contains("https://vbo.contoso:4443"), "{screen}");
        assert!(screen.contains("prod\\x1B[31m"), "{screen}");
        assert!(!screen.contains('\u{1b}'), "{screen}");
        assert!(screen.contains("Enter picks"), "{screen}");
    }
}
