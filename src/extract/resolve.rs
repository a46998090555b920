//! Who a speaker phrase refers to: a named person (through surnames, titles, role nouns
//! like "the secretary-general", and he/she pronouns), an organisation, or an unnamed
//! source that must stay anonymous.

use super::lexicon::{lex, Gender};
use super::mentions::{is_acronym, role_key, Registry};
use super::quotes::NONE;
use super::text::Doc;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Person(usize),
    Org(String),
    Anon(String),
}

pub struct Resolver<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub reg: Registry,
    pub inside: &'d [u32],
    /// Speakers resolved so far: (token, target), in text order, so a later "he" can
    /// find a speaker named only by role.
    spoken: Vec<(usize, Target)>,
}

fn is_possessive(low: &str) -> bool {
    low == "’s" || low == "'s" || low == "’" || low == "'"
}

impl<'d, 'a> Resolver<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>, reg: Registry, inside: &'d [u32]) -> Self {
        Resolver {
            doc,
            reg,
            inside,
            spoken: Vec::new(),
        }
    }

    fn text(&self, a: usize, b: usize) -> &'a str {
        &self.doc.text[self.doc.toks[a].s..self.doc.toks[b - 1].e]
    }

    /// Resolves the speaker phrase `[a, b)`.
    pub fn resolve(&mut self, a: usize, b: usize) -> Target {
        let t = self.classify(a, b);
        self.spoken.push((a, t.clone()));
        t
    }

    fn classify(&mut self, a: usize, b: usize) -> Target {
        let doc = self.doc;
        let lx = lex();
        if b - a == 1 {
            if let Some(&p) = lx.pronouns.get(doc.toks[a].low) {
                return self.pronoun(a, p);
            }
        }
        // The head is what comes before a preposition ("a spokesman for X").
        let mut split = b;
        for j in a + 1..b {
            let low = doc.toks[j].low;
            if matches!(
                low,
                "for" | "of" | "to" | "at" | "from" | "with" | "in" | "on" | "close"
            ) && !doc.is_cap(j - 1)
            {
                split = j;
                break;
            }
            if matches!(low, "of" | "for" | "at") && doc.is_cap(j - 1) {
                // "Joel Smith of Example News": a named person before "of".
                if self.reg.mention_at(j - 1).is_some() {
                    split = j;
                    break;
                }
            }
        }
        // A named person in the head, not a possessor ("Trump’s aide").
        let mut person = None;
        let mut j = a;
        while j < split {
            if let Some(m) = self.reg.mention_at(j) {
                let m = *m;
                let end = m.te.min(split);
                let poss = end < b && is_possessive(doc.toks[end].low);
                if !poss {
                    person = Some(m.person);
                }
                j = m.te.max(j + 1);
            } else {
                j += 1;
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
        let head = doc.toks[h - 1].low.to_string();
        let after_poss = h >= a + 2 && (a..h - 1).any(|j| is_possessive(doc.toks[j].low));
        if let Some(p) = person {
            // "Smith's spokesman" stays anonymous; a name after the possessive wins.
            // "the Smith campaign", "Smith supporters": a noun after the name is the head.
            let named_last = self.reg.mention_at(h - 1).is_some();
            let noun_after = !named_last && !doc.is_cap(h - 1);
            if named_last || (!after_poss && !noun_after) {
                return Target::Person(p);
            }
        }
        let desc = || {
            let mut s = a;
            if s < h && lx.determiners.contains(doc.toks[s].low) && doc.toks[s].low == "the" {
                s += 1;
            }
            self.text(s, split.max(s + 1)).to_string()
        };
        // "PENCE:" in a transcript: an upper-case surname of a known person.
        if is_acronym(doc.word(h - 1)) && h - a == 1 {
            let low = doc.toks[h - 1].low;
            if let Some(p) = self.reg.people.iter().rposition(|p| p.surname_low() == low) {
                return Target::Person(p);
            }
        }
        // Organisations: "the State Department", "CNN", "the Clinton campaign".
        let org_head = lx.org_words.contains(&head) || is_acronym(doc.word(h - 1));
        if org_head && !lx.anonymous.contains(&head) {
            let mut s = a;
            if lx.determiners.contains(doc.toks[s].low) {
                s += 1;
            }
            let name: Vec<&str> = (s..h)
                .filter(|&j| !is_possessive(doc.toks[j].low))
                .map(|j| doc.word(j))
                .collect();
            return Target::Org(name.join(" "));
        }
        // Role nouns: the person holding that role in the article.
        let two = if h >= a + 2 {
            role_key(&format!("{} {}", doc.toks[h - 2].low, head))
        } else {
            String::new()
        };
        let role = if !two.is_empty() && lx.roles.contains(&two) {
            Some(two)
        } else if lx.roles.contains(&role_key(&head))
            || lx.titles.get(&head).is_some_and(|t| t.role.is_some())
        {
            Some(role_key(&head))
        } else {
            None
        };
        // Plural heads are groups; a capitalised one only with a group ending
        // ("Americans", "Texans"), so surnames like "Ellis" stay people.
        let group_ending = ["ans", "ers", "ists", "ites", "ics", "ats"]
            .iter()
            .any(|e| head.ends_with(e));
        let plural =
            head.ends_with('s') && !head.ends_with("ss") && (!doc.is_cap(h - 1) || group_ending);
        if let Some(r) = role.as_ref().filter(|_| !plural) {
            if let Some(p) = self.person_with_role(r, a) {
                return Target::Person(p);
            }
            // "the NATO chief": the person who speaks for that organisation.
            if let Some(p) = self.person_of_org(a, h) {
                return Target::Person(p);
            }
        }
        if lx.anonymous.contains(&head) || role.is_some() || plural {
            return Target::Anon(desc());
        }
        if lx.countries.contains(&head) && h - a <= 2 {
            return Target::Org(doc.word(h - 1).to_string());
        }
        // An unknown capitalised name: a person met only here ("Kasich said").
        if doc.is_cap(h - 1) {
            let mut s = h - 1;
            // The name stops at a title, role, party or organisation word
            // ("Senate Democrat Dianne Feinstein" → "Dianne Feinstein").
            let stop = super::lexicon::flag::TITLE
                | super::lexicon::flag::ROLE
                | super::lexicon::flag::ROLE_MOD
                | super::lexicon::flag::ORG
                | super::lexicon::flag::DET
                | super::lexicon::flag::COUNTRY;
            while s > a && doc.is_cap(s - 1) && doc.toks[s - 1].flags & stop == 0 {
                s -= 1;
            }
            if s == h - 1 || h - s <= 3 {
                let p = self.reg.add_speaker_name(doc, s, h);
                return Target::Person(p);
            }
        }
        Target::Anon(desc())
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

    /// he/she: the first compatible person of the nearest sentence (the subject-most
    /// mention), looking back a few sentences; speakers count as mentions.
    fn pronoun(&self, at: usize, g: char) -> Target {
        let doc = self.doc;
        match g {
            'm' | 'f' => {}
            'n' | 'p' => {
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
            _ => return Target::Anon(doc.toks[at].low.to_string()),
        }
        let cur = doc.toks[at].sent;
        let lo_sent = cur.saturating_sub(6);
        // Candidates: (token, person) before `at`, outside quotes.
        // Within the nearest sentence, a person known to match the pronoun's gender
        // beats one of unknown gender, then the earlier (subject) mention wins.
        let want = if g == 'm' {
            Gender::Male
        } else {
            Gender::Female
        };
        let people = &self.reg.people;
        let mut best: Option<(usize, bool, usize, usize)> = None; // (sent, exact, tok, person)
        let mut consider = |sent: usize, tok: usize, p: usize| {
            let exact = people[p].gender == want;
            let better = match best {
                None => true,
                Some((bs, be, bt, _)) => {
                    sent > bs || (sent == bs && (exact && !be || (exact == be && tok < bt)))
                }
            };
            if better {
                best = Some((sent, exact, tok, p));
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
                consider(s, m.ts, m.person);
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
                    consider(s, *t, *p);
                }
            }
        }
        match best {
            Some((_, _, _, p)) => Target::Person(p),
            None => Target::Anon(doc.toks[at].low.to_string()),
        }
    }
}
