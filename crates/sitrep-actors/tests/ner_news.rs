//! Entity recognition measured on news text we did not tune on: 32 paragraphs of the shared
//! news corpus (`shared/data/news-corpus/news.jsonl`, InSight Crime and SATP articles), chosen
//! mechanically (every 82nd InSight Crime and every 120th SATP document, the first ~300-600
//! bytes after the headline) and annotated by hand in `tests/fixtures/ner-news.jsonl`.
//! The corpus is not part of the repository: without it the tests are skipped with a message.
//! `cargo run --release -p sitrep-actors --example ner_news -- --errors` prints the figures.

#[path = "common/ner.rs"]
#[allow(dead_code)]
mod ner;

use ner::{corpus_texts, paragraph_text, paragraphs, predict, score, Match};

#[test]
fn fixture_is_well_formed() {
    let paras = paragraphs();
    assert!(paras.len() >= 30, "{} paragraphs", paras.len());
    let docs: std::collections::HashSet<&str> = paras.iter().map(|p| p.doc.as_str()).collect();
    assert_eq!(docs.len(), paras.len(), "one paragraph per document");
    for p in &paras {
        assert!(p.start < p.end, "{}", p.doc);
        let mut last = 0;
        for &(a, b, _) in &p.gold {
            assert!(a < b && b <= p.end - p.start, "{} {a}..{b}", p.doc);
            assert!(a >= last, "{}: entities sorted and disjoint", p.doc);
            last = b;
        }
    }
    assert!(paras.iter().map(|p| p.gold.len()).sum::<usize>() >= 200);
}

#[test]
fn recognition_on_unseen_news_keeps_its_floors() {
    let paras = paragraphs();
    let Some(texts) = corpus_texts(&paras) else {
        eprintln!(
            "skipped: the news corpus {} is absent",
            ner::corpus_path().display()
        );
        return;
    };
    for p in &paras {
        let text = paragraph_text(p, &texts);
        for &(a, b, _) in &p.gold {
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        }
    }
    let preds = predict(&paras, &texts);
    let untyped = score(&paras, &preds, Match::Overlap, false, None);
    let lenient = score(&paras, &preds, Match::Overlap, true, None);
    let exact = score(&paras, &preds, Match::Exact, true, None);
    let per = score(&paras, &preds, Match::Overlap, true, Some("PER"));
    let gpe = score(&paras, &preds, Match::Overlap, true, Some("GPE"));
    eprintln!("untyped {untyped:?}\nlenient {lenient:?}\nexact {exact:?}");
    // Floors a little under the figures measured when the fixture was committed.
    let floors = [
        ("untyped overlap P", untyped.p(), FLOOR_UNTYPED_P),
        ("untyped overlap R", untyped.r(), FLOOR_UNTYPED_R),
        ("typed overlap P", lenient.p(), FLOOR_TYPED_P),
        ("typed overlap R", lenient.r(), FLOOR_TYPED_R),
        ("typed exact F1", exact.f1(), FLOOR_EXACT_F1),
        ("PER overlap R", per.r(), FLOOR_PER_R),
        ("GPE overlap R", gpe.r(), FLOOR_GPE_R),
    ];
    for (what, got, floor) in floors {
        assert!(got >= floor, "{what}: {got:.3} < floor {floor:.3}");
    }
}

const FLOOR_UNTYPED_P: f64 = 0.93;
const FLOOR_UNTYPED_R: f64 = 0.80;
const FLOOR_TYPED_P: f64 = 0.85;
const FLOOR_TYPED_R: f64 = 0.77;
const FLOOR_EXACT_F1: f64 = 0.75;
const FLOOR_PER_R: f64 = 0.70;
const FLOOR_GPE_R: f64 = 0.86;
