//! A text field of the form: a tui-input buffer that may be masked or span several lines.

use std::fmt;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;
use unicode_width::UnicodeWidthStr;

/// The character a masked field shows for each typed one.
const MASK: char = '•';

/// One editable text value.
#[derive(Clone, Default)]
pub struct TextField {
    input: Input,
    masked: bool,
    multiline: bool,
}

impl TextField {
    pub fn plain(value: impl Into<String>) -> TextField {
        TextField {
            input: Input::new(value.into()),
            ..TextField::default()
        }
    }

    /// A password field: it shows one mask character per typed character.
    pub fn masked() -> TextField {
        TextField {
            masked: true,
            ..TextField::default()
        }
    }

    /// A field where Enter starts a new line.
    pub fn multiline() -> TextField {
        TextField {
            multiline: true,
            ..TextField::default()
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn trimmed(&self) -> &str {
        self.input.value().trim()
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// Forgets the value; used for passwords once they have been handed over.
    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// Applies an editing key; returns whether the value or the cursor changed.
    pub fn edit(&mut self, key: KeyEvent) -> bool {
        if self.multiline && key.code == KeyCode::Enter && key.modifiers == KeyModifiers::NONE {
            self.input.handle(tui_input::InputRequest::InsertChar('\n'));
            return true;
        }
        match to_input_request(&Event::Key(key)) {
            Some(request) => self.input.handle(request).is_some(),
            None => false,
        }
    }

    /// What the screen shows: the value, or one mask character per character when masked.
    pub fn shown(&self) -> String {
        if self.masked {
            self.input.value().chars().map(|_| MASK).collect()
        } else {
            self.input.value().to_string()
        }
    }

    /// The shown lines (one unless multiline), with control characters made inert.
    pub fn shown_lines(&self) -> Vec<String> {
        let shown = self.shown();
        if !self.multiline {
            return vec![inert(&shown)];
        }
        shown.split('\n').map(inert).collect()
    }

    /// The cursor as (line, display column) within [`TextField::shown_lines`].
    pub fn cursor(&self) -> (usize, usize) {
        let before: String = self.shown().chars().take(self.input.cursor()).collect();
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().unwrap_or_default();
        (line, inert(column).width())
    }
}

/// Debug output shows what the screen shows, so that a password never reaches a log.
impl fmt::Debug for TextField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextField")
            .field("shown", &self.shown())
            .field("masked", &self.masked)
            .finish()
    }
}

/// Replaces control characters with visible escapes so that a pasted escape sequence never
/// reaches the terminal.
pub fn inert(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_masked_field_shows_no_typed_character() {
        let mut field = TextField::masked();
        for c in "s3cret".chars() {
            field.edit(key(KeyCode::Char(c)));
        }
        assert_eq!(field.value(), "s3cret");
        assert_eq!(field.shown(), "••••••");
        assert_eq!(field.cursor(), (0, 6));
        assert!(!format!("{field:?}").contains("s3cret"));
    }

    #[test]
    fn enter_starts_a_line_only_in_a_multiline_field() {
        let mut text = TextField::multiline();
        text.edit(key(KeyCode::Char('a')));
        text.edit(key(KeyCode::Enter));
        text.edit(key(KeyCode::Char('b')));
        assert_eq!(text.value(), "a\nb");
        assert_eq!(text.shown_lines(), vec!["a", "b"]);
        assert_eq!(text.cursor(), (1, 1));

        let mut plain = TextField::plain("x");
        assert!(!plain.edit(key(KeyCode::Enter)));
        assert_eq!(plain.value(), "x");
    }

    #[test]
    fn escape_sequences_are_shown_inert() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    }
}
