//! The default set-up: `whosaid serve` with no DATABASE_URL runs its own PostgreSQL,
//! serves, and stops it again on SIGTERM.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A minimal HTTP/1.1 exchange, so this test needs no HTTP client crate.
fn http(addr: &str, request: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())?;
    Some((status, body))
}

/// Stops the server however the test ends, so a failing assertion leaves nothing running.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.0.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(30);
            while matches!(self.0.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = self.0.kill();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn serve_runs_its_own_postgres_and_stops_it() {
    let dir = std::env::temp_dir().join(format!("whosaid-serve-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data_dir = dir.join("pgdata");
    let addr = format!("127.0.0.1:{}", free_port());
    std::fs::create_dir_all(&dir).unwrap();
    let log_path = dir.join("serve.log");
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["serve", "--addr", &addr])
            .env_remove("DATABASE_URL")
            .env("WHOSAID_DATA_DIR", &data_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log_path).unwrap())
            .spawn()
            .expect("start whosaid serve"),
    );

    let deadline = Instant::now() + Duration::from_secs(120);
    let ready = loop {
        if let Some((200, _)) = http(
            &addr,
            "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        ) {
            break true;
        }
        if Instant::now() > deadline || server.0.try_wait().unwrap().is_some() {
            break false;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    if !ready {
        drop(server);
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        panic!("whosaid serve never became ready:\n{log}");
    }
    assert!(
        data_dir.join("PG_VERSION").exists(),
        "the data directory was initialised"
    );
    assert!(
        data_dir.join("postmaster.pid").exists(),
        "the local server is running"
    );

    let body = r#"{"text": "“The bridge opens in May,” said Omar Haddad, the city engineer."}"#;
    let post = format!(
        "POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (status, reply) = http(&addr, &post).expect("POST answered");
    assert_eq!(status, 201, "{reply}");
    let (status, reply) = http(
        &addr,
        "GET /v1/statements?person=Haddad HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    assert_eq!(status, 200);
    assert!(reply.contains("The bridge opens in May"), "{reply}");

    let killed = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(60);
    let exit = loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "whosaid did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(exit.success(), "exit status {exit}");
    assert!(
        !data_dir.join("postmaster.pid").exists(),
        "the local PostgreSQL was stopped"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
