//! Start-up under faults: the database down at first and coming up later; started as
//! root with a data directory the `postgres` user cannot reach.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UnixStream};

use crate::helpers::TestApp;

/// Forwards TCP connections on `listener` to the server behind `url` (TCP or socket).
async fn forward(listener: TcpListener, url: String) {
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let host = options.get_host().to_string();
    let port = options.get_port();
    // A socket directory (`?host=/dir`, as whosaid's own temporary server has) wins.
    let socket = options
        .get_socket()
        .map(|dir| dir.join(format!(".s.PGSQL.{port}")));
    loop {
        let Ok((mut client, _)) = listener.accept().await else {
            return;
        };
        let host = host.clone();
        let socket = socket.clone();
        tokio::spawn(async move {
            if let Some(path) = socket {
                if let Ok(mut server) = UnixStream::connect(path).await {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                }
            } else if let Ok(mut server) = TcpStream::connect((host.as_str(), port)).await {
                let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
            }
        });
    }
}

async fn get(addr: &str, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut out = String::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_string(&mut out))
        .await
        .ok()?
        .ok()?;
    Some(out)
}

// Several threads: the proxy must keep forwarding while the test waits for the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_waits_for_a_database_that_comes_up_later() {
    let app = TestApp::spawn().await;
    // A port with nothing behind it yet: the "database" appears when the proxy starts.
    let db_port = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let db_addr = db_port.local_addr().unwrap();
    drop(db_port);
    let options: sqlx::postgres::PgConnectOptions = app.database_url().parse().unwrap();
    let url = format!(
        "postgres://{}:secret-word@{db_addr}/{}",
        options.get_username(),
        options.get_database().unwrap()
    );
    let api_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let addr = api_port.to_string();
    let log_path = std::env::temp_dir().join(format!("whosaid-wait-{}.log", std::process::id()));
    let mut server = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["serve", "--addr", &addr, "--database-wait", "60"])
        .env("DATABASE_URL", &url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        server.try_wait().unwrap().is_none(),
        "serve gave up at once"
    );
    assert!(
        TcpStream::connect(&addr).await.is_err(),
        "the port is taken only once the database is ready"
    );
    let listener = TcpListener::bind(db_addr).await.unwrap();
    tokio::spawn(forward(listener, app.database_url()));
    let deadline = Instant::now() + Duration::from_secs(30);
    let ready = loop {
        if let Some(answer) = get(&addr, "/readyz").await {
            break answer.starts_with("HTTP/1.1 200");
        }
        if Instant::now() > deadline {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let _ = std::fs::remove_file(&log_path);
    assert!(ready, "never ready once the database came up:\n{log}");
    assert!(
        log.contains("not reachable yet"),
        "each failure is logged:\n{log}"
    );
    assert!(
        log.contains(&db_addr.to_string()),
        "the log names the host:\n{log}"
    );
    assert!(!log.contains("secret-word"), "never the password:\n{log}");
    app.cleanup().await;
}

#[tokio::test]
async fn as_root_an_unreachable_data_directory_falls_back_to_one_postgres_owns() {
    let is_root = std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    if !is_root {
        eprintln!("SKIPPED: the data-directory fallback is for servers started as root");
        return;
    }
    let private = std::env::temp_dir().join(format!("whosaid-private-{}", std::process::id()));
    std::fs::create_dir_all(&private).unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700)).unwrap();
    let requested = private.join("pgdata");
    let server = whosaid::local_pg::LocalPostgres::start(&requested)
        .await
        .unwrap_or_else(|err| panic!("serve's local PostgreSQL did not start: {err}"));
    let used = server.data_dir().to_path_buf();
    let stopped = server.stop().await;
    let _ = std::fs::remove_dir_all(&used);
    let left_behind = requested.exists();
    let _ = std::fs::remove_dir_all(&private);
    stopped.unwrap();
    assert!(
        used.starts_with(whosaid::local_pg::FALLBACK_ROOT),
        "{}",
        used.display()
    );
    assert!(
        !left_behind,
        "nothing is created where postgres cannot reach"
    );
}
