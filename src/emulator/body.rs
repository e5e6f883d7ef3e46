//! Reading requests as tolerantly as the real server: JSON property names in any case,
//! booleans as strings, enum values in any case, query keys in any case.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use serde_json::{Map, Value};

use super::failure::Failure;

const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// A JSON body with every object key lower-cased; an empty body reads as `null`.
#[derive(Debug, Clone)]
pub struct LowerJson(pub Value);

impl<S: Send + Sync> FromRequest<S> for LowerJson {
    type Rejection = Failure;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Failure> {
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|e| Failure::bad_request(format!("The request body cannot be read: {e}")))?;
        Ok(LowerJson(parse_lower(&bytes)?))
    }
}

/// Parses `bytes` as JSON (empty means `null`) and lower-cases every object key.
pub fn parse_lower(bytes: &[u8]) -> Result<Value, Failure> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| Failure::bad_request(format!("The request body is not valid JSON: {e}")))?;
    Ok(lower_keys(value))
}

fn lower_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k.to_lowercase(), lower_keys(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(lower_keys).collect()),
        other => other,
    }
}

/// A view of one lower-cased JSON object with forgiving typed getters.
#[derive(Debug, Clone, Copy)]
pub struct Obj<'a> {
    map: Option<&'a Map<String, Value>>,
}

impl<'a> Obj<'a> {
    pub fn of(value: &'a Value) -> Obj<'a> {
        Obj {
            map: value.as_object(),
        }
    }

    pub fn is_object(&self) -> bool {
        self.map.is_some()
    }

    /// The value of `key` (named in any case), unless missing or `null`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map?.get(&key.to_lowercase()).filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.map
            .is_some_and(|m| m.contains_key(&key.to_lowercase()))
    }

    pub fn obj(&self, key: &str) -> Obj<'a> {
        match self.get(key) {
            Some(value) => Obj::of(value),
            None => Obj { map: None },
        }
    }

    /// A string value; numbers are accepted as their text.
    pub fn str(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A boolean, also when sent as "true" / "false" in any case.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, Failure> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(other) => Err(Failure::bad_request(format!(
                "The value {other} of {key} is not a boolean."
            ))),
        }
    }

    /// An enum value in any case, answered in its canonical spelling.
    pub fn choice(
        &self,
        key: &str,
        allowed: &[&'static str],
    ) -> Result<Option<&'static str>, Failure> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let text = value.as_str().map(str::trim).unwrap_or_default();
        allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(text))
            .copied()
            .map(Some)
            .ok_or_else(|| {
                Failure::bad_request(format!(
                    "Error converting value {value} to type '{key}'. Allowed values: {}.",
                    allowed.join(", ")
                ))
            })
    }

    /// The ids of a `documents` or `folders` list: `[{"id": ...}, ...]`.
    pub fn ids(&self, key: &str) -> Result<Option<Vec<String>>, Failure> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let items = value.as_array().ok_or_else(|| {
            Failure::bad_request(format!("{key} must be a list of objects with an id."))
        })?;
        items
            .iter()
            .map(|item| {
                Obj::of(item)
                    .str("id")
                    .map(|id| id.to_lowercase())
                    .ok_or_else(|| {
                        Failure::bad_request(format!("Every entry of {key} needs an id."))
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

/// The query string with lower-cased keys, and where the request came from.
#[derive(Debug, Clone)]
pub struct Query {
    values: HashMap<String, String>,
    pairs: Vec<(String, String)>,
    /// `https://host:port`, as the client addressed the server.
    pub origin: String,
}

impl Query {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// The query without `skip` keys, ready to have more pairs appended ("a=1&").
    pub fn rest_without(&self, skip: &[&str]) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            if !skip.contains(&k.to_lowercase().as_str()) {
                out.append_pair(k, v);
            }
        }
        let text = out.finish();
        if text.is_empty() { text } else { text + "&" }
    }

    pub fn flag(&self, key: &str) -> Result<bool, Failure> {
        match self.get(key) {
            None | Some("") => Ok(false),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(Failure::bad_request(format!(
                "The value '{v}' of {key} is not valid."
            ))),
        }
    }

    pub fn number(&self, key: &str) -> Result<Option<u64>, Failure> {
        match self.get(key) {
            None | Some("") => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                Failure::bad_request(format!("The value '{v}' of {key} is not valid."))
            }),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Failure> {
        let pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        let values = pairs
            .iter()
            .map(|(k, v)| (k.to_lowercase(), v.clone()))
            .collect();
        let origin = origin(parts);
        Ok(Query {
            values,
            pairs,
            origin,
        })
    }
}

fn origin(parts: &Parts) -> String {
    let scheme = parts.extensions.get::<Scheme>().map_or("https", |s| s.0);
    let host = host(&parts.headers)
        .or_else(|| parts.uri.authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "localhost".to_string());
    format!("{scheme}://{host}")
}

fn host(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
}

/// The scheme the connection was accepted with, set by the server on every request.
#[derive(Debug, Clone, Copy)]
pub struct Scheme(pub &'static str);

/// The path as the client sent it, before it was lower-cased for routing.
#[derive(Debug, Clone)]
pub struct OriginalPath(pub String);
