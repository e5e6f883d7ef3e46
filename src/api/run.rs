//! Running document actions and saves, and the email settings that sends need.

use std::collections::HashSet;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use super::action::{ActionOutcome, ActionTarget, DocumentAction};
use super::body::SaveBody;
use super::client::{Call, Client};
use super::dialect::{RestoreAnswer, segment};
use super::error::ApiError;
use super::model::{CaseInsensitive, EmailSettings, RestoreSessionEvent, RestoreStats, or_default};
use super::secret::Secret;
use super::transport::{Patience, error_from};

/// How often a v8 restore session is looked at: first quickly, then less often.
const FOLLOW_FIRST_DELAY_MS: u64 = 200;
const FOLLOW_MAX_DELAY_MS: u64 = 2000;

/// v8's answer to a restore or copy.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AsyncRestore {
    pub session_id: String,
}

/// v8's `/RestoreSessions/{id}/Statistics`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub(super) struct SessionStatistics {
    #[serde(deserialize_with = "or_default")]
    total_items_count: u64,
    #[serde(deserialize_with = "or_default")]
    restored_items_count: u64,
    #[serde(deserialize_with = "or_default")]
    failed_items_count: u64,
    #[serde(deserialize_with = "or_default")]
    skipped_items_count: u64,
    #[serde(deserialize_with = "or_default")]
    items: Vec<StatisticsItem>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatisticsItem {
    #[serde(deserialize_with = "or_default")]
    status: CaseInsensitive,
    error: Option<String>,
}

impl SessionStatistics {
    /// The v4-v7 shape. v8 counts skipped items as one number; those whose item row carries
    /// an error are counted as skipped by error, the rest as skipped for having no changes.
    pub(super) fn into_stats(self) -> RestoreStats {
        let by_error = self
            .items
            .iter()
            .filter(|item| item.status.is("Skipped"))
            .filter(|item| item.error.as_deref().is_some_and(|e| !e.is_empty()))
            .count() as u64;
        let by_error = by_error.min(self.skipped_items_count);
        RestoreStats {
            total_items_count: self.total_items_count,
            restored_items_count: self.restored_items_count,
            failed_items_count: self.failed_items_count,
            skipped_items_by_error_count: by_error,
            skipped_items_by_no_changes_count: self.skipped_items_count - by_error,
        }
    }
}

impl Client {
    /// Runs a restore, copy or send and waits for its outcome. On v8, follows the session the
    /// server starts, calling `on_event` for each new event, until it finishes.
    pub async fn run_action(
        &self,
        target: &ActionTarget,
        action: &DocumentAction,
        on_event: &mut (dyn FnMut(&RestoreSessionEvent) + Send),
    ) -> Result<ActionOutcome, ApiError> {
        let request = self.dialect().action(target, action)?;
        let call = Call::from(request).patient();
        if matches!(action, DocumentAction::Send { .. }) {
            self.fetch_nothing(&call).await?;
            return Ok(ActionOutcome::Sent);
        }
        match self.dialect().restore_answer() {
            RestoreAnswer::Stats => {
                let stats: Option<RestoreStats> = self.fetch(&call).await?;
                // LIMITATION: a v4 server may answer 200 with no body; the counts are then
                // unknown and reported as zeros.
                Ok(ActionOutcome::Stats(stats.unwrap_or_default()))
            }
            RestoreAnswer::FollowSession => {
                let started: AsyncRestore = self.fetch(&call).await?;
                let stats = self.follow_restore(&started.session_id, on_event).await?;
                Ok(ActionOutcome::Stats(stats))
            }
        }
    }

    /// Watches a v8 restore session until it stops, reporting new events, then reads its
    /// statistics.
    async fn follow_restore(
        &self,
        session: &str,
        on_event: &mut (dyn FnMut(&RestoreSessionEvent) + Send),
    ) -> Result<RestoreStats, ApiError> {
        let mut seen = HashSet::new();
        let mut delay = Duration::from_millis(FOLLOW_FIRST_DELAY_MS);
        loop {
            let state = self.restore_session(session).await?;
            for event in self.session_events(session).await? {
                let key = (event.id.clone(), event.order, event.status.0.clone());
                if seen.insert(key) {
                    on_event(&event);
                }
            }
            if !state.is_working() || state.end_time.is_some() {
                break;
            }
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_millis(FOLLOW_MAX_DELAY_MS));
        }
        let path = format!("/RestoreSessions/{}/Statistics", segment(session));
        let statistics: SessionStatistics =
            self.fetch(&Call::get(self.dialect().path(&path))).await?;
        Ok(statistics.into_stats())
    }

    /// Starts a save and answers with its body still streaming.
    pub async fn save(&self, target: &ActionTarget, as_zip: bool) -> Result<SaveBody, ApiError> {
        let save = self.dialect().save(target, as_zip)?;
        let mut call = Call::from(save.request).patient();
        call.accept = "application/octet-stream, application/json";
        let response = self.execute(&call).await?;
        let method = call.method.to_string();
        if !response.status().is_success() {
            return Err(error_from(response, &call.method, &call.path).await);
        }
        let timeout = self.inner_timeout(Patience::Long);
        Ok(SaveBody::new(
            response,
            save.is_zip,
            method,
            call.path,
            timeout,
        ))
    }

    /// The email settings that `send` uses, or `None` when none are configured.
    pub async fn email_settings(&self) -> Result<Option<EmailSettings>, ApiError> {
        let call = Call::get(self.dialect().email_settings_path());
        let response = self.execute(&call).await?;
        match response.status().as_u16() {
            404 | 204 => return Ok(None),
            status if !(200..300).contains(&status) => {
                return Err(error_from(response, &call.method, &call.path).await);
            }
            _ => {}
        }
        let settings: Option<EmailSettings> =
            super::transport::json_from(response, &call.method, &call.path).await?;
        Ok(settings.filter(|settings| *settings != EmailSettings::default()))
    }

    /// Changes the email settings; fields left `None` stay as they are on the server.
    pub async fn put_email_settings(
        &self,
        settings: &EmailSettings,
        password: Option<&Secret>,
    ) -> Result<(), ApiError> {
        let mut body = serde_json::to_value(settings).unwrap_or_default();
        if let Value::Object(fields) = &mut body {
            fields.retain(|_, value| !value.is_null());
            if let Some(password) = password {
                fields.insert("userPassword".into(), password.expose().into());
            }
        }
        let call = Call {
            method: reqwest::Method::PUT,
            path: self.dialect().email_settings_path(),
            query: Vec::new(),
            body: Some(body),
            patience: Patience::Normal,
            accept: "application/json",
        };
        self.fetch_nothing(&call).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v8_statistics_map_to_the_older_shape() {
        let json = r#"{"totalItemsCount":5,"restoredItemsCount":2,"failedItemsCount":1,
            "skippedItemsCount":2,"warnings":[],"errors":[],
            "items":[{"status":"skipped","error":"locked"},{"status":"Skipped","error":null}]}"#;
        let statistics: SessionStatistics = serde_json::from_str(json).expect("reads");
        let stats = statistics.into_stats();
        assert_eq!(stats.total_items_count, 5);
        assert_eq!(stats.restored_items_count, 2);
        assert_eq!(stats.failed_items_count, 1);
        assert_eq!(stats.skipped_items_by_error_count, 1);
        assert_eq!(stats.skipped_items_by_no_changes_count, 1);
    }
}
