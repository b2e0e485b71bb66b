//! Plain text: checks shared by the file readers, and the text reader itself.

use sitrep_doc::{Document, Metadata};

use crate::{IngestError, ReadOptions};

/// How many leading bytes the control-character test looks at.
const SNIFF_BYTES: usize = 8 * 1024;
/// More control characters than this percentage of the sniffed bytes means binary.
const MAX_CONTROL_PERCENT: usize = 10;

/// The UTF-8 byte order mark.
pub(crate) const BOM: &str = "\u{feff}";

/// Where a document came from: the names its errors and id use.
pub(crate) struct Source<'a> {
    /// File name as given, for messages.
    pub file: &'a str,
    /// Document id.
    pub id: String,
}

impl Source<'_> {
    pub(crate) fn too_large(&self, bytes: usize, limit: usize) -> IngestError {
        IngestError::TooLarge {
            file: self.file.into(),
            line: None,
            id: self.id.clone(),
            bytes,
            limit,
        }
    }

    pub(crate) fn empty(&self) -> IngestError {
        IngestError::Empty {
            file: self.file.into(),
            line: None,
            id: self.id.clone(),
        }
    }
}

/// Rejects inputs over the size limit.
pub(crate) fn check_size(
    src: &Source,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<(), IngestError> {
    if bytes.len() > opts.max_bytes {
        return Err(src.too_large(bytes.len(), opts.max_bytes));
    }
    Ok(())
}

/// Rejects binary data: any NUL byte, or more than 10% control characters (other than tab,
/// line feed, form feed, carriage return and escape) in the first 8 KiB.
pub(crate) fn check_binary(src: &Source, bytes: &[u8]) -> Result<(), IngestError> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b)) || b == 0x7f)
        .count();
    let percent = if head.is_empty() {
        0
    } else {
        controls * 100 / head.len()
    };
    let nul = bytes.iter().position(|&b| b == 0);
    if nul.is_some() || percent > MAX_CONTROL_PERCENT {
        return Err(IngestError::Binary {
            file: src.file.into(),
            id: src.id.clone(),
            nul,
            control_percent: u8::try_from(percent).unwrap_or(100),
        });
    }
    Ok(())
}

/// 1-based line number of byte `offset`.
pub(crate) fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Decodes strict UTF-8, reporting the first bad byte.
pub(crate) fn decode_utf8<'b>(src: &Source, bytes: &'b [u8]) -> Result<&'b str, IngestError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let byte = e.valid_up_to();
        IngestError::InvalidUtf8 {
            file: src.file.into(),
            line: line_of(bytes, byte),
            byte,
            id: src.id.clone(),
        }
    })
}

/// Reads a plain text document. The text is kept exactly as given (line endings included)
/// except that a leading byte order mark is dropped, so offsets index the text without it.
pub(crate) fn read_text(
    src: &Source,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    check_size(src, bytes, opts)?;
    check_binary(src, bytes)?;
    let text = decode_utf8(src, bytes)?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(src.empty());
    }
    let meta = Metadata {
        published: opts.published,
        ..Metadata::default()
    };
    Ok(Document::new(src.id.clone(), text, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> Source<'static> {
        Source {
            file: "sample.txt",
            id: "sample".into(),
        }
    }

    fn read(bytes: &[u8]) -> Result<Document, IngestError> {
        read_text(&src(), bytes, &ReadOptions::default())
    }

    #[test]
    fn keeps_text_as_given() {
        let doc = read(b"Rebels attacked.\r\n\r\nTroops withdrew.\r\n").unwrap();
        assert_eq!(doc.text(), "Rebels attacked.\r\n\r\nTroops withdrew.\r\n");
        assert_eq!(doc.id(), "sample");
    }

    #[test]
    fn drops_a_leading_bom() {
        let doc = read("\u{feff}Rebels attacked.".as_bytes()).unwrap();
        assert_eq!(doc.text(), "Rebels attacked.");
    }

    #[test]
    fn empty_and_blank_inputs_are_empty() {
        for input in [&b""[..], b"  \n\t\r\n", "\u{feff} \n".as_bytes()] {
            let e = read(input).unwrap_err();
            assert_eq!(e.kind(), "empty", "{input:?}");
            assert_eq!(e.to_string(), "sample.txt: empty input: no text to code");
        }
    }

    #[test]
    fn nul_bytes_are_binary_with_offset() {
        let e = read(b"abc\0def").unwrap_err();
        assert_eq!(e.kind(), "binary");
        assert_eq!(
            e.to_string(),
            "sample.txt: binary input: NUL byte at byte 3"
        );
        // A NUL after the sniffed prefix still counts.
        let mut long = vec![b'a'; 20_000];
        long[15_000] = 0;
        assert!(matches!(
            read(&long),
            Err(IngestError::Binary {
                nul: Some(15_000),
                ..
            })
        ));
    }

    #[test]
    fn control_heavy_input_is_binary() {
        let mut bytes = b"some words here ".repeat(10);
        bytes.extend(std::iter::repeat_n(0x01, 40));
        let e = read(&bytes).unwrap_err();
        assert!(matches!(e, IngestError::Binary { nul: None, .. }), "{e}");
        assert!(e.to_string().contains("% control characters"), "{e}");
        // A few stray controls are fine.
        let mut ok = b"some words here ".repeat(10);
        ok.push(0x07);
        assert!(read(&ok).is_ok());
    }

    #[test]
    fn invalid_utf8_names_byte_and_line() {
        let e = read(b"line one\nline two\nbad \xff here").unwrap_err();
        assert_eq!(
            e.to_string(),
            "sample.txt: invalid UTF-8 at byte 22 (line 3)"
        );
        assert_eq!(e.kind(), "invalid-utf8");
        // A truncated multi-byte sequence at the end.
        let e = read(b"caf\xc3").unwrap_err();
        assert!(matches!(
            e,
            IngestError::InvalidUtf8 {
                byte: 3,
                line: 1,
                ..
            }
        ));
    }

    #[test]
    fn too_large_is_checked_first() {
        let opts = ReadOptions {
            max_bytes: 4,
            ..ReadOptions::default()
        };
        let e = read_text(&src(), b"\xff\xff\xff\xff\xff", &opts).unwrap_err();
        assert_eq!(
            e.to_string(),
            "sample.txt: input too large: 5 bytes (limit 4)"
        );
        assert_eq!(e.kind(), "too-large");
    }
}
