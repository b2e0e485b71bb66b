//! HTML character references and the Windows-1252 fallback decoding.

use std::borrow::Cow;

/// Windows-1252 code points for bytes 0x80..=0x9F. The five bytes Windows-1252 leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control with the same value, as the
/// WHATWG encoding standard does, so every byte decodes to exactly one character.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The character Windows-1252 (a superset of Latin-1's printable range) gives a byte.
pub(crate) fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Decodes bytes that are mostly UTF-8: valid UTF-8 stretches as UTF-8, every other byte as
/// Windows-1252. A page entirely in Windows-1252 or Latin-1 comes out right (their accented
/// letters are not valid UTF-8 sequences in practice), and a UTF-8 page with a stray byte
/// keeps its other characters. Total: nothing is lost.
pub(crate) fn decode_utf8_or_windows_1252(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // The prefix was just validated.
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                out.extend(rest[good..good + bad].iter().map(|&b| cp1252_char(b)));
                rest = &rest[good + bad..];
            }
        }
    }
}

/// The longest named reference we look up.
const MAX_NAME: usize = 32;
/// Digits beyond this are not needed for any code point.
const MAX_DIGITS: usize = 8;

/// Decodes character references: `&amp;`, `&#8217;`, `&#x2019;` and the common named ones.
/// Numeric references without `;` are decoded too; unknown names and named references without
/// `;` are left as written. Invalid code points become U+FFFD; 128..=159 are read as
/// Windows-1252, as browsers do.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = b.iter().position(|&c| c == b'&') else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    while i < b.len() {
        if b[i] != b'&' {
            let next = b[i..]
                .iter()
                .position(|&c| c == b'&')
                .map_or(b.len(), |p| i + p);
            out.push_str(&s[i..next]);
            i = next;
            continue;
        }
        match reference_at(b, i) {
            Some((text, len)) => {
                out.push_str(&text);
                i += len;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// The decoded text of a reference starting at `b[at] == b'&'` and its length in bytes.
fn reference_at(b: &[u8], at: usize) -> Option<(Cow<'static, str>, usize)> {
    let rest = &b[at + 1..];
    if rest.first() == Some(&b'#') {
        let (hex, start) = match rest.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let digits = rest[start..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut len = 1 + start + digits;
        if rest.get(start + digits) == Some(&b';') {
            len += 1;
        }
        let value = if digits > MAX_DIGITS {
            None
        } else {
            let d = std::str::from_utf8(&rest[start..start + digits]).ok()?;
            u32::from_str_radix(d, if hex { 16 } else { 10 }).ok()
        };
        let c = match value {
            Some(v @ 0x80..=0x9F) => cp1252_char(u8::try_from(v).ok()?),
            Some(0) | None => '\u{FFFD}',
            Some(v) => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((Cow::Owned(c.to_string()), len));
    }
    let name_len = rest
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || name_len > MAX_NAME || rest.get(name_len) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&rest[..name_len]).ok()?;
    named(name).map(|t| (Cow::Borrowed(t), name_len + 2))
}

/// Named references common in news pages.
fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "zwsp" | "ZeroWidthSpace" => "\u{200b}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "shy" => "\u{ad}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "sbquo" => "\u{201a}",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "bdquo" => "\u{201e}",
        "laquo" => "\u{ab}",
        "raquo" => "\u{bb}",
        "lsaquo" => "\u{2039}",
        "rsaquo" => "\u{203a}",
        "prime" => "\u{2032}",
        "Prime" => "\u{2033}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "minus" => "\u{2212}",
        "hellip" => "\u{2026}",
        "bull" => "\u{2022}",
        "middot" => "\u{b7}",
        "dagger" => "\u{2020}",
        "Dagger" => "\u{2021}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "trade" => "\u{2122}",
        "deg" => "\u{b0}",
        "sect" => "\u{a7}",
        "para" => "\u{b6}",
        "euro" => "\u{20ac}",
        "pound" => "\u{a3}",
        "yen" => "\u{a5}",
        "cent" => "\u{a2}",
        "curren" => "\u{a4}",
        "times" => "\u{d7}",
        "divide" => "\u{f7}",
        "plusmn" => "\u{b1}",
        "frac12" => "\u{bd}",
        "frac14" => "\u{bc}",
        "frac34" => "\u{be}",
        "sup1" => "\u{b9}",
        "sup2" => "\u{b2}",
        "sup3" => "\u{b3}",
        "permil" => "\u{2030}",
        "iexcl" => "\u{a1}",
        "iquest" => "\u{bf}",
        "ordf" => "\u{aa}",
        "ordm" => "\u{ba}",
        "acute" => "\u{b4}",
        "uml" => "\u{a8}",
        "cedil" => "\u{b8}",
        "macr" => "\u{af}",
        "micro" => "\u{b5}",
        "not" => "\u{ac}",
        "brvbar" => "\u{a6}",
        "larr" => "\u{2190}",
        "rarr" => "\u{2192}",
        "uarr" => "\u{2191}",
        "darr" => "\u{2193}",
        "Agrave" => "\u{c0}",
        "Aacute" => "\u{c1}",
        "Acirc" => "\u{c2}",
        "Atilde" => "\u{c3}",
        "Auml" => "\u{c4}",
        "Aring" => "\u{c5}",
        "AElig" => "\u{c6}",
        "Ccedil" => "\u{c7}",
        "Egrave" => "\u{c8}",
        "Eacute" => "\u{c9}",
        "Ecirc" => "\u{ca}",
        "Euml" => "\u{cb}",
        "Igrave" => "\u{cc}",
        "Iacute" => "\u{cd}",
        "Icirc" => "\u{ce}",
        "Iuml" => "\u{cf}",
        "ETH" => "\u{d0}",
        "Ntilde" => "\u{d1}",
        "Ograve" => "\u{d2}",
        "Oacute" => "\u{d3}",
        "Ocirc" => "\u{d4}",
        "Otilde" => "\u{d5}",
        "Ouml" => "\u{d6}",
        "Oslash" => "\u{d8}",
        "Ugrave" => "\u{d9}",
        "Uacute" => "\u{da}",
        "Ucirc" => "\u{db}",
        "Uuml" => "\u{dc}",
        "Yacute" => "\u{dd}",
        "THORN" => "\u{de}",
        "szlig" => "\u{df}",
        "agrave" => "\u{e0}",
        "aacute" => "\u{e1}",
        "acirc" => "\u{e2}",
        "atilde" => "\u{e3}",
        "auml" => "\u{e4}",
        "aring" => "\u{e5}",
        "aelig" => "\u{e6}",
        "ccedil" => "\u{e7}",
        "egrave" => "\u{e8}",
        "eacute" => "\u{e9}",
        "ecirc" => "\u{ea}",
        "euml" => "\u{eb}",
        "igrave" => "\u{ec}",
        "iacute" => "\u{ed}",
        "icirc" => "\u{ee}",
        "iuml" => "\u{ef}",
        "eth" => "\u{f0}",
        "ntilde" => "\u{f1}",
        "ograve" => "\u{f2}",
        "oacute" => "\u{f3}",
        "ocirc" => "\u{f4}",
        "otilde" => "\u{f5}",
        "ouml" => "\u{f6}",
        "oslash" => "\u{f8}",
        "ugrave" => "\u{f9}",
        "uacute" => "\u{fa}",
        "ucirc" => "\u{fb}",
        "uuml" => "\u{fc}",
        "yacute" => "\u{fd}",
        "thorn" => "\u{fe}",
        "yuml" => "\u{ff}",
        "Scaron" => "\u{160}",
        "scaron" => "\u{161}",
        "OElig" => "\u{152}",
        "oelig" => "\u{153}",
        "Yuml" => "\u{178}",
        "fnof" => "\u{192}",
        "circ" => "\u{2c6}",
        "tilde" => "\u{2dc}",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode_entities("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(
            decode_entities("&lt;b&gt; &quot;x&quot; &#39;y&#39;"),
            "<b> \"x\" 'y'"
        );
        assert_eq!(
            decode_entities("Iran&rsquo;s &ldquo;axis&rdquo; &mdash; a"),
            "Iran’s “axis” — a"
        );
        assert_eq!(decode_entities("a&nbsp;b"), "a\u{a0}b");
        assert_eq!(decode_entities("&#8217;&#x2019;&#X2019;"), "’’’");
        assert_eq!(decode_entities("caf&eacute; S&atilde;o"), "café São");
        // Browsers read 128..=159 as Windows-1252.
        assert_eq!(decode_entities("&#150;&#146;"), "–’");
    }

    #[test]
    fn leaves_unknown_or_broken_references() {
        assert_eq!(decode_entities("AT&T"), "AT&T");
        assert_eq!(decode_entities("a & b"), "a & b");
        assert_eq!(decode_entities("&bogus; &amp"), "&bogus; &amp");
        assert_eq!(decode_entities("&#;&#x;"), "&#;&#x;");
        assert_eq!(decode_entities("&"), "&");
        assert_eq!(
            decode_entities("&#0;&#xD800;&#99999999999;"),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(decode_entities("&#65 x"), "A x");
        assert_eq!(decode_entities("é&amp;é"), "é&é");
    }

    #[test]
    fn windows_1252_fallback_is_total() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_utf8_or_windows_1252(&all).chars().count(), 256);
        assert_eq!(
            decode_utf8_or_windows_1252(b"caf\xe9 \x93hi\x94 \x96 \x80"),
            "café “hi” – €"
        );
        let mixed = [
            &b"caf\xe9 "[..],
            "Iran’s".as_bytes(),
            b" \x93x\x94 \xe2\x80",
        ]
        .concat();
        assert_eq!(decode_utf8_or_windows_1252(&mixed), "café Iran’s “x” â€");
    }
}
