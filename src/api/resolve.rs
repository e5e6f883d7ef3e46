//! Finding what a person typed on a command line: an organization by name, a restore session
//! by the start of its id, a OneDrive by user name and an item by path. The names are matched
//! as the console's `--open` matches them.

use futures::StreamExt;

use super::client::Client;
use super::error::ApiError;
use super::lookup::{Found, find, onedrive_names, organization_names};
use super::model::{Item, OneDrive, Organization, RestoreSession};

/// How much of a session id a start must give, so that a short typo does not pick a session.
pub const SESSION_START_MIN: usize = 8;

impl Client {
    /// An organization by id, or by its name, Microsoft 365 name or the first label of its name
    /// (`contoso` of `contoso.onmicrosoft.com`) when exactly one matches.
    pub async fn resolve_organization(&self, name_or_id: &str) -> Result<Organization, ApiError> {
        let organizations = self.organizations().await?;
        pick_organization(&organizations, name_or_id).cloned()
    }

    /// A restore session id from a full id or a unique start of one of at least
    /// [`SESSION_START_MIN`] characters. A full id goes to the server as it is.
    pub async fn resolve_session(&self, id_or_start: &str) -> Result<String, ApiError> {
        let text = id_or_start.trim();
        if uuid::Uuid::parse_str(text).is_ok() {
            return Ok(text.to_string());
        }
        let sessions = self.restore_sessions().await?;
        pick_session(&sessions, text).map(|session| session.id.clone())
    }

    /// A OneDrive by id, or by its display name or the user part of its URL when exactly
    /// one matches (the exact name first, then any case).
    pub async fn resolve_onedrive(
        &self,
        session: &str,
        name_or_id: &str,
    ) -> Result<OneDrive, ApiError> {
        let onedrives = self.onedrives(session).await?;
        let wanted = name_or_id.trim();
        match find(onedrives.iter(), None, wanted, true, onedrive_names) {
            Found::One(at) => Ok(onedrives[at].clone()),
            Found::Nothing => Err(ApiError::NotFound {
                what: format!("OneDrive {name_or_id:?} in restore session {session}"),
            }),
            Found::Several(several) => Err(ApiError::Ambiguous {
                what: format!("OneDrive name {name_or_id:?}"),
                candidates: several
                    .iter()
                    .map(|&at| format!("{} ({})", onedrives[at].name, onedrives[at].id))
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

/// The organization `wanted` names: its id, else the only exact name, else the only
/// case-insensitive one.
pub fn pick_organization<'a>(
    organizations: &'a [Organization],
    wanted: &str,
) -> Result<&'a Organization, ApiError> {
    let wanted = wanted.trim();
    let described = |orgs: &mut dyn Iterator<Item = &Organization>| -> Vec<String> {
        orgs.map(|org| format!("{} ({})", org.name, org.id))
            .collect()
    };
    match find(organizations.iter(), None, wanted, true, organization_names) {
        Found::One(at) => Ok(&organizations[at]),
        Found::Nothing => {
            let available = match organizations {
                [] => "the server backs up none".to_string(),
                all => format!(
                    "the organizations are {}",
                    described(&mut all.iter()).join(", ")
                ),
            };
            Err(ApiError::NotFound {
                what: format!("organization {wanted:?} ({available})"),
            })
        }
        Found::Several(several) => Err(ApiError::Ambiguous {
            what: format!("organization name {wanted:?}"),
            candidates: described(&mut several.iter().map(|&at| &organizations[at])),
        }),
    }
}

/// The session `wanted` names: its id (any case), else the only session whose id it starts.
pub fn pick_session<'a>(
    sessions: &'a [RestoreSession],
    wanted: &str,
) -> Result<&'a RestoreSession, ApiError> {
    let wanted = wanted.trim();
    if let Some(found) = sessions.iter().find(|s| s.id.eq_ignore_ascii_case(wanted)) {
        return Ok(found);
    }
    if wanted.chars().count() < SESSION_START_MIN {
        return Err(ApiError::Usage(format!(
            "{wanted:?} is too short to name a restore session: give its id or at least \
             {SESSION_START_MIN} of its first characters"
        )));
    }
    let lower = wanted.to_lowercase();
    let started: Vec<&RestoreSession> = sessions
        .iter()
        .filter(|s| s.id.to_lowercase().starts_with(&lower))
        .collect();
    match started.as_slice() {
        [one] => Ok(one),
        [] => Err(ApiError::NotFound {
            what: format!(
                "a restore session whose id starts with {wanted:?} (the server has {}; \
                 `vbo-restore sessions` lists them)",
                sessions.len()
            ),
        }),
        several => Err(ApiError::Ambiguous {
            what: format!("the restore session id start {wanted:?}"),
            candidates: several
                .iter()
                .map(|s| {
                    let org = s.organization.as_deref().unwrap_or("no organization");
                    format!("{} ({org}, {})", s.id, s.state)
                })
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str) -> Organization {
        serde_json::from_value(serde_json::json!({ "id": id, "name": name })).expect("org")
    }

    fn session(id: &str) -> RestoreSession {
        serde_json::from_value(serde_json::json!({ "id": id, "organization": "contoso" }))
            .expect("session")
    }

    #[test]
    fn organizations_by_id_name_or_first_label() {
        let orgs = [
            org("o1", "contoso.onmicrosoft.com"),
            org("o2", "Fabrikam.com"),
            org("o3", "fabrikam.net"),
        ];
        let id = |text: &str| pick_organization(&orgs, text).map(|o| o.id.clone());
        assert_eq!(id("o2").expect("by id"), "o2");
        assert_eq!(id("contoso").expect("by label"), "o1");
        assert_eq!(id("CONTOSO.onmicrosoft.com").expect("any case"), "o1");
        assert_eq!(id("Fabrikam").expect("the only exact label"), "o2");
        let several = id("FABRIKAM").expect_err("two loose matches").to_string();
        assert!(
            several.contains("o2") && several.contains("o3"),
            "{several}"
        );
        let none = id("northwind").expect_err("none").to_string();
        assert!(none.contains("\"northwind\""), "{none}");
        assert!(none.contains("contoso.onmicrosoft.com (o1)"), "{none}");
    }

    #[test]
    fn sessions_by_id_or_a_unique_start_of_eight_characters() {
        let sessions = [
            session("c0fdc710-aaaa-4000-8000-000000000001"),
            session("c0fdc711-bbbb-4000-8000-000000000002"),
            session("c0fdc711-cccc-4000-8000-000000000003"),
        ];
        let id = |text: &str| pick_session(&sessions, text).map(|s| s.id.clone());
        assert!(id("C0FDC710").expect("a unique start").ends_with("0001"));
        assert!(
            id("c0fdc711-cccc")
                .expect("a longer start")
                .ends_with("0003")
        );
        let several = id("c0fdc711").expect_err("two").to_string();
        assert!(
            several.contains("0002") && several.contains("0003"),
            "{several}"
        );
        let short = id("c0fdc7").expect_err("too short").to_string();
        assert!(short.contains("at least 8"), "{short}");
        let none = id("deadbeef").expect_err("none").to_string();
        assert!(none.contains("\"deadbeef\""), "{none}");
        assert!(none.contains("has 3"), "{none}");
    }
}
