//! What the form acts on and what it starts with: the items, the OneDrive, the server, the profile.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::choice::{ActionKind, ConflictPick, VersionPick};
use super::to_api::ApiVersion;
use crate::api::model::{Item, OneDrive};
use crate::config::{ConflictWord, Profile, VersionWord};

/// Everything the console knows when it opens the form.
#[derive(Debug, Clone)]
pub struct FormContext {
    /// The restore session the items were browsed in.
    pub session: String,
    /// The OneDrive the items come from.
    pub onedrive: OneDrive,
    /// The backup's point in time; `None` is the latest.
    pub point_in_time: Option<DateTime<Utc>>,
    /// The marked documents and folders; empty means the whole OneDrive.
    pub items: Vec<FormItem>,
    /// The session's OneDrives, offered as copy targets.
    pub onedrives: Vec<OneDrive>,
    /// The REST API version the server speaks.
    pub api_version: ApiVersion,
    /// Whether the server has OneDrive (VEOD) email settings, without which it cannot send.
    pub has_email_settings: bool,
    pub presets: FormPresets,
    /// The action the form opens with (`a` opens restore, `s` opens save).
    pub initial_action: ActionKind,
}

/// One marked document or folder.
#[derive(Debug, Clone, PartialEq)]
pub struct FormItem {
    pub id: String,
    pub name: String,
    pub is_folder: bool,
    /// Folders have no size.
    pub size_bytes: Option<u64>,
    /// An earlier version picked in the versions list (v6 and later).
    pub version_id: Option<i64>,
}

impl FormItem {
    /// A row of the item listing as the form sees it; the current version, so no version id.
    pub fn from_item(item: &Item) -> FormItem {
        FormItem {
            id: item.id.clone(),
            name: item.name.clone(),
            is_folder: item.is_folder(),
            size_bytes: item.size_bytes,
            version_id: None,
        }
    }
}

/// What the profile fills in for the agent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormPresets {
    pub restore_user: Option<String>,
    pub application_id: Option<String>,
    pub certificate: Option<PathBuf>,
    pub download_dir: Option<PathBuf>,
    /// Allow only Save.
    pub read_only: bool,
    pub version: Option<VersionPick>,
    pub on_conflict: Option<ConflictPick>,
}

impl FormPresets {
    /// The presets a configuration profile gives.
    pub fn from_profile(profile: &Profile) -> FormPresets {
        let restore = &profile.restore;
        FormPresets {
            restore_user: restore.user.clone(),
            application_id: restore.application_id.clone(),
            certificate: restore.certificate.clone(),
            download_dir: profile.download_dir.clone(),
            read_only: profile.read_only,
            version: restore.version.map(|choice| match choice.0 {
                VersionWord::All => VersionPick::All,
                VersionWord::Last => VersionPick::Last,
            }),
            on_conflict: restore.on_conflict.map(|choice| match choice.0 {
                ConflictWord::Keep => ConflictPick::Keep,
                ConflictWord::Overwrite => ConflictPick::Overwrite,
            }),
        }
    }
}

impl FormContext {
    pub fn document_count(&self) -> usize {
        self.items.iter().filter(|item| !item.is_folder).count()
    }

    pub fn folder_count(&self) -> usize {
        self.items.iter().filter(|item| item.is_folder).count()
    }

    /// The summed size of the marked documents (folders have none of their own).
    pub fn total_size(&self) -> u64 {
        self.items.iter().filter_map(|item| item.size_bytes).sum()
    }

    /// "12.4 MiB" for the marked documents; none when only folders (or the whole OneDrive)
    /// are chosen, whose size the listing does not give, rather than a misleading "0 B".
    pub fn size_phrase(&self) -> Option<String> {
        (self.document_count() > 0).then(|| super::size::human_size(self.total_size()))
    }

    /// Whether the action works on exactly one document, the only case a plain file is saved.
    pub fn is_single_document(&self) -> bool {
        self.items.len() == 1 && self.document_count() == 1
    }

    /// Whether any folder (or the whole OneDrive) is in scope.
    pub fn has_folder_scope(&self) -> bool {
        self.items.is_empty() || self.folder_count() > 0
    }

    /// "3 documents and 1 folder", "the whole OneDrive", "Report.docx".
    pub fn items_phrase(&self) -> String {
        if self.items.is_empty() {
            return "the whole OneDrive".to_string();
        }
        let documents = plural(self.document_count(), "document", "documents");
        let folders = plural(self.folder_count(), "folder", "folders");
        match (self.document_count(), self.folder_count()) {
            (_, 0) => documents,
            (0, _) => folders,
            _ => format!("{documents} and {folders}"),
        }
    }

    /// "latest backup" or "as of 2026-11-30 22:00 UTC": the time asked for, which the
    /// server answers with the last backup before it, so not the backup's own time.
    pub fn point_in_time_phrase(&self) -> String {
        match self.point_in_time {
            None => "latest backup".to_string(),
            Some(at) => format!("as of {}", at.format("%Y-%m-%d %H:%M UTC")),
        }
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}
