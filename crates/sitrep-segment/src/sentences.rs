//! Sentence splitting inside headline and body zones.
//!
//! The splitter tokenizes each zone with [`crate::tokens::tokenize_span`] and decides sentence
//! ends between tokens, so a sentence never cuts a token and sentence spans are trimmed of
//! whitespace. A sentence ends:
//!
//! - at every line break (blank lines and single newlines alike);
//! - after `.`, `?`, `!`, `…` (with closing quotes and brackets that follow without a space)
//!   when the next word does not start with a lowercase letter; a lone `.`, `?` or `!` ends the
//!   sentence before a lowercase word too ("sounds good. want to go?"), but not after a closing
//!   quote (`'levels," a commander said'` stays one sentence) or an ellipsis;
//! - after an abbreviation that may end a sentence ("U.S.", "Inc.", an initial) only when
//!   the next word is a typical sentence opener ("The", "He", "But", ...), or when a closing
//!   quote follows and the next word is capitalized; titles ("Dr.", "Gen.") never end one;
//! - after [`MAX_SENTENCE_TOKENS`] tokens, so unpunctuated input stays linear.

use sitrep_doc::{Sentence, Span, Token, TokenKind, Zone, ZoneKind};

use crate::clean::is_line_break;
use crate::tokens::{is_terminal_char, tokenize_span, TITLE_ABBREVIATIONS};

/// Longest sentence, in tokens; longer runs are split.
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// Lowercased words that commonly open a sentence; used after ambiguous abbreviations.
const SENTENCE_OPENERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "also",
    "although",
    "an",
    "and",
    "another",
    "as",
    "at",
    "authorities",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "every",
    "for",
    "from",
    "further",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "neither",
    "no",
    "not",
    "now",
    "officials",
    "on",
    "one",
    "other",
    "our",
    "police",
    "several",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "two",
    "under",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
];

