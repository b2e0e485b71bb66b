use unicode_normalization::UnicodeNormalization;

/// True for the apostrophe-like characters news text uses (straight, curly, modifier letters).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' | 'ʿ' | 'ʾ')
}

/// True for double-quote characters, straight and typographic.
pub fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

/// True for hyphens and dashes of every width.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−')
}

/// Folds one character for matching: lowercase, apostrophes to `'`, dashes to `-`.
/// Diacritics are handled by [`fold`], which decomposes first.
pub fn fold_char(c: char) -> char {
    if is_apostrophe(c) {
        '\''
    } else if is_quote(c) {
        '"'
    } else if is_dash(c) {
        '-'
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Normalizes a string for dictionary matching: Unicode decomposition with combining marks
/// removed (diacritics folded), lowercase, apostrophes unified to `'`, dashes to `-`, and runs
/// of whitespace collapsed to one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appending to `out` (to fold many strings into one buffer).
pub fn fold_into(s: &str, out: &mut String) {
    let start = out.len();
    // most words are ASCII without runs of spaces: lower-casing is all there is to do
    if s.bytes()
        .all(|b| b.is_ascii() && b != b'`' && !b.is_ascii_whitespace())
    {
        out.push_str(s);
        if let Some(t) = out.get_mut(start..) {
            t.make_ascii_lowercase();
        }
        return;
    }
    let mut last_space = false;
    for c in s.nfd() {
        if is_combining(c) {
            continue;
        }
        if c.is_whitespace() {
            if !last_space && out.len() > start {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.push(fold_char(c));
    }
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_into_appends_what_fold_makes() {
        let mut buf = String::from("x ");
        for s in ["  Zürich Café ", "IRAN", "", "Kata’ib  Hizballah", " "] {
            let before = buf.len();
            fold_into(s, &mut buf);
            assert_eq!(&buf[before..], fold(s), "{s:?}");
        }
        assert_eq!(buf, "x zurich cafeirankata'ib hizballah");
    }

    #[test]
    fn fold_unifies_variants() {
        assert_eq!(fold("Kata’ib  Hizballah"), "kata'ib hizballah");
        assert_eq!(fold("Shi‘ite"), "shi'ite");
        assert_eq!(fold("Iranian–backed"), "iranian-backed");
        assert_eq!(fold("Zürich Café"), "zurich cafe");
        assert_eq!(fold("  x "), "x");
    }

    proptest::proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            proptest::prop_assert_eq!(fold(&once), once);
        }
    }
}
