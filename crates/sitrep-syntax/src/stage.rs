//! The `tagger` pipeline stage.

use std::path::Path;
use std::sync::Arc;

use sitrep_doc::{Document, Layer, Stage, StageError};

use crate::{SentenceModel, SyntaxError, Tagger};

/// Fills `Token::upos`, `Token::xpos` and `Token::lemma` of every sentence's tokens. Reads the tokens and
/// sentences of the segmenter; never changes spans.
#[derive(Debug, Clone)]
pub struct TaggerStage {
    tagger: Arc<Tagger>,
}

impl TaggerStage {
    /// A stage over a loaded tagger.
    pub fn new(tagger: Arc<Tagger>) -> TaggerStage {
        TaggerStage { tagger }
    }

    /// A stage over the model file at `path`.
    pub fn load(path: &Path) -> Result<TaggerStage, SyntaxError> {
        Ok(TaggerStage::new(Arc::new(Tagger::load(path)?)))
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }
}

impl Stage for TaggerStage {
    fn name(&self) -> &'static str {
        "tagger"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        self.tag_sentences(doc, |_| true);
        Ok(())
    }
}

impl TaggerStage {
    /// Tags and lemmatizes the tokens of the sentences `wanted` (by sentence index) accepts;
    /// the others keep what they had.
    pub fn tag_sentences(&self, doc: &mut Document, wanted: impl Fn(usize) -> bool) {
        let n = doc.tokens.len();
        let mut results: Vec<(usize, String, String, String)> = Vec::with_capacity(n);
        for (si, s) in doc.sentences.iter().enumerate() {
            let (a, b) = (s.tokens.0 as usize, (s.tokens.1 as usize).min(n));
            if a >= b || !wanted(si) {
                continue;
            }
            let words: Vec<&str> = doc.tokens[a..b].iter().map(|t| doc.slice(t.span)).collect();
            for (k, an) in self.tagger.analyze(&words).into_iter().enumerate() {
                results.push((a + k, an.upos.to_string(), an.xpos.to_string(), an.lemma));
            }
        }
        for (i, upos, xpos, lemma) in results {
            if let Some(t) = doc.tokens.get_mut(i) {
                t.upos = Some(upos);
                t.xpos = Some(xpos);
                t.lemma = Some(lemma);
            }
        }
    }
}

/// Fills `Token::head` (absolute token index, `u32::MAX` for the root) and `Token::deprel`
/// from the dependency parser. Requires the tagger's UPOS.
#[derive(Debug, Clone)]
pub struct ParserStage {
    parser: Arc<crate::Parser>,
}

impl ParserStage {
    /// A stage over a loaded parser.
    pub fn new(parser: Arc<crate::Parser>) -> ParserStage {
        ParserStage { parser }
    }
}

impl Stage for ParserStage {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Syntax]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        self.parse_sentences(doc, |_| true);
        Ok(())
    }
}

impl ParserStage {
    /// Parses the sentences whose index `wanted` accepts; the others keep no head. The
    /// standard pipeline parses only sentences where the event coder found a trigger.
    pub fn parse_sentences(&self, doc: &mut Document, wanted: impl Fn(usize) -> bool) {
        let n = doc.tokens.len();
        let mut results: Vec<(usize, u32, String)> = Vec::with_capacity(n);
        for (si, s) in doc.sentences.iter().enumerate() {
            if !wanted(si) {
                continue;
            }
            let (a, b) = (s.tokens.0 as usize, (s.tokens.1 as usize).min(n));
            if a >= b {
                continue;
            }
            let words: Vec<&str> = doc.tokens[a..b].iter().map(|t| doc.slice(t.span)).collect();
            let tags: Vec<&str> = doc.tokens[a..b]
                .iter()
                .map(|t| t.upos.as_deref().unwrap_or("X"))
                .collect();
            let xpos: Vec<&str> = doc.tokens[a..b]
                .iter()
                .map(|t| t.xpos.as_deref().unwrap_or("_"))
                .collect();
            let parsed = self.parser.parse_tagged(&words, &tags, &xpos);
            for (k, (head, rel)) in parsed.into_iter().enumerate() {
                let head = if head == 0 {
                    u32::MAX
                } else {
                    (a as u32) + head - 1
                };
                results.push((a + k, head, rel.to_string()));
            }
        }
        for (i, head, rel) in results {
            if let Some(t) = doc.tokens.get_mut(i) {
                t.head = Some(head);
                t.deprel = Some(rel);
            }
        }
    }
}

/// Revises the rule splitter's sentences with a learned [`SentenceModel`] (tokens are kept).
#[derive(Debug, Clone)]
pub struct SentenceStage {
    model: Arc<SentenceModel>,
}

impl SentenceStage {
    /// A stage over a loaded model.
    pub fn new(model: Arc<SentenceModel>) -> SentenceStage {
        SentenceStage { model }
    }
}

impl Stage for SentenceStage {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        self.model.resegment(doc);
        Ok(())
    }
}