/// Splits the headline and body zones of `text` into sentences (boilerplate zones yield
/// none). Token ranges are left empty; [`crate::tokenize`] fills them.
pub fn split_sentences(text: &str, zones: &[Zone]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for z in zones {
        if z.kind == ZoneKind::Boilerplate {
            continue;
        }
        let toks = tokenize_span(text, z.span);
        split_tokens(text, &toks, z.kind == ZoneKind::Headline, &mut out);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.`, `?`, `!`, `…` and runs of them.
    Hard,
    /// An abbreviation that may end a sentence ("U.S.", "Inc.", "W.").
    Soft,
}

fn tok_text<'t>(text: &'t str, t: &Token) -> &'t str {
    t.span.slice(text)
}

fn terminal(text: &str, t: &Token) -> Option<Terminal> {
    let s = tok_text(text, t);
    match t.kind {
        TokenKind::Punct if !s.is_empty() && s.chars().all(is_terminal_char) => {
            Some(Terminal::Hard)
        }
        TokenKind::Word if s.len() > 1 && s.ends_with('.') => {
            let stem = &s[..s.len() - 1];
            (!TITLE_ABBREVIATIONS.contains(&stem)).then_some(Terminal::Soft)
        }
        _ => None,
    }
}

fn is_closer(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct
        && matches!(
            tok_text(text, t),
            "\"" | "”" | "’" | "'" | "»" | "›" | ")" | "]" | "}"
        )
}

fn is_opener(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct
        && matches!(
            tok_text(text, t),
            "\"" | "“" | "‘" | "'" | "«" | "‹" | "„" | "(" | "[" | "{"
        )
}

fn has_line_break(text: &str, a: u32, b: u32) -> bool {
    text.get(a as usize..b as usize)
        .is_some_and(|gap| gap.chars().any(is_line_break))
}

/// A short number opening a sentence followed by its period is a list marker ("2. Drugs").
fn is_list_marker(text: &str, toks: &[Token], start: usize, i: usize) -> bool {
    i == start + 1
        && toks[start].kind == TokenKind::Number
        && toks[start].span.len() <= 2
        && tok_text(text, &toks[i]) == "."
}

/// Whether the sentence ends before token `k`, given a terminal at token `i` whose closers
/// run to token `j` (`j >= i`).
fn ends_before(text: &str, toks: &[Token], i: usize, j: usize, kind: Terminal) -> bool {
    let mut k = j + 1;
    if toks.get(k).is_some_and(|t| is_opener(text, t)) && k + 1 < toks.len() {
        k += 1;
    }
    let Some(next) = toks.get(k) else { return true };
    let word = tok_text(text, next);
    let Some(first) = word.chars().next() else {
        return true;
    };
    match kind {
        Terminal::Hard => {
            // a lone ".", "?" or "!" right after a word ends the sentence even before a
            // lowercase word (chat and e-mail: "sounds good. want to go?"); after a closing
            // quote or an ellipsis a lowercase word continues it ('levels," a commander said')
            let single = matches!(tok_text(text, &toks[i]), "." | "?" | "!");
            next.kind != TokenKind::Punct
                && (!first.is_lowercase() || (single && j == i && first.is_alphabetic()))
        }
        Terminal::Soft => {
            if !first.is_uppercase() {
                return false;
            }
            let closed_quote = j > i;
            closed_quote || SENTENCE_OPENERS.contains(&word.to_lowercase().as_str())
        }
    }
}

/// Groups the tokens of one zone into sentences, appended to `out`.
pub(crate) fn split_tokens(text: &str, toks: &[Token], headline: bool, out: &mut Vec<Sentence>) {
    let n = toks.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let mut end = None;
        if i + 1 == n || has_line_break(text, toks[i].span.end, toks[i + 1].span.start) {
            end = Some(i);
        } else if let Some(kind) =
            terminal(text, &toks[i]).filter(|_| !is_list_marker(text, toks, start, i))
        {
            let mut j = i;
            while j + 1 < n
                && toks[j].span.end == toks[j + 1].span.start
                && is_closer(text, &toks[j + 1])
            {
                j += 1;
            }
            if j + 1 == n
                || has_line_break(text, toks[j].span.end, toks[j + 1].span.start)
                || ends_before(text, toks, i, j, kind)
            {
                end = Some(j);
            }
        }
        if end.is_none() && i + 1 - start >= MAX_SENTENCE_TOKENS {
            end = Some(i);
        }
        match end {
            Some(j) => {
                out.push(Sentence {
                    span: Span {
                        start: toks[start].span.start,
                        end: toks[j].span.end,
                    },
                    tokens: (0, 0),
                    headline,
                });
                start = j + 1;
                i = j + 1;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let zones = vec![Zone {
            span: Span::new(0, text.len()),
            kind: ZoneKind::Body,
            rule: "test".into(),
        }];
        split_sentences(text, &zones)
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn plain_periods_split() {
        assert_eq!(
            split("Rebels attacked. Police fled."),
            ["Rebels attacked.", "Police fled."]
        );
    }

    #[test]
    fn a_lone_period_splits_before_lowercase_but_quotes_and_ellipses_do_not() {
        assert_eq!(
            split("sounds exciting. want to go?"),
            ["sounds exciting.", "want to go?"]
        );
        assert_eq!(split("ok? see you"), ["ok?", "see you"]);
        assert_eq!(split("\"We will fight.\" a commander said.").len(), 1);
        assert_eq!(split("em ... no ... the plan").len(), 1);
        assert_eq!(split("the U.S. military left.").len(), 1);
    }

    #[test]
    fn abbreviations_do_not_split() {
        let s = "Mr. Smith met Dr. Jones and Gen. Lt. Col. Sen. Rep. Gov. Prof. Brown on St. \
                 Mark's Day, No. 5 vs. the U.S., U.K., U.N. and E.U. teams at 5 p.m. Monday.";
        assert_eq!(split(s).len(), 1, "{:?}", split(s));
        assert_eq!(split("U.S. officials said it. They left.").len(), 2);
        assert_eq!(split("President George W. Bush spoke.").len(), 1);
        assert_eq!(
            split("Acme Inc. Corp. Ltd. said on Jan. 5 and Sept. 3 it would.").len(),
            1
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence_before_an_opener() {
        assert_eq!(
            split("Troops returned to the U.S. The move was expected."),
            ["Troops returned to the U.S.", "The move was expected."]
        );
        assert_eq!(split("It ended at 5 p.m. Police left.").len(), 2);
    }

    #[test]
    fn quotes_after_period() {
        assert_eq!(
            split("“We will take the war to worse levels,” a commander said. He left."),
            [
                "“We will take the war to worse levels,” a commander said.",
                "He left."
            ]
        );
        assert_eq!(
            split("He said \"No more.\" Then he left."),
            ["He said \"No more.\"", "Then he left."]
        );
        assert_eq!(split("“Why?” he asked.").len(), 1);
        assert_eq!(split("He shouted “Go!” Others ran.").len(), 2);
    }

    #[test]
    fn question_exclamation_ellipsis() {
        assert_eq!(
            split("Who fired? Nobody knows! Wait... Then silence.").len(),
            4
        );
        assert_eq!(split("It was... quiet.").len(), 1);
    }

    #[test]
    fn list_markers_stay_with_their_item() {
        assert_eq!(
            split(
                "They rank: 1. Drugs cost most. 2. Arms come next. It was in Terminal 2. The end."
            ),
            [
                "They rank: 1.",
                "Drugs cost most.",
                "2. Arms come next.",
                "It was in Terminal 2.",
                "The end."
            ]
        );
    }

    #[test]
    fn decimals_and_dashes_do_not_split() {
        assert_eq!(
            split("Growth was 3.5 percent – the lowest – in 2023.").len(),
            1
        );
        assert_eq!(split("It cost $32.95. Buyers paid.").len(), 2);
    }

    #[test]
    fn newlines_always_end_a_sentence() {
        assert_eq!(
            split("First line\nsecond line\n\nthird"),
            ["First line", "second line", "third"]
        );
        assert_eq!(split("a\r\nb"), ["a", "b"]);
    }

    #[test]
    fn boilerplate_zones_give_no_sentences() {
        let text = "Body here.\n\nSubscribe today.";
        let zones = vec![
            Zone {
                span: Span::new(0, 10),
                kind: ZoneKind::Body,
                rule: "b".into(),
            },
            Zone {
                span: Span::new(12, 28),
                kind: ZoneKind::Boilerplate,
                rule: "x".into(),
            },
        ];
        let s = split_sentences(text, &zones);
        assert_eq!(s.len(), 1);
        assert!(!s[0].headline);
    }

    #[test]
    fn long_unpunctuated_text_is_capped() {
        let text = "word ".repeat(200_000);
        let zones = vec![Zone {
            span: Span::new(0, text.trim_end().len()),
            kind: ZoneKind::Body,
            rule: "b".into(),
        }];
        let s = split_sentences(&text, &zones);
        assert_eq!(s.len(), 200);
    }
}
