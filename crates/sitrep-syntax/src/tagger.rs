//! The averaged-perceptron tagger: greedy, left to right, predicting a joint `UPOS|XPOS`
//! label per word from hashed features, with a tag dictionary for frequent unambiguous words.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use crate::binfmt::{self, Buf, Reader};
use crate::lemma::{Lemmatizer, StrMap};
use crate::table::{TagScratch, TaggerTable};
use crate::SyntaxError;

/// Hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// Hash-map builder for pre-hashed keys.
pub(crate) type IdBuild = BuildHasherDefault<IdHasher>;

/// Incremental FNV-style feature hash.
#[derive(Clone, Copy)]
struct FHash(u64);

impl FHash {
    fn new(template: u8) -> FHash {
        FHash((0xcbf2_9ce4_8422_2325 ^ u64::from(template)).wrapping_mul(0x0100_0000_01b3))
    }
    fn bytes(mut self, b: &[u8]) -> FHash {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        self
    }
    fn num(self, n: u32) -> FHash {
        self.bytes(&n.to_le_bytes())
    }
    /// splitmix64 finalizer, so that low and high bits are both well mixed.
    fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Maps typographic quotes and apostrophes to the ASCII ones the treebank uses.
pub fn normalize_form(form: &str) -> Cow<'_, str> {
    if form.is_ascii() {
        return Cow::Borrowed(form);
    }
    let needs = form.chars().any(|c| {
        matches!(
            c,
            '\u{2018}'
                | '\u{2019}'
                | '\u{201a}'
                | '\u{201b}'
                | '\u{201c}'
                | '\u{201d}'
                | '\u{201e}'
        )
    });
    if !needs {
        return Cow::Borrowed(form);
    }
    Cow::Owned(
        form.chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
                c => c,
            })
            .collect(),
    )
}

/// Word shape: `X` upper, `x` lower, `d` digit, other characters kept; runs longer than two
/// collapsed; at most 12 characters.
fn shape(word: &str) -> String {
    let mut s = String::with_capacity(12);
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if m == last {
            run += 1;
        } else {
            run = 1;
            last = m;
        }
        if run <= 2 {
            s.push(m);
            if s.len() >= 12 {
                break;
            }
        }
    }
    s
}

/// Per-word information computed once per sentence.
pub(crate) struct WordInfo<'a> {
    form: Cow<'a, str>,
    lower: String,
    shape: String,
    /// Ambiguity class: bit set of the labels' UPOS seen with this word in training
    /// (0 for rare or unseen words).
    pub(crate) amb: u32,
}

impl WordInfo<'_> {
    /// The normalized form.
    pub(crate) fn form_str(&self) -> &str {
        &self.form
    }
}

/// Computes the per-word information of a sentence.
pub(crate) fn prepare<'a>(words: &[&'a str], ambig: &StrMap<u32>) -> Vec<WordInfo<'a>> {
    words
        .iter()
        .map(|w| {
            let form = normalize_form(w);
            let lower = form.to_lowercase();
            let shape = shape(&form);
            let amb = ambig.get(&lower).copied().unwrap_or(0);
            WordInfo {
                form,
                lower,
                shape,
                amb,
            }
        })
        .collect()
}

const START: u32 = u32::MAX;
const START2: u32 = u32::MAX - 1;

/// Byte offset after the first `k` chars (or the whole string).
fn prefix_end(s: &str, k: usize) -> usize {
    s.char_indices().nth(k).map_or(s.len(), |(i, _)| i)
}

/// Byte offset of the last `k` chars (or 0).
fn suffix_start(s: &str, k: usize) -> usize {
    if k == 0 {
        return s.len();
    }
    s.char_indices().rev().nth(k - 1).map_or(0, |(i, _)| i)
}

/// Scratch space for tagging one sentence.
struct TagWork {
    feats: Vec<u64>,
    scores: Vec<f32>,
    scratch: TagScratch,
    /// Words tagged VBN by the model, with the margin of that score over VBD's.
    vbn: Vec<(usize, f32)>,
}

