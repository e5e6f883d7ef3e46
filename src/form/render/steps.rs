//! The steps after the fields: confirmation, the overwrite warning, the device code, the
//! email settings form, and the locked form after submission.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::super::bigtext::{big_lines, big_width};
use super::super::device::minutes_seconds;
use super::super::email::EmailField;
use super::super::summary::summary_rows;
use super::super::text::inert;
use super::super::{ActionForm, Step};
use super::rows::{LABEL_COLUMNS, Rows, dim, error_lines, fit, label, wrap};

fn bold(text: impl Into<String>) -> Span<'static> {
    Span::styled(text.into(), Style::default().add_modifier(Modifier::BOLD))
}

fn warning(text: impl Into<String>) -> Span<'static> {
    Span::styled(
        text.into(),
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
    )
}

/// The summing up, and under it either "Enter sends" or the overwrite warning.
pub fn confirm_rows(form: &ActionForm, width: u16) -> Rows {
    let value_width = usize::from(width).saturating_sub(LABEL_COLUMNS + 2).max(10);
    let mut rows = Rows::default();
    rows.push(Line::from(bold("Please check before anything is sent:")));
    if let Some(submission) = &form.pending {
        for (name, value) in summary_rows(&form.context, submission) {
            for (at, part) in wrap(&inert(&value), value_width).into_iter().enumerate() {
                let head = if at == 0 { name } else { "" };
                rows.push(Line::from(vec![
                    label(head, false),
                    Span::raw("   "),
                    Span::raw(part),
                ]));
            }
        }
    }
    rows.push(Line::default());
    let start = rows.next_index();
    if form.step == Step::ConfirmOverwrite {
        rows.push(Line::from(warning(
            "Overwrite replaces the user's current files with the backed-up ones.",
        )));
        rows.push(Line::from(warning(
            "Press y to overwrite them, n or Esc to go back.",
        )));
    } else {
        rows.push(Line::from(bold(
            "Press Enter to go ahead, Esc to change something.",
        )));
    }
    rows.mark_focus(start);
    rows
}

/// The device code in large type with its sign-in address and countdown.
pub fn device_rows(form: &ActionForm, width: u16) -> Rows {
    let mut rows = Rows::default();
    let Some(code) = form.device.code() else {
        rows.push(Line::from("Asking the server for a Microsoft device code…"));
        return rows;
    };
    if form.device.is_expired() {
        rows.push(Line::from(warning(
            "The device code has expired. Press Enter for a new one.",
        )));
        return rows;
    }
    let url = inert(&code.verification_url);
    rows.push(Line::from(vec![Span::raw("Sign in at "), bold(url)]));
    rows.push(Line::from("and enter this code:"));
    rows.push(Line::default());
    let user_code = inert(&code.user_code);
    if big_width(&user_code) + 2 <= usize::from(width) {
        for line in big_lines(&user_code) {
            rows.push(Line::from(format!("  {line}")));
        }
    } else {
        rows.push(Line::from(vec![Span::raw("  "), bold(user_code.clone())]));
    }
    rows.push(Line::from(vec![Span::raw("  "), bold(user_code)]));
    rows.push(Line::default());
    let start = rows.next_index();
    if let Some(left) = form.device.seconds_left() {
        rows.push(Line::from(format!(
            "Expires in {}. Copied to the clipboard; c copies it again.",
            minutes_seconds(left)
        )));
        rows.push(Line::from(bold("Press Enter once you have signed in.")));
    }
    rows.mark_focus(start);
    rows
}

/// The email settings form that Send offers when the server has none.
pub fn email_rows(form: &ActionForm, width: u16) -> Rows {
    let email = &form.email;
    let value_width = usize::from(width).saturating_sub(LABEL_COLUMNS + 2);
    let mut rows = Rows::default();
    rows.push(Line::from(bold(
        "The server has no OneDrive email settings; it needs them to send mail.",
    )));
    for field in EmailField::ALL {
        let focused = field == email.focus;
        let start = rows.next_index();
        let value = match field {
            EmailField::Ssl => Span::raw(check_mark(email.use_ssl, "use SSL")),
            EmailField::Authentication => Span::raw(check_mark(
                email.use_authentication,
                "sign in to the SMTP server",
            )),
            EmailField::Save => bold(if focused { "[ Save ] ←" } else { "[ Save ]" }),
            _ => {
                let text = email.text(field).map(|t| (t.shown(), t.cursor().1));
                let (shown, cursor) = text.unwrap_or_default();
                let (shown, cursor) = fit(&shown, cursor, value_width);
                if focused {
                    rows.cursor = Some((start, (LABEL_COLUMNS + 2 + cursor) as u16));
                }
                Span::styled(shown, Style::default().add_modifier(Modifier::UNDERLINED))
            }
        };
        rows.push(Line::from(vec![
            label(field.label(), focused),
            Span::raw("   "),
            value,
        ]));
        if let Some(message) = email.errors.get(&field) {
            for line in error_lines(message, value_width) {
                rows.push(line);
            }
        }
        if focused {
            rows.mark_focus(start);
        }
    }
    if email.is_saving() {
        rows.push(Line::from(dim("Saving the email settings…")));
    }
    rows
}

fn check_mark(on: bool, what: &str) -> String {
    format!("[{}] {what}", if on { "x" } else { " " })
}

/// The form after submission: it says so and takes no more keys.
pub fn locked_rows(form: &ActionForm) -> Rows {
    let mut rows = Rows::default();
    rows.push(Line::from(bold(format!(
        "{} submitted for {}.",
        form.inputs.action.short(),
        form.context.items_phrase()
    ))));
    rows.push(Line::from(dim(
        "The console reports the outcome; follow it in the tasks pane (t).",
    )));
    rows
}
