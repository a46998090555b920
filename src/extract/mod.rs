//! Statement extraction: article text in, statements out. Pure: no I/O, no async,
//! so it runs the same in the CLI, the service and the tests.
//!
//! Pipeline: `text` (tokens, paragraphs, sentences) → `quotes` (paired marks) and
//! `boilerplate` (site furniture) → `mentions` (people named anywhere) → `reported`
//! (cue + speaker + content: `direct` for quotes, `frames` for the constructions a
//! reporting verb is read in, `content` for where its words begin and end) → `filters`
//! (drop candidates that report no words) and `bounds` (trim contents) → `resolve` (who
//! the speaker is) and `speakers` (entities) → `dates` (when).

mod acronyms;
mod acts;
mod boilerplate;
mod bounds;
mod candidate;
mod content;
mod cues;
mod dates;
mod direct;
mod filters;
mod frames;
mod lexicon;
mod mentions;
mod model;
mod organisations;
mod phrases;
mod quotes;
mod reported;
mod resolve;
mod speakers;
mod text;

pub use model::*;

use std::sync::atomic::{AtomicBool, Ordering};

use text::{CharMap, Doc};

/// Stored with every statement so `whosaid reextract` knows what is stale.
pub const EXTRACTOR_VERSION: &str = "0.6.8";

/// A flag the caller may raise to stop an extraction early: a request that timed out
/// or whose client left must not keep a core busy. Checked between stages and every few
/// statements, so work stops within a fraction of a second.
pub struct Stop<'a>(Option<&'a AtomicBool>);

impl<'a> Stop<'a> {
    /// Never raised: the extraction always finishes.
    pub const fn never() -> Stop<'static> {
        Stop(None)
    }

    pub fn on(flag: &'a AtomicBool) -> Stop<'a> {
        Stop(Some(flag))
    }

    pub fn raised(&self) -> bool {
        self.0.is_some_and(|flag| flag.load(Ordering::Relaxed))
    }
}

/// Most statements kept from a text of `len` bytes: twice the densest news seen (about
/// ten per thousand characters) plus a floor for short texts, and never more than a
/// thousand. A text past it is not an article one reads but a list or an attack
/// ("“Yes,” he said." repeated), and each statement costs storage and every listing.
pub fn statement_bound(len: usize) -> usize {
    (25 + len / 50).min(1000)
}

/// Finds the statements in one article and the people and organisations behind them.
pub fn extract(article: &ArticleInput<'_>) -> Extraction {
    extract_within(article, &Stop::never()).expect("an extraction that is never stopped ends")
}

/// [`extract`], giving up (`None`) as soon as `stop` is raised.
pub fn extract_within(article: &ArticleInput<'_>, stop: &Stop<'_>) -> Option<Extraction> {
    let text = article.text;
    let low = text::lower_aligned(text);
    let doc = Doc::new(text, &low);
    let (quotes, inside) = quotes::find_quotes(&doc);
    let boiler = boilerplate::boilerplate_paragraphs(&doc);
    let reg = mentions::Registry::build(&doc);
    let person_tok: Vec<bool> = reg.at.iter().map(|&m| m != u32::MAX).collect();
    let cx = candidate::Ctx {
        doc: &doc,
        person_tok: &person_tok,
        quotes: &quotes,
        inside: &inside,
        boiler: &boiler,
        stop,
    };
    let (raws, truncated) = candidates(&cx, text.len())?;
    let map = CharMap::new(text);
    let acronym_pairs = acronyms::acronym_pairs(text);
    let mut res = resolve::Resolver::new(&doc, reg, &inside, &acronym_pairs);
    let mut speakers = speakers::Speakers::new(text, &acronym_pairs);
    let mut dating = dates::Dating::new(&doc, &inside, article.published_on);
    let mut statements: Vec<Statement> = Vec::with_capacity(raws.len());
    for (done, r) in raws.iter().enumerate() {
        if done % 64 == 63 && stop.raised() {
            return None;
        }
        let speaker = r.subj.map(|(a, b)| {
            let (ra, rb) = r.refers.unwrap_or((a, b));
            let target = res.resolve(ra, rb);
            let mention = map.span(doc.toks[a].s, doc.toks[b - 1].e);
            let pronoun = b - a == 1 && lexicon::lex().pronouns.contains_key(doc.toks[a].low);
            speakers.speaker(&res.reg, target, mention, pronoun)
        });
        let name = speaker.as_ref().map(|s| s.name.as_str());
        let (said_on, date_basis) = dating.date(r, name, &res.reg, &statements);
        let content_spans: Vec<Span> = r.content.iter().map(|&(s, e)| map.span(s, e)).collect();
        let quote = content_spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let first_sent = doc.sents[doc.toks[r.first].sent];
        let last_sent = doc.sents[doc.toks[r.last.min(doc.toks.len() - 1)].sent];
        statements.push(Statement {
            kind: r.kind,
            act: acts::act_of(&doc, r.cue, r.subj),
            quote,
            content_spans,
            speaker,
            cue: r
                .cue
                .map(|(a, b)| map.span(doc.toks[a].s, doc.toks[b - 1].e)),
            said_on,
            date_basis,
            sentence: map.span(doc.toks[first_sent.ts].s, doc.toks[last_sent.te - 1].e),
            confidence: r.conf,
        });
    }
    statements.sort_by_key(|s| s.content_spans.first().map(|c| c.start).unwrap_or(0));
    Some(Extraction {
        statements,
        entities: speakers.into_entities(&doc, &res.reg),
        acronyms: acronym_pairs,
        truncated,
    })
}

/// The candidate statements of a text of `len` bytes, filtered, bounded and trimmed, in
/// the order their speakers are resolved (a pronoun after the name it stands for); and
/// whether the bound cut some off. None when stopped.
fn candidates(cx: &candidate::Ctx, len: usize) -> Option<(Vec<candidate::Raw>, bool)> {
    let mut raws = reported::detect(cx);
    if cx.stop.raised() {
        return None;
    }
    filters::drop_non_statements(cx, &mut raws);
    let bound = statement_bound(len);
    let truncated = raws.len() > bound;
    if truncated {
        raws.sort_by_key(|r| r.first);
        raws.truncate(bound);
    }
    bounds::trim_all(cx, &mut raws);
    filters::drop_nested(cx, &mut raws);
    raws.sort_by_key(|r| r.subj.map(|s| s.0).unwrap_or(r.first));
    Some((raws, truncated))
}

/// The byte ranges of the paragraphs of `text` that are site furniture (donation
/// appeals, photo credits, "Related:" lists): the page reader drops them, so a stored
/// page is the story alone, judged by the same rules that keep them out of extraction.
pub fn furniture(text: &str) -> Vec<std::ops::Range<usize>> {
    let low = text::lower_aligned(text);
    let doc = Doc::new(text, &low);
    let flags = boilerplate::boilerplate_paragraphs(&doc);
    doc.paras
        .iter()
        .zip(flags)
        .filter(|(p, flag)| *flag && p.ts < p.te)
        .map(|(p, _)| doc.toks[p.ts].s..doc.toks[p.te - 1].e)
        .collect()
}

#[cfg(test)]
mod tests;
