//! Key chords: parsing `Ctrl-c`, `Shift-Tab` or `PageDown` from the config, and naming keys for
//! help and the hint bar.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key with its modifiers, normalised so that `G` and `Shift-g` are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Chord {
    pub const fn plain(code: KeyCode) -> Chord {
        Chord {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Chord {
        Chord::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Chord {
        Chord {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// The chord a terminal key press stands for.
    pub fn from_event(event: &KeyEvent) -> Chord {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) => KeyCode::Char(c),
            KeyCode::BackTab => KeyCode::BackTab,
            // Some terminals report Shift-Tab as Tab with Shift; the config names it BackTab.
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => {
                if event.modifiers.contains(KeyModifiers::SHIFT) {
                    modifiers |= KeyModifiers::SHIFT;
                }
                other
            }
        };
        Chord { code, modifiers }
    }
}

/// A key name in the config that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a key: use a character such as \"j\", a name such as \"Down\", \"PageUp\", \
     \"Enter\", \"Space\", \"F5\", or a modifier as in \"Ctrl-d\" or \"Shift-Tab\""
)]
pub struct BadKey(pub String);

impl FromStr for Chord {
    type Err = BadKey;

    fn from_str(spec: &str) -> Result<Chord, BadKey> {
        let bad = || BadKey(spec.to_owned());
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = spec;
        loop {
            let lower = rest.to_ascii_lowercase();
            let cut = ["ctrl-", "ctrl+", "alt-", "alt+", "shift-", "shift+"]
                .iter()
                .find(|prefix| lower.starts_with(**prefix) && rest.len() > prefix.len());
            let Some(prefix) = cut else { break };
            modifiers |= match prefix.as_bytes()[0] {
                b'c' => KeyModifiers::CONTROL,
                b'a' => KeyModifiers::ALT,
                _ => KeyModifiers::SHIFT,
            };
            rest = &rest[prefix.len()..];
        }
        let code = named_code(rest).ok_or_else(bad)?;
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        // Control wins over Shift, as in `from_event`: terminals send Ctrl-Shift-a as Ctrl-a.
        let code = match code {
            KeyCode::Tab if shift => KeyCode::BackTab,
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) if shift => KeyCode::Char(c.to_ascii_uppercase()),
            other => other,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Ok(Chord { code, modifiers })
    }
}

/// Reads a key name without modifiers.
fn named_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let code = match name.to_ascii_lowercase().as_str() {
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "space" => KeyCode::Char(' '),
        other => {
            let number = other.strip_prefix('f')?.parse::<u8>().ok()?;
            if !(1..=24).contains(&number) {
                return None;
            }
            KeyCode::F(number)
        }
    };
    Some(code)
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chord(spec: &str) -> Chord {
        spec.parse().expect(spec)
    }

    #[test]
    fn names_and_modifiers_parse() {
        assert_eq!(chord("j"), Chord::ch('j'));
        assert_eq!(chord("Ctrl-C"), Chord::ctrl('c'));
        assert_eq!(chord("ctrl+d"), Chord::ctrl('d'));
        assert_eq!(chord("Shift-g"), Chord::ch('G'));
        assert_eq!(chord("Shift-Tab"), Chord::plain(KeyCode::BackTab));
        assert_eq!(chord("PageDown"), Chord::plain(KeyCode::PageDown));
        assert_eq!(chord("Space"), Chord::ch(' '));
        assert_eq!(chord("F5"), Chord::plain(KeyCode::F(5)));
        assert_eq!(chord("-"), Chord::ch('-'));
        assert!("Hyper-x".parse::<Chord>().is_err());
        assert!("F99".parse::<Chord>().is_err());
    }

    #[test]
    fn terminal_events_normalise_like_the_config() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Chord::from_event(&shifted), chord("G"));
        let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Chord::from_event(&back), chord("Shift-Tab"));
        let shifted_tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(Chord::from_event(&shifted_tab), chord("Shift-Tab"));
        assert_eq!(chord("Ctrl-Shift-a"), chord("Ctrl-a"));
        let ctrl = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(Chord::from_event(&ctrl), chord("Ctrl-c"));
    }

    #[test]
    fn chords_name_themselves_for_help() {
        assert_eq!(chord("ctrl-c").to_string(), "Ctrl-C");
        assert_eq!(chord("space").to_string(), "Space");
        assert_eq!(chord("pgdn").to_string(), "PgDn");
    }
}
