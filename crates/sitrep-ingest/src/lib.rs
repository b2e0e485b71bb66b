//! Readers that turn input bytes into sitrep [`Document`]s: plain text, HTML, JSON Lines,
//! RSS/Atom feeds and WARC (plain or gzipped) web archives.
//!
//! - [`read_document`] reads one article from bytes (plain text or HTML).
//! - [`read_jsonl`] streams JSON Lines records, one document (or error) per non-blank line.
//! - [`read_warc`] streams the HTML and text records of a WARC file.
//! - [`read_path`] / [`open_path`] read a file (or `-` for standard input) in any
//!   [`InputFormat`].
//! - [`parse_date`] parses publication dates (`YYYY-MM-DD` or RFC 3339).
//!
//! Failures are values: every reader returns [`IngestError`]s with one-line messages that name
//! the file, line and byte, a stable [`IngestError::kind`] code for the output contract's
//! error records, and the best [`IngestError::id`] to report them under. A bad JSON Lines
//! record never stops the records after it.
//!
//! Offsets in sitrep index the document text, so the readers keep text as given: plain text
//! is kept byte for byte (line endings included) except that a leading byte order mark is
//! dropped; for HTML the document text is the extracted main text (see [`InputFormat::Html`]).
//!
//! ```
//! use sitrep_ingest::{read_document, InputFormat, ReadOptions};
//!
//! let html = br#"<html><head><meta property="og:site_name" content="Daily Wire Desk"></head>
//!   <body><nav>Home | World</nav><article><h1>Militias agree to disarm</h1>
//!   <p>Armed groups said on Monday they would hand over weapons.</p></article></body></html>"#;
//! let doc = read_document("pages/disarm.html", html, InputFormat::Html, &ReadOptions::default())?;
//! assert_eq!(doc.id(), "disarm");
//! assert_eq!(
//!     doc.text(),
//!     "Militias agree to disarm\n\nArmed groups said on Monday they would hand over weapons."
//! );
//! assert_eq!(doc.meta.outlet.as_deref(), Some("Daily Wire Desk"));
//!
//! let err = read_document("notes.txt", b"ok \xff", InputFormat::Text, &ReadOptions::default())
//!     .unwrap_err();
//! assert_eq!(err.to_string(), "notes.txt: invalid UTF-8 at byte 3 (line 1)");
//! assert_eq!(err.kind(), "invalid-utf8");
//! # Ok::<(), sitrep_ingest::IngestError>(())
//! ```
#![deny(missing_docs)]

mod charset;
mod date;
mod entities;
mod error;
mod feed;
mod html;
mod jsonl;
mod text;
mod warc;

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use sitrep_doc::Document;

pub use date::parse_date;
pub use error::IngestError;
pub use jsonl::{read_jsonl, JsonlReader};
pub use warc::{read_warc, WarcReader};

use text::Source;

/// The default per-article size limit: 8 MiB.
pub const DEFAULT_MAX_BYTES: usize = 8 * 1024 * 1024;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain UTF-8 text, kept as given (a leading byte order mark is dropped).
    Text,
    /// An HTML page. Its main text is extracted: boilerplate (navigation, headers, footers,
    /// sidebars, share and comment blocks, scripts) is dropped, block elements become
    /// paragraph breaks (`"\n\n"`), entities are decoded and whitespace is collapsed. An
    /// `<article>` (or `<main>`) is preferred when present. Title, outlet, URL, publication
    /// date and language come from `<title>`, Open Graph, `<link rel=canonical>`, date
    /// `<meta>` tags and JSON-LD. Pages that are not valid UTF-8 are decoded as Windows-1252,
    /// which maps every byte to a character.
    Html,
    /// JSON Lines: one `{"id", "text", "published"?, "title"?, "url"?, "outlet"?}` per line.
    Jsonl,
    /// An RSS 2.0 or Atom feed: one document per item (title, then the item's main text).
    Feed,
    /// A WARC file, plain or gzipped: one document per HTML or text response record.
    Warc,
}

impl InputFormat {
    /// The format a file name suggests: `.html`/`.htm`/`.xhtml` → HTML, `.jsonl`/`.ndjson`
    /// → JSON Lines, `.rss`/`.atom`/`.xml` → feed, `.warc`/`.warc.gz` → WARC, anything else
    /// → text.
    pub fn from_path(path: &Path) -> InputFormat {
        let name = path
            .file_name()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") {
            return InputFormat::Warc;
        }
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "rss" | "atom" | "xml" => InputFormat::Feed,
            _ => InputFormat::Text,
        }
    }

    /// The name [`FromStr`] accepts: `text`, `html`, `jsonl`, `feed` or `warc`.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Feed => "feed",
            InputFormat::Warc => "warc",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input format name that is not `text`, `html`, `jsonl`, `feed` or `warc`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown input format {0:?}: expected text, html, jsonl, feed or warc")]
pub struct UnknownFormat(pub String);

