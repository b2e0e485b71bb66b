//! The pipeline: an ordered list of [`Stage`]s from raw text to events, checked when built so
//! that every stage finds the layers it requires.
//!
//! ```no_run
//! use sitrep_doc::{Document, Metadata};
//! let pipeline = sitrep_pipeline::Pipeline::standard().unwrap();
//! let mut doc = Document::new("a1", "Rebels attacked the town on Monday.", Metadata::default());
//! pipeline.run(&mut doc).unwrap();
//! ```
#![deny(missing_docs)]

pub mod syntax;

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use sitrep_coder::{Coder, PatternSet};
use sitrep_doc::{Document, Layer, Stage, StageError};
use sitrep_lexicon::Lexicon;
use sitrep_syntax::{
    LemmaReach, Parser, ParserStage, SentenceModel, SentenceStage, Tagger, TaggerStage,
};

/// The tagger model trained on UD English EWT (CC BY-SA 4.0), built into the binary.
const TAGGER_MODEL: &[u8] = include_bytes!("../../../models/tagger.bin");

/// The dependency parser model trained on UD English EWT (CC BY-SA 4.0), built into the binary.
const PARSER_MODEL: &[u8] = include_bytes!("../../../models/parser.bin");

/// The sentence-boundary model trained on UD English EWT (CC BY-SA 4.0), built into the binary.
const SENTENCE_MODEL: &[u8] = include_bytes!("../../../models/sentences.bin");

/// The built-in sentence-boundary model, loaded once per process.
pub fn builtin_sentence_model() -> Result<Arc<SentenceModel>, PipelineError> {
    static MODEL: OnceLock<Result<Arc<SentenceModel>, String>> = OnceLock::new();
    builtin(
        &MODEL,
        SENTENCE_MODEL,
        "sentences",
        SentenceModel::from_bytes,
    )
}

/// The built-in parser, loaded once per process.
pub fn builtin_parser() -> Result<Arc<Parser>, PipelineError> {
    static PARSER: OnceLock<Result<Arc<Parser>, String>> = OnceLock::new();
    builtin(&PARSER, PARSER_MODEL, "parser", Parser::from_bytes)
}

/// The built-in tagger, loaded once per process.
pub fn builtin_tagger() -> Result<Arc<Tagger>, PipelineError> {
    static TAGGER: OnceLock<Result<Arc<Tagger>, String>> = OnceLock::new();
    builtin(&TAGGER, TAGGER_MODEL, "tagger", Tagger::from_bytes)
}

/// The model built into the binary as `models/NAME.bin`, read on first use into `cell`.
fn builtin<T>(
    cell: &'static OnceLock<Result<Arc<T>, String>>,
    bytes: &[u8],
    name: &str,
    read: fn(&[u8], &std::path::Path) -> Result<T, sitrep_syntax::SyntaxError>,
) -> Result<Arc<T>, PipelineError> {
    cell.get_or_init(|| {
        let path = format!("models/{name}.bin (built in)");
        read(bytes, std::path::Path::new(&path))
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(PipelineError::Model)
}

pub use sitrep_coder;
pub use sitrep_lexicon;
pub use sitrep_syntax;

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// A stage needs a layer no earlier stage provides.
    #[error("stage {stage} requires layer {layer:?}, which no earlier stage provides")]
    MissingLayer {
        /// Stage name.
        stage: &'static str,
        /// The missing layer.
        layer: Layer,
    },
    /// A model could not be loaded.
    #[error("{0}")]
    Model(String),
}

/// Declares that tokens and sentences are already present (gold tokenization).
struct GivenTokens;

impl Stage for GivenTokens {
    fn name(&self) -> &'static str {
        "given-tokens"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
        Ok(())
    }
}

/// Splits hyphenated words as UD English EWT does ([`syntax::split_hyphens`]): the tokens of
/// treebank-style output.
struct UdTokens;

impl Stage for UdTokens {
    fn name(&self) -> &'static str {
        "ud-tokens"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        syntax::split_hyphens(doc);
        Ok(())
    }
}

