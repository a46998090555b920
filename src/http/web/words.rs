//! The words a set of quotes is most about, for "topics they spoke about most": counted
//! per statement (a word repeated in one quote counts once), common English words and
//! short ones left out, shown as most often written.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Words too common in speech to say what it is about (one per line in the data file).
fn common() -> &'static std::collections::HashSet<&'static str> {
    static WORDS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("common_words.txt")
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .collect()
    })
}

/// The `n` words found in the most quotes (at least two), most first, as most often
/// written ("NATO", not "nato").
pub fn top_words<'a>(quotes: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<(String, usize)> {
    // lowercase → (quotes containing it, spelling → uses)
    let mut counts: HashMap<String, (usize, HashMap<&'a str, usize>)> = HashMap::new();
    for quote in quotes {
        let mut seen = std::collections::HashSet::new();
        for word in quote
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        {
            let key = word.to_lowercase();
            let key = key
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_string();
            if common().contains(key.as_str()) {
                continue;
            }
            let entry = counts.entry(key.clone()).or_default();
            *entry.1.entry(word).or_default() += 1;
            if seen.insert(key) {
                entry.0 += 1;
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts
        .into_values()
        .filter(|(n, _)| *n >= 2)
        .map(|(n, spellings)| {
            let shown = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(w, _)| w.to_string())
                .unwrap_or_default();
            (shown, n)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(n);
    ranked
}

#[cfg(test)]
mod tests {
    use super::top_words;

    #[test]
    fn the_words_quotes_share_most_without_the_common_ones() {
        let quotes = [
            "Ukraine's path to NATO membership is irreversible",
            "We will discuss membership with Ukraine",
            "NATO membership is not on the table, and that is what we said",
        ];
        let top = top_words(quotes, 3);
        assert_eq!(top[0], ("membership".to_string(), 3));
        assert!(top.contains(&("NATO".to_string(), 2)));
        assert!(top.contains(&("Ukraine".to_string(), 2)));
        assert!(!top.iter().any(|(w, _)| w == "that" || w == "what"));
    }

    #[test]
    fn one_quote_says_nothing_is_a_topic() {
        assert!(top_words(["membership membership membership"], 5).is_empty());
    }
}
