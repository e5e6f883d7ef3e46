//! The recent-places file: per profile, the last restore session, OneDrive and folder.
//!
//! It holds ids and names only, never a secret. A missing file means no recent place; a file
//! that cannot be read is logged and treated as missing, so that a damaged file never stops
//! the console. Writes go to a temporary file renamed over the old one, so a crash leaves the
//! old file or the new one, never half of either.

use std::collections::BTreeMap;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The file's name inside the data folder.
pub const RECENT_FILE_NAME: &str = "recent.json";

/// A OneDrive or a folder, by id and by the name it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// Where the console last was for one profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub session: String,
    /// The session's organization and point in time, to name it once it has ended.
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub started: Option<DateTime<Utc>>,
    #[serde(default)]
    pub point_in_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub onedrive: Option<Named>,
    /// The folders from the OneDrive's root down to the one shown.
    #[serde(default)]
    pub folder: Vec<Named>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Contents {
    #[serde(default)]
    profiles: BTreeMap<String, Place>,
}

/// The recent-places file in a data folder.
#[derive(Debug, Clone)]
pub struct RecentFile {
    path: PathBuf,
}

impl RecentFile {
    pub fn in_dir(data_dir: &Path) -> RecentFile {
        RecentFile {
            path: data_dir.join(RECENT_FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The last place of `profile`, if the file has one.
    pub fn load(&self, profile: &str) -> Option<Place> {
        self.contents().profiles.remove(profile)
    }

    /// Replaces the place of `profile`, keeping the other profiles' places.
    pub fn save(&self, profile: &str, place: &Place) -> io::Result<()> {
        let mut contents = self.contents();
        contents.profiles.insert(profile.to_owned(), place.clone());
        let text = serde_json::to_vec_pretty(&contents).map_err(io::Error::other)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // One temporary name a process, so that two consoles writing at once never share one.
        let temporary = self
            .path
            .with_extension(format!("json.{}.tmp", std::process::id()));
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&text)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, &self.path)
    }

    fn contents(&self) -> Contents {
        let text = match std::fs::read(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Contents::default(),
            Err(error) => {
                tracing::warn!(file = %self.path.display(), %error, "cannot read the recent places");
                return Contents::default();
            }
        };
        serde_json::from_slice(&text).unwrap_or_else(|error| {
            tracing::warn!(
                file = %self.path.display(), %error,
                "the recent places file is damaged; it is ignored and will be rewritten"
            );
            Contents::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(session: &str) -> Place {
        Place {
            session: session.to_owned(),
            organization: Some("contoso".to_owned()),
            started: None,
            point_in_time: None,
            onedrive: Some(Named {
                id: "d1".to_owned(),
                name: "Adele Vance".to_owned(),
            }),
            folder: vec![Named {
                id: "f1".to_owned(),
                name: "Documents".to_owned(),
            }],
        }
    }

    #[test]
    fn each_profile_keeps_its_own_place() {
        let dir = tempfile::tempdir().expect("dir");
        let file = RecentFile::in_dir(&dir.path().join("new"));
        assert_eq!(file.load("prod"), None);
        file.save("prod", &place("s1")).expect("save");
        file.save("lab", &place("s2")).expect("save");
        file.save("prod", &place("s3")).expect("save");
        assert_eq!(file.load("prod"), Some(place("s3")));
        assert_eq!(file.load("lab"), Some(place("s2")));
        let names: Vec<_> = std::fs::read_dir(dir.path().join("new"))
            .expect("dir")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![RECENT_FILE_NAME], "no temporary file is left");
    }

    #[test]
    fn a_damaged_file_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().expect("dir");
        let file = RecentFile::in_dir(dir.path());
        std::fs::write(file.path(), "{\"profiles\": {\"prod\": 7").expect("write");
        assert_eq!(file.load("prod"), None);
        file.save("prod", &place("s1")).expect("save");
        assert_eq!(file.load("prod"), Some(place("s1")));
    }
}
