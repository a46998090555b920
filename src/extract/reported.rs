//! Finds reported speech: direct quotes with their cue ("“…,” he said"), indirect speech
//! ("X said that …", "…, X said", "according to X, …") and mixes of the two. The output
//! is raw: token ranges for the speaker phrase and cue, byte spans for the content.
//! Who the speaker is gets decided in `resolve`.

use super::candidate::*;
use super::content::resumes_content;
use super::cues::*;
use super::direct::*;
use super::frames::around_cue;
use super::lexicon::{lex, CueClass};
use super::phrases::*;
use super::text::{Doc, Kind, Range};

/// All statements of the article, in text order.
pub fn detect(cx: &Ctx) -> Vec<Raw> {
    let doc = cx.doc;
    let n = doc.toks.len();
    let mut used_q = vec![false; cx.quotes.len()];
    let mut used_t = vec![false; n];
    let mut out = Vec::new();
    direct_quotes(cx, &mut used_q, &mut used_t, &mut out);
    if cx.stop.raised() {
        return out;
    }
    indirect(cx, &mut used_q, &mut used_t, &mut out);
    if cx.stop.raised() {
        return out;
    }
    colon_quotes(cx, &mut used_q, &mut out);
    quoted_fragments(cx, &mut used_q, &used_t, &mut out);
    verb_that(cx, &mut used_q, &used_t, &mut out);
    if cx.stop.raised() {
        return out;
    }
    sourceless(cx, &mut used_q, &used_t, &mut out);
    headlines(cx, &used_t, &mut out);
    attach_orphans(cx, &mut used_q, &mut out);
    continue_speakers(cx, &mut used_q, &mut out);
    headline_claims(cx, &mut out);
    out.sort_by_key(|r| r.first);
    drop_echoed_beliefs(cx, &mut out);
    poll_frames(cx, &mut out);
    out
}

/// "In a Gallup poll released Monday, 40 percent of voters said …": the poll reports
/// what its respondents said, so the whole clause is also the poll's statement.
fn poll_frames(cx: &Ctx, out: &mut Vec<Raw>) {
    let doc = cx.doc;
    let mut extra = Vec::new();
    for r in out.iter() {
        let (Some((a, b)), Some(&(_, end))) = (r.subj, r.content.last()) else {
            continue;
        };
        let sent = cx.sent(a);
        if doc.toks[sent.ts].low != "in" || a < sent.ts + 4 || a > sent.ts + 25 {
            continue;
        }
        let Some(c) = (sent.ts + 2..a).rev().find(|&j| doc.toks[j].is_punct(',')) else {
            continue;
        };
        if a - c > 10 || !(c + 1..b).any(|j| is_quantity(doc, j)) {
            continue;
        }
        let Some(k) = (sent.ts + 1..c)
            .find(|&j| matches!(doc.toks[j].low, "poll" | "polls" | "survey" | "surveys"))
        else {
            continue;
        };
        if (sent.ts + 1..c).any(|j| doc.toks[j].is_punct(',')) {
            continue;
        }
        extra.push(Raw {
            kind: cx.kind_of(c + 1, r.last + 1),
            content: vec![(doc.toks[c + 1].s, end)],
            subj: Some((sent.ts + 1, k + 1)),
            refers: None,
            cue: Some((sent.ts, sent.ts + 1)),
            first: sent.ts,
            last: r.last,
            conf: 0.5,
        });
    }
    if !extra.is_empty() {
        out.extend(extra);
        out.sort_by_key(|r| r.first);
    }
}

/// A share of people: "40 percent", "40%", "a majority", "most".
fn is_quantity(doc: &Doc, j: usize) -> bool {
    let t = &doc.toks[j];
    t.kind == Kind::Num
        || t.is_punct('%')
        || matches!(
            t.low,
            "percent" | "majority" | "most" | "half" | "third" | "quarter"
        )
}

/// The class of a statement's cue, when the cue is a lexicon verb.
pub(super) fn cue_class(cx: &Ctx, r: &Raw) -> Option<CueClass> {
    let (a, _) = r.cue?;
    cue_at(cx.doc, a).map(|(_, c)| c)
}

