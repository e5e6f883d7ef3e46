//! File names that are safe on every system a helpdesk might save to.

use chrono::{DateTime, Utc};

use crate::api::{ActionTarget, Scope};

/// Longest safe name in bytes: 255 minus room for the `.part` suffix while downloading.
pub const MAX_NAME_BYTES: usize = 250;
/// Longest extension kept when a long name is shortened.
const MAX_KEPT_EXTENSION_BYTES: usize = 24;
/// What an empty or all-dots name becomes.
const FALLBACK_NAME: &str = "unnamed";

/// Characters Windows refuses in names, besides the path separators.
const WINDOWS_RESERVED_CHARS: &[char] = &['<', '>', ':', '"', '|', '?', '*'];
/// Device names Windows reserves, with or without an extension.
const WINDOWS_RESERVED_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³", "CONIN$", "CONOUT$",
];

/// Makes a server-supplied name safe to create in a folder: no path separators or `..`, no
/// control or bidirectional-override characters, no Windows-reserved names or characters,
/// no trailing dots or spaces, at most `MAX_NAME_BYTES` bytes. Never empty.
pub fn safe_file_name(name: &str) -> String {
    let replaced: String = name.chars().map(replace_char).collect();
    let mut safe = trim_tail(&replaced).to_string();
    if safe.is_empty() {
        safe = FALLBACK_NAME.to_string();
    }
    if is_reserved(&safe) {
        safe.insert(0, '_');
    }
    shorten(&safe, MAX_NAME_BYTES)
}

fn replace_char(c: char) -> char {
    let bidi =
        matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if c.is_control() || bidi || c == '/' || c == '\\' || WINDOWS_RESERVED_CHARS.contains(&c) {
        '_'
    } else {
        c
    }
}

fn trim_tail(name: &str) -> &str {
    name.trim_end_matches(['.', ' '])
}

fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    WINDOWS_RESERVED_NAMES
        .iter()
        .any(|reserved| reserved.eq_ignore_ascii_case(stem))
}

/// Splits `report.final.docx` into `report.final` and `.docx`; a leading dot is no extension.
pub fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(0) | None => (name, ""),
        Some(dot) if name.len() - dot <= MAX_KEPT_EXTENSION_BYTES => name.split_at(dot),
        Some(_) => (name, ""),
    }
}

/// Cuts a name to `limit` bytes at a character boundary, keeping a short extension.
pub fn shorten(name: &str, limit: usize) -> String {
    if name.len() <= limit {
        return name.to_string();
    }
    let (stem, extension) = split_extension(name);
    let room = limit.saturating_sub(extension.len());
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    let stem = trim_tail(&stem[..cut]);
    let stem = if stem.is_empty() { "_" } else { stem };
    format!("{stem}{extension}")
}

/// The `n`th alternative to a taken name: `report (1).docx`, within `MAX_NAME_BYTES`.
pub fn numbered(name: &str, n: u32) -> String {
    let (stem, extension) = split_extension(name);
    let suffix = format!(" ({n}){extension}");
    let room = MAX_NAME_BYTES.saturating_sub(suffix.len());
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{suffix}", &stem[..cut])
}

/// The file name a save gets when none is given: the document's own name, or
/// `<onedrive name>.zip`, `<folder>.zip`, or `documents-<timestamp>.zip` for sets.
pub fn default_save_name(target: &ActionTarget, is_zip: bool, now: DateTime<Utc>) -> String {
    let stamp = || now.format("%Y%m%d-%H%M%S").to_string();
    let name = match &target.scope {
        Scope::Document { item, .. } if is_zip => format!("{}.zip", item.name),
        Scope::Document { item, .. } => item.name.clone(),
        Scope::Folder(item) => format!("{}.zip", item.name),
        Scope::OneDrive => format!("{}.zip", target.onedrive.name),
        Scope::Documents(_) | Scope::Folders(_) => format!("documents-{}.zip", stamp()),
    };
    safe_file_name(&name)
}

#[cfg(test)]
#[path = "name_tests.rs"]
mod tests;
