//! Integration tests of the `segment` stage.
//!
//! - `sample_*`: the running example article (`shared/samples/militias-disarm.txt`);
//! - `corpus_*`: the first 300 articles of `shared/data/news-corpus/news.jsonl`;
//! - `prop_*`: layer invariants on arbitrary strings (proptest).
//!
//! Tests that read `/work/shared` print a message and pass when it is absent.

use proptest::prelude::*;
use sitrep_doc::{Document, Metadata, Stage, TokenKind, ZoneKind};
use sitrep_segment::{segment_text, Segmenter};

const SHARED: &str = "/work/shared";

fn read_shared(rel: &str) -> Option<String> {
    let path = format!("{SHARED}/{rel}");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            println!("skipping: cannot read {path}: {e}");
            None
        }
    }
}

fn run(id: &str, text: &str) -> Document {
    let mut doc = Document::new(id, text, Metadata::default());
    Segmenter::new()
        .process(&mut doc)
        .expect("segment never fails on small texts");
    doc
}

/// Checks every invariant the segmenter promises, beyond `Document::validate`.
fn check_invariants(doc: &Document) -> Result<(), String> {
    doc.validate()?;
    let text = doc.text();
    // Zones: sorted, disjoint, trimmed, covering all non-whitespace text.
    let mut covered = vec![false; text.len()];
    let mut prev = 0;
    for z in &doc.zones {
        if z.span.start < prev || z.span.is_empty() || !z.span.is_valid_in(text) {
            return Err(format!("bad zone {:?}", z.span));
        }
        prev = z.span.end;
        let s = z.span.slice(text);
        if s.trim() != s {
            return Err(format!("zone {:?} is not trimmed", z.span));
        }
        covered[z.span.range()].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && !covered[i] {
            return Err(format!("char {c:?} at {i} is in no zone"));
        }
    }
    // Sentences: inside headline/body zones, trimmed; headline flag matches the zone.
    for s in &doc.sentences {
        let zone = doc
            .zones
            .iter()
            .find(|z| z.span.contains(s.span))
            .ok_or_else(|| format!("sentence {:?} lies in no zone", s.span))?;
        if zone.kind == ZoneKind::Boilerplate {
            return Err(format!("sentence {:?} inside boilerplate", s.span));
        }
        if s.headline != (zone.kind == ZoneKind::Headline) {
            return Err(format!("sentence {:?} has a wrong headline flag", s.span));
        }
        let t = s.span.slice(text);
        if t.trim() != t {
            return Err(format!("sentence {:?} is not trimmed", s.span));
        }
    }
    // Token ranges partition the token layer in order.
    let mut next = 0;
    for s in &doc.sentences {
        if s.tokens.0 != next {
            return Err(format!(
                "sentence {:?} token range does not continue",
                s.span
            ));
        }
        next = s.tokens.1;
    }
    if next as usize != doc.tokens.len() {
        return Err("tokens outside every sentence".into());
    }
    // Every non-whitespace char of a headline/body zone is in exactly one token.
    let mut in_token = vec![0u8; text.len()];
    for t in &doc.tokens {
        for b in &mut in_token[t.span.range()] {
            *b += 1;
        }
    }
    for z in doc.zones.iter().filter(|z| z.kind != ZoneKind::Boilerplate) {
        for (i, c) in z.span.slice(text).char_indices() {
            let at = z.span.start as usize + i;
            if !c.is_whitespace() && in_token[at] != 1 {
                return Err(format!("char {c:?} at {at} is in {} tokens", in_token[at]));
            }
        }
    }
    Ok(())
}

