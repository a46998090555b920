//! People named in the article: full names with the titles and roles written around them,
//! and every later surname mention linked back. Built over the whole text before any
//! statement is resolved, so "Rutte" in a headline finds "Mark Rutte" named further down.

use super::lexicon::{lex, Gender, Map};
use super::text::Doc;

#[derive(Debug, Clone)]
pub struct Person {
    /// Name words as written ("Mark", "Rutte").
    pub words: Vec<String>,
    pub gender: Gender,
    /// Role as written, first seen ("Secretary General").
    pub role: Option<String>,
    /// Lower-case role words met anywhere ("secretary general", "senator").
    pub role_keys: Vec<String>,
    pub org: Option<String>,
}

impl Person {
    pub fn full(&self) -> String {
        self.words.join(" ")
    }
    pub fn surname_low(&self) -> String {
        self.words
            .get(surname_index(&self.words))
            .map(|w| w.to_lowercase())
            .unwrap_or_default()
    }
}

/// Where the surname is among a name's words: the last, or the one before a
/// generational suffix ("Joseph R. Biden Jr.").
fn surname_index(words: &[String]) -> usize {
    let suffix = |w: &str| {
        matches!(
            w.trim_end_matches('.').to_lowercase().as_str(),
            "jr" | "sr" | "ii" | "iii" | "iv"
        )
    };
    match words {
        [.., before, last] if suffix(last) && !suffix(before) => words.len() - 2,
        _ => words.len().saturating_sub(1),
    }
}

/// Which of the namesakes `cands` the lone surname at token `j` names. Among those named
/// before it: one named in the last twenty sentences (a roundup's new story is about its
/// own Johnson), then the one named most often (the protagonist, not the spouse named
/// once), then the first named. With none named before, the first named after.
fn pick_namesake(doc: &Doc, named_at: &[Vec<usize>], cands: &[usize], j: usize) -> Option<usize> {
    let sent = doc.toks[j].sent;
    let before = |p: usize| {
        let at = &named_at[p];
        let k = at.partition_point(|&t| t <= j);
        let recent = doc.toks[*at[..k].last()?].sent + 20 >= sent;
        Some((recent, k, std::cmp::Reverse(at[0])))
    };
    cands
        .iter()
        .copied()
        .filter_map(|p| Some((before(p)?, p)))
        .max()
        .map(|(_, p)| p)
        .or_else(|| {
            cands
                .iter()
                .copied()
                .min_by_key(|&p| named_at[p].first().copied().unwrap_or(usize::MAX))
        })
}

/// A written name of a person: tokens `[ts, te)` including a title, `name_ts` where the
/// name itself starts.
#[derive(Debug, Clone, Copy)]
pub struct NameMention {
    pub ts: usize,
    pub name_ts: usize,
    pub te: usize,
    pub person: usize,
}

#[derive(Default)]
pub struct Registry {
    pub people: Vec<Person>,
    /// Sorted by position.
    pub mentions: Vec<NameMention>,
    /// For each token, the mention it belongs to (`u32::MAX` if none).
    pub at: Vec<u32>,
    /// People by lower-case surname, so adding a name does not scan everyone.
    by_last: Map<Vec<usize>>,
    /// People by the lower-case first word of a longer name when that word is no known
    /// given name ("Ban Ki-moon", "Xi Jinping"): the family name written first, which
    /// "Mr. Ban" repeats.
    by_first: Map<Vec<usize>>,
}

