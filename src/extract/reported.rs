//! Finds reported speech: direct quotes with their cue ("“…,” he said"), indirect speech
//! ("X said that …", "…, X said", "according to X, …") and mixes of the two. The output
//! is raw: token ranges for the speaker phrase and cue, byte spans for the content.
//! Who the speaker is gets decided in `resolve`.

use super::lexicon::{lex, CueClass};
use super::quotes::{Quote, NONE};
use super::text::{Doc, Kind, Range};
use crate::extract::model::StatementKind;

#[derive(Debug, Clone)]
pub struct Raw {
    pub kind: StatementKind,
    /// Byte spans of the content.
    pub content: Vec<(usize, usize)>,
    /// Token range of the speaker phrase as written here.
    pub subj: Option<(usize, usize)>,
    /// What the speaker phrase stands for when it is a relative pronoun ("who said").
    pub refers: Option<(usize, usize)>,
    /// Token range of the cue.
    pub cue: Option<(usize, usize)>,
    /// First and last token involved, for the sentence span.
    pub first: usize,
    pub last: usize,
    pub conf: f32,
}

pub struct Ctx<'d, 'a> {
    pub doc: &'d Doc<'a>,
    /// Tokens that belong to a known person's written name.
    pub person_tok: &'d [bool],
    pub quotes: &'d [Quote],
    pub inside: &'d [u32],
    pub boiler: &'d [bool],
}

