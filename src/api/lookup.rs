//! Finding a row by what a person typed: its id, else its exact name, else its only
//! case-insensitive match. The console's `--open` and the commands' arguments both look
//! organizations and OneDrives up here, so the two read what is typed the same way.

use super::model::{OneDrive, Organization};

/// What a lookup found, as indices into the list searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    One(usize),
    Nothing,
    Several(Vec<usize>),
}

/// Looks `wanted` up among rows with one id and some names each.
///
/// `complete` says whether every row is there: a case-insensitive match only counts as the
/// only one once no more rows can come.
pub fn find<'a, T>(
    rows: impl Iterator<Item = &'a T> + Clone,
    id: Option<&str>,
    wanted: &str,
    complete: bool,
    key: impl Fn(&T) -> (&str, Vec<&str>),
) -> Found
where
    T: 'a,
{
    if let Some(id) = id.filter(|id| !id.is_empty())
        && let Some(at) = rows.clone().position(|row| key(row).0 == id)
    {
        return Found::One(at);
    }
    let matching = |exact: bool| -> Vec<usize> {
        rows.clone()
            .enumerate()
            .filter(|(_, row)| {
                let (row_id, names) = key(row);
                row_id == wanted
                    || names
                        .iter()
                        .filter(|name| !name.is_empty())
                        .any(|name| match exact {
                            true => *name == wanted,
                            false => name.to_lowercase() == wanted.to_lowercase(),
                        })
            })
            .map(|(at, _)| at)
            .collect()
    };
    match matching(true).as_slice() {
        [one] => return Found::One(*one),
        [] => {}
        several => return Found::Several(several.to_vec()),
    }
    if !complete {
        return Found::Nothing;
    }
    match matching(false).as_slice() {
        [one] => Found::One(*one),
        [] => Found::Nothing,
        several => Found::Several(several.to_vec()),
    }
}

/// A few names for a message: "Adele Vance, Alex Wilber, Diego Siciliani, …".
pub fn examples<'a>(names: impl Iterator<Item = &'a str>) -> String {
    const SHOWN: usize = 3;
    let names: Vec<&str> = names.collect();
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(|name| format!("{name:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(", …");
    }
    text
}

/// The user-name part of a OneDrive's address: `adele` of `…/personal/adele_contoso_com`.
pub fn user_of_url(url: Option<&str>) -> Option<&str> {
    let personal = url?.trim_end_matches('/').rsplit('/').next()?;
    personal.split('_').next().filter(|user| !user.is_empty())
}

/// An organization's id and the names it goes by: its name, its Microsoft 365 name and the
/// first label of its name (`contoso` of `contoso.onmicrosoft.com`).
pub fn organization_names(org: &Organization) -> (&str, Vec<&str>) {
    let label = org.name.split('.').next().unwrap_or_default();
    let office = org.office_name.as_deref().unwrap_or_default();
    (org.id.as_str(), vec![org.name.as_str(), office, label])
}

/// A OneDrive's id and the names it goes by: its display name and the user part of its URL.
pub fn onedrive_names(onedrive: &OneDrive) -> (&str, Vec<&str>) {
    let user = user_of_url(onedrive.url.as_deref()).unwrap_or_default();
    (onedrive.id.as_str(), vec![onedrive.name.as_str(), user])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(rows: &[(&str, &str)], wanted: &str, complete: bool) -> Found {
        find(rows.iter(), None, wanted, complete, |(id, name)| {
            (*id, vec![*name])
        })
    }

    #[test]
    fn ids_then_exact_names_then_the_only_loose_match() {
        let rows = [("a1", "Docs"), ("b2", "docs"), ("c3", "Work")];
        assert_eq!(look(&rows, "b2", true), Found::One(1));
        assert_eq!(look(&rows, "Docs", false), Found::One(0));
        assert_eq!(look(&rows, "work", false), Found::Nothing, "more may come");
        assert_eq!(look(&rows, "work", true), Found::One(2));
        assert_eq!(look(&rows, "DOCS", true), Found::Several(vec![0, 1]));
        assert_eq!(look(&rows, "Nope", true), Found::Nothing);
    }

    #[test]
    fn the_user_name_is_read_from_a_personal_url() {
        let url = "https://contoso-my.sharepoint.com/personal/adele_contoso_onmicrosoft_com";
        assert_eq!(user_of_url(Some(url)), Some("adele"));
        assert_eq!(user_of_url(None), None);
        assert_eq!(examples(["a", "b"].into_iter()), "\"a\", \"b\"");
        assert_eq!(
            examples(["a", "b", "c", "d"].into_iter()),
            "\"a\", \"b\", \"c\", …"
        );
    }
}
