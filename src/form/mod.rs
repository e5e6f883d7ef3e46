//! The action form: from marked documents to a checked restore, copy, send or save request.
//!
//! The console opens an [`ActionForm`] over the marked items, feeds it key presses and draws
//! it; the form answers each key with a [`FormOutcome`] saying what the console should do
//! next (nothing, redraw, close, fetch a device code, submit, save email settings). The form
//! never touches the network or the terminal itself: it only returns what to do.
//!
//! A submitted form is locked until the console reports back, with [`ActionForm::show_refusal`]
//! when the server said no (every field is kept for a fix and a resubmit) or
//! [`ActionForm::show_accepted`] when the work was handed over.
//!
//! How the console drives it:
//! 1. `ActionForm::new(context)` when the agent presses `a` (or `s`, with Save chosen).
//! 2. Each key press goes to [`ActionForm::handle_key`]; the answer says what to do:
//!    redraw, close the pane ([`FormOutcome::Cancelled`]), write an OSC 52 escape, fetch a
//!    device code and pass it to [`ActionForm::set_device_code`], save email settings and
//!    call [`ActionForm::email_settings_saved`], or run a [`FormSubmission`].
//! 3. While [`ActionForm::wants_ticks`], call [`ActionForm::tick`] about once a second and
//!    redraw when it says so (the device code countdown); otherwise the form needs no timer.
//! 4. After a submission, [`ActionForm::show_refusal`] with the server's message, or
//!    [`ActionForm::show_accepted`] and close the pane.

mod bigtext;
mod checks;
mod choice;
mod context;
mod device;
mod email;
mod fields;
mod gates;
mod keys;
mod picker;
mod render;
mod save_target;
mod size;
mod submission;
mod summary;
mod text;
mod to_api;
mod validate;

use std::collections::BTreeMap;
use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use checks::{CertificateError, FolderError, is_email, is_uuid, looks_like_pfx};
pub use choice::{ActionKind, AuthMode, ConflictPick, LastVersionPick, VersionPick};
pub use context::{FormContext, FormItem, FormPresets};
pub use fields::FieldId;
pub use submission::{EmailSettingsSubmission, FormAuth, FormRequest, FormSubmission};
pub use to_api::{ApiVersion, Secret, TaskRequest, readable_refusal, refusal_text, scopes};

use crate::api::model::DeviceCode;
use device::DeviceCodeState;
use email::EmailSettingsForm;
use fields::Inputs;

/// What the console should do after a key press.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    /// The key changed nothing.
    Nothing,
    /// Something on screen changed.
    Redraw,
    /// The agent backed out; nothing was sent.
    Cancelled,
    /// Ask the server for a device code, then call [`ActionForm::set_device_code`].
    RequestDeviceCode { application_id: Option<String> },
    /// Run this request; the form stays locked until the console reports back.
    Submit(Box<FormSubmission>),
    /// Save these OneDrive email settings (PUT), then call
    /// [`ActionForm::email_settings_saved`] or [`ActionForm::show_refusal`].
    SaveEmailSettings(EmailSettingsSubmission),
    /// Write this OSC 52 escape to the terminal to put the device code on the clipboard.
    CopyToClipboard(String),
}

/// Where the agent is in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Fields,
    Confirm,
    /// Restore with overwrite: a second, explicit yes.
    ConfirmOverwrite,
    DeviceCode,
    EmailSettings,
    /// Sent; waiting for the console to report the outcome.
    Locked,
}

/// A notice above the fields: the server's refusal, or what happened to the last submission.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Banner {
    Refusal(String),
    Notice(String),
}

/// The action form over a set of marked documents and folders.
#[derive(Debug)]
pub struct ActionForm {
    context: FormContext,
    inputs: Inputs,
    focus: FieldId,
    step: Step,
    errors: BTreeMap<FieldId, String>,
    banner: Option<Banner>,
    device: DeviceCodeState,
    email: EmailSettingsForm,
    /// The checked request waiting for the last confirmation or the device code.
    pending: Option<FormSubmission>,
    /// Draw without colours (`NO_COLOR`): emphasis only.
    monochrome: bool,
}

