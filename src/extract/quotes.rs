//! Pairs quotation marks into quotes, paragraph by paragraph. A quote left open at the end
//! of a paragraph continues only when the next paragraph reopens (the newspaper convention
//! for long quotes); any other unmatched mark is dropped so it cannot swallow the article.

use super::text::{Doc, Kind, QuoteMark};

/// A quote: token indices of its marks. `close` is `None` for a piece that runs to the end
/// of its paragraph and continues in the next one.
#[derive(Debug, Clone, Copy)]
pub struct Quote {
    pub open: usize,
    pub close: Option<usize>,
    /// Last token inside the paragraph (the close mark, or the paragraph's last token).
    pub last: usize,
    pub para: usize,
    /// The quote goes on in the next paragraph.
    pub continues: bool,
}

impl Quote {
    /// Byte span including the marks.
    pub fn bytes(&self, doc: &Doc) -> (usize, usize) {
        (doc.toks[self.open].s, doc.toks[self.last].e)
    }
}

pub const NONE: u32 = u32::MAX;

/// Finds the quotes and, for every token, the index of the quote it lies in (marks
/// included), or [`NONE`].
pub fn find_quotes(doc: &Doc) -> (Vec<Quote>, Vec<u32>) {
    let mut quotes = Vec::new();
    let mut inside = vec![NONE; doc.toks.len()];
    for (p, para) in doc.paras.iter().enumerate() {
        let mut open: Option<usize> = None;
        // A quote of the other style opened inside the current one ("… “x” …" within
        // straight marks): its marks are skipped, not paired with the outer ones.
        let mut nested: Option<usize> = None;
        let push = |quotes: &mut Vec<Quote>, o: usize, i: usize| {
            quotes.push(Quote {
                open: o,
                close: Some(i),
                last: i,
                para: p,
                continues: false,
            });
        };
        for i in para.ts..para.te {
            let Kind::Quote(m) = doc.toks[i].kind else {
                continue;
            };
            let outer_straight =
                open.is_some_and(|o| doc.toks[o].kind == Kind::Quote(QuoteMark::Ambig));
            match m {
                QuoteMark::Open => {
                    // An opening glyph typed where a quote closes ("… 51 percent.“"):
                    // glued to the word before, free after.
                    let closes_here = i > para.ts
                        && doc.toks[i].s == doc.toks[i - 1].e
                        && (i + 1 >= para.te || doc.toks[i + 1].s > doc.toks[i].e);
                    if let (Some(o), true, false) = (open, closes_here, outer_straight) {
                        open = None;
                        nested = None;
                        push(&mut quotes, o, i);
                    } else if outer_straight && nested.is_none() {
                        nested = Some(i);
                    } else {
                        // A second curly opener: the first was stray.
                        open = Some(i);
                        nested = None;
                    }
                }
                QuoteMark::Close => {
                    if nested.is_some() && outer_straight {
                        nested = None;
                    } else if let Some(o) = open.take() {
                        nested = None;
                        push(&mut quotes, o, i);
                    } else if opens_here(doc, i, para.te)
                        && (i == para.ts || doc.toks[i].s > doc.toks[i - 1].e)
                    {
                        // A closing glyph typed where a quote opens ("”Fear. …”").
                        open = Some(i);
                    }
                }
                QuoteMark::Ambig => match open {
                    Some(o) => {
                        if !outer_straight
                            && nested.is_none()
                            && opens_here(doc, i, para.te)
                            && doc.toks[i].s > doc.toks[i - 1].e
                        {
                            nested = Some(i);
                        } else if !outer_straight && nested.is_some() {
                            nested = None;
                        } else {
                            open = None;
                            nested = None;
                            push(&mut quotes, o, i);
                        }
                    }
                    _ => {
                        if opens_here(doc, i, para.te) {
                            open = Some(i);
                        }
                    }
                },
                _ => {}
            }
        }
        if let Some(o) = open {
            let next_opens = doc.paras.get(p + 1).is_some_and(|np| {
                np.ts < np.te
                    && matches!(
                        doc.toks[np.ts].kind,
                        Kind::Quote(QuoteMark::Open | QuoteMark::Ambig)
                    )
            });
            // A paragraph that opens with a quotation mark is quoted to its end even
            // when the closing mark is missing.
            if (next_opens || o == para.ts) && o + 1 < para.te {
                quotes.push(Quote {
                    open: o,
                    close: None,
                    last: para.te - 1,
                    para: p,
                    continues: next_opens,
                });
            }
        }
    }
    for (qi, q) in quotes.iter().enumerate() {
        for slot in &mut inside[q.open..=q.last] {
            *slot = qi as u32;
        }
    }
    (quotes, inside)
}

/// A straight mark opens when text follows it without a space.
fn opens_here(doc: &Doc, i: usize, te: usize) -> bool {
    i + 1 < te && doc.toks[i + 1].s == doc.toks[i].e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let low = crate::extract::text::lower_aligned(src);
        let d = Doc::new(src, &low);
        let (qs, _) = find_quotes(&d);
        qs.iter()
            .map(|q| {
                let (s, e) = q.bytes(&d);
                src[s..e].to_string()
            })
            .collect()
    }

    #[test]
    fn curly_straight_and_nested() {
        assert_eq!(
            texts("“We won’t ‘give in’,” he said. She said \"no\" twice."),
            vec!["“We won’t ‘give in’,”", "\"no\""]
        );
    }

    #[test]
    fn paragraph_continuation_and_strays() {
        let q = texts("“First part.\n\n“Second part,” she said.\n\nA stray “ mark here.");
        assert_eq!(q, vec!["“First part.", "“Second part,”"]);
    }

    #[test]
    fn many_strays_are_cheap() {
        let src = "” “ \" ".repeat(30_000);
        let low = crate::extract::text::lower_aligned(&src);
        let d = Doc::new(&src, &low);
        let (qs, inside) = find_quotes(&d);
        assert!(qs.len() < 100_000);
        assert_eq!(inside.len(), d.toks.len());
    }
}
