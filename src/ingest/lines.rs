//! Reading JSON Lines (NDJSON) from any async byte stream — an HTTP bulk body, a file,
//! gzip or not, stdin — a line at a time, with each line's length bounded so that one
//! endless line cannot exhaust memory, and a bad line never ends the stream.

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt};

/// One line of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// Longer than the limit; its bytes were skipped up to the next newline.
    TooLong,
    NotUtf8,
}

/// Reads lines of at most `max` bytes.
pub struct LineReader<R> {
    reader: R,
    max: usize,
    buf: Vec<u8>,
}

impl<R: AsyncBufRead + Unpin> LineReader<R> {
    pub fn new(reader: R, max: usize) -> Self {
        LineReader {
            reader,
            max,
            buf: Vec::new(),
        }
    }

    /// The next line (without its `\n` or `\r\n`), or `None` at the end of the input.
    pub async fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        self.buf.clear();
        let limit = self.max as u64 + 1;
        let read = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buf)
            .await?;
        if read == 0 {
            return Ok(None);
        }
        if self.buf.last() != Some(&b'\n') && self.buf.len() > self.max {
            self.skip_rest().await?;
            return Ok(Some(Line::TooLong));
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        Ok(Some(
            match String::from_utf8(std::mem::take(&mut self.buf)) {
                Ok(text) => Line::Text(text),
                Err(_) => Line::NotUtf8,
            },
        ))
    }

    /// Discards input up to and including the next newline, in bounded pieces.
    async fn skip_rest(&mut self) -> std::io::Result<()> {
        loop {
            self.buf.clear();
            let read = (&mut self.reader)
                .take(64 * 1024)
                .read_until(b'\n', &mut self.buf)
                .await?;
            if read == 0 || self.buf.last() == Some(&b'\n') {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Line, LineReader};

    async fn lines(input: &[u8], max: usize) -> Vec<Line> {
        let mut reader = LineReader::new(input, max);
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().await.unwrap() {
            out.push(line);
        }
        out
    }

    #[tokio::test]
    async fn splits_bounds_and_survives_bad_lines() {
        let input = b"{\"a\":1}\r\n0123456789abcdef\n\xff\xfe\nlast";
        assert_eq!(
            lines(input, 10).await,
            vec![
                Line::Text("{\"a\":1}".into()),
                Line::TooLong,
                Line::NotUtf8,
                Line::Text("last".into())
            ]
        );
    }

    #[tokio::test]
    async fn a_line_of_exactly_the_limit_fits() {
        assert_eq!(lines(b"12345\n", 5).await, vec![Line::Text("12345".into())]);
        assert_eq!(lines(b"123456", 5).await, vec![Line::TooLong]);
    }
}
