//! [`IngestError`]: why an input could not become a document.

use thiserror::Error;

/// Why an input (a file, or one JSON Lines record) could not be read as a document.
///
/// Every message is one line and names the source file, the line (JSON Lines) and the byte
/// where that is known, e.g. `sample.txt: invalid UTF-8 at byte 1234 (line 7)`.
/// [`IngestError::kind`] gives a stable code for the output contract's error records and
/// [`IngestError::id`] the best document id to report the failure under.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The input, or the extracted text, is empty or only whitespace.
    #[error("{}empty input: no text to code", prefix(.file, .line))]
    Empty {
        /// Source file name.
        file: String,
        /// 1-based line (JSON Lines only).
        line: Option<usize>,
        /// Document id.
        id: String,
    },
    /// The input looks like binary data (NUL bytes or mostly control characters).
    #[error("{}binary input: {}", prefix(.file, &None), binary_reason(*.nul, *.control_percent))]
    Binary {
        /// Source file name.
        file: String,
        /// Document id.
        id: String,
        /// Byte offset of the first NUL byte, if there is one.
        nul: Option<usize>,
        /// Percentage of control characters among the first 8 KiB.
        control_percent: u8,
    },
    /// The input is not valid UTF-8.
    #[error("{}invalid UTF-8 at byte {byte} (line {line})", prefix(.file, &None))]
    InvalidUtf8 {
        /// Source file name.
        file: String,
        /// 1-based line of the bad byte.
        line: usize,
        /// Byte offset of the first bad byte, from the start of the file.
        byte: usize,
        /// Document id.
        id: String,
    },
    /// The input (a file, or one JSON Lines record) is larger than the limit.
    #[error("{}input too large: {bytes} bytes (limit {limit})", prefix(.file, .line))]
    TooLarge {
        /// Source file name.
        file: String,
        /// 1-based line (JSON Lines only).
        line: Option<usize>,
        /// Document id.
        id: String,
        /// Size of the input in bytes.
        bytes: usize,
        /// The limit it exceeds.
        limit: usize,
    },
    /// A JSON Lines record is not a valid JSON object of the expected shape.
    #[error("{}bad JSON at column {column}: {message}", prefix(.file, &Some(*.line)))]
    BadJson {
        /// Source file name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (in bytes) where the JSON parser stopped.
        column: usize,
        /// The parser's message.
        message: String,
        /// Document id.
        id: String,
    },
    /// A JSON Lines record has no `"text"` string.
    #[error("{}missing \"text\" field", prefix(.file, &Some(*.line)))]
    MissingText {
        /// Source file name.
        file: String,
        /// 1-based line.
        line: usize,
        /// Document id.
        id: String,
    },
    /// A date is not `YYYY-MM-DD` (or an RFC 3339 timestamp), or names no calendar day.
    #[error("{}{}", prefix(.file, .line), date_message(.value))]
    BadDate {
        /// Source file name (empty when the date did not come from a file).
        file: String,
        /// 1-based line (JSON Lines only).
        line: Option<usize>,
        /// Document id (empty when the date did not come from a document).
        id: String,
        /// The text that failed to parse.
        value: String,
    },
    /// A record of a WARC file or a feed is malformed (bad header, truncated block or gzip
    /// stream, XML that is not well-formed).
    #[error("{file}: record {record} at byte {byte}: {message}")]
    Malformed {
        /// Source file name.
        file: String,
        /// 1-based record (WARC record, feed item) number.
        record: usize,
        /// Byte offset of the record (in the uncompressed stream for gzip).
        byte: u64,
        /// What is wrong.
        message: String,
        /// Document id (`<stem>#<record>`, or the record's own id).
        id: String,
    },
    /// The input could not be read.
    #[error("{}{message}", prefix(.file, &None))]
    Io {
        /// The path that failed.
        file: String,
        /// What the operating system said, e.g. `No such file or directory`.
        message: String,
        /// Document id.
        id: String,
    },
}

