//! Text cleaning: classify the lines of an article into headline, body and boilerplate zones.
//!
//! Nothing is deleted or rewritten: zones are byte spans of the original text, sorted,
//! disjoint, trimmed of whitespace, and together they cover every non-whitespace character.
//! Boilerplate is found with the general cue table [`CUES`] (subscription blurbs, copyright
//! lines, share buttons), plus two context rules: a paragraph right after a subscription or
//! copyright block that continues its sales pitch (second person, prices, trials) and short
//! lines after a copyright line are boilerplate too. The first line is a headline when it is
//! short, lacks final sentence punctuation and is followed by a blank line.

use sitrep_doc::{Span, Zone, ZoneKind};
use sitrep_text::{fold, is_quote};

/// How a [`Cue`] is matched against a folded (lowercased, quote/dash-unified) line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueMode {
    /// The phrase occurs anywhere in a line of at most [`MAX_BOILERPLATE_WORDS`] words, on word
    /// boundaries.
    Contains,
    /// Like [`CueMode::Contains`], but the line must also address the reader (a word of
    /// [`READER_WORDS`]): for phrases that news text can use too ("no obligation").
    ContainsAddressed,
    /// The line starts with the phrase and has at most [`MAX_BUTTON_WORDS`] words.
    StartsShort,
}

/// One boilerplate cue: a lowercase phrase, how it is matched, and the rule it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Lowercase phrase as it appears after [`sitrep_text::fold`].
    pub phrase: &'static str,
    /// How the phrase is matched.
    pub mode: CueMode,
    /// Rule name written into the zone (`clean:subscription`, ...).
    pub rule: &'static str,
}

/// Rule for subscription and newsletter blurbs.
pub const RULE_SUBSCRIPTION: &str = "clean:subscription";
/// Rule for copyright lines.
pub const RULE_COPYRIGHT: &str = "clean:copyright";
/// Rule for link buttons, share lines and ad markers.
pub const RULE_SHARE_BUTTON: &str = "clean:share-button";
/// Rule for paragraphs continuing a subscription pitch.
pub const RULE_PITCH: &str = "clean:pitch-continuation";
/// Rule for short lines after a copyright line.
pub const RULE_AFTER_COPYRIGHT: &str = "clean:after-copyright";
/// Rule for the headline.
pub const RULE_HEADLINE: &str = "clean:headline";
/// Rule for running text.
pub const RULE_BODY: &str = "clean:body";

/// Lines longer than this (in words) are never boilerplate: they are article text.
pub const MAX_BOILERPLATE_WORDS: usize = 80;
/// Longest line (in words) that a [`CueMode::StartsShort`] cue matches.
pub const MAX_BUTTON_WORDS: usize = 12;
/// A first line with this many words or more is not a headline.
pub const MAX_HEADLINE_WORDS: usize = 25;

const fn sub(phrase: &'static str) -> Cue {
    Cue {
        phrase,
        mode: CueMode::Contains,
        rule: RULE_SUBSCRIPTION,
    }
}
const fn weak(phrase: &'static str) -> Cue {
    Cue {
        phrase,
        mode: CueMode::ContainsAddressed,
        rule: RULE_SUBSCRIPTION,
    }
}
const fn copy(phrase: &'static str) -> Cue {
    Cue {
        phrase,
        mode: CueMode::Contains,
        rule: RULE_COPYRIGHT,
    }
}
const fn button(phrase: &'static str) -> Cue {
    Cue {
        phrase,
        mode: CueMode::StartsShort,
        rule: RULE_SHARE_BUTTON,
    }
}