impl ActionForm {
    /// Opens the form over `context`, with its initial action chosen (Save when the profile
    /// is read-only).
    pub fn new(mut context: FormContext) -> ActionForm {
        let mut banner = None;
        if context.presets.read_only && context.initial_action != ActionKind::Save {
            context.initial_action = ActionKind::Save;
            banner = Some(Banner::Notice(
                "This profile is read-only: only Save is allowed.".to_string(),
            ));
        }
        let inputs = Inputs::new(&context);
        let email = EmailSettingsForm::new();
        ActionForm {
            context,
            inputs,
            focus: FieldId::Action,
            step: Step::Fields,
            errors: BTreeMap::new(),
            banner,
            device: DeviceCodeState::default(),
            email,
            pending: None,
            monochrome: false,
        }
    }

    /// Draws without colours from now on, as the console does under `NO_COLOR`; bold,
    /// reverse and underline still mark the focus, errors keep their `!`.
    pub fn set_monochrome(&mut self, monochrome: bool) {
        self.monochrome = monochrome;
    }

    /// Reacts to one key press.
    pub fn handle_key(&mut self, key: crossterm::event::KeyEvent) -> FormOutcome {
        keys::handle(self, key)
    }

    /// Draws the form into `area` (usable from 80x24 up).
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        render::render(self, frame, area);
    }

    /// Shows the device code the server handed out, issued at `issued_at`; returns the OSC 52
    /// escape that puts the code on the clipboard, for the console to write.
    pub fn set_device_code(&mut self, code: DeviceCode, issued_at: Instant) -> String {
        let escape = device::osc52(&code.user_code);
        self.device.set(code, issued_at);
        self.step = Step::DeviceCode;
        escape
    }

    /// Advances the device code countdown; returns whether the screen needs a redraw.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.step == Step::DeviceCode && self.device.tick(now)
    }

    /// Whether the form wants [`ActionForm::tick`] about once a second.
    pub fn wants_ticks(&self) -> bool {
        self.step == Step::DeviceCode && self.device.is_counting()
    }

    /// Brings the server's refusal back to the form, unlocked, with every field as it was.
    ///
    /// A runner failure reason (`POST /path failed with HTTP 400: ...`) is shown by the
    /// server's own sentence.
    pub fn show_refusal(&mut self, message: impl Into<String>) {
        let coming_from_email = self.email.is_saving();
        self.email.stop_saving();
        self.pending = None;
        self.device.clear();
        self.step = if coming_from_email {
            Step::EmailSettings
        } else {
            Step::Fields
        };
        self.banner = Some(Banner::Refusal(to_api::readable_refusal(&message.into())));
    }

    /// Brings a failed request back to the form, showing the server's message.
    pub fn show_error(&mut self, error: &crate::api::ApiError) {
        self.show_refusal(refusal_text(error));
    }

    /// Says the submitted work was handed over; the form stays locked so it cannot be sent
    /// again, and the console may close it.
    pub fn show_accepted(&mut self, message: impl Into<String>) {
        self.step = Step::Locked;
        self.inputs.forget_passwords();
        self.banner = Some(Banner::Notice(message.into()));
    }

    /// The server saved the email settings: back to the send form, which can now be sent.
    pub fn email_settings_saved(&mut self) {
        self.email.stop_saving();
        self.email.forget_password();
        self.context.has_email_settings = true;
        self.step = Step::Fields;
        self.focus = FieldId::From;
        self.errors.remove(&FieldId::EmailSetup);
        self.banner = Some(Banner::Notice("Email settings saved.".to_string()));
    }

    /// Whether a submission is out and the form refuses to send again.
    pub fn is_locked(&self) -> bool {
        self.step == Step::Locked || self.email.is_saving()
    }

    /// The action currently chosen.
    pub fn action(&self) -> ActionKind {
        self.inputs.action
    }

    /// What Esc does now, for the key hints: it cancels on the fields, goes back from the
    /// steps after them, and puts a handed-over form away.
    pub fn esc_word(&self) -> &'static str {
        match self.step {
            Step::Fields => "cancel",
            Step::Locked => "close",
            _ => "back",
        }
    }

    /// Whether Space changes the field under the focus: it does on choices, while it types
    /// in text fields and in the copy target's filter.
    pub fn space_changes(&self) -> bool {
        let button = matches!(self.focus, FieldId::Continue | FieldId::EmailSetup);
        self.step == Step::Fields && !button && self.inputs.text(self.focus).is_none()
    }

    /// The field the focus is on.
    pub fn focused(&self) -> FieldId {
        self.focus
    }

    /// The error shown next to a field, if any.
    pub fn error(&self, field: FieldId) -> Option<&str> {
        self.errors.get(&field).map(String::as_str)
    }
}
