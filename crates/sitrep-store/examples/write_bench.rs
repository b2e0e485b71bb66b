//! Write speed of the store alone: replays coded articles (the JSON Lines of `sitrep code
//! --format jsonl`) into a fresh store through [`Store::insert_batch`], in batches as
//! `sitrep ingest` writes them, and prints the time spent, best and median of several runs.
//!
//! ```text
//! target/release/sitrep code ../shared/data/news-corpus/news.jsonl --format jsonl > /tmp/coded.jsonl
//! cargo run --release -p sitrep-store --example write_bench -- /tmp/coded.jsonl [RUNS]
//! ```
//!
//! Lines that are not a coded article (documents that failed) are skipped.

use std::time::{Duration, Instant};

use sitrep_doc::Output;
use sitrep_store::Store;

/// Articles per transaction (as `sitrep ingest` batches them).
const BATCH: usize = 512;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: write_bench CODED.jsonl [RUNS]")?;
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let text = std::fs::read_to_string(path)?;
    let outputs: Vec<Output> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let events: usize = outputs.iter().map(|o| o.events.len()).sum();
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(&dir.path().join("bench.db"))?;
        let start = Instant::now();
        for chunk in outputs.chunks(BATCH) {
            let items: Vec<(&Output, &str)> = chunk.iter().map(|o| (o, "bench")).collect();
            store.insert_batch(&items)?;
        }
        drop(store);
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "{} articles, {events} events: best {:.2} s, median {:.2} s ({:.0} articles/s)",
        outputs.len(),
        times[0].as_secs_f64(),
        times[times.len() / 2].as_secs_f64(),
        outputs.len() as f64 / times[times.len() / 2].as_secs_f64()
    );
    Ok(())
}
