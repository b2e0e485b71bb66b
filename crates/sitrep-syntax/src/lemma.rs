//! A lemmatizer learned from a treebank: an exceptions table (form + UPOS -> lemma) for forms
//! the rules get wrong, plus longest-suffix edit rules per UPOS for everything else.
//!
//! Rules are learned over word types: for every suffix (up to [`MAX_SUFFIX`] characters) of
//! every training form, the most frequent edit script ("strip n characters, append s") among
//! the types ending in it. Each UPOS also learns whether its lemmas keep the form's case
//! (PROPN) or are lowercased (everything else).

use std::collections::{HashMap, HashSet};

use sitrep_text::fold;

use crate::binfmt::{Buf, Reader};
use crate::SyntaxError;

/// Longest suffix (in characters) a rule is keyed on.
pub const MAX_SUFFIX: usize = 7;

/// An edit script: strip `strip` characters from the end, then append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    strip: u8,
    append: String,
}

impl Rule {
    fn between(base: &str, lemma: &str) -> Option<Rule> {
        let b: Vec<char> = base.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let p = b.iter().zip(&l).take_while(|(x, y)| x == y).count();
        let strip = u8::try_from(b.len() - p).ok()?;
        Some(Rule {
            strip,
            append: l[p..].iter().collect(),
        })
    }

    fn apply(&self, base: &str) -> Option<String> {
        let n = base.chars().count();
        let keep = n.checked_sub(self.strip as usize)?;
        let cut = base.char_indices().nth(keep).map_or(base.len(), |(i, _)| i);
        let mut s = String::with_capacity(cut + self.append.len());
        s.push_str(&base[..cut]);
        s.push_str(&self.append);
        (!s.is_empty()).then_some(s)
    }
}

/// Which target words a form may be lemmatized into under some tag, found without tagging
/// (from [`Lemmatizer::reach`]): whatever tag the tagger gives the form, its folded lemma, if
/// it is a target other than the folded form, is among [`LemmaReach::targets`]. The answer
/// may hold more (rules are tried whatever their suffix and part of speech), never less, up
/// to forms whose folding changes their length in characters (decomposed accents).
#[derive(Debug, Clone, Default)]
pub struct LemmaReach {
    /// The folded targets.
    targets: Vec<String>,
    /// A byte trie over folded stems and exception forms; node `i` has the children
    /// `child_bytes/child_nodes[nodes[i].0..nodes[i].1]` and the ends `ends[nodes[i].2..nodes[i].3]`.
    nodes: Vec<(u32, u32, u32, u32)>,
    child_bytes: Vec<u8>,
    child_nodes: Vec<u32>,
    /// `(characters a rule strips from the form, target, edit)` of a stem, or ([`EXACT`],
    /// target, [`EXACT_EDIT`]) of an exception's whole form.
    ends: Vec<(u16, u32, u32)>,
    /// Per edit (strip, folded append) of some rule: the folded suffixes (of at most
    /// [`MAX_SUFFIX`] characters) that rules making it are keyed on. A form reaches a target
    /// through a stem only if it ends in one of them.
    edit_keys: Vec<Vec<String>>,
}

/// The end mark of an exception's whole form in [`LemmaReach`]'s trie.
const EXACT: u16 = u16::MAX;
/// The edit of an exception's end in [`LemmaReach`]'s trie (it has none).
const EXACT_EDIT: u32 = u32::MAX;

impl LemmaReach {
    /// Calls `found` with each target `folded` (a folded form) may be lemmatized into, other
    /// than itself (possibly more than once).
    pub fn targets(&self, folded: &str, mut found: impl FnMut(&str)) {
        let bytes = folded.as_bytes();
        let mut node = 0usize;
        let mut depth = 0usize;
        while let Some(&(c0, c1, e0, e1)) = self.nodes.get(node) {
            if e1 > e0 {
                self.ends_at(
                    folded,
                    depth,
                    &self.ends[e0 as usize..e1 as usize],
                    &mut found,
                );
            }
            let Some(&b) = bytes.get(depth) else {
                break;
            };
            let (c0, c1) = (c0 as usize, c1 as usize);
            match self.child_bytes[c0..c1].iter().position(|&c| c == b) {
                Some(p) => node = self.child_nodes[c0 + p] as usize,
                None => break,
            }
            depth += 1;
        }
    }

