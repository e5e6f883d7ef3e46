//! Finding a OneDrive by user name and an item by path, for the scripting commands.

use futures::StreamExt;

use super::client::Client;
use super::error::ApiError;
use super::model::{Item, OneDrive};

impl Client {
    /// A OneDrive by id, or by its user's name when exactly one matches (any case).
    pub async fn resolve_onedrive(
        &self,
        session: &str,
        name_or_id: &str,
    ) -> Result<OneDrive, ApiError> {
        let onedrives = self.onedrives(session).await?;
        if let Some(found) = onedrives.iter().find(|onedrive| onedrive.id == name_or_id) {
            return Ok(found.clone());
        }
        let named: Vec<&OneDrive> = onedrives
            .iter()
            .filter(|onedrive| onedrive.name.eq_ignore_ascii_case(name_or_id.trim()))
            .collect();
        match named.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(ApiError::NotFound {
                what: format!("OneDrive {name_or_id:?} in restore session {session}"),
            }),
            several => Err(ApiError::Ambiguous {
                what: format!("OneDrive name {name_or_id:?}"),
                candidates: several
                    .iter()
                    .map(|o| format!("{} ({})", o.name, o.id))
                    .collect(),
            }),
        }
    }

    /// A document or folder by id, or by its path from the OneDrive's root
    /// (`Documents/Q3/report.docx`).
    pub async fn resolve_item(
        &self,
        session: &str,
        onedrive: &str,
        path_or_id: &str,
    ) -> Result<Item, ApiError> {
        let text = path_or_id.trim();
        if !text.contains('/') && !text.is_empty() {
            match self.item(session, onedrive, text).await {
                Ok(item) => return Ok(item),
                Err(error) if matches!(error.status(), Some(400 | 404)) => {}
                Err(error) => return Err(error),
            }
        }
        let segments: Vec<&str> = text.split('/').filter(|part| !part.is_empty()).collect();
        let not_found = || ApiError::NotFound {
            what: format!("{path_or_id:?} in OneDrive {onedrive}"),
        };
        let (last, folders) = segments.split_last().ok_or_else(not_found)?;
        let mut parent: Option<Item> = None;
        for name in folders {
            let folder_id = parent.as_ref().map(|item| item.id.clone());
            let found = self
                .find_child(session, onedrive, folder_id.as_deref(), name, true)
                .await?;
            parent = Some(found.ok_or_else(not_found)?);
        }
        let folder_id = parent.as_ref().map(|item| item.id.clone());
        for folders in [true, false] {
            let found = self
                .find_child(session, onedrive, folder_id.as_deref(), last, folders)
                .await?;
            if let Some(item) = found {
                return Ok(item);
            }
        }
        Err(not_found())
    }

    /// A child by name: the exact name if there is one, else the only case-insensitive match.
    async fn find_child(
        &self,
        session: &str,
        onedrive: &str,
        folder: Option<&str>,
        name: &str,
        folders: bool,
    ) -> Result<Option<Item>, ApiError> {
        let mut pages = self.children(session, onedrive, folder, folders);
        let mut loose = Vec::new();
        while let Some(page) = pages.next().await {
            for item in page? {
                if item.name == name {
                    return Ok(Some(item));
                }
                if item.name.to_lowercase() == name.to_lowercase() {
                    loose.push(item);
                }
            }
        }
        match loose.len() {
            0 => Ok(None),
            1 => Ok(loose.pop()),
            _ => Err(ApiError::Ambiguous {
                what: format!("name {name:?}"),
                candidates: loose.iter().map(|item| item.name.clone()).collect(),
            }),
        }
    }
}
