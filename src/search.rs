//! From what a user asks for — names as typed, a topic, dates, kinds — to a database
//! filter, with what each name was understood as and what else it could have meant.
//! Shared by the statement, quote, stats and ask routes (and the web page), so that a
//! name means the same everywhere.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

use crate::db::names;
use crate::db::organizations::{self, OrganizationSummary};
use crate::db::people::{self, PersonSummary};
use crate::db::statements::{Filter, Topic};
use crate::db::EntityRef;

/// What was asked for, names as typed.
#[derive(Debug, Default, Clone)]
pub struct Wanted {
    /// Speakers that may be people or organisations (from a question), any of them.
    pub speakers: Vec<String>,
    pub people: Vec<String>,
    pub person_ids: Vec<i64>,
    pub organizations: Vec<String>,
    pub organization_ids: Vec<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Topic words in web-search syntax, as typed.
    pub q: Option<String>,
    pub kinds: Vec<String>,
    pub acts: Vec<String>,
    pub source: Option<String>,
    pub article_id: Option<i64>,
}

/// Something a name could have meant.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct Suggestion {
    /// The name as typed.
    pub typed: String,
    /// `person` or `organization`.
    pub kind: &'static str,
    pub id: i64,
    pub name: String,
    pub statement_count: i64,
    /// For display: "Mark Rutte (9 statements)".
    pub label: String,
}

/// A request made ready to run.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub filter: Filter,
    /// Who the names were understood as.
    pub people: Vec<PersonSummary>,
    pub organizations: Vec<OrganizationSummary>,
    /// Other readings, or near misses for names that matched nobody.
    pub suggestions: Vec<Suggestion>,
}

/// Near misses offered per unknown name.
const SUGGESTIONS: i64 = 5;
/// A near miss taken as meant (with `forgiving`) when it is at least this close...
const FORGIVE_SCORE: f32 = 0.6;
/// ... and this much closer than the next one.
const FORGIVE_MARGIN: f32 = 0.1;

/// Resolves names to ids. Every typed name narrows the result: one that matches nobody
/// leaves it empty (never silently ignored) and offers near misses instead — unless
/// `forgiving`, when a clear near miss ("Rute" → Mark Rutte) is taken as meant, and still
/// shown among the suggestions so the user sees the guess.
pub async fn resolve(
    pool: &PgPool,
    wanted: &Wanted,
    forgiving: bool,
) -> Result<Resolved, sqlx::Error> {
    resolve_known(pool, wanted, forgiving, HashMap::new()).await
}

/// Speakers (`Kind::Either`) already recognised with `forgiving`, by name as typed, so
/// that a question's names are looked up once, not again when the filter is built.
type Known = HashMap<String, Recognised>;

/// [`resolve`], taking each speaker in `known` as already recognised.
async fn resolve_known(
    pool: &PgPool,
    wanted: &Wanted,
    forgiving: bool,
    mut known: Known,
) -> Result<Resolved, sqlx::Error> {
    let mut resolved = Resolved::default();
    let mut person_ids = wanted.person_ids.clone();
    let mut organization_ids = wanted.organization_ids.clone();
    let typed = wanted
        .people
        .iter()
        .map(|n| (n, Kind::Person))
        .chain(wanted.organizations.iter().map(|n| (n, Kind::Organization)))
        .chain(wanted.speakers.iter().map(|n| (n, Kind::Either)));
    for (name, kind) in typed {
        let found = match known.remove(name).filter(|_| kind == Kind::Either) {
            Some(found) => found,
            None => recognise(pool, name, kind, forgiving).await?,
        };
        person_ids.extend(found.people.iter().map(|p| p.id));
        organization_ids.extend(found.organizations.iter().map(|o| o.id));
        resolved.people.extend(found.people);
        resolved.organizations.extend(found.organizations);
        resolved.suggestions.extend(found.suggestions);
    }
    let speakers = !wanted.speakers.is_empty();
    let asked_people = speakers || !wanted.people.is_empty() || !wanted.person_ids.is_empty();
    let asked_orgs =
        speakers || !wanted.organizations.is_empty() || !wanted.organization_ids.is_empty();
    resolved.filter = Filter {
        article_id: wanted.article_id,
        person_ids: asked_people.then_some(person_ids),
        organization_ids: asked_orgs.then_some(organization_ids),
        speakers_any: speakers,
        from: wanted.from,
        to: wanted.to,
        topic: wanted.q.as_deref().and_then(topic),
        kinds: (!wanted.kinds.is_empty()).then(|| wanted.kinds.clone()),
        acts: (!wanted.acts.is_empty()).then(|| wanted.acts.clone()),
        source: wanted.source.clone(),
    };
    Ok(resolved)
}

/// What a typed name is taken to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Organization,
    /// A speaker in a question: a person, else an organisation.
    Either,
}

/// Who a typed name was recognised as, and what else it could be.
#[derive(Debug, Default)]
pub struct Recognised {
    pub people: Vec<PersonSummary>,
    pub organizations: Vec<OrganizationSummary>,
    pub suggestions: Vec<Suggestion>,
}

