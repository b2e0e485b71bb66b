//! A labeled transition-based dependency parser: the arc-hybrid system with the root token at
//! the end of the buffer, greedy decoding with averaged perceptrons over hashed feature
//! templates in the style of Zhang & Nivre (2011), trained with the dynamic oracle of Goldberg
//! & Nivre (2013) and error exploration.
//!
//! Each step first picks the transition with a three-class perceptron (SHIFT; LEFT-ARC: the
//! front of the buffer becomes the head of the stack top; RIGHT-ARC: the second stack item
//! becomes the head of the stack top), then, for arcs only, the relation with a second
//! perceptron whose features are keyed by the arc direction. Every sentence of `n` words takes
//! exactly `2n` transitions, so parsing is linear; a LEFT-ARC from the root is only legal when
//! the stack holds a single word, so the output always is a tree with exactly one root.
//!
//! Input tags are UPOS, optionally with XPOS (Penn tags, [`Parser::parse_tagged`]); verbs and
//! auxiliaries get a finer UPOS value from their last two letters. The model is trained with
//! XPOS hidden on part of the sentences, so [`Parser::parse`] (UPOS only) still works well.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

use crate::binfmt::{self, Buf, Reader};
use crate::conllu::ConlluSentence;
use crate::perceptron::{TrainWeights, XorShift};
use crate::table::{ParserTable, Scratch};
use crate::tagger::{normalize_form, IdBuild, Tagger, Weights};
use crate::SyntaxError;

/// "No such position".
const NONE: u32 = u32::MAX;
/// Values standing for absent words, tags and labels, and for the root token.
const NULL_W: u64 = 0x6e75_6c6c_5f77_6f72;
const NULL_P: u64 = 0x6e75_6c6c_5f74_6167;
const ROOT_W: u64 = 0x726f_6f74_5f77_6f72;
const ROOT_P: u64 = 0x726f_6f74_5f74_6167;
const NULL_L: u64 = 0xffff;
/// XPOS value of a word whose XPOS is unknown (not given, or `_`).
const NO_X: u64 = 0x006e_6f5f_7870_6f73;
/// Transitions.
const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
/// Classes of the stored model: the three transitions, then the labels of LEFT-ARCs, then
/// those of RIGHT-ARCs (`3 + (t - 1) * labels + l`).
const NT: usize = 3;
const _: () = assert!(NT == crate::table::NT);
/// Most relations a model may have (classes are stored in 8 bits).
const MAX_LABELS: usize = 126;

/// FNV-1a of a string.
fn str_hash(s: &str) -> u64 {
    binfmt::fnv64(s.as_bytes())
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31)
}

/// splitmix64 finalizer.
#[inline]
fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The in-memory key of a 32-bit feature key (stored as its low half): the table's hasher is
/// the identity, and the hash table takes its control bits from the top of the hash, so those
/// must vary too.
#[inline]
fn spread(k: u32) -> u64 {
    (u64::from(k) << 32) | u64::from(k)
}

/// The word and tag values of a sentence, with the root token appended at index `n`.
#[derive(Clone)]
struct Input {
    w: Vec<u64>,
    p: Vec<u64>,
    x: Vec<u64>,
    /// Last three letters of the lowercased word.
    suf: Vec<u64>,
}

impl Input {
    fn new(words: &[&str], upos: &[&str], xpos: Option<&[&str]>) -> Input {
        let n = words.len();
        let mut w = Vec::with_capacity(n + 1);
        let mut p = Vec::with_capacity(n + 1);
        let mut x = Vec::with_capacity(n + 1);
        let mut suf = Vec::with_capacity(n + 1);
        for (i, word) in words.iter().enumerate() {
            let lower = normalize_form(word).to_lowercase();
            let start = lower.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
            suf.push(mix(NULL_W, str_hash(&lower[start..])));
            let tag = upos.get(i).copied().unwrap_or("X");
            w.push(str_hash(&lower));
            p.push(tag_value(tag, &lower));
            x.push(match xpos.and_then(|xs| xs.get(i)) {
                Some(&t) if !t.is_empty() && t != "_" => mix(NO_X, str_hash(t)),
                _ => NO_X,
            });
        }
        w.push(ROOT_W);
        p.push(ROOT_P);
        x.push(ROOT_P);
        suf.push(ROOT_W);
        Input { w, p, x, suf }
    }

    /// The same sentence with XPOS hidden.
    fn without_xpos(&self) -> Input {
        let mut x = vec![NO_X; self.x.len()];
        if let (Some(last), Some(&r)) = (x.last_mut(), self.x.last()) {
            *last = r;
        }
        Input {
            w: self.w.clone(),
            p: self.p.clone(),
            x,
            suf: self.suf.clone(),
        }
    }
}

/// The tag value of a word: its UPOS, refined by the last two letters for verbs and
/// auxiliaries.
fn tag_value(upos: &str, lower: &str) -> u64 {
    let t = str_hash(upos);
    if matches!(upos, "VERB" | "AUX") {
        let start = lower.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
        mix(t, str_hash(&lower[start..]))
    } else {
        t
    }
}

