//! Direct quotes: quotes attributed by a cue next to them ("“…,” he said", "said X,
//! “…”", "He added: “…”"), quotes continuing a statement, headline and transcript labels,
//! and quoted fragments in sentences that open with their speaker.

use std::collections::HashMap;

use super::candidate::*;
use super::cues::*;
use super::lexicon::{flag, lex, CueClass};
use super::model::StatementKind;
use super::phrases::*;
use super::text::{Kind, QuoteMark};

/// Pieces of a quote that ran over paragraphs, ending with piece `qi`.
pub(super) fn chain_back(cx: &Ctx, qi: usize) -> Vec<usize> {
    let mut v = vec![qi];
    let mut k = qi;
    while k > 0 {
        let p = &cx.quotes[k - 1];
        let cur = &cx.quotes[k];
        if p.continues && p.para + 1 == cur.para && cx.doc.paras[cur.para].ts == cur.open {
            v.push(k - 1);
            k -= 1;
        } else {
            break;
        }
    }
    v.reverse();
    v
}

/// Does quote `qi` read like a statement rather than a scare-quoted word?
pub(super) fn sentence_like(cx: &Ctx, qi: usize) -> bool {
    let q = &cx.quotes[qi];
    // Only "at least four words" matters: stop counting there.
    let words = (q.open..=q.last)
        .filter(|&j| cx.doc.toks[j].is_word())
        .take(4)
        .count();
    let ends_punct = q.close.is_some_and(|c| {
        c > 0
            && matches!(
                cx.doc.toks[c - 1].kind,
                Kind::Punct(',' | '.' | '?' | '!' | '…' | '—')
            )
    });
    words >= 4 || (ends_punct && words >= 1) || q.continues
}

/// `“…,” he said` / `“…,” said X` / `“…,” X said, “…”`.
pub(super) fn direct_quotes(
    cx: &Ctx,
    used_q: &mut [bool],
    used_t: &mut [bool],
    out: &mut Vec<Raw>,
) {
    let doc = cx.doc;
    for qi in 0..cx.quotes.len() {
        let q = cx.quotes[qi];
        if used_q[qi] || q.continues || cx.boiler[q.para] || !sentence_like(cx, qi) {
            continue;
        }
        let para = doc.paras[q.para];
        let k = q.last + 1;
        if k >= para.te {
            continue;
        }
        let Some((subj, cue, after)) = cue_after_quote(cx, k, para.te) else {
            continue;
        };
        let mut pieces = chain_back(cx, qi);
        let mut last = after.max(q.last);
        // `, “…”` continuing the same statement after the cue.
        let mut a = after;
        if a < para.te && doc.toks[a].is_punct(',') {
            a += 1;
        }
        if a < para.te {
            if let Some(nq) = cx.q(a) {
                if cx.quotes[nq].open == a && !used_q[nq] {
                    pieces.push(nq);
                    last = cx.quotes[nq].last;
                    let mut m = nq;
                    while cx.quotes[m].continues && m + 1 < cx.quotes.len() {
                        m += 1;
                        pieces.push(m);
                        last = cx.quotes[m].last;
                        if !cx.quotes[m].continues {
                            break;
                        }
                    }
                }
            }
        }
        for &p in &pieces {
            used_q[p] = true;
        }
        for t in used_t.iter_mut().take(cue.1).skip(cue.0) {
            *t = true;
        }
        let first = cx.quotes[pieces[0]].open;
        out.push(Raw {
            kind: StatementKind::Direct,
            content: pieces.iter().map(|&p| cx.quotes[p].bytes(doc)).collect(),
            subj: Some(subj),
            refers: None,
            cue: Some(cue),
            first,
            last,
            conf: 0.9,
        });
    }
}

/// Speaker range, cue range, and the token after them.
pub(super) type SpeakerCue = ((usize, usize), (usize, usize), usize);

