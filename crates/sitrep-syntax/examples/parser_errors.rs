//! Where the parser goes wrong: attachment and relation errors per gold relation, on a gold
//! CoNLL-U file (gold tokenization), with predicted tags and with the gold tags, so the cost
//! of tagging errors shows beside the parser's own.
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example parser_errors -- [PARSER] [TAGGER] [GOLD]
//! ```
//! Defaults: `models/parser.bin`, `models/tagger.bin` and
//! `../shared/data/ud-english-ewt/en_ewt-ud-test.conllu`.
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use sitrep_syntax::conllu::read_conllu;
use sitrep_syntax::{Parser, Tagger};

#[derive(Default, Clone, Copy)]
struct Row {
    total: usize,
    head_wrong: usize,
    label_wrong: usize,
    gold_tags_head_wrong: usize,
}

fn universal(r: &str) -> &str {
    r.split(':').next().unwrap_or("")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, d: &str| PathBuf::from(args.get(i).map_or(d, String::as_str));
    let run = || -> Result<(), sitrep_syntax::SyntaxError> {
        let parser = Parser::load(&arg(0, "models/parser.bin"))?;
        let tagger = Tagger::load(&arg(1, "models/tagger.bin"))?;
        let gold = read_conllu(&arg(
            2,
            "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu",
        ))?;
        let mut rows: BTreeMap<String, Row> = BTreeMap::new();
        // Head errors by whether the dependent's predicted UPOS was right.
        let (mut tag_ok, mut tag_ok_wrong, mut tag_bad, mut tag_bad_wrong) = (0, 0, 0, 0);
        for s in &gold {
            let w = s.forms();
            let (u, x): (Vec<&str>, Vec<&str>) = tagger
                .tag(&w)
                .into_iter()
                .map(|l| (tagger.upos(l), tagger.xpos(l)))
                .unzip();
            let gu: Vec<&str> = s.tokens.iter().map(|t| t.upos.as_str()).collect();
            let gx: Vec<&str> = s.tokens.iter().map(|t| t.xpos.as_str()).collect();
            let pred = parser.parse_tagged(&w, &u, &x);
            let with_gold = parser.parse_tagged(&w, &gu, &gx);
            for (i, t) in s.tokens.iter().enumerate() {
                let Some(gh) = t.head else { continue };
                let r = rows.entry(universal(&t.deprel).to_string()).or_default();
                r.total += 1;
                let (h, l) = &pred[i];
                if *h != gh {
                    r.head_wrong += 1;
                } else if universal(l) != universal(&t.deprel) {
                    r.label_wrong += 1;
                }
                if with_gold[i].0 != gh {
                    r.gold_tags_head_wrong += 1;
                }
                if u[i] == t.upos {
                    tag_ok += 1;
                    tag_ok_wrong += usize::from(*h != gh);
                } else {
                    tag_bad += 1;
                    tag_bad_wrong += usize::from(*h != gh);
                }
            }
        }
        let all: usize = rows.values().map(|r| r.total).sum();
        let mut sorted: Vec<_> = rows.into_iter().collect();
        sorted.sort_by_key(|(_, r)| std::cmp::Reverse(r.head_wrong + r.label_wrong));
        println!(
            "{:<12} {:>6} {:>7} {:>7} {:>7} {:>9} {:>10}",
            "relation", "gold", "head x", "label x", "LAS %", "of errors", "gold tags"
        );
        let errors: usize = sorted
            .iter()
            .map(|(_, r)| r.head_wrong + r.label_wrong)
            .sum();
        for (name, r) in &sorted {
            let e = r.head_wrong + r.label_wrong;
            println!(
                "{:<12} {:>6} {:>7} {:>7} {:>7.2} {:>8.1}% {:>10}",
                name,
                r.total,
                r.head_wrong,
                r.label_wrong,
                100.0 * (r.total - e) as f64 / r.total.max(1) as f64,
                100.0 * e as f64 / errors.max(1) as f64,
                r.gold_tags_head_wrong
            );
        }
        let head: usize = sorted.iter().map(|(_, r)| r.head_wrong).sum();
        let gold_head: usize = sorted.iter().map(|(_, r)| r.gold_tags_head_wrong).sum();
        println!(
            "words {all}: UAS {:.2}% predicted tags, {:.2}% gold tags",
            100.0 * (all - head) as f64 / all.max(1) as f64,
            100.0 * (all - gold_head) as f64 / all.max(1) as f64
        );
        println!(
            "head errors: {:.1}% of words with a right UPOS ({tag_ok}), {:.1}% with a wrong one ({tag_bad})",
            100.0 * tag_ok_wrong as f64 / f64::from(tag_ok.max(1)),
            100.0 * tag_bad_wrong as f64 / f64::from(tag_bad.max(1))
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
