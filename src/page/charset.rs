//! Page bytes to text. A page declares its encoding in the HTTP `Content-Type`, a byte
//! order mark or a `<meta>` tag; older news sites still serve windows-1252 or Shift_JIS,
//! so decoding goes through encoding_rs (the WHATWG Encoding Standard) rather than
//! assuming UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes a page: the charset from `Content-Type` if given, else a BOM, else UTF-8
/// when the bytes are valid UTF-8, else the `<meta>` charset, else windows-1252 (what
/// browsers assume). Undecodable bytes become U+FFFD; NUL characters are dropped.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type
        .and_then(charset_param)
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    let encoding = declared
        .or_else(|| Encoding::for_bom(bytes).map(|(e, _)| e))
        .or_else(|| std::str::from_utf8(bytes).is_ok().then_some(UTF_8))
        .or_else(|| meta_charset(bytes))
        .unwrap_or(WINDOWS_1252);
    let (text, _, _) = encoding.decode(bytes);
    if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text.into_owned()
    }
}

/// `text/html; charset=ISO-8859-1` → `ISO-8859-1`.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The charset a `<meta charset>` or `<meta http-equiv=content-type>` declares in the
/// first 1024 bytes, as browsers look for it.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn follows_the_declared_charset() {
        let latin1 = b"<p>Caf\xe9</p>";
        assert_eq!(
            decode(latin1, Some("text/html; charset=ISO-8859-1")),
            "<p>Café</p>"
        );
        assert_eq!(
            decode(latin1, Some("text/html; charset=\"latin1\"")),
            "<p>Café</p>"
        );
    }

    #[test]
    fn utf8_then_meta_then_windows_1252() {
        assert_eq!(decode("<p>Zoë</p>".as_bytes(), None), "<p>Zoë</p>");
        let sjis = b"<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b</p>";
        assert_eq!(
            decode(sjis, None),
            "<meta charset=\"shift_jis\"><p>日本</p>"
        );
        assert_eq!(
            decode(b"<p>\x93quoted\x94</p>", None),
            "<p>\u{201c}quoted\u{201d}</p>"
        );
    }

    #[test]
    fn bom_and_nul() {
        assert_eq!(decode(b"\xef\xbb\xbf<p>a\0b</p>", None), "<p>ab</p>");
    }
}