/// Hashed features of word `i` given the two previous predicted labels.
pub(crate) fn features(sent: &[WordInfo<'_>], i: usize, p1: u32, p2: u32, out: &mut Vec<u64>) {
    out.clear();
    let w = &sent[i];
    let lower = w.lower.as_bytes();
    let word = |j: isize| -> &[u8] {
        if j < 0 {
            if j == -1 {
                b"<s>"
            } else {
                b"<s2>"
            }
        } else {
            match sent.get(j as usize) {
                Some(x) => x.lower.as_bytes(),
                None if j as usize == sent.len() => b"</s>",
                None => b"</s2>",
            }
        }
    };
    let ii = i as isize;
    out.push(FHash::new(0).finish());
    out.push(FHash::new(1).bytes(lower).finish());
    out.push(FHash::new(2).bytes(w.form.as_bytes()).finish());
    let nchars = w.lower.chars().count();
    for k in 1..=4usize.min(nchars) {
        let suf = &w.lower[suffix_start(&w.lower, k)..];
        out.push(FHash::new(3).num(k as u32).bytes(suf.as_bytes()).finish());
        let pre = &w.lower[..prefix_end(&w.lower, k)];
        out.push(FHash::new(4).num(k as u32).bytes(pre.as_bytes()).finish());
    }
    out.push(FHash::new(5).bytes(w.shape.as_bytes()).finish());
    let first = w.form.chars().next();
    let upper_first = first.is_some_and(char::is_uppercase);
    let all_upper = w.form.chars().any(char::is_alphabetic)
        && !w.form.chars().any(char::is_lowercase)
        && w.form.chars().count() > 1;
    let flags = u32::from(w.form.contains('-'))
        | u32::from(w.form.chars().any(|c| c.is_ascii_digit())) << 1
        | u32::from(upper_first) << 2
        | u32::from(all_upper) << 3
        | u32::from(i == 0) << 4;
    out.push(FHash::new(6).num(flags).finish());
    out.push(FHash::new(7).num(p1).finish());
    out.push(FHash::new(8).num(p2).finish());
    out.push(FHash::new(9).num(p1).num(p2).finish());
    out.push(FHash::new(10).num(p1).bytes(lower).finish());
    let wm1 = word(ii - 1);
    let wp1 = word(ii + 1);
    out.push(FHash::new(11).bytes(wm1).finish());
    out.push(
        FHash::new(12)
            .bytes(&wm1[suffix_start_b(wm1, 3)..])
            .finish(),
    );
    out.push(FHash::new(13).bytes(word(ii - 2)).finish());
    out.push(FHash::new(14).bytes(wp1).finish());
    out.push(
        FHash::new(15)
            .bytes(&wp1[suffix_start_b(wp1, 3)..])
            .finish(),
    );
    out.push(FHash::new(16).bytes(word(ii + 2)).finish());
    out.push(FHash::new(17).bytes(wm1).bytes(lower).finish());
    out.push(FHash::new(18).bytes(lower).bytes(wp1).finish());
    let shp = |j: usize| sent.get(j).map_or("<>", |x| x.shape.as_str());
    out.push(FHash::new(19).bytes(shp(i + 1).as_bytes()).finish());
    out.push(FHash::new(20).num(p1).bytes(wp1).finish());
    let suf3 = &w.lower[suffix_start(&w.lower, 3)..];
    out.push(FHash::new(21).num(p1).bytes(suf3.as_bytes()).finish());
    out.push(FHash::new(22).bytes(wm1).bytes(lower).bytes(wp1).finish());
    let amb = |j: isize| -> u32 {
        if j < 0 {
            u32::MAX
        } else {
            sent.get(j as usize).map_or(u32::MAX - 1, |x| x.amb)
        }
    };
    let (a0, a1, a2, am1) = (amb(ii), amb(ii + 1), amb(ii + 2), amb(ii - 1));
    out.push(FHash::new(23).num(a0).finish());
    out.push(FHash::new(24).num(a1).finish());
    out.push(FHash::new(25).num(a2).finish());
    out.push(FHash::new(26).num(a0).num(a1).finish());
    out.push(FHash::new(27).num(p1).num(a1).finish());
    out.push(FHash::new(28).num(a1).num(a2).finish());
    out.push(FHash::new(29).num(am1).num(a0).finish());
    out.push(FHash::new(30).num(a1).bytes(lower).finish());
}

/// Byte offset of the last `k` chars of a UTF-8 byte string.
fn suffix_start_b(b: &[u8], k: usize) -> usize {
    let s = std::str::from_utf8(b).unwrap_or("");
    suffix_start(s, k)
}

/// Averaged, pruned weights: feature hash -> sparse (class, weight) row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Weights {
    pub index: HashMap<u64, (u32, u32), IdBuild>,
    pub classes: Vec<u16>,
    pub values: Vec<f32>,
}

