//! The parser's weights laid out for fast scoring at inference time.
//!
//! Training and the model files work with [`Weights`] (a hash map from feature key to a row
//! of `(class, weight)` pairs in two side arrays). Looking a feature up there costs up to four
//! dependent cache misses (control bytes, bucket, classes and values), and with ~125 look-ups
//! per parser transition over tables much larger than the cache, those misses are most of the
//! time spent parsing. [`ParserTable`] is instead:
//!
//! - a flat open-addressing table (linear probing, load factor at most one half) of 8-byte
//!   slots holding the 32-bit key and where its row is;
//! - rows of 3-byte entries (8-bit class, 16-bit weight), transitions first, laid out longest
//!   row first, so that the rows of frequent features (the long ones) share cache lines;
//! - dense rows for the few features with many labels (frequent ones), added by a vectorized
//!   loop.
//!
//! Scoring reads the home slot of every feature in a loop of independent loads, then touches
//! the first entry of every row the same way, so that the memory system overlaps the misses.
//!
//! Scores are bit-for-bit those of [`Weights`]: the weights are 16-bit integers times one
//! scale (the model file's), and `f32::from(q) * scale` is the very `f32` the model reader
//! computed; they are added in the same order; and where a row has no weight for a class,
//! adding `0.0` changes no sum (at most the sign of a zero, which no comparison sees).

use crate::tagger::Weights;

/// Number of parser transitions (classes `0..NT`); label classes follow.
pub(crate) const NT: usize = 3;

/// "Not found" and "look further" marks of the first scoring pass.
const MISS: u32 = u32::MAX;
const PROBE: u32 = u32::MAX - 1;

/// Slot `meta` of a free slot (the same as [`MISS`]).
const FREE: u32 = MISS;
/// Label count standing for a dense row (6 bits).
const DENSE: u32 = 63;
/// Rows with at least this many labels are stored dense: the few features with such rows are
/// the frequent ones, and a dense row is added by a vectorized loop.
const DENSE_MIN: usize = 24;
/// Largest row start (24 bits, leaving [`FREE`] unused).
const MAX_START: usize = (1 << 24) - 2;

/// `v` as an `i16` multiple of `scale`, when it is exactly one.
pub(crate) fn quantize(v: f32, scale: f32) -> Option<i16> {
    if !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    let q = (v / scale).round();
    if !(f32::from(i16::MIN)..=f32::from(i16::MAX)).contains(&q) {
        return None;
    }
    let q = q as i16;
    (weight(q, scale).to_bits() == v.to_bits()).then_some(q)
}

/// The `f32` a stored weight stands for.
#[inline(always)]
fn weight(q: i16, scale: f32) -> f32 {
    f32::from(q) * scale
}

/// An entry of a sparse row: class (`class - NT` for labels), then the weight, little-endian.
type Entry = [u8; 3];

#[inline(always)]
fn entry_value(e: &Entry) -> i16 {
    i16::from_le_bytes([e[1], e[2]])
}

/// The parser's merged weights (transition classes `0..NT`, then label classes), keyed by the
/// low 32 bits of the feature hashes, with 16-bit weights.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParserTable {
    mask: u32,
    scale: f32,
    /// `(key, meta)`; `meta` is `start << 8 | transitions << 6 | labels` ([`DENSE`] labels: a
    /// dense row, `start` its index), or [`FREE`].
    slots: Vec<(u32, u32)>,
    /// Sparse rows: their transitions, then their labels.
    entries: Vec<Entry>,
    /// Number of label classes (the largest `class - NT`, plus one).
    width: usize,
    /// Dense rows of `NT + width` weights (zero where the row has none), as `f32`: they are
    /// few and frequently used, so they stay in cache and are added without conversions.
    dense: Vec<f32>,
}

/// Scratch space of [`ParserTable::score`], reused across calls.
#[derive(Default)]
pub(crate) struct Scratch {
    pos: Vec<u32>,
    rows: Vec<u32>,
}