/// A cue starting at token `i`: its end (exclusive) and class.
pub fn cue_at(doc: &Doc, i: usize) -> Option<(usize, CueClass)> {
    let lx = lex();
    let t = &doc.toks[i];
    // Headlines capitalise their verbs ("Trump Says He Will Win").
    if !t.is_word() || (t.cap && !doc.in_title(i)) || !lx.cue_first.contains(t.low) {
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
    Some((extend_cue(doc, i + 1), class))
}

/// "said in a statement": the statement phrase belongs to the cue.
fn extend_cue(doc: &Doc, end: usize) -> usize {
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

fn is_pronoun(doc: &Doc, i: usize) -> bool {
    doc.toks[i].is_word() && lex().pronouns.contains_key(doc.toks[i].low)
}

const BE: &[&str] = &["is", "was", "were", "are", "be", "been", "being", "am"];

/// Speaker phrase ending just before `end`, read leftwards, not before `lo`.
pub fn subject_left(doc: &Doc, end: usize, lo: usize) -> Option<(usize, usize)> {
    let lx = lex();
    if end <= lo {
        return None;
    }
    let mut j = end;
    // Parenthetical after a name: "Sen. Bernie Sanders (I-Vt.) said".
    if doc.toks[j - 1].is_punct(')') {
        let mut k = j - 1;
        while k > lo && k + 8 > j && !doc.toks[k].is_punct('(') {
            k -= 1;
        }
        if doc.toks[k].is_punct('(') && k > lo {
            j = k;
        } else {
            return None;
        }
    }
    let b = j;
    if is_pronoun(doc, j - 1) {
        return Some((j - 1, j));
    }
    let mut a = j;
    while a > lo && b - a < 10 {
        let t = &doc.toks[a - 1];
        let ok_word = t.is_word()
            && (doc.is_cap(a - 1)
                || (!lx.stops.contains(t.low)
                    && !lx.cues.contains_key(t.low)
                    && !lx.pronouns.contains_key(t.low)))
            && !(doc.is_cap(a - 1) && lx.stops.contains(t.low) && a - 1 > lo && b - a > 0);
        let ok_punct = (matches!(t.kind, Kind::Punct('.' | '-' | '&'))
            && a - 1 > lo
            && doc.toks[a - 2].e == t.s)
            || t.kind == Kind::Num
            || t.is_punct('%');
        if !(ok_word || ok_punct) {
            break;
        }
        a -= 1;
        if lx.determiners.contains(t.low) {
            break;
        }
    }
    // Leading stop words written with a capital ("But Smith said").
    while a < b && lx.stops.contains(doc.toks[a].low) {
        a += 1;
    }
    if a >= b {
        return None;
    }
    // A lone determiner or possessive pronoun is no speaker.
    if b - a == 1 && lx.determiners.contains(doc.toks[a].low) {
        return None;
    }
    // The last word must be a noun-ish head: a capitalised word or a known noun, or any
    // word after a determiner.
    let head = &doc.toks[b - 1];
    let known = lx.anonymous.contains(head.low)
        || lx.roles.contains(head.low)
        || lx.org_words.contains(head.low)
        || head.low == "percent"
        || head.is_punct('%')
        || head.kind == Kind::Num;
    let det_led = lx.determiners.contains(doc.toks[a].low) || b - a >= 2;
    if !(doc.is_cap(b - 1) || known || det_led) {
        return None;
    }
    if BE.contains(&head.low)
        || matches!(
            head.low,
            "of" | "for" | "to" | "in" | "on" | "at" | "by" | "with" | "from" | "about" | "than"
        )
    {
        return None;
    }
    Some((a, b))
}

/// Speaker phrase starting at `s` read rightwards ("said Rutte", "“…,” the senator said"),
/// not past `hi`.
fn subject_right(doc: &Doc, s: usize, hi: usize) -> Option<(usize, usize)> {
    let lx = lex();
    if s >= hi {
        return None;
    }
    if is_pronoun(doc, s) {
        return Some((s, s + 1));
    }
    if matches!(
        doc.toks[s].low,
        "of" | "about" | "for" | "to" | "on" | "in" | "at" | "with" | "from" | "by" | "after"
    ) {
        return None;
    }
    let mut e = s;
    // "9/11 widow Jane Roe": a number may open the phrase.
    while e < hi && e < s + 3 && matches!(doc.toks[e].kind, Kind::Num | Kind::Punct('/')) {
        e += 1;
    }
    while e < hi && e < s + 14 {
        let t = &doc.toks[e];
        let joined = matches!(t.kind, Kind::Punct('.' | '&')) && e > s && doc.toks[e - 1].e == t.s;
        if !t.is_word() && !joined {
            break;
        }
        if e > s && cue_at(doc, e).is_some() && !doc.is_cap(e) {
            break;
        }
        // A lower-case past tense ends the phrase ("an angry Smith retaliated").
        if e > s && !doc.is_cap(e) && t.low.ends_with("ed") && !lx.roles.contains(t.low) {
            break;
        }
        // "Jane Roe and John Doe wrote": "and" between names stays inside.
        let and_names =
            t.low == "and" && e > s && doc.is_cap(e - 1) && e + 1 < hi && doc.is_cap(e + 1);
        if !doc.is_cap(e)
            && e > s
            && !and_names
            && (lx.stops.contains(t.low) && t.low != "of" || lx.adverbs.contains(t.low))
        {
            break;
        }
        if !doc.is_cap(e) && e == s && lx.stops.contains(t.low) {
            return None;
        }
        e += 1;
    }
    // Trailing "of"/"for" without a complement, or a sentence's full stop.
    while e > s && (matches!(doc.toks[e - 1].low, "of" | "for") || doc.toks[e - 1].is_punct('.')) {
        e -= 1;
    }
    if e == s || (e - s == 1 && lx.determiners.contains(doc.toks[s].low)) {
        return None;
    }
    let det = lx.determiners.contains(doc.toks[s].low) && e - s >= 2;
    let has_head = det
        || (s..e).any(|j| {
            doc.is_cap(j)
                || lx.anonymous.contains(doc.toks[j].low)
                || lx.roles.contains(doc.toks[j].low)
                || lx.org_words.contains(doc.toks[j].low)
        });
    has_head.then_some((s, e))
}

fn skip_adverbs_left(doc: &Doc, i: usize, lo: usize, ing: bool) -> usize {
    let lx = lex();
    let mut j = i;
    while j > lo {
        let low = doc.toks[j - 1].low;
        if lx.adverbs.contains(low) || (ing && BE.contains(&low)) {
            j -= 1;
        } else {
            break;
        }
    }
    j
}

fn skip_adverbs_right(doc: &Doc, i: usize, hi: usize) -> usize {
    let lx = lex();
    let mut j = i;
    while j < hi && lx.adverbs.contains(doc.toks[j].low) {
        j += 1;
    }
    j
}

/// Adjuncts after a cue that are not content: "on Tuesday", "in an interview", "to
/// reporters", "last week", "Monday". Returns the token after them.
fn skip_adjuncts(doc: &Doc, i: usize, hi: usize) -> usize {
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
        if j + 1 < hi && matches!(doc.toks[j].low, "on" | "in" | "at" | "during" | "to") {
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
            }
        }
        if j == start {
            return j;
        }
    }
}

