//! The attacks of a hostile or careless client, each made for real: statement floods,
//! slow and idle connections, malformed requests hyper answers itself, bodies declared
//! too large, compressed bodies, forged request ids, overload, and a shutdown held open.
//! Connection-level tests run the real accept loop on a loopback port; while an attack
//! runs, `/healthz` on a fresh connection must answer within a second.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use whosaid::config::{ConnectionLimits, Settings};

use crate::helpers::TestApp;

/// The app on a real port through the real accept loop; dropping the sender stops it.
async fn serve_tcp(
    app: &TestApp,
    limits: ConnectionLimits,
) -> (SocketAddr, oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let router = app.router.clone();
    let served = tokio::spawn(whosaid::http::connections::serve(
        listener,
        router,
        limits,
        async move {
            let _ = stopped.await;
        },
    ));
    (addr, stop, served)
}

/// Writes `request` on a new connection and reads until the server closes it (or
/// `wait` passes); the bytes read.
async fn exchange(addr: SocketAddr, request: &[u8], wait: Duration) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(wait, stream.read_to_end(&mut out)).await;
    out
}

/// Status and JSON body of a raw HTTP/1.1 answer.
fn parse(answer: &[u8]) -> (u16, Value) {
    let text = String::from_utf8_lossy(answer);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let json = serde_json::from_str(body).unwrap_or_else(|_| panic!("body not JSON: {text:?}"));
    (status, json)
}

/// `/healthz` on a fresh connection answers 200 within a second.
async fn assert_healthy(addr: SocketAddr) {
    let started = Instant::now();
    let answer = exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        Duration::from_secs(1),
    )
    .await;
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "healthz did not answer within a second ({:?}): {:?}",
        started.elapsed(),
        String::from_utf8_lossy(&answer)
    );
}

fn quick_limits() -> ConnectionLimits {
    ConnectionLimits {
        header_read: Duration::from_secs(1),
        idle: Duration::from_secs(1),
        max_open: 256,
        max_in_flight: 64,
        shutdown_grace: Duration::from_secs(1),
    }
}

#[tokio::test]
async fn a_statement_flood_is_bounded_flagged_and_paged() {
    let app = TestApp::spawn().await;
    // 2,000 different quotes in 44 kB: far denser than any news.
    let text: String = (0..2000).map(|i| format!("“Yes {i},” he said. ")).collect();
    let bound = whosaid::extract::statement_bound(text.len());
    assert!(bound < 2000);
    let reply = app.post_article(&json!({"text": text})).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["statements_truncated"], true);
    assert_eq!(reply.body["statements"].as_array().unwrap().len(), 200);
    let id = reply.body["id"].as_i64().unwrap();

    let mut seen = std::collections::BTreeSet::new();
    let mut last_start = -1;
    let mut uri = format!("/v1/articles/{id}?limit=300");
    loop {
        let page = app.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for s in page.body["statements"].as_array().unwrap() {
            let start = s["quote_start"].as_i64().unwrap();
            assert!(start >= last_start, "text order");
            last_start = start;
            assert!(seen.insert(s["id"].as_i64().unwrap()), "a statement twice");
        }
        match page.body["next_cursor"].as_str() {
            Some(next) => uri = format!("/v1/articles/{id}?limit=300&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), bound, "every kept statement, once");

    // An ordinary article is not flagged, and bad page parameters are 400 in our shape.
    let ordinary = app.post_article(&crate::helpers::sample_article()).await;
    assert_eq!(ordinary.body["statements_truncated"], false);
    for bad in ["limit=0", "limit=1001", "cursor=zz", "cursor=612f"] {
        let reply = app.get(&format!("/v1/articles/{id}?{bad}")).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{bad}: {}",
            reply.body
        );
        assert_eq!(reply.error_code(), "invalid_parameter");
    }
    app.cleanup().await;
}

#[tokio::test]
async fn slow_and_idle_connections_are_closed_while_others_are_served() {
    let app = TestApp::spawn().await;
    let (addr, _stop, _served) = serve_tcp(&app, quick_limits()).await;
    let mut held = Vec::new();
    for i in 0..100 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        if i % 2 == 0 {
            // slowloris: headers that never end
            stream
                .write_all(b"GET /v1/statements HTTP/1.1\r\nHost: t\r\nX-Slow: ")
                .await
                .unwrap();
        }
        held.push(stream);
    }
    // A keep-alive connection that went quiet after one answer.
    let mut quiet = TcpStream::connect(addr).await.unwrap();
    quiet
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .unwrap();
    assert_healthy(addr).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    held.push(quiet);
    for (i, stream) in held.iter_mut().enumerate() {
        let mut rest = Vec::new();
        let read =
            tokio::time::timeout(Duration::from_secs(1), stream.read_to_end(&mut rest)).await;
        assert!(
            read.is_ok(),
            "connection {i} is still open after its deadline"
        );
    }
    assert_healthy(addr).await;
    app.cleanup().await;
}

