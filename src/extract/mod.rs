//! Statement extraction: article text in, statements out. Pure: no I/O, no async,
//! so it runs the same in the CLI, the service and the tests.
//!
//! Pipeline: `text` (tokens, paragraphs, sentences) → `quotes` (paired marks) and
//! `boilerplate` (site furniture) → `mentions` (people named anywhere) → `reported`
//! (cue + speaker + content, using `cues`, `phrases` and `direct`) → `filters` (drop
//! candidates that report no words) → `resolve` (who the
//! speaker is) → `dates` (when).

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
mod text;

pub use model::*;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use resolve::Target;
use text::{CharMap, Doc};

/// Stored with every statement so `whosaid reextract` knows what is stale.
pub const EXTRACTOR_VERSION: &str = "0.6.7";

/// A follow-up by the same speaker within a few sentences of a dated statement was said
/// on that day ("…, Zikalala said during a news conference on Sunday. … Zikalala added").
fn follow_up(
    done: &[Statement],
    sents: &[usize],
    sent: usize,
    name: Option<&str>,
) -> Option<chrono::NaiveDate> {
    let name = name?;
    let last = done.last()?;
    let last_sent = *sents.last()?;
    let same = last.speaker.as_ref().is_some_and(|s| s.name == name);
    (same && last.date_basis != DateBasis::Publication && last_sent + 4 >= sent)
        .then_some(last.said_on)
}

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
    let mut raws = reported::detect(&cx);
    if stop.raised() {
        return None;
    }
    filters::drop_non_statements(&cx, &mut raws);
    let bound = statement_bound(text.len());
    let truncated = raws.len() > bound;
    if truncated {
        raws.sort_by_key(|r| r.first);
        raws.truncate(bound);
    }
    bounds::trim_all(&cx, &mut raws);
    filters::drop_nested(&cx, &mut raws);
    raws.sort_by_key(|r| r.subj.map(|s| s.0).unwrap_or(r.first));
    let map = CharMap::new(text);
    let acronym_pairs = acronyms::acronym_pairs(text);
    let mut res = resolve::Resolver::new(&doc, reg, &inside, &acronym_pairs);
    let mut entities: Vec<Entity> = Vec::new();
    let mut person_ent: HashMap<usize, usize> = HashMap::new();
    let mut org_ent: HashMap<String, usize> = HashMap::new();
    // Long forms found so far, by acronym: each is looked up once, however often it speaks.
    let mut long_forms: HashMap<String, Option<String>> = HashMap::new();
    let mut sentence_days = dates::SentenceDays::new(&doc, &inside);
    let mut statements: Vec<Statement> = Vec::with_capacity(raws.len());
    // The sentence of each statement, for dates carried to follow-ups.
    let mut statement_sents: Vec<usize> = Vec::with_capacity(raws.len());
    for (done, r) in raws.iter().enumerate() {
        if done % 64 == 63 && stop.raised() {
            return None;
        }
        let speaker = r.subj.map(|(a, b)| {
            let (ra, rb) = r.refers.unwrap_or((a, b));
            let target = res.resolve(ra, rb);
            let mention = map.span(doc.toks[a].s, doc.toks[b - 1].e);
            let pronoun = b - a == 1 && lexicon::lex().pronouns.contains_key(doc.toks[a].low);
            match target {
                Target::Person(p) => {
                    let person = &res.reg.people[p];
                    let ei = *person_ent.entry(p).or_insert_with(|| {
                        entities.push(Entity {
                            name: person.full(),
                            kind: SpeakerKind::Person,
                            role: person.role.clone(),
                            organization: person.org.clone(),
                            aliases: Vec::new(),
                        });
                        entities.len() - 1
                    });
                    if !pronoun && !entities[ei].aliases.contains(&mention.text) {
                        entities[ei].aliases.push(mention.text.clone());
                    }
                    Speaker {
                        name: person.full(),
                        kind: SpeakerKind::Person,
                        role: person.role.clone(),
                        organization: person.org.clone(),
                        mention: Some(mention),
                        entity: Some(ei),
                    }
                }
                Target::Org(name) => {
                    let long = long_forms
                        .entry(name.clone())
                        .or_insert_with(|| acronyms::long_form_of(text, &acronym_pairs, &name));
                    let name = long.clone().unwrap_or(name);
                    let key = name.to_lowercase();
                    let ei = *org_ent.entry(key).or_insert_with(|| {
                        entities.push(Entity {
                            name: name.clone(),
                            kind: SpeakerKind::Organization,
                            role: None,
                            organization: None,
                            aliases: Vec::new(),
                        });
                        entities.len() - 1
                    });
                    if !pronoun && !entities[ei].aliases.contains(&mention.text) {
                        entities[ei].aliases.push(mention.text.clone());
                    }
                    Speaker {
                        name,
                        kind: SpeakerKind::Organization,
                        role: None,
                        organization: None,
                        mention: Some(mention),
                        entity: Some(ei),
                    }
                }
                Target::Anon(desc) => Speaker {
                    name: desc,
                    kind: SpeakerKind::Anonymous,
                    role: None,
                    organization: None,
                    mention: Some(mention),
                    entity: None,
                },
            }
        });
        let content_spans: Vec<Span> = r.content.iter().map(|&(s, e)| map.span(s, e)).collect();
        let quote = content_spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let first_sent = doc.sents[doc.toks[r.first].sent];
        let last_sent = doc.sents[doc.toks[r.last.min(doc.toks.len() - 1)].sent];
        let sentence = map.span(doc.toks[first_sent.ts].s, doc.toks[last_sent.te - 1].e);
        let in_content = |i: usize| {
            let (s, e) = (doc.toks[i].s, doc.toks[i].e);
            r.content.iter().any(|&(cs, ce)| s >= cs && e <= ce)
        };
        let (mut said_on, mut date_basis) = dates::said_on(
            &doc,
            first_sent.ts,
            last_sent.te,
            in_content,
            article.published_on,
        );
        let sent = doc.toks[r.first].sent;
        if date_basis == DateBasis::Publication {
            let name = speaker.as_ref().map(|s| s.name.as_str());
            // An earlier sentence names the speaker when one of its mentions, outside
            // quotes and not a possessor ("Rutte's comment comes after …"), is theirs.
            let names_speaker = |s: usize| {
                let (ts, te) = (doc.sents[s].ts, doc.sents[s].te);
                let from = res.reg.mentions.partition_point(|m| m.ts < ts);
                res.reg.mentions[from..]
                    .iter()
                    .take_while(|m| m.ts < te)
                    .any(|m| {
                        let possessed = doc
                            .toks
                            .get(m.te)
                            .is_some_and(|t| matches!(t.low, "’s" | "'s" | "’"));
                        let quoted = inside.get(m.ts).is_some_and(|&q| q != quotes::NONE);
                        !possessed
                            && !quoted
                            && Some(res.reg.people[m.person].full().as_str()) == name
                    })
            };
            let carried = dates::carried(
                &doc,
                sent,
                &mut sentence_days,
                article.published_on,
                names_speaker,
            );
            if let Some(day) = carried
                .or_else(|| dates::of_the_day(&doc, sent, &mut sentence_days, article.published_on))
                .or_else(|| follow_up(&statements, &statement_sents, sent, name))
            {
                (said_on, date_basis) = (day, DateBasis::Relative);
            }
        }
        statement_sents.push(sent);
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
            sentence,
            confidence: r.conf,
        });
    }
    // Every written name of each person, not only the ones that spoke.
    for (&p, &ei) in &person_ent {
        for m in res.reg.mentions.iter().filter(|m| m.person == p) {
            for (a, b) in [(m.ts, m.te), (m.name_ts, m.te)] {
                let s = &text[doc.toks[a].s..doc.toks[b - 1].e];
                if !entities[ei].aliases.iter().any(|x| x == s) {
                    entities[ei].aliases.push(s.to_string());
                }
            }
        }
    }
    statements.sort_by_key(|s| s.content_spans.first().map(|c| c.start).unwrap_or(0));
    Some(Extraction {
        statements,
        entities,
        acronyms: acronym_pairs,
        truncated,
    })
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
