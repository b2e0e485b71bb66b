//! Matching keys, evidence search and the gold-side sentence splitter.

use sitrep_text::{fold, is_apostrophe, Span};

/// Folded text for matching, with the original byte span of every folded byte.
pub(crate) struct Folded {
    /// Lowercase, diacritics removed, letters and digits only, one space between words.
    pub(crate) key: String,
    /// For each byte of `key`: start and end byte in the original of the char it came from.
    map: Vec<(u32, u32)>,
}

impl Folded {
    /// Folds `s`, keeping the offset map.
    pub(crate) fn new(s: &str) -> Folded {
        let mut f = Folded {
            key: String::with_capacity(s.len()),
            map: Vec::with_capacity(s.len()),
        };
        let mut buf = [0u8; 4];
        for (b, c) in s.char_indices() {
            let span = (b as u32, (b + c.len_utf8()) as u32);
            if is_apostrophe(c) || c == '.' {
                continue; // "Kata'ib" = "Kataib", "U.S." = "US"
            }
            if c.is_alphanumeric() && c.is_ascii() {
                f.push(c.to_ascii_lowercase(), span);
                continue;
            }
            if !c.is_alphanumeric() {
                f.space(span);
                continue;
            }
            for d in fold(c.encode_utf8(&mut buf)).chars() {
                if d.is_alphanumeric() {
                    f.push(d, span);
                } else if !is_apostrophe(d) {
                    f.space(span);
                }
            }
        }
        if f.key.ends_with(' ') {
            f.key.pop();
            f.map.pop();
        }
        f
    }

    fn push(&mut self, c: char, span: (u32, u32)) {
        let n = c.len_utf8();
        self.key.push(c);
        self.map.extend(std::iter::repeat_n(span, n));
    }

    fn space(&mut self, span: (u32, u32)) {
        if !self.key.is_empty() && !self.key.ends_with(' ') {
            self.key.push(' ');
            self.map.push(span);
        }
    }

    /// Original byte spans of every occurrence of `needle` (already a key) in this text.
    pub(crate) fn find_all(&self, needle: &str) -> Vec<Span> {
        let mut out = Vec::new();
        if needle.is_empty() {
            return out;
        }
        let mut from = 0;
        while let Some(i) = self.key.get(from..).and_then(|h| h.find(needle)) {
            let s = from + i;
            let e = s + needle.len();
            if let (Some(a), Some(b)) = (self.map.get(s), self.map.get(e - 1)) {
                out.push(Span {
                    start: a.0,
                    end: b.1,
                });
            }
            from = e;
        }
        out
    }
}

/// The matching key of a name or phrase (see [`Folded`]).
pub(crate) fn key(s: &str) -> String {
    Folded::new(s).key
}

/// True when `cand` (a key) equals `name` (a key) or contains it as whole words.
pub(crate) fn key_matches(cand: &str, name: &str) -> bool {
    if name.is_empty() || cand.is_empty() {
        return false;
    }
    if cand == name {
        return true;
    }
    if cand.len() <= name.len() {
        return false;
    }
    let bytes = cand.as_bytes();
    let mut from = 0;
    while let Some(i) = cand.get(from..).and_then(|h| h.find(name)) {
        let s = from + i;
        let e = s + name.len();
        let left = s == 0 || bytes.get(s - 1) == Some(&b' ');
        let right = e == cand.len() || bytes.get(e) == Some(&b' ');
        if left && right {
            return true;
        }
        from = s + 1;
        while from < cand.len() && !cand.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']')
}

