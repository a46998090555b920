//! Finds reported speech: direct quotes with their cue ("“…,” he said"), indirect speech
//! ("X said that …", "…, X said", "according to X, …") and mixes of the two. The output
//! is raw: token ranges for the speaker phrase and cue, byte spans for the content.
//! Who the speaker is gets decided in `resolve`.

use super::candidate::*;
use super::cues::*;
use super::direct::*;
use super::lexicon::{flag, lex, CueClass};
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

/// The subject of the clause that ends at `hi` when that clause is a subordinate one:
/// opened after a comma ("…, when protesters interrupted her, shouting …"), or without
/// one when a person is its subject ("… after Swift scolded her label, accusing …"; a
/// conjunction that is also a preposition, "after the meeting", has no person after it).
fn sub_clause_subject(cx: &Ctx, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let doc = cx.doc;
    // Bounded look-back keeps long run-on sentences linear.
    let (k, comma) = (lo + 1..hi).rev().take(40).find_map(|k| {
        let low = doc.toks[k].low;
        let comma = doc.toks[k - 1].is_punct(',');
        let opens = matches!(
            low,
            "when" | "while" | "as" | "after" | "because" | "since" | "although" | "though"
        );
        let bare = matches!(
            low,
            "when" | "while" | "after" | "because" | "although" | "though"
        );
        (opens && comma || bare).then_some((k, comma))
    })?;
    let subj = first_subject(cx, k + 1, hi)?;
    let head = subj.1 - 1;
    let person = cx.person_tok[head]
        || subj.1 - subj.0 == 1 && matches!(doc.toks[head].low, "he" | "she" | "they");
    (comma || person).then_some(subj)
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

pub(super) fn around_cue(
    cx: &Ctx,
    i: usize,
    ce: usize,
    class: CueClass,
    sent: Range,
    used_q: &mut [bool],
    prev: Option<(usize, usize)>,
) -> Option<Raw> {
    let doc = cx.doc;
    let ing = doc.toks[i].low.ends_with("ing");
    let left = skip_adverbs_left(doc, i, sent.ts, ing);
    // Passive: "it was announced that" has no source; "X was told" is not speech.
    if left > sent.ts && BE.contains(&doc.toks[left - 1].low) && !ing {
        let it = left >= 2 && doc.toks[left - 2].low == "it" && left - 2 >= sent.ts;
        // "Smith was asked (by the host) whether …": the question, put by the host.
        if doc.toks[i].low == "asked" {
            let mut cs = ce;
            let mut asker = None;
            if cs < sent.te && doc.toks[cs].low == "by" {
                asker = subject_right(doc, cs + 1, sent.te);
                cs = asker.map(|a| a.1).unwrap_or(cs + 1);
            }
            let cend = cx.content_end(cs.min(sent.te.saturating_sub(1)));
            if cend > cs + 1 && claim_quotes(cx, cs, cend, used_q) {
                return Some(cx.single((cs, cend), asker, Some((left - 1, ce)), left - 1, 0.5));
            }
            return None;
        }
        if !it || class == CueClass::Obj {
            return None;
        }
        let (cs, cend) = content_after(cx, ce, class, sent)?;
        if !claim_quotes(cx, cs, cend, used_q) {
            return None;
        }
        return Some(cx.single((cs, cend), None, Some((left - 1, ce)), left - 2, 0.6));
    }
    // "…, with Foreign Minister Ayman Safadi warning of …": the noun phrase after "with"
    // speaks.
    if ing {
        let w = (sent.ts..left)
            .rev()
            .take(9)
            .find(|&w| doc.toks[w].low == "with");
        if let Some((subj, cue)) = w.and_then(|w| with_speaker_at(doc, w, sent.te)) {
            if cue == i {
                let (cs, cend) = content_after(cx, ce, class, sent)?;
                if !claim_quotes(cx, cs, cend, used_q) {
                    return None;
                }
                return Some(cx.single((cs, cend), Some(subj), Some((i, ce)), subj.0, 0.5));
            }
        }
    }
    // Participle after a comma: "…, saying …" — the speaker is the clause's subject.
    if ing && left > sent.ts && doc.toks[left - 1].is_punct(',') {
        let subj = match (prev, sub_clause_subject(cx, sent.ts, left - 1)) {
            // A subordinate clause after the earlier speaker has its own subject.
            (Some(p), Some(c)) if c.0 > p.1 && c.0 > sent.ts => c,
            (Some(p), _) => p,
            (None, c) => c.or_else(|| first_subject(cx, sent.ts, left - 1))?,
        };
        let (cs, cend) = content_after(cx, ce, class, sent)?;
        if !claim_quotes(cx, cs, cend, used_q) {
            return None;
        }
        return Some(cx.single(
            (cs, cend),
            Some(subj),
            Some((perfect_start(doc, left, i), ce)),
            subj.0,
            0.6,
        ));
    }
    // "… and said …" / "…, but said …": the speaker is the clause's subject.
    if left > sent.ts + 1 && matches!(doc.toks[left - 1].low, "and" | "but") {
        let lo = if doc.toks[left - 2].is_punct(',') {
            left - 2
        } else {
            left - 1
        };
        if let Some(subj) = first_subject(cx, sent.ts, lo) {
            let (cs, cend) = content_after(cx, ce, class, sent)?;
            if !claim_quotes(cx, cs, cend, used_q) {
                return None;
            }
            return Some(cx.single(
                (cs, cend),
                Some(subj),
                Some((perfect_start(doc, left, i), ce)),
                subj.0,
                0.6,
            ));
        }
    }
    // "…, before asking her, “…”": the clause's speaker asks.
    if ing
        && left > sent.ts
        && matches!(
            doc.toks[left - 1].low,
            "before" | "after" | "while" | "by" | "when" | "without"
        )
    {
        let subj = prev.or_else(|| first_subject(cx, sent.ts, left - 1))?;
        let (cs, cend) = content_after(cx, ce, class, sent)?;
        if !claim_quotes(cx, cs, cend, used_q) {
            return None;
        }
        return Some(cx.single((cs, cend), Some(subj), Some((i, ce)), subj.0.min(i), 0.5));
    }
    // "Smith opened the debate saying …": the clause's subject speaks.
    if ing
        && left == i
        && left > sent.ts
        && matches!(class, CueClass::Say | CueClass::Tell)
        && doc.toks[left - 1].is_word()
        && !doc.is_cap(left - 1)
        && !is_pronoun(doc, left - 1)
        && !BE.contains(&doc.toks[left - 1].low)
    {
        let subj = prev.or_else(|| first_subject(cx, sent.ts, left - 1))?;
        let (cs, cend) = content_after(cx, ce, class, sent)?;
        if !claim_quotes(cx, cs, cend, used_q) {
            return None;
        }
        return Some(cx.single((cs, cend), Some(subj), Some((i, ce)), subj.0.min(i), 0.5));
    }
    if ing {
        // "-ing" forms without a comma ("is saying") need a subject right before.
        if left == i {
            return None;
        }
    }
    // Inversion: "…, said Rutte." / "…,” said the senator."
    if left == i
        && i > sent.ts
        && (doc.toks[i - 1].is_punct(',') || doc.toks[i - 1].is_quote())
        && matches!(class, CueClass::Say)
    {
        let hi = cx.sent(i).te;
        if let Some(sub) = subject_right(doc, ce, hi) {
            let after = skip_adjuncts(doc, sub.1, hi);
            // "…, said an official who was briefed on the talks." The relative clause
            // describes the speaker; the reported part is still all before the cue.
            let relative = after < hi
                && (matches!(doc.toks[after].low, "who" | "whose")
                    || after + 1 < hi
                        && doc.toks[after].is_punct(',')
                        && matches!(doc.toks[after + 1].low, "who" | "whose"));
            let at_end = relative
                || adjunct_tail(cx, after, hi)
                || after >= hi
                || matches!(doc.toks[after].kind, Kind::Punct('.' | '!' | '?' | ','));
            if at_end {
                let cend = i - 1;
                let cs = sent.ts;
                if cend > cs && cx.words_in(cs, cend) >= 3 && claim_quotes(cx, cs, cend, used_q) {
                    let cend = trim_end(doc, cs, cend);
                    let mut content = vec![cx.bytes(cs, cend)];
                    let mut last = sub.1 - 1;
                    // "The contrast, said Doyle, would be clear": both sides are content.
                    if !relative && after < hi && doc.toks[after].is_punct(',') && after + 1 < hi {
                        let s2 = after + 1;
                        let e2 = cx.content_end(s2);
                        if e2 > s2 + 1
                            && resumes_content(cx, s2)
                            && claim_quotes(cx, s2, e2, used_q)
                        {
                            content.push(cx.bytes(s2, e2));
                            last = e2 - 1;
                        }
                    }
                    return Some(Raw {
                        kind: cx.kind_of(cs, cend),
                        content,
                        subj: Some(sub),
                        refers: None,
                        cue: Some((perfect_start(doc, left, i), ce)),
                        first: cs,
                        last,
                        conf: 0.7,
                    });
                }
            }
        }
    }
    // "475 pledged delegates", "a large pledged delegate lead": a participle after a
    // number or determiner modifies the next noun ("said" and "told" never do: "4 in 10
    // said billionaire Trump …").
    let finite_speech = matches!(
        doc.toks[i].low,
        "said" | "say" | "says" | "told" | "tell" | "tells"
    );
    if left > sent.ts
        && !finite_speech
        && (doc.toks[left - 1].kind == Kind::Num
            || matches!(
                doc.toks[left - 1].low,
                "a" | "an" | "the" | "fewer" | "large"
            ))
        && ce < sent.te
        && doc.toks[ce].is_word()
        && !doc.is_cap(ce)
        && !lex().stops.contains(doc.toks[ce].low)
        && !lex().determiners.contains(doc.toks[ce].low)
    {
        return None;
    }
    // Speaker on the left.
    let mut subj = speaker_before(cx, left, sent)?;
    // "Six in 10 voters say": a proportion, not an adjunct's object.
    let number = |k: usize| {
        doc.toks[k].kind == Kind::Num
            || matches!(
                doc.toks[k].low,
                "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
            )
    };
    if subj.0 >= sent.ts + 2
        && doc.toks[subj.0 - 1].low == "in"
        && doc.toks[subj.0].kind == Kind::Num
        && number(subj.0 - 2)
    {
        subj.0 -= 2;
    }
    if let Some(group) = group_before_place(cx, subj, sent.ts) {
        subj = group;
    }
    // "Smith in a blog post said", "Clark in October revealed": the phrase found was the
    // adjunct's object.
    let dated = (subj.0..subj.1).all(|k| {
        doc.toks[k].kind == Kind::Num || doc.toks[k].flags & (flag::MONTH | flag::WEEKDAY) != 0
    });
    if subj.0 > sent.ts + 1
        && matches!(
            doc.toks[subj.0 - 1].low,
            "in" | "on" | "at" | "during" | "via" | "through"
        )
        && (!doc.is_cap(subj.1 - 1) || dated)
        || subj.0 > sent.ts + 1
            && matches!(
                doc.toks[subj.0 - 1].low,
                "in" | "on" | "at" | "during" | "via"
            )
            && doc.toks[subj.0].low == "a"
    {
        if let Some(s2) = subject_left(doc, subj.0 - 1, sent.ts) {
            subj = s2;
        }
    }
    // Participles after a plain noun are reduced relatives ("an image likened to"),
    // not speech: object-taking cues need a named, pronoun or known-noun speaker.
    if matches!(class, CueClass::Obj) {
        let head = &doc.toks[subj.1 - 1];
        let lx = lex();
        let ok = head.cap
            || lx.pronouns.contains_key(head.low)
            || lx.anonymous.contains(head.low)
            || lx.roles.contains(head.low)
            || lx.org_words.contains(head.low);
        let passive = ce < sent.te && matches!(doc.toks[ce].low, "to" | "by" | "as");
        // "a show called “X”": naming, not speech.
        let naming = matches!(
            doc.toks[i].low,
            "called" | "named" | "dubbed" | "labeled" | "labelled"
        );
        if (passive || naming) && !ok {
            return None;
        }
    }
    let mut lead = subj.0;
    // "As the Post reported, …": the source introduces what follows.
    if lead == sent.ts + 1 && doc.toks[sent.ts].low == "as" {
        let after = skip_adjuncts(doc, ce, sent.te);
        if after < sent.te && doc.toks[after].is_punct(',') {
            let cs = after + 1;
            let cend = cx.content_end(cs);
            if cend > cs + 2 && claim_quotes(cx, cs, cend, used_q) {
                return Some(cx.single((cs, cend), Some(subj), Some((i, ce)), sent.ts, 0.6));
            }
        }
    }
    // "…, as the Post reported." reads like "…, the Post reported."
    if lead > sent.ts + 1 && doc.toks[lead - 1].low == "as" && doc.toks[lead - 2].is_punct(',') {
        lead -= 1;
    }
    // "…, X said." / "…, X said, …"
    if lead > sent.ts && (doc.toks[lead - 1].is_punct(',') || doc.toks[lead - 1].is_quote()) {
        let hi = sent.te;
        let mut after = ce;
        if class == CueClass::Tell {
            after = skip_addressee(doc, ce, hi);
        }
        let after = skip_adjuncts(doc, after, hi);
        let ends = after >= hi
            || matches!(doc.toks[after].kind, Kind::Punct('.' | '!' | '?'))
                && after + 1 >= cx.content_end(after).max(after + 1)
            || adjunct_tail(cx, after, hi)
            || doc.toks[lead - 1].is_quote() && circumstance_after(doc, after, hi);
        let mid = after < hi && doc.toks[after].is_punct(',');
        if (ends || mid) && !matches!(class, CueClass::Obj | CueClass::Aim) {
            let mut cend = lead - 1;
            if doc.toks[cend].is_quote() && cend > sent.ts && doc.toks[cend].is_punct(',') {
                cend -= 1;
            }
            let cs = sent.ts;
            if cend > cs && cx.words_in(cs, cend) >= 3 {
                // Content that is one quote already taken belongs to that statement.
                if !claim_quotes(cx, cs, cend, used_q) {
                    return None;
                }
                let cend = trim_end(doc, cs, cend);
                let mut content = vec![cx.bytes(cs, cend)];
                let mut last = ce - 1;
                if mid {
                    let s2 = after + 1;
                    let e2 = cx.content_end(s2);
                    if e2 > s2 && claim_quotes(cx, s2, e2, used_q) {
                        content.push(cx.bytes(s2, e2));
                        last = e2 - 1;
                    }
                }
                return Some(Raw {
                    kind: cx.kind_of(cs, cend),
                    content,
                    subj: Some(subj),
                    refers: None,
                    cue: Some((perfect_start(doc, left, i), ce)),
                    first: cs,
                    last,
                    conf: 0.7,
                });
            }
        }
    }
    // "X said (that) …"
    let (cs, mut cend) = content_after(cx, ce, class, sent)?;
    // "called Palin a “clown” on his radio show when …": a name given in quotes ends
    // the stance; the adjuncts after it tell where and when, not what.
    if class == CueClass::Obj {
        if let Some(j) = (cs..cend).find(|&j| cx.q(j).is_some()) {
            let qi = cx.q(j).unwrap_or(0);
            if let Some(close) = cx.quotes[qi].close.filter(|&c| c + 1 < cend) {
                let next = &doc.toks[close + 1];
                if next.is_punct(',')
                    || matches!(
                        next.low,
                        "on" | "in"
                            | "at"
                            | "during"
                            | "when"
                            | "while"
                            | "after"
                            | "before"
                            | "and"
                            | "but"
                            | "because"
                            | "since"
                    )
                {
                    cend = close + 1;
                }
            }
        }
    }
    // "what she called “a rant”": only the quoted name is hers.
    if subj.0 > sent.ts && doc.toks[subj.0 - 1].low == "what" {
        if let Some(qi) = cx.q(cs).filter(|&qi| cx.quotes[qi].open == cs) {
            cend = cend.min(cx.quotes[qi].last + 1);
        }
    }
    // A quote already attributed on its own ("…, because “…,” she said") ends this
    // statement's content where it begins.
    if let Some(j) = (cs..cend).find(|&j| cx.q(j).is_some_and(|qi| used_q[qi])) {
        cend = trim_end(doc, cs, j);
        let speech = matches!(class, CueClass::Say | CueClass::Tell);
        if !speech || cend <= cs || cx.words_in(cs, cend) < 3 {
            return None;
        }
    }
    if !claim_quotes(cx, cs, cend, used_q) {
        return None;
    }
    Some(Raw {
        kind: cx.kind_of(cs, cend),
        content: vec![cx.bytes(cs, cend)],
        subj: Some(subj),
        refers: relative_antecedent(cx, subj, sent),
        cue: Some((perfect_start(doc, left, i), ce)),
        first: subj.0,
        last: cend - 1,
        conf: 0.7,
    })
}

/// "to" at `k` opening an infinitive before `hi` ("pledged to work", "continued to
/// grow"), not an addressee ("to reporters", "to him", "to the Post").
fn to_infinitive(doc: &Doc, k: usize, hi: usize) -> bool {
    let lx = lex();
    k + 1 < hi
        && doc.toks[k].low == "to"
        && !doc.is_cap(k + 1)
        && !lx.determiners.contains(doc.toks[k + 1].low)
        && !lx.pronouns.contains_key(doc.toks[k + 1].low)
        && !lx.anonymous.contains(doc.toks[k + 1].low)
}

/// Does the sentence end at `hi` with only a prepositional phrase from `j` on ("…, she
/// said in a video message to the convention.")? Such a tail tells where or how it was
/// said, so what precedes the cue is the whole content.
pub(super) fn adjunct_tail(cx: &Ctx, j: usize, hi: usize) -> bool {
    let doc = cx.doc;
    if j >= hi
        || hi - j > 20
        || !matches!(
            doc.toks[j].low,
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "via"
                | "outside"
                | "inside"
                | "through"
        )
    {
        return false;
    }
    (j..hi).all(|k| {
        let t = &doc.toks[k];
        cx.q(k).is_none()
            && !t.is_quote()
            && t.low != "that"
            && (t.is_word()
                || t.kind == Kind::Num
                || matches!(t.kind, Kind::Punct('.' | '!' | '?' | '\'' | '’' | '-')))
            && (k == j || cue_at(doc, k).is_none())
    })
}

/// Content after the cue, to the end of the sentence: from "that" when it comes soon,
/// past the addressee of "told".
pub(super) fn content_after(
    cx: &Ctx,
    ce: usize,
    class: CueClass,
    sent: Range,
) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let lx = lex();
    let hi = cx.content_end(ce.min(sent.te.saturating_sub(1)).max(sent.ts));
    let mut cs = ce;
    // Commissive verbs take their content as an infinitive ("vowed to repeal it",
    // "agreed to step down"), like the stance verbs of class `Aim`.
    let commissive = matches!(
        doc.toks[ce - 1].low,
        "promised"
            | "promises"
            | "vowed"
            | "vows"
            | "pledged"
            | "pledging"
            | "threatened"
            | "threatens"
            | "agreed"
            | "agrees"
            | "offered"
    );
    // Addressee and adjuncts before "that".
    let mut that = None;
    for j in ce..(ce + 13).min(hi) {
        if doc.toks[j].low == "that" && cx.q(j).is_none() {
            that = Some(j);
            break;
        }
        if doc.toks[j].is_quote() || matches!(doc.toks[j].kind, Kind::Punct(':' | ';')) {
            break;
        }
    }
    if let Some(t) = that {
        // Only when what precedes "that" is an addressee / adjunct, not content
        // ("said that" vs "said the plan that …").
        let gap_ok = (ce..t).all(|j| {
            let tok = &doc.toks[j];
            tok.is_punct(',')
                || (tok.is_word()
                    && (doc.is_cap(j)
                        || lx.stops.contains(tok.low)
                        || lx.determiners.contains(tok.low)
                        || lx.anonymous.contains(tok.low)
                        || lx.adverbs.contains(tok.low)
                        || matches!(
                            tok.low,
                            "reporters"
                                | "statement"
                                | "interview"
                                | "him"
                                | "her"
                                | "them"
                                | "us"
                                | "me"
                                | "audience"
                                | "crowd"
                                | "supporters"
                                | "rally"
                                | "speech"
                                | "press"
                                | "conference"
                                | "briefing"
                                | "radio"
                                | "television"
                                | "tv"
                                | "show"
                                | "post"
                                | "letter"
                                | "email"
                                | "note"
                                | "an"
                                | "a"
                                | "meeting"
                                | "hearing"
                                | "debate"
                        )))
        });
        // A prepositional adjunct or an addressee may be longer ("said in an interview
        // taped before the attacks that", "told cheering supporters that").
        // "pledged to work with both parties, …" is an infinitive, not an adjunct.
        let infinitive = to_infinitive(doc, ce, t);
        let loose = !infinitive
            && (ce..t).all(|j| doc.toks[j].is_word() || doc.toks[j].is_punct(','))
            && (class == CueClass::Tell
                || matches!(
                    doc.toks[ce].low,
                    "in" | "on" | "at" | "during" | "to" | "after" | "before" | "for" | "over"
                ));
        if gap_ok || (loose && t <= ce + 12) {
            cs = t;
        }
    }
    if cs == ce {
        if class == CueClass::Tell {
            // "told reporters …" / "told CNN …": skip the addressee.
            let mut j = skip_addressee(doc, ce, hi);
            j = skip_adjuncts(doc, j, hi);
            if j >= hi || j == ce {
                return None;
            }
            cs = j;
        } else if commissive && ce < hi && doc.toks[ce].low == "to" {
            cs = ce;
        } else if class == CueClass::Aim {
            // "declined to comment": the infinitive is the content, not a "to" adjunct.
            // Without one the word is a noun ("a detailed plan for Syria") or takes a
            // plain object, which says too little to count as a stance.
            if ce >= hi || doc.toks[ce].low != "to" {
                return None;
            }
            cs = ce;
        } else {
            // "continued to roll in, enabling …", "is said to be": a verb before an
            // infinitive says nothing; "said to reporters" has its addressee.
            let infinitive = to_infinitive(doc, ce, hi)
                && doc.toks[ce + 1].is_word()
                && !lx.stops.contains(doc.toks[ce + 1].low);
            if infinitive && matches!(class, CueClass::Say | CueClass::Tell) {
                return None;
            }
            cs = skip_adjuncts(doc, ce, hi);
        }
        // "joked, again using an accent, “Amen!”": a comma-closed aside between the
        // cue and the quote it introduces is not part of what was said.
        if cs < hi && doc.toks[cs].is_punct(',') {
            let aside = (cs + 2..hi.min(cs + 16)).find(|&j| !doc.toks[j - 1].is_word());
            if let Some(j) = aside {
                if doc.toks[j - 1].is_punct(',')
                    && doc.toks[j].is_double_quote()
                    && cx.q(j).is_some_and(|qi| cx.quotes[qi].open == j)
                {
                    cs = j;
                }
            }
        }
        while cs < hi && matches!(doc.toks[cs].kind, Kind::Punct(':' | ',' | '—' | '-')) {
            cs += 1;
        }
        // "posted Friday, Cruz said …": past a comma-closed adjunct, a clause with a
        // reporting verb of its own is another statement.
        if cs > ce + 1
            && doc.toks[cs - 1].is_punct(',')
            && (cs + 1..hi.min(cs + 8)).any(|j| cue_at(doc, j).is_some())
        {
            return None;
        }
    }
    // "described as “an intentional act”", "labeled as …": the name follows "as".
    if cs < hi && cs == ce && doc.toks[cs].low == "as" && class == CueClass::Obj {
        cs += 1;
    }
    // "the other games offered have been …": a verb taking an object is a participle
    // when a finite verb follows it; its noun is the subject of that verb.
    if class == CueClass::Obj && cs < hi && is_finite_aux(doc.toks[cs].low) {
        return None;
    }
    // "said on Capital Download, …": an adjunct is not the content. "bragged about his
    // record", "complained of poor service": what a speech verb is about is no words.
    let said = matches!(doc.toks[ce - 1].low, "said" | "says" | "say" | "saying")
        || lx.bare_object.contains(doc.toks[ce - 1].low);
    // "reported at least 5,000 people entered": a quantity, not a place.
    let quantity = cs + 1 < hi
        && matches!(doc.toks[cs].low, "at" | "in")
        && matches!(doc.toks[cs + 1].low, "least" | "most" | "all");
    if cs < hi
        && cs == ce
        && !quantity
        && (said && matches!(doc.toks[cs].low, "of" | "about")
            || matches!(
                doc.toks[cs].low,
                "on" | "in"
                    | "at"
                    | "during"
                    | "after"
                    | "before"
                    | "while"
                    | "from"
                    | "by"
                    | "outside"
                    | "inside"
                    | "with"
                    | "when"
                    | "as"
            ))
    {
        let comma = (cs..hi.min(cs + 12)).find(|&j| doc.toks[j].is_punct(','));
        cs = comma? + 1;
        // "…, Smith said he …" after the adjunct is a statement of its own.
        if (cs + 1..hi.min(cs + 8)).any(|j| cue_at(doc, j).is_some()) {
            return None;
        }
    }
    if cs >= hi {
        return None;
    }
    // Object-taking cues need a clause or noun phrase, not a bare preposition phrase.
    let words = cx.words_in(cs, hi);
    let has_quote = (cs..hi).any(|j| doc.toks[j].is_double_quote());
    if words < 2 && !has_quote {
        return None;
    }
    if class == CueClass::Think && doc.toks[cs].low != "that" {
        // A belief without "that" must open a clause: a determiner, pronoun, name or
        // number ("polls show Clinton ahead"). Anything else is the noun or another
        // sense of the verb ("the talk show host", "show up", "felt blindsided").
        let t = &doc.toks[cs];
        // A bare noun opens one too when a finite verb follows soon ("the poll finds
        // immigration is a minor issue").
        let finite = (cs + 1..hi.min(cs + 4)).any(|j| {
            BE.contains(&doc.toks[j].low)
                || matches!(
                    doc.toks[j].low,
                    "has" | "have" | "will" | "would" | "could" | "should" | "can" | "may"
                )
        });
        let clause = t.cap
            || t.kind == Kind::Num
            || lx.determiners.contains(t.low)
            || lx.pronouns.contains_key(t.low)
            || t.is_double_quote()
            || (t.is_word() && finite);
        if words < 4 || !clause {
            return None;
        }
    }
    // "said it would …" fine; "said to be" is a raising verb, not speech.
    // Verbs of saying and thinking before "to" are raising ("is said to be").
    if doc.toks[cs].low == "to"
        && matches!(class, CueClass::Say | CueClass::Tell | CueClass::Think)
        && !commissive
        && (cs == ce
            || matches!(
                doc.toks[ce - 1].low,
                "said" | "say" | "says" | "saying" | "reported" | "reports"
            ))
    {
        return None;
    }
    // "…, adding that …" / "… and added …" start a statement of their own.
    let hi = next_clause_cue(cx, cs, hi).unwrap_or(hi);
    Some((cs, hi))
}

