//! A labeled transition-based dependency parser: the arc-hybrid system with the root token at
//! the end of the buffer, greedy decoding with an averaged perceptron over hashed feature
//! templates in the style of Zhang & Nivre (2011), trained with the dynamic oracle of Goldberg
//! & Nivre (2013) and error exploration.
//!
//! Transitions and labels are predicted jointly: class 0 is SHIFT, `1 + 2l` is LEFT-ARC with
//! label `l` (the front of the buffer becomes the head of the stack top), `2 + 2l` is
//! RIGHT-ARC with label `l` (the second stack item becomes the head of the stack top). Every
//! sentence of `n` words takes exactly `2n` transitions, so parsing is linear; a LEFT-ARC from
//! the root is only legal when the stack holds a single word, so the output always is a tree
//! with exactly one root.
//!
//! Input tags are UPOS; verbs and auxiliaries get a finer tag from their last two letters
//! (standing in for the Penn tense/participle distinctions), so the parser needs nothing but
//! words and UPOS.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use crate::binfmt::{self, Buf, Reader};
use crate::conllu::ConlluSentence;
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

/// The word and tag values of a sentence, with the root token appended at index `n`.
struct Input {
    w: Vec<u64>,
    p: Vec<u64>,
}

impl Input {
    fn new(words: &[&str], upos: &[&str]) -> Input {
        let n = words.len();
        let mut w = Vec::with_capacity(n + 1);
        let mut p = Vec::with_capacity(n + 1);
        for (i, word) in words.iter().enumerate() {
            let lower = normalize_form(word).to_lowercase();
            let tag = upos.get(i).copied().unwrap_or("X");
            w.push(str_hash(&lower));
            p.push(tag_value(tag, &lower));
        }
        w.push(ROOT_W);
        p.push(ROOT_P);
        Input { w, p }
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

    /// Whether transition class `c` is legal (`root` is the root label's index).
    fn legal(&self, c: usize, root: usize) -> bool {
        if c == 0 {
            return self.b < self.n;
        }
        let l = (c - 1) / 2;
        if c % 2 == 1 {
            // LEFT-ARC
            if self.stack.is_empty() {
                return false;
            }
            if self.b == self.n {
                self.stack.len() == 1 && l == root
            } else {
                l != root
            }
        } else {
            self.stack.len() >= 2 && l != root
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

    /// Applies a legal transition.
    fn apply(&mut self, c: usize) {
        if c == 0 {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let l = ((c - 1) / 2) as u16;
        let Some(s0) = self.stack.pop() else { return };
        if c % 2 == 1 {
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
            out.push(finish(h) & 0xffff_ffff);
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
    }
}

/// Index of the best-scoring legal class (0, SHIFT, if none is legal).
fn best_legal(scores: &[f32], st: &State, root: usize, ok: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    for (c, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > scores[best]) && st.legal(c, root) && ok(c) {
            best = c;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// Whether a transition is forced (only one kind is legal), so scoring can be skipped.
fn forced(st: &State, root: usize) -> Option<usize> {
    if st.stack.is_empty() {
        Some(0)
    } else if st.b == st.n && st.stack.len() == 1 {
        Some(1 + 2 * root)
    } else {
        None
    }
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
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    labels: Vec<String>,
    root: u16,
    weights: Weights,
    info: String,
}

impl Parser {
    /// The dependency relations the parser predicts.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Free-text description of how the model was trained.
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Number of features with nonzero weights and of stored weights.
    pub fn sizes(&self) -> (usize, usize) {
        (self.weights.index.len(), self.weights.values.len())
    }

    /// Drops weights smaller than `min_abs` in magnitude (a smaller, slightly less accurate
    /// model).
    pub fn prune(&mut self, min_abs: f32) {
        let old = std::mem::take(&mut self.weights);
        let mut keys: Vec<(&u64, &(u32, u32))> = old.index.iter().collect();
        keys.sort_unstable();
        for (k, &(start, len)) in keys {
            let (a, b) = (start as usize, (start + len) as usize);
            let begin = self.weights.classes.len() as u32;
            for (c, v) in old.classes[a..b].iter().zip(&old.values[a..b]) {
                if v.abs() >= min_abs {
                    self.weights.classes.push(*c);
                    self.weights.values.push(*v);
                }
            }
            let kept = self.weights.classes.len() as u32 - begin;
            if kept > 0 {
                self.weights.index.insert(*k, (begin, kept));
            }
        }
    }

    fn num_classes(&self) -> usize {
        1 + 2 * self.labels.len()
    }

    /// Parses one sentence given its words and their UPOS tags (a missing tag counts as `X`).
    ///
    /// Returns, per word, its head (1-based; 0 for the root) and relation. The output is always
    /// a tree: every word has a head, exactly one word (for a non-empty sentence) hangs from
    /// the root, and there are no cycles. Time is linear in the sentence length.
    pub fn parse(&self, words: &[&str], upos: &[&str]) -> Vec<(u32, &str)> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let inp = Input::new(words, upos);
        let mut st = State::new(n);
        let root = usize::from(self.root);
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0f32; self.num_classes()];
        while !st.terminal() {
            let c = match forced(&st, root) {
                Some(c) => c,
                None => {
                    st.features(&inp, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    self.weights.score(&feats, &mut scores);
                    best_legal(&scores, &st, root, |_| true)
                }
            };
            st.apply(c);
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
        let mut meta = Buf::default();
        meta.str(&self.info);
        let mut labl = Buf::default();
        labl.u16(self.root);
        labl.u32(self.labels.len() as u32);
        for l in &self.labels {
            labl.str(l);
        }
        // Weights: 32-bit feature keys, 8-bit classes, 16-bit values with one global scale.
        let max = self
            .weights
            .values
            .iter()
            .fold(0f32, |m, v| m.max(v.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = max / f32::from(i16::MAX);
        let mut feat = Buf::default();
        let mut idx: Vec<(&u64, &(u32, u32))> = self.weights.index.iter().collect();
        idx.sort();
        feat.f32(scale);
        feat.u32(idx.len() as u32);
        for (h, &(start, len)) in idx {
            feat.u32(*h as u32);
            feat.u8(len as u8);
            let (a, b) = (start as usize, (start + len) as usize);
            for (c, v) in self.weights.classes[a..b]
                .iter()
                .zip(&self.weights.values[a..b])
            {
                feat.u8(*c as u8);
                feat.u16((v / scale).round() as i16 as u16);
            }
        }
        binfmt::assemble(&[(*b"META", meta), (*b"DLAB", labl), (*b"DFEA", feat)])
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| SyntaxError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Parser, SyntaxError> {
        let bytes = std::fs::read(path).map_err(|source| SyntaxError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Parser::from_bytes(&bytes, path)
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
        for (tag, mut r) in binfmt::sections(bytes, name)? {
            match &tag {
                b"META" => info = r.str()?.to_string(),
                b"DLAB" => {
                    let root = r.u16()?;
                    let n = r.count(4)?;
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        v.push(r.str()?.to_string());
                    }
                    labels = Some((root, v));
                }
                b"DFEA" => weights = Some(read_weights(&mut r)?),
                _ => {}
            }
        }
        let Some((root, labels)) = labels else {
            return Err(err("missing section DLAB (not a parser model?)".to_string()));
        };
        let weights = weights.ok_or_else(|| err("missing section DFEA".to_string()))?;
        let classes = 1 + 2 * labels.len();
        if labels.is_empty()
            || usize::from(root) >= labels.len()
            || labels.len() > 127
            || weights.classes.iter().any(|&c| usize::from(c) >= classes)
        {
            return Err(err("label or class index out of range".to_string()));
        }
        Ok(Parser {
            labels,
            root,
            weights,
            info,
        })
    }
}

fn read_weights(r: &mut Reader<'_>) -> Result<Weights, SyntaxError> {
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
        w.index.insert(u64::from(h), (start, u32::from(len)));
    }
    Ok(w)
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

/// Predicted UPOS tags of a sentence.
fn predicted_tags<'t>(tagger: &'t Tagger, forms: &[&str]) -> Vec<&'t str> {
    tagger
        .tag(forms)
        .into_iter()
        .map(|l| tagger.upos(l))
        .collect()
}

/// Scores a parser on gold sentences with gold tokenization and tags predicted by `tagger`.
pub fn evaluate_parser(parser: &Parser, tagger: &Tagger, gold: &[ConlluSentence]) -> ParseScores {
    let tagged: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| predicted_tags(tagger, &s.forms()))
        .collect();
    evaluate_tagged(parser, gold, &tagged)
}

fn evaluate_tagged(parser: &Parser, gold: &[ConlluSentence], tags: &[Vec<&str>]) -> ParseScores {
    let (mut words, mut uas, mut las, mut full) = (0usize, 0usize, 0usize, 0usize);
    for (s, t) in gold.iter().zip(tags) {
        let out = parser.parse(&s.forms(), t);
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
    /// Seed of the shuffle and of error exploration.
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
}

impl Default for ParserConfig {
    fn default() -> ParserConfig {
        ParserConfig {
            epochs: 15,
            seed: 11,
            prune: 1.0,
            explore_from: 2,
            explore_p: 0.9,
            jackknife: 5,
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

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    total: f64,
    ts: u32,
}

/// Weights under training, with lazy averaging.
struct TrainWeights {
    map: HashMap<u64, Vec<Entry>, IdBuild>,
    step: u32,
}

impl TrainWeights {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(row) = self.map.get(f) {
                for e in row {
                    if let Some(s) = scores.get_mut(usize::from(e.class)) {
                        *s += e.w;
                    }
                }
            }
        }
    }

    fn update(&mut self, feats: &[u64], truth: u16, guess: u16) {
        let now = self.step;
        for f in feats {
            let row = self.map.entry(*f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let i = match row.iter().position(|e| e.class == class) {
                    Some(i) => i,
                    None => {
                        row.push(Entry {
                            class,
                            w: 0.0,
                            total: 0.0,
                            ts: now,
                        });
                        row.len() - 1
                    }
                };
                let e = &mut row[i];
                e.total += f64::from(now - e.ts) * f64::from(e.w);
                e.ts = now;
                e.w += delta;
            }
        }
    }

    fn averaged(&self, prune: f32) -> Weights {
        let now = self.step.max(1);
        let mut w = Weights::default();
        let mut keys: Vec<&u64> = self.map.keys().collect();
        keys.sort_unstable();
        for k in keys {
            let start = w.classes.len() as u32;
            let mut row: Vec<(u16, f32)> = self.map[k]
                .iter()
                .map(|e| {
                    let total = e.total + f64::from(now - e.ts) * f64::from(e.w);
                    (e.class, (total / f64::from(now)) as f32)
                })
                .filter(|(_, v)| v.abs() >= prune && v.is_finite())
                .collect();
            if row.is_empty() {
                continue;
            }
            row.sort_unstable_by_key(|(c, _)| *c);
            for (c, v) in &row {
                w.classes.push(*c);
                w.values.push(*v);
            }
            w.index.insert(*k, (start, row.len() as u32));
        }
        w
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// A training sentence: features input, gold heads (root = `n`), labels, gold children.
struct GoldSent {
    inp: Input,
    head: Vec<u32>,
    label: Vec<u16>,
    children: Vec<Vec<u32>>,
}

/// Gold cost of each transition class, by the arc-hybrid dynamic oracle (Goldberg & Nivre
/// 2013): the number of gold arcs that become unreachable, plus one for a wrong label on a
/// gold arc. Exact for projective trees; for non-projective ones it counts arc by arc.
fn costs(st: &State, g: &GoldSent, out: &mut [u32]) {
    let (s0, s1, b0) = (st.s(0), st.s(1), st.b);
    let on_stack = |i: u32| i < st.b && st.head[i as usize] == NONE;
    let n = st.n;
    // SHIFT
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
    out[0] = shift;
    if s0 == NONE {
        return;
    }
    let s = s0 as usize;
    let deps_in_buffer = g.children[s].iter().filter(|&&d| d >= st.b).count() as u32;
    let h = g.head[s];
    let gl = usize::from(g.label[s]);
    let left_lost = u32::from(h != b0 && (h == s1 || h >= st.b));
    let right_lost = u32::from(h >= st.b);
    for l in 0..(out.len() - 1) / 2 {
        out[1 + 2 * l] = deps_in_buffer + left_lost + u32::from(h == b0 && l != gl);
        out[2 + 2 * l] = deps_in_buffer + right_lost + u32::from(h == s1 && s1 != NONE && l != gl);
    }
}

/// UPOS tags of the training sentences: from `tagger`, or with `folds >= 2` from a tagger
/// trained on the other folds.
fn jackknife_tags(
    train: &[ConlluSentence],
    tagger: &Tagger,
    folds: usize,
) -> Result<Vec<Vec<String>>, SyntaxError> {
    let tag_with = |t: &Tagger, s: &ConlluSentence| -> Vec<String> {
        predicted_tags(t, &s.forms())
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    if folds < 2 || train.len() < 2 * folds {
        return Ok(train.iter().map(|s| tag_with(tagger, s)).collect());
    }
    let mut out = vec![Vec::new(); train.len()];
    let tcfg = crate::TrainConfig {
        epochs: 5,
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
    let train_tags = jackknife_tags(train, tagger, cfg.jackknife)?;
    let mut data = Vec::with_capacity(train.len());
    for (s, tags) in train.iter().zip(&train_tags) {
        let n = s.tokens.len();
        let ok = n > 0
            && s.tokens
                .iter()
                .all(|t| t.head.is_some_and(|h| h as usize <= n));
        if !ok {
            continue;
        }
        let forms = s.forms();
        let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
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
                        .filter(|&id| id < 127)
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
        data.push(GoldSent {
            inp: Input::new(&forms, &tags),
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
    let dev_tags: Vec<Vec<&str>> = dev
        .iter()
        .map(|s| predicted_tags(tagger, &s.forms()))
        .collect();
    let mut parser = Parser {
        labels,
        root: 0,
        weights: Weights::default(),
        info: String::new(),
    };
    let nc = parser.num_classes();
    let root = 0usize;
    let mut tw = TrainWeights {
        map: HashMap::default(),
        step: 0,
    };
    let mut rng = XorShift(cfg.seed.max(1));
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::with_capacity(128);
    let mut scores = vec![0f32; nc];
    let mut cost = vec![0u32; nc];
    let mut best: Option<(f64, Weights, usize, ParseScores)> = None;
    for epoch in 1..=cfg.epochs.max(1) {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let explore = epoch >= cfg.explore_from;
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let g = &data[si];
            let mut st = State::new(g.head.len());
            while !st.terminal() {
                if let Some(c) = forced(&st, root) {
                    st.apply(c);
                    continue;
                }
                tw.step += 1;
                st.features(&g.inp, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                tw.score(&feats, &mut scores);
                costs(&st, g, &mut cost);
                let min = (0..nc)
                    .filter(|&c| st.legal(c, root))
                    .map(|c| cost[c])
                    .min()
                    .unwrap_or(0);
                let guess = best_legal(&scores, &st, root, |_| true);
                let truth = best_legal(&scores, &st, root, |c| cost[c] == min);
                total += 1;
                if cost[guess] > min {
                    tw.update(&feats, truth as u16, guess as u16);
                } else {
                    right += 1;
                }
                let next = if explore && rng.unit() < cfg.explore_p {
                    guess
                } else {
                    truth
                };
                st.apply(next);
            }
        }
        parser.weights = tw.averaged(cfg.prune);
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
        parser.info = format!(
            "arc-hybrid, dynamic oracle, averaged perceptron; {} training sentences; epoch \
             {epoch} of {} kept (dev UAS {:.2}%, LAS {:.2}%); prune {}",
            data.len(),
            cfg.epochs,
            s.uas * 100.0,
            s.las * 100.0,
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
        GoldSent {
            inp: Input::new(&refs, &[]),
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
            let nc = 5; // labels 0 (root) and 1
            let mut cost = vec![0; nc];
            while !st.terminal() {
                costs(&st, &g, &mut cost);
                let c = (0..nc)
                    .find(|&c| st.legal(c, 0) && cost[c] == 0)
                    .unwrap_or_else(|| panic!("no zero-cost move for {heads:?}"));
                st.apply(c);
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
                    let legal: Vec<usize> = (0..5).filter(|&c| st.legal(c, 0)).collect();
                    assert!(!legal.is_empty());
                    st.apply(legal[(rng.next() % legal.len() as u64) as usize]);
                    steps += 1;
                }
                assert_eq!(steps, 2 * n);
                let roots = st.head[..n].iter().filter(|&&h| h == n as u32).count();
                assert_eq!(roots, 1);
            }
        }
    }

    #[test]
    fn features_are_stable_and_distinct() {
        let inp = Input::new(&["The", "dog", "barks"], &["DET", "NOUN", "VERB"]);
        let mut st = State::new(3);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        st.features(&inp, &mut a);
        st.apply(0);
        st.features(&inp, &mut b);
        assert_eq!(a.len(), b.len());
        assert_ne!(a, b);
        assert_eq!(a[0], b[0], "bias feature");
        assert_ne!(tag_value("VERB", "barked"), tag_value("VERB", "barks"));
        assert_eq!(tag_value("NOUN", "dogs"), tag_value("NOUN", "cats"));
        assert_eq!(universal("nsubj:pass"), "nsubj");
    }
}
