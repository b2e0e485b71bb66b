//! Parser tests: a tiny treebank learns, model files round-trip and fail with clear errors,
//! output is always a tree, and (when present) the trained model parses a news sentence.

use std::path::{Path, PathBuf};

use sitrep_syntax::conllu::{parse_conllu, ConlluSentence};
use sitrep_syntax::{
    evaluate_parser, train_parser, train_parser_with, train_sentences, Decoding, Parser,
    ParserConfig, Tagger, TrainConfig,
};

/// A toy treebank: `form/UPOS/head/deprel` words.
fn toy() -> Vec<ConlluSentence> {
    let sents = [
        "the/DET/2/det dog/NOUN/3/nsubj barks/VERB/0/root ./PUNCT/3/punct",
        "a/DET/2/det cat/NOUN/3/nsubj sees/VERB/0/root the/DET/5/det bird/NOUN/3/obj ./PUNCT/3/punct",
        "the/DET/2/det bird/NOUN/3/nsubj sees/VERB/0/root a/DET/5/det dog/NOUN/3/obj ./PUNCT/3/punct",
        "dogs/NOUN/2/nsubj bark/VERB/0/root loudly/ADV/2/advmod ./PUNCT/2/punct",
        "a/DET/2/det cat/NOUN/3/nsubj chases/VERB/0/root the/DET/5/det dog/NOUN/3/obj ./PUNCT/3/punct",
        "the/DET/2/det dog/NOUN/3/nsubj chases/VERB/0/root a/DET/5/det cat/NOUN/3/obj ./PUNCT/3/punct",
    ];
    let mut text = String::new();
    for s in sents {
        for (i, w) in s.split(' ').enumerate() {
            let p: Vec<&str> = w.split('/').collect();
            text.push_str(&format!(
                "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t_\n",
                i + 1,
                p[0],
                p[1],
                p[2],
                p[3]
            ));
        }
        text.push('\n');
    }
    let mut out = parse_conllu(&text, Path::new("toy")).unwrap();
    // XPOS is needed by the tagger trainer only as a label part.
    for s in &mut out {
        for t in &mut s.tokens {
            t.xpos = t.upos.clone();
        }
    }
    out
}

fn toy_models() -> (Tagger, Parser) {
    let data = toy();
    let cfg = TrainConfig {
        epochs: 10,
        prune: 0.0,
        ..TrainConfig::default()
    };
    let tagger = train_sentences(&data, &[], &cfg, &mut |_| {}).unwrap();
    // Default pruning (weights below 1.0) suits the full treebank, not six sentences.
    let pcfg = ParserConfig {
        epochs: 15,
        prune: 0.0,
        ..ParserConfig::default()
    };
    let parser = train_parser_with(&data, &data, &tagger, &pcfg, &mut |_| {}).unwrap();
    assert!(train_parser(&[], &[], &tagger, 1).is_err());
    (tagger, parser)
}

