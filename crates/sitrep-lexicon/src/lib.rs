//! Typed actor, agent and place dictionaries: schema, loader and validator.
//!
//! Dictionaries are TOML files with `[[actor]]` (countries, organizations, armed groups,
//! persons with dated offices, outlets), `[[agent]]` (generic agent nouns such as "officials"
//! or "militias", used alone or composed with a country) and `[[place]]` (a small gazetteer)
//! tables; see [`ActorEntry`], [`AgentEntry`] and [`PlaceEntry`]. The files under
//! `data/lexicon/` are compiled in ([`Lexicon::builtin`]); [`Lexicon::load_dir`] merges a
//! user directory on top (entries with the same id replace built-in ones).
//!
//! Every problem is reported as `file:line: message` ([`LexiconError`]) and all of them are
//! collected; a lexicon with errors is never returned. [`check`] lists the errors without
//! loading.
//!
//! ```
//! use sitrep_lexicon::{Lexicon, Source};
//! let lex = Lexicon::builtin();
//! assert_eq!(lex.country("IRQ").map(|a| a.name.as_str()), Some("Iraq"));
//! assert_eq!(lex.actor("kataib-hezbollah").and_then(|a| a.code.as_deref()), Some("IRQ"));
//!
//! let bad = Source::new("my.toml", "[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"org\"\nsector = \"ZZZ\"\n");
//! let errors = sitrep_lexicon::check(&[bad]);
//! assert_eq!(errors[0].to_string(), "my.toml:1: L005 unknown sector \"ZZZ\"");
//! ```
#![deny(missing_docs)]

mod error;
mod gazetteer;
mod lexicon;
mod schema;

pub use error::{ErrorKind, LexiconError, LoadError};
pub use gazetteer::{GazEntry, Gazetteer, GazetteerError};
pub use lexicon::{check, Lexicon, Source, BUILTIN};
pub use schema::{ActorEntry, AgentEntry, DictFile, Office, PlaceEntry};

#[cfg(test)]
mod tests;
