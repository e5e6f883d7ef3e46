//! The closed choices the action form offers, with the words it shows for them.
//!
//! These are the form's own types; `to_api` turns them into the client's request types, so
//! that the form can be read (and tested) without knowing the wire format.

/// What the helpdesk agent wants done with the marked items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// Put the items back where they were, in the same OneDrive.
    Restore,
    /// Copy the items into another OneDrive and folder.
    Copy,
    /// Mail the items as attachments.
    Send,
    /// Download the items to a local folder.
    Save,
}

impl ActionKind {
    pub const ALL: [ActionKind; 4] = [Self::Restore, Self::Copy, Self::Send, Self::Save];

    pub fn label(self) -> &'static str {
        match self {
            Self::Restore => "Restore to the original location",
            Self::Copy => "Copy to another OneDrive",
            Self::Send => "Send as email attachments",
            Self::Save => "Save to a folder",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Self::Restore => "Restore",
            Self::Copy => "Copy",
            Self::Send => "Send",
            Self::Save => "Save",
        }
    }

    /// Whether the action writes to Microsoft 365 and so needs restore credentials.
    pub fn needs_auth(self) -> bool {
        matches!(self, Self::Restore | Self::Copy)
    }
}

/// How a restore or copy signs in to Microsoft 365.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthMode {
    /// An organization user name and password.
    Password,
    /// A Microsoft device code the agent approves in a browser.
    DeviceCode,
    /// An Azure AD application id with its certificate (.pfx) and the certificate's password.
    Certificate,
}

impl AuthMode {
    pub const ALL: [AuthMode; 3] = [Self::Password, Self::DeviceCode, Self::Certificate];

    pub fn label(self) -> &'static str {
        match self {
            Self::Password => "organization user and password",
            Self::DeviceCode => "Microsoft device code",
            Self::Certificate => "application certificate",
        }
    }
}

/// Which versions of each document a restore or copy brings back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VersionPick {
    All,
    Last,
}

impl VersionPick {
    pub const ALL: [VersionPick; 2] = [Self::Last, Self::All];

    pub fn label(self) -> &'static str {
        match self {
            Self::All => "all versions",
            Self::Last => "last version",
        }
    }
}

/// What a restore does when the document is still in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConflictPick {
    /// Keep the current file and write the restored one as `RESTORED-<name>` beside it.
    Keep,
    /// Replace the current file.
    Overwrite,
}

impl ConflictPick {
    pub const ALL: [ConflictPick; 2] = [Self::Keep, Self::Overwrite];

    pub fn label(self) -> &'static str {
        match self {
            Self::Keep => "keep the current file, write RESTORED-<name>",
            Self::Overwrite => "overwrite the current file",
        }
    }
}

/// What a copy does with the last version of a document already at the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LastVersionPick {
    Merge,
    Overwrite,
}

impl LastVersionPick {
    pub const ALL: [LastVersionPick; 2] = [Self::Merge, Self::Overwrite];

    pub fn label(self) -> &'static str {
        match self {
            Self::Merge => "merge",
            Self::Overwrite => "overwrite",
        }
    }
}

/// The next (or previous) value of a closed choice, wrapping around.
pub fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let Some(at) = all.iter().position(|value| *value == current) else {
        return current;
    };
    let len = all.len();
    let next = if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    };
    all[next]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_both_ways() {
        assert_eq!(
            cycle(&ActionKind::ALL, ActionKind::Save, true),
            ActionKind::Restore
        );
        assert_eq!(
            cycle(&ActionKind::ALL, ActionKind::Restore, false),
            ActionKind::Save
        );
        assert_eq!(
            cycle(&AuthMode::ALL, AuthMode::Password, true),
            AuthMode::DeviceCode
        );
    }
}
