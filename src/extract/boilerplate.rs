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
            let (s, e) = (doc.toks[p.ts].s, doc.toks[p.te - 1].e);
            let low = doc.text[s..e].to_lowercase();
            lx.boilerplate.iter().any(|b| low.contains(b.as_str()))
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
