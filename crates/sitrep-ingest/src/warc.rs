//! WARC (ISO 28500) files, plain or gzipped (one gzip member per record, or one for the whole
//! file): every `response`, `resource` or `conversion` record whose payload is HTML or plain
//! text becomes a document. HTTP headers are stripped, chunked transfer coding and gzip or
//! deflate content coding undone. The record's `WARC-Target-URI` is the document URL; the
//! publication date is the page's own (from its metadata), else the run's default, else the
//! day of the crawl (`WARC-Date`), which for news crawls is close to it.
//!
//! A malformed record (bad header, truncated block) gives one error naming the file, the
//! record number and the byte offset (in the uncompressed stream) and reading resumes at the
//! next `WARC/` line; a truncated gzip stream ends the file with one error after every
//! complete record before it.

use std::io::{BufRead, BufReader, Read};

use flate2::read::{GzDecoder, MultiGzDecoder, ZlibDecoder};
use sitrep_doc::Document;

use crate::text::Source;
use crate::{html, parse_date, text, IngestError, ReadOptions};

/// Streams the documents of a WARC file.
pub struct WarcReader {
    name: String,
    reader: Box<dyn BufRead>,
    opts: ReadOptions,
    /// Bytes consumed so far (uncompressed).
    offset: u64,
    /// Records seen so far.
    record: usize,
    done: bool,
}

/// Reads WARC records from `reader`; gzip is detected from the first bytes.
pub fn read_warc<R: Read + 'static>(name: &str, reader: R, opts: &ReadOptions) -> WarcReader {
    let mut buf = BufReader::new(reader);
    let gz = buf.fill_buf().is_ok_and(|b| b.starts_with(&[0x1f, 0x8b]));
    let reader: Box<dyn BufRead> = if gz {
        Box::new(BufReader::new(MultiGzDecoder::new(buf)))
    } else {
        Box::new(buf)
    };
    WarcReader {
        name: name.to_string(),
        reader,
        opts: opts.clone(),
        offset: 0,
        record: 0,
        done: false,
    }
}

impl WarcReader {
    fn malformed(&self, at: u64, message: impl Into<String>) -> IngestError {
        IngestError::Malformed {
            file: self.name.clone(),
            record: self.record,
            byte: at,
            message: message.into(),
            id: format!("{}#{}", crate::stem(&self.name), self.record),
        }
    }

