//! Attribution: who says an event happened. In-text sources ("according to X", "X said",
//! "X told Reuters", "reportedly") nearest first, then the outlet from metadata.

use sitrep_doc::{Attribution, Document};

use crate::lex::{self, is};
use crate::roles::View;

/// Attributions that hold for every event of sentence tokens `[s0, s1)`.
pub(crate) fn for_sentence(v: &View, doc: &Document, s0: usize, s1: usize) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    let mut push = |a: Attribution| {
        if !out.iter().any(|o| o.start == a.start && o.text == a.text) {
            out.push(a);
        }
    };
    for k in s0..s1 {
        let w = v.word(k);
        if w == "according" && k + 1 < s1 && v.word(k + 1) == "to" {
            let rule = "attribution:according-to";
            if let Some(a) = name_after(v, doc, k + 2, s1, rule)
                .or_else(|| source_phrase(v, doc, k + 2, s1, rule))
            {
                push(a);
            }
        } else if is(lex::SPEECH_VERBS, w)
            && v.is_lower(k)
            && !is(&["claim", "claimed", "claims"], w)
            // "according to a special report": a noun reports nothing
            && v.upos(k) != Some("NOUN")
        {
            // speaker: the nearest name before the verb (not in a PP), or after it ("said X")
            let before = speaker_before(v, doc, k, s0);
            let after = if before.is_none() {
                name_after(v, doc, k + 1, s1, "attribution:speaker-after")
            } else {
                None
            };
            if let Some(a) = before.or(after) {
                push(a);
            }
            if is(&["told", "tell", "tells"], w) {
                if let Some(a) = name_after(v, doc, k + 1, (k + 4).min(s1), "attribution:told") {
                    push(a);
                }
            }
        } else if w == "reportedly" || w == "allegedly" {
            let s = v.span(k);
            push(Attribution {
                text: doc.slice(s).to_string(),
                actor: None,
                start: Some(s.start),
                end: Some(s.end),
                rule: "attribution:hedge".into(),
            });
        }
    }
    if let Some(outlet) = &doc.meta.outlet {
        out.push(Attribution {
            text: outlet.clone(),
            actor: None,
            start: None,
            end: None,
            rule: "attribution:outlet-metadata".into(),
        });
    }
    out
}

fn from_mention(doc: &Document, m: usize, rule: &str) -> Attribution {
    let mention = &doc.mentions[m];
    Attribution {
        text: doc.slice(mention.span).to_string(),
        actor: mention.actor.clone(),
        start: Some(mention.span.start),
        end: Some(mention.span.end),
        rule: rule.into(),
    }
}

fn speaker_before(v: &View, doc: &Document, verb: usize, s0: usize) -> Option<Attribution> {
    // the words between the last comma and the verb ("..., mediators said"), or the subject
    let mut j = verb;
    while j > s0 && verb - j < 8 {
        let w = v.word(j - 1);
        if is(&[",", ";", ":", "\"", "“", "”", "."], w) || w == "that" {
            break;
        }
        j -= 1;
    }
    let words_before = j < verb && !(j..verb).all(|k| is(lex::AUX, v.word(k)));
    if words_before && j > s0 {
        // a trailing "..., X said": X is the speaker, named or not
        let mut end = verb;
        while end > j && (is(lex::AUX, v.word(end - 1)) || v.word(end - 1).ends_with("ly")) {
            end -= 1;
        }
        if end > j {
            let span = v.span(j).cover(v.span(end - 1));
            let actor = (j..end)
                .find_map(|t| v.mention_at(t))
                .and_then(|m| doc.mentions[m].actor.clone());
            return Some(Attribution {
                text: doc.slice(span).to_string(),
                actor,
                start: Some(span.start),
                end: Some(span.end),
                rule: "attribution:speaker".into(),
            });
        }
    }
    let subject = crate::roles::subject(v, verb, s0, "speaker");
    let first = subject.into_iter().last()?;
    Some(Attribution {
        text: first.text,
        actor: first.actor,
        start: Some(first.start),
        end: Some(first.end),
        rule: "attribution:speaker".into(),
    })
}

fn name_after(v: &View, doc: &Document, from: usize, to: usize, rule: &str) -> Option<Attribution> {
    for k in from..to.min(from + 4) {
        if let Some(m) = v.mention_at(k) {
            return Some(from_mention(doc, m, rule));
        }
        if v.is_hard_punct(k) {
            return None;
        }
    }
    // an unknown source: take the capitalized words ("according to Al-Monitor")
    let mut end = from;
    while end < to && end < from + 5 {
        let t = doc.slice(v.span(end));
        let capital = t.chars().next().is_some_and(|c| c.is_uppercase());
        let leading_the = end == from && matches!(t, "the" | "The");
        if !(capital || leading_the) {
            break;
        }
        end += 1;
    }
    if end > from && !(end == from + 1 && matches!(v.word(from), "the")) {
        let s = v.span(from).cover(v.span(end - 1));
        return Some(Attribution {
            text: doc.slice(s).to_string(),
            actor: None,
            start: Some(s.start),
            end: Some(s.end),
            rule: rule.to_string(),
        });
    }
    None
}

/// A source that is no name: the noun phrase after "according to" ("a special report"), with
/// who made it when a name follows closely ("a report by the ministry", "a statement issued by
/// X", "a report submitted to X").
fn source_phrase(
    v: &View,
    doc: &Document,
    from: usize,
    to: usize,
    rule: &str,
) -> Option<Attribution> {
    let mut k = from;
    let mut head = None;
    while k < to && k - from < 6 && matches!(v.upos(k), Some("DET" | "ADJ" | "NOUN" | "NUM")) {
        if v.upos(k) == Some("NOUN") {
            head = Some(k);
        }
        k += 1;
    }
    let mut end = head? + 1;
    let mut actor = None;
    // "by|of|from X", or a participle and its preposition before X, within a few words
    let mut j = end;
    if j < to && v.xpos(j) == Some("VBN") {
        j += 1;
    }
    if j < to && is(&["by", "of", "from", "to"], v.word(j)) {
        if let Some(m) = (j + 1..(j + 4).min(to))
            .take_while(|&t| !v.is_hard_punct(t))
            .find_map(|t| v.mention_at(t))
        {
            // on through the name the mention opens ("the Canadian Security Intelligence
            // Service"): the last mention stands for the source
            end = v.mention_range(m).1.min(to);
            let mut last = m;
            while end < to && end - j < 10 {
                if let Some(n) = v.mention_at(end) {
                    last = n;
                    end = v.mention_range(n).1.min(to).max(end + 1);
                } else if v.is_name_word(end) {
                    end += 1;
                } else {
                    break;
                }
            }
            actor = doc.mentions[last].actor.clone();
        }
    }
    let s = v.span(from).cover(v.span(end - 1));
    Some(Attribution {
        text: doc.slice(s).to_string(),
        actor,
        start: Some(s.start),
        end: Some(s.end),
        rule: rule.to_string(),
    })
}
