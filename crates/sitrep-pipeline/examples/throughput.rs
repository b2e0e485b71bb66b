//! Throughput of the whole pipeline on real news, single thread:
//! `cargo run --release -p sitrep-pipeline --example throughput -- ../shared/data/news-corpus/news.jsonl`
//! Prints documents/s, MB/s, tokens/s and the events coded (a count that must not be zero,
//! so a fast wrong run is visible).

use std::time::Instant;

use sitrep_doc::{Document, Metadata};

mod common;

fn main() {
    let texts = common::corpus_texts();
    let load = Instant::now();
    let pipeline = sitrep_pipeline::Pipeline::standard().expect("pipeline");
    let load_ms = load.elapsed().as_secs_f64() * 1000.0;
    let bytes: usize = texts.iter().map(String::len).sum();
    let names = pipeline.stage_names();
    let mut spent = vec![std::time::Duration::ZERO; names.len()];
    let start = Instant::now();
    let (mut tokens, mut events, mut mentions) = (0usize, 0usize, 0usize);
    let (mut tagged, mut parsed, mut parsed_sentences) = (0usize, 0usize, 0usize);
    for (i, t) in texts.iter().enumerate() {
        let mut doc = Document::new(format!("d{i}"), t.clone(), Metadata::default());
        pipeline
            .run_timed(&mut doc, &mut spent)
            .expect("valid text codes");
        tokens += doc.tokens.len();
        events += doc.events.len();
        mentions += doc.mentions.len();
        tagged += doc.tokens.iter().filter(|t| t.upos.is_some()).count();
        parsed += doc.tokens.iter().filter(|t| t.head.is_some()).count();
        parsed_sentences += doc
            .sentences
            .iter()
            .filter(|s| s.tokens.1 > s.tokens.0 && doc.tokens[s.tokens.0 as usize].head.is_some())
            .count();
    }
    let secs = start.elapsed().as_secs_f64();
    assert!(events > 0, "no events coded: something is broken");
    println!("pipeline load: {load_ms:.0} ms");
    println!(
        "{} docs, {:.1} MB, {} tokens, {} mentions, {} events in {:.2} s",
        texts.len(),
        bytes as f64 / 1e6,
        tokens,
        mentions,
        events,
        secs
    );
    println!(
        "{:.0} docs/s, {:.2} MB/s, {:.0} tokens/s (one thread)",
        texts.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        tokens as f64 / secs
    );
    println!(
        "tagged {tagged} tokens ({:.0}%), parsed {parsed} tokens ({:.0}%) in {parsed_sentences} sentences",
        100.0 * tagged as f64 / tokens.max(1) as f64,
        100.0 * parsed as f64 / tokens.max(1) as f64
    );
    let total: f64 = spent.iter().map(|d| d.as_secs_f64()).sum();
    let shares: Vec<String> = names
        .iter()
        .zip(&spent)
        .map(|(n, d)| {
            format!(
                "{n} {:.2} s ({:.0}%)",
                d.as_secs_f64(),
                100.0 * d.as_secs_f64() / total.max(1e-9)
            )
        })
        .collect();
    println!("stages: {}", shares.join(", "));
}
