//! Reporting verbs and the small words around them: the cue itself ("has said",
//! "pointed out", "said in a statement"), adverbs before it, adjuncts and addressees
//! after it ("told reporters on Tuesday").

use super::lexicon::{flag, lex, CueClass};
use super::text::{Doc, Kind};

/// "Consumer advocates are urging", "Their claims were false": a reporting verb's form
/// that is a plural noun here, the subject of the auxiliary after it. Not after a pronoun:
/// "which he says are …" keeps its verb.
pub fn is_plural_subject(doc: &Doc, i: usize) -> bool {
    let Some(next) = doc.toks.get(i + 1) else {
        return false;
    };
    doc.toks[i].low.ends_with('s')
        && !doc.toks[i].low.ends_with("ss")
        && !(i > 0 && is_pronoun(doc, i - 1))
        && is_finite_aux(next.low)
        && !matches!(next.low, "is" | "was" | "has" | "have" | "had")
}

/// Words after which a reporting verb's form is a noun: "the claims", "his calls".
const NOUN_OPENERS: [&str; 9] = ["the", "a", "an", "his", "their", "its", "our", "my", "your"];

/// A cue starting at token `i`: its end (exclusive) and class.
pub fn cue_at(doc: &Doc, i: usize) -> Option<(usize, CueClass)> {
    let lx = lex();
    let t = &doc.toks[i];
    // Headlines capitalise their verbs ("Trump Says He Will Win").
    if t.flags & flag::CUE_FIRST == 0 || (t.cap && !doc.in_title(i)) {
        return None;
    }
    let n = doc.toks.len();
    if let Some(phrases) = lx.phrasal.get(t.low) {
        for (words, class) in phrases {
            let end = i + words.len();
            if end <= n
                && words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| doc.toks[i + k].low == *w)
            {
                return Some((extend_cue(doc, end), *class));
            }
        }
    }
    let class = *lx.cues.get(t.low)?;
    // "backed away from", "called off the talks": a particle makes another verb.
    if i + 1 < n && matches!(doc.toks[i + 1].low, "away" | "off" | "down") {
        return None;
    }
    if is_plural_subject(doc, i) {
        return None;
    }
    // "a group called Citizens for Reform": a name given, not words said.
    if matches!(t.low, "called" | "named") && i >= 2 && i + 1 < n {
        let prev = &doc.toks[i - 1];
        let noun = prev.is_word() && !doc.is_cap(i - 1) && !is_pronoun(doc, i - 1);
        let indefinite =
            (i.saturating_sub(4)..i - 1).any(|k| matches!(doc.toks[k].low, "a" | "an"));
        let next = if doc.toks[i + 1].low == "the" && i + 2 < n {
            i + 2
        } else {
            i + 1
        };
        if noun && indefinite && doc.is_cap(next) {
            return None;
        }
    }
    // "the claims", "his calls": no verb follows an article or a possessive ("her" may
    // be an object).
    if i >= 1 && NOUN_OPENERS.contains(&doc.toks[i - 1].low) {
        return None;
    }
    // "his often-repeated vow", "Stadia’s current expected lineup": after a determiner
    // or a possessor and one modifier, the word is a noun or an adjective too.
    if modified_noun(doc, i) {
        return None;
    }
    // "Benchmark 10-year notes": a number and its unit make the word a noun.
    let digit = |j: usize| doc.word(j).bytes().any(|c| c.is_ascii_digit());
    // Not an age: "a 43-year-old asked".
    let unit_joined = i >= 1
        && doc.word(i - 1).contains('-')
        && digit(i - 1)
        && !doc.word(i - 1).ends_with("-old");
    if unit_joined || (i >= 3 && doc.toks[i - 2].is_punct('-') && digit(i - 3)) {
        return None;
    }
    // "pleaded guilty": a plea in court, not words reported.
    if t.low.starts_with("plead")
        && doc
            .toks
            .get(i + 1)
            .is_some_and(|t| matches!(t.low, "guilty" | "not" | "innocent" | "no"))
    {
        return None;
    }
    // "read" reports only what a document says: "“…,” the statement read."
    if matches!(t.low, "read" | "reads") && !(i >= 1 && lx.documents.contains(doc.toks[i - 1].low))
    {
        return None;
    }
    // "comments" is mostly a noun ("his comments were …"); it reports only inverted
    // after a quote: "“…,” comments Robin Biesbroek".
    if t.low == "comments" {
        let after_quote = i >= 2 && doc.toks[i - 1].is_punct(',') && doc.toks[i - 2].is_quote()
            || i >= 1 && doc.toks[i - 1].is_quote();
        if !after_quote {
            return None;
        }
    }
    // "news reports of …", "a TV show": nouns, not verbs.
    if matches!(t.low, "reports" | "report" | "show" | "shows") {
        let of = i + 1 < n && matches!(doc.toks[i + 1].low, "of" | "about" | "from");
        if of {
            return None;
        }
    }
    // "Kremlin-backed rebels": a compound adjective, not a verb.
    if i >= 2 && doc.toks[i - 1].is_punct('-') && doc.toks[i - 1].e == t.s {
        return None;
    }
    Some((extend_cue(doc, i + 1), class))
}

