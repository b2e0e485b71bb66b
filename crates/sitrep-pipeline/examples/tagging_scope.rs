//! Checks that tagging only the sentences that may hold an event ([`Tagging::Candidates`],
//! the default) codes what tagging every sentence codes, and what it saves:
//! `cargo run --release -p sitrep-pipeline --example tagging_scope -- ../shared/data/news-corpus/news.jsonl`
//! Prints tokens tagged and seconds under both, and every document whose output (the
//! contract's JSON: entities, events, relations) differs (exit status 1 if any).

use std::time::{Duration, Instant};

use sitrep_doc::{Document, Metadata};
use sitrep_pipeline::{Pipeline, Tagging};

mod common;

fn main() {
    let texts = common::corpus_texts();
    let some = Pipeline::standard_with(Tagging::Candidates).expect("pipeline");
    let all = Pipeline::standard_with(Tagging::All).expect("pipeline");
    let (mut tokens, mut tagged, mut differ) = (0usize, 0usize, 0usize);
    let (mut t_some, mut t_all) = (Duration::ZERO, Duration::ZERO);
    for (i, t) in texts.iter().enumerate() {
        let run = |p: &Pipeline, spent: &mut Duration| {
            let mut doc = Document::new(format!("d{i}"), t.clone(), Metadata::default());
            let start = Instant::now();
            p.run(&mut doc).expect("valid text codes");
            *spent += start.elapsed();
            doc
        };
        let a = run(&some, &mut t_some);
        let b = run(&all, &mut t_all);
        tokens += a.tokens.len();
        tagged += a.tokens.iter().filter(|t| t.upos.is_some()).count();
        let out = |d: &Document| serde_json::to_string(&d.to_output()).expect("serializes");
        if out(&a) != out(&b) {
            differ += 1;
            println!("d{i}: the outputs differ");
        }
    }
    println!(
        "{} docs, {tokens} tokens; candidates: {tagged} tagged ({:.0}%), {:.2} s; all: {:.2} s; {differ} docs differ",
        texts.len(),
        100.0 * tagged as f64 / tokens.max(1) as f64,
        t_some.as_secs_f64(),
        t_all.as_secs_f64()
    );
    if differ > 0 {
        std::process::exit(1);
    }
}
