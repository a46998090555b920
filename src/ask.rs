//! A journalist's question in plain English, taken apart by rules: who (names before
//! "say"/"on", or "X and Y"), about what ("about ...", 'quoted words'), when ("since
//! February", "last week", "in 2025", "between 1 and 15 February"), and what kind
//! ("quotes" are direct quotes). Pure: which words are names is settled afterwards,
//! against the people and organisations the database knows.

use chrono::{Datelike, Duration, NaiveDate};

/// What a question asks.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Names given as the speaker ("Rutte", "Trump", "Putin").
    pub speakers: Vec<String>,
    /// Words that may be a name or the topic: "Mark Rutte membership" (the caller takes
    /// the longest known name from the start; the rest is the topic).
    pub loose: Vec<String>,
    /// Topic words ("membership", "peace talks").
    pub topic: Vec<String>,
    /// Words quoted in the question, searched as a phrase ("unrealistic").
    pub phrase: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kinds: Vec<&'static str>,
}

/// Question words, auxiliaries and speech verbs: they shape the question, they are not
/// what it is about.
const SCAFFOLD: &[&str] = &[
    "what",
    "whats",
    "what's",
    "who",
    "whom",
    "when",
    "how",
    "did",
    "does",
    "do",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "say",
    "said",
    "says",
    "saying",
    "tell",
    "told",
    "claim",
    "claimed",
    "state",
    "stated",
    "statements",
    "statement",
    "quotes",
    "quote",
    "quoted",
    "everything",
    "anything",
    "all",
    "me",
    "show",
    "find",
    "give",
    "list",
    "the",
    "a",
    "an",
    "of",
    "by",
    "from",
    "to",
    "been",
    "ever",
    "recently",
    "lately",
    "please",
    "any",
    "there",
];
const ABOUT: &[&str] = &["about", "on", "regarding", "concerning", "re"];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Takes `question` apart; relative dates count from `today`, month names without a year
/// mean the latest such month not after today (unless the question names a year).
pub fn parse(question: &str, today: NaiveDate) -> Parsed {
    let mut parsed = Parsed::default();
    let (text, phrase) = take_phrase(question);
    parsed.phrase = phrase;
    let tokens: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '?' | '!' | '.' | ';'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let lower: Vec<String> = tokens
        .iter()
        .map(|t| t.trim_matches(',').to_lowercase())
        .collect();
    let year = lower.iter().find_map(|t| year_of(t));
    let mut used = vec![false; tokens.len()];
    dates(&lower, today, year, &mut used, &mut parsed);
    if lower
        .iter()
        .any(|t| matches!(t.as_str(), "quotes" | "quote" | "quoted"))
    {
        parsed.kinds.push("direct");
    }
    // The speaker comes before the speech verb or "on"/"about"; the topic after.
    let about = lower.iter().position(|t| ABOUT.contains(&t.as_str()));
    let verb = lower.iter().position(|t| {
        matches!(
            t.as_str(),
            "say" | "said" | "says" | "saying" | "tell" | "told" | "quotes"
        )
    });
    let split = match (about, verb) {
        (Some(a), Some(v)) => Some(a.max(v)),
        (a, v) => a.or(v),
    };
    let words = |range: std::ops::Range<usize>, used: &[bool]| -> Vec<String> {
        range
            .filter(|&i| {
                !used[i]
                    && !SCAFFOLD.contains(&lower[i].as_str())
                    && !ABOUT.contains(&lower[i].as_str())
            })
            .map(|i| tokens[i].trim_matches(',').to_string())
            .filter(|w| !w.is_empty())
            .collect()
    };
    match split {
        Some(at) => {
            let before = words(0..at, &used);
            parsed.speakers = split_names(&before);
            parsed.topic = words(at + 1..tokens.len(), &used);
        }
        None => parsed.loose = words(0..tokens.len(), &used),
    }
    parsed
}

/// The first quoted words ('...', "...", ‘...’, “...”) and the question without them.
fn take_phrase(question: &str) -> (String, Option<String>) {
    for (open, close) in [('"', '"'), ('“', '”'), ('‘', '’'), ('\'', '\'')] {
        let Some(start) = question.find(open) else {
            continue;
        };
        // An apostrophe inside a word ("Ukraine's") is not a quotation mark.
        if open == '\''
            && question[..start]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &question[start + open.len_utf8()..];
        let Some(end) = rest.find(close) else {
            continue;
        };
        let phrase = rest[..end].trim();
        if phrase.is_empty() {
            continue;
        }
        let without = format!("{} {}", &question[..start], &rest[end + close.len_utf8()..]);
        return (without, Some(phrase.to_string()));
    }
    (question.to_string(), None)
}

/// "Trump and Putin", "Trump, Putin and Zelensky" → each name.
fn split_names(words: &[String]) -> Vec<String> {
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for word in words {
        if word.eq_ignore_ascii_case("and") || word == "&" {
            if !current.is_empty() {
                names.push(current.join(" "));
                current.clear();
            }
            continue;
        }
        current.push(word);
    }
    if !current.is_empty() {
        names.push(current.join(" "));
    }
    names
}

