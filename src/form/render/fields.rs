//! The fields step: one row a field, its value, and its error right under it.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::super::choice::AuthMode;
use super::super::fields::FieldId;
use super::super::save_target::file_names;
use super::super::text::{TextField, inert};
use super::super::to_api::SET_ZIP_NAME_SHOWN;
use super::super::{ActionForm, gates};
use super::rows::{LABEL_COLUMNS, Rows, dim, error_lines, fit, label};

/// The most lines a multi-line text shows.
const TEXT_ROWS: usize = 4;

/// The rows of every field the current action shows.
pub fn field_rows(form: &ActionForm, width: u16) -> Rows {
    let value_width = usize::from(width).saturating_sub(LABEL_COLUMNS + 1);
    let mut rows = Rows::default();
    for id in form.inputs.order(&form.context) {
        let focused = id == form.focus;
        let start = rows.next_index();
        field(form, id, focused, value_width, &mut rows);
        // A disabled option's note turns into an error once the agent tries to change it.
        // The picker puts its error under its first line, above the list.
        let error = form.errors.get(&id).filter(|_| id != FieldId::CopyTarget);
        let note = disabled_note(form, id).filter(|note| error != Some(note));
        let mut extra = note.map_or_else(Vec::new, |note| note_lines(&note, value_width));
        if let Some(message) = error {
            extra.extend(error_lines(message, value_width));
        }
        for line in extra {
            rows.push(line);
        }
        if id == FieldId::SaveFolder {
            save_file_row(form, value_width, &mut rows);
        }
        if focused {
            rows.mark_focus(start);
        }
    }
    rows
}

fn field(form: &ActionForm, id: FieldId, focused: bool, width: usize, rows: &mut Rows) {
    let inputs = &form.inputs;
    let context = &form.context;
    let choice = |value: &str| choice_spans(value, focused);
    let spans = match id {
        FieldId::Action => choice(inputs.action.label()),
        FieldId::RestoreVersion => match gates::restore_version(context) {
            Some(_) => disabled(inputs.restore_version.label()),
            None => choice(inputs.restore_version.label()),
        },
        FieldId::OnConflict => choice(inputs.on_conflict.label()),
        FieldId::CopyTarget => return super::picker::picker_rows(form, focused, width, rows),
        FieldId::CopyVersion => choice(inputs.copy_version.label()),
        FieldId::LastVersion => choice(inputs.last_version.label()),
        FieldId::ChangedItems => item_option(form, inputs.changed_items, "changed items"),
        FieldId::DeletedItems => item_option(form, inputs.deleted_items, "deleted items"),
        FieldId::Auth => choice(inputs.auth_mode.label()),
        FieldId::EmailSetup => email_setup(focused),
        FieldId::SaveZip => save_format(form, focused),
        FieldId::Continue => vec![button("Continue", focused)],
        _ => {
            if let Some(text) = inputs.text(id) {
                text_field(field_label(form, id), text, focused, width, rows);
            }
            return;
        }
    };
    let mut line = vec![label(field_label(form, id), focused)];
    line.push(Span::raw(" "));
    line.extend(spans);
    rows.push(Line::from(line));
}

fn field_label(form: &ActionForm, id: FieldId) -> &'static str {
    match id {
        FieldId::Action => "Action",
        FieldId::RestoreVersion | FieldId::CopyVersion => "Version",
        FieldId::OnConflict => "On conflict",
        FieldId::CopyTarget => "Target OneDrive",
        FieldId::CopyFolder => "Target folder",
        FieldId::LastVersion => "Last version",
        FieldId::ChangedItems => "Changed items",
        FieldId::DeletedItems => "Deleted items",
        FieldId::Auth => "Sign in with",
        FieldId::User => "Restore user",
        FieldId::Password => "Password",
        FieldId::ApplicationId if form.inputs.auth_mode == AuthMode::DeviceCode => {
            "App id (optional)"
        }
        FieldId::ApplicationId => "Application id",
        FieldId::Certificate => "Certificate .pfx",
        FieldId::CertificatePassword => "Cert. password",
        FieldId::EmailSetup => "Email settings",
        FieldId::From => "From",
        FieldId::To => "To",
        FieldId::Subject => "Subject",
        FieldId::Text => "Text",
        FieldId::SaveZip => "Format",
        FieldId::SaveFolder => "Save to folder",
        FieldId::Continue => "",
    }
}

