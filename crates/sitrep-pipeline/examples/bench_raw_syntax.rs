//! Times what issue 3's speed target names, tokenizing, tagging and parsing raw text, on one
//! thread: the raw text of a treebank (its `# text` lines, paragraphs as in the CoNLL 2018
//! shared task) through [`Pipeline::syntax`] (segmentation, sentence model, UD tokens, tagger,
//! parser), in tokens per second of CPU time (Linux; elsewhere wall-clock time), best and
//! median of several passes, with each stage's share of the median pass.
//!
//! ```text
//! cargo run --release -p sitrep-pipeline --example bench_raw_syntax -- [CONLLU] [PASSES] [TAGGER PARSER]
//! ```
//! Defaults: `../shared/data/ud-english-ewt/en_ewt-ud-test.conllu`, 9 passes and the built-in
//! models (model files given instead are timed the same way, to compare candidates).

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sitrep_doc::{Document, Metadata};
use sitrep_pipeline::sitrep_syntax::conllu::read_conllu;
use sitrep_pipeline::sitrep_syntax::{Parser, Tagger};
use sitrep_pipeline::{builtin_parser, builtin_tagger, Pipeline};

/// Time this thread has spent on a CPU (Linux `/proc/thread-self/schedstat`), so that a busy
/// machine's waits for a CPU are not counted.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        s.split_whitespace().next()?.parse().ok()?,
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().map_or(
        "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu",
        String::as_str,
    );
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(9).max(1);
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let gold = read_conllu(std::path::Path::new(path))?;
        let text = sitrep_eval::syntax::treebank_text(&gold);
        let load = Instant::now();
        let pipeline = match (args.get(2), args.get(3)) {
            (Some(t), Some(p)) => Pipeline::syntax(
                Arc::new(Tagger::load(Path::new(t))?),
                Arc::new(Parser::load(Path::new(p))?),
            )?,
            _ => Pipeline::syntax(builtin_tagger()?, builtin_parser()?)?,
        };
        let load = load.elapsed();
        let mut runs = Vec::with_capacity(passes);
        let mut tokens = 0;
        for _ in 0..passes {
            let mut doc = Document::new("raw", text.clone(), Metadata::default());
            let (wall, cpu) = (Instant::now(), cpu_time());
            let mut stages = vec![Duration::ZERO; pipeline.stage_names().len()];
            pipeline.run_timed(&mut doc, &mut stages)?;
            let spent = match (cpu, cpu_time()) {
                (Some(a), Some(b)) if b > a => b - a,
                _ => wall.elapsed(),
            };
            tokens = doc.tokens.len();
            // every token tagged and attached: the work was done
            assert!(doc
                .tokens
                .iter()
                .all(|t| t.upos.is_some() && t.head.is_some()));
            runs.push((spent, stages));
        }
        runs.sort_by_key(|r| r.0);
        let rate = |d: Duration| tokens as f64 / d.as_secs_f64();
        let (median, stages) = &runs[runs.len() / 2];
        println!(
            "{path}: {} bytes, {tokens} tokens, {passes} passes; models loaded in {} ms",
            text.len(),
            load.as_millis()
        );
        println!(
            "tokenize+tag+parse  best {:.0} median {:.0} tokens/s",
            rate(runs[0].0),
            rate(*median)
        );
        let total: Duration = stages.iter().sum();
        let shares: Vec<String> = pipeline
            .stage_names()
            .into_iter()
            .zip(stages)
            .map(|(name, d)| {
                format!(
                    "{name} {:.0}%",
                    100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9)
                )
            })
            .collect();
        println!("stages (median pass, wall time): {}", shares.join(", "));
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
