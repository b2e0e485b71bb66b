//! The dictionary compiled for matching: every surface form as a sequence of unit keys,
//! found with one Aho-Corasick automaton over unit-id sequences.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use sitrep_doc::ActorKind;
use sitrep_lexicon::Lexicon;
use sitrep_text::fold;

use crate::units::{form_keys, CaseReq, Unit};

/// What a matched surface form stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A named actor (index into `Lexicon::actors`).
    Actor(usize),
    /// An adjective of an actor ("Iraqi", "Shi'ite").
    Adjective(usize),
    /// The plural demonym of a country ("Iraqis", "Palestinians"): its people.
    Demonym(usize),
    /// The capital of a country (index of the country actor).
    Capital(usize),
    /// A place (index into `Lexicon::places`).
    Place(usize),
    /// An agent noun (index into `Lexicon::agents`), singular or plural.
    Agent {
        /// Agent index.
        agent: usize,
        /// True for a plural form.
        plural: bool,
    },
}

impl Target {
    fn rank(self) -> u8 {
        match self {
            Target::Actor(_) => 0,
            Target::Capital(_) => 1,
            Target::Place(_) => 2,
            Target::Adjective(_) => 3,
            Target::Demonym(_) => 4,
            Target::Agent { .. } => 5,
        }
    }
}

/// A dictionary match over units `[start, end)` of a sentence with the targets whose case
/// requirements the text meets, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// First unit.
    pub start: usize,
    /// One past the last unit.
    pub end: usize,
    /// Targets, best first (never empty).
    pub targets: Vec<Target>,
}

struct Pattern {
    len: usize,
    targets: Vec<(Target, Vec<CaseReq>)>,
}

/// The compiled dictionary.
pub(crate) struct Matcher {
    vocab: sitrep_text::hash::StrMap<u32>,
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

const UNKNOWN: u32 = u32::MAX;

impl Matcher {
    pub(crate) fn new(lex: &Lexicon) -> Matcher {
        let mut b = Builder::default();
        let capitals: HashMap<String, usize> = lex
            .actors()
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::Country)
            .filter_map(|(i, a)| a.capital.as_ref().map(|c| (fold(c), i)))
            .collect();
        for (i, a) in lex.actors().iter().enumerate() {
            for n in std::iter::once(&a.name).chain(&a.names) {
                b.add(n, Target::Actor(i));
            }
            for adj in &a.adjectives {
                b.add(adj, Target::Adjective(i));
                if a.kind == ActorKind::Country {
                    if let Some(plural) = plural_demonym(adj) {
                        b.add(&plural, Target::Demonym(i));
                    }
                }
            }
            if let Some(c) = &a.capital {
                b.add(c, Target::Capital(i));
            }
        }
        for (i, p) in lex.places().iter().enumerate() {
            let capital = capitals.get(&fold(&p.name)).copied();
            for n in std::iter::once(&p.name).chain(&p.names) {
                b.add(n, Target::Place(i));
                if let Some(c) = capital {
                    b.add(n, Target::Capital(c));
                }
            }
        }
        for (i, g) in lex.agents().iter().enumerate() {
            for n in &g.names {
                b.add(
                    n,
                    Target::Agent {
                        agent: i,
                        plural: false,
                    },
                );
            }
            for n in &g.plurals {
                b.add(
                    n,
                    Target::Agent {
                        agent: i,
                        plural: true,
                    },
                );
            }
        }
        let seqs: Vec<Vec<u8>> = b
            .seqs
            .iter()
            .map(|s| s.iter().flat_map(|id| id.to_be_bytes()).collect())
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&seqs)
            .ok();
        Matcher {
            vocab: b.vocab,
            ac,
            patterns: b.patterns,
        }
    }

    /// Longest dictionary matches over a sentence's units, left to right, not overlapping.
    pub(crate) fn chunks(&self, units: &[Unit]) -> Vec<Chunk> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let bytes: Vec<u8> = units
            .iter()
            .flat_map(|u| {
                self.vocab
                    .get(&u.key)
                    .copied()
                    .unwrap_or(UNKNOWN)
                    .to_be_bytes()
            })
            .collect();
        // For each start unit: the longest pattern whose case requirements hold.
        let mut best: Vec<Option<(usize, Vec<Target>)>> = vec![None; units.len()];
        for m in ac.find_overlapping_iter(&bytes[..]) {
            if m.start() % 4 != 0 {
                continue;
            }
            let start = m.start() / 4;
            let Some(p) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            let Some(span_units) = units.get(start..start + p.len) else {
                continue;
            };
            let mut ok: Vec<Target> = p
                .targets
                .iter()
                .filter(|(_, reqs)| reqs.iter().zip(span_units).all(|(r, u)| r.accepts(u)))
                .map(|(t, _)| *t)
                .collect();
            if ok.is_empty() {
                continue;
            }
            ok.sort_by_key(|t| t.rank());
            ok.dedup();
            if !matches!(&best[start], Some((l, _)) if *l >= p.len) {
                best[start] = Some((p.len, ok));
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < units.len() {
            match best[i].take() {
                Some((len, targets)) => {
                    out.push(Chunk {
                        start: i,
                        end: i + len,
                        targets,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[derive(Default)]
struct Builder {
    vocab: sitrep_text::hash::StrMap<u32>,
    index: HashMap<Vec<u32>, usize>,
    seqs: Vec<Vec<u32>>,
    patterns: Vec<Pattern>,
}

impl Builder {
    fn add(&mut self, form: &str, target: Target) {
        let keys = form_keys(form);
        if keys.is_empty() {
            return;
        }
        let mut ids = Vec::with_capacity(keys.len());
        let mut reqs = Vec::with_capacity(keys.len());
        for (k, r) in keys {
            let n = self.vocab.len() as u32;
            ids.push(*self.vocab.entry(k).or_insert(n));
            reqs.push(r);
        }
        let len = ids.len();
        let idx = match self.index.get(&ids) {
            Some(&i) => i,
            None => {
                self.index.insert(ids.clone(), self.patterns.len());
                self.seqs.push(ids);
                self.patterns.push(Pattern {
                    len,
                    targets: Vec::new(),
                });
                self.patterns.len() - 1
            }
        };
        let p = &mut self.patterns[idx];
        if !p.targets.iter().any(|(t, r)| *t == target && *r == reqs) {
            p.targets.push((target, reqs));
        }
    }
}

/// The plural of a demonym that takes a regular "-s" ("Iraqi" -> "Iraqis", "Afghan" ->
/// "Afghans", "Turk" -> "Turks", "Pole" -> "Poles"); `None` for adjectives that are no nouns
/// ("Chinese", "British", "French", "Swiss", "Turkish") and for "Philippine", whose plural is
/// the country's name.
fn plural_demonym(adj: &str) -> Option<String> {
    let single_word = !adj.contains(' ');
    let ends = |xs: &[&str]| xs.iter().any(|x| adj.ends_with(x));
    let regular = ends(&["an", "i", "ot", "ec"])
        || !ends(&["ese", "ine"]) && ends(&["k", "b", "at", "e", "nn", "on", "rd", "er", "ino"]);
    (single_word && regular).then(|| format!("{adj}s"))
}
