//! The connect screen's state: server, user and a masked password, and what the last attempt
//! said. When the server's certificate is not trusted, its fingerprint is shown and the user
//! may trust it for this run (trust on first use) and is told the profile line that pins it.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// The fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginField {
    Server,
    User,
    Password,
}

/// Where the attempt stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginStatus {
    Editing,
    Connecting,
    /// The server refused or could not be reached.
    Failed(String),
    /// The certificate is not trusted; `t` trusts this fingerprint for this run.
    Untrusted {
        message: String,
        fingerprint: String,
        pin_hint: Option<String>,
    },
}

/// What a key press on the connect screen asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    Nothing,
    /// Try to connect with what is typed (and the pinned fingerprint, if any).
    Connect,
    Quit,
}

/// The connect screen.
#[derive(Debug, Clone)]
pub struct LoginForm {
    pub server: Input,
    pub user: Input,
    pub password: Input,
    pub field: LoginField,
    pub status: LoginStatus,
    /// A fingerprint the user chose to trust on this screen.
    pub pinned: Option<String>,
    /// Whether there is a profile to write a trusted fingerprint into (`p`).
    pub can_save_pin: bool,
    /// The user chose to trust the fingerprint every time: write it into the profile once the
    /// connection with it succeeds.
    pub save_pin: bool,
}

impl LoginForm {
    /// A form with what the profile or the command line already gave; the cursor starts on the
    /// first empty field.
    pub fn new(server: &str, user: &str) -> LoginForm {
        let field = if server.is_empty() {
            LoginField::Server
        } else if user.is_empty() {
            LoginField::User
        } else {
            LoginField::Password
        };
        LoginForm {
            server: Input::new(server.to_owned()),
            user: Input::new(user.to_owned()),
            password: Input::default(),
            field,
            status: LoginStatus::Editing,
            pinned: None,
            can_save_pin: false,
            save_pin: false,
        }
    }

    /// The password as dots, one a character, for drawing.
    pub fn masked_password(&self) -> String {
        "•".repeat(self.password.value().chars().count())
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> LoginOutcome {
        if key.kind != KeyEventKind::Press {
            return LoginOutcome::Nothing;
        }
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if key.code == KeyCode::Esc || ctrl_c {
            return LoginOutcome::Quit;
        }
        if self.status == LoginStatus::Connecting {
            return LoginOutcome::Nothing;
        }
        let trust = matches!(key.code, KeyCode::Char('t') | KeyCode::Char('T'));
        let keep = self.can_save_pin && matches!(key.code, KeyCode::Char('p') | KeyCode::Char('P'));
        if let (true, LoginStatus::Untrusted { fingerprint, .. }) = (trust || keep, &self.status) {
            self.pinned = Some(fingerprint.clone());
            self.save_pin = keep;
            return self.submit();
        }
        match key.code {
            KeyCode::Tab | KeyCode::Down => self.field = self.next(1),
            KeyCode::BackTab | KeyCode::Up => self.field = self.next(2),
            KeyCode::Enter if self.field == LoginField::Password => return self.submit(),
            KeyCode::Enter => self.field = self.next(1),
            _ => {
                let input = match self.field {
                    LoginField::Server => &mut self.server,
                    LoginField::User => &mut self.user,
                    LoginField::Password => &mut self.password,
                };
                input.handle_event(&Event::Key(*key));
            }
        }
        LoginOutcome::Nothing
    }

    fn next(&self, step: usize) -> LoginField {
        const ORDER: [LoginField; 3] = [LoginField::Server, LoginField::User, LoginField::Password];
        let at = ORDER.iter().position(|f| *f == self.field).unwrap_or(0);
        ORDER[(at + step) % ORDER.len()]
    }

    fn submit(&mut self) -> LoginOutcome {
        let missing = [
            (self.server.value(), "the server's address"),
            (self.user.value(), "the API user name"),
            (self.password.value(), "the password"),
        ]
        .into_iter()
        .find(|(value, _)| value.trim().is_empty());
        if let Some((_, what)) = missing {
            self.status = LoginStatus::Failed(format!("Type {what} first"));
            return LoginOutcome::Nothing;
        }
        self.status = LoginStatus::Connecting;
        LoginOutcome::Connect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut LoginForm, code: KeyCode) -> LoginOutcome {
        form.handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn the_password_is_masked_and_enter_on_it_connects() {
        let mut form = LoginForm::new("https://vbo:4443", "helpdesk");
        assert_eq!(form.field, LoginField::Password);
        for c in "s3cret".chars() {
            press(&mut form, KeyCode::Char(c));
        }
        assert_eq!(form.masked_password(), "••••••");
        assert_eq!(press(&mut form, KeyCode::Enter), LoginOutcome::Connect);
        assert_eq!(form.status, LoginStatus::Connecting);
    }

    #[test]
    fn an_untrusted_certificate_can_be_trusted_for_this_run() {
        let mut form = LoginForm::new("https://vbo:4443", "helpdesk");
        press(&mut form, KeyCode::Char('x'));
        form.status = LoginStatus::Untrusted {
            message: "not trusted".to_owned(),
            fingerprint: "SHA256:ab".to_owned(),
            pin_hint: None,
        };
        assert_eq!(
            press(&mut form, KeyCode::Char('p')),
            LoginOutcome::Nothing,
            "no profile"
        );
        assert_eq!(press(&mut form, KeyCode::Char('t')), LoginOutcome::Connect);
        assert_eq!(form.pinned.as_deref(), Some("SHA256:ab"));
        assert!(!form.save_pin);
    }

    #[test]
    fn an_untrusted_certificate_can_be_pinned_in_the_profile() {
        let mut form = LoginForm::new("https://vbo:4443", "helpdesk");
        form.can_save_pin = true;
        press(&mut form, KeyCode::Char('x'));
        form.status = LoginStatus::Untrusted {
            message: "not trusted".to_owned(),
            fingerprint: "SHA256:cd".to_owned(),
            pin_hint: None,
        };
        assert_eq!(press(&mut form, KeyCode::Char('p')), LoginOutcome::Connect);
        assert_eq!(form.pinned.as_deref(), Some("SHA256:cd"));
        assert!(form.save_pin);
    }

    #[test]
    fn an_empty_field_is_named_instead_of_connecting() {
        let mut form = LoginForm::new("", "");
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Tab);
        assert_eq!(press(&mut form, KeyCode::Enter), LoginOutcome::Nothing);
        assert!(matches!(&form.status, LoginStatus::Failed(m) if m.contains("server")));
    }
}