    /// The targets of the trie node reached after `depth` bytes of `folded`.
    fn ends_at(
        &self,
        folded: &str,
        depth: usize,
        ends: &[(u16, u32, u32)],
        found: &mut impl FnMut(&str),
    ) {
        // a node's key is a whole string, so `depth` is a character boundary of `folded`
        let Some(rest) = folded.get(depth..) else {
            return;
        };
        let remaining = rest.chars().count();
        for &(k, t, edit) in ends {
            // cheap checks first: most ends of a short stem are for other lengths
            let fits = if k == EXACT {
                rest.is_empty()
            } else {
                usize::from(k) == remaining
            };
            let Some(t) = self
                .targets
                .get(t as usize)
                .filter(|t| fits && *t != folded)
            else {
                continue;
            };
            if k == EXACT {
                found(t);
                continue;
            }
            // a rule making this edit must be keyed on a suffix of the form
            let keyed = self
                .edit_keys
                .get(edit as usize)
                .is_some_and(|keys| keys.iter().any(|key| folded.ends_with(key.as_str())));
            if keyed {
                found(t);
            }
        }
    }

    /// Builds the trie from `(key, end mark, target, edit)` entries.
    fn build(&mut self, mut entries: Vec<(String, u16, u32, u32)>) {
        entries.sort_unstable();
        entries.dedup();
        // nodes in creation order, children in a map while building
        let mut kids: Vec<std::collections::BTreeMap<u8, u32>> = vec![Default::default()];
        let mut node_ends: Vec<Vec<(u16, u32, u32)>> = vec![Vec::new()];
        for (key, k, t, edit) in &entries {
            let mut node = 0usize;
            for &b in key.as_bytes() {
                let next = kids.len() as u32;
                let child = *kids[node].entry(b).or_insert(next);
                if child == next {
                    kids.push(Default::default());
                    node_ends.push(Vec::new());
                }
                node = child as usize;
            }
            node_ends[node].push((*k, *t, *edit));
        }
        for (children, ends) in kids.iter().zip(&node_ends) {
            let (c0, e0) = (self.child_bytes.len() as u32, self.ends.len() as u32);
            for (&b, &n) in children {
                self.child_bytes.push(b);
                self.child_nodes.push(n);
            }
            self.ends.extend_from_slice(ends);
            self.nodes.push((
                c0,
                self.child_bytes.len() as u32,
                e0,
                self.ends.len() as u32,
            ));
        }
    }
}

/// The learned lemmatizer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lemmatizer {
    exceptions: HashMap<String, String, StrBuild>,
    rules: HashMap<String, Rule, StrBuild>,
    keep_case: HashSet<String, StrBuild>,
}

pub(crate) use sitrep_text::hash::{StrBuild, StrMap};

fn key(upos: &str, s: &str) -> String {
    let mut k = String::with_capacity(upos.len() + 1 + s.len());
    k.push_str(upos);
    k.push('\u{1f}');
    k.push_str(s);
    k
}

/// Exception key part for a tag pair.
fn tag_key(upos: &str, xpos: &str) -> String {
    let mut k = String::with_capacity(upos.len() + 1 + xpos.len());
    k.push_str(upos);
    k.push('/');
    k.push_str(xpos);
    k
}

