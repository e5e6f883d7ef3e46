//! The demo tenant, and the well-known ids and names that tests rely on.
//!
//! Everything is generated from [`ids::SEED`]: the same names always give the same ids, so
//! tests can name an item without browsing to it first.

mod build;
pub mod ids;
mod listing;
mod model;
pub mod names;

use std::path::PathBuf;

pub use build::tenant;
pub use listing::{Listing, Want};
pub use model::{BigFolder, Drive, Item, ItemView, Node, Organization, Revision, Tenant, View};

/// The organization's name.
pub const ORGANIZATION_NAME: &str = "contoso.onmicrosoft.com";
/// How many OneDrives the demo organization has.
pub const ONEDRIVE_COUNT: usize = names::USERS.len();
/// Documents in the big folder.
pub const BIG_FOLDER_LEN: u32 = 100_000;
/// The big folder's name (its parent is "Scans").
pub const BIG_FOLDER_NAME: &str = "Invoices 2019";
/// The large document's name (its parent is "Video").
pub const LARGE_DOCUMENT_NAME: &str = "Keynote 2026 raw footage.mov";
/// The large document's size: 2.25 GiB.
pub const LARGE_DOCUMENT_SIZE: u64 = 2_415_919_104;
/// How many versions the well-known versioned document has in all.
pub const VERSIONED_DOCUMENT_VERSIONS: usize = 4;
/// The id of the demo Entra application that restores with the demo certificate.
pub const APPLICATION_ID: &str = "7d3b5a1e-4c2f-4e8a-9b61-0f2d8c4a6e13";
/// The password of the demo certificate.
pub const CERTIFICATE_PASSWORD: &str = "demo-certificate";
/// The demo restore-app certificate (PKCS#12), as the emulator compares it.
pub const CERTIFICATE_BYTES: &[u8] = include_bytes!("../../../assets/demo-restore-app.pfx");

/// The demo certificate file: the one in the source tree's assets/, or, for a binary installed
/// away from its sources, a copy of the built-in bytes written to the temporary folder.
pub fn certificate_path() -> PathBuf {
    let in_sources = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo-restore-app.pfx");
    if in_sources.is_file() {
        return in_sources;
    }
    let copy = std::env::temp_dir().join("vbo-restore-demo-restore-app.pfx");
    let current = std::fs::read(&copy).is_ok_and(|bytes| bytes == CERTIFICATE_BYTES);
    if !current && let Err(error) = std::fs::write(&copy, CERTIFICATE_BYTES) {
        tracing::warn!(%error, path = %copy.display(), "could not write the demo certificate");
    }
    copy
}

pub fn organization_id() -> String {
    ids::organization(ORGANIZATION_NAME)
}

/// The id of the OneDrive of the user with this mail local part (see [`names::USERS`]).
pub fn onedrive_id(mail: &str) -> String {
    ids::drive(mail)
}

/// The first OneDrive in listings (Adele Vance's).
pub fn first_onedrive_id() -> String {
    ids::drive(names::USERS[0].1)
}

/// The OneDrive with the big folder and the large document (Nestor Wilke's).
pub fn big_onedrive_id() -> String {
    ids::drive(names::BIG_USER)
}

/// The folder of 100,000 documents.
pub fn big_folder_id() -> String {
    ids::item(names::BIG_USER, &["Scans", BIG_FOLDER_NAME])
}

/// The 2.25 GiB document.
pub fn large_document_id() -> String {
    ids::item(names::BIG_USER, &["Video", LARGE_DOCUMENT_NAME])
}

/// The OneDrive with the hostile names (Miriam Graham's).
pub fn hostile_onedrive_id() -> String {
    ids::drive(names::HOSTILE_USER)
}

/// The "Odd names" folder of the hostile OneDrive.
pub fn hostile_folder_id() -> String {
    ids::item(names::HOSTILE_USER, &["Odd names"])
}

/// A document whose name carries an ANSI escape sequence.
pub fn hostile_document_id() -> String {
    ids::item(names::HOSTILE_USER, &["Odd names", names::HOSTILE_DOCUMENT])
}

/// A document whose name the emulator sends with a lone UTF-16 surrogate.
pub fn cut_emoji_document_id() -> String {
    ids::item(names::HOSTILE_USER, &["Odd names", names::CUT_EMOJI])
}

/// "Welcome.docx" at the root of the first OneDrive, with several versions.
pub fn versioned_document_id() -> String {
    ids::item(names::USERS[0].1, &["Welcome.docx"])
}

/// "Old draft.docx" at the root of the first OneDrive, deleted before the last two backups.
pub fn deleted_document_id() -> String {
    ids::item(names::USERS[0].1, &["Old draft.docx"])
}

/// The "Documents" folder of the first OneDrive, the top of a six-level tree.
pub fn documents_folder_id() -> String {
    ids::item(names::USERS[0].1, &["Documents"])
}