impl ParserTable {
    /// Builds the table from merged weights whose keys are `spread` 32-bit keys, when every
    /// weight is an `i16` multiple of `scale` and every row is sorted by class with distinct
    /// classes (as training and the model reader make them); `None` otherwise, or when the
    /// table would not fit its 24-bit row starts.
    ///
    /// Keys that are not of the form `spread(k)` can never be looked up and are skipped.
    pub(crate) fn build(
        w: &Weights,
        scale: f32,
        spread: impl Fn(u32) -> u64,
    ) -> Option<ParserTable> {
        let width = w.classes.iter().map(|&c| usize::from(c) + 1).max();
        let width = width.unwrap_or(0).saturating_sub(NT);
        // Rows as (key, start, length), longest first.
        let mut rows: Vec<(u32, usize, usize)> = Vec::with_capacity(w.index.len());
        for (&k, &(a, len)) in &w.index {
            let key = k as u32;
            if spread(key) == k {
                rows.push((key, a as usize, len as usize));
            }
        }
        // (Then by start, so that reading the rows goes through `w` in order.)
        rows.sort_unstable_by(|x, y| (y.2, x.1, x.0).cmp(&(x.2, y.1, y.0)));
        let cap = (2 * rows.len()).max(2).next_power_of_two();
        let mask = u32::try_from(cap - 1).ok()?;
        let mut slots = vec![(0u32, FREE); cap];
        let mut entries: Vec<Entry> = Vec::with_capacity(w.values.len());
        let mut dense: Vec<f32> = Vec::new();
        for (key, a, len) in rows {
            let classes = w.classes.get(a..a + len)?;
            let values = w.values.get(a..a + len)?;
            if classes.windows(2).any(|p| p[0] >= p[1]) {
                return None;
            }
            // Sorted: the transitions come first.
            let nt = classes.iter().take_while(|&&c| usize::from(c) < NT).count();
            let nl = len - nt;
            let (start, nlab) = if nl >= DENSE_MIN {
                let at = dense.len();
                dense.resize(at + NT + width, 0.0);
                for (&c, &v) in classes.iter().zip(values) {
                    quantize(v, scale)?;
                    dense[at + usize::from(c)] = v;
                }
                (at / (NT + width), DENSE)
            } else {
                let at = entries.len();
                for (i, (&c, &v)) in classes.iter().zip(values).enumerate() {
                    let c = if i < nt { c } else { c - NT as u16 };
                    let [lo, hi] = quantize(v, scale)?.to_le_bytes();
                    entries.push([u8::try_from(c).ok()?, lo, hi]);
                }
                (at, nl as u32)
            };
            if start > MAX_START {
                return None;
            }
            let meta = (start as u32) << 8 | (nt as u32) << 6 | nlab;
            let mut i = key & mask;
            while slots[i as usize].1 != FREE {
                i = (i + 1) & mask;
            }
            slots[i as usize] = (key, meta);
        }
        Some(ParserTable {
            mask,
            scale,
            slots,
            entries,
            width,
            dense,
        })
    }

    /// Passes 1 to 3 of scoring: finds the rows of `feats` (their `meta`, in `scratch.rows`)
    /// and touches the start of each, so that their cache misses overlap.
    #[inline(always)]
    fn look_up(&self, feats: &[u64], scratch: &mut Scratch) {
        let (mask, slots) = (self.mask, &self.slots[..]);
        // Pass 1: the home slot of every feature. No load depends on another, so their cache
        // misses overlap; most look-ups end here (a hit, or a free slot).
        let pos = &mut scratch.pos;
        pos.clear();
        pos.extend(feats.iter().map(|&f| {
            let (k, i) = (f as u32, f as u32 & mask);
            let (key, meta) = slots[i as usize];
            // A free slot's `meta` is `MISS`; a select rather than branches keeps the loop
            // free of mispredictions.
            if key != k && meta != FREE {
                PROBE
            } else {
                meta
            }
        }));
        // Pass 2: finish the look-ups (the slots are now in cache).
        let rows = &mut scratch.rows;
        rows.clear();
        for (&f, &p) in feats.iter().zip(pos.iter()) {
            let meta = if p == PROBE {
                let k = f as u32;
                let mut i = (k & mask).wrapping_add(1) & mask;
                loop {
                    let (key, meta) = slots[i as usize];
                    if meta == FREE || key == k {
                        break meta;
                    }
                    i = (i + 1) & mask;
                }
            } else {
                p
            };
            if meta != MISS {
                rows.push(meta);
            }
        }
        // Pass 3: touch the start of every row, again with independent loads.
        let mut touch = 0u8;
        for &meta in rows.iter() {
            let start = (meta >> 8) as usize;
            touch ^= if meta & 63 == DENSE {
                0
            } else {
                self.entries.get(start).map_or(0, |e| e[0])
            };
        }
        std::hint::black_box(touch);
    }