/// Tags and lemmatizes the sentences whose tags the coder may read
/// ([`sitrep_coder::candidate_sentences`], with the lemmatizer's [`LemmaReach`] standing in
/// for the lemmas not yet known): the tags serve the coder and the parser only, and the
/// parser reads them only in sentences where a trigger matched.
struct TriggerTag {
    tagger: TaggerStage,
    patterns: Arc<PatternSet>,
    reach: LemmaReach,
    tagging: Tagging,
}

/// Which sentences the standard pipeline tags and lemmatizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tagging {
    /// Those that may hold an event ([`sitrep_coder::candidate_sentences`]) and those of
    /// the antecedents of their pronouns: all the coder reads, so events are those of
    /// [`Tagging::All`]. The default.
    #[default]
    Candidates,
    /// Every sentence: every token gets a tag and a lemma.
    All,
}

impl TriggerTag {
    fn new(tagger: Arc<Tagger>, patterns: Arc<PatternSet>, tagging: Tagging) -> TriggerTag {
        let reach = tagger.lemmatizer().reach(patterns.words());
        TriggerTag {
            tagger: TaggerStage::new(tagger),
            patterns,
            reach,
            tagging,
        }
    }
}

impl Stage for TriggerTag {
    fn name(&self) -> &'static str {
        "tagger"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Mentions]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        if self.tagging == Tagging::All {
            self.tagger.tag_sentences(doc, |_| true);
            return Ok(());
        }
        let wanted = sitrep_coder::candidate_sentences(&self.patterns, doc, |w, found| {
            self.reach.targets(w, found)
        });
        self.tagger
            .tag_sentences(doc, |si| wanted.get(si).copied().unwrap_or(false));
        Ok(())
    }
}

/// Parses the sentences where the event coder finds a trigger (the others carry no event,
/// so their parse would be wasted time); the coder reads role fillers' noun phrases from it.
struct TriggerParse {
    parser: ParserStage,
    patterns: Arc<PatternSet>,
}

impl Stage for TriggerParse {
    fn name(&self) -> &'static str {
        "parser"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::Syntax,
            Layer::Mentions,
        ]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Syntax]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let wanted = sitrep_coder::trigger_sentences(&self.patterns, doc);
        self.parser
            .parse_sentences(doc, |si| wanted.get(si).copied().unwrap_or(false));
        Ok(())
    }
}

/// The result of a scoped thread, passing on its panic.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Ordered stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

