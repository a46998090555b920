//! When a statement was made: a date written in its sentence (outside what was said),
//! resolved against the publication date, or the publication date itself.

use super::candidate::Raw;
use super::lexicon::{flag, lex};
use super::mentions::Registry;
use super::model::{DateBasis, Statement};
use super::quotes::NONE;
use super::text::{Doc, Kind};
use chrono::{Datelike, Duration, NaiveDate};

/// A day number at token `i` ("12", "12th").
fn day_at(doc: &Doc, i: usize) -> Option<u32> {
    let t = doc.toks.get(i)?;
    let w = doc.word(i);
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &w[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th"))
    {
        return None;
    }
    if !matches!(t.kind, Kind::Num | Kind::Word) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn month_at(doc: &Doc, i: usize) -> Option<u32> {
    let t = doc.toks.get(i)?;
    if !doc.is_cap(i) {
        return None;
    }
    lex().months.get(t.low.trim_end_matches('.')).copied()
}

fn year_at(doc: &Doc, i: usize) -> Option<i32> {
    let t = doc.toks.get(i)?;
    if t.kind != Kind::Num {
        return None;
    }
    let y: i32 = doc.word(i).parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// A year-less date lands in the publication year, or the year before if that would be
/// after publication.
fn place(pub_on: NaiveDate, m: u32, d: u32, y: Option<i32>) -> Option<NaiveDate> {
    if let Some(y) = y {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let this = NaiveDate::from_ymd_opt(pub_on.year(), m, d)?;
    if this > pub_on + Duration::days(1) {
        NaiveDate::from_ymd_opt(pub_on.year() - 1, m, d)
    } else {
        Some(this)
    }
}

/// The date of a statement from tokens `[ts, te)` of its sentence, skipping tokens for
/// which `skip` is true (the content).
pub fn said_on(
    doc: &Doc,
    ts: usize,
    te: usize,
    skip: impl Fn(usize) -> bool,
    pub_on: NaiveDate,
) -> (NaiveDate, DateBasis) {
    match written_day(doc, ts, te, skip, pub_on) {
        Some((day, basis, _)) => (day, basis),
        None => (pub_on, DateBasis::Publication),
    }
}

/// The day written in tokens `[ts, te)`, how it was written, and the token where it starts.
fn written_day(
    doc: &Doc,
    ts: usize,
    te: usize,
    skip: impl Fn(usize) -> bool,
    pub_on: NaiveDate,
) -> Option<(NaiveDate, DateBasis, usize)> {
    let lx = lex();
    let mut relative: Option<(NaiveDate, usize)> = None;
    let te = te.min(doc.toks.len());
    for i in ts..te {
        if skip(i) {
            continue;
        }
        // "12 February (2025)" / "February 12(, 2025)"
        if let Some(d) = day_at(doc, i) {
            if let Some(m) = month_at(doc, i + 1).filter(|_| i + 1 < te && !skip(i + 1)) {
                let y = year_at(doc, i + 2);
                if let Some(date) = place(pub_on, m, d, y) {
                    return Some((date, DateBasis::Explicit, i));
                }
            }
        }
        if let Some(m) = month_at(doc, i) {
            if i + 1 < te && !skip(i + 1) {
                if let Some(d) = day_at(doc, i + 1) {
                    let mut k = i + 2;
                    if k < te && doc.toks[k].is_punct(',') {
                        k += 1;
                    }
                    if let Some(date) = place(pub_on, m, d, year_at(doc, k)) {
                        return Some((date, DateBasis::Explicit, i));
                    }
                }
            }
        }
        if relative.is_some() {
            continue;
        }
        let low = doc.toks[i].low;
        let f = doc.toks[i].flags;
        if f & (flag::WEEKDAY | flag::REL_DAY) == 0 && !matches!(low, "last" | "earlier") {
            continue;
        }
        // All capitals make a date word part of a name ("USA TODAY"), not a date.
        if doc.word(i).chars().all(|c| !c.is_lowercase()) && doc.word(i).chars().count() > 1 {
            continue;
        }
        if let Some(&wd) = lx.weekdays.get(low) {
            if doc.is_cap(i) {
                let back = (pub_on.weekday().num_days_from_monday() + 7 - wd) % 7;
                relative = Some((pub_on - Duration::days(back as i64), i));
            }
        } else if let Some(&d) = lx.relative_days.get(low) {
            relative = Some((pub_on - Duration::days(d), i));
        } else if low == "last" && i + 1 < te {
            match doc.toks[i + 1].low {
                "week" => relative = Some((pub_on - Duration::days(7), i)),
                "month" => relative = Some((pub_on - Duration::days(30), i)),
                "night" => relative = Some((pub_on - Duration::days(1), i)),
                _ => {}
            }
        } else if low == "earlier" && i + 2 < te && doc.toks[i + 1].low == "this" {
            match doc.toks[i + 2].low {
                "week" => {
                    relative = Some((
                        pub_on
                            - Duration::days(2).min(Duration::days(
                                pub_on.weekday().num_days_from_monday() as i64,
                            )),
                        i,
                    ))
                }
                "month" => {
                    let first =
                        NaiveDate::from_ymd_opt(pub_on.year(), pub_on.month(), 1).unwrap_or(pub_on);
                    relative = Some(((pub_on - Duration::days(7)).max(first), i));
                }
                _ => {}
            }
        }
    }
    relative.map(|(day, i)| (day, DateBasis::Relative, i))
}

/// The day written in each sentence outside quotes, found once however many statements
/// look back at it.
pub struct SentenceDays<'i> {
    inside: &'i [u32],
    days: Vec<Option<Option<(NaiveDate, usize)>>>,
}

impl<'i> SentenceDays<'i> {
    pub fn new(doc: &Doc, inside: &'i [u32]) -> Self {
        SentenceDays {
            inside,
            days: vec![None; doc.sents.len()],
        }
    }

    fn of(&mut self, doc: &Doc, s: usize, pub_on: NaiveDate) -> Option<(NaiveDate, usize)> {
        let inside = self.inside;
        *self.days[s].get_or_insert_with(|| {
            let quoted = |i: usize| inside.get(i).is_some_and(|&q| q != super::quotes::NONE);
            let st = doc.sents[s];
            written_day(doc, st.ts, st.te, quoted, pub_on).map(|(day, _, at)| (day, at))
        })
    }
}

/// The day a sentence without a date of its own inherits from the nearest dated sentence
/// of the two before it (at most one paragraph a sentence back, outside quotes), when that day is
/// recent and the earlier sentence sets the scene for this one: it names the speaker
/// ("… announced on Monday by Mike Pompeo"), dates an occasion of speech ("the testimony
/// Tuesday"), or, just before, opens with its day ("On Sunday, …"). Any other dated
/// sentence in between stops the search: its day belongs to other news.
pub fn carried(
    doc: &Doc,
    sent: usize,
    days: &mut SentenceDays,
    pub_on: NaiveDate,
    names_speaker: impl Fn(usize) -> bool,
) -> Option<NaiveDate> {
    let cur = doc.sents.get(sent)?;
    for back in 1..=2 {
        let prev = doc.sents.get(sent.checked_sub(back)?)?;
        if doc.toks[cur.ts].para > doc.toks[prev.ts].para + back {
            return None;
        }
        let Some((day, at)) = days.of(doc, sent - back, pub_on) else {
            continue;
        };
        let recent = day <= pub_on && day + Duration::days(7) >= pub_on;
        let occasion = (at.saturating_sub(4)..(at + 5).min(prev.te))
            .any(|k| lex().events.contains(doc.toks[k].low));
        let opens = back == 1 && at <= prev.ts + 1;
        let sets_scene = names_speaker(sent - back) || occasion || opens;
        return (recent && sets_scene).then_some(day);
    }
    None
}

/// "the day's testimony": the day the text gave that event earlier ("the testimony
/// Tuesday"), looked for in the twenty sentences before, the nearest first.
pub fn of_the_day(
    doc: &Doc,
    sent: usize,
    days: &mut SentenceDays,
    pub_on: NaiveDate,
) -> Option<NaiveDate> {
    let cur = doc.sents.get(sent)?;
    let event = (cur.ts + 1..cur.te.saturating_sub(2)).find_map(|k| {
        let t = &doc.toks;
        let the_day = matches!(t[k - 1].low, "the" | "that")
            && t[k].low == "day"
            && matches!(t[k + 1].low, "’s" | "'s");
        (the_day && t[k + 2].is_word()).then(|| t[k + 2].low)
    })?;
    (sent.saturating_sub(20)..sent).rev().find_map(|s| {
        let (day, at) = days.of(doc, s, pub_on)?;
        let prev = doc.sents[s];
        let near = (at.saturating_sub(5).max(prev.ts)..(at + 6).min(prev.te))
            .any(|k| doc.toks[k].low == event);
        (near && day <= pub_on).then_some(day)
    })
}

/// Dates an article's statements in text order: a day written in a statement's own
/// sentence (outside its content), else one carried from the scene set just before, the
/// day of "the day's" event, or the day of the dated statement it follows up.
pub struct Dating<'d, 't> {
    doc: &'d Doc<'t>,
    inside: &'d [u32],
    pub_on: NaiveDate,
    days: SentenceDays<'d>,
    /// The sentence of each statement dated so far.
    sents: Vec<usize>,
}

impl<'d, 't> Dating<'d, 't> {
    pub fn new(doc: &'d Doc<'t>, inside: &'d [u32], pub_on: NaiveDate) -> Self {
        Dating {
            doc,
            inside,
            pub_on,
            days: SentenceDays::new(doc, inside),
            sents: Vec::new(),
        }
    }

    /// When `r`, whose speaker is called `name`, was said; `done` are the statements
    /// dated before it.
    pub fn date(
        &mut self,
        r: &Raw,
        name: Option<&str>,
        reg: &Registry,
        done: &[Statement],
    ) -> (NaiveDate, DateBasis) {
        let doc = self.doc;
        let first_sent = doc.sents[doc.toks[r.first].sent];
        let last_sent = doc.sents[doc.toks[r.last.min(doc.toks.len() - 1)].sent];
        let in_content = |i: usize| {
            let (s, e) = (doc.toks[i].s, doc.toks[i].e);
            r.content.iter().any(|&(cs, ce)| s >= cs && e <= ce)
        };
        let written = said_on(doc, first_sent.ts, last_sent.te, in_content, self.pub_on);
        let sent = doc.toks[r.first].sent;
        let dated = if written.1 == DateBasis::Publication {
            let inside = self.inside;
            let names_speaker = |s: usize| names(doc, inside, reg, s, name);
            carried(doc, sent, &mut self.days, self.pub_on, names_speaker)
                .or_else(|| of_the_day(doc, sent, &mut self.days, self.pub_on))
                .or_else(|| follow_up(done, &self.sents, sent, name))
                .map_or(written, |day| (day, DateBasis::Relative))
        } else {
            written
        };
        self.sents.push(sent);
        dated
    }
}

/// Whether sentence `s` names the speaker called `name`: one of its mentions, outside
/// quotes and not a possessor ("Rutte's comment comes after …"), is theirs.
fn names(doc: &Doc, inside: &[u32], reg: &Registry, s: usize, name: Option<&str>) -> bool {
    let (ts, te) = (doc.sents[s].ts, doc.sents[s].te);
    let from = reg.mentions.partition_point(|m| m.ts < ts);
    reg.mentions[from..]
        .iter()
        .take_while(|m| m.ts < te)
        .any(|m| {
            let possessed = doc
                .toks
                .get(m.te)
                .is_some_and(|t| matches!(t.low, "’s" | "'s" | "’"));
            let quoted = inside.get(m.ts).is_some_and(|&q| q != NONE);
            !possessed && !quoted && Some(reg.people[m.person].full().as_str()) == name
        })
}

/// A follow-up by the same speaker within a few sentences of a dated statement was said
/// on that day ("…, Zikalala said during a news conference on Sunday. … Zikalala added").
fn follow_up(
    done: &[Statement],
    sents: &[usize],
    sent: usize,
    name: Option<&str>,
) -> Option<NaiveDate> {
    let name = name?;
    let last = done.last()?;
    let last_sent = *sents.last()?;
    let same = last.speaker.as_ref().is_some_and(|s| s.name == name);
    (same && last.date_basis != DateBasis::Publication && last_sent + 4 >= sent)
        .then_some(last.said_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(src: &str) -> (NaiveDate, DateBasis) {
        let low = crate::extract::text::lower_aligned(src);
        let d = Doc::new(src, &low);
        let pub_on = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap();
        said_on(&d, 0, d.toks.len(), |_| false, pub_on)
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(
            on("On 12 February, she said so.").0,
            NaiveDate::from_ymd_opt(2025, 2, 12).unwrap()
        );
        assert_eq!(
            on("On Feb. 9, he said so.").0,
            NaiveDate::from_ymd_opt(2025, 2, 9).unwrap()
        );
        assert_eq!(
            on("On December 30 he said so.").0,
            NaiveDate::from_ymd_opt(2024, 12, 30).unwrap()
        );
        assert_eq!(on("On 9 February 2023 he said so.").1, DateBasis::Explicit);
    }

    #[test]
    fn relative_dates() {
        // 2025-02-13 is a Thursday.
        assert_eq!(
            on("He said on Wednesday that it was over.").0,
            NaiveDate::from_ymd_opt(2025, 2, 12).unwrap()
        );
        assert_eq!(
            on("He said on Thursday that it was over.").0,
            NaiveDate::from_ymd_opt(2025, 2, 13).unwrap()
        );
        assert_eq!(
            on("She said yesterday it was over.").0,
            NaiveDate::from_ymd_opt(2025, 2, 12).unwrap()
        );
        assert_eq!(on("He said it.").1, DateBasis::Publication);
    }

    #[test]
    fn a_date_word_in_capitals_is_a_name() {
        assert_eq!(
            on("She told USA TODAY that it was over.").1,
            DateBasis::Publication
        );
    }
}
