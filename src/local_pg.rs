//! A private PostgreSQL server run by whosaid itself.
//!
//! Why this exists: `cargo run --release -- serve` should work on a fresh machine that has
//! PostgreSQL *installed* but no server *set up*, and `cargo test` should pass without a
//! `DATABASE_URL`. When no URL is given, whosaid finds the server binaries, initialises a data
//! directory of its own and runs a server that listens on a Unix socket only (no TCP port that
//! could clash with a machine-wide cluster on 5432).
//!
//! Decisions worth knowing:
//! * **Binaries**: `initdb`, `pg_ctl` and `postgres` must sit in one directory; we look on `PATH`
//!   first (following symlinks, so `/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb`
//!   resolves to the real bin dir), then in `/usr/lib/postgresql/*/bin`, newest version first.
//!   If the data directory was already initialised, the bin dir whose major version matches its
//!   `PG_VERSION` is preferred, because a server cannot open another major version's data.
//! * **Root**: PostgreSQL refuses to run as root. When the effective uid is 0, every PostgreSQL
//!   program runs as the `postgres` system user (uid/gid from `/etc/passwd`, else `getent`), the
//!   data directory is owned by it, and each parent directory is checked to be traversable by it.
//!   The database superuser is always named `postgres` (`initdb -U postgres`), whoever runs it.
//! * **Authentication**: `trust`, but only over a socket in a directory of mode 0700 owned by the
//!   server's user, so only that user (and root) can connect at all.
//! * **Socket**: `<data_dir>/.s.PGSQL.5432`. A Unix socket path is limited to 107 bytes, and
//!   PostgreSQL's list syntax cannot carry every character; when the data directory is too long or
//!   awkward, the socket goes to `/tmp/whosaid-pg-<hash of data dir>` instead (created with mode
//!   0700 and refused if it exists with another owner or looser mode; kept after `stop` so the
//!   next start reuses it).
//! * **A server already running on the data dir** (e.g. left over after a crash or `kill -9`):
//!   it is stopped (`pg_ctl stop -m fast`) and started again, so that it surely runs with our
//!   settings and log file. "Running on the data dir" means the pid in `postmaster.pid` is a live
//!   process whose working directory is the data dir (the postmaster `chdir`s there): a stale
//!   file whose pid was recycled by another process (even the machine-wide cluster) is removed,
//!   never signalled; one whose process is gone is left to PostgreSQL, which replaces it.
//! * **Temporary servers** (tests) are watched by a small `sh` watchdog that holds the read end
//!   of a pipe whose write end only this process has. When the process exits for any reason
//!   (including panics, `std::process::exit` and SIGKILL) the kernel closes the write end, the
//!   watchdog reads EOF, stops the server with `pg_ctl stop -m immediate` and deletes the
//!   temporary directory. The watchdog sits in its own process group and ignores SIGINT/SIGHUP/
//!   SIGQUIT, so Ctrl-C on `cargo test` cannot kill it before it has cleaned up. This is what
//!   makes it safe to keep the server in a `static`, which is never dropped:
//!
//! ```ignore
//! static PG: tokio::sync::OnceCell<LocalPostgres> = tokio::sync::OnceCell::const_new();
//! let pg = PG.get_or_init(|| async { LocalPostgres::start_temporary().await.unwrap() }).await;
//! pg.ensure_database("test_foo").await?;
//! let pool = sqlx::PgPool::connect(&pg.database_url("test_foo")).await?;
//! ```
//!
//! The server itself is started by `pg_ctl` in a session of its own, so Ctrl-C on `whosaid serve`
//! reaches only whosaid, which then calls [`LocalPostgres::stop`].

use std::fmt::Write as _;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::process::Command;

/// Port used only to name the socket file (`.s.PGSQL.5432`); the server opens no TCP port.
const PORT: u16 = 5432;
/// Database superuser created by `initdb`, independent of the OS user that runs the server.
const SUPERUSER: &str = "postgres";
/// OS user that runs PostgreSQL when whosaid itself runs as root.
const SYSTEM_USER: &str = "postgres";
/// `sizeof(sockaddr_un.sun_path)` is 108 on Linux, including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;
/// Seconds `pg_ctl` waits for start-up and shutdown.
const PG_CTL_TIMEOUT_SECS: &str = "60";
/// How many lines of a failed program's output (or of the server log) go into an error.
const TAIL_LINES: usize = 15;
/// Environment variables that would silently redirect PostgreSQL programs elsewhere.
const PG_ENV_VARS: &[&str] = &[
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGOPTIONS",
    "PGSSLMODE",
    "PGDATA",
    "PGCLIENTENCODING",
];

