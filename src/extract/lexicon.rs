//! What the extractor knows of English, kept in plain word lists under `lexicon/` so the
//! rules in code stay general and the vocabulary can grow without touching them.
//! Parsed once per process.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small multiplicative hasher: lexicon keys are short trusted words, and SipHash was
/// a fifth of the run time.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<Fx>;
pub type Set = HashSet<String, FxBuild>;
pub type Map<V> = HashMap<String, V, FxBuild>;

/// How a reporting verb takes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// Speech verbs: a clause or a quote follows, and "said X" inversion is allowed.
    Say,
    /// "told" and friends: an addressee comes before the content.
    Tell,
    /// Belief verbs: a clause follows, no inversion, never introduces a direct quote alone.
    Think,
    /// Verbs whose object is the content ("accused X of ...", "called for ...").
    Obj,
    /// Intentions ("wants to ...", "declined to ..."): content may start with "to".
    Aim,
}

/// Grammatical gender known for a name, title or pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

/// A title written before a name ("Sen.", "President").
#[derive(Debug, Clone)]
pub struct Title {
    /// Role noun it implies, lower-case ("senator"), if any.
    pub role: Option<String>,
    pub gender: Gender,
}

/// Bit flags of what a word is in the lexicon, so hot paths need one lookup.
pub mod flag {
    pub const STOP: u32 = 1;
    pub const DET: u32 = 1 << 1;
    pub const MONTH: u32 = 1 << 2;
    pub const WEEKDAY: u32 = 1 << 3;
    pub const PRONOUN: u32 = 1 << 4;
    pub const ADVERB: u32 = 1 << 5;
    pub const CUE: u32 = 1 << 6;
    pub const TITLE: u32 = 1 << 7;
    pub const ROLE: u32 = 1 << 8;
    pub const ROLE_MOD: u32 = 1 << 9;
    pub const ORG: u32 = 1 << 10;
    pub const ANON: u32 = 1 << 11;
    pub const COUNTRY: u32 = 1 << 12;
    /// First word of a cue (single or phrasal).
    pub const CUE_FIRST: u32 = 1 << 13;
    /// "today", "yesterday".
    pub const REL_DAY: u32 = 1 << 14;
}

pub struct Lexicon {
    /// Every lexicon word with its [`flag`]s.
    pub flags: Map<u32>,
    /// Single-word cue forms (lower-case) → class.
    pub cues: Map<CueClass>,
    /// Multi-word cue forms as word sequences (lower-case) → class; first word indexes them.
    pub phrasal: Map<Vec<(Vec<String>, CueClass)>>,
    /// First words of any cue, single or phrasal: one lookup rejects most tokens.
    pub cue_first: Set,
    pub titles: Map<Title>,
    pub roles: Set,
    pub anonymous: Set,
    pub org_words: Set,
    /// Documents whose issuer speaks through them ("the statement said").
    pub documents: Set,
    /// Occasions of speech whose day dates the statements that follow ("the testimony Tuesday").
    pub events: Set,
    /// Reporting verb forms that with a bare noun-phrase object report an act, not words.
    pub bare_object: Set,
    /// Reporting verb forms whose act is not the one their class implies.
    pub acts: Map<super::model::Act>,
    pub particles: Set,
    pub abbreviations: Set,
    pub pronouns: Map<char>,
    pub months: Map<u32>,
    pub weekdays: Map<u32>,
    pub relative_days: Map<i64>,
    pub boilerplate: Vec<String>,
    pub adverbs: Set,
    pub stops: Set,
    pub first_names: Map<Gender>,
    pub role_modifiers: Set,
    pub determiners: Set,
    pub countries: Set,
    pub not_speakers: Set,
}

/// Lines of a lexicon file without comments and blanks.
fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn split_bar(line: &str) -> (&str, &str) {
    match line.split_once('|') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (line.trim(), ""),
    }
}

fn word_set(src: &'static str) -> Set {
    lines(src).map(|l| l.to_lowercase()).collect()
}

