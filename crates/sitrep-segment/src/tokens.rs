//! Tokenization: words, numbers, punctuation, symbols and URLs with byte offsets.
//!
//! The tokenizer is a single left-to-right scan (linear time). Every non-whitespace character
//! of the scanned span ends up in exactly one token. Words keep inner apostrophes and hyphens
//! ("Shi’ite", "al-Sudani"), known abbreviations and initialisms keep their periods ("Dr.",
//! "U.S."), and English clitics split UD-style ("Iraq’s" → "Iraq" + "’s", "can't" → "ca" +
//! "n't"). Web-text forms that UD English keeps whole stay one token ("01/24/2001",
//! "w/o", "AT&T", ":)", "80's", "'68", "Guaranty.doc", "?!", "*****"), and fused forms split
//! like the treebank ("cannot" → "can" + "not", "gonna" → "gon" + "na").

use sitrep_doc::{Sentence, Span, Token, TokenKind};
use sitrep_text::{is_apostrophe, is_quote};

/// Abbreviations (without their period) that precede a name and so never end a sentence.
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Dr", "Drs", "Prof", "Gen", "Gens", "Lt", "Col", "Maj",
    "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Brig", "Cmdr", "Cdr", "Gov", "Sen", "Sens", "Rep",
    "Reps", "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "Atty", "Amb", "Fr", "Mt", "Ft", "vs",
    "Vs", "No", "Nos", "no",
];

/// Other abbreviations (without their period) kept as one token; these may end a sentence.
pub const OTHER_ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "Bros", "Plc", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "St", "Ave", "Blvd", "Rd", "etc", "est",
    "approx", "Dept", "dept", "Univ", "Govt", "govt", "al", "cf", "Fig", "fig", "Vol", "vol",
    // Weekdays (not "Sun", a newspaper's name, nor "Wed") and the state and province
    // abbreviations of news style.
    "Mon", "Tue", "Tues", "Thu", "Thur", "Thurs", "Fri", "Sat", "Ala", "Ariz", "Ark", "Calif",
    "Colo", "Conn", "Fla", "Ga", "Ill", "Kan", "Kans", "Ky", "Md", "Mass", "Mich", "Minn", "Neb",
    "Nev", "Okla", "Ore", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ont", "Que",
    "Alta", "Sask",
];

/// Fused forms that UD English splits into two words ("cannot" → "can" + "not", "gonna" →
/// "gon" + "na", "dont" → "do" + "nt"): the form (lowercase) and the length of its first part.
const FUSED_FORMS: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("doesnt", 4),
    ("didnt", 3),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("werent", 4),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("cant", 2),
    ("wont", 2),
    ("alot", 1),
];

/// File-name extensions recognized in bare file names ("Guaranty.doc").
const FILE_EXTENSIONS: &[&str] = &[
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "txt", "csv", "rtf", "jpg", "jpeg", "png",
    "gif", "zip", "htm", "html", "exe", "mp3", "mp4", "wav",
];

/// Emoticons kept as one symbol token (only between spaces or punctuation).
const EMOTICONS: &[&str] = &[
    ":-)", ":-(", ";-)", ":-D", ":-P", ":)", ":(", ";)", ":D", ":P", ":p", ":/", ":O", ":o", ":'(",
    "=)", "=(", "<3", "XD",
];

/// Abbreviations that only count as such before a number ("No. 5").
const NUMBER_ABBREVIATIONS: &[&str] = &["No", "Nos", "no"];

/// Top-level domains recognized in bare domain names ("reuters.com").
const BARE_TLDS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "mil", "int", "info", "io", "news",
];

/// Tokenizes the text of `span` (offsets stay absolute into `text`). An invalid span gives no
/// tokens.
pub fn tokenize_span(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    if let Some(sub) = text.get(span.range()) {
        push_tokens(sub, span.start as usize, &mut out);
    }
    out
}