/// "Voters say they want …": a belief restated inside someone's reported words by a
/// pronoun is part of that statement, not a second one. A belief of generic "you"
/// outside quotes is nobody's.
pub(super) fn drop_echoed_beliefs(cx: &Ctx, out: &mut Vec<Raw>) {
    let doc = cx.doc;
    let n = out.len();
    let mut keep = vec![true; n];
    for k in 0..n {
        let r = &out[k];
        if !matches!(cue_class(cx, r), Some(CueClass::Think | CueClass::Aim)) {
            continue;
        }
        let Some((a, b)) = r.subj else {
            continue;
        };
        if b - a != 1 || !is_pronoun(doc, a) {
            continue;
        }
        // Generic "you" ("you know …") is nobody's belief; "I think …" in an interview
        // or a column is the speaker's or the writer's, and the corpus counts it.
        if doc.toks[a].low == "you" {
            keep[k] = false;
            continue;
        }
        let cue_s = doc.toks[r.cue.map(|c| c.0).unwrap_or(a)].s;
        // Statements are sorted by first token; the enclosing one starts earlier and
        // close by (same sentence).
        let enclosed = out[..k]
            .iter()
            .rev()
            .take(8)
            .any(|o| o.content.iter().any(|&(cs, ce)| cs <= cue_s && cue_s < ce));
        if enclosed {
            keep[k] = false;
        }
    }
    let mut it = keep.iter();
    out.retain(|_| *it.next().unwrap_or(&true));
}

