//! What `whosaid ingest` is given, as a stream of articles: files (`.txt`, `.html`,
//! `.json` — one article or an array —, `.jsonl`/`.ndjson`, each optionally gzipped),
//! folders (recursively, in name order), `-` (JSON lines on stdin) and URLs (a page, or
//! a feed whose every item is then fetched). Each article is labelled with where it
//! came from and how many input bytes it took, for messages and the progress bar.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_compression::tokio::bufread::GzipDecoder;
use futures_util::Stream;
use tokio::io::{AsyncBufRead, AsyncReadExt, BufReader};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::lines::{Line, LineReader};
use super::pipeline::Item;
use super::{IngestError, Submission};
use crate::fetch::{Fetched, Fetcher};

/// Where an article came from: `path`, `path:line`, or a URL; and its size in bytes.
#[derive(Debug, Clone)]
pub struct Origin {
    pub label: String,
    pub bytes: u64,
}

/// The kinds of file read, by extension (after any `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Json,
    JsonLines,
}

fn kind_of(path: &Path) -> Option<(Kind, bool)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, gzip) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_string(), true),
        None => (name, false),
    };
    let kind = match name.rsplit_once('.')?.1 {
        "txt" | "text" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        "json" => Kind::Json,
        "jsonl" | "ndjson" => Kind::JsonLines,
        _ => return None,
    };
    Some((kind, gzip))
}

/// Every file to read under the arguments, with the total bytes (for progress), in order.
/// Files in folders whose extension is not one of ours are skipped; a file named on the
/// command line with such an extension is an error item.
pub fn list(args: &[String]) -> (Vec<String>, u64) {
    let mut out = Vec::new();
    let mut bytes = 0;
    for arg in args {
        let path = Path::new(arg);
        if arg == "-" || is_url(arg) || !path.is_dir() {
            bytes += std::fs::metadata(path).map_or(0, |m| m.len());
            out.push(arg.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(path).sort_by_file_name().into_iter();
        for entry in walk.filter_map(Result::ok) {
            if entry.file_type().is_file() && kind_of(entry.path()).is_some() {
                bytes += entry.metadata().map_or(0, |m| m.len());
                out.push(entry.path().display().to_string());
            }
        }
    }
    (out, bytes)
}

fn is_url(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}

/// The articles of `inputs` (as `list` gives them), read one input at a time; lines
/// and files are at most `max_bytes` each.
pub fn articles(
    inputs: Vec<String>,
    fetcher: Option<Arc<Fetcher>>,
    max_bytes: usize,
) -> impl Stream<Item = Item<Origin>> + Send + 'static {
    let (tx, rx) = mpsc::channel(64);
    tokio::spawn(async move {
        for input in inputs {
            let sent = if input == "-" {
                read_lines(BufReader::new(tokio::io::stdin()), "stdin", max_bytes, &tx).await
            } else if is_url(&input) {
                read_url(&input, fetcher.as_deref(), &tx).await
            } else {
                read_file(PathBuf::from(&input), max_bytes, &tx).await
            };
            if sent.is_err() {
                return; // nobody is listening any more
            }
        }
    });
    ReceiverStream::new(rx)
}

type Sender = mpsc::Sender<Item<Origin>>;
type Sent = Result<(), mpsc::error::SendError<Item<Origin>>>;

async fn send(
    tx: &Sender,
    label: String,
    bytes: u64,
    input: Result<Submission, IngestError>,
) -> Sent {
    tx.send(Item {
        label: Origin { label, bytes },
        input,
    })
    .await
}

async fn read_file(path: PathBuf, max_bytes: usize, tx: &Sender) -> Sent {
    let label = path.display().to_string();
    let Some((kind, gzip)) = kind_of(&path) else {
        let message = "not a .txt, .html, .json, .jsonl or .ndjson file (or one of those gzipped)"
            .to_string();
        return send(tx, label, 0, Err(IngestError::Input(message))).await;
    };
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => BufReader::new(file),
        Err(err) => return send(tx, label, 0, Err(IngestError::Input(err.to_string()))).await,
    };
    let reader: Box<dyn AsyncBufRead + Unpin + Send> = if gzip {
        Box::new(BufReader::new(GzipDecoder::new(file)))
    } else {
        Box::new(file)
    };
    if kind == Kind::JsonLines {
        return read_lines(reader, &label, max_bytes, tx).await;
    }
    let mut bytes = Vec::new();
    let read = reader
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .await;
    let size = bytes.len() as u64;
    let inputs: Vec<Result<Submission, IngestError>> = match read {
        Err(err) => vec![Err(IngestError::Input(err.to_string()))],
        Ok(_) if bytes.len() > max_bytes => {
            vec![Err(IngestError::Input(format!(
                "larger than {max_bytes} bytes"
            )))]
        }
        Ok(_) => match kind {
            Kind::Text => vec![String::from_utf8(bytes)
                .map(|text| Submission {
                    text: Some(text),
                    ..Submission::default()
                })
                .map_err(|_| IngestError::Input("not UTF-8 text".into()))],
            Kind::Html => vec![Ok(Submission {
                html: Some(crate::page::decode(&bytes, None)),
                ..Submission::default()
            })],
            _ => json_articles(&bytes),
        },
    };
    let count = inputs.len().max(1) as u64;
    for (i, input) in inputs.into_iter().enumerate() {
        let item_label = if count > 1 {
            format!("{label}[{i}]")
        } else {
            label.clone()
        };
        send(tx, item_label, size / count, input).await?;
    }
    Ok(())
}