/// Tokenizes every sentence span and sets each sentence's `tokens` range. Returns the token
/// layer (sorted, disjoint, each token inside its sentence when the sentences are sorted and
/// disjoint).
pub fn tokenize(text: &str, sentences: &mut [Sentence]) -> Vec<Token> {
    let mut out = Vec::new();
    for s in sentences.iter_mut() {
        let a = out.len();
        if let Some(sub) = text.get(s.span.range()) {
            push_tokens(sub, s.span.start as usize, &mut out);
        }
        s.tokens = (to_u32(a), to_u32(out.len()));
    }
    out
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn peek(s: &str, pos: usize) -> Option<char> {
    s.get(pos..).and_then(|r| r.chars().next())
}

/// True for characters that make up words: letters, digits and combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn push(out: &mut Vec<Token>, base: usize, a: usize, b: usize, kind: TokenKind) {
    out.push(Token::new(Span::new(base + a, base + b), kind));
}

fn push_tokens(s: &str, base: usize, out: &mut Vec<Token>) {
    let mut pos = 0;
    while let Some(c) = peek(s, pos) {
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        if let Some(end) = scan_emoticon(s, pos) {
            push(out, base, pos, end, TokenKind::Symbol);
            pos = end;
            continue;
        }
        if let Some(end) = scan_short_year(s, pos, c) {
            push(out, base, pos, end, TokenKind::Number);
            pos = end;
            continue;
        }
        if is_word_char(c) {
            if let Some(end) = scan_url(s, pos).or_else(|| scan_email_or_domain(s, pos)) {
                push(out, base, pos, end, TokenKind::Url);
                pos = end;
                continue;
            }
            let end = scan_word(s, pos);
            let word = &s[pos..end];
            match clitic_split(word).or_else(|| fused_split(word)) {
                Some(k) => {
                    push(out, base, pos, pos + k, classify(&word[..k]));
                    push(out, base, pos + k, end, TokenKind::Word);
                }
                None => push(out, base, pos, end, classify(word)),
            }
            pos = end;
            continue;
        }
        let (end, kind) = scan_other(s, pos, c);
        push(out, base, pos, end, kind);
        pos = end;
    }
}

/// Whether `pos` is at the start of the text or after whitespace or an opening bracket.
fn at_word_start(s: &str, pos: usize) -> bool {
    s[..pos]
        .chars()
        .next_back()
        .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '“'))
}

/// Whether `end` is at the end of the text or before whitespace or punctuation.
fn at_word_end(s: &str, end: usize) -> bool {
    peek(s, end).is_none_or(|n| n.is_whitespace() || (is_punct(n) && !is_apostrophe(n)))
}

/// An emoticon standing alone (":)", ";-)", ":D").
fn scan_emoticon(s: &str, pos: usize) -> Option<usize> {
    let rest = s.get(pos..)?;
    let e = EMOTICONS.iter().find(|e| rest.starts_with(**e))?;
    let end = pos + e.len();
    (at_word_start(s, pos) && at_word_end(s, end)).then_some(end)
}

/// A year shortened to two digits after an apostrophe ("'68", "'90s").
fn scan_short_year(s: &str, pos: usize, c: char) -> Option<usize> {
    if !is_apostrophe(c) || !at_word_start(s, pos) {
        return None;
    }
    let start = pos + c.len_utf8();
    let bytes = s.as_bytes();
    let digits = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits != 2 {
        return None;
    }
    let mut end = start + 2;
    if bytes.get(end) == Some(&b's') {
        end += 1;
    }
    (peek(s, end).is_none_or(|n| !is_word_char(n))).then_some(end)
}

/// Where a fused form splits ("cannot" → 3), if `word` is one.
fn fused_split(word: &str) -> Option<usize> {
    if word.len() > 8 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    FUSED_FORMS
        .iter()
        .find(|(f, _)| *f == lower)
        .map(|&(_, k)| k)
}

/// `http://`, `https://` or `www.` URLs, up to whitespace, minus trailing punctuation.
fn scan_url(s: &str, pos: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let prefix = ["https://", "http://", "www."].into_iter().find(|p| {
        bytes
            .get(pos..pos + p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    })?;
    let mut end = pos;
    for (i, c) in s[pos..].char_indices() {
        if c.is_whitespace() || is_quote(c) || matches!(c, '<' | '>') {
            break;
        }
        end = pos + i + c.len_utf8();
    }
    let opens = s[pos..end].matches('(').count();
    let closes = s[pos..end].matches(')').count();
    let mut extra_closes = closes.saturating_sub(opens);
    while let Some(c) = s[pos..end].chars().next_back() {
        let trim = matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ']' | '}')
            || is_apostrophe(c)
            || (c == ')' && extra_closes > 0);
        if !trim {
            break;
        }
        if c == ')' {
            extra_closes -= 1;
        }
        end -= c.len_utf8();
    }
    (end > pos + prefix.len()).then_some(end)
}

