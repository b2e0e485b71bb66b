//! Sentence boundaries learned from a treebank.
//!
//! The rule splitter of `sitrep-segment` ends sentences at punctuation and line breaks. Web and
//! e-mail text often has neither ("Thanks Elizabeth see you there", signatures, time stamps,
//! "(ZD Net) It looks like ..."), and there it joins sentences; it also splits at a few periods
//! that end no sentence. [`SentenceModel`] revisits every gap between two tokens of a line with
//! a binary averaged perceptron over the words and shapes around the gap and the rule's own
//! decision, trained on a treebank's raw text ([`train_sentence_model`]) with gold sentence ends
//! read by [`sentence_end_labels`].
//!
//! What the model may not change: a line break (or text left out between two tokens, such as
//! a dropped boilerplate zone) always ends a sentence, two tokens with nothing between them
//! are split only where the rules split them (and the model agrees), headline and body
//! sentences are never merged, and no sentence grows past [`MAX_TOKENS`].

use std::collections::HashMap;
use std::path::Path;

use sitrep_doc::{Document, Sentence, Span, Token};

use crate::binfmt::{self, Buf, Reader};
use crate::conllu::ConlluSentence;
use crate::perceptron::XorShift;
use crate::tagger::IdBuild;
use crate::SyntaxError;

/// Longest sentence, in tokens, that merging may make (the rule splitter's own limit).
pub const MAX_TOKENS: usize = 1000;

/// What the model decides at the gap after a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// A line break or skipped text: the sentence ends.
    End,
    /// No space, and the rules go on: so does the sentence.
    Joined,
    /// The model decides (a space, or no space where the rules end a sentence:
    /// "Networks?Guatemala's" but not "alt.animals.cat").
    Open,
}

/// A learned sentence-boundary classifier (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceModel {
    weights: HashMap<u64, f32, IdBuild>,
    threshold: f32,
    info: String,
}

/// FNV-1a over `bytes`, continuing from `h`.
fn feed(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Hash of a word's lowercase form.
fn lower_hash(w: &str) -> u64 {
    let mut h = FNV_START;
    let mut buf = [0u8; 4];
    for c in w.chars().flat_map(char::to_lowercase) {
        h = feed(h, c.encode_utf8(&mut buf).as_bytes());
    }
    h
}

/// Hash of a word's shape: `X` for capitals, `x` for small letters, `d` for digits, other
/// characters as they are; runs longer than two cut to two; at most six characters.
fn shape_hash(w: &str) -> u64 {
    let mut h = FNV_START ^ 0x0053_4841_5045;
    let (mut last, mut run, mut n) = ('\0', 0, 0);
    let mut buf = [0u8; 4];
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        run = if s == last { run + 1 } else { 1 };
        last = s;
        if run > 2 {
            continue;
        }
        h = feed(h, s.encode_utf8(&mut buf).as_bytes());
        n += 1;
        if n == 6 {
            break;
        }
    }
    h
}

/// Hash of the last three characters of a word, lowercased.
fn suffix_hash(w: &str) -> u64 {
    let start = w.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    lower_hash(&w[start..]) ^ 0x5355_4646
}

/// Hash of a word's last character.
fn last_char_hash(w: &str) -> u64 {
    let mut buf = [0u8; 4];
    w.chars().next_back().map_or(7, |c| {
        feed(FNV_START ^ 0x4c41_5354, c.encode_utf8(&mut buf).as_bytes())
    })
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29)
}

/// The per-token values features are made of.
struct Cues {
    lower: Vec<u64>,
    shape: Vec<u64>,
    suffix: Vec<u64>,
    last: Vec<u64>,
    /// The rule splitter ends a sentence after the token.
    rule_end: Vec<bool>,
    /// Nothing separates the token from the next.
    tight: Vec<bool>,
    /// The token's sentence is a headline.
    headline: Vec<bool>,
    gap: Vec<Gap>,
}

/// Value standing for a position before the first or after the last token.
const EDGE: u64 = 0x4544_4745;

