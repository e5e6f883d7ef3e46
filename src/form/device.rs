//! The device code the agent signs in with: its countdown and its OSC 52 clipboard escape.

use std::time::{Duration, Instant};

use base64::Engine;

use crate::api::model::DeviceCode;

/// The device code being shown, if any, and the clock the countdown last read.
#[derive(Debug, Clone, Default)]
pub struct DeviceCodeState {
    code: Option<DeviceCode>,
    issued_at: Option<Instant>,
    now: Option<Instant>,
}

impl DeviceCodeState {
    pub fn set(&mut self, code: DeviceCode, issued_at: Instant) {
        self.code = Some(code);
        self.issued_at = Some(issued_at);
        self.now = Some(issued_at);
    }

    pub fn clear(&mut self) {
        *self = DeviceCodeState::default();
    }

    pub fn code(&self) -> Option<&DeviceCode> {
        self.code.as_ref()
    }

    /// Records the time; returns whether the whole seconds left changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let before = self.seconds_left();
        self.now = Some(now);
        before != self.seconds_left()
    }

    /// Seconds until the code expires, as of the last tick.
    pub fn seconds_left(&self) -> Option<u64> {
        let code = self.code.as_ref()?;
        let issued_at = self.issued_at?;
        let now = self.now.unwrap_or(issued_at);
        let lifetime = Duration::from_secs(code.expires_in);
        let elapsed = now.saturating_duration_since(issued_at);
        let left = lifetime.saturating_sub(elapsed);
        // Rounded up, so that "0:00" means expired.
        Some(left.as_secs() + u64::from(left.subsec_nanos() > 0))
    }

    pub fn is_expired(&self) -> bool {
        self.seconds_left() == Some(0)
    }

    /// Whether a code is shown and still running down.
    pub fn is_counting(&self) -> bool {
        self.seconds_left().is_some_and(|left| left > 0)
    }
}

/// The OSC 52 escape that asks the terminal (also through SSH) to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// "14:59", "0:05".
pub fn minutes_seconds(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(expires_in: u64) -> DeviceCode {
        DeviceCode {
            user_code: "CWE5QHLNM".to_string(),
            verification_url: "https://microsoft.com/devicelogin".to_string(),
            expires_in,
            message: None,
        }
    }

    #[test]
    fn the_countdown_runs_to_expiry() {
        let start = Instant::now();
        let mut state = DeviceCodeState::default();
        state.set(code(900), start);
        assert_eq!(state.seconds_left(), Some(900));
        assert!(!state.tick(start + Duration::from_millis(400)));
        assert!(state.tick(start + Duration::from_secs(61)));
        assert_eq!(state.seconds_left(), Some(839));
        state.tick(start + Duration::from_secs(901));
        assert!(state.is_expired());
        assert!(!state.is_counting());
    }

    #[test]
    fn osc52_carries_the_code_base64() {
        assert_eq!(osc52("ABC"), "\u{1b}]52;c;QUJD\u{7}");
        assert_eq!(minutes_seconds(899), "14:59");
    }
}
