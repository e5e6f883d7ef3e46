//! The commands that only read or steer restore sessions: orgs, sessions, explore, stop,
//! events, onedrives and versions.

use crate::api::model::{Item, RestoreSession};
use crate::api::{Client, ExploreOptions};
use crate::cli::{ExploreArgs, OutputArgs, SessionArgs, VersionsArgs};
use crate::commands::output::{Table, print_json, text_cell};
use crate::commands::{CommandError, EXIT_DONE};
use crate::console::app::parse_point_in_time;
use crate::console::format;

pub async fn orgs(client: &Client, out: &OutputArgs) -> Result<u8, CommandError> {
    let organizations = client.organizations().await?;
    if out.json {
        print_json(&organizations)?;
        return Ok(EXIT_DONE);
    }
    let mut table = Table::new(&["ID", "NAME", "LAST BACKUP"]);
    for org in &organizations {
        table.row(vec![
            org.id.clone(),
            org.name.clone(),
            format::minute(org.last_backuptime),
        ]);
    }
    table.print()?;
    Ok(EXIT_DONE)
}

pub async fn sessions(client: &Client, out: &OutputArgs) -> Result<u8, CommandError> {
    let sessions = client.restore_sessions().await?;
    print_sessions(&sessions, out)
}

pub async fn explore(client: &Client, args: &ExploreArgs) -> Result<u8, CommandError> {
    // The console's new-session form reads the same text the same way.
    let at = match &args.at {
        Some(text) => parse_point_in_time(text)
            .map_err(|error| CommandError::Usage(format!("--at {error}")))?,
        None => None,
    };
    let options = ExploreOptions {
        at,
        show_deleted: args.show_deleted,
        show_all_versions: args.all_versions,
    };
    let organization = client.resolve_organization(&args.organization).await?;
    let session = client.explore(&organization.id, &options).await?;
    print_sessions(std::slice::from_ref(&session), &args.output)
}

pub async fn stop(client: &Client, args: &SessionArgs) -> Result<u8, CommandError> {
    let id = client.resolve_session(&args.session).await?;
    client.stop_session(&id).await?;
    let session = client.restore_session(&id).await?;
    print_sessions(std::slice::from_ref(&session), &args.output)
}

pub async fn events(client: &Client, args: &SessionArgs) -> Result<u8, CommandError> {
    let session = client.resolve_session(&args.session).await?;
    let events = client.session_events(&session).await?;
    if args.output.json {
        print_json(&events)?;
        return Ok(EXIT_DONE);
    }
    let mut table = Table::new(&["ORDER", "TYPE", "STATUS", "ITEM", "MESSAGE"]);
    for event in &events {
        table.row(vec![
            event.order.map(|n| n.to_string()).unwrap_or_default(),
            event.kind.to_string(),
            event.status.to_string(),
            text_cell(event.item_name.as_deref()),
            text_cell(event.message.as_deref().or(event.title.as_deref())),
        ]);
    }
    table.print()?;
    Ok(EXIT_DONE)
}

pub async fn onedrives(client: &Client, args: &SessionArgs) -> Result<u8, CommandError> {
    let session = client.resolve_session(&args.session).await?;
    let onedrives = client.onedrives(&session).await?;
    if args.output.json {
        print_json(&onedrives)?;
        return Ok(EXIT_DONE);
    }
    let mut table = Table::new(&["ID", "NAME", "URL"]);
    for onedrive in &onedrives {
        table.row(vec![
            onedrive.id.clone(),
            onedrive.name.clone(),
            text_cell(onedrive.url.as_deref()),
        ]);
    }
    table.print()?;
    Ok(EXIT_DONE)
}

pub async fn versions(client: &Client, args: &VersionsArgs) -> Result<u8, CommandError> {
    let session = client.resolve_session(&args.session).await?;
    let onedrive = client.resolve_onedrive(&session, &args.onedrive).await?;
    let document = client
        .resolve_item(&session, &onedrive.id, &args.document)
        .await?;
    let versions = client
        .versions(&session, &onedrive.id, &document.id)
        .await?;
    if args.output.json {
        print_json(&versions)?;
        return Ok(EXIT_DONE);
    }
    print_items(&versions, false)?;
    Ok(EXIT_DONE)
}

/// Prints documents or versions as a table: version, size, modified, by whom, name and id.
pub fn print_items(items: &[Item], with_type: bool) -> std::io::Result<()> {
    let mut headers = vec!["VERSION", "SIZE", "MODIFIED", "BY", "NAME", "ID"];
    if with_type {
        headers.insert(0, "TYPE");
    }
    let mut table = Table::new(&headers);
    for item in items {
        let mut row = vec![
            text_cell(item.version.as_deref()),
            item.size_bytes.map(format::size).unwrap_or_default(),
            format::minute(item.modification_time),
            text_cell(item.modified_by.as_deref()),
            item.name.clone(),
            item.id.clone(),
        ];
        if with_type {
            let kind = if item.is_folder() {
                "folder"
            } else {
                "document"
            };
            row.insert(0, kind.to_string());
        }
        table.row(row);
    }
    table.print()
}

fn print_sessions(sessions: &[RestoreSession], out: &OutputArgs) -> Result<u8, CommandError> {
    if out.json {
        print_json(sessions)?;
        return Ok(EXIT_DONE);
    }
    let mut table = Table::new(&["ID", "ORGANIZATION", "STATE", "CREATED", "NAME"]);
    for session in sessions {
        table.row(vec![
            session.id.clone(),
            text_cell(session.organization.as_deref()),
            session.state.to_string(),
            format::minute(session.creation_time),
            text_cell(session.name.as_deref()),
        ]);
    }
    table.print()?;
    Ok(EXIT_DONE)
}