    /// Reads one line (up to 64 KiB), without its line ending; `None` at the end.
    fn line(&mut self) -> std::io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(64 * 1024)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.offset += n as u64;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }

    /// Skips to the next `WARC/` version line; returns it, or `None` at the end.
    fn next_version_line(&mut self) -> std::io::Result<Option<(u64, String)>> {
        loop {
            let at = self.offset;
            match self.line()? {
                None => return Ok(None),
                Some(l) if l.starts_with("WARC/") => return Ok(Some((at, l))),
                Some(_) => {}
            }
        }
    }

    /// One record: `Ok(None)` when it is not a document.
    fn record(&mut self) -> Option<Result<Option<Document>, IngestError>> {
        let (at, _version) = match self.next_version_line() {
            Ok(Some(v)) => v,
            Ok(None) => return None,
            Err(e) => return Some(Err(self.stream_error(e))),
        };
        self.record += 1;
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.line() {
                Ok(Some(l)) if l.is_empty() => break,
                Ok(Some(l)) => match l.split_once(':') {
                    Some((k, v)) => headers.push((k.trim().to_ascii_lowercase(), v.trim().into())),
                    None => return Some(Err(self.malformed(at, format!("bad header line {l:?}")))),
                },
                Ok(None) => return Some(Err(self.malformed(at, "truncated record header"))),
                Err(e) => return Some(Err(self.stream_error(e))),
            }
        }
        let get = |k: &str| {
            headers
                .iter()
                .find(|(h, _)| h == k)
                .map(|(_, v)| v.as_str())
        };
        let Some(len) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return Some(Err(self.malformed(at, "missing or bad Content-Length")));
        };
        let wtype = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let ctype = get("content-type").unwrap_or("").to_ascii_lowercase();
        let uri = get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let crawl_date = get("warc-date").and_then(|d| parse_date(d).ok());
        let record_id = get("warc-record-id")
            .map(|r| {
                r.trim_matches(['<', '>'])
                    .trim_start_matches("urn:uuid:")
                    .to_string()
            })
            .unwrap_or_else(|| format!("{}-{}", crate::stem(&self.name), self.record));
        let wanted = matches!(wtype.as_str(), "response" | "resource" | "conversion");
        let limit = self.opts.max_bytes as u64;
        if !wanted || len > limit {
            // skip the block without keeping it
            match std::io::copy(&mut (&mut self.reader).take(len), &mut std::io::sink()) {
                Ok(n) if n == len => self.offset += n,
                Ok(n) => {
                    self.offset += n;
                    return Some(Err(
                        self.malformed(at, format!("truncated block: {n} of {len} bytes"))
                    ));
                }
                Err(e) => return Some(Err(self.stream_error(e))),
            }
            if wanted {
                let src = Source {
                    file: &self.name,
                    id: record_id,
                };
                return Some(Err(src.too_large(len as usize, self.opts.max_bytes)));
            }
            return Some(Ok(None));
        }
        let mut block = Vec::with_capacity(len as usize);
        match (&mut self.reader).take(len).read_to_end(&mut block) {
            Ok(n) => {
                self.offset += n as u64;
                if (n as u64) < len {
                    return Some(Err(
                        self.malformed(at, format!("truncated block: {n} of {len} bytes"))
                    ));
                }
            }
            Err(e) => return Some(Err(self.stream_error(e))),
        }
        let (media, body) = if ctype.starts_with("application/http") {
            match http_payload(&block) {
                Some(p) => p,
                None => return Some(Err(self.malformed(at, "bad HTTP response in block"))),
            }
        } else {
            (ctype.clone(), block)
        };
        let src = Source {
            file: &self.name,
            id: record_id,
        };
        let mut opts = self.opts.clone();
        opts.published = None;
        let doc = if media.contains("html") {
            html::read_html(&src, &body, &opts)
        } else if media.starts_with("text/plain") {
            text::read_text(&src, &body, &opts)
        } else {
            return Some(Ok(None));
        };
        Some(doc.map(|mut d| {
            if d.meta.url.is_none() {
                d.meta.url = uri;
            }
            if d.meta.published.is_none() {
                d.meta.published = self.opts.published.or(crawl_date);
            }
            Some(d)
        }))
    }

    fn stream_error(&mut self, e: std::io::Error) -> IngestError {
        self.done = true;
        let what = if e.kind() == std::io::ErrorKind::UnexpectedEof {
            "truncated compressed stream".to_string()
        } else {
            e.to_string()
        };
        self.malformed(self.offset, what)
    }
}

impl Iterator for WarcReader {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.record()? {
                Ok(Some(doc)) => return Some(Ok(doc)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

/// The media type and decoded body of an HTTP response.
fn http_payload(block: &[u8]) -> Option<(String, Vec<u8>)> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, 4))
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|p| (p, 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status = lines.next()?;
    if !status.starts_with("HTTP/") {
        return None;
    }
    let mut media = String::new();
    let mut chunked = false;
    let mut coding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
            match k.as_str() {
                "content-type" => media = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => coding = v,
                _ => {}
            }
        }
    }
    let mut body = block[end.0 + end.1..].to_vec();
    if chunked {
        body = dechunk(&body).unwrap_or(body);
    }
    if coding.contains("gzip") {
        let mut out = Vec::new();
        if GzDecoder::new(&body[..]).read_to_end(&mut out).is_ok() {
            body = out;
        }
    } else if coding.contains("deflate") {
        let mut out = Vec::new();
        if ZlibDecoder::new(&body[..]).read_to_end(&mut out).is_ok() {
            body = out;
        }
    }
    Some((media, body))
}

