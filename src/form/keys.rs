//! How the form answers key presses, routed by the step the agent is on.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::choice::{ActionKind, AuthMode, ConflictPick, LastVersionPick, VersionPick, cycle};
use super::email::EmailKey;
use super::fields::FieldId;
use super::submission::{FormAuth, FormRequest};
use super::validate::validate;
use super::{ActionForm, Banner, FormOutcome, Step, device, gates};

/// Routes a key to the step the form is on; only presses count.
pub fn handle(form: &mut ActionForm, key: KeyEvent) -> FormOutcome {
    if key.kind == KeyEventKind::Release {
        return FormOutcome::Nothing;
    }
    match form.step {
        Step::Fields => fields_key(form, key),
        Step::Confirm => confirm_key(form, key),
        Step::ConfirmOverwrite => overwrite_key(form, key),
        Step::DeviceCode => device_key(form, key),
        Step::EmailSettings => email_key(form, key),
        Step::Locked => FormOutcome::Nothing,
    }
}

fn fields_key(form: &mut ActionForm, key: KeyEvent) -> FormOutcome {
    let multiline = form
        .inputs
        .text(form.focus)
        .is_some_and(|t| t.is_multiline());
    let picker = form.focus == FieldId::CopyTarget;
    match key.code {
        KeyCode::Esc => return FormOutcome::Cancelled,
        KeyCode::Tab => return move_focus(form, true),
        KeyCode::BackTab => return move_focus(form, false),
        KeyCode::Down if !multiline && !picker => return move_focus(form, true),
        KeyCode::Up if !multiline && !picker => return move_focus(form, false),
        KeyCode::Enter if form.focus == FieldId::Continue => return review(form),
        KeyCode::Enter if form.focus == FieldId::EmailSetup => return open_email_settings(form),
        KeyCode::Enter if !multiline => return move_focus(form, true),
        _ => {}
    }
    if picker {
        return redraw_if(form.inputs.copy_target.handle(key));
    }
    if let Some(text) = form.inputs.text_mut(form.focus) {
        let changed = text.edit(key);
        if changed {
            form.errors.remove(&form.focus);
        }
        return redraw_if(changed);
    }
    let forward = match key.code {
        KeyCode::Right | KeyCode::Char(' ') => true,
        KeyCode::Left => false,
        _ => return FormOutcome::Nothing,
    };
    change_choice(form, forward)
}

fn move_focus(form: &mut ActionForm, forward: bool) -> FormOutcome {
    let order = form.inputs.order(&form.context);
    form.focus = match order.iter().position(|id| *id == form.focus) {
        Some(_) => cycle(&order, form.focus, forward),
        None => order[0],
    };
    FormOutcome::Redraw
}

/// Changes the choice under the focus; an option the server lacks stays off and says why.
fn change_choice(form: &mut ActionForm, forward: bool) -> FormOutcome {
    let inputs = &mut form.inputs;
    let context = &form.context;
    let refusal = match form.focus {
        FieldId::Action => {
            let next = cycle(&ActionKind::ALL, inputs.action, forward);
            if context.presets.read_only && next != ActionKind::Save {
                Some("this profile is read-only: only Save is allowed".to_string())
            } else {
                inputs.action = next;
                None
            }
        }
        FieldId::RestoreVersion => match gates::restore_version(context) {
            Some(gate) => Some(gate.note),
            None => {
                inputs.restore_version = cycle(&VersionPick::ALL, inputs.restore_version, forward);
                None
            }
        },
        FieldId::OnConflict => {
            inputs.on_conflict = cycle(&ConflictPick::ALL, inputs.on_conflict, forward);
            None
        }
        FieldId::CopyVersion => {
            inputs.copy_version = cycle(&VersionPick::ALL, inputs.copy_version, forward);
            None
        }
        FieldId::LastVersion => {
            inputs.last_version = cycle(&LastVersionPick::ALL, inputs.last_version, forward);
            None
        }
        FieldId::ChangedItems | FieldId::DeletedItems => toggle_item_option(form),
        FieldId::Auth => {
            inputs.auth_mode = cycle(&AuthMode::ALL, inputs.auth_mode, forward);
            None
        }
        FieldId::SaveZip if context.is_single_document() => {
            inputs.save_zip = !inputs.save_zip;
            None
        }
        FieldId::SaveZip => Some("sets and folders are always saved as a ZIP".to_string()),
        _ => return FormOutcome::Nothing,
    };
    match refusal {
        Some(note) => form.errors.insert(form.focus, note),
        None => form.errors.remove(&form.focus),
    };
    FormOutcome::Redraw
}

fn toggle_item_option(form: &mut ActionForm) -> Option<String> {
    if let Some(gate) = gates::copy_item_options(&form.context) {
        return Some(gate.note);
    }
    let flag = match form.focus {
        FieldId::ChangedItems => &mut form.inputs.changed_items,
        _ => &mut form.inputs.deleted_items,
    };
    *flag = !*flag;
    None
}