#[test]
fn tiny_treebank_learns() {
    let (tagger, parser) = toy_models();
    let s = evaluate_parser(&parser, &tagger, &toy());
    assert_eq!(s.words, 32);
    assert!(s.uas > 0.95 && s.las > 0.95, "{s:?}");
    let tree = parser.parse(
        &["the", "cat", "sees", "a", "dog", "."],
        &["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
    );
    assert_eq!(tree[1], (3, "nsubj"));
    assert_eq!(tree[2], (0, "root"));
    assert_eq!(tree[4], (3, "obj"));
    // Serialization keeps the model (weights are stored with 16-bit precision).
    let back = Parser::from_bytes(&parser.to_bytes(), Path::new("toy.bin")).unwrap();
    assert_eq!(back.labels(), parser.labels());
    assert_eq!(back.sizes(), parser.sizes());
    for s in toy() {
        let w = s.forms();
        let t: Vec<&str> = s.tokens.iter().map(|t| t.upos.as_str()).collect();
        assert_eq!(back.parse(&w, &t), parser.parse(&w, &t));
        assert_eq!(
            back.parse_tagged(&w, &t, &t),
            parser.parse_tagged(&w, &t, &t)
        );
    }
    // With XPOS (the toy's XPOS equals its UPOS) the toy is learned as well.
    let tree = parser.parse_tagged(
        &["the", "cat", "sees", "a", "dog", "."],
        &["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
        &["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
    );
    assert_eq!(tree[1], (3, "nsubj"));
    assert_eq!(tree[2], (0, "root"));
}

/// A parser trained to decode transition first learns the toy as well, and its file keeps
/// the decoding.
#[test]
fn transition_first_parser_learns_and_round_trips() {
    let (tagger, joint) = toy_models();
    assert_eq!(joint.decoding(), Decoding::Joint);
    let data = toy();
    let cfg = ParserConfig {
        epochs: 15,
        prune: 0.0,
        decoding: Decoding::TransitionFirst,
        ..ParserConfig::default()
    };
    let parser = train_parser_with(&data, &data, &tagger, &cfg, &mut |_| {}).unwrap();
    assert_eq!(parser.decoding(), Decoding::TransitionFirst);
    let s = evaluate_parser(&parser, &tagger, &data);
    assert!(s.uas > 0.95 && s.las > 0.95, "{s:?}");
    let back = Parser::from_bytes(&parser.to_bytes(), Path::new("toy.bin")).unwrap();
    assert_eq!(back.decoding(), Decoding::TransitionFirst);
    for s in &data {
        let w = s.forms();
        let t: Vec<&str> = s.tokens.iter().map(|t| t.upos.as_str()).collect();
        assert_eq!(back.parse(&w, &t), parser.parse(&w, &t));
    }
    let tree = back.parse(
        &["the", "cat", "sees", "a", "dog", "."],
        &["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
    );
    assert_eq!(tree[1], (3, "nsubj"));
    assert_eq!(tree[4], (3, "obj"));
}

#[test]
fn corrupt_and_truncated_models_name_the_file() {
    let (_, parser) = toy_models();
    let bytes = parser.to_bytes();
    let p = Path::new("models/broken-parser.bin");
    for cut in [0, 7, 30, bytes.len() / 2, bytes.len() - 1] {
        let e = Parser::from_bytes(&bytes[..cut], p)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("model file models/broken-parser.bin:"), "{e}");
    }
    let mut bad = bytes.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x21;
    let e = Parser::from_bytes(&bad, p).unwrap_err().to_string();
    assert!(
        e.contains("broken-parser.bin") && e.contains("checksum"),
        "{e}"
    );
    let e = Parser::load(Path::new("/nonexistent/parser.bin"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("/nonexistent/parser.bin"), "{e}");
    // A tagger model is not a parser model.
    let (tagger, _) = toy_models();
    let e = Parser::from_bytes(&tagger.to_bytes(), Path::new("tagger.bin"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("tagger.bin") && e.contains("DLAB"), "{e}");
}

/// Every word has one head in range, exactly one word hangs from the root, no cycles.
fn assert_tree(tree: &[(u32, &str)], n: usize) {
    assert_eq!(tree.len(), n);
    if n == 0 {
        return;
    }
    let roots = tree.iter().filter(|(h, _)| *h == 0).count();
    assert_eq!(roots, 1, "{tree:?}");
    for (i, (h, l)) in tree.iter().enumerate() {
        assert!((*h as usize) <= n && *h as usize != i + 1, "{tree:?}");
        assert!(!l.is_empty());
        // Walk to the root in at most n steps.
        let mut cur = i + 1;
        let mut steps = 0;
        while cur != 0 {
            cur = tree[cur - 1].0 as usize;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", i + 1);
        }
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn output_is_always_a_tree() {
    let (_, parser) = toy_models();
    let vocab = [
        "the", "dog", "cat", ".", "sees", "a", "", "日本", "\u{0}", "BAGHDAD", "--", "zzz",
    ];
    let tags = ["DET", "NOUN", "VERB", "PUNCT", "X", "ADV", "bogus"];
    let mut rng = Rng(99);
    for round in 0..300 {
        let n = match round {
            0 => 0,
            1 => 1,
            2 => 1500,
            _ => (rng.next() % 40) as usize,
        };
        let words: Vec<&str> = (0..n)
            .map(|_| vocab[(rng.next() % vocab.len() as u64) as usize])
            .collect();
        // Sometimes fewer tags than words.
        let m = if round % 7 == 0 { n / 2 } else { n };
        let upos: Vec<&str> = (0..m)
            .map(|_| tags[(rng.next() % tags.len() as u64) as usize])
            .collect();
        let tree = parser.parse(&words, &upos);
        assert_tree(&tree, n);
        let xpos: Vec<&str> = upos.iter().rev().skip(round % 3).copied().collect();
        assert_tree(&parser.parse_tagged(&words, &upos, &xpos), n);
    }
}

fn shared_models() -> Option<(Tagger, Parser)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let parser: PathBuf = root.join("models/parser.bin");
    let tagger = root.join("models/tagger.bin");
    if !parser.exists() || !tagger.exists() || !root.join("../shared").exists() {
        eprintln!("skipped: models/parser.bin, models/tagger.bin or ../shared is absent");
        return None;
    }
    Some((
        Tagger::load(&tagger).expect("tagger loads"),
        Parser::load(&parser).expect("parser loads"),
    ))
}

#[test]
fn trained_model_finds_passive_subject_and_agent() {
    let Some((tagger, parser)) = shared_models() else {
        return;
    };
    let words = [
        "The",
        "Houthis",
        "have",
        "been",
        "targeted",
        "by",
        "US",
        "airstrikes",
        ".",
    ];
    let upos: Vec<&str> = tagger
        .tag(&words)
        .into_iter()
        .map(|l| tagger.upos(l))
        .collect();
    let tree = parser.parse(&words, &upos);
    assert_tree(&tree, words.len());
    assert_eq!(tree[1], (5, "nsubj:pass"), "{tree:?}");
    let (u, x): (Vec<&str>, Vec<&str>) = tagger
        .analyze(&words)
        .into_iter()
        .map(|a| (a.upos, a.xpos))
        .unzip();
    let tagged = parser.parse_tagged(&words, &u, &x);
    assert_tree(&tagged, words.len());
    assert_eq!(tagged[1], (5, "nsubj:pass"), "{tagged:?}");
    assert_eq!(tagged[4].0, 0, "{tagged:?}");
    assert_eq!(tagged[7].0, 5, "{tagged:?}");
    assert_eq!(tree[4].0, 0, "{tree:?}");
    assert_eq!(tree[7].0, 5, "{tree:?}");
    assert!(matches!(tree[7].1, "obl" | "obl:agent"), "{tree:?}");
    // A very long sentence parses, as a tree, quickly.
    let long: Vec<&str> = words.iter().cycle().take(5000).copied().collect();
    let tags: Vec<&str> = upos.iter().cycle().take(5000).copied().collect();
    let t = std::time::Instant::now();
    assert_tree(&parser.parse(&long, &tags), 5000);
    assert!(t.elapsed().as_secs() < 5);
}
