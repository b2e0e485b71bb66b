//! Writes the tagger's and the parser's outputs on a CoNLL-U file, one line per sentence, so
//! that two builds can be compared exactly (`diff`).
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example dump_outputs -- PARSER TAGGER GOLD > out.txt
//! ```
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use sitrep_syntax::conllu::read_conllu;
use sitrep_syntax::{Parser, Tagger};

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
        let out = std::io::stdout();
        let mut out = out.lock();
        for s in &gold {
            let w = s.forms();
            let tags = tagger.tag(&w);
            let (u, x): (Vec<&str>, Vec<&str>) = tags
                .iter()
                .map(|&l| (tagger.upos(l), tagger.xpos(l)))
                .unzip();
            let _ = writeln!(out, "T {tags:?}");
            let _ = writeln!(out, "P {:?}", parser.parse_tagged(&w, &u, &x));
            let _ = writeln!(out, "U {:?}", parser.parse(&w, &u));
        }
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
