//! Where a save goes and what the saved file will be called.

use std::path::PathBuf;

use unicode_width::UnicodeWidthChar;

use super::context::{FormContext, FormItem};
use crate::config::{default_download_dir, expand_home};

/// The most bytes a file name may have on the file systems saves go to.
const MAX_NAME_BYTES: usize = 255;

/// The profile's `download_dir`, else the user's download folder, else the working directory.
pub fn default_folder(context: &FormContext) -> PathBuf {
    match &context.presets.download_dir {
        Some(dir) => expand_home(dir),
        None => default_download_dir(),
    }
}

/// The names the saved files get: one per request, folders first, then documents.
///
/// LIMITATION: this is the form's own naming until the client's `save::default_save_name`
/// lands; the runner's name should then be shown instead.
pub fn file_names(context: &FormContext, as_zip: bool) -> Vec<String> {
    let drive = &context.onedrive.name;
    let folders: Vec<&FormItem> = context.items.iter().filter(|i| i.is_folder).collect();
    let documents: Vec<&FormItem> = context.items.iter().filter(|i| !i.is_folder).collect();
    if context.items.is_empty() {
        return vec![safe_file_name(&format!("{drive}.zip"))];
    }
    let mut names = Vec::new();
    match folders.as_slice() {
        [] => {}
        [one] => names.push(safe_file_name(&format!("{}.zip", one.name))),
        many => names.push(safe_file_name(&format!(
            "{drive} - {} folders.zip",
            many.len()
        ))),
    }
    match documents.as_slice() {
        [] => {}
        [one] if folders.is_empty() && !as_zip => names.push(safe_file_name(&one.name)),
        [one] => names.push(safe_file_name(&format!("{}.zip", one.name))),
        many => names.push(safe_file_name(&format!(
            "{drive} - {} documents.zip",
            many.len()
        ))),
    }
    names
}

/// A name that is safe as one path component: no separators, no control characters, no
/// leading dots, at most 255 bytes.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() || c.width().is_none() => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    let mut safe = if trimmed.is_empty() {
        "download".to_string()
    } else {
        trimmed.to_string()
    };
    while safe.len() > MAX_NAME_BYTES {
        safe.pop();
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_one_inert_component() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("a\u{1b}[2Jb.docx"), "a_[2Jb.docx");
        assert_eq!(safe_file_name("..."), "download");
        assert!(safe_file_name(&"é".repeat(300)).len() <= MAX_NAME_BYTES);
    }
}
