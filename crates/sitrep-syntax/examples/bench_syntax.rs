//! Times the tagger and the parser (single thread) on a CoNLL-U file: the best and the median
//! of several passes, in tokens per second of CPU time (on Linux; elsewhere wall-clock time).
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example bench_syntax -- [PARSER] [TAGGER] [GOLD] [PASSES]
//! ```
//! Defaults: `models/parser.bin`, `models/tagger.bin`,
//! `../shared/data/ud-english-ewt/en_ewt-ud-test.conllu` and 15 passes.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use sitrep_syntax::conllu::read_conllu;
use sitrep_syntax::{Parser, Tagger};

/// Time this thread has spent on a CPU, in seconds (Linux `/proc/thread-self/schedstat`), so
/// that timings on a busy machine do not count time spent waiting for a CPU.
fn cpu_time() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 * 1e-9)
}

/// Best and median of `passes` timings of `f`, in tokens per second (CPU time where
/// available, else wall-clock time).
fn time(passes: usize, tokens: usize, mut f: impl FnMut() -> u64) -> (f64, f64, u64) {
    let mut secs = Vec::with_capacity(passes);
    let mut sink = 0u64;
    for _ in 0..passes.max(1) {
        let (t, c) = (Instant::now(), cpu_time());
        sink = sink.wrapping_add(f());
        let wall = t.elapsed().as_secs_f64();
        secs.push(match (c, cpu_time()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall,
        });
    }
    secs.sort_by(f64::total_cmp);
    let rate = |s: f64| tokens as f64 / s;
    (rate(secs[0]), rate(secs[secs.len() / 2]), sink)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, d: &str| PathBuf::from(args.get(i).map_or(d, String::as_str));
    let passes = args.get(3).and_then(|p| p.parse().ok()).unwrap_or(15);
    let run = || -> Result<(), sitrep_syntax::SyntaxError> {
        let parser = Parser::load(&arg(0, "models/parser.bin"))?;
        let tagger = Tagger::load(&arg(1, "models/tagger.bin"))?;
        let gold = read_conllu(&arg(
            2,
            "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu",
        ))?;
        let sents: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = gold
            .iter()
            .map(|s| {
                let w = s.forms();
                let (u, x) = tagger
                    .tag(&w)
                    .into_iter()
                    .map(|l| (tagger.upos(l), tagger.xpos(l)))
                    .unzip();
                (w, u, x)
            })
            .collect();
        let tokens: usize = sents.iter().map(|s| s.0.len()).sum();
        let (tb, tm, a) = time(passes, tokens, || {
            sents
                .iter()
                .map(|(w, _, _)| tagger.tag(w).iter().map(|&l| u64::from(l)).sum::<u64>())
                .sum()
        });
        let (pb, pm, b) = time(passes, tokens, || {
            sents
                .iter()
                .map(|(w, u, x)| {
                    let out = parser.parse_tagged(w, u, x);
                    out.iter().map(|p| u64::from(p.0)).sum::<u64>()
                })
                .sum()
        });
        println!("{tokens} tokens, {passes} passes; checksums {a} {b}");
        println!("tagging  best {tb:.0} median {tm:.0} tokens/s");
        println!("parsing  best {pb:.0} median {pm:.0} tokens/s");
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