/// A parser configuration.
struct State {
    n: u32,
    stack: Vec<u32>,
    /// Front of the buffer; `n` is the root token.
    b: u32,
    head: Vec<u32>,
    label: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u16>,
    nr: Vec<u16>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 1;
        State {
            n: n as u32,
            stack: Vec::with_capacity(n.min(4096)),
            b: 0,
            head: vec![NONE; m],
            label: vec![0; m],
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    /// Whether transition `t` is legal.
    fn legal(&self, t: usize) -> bool {
        match t {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// Whether label `l` may go with legal arc transition `t` (`root` is the root label).
    fn legal_label(&self, t: usize, l: usize, root: usize) -> bool {
        if t == LEFT && self.b == self.n {
            l == root
        } else {
            l != root
        }
    }

    fn attach(&mut self, h: u32, d: u32, l: u16, left: bool) {
        let (hi, di) = (h as usize, d as usize);
        self.head[di] = h;
        self.label[di] = l;
        if left {
            self.lc2[hi] = self.lc1[hi];
            self.lc1[hi] = d;
            self.nl[hi] = self.nl[hi].saturating_add(1);
            self.lset[hi] |= 1 << (l % 64);
        } else {
            self.rc2[hi] = self.rc1[hi];
            self.rc1[hi] = d;
            self.nr[hi] = self.nr[hi].saturating_add(1);
            self.rset[hi] |= 1 << (l % 64);
        }
    }

    /// Applies a legal transition; `l` is the label of an arc.
    fn apply(&mut self, t: usize, l: u16) {
        if t == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let Some(s0) = self.stack.pop() else { return };
        if t == LEFT {
            self.attach(self.b, s0, l, true);
        } else if let Some(&s1) = self.stack.last() {
            self.attach(s1, s0, l, false);
        }
    }

    /// Hashed features of the configuration.
    fn features(&self, inp: &Input, out: &mut Vec<u64>) {
        out.clear();
        let w = |i: u32| {
            if i == NONE {
                NULL_W
            } else {
                inp.w[i as usize]
            }
        };
        let p = |i: u32| {
            if i == NONE {
                NULL_P
            } else {
                inp.p[i as usize]
            }
        };
        let get = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
        let lab = |i: u32| {
            if i == NONE {
                NULL_L
            } else {
                u64::from(self.label[i as usize])
            }
        };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let b0 = self.b;
        let b1 = if b0 < self.n { b0 + 1 } else { NONE };
        let b2 = if b0 + 1 < self.n { b0 + 2 } else { NONE };
        let (s0w, s0p, s1w, s1p, s2w, s2p) = (w(s0), p(s0), w(s1), p(s1), w(s2), p(s2));
        let (b0w, b0p, b1w, b1p, b2w, b2p) = (w(b0), p(b0), w(b1), p(b1), w(b2), p(b2));
        let (s0l1, s0l2, s0r1, s0r2) = (
            get(&self.lc1, s0),
            get(&self.lc2, s0),
            get(&self.rc1, s0),
            get(&self.rc2, s0),
        );
        let (b0l1, b0l2) = (get(&self.lc1, b0), get(&self.lc2, b0));
        let (s1l1, s1r1) = (get(&self.lc1, s1), get(&self.rc1, s1));
        let bucket = |d: u32| -> u64 {
            match d {
                0..=4 => u64::from(d),
                5..=6 => 5,
                7..=10 => 6,
                _ => 7,
            }
        };
        let dist = if s0 == NONE {
            8
        } else if b0 == self.n {
            9
        } else {
            bucket(b0 - s0)
        };
        let dist2 = if s1 == NONE { 8 } else { bucket(s0 - s1) };
        let val = |v: &Vec<u16>, i: u32| {
            if i == NONE {
                99
            } else {
                u64::from(v[i as usize])
            }
        };
        let set = |v: &Vec<u64>, i: u32| if i == NONE { 1 << 63 } else { v[i as usize] };
        let mut k = 0u64;
        let mut f = |xs: &[u64]| {
            k += 1;
            let mut h = finish(k);
            for &x in xs {
                h = mix(h, x);
            }
            // 32-bit feature keys keep the model file compact.
            out.push(spread(finish(h) as u32));
        };
        f(&[]);
        // Unigrams.
        f(&[s0w]);
        f(&[s0p]);
        f(&[s0w, s0p]);
        f(&[s1w]);
        f(&[s1p]);
        f(&[s1w, s1p]);
        f(&[s2w]);
        f(&[s2p]);
        f(&[b0w]);
        f(&[b0p]);
        f(&[b0w, b0p]);
        f(&[b1w]);
        f(&[b1p]);
        f(&[b1w, b1p]);
        f(&[b2w]);
        f(&[b2p]);
        // Pairs.
        f(&[s0w, s0p, b0w, b0p]);
        f(&[s0w, s0p, b0w]);
        f(&[s0w, b0w, b0p]);
        f(&[s0w, s0p, b0p]);
        f(&[s0p, b0w, b0p]);
        f(&[s0w, b0w]);
        f(&[s0p, b0p]);
        f(&[b0p, b1p]);
        f(&[s1w, s1p, s0w, s0p]);
        f(&[s1w, s0w]);
        f(&[s1p, s0p]);
        f(&[s1w, s1p, s0p]);
        f(&[s1p, s0w, s0p]);
        f(&[s1w, s0p]);
        f(&[s1p, s0w]);
        // Triples of tags.
        f(&[b0p, b1p, b2p]);
        f(&[s0p, b0p, b1p]);
        f(&[s1p, s0p, b0p]);
        f(&[s0p, p(s0l1), b0p]);
        f(&[s0p, p(s0r1), b0p]);
        f(&[s0p, b0p, p(b0l1)]);
        f(&[s1p, s0p, p(s0l1)]);
        f(&[s1p, s0p, p(s0r1)]);
        f(&[s1p, p(s1r1), s0p]);
        f(&[s1p, p(s1l1), s0p]);
        f(&[s2p, s1p, s0p]);
        f(&[s0w, b0p, b1p]);
        f(&[s0p, b0w, b1p]);
        f(&[s1p, s0w, b0p]);
        f(&[s1p, s0p, b0w]);
        // Distance.
        f(&[s0w, dist]);
        f(&[s0p, dist]);
        f(&[b0w, dist]);
        f(&[b0p, dist]);
        f(&[s0w, b0w, dist]);
        f(&[s0p, b0p, dist]);
        f(&[s1p, s0p, dist2]);
        f(&[s1w, s0w, dist2]);
        f(&[s1p, s0w, dist2]);
        // Valency.
        let (s0vl, s0vr, b0vl) = (val(&self.nl, s0), val(&self.nr, s0), val(&self.nl, b0));
        let (s1vl, s1vr) = (val(&self.nl, s1), val(&self.nr, s1));
        f(&[s0w, s0vl]);
        f(&[s0p, s0vl]);
        f(&[s0w, s0vr]);
        f(&[s0p, s0vr]);
        f(&[b0w, b0vl]);
        f(&[b0p, b0vl]);
        f(&[s1p, s1vl]);
        f(&[s1p, s1vr]);
        // Children.
        for c in [s0l1, s0r1, s0l2, s0r2, b0l1, b0l2, s1l1, s1r1] {
            f(&[w(c)]);
            f(&[p(c)]);
            f(&[lab(c)]);
        }
        f(&[s0p, lab(s0l1), lab(s0l2)]);
        f(&[s0p, lab(s0r1), lab(s0r2)]);
        f(&[b0p, lab(b0l1), lab(b0l2)]);
        f(&[s0p, p(s0l1), p(s0l2)]);
        f(&[s0p, p(s0r1), p(s0r2)]);
        f(&[b0p, p(b0l1), p(b0l2)]);
        f(&[s1p, lab(s1r1), s0p]);
        f(&[s0w, lab(s0l1), b0p]);
        // Label sets.
        let (s0ls, s0rs, b0ls, s1rs) = (
            set(&self.lset, s0),
            set(&self.rset, s0),
            set(&self.lset, b0),
            set(&self.rset, s1),
        );
        f(&[s0w, s0ls]);
        f(&[s0p, s0ls]);
        f(&[s0w, s0rs]);
        f(&[s0p, s0rs]);
        f(&[b0w, b0ls]);
        f(&[b0p, b0ls]);
        f(&[s1p, s1rs]);
        // XPOS (Penn tags), when given.
        let x = |i: u32| {
            if i == NONE {
                NULL_P
            } else {
                inp.x[i as usize]
            }
        };
        let (s0x, s1x, b0x, b1x) = (x(s0), x(s1), x(b0), x(b1));
        f(&[s0x]);
        f(&[s1x]);
        f(&[b0x]);
        f(&[b1x]);
        f(&[s0w, s0x]);
        f(&[b0w, b0x]);
        f(&[s0x, b0x]);
        f(&[s1x, s0x]);
        f(&[s0x, b0x, b1x]);
        f(&[s1x, s0x, b0x]);
        f(&[x(s2), s1x, s0x]);
        f(&[s0x, x(s0l1), x(s0r1)]);
        f(&[s0x, b0x, dist]);
        f(&[s1x, s0x, dist2]);
        // Suffixes (unknown and rare words).
        let sf = |i: u32| {
            if i == NONE {
                NULL_W
            } else {
                inp.suf[i as usize]
            }
        };
        let (s0f, b0f) = (sf(s0), sf(b0));
        f(&[s0f]);
        f(&[b0f]);
        f(&[sf(s1)]);
        f(&[s0f, b0f]);
        f(&[s0f, b0p]);
        f(&[s0p, b0f]);
        // Stack depth, for choosing the root among what is left.
        let depth = (self.stack.len() as u64).min(5);
        f(&[s0p, b0p, depth]);
        f(&[s1p, s0p, b0p, depth]);
    }
}

/// The best legal transition and label under the factored score `transition + label`, among
/// transitions accepted by `ok`; `fixed` may pin a transition's label (the gold one in
/// training). `lscores` holds the LEFT labels, then the RIGHT ones.
fn best_joint(
    tscores: &[f32; NT],
    lscores: &[f32],
    st: &State,
    root: usize,
    ok: &dyn Fn(usize) -> bool,
    fixed: &dyn Fn(usize) -> Option<usize>,
) -> (usize, usize) {
    let nl = lscores.len() / 2;
    let mut best: Option<(f32, usize, usize)> = None;
    for t in 0..NT {
        if !st.legal(t) || !ok(t) {
            continue;
        }
        let (score, l) = if t == SHIFT {
            (tscores[t], 0)
        } else {
            let ls = &lscores[(t - 1) * nl..t * nl];
            let l = fixed(t).unwrap_or_else(|| best_label(ls, st, t, root));
            (tscores[t] + ls.get(l).copied().unwrap_or(0.0), l)
        };
        if best.is_none_or(|(b, _, _)| score > b) {
            best = Some((score, t, l));
        }
    }
    best.map_or((SHIFT, 0), |(_, t, l)| (t, l))
}

/// The best legal transition accepted by `ok` by its own score, then for an arc the best legal
/// label of its direction (or the one `fixed` pins). `lscores` as in [`best_joint`]; only the
/// chosen direction's half is read.
fn best_first(
    tscores: &[f32; NT],
    lscores: &[f32],
    st: &State,
    root: usize,
    ok: &dyn Fn(usize) -> bool,
    fixed: &dyn Fn(usize) -> Option<usize>,
) -> (usize, usize) {
    let nl = lscores.len() / 2;
    match best_transition(tscores, st, ok) {
        SHIFT => (SHIFT, 0),
        t => {
            let ls = &lscores[(t - 1) * nl..t * nl];
            (t, fixed(t).unwrap_or_else(|| best_label(ls, st, t, root)))
        }
    }
}

/// The best-scoring legal transition accepted by `ok` (SHIFT when there is none).
fn best_transition(tscores: &[f32; NT], st: &State, ok: &dyn Fn(usize) -> bool) -> usize {
    let mut best: Option<(f32, usize)> = None;
    for (t, &score) in tscores.iter().enumerate() {
        if st.legal(t) && ok(t) && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, t));
        }
    }
    best.map_or(SHIFT, |(_, t)| t)
}