/// After a closing mark at token `k`: a speaker and cue in either order. Returns the
/// speaker range, the cue range and the token after them.
pub(super) fn cue_after_quote(cx: &Ctx, k: usize, hi: usize) -> Option<SpeakerCue> {
    let doc = cx.doc;
    let q_last = k - 1;
    // A short quote inside a clause ("on “CBS This Morning,” Smith said") names a
    // show or a title; it is not what the speaker said.
    if let Some(qi) = cx.q(q_last) {
        let o = cx.quotes[qi].open;
        let words = cx.words_in(o, q_last + 1);
        let mid_clause = o > 0
            && doc.toks[o - 1].sent == doc.toks[o].sent
            && doc.toks[o - 1].is_word()
            && cue_at(doc, o - 1).is_none();
        if mid_clause && words < 6 {
            return None;
        }
    }
    let mut k = k;
    // "“…” ― Jane Roe": a dash and a name closing the paragraph sign the quote.
    if k + 1 < hi && matches!(doc.toks[k].kind, Kind::Punct('―' | '—' | '–')) {
        if let Some(sub) = subject_right(doc, k + 1, hi) {
            let rest_empty = (sub.1..hi).all(|j| matches!(doc.toks[j].kind, Kind::Punct(_)));
            if rest_empty && doc.is_cap(sub.1 - 1) {
                return Some((sub, (k, k + 1), sub.1));
            }
        }
    }
    // "“…” — he said" / "“…”, he said" (comma outside the marks)
    if k < hi && matches!(doc.toks[k].kind, Kind::Punct(',' | '—' | '–')) {
        k += 1;
    }
    if k >= hi {
        return None;
    }
    // A new sentence after a quote that ended with a full stop is not its attribution
    // ("“…?” Clinton asked" is).
    let full_stop = cx.quotes[cx.q(q_last)?]
        .close
        .is_some_and(|cl| cl > 0 && doc.toks[cl - 1].is_punct('.'));
    // …unless the next sentence is only "Smith said." (a typo for a comma).
    let short_tail = {
        let s = cx.sent(k);
        s.te - s.ts <= 6 && (s.ts..s.te).any(|j| cue_at(doc, j).is_some())
    };
    if full_stop
        && !short_tail
        && cx.sent(k).ts == k
        && k > 0
        && doc.toks[k - 1].sent != doc.toks[k].sent
    {
        return None;
    }
    let sent_hi = cx.sent(k).te.min(hi);
    // said X
    if let Some((ce, class)) = cue_at(doc, k) {
        if matches!(class, CueClass::Say | CueClass::Tell) {
            if let Some(sub) = subject_right(doc, ce, sent_hi) {
                return Some((sub, (k, ce), sub.1));
            }
        }
        return None;
    }
    // X said
    let (ss, se) = two_roles_one_name(cx, subject_right(doc, k, sent_hi)?, sent_hi);
    let mut c = se;
    // "Rep. Jane Roe (R-Utah) said"
    if c < sent_hi && doc.toks[c].is_punct('(') {
        if let Some(close) = (c..sent_hi.min(c + 10)).find(|&j| doc.toks[j].is_punct(')')) {
            c = close + 1;
        }
    }
    let mut c = skip_adverbs_right(doc, c, sent_hi);
    // "“…,” Smith, the party's candidate, said"
    // "“…,” another friend, Jane Roe told CNN"
    if c < sent_hi && doc.toks[c].is_punct(',') {
        let found = (c + 1..sent_hi.min(c + 30))
            .take_while(|&j| {
                let t = &doc.toks[j];
                t.is_word() || t.kind == Kind::Num || matches!(t.kind, Kind::Punct(',' | '(' | ')' | '.' | '-'))
            })
            .find(|&j| {
                doc.toks[j - 1].is_word() || doc.toks[j - 1].is_punct(',')
            } && cue_at(doc, j).is_some_and(|(_, cl)| !matches!(cl, CueClass::Obj | CueClass::Aim)));
        match found {
            Some(j) => c = j,
            None => return None,
        }
    }
    if c >= sent_hi {
        return None;
    }
    match cue_at(doc, c) {
        Some((_, CueClass::Obj | CueClass::Aim)) => None,
        Some((ce, _)) => Some(((ss, se), (c, ce), ce)),
        None => {
            // `“…,” he surmised`: after a quote ending in , ? ! any verb is the cue.
            let lx = lex();
            let t = &doc.toks[c];
            let q_end = cx
                .q(q_last)
                .and_then(|qi| cx.quotes[qi].close)
                .is_some_and(|cl| {
                    cl > 0 && matches!(doc.toks[cl - 1].kind, Kind::Punct(',' | '?' | '!' | '—'))
                });
            let verbish = t.is_word()
                && !doc.is_cap(c)
                && !lx.stops.contains(t.low)
                && !lx.determiners.contains(t.low)
                && !lx.pronouns.contains_key(t.low);
            (q_end && verbish).then_some(((ss, se), (c, c + 1), c + 1))
        }
    }
}

