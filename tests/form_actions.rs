//! Copy, send and save through the action form: pickers, addresses, folders, version gates.

mod form_common;

use std::path::PathBuf;

use crossterm::event::KeyCode;
use form_common::*;
use vbo_restore::form::{
    ActionForm, ActionKind, ApiVersion, FieldId, FormOutcome, FormRequest, FormSubmission,
    LastVersionPick, VersionPick,
};

fn submitted(outcome: FormOutcome) -> FormSubmission {
    match outcome {
        FormOutcome::Submit(submission) => *submission,
        other => panic!("expected a submission, got {other:?}"),
    }
}

fn copy_form(version: ApiVersion, items: Vec<vbo_restore::form::FormItem>) -> ActionForm {
    let mut context = context(version, ActionKind::Restore);
    context.items = items;
    let mut form = ActionForm::new(context);
    press(&mut form, KeyCode::Right);
    assert_eq!(form.action(), ActionKind::Copy);
    fill(&mut form, FieldId::User, "admin@contoso.onmicrosoft.com");
    fill(&mut form, FieldId::Password, "restore");
    form
}

#[test]
fn the_copy_target_is_picked_from_a_filtered_list() {
    let mut form = copy_form(ApiVersion::V8, vec![document("doc-1", "Budget.xlsx", 10)]);
    review(&mut form);
    assert_eq!(
        form.error(FieldId::CopyTarget),
        Some("choose the OneDrive to copy to")
    );

    focus(&mut form, FieldId::CopyTarget);
    type_text(&mut form, "meg");
    fill(&mut form, FieldId::CopyFolder, "Restored/From backup");
    focus(&mut form, FieldId::LastVersion);
    press(&mut form, KeyCode::Right);
    focus(&mut form, FieldId::ChangedItems);
    press(&mut form, KeyCode::Char(' '));
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Copy {
        target,
        folder,
        version,
        last_version,
        changed_items,
        deleted_items,
        ..
    } = submission.request
    else {
        panic!("a copy");
    };
    assert_eq!(target.name, "Megan Bowen");
    assert_eq!(folder, "Restored/From backup");
    assert_eq!(version, VersionPick::Last);
    assert_eq!(last_version, LastVersionPick::Overwrite);
    assert!(changed_items && !deleted_items);
}

#[test]
fn down_in_the_picker_moves_between_matches() {
    let mut form = copy_form(ApiVersion::V8, vec![document("doc-1", "Budget.xlsx", 10)]);
    focus(&mut form, FieldId::CopyTarget);
    type_text(&mut form, "m");
    press(&mut form, KeyCode::Down);
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Copy { target, .. } = submission.request else {
        panic!("a copy");
    };
    assert_eq!(target.name, "Miriam Graham");
}

#[test]
fn document_copies_lack_changed_and_deleted_items_before_v8() {
    for version in [ApiVersion::V4, ApiVersion::V6, ApiVersion::V7] {
        let mut form = copy_form(version, vec![document("doc-1", "Budget.xlsx", 10)]);
        focus(&mut form, FieldId::DeletedItems);
        press(&mut form, KeyCode::Char(' '));
        let note = form
            .error(FieldId::DeletedItems)
            .expect("disabled with a reason");
        assert!(note.contains("needs API v8"), "{version}: {note}");
        focus(&mut form, FieldId::CopyTarget);
        type_text(&mut form, "lee");
        review(&mut form);
        let submission = submitted(press(&mut form, KeyCode::Enter));
        assert!(matches!(
            submission.request,
            FormRequest::Copy {
                deleted_items: false,
                ..
            }
        ));
    }
}

#[test]
fn folder_copies_have_changed_and_deleted_items_from_v6() {
    let mut form = copy_form(ApiVersion::V6, vec![folder("f-1", "Projects")]);
    focus(&mut form, FieldId::DeletedItems);
    press(&mut form, KeyCode::Char(' '));
    assert_eq!(form.error(FieldId::DeletedItems), None);

    let mut old = copy_form(ApiVersion::V5, vec![folder("f-1", "Projects")]);
    focus(&mut old, FieldId::ChangedItems);
    press(&mut old, KeyCode::Char(' '));
    assert!(
        old.error(FieldId::ChangedItems)
            .is_some_and(|e| e.contains("needs API v6"))
    );
}

fn send_form(has_settings: bool) -> ActionForm {
    let mut context = context(ApiVersion::V8, ActionKind::Restore);
    context.has_email_settings = has_settings;
    let mut form = ActionForm::new(context);
    press(&mut form, KeyCode::Left);
    press(&mut form, KeyCode::Left);
    assert_eq!(form.action(), ActionKind::Send);
    form
}