fn year_of(token: &str) -> Option<i32> {
    let year: i32 = token.parse().ok()?;
    (token.len() == 4 && (1900..=2100).contains(&year)).then_some(year)
}

fn month_of(token: &str) -> Option<u32> {
    let t = token.trim_end_matches('.');
    if t.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(t))
        .map(|i| i as u32 + 1)
}

fn day_of(token: &str) -> Option<u32> {
    let t = token.trim_end_matches(|c: char| c.is_alphabetic());
    let day: u32 = t.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn month_start(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month")
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        month_start(year + 1, 1)
    } else {
        month_start(year, month + 1)
    };
    next - Duration::days(1)
}

/// The year a month without one belongs to: the latest not after today.
fn year_for(month: u32, today: NaiveDate, named: Option<i32>) -> i32 {
    named.unwrap_or(if month > today.month() {
        today.year() - 1
    } else {
        today.year()
    })
}

/// Reads the date expressions and marks their tokens used.
fn dates(
    lower: &[String],
    today: NaiveDate,
    year: Option<i32>,
    used: &mut [bool],
    parsed: &mut Parsed,
) {
    let at = |i: usize| lower.get(i).map(String::as_str).unwrap_or("");
    let mut i = 0;
    while i < lower.len() {
        match at(i) {
            "today" => set(parsed, today, today, used, i, 1),
            "yesterday" => {
                let d = today - Duration::days(1);
                set(parsed, d, d, used, i, 1)
            }
            "last" | "past" | "this" => {
                let span = match at(i + 1) {
                    "week" => Some(Duration::days(7)),
                    "month" => Some(Duration::days(30)),
                    "year" => Some(Duration::days(365)),
                    _ => None,
                };
                if let Some(span) = span {
                    set(parsed, today - span, today, used, i, 2);
                    i += 2;
                    continue;
                }
            }
            "since" | "after" | "from" => {
                if let Some((start, _, n)) = when(lower, i + 1, today, year) {
                    parsed.from = Some(start);
                    used[i..=i + n].iter_mut().for_each(|u| *u = true);
                    i += n + 1;
                    continue;
                }
            }
            "before" | "until" => {
                if let Some((start, _, n)) = when(lower, i + 1, today, year) {
                    parsed.to = Some(start - Duration::days(1));
                    used[i..=i + n].iter_mut().for_each(|u| *u = true);
                    i += n + 1;
                    continue;
                }
            }
            "between" => {
                // "between 1 and 15 February", "between March and May 2024"
                if let Some(n) = between(lower, i, today, year, parsed) {
                    used[i..i + n].iter_mut().for_each(|u| *u = true);
                    i += n;
                    continue;
                }
            }
            "in" | "on" | "during" => {
                if let Some((start, end, n)) = when(lower, i + 1, today, year) {
                    parsed.from = Some(start);
                    parsed.to = Some(end);
                    used[i..=i + n].iter_mut().for_each(|u| *u = true);
                    i += n + 1;
                    continue;
                }
            }
            _ => {
                if let Some(y) = year_of(at(i)) {
                    parsed
                        .from
                        .get_or_insert(NaiveDate::from_ymd_opt(y, 1, 1).expect("a date"));
                    parsed
                        .to
                        .get_or_insert(NaiveDate::from_ymd_opt(y, 12, 31).expect("a date"));
                    used[i] = true;
                }
            }
        }
        i += 1;
    }
}

fn set(parsed: &mut Parsed, from: NaiveDate, to: NaiveDate, used: &mut [bool], i: usize, n: usize) {
    parsed.from = Some(from);
    parsed.to = Some(to);
    let end = (i + n).min(used.len());
    used[i..end].iter_mut().for_each(|u| *u = true);
}

/// A date or period at `i`: "12 February", "February 12", "February", "2025",
/// "February 2025". Returns its first and last day and how many tokens it took.
fn when(
    lower: &[String],
    i: usize,
    today: NaiveDate,
    year: Option<i32>,
) -> Option<(NaiveDate, NaiveDate, usize)> {
    let at = |k: usize| lower.get(k).map(String::as_str).unwrap_or("");
    if let Some(y) = year_of(at(i)) {
        return Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
            1,
        ));
    }
    let (day, month, n) = if let (Some(d), Some(m)) = (day_of(at(i)), month_of(at(i + 1))) {
        (Some(d), m, 2)
    } else if let Some(m) = month_of(at(i)) {
        match day_of(at(i + 1)) {
            Some(d) if year_of(at(i + 1)).is_none() => (Some(d), m, 2),
            _ => (None, m, 1),
        }
    } else {
        return None;
    };
    let (y, n) = match year_of(at(i + n)) {
        Some(y) => (y, n + 1),
        None => (year_for(month, today, year), n),
    };
    match day {
        Some(d) => {
            let date = NaiveDate::from_ymd_opt(y, month, d)?;
            Some((date, date, n))
        }
        None => Some((month_start(y, month), month_end(y, month), n)),
    }
}

