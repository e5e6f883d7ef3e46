//! Browsing a restore session: OneDrives, folders, documents and versions, with paging.
//! Both dialects route here; what differs by version comes from `Version::wire`.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use super::body::{LowerJson, Obj, Query};
use super::failure::{Failure, json_response};
use super::state::{Ctx, lock};
use super::tenant::{Drive, Item, ItemView, Listing, View, Want};
use super::views::{self, Href, Paging};

type Answer = Result<Response, Failure>;

/// The view of a working session (stopped or expired ones answer 500).
pub fn session_view(ctx: &Ctx, session: &str) -> Result<View, Failure> {
    let idle = ctx.shared.config.session_idle_timeout;
    let mut store = lock(&ctx.shared.sessions);
    Ok(store.working(session, idle)?.view)
}

pub fn drive<'a>(ctx: &'a Ctx, id: &str) -> Result<&'a Drive, Failure> {
    ctx.shared
        .tenant
        .drive(id)
        .ok_or_else(|| Failure::not_found(format!("OneDrive with ID {id} was not found.")))
}

/// An item of `drive` that the view shows, of the wanted kind.
pub fn find(
    drive: &Drive,
    id: &str,
    view: View,
    folder: bool,
) -> Result<(Item, ItemView), Failure> {
    let kind = if folder { "Folder" } else { "Document" };
    let missing = || Failure::not_found(format!("{kind} with ID {id} was not found."));
    let item = drive.find(id).ok_or_else(missing)?;
    let shown = drive.view(item, view).ok_or_else(missing)?;
    if shown.folder != folder {
        return Err(missing());
    }
    Ok((item, shown))
}

pub async fn onedrives(State(ctx): State<Ctx>, Path(rs): Path<String>, query: Query) -> Answer {
    let view = session_view(&ctx, &rs)?;
    let at = Paging::of(&query)?;
    let href = Href::new(&query, ctx.version);
    let drives = &ctx.shared.tenant.drives;
    let shown: Vec<&Drive> = if view.point.is_some() {
        drives.iter().collect()
    } else {
        Vec::new()
    };
    let results = shown
        .iter()
        .skip(at.offset)
        .take(at.limit)
        .map(|d| views::drive(d, &rs, &href))
        .collect();
    let path = format!("restoresessions/{rs}/organization/onedrives");
    let page = views::page(results, at, shown.len(), &path, &query, &href);
    Ok(json_response(StatusCode::OK, &page))
}

pub async fn onedrive(
    State(ctx): State<Ctx>,
    Path((rs, od)): Path<(String, String)>,
    query: Query,
) -> Answer {
    session_view(&ctx, &rs)?;
    let drive = drive(&ctx, &od)?;
    let href = Href::new(&query, ctx.version);
    Ok(json_response(
        StatusCode::OK,
        &views::drive(drive, &rs, &href),
    ))
}

pub async fn folders(state: State<Ctx>, path: Path<(String, String)>, query: Query) -> Answer {
    let want = Want {
        folders: true,
        documents: false,
    };
    list(state, path, query, want, "folders")
}

pub async fn documents(state: State<Ctx>, path: Path<(String, String)>, query: Query) -> Answer {
    let with_folders = state.version.wire().include_folders && query.flag("includefolders")?;
    let want = Want {
        folders: with_folders,
        documents: true,
    };
    list(state, path, query, want, "documents")
}

fn list(
    State(ctx): State<Ctx>,
    Path((rs, od)): Path<(String, String)>,
    query: Query,
    want: Want,
    kind: &str,
) -> Answer {
    let view = session_view(&ctx, &rs)?;
    let drive = drive(&ctx, &od)?;
    let at = Paging::of(&query)?;
    let listing = listing(drive, view, &query, want, ctx.version.wire().root_literal)?;
    let href = Href::new(&query, ctx.version);
    let results = listing
        .page(drive, view, at.offset, at.limit)
        .iter()
        .map(|i| views::item(i, drive, &rs, &href))
        .collect();
    let path = format!("restoresessions/{rs}/organization/onedrives/{od}/{kind}");
    let page = views::page(results, at, listing.len(), &path, &query, &href);
    Ok(json_response(StatusCode::OK, &page))
}

/// The listing `parentId` asks for: the root (by this version's literal), a folder, or
/// everything when it is left out.
fn listing(
    drive: &Drive,
    view: View,
    query: &Query,
    want: Want,
    root: &str,
) -> Result<Listing, Failure> {
    match query.get("parentid") {
        None => Ok(drive.descendants(None, view, want)),
        Some(p) if p.eq_ignore_ascii_case(root) => Ok(drive.children(None, view, want)),
        Some(p) => {
            let (item, _) = find(drive, &p.to_lowercase(), view, true)?;
            let Item::Node(node) = item else {
                return Err(Failure::not_found(format!(
                    "Folder with ID {p} was not found."
                )));
            };
            Ok(drive.children(Some(node), view, want))
        }
    }
}