/// Indirect and mixed speech around each remaining cue.
pub(super) fn indirect(cx: &Ctx, used_q: &mut [bool], used_t: &mut [bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    // Statements already found (direct quotes), by the sentence of their cue, so that
    // looking up "the speaker of an earlier cue in this sentence" stays cheap.
    let mut by_sent: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter_map(|(k, r)| r.cue.map(|c| (doc.toks[c.0].sent, k)))
        .collect();
    by_sent.sort_unstable();
    let mut cursor = 0;
    for si in 0..doc.sents.len() {
        let sent = doc.sents[si];
        while cursor < by_sent.len() && by_sent[cursor].0 < si {
            cursor += 1;
        }
        // Indices into `out` of this sentence's statements, found or to be found.
        let mut here: Vec<usize> = by_sent[cursor..]
            .iter()
            .take_while(|(s, _)| *s == si)
            .map(|&(_, k)| k)
            .collect();
        if sent.ts >= sent.te || cx.boiler[doc.toks[sent.ts].para] {
            continue;
        }
        let latest_before = |out: &Vec<Raw>, here: &Vec<usize>, i: usize| {
            here.iter()
                .copied()
                .filter(|&k| out[k].cue.is_some_and(|c| c.1 <= i))
                .max_by_key(|&k| out[k].cue.map(|c| c.0))
        };
        // "…, Mr. Obama warned X, said an official." The closing frame reports the
        // whole sentence before it, so it is read first; earlier cues nest inside and
        // their content stops where the frame's begins.
        let frame = closing_frame(cx, sent, used_q, used_t);
        let cap = frame.as_ref().map(|(cap, _)| *cap);
        if let Some((_, r)) = frame {
            here.push(out.len());
            out.push(r);
        }
        let mut i = sent.ts;
        while i < sent.te {
            if used_t[i] || cx.q(i).is_some() {
                i += 1;
                continue;
            }
            if doc.toks[i].low == "according" && i + 1 < sent.te && doc.toks[i + 1].low == "to" {
                if let Some(r) = according_to(cx, i, sent, used_q) {
                    here.push(out.len());
                    out.push(r);
                    i += 2;
                    continue;
                }
                // "“…,” Smith said, according to the transcript": the written record is
                // the source of what came before.
                if let Some(np) = according_np(cx, i, sent) {
                    // "…,” he told settler leaders, according to a statement": a record
                    // of what someone named said carries their words; they stay the
                    // speaker.
                    let record = lex().documents.contains(doc.toks[np.1 - 1].low);
                    let named = |k: usize| out[k].subj.is_some();
                    if let Some(k) = latest_before(out, &here, i).filter(|&k| !(record && named(k)))
                    {
                        let r = &mut out[k];
                        r.subj = Some(np);
                        r.refers = None;
                        r.cue = Some((i, i + 2));
                        r.last = r.last.max(np.1 - 1);
                    }
                }
            }
            let Some((ce, class)) = cue_at(doc, i) else {
                i += 1;
                continue;
            };
            // The speaker of an earlier cue in this sentence, for "…, saying …".
            let prev = latest_before(out, &here, i).and_then(|k| out[k].subj);
            if let Some(mut r) = around_cue(cx, i, ce, class, sent, used_q, prev) {
                for t in used_t.iter_mut().take(ce).skip(i) {
                    *t = true;
                }
                if let Some(cap) = cap.filter(|&c| i < c) {
                    clip_to(cx, &mut r, cap);
                }
                if r.content.is_empty() {
                    i = ce;
                    continue;
                }
                here.push(out.len());
                out.push(r);
                i = ce;
                continue;
            }
            i += 1;
        }
    }
}

/// The sentence's closing attribution frame ("…, said an official." / "…, the Post
/// reported in 1991."): its statement and the token where the reported part ends.
/// The frame's cue tokens are marked used. Quotes the frame's content takes stay
/// free, since the nested statement inside it may claim them too.
fn closing_frame(
    cx: &Ctx,
    sent: Range,
    used_q: &mut [bool],
    used_t: &mut [bool],
) -> Option<(usize, Raw)> {
    let doc = cx.doc;
    // The last say/tell cue, outside quotes, among the sentence's last few tokens.
    let lo = sent.te.saturating_sub(25).max(sent.ts + 4);
    let mut f = None;
    for k in (lo..sent.te).rev() {
        if cx.q(k).is_some() || doc.toks[k].is_quote() {
            break;
        }
        if used_t[k] {
            continue;
        }
        if let Some((ce, class)) = cue_at(doc, k) {
            if matches!(class, CueClass::Say | CueClass::Tell) {
                f = Some((k, ce, class));
            }
            break;
        }
    }
    let (k, ce, class) = f?;
    // Only worth it when an earlier cue would otherwise swallow the frame.
    let inner = (sent.ts..k).any(|j| cx.q(j).is_none() && !used_t[j] && cue_at(doc, j).is_some());
    if !inner {
        return None;
    }
    let free: Vec<usize> = (sent.ts..k)
        .filter_map(|j| cx.q(j))
        .filter(|&qi| !used_q[qi])
        .collect();
    let r = around_cue(cx, k, ce, class, sent, used_q, None)?;
    for qi in free {
        used_q[qi] = false;
    }
    let start = doc.toks[sent.ts].s;
    let first = *r.content.first()?;
    if first.0 != start || first.1 >= doc.toks[k].s {
        return None;
    }
    // Token after the last one of the frame's content.
    let cap = (sent.ts..k).find(|&j| doc.toks[j].s >= first.1)?;
    for t in used_t.iter_mut().take(ce).skip(k) {
        *t = true;
    }
    Some((cap, r))
}

/// Cuts a nested statement's content at token `cap`, where the enclosing frame begins.
fn clip_to(cx: &Ctx, r: &mut Raw, cap: usize) {
    let doc = cx.doc;
    let end = doc.toks[trim_end(doc, 0, cap).max(1) - 1].e;
    r.content.retain(|&(s, _)| s < end);
    for span in r.content.iter_mut() {
        span.1 = span.1.min(end);
    }
    r.content.retain(|&(s, e)| e > s);
    r.last = r.last.min(cap.saturating_sub(1));
}

/// The source phrase after "according to" at `i`.
pub(super) fn according_np(cx: &Ctx, i: usize, sent: Range) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let s = i + 2;
    let mut e = s;
    while e < sent.te
        && e < s + 14
        && !matches!(
            doc.toks[e].kind,
            Kind::Punct(',' | '.' | ';' | ':' | '—' | '(')
        )
        && !doc.toks[e].is_quote()
    {
        e += 1;
    }
    (e > s).then_some((s, e))
}

