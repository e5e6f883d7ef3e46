//! The small form that sets up the server's OneDrive email settings, so that Send can work.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};

use super::checks::is_email;
use super::submission::EmailSettingsSubmission;
use super::text::TextField;
use super::to_api::Secret;
use crate::api::model::EmailSettings;

/// The SMTP port most Microsoft 365 and Exchange senders use with STARTTLS.
const DEFAULT_SMTP_PORT: &str = "587";

/// One field of the email settings form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EmailField {
    Server,
    Port,
    From,
    Ssl,
    Authentication,
    User,
    Password,
    Save,
}

impl EmailField {
    pub const ALL: [EmailField; 8] = [
        Self::Server,
        Self::Port,
        Self::From,
        Self::Ssl,
        Self::Authentication,
        Self::User,
        Self::Password,
        Self::Save,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Server => "SMTP server",
            Self::Port => "Port",
            Self::From => "From",
            Self::Ssl => "SSL",
            Self::Authentication => "Authentication",
            Self::User => "User",
            Self::Password => "Password",
            Self::Save => "",
        }
    }
}

/// What the agent types into the email settings form.
#[derive(Debug, Clone)]
pub struct EmailSettingsForm {
    pub server: TextField,
    pub port: TextField,
    pub from: TextField,
    pub use_ssl: bool,
    pub use_authentication: bool,
    pub user: TextField,
    pub password: TextField,
    pub focus: EmailField,
    pub errors: BTreeMap<EmailField, String>,
    saving: bool,
}

/// What a key did in the email settings form.
#[derive(Debug)]
pub enum EmailKey {
    Unchanged,
    Changed,
    Submit(EmailSettingsSubmission),
}

impl EmailSettingsForm {
    pub fn new() -> EmailSettingsForm {
        EmailSettingsForm {
            server: TextField::plain(""),
            port: TextField::plain(DEFAULT_SMTP_PORT),
            from: TextField::plain(""),
            use_ssl: true,
            use_authentication: true,
            user: TextField::plain(""),
            password: TextField::masked(),
            focus: EmailField::Server,
            errors: BTreeMap::new(),
            saving: false,
        }
    }

    pub fn is_saving(&self) -> bool {
        self.saving
    }

    pub fn stop_saving(&mut self) {
        self.saving = false;
    }

    pub fn forget_password(&mut self) {
        self.password.clear();
    }

    pub fn text(&self, field: EmailField) -> Option<&TextField> {
        match field {
            EmailField::Server => Some(&self.server),
            EmailField::Port => Some(&self.port),
            EmailField::From => Some(&self.from),
            EmailField::User => Some(&self.user),
            EmailField::Password => Some(&self.password),
            _ => None,
        }
    }

    fn text_mut(&mut self, field: EmailField) -> Option<&mut TextField> {
        match field {
            EmailField::Server => Some(&mut self.server),
            EmailField::Port => Some(&mut self.port),
            EmailField::From => Some(&mut self.from),
            EmailField::User => Some(&mut self.user),
            EmailField::Password => Some(&mut self.password),
            _ => None,
        }
    }

    /// Handles a key other than Esc (which the form handles).
    pub fn handle(&mut self, key: KeyEvent) -> EmailKey {
        if self.saving {
            return EmailKey::Unchanged;
        }
        match key.code {
            KeyCode::Tab | KeyCode::Down => return self.move_focus(true),
            KeyCode::BackTab | KeyCode::Up => return self.move_focus(false),
            KeyCode::Enter if self.focus == EmailField::Save => return self.submit(),
            KeyCode::Enter => return self.move_focus(true),
            _ => {}
        }
        let toggles = matches!(
            key.code,
            KeyCode::Left | KeyCode::Right | KeyCode::Char(' ')
        );
        match self.focus {
            EmailField::Ssl if toggles => self.use_ssl = !self.use_ssl,
            EmailField::Authentication if toggles => {
                self.use_authentication = !self.use_authentication
            }
            field => {
                let edited = self.text_mut(field).is_some_and(|text| text.edit(key));
                if !edited {
                    return EmailKey::Unchanged;
                }
            }
        }
        EmailKey::Changed
    }

