//! From resolved targets to the output's speakers and entities: one entity per person or
//! organisation however often it speaks, an acronym shown by the long form the text
//! introduced it with, and every way the text wrote each name kept as an alias.

use std::collections::HashMap;

use super::acronyms;
use super::mentions::Registry;
use super::model::{Entity, Span, Speaker, SpeakerKind};
use super::resolve::Target;
use super::text::Doc;

pub struct Speakers<'t> {
    text: &'t str,
    acronym_pairs: &'t [(String, String)],
    entities: Vec<Entity>,
    person_ent: HashMap<usize, usize>,
    org_ent: HashMap<String, usize>,
    /// Long forms found so far, by acronym: each is looked up once, however often it
    /// speaks.
    long_forms: HashMap<String, Option<String>>,
}

impl<'t> Speakers<'t> {
    pub fn new(text: &'t str, acronym_pairs: &'t [(String, String)]) -> Self {
        Speakers {
            text,
            acronym_pairs,
            entities: Vec::new(),
            person_ent: HashMap::new(),
            org_ent: HashMap::new(),
            long_forms: HashMap::new(),
        }
    }

    /// The speaker `target` is, as written at `mention` (a pronoun is no alias).
    pub fn speaker(
        &mut self,
        reg: &Registry,
        target: Target,
        mention: Span,
        pronoun: bool,
    ) -> Speaker {
        match target {
            Target::Person(p) => {
                let person = &reg.people[p];
                let ei = *self.person_ent.entry(p).or_insert_with(|| {
                    self.entities.push(Entity {
                        name: person.full(),
                        kind: SpeakerKind::Person,
                        role: person.role.clone(),
                        organization: person.org.clone(),
                        aliases: Vec::new(),
                    });
                    self.entities.len() - 1
                });
                self.alias(ei, &mention, pronoun);
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
                let (text, pairs) = (self.text, self.acronym_pairs);
                let long = self
                    .long_forms
                    .entry(name.clone())
                    .or_insert_with(|| acronyms::long_form_of(text, pairs, &name));
                let name = long.clone().unwrap_or(name);
                let key = name.to_lowercase();
                let ei = *self.org_ent.entry(key).or_insert_with(|| {
                    self.entities.push(Entity {
                        name: name.clone(),
                        kind: SpeakerKind::Organization,
                        role: None,
                        organization: None,
                        aliases: Vec::new(),
                    });
                    self.entities.len() - 1
                });
                self.alias(ei, &mention, pronoun);
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
    }

    fn alias(&mut self, ei: usize, mention: &Span, pronoun: bool) {
        if !pronoun && !self.entities[ei].aliases.contains(&mention.text) {
            self.entities[ei].aliases.push(mention.text.clone());
        }
    }

    /// The entities, each person with every written name of theirs, not only the ones
    /// that spoke.
    pub fn into_entities(mut self, doc: &Doc, reg: &Registry) -> Vec<Entity> {
        for (&p, &ei) in &self.person_ent {
            for m in reg.mentions.iter().filter(|m| m.person == p) {
                for (a, b) in [(m.ts, m.te), (m.name_ts, m.te)] {
                    let s = &self.text[doc.toks[a].s..doc.toks[b - 1].e];
                    if !self.entities[ei].aliases.iter().any(|x| x == s) {
                        self.entities[ei].aliases.push(s.to_string());
                    }
                }
            }
        }
        self.entities
    }
}