impl Weights {
    /// The mean of several weight tables over classes `0..width` (a feature missing from a
    /// table counts as zero there): a linear model whose scores are the mean of theirs.
    /// Rows come out sorted by class, features in key order.
    pub(crate) fn mean(tables: &[&Weights], width: usize) -> Weights {
        let mut keys: Vec<u64> = tables
            .iter()
            .flat_map(|w| w.index.keys().copied())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let k = tables.len().max(1) as f32;
        let mut row = vec![0f32; width];
        let mut out = Weights::default();
        for key in keys {
            row.iter_mut().for_each(|v| *v = 0.0);
            for w in tables {
                if let Some((classes, values)) = w.row(&key) {
                    for (&c, &v) in classes.iter().zip(values) {
                        if let Some(r) = row.get_mut(usize::from(c)) {
                            *r += v;
                        }
                    }
                }
            }
            let start = out.classes.len() as u32;
            for (c, &v) in row.iter().enumerate() {
                if v != 0.0 {
                    out.classes.push(c as u16);
                    out.values.push(v / k);
                }
            }
            let len = out.classes.len() as u32 - start;
            if len > 0 {
                out.index.insert(key, (start, len));
            }
        }
        out
    }

    /// The row of feature `f`: its classes and weights.
    pub fn row(&self, f: &u64) -> Option<(&[u16], &[f32])> {
        let &(start, len) = self.index.get(f)?;
        let (a, b) = (start as usize, start as usize + len as usize);
        Some((self.classes.get(a..b)?, self.values.get(a..b)?))
    }

    /// Adds the rows of `feats` into `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&(start, len)) = self.index.get(f) {
                let (a, b) = (start as usize, (start + len) as usize);
                for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                    if let Some(s) = scores.get_mut(*c as usize) {
                        *s += v;
                    }
                }
            }
        }
    }
}

/// Index of the best score (the lowest index on ties).
pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// One word's analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis<'m> {
    /// Universal POS tag.
    pub upos: &'m str,
    /// Penn Treebank tag.
    pub xpos: &'m str,
    /// Lemma.
    pub lemma: String,
}

/// A trained tagger and lemmatizer.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Joint labels: (UPOS, XPOS).
    pub(crate) labels: Vec<(String, String)>,
    pub(crate) weights: Weights,
    pub(crate) tagdict: StrMap<u16>,
    /// Ambiguity classes of frequent lowercased words.
    pub(crate) ambig: StrMap<u32>,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) info: String,
    /// `weights` laid out for fast tagging; without it, tagging scores with `weights`. Built
    /// from `weights` once they are final (see [`TaggerTable::build`]).
    pub(crate) fast: Option<TaggerTable>,
    /// Which labels are which verb forms, for the finite-verb repair (derived from `labels`).
    pub(crate) verbs: VerbLabels,
}

/// The labels the finite-verb repair reads, found once from a model's label list.
#[derive(Debug, Clone, Default)]
pub(crate) struct VerbLabels {
    /// `VERB|VBN`, the past participle the repair may change.
    vbn: Option<u16>,
    /// `VERB|VBD`, what it becomes.
    vbd: Option<u16>,
    /// Per label: 1 for a finite XPOS (VBD, VBZ, VBP, MD), 2 for VB (finite unless after
    /// "to"), 0 otherwise.
    finite: Vec<u8>,
}

