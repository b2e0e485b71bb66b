//! The output contract (`shared/contract/OUTPUT.md`): what `sitrep code` prints per article.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Actor, Document, EntityType, Event, Relation};

/// A sentence in the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OutputSentence {
    /// Start byte.
    pub start: u32,
    /// End byte.
    pub end: u32,
    /// True for a headline.
    #[serde(default)]
    pub headline: bool,
}

/// An entity mention in the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OutputEntity {
    /// Start byte.
    pub start: u32,
    /// End byte.
    pub end: u32,
    /// The words.
    pub text: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Actor id, or null when unresolved.
    pub actor: Option<String>,
    /// Rule or model that found it.
    pub rule: String,
}

/// One coded article, as printed by `sitrep code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Output {
    /// Document id.
    pub id: String,
    /// Publication date `YYYY-MM-DD`, when known.
    pub published: Option<String>,
    /// Title, when given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// Outlet, when given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub outlet: Option<String>,
    /// URL, when given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// The text all offsets index.
    pub text: String,
    /// Sentences.
    pub sentences: Vec<OutputSentence>,
    /// Entity mentions.
    pub entities: Vec<OutputEntity>,
    /// Actors mentioned.
    pub actors: Vec<Actor>,
    /// Events.
    pub events: Vec<Event>,
    /// Relations.
    pub relations: Vec<Relation>,
}

/// Why a document could not be coded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorInfo {
    /// Stable error kind (`invalid-utf8`, `empty`, `bad-json`, ...).
    pub kind: String,
    /// One-line message naming the file, line or byte.
    pub message: String,
}

/// One output line: a coded article, or the error that stopped it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OutputRecord {
    /// A coded article.
    Ok(Box<Output>),
    /// A document that failed.
    Err {
        /// Document id (or `file:line` when none was readable).
        id: String,
        /// What went wrong.
        error: ErrorInfo,
    },
}

impl Document {
    /// Renders the output contract.
    pub fn to_output(&self) -> Output {
        Output {
            id: self.id().to_string(),
            published: self
                .meta
                .published
                .map(|d| d.format("%Y-%m-%d").to_string()),
            title: self.meta.title.clone(),
            outlet: self.meta.outlet.clone(),
            url: self.meta.url.clone(),
            text: self.text().to_string(),
            sentences: self
                .sentences
                .iter()
                .map(|s| OutputSentence {
                    start: s.span.start,
                    end: s.span.end,
                    headline: s.headline,
                })
                .collect(),
            entities: self
                .mentions
                .iter()
                .filter(|m| m.etype != EntityType::Anaphor)
                .map(|m| OutputEntity {
                    start: m.span.start,
                    end: m.span.end,
                    text: self.slice(m.span).to_string(),
                    etype: m.etype,
                    actor: m.actor.clone(),
                    rule: m.rule.clone(),
                })
                .collect(),
            actors: self.actors.clone(),
            events: self.events.clone(),
            relations: self.relations.clone(),
        }
    }
}

/// The JSON Schema of one output line ([`OutputRecord`]), generated from the Rust types.
pub fn output_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(OutputRecord);
    serde_json::to_value(schema).expect("schema serializes")
}
