//! How much the actors stage adds to the pipeline, and what loading the knowledge base and
//! the gazetteer costs.
//!
//! ```text
//! cargo run --release -p sitrep-actors --example stage_time -- ../shared/data/news-corpus/news.jsonl [--limit N]
//! ```
//!
//! Reads JSON Lines documents (`{"id", "text"}`), runs the standard pipeline on each and,
//! separately, the actors stage alone on the same segmented text, and prints the totals: the
//! actors stage's time as a share of the pipeline's, and as an addition to the pipeline
//! without it (the target is at most 30%). Load time is the first `Lexicon::builtin()` (parse
//! and validate every dictionary), the first `Gazetteer::builtin()`, and compiling the
//! matcher (`ActorStage::new`); memory is the growth of the resident set over those loads,
//! read from `/proc/self/status` where there is one.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sitrep_actors::ActorStage;
use sitrep_doc::{Document, Metadata, Stage};
use sitrep_lexicon::{Gazetteer, Lexicon};

fn rss_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("n/a".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: stage_time FILE.jsonl [--limit N]");
        std::process::exit(2);
    };
    let limit = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(usize::MAX);

    // Loading.
    let rss0 = rss_kib("VmRSS:");
    let t = Instant::now();
    let lexicon = Arc::new(Lexicon::builtin());
    let t_lex = t.elapsed();
    let t = Instant::now();
    let gaz = Gazetteer::builtin();
    let t_gaz = t.elapsed();
    let t = Instant::now();
    let actors = ActorStage::new(lexicon.clone());
    let t_matcher = t.elapsed();
    let rss1 = rss_kib("VmRSS:");
    println!(
        "load: lexicon {:.1} ms ({} actors, {} agents, {} places), gazetteer {:.1} ms ({} towns), matcher {:.1} ms; total {:.1} ms",
        ms(t_lex),
        lexicon.actors().len(),
        lexicon.agents().len(),
        lexicon.places().len(),
        ms(t_gaz),
        gaz.len(),
        ms(t_matcher),
        ms(t_lex + t_gaz + t_matcher)
    );
    println!(
        "memory: resident {} before, {} after loading (+{})",
        mib(rss0),
        mib(rss1),
        mib(rss0.zip(rss1).map(|(a, b)| b.saturating_sub(a)))
    );

    // Running.
    let pipeline = sitrep_pipeline::Pipeline::standard().expect("standard pipeline");
    let segmenter = sitrep_segment::Segmenter::new();
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    });
    let (mut docs, mut bytes, mut mentions) = (0usize, 0usize, 0usize);
    let (mut t_pipe, mut t_actors) = (Duration::ZERO, Duration::ZERO);
    for line in data.lines().filter(|l| !l.trim().is_empty()).take(limit) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(id), Some(text)) = (v["id"].as_str(), v["text"].as_str()) else {
            continue;
        };
        let mut d = Document::new(id, text, Metadata::default());
        let t = Instant::now();
        let ok = pipeline.run(&mut d).is_ok();
        t_pipe += t.elapsed();
        if !ok {
            continue;
        }
        let mut s = Document::new(id, text, Metadata::default());
        if segmenter.process(&mut s).is_err() {
            continue;
        }
        let t = Instant::now();
        let _ = actors.process(&mut s);
        t_actors += t.elapsed();
        mentions += s.mentions.len();
        docs += 1;
        bytes += text.len();
    }
    let rest = t_pipe.saturating_sub(t_actors);
    println!(
        "{docs} documents, {:.1} MB, {mentions} mentions",
        bytes as f64 / 1e6
    );
    println!(
        "pipeline {:.2} s ({:.2} ms/doc); actors stage alone {:.2} s ({:.3} ms/doc)",
        t_pipe.as_secs_f64(),
        ms(t_pipe) / docs.max(1) as f64,
        t_actors.as_secs_f64(),
        ms(t_actors) / docs.max(1) as f64
    );
    println!(
        "actors = {:.1}% of the pipeline's time; {:.1}% added to the pipeline without it (target <= 30%)",
        100.0 * t_actors.as_secs_f64() / t_pipe.as_secs_f64().max(1e-9),
        100.0 * t_actors.as_secs_f64() / rest.as_secs_f64().max(1e-9)
    );
    println!("peak resident set: {}", mib(rss_kib("VmHWM:")));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
