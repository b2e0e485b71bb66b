//! Word units: tokens split at inner hyphens, with folded matching keys.

use sitrep_doc::Document;
use sitrep_text::{fold, is_apostrophe, is_dash, Span};

/// One matching unit: a token, or a piece of a hyphenated token ("Iranian" and "backed" in
/// "Iranian-backed").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Bytes covered.
    pub span: Span,
    /// Folded key: lowercase, no diacritics, periods and apostrophes removed inside words.
    pub key: String,
    /// True when joined to the previous unit by a hyphen inside one token.
    pub hyph: bool,
    /// True for the possessive clitic (`'s`, `'`).
    pub clitic: bool,
    /// True when the first letter is uppercase.
    pub cap: bool,
    /// True when the unit has letters and all of them are uppercase.
    pub upper: bool,
    /// True when the unit has a letter.
    pub alpha: bool,
}

/// The key of a word piece: folded, with `.` and `'` dropped from words.
pub(crate) fn piece_key(piece: &str) -> String {
    let mut f = fold(piece);
    if f.contains(['.', '\'']) && f.chars().any(|c| c.is_alphanumeric()) {
        f.retain(|c| c != '.' && c != '\'');
    }
    f
}

fn is_clitic(raw: &str) -> bool {
    let mut cs = raw.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), None, None) => is_apostrophe(a),
        (Some(a), Some(s), None) => is_apostrophe(a) && (s == 's' || s == 'S'),
        _ => false,
    }
}

fn letters(s: &str) -> (bool, bool, bool) {
    let first_upper = s
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_uppercase());
    let alpha = s.chars().any(|c| c.is_alphabetic());
    let upper = alpha
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
    (first_upper, upper, alpha)
}

/// Units of the tokens of sentence `s`.
pub(crate) fn sentence_units(doc: &Document, s: usize) -> Vec<Unit> {
    let mut out = Vec::new();
    let Some(sent) = doc.sentences.get(s) else {
        return out;
    };
    let (a, b) = sent.tokens;
    let toks = doc.tokens.get(a as usize..b as usize).unwrap_or(&[]);
    for t in toks {
        let raw = doc.slice(t.span);
        if raw.is_empty() {
            continue;
        }
        if is_clitic(raw) {
            let key = if raw.chars().count() == 2 { "'s" } else { "'" };
            out.push(Unit {
                span: t.span,
                key: key.to_string(),
                hyph: false,
                clitic: true,
                cap: false,
                upper: false,
                alpha: false,
            });
            continue;
        }
        split_pieces(raw, t.span.start as usize, &mut out);
    }
    out
}

/// Splits a token at inner dashes into units.
fn split_pieces(raw: &str, base: usize, out: &mut Vec<Unit>) {
    let has_word = raw.chars().any(|c| c.is_alphanumeric());
    if !has_word {
        let (cap, upper, alpha) = letters(raw);
        out.push(Unit {
            span: Span::new(base, base + raw.len()),
            key: piece_key(raw),
            hyph: false,
            clitic: false,
            cap,
            upper,
            alpha,
        });
        return;
    }
    let mut start = 0;
    let mut first = true;
    let mut push = |s: usize, e: usize, first: &mut bool| {
        let piece = &raw[s..e];
        if piece.is_empty() {
            return;
        }
        let (cap, upper, alpha) = letters(piece);
        out.push(Unit {
            span: Span::new(base + s, base + e),
            key: piece_key(piece),
            hyph: !*first,
            clitic: false,
            cap,
            upper,
            alpha,
        });
        *first = false;
    };
    for (i, c) in raw.char_indices() {
        if is_dash(c) {
            push(start, i, &mut first);
            start = i + c.len_utf8();
        }
    }
    push(start, raw.len(), &mut first);
}

/// Keys of a dictionary surface form, split like document units (words, inner hyphens,
/// possessive clitics, surrounding brackets), each with its case requirement.
pub(crate) fn form_keys(form: &str) -> Vec<(String, CaseReq)> {
    let mut out = Vec::new();
    for word in form.split_whitespace() {
        let mut w = word;
        let mut trailing = Vec::new();
        while let Some(c) = w.chars().next().filter(|c| matches!(c, '(' | '"' | '“')) {
            out.push((c.to_string(), CaseReq::None));
            w = &w[c.len_utf8()..];
        }
        while let Some(c) = w
            .chars()
            .last()
            .filter(|c| matches!(c, ')' | ',' | '"' | '”'))
        {
            trailing.push(c.to_string());
            w = &w[..w.len() - c.len_utf8()];
        }
        // "Iran's", and the plural possessive "Kurdistan Workers' Party" (the text's unit
        // is a bare "'")
        let mut clitic = None;
        for (suffix, key) in [("'s", "'s"), ("’s", "'s"), ("'", "'"), ("’", "'")] {
            if clitic.is_none() && w.len() > suffix.len() && w.ends_with(suffix) {
                w = &w[..w.len() - suffix.len()];
                clitic = Some(key);
            }
        }
        for piece in w.split(is_dash).filter(|p| !p.is_empty()) {
            out.push((piece_key(piece), CaseReq::of(piece)));
        }
        if let Some(key) = clitic {
            out.push((key.to_string(), CaseReq::None));
        }
        for t in trailing.into_iter().rev() {
            out.push((t, CaseReq::None));
        }
    }
    out
}

/// What the text must look like for a dictionary piece to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaseReq {
    /// Any case ("militias", function words).
    None,
    /// First letter uppercase ("Iraq").
    Cap,
    /// All letters uppercase (acronyms: "US", "IRGC").
    Upper,
}

const FUNCTION: &[&str] = &[
    "the", "of", "al", "el", "and", "in", "for", "de", "bin", "ibn", "wal", "fi",
];

impl CaseReq {
    fn of(piece: &str) -> CaseReq {
        let (cap, upper, _) = letters(piece);
        let n = piece.chars().filter(|c| c.is_alphabetic()).count();
        if upper && n >= 2 {
            CaseReq::Upper
        } else if cap && !FUNCTION.contains(&piece_key(piece).as_str()) {
            CaseReq::Cap
        } else {
            CaseReq::None
        }
    }

    /// True when `unit` satisfies the requirement.
    pub(crate) fn accepts(self, unit: &Unit) -> bool {
        match self {
            CaseReq::None => true,
            CaseReq::Cap => unit.cap,
            CaseReq::Upper => unit.upper,
        }
    }
}