impl Pipeline {
    /// A pipeline over `stages`, checked: each stage's required layers must be provided by an
    /// earlier stage.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, PipelineError> {
        let mut have: HashSet<Layer> = HashSet::new();
        for s in &stages {
            for l in s.requires() {
                if !have.contains(l) {
                    return Err(PipelineError::MissingLayer {
                        stage: s.name(),
                        layer: *l,
                    });
                }
            }
            have.extend(s.provides().iter().copied());
        }
        Ok(Pipeline { stages })
    }

    /// The standard pipeline with the built-in dictionaries, patterns and models.
    pub fn standard() -> Result<Pipeline, PipelineError> {
        Pipeline::standard_with(Tagging::default())
    }

    /// The standard stages over the given lexicon, patterns, tagger and parser.
    pub fn with_resources(
        lexicon: Arc<Lexicon>,
        patterns: Arc<PatternSet>,
        tagger: Arc<Tagger>,
        parser: Arc<Parser>,
    ) -> Result<Pipeline, PipelineError> {
        Pipeline::with_tagging(lexicon, patterns, tagger, parser, Tagging::default())
    }

    /// [`Pipeline::standard`], tagging the sentences `tagging` says.
    pub fn standard_with(tagging: Tagging) -> Result<Pipeline, PipelineError> {
        // The models and the dictionaries do not depend on each other: read them at the same
        // time (a tenth of a second each, before any document can start).
        let (tagger, parser, lexicon, patterns) = std::thread::scope(|s| {
            let tagger = s.spawn(builtin_tagger);
            let parser = s.spawn(builtin_parser);
            let (lexicon, patterns) = (Lexicon::builtin(), PatternSet::builtin());
            (join(tagger), join(parser), lexicon, patterns)
        });
        Pipeline::with_tagging(
            Arc::new(lexicon),
            Arc::new(patterns),
            tagger?,
            parser?,
            tagging,
        )
    }

    /// [`Pipeline::with_resources`], tagging the sentences `tagging` says.
    pub fn with_tagging(
        lexicon: Arc<Lexicon>,
        patterns: Arc<PatternSet>,
        tagger: Arc<Tagger>,
        parser: Arc<Parser>,
        tagging: Tagging,
    ) -> Result<Pipeline, PipelineError> {
        Pipeline::new(vec![
            Box::new(sitrep_segment::Segmenter::new()),
            Box::new(sitrep_actors::ActorStage::new(lexicon.clone())),
            Box::new(TriggerTag::new(tagger, patterns.clone(), tagging)),
            Box::new(TriggerParse {
                parser: ParserStage::new(parser),
                patterns: patterns.clone(),
            }),
            Box::new(Coder::new(patterns)),
            Box::new(sitrep_resolve::Resolver::new(lexicon)),
        ])
    }

    /// The syntax stages only (tagger, parser) for documents that already have tokens and
    /// sentences (a treebank's gold tokenization).
    pub fn syntax_only(
        tagger: Arc<Tagger>,
        parser: Arc<Parser>,
    ) -> Result<Pipeline, PipelineError> {
        Pipeline::new(vec![
            Box::new(GivenTokens),
            Box::new(TaggerStage::new(tagger)),
            Box::new(ParserStage::new(parser)),
        ])
    }

    /// Segmentation (keeping boilerplate: nothing is dropped) and the syntax stages: what
    /// `sitrep parse` runs on raw text.
    pub fn syntax(tagger: Arc<Tagger>, parser: Arc<Parser>) -> Result<Pipeline, PipelineError> {
        Pipeline::new(vec![
            Box::new(sitrep_segment::Segmenter::keep_all()),
            Box::new(SentenceStage::new(builtin_sentence_model()?)),
            Box::new(UdTokens),
            Box::new(TaggerStage::new(tagger)),
            Box::new(ParserStage::new(parser)),
        ])
    }

    /// Stage names in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage on `doc`. On error the document's layers are cleared, so no partial
    /// record is left behind.
    pub fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        self.run_timed(doc, &mut [])
    }

    /// [`Pipeline::run`], adding each stage's wall time to `spent[i]` (in the order of
    /// [`Pipeline::stage_names`]; stages beyond `spent`'s length are run but not timed).
    pub fn run_timed(
        &self,
        doc: &mut Document,
        spent: &mut [std::time::Duration],
    ) -> Result<(), StageError> {
        for (i, s) in self.stages.iter().enumerate() {
            let start = (i < spent.len()).then(std::time::Instant::now);
            let result = s.process(doc);
            if let (Some(t), Some(d)) = (start, spent.get_mut(i)) {
                *d += t.elapsed();
            }
            if let Err(e) = result {
                doc.zones.clear();
                doc.sentences.clear();
                doc.tokens.clear();
                doc.mentions.clear();
                doc.actors.clear();
                doc.events.clear();
                doc.relations.clear();
                return Err(e);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Needs;
    impl Stage for Needs {
        fn name(&self) -> &'static str {
            "needs-events"
        }
        fn requires(&self) -> &'static [Layer] {
            &[Layer::Events]
        }
        fn provides(&self) -> &'static [Layer] {
            &[]
        }
        fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
            Ok(())
        }
    }

    #[test]
    fn misordered_stages_are_refused() {
        let err = Pipeline::new(vec![Box::new(Needs)]).unwrap_err();
        assert!(err.to_string().contains("needs-events"), "{err}");
    }

    #[test]
    fn standard_pipeline_is_well_ordered() {
        let p = Pipeline::standard().unwrap();
        assert_eq!(
            p.stage_names(),
            vec!["segment", "actors", "tagger", "parser", "coder", "resolve"]
        );
    }
}
