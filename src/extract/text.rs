//! The article as tokens, paragraphs and sentences, all in byte offsets, plus the one
//! place where byte offsets become the char offsets of the contract. Everything here is a
//! single left-to-right pass so cost stays linear in the text length.

use super::lexicon::lex;
use super::model::Span;

/// What a quotation mark can do; decided from the glyph, the rest from context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMark {
    /// “ « „ ``
    Open,
    /// ” »
    Close,
    /// " or '' — open or close, by position.
    Ambig,
    /// ‘ or a word-initial '
    SingleOpen,
    /// ’ or ' after a word (not an apostrophe inside one)
    SingleClose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct(char),
    Quote(QuoteMark),
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// Lower-cased text for words, empty otherwise (borrowed from the aligned
    /// lower-case copy, so no allocation per token).
    pub low: &'a str,
    pub para: usize,
    pub sent: usize,
    /// A word starting with an upper-case letter.
    pub cap: bool,
    /// The word's lexicon flags (see `lexicon::flag`), looked up once here.
    pub flags: u32,
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word)
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Quote(_))
    }
    pub fn is_double_quote(&self) -> bool {
        matches!(
            self.kind,
            Kind::Quote(QuoteMark::Open | QuoteMark::Close | QuoteMark::Ambig)
        )
    }
}

/// Longest sentence in tokens; real ones are far shorter, and the cap keeps the cost of
/// sentence-level searches linear on text without full stops.
const MAX_SENTENCE_TOKENS: usize = 250;

/// A range of tokens `[ts, te)`.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub ts: usize,
    pub te: usize,
}

pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok<'a>>,
    pub paras: Vec<Range>,
    pub sents: Vec<Range>,
    /// Per paragraph: written in title case (a headline), where verbs are capitalised.
    pub title_case: Vec<bool>,
    /// The aligned lower-case copy of `text` (same byte offsets).
    pub lowtext: &'a str,
}

