//! Candidates that look like statements but report no words: "add" counting something
//! ("the Nasdaq added 20 points"), speech verbs whose only object is a noun phrase
//! ("condemned the move"), refusals ("declined to comment") and expectations ("is
//! expected to resign"). A statement exists only when there is something said, and only
//! once: a statement reported inside another's words is left to the outer one.

use super::candidate::{Ctx, Raw};
use super::cues::{is_negation, BE};
use super::lexicon::lex;
use super::model::StatementKind;
use super::text::Kind;

/// Drops the candidates that report no words.
pub fn drop_non_statements(cx: &Ctx, out: &mut Vec<Raw>) {
    out.retain(|r| {
        r.kind == StatementKind::Direct
            || !(counts(cx, r)
                || bare_object(cx, r)
                || refusal_or_expectation(cx, r)
                || agreement(cx, r)
                || unknowing(cx, r))
    });
}

/// "declined to comment", "refused to say whether …": what someone would not say; "is
/// expected to resign": what others expect. Neither reports anyone's words, though
/// PolNeAR's annotators count both (dropping them costs 0.3 of its content F1 on dev).
fn refusal_or_expectation(cx: &Ctx, r: &Raw) -> bool {
    let doc = cx.doc;
    if r.kind != StatementKind::Indirect {
        return false;
    }
    let Some((cs, ce)) = r.cue else {
        return false;
    };
    let verb = doc.toks[ce - 1].low;
    let refuses = matches!(
        verb,
        "decline"
            | "declines"
            | "declined"
            | "declining"
            | "refuse"
            | "refuses"
            | "refused"
            | "refusing"
    );
    let expected = verb == "expected" && ce - cs >= 2 && BE.contains(&doc.toks[ce - 2].low);
    refuses || expected
}

/// Drops statements reported inside another statement's words ("Two people briefed on
/// the talks said Trump has decided that …", "“I called the ITF and they told me …”"): the
/// outer statement carries them, and the inner one would hand words to a speaker the
/// article only quotes someone else about. Two statements that each hold the other's cue
/// both stay. Quadratic in the statements, which `statement_bound` caps.
pub fn drop_nested(cx: &Ctx, out: &mut Vec<Raw>) {
    let doc = cx.doc;
    let cue = |r: &Raw| r.cue.map(|(a, b)| (doc.toks[a].s, doc.toks[b - 1].e));
    let holds = |outer: &Raw, (s, e): (usize, usize)| {
        outer.content.iter().any(|&(cs, ce)| cs <= s && e <= ce)
    };
    let nested: Vec<bool> = out
        .iter()
        .enumerate()
        .map(|(i, r)| {
            cue(r).is_some_and(|c| {
                out.iter()
                    .enumerate()
                    .any(|(j, o)| j != i && holds(o, c) && cue(o).is_none_or(|oc| !holds(r, oc)))
            })
        })
        .collect();
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !nested[k - 1]
    });
}

/// "agreed to return the cash", "agreed to a rescue": a commitment, not words ("agreed
/// that …" reports a view, and stays).
fn agreement(cx: &Ctx, r: &Raw) -> bool {
    let doc = cx.doc;
    r.cue.is_some_and(|(_, ce)| {
        matches!(
            doc.toks[ce - 1].low,
            "agree" | "agrees" | "agreed" | "agreeing"
        ) && doc.toks.get(ce).is_some_and(|t| t.low == "to")
    })
}

/// "didn't know Patrick was coming": not knowing something is no view of it; what
/// follows is the writer's account. ("knows that …" stays: a belief.)
fn unknowing(cx: &Ctx, r: &Raw) -> bool {
    let doc = cx.doc;
    r.cue.is_some_and(|(cs, ce)| {
        matches!(doc.toks[ce - 1].low, "know" | "knows" | "knew")
            && (cs.saturating_sub(2)..ce - 1).any(|j| is_negation(doc.toks[j].low))
    })
}

/// "The Nasdaq added 20.72 points", "the economy added 151,000 jobs": "add" before a
/// number counts something; so does "points" after one ("scored nine straight points to
/// cut the lead" is no "points to"). "adding to a mounting series of problems", "adds to
/// the drama": "add to" before a determiner joins one thing to another.
fn counts(cx: &Ctx, r: &Raw) -> bool {
    let doc = cx.doc;
    let Some((cs, ce)) = r.cue else {
        return false;
    };
    let numeric = |i: usize| {
        doc.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Num
                || matches!(t.kind, Kind::Punct('$' | '£' | '€'))
                || matches!(
                    t.low,
                    "one"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                        | "eleven"
                        | "twelve"
                        | "dozen"
                        | "hundred"
                )
        })
    };
    let adds = matches!(doc.toks[ce - 1].low, "add" | "adds" | "added" | "adding");
    let points = matches!(doc.toks[cs].low, "point" | "points")
        && (cs.checked_sub(1).is_some_and(numeric) || cs.checked_sub(2).is_some_and(numeric));
    let joins = adds
        && doc.toks.get(ce).is_some_and(|t| t.low == "to")
        && doc
            .toks
            .get(ce + 1)
            .is_some_and(|t| lex().determiners.contains(t.low));
    (adds && numeric(ce)) || points || joins
}

