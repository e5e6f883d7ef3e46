//! Reading what a server holds: organizations, restore sessions, OneDrives, folders, documents.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::client::{Call, Client};
use super::dialect::{onedrive_path, segment};
use super::error::ApiError;
use super::model::{DeviceCode, Item, OneDrive, Organization, RestoreSession, RestoreSessionEvent};
use super::version::ApiVersion;

/// How to explore an organization: which point in time, and what to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExploreOptions {
    /// The point in time; `None` is the latest backup.
    pub at: Option<DateTime<Utc>>,
    pub show_deleted: bool,
    pub show_all_versions: bool,
}

impl Client {
    pub async fn organizations(&self) -> Result<Vec<Organization>, ApiError> {
        self.all_pages(&Call::get(self.dialect().path("/Organizations")))
            .await
    }

    pub async fn restore_sessions(&self) -> Result<Vec<RestoreSession>, ApiError> {
        self.all_pages(&Call::get(self.dialect().path("/RestoreSessions")))
            .await
    }

    pub async fn restore_session(&self, session: &str) -> Result<RestoreSession, ApiError> {
        let path = format!("/RestoreSessions/{}", segment(session));
        self.fetch(&Call::get(self.dialect().path(&path))).await
    }

    /// Starts a restore session for an organization at a point in time.
    pub async fn explore(
        &self,
        organization: &str,
        options: &ExploreOptions,
    ) -> Result<RestoreSession, ApiError> {
        let request = self.dialect().explore(
            organization,
            options.at,
            options.show_deleted,
            options.show_all_versions,
        );
        self.fetch(&Call::from(request)).await
    }

    pub async fn stop_session(&self, session: &str) -> Result<(), ApiError> {
        let request = self.dialect().stop_session(session);
        self.fetch_nothing(&Call::from(request)).await
    }

    pub async fn session_events(
        &self,
        session: &str,
    ) -> Result<Vec<RestoreSessionEvent>, ApiError> {
        let path = format!("/RestoreSessions/{}/Events", segment(session));
        self.all_pages(&Call::get(self.dialect().path(&path))).await
    }

    pub async fn onedrives(&self, session: &str) -> Result<Vec<OneDrive>, ApiError> {
        let path = format!(
            "/RestoreSessions/{}/Organization/OneDrives",
            segment(session)
        );
        self.all_pages(&Call::get(self.dialect().path(&path))).await
    }

    /// One document or folder by id (documents are looked up first).
    pub async fn item(&self, session: &str, onedrive: &str, id: &str) -> Result<Item, ApiError> {
        let base = onedrive_path(session, onedrive);
        let document = format!("{base}/Documents/{}", segment(id));
        match self
            .fetch::<Item>(&Call::get(self.dialect().path(&document)))
            .await
        {
            Ok(mut item) => {
                item.is_folder.get_or_insert(false);
                return Ok(item);
            }
            Err(error) if error.status() == Some(404) => {}
            Err(error) => return Err(error),
        }
        let folder = format!("{base}/Folders/{}", segment(id));
        let mut item: Item = self.fetch(&Call::get(self.dialect().path(&folder))).await?;
        item.is_folder.get_or_insert(true);
        Ok(item)
    }

    /// The earlier versions of a document (v6 and later); the latest is the document itself.
    pub async fn versions(
        &self,
        session: &str,
        onedrive: &str,
        document: &str,
    ) -> Result<Vec<Item>, ApiError> {
        self.dialect()
            .needs("listing document versions", ApiVersion::V6)?;
        let base = onedrive_path(session, onedrive);
        let path = format!("{base}/Documents/{}/Versions", segment(document));
        let mut versions: Vec<Item> = self
            .all_pages(&Call::get(self.dialect().path(&path)))
            .await?;
        for version in &mut versions {
            version.is_folder.get_or_insert(false);
        }
        Ok(versions)
    }

    /// Searches a OneDrive, or one folder of it, on the server (v6 and later).
    pub async fn search(
        &self,
        session: &str,
        onedrive: &str,
        folder: Option<&str>,
        query: &str,
    ) -> Result<Vec<Item>, ApiError> {
        self.dialect().needs("searching", ApiVersion::V6)?;
        let base = onedrive_path(session, onedrive);
        let path = match folder {
            Some(folder) => format!("{base}/Folders/{}/search", segment(folder)),
            None => format!("{base}/search"),
        };
        let call = Call::from(super::dialect::Request {
            method: reqwest::Method::POST,
            path: self.dialect().path(&path),
            body: Some(json!({ "query": query })),
        });
        self.all_pages(&call).await
    }

    /// Asks for a Microsoft device code to approve a restore with.
    pub async fn device_code(
        &self,
        session: &str,
        application_id: Option<&str>,
    ) -> Result<DeviceCode, ApiError> {
        let request = self.dialect().device_code(session, application_id);
        self.fetch(&Call::from(request)).await
    }
}