/// The boilerplate cue table.
pub const CUES: &[Cue] = &[
    sub("subscribe today"),
    sub("subscribe now"),
    sub("subscribe to our"),
    weak("subscribe for"),
    sub("sign up for our"),
    sub("sign up for the newsletter"),
    sub("sign up to receive"),
    sub("sign up now"),
    sub("our newsletter"),
    weak("daily newsletter"),
    weak("weekly newsletter"),
    sub("in your inbox"),
    sub("to your inbox"),
    weak("annual subscription"),
    weak("monthly subscription"),
    weak("digital subscription"),
    sub("your subscription"),
    weak("free trial"),
    weak("week trial"),
    weak("day trial"),
    weak("month trial"),
    weak("no obligation"),
    sub("join us today"),
    weak("become a member"),
    sub("become a subscriber"),
    sub("already a subscriber"),
    sub("subscribers only"),
    sub("support our journalism"),
    sub("support independent journalism"),
    weak("unlimited access"),
    weak("cancel anytime"),
    weak("cancel at any time"),
    copy("copyright ©"),
    copy("copyright (c)"),
    copy("©"),
    copy("all rights reserved"),
    copy("copyright 19"),
    copy("copyright 20"),
    button("copy link"),
    button("share on"),
    button("share this"),
    button("share via"),
    button("read more"),
    button("click here"),
    button("advertisement"),
    button("sponsored content"),
    button("follow us on"),
    button("related:"),
    button("related articles"),
    button("related stories"),
    button("you may also like"),
    button("recommended for you"),
    button("listen to this article"),
    button("skip to main content"),
    button("sign in"),
    button("log in"),
    button("print this"),
    button("email this"),
];

/// Words that address the reader, as sales pitches do.
pub const READER_WORDS: &[&str] = &[
    "you", "your", "you'll", "you're", "you've", "yours", "our", "us", "we", "we're",
];

/// Words that keep a subscription pitch going in the next paragraph.
const PITCH_WORDS: &[&str] = &[
    "you",
    "your",
    "you'll",
    "you're",
    "you've",
    "yours",
    "subscription",
    "subscriber",
    "subscribers",
    "trial",
    "offer",
    "membership",
    "newsletter",
    "insights",
];

fn has_word(folded: &str, list: &[&str]) -> bool {
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| list.contains(&w))
}

/// Characters that break lines.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Trimmed content, or `None` for a blank line.
    span: Option<Span>,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    let mut push = |a: usize, b: usize| {
        let raw = &text[a..b];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let span = (!trimmed.is_empty()).then(|| Span::new(a + lead, a + lead + trimmed.len()));
        out.push(Line { span });
    };
    while let Some((i, c)) = iter.next() {
        if is_line_break(c) {
            push(start, i);
            let mut next = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(j, '\n')) = iter.peek() {
                    iter.next();
                    next = j + 1;
                }
            }
            start = next;
        }
    }
    push(start, text.len());
    out
}

fn word_count_upto(s: &str, limit: usize) -> usize {
    s.split_whitespace().take(limit + 1).count()
}

fn boundary_ok(hay: &str, at: usize, len: usize, phrase: &str) -> bool {
    let alnum_edge = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let first_alpha = phrase.chars().next().is_some_and(char::is_alphanumeric);
    let last_alpha = phrase.chars().next_back().is_some_and(char::is_alphabetic);
    let before = hay[..at].chars().next_back();
    let after = hay[at + len..].chars().next();
    let glued_before = first_alpha && alnum_edge(before);
    let glued_after = last_alpha && alnum_edge(after);
    !glued_before && !glued_after
}

fn contains_phrase(hay: &str, phrase: &str) -> bool {
    hay.match_indices(phrase)
        .any(|(at, m)| boundary_ok(hay, at, m.len(), phrase))
}