impl VerbLabels {
    pub(crate) fn new(labels: &[(String, String)]) -> VerbLabels {
        let find = |u: &str, x: &str| {
            labels
                .iter()
                .position(|(a, b)| a == u && b == x)
                .map(|i| i as u16)
        };
        VerbLabels {
            vbn: find("VERB", "VBN"),
            vbd: find("VERB", "VBD"),
            finite: labels
                .iter()
                .map(|(_, x)| match x.as_str() {
                    "VBD" | "VBZ" | "VBP" | "MD" => 1,
                    "VB" => 2,
                    _ => 0,
                })
                .collect(),
        }
    }
}

/// Models are equal when what they are made of is (`fast` is derived from `weights`).
impl PartialEq for Tagger {
    fn eq(&self, other: &Tagger) -> bool {
        self.labels == other.labels
            && self.weights == other.weights
            && self.tagdict == other.tagdict
            && self.ambig == other.ambig
            && self.lemmatizer == other.lemmatizer
            && self.info == other.info
    }
}

impl Tagger {
    /// Number of joint labels.
    pub fn num_labels(&self) -> usize {
        self.labels.len()
    }

    /// UPOS of a label index (`X` for an unknown index).
    pub fn upos(&self, label: u16) -> &str {
        self.labels
            .get(label as usize)
            .map_or("X", |l| l.0.as_str())
    }

    /// XPOS of a label index (`_` for an unknown index).
    pub fn xpos(&self, label: u16) -> &str {
        self.labels
            .get(label as usize)
            .map_or("_", |l| l.1.as_str())
    }

    /// The lemmatizer.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Free-text description of how the model was trained.
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Number of features with nonzero weights and of stored weights.
    pub fn sizes(&self) -> (usize, usize) {
        (self.weights.index.len(), self.weights.values.len())
    }

    /// Tags one sentence; returns a label index per word.
    pub fn tag(&self, words: &[&str]) -> Vec<u16> {
        let sent = prepare(words, &self.ambig);
        self.tag_prepared(&sent)
    }

    /// Tags one sentence with the model alone, without the finite-verb repair of
    /// [`Tagger::tag`]: the tags the parser is trained on (jackknifed) and chooses its epoch
    /// by, as for the shipped `parser.bin` (models/README.md says why).
    pub(crate) fn tag_model_only(&self, words: &[&str]) -> Vec<u16> {
        let sent = prepare(words, &self.ambig);
        let mut out = Vec::with_capacity(sent.len());
        self.tag_from(&sent, &mut out, &mut self.work());
        out
    }

    fn work(&self) -> TagWork {
        TagWork {
            feats: Vec::with_capacity(48),
            scores: vec![0f32; self.labels.len()],
            scratch: TagScratch::default(),
            vbn: Vec::new(),
        }
    }

