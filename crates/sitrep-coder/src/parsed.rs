//! Noun phrases from the dependency parse. A role filler found by the word-order rules shows
//! the whole noun phrase its mention heads in the parse ("Militants loyal to X", "the largest
//! extremist organization in Northern Ireland"), without clauses, coordination, appositions
//! or time expressions; where the parse looks wrong (a verb inside, a coordination) the
//! word-order phrase stays.

use sitrep_doc::{EntityType, RoleFiller};

use crate::lex::{self, is};
use crate::roles::View;

/// Dependents that belong to a role's noun phrase (with their own subtrees, under the same
/// rule): determiners, adjectives, compounds, numbers, possessors and noun complements. Clauses,
/// coordination, appositions, verbs' dependents and punctuation stay out.
const NP_KEEP: &[&str] = &[
    "det",
    "det:predet",
    "det:poss",
    "amod",
    "compound",
    "flat",
    "fixed",
    "goeswith",
    "nmod",
    "nmod:poss",
    "nummod",
    "case",
    "advmod",
];

/// The longest noun phrase shown for a filler, in tokens; longer ones fall back to the
/// mention's own phrase.
const MAX_NP: usize = 16;

/// The token that heads mention `m` in the parse: the one whose head lies outside it.
pub(crate) fn mention_head(v: &View, m: usize) -> Option<usize> {
    let (ms, me) = v.mention_range(m);
    if me <= ms || !v.deps.parsed(ms) {
        return None;
    }
    (ms..me)
        .rev()
        .find(|&t| v.deps.head(t).is_none_or(|h| h < ms || h >= me))
}

/// Widens the text of filler `f` (for mention `m`) to the parse's noun phrase headed by the
/// mention's head token: "Militants loyal to X", "the largest extremist organization in
/// Northern Ireland".
pub(crate) fn widen_to_phrase(v: &View, f: &mut RoleFiller, m: usize, s0: usize, s1: usize) {
    if let Some(h) = mention_head(v, m) {
        // a name that modifies a noun ("Hamas fighters") stands for the noun's phrase
        let h = match v.deps.head(h) {
            Some(up)
                if matches!(v.deps.rel(h), "compound" | "amod")
                    && is(lex::AGENT_HEADS, v.word(up)) =>
            {
                up
            }
            _ => h,
        };
        widen(v, f, m, h, s0, s1);
    }
}

/// The token range of the noun phrase headed by `h` (see [`NP_KEEP`]); time expressions
/// ("on Monday", "in November") are left out.
fn noun_phrase(v: &View, h: usize) -> (usize, usize) {
    let d = &v.deps;
    let (mut a, mut b) = (h, h + 1);
    let mut stack = vec![h];
    let mut seen = 0;
    while let Some(x) = stack.pop() {
        seen += 1;
        if seen > 64 {
            break;
        }
        a = a.min(x);
        b = b.max(x + 1);
        for &c in d.children(x) {
            let c = c as usize;
            // "militiamen armed with machetes": a participle after the noun opens a clause
            let clause_like = c > x && matches!(v.upos(c), Some("VERB" | "AUX"));
            // "loyal to X": an adjective's complement stays with it
            let adj_complement = d.rel(c) == "obl" && x != h && v.upos(x) == Some("ADJ");
            let keep = (NP_KEEP.contains(&d.rel(c)) || adj_complement)
                && !time_phrase(v, c)
                && !clause_like
                && !(matches!(d.rel(c), "advmod" | "case") && x == h);
            if keep {
                stack.push(c);
            }
        }
    }
    (a, b)
}

/// Token `c` is a time expression: a calendar word, or a phrase it heads with one in it ("on
/// February 17", "in the November 3 night").
fn time_phrase(v: &View, c: usize) -> bool {
    sitrep_text::is_calendar_word(v.word(c))
        || v.deps
            .children(c)
            .iter()
            .any(|&k| k as usize != c && sitrep_text::is_calendar_word(v.word(k as usize)))
}

fn widen(v: &View, f: &mut RoleFiller, m: usize, h: usize, s0: usize, s1: usize) {
    if v.doc.mentions[m].etype == EntityType::Anaphor {
        return;
    }
    if !matches!(v.upos(h), Some("NOUN" | "PROPN" | "NUM")) {
        return;
    }
    let (mut a, mut b) = noun_phrase(v, h);
    a = a.max(s0);
    b = b.min(s1);
    // keep the phrase inside the sentence and short enough to read; it must hold the mention
    let (ms, me) = v.mention_range(m);
    // a phrase spanning a coordination would show two fillers as one
    let coordinated = (a..b).any(|t| v.deps.rel(t) == "cc");
    // a verb inside means the parse went wrong ("officials suspended aid deliveries")
    // (a participle as adjective, "the defeated party", is fine; the coder cuts a trigger
    // read as one out of the phrase)
    let verbal = (a..b).any(|t| {
        matches!(v.upos(t), Some("VERB" | "AUX")) && !matches!(v.deps.rel(t), "amod" | "compound")
    });
    // the phrase opens and closes on words ("on X" and "X of" are cut back)
    // ("at least 20 soldiers" keeps its "at": it belongs to the quantifier, not a noun)
    // ("when suspected militants": a wh-word opens the clause, not the phrase)
    while a < b
        && (matches!(v.upos(a), Some("CCONJ" | "PUNCT" | "SCONJ"))
            || matches!(v.xpos(a), Some("WRB" | "WDT" | "WP"))
            || v.upos(a) == Some("ADP")
                && v.deps
                    .head(a)
                    .is_some_and(|x| matches!(v.upos(x), Some("NOUN" | "PROPN"))))
    {
        a += 1;
    }
    while b > a && matches!(v.upos(b - 1), Some("ADP" | "CCONJ" | "PUNCT" | "DET")) {
        b -= 1;
    }
    if b > a && b - a <= MAX_NP && a <= ms && me <= b && !coordinated && !verbal {
        let span = v.span(a).cover(v.span(b - 1));
        // a wider phrase from the word-order rules ("Serbian President X") is kept
        if span.start <= f.start && f.end <= span.end {
            f.text = v.doc.slice(span).to_string();
            f.start = span.start;
            f.end = span.end;
        }
    }
}