/// "between A and B": returns the tokens taken.
fn between(
    lower: &[String],
    i: usize,
    today: NaiveDate,
    year: Option<i32>,
    parsed: &mut Parsed,
) -> Option<usize> {
    let and = (i + 1..lower.len().min(i + 5)).find(|&k| lower[k] == "and")?;
    let (end_from, end_to, n_end) = when(lower, and + 1, today, year)?;
    let _ = end_from;
    let start = match when(lower, i + 1, today, year) {
        Some((s, _, n)) if i + 1 + n == and => s,
        // "between 1 and 15 February": the first day borrows the second's month.
        _ => {
            let d = day_of(lower.get(i + 1)?)?;
            if i + 2 != and {
                return None;
            }
            NaiveDate::from_ymd_opt(end_to.year(), end_to.month(), d)?
        }
    };
    parsed.from = Some(start);
    parsed.to = Some(end_to);
    Some(and + 1 + n_end - i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    const TODAY: (i32, u32, u32) = (2025, 3, 10);

    fn ask(q: &str) -> Parsed {
        parse(q, day(TODAY.0, TODAY.1, TODAY.2).unwrap())
    }

    #[test]
    fn who_and_about_what() {
        let p = ask("what did Rutte say about membership");
        assert_eq!(
            (p.speakers, p.topic),
            (vec!["Rutte".to_string()], vec!["membership".to_string()])
        );
        let p = ask("Rutte on membership");
        assert_eq!(
            (p.speakers, p.topic),
            (vec!["Rutte".to_string()], vec!["membership".to_string()])
        );
        let p = ask("Mark Rutte membership");
        assert_eq!(p.loose, ["Mark", "Rutte", "membership"]);
        assert!(p.speakers.is_empty() && p.topic.is_empty());
    }

    #[test]
    fn several_speakers_and_a_year() {
        let p = ask("what did Trump and Putin say about peace talks in 2025?");
        assert_eq!(p.speakers, ["Trump", "Putin"]);
        assert_eq!(p.topic, ["peace", "talks"]);
        assert_eq!((p.from, p.to), (day(2025, 1, 1), day(2025, 12, 31)));
    }

    #[test]
    fn since_a_month_and_last_week() {
        let p = ask("what has NATO said since February");
        assert_eq!(p.speakers, ["NATO"]);
        assert_eq!((p.from, p.to), (day(2025, 2, 1), None));
        let p = ask("Hegseth quotes last week");
        assert_eq!(p.speakers, ["Hegseth"]);
        assert_eq!(p.kinds, ["direct"]);
        assert_eq!((p.from, p.to), (day(2025, 3, 3), day(2025, 3, 10)));
        let p = ask("what did Macron say since November");
        assert_eq!(
            p.from,
            day(2024, 11, 1),
            "a month after today's is last year's"
        );
    }

    #[test]
    fn quoted_words_are_a_phrase_any_speaker() {
        let p = ask("who said 'unrealistic'");
        assert_eq!(p.phrase.as_deref(), Some("unrealistic"));
        assert!(
            p.speakers.is_empty() && p.topic.is_empty() && p.loose.is_empty(),
            "{p:?}"
        );
        let p = ask("who said “peace through strength”?");
        assert_eq!(p.phrase.as_deref(), Some("peace through strength"));
        let p = ask("what did Rutte say about Ukraine's membership");
        assert_eq!(p.phrase, None, "an apostrophe is not a quotation mark");
        assert_eq!(p.topic, ["Ukraine's", "membership"]);
    }

    #[test]
    fn between_two_days() {
        let p = ask("statements about Ukraine between 1 and 15 February");
        assert_eq!(p.topic, ["Ukraine"]);
        assert!(p.speakers.is_empty());
        assert_eq!((p.from, p.to), (day(2025, 2, 1), day(2025, 2, 15)));
        let p = ask("statements about Ukraine between 1 and 15 February 2024");
        assert_eq!((p.from, p.to), (day(2024, 2, 1), day(2024, 2, 15)));
        let p = ask("what did Rutte say on 12 February");
        assert_eq!(
            (p.speakers, p.from, p.to),
            (
                vec!["Rutte".to_string()],
                day(2025, 2, 12),
                day(2025, 2, 12)
            )
        );
    }

    #[test]
    fn yesterday_and_in_a_month() {
        let p = ask("Zelensky yesterday");
        assert_eq!(p.loose, ["Zelensky"]);
        assert_eq!((p.from, p.to), (day(2025, 3, 9), day(2025, 3, 9)));
        let p = ask("what did Zelensky say in January");
        assert_eq!((p.from, p.to), (day(2025, 1, 1), day(2025, 1, 31)));
    }
}