impl<'a> Doc<'a> {
    /// `low` must be [`lower_aligned`] of `text`.
    pub fn new(text: &'a str, low: &'a str) -> Doc<'a> {
        let low = if low.len() == text.len() { low } else { text };
        let toks = tokenize(text, low);
        let mut doc = Doc {
            text,
            toks,
            paras: Vec::new(),
            sents: Vec::new(),
            title_case: Vec::new(),
            lowtext: low,
        };
        doc.segment();
        doc.title_case = doc
            .paras
            .iter()
            .map(|p| {
                let words = (p.ts..p.te).filter(|&i| doc.toks[i].is_word()).count();
                let caps = (p.ts..p.te).filter(|&i| doc.toks[i].cap).count();
                // Headline style capitalises even function words after the first.
                let small_capped = (p.ts + 1..p.te).any(|i| {
                    doc.toks[i].cap
                        && matches!(
                            doc.toks[i].low,
                            "to" | "the"
                                | "of"
                                | "in"
                                | "for"
                                | "on"
                                | "with"
                                | "is"
                                | "are"
                                | "and"
                                | "a"
                                | "an"
                                | "at"
                                | "from"
                                | "by"
                                | "he"
                                | "she"
                                | "it"
                                | "they"
                                | "will"
                                | "be"
                                | "not"
                                | "that"
                        )
                });
                (4..=30).contains(&words) && caps * 10 >= words * 7 && small_capped
            })
            .collect();
        doc
    }

    pub fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].s..self.toks[i].e]
    }

    /// Is token `i` a word starting with an upper-case letter?
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks[i].cap
    }

    /// Where the words begin after a dateline opening the paragraph at token `a`:
    /// "WASHINGTON (AP) —", "(Reuters) —", "Washington (AFP) –", "DUBAI, United Arab
    /// Emirates —". A dateline is a place in capitals or a wire credit in parentheses,
    /// then only capitalised words, commas, points and parentheses up to a spaced dash.
    pub fn dateline_end(&self, a: usize) -> Option<usize> {
        let t = &self.toks;
        if self.paras.get(t.get(a)?.para)?.ts != a {
            return None;
        }
        let upper = |k: usize| {
            let w = self.word(k);
            t[k].is_word()
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        };
        let dash = (a + 1..(a + 10).min(t.len())).find(|&k| {
            !(t[k].cap
                || t[k].kind == Kind::Num
                || matches!(t[k].kind, Kind::Punct(',' | '.' | '(' | ')')))
        })?;
        let spaced =
            t[dash].s > t[dash - 1].e || matches!(t[dash].kind, Kind::Punct('—' | '–' | '―'));
        if !matches!(t[dash].kind, Kind::Punct('—' | '–' | '-' | '―')) || !spaced {
            return None;
        }
        let credit = dash >= a + 3
            && t[dash - 1].is_punct(')')
            && t[dash - 3].is_punct('(')
            && t[dash - 2].cap;
        (upper(a) || credit).then_some(dash + 1)
    }

    /// Is token `i` in a title-case paragraph (a headline)?
    pub fn in_title(&self, i: usize) -> bool {
        self.title_case
            .get(self.toks[i].para)
            .copied()
            .unwrap_or(false)
    }

    /// Splits lines into paragraphs and paragraphs into sentences.
    fn segment(&mut self) {
        let n = self.toks.len();
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < n {
            // A paragraph runs until a token that starts after a newline.
            let ps = i;
            let mut j = i + 1;
            while j < n && !bytes[self.toks[j - 1].e..self.toks[j].s].contains(&b'\n') {
                j += 1;
            }
            let para = self.paras.len();
            self.paras.push(Range { ts: ps, te: j });
            let mut ss = ps;
            let mut k = ps;
            while k < j {
                let ends = matches!(self.toks[k].kind, Kind::Punct('.' | '!' | '?' | '…'));
                let mut m = k + 1;
                if ends {
                    while m < j
                        && matches!(
                            self.toks[m].kind,
                            Kind::Quote(
                                QuoteMark::Close | QuoteMark::Ambig | QuoteMark::SingleClose
                            ) | Kind::Punct(')' | ']' | '.' | '!' | '?')
                        )
                        && self.toks[m].s == self.toks[m - 1].e
                    {
                        m += 1;
                    }
                    let boundary = m >= j || self.starts_sentence(m);
                    if boundary {
                        self.push_sent(ss, m, para);
                        ss = m;
                        k = m;
                        continue;
                    }
                }
                k += 1;
                // Unpunctuated runs are cut so every per-sentence scan stays bounded.
                if k - ss >= MAX_SENTENCE_TOKENS && k < j {
                    self.push_sent(ss, k, para);
                    ss = k;
                }
            }
            if ss < j {
                self.push_sent(ss, j, para);
            }
            i = j;
        }
    }

    fn starts_sentence(&self, m: usize) -> bool {
        let t = &self.toks[m];
        if t.s == self.toks[m - 1].e {
            return false; // no space: "3.5", "U.S.-led"
        }
        match t.kind {
            Kind::Word => self.is_cap(m),
            Kind::Num => true,
            Kind::Quote(QuoteMark::Open | QuoteMark::Ambig | QuoteMark::SingleOpen) => true,
            Kind::Punct('(' | '[' | '—' | '-') => true,
            _ => false,
        }
    }

    fn push_sent(&mut self, ts: usize, te: usize, para: usize) {
        let sent = self.sents.len();
        for t in &mut self.toks[ts..te] {
            t.para = para;
            t.sent = sent;
        }
        self.sents.push(Range { ts, te });
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn tokenize<'a>(text: &'a str, lowtext: &'a str) -> Vec<Tok<'a>> {
    let lx = lex();
    let mut toks = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut it = text.char_indices().peekable();
    let next_char = |pos: usize| text[pos..].chars().next();
    while let Some((s, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let push = |toks: &mut Vec<Tok<'a>>, e: usize, kind: Kind| {
            let low = if kind == Kind::Word {
                lowtext.get(s..e).unwrap_or("")
            } else {
                ""
            };
            let cap = kind == Kind::Word && c.is_uppercase();
            let flags = if kind == Kind::Word {
                lx.word_flags(low)
            } else {
                0
            };
            toks.push(Tok {
                s,
                e,
                kind,
                low,
                para: 0,
                sent: 0,
                cap,
                flags,
            });
        };
        if is_word_char(c) {
            let numeric = c.is_ascii_digit();
            let mut e = s + c.len_utf8();
            while let Some(&(p, d)) = it.peek() {
                if is_word_char(d) {
                    e = p + d.len_utf8();
                    it.next();
                    continue;
                }
                let after = next_char(p + d.len_utf8());
                let join = match d {
                    '-' | '–' => after.is_some_and(is_word_char),
                    '\'' | '’' => {
                        // "’s" at the end of a word is a possessive token of its own.
                        let poss = matches!(after, Some('s' | 'S'))
                            && !next_char(p + d.len_utf8() + 1).is_some_and(is_word_char);
                        !poss && after.is_some_and(char::is_alphabetic) && !numeric
                    }
                    '.' | ',' if numeric => after.is_some_and(|x| x.is_ascii_digit()),
                    _ => false,
                };
                if join {
                    it.next();
                    continue;
                }
                break;
            }
            // Abbreviations and initials keep their full stop.
            if !numeric && e < b.len() && b[e] == b'.' {
                let w = &text[s..e];
                let single = w.chars().count() == 1 && c.is_uppercase();
                if single || lx.abbreviations.contains(lowtext.get(s..e).unwrap_or(w)) {
                    it.next();
                    e += 1;
                    // "U.S." / "D.C.": letter-dot pairs.
                    if single {
                        while e + 1 < b.len() && b[e].is_ascii_alphabetic() && b[e + 1] == b'.' {
                            it.next();
                            it.next();
                            e += 2;
                        }
                    }
                }
            }
            push(&mut toks, e, if numeric { Kind::Num } else { Kind::Word });
            continue;
        }
        let e = s + c.len_utf8();
        let prev_word = toks
            .last()
            .is_some_and(|t: &Tok| t.e == s && matches!(t.kind, Kind::Word | Kind::Num));
        let kind = match c {
            '“' | '«' | '„' => Kind::Quote(QuoteMark::Open),
            '”' | '»' => Kind::Quote(QuoteMark::Close),
            '"' => Kind::Quote(QuoteMark::Ambig),
            '‘' => Kind::Quote(QuoteMark::SingleOpen),
            '`' if next_char(e) == Some('`') => {
                it.next();
                push(&mut toks, e + 1, Kind::Quote(QuoteMark::Open));
                continue;
            }
            '\'' if next_char(e) == Some('\'') => {
                it.next();
                push(&mut toks, e + 1, Kind::Quote(QuoteMark::Ambig));
                continue;
            }
            '\'' | '’' => {
                let after = next_char(e);
                if matches!(after, Some('s' | 'S'))
                    && prev_word
                    && !next_char(e + 1).is_some_and(is_word_char)
                {
                    it.next();
                    push(&mut toks, e + 1, Kind::Word);
                    continue;
                }
                if prev_word {
                    Kind::Quote(QuoteMark::SingleClose)
                } else {
                    Kind::Quote(QuoteMark::SingleOpen)
                }
            }
            _ => Kind::Punct(c),
        };
        push(&mut toks, e, kind);
    }
    toks
}

/// A lower-case copy of `text` with the same byte offsets: a char whose lower case has
/// another UTF-8 length is kept as it is. Tokens borrow their lower-case form from it.
pub fn lower_aligned(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) if x.len_utf8() == c.len_utf8() => out.push(x),
            _ => out.push(c),
        }
    }
    out
}

