//! Organisation names written anywhere in the text, speaking or not, so that a later
//! "it", "the committee" or "the statement" can refer back to one. The people registry
//! (`mentions`) finds people; this finds the other named actors: a capitalised run ending
//! in an organisation word ("Public Accounts Committee"), an acronym ("GISAID"), or a
//! capitalised run that opens a sentence as its subject ("Christian Aid has called ...").

use super::lexicon::lex;
use super::mentions::{is_acronym, Registry};
use super::quotes::NONE;
use super::text::Doc;

#[derive(Debug, Clone, PartialEq)]
pub struct OrgMention {
    pub ts: usize,
    pub te: usize,
    pub name: String,
    /// The run opens its sentence and a verb follows: the sentence is about it.
    pub subject: bool,
}

/// Every organisation mention outside quotes and headlines, in text order.
pub fn find(doc: &Doc, reg: &Registry, inside: &[u32]) -> Vec<OrgMention> {
    let n = doc.toks.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !starts_run(doc, reg, inside, i) {
            i += 1;
            continue;
        }
        let b = run_end(doc, reg, i);
        if let Some(m) = judge(doc, i, b, &out).filter(|_| !dateline_credit(doc, i, b)) {
            out.push(m);
        }
        i = b;
    }
    out
}

/// "WASHINGTON (AP) —", "(Reuters) —": the agency that filed the story, which acts in
/// no sentence of it.
fn dateline_credit(doc: &Doc, a: usize, b: usize) -> bool {
    let t = &doc.toks;
    let para = doc.paras[t[a].para];
    a > para.ts
        && a <= para.ts + 4
        && t[a - 1].is_punct('(')
        && b + 1 < t.len()
        && t[b].is_punct(')')
        && matches!(t[b + 1].kind, super::text::Kind::Punct('—' | '–' | '-'))
}

fn starts_run(doc: &Doc, reg: &Registry, inside: &[u32], i: usize) -> bool {
    doc.is_cap(i)
        && !doc.in_title(i)
        && reg.at[i] == u32::MAX
        && inside.get(i).is_none_or(|&q| q == NONE)
}

/// The end of the capitalised run at `a`: capitals, joined by "&", "of", "and", "for".
fn run_end(doc: &Doc, reg: &Registry, a: usize) -> usize {
    let n = doc.toks.len();
    let sent = doc.toks[a].sent;
    let mut b = a + 1;
    while b < n && doc.toks[b].sent == sent && reg.at[b] == u32::MAX {
        if doc.is_cap(b) {
            b += 1;
            continue;
        }
        let joiner = doc.toks[b].is_punct('&') || matches!(doc.toks[b].low, "of" | "and" | "for");
        if joiner && b + 1 < n && doc.is_cap(b + 1) && reg.at[b + 1] == u32::MAX {
            b += 2;
            continue;
        }
        break;
    }
    b
}

/// Whether `[a, b)` names an organisation, and how it reads. `known` are the
/// organisations named before it, whose shortened names ("Big Machine" after "Big
/// Machine Records") stand for them.
fn judge(doc: &Doc, mut a: usize, b: usize, known: &[OrgMention]) -> Option<OrgMention> {
    let lx = lex();
    let sent_start = doc.sents[doc.toks[a].sent].ts;
    let mut opens = a == sent_start;
    // "The", "But" and other capitalised function words are not part of a name; a
    // name after "During" or "In" opens no sentence as its subject.
    while a < b && (lx.stops.contains(doc.toks[a].low) || lx.determiners.contains(doc.toks[a].low))
    {
        let low = doc.toks[a].low;
        opens &= lx.determiners.contains(low) || matches!(low, "but" | "and" | "yet" | "so");
        a += 1;
    }
    if a >= b {
        return None;
    }
    // "Electric Co.": an abbreviated organisation word keeps its full stop.
    let mut b = b;
    let dotted = format!("{}.", doc.toks[b - 1].low);
    let dot = doc
        .toks
        .get(b)
        .is_some_and(|t| t.is_punct('.') && t.s == doc.toks[b - 1].e);
    if dot && lx.org_words.contains(dotted.as_str()) {
        b += 1;
    }
    let last = doc.toks[b - 1].low;
    let org_word = lx.org_words.contains(last) || (dot && lx.org_words.contains(dotted.as_str()));
    // "NASA", and "PG&E" or "AT&T": capitals joined by ampersands.
    let capitals = |j: usize| {
        let w = doc.word(j);
        is_acronym(w) || w.chars().all(|c| c.is_ascii_uppercase())
    };
    let acronym = (a..b).all(|j| doc.toks[j].is_punct('&') || capitals(j))
        && (b - a == 1 && doc.word(a).chars().count() >= 2 || b - a == 3);
    let next = doc.toks.get(b);
    let possessed = next.is_some_and(|t| matches!(t.low, "’s" | "'s"));
    let verb_follows = next.is_some_and(|t| {
        t.is_word()
            && !doc.is_cap(b)
            && (t.low.ends_with("ed") || t.low.ends_with('s') || is_aux(t.low))
    });
    // "On Monday, Big Machine Records issued …": a short opener before the subject.
    let after_opener = a > sent_start + 1
        && a <= sent_start + 6
        && doc.toks[a - 1].is_punct(',')
        && (sent_start..a - 1).all(|j| in_opener(doc, j));
    let subject = (opens || after_opener) && (verb_follows || possessed);
    // A single capitalised word opening a sentence is too often a person or a place.
    let subject_name = subject && b - a >= 2;
    let written = doc.text[doc.toks[a].s..doc.toks[b - 1].e]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let shortened = (b - a >= 2 && !org_word && !acronym)
        .then(|| shortened_from(&written, known))
        .flatten();
    let camel = b - a == 1 && is_camel_case(doc.word(a));
    if !(org_word || acronym || subject_name || shortened.is_some() || camel) {
        return None;
    }
    Some(OrgMention {
        ts: a,
        te: b,
        name: shortened.unwrap_or(written),
        subject,
    })
}

