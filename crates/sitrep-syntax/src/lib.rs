//! Part-of-speech tagging (UPOS + XPOS) and lemmatization for English, trained by our own code
//! on UD English EWT.
//!
//! - [`conllu`]: a CoNLL-U reader and writer;
//! - [`Tagger`]: a greedy averaged-perceptron tagger over hashed features, predicting a joint
//!   `UPOS|XPOS` label, with a tag dictionary for frequent unambiguous words;
//! - [`Lemmatizer`]: an exceptions table plus longest-suffix edit rules per UPOS;
//! - [`train()`] / [`evaluate()`]: training and scoring with gold tokenization;
//! - [`SentenceModel`]: sentence boundaries learned from a treebank, revising the rule
//!   splitter's ([`sentences`]);
//! - [`TaggerStage`]: the `tagger` pipeline stage, filling `Token::upos` and `Token::lemma`;
//!   [`SentenceStage`]: the `sentences` stage.
//!
//! Models are stored in a compact little-endian binary format (see [`binfmt`]); corrupt or
//! truncated files give a [`SyntaxError::Model`] naming the file.
//!
//! ```
//! use std::path::Path;
//! use sitrep_syntax::conllu::parse_conllu;
//! use sitrep_syntax::{train_sentences, Tagger, TrainConfig};
//!
//! let text = "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
//!             2\tdogs\tdog\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
//!             3\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";
//! let data = parse_conllu(text, Path::new("toy.conllu")).unwrap();
//! let model = train_sentences(&data, &[], &TrainConfig::default(), &mut |_| {}).unwrap();
//! let bytes = model.to_bytes();
//! let model = Tagger::from_bytes(&bytes, Path::new("toy.bin")).unwrap();
//! let an = model.analyze(&["the", "dogs", "barked"]);
//! assert_eq!(an[1].upos, "NOUN");
//! assert_eq!(an[1].lemma, "dog");
//! assert!(Tagger::from_bytes(&bytes[..10], Path::new("toy.bin")).is_err());
//! ```
#![deny(missing_docs)]

pub mod binfmt;
pub mod conllu;
mod error;
pub mod lemma;
mod parser;
mod perceptron;
pub mod sentences;
mod stage;
mod table;
mod tagger;
mod train;

pub use error::SyntaxError;
pub use lemma::{LemmaReach, Lemmatizer};
pub use parser::{
    evaluate_parser, train_parser, train_parser_with, Decoding, ParseScores, Parser, ParserConfig,
    ParserEpoch,
};
pub use sentences::{
    evaluate_sentence_model, sentence_end_labels, train_sentence_model, SentenceExample,
    SentenceModel, SentenceScores,
};
pub use stage::{ParserStage, SentenceStage, TaggerStage};
pub use tagger::{normalize_form, Analysis, Tagger};
pub use train::{
    evaluate, evaluate_sentences, train, train_sentences, EpochReport, Model, Scores, TrainConfig,
};
