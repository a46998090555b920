//! RSS and Atom feeds: the links of their items, which `whosaid ingest FEED` then
//! fetches. Parsing is feed-rs (RSS 0.x/1.0/2.0, Atom, JSON Feed).

/// The article links a feed lists, in feed order, without repeats.
pub fn item_links(body: &[u8], feed_url: &str) -> Result<Vec<String>, String> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(feed_url))
        .build()
        .parse(body)
        .map_err(|e| format!("{feed_url} is not a readable RSS or Atom feed: {e}"))?;
    let mut links: Vec<String> = Vec::new();
    for entry in feed.entries {
        // Atom marks the article as rel="alternate" (or gives no rel); RSS has one link.
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first());
        if let Some(link) = link {
            if link.href.starts_with("http") && !links.contains(&link.href) {
                links.push(link.href.clone());
            }
        }
    }
    Ok(links)
}

/// Whether a response is a feed rather than a page, by its content type or, for the
/// many servers that send feeds as `text/xml` or `text/plain`, by how it starts.
pub fn looks_like_feed(content_type: Option<&str>, body: &[u8]) -> bool {
    let essence = content_type.map(|c| {
        c.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if let Some(kind) = essence.as_deref() {
        if kind.contains("rss") || kind.contains("atom") || kind == "application/feed+json" {
            return true;
        }
        if kind == "text/html" || kind == "application/xhtml+xml" {
            return false;
        }
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

#[cfg(test)]
mod tests {
    use super::{item_links, looks_like_feed};

    #[test]
    fn rss_and_atom_item_links() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://ex.com/a</link></item>
            <item><title>B</title><link>https://ex.com/b</link></item>
            <item><title>A again</title><link>https://ex.com/a</link></item></channel></rss>"#;
        assert_eq!(
            item_links(rss, "https://ex.com/feed").unwrap(),
            ["https://ex.com/a", "https://ex.com/b"]
        );
        let atom = br#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2024-01-01T00:00:00Z</updated>
            <entry><title>A</title><id>1</id><updated>2024-01-01T00:00:00Z</updated>
              <link rel="self" href="https://ex.com/api/1"/><link rel="alternate" href="/story/1"/></entry></feed>"#;
        assert_eq!(
            item_links(atom, "https://ex.com/feed").unwrap(),
            ["https://ex.com/story/1"]
        );
        assert!(item_links(b"<html></html>", "https://ex.com/").is_err());
    }

    #[test]
    fn tells_feeds_from_pages() {
        assert!(looks_like_feed(Some("application/rss+xml"), b""));
        assert!(looks_like_feed(
            Some("text/xml"),
            b"<?xml version='1.0'?><rss>"
        ));
        assert!(!looks_like_feed(Some("text/html"), b"<rss>"));
        assert!(!looks_like_feed(None, b"<!doctype html><html>"));
    }
}