/// The last `k` characters of `s`.
fn suffix(s: &str, k: usize) -> &str {
    if k == 0 {
        return "";
    }
    match s.char_indices().rev().nth(k - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

impl Lemmatizer {
    /// Learns from `(form, upos, xpos, lemma)` tuples (one per training token; `_` lemmas
    /// are ignored). Exceptions are keyed on form, UPOS and XPOS ("her" PRP -> "she", "her"
    /// PRP$ -> "her"); rules on UPOS.
    pub fn learn<'a>(
        tokens: impl IntoIterator<Item = (&'a str, &'a str, &'a str, &'a str)>,
    ) -> Lemmatizer {
        let mut types: HashMap<(&str, &str, &str), HashMap<&str, u32>> = HashMap::new();
        for (form, upos, xpos, lemma) in tokens {
            if lemma == "_" || lemma.is_empty() || form.is_empty() {
                continue;
            }
            *types
                .entry((form, upos, xpos))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        // Case policy per UPOS, voted by word types (so that "I" does not outvote the rest).
        let mut case_votes: HashMap<&str, (u32, u32)> = HashMap::new();
        for (&(form, upos, _), lemmas) in &types {
            if form.chars().any(char::is_uppercase) {
                let v = case_votes.entry(upos).or_default();
                for lemma in lemmas.keys() {
                    if lemma.chars().any(char::is_uppercase) {
                        v.0 += 1;
                    } else {
                        v.1 += 1;
                    }
                }
            }
        }
        let keep_case: HashSet<String, StrBuild> = case_votes
            .iter()
            .filter(|(_, (keep, lower))| keep > lower)
            .map(|(u, _)| u.to_string())
            .collect();
        let mut lem = Lemmatizer {
            keep_case,
            ..Lemmatizer::default()
        };
        // Majority lemma of each (form, upos), sorted for determinism.
        let mut majority: Vec<(&str, &str, &str, &str)> = types
            .iter()
            .map(|(&(form, upos, xpos), lemmas)| {
                let best = lemmas
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map_or(form, |(l, _)| *l);
                (form, upos, xpos, best)
            })
            .collect();
        majority.sort_unstable();
        // Suffix statistics over types.
        let mut stats: HashMap<String, HashMap<Rule, u32>> = HashMap::new();
        for &(form, upos, _, lemma) in &majority {
            let base = lem.base(form, upos);
            let Some(rule) = Rule::between(&base, lemma) else {
                continue;
            };
            let lower = base.to_lowercase();
            let n = lower.chars().count();
            for k in 0..=n.min(MAX_SUFFIX) {
                *stats
                    .entry(key(upos, suffix(&lower, k)))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
        }
        let mut keys: Vec<&String> = stats.keys().collect();
        keys.sort_by_key(|k| (k.chars().count(), (*k).clone()));
        for k in keys {
            let counts = &stats[k];
            let total: u32 = counts.values().sum();
            let (upos, suf) = k.split_once('\u{1f}').unwrap_or(("", k));
            if total < 2 && !suf.is_empty() {
                continue;
            }
            let Some((rule, _)) = counts.iter().max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(b.0.strip.cmp(&a.0.strip))
                    .then(b.0.append.cmp(&a.0.append))
            }) else {
                continue;
            };
            if !suf.is_empty() {
                let parent = suffix(suf, suf.chars().count() - 1);
                if lem.rule_for(upos, parent) == Some(rule) {
                    continue;
                }
            }
            lem.rules.insert(k.clone(), rule.clone());
        }
        for &(form, upos, xpos, lemma) in &majority {
            if lem.by_rules(form, upos) != lemma {
                lem.exceptions
                    .insert(key(&tag_key(upos, xpos), form), lemma.to_string());
            }
        }
        lem
    }

    /// The rule of the longest known suffix of `lower`.
    fn rule_for(&self, upos: &str, lower: &str) -> Option<&Rule> {
        let n = lower.chars().count();
        // one key buffer: "UPOS\u{1f}" then each suffix in turn
        let mut k = key(upos, "");
        let at = k.len();
        for j in (0..=n.min(MAX_SUFFIX)).rev() {
            k.truncate(at);
            k.push_str(suffix(lower, j));
            if let Some(r) = self.rules.get(k.as_str()) {
                return Some(r);
            }
        }
        None
    }

    fn base(&self, form: &str, upos: &str) -> String {
        if self.keep_case.contains(upos) {
            form.to_string()
        } else {
            form.to_lowercase()
        }
    }

    fn by_rules(&self, form: &str, upos: &str) -> String {
        let base = self.base(form, upos);
        let lower = base.to_lowercase();
        let n = lower.chars().count();
        let Some(rule) = self.rule_for(upos, &lower) else {
            return base;
        };
        // a rule learned on a shorter suffix that rewrites the whole word into a capitalized
        // one only says that the lemma is capitalized ("japanese" -> "Japanese" must not turn
        // "Sudanese" into "Japanese"); suppletive ones ("better" -> "good") stay
        let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        let capitalized = || {
            let mut cs = lower.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect())
                .unwrap_or_else(|| base.clone())
        };
        if !capital(&rule.append) || self.rules.contains_key(&key(upos, &lower)) {
            return rule.apply(&base).unwrap_or(base);
        }
        // ... and one that would put a capital right after a letter ("romanian" ->
        // "rIranian") is a rewrite of another word: the word stays as it is
        let kept = lower
            .chars()
            .take(n.saturating_sub(rule.strip as usize))
            .last();
        if kept.is_some_and(char::is_alphabetic) {
            return if capital(form) { capitalized() } else { base };
        }
        if rule.strip as usize >= n && n >= 6 {
            return capitalized();
        }
        rule.apply(&base).unwrap_or(base)
    }

    /// The lemma of `form` tagged `upos` and `xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let mut k = key(&tag_key(upos, xpos), form);
        if let Some(l) = self.exceptions.get(k.as_str()) {
            return l.clone();
        }
        if form.chars().any(char::is_uppercase) {
            k.truncate(k.len() - form.len());
            k.push_str(&form.to_lowercase());
            if let Some(l) = self.exceptions.get(k.as_str()) {
                return l.clone();
            }
        }
        self.by_rules(form, upos)
    }

    /// The words of `targets` (folded, as [`sitrep_text::fold`] makes them) that forms may
    /// be lemmatized into, indexed so that a form's candidates are found without tagging it.
    pub fn reach<'a>(&self, targets: impl IntoIterator<Item = &'a str>) -> LemmaReach {
        let mut reach = LemmaReach::default();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        for t in targets {
            let next = ids.len() as u32;
            if *ids.entry(t).or_insert(next) == next {
                reach.targets.push(t.to_string());
            }
        }
        let mut entries: Vec<(String, u16, u32, u32)> = Vec::new();
        for (k, lemma) in &self.exceptions {
            let form = k.rsplit_once('\u{1f}').map_or(k.as_str(), |(_, f)| f);
            let (form, lemma) = (fold(form), fold(lemma));
            if let (true, Some(&t)) = (lemma != form, ids.get(lemma.as_str())) {
                entries.push((form, EXACT, t, EXACT_EDIT));
            }
        }
        // every edit a rule makes, by what it appends: a target ending in that is reached
        // from its stem plus any `strip` characters, where a rule with that edit is keyed on
        // a suffix of the form
        // (what appends -> strip -> edit id)
        let mut by_append: HashMap<String, HashMap<u8, u32>> = HashMap::new();
        for (k, r) in &self.rules {
            let suffix = fold(k.split_once('\u{1f}').map_or("", |(_, s)| s));
            let next = reach.edit_keys.len() as u32;
            let edits = by_append.entry(fold(&r.append)).or_default();
            let edit = *edits.entry(r.strip).or_insert(next);
            if edit == next {
                reach.edit_keys.push(Vec::new());
            }
            // longer keys never match: a form's suffixes are looked up to MAX_SUFFIX
            let keys = &mut reach.edit_keys[edit as usize];
            if suffix.chars().count() <= MAX_SUFFIX && !keys.contains(&suffix) {
                keys.push(suffix);
            }
        }
        for (&w, &t) in &ids {
            for (a, edits) in &by_append {
                if let Some(stem) = w.strip_suffix(a.as_str()) {
                    entries.extend(
                        edits
                            .iter()
                            .map(|(&k, &edit)| (stem.to_string(), u16::from(k), t, edit)),
                    );
                }
            }
        }
        reach.build(entries);
        reach
    }

    /// Number of exceptions and rules.
    pub fn sizes(&self) -> (usize, usize) {
        (self.exceptions.len(), self.rules.len())
    }

    pub(crate) fn write(&self) -> Buf {
        let mut b = Buf::default();
        let mut kc: Vec<&String> = self.keep_case.iter().collect();
        kc.sort();
        b.u32(kc.len() as u32);
        for u in kc {
            b.str(u);
        }
        let mut ex: Vec<(&String, &String)> = self.exceptions.iter().collect();
        ex.sort();
        b.u32(ex.len() as u32);
        for (k, v) in ex {
            b.str(k);
            b.str(v);
        }
        let mut rules: Vec<(&String, &Rule)> = self.rules.iter().collect();
        rules.sort_by(|a, b| a.0.cmp(b.0));
        b.u32(rules.len() as u32);
        for (k, r) in rules {
            b.str(k);
            b.u8(r.strip);
            b.str(&r.append);
        }
        b
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, SyntaxError> {
        let mut lem = Lemmatizer::default();
        for _ in 0..r.count(4)? {
            lem.keep_case.insert(r.str()?.to_string());
        }
        let n = r.count(8)?;
        lem.exceptions.reserve(n);
        for _ in 0..n {
            let k = r.str()?.to_string();
            lem.exceptions.insert(k, r.str()?.to_string());
        }
        let n = r.count(9)?;
        lem.rules.reserve(n);
        for _ in 0..n {
            let k = r.str()?.to_string();
            let strip = r.u8()?;
            let append = r.str()?.to_string();
            lem.rules.insert(k, Rule { strip, append });
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Lemmatizer {
        let data = [
            ("walked", "VERB", "VBD", "walk"),
            ("talked", "VERB", "VBD", "talk"),
            ("jumped", "VERB", "VBD", "jump"),
            ("went", "VERB", "VBD", "go"),
            ("dogs", "NOUN", "NNS", "dog"),
            ("cats", "NOUN", "NNS", "cat"),
            ("cities", "NOUN", "NNS", "city"),
            ("parties", "NOUN", "NNS", "party"),
            ("The", "DET", "DT", "the"),
            ("the", "DET", "DT", "the"),
            ("Hamas", "PROPN", "NNP", "Hamas"),
            ("Iraq", "PROPN", "NNP", "Iraq"),
            ("I", "PRON", "PRP", "I"),
            ("It", "PRON", "PRP", "it"),
            ("Nobody", "PRON", "NN", "nobody"),
            ("her", "PRON", "PRP", "she"),
            ("her", "PRON", "PRP$", "her"),
        ];
        Lemmatizer::learn(data.iter().copied())
    }

    #[test]
    fn suffix_rules_generalize() {
        let l = toy();
        assert_eq!(l.lemma("launched", "VERB", "VBD"), "launch");
        assert_eq!(l.lemma("Launched", "VERB", "VBN"), "launch");
        assert_eq!(l.lemma("militias", "NOUN", "NNS"), "militia");
        assert_eq!(l.lemma("armies", "NOUN", "NNS"), "army");
        assert_eq!(l.lemma("Hezbollah", "PROPN", "NNP"), "Hezbollah");
        assert_eq!(l.lemma("THE", "DET", "DT"), "the");
    }

    fn reached(r: &LemmaReach, form: &str) -> Vec<String> {
        let mut out = Vec::new();
        r.targets(&fold(form), |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn reach_finds_every_lemma_a_tag_could_give() {
        let l = toy();
        let targets = ["walk", "go", "city", "launch", "militia", "she", "dog"];
        let r = l.reach(targets.iter().copied());
        let tags = [
            ("VERB", "VBD"),
            ("VERB", "VBN"),
            ("NOUN", "NNS"),
            ("NOUN", "NN"),
            ("PRON", "PRP"),
            ("PROPN", "NNP"),
            ("DET", "DT"),
        ];
        let forms = [
            "walked", "Walked", "went", "cities", "launched", "militias", "her", "dogs", "dog",
            "walk", "gone", "Hamas", "talked",
        ];
        for form in forms {
            let got = reached(&r, form);
            for (u, x) in tags {
                let lemma = fold(&l.lemma(form, u, x));
                if lemma != fold(form) && targets.contains(&lemma.as_str()) {
                    assert!(got.contains(&lemma), "{form} {u} {x} -> {lemma}: {got:?}");
                }
            }
        }
        // and no more than the rules keyed on the form's suffixes can make
        assert!(
            reached(&r, "talked").is_empty(),
            "{:?}",
            reached(&r, "talked")
        );
        assert!(reached(&r, "walk").is_empty());
        assert!(reached(&r, "government").iter().all(|t| t != "go"));
    }

    #[test]
    fn exceptions_win() {
        let l = toy();
        assert_eq!(l.lemma("went", "VERB", "VBD"), "go");
        assert_eq!(l.lemma("I", "PRON", "PRP"), "I");
        assert_eq!(l.lemma("her", "PRON", "PRP"), "she");
        assert_eq!(l.lemma("her", "PRON", "PRP$"), "her");
        assert_eq!(l.lemma("They", "PRON", "PRP"), "they");
        assert!(l.sizes().0 >= 1);
    }

    #[test]
    fn rules_are_safe_on_short_and_odd_input() {
        let l = toy();
        assert_eq!(l.lemma("s", "NOUN", "NN"), "s");
        assert!(!l.lemma("ée", "NOUN", "NN").is_empty());
        assert_eq!(l.lemma("x", "UNKNOWNTAG", "_"), "x");
        let r = Rule {
            strip: 5,
            append: String::new(),
        };
        assert_eq!(r.apply("abc"), None);
    }

    #[test]
    fn a_suffix_rule_never_replaces_a_whole_unseen_word() {
        let mut l = Lemmatizer::default();
        // what a case-sensitive edit from "japanese" to "Japanese" learns on suffix "anese"
        l.rules.insert(
            key("ADJ", "anese"),
            Rule {
                strip: 8,
                append: "Japanese".into(),
            },
        );
        assert_eq!(l.lemma("Sudanese", "ADJ", "JJ"), "Sudanese");
        // a rule keyed on the whole word is that word's own
        l.rules.insert(
            key("VERB", "went"),
            Rule {
                strip: 4,
                append: "go".into(),
            },
        );
        assert_eq!(l.lemma("went", "VERB", "VBD"), "go");
    }

    #[test]
    fn a_suffix_rule_never_puts_a_capital_inside_a_word() {
        let mut l = Lemmatizer::default();
        // what an edit from "omanian" to "Iranian" learns on suffix "manian"
        l.rules.insert(
            key("ADJ", "manian"),
            Rule {
                strip: 7,
                append: "Iranian".into(),
            },
        );
        assert_eq!(l.lemma("Romanian", "ADJ", "JJ"), "Romanian");
        assert_eq!(l.lemma("romanian", "ADJ", "JJ"), "romanian");
        // after a hyphen a capital is the word's own: "anti-American"
        l.rules.insert(
            key("ADJ", "merican"),
            Rule {
                strip: 8,
                append: "American".into(),
            },
        );
        assert_eq!(l.lemma("anti-American", "ADJ", "JJ"), "anti-American");
    }

    #[test]
    fn serializes() {
        let l = toy();
        let b = l.write();
        let p = std::path::Path::new("t");
        let mut r = Reader::new(&b.0, p);
        assert_eq!(Lemmatizer::read(&mut r).unwrap(), l);
    }
}
