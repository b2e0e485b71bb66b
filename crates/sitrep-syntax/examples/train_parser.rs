//! Trains the dependency parser on a CoNLL-U treebank, with tags predicted by the tagger.
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example train_parser -- TRAIN DEV TAGGER OUT [EPOCHS]
//! ```
//! `TRAIN` may name several files separated by commas (read in that order, as one treebank);
//! `DEV` `-` means none: every epoch is trained and the last one kept.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use sitrep_syntax::conllu::read_treebanks;
use sitrep_syntax::{train_parser_with, ParserConfig, Tagger};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!(
            "usage: train_parser TRAIN.conllu[,MORE.conllu] DEV.conllu|- TAGGER.bin OUT.bin [EPOCHS]"
        );
        return ExitCode::from(2);
    }
    let mut cfg = ParserConfig::default();
    if let Some(e) = args.get(4) {
        match e.parse() {
            Ok(n) => cfg.epochs = n,
            Err(_) => {
                eprintln!("EPOCHS must be a number, got {e:?}");
                return ExitCode::from(2);
            }
        }
    }
    // Tuning knobs for experiments (defaults are the documented settings).
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = env("SITREP_PRUNE") {
        cfg.prune = v as f32;
    }
    if let Some(v) = env("SITREP_XPOS_DROPOUT") {
        cfg.xpos_dropout = v;
    }
    if let Some(v) = env("SITREP_EXPLORE_P") {
        cfg.explore_p = v;
    }
    if let Some(v) = env("SITREP_JACKKNIFE_ENSEMBLE") {
        cfg.jackknife_ensemble = v as usize;
    }
    if let Some(v) = std::env::var("SITREP_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        cfg.seed = v;
    }
    if std::env::var("SITREP_DECODING").as_deref() == Ok("transition-first") {
        cfg.decoding = sitrep_syntax::Decoding::TransitionFirst;
    }
    let t0 = Instant::now();
    let run = || -> Result<(), sitrep_syntax::SyntaxError> {
        let train = read_treebanks(&args[0].split(',').collect::<Vec<_>>())?;
        let dev = if args[1] == "-" {
            &[][..]
        } else {
            std::slice::from_ref(&args[1])
        };
        let dev = read_treebanks(dev)?;
        let tagger = Tagger::load(&PathBuf::from(&args[2]))?;
        println!(
            "train: {} sentences, dev: {} sentences",
            train.len(),
            dev.len()
        );
        let parser = train_parser_with(&train, &dev, &tagger, &cfg, &mut |r| {
            println!(
                "epoch {:2}: train {:.2}%  dev UAS {:.2}%  LAS {:.2}%  (full labels {:.2}%)  {:.1}s",
                r.epoch,
                r.train_accuracy * 100.0,
                r.dev.uas * 100.0,
                r.dev.las * 100.0,
                r.dev.las_full * 100.0,
                r.seconds
            );
        })?;
        let out = PathBuf::from(&args[3]);
        parser.save(&out)?;
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        let (feats, weights) = parser.sizes();
        println!("{}", parser.info());
        println!(
            "wrote {} ({:.1} MB, {feats} features, {weights} weights) in {:.0} s",
            out.display(),
            size as f64 / 1e6,
            t0.elapsed().as_secs_f64()
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
