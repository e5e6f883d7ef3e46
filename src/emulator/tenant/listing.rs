//! Finding and listing items of a drive as one restore session sees them.

use chrono::Duration;

use super::ids;
use super::model::{Drive, Item, ItemView, Revision, View};

/// Which kinds of item a listing holds.
#[derive(Debug, Clone, Copy)]
pub struct Want {
    pub folders: bool,
    pub documents: bool,
}

/// An ordered listing: stored nodes first (folders before documents), then computed rows.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    nodes: Vec<u32>,
    rows: u32,
}

impl Listing {
    pub fn len(&self) -> usize {
        self.nodes.len() + self.rows as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items at `offset..offset+limit`, made on the fly.
    pub fn page(&self, drive: &Drive, view: View, offset: usize, limit: usize) -> Vec<ItemView> {
        let end = (offset + limit).min(self.len());
        (offset..end)
            .filter_map(|i| {
                let item = match self.nodes.get(i) {
                    Some(&node) => Item::Node(node),
                    None => Item::Row((i - self.nodes.len()) as u32),
                };
                drive.view(item, view)
            })
            .collect()
    }

    /// Every item of the listing, in order.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        let rows = (0..self.rows).map(Item::Row);
        self.nodes.iter().map(|&n| Item::Node(n)).chain(rows)
    }
}

impl Drive {
    /// The stored node or computed row with this id.
    pub fn find(&self, id: &str) -> Option<Item> {
        if let Some(&node) = self.index.get(id) {
            return Some(Item::Node(node));
        }
        let big = self.big.as_ref()?;
        ids::row_index(&big.prefix, id)
            .filter(|&i| i < big.len)
            .map(Item::Row)
    }

    /// Whether `item` exists at the view's point (deleted ones only with showDeleted).
    pub fn visible(&self, item: Item, view: View) -> bool {
        let Some(point) = view.point else {
            return false;
        };
        match item {
            Item::Row(_) => true,
            Item::Node(n) => {
                let node = &self.nodes[n as usize];
                let gone = node.deleted_after.is_some_and(|d| point > d);
                node.created <= point && (!gone || view.show_deleted)
            }
        }
    }

    /// The item as the view shows it, or `None` where it does not exist.
    pub fn view(&self, item: Item, view: View) -> Option<ItemView> {
        if !self.visible(item, view) {
            return None;
        }
        let point = view.point?;
        match item {
            Item::Row(index) => Some(self.row_view(index)),
            Item::Node(n) => {
                let node = &self.nodes[n as usize];
                let revision = node.revisions.iter().rev().find(|r| r.point <= point)?;
                Some(ItemView {
                    id: node.id.clone(),
                    name: node.name.clone(),
                    parent_id: node.parent.map(|p| self.nodes[p as usize].id.clone()),
                    folder: node.folder,
                    revision: revision.clone(),
                    created: node.revisions[0].modified,
                    created_by: node.author.clone(),
                    deleted: node.deleted_after.is_some_and(|d| point > d),
                })
            }
        }
    }

    /// Earlier versions of a document at the view's point, newest first.
    pub fn older_versions(&self, item: Item, view: View) -> Vec<ItemView> {
        let (Some(current), Item::Node(n)) = (self.view(item, view), item) else {
            return Vec::new();
        };
        let node = &self.nodes[n as usize];
        node.revisions
            .iter()
            .rev()
            .filter(|r| r.version_id < current.revision.version_id)
            .map(|r| ItemView {
                revision: r.clone(),
                ..current.clone()
            })
            .collect()
    }

    fn row_view(&self, index: u32) -> ItemView {
        let big = self.big.as_ref().map(|b| (b.node, b.prefix));
        let (folder, prefix) = big.unwrap_or_default();
        let folder = &self.nodes[folder as usize];
        let mut rng = ids::Rng::from_name(&format!("row/{index}"));
        let modified = folder.revisions[0].modified + Duration::minutes(i64::from(index % 50_000));
        ItemView {
            id: ids::row(&prefix, index),
            name: format!("Invoice {:06}.pdf", index + 1),
            parent_id: Some(folder.id.clone()),
            folder: false,
            revision: Revision {
                version_id: 512,
                size: rng.range(20_000, 220_000),
                point: 0,
                modified,
                modified_by: "Scanner Service".to_string(),
            },
            created: modified,
            created_by: "Scanner Service".to_string(),
            deleted: false,
        }
    }

    /// The direct children of `parent` (the root when `None`).
    pub fn children(&self, parent: Option<u32>, view: View, want: Want) -> Listing {
        let ids = match parent {
            Some(p) => &self.nodes[p as usize].children,
            None => &self.roots,
        };
        let mut listing = self.pick(ids.iter().copied(), view, want);
        if let Some(big) = &self.big
            && parent == Some(big.node)
            && want.documents
            && view.point.is_some()
        {
            listing.rows = big.len;
        }
        listing
    }

    /// Every item below `parent`, depth first.
    pub fn descendants(&self, parent: Option<u32>, view: View, want: Want) -> Listing {
        let mut order = Vec::new();
        let mut stack: Vec<u32> = match parent {
            Some(p) => self.nodes[p as usize]
                .children
                .iter()
                .rev()
                .copied()
                .collect(),
            None => self.roots.iter().rev().copied().collect(),
        };
        // The computed rows belong to the big folder: below it, or in it when it is the parent.
        let big_is = |n: u32| self.big.as_ref().is_some_and(|b| b.node == n) && want.documents;
        let mut rows = match parent {
            Some(p) if big_is(p) => self.big.as_ref().map_or(0, |b| b.len),
            _ => 0,
        };
        while let Some(n) = stack.pop() {
            if !self.visible(Item::Node(n), view) {
                continue;
            }
            order.push(n);
            stack.extend(self.nodes[n as usize].children.iter().rev());
            if big_is(n) {
                rows = self.big.as_ref().map_or(0, |b| b.len);
            }
        }
        let mut listing = self.pick(order.into_iter(), view, want);
        listing.rows = rows;
        listing
    }

    fn pick(&self, nodes: impl Iterator<Item = u32>, view: View, want: Want) -> Listing {
        let (mut folders, mut documents) = (Vec::new(), Vec::new());
        for n in nodes.filter(|&n| self.visible(Item::Node(n), view)) {
            match self.nodes[n as usize].folder {
                true if want.folders => folders.push(n),
                false if want.documents => documents.push(n),
                _ => {}
            }
        }
        folders.extend(documents);
        Listing {
            nodes: folders,
            rows: 0,
        }
    }

    /// The names from the root down to `item`, itself included.
    pub fn path(&self, item: Item) -> Vec<String> {
        let (mut names, mut next) = match item {
            Item::Node(n) => (Vec::new(), Some(n)),
            Item::Row(i) => (
                vec![self.row_view(i).name],
                self.big.as_ref().map(|b| b.node),
            ),
        };
        while let Some(n) = next {
            let node = &self.nodes[n as usize];
            names.push(node.name.clone());
            next = node.parent;
        }
        names.reverse();
        names
    }

    /// Whether the item is a folder.
    pub fn is_folder(&self, item: Item) -> bool {
        matches!(item, Item::Node(n) if self.nodes[n as usize].folder)
    }
}
