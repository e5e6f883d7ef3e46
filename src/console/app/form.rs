//! The action form as a pane of the console: opened by `a` and `s` over the selection, fed
//! the keys while it is open, and its outcomes turned into requests to the worker.

use std::time::Instant;

use crossterm::event::KeyEvent;

use super::{App, Pane, Selection};
use crate::console::keymap::Action;
use crate::console::request::{Effect, Request, Ticket};
use crate::form::{
    ActionForm, ActionKind, ApiVersion, FormContext, FormItem, FormOutcome, FormSubmission,
};
use crate::tasks::TaskId;

/// The open form and what the console waits for on its behalf.
#[derive(Debug)]
pub struct FormPane {
    pub form: ActionForm,
    /// The request waiting for the worker: a submission, a device code or email settings.
    waiting: Option<Ticket>,
    /// The tasks the form's submission became; their failures come back to the form.
    pub tasks: Vec<TaskId>,
}

/// A form asked for before the server said whether it has email settings.
#[derive(Debug, Clone)]
pub(super) struct PendingForm {
    selection: Selection,
    ticket: Ticket,
}

impl App {
    /// `a` and `s`: opens the action form over the marked rows, or the current one.
    ///
    /// The first time, the server is asked whether it has email settings (which Send needs),
    /// and the form opens when it answers.
    pub(super) fn open_action_form(&mut self, save: bool) {
        let Some(selection) = self.selection(save) else {
            self.notify("Nothing to act on: open a folder and choose a row");
            return;
        };
        match self.email_settings {
            Some(known) => self.show_form(selection, known),
            None => {
                let ticket = self.send(Request::EmailSettings);
                self.pending_form = Some(PendingForm { selection, ticket });
            }
        }
    }

    /// Keeps the point in time a session started with `n` explores, for the form's head.
    pub(super) fn remember_point_in_time(&mut self, session: &str, form: &super::NewSession) {
        let typed = form.point_in_time.value();
        if let Ok(at) = super::new_session::parse_point_in_time(typed) {
            self.points_in_time.insert(session.to_owned(), at);
        }
    }

    /// Whether the form waits for the server's word on email settings before it opens.
    pub fn form_is_opening(&self) -> bool {
        self.pending_form.is_some()
    }

    /// The server said whether it has email settings; a form asked for opens now.
    pub(super) fn email_settings_known(&mut self, ticket: Ticket, known: bool) {
        self.email_settings = Some(known);
        let Some(pending) = self.pending_form.take_if(|p| p.ticket == ticket) else {
            return;
        };
        self.show_form(pending.selection, known);
    }

    /// The email settings could not be read: the form opens as if there were none, so the
    /// agent can still save, restore or copy (and is offered the settings form for Send).
    pub(super) fn email_settings_failed(&mut self, ticket: Ticket) -> bool {
        match self.pending_form.take_if(|p| p.ticket == ticket) {
            Some(pending) => {
                self.show_form(pending.selection, false);
                true
            }
            None => false,
        }
    }

    fn show_form(&mut self, selection: Selection, has_email_settings: bool) {
        let context = self.form_context(selection, has_email_settings);
        let mut form = ActionForm::new(context);
        form.set_monochrome(self.theme.is_monochrome());
        self.form = Some(FormPane {
            form,
            waiting: None,
            tasks: Vec::new(),
        });
    }

    fn form_context(&self, selection: Selection, has_email_settings: bool) -> FormContext {
        let items = selection
            .items
            .iter()
            .map(|marked| FormItem {
                id: marked.id.clone(),
                name: marked.name.clone(),
                is_folder: marked.is_folder,
                size_bytes: (!marked.is_folder).then_some(marked.size_bytes),
                version_id: None,
            })
            .collect();
        let api_version = self.connection.api.parse().unwrap_or(ApiVersion::V8);
        let point_in_time = self
            .points_in_time
            .get(&selection.session)
            .copied()
            .flatten();
        FormContext {
            session: selection.session,
            onedrive: selection.onedrive,
            // LIMITATION: a listed restore session does not say which point in time it
            // explores; only sessions started from this console (`n`) are known, and the
            // form's head says "latest backup" for the others.
            point_in_time,
            items,
            onedrives: self.onedrives.all.clone(),
            api_version,
            has_email_settings,
            presets: self.presets.clone(),
            initial_action: if selection.save {
                ActionKind::Save
            } else {
                ActionKind::Restore
            },
        }
    }

