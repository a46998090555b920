//! The constructions a reporting verb is read in, tried in order until one decides: a
//! passive ("it was announced that …"), a participle ("…, saying …", "with X warning
//! …"), a coordinated verb ("… and said …"), an inverted source ("…, said Rutte."), a
//! source before the verb with the content fronted ("…, X said.") or after it ("X said
//! (that) …"). Each returns the raw statement or decides there is none.

use super::candidate::*;
use super::content::{adjunct_tail, content_after, resumes_content, with_speaker_at};
use super::cues::*;
use super::lexicon::{flag, lex, CueClass};
use super::phrases::*;
use super::text::{Doc, Kind, Range};

/// One reporting verb being read: tokens `[i, ce)` of class `class` in sentence `sent`,
/// `left` where its adverbs and auxiliaries begin, `prev` the speaker phrase of an
/// earlier statement in the sentence.
struct Cue {
    i: usize,
    ce: usize,
    class: CueClass,
    sent: Range,
    left: usize,
    ing: bool,
    prev: Option<(usize, usize)>,
}

/// What trying one construction on a cue found: it does not apply, or it decides (a
/// statement, or none at all).
enum Reading {
    Next,
    Decided(Option<Raw>),
}

type Construction = fn(&Ctx, &Cue, &mut [bool]) -> Reading;

/// The statement a cue at `[i, ce)` reports, read in the first construction that fits.
pub(super) fn around_cue(
    cx: &Ctx,
    i: usize,
    ce: usize,
    class: CueClass,
    sent: Range,
    used_q: &mut [bool],
    prev: Option<(usize, usize)>,
) -> Option<Raw> {
    let ing = cx.doc.toks[i].low.ends_with("ing");
    let left = skip_adverbs_left(cx.doc, i, sent.ts, ing);
    let cue = Cue {
        i,
        ce,
        class,
        sent,
        left,
        ing,
        prev,
    };
    const SOURCE_ELSEWHERE: [Construction; 9] = [
        passive,
        with_participle,
        participle_after_comma,
        coordinated,
        participle_after_conjunction,
        participle_after_object,
        participle_without_subject,
        inverted,
        modifying_participle,
    ];
    for construction in SOURCE_ELSEWHERE {
        if let Reading::Decided(r) = construction(cx, &cue, used_q) {
            return r;
        }
    }
    let subj = source_before(cx, &cue)?;
    for construction in [as_source_reported, fronted_content] {
        if let Reading::Decided(r) = construction(cx, &cue, subj, used_q) {
            return r;
        }
    }
    content_following(cx, &cue, subj, used_q)
}

/// The content after the cue, claimed, as one statement of speaker `subj`.
fn said_after(
    cx: &Ctx,
    c: &Cue,
    used_q: &mut [bool],
    subj: Option<(usize, usize)>,
    cue: (usize, usize),
    first: usize,
    conf: f32,
) -> Option<Raw> {
    let (cs, cend) = content_after(cx, c.ce, c.class, c.sent)?;
    if !claim_quotes(cx, cs, cend, used_q) {
        return None;
    }
    Some(cx.single((cs, cend), subj, Some(cue), first, conf))
}

/// Passive: "it was announced that …" has no source; "X was told" is not speech; "Smith
/// was asked (by the host) whether …" is the host's question.
fn passive(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let left = c.left;
    if !(left > c.sent.ts && BE.contains(&doc.toks[left - 1].low) && !c.ing) {
        return Reading::Next;
    }
    if doc.toks[c.i].low == "asked" {
        return Reading::Decided(question_put(cx, c, used_q));
    }
    let it = left >= 2 && doc.toks[left - 2].low == "it" && left - 2 >= c.sent.ts;
    if !it || c.class == CueClass::Obj {
        return Reading::Decided(None);
    }
    Reading::Decided(said_after(
        cx,
        c,
        used_q,
        None,
        (left - 1, c.ce),
        left - 2,
        0.6,
    ))
}

