//! Logging: human-readable lines by default, JSON lines with `WHOSAID_LOG_FORMAT=json`
//! (for log shippers); verbosity from `RUST_LOG` (default `info`).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; logs go to stderr so `whosaid extract` keeps stdout clean.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let json = std::env::var("WHOSAID_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    // `try_init` so tests that call it more than once do not panic.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    std::panic::set_hook(Box::new(log_panic));
}

/// Panics are logged like everything else (one JSON line with the JSON format), with
/// where they happened, instead of raw text on stderr that log shippers cannot read.
fn log_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string());
    let location = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    tracing::error!(panic = %message, %location, "panicked");
}