/// Index of the best-scoring label legal with arc transition `t`.
fn best_label(scores: &[f32], st: &State, t: usize, root: usize) -> usize {
    let mut best = usize::MAX;
    for (l, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > scores[best]) && st.legal_label(t, l, root) {
            best = l;
        }
    }
    if best == usize::MAX {
        root
    } else {
        best
    }
}

/// The transition, when only one is legal, so scoring it can be skipped.
fn forced(st: &State) -> Option<usize> {
    if st.stack.is_empty() {
        Some(SHIFT)
    } else if st.b == st.n {
        Some(if st.stack.len() == 1 { LEFT } else { RIGHT })
    } else {
        None
    }
}

/// Adds up a parser step's weights in two steps, so that decoding can ask only for the
/// relation scores it needs.
trait StepScorer {
    /// Adds the transition and the label weights of `feats` to `tscores` and
    /// `lscores[class - NT]` (in one pass: [`Decoding::Joint`] needs them all).
    fn all(&mut self, feats: &[u64], tscores: &mut [f32; NT], lscores: &mut [f32]) {
        self.transitions(feats, tscores);
        self.labels(feats, 0..lscores.len(), lscores);
    }
    /// Adds the transition weights of `feats` to `tscores`.
    fn transitions(&mut self, feats: &[u64], tscores: &mut [f32; NT]);
    /// Adds the label weights of `feats` (the features of the last
    /// [`StepScorer::transitions`] call) to `lscores[class - NT]` for the label classes
    /// `class - NT` in `range`.
    fn labels(&mut self, feats: &[u64], range: Range<usize>, lscores: &mut [f32]);
}

/// Scores with the fast table.
struct TableScorer<'a> {
    table: &'a ParserTable,
    scratch: Scratch,
}

impl StepScorer for TableScorer<'_> {
    #[inline]
    fn all(&mut self, feats: &[u64], tscores: &mut [f32; NT], lscores: &mut [f32]) {
        self.table.score(feats, &mut self.scratch, tscores, lscores);
    }
    #[inline]
    fn transitions(&mut self, feats: &[u64], tscores: &mut [f32; NT]) {
        self.table
            .score_transitions(feats, &mut self.scratch, tscores);
    }
    #[inline]
    fn labels(&mut self, _feats: &[u64], range: Range<usize>, lscores: &mut [f32]) {
        self.table.score_labels(&self.scratch, range, lscores);
    }
}

/// Scores with the merged weights themselves (a parser whose weights are not quantized).
struct WeightsScorer<'a>(&'a Weights);

impl StepScorer for WeightsScorer<'_> {
    fn transitions(&mut self, feats: &[u64], tscores: &mut [f32; NT]) {
        // Each row starts with its transitions.
        for f in feats {
            if let Some((classes, values)) = self.0.row(f) {
                for (&c, &v) in classes.iter().zip(values) {
                    match tscores.get_mut(usize::from(c)) {
                        Some(s) => *s += v,
                        None => break,
                    }
                }
            }
        }
    }
    fn labels(&mut self, feats: &[u64], range: Range<usize>, lscores: &mut [f32]) {
        for f in feats {
            if let Some((classes, values)) = self.0.row(f) {
                for (&c, &v) in classes.iter().zip(values) {
                    let c = usize::from(c);
                    if c >= NT && range.contains(&(c - NT)) {
                        if let Some(s) = lscores.get_mut(c - NT) {
                            *s += v;
                        }
                    }
                }
            }
        }
    }
}

/// How a parser step chooses its transition and relation (fixed when the model is trained,
/// stored in its file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoding {
    /// The best `transition + relation` score over all transitions and relations (files
    /// without a `DDEC` section).
    #[default]
    Joint,
    /// The best transition by the transition scores alone, then, for an arc, the best relation
    /// of that arc direction: the relation scores of a shift, and of the other direction, are
    /// never needed.
    TransitionFirst,
}

/// A trained dependency parser.
///
/// ```no_run
/// use std::path::Path;
/// use sitrep_syntax::Parser;
///
/// let parser = Parser::load(Path::new("models/parser.bin")).unwrap();
/// let tree = parser.parse(&["Rebels", "fired", "rockets", "."], &["NOUN", "VERB", "NOUN", "PUNCT"]);
/// assert_eq!(tree[0], (2, "nsubj"));
/// ```
#[derive(Debug, Clone)]
pub struct Parser {
    labels: Vec<String>,
    root: u16,
    /// Both models in one table, so a feature costs one look-up: per feature, a row sorted by
    /// class (transitions first, then labels by arc direction).
    weights: Weights,
    /// Scale of the 16-bit weights of the model file the weights were read from (0 if none).
    qscale: f32,
    /// `weights` laid out for fast parsing, when they are 16-bit multiples of `qscale` (as
    /// read from a file); without it, parsing scores with `weights` themselves.
    table: Option<ParserTable>,
    /// How a step's transition and relation are chosen.
    decoding: Decoding,
    info: String,
}

/// Parsers are equal when their labels, weights and descriptions are (the rest is derived).
impl PartialEq for Parser {
    fn eq(&self, other: &Parser) -> bool {
        self.labels == other.labels
            && self.root == other.root
            && self.weights == other.weights
            && self.info == other.info
    }
}

