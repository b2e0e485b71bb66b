//! JSON Lines: one `{"id", "text", "published"?, "title"?, "url"?, "outlet"?}` per line.

use std::io::{BufRead, ErrorKind};

use serde::Deserialize;
use sitrep_doc::{Document, Metadata};

use crate::{io_error, parse_date, stem, IngestError, ReadOptions};

/// Reads JSON Lines from `reader`, streaming: one item per non-blank line, in input order.
///
/// `name` names the source in errors and gives the ids of records without one
/// (`<stem>:<line>`). Each line is checked on its own: a bad line yields an error carrying the
/// file name and 1-based line number, and reading goes on with the next line. A line longer
/// than `opts.max_bytes` is [`IngestError::TooLarge`] and is skipped without being held in
/// memory. `published` may be `YYYY-MM-DD` or an RFC 3339 timestamp; records without one get
/// `opts.published`. `opts.id` is not used (every record has its own id). A read error ends
/// the stream after one [`IngestError::Io`] item.
///
/// ```
/// use sitrep_ingest::{read_jsonl, ReadOptions};
/// let input = "{\"id\": \"a\", \"text\": \"Rebels attacked.\", \"published\": \"2025-04-08\"}\n\
///              \n\
///              {\"text\": 5}\n\
///              {\"text\": \"Troops withdrew.\"}\n";
/// let items: Vec<_> = read_jsonl("feed.jsonl", input.as_bytes(), &ReadOptions::default()).collect();
/// assert_eq!(items.len(), 3);
/// assert_eq!(items[0].as_ref().unwrap().id(), "a");
/// let err = items[1].as_ref().unwrap_err();
/// assert_eq!(err.kind(), "bad-json");
/// assert!(err.to_string().starts_with("feed.jsonl:3: bad JSON at column"));
/// assert_eq!(items[2].as_ref().unwrap().id(), "feed:4");
/// ```
pub fn read_jsonl<R: BufRead>(name: &str, reader: R, opts: &ReadOptions) -> JsonlReader<R> {
    JsonlReader {
        file: name.to_string(),
        stem: stem(name),
        reader,
        opts: opts.clone(),
        line: 0,
        offset: 0,
        buf: Vec::new(),
        done: false,
    }
}

/// The iterator [`read_jsonl`] returns.
#[derive(Debug)]
pub struct JsonlReader<R> {
    file: String,
    stem: String,
    reader: R,
    opts: ReadOptions,
    /// 1-based number of the last line read.
    line: usize,
    /// Bytes of the input consumed so far.
    offset: usize,
    buf: Vec<u8>,
    done: bool,
}

/// One line as read: where it starts and how long it is (without its line feed).
struct RawLine {
    start: usize,
    len: usize,
    kept: bool,
}

/// One JSON Lines record.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<IdValue>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
}

