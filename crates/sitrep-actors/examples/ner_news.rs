//! Precision, recall and F1 of entity recognition on the hand-annotated news paragraphs of
//! `tests/fixtures/ner-news.jsonl` (text from the shared news corpus, which must be present).
//!
//! ```text
//! cargo run --release -p sitrep-actors --example ner_news [-- --errors]
//! ```
//!
//! Prints, per type and over all types, exact-span and overlap ("lenient") matching with
//! types, and overlap matching without types. `--errors` lists each paragraph's misses (gold
//! not found, typed overlap) and false alarms (predictions matching no gold), with the rule
//! that made them.

#[path = "../tests/common/ner.rs"]
#[allow(dead_code)]
mod ner;

use ner::{
    corpus_texts, paragraph_text, paragraphs_of, predict, score, Match, Paragraph, FIXTURE, HELDOUT,
};

fn main() {
    let errors = std::env::args().any(|a| a == "--errors");
    for (title, fixture) in [
        (
            "tests/fixtures/ner-news.jsonl (the rules were tuned on its errors)",
            FIXTURE,
        ),
        (
            "tests/fixtures/ner-news-heldout.jsonl (never tuned on)",
            HELDOUT,
        ),
    ] {
        println!("== {title}");
        report(&paragraphs_of(fixture), errors);
        println!();
    }
}

fn report(paras: &[Paragraph], errors: bool) {
    let Some(texts) = corpus_texts(paras) else {
        eprintln!("the news corpus {} is absent", ner::corpus_path().display());
        std::process::exit(2);
    };
    let preds = predict(paras, &texts);
    println!(
        "{} paragraphs, {} gold entities, {} predicted named mentions\n",
        paras.len(),
        paras.iter().map(|p| p.gold.len()).sum::<usize>(),
        preds.iter().map(Vec::len).sum::<usize>()
    );
    println!(
        "{:<8} {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "type", "gold", "pred", "exP", "exR", "exF1", "ovP", "ovR", "ovF1"
    );
    for t in [
        Some("PER"),
        Some("ORG"),
        Some("GPE"),
        Some("LOC"),
        Some("NORP"),
        None,
    ] {
        let ex = score(paras, &preds, Match::Exact, true, t);
        let ov = score(paras, &preds, Match::Overlap, true, t);
        println!(
            "{:<8} {:>5} {:>5}   {:>6.1} {:>6.1} {:>6.1}   {:>6.1} {:>6.1} {:>6.1}",
            t.unwrap_or("ALL"),
            ex.gold,
            ex.pred,
            100.0 * ex.p(),
            100.0 * ex.r(),
            100.0 * ex.f1(),
            100.0 * ov.p(),
            100.0 * ov.r(),
            100.0 * ov.f1()
        );
    }
    let ue = score(paras, &preds, Match::Exact, false, None);
    let uo = score(paras, &preds, Match::Overlap, false, None);
    println!(
        "{:<8} {:>5} {:>5}   {:>6.1} {:>6.1} {:>6.1}   {:>6.1} {:>6.1} {:>6.1}",
        "untyped",
        ue.gold,
        ue.pred,
        100.0 * ue.p(),
        100.0 * ue.r(),
        100.0 * ue.f1(),
        100.0 * uo.p(),
        100.0 * uo.r(),
        100.0 * uo.f1()
    );
    if !errors {
        return;
    }
    for (p, pr) in paras.iter().zip(&preds) {
        let text = paragraph_text(p, &texts);
        let ov = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        let mut lines = Vec::new();
        for g in &p.gold {
            match pr.iter().find(|x| ov((g.0, g.1), (x.0, x.1))) {
                Some(x) if x.2 == g.2 => {
                    if (x.0, x.1) != (g.0, g.1) {
                        lines.push(format!(
                            "  span  {} {:?} predicted {:?} ({})",
                            g.2,
                            &text[g.0..g.1],
                            &text[x.0..x.1],
                            x.3
                        ));
                    }
                }
                Some(x) => lines.push(format!(
                    "  type  {} {:?} predicted {} {:?} ({})",
                    g.2,
                    &text[g.0..g.1],
                    x.2,
                    &text[x.0..x.1],
                    x.3
                )),
                None => lines.push(format!("  miss  {} {:?}", g.2, &text[g.0..g.1])),
            }
        }
        for x in pr {
            if !p.gold.iter().any(|g| ov((g.0, g.1), (x.0, x.1))) {
                lines.push(format!("  extra {} {:?} ({})", x.2, &text[x.0..x.1], x.3));
            }
        }
        if !lines.is_empty() {
            println!("\n{} {}..{}", p.doc, p.start, p.end);
            for l in lines {
                println!("{l}");
            }
        }
    }
}
