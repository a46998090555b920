//! The extractor as the project is judged on it: PolNeAR dev and the real-news set scored
//! with the shared scorers (floors on `full` F1, the right speaker and resolved
//! precision), offsets that always slice the text they claim, and a long randomised run
//! for panics (`--ignored`).

use std::io::Write;

use chrono::NaiveDate;
use whosaid::extract::{extract, ArticleInput, Extraction, Span};

use crate::helpers::{run_whosaid, score, shared_dir as shared, skip};

/// `full` F1 reached on PolNeAR dev; the test fails more than one point below it.
/// (68.4 with extractor 0.6.3; 0.6.4 drops "agreed to …", which PolNeAR annotates and
/// the real-news conventions do not, 68.2; 0.6.6 and 0.6.7 are at 68.4, 0.6.8 at 68.5.)
const DEV_FULL_F1_FLOOR: f64 = 68.5;

/// Real news (`../shared/data/realnews`): the share of matched statements with the right
/// speaker, and of all predictions with the right speaker (resolved precision), in percent
/// and of matched dated statements with the right `said_on`, in percent as measured with
/// extractor 0.6.8; the test fails more than one point below any of them.
const REALNEWS_SPEAKER_FLOOR: f64 = 96.6;
const REALNEWS_RESOLVED_P_FLOOR: f64 = 86.7;
const REALNEWS_SAID_ON_FLOOR: f64 = 96.2;