    /// Adds the weights of `feats` (`spread` keys, of which the low 32 bits are used) to the
    /// transition scores and to the label scores (`lscores[class - NT]`), feature by feature
    /// in order, as scoring with [`Weights`] does.
    #[inline]
    pub(crate) fn score(
        &self,
        feats: &[u64],
        scratch: &mut Scratch,
        tscores: &mut [f32; NT],
        lscores: &mut [f32],
    ) {
        self.look_up(feats, scratch);
        let (scale, rows) = (self.scale, &scratch.rows);
        // Pass 4: add the rows in feature order.
        let width = self.width;
        for &meta in rows.iter() {
            let start = (meta >> 8) as usize;
            let nt = ((meta >> 6) & 3) as usize;
            let nl = (meta & 63) as usize;
            if nl == DENSE as usize {
                let a = start * (NT + width);
                let row = self.dense.get(a..a + NT + width).unwrap_or(&[]);
                let (t, l) = row.split_at(NT.min(row.len()));
                for (s, &v) in tscores.iter_mut().zip(t) {
                    *s += v;
                }
                for (s, &v) in lscores.iter_mut().zip(l) {
                    *s += v;
                }
                continue;
            }
            let row = self.entries.get(start..start + nt + nl).unwrap_or(&[]);
            let (t, l) = row.split_at(nt.min(row.len()));
            for e in t {
                if let Some(s) = tscores.get_mut(usize::from(e[0])) {
                    *s += weight(entry_value(e), scale);
                }
            }
            for e in l {
                if let Some(s) = lscores.get_mut(usize::from(e[0])) {
                    *s += weight(entry_value(e), scale);
                }
            }
        }
    }

    /// Looks the rows of `feats` up (kept in `scratch` for [`ParserTable::score_labels`]) and
    /// adds their transition weights to `tscores`, feature by feature in order.
    #[inline]
    pub(crate) fn score_transitions(
        &self,
        feats: &[u64],
        scratch: &mut Scratch,
        tscores: &mut [f32; NT],
    ) {
        self.look_up(feats, scratch);
        let (scale, rows) = (self.scale, &scratch.rows);
        // Pass 4: add the rows' transition weights in feature order.
        let width = self.width;
        for &meta in rows.iter() {
            let start = (meta >> 8) as usize;
            let nt = ((meta >> 6) & 3) as usize;
            if meta & 63 == DENSE {
                let a = start * (NT + width);
                let row = self.dense.get(a..a + NT).unwrap_or(&[]);
                for (s, &v) in tscores.iter_mut().zip(row) {
                    *s += v;
                }
                continue;
            }
            for e in self.entries.get(start..start + nt).unwrap_or(&[]) {
                if let Some(s) = tscores.get_mut(usize::from(e[0])) {
                    *s += weight(entry_value(e), scale);
                }
            }
        }
    }