/// The boilerplate cue a line matches, if any.
pub fn match_cue(line: &str) -> Option<&'static Cue> {
    let words = word_count_upto(line, MAX_BOILERPLATE_WORDS);
    if words > MAX_BOILERPLATE_WORDS {
        return None;
    }
    let folded = fold(line);
    CUES.iter().find(|cue| match cue.mode {
        CueMode::Contains => contains_phrase(&folded, cue.phrase),
        CueMode::ContainsAddressed => {
            contains_phrase(&folded, cue.phrase) && has_word(&folded, READER_WORDS)
        }
        CueMode::StartsShort => {
            words <= MAX_BUTTON_WORDS
                && folded.starts_with(cue.phrase)
                && boundary_ok(&folded, 0, cue.phrase.len(), cue.phrase)
        }
    })
}

/// True when a line continues a sales pitch: not quoted speech, not too long, and using
/// second person or subscription vocabulary.
fn continues_pitch(line: &str) -> bool {
    if line.chars().any(is_quote)
        || word_count_upto(line, MAX_BOILERPLATE_WORDS) > MAX_BOILERPLATE_WORDS
    {
        return false;
    }
    has_word(&fold(line), PITCH_WORDS)
}

fn is_headline_line(line: &str) -> bool {
    let ends_sentence = line
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | ';' | ',' | ':' | '…'));
    !ends_sentence && word_count_upto(line, MAX_HEADLINE_WORDS) < MAX_HEADLINE_WORDS
}