/// "according to X, …" / "…, according to X."
pub(super) fn according_to(cx: &Ctx, i: usize, sent: Range, used_q: &mut [bool]) -> Option<Raw> {
    let doc = cx.doc;
    let hi = sent.te;
    let s = i + 2;
    // The source runs to the next comma or the sentence end.
    let mut e = s;
    while e < hi
        && e < s + 14
        && !matches!(
            doc.toks[e].kind,
            Kind::Punct(',' | '.' | ';' | ':' | '—' | '(')
        )
        && !doc.toks[e].is_quote()
    {
        e += 1;
    }
    if e == s {
        return None;
    }
    let subj = (s, e);
    // "According to X, …" opens the sentence, perhaps after one connective ("But, …").
    let lead = (sent.ts..i).all(|j| {
        cx.q(j).is_none()
            && (doc.toks[j].is_word() || (j == sent.ts + 1 && doc.toks[j].is_punct(',')))
    });
    let (cs, cend) = if lead && e + 1 < hi && doc.toks[e].is_punct(',') {
        let cs = e + 1;
        (cs, cx.content_end(cs))
    } else if i > sent.ts {
        let mut cend = i;
        while cend > sent.ts && matches!(doc.toks[cend - 1].kind, Kind::Punct(',' | '—' | '(')) {
            cend -= 1;
        }
        (sent.ts, cend)
    } else {
        return None;
    };
    // "The implication, according to the aide, is that …": a parenthetical source
    // reports both sides of the sentence.
    let paren =
        cs == sent.ts && doc.toks[i - 1].is_punct(',') && e + 1 < hi && doc.toks[e].is_punct(',');
    let min_words = if paren { 2 } else { 3 };
    if cend <= cs || cx.words_in(cs, cend) < min_words || !claim_quotes(cx, cs, cend, used_q) {
        return None;
    }
    let mut content = vec![cx.bytes(cs, cend)];
    let mut last = (cend - 1).max(e - 1);
    if paren {
        let s2 = e + 1;
        let e2 = cx.content_end(s2);
        if e2 > s2 + 1
            && cx.words_in(s2, e2) >= 2
            && resumes_content(cx, s2)
            && claim_quotes(cx, s2, e2, used_q)
        {
            content.push(cx.bytes(s2, e2));
            last = e2 - 1;
        }
    }
    Some(Raw {
        kind: cx.kind_of(cs, last + 1),
        content,
        subj: Some(subj),
        refers: None,
        cue: Some((i, i + 2)),
        first: cs.min(i),
        last,
        conf: 0.7,
    })
}

