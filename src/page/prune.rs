//! Drops what can never be article text before the page is parsed: scripts (all but
//! JSON-LD, which carries metadata), styles, `<noscript>`, `<template>`, `<svg>` and
//! comments. Readability removes them after parsing anyway; cutting them first saves
//! the parser about a third of a typical news page (measured on the shared pages).

use memchr::{memchr, memmem};

/// Elements removed with everything inside them.
const DROPPED: [&[u8]; 5] = [b"script", b"style", b"noscript", b"template", b"svg"];

/// `html` without the dropped elements and comments. Everything else is kept byte for byte.
pub fn prune(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let (mut copied, mut at) = (0, 0);
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let Some(end) = dropped_span_end(bytes, start) else {
            at = start + 1;
            continue;
        };
        out.push_str(&html[copied..start]);
        copied = end;
        at = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// Where the comment or dropped element opening at `start` ends, or `None` to keep it.
fn dropped_span_end(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        return Some(find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3));
    }
    let name = DROPPED.iter().find(|name| opens(rest, name))?;
    let tag_end = memchr(b'>', rest).map_or(bytes.len(), |e| start + e + 1);
    if *name == b"script" && contains_ignore_case(&bytes[start..tag_end], b"ld+json") {
        return None;
    }
    // The element ends at its first end tag: a raw-text element cannot nest, and an
    // `<svg>` inside an `<svg>` is rare enough that keeping its tail is harmless.
    let close = find_end_tag(bytes, tag_end, name)?;
    Some(memchr(b'>', &bytes[close..]).map_or(bytes.len(), |e| close + e + 1))
}

/// Does `rest` open a `<name` tag (followed by a space, `>` or `/`)?
fn opens(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len() + 1
        && rest[1..=name.len()].eq_ignore_ascii_case(name)
        && matches!(
            rest[name.len() + 1],
            b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
        )
}

/// The position of the first `</name` at or after `from`, any case.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memmem::find(&bytes[at..], b"</") {
        let start = at + offset;
        let candidate = &bytes[start + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memmem::find(&bytes[from..], needle).map(|i| i + from)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::prune;

    #[test]
    fn drops_scripts_styles_and_comments() {
        let html =
            "<p>a</p><SCRIPT type=x>if (a<b) {}</script ><style>p{}</style><!-- c --><p>b</p>";
        assert_eq!(prune(html), "<p>a</p><p>b</p>");
    }

    #[test]
    fn keeps_json_ld_and_lookalike_tags() {
        let html =
            r#"<script type="application/ld+json">{"a":1}</script><styled>x</styled><svgx/>"#;
        assert_eq!(prune(html), html);
    }

    #[test]
    fn drops_svg_noscript_and_template() {
        let html = "<p>a<svg viewBox=0><title>icon</title></svg></p><noscript><img></noscript><template><p>t</p></template>";
        assert_eq!(prune(html), "<p>a</p>");
    }

    #[test]
    fn unterminated_elements_run_to_the_end() {
        assert_eq!(prune("<p>a</p><!-- open"), "<p>a</p>");
        assert_eq!(prune("<p>a</p><script>x"), "<p>a</p><script>x");
    }

    #[test]
    fn keeps_multibyte_text_intact() {
        let html = "<p>Zoë “said”</p><script>é</script><p>ü</p>";
        assert_eq!(prune(html), "<p>Zoë “said”</p><p>ü</p>");
    }
}
