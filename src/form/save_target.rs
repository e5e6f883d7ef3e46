//! Where a save goes and what the saved file will be called.

use std::path::PathBuf;

use super::context::{FormContext, FormItem};
use crate::config::{default_download_dir, expand_home};
use crate::save::safe_file_name;

/// The profile's `download_dir`, else the user's download folder, else the working directory.
pub fn default_folder(context: &FormContext) -> PathBuf {
    match &context.presets.download_dir {
        Some(dir) => expand_home(dir),
        None => default_download_dir(),
    }
}

/// The names the saved files get: one per request, folders first, then documents.
///
/// A single document, folder or OneDrive is named as `save::default_save_name` names it; a
/// set is named after its OneDrive and count rather than a timestamp, so the name shown here
/// is the one the runner is given.
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