/// Lower-case, hyphen-free form of a role for comparisons ("Secretary-General" →
/// "secretary general").
pub fn role_key(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '–'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Role as output: hyphens between capitalised words become spaces, so "Secretary-General"
/// and "Secretary General" are one role.
pub fn role_display(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '-' && i > 0 && i + 1 < chars.len() && chars[i + 1].is_uppercase() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

pub fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Capitalised words that begin sentences or name months and days, never a person.
fn never_name(low: &str) -> bool {
    use super::lexicon::flag::*;
    let lx = lex();
    let f = lx.flags_of(low);
    f & (STOP | DET | MONTH | WEEKDAY | PRONOUN | ADVERB | CUE) != 0
        || (low.ends_with('.') && lx.flags_of(low.trim_end_matches('.')) & MONTH != 0)
        || matches!(
            low,
            "for" | "of" | "it" | "there" | "here" | "what" | "how" | "why" | "now" | "not"
        )
}

pub fn is_title(low: &str) -> bool {
    lex().titles.contains_key(low)
}

fn is_roleish(low: &str) -> bool {
    use super::lexicon::flag::*;
    let lx = lex();
    lx.word_flags(low) & (TITLE | ROLE | ROLE_MOD) != 0
        || (low.contains(['-', '–']) && lx.roles.contains(&role_key(low)))
}

impl Registry {
    pub fn build(doc: &Doc) -> Registry {
        let mut reg = Registry {
            people: Vec::new(),
            mentions: Vec::new(),
            at: vec![u32::MAX; doc.toks.len()],
            by_last: Default::default(),
            by_first: Default::default(),
        };
        reg.full_names(doc);
        reg.mark_named();
        reg.lone_speakers(doc);
        reg.surnames(doc);
        reg.mentions.sort_by_key(|m| m.ts);
        for (mi, m) in reg.mentions.iter().enumerate() {
            for slot in &mut reg.at[m.ts..m.te] {
                *slot = mi as u32;
            }
        }
        reg
    }

    /// Marks every mention's tokens as named (the index is set once all are known).
    fn mark_named(&mut self) {
        self.at.fill(u32::MAX);
        for m in &self.mentions {
            for slot in &mut self.at[m.ts..m.te] {
                *slot = 0;
            }
        }
    }

    /// Pass 1: runs of capitalised words (with particles and "of" inside titles).
    fn full_names(&mut self, doc: &Doc) {
        let n = doc.toks.len();
        let mut i = 0;
        while i < n {
            if !namey(doc, i) {
                i += 1;
                continue;
            }
            let b = name_run_end(doc, i);
            self.consider_run(doc, i, b);
            i = b;
        }
    }

    /// Pass 1b: a lone capitalised word right before a reporting verb ("Kasich said") is
    /// a person even without a first name or title.
    fn lone_speakers(&mut self, doc: &Doc) {
        let lx = lex();
        // A word the text also writes in lower case is no name ("Traders said" beside
        // "traders").
        let lower_written: std::collections::HashSet<&str> = doc
            .toks
            .iter()
            .enumerate()
            .filter(|&(j, t)| t.is_word() && !doc.is_cap(j))
            .map(|(_, t)| t.low)
            .collect();
        for j in 1..doc.toks.len() {
            if super::cues::cue_at(doc, j).is_none() {
                continue;
            }
            let mut k = j;
            while k > 0 && lx.adverbs.contains(doc.toks[k - 1].low) {
                k -= 1;
            }
            if k == 0 || self.at[k - 1] != u32::MAX {
                continue;
            }
            let w = k - 1;
            let low = doc.toks[w].low;
            // The surname of someone named in full is left to pass 2, which picks among
            // namesakes ("Gary Johnson" … "Jeh Johnson" … "Johnson said").
            if self.plural_opening(doc, w) || self.by_last.contains_key(low) {
                continue;
            }
            if lone_name(doc, w) && !lower_written.contains(low) {
                let pi = self.find_or_add(vec![doc.word(w).to_string()], Gender::Unknown);
                self.mentions.push(NameMention {
                    ts: w,
                    name_ts: w,
                    te: w + 1,
                    person: pi,
                });
                self.at[w] = 0;
            }
        }
        self.mark_named();
    }

    /// Pass 2: lone surnames (and "Mr. Surname") of people already known.
    fn surnames(&mut self, doc: &Doc) {
        let mut idx: Map<Vec<usize>> = Map::default();
        for (pi, p) in self.people.iter().enumerate() {
            idx.entry(p.surname_low()).or_default().push(pi);
        }
        // Where each person is named, in text order, for choosing among namesakes.
        let mut named_at: Vec<Vec<usize>> = vec![Vec::new(); self.people.len()];
        for m in &self.mentions {
            named_at[m.person].push(m.ts);
        }
        for v in &mut named_at {
            v.sort_unstable();
        }
        let mut extra = Vec::new();
        for j in 0..doc.toks.len() {
            if self.at[j] != u32::MAX || !doc.is_cap(j) {
                continue;
            }
            let Some(cands) = idx.get(doc.toks[j].low) else {
                continue;
            };
            let cands = self.of_titled_gender(doc, j, cands);
            if cands.is_empty() {
                continue;
            }
            if j + 1 < doc.toks.len() && doc.is_cap(j + 1) && same_line(doc, j + 1) {
                continue; // part of a longer, different name
            }
            // "Rakeyia Scott" beside a known Keith Scott: another given name before the
            // surname is another person of that family.
            if let Some(given) = other_given_name(doc, self, j) {
                let p = self.add_speaker_name(doc, given, j + 1);
                extra.push(NameMention {
                    ts: given,
                    name_ts: given,
                    te: j + 1,
                    person: p,
                });
                continue;
            }
            if let Some(p) = pick_namesake(doc, &named_at, &cands, j) {
                let ts = if j > 0 && is_title(doc.toks[j - 1].low) {
                    j - 1
                } else {
                    j
                };
                extra.push(NameMention {
                    ts,
                    name_ts: j,
                    te: j + 1,
                    person: p,
                });
            }
        }
        self.mentions.extend(extra);
    }

    /// The namesakes `cands` of the surname at `j` that its title's gender allows:
    /// "Mr. Obama" is not Michelle Obama.
    fn of_titled_gender(&self, doc: &Doc, j: usize, cands: &[usize]) -> Vec<usize> {
        let titled = j
            .checked_sub(1)
            .and_then(|t| lex().titles.get(doc.toks[t].low));
        match titled.map(|t| t.gender) {
            Some(g) if g != Gender::Unknown => cands
                .iter()
                .copied()
                .filter(|&p| self.people[p].gender == g || self.people[p].gender == Gender::Unknown)
                .collect(),
            _ => cands.to_vec(),
        }
    }

    /// Decides whether capitalised run `[a, b)` names a person, and registers it.
    fn consider_run(&mut self, doc: &Doc, a: usize, mut b: usize) {
        let lx = lex();
        // The name starts after the last title / role / organisation word of the run.
        let mut k = a;
        let mut titled = false;
        let mut title_gender = Gender::Unknown;
        for j in a..b {
            let low = doc.toks[j].low;
            // "Rep. Elijah Cummings of Maryland": a name already begun ends at "of" (after
            // a title, "Secretary of Defense", or an organisation word, "Bank of", none has).
            if low == "of" && k < j {
                b = j;
                break;
            }
            // "Jan" / "May" before a surname are given names, not months.
            let given = j + 1 < b && lx.first_names.contains_key(low);
            // "Larry King": a title word ending the run after a given name is a surname.
            let surname = j + 1 == b && j > a && lx.first_names.contains_key(doc.toks[j - 1].low);
            if surname {
                continue;
            }
            if is_title(low)
                || is_roleish(low)
                || lx.org_words.contains(low)
                || (never_name(low) && !given)
            {
                k = j + 1;
                if let Some(t) = lx.titles.get(low) {
                    titled = true;
                    if t.gender != Gender::Unknown {
                        title_gender = t.gender;
                    }
                }
            }
            if low == "of" && titled {
                // "Secretary of Defense Pete Hegseth": the complement is not the name.
                k = j + 1;
            }
        }
        // "China’s ambassador to Britain Liu Xiaming": a role's place before the name.
        let role_place = a >= 2
            && k == a
            && matches!(doc.toks[a - 1].low, "to" | "in")
            && is_roleish(doc.toks[a - 2].low)
            && doc.toks[a - 2].sent == doc.toks[a].sent;
        if role_place {
            while k + 2 < b && lx.countries.contains(doc.toks[k].low) {
                k += 1;
                titled = true;
            }
        }
        // Only a place makes it so: "adviser to Barack Obama" names whom he advises.
        let role_place = role_place && k > a;
        if titled && k < b && k > a && doc.toks[k - 1].low == "of" {
            // Skip the title's complement: the name is the last two words, or from a
            // known first name on.
            let first = (k..b).find(|&j| lx.first_names.contains_key(doc.toks[j].low));
            k = first.unwrap_or_else(|| b.saturating_sub(2).max(k));
        }
        if k >= b {
            return;
        }
        let name: Vec<usize> = (k..b).collect();
        if name
            .iter()
            .any(|&j| lx.org_words.contains(doc.toks[j].low) || is_acronym(doc.word(j)))
        {
            return;
        }
        if name.len() > 4 {
            return;
        }
        let first_low = doc.toks[k].low;
        let first_gender = lx.first_names.get(first_low).copied();
        let person_like = titled && name.len() <= 3
            || (name.len() >= 2 && first_gender.is_some())
            || (name.len() >= 2
                && name.len() <= 3
                && !doc.in_title(k)
                && introduced_as_person(doc, b));
        if !person_like {
            return;
        }
        let words: Vec<String> = name.iter().map(|&j| doc.word(j).to_string()).collect();
        // Role: title words in the run plus role words just before it.
        let mut rs = k;
        while rs > a && doc.toks[rs - 1].low != "the" {
            rs -= 1;
        }
        let mut ls = if role_place { a - 2 } else { rs };
        while ls > 0 {
            let t = &doc.toks[ls - 1];
            if t.is_word() && t.sent == doc.toks[a].sent && (is_roleish(t.low)) {
                ls -= 1;
            } else {
                break;
            }
        }
        // A gendered noun before the run ("widow Terry Strada") says who can be "she".
        if title_gender == Gender::Unknown {
            title_gender = (ls..k)
                .filter_map(|j| lx.titles.get(doc.toks[j].low))
                .map(|t| t.gender)
                .find(|&g| g != Gender::Unknown)
                .unwrap_or(Gender::Unknown);
        }
        let (role, org, keys) = role_from(doc, ls, k);
        let gender = if title_gender != Gender::Unknown {
            title_gender
        } else {
            first_gender.unwrap_or(Gender::Unknown)
        };

        let (apos_role, apos_org, apos_keys) = appositive_role(doc, b);
        let pi = self.find_or_add(words, gender);
        let p = &mut self.people[pi];
        if p.gender == Gender::Unknown {
            p.gender = gender;
        }
        for key in keys.into_iter().chain(apos_keys) {
            if !p.role_keys.contains(&key) {
                p.role_keys.push(key);
            }
        }
        if p.role.is_none() {
            p.role = role.or(apos_role);
        }
        if p.org.is_none() {
            p.org = org.or(apos_org);
        }
        let ts = ls.min(k);
        self.mentions.push(NameMention {
            ts,
            name_ts: k,
            te: b,
            person: pi,
        });
    }

    fn find_or_add(&mut self, words: Vec<String>, gender: Gender) -> usize {
        let low: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let eq = |a: &String, b: &String| {
            a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase()
        };
        let last_low = low.get(surname_index(&low)).cloned().unwrap_or_default();
        let cands = self.by_last.get(&last_low).cloned().unwrap_or_default();
        // "Guajardo Villarreal" after "Ildefonso Guajardo Villarreal": the end of a name.
        let tail_of = |long: &[String], short: &[String]| {
            short.len() >= 2
                && long.len() > short.len()
                && long[long.len() - short.len()..]
                    .iter()
                    .zip(short)
                    .all(|(a, b)| eq(a, b))
        };
        for pi in cands {
            let p = &self.people[pi];
            let pl = &p.words;
            let last_eq = match (pl.get(surname_index(pl)), words.get(surname_index(&words))) {
                (Some(a), Some(b)) => eq(a, b),
                _ => false,
            };
            // "Mr. Obama" is not Michelle Obama, whichever is named first.
            let other_gender =
                gender != Gender::Unknown && p.gender != Gender::Unknown && p.gender != gender;
            if !last_eq || ((low.len() == 1 || pl.len() == 1) && other_gender) {
                continue;
            }
            if tail_of(pl, &words) {
                return pi;
            }
            if tail_of(&words, pl) {
                self.people[pi].words = words;
                self.index_first(pi);
                return pi;
            }
            let same = (pl.len() == low.len() && pl.iter().zip(&words).all(|(a, b)| eq(a, b)))
                || (pl.len() >= 2 && low.len() >= 2 && eq(&pl[0], &words[0]))
                || low.len() == 1;
            if same {
                if words.len() > p.words.len() && low.len() >= 2 {
                    self.people[pi].words = words;
                    self.index_first(pi);
                }
                return pi;
            }
            // A longer full name later ("Mark Rutte" after a title-only "Rutte").
            if pl.len() == 1 && low.len() >= 2 {
                self.people[pi].words = words;
                self.index_first(pi);
                return pi;
            }
        }
        if low.len() == 1 {
            if let Some(pi) = self.family_name_first(&low[0]) {
                return pi;
            }
        } else if let Some(pi) = self.named_by_family_name(&low) {
            // "Mr. Ban" met before "Ban Ki-moon": the full name is theirs.
            self.people[pi].words = words;
            self.index_first(pi);
            return pi;
        }
        self.by_last
            .entry(last_low)
            .or_default()
            .push(self.people.len());
        self.people.push(Person {
            words,
            gender,
            role: None,
            role_keys: Vec::new(),
            org: None,
        });
        self.index_first(self.people.len() - 1);
        self.people.len() - 1
    }

    /// Indexes person `pi` by a first word that is no known given name.
    fn index_first(&mut self, pi: usize) {
        let words = &self.people[pi].words;
        if words.len() < 2 {
            return;
        }
        let first = words[0].to_lowercase();
        if may_be_family_name(&first) {
            self.by_first.entry(first).or_default().push(pi);
        }
    }

    /// A person known only by the first of `words` (lower case), when that is no known
    /// given name: the family name that a longer name opens with. Not when a later word
    /// is an ordinary noun of the lexicons ("Obama Speech" in a headline).
    fn named_by_family_name(&self, words: &[String]) -> Option<usize> {
        let lx = lex();
        let first = words[0].as_str();
        let plain = |w: &String| {
            let w = w.as_str();
            lx.org_words.contains(w)
                || lx.events.contains(w)
                || lx.roles.contains(w)
                || lx.stops.contains(w)
        };
        if !may_be_family_name(first) || words[1..].iter().any(plain) {
            return None;
        }
        self.by_last
            .get(first)?
            .iter()
            .rev()
            .copied()
            .find(|&pi| self.people[pi].words.len() == 1)
    }

    /// The latest person whose name opens with `word` (lower case), a family name
    /// written first.
    fn family_name_first(&self, word: &str) -> Option<usize> {
        self.by_first.get(word)?.iter().rev().copied().find(|&pi| {
            let w = &self.people[pi].words;
            w.len() >= 2 && w[0].to_lowercase() == word
        })
    }

    /// The person mention covering token `i`, if any.
    pub fn mention_at(&self, i: usize) -> Option<&NameMention> {
        let m = *self.at.get(i)?;
        (m != u32::MAX).then(|| &self.mentions[m as usize])
    }

    /// Registers a name met only as a speaker ("Smith said"), so later surnames find it.
    /// "Traders said", "Delegates questioned …": a plural opening the sentence at `w` is
    /// capitalised by its place, not as a name — unless it is the surname of someone the
    /// text names in full ("Sanders said").
    pub fn plural_opening(&self, doc: &Doc, w: usize) -> bool {
        let low = doc.toks[w].low;
        w == doc.sents[doc.toks[w].sent].ts
            && low.ends_with('s')
            && !low.ends_with("ss")
            && !self.people.iter().any(|p| p.surname_low() == low)
    }

    pub fn add_speaker_name(&mut self, doc: &Doc, ts: usize, te: usize) -> usize {
        let words: Vec<String> = (ts..te).map(|j| doc.word(j).to_string()).collect();
        let g = lex()
            .first_names
            .get(doc.toks[ts].low)
            .copied()
            .unwrap_or(Gender::Unknown);
        self.find_or_add(words, g)
    }
}

/// Whether the first word of a name (lower case) may be a family name written first:
/// no known given name and no title.
fn may_be_family_name(first: &str) -> bool {
    !lex().first_names.contains_key(first) && !is_title(first)
}

/// In headlines every word is capitalised; function words still end a name.
fn namey(doc: &Doc, j: usize) -> bool {
    doc.is_cap(j) && (!doc.in_title(j) || !never_name(doc.toks[j].low))
}

/// The end of the run of capitalised words at `a`, through particles ("von der Leyen")
/// and "of" that lead to another capital.
fn name_run_end(doc: &Doc, a: usize) -> usize {
    let lx = lex();
    let n = doc.toks.len();
    let mut b = a + 1;
    while b < n && same_line(doc, b) {
        if namey(doc, b) {
            b += 1;
            continue;
        }
        let linking = doc.toks[b].is_word()
            && (lx.particles.contains(doc.toks[b].low) || doc.toks[b].low == "of");
        if !linking {
            break;
        }
        let mut c = b;
        while c < n
            && c < b + 3
            && doc.toks[c].is_word()
            && lx.particles.contains(doc.toks[c].low)
            && same_line(doc, c)
        {
            c += 1;
        }
        if c == b {
            c = b + 1; // "of"
        }
        if c < n && doc.is_cap(c) && same_line(doc, c) {
            b = c + 1;
        } else {
            break;
        }
    }
    b
}

/// Whether the capitalised word `w` before a reporting verb can be a person met only
/// there: alone (not the end of "Bank of America"), and no role, organisation, country,
/// anonymous noun, acronym or plural acronym ("MPs"), nor an opening adverb.
fn lone_name(doc: &Doc, w: usize) -> bool {
    let lx = lex();
    let low = doc.toks[w].low;
    let joined =
        w >= 2 && matches!(doc.toks[w - 1].low, "of" | "for" | "and" | "&") && doc.is_cap(w - 2);
    let lone =
        (w == 0 || !doc.is_cap(w - 1) || doc.toks[w - 1].sent != doc.toks[w].sent) && !joined;
    doc.is_cap(w)
        && lone
        && !never_name(low)
        && !is_roleish(low)
        && !lx.org_words.contains(low)
        && !lx.countries.contains(low)
        && !lx.anonymous.contains(low)
        && !is_acronym(doc.word(w))
        && !doc.word(w).strip_suffix('s').is_some_and(is_acronym)
        && doc.word(w).chars().count() > 2
        && !(low.ends_with("ly") && w == doc.sents[doc.toks[w].sent].ts)
}

/// The capitalised word right before surname `j` when it is a given name unknown to the
/// registry: not a title, role, party, organisation or country word, nor in a headline.
fn other_given_name(doc: &Doc, reg: &Registry, j: usize) -> Option<usize> {
    let lx = lex();
    let g = j.checked_sub(1)?;
    let low = doc.toks[g].low;
    let plain = doc.is_cap(g)
        && same_line(doc, j)
        && reg.at[g] == u32::MAX
        && !doc.in_title(j)
        && !never_name(low)
        && !is_title(low)
        && !is_roleish(low)
        && !lx.org_words.contains(low)
        && !lx.countries.contains(low)
        && !is_acronym(doc.word(g))
        && doc.word(g).chars().count() > 2;
    plain.then_some(g)
}

fn same_line(doc: &Doc, j: usize) -> bool {
    j > 0 && doc.toks[j].para == doc.toks[j - 1].para && doc.toks[j].sent == doc.toks[j - 1].sent
}

/// Role, organisation and role keys from the words `[s, e)` written before a name
/// ("NATO Secretary General", "US Secretary of Defense", "campaign manager").
pub fn role_from(doc: &Doc, s: usize, e: usize) -> (Option<String>, Option<String>, Vec<String>) {
    let lx = lex();
    let mut org = None;
    let mut start = s;
    // Leading acronyms / organisation names are the organisation; countries and
    // nationalities are dropped.
    while start < e {
        let w = doc.word(start);
        let low = doc.toks[start].low;
        if lx.determiners.contains(low) || low == "’s" || low == "'s" {
            start += 1;
            continue;
        }
        if !doc.toks[start].is_word() {
            start += 1;
            continue;
        }
        if is_title(low) || lx.roles.contains(low) || lx.role_modifiers.contains(low) {
            break;
        }
        if lx.countries.contains(low) || low.ends_with("an") || low.ends_with("ese") {
            start += 1;
            continue;
        }
        if doc.is_cap(start) {
            if org.is_none() && (is_acronym(w) || lx.org_words.contains(low)) {
                org = Some(w.to_string());
            }
            start += 1;
            continue;
        }
        break;
    }
    // Possessor inside the role ("Trump’s campaign manager") is not part of the role.
    let mut words: Vec<usize> = Vec::new();
    for j in start..e {
        let t = &doc.toks[j];
        if t.low == "’s" || t.low == "'s" {
            words.clear();
            continue;
        }
        if t.is_word() {
            words.push(j);
        }
    }
    // Personal honorifics are not roles.
    words.retain(|&j| {
        lx.titles.get(doc.toks[j].low).is_none_or(|t| {
            t.role.is_some() || doc.toks[j].low == "vice" || doc.toks[j].low == "prime"
        })
    });
    if words.is_empty() {
        return (None, org, Vec::new());
    }
    let text = words
        .iter()
        .map(|&j| doc.word(j))
        .collect::<Vec<_>>()
        .join(" ");
    let mut keys = vec![role_key(&text)];
    // "ambassador to Britain" is also "the ambassador".
    if let Some(p) = words
        .iter()
        .skip(1)
        .position(|&j| matches!(doc.toks[j].low, "to" | "in" | "at"))
    {
        let head: Vec<&str> = words[..=p].iter().map(|&j| doc.word(j)).collect();
        keys.push(role_key(&head.join(" ")));
    }
    for &j in &words {
        if let Some(r) = lx.titles.get(doc.toks[j].low).and_then(|t| t.role.clone()) {
            keys.push(r);
        }
    }
    // A lone abbreviated title reads better as its role noun ("Sen." → "senator").
    let display = if words.len() == 1 {
        lx.titles
            .get(doc.toks[words[0]].low)
            .and_then(|t| t.role.clone())
            .filter(|_| doc.word(words[0]).ends_with('.'))
            .unwrap_or_else(|| role_display(&text))
    } else {
        role_display(&text)
    };
    (Some(display), org, keys)
}

/// ", a researcher at …", ", an economist": an apposition that says a name is a person's,
/// for names whose given name the lexicon does not know ("Angie Hinrichs, a researcher").
/// Its head noun must be a role or a noun of a person's occupation ("-ist", "-ian"), so
/// that "Christian Aid, a charity" stays an organisation.
fn introduced_as_person(doc: &Doc, b: usize) -> bool {
    let n = doc.toks.len();
    if b + 2 >= n || !doc.toks[b].is_punct(',') || !matches!(doc.toks[b + 1].low, "a" | "an") {
        return false;
    }
    let sent = doc.toks[b].sent;
    let mut e = b + 2;
    while e < n
        && e < b + 8
        && doc.toks[e].sent == sent
        && doc.toks[e].is_word()
        && !doc.is_cap(e)
        && !matches!(
            doc.toks[e].low,
            "of" | "for" | "at" | "with" | "in" | "from" | "who" | "and"
        )
    {
        e += 1;
    }
    if e == b + 2 {
        return false;
    }
    is_person_noun(doc.toks[e - 1].low)
}

/// A noun for a person by what they do: a role ("minister"), a title with a role, an
/// occupation ("researcher", "-ist", "-ian").
pub(super) fn is_person_noun(low: &str) -> bool {
    let lx = lex();
    let occupation = low.ends_with("ist") || low.ends_with("ian");
    lx.roles.contains(low)
        || lx.titles.get(low).is_some_and(|t| t.role.is_some())
        || PERSON_NOUNS.contains(&low)
        || occupation
}

/// Occupations that are never a surname-like title, for `introduced_as_person` only
/// ("Farmer", "Nurse" are surnames too, so they stay out of the roles lexicon).
const PERSON_NOUNS: &[&str] = &[
    "researcher",
    "scientist",
    "physician",
    "student",
    "teacher",
    "doctor",
    "nurse",
    "farmer",
    "worker",
    "resident",
    "officer",
    "owner",
    "mother",
    "father",
    "veteran",
    "retiree",
    "engineer",
    "writer",
    "lecturer",
    "organiser",
    "organizer",
    "volunteer",
    "aide",
];

/// ", NATO's secretary general," after a name: role and organisation from the apposition.
fn appositive_role(doc: &Doc, b: usize) -> (Option<String>, Option<String>, Vec<String>) {
    let lx = lex();
    let n = doc.toks.len();
    if b >= n || !doc.toks[b].is_punct(',') {
        return (None, None, Vec::new());
    }
    let sent = doc.toks[b].sent;
    let mut e = b + 1;
    while e < n && e < b + 10 && doc.toks[e].sent == sent && doc.toks[e].is_word() {
        e += 1;
    }
    if e == b + 1 || e >= n {
        return (None, None, Vec::new());
    }
    let closes = doc.toks[e].is_punct(',') || doc.toks[e].is_punct('.');
    if !closes && !doc.toks[e].is_word() {
        return (None, None, Vec::new());
    }
    // Role words up to "of"/"for"/"at"; the complement is the organisation.
    let mut role_end = e;
    let mut org = None;
    for j in b + 1..e {
        let low = doc.toks[j].low;
        if matches!(low, "of" | "for" | "at" | "with") {
            role_end = j;
            let caps: Vec<&str> = (j + 1..e)
                .filter(|&x| doc.is_cap(x) || lx.particles.contains(doc.toks[x].low))
                .map(|x| doc.word(x))
                .collect();
            if !caps.is_empty() {
                org = Some(caps.join(" "));
            }
            break;
        }
    }
    let has_role = (b + 1..role_end).any(|j| {
        let low = doc.toks[j].low;
        lx.roles.contains(low) || is_title(low)
    }) || (b + 1 + 1 < role_end
        && lx.roles.contains(&role_key(&format!(
            "{} {}",
            doc.toks[role_end - 2].low,
            doc.toks[role_end - 1].low
        ))));
    if !has_role {
        return (None, None, Vec::new());
    }
    let (role, org2, keys) = role_from(doc, b + 1, role_end);
    // The possessor ("NATO's") names the organisation.
    let poss = (b + 1..role_end)
        .find(|&j| doc.toks[j].low == "’s" || doc.toks[j].low == "'s")
        .filter(|&j| j > b + 1)
        .map(|j| doc.word(j - 1).to_string());
    (role, org.or(org2).or(poss), keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(src: &str) -> Registry {
        let low = crate::extract::text::lower_aligned(src);
        let d = Doc::new(src, &low);
        Registry::build(&d)
    }

    #[test]
    fn title_and_name_split() {
        let r = reg("On Monday, US Secretary of Defense Pete Hegseth spoke.");
        assert_eq!(r.people.len(), 1);
        assert_eq!(r.people[0].full(), "Pete Hegseth");
        assert_eq!(r.people[0].role.as_deref(), Some("Secretary of Defense"));
    }

    #[test]
    fn org_and_role_before_name() {
        let r = reg("NATO Secretary-General Mark Rutte spoke. Later Rutte left.");
        let p = &r.people[0];
        assert_eq!(p.full(), "Mark Rutte");
        assert_eq!(p.role.as_deref(), Some("Secretary General"));
        assert_eq!(p.org.as_deref(), Some("NATO"));
        assert_eq!(r.mentions.len(), 2);
    }

    #[test]
    fn apposition_gives_role() {
        let r = reg("Jens Olsen, the alliance's secretary general, spoke.");
        assert_eq!(r.people[0].role.as_deref(), Some("secretary general"));
    }

    #[test]
    fn particles_stay_in_names() {
        let r = reg("Commission President Ursula von der Leyen spoke.");
        assert_eq!(r.people[0].full(), "Ursula von der Leyen");
    }
}
