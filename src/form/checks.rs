//! The checks behind the form's validation: addresses, application ids, certificates, folders.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a certificate file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("there is no file {0}")]
    Missing(PathBuf),
    #[error("cannot read {path}: {source}")]
    Unreadable { path: PathBuf, source: io::Error },
    #[error("{0} is not a PKCS#12 (.pfx) certificate")]
    NotPkcs12(PathBuf),
}

/// Why a save folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0} exists but is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot write to {path}: {source}")]
    NotWritable { path: PathBuf, source: io::Error },
    #[error("{0} cannot be created: no parent folder exists")]
    NoParent(PathBuf),
}

/// Whether `text` is one plain email address (`local@domain.tld`).
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// Splits a comma- (or semicolon-) separated list of addresses, dropping empty entries.
pub fn split_addresses(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `text` is a UUID such as an Azure AD application id.
pub fn is_uuid(text: &str) -> bool {
    uuid::Uuid::try_parse(text.trim()).is_ok()
}

/// Reads a certificate file and checks that it is PKCS#12, before the client reads it again to
/// send it base64-encoded.
pub fn check_certificate(path: &Path) -> Result<(), CertificateError> {
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => CertificateError::Missing(path.to_path_buf()),
        _ => CertificateError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if !looks_like_pfx(&bytes) {
        return Err(CertificateError::NotPkcs12(path.to_path_buf()));
    }
    Ok(())
}

/// Whether DER bytes start as a PKCS#12 PFX does: a SEQUENCE whose first element is the
/// INTEGER 3 (the PFX version).
pub fn looks_like_pfx(bytes: &[u8]) -> bool {
    let Some((&0x30, rest)) = bytes.split_first() else {
        return false;
    };
    let Some(content) = skip_length(rest) else {
        return false;
    };
    content.starts_with(&[0x02, 0x01, 0x03])
}

/// Skips a DER (or BER indefinite) length and returns what follows, checking that a definite
/// length fits in the bytes that are there.
fn skip_length(bytes: &[u8]) -> Option<&[u8]> {
    let (&first, rest) = bytes.split_first()?;
    if first == 0x80 {
        return Some(rest);
    }
    if first < 0x80 {
        return (usize::from(first) <= rest.len()).then_some(rest);
    }
    let count = usize::from(first & 0x7f);
    if count > 4 || rest.len() < count {
        return None;
    }
    let (length_bytes, content) = rest.split_at(count);
    let length = length_bytes
        .iter()
        .fold(0usize, |acc, byte| (acc << 8) | usize::from(*byte));
    (length <= content.len()).then_some(content)
}

/// Checks that a save folder exists and is writable, or could be created under a writable
/// parent. Nothing is created; a probe file is written and removed in an existing folder.
pub fn check_save_folder(folder: &Path) -> Result<(), FolderError> {
    if folder.exists() {
        if !folder.is_dir() {
            return Err(FolderError::NotAFolder(folder.to_path_buf()));
        }
        return probe_write(folder);
    }
    let parent = folder
        .ancestors()
        .skip(1)
        .find(|ancestor| ancestor.exists())
        .ok_or_else(|| FolderError::NoParent(folder.to_path_buf()))?;
    if !parent.is_dir() {
        return Err(FolderError::NotAFolder(parent.to_path_buf()));
    }
    probe_write(parent)
}

fn probe_write(folder: &Path) -> Result<(), FolderError> {
    // Distinct per check, so that a save checking the same folder at once never collides.
    static PROBES: AtomicU64 = AtomicU64::new(0);
    let n = PROBES.fetch_add(1, Ordering::Relaxed);
    let probe = folder.join(format!(
        ".vbo-restore-form-probe-{}-{n}",
        std::process::id()
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe);
    match written {
        Ok(_) => {
            // The probe only proves the folder is writable; failing to remove it is harmless.
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(source) => Err(FolderError::NotWritable {
            path: folder.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_for_shape() {
        assert!(is_email("adele.vance@contoso.onmicrosoft.com"));
        assert!(is_email("o'brien+restore@example.co.uk"));
        for bad in [
            "adele",
            "adele@",
            "@contoso.com",
            "a@b",
            "a b@c.com",
            "a@@c.com",
            "a@c..com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert_eq!(
            split_addresses(" a@x.com, ,b@y.org;"),
            vec!["a@x.com", "b@y.org"]
        );
    }

    #[test]
    fn application_ids_must_be_uuids() {
        assert!(is_uuid("6a1f3c2e-9b7d-4e0a-8c5f-2d4b6e8a0c1f"));
        assert!(!is_uuid("my-app"));
        assert!(!is_uuid("6a1f3c2e-9b7d-4e0a-8c5f"));
    }

    #[test]
    fn a_pfx_starts_with_a_sequence_holding_version_3() {
        assert!(looks_like_pfx(&[0x30, 0x82, 0x00, 0x03, 0x02, 0x01, 0x03]));
        assert!(looks_like_pfx(&[0x30, 0x03, 0x02, 0x01, 0x03]));
        assert!(looks_like_pfx(&[0x30, 0x80, 0x02, 0x01, 0x03]));
        // A certificate (SEQUENCE of SEQUENCE), a PEM file, a wrong version, a lying length.
        assert!(!looks_like_pfx(&[0x30, 0x82, 0x00, 0x03, 0x30, 0x01, 0x00]));
        assert!(!looks_like_pfx(b"-----BEGIN CERTIFICATE-----"));
        assert!(!looks_like_pfx(&[0x30, 0x03, 0x02, 0x01, 0x02]));
        assert!(!looks_like_pfx(&[0x30, 0x82, 0x7f, 0xff, 0x02, 0x01, 0x03]));
        assert!(!looks_like_pfx(&[]));
    }

    #[test]
    fn certificates_are_accepted_or_refused_by_cause() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = dir.path().join("app.pfx");
        std::fs::write(&good, [0x30, 0x03, 0x02, 0x01, 0x03]).expect("write");
        assert!(check_certificate(&good).is_ok());
        let missing = dir.path().join("none.pfx");
        assert!(matches!(
            check_certificate(&missing),
            Err(CertificateError::Missing(_))
        ));
        let pem = dir.path().join("app.pem");
        std::fs::write(&pem, "-----BEGIN CERTIFICATE-----").expect("write");
        assert!(matches!(
            check_certificate(&pem),
            Err(CertificateError::NotPkcs12(_))
        ));
        assert!(matches!(
            check_certificate(dir.path()),
            Err(CertificateError::Unreadable { .. })
        ));
    }

    #[test]
    fn a_save_folder_may_be_missing_under_a_writable_parent() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(check_save_folder(dir.path()).is_ok());
        assert!(check_save_folder(&dir.path().join("new/deeper")).is_ok());
        let file = dir.path().join("file");
        std::fs::write(&file, "x").expect("write");
        assert!(matches!(
            check_save_folder(&file),
            Err(FolderError::NotAFolder(_))
        ));
        assert!(matches!(
            check_save_folder(&file.join("under")),
            Err(FolderError::NotAFolder(_))
        ));
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "the probe file is removed");
    }
}
