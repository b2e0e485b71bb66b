//! Why the coder says what it says: for every event of a coded document, the pattern that
//! fired, the dependency path from the trigger to each role filler, and the reason for its
//! factuality (`sitrep explain FILE`).
//!
//! Everything here is read back from the document: the event's `rule` names the pattern (and,
//! after `+`, the rewrites applied to it), its `factuality_cue` the word that decided the
//! factuality, and the parse (token heads and relations) gives the paths. Nothing is
//! recomputed, so the explanation cannot drift from what was coded.

use std::fmt;

use sitrep_doc::{Document, Event, Factuality, RoleFiller, Span};

use crate::lex::{self, is};
use crate::patterns::{Pattern, PatternSet};

/// The explanation of one role filler.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleExplanation {
    /// `source` or `recipient`.
    pub role: &'static str,
    /// The filler's text.
    pub text: String,
    /// The resolved actor, if any.
    pub actor: Option<String>,
    /// The rule that found the filler (`subject`, `object`, `by-agent`, ...).
    pub rule: String,
    /// The dependency path from the trigger to the filler's head word, as
    /// `agree -xcomp-> disarm` steps; `None` when the sentence was not parsed.
    pub path: Option<String>,
}

/// The explanation of one event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventExplanation {
    /// The event's id.
    pub id: String,
    /// `TYPE/mode` (CAMEO code).
    pub label: String,
    /// The sentence, as in the text.
    pub sentence: String,
    /// The trigger words.
    pub trigger: String,
    /// The trigger's byte span.
    pub trigger_span: Span,
    /// The pattern: `id: "words" (file:line)`, or the rule when it is not a pattern.
    pub pattern: String,
    /// What the rewrites after `+` in the rule did (`+threat`, `+intent`, ...).
    pub rewrites: Vec<String>,
    /// The role fillers.
    pub roles: Vec<RoleExplanation>,
    /// The factuality.
    pub factuality: Factuality,
    /// Why the factuality is what it is.
    pub factuality_reason: String,
    /// Date, place, counts and attribution, one line each, with the rule that found them.
    pub details: Vec<String>,
}

/// Explains every event of `doc`, coded with `set`.
pub fn explain(set: &PatternSet, doc: &Document) -> Vec<EventExplanation> {
    doc.events
        .iter()
        .map(|e| explain_event(set, doc, e))
        .collect()
}

fn explain_event(set: &PatternSet, doc: &Document, e: &Event) -> EventExplanation {
    let mut parts = e.rule.split('+');
    let base = parts.next().unwrap_or_default();
    let pattern = match set.patterns.iter().find(|p| p.id == base) {
        Some(p) => describe_pattern(p),
        None => format!("rule {base} (not a dictionary pattern)"),
    };
    let rewrites = parts.map(|r| rewrite_reason(set, r)).collect();
    let trig = e.evidence.trigger;
    let trigger_head = phrase_head(doc, trig);
    let mut roles = Vec::new();
    for (role, fillers) in [("source", &e.source), ("recipient", &e.recipient)] {
        for f in fillers {
            roles.push(RoleExplanation {
                role,
                text: f.text.clone(),
                actor: f.actor.clone(),
                rule: f.rule.clone(),
                path: role_path(doc, trigger_head, f),
            });
        }
    }
    let mut details = Vec::new();
    if let Some(d) = &e.date {
        let evidence = d.evidence.map(|s| format!(" from \"{}\"", doc.slice(s)));
        details.push(format!(
            "date: {} ({}{}){} [{}]{}",
            d.value.as_deref().unwrap_or("unresolved"),
            format!("{:?}", d.kind).to_lowercase(),
            d.granularity
                .map(|g| format!(", {}", format!("{g:?}").to_lowercase()))
                .unwrap_or_default(),
            evidence.unwrap_or_default(),
            d.rule,
            d.reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        ));
    }
    if let Some(l) = &e.location {
        let evidence = l.evidence.map(|s| format!(" from \"{}\"", doc.slice(s)));
        details.push(format!(
            "place: {} ({}, precision {}){} [{}]",
            l.name,
            l.country.as_deref().unwrap_or("-"),
            l.precision,
            evidence.unwrap_or_default(),
            l.rule
        ));
    }
    for c in &e.counts {
        details.push(format!(
            "count: {} {} ({}) from \"{}\" [{}]",
            format!("{:?}", c.kind).to_lowercase(),
            c.value,
            c.qualifier,
            doc.slice(Span {
                start: c.start,
                end: c.end
            }),
            c.rule
        ));
    }
    if let (Some(mode), Some(at)) = (e.mode.as_deref(), e.evidence.mode) {
        details.push(format!(
            "mode: {mode} from \"{}\" (bytes {}..{})",
            doc.slice(at),
            at.start,
            at.end
        ));
    }
    for a in &e.attribution {
        details.push(format!(
            "according to: {}{} [{}]",
            a.text,
            a.actor
                .as_deref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default(),
            a.rule
        ));
    }
    let label = format!(
        "{}{}{}",
        e.etype.as_str(),
        e.mode
            .as_deref()
            .map(|m| format!("/{m}"))
            .unwrap_or_default(),
        e.cameo
            .as_deref()
            .map(|c| format!(" (CAMEO {c})"))
            .unwrap_or_default()
    );
    EventExplanation {
        id: e.id.clone(),
        label,
        sentence: doc
            .slice(Span {
                start: e.evidence.start,
                end: e.evidence.end,
            })
            .to_string(),
        trigger: doc.slice(trig).to_string(),
        trigger_span: trig,
        pattern,
        rewrites,
        roles,
        factuality: e.factuality,
        factuality_reason: factuality_reason(e.factuality, e.factuality_cue.as_deref()),
        details,
    }
}