/// Undoes HTTP chunked transfer coding; `None` when the body is not validly chunked.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = b.iter().position(|&c| c == b'\n')?;
        let size_line = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            return None;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(wtype: &str, uri: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-04-08T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            uri.len(),
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
            .into_bytes()
    }

    fn sample() -> Vec<u8> {
        sample_records().concat()
    }

    #[allow(clippy::vec_init_then_push)]
    fn sample_records() -> Vec<Vec<u8>> {
        let mut w = Vec::new();
        w.push(record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ));
        w.push(record(
            "request",
            "https://a.example/x",
            "application/http; msgtype=request",
            b"GET /x HTTP/1.1\r\n\r\n",
        ));
        w.push(record(
            "response",
            "https://a.example/x",
            "application/http; msgtype=response",
            &http("<html><body><nav>Home</nav><p>Militias agreed to disarm on Monday.</p></body></html>"),
        ));
        w.push(record(
            "response",
            "https://a.example/logo.png",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        w.push(record(
            "resource",
            "file:///notes.txt",
            "text/plain",
            b"Rebels attacked a base.",
        ));
        w
    }

    fn read(bytes: Vec<u8>) -> Vec<Result<Document, IngestError>> {
        read_warc(
            "crawl.warc",
            std::io::Cursor::new(bytes),
            &ReadOptions::default(),
        )
        .collect()
    }

    #[test]
    fn html_and_text_records_become_documents() {
        let docs = read(sample());
        assert_eq!(docs.len(), 2, "{docs:?}");
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.text(), "Militias agreed to disarm on Monday.");
        assert_eq!(d.meta.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(
            d.meta.published.map(|p| p.to_string()).as_deref(),
            Some("2025-04-08")
        );
        assert_eq!(docs[1].as_ref().unwrap().text(), "Rebels attacked a base.");
    }

    #[test]
    fn gzip_members_are_read_and_truncation_is_reported_after_the_good_records() {
        let mut gz = Vec::new();
        // one gzip member per record, as crawlers write them
        for rec in sample_records() {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&rec).unwrap();
            gz.extend(e.finish().unwrap());
        }
        assert_eq!(read(gz.clone()).iter().filter(|d| d.is_ok()).count(), 2);
        // cut the stream in the last record
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&record(
            "resource",
            "file:///b.txt",
            "text/plain",
            "Police arrested 12 people. ".repeat(200).as_bytes(),
        ))
        .unwrap();
        let second = e.finish().unwrap();
        gz.extend_from_slice(&second[..second.len() / 2]);
        let docs = read(gz);
        assert_eq!(docs.iter().filter(|d| d.is_ok()).count(), 2);
        let err = docs.last().unwrap().as_ref().unwrap_err();
        assert_eq!(err.kind(), "malformed");
        assert!(err.to_string().starts_with("crawl.warc: record 6"), "{err}");
    }

    #[test]
    fn a_bad_record_is_reported_and_reading_resumes() {
        let mut w = b"WARC/1.0\r\nWARC-Type: resource\r\nno colon here\r\n\r\nxx\r\n\r\n".to_vec();
        w.extend(sample());
        let mut truncated = record(
            "resource",
            "file:///c.txt",
            "text/plain",
            b"A long text that is cut.",
        );
        truncated.truncate(truncated.len() - 12);
        w.extend(truncated);
        let docs = read(w);
        let errs: Vec<String> = docs
            .iter()
            .filter_map(|d| d.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(docs.iter().filter(|d| d.is_ok()).count(), 2);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].contains("record 1") && errs[0].contains("bad header line"),
            "{errs:?}"
        );
        assert!(errs[1].contains("truncated block"), "{errs:?}");
    }

    #[test]
    fn chunked_and_compressed_http_bodies_are_decoded() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"<p>Talks resumed.</p>").unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(e.finish().unwrap());
        let (media, body) = http_payload(&block).unwrap();
        assert_eq!(media, "text/html");
        assert_eq!(body, b"<p>Talks resumed.</p>");
    }
}