/// Byte → char offset conversion with a checkpoint every 64 bytes: O(1) memory per 64
/// bytes and O(64) per lookup, instead of `chars().nth()` scans.
pub struct CharMap<'a> {
    text: &'a str,
    marks: Vec<u32>,
}

const BLOCK: usize = 64;

impl<'a> CharMap<'a> {
    pub fn new(text: &'a str) -> CharMap<'a> {
        let b = text.as_bytes();
        let mut marks = Vec::with_capacity(b.len() / BLOCK + 2);
        let mut count = 0u32;
        for (i, &x) in b.iter().enumerate() {
            if i % BLOCK == 0 {
                marks.push(count);
            }
            if x & 0xC0 != 0x80 {
                count += 1;
            }
        }
        marks.push(count);
        CharMap { text, marks }
    }

    /// Char offset of a byte offset that lies on a char boundary.
    pub fn char_of(&self, byte: usize) -> usize {
        let b = self.text.as_bytes();
        let byte = byte.min(b.len());
        let block = byte / BLOCK;
        let base = self.marks.get(block).copied().unwrap_or(0) as usize;
        base + b[block * BLOCK..byte]
            .iter()
            .filter(|&&x| x & 0xC0 != 0x80)
            .count()
    }

    /// A contract span for bytes `[s, e)`.
    pub fn span(&self, s: usize, e: usize) -> Span {
        let floor = |mut x: usize| {
            x = x.min(self.text.len());
            while !self.text.is_char_boundary(x) {
                x -= 1;
            }
            x
        };
        let e = floor(e);
        let s = floor(s.min(e));
        Span {
            start: self.char_of(s),
            end: self.char_of(e),
            text: self.text.get(s..e).unwrap_or("").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_abbreviations_and_possessives() {
        let src = "Sen. Bernie Sanders’s aide said the U.S. won’t go. He left.";
        let low = lower_aligned(src);
        let d = Doc::new(src, &low);
        let words: Vec<&str> = (0..d.toks.len()).map(|i| d.word(i)).collect();
        assert_eq!(words[0], "Sen.");
        assert!(words.contains(&"’s"));
        assert!(words.contains(&"U.S."));
        assert!(words.contains(&"won’t"));
        assert_eq!(d.sents.len(), 2);
    }

    #[test]
    fn paragraphs_split_on_lines() {
        let low = lower_aligned("One. Two.\n\nThree.");
        let d = Doc::new("One. Two.\n\nThree.", &low);
        assert_eq!(d.paras.len(), 2);
        assert_eq!(d.sents.len(), 3);
    }

    #[test]
    fn char_map_matches_chars() {
        let text = "Zoë said “ça va” — naïve ".repeat(20);
        let m = CharMap::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(m.char_of(bi), ci);
        }
        let sp = m.span(11, 31);
        assert!(!sp.text.is_empty());
        let expect: String = text
            .chars()
            .skip(sp.start)
            .take(sp.end - sp.start)
            .collect();
        assert_eq!(sp.text, expect);
    }
}
