//! The extractor's output types. They are the contract between the pure extraction
//! code and everything around it (the CLI's JSON lines, the database, the HTTP API),
//! so they serialise to exactly the shape `whosaid extract` prints.

use chrono::NaiveDate;
use serde::Serialize;

/// A half-open range of Unicode scalar offsets into the article text
/// (what Python's `text[start:end]` gives), with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// How the words reached the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// Verbatim, inside quotation marks.
    Direct,
    /// Reported speech without quotation marks ("X said that ...").
    Indirect,
    /// Reported speech that carries quoted fragments ("declared ... \"unrealistic\"").
    Mixed,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::Mixed => "mixed",
        }
    }
}

/// What the speaker did: said it aloud, wrote it, believes it, takes it as a position,
/// or means to do it. "What did X say" is speech and writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Act {
    Speech,
    Writing,
    Belief,
    Stance,
    Intention,
}

impl Act {
    pub const ALL: [Act; 5] = [
        Act::Speech,
        Act::Writing,
        Act::Belief,
        Act::Stance,
        Act::Intention,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Act::Speech => "speech",
            Act::Writing => "writing",
            Act::Belief => "belief",
            Act::Stance => "stance",
            Act::Intention => "intention",
        }
    }
}

/// What sort of thing the speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    /// Unnamed sources ("officials said", "a source close to ..."): never glued to a person.
    Anonymous,
}

impl SpeakerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Anonymous => "anonymous",
        }
    }
}

/// Where `said_on` came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// A calendar date in the sentence ("on 12 February").
    Explicit,
    /// A relative expression resolved against publication ("yesterday", "on Wednesday").
    Relative,
    /// Nothing in the sentence: the publication date.
    Publication,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Explicit => "explicit",
            DateBasis::Relative => "relative",
            DateBasis::Publication => "publication",
        }
    }
}

/// Who said it: the resolved speaker plus the local mention that names it here.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// Canonical name: the fullest name of the person or organisation in the article,
    /// or a short description for anonymous sources ("officials").
    pub name: String,
    pub kind: SpeakerKind,
    /// Role as written without the name ("Secretary General", "senator").
    pub role: Option<String>,
    /// The organisation the speaker speaks for, when the article says.
    pub organization: Option<String>,
    /// The words at this statement that refer to the speaker ("he", "Rutte").
    pub mention: Option<Span>,
    /// Index into [`Extraction::entities`]; `None` for anonymous sources.
    #[serde(skip)]
    pub entity: Option<usize>,
}

/// One statement: who said what, how, and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub kind: StatementKind,
    /// Speech, writing, belief, stance or intention.
    pub act: Act,
    /// The content as one string: the content spans' text joined by a space.
    pub quote: String,
    /// The content, possibly in several pieces (a quote interrupted by "he said").
    pub content_spans: Vec<Span>,
    /// `None` when the text names no source ("it was announced that ...").
    pub speaker: Option<Speaker>,
    /// The reporting verb or phrase ("said", "according to", "told reporters").
    pub cue: Option<Span>,
    pub said_on: NaiveDate,
    pub date_basis: DateBasis,
    /// The sentence(s) the statement stands in.
    pub sentence: Span,
    /// 0..=1, how sure the extractor is.
    pub confidence: f32,
}

/// A person or organisation the article talks about, with every way it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub name: String,
    pub kind: SpeakerKind,
    pub role: Option<String>,
    pub organization: Option<String>,
    /// Names as written in the article ("Mark Rutte", "Rutte",
    /// "NATO Secretary General Mark Rutte"); pronouns are not aliases.
    pub aliases: Vec<String>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub statements: Vec<Statement>,
    pub entities: Vec<Entity>,
    /// Organisation names written both ways in the text, as (long form, short form):
    /// ("North Atlantic Treaty Organization", "NATO").
    pub acronyms: Vec<(String, String)>,
    /// More statements were found than [`statement_bound`](super::statement_bound)
    /// allows for a text this long; only the first ones (in text order) are kept.
    pub truncated: bool,
}

/// The article as the extractor sees it. Pure data: no I/O happens in extraction.
#[derive(Debug, Clone, Copy)]
pub struct ArticleInput<'a> {
    pub text: &'a str,
    /// Relative dates ("yesterday", "on 12 February") resolve against this.
    pub published_on: NaiveDate,
}
