//! What the tagger and parser trainers share: the averaged perceptron's training weights (lazy
//! averaging) and a small deterministic random generator.

use std::collections::HashMap;

use crate::tagger::{IdBuild, Weights};

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    total: f64,
    ts: u32,
}

/// Weights under training, with the lazy-averaging bookkeeping.
#[derive(Default)]
pub(crate) struct TrainWeights {
    map: HashMap<u64, Vec<Entry>, IdBuild>,
    /// Number of training steps so far (the clock of the averaging).
    pub step: u32,
}

impl TrainWeights {
    /// Adds the weights of `feats` to `scores` (one slot per class).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(row) = self.map.get(f) {
                for e in row {
                    if let Some(s) = scores.get_mut(e.class as usize) {
                        *s += e.w;
                    }
                }
            }
        }
    }

    /// The perceptron update: `truth` up, `guess` down, for every feature.
    pub fn update(&mut self, feats: &[u64], truth: u16, guess: u16) {
        self.adjust(feats, truth, 1.0);
        self.adjust(feats, guess, -1.0);
    }

    /// Adds `delta` to the weights of `class` for every feature.
    pub fn adjust(&mut self, feats: &[u64], class: u16, delta: f32) {
        let now = self.step;
        for f in feats {
            let row = self.map.entry(*f).or_default();
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

    /// Averaged weights, dropping those below `prune` in magnitude.
    pub fn averaged(&self, prune: f32) -> Weights {
        let now = self.step.max(1);
        let mut keys: Vec<&u64> = self.map.keys().collect();
        keys.sort_unstable();
        let mut w = Weights::default();
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
            row.sort_unstable_by_key(|(c, _)| *c);
            row.truncate(u16::MAX as usize);
            if row.is_empty() {
                continue;
            }
            for (c, v) in &row {
                w.classes.push(*c);
                w.values.push(*v);
            }
            w.index.insert(*k, (start, row.len() as u32));
        }
        w
    }
}

/// Small deterministic generator for shuffling and exploration.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// A uniform value in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Shuffles `v` in place.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