/// A `.json` file: one article, or an array of them.
fn json_articles(bytes: &[u8]) -> Vec<Result<Submission, IngestError>> {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(serde_json::Value::Array(items)) => {
            items.into_iter().map(Submission::from_json).collect()
        }
        Ok(value) => vec![Submission::from_json(value)],
        Err(err) => vec![Err(IngestError::Json(format!("not valid JSON: {err}")))],
    }
}

async fn read_lines<R: AsyncBufRead + Unpin>(
    reader: R,
    label: &str,
    max_bytes: usize,
    tx: &Sender,
) -> Sent {
    let mut lines = LineReader::new(reader, max_bytes);
    for number in 1.. {
        let line_label = format!("{label}:{number}");
        let (bytes, input) = match lines.next_line().await {
            Ok(None) => return Ok(()),
            Ok(Some(Line::Text(text))) if text.trim().is_empty() => continue,
            Ok(Some(Line::Text(text))) => (
                text.len() as u64 + 1,
                serde_json::from_str(&text)
                    .map_err(|e| IngestError::Json(format!("not valid JSON: {e}")))
                    .and_then(Submission::from_json),
            ),
            Ok(Some(Line::TooLong)) => (
                0,
                Err(IngestError::Input(format!("longer than {max_bytes} bytes"))),
            ),
            Ok(Some(Line::NotUtf8)) => (0, Err(IngestError::Input("not UTF-8 text".into()))),
            Err(err) => {
                return send(tx, line_label, 0, Err(IngestError::Input(err.to_string()))).await;
            }
        };
        send(tx, line_label, bytes, input).await?;
    }
    Ok(())
}

/// A URL: a page becomes one article; a feed, one fetch per item.
async fn read_url(url: &str, fetcher: Option<&Fetcher>, tx: &Sender) -> Sent {
    let Some(fetcher) = fetcher else {
        let message = "fetching is not available".to_string();
        return send(tx, url.to_string(), 0, Err(IngestError::Input(message))).await;
    };
    match fetcher.fetch(url).await {
        Ok(Fetched::Page {
            url: final_url,
            html,
        }) => {
            let bytes = html.len() as u64;
            let submission = Submission {
                html: Some(html),
                url: Some(final_url),
                ..Submission::default()
            };
            send(tx, url.to_string(), bytes, Ok(submission)).await
        }
        Ok(Fetched::Feed { links, .. }) => {
            for link in links {
                let submission = Submission {
                    url: Some(link.clone()),
                    fetch: true,
                    ..Submission::default()
                };
                send(tx, link, 0, Ok(submission)).await?;
            }
            Ok(())
        }
        Err(err) => send(tx, url.to_string(), 0, Err(err.into())).await,
    }
}

#[cfg(test)]
mod tests {
    use super::{kind_of, Kind};
    use std::path::Path;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_of(Path::new("a/b.TXT")), Some((Kind::Text, false)));
        assert_eq!(kind_of(Path::new("b.html.gz")), Some((Kind::Html, true)));
        assert_eq!(
            kind_of(Path::new("b.ndjson")),
            Some((Kind::JsonLines, false))
        );
        assert_eq!(kind_of(Path::new("b.json")), Some((Kind::Json, false)));
        assert_eq!(kind_of(Path::new("b.pdf")), None);
        assert_eq!(kind_of(Path::new("README")), None);
    }
}
