//! How a restore session reads in the sessions table: its kind as a word and the point in
//! time it explores.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::App;
use crate::api::model::{CaseInsensitive, RestoreSession};

impl App {
    /// The point in time of a listed session, for the sessions table.
    pub fn point_in_time_of(&self, session: &RestoreSession) -> String {
        point_in_time(session, self.points_in_time.get(&session.id).copied())
    }
}

/// "OneDrive" for `Veod`: the kind of a session as the server's documentation names it.
pub fn kind_word(kind: &CaseInsensitive) -> String {
    let words = [
        ("Vex", "Exchange"),
        ("Veod", "OneDrive"),
        ("Vesp", "SharePoint"),
        ("Vet", "Teams"),
    ];
    words
        .iter()
        .find(|(code, _)| kind.is(code))
        .map_or_else(|| kind.to_string(), |(_, word)| (*word).to_owned())
}

/// Whether a session is of another kind than OneDrive, which this console browses.
pub fn is_other_kind(session: &RestoreSession) -> bool {
    !session.kind.0.is_empty() && !session.kind.is("Veod")
}

/// The point in time a session explores: the one its name ends with, else the one asked
/// for when it was started here (`asked`: `Some(None)` for the latest backup), else
/// nothing, as the server does not say.
fn point_in_time(session: &RestoreSession, asked: Option<Option<DateTime<Utc>>>) -> String {
    let named = session.name.as_deref().and_then(named_point);
    match (named, asked) {
        (Some(at), _) | (None, Some(Some(at))) => at.format("%Y-%m-%d %H:%M").to_string(),
        (None, Some(None)) => "latest".to_owned(),
        (None, None) => String::new(),
    }
}

/// The time a session's name ends with, as in "OneDrive restore of contoso at 2026-11-29
/// 22:00": the list of sessions carries no field for it.
fn named_point(name: &str) -> Option<DateTime<Utc>> {
    let (_, tail) = name.trim_end().rsplit_once(" at ")?;
    let at = NaiveDateTime::parse_from_str(tail, "%Y-%m-%d %H:%M").ok()?;
    Some(at.and_utc())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn session(name: Option<&str>, kind: &str) -> RestoreSession {
        let json = serde_json::json!({ "id": "s1", "name": name, "type": kind });
        serde_json::from_value(json).expect("a session")
    }

    #[test]
    fn kinds_read_as_words() {
        assert_eq!(kind_word(&CaseInsensitive("veod".into())), "OneDrive");
        assert_eq!(kind_word(&CaseInsensitive("Vesp".into())), "SharePoint");
        assert_eq!(kind_word(&CaseInsensitive("Vfuture".into())), "Vfuture");
        assert!(!is_other_kind(&session(None, "Veod")));
        assert!(is_other_kind(&session(None, "Vex")));
    }

    #[test]
    fn the_point_in_time_comes_from_the_name_then_from_what_was_asked() {
        let named = session(
            Some("OneDrive restore of contoso at 2026-11-29 22:00"),
            "Veod",
        );
        assert_eq!(point_in_time(&named, None), "2026-11-29 22:00");
        let asked = Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).single();
        assert_eq!(point_in_time(&named, Some(asked)), "2026-11-29 22:00");

        let plain = session(Some("Helpdesk restore"), "Veod");
        assert_eq!(point_in_time(&plain, Some(asked)), "2026-11-24 09:30");
        assert_eq!(point_in_time(&plain, Some(None)), "latest");
        assert_eq!(point_in_time(&plain, None), "");
        let odd = session(Some("Restore at the office"), "Veod");
        assert_eq!(point_in_time(&odd, None), "");
    }
}
