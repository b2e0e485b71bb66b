//! The event pattern dictionary: a typed TOML file mapping verb and noun phrases to PLOVER
//! type, mode, context and CAMEO code, and mode cues (words of a sentence that give an event
//! found by a pattern without a mode its PLOVER mode: "in a bomb attack" makes an ASSAULT's
//! mode `explosives`). Loading validates every entry and reports `file:line: message` for each
//! problem.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use sitrep_ontology::{is_context, EventType};

use crate::morph::{noun_forms, verb_forms};

/// The built-in pattern file.
pub const BUILTIN_PATTERNS: &str = include_str!("../../../data/patterns/events.toml");
/// Name used in errors for the built-in file.
pub const BUILTIN_NAME: &str = "data/patterns/events.toml";

/// Largest number of tokens a `*` gap may skip.
pub const MAX_GAP: usize = 6;

/// Part of speech of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TriggerPos {
    /// The first word is a verb and is inflected.
    Verb,
    /// The last word is a noun and takes a plural.
    Noun,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    pattern: Vec<RawPattern>,
    #[serde(default)]
    mode_cue: Vec<RawCue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    id: String,
    #[serde(rename = "type")]
    etype: String,
    mode: String,
    words: String,
    #[serde(default)]
    victim: bool,
    #[serde(default)]
    triggers: Option<String>,
    #[serde(default)]
    strong: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: String,
    pos: TriggerPos,
    words: String,
    #[serde(rename = "type")]
    etype: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    cameo: Option<String>,
    #[serde(default)]
    confidence: Option<f32>,
    #[serde(default)]
    intransitive: bool,
    #[serde(default)]
    transitive: bool,
    #[serde(default)]
    followed_by: Option<String>,
    #[serde(default)]
    object_not: Option<String>,
    #[serde(default)]
    not_followed_by: Option<String>,
    #[serde(default)]
    not_after: Option<String>,
    #[serde(default)]
    object_is: Option<String>,
    #[serde(default)]
    on_people: Option<String>,
}

/// The folded words of an `a|b` field (none when the field is absent); reports a field that
/// holds an empty word or a phrase.
fn word_list(field: &str, value: Option<&str>, err: &mut impl FnMut(String)) -> Vec<String> {
    let Some(value) = value else {
        return Vec::new();
    };
    let words: Vec<String> = value
        .split('|')
        .map(|w| sitrep_text::fold(w.trim()))
        .collect();
    if words.iter().any(|w| w.is_empty() || w.contains(' ')) {
        err(format!(
            "{field} {value:?} must be single words separated by |"
        ));
    }
    words
}

/// One element of a compiled phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// Any of these folded word forms.
    Words(Vec<String>),
    /// Skip 0..=MAX_GAP tokens.
    Gap,
}

/// A validated, compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Stable id, used as the event's `rule`.
    pub id: String,
    /// Verb or noun trigger.
    pub pos: TriggerPos,
    /// The phrase as written.
    pub words: String,
    /// Compiled phrase.
    pub elems: Vec<Elem>,
    /// PLOVER type.
    pub etype: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Contexts.
    pub context: Vec<String>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// Base confidence.
    pub confidence: f32,
    /// A verb trigger in the sense meant takes no direct object: "protesters demonstrated",
    /// not "the operation demonstrated its effectiveness".
    pub intransitive: bool,
    /// A verb trigger in the sense meant takes a direct object or a "to" complement: "declined
    /// the offer", "declined to comment", not "seizures have declined".
    pub transitive: bool,
    /// Folded words one of which must follow the trigger ("operations by Israel",
    /// "operations against the rebels"); empty: any.
    pub followed_by: Vec<String>,
    /// Folded lemmas the trigger's object (or passive subject) must not be: what is released
    /// is no prisoner when it is a "report", fighting "crime" is no battle; empty: any.
    pub object_not: Vec<String>,
    /// Folded words none of which may follow the trigger: an "assault rifle" or an "attack
    /// helicopter" is a weapon, not an act; empty: any.
    pub not_followed_by: Vec<String>,
    /// Folded words none of which may come right before the trigger: a "court battle" or a
    /// "heart attack" is no fighting; empty: any.
    pub not_after: Vec<String>,
    /// Folded lemmas one of which the trigger's object (or passive subject) must be, unless
    /// it names an actor: one "recognizes" a country or its independence, not "the need to
    /// act"; empty: any object.
    pub object_is: Vec<String>,
    /// The pattern whose type, mode, context and CAMEO code a match takes when its object (or
    /// passive subject) is people, a person or a group: one "captures" a town by force but
    /// arrests the criminals one "captures"; `None`: always this pattern's own.
    pub on_people: Option<usize>,
    /// Line of the entry in its file.
    pub line: usize,
}