    /// A key while the form is open goes to the form, whose answer says what to do.
    pub(super) fn form_key(&mut self, key: KeyEvent) {
        let asks_for_tasks = self.keymap.action(self.pane_context(), &key) == Some(Action::Tasks);
        let Some(pane) = self.form.as_mut() else {
            return;
        };
        // A handed-over form takes no more keys; Esc puts it away (its tasks run on), and
        // the tasks key, which its last line offers, goes on to the tasks pane.
        let handed_over = pane.waiting.is_none() && pane.form.is_locked();
        if handed_over && key.code == crossterm::event::KeyCode::Esc {
            self.form = None;
            return;
        }
        if handed_over && asks_for_tasks {
            self.form = None;
            self.focus = Pane::Tasks;
            return;
        }
        match pane.form.handle_key(key) {
            FormOutcome::Nothing | FormOutcome::Redraw => {}
            FormOutcome::Cancelled => self.form = None,
            FormOutcome::CopyToClipboard(escape) => self.effects.push(Effect::Escape(escape)),
            FormOutcome::RequestDeviceCode { application_id } => {
                let session = self.items.session.clone();
                let ticket = self.send(Request::DeviceCode {
                    session,
                    application_id,
                });
                self.wait_for(ticket);
            }
            FormOutcome::SaveEmailSettings(settings) => {
                let ticket = self.send(Request::PutEmailSettings(Box::new(settings)));
                self.wait_for(ticket);
            }
            FormOutcome::Submit(submission) => self.submit(submission),
        }
    }

    /// Sends a checked submission to the runner; the form is locked, so it goes once.
    fn submit(&mut self, submission: Box<FormSubmission>) {
        self.log.info(format!(
            "Submitted {} of {} item(s) from {}",
            submission_verb(&submission),
            submission.items.len().max(1),
            submission.onedrive.name
        ));
        let ticket = self.send(Request::Submit(submission));
        self.wait_for(ticket);
    }

    fn wait_for(&mut self, ticket: Ticket) {
        if let Some(pane) = self.form.as_mut() {
            pane.waiting = Some(ticket);
        }
    }

    /// The form pane that waits for `ticket`, if it is still open.
    pub(super) fn form_waiting(&mut self, ticket: Ticket) -> Option<&mut FormPane> {
        self.form
            .as_mut()
            .filter(|pane| pane.waiting == Some(ticket))
    }

    /// The runner took the submission: the form says so and stays locked.
    pub(super) fn submitted(&mut self, ticket: Ticket, ids: Vec<TaskId>) {
        let words: Vec<String> = ids.iter().map(ToString::to_string).collect();
        let message = format!(
            "Handed to the task runner as task {}; press {} to follow it, Esc to close",
            words.join(", "),
            self.keymap.first_key(Action::Tasks)
        );
        if let Some(pane) = self.form_waiting(ticket) {
            pane.waiting = None;
            pane.tasks = ids;
            pane.form.show_accepted(message.clone());
        }
        self.log.info(message);
    }

    pub(super) fn device_code_arrived(
        &mut self,
        ticket: Ticket,
        code: crate::api::model::DeviceCode,
    ) {
        let Some(pane) = self.form_waiting(ticket) else {
            return;
        };
        pane.waiting = None;
        let escape = pane.form.set_device_code(code, Instant::now());
        self.effects.push(Effect::Escape(escape));
    }

    pub(super) fn email_settings_saved(&mut self, ticket: Ticket) {
        self.email_settings = Some(true);
        if let Some(pane) = self.form_waiting(ticket) {
            pane.waiting = None;
            pane.form.email_settings_saved();
        }
    }

    /// A request the form waited for failed: the server's sentence goes back to the form.
    pub(super) fn form_request_failed(&mut self, ticket: Ticket, message: &str) -> bool {
        let Some(pane) = self.form_waiting(ticket) else {
            return false;
        };
        pane.waiting = None;
        pane.form.show_refusal(message);
        self.log.error(message.to_owned());
        true
    }

    /// Whether the form wants the one-second tick of its device code countdown.
    pub fn wants_ticks(&self) -> bool {
        self.form
            .as_ref()
            .is_some_and(|pane| pane.form.wants_ticks())
    }

    /// Advances the form's countdown.
    pub fn tick(&mut self, now: Instant) {
        if let Some(pane) = self.form.as_mut()
            && pane.form.tick(now)
        {
            self.dirty = true;
        }
    }
}

fn submission_verb(submission: &FormSubmission) -> &'static str {
    use crate::form::FormRequest;
    match submission.request {
        FormRequest::Restore { .. } => "a restore",
        FormRequest::Copy { .. } => "a copy",
        FormRequest::Send { .. } => "a send",
        FormRequest::Save { .. } => "a save",
    }
}
