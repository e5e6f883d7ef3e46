//! The activity log: the last few hundred messages, newest first, each also sent to `tracing`.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

/// How many messages the log keeps.
pub const LOG_CAPACITY: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub time: DateTime<Utc>,
    pub level: Level,
    pub text: String,
}

/// A bounded list of messages, newest first.
#[derive(Debug, Clone, Default)]
pub struct ActivityLog {
    entries: VecDeque<LogEntry>,
}

impl ActivityLog {
    pub fn info(&mut self, text: String) {
        tracing::info!(target: "console", "{text}");
        self.push(Level::Info, text);
    }

    pub fn error(&mut self, text: String) {
        tracing::warn!(target: "console", "{text}");
        self.push(Level::Error, text);
    }

    fn push(&mut self, level: Level, text: String) {
        if self.entries.len() == LOG_CAPACITY {
            self.entries.pop_back();
        }
        self.entries.push_front(LogEntry {
            time: Utc::now(),
            level,
            text,
        });
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, newest first.
    pub fn entries(&self) -> impl Iterator<Item = &LogEntry> {
        self.entries.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_newest_first_and_stays_bounded() {
        let mut log = ActivityLog::default();
        for n in 0..LOG_CAPACITY + 10 {
            log.info(format!("message {n}"));
        }
        assert_eq!(log.len(), LOG_CAPACITY);
        let newest = log.entries().next().expect("entry");
        assert_eq!(newest.text, format!("message {}", LOG_CAPACITY + 9));
    }
}