/// "lead researcher and NASA planetary scientist Lucas Paganini said": two roles joined by
/// "and" before one name are one person, named in the second part. A first part with a
/// capital ("Smith and Jones said") is another person and stays as it is.
fn two_roles_one_name(cx: &Ctx, (ss, se): (usize, usize), hi: usize) -> (usize, usize) {
    let doc = cx.doc;
    let lowercase = (ss..se).all(|j| doc.toks[j].is_word() && !doc.is_cap(j));
    if !lowercase || se + 1 >= hi || doc.toks[se].low != "and" {
        return (ss, se);
    }
    match subject_right(doc, se + 1, hi) {
        Some((s2, e2))
            if doc.is_cap(e2 - 1)
                && cue_at(doc, e2)
                    .is_some_and(|(_, c)| matches!(c, CueClass::Say | CueClass::Tell)) =>
        {
            (s2, e2)
        }
        _ => (ss, se),
    }
}

/// Quotes that stand alone after a statement in the same paragraph ("“…,” he said.
/// “More words.”") continue that statement.
pub(super) fn attach_orphans(cx: &Ctx, used_q: &mut [bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    let mut extra: Vec<Raw> = Vec::new();
    // Direct and mixed statements by where their content ends; a sweep over the quotes
    // in text order keeps the latest one of the current paragraph.
    let mut order: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind != StatementKind::Indirect)
        .filter_map(|(k, r)| r.content.last().map(|c| (c.1, k)))
        .collect();
    order.sort_unstable();
    let mut next = 0;
    let mut best: Option<usize> = None;
    let mut best_para = usize::MAX;
    for qi in 0..cx.quotes.len() {
        let q = cx.quotes[qi];
        let qs = doc.toks[q.open].s;
        let pstart = doc.toks[doc.paras[q.para].ts].s;
        while next < order.len() && order[next].0 <= qs {
            let k = order[next].1;
            let start = out[k].content.last().map(|c| c.0).unwrap_or(0);
            let para = doc.toks[out[k].first.min(doc.toks.len() - 1)].para;
            if start >= pstart || para == q.para {
                let better = best.is_none_or(|b| best_para != q.para || out[k].last >= out[b].last);
                if better {
                    best = Some(k);
                    best_para = q.para;
                }
            }
            next += 1;
        }
        if best_para != q.para {
            best = None;
        }
        if used_q[qi] || cx.boiler[q.para] || !sentence_like(cx, qi) {
            continue;
        }
        // Must start its sentence.
        if cx.sent(q.open).ts != q.open {
            continue;
        }
        let Some(k) = best else {
            // "Jane Roe agreed. “…”": a short sentence ending in a reporting verb
            // introduces the quote after it.
            if let Some(mut r) = short_intro(cx, qi) {
                r.last = take_chain(cx, qi, used_q, &mut r.content);
                extra.push(r);
            }
            continue;
        };
        let r = &mut out[k];
        if r.content.last().is_none_or(|c| c.0 < pstart) {
            continue;
        }
        let last = take_chain(cx, qi, used_q, &mut r.content);
        r.last = r.last.max(last);
    }
    out.extend(extra);
}

