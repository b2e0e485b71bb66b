//! Errors of the syntax crate.

use std::path::PathBuf;

/// Why reading a treebank or a model failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyntaxError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A CoNLL-U file is malformed.
    #[error("{path}:{line}: {message}")]
    Conllu {
        /// The file (or a name given to an in-memory text).
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model file is corrupt, truncated or of an unknown version.
    #[error("model file {path}: {message}")]
    Model {
        /// The file (or a name given to in-memory bytes).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Training could not run (e.g. no training sentences).
    #[error("training failed: {0}")]
    Training(String),
}