/// Splits `text` into sentences the way the gold format describes: a sentence ends at a
/// newline, or at `.`, `?` or `!` (plus closing quotes and brackets) followed by whitespace,
/// unless the next word starts with a lowercase letter ("U.S. forces"). Spans are trimmed of
/// whitespace; empty ones are dropped. Linear in the text.
pub(crate) fn sentences(text: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cuts = Vec::new();
    let mut i = 0;
    while let Some(&(b, c)) = chars.get(i) {
        if c == '\n' {
            cuts.push((b, b + 1));
            i += 1;
            continue;
        }
        if matches!(c, '.' | '?' | '!') {
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|&(_, d)| matches!(d, '.' | '?' | '!') || is_closer(d))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
            let at_space = chars.get(j).is_none_or(|&(_, d)| d.is_whitespace());
            let next_word = chars
                .get(j..)
                .unwrap_or(&[])
                .iter()
                .find(|(_, d)| !d.is_whitespace());
            let lower_next = next_word.is_some_and(|&(_, d)| d.is_lowercase());
            if at_space && !lower_next {
                cuts.push((end, end));
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (end, next) in cuts
        .into_iter()
        .chain(std::iter::once((text.len(), text.len())))
    {
        if let Some(s) = trimmed(text, start, end) {
            out.push(s);
        }
        start = next;
    }
    out
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let slice = text.get(start..end)?;
    let lead = slice.len() - slice.trim_start().len();
    let body = slice.trim();
    if body.is_empty() {
        return None;
    }
    Some(Span::new(start + lead, start + lead + body.len()))
}

/// The sentence spans (from `sents`, sorted) that `span` touches, merged into one span.
pub(crate) fn sentence_of(sents: &[Span], span: Span) -> Span {
    let first = sents.partition_point(|s| s.end <= span.start);
    let last = sents.partition_point(|s| s.start < span.end);
    match (
        sents.get(first),
        last.checked_sub(1).and_then(|l| sents.get(l)),
    ) {
        (Some(a), Some(b)) if first < last => a.cover(*b),
        _ => span,
    }
}

/// Cuts `s` to at most `max` chars, adding `…` when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((b, _)) => format!("{}…", s.get(..b).unwrap_or(s)),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_folds_case_punctuation_and_diacritics() {
        assert_eq!(key("Kata’ib  Hizballah"), "kataib hizballah");
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("al-Sudani"), "al sudani");
        assert_eq!(key("Zürich (Café)!"), "zurich cafe");
        assert_eq!(key("  "), "");
    }

    #[test]
    fn whole_word_containment() {
        assert!(key_matches(
            &key("a commander of Kataib Hezbollah"),
            &key("Kata'ib Hezbollah")
        ));
        assert!(key_matches(&key("US"), &key("U.S.")));
        assert!(!key_matches(&key("USA"), &key("US")));
        assert!(!key_matches(&key("Hezbollahs"), &key("Hezbollah")));
        assert!(key_matches(
            &key("the Iranian-backed militias"),
            &key("militias")
        ));
        assert!(!key_matches("", ""));
    }

    #[test]
    fn find_all_maps_back_to_original_bytes() {
        let text = "Zürich’s  Café. Kata’ib fought.";
        let f = Folded::new(text);
        let hits = f.find_all(&key("zurichs cafe"));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].slice(text), "Zürich’s  Café");
        let hits = f.find_all(&key("Kataib fou"));
        assert_eq!(hits[0].slice(text), "Kata’ib fou");
        assert!(f.find_all("").is_empty());
    }

    #[test]
    fn sentences_split_on_terminators_and_newlines() {
        let text = "Title line\nHe said “no.” Then U.S. forces left! Why? ok\n\n";
        let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(
            got,
            vec![
                "Title line",
                "He said “no.”",
                "Then U.S. forces left!",
                "Why? ok"
            ]
        );
        assert!(sentences("").is_empty());
        assert_eq!(sentences("No end").len(), 1);
    }

    #[test]
    fn sentence_of_covers_touched_sentences() {
        let text = "A b. C d. E f.";
        let s = sentences(text);
        assert_eq!(sentence_of(&s, Span::new(5, 6)).slice(text), "C d.");
        assert_eq!(sentence_of(&s, Span::new(2, 7)).slice(text), "A b. C d.");
        assert_eq!(clip("abcdef", 3), "abc…");
    }
}