#[test]
fn sample_militias_disarm() {
    let Some(text) = read_shared("samples/militias-disarm.txt") else {
        return;
    };
    let doc = run("militias-disarm", &text);
    check_invariants(&doc).unwrap();

    // The last five paragraphs are boilerplate and yield no sentences.
    let paras: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    assert!(paras.len() > 5);
    for p in &paras[paras.len() - 5..] {
        let start = text.find(p).unwrap() as u32;
        let zone = doc
            .zones
            .iter()
            .find(|z| z.span.start == start)
            .expect("zone per paragraph");
        assert_eq!(zone.kind, ZoneKind::Boilerplate, "{p}");
        assert!(
            doc.sentence_at(start).is_none(),
            "sentence inside boilerplate: {p}"
        );
    }
    let rules: Vec<&str> = doc.zones.iter().map(|z| z.rule.as_str()).collect();
    for rule in [
        "clean:subscription",
        "clean:copyright",
        "clean:share-button",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }

    // The headline is a headline sentence.
    assert_eq!(doc.zones[0].kind, ZoneKind::Headline);
    assert!(doc.sentences[0].headline);
    assert_eq!(doc.slice(doc.sentences[0].span), paras[0]);
    assert!(doc.sentences[1..].iter().all(|s| !s.headline));

    // Counted by eye: 18 body paragraphs, two of them with two sentences = 20.
    let body = doc.sentences.iter().filter(|s| !s.headline).count();
    assert_eq!(body, 20);

    // Sentences end where they should.
    let sents: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    assert!(sents.contains(&"The disarmament talks come after weeks of US warnings to Iraq."));
    assert!(sents
        .iter()
        .any(|s| s.starts_with("“Trump is ready") && s.ends_with("told Reuters.")));
    assert!(sents
        .iter()
        .any(|s| s.ends_with("through “constructive dialogue.”")));

    // Tokens of interest.
    let toks: Vec<(&str, TokenKind)> = doc
        .tokens
        .iter()
        .map(|t| (doc.slice(t.span), t.kind))
        .collect();
    for w in [
        "Iranian-backed",
        "al-Sudani",
        "anti-aircraft",
        "Shi’ite",
        "long-range",
    ] {
        assert!(toks.contains(&(w, TokenKind::Word)), "{w}");
    }
    for n in ["50,000", "1,200", "2023"] {
        assert!(toks.contains(&(n, TokenKind::Number)), "{n}");
    }
    assert!(toks.contains(&("’s", TokenKind::Word)));
    assert!(toks.contains(&("–", TokenKind::Punct)));
}

#[test]
fn sample_style_abbreviations_do_not_split() {
    let text = "Headline Here\n\nThe U.S. military and U.N. envoys met Lt. Col. John A. Smith \
                at 10 a.m. on Jan. 5. He said Washington, D.C. officials agreed.";
    let doc = run("abbr", text);
    check_invariants(&doc).unwrap();
    let sents: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    assert_eq!(
        sents,
        [
            "Headline Here",
            "The U.S. military and U.N. envoys met Lt. Col. John A. Smith at 10 a.m. on Jan. 5.",
            "He said Washington, D.C. officials agreed."
        ]
    );
}

#[test]
fn corpus_first_300_articles_validate() {
    let Some(data) = read_shared("data/news-corpus/news.jsonl") else {
        return;
    };
    let mut n = 0;
    let mut sentences = 0;
    for (i, line) in data.lines().take(300).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let text = v["text"].as_str().unwrap_or_default();
        let id = v["id"]
            .as_str()
            .map_or_else(|| format!("line-{i}"), str::to_string);
        let doc = run(&id, text);
        if let Err(e) = check_invariants(&doc) {
            panic!("{id}: {e}");
        }
        assert!(
            text.trim().is_empty() || !doc.zones.is_empty(),
            "{id}: no zones"
        );
        sentences += doc.sentences.len();
        n += 1;
    }
    assert_eq!(n, 300.min(data.lines().count()));
    assert!(sentences > n, "only {sentences} sentences in {n} articles");
}

#[test]
fn prop_million_chars_without_punctuation_is_fast_and_capped() {
    let text = "lorem ipsum ".repeat(83_334);
    let start = std::time::Instant::now();
    let seg = segment_text(&text);
    assert!(start.elapsed().as_secs() < 20);
    assert!(seg
        .sentences
        .iter()
        .all(|s| s.tokens.1 - s.tokens.0 <= 1000));
    assert_eq!(seg.tokens.len(), 166_668);
    let one_word = "x".repeat(1_000_000);
    assert_eq!(segment_text(&one_word).tokens.len(), 1);
}

fn arb_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,12}",
        "[ \\n\\r\\t]{1,3}",
        "[\\x00-\\x1f\\x7f]{1,3}",
        Just("U.S. ".to_string()),
        Just("Dr. ".to_string()),
        Just("Iraq’s ".to_string()),
        Just("can't ".to_string()),
        Just("“Go,” he said. ".to_string()),
        Just("$32.95 ".to_string()),
        Just("50,000 ".to_string()),
        Just("https://x.org/a). ".to_string()),
        Just("a@b.com ".to_string()),
        Just("Subscribe today\n\n".to_string()),
        Just("Copyright © 2025 X.\n".to_string()),
        Just("... ?! — – - ".to_string()),
        Just("é\u{301} ".to_string()),
        "[a.]{1,8}",
        "[.!?\"”’']{1,5}",
        "[aA ]{50,300}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn prop_layers_valid_on_arbitrary_text(text in arb_text()) {
        let doc = run("p", &text);
        if let Err(e) = check_invariants(&doc) {
            prop_assert!(false, "{e} in {text:?}");
        }
    }

    #[test]
    fn prop_layers_valid_on_any_unicode(text in "\\PC{0,200}|(?s).{0,200}") {
        let doc = run("p", &text);
        if let Err(e) = check_invariants(&doc) {
            prop_assert!(false, "{e} in {text:?}");
        }
    }
}