fn is_domain_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Scans `label(.label)+` from `start` (at most 253 bytes). Returns the end and the start of
/// the last label.
fn scan_domain(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let limit = (start + 253).min(bytes.len());
    let mut i = start;
    let mut labels = 0;
    let mut last_label;
    loop {
        let ls = i;
        while i < limit && is_domain_byte(bytes[i]) {
            i += 1;
        }
        if i == ls {
            return None;
        }
        labels += 1;
        last_label = ls;
        let more = i + 1 < limit && bytes[i] == b'.' && bytes[i + 1].is_ascii_alphanumeric();
        if !more {
            break;
        }
        i += 1;
    }
    // Do not cut a longer run of word characters in the middle.
    if i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80) {
        return None;
    }
    let tld = &bytes[last_label..i];
    (labels >= 2 && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic))
        .then_some((i, last_label))
}

/// E-mail addresses (local part at most 64 bytes) and bare domains with a common TLD.
fn scan_email_or_domain(s: &str, pos: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let is_local =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut j = pos;
    while j < bytes.len() && j - pos < 64 && is_local(bytes[j]) {
        j += 1;
    }
    if j > pos && bytes.get(j) == Some(&b'@') {
        if let Some((end, _)) = scan_domain(bytes, j + 1) {
            return Some(end);
        }
    }
    let (end, last) = scan_domain(bytes, pos)?;
    let tld = s.get(last..end)?;
    if FILE_EXTENSIONS.contains(&tld.to_ascii_lowercase().as_str()) {
        return Some(end);
    }
    if !BARE_TLDS.contains(&tld) {
        return None;
    }
    // A path after the domain belongs to the URL.
    if bytes.get(end) == Some(&b'/') {
        return scan_url_tail(s, pos, end);
    }
    Some(end)
}

fn scan_url_tail(s: &str, pos: usize, from: usize) -> Option<usize> {
    let mut end = from;
    for (i, c) in s[from..].char_indices() {
        if c.is_whitespace() || is_quote(c) || matches!(c, '<' | '>' | ')') {
            break;
        }
        end = from + i + c.len_utf8();
    }
    while let Some(c) = s[pos..end].chars().next_back() {
        if !(matches!(c, '.' | ',' | ';' | ':' | '!' | '?') || is_apostrophe(c)) {
            break;
        }
        end -= c.len_utf8();
    }
    Some(end)
}

