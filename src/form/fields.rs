//! The values the agent edits, and which of them the current action shows, in focus order.

use super::choice::{ActionKind, AuthMode, ConflictPick, LastVersionPick, VersionPick};
use super::context::FormContext;
use super::gates;
use super::picker::OneDrivePicker;
use super::save_target;
use super::text::TextField;

/// One place the focus can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    Action,
    RestoreVersion,
    OnConflict,
    CopyTarget,
    CopyFolder,
    CopyVersion,
    LastVersion,
    ChangedItems,
    DeletedItems,
    Auth,
    User,
    Password,
    ApplicationId,
    Certificate,
    CertificatePassword,
    EmailSetup,
    From,
    To,
    Subject,
    Text,
    SaveZip,
    SaveFolder,
    Continue,
}

/// Every value of every action, kept when the agent switches between actions.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub action: ActionKind,
    pub restore_version: VersionPick,
    pub on_conflict: ConflictPick,
    pub copy_target: OneDrivePicker,
    pub copy_folder: TextField,
    pub copy_version: VersionPick,
    pub last_version: LastVersionPick,
    pub changed_items: bool,
    pub deleted_items: bool,
    pub auth_mode: AuthMode,
    pub user: TextField,
    pub password: TextField,
    pub application_id: TextField,
    pub certificate: TextField,
    pub certificate_password: TextField,
    pub from: TextField,
    pub to: TextField,
    pub subject: TextField,
    pub text: TextField,
    pub save_zip: bool,
    pub save_folder: TextField,
}

impl Inputs {
    /// The starting values: the profile's presets, and defaults that send nothing surprising.
    pub fn new(context: &FormContext) -> Inputs {
        let presets = &context.presets;
        let preset_text =
            |value: &Option<String>| TextField::plain(value.clone().unwrap_or_default());
        let version = presets.version.unwrap_or(VersionPick::Last);
        let restore_version = match gates::restore_version(context) {
            Some(_) => VersionPick::Last,
            None => version,
        };
        let auth_mode = match (&presets.application_id, &presets.certificate) {
            (Some(_), Some(_)) => AuthMode::Certificate,
            (Some(_), None) if presets.restore_user.is_none() => AuthMode::DeviceCode,
            _ => AuthMode::Password,
        };
        let certificate = presets
            .certificate
            .as_ref()
            .map(|path| path.display().to_string())
            .unwrap_or_default();
        Inputs {
            action: context.initial_action,
            restore_version,
            on_conflict: presets.on_conflict.unwrap_or(ConflictPick::Keep),
            copy_target: OneDrivePicker::new(context.onedrives.clone()),
            copy_folder: TextField::plain(""),
            copy_version: version,
            last_version: LastVersionPick::Merge,
            changed_items: false,
            deleted_items: false,
            auth_mode,
            user: preset_text(&presets.restore_user),
            password: TextField::masked(),
            application_id: preset_text(&presets.application_id),
            certificate: TextField::plain(certificate),
            certificate_password: TextField::masked(),
            from: TextField::plain(""),
            to: TextField::plain(""),
            subject: TextField::plain(""),
            text: TextField::multiline(),
            save_zip: !context.is_single_document(),
            save_folder: TextField::plain(
                save_target::default_folder(context).display().to_string(),
            ),
        }
    }

    /// The fields the current action and auth mode show, in the order Tab visits them.
    pub fn order(&self, context: &FormContext) -> Vec<FieldId> {
        use FieldId::*;
        let mut order = vec![Action];
        match self.action {
            ActionKind::Restore => order.extend([RestoreVersion, OnConflict]),
            ActionKind::Copy => order.extend([
                CopyTarget,
                CopyFolder,
                CopyVersion,
                LastVersion,
                ChangedItems,
                DeletedItems,
            ]),
            ActionKind::Send => {
                if !context.has_email_settings {
                    order.push(EmailSetup);
                }
                order.extend([From, To, Subject, Text]);
            }
            ActionKind::Save => order.extend([SaveZip, SaveFolder]),
        }
        if self.action.needs_auth() {
            order.push(Auth);
            order.extend(match self.auth_mode {
                AuthMode::Password => vec![User, Password],
                AuthMode::DeviceCode => vec![ApplicationId],
                AuthMode::Certificate => {
                    vec![ApplicationId, Certificate, CertificatePassword]
                }
            });
        }
        order.push(Continue);
        order
    }

    /// Empties every password field, once the request that needed them was handed over.
    pub fn forget_passwords(&mut self) {
        self.password.clear();
        self.certificate_password.clear();
    }

    /// The text field behind a field id, when it is one.
    pub fn text(&self, id: FieldId) -> Option<&TextField> {
        Some(match id {
            FieldId::CopyTarget => self.copy_target.filter(),
            FieldId::CopyFolder => &self.copy_folder,
            FieldId::User => &self.user,
            FieldId::Password => &self.password,
            FieldId::ApplicationId => &self.application_id,
            FieldId::Certificate => &self.certificate,
            FieldId::CertificatePassword => &self.certificate_password,
            FieldId::From => &self.from,
            FieldId::To => &self.to,
            FieldId::Subject => &self.subject,
            FieldId::Text => &self.text,
            FieldId::SaveFolder => &self.save_folder,
            _ => return None,
        })
    }

    pub fn text_mut(&mut self, id: FieldId) -> Option<&mut TextField> {
        Some(match id {
            FieldId::CopyFolder => &mut self.copy_folder,
            FieldId::User => &mut self.user,
            FieldId::Password => &mut self.password,
            FieldId::ApplicationId => &mut self.application_id,
            FieldId::Certificate => &mut self.certificate,
            FieldId::CertificatePassword => &mut self.certificate_password,
            FieldId::From => &mut self.from,
            FieldId::To => &mut self.to,
            FieldId::Subject => &mut self.subject,
            FieldId::Text => &mut self.text,
            FieldId::SaveFolder => &mut self.save_folder,
            _ => return None,
        })
    }
}
