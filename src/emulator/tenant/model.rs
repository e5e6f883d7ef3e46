//! The shape of the demo tenant: an organization, its restore points and OneDrives, and
//! each OneDrive's folders and documents with their versions.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

/// The whole backed-up organization.
#[derive(Debug)]
pub struct Tenant {
    pub organization: Organization,
    /// Times of the backups, oldest first.
    pub points: Vec<DateTime<Utc>>,
    pub drives: Vec<Drive>,
    pub(super) drive_index: HashMap<String, usize>,
}

impl Tenant {
    pub fn drive(&self, id: &str) -> Option<&Drive> {
        self.drive_index.get(id).map(|&i| &self.drives[i])
    }

    /// The restore point a session explored at `at` sees: the latest backup not after it,
    /// `None` before the first backup, the latest without a time.
    pub fn point_at(&self, at: Option<DateTime<Utc>>) -> Option<usize> {
        match at {
            None => Some(self.points.len() - 1),
            Some(at) => self.points.iter().rposition(|p| *p <= at),
        }
    }
}

/// The organization's identity.
#[derive(Debug)]
pub struct Organization {
    pub id: String,
    pub name: String,
}

/// One user's backed-up OneDrive.
#[derive(Debug)]
pub struct Drive {
    pub id: String,
    pub name: String,
    pub url: String,
    pub email: String,
    pub nodes: Vec<Node>,
    pub roots: Vec<u32>,
    pub(super) index: HashMap<String, u32>,
    pub big: Option<BigFolder>,
}

/// A folder or a document stored in full.
#[derive(Debug)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub parent: Option<u32>,
    pub folder: bool,
    pub children: Vec<u32>,
    /// Index of the first restore point that holds it.
    pub created: usize,
    /// Deleted after this restore point: later points show it only with showDeleted.
    pub deleted_after: Option<usize>,
    /// Versions, oldest first; the last one a point holds is the current one there.
    pub revisions: Vec<Revision>,
    pub author: String,
}

/// One version of a folder or document.
#[derive(Debug, Clone)]
pub struct Revision {
    pub version_id: i32,
    pub size: u64,
    /// Index of the first restore point that holds this version.
    pub point: usize,
    pub modified: DateTime<Utc>,
    pub modified_by: String,
}

impl Revision {
    /// The version label the API shows ("3.0").
    pub fn label(&self) -> String {
        format!("{}.0", self.version_id / 512)
    }
}

/// A folder whose documents are computed from their index rather than stored.
#[derive(Debug, Clone)]
pub struct BigFolder {
    pub node: u32,
    pub len: u32,
    /// The first ten bytes of every row id; the last six bytes are the row index.
    pub prefix: [u8; 10],
}

/// What a restore session shows: its restore point and its options.
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// `None` for a point before the first backup: nothing is visible.
    pub point: Option<usize>,
    pub show_deleted: bool,
    pub show_all_versions: bool,
}

/// A folder or document as one restore session sees it, ready to be shown.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub id: String,
    pub name: String,
    pub parent_id: Option<String>,
    pub folder: bool,
    pub revision: Revision,
    pub created: DateTime<Utc>,
    pub created_by: String,
    pub deleted: bool,
}

/// Where an item lives in a drive: a stored node or a computed row of the big folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Node(u32),
    Row(u32),
}