/// Where a second reporting clause of the same speaker begins inside `[cs, hi)`:
/// ", adding", ", saying", "and added", "but said".
/// "with Foreign Minister Ayman Safadi warning …" at `w` ("with"): the speaker phrase (a
/// name, or a pronoun) and the token of its participle cue.
fn with_speaker_at(doc: &Doc, w: usize, hi: usize) -> Option<((usize, usize), usize)> {
    if doc.toks.get(w)?.low != "with" {
        return None;
    }
    let ((a, b), v) = named_then_verb(doc, w + 1, hi)?;
    let speaks = doc.toks[v].low.ends_with("ing")
        && cue_at(doc, v).is_some_and(|(_, c)| matches!(c, CueClass::Say | CueClass::Tell));
    (b - a <= 6 && speaks).then_some(((a, b), v))
}

/// "…, and more than 4 in 10 said …", "… and one in four said …": after "and", a short
/// plain phrase (a share, a group) and a finite speech verb open a second statement.
fn unnamed_then_verb(doc: &Doc, k: usize, hi: usize) -> bool {
    let Some(v) = (k + 1..hi.min(k + 7)).find(|&v| {
        !doc.toks[v].is_word() && doc.toks[v].kind != Kind::Num || cue_at(doc, v).is_some()
    }) else {
        return false;
    };
    let speech = cue_at(doc, v).is_some_and(|(_, c)| matches!(c, CueClass::Say | CueClass::Tell));
    speech
        && !doc.toks[v].low.ends_with("ing")
        && subject_left(doc, v, k).is_some_and(|(_, b)| b == v)
}

