//! Injected faults for reliability tests, set by `--fault SPEC` or at run time through
//! `POST /_emulator/faults`.
//!
//! SPEC grammar (PATTERN is a glob over the lower-cased request path, `*` matching any run
//! of characters; it defaults to `*`; `#N` at the end makes the fault fire N times only):
//!
//! ```text
//! reset:BYTES[:PATTERN]     close the connection after BYTES bytes of a save
//! status:CODE[:PATTERN]     answer HTTP CODE with a JSON error
//! delay:SECS[:PATTERN]      wait SECS seconds (fractions allowed) before the first byte
//! malformed-json[:PATTERN]  cut JSON answers in half
//! html[:PATTERN]            answer 502 with an HTML error page, as a proxy would
//! refuse-refresh            refuse refresh_token grants
//! expire-tokens             expire every token issued so far (once, when set)
//! ```

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// What a fault does.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    ResetAfter(u64),
    Status(u16),
    Delay(Duration),
    MalformedJson,
    Html,
    RefuseRefresh,
    ExpireTokens,
}

/// One injected fault: what it does, where, and how often.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub kind: FaultKind,
    /// Glob over the lower-cased path; `*` everywhere.
    pub pattern: String,
    /// Fire this many times only.
    pub times: Option<u32>,
}

/// A fault SPEC that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("bad fault {spec:?}: {reason} (see `vbo-restore demo --help` for the grammar)")]
pub struct FaultParseError {
    pub spec: String,
    pub reason: String,
}

impl Fault {
    pub fn new(kind: FaultKind) -> Fault {
        Fault {
            kind,
            pattern: "*".to_string(),
            times: None,
        }
    }

    pub fn on(mut self, pattern: &str) -> Fault {
        self.pattern = pattern.to_lowercase();
        self
    }

    pub fn times(mut self, times: u32) -> Fault {
        self.times = Some(times);
        self
    }

    /// Whether the fault applies to this (lower-cased) path.
    pub fn matches(&self, path: &str) -> bool {
        glob(self.pattern.as_bytes(), path.as_bytes())
    }
}

fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        Some((c, rest)) => text
            .split_first()
            .is_some_and(|(t, tail)| t == c && glob(rest, tail)),
    }
}

impl FromStr for Fault {
    type Err = FaultParseError;

    fn from_str(spec: &str) -> Result<Fault, FaultParseError> {
        let fail = |reason: &str| FaultParseError {
            spec: spec.to_string(),
            reason: reason.to_string(),
        };
        let (body, times) = match spec.trim().rsplit_once('#') {
            Some((body, n)) => (
                body,
                Some(n.parse::<u32>().map_err(|_| fail("#N needs a count"))?),
            ),
            None => (spec.trim(), None),
        };
        let mut parts = body.splitn(2, ':');
        let name = parts.next().unwrap_or_default().to_lowercase();
        let rest = parts.next();
        let (kind, pattern) = match name.as_str() {
            "reset" | "status" | "delay" => {
                let rest = rest.ok_or_else(|| fail("a number must follow the colon"))?;
                let (arg, pattern) = rest.split_once(':').unwrap_or((rest, "*"));
                (
                    numbered(&name, arg).ok_or_else(|| fail("the number is not valid"))?,
                    pattern,
                )
            }
            "malformed-json" => (FaultKind::MalformedJson, rest.unwrap_or("*")),
            "html" => (FaultKind::Html, rest.unwrap_or("*")),
            "refuse-refresh" => (FaultKind::RefuseRefresh, "*"),
            "expire-tokens" => (FaultKind::ExpireTokens, "*"),
            _ => return Err(fail("unknown fault kind")),
        };
        let fault = Fault::new(kind).on(if pattern.is_empty() { "*" } else { pattern });
        Ok(Fault { times, ..fault })
    }
}

fn numbered(name: &str, arg: &str) -> Option<FaultKind> {
    match name {
        "reset" => arg.parse().ok().map(FaultKind::ResetAfter),
        "status" => arg
            .parse()
            .ok()
            .filter(|c| (100..1000).contains(c))
            .map(FaultKind::Status),
        _ => arg
            .parse::<f64>()
            .ok()
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
            .map(FaultKind::Delay),
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FaultKind::ResetAfter(n) => write!(f, "reset:{n}:{}", self.pattern)?,
            FaultKind::Status(code) => write!(f, "status:{code}:{}", self.pattern)?,
            FaultKind::Delay(d) => write!(f, "delay:{}:{}", d.as_secs_f64(), self.pattern)?,
            FaultKind::MalformedJson => write!(f, "malformed-json:{}", self.pattern)?,
            FaultKind::Html => write!(f, "html:{}", self.pattern)?,
            FaultKind::RefuseRefresh => f.write_str("refuse-refresh")?,
            FaultKind::ExpireTokens => f.write_str("expire-tokens")?,
        }
        match self.times {
            Some(n) => write!(f, "#{n}"),
            None => Ok(()),
        }
    }
}

/// The faults in force, with how many shots each has left.
#[derive(Debug, Default)]
pub struct FaultSet {
    active: std::sync::Mutex<Vec<Fault>>,
}

impl FaultSet {
    pub fn replace(&self, faults: Vec<Fault>) {
        *self.lock() = faults;
    }

    pub fn list(&self) -> Vec<Fault> {
        self.lock().clone()
    }

    /// Takes one shot of the first fault that `select` picks for `path`.
    pub fn fire(&self, path: &str, select: impl Fn(&FaultKind) -> bool) -> Option<FaultKind> {
        let mut active = self.lock();
        let at = active
            .iter()
            .position(|f| select(&f.kind) && f.matches(path))?;
        let kind = active[at].kind.clone();
        if let Some(times) = active[at].times.as_mut() {
            *times = times.saturating_sub(1);
            if *times == 0 {
                active.remove(at);
            }
        }
        Some(kind)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        self.active.lock().unwrap_or_else(|e| e.into_inner())
    }
}
