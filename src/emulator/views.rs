//! The JSON the emulator answers with: camelCase names, PascalCase enum values, HAL links.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use super::body::Query;
use super::failure::Failure;
use super::sessions::{Event, Session, Stats};
use super::tenant::{Drive, ItemView, Tenant};
use super::version::Version;

/// Makes absolute links under one version's prefix.
#[derive(Debug, Clone)]
pub struct Href {
    pub base: String,
    pub version: Version,
}

impl Href {
    pub fn new(query: &Query, version: Version) -> Href {
        Href {
            base: format!("{}/{}", query.origin, version),
            version,
        }
    }

    pub fn link(&self, path: &str) -> Value {
        json!({ "href": format!("{}/{}", self.base, path) })
    }

    fn session(&self, id: &str) -> String {
        format!("restoresessions/{id}")
    }

    fn drive(&self, session: &str, drive: &str) -> String {
        format!("{}/organization/onedrives/{drive}", self.session(session))
    }
}

pub fn date(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn organization(tenant: &Tenant, href: &Href) -> Value {
    let org = &tenant.organization;
    json!({
        "id": org.id, "name": org.name, "officeName": org.name, "type": "Office365",
        "region": "Worldwide", "isBackedup": true, "isExchangeOnline": true,
        "isSharePointOnline": true, "isTeamsOnline": false,
        "firstBackuptime": date(tenant.points[0]),
        "lastBackuptime": date(tenant.points[tenant.points.len() - 1]),
        "_links": { "self": href.link(&format!("organizations/{}", org.id)) },
    })
}

pub fn session(s: &Session, href: &Href) -> Value {
    let mut value = json!({
        "id": s.id, "name": s.name, "organization": s.organization, "type": s.kind,
        "creationTime": date(s.created), "endTime": s.ended.map(date),
        "state": if s.stopped { "Stopped" } else { "Working" }, "result": s.result,
        "initiatedBy": s.initiated_by, "details": "", "scopeName": s.organization,
        "clientHost": "vbo-restore", "reason": s.reason.clone().unwrap_or_default(),
        "_links": {
            "self": href.link(&href.session(&s.id)),
            "organization": href.link(&format!("{}/organization", href.session(&s.id))),
            "events": href.link(&format!("{}/events", href.session(&s.id))),
        },
    });
    if href.version.wire().etag {
        value["eTag"] = json!(s.etag);
    }
    value
}

pub fn event(e: &Event, order: usize, session: &str, href: &Href) -> Value {
    let duration = e.end.map(|end| end - e.start).unwrap_or_default();
    let millis = duration.num_milliseconds().max(0);
    json!({
        "id": e.id, "type": e.kind, "status": e.status, "itemName": e.item_name, "itemType": e.item_type,
        "itemSizeBytes": e.item_size, "source": e.source, "target": e.target,
        "startTime": date(e.start), "endTime": e.end.map(date),
        "duration": format!("{:02}:{:02}:{:02}.{:07}", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000 * 10_000),
        "title": e.title, "message": e.message, "order": order,
        "_links": { "self": href.link(&format!("restoresessions/{session}/events/{}", e.id)) },
    })
    .as_object()
    .map(|m| {
        let kept = m.iter().filter(|(_, v)| !v.is_null());
        Value::Object(kept.map(|(k, v)| (k.clone(), v.clone())).collect())
    })
    .unwrap_or_default()
}

pub fn drive(d: &Drive, session: &str, href: &Href) -> Value {
    let path = href.drive(session, &d.id);
    let root = href.version.wire().root_literal;
    json!({
        "id": d.id, "name": d.name, "url": d.url,
        "_links": {
            "self": href.link(&path),
            "folders": href.link(&format!("{path}/folders?parentId={root}")),
            "documents": href.link(&format!("{path}/documents?parentId={root}")),
        },
    })
}

pub fn item(i: &ItemView, drive: &Drive, session: &str, href: &Href) -> Value {
    let wire = href.version.wire();
    let drive_path = href.drive(session, &drive.id);
    let kind = if i.folder { "folders" } else { "documents" };
    let path = format!("{drive_path}/{kind}/{}", i.id);
    let mut links = Map::new();
    links.insert("self".into(), href.link(&path));
    links.insert("onedrive".into(), href.link(&drive_path));
    if let Some(parent) = &i.parent_id {
        links.insert(
            "parent".into(),
            href.link(&format!("{drive_path}/folders/{parent}")),
        );
    }
    let mut value = json!({
        "id": i.id, "name": i.name, "version": i.revision.label(),
        "versionId": i.revision.version_id, "createdBy": i.created_by,
        "creationTime": date(i.created), "modifiedBy": i.revision.modified_by,
        "modificationTime": date(i.revision.modified),
    });
    if !i.folder {
        value["sizeBytes"] = json!(i.revision.size);
        value["inheritedPermissions"] = json!(true);
        if href.version >= Version::V6 {
            links.insert("versions".into(), href.link(&format!("{path}/versions")));
        }
    }
    if wire.is_folder {
        value["isFolder"] = json!(i.folder);
    }
    if wire.one_drive_id {
        value["oneDriveId"] = json!(drive.id);
    }
    value["_links"] = Value::Object(links);
    value
}

pub fn stats(s: &Stats) -> Value {
    json!({
        "totalItemsCount": s.total, "restoredItemsCount": s.restored,
        "failedItemsCount": s.failed, "skippedItemsByErrorCount": s.skipped_by_error,
        "skippedItemsByNoChangesCount": s.skipped_by_no_changes,
        "failedRestrictionsCount": 0, "restoreIssues": [],
    })
}

/// Offset and limit of a listing request: limit 30 by default, at most 10,000.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub offset: usize,
    pub limit: usize,
}

pub const MAX_PAGE: usize = 10_000;

impl Paging {
    pub fn of(query: &Query) -> Result<Paging, Failure> {
        let offset = query.number("offset")?.unwrap_or(0) as usize;
        let limit = query.number("limit")?.unwrap_or(30) as usize;
        if limit == 0 || limit > MAX_PAGE {
            return Err(Failure::bad_request(format!(
                "The value {limit} of limit is not valid: use 1 to {MAX_PAGE}."
            )));
        }
        Ok(Paging { offset, limit })
    }
}

/// A page envelope with `first`, `prev`, `self` and `next` links where they make sense.
pub fn page(
    results: Vec<Value>,
    at: Paging,
    total: usize,
    path: &str,
    query: &Query,
    href: &Href,
) -> Value {
    let rest = query.rest_without(&["offset", "limit"]);
    let link =
        |offset: usize| href.link(&format!("{path}?{rest}offset={offset}&limit={}", at.limit));
    let mut links = Map::new();
    links.insert("self".into(), link(at.offset));
    links.insert("first".into(), link(0));
    if at.offset > 0 {
        links.insert("prev".into(), link(at.offset.saturating_sub(at.limit)));
    }
    if at.offset + at.limit < total {
        links.insert("next".into(), link(at.offset + at.limit));
    }
    let mut value =
        json!({ "offset": at.offset, "limit": at.limit, "results": results, "_links": links });
    if href.version.wire().total_count {
        value["totalCount"] = json!(total);
    }
    value
}
