//! A running emulator: the listener, TLS, one task per connection, and the handle tests
//! use to read what happened, inject faults, and take the server down and back up.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use super::config::EmulatorConfig;
use super::error::EmulatorError;
use super::faults::Fault;
use super::record::{ProductionWrite, Received, SentMail};
use super::state::{Shared, lock};
use super::tls::{self, Identity};
use super::version::Version;
use super::{control, router, tenant};

/// A running emulator; dropping it or calling [`Emulator::shutdown`] stops it.
#[derive(Debug)]
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    identity: Option<Identity>,
    app: axum::Router,
    serving: Mutex<Option<Serving>>,
}

/// Plaintext a TLS connection may buffer before it must write.
const TLS_BUFFER_BYTES: usize = 1024 * 1024;

#[derive(Debug)]
struct Serving {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Emulator {
    /// Builds the demo tenant, binds the listener and starts serving.
    pub async fn start(config: EmulatorConfig) -> Result<Emulator, EmulatorError> {
        let versions = config
            .versions
            .iter()
            .map(|v| Version::parse(v).ok_or_else(|| EmulatorError::UnknownVersion(v.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        if versions.is_empty() {
            return Err(EmulatorError::NoVersion);
        }
        let listener = bind(config.listen).await?;
        let addr = listener
            .local_addr()
            .map_err(|source| EmulatorError::Listen {
                addr: config.listen,
                source,
            })?;
        let identity = if config.plain_http {
            None
        } else {
            Some(tls::identity(addr)?)
        };
        let faults = config.faults.clone();
        let shared = Arc::new(Shared::new(config, tenant::tenant()));
        control::install(&shared, faults);
        let app = router::app(shared.clone(), &versions);
        let emulator = Emulator {
            shared,
            addr,
            identity,
            app,
            serving: Mutex::new(None),
        };
        emulator.serve(listener);
        tracing::info!("emulator listening on {}", emulator.url());
        Ok(emulator)
    }

    fn serve(&self, listener: TcpListener) {
        let (stop, stopped) = watch::channel(false);
        let acceptor = self
            .identity
            .as_ref()
            .map(|i| TlsAcceptor::from(i.config.clone()));
        let task = tokio::spawn(accept_loop(listener, acceptor, self.app.clone(), stopped));
        *lock(&self.serving) = Some(Serving { stop, task });
    }

    /// `https://127.0.0.1:PORT` (or `http://`), without a trailing slash or version.
    pub fn url(&self) -> String {
        let scheme = if self.identity.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.addr)
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `SHA256:<64 lowercase hex>` of the served certificate; empty over plain HTTP.
    pub fn fingerprint(&self) -> String {
        self.identity
            .as_ref()
            .map(|i| i.fingerprint.clone())
            .unwrap_or_default()
    }

    /// The served certificate in PEM; empty over plain HTTP.
    pub fn certificate_pem(&self) -> String {
        self.identity
            .as_ref()
            .map(|i| i.pem.clone())
            .unwrap_or_default()
    }

    /// The served certificate in DER; empty over plain HTTP.
    pub fn certificate_der(&self) -> Vec<u8> {
        self.identity
            .as_ref()
            .map(|i| i.der.clone())
            .unwrap_or_default()
    }

    /// Every API request that was not a GET or a token grant, in order.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.shared.record).received.clone()
    }

    /// Every mail that send actions sent.
    pub fn mails(&self) -> Vec<SentMail> {
        lock(&self.shared.record).mails.clone()
    }

    /// Every change restores and copies made to production OneDrives.
    pub fn production_writes(&self) -> Vec<ProductionWrite> {
        lock(&self.shared.record).writes.clone()
    }

    /// Replaces the faults in force (`expire-tokens` acts at once).
    pub fn set_faults(&self, faults: Vec<Fault>) {
        control::install(&self.shared, faults);
    }

    pub fn clear_faults(&self) {
        self.shared.faults.replace(Vec::new());
    }

    pub fn faults(&self) -> Vec<Fault> {
        self.shared.faults.list()
    }

    /// Makes every access token issued so far expired.
    pub fn expire_tokens(&self) {
        lock(&self.shared.tokens).expire_all();
    }

    /// Stops accepting and drops every open connection; the port is released.
    pub fn stop_serving(&self) {
        if let Some(serving) = lock(&self.serving).take() {
            let _ = serving.stop.send(true);
            serving.task.abort();
        }
    }

    /// Listens again on the same address after [`Emulator::stop_serving`].
    pub async fn resume(&self) -> Result<(), EmulatorError> {
        if lock(&self.serving).is_some() {
            return Ok(());
        }
        let listener = bind(self.addr).await?;
        self.serve(listener);
        Ok(())
    }

    pub async fn shutdown(self) {
        let serving = lock(&self.serving).take();
        if let Some(serving) = serving {
            let _ = serving.stop.send(true);
            let _ = serving.task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop_serving();
    }
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, EmulatorError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| EmulatorError::Listen { addr, source })
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: Option<TlsAcceptor>,
    app: axum::Router,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            _ = stopped.changed() => return,
            accepted = listener.accept() => accepted,
        };
        let (tcp, peer) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                tracing::warn!("accept failed: {error}");
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let (app, acceptor, mut stopped) = (app.clone(), acceptor.clone(), stopped.clone());
        tokio::spawn(async move {
            tokio::select! {
                _ = stopped.changed() => {}
                result = connection(tcp, acceptor, app) => {
                    if let Err(error) = result {
                        tracing::debug!("connection from {peer} ended: {error}");
                    }
                }
            }
        });
    }
}

async fn connection(
    tcp: TcpStream,
    acceptor: Option<TlsAcceptor>,
    app: axum::Router,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().max_buf_size(4 * 1024 * 1024);
    builder
        .http2()
        .initial_stream_window_size(4 * 1024 * 1024)
        .initial_connection_window_size(8 * 1024 * 1024)
        .max_frame_size(1024 * 1024);
    match acceptor {
        Some(acceptor) => {
            // A larger plaintext buffer means fewer, larger writes on big saves.
            let stream = acceptor
                .accept_with(tcp, |conn| conn.set_buffer_limit(Some(TLS_BUFFER_BYTES)))
                .await?;
            let service = tower::ServiceBuilder::new()
                .map_request(|r| router::normalize(r, "https"))
                .service(app);
            builder
                .serve_connection_with_upgrades(
                    TokioIo::new(stream),
                    TowerToHyperService::new(service),
                )
                .await
        }
        None => {
            let service = tower::ServiceBuilder::new()
                .map_request(|r| router::normalize(r, "http"))
                .service(app);
            builder
                .serve_connection_with_upgrades(
                    TokioIo::new(tcp),
                    TowerToHyperService::new(service),
                )
                .await
        }
    }
}