/// "Smith was asked (by the host) whether …": the question, put by the host.
fn question_put(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Option<Raw> {
    let doc = cx.doc;
    let mut cs = c.ce;
    let mut asker = None;
    if cs < c.sent.te && doc.toks[cs].low == "by" {
        asker = subject_right(doc, cs + 1, c.sent.te);
        cs = asker.map(|a| a.1).unwrap_or(cs + 1);
    }
    let cend = cx.content_end(cs.min(c.sent.te.saturating_sub(1)));
    if cend > cs + 1 && claim_quotes(cx, cs, cend, used_q) {
        return Some(cx.single((cs, cend), asker, Some((c.left - 1, c.ce)), c.left - 1, 0.5));
    }
    None
}

/// "…, with Foreign Minister Ayman Safadi warning of …": the noun phrase after "with"
/// speaks.
fn with_participle(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Reading {
    if !c.ing {
        return Reading::Next;
    }
    let doc = cx.doc;
    let w = (c.sent.ts..c.left)
        .rev()
        .take(9)
        .find(|&w| doc.toks[w].low == "with");
    match w.and_then(|w| with_speaker_at(doc, w, c.sent.te)) {
        Some((subj, cue)) if cue == c.i => Reading::Decided(said_after(
            cx,
            c,
            used_q,
            Some(subj),
            (c.i, c.ce),
            subj.0,
            0.5,
        )),
        _ => Reading::Next,
    }
}

/// Participle after a comma: "…, saying …" — the speaker is the clause's subject.
fn participle_after_comma(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    if !(c.ing && c.left > c.sent.ts && doc.toks[c.left - 1].is_punct(',')) {
        return Reading::Next;
    }
    let subj = match (c.prev, sub_clause_subject(cx, c.sent.ts, c.left - 1)) {
        // A subordinate clause after the earlier speaker has its own subject.
        (Some(p), Some(s)) if s.0 > p.1 && s.0 > c.sent.ts => Some(s),
        (Some(p), _) => Some(p),
        (None, s) => s.or_else(|| first_subject(cx, c.sent.ts, c.left - 1)),
    };
    Reading::Decided(subj.and_then(|subj| {
        let cue = (perfect_start(doc, c.left, c.i), c.ce);
        said_after(cx, c, used_q, Some(subj), cue, subj.0, 0.6)
    }))
}

/// "… and said …" / "…, but said …": the speaker is the clause's subject.
fn coordinated(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let left = c.left;
    if !(left > c.sent.ts + 1 && matches!(doc.toks[left - 1].low, "and" | "but")) {
        return Reading::Next;
    }
    let lo = if doc.toks[left - 2].is_punct(',') {
        left - 2
    } else {
        left - 1
    };
    match first_subject(cx, c.sent.ts, lo) {
        Some(subj) => {
            let cue = (perfect_start(doc, left, c.i), c.ce);
            Reading::Decided(said_after(cx, c, used_q, Some(subj), cue, subj.0, 0.6))
        }
        None => Reading::Next,
    }
}

/// "…, before asking her, “…”": the clause's speaker asks.
fn participle_after_conjunction(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let conjunction = c.left > c.sent.ts
        && matches!(
            doc.toks[c.left - 1].low,
            "before" | "after" | "while" | "by" | "when" | "without"
        );
    if !(c.ing && conjunction) {
        return Reading::Next;
    }
    Reading::Decided(participle_of_subject(cx, c, used_q))
}

/// "Smith opened the debate saying …": the clause's subject speaks.
fn participle_after_object(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let left = c.left;
    let fits = c.ing
        && left == c.i
        && left > c.sent.ts
        && matches!(c.class, CueClass::Say | CueClass::Tell)
        && doc.toks[left - 1].is_word()
        && !doc.is_cap(left - 1)
        && !is_pronoun(doc, left - 1)
        && !BE.contains(&doc.toks[left - 1].low);
    if !fits {
        return Reading::Next;
    }
    Reading::Decided(participle_of_subject(cx, c, used_q))
}

/// A participle whose speaker is the earlier speaker or the sentence's first subject.
fn participle_of_subject(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Option<Raw> {
    let subj = c
        .prev
        .or_else(|| first_subject(cx, c.sent.ts, c.left - 1))?;
    said_after(cx, c, used_q, Some(subj), (c.i, c.ce), subj.0.min(c.i), 0.5)
}

/// "-ing" forms without a comma ("is saying") need a subject right before.
fn participle_without_subject(_: &Ctx, c: &Cue, _: &mut [bool]) -> Reading {
    if c.ing && c.left == c.i {
        Reading::Decided(None)
    } else {
        Reading::Next
    }
}

/// Inversion: "…, said Rutte." / "…,” said the senator." The content is all before the
/// cue, and may resume after the source ("The contrast, said Doyle, would be clear").
fn inverted(cx: &Ctx, c: &Cue, used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let i = c.i;
    let fits = c.left == i
        && i > c.sent.ts
        && (doc.toks[i - 1].is_punct(',') || doc.toks[i - 1].is_quote())
        && matches!(c.class, CueClass::Say);
    if !fits {
        return Reading::Next;
    }
    let hi = cx.sent(i).te;
    let Some(sub) = subject_right(doc, c.ce, hi) else {
        return Reading::Next;
    };
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
    let (cs, cend) = (c.sent.ts, i - 1);
    if !at_end || cend <= cs || cx.words_in(cs, cend) < 3 || !claim_quotes(cx, cs, cend, used_q) {
        return Reading::Next;
    }
    let resume = (!relative && after < hi && doc.toks[after].is_punct(',') && after + 1 < hi)
        .then(|| (after + 1, cx.content_end(after + 1)))
        .filter(|&(s2, e2)| e2 > s2 + 1 && resumes_content(cx, s2));
    let r = before_the_source(cx, c, sub, (cs, cend), resume, sub.1 - 1, used_q);
    Reading::Decided(Some(r))
}

/// A statement whose words `[cs, cend)` (claimed already) come before the source and
/// may take up again after it at `resume`, the source's own words ending at `last`
/// otherwise.
fn before_the_source(
    cx: &Ctx,
    c: &Cue,
    subj: (usize, usize),
    (cs, cend): (usize, usize),
    resume: Option<(usize, usize)>,
    mut last: usize,
    used_q: &mut [bool],
) -> Raw {
    let doc = cx.doc;
    let cend = trim_end(doc, cs, cend);
    let mut content = vec![cx.bytes(cs, cend)];
    if let Some((s2, e2)) = resume.filter(|&(s2, e2)| claim_quotes(cx, s2, e2, used_q)) {
        content.push(cx.bytes(s2, e2));
        last = e2 - 1;
    }
    Raw {
        kind: cx.kind_of(cs, cend),
        content,
        subj: Some(subj),
        refers: None,
        cue: Some((perfect_start(doc, c.left, c.i), c.ce)),
        first: cs,
        last,
        conf: 0.7,
    }
}

/// "475 pledged delegates", "a large pledged delegate lead": a participle after a
/// number or determiner modifies the next noun ("said" and "told" never do: "4 in 10
/// said billionaire Trump …").
fn modifying_participle(cx: &Ctx, c: &Cue, _: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let (left, ce, sent) = (c.left, c.ce, c.sent);
    let finite_speech = matches!(
        doc.toks[c.i].low,
        "said" | "say" | "says" | "told" | "tell" | "tells"
    );
    let modifies = left > sent.ts
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
        && !lex().determiners.contains(doc.toks[ce].low);
    if modifies {
        Reading::Decided(None)
    } else {
        Reading::Next
    }
}

/// The speaker phrase before the cue, or none when what stands there does not speak.
fn source_before(cx: &Ctx, c: &Cue) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let sent = c.sent;
    let mut subj = speaker_before(cx, c.left, sent)?;
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
    if adjunct_object(doc, subj, sent) {
        if let Some(s2) = subject_left(doc, subj.0 - 1, sent.ts) {
            subj = s2;
        }
    }
    (!reduced_relative(cx, c, subj)).then_some(subj)
}

/// "Smith in a blog post said", "Clark in October revealed": the phrase found was the
/// adjunct's object.
fn adjunct_object(doc: &Doc, subj: (usize, usize), sent: Range) -> bool {
    let dated = (subj.0..subj.1).all(|k| {
        doc.toks[k].kind == Kind::Num || doc.toks[k].flags & (flag::MONTH | flag::WEEKDAY) != 0
    });
    subj.0 > sent.ts + 1
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
}

/// Participles after a plain noun are reduced relatives ("an image likened to"), not
/// speech: object-taking cues need a named, pronoun or known-noun speaker.
fn reduced_relative(cx: &Ctx, c: &Cue, subj: (usize, usize)) -> bool {
    let doc = cx.doc;
    if !matches!(c.class, CueClass::Obj) {
        return false;
    }
    let head = &doc.toks[subj.1 - 1];
    let lx = lex();
    let ok = head.cap
        || lx.pronouns.contains_key(head.low)
        || lx.anonymous.contains(head.low)
        || lx.roles.contains(head.low)
        || lx.org_words.contains(head.low);
    let passive = c.ce < c.sent.te && matches!(doc.toks[c.ce].low, "to" | "by" | "as");
    // "a show called “X”": naming, not speech.
    let naming = matches!(
        doc.toks[c.i].low,
        "called" | "named" | "dubbed" | "labeled" | "labelled"
    );
    (passive || naming) && !ok
}

/// "As the Post reported, …": the source introduces what follows.
fn as_source_reported(cx: &Ctx, c: &Cue, subj: (usize, usize), used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let sent = c.sent;
    if !(subj.0 == sent.ts + 1 && doc.toks[sent.ts].low == "as") {
        return Reading::Next;
    }
    let after = skip_adjuncts(doc, c.ce, sent.te);
    if after < sent.te && doc.toks[after].is_punct(',') {
        let cs = after + 1;
        let cend = cx.content_end(cs);
        if cend > cs + 2 && claim_quotes(cx, cs, cend, used_q) {
            let r = cx.single((cs, cend), Some(subj), Some((c.i, c.ce)), sent.ts, 0.6);
            return Reading::Decided(Some(r));
        }
    }
    Reading::Next
}

/// "…, X said." / "…, X said, …": the content comes first (and may go on after).
fn fronted_content(cx: &Ctx, c: &Cue, subj: (usize, usize), used_q: &mut [bool]) -> Reading {
    let doc = cx.doc;
    let sent = c.sent;
    let mut lead = subj.0;
    // "…, as the Post reported." reads like "…, the Post reported."
    if lead > sent.ts + 1 && doc.toks[lead - 1].low == "as" && doc.toks[lead - 2].is_punct(',') {
        lead -= 1;
    }
    if !(lead > sent.ts && (doc.toks[lead - 1].is_punct(',') || doc.toks[lead - 1].is_quote())) {
        return Reading::Next;
    }
    let hi = sent.te;
    let mut after = c.ce;
    if c.class == CueClass::Tell {
        after = skip_addressee(doc, c.ce, hi);
    }
    let after = skip_adjuncts(doc, after, hi);
    let ends = after >= hi
        || matches!(doc.toks[after].kind, Kind::Punct('.' | '!' | '?'))
            && after + 1 >= cx.content_end(after).max(after + 1)
        || adjunct_tail(cx, after, hi)
        || doc.toks[lead - 1].is_quote() && circumstance_after(doc, after, hi);
    let mid = after < hi && doc.toks[after].is_punct(',');
    if !(ends || mid) || matches!(c.class, CueClass::Obj | CueClass::Aim) {
        return Reading::Next;
    }
    let mut cend = lead - 1;
    if doc.toks[cend].is_quote() && cend > sent.ts && doc.toks[cend].is_punct(',') {
        cend -= 1;
    }
    let cs = sent.ts;
    if cend <= cs || cx.words_in(cs, cend) < 3 {
        return Reading::Next;
    }
    // Content that is one quote already taken belongs to that statement.
    if !claim_quotes(cx, cs, cend, used_q) {
        return Reading::Decided(None);
    }
    let resume = mid
        .then(|| (after + 1, cx.content_end(after + 1)))
        .filter(|&(s2, e2)| e2 > s2);
    let r = before_the_source(cx, c, subj, (cs, cend), resume, c.ce - 1, used_q);
    Reading::Decided(Some(r))
}

/// "X said (that) …": the content follows the cue.
fn content_following(cx: &Ctx, c: &Cue, subj: (usize, usize), used_q: &mut [bool]) -> Option<Raw> {
    let doc = cx.doc;
    let sent = c.sent;
    let (cs, mut cend) = content_after(cx, c.ce, c.class, sent)?;
    if c.class == CueClass::Obj {
        cend = cend.min(end_of_quoted_name(cx, cs, cend));
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
        let speech = matches!(c.class, CueClass::Say | CueClass::Tell);
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
        cue: Some((perfect_start(doc, c.left, c.i), c.ce)),
        first: subj.0,
        last: cend - 1,
        conf: 0.7,
    })
}

/// "called Palin a “clown” on his radio show when …": a name given in quotes ends the
/// stance; the adjuncts after it tell where and when, not what. Returns `cend` when
/// nothing ends it sooner.
fn end_of_quoted_name(cx: &Ctx, cs: usize, cend: usize) -> usize {
    let doc = cx.doc;
    let Some(j) = (cs..cend).find(|&j| cx.q(j).is_some()) else {
        return cend;
    };
    let qi = cx.q(j).unwrap_or(0);
    let Some(close) = cx.quotes[qi].close.filter(|&c| c + 1 < cend) else {
        return cend;
    };
    let next = &doc.toks[close + 1];
    let adjunct = matches!(
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
    );
    if next.is_punct(',') || adjunct {
        close + 1
    } else {
        cend
    }
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
