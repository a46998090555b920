//! Speaker phrases: the noun phrase that names who speaks, read leftwards from a cue
//! ("NATO's Mark Rutte said"), rightwards after an inverted cue ("said Rutte"), through
//! appositions and relative clauses, or as the opening subject of a clause.

use super::candidate::*;
use super::cues::*;
use super::lexicon::{flag, lex};
use super::mentions::is_person_noun;
use super::text::{Doc, Kind, Range};

/// Speaker phrase ending just before `end`, read leftwards, not before `lo`.
pub fn subject_left(doc: &Doc, end: usize, lo: usize) -> Option<(usize, usize)> {
    // "Smith cannot say", "Jones hasn't said": the auxiliary is no part of the name.
    // Which phrases speak is decided with it in place (a denial is seldom a statement).
    let (a, mut b) = subject_left_with_aux(doc, end, lo)?;
    while b > a + 1 && !doc.is_cap(b - 1) && is_aux(doc.toks[b - 1].low) {
        b -= 1;
    }
    Some((a, b))
}

/// `subject_left` before trailing auxiliaries are dropped from the phrase.
pub(super) fn subject_left_with_aux(doc: &Doc, end: usize, lo: usize) -> Option<(usize, usize)> {
    if end <= lo {
        return None;
    }
    let b = before_parenthetical(doc, end, lo)?;
    if is_pronoun(doc, b - 1) {
        return Some((b - 1, b));
    }
    let mut a = phrase_start(doc, b, lo);
    a = through_complement(doc, a, b, lo);
    a = through_organisation_name(doc, a, b, lo);
    a = people_of_group(doc, a, b, lo);
    a = past_openers(doc, a, b);
    (a < b && speaks_as_head(doc, a, b)).then_some((a, b))
}

/// Where the phrase ending at `end` really ends: before a parenthetical after a name
/// ("Sen. Bernie Sanders (I-Vt.) said"); None when the bracket opens too far back.
fn before_parenthetical(doc: &Doc, end: usize, lo: usize) -> Option<usize> {
    if !doc.toks[end - 1].is_punct(')') {
        return Some(end);
    }
    let mut k = end - 1;
    while k > lo && k + 8 > end && !doc.toks[k].is_punct('(') {
        k -= 1;
    }
    (doc.toks[k].is_punct('(') && k > lo).then_some(k)
}