pub async fn folder(
    state: State<Ctx>,
    Path((rs, od, id)): Path<(String, String, String)>,
    query: Query,
) -> Answer {
    one(state, (rs, od, id), query, true)
}

pub async fn document(
    state: State<Ctx>,
    Path((rs, od, id)): Path<(String, String, String)>,
    query: Query,
) -> Answer {
    one(state, (rs, od, id), query, false)
}

fn one(
    State(ctx): State<Ctx>,
    (rs, od, id): (String, String, String),
    query: Query,
    folder: bool,
) -> Answer {
    let view = session_view(&ctx, &rs)?;
    let drive = drive(&ctx, &od)?;
    let (_, shown) = find(drive, &id, view, folder)?;
    let href = Href::new(&query, ctx.version);
    Ok(json_response(
        StatusCode::OK,
        &views::item(&shown, drive, &rs, &href),
    ))
}

/// `…/Documents/{id}/Versions`: the earlier versions (the current one is the document).
pub async fn versions(
    State(ctx): State<Ctx>,
    Path((rs, od, id)): Path<(String, String, String)>,
    query: Query,
) -> Answer {
    let view = session_view(&ctx, &rs)?;
    let drive = drive(&ctx, &od)?;
    let (item, _) = find(drive, &id, view, false)?;
    let at = Paging::of(&query)?;
    let href = Href::new(&query, ctx.version);
    let older = drive.older_versions(item, view);
    let results = older
        .iter()
        .skip(at.offset)
        .take(at.limit)
        .map(|v| views::item(v, drive, &rs, &href))
        .collect();
    let path = format!("restoresessions/{rs}/organization/onedrives/{od}/documents/{id}/versions");
    let page = views::page(results, at, older.len(), &path, &query, &href);
    Ok(json_response(StatusCode::OK, &page))
}

/// One version of a document, the current one included.
pub fn version_of(
    drive: &Drive,
    id: &str,
    view: View,
    version_id: &str,
) -> Result<(Item, ItemView), Failure> {
    let (item, current) = find(drive, id, view, false)?;
    let wanted: i32 = version_id
        .parse()
        .map_err(|_| Failure::bad_request(format!("The version ID {version_id} is not valid.")))?;
    if current.revision.version_id == wanted {
        return Ok((item, current));
    }
    drive
        .older_versions(item, view)
        .into_iter()
        .find(|v| v.revision.version_id == wanted)
        .map(|v| (item, v))
        .ok_or_else(|| {
            Failure::not_found(format!(
                "Version {version_id} of document {id} was not found."
            ))
        })
}

pub async fn version(
    State(ctx): State<Ctx>,
    Path((rs, od, id, vid)): Path<(String, String, String, String)>,
    query: Query,
) -> Answer {
    let view = session_view(&ctx, &rs)?;
    let drive = drive(&ctx, &od)?;
    let (_, shown) = version_of(drive, &id, view, &vid)?;
    let href = Href::new(&query, ctx.version);
    Ok(json_response(
        StatusCode::OK,
        &views::item(&shown, drive, &rs, &href),
    ))
}

/// `…/OneDrives/{id}/search` and `…/Folders/{id}/search`: names containing the query.
pub async fn search(
    State(ctx): State<Ctx>,
    Path(ids): Path<HashMap<String, String>>,
    query: Query,
    LowerJson(body): LowerJson,
) -> Answer {
    let rs = ids.get("rs").cloned().unwrap_or_default();
    let od = ids.get("od").cloned().unwrap_or_default();
    let view = session_view(&ctx, &rs)?;
    let drive = drive(&ctx, &od)?;
    let parent = match ids.get("folder") {
        Some(folder) => match find(drive, folder, view, true)?.0 {
            Item::Node(n) => Some(n),
            Item::Row(_) => None,
        },
        None => None,
    };
    let needle = Obj::of(&body)
        .str("query")
        .unwrap_or_default()
        .to_lowercase();
    let at = Paging::of(&query)?;
    let all = drive.descendants(
        parent,
        view,
        Want {
            folders: true,
            documents: true,
        },
    );
    let hits: Vec<ItemView> = all
        .items()
        .filter_map(|i| drive.view(i, view))
        .filter(|i| i.name.to_lowercase().contains(&needle))
        .skip(at.offset)
        .take(at.limit + 1)
        .collect();
    let href = Href::new(&query, ctx.version);
    let total = at.offset + hits.len();
    let results: Vec<Value> = hits
        .iter()
        .take(at.limit)
        .map(|i| views::item(i, drive, &rs, &href))
        .collect();
    let path = format!("restoresessions/{rs}/organization/onedrives/{od}/search");
    Ok(json_response(
        StatusCode::OK,
        &views::page(results, at, total, &path, &query, &href),
    ))
}
