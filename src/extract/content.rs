//! Where a reported content begins after its cue and where it ends: past "that", an
//! addressee ("told reporters"), an adjunct ("said on Monday, …"); up to the sentence's
//! end or a second reporting clause (", adding …", "but said …").

use super::candidate::*;
use super::cues::*;
use super::lexicon::{lex, CueClass};
use super::phrases::{subject_left, subject_right};
use super::text::{Doc, Kind, Range};

/// Content after the cue `[.., ce)`, to the end of the sentence: from "that" when it
/// comes soon, past the addressee of "told", past a leading adjunct.
pub(super) fn content_after(
    cx: &Ctx,
    ce: usize,
    class: CueClass,
    sent: Range,
) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let hi = cx.content_end(ce.min(sent.te.saturating_sub(1)).max(sent.ts));
    let commissive = is_commissive(doc.toks[ce - 1].low);
    // A "that" right after the cue is read like any other first word.
    let mut cs = match that_after(cx, ce, class, hi) {
        Some(t) if t > ce => t,
        _ => start_without_that(cx, ce, class, hi, commissive)?,
    };
    // "described as “an intentional act”", "labeled as …": the name follows "as".
    if cs < hi && cs == ce && doc.toks[cs].low == "as" && class == CueClass::Obj {
        cs += 1;
    }
    // "the other games offered have been …": a verb taking an object is a participle
    // when a finite verb follows it; its noun is the subject of that verb.
    if class == CueClass::Obj && cs < hi && is_finite_aux(doc.toks[cs].low) {
        return None;
    }
    if cs < hi && cs == ce && opens_adjunct(doc, ce, cs, hi) {
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
    if class == CueClass::Think && doc.toks[cs].low != "that" && !belief_clause(doc, cs, hi, words)
    {
        return None;
    }
    if raising(doc, ce, cs, class, commissive) {
        return None;
    }
    // "…, adding that …" / "… and added …" start a statement of their own.
    let hi = next_clause_cue(cx, cs, hi).unwrap_or(hi);
    Some((cs, hi))
}

/// Commissive verbs take their content as an infinitive ("vowed to repeal it", "agreed
/// to step down"), like the stance verbs of class `Aim`.
fn is_commissive(low: &str) -> bool {
    matches!(
        low,
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
    )
}

/// Words that may stand between a cue and its "that" as an addressee or adjunct ("told
/// reporters in an interview that"), beyond names, stop words and adverbs.
const BEFORE_THAT: [&str; 29] = [
    "reporters",
    "statement",
    "interview",
    "him",
    "her",
    "them",
    "us",
    "me",
    "audience",
    "crowd",
    "supporters",
    "rally",
    "speech",
    "press",
    "conference",
    "briefing",
    "radio",
    "television",
    "tv",
    "show",
    "post",
    "letter",
    "email",
    "note",
    "an",
    "a",
    "meeting",
    "hearing",
    "debate",
];

/// The "that" opening the content soon after the cue, when what precedes it is an
/// addressee or an adjunct ("said that", "told reporters that"), not content ("said the
/// plan that …").
fn that_after(cx: &Ctx, ce: usize, class: CueClass, hi: usize) -> Option<usize> {
    let doc = cx.doc;
    let lx = lex();
    let t = (ce..(ce + 13).min(hi))
        .take_while(|&j| {
            !doc.toks[j].is_quote() && !matches!(doc.toks[j].kind, Kind::Punct(':' | ';'))
        })
        .find(|&j| doc.toks[j].low == "that" && cx.q(j).is_none())?;
    let gap_ok = (ce..t).all(|j| {
        let tok = &doc.toks[j];
        tok.is_punct(',')
            || (tok.is_word()
                && (doc.is_cap(j)
                    || lx.stops.contains(tok.low)
                    || lx.determiners.contains(tok.low)
                    || lx.anonymous.contains(tok.low)
                    || lx.adverbs.contains(tok.low)
                    || BEFORE_THAT.contains(&tok.low)))
    });
    // A prepositional adjunct or an addressee may be longer ("said in an interview
    // taped before the attacks that", "told cheering supporters that").
    // "pledged to work with both parties, …" is an infinitive, not an adjunct.
    let loose = !to_infinitive(doc, ce, t)
        && (ce..t).all(|j| doc.toks[j].is_word() || doc.toks[j].is_punct(','))
        && (class == CueClass::Tell
            || matches!(
                doc.toks[ce].low,
                "in" | "on" | "at" | "during" | "to" | "after" | "before" | "for" | "over"
            ));
    (gap_ok || (loose && t <= ce + 12)).then_some(t)
}

