use std::process::ExitCode;

use clap::Parser;
use whosaid::cli::{self, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    whosaid::telemetry::init();
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One sentence, the causes after it; never a panic trace.
            eprintln!("whosaid: {err:#}");
            ExitCode::FAILURE
        }
    }
}