/// "act: form form …" lines.
fn acts(src: &'static str) -> Map<super::model::Act> {
    use super::model::Act;
    let mut out = Map::default();
    for line in lines(src) {
        let Some((act, forms)) = line.split_once(':') else {
            continue;
        };
        let act = match act.trim() {
            "writing" => Act::Writing,
            "belief" => Act::Belief,
            "stance" => Act::Stance,
            "intention" => Act::Intention,
            _ => Act::Speech,
        };
        for f in forms.split_whitespace() {
            out.insert(f.to_lowercase(), act);
        }
    }
    out
}

fn gender_of(s: &str) -> Gender {
    match s {
        "m" => Gender::Male,
        "f" => Gender::Female,
        _ => Gender::Unknown,
    }
}

fn build() -> Lexicon {
    let mut cues = Map::default();
    let mut phrasal: Map<Vec<(Vec<String>, CueClass)>> = Map::default();
    for line in lines(include_str!("lexicon/cues.txt")) {
        let (forms, class) = split_bar(line);
        let class = match class {
            "tell" => CueClass::Tell,
            "think" => CueClass::Think,
            "obj" => CueClass::Obj,
            "aim" => CueClass::Aim,
            _ => CueClass::Say,
        };
        for form in forms.split_whitespace() {
            let form = form.to_lowercase();
            if form.contains('_') {
                let words: Vec<String> = form.split('_').map(str::to_string).collect();
                phrasal
                    .entry(words[0].clone())
                    .or_default()
                    .push((words, class));
            } else {
                cues.entry(form).or_insert(class);
            }
        }
    }
    // Longest phrase first, so "went on to say" wins over a shorter prefix.
    for v in phrasal.values_mut() {
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }
    let mut titles = Map::default();
    for line in lines(include_str!("lexicon/titles.txt")) {
        let mut parts = line.split('|').map(str::trim);
        let form = parts.next().unwrap_or("").to_lowercase();
        let role = parts.next().unwrap_or("-");
        let gender = gender_of(parts.next().unwrap_or("-"));
        let role = (role != "-" && !role.is_empty()).then(|| role.to_string());
        titles.insert(form, Title { role, gender });
    }
    let mut pronouns = Map::default();
    for line in lines(include_str!("lexicon/pronouns.txt")) {
        let (w, g) = split_bar(line);
        pronouns.insert(w.to_lowercase(), g.chars().next().unwrap_or('s'));
    }
    let mut months = Map::default();
    let mut weekdays = Map::default();
    let mut relative_days = Map::default();
    for line in lines(include_str!("lexicon/dates.txt")) {
        let (w, v) = split_bar(line);
        let w = w.to_lowercase();
        if let Some(n) = v.strip_prefix('w') {
            weekdays.insert(w, n.parse().unwrap_or(0));
        } else if let Some(n) = v.strip_prefix('d') {
            relative_days.insert(w, n.parse().unwrap_or(0));
        } else if let Ok(n) = v.parse() {
            months.insert(w, n);
        }
    }
    let mut first_names = Map::default();
    for line in lines(include_str!("lexicon/first_names.txt")) {
        let (g, names) = match line.split_once(':') {
            Some(x) => x,
            None => continue,
        };
        let g = gender_of(g.trim());
        for n in names.split_whitespace() {
            first_names.entry(n.to_string()).or_insert(g);
        }
    }
    let cue_first: Set = cues.keys().chain(phrasal.keys()).cloned().collect();
    let mut lx = Lexicon {
        flags: Map::default(),
        cues,
        phrasal,
        cue_first,
        titles,
        roles: word_set(include_str!("lexicon/roles.txt")),
        anonymous: word_set(include_str!("lexicon/anonymous.txt")),
        org_words: word_set(include_str!("lexicon/orgs.txt")),
        documents: word_set(include_str!("lexicon/documents.txt")),
        events: word_set(include_str!("lexicon/events.txt")),
        bare_object: lines(include_str!("lexicon/bare_object.txt"))
            .flat_map(str::split_whitespace)
            .map(str::to_lowercase)
            .collect(),
        acts: acts(include_str!("lexicon/acts.txt")),
        particles: word_set(include_str!("lexicon/particles.txt")),
        abbreviations: word_set(include_str!("lexicon/abbreviations.txt")),
        pronouns,
        months,
        weekdays,
        relative_days,
        boilerplate: lines(include_str!("lexicon/boilerplate.txt"))
            .map(|l| l.to_lowercase())
            .collect(),
        adverbs: word_set(include_str!("lexicon/adverbs.txt")),
        stops: word_set(include_str!("lexicon/stops.txt")),
        first_names,
        role_modifiers: word_set(include_str!("lexicon/role_modifiers.txt")),
        determiners: word_set(include_str!("lexicon/determiners.txt")),
        countries: word_set(include_str!("lexicon/countries.txt")),
        not_speakers: word_set(include_str!("lexicon/not_speakers.txt")),
    };
    let mut flags: Map<u32> = Map::default();
    let mut mark = |words: &mut dyn Iterator<Item = &String>, f: u32| {
        for w in words {
            *flags.entry(w.clone()).or_insert(0) |= f;
        }
    };
    mark(&mut lx.stops.iter(), flag::STOP);
    mark(&mut lx.determiners.iter(), flag::DET);
    mark(&mut lx.months.keys(), flag::MONTH);
    mark(&mut lx.weekdays.keys(), flag::WEEKDAY);
    mark(&mut lx.pronouns.keys(), flag::PRONOUN);
    mark(&mut lx.adverbs.iter(), flag::ADVERB);
    mark(&mut lx.cues.keys(), flag::CUE);
    mark(&mut lx.titles.keys(), flag::TITLE);
    mark(&mut lx.roles.iter(), flag::ROLE);
    mark(&mut lx.role_modifiers.iter(), flag::ROLE_MOD);
    mark(&mut lx.org_words.iter(), flag::ORG);
    mark(&mut lx.anonymous.iter(), flag::ANON);
    mark(&mut lx.countries.iter(), flag::COUNTRY);
    mark(&mut lx.cue_first.iter(), flag::CUE_FIRST);
    mark(&mut lx.relative_days.keys(), flag::REL_DAY);
    lx.flags = flags;
    lx
}