#[test]
fn send_checks_every_address_and_keeps_the_text() {
    let mut form = send_form(true);
    fill(&mut form, FieldId::From, "helpdesk@contoso.com");
    fill(&mut form, FieldId::To, "adele@contoso.com, megan@contoso");
    fill(&mut form, FieldId::Subject, "Your restored files");
    focus(&mut form, FieldId::Text);
    type_text(&mut form, "Hello,");
    press(&mut form, KeyCode::Enter);
    type_text(&mut form, "here they are.");
    assert_eq!(
        form.focused(),
        FieldId::Text,
        "Enter in the text starts a line"
    );
    review(&mut form);
    assert_eq!(
        form.error(FieldId::To),
        Some("\"megan@contoso\" is not an email address")
    );
    fill(
        &mut form,
        FieldId::To,
        "adele@contoso.com, megan@contoso.com",
    );
    review(&mut form);
    let submission = submitted(press(&mut form, KeyCode::Enter));
    let FormRequest::Send {
        from,
        to,
        subject,
        text,
    } = submission.request
    else {
        panic!("a send");
    };
    assert_eq!(from, "helpdesk@contoso.com");
    assert_eq!(to, vec!["adele@contoso.com", "megan@contoso.com"]);
    assert_eq!(subject, "Your restored files");
    assert_eq!(text, "Hello,\nhere they are.");
}

#[test]
fn without_email_settings_send_offers_to_save_them_first() {
    let mut form = send_form(false);
    fill(&mut form, FieldId::From, "helpdesk@contoso.com");
    fill(&mut form, FieldId::To, "adele@contoso.com");
    fill(&mut form, FieldId::Subject, "Files");
    review(&mut form);
    assert!(form.error(FieldId::EmailSetup).is_some());
    focus(&mut form, FieldId::EmailSetup);
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Redraw);
    type_text(&mut form, "smtp.contoso.com");
    for _ in 0..2 {
        press(&mut form, KeyCode::Tab);
    }
    type_text(&mut form, "backup@contoso.com");
    for _ in 0..2 {
        press(&mut form, KeyCode::Tab);
    }
    press(&mut form, KeyCode::Char(' '));
    for _ in 0..3 {
        press(&mut form, KeyCode::Tab);
    }
    let FormOutcome::SaveEmailSettings(saved) = press(&mut form, KeyCode::Enter) else {
        panic!("the settings are submitted");
    };
    assert_eq!(saved.settings.server.as_deref(), Some("smtp.contoso.com"));
    assert_eq!(saved.settings.use_authentication, Some(false));
    assert!(saved.password.is_none());
    assert!(form.is_locked());
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Nothing);

    form.email_settings_saved();
    assert!(!form.is_locked());
    review(&mut form);
    assert!(matches!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::Submit(_)
    ));
}

#[test]
fn v4_also_offers_the_email_settings_form() {
    let mut context = context(ApiVersion::V4, ActionKind::Send);
    context.has_email_settings = false;
    let mut form = ActionForm::new(context);
    focus(&mut form, FieldId::EmailSetup);
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Redraw);
    assert_eq!(press(&mut form, KeyCode::Esc), FormOutcome::Redraw);
    assert_eq!(
        form.focused(),
        FieldId::EmailSetup,
        "Esc went back to the send form"
    );
}

#[test]
fn a_single_document_may_be_saved_plain_and_a_set_is_always_a_zip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut context = context(ApiVersion::V8, ActionKind::Save);
    context.items.truncate(1);
    context.presets.download_dir = Some(dir.path().to_path_buf());
    let mut form = ActionForm::new(context.clone());
    review(&mut form);
    let FormRequest::Save {
        folder: saved_to,
        as_zip,
        file_names,
    } = submitted(press(&mut form, KeyCode::Enter)).request
    else {
        panic!("a save");
    };
    assert_eq!(saved_to, dir.path());
    assert!(!as_zip);
    assert_eq!(file_names, vec!["Budget 2026.xlsx"]);

    context.items.push(document("doc-3", "Notes.txt", 5));
    context.items.push(folder("f-1", "Projects"));
    let mut set = ActionForm::new(context);
    focus(&mut set, FieldId::SaveZip);
    press(&mut set, KeyCode::Char(' '));
    assert!(
        set.error(FieldId::SaveZip)
            .is_some_and(|e| e.contains("always"))
    );
    review(&mut set);
    let FormRequest::Save {
        as_zip, file_names, ..
    } = submitted(press(&mut set, KeyCode::Enter)).request
    else {
        panic!("a save");
    };
    assert!(as_zip);
    assert_eq!(
        file_names,
        vec!["Projects.zip", "documents-<date>-<time>.zip"]
    );
}

#[test]
fn an_unusable_save_folder_is_refused_on_its_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("file");
    let mut form = ActionForm::new(context(ApiVersion::V8, ActionKind::Save));
    for (path, expected) in [
        (file.display().to_string(), "is not a folder"),
        (
            "/proc/vbo-restore-saves".to_string(),
            "cannot write to /proc",
        ),
        (String::new(), "the destination folder is required"),
    ] {
        fill(&mut form, FieldId::SaveFolder, &path);
        assert_eq!(review(&mut form), FormOutcome::Redraw);
        let error = form.error(FieldId::SaveFolder).expect("an error");
        assert!(error.contains(expected), "{path}: {error}");
    }
    let target = dir.path().join("new folder");
    fill(
        &mut form,
        FieldId::SaveFolder,
        &target.display().to_string(),
    );
    review(&mut form);
    let FormRequest::Save { folder, .. } = submitted(press(&mut form, KeyCode::Enter)).request
    else {
        panic!("a save");
    };
    assert_eq!(folder, PathBuf::from(&target));
    assert!(!target.exists(), "checking a folder does not create it");
}