/// Joins the transition model (classes `0..3`) and the label model (classes
/// `(t - 1) * labels + l`) into one table.
fn merge_weights(trans: &Weights, lab: &Weights) -> Weights {
    let mut keys: Vec<u64> = trans
        .index
        .keys()
        .chain(lab.index.keys())
        .copied()
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut w = Weights::default();
    for k in keys {
        let start = w.classes.len() as u32;
        for (m, off) in [(trans, 0u16), (lab, NT as u16)] {
            if let Some(&(a, len)) = m.index.get(&k) {
                let (a, b) = (a as usize, (a + len) as usize);
                w.classes.extend(m.classes[a..b].iter().map(|c| c + off));
                w.values.extend_from_slice(&m.values[a..b]);
            }
        }
        let len = w.classes.len() as u32 - start;
        if len > 0 {
            w.index.insert(k, (start, len));
        }
    }
    w
}

/// Drops weights smaller than `min_abs` in magnitude.
fn prune_weights(old: &Weights, min_abs: f32) -> Weights {
    let mut w = Weights::default();
    let mut keys: Vec<(&u64, &(u32, u32))> = old.index.iter().collect();
    keys.sort_unstable();
    for (k, &(start, len)) in keys {
        let (a, b) = (start as usize, (start + len) as usize);
        let begin = w.classes.len() as u32;
        for (c, v) in old.classes[a..b].iter().zip(&old.values[a..b]) {
            if v.abs() >= min_abs {
                w.classes.push(*c);
                w.values.push(*v);
            }
        }
        let kept = w.classes.len() as u32 - begin;
        if kept > 0 {
            w.index.insert(*k, (begin, kept));
        }
    }
    w
}

/// Serializes weights: 32-bit feature keys, 8-bit classes, 16-bit values with one global
/// scale.
fn write_weights(w: &Weights) -> Buf {
    let max = w
        .values
        .iter()
        .fold(0f32, |m, v| m.max(v.abs()))
        .max(f32::MIN_POSITIVE);
    let scale = max / f32::from(i16::MAX);
    let mut feat = Buf::default();
    let mut idx: Vec<(&u64, &(u32, u32))> = w.index.iter().collect();
    idx.sort();
    feat.f32(scale);
    feat.u32(idx.len() as u32);
    for (h, &(start, len)) in idx {
        feat.u32(*h as u32);
        feat.u8(len as u8);
        let (a, b) = (start as usize, (start + len) as usize);
        for (c, v) in w.classes[a..b].iter().zip(&w.values[a..b]) {
            feat.u8(*c as u8);
            feat.u16((v / scale).round() as i16 as u16);
        }
    }
    feat
}

impl Parser {
    /// The dependency relations the parser predicts.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// How the model decodes its steps (set when it was trained).
    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// Free-text description of how the model was trained.
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Number of features with nonzero weights and of stored weights (both models together).
    pub fn sizes(&self) -> (usize, usize) {
        (self.weights.index.len(), self.weights.values.len())
    }

    /// Drops weights smaller than `min_abs` in magnitude (a smaller, slightly less accurate
    /// model).
    pub fn prune(&mut self, min_abs: f32) {
        self.weights = prune_weights(&self.weights, min_abs);
        self.repack();
    }

    /// The average of parsers trained on the same relations (with different seeds, say): its
    /// scores are the mean of theirs, so greedy decoding with it decodes their ensemble at the
    /// cost of one model (a larger table, the same number of look-ups per step). Weights are
    /// re-quantized to 16 bits, as a model file stores them. `info` describes the result.
    pub fn average(parsers: &[Parser], info: &str) -> Result<Parser, SyntaxError> {
        let Some(first) = parsers.first() else {
            return Err(SyntaxError::Training("no parsers to average".to_string()));
        };
        if parsers.iter().any(|p| {
            p.labels != first.labels || p.root != first.root || p.decoding != first.decoding
        }) {
            return Err(SyntaxError::Training(
                "parsers to average must have the same relations, root and decoding".to_string(),
            ));
        }
        let tables: Vec<&Weights> = parsers.iter().map(|p| &p.weights).collect();
        let w = Weights::mean(&tables, NT + 2 * first.labels.len());
        let merged = Parser {
            labels: first.labels.clone(),
            root: first.root,
            weights: w,
            qscale: 0.0,
            table: None,
            decoding: first.decoding,
            info: info.to_string(),
        };
        // Through the file format: the weights come back as 16-bit multiples of one scale,
        // with the fast table.
        Parser::from_bytes(&merged.to_bytes(), Path::new("(averaged parser)"))
    }

    /// Rebuilds `table` from `weights`.
    fn repack(&mut self) {
        self.table = ParserTable::build(&self.weights, self.qscale, spread);
    }

    /// Parses one sentence given its words and their UPOS tags (a missing tag counts as `X`).
    ///
    /// Returns, per word, its head (1-based; 0 for the root) and relation. The output is always
    /// a tree: every word has a head, exactly one word (for a non-empty sentence) hangs from
    /// the root, and there are no cycles. Time is linear in the sentence length.
    pub fn parse(&self, words: &[&str], upos: &[&str]) -> Vec<(u32, &str)> {
        if words.is_empty() {
            return Vec::new();
        }
        self.parse_input(&Input::new(words, upos, None))
    }

    /// Like [`Parser::parse`], with the words' XPOS (Penn) tags as well, as the tagger's
    /// `analyze` gives them: more accurate. A missing or `_` XPOS counts as unknown.
    pub fn parse_tagged(&self, words: &[&str], upos: &[&str], xpos: &[&str]) -> Vec<(u32, &str)> {
        if words.is_empty() {
            return Vec::new();
        }
        self.parse_input(&Input::new(words, upos, Some(xpos)))
    }

    fn parse_input(&self, inp: &Input) -> Vec<(u32, &str)> {
        match &self.table {
            Some(table) => self.parse_with(
                inp,
                &mut TableScorer {
                    table,
                    scratch: Scratch::default(),
                },
            ),
            None => self.parse_with(inp, &mut WeightsScorer(&self.weights)),
        }
    }

    /// Parses with `scorer` adding up the weights.
    fn parse_with(&self, inp: &Input, scorer: &mut impl StepScorer) -> Vec<(u32, &str)> {
        let n = inp.w.len().saturating_sub(1);
        let nl = self.labels.len();
        let mut st = State::new(n);
        let root = usize::from(self.root);
        let mut feats = Vec::with_capacity(160);
        let mut lscores = vec![0f32; 2 * nl];
        while !st.terminal() {
            let forced_t = forced(&st);
            if forced_t == Some(SHIFT) {
                st.apply(SHIFT, 0);
                continue;
            }
            if forced_t == Some(LEFT) {
                st.apply(LEFT, root as u16);
                continue;
            }
            st.features(inp, &mut feats);
            let mut tscores = [0f32; NT];
            let (t, l) = match self.decoding {
                Decoding::Joint => {
                    lscores.iter_mut().for_each(|s| *s = 0.0);
                    scorer.all(&feats, &mut tscores, &mut lscores);
                    best_joint(&tscores, &lscores, &st, root, &|_| true, &|_| None)
                }
                Decoding::TransitionFirst => {
                    // Only the chosen arc's direction needs its relation scores.
                    scorer.transitions(&feats, &mut tscores);
                    let t = best_transition(&tscores, &st, &|_| true);
                    if t == SHIFT {
                        (SHIFT, 0)
                    } else {
                        let half = (t - 1) * nl..t * nl;
                        lscores[half.clone()].iter_mut().for_each(|s| *s = 0.0);
                        scorer.labels(&feats, half.clone(), &mut lscores);
                        (t, best_label(&lscores[half], &st, t, root))
                    }
                }
            };
            st.apply(t, l as u16);
        }
        (0..n)
            .map(|i| {
                let h = st.head[i];
                let head = if h as usize >= n { 0 } else { h + 1 };
                let l = self
                    .labels
                    .get(usize::from(st.label[i]))
                    .map_or("dep", String::as_str);
                (head, l)
            })
            .collect()
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        binfmt::assemble(&self.sections())
    }

