//! Who a speaker phrase refers to: a named person (through surnames, titles, role nouns
//! like "the secretary-general", and he/she pronouns), an organisation, or an unnamed
//! source that must stay anonymous.

use super::lexicon::{flag, lex, Gender};
use super::mentions::{is_acronym, role_key, Registry};
use super::organisations::{self, OrgMention};
use super::quotes::NONE;
use super::text::Doc;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Person(usize),
    Org(String),
    Anon(String),
}

impl Target {
    /// A person or an organisation, not an unnamed source.
    fn is_named(&self) -> bool {
        !matches!(self, Target::Anon(_))
    }
}

/// An organisation target written as a name ("Big Machine Records"), not a bare
/// generic noun ("committee").
fn is_proper(org: &str) -> bool {
    org.chars().any(char::is_uppercase)
}

/// The later of two candidates written at token positions; the second on a tie.
fn later(x: Option<(usize, String)>, y: Option<(usize, String)>) -> Option<String> {
    match (x, y) {
        (Some(x), Some(y)) => Some(if x.0 > y.0 { x.1 } else { y.1 }),
        (x, y) => x.or(y).map(|c| c.1),
    }
}

/// A speaker phrase `[a, b)` as `classify` reads it: its head ends at `split` (before a
/// preposition), its head word is token `h - 1`, lower-cased as `head`.
struct Phrase {
    a: usize,
    b: usize,
    split: usize,
    h: usize,
    head: String,
}

impl Phrase {
    /// The phrase as an unnamed source is called: its head without a leading "the".
    fn description(&self, doc: &Doc) -> String {
        let mut s = self.a;
        if s < self.h && doc.toks[s].low == "the" {
            s += 1;
        }
        let e = self.split.max(s + 1);
        doc.text[doc.toks[s].s..doc.toks[e - 1].e].to_string()
    }
}

pub struct Resolver<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub reg: Registry,
    pub inside: &'d [u32],
    /// Speakers resolved so far: (token, target), in text order, so a later "he" can
    /// find a speaker named only by role.
    spoken: Vec<(usize, Target)>,
    /// Organisations named in the text, for "it", "the committee", "the statement".
    orgs: Vec<OrgMention>,
    /// The text's (long form, acronym) pairs.
    acronym_pairs: Vec<(String, String)>,
}

/// "in" of "editor-in-chief": a word glued between hyphens is no preposition.
fn hyphenated(doc: &Doc, j: usize) -> bool {
    let t = &doc.toks;
    j > 0
        && j + 1 < t.len()
        && t[j - 1].is_punct('-')
        && t[j - 1].e == t[j].s
        && t[j].e == t[j + 1].s
}

/// Nouns for a business, which stand for a company the text names, not any organisation.
fn is_business_noun(head: &str) -> bool {
    matches!(
        head,
        "company"
            | "firm"
            | "business"
            | "corporation"
            | "retailer"
            | "carrier"
            | "airline"
            | "bank"
            | "lender"
            | "insurer"
            | "manufacturer"
            | "startup"
            | "automaker"
            | "carmaker"
    )
}

fn is_possessive(low: &str) -> bool {
    low == "’s" || low == "'s" || low == "’" || low == "'"
}

impl<'d, 'a> Resolver<'d, 'a> {
    pub fn new(
        doc: &'d Doc<'a>,
        reg: Registry,
        inside: &'d [u32],
        acronym_pairs: &[(String, String)],
    ) -> Self {
        let lower_short_forms: Vec<String> = acronym_pairs
            .iter()
            .filter(|(_, short)| short.chars().all(|c| c.is_lowercase()))
            .map(|(_, short)| short.clone())
            .collect();
        let mut orgs = organisations::find(doc, &reg, inside);
        orgs.extend(organisations::lower_short_form_mentions(
            doc,
            inside,
            &lower_short_forms,
        ));
        orgs.sort_by_key(|o| o.ts);
        Resolver {
            doc,
            reg,
            inside,
            spoken: Vec::new(),
            orgs,
            acronym_pairs: acronym_pairs.to_vec(),
        }
    }

