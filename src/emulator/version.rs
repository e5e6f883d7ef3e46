//! The API versions and, in one table, the small wire differences between them.

use std::fmt;

/// One served API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    V4,
    V5,
    V6,
    V7,
    V8,
}

impl Version {
    pub const ALL: [Version; 5] = [
        Version::V4,
        Version::V5,
        Version::V6,
        Version::V7,
        Version::V8,
    ];

    pub fn parse(text: &str) -> Option<Version> {
        Version::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(text.trim()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Version::V4 => "v4",
            Version::V5 => "v5",
            Version::V6 => "v6",
            Version::V7 => "v7",
            Version::V8 => "v8",
        }
    }

    /// What this version's answers look like.
    pub fn wire(self) -> Wire {
        let n = self as u8 + 4;
        Wire {
            error_code: n >= 7,
            stack_trace: n >= 8,
            total_count: n == 6 || n == 7,
            is_folder: n >= 7,
            one_drive_id: n >= 8,
            etag: n >= 8,
            smtp_oauth: n >= 8,
            no_content: n >= 8,
            include_folders: n >= 7,
            root_literal: if n >= 7 { "root" } else { "null" },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Output details that differ by version (the route files hold the rest).
#[derive(Debug, Clone, Copy)]
pub struct Wire {
    /// Errors carry `errorCode` (v7+).
    pub error_code: bool,
    /// Errors carry `stackTrace` (v8).
    pub stack_trace: bool,
    /// Pages carry `totalCount` (v6, v7).
    pub total_count: bool,
    /// Items carry `isFolder` (v7+).
    pub is_folder: bool,
    /// Items carry `oneDriveId` (v8).
    pub one_drive_id: bool,
    /// Restore sessions carry `eTag` (v8).
    pub etag: bool,
    /// Email settings carry the OAuth fields (v8).
    pub smtp_oauth: bool,
    /// Stop, send and settings updates answer 204 rather than 200 (v8).
    pub no_content: bool,
    /// Documents listings honour `includeFolders` (v7+).
    pub include_folders: bool,
    /// The `parentId` value that names the root.
    pub root_literal: &'static str,
}
