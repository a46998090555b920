//! Pages written for these tests: every field in each of the places pages put it.

use super::*;

/// A news page with everything around the article that must not come out of it.
fn page(head: &str, byline: &str) -> String {
    format!(
        r##"<!doctype html><html lang="en"><head><title>Harbour treaty talks stall over fishing rights | The Daily Example</title>{head}
<script>window.ads = "He said the ads load here";</script><style>p {{ color: red }}</style></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies. Accept all cookies to continue reading.</p></div>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<article>
  <h1>Harbour treaty talks stall over fishing rights</h1>
  {byline}
  <p>The negotiations over the
     harbour treaty stalled on Tuesday, officials said, after a second day of meetings
     in the capital ended without an agreement on fishing rights.</p>
  <p>"We are not going to sign something that hurts our fishermen," Minister Ana Lopes
     told reporters outside the ministry, adding that her delegation would return next week.</p>
  <p>The opposition leader, Tomas Berg, said the government had mishandled the talks
     from the start and should publish the draft text so that voters could judge it.</p>
  <p>Both sides have agreed to meet again, according to a spokesman for the foreign
     ministry, who said the date would be announced shortly.</p>
</article>
<div class="share-buttons social"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Minister says fishing is safe</a></li><li><a href="/b">Berg said to resign</a></li></ul></aside>
<div id="comments" class="comments"><h3>Comments</h3><div class="comment"><p>Reader42 said: "This government is a disgrace and everyone knows it."</p></div></div>
<div class="donate"><p>Support our journalism: make a donation today so we can keep reporting.</p></div>
<footer><p>© The Daily Example</p></footer>
</body></html>"##
    )
}

const JSON_LD: &str = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour talks stall","datePublished":"2024-03-05T08:00:00Z","author":{"@type":"Person","name":"Rita Moss"},
"publisher":{"@type":"Organization","name":"The Daily Example"}}</script>"#;

const META: &str = r#"<meta property="og:title" content="Talks stall over fishing">
<meta property="og:site_name" content="Daily Example"><meta name="author" content="Sam Field">
<meta property="article:published_time" content="2024-03-04T21:30:00+01:00">"#;

#[test]
fn keeps_the_article_and_drops_the_furniture() {
    let page = read(&page("", ""), None).unwrap();
    for wanted in [
        "harbour treaty stalled on Tuesday",
        "Minister Ana Lopes",
        "Tomas Berg",
        "spokesman",
    ] {
        assert!(
            page.text.contains(wanted),
            "{wanted:?} missing from {:?}",
            page.text
        );
    }
    for unwanted in [
        "cookies", "Home", "Share on", "Related", "Reader42", "donation", "ads load", "color",
    ] {
        assert!(
            !page.text.contains(unwanted),
            "{unwanted:?} kept in {:?}",
            page.text
        );
    }
}

#[test]
fn one_line_per_paragraph_whatever_the_source_layout() {
    let page = read(&page("", ""), None).unwrap();
    let lines: Vec<&str> = page.text.lines().collect();
    assert_eq!(
        lines[0], "Harbour treaty talks stall over fishing rights",
        "the headline opens the text"
    );
    assert!(lines.iter().any(|l| l
        .starts_with("The negotiations over the harbour treaty stalled")
        && l.ends_with("fishing rights.")));
    assert_eq!(lines.len(), 5, "{lines:#?}");
}

#[test]
fn json_ld_wins_over_meta_tags_and_says_so() {
    let page = read(&page(&format!("{JSON_LD}{META}"), ""), None).unwrap();
    assert_eq!(
        page.title,
        Some(("Harbour talks stall".into(), FieldSource::JsonLd))
    );
    assert_eq!(page.author, Some(("Rita Moss".into(), FieldSource::JsonLd)));
    let (at, from) = page.published_at.unwrap();
    assert_eq!(
        (at.to_rfc3339().as_str(), from),
        ("2024-03-05T08:00:00+00:00", FieldSource::JsonLd)
    );
    assert_eq!(
        page.source,
        Some(("The Daily Example".into(), FieldSource::JsonLd))
    );
}

#[test]
fn meta_tags_when_there_is_no_json_ld() {
    let page = read(&page(META, ""), None).unwrap();
    assert_eq!(
        page.title,
        Some(("Talks stall over fishing".into(), FieldSource::Meta))
    );
    assert_eq!(page.author, Some(("Sam Field".into(), FieldSource::Meta)));
    let (at, from) = page.published_at.unwrap();
    assert_eq!(
        (at.to_rfc3339().as_str(), from),
        ("2024-03-04T21:30:00+01:00", FieldSource::Meta)
    );
    assert_eq!(
        page.source,
        Some(("Daily Example".into(), FieldSource::Meta))
    );
}

#[test]
fn markup_and_address_when_nothing_is_declared() {
    let byline =
        r#"<p class="byline">By Lena Ortiz</p><time datetime="2024-02-29">29 February</time>"#;
    let page = read(
        &page("", byline),
        Some("https://www.example.org/2023/01/02/talks"),
    )
    .unwrap();
    assert_eq!(page.title.as_ref().map(|t| t.1), Some(FieldSource::Html));
    assert_eq!(page.author, Some(("Lena Ortiz".into(), FieldSource::Html)));
    let (at, from) = page.published_at.unwrap();
    assert_eq!(
        (at.date_naive().to_string().as_str(), from),
        ("2024-02-29", FieldSource::Html)
    );
    assert_eq!(page.source, Some(("example.org".into(), FieldSource::Url)));
    assert!(
        !page.text.contains("Lena Ortiz"),
        "the byline is metadata, not text"
    );
}

#[test]
fn a_date_in_the_address_is_the_last_resort() {
    let page = read(&page("", ""), Some("https://example.org/2023/01/02/talks")).unwrap();
    let (at, from) = page.published_at.unwrap();
    assert_eq!(
        (at.date_naive().to_string().as_str(), from),
        ("2023-01-02", FieldSource::Url)
    );
}

#[test]
fn pages_without_an_article_are_an_error() {
    assert_eq!(read("", None).unwrap_err(), PageError::NoArticle);
    assert_eq!(
        read(
            "<html><head><title>Empty</title></head><body> </body></html>",
            None
        )
        .unwrap_err(),
        PageError::NoArticle
    );
}

#[test]
fn plain_text_in_place_of_html_is_read_as_one_paragraph() {
    let page = read("He said the talks had failed.", None);
    assert!(page.map_or(true, |p| p.text.contains("talks had failed")));
}