fn describe_pattern(p: &Pattern) -> String {
    format!(
        "{}: \"{}\" ({} trigger, line {} of the pattern file)",
        p.id,
        p.words,
        match p.pos {
            crate::TriggerPos::Verb => "verb",
            crate::TriggerPos::Noun => "noun",
        },
        p.line
    )
}

/// What a rewrite suffix of an event's rule means.
fn rewrite_reason(set: &PatternSet, suffix: &str) -> String {
    if let Some(c) = set.cues.iter().find(|c| c.id == suffix) {
        let place = if c.victim {
            "the trigger's object is"
        } else {
            "the sentence has"
        };
        return format!(
            "+{suffix}: mode {} because {place} one of its words (mode cue, line {} of the pattern file)",
            c.mode, c.line
        );
    }
    let why = match suffix {
        "threat" => "an announced or conditional conflictual act is coded as a THREATEN made now",
        "intent" => "an announced cooperative act is coded as an AGREE made now",
        "preparation" => "getting ready to fight is coded as MOBILIZE",
        "venue" => "the venue of the talks against the countries of the two sides gives the mode (visit, host or third-party)",
        "obligation" => "\"X said Y must V\": X asks Y to act (REQUEST)",
        "negated-agreement" => "a refused agreement is coded as REJECT",
        _ => "",
    };
    if why.is_empty() {
        format!("+{suffix}")
    } else {
        format!("+{suffix}: {why}")
    }
}

/// Why an event has factuality `f` given the cue the coder recorded.
pub fn factuality_reason(f: Factuality, cue: Option<&str>) -> String {
    let Some(cue) = cue else {
        return match f {
            Factuality::Asserted => {
                "asserted: no negation, modal, intention, threat or condition governs the trigger"
                    .to_string()
            }
            other => format!("{}: no cue recorded", other.as_str()),
        };
    };
    // cues rewritten by the coder carry their reading first ("threat: would")
    if let Some((kind, word)) = cue.split_once(": ") {
        return format!(
            "{}: the event is the {kind} itself, made now; the act it announces is marked by \"{word}\"",
            f.as_str()
        );
    }
    let why = if is(lex::NEGATORS, cue) {
        "a negation stands in the trigger's verb group"
    } else if is(lex::FUTURE_MODALS, cue) {
        "a future modal: the act is announced, not done"
    } else if is(lex::HYPOTHETICAL_MODALS, cue) {
        "a modal of possibility: the act may or may not happen"
    } else if is(lex::CONDITIONALS, cue) {
        "the trigger's clause is a condition"
    } else if is(lex::THREAT_CUES, cue) {
        "the act is the content of a threat (\"threatened to ...\")"
    } else if is(lex::NEGATING_CUES, cue) {
        "the act is refused or denied (\"... to\" after a verb of refusal)"
    } else if is(lex::INTENT_CUES, cue) {
        "the act is intended (\"... to\" after a verb of intention)"
    } else if is(lex::HYPOTHETICAL_CUES, cue) {
        "the act is only considered (\"... to\" after a verb of possibility)"
    } else if is(lex::NOUN_HYPOTHETICAL, cue) {
        "a modifier of the event noun makes it planned or potential"
    } else {
        "cue found before the trigger"
    };
    format!("{}: \"{cue}\": {why}", f.as_str())
}

