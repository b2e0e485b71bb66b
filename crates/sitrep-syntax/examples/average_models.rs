//! Averages tagger or parser models trained on the same treebank with different seeds into
//! one model whose scores are the mean of theirs (an ensemble at the cost of one model):
//!
//! ```text
//! cargo run --release -p sitrep-syntax --example average_models -- tagger|parser OUT IN1 IN2 [...]
//! ```
use std::path::Path;
use std::process::ExitCode;

use sitrep_syntax::{Parser, SyntaxError, Tagger};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(kind), Some(out), inputs) = (args.first(), args.get(1), args.get(2..)) else {
        eprintln!("usage: average_models tagger|parser OUT IN1 [IN2 ...]");
        return ExitCode::from(2);
    };
    let inputs = inputs.unwrap_or(&[]);
    let describe =
        |infos: Vec<&str>| format!("average of {} models: {}", infos.len(), infos.join(" | "));
    let run = || -> Result<(), SyntaxError> {
        match kind.as_str() {
            "parser" => {
                let models = inputs
                    .iter()
                    .map(|p| Parser::load(Path::new(p)))
                    .collect::<Result<Vec<_>, _>>()?;
                let info = describe(models.iter().map(Parser::info).collect());
                Parser::average(&models, &info)?.save(Path::new(out))
            }
            "tagger" => {
                let models = inputs
                    .iter()
                    .map(|p| Tagger::load(Path::new(p)))
                    .collect::<Result<Vec<_>, _>>()?;
                let info = describe(models.iter().map(Tagger::info).collect());
                Tagger::average(&models, &info)?.save(Path::new(out))
            }
            _ => Err(SyntaxError::Training(format!(
                "unknown model kind {kind:?} (tagger or parser)"
            ))),
        }
    };
    match run() {
        Ok(()) => {
            println!("wrote {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