/// Classifies the lines of `text` into zones (sorted, disjoint, trimmed, covering every
/// non-whitespace character). Consecutive lines of one paragraph with the same kind and rule
/// share a zone.
pub fn clean(text: &str) -> Vec<Zone> {
    let lines = lines(text);
    // Per line: kind and rule, or None for blank lines.
    let mut classes: Vec<Option<(ZoneKind, &'static str)>> = Vec::with_capacity(lines.len());
    let mut pitch = false; // inside or right after a subscription/copyright block
    let mut after_copyright = false;
    let mut seen_content = false;
    for (idx, line) in lines.iter().enumerate() {
        let Some(span) = line.span else {
            classes.push(None);
            continue;
        };
        let s = span.slice(text);
        let first = !seen_content;
        seen_content = true;
        let class = if let Some(cue) = match_cue(s) {
            if cue.rule == RULE_COPYRIGHT {
                after_copyright = true;
            }
            if cue.rule != RULE_SHARE_BUTTON {
                pitch = true;
            }
            (ZoneKind::Boilerplate, cue.rule)
        } else if after_copyright && word_count_upto(s, MAX_BUTTON_WORDS) <= MAX_BUTTON_WORDS {
            (ZoneKind::Boilerplate, RULE_AFTER_COPYRIGHT)
        } else if pitch && continues_pitch(s) {
            (ZoneKind::Boilerplate, RULE_PITCH)
        } else {
            pitch = false;
            after_copyright = false;
            let blank_after = lines.get(idx + 1).is_some_and(|l| l.span.is_none());
            if first && blank_after && is_headline_line(s) {
                (ZoneKind::Headline, RULE_HEADLINE)
            } else {
                (ZoneKind::Body, RULE_BODY)
            }
        };
        classes.push(Some(class));
    }

    let mut zones: Vec<Zone> = Vec::new();
    let mut prev_blank = true;
    for (line, class) in lines.iter().zip(&classes) {
        let (Some(span), Some((kind, rule))) = (line.span, class) else {
            prev_blank = true;
            continue;
        };
        match zones.last_mut() {
            Some(z) if !prev_blank && z.kind == *kind && z.rule == *rule => z.span.end = span.end,
            _ => zones.push(Zone {
                span,
                kind: *kind,
                rule: (*rule).to_string(),
            }),
        }
        prev_blank = false;
    }
    zones
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, ZoneKind, String)> {
        clean(text)
            .into_iter()
            .map(|z| (z.span.slice(text), z.kind, z.rule))
            .collect()
    }

    #[test]
    fn headline_body_and_boilerplate() {
        let text = "Rebels Seize Town\n\nRebels seized the town on Monday.\n\nSubscribe today \
                    and get our news in your inbox\n\nCopyright © 2025 Example Media. All Rights \
                    Reserved.\n\nCopy link";
        let z = kinds(text);
        assert_eq!(z.len(), 5);
        assert_eq!(
            z[0],
            (
                "Rebels Seize Town",
                ZoneKind::Headline,
                RULE_HEADLINE.into()
            )
        );
        assert_eq!(z[1].1, ZoneKind::Body);
        assert_eq!(z[2].2, RULE_SUBSCRIPTION);
        assert_eq!(z[3].2, RULE_COPYRIGHT);
        assert_eq!(z[4].2, RULE_SHARE_BUTTON);
    }

    #[test]
    fn headline_needs_blank_line_and_no_final_period() {
        assert_eq!(kinds("Short title\nBody text.")[0].1, ZoneKind::Body);
        assert_eq!(
            kinds("Rebels seized the town.\n\nMore.")[0].1,
            ZoneKind::Body
        );
        assert_eq!(kinds("Only one line")[0].1, ZoneKind::Body);
        let long = format!("{}\n\nBody.", "word ".repeat(30).trim());
        assert_eq!(kinds(&long)[0].1, ZoneKind::Body);
        assert_eq!(
            kinds("  Will Iran disarm?\r\n\r\nBody.")[0].1,
            ZoneKind::Headline
        );
    }

    #[test]
    fn share_lines_and_newsletter_cues() {
        for line in [
            "Share on Facebook",
            "Read more: Iran says talks continue",
            "Click here to donate",
            "Advertisement",
            "Sign up for our newsletter",
            "Join us today and pay only $9.99 for an annual subscription.",
            "And you get a free two-week trial with no obligation to continue.",
        ] {
            let text = format!("Body text here.\n\n{line}");
            assert_eq!(kinds(&text)[1].1, ZoneKind::Boilerplate, "{line}");
        }
    }

    #[test]
    fn cues_respect_word_boundaries_and_length() {
        // "shareholders" does not start with the cue "share on"; long lines are article text.
        let text = "Shareholders met.\n\nThe minister said the annual subscription fee rose.";
        assert!(kinds(text).iter().all(|z| z.1 == ZoneKind::Body));
        let long = format!("{} subscribe today.", "word ".repeat(90));
        assert_eq!(kinds(&long)[0].1, ZoneKind::Body);
        assert_eq!(kinds("The reading room was open.")[0].1, ZoneKind::Body);
        // Weak cues need a line that addresses the reader.
        assert_eq!(
            kinds("The deal imposes no obligation on Iran.")[0].1,
            ZoneKind::Body
        );
        assert_eq!(
            kinds("Try it: no obligation for you.")[0].1,
            ZoneKind::Boilerplate
        );
    }

    #[test]
    fn pitch_continues_after_subscription_block_only() {
        let text = "Body.\n\nSubscribe today for full access.\n\nIt is the best investment you \
                    can make.\n\n“You will pay,” the commander said.\n\nFighting resumed.";
        let z = kinds(text);
        assert_eq!(z[2].2, RULE_PITCH);
        assert_eq!(z[3].1, ZoneKind::Body);
        assert_eq!(z[4].1, ZoneKind::Body);
        // Without a preceding blurb, second person is article text.
        assert_eq!(
            kinds("Body.\n\nYou can see the smoke.")[1].1,
            ZoneKind::Body
        );
    }

    #[test]
    fn zones_are_trimmed_sorted_and_cover_text() {
        let text = "  Title  \n\n  para one\n line two \n\n\n©2024 X\n";
        let z = clean(text);
        let mut covered = 0;
        let mut prev = 0;
        for zone in &z {
            assert!(zone.span.start >= prev);
            prev = zone.span.end;
            let s = zone.span.slice(text);
            assert_eq!(s, s.trim());
            covered += s.chars().filter(|c| !c.is_whitespace()).count();
        }
        assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
        assert_eq!(z[1].span.slice(text), "para one\n line two");
    }
}
