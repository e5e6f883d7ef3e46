//! `save`, `restore`, `copy` and `send`: submitted to the task runner, several at once within
//! `max_parallel_tasks`, followed to their end.

use crate::api::{ActionTarget, ConflictPolicy, DocumentAction, LastVersionAction, VersionChoice};
use crate::cli::{
    ConflictArg, CopyArgs, LastVersionArg, RestoreArgs, SaveArgs, SendArgs, VersionArg,
};
use crate::commands::connect::Connected;
use crate::commands::run::run_all;
use crate::commands::{CommandError, auth, targets};
use crate::config::{Config, default_download_dir};
use crate::tasks::TaskRequest;

pub async fn save(
    connected: &Connected,
    config: &Config,
    args: &SaveArgs,
) -> Result<u8, CommandError> {
    let client = &connected.client;
    let folder = args
        .out
        .clone()
        .or(connected.download_dir.clone())
        .unwrap_or_else(default_download_dir);
    crate::save::check_destination(&folder)
        .map_err(|error| CommandError::Usage(error.to_string()))?;

    let picked = targets::pick(client, &args.target).await?;
    let requests: Vec<TaskRequest> = if args.zip {
        vec![TaskRequest::Save {
            target: picked.single()?,
            as_zip: true,
            folder,
        }]
    } else {
        picked
            .each()
            .into_iter()
            .map(|target| TaskRequest::Save {
                target,
                as_zip: false,
                folder: folder.clone(),
            })
            .collect()
    };
    run_all(client, config, requests, None, &args.output).await
}

pub async fn restore(
    connected: &Connected,
    config: &Config,
    args: &RestoreArgs,
) -> Result<u8, CommandError> {
    let client = &connected.client;
    let picked = targets::pick(client, &args.target).await?;
    let sign_in = auth::restore_auth(client, &picked.session, &args.auth).await?;
    let action = DocumentAction::RestoreToOriginal {
        version: version(args.version),
        on_conflict: match args.on_conflict {
            ConflictArg::Keep => ConflictPolicy::Keep,
            ConflictArg::Overwrite => ConflictPolicy::Overwrite,
        },
        auth: sign_in.auth,
    };
    let requests = actions_for(&picked.grouped(), &action);
    let deadline = sign_in.sign_in_deadline;
    run_all(client, config, requests, deadline, &args.output).await
}

pub async fn copy(
    connected: &Connected,
    config: &Config,
    args: &CopyArgs,
) -> Result<u8, CommandError> {
    let client = &connected.client;
    let picked = targets::pick(client, &args.target).await?;
    let to = client
        .resolve_onedrive(&picked.session, &args.to_onedrive)
        .await?;
    let sign_in = auth::restore_auth(client, &picked.session, &args.auth).await?;
    let action = DocumentAction::CopyTo {
        onedrive: to,
        folder: args.folder.clone().unwrap_or_default(),
        version: version(args.version),
        last_version: match args.last_version {
            LastVersionArg::Overwrite => LastVersionAction::Overwrite,
            LastVersionArg::Merge => LastVersionAction::Merge,
        },
        changed_items: args.changed_items,
        deleted_items: args.deleted_items,
        auth: sign_in.auth,
    };
    let requests = actions_for(&picked.grouped(), &action);
    let deadline = sign_in.sign_in_deadline;
    run_all(client, config, requests, deadline, &args.output).await
}

pub async fn send(
    connected: &Connected,
    config: &Config,
    args: &SendArgs,
) -> Result<u8, CommandError> {
    let client = &connected.client;
    let picked = targets::pick(client, &args.target).await?;
    let action = DocumentAction::Send {
        from: args.from.clone(),
        to: args.to.clone(),
        subject: args.subject.clone(),
        text: args.text.clone(),
    };
    let requests = actions_for(&picked.grouped(), &action);
    run_all(client, config, requests, None, &args.output).await
}

fn version(choice: VersionArg) -> VersionChoice {
    match choice {
        VersionArg::All => VersionChoice::All,
        VersionArg::Last => VersionChoice::Last,
    }
}

fn actions_for(targets: &[ActionTarget], action: &DocumentAction) -> Vec<TaskRequest> {
    targets
        .iter()
        .map(|target| TaskRequest::Action {
            target: target.clone(),
            action: action.clone(),
        })
        .collect()
}