/// A reporting verb's form after a determiner or possessor and one modifier: a compound
/// participle ("often-repeated"), an adverb in -ly ("the widely reported"), or an adjective of time
/// or standing ("the current", "its official"). A noun there ("the company’s chief
/// executive said") is the subject's head, and stays.
fn modified_noun(doc: &Doc, i: usize) -> bool {
    if i < 2 || !doc.toks[i - 1].is_word() || doc.is_cap(i - 1) {
        return false;
    }
    let m = &doc.toks[i - 1];
    let split = i >= 4 && doc.toks[i - 2].is_punct('-') && doc.toks[i - 2].s == doc.toks[i - 3].e;
    let before = if split { i - 4 } else { i - 2 };
    // A compound noun ("his ex-wife said") is the subject's head.
    let participle = m.low.ends_with("ed") || m.low.ends_with("ing");
    let modifier = ((split || m.low.contains('-')) && participle)
        || m.low.ends_with("ly")
        || matches!(
            m.low,
            "current"
                | "latest"
                | "new"
                | "previous"
                | "earlier"
                | "recent"
                | "original"
                | "initial"
                | "final"
                | "official"
                | "formal"
                | "public"
                | "repeated"
        );
    // Before a modifier "her" is a possessive too ("her widely reported remarks"), and
    // so is a possessor's "’s".
    let determiner = NOUN_OPENERS.contains(&doc.toks[before].low)
        || matches!(doc.toks[before].low, "her" | "’s" | "'s");
    modifier && determiner
}

/// "said in a statement": the statement phrase belongs to the cue.
pub(super) fn extend_cue(doc: &Doc, end: usize) -> usize {
    let n = doc.toks.len();
    if end + 2 < n
        && doc.toks[end].low == "in"
        && matches!(doc.toks[end + 1].low, "a" | "an")
        && matches!(doc.toks[end + 2].low, "statement" | "interview" | "tweet")
    {
        return end + 3;
    }
    end
}

pub(super) fn is_pronoun(doc: &Doc, i: usize) -> bool {
    doc.toks[i].is_word() && lex().pronouns.contains_key(doc.toks[i].low)
}

pub(super) const BE: &[&str] = &["is", "was", "were", "are", "be", "been", "being", "am"];

/// A finite auxiliary or modal: "have been", "will", "is". No clause or object opens
/// with one (outside questions).
pub(super) fn is_finite_aux(low: &str) -> bool {
    matches!(
        low,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
    )
}

/// "not", "never", "didn't", "won’t": a word that negates the verb after it.
pub(super) fn is_negation(low: &str) -> bool {
    matches!(low, "not" | "never") || low.ends_with("n't") || low.ends_with("n’t")
}

