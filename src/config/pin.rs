//! Writing a trusted certificate's fingerprint into a profile, keeping the file's comments.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, value};

use super::{ConfigError, parse};

/// Which profile of which file a fingerprint is pinned in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinTarget {
    pub file: PathBuf,
    pub profile: String,
}

/// Sets `fingerprint = "..."` in `[profiles.NAME]` of the file, creating the file or the table
/// when missing, and leaves every other line as it was. The result is checked against the
/// schema before it is written, so a pin never leaves an unreadable file behind.
pub fn pin_fingerprint(target: &PinTarget, fingerprint: &str) -> Result<(), ConfigError> {
    let path = &target.file;
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.clone(),
                source,
            });
        }
    };
    let invalid = |message: String| ConfigError::Invalid {
        path: path.clone(),
        message,
    };
    let mut document: DocumentMut = text.parse().map_err(|err| invalid(format!("{err}")))?;
    let profiles = document
        .entry("profiles")
        .or_insert_with(implicit_table)
        .as_table_mut()
        .ok_or_else(|| invalid("`profiles` is not a table".to_string()))?;
    let profile = profiles
        .entry(&target.profile)
        .or_insert_with(|| Item::Table(Table::new()))
        .as_table_mut()
        .ok_or_else(|| invalid(format!("`profiles.{}` is not a table", target.profile)))?;
    profile.insert("fingerprint", value(fingerprint));
    let updated = document.to_string();
    parse(&updated, path)?;
    write_private(path, &updated).map_err(|source| ConfigError::Read {
        path: path.clone(),
        source,
    })
}

fn implicit_table() -> Item {
    let mut table = Table::new();
    table.set_implicit(true);
    Item::Table(table)
}

/// Writes through a temporary file and a rename; a new file is readable by its owner only.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension("toml.part");
    std::fs::write(&temporary, text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o777);
        std::fs::set_permissions(&temporary, std::fs::Permissions::from_mode(mode))?;
    }
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FINGERPRINT: &str =
        "SHA256:5f81a912a7f1dd7e8a06b30a0246e2e6f1623c801cdf828ee8fb50c1bf9adb8d";

    #[test]
    fn a_pin_lands_in_its_profile_and_keeps_comments() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        let text = "# my servers\n[profiles.prod]\nurl = \"https://vbo:4443\" # the big one\n";
        std::fs::write(&file, text).expect("write");
        let target = PinTarget {
            file: file.clone(),
            profile: "prod".to_string(),
        };
        pin_fingerprint(&target, FINGERPRINT).expect("pins");
        let written = std::fs::read_to_string(&file).expect("read");
        assert!(written.contains("# my servers"), "{written}");
        assert!(written.contains("# the big one"), "{written}");
        let parsed = parse(&written, &file).expect("valid");
        let pinned = parsed.profiles["prod"]
            .fingerprint
            .as_ref()
            .expect("pinned");
        assert_eq!(pinned.to_string(), FINGERPRINT);
    }

    #[test]
    fn a_missing_file_and_profile_are_created() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("sub/config.toml");
        let target = PinTarget {
            file: file.clone(),
            profile: "lab".to_string(),
        };
        pin_fingerprint(&target, FINGERPRINT).expect("pins");
        let parsed = parse(&std::fs::read_to_string(&file).expect("read"), &file).expect("ok");
        assert!(parsed.profiles["lab"].fingerprint.is_some());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "a new config file is private");
        }
    }

    #[test]
    fn a_file_that_would_become_invalid_is_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "profiles = 3\n").expect("write");
        let target = PinTarget {
            file: file.clone(),
            profile: "prod".to_string(),
        };
        let err = pin_fingerprint(&target, FINGERPRINT).expect_err("refused");
        assert!(err.to_string().contains("not a table"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            "profiles = 3\n"
        );
    }
}
