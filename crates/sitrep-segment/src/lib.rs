//! Text cleaning, sentence splitting and tokenization with byte offsets.
//!
//! [`Segmenter`] is the `segment` pipeline stage. It runs three steps, each a public function
//! that can be tested or replaced alone:
//!
//! 1. [`clean()`] classifies lines into headline, body and boilerplate [`Zone`]s
//!    (`clean:subscription`, `clean:copyright`, `clean:share-button`, ...);
//! 2. [`split_sentences`] splits headline and body zones into [`Sentence`]s (boilerplate gets
//!    none), handling abbreviations, quotes, ellipses, decimals and line breaks;
//! 3. [`tokenize`] fills the token layer and each sentence's token range.
//!
//! All offsets are byte offsets into the original text; nothing is deleted or rewritten. All
//! steps run in linear time and never panic on any input.
//!
//! ```
//! use sitrep_doc::{Document, Metadata, Stage, ZoneKind};
//! use sitrep_segment::Segmenter;
//!
//! let text = "Rebels Seize Town\n\nU.S. officials said rebels seized the town. \
//!             Iraq’s army withdrew.\n\nCopyright © 2025 Example Media. All Rights Reserved.";
//! let mut doc = Document::new("a1", text, Metadata::default());
//! Segmenter::new().process(&mut doc).unwrap();
//! assert_eq!(doc.zones[0].kind, ZoneKind::Headline);
//! assert_eq!(doc.zones[2].kind, ZoneKind::Boilerplate);
//! assert_eq!(doc.sentences.len(), 3);
//! assert!(doc.sentences[0].headline);
//! let words: Vec<&str> = doc.sentence_tokens(2).iter().map(|t| doc.slice(t.span)).collect();
//! assert_eq!(words, ["Iraq", "’s", "army", "withdrew", "."]);
//! assert!(doc.validate().is_ok());
//! ```
#![deny(missing_docs)]

pub mod clean;
pub mod sentences;
pub mod tokens;

pub use clean::{clean, match_cue, Cue, CueMode, CUES};
pub use sentences::{split_sentences, MAX_SENTENCE_TOKENS};
pub use tokens::{tokenize, tokenize_span};

use sitrep_doc::{Document, Layer, Sentence, Stage, StageError, Token, Zone, ZoneKind};

/// The three layers one segmentation run produces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Headline, body and boilerplate zones.
    pub zones: Vec<Zone>,
    /// Sentences of headline and body zones, with token ranges set.
    pub sentences: Vec<Sentence>,
    /// Tokens of all sentences.
    pub tokens: Vec<Token>,
}

/// Runs [`clean()`], [`split_sentences`] and [`tokenize`] over `text`.
pub fn segment_text(text: &str) -> Segmentation {
    segment_zones(text, clean(text))
}

/// Sentences and tokens inside the given zones.
fn segment_zones(text: &str, zones: Vec<Zone>) -> Segmentation {
    let mut sentences = split_sentences(text, &zones);
    let tokens = tokenize(text, &mut sentences);
    Segmentation {
        zones,
        sentences,
        tokens,
    }
}

/// Segmentation that keeps every zone as running text: boilerplate cues are still recorded in
/// each zone's `rule`, but nothing is dropped (for treebanks and linguistic inspection).
pub fn segment_text_keep_all(text: &str) -> Segmentation {
    let zones: Vec<Zone> = clean(text)
        .into_iter()
        .map(|mut z| {
            if z.kind == ZoneKind::Boilerplate {
                z.kind = ZoneKind::Body;
                z.rule = format!("{} (kept)", z.rule);
            }
            z
        })
        .collect();
    segment_zones(text, zones)
}

/// The `segment` stage: writes zones, sentences and tokens (replacing any already present).
#[derive(Debug, Clone, Copy, Default)]
pub struct Segmenter {
    keep_boilerplate: bool,
}

impl Segmenter {
    /// Name of the stage.
    pub const NAME: &'static str = "segment";

    /// A segmenter with the default rules: boilerplate yields no sentences.
    pub fn new() -> Segmenter {
        Segmenter {
            keep_boilerplate: false,
        }
    }

    /// A segmenter that segments every zone, boilerplate included (`sitrep parse`, treebanks).
    pub fn keep_all() -> Segmenter {
        Segmenter {
            keep_boilerplate: true,
        }
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Zones, Layer::Sentences, Layer::Tokens]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let bytes = doc.text().len();
        let limit = u32::MAX as usize;
        if bytes > limit {
            return Err(StageError::TooLarge {
                stage: Self::NAME,
                bytes,
                limit,
            });
        }
        let seg = if self.keep_boilerplate {
            segment_text_keep_all(doc.text())
        } else {
            segment_text(doc.text())
        };
        doc.zones = seg.zones;
        doc.sentences = seg.sentences;
        doc.tokens = seg.tokens;
        Ok(())
    }
}