impl Ctx<'_, '_> {
    fn q(&self, i: usize) -> Option<usize> {
        let v = *self.inside.get(i)?;
        (v != NONE).then_some(v as usize)
    }

    fn sent(&self, i: usize) -> Range {
        self.doc.sents[self.doc.toks[i].sent]
    }

    /// End (exclusive) of content that runs to the end of the sentence of token `i`:
    /// final punctuation dropped unless a quote closes after it; a quote that runs on
    /// past the sentence end is followed to its close.
    fn content_end(&self, i: usize) -> usize {
        let doc = self.doc;
        let mut te = self.sent(i).te;
        // Follow a quote that is open at the sentence end.
        while te > 0 {
            match self.q(te - 1) {
                Some(qi) if self.quotes[qi].last >= te => te = self.quotes[qi].last + 1,
                _ => break,
            }
        }
        while te > i
            && matches!(
                doc.toks[te - 1].kind,
                Kind::Punct('.' | '!' | '?' | ';' | ':' | '…' | ',' | '—' | '-')
            )
            && self.q(te - 1).is_none()
        {
            te -= 1;
        }
        te
    }

    fn kind_of(&self, cs: usize, ce: usize) -> StatementKind {
        let doc = self.doc;
        if cs >= ce {
            return StatementKind::Indirect;
        }
        let has_quote = (cs..ce).any(|j| doc.toks[j].is_double_quote() && self.q(j).is_some());
        if !has_quote {
            return StatementKind::Indirect;
        }
        // Direct when the content is one quote, maybe with punctuation after it.
        if let Some(qi) = self.q(cs) {
            let q = &self.quotes[qi];
            if q.open == cs && (q.last + 1..ce).all(|j| matches!(doc.toks[j].kind, Kind::Punct(_)))
            {
                return StatementKind::Direct;
            }
        }
        StatementKind::Mixed
    }

    fn bytes(&self, cs: usize, ce: usize) -> (usize, usize) {
        (self.doc.toks[cs].s, self.doc.toks[ce - 1].e)
    }

    fn words_in(&self, cs: usize, ce: usize) -> usize {
        (cs..ce).filter(|&j| self.doc.toks[j].is_word()).count()
    }
}

/// All statements of the article, in text order.
pub fn detect(cx: &Ctx) -> Vec<Raw> {
    let doc = cx.doc;
    let n = doc.toks.len();
    let mut used_q = vec![false; cx.quotes.len()];
    let mut used_t = vec![false; n];
    let mut out = Vec::new();
    direct_quotes(cx, &mut used_q, &mut used_t, &mut out);
    indirect(cx, &mut used_q, &mut used_t, &mut out);
    colon_quotes(cx, &mut used_q, &mut out);
    headlines(cx, &used_t, &mut out);
    attach_orphans(cx, &mut used_q, &mut out);
    out.sort_by_key(|r| r.first);
    out
}

