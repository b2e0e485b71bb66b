use crate::Document;

/// A layer of the document that stages read and write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Headline / body / boilerplate zones.
    Zones,
    /// Sentences.
    Sentences,
    /// Tokens.
    Tokens,
    /// POS tags, lemmas, dependency heads.
    Syntax,
    /// Entity mentions and resolved actors.
    Mentions,
    /// Relations between actors.
    Relations,
    /// Events with roles, factuality, attribution.
    Events,
    /// Dates, places and counts of events.
    EventAttributes,
}

/// Why a stage could not process a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StageError {
    /// The document is too large for this stage.
    #[error("document too large for stage {stage}: {bytes} bytes (limit {limit})")]
    TooLarge {
        /// Stage name.
        stage: &'static str,
        /// Size of the text.
        bytes: usize,
        /// Limit of the stage.
        limit: usize,
    },
    /// Any other failure, described.
    #[error("stage {stage} failed: {message}")]
    Failed {
        /// Stage name.
        stage: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// One step of the pipeline. Stages meet only in the [`Document`]: each reads the layers it
/// `requires` and writes the layers it `provides`; the pipeline checks the order when built.
pub trait Stage: Send + Sync {
    /// Stable component name (`segment`, `actors`, `coder`, ...).
    fn name(&self) -> &'static str;
    /// Layers that must be present before this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage writes.
    fn provides(&self) -> &'static [Layer];
    /// Processes one document in place.
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;
}