    fn move_focus(&mut self, forward: bool) -> EmailKey {
        self.focus = super::choice::cycle(&EmailField::ALL, self.focus, forward);
        EmailKey::Changed
    }

    fn submit(&mut self) -> EmailKey {
        self.errors = self.check();
        if let Some(first) = self.errors.keys().next() {
            self.focus = *first;
            return EmailKey::Changed;
        }
        self.saving = true;
        let port = self.port.trimmed().parse::<u16>().ok();
        let with_user = self.use_authentication;
        let settings = EmailSettings {
            // Without it the server keeps the settings but sends nothing.
            enable_notification: Some(true),
            server: Some(self.server.trimmed().to_string()),
            port,
            from: Some(self.from.trimmed().to_string()),
            use_authentication: Some(with_user),
            use_ssl: Some(self.use_ssl),
            username: with_user.then(|| self.user.trimmed().to_string()),
        };
        let password = with_user.then(|| Secret::from(self.password.value()));
        EmailKey::Submit(EmailSettingsSubmission { settings, password })
    }

    fn check(&self) -> BTreeMap<EmailField, String> {
        let mut errors = BTreeMap::new();
        let server = self.server.trimmed();
        if server.is_empty() {
            errors.insert(
                EmailField::Server,
                "the SMTP server is required".to_string(),
            );
        } else if server.contains(char::is_whitespace) {
            errors.insert(
                EmailField::Server,
                format!("\"{server}\" is not a host name"),
            );
        }
        let port = self.port.trimmed();
        if !matches!(port.parse::<u16>(), Ok(1..)) {
            errors.insert(
                EmailField::Port,
                format!("\"{port}\" is not a port (1 to 65535)"),
            );
        }
        let from = self.from.trimmed();
        if from.is_empty() {
            errors.insert(
                EmailField::From,
                "the sender address is required".to_string(),
            );
        } else if !is_email(from) {
            errors.insert(
                EmailField::From,
                format!("\"{from}\" is not an email address"),
            );
        }
        if self.use_authentication && self.user.trimmed().is_empty() {
            errors.insert(
                EmailField::User,
                "a user is required with authentication".to_string(),
            );
        }
        if self.use_authentication && self.password.value().is_empty() {
            errors.insert(
                EmailField::Password,
                "a password is required with authentication".to_string(),
            );
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyModifiers;

    use super::*;

    fn press(form: &mut EmailSettingsForm, code: KeyCode) -> EmailKey {
        form.handle(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn type_text(form: &mut EmailSettingsForm, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    #[test]
    fn settings_are_checked_then_submitted_once() {
        let mut form = EmailSettingsForm::new();
        form.focus = EmailField::Save;
        assert!(matches!(
            press(&mut form, KeyCode::Enter),
            EmailKey::Changed
        ));
        assert_eq!(form.focus, EmailField::Server);
        assert!(form.errors.contains_key(&EmailField::From));

        type_text(&mut form, "smtp.office365.com");
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Tab);
        type_text(&mut form, "backup@contoso.com");
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Tab);
        type_text(&mut form, "backup@contoso.com");
        press(&mut form, KeyCode::Tab);
        type_text(&mut form, "smtp-pw");
        press(&mut form, KeyCode::Tab);
        let EmailKey::Submit(sent) = press(&mut form, KeyCode::Enter) else {
            panic!("valid settings submit: {:?}", form.errors);
        };
        assert_eq!(sent.settings.server.as_deref(), Some("smtp.office365.com"));
        assert_eq!(sent.settings.port, Some(587));
        assert_eq!(sent.settings.use_ssl, Some(true));
        assert_eq!(sent.password.as_ref().map(Secret::expose), Some("smtp-pw"));
        assert!(matches!(
            press(&mut form, KeyCode::Enter),
            EmailKey::Unchanged
        ));
    }
}