#[tokio::test]
async fn past_the_connection_cap_clients_wait_instead_of_failing() {
    let app = TestApp::spawn().await;
    let limits = ConnectionLimits {
        max_open: 4,
        ..quick_limits()
    };
    let (addr, _stop, _served) = serve_tcp(&app, limits).await;
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    // The fifth waits in the backlog until the idle ones are closed, then is answered.
    let answer = exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
    app.cleanup().await;
}

#[tokio::test]
async fn errors_hyper_answers_itself_have_the_json_shape() {
    let app = TestApp::spawn().await;
    let (addr, _stop, _served) = serve_tcp(&app, quick_limits()).await;
    let wait = Duration::from_secs(2);

    let garbage = exchange(addr, b"GARBAGE\r\n\r\n", wait).await;
    let (status, body) = parse(&garbage);
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "bad_request");

    let mut huge = b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 600_000));
    huge.extend(b"\r\n\r\n");
    let (status, body) = parse(&exchange(addr, &huge, wait).await);
    assert_eq!(status, 431);
    assert_eq!(body["error"]["code"], "headers_too_large");

    let mut many = b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n".to_vec();
    for i in 0..150 {
        many.extend(format!("X-H{i}: v\r\n").as_bytes());
    }
    many.extend(b"\r\n");
    let (status, body) = parse(&exchange(addr, &many, wait).await);
    assert_eq!(status, 431);
    assert_eq!(body["error"]["code"], "headers_too_large");

    // A body declared far too large is refused before it is sent: no 100 Continue wait.
    let started = Instant::now();
    let declared = exchange(
        addr,
        b"POST /v1/articles HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\
          Content-Length: 1000000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n",
        wait,
    )
    .await;
    let (status, body) = parse(&declared);
    assert_eq!(status, 413);
    assert_eq!(body["error"]["code"], "payload_too_large");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_healthy(addr).await;
    app.cleanup().await;
}

#[tokio::test]
async fn shutdown_gives_up_on_a_half_sent_request_at_its_deadline() {
    let app = TestApp::spawn().await;
    let limits = ConnectionLimits {
        header_read: Duration::from_secs(60),
        idle: Duration::from_secs(60),
        ..quick_limits()
    };
    let (addr, stop, served) = serve_tcp(&app, limits).await;
    let mut half = TcpStream::connect(addr).await.unwrap();
    half.write_all(b"POST /v1/articles HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"te")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send(()).unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(5), served).await;
    assert!(
        ended.is_ok(),
        "serve still running 5 s after shutdown (grace 1 s)"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn compressed_bodies_are_read_and_unknown_encodings_refused() {
    use std::io::Write;
    let app = TestApp::spawn().await;
    let article = serde_json::to_vec(&crate::helpers::sample_article()).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&article).unwrap();
    let request = Request::post("/v1/articles")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_ENCODING, "gzip")
        .body(Body::from(gz.finish().unwrap()))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert!(!reply.body["statements"].as_array().unwrap().is_empty());

    let request = Request::post("/v1/articles")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_ENCODING, "x-unknown")
        .body(Body::from(article))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(
        reply.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        reply.body
    );
    reply.error_code();
    app.cleanup().await;
}

#[tokio::test]
async fn request_ids_are_echoed_only_when_they_cannot_forge_logs() {
    let app = TestApp::spawn().await;
    let with_id = |id: &'static str| {
        Request::get("/healthz")
            .header("x-request-id", id)
            .body(Body::empty())
            .unwrap()
    };
    let kept = app.send(with_id("client-42.a_b")).await;
    assert_eq!(kept.headers["x-request-id"], "client-42.a_b");
    for forged in ["a b", "x\"} {\"level\":\"ERROR", &"a".repeat(65)] {
        let forged: &'static str = Box::leak(forged.to_string().into_boxed_str());
        let reply = app.send(with_id(forged)).await;
        let id = reply.headers["x-request-id"].to_str().unwrap();
        assert_ne!(id, forged);
        assert_eq!(id.len(), 36, "a fresh UUID: {id}");
    }
    app.cleanup().await;
}