/// Where the content begins when no "that" opens it: past the addressee of "told", at
/// the infinitive of a commissive or stance verb, past adjuncts and a comma-closed aside.
/// None when the verb says nothing here ("continued to grow", "declined" without "to").
fn start_without_that(
    cx: &Ctx,
    ce: usize,
    class: CueClass,
    hi: usize,
    commissive: bool,
) -> Option<usize> {
    let doc = cx.doc;
    let lx = lex();
    let mut cs;
    if class == CueClass::Tell {
        // "told reporters …" / "told CNN …": skip the addressee.
        let j = skip_adjuncts(doc, skip_addressee(doc, ce, hi), hi);
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
    cs = past_aside(cx, cs, hi);
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
    Some(cs)
}

/// "joked, again using an accent, “Amen!”": a comma-closed aside between the cue and
/// the quote it introduces is not part of what was said; the content starts at the quote.
fn past_aside(cx: &Ctx, cs: usize, hi: usize) -> usize {
    let doc = cx.doc;
    if !(cs < hi && doc.toks[cs].is_punct(',')) {
        return cs;
    }
    let aside = (cs + 2..hi.min(cs + 16)).find(|&j| !doc.toks[j - 1].is_word());
    match aside {
        Some(j)
            if doc.toks[j - 1].is_punct(',')
                && doc.toks[j].is_double_quote()
                && cx.q(j).is_some_and(|qi| cx.quotes[qi].open == j) =>
        {
            j
        }
        _ => cs,
    }
}

/// "said on Capital Download, …": the cue is followed by an adjunct, not the content.
/// "bragged about his record", "complained of poor service": what a speech verb is
/// about is no words either.
fn opens_adjunct(doc: &Doc, ce: usize, cs: usize, hi: usize) -> bool {
    let said = matches!(doc.toks[ce - 1].low, "said" | "says" | "say" | "saying")
        || lex().bare_object.contains(doc.toks[ce - 1].low);
    // "reported at least 5,000 people entered": a quantity, not a place.
    let quantity = cs + 1 < hi
        && matches!(doc.toks[cs].low, "at" | "in")
        && matches!(doc.toks[cs + 1].low, "least" | "most" | "all");
    let low = doc.toks[cs].low;
    !quantity
        && (said && matches!(low, "of" | "about")
            || matches!(
                low,
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
}

/// A belief without "that" must open a clause: a determiner, pronoun, name or number
/// ("polls show Clinton ahead"). Anything else is the noun or another sense of the verb
/// ("the talk show host", "show up", "felt blindsided").
fn belief_clause(doc: &Doc, cs: usize, hi: usize, words: usize) -> bool {
    let lx = lex();
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
    words >= 4 && clause
}

/// "said it would …" is speech; "is said to be" is a raising verb: verbs of saying and
/// thinking before "to" report nothing.
fn raising(doc: &Doc, ce: usize, cs: usize, class: CueClass, commissive: bool) -> bool {
    doc.toks[cs].low == "to"
        && matches!(class, CueClass::Say | CueClass::Tell | CueClass::Think)
        && !commissive
        && (cs == ce
            || matches!(
                doc.toks[ce - 1].low,
                "said" | "say" | "says" | "saying" | "reported" | "reports"
            ))
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

/// "with Foreign Minister Ayman Safadi warning …" at `w` ("with"): the speaker phrase (a
/// name, or a pronoun) and the token of its participle cue.
pub(super) fn with_speaker_at(doc: &Doc, w: usize, hi: usize) -> Option<((usize, usize), usize)> {
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

/// Whether the words at `s` after a source set off by commas ("The contrast, said Doyle,
/// would be clear") take up the reported clause again. An article, a possessive, a name or
/// a role describes the source instead (", a demographer at Emory University", ", the
/// director of …"), and a conjunction opens a clause of the writer's own (", but his
/// pathway to victory is narrowing").
pub(super) fn resumes_content(cx: &Ctx, s: usize) -> bool {
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
