//! Prints every mention (including resolved pronouns) and event of a text read from stdin:
//! `echo "Hungary said it will ..." | cargo run -p sitrep-pipeline --example mentions`.

use std::io::Read;

use sitrep_doc::{Document, Metadata};

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("stdin is not UTF-8");
        std::process::exit(2);
    }
    let pipeline = sitrep_pipeline::Pipeline::standard().expect("pipeline");
    let mut doc = Document::new("stdin", text, Metadata::default());
    if let Err(e) = pipeline.run(&mut doc) {
        eprintln!("{e}");
        std::process::exit(1);
    }
    for m in &doc.mentions {
        println!(
            "{:>5}..{:<5} {:<8?} {:<28} {:<24} modifier={} {}",
            m.span.start,
            m.span.end,
            m.etype,
            format!("{:?}", doc.slice(m.span)),
            m.actor.as_deref().unwrap_or("-"),
            m.modifier,
            m.rule
        );
    }
    for e in &doc.events {
        let names = |r: &[sitrep_doc::RoleFiller]| {
            r.iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join(" + ")
        };
        println!(
            "{} {} -> {} [{}] {}",
            e.etype,
            names(&e.source),
            names(&e.recipient),
            e.factuality.as_str(),
            e.rule
        );
    }
}
