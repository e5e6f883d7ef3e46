//! Paging through listings with offset and limit, all at once or page by page.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Stream;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::client::{Call, Client};
use super::dialect::onedrive_path;
use super::error::{ApiError, first_bytes};
use super::model::{Item, Page};

/// One page as read: its rows and whether another page follows.
pub(super) struct PageRead<T> {
    pub rows: Vec<T>,
    pub more: bool,
}

impl Client {
    /// Reads one page of `call` at `offset`.
    pub(super) async fn page<T: DeserializeOwned>(
        &self,
        call: &Call,
        offset: u64,
    ) -> Result<PageRead<T>, ApiError> {
        let limit = self.page_size() as u64;
        let paged = call.clone().query("offset", offset).query("limit", limit);
        let value: Value = self.fetch(&paged).await?;
        read_page(&value, limit).map_err(|error| ApiError::NotJson {
            method: paged.method.to_string(),
            path: paged.shown(),
            status: 200,
            reason: format!("not a page of the expected rows: {error}"),
            first_bytes: first_bytes(value.to_string().as_bytes()),
        })
    }

    /// Reads every page of `call`.
    pub(super) async fn all_pages<T: DeserializeOwned>(
        &self,
        call: &Call,
    ) -> Result<Vec<T>, ApiError> {
        let mut rows = Vec::new();
        loop {
            let page = self.page(call, rows.len() as u64).await?;
            rows.extend(page.rows);
            if !page.more {
                return Ok(rows);
            }
        }
    }

    /// The folders, then the documents, of a folder (or of the root), one page at a time.
    pub fn items(&self, session: &str, onedrive: &str, folder: Option<&str>) -> ItemPages {
        let base = onedrive_path(session, onedrive);
        let parent = folder.unwrap_or(self.dialect().root_parent()).to_string();
        let listing = |kind: &str| {
            Call::get(self.dialect().path(&format!("{base}/{kind}"))).query("parentId", &parent)
        };
        let state = Listing {
            client: self.clone(),
            calls: vec![(listing("Folders"), true), (listing("Documents"), false)],
            offset: 0,
        };
        ItemPages {
            inner: Box::pin(futures::stream::unfold(state, Listing::next_page)),
        }
    }

    /// One kind of a folder's children (folders or documents), page by page.
    pub(super) fn children(
        &self,
        session: &str,
        onedrive: &str,
        folder: Option<&str>,
        folders: bool,
    ) -> ItemPages {
        let base = onedrive_path(session, onedrive);
        let parent = folder.unwrap_or(self.dialect().root_parent()).to_string();
        let kind = if folders { "Folders" } else { "Documents" };
        let call =
            Call::get(self.dialect().path(&format!("{base}/{kind}"))).query("parentId", parent);
        let state = Listing {
            client: self.clone(),
            calls: vec![(call, folders)],
            offset: 0,
        };
        ItemPages {
            inner: Box::pin(futures::stream::unfold(state, Listing::next_page)),
        }
    }
}

/// Reads one page asked for with `limit` rows. A bare JSON array (as some old servers send)
/// is taken as the whole listing.
pub(super) fn read_page<T: DeserializeOwned>(
    value: &Value,
    limit: u64,
) -> Result<PageRead<T>, serde_json::Error> {
    if value.is_array() {
        let rows = Vec::<T>::deserialize(value)?;
        return Ok(PageRead { rows, more: false });
    }
    let page = Page::<T>::deserialize(value)?;
    // A server may cap the limit below what was asked; a short page is the last one.
    let served_limit = if page.limit > 0 {
        page.limit.min(limit)
    } else {
        limit
    };
    let more = !page.results.is_empty() && page.results.len() as u64 >= served_limit;
    Ok(PageRead {
        rows: page.results,
        more,
    })
}

/// Where a listing stands: the calls still to page through, and the offset in the first.
struct Listing {
    client: Client,
    calls: Vec<(Call, bool)>,
    offset: u64,
}

impl Listing {
    async fn next_page(mut self) -> Option<(Result<Vec<Item>, ApiError>, Listing)> {
        loop {
            let (call, folders) = self.calls.first()?.clone();
            let page = match self.client.page::<Item>(&call, self.offset).await {
                Ok(page) => page,
                Err(error) => {
                    self.calls.clear();
                    return Some((Err(error), self));
                }
            };
            self.offset += page.rows.len() as u64;
            if !page.more {
                self.calls.remove(0);
                self.offset = 0;
            }
            if page.rows.is_empty() {
                continue;
            }
            let rows = page
                .rows
                .into_iter()
                .map(|item| mark(item, folders))
                .collect();
            return Some((Ok(rows), self));
        }
    }
}

/// v4-v6 do not say `isFolder`; the listing an item came from does.
fn mark(mut item: Item, folder: bool) -> Item {
    if item.is_folder.is_none() {
        item.is_folder = Some(folder);
    }
    item
}

/// The pages of a folder listing as they arrive: folders first, then documents.
pub struct ItemPages {
    inner: Pin<Box<dyn Stream<Item = Result<Vec<Item>, ApiError>> + Send>>,
}

impl Stream for ItemPages {
    type Item = Result<Vec<Item>, ApiError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl ItemPages {
    /// Reads all pages into one list.
    pub async fn collect_all(mut self) -> Result<Vec<Item>, ApiError> {
        use futures::StreamExt;
        let mut items = Vec::new();
        while let Some(page) = self.next().await {
            items.extend(page?);
        }
        Ok(items)
    }
}