fn choice_spans(value: &str, focused: bool) -> Vec<Span<'static>> {
    if focused {
        vec![Span::styled(
            format!("‹ {value} ›"),
            Style::default().add_modifier(Modifier::BOLD),
        )]
    } else {
        vec![Span::raw(format!("  {value}"))]
    }
}

fn disabled(value: &str) -> Vec<Span<'static>> {
    vec![dim(format!("  {value} (disabled)"))]
}

/// Why a field is disabled on this server, shown under it.
fn disabled_note(form: &ActionForm, id: FieldId) -> Option<String> {
    let gate = match id {
        FieldId::RestoreVersion => gates::restore_version(&form.context),
        FieldId::ChangedItems | FieldId::DeletedItems => gates::copy_item_options(&form.context),
        _ => None,
    };
    gate.map(|gate| gate.note)
}

fn note_lines(note: &str, width: usize) -> Vec<Line<'static>> {
    super::rows::wrap(note, width.saturating_sub(2))
        .into_iter()
        .map(|part| Line::from(vec![label("", false), Span::raw("   "), dim(part)]))
        .collect()
}

fn button(text: &str, focused: bool) -> Span<'static> {
    let style = if focused {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    };
    Span::styled(format!("[ {text} ]"), style)
}

fn item_option(form: &ActionForm, on: bool, what: &str) -> Vec<Span<'static>> {
    let mark = if on { "[x]" } else { "[ ]" };
    match gates::copy_item_options(&form.context) {
        Some(_) => vec![dim(format!("  {mark} {what} (disabled)"))],
        None => vec![Span::raw(format!("  {mark} {what}"))],
    }
}

fn email_setup(focused: bool) -> Vec<Span<'static>> {
    vec![
        Span::raw("  none on this server  "),
        button("Set up…", focused),
    ]
}

fn save_format(form: &ActionForm, focused: bool) -> Vec<Span<'static>> {
    if !form.context.is_single_document() {
        return vec![dim("  ZIP (sets and folders are always saved as a ZIP)")];
    }
    let value = if form.inputs.save_zip {
        "ZIP"
    } else {
        "the file itself"
    };
    choice_spans(value, focused)
}

fn save_file_row(form: &ActionForm, width: usize, rows: &mut Rows) {
    let as_zip = form.inputs.save_zip || !form.context.is_single_document();
    let names = file_names(&form.context, as_zip);
    let stamped = names.iter().any(|name| name == SET_ZIP_NAME_SHOWN);
    let mut shown = names.join(" and ");
    if stamped {
        shown.push_str(" (with the time of the save)");
    }
    let parts = super::rows::wrap(&inert(&shown), width.saturating_sub(2).max(10));
    for (at, part) in parts.into_iter().enumerate() {
        let head = if at == 0 { "File name" } else { "" };
        rows.push(Line::from(vec![
            label(head, false),
            Span::raw("   "),
            dim(part),
        ]));
    }
}

fn text_field(
    label_text: &'static str,
    text: &TextField,
    focused: bool,
    width: usize,
    rows: &mut Rows,
) {
    let (cursor_line, cursor_column) = text.cursor();
    let lines = text.shown_lines();
    let shown_rows = if text.is_multiline() { TEXT_ROWS } else { 1 };
    let first = cursor_line.saturating_sub(shown_rows - 1);
    for row in 0..shown_rows {
        let at = first + row;
        let content = lines.get(at).map(String::as_str).unwrap_or_default();
        let column = if at == cursor_line { cursor_column } else { 0 };
        let (shown, cursor) = fit(content, column, width.saturating_sub(2));
        let head = if row == 0 { label_text } else { "" };
        let line_index = rows.next_index();
        rows.push(Line::from(vec![
            label(head, focused && row == 0),
            Span::raw("   "),
            Span::styled(shown, underline(focused)),
        ]));
        if focused && at == cursor_line {
            rows.cursor = Some((line_index, (LABEL_COLUMNS + 2 + cursor) as u16));
        }
    }
}

pub(super) fn underline(focused: bool) -> Style {
    if focused {
        Style::default().add_modifier(Modifier::UNDERLINED)
    } else {
        Style::default()
    }
}
