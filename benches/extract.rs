//! Extraction throughput over the PolNeAR train texts (`../shared/data/polnear/train/text`),
//! next to a baseline measured in the same run: one pass that only counts words, the
//! least any extractor must do. Without the corpus, a synthetic wire story stands in.
//!
//! `cargo bench --bench extract`; criterion prints time per iteration (all articles).

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use whosaid::extract::{extract, ArticleInput};

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train/text");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    if texts.is_empty() {
        eprintln!(
            "{} is not there: benchmarking a synthetic article",
            dir.display()
        );
        let paragraph = "“We will not back down,” Senator Maria Alvarez said on Tuesday. \
                         She added that the bill, according to aides, would pass next week.\n\n";
        texts.push(paragraph.repeat(40));
    }
    texts
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let published_on = NaiveDate::from_ymd_opt(2016, 10, 1).unwrap();
    let mut group = c.benchmark_group("polnear_train");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(20);
    group.bench_function("baseline_word_count", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| black_box(t).split_whitespace().count())
                .sum::<usize>()
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|text| {
                    extract(black_box(&ArticleInput { text, published_on }))
                        .statements
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
