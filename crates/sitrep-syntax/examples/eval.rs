//! Scores a model on a gold CoNLL-U file with gold tokenization, and measures speed.
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example eval -- [MODEL] [GOLD]
//! ```
//! Defaults: `models/tagger.bin` and `../shared/data/ud-english-ewt/en_ewt-ud-test.conllu`.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use sitrep_syntax::conllu::read_conllu;
use sitrep_syntax::{evaluate_sentences, Tagger};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model_path = PathBuf::from(args.first().map_or("models/tagger.bin", String::as_str));
    let gold_path = PathBuf::from(args.get(1).map_or(
        "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu",
        String::as_str,
    ));
    let run = || -> Result<(), sitrep_syntax::SyntaxError> {
        let t0 = Instant::now();
        let model = Tagger::load(&model_path)?;
        let load = t0.elapsed();
        let gold = read_conllu(&gold_path)?;
        let s = evaluate_sentences(&model, &gold);
        println!(
            "model {} loaded in {:.0} ms",
            model_path.display(),
            load.as_secs_f64() * 1e3
        );
        println!(
            "gold  {} ({} words, gold tokenization)",
            gold_path.display(),
            s.words
        );
        println!("UPOS     {:.2}%", s.upos * 100.0);
        println!("XPOS     {:.2}%", s.xpos * 100.0);
        println!("UPOS+XPOS {:.2}%", s.all_tags * 100.0);
        println!("lemma    {:.2}%", s.lemma * 100.0);
        if std::env::var_os("SITREP_ERRORS").is_some() {
            // Most frequent lemma errors (gold form/UPOS -> predicted vs gold lemma).
            let mut errs: std::collections::HashMap<String, usize> = Default::default();
            for sent in &gold {
                let an = model.analyze(&sent.forms());
                for (t, a) in sent.tokens.iter().zip(&an) {
                    if a.lemma != t.lemma {
                        let k = format!(
                            "{} {} -> {} (gold {} {})",
                            t.form, a.upos, a.lemma, t.upos, t.lemma
                        );
                        *errs.entry(k).or_default() += 1;
                    }
                }
            }
            let mut v: Vec<_> = errs.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (k, n) in v.iter().take(40) {
                println!("{n:5} {k}");
            }
        }
        // Speed: tag and lemmatize every sentence, single thread, best of 3 runs.
        let sents: Vec<Vec<&str>> = gold.iter().map(|s| s.forms()).collect();
        let mut best = f64::INFINITY;
        let mut sink = 0usize;
        for _ in 0..3 {
            let t = Instant::now();
            for w in &sents {
                sink += model
                    .analyze(w)
                    .iter()
                    .map(|a| a.lemma.len())
                    .sum::<usize>();
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        let tagged = Instant::now();
        for w in &sents {
            sink += model.tag(w).len();
        }
        let tag_only = tagged.elapsed().as_secs_f64();
        println!(
            "speed    {:.0} tokens/s tagging+lemmatizing, {:.0} tokens/s tagging only \
             (single thread; checksum {sink})",
            s.words as f64 / best,
            s.words as f64 / tag_only
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
