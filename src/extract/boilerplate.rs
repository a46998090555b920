//! Site furniture (donation appeals, newsletter prompts, photo credits, "Related:" lists)
//! reads like speech ("We keep our reporting open") but nobody in the story said it, so
//! whole paragraphs that look like it are kept out of extraction.

use super::lexicon::lex;
use super::text::Doc;

/// For each paragraph, whether it is boilerplate.
pub fn boilerplate_paragraphs(doc: &Doc) -> Vec<bool> {
    let lx = lex();
    doc.paras
        .iter()
        .map(|p| {
            if p.ts >= p.te {
                return false;
            }
            // Labels ("Photo:", "Related:") are furniture wherever they stand; an appeal
            // must speak to the reader ("you", "our") and quote nobody, so a story about
            // a campaign asking supporters to "make a donation" survives. The cheap token
            // checks come first so most paragraphs are never searched.
            let colon = (p.ts..p.te).any(|i| doc.toks[i].is_punct(':'));
            let quoted = (p.ts..p.te).any(|i| doc.toks[i].is_double_quote());
            let to_reader = (p.ts..p.te)
                .any(|i| matches!(doc.toks[i].low, "you" | "your" | "we" | "our" | "us"));
            let appeal = to_reader && !quoted;
            if !colon && !appeal {
                return false;
            }
            let (s, e) = (doc.toks[p.ts].s, doc.toks[p.te - 1].e);
            let low = doc.lowtext.get(s..e).unwrap_or("");
            let Some(hit) = lx.boilerplate.iter().find(|b| low.contains(b.as_str())) else {
                return false;
            };
            hit.ends_with(':') || appeal
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appeals_and_credits_are_boilerplate() {
        let src = "The minister said taxes would rise.\nPhoto: Reuters\nSubscribe to our newsletter to get more.";
        let low = crate::extract::text::lower_aligned(src);
        let d = Doc::new(src, &low);
        assert_eq!(boilerplate_paragraphs(&d), vec![false, true, true]);
    }
}
