//! The checks run before anything is sent; each error belongs to one field.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::checks::{check_certificate, check_save_folder, is_email, is_uuid, split_addresses};
use super::choice::{ActionKind, AuthMode};
use super::context::FormContext;
use super::fields::{FieldId, Inputs};
use super::gates;
use super::save_target::file_names;
use super::submission::{FormAuth, FormRequest, FormSubmission};
use super::to_api::Secret;

/// The errors of a form that cannot be sent, one sentence per field.
pub type FieldErrors = BTreeMap<FieldId, String>;

/// Checks every field the current action shows and builds the request when all pass.
///
/// A device code sign-in gets its user code later; until then it carries an empty one.
pub fn validate(context: &FormContext, inputs: &Inputs) -> Result<FormSubmission, FieldErrors> {
    let mut errors = FieldErrors::new();
    if context.presets.read_only && inputs.action != ActionKind::Save {
        errors.insert(
            FieldId::Action,
            "this profile is read-only: only Save is allowed".into(),
        );
    }
    if let Some(gate) = gates::earlier_version(context) {
        errors.insert(FieldId::Action, gate.note);
    }
    let request = match inputs.action {
        ActionKind::Restore => restore(context, inputs, &mut errors),
        ActionKind::Copy => copy(context, inputs, &mut errors),
        ActionKind::Send => send(context, inputs, &mut errors),
        ActionKind::Save => save(context, inputs, &mut errors),
    };
    match request {
        Some(request) if errors.is_empty() => Ok(FormSubmission {
            session: context.session.clone(),
            onedrive: context.onedrive.clone(),
            items: context.items.clone(),
            request,
        }),
        _ => Err(errors),
    }
}

fn restore(
    context: &FormContext,
    inputs: &Inputs,
    errors: &mut FieldErrors,
) -> Option<FormRequest> {
    if let Some(gate) = gates::restore_version(context)
        && inputs.restore_version != super::choice::VersionPick::Last
    {
        errors.insert(FieldId::RestoreVersion, gate.note);
    }
    let auth = auth(inputs, errors)?;
    Some(FormRequest::Restore {
        version: inputs.restore_version,
        on_conflict: inputs.on_conflict,
        auth,
    })
}

fn copy(context: &FormContext, inputs: &Inputs, errors: &mut FieldErrors) -> Option<FormRequest> {
    let target = inputs.copy_target.chosen().cloned();
    if target.is_none() {
        errors.insert(FieldId::CopyTarget, "choose the OneDrive to copy to".into());
    }
    if let Some(gate) = gates::copy_item_options(context) {
        if inputs.changed_items {
            errors.insert(FieldId::ChangedItems, gate.note.clone());
        }
        if inputs.deleted_items {
            errors.insert(FieldId::DeletedItems, gate.note);
        }
    }
    let auth = auth(inputs, errors);
    Some(FormRequest::Copy {
        target: target?,
        folder: inputs.copy_folder.trimmed().to_string(),
        version: inputs.copy_version,
        last_version: inputs.last_version,
        changed_items: inputs.changed_items,
        deleted_items: inputs.deleted_items,
        auth: auth?,
    })
}

fn send(context: &FormContext, inputs: &Inputs, errors: &mut FieldErrors) -> Option<FormRequest> {
    if !context.has_email_settings {
        errors.insert(
            FieldId::EmailSetup,
            "the server has no OneDrive email settings; set them up first".into(),
        );
    }
    let from = inputs.from.trimmed();
    if from.is_empty() {
        errors.insert(FieldId::From, "the sender address is required".into());
    } else if !is_email(from) {
        errors.insert(FieldId::From, format!("\"{from}\" is not an email address"));
    }
    let to = split_addresses(inputs.to.value());
    if to.is_empty() {
        errors.insert(FieldId::To, "at least one recipient is required".into());
    } else if let Some(bad) = to.iter().find(|address| !is_email(address)) {
        errors.insert(FieldId::To, format!("\"{bad}\" is not an email address"));
    }
    if inputs.subject.trimmed().is_empty() {
        errors.insert(FieldId::Subject, "a subject is required".into());
    }
    Some(FormRequest::Send {
        from: from.to_string(),
        to,
        subject: inputs.subject.trimmed().to_string(),
        text: inputs.text.value().to_string(),
    })
}

fn save(context: &FormContext, inputs: &Inputs, errors: &mut FieldErrors) -> Option<FormRequest> {
    let as_zip = inputs.save_zip || !context.is_single_document();
    let folder_text = inputs.save_folder.trimmed();
    if folder_text.is_empty() {
        errors.insert(
            FieldId::SaveFolder,
            "the destination folder is required".into(),
        );
        return None;
    }
    let folder = crate::config::expand_home(&PathBuf::from(folder_text));
    if let Err(error) = check_save_folder(&folder) {
        errors.insert(FieldId::SaveFolder, error.to_string());
        return None;
    }
    Some(FormRequest::Save {
        folder,
        as_zip,
        file_names: file_names(context, as_zip),
    })
}

fn auth(inputs: &Inputs, errors: &mut FieldErrors) -> Option<FormAuth> {
    match inputs.auth_mode {
        AuthMode::Password => password_auth(inputs, errors),
        AuthMode::DeviceCode => {
            let application_id = optional_application_id(inputs, errors)?;
            Some(FormAuth::DeviceCode {
                user_code: String::new(),
                application_id,
            })
        }
        AuthMode::Certificate => certificate_auth(inputs, errors),
    }
}

fn password_auth(inputs: &Inputs, errors: &mut FieldErrors) -> Option<FormAuth> {
    let user = inputs.user.trimmed();
    if user.is_empty() {
        errors.insert(FieldId::User, "the organization user is required".into());
    } else if !is_email(user) {
        errors.insert(
            FieldId::User,
            format!("\"{user}\" is not a user name like admin@contoso.onmicrosoft.com"),
        );
    }
    if inputs.password.value().is_empty() {
        errors.insert(FieldId::Password, "the password is required".into());
    }
    Some(FormAuth::Password {
        user: user.to_string(),
        password: Secret::from(inputs.password.value()),
    })
}

fn optional_application_id(inputs: &Inputs, errors: &mut FieldErrors) -> Option<Option<String>> {
    let id = inputs.application_id.trimmed();
    if id.is_empty() {
        return Some(None);
    }
    if !is_uuid(id) {
        errors.insert(FieldId::ApplicationId, not_a_uuid(id));
        return None;
    }
    Some(Some(id.to_string()))
}

fn certificate_auth(inputs: &Inputs, errors: &mut FieldErrors) -> Option<FormAuth> {
    let id = inputs.application_id.trimmed();
    if id.is_empty() {
        errors.insert(
            FieldId::ApplicationId,
            "the application id is required".into(),
        );
    } else if !is_uuid(id) {
        errors.insert(FieldId::ApplicationId, not_a_uuid(id));
    }
    let path_text = inputs.certificate.trimmed();
    let certificate = crate::config::expand_home(&PathBuf::from(path_text));
    let checked = if path_text.is_empty() {
        Err("the path to the .pfx file is required".to_string())
    } else {
        check_certificate(&certificate).map_err(|error| error.to_string())
    };
    if let Err(message) = checked {
        errors.insert(FieldId::Certificate, message);
        return None;
    }
    Some(FormAuth::Certificate {
        application_id: id.to_string(),
        certificate,
        password: Secret::from(inputs.certificate_password.value()),
    })
}

fn not_a_uuid(id: &str) -> String {
    format!("\"{id}\" is not an application id (a UUID like 00000000-0000-0000-0000-000000000000)")
}
