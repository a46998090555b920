//! The last stage of finding a statement: its content is the reported words and only
//! those. Detection ends an indirect content at the sentence end; here a trailing
//! attribution comes off ("…, Smith said", "…, according to officials"), and so does a
//! preposition the verb brought along ("warned of …", "spoke about …"). Quoted words are
//! never cut.

use super::candidate::{Ctx, Raw};
use super::model::StatementKind;

/// Prepositions the reporting verb governs rather than the content ("warned of X").
const GOVERNED: [&str; 5] = ["about", "of", "for", "against", "over"];

/// Trims every indirect and mixed content of `raws` in place.
pub fn trim_all(cx: &Ctx, raws: &mut [Raw]) {
    for r in raws.iter_mut() {
        if r.kind == StatementKind::Direct {
            continue;
        }
        if r.content.len() > 1 {
            if let Some((a, b)) = tokens_of(cx, r.content[0]) {
                let a = after_dateline(cx, a, b);
                r.content[0] = cx.bytes(a, b);
            }
            continue;
        }
        let Some(found) = tokens_of(cx, r.content[0]) else {
            continue;
        };
        let a = lead(cx, r, found.0, found.1);
        let b = tail(cx, a, found.1);
        if (a, b) != found && b > a {
            r.content[0] = cx.bytes(a, b);
            r.kind = cx.kind_of(a, b);
        }
    }
}

/// The tokens `[a, b)` covering the byte span exactly.
fn tokens_of(cx: &Ctx, (s, e): (usize, usize)) -> Option<(usize, usize)> {
    let toks = &cx.doc.toks;
    let (a, b) = cx.tokens_within((s, e));
    (a < b && toks[a].s == s && toks[b - 1].e == e).then_some((a, b))
}

/// "WASHINGTON (AP) — The senator …": where the words begin after the story's dateline,
/// when a content opens its paragraph with one.
fn after_dateline(cx: &Ctx, a: usize, b: usize) -> usize {
    match cx.doc.dateline_end(a) {
        Some(d) if d + 2 < b && cx.q(a).is_none() => d,
        _ => a,
    }
}

/// "warned of dire consequences" → "dire consequences": a governed preposition right
/// after the cue, when words enough follow it.
fn lead(cx: &Ctx, r: &Raw, mut a: usize, b: usize) -> usize {
    let doc = cx.doc;
    let after_cue = r.cue.is_some_and(|(_, ce)| ce == a);
    if after_cue && b >= a + 3 && GOVERNED.contains(&doc.toks[a].low) && cx.q(a).is_none() {
        return a + 1;
    }
    a = after_dateline(cx, a, b);
    // "But the goal is …", "However, growth …": the journalist's connective.
    if b >= a + 4 && LINKS.contains(&doc.toks[a].low) && cx.q(a).is_none() {
        a += 1;
        if doc.toks[a].is_punct(',') {
            a += 1;
        }
    }
    // "her, “I just want to know …”": one or two words, a comma, then the quote.
    if let Some(open) = (a + 1..(a + 4).min(b)).find(|&j| doc.toks[j].is_quote()) {
        let lead_in =
            doc.toks[open - 1].is_punct(',') && (a..open - 1).all(|j| doc.toks[j].is_word());
        if lead_in && cx.q(open).is_some() && cx.q(a).is_none() {
            return open;
        }
    }
    a
}

/// Connectives that open a content but belong to the journalist's sentence.
const LINKS: [&str; 5] = ["but", "and", "however", "still", "yet"];

/// Cuts the content before a trailing ", Smith said" or ", according to …" — outside
/// quotes and brackets, leaving at least four words.
fn tail(cx: &Ctx, a: usize, b: usize) -> usize {
    let doc = cx.doc;
    let mut depth = 0i32;
    for j in a..b {
        let t = &doc.toks[j];
        if t.is_punct('(') || t.is_punct('[') {
            depth += 1;
        } else if t.is_punct(')') || t.is_punct(']') {
            depth -= 1;
        }
        if !t.is_punct(',') || depth != 0 || cx.q(j).is_some() || j + 1 >= b {
            continue;
        }
        if cx.words_in(a, j) < 4 {
            continue;
        }
        // A clause opened by "but" or "which" is as often the speaker's as the
        // journalist's (PolNeAR keeps most of them), so only attributions come off.
        let next = doc.toks[j + 1].low;
        if next == "according" || trailing_cue(cx, j + 1, b) {
            return j;
        }
    }
    b
}

/// ", Smith said" / ", he added" ending the content: one to three words and a cue, then
/// the end.
fn trailing_cue(cx: &Ctx, s: usize, b: usize) -> bool {
    let doc = cx.doc;
    (s + 1..(s + 4).min(b)).any(|k| {
        k + 1 == b
            && super::cues::cue_at(doc, k).is_some()
            && (s..k).all(|i| doc.toks[i].is_word() && cx.q(i).is_none())
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::tests::run;

    fn quotes(text: &str) -> Vec<String> {
        run(text).statements.into_iter().map(|s| s.quote).collect()
    }

    #[test]
    fn governed_prepositions_and_connectives_come_off() {
        assert_eq!(
            quotes("Anna Berg warned of dire consequences for the region."),
            ["dire consequences for the region"]
        );
        assert_eq!(
            quotes("Anna Berg said but the goal is not revenue at all."),
            ["the goal is not revenue at all"]
        );
    }

    #[test]
    fn trailing_attributions_come_off_and_quotes_stay_whole() {
        let got = quotes("The plan would cost more than expected, Anna Berg said.");
        assert_eq!(got, ["The plan would cost more than expected"]);
        let mixed = quotes("Anna Berg said the plan was “costly, Smith said” in town.");
        assert!(mixed[0].contains("Smith said"), "{mixed:?}");
    }
}
