//! The README checked against the program: its key table is the console's key map, and every
//! file it links under `assets/` is there. `UPDATE_README=1` rewrites the key table.

use std::path::{Path, PathBuf};

use vbo_restore::console::keymap::Keymap;

const BEGIN: &str = "<!-- keymap:begin -->\n";
const END: &str = "<!-- keymap:end -->";
const REGENERATE: &str = "UPDATE_README=1 cargo test --test readme";

fn readme_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

fn readme() -> String {
    std::fs::read_to_string(readme_path()).expect("README.md is readable")
}

/// Where the text between the key table's markers starts and ends.
fn key_table_span(readme: &str) -> (usize, usize) {
    let start = readme
        .find(BEGIN)
        .unwrap_or_else(|| panic!("README.md has no {BEGIN:?} line"))
        + BEGIN.len();
    let end = readme[start..]
        .find(END)
        .unwrap_or_else(|| panic!("README.md has no {END:?} after {BEGIN:?}"))
        + start;
    (start, end)
}

#[test]
fn the_key_table_is_the_console_key_map() {
    let readme = readme();
    let (start, end) = key_table_span(&readme);
    let table = Keymap::default().markdown_table();
    if std::env::var_os("UPDATE_README").is_some_and(|value| value == "1") {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(readme_path(), updated).expect("README.md is written");
        return;
    }
    assert!(
        readme[start..end] == table,
        "the key table in README.md is not the console's key map; regenerate it with \
         `{REGENERATE}`\nREADME.md has:\n{}\nthe key map gives:\n{table}",
        &readme[start..end]
    );
}

/// The targets of Markdown links and images, `](target)`, that start with `assets/`.
fn asset_links(readme: &str) -> Vec<&str> {
    readme
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(target, _)| target))
        .filter(|target| target.starts_with("assets/"))
        .collect()
}

#[test]
fn every_asset_the_readme_links_exists() {
    let readme = readme();
    let links = asset_links(&readme);
    assert!(
        links
            .iter()
            .any(|link| link.starts_with("assets/screenshots/")),
        "README.md shows the screenshots: {links:?}"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<&&str> = links
        .iter()
        .filter(|link| !root.join(link).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "README.md links files that are not in the repository: {missing:?}"
    );
}

#[test]
fn links_are_found_in_images_and_text() {
    let text = "![Tasks](assets/screenshots/tasks.svg) and [the file](assets/a b.pfx), \
                not [this](https://example.com/assets/x)";
    assert_eq!(
        asset_links(text),
        ["assets/screenshots/tasks.svg", "assets/a b.pfx"]
    );
}
