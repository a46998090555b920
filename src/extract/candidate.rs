//! A candidate statement as the finding stages build it (`Raw`: token ranges for the
//! speaker phrase and cue, byte spans for the content) and what they all read (`Ctx`:
//! the document, its quotes and where known names are). Its own module so that the
//! stages (`reported`, `direct`, `phrases`, `bounds`, `filters`) depend on it and not on
//! each other.

use super::model::StatementKind;
use super::quotes::{Quote, NONE};
use super::text::{Doc, Kind, Range};
use super::Stop;

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
    /// Raised by the caller to stop the work early (see [`super::extract_within`]).
    pub stop: &'d Stop<'d>,
}

impl Ctx<'_, '_> {
    /// The common case: one content span of tokens `[cs, cend)`, running to the end of
    /// what the statement covers.
    pub(super) fn single(
        &self,
        (cs, cend): (usize, usize),
        subj: Option<(usize, usize)>,
        cue: Option<(usize, usize)>,
        first: usize,
        conf: f32,
    ) -> Raw {
        Raw {
            kind: self.kind_of(cs, cend),
            content: vec![self.bytes(cs, cend)],
            subj,
            refers: None,
            cue,
            first,
            last: cend - 1,
            conf,
        }
    }

    pub(super) fn q(&self, i: usize) -> Option<usize> {
        let v = *self.inside.get(i)?;
        (v != NONE).then_some(v as usize)
    }

    /// The sentence of token `i`; past the last token, an empty range at the end.
    /// The tokens `[a, b)` lying inside byte span `[s, e)` (tokens are in text order).
    pub(super) fn tokens_within(&self, (s, e): (usize, usize)) -> (usize, usize) {
        let toks = &self.doc.toks;
        (
            toks.partition_point(|t| t.s < s),
            toks.partition_point(|t| t.e <= e),
        )
    }

    pub(super) fn sent(&self, i: usize) -> Range {
        match self.doc.toks.get(i) {
            Some(t) => self.doc.sents[t.sent],
            None => {
                let n = self.doc.toks.len();
                Range { ts: n, te: n }
            }
        }
    }

    /// End (exclusive) of content that runs to the end of the sentence of token `i`:
    /// final punctuation dropped unless a quote closes after it; a quote that runs on
    /// past the sentence end is followed to its close.
    pub(super) fn content_end(&self, i: usize) -> usize {
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

    pub(super) fn kind_of(&self, cs: usize, ce: usize) -> StatementKind {
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

    pub(super) fn bytes(&self, cs: usize, ce: usize) -> (usize, usize) {
        (self.doc.toks[cs].s, self.doc.toks[ce - 1].e)
    }

    pub(super) fn words_in(&self, cs: usize, ce: usize) -> usize {
        (cs..ce).filter(|&j| self.doc.toks[j].is_word()).count()
    }
}

/// Marks the quotes inside `[cs, ce)` as used; false if one was used already.
pub(super) fn claim_quotes(cx: &Ctx, cs: usize, ce: usize, used_q: &mut [bool]) -> bool {
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

/// Drops punctuation at the end of a content range.
pub(super) fn trim_end(doc: &Doc, cs: usize, mut ce: usize) -> usize {
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
