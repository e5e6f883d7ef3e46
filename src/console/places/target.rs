//! The `--open SESSION/ONEDRIVE/PATH` grammar.
//!
//! Parts are separated by `/`. A `/` inside a name is written `%2F`, and a `%` that would
//! otherwise be read as the start of one of these escapes is written `%25`; any other `%`
//! stands for itself, so "100% done" needs no escape.

use std::fmt;

/// Where `--open` asks the console to go, each part as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTarget {
    /// A restore session id, a unique prefix of one, or an organization name.
    pub session: String,
    /// A OneDrive id, display name or user name.
    pub onedrive: Option<String>,
    /// Folder names from the OneDrive's root; the last may name a document.
    pub path: Vec<String>,
}

/// Why an `--open` value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--open {value:?}: {reason}; write SESSION[/ONEDRIVE[/PATH]], a / inside a name as %2F")]
pub struct OpenTargetError {
    value: String,
    reason: &'static str,
}

impl OpenTarget {
    pub fn parse(value: &str) -> Result<OpenTarget, OpenTargetError> {
        let fail = |reason| OpenTargetError {
            value: value.to_owned(),
            reason,
        };
        let mut parts = value.trim().split('/').map(unescape);
        let session = parts.next().unwrap_or_default();
        if session.trim().is_empty() {
            return Err(fail("the restore session is missing"));
        }
        let onedrive = parts.next().filter(|part| !part.is_empty());
        let path: Vec<String> = parts.filter(|part| !part.is_empty()).collect();
        if onedrive.is_none() && !path.is_empty() {
            return Err(fail("a path needs the OneDrive before it"));
        }
        Ok(OpenTarget {
            session: session.trim().to_owned(),
            onedrive: onedrive.map(|name| name.trim().to_owned()),
            path,
        })
    }
}

impl fmt::Display for OpenTarget {
    /// The target written back in the grammar, escapes included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = std::iter::once(&self.session)
            .chain(self.onedrive.iter())
            .chain(self.path.iter());
        let written: Vec<String> = parts.map(|part| escape(part)).collect();
        f.write_str(&written.join("/"))
    }
}

/// Decodes `%2F` (any case) to `/` and `%25` to `%`, leaving every other `%` as it is.
fn unescape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3).map(str::to_ascii_uppercase);
        match code.as_deref() {
            Some("2F") => out.push('/'),
            Some("25") => out.push('%'),
            _ => {
                out.push('%');
                rest = &rest[at + 1..];
                continue;
            }
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

fn escape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for (at, c) in part.char_indices() {
        let next = part.get(at + 1..at + 3).map(str::to_ascii_uppercase);
        match c {
            '/' => out.push_str("%2F"),
            '%' if matches!(next.as_deref(), Some("2F" | "25")) => out.push_str("%25"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(value: &str) -> (String, Option<String>, Vec<String>) {
        let target = OpenTarget::parse(value).expect(value);
        (target.session, target.onedrive, target.path)
    }

    #[test]
    fn a_session_alone_a_onedrive_and_a_path() {
        assert_eq!(parts("contoso"), ("contoso".into(), None, vec![]));
        assert_eq!(parts("contoso/"), ("contoso".into(), None, vec![]));
        assert_eq!(
            parts("5f1e/Adele Vance"),
            ("5f1e".into(), Some("Adele Vance".into()), vec![])
        );
        assert_eq!(
            parts(" 5f1e/Adele Vance/Documents//Work/Budget.xlsx/ "),
            (
                "5f1e".into(),
                Some("Adele Vance".into()),
                vec!["Documents".into(), "Work".into(), "Budget.xlsx".into()]
            )
        );
    }

    #[test]
    fn an_escaped_slash_stays_inside_its_name() {
        let (_, onedrive, path) = parts("s/Adele/Q1%2fQ2 plans/a%2Fb%2Fc");
        assert_eq!(onedrive.as_deref(), Some("Adele"));
        assert_eq!(path, vec!["Q1/Q2 plans", "a/b/c"]);
    }

    #[test]
    fn a_percent_is_literal_unless_it_starts_an_escape() {
        let (_, _, path) = parts("s/Adele/100% done/50%25/%252F");
        assert_eq!(path, vec!["100% done", "50%", "%2F"]);
        let (_, _, tail) = parts("s/Adele/ends in %");
        assert_eq!(tail, vec!["ends in %"]);
    }

    #[test]
    fn writing_a_target_back_round_trips() {
        for value in ["s/Adele/Q1%2FQ2/100% done", "s/A/%252F x", "org"] {
            let target = OpenTarget::parse(value).expect(value);
            let again = OpenTarget::parse(&target.to_string()).expect("written back");
            assert_eq!(again, target, "{value} -> {target}");
        }
    }

    #[test]
    fn a_missing_session_or_onedrive_is_named() {
        let empty = OpenTarget::parse(" / ").expect_err("no session");
        assert!(
            empty.to_string().contains("restore session is missing"),
            "{empty}"
        );
        let no_onedrive = OpenTarget::parse("s//Documents").expect_err("no OneDrive");
        assert!(
            no_onedrive.to_string().contains("needs the OneDrive"),
            "{no_onedrive}"
        );
        assert!(no_onedrive.to_string().contains("%2F"), "{no_onedrive}");
    }
}