/// "Smith lamented that …": any past or present-tense verb between a named (or he/she)
/// subject and "that" reports what the subject said or thought.
pub(super) fn verb_that(cx: &Ctx, used_q: &mut [bool], used_t: &[bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    let lx = lex();
    let n = doc.toks.len();
    for t in 2..n {
        if doc.toks[t].low != "that" || cx.q(t).is_some() || cx.boiler[doc.toks[t].para] {
            continue;
        }
        let v = t - 1;
        let tok = &doc.toks[v];
        let verb = tok.is_word()
            && !tok.cap
            && !used_t[v]
            && (tok.low.ends_with("ed") || (tok.low.ends_with('s') && !tok.low.ends_with("ss")))
            && lx.flags_of(tok.low) == 0
            && cue_at(doc, v).is_none();
        if !verb {
            continue;
        }
        let sent = cx.sent(v);
        let left = skip_adverbs_left(doc, v, sent.ts, false);
        let Some(subj) = subject_left(doc, left, sent.ts) else {
            continue;
        };
        let head = subj.1 - 1;
        let ok = (subj.1 - subj.0 == 1 && matches!(doc.toks[head].low, "he" | "she" | "they"))
            || cx.person_tok[head];
        if !ok {
            continue;
        }
        let cend = cx.content_end(t);
        if cend <= t + 2 || !claim_quotes(cx, t, cend, used_q) {
            continue;
        }
        out.push(cx.single((t, cend), Some(subj), Some((v, v + 1)), subj.0, 0.4));
    }
}

/// Attributions that name no source: "Asked about the deal, …" (the question) and
/// "X is expected to …" / "X seems to …" (a view no one in the text holds).
fn sourceless(cx: &Ctx, used_q: &mut [bool], used_t: &[bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    for sent in &doc.sents {
        if sent.te <= sent.ts + 3 || cx.boiler[doc.toks[sent.ts].para] {
            continue;
        }
        let end = sent.te.saturating_sub(2);
        for (i, &taken) in used_t.iter().enumerate().take(end).skip(sent.ts) {
            if taken || cx.q(i).is_some() {
                continue;
            }
            let low = doc.toks[i].low;
            // "Asked what surprised him, he said …" / "When asked about …, …"
            if low == "asked"
                && (i == sent.ts
                    || matches!(
                        doc.toks[i - 1].low,
                        "when" | "after" | "if" | "once" | "while"
                    ))
            {
                let mut cs = i + 1;
                let Some(c) = (cs..sent.te.min(cs + 30)).find(|&k| doc.toks[k].is_punct(','))
                else {
                    continue;
                };
                // "Asked by the host whether …": the host puts the question.
                let mut asker = None;
                if doc.toks[cs].low == "by" {
                    asker = subject_right(doc, cs + 1, c);
                    if let Some(a) = asker {
                        cs = a.1;
                    }
                }
                if c < cs + 2 || !claim_quotes(cx, cs, c, used_q) {
                    continue;
                }
                out.push(Raw {
                    kind: cx.kind_of(cs, c),
                    content: vec![cx.bytes(cs, c)],
                    subj: asker,
                    refers: None,
                    cue: Some((i, i + 1)),
                    first: i,
                    last: c - 1,
                    conf: 0.5,
                });
                continue;
            }
            // "The woman has reportedly been chatting with him": a report no one in
            // the text signs; the sentence around the adverb is its content.
            if low == "reportedly"
                && i > sent.ts + 1
                && doc.toks[i - 1].is_word()
                && !(i + 1..end.min(i + 3)).any(|k| cue_at(doc, k).is_some())
            {
                let e2 = cx.content_end(i + 1);
                if e2 > i + 2 && claim_quotes(cx, sent.ts, e2, used_q) {
                    out.push(Raw {
                        kind: cx.kind_of(sent.ts, e2),
                        content: vec![cx.bytes(sent.ts, i), cx.bytes(i + 1, e2)],
                        subj: None,
                        refers: None,
                        cue: Some((i, i + 1)),
                        first: sent.ts,
                        last: e2 - 1,
                        conf: 0.4,
                    });
                }
                continue;
            }
            // "The deal is expected to pass", "Voters seem to agree"
            let raising = matches!(low, "seems" | "seemed" | "appears" | "appeared")
                || (low == "expected" && i > sent.ts && BE.contains(&doc.toks[i - 1].low));
            if !raising || doc.toks[i + 1].low != "to" {
                continue;
            }
            let verb_start = if low == "expected" { i - 1 } else { i };
            // "could be expected to": the modal stays in the content.
            let Some(subj) = subject_left_with_aux(doc, verb_start, sent.ts) else {
                continue;
            };
            if is_pronoun(doc, subj.0) && subj.1 - subj.0 == 1 && doc.toks[subj.0].low == "it" {
                continue;
            }
            let cs = i + 1;
            let ce = cx.content_end(cs);
            if ce <= cs + 1 || !claim_quotes(cx, cs, ce, used_q) {
                continue;
            }
            out.push(Raw {
                kind: cx.kind_of(cs, ce),
                content: vec![cx.bytes(subj.0, subj.1), cx.bytes(cs, ce)],
                subj: None,
                refers: None,
                cue: Some((verb_start, i + 1)),
                first: subj.0,
                last: ce - 1,
                conf: 0.4,
            });
        }
    }
}
