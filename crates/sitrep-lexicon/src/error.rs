//! Dictionary errors, each located as `file:line`.

use std::fmt;

/// What is wrong with a dictionary entry. Each variant has a stable code (`L001`...) in its
/// message so that users can search for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The TOML does not parse or does not fit the schema.
    #[error("L001 syntax/schema: {0}")]
    Syntax(String),
    /// An id is not kebab-case.
    #[error("L002 id {0:?} is not kebab-case")]
    BadId(String),
    /// Two entries share one id.
    #[error("L003 duplicate id {0:?}")]
    DuplicateId(String),
    /// A code is neither a known country code nor IGO/NGO/ISM/IMG/MNC.
    #[error("L004 unknown actor code {0:?}")]
    UnknownCode(String),
    /// A sector is not a PLOVER sector.
    #[error("L005 unknown sector {0:?}")]
    UnknownSector(String),
    /// A relation names an id that no actor has.
    #[error("L006 {relation} names unknown actor {target:?}")]
    DanglingRelation {
        /// The relation field (`backed_by`, ...).
        relation: &'static str,
        /// The missing id.
        target: String,
    },
    /// A term ends before it starts.
    #[error("L007 term of {0:?} ends before it starts")]
    BadDates(String),
    /// Two persons hold the same office at the same time.
    #[error("L008 office {title:?} of {of} overlaps with the term of {other:?}")]
    OverlappingOffice {
        /// Office title.
        title: String,
        /// Office country.
        of: String,
        /// The other holder's id.
        other: String,
    },
    /// A field that must not be empty is empty.
    #[error("L009 empty {0}")]
    Empty(&'static str),
    /// A latitude or longitude is out of range.
    #[error("L010 coordinates out of range for {0:?}")]
    BadCoordinates(String),
    /// An agent kind other than `group` or `person`.
    #[error("L011 agent {0:?} must have kind group or person")]
    BadAgentKind(String),
}

/// One error in one dictionary file, displayed as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// File name (as given to the loader).
    pub file: String,
    /// 1-based line of the offending entry.
    pub line: usize,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.kind)
    }
}

impl std::error::Error for LexiconError {}

/// Why a lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A dictionary directory or file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The dictionaries have errors (all of them are listed).
    #[error("{} dictionary error(s):\n{}", .0.len(), join(.0))]
    Invalid(Vec<LexiconError>),
}

fn join(errs: &[LexiconError]) -> String {
    errs.iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