pub(super) fn skip_adverbs_left(doc: &Doc, i: usize, lo: usize, ing: bool) -> usize {
    let lx = lex();
    let mut j = i;
    while j > lo {
        let low = doc.toks[j - 1].low;
        // "-ly" adverbs ("aggressively said") written in lower case.
        let ly = low.len() > 4 && low.ends_with("ly") && !doc.is_cap(j - 1);
        // "Smith last week said", "Smith on Tuesday said"
        let time = doc.toks[j - 1].flags & (flag::WEEKDAY | flag::REL_DAY) != 0
            || (matches!(low, "week" | "month" | "year" | "weekend" | "night")
                && j >= 2 + lo
                && matches!(doc.toks[j - 2].low, "last" | "this" | "next"));
        if time {
            j -= 1;
            while j > lo
                && matches!(
                    doc.toks[j - 1].low,
                    "last" | "this" | "next" | "on" | "earlier"
                )
            {
                j -= 1;
            }
            continue;
        }
        // "Smith less than two weeks ago said", "Smith two years ago wrote"
        if low == "ago" && j >= lo + 3 {
            let mut k = j - 2;
            while k > lo
                && (doc.toks[k - 1].kind == Kind::Num
                    || matches!(
                        doc.toks[k - 1].low,
                        "a" | "few"
                            | "two"
                            | "three"
                            | "several"
                            | "than"
                            | "less"
                            | "more"
                            | "just"
                            | "only"
                            | "about"
                    ))
            {
                k -= 1;
            }
            if k < j - 2 {
                j = k;
                continue;
            }
        }
        // "He continues to insist", "she went on to argue": a catenative verb and "to"
        // stand between the speaker and the cue.
        if low == "to"
            && j >= lo + 2
            && matches!(
                doc.toks[j - 2].low,
                "continues"
                    | "continued"
                    | "continue"
                    | "began"
                    | "begins"
                    | "tried"
                    | "tries"
                    | "sought"
                    | "seemed"
                    | "seems"
                    | "appeared"
                    | "appears"
            )
        {
            j -= 2;
            continue;
        }
        // A floating quantifier ("Strategists for both all agree", "They both said",
        // "voters overall said").
        let floating = matches!(low, "all" | "both" | "each" | "overall")
            && j >= lo + 2
            && doc.toks[j - 2].is_word()
            && !lex().determiners.contains(doc.toks[j - 2].low);
        if lx.adverbs.contains(low) || ly || floating || (ing && BE.contains(&low)) {
            j -= 1;
        } else {
            break;
        }
    }
    j
}

pub(super) fn skip_adverbs_right(doc: &Doc, i: usize, hi: usize) -> usize {
    let lx = lex();
    let mut j = i;
    while j < hi && lx.adverbs.contains(doc.toks[j].low) {
        j += 1;
    }
    j
}

/// Adjuncts after a cue that are not content: "on Tuesday", "in an interview", "to
/// reporters", "last week", "Monday". Returns the token after them.
pub(super) fn skip_adjuncts(doc: &Doc, i: usize, hi: usize) -> usize {
    let lx = lex();
    let time_noun = |k: usize| {
        k < hi
            && (lx.weekdays.contains_key(doc.toks[k].low)
                || matches!(
                    doc.toks[k].low,
                    "week"
                        | "month"
                        | "year"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                        | "weekend"
                        | "summer"
                        | "spring"
                        | "fall"
                        | "autumn"
                        | "winter"
                ))
    };
    let mut j = i;
    loop {
        let start = j;
        if j < hi
            && (lx.weekdays.contains_key(doc.toks[j].low)
                || matches!(doc.toks[j].low, "yesterday" | "today" | "tonight"))
        {
            j += 1;
        }
        // "last week", "earlier this month"
        if j < hi
            && matches!(
                doc.toks[j].low,
                "last" | "this" | "next" | "earlier" | "later"
            )
        {
            if time_noun(j + 1) {
                j += 2;
            } else if j + 2 < hi && doc.toks[j + 1].low == "this" && time_noun(j + 2) {
                j += 3;
            }
        }
        // "at least 5,000 people": a quantity, not a place or time.
        let quantity = j + 1 < hi && matches!(doc.toks[j + 1].low, "least" | "most");
        if j + 1 < hi
            && !quantity
            && matches!(doc.toks[j].low, "on" | "in" | "at" | "during" | "to")
        {
            // A short phrase up to the next comma, "that", or (if very short) the end.
            let mut k = j + 1;
            while k < hi
                && k < j + 7
                && (doc.toks[k].is_word() || doc.toks[k].kind == Kind::Num)
                && doc.toks[k].low != "that"
            {
                k += 1;
            }
            let ends =
                (k >= hi || matches!(doc.toks[k].kind, Kind::Punct('.' | '!' | '?'))) && k <= j + 4;
            if k > j + 1
                && (ends || (k < hi && (doc.toks[k].is_punct(',') || doc.toks[k].low == "that")))
            {
                j = k;
                if j < hi && doc.toks[j].is_punct(',') {
                    j += 1;
                }
                j = skip_calendar_date(doc, j, hi);
            }
        }
        if j == start {
            return j;
        }
    }
}

/// "“…,” Smith said matter-of-factly as confetti fell": after a quote and its frame, a
/// manner adverb and a clause of time or cause tell how and when it was said; the words
/// are the quote's.
pub(super) fn circumstance_after(doc: &Doc, j: usize, hi: usize) -> bool {
    let k = skip_manner(doc, j, hi);
    k < hi
        && matches!(
            doc.toks[k].low,
            "as" | "while" | "when" | "before" | "after" | "because" | "since" | "until"
        )
}