impl Cues {
    /// The cues of `doc`'s tokens, or `None` when its sentences do not cover its tokens in
    /// order (nothing to revise then).
    fn new(doc: &Document) -> Option<Cues> {
        let tokens = &doc.tokens;
        let n = tokens.len();
        let mut rule_end = vec![false; n];
        let mut headline = vec![false; n];
        let mut next = 0usize;
        for s in &doc.sentences {
            let (a, b) = (s.tokens.0 as usize, s.tokens.1 as usize);
            if a != next || b <= a || b > n {
                return None;
            }
            rule_end[b - 1] = true;
            headline[a..b].iter_mut().for_each(|h| *h = s.headline);
            next = b;
        }
        if next != n {
            return None;
        }
        let text = doc.text();
        let word = |t: &Token| text.get(t.span.start as usize..t.span.end as usize);
        let mut cues = Cues {
            lower: Vec::with_capacity(n),
            shape: Vec::with_capacity(n),
            suffix: Vec::with_capacity(n),
            last: Vec::with_capacity(n),
            rule_end,
            tight: vec![false; n],
            headline,
            gap: Vec::with_capacity(n),
        };
        for (i, t) in tokens.iter().enumerate() {
            let w = word(t)?;
            cues.lower.push(lower_hash(w));
            cues.shape.push(shape_hash(w));
            cues.suffix.push(suffix_hash(w));
            cues.last.push(last_char_hash(w));
            let gap = match tokens.get(i + 1) {
                None => Gap::End,
                Some(_) if cues.headline[i] != cues.headline[i + 1] => Gap::End,
                Some(u) => {
                    let between = text.get(t.span.end as usize..u.span.start as usize)?;
                    if between.is_empty() {
                        cues.tight[i] = true;
                        if cues.rule_end[i] {
                            Gap::Open
                        } else {
                            Gap::Joined
                        }
                    } else if between.chars().any(|c| {
                        !c.is_whitespace() || matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
                    }) {
                        Gap::End
                    } else {
                        Gap::Open
                    }
                }
            };
            cues.gap.push(gap);
        }
        Some(cues)
    }

    /// The features of the gap after token `i`.
    fn features(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        let at = |v: &Vec<u64>, k: isize| {
            usize::try_from(k)
                .ok()
                .and_then(|k| v.get(k))
                .copied()
                .unwrap_or(EDGE)
        };
        let k = i as isize;
        let (wm, w0, w1, w2) = (
            at(&self.lower, k - 1),
            at(&self.lower, k),
            at(&self.lower, k + 1),
            at(&self.lower, k + 2),
        );
        let (sm, s0, s1, s2) = (
            at(&self.shape, k - 1),
            at(&self.shape, k),
            at(&self.shape, k + 1),
            at(&self.shape, k + 2),
        );
        let r = u64::from(self.rule_end[i]);
        let mut t = 0u64;
        let mut f = |xs: &[u64]| {
            t += 1;
            let mut h = mix(0x53454e54, t);
            for &x in xs {
                h = mix(h, x);
            }
            out.push(h);
        };
        f(&[]);
        f(&[r]);
        f(&[w0]);
        f(&[w1]);
        f(&[s0]);
        f(&[s1]);
        f(&[sm]);
        f(&[s2]);
        f(&[s0, s1]);
        f(&[w0, s1]);
        f(&[s0, w1]);
        f(&[r, s1]);
        f(&[r, w1]);
        f(&[r, w0]);
        f(&[wm, w0]);
        f(&[w1, w2]);
        f(&[sm, s0, s1]);
        f(&[s0, s1, s2]);
        f(&[self.suffix[i]]);
        f(&[self.last[i], s1]);
        // no space between the tokens ("alt.animals", "Networks?Guatemala's")
        let tight = u64::from(self.tight[i]);
        f(&[tight, s0, s1]);
        f(&[tight, w0]);
    }
}