    pub(crate) fn tag_prepared(&self, sent: &[WordInfo<'_>]) -> Vec<u16> {
        let mut out: Vec<u16> = Vec::with_capacity(sent.len());
        let mut work = self.work();
        self.tag_from(sent, &mut out, &mut work);
        if let Some((i, vbd)) = self.finite_repair(sent, &out, &work.vbn) {
            out.truncate(i);
            out.push(vbd);
            self.tag_from(sent, &mut out, &mut work);
        }
        out
    }

    /// Tags `sent[out.len()..]`, appending to `out`; notes in `work.vbn` each word the model
    /// tagged as a verb's past participle, with its score's margin over the past tense.
    fn tag_from(&self, sent: &[WordInfo<'_>], out: &mut Vec<u16>, work: &mut TagWork) {
        for i in out.len()..sent.len() {
            if let Some(&l) = self.tagdict.get(sent[i].form.as_ref()) {
                out.push(l);
                continue;
            }
            let p1 = if i >= 1 { u32::from(out[i - 1]) } else { START };
            let p2 = if i >= 2 {
                u32::from(out[i - 2])
            } else {
                START2
            };
            features(sent, i, p1, p2, &mut work.feats);
            let scores = &mut work.scores;
            scores.iter_mut().for_each(|s| *s = 0.0);
            match &self.fast {
                Some(t) => t.score(&work.feats, &mut work.scratch, scores),
                None => self.weights.score(&work.feats, scores),
            }
            let best = argmax(scores) as u16;
            if let (Some(vbn), Some(vbd)) = (self.verbs.vbn, self.verbs.vbd) {
                if best == vbn {
                    let margin = scores[usize::from(vbn)] - scores[usize::from(vbd)];
                    work.vbn.push((i, margin));
                }
            }
            out.push(best);
        }
    }

    /// The finite-verb repair: in a sentence the model gave no finite verb (no VBD, VBZ, VBP,
    /// MD, nor a VB that is not after "to") but a verb's past participle, one participle is
    /// a past tense ("Dozens of people protested outside the embassy": after a plural noun
    /// the model prefers VBN). Not in headline capitals ("Guatemala ex-VP Arrested"), and
    /// never a participle after a form of "be", "have" or "get", after a determiner,
    /// possessive, adjective, number, preposition or comma, before "by", or hyphenated. Of
    /// the rest, the one whose VBN score was the least ahead of VBD. Returns its position and
    /// the VBD label.
    fn finite_repair(
        &self,
        sent: &[WordInfo<'_>],
        out: &[u16],
        vbn: &[(usize, f32)],
    ) -> Option<(usize, u16)> {
        if vbn.is_empty() {
            return None;
        }
        let finite =
            out.iter()
                .enumerate()
                .any(|(i, &l)| match self.verbs.finite.get(usize::from(l)) {
                    Some(1) => true,
                    Some(2) => i == 0 || sent[i - 1].lower != "to",
                    _ => false,
                });
        if finite {
            return None;
        }
        // headline capitals (three in four longer words: "Guatemala ex-VP Arrested, President
        // Implicated in Scandal"): there a participle is usual
        let (mut words, mut capitalized) = (0, 0);
        for w in &sent[1..] {
            if w.form.chars().count() >= 4 && w.form.chars().any(char::is_lowercase) {
                words += 1;
                capitalized += usize::from(w.form.starts_with(char::is_uppercase));
            }
        }
        if words > 0 && 4 * capitalized >= 3 * words {
            return None;
        }
        let aux = |j: usize| {
            matches!(
                sent[j].lower.as_ref(),
                "be" | "been" | "being" | "have" | "having" | "get" | "got" | "getting" | "gotten"
            )
        };
        let xpos = |j: usize| self.labels[usize::from(out[j])].1.as_str();
        // after a determiner, possessive, adjective, number or preposition a participle
        // modifies a noun ("its one authorized market"); before "by" it is a passive
        let adjectival = |i: usize| {
            i >= 1
                && matches!(
                    xpos(i - 1),
                    "DT" | "PRP$" | "POS" | "JJ" | "JJR" | "JJS" | "CD" | "IN" | "TO" | "WDT"
                )
        };
        let passive = |i: usize| sent.get(i + 1).is_some_and(|w| w.lower == "by");
        // after a comma a participle opens a phrase of its own ("informers, known as"); a
        // hyphenated one is an adjective ("US-supported")
        let phrase = |i: usize| sent[i - 1].form == "," || sent[i].form.contains('-');
        let (i, _) = vbn
            .iter()
            .copied()
            .filter(|&(i, _)| !(i >= 1 && aux(i - 1) || i >= 2 && aux(i - 2)))
            .filter(|&(i, _)| i >= 1 && !adjectival(i) && !passive(i) && !phrase(i))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        Some((i, self.verbs.vbd?))
    }

    /// Tags and lemmatizes one sentence.
    pub fn analyze(&self, words: &[&str]) -> Vec<Analysis<'_>> {
        let sent = prepare(words, &self.ambig);
        let labels = self.tag_prepared(&sent);
        sent.iter()
            .zip(labels)
            .map(|(w, l)| {
                let (upos, xpos) = (self.upos(l), self.xpos(l));
                Analysis {
                    upos,
                    xpos,
                    lemma: self.lemmatizer.lemma(&w.form, upos, xpos),
                }
            })
            .collect()
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut meta = Buf::default();
        meta.str(&self.info);
        let mut labl = Buf::default();
        labl.u32(self.labels.len() as u32);
        for (u, x) in &self.labels {
            labl.str(u);
            labl.str(x);
        }
        let mut tdic = Buf::default();
        let mut td: Vec<(&String, &u16)> = self.tagdict.iter().collect();
        td.sort();
        tdic.u32(td.len() as u32);
        for (w, l) in td {
            tdic.str(w);
            tdic.u16(*l);
        }
        let mut ambc = Buf::default();
        let mut am: Vec<(&String, &u32)> = self.ambig.iter().collect();
        am.sort();
        ambc.u32(am.len() as u32);
        for (w, m) in am {
            ambc.str(w);
            ambc.u32(*m);
        }
        let mut feat = Buf::default();
        let mut idx: Vec<(&u64, &(u32, u32))> = self.weights.index.iter().collect();
        idx.sort();
        feat.u32(idx.len() as u32);
        for (h, &(start, len)) in idx {
            feat.u64(*h);
            feat.u16(len as u16);
            let (a, b) = (start as usize, (start + len) as usize);
            for (c, v) in self.weights.classes[a..b]
                .iter()
                .zip(&self.weights.values[a..b])
            {
                feat.u16(*c);
                feat.f32(*v);
            }
        }
        binfmt::assemble(&[
            (*b"META", meta),
            (*b"LABL", labl),
            (*b"TDIC", tdic),
            (*b"AMBC", ambc),
            (*b"FEAT", feat),
            (*b"LEMM", self.lemmatizer.write()),
        ])
    }

    /// The average of taggers trained on the same treebank (with different seeds, say): the
    /// mean of their weights, so tagging with it decodes their ensemble at the cost of one
    /// model. They must have the same labels, tag dictionary and ambiguity classes (training
    /// derives those from the data alone); the lemmatizer is the first one's. `info`
    /// describes the result.
    pub fn average(taggers: &[Tagger], info: &str) -> Result<Tagger, SyntaxError> {
        let Some(first) = taggers.first() else {
            return Err(SyntaxError::Training("no taggers to average".to_string()));
        };
        if taggers.iter().any(|t| {
            t.labels != first.labels || t.tagdict != first.tagdict || t.ambig != first.ambig
        }) {
            return Err(SyntaxError::Training(
                "taggers to average must have the same labels, tag dictionary and ambiguity \
                 classes"
                    .to_string(),
            ));
        }
        let tables: Vec<&Weights> = taggers.iter().map(|t| &t.weights).collect();
        let weights = Weights::mean(&tables, first.labels.len());
        Ok(Tagger {
            labels: first.labels.clone(),
            fast: TaggerTable::build(&weights),
            weights,
            tagdict: first.tagdict.clone(),
            ambig: first.ambig.clone(),
            lemmatizer: first.lemmatizer.clone(),
            info: info.to_string(),
            verbs: first.verbs.clone(),
        })
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        binfmt::write_file(path, &self.to_bytes())
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Tagger, SyntaxError> {
        Tagger::from_bytes(&binfmt::read_file(path)?, path)
    }

    /// Reads a model from bytes; `name` is used in error messages.
    pub fn from_bytes(bytes: &[u8], name: &Path) -> Result<Tagger, SyntaxError> {
        let sections = binfmt::sections(bytes, name)?;
        let mut info = String::new();
        let mut labels = None;
        let mut tagdict = None;
        let mut weights = None;
        let mut ambig = None;
        let mut lemmatizer = None;
        for (tag, mut r) in sections {
            match &tag {
                b"META" => info = r.str()?.to_string(),
                b"LABL" => {
                    let n = r.count(8)?;
                    let mut v = Vec::with_capacity(n);
                    for _ in 0..n {
                        let u = r.str()?.to_string();
                        v.push((u, r.str()?.to_string()));
                    }
                    labels = Some(v);
                }
                b"TDIC" => {
                    let n = r.count(6)?;
                    let mut m = StrMap::with_capacity_and_hasher(n, Default::default());
                    for _ in 0..n {
                        let w = r.str()?.to_string();
                        m.insert(w, r.u16()?);
                    }
                    tagdict = Some(m);
                }
                b"AMBC" => {
                    let n = r.count(8)?;
                    let mut m = StrMap::with_capacity_and_hasher(n, Default::default());
                    for _ in 0..n {
                        let w = r.str()?.to_string();
                        m.insert(w, r.u32()?);
                    }
                    ambig = Some(m);
                }
                b"FEAT" => weights = Some(read_weights(&mut r)?),
                b"LEMM" => lemmatizer = Some(Lemmatizer::read(&mut r)?),
                _ => {} // unknown sections are skipped
            }
        }
        let missing = |s: &str| SyntaxError::Model {
            path: name.to_path_buf(),
            message: format!("missing section {s}"),
        };
        let labels = labels.ok_or_else(|| missing("LABL"))?;
        let tagdict: StrMap<u16> = tagdict.ok_or_else(|| missing("TDIC"))?;
        let weights = weights.ok_or_else(|| missing("FEAT"))?;
        let n = labels.len();
        let bad_label = tagdict.values().any(|&l| l as usize >= n)
            || weights.classes.iter().any(|&c| c as usize >= n);
        if bad_label || n == 0 {
            return Err(SyntaxError::Model {
                path: name.to_path_buf(),
                message: "label index out of range".to_string(),
            });
        }
        Ok(Tagger {
            verbs: VerbLabels::new(&labels),
            labels,
            fast: TaggerTable::build(&weights),
            weights,
            tagdict,
            ambig: ambig.ok_or_else(|| missing("AMBC"))?,
            lemmatizer: lemmatizer.ok_or_else(|| missing("LEMM"))?,
            info,
        })
    }
}

fn read_weights(r: &mut Reader<'_>) -> Result<Weights, SyntaxError> {
    let n = r.count(10)?;
    let mut w = Weights {
        index: HashMap::with_capacity_and_hasher(n, IdBuild::default()),
        classes: Vec::with_capacity(n * 2),
        values: Vec::with_capacity(n * 2),
    };
    for _ in 0..n {
        let h = r.u64()?;
        let len = r.u16()?;
        let start = w.classes.len() as u32;
        for _ in 0..len {
            w.classes.push(r.u16()?);
            w.values.push(r.f32()?);
        }
        w.index.insert(h, (start, u32::from(len)));
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_normalization() {
        assert_eq!(shape("Hezbollah"), "Xxx");
        assert_eq!(shape("50,000"), "dd,dd");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(normalize_form("Iraq’s"), "Iraq's");
        assert_eq!(normalize_form("“"), "\"");
        assert!(matches!(normalize_form("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn features_depend_on_context_and_history() {
        let none = StrMap::default();
        let s = prepare(&["The", "dog", "barks"], &none);
        let mut a = Vec::new();
        let mut b = Vec::new();
        features(&s, 1, 3, START, &mut a);
        features(&s, 1, 4, START, &mut b);
        assert_eq!(a.len(), b.len());
        assert_ne!(a, b);
        // Word identity features are shared.
        assert_eq!(a[1], b[1]);
        let t = prepare(&["A", "dog", "runs"], &none);
        let mut c = Vec::new();
        features(&t, 1, 3, START, &mut c);
        assert_eq!(a[1], c[1]);
        assert_ne!(a, c);
        // Odd input: empty and non-ASCII words do not panic.
        let u = prepare(&["", "é", "日本語テキスト"], &none);
        for i in 0..3 {
            features(&u, i, START, START2, &mut c);
            assert!(c.len() > 10);
        }
    }

    #[test]
    fn argmax_prefers_first_on_ties() {
        assert_eq!(argmax(&[1.0, 3.0, 3.0]), 1);
        assert_eq!(argmax(&[]), 0);
    }
}
