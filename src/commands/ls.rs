//! `ls`: the folders and documents of a OneDrive folder, optionally all the way down.

use std::collections::VecDeque;

use futures::StreamExt;

use crate::api::model::Item;
use crate::api::{ApiError, Client};
use crate::cli::LsArgs;
use crate::commands::listing::print_items;
use crate::commands::output::print_json;
use crate::commands::{CommandError, EXIT_DONE};

pub async fn ls(client: &Client, args: &LsArgs) -> Result<u8, CommandError> {
    let session = client.resolve_session(&args.session).await?;
    let onedrive = client.resolve_onedrive(&session, &args.onedrive).await?;
    let folder = match &args.folder {
        Some(text) if text.trim_matches('/').is_empty() => None,
        Some(text) => {
            let item = client.resolve_item(&session, &onedrive.id, text).await?;
            if !item.is_folder() {
                return Err(CommandError::Usage(format!(
                    "{text:?} is a document, not a folder"
                )));
            }
            Some(item)
        }
        None => None,
    };

    let mut found = Vec::new();
    // Breadth first, so that a folder's own rows come before its subfolders' rows.
    let mut pending: VecDeque<(String, Option<String>)> =
        VecDeque::from([(String::new(), folder.map(|item| item.id))]);
    while let Some((prefix, folder_id)) = pending.pop_front() {
        let items = list(client, &session, &onedrive.id, folder_id.as_deref()).await?;
        for item in items {
            if args.recursive && item.is_folder() {
                pending.push_back((format!("{prefix}{}/", item.name), Some(item.id.clone())));
            }
            found.push((prefix.clone(), item));
        }
    }

    if args.output.json {
        let items: Vec<&Item> = found.iter().map(|(_, item)| item).collect();
        print_json(&items)?;
    } else {
        // People see the path from the listed folder; scripts get the server's own names.
        let shown: Vec<Item> = found
            .into_iter()
            .map(|(prefix, mut item)| {
                item.name = format!("{prefix}{}", item.name);
                item
            })
            .collect();
        print_items(&shown, true)?;
    }
    Ok(EXIT_DONE)
}

async fn list(
    client: &Client,
    session: &str,
    onedrive: &str,
    folder: Option<&str>,
) -> Result<Vec<Item>, ApiError> {
    let mut pages = client.items(session, onedrive, folder);
    let mut items = Vec::new();
    while let Some(page) = pages.next().await {
        items.extend(page?);
    }
    Ok(items)
}