impl SentenceModel {
    /// Score of the gap after token `i` (positive: a sentence ends there).
    fn score(&self, feats: &[u64]) -> f32 {
        feats.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// For each token of `doc`, whether a sentence ends after it, or `None` when the document's
    /// sentences do not cover its tokens in order.
    pub fn ends(&self, doc: &Document) -> Option<Vec<bool>> {
        Cues::new(doc).map(|cues| self.decide(&cues))
    }

    /// Per token of `cues`, whether a sentence ends after it.
    fn decide(&self, cues: &Cues) -> Vec<bool> {
        let n = cues.gap.len();
        let mut feats = Vec::with_capacity(24);
        let mut ends = Vec::with_capacity(n);
        let mut len = 0usize;
        for i in 0..n {
            len += 1;
            let end = match cues.gap[i] {
                Gap::End => true,
                Gap::Joined => false,
                Gap::Open => {
                    cues.features(i, &mut feats);
                    self.score(&feats) > self.threshold
                }
            } || len >= MAX_TOKENS;
            if end {
                len = 0;
            }
            ends.push(end);
        }
        ends
    }

    /// Rewrites `doc.sentences` with the model's boundaries (tokens and their spans are not
    /// touched; each sentence keeps its first token's headline flag).
    pub fn resegment(&self, doc: &mut Document) {
        let Some(cues) = Cues::new(doc) else {
            return;
        };
        let ends = self.decide(&cues);
        let mut out = Vec::with_capacity(doc.sentences.len() + 8);
        let mut start = 0usize;
        for (i, &end) in ends.iter().enumerate() {
            if end {
                let (a, b) = (doc.tokens[start].span, doc.tokens[i].span);
                out.push(Sentence {
                    span: Span::new(a.start as usize, b.end as usize),
                    tokens: (start as u32, i as u32 + 1),
                    headline: cues.headline[start],
                });
                start = i + 1;
            }
        }
        doc.sentences = out;
    }

    /// The score above which a gap ends a sentence.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Free-text description of how the model was trained.
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Number of features with a weight.
    pub fn size(&self) -> usize {
        self.weights.len()
    }

    /// Serializes the model (section `SENT`: threshold, then sorted `(feature, weight)`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut meta = Buf::default();
        meta.str(&self.info);
        let mut w = Buf::default();
        w.f32(self.threshold);
        let mut keys: Vec<(&u64, &f32)> = self.weights.iter().collect();
        keys.sort_unstable_by_key(|(k, _)| **k);
        w.u32(keys.len() as u32);
        for (k, v) in keys {
            w.u64(*k);
            w.f32(*v);
        }
        binfmt::assemble(&[(*b"META", meta), (*b"SENT", w)])
    }

