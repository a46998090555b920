//! Organisations written both ways in one text — "The North Atlantic Treaty Organization
//! (NATO)", "NATO (the North Atlantic Treaty Organization)" — so that both names lead to
//! one organisation. The short form must be the initials of the long one.

/// Words that may stand inside a name without giving an initial ("Department of Defense").
const GLUE: [&str; 7] = ["of", "for", "the", "and", "&", "on", "in"];

/// Every (long form, short form) pair written in `text`, in order, without repeats.
pub fn acronym_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open..].find(')').map(|c| open + c) else {
            continue;
        };
        let inside = text[open + 1..close].trim();
        let before = text[..open].trim_end();
        let pair = if is_acronym(inside) {
            long_form_before(before, inside).map(|long| (long, inside.to_string()))
        } else if is_lower_acronym(inside) {
            // House styles that write long acronyms in lower case: "National Cyber Force (ncf)".
            long_form_before(before, &inside.to_uppercase()).map(|long| (long, inside.to_string()))
        } else {
            let short = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let long = strip_article(inside);
            (is_acronym(short) && initials_match(&words(long), short))
                .then(|| (long.to_string(), short.to_string()))
        };
        if let Some(pair) = pair {
            if !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
    }
    pairs
}

/// The long form of `acronym` in `text`: the one written beside it in parentheses, else
/// a capitalised run before its first use whose initials spell it ("The International Monetary Fund
/// announced … The IMF expects"), so an organisation speaks under its full name.
pub fn long_form_of(text: &str, pairs: &[(String, String)], acronym: &str) -> Option<String> {
    if let Some((long, _)) = pairs.iter().find(|(_, short)| short == acronym) {
        return Some(long.clone());
    }
    // Two letters ("US", "EU") are the name in common use; a run with another acronym in
    // it ("Wells Fargo CEO" for WFC) is a title, not the organisation.
    if !is_acronym(acronym) || acronym.chars().count() < 3 {
        return None;
    }
    let first = acronym.chars().next()?;
    let all = words(text);
    let wanted = acronym
        .chars()
        .filter(|c| c.is_uppercase() || c.is_ascii_digit())
        .count();
    // Written out before the acronym's first use, as a name is introduced; a long form
    // only glossed later ("GISAID … The Global Initiative on …") leaves the acronym the name.
    let first_use = all.iter().position(|w| *w == acronym).unwrap_or(all.len());
    (0..first_use)
        .filter(|&i| all[i].starts_with(first))
        .find_map(|i| {
            (wanted..=(wanted * 2 + 2).min(all.len() - i))
                .map(|take| &all[i..i + take])
                .find(|run| {
                    run.len() >= 2
                        && !run
                            .last()
                            .is_some_and(|w| GLUE.contains(&w.to_lowercase().as_str()))
                        && !run.iter().any(|w| is_acronym(w))
                        && initials_match(run, acronym)
                })
                .map(|run| run.join(" "))
        })
}

/// 2 to 10 capitals (digits and `&` allowed, a lower-case letter or two too: "DoD").
fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    let capitals = s.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&n)
        && capitals >= 2
        && capitals * 2 > n
        && s.chars().all(|c| c.is_alphanumeric() || c == '&')
        && s.chars().next().is_some_and(char::is_uppercase)
}

