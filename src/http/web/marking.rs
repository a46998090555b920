//! An article's text with a statement's parts marked in place (content, cue, speaker
//! mention), so a reader checks the attribution in context. Offsets are characters
//! (Unicode scalar values), as the API gives them; paragraphs are blank-line separated.

use maud::{html, Markup};

/// What a marked piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Content,
    Cue,
    Speaker,
}

impl Part {
    fn class(self) -> &'static str {
        match self {
            Part::Content => "content",
            Part::Cue => "cue",
            Part::Speaker => "speaker",
        }
    }
}

/// A run of text and the parts covering it (none: plain text).
#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub parts: Vec<Part>,
}

/// Splits `text` into paragraphs of runs, cut wherever a span starts or ends. Spans
/// may overlap (a mention inside its content) and may be out of range (clamped).
pub fn runs(text: &str, spans: &[(usize, usize, Part)]) -> Vec<Vec<Run>> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut cuts: Vec<usize> = vec![0, n];
    for &(s, e, _) in spans {
        cuts.push(s.min(n));
        cuts.push(e.min(n));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut paragraphs: Vec<Vec<Run>> = vec![Vec::new()];
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let parts: Vec<Part> = spans
            .iter()
            .filter(|(s, e, _)| *s <= start && end <= *e && s < e)
            .map(|(_, _, p)| *p)
            .collect();
        let piece: String = chars[start..end].iter().collect();
        for (i, para) in piece.split("\n\n").enumerate() {
            if i > 0 {
                paragraphs.push(Vec::new());
            }
            if !para.is_empty() {
                paragraphs
                    .last_mut()
                    .expect("one paragraph at least")
                    .push(Run {
                        text: para.to_string(),
                        parts: parts.clone(),
                    });
            }
        }
    }
    paragraphs.retain(|p| p.iter().any(|r| !r.text.trim().is_empty()));
    paragraphs
}

/// The paragraphs as HTML; the first marked run gets `id="said"` to link to.
pub fn render(paragraphs: &[Vec<Run>]) -> Markup {
    let mut anchored = false;
    html! {
        @for para in paragraphs {
            p {
                @for run in para {
                    @if run.parts.is_empty() {
                        (run.text)
                    } @else {
                        @let classes = run.parts.iter().map(|p| p.class()).collect::<Vec<_>>().join(" ");
                        @let id = if anchored { None } else { anchored = true; Some("said") };
                        mark class=(classes) id=[id] { (run.text) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &[Run]) -> Vec<(&str, &[Part])> {
        p.iter()
            .map(|r| (r.text.as_str(), r.parts.as_slice()))
            .collect()
    }

    #[test]
    fn spans_cut_the_text_into_marked_runs() {
        let text = "Intro.\n\n“Ça va,” Rutte said.";
        // “Ça va,” is chars 8..16; Rutte 17..22; said 23..27.
        let paras = runs(
            text,
            &[
                (9, 14, Part::Content),
                (17, 22, Part::Speaker),
                (23, 27, Part::Cue),
            ],
        );
        assert_eq!(paras.len(), 2);
        assert_eq!(texts(&paras[0]), vec![("Intro.", &[][..])]);
        assert_eq!(
            texts(&paras[1]),
            vec![
                ("“", &[][..]),
                ("Ça va", &[Part::Content][..]),
                (",” ", &[][..]),
                ("Rutte", &[Part::Speaker][..]),
                (" ", &[][..]),
                ("said", &[Part::Cue][..]),
                (".", &[][..]),
            ]
        );
    }

    #[test]
    fn overlapping_and_out_of_range_spans_are_kept_apart() {
        let paras = runs(
            "he said it",
            &[
                (0, 10, Part::Content),
                (0, 2, Part::Speaker),
                (5, 99, Part::Cue),
            ],
        );
        assert_eq!(
            texts(&paras[0]),
            vec![
                ("he", &[Part::Content, Part::Speaker][..]),
                (" sa", &[Part::Content][..]),
                ("id it", &[Part::Content, Part::Cue][..]),
            ]
        );
    }

    #[test]
    fn a_mark_across_paragraphs_is_marked_in_each() {
        let paras = runs("one\n\ntwo", &[(0, 8, Part::Content)]);
        assert_eq!(paras.len(), 2);
        assert_eq!(texts(&paras[1]), vec![("two", &[Part::Content][..])]);
        let html = render(&paras).into_string();
        assert_eq!(html.matches(r#"id="said""#).count(), 1);
        assert!(html.contains(r#"<mark class="content" id="said">one</mark>"#));
    }
}