/// Continue: check every field, then show the summary, or the errors next to their fields.
fn review(form: &mut ActionForm) -> FormOutcome {
    form.banner = None;
    match validate(&form.context, &form.inputs) {
        Ok(submission) => {
            form.errors.clear();
            form.pending = Some(submission);
            form.step = Step::Confirm;
        }
        Err(errors) => {
            let order = form.inputs.order(&form.context);
            if let Some(first) = order.iter().find(|id| errors.contains_key(id)) {
                form.focus = *first;
            }
            form.errors = errors;
        }
    }
    FormOutcome::Redraw
}

fn open_email_settings(form: &mut ActionForm) -> FormOutcome {
    form.step = Step::EmailSettings;
    FormOutcome::Redraw
}

fn confirm_key(form: &mut ActionForm, key: KeyEvent) -> FormOutcome {
    match key.code {
        KeyCode::Esc | KeyCode::Backspace => back_to_fields(form),
        KeyCode::Enter if overwrites(form) => {
            form.step = Step::ConfirmOverwrite;
            FormOutcome::Redraw
        }
        KeyCode::Enter => proceed(form),
        _ => FormOutcome::Nothing,
    }
}

/// The second confirmation of a restore that replaces files: only `y` goes on.
fn overwrite_key(form: &mut ActionForm, key: KeyEvent) -> FormOutcome {
    match key.code {
        KeyCode::Char('y') | KeyCode::Char('Y') if no_control(key) => proceed(form),
        KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('N') => back_to_fields(form),
        _ => FormOutcome::Nothing,
    }
}

fn no_control(key: KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn overwrites(form: &ActionForm) -> bool {
    matches!(
        form.pending.as_ref().map(|p| &p.request),
        Some(FormRequest::Restore {
            on_conflict: ConflictPick::Overwrite,
            ..
        })
    )
}

fn back_to_fields(form: &mut ActionForm) -> FormOutcome {
    form.pending = None;
    form.device.clear();
    form.step = Step::Fields;
    FormOutcome::Redraw
}

/// After the last confirmation: ask for a device code first when one is needed, else submit.
fn proceed(form: &mut ActionForm) -> FormOutcome {
    let wants_code = match form.pending.as_ref().map(|p| &p.request) {
        Some(FormRequest::Restore { auth, .. } | FormRequest::Copy { auth, .. }) => match auth {
            FormAuth::DeviceCode { application_id, .. } => Some(application_id.clone()),
            _ => None,
        },
        _ => None,
    };
    match wants_code {
        Some(application_id) => {
            form.device.clear();
            form.step = Step::DeviceCode;
            FormOutcome::RequestDeviceCode { application_id }
        }
        None => submit(form, None),
    }
}

fn submit(form: &mut ActionForm, user_code: Option<String>) -> FormOutcome {
    let Some(mut submission) = form.pending.take() else {
        return FormOutcome::Nothing;
    };
    if let (Some(code), FormRequest::Restore { auth, .. } | FormRequest::Copy { auth, .. }) =
        (user_code, &mut submission.request)
        && let FormAuth::DeviceCode { user_code, .. } = auth
    {
        *user_code = code;
    }
    form.step = Step::Locked;
    form.banner = Some(Banner::Notice(
        "Submitted; waiting for the server.".to_string(),
    ));
    FormOutcome::Submit(Box::new(submission))
}

fn device_key(form: &mut ActionForm, key: KeyEvent) -> FormOutcome {
    match key.code {
        KeyCode::Esc => back_to_fields(form),
        KeyCode::Char('c') | KeyCode::Char('y') => match form.device.code() {
            Some(code) => FormOutcome::CopyToClipboard(device::osc52(&code.user_code)),
            None => FormOutcome::Nothing,
        },
        KeyCode::Enter if form.device.code().is_none() => FormOutcome::Nothing,
        KeyCode::Enter if form.device.is_expired() => {
            form.device.clear();
            let application_id = form.inputs.application_id.trimmed();
            let application_id = (!application_id.is_empty()).then(|| application_id.to_string());
            FormOutcome::RequestDeviceCode { application_id }
        }
        KeyCode::Enter => {
            let code = form.device.code().map(|code| code.user_code.clone());
            submit(form, code)
        }
        _ => FormOutcome::Nothing,
    }
}

fn email_key(form: &mut ActionForm, key: KeyEvent) -> FormOutcome {
    if key.code == KeyCode::Esc && !form.email.is_saving() {
        form.step = Step::Fields;
        return FormOutcome::Redraw;
    }
    match form.email.handle(key) {
        EmailKey::Unchanged => FormOutcome::Nothing,
        EmailKey::Changed => FormOutcome::Redraw,
        EmailKey::Submit(settings) => {
            form.banner = None;
            FormOutcome::SaveEmailSettings(settings)
        }
    }
}

fn redraw_if(changed: bool) -> FormOutcome {
    if changed {
        FormOutcome::Redraw
    } else {
        FormOutcome::Nothing
    }
}