impl Recognised {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.organizations.is_empty()
    }
}

/// Recognises one typed name: exact or whole-word matches first (several are all taken,
/// and offered as the alternatives they are), then near misses (offered, and with
/// `forgiving` the clear best one taken).
pub async fn recognise(
    pool: &PgPool,
    typed: &str,
    kind: Kind,
    forgiving: bool,
) -> Result<Recognised, sqlx::Error> {
    let kinds = names::Kinds {
        people: kind != Kind::Organization,
        organizations: kind != Kind::Person,
    };
    let (people, organizations) = names::resolve(pool, typed, kinds).await?;
    let mut found = Recognised {
        people,
        organizations,
        ..Recognised::default()
    };
    if kind == Kind::Either {
        // A speaker is whichever matches better ("NATO" is the organisation, not the person
        // called "NATO chief"); a person on a tie.
        let best = |scores: &mut dyn Iterator<Item = f32>| scores.fold(0.0f32, f32::max);
        let person = best(&mut found.people.iter().map(|p| p.score));
        let organization = best(&mut found.organizations.iter().map(|o| o.score));
        if person >= organization && !found.people.is_empty() {
            found.organizations.clear();
        } else {
            found.people.clear();
        }
    }
    // Exact matches, when there are any, are what was meant.
    if found.people.iter().any(|p| p.score >= 1.0) {
        found.people.retain(|p| p.score >= 1.0);
    }
    if found.organizations.iter().any(|o| o.score >= 1.0) {
        found.organizations.retain(|o| o.score >= 1.0);
    }
    if !found.is_empty() {
        if found.people.len() + found.organizations.len() > 1 {
            found
                .suggestions
                .extend(found.people.iter().map(|p| person_suggestion(typed, p)));
            found.suggestions.extend(
                found
                    .organizations
                    .iter()
                    .map(|o| organization_suggestion(typed, o)),
            );
        }
        return Ok(found);
    }
    let near_people = if kind == Kind::Organization {
        Vec::new()
    } else {
        people::search(pool, Some(typed), 0, SUGGESTIONS).await?
    };
    let near_orgs = if kind == Kind::Person {
        Vec::new()
    } else {
        organizations::search(pool, Some(typed), 0, SUGGESTIONS).await?
    };
    let mut near: Vec<(f32, Suggestion)> = near_people
        .iter()
        .map(|p| (p.score, person_suggestion(typed, p)))
        .chain(
            near_orgs
                .iter()
                .map(|o| (o.score, organization_suggestion(typed, o))),
        )
        .collect();
    near.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.statement_count.cmp(&a.1.statement_count))
    });
    near.truncate(SUGGESTIONS as usize);
    if forgiving && clear_best(&near, |n| n.0).is_some() {
        let best = &near[0].1;
        if best.kind == "person" {
            found
                .people
                .extend(near_people.iter().filter(|p| p.id == best.id).cloned());
        } else {
            found
                .organizations
                .extend(near_orgs.iter().filter(|o| o.id == best.id).cloned());
        }
    }
    found.suggestions = near.into_iter().map(|n| n.1).collect();
    Ok(found)
}

/// How a question was read.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Interpreted {
    pub people: Vec<EntityRef>,
    pub organizations: Vec<EntityRef>,
    /// Topic words, searched with stemming.
    pub topic: Option<String>,
    /// Quoted words, searched as a phrase.
    pub phrase: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<String>,
    /// Names in the question that matched nobody.
    pub unknown: Vec<String>,
}

/// A question made ready to run, and how it was read.
pub struct Understood {
    pub resolved: Resolved,
    pub interpreted: Interpreted,
}

/// Longest run of words tried as one name ("Vladimir Vladimirovich Putin").
const MAX_NAME_WORDS: usize = 4;

/// Reads a plain-English question (`ask::parse`) and settles which of its words are
/// names the database knows; shared by `/v1/ask` and the web page.
pub async fn understand(
    pool: &PgPool,
    question: &str,
    today: NaiveDate,
) -> Result<Understood, sqlx::Error> {
    let parsed = crate::ask::parse(question, today);
    let mut unknown = Vec::new();
    let mut known = Known::new();
    for name in &parsed.speakers {
        let found = recognise(pool, name, Kind::Either, true).await?;
        if found.is_empty() {
            unknown.push(name.clone());
        }
        known.insert(name.clone(), found);
    }
    // Loose words: the longest known name from the start, then the rest is the topic.
    let mut speakers = parsed.speakers.clone();
    let mut topic = parsed.topic.clone();
    let (names, rest) = split_loose(pool, &parsed.loose, &mut known).await?;
    speakers.extend(names);
    topic.extend(rest);
    let mut q = topic.join(" ");
    if let Some(phrase) = &parsed.phrase {
        q = format!("{q} \"{}\"", phrase.replace('"', " "))
            .trim()
            .to_string();
    }
    let wanted = Wanted {
        speakers,
        from: parsed.from,
        to: parsed.to,
        q: (!q.is_empty()).then_some(q),
        kinds: parsed.kinds.iter().map(|k| k.to_string()).collect(),
        ..Wanted::default()
    };
    let resolved = resolve_known(pool, &wanted, true, known).await?;
    let entity = |id: i64, name: &str| EntityRef {
        id,
        name: name.to_string(),
    };
    let interpreted = Interpreted {
        people: resolved
            .people
            .iter()
            .map(|p| entity(p.id, &p.name))
            .collect(),
        organizations: resolved
            .organizations
            .iter()
            .map(|o| entity(o.id, &o.name))
            .collect(),
        topic: (!topic.is_empty()).then(|| topic.join(" ")),
        phrase: parsed.phrase,
        from: parsed.from,
        to: parsed.to,
        kind: parsed.kinds.first().map(|k| k.to_string()),
        unknown,
    };
    Ok(Understood {
        resolved,
        interpreted,
    })
}