/// A quote with no cue of its own is its own statement by the speaker it follows: after a
/// statement in its paragraph ("Swift's rep told Fox News that … “Big Machine is …”"), or
/// opening the paragraph after one that ends with a statement ("…, said Philip Luther.
/// ¶ “The frequency …”"). It carries that statement's speaker phrase and cue, so it
/// resolves to the same speaker; a run of such paragraphs continues the same way.
pub(super) fn continue_speakers(cx: &Ctx, used_q: &mut [bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    // Statements with a speaker, by the last token they cover.
    let mut ends: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter(|(_, r)| r.subj.is_some())
        .map(|(k, r)| (r.last, k))
        .collect();
    ends.sort_unstable();
    // The first statement holding each content span, for quotes that run on from one
    // (spans added below never end in a quote that runs on: each takes its whole chain).
    let mut owner: HashMap<(usize, usize), usize> = HashMap::new();
    for (k, r) in out.iter().enumerate() {
        for &span in &r.content {
            owner.entry(span).or_insert(k);
        }
    }
    for qi in 0..cx.quotes.len() {
        let q = cx.quotes[qi];
        if used_q[qi] || cx.boiler[q.para] || !sentence_like(cx, qi) || cx.sent(q.open).ts != q.open
        {
            continue;
        }
        // "X said: “A. ¶ “B.”": B goes on with the quote that did not close, in its statement.
        let runs_on = qi > 0 && cx.quotes[qi - 1].continues && used_q[qi - 1];
        if runs_on {
            if let Some(&k) = owner.get(&cx.quotes[qi - 1].bytes(doc)) {
                let r = &mut out[k];
                let last = take_chain(cx, qi, used_q, &mut r.content);
                r.last = r.last.max(last);
            }
            continue;
        }
        if has_own_cue(cx, qi) {
            continue;
        }
        let i = ends.partition_point(|&(last, _)| last < q.open);
        let Some(&(last, k)) = i.checked_sub(1).map(|i| &ends[i]) else {
            continue;
        };
        let para = doc.toks[last].para;
        let ends_para = doc.toks[doc.paras[para].te - 1].sent == doc.toks[last].sent;
        let opens_para = doc.paras[q.para].ts == q.open;
        if !(para == q.para || (para + 1 == q.para && ends_para && opens_para)) {
            continue;
        }
        let mut r = Raw {
            kind: StatementKind::Direct,
            content: Vec::new(),
            first: q.open,
            last: q.last,
            conf: 0.6,
            ..out[k].clone()
        };
        r.last = take_chain(cx, qi, used_q, &mut r.content);
        let at = ends.partition_point(|&(l, _)| l < r.last);
        ends.insert(at, (r.last, out.len()));
        out.push(r);
    }
}

/// Quote `qi` and the pieces it runs on into, as content; their last token.
fn take_chain(
    cx: &Ctx,
    qi: usize,
    used_q: &mut [bool],
    content: &mut Vec<(usize, usize)>,
) -> usize {
    let mut m = qi;
    loop {
        used_q[m] = true;
        content.push(cx.quotes[m].bytes(cx.doc));
        if !cx.quotes[m].continues || m + 1 >= cx.quotes.len() {
            return cx.quotes[m].last;
        }
        m += 1;
    }
}

/// A reporting verb after quote `qi` in its sentence: the quote has a cue of its own
/// that the finding stages did not read, and it is no continuation.
fn has_own_cue(cx: &Ctx, qi: usize) -> bool {
    let doc = cx.doc;
    let q = cx.quotes[qi];
    let te = cx.sent(q.last).te;
    (q.last + 1..te.min(q.last + 25)).any(|j| cue_at(doc, j).is_some())
}

/// `He went further: “…”` and `He said:` closing a paragraph before a quoted one: the
/// colon introduces the quote and the clause's subject speaks it.
pub(super) fn colon_quotes(cx: &Ctx, used_q: &mut [bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    for qi in 0..cx.quotes.len() {
        let q = cx.quotes[qi];
        if used_q[qi] || cx.boiler[q.para] || !sentence_like(cx, qi) || q.open == 0 {
            continue;
        }
        let c = q.open - 1;
        if !doc.toks[c].is_punct(':') || cx.q(c).is_some() || cx.boiler[doc.toks[c].para] {
            continue;
        }
        // Same paragraph, or the colon ends the previous one.
        let para_start = doc.paras[q.para].ts;
        if q.open == para_start && doc.toks[c].para + 1 != q.para {
            continue;
        }
        let sent = cx.sent(c);
        let Some(subj) = first_subject(cx, sent.ts, c) else {
            continue;
        };
        // "Said Ellis: “…”": the cue opens the sentence, the speaker follows it.
        let lead_cue = subj.0 == sent.ts + 1
            && doc.is_cap(sent.ts)
            && doc.toks[sent.ts].flags & flag::CUE_FIRST != 0;
        if !lead_cue && (c == 0 || !doc.toks[c - 1].is_word() || c - 1 < subj.1) {
            continue;
        }
        // The cue: a reporting verb in the clause, else the word before the colon.
        let cue = if lead_cue {
            (sent.ts, sent.ts + 1)
        } else {
            (subj.1..c)
                .find_map(|j| cue_at(doc, j).map(|(e, _)| (j, e.min(c))))
                .unwrap_or((c - 1, c + 1))
        };
        let mut pieces = vec![qi];
        let mut m = qi;
        while cx.quotes[m].continues && m + 1 < cx.quotes.len() {
            m += 1;
            pieces.push(m);
        }
        for &p in &pieces {
            used_q[p] = true;
        }
        out.push(Raw {
            kind: StatementKind::Direct,
            content: pieces.iter().map(|&p| cx.quotes[p].bytes(doc)).collect(),
            subj: Some(subj),
            refers: None,
            cue: Some(cue),
            first: subj.0,
            last: cx.quotes[m].last,
            conf: 0.6,
        });
    }
}

/// Headlines in the form "Name: what they said".
pub(super) fn headlines(cx: &Ctx, used_t: &[bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    for (pi, para) in doc.paras.iter().enumerate() {
        if cx.boiler[pi] || para.te < para.ts + 5 {
            continue;
        }
        // A transcript line may sit inside an opening quote mark ("\"SMITH: …").
        let start = if doc.toks[para.ts].is_quote() {
            para.ts + 1
        } else {
            para.ts
        };
        let mut e = start;
        // "NATO chief:" — a capitalised name or organisation, maybe with a role noun.
        while e < para.te
            && e < start + 4
            && (doc.is_cap(e) || (e > start && lex().roles.contains(doc.toks[e].low)))
        {
            e += 1;
        }
        if e == start || e >= para.te || !doc.toks[e].is_punct(':') || used_t[e] {
            continue;
        }
        let lx = lex();
        // "SMITH:" / "JAKE TAPPER:" in a transcript: an all-capital name label.
        let caps = (start..e).all(|j| super::mentions::is_acronym(doc.word(j)));
        let letters: usize = (start..e).map(|j| doc.word(j).chars().count()).sum();
        let label = e <= start + 3
            && caps
            && letters >= 3
            && !lx.not_speakers.contains(doc.toks[start].low);
        let role_label = e > start + 1 && lex().roles.contains(doc.toks[e - 1].low);
        let named = (start..e).any(|j| doc.word(j).chars().count() > 1)
            && ((start..e).any(|j| cx.person_tok[j]) || role_label);
        if !named && !label {
            continue;
        }
        let cs = e + 1;
        let ce = if label {
            trim_end(doc, cs, para.te)
        } else {
            trim_end(doc, cs, cx.content_end(cs))
        };
        if ce <= cs || cx.words_in(cs, ce) < 3 || (!label && cx.sent(cs).te < ce) {
            continue;
        }
        out.push(Raw {
            kind: cx.kind_of(cs, ce),
            content: vec![cx.bytes(cs, ce)],
            subj: Some((start, e)),
            refers: None,
            cue: Some((e, e + 1)),
            first: para.ts,
            last: ce - 1,
            conf: 0.5,
        });
    }
}

/// A headline that ends in words in single quotes ("Millions 'to lose textile jobs'",
/// "BBC 'should allow more scrutiny'") reports a claim, and the story's first paragraph
/// says whose: the headline is a statement by the speaker of the lede's first statement,
/// or by nobody named when the lede has none. Runs after every other detector, which
/// found the lede's statements.
pub(super) fn headline_claims(cx: &Ctx, out: &mut Vec<Raw>) {
    let doc = cx.doc;
    let (Some(head), Some(lede)) = (doc.paras.first(), doc.paras.get(1)) else {
        return;
    };
    let (ts, te) = (head.ts, head.te);
    if te < ts + 3 || te > ts + 20 || cx.boiler[0] {
        return;
    }
    let closes = matches!(doc.toks[te - 1].kind, Kind::Quote(QuoteMark::SingleClose));
    let opens = (ts + 1..te - 2)
        .rev()
        .find(|&j| matches!(doc.toks[j].kind, Kind::Quote(QuoteMark::SingleOpen)));
    let Some(open) = opens.filter(|_| closes) else {
        return;
    };
    if cx.words_in(open + 1, te - 1) < 2 || out.iter().any(|r| r.first < te) {
        return;
    }
    let speaker = out
        .iter()
        .filter(|r| r.first >= lede.ts && r.first < lede.te)
        .min_by_key(|r| r.first)
        .and_then(|r| r.subj.map(|subj| (subj, r.refers)));
    let (subj, refers) = speaker.map_or((None, None), |(s, r)| (Some(s), r));
    out.push(Raw {
        kind: StatementKind::Mixed,
        content: vec![cx.bytes(ts, te)],
        subj,
        refers,
        cue: None,
        first: ts,
        last: te - 1,
        conf: 0.4,
    });
}

/// "Jane Roe agreed." right before quote `qi` in the same paragraph: that sentence's
/// subject and verb, as a statement still without content.
pub(super) fn short_intro(cx: &Ctx, qi: usize) -> Option<Raw> {
    let doc = cx.doc;
    let q = cx.quotes[qi];
    if q.open == 0 {
        return None;
    }
    let prev = cx.sent(q.open - 1);
    if doc.toks[prev.ts].para != q.para || prev.te != q.open || prev.te - prev.ts > 8 {
        return None;
    }
    let mut v = prev.te - 1;
    while v > prev.ts && matches!(doc.toks[v].kind, Kind::Punct(_)) {
        v -= 1;
    }
    let (ce, class) = cue_at(doc, v)?;
    if ce != v + 1 || class == CueClass::Obj {
        return None;
    }
    let left = skip_adverbs_left(doc, v, prev.ts, false);
    let subj = subject_left(doc, left, prev.ts)?;
    Some(Raw {
        kind: StatementKind::Direct,
        content: Vec::new(),
        subj: Some(subj),
        refers: None,
        cue: Some((v, ce)),
        first: subj.0,
        last: q.last,
        conf: 0.5,
    })
}

/// "Smith scolded the agency for “dragging its feet”": a sentence that opens with a
/// person (or pronoun) and a past-tense verb and carries a quote reports that person's
/// words, whatever the verb.
pub(super) fn quoted_fragments(cx: &Ctx, used_q: &mut [bool], used_t: &[bool], out: &mut Vec<Raw>) {
    let doc = cx.doc;
    let lx = lex();
    for qi in 0..cx.quotes.len() {
        let q = cx.quotes[qi];
        if used_q[qi] || cx.boiler[q.para] {
            continue;
        }
        let sent = cx.sent(q.open);
        if sent.ts == q.open {
            continue;
        }
        let Some(subj) = first_subject(cx, sent.ts, q.open) else {
            continue;
        };
        let head = subj.1 - 1;
        let person = is_pronoun(doc, head) && matches!(doc.toks[head].low, "he" | "she" | "they")
            || cx.person_tok[head]
            || (doc.is_cap(head) && subj.1 - subj.0 <= 4);
        if !person {
            continue;
        }
        let v = skip_adverbs_right(doc, subj.1, q.open);
        if v >= q.open || used_t[v] {
            continue;
        }
        let t = &doc.toks[v];
        let verb = t.is_word()
            && !t.cap
            && (t.low.ends_with("ed")
                || (t.low.ends_with('s') && !t.low.ends_with("ss"))
                || matches!(
                    t.low,
                    "took"
                        | "went"
                        | "made"
                        | "gave"
                        | "put"
                        | "spoke"
                        | "wrote"
                        | "told"
                        | "said"
                        | "threw"
                        | "drew"
                        | "struck"
                        | "held"
                        | "got"
                        | "sent"
                        | "led"
                ))
            && !lx.stops.contains(t.low)
            && !lx.determiners.contains(t.low)
            && !lx.pronouns.contains_key(t.low)
            && !BE.contains(&t.low)
            && !matches!(t.low, "has" | "was" | "is" | "does" | "its" | "his");
        if !verb {
            continue;
        }
        let cs = v + 1;
        if names_or_elsewhere(cx, q, cs) && !lx.cues.contains_key(t.low) {
            continue;
        }
        let cend = cx.content_end(cs);
        if cend <= cs || !claim_quotes(cx, cs, cend, used_q) {
            continue;
        }
        out.push(cx.single((cs, cend), Some(subj), Some((v, v + 1)), subj.0, 0.4));
    }
}

/// Is quote `q`, after a verb whose words start at `cs`, a name rather than the subject's
/// words ("sparked a wave of “Cleggmania”", "reverted to the name “CCHQ Press”": a few
/// capitalised words), or in a later clause with a subject of its own ("faced criticism,
/// while the premier cheered the “historic” move")?
fn names_or_elsewhere(cx: &Ctx, q: super::quotes::Quote, cs: usize) -> bool {
    let doc = cx.doc;
    let end = q.close.unwrap_or(q.last);
    let name = q.open + 1 < end && doc.is_cap(q.open + 1) && cx.words_in(q.open + 1, end) <= 3;
    let elsewhere = (cs..q.open).any(|k| {
        doc.toks[k].is_punct(',')
            && doc.toks.get(k + 1).is_some_and(|t| {
                matches!(t.low, "while" | "whereas" | "although" | "though" | "but")
            })
    });
    name || elsewhere
}