/// Everything that can go wrong while running the local server. Each message is one sentence
/// that says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum LocalPgError {
    #[error(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) were found on PATH or in \
         /usr/lib/postgresql/*/bin: install PostgreSQL (e.g. `apt-get install postgresql`), or \
         start one with `docker compose up -d db` and set DATABASE_URL"
    )]
    BinariesNotFound,

    #[error(
        "whosaid runs as root and PostgreSQL refuses to, but there is no `postgres` system user \
         to run it as: create one (e.g. `useradd --system postgres`), run whosaid as a regular \
         user, or set DATABASE_URL"
    )]
    NoSystemUser,

    #[error(
        "the `postgres` user (uid {uid}) cannot enter {dir}, a parent of the data directory: \
         choose a data directory it can reach with --data-dir or WHOSAID_DATA_DIR (for example \
         under /var/lib/whosaid)"
    )]
    ParentNotTraversable { dir: PathBuf, uid: u32 },

    #[error(
        "data directory {dir} belongs to uid {owner} but the server would run as uid {expected}: \
         `chown -R {expected} {dir}`, or use another data directory"
    )]
    WrongOwner {
        dir: PathBuf,
        owner: u32,
        expected: u32,
    },

    #[error(
        "data directory {dir} was created by PostgreSQL {wanted} but only PostgreSQL {found} is \
         installed: install version {wanted}, or use a fresh data directory"
    )]
    VersionMismatch {
        dir: PathBuf,
        wanted: String,
        found: String,
    },

    #[error(
        "path {0} contains characters (quotes, `$`, backquote, backslash or control characters) \
         that pg_ctl cannot pass through its shell: choose a plainer data directory"
    )]
    UnsupportedPath(PathBuf),

    #[error(
        "socket directory {dir} already exists but is not a private directory of uid {uid} \
         (mode 0700): remove it and try again"
    )]
    UnsafeSocketDir { dir: PathBuf, uid: u32 },

    #[error(
        "{pid_file} names process {pid}, which cannot be inspected to tell whether it is this data \
         directory's server: stop that process, or delete the file if it is not PostgreSQL"
    )]
    UninspectablePid { pid_file: PathBuf, pid: u32 },

    #[error("invalid database name {0:?}: it must be 1 to 63 bytes long without NUL")]
    InvalidDatabaseName(String),

    #[error("could not {action}: {source}")]
    Io {
        action: String,
        #[source]
        source: io::Error,
    },

    #[error("`{command}` failed ({status}); its last output was:\n{output}")]
    CommandFailed {
        command: String,
        status: String,
        output: String,
    },
}

impl LocalPgError {
    fn io(action: impl Into<String>) -> impl FnOnce(io::Error) -> Self {
        let action = action.into();
        move |source| LocalPgError::Io { action, source }
    }
}

/// The OS user PostgreSQL programs run as when whosaid is root.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SystemUser {
    name: String,
    uid: u32,
    gid: u32,
}

/// What makes a server temporary: its own directory, and the watchdog pipe.
#[derive(Debug)]
struct Temporary {
    /// Directory holding the data dir; removed on stop (or by the watchdog).
    root: PathBuf,
    /// Write end of the watchdog's stdin. Never written to: closing it (when this value is
    /// dropped, or when the process dies) is the signal to stop the server.
    _watchdog: std::process::ChildStdin,
}

/// A running PostgreSQL server owned by this process.
///
/// Dropping a persistent server leaves it running (the next [`LocalPostgres::start`] on the same
/// data directory stops and restarts it); dropping a temporary one makes its watchdog stop it
/// and delete its files.
#[derive(Debug)]
pub struct LocalPostgres {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    socket_dir: PathBuf,
    /// Extra socket directory under /tmp that we created because the data dir path was unusable.
    fallback_socket_dir: bool,
    /// `Some` when we are root and run PostgreSQL programs as the `postgres` user.
    run_as: Option<SystemUser>,
    temporary: Option<Temporary>,
}

impl LocalPostgres {
    /// Persistent server for `whosaid serve`: init once, start, wait until it accepts connections.
    ///
    /// `data_dir` is created if missing and initialised if it holds no cluster yet; a relative
    /// path is taken relative to the current directory. The server log is
    /// `<data_dir>/postgres.log`.
    ///
    /// Run as root, PostgreSQL runs as `postgres`, which must be able to reach `data_dir`.
    /// When it cannot (say the directory is under `/root`), the database is kept under
    /// [`FALLBACK_ROOT`] instead, in a directory named after the requested one, and the
    /// log says where; nothing is created at the requested place.
    pub async fn start(data_dir: &Path) -> Result<Self, LocalPgError> {
        let requested = absolute(data_dir)?;
        let run_as = system_user_if_root().await?;
        let data_dir = match &run_as {
            Some(user) if check_traversable(&requested, user).is_err() => {
                let fallback = fallback_data_dir(&requested);
                tracing::warn!(
                    requested = %requested.display(),
                    using = %fallback.display(),
                    "the postgres user cannot reach the data directory; keeping the database in \
                     {} instead (choose another with --data-dir or WHOSAID_DATA_DIR)",
                    fallback.display()
                );
                fallback
            }
            _ => requested,
        };
        prepare_data_dir(&data_dir, run_as.as_ref())?;
        let bin_dir = find_bin_dir(&data_dir).await?;
        Self::launch(data_dir, bin_dir, run_as, None).await
    }

    /// Throwaway server for tests: temp dir, stopped and removed when the process exits
    /// (watchdog), or earlier when the value is dropped or [`LocalPostgres::stop`]ped.
    ///
    /// Durability is switched off (`fsync=off` etc.) because the data is thrown away anyway.
    pub async fn start_temporary() -> Result<Self, LocalPgError> {
        let run_as = system_user_if_root().await?;
        let root = unique_temp_root();
        let data_dir = root.join("data");
        check_path_chars(&root)?;
        let bin_dir = find_bin_dir(&data_dir).await?;
        if let Some(user) = &run_as {
            check_traversable(&root, user)?;
        }
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&root)
            .map_err(LocalPgError::io(format!("create {}", root.display())))?;
        // The watchdog is armed before anything else can fail, so that the directory (and a
        // half-started server) are cleaned up whatever happens from here on.
        let armed = match &run_as {
            Some(user) => chown(&root, user),
            None => Ok(()),
        }
        .and_then(|()| {
            spawn_watchdog(
                &bin_dir,
                &data_dir,
                &root,
                &socket_dir_for(&data_dir),
                run_as.as_ref(),
            )
        });
        let watchdog = match armed {
            Ok(watchdog) => watchdog,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&root);
                return Err(e);
            }
        };
        let temporary = Temporary {
            root,
            _watchdog: watchdog,
        };
        Self::launch(data_dir, bin_dir, run_as, Some(temporary)).await
    }

    /// Shared second half of both constructors: socket dir, initdb, start.
    async fn launch(
        data_dir: PathBuf,
        bin_dir: PathBuf,
        run_as: Option<SystemUser>,
        temporary: Option<Temporary>,
    ) -> Result<Self, LocalPgError> {
        let socket_dir = socket_dir_for(&data_dir);
        let fallback_socket_dir = socket_dir != data_dir;
        if fallback_socket_dir {
            prepare_fallback_socket_dir(&socket_dir, run_as.as_ref())?;
        }
        let pg = LocalPostgres {
            bin_dir,
            data_dir,
            socket_dir,
            fallback_socket_dir,
            run_as,
            temporary,
        };
        if !pg.data_dir.join("PG_VERSION").exists() {
            pg.initdb().await?;
        }
        pg.stop_leftover_server().await?;
        pg.pg_ctl_start().await?;
        Ok(pg)
    }

    /// Creates the database if missing.
    ///
    /// Runs `createdb` from the server's bin dir over the socket; "already exists" is success.
    pub async fn ensure_database(&self, name: &str) -> Result<(), LocalPgError> {
        if name.is_empty() || name.len() > 63 || name.contains('\0') {
            return Err(LocalPgError::InvalidDatabaseName(name.to_owned()));
        }
        let in_bin_dir = self.bin_dir.join("createdb");
        let createdb = if in_bin_dir.exists() {
            in_bin_dir
        } else {
            PathBuf::from("createdb")
        };
        let mut cmd = self.command(&createdb);
        cmd.arg("-h")
            .arg(&self.socket_dir)
            .arg("-p")
            .arg(PORT.to_string())
            .arg("-U")
            .arg(SUPERUSER)
            .arg("--")
            .arg(name);
        match run(cmd, &createdb, &[]).await {
            Ok(_) => {
                tracing::info!(database = name, "created database in local PostgreSQL");
                Ok(())
            }
            Err(LocalPgError::CommandFailed { output, .. })
                if output.contains("already exists") =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// e.g. "postgres://postgres@localhost:5432/whosaid?host=/abs/socket/dir&sslmode=disable".
    ///
    /// sqlx (and libpq) treat a `host` starting with `/` as a socket directory; the port picks the
    /// socket file name. `sslmode=disable` because TLS over a local socket is pointless and an
    /// inherited `PGSSLMODE=require` would otherwise make every connection fail.
    pub fn database_url(&self, dbname: &str) -> String {
        format!(
            "postgres://{SUPERUSER}@localhost:{PORT}/{}?host={}&sslmode=disable",
            percent_encode(dbname.as_bytes(), false),
            percent_encode(self.socket_dir.as_os_str().as_bytes(), true),
        )
    }

    /// The data directory (absolute).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The directory holding the server's Unix socket (absolute).
    pub fn socket_dir(&self) -> &Path {
        &self.socket_dir
    }

    /// Fast shutdown (pg_ctl stop -m fast), waits for it.
    ///
    /// A temporary server's directory is removed afterwards. If stopping fails, a temporary
    /// server is left to its watchdog (woken as `self` is dropped), which stops it with
    /// `-m immediate` and removes the directory.
    pub async fn stop(mut self) -> Result<(), LocalPgError> {
        tracing::info!(data_dir = %self.data_dir.display(), "stopping local PostgreSQL");
        self.pg_ctl_stop("fast").await?;
        if let Some(temporary) = self.temporary.take() {
            remove_dir_all(&temporary.root).await?;
            if self.fallback_socket_dir {
                remove_dir_all(&self.socket_dir).await?;
            }
            // Dropping `temporary` closes the pipe; the watchdog finds nothing left to do.
        }
        Ok(())
    }

    async fn initdb(&self) -> Result<(), LocalPgError> {
        tracing::info!(data_dir = %self.data_dir.display(), "initialising local PostgreSQL data directory");
        let initdb = self.bin_dir.join("initdb");
        let mut cmd = self.command(&initdb);
        cmd.arg("-D")
            .arg(&self.data_dir)
            .arg("-U")
            .arg(SUPERUSER)
            .arg("--auth=trust")
            .arg("--encoding=UTF8")
            .arg(format!("--locale={}", pick_locale().await));
        if self.temporary.is_some() {
            cmd.arg("--no-sync");
        }
        run(cmd, &initdb, &[]).await.map(drop)
    }

    /// Deals with a `postmaster.pid` left in our data directory (see the module docs).
    ///
    /// The pid is only ever signalled (through `pg_ctl stop`) when that process's working
    /// directory *is* our data directory, which the postmaster `chdir`s into: a stale file whose
    /// pid now belongs to another process, perhaps the machine-wide cluster, is never acted on.
    async fn stop_leftover_server(&self) -> Result<(), LocalPgError> {
        let pid_file = self.data_dir.join("postmaster.pid");
        let Ok(contents) = std::fs::read_to_string(&pid_file) else {
            return Ok(());
        };
        // An unparsable file is left to the server, which reports it in the log.
        let Some(pid) = contents
            .lines()
            .next()
            .and_then(|l| l.trim().parse::<u32>().ok())
        else {
            return Ok(());
        };
        match classify_pid(pid, &self.data_dir) {
            // PostgreSQL itself replaces a lock file whose process is gone.
            PidOwner::Gone => Ok(()),
            PidOwner::OurServer => {
                tracing::warn!(
                    data_dir = %self.data_dir.display(),
                    pid,
                    "a PostgreSQL server is already running on the data directory; restarting it"
                );
                self.pg_ctl_stop("fast").await
            }
            PidOwner::SomethingElse => {
                // PostgreSQL would refuse to start ("lock file already exists").
                tracing::warn!(pid_file = %pid_file.display(), pid, "removing stale postmaster.pid (its pid now belongs to another process)");
                std::fs::remove_file(&pid_file)
                    .map_err(LocalPgError::io(format!("remove {}", pid_file.display())))
            }
            PidOwner::Unknown => Err(LocalPgError::UninspectablePid { pid_file, pid }),
        }
    }

    async fn pg_ctl_start(&self) -> Result<(), LocalPgError> {
        tracing::info!(
            data_dir = %self.data_dir.display(),
            socket_dir = %self.socket_dir.display(),
            "starting local PostgreSQL in {}",
            self.data_dir.display()
        );
        let log = self.log_file();
        // pg_ctl hands -o to `/bin/sh -c "exec postgres ..."`; check_path_chars and
        // socket_dir_for guarantee the single-quoted path needs no further escaping.
        let mut options = format!(
            "-p {PORT} -c listen_addresses= -c unix_socket_directories='{}' -c unix_socket_permissions=0700",
            self.socket_dir.display()
        );
        if self.temporary.is_some() {
            options.push_str(
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
                 -c max_connections=200",
            );
        } else {
            // For a database of millions of statements on one machine: autovacuum on (it is
            // the default, said so it stays), memory for sorts and index builds, fewer and
            // compressed checkpoints during bulk loads.
            options.push_str(
                " -c autovacuum=on -c shared_buffers=256MB -c effective_cache_size=2GB \
                 -c work_mem=16MB -c maintenance_work_mem=256MB -c max_wal_size=4GB \
                 -c checkpoint_timeout=15min -c wal_compression=on",
            );
        }
        let pg_ctl = self.bin_dir.join("pg_ctl");
        let mut cmd = self.command(&pg_ctl);
        cmd.arg("start")
            .arg("-w")
            .arg("-t")
            .arg(PG_CTL_TIMEOUT_SECS)
            .arg("-D")
            .arg(&self.data_dir)
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(options);
        run(cmd, &pg_ctl, &[&log]).await.map(drop)
    }

    async fn pg_ctl_stop(&self, mode: &str) -> Result<(), LocalPgError> {
        let pg_ctl = self.bin_dir.join("pg_ctl");
        let mut cmd = self.command(&pg_ctl);
        cmd.arg("stop")
            .arg("-w")
            .arg("-t")
            .arg(PG_CTL_TIMEOUT_SECS)
            .arg("-m")
            .arg(mode)
            .arg("-D")
            .arg(&self.data_dir);
        run(cmd, &pg_ctl, &[&self.log_file()]).await.map(drop)
    }

    fn log_file(&self) -> PathBuf {
        self.data_dir.join("postgres.log")
    }

    fn command(&self, program: &Path) -> Command {
        command(program, self.run_as.as_ref())
    }
}

/// A command for a PostgreSQL program: as the system user when root, from `/` (the user may not
/// be able to enter our working directory), without inherited `PG*` variables, with English
/// messages (so that "already exists" can be recognised).
fn command(program: &Path, run_as: Option<&SystemUser>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir("/")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in PG_ENV_VARS {
        cmd.env_remove(var);
    }
    if let Some(user) = run_as {
        cmd.uid(user.uid).gid(user.gid);
        cmd.env("HOME", "/")
            .env("USER", &user.name)
            .env("LOGNAME", &user.name);
    }
    cmd
}

/// Runs a command to completion; on failure the error carries the tail of its output and of
/// `extra_logs` (e.g. the server log, where the server explains why it would not start).
async fn run(
    mut cmd: Command,
    program: &Path,
    extra_logs: &[&Path],
) -> Result<Output, LocalPgError> {
    let name = program
        .file_name()
        .unwrap_or(program.as_os_str())
        .to_string_lossy()
        .into_owned();
    let output = cmd
        .output()
        .await
        .map_err(LocalPgError::io(format!("run {}", program.display())))?;
    if output.status.success() {
        return Ok(output);
    }
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    let mut tail = tail_lines(&text, TAIL_LINES);
    for log in extra_logs {
        if let Ok(bytes) = std::fs::read(log) {
            let log_text = String::from_utf8_lossy(&bytes);
            let _ = write!(
                tail,
                "\n--- last lines of {} ---\n{}",
                log.display(),
                tail_lines(&log_text, TAIL_LINES)
            );
        }
    }
    Err(LocalPgError::CommandFailed {
        command: name,
        status: output.status.to_string(),
        output: tail,
    })
}

/// The last `n` non-empty lines of `text`.
fn tail_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// `std::path::absolute` without touching the file system (the path may not exist yet).
fn absolute(path: &Path) -> Result<PathBuf, LocalPgError> {
    let abs = std::path::absolute(path)
        .map_err(LocalPgError::io(format!("resolve {}", path.display())))?;
    check_path_chars(&abs)?;
    Ok(abs)
}

/// pg_ctl wraps paths in double quotes inside a shell command line, so these would break it.
fn check_path_chars(path: &Path) -> Result<(), LocalPgError> {
    let bad = path
        .as_os_str()
        .as_bytes()
        .iter()
        .any(|&b| matches!(b, b'"' | b'\'' | b'$' | b'`' | b'\\') || b.is_ascii_control());
    if bad {
        Err(LocalPgError::UnsupportedPath(path.to_owned()))
    } else {
        Ok(())
    }
}

/// A fresh, unique directory name under the system temp dir.
fn unique_temp_root() -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "whosaid-pg-test-{}-{:x}",
        std::process::id(),
        nanos & 0xffff_ffff_ffff
    ))
}

// ---------------------------------------------------------------------------------------------
// Running as root
// ---------------------------------------------------------------------------------------------

/// The effective uid: `/proc/self` belongs to it. Falls back to `id -u` without procfs.
async fn effective_uid() -> Result<u32, LocalPgError> {
    if let Ok(meta) = std::fs::metadata("/proc/self") {
        return Ok(meta.uid());
    }
    let out = Command::new("id")
        .arg("-u")
        .output()
        .await
        .map_err(LocalPgError::io("run `id -u` to find the effective uid"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| LocalPgError::Io {
            action: "parse the output of `id -u`".into(),
            source: io::Error::new(io::ErrorKind::InvalidData, "not a number"),
        })
}

/// `Some(postgres user)` when we are root, `None` when PostgreSQL can run as ourselves.
async fn system_user_if_root() -> Result<Option<SystemUser>, LocalPgError> {
    if effective_uid().await? != 0 {
        return Ok(None);
    }
    let from_file = std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|text| text.lines().find_map(|l| parse_passwd_line(l, SYSTEM_USER)));
    let user = match from_file {
        Some(user) => Some(user),
        // The user may come from NSS (LDAP, systemd-userdb...); `getent` prints passwd format.
        None => match Command::new("getent")
            .arg("passwd")
            .arg(SYSTEM_USER)
            .output()
            .await
        {
            Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
                .lines()
                .find_map(|l| parse_passwd_line(l, SYSTEM_USER)),
            _ => None,
        },
    };
    match user {
        Some(user) if user.uid != 0 => Ok(Some(user)),
        _ => Err(LocalPgError::NoSystemUser),
    }
}

/// Parses `name:password:uid:gid:gecos:home:shell`, returning the user if it is `wanted`.
fn parse_passwd_line(line: &str, wanted: &str) -> Option<SystemUser> {
    let mut fields = line.split(':');
    let name = fields.next()?;
    if name != wanted {
        return None;
    }
    let _password = fields.next()?;
    let uid = fields.next()?.trim().parse().ok()?;
    let gid = fields.next()?.trim().parse().ok()?;
    Some(SystemUser {
        name: name.to_owned(),
        uid,
        gid,
    })
}

/// Gids of the groups in `/etc/group` content that list `user` as a member.
fn supplementary_gids(group_file: &str, user: &str) -> Vec<u32> {
    group_file
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let _name = fields.next()?;
            let _password = fields.next()?;
            let gid = fields.next()?.trim().parse().ok()?;
            let members = fields.next()?;
            members.split(',').any(|m| m.trim() == user).then_some(gid)
        })
        .collect()
}

/// Whether a user with `uid`/`gids` may search a directory with these mode/owner bits.
fn can_traverse(mode: u32, owner: u32, group: u32, uid: u32, gids: &[u32]) -> bool {
    if uid == owner {
        mode & 0o100 != 0
    } else if gids.contains(&group) {
        mode & 0o010 != 0
    } else {
        mode & 0o001 != 0
    }
}

fn chown(path: &Path, user: &SystemUser) -> Result<(), LocalPgError> {
    std::os::unix::fs::chown(path, Some(user.uid), Some(user.gid)).map_err(LocalPgError::io(
        format!("give {} to the `{}` user", path.display(), user.name),
    ))
}

/// Where a root-started server keeps its database when the `postgres` user cannot reach
/// the requested data directory.
pub const FALLBACK_ROOT: &str = "/var/lib/whosaid";

/// `FALLBACK_ROOT/pgdata-<hash of requested>`: one place per requested directory, so two
/// checkouts never share a database by accident.
fn fallback_data_dir(requested: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(requested.as_os_str().as_bytes());
    let tag: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    Path::new(FALLBACK_ROOT).join(format!("pgdata-{tag}"))
}

/// Fails with [`LocalPgError::ParentNotTraversable`] naming the first ancestor of `path` that
/// the system user cannot enter. Ancestors that do not exist yet are skipped: they are
/// created with mode 0755.
fn check_traversable(path: &Path, user: &SystemUser) -> Result<(), LocalPgError> {
    let mut gids = vec![user.gid];
    if let Ok(text) = std::fs::read_to_string("/etc/group") {
        gids.extend(supplementary_gids(&text, &user.name));
    }
    let mut ancestors: Vec<&Path> = path.ancestors().skip(1).collect();
    ancestors.reverse();
    for dir in ancestors.into_iter().filter(|dir| dir.exists()) {
        let meta = std::fs::metadata(dir)
            .map_err(LocalPgError::io(format!("inspect {}", dir.display())))?;
        if !can_traverse(meta.mode(), meta.uid(), meta.gid(), user.uid, &gids) {
            return Err(LocalPgError::ParentNotTraversable {
                dir: dir.to_owned(),
                uid: user.uid,
            });
        }
    }
    Ok(())
}

/// Creates the data directory (and missing parents, mode 0755 whatever the umask, so the system
/// user can traverse them), hands it to the system user when root, and checks it can be reached.
fn prepare_data_dir(data_dir: &Path, run_as: Option<&SystemUser>) -> Result<(), LocalPgError> {
    let parent = data_dir.parent().unwrap_or(Path::new("/"));
    let mut missing: Vec<&Path> = parent.ancestors().take_while(|p| !p.exists()).collect();
    missing.reverse();
    for dir in missing {
        std::fs::DirBuilder::new()
            .mode(0o755)
            .create(dir)
            .or_else(|e| if dir.is_dir() { Ok(()) } else { Err(e) })
            .map_err(LocalPgError::io(format!("create {}", dir.display())))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).map_err(
            LocalPgError::io(format!("set permissions of {}", dir.display())),
        )?;
    }
    if !data_dir.exists() {
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(data_dir)
            .map_err(LocalPgError::io(format!("create {}", data_dir.display())))?;
    }
    let meta = std::fs::metadata(data_dir)
        .map_err(LocalPgError::io(format!("inspect {}", data_dir.display())))?;
    let Some(user) = run_as else {
        // Not root: we can neither chown nor (usually) read someone else's directory.
        return match std::fs::metadata("/proc/self") {
            Ok(me) if me.uid() != meta.uid() => Err(LocalPgError::WrongOwner {
                dir: data_dir.to_owned(),
                owner: meta.uid(),
                expected: me.uid(),
            }),
            _ => Ok(()),
        };
    };
    if meta.uid() != user.uid {
        let empty = std::fs::read_dir(data_dir)
            .map_err(LocalPgError::io(format!("list {}", data_dir.display())))?
            .next()
            .is_none();
        if !empty {
            return Err(LocalPgError::WrongOwner {
                dir: data_dir.to_owned(),
                owner: meta.uid(),
                expected: user.uid,
            });
        }
        chown(data_dir, user)?;
    }
    check_traversable(data_dir, user)
}

// ---------------------------------------------------------------------------------------------
// Socket directory
// ---------------------------------------------------------------------------------------------

/// `data_dir` itself when `<data_dir>/.s.PGSQL.5432` fits in a socket address and the path is
/// safe in `unix_socket_directories`; otherwise `/tmp/whosaid-pg-<hash of data_dir>`.
fn socket_dir_for(data_dir: &Path) -> PathBuf {
    let bytes = data_dir.as_os_str().as_bytes();
    let socket_len = bytes.len() + format!("/.s.PGSQL.{PORT}").len();
    // unix_socket_directories is a comma-separated list with quoting and trimming rules.
    let list_safe = !bytes
        .iter()
        .any(|&b| matches!(b, b',' | b' ' | b'\t') || b.is_ascii_control());
    if socket_len <= MAX_SOCKET_PATH && list_safe {
        data_dir.to_owned()
    } else {
        PathBuf::from(format!("/tmp/whosaid-pg-{:016x}", fnv1a(bytes)))
    }
}

/// FNV-1a: a stable hash (unlike `DefaultHasher`, guaranteed the same across Rust versions), so
/// a data directory always maps to the same fallback socket directory.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Creates the fallback socket directory with mode 0700, or accepts an existing one only if it
/// is a real directory owned by the server's user with no group/other permissions (anything
/// else in world-writable /tmp could be someone else's trap).
fn prepare_fallback_socket_dir(
    dir: &Path,
    run_as: Option<&SystemUser>,
) -> Result<(), LocalPgError> {
    let owner = match run_as {
        Some(user) => user.uid,
        None => std::fs::metadata("/proc/self")
            .map(|m| m.uid())
            .unwrap_or(u32::MAX),
    };
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {
            if let Some(user) = run_as {
                chown(dir, user)?;
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let meta = std::fs::symlink_metadata(dir)
                .map_err(LocalPgError::io(format!("inspect {}", dir.display())))?;
            let private = meta.is_dir() && meta.uid() == owner && meta.mode() & 0o077 == 0;
            if private {
                Ok(())
            } else {
                Err(LocalPgError::UnsafeSocketDir {
                    dir: dir.to_owned(),
                    uid: owner,
                })
            }
        }
        Err(e) => Err(LocalPgError::io(format!("create {}", dir.display()))(e)),
    }
}

/// Percent-encodes everything but unreserved characters (and `/` when `keep_slash`), so that
/// URL parsing (which also turns `+` into a space in queries) gives back the exact bytes.
fn percent_encode(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Finding the binaries
// ---------------------------------------------------------------------------------------------

const REQUIRED_PROGRAMS: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

fn has_server_programs(dir: &Path) -> bool {
    REQUIRED_PROGRAMS
        .iter()
        .all(|p| std::fs::metadata(dir.join(p)).is_ok_and(|m| m.is_file() && m.mode() & 0o111 != 0))
}

/// Candidate bin dirs in order of preference: from `PATH` (symlinks resolved), then
/// `/usr/lib/postgresql/<version>/bin`, newest first.
fn candidate_bin_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut push = |dir: PathBuf| {
        if !dirs.contains(&dir) && has_server_programs(&dir) {
            dirs.push(dir);
        }
    };
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let initdb = dir.join("initdb");
            if !initdb.exists() {
                continue;
            }
            // /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb: use the real dir,
            // which also holds createdb, the programs of the same version.
            if let Some(real) = std::fs::canonicalize(&initdb)
                .ok()
                .and_then(|p| p.parent().map(Path::to_owned))
            {
                push(real);
            }
            push(dir);
        }
    }
    let root = Path::new("/usr/lib/postgresql");
    if let Ok(entries) = std::fs::read_dir(root) {
        let names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        for name in newest_versions_first(names) {
            push(root.join(name).join("bin"));
        }
    }
    dirs
}

/// Keeps the names that look like versions ("15", "9.6") and sorts them newest first.
fn newest_versions_first(names: Vec<String>) -> Vec<String> {
    let mut versions: Vec<(Vec<u32>, String)> = names
        .into_iter()
        .filter_map(|name| {
            let parts: Option<Vec<u32>> = name.split('.').map(|p| p.parse().ok()).collect();
            parts.map(|parts| (parts, name))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0));
    versions.into_iter().map(|(_, name)| name).collect()
}

/// Major version from `postgres --version` output, e.g. "postgres (PostgreSQL) 15.8 (Debian
/// 15.8-1)" -> "15", "... 9.6.24" -> "9.6", "... 17devel" -> "17"; matches `PG_VERSION` files.
fn parse_major_version(output: &str) -> Option<String> {
    let rest = output.split_once(')')?.1.trim_start();
    let version = rest.split_whitespace().next()?;
    let numbers: Vec<u32> = version
        .split('.')
        .map(|part| {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        })
        .take_while(Option::is_some)
        .flatten()
        .collect();
    match numbers.as_slice() {
        [] => None,
        [major, ..] if *major >= 10 => Some(major.to_string()),
        [major, minor, ..] => Some(format!("{major}.{minor}")),
        [major] => Some(major.to_string()),
    }
}

async fn major_version(bin_dir: &Path) -> Option<String> {
    let out = Command::new(bin_dir.join("postgres"))
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .await
        .ok()?;
    parse_major_version(&String::from_utf8_lossy(&out.stdout))
}

/// The bin dir to use for `data_dir`: the first candidate, or, if the directory already holds a
/// cluster, the first candidate of the same major version.
async fn find_bin_dir(data_dir: &Path) -> Result<PathBuf, LocalPgError> {
    let candidates = candidate_bin_dirs();
    let Some(first) = candidates.first() else {
        return Err(LocalPgError::BinariesNotFound);
    };
    let Ok(wanted) = std::fs::read_to_string(data_dir.join("PG_VERSION")) else {
        return Ok(first.clone());
    };
    let wanted = wanted.trim().to_owned();
    let mut found = Vec::new();
    for dir in &candidates {
        match major_version(dir).await {
            Some(version) if version == wanted => return Ok(dir.clone()),
            Some(version) if !found.contains(&version) => found.push(version),
            _ => {}
        }
    }
    Err(LocalPgError::VersionMismatch {
        dir: data_dir.to_owned(),
        wanted,
        found: found.join(", "),
    })
}

/// `C.UTF-8` when the system has it (so that `lower()`/`ILIKE` handle non-ASCII letters), else
/// plain `C`, which always exists.
async fn pick_locale() -> &'static str {
    let available = Command::new("locale")
        .arg("-a")
        .stdin(Stdio::null())
        .output()
        .await
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if has_c_utf8(&available) {
        "C.UTF-8"
    } else {
        "C"
    }
}

fn has_c_utf8(locale_a_output: &str) -> bool {
    locale_a_output
        .lines()
        .any(|l| matches!(l.trim().to_ascii_lowercase().as_str(), "c.utf8" | "c.utf-8"))
}

// ---------------------------------------------------------------------------------------------
// Leftover servers and the watchdog
// ---------------------------------------------------------------------------------------------

/// What the pid in a `postmaster.pid` currently is.
#[derive(Debug, PartialEq, Eq)]
enum PidOwner {
    /// No such process.
    Gone,
    /// A live process whose working directory is the data directory: the postmaster.
    OurServer,
    /// A process (or zombie) working elsewhere: the pid was recycled.
    SomethingElse,
    /// A PostgreSQL process whose working directory we may not read (another user's).
    Unknown,
}

fn classify_pid(pid: u32, data_dir: &Path) -> PidOwner {
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    if pid == 0 || !proc_dir.exists() {
        return PidOwner::Gone;
    }
    match std::fs::read_link(proc_dir.join("cwd")) {
        Ok(cwd) => {
            let ours = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_owned());
            if cwd == ours {
                PidOwner::OurServer
            } else {
                PidOwner::SomethingElse
            }
        }
        // Zombies have no cwd; processes that exited meanwhile have no /proc entry.
        Err(e) if e.kind() == io::ErrorKind::NotFound => PidOwner::SomethingElse,
        // Not allowed to look (another user's process, or a protected one such as pid 1): a
        // process that is not even PostgreSQL cannot be the server, anything else we leave be.
        Err(_) if !looks_like_postgres(pid) => PidOwner::SomethingElse,
        Err(_) => PidOwner::Unknown,
    }
}

/// Whether the program name (argv[0]) of `pid` is `postgres` or `postmaster`.
fn looks_like_postgres(pid: u32) -> bool {
    let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
        // Unreadable: assume the worst.
        return true;
    };
    let argv0 = cmdline.split(|&b| b == 0).next().unwrap_or_default();
    let name = argv0.rsplit(|&b| b == b'/').next().unwrap_or_default();
    name.starts_with(b"postgres") || name.starts_with(b"postmaster")
}

/// The watchdog's script. Positional parameters: pg_ctl, data dir, temp root, extra dir to
/// remove (the fallback socket dir, or empty).
///
/// It ignores terminal signals (Ctrl-C on `cargo test` must not kill it before it has cleaned
/// up), blocks reading its stdin until EOF, i.e. until every copy of the write end is closed,
/// which happens when our process exits however it exits, and then cleans up.
const WATCHDOG_SCRIPT: &str = r#"trap '' INT HUP QUIT
while read -r _; do :; done
if [ -f "$2/postmaster.pid" ]; then
  "$1" stop -D "$2" -m immediate -w -t 30 >/dev/null 2>&1
fi
rm -rf -- "$3"
if [ -n "$4" ]; then rm -rf -- "$4"; fi
"#;

/// Starts the watchdog and returns the write end of its stdin.
///
/// Uses `std::process` on purpose: the pipe must not be tied to the tokio runtime that happens to
/// call this (tests create one runtime per test, and the server outlives them all). The write
/// end is close-on-exec, so no other child (notably the server) inherits it and keeps it open.
fn spawn_watchdog(
    bin_dir: &Path,
    data_dir: &Path,
    root: &Path,
    socket_dir: &Path,
    run_as: Option<&SystemUser>,
) -> Result<std::process::ChildStdin, LocalPgError> {
    use std::os::unix::process::CommandExt;

    let extra_dir = if socket_dir.starts_with(root) {
        Path::new("")
    } else {
        socket_dir
    };
    let mut cmd = std::process::Command::new("/bin/sh");
    cmd.arg("-c")
        .arg(WATCHDOG_SCRIPT)
        .arg("whosaid-pg-watchdog")
        .arg(bin_dir.join("pg_ctl"))
        .arg(data_dir)
        .arg(root)
        .arg(extra_dir)
        .current_dir("/")
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Own process group: signals sent to ours (Ctrl-C, a harness killing the group) do not
        // reach it; it exits by itself right after we do.
        .process_group(0);
    for var in PG_ENV_VARS {
        cmd.env_remove(var);
    }
    if let Some(user) = run_as {
        cmd.uid(user.uid).gid(user.gid);
    }
    let mut child = cmd.spawn().map_err(LocalPgError::io(
        "start the watchdog for the temporary PostgreSQL",
    ))?;
    // The child itself is not waited for: it lives exactly as long as this process.
    child.stdin.take().ok_or_else(|| LocalPgError::Io {
        action: "open the watchdog pipe".into(),
        source: io::Error::other("no stdin pipe"),
    })
}

async fn remove_dir_all(dir: &Path) -> Result<(), LocalPgError> {
    match tokio::fs::remove_dir_all(dir).await {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(LocalPgError::io(format!("remove {}", dir.display()))(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwd_line_is_parsed_only_for_the_wanted_user() {
        let line = "postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash";
        assert_eq!(
            parse_passwd_line(line, "postgres"),
            Some(SystemUser {
                name: "postgres".into(),
                uid: 101,
                gid: 104
            })
        );
        assert_eq!(parse_passwd_line(line, "root"), None);
        assert_eq!(
            parse_passwd_line("postgresql:x:5:5::/:/bin/sh", "postgres"),
            None
        );
        assert_eq!(parse_passwd_line("postgres:x:abc:104", "postgres"), None);
        assert_eq!(parse_passwd_line("postgres:x", "postgres"), None);
        assert_eq!(parse_passwd_line("", "postgres"), None);
    }

    #[test]
    fn supplementary_groups_list_memberships() {
        let groups = "root:x:0:\nssl-cert:x:110:postgres\nstaff:x:50:alice, postgres ,bob\nother:x:7:postgresql\nbroken:x:zz:postgres";
        assert_eq!(supplementary_gids(groups, "postgres"), vec![110, 50]);
        assert!(supplementary_gids(groups, "nobody").is_empty());
    }

    #[test]
    fn traversal_follows_owner_group_other_bits() {
        // 0755 root:root: anyone may enter.
        assert!(can_traverse(0o40755, 0, 0, 101, &[104]));
        // 0750 root:104: members of 104 may enter, others not.
        assert!(can_traverse(0o40750, 0, 104, 101, &[104]));
        assert!(!can_traverse(0o40750, 0, 0, 101, &[104]));
        // 0700 owned by the user.
        assert!(can_traverse(0o40700, 101, 0, 101, &[104]));
        // Owner bits win even when "other" would allow it.
        assert!(!can_traverse(0o40601, 101, 0, 101, &[104]));
    }

    #[test]
    fn versions_are_sorted_newest_first_and_junk_skipped() {
        let names = ["9.6", "15", "README", "10", "16", "9.5", ""]
            .map(String::from)
            .to_vec();
        assert_eq!(
            newest_versions_first(names),
            ["16", "15", "10", "9.6", "9.5"]
        );
    }

    #[test]
    fn major_version_matches_pg_version_format() {
        let v = |s: &str| parse_major_version(s);
        assert_eq!(
            v("postgres (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)\n").as_deref(),
            Some("15")
        );
        assert_eq!(v("postgres (PostgreSQL) 9.6.24").as_deref(), Some("9.6"));
        assert_eq!(v("postgres (PostgreSQL) 17devel").as_deref(), Some("17"));
        assert_eq!(v("postgres (PostgreSQL) 16beta1").as_deref(), Some("16"));
        assert_eq!(v("garbage"), None);
        assert_eq!(v("postgres (PostgreSQL) "), None);
    }

    #[test]
    fn socket_stays_in_short_plain_data_dirs() {
        let dir = Path::new("/work/main/.whosaid/pgdata");
        assert_eq!(socket_dir_for(dir), dir);
    }

    #[test]
    fn socket_falls_back_for_long_or_awkward_paths() {
        let boundary = format!(
            "/{}",
            "a".repeat(MAX_SOCKET_PATH - "/.s.PGSQL.5432".len() - 1)
        );
        assert_eq!(socket_dir_for(Path::new(&boundary)), Path::new(&boundary));
        let long = format!("{boundary}b");
        let fallback = socket_dir_for(Path::new(&long));
        assert!(fallback.starts_with("/tmp"), "{fallback:?}");
        assert_eq!(fallback, socket_dir_for(Path::new(&long)), "stable");
        assert_ne!(fallback, socket_dir_for(Path::new(&format!("{long}c"))));
        assert!(fallback.join(".s.PGSQL.5432").as_os_str().len() <= MAX_SOCKET_PATH);
        assert_ne!(socket_dir_for(Path::new("/a b/pg")), Path::new("/a b/pg"));
        assert_ne!(socket_dir_for(Path::new("/a,b/pg")), Path::new("/a,b/pg"));
    }

    #[test]
    fn fnv1a_is_the_reference_function() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn paths_pg_ctl_cannot_quote_are_rejected() {
        assert!(check_path_chars(Path::new("/work/main/.whosaid/pgdata")).is_ok());
        assert!(check_path_chars(Path::new("/a b/c-d_e.f")).is_ok());
        for bad in ["/a\"b", "/a'b", "/a$b", "/a`b", "/a\\b", "/a\nb"] {
            assert!(check_path_chars(Path::new(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn percent_encoding_round_trips_through_url_parsers() {
        assert_eq!(percent_encode(b"/tmp/x-y_z.1~", true), "/tmp/x-y_z.1~");
        assert_eq!(percent_encode(b"/a b+c&d", true), "/a%20b%2Bc%26d");
        assert_eq!(percent_encode(b"who/said", false), "who%2Fsaid");
    }

    #[test]
    fn database_url_points_at_the_socket_dir() {
        let pg = LocalPostgres {
            bin_dir: PathBuf::from("/usr/lib/postgresql/15/bin"),
            data_dir: PathBuf::from("/srv/whosaid/pgdata"),
            socket_dir: PathBuf::from("/srv/whosaid/pgdata"),
            fallback_socket_dir: false,
            run_as: None,
            temporary: None,
        };
        assert_eq!(
            pg.database_url("whosaid"),
            "postgres://postgres@localhost:5432/whosaid?host=/srv/whosaid/pgdata&sslmode=disable"
        );
    }

    #[test]
    fn tail_keeps_the_last_non_empty_lines() {
        assert_eq!(tail_lines("a\n\nb\nc\n\n", 2), "b\nc");
        assert_eq!(tail_lines("a\n", 5), "a");
        assert_eq!(tail_lines("", 5), "");
    }

    #[test]
    fn c_utf8_is_detected_in_locale_listing() {
        assert!(has_c_utf8("C\nC.utf8\nPOSIX\n"));
        assert!(has_c_utf8("C.UTF-8\n"));
        assert!(!has_c_utf8("C\nPOSIX\nen_US.utf8\n"));
    }

    #[test]
    fn pids_are_classified_by_their_working_directory() {
        let cwd = std::env::current_dir().expect("cwd");
        let me = std::process::id();
        assert_eq!(classify_pid(me, &cwd), PidOwner::OurServer);
        assert_eq!(
            classify_pid(me, Path::new("/nonexistent/pgdata")),
            PidOwner::SomethingElse
        );
        // Pid numbers are capped well below this on Linux.
        assert_eq!(classify_pid(u32::MAX - 1, &cwd), PidOwner::Gone);
        assert_eq!(classify_pid(0, &cwd), PidOwner::Gone);
        assert!(!looks_like_postgres(me));
        assert!(looks_like_postgres(u32::MAX - 1), "unreadable means maybe");
    }
}