/// A speaker phrase from `k` that names someone (a capitalised name or a pronoun) and the
/// token after it and any adverbs, where its verb would be.
fn named_then_verb(doc: &Doc, k: usize, hi: usize) -> Option<((usize, usize), usize)> {
    let (a, b) = subject_right(doc, k, hi)?;
    let named = doc.is_cap(b - 1) || (b - a == 1 && is_pronoun(doc, a));
    let mut v = b;
    while v < hi && lex().adverbs.contains(doc.toks[v].low) {
        v += 1;
    }
    (named && v < hi).then_some(((a, b), v))
}

pub(super) fn next_clause_cue(cx: &Ctx, cs: usize, hi: usize) -> Option<usize> {
    let doc = cx.doc;
    (cs + 2..hi.saturating_sub(1)).find(|&j| {
        if cx.q(j).is_some() {
            return false;
        }
        let t = &doc.toks[j];
        let joint = t.is_punct(',') || matches!(t.low, "and" | "but");
        if !joint {
            return false;
        }
        let mut k = j + 1;
        if k < hi
            && matches!(
                doc.toks[k].low,
                "and" | "but" | "while" | "whereas" | "although" | "though"
            )
        {
            k += 1;
        }
        // ", which reported …" / ", who said …": a relative clause with its own cue.
        let relative = t.is_punct(',') && k < hi && matches!(doc.toks[k].low, "who" | "which");
        if relative {
            k += 1;
        }
        while k < hi && lex().adverbs.contains(doc.toks[k].low) {
            k += 1;
        }
        if k >= hi {
            return false;
        }
        if t.is_punct(',') && with_speaker_at(doc, k, hi).is_some() {
            return true;
        }
        let Some((_, class)) = cue_at(doc, k) else {
            // "…, but Ana Ruiz insisted that …": a coordinated clause with a speaker
            // and a reporting verb of its own is a second statement.
            if relative || !(t.is_punct(',') || matches!(t.low, "but" | "while" | "and")) {
                return false;
            }
            return named_then_verb(doc, k, hi).is_some_and(|((a, b), v)| {
                b - a <= 5
                    && !doc.toks[v].low.ends_with("ing")
                    && cue_at(doc, v).is_some_and(|(_, c)| {
                        matches!(c, CueClass::Say | CueClass::Tell | CueClass::Think)
                    })
            }) || (doc.toks[k - 1].low == "and" && unnamed_then_verb(doc, k, hi));
        };
        if relative {
            return matches!(class, CueClass::Say | CueClass::Tell);
        }
        if t.is_punct(',') {
            doc.toks[k].low.ends_with("ing") && class != CueClass::Think
        } else {
            true
        }
    })
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

/// Whether the words at `s` after a source set off by commas ("The contrast, said Doyle,
/// would be clear") take up the reported clause again. An article, a possessive, a name or
/// a role describes the source instead (", a demographer at Emory University", ", the
/// director of …"), and a conjunction opens a clause of the writer's own (", but his
/// pathway to victory is narrowing").
fn resumes_content(cx: &Ctx, s: usize) -> bool {
    let doc = cx.doc;
    let low = doc.toks[s].low;
    let describes = doc.is_cap(s)
        || matches!(low, "a" | "an" | "the" | "his" | "her" | "its" | "their")
        || lex().roles.contains(low);
    let own = matches!(
        low,
        "but" | "and" | "while" | "even" | "although" | "though" | "so" | "yet" | "who" | "which"
    );
    !(describes || own)
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