/// A validated mode cue: a word in an event's sentence (or, for a victim cue, the event's
/// object) that sets the event's mode.
#[derive(Debug, Clone)]
pub struct ModeCue {
    /// Stable id, added to the event's `rule` when the cue sets its mode.
    pub id: String,
    /// The event type the cue applies to.
    pub etype: EventType,
    /// The mode it sets (one of the type's modes).
    pub mode: String,
    /// Folded words and phrases (each a sequence of words), matched against tokens' forms
    /// or lemmas; the last word of each takes a plural.
    pub words: Vec<Vec<String>>,
    /// Only the object of the trigger counts ("killed the deputy chief"), not any word of
    /// the sentence.
    pub victim: bool,
    /// Trigger words the cue is limited to (empty: any trigger).
    pub triggers: Vec<String>,
    /// The cue replaces a mode the pattern gave, and beats plain cues nearer the trigger.
    pub strong: bool,
    /// Line of the entry in its file.
    pub line: usize,
}

/// A problem in a pattern file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PatternError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A set of compiled patterns with an index from first word form to patterns.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// All patterns.
    pub patterns: Vec<Pattern>,
    /// All mode cues, in file order.
    pub cues: Vec<ModeCue>,
    index: sitrep_text::hash::StrMap<Vec<usize>>,
}

impl PatternSet {
    /// The built-in patterns; they are checked by tests, so this cannot fail at run time.
    pub fn builtin() -> PatternSet {
        PatternSet::parse(BUILTIN_NAME, BUILTIN_PATTERNS).unwrap_or_else(|errs| {
            panic!("built-in patterns are invalid: {}", errs[0]);
        })
    }

