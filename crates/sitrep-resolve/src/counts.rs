//! Casualty and size counts: "killed around 1,200 people", "more than 250 taken hostage",
//! "dozens were wounded", "arrested 12 suspects".

use sitrep_doc::{Count, CountKind, Document, TokenKind};
use sitrep_text::fold;

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
];

/// The value of a number word ("twelve" -> 12).
pub(crate) fn number_word(w: &str) -> Option<u64> {
    NUMBER_WORDS.iter().find(|(s, _)| *s == w).map(|(_, n)| *n)
}

/// Vague quantities, with the lower bound they imply.
const VAGUE: &[(&str, u64)] = &[
    ("dozens", 24),
    ("scores", 40),
    ("hundreds", 200),
    ("thousands", 2000),
    ("several", 3),
    ("dozen", 12),
];

const PEOPLE: &[&str] = &[
    "people",
    "civilians",
    "soldiers",
    "fighters",
    "troops",
    "police",
    "policemen",
    "officers",
    "members",
    "children",
    "women",
    "men",
    "militants",
    "persons",
    "others",
    "protesters",
    "students",
    "workers",
    "rebels",
    "insurgents",
    "suspects",
    "villagers",
    "residents",
    "palestinians",
    "israelis",
    "migrants",
    "personnel",
    "guards",
    "worshippers",
    "pilgrims",
    "passengers",
    "of",
    "them",
    "were",
    "was",
    "have",
    "had",
    "been",
    "are",
    "reportedly",
    "who",
    "being",
    "and",
];

fn kind_of(w: &str, next: &str) -> Option<CountKind> {
    match w {
        "killed" | "dead" | "died" | "deaths" | "killing" | "kills" | "kill" | "slain"
        | "fatalities" | "lives" | "massacred" | "executed" | "perished" => Some(CountKind::Dead),
        "injured" | "wounded" | "hurt" | "injuring" | "wounding" | "injuries" | "injures"
        | "wounds" => Some(CountKind::Injured),
        "arrested" | "detained" | "arresting" | "detaining" | "arrests" | "detentions" => {
            Some(CountKind::Arrested)
        }
        "hostage" | "hostages" | "abducted" | "kidnapped" | "captive" | "abducting"
        | "kidnapping" | "captives" => Some(CountKind::Hostages),
        "taken" | "took" | "held" if matches!(next, "hostage" | "captive" | "hostages") => {
            Some(CountKind::Hostages)
        }
        _ => None,
    }
}

/// A number phrase at token `i`: (value, qualifier, first token, one past last token).
fn number_at(
    words: &[String],
    doc: &Document,
    i: usize,
    s1: usize,
) -> Option<(u64, &'static str, usize, usize)> {
    let w = words[i].as_str();
    let mut value = if doc.tokens[i].kind == TokenKind::Number {
        let clean: String = w.chars().filter(|c| *c != ',').collect();
        clean.split('.').next()?.parse::<u64>().ok()?
    } else if let Some(n) = number_word(w) {
        n
    } else if let Some((_, n)) = VAGUE.iter().find(|(s, _)| *s == w) {
        return Some((*n, "vague", i, i + 1));
    } else {
        return None;
    };
    let mut end = i + 1;
    // "1.2 million", "5 thousand"
    if end < s1 {
        match words[end].as_str() {
            "thousand" => {
                value *= 1000;
                end += 1;
            }
            "million" => {
                value *= 1_000_000;
                end += 1;
            }
            "hundred" => {
                value *= 100;
                end += 1;
            }
            _ => {}
        }
    }
    // years are not counts
    if (1900..=2100).contains(&value) && doc.tokens[i].kind == TokenKind::Number && !w.contains(',')
    {
        return None;
    }
    Some((value, "exact", i, end))
}

fn qualifier(words: &[String], i: usize, s0: usize) -> Option<(&'static str, usize)> {
    let w1 = if i > s0 { words[i - 1].as_str() } else { "" };
    let w2 = if i > s0 + 1 {
        words[i - 2].as_str()
    } else {
        ""
    };
    match (w2, w1) {
        ("more", "than") | ("at", "least") => return Some(("at-least", i - 2)),
        ("up", "to") | ("fewer", "than") | ("less", "than") | ("at", "most") => {
            return Some(("at-most", i - 2))
        }
        _ => {}
    }
    match w1 {
        "around" | "about" | "nearly" | "some" | "approximately" | "roughly" | "almost"
        | "estimated" => Some(("approximate", i - 1)),
        "over" => Some(("at-least", i - 1)),
        _ => None,
    }
}

/// Units after a number that make it a duration or a share, not a count of people.
const MEASURES: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "percent",
    "per",
    "%",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
];

/// Every count in sentence tokens `[s0, s1)`.
pub fn find_counts(doc: &Document, s0: usize, s1: usize) -> Vec<Count> {
    let words: Vec<String> = (0..doc.tokens.len())
        .map(|i| {
            if i >= s0 && i < s1 {
                fold(doc.slice(doc.tokens[i].span))
            } else {
                String::new()
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut i = s0;
    while i < s1 {
        let Some((value, mut qual, mut start, end)) = number_at(&words, doc, i, s1) else {
            i += 1;
            continue;
        };
        // "taken hostage two weeks ago", "jailed for 12 years": a number of time units or a
        // share counts no people
        if end < s1 && MEASURES.contains(&words[end].as_str()) {
            i = end;
            continue;
        }
        if let Some((q, qs)) = qualifier(&words, i, s0) {
            qual = q;
            start = qs;
        }
        // kind after the number: "1,200 people were killed", "250 taken hostage"
        let mut kind = None;
        let mut k = end;
        while k < s1 && k < end + 5 {
            let next = if k + 1 < s1 {
                words[k + 1].as_str()
            } else {
                ""
            };
            if let Some(kd) = kind_of(&words[k], next) {
                kind = Some(kd);
                break;
            }
            if !PEOPLE.contains(&words[k].as_str()) {
                break;
            }
            k += 1;
        }
        // kind before: "killed around 1,200 people", "killing at least 12"
        if kind.is_none() && start > s0 {
            let prev = words[start - 1].as_str();
            kind = kind_of(prev, "");
        }
        if kind.is_none()
            && end < s1
            && matches!(
                words[end].as_str(),
                "fighters" | "troops" | "soldiers" | "militants"
            )
        {
            kind = Some(CountKind::Fighters);
        }
        if let Some(kind) = kind {
            let span = doc.tokens[start].span.cover(doc.tokens[end - 1].span);
            out.push(Count {
                kind,
                value,
                qualifier: qual.to_string(),
                start: span.start,
                end: span.end,
                rule: "count:number-near-casualty-word".into(),
            });
        }
        i = end;
    }
    out
}