/// Ids may be strings or numbers.
#[derive(Deserialize)]
#[serde(untagged)]
enum IdValue {
    Text(String),
    Number(serde_json::Number),
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads the next line into `buf` unless it is over the limit. `None` at the end.
    fn read_line(&mut self) -> std::io::Result<Option<RawLine>> {
        self.buf.clear();
        let start = self.offset;
        let limit = self.opts.max_bytes;
        let (mut len, mut kept, mut any) = (0usize, true, false);
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            any = true;
            let newline = avail.iter().position(|&b| b == b'\n');
            let take = newline.map_or(avail.len(), |p| p + 1);
            let content = newline.unwrap_or(avail.len());
            if kept && len + content <= limit {
                self.buf.extend_from_slice(&avail[..content]);
            } else if kept {
                kept = false;
                self.buf = Vec::new();
            }
            len += content;
            self.reader.consume(take);
            self.offset += take;
            if newline.is_some() {
                break;
            }
        }
        Ok(any.then_some(RawLine { start, len, kept }))
    }

    fn record(&self, raw: &RawLine) -> Result<Document, IngestError> {
        let file = &self.file;
        let line = self.line;
        let line_id = format!("{}:{}", self.stem, line);
        if !raw.kept {
            return Err(IngestError::TooLarge {
                file: file.clone(),
                line: Some(line),
                id: line_id,
                bytes: raw.len,
                limit: self.opts.max_bytes,
            });
        }
        let mut bytes = &self.buf[..];
        let mut start = raw.start;
        if line == 1 && bytes.starts_with(b"\xef\xbb\xbf") {
            bytes = &bytes[3..];
            start += 3;
        }
        let s = std::str::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
            file: file.clone(),
            line,
            byte: start + e.valid_up_to(),
            id: line_id.clone(),
        })?;
        // Serde would also accept a JSON array in place of the object.
        if let Some(p) = s
            .find(|c: char| !c.is_ascii_whitespace())
            .filter(|&p| !s[p..].starts_with('{'))
        {
            return Err(IngestError::BadJson {
                file: file.clone(),
                line,
                column: p + 1,
                message: "expected a JSON object".to_string(),
                id: line_id,
            });
        }
        let rec: Record = serde_json::from_str(s).map_err(|e| {
            let msg = e.to_string();
            let msg = msg.rfind(" at line ").map_or(msg.as_str(), |p| &msg[..p]);
            IngestError::BadJson {
                file: file.clone(),
                line,
                column: e.column(),
                message: msg.replace("struct Record", "a JSON object"),
                id: line_id.clone(),
            }
        })?;
        let id = match rec.id {
            Some(IdValue::Text(t)) if !t.trim().is_empty() => t,
            Some(IdValue::Number(n)) => n.to_string(),
            _ => line_id,
        };
        let Some(text) = rec.text else {
            return Err(IngestError::MissingText {
                file: file.clone(),
                line,
                id,
            });
        };
        if text.len() > self.opts.max_bytes {
            return Err(IngestError::TooLarge {
                file: file.clone(),
                line: Some(line),
                id,
                bytes: text.len(),
                limit: self.opts.max_bytes,
            });
        }
        if text.trim().is_empty() {
            return Err(IngestError::Empty {
                file: file.clone(),
                line: Some(line),
                id,
            });
        }
        let published = match non_empty(rec.published) {
            Some(p) => Some(parse_date(&p).map_err(|e| e.located(file, Some(line), &id))?),
            None => self.opts.published,
        };
        let meta = Metadata {
            title: non_empty(rec.title),
            outlet: non_empty(rec.outlet),
            url: non_empty(rec.url),
            published,
            language: None,
        };
        Ok(Document::new(id, text, meta))
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let raw = match self.read_line() {
                Ok(Some(raw)) => raw,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(io_error(
                        &self.file,
                        &e,
                        format!("{}:{}", self.stem, self.line + 1),
                    )));
                }
            };
            self.line += 1;
            let content = match self.buf.strip_prefix(b"\xef\xbb\xbf") {
                Some(rest) if self.line == 1 => rest,
                _ => &self.buf[..],
            };
            let blank = raw.kept && content.iter().all(|b| b.is_ascii_whitespace());
            if blank {
                continue;
            }
            return Some(self.record(&raw));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> Vec<Result<Document, IngestError>> {
        read_jsonl("in.jsonl", input, &ReadOptions::default()).collect()
    }

    fn err(r: &Result<Document, IngestError>) -> &IngestError {
        r.as_ref().expect_err("an error")
    }

    #[test]
    fn reads_records_with_metadata() {
        let input = br#"{"id":"a1","text":"Rebels attacked.","published":"2025-04-08T10:00:00Z","title":" T ","url":"u","outlet":"O","extra":1}
{"id":7,"text":"Second."}"#;
        let items = read(input);
        assert_eq!(items.len(), 2);
        let d = items[0].as_ref().unwrap();
        assert_eq!(d.id(), "a1");
        assert_eq!(d.text(), "Rebels attacked.");
        assert_eq!(
            d.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2025-04-08")
        );
        assert_eq!(d.meta.title.as_deref(), Some("T"));
        assert_eq!(d.meta.url.as_deref(), Some("u"));
        assert_eq!(d.meta.outlet.as_deref(), Some("O"));
        assert_eq!(items[1].as_ref().unwrap().id(), "7");
    }

    #[test]
    fn blank_lines_and_crlf_are_skipped_but_counted() {
        let items = read(b"\r\n  \n{\"text\":\"x\"}\r\n\n{\"text\":\"y\"}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().unwrap().id(), "in:3");
        assert_eq!(items[1].as_ref().unwrap().id(), "in:5");
    }

    #[test]
    fn bad_lines_do_not_stop_the_rest() {
        let input = b"{\"text\": \n{\"id\":\"m\"}\n{\"text\":\"ok\",\"published\":\"April 8\"}\n\
            {\"text\":\"  \"}\n{\"text\":\"fine\"}\n[1,2]\n";
        let items = read(input);
        assert_eq!(items.len(), 6);
        let e = err(&items[0]);
        assert_eq!(e.kind(), "bad-json");
        assert_eq!(e.id(), "in:1");
        assert!(
            e.to_string().starts_with("in.jsonl:1: bad JSON at column "),
            "{e}"
        );
        assert!(!e.to_string().contains("at line"), "{e}");
        let e = err(&items[1]);
        assert_eq!(e.to_string(), "in.jsonl:2: missing \"text\" field");
        assert_eq!(e.id(), "m");
        let e = err(&items[2]);
        assert_eq!(
            e.to_string(),
            "in.jsonl:3: unknown date format \"April 8\": expected YYYY-MM-DD"
        );
        assert_eq!(e.id(), "in:3");
        assert_eq!(err(&items[3]).kind(), "empty");
        assert_eq!(items[4].as_ref().unwrap().text(), "fine");
        let e = err(&items[5]);
        assert!(e.to_string().contains("expected a JSON object"), "{e}");
    }

    #[test]
    fn invalid_utf8_reports_file_offset_and_line() {
        let items = read(b"{\"text\":\"ok\"}\n{\"text\":\"b\xffd\"}\n{\"text\":\"after\"}\n");
        assert_eq!(items.len(), 3);
        let e = err(&items[1]);
        assert_eq!(e.to_string(), "in.jsonl: invalid UTF-8 at byte 24 (line 2)");
        assert_eq!(e.id(), "in:2");
        assert!(items[2].is_ok());
    }

    #[test]
    fn long_lines_are_too_large_and_skipped() {
        let opts = ReadOptions {
            max_bytes: 32,
            ..ReadOptions::default()
        };
        let long = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"short\"}}\n",
            "x".repeat(100)
        );
        let items: Vec<_> = read_jsonl("in.jsonl", long.as_bytes(), &opts).collect();
        assert_eq!(items.len(), 2);
        let e = err(&items[0]);
        assert_eq!(
            e.to_string(),
            "in.jsonl:1: input too large: 111 bytes (limit 32)"
        );
        assert_eq!(items[1].as_ref().unwrap().text(), "short");
    }

    #[test]
    fn default_date_and_bom() {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 6);
        let opts = ReadOptions {
            published: date,
            ..ReadOptions::default()
        };
        let items: Vec<_> = read_jsonl(
            "in.jsonl",
            &b"\xef\xbb\xbf{\"text\":\"x\",\"published\":\"\"}"[..],
            &opts,
        )
        .collect();
        assert_eq!(items[0].as_ref().unwrap().meta.published, date);
        assert!(read(b"\xef\xbb\xbf\n").is_empty());
    }

    #[test]
    fn read_errors_end_the_stream() {
        struct Failing;
        impl std::io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk on fire"))
            }
        }
        let items: Vec<_> = read_jsonl(
            "in.jsonl",
            std::io::BufReader::new(Failing),
            &ReadOptions::default(),
        )
        .collect();
        assert_eq!(items.len(), 1);
        assert_eq!(err(&items[0]).to_string(), "in.jsonl: disk on fire");
        assert_eq!(err(&items[0]).kind(), "io");
    }
}