/// "ncf", "gisaid": two to seven lower-case letters, as some publications write acronyms.
fn is_lower_acronym(s: &str) -> bool {
    (2..=7).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn strip_article(s: &str) -> &str {
    let s = s.trim();
    ["the ", "The "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s)
}

/// The capitalised run just before "(ACR)" whose initials spell ACR.
fn long_form_before(before: &str, acronym: &str) -> Option<String> {
    let all = words(before);
    let wanted = acronym
        .chars()
        .filter(|c| c.is_uppercase() || c.is_ascii_digit())
        .count();
    // Try the shortest run ending here that spells the acronym.
    for take in wanted..=(wanted * 2 + 2).min(all.len()) {
        let run = &all[all.len() - take..];
        if run
            .first()
            .is_some_and(|w| GLUE.contains(&w.to_lowercase().as_str()))
        {
            continue;
        }
        if initials_match(run, acronym) {
            return Some(run.join(" "));
        }
    }
    None
}

/// Do the capitalised words of `run` (glue words skipped, or counted as in "DoD") spell `acronym`?
fn initials_match(run: &[&str], acronym: &str) -> bool {
    let significant = |with_glue: bool| -> String {
        run.iter()
            .filter(|w| with_glue || !GLUE.contains(&w.to_lowercase().as_str()))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    if !run.iter().all(|w| {
        GLUE.contains(&w.to_lowercase().as_str())
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }) {
        return false;
    }
    let spelled: String = acronym.chars().filter(|c| *c != '&').collect();
    [false, true]
        .iter()
        .any(|&glue| significant(glue).eq_ignore_ascii_case(&spelled))
        || one_word_left_out(&significant(false), &spelled)
}

/// "New York State Attorney General (NYAG)": the initials with one inner word's left
/// out spell an acronym of three letters or more.
fn one_word_left_out(initials: &str, spelled: &str) -> bool {
    let initials: Vec<char> = initials.chars().collect();
    spelled.chars().count() >= 3
        && initials.len() == spelled.chars().count() + 1
        && (1..initials.len() - 1).any(|k| {
            let kept: String = initials
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != k)
                .map(|(_, c)| c)
                .collect();
            kept.eq_ignore_ascii_case(spelled)
        })
}

#[cfg(test)]
mod tests {
    use super::acronym_pairs;

    fn pairs(text: &str) -> Vec<(String, String)> {
        acronym_pairs(text)
    }

    #[test]
    fn an_acronym_may_leave_out_one_inner_word() {
        assert_eq!(
            pairs("The New York State Attorney General (NYAG) is investigating."),
            [(
                "New York State Attorney General".to_string(),
                "NYAG".to_string()
            )]
        );
        // Not in a two-letter acronym, and not the first or the last word.
        assert!(pairs("Visiting Mark Van Rutte (MR) was seen.").is_empty());
        assert!(pairs("The Red Big Machine Group (RBM) met.").is_empty());
    }

    #[test]
    fn long_form_then_acronym_and_the_other_way() {
        assert_eq!(
            pairs("Members of The North Atlantic Treaty Organization (NATO) met."),
            [(
                "North Atlantic Treaty Organization".to_string(),
                "NATO".to_string()
            )]
        );
        assert_eq!(
            pairs("said NATO (the North Atlantic Treaty Organization) would"),
            [(
                "North Atlantic Treaty Organization".to_string(),
                "NATO".to_string()
            )]
        );
        assert_eq!(
            pairs("the Department of Defense (DoD) and the World Health Organization (WHO) said"),
            [
                ("Department of Defense".to_string(), "DoD".to_string()),
                ("World Health Organization".to_string(), "WHO".to_string())
            ]
        );
    }

    #[test]
    fn a_lower_case_acronym_is_a_short_form_too() {
        assert_eq!(
            pairs("Britain’s National Cyber Force (ncf), created in 2020, acts."),
            [("National Cyber Force".to_string(), "ncf".to_string())]
        );
        // Lower-case words in parentheses whose initials spell nothing before them.
        assert!(pairs("The plan (sic) was read by Tom Lee (yes).").is_empty());
    }

    #[test]
    fn an_acronym_finds_its_long_form_without_parentheses() {
        let text = "The International Monetary Fund announced cuts. The IMF expects less.";
        assert_eq!(
            super::long_form_of(text, &[], "IMF").as_deref(),
            Some("International Monetary Fund")
        );
        assert_eq!(
            super::long_form_of("Big Machine said. BM", &[], "BMR"),
            None
        );
        // Glossed only after the acronym is in use: the acronym stays the name.
        let later =
            "GISAID holds the data. The Global Initiative on Sharing Avian Influenza Data began.";
        assert_eq!(super::long_form_of(later, &[], "GISAID"), None);
    }

    #[test]
    fn parentheses_that_are_not_acronyms_are_ignored() {
        assert!(pairs("Mark Rutte (pictured) said").is_empty());
        assert!(
            pairs("the company (IBM) said").is_empty(),
            "initials must match"
        );
        assert!(pairs("Senator Jones (D-Ohio) said").is_empty());
        assert!(pairs("prices rose (see chart (2)) today").is_empty());
    }
}