    /// Parses and validates a pattern file; returns every problem found.
    pub fn parse(file: &str, src: &str) -> Result<PatternSet, Vec<PatternError>> {
        let raw: RawFile = toml::from_str(src).map_err(|e| {
            let line = e
                .span()
                .map(|s| src[..s.start.min(src.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            vec![PatternError {
                file: file.into(),
                line,
                message: e.message().to_string(),
            }]
        })?;
        let mut errs = Vec::new();
        let mut set = PatternSet::default();
        let mut ids = HashSet::new();
        let mut seen: HashMap<(String, bool), (String, usize)> = HashMap::new();
        // (pattern index, the id its `on_people` names, its line), resolved once all are read
        let mut on_people: Vec<(usize, String, usize)> = Vec::new();
        for rp in raw.pattern {
            let line = find_line(src, &rp.id);
            let mut err = |m: String| {
                errs.push(PatternError {
                    file: file.into(),
                    line,
                    message: m,
                })
            };
            if !ids.insert(rp.id.clone()) {
                err(format!("duplicate pattern id {:?}", rp.id));
            }
            let etype = match rp.etype.parse::<EventType>() {
                Ok(t) => t,
                Err(e) => {
                    err(e.to_string());
                    continue;
                }
            };
            if let Some(e) = rp.mode.as_deref().and_then(|m| mode_error(etype, m)) {
                err(e);
            }
            for c in &rp.context {
                if !is_context(c) {
                    err(format!("unknown context {c:?}"));
                }
            }
            if let Some(c) = &rp.cameo {
                let ok = c.len() >= 2 && c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit());
                if !ok {
                    err(format!("CAMEO code {c:?} must be 2 to 4 digits"));
                } else if !matches!(c[..2].parse::<u8>(), Ok(1..=20)) {
                    err(format!("CAMEO code {c} has no CAMEO root (01 to 20)"));
                }
            }
            let elems = match compile(&rp.words, rp.pos) {
                Ok(e) => e,
                Err(m) => {
                    err(m);
                    continue;
                }
            };
            let key = (rp.words.trim().to_lowercase(), rp.pos == TriggerPos::Verb);
            if let Some((other, other_line)) = seen.get(&key) {
                err(format!(
                    "conflicts with pattern {other:?} (line {other_line}): same words {:?}",
                    rp.words
                ));
            } else {
                seen.insert(key, (rp.id.clone(), line));
            }
            let conf = rp.confidence.unwrap_or(0.7);
            if !(0.0..=1.0).contains(&conf) {
                err(format!("confidence {conf} is outside [0, 1]"));
            }
            if rp.intransitive && rp.pos != TriggerPos::Verb {
                err("intransitive applies to verb patterns only".to_string());
            }
            if rp.transitive && (rp.pos != TriggerPos::Verb || rp.intransitive) {
                err("transitive applies to verb patterns that are not intransitive".to_string());
            }
            let followed_by = word_list("followed_by", rp.followed_by.as_deref(), &mut err);
            let object_not = word_list("object_not", rp.object_not.as_deref(), &mut err);
            let not_followed_by =
                word_list("not_followed_by", rp.not_followed_by.as_deref(), &mut err);
            let not_after = word_list("not_after", rp.not_after.as_deref(), &mut err);
            let object_is = word_list("object_is", rp.object_is.as_deref(), &mut err);
            let verb_only = [
                ("object_is", !object_is.is_empty()),
                ("object_not", !object_not.is_empty()),
                ("on_people", rp.on_people.is_some()),
            ];
            for (field, set_here) in verb_only {
                if set_here && rp.pos != TriggerPos::Verb {
                    err(format!("{field} applies to verb patterns only"));
                }
            }
            if let Some(id) = rp.on_people {
                on_people.push((set.patterns.len(), id, line));
            }
            set.patterns.push(Pattern {
                id: rp.id,
                pos: rp.pos,
                words: rp.words,
                elems,
                etype,
                mode: rp.mode,
                context: rp.context,
                cameo: rp.cameo,
                confidence: conf,
                intransitive: rp.intransitive,
                transitive: rp.transitive,
                followed_by,
                object_not,
                not_followed_by,
                not_after,
                object_is,
                on_people: None,
                line,
            });
        }
        for rc in raw.mode_cue {
            let line = find_line(src, &rc.id);
            let mut err = |m: String| {
                errs.push(PatternError {
                    file: file.into(),
                    line,
                    message: m,
                })
            };
            if !ids.insert(rc.id.clone()) {
                err(format!("duplicate id {:?}", rc.id));
            }
            let etype = match rc.etype.parse::<EventType>() {
                Ok(t) => t,
                Err(e) => {
                    err(e.to_string());
                    continue;
                }
            };
            if let Some(e) = mode_error(etype, &rc.mode) {
                err(e);
            }
            let words = match cue_phrases(&rc.words) {
                Ok(w) => w,
                Err(m) => {
                    err(m);
                    continue;
                }
            };
            let triggers = match rc.triggers.as_deref().map(|t| cue_words(t, verb_forms)) {
                None => Vec::new(),
                Some(Ok(t)) => t,
                Some(Err(m)) => {
                    err(m);
                    continue;
                }
            };
            set.cues.push(ModeCue {
                id: rc.id,
                etype,
                mode: rc.mode,
                words,
                victim: rc.victim,
                triggers,
                strong: rc.strong,
                line,
            });
        }
        let by_id: HashMap<String, usize> = set
            .patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        for (p, id, line) in on_people {
            match by_id.get(&id) {
                Some(&i) => set.patterns[p].on_people = Some(i),
                None => errs.push(PatternError {
                    file: file.into(),
                    line,
                    message: format!("on_people names no pattern: {id:?}"),
                }),
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        for (i, p) in set.patterns.iter().enumerate() {
            if let Some(Elem::Words(first)) = p.elems.first() {
                for w in first {
                    set.index.entry(w.clone()).or_default().push(i);
                }
            }
        }
        Ok(set)
    }

    /// Every word any pattern element matches (folded; repeats possible).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.patterns
            .iter()
            .flat_map(|p| &p.elems)
            .flat_map(|e| match e {
                Elem::Words(ws) => ws.as_slice(),
                Elem::Gap => &[],
            })
            .map(String::as_str)
    }

    /// Patterns whose first word can be `folded_word`.
    pub fn starting_with(&self, folded_word: &str) -> &[usize] {
        self.index
            .get(folded_word)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

fn find_line(src: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    src.lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains(&needle))
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// The error for a mode that `etype` does not admit.
fn mode_error(etype: EventType, mode: &str) -> Option<String> {
    (!etype.allows_mode(mode)).then(|| {
        format!(
            "mode {mode:?} is not a mode of {etype} (allowed: {})",
            etype.modes().join(", ")
        )
    })
}

/// A word of a cue list is a lower-case lemma, without gaps.
fn check_cue_word(w: &str, list: &str) -> Result<(), String> {
    if w.is_empty() || w.contains('*') || w.chars().any(|c| c.is_uppercase()) {
        return Err(format!(
            "bad word {w:?} in {list:?}: cue words are lower-case lemmas without gaps"
        ));
    }
    Ok(())
}

/// The verb forms of a cue's `a|b|c` list of single words.
fn cue_words(words: &str, inflect: fn(&str) -> Vec<String>) -> Result<Vec<String>, String> {
    let mut forms = Vec::new();
    for alt in words.split('|').map(str::trim) {
        check_cue_word(alt, words)?;
        if alt.contains(char::is_whitespace) {
            return Err(format!(
                "bad word {alt:?} in {words:?}: triggers are single words"
            ));
        }
        forms.extend(inflect(alt));
    }
    forms.sort();
    forms.dedup();
    Ok(forms)
}

/// The phrases of a cue's `a|b c|d` list (alternatives split by `|`, words by spaces), with
/// the plural of each phrase's last word.
fn cue_phrases(words: &str) -> Result<Vec<Vec<String>>, String> {
    let mut phrases = Vec::new();
    for alt in words.split('|') {
        let parts: Vec<&str> = alt.split_whitespace().collect();
        let Some((last, prefix)) = parts.split_last() else {
            return Err(format!("empty alternative in {words:?}"));
        };
        for w in &parts {
            check_cue_word(w, words)?;
        }
        for form in noun_forms(last) {
            let mut p: Vec<String> = prefix.iter().map(|w| w.to_string()).collect();
            p.push(form);
            phrases.push(p);
        }
    }
    phrases.sort();
    phrases.dedup();
    Ok(phrases)
}

fn compile(words: &str, pos: TriggerPos) -> Result<Vec<Elem>, String> {
    let parts: Vec<&str> = words.split_whitespace().collect();
    if parts.is_empty() {
        return Err("empty `words`: the pattern can never match".into());
    }
    if parts[0] == "*" || parts[parts.len() - 1] == "*" {
        return Err(format!(
            "`words` {words:?} starts or ends with a gap: it can never be anchored"
        ));
    }
    let n = parts.len();
    let mut elems = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if *p == "*" {
            if elems.last() == Some(&Elem::Gap) {
                return Err(format!("`words` {words:?} has two gaps in a row"));
            }
            elems.push(Elem::Gap);
            continue;
        }
        let inflect_verb = pos == TriggerPos::Verb && i == 0;
        let inflect_noun = (pos == TriggerPos::Noun && i == n - 1) || p.ends_with('+');
        let mut forms = Vec::new();
        for alt in p.split('|') {
            let alt = alt.trim_end_matches('+');
            if alt.is_empty() || alt.chars().any(|c| c.is_uppercase()) {
                return Err(format!(
                    "bad word {alt:?} in {words:?}: words are lower-case lemmas"
                ));
            }
            if inflect_verb {
                forms.extend(verb_forms(alt));
            } else if inflect_noun {
                forms.extend(noun_forms(alt));
            } else {
                forms.push(alt.to_string());
            }
        }
        forms.sort();
        forms.dedup();
        elems.push(Elem::Words(forms));
    }
    Ok(elems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_patterns_are_valid_and_cover_all_types() {
        let set = PatternSet::parse(BUILTIN_NAME, BUILTIN_PATTERNS).unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        for t in EventType::ALL {
            assert!(
                set.patterns.iter().any(|p| p.etype == *t),
                "no pattern for {t}"
            );
        }
        assert!(set.patterns.iter().any(|p| p.pos == TriggerPos::Noun));
    }

    #[test]
    fn bad_entries_are_reported_with_lines() {
        let src = r#"
[[pattern]]
id = "a"
pos = "verb"
words = "attack"
type = "ATTACK"

[[pattern]]
id = "b"
pos = "verb"
words = "* attack"
type = "ASSAULT"

[[pattern]]
id = "c"
pos = "verb"
words = "reject"
type = "REJECT"
mode = "bombing"
cameo = "990"

[[pattern]]
id = "d"
pos = "verb"
words = "reject"
type = "AGREE"

[[pattern]]
id = "e"
pos = "noun"
words = "march"
type = "PROTEST"
intransitive = true

[[pattern]]
id = "f"
pos = "noun"
words = "operation"
type = "ASSAULT"
followed_by = "by the|against"

[[pattern]]
id = "g"
pos = "verb"
words = "release"
type = "RETREAT"
object_not = "report|"

[[pattern]]
id = "h"
pos = "noun"
words = "decline"
type = "REJECT"
transitive = true

[[pattern]]
id = "i"
pos = "noun"
words = "battle"
type = "ASSAULT"
not_after = "high court|legal"
not_followed_by = "rifle||weapon"
object_is = "state"
on_people = "no-such-pattern"
"#;
        let errs = PatternSet::parse("p.toml", src).unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:3:") && e.contains("unknown event type")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:9:") && e.contains("never")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:15:") && e.contains("mode")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:15:") && e.contains("CAMEO")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:23:") && e.contains("conflicts")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:29:") && e.contains("intransitive")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:36:") && e.contains("followed_by")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:43:") && e.contains("object_not")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("p.toml:50:") && e.contains("transitive")),
            "{text:?}"
        );
        for field in [
            "not_after",
            "not_followed_by",
            "object_is",
            "on_people names no",
        ] {
            assert!(
                text.iter()
                    .any(|e| e.starts_with("p.toml:57:") && e.contains(field)),
                "{field}: {text:?}"
            );
        }
    }

    #[test]
    fn bad_mode_cues_are_reported_with_lines() {
        let src = r#"
[[pattern]]
id = "p"
pos = "verb"
words = "attack"
type = "ASSAULT"

[[mode_cue]]
id = "p"
type = "ASSAULT"
mode = "explosives"
words = "bomb"

[[mode_cue]]
id = "c2"
type = "ASSAULT"
mode = "curfew"
words = "Bomb|car * bomb"

[[mode_cue]]
id = "c3"
type = "ASSAULT"
mode = "firearms"
words = "gun"
triggers = "shoot dead"
"#;
        let errs = PatternSet::parse("p.toml", src).unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        let has = |line: &str, what: &str| {
            text.iter()
                .any(|e| e.starts_with(&format!("p.toml:{line}:")) && e.contains(what))
        };
        // the cue's id clashes with the pattern's (errors name the first line with the id)
        assert!(has("3", "duplicate id"), "{text:?}");
        assert!(has("15", "not a mode of ASSAULT"), "{text:?}");
        assert!(has("15", "\"Bomb\""), "{text:?}");
        assert!(has("21", "single words"), "{text:?}");
        assert_eq!(errs.len(), 4, "{text:?}");
    }

    #[test]
    fn cue_phrases_take_plurals_on_their_last_word() {
        let src = r#"
[[mode_cue]]
id = "c"
type = "ASSAULT"
mode = "explosives"
words = "car bomb|ied"
"#;
        let set = PatternSet::parse("p.toml", src).unwrap();
        let words = &set.cues[0].words;
        assert!(
            words.contains(&vec!["car".to_string(), "bombs".to_string()]),
            "{words:?}"
        );
        assert!(words.contains(&vec!["ieds".to_string()]), "{words:?}");
        assert!(
            !words.contains(&vec!["cars".to_string(), "bomb".to_string()]),
            "{words:?}"
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let errs = PatternSet::parse("p.toml", "[[pattern]]\nid = \"a\"\npos = 3\n").unwrap_err();
        assert_eq!(errs[0].line, 3, "{}", errs[0]);
    }
}
