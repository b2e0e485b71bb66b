//! Trains the tagger and lemmatizer on a CoNLL-U treebank.
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example train -- TRAIN DEV OUT [EPOCHS] [ENSEMBLE]
//! ```
//! `TRAIN` may name several files separated by commas (read in that order, as one treebank);
//! `DEV` `-` means none: every epoch is trained and the last one kept (with a dev file, the
//! epoch with the best dev UPOS). Defaults are the shipped model's
//! ([`TrainConfig::shipped`]): 10 epochs, `ENSEMBLE` 8 (train that many taggers with
//! consecutive seeds and save their average).
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use sitrep_syntax::conllu::read_treebanks;
use sitrep_syntax::{train_sentences, TrainConfig};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!(
            "usage: train TRAIN.conllu[,MORE.conllu] DEV.conllu|- OUT.bin [EPOCHS] [ENSEMBLE]"
        );
        return ExitCode::from(2);
    }
    // The shipped model's settings, unless told otherwise.
    let mut cfg = TrainConfig::shipped();
    if let Some(e) = args.get(3) {
        match e.parse() {
            Ok(n) => cfg.epochs = n,
            Err(_) => {
                eprintln!("EPOCHS must be a number, got {e:?}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(e) = args.get(4) {
        match e.parse() {
            Ok(n) if n >= 1 => cfg.ensemble = n,
            _ => {
                eprintln!("ENSEMBLE must be a number of at least 1, got {e:?}");
                return ExitCode::from(2);
            }
        }
    }
    // Tuning knobs for experiments (defaults are the documented settings).
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = env("SITREP_PRUNE") {
        cfg.prune = v as f32;
    }
    if let Some(v) = env("SITREP_AMBIG_MIN") {
        cfg.ambig_min_count = v as u32;
    }
    if let Some(v) = env("SITREP_TAGDICT_SHARE") {
        cfg.tagdict_min_share = v as f32;
    }
    if let Some(v) = std::env::var("SITREP_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        cfg.seed = v;
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
        println!(
            "train: {} sentences, dev: {} sentences",
            train.len(),
            dev.len()
        );
        let model = train_sentences(&train, &dev, &cfg, &mut |r| {
            println!(
                "epoch {:2}: train {:.2}%  dev UPOS {:.2}%  XPOS {:.2}%  lemma {:.2}%  ({:.1}s)",
                r.epoch,
                r.train_accuracy * 100.0,
                r.dev.upos * 100.0,
                r.dev.xpos * 100.0,
                r.dev.lemma * 100.0,
                r.seconds
            );
        })?;
        let out = PathBuf::from(&args[2]);
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| sitrep_syntax::SyntaxError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        model.save(&out)?;
        let (feats, weights) = model.sizes();
        let (exc, rules) = model.lemmatizer().sizes();
        println!("{}", model.info());
        println!(
            "wrote {} ({} bytes): {feats} features, {weights} weights, {} labels, \
             {exc} lemma exceptions, {rules} lemma rules; {:.1}s in all",
            out.display(),
            std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0),
            model.num_labels(),
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