/// The last token of `span` whose head lies outside it (the phrase's syntactic head); the
/// first token when the sentence was not parsed.
fn phrase_head(doc: &Document, span: Span) -> Option<usize> {
    let inside: Vec<usize> = doc
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.span.start >= span.start && t.span.end <= span.end)
        .map(|(i, _)| i)
        .collect();
    let within = |h: u32| inside.contains(&(h as usize));
    // English phrases are head-final: the last word attached outside ("the army" -> army)
    inside
        .iter()
        .copied()
        .rfind(|&i| doc.tokens[i].head.is_some_and(|h| !within(h)))
        .or_else(|| inside.first().copied())
}

/// Ancestors of token `i`, itself first, up to the root (at most the sentence's length).
fn ancestors(doc: &Document, i: usize) -> Option<Vec<usize>> {
    let mut out = vec![i];
    let mut cur = i;
    while let Some(h) = doc.tokens.get(cur)?.head {
        if h == u32::MAX || out.len() > 1000 {
            break;
        }
        cur = h as usize;
        if out.contains(&cur) {
            break;
        }
        out.push(cur);
    }
    Some(out)
}

fn role_path(doc: &Document, trigger: Option<usize>, f: &RoleFiller) -> Option<String> {
    let t = trigger?;
    doc.tokens.get(t)?.head?;
    let r = phrase_head(
        doc,
        Span {
            start: f.start,
            end: f.end,
        },
    )?;
    doc.tokens.get(r)?.head?;
    let up = ancestors(doc, t)?;
    let down = ancestors(doc, r)?;
    let Some((ui, di)) = up
        .iter()
        .enumerate()
        .find_map(|(ui, a)| down.iter().position(|b| b == a).map(|di| (ui, di)))
    else {
        return Some("not connected in the parse".to_string());
    };
    let word = |i: usize| doc.slice(doc.tokens[i].span).to_string();
    let rel = |i: usize| doc.tokens[i].deprel.clone().unwrap_or_else(|| "dep".into());
    let mut s = word(up[0]);
    for k in 0..ui {
        s.push_str(&format!(" <-{}- {}", rel(up[k]), word(up[k + 1])));
    }
    for k in (0..di).rev() {
        s.push_str(&format!(" -{}-> {}", rel(down[k]), word(down[k])));
    }
    if ui == 0 && di == 0 {
        s.push_str(" (the trigger itself)");
    }
    Some(s)
}

impl fmt::Display for EventExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.id, self.label)?;
        writeln!(f, "  sentence: {}", self.sentence.trim())?;
        writeln!(
            f,
            "  trigger: \"{}\" (bytes {}..{})",
            self.trigger, self.trigger_span.start, self.trigger_span.end
        )?;
        writeln!(f, "  pattern: {}", self.pattern)?;
        for r in &self.rewrites {
            writeln!(f, "  rewrite: {r}")?;
        }
        for r in &self.roles {
            writeln!(
                f,
                "  {}: \"{}\"{} [{}]",
                r.role,
                r.text,
                r.actor
                    .as_deref()
                    .map(|a| format!(" = {a}"))
                    .unwrap_or_default(),
                r.rule
            )?;
            writeln!(
                f,
                "    parse path: {}",
                r.path.as_deref().unwrap_or("(sentence not parsed)")
            )?;
        }
        writeln!(f, "  factuality: {}", self.factuality_reason)?;
        for d in &self.details {
            writeln!(f, "  {d}")?;
        }
        Ok(())
    }
}
