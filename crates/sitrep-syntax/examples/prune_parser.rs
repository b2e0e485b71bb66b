//! Drops small weights from a parser model to make it smaller and faster:
//! `cargo run --release -p sitrep-syntax --example prune_parser -- IN OUT MIN_ABS`
//! (the shipped `models/parser.bin` is the trained model pruned at 2).

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, min] = args.as_slice() else {
        eprintln!("usage: prune_parser IN OUT MIN_ABS");
        std::process::exit(2);
    };
    let Ok(min) = min.parse::<f32>() else {
        eprintln!("MIN_ABS must be a number, got {min:?}");
        std::process::exit(2);
    };
    let result = sitrep_syntax::Parser::load(Path::new(input)).and_then(|mut p| {
        p.prune(min);
        p.save(Path::new(output))
    });
    match result {
        Ok(()) => println!("wrote {output}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