    /// Reads a model image; `name` is the file named in errors.
    pub fn from_bytes(bytes: &[u8], name: &Path) -> Result<SentenceModel, SyntaxError> {
        let mut info = String::new();
        let mut model = None;
        for (tag, mut r) in binfmt::sections(bytes, name)? {
            match &tag {
                b"META" => info = r.str()?.to_string(),
                b"SENT" => model = Some(read_sent(&mut r)?),
                _ => {}
            }
        }
        let (threshold, weights) = model.ok_or_else(|| {
            Reader::new(bytes, name).error("no SENT section: not a sentence model")
        })?;
        Ok(SentenceModel {
            weights,
            threshold,
            info,
        })
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        binfmt::write_file(path, &self.to_bytes())
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<SentenceModel, SyntaxError> {
        SentenceModel::from_bytes(&binfmt::read_file(path)?, path)
    }
}

fn read_sent(r: &mut Reader<'_>) -> Result<(f32, HashMap<u64, f32, IdBuild>), SyntaxError> {
    let threshold = r.f32()?;
    if !threshold.is_finite() {
        return Err(r.error("threshold is not a finite number"));
    }
    let n = r.count(12)?;
    let mut weights = HashMap::with_capacity_and_hasher(n, IdBuild::default());
    for _ in 0..n {
        let k = r.u64()?;
        let v = r.f32()?;
        if !v.is_finite() {
            return Err(r.error(format!("weight of feature {k:016x} is not a finite number")));
        }
        weights.insert(k, v);
    }
    Ok((threshold, weights))
}

/// For each token of `doc`, whether a gold sentence of `gold` ends with it: sentence ends are
/// compared by the number of non-space characters before them, so `doc`'s text must hold the
/// gold sentences' text (their `# text =` lines, or their words) in order, with any spacing
/// (as `sitrep-eval`'s `treebank_text` writes it).
pub fn sentence_end_labels(doc: &Document, gold: &[ConlluSentence]) -> Vec<bool> {
    let mut gold_ends = Vec::with_capacity(gold.len());
    let mut count = 0usize;
    for s in gold {
        let text = s.comments.iter().find_map(|c| c.strip_prefix("text = "));
        count += match text {
            Some(t) => t.chars().filter(|c| !c.is_whitespace()).count(),
            None => s
                .tokens
                .iter()
                .map(|t| t.form.chars().filter(|c| !c.is_whitespace()).count())
                .sum(),
        };
        gold_ends.push(count);
    }
    let text = doc.text();
    let mut labels = Vec::with_capacity(doc.tokens.len());
    let (mut seen, mut at, mut g) = (0usize, 0usize, 0usize);
    for t in &doc.tokens {
        let end = (t.span.end as usize).min(text.len());
        if end > at {
            seen += text
                .get(at..end)
                .map_or(0, |s| s.chars().filter(|c| !c.is_whitespace()).count());
            at = end;
        }
        while g < gold_ends.len() && gold_ends[g] < seen {
            g += 1;
        }
        labels.push(gold_ends.get(g) == Some(&seen));
    }
    labels
}

/// One training text: a document segmented by the rules, and for each of its tokens whether a
/// gold sentence ends after it.
pub struct SentenceExample {
    /// The document, with tokens and the rule splitter's sentences.
    pub doc: Document,
    /// Gold ends, one per token ([`sentence_end_labels`]).
    pub ends: Vec<bool>,
}

/// How well predicted sentence ends agree with gold ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SentenceScores {
    /// Sentences (spans between consecutive ends) found in both.
    pub correct: usize,
    /// Gold sentences.
    pub gold: usize,
    /// Predicted sentences.
    pub predicted: usize,
}

impl SentenceScores {
    /// Scores predicted against gold ends (one flag per token, each list over the same tokens).
    pub fn new(gold: &[bool], predicted: &[bool]) -> SentenceScores {
        let spans = |ends: &[bool]| {
            let mut out = Vec::new();
            let mut a = 0;
            for (i, &e) in ends.iter().enumerate() {
                if e || i + 1 == ends.len() {
                    out.push((a, i));
                    a = i + 1;
                }
            }
            out
        };
        let (g, p) = (spans(gold), spans(predicted));
        let gs: std::collections::HashSet<_> = g.iter().collect();
        SentenceScores {
            correct: p.iter().filter(|s| gs.contains(s)).count(),
            gold: g.len(),
            predicted: p.len(),
        }
    }

    /// F1 of sentences, in percent.
    pub fn f1(&self) -> f64 {
        let d = self.gold + self.predicted;
        if d == 0 {
            0.0
        } else {
            200.0 * self.correct as f64 / d as f64
        }
    }

    fn add(&mut self, o: SentenceScores) {
        self.correct += o.correct;
        self.gold += o.gold;
        self.predicted += o.predicted;
    }
}

/// Scores the rule splitter's ends and a model's on `examples`: `(rules, model)`.
pub fn evaluate_sentence_model(
    model: &SentenceModel,
    examples: &[SentenceExample],
) -> (SentenceScores, SentenceScores) {
    let zero = SentenceScores {
        correct: 0,
        gold: 0,
        predicted: 0,
    };
    let (mut rules, mut learned) = (zero, zero);
    for ex in examples {
        let Some(cues) = Cues::new(&ex.doc) else {
            continue;
        };
        rules.add(SentenceScores::new(&ex.ends, &cues.rule_end));
        if let Some(p) = model.ends(&ex.doc) {
            learned.add(SentenceScores::new(&ex.ends, &p));
        }
    }
    (rules, learned)
}