/// Pieces of a quote that ran over paragraphs, ending with piece `qi`.
fn chain_back(cx: &Ctx, qi: usize) -> Vec<usize> {
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
fn sentence_like(cx: &Ctx, qi: usize) -> bool {
    let q = &cx.quotes[qi];
    let words = cx.words_in(q.open, q.last + 1);
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
fn direct_quotes(cx: &Ctx, used_q: &mut [bool], used_t: &mut [bool], out: &mut Vec<Raw>) {
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
type SpeakerCue = ((usize, usize), (usize, usize), usize);

/// After a closing mark at token `k`: a speaker and cue in either order. Returns the
/// speaker range, the cue range and the token after them.
fn cue_after_quote(cx: &Ctx, k: usize, hi: usize) -> Option<SpeakerCue> {
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
            && !cue_at(doc, o - 1).is_some();
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
    let (ss, se) = subject_right(doc, k, sent_hi)?;
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

/// Indirect and mixed speech around each remaining cue.
fn indirect(cx: &Ctx, used_q: &mut [bool], used_t: &mut [bool], out: &mut Vec<Raw>) {
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
                    if let Some(k) = latest_before(out, &here, i) {
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
            if let Some(r) = around_cue(cx, i, ce, class, sent, used_q, prev) {
                for t in used_t.iter_mut().take(ce).skip(i) {
                    *t = true;
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

/// Marks the quotes inside `[cs, ce)` as used; false if one was used already.
fn claim_quotes(cx: &Ctx, cs: usize, ce: usize, used_q: &mut [bool]) -> bool {
    let mut qs = Vec::new();
    for j in cs..ce {
        if let Some(qi) = cx.q(j) {
            if used_q[qi] {
                return false;
            }
            if !qs.contains(&qi) {
                qs.push(qi);
            }
        }
    }
    for qi in qs {
        used_q[qi] = true;
    }
    true
}

fn around_cue(
    cx: &Ctx,
    i: usize,
    ce: usize,
    class: CueClass,
    sent: Range,
    used_q: &mut [bool],
    prev: Option<(usize, usize)>,
) -> Option<Raw> {
    let doc = cx.doc;
    let lx = lex();
    let ing = doc.toks[i].low.ends_with("ing");
    let left = skip_adverbs_left(doc, i, sent.ts, ing);
    // Passive: "it was announced that" has no source; "X was told" is not speech.
    if left > sent.ts && BE.contains(&doc.toks[left - 1].low) && !ing {
        let it = left >= 2 && doc.toks[left - 2].low == "it" && left - 2 >= sent.ts;
        if !it || class == CueClass::Obj {
            return None;
        }
        let (cs, cend) = content_after(cx, ce, class, sent)?;
        if !claim_quotes(cx, cs, cend, used_q) {
            return None;
        }
        return Some(Raw {
            kind: cx.kind_of(cs, cend),
            content: vec![cx.bytes(cs, cend)],
            subj: None,
            refers: None,
            cue: Some((left - 1, ce)),
            first: left - 2,
            last: cend - 1,
            conf: 0.6,
        });
    }
    // Participle after a comma: "…, saying …" — the speaker is the clause's subject.
    if ing && left > sent.ts && doc.toks[left - 1].is_punct(',') {
        let subj = prev.or_else(|| first_subject(cx, sent.ts, left - 1))?;
        let (cs, cend) = content_after(cx, ce, class, sent)?;
        if !claim_quotes(cx, cs, cend, used_q) {
            return None;
        }
        return Some(Raw {
            kind: cx.kind_of(cs, cend),
            content: vec![cx.bytes(cs, cend)],
            subj: Some(subj),
            refers: None,
            cue: Some((perfect_start(doc, left, i), ce)),
            first: subj.0,
            last: cend - 1,
            conf: 0.6,
        });
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
            return Some(Raw {
                kind: cx.kind_of(cs, cend),
                content: vec![cx.bytes(cs, cend)],
                subj: Some(subj),
                refers: None,
                cue: Some((perfect_start(doc, left, i), ce)),
                first: subj.0,
                last: cend - 1,
                conf: 0.6,
            });
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
        return Some(Raw {
            kind: cx.kind_of(cs, cend),
            content: vec![cx.bytes(cs, cend)],
            subj: Some(subj),
            refers: None,
            cue: Some((i, ce)),
            first: subj.0.min(i),
            last: cend - 1,
            conf: 0.5,
        });
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
            let at_end =
                after >= hi || matches!(doc.toks[after].kind, Kind::Punct('.' | '!' | '?' | ','));
            if at_end {
                let cend = i - 1;
                let cs = sent.ts;
                if cend > cs && cx.words_in(cs, cend) >= 3 && claim_quotes(cx, cs, cend, used_q) {
                    let cend = trim_end(doc, cs, cend);
                    return Some(Raw {
                        kind: cx.kind_of(cs, cend),
                        content: vec![cx.bytes(cs, cend)],
                        subj: Some(sub),
                        refers: None,
                        cue: Some((perfect_start(doc, left, i), ce)),
                        first: cs,
                        last: sub.1 - 1,
                        conf: 0.7,
                    });
                }
            }
        }
    }
    // Speaker on the left.
    let mut subj = speaker_before(cx, left, sent)?;
    // "Smith in a blog post said": the phrase found was the adjunct's object.
    if subj.0 > sent.ts + 1
        && matches!(
            doc.toks[subj.0 - 1].low,
            "in" | "on" | "at" | "during" | "via" | "through"
        )
        && !doc.is_cap(subj.1 - 1)
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
        if passive && !ok {
            return None;
        }
    }
    let lead = subj.0;
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
                && after + 1 >= cx.content_end(after).max(after + 1);
        let mid = after < hi && doc.toks[after].is_punct(',');
        if ends || mid {
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
    // "what she called “a rant”": only the quoted name is hers.
    if subj.0 > sent.ts && doc.toks[subj.0 - 1].low == "what" {
        if let Some(qi) = cx.q(cs).filter(|&qi| cx.quotes[qi].open == cs) {
            cend = cend.min(cx.quotes[qi].last + 1);
        }
    }
    if !claim_quotes(cx, cs, cend, used_q) {
        return None;
    }
    let _ = lx;
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

/// For a "who" speaker, the phrase it stands for: ", who said" after a name.
fn relative_antecedent(cx: &Ctx, subj: (usize, usize), sent: Range) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let w = subj.0;
    if subj.1 - w != 1 || doc.toks[w].low != "who" {
        return None;
    }
    if w > sent.ts + 1 && doc.toks[w - 1].is_punct(',') {
        return subject_left(doc, w - 1, sent.ts);
    }
    subject_left(doc, w, sent.ts)
}

/// Drops punctuation at the end of a content range.
fn trim_end(doc: &Doc, cs: usize, mut ce: usize) -> usize {
    while ce > cs + 1
        && matches!(
            doc.toks[ce - 1].kind,
            Kind::Punct(',' | ';' | ':' | '—' | '-')
        )
    {
        ce -= 1;
    }
    ce
}

/// The speaker phrase ending at `left`, through an apposition or relative clause
/// ("Mark Rutte, NATO's secretary general, said"; "Smith, who …, said").
fn speaker_before(cx: &Ctx, left: usize, sent: Range) -> Option<(usize, usize)> {
    let doc = cx.doc;
    if left <= sent.ts {
        return None;
    }
    // "Smith — after a pause — told me"
    if matches!(doc.toks[left - 1].kind, Kind::Punct('—' | '–')) {
        let d = (sent.ts..left - 1)
            .rev()
            .take(15)
            .find(|&j| matches!(doc.toks[j].kind, Kind::Punct('—' | '–')))?;
        return subject_left(doc, d, sent.ts)
            .filter(|s| doc.is_cap(s.1 - 1) || is_pronoun(doc, s.0));
    }
    if doc.toks[left - 1].is_punct(',') {
        // Apposition: find the comma that opens it.
        let mut c = left - 1;
        let lo = left.saturating_sub(25).max(sent.ts);
        while c > lo {
            c -= 1;
            if doc.toks[c].is_punct(',') {
                break;
            }
        }
        if c <= sent.ts || !doc.toks[c].is_punct(',') || c + 1 >= left - 1 {
            // "Gov. Jane Roe (R-OH), said"
            if left >= 2 && doc.toks[left - 2].is_punct(')') {
                return subject_left(doc, left - 1, sent.ts);
            }
            return None;
        }
        // "One of his advisers, Jane Roe, said": a name between the commas speaks.
        let seg = (c + 1, left - 1);
        if (seg.0..seg.1).all(|j| doc.is_cap(j) || (doc.toks[j].is_punct('.') && j > seg.0))
            && cx.person_tok[seg.0]
        {
            return Some(seg);
        }
        // "Jane Roe, 66, a retiree, said": step back over short segments.
        for _ in 0..3 {
            if let Some(sub) = subject_left(doc, c, sent.ts) {
                let head = &doc.toks[sub.1 - 1];
                if doc.is_cap(sub.1 - 1) {
                    return Some(sub);
                }
                let lx = lex();
                if lx.anonymous.contains(head.low) || lx.roles.contains(head.low) {
                    return Some(sub);
                }
            }
            // The comma before this one, if the segment between is short.
            let prev = (sent.ts..c)
                .rev()
                .take(12)
                .find(|&j| doc.toks[j].is_punct(','));
            match prev {
                Some(p) if p > sent.ts => c = p,
                _ => break,
            }
        }
        return None;
    }
    let mut sub = subject_left(doc, left, sent.ts)?;
    // "Smith and Jones said", "teachers and union officials said"
    if sub.0 > sent.ts + 1 && doc.toks[sub.0 - 1].low == "and" {
        if let Some(s2) = subject_left(doc, sub.0 - 1, sent.ts) {
            let same_kind = doc.is_cap(s2.1 - 1) == doc.is_cap(sub.1 - 1);
            if same_kind && s2.1 - s2.0 <= 4 {
                sub = (s2.0, sub.1);
            }
        } else {
            let w = sub.0 - 2;
            let lx = lex();
            let t = &doc.toks[w];
            if t.is_word()
                && !lx.stops.contains(t.low)
                && !lx.determiners.contains(t.low)
                && !is_pronoun(doc, w)
            {
                sub = (w, sub.1);
            }
        }
    }
    // "who said": kept as written; `relative_antecedent` finds who it is.
    if sub.1 - sub.0 == 1 && doc.toks[sub.0].low == "who" {
        let w = sub.0;
        let ante = if w > sent.ts + 1 && doc.toks[w - 1].is_punct(',') {
            subject_left(doc, w - 1, sent.ts)
        } else {
            subject_left(doc, w, sent.ts)
        };
        ante?;
    }
    Some(sub)
}

/// The first speaker-like phrase of a clause: a name or pronoun before token `hi`.
fn first_subject(cx: &Ctx, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let lx = lex();
    let mut j = lo;
    // A wire credit "(Reuters) -" is no subject.
    if j < hi && doc.toks[j].is_punct('(') {
        if let Some(c) = (j..hi.min(j + 6)).find(|&k| doc.toks[k].is_punct(')')) {
            j = c + 1;
            while j < hi && matches!(doc.toks[j].kind, Kind::Punct('-' | '—' | '–')) {
                j += 1;
            }
        }
    }
    // "Eight years ago, …": a short opening phrase with no name or pronoun.
    if let Some(c) = (j..hi.min(j + 7)).find(|&k| doc.toks[k].is_punct(',')) {
        let empty = (j..c).all(|k| !is_pronoun(doc, k) && !cx.person_tok[k]);
        if empty && c + 1 < hi {
            j = c + 1;
        }
    }
    // An opening adverbial ("In an interview with CNN, …") holds no subject.
    if j < hi
        && (lx.stops.contains(doc.toks[j].low)
            || matches!(
                doc.toks[j].low,
                "despite" | "for" | "of" | "about" | "like" | "unlike" | "asked" | "speaking"
            ))
    {
        if let Some(c) = (j..hi).find(|&k| doc.toks[k].is_punct(',')) {
            j = c + 1;
        }
    }
    while j < hi {
        // Datelines ("WASHINGTON —") are not subjects.
        if doc.toks[j].is_word()
            && doc.word(j).chars().count() > 4
            && crate::extract::mentions::is_acronym(doc.word(j))
        {
            j += 1;
            continue;
        }
        if cx.q(j).is_some() {
            j += 1;
            continue;
        }
        if is_pronoun(doc, j) && doc.toks[j].low != "who" {
            return Some((j, j + 1));
        }
        // "His chief aide …", "The billionaire businessman …"
        if lx.determiners.contains(doc.toks[j].low) {
            let known = |k: usize| {
                let low = doc.toks[k].low;
                doc.is_cap(k)
                    || lx.roles.contains(low)
                    || lx.anonymous.contains(low)
                    || lx.org_words.contains(low)
                    || lx.role_modifiers.contains(low)
            };
            let mut e = j + 1;
            while e < hi && e < j + 6 && known(e) {
                e += 1;
            }
            if e > j + 1 {
                return Some((j, e));
            }
        }
        if doc.is_cap(j)
            && !lx.stops.contains(doc.toks[j].low)
            && !lx.determiners.contains(doc.toks[j].low)
        {
            let mut e = j + 1;
            while e < hi && (doc.is_cap(e) || lx.particles.contains(doc.toks[e].low)) {
                e += 1;
            }
            // "Clinton’s campaign": a possessor is not the subject.
            if e < hi && matches!(doc.toks[e].low, "’s" | "'s") {
                let mut f = e + 1;
                while f < hi
                    && f < e + 3
                    && (lx.org_words.contains(doc.toks[f].low)
                        || lx.anonymous.contains(doc.toks[f].low)
                        || lx.roles.contains(doc.toks[f].low))
                {
                    f += 1;
                }
                return (f > e + 1).then_some((j, f));
            }
            return Some((j, e));
        }
        j += 1;
    }
    None
}

/// Content after the cue, to the end of the sentence: from "that" when it comes soon,
/// past the addressee of "told".
fn content_after(cx: &Ctx, ce: usize, class: CueClass, sent: Range) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let lx = lex();
    let hi = cx.content_end(ce.min(sent.te.saturating_sub(1)).max(sent.ts));
    let mut cs = ce;
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
        let loose = (ce..t).all(|j| doc.toks[j].is_word() || doc.toks[j].is_punct(','))
            && (class == CueClass::Tell
                || matches!(
                    doc.toks[ce].low,
                    "in" | "on" | "at" | "during" | "to" | "after" | "before"
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
        } else if false {
            let mut j = ce;
            if j < hi
                && (lx.pronouns.contains_key(doc.toks[j].low)
                    || matches!(doc.toks[j].low, "him" | "her" | "them" | "us" | "me"))
            {
                j += 1;
            } else {
                if j < hi && lx.determiners.contains(doc.toks[j].low) {
                    j += 1;
                }
                while j < hi
                    && doc.toks[j].is_word()
                    && (doc.is_cap(j) || j == ce || lx.anonymous.contains(doc.toks[j].low))
                    && j < ce + 5
                {
                    j += 1;
                }
            }
            j = skip_adjuncts(doc, j, hi);
            if j >= hi || j == ce {
                return None;
            }
            cs = j;
        } else {
            cs = skip_adjuncts(doc, ce, hi);
        }
        while cs < hi && matches!(doc.toks[cs].kind, Kind::Punct(':' | ',' | '—' | '-')) {
            cs += 1;
        }
    }
    // "said on Capital Download, …": an adjunct is not the content.
    if cs < hi
        && cs == ce
        && matches!(
            doc.toks[cs].low,
            "of" | "about"
                | "on"
                | "in"
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
        )
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
    if class == CueClass::Think && doc.toks[cs].low != "that" && words < 4 {
        return None;
    }
    // "said it would …" fine; "said to be" is a raising verb, not speech.
    if doc.toks[cs].low == "to"
        && matches!(class, CueClass::Say | CueClass::Tell | CueClass::Think)
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
fn next_clause_cue(cx: &Ctx, cs: usize, hi: usize) -> Option<usize> {
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
        if k < hi && matches!(doc.toks[k].low, "and" | "but") {
            k += 1;
        }
        while k < hi && lex().adverbs.contains(doc.toks[k].low) {
            k += 1;
        }
        let Some((_, class)) = cue_at(doc, k).filter(|_| k < hi) else {
            return false;
        };
        if t.is_punct(',') {
            doc.toks[k].low.ends_with("ing") && class != CueClass::Think
        } else {
            true
        }
    })
}

/// The source phrase after "according to" at `i`.
fn according_np(cx: &Ctx, i: usize, sent: Range) -> Option<(usize, usize)> {
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
fn according_to(cx: &Ctx, i: usize, sent: Range, used_q: &mut [bool]) -> Option<Raw> {
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
    let lead = (sent.ts..i).all(|j| {
        doc.toks[j].is_word() && cx.q(j).is_none() && (j == sent.ts || !doc.toks[j].is_punct(','))
    });
    let (cs, cend) = if lead && e < hi && doc.toks[e].is_punct(',') {
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
    if cend <= cs || cx.words_in(cs, cend) < 3 || !claim_quotes(cx, cs, cend, used_q) {
        return None;
    }
    Some(Raw {
        kind: cx.kind_of(cs, cend),
        content: vec![cx.bytes(cs, cend)],
        subj: Some(subj),
        refers: None,
        cue: Some((i, i + 2)),
        first: cs.min(i),
        last: (cend - 1).max(e - 1),
        conf: 0.7,
    })
}

/// Quotes that stand alone after a statement in the same paragraph ("“…,” he said.
/// “More words.”") continue that statement.
fn attach_orphans(cx: &Ctx, used_q: &mut [bool], out: &mut [Raw]) {
    let doc = cx.doc;
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
            continue;
        };
        let r = &mut out[k];
        if r.content.last().is_none_or(|c| c.0 < pstart) {
            continue;
        }
        let mut m = qi;
        loop {
            used_q[m] = true;
            r.content.push(cx.quotes[m].bytes(doc));
            r.last = r.last.max(cx.quotes[m].last);
            if !cx.quotes[m].continues || m + 1 >= cx.quotes.len() {
                break;
            }
            m += 1;
        }
    }
}

/// `He went further: “…”` and `He said:` closing a paragraph before a quoted one: the
/// colon introduces the quote and the clause's subject speaks it.
fn colon_quotes(cx: &Ctx, used_q: &mut [bool], out: &mut Vec<Raw>) {
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
        if c == 0 || !doc.toks[c - 1].is_word() || c - 1 < subj.1 {
            continue;
        }
        // The cue: a reporting verb in the clause, else the word before the colon.
        let cue = (subj.1..c)
            .find_map(|j| cue_at(doc, j).map(|(e, _)| (j, e.min(c))))
            .unwrap_or((c - 1, c + 1));
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
fn headlines(cx: &Ctx, used_t: &[bool], out: &mut Vec<Raw>) {
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
        while e < para.te && e < start + 4 && doc.is_cap(e) {
            e += 1;
        }
        if e == start || e >= para.te || !doc.toks[e].is_punct(':') || used_t[e] {
            continue;
        }
        let lx = lex();
        // "SMITH:" in a transcript: an all-capital name label.
        let label = e == start + 1
            && doc.word(start).chars().count() >= 3
            && crate::extract::mentions::is_acronym(doc.word(start))
            && !lx.not_speakers.contains(doc.toks[start].low);
        let named = (start..e).any(|j| doc.word(j).chars().count() > 1)
            && (start..e).any(|j| cx.person_tok[j]);
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

/// The addressee after "told": a pronoun, a name, or a short noun phrase.
fn skip_addressee(doc: &Doc, ce: usize, hi: usize) -> usize {
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
    while j < hi && j < ce + 5 && (doc.is_cap(j) || matches!(doc.toks[j].low, "’s" | "'s")) {
        j += 1;
    }
    j
}

/// "has said": the auxiliary of a perfect tense belongs to the cue.
fn perfect_start(doc: &Doc, left: usize, i: usize) -> usize {
    (left..i)
        .find(|&j| matches!(doc.toks[j].low, "has" | "have" | "had"))
        .unwrap_or(i)
}