/// Splits loose words into the names they start with (longest known first) and the rest.
/// A name found is added to `known`: found without forgiving, it is what forgiving finds.
async fn split_loose(
    pool: &PgPool,
    loose: &[String],
    known: &mut Known,
) -> Result<(Vec<String>, Vec<String>), sqlx::Error> {
    let mut names = Vec::new();
    let mut start = 0;
    'outer: while start < loose.len() {
        for len in (1..=MAX_NAME_WORDS.min(loose.len() - start)).rev() {
            let candidate = loose[start..start + len].join(" ");
            let found = recognise(pool, &candidate, Kind::Either, false).await?;
            if !found.is_empty() {
                known.insert(candidate.clone(), found);
                names.push(candidate);
                start += len;
                continue 'outer;
            }
        }
        break;
    }
    Ok((names, loose[start..].to_vec()))
}

/// The index of the candidate clearly closer than the rest, if there is one.
fn clear_best<T>(candidates: &[T], score: impl Fn(&T) -> f32) -> Option<usize> {
    let best = candidates.first()?;
    let second = candidates.get(1).map_or(0.0, &score);
    (score(best) >= FORGIVE_SCORE && score(best) - second >= FORGIVE_MARGIN).then_some(0)
}

fn label(name: &str, count: i64) -> String {
    let noun = if count == 1 {
        "statement"
    } else {
        "statements"
    };
    format!("{name} ({count} {noun})")
}

fn person_suggestion(typed: &str, p: &PersonSummary) -> Suggestion {
    Suggestion {
        typed: typed.to_string(),
        kind: "person",
        id: p.id,
        name: p.name.clone(),
        statement_count: p.statement_count,
        label: label(&p.name, p.statement_count),
    }
}

fn organization_suggestion(typed: &str, o: &OrganizationSummary) -> Suggestion {
    Suggestion {
        typed: typed.to_string(),
        kind: "organization",
        id: o.id,
        name: o.name.clone(),
        statement_count: o.statement_count,
        label: label(&o.name, o.statement_count),
    }
}

/// A topic as typed: web-search syntax throughout, and the last word, while it is being
/// typed (no space or closing quote after it, three letters or more), also as a prefix.
/// Not after "or": the prefix is required alongside the other words, which would turn
/// "crane or ferry" into "crane and ferry…".
pub fn topic(q: &str) -> Option<Topic> {
    if q.trim().is_empty() {
        return None;
    }
    let typing = !q.ends_with(char::is_whitespace) && !q.ends_with('"');
    let mut words = q.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    let after_or = words.next().is_some_and(|w| w.eq_ignore_ascii_case("or"));
    let plain = last.chars().all(char::is_alphanumeric) && last.chars().count() >= 3;
    let in_phrase = q.matches('"').count() % 2 == 1;
    if typing && plain && !in_phrase && !after_or && !last.eq_ignore_ascii_case("or") {
        let words = q[..q.len() - last.len()].trim_end().to_string();
        return Some(Topic {
            words,
            prefix: Some(last.to_lowercase()),
        });
    }
    Some(Topic {
        words: q.trim().to_string(),
        prefix: None,
    })
}

#[cfg(test)]
mod tests {
    use super::topic;
    use crate::db::statements::Topic;

    fn t(words: &str, prefix: Option<&str>) -> Option<Topic> {
        Some(Topic {
            words: words.into(),
            prefix: prefix.map(str::to_string),
        })
    }

    #[test]
    fn the_last_word_as_typed_is_a_prefix() {
        assert_eq!(topic("members"), t("", Some("members")));
        assert_eq!(topic("peace talk"), t("peace", Some("talk")));
        assert_eq!(topic("peace talks "), t("peace talks", None));
        assert_eq!(topic("\"peace talks\""), t("\"peace talks\"", None));
        assert_eq!(topic("nato -membership"), t("nato -membership", None));
        assert_eq!(topic("war or"), t("war or", None));
        assert_eq!(topic("crane or ferry"), t("crane or ferry", None));
        assert_eq!(
            topic("un"),
            t("un", None),
            "too short to be a useful prefix"
        );
        assert_eq!(topic("   "), None);
    }
}