    /// The model file's sections: `META`, `DLAB`, `DDEC` (unless [`Decoding::Joint`]), `DPAR`.
    fn sections(&self) -> Vec<([u8; 4], Buf)> {
        let mut meta = Buf::default();
        meta.str(&self.info);
        let mut labl = Buf::default();
        labl.u16(self.root);
        labl.u32(self.labels.len() as u32);
        for l in &self.labels {
            labl.str(l);
        }
        let mut sections = vec![(*b"META", meta), (*b"DLAB", labl)];
        if self.decoding != Decoding::Joint {
            let mut dec = Buf::default();
            dec.u8(1);
            sections.push((*b"DDEC", dec));
        }
        sections.push((*b"DPAR", write_weights(&self.weights)));
        sections
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        binfmt::write_file(path, &self.to_bytes())
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Parser, SyntaxError> {
        Parser::from_bytes(&binfmt::read_file(path)?, path)
    }

    /// Reads a model from bytes; `name` is used in error messages.
    pub fn from_bytes(bytes: &[u8], name: &Path) -> Result<Parser, SyntaxError> {
        let err = |message: String| SyntaxError::Model {
            path: name.to_path_buf(),
            message,
        };
        let mut info = String::new();
        let mut labels = None;
        let mut weights = None;
        let mut decoding = Decoding::Joint;
        for (tag, mut r) in binfmt::sections(bytes, name)? {
            match &tag {
                b"META" => info = r.str()?.to_string(),
                b"DDEC" => {
                    decoding = match r.u8()? {
                        0 => Decoding::Joint,
                        1 => Decoding::TransitionFirst,
                        d => return Err(err(format!("unknown decoding {d} in section DDEC"))),
                    }
                }
                b"DLAB" => {
                    let root = r.u16()?;
                    let n = r.count(4)?;
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        v.push(r.str()?.to_string());
                    }
                    labels = Some((root, v));
                }
                b"DPAR" => weights = Some(read_weights(&mut r)?),
                _ => {}
            }
        }
        let Some((root, labels)) = labels else {
            return Err(err("missing section DLAB (not a parser model?)".to_string()));
        };
        let Some((weights, qscale)) = weights else {
            return Err(err(
                "missing section DPAR (an older parser format? retrain it)".to_string(),
            ));
        };
        if labels.is_empty()
            || usize::from(root) >= labels.len()
            || labels.len() > MAX_LABELS
            || weights
                .classes
                .iter()
                .any(|&c| usize::from(c) >= NT + 2 * labels.len())
        {
            return Err(err("label or class index out of range".to_string()));
        }
        let mut parser = Parser {
            labels,
            root,
            table: None,
            weights,
            qscale,
            decoding,
            info,
        };
        parser.repack();
        Ok(parser)
    }
}

/// Reads the weights and their scale.
fn read_weights(r: &mut Reader<'_>) -> Result<(Weights, f32), SyntaxError> {
    let scale = r.f32()?;
    let n = r.count(5)?;
    let mut w = Weights {
        index: HashMap::with_capacity_and_hasher(n, IdBuild::default()),
        classes: Vec::with_capacity(n * 3),
        values: Vec::with_capacity(n * 3),
    };
    for _ in 0..n {
        let h = r.u32()?;
        let len = r.u8()?;
        let start = w.classes.len() as u32;
        for _ in 0..len {
            w.classes.push(u16::from(r.u8()?));
            w.values.push(f32::from(r.u16()? as i16) * scale);
        }
        w.index.insert(spread(h), (start, u32::from(len)));
    }
    Ok((w, scale))
}

/// Attachment scores with gold tokenization.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ParseScores {
    /// Words scored (punctuation included).
    pub words: usize,
    /// Unlabeled attachment score.
    pub uas: f64,
    /// Labeled attachment score, comparing universal relations (subtypes ignored, as the CoNLL
    /// 2018 scorer does).
    pub las: f64,
    /// Labeled attachment score on full relations, subtypes included.
    pub las_full: f64,
}

/// Universal part of a relation (`nsubj:pass` -> `nsubj`).
fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Predicted UPOS and XPOS tags of a sentence.
type Tags<'t> = (Vec<&'t str>, Vec<&'t str>);

fn predicted_tags<'t>(tagger: &'t Tagger, forms: &[&str]) -> Tags<'t> {
    label_tags(tagger, tagger.tag(forms))
}

fn label_tags(tagger: &Tagger, labels: Vec<u16>) -> Tags<'_> {
    labels
        .into_iter()
        .map(|l| (tagger.upos(l), tagger.xpos(l)))
        .unzip()
}

/// Like [`predicted_tags`], without the tagger's finite-verb repair (see
/// [`Tagger::tag_model_only`]): the parser's training tags.
fn model_tags<'t>(tagger: &'t Tagger, forms: &[&str]) -> Tags<'t> {
    label_tags(tagger, tagger.tag_model_only(forms))
}

/// Scores a parser on gold sentences with gold tokenization and tags (UPOS and XPOS)
/// predicted by `tagger`.
pub fn evaluate_parser(parser: &Parser, tagger: &Tagger, gold: &[ConlluSentence]) -> ParseScores {
    let tagged: Vec<Tags<'_>> = gold
        .iter()
        .map(|s| predicted_tags(tagger, &s.forms()))
        .collect();
    evaluate_tagged(parser, gold, &tagged)
}

fn evaluate_tagged(parser: &Parser, gold: &[ConlluSentence], tags: &[Tags<'_>]) -> ParseScores {
    let (mut words, mut uas, mut las, mut full) = (0usize, 0usize, 0usize, 0usize);
    for (s, (u, x)) in gold.iter().zip(tags) {
        let out = parser.parse_tagged(&s.forms(), u, x);
        for (g, (h, l)) in s.tokens.iter().zip(&out) {
            let Some(gh) = g.head else { continue };
            words += 1;
            if gh == *h {
                uas += 1;
                las += usize::from(universal(&g.deprel) == universal(l));
                full += usize::from(g.deprel == *l);
            }
        }
    }
    let r = |n: usize| n as f64 / words.max(1) as f64;
    ParseScores {
        words,
        uas: r(uas),
        las: r(las),
        las_full: r(full),
    }
}

/// Parser training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ParserConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffle and of error exploration (12 for the shipped model; models/README.md
    /// says why).
    pub seed: u64,
    /// Averaged weights with a smaller magnitude are dropped.
    pub prune: f32,
    /// From this epoch on (1-based), follow the model's own transitions ...
    pub explore_from: usize,
    /// ... with this probability (the dynamic oracle says what is right from there).
    pub explore_p: f64,
    /// Training tags come from taggers trained on the other folds of this many (jackknifing,
    /// so that training tags are as noisy as tags on new text); below 2, `tagger` tags the
    /// training set itself.
    pub jackknife: usize,
    /// Each jackknife tagger is the average of this many taggers trained with different
    /// seeds ([`Tagger::average`]), as the shipped tagger is (1: a single tagger).
    pub jackknife_ensemble: usize,
    /// Share of training sentences (drawn anew each epoch) whose XPOS is hidden, so that
    /// [`Parser::parse`] without XPOS stays accurate.
    pub xpos_dropout: f64,
    /// How steps are decoded, in training and in the trained model.
    pub decoding: Decoding,
}

