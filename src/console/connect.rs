//! The connect screen on the terminal: draws the login form and connects off the UI path.

use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use tokio::task::JoinHandle;

use super::login::{LoginField, LoginForm, LoginOutcome, LoginStatus};
use super::terminal::{ConsoleTerminal, Interrupted};
use super::text;
use super::theme::Theme;
use crate::api::{ApiError, Client, ConnectOptions, Secret};
use crate::config::{PinTarget, pin_fingerprint};

/// Shows the login form until a connection succeeds (`Some`) or the user leaves (`None`).
///
/// An unknown certificate can be trusted for this run (`t`) or, when there is a profile, for
/// good (`p`): its fingerprint is then written into the profile once the connection with it
/// succeeds.
///
/// `options` carries everything but the password (and the server and user as defaults).
pub async fn login(
    terminal: &mut ConsoleTerminal,
    theme: &Theme,
    options: ConnectOptions,
    status: Option<LoginStatus>,
    pin_target: Option<&PinTarget>,
) -> anyhow::Result<Option<Client>> {
    let mut form = LoginForm::new(&options.url, &options.user);
    form.can_save_pin = pin_target.is_some();
    if !options.password.expose().is_empty() {
        form.password = tui_input::Input::new(options.password.expose().to_owned());
    }
    if let Some(status) = status {
        form.status = status;
    }
    let mut input = EventStream::new();
    let mut attempt: Option<JoinHandle<Result<Client, ApiError>>> = None;
    // SIGTERM and SIGHUP end the login screen as they end the panes: the caller gives the
    // terminal back first.
    let shutdown = super::terminal::shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        terminal.draw(|frame| draw(frame, theme, &form))?;
        tokio::select! {
            signal = &mut shutdown => return Err(Interrupted { signal }.into()),
            event = input.next() => {
                let Some(event) = event else { return Ok(None) };
                let Event::Key(key) = event? else { continue };
                match form.handle_key(&key) {
                    LoginOutcome::Quit => return Ok(None),
                    LoginOutcome::Connect => attempt = Some(tokio::spawn(
                        Client::connect(attempt_options(&options, &form)),
                    )),
                    LoginOutcome::Nothing => {}
                }
            }
            done = async { attempt.as_mut().expect("guarded").await }, if attempt.is_some() => {
                attempt = None;
                match done {
                    Ok(Ok(client)) => {
                        save_pin(&form, pin_target);
                        return Ok(Some(client));
                    }
                    Ok(Err(error)) => form.status = status_for(error),
                    Err(join) => form.status = LoginStatus::Failed(join.to_string()),
                }
            }
        }
    }
}

/// Writes the fingerprint the user chose to keep into the profile.
fn save_pin(form: &LoginForm, target: Option<&PinTarget>) {
    let (Some(target), Some(fingerprint), true) = (target, &form.pinned, form.save_pin) else {
        return;
    };
    match pin_fingerprint(target, fingerprint) {
        Ok(()) => tracing::info!(
            file = %target.file.display(), profile = %target.profile, %fingerprint,
            "pinned the server's certificate in the profile"
        ),
        Err(error) => tracing::warn!(%error, "could not pin the certificate in the profile"),
    }
}

fn attempt_options(base: &ConnectOptions, form: &LoginForm) -> ConnectOptions {
    let mut options = base.clone();
    options.url = form.server.value().trim().to_owned();
    options.user = form.user.value().trim().to_owned();
    options.password = Secret::new(form.password.value().to_owned());
    if let Some(pinned) = &form.pinned {
        options.trust.fingerprint = Some(pinned.clone());
    }
    options
}

/// What the form says about a failed attempt.
pub fn status_for(error: ApiError) -> LoginStatus {
    match &error {
        ApiError::Tls {
            fingerprint: Some(fingerprint),
            pin_hint,
            ..
        } => LoginStatus::Untrusted {
            message: error.to_string(),
            fingerprint: fingerprint.clone(),
            pin_hint: pin_hint.clone(),
        },
        _ => LoginStatus::Failed(error.to_string()),
    }
}

/// Clears a bordered box of at most `width` x `height` in the middle of the screen, as the
/// screens before the console (login, profile picker) draw, and returns its inside.
pub fn dialog(frame: &mut Frame, theme: &Theme, (width, height): (u16, u16), title: &str) -> Rect {
    let screen = frame.area();
    let width = width.min(screen.width);
    let height = height.min(screen.height);
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

fn draw(frame: &mut Frame, theme: &Theme, form: &LoginForm) {
    let inner = dialog(
        frame,
        theme,
        (90, 18),
        " vbo-restore: connect to a VB365 server ",
    );
    let [fields, message] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(inner);

    let value_width = usize::from(fields.width.saturating_sub(12));
    let row = |label: &str, value: String, field: LoginField| {
        let style = if form.field == field {
            theme.cursor
        } else {
            theme.header
        };
        Line::from(vec![
            Span::styled(format!("{label:<10}"), style),
            Span::raw(" "),
            Span::raw(text::truncate_left(&text::inert(&value), value_width).into_owned()),
        ])
    };
    let lines = vec![
        row("Server", form.server.value().to_owned(), LoginField::Server),
        row("User", form.user.value().to_owned(), LoginField::User),
        row("Password", form.masked_password(), LoginField::Password),
    ];
    frame.render_widget(Paragraph::new(lines), fields);

    let (parts, style) = match &form.status {
        LoginStatus::Editing => (
            vec![
                "Tab moves between fields, Enter on the password connects, Esc leaves.".to_owned(),
            ],
            theme.dim,
        ),
        LoginStatus::Connecting => (vec!["Connecting…".to_owned()], theme.notice),
        LoginStatus::Failed(message) => (vec![message.clone()], theme.error),
        LoginStatus::Untrusted {
            message, pin_hint, ..
        } => {
            let mut parts = vec![
                message.clone(),
                "Press t to trust it for this run.".to_owned(),
            ];
            if form.can_save_pin {
                parts.push("Press p to trust it every time (writes the profile).".to_owned());
            }
            if let Some(hint) = pin_hint {
                parts.push(format!(
                    "To trust it every time, add to the profile: {hint}"
                ));
            }
            (parts, theme.error)
        }
    };
    let lines: Vec<Line> = parts
        .iter()
        .map(|part| Line::raw(text::inert(part).into_owned()))
        .collect();
    let paragraph = Paragraph::new(lines).style(style).wrap(Wrap { trim: true });
    frame.render_widget(paragraph, message);
}
