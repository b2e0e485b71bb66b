//! Scores the parser on a gold CoNLL-U file with gold tokenization and predicted tags, and
//! measures its speed.
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example eval_parser -- [PARSER] [TAGGER] [GOLD]
//! ```
//! Defaults: `models/parser.bin`, `models/tagger.bin` and
//! `../shared/data/ud-english-ewt/en_ewt-ud-test.conllu`.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use sitrep_syntax::conllu::read_conllu;
use sitrep_syntax::{evaluate_parser, Parser, Tagger};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, d: &str| PathBuf::from(args.get(i).map_or(d, String::as_str));
    let parser_path = arg(0, "models/parser.bin");
    let tagger_path = arg(1, "models/tagger.bin");
    let gold_path = arg(2, "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu");
    let run = || -> Result<(), sitrep_syntax::SyntaxError> {
        let t0 = Instant::now();
        let mut parser = Parser::load(&parser_path)?;
        let load = t0.elapsed();
        // Experiment knob: prune further before scoring, to trade size for accuracy.
        if let Some(v) = std::env::var("SITREP_PRUNE")
            .ok()
            .and_then(|v| v.parse::<f32>().ok())
        {
            parser.prune(v);
            println!(
                "pruned at {v}: {} bytes, {:?} (features, weights)",
                parser.to_bytes().len(),
                parser.sizes()
            );
        }
        let tagger = Tagger::load(&tagger_path)?;
        let gold = read_conllu(&gold_path)?;
        let s = evaluate_parser(&parser, &tagger, &gold);
        println!(
            "parser {} loaded in {:.0} ms ({})",
            parser_path.display(),
            load.as_secs_f64() * 1e3,
            parser.info()
        );
        println!(
            "gold   {} ({} words, gold tokenization, predicted UPOS)",
            gold_path.display(),
            s.words
        );
        println!("UAS    {:.2}%", s.uas * 100.0);
        println!(
            "LAS    {:.2}%  (universal relations, as the CoNLL 2018 scorer)",
            s.las * 100.0
        );
        println!(
            "LAS    {:.2}%  (full relations with subtypes)",
            s.las_full * 100.0
        );
        // Speed: parse every sentence with pre-computed tags, single thread, best of 3 runs.
        let sents: Vec<(Vec<&str>, Vec<&str>)> = gold
            .iter()
            .map(|s| {
                let w = s.forms();
                let t = tagger.tag(&w).into_iter().map(|l| tagger.upos(l)).collect();
                (w, t)
            })
            .collect();
        let mut best = f64::INFINITY;
        let mut sink = 0u64;
        for _ in 0..3 {
            let t = Instant::now();
            for (w, p) in &sents {
                sink += parser
                    .parse(w, p)
                    .iter()
                    .map(|x| u64::from(x.0))
                    .sum::<u64>();
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "speed  {:.0} tokens/s parsing only (single thread; checksum {sink})",
            s.words as f64 / best
        );
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