impl Default for ParserConfig {
    fn default() -> ParserConfig {
        ParserConfig {
            epochs: 15,
            seed: 12,
            prune: 1.0,
            explore_from: 2,
            explore_p: 0.9,
            jackknife: 5,
            jackknife_ensemble: 8,
            xpos_dropout: 0.2,
            decoding: Decoding::Joint,
        }
    }
}

/// Progress after one parser training epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct ParserEpoch {
    /// 1-based epoch.
    pub epoch: usize,
    /// Share of training transitions the model got right (zero cost).
    pub train_accuracy: f64,
    /// Dev scores of the averaged model after this epoch.
    pub dev: ParseScores,
    /// Seconds this epoch took.
    pub seconds: f64,
}

/// A training sentence: features input (with and without XPOS), gold heads (root = `n`),
/// labels, gold children.
struct GoldSent {
    inp: Input,
    inp_nox: Input,
    head: Vec<u32>,
    label: Vec<u16>,
    children: Vec<Vec<u32>>,
}

/// Gold cost of each transition, by the arc-hybrid dynamic oracle (Goldberg & Nivre 2013): the
/// number of gold arcs that become unreachable. Exact for projective trees; for
/// non-projective ones it counts arc by arc.
fn costs(st: &State, g: &GoldSent) -> [u32; 3] {
    let (s0, s1, b0) = (st.s(0), st.s(1), st.b);
    let on_stack = |i: u32| i < st.b && st.head[i as usize] == NONE;
    let n = st.n;
    let shift = if b0 < n {
        let b = b0 as usize;
        let mut c = g.children[b].iter().filter(|&&d| on_stack(d)).count() as u32;
        let h = g.head[b];
        if h != s0 && h < n && on_stack(h) {
            c += 1;
        }
        c
    } else {
        0
    };
    if s0 == NONE {
        return [shift, 0, 0];
    }
    let s = s0 as usize;
    let deps_in_buffer = g.children[s].iter().filter(|&&d| d >= st.b).count() as u32;
    let h = g.head[s];
    let left_lost = u32::from(h != b0 && (h == s1 || h >= st.b));
    let right_lost = u32::from(h >= st.b);
    [
        shift,
        deps_in_buffer + left_lost,
        deps_in_buffer + right_lost,
    ]
}

/// Whether arc transition `t` attaches the stack top to its gold head.
fn gold_arc(st: &State, g: &GoldSent, t: usize) -> bool {
    let s0 = st.s(0);
    if s0 == NONE {
        return false;
    }
    let h = g.head[s0 as usize];
    match t {
        LEFT => h == st.b,
        RIGHT => st.s(1) != NONE && h == st.s(1),
        _ => false,
    }
}

/// UPOS and XPOS tags of the training sentences: from `tagger`, or with `folds >= 2` from a
/// tagger trained on the other folds.
type OwnedTags = (Vec<String>, Vec<String>);

fn jackknife_tags(
    train: &[ConlluSentence],
    tagger: &Tagger,
    folds: usize,
    ensemble: usize,
) -> Result<Vec<OwnedTags>, SyntaxError> {
    let tag_with = |t: &Tagger, s: &ConlluSentence| -> OwnedTags {
        let (u, x) = model_tags(t, &s.forms());
        (
            u.into_iter().map(str::to_string).collect(),
            x.into_iter().map(str::to_string).collect(),
        )
    };
    if folds < 2 || train.len() < 2 * folds {
        return Ok(train.iter().map(|s| tag_with(tagger, s)).collect());
    }
    let mut out = vec![(Vec::new(), Vec::new()); train.len()];
    let tcfg = crate::TrainConfig {
        epochs: 5,
        ensemble,
        ..crate::TrainConfig::default()
    };
    for k in 0..folds {
        let rest: Vec<ConlluSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let t = crate::train_sentences(&rest, &[], &tcfg, &mut |_| {})?;
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % folds == k) {
            out[i] = tag_with(&t, s);
        }
    }
    Ok(out)
}

/// Trains a parser on `train` (tagged by `tagger`), keeping the epoch with the best dev LAS.
pub fn train_parser(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    tagger: &Tagger,
    epochs: usize,
) -> Result<Parser, SyntaxError> {
    let cfg = ParserConfig {
        epochs,
        ..ParserConfig::default()
    };
    train_parser_with(train, dev, tagger, &cfg, &mut |_| {})
}

