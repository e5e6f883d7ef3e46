//! Turning the ITEM arguments of an action into targets: ids or paths, documents or folders.

use crate::api::model::OneDrive;
use crate::api::{ActionTarget, Client, ItemRef, Scope};
use crate::cli::ItemsArgs;
use crate::commands::CommandError;

/// The items an action names, sorted into documents and folders.
#[derive(Debug, Clone)]
pub struct Picked {
    pub session: String,
    pub onedrive: OneDrive,
    /// `/` was given: the whole OneDrive.
    pub whole: bool,
    pub documents: Vec<ItemRef>,
    pub folders: Vec<ItemRef>,
}

/// Finds the OneDrive and every ITEM (an id or a path from the root; `/` for all of it).
pub async fn pick(client: &Client, args: &ItemsArgs) -> Result<Picked, CommandError> {
    let session = client.resolve_session(&args.session).await?;
    let onedrive = client.resolve_onedrive(&session, &args.onedrive).await?;
    let mut picked = Picked {
        session,
        onedrive,
        whole: false,
        documents: Vec::new(),
        folders: Vec::new(),
    };
    for text in &args.items {
        if text.trim_matches('/').is_empty() {
            picked.whole = true;
            continue;
        }
        let item = client
            .resolve_item(&picked.session, &picked.onedrive.id, text)
            .await?;
        let reference = ItemRef {
            id: item.id.clone(),
            name: item.name.clone(),
        };
        if item.is_folder() {
            picked.folders.push(reference);
        } else {
            picked.documents.push(reference);
        }
    }
    Ok(picked)
}

impl Picked {
    /// One target per item, for saves that write one file each.
    pub fn each(&self) -> Vec<ActionTarget> {
        if self.whole {
            return vec![self.target(Scope::OneDrive)];
        }
        let documents = self.documents.iter().map(|item| Scope::Document {
            item: item.clone(),
            version_id: None,
        });
        let folders = self.folders.iter().cloned().map(Scope::Folder);
        documents
            .chain(folders)
            .map(|scope| self.target(scope))
            .collect()
    }

    /// As few targets as the API allows: the whole OneDrive, or the documents as one set and
    /// the folders as another.
    pub fn grouped(&self) -> Vec<ActionTarget> {
        if self.whole {
            return vec![self.target(Scope::OneDrive)];
        }
        let mut targets = Vec::new();
        match self.documents.as_slice() {
            [] => {}
            [one] => targets.push(self.target(Scope::Document {
                item: one.clone(),
                version_id: None,
            })),
            several => targets.push(self.target(Scope::Documents(several.to_vec()))),
        }
        match self.folders.as_slice() {
            [] => {}
            [one] => targets.push(self.target(Scope::Folder(one.clone()))),
            several => targets.push(self.target(Scope::Folders(several.to_vec()))),
        }
        targets
    }

    /// One target holding every item, for a single ZIP.
    pub fn single(&self) -> Result<ActionTarget, CommandError> {
        let mut targets = self.grouped();
        if targets.len() > 1 {
            return Err(CommandError::Usage(
                "one ZIP holds either documents or folders, not both: save them in two runs"
                    .to_string(),
            ));
        }
        targets
            .pop()
            .ok_or_else(|| CommandError::Usage("no ITEM given".to_string()))
    }

    fn target(&self, scope: Scope) -> ActionTarget {
        ActionTarget {
            session: self.session.clone(),
            onedrive: self.onedrive.clone(),
            scope,
        }
    }
}