/// Scans one word or number starting at a word character; returns its end.
fn scan_word(s: &str, pos: usize) -> usize {
    let mut end = pos;
    let mut prev: Option<char> = None;
    // State for initialisms like "U.S." and "Ph.D.": only ASCII letters and periods so far,
    // each segment one or two letters.
    let mut initialism = true;
    let mut seg_len = 0usize;
    let mut periods = 0usize;
    let mut closed = false; // a final period of an initialism was taken
    let mut numeric = true; // only digits and number separators so far
    while let Some(c) = peek(s, end) {
        let clen = c.len_utf8();
        if is_word_char(c) {
            if closed {
                break;
            }
            if c.is_ascii_alphabetic() {
                seg_len += 1;
                if seg_len > 2 {
                    initialism = false;
                }
            } else {
                initialism = false;
            }
            if !c.is_numeric() {
                numeric = false;
            }
            end += clen;
            prev = Some(c);
            continue;
        }
        let next = peek(s, end + clen);
        let Some(p) = prev else { break };
        let Some(n) = next else {
            // A period at the very end may close an initialism ("U.S.").
            if c == '.' && initialism && !closed && periods >= 1 && (1..=2).contains(&seg_len) {
                end += clen;
            }
            break;
        };
        if is_apostrophe(c) && p.is_alphanumeric() && n.is_alphabetic() && !closed {
            initialism = false;
            numeric = false;
        } else if is_hyphen(c) && (is_word_char(p) || closed) && n.is_alphanumeric() {
            initialism = false;
            numeric = false;
            closed = false;
        } else if matches!(c, ',' | ':') && numeric && p.is_ascii_digit() && n.is_ascii_digit() {
        } else if c == '/' && numeric && p.is_ascii_digit() && n.is_ascii_digit() {
            // dates and fractions: "01/24/2001", "9/11", "1/2"
        } else if c == '/' && end - pos == 1 && p.is_ascii_alphabetic() && n.is_ascii_alphabetic() {
            // "w/o", "b/c"
            initialism = false;
        } else if c == '&'
            && !closed
            && end - pos <= 3
            && s[pos..end].bytes().all(|b| b.is_ascii_alphabetic())
            && letters_then_boundary(s, end + clen) > 0
        {
            // "AT&T", "P&L", "A&E"
            initialism = false;
        } else if c == '.' && p.is_ascii_digit() && n.is_ascii_digit() && !closed {
            initialism = false;
        } else if c == '.' && initialism && !closed && (1..=2).contains(&seg_len) {
            let follow = letters_then_boundary(s, end + clen);
            if (1..=2).contains(&follow) {
                periods += 1;
                seg_len = 0;
            } else if periods >= 1 && !n.is_alphanumeric() {
                closed = true;
            } else {
                break;
            }
        } else {
            break;
        }
        end += clen;
        prev = Some(c);
    }
    // A known abbreviation or an initial keeps its period.
    let word = &s[pos..end];
    if !closed && peek(s, end) == Some('.') && !word.contains('.') && takes_period(s, word, end) {
        end += 1;
    }
    end
}

/// Number of ASCII letters at `pos` if they are followed by a non-alphanumeric char (or the
/// end); 0 otherwise. Looks at no more than three characters.
fn letters_then_boundary(s: &str, pos: usize) -> usize {
    let mut n = 0;
    for c in s[pos..].chars() {
        if c.is_ascii_alphabetic() {
            n += 1;
            if n > 2 {
                return 0;
            }
        } else if is_word_char(c) {
            return 0;
        } else {
            break;
        }
    }
    n
}

fn takes_period(s: &str, word: &str, end: usize) -> bool {
    if NUMBER_ABBREVIATIONS.contains(&word) {
        let after = s[end + 1..].trim_start();
        return after.chars().next().is_some_and(|c| c.is_ascii_digit());
    }
    let mut chars = word.chars();
    let single_upper = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_upper || TITLE_ABBREVIATIONS.contains(&word) || OTHER_ABBREVIATIONS.contains(&word)
}

/// Byte index where an English clitic starts ("Iraq’s" → 4, "don't" → 2), if any.
fn clitic_split(w: &str) -> Option<usize> {
    let (ai, ac) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    if ai == 0 {
        return None;
    }
    let suffix = &w[ai + ac.len_utf8()..];
    if suffix.len() > 2 {
        return None;
    }
    let lower = suffix.to_ascii_lowercase();
    match lower.as_str() {
        // decades keep their "'s" ("80's", "1990's")
        "s" if w[..ai].bytes().all(|b| b.is_ascii_digit()) => None,
        "s" | "re" | "ve" | "ll" | "d" | "m" => Some(ai),
        "t" => {
            let before = &w[..ai];
            let n_at = before.len().checked_sub(1)?;
            (n_at > 0 && matches!(before.as_bytes()[n_at], b'n' | b'N')).then_some(n_at)
        }
        _ => None,
    }
}

/// Word or number: digits with separators and ordinal/decade suffixes are numbers.
fn classify(word: &str) -> TokenKind {
    let Some(first) = word.chars().next() else {
        return TokenKind::Word;
    };
    if !first.is_numeric() {
        return TokenKind::Word;
    }
    let digits_end = word
        .char_indices()
        .find(|&(_, c)| !(c.is_numeric() || matches!(c, ',' | '.' | ':' | '/')))
        .map_or(word.len(), |(i, _)| i);
    match &word[digits_end..] {
        "" | "st" | "nd" | "rd" | "th" | "s" => TokenKind::Number,
        _ => TokenKind::Word,
    }
}

fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '%' | '&' | '#' | '@' | '*'
    )
}

fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation() && !is_symbol(c);
    }
    is_quote(c)
        || is_apostrophe(c)
        || matches!(c, '¡' | '¿' | '§' | '¶' | '·' | '‹' | '›' | '…')
        || matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F
            | 0xFE10..=0xFE19 | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
}

/// Characters whose runs make one token ("-----", "*****", "=-=-=", "^^").
fn is_rule_char(c: char) -> bool {
    matches!(c, '*' | '_' | '=' | '^' | '+' | '~' | '#' | '-')
}

/// Terminal punctuation characters that may end a sentence.
pub(crate) fn is_terminal_char(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‽' | '。' | '！' | '？')
}

/// Punctuation or symbol starting at `pos`: runs of periods, of `?`/`!`, and of one dash
/// character form one token; everything else is one character.
fn scan_other(s: &str, pos: usize, c: char) -> (usize, TokenKind) {
    let run = |pred: &dyn Fn(char) -> bool| {
        let mut end = pos;
        for ch in s[pos..].chars() {
            if !pred(ch) {
                break;
            }
            end += ch.len_utf8();
        }
        end
    };
    if matches!(c, '.' | '?' | '!' | '‽') {
        // "...", "?!", ".?"
        return (
            run(&|ch| matches!(ch, '.' | '?' | '!' | '‽')),
            TokenKind::Punct,
        );
    }
    if is_rule_char(c) {
        // rules and decorations: "-----", "*****", "=-=-", "^^"
        let end = run(&is_rule_char);
        if end > pos + c.len_utf8() {
            let kind = if s[pos..end].chars().all(sitrep_text::is_dash) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            return (end, kind);
        }
    }
    if sitrep_text::is_dash(c) {
        return (run(&|ch| ch == c), TokenKind::Punct);
    }
    let kind = if is_punct(c) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    };
    (pos + c.len_utf8(), kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize_span(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| (t.span.slice(text), t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(w, _)| w).collect()
    }

    use TokenKind::*;

    #[test]
    fn inner_apostrophes_and_hyphens_stay() {
        assert_eq!(
            words("Shi’ite al-Sudani Iranian-backed anti-aircraft Kata'ib"),
            [
                "Shi’ite",
                "al-Sudani",
                "Iranian-backed",
                "anti-aircraft",
                "Kata'ib"
            ]
        );
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(words("U.S. forces"), ["U.S.", "forces"]);
        assert_eq!(
            words("Dr. Smith met Gen. Lee"),
            ["Dr.", "Smith", "met", "Gen.", "Lee"]
        );
        assert_eq!(words("George W. Bush"), ["George", "W.", "Bush"]);
        assert_eq!(words("at 5 p.m. on"), ["at", "5", "p.m.", "on"]);
        assert_eq!(words("U.S.-led coalition"), ["U.S.-led", "coalition"]);
        assert_eq!(words("the U.N."), ["the", "U.N."]);
        assert_eq!(words("Ph.D. students"), ["Ph.D.", "students"]);
    }

    #[test]
    fn ordinary_sentence_period_is_punct() {
        assert_eq!(
            toks("in Iraq."),
            [("in", Word), ("Iraq", Word), (".", Punct)]
        );
        assert_eq!(words("say no."), ["say", "no", "."]);
        assert_eq!(words("No. 5"), ["No.", "5"]);
        assert_eq!(words("end.The"), ["end", ".", "The"]);
    }

    #[test]
    fn clitics_split_ud_style() {
        assert_eq!(words("Iraq’s army"), ["Iraq", "’s", "army"]);
        assert_eq!(words("don't"), ["do", "n't"]);
        assert_eq!(words("can't"), ["ca", "n't"]);
        assert_eq!(words("They're"), ["They", "'re"]);
        assert_eq!(words("al-Sudani's"), ["al-Sudani", "'s"]);
        assert_eq!(words("militias’ leaders"), ["militias", "’", "leaders"]);
    }

    #[test]
    fn numbers_with_separators() {
        assert_eq!(toks("50,000"), [("50,000", Number)]);
        assert_eq!(toks("3.5"), [("3.5", Number)]);
        assert_eq!(toks("1,200 people"), [("1,200", Number), ("people", Word)]);
        assert_eq!(toks("$32.95"), [("$", Symbol), ("32.95", Number)]);
        assert_eq!(toks("18-month"), [("18-month", Word)]);
        assert_eq!(toks("1990s"), [("1990s", Number)]);
        assert_eq!(
            toks("in 2023."),
            [("in", Word), ("2023", Number), (".", Punct)]
        );
        assert_eq!(toks("10%"), [("10", Number), ("%", Symbol)]);
    }

    #[test]
    fn quotes_dashes_parens_are_punct() {
        let t = toks("“Go” – (US) — \"x\" 'y'");
        for (w, k) in &t {
            if !w.chars().all(char::is_alphanumeric) {
                assert_eq!(*k, Punct, "{w}");
            }
        }
        assert_eq!(t.len(), 14);
        assert_eq!(toks("...")[0], ("...", Punct));
        assert_eq!(toks("--")[0], ("--", Punct));
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            toks("see https://example.com/a?b=1. Or"),
            [
                ("see", Word),
                ("https://example.com/a?b=1", Url),
                (".", Punct),
                ("Or", Word)
            ]
        );
        assert_eq!(toks("(www.reuters.com)")[1], ("www.reuters.com", Url));
        assert_eq!(toks("mail news@example.org.")[1], ("news@example.org", Url));
        assert_eq!(toks("on reuters.com today")[1], ("reuters.com", Url));
    }

    #[test]
    fn web_text_forms_stay_whole() {
        assert_eq!(toks("on 01/24/2001 and 9/11")[1], ("01/24/2001", Number));
        assert_eq!(toks("9/11 was")[0], ("9/11", Number));
        assert_eq!(words("b/c it w/o"), ["b/c", "it", "w/o"]);
        assert_eq!(words("and/or"), ["and", "/", "or"]);
        assert_eq!(
            words("AT&T and P&L, Johnson&Johnson"),
            ["AT&T", "and", "P&L", ",", "Johnson", "&", "Johnson"]
        );
        assert_eq!(toks("great :) ok")[1], (":)", Symbol));
        assert_eq!(words("see:Palestinians"), ["see", ":", "Palestinians"]);
        assert_eq!(words("the 80's and '68"), ["the", "80's", "and", "'68"]);
        assert_eq!(
            words("open Guaranty.doc now"),
            ["open", "Guaranty.doc", "now"]
        );
        assert_eq!(words("Really.? Yes?!"), ["Really", ".?", "Yes", "?!"]);
        assert_eq!(toks("*****")[0], ("*****", Symbol));
        assert_eq!(toks("=-----=")[0], ("=-----=", Symbol));
        assert_eq!(toks("-----")[0], ("-----", Punct));
        assert_eq!(words("a - b"), ["a", "-", "b"]);
        assert_eq!(
            words("Toronto, Ont. and Sat. night"),
            ["Toronto", ",", "Ont.", "and", "Sat.", "night"]
        );
    }

    #[test]
    fn fused_forms_split_ud_style() {
        assert_eq!(words("I cannot go"), ["I", "can", "not", "go"]);
        assert_eq!(words("Cannot"), ["Can", "not"]);
        assert_eq!(words("gonna dont"), ["gon", "na", "do", "nt"]);
        assert_eq!(words("alot"), ["a", "lot"]);
        assert_eq!(words("cannoted"), ["cannoted"]);
    }

    #[test]
    fn tokenize_sets_sentence_ranges() {
        let text = "A b. C d e.";
        let mut sents = vec![
            Sentence {
                span: Span::new(0, 4),
                tokens: (0, 0),
                headline: false,
            },
            Sentence {
                span: Span::new(5, 11),
                tokens: (0, 0),
                headline: false,
            },
        ];
        let t = tokenize(text, &mut sents);
        assert_eq!(t.len(), 7);
        assert_eq!(sents[0].tokens, (0, 3));
        assert_eq!(sents[1].tokens, (3, 7));
    }

    #[test]
    fn odd_input_never_panics_and_covers_everything() {
        let text = "\u{0}\u{7}é\u{301}x’ ’s 'n't .- a.b. www. http:// @@ x@ 1,2,3.4.5 ٣٤ 中文。";
        let t = tokenize_span(text, Span::new(0, text.len()));
        let covered: usize = t.iter().map(|t| t.span.len()).sum();
        let non_ws: usize = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        assert_eq!(covered, non_ws);
    }
}
