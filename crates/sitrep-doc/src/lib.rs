//! sitrep's document model: the center every stage reads from and writes to.
//!
//! A [`Document`] holds the immutable article text, its [`Metadata`], and annotation layers
//! kept as sorted vectors: [`Zone`]s (headline, body, boilerplate), [`Sentence`]s, [`Token`]s,
//! [`Mention`]s, resolved [`Actor`]s, [`Event`]s and [`Relation`]s. Every derived fact carries
//! the byte [`Span`] of its evidence and the `rule` that produced it. Stages implement
//! [`Stage`] and meet only here.
//!
//! [`Document::to_output`] renders the output contract (`shared/contract/OUTPUT.md`);
//! [`output_schema`] is its JSON Schema, generated from these types.
//!
//! ```
//! use sitrep_doc::{Document, Metadata};
//! let doc = Document::new("a1", "Rebels attacked the town.", Metadata::default());
//! assert_eq!(doc.text().len(), 25);
//! assert!(doc.events.is_empty());
//! ```
#![deny(missing_docs)]

mod document;
mod event;
mod layers;
mod output;
mod stage;

pub use document::{Document, Metadata};
pub use event::{
    Attribution, Count, CountKind, DateGranularity, DateKind, DateValue, Event, Evidence, Location,
    RoleFiller, Size,
};
pub use layers::{
    Actor, ActorKind, EntityType, Mention, MentionId, Relation, RelationType, Sentence, Token,
    TokenKind, Zone, ZoneKind,
};
pub use output::{output_schema, ErrorInfo, Output, OutputEntity, OutputRecord, OutputSentence};
pub use sitrep_ontology::{EventType, Factuality};
pub use sitrep_text::Span;
pub use stage::{Layer, Stage, StageError};

/// Derives a stable short id from a document id and content (FNV-1a, 64 bits, hex).
/// Ids derived this way do not depend on run order.
pub fn stable_id(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}