impl Lexicon {
    /// The [`flag`]s of a lower-case word (0 when unknown).
    pub fn flags_of(&self, low: &str) -> u32 {
        self.flags.get(low).copied().unwrap_or(0)
    }

    /// [`Lexicon::flags_of`] for a word as written in a text: one the lexicon does not know
    /// that is hyphenated is a role when its last part is one ("co-founder", "ex-minister").
    pub fn word_flags(&self, low: &str) -> u32 {
        match self.flags_of(low) {
            // A byte test first: most words have no dash ('–' starts with 0xE2).
            0 if low.bytes().any(|b| b == b'-' || b == 0xE2) => low
                .rsplit_once(['-', '–'])
                .map_or(0, |(_, last)| self.flags_of(last) & flag::ROLE),
            f => f,
        }
    }
}

/// The process-wide lexicon, parsed on first use.
pub fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses() {
        let l = lex();
        assert_eq!(l.cues.get("said"), Some(&CueClass::Say));
        assert_eq!(l.cues.get("told"), Some(&CueClass::Tell));
        assert!(l.phrasal.contains_key("pointed"));
        assert_eq!(
            l.titles.get("sen.").and_then(|t| t.role.clone()).as_deref(),
            Some("senator")
        );
        assert_eq!(l.months.get("february"), Some(&2));
        assert_eq!(l.weekdays.get("wednesday"), Some(&2));
        assert_eq!(l.first_names.get("mark"), Some(&Gender::Male));
        assert!(l.particles.contains("van"));
    }
}
