//! What kind of act a statement reports — speech, writing, belief, stance or intention —
//! so that "what did X say" can leave out what X only believes, backs or plans.

use super::lexicon::{lex, CueClass};
use super::model::Act;
use super::text::Doc;

/// The act of a statement with cue tokens `cue` and speaker phrase `subj`.
pub fn act_of(doc: &Doc, cue: Option<(usize, usize)>, subj: Option<(usize, usize)>) -> Act {
    let lx = lex();
    let documented = subj.is_some_and(|(a, b)| speaks_in_writing(doc, a, b))
        || cue.is_some_and(|(a, b)| speaks_in_writing(doc, a, b.min(doc.toks.len())));
    let said = if documented {
        Act::Writing
    } else {
        Act::Speech
    };
    // The first word of the cue that is a reporting verb, with its class.
    let verb = cue.and_then(|(a, b)| {
        (a..b).find_map(|j| {
            let low = doc.toks[j].low;
            lx.cues.get(low).map(|&class| (low, class))
        })
    });
    let Some((low, class)) = verb else {
        return said;
    };
    if let Some(&act) = lx.acts.get(low) {
        return act;
    }
    match class {
        CueClass::Think => Act::Belief,
        CueClass::Aim => Act::Intention,
        _ => said,
    }
}

/// A phrase headed by a document noun: "the statement", "a report from X", "in a letter".
fn speaks_in_writing(doc: &Doc, a: usize, b: usize) -> bool {
    let lx = lex();
    (a..b).any(|j| lx.documents.contains(doc.toks[j].low) && !doc.is_cap(j))
}

#[cfg(test)]
mod tests {
    use crate::extract::{tests::run, Act};

    fn acts(text: &str) -> Vec<Act> {
        run(text).statements.iter().map(|s| s.act).collect()
    }

    #[test]
    fn each_verb_class_reports_its_act() {
        assert_eq!(acts("Anna Berg said that taxes would rise."), [Act::Speech]);
        assert_eq!(
            acts("Anna Berg believes that taxes will rise."),
            [Act::Belief]
        );
        assert_eq!(
            acts("Anna Berg supports the plan to raise taxes."),
            [Act::Stance]
        );
        assert_eq!(acts("Anna Berg vowed to raise taxes."), [Act::Intention]);
        assert_eq!(
            acts("Anna Berg wrote that taxes would rise."),
            [Act::Writing]
        );
    }

    #[test]
    fn documents_write() {
        assert_eq!(
            acts("The statement said that taxes would rise."),
            [Act::Writing]
        );
        assert_eq!(
            acts("Anna Berg said in a statement that taxes would rise."),
            [Act::Writing]
        );
    }
}