/// "condemned the move", "denied the allegations", "rejected Assange's attempt to …": the
/// content is one noun phrase (a determiner or a possessor first, no finite verb), with
/// no quoted words.
fn bare_object(cx: &Ctx, r: &Raw) -> bool {
    let doc = cx.doc;
    let lx = lex();
    let Some((_, ce)) = r.cue else {
        return false;
    };
    if r.kind != StatementKind::Indirect || !lx.bare_object.contains(doc.toks[ce - 1].low) {
        return false;
    }
    let &[span] = r.content.as_slice() else {
        return false;
    };
    let (first, end) = cx.tokens_within(span);
    // Words before the cue are a fronted clause ("The airline bought 30 jets, its
    // executives announced"), never the verb's object.
    if first >= end || first < ce {
        return false;
    }
    let low = doc.toks[first].low;
    let determined = low != "that" && lx.determiners.contains(low);
    let possessed = doc.is_cap(first)
        && doc
            .toks
            .get(first + 1)
            .is_some_and(|t| matches!(t.low, "’s" | "'s" | "’"));
    // The noun phrase ends at a comma or a relative pronoun: "the accusation, has
    // avoided extradition", "Assange's attempt to delay the hearing, which is scheduled …"
    // are a noun phrase and what follows it, not a clause.
    let end = (first..end)
        .find(|&i| {
            matches!(doc.toks[i].kind, Kind::Punct(',' | ';' | '(' | '—'))
                || matches!(doc.toks[i].low, "which" | "who" | "whom" | "whose")
        })
        .unwrap_or(end);
    let finite = (first..end).any(|i| {
        matches!(
            doc.toks[i].low,
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "can"
                | "may"
                | "might"
                | "must"
                | "do"
                | "does"
                | "did"
        )
    });
    (determined || possessed) && !finite
}

#[cfg(test)]
mod tests {
    use crate::extract::tests::run;

    fn quotes(text: &str) -> Vec<String> {
        run(text).statements.into_iter().map(|s| s.quote).collect()
    }

    #[test]
    fn adding_a_number_counts_it() {
        assert!(quotes("The index added 20.72 points to 8,570.66 on Monday.").is_empty());
        assert!(quotes("The economy added $2 billion in exports.").is_empty());
        assert!(
            quotes("Police are investigating, adding to a mounting series of problems that have hurt the firm.").is_empty()
        );
        let said = quotes("Anna Berg added that 20 people had left.");
        assert!(
            said.len() == 1 && said[0].ends_with("20 people had left"),
            "{said:?}"
        );
    }

    #[test]
    fn a_noun_phrase_object_reports_an_act_not_words() {
        // The noun phrase ends at a comma or a relative pronoun.
        assert!(
            quotes("Lee, who denies the accusation, has avoided extradition for years.").is_empty()
        );
        assert!(quotes(
            "A judge rejected Lee's attempt to delay the hearing, which is set for May."
        )
        .is_empty());
        assert!(quotes("The party posted a video of the interview on social media.").is_empty());
        assert!(quotes("Apple is offering a free year of the service.").is_empty());
        // A clause is words.
        let said = quotes("The party posted that the video was satire.");
        assert_eq!(said.len(), 1, "{said:?}");
    }

    #[test]
    fn not_knowing_is_no_view() {
        assert!(quotes("Ana Ruiz didn’t know the mayor was coming to the meeting.").is_empty());
        assert!(quotes("Tom Lee did not know that the vote had been moved.").is_empty());
        assert_eq!(
            quotes("Tom Lee knows that the vote has been moved.").len(),
            1
        );
    }

    #[test]
    fn agreeing_to_something_is_a_commitment() {
        assert!(quotes("The firm agreed to a rescue by its largest shareholder.").is_empty());
        assert!(quotes("He also agreed to return the cash he received.").is_empty());
        assert!(quotes("Jose Mourinho has agreed a deal to manage the club.").is_empty());
        assert_eq!(quotes("She agreed that the plan had failed.").len(), 1);
    }

    #[test]
    fn pleas_measures_and_maintained_things_are_not_cues() {
        assert!(quotes("Carl Moss pleaded guilty to fraud on Monday.").is_empty());
        assert!(quotes("Benchmark 10-year notes last rose 7/32 in price.").is_empty());
        assert!(quotes("The group maintains a political office in Doha.").is_empty());
        assert_eq!(quotes("Carl Moss maintains that he was in Doha.").len(), 1);
    }

    #[test]
    fn refusals_and_expectations_report_no_words() {
        assert!(quotes("Maria Costa declined to comment on the deal.").is_empty());
        assert!(quotes("The minister refused to say whether taxes would rise.").is_empty());
        assert!(quotes("The company is expected to cut 4,000 jobs.").is_empty());
        assert_eq!(
            quotes("Analysts had expected that the bank would cut rates."),
            ["that the bank would cut rates"]
        );
    }

    #[test]
    fn a_statement_inside_another_statements_words_is_left_to_it() {
        assert_eq!(
            quotes("Two people briefed on the talks said Trump has decided that the tariffs will stay."),
            ["Trump has decided that the tariffs will stay"]
        );
        let inner = quotes("“Today I called the federation and they told me they know nothing about it,” Anna Berg said.");
        assert_eq!(inner.len(), 1, "{inner:?}");
        assert!(inner[0].starts_with("“Today I called"));
    }

    #[test]
    fn a_speech_verb_with_only_a_noun_phrase_reports_no_words() {
        assert!(quotes("The charity condemned the move on Tuesday.").is_empty());
        assert!(quotes("Anna Berg denied the allegations.").is_empty());
        assert!(quotes("A judge rejected Berg's attempt to delay the hearing.").is_empty());
        // A clause or quoted words are something said.
        assert_eq!(
            quotes("Anna Berg denied the allegations were true."),
            ["the allegations were true"]
        );
        assert_eq!(
            quotes("Anna Berg condemned the “reckless” move."),
            ["the “reckless” move"]
        );
    }
}
