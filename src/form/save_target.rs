//! Where a save goes and what the saved file will be called.

use std::path::PathBuf;

use super::context::FormContext;
use crate::config::{default_download_dir, expand_home};

/// The profile's `download_dir`, else the user's download folder, else the working directory.
pub fn default_folder(context: &FormContext) -> PathBuf {
    match &context.presets.download_dir {
        Some(dir) => expand_home(dir),
        None => default_download_dir(),
    }
}

/// The names the saved files get, one per request (folders first, then documents), as the
/// runner names them.
pub fn file_names(context: &FormContext, as_zip: bool) -> Vec<String> {
    super::to_api::save_names(context, as_zip)
}