    fn text(&self, a: usize, b: usize) -> &'a str {
        &self.doc.text[self.doc.toks[a].s..self.doc.toks[b - 1].e]
    }

    /// Resolves the speaker phrase `[a, b)`.
    pub fn resolve(&mut self, a: usize, b: usize) -> Target {
        let mut t = self.classify(a, b);
        if !t.is_named() {
            if let Some(p) = self.appositive_person(b) {
                t = Target::Person(p);
            }
        }
        self.spoken.push((a, t.clone()));
        t
    }

    fn sent(&self, tok: usize) -> usize {
        self.doc.toks[tok].sent
    }

    /// "one local resident, Kevin Govender, told"; "said the committee chairman, MP
    /// Edward Leigh.": a name in apposition right after an unnamed phrase.
    fn appositive_person(&mut self, b: usize) -> Option<usize> {
        let doc = self.doc;
        let n = doc.toks.len();
        if b + 1 >= n || !doc.toks[b].is_punct(',') {
            return None;
        }
        let closes = |end: usize| {
            end >= n
                || doc.toks[end].is_punct(',')
                || (doc.toks[end].is_punct('.') && doc.toks[end].sent == doc.toks[b].sent)
        };
        let starts = |j: usize| {
            self.reg
                .mention_at(j)
                .filter(|m| m.ts == j || m.name_ts == j)
        };
        let m = starts(b + 1).or_else(|| {
            (doc.is_cap(b + 1) && b + 2 < n)
                .then(|| starts(b + 2))
                .flatten()
        });
        if let Some(m) = m {
            return closes(m.te).then_some(m.person);
        }
        // A name the registry did not know ("MP Edward Leigh"): a given name and one or
        // two more capitalised words, after at most one capitalised title.
        let lx = lex();
        let first =
            (b + 1..(b + 3).min(n)).find(|&j| lx.first_names.contains_key(doc.toks[j].low))?;
        if first > b + 1 && !doc.is_cap(b + 1) {
            return None;
        }
        let mut e = first + 1;
        while e < n && e < first + 3 && doc.is_cap(e) {
            e += 1;
        }
        (e > first + 1 && closes(e)).then(|| self.reg.add_speaker_name(doc, first, e))
    }

    /// The nearest organisation before `at`, within `window` sentences, that spoke or
    /// opened a sentence as its subject ("Christian Aid has called on …. It added …").
    fn recent_org(&self, at: usize, window: usize) -> Option<String> {
        let cur = self.sent(at);
        let near = |t: usize| t < at && self.sent(t) + window >= cur;
        let spoken =
            self.spoken
                .iter()
                .rev()
                .filter(|(t, _)| near(*t))
                .find_map(|(t, tg)| match tg {
                    Target::Org(o) if is_proper(o) => Some((*t, o.clone())),
                    _ => None,
                });
        let subject = self
            .orgs
            .iter()
            .rev()
            .find(|o| o.subject && near(o.ts))
            .map(|o| (o.ts, o.name.clone()));
        later(subject, spoken)
    }

    /// "The committee said": the organisation of the article whose name ends in that
    /// word ("the Public Accounts Committee"), else one that just spoke or acted.
    fn named_org(&self, head: &str, at: usize) -> Option<String> {
        let cur = self.sent(at);
        let ends_in = |name: &str| {
            let words: Vec<&str> = name.split_whitespace().collect();
            words.len() >= 2 && words[words.len() - 1].eq_ignore_ascii_case(head)
        };
        // "the company" is a business, never a public body ("the Attorney General").
        let fits = |name: &str| !is_business_noun(head) || !self.is_public_body(name);
        let written = self
            .orgs
            .iter()
            .rev()
            .filter(|o| o.ts < at && self.sent(o.ts) + 15 >= cur)
            .find(|o| ends_in(&o.name))
            .map(|o| (o.ts, o.name.clone()));
        let spoken = self.spoken.iter().rev().find_map(|(t, tg)| match tg {
            Target::Org(o) if *t < at && ends_in(o) && is_proper(o) => Some((*t, o.clone())),
            _ => None,
        });
        later(written, spoken)
            .or_else(|| self.recent_org(at, 2).filter(|o| fits(o)))
            .or_else(|| {
                self.orgs
                    .iter()
                    .rev()
                    .find(|o| o.ts < at && self.sent(o.ts) + 2 >= cur && fits(&o.name))
                    .map(|o| o.name.clone())
            })
    }

    /// A short form the text gives an organisation in lower case ("National Cyber Force
    /// (ncf)"), which looks like any other word.
    fn is_lower_short_form(&self, word: &str) -> bool {
        self.acronym_pairs
            .iter()
            .any(|(_, short)| short == word && short.chars().all(|c| c.is_lowercase()))
    }

    /// A public body by its name or the long form of its acronym ("NYAG", "New York
    /// State Attorney General").
    fn is_public_body(&self, name: &str) -> bool {
        let long = self
            .acronym_pairs
            .iter()
            .find(|(_, short)| short == name)
            .map_or("", |(long, _)| long.as_str());
        format!("{name} {long}").split_whitespace().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "attorney"
                    | "department"
                    | "ministry"
                    | "commission"
                    | "police"
                    | "court"
                    | "government"
                    | "agency"
                    | "council"
                    | "committee"
                    | "parliament"
                    | "congress"
                    | "senate"
                    | "authority"
                    | "administration"
            )
        })
    }

    /// Who speaks through a document: its possessor ("GISAID’s website"), the name after
    /// "from"/"by" ("a report from Kotak"), or who issued its earlier mention ("the
    /// statement" after "X issued a statement").
    fn issuer(&mut self, a: usize, split: usize, h: usize, b: usize) -> Option<Target> {
        let doc = self.doc;
        if let Some(p) = (a + 1..h).find(|&j| is_possessive(doc.toks[j].low)) {
            let t = self.classify(a, p);
            if t.is_named() {
                return Some(t);
            }
        }
        if split + 1 < b && matches!(doc.toks[split].low, "from" | "by") {
            let t = self.classify(split + 1, b);
            if t.is_named() {
                return Some(t);
            }
        }
        // "said a report from Kotak Institutional Equities": the phrase ended at "from".
        let n = doc.toks.len();
        if split == b && b + 1 < n && matches!(doc.toks[b].low, "from" | "by") {
            let sent = doc.toks[b].sent;
            let mut e = b + 1;
            while e < n && doc.toks[e].sent == sent && (doc.is_cap(e) || doc.toks[e].low == "the") {
                e += 1;
            }
            if e > b + 1 {
                let t = self.classify(b + 1, e);
                if t.is_named() {
                    return Some(t);
                }
            }
        }
        if matches!(doc.toks[a].low, "the" | "this" | "that" | "its" | "their") {
            return self.earlier_issuer(a, doc.toks[h - 1].low);
        }
        None
    }

    /// The issuer of the nearest earlier mention of document noun `head`: the phrase
    /// after its "by"/"from", else who spoke in or opened that sentence, else an
    /// organisation acting just before it.
    fn earlier_issuer(&mut self, at: usize, head: &str) -> Option<Target> {
        let doc = self.doc;
        let cur = self.sent(at);
        let singular = head.strip_suffix('s').unwrap_or(head);
        let j = (0..at)
            .rev()
            .take_while(|&j| self.sent(j) + 12 >= cur)
            .filter(|&j| self.inside.get(j).is_none_or(|&q| q == NONE))
            .find(|&j| doc.toks[j].low == head || doc.toks[j].low == singular)?;
        if j + 2 < at && matches!(doc.toks[j + 1].low, "by" | "from") {
            let end = (j + 2..at)
                .find(|&k| !doc.toks[k].is_word() || (k > j + 2 && is_verbish(doc, k)))
                .unwrap_or(at);
            if end > j + 2 {
                let t = self.classify(j + 2, end);
                if t.is_named() {
                    return Some(t);
                }
            }
        }
        let s = self.sent(j);
        // Who spoke in that sentence before the document was named ("X issued a statement
        // …, after Y scolded …": X), else after it.
        let spoke_in = |before: bool| {
            self.spoken.iter().rev().find_map(|(t, tg)| {
                (self.sent(*t) == s && (*t < j) == before && tg.is_named()).then(|| tg.clone())
            })
        };
        let spoke = spoke_in(true).or_else(|| spoke_in(false));
        if spoke.is_some() {
            return spoke;
        }
        if let Some(o) = self.orgs.iter().find(|o| o.subject && self.sent(o.ts) == s) {
            return Some(Target::Org(o.name.clone()));
        }
        // "The company denied it in a statement.": the sentence's subject, a definite
        // noun phrase standing for an organisation the text names.
        // An adverb may stand between it and the verb ("The company flat-out denied").
        let st = doc.sents[s].ts;
        let end = (st + 1..j).find(|&k| !doc.toks[k].is_word() || is_verbish(doc, k));
        if let Some(end) = end.filter(|&e| doc.toks[st].low == "the" && e <= st + 4) {
            for e in st + 2..=end.min(st + 3) {
                let t = self.classify(st, e);
                if t.is_named() {
                    return Some(t);
                }
            }
        }
        self.recent_org(j, 2).map(Target::Org)
    }

    /// Who the speaker phrase `[a, b)` is: a pronoun's referent, a person named in its
    /// head, a document's issuer, an organisation, the holder of a role, a group, or a
    /// name met only here.
    fn classify(&mut self, mut a: usize, b: usize) -> Target {
        let doc = self.doc;
        // "But I think": a conjunction opening the phrase is not part of a name.
        while a + 1 < b && matches!(doc.toks[a].low, "but" | "and" | "so" | "yet" | "or") {
            a += 1;
        }
        if b - a == 1 {
            if let Some(&p) = lex().pronouns.get(doc.toks[a].low) {
                return self.pronoun(a, p);
            }
        }
        let split = self.head_end(a, b);
        // "Mr. Grassley and Mr. Leahy said": two people speaking together are a group;
        // naming one of them would give the other's words to one.
        if let Some(group) = self.named_pair(a, split) {
            return group;
        }
        let person = self.person_in_head(a, split, b);
        if person.is_none() {
            if let Some(t) = self.name_after_complement(split, b) {
                return t;
            }
        }
        // The head word: last word of the head that is not a possessive marker.
        let mut h = split;
        while h > a && !doc.toks[h - 1].is_word() {
            h -= 1;
        }
        if h == a {
            return Target::Anon(self.text(a, b).to_lowercase());
        }
        let ph = Phrase {
            a,
            b,
            split,
            h,
            head: doc.toks[h - 1].low.to_string(),
        };
        if let Some(p) = person.filter(|_| self.person_is_head(&ph)) {
            return Target::Person(p);
        }
        self.document_issuer(&ph)
            .or_else(|| self.transcript_surname(&ph))
            .or_else(|| self.organisation_head(&ph))
            .or_else(|| self.role_or_group(&ph))
            .or_else(|| self.named_by_capitals(&ph))
            .unwrap_or_else(|| Target::Anon(ph.description(doc)))
    }

    /// The end of the phrase's head: before a preposition ("a spokesman for X"), or
    /// before "of" after a named person ("Joel Smith of Example News").
    fn head_end(&self, a: usize, b: usize) -> usize {
        let doc = self.doc;
        for j in a + 1..b {
            let low = doc.toks[j].low;
            if matches!(
                low,
                "for" | "of" | "to" | "at" | "from" | "with" | "in" | "on" | "close" | "by"
            ) && !doc.is_cap(j - 1)
                && !hyphenated(doc, j)
            {
                return j;
            }
            if matches!(low, "of" | "for" | "at")
                && doc.is_cap(j - 1)
                && self.reg.mention_at(j - 1).is_some()
            {
                return j;
            }
        }
        b
    }

    /// A named person in the head `[a, split)`, not a possessor ("Trump’s aide"), nor a
    /// name before a lower-case role word that a capitalised name follows ("Wikileaks
    /// editor-in-chief Kristinn Hrafnsson").
    fn person_in_head(&self, a: usize, split: usize, b: usize) -> Option<usize> {
        let doc = self.doc;
        let mut person = None;
        let mut person_end = a;
        let mut j = a;
        while j < split {
            if let Some(m) = self.reg.mention_at(j) {
                let m = *m;
                let end = m.te.min(split);
                let poss = end < b && is_possessive(doc.toks[end].low);
                if !poss {
                    person = Some(m.person);
                    person_end = end;
                }
                j = m.te.max(j + 1);
            } else {
                j += 1;
            }
        }
        let name_after = person_end < split
            && doc.is_cap(split - 1)
            && (person_end..split).any(|k| doc.toks[k].is_word() && !doc.is_cap(k));
        person.filter(|_| !name_after)
    }

    /// "China’s ambassador to Britain Liu Xiaming": a name after a role's one-word
    /// complement.
    fn name_after_complement(&mut self, split: usize, b: usize) -> Option<Target> {
        let doc = self.doc;
        if !(split + 2 < b && doc.toks[split].low == "to" && doc.is_cap(split + 1)) {
            return None;
        }
        if let Some(m) = self.reg.mention_at(split + 2) {
            if m.ts == split + 2 && m.te == b {
                return Some(Target::Person(m.person));
            }
        }
        let n = b - (split + 2);
        if (2..=3).contains(&n) && (split + 2..b).all(|k| doc.is_cap(k)) {
            return Some(Target::Person(self.reg.add_speaker_name(doc, split + 2, b)));
        }
        None
    }

    /// Whether the person named in the head is the speaker: "Smith's spokesman" stays
    /// anonymous, and in "the Smith campaign" or "Smith supporters" the noun after the
    /// name is the head; a name after the possessive wins.
    fn person_is_head(&self, ph: &Phrase) -> bool {
        let doc = self.doc;
        let (a, h) = (ph.a, ph.h);
        let after_poss = h >= a + 2 && (a..h - 1).any(|j| is_possessive(doc.toks[j].low));
        let named_last = self.reg.mention_at(h - 1).is_some();
        let noun_after = !named_last && !doc.is_cap(h - 1);
        named_last || (!after_poss && !noun_after)
    }

    /// "The statement said", "a report from Kotak": the document's issuer speaks, else
    /// the document stands as an unnamed source.
    fn document_issuer(&mut self, ph: &Phrase) -> Option<Target> {
        let doc = self.doc;
        if !lex().documents.contains(&ph.head) || doc.is_cap(ph.h - 1) {
            return None;
        }
        let t = self.issuer(ph.a, ph.split, ph.h, ph.b);
        Some(t.unwrap_or_else(|| Target::Anon(ph.description(doc))))
    }

    /// "PENCE:" in a transcript: an upper-case surname of a known person.
    fn transcript_surname(&self, ph: &Phrase) -> Option<Target> {
        let doc = self.doc;
        if !(is_acronym(doc.word(ph.h - 1)) && ph.h - ph.a == 1) {
            return None;
        }
        let low = doc.toks[ph.h - 1].low;
        let p = self
            .reg
            .people
            .iter()
            .rposition(|p| p.surname_low() == low)?;
        Some(Target::Person(p))
    }

    /// Organisations: "the State Department", "CNN", "the Clinton campaign"; "the
    /// committee" or "the state's largest utility" as a named one of the article.
    fn organisation_head(&self, ph: &Phrase) -> Option<Target> {
        let doc = self.doc;
        let lx = lex();
        let (a, h, head) = (ph.a, ph.h, ph.head.as_str());
        let short_form = self.is_lower_short_form(head);
        let org_head = lx.org_words.contains(head) || is_acronym(doc.word(h - 1)) || short_form;
        if !org_head || lx.anonymous.contains(head) {
            return None;
        }
        let mut s = a;
        if lx.determiners.contains(doc.toks[s].low) {
            s += 1;
        }
        if !short_form && !(s..h).any(|j| doc.is_cap(j)) {
            if let Some(o) = self.named_org(head, a) {
                return Some(Target::Org(o));
            }
        }
        let name: Vec<&str> = (s..h)
            .filter(|&j| !is_possessive(doc.toks[j].low))
            .map(|j| doc.word(j))
            .collect();
        Some(Target::Org(name.join(" ")))
    }

    /// The role the head names ("the prime minister", "the senator"), as a role key.
    fn role_of(&self, ph: &Phrase) -> Option<String> {
        let doc = self.doc;
        let lx = lex();
        let head = ph.head.as_str();
        if ph.h >= ph.a + 2 {
            let two = role_key(&format!("{} {}", doc.toks[ph.h - 2].low, head));
            if !two.is_empty() && lx.roles.contains(&two) {
                return Some(two);
            }
        }
        let role = lx.roles.contains(&role_key(head))
            || lx.titles.get(head).is_some_and(|t| t.role.is_some());
        role.then(|| role_key(head))
    }

    /// Plural heads are groups; a capitalised one only with a group ending ("Americans",
    /// "Texans") or a plural acronym ("MPs"), so surnames like "Ellis" stay people.
    fn is_plural(&self, ph: &Phrase) -> bool {
        let doc = self.doc;
        let (a, h, head) = (ph.a, ph.h, ph.head.as_str());
        let group_ending = ["ans", "ers", "ists", "ites", "ics", "ats"]
            .iter()
            .any(|e| head.ends_with(e));
        let plural_acronym = doc.word(h - 1).strip_suffix('s').is_some_and(is_acronym);
        // "Delegates questioned …": capitalised only because it opens the sentence.
        let opens = h - 1 == a && self.reg.plural_opening(doc, a);
        // "said Sowers, who is …", "Evans says": a surname with a group's ending.
        let surname = h - a == 1 && doc.is_cap(h - 1) && self.singular_name(h - 1, ph.b);
        plural_acronym
            || head.ends_with('s')
                && !head.ends_with("ss")
                && !surname
                && (!doc.is_cap(h - 1) || group_ending || opens)
    }

    /// Role nouns: the person holding that role in the article, the one speaking for
    /// the organisation it names ("the NATO chief"), or whom the sentence before was
    /// about. A role no one holds, a group or an anonymous noun is an unnamed source.
    fn role_or_group(&self, ph: &Phrase) -> Option<Target> {
        let doc = self.doc;
        let lx = lex();
        let role = self.role_of(ph);
        let plural = self.is_plural(ph);
        if let Some(r) = role.as_ref().filter(|_| !plural) {
            let holder = self
                .person_with_role(r, ph.a)
                .or_else(|| self.person_of_org(ph.a, ph.h))
                .or_else(|| self.described_before(ph));
            if let Some(p) = holder {
                return Some(Target::Person(p));
            }
        }
        (lx.anonymous.contains(&ph.head) || role.is_some() || plural)
            .then(|| Target::Anon(ph.description(doc)))
    }

    /// "Trump charges that …. The New York businessman says": a role no one in the text
    /// holds describes whom the sentence before was about. Only a common noun ("The
    /// Brennan Center for Justice" is a name), one whose gender, when it has one
    /// ("businessman"), is the person's, and not someone known by another role ("the
    /// mayor" is not the nominee).
    fn described_before(&self, ph: &Phrase) -> Option<usize> {
        let doc = self.doc;
        let head = ph.head.as_str();
        if doc.toks[ph.a].low != "the" || doc.is_cap(ph.h - 1) {
            return None;
        }
        let gender = lex().titles.get(head).map_or(Gender::Unknown, |t| t.gender);
        let fits = |p: usize| {
            let person = &self.reg.people[p];
            (gender == Gender::Unknown || person.gender == gender)
                && (person.role_keys.is_empty()
                    || person
                        .role_keys
                        .iter()
                        .any(|k| k.split_whitespace().last() == Some(head)))
        };
        self.previous_subject(ph.a).filter(|&p| fits(p))
    }

    /// A capitalised head: a country, an organisation named with "of"/"for" ("The Bank
    /// of America", "the Office for Civil Rights"), else a person met only here ("Kasich
    /// said"), the name stopping at a title, role, party or organisation word ("Senate
    /// Democrat Dianne Feinstein" → "Dianne Feinstein").
    fn named_by_capitals(&mut self, ph: &Phrase) -> Option<Target> {
        let doc = self.doc;
        let lx = lex();
        let (a, h) = (ph.a, ph.h);
        if lx.countries.contains(&ph.head) && h - a <= 2 {
            return Some(Target::Org(doc.word(h - 1).to_string()));
        }
        if !doc.is_cap(h - 1) {
            return None;
        }
        let org_of = (a..h.saturating_sub(1)).any(|j| {
            doc.is_cap(j)
                && lx.org_words.contains(doc.toks[j].low)
                && matches!(doc.toks[j + 1].low, "of" | "for")
        });
        if org_of {
            let s = (a..h)
                .find(|&j| doc.is_cap(j) && !lx.determiners.contains(doc.toks[j].low))
                .unwrap_or(a);
            return Some(Target::Org(self.text(s, h).to_string()));
        }
        let stop =
            flag::TITLE | flag::ROLE | flag::ROLE_MOD | flag::ORG | flag::DET | flag::COUNTRY;
        let mut s = h - 1;
        while s > a && doc.is_cap(s - 1) && doc.toks[s - 1].flags & stop == 0 {
            s -= 1;
        }
        (s == h - 1 || h - s <= 3).then(|| Target::Person(self.reg.add_speaker_name(doc, s, h)))
    }

    /// Two different people named in `[a, b)` and joined by "and" ("Trump and Clinton",
    /// "Both Mr. King and Mr. Schultz"): the phrase as an unnamed group.
    fn named_pair(&self, a: usize, b: usize) -> Option<Target> {
        let doc = self.doc;
        let and = (a..b).find(|&j| matches!(doc.toks[j].low, "and" | "&"))?;
        let before = (a..and).find_map(|j| self.reg.mention_at(j).map(|m| m.person))?;
        let after = (and + 1..b).find_map(|j| self.reg.mention_at(j).map(|m| m.person))?;
        let possessed = (a..b).any(|j| is_possessive(doc.toks[j].low));
        (before != after && !possessed).then(|| Target::Anon(self.text(a, b).to_string()))
    }

    /// Whether the capitalised word `j` (the whole phrase, ending at `b`) names one person
    /// although it ends like a group ("Sowers", "Evans"): someone of the article has it as
    /// surname, or the words around it are singular ("Sowers, who is …", "Evans says").
    fn singular_name(&self, j: usize, b: usize) -> bool {
        let doc = self.doc;
        let low = doc.toks[j].low;
        if self.reg.people.iter().any(|p| p.surname_low() == low) {
            return true;
        }
        let at = |k: usize| doc.toks.get(k).map_or("", |t| t.low);
        let comma = doc.toks.get(b).is_some_and(|t| t.is_punct(','));
        let relative = comma && at(b + 1) == "who" && matches!(at(b + 2), "is" | "was" | "has");
        let verb = matches!(
            at(b),
            "says" | "adds" | "tells" | "writes" | "argues" | "insists"
        ) || j > 0 && matches!(at(j - 1), "says" | "adds" | "tells" | "writes");
        relative || verb
    }

    /// The person whose role matches `key`: nearest mentioned before `pos`, else the
    /// first one mentioned after.
    fn person_with_role(&self, key: &str, pos: usize) -> Option<usize> {
        let last = key.split_whitespace().last().unwrap_or(key);
        // Party words must agree: "the Democratic nominee" is not the Republican one.
        let party = |w: &str| match w {
            "republican" | "gop" => Some('r'),
            "democratic" | "democrat" => Some('d'),
            _ => None,
        };
        let want = key.split_whitespace().find_map(party);
        let suffix = format!(" {key}");
        let check = |pi: usize| {
            let keys = &self.reg.people[pi].role_keys;
            let has = want.is_none_or(|w| {
                let theirs: Vec<char> = keys
                    .iter()
                    .flat_map(|k| k.split_whitespace().filter_map(party).collect::<Vec<_>>())
                    .collect();
                theirs.is_empty() || theirs.contains(&w)
            });
            has && keys.iter().any(|k| {
                k == key || k.ends_with(&suffix) || k.split_whitespace().last() == Some(last)
            })
        };
        // Each person is checked once per call, however often they are mentioned.
        let memo: Vec<std::cell::Cell<u8>> = vec![std::cell::Cell::new(0); self.reg.people.len()];
        let holds = |pi: usize| match memo[pi].get() {
            1 => true,
            2 => false,
            _ => {
                let h = check(pi);
                memo[pi].set(if h { 1 } else { 2 });
                h
            }
        };
        // Nearest holder before `pos`, else the first after; windows keep this cheap.
        let idx = self.reg.mentions.partition_point(|m| m.ts < pos);
        let mut before = self.reg.mentions[..idx]
            .iter()
            .rev()
            .take(400)
            .find(|m| holds(m.person))
            .map(|m| (m.ts, m.person));
        let after = self.reg.mentions[idx..]
            .iter()
            .take(400)
            .find(|m| holds(m.person))
            .map(|m| m.person);
        for (t, tg) in self.spoken.iter().rev().take(200) {
            if let Target::Person(p) = tg {
                if *t < pos && holds(*p) && before.is_none_or(|(bt, _)| *t > bt) {
                    before = Some((*t, *p));
                    break;
                }
            }
        }
        before.map(|b| b.1).or(after)
    }

    /// The person the sentence before `at` (in the same or the previous paragraph) is
    /// about: one who spoke there, else its opening name when not a possessor.
    fn previous_subject(&self, at: usize) -> Option<usize> {
        let doc = self.doc;
        let prev = self.sent(at).checked_sub(1)?;
        let (ts, te) = (doc.sents[prev].ts, doc.sents[prev].te);
        if doc.toks[at].para > doc.toks[ts].para + 1 {
            return None;
        }
        let spoke = self.spoken.iter().rev().find_map(|(t, tg)| match tg {
            Target::Person(p) if (ts..te).contains(t) => Some(*p),
            _ => None,
        });
        spoke.or_else(|| {
            let m = self.reg.mention_at(ts)?;
            let possessed = doc.toks.get(m.te).is_some_and(|t| is_possessive(t.low));
            (m.ts == ts && !possessed).then_some(m.person)
        })
    }

    /// The person whose organisation is named in `[a, h)` ("NATO" in "the NATO chief"),
    /// when exactly one person of the article speaks for it.
    fn person_of_org(&self, a: usize, h: usize) -> Option<usize> {
        let doc = self.doc;
        let orgs: Vec<&str> = (a..h)
            .filter(|&j| doc.is_cap(j))
            .map(|j| doc.word(j))
            .collect();
        if orgs.is_empty() {
            return None;
        }
        let mut found = None;
        for (pi, p) in self.reg.people.iter().enumerate() {
            let Some(o) = p.org.as_deref() else { continue };
            if orgs.iter().any(|w| w.eq_ignore_ascii_case(o)) {
                if found.is_some() {
                    return None;
                }
                found = Some(pi);
            }
        }
        found
    }

    fn compatible(&self, pi: usize, g: char) -> bool {
        match (g, self.reg.people[pi].gender) {
            ('m', Gender::Female) | ('f', Gender::Male) => false,
            ('m' | 'f', _) => true,
            _ => false,
        }
    }

    /// "I"/"we" as a speaker outside quotes: news prose speaks of others, so a quote mark
    /// just before it ("…new system. "But I think …") means the quoting broke and the words
    /// go on in the quote of the paragraph's last speaker. Otherwise (a column's own "I")
    /// nobody the text names.
    fn first_person(&self, at: usize) -> Target {
        let doc = self.doc;
        let low = doc.toks[at].low;
        // An opening mark: a left curly one, or a straight one after a space ("…," I said
        // closes a quote the writer's own "I" then follows).
        let opening = |j: usize| {
            doc.toks[j].is_double_quote()
                && (doc.word(j) == "“" || j == 0 || doc.toks[j - 1].e < doc.toks[j].s)
        };
        let reopened = (at.saturating_sub(2)..at).any(opening);
        if matches!(low, "i" | "we") && reopened {
            let para = doc.toks[at].para;
            let last = self.spoken.iter().rev().find_map(|(t, tg)| {
                (*t < at && doc.toks[*t].para == para && tg.is_named()).then(|| tg.clone())
            });
            if let Some(t) = last {
                return t;
            }
            // "Mr Johnson told the BBC: "…system. "But I think …": the person the
            // paragraph named before its quote.
            let named = self.reg.mentions.iter().rev().find(|m| {
                m.ts < at
                    && doc.toks[m.ts].para == para
                    && self.inside.get(m.ts).is_none_or(|&q| q == NONE)
            });
            if let Some(m) = named {
                return Target::Person(m.person);
            }
        }
        Target::Anon(low.to_string())
    }

    /// he/she: the first compatible person of the nearest sentence (the subject-most
    /// mention), looking back a few sentences; speakers count as mentions.
    fn pronoun(&self, at: usize, g: char) -> Target {
        let doc = self.doc;
        match g {
            'm' | 'f' => {}
            'n' | 'p' => {
                // "it" after an organisation spoke or opened a sentence: that one.
                if g == 'n' {
                    if let Some(o) = self.recent_org(at, 3) {
                        return Target::Org(o);
                    }
                }
                // "it"/"they" after an organisation speaking: that organisation.
                let cur = doc.toks[at].sent;
                for (t, tg) in self.spoken.iter().rev() {
                    if doc.toks[*t].sent + 3 < cur {
                        break;
                    }
                    if let Target::Org(o) = tg {
                        return Target::Org(o.clone());
                    }
                }
                return Target::Anon(doc.toks[at].low.to_string());
            }
            's' => return self.first_person(at),
            _ => return Target::Anon(doc.toks[at].low.to_string()),
        }
        let said_at = at;
        let mut at = at;
        for _ in 0..5 {
            match self.same_pronoun_before(at) {
                Some(earlier) => at = earlier,
                None => break,
            }
        }
        let cur = doc.toks[at].sent;
        let lo_sent = cur.saturating_sub(6);
        // Candidates: (token, person) before `at`, outside quotes.
        // Within the nearest sentence, one who spoke there beats one only mentioned
        // ("Putney told CNN that Scott's hand …, but he said"), then a person known to
        // match the pronoun's gender beats one of unknown gender, then the earlier
        // (subject) mention wins.
        let want = if g == 'm' {
            Gender::Male
        } else {
            Gender::Female
        };
        let people = &self.reg.people;
        // (sent, spoke, exact, tok, person)
        let mut best: Option<(usize, bool, bool, usize, usize)> = None;
        let mut consider = |sent: usize, spoke: bool, tok: usize, p: usize| {
            let exact = people[p].gender == want;
            let better = match best {
                None => true,
                Some((bs, bspoke, be, bt, _)) => {
                    let rank = (spoke, exact, std::cmp::Reverse(tok));
                    sent > bs || (sent == bs && rank > (bspoke, be, std::cmp::Reverse(bt)))
                }
            };
            if better {
                best = Some((sent, spoke, exact, tok, p));
            }
        };
        // Mentions are sorted; walk back from `at`.
        let idx = self.reg.mentions.partition_point(|m| m.ts < at);
        for m in self.reg.mentions[..idx].iter().rev() {
            let s = doc.toks[m.ts].sent;
            if s < lo_sent {
                break;
            }
            if self.inside.get(m.ts).is_some_and(|&q| q != NONE) {
                continue;
            }
            if self.compatible(m.person, g) {
                consider(s, false, m.ts, m.person);
            }
        }
        for (t, tg) in self.spoken.iter().rev() {
            let s = doc.toks[*t].sent;
            if s < lo_sent {
                break;
            }
            if *t >= at {
                continue;
            }
            if let Target::Person(p) = tg {
                if self.compatible(*p, g) {
                    consider(s, true, *t, *p);
                }
            }
        }
        // "The president’s Pacific roots also came into play. …, he told": a sentence
        // opening with a role someone in the text holds is about that person.
        for s in lo_sent..=cur {
            let ts = doc.sents[s].ts;
            if ts + 1 >= at || doc.toks[ts].low != "the" {
                continue;
            }
            let role = doc.toks[ts + 1].low;
            if doc.is_cap(ts + 1) && !doc.in_title(ts + 1) || !lex().roles.contains(role) {
                continue;
            }
            if let Some(p) = self
                .person_with_role(role, ts)
                .filter(|&p| self.compatible(p, g))
            {
                consider(s, false, ts, p);
            }
        }
        match best {
            Some((_, _, _, _, p)) => Target::Person(p),
            None => Target::Anon(doc.toks[said_at].low.to_string()),
        }
    }

    /// "He was arrested … for the call to Omar's office. During the call, he asked …": the
    /// same pronoun opening the sentence before, with no one named between, is the same
    /// person (the one the text is about), whoever else that sentence mentions. Its token.
    fn same_pronoun_before(&self, at: usize) -> Option<usize> {
        let doc = self.doc;
        let cur = doc.toks[at].sent;
        let prev = doc.sents[cur.checked_sub(1)?];
        let first = (prev.ts..prev.te.min(prev.ts + 3)).find(|&k| {
            doc.toks[k].is_word() && !matches!(doc.toks[k].low, "but" | "and" | "so" | "then")
        })?;
        let same = doc.toks[first].low == doc.toks[at].low
            && self.inside.get(first).is_none_or(|&q| q == NONE);
        // Mentions are sorted: look only at those after `first`.
        let after_first = self.reg.mentions.partition_point(|m| m.ts <= first);
        let named_between = self.reg.mentions[after_first..]
            .iter()
            .take_while(|m| m.ts < at)
            .any(|m| doc.toks[m.ts].sent == cur);
        (same && !named_between).then_some(first)
    }
}

/// A lower-case verb form that ends a noun phrase ("… committee called for").
fn is_verbish(doc: &Doc, k: usize) -> bool {
    let t = &doc.toks[k];
    !doc.is_cap(k)
        && (t.flags & super::lexicon::flag::CUE != 0
            || matches!(
                t.low,
                "is" | "was" | "has" | "had" | "have" | "will" | "said"
            )
            || (t.low.ends_with("ed") && !lex().org_words.contains(t.low)))
}
