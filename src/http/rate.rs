//! Rate limits: a token bucket per API key (when a request carries a valid one) or else per
//! client address, answering 429 with `Retry-After` when it is empty. Loopback clients
//! are the operator's own tools (load tests, the command line) and are not limited
//! unless asked. State is per process: with several replicas, each applies the limit.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::auth::KeyId;
use super::error::error_response;

/// How much one client may ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateSettings {
    /// Requests per second, sustained; 0 turns limiting off.
    pub per_second: u32,
    /// Requests at once after a quiet spell.
    pub burst: u32,
    /// Limit loopback clients too.
    pub loopback: bool,
}

impl Default for RateSettings {
    fn default() -> Self {
        RateSettings {
            per_second: 50,
            burst: 200,
            loopback: false,
        }
    }
}

/// Who a bucket belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Client {
    Key(i64),
    Address(IpAddr),
}

/// The shared limiter; cheap to clone.
#[derive(Clone)]
pub struct Limiter {
    buckets: Option<Arc<DefaultKeyedRateLimiter<Client>>>,
    loopback: bool,
    checks: Arc<AtomicU64>,
}

impl Limiter {
    pub fn new(settings: RateSettings) -> Limiter {
        let buckets = NonZeroU32::new(settings.per_second).map(|rate| {
            let burst = NonZeroU32::new(settings.burst).unwrap_or(rate);
            Arc::new(RateLimiter::keyed(
                Quota::per_second(rate).allow_burst(burst),
            ))
        });
        Limiter {
            buckets,
            loopback: settings.loopback,
            checks: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The seconds to wait when `client` has no token left.
    fn refuse(&self, client: Client) -> Option<u64> {
        let buckets = self.buckets.as_ref()?;
        // Forget clients that have been quiet, now and then, so memory stays bounded.
        if self.checks.fetch_add(1, Ordering::Relaxed) % 10_000 == 9_999 {
            buckets.retain_recent();
        }
        let not_until = buckets.check_key(&client).err()?;
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        Some(wait.as_secs() + 1)
    }
}

/// Refuses a request whose client's bucket is empty.
pub async fn limit(State(limiter): State<Limiter>, request: Request, next: Next) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    // Set by `auth::require_key` for a key it verified.
    let key = request
        .extensions()
        .get::<KeyId>()
        .map(|&KeyId(id)| Client::Key(id));
    let client = match (key, address) {
        (Some(key), _) => Some(key),
        (None, Some(ip)) if limiter.loopback || !ip.is_loopback() => Some(Client::Address(ip)),
        _ => None,
    };
    if let Some(wait) = client.and_then(|c| limiter.refuse(c)) {
        let mut response = error_response(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("too many requests from this client; try again in {wait} s"),
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return response;
    }
    next.run(request).await
}