/// Past manner adverbs from `j`: "quietly", "matter-of-factly".
fn skip_manner(doc: &Doc, mut j: usize, hi: usize) -> usize {
    let lx = lex();
    loop {
        // "matter-of-factly": words joined by hyphens, written without spaces.
        let mut k = j;
        while k + 2 < hi
            && doc.toks[k].is_word()
            && doc.toks[k + 1].is_punct('-')
            && doc.toks[k + 1].s == doc.toks[k].e
            && doc.toks[k + 2].s == doc.toks[k + 1].e
        {
            k += 2;
        }
        let Some(t) = doc.toks.get(k).filter(|_| k < hi) else {
            return j;
        };
        let manner = t.is_word() && !t.cap && t.low.len() > 4 && t.low.ends_with("ly");
        if manner || (k == j && lx.adverbs.contains(t.low)) {
            j = k + 1;
        } else {
            return j;
        }
    }
}

/// "November 19" / "19 November" (and ", 2019" after it) at `j`, as in "on Tuesday,
/// November 19": the rest of a time adjunct; returns where it ends (`j` if none).
fn skip_calendar_date(doc: &Doc, j: usize, hi: usize) -> usize {
    let lx = lex();
    let month = |k: usize| {
        k < hi
            && lx
                .months
                .contains_key(doc.toks[k].low.trim_end_matches('.'))
    };
    let num = |k: usize| k < hi && doc.toks[k].kind == Kind::Num;
    let mut e = if month(j) && num(j + 1) || num(j) && month(j + 1) {
        j + 2
    } else {
        return j;
    };
    if e + 1 < hi && doc.toks[e].is_punct(',') && num(e + 1) {
        e += 2;
    }
    if e < hi && doc.toks[e].is_punct(',') {
        e += 1;
    }
    e
}

/// The addressee after "told": a pronoun, a name, or a short noun phrase.
pub(super) fn skip_addressee(doc: &Doc, ce: usize, hi: usize) -> usize {
    let lx = lex();
    let mut j = ce;
    if j >= hi {
        return j;
    }
    // "told host Jane Roe …": a role noun before the name.
    if lx.roles.contains(doc.toks[j].low) && j + 1 < hi && doc.is_cap(j + 1) {
        j += 1;
        while j < hi && j < ce + 6 && doc.is_cap(j) {
            j += 1;
        }
        return j;
    }
    let low = doc.toks[j].low;
    if matches!(
        low,
        "him" | "her" | "them" | "us" | "me" | "you" | "reporters" | "journalists"
    ) {
        return j + 1;
    }
    if lx.determiners.contains(low) {
        j += 1;
        // "the crowd", "a local newspaper"
        let mut k = 0;
        while j < hi && k < 3 && doc.toks[j].is_word() && doc.toks[j].low != "that" {
            j += 1;
            k += 1;
            if j < hi && !doc.is_cap(j) && !lx.role_modifiers.contains(doc.toks[j - 1].low) {
                break;
            }
        }
        return j;
    }
    // "told lawmakers it was …", "told visiting Ukraine officials they would …": a bare
    // noun phrase, up to the subject of the reported clause.
    if !doc.is_cap(j) {
        let subject = (j + 1..hi.min(j + 5)).find(|&k| {
            matches!(
                doc.toks[k].low,
                "that" | "he" | "she" | "it" | "they" | "we" | "i" | "there"
            )
        });
        if let Some(k) = subject {
            if (j..k).all(|m| doc.toks[m].is_word() && !lx.stops.contains(doc.toks[m].low)) {
                return k;
            }
        }
    }
    // "told Fox News", "told BBC Radio 4's Today programme": a name, with numbers and
    // possessives inside it, and the lower-case noun that ends it.
    let start = j;
    let inside = |k: usize| {
        doc.is_cap(k)
            || matches!(doc.toks[k].low, "’s" | "'s")
            || k > start && doc.toks[k].kind == Kind::Num && doc.is_cap(k - 1)
    };
    while j < hi && j < ce + 7 && inside(j) {
        j += 1;
    }
    let possessed = j > start + 1 && matches!(doc.toks[j - 1].low, "’s" | "'s");
    if j > start
        && j < hi
        && !possessed
        && matches!(
            doc.toks[j].low,
            "programme" | "program" | "show" | "podcast"
        )
    {
        j += 1;
    }
    j
}

/// "has said": the auxiliary of a perfect tense belongs to the cue.
pub(super) fn perfect_start(doc: &Doc, left: usize, i: usize) -> usize {
    (left..i)
        .find(|&j| matches!(doc.toks[j].low, "has" | "have" | "had"))
        .unwrap_or(i)
}