impl IngestError {
    /// A stable kebab-case code for the error record in the output contract: `empty`,
    /// `binary`, `invalid-utf8`, `too-large`, `bad-json`, `missing-text`, `bad-date`,
    /// `malformed`, `io`.
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Empty { .. } => "empty",
            IngestError::Binary { .. } => "binary",
            IngestError::InvalidUtf8 { .. } => "invalid-utf8",
            IngestError::TooLarge { .. } => "too-large",
            IngestError::BadJson { .. } => "bad-json",
            IngestError::MissingText { .. } => "missing-text",
            IngestError::BadDate { .. } => "bad-date",
            IngestError::Malformed { .. } => "malformed",
            IngestError::Io { .. } => "io",
        }
    }

    /// The best document id for the error record: the id given with the document, else the
    /// file stem, else `<stem>:<line>` for a JSON Lines record without a readable id.
    pub fn id(&self) -> String {
        match self {
            IngestError::Empty { id, .. }
            | IngestError::Binary { id, .. }
            | IngestError::InvalidUtf8 { id, .. }
            | IngestError::TooLarge { id, .. }
            | IngestError::BadJson { id, .. }
            | IngestError::MissingText { id, .. }
            | IngestError::BadDate { id, .. }
            | IngestError::Malformed { id, .. }
            | IngestError::Io { id, .. } => id.clone(),
        }
    }

    /// Fills in the file, line and id of a date error raised by [`crate::parse_date`].
    pub(crate) fn located(self, at_file: &str, at_line: Option<usize>, doc_id: &str) -> Self {
        match self {
            IngestError::BadDate { value, .. } => IngestError::BadDate {
                file: at_file.to_string(),
                line: at_line,
                id: doc_id.to_string(),
                value,
            },
            other => other,
        }
    }
}

/// `"file: "`, `"file:line: "`, or `""` when there is no file.
fn prefix(file: &str, line: &Option<usize>) -> String {
    match (file.is_empty(), line) {
        (true, _) => String::new(),
        (false, Some(l)) => format!("{file}:{l}: "),
        (false, None) => format!("{file}: "),
    }
}

fn binary_reason(nul: Option<usize>, control_percent: u8) -> String {
    match nul {
        Some(at) => format!("NUL byte at byte {at}"),
        None => format!("{control_percent}% control characters in the first 8 KiB"),
    }
}

/// Longest prefix of a bad value quoted in a message.
const MAX_QUOTED: usize = 40;

fn date_message(value: &str) -> String {
    let shown = match value.char_indices().nth(MAX_QUOTED) {
        Some((cut, _)) => format!("{}...", &value[..cut]),
        None => value.to_string(),
    };
    let bad_day = crate::date::looks_like_ymd(value) && crate::date::leading_date(value).is_none();
    if bad_day {
        format!("invalid date {shown:?}: no such calendar day")
    } else {
        format!("unknown date format {shown:?}: expected YYYY-MM-DD")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_and_name_the_place() {
        let e = IngestError::InvalidUtf8 {
            file: "sample.txt".into(),
            line: 7,
            byte: 1234,
            id: "sample".into(),
        };
        assert_eq!(
            e.to_string(),
            "sample.txt: invalid UTF-8 at byte 1234 (line 7)"
        );
        assert_eq!(e.kind(), "invalid-utf8");
        assert_eq!(e.id(), "sample");

        let e = IngestError::MissingText {
            file: "in.jsonl".into(),
            line: 3,
            id: "in:3".into(),
        };
        assert_eq!(e.to_string(), "in.jsonl:3: missing \"text\" field");

        let e = IngestError::BadDate {
            file: String::new(),
            line: None,
            id: String::new(),
            value: "a\nb".into(),
        };
        assert_eq!(
            e.to_string(),
            "unknown date format \"a\\nb\": expected YYYY-MM-DD"
        );
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let e = IngestError::BadDate {
            file: "f".into(),
            line: Some(1),
            id: "f:1".into(),
            value: "x".repeat(10_000),
        };
        assert!(e.to_string().len() < 120, "{e}");
    }

    #[test]
    fn kinds_are_distinct() {
        let all = [
            IngestError::Empty {
                file: "f".into(),
                line: None,
                id: "f".into(),
            },
            IngestError::Binary {
                file: "f".into(),
                id: "f".into(),
                nul: Some(3),
                control_percent: 0,
            },
            IngestError::InvalidUtf8 {
                file: "f".into(),
                line: 1,
                byte: 0,
                id: "f".into(),
            },
            IngestError::TooLarge {
                file: "f".into(),
                line: None,
                id: "f".into(),
                bytes: 2,
                limit: 1,
            },
            IngestError::BadJson {
                file: "f".into(),
                line: 1,
                column: 1,
                message: "m".into(),
                id: "f:1".into(),
            },
            IngestError::MissingText {
                file: "f".into(),
                line: 1,
                id: "f:1".into(),
            },
            IngestError::BadDate {
                file: "f".into(),
                line: None,
                id: "f".into(),
                value: "x".into(),
            },
            IngestError::Io {
                file: "f".into(),
                message: "m".into(),
                id: "f".into(),
            },
        ];
        let mut kinds: Vec<_> = all.iter().map(IngestError::kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), all.len());
        for e in &all {
            assert!(e.to_string().starts_with("f"), "{e}");
            assert!(!e.to_string().contains('\n'));
        }
    }
}
