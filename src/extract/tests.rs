//! End-to-end checks of the extractor on short sentences written for each construction.

use super::*;
use chrono::NaiveDate;

fn run(text: &str) -> Extraction {
    let x = extract(&ArticleInput {
        text,
        published_on: NaiveDate::from_ymd_opt(2025, 2, 13).unwrap(),
    });
    check_spans(text, &x);
    x
}

/// Every span's text is exactly the chars it claims to cover.
fn check_spans(text: &str, x: &Extraction) {
    let check = |s: &Span| {
        let t: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        assert_eq!(t, s.text, "span {}..{}", s.start, s.end);
    };
    for st in &x.statements {
        st.content_spans.iter().for_each(check);
        check(&st.sentence);
        if let Some(c) = &st.cue {
            check(c);
        }
        if let Some(m) = st.speaker.as_ref().and_then(|s| s.mention.as_ref()) {
            check(m);
        }
    }
}

#[test]
fn empty_and_odd_inputs() {
    assert!(run("").statements.is_empty());
    run("“");
    run("” “ \" '' ‘ ’ , said");
    run("said he");
    run("\n\n\n“A,” said.");
}