#[test]
fn real_news_speakers_hold_their_floors() {
    let data = shared().join("data/realnews");
    if !data.exists() {
        skip(&format!("{} is not there", data.display()));
        return;
    }
    let articles = std::fs::read(data.join("articles.jsonl")).unwrap();
    let run = run_whosaid(&["extract", "--jsonl"], &articles);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out_dir = std::env::temp_dir().join(format!("whosaid-realnews-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let predictions = out_dir.join("realnews.pred.jsonl");
    std::fs::write(&predictions, &run.stdout).unwrap();
    let Some(result) = score(
        "score_realnews.py",
        &[&data.join("gold.jsonl"), &predictions],
    ) else {
        return;
    };
    let all = &result["all"];
    let speaker = all["speaker_acc"].as_f64().unwrap() * 100.0;
    let resolved_p = all["res_P"].as_f64().unwrap() * 100.0;
    let said_on = all["date_acc"].as_f64().unwrap() * 100.0;
    eprintln!(
        "real news: speaker right {speaker:.1} %, resolved P {resolved_p:.1}, said_on right {said_on:.1} %"
    );
    assert!(
        said_on >= REALNEWS_SAID_ON_FLOOR - 1.0,
        "said_on right on real news fell to {said_on:.1} %, below {REALNEWS_SAID_ON_FLOOR} - 1"
    );
    assert!(
        speaker >= REALNEWS_SPEAKER_FLOOR - 1.0,
        "right speaker on real news fell to {speaker:.1} %, below {REALNEWS_SPEAKER_FLOOR} - 1"
    );
    assert!(
        resolved_p >= REALNEWS_RESOLVED_P_FLOOR - 1.0,
        "resolved precision on real news fell to {resolved_p:.1}, below {REALNEWS_RESOLVED_P_FLOOR} - 1"
    );
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// Every span's text is exactly the characters its offsets cover.
fn assert_spans_slice(text: &str, extraction: &Extraction) {
    let chars: Vec<char> = text.chars().collect();
    let check = |span: &Span| {
        assert!(
            span.start <= span.end && span.end <= chars.len(),
            "{span:?} outside the text"
        );
        let slice: String = chars[span.start..span.end].iter().collect();
        assert_eq!(slice, span.text, "offsets {}..{}", span.start, span.end);
    };
    for st in &extraction.statements {
        st.content_spans.iter().for_each(check);
        check(&st.sentence);
        if let Some(cue) = &st.cue {
            check(cue);
        }
        if let Some(mention) = st.speaker.as_ref().and_then(|s| s.mention.as_ref()) {
            check(mention);
        }
    }
}

#[test]
fn polnear_dev_full_f1_holds() {
    let dev = shared().join("data/polnear/dev");
    if !dev.exists() {
        skip(&format!("{} is not there", dev.display()));
        return;
    }
    let mut dates = std::collections::HashMap::new();
    let metadata =
        std::fs::read_to_string(shared().join("data/polnear/metadata.tsv")).unwrap_or_default();
    for line in metadata.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let (Some(name), Some(date)) = (cols.get(1), cols.get(5)) {
            if let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                dates.insert(name.to_string(), date);
            }
        }
    }
    let out_dir = std::env::temp_dir().join(format!("whosaid-dev-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let predictions = out_dir.join("dev.pred.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&predictions).unwrap());
    let mut documents = 0;
    for entry in std::fs::read_dir(dev.join("text")).unwrap() {
        let path = entry.unwrap().path();
        let Some(id) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let published_on = dates
            .get(&id)
            .copied()
            .unwrap_or(NaiveDate::from_ymd_opt(2016, 10, 1).unwrap());
        let extraction = extract(&ArticleInput {
            text: &text,
            published_on,
        });
        assert_spans_slice(&text, &extraction);
        let line = serde_json::json!({"id": id, "statements": extraction.statements});
        writeln!(out, "{line}").unwrap();
        documents += 1;
    }
    out.flush().unwrap();
    drop(out);
    let Some(result) = score("score_polnear.py", &[&dev, &predictions]) else {
        return;
    };
    let full = result["full"]["f1"].as_f64().unwrap();
    eprintln!("PolNeAR dev ({documents} documents): {result}");
    assert!(
        full >= DEV_FULL_F1_FLOOR - 1.0,
        "full F1 on PolNeAR dev fell to {full}, more than a point below {DEV_FULL_F1_FLOOR}"
    );
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// A small deterministic generator (xorshift), so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Pieces that stress the extractor: quote marks of every kind, cues, names, titles,
/// pronouns, dates, odd Unicode and whitespace.
const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    " ",
    " ",
    "\n",
    "\n\n",
    ",",
    ".",
    ":",
    ";",
    "—",
    "-",
    "said",
    "says",
    "told reporters",
    "according to",
    "added",
    "he",
    "she",
    "they",
    "it",
    "Mark",
    "Rutte",
    "Senator",
    "Maria Alvarez",
    "the secretary-general",
    "NATO",
    "officials",
    "van",
    "de",
    "al-",
    "on 12 February",
    "yesterday",
    "last week",
    "on Wednesday",
    "that",
    "The",
    "é",
    "漢字",
    "🙂",
    "\u{200b}",
    "\u{0301}",
    "\r\n",
    "\t",
    "Mr.",
    "U.S.",
    "Related:",
    "Credit:",
    "(",
    ")",
    "[",
    "]",
    "?",
    "!",
    "…",
    "0",
    "2025",
    "February",
    "in a statement",
];

fn random_text(rng: &mut Rng) -> String {
    let len = (rng.next() % 120) as usize;
    (0..len).map(|_| rng.pick(PIECES)).collect()
}

#[test]
fn random_inputs_never_panic_and_offsets_slice() {
    run_random(20_000, 1);
}

/// `FUZZ_CASES=1000000 cargo test --release --test api -- --ignored random_inputs_long`
#[test]
#[ignore = "long: run explicitly"]
fn random_inputs_long() {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed);
    run_random(cases, seed);
}

fn run_random(cases: u64, seed: u64) {
    let mut rng = Rng(seed.max(1));
    let published_on = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap();
    for case in 0..cases {
        let text = random_text(&mut rng);
        let extraction = std::panic::catch_unwind(|| {
            extract(&ArticleInput {
                text: &text,
                published_on,
            })
        })
        .unwrap_or_else(|_| panic!("case {case} (seed {seed}) panicked on {text:?}"));
        assert_spans_slice(&text, &extraction);
    }
}

#[test]
fn pathological_inputs_finish() {
    let published_on = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap();
    let inputs = [
        "\"".repeat(100_000),
        "“".repeat(50_000) + &"”".repeat(50_000),
        "“a, ” he said. ".repeat(20_000),
        "He said that ".repeat(20_000),
        "x".repeat(1_000_000),
        String::new(),
    ];
    for text in &inputs {
        let extraction = extract(&ArticleInput { text, published_on });
        assert_spans_slice(text, &extraction);
    }
}
