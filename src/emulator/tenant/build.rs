//! Generating the demo tenant from the seed, quickly: the 100,000-document folder is not
//! stored, only its length.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::ids::{self, Rng};
use super::model::{BigFolder, Drive, Node, Organization, Revision, Tenant};
use super::names;
use super::{BIG_FOLDER_LEN, LARGE_DOCUMENT_SIZE, ORGANIZATION_NAME};

const POINTS: usize = 5;

/// Builds the whole demo tenant.
pub fn tenant() -> Tenant {
    let first = Utc
        .with_ymd_and_hms(2026, 10, 4, 22, 0, 0)
        .single()
        .unwrap_or_default();
    let points: Vec<DateTime<Utc>> = (0..POINTS)
        .map(|i| first + Duration::days(14 * i as i64))
        .collect();
    let drives: Vec<Drive> = names::USERS
        .iter()
        .map(|(name, mail)| drive(name, mail, &points))
        .collect();
    let drive_index = drives
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    Tenant {
        organization: Organization {
            id: ids::organization(ORGANIZATION_NAME),
            name: ORGANIZATION_NAME.to_string(),
        },
        points,
        drives,
        drive_index,
    }
}

/// Adds nodes to one drive, keeping paths so ids follow from them.
struct Builder<'a> {
    mail: &'a str,
    owner: &'a str,
    points: &'a [DateTime<Utc>],
    rng: Rng,
    nodes: Vec<Node>,
    paths: Vec<Vec<String>>,
    roots: Vec<u32>,
}

impl Builder<'_> {
    fn add(&mut self, parent: Option<u32>, name: &str, folder: bool, created: usize) -> u32 {
        let mut path = parent.map_or_else(Vec::new, |p| self.paths[p as usize].clone());
        path.push(name.to_string());
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        let index = self.nodes.len() as u32;
        let size = if folder {
            0
        } else {
            self.rng.range(800, 3 << 20)
        };
        let first = self.revision(512, size, created);
        self.nodes.push(Node {
            id: ids::item(self.mail, &refs),
            name: name.to_string(),
            parent,
            folder,
            children: Vec::new(),
            created,
            deleted_after: None,
            revisions: vec![first],
            author: self.owner.to_string(),
        });
        self.paths.push(path);
        match parent {
            Some(p) => self.nodes[p as usize].children.push(index),
            None => self.roots.push(index),
        }
        index
    }

    fn revision(&mut self, version_id: i32, size: u64, point: usize) -> Revision {
        let hours = self.rng.range(2, 300) as i64;
        Revision {
            version_id,
            size,
            point,
            modified: self.points[point] - Duration::hours(hours),
            modified_by: self.owner.to_string(),
        }
    }

    /// Gives a document `count` versions in all, one per later restore point.
    fn versions(&mut self, node: u32, count: usize) {
        let first = self.nodes[node as usize].created;
        for k in 1..count {
            let point = (first + k).min(POINTS - 1);
            let size = self.rng.range(800, 3 << 20);
            let rev = self.revision(512 * (k as i32 + 1), size, point);
            self.nodes[node as usize].revisions.push(rev);
        }
    }

    fn folder_with_documents(&mut self, parent: Option<u32>, name: &str) -> u32 {
        let created = self.rng.range(0, 3) as usize;
        let created = parent.map_or(created, |p| created.max(self.nodes[p as usize].created));
        let folder = self.add(parent, name, true, created);
        let count = self.rng.range(2, 6) as usize;
        let start = self.rng.range(0, names::DOCUMENTS.len() as u64) as usize;
        for k in 0..count {
            let doc_name = names::DOCUMENTS[(start + k) % names::DOCUMENTS.len()];
            let doc = self.add(Some(folder), doc_name, false, created);
            let versions = self.rng.range(1, 4) as usize;
            self.versions(doc, versions);
        }
        folder
    }

    fn finish(self, name: &str) -> Drive {
        let index: HashMap<String, u32> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i as u32))
            .collect();
        Drive {
            id: ids::drive(self.mail),
            name: name.to_string(),
            url: format!(
                "https://contoso-my.sharepoint.com/personal/{}_contoso_onmicrosoft_com",
                self.mail
            ),
            email: format!("{}@{ORGANIZATION_NAME}", self.mail),
            nodes: self.nodes,
            roots: self.roots,
            index,
            big: None,
        }
    }
}

