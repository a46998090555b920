//! The accept loop. axum's own `serve` has no timeouts and no connection cap, so one
//! client holding sockets open (slowloris, idle keep-alives) could exhaust file
//! descriptors and stall everyone. Here every connection has a header-read deadline
//! (hyper), an idle deadline (no byte either way), and a slot out of a fixed number;
//! when the slots are taken the loop stops accepting, and the kernel's backlog holds the
//! rest (back-pressure rather than "too many open files"). Shutdown asks every
//! connection to finish and gives up at a deadline.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use super::error::shaped_bare_error;
use crate::config::ConnectionLimits;

/// Serves `app` on `listener` until `shutdown` resolves, then waits for open
/// connections up to `limits.shutdown_grace`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let open = open_limit(limits.max_open);
    let slots = Arc::new(Semaphore::new(open));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        // Above our own limits (checked in `http::limits`), so that ours answer in JSON.
        .max_headers(HYPER_MAX_HEADERS);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // EMFILE and friends: wait for descriptors instead of spinning.
                    tracing::warn!(error = %err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let builder = builder.clone();
        let stop = stop_rx.clone();
        let idle = limits.idle;
        tokio::spawn(async move {
            serve_connection(&builder, stream, remote, app, idle, stop).await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let all = u32::try_from(open).unwrap_or(u32::MAX);
    if tokio::time::timeout(limits.shutdown_grace, slots.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!(
            open = open - slots.available_permits(),
            "connections still open at the shutdown deadline are dropped"
        );
    }
}

/// hyper's own header count limit; `http::limits` answers 431 in JSON well below it.
const HYPER_MAX_HEADERS: usize = 200;

/// The connection cap: the setting, but never more than the file-descriptor limit
/// allows with room left for the database pool, logs and the local PostgreSQL socket.
fn open_limit(wanted: usize) -> usize {
    let room = descriptor_limit().map_or(wanted, |limit| limit.saturating_sub(64).max(8));
    let open = wanted.min(room).max(1);
    if open < wanted {
        tracing::warn!(
            wanted,
            open,
            "the open-file limit caps connections; raise it with ulimit -n"
        );
    }
    open
}

/// The soft open-file limit, read from `/proc` (Linux); `None` elsewhere.
fn descriptor_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// One connection: served until it ends, is idle too long, or the server stops.
/// Stopping is graceful: a request in flight finishes, then the connection closes.
async fn serve_connection(
    builder: &http1::Builder,
    stream: TcpStream,
    remote: SocketAddr,
    app: Router,
    idle: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let activity = Activity::new();
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
        replacing: None,
    });
    let service = app.map_request(move |request: hyper::Request<hyper::body::Incoming>| {
        let mut request = request.map(axum::body::Body::new);
        request.extensions_mut().insert(ConnectInfo(remote));
        request
    });
    let connection = builder.serve_connection(io, TowerToHyperService::new(service));
    tokio::pin!(connection);
    let mut closing = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(%remote, error = %err, "connection ended with an error");
                }
                return;
            }
            () = activity.idle_for(idle), if !closing => {
                tracing::debug!(%remote, "closing an idle connection");
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
            _ = stop.wait_for(|stop| *stop), if !closing => {
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}

/// When a connection last moved a byte, shared between its stream and its watchdog.
#[derive(Clone)]
struct Activity {
    start: Instant,
    last_ms: Arc<AtomicU64>,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            start: Instant::now(),
            last_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    /// Resolves once no byte has moved for `limit`.
    async fn idle_for(&self, limit: Duration) {
        loop {
            let last = self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
            let due = last + limit;
            if Instant::now() >= due {
                return;
            }
            tokio::time::sleep_until(due.into()).await;
        }
    }
}

/// A stream that records activity on every read and write, and gives hyper's own
/// bodiless error answers our JSON body (see [`shaped_bare_error`]).
struct Watched {
    inner: TcpStream,
    activity: Activity,
    /// A replacement being written: its bytes, how many are out, and the length of the
    /// buffer it stands for (reported written once the replacement is out).
    replacing: Option<(Vec<u8>, usize, usize)>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.replacing.is_none() {
            if let Some(shaped) = shaped_bare_error(buf) {
                self.replacing = Some((shaped, 0, buf.len()));
            }
        }
        let this = &mut *self;
        if let Some((bytes, sent, stands_for)) = &mut this.replacing {
            while *sent < bytes.len() {
                match Pin::new(&mut this.inner).poll_write(cx, &bytes[*sent..]) {
                    Poll::Ready(Ok(0)) => return Poll::Ready(Ok(0)),
                    Poll::Ready(Ok(n)) => *sent += n,
                    other => return other,
                }
            }
            let stands_for = *stands_for;
            this.replacing = None;
            this.activity.touch();
            return Poll::Ready(Ok(stands_for));
        }
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
