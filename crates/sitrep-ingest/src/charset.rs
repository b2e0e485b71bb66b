//! Decoding an HTML page's bytes, given the charset its `<meta>` declares.
//!
//! Declarations are often wrong, so the bytes decide first: bytes that are valid UTF-8 are
//! read as UTF-8 whatever the page says (a `windows-1252` page that is valid UTF-8 and has
//! non-ASCII bytes was almost certainly written as UTF-8 and mislabelled). Bytes that are
//! not valid UTF-8 are read by the declared charset when it is Windows-1252 (with its aliases
//! `iso-8859-1`, `latin1`, `us-ascii`, as the WHATWG encoding standard maps them) or
//! ISO-8859-15; otherwise (declared UTF-8, nothing declared, or a charset we do not decode)
//! UTF-8 stretches stay UTF-8 and the other bytes are read as Windows-1252.
//!
//! Every reading that departs from the declaration, or guesses, comes with a warning.

use std::borrow::Cow;

use crate::entities::{cp1252_char, decode_utf8_or_windows_1252};

/// How many leading bytes are searched for a `<meta>` charset (the WHATWG prescan reads
/// 1,024; pages with long `<head>`s put it later, so we look a little further).
const PRESCAN: usize = 4096;

/// A charset we can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    /// Windows-1252, and everything WHATWG reads as it (ISO-8859-1, ASCII).
    Windows1252,
    /// ISO-8859-15 (Latin-9): Latin-1 with `€ Š š Ž ž Œ œ Ÿ`.
    Latin9,
}

fn charset(label: &str) -> Option<Charset> {
    Some(match label {
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8"
        | "x-unicode20utf8" => Charset::Utf8,
        "windows-1252" | "cp1252" | "x-cp1252" | "iso-8859-1" | "iso8859-1" | "iso88591"
        | "iso_8859-1" | "iso_8859-1:1987" | "latin1" | "l1" | "iso-ir-100" | "csisolatin1"
        | "ibm819" | "cp819" | "ascii" | "us-ascii" | "ansi_x3.4-1968" => Charset::Windows1252,
        "iso-8859-15" | "iso8859-15" | "iso885915" | "iso_8859-15" | "latin9" | "l9"
        | "csisolatin9" | "latin-9" => Charset::Latin9,
        _ => return None,
    })
}

/// The charset label a `<meta charset=...>` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` near the start declares, lowercased.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(p) = find(&lower[from..], b"<meta") {
        let start = from + p + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let n = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
                    .unwrap_or(rest.len());
                if n > 0 {
                    return Some(String::from_utf8_lossy(&rest[..n]).into_owned());
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn latin9_char(b: u8) -> char {
    match b {
        0xA4 => '€',
        0xA6 => 'Š',
        0xA8 => 'š',
        0xB4 => 'Ž',
        0xB8 => 'ž',
        0xBC => 'Œ',
        0xBD => 'œ',
        0xBE => 'Ÿ',
        _ => char::from(b),
    }
}

/// Decodes a page (see the module docs); the warning says what was off, without naming the
/// input.
pub(crate) fn decode_html(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    let label = declared_charset(bytes);
    let declared = label.as_deref().map(charset);
    let name = label.as_deref().unwrap_or("");
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            let warning = match declared {
                Some(Some(Charset::Windows1252 | Charset::Latin9)) | Some(None)
                    if !s.is_ascii() =>
                {
                    Some(format!(
                        "declares charset {name} but is valid UTF-8: read as UTF-8"
                    ))
                }
                _ => None,
            };
            (Cow::Borrowed(s), warning)
        }
        Err(e) => {
            let at = e.valid_up_to();
            match declared {
                Some(Some(Charset::Windows1252)) => (
                    Cow::Owned(bytes.iter().map(|&b| cp1252_char(b)).collect()),
                    None,
                ),
                Some(Some(Charset::Latin9)) => (
                    Cow::Owned(bytes.iter().map(|&b| latin9_char(b)).collect()),
                    None,
                ),
                Some(Some(Charset::Utf8)) => (
                    Cow::Owned(decode_utf8_or_windows_1252(bytes)),
                    Some(format!(
                        "declares charset {name} but is not valid UTF-8 (first at byte {at}): \
                         bytes that are not UTF-8 read as windows-1252"
                    )),
                ),
                Some(None) => (
                    Cow::Owned(decode_utf8_or_windows_1252(bytes)),
                    Some(format!(
                        "declares charset {name}, which sitrep does not decode: read as UTF-8, \
                         bytes that are not UTF-8 (first at byte {at}) as windows-1252"
                    )),
                ),
                None => (
                    Cow::Owned(decode_utf8_or_windows_1252(bytes)),
                    Some(format!(
                        "declares no charset and is not valid UTF-8 (first at byte {at}): \
                         bytes that are not UTF-8 read as windows-1252"
                    )),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found_in_both_meta_forms() {
        assert_eq!(
            declared_charset(b"<html><head><META Charset = \"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            declared_charset(
                b"<meta name=x><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(b"<meta charset=utf-8>").as_deref(),
            Some("utf-8")
        );
        assert_eq!(declared_charset(b"<p>charset=latin1</p>"), None);
        assert_eq!(declared_charset(b"<meta name=description content=x>"), None);
    }

    #[test]
    fn valid_utf8_is_read_as_utf8_even_when_declared_windows_1252() {
        let page = "<meta charset=\"windows-1252\"><p>Café in Sanaʽa – “quoted”</p>";
        let (text, warning) = decode_html(page.as_bytes());
        assert_eq!(text, page);
        let w = warning.expect("a wrong declaration is reported");
        assert!(w.contains("windows-1252") && w.contains("UTF-8"), "{w}");
        // ASCII is the same in both: nothing to report
        let (_, warning) = decode_html(b"<meta charset=iso-8859-1><p>plain</p>");
        assert_eq!(warning, None);
        // a true UTF-8 page
        let (_, warning) = decode_html("<meta charset=utf-8><p>café</p>".as_bytes());
        assert_eq!(warning, None);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_by_the_declared_charset() {
        // "Ã©" in Windows-1252 is the bytes C3 A9, which also happen to be UTF-8 for "é":
        // a page that is not UTF-8 as a whole is read by its declaration throughout
        let page = b"<meta charset=windows-1252><p>caf\xe9 \x93\xc3\xa9\x94 \x80</p>";
        let (text, warning) = decode_html(page);
        assert_eq!(text, "<meta charset=windows-1252><p>café “Ã©” €</p>");
        assert_eq!(warning, None);
        let (text, _) = decode_html(b"<meta charset=latin1><p>na\xefve</p>");
        assert_eq!(text, "<meta charset=latin1><p>naïve</p>");
        let (text, _) = decode_html(b"<meta charset=iso-8859-15><p>\xa4 5, \xbduvre</p>");
        assert_eq!(text, "<meta charset=iso-8859-15><p>€ 5, œuvre</p>");
    }

    #[test]
    fn bytes_that_are_not_utf8_without_a_usable_declaration_are_reported() {
        for (page, words) in [
            (
                &b"<meta charset=utf-8><p>caf\xe9</p>"[..],
                "declares charset utf-8",
            ),
            (b"<p>caf\xe9</p>", "declares no charset"),
            (
                b"<meta charset=koi8-r><p>caf\xe9</p>",
                "koi8-r, which sitrep does not decode",
            ),
        ] {
            let (text, warning) = decode_html(page);
            assert!(text.ends_with("<p>café</p>"), "{text}");
            let w = warning.expect("a guess is reported");
            assert!(w.contains(words) && w.contains("byte"), "{w}");
        }
    }
}