    /// Adds the label weights of the rows that the last [`ParserTable::score_transitions`]
    /// looked up to `lscores[class - NT]`, feature by feature in order, for the label classes
    /// `class - NT` in `range` only (the others are left as they are).
    #[inline]
    pub(crate) fn score_labels(
        &self,
        scratch: &Scratch,
        range: std::ops::Range<usize>,
        lscores: &mut [f32],
    ) {
        let (scale, width) = (self.scale, self.width);
        let (lo, hi) = (range.start, range.end.min(width).min(lscores.len()));
        if lo >= hi {
            return;
        }
        let Some(out) = lscores.get_mut(lo..hi) else {
            return;
        };
        for &meta in scratch.rows.iter() {
            let start = (meta >> 8) as usize;
            let nt = ((meta >> 6) & 3) as usize;
            let nl = (meta & 63) as usize;
            if nl == DENSE as usize {
                let a = start * (NT + width) + NT;
                let row = self.dense.get(a + lo..a + hi).unwrap_or(&[]);
                for (s, &v) in out.iter_mut().zip(row) {
                    *s += v;
                }
                continue;
            }
            let a = start + nt;
            for e in self.entries.get(a..a + nl).unwrap_or(&[]) {
                // Sorted by class: nothing in range after the first class past it.
                let c = usize::from(e[0]);
                if c >= hi {
                    break;
                }
                if let Some(s) = c.checked_sub(lo).and_then(|i| out.get_mut(i)) {
                    *s += weight(entry_value(e), scale);
                }
            }
        }
    }
}

/// Slot length of a free tagger slot, and of a dense tagger row.
const T_FREE: u16 = u16::MAX;
const T_DENSE: u16 = u16::MAX - 1;
/// Tagger rows with at least this many weights are stored dense.
const T_DENSE_MIN: usize = 24;

/// The tagger's weights laid out like [`ParserTable`], with their full 64-bit keys and exact
/// `f32` weights.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaggerTable {
    mask: u64,
    /// `(key, start, len)`; `len` is [`T_FREE`] for a free slot, [`T_DENSE`] for a dense row
    /// (`start` is then its index).
    slots: Vec<(u64, u32, u16)>,
    /// Sparse rows of `(class, weight)`.
    entries: Vec<(u16, f32)>,
    /// Number of classes (the largest class, plus one).
    width: usize,
    /// Dense rows of `width` weights (zero where the row has none).
    dense: Vec<f32>,
}

/// Scratch space of [`TaggerTable::score`], reused across calls.
#[derive(Default)]
pub(crate) struct TagScratch {
    pos: Vec<u32>,
    rows: Vec<(u32, u16)>,
}

impl TaggerTable {
    /// Builds the table; `None` if it would not fit its 32-bit row starts.
    pub(crate) fn build(w: &Weights) -> Option<TaggerTable> {
        let width = w.classes.iter().map(|&c| usize::from(c) + 1).max();
        let width = width.unwrap_or(0);
        let mut rows: Vec<(u64, u32, u32)> =
            w.index.iter().map(|(k, &(a, n))| (*k, a, n)).collect();
        // Longest rows (frequent features) first, so that they share cache lines.
        rows.sort_unstable_by(|x, y| (y.2, x.0).cmp(&(x.2, y.0)));
        let cap = (2 * rows.len()).max(2).next_power_of_two();
        let mask = cap as u64 - 1;
        let mut slots = vec![(0u64, 0u32, T_FREE); cap];
        let mut entries = Vec::with_capacity(w.values.len());
        let mut dense = Vec::new();
        for (key, a, n) in rows {
            let (a, b) = (a as usize, a as usize + n as usize);
            let row = w.classes.get(a..b)?.iter().zip(w.values.get(a..b)?);
            let classes = &w.classes[a..b];
            let distinct = || {
                let mut seen = vec![false; width];
                classes
                    .iter()
                    .all(|&c| !std::mem::replace(&mut seen[usize::from(c)], true))
            };
            let (start, len) = if classes.len() >= T_DENSE_MIN && distinct() {
                let at = dense.len();
                dense.resize(at + width, 0.0);
                for (&c, &v) in row {
                    dense[at + usize::from(c)] = v;
                }
                (at / width.max(1), T_DENSE)
            } else {
                let at = entries.len();
                entries.extend(row.map(|(&c, &v)| (c, v)));
                let len = u16::try_from(n).ok().filter(|&l| l < T_DENSE)?;
                (at, len)
            };
            let start = u32::try_from(start).ok()?;
            let mut i = key & mask;
            while slots[i as usize].2 != T_FREE {
                i = (i + 1) & mask;
            }
            slots[i as usize] = (key, start, len);
        }
        Some(TaggerTable {
            mask,
            slots,
            entries,
            width,
            dense,
        })
    }

