//! Scores sitrep output against gold readings (`shared/gold/FORMAT.md`).
//!
//! [`load_gold`] reads a gold file (`.jsonl`, one article per line, or `.json`) into
//! [`GoldDoc`]s; [`score`] pairs them by id with predicted [`Output`]s and returns a
//! [`Report`]: event precision / recall / F1 per PLOVER type and overall, attribute accuracies
//! over matched events, actor and relation recall, `no_events_from` violations, and per
//! document the missed gold events and unmatched predictions with a reason for each.
//! [`Report::render`] prints it as a table; the report also serializes to JSON.
//!
//! Matching, as FORMAT.md describes: a prediction matches a gold event when its type is the
//! gold type (or an `alt` type whose factuality list holds the predicted factuality), a
//! predicted source matches a gold source actor, a predicted recipient matches a gold
//! recipient where the gold names any, and the predicted evidence span overlaps the sentence
//! holding the gold evidence words. Names match after folding (case, diacritics and
//! punctuation ignored; apostrophes and periods dropped, so `U.S.` = `US`), when equal or when
//! the predicted text contains the gold name as whole words. The gold sentence is found in
//! the predicted `text` (the text the offsets index) with the gold format's own splitter
//! (`.`/`?`/`!` then whitespace, or a newline), not with the predicted sentences, so a
//! system's segmentation cannot widen its own matches. Each gold event matches at most one
//! prediction (maximum bipartite matching, required events first).
//!
//! Choices FORMAT.md leaves open: a gold event with no source keys (or an actor key missing
//! from `actors`, which is then matched as a name) accepts any source; the main type matches
//! whatever the predicted factuality, which is scored apart; location accuracy compares the
//! folded place name (the country only when the gold gives no name), and `location_country`
//! compares countries alone; a date is right when the value is equal and the predicted
//! granularity (when given) is the gold one, so a day inside a gold month is wrong.
//!
//! ```
//! use std::path::Path;
//! use sitrep_eval::{parse_gold_str, score};
//! let line = r#"{"id": "a1", "text": "Rebels attacked the town.",
//!   "actors": [{"key": "reb", "names": ["rebels"]}],
//!   "events": [{"type": "ASSAULT", "source": ["reb"], "evidence": "attacked the town"}]}"#;
//! let gold = parse_gold_str(&line.replace('\n', " "), true, Path::new("inline.jsonl")).unwrap();
//! let report = score(&gold, &[]); // nothing predicted
//! assert_eq!(report.overall.gold, 1);
//! assert_eq!(report.overall.recall, 0.0);
//! assert!(report.render().contains("no prediction for this document"));
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

pub use sitrep_doc::Output;
use sitrep_doc::OutputRecord;

mod gold;
mod report;
mod score;
pub mod syntax;
mod text;

pub use gold::{
    load_gold, parse_gold_str, GoldActor, GoldAlt, GoldDoc, GoldEvent, GoldLocation, GoldRelation,
};
pub use report::{
    Accuracy, Attributes, Counts, DocReport, MissedEvent, Report, UnmatchedPrediction, Violation,
    RENDER_CAP,
};
pub use score::score;

/// Why gold or prediction files could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line (or the object ending at a line) is not valid gold or output JSON.
    #[error("{}:{line}: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The parse error.
        source: serde_json::Error,
    },
    /// A gold document's `text_file` could not be read.
    #[error("{}: document {id:?}: text_file {}: {source}", path.display(), text_file.display())]
    TextFile {
        /// The gold file.
        path: PathBuf,
        /// The document id.
        id: String,
        /// The text file, resolved against the gold file's directory.
        text_file: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Predictions read by [`load_predictions`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Predictions {
    /// Coded articles.
    pub outputs: Vec<Output>,
    /// Documents that failed to code: `(id, message)`. Score them as empty by leaving them out.
    pub failed: Vec<(String, String)>,
}

/// Reads predictions: `sitrep code` output, one JSON object per line (`--format jsonl`) or
/// pretty objects one after another (`--format json`). Error records (documents that failed)
/// are kept apart in [`Predictions::failed`].
pub fn load_predictions(path: &Path) -> Result<Predictions, EvalError> {
    let data = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.into(),
        source,
    })?;
    parse_predictions_str(&data, path)
}

/// Parses predictions from a string (see [`load_predictions`]); `path` names it in errors.
pub fn parse_predictions_str(data: &str, path: &Path) -> Result<Predictions, EvalError> {
    let mut out = Predictions::default();
    let mut stream = serde_json::Deserializer::from_str(data).into_iter::<OutputRecord>();
    loop {
        // Where the next record starts, for errors that carry no position (untagged enums).
        let at = stream.byte_offset();
        let Some(rec) = stream.next() else { break };
        match rec {
            Ok(OutputRecord::Ok(o)) => out.outputs.push(*o),
            Ok(OutputRecord::Err { id, error }) => out.failed.push((id, error.message)),
            Err(e) => {
                let line = if e.line() > 0 {
                    e.line()
                } else {
                    line_at(data, at)
                };
                return Err(EvalError::Json {
                    path: path.into(),
                    line,
                    source: e,
                });
            }
        }
    }
    Ok(out)
}

/// 1-based line of the first non-blank byte at or after `at`.
fn line_at(data: &str, at: usize) -> usize {
    let rest = data.get(at..).unwrap_or("");
    let start = at + (rest.len() - rest.trim_start().len());
    1 + data.get(..start).map_or(0, |s| s.matches('\n').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predictions_read_outputs_and_error_records() {
        let ok = r#"{"id":"a","published":null,"text":"x","sentences":[],"entities":[],
            "actors":[],"events":[],"relations":[]}"#
            .replace('\n', " ");
        let err = r#"{"id":"b","error":{"kind":"empty","message":"b: empty text"}}"#;
        let data = format!("{ok}\n{err}\n");
        let p = parse_predictions_str(&data, Path::new("p.jsonl")).unwrap();
        assert_eq!(p.outputs.len(), 1);
        assert_eq!(p.outputs[0].id, "a");
        assert_eq!(
            p.failed,
            vec![("b".to_string(), "b: empty text".to_string())]
        );
        let bad = format!("{ok}\n{{\"id\": 1}}\n");
        let e = parse_predictions_str(&bad, Path::new("p.jsonl"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("p.jsonl:2:"), "{e}");
        let e = load_predictions(Path::new("/nonexistent/p.jsonl"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("/nonexistent/p.jsonl"), "{e}");
    }
}
