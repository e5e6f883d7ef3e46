//! `save`, `restore`, `copy` and `send`: submitted to the task runner, several at once within
//! `max_parallel_tasks`, followed to their end.

use std::time::Instant;

use crate::api::{ActionTarget, DocumentAction, LastVersionAction};
use crate::cli::{
    AuthArgs, CopyArgs, ItemsArgs, LastVersionArg, OutputArgs, RestoreArgs, SaveArgs, SendArgs,
};
use crate::commands::connect::Connected;
use crate::commands::run::run_all;
use crate::commands::targets::Picked;
use crate::commands::{CommandError, auth, defaults, targets};
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
    let picked = pick_to_act_on(connected, &args.target).await?;
    let sign_in = sign_in(connected, &picked, &args.auth).await?;
    let defaults = &connected.profile.restore;
    let api = connected.client.version();
    let action = DocumentAction::RestoreToOriginal {
        version: defaults::restore_version(args.version, defaults, api),
        on_conflict: defaults::on_conflict(args.on_conflict, defaults),
        auth: sign_in.auth,
    };
    let deadline = sign_in.sign_in_deadline;
    submit(connected, config, &picked, &action, deadline, &args.output).await
}

pub async fn copy(
    connected: &Connected,
    config: &Config,
    args: &CopyArgs,
) -> Result<u8, CommandError> {
    let picked = pick_to_act_on(connected, &args.target).await?;
    let to = connected
        .client
        .resolve_onedrive(&picked.session, &args.to_onedrive)
        .await?;
    let sign_in = sign_in(connected, &picked, &args.auth).await?;
    let action = DocumentAction::CopyTo {
        onedrive: to,
        folder: args.folder.clone().unwrap_or_default(),
        version: defaults::copy_version(args.version, &connected.profile.restore),
        last_version: match args.last_version {
            LastVersionArg::Overwrite => LastVersionAction::Overwrite,
            LastVersionArg::Merge => LastVersionAction::Merge,
        },
        changed_items: args.changed_items,
        deleted_items: args.deleted_items,
        auth: sign_in.auth,
    };
    let deadline = sign_in.sign_in_deadline;
    submit(connected, config, &picked, &action, deadline, &args.output).await
}

pub async fn send(
    connected: &Connected,
    config: &Config,
    args: &SendArgs,
) -> Result<u8, CommandError> {
    let picked = pick_to_act_on(connected, &args.target).await?;
    let action = DocumentAction::Send {
        from: args.from.clone(),
        to: args.to.clone(),
        subject: args.subject.clone(),
        text: args.text.clone(),
    };
    submit(connected, config, &picked, &action, None, &args.output).await
}

/// The items of a restore, copy or send, once the profile is known to allow one.
async fn pick_to_act_on(connected: &Connected, target: &ItemsArgs) -> Result<Picked, CommandError> {
    refuse_read_only(connected)?;
    targets::pick(&connected.client, target).await
}

/// The restore auth the flags ask for, else the profile's.
async fn sign_in(
    connected: &Connected,
    picked: &Picked,
    args: &AuthArgs,
) -> Result<auth::Auth, CommandError> {
    let defaults = &connected.profile.restore;
    auth::restore_auth(&connected.client, &picked.session, args, defaults).await
}

/// Runs `action` on each group of the picked items and follows the tasks to their end.
async fn submit(
    connected: &Connected,
    config: &Config,
    picked: &Picked,
    action: &DocumentAction,
    sign_in_deadline: Option<Instant>,
    output: &OutputArgs,
) -> Result<u8, CommandError> {
    let requests = actions_for(&picked.grouped(), action);
    run_all(
        &connected.client,
        config,
        requests,
        sign_in_deadline,
        output,
    )
    .await
}

/// A `read_only` profile allows saves only.
fn refuse_read_only(connected: &Connected) -> Result<(), CommandError> {
    if !connected.profile.read_only {
        return Ok(());
    }
    Err(CommandError::Usage(format!(
        "profile \"{}\" is read-only: it allows saves only",
        connected.profile_name
    )))
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
