//! The copy target picker on screen: the choice, the filter and a window of matches.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::super::picker::PICKER_ROWS;
use super::super::text::inert;
use super::super::{ActionForm, FieldId};
use super::fields::underline;
use super::rows::{LABEL_COLUMNS, Rows, dim, error_lines, fit, label};

/// The chosen OneDrive; when focused, the filter under it and the OneDrives it matches.
pub fn picker_rows(form: &ActionForm, focused: bool, width: usize, rows: &mut Rows) {
    let picker = &form.inputs.copy_target;
    let chosen = picker
        .chosen()
        .map(|drive| inert(&drive.name))
        .unwrap_or_else(|| "none chosen".to_string());
    let filter = picker.filter();
    let mut spans = vec![label("Target OneDrive", focused), Span::raw("   ")];
    spans.push(Span::styled(
        chosen,
        Style::default().add_modifier(Modifier::BOLD),
    ));
    if !focused && !filter.value().is_empty() {
        spans.push(dim(format!("  (filter: {})", inert(filter.value()))));
    }
    rows.push(Line::from(spans));
    if let Some(message) = form.errors.get(&FieldId::CopyTarget) {
        for line in error_lines(message, width) {
            rows.push(line);
        }
    }
    if !focused {
        return;
    }
    const FILTER_PROMPT: &str = "filter: ";
    let (shown, cursor) = fit(
        &filter.shown(),
        filter.cursor().1,
        width.saturating_sub(FILTER_PROMPT.len() + 2),
    );
    let line_index = rows.next_index();
    rows.push(Line::from(vec![
        label("", false),
        Span::raw("   "),
        dim(FILTER_PROMPT),
        Span::styled(shown, underline(true)),
    ]));
    let column = LABEL_COLUMNS + 2 + FILTER_PROMPT.len() + cursor;
    rows.cursor = Some((line_index, column as u16));
    match_rows(form, width, rows);
}

fn match_rows(form: &ActionForm, width: usize, rows: &mut Rows) {
    let picker = &form.inputs.copy_target;
    let matches = picker.matches();
    if matches.is_empty() {
        rows.push(Line::from(vec![
            label("", false),
            dim("   no OneDrive matches the filter"),
        ]));
        return;
    }
    let chosen_at = picker.chosen_index();
    let position = chosen_at
        .and_then(|c| matches.iter().position(|m| *m == c))
        .unwrap_or(0);
    let first = position.saturating_sub(PICKER_ROWS - 1);
    for at in matches.iter().skip(first).take(PICKER_ROWS) {
        let Some(drive) = picker.get(*at) else {
            continue;
        };
        let marker = if Some(*at) == chosen_at { "› " } else { "  " };
        let url = drive.url.as_deref().map(inert).unwrap_or_default();
        let (shown, _) = fit(&format!("{marker}{}  {url}", inert(&drive.name)), 0, width);
        let style = if Some(*at) == chosen_at {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        rows.push(Line::from(vec![
            label("", false),
            Span::raw(" "),
            Span::styled(shown, style),
        ]));
    }
    if matches.len() > PICKER_ROWS {
        rows.push(Line::from(vec![
            label("", false),
            dim(format!(
                "   {} OneDrives match; type to narrow",
                matches.len()
            )),
        ]));
    }
}