fn drive(name: &str, mail: &str, points: &[DateTime<Utc>]) -> Drive {
    let mut b = Builder {
        mail,
        owner: name,
        points,
        rng: Rng::from_name(&format!("drive/{mail}")),
        nodes: Vec::new(),
        paths: Vec::new(),
        roots: Vec::new(),
    };
    root_documents(&mut b);
    ordinary_tree(&mut b);
    let mut big = None;
    if mail == names::BIG_USER {
        big = Some(big_things(&mut b));
    }
    if mail == names::HOSTILE_USER {
        odd_names(&mut b);
    }
    let mut drive = b.finish(name);
    drive.big = big;
    drive
}

fn root_documents(b: &mut Builder<'_>) {
    let welcome = b.add(None, "Welcome.docx", false, 0);
    b.versions(welcome, super::VERSIONED_DOCUMENT_VERSIONS);
    let todo = b.add(None, "To do.txt", false, 1);
    b.versions(todo, 2);
    let old = b.add(None, "Old draft.docx", false, 0);
    b.versions(old, 2);
    b.nodes[old as usize].deleted_after = Some(2);
}

fn ordinary_tree(b: &mut Builder<'_>) {
    let documents = b.folder_with_documents(None, "Documents");
    let mut parent = b.folder_with_documents(Some(documents), "Work");
    for level in ["Reports", "2026", "Q4", "Drafts", "Old"] {
        parent = b.folder_with_documents(Some(parent), level);
    }
    b.folder_with_documents(Some(documents), "Personal");
    b.folder_with_documents(None, "Desktop");
    let pictures = b.folder_with_documents(None, "Pictures");
    b.folder_with_documents(Some(pictures), "Holidays 2025");
    let gone = b.folder_with_documents(Some(pictures), "Deleted album");
    let children = b.nodes[gone as usize].children.clone();
    for node in std::iter::once(gone).chain(children) {
        let n = &mut b.nodes[node as usize];
        n.created = 0;
        n.deleted_after = Some(3);
    }
}

fn big_things(b: &mut Builder<'_>) -> BigFolder {
    let scans = b.add(None, "Scans", true, 0);
    let invoices = b.add(Some(scans), super::BIG_FOLDER_NAME, true, 0);
    let video = b.add(None, "Video", true, 0);
    let large = b.add(Some(video), super::LARGE_DOCUMENT_NAME, false, 1);
    b.nodes[large as usize].revisions[0].size = LARGE_DOCUMENT_SIZE;
    BigFolder {
        node: invoices,
        len: BIG_FOLDER_LEN,
        prefix: ids::row_prefix(&b.nodes[invoices as usize].id),
    }
}

fn odd_names(b: &mut Builder<'_>) {
    let odd = b.add(None, "Odd names", true, 0);
    for name in names::HOSTILE.iter().chain(names::FRIENDLY_ODD) {
        b.add(Some(odd), name, false, 0);
    }
    b.add(Some(odd), &names::long_name(), false, 0);
    b.add(Some(odd), &names::long_wide_name(), false, 0);
    let dots = b.add(Some(odd), "..", true, 0);
    b.add(Some(dots), "inside dot-dot.txt", false, 0);
    let con = b.add(Some(odd), "CON ", true, 0);
    b.add(Some(con), "aux.txt", false, 0);
    let emoji = b.add(None, "📁 Emoji folder 🎉", true, 0);
    b.add(Some(emoji), "🎂 birthday.jpg", false, 0);
    // Last, so that the sizes and dates drawn for the names above stay as they were.
    b.add(Some(odd), names::CUT_EMOJI, false, 0);
    for name in names::HOSTILE_LATE {
        b.add(Some(odd), name, false, 0);
    }
    b.add(Some(odd), &names::thousand_character_name(), false, 0);
}