/// Trains a model on `train` for `epochs` passes (deterministic shuffles); its description
/// ([`SentenceModel::info`]) gives its sentence F1 on `dev` (on `train` when `dev` is empty).
/// The decision threshold is the perceptron's own, 0: on EWT dev, F1 varies by less than
/// 0.3 points for thresholds from -1 to 2, too little to tune on.
pub fn train_sentence_model(
    train: &[SentenceExample],
    dev: &[SentenceExample],
    epochs: usize,
) -> SentenceModel {
    // Gaps the model decides: (example, token).
    let mut cues = Vec::with_capacity(train.len());
    let mut items: Vec<(usize, usize)> = Vec::new();
    for (e, ex) in train.iter().enumerate() {
        let c = Cues::new(&ex.doc);
        if let Some(c) = &c {
            for (i, g) in c.gap.iter().enumerate() {
                if *g == Gap::Open && i < ex.ends.len() {
                    items.push((e, i));
                }
            }
        }
        cues.push(c);
    }
    // (weight, running total, last update step) per feature: lazy averaging.
    let mut w: HashMap<u64, (f32, f64, u64), IdBuild> = HashMap::default();
    let mut step = 0u64;
    let mut rng = XorShift(0x5345_4e54_454e_4345);
    let mut feats = Vec::with_capacity(24);
    for _ in 0..epochs {
        rng.shuffle(&mut items);
        for &(e, i) in &items {
            step += 1;
            let Some(c) = &cues[e] else { continue };
            c.features(i, &mut feats);
            let s: f32 = feats.iter().filter_map(|f| w.get(f)).map(|x| x.0).sum();
            let truth = train[e].ends[i];
            if (s > 0.0) != truth {
                let d = if truth { 1.0 } else { -1.0 };
                for f in &feats {
                    let x = w.entry(*f).or_insert((0.0, 0.0, step));
                    x.1 += (step - x.2) as f64 * f64::from(x.0);
                    x.2 = step;
                    x.0 += d;
                }
            }
        }
    }
    let now = step.max(1);
    let weights: HashMap<u64, f32, IdBuild> = w
        .iter()
        .map(|(&k, &(v, total, ts))| {
            let total = total + (now - ts) as f64 * f64::from(v);
            (k, (total / now as f64) as f32)
        })
        .filter(|(_, v)| v.abs() >= 1e-3)
        .collect();
    let mut model = SentenceModel {
        weights,
        threshold: 0.0,
        info: String::new(),
    };
    let scores = evaluate_sentence_model(&model, if dev.is_empty() { train } else { dev });
    model.info = format!(
        "averaged perceptron over words and shapes around each gap; {} training texts, {} gaps, \
         {epochs} epochs; threshold 0; sentence F1 {:.2} on {} (rules alone {:.2})",
        train.len(),
        items.len(),
        scores.1.f1(),
        if dev.is_empty() { "train" } else { "dev" },
        scores.0.f1(),
    );
    model
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_doc::{Metadata, TokenKind};

    /// A document of space-separated words, with sentences ending after the given tokens.
    fn doc(text: &str, ends: &[usize]) -> Document {
        let mut d = Document::new("t", text, Metadata::default());
        let mut at = 0;
        for w in text.split(' ') {
            if !w.is_empty() {
                d.tokens
                    .push(Token::new(Span::new(at, at + w.len()), TokenKind::Word));
            }
            at += w.len() + 1;
        }
        let mut a = 0;
        for &e in ends {
            let (s, t) = (d.tokens[a].span, d.tokens[e].span);
            d.sentences.push(Sentence {
                span: s.cover(t),
                tokens: (a as u32, e as u32 + 1),
                headline: false,
            });
            a = e + 1;
        }
        d
    }

    #[test]
    fn labels_follow_non_space_characters() {
        let g = crate::conllu::parse_conllu(
            "# text = Hi there\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n\n# text = Bye.\n1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n",
            Path::new("t.conllu"),
        )
        .unwrap();
        let mut d = doc("Hi there Bye.", &[2]);
        // "Bye." as one token: the gold end after "there" is still found
        assert_eq!(sentence_end_labels(&d, &g), vec![false, true, true]);
        d.tokens.truncate(2);
        assert_eq!(sentence_end_labels(&d, &g), vec![false, true]);
    }

    #[test]
    fn learns_a_cue_and_keeps_its_limits() {
        // "ok" ends a sentence, whatever the rules said; the rules never split here
        let text = "we are fine ok then they left ok so it goes";
        let make = || {
            let d = doc(text, &[10]);
            let ends = (0..11).map(|i| i == 3 || i == 7 || i == 10).collect();
            SentenceExample { doc: d, ends }
        };
        let train: Vec<SentenceExample> = (0..5).map(|_| make()).collect();
        let m = train_sentence_model(&train, &[], 30);
        let mut d = make().doc;
        // the cue scores far above every other gap (which a margin-free perceptron leaves
        // near zero), so a small threshold separates them
        let c = Cues::new(&d).unwrap();
        let mut fs = Vec::new();
        for i in 0..10 {
            c.features(i, &mut fs);
            let s = m.score(&fs);
            assert!(
                if i == 3 || i == 7 { s > 1.0 } else { s < 0.5 },
                "gap {i}: {s}"
            );
        }
        let mut m = m;
        m.threshold = 0.5;
        assert_eq!(
            m.ends(&d).unwrap(),
            (0..11)
                .map(|i| i == 3 || i == 7 || i == 10)
                .collect::<Vec<_>>()
        );
        m.resegment(&mut d);
        let spans: Vec<&str> = d.sentences.iter().map(|s| d.slice(s.span)).collect();
        assert_eq!(
            spans,
            vec!["we are fine ok", "then they left ok", "so it goes"]
        );
        // a line break always ends a sentence, and tokens with nothing between them never split
        let mut d = Document::new("t", "we are\nfine okthen", Metadata::default());
        for (a, b) in [(0, 2), (3, 6), (7, 11), (12, 14), (14, 18)] {
            d.tokens.push(Token::new(Span::new(a, b), TokenKind::Word));
        }
        for (a, b) in [(0u32, 2u32), (2, 5)] {
            let span = d.tokens[a as usize]
                .span
                .cover(d.tokens[b as usize - 1].span);
            d.sentences.push(Sentence {
                span,
                tokens: (a, b),
                headline: false,
            });
        }
        assert_eq!(m.ends(&d).unwrap(), vec![false, true, false, false, true]);
        // the model round-trips and corrupt files name themselves
        let bytes = m.to_bytes();
        let back = SentenceModel::from_bytes(&bytes, Path::new("s.bin")).unwrap();
        assert_eq!(back, m);
        let e = SentenceModel::from_bytes(&bytes[..bytes.len() - 5], Path::new("s.bin"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("s.bin"), "{e}");
    }

    #[test]
    fn sentences_not_covering_tokens_are_left_alone() {
        let m = SentenceModel {
            weights: HashMap::default(),
            threshold: -1.0,
            info: String::new(),
        };
        let mut d = doc("a b c", &[0]);
        let before = d.sentences.clone();
        assert!(m.ends(&d).is_none());
        m.resegment(&mut d);
        assert_eq!(d.sentences, before);
    }

    #[test]
    fn merging_stops_at_the_longest_sentence() {
        // a negative threshold with no weights ends every open gap; a huge one none
        let m = SentenceModel {
            weights: HashMap::default(),
            threshold: f32::MAX,
            info: String::new(),
        };
        let words = vec!["w"; MAX_TOKENS + 5].join(" ");
        let d = doc(&words, &[9, MAX_TOKENS + 4]);
        let ends = m.ends(&d).unwrap();
        assert_eq!(
            ends.iter()
                .enumerate()
                .filter(|(_, &e)| e)
                .map(|(i, _)| i)
                .collect::<Vec<_>>(),
            vec![MAX_TOKENS - 1, MAX_TOKENS + 4]
        );
    }
}