impl FromStr for InputFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(InputFormat::Text),
            "html" => Ok(InputFormat::Html),
            "jsonl" => Ok(InputFormat::Jsonl),
            "feed" => Ok(InputFormat::Feed),
            "warc" => Ok(InputFormat::Warc),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

/// How to read input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest accepted article in bytes: the raw input for text and HTML, each line for
    /// JSON Lines. Default [`DEFAULT_MAX_BYTES`] (8 MiB).
    pub max_bytes: usize,
    /// Publication date to use. For text and HTML it overrides any date found in the page;
    /// for JSON Lines it is the default for records without `published`.
    pub published: Option<NaiveDate>,
    /// Document id for text and HTML (default: the file stem, `stdin` for `-`). Not used for
    /// JSON Lines, whose records carry their own ids.
    pub id: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            published: None,
            id: None,
        }
    }
}

/// Reads one article from `bytes`.
///
/// `source_name` names the input in errors and gives the default id: its file stem
/// (`"dir/article.html"` → `article`; `"-"` → `stdin`), unless `opts.id` is set.
/// `metadata.published` is `opts.published` (for HTML, else the page's date).
///
/// Errors: [`IngestError::TooLarge`] (checked first, so a huge input fails at once),
/// [`IngestError::Binary`] (a NUL byte anywhere, or more than 10% control characters in the
/// first 8 KiB), [`IngestError::InvalidUtf8`] (text only; HTML falls back to Windows-1252),
/// [`IngestError::Empty`] (nothing but whitespace, after HTML extraction).
///
/// For [`InputFormat::Jsonl`], [`InputFormat::Feed`] and [`InputFormat::Warc`] this returns
/// the first record; use [`open_path`] (or [`read_jsonl`], [`read_warc`]) to read all.
pub fn read_document(
    source_name: &str,
    bytes: &[u8],
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    let src = Source {
        file: source_name,
        id: doc_id(source_name, opts),
    };
    match format {
        InputFormat::Text => text::read_text(&src, bytes, opts),
        InputFormat::Html => html::read_html(&src, bytes, opts),
        InputFormat::Jsonl => read_jsonl(source_name, bytes, opts)
            .next()
            .unwrap_or_else(|| Err(src.empty())),
        InputFormat::Feed => feed::read_feed(source_name, bytes, opts)
            .into_iter()
            .next()
            .unwrap_or_else(|| Err(src.empty())),
        InputFormat::Warc => read_warc(source_name, std::io::Cursor::new(bytes.to_vec()), opts)
            .next()
            .unwrap_or_else(|| Err(src.empty())),
    }
}

/// Reads a file (or standard input for `-`): one result for text and HTML, one per
/// non-blank line for JSON Lines. A file that cannot be opened gives one
/// [`IngestError::Io`] (`"path: No such file or directory"`).
pub fn read_path(
    path: &Path,
    format: InputFormat,
    opts: &ReadOptions,
) -> Vec<Result<Document, IngestError>> {
    open_path(path, format, opts).collect()
}

/// Like [`read_path`], but streams: JSON Lines records are read one at a time as the
/// iterator is advanced.
pub fn open_path(
    path: &Path,
    format: InputFormat,
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<Document, IngestError>>> {
    let name = path.to_string_lossy().into_owned();
    let stdin = name == "-";
    if format == InputFormat::Jsonl {
        if stdin {
            return Box::new(read_jsonl(&name, io::stdin().lock(), opts));
        }
        return match File::open(path) {
            Ok(f) => Box::new(read_jsonl(&name, BufReader::new(f), opts)),
            Err(e) => Box::new(std::iter::once(Err(io_error(&name, &e, stem(&name))))),
        };
    }
    if format == InputFormat::Warc {
        if stdin {
            return Box::new(read_warc(&name, io::stdin(), opts));
        }
        return match File::open(path) {
            Ok(f) => Box::new(read_warc(&name, f, opts)),
            Err(e) => Box::new(std::iter::once(Err(io_error(&name, &e, stem(&name))))),
        };
    }
    let id = doc_id(&name, opts);
    // a feed holds many articles: it may be as large as 16 of them
    let limit = if format == InputFormat::Feed {
        opts.max_bytes.saturating_mul(16)
    } else {
        opts.max_bytes
    };
    let bytes = if stdin {
        read_limited(io::stdin().lock(), limit)
    } else {
        File::open(path).and_then(|f| {
            let size = f.metadata()?.len();
            match usize::try_from(size) {
                Ok(n) if n <= limit => read_limited(f, limit),
                Ok(n) => Ok(Err(n)),
                Err(_) => Ok(Err(usize::MAX)),
            }
        })
    };
    match bytes {
        Ok(Ok(bytes)) if format == InputFormat::Feed => {
            Box::new(feed::read_feed(&name, &bytes, opts).into_iter())
        }
        Ok(Ok(bytes)) => Box::new(std::iter::once(read_document(&name, &bytes, format, opts))),
        Ok(Err(size)) => Box::new(std::iter::once(Err(
            Source { file: &name, id }.too_large(size, limit)
        ))),
        Err(e) => Box::new(std::iter::once(Err(io_error(&name, &e, id)))),
    }
}

/// Reads at most `limit` bytes; beyond that, counts the rest without keeping it and returns
/// the total size as the error.
fn read_limited(mut r: impl Read, limit: usize) -> io::Result<Result<Vec<u8>, usize>> {
    let mut buf = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    r.by_ref().take(cap).read_to_end(&mut buf)?;
    if buf.len() <= limit {
        return Ok(Ok(buf));
    }
    let rest = io::copy(&mut r, &mut io::sink())?;
    Ok(Err(buf.len().saturating_add(
        usize::try_from(rest).unwrap_or(usize::MAX),
    )))
}

/// An [`IngestError::Io`] with the operating system's words and no error number.
pub(crate) fn io_error(file: &str, e: &io::Error, id: String) -> IngestError {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "No such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => {
            let m = e.to_string();
            match m.rfind(" (os error ") {
                Some(p) if m.ends_with(')') => m[..p].to_string(),
                _ => m,
            }
        }
    };
    IngestError::Io {
        file: file.to_string(),
        message,
        id,
    }
}