/// Trains a parser with explicit settings; `on_epoch` sees each epoch's report. With an empty
/// `dev`, the last epoch is kept. Sentences with missing or out-of-range heads are skipped.
pub fn train_parser_with(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    tagger: &Tagger,
    cfg: &ParserConfig,
    on_epoch: &mut dyn FnMut(&ParserEpoch),
) -> Result<Parser, SyntaxError> {
    let mut labels: Vec<String> = vec!["root".to_string()];
    let mut label_ids: HashMap<String, u16> = HashMap::new();
    label_ids.insert("root".to_string(), 0);
    let train_tags = jackknife_tags(train, tagger, cfg.jackknife, cfg.jackknife_ensemble)?;
    let mut data = Vec::with_capacity(train.len());
    for (s, (upos, xpos)) in train.iter().zip(&train_tags) {
        let n = s.tokens.len();
        let ok = n > 0
            && s.tokens
                .iter()
                .all(|t| t.head.is_some_and(|h| h as usize <= n));
        if !ok {
            continue;
        }
        let forms = s.forms();
        let upos: Vec<&str> = upos.iter().map(String::as_str).collect();
        let xpos: Vec<&str> = xpos.iter().map(String::as_str).collect();
        let mut head = Vec::with_capacity(n);
        let mut label = Vec::with_capacity(n);
        let mut children = vec![Vec::new(); n + 1];
        for (i, t) in s.tokens.iter().enumerate() {
            let h = t.head.unwrap_or(0);
            let h = if h == 0 { n as u32 } else { h - 1 };
            let id = match label_ids.get(&t.deprel) {
                Some(&id) => id,
                None => {
                    let id = u16::try_from(labels.len())
                        .ok()
                        .filter(|&id| usize::from(id) < MAX_LABELS)
                        .ok_or_else(|| SyntaxError::Training("too many relations".to_string()))?;
                    labels.push(t.deprel.clone());
                    label_ids.insert(t.deprel.clone(), id);
                    id
                }
            };
            head.push(h);
            label.push(id);
            children[h as usize].push(i as u32);
        }
        let inp = Input::new(&forms, &upos, Some(&xpos));
        data.push(GoldSent {
            inp_nox: inp.without_xpos(),
            inp,
            head,
            label,
            children,
        });
    }
    if data.is_empty() {
        return Err(SyntaxError::Training(
            "no training sentences with complete trees".to_string(),
        ));
    }
    let dev_tags: Vec<Tags<'_>> = dev.iter().map(|s| model_tags(tagger, &s.forms())).collect();
    let mut parser = Parser {
        labels,
        root: 0,
        weights: Weights::default(),
        qscale: 0.0,
        table: None,
        decoding: cfg.decoding,
        info: String::new(),
    };
    let nl = parser.labels.len();
    let root = 0usize;
    let mut tw = TrainWeights::default();
    let mut lw = TrainWeights::default();
    let mut rng = XorShift(cfg.seed.max(1));
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::with_capacity(160);
    let mut lscores = vec![0f32; 2 * nl];
    let mut best: Option<(f64, Weights, usize, ParseScores)> = None;
    for epoch in 1..=cfg.epochs.max(1) {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let explore = epoch >= cfg.explore_from;
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let g = &data[si];
            let inp = if rng.unit() < cfg.xpos_dropout {
                &g.inp_nox
            } else {
                &g.inp
            };
            let mut st = State::new(g.head.len());
            while !st.terminal() {
                tw.step += 1;
                lw.step = tw.step;
                let forced_t = forced(&st);
                if forced_t == Some(SHIFT) || (forced_t == Some(LEFT) && st.b == st.n) {
                    st.apply(forced_t.unwrap_or(SHIFT), root as u16);
                    continue;
                }
                st.features(inp, &mut feats);
                let cost = costs(&st, g);
                let mut tscores = [0f32; NT];
                tw.score(&feats, &mut tscores);
                lscores.iter_mut().for_each(|s| *s = 0.0);
                lw.score(&feats, &mut lscores);
                let min = (0..NT)
                    .filter(|&t| st.legal(t))
                    .map(|t| cost[t])
                    .min()
                    .unwrap_or(0);
                let gl = usize::from(g.label.get(st.s(0) as usize).copied().unwrap_or(0));
                let decide = match cfg.decoding {
                    Decoding::Joint => best_joint,
                    Decoding::TransitionFirst => best_first,
                };
                let guess = decide(&tscores, &lscores, &st, root, &|_| true, &|_| None);
                let truth = decide(&tscores, &lscores, &st, root, &|t| cost[t] == min, &|t| {
                    gold_arc(&st, g, t).then_some(gl)
                });
                if forced_t.is_none() {
                    total += 1;
                    right += usize::from(cost[guess.0] == min);
                }
                // Label classes `(t - 1) * nl + l`; SHIFT has none.
                let class =
                    |(t, l): (usize, usize)| (t != SHIFT).then(|| ((t - 1) * nl + l) as u16);
                if cfg.decoding == Decoding::TransitionFirst {
                    // The transition model learns the transition; the relation model learns
                    // the relation of the right transition's direction, where it is a gold arc.
                    if guess.0 != truth.0 {
                        tw.adjust(&feats, truth.0 as u16, 1.0);
                        tw.adjust(&feats, guess.0 as u16, -1.0);
                    }
                    let t = truth.0;
                    if t != SHIFT && gold_arc(&st, g, t) {
                        let ls = &lscores[(t - 1) * nl..t * nl];
                        let l = best_label(ls, &st, t, root);
                        if l != gl {
                            if let (Some(tc), Some(gc)) = (class((t, gl)), class((t, l))) {
                                lw.adjust(&feats, tc, 1.0);
                                lw.adjust(&feats, gc, -1.0);
                            }
                        }
                    }
                } else if guess != truth {
                    if guess.0 != truth.0 {
                        tw.adjust(&feats, truth.0 as u16, 1.0);
                        tw.adjust(&feats, guess.0 as u16, -1.0);
                    }
                    let (tc, gc) = (class(truth), class(guess));
                    if tc != gc {
                        if let Some(c) = tc {
                            lw.adjust(&feats, c, 1.0);
                        }
                        if let Some(c) = gc {
                            lw.adjust(&feats, c, -1.0);
                        }
                    }
                }
                let (next, l) = if explore && rng.unit() < cfg.explore_p {
                    guess
                } else {
                    truth
                };
                st.apply(next, l as u16);
            }
        }
        parser.weights = merge_weights(&tw.averaged(cfg.prune), &lw.averaged(cfg.prune));
        parser.repack();
        let dev_scores = if dev.is_empty() {
            ParseScores::default()
        } else {
            evaluate_tagged(&parser, dev, &dev_tags)
        };
        on_epoch(&ParserEpoch {
            epoch,
            train_accuracy: right as f64 / total.max(1) as f64,
            dev: dev_scores,
            seconds: t0.elapsed().as_secs_f64(),
        });
        let better = best
            .as_ref()
            .is_none_or(|(las, _, _, _)| dev_scores.las > *las);
        if better || dev.is_empty() {
            let w = std::mem::take(&mut parser.weights);
            best = Some((dev_scores.las, w, epoch, dev_scores));
        }
    }
    if let Some((_, w, epoch, s)) = best {
        parser.weights = w;
        parser.repack();
        let kept = if dev.is_empty() {
            format!("epoch {epoch} of {} kept (no dev set)", cfg.epochs)
        } else {
            format!(
                "epoch {epoch} of {} kept (dev UAS {:.2}%, LAS {:.2}%)",
                cfg.epochs,
                s.uas * 100.0,
                s.las * 100.0
            )
        };
        let jackknife = match (cfg.jackknife, cfg.jackknife_ensemble) {
            (k, _) if k < 2 || train.len() < 2 * k => "given tagger".to_string(),
            (k, e) if e > 1 => format!("{k} folds, {e} taggers averaged per fold"),
            (k, _) => format!("{k} folds"),
        };
        parser.info = format!(
            "arc-hybrid, dynamic oracle, averaged perceptrons (transition + relation, factored); {} \
             training sentences; UPOS+XPOS (XPOS hidden in {:.0}%; tags jackknifed: {jackknife}); \
             {kept}; prune {}",
            data.len(),
            cfg.xpos_dropout * 100.0,
            cfg.prune
        );
    }
    Ok(parser)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(heads: &[u32]) -> GoldSent {
        let n = heads.len();
        let mut children = vec![Vec::new(); n + 1];
        let head: Vec<u32> = heads
            .iter()
            .map(|&h| if h == 0 { n as u32 } else { h - 1 })
            .collect();
        for (i, &h) in head.iter().enumerate() {
            children[h as usize].push(i as u32);
        }
        let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let inp = Input::new(&refs, &[], None);
        GoldSent {
            inp_nox: inp.without_xpos(),
            inp,
            head,
            label: heads.iter().map(|&h| u16::from(h != 0)).collect(),
            children,
        }
    }

    /// Following zero-cost transitions rebuilds any projective tree exactly.
    #[test]
    fn oracle_rebuilds_projective_trees() {
        for heads in [
            vec![2, 0, 2],
            vec![0, 1, 2, 3],
            vec![3, 3, 0, 3, 6, 4],
            vec![4, 1, 2, 0, 4, 5, 4],
        ] {
            let g = gold(&heads);
            let mut st = State::new(heads.len());
            while !st.terminal() {
                let cost = costs(&st, &g);
                let t = (0..3)
                    .find(|&t| st.legal(t) && cost[t] == 0)
                    .unwrap_or_else(|| panic!("no zero-cost move for {heads:?}"));
                let l = if t == SHIFT {
                    0
                } else {
                    assert!(gold_arc(&st, &g, t), "zero-cost arc is gold");
                    g.label[st.s(0) as usize]
                };
                st.apply(t, l);
            }
            let n = heads.len() as u32;
            let got: Vec<u32> = st.head[..heads.len()]
                .iter()
                .map(|&h| if h == n { 0 } else { h + 1 })
                .collect();
            assert_eq!(got, heads);
        }
    }

    #[test]
    fn every_transition_sequence_gives_a_tree() {
        let mut rng = XorShift(5);
        for n in [1usize, 2, 3, 10, 50] {
            for _ in 0..20 {
                let mut st = State::new(n);
                let mut steps = 0;
                while !st.terminal() {
                    let legal: Vec<usize> = (0..3).filter(|&t| st.legal(t)).collect();
                    assert!(!legal.is_empty());
                    let t = legal[(rng.next() % legal.len() as u64) as usize];
                    let l = (0..3).find(|&l| t == SHIFT || st.legal_label(t, l, 0));
                    st.apply(t, l.unwrap_or(0) as u16);
                    steps += 1;
                }
                assert_eq!(steps, 2 * n);
                let roots = st.head[..n].iter().filter(|&&h| h == n as u32).count();
                assert_eq!(roots, 1);
            }
        }
    }

    /// The joined table keeps each row sorted: transitions first, then offset labels.
    #[test]
    fn merged_rows_put_transitions_first() {
        let mut t = Weights::default();
        t.index.insert(7, (0, 2));
        t.classes.extend([0, 2]);
        t.values.extend([1.0, -1.0]);
        let mut l = Weights::default();
        l.index.insert(7, (0, 1));
        l.index.insert(9, (1, 1));
        l.classes.extend([4, 1]);
        l.values.extend([0.5, 2.0]);
        let m = merge_weights(&t, &l);
        let (a, len) = m.index[&7];
        let row: Vec<(u16, f32)> = (a..a + len)
            .map(|i| (m.classes[i as usize], m.values[i as usize]))
            .collect();
        assert_eq!(row, vec![(0, 1.0), (2, -1.0), (7, 0.5)]);
        let (a, len) = m.index[&9];
        assert_eq!((m.classes[a as usize], len), (4, 1));
        assert_eq!(prune_weights(&m, 1.0).values, vec![1.0, -1.0, 2.0]);
    }

    /// A parser read from its file scores with the fast table, and parses exactly as with
    /// its weights.
    #[test]
    fn table_parses_like_weights() {
        let mut rng = XorShift(3);
        let labels: Vec<String> = ["root", "nsubj", "obj", "det", "punct"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let words = ["the", "dog", "saw", "a", "cat", "."];
        let tags = ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"];
        // Weights for the features of many configurations.
        let mut w = Weights::default();
        let mut feats = Vec::new();
        for _ in 0..50 {
            let n = 1 + (rng.next() % 6) as usize;
            let inp = Input::new(&words[..n], &tags[..n], None);
            let mut st = State::new(n);
            while !st.terminal() {
                st.features(&inp, &mut feats);
                for &f in &feats {
                    if w.index.contains_key(&f) || rng.unit() < 0.2 {
                        continue;
                    }
                    let start = w.classes.len() as u32;
                    for c in 0..(NT + 2 * labels.len()) as u16 {
                        if rng.unit() < 0.5 {
                            w.classes.push(c);
                            w.values.push((rng.unit() * 20.0 - 10.0) as f32);
                        }
                    }
                    let len = w.classes.len() as u32 - start;
                    if len > 0 {
                        w.index.insert(f, (start, len));
                    }
                }
                let legal: Vec<usize> = (0..3).filter(|&t| st.legal(t)).collect();
                let t = legal[(rng.next() % legal.len() as u64) as usize];
                let l = (0..labels.len()).find(|&l| t == SHIFT || st.legal_label(t, l, 0));
                st.apply(t, l.unwrap_or(0) as u16);
            }
        }
        for decoding in [Decoding::Joint, Decoding::TransitionFirst] {
            let parser = Parser {
                labels: labels.clone(),
                root: 0,
                weights: w.clone(),
                qscale: 0.0,
                table: None,
                decoding,
                info: String::new(),
            };
            table_parses_like(parser, &words, &tags);
        }
    }

    /// `parser` (of unquantized weights) read back from its bytes scores with the table, and
    /// parses `words` (with each tag in turn unknown) exactly as without it.
    fn table_parses_like(mut parser: Parser, words: &[&str], tags: &[&str]) {
        parser.repack();
        assert!(
            parser.table.is_none(),
            "unquantized weights use the weights"
        );
        let back = Parser::from_bytes(&parser.to_bytes(), Path::new("t.bin")).unwrap();
        assert_eq!(back.decoding(), parser.decoding());
        assert!(
            back.table.is_some(),
            "a parser read from a file uses the table"
        );
        assert_eq!(
            back,
            Parser {
                table: None,
                ..back.clone()
            }
        );
        let plain = Parser {
            table: None,
            ..back.clone()
        };
        for n in 1..=words.len() {
            for k in 0..n {
                let mut t = tags[..n].to_vec();
                t[k] = "X";
                assert_eq!(back.parse(&words[..n], &t), plain.parse(&words[..n], &t));
            }
        }
    }

    /// Joint models are written without a `DDEC` section (as before it existed); an unknown
    /// decoding is refused with the file's name.
    #[test]
    fn decoding_section_is_written_and_checked() {
        let mut w = Weights::default();
        w.index.insert(spread(7), (0, 2));
        w.classes.extend([0, 4]);
        w.values.extend([1.0, -2.0]);
        let parser = Parser {
            labels: vec!["root".into(), "dep".into()],
            root: 0,
            weights: w,
            qscale: 0.0,
            table: None,
            decoding: Decoding::Joint,
            info: String::new(),
        };
        let tags = |p: &Parser| p.sections().iter().map(|s| s.0).collect::<Vec<_>>();
        assert_eq!(tags(&parser), [*b"META", *b"DLAB", *b"DPAR"]);
        let first = Parser {
            decoding: Decoding::TransitionFirst,
            ..parser.clone()
        };
        assert_eq!(tags(&first), [*b"META", *b"DLAB", *b"DDEC", *b"DPAR"]);
        let back = Parser::from_bytes(&first.to_bytes(), Path::new("t.bin")).unwrap();
        assert_eq!(back.decoding(), Decoding::TransitionFirst);
        let mut sections = first.sections();
        let mut odd = Buf::default();
        odd.u8(7);
        sections[2].1 = odd;
        let e = Parser::from_bytes(&binfmt::assemble(&sections), Path::new("models/p.bin"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("models/p.bin") && e.contains("unknown decoding 7"),
            "{e}"
        );
    }

    #[test]
    fn features_are_stable_and_distinct() {
        let inp = Input::new(&["The", "dog", "barks"], &["DET", "NOUN", "VERB"], None);
        let mut st = State::new(3);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        st.features(&inp, &mut a);
        st.apply(SHIFT, 0);
        st.features(&inp, &mut b);
        assert_eq!(a.len(), b.len());
        assert_ne!(a, b);
        assert_eq!(a[0], b[0], "bias feature");
        assert_ne!(tag_value("VERB", "barked"), tag_value("VERB", "barks"));
        assert_eq!(tag_value("NOUN", "dogs"), tag_value("NOUN", "cats"));
        assert_eq!(universal("nsubj:pass"), "nsubj");
        // XPOS changes some features; hiding it matches not giving it.
        let words = ["The", "dog", "barks"];
        let upos = ["DET", "NOUN", "VERB"];
        let tagged = Input::new(&words, &upos, Some(&["DT", "NN", "VBZ"]));
        let mut c = Vec::new();
        st.features(&tagged, &mut c);
        assert_ne!(b, c);
        st.features(&tagged.without_xpos(), &mut c);
        assert_eq!(b, c);
    }
}
