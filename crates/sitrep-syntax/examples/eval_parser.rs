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
            "gold   {} ({} words, gold tokenization, predicted UPOS+XPOS)",
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
        // Tags computed once: (words, UPOS, XPOS) per sentence.
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
        // UPOS only (`Parser::parse`, what callers without XPOS get).
        let (mut words, mut uas, mut las) = (0usize, 0usize, 0usize);
        for (g, (w, u, _)) in gold.iter().zip(&sents) {
            for (t, (h, l)) in g.tokens.iter().zip(parser.parse(w, u)) {
                let Some(gh) = t.head else { continue };
                words += 1;
                if gh == h {
                    uas += 1;
                    let uni = |r: &str| r.split(':').next().unwrap_or("").to_string();
                    las += usize::from(uni(&t.deprel) == uni(l));
                }
            }
        }
        println!(
            "UPOS only (parse): UAS {:.2}%  LAS {:.2}%",
            uas as f64 * 100.0 / words.max(1) as f64,
            las as f64 * 100.0 / words.max(1) as f64
        );
        // Speed, single thread, best of 3 runs: parsing only, then tagging + parsing.
        let mut best = f64::INFINITY;
        let mut sink = 0u64;
        for _ in 0..3 {
            let t = Instant::now();
            for (w, u, x) in &sents {
                sink += parser
                    .parse_tagged(w, u, x)
                    .iter()
                    .map(|p| u64::from(p.0))
                    .sum::<u64>();
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        let mut both = f64::INFINITY;
        for _ in 0..3 {
            let t = Instant::now();
            for (w, _, _) in &sents {
                let (u, x): (Vec<&str>, Vec<&str>) = tagger
                    .tag(w)
                    .into_iter()
                    .map(|l| (tagger.upos(l), tagger.xpos(l)))
                    .unzip();
                sink += parser
                    .parse_tagged(w, &u, &x)
                    .iter()
                    .map(|p| u64::from(p.0))
                    .sum::<u64>();
            }
            both = both.min(t.elapsed().as_secs_f64());
        }
        println!(
            "speed  {:.0} tokens/s parsing only, {:.0} tokens/s tagging + parsing (single \
             thread; checksum {sink})",
            s.words as f64 / best,
            s.words as f64 / both
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