/// The document id for a source: `opts.id`, else the file stem.
fn doc_id(source_name: &str, opts: &ReadOptions) -> String {
    opts.id.clone().unwrap_or_else(|| stem(source_name))
}

/// The file stem of a source name; `stdin` for `-` or an empty name.
pub(crate) fn stem(source_name: &str) -> String {
    if source_name.is_empty() || source_name == "-" {
        return "stdin".to_string();
    }
    match Path::new(source_name).file_stem() {
        Some(s) => s.to_string_lossy().into_owned(),
        None => source_name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_print() {
        for f in [
            InputFormat::Text,
            InputFormat::Html,
            InputFormat::Jsonl,
            InputFormat::Feed,
            InputFormat::Warc,
        ] {
            assert_eq!(f.to_string().parse::<InputFormat>(), Ok(f));
        }
        let e = "xml".parse::<InputFormat>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown input format \"xml\": expected text, html, jsonl, feed or warc"
        );
        assert_eq!(
            InputFormat::from_path(Path::new("crawl/CC-NEWS-1.warc.gz")),
            InputFormat::Warc
        );
        assert_eq!(
            InputFormat::from_path(Path::new("feeds/world.rss")),
            InputFormat::Feed
        );
        assert_eq!(
            InputFormat::from_path(Path::new("a/b.HTM")),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::from_path(Path::new("feed.ndjson")),
            InputFormat::Jsonl
        );
        assert_eq!(
            InputFormat::from_path(Path::new("README")),
            InputFormat::Text
        );
    }

    #[test]
    fn ids_come_from_options_or_stem() {
        let opts = ReadOptions::default();
        let d = read_document("dir/article.v2.txt", b"x", InputFormat::Text, &opts).unwrap();
        assert_eq!(d.id(), "article.v2");
        let d = read_document("-", b"x", InputFormat::Text, &opts).unwrap();
        assert_eq!(d.id(), "stdin");
        let date = NaiveDate::from_ymd_opt(2025, 4, 8);
        let opts = ReadOptions {
            id: Some("given".into()),
            published: date,
            ..opts
        };
        let d = read_document("a.txt", b"x", InputFormat::Text, &opts).unwrap();
        assert_eq!(d.id(), "given");
        assert_eq!(d.meta.published, date);
        let e = read_document("a.txt", b"", InputFormat::Text, &opts).unwrap_err();
        assert_eq!(e.id(), "given");
    }

    #[test]
    fn jsonl_through_read_document_gives_the_first_record() {
        let opts = ReadOptions::default();
        let d = read_document(
            "f.jsonl",
            b"\n{\"text\":\"a\"}\n{\"text\":\"b\"}",
            InputFormat::Jsonl,
            &opts,
        );
        assert_eq!(d.unwrap().text(), "a");
        let e = read_document("f.jsonl", b"\n\n", InputFormat::Jsonl, &opts).unwrap_err();
        assert_eq!(e.kind(), "empty");
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let path = Path::new("/nonexistent/sitrep-ingest/missing.txt");
        for format in [InputFormat::Text, InputFormat::Html, InputFormat::Jsonl] {
            let items = read_path(path, format, &ReadOptions::default());
            assert_eq!(items.len(), 1);
            let e = items[0].as_ref().unwrap_err();
            assert_eq!(e.kind(), "io");
            assert_eq!(
                e.to_string(),
                "/nonexistent/sitrep-ingest/missing.txt: No such file or directory"
            );
            assert_eq!(e.id(), "missing");
        }
    }

    #[test]
    fn read_limited_counts_what_it_does_not_keep() {
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), Ok(b"abc".to_vec()));
        assert_eq!(read_limited(&b"abcdef"[..], 3).unwrap(), Err(6));
    }
}