/// The full name of an organisation named earlier that `written` (two words or more)
/// is without its company-form word: "Big Machine" after "Big Machine Records". Only
/// such a word, since a place opens many names ("West Virginia University").
fn shortened_from(written: &str, known: &[OrgMention]) -> Option<String> {
    known
        .iter()
        .rev()
        .find(|o| {
            o.name
                .strip_prefix(written)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(is_company_form)
        })
        .map(|o| o.name.clone())
}

/// "WeWork", "PayPal", "BlackRock": a capital inside a word after lower-case letters is a
/// brand's, not a person's (surnames with such a capital open with a particle: "McCain",
/// "DeSantis", "LaGuardia", "MacArthur").
fn is_camel_case(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let particle = [
        "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du", "St",
    ]
    .iter()
    .any(|p| word.starts_with(p));
    chars.len() >= 4
        && chars[0].is_uppercase()
        && !particle
        && chars.iter().all(|c| c.is_alphabetic())
        && (2..chars.len()).any(|k| chars[k].is_uppercase() && chars[k - 1].is_lowercase())
}

/// The word a company's full name ends in and everyday use leaves off.
fn is_company_form(word: &str) -> bool {
    let low = word.trim_end_matches('.').to_lowercase();
    matches!(
        low.as_str(),
        "records"
            | "group"
            | "inc"
            | "corp"
            | "corporation"
            | "co"
            | "company"
            | "ltd"
            | "llc"
            | "plc"
            | "productions"
            | "holdings"
            | "entertainment"
            | "studios"
            | "industries"
            | "enterprises"
            | "partners"
    )
}

/// "… why the ncf is …": a short form right after a subordinating word (and "the") opens
/// a clause as its subject. (Not for capitalised runs, which are as often places: "that
/// New York's legislature has …".)
fn after_subordinator(doc: &Doc, a: usize) -> bool {
    let mut k = a;
    if k > 0 && doc.toks[k - 1].low == "the" {
        k -= 1;
    }
    k > 0
        && matches!(
            doc.toks[k - 1].low,
            "why" | "that" | "because" | "when" | "while" | "since" | "although" | "whether"
        )
}

/// Mentions of the short forms the text gives organisations in lower case ("the
/// National Cyber Force (ncf) … the ncf is …"), which no capitalised run finds.
pub fn lower_short_form_mentions(doc: &Doc, inside: &[u32], forms: &[String]) -> Vec<OrgMention> {
    if forms.is_empty() {
        return Vec::new();
    }
    (0..doc.toks.len())
        .filter(|&j| {
            forms.iter().any(|f| f == doc.toks[j].low) && inside.get(j).is_none_or(|&q| q == NONE)
        })
        .map(|j| {
            let sent_start = doc.sents[doc.toks[j].sent].ts;
            let opens =
                j == sent_start || (j == sent_start + 1 && doc.toks[sent_start].low == "the");
            let verb_follows = doc.toks.get(j + 1).is_some_and(|t| is_aux(t.low));
            OrgMention {
                ts: j,
                te: j + 1,
                name: doc.word(j).to_string(),
                subject: (opens || after_subordinator(doc, j)) && verb_follows,
            }
        })
        .collect()
}

/// A token of a short opening phrase ("On Monday"): a word or number, no comma.
fn in_opener(doc: &Doc, j: usize) -> bool {
    !doc.toks[j].is_punct(',') && !doc.toks[j].is_quote()
}

fn is_aux(low: &str) -> bool {
    matches!(
        low,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "are"
            | "were"
            | "will"
            | "would"
            | "said"
            | "says"
            | "can"
            | "could"
            | "may"
            | "might"
            | "should"
            | "did"
            | "does"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{quotes, text};

    fn names(t: &str) -> Vec<(String, bool)> {
        let low = text::lower_aligned(t);
        let doc = Doc::new(t, &low);
        let (_, inside) = quotes::find_quotes(&doc);
        let reg = Registry::build(&doc);
        find(&doc, &reg, &inside)
            .into_iter()
            .map(|m| (m.name, m.subject))
            .collect()
    }

    #[test]
    fn finds_named_organisations_and_sentence_subjects() {
        let got = names(
            "The report was written by the Public Accounts Committee. Christian Aid has \
             called on firms to act. It was backed by NASA and by Pacific Gas & Electric Co.",
        );
        assert_eq!(
            got,
            vec![
                ("Public Accounts Committee".to_string(), false),
                ("Christian Aid".to_string(), true),
                ("NASA".to_string(), false),
                ("Pacific Gas & Electric Co.".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_shortened_name_stands_for_the_organisation_named_before() {
        let got =
            names("Big Machine Records issued a statement. Swift accused Big Machine of lying.");
        assert_eq!(
            got,
            vec![
                ("Big Machine Records".to_string(), true),
                ("Big Machine Records".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_brand_written_in_camel_case_is_an_organisation() {
        let got = names("Regulators are investigating WeWork. McCain spoke. LaGuardia closed.");
        assert_eq!(got, vec![("WeWork".to_string(), false)]);
    }

    #[test]
    fn people_and_quoted_names_are_not_organisations() {
        let got = names("Mark Rutte said the \"World Bank\" was wrong. Paris is lovely.");
        assert!(got.is_empty(), "{got:?}");
    }
}
