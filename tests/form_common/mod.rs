//! Shared helpers of the form tests: contexts, key presses and rendering on a TestBackend.
#![allow(dead_code)]

pub mod flows;

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vbo_restore::api::model::OneDrive;
use vbo_restore::form::{
    ActionForm, ActionKind, ApiVersion, FieldId, FormContext, FormItem, FormOutcome, FormPresets,
};

pub fn drive(name: &str, user: &str) -> OneDrive {
    OneDrive {
        id: format!("{user}-0000-drive"),
        name: name.to_string(),
        url: Some(format!("https://contoso-my.sharepoint.com/personal/{user}")),
        links: Default::default(),
    }
}

pub fn document(id: &str, name: &str, size: u64) -> FormItem {
    FormItem {
        id: id.to_string(),
        name: name.to_string(),
        is_folder: false,
        size_bytes: Some(size),
        version_id: None,
    }
}

pub fn folder(id: &str, name: &str) -> FormItem {
    FormItem {
        id: id.to_string(),
        name: name.to_string(),
        is_folder: true,
        size_bytes: None,
        version_id: None,
    }
}

/// Two documents of Adele's OneDrive, on `version`, opened with `action`.
pub fn context(version: ApiVersion, action: ActionKind) -> FormContext {
    FormContext {
        session: "5b7e0f6a-restore-session".to_string(),
        onedrive: drive("Adele Vance", "adelev"),
        point_in_time: Some(Utc.with_ymd_and_hms(2026, 11, 30, 22, 0, 0).unwrap()),
        items: vec![
            document("doc-1", "Budget 2026.xlsx", 1_572_864),
            document("doc-2", "Board minutes.docx", 80_101),
        ],
        onedrives: vec![
            drive("Adele Vance", "adelev"),
            drive("Megan Bowen", "meganb"),
            drive("Alex Wilber", "alexw"),
            drive("Lee Gu", "leeg"),
            drive("Miriam Graham", "miriamg"),
        ],
        api_version: version,
        has_email_settings: true,
        presets: FormPresets {
            download_dir: Some(PathBuf::from("/tmp/vbo-form-tests/downloads")),
            ..FormPresets::default()
        },
        initial_action: action,
    }
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn press(form: &mut ActionForm, code: KeyCode) -> FormOutcome {
    form.handle_key(key(code))
}

pub fn type_text(form: &mut ActionForm, text: &str) {
    for c in text.chars() {
        form.handle_key(key(KeyCode::Char(c)));
    }
}

/// Tabs until the focus is on `field`; panics when the form does not show it.
pub fn focus(form: &mut ActionForm, field: FieldId) {
    for _ in 0..40 {
        if form.focused() == field {
            return;
        }
        press(form, KeyCode::Tab);
    }
    panic!("the form never focused {field:?}");
}

/// Focuses `field`, empties it and types `text`.
pub fn fill(form: &mut ActionForm, field: FieldId, text: &str) {
    focus(form, field);
    form.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    type_text(form, text);
}

/// Moves to Continue and presses Enter.
pub fn review(form: &mut ActionForm) -> FormOutcome {
    focus(form, FieldId::Continue);
    press(form, KeyCode::Enter)
}

/// Draws the form on a `width` x `height` TestBackend and returns the screen as text.
pub fn screen(form: &ActionForm, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| form.render(frame, frame.area()))
        .expect("draw");
    terminal.backend().to_string()
}

/// Writes a file that starts like a PKCS#12 PFX.
pub fn write_pfx(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("restore-app.pfx");
    std::fs::write(
        &path,
        [0x30, 0x82, 0x00, 0x05, 0x02, 0x01, 0x03, 0x30, 0x00],
    )
    .expect("pfx");
    path
}

pub const APP_ID: &str = "6a1f3c2e-9b7d-4e0a-8c5f-2d4b6e8a0c1f";