/// The start of the noun phrase ending at `b`: back over words that may be part of a
/// name or a description, at most ten tokens, stopping after a determiner.
fn phrase_start(doc: &Doc, b: usize, lo: usize) -> usize {
    let lx = lex();
    let mut a = b;
    while a > lo && b - a < 10 {
        let t = &doc.toks[a - 1];
        // "a source close to him", "people familiar with the talks"
        let linked = matches!(t.low, "to" | "with")
            && a >= 2 + lo
            && matches!(
                doc.toks[a - 2].low,
                "close" | "familiar" | "loyal" | "near" | "allied" | "connected" | "linked"
            );
        if linked {
            a -= 2;
            continue;
        }
        let ok_word = t.is_word()
            && (doc.is_cap(a - 1)
                || (!lx.stops.contains(t.low)
                    && (!lx.cues.contains_key(t.low) || is_plural_subject(doc, a - 1))
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
    a
}

/// "China's ambassador to Britain said": a role's complement belongs to the phrase.
fn through_complement(doc: &Doc, a: usize, b: usize, lo: usize) -> usize {
    let lx = lex();
    if !(a > lo + 1 && a < b && doc.is_cap(a)) {
        return a;
    }
    let prep = doc.toks[a - 1].low;
    let role = doc.toks[a - 2].low;
    let complement = matches!(prep, "to" | "for" | "at")
        && !doc.is_cap(a - 2)
        && (lx.roles.contains(role) || lx.anonymous.contains(role));
    if !complement {
        return a;
    }
    subject_left_with_aux(doc, a - 1, lo).map_or(a, |(ra, _)| ra)
}

/// "the U.S. Attorney's Office for the Western District of New York said": an
/// organisation's name runs on through "of"/"for" and the names after them.
fn through_organisation_name(doc: &Doc, a: usize, b: usize, lo: usize) -> usize {
    let lx = lex();
    let named =
        |k: usize| doc.is_cap(k) || (doc.toks[k].low == "the" && k + 1 < b && doc.is_cap(k + 1));
    if !(a > lo + 1 && a < b && named(a) && matches!(doc.toks[a - 1].low, "of" | "for")) {
        return a;
    }
    let names_org = |(ra, rb): (usize, usize)| {
        (ra..rb).any(|k| doc.is_cap(k) && lx.org_words.contains(doc.toks[k].low))
    };
    subject_left_with_aux(doc, a - 1, lo)
        .filter(|&p| names_org(p))
        .map_or(a, |(ra, _)| ra)
}

/// "executives of both companies announced": the people of a group speak, not the
/// group. Only a short phrase opening its clause: "has included members of the
/// government, which …" names no speaker before "of".
fn people_of_group(doc: &Doc, a: usize, b: usize, lo: usize) -> usize {
    let lx = lex();
    if !(a > lo + 1 && a < b && doc.toks[a - 1].low == "of" && !doc.is_cap(a - 2)) {
        return a;
    }
    let people = doc.toks[a - 2].low;
    let singular = people.strip_suffix('s').unwrap_or(people);
    let role = lx.anonymous.contains(people) || lx.roles.contains(singular);
    let opens = |ra: usize| {
        let short = ra == a - 2
            || (ra + 3 == a
                && (lx.determiners.contains(doc.toks[ra].low) || doc.toks[ra].kind == Kind::Num));
        short
            && (ra == lo || !doc.toks[ra - 1].is_word() || lx.stops.contains(doc.toks[ra - 1].low))
    };
    subject_left_with_aux(doc, a - 1, lo)
        .filter(|&(ra, _)| role && opens(ra))
        .map_or(a, |(ra, _)| ra)
}

/// Past leading stop words written with a capital ("But Smith said") and an opening
/// participle ("Following initial reports …") that is not the subject.
fn past_openers(doc: &Doc, mut a: usize, b: usize) -> usize {
    let lx = lex();
    while a < b
        && (lx.stops.contains(doc.toks[a].low)
            || (doc.is_cap(a) && doc.toks[a].low.ends_with("ing") && a + 1 < b))
    {
        a += 1;
    }
    a
}

/// Whether `[a, b)` can speak: not a lone determiner or possessive pronoun (a quantity
/// can: "Several said", "Two in three said"), and ending in a noun-ish head — a
/// capitalised word or a known noun, or any word after a determiner — that is no verb
/// "to be" and no preposition.
fn speaks_as_head(doc: &Doc, a: usize, b: usize) -> bool {
    let lx = lex();
    let lone_determiner = b - a == 1
        && lx.determiners.contains(doc.toks[a].low)
        && !lx.anonymous.contains(doc.toks[a].low)
        && !matches!(doc.toks[a].low, "one" | "both" | "all" | "each" | "another");
    if lone_determiner {
        return false;
    }
    let head = &doc.toks[b - 1];
    let known = lx.anonymous.contains(head.low)
        || lx.roles.contains(head.low)
        || lx.org_words.contains(head.low)
        || head.low == "percent"
        || head.is_punct('%')
        || head.kind == Kind::Num
        // A bare plural noun ("…, forecasters say", "critics said").
        || (b - a == 1
            && head.is_word()
            && head.low.len() > 4
            && head.low.ends_with('s')
            && !head.low.ends_with("ss")
            && !head.low.ends_with("us")
            && !lx.stops.contains(head.low)
            && !lx.adverbs.contains(head.low));
    let det_led = lx.determiners.contains(doc.toks[a].low) || b - a >= 2;
    let preposition = matches!(
        head.low,
        "of" | "for" | "to" | "in" | "on" | "at" | "by" | "with" | "from" | "about" | "than"
    );
    (doc.is_cap(b - 1) || known || det_led) && !BE.contains(&head.low) && !preposition
}

/// A modal, a "do" auxiliary or a negation between a subject and its verb.
fn is_aux(low: &str) -> bool {
    is_negation(low)
        || matches!(
            low,
            "cannot"
                | "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "should"
                | "must"
                | "do"
                | "does"
                | "did"
                | "has"
                | "have"
                | "had"
        )
}

/// Speaker phrase starting at `s` read rightwards ("said Rutte", "“…,” the senator said"),
/// not past `hi`.
pub(super) fn subject_right(doc: &Doc, s: usize, hi: usize) -> Option<(usize, usize)> {
    let lx = lex();
    // "…, issued a statement Thursday, saying": a day is no speaker.
    if s >= hi || doc.toks[s].flags & (flag::WEEKDAY | flag::REL_DAY) != 0 {
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
        // "the 46-year-old", "a 2008 Clinton veteran"
        let number = t.kind == Kind::Num && e > s;
        if !t.is_word() && !joined && !number {
            break;
        }
        if e > s && cue_at(doc, e).is_some() && !doc.is_cap(e) {
            break;
        }
        // A relative pronoun opens a clause about the phrase ("an official who …").
        if e > s && matches!(t.low, "who" | "whose" | "which") {
            break;
        }
        // A lower-case past tense after the head ends the phrase ("an angry Smith
        // retaliated"); before the head it is an adjective ("one unaligned strategist").
        let prev = doc.toks[e.saturating_sub(1)].low;
        let after_head = e > s
            && !lx.determiners.contains(prev)
            && (doc.is_cap(e - 1)
                || lx.anonymous.contains(prev)
                || lx.roles.contains(prev)
                || lx.org_words.contains(prev)
                || e + 1 >= hi
                || !doc.toks[e + 1].is_word());
        if e > s
            && after_head
            && !doc.is_cap(e)
            && t.low.ends_with("ed")
            && !lx.roles.contains(t.low)
        {
            break;
        }
        // "Jane Roe and John Doe wrote": "and" between names stays inside.
        let and_names =
            t.low == "and" && e > s && doc.is_cap(e - 1) && e + 1 < hi && doc.is_cap(e + 1);
        // "said NBC’s Dante Chinni": a possessive joined to its word stays inside.
        let possessive = matches!(t.low, "’s" | "'s")
            && e > s
            && doc.toks[e - 1].e == t.s
            && e + 1 < hi
            && doc.toks[e + 1].is_word();
        if !doc.is_cap(e)
            && e > s
            && !and_names
            && !possessive
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

/// For a "who"/"which" speaker, the phrase it stands for: ", who said" after a name.
pub(super) fn relative_antecedent(
    cx: &Ctx,
    subj: (usize, usize),
    sent: Range,
) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let w = subj.0;
    if subj.1 - w != 1 || !matches!(doc.toks[w].low, "who" | "which") {
        return None;
    }
    let found = if w > sent.ts + 1 && doc.toks[w - 1].is_punct(',') {
        subject_left(doc, w - 1, sent.ts)
    } else {
        subject_left(doc, w, sent.ts)
    }?;
    let who = doc.toks[w].low == "who";
    Some(
        who.then(|| people_before_place(doc, found, sent.ts))
            .flatten()
            .unwrap_or(found),
    )
}

/// "nervous Democrats on Capitol Hill, who …": when the phrase before a relative
/// pronoun is a place or body after a preposition, the people named before the
/// preposition are what "who" stands for (but "the rise of Donald Trump, who" is Trump).
fn people_before_place(doc: &Doc, (a, _): (usize, usize), lo: usize) -> Option<(usize, usize)> {
    let lx = lex();
    if a < lo + 2 || !matches!(doc.toks[a - 1].low, "on" | "in" | "at" | "from" | "of") {
        return None;
    }
    let (pa, pb) = subject_left(doc, a - 1, lo)?;
    let head = doc.toks[pb - 1].low;
    let singular = head.strip_suffix('s').unwrap_or(head);
    let people = !doc.is_cap(pb - 1)
        && (lx.anonymous.contains(head)
            || is_person_noun(head)
            || head.ends_with('s')
                && (lx.anonymous.contains(singular) || is_person_noun(singular)))
        || doc.is_cap(pb - 1) && (head.ends_with("ats") || head.ends_with("ans"));
    people.then_some((pa, pb))
}

/// The speaker phrase ending at `left`, through an apposition or relative clause
/// ("Mark Rutte, NATO's secretary general, said"; "Smith, who …, said").
pub(super) fn speaker_before(cx: &Ctx, left: usize, sent: Range) -> Option<(usize, usize)> {
    let doc = cx.doc;
    if left <= sent.ts {
        return None;
    }
    // "Smith — after a pause — told me" (also with spaced hyphens)
    let dash = |j: usize| {
        matches!(doc.toks[j].kind, Kind::Punct('—' | '–'))
            || (doc.toks[j].is_punct('-')
                && j > 0
                && doc.toks[j].s > doc.toks[j - 1].e
                && j + 1 < doc.toks.len()
                && doc.toks[j + 1].s > doc.toks[j].e)
    };
    if dash(left - 1) {
        let d = (sent.ts..left - 1).rev().take(25).find(|&j| dash(j))?;
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
        // "Gov. Jane Roe (R-OH), said": the name before the party label speaks, not a
        // place written earlier in the sentence.
        if left >= 2 && doc.toks[left - 2].is_punct(')') {
            return subject_left(doc, left - 1, sent.ts);
        }
        if c <= sent.ts || !doc.toks[c].is_punct(',') || c + 1 >= left - 1 {
            return None;
        }
        // "One of his advisers, Jane Roe, said": a name between the commas speaks.
        let seg = (c + 1, left - 1);
        if let Some(name) = trailing_name(cx, seg) {
            return Some(name);
        }
        // "Jane Roe, 22, of Flint, Mich., said": an abbreviated place is no speaker.
        let abbrev = seg.1 - seg.0 == 2 && doc.toks[seg.1 - 1].is_punct('.');
        if !abbrev
            && (seg.0..seg.1).all(|j| doc.is_cap(j) || (doc.toks[j].is_punct('.') && j > seg.0))
            && (cx.person_tok[seg.0] || (seg.1 - seg.0 >= 2 && seg.1 - seg.0 <= 4))
        {
            return Some(seg);
        }
        // "Jane Roe, who lost her daughter in Aurora, Colorado, said": a relative clause
        // hangs off the sentence's opening subject.
        if (sent.ts..left).any(|k| {
            doc.toks[k].is_punct(',')
                && k + 1 < left
                && matches!(doc.toks[k + 1].low, "who" | "whose" | "which")
        }) {
            if let Some(sub) = first_subject(cx, sent.ts, left) {
                // A name, or a known noun ("One Club for Growth ad, which …, argues").
                let lx = lex();
                let head = doc.toks[sub.1 - 1].low;
                let named = (sub.0..sub.1).any(|k| doc.is_cap(k) && k > sent.ts)
                    || lx.anonymous.contains(head)
                    || lx.roles.contains(head)
                    || lx.org_words.contains(head);
                if doc.is_cap(sub.1 - 1) || named {
                    return Some(sub);
                }
            }
        }
        // "Jane Roe, 66, a retiree, said": step back over short segments.
        for _ in 0..3 {
            // "…, of Flint, …": a place of origin, not the speaker; step on back.
            // "…, an analyst at Stratfor, …": the object of a preposition inside an
            // apposition is no speaker either.
            let place = |s: (usize, usize)| {
                matches!(doc.toks[s.0].low, "of" | "from")
                    || (s.0 > sent.ts
                        && matches!(
                            doc.toks[s.0 - 1].low,
                            "of" | "from" | "in" | "at" | "for" | "with" | "to" | "on" | "by"
                        ))
            };
            let found = subject_left(doc, c, sent.ts);
            // "Six newspapers in New Jersey, including the Press, said"
            if let Some(group) = found.and_then(|s| group_before_place(cx, s, sent.ts)) {
                return Some(group);
            }
            if let Some(sub) = found.filter(|&s| !place(s)) {
                let head = &doc.toks[sub.1 - 1];
                if doc.is_cap(sub.1 - 1) {
                    return Some(sub);
                }
                let lx = lex();
                if lx.anonymous.contains(head.low)
                    || lx.roles.contains(head.low)
                    || lx.org_words.contains(head.low)
                {
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
    if let Some(ante) = described_by_relative(doc, sub, left, sent) {
        sub = ante;
    }
    // "Smith and Jones said", "teachers and union officials said"
    if sub.0 > sent.ts + 1 && doc.toks[sub.0 - 1].low == "and" {
        if let Some(s2) = subject_left(doc, sub.0 - 1, sent.ts) {
            let same_kind = doc.is_cap(s2.1 - 1) == doc.is_cap(sub.1 - 1);
            // "He said the company grew and analysts said": not after a cue, where the
            // phrase is the end of what was said.
            let reported = s2.0 > sent.ts
                && (cue_at(doc, s2.0 - 1).is_some() || doc.toks[s2.0 - 1].low == "that");
            if same_kind && s2.1 - s2.0 <= 4 && !reported {
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
    if sub.1 - sub.0 == 1 && matches!(doc.toks[sub.0].low, "who" | "which") {
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

/// "Six newspapers in New Jersey said", "Smith in Iowa said": the place found before the
/// cue belongs to the group or person before it, who speaks.
pub(super) fn group_before_place(
    cx: &Ctx,
    (a, _): (usize, usize),
    lo: usize,
) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let placed = a > lo + 1
        && matches!(doc.toks[a - 1].low, "in" | "from" | "across")
        && (is_plural_noun(doc, a - 2, lo) || cx.person_tok[a - 2]);
    placed.then(|| subject_left(doc, a - 1, lo)).flatten()
}

/// A plural common noun at `j` ("newspapers", "officials"), capitalised only as the
/// first word from `lo`.
fn is_plural_noun(doc: &Doc, j: usize, lo: usize) -> bool {
    let t = &doc.toks[j];
    t.is_word()
        && (!doc.is_cap(j) || j == lo)
        && t.low.len() > 3
        && t.low.ends_with('s')
        && !t.low.ends_with("ss")
        && !t.low.ends_with("us")
        && !lex().stops.contains(t.low)
}

/// "His wife, longtime aide Jane Roe, said": an apposition that names someone's role
/// and then their name, a person the article names; the name speaks.
fn trailing_name(cx: &Ctx, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let mut k = b;
    while k > a && doc.is_cap(k - 1) && doc.toks[k - 1].is_word() && b - k < 4 {
        k -= 1;
    }
    let described = k > a && !doc.is_cap(k - 1) && is_person_noun(doc.toks[k - 1].low);
    (described && b - k >= 2 && cx.person_tok[b - 1]).then_some((k, b))
}

/// "Voters who have heard him speak say": a relative clause (no commas) between the
/// speaker and the cue describes the speaker, and the phrase found just before the cue
/// is the clause's object. The phrase before "who", if there is one.
fn described_by_relative(
    doc: &Doc,
    sub: (usize, usize),
    left: usize,
    sent: Range,
) -> Option<(usize, usize)> {
    let lo = sub.0.saturating_sub(12).max(sent.ts + 1);
    let who = (lo..sub.0).rev().find(|&w| doc.toks[w].low == "who")?;
    let plain = (who..left).all(|k| doc.toks[k].is_word() || doc.toks[k].kind == Kind::Num);
    if !plain || (who + 1..sub.0).any(|k| cue_at(doc, k).is_some()) {
        return None;
    }
    subject_left(doc, who, sent.ts)
}

/// The first speaker-like phrase of a clause: a name or pronoun before token `hi`.
pub(super) fn first_subject(cx: &Ctx, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let lx = lex();
    let mut j = lo;
    // "Said Ellis: “…”": an inverted cue opening the sentence.
    if j < hi && doc.is_cap(j) && doc.toks[j].flags & flag::CUE_FIRST != 0 {
        j += 1;
    }
    // "Voter participation: Sanders, whose …, said": a short label before a colon.
    if let Some(c) = (j..hi.min(j + 6)).find(|&k| doc.toks[k].is_punct(':')) {
        if c + 1 < hi && (j..c).all(|k| doc.toks[k].is_word()) {
            j = c + 1;
        }
    }
    // A wire credit "(Reuters) -" is no subject.
    if j < hi && doc.toks[j].is_punct('(') {
        if let Some(c) = (j..hi.min(j + 6)).find(|&k| doc.toks[k].is_punct(')')) {
            j = c + 1;
            while j < hi && matches!(doc.toks[j].kind, Kind::Punct('-' | '—' | '–')) {
                j += 1;
            }
        }
    }
    // "Washington (AFP) – …", "MYRTLE BEACH, S.C. — …": a dateline ends at its dash.
    if let Some(e) = doc.dateline_end(j).filter(|&e| e < hi) {
        j = e;
    }
    // "Facing criticism, …" / "Having announced …, …": an opening participle clause.
    if j < hi && doc.is_cap(j) && doc.toks[j].low.ends_with("ing") {
        if let Some(c) = (j..hi.min(j + 20)).find(|&k| doc.toks[k].is_punct(',')) {
            j = c + 1;
        }
    }
    // "Eight years ago, …": a short opening phrase with no name or pronoun.
    if let Some(c) = (j..hi.min(j + 7)).find(|&k| doc.toks[k].is_punct(',')) {
        let empty = (j..c).all(|k| !is_pronoun(doc, k) && !cx.person_tok[k]);
        // "McCormick, who …": a name the relative clause hangs off is the subject.
        let relative =
            c + 1 < hi && matches!(doc.toks[c + 1].low, "who" | "whose") && doc.is_cap(c - 1);
        if empty && !relative && c + 1 < hi {
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
            && super::mentions::is_acronym(doc.word(j))
        {
            j += 1;
            continue;
        }
        if cx.q(j).is_some() {
            j += 1;
            continue;
        }
        if is_pronoun(doc, j) && !matches!(doc.toks[j].low, "who" | "which" | "it" | "i") {
            return Some((j, j + 1));
        }
        // "His chief aide …", "The billionaire businessman …"
        if lx.determiners.contains(doc.toks[j].low) {
            let known = |k: usize| {
                let low = doc.toks[k].low;
                // "The Times reports: …": a lower-case reporting verb ends the phrase.
                if !doc.is_cap(k) && doc.toks[k].flags & flag::CUE != 0 {
                    return false;
                }
                doc.is_cap(k)
                    || lx.roles.contains(low)
                    || lx.anonymous.contains(low)
                    || lx.org_words.contains(low)
                    || lx.role_modifiers.contains(low)
            };
            // "The utilities commission is …": one plain noun may modify a known head that
            // a verb follows (not "the unreleased department video").
            let modifier = |k: usize| {
                k == j + 1
                    && k + 2 < hi
                    && known(k + 1)
                    && doc.toks[k].is_word()
                    && !lx.stops.contains(doc.toks[k].low)
                    && doc.toks[k].flags & flag::CUE == 0
                    && (is_aux(doc.toks[k + 2].low) || BE.contains(&doc.toks[k + 2].low))
            };
            let mut e = j + 1;
            while e < hi && e < j + 6 && (known(e) || modifier(e)) {
                e += 1;
            }
            // "The agency’s former chief executive Doug Smith": the possessor's role holder,
            // when a role word follows the possessive.
            if e > j + 1 && e + 1 < hi && matches!(doc.toks[e].low, "’s" | "'s") {
                let mut f = e + 1;
                while f < hi && f < e + 8 && known(f) {
                    f += 1;
                }
                if (e + 1..f).any(|k| lx.roles.contains(doc.toks[k].low)) {
                    return Some((j, f));
                }
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
            while e < hi
                && (doc.is_cap(e)
                    || lx.particles.contains(doc.toks[e].low)
                    || (lx.flags_of(doc.toks[e].low) & (flag::ROLE | flag::ROLE_MOD) != 0
                        && e + 1 < hi
                        && (doc.is_cap(e + 1) || lx.roles.contains(doc.toks[e + 1].low))))
            {
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