    /// Adds the rows of `feats` into `scores` in feature order, as [`Weights::score`] does.
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scratch: &mut TagScratch, scores: &mut [f32]) {
        let (mask, slots) = (self.mask, &self.slots[..]);
        // Pass 1: the home slot of every feature, with independent loads.
        let pos = &mut scratch.pos;
        pos.clear();
        pos.extend(feats.iter().map(|&k| {
            let i = (k & mask) as u32;
            let (key, _, len) = slots[i as usize];
            if len == T_FREE {
                MISS
            } else if key == k {
                i
            } else {
                PROBE
            }
        }));
        // Pass 2: finish the look-ups.
        let rows = &mut scratch.rows;
        rows.clear();
        for (&k, &p) in feats.iter().zip(pos.iter()) {
            let i = if p == PROBE {
                let mut i = (k & mask).wrapping_add(1) & mask;
                loop {
                    let (key, _, len) = slots[i as usize];
                    if len == T_FREE {
                        break MISS;
                    }
                    if key == k {
                        break i as u32;
                    }
                    i = (i + 1) & mask;
                }
            } else {
                p
            };
            if i != MISS {
                let (_, start, len) = slots[i as usize];
                rows.push((start, len));
            }
        }
        // Pass 3: touch the start of every row, again with independent loads.
        let mut touch = 0u16;
        for &(start, len) in rows.iter() {
            if len != T_DENSE {
                touch ^= self.entries.get(start as usize).map_or(0, |e| e.0);
            }
        }
        std::hint::black_box(touch);
        // Pass 4: add the rows in feature order.
        let width = self.width;
        for &(start, len) in rows.iter() {
            if len == T_DENSE {
                let a = start as usize * width;
                let row = self.dense.get(a..a + width).unwrap_or(&[]);
                for (s, &v) in scores.iter_mut().zip(row) {
                    *s += v;
                }
                continue;
            }
            let (a, b) = (start as usize, start as usize + usize::from(len));
            for &(c, v) in self.entries.get(a..b).unwrap_or(&[]) {
                if let Some(s) = scores.get_mut(usize::from(c)) {
                    *s += v;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::perceptron::XorShift;

    fn spread(k: u32) -> u64 {
        (u64::from(k) << 32) | u64::from(k)
    }

    /// Random weights: `n` rows of sorted distinct classes below `classes`, some rows long
    /// (dense), weights `i16` multiples of `scale`.
    fn random_weights(rng: &mut XorShift, n: usize, classes: u16, scale: f32) -> Weights {
        let mut w = Weights::default();
        for i in 0..n {
            let key = spread(rng.next() as u32);
            let start = w.classes.len() as u32;
            let p = if i % 10 == 0 { 0.6 } else { 0.05 };
            for c in 0..classes {
                if rng.unit() < p {
                    w.classes.push(c);
                    let q = (rng.next() % 20001) as i32 - 10000;
                    w.values.push(f32::from(q as i16) * scale);
                }
            }
            let len = w.classes.len() as u32 - start;
            if len > 0 {
                w.index.insert(key, (start, len));
            }
        }
        w
    }

    /// What the parser did before the table: transitions from the head of each row, then
    /// the labels.
    fn reference(w: &Weights, feats: &[u64], t: &mut [f32; NT], l: &mut [f32]) {
        for f in feats {
            if let Some(&(a, len)) = w.index.get(f) {
                let (a, b) = (a as usize, (a + len) as usize);
                for (&c, &v) in w.classes[a..b].iter().zip(&w.values[a..b]) {
                    let c = usize::from(c);
                    if c < NT {
                        t[c] += v;
                    } else if let Some(s) = l.get_mut(c - NT) {
                        *s += v;
                    }
                }
            }
        }
    }

    #[test]
    fn parser_table_scores_like_weights() {
        let mut rng = XorShift(7);
        let scale = 0.003_51_f32;
        let w = random_weights(&mut rng, 3000, 60, scale);
        let t = ParserTable::build(&w, scale, spread).expect("quantized weights");
        assert!(!t.dense.is_empty() && !t.entries.is_empty());
        let keys: Vec<u64> = w.index.keys().copied().collect();
        let mut scratch = Scratch::default();
        for round in 0..200 {
            // Known and unknown features, repeated ones too.
            let feats: Vec<u64> = (0..140)
                .map(|i| {
                    if (i + round) % 3 == 0 {
                        spread(rng.next() as u32)
                    } else {
                        keys[(rng.next() % keys.len() as u64) as usize]
                    }
                })
                .collect();
            let (mut t1, mut l1) = ([0f32; NT], vec![0f32; 57]);
            let (mut t2, mut l2) = ([0f32; NT], vec![0f32; 57]);
            reference(&w, &feats, &mut t1, &mut l1);
            t.score(&feats, &mut scratch, &mut t2, &mut l2);
            assert_eq!(t1, t2);
            assert_eq!(l1, l2);
            // In two steps, for a part of the labels: the same sums there, nothing elsewhere.
            let (mut t3, mut l3) = ([0f32; NT], vec![0f32; 57]);
            t.score_transitions(&feats, &mut scratch, &mut t3);
            assert_eq!(t1, t3);
            let lo = (rng.next() % 57) as usize;
            let hi = lo + (rng.next() % (58 - lo as u64)) as usize;
            t.score_labels(&scratch, lo..hi, &mut l3);
            for (i, (a, b)) in l1.iter().zip(&l3).enumerate() {
                let want = if (lo..hi).contains(&i) { *a } else { 0.0 };
                assert_eq!(want.to_bits(), b.to_bits(), "label {i} of {lo}..{hi}");
            }
        }
        // Weights that are not multiples of the scale, or unsorted rows: no table.
        let mut odd = w.clone();
        odd.values[0] += scale / 3.0;
        assert!(ParserTable::build(&odd, scale, spread).is_none());
        assert!(ParserTable::build(&w, 0.0, spread).is_none());
    }

    #[test]
    fn tagger_table_scores_like_weights() {
        let mut rng = XorShift(11);
        let mut w = random_weights(&mut rng, 3000, 50, 0.25);
        for v in &mut w.values {
            *v += 0.1;
        }
        let t = TaggerTable::build(&w).expect("table");
        assert!(!t.dense.is_empty() && !t.entries.is_empty());
        let keys: Vec<u64> = w.index.keys().copied().collect();
        let mut scratch = TagScratch::default();
        for _ in 0..200 {
            let feats: Vec<u64> = (0..40)
                .map(|i| {
                    if i % 4 == 0 {
                        rng.next()
                    } else {
                        keys[(rng.next() % keys.len() as u64) as usize]
                    }
                })
                .collect();
            let (mut a, mut b) = (vec![0f32; 50], vec![0f32; 50]);
            w.score(&feats, &mut a);
            t.score(&feats, &mut scratch, &mut b);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn quantize_is_exact_or_nothing() {
        let s = 0.0035_f32;
        assert_eq!(quantize(f32::from(1234i16) * s, s), Some(1234));
        assert_eq!(quantize(f32::from(-32768i16) * s, s), Some(-32768));
        assert_eq!(quantize(0.001, s), None);
        assert_eq!(quantize(1e9, s), None);
        assert_eq!(quantize(1.0, 0.0), None);
    }
}
