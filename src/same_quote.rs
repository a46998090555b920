//! When two statements are one quote: the same speaker and the same words once case,
//! punctuation and quotation marks are set aside, or a near-duplicate — one contained in
//! the other (an outlet trimming a quote), or sharing at least 90 % of their words (wire
//! copy lightly edited). Pure: the database layer asks it, and looks candidates up by the
//! [`keys`] it gives.

use sha2::{Digest, Sha256};

/// A trimmed quote must keep at least this many words to be taken as the longer one's:
/// "unrealistic" alone would otherwise join every quote that uses the word.
const MIN_CONTAINED_WORDS: usize = 5;
/// Share of words two quotes must have in common to be one.
const MIN_OVERLAP: f64 = 0.9;
/// Words at each end that identify where a trimmed quote came from.
const END_WORDS: usize = 4;

/// The words of a quote as they are compared: lower case, letters and digits only,
/// single spaces. “Ukraine’s” and "Ukraine's" give the same words.
pub fn words(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    for word in quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// SHA-256 of the words: the identity of an exact repeat.
pub fn words_hash(words: &str) -> Vec<u8> {
    Sha256::digest(words.as_bytes()).to_vec()
}

/// Stable 64-bit keys a near-duplicate is likely to share with this quote: its first and
/// last words (trimmed quotes keep one end) and two min-hashes of its word set (a quote
/// sharing 90 % of the words shares at least one of them with high probability). Stable
/// across processes and replicas: derived from SHA-256, not a seeded hasher.
pub fn keys(words: &str) -> Vec<i64> {
    let tokens: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
    if tokens.is_empty() {
        return Vec::new();
    }
    let mut keys = Vec::with_capacity(4);
    let n = END_WORDS.min(tokens.len());
    keys.push(key(&format!("head:{}", tokens[..n].join(" "))));
    keys.push(key(&format!(
        "tail:{}",
        tokens[tokens.len() - n..].join(" ")
    )));
    for seed in ["a", "b"] {
        let min = tokens
            .iter()
            .map(|t| key(&format!("{seed}:{t}")))
            .min()
            .unwrap_or(0);
        keys.push(key(&format!("min{seed}:{min}")));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn key(s: &str) -> i64 {
    let digest = Sha256::digest(s.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// Are these (normalised) words the same quote?
pub fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let short_words = short.split(' ').count();
    let contained =
        short_words >= MIN_CONTAINED_WORDS && format!(" {long} ").contains(&format!(" {short} "));
    contained || overlap(a, b) >= MIN_OVERLAP
}

/// Words in common (as multisets) over the longer quote's word count.
fn overlap(a: &str, b: &str) -> f64 {
    let mut counts: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
    let a_words: Vec<&str> = a.split(' ').collect();
    let b_words: Vec<&str> = b.split(' ').collect();
    for w in &a_words {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in &b_words {
        if let Some(c) = counts.get_mut(w) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    common as f64 / a_words.len().max(b_words.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_quote_marks_do_not_count() {
        assert_eq!(
            words("“But Ukraine’s path is irreversible,” —"),
            "but ukraine s path is irreversible"
        );
        assert_eq!(
            words("\"But Ukraine's path is IRREVERSIBLE\""),
            words("‘But Ukraine’s path is irreversible’")
        );
    }

    #[test]
    fn trimmed_and_lightly_edited_quotes_are_the_same() {
        let full = words("We will never accept a peace that rewards the aggressor, and we will keep helping Ukraine");
        let trimmed = words("we will never accept a peace that rewards the aggressor");
        assert!(same(&full, &trimmed));
        let edited = words("We will never accept a peace that rewards an aggressor, and we will keep helping Ukraine");
        assert!(same(&full, &edited));
        assert!(
            !same(&full, &words("unrealistic")),
            "a single word is not a quote"
        );
        assert!(!same(
            &full,
            &words("We will keep talking to Russia about the prisoners")
        ));
    }

    #[test]
    fn near_duplicates_share_a_key() {
        let full = words("We will never accept a peace that rewards the aggressor, and we will keep helping Ukraine");
        let trimmed = words("we will never accept a peace that rewards the aggressor");
        let edited = words("We will never accept a peace that rewards an aggressor and we will keep helping Ukraine");
        let shares = |a: &str, b: &str| keys(a).iter().any(|k| keys(b).contains(k));
        assert!(shares(&full, &trimmed));
        assert!(shares(&full, &edited));
        assert_eq!(keys(&full), keys(&full.clone()), "stable");
        assert!(keys("").is_empty());
    }
}
