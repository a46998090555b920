//! Statement extraction: article text in, statements out. Pure: no I/O, no async,
//! so it runs the same in the CLI, the service and the tests.
//!
//! Pipeline: `text` (tokens, paragraphs, sentences) → `quotes` (paired marks) and
//! `boilerplate` (site furniture) → `mentions` (people named anywhere) → `reported`
//! (cue + speaker + content, using `cues`, `phrases` and `direct`) → `resolve` (who the
//! speaker is) → `dates` (when).

mod acronyms;
mod acts;
mod boilerplate;
mod bounds;
mod cues;
mod dates;
mod direct;
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

use resolve::Target;
use text::{CharMap, Doc};

/// Stored with every statement so `whosaid reextract` knows what is stale.
pub const EXTRACTOR_VERSION: &str = "0.6.0";

/// Finds the statements in one article and the people and organisations behind them.
pub fn extract(article: &ArticleInput<'_>) -> Extraction {
    let text = article.text;
    let low = text::lower_aligned(text);
    let doc = Doc::new(text, &low);
    let (quotes, inside) = quotes::find_quotes(&doc);
    let boiler = boilerplate::boilerplate_paragraphs(&doc);
    let reg = mentions::Registry::build(&doc);
    let person_tok: Vec<bool> = reg.at.iter().map(|&m| m != u32::MAX).collect();
    let cx = reported::Ctx {
        doc: &doc,
        person_tok: &person_tok,
        quotes: &quotes,
        inside: &inside,
        boiler: &boiler,
    };
    let mut raws = reported::detect(&cx);
    bounds::trim_all(&cx, &mut raws);
    raws.sort_by_key(|r| r.subj.map(|s| s.0).unwrap_or(r.first));
    let map = CharMap::new(text);
    let mut res = resolve::Resolver::new(&doc, reg, &inside);
    let mut entities: Vec<Entity> = Vec::new();
    let mut person_ent: HashMap<usize, usize> = HashMap::new();
    let mut org_ent: HashMap<String, usize> = HashMap::new();
    let mut statements = Vec::with_capacity(raws.len());
    for r in &raws {
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
        let (said_on, date_basis) = dates::said_on(
            &doc,
            first_sent.ts,
            last_sent.te,
            in_content,
            article.published_on,
        );
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
    Extraction {
        statements,
        entities,
        acronyms: acronyms::acronym_pairs(text),
    }
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
