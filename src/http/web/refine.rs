//! The web page's filter state, as it travels in the address: a question (`q`), or the
//! structured filters a question was understood as, which chips remove and facets add
//! (`person=3,7&org=2&topic=membership&from=…`). Every page is a shareable URL.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::http::error::ApiError;
use crate::http::params::{self, KINDS};
use crate::search::{Understood, Wanted};

/// The query string of `/` and `/download.csv`.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    /// A question in plain English.
    pub q: Option<String>,
    pub person: Option<String>,
    pub org: Option<String>,
    /// `1`: statements by any of the people and organisations (as a question means it).
    pub any: Option<String>,
    pub topic: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub kind: Option<String>,
    pub source: Option<String>,
    pub article: Option<String>,
    pub cursor: Option<String>,
}

/// Structured filters, all optional, combined with AND.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refine {
    pub people: Vec<i64>,
    pub orgs: Vec<i64>,
    pub any: bool,
    pub topic: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kinds: Vec<String>,
    pub source: Option<String>,
    pub article: Option<i64>,
}

fn ids(name: &str, value: Option<&str>) -> Result<Vec<i64>, ApiError> {
    value
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| params::id(name, v))
        .collect()
}

impl Refine {
    /// The structured filters of a query string (the question, if any, is read apart).
    pub fn from_query(query: &PageQuery) -> Result<Refine, ApiError> {
        // A form's empty date field is no date.
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().filter(|v| !v.trim().is_empty())
        }
        let from = params::date("from", given(&query.from))?;
        let to = params::date("to", given(&query.to))?;
        let kinds: Vec<String> = params::text("kind", query.kind.as_deref())?
            .unwrap_or_default()
            .split(',')
            .map(|k| k.trim().to_string())
            .filter(|k| KINDS.contains(&k.as_str()))
            .collect();
        Ok(Refine {
            people: ids("person", query.person.as_deref())?,
            orgs: ids("org", query.org.as_deref())?,
            any: query.any.as_deref() == Some("1"),
            topic: params::text("topic", query.topic.as_deref())?,
            from,
            to,
            kinds,
            source: params::text("source", query.source.as_deref())?,
            article: query
                .article
                .as_deref()
                .map(|a| params::id("article", a))
                .transpose()?,
        })
    }

    /// What a question was understood as, as structured filters.
    pub fn understood(u: &Understood) -> Refine {
        let i = &u.interpreted;
        let mut topic = i.topic.clone().unwrap_or_default();
        if let Some(phrase) = &i.phrase {
            topic = format!("{topic} \"{phrase}\"").trim().to_string();
        }
        Refine {
            people: i.people.iter().map(|p| p.id).collect(),
            orgs: i.organizations.iter().map(|o| o.id).collect(),
            any: u.resolved.filter.speakers_any,
            topic: (!topic.is_empty()).then_some(topic),
            from: i.from,
            to: i.to,
            kinds: u.resolved.filter.kinds.clone().unwrap_or_default(),
            source: None,
            article: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Refine::default()
    }

    /// The request for `search::resolve` (ids need no resolving; the topic is final,
    /// not a word still being typed, hence the trailing space).
    pub fn wanted(&self) -> Wanted {
        Wanted {
            person_ids: self.people.clone(),
            organization_ids: self.orgs.clone(),
            from: self.from,
            to: self.to,
            q: self.topic.as_ref().map(|t| format!("{t} ")),
            kinds: self.kinds.clone(),
            source: self.source.clone(),
            article_id: self.article,
            ..Wanted::default()
        }
    }

    /// The query string that reproduces these filters (no leading `?`).
    pub fn query(&self) -> String {
        let join = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.people.is_empty() {
            pairs.push(("person", join(&self.people)));
        }
        if !self.orgs.is_empty() {
            pairs.push(("org", join(&self.orgs)));
        }
        if self.any && !self.people.is_empty() && !self.orgs.is_empty() {
            pairs.push(("any", "1".into()));
        }
        if let Some(t) = &self.topic {
            pairs.push(("topic", t.clone()));
        }
        if let Some(d) = self.from {
            pairs.push(("from", d.to_string()));
        }
        if let Some(d) = self.to {
            pairs.push(("to", d.to_string()));
        }
        if !self.kinds.is_empty() {
            pairs.push(("kind", self.kinds.join(",")));
        }
        if let Some(s) = &self.source {
            pairs.push(("source", s.clone()));
        }
        if let Some(a) = self.article {
            pairs.push(("article", a.to_string()));
        }
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    /// The home page showing these filters.
    pub fn href(&self) -> String {
        let q = self.query();
        if q.is_empty() {
            "/".to_string()
        } else {
            format!("/?{q}")
        }
    }

    /// These filters changed by `edit`, as a link.
    pub fn with(&self, edit: impl FnOnce(&mut Refine)) -> String {
        let mut changed = self.clone();
        edit(&mut changed);
        changed.href()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_survive_the_address() {
        let refine = Refine {
            people: vec![3, 7],
            orgs: vec![2],
            any: true,
            topic: Some("peace \"talks\"".into()),
            from: NaiveDate::from_ymd_opt(2025, 2, 1),
            to: None,
            kinds: vec!["direct".into(), "mixed".into()],
            source: Some("The Guardian".into()),
            article: Some(9),
        };
        let uri: axum::http::Uri = format!("/?{}", refine.query()).parse().unwrap();
        let axum::extract::Query(query) =
            axum::extract::Query::<PageQuery>::try_from_uri(&uri).unwrap();
        assert_eq!(Refine::from_query(&query).unwrap(), refine);
        assert_eq!(Refine::default().href(), "/");
    }

    #[test]
    fn a_bad_id_names_its_parameter() {
        let query = PageQuery {
            person: Some("3,x".into()),
            ..PageQuery::default()
        };
        assert!(Refine::from_query(&query)
            .unwrap_err()
            .message
            .starts_with("person"));
    }
}
