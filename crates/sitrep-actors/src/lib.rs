//! Entity mentions, actor resolution, light coreference and relations.
//!
//! [`ActorStage`] implements [`sitrep_doc::Stage`] (`actors`: requires tokens and sentences,
//! provides mentions and relations). It matches the [`sitrep_lexicon::Lexicon`] over folded
//! word units (tokens split at inner hyphens) with one Aho-Corasick automaton, longest match
//! first, then composes what it found:
//!
//! - names, adjectives (NORP modifiers), capitals (the government: "Washington" -> USA),
//!   places, and agent nouns alone ("militias") or after a country ("US officials" -> USA
//!   GOV, "Iraqi militias" -> IRQ PRM, "Iran's proxies in Iraq" -> IRQ PRM backed by Iran);
//! - hyphen compounds: "Iranian-backed X" (backed_by), "UAE-based X" (based_in), "US-led X";
//! - titles: "Iraqi Prime Minister Mohammed Shia al-Sudani" (holds_office; persons with dated
//!   terms resolve by `doc.meta.published`);
//! - unknown capitalized names, kept with ids derived from the name;
//! - light coreference: pronouns, "the group", "the militias", "the prime minister", "the
//!   government", and bare non-state groups bridged to the article's group of that sector;
//! - relations from patterns: "their main ally and backer, X", "Y are part of X",
//!   "X, an umbrella organization of Y", "Y backed by X", "X's proxies, including A and B".
//!
//! ```
//! use std::sync::Arc;
//! use sitrep_actors::ActorStage;
//! use sitrep_doc::{Document, Metadata, Sentence, Span, Stage, Token, TokenKind};
//! use sitrep_lexicon::Lexicon;
//!
//! let text = "US forces struck Kataib Hezbollah.";
//! let mut doc = Document::new("d", text, Metadata::default());
//! let words = [(0, 2), (3, 9), (10, 16), (17, 23), (24, 33), (33, 34)];
//! doc.tokens = words.iter().map(|&(a, b)| Token::new(Span::new(a, b), TokenKind::Word)).collect();
//! doc.sentences = vec![Sentence { span: Span::new(0, 34), tokens: (0, 6), headline: false }];
//! ActorStage::new(Arc::new(Lexicon::builtin())).process(&mut doc).unwrap();
//! let forces = doc.mentions.iter().find(|m| doc.slice(m.span) == "US forces").unwrap();
//! let actor = doc.actor(forces.actor.as_deref().unwrap()).unwrap();
//! assert_eq!((actor.code.as_deref(), actor.sector.as_deref()), (Some("USA"), Some("MIL")));
//! assert!(doc.mentions.iter().any(|m| m.actor.as_deref() == Some("kataib-hezbollah")));
//! ```
#![deny(missing_docs)]

mod matcher;
mod stage;
mod units;

pub use stage::ActorStage;

#[cfg(test)]
mod tests;