#[tokio::test]
async fn past_the_in_flight_limit_requests_are_shed_with_retry_after() {
    let app = TestApp::with_settings(Settings {
        connections: ConnectionLimits {
            max_in_flight: 1,
            ..ConnectionLimits::default()
        },
        ..Settings::default()
    })
    .await;
    // An article whose body never ends holds the only slot.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    let body = Body::from_stream(tokio_stream_from(rx));
    let router = app.router.clone();
    let holding = tokio::spawn(async move {
        use tower::ServiceExt;
        router
            .oneshot(
                Request::post("/v1/articles")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(body)
                    .unwrap(),
            )
            .await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let shed = app.get("/v1/statements").await;
    assert_eq!(
        shed.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        shed.body
    );
    assert_eq!(shed.error_code(), "overloaded");
    assert_eq!(shed.headers[header::RETRY_AFTER], "1");
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    drop(tx);
    let _ = holding.await;
    assert_eq!(app.get("/v1/statements").await.status, StatusCode::OK);
    app.cleanup().await;
}

/// A body stream fed from a channel, so a test decides when it ends.
fn tokio_stream_from(
    mut rx: tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

#[tokio::test]
async fn each_client_has_a_rate_and_is_told_when_to_come_back() {
    use whosaid::http::rate::RateSettings;
    let app = TestApp::with_settings(Settings {
        rate: RateSettings {
            per_second: 1,
            burst: 3,
            loopback: true,
        },
        ..Settings::default()
    })
    .await;
    let (addr, _stop, _served) = serve_tcp(&app, quick_limits()).await;
    let get = |path: &'static str| async move {
        let request = format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        exchange(addr, request.as_bytes(), Duration::from_secs(5)).await
    };
    for _ in 0..3 {
        assert!(get("/v1/statements").await.starts_with(b"HTTP/1.1 200"));
    }
    let refused = get("/v1/statements").await;
    let (status, body) = parse(&refused);
    assert_eq!(status, 429);
    assert_eq!(body["error"]["code"], "rate_limited");
    let text = String::from_utf8_lossy(&refused).to_lowercase();
    assert!(text.contains("retry-after: 1"), "{text}");
    // Health checks are never limited.
    assert_healthy(addr).await;
    // Without the loopback setting, this machine's own tools are not limited.
    let open = TestApp::spawn().await;
    let (addr, _stop, _served) = serve_tcp(&open, quick_limits()).await;
    for _ in 0..300 {
        let answer = exchange(
            addr,
            b"GET /v1/statements?limit=1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
            Duration::from_secs(5),
        )
        .await;
        assert!(answer.starts_with(b"HTTP/1.1 200"));
    }
    open.cleanup().await;
    app.cleanup().await;
}

#[tokio::test]
async fn pages_elsewhere_may_read_but_write_only_from_configured_origins() {
    let app = TestApp::with_settings(Settings {
        cors_write_origins: vec!["https://desk.example.org".to_string()],
        ..Settings::default()
    })
    .await;
    let preflight = |origin: &str, method: &str| {
        Request::options("/v1/articles")
            .header("origin", origin)
            .header("access-control-request-method", method)
            .header("access-control-request-headers", "content-type")
            .body(Body::empty())
            .unwrap()
    };
    let allowed = |reply: &axum::response::Response| {
        reply
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_string())
    };
    let desk = app
        .send_raw(preflight("https://desk.example.org", "POST"))
        .await;
    assert_eq!(allowed(&desk).as_deref(), Some("https://desk.example.org"));
    let other = app
        .send_raw(preflight("https://elsewhere.example", "POST"))
        .await;
    assert_eq!(
        allowed(&other),
        None,
        "no write permission for other origins"
    );
    let read = app
        .send_raw(preflight("https://elsewhere.example", "GET"))
        .await;
    assert_eq!(allowed(&read).as_deref(), Some("https://elsewhere.example"));
    app.cleanup().await;
}
