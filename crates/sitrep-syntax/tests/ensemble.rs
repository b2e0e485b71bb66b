//! Averaged models: taggers and parsers trained with different seeds average into one model
//! that scores as their ensemble; models that do not match are refused; training is
//! deterministic even where forms normalize alike.

use std::path::Path;

use sitrep_syntax::conllu::{parse_conllu, ConlluSentence};
use sitrep_syntax::{
    evaluate_parser, evaluate_sentences, train_parser_with, train_sentences, Parser, ParserConfig,
    Tagger, TrainConfig,
};

/// A toy treebank from `form/UPOS/XPOS/head/deprel` words.
fn treebank(sents: &[&str]) -> Vec<ConlluSentence> {
    let mut text = String::new();
    for s in sents {
        for (i, w) in s.split(' ').enumerate() {
            let p: Vec<&str> = w.split('/').collect();
            text.push_str(&format!(
                "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\t_\n",
                i + 1,
                p[0],
                p[1],
                p[2],
                p[3],
                p[4]
            ));
        }
        text.push('\n');
    }
    parse_conllu(&text, Path::new("toy")).unwrap()
}

fn toy() -> Vec<ConlluSentence> {
    treebank(&[
        "the/DET/DT/2/det dog/NOUN/NN/3/nsubj barks/VERB/VBZ/0/root ./PUNCT/./3/punct",
        "a/DET/DT/2/det cat/NOUN/NN/3/nsubj sees/VERB/VBZ/0/root the/DET/DT/5/det bird/NOUN/NN/3/obj ./PUNCT/./3/punct",
        "dogs/NOUN/NNS/2/nsubj bark/VERB/VBP/0/root loudly/ADV/RB/2/advmod ./PUNCT/./2/punct",
        "the/DET/DT/2/det dog/NOUN/NN/3/nsubj chases/VERB/VBZ/0/root a/DET/DT/5/det cat/NOUN/NN/3/obj ./PUNCT/./3/punct",
        "rebels/NOUN/NNS/2/nsubj attacked/VERB/VBD/0/root the/DET/DT/4/det town/NOUN/NN/2/obj ./PUNCT/./2/punct",
    ])
}

fn tagger_cfg(ensemble: usize) -> TrainConfig {
    TrainConfig {
        epochs: 6,
        prune: 0.0,
        ensemble,
        ..TrainConfig::default()
    }
}

#[test]
fn tagger_ensemble_is_the_mean_of_its_members() {
    let data = toy();
    let one = train_sentences(&data, &[], &tagger_cfg(1), &mut |_| {}).unwrap();
    let mut epochs = 0;
    let two = train_sentences(&data, &[], &tagger_cfg(2), &mut |_| epochs += 1).unwrap();
    // Both members were trained, each for every epoch.
    assert_eq!(epochs, 12);
    assert!(
        two.info().starts_with("average of 2 taggers, seeds 7 to 8"),
        "{}",
        two.info()
    );
    assert!(evaluate_sentences(&two, &data).upos > 0.99);
    // A model averaged with itself is itself: same tags, same scores.
    let same = Tagger::average(&[one.clone(), one.clone()], "self").unwrap();
    let words = ["the", "cat", "chases", "a", "bird", "."];
    assert_eq!(same.tag(&words), one.tag(&words));
    // It round-trips through the model file.
    let back = Tagger::from_bytes(&two.to_bytes(), Path::new("two.bin")).unwrap();
    assert_eq!(back.tag(&words), two.tag(&words));
    // Taggers with other labels are refused, and so is an empty list.
    let other = train_sentences(
        &treebank(&["hello/INTJ/UH/0/root"]),
        &[],
        &tagger_cfg(1),
        &mut |_| {},
    )
    .unwrap();
    let err = Tagger::average(&[one, other], "x").unwrap_err();
    assert!(err.to_string().contains("same labels"), "{err}");
    assert!(Tagger::average(&[], "x").is_err());
}

#[test]
fn tag_dictionary_does_not_depend_on_hash_order() {
    // "’s" and "'s" are one word to the tagger; each alone is frequent and unambiguous
    // enough for the tag dictionary, with different tags. Which one used to win depended on
    // the order a hash map (seeded anew for every map) visited them.
    let mut sents = Vec::new();
    for _ in 0..30 {
        sents.push("it/PRON/PRP/2/nsubj 's/AUX/VBZ/3/cop late/ADJ/JJ/0/root");
        sents.push("Kim/PROPN/NNP/3/nmod:poss ’s/PART/POS/1/case dog/NOUN/NN/0/root");
    }
    let data = treebank(&sents);
    let first = train_sentences(&data, &[], &tagger_cfg(1), &mut |_| {}).unwrap();
    for _ in 0..6 {
        let again = train_sentences(&data, &[], &tagger_cfg(1), &mut |_| {}).unwrap();
        assert!(
            again.to_bytes() == first.to_bytes(),
            "training is not deterministic"
        );
    }
    // So members always match, and an ensemble trains.
    assert!(train_sentences(&data, &[], &tagger_cfg(3), &mut |_| {}).is_ok());
}

#[test]
fn parser_average_decodes_the_ensemble() {
    let data = toy();
    let tagger = train_sentences(&data, &[], &tagger_cfg(1), &mut |_| {}).unwrap();
    let pcfg = |seed| ParserConfig {
        epochs: 10,
        prune: 0.0,
        seed,
        jackknife: 1,
        ..ParserConfig::default()
    };
    let a = train_parser_with(&data, &[], &tagger, &pcfg(11), &mut |_| {}).unwrap();
    let b = train_parser_with(&data, &[], &tagger, &pcfg(12), &mut |_| {}).unwrap();
    let avg = Parser::average(&[a.clone(), b], "two seeds").unwrap();
    assert_eq!(avg.info(), "two seeds");
    assert!(evaluate_parser(&avg, &tagger, &data).las > 0.95);
    // The average of a model with itself parses as the model does.
    let same = Parser::average(&[a.clone(), a.clone()], "self").unwrap();
    let words = ["the", "cat", "sees", "a", "dog", "."];
    let tags = ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"];
    assert_eq!(same.parse(&words, &tags), a.parse(&words, &tags));
    // Parsers with other relations are refused.
    let small = treebank(&["hello/INTJ/UH/0/root"]);
    let c = train_parser_with(&small, &[], &tagger, &pcfg(11), &mut |_| {}).unwrap();
    let err = Parser::average(&[a, c], "x").unwrap_err();
    assert!(err.to_string().contains("same relations"), "{err}");
    assert!(Parser::average(&[], "x").is_err());
}
