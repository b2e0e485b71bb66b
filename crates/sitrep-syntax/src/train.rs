//! Training (averaged perceptron) and evaluation with gold tokenization.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use crate::conllu::{read_conllu, ConlluSentence};
use crate::lemma::Lemmatizer;
use crate::perceptron::{TrainWeights, XorShift};
use crate::table::TaggerTable;
use crate::tagger::{argmax, features, prepare, Tagger, VerbLabels, Weights};
use crate::SyntaxError;

/// The trained model: tagger plus lemmatizer.
pub type Model = Tagger;

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Averaged weights with a smaller magnitude are dropped.
    pub prune: f32,
    /// A word enters the tag dictionary when seen at least this often ...
    pub tagdict_min_count: u32,
    /// ... with one label at least this share of the time.
    pub tagdict_min_share: f32,
    /// Lowercased words seen at least this often get an ambiguity class feature.
    pub ambig_min_count: u32,
    /// Train this many taggers, with seeds `seed`, `seed + 1`, ..., and ship their average
    /// ([`Tagger::average`]: an ensemble at the cost of one model); 1: a single tagger.
    pub ensemble: usize,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 8,
            seed: 7,
            prune: 0.05,
            tagdict_min_count: 20,
            tagdict_min_share: 0.995,
            ambig_min_count: 1,
            ensemble: 1,
        }
    }
}

impl TrainConfig {
    /// The settings of the shipped `models/tagger.bin`: 10 epochs (the best on dev kept), the
    /// average of 8 taggers (seeds 7 to 14), each with its weights below 1.0 in magnitude
    /// dropped (a third of the size of the unpruned average, as accurate on EWT dev, 0.1 UPOS
    /// lower on test, faster).
    pub fn shipped() -> TrainConfig {
        TrainConfig {
            epochs: 10,
            prune: 1.0,
            ensemble: 8,
            ..TrainConfig::default()
        }
    }
}

/// Progress after one epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct EpochReport {
    /// 1-based epoch.
    pub epoch: usize,
    /// Share of training words tagged right while training (joint label).
    pub train_accuracy: f64,
    /// Dev scores of the averaged model after this epoch.
    pub dev: Scores,
    /// Seconds this epoch took.
    pub seconds: f64,
}

/// Accuracies with gold tokenization.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Share of words with both UPOS and XPOS right.
    pub all_tags: f64,
    /// Lemma accuracy (with predicted tags).
    pub lemma: f64,
}

/// Bit set of the UPOS indices making up at least 1% of a word's counts (bit 31 marks a known
/// word), or 0 when the word was seen fewer than `min_count` times; `exclude` removes one
/// occurrence of that UPOS first.
fn ambiguity_mask(counts: &HashMap<usize, u32>, exclude: Option<usize>, min_count: u32) -> u32 {
    let get = |u: usize, n: u32| {
        if Some(u) == exclude {
            n.saturating_sub(1)
        } else {
            n
        }
    };
    let total: u32 = counts.iter().map(|(&u, &n)| get(u, n)).sum();
    if total < min_count.max(1) {
        return 0;
    }
    let mut mask = 1u32 << 31;
    for (&u, &n) in counts {
        if f64::from(get(u, n)) / f64::from(total) >= 0.01 && get(u, n) > 0 {
            mask |= 1 << (u % 31);
        }
    }
    mask
}

/// Trains on a CoNLL-U training file, keeping the epoch that scores best on the dev file.
pub fn train(train: &Path, dev: &Path, epochs: usize) -> Result<Model, SyntaxError> {
    let cfg = TrainConfig {
        epochs,
        ..TrainConfig::default()
    };
    train_sentences(&read_conllu(train)?, &read_conllu(dev)?, &cfg, &mut |_| {})
}

/// Trains on parsed sentences; `on_epoch` sees each epoch's report (of each tagger in turn,
/// with an ensemble). With an empty `dev`, the last epoch is kept.
pub fn train_sentences(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    cfg: &TrainConfig,
    on_epoch: &mut dyn FnMut(&EpochReport),
) -> Result<Model, SyntaxError> {
    if cfg.ensemble <= 1 {
        return train_one(train, dev, cfg, on_epoch);
    }
    let mut models = Vec::with_capacity(cfg.ensemble);
    for j in 0..cfg.ensemble {
        let one = TrainConfig {
            seed: cfg.seed.wrapping_add(j as u64),
            ensemble: 1,
            ..cfg.clone()
        };
        models.push(train_one(train, dev, &one, on_epoch)?);
    }
    let info = format!(
        "average of {} taggers, seeds {} to {}: {}",
        models.len(),
        cfg.seed,
        cfg.seed.wrapping_add(cfg.ensemble as u64 - 1),
        models
            .iter()
            .map(Tagger::info)
            .collect::<Vec<_>>()
            .join(" | ")
    );
    Tagger::average(&models, &info)
}

/// Trains one tagger.
fn train_one(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    cfg: &TrainConfig,
    on_epoch: &mut dyn FnMut(&EpochReport),
) -> Result<Model, SyntaxError> {
    if train.iter().all(|s| s.tokens.is_empty()) {
        return Err(SyntaxError::Training("no training words".to_string()));
    }
    // Labels, in order of first appearance.
    let mut label_ids: HashMap<(String, String), u16> = HashMap::new();
    let mut labels: Vec<(String, String)> = Vec::new();
    let mut gold: Vec<Vec<u16>> = Vec::with_capacity(train.len());
    // Label counts per normalized form: forms that normalize alike ("’s" and "'s") count
    // together, so the dictionary does not depend on which one a hash map visits last.
    let mut word_counts: HashMap<String, HashMap<u16, u32>> = HashMap::new();
    for s in train {
        let mut g = Vec::with_capacity(s.tokens.len());
        for t in &s.tokens {
            let key = (t.upos.clone(), t.xpos.clone());
            let id = match label_ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = u16::try_from(labels.len())
                        .map_err(|_| SyntaxError::Training("too many labels".to_string()))?;
                    labels.push(key.clone());
                    label_ids.insert(key, id);
                    id
                }
            };
            *word_counts
                .entry(crate::tagger::normalize_form(&t.form).into_owned())
                .or_default()
                .entry(id)
                .or_default() += 1;
            g.push(id);
        }
        gold.push(g);
    }
    let mut tagdict = crate::lemma::StrMap::default();
    for (w, counts) in &word_counts {
        let total: u32 = counts.values().sum();
        if let Some((&l, &n)) = counts.iter().max_by_key(|(l, n)| (**n, u16::MAX - **l)) {
            if total >= cfg.tagdict_min_count
                && f64::from(n) / f64::from(total) >= f64::from(cfg.tagdict_min_share)
            {
                tagdict.insert(w.clone(), l);
            }
        }
    }
    // Ambiguity classes: UPOS sets of lowercased words seen often enough.
    let upos_names: Vec<String> = {
        let mut v: Vec<String> = labels.iter().map(|l| l.0.clone()).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut lower_counts: HashMap<String, HashMap<usize, u32>> = HashMap::new();
    for s in train {
        for t in &s.tokens {
            let u = upos_names.binary_search(&t.upos).unwrap_or(0);
            *lower_counts
                .entry(crate::tagger::normalize_form(&t.form).to_lowercase())
                .or_default()
                .entry(u)
                .or_default() += 1;
        }
    }
    let ambig: crate::lemma::StrMap<u32> = lower_counts
        .iter()
        .filter_map(|(w, counts)| {
            let m = ambiguity_mask(counts, None, cfg.ambig_min_count);
            (m != 0).then(|| (w.clone(), m))
        })
        .collect();
    let lemmatizer = Lemmatizer::learn(train.iter().flat_map(|s| {
        s.tokens.iter().map(|t| {
            (
                t.form.as_str(),
                t.upos.as_str(),
                t.xpos.as_str(),
                t.lemma.as_str(),
            )
        })
    }));
    let mut model = Tagger {
        verbs: VerbLabels::new(&labels),
        labels,
        weights: Weights::default(),
        tagdict,
        ambig,
        lemmatizer,
        info: String::new(),
        fast: None,
    };
    // Training words get leave-one-out ambiguity classes (counts without the word itself),
    // so that rare words look as they will look in unseen text.
    let mut prepared: Vec<_> = train
        .iter()
        .map(|s| prepare(&s.forms(), &model.ambig))
        .collect();
    for (s, p) in train.iter().zip(prepared.iter_mut()) {
        for (t, w) in s.tokens.iter().zip(p.iter_mut()) {
            let u = upos_names.binary_search(&t.upos).unwrap_or(0);
            let lower = crate::tagger::normalize_form(&t.form).to_lowercase();
            w.amb = lower_counts
                .get(&lower)
                .map_or(0, |c| ambiguity_mask(c, Some(u), cfg.ambig_min_count));
        }
    }
    let mut tw = TrainWeights::default();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = XorShift(cfg.seed.max(1));
    let n = model.labels.len();
    let mut scores = vec![0f32; n];
    let mut feats = Vec::with_capacity(48);
    let mut best: Option<(f64, Weights, usize)> = None;
    for epoch in 1..=cfg.epochs.max(1) {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let sent = &prepared[si];
            let g = &gold[si];
            let mut out: Vec<u16> = Vec::with_capacity(sent.len());
            for i in 0..sent.len() {
                tw.step += 1;
                if let Some(&l) = model.tagdict.get(sent[i].form_str()) {
                    out.push(l);
                    right += usize::from(l == g[i]);
                    total += 1;
                    continue;
                }
                let p1 = if i >= 1 {
                    u32::from(out[i - 1])
                } else {
                    u32::MAX
                };
                let p2 = if i >= 2 {
                    u32::from(out[i - 2])
                } else {
                    u32::MAX - 1
                };
                features(sent, i, p1, p2, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                tw.score(&feats, &mut scores);
                let guess = argmax(&scores) as u16;
                if guess != g[i] {
                    tw.update(&feats, g[i], guess);
                } else {
                    right += 1;
                }
                total += 1;
                out.push(guess);
            }
        }
        model.weights = tw.averaged(cfg.prune);
        let dev_scores = if dev.is_empty() {
            Scores::default()
        } else {
            evaluate_sentences(&model, dev)
        };
        let report = EpochReport {
            epoch,
            train_accuracy: right as f64 / total.max(1) as f64,
            dev: dev_scores,
            seconds: t0.elapsed().as_secs_f64(),
        };
        on_epoch(&report);
        let better = best
            .as_ref()
            .is_none_or(|(acc, _, _)| dev_scores.upos > *acc);
        if better || dev.is_empty() {
            best = Some((dev_scores.upos, std::mem::take(&mut model.weights), epoch));
        }
    }
    if let Some((acc, w, epoch)) = best {
        model.weights = w;
        model.fast = TaggerTable::build(&model.weights);
        let dev_note = if dev.is_empty() {
            "no dev set".to_string()
        } else {
            format!("dev UPOS {:.2}%", acc * 100.0)
        };
        model.info = format!(
            "averaged perceptron, joint UPOS|XPOS labels; {} training sentences; epoch {epoch} \
             of {} kept ({dev_note}); prune {}",
            train.len(),
            cfg.epochs,
            cfg.prune
        );
    }
    Ok(model)
}

/// Scores a model on a gold CoNLL-U file with gold tokenization.
pub fn evaluate(model: &Model, gold: &Path) -> Result<Scores, SyntaxError> {
    Ok(evaluate_sentences(model, &read_conllu(gold)?))
}

/// Scores a model on gold sentences with gold tokenization.
pub fn evaluate_sentences(model: &Model, gold: &[ConlluSentence]) -> Scores {
    let (mut words, mut upos, mut xpos, mut both, mut lemma) = (0usize, 0, 0, 0, 0);
    for s in gold {
        let forms = s.forms();
        let an = model.analyze(&forms);
        for (t, a) in s.tokens.iter().zip(&an) {
            words += 1;
            let u = a.upos == t.upos;
            let x = a.xpos == t.xpos;
            upos += usize::from(u);
            xpos += usize::from(x);
            both += usize::from(u && x);
            lemma += usize::from(a.lemma == t.lemma);
        }
    }
    let r = |n: usize| n as f64 / words.max(1) as f64;
    Scores {
        words,
        upos: r(upos),
        xpos: r(xpos),
        all_tags: r(both),
        lemma: r(lemma),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;

    fn toy() -> Vec<ConlluSentence> {
        let mut text = String::new();
        let sents = [
            "the/DET/DT/the dog/NOUN/NN/dog barks/VERB/VBZ/bark ./PUNCT/./.",
            "a/DET/DT/a cat/NOUN/NN/cat sleeps/VERB/VBZ/sleep ./PUNCT/./.",
            "the/DET/DT/the cats/NOUN/NNS/cat run/VERB/VBP/run ./PUNCT/./.",
            "dogs/NOUN/NNS/dog bark/VERB/VBP/bark loudly/ADV/RB/loudly ./PUNCT/./.",
            "a/DET/DT/a bird/NOUN/NN/bird sings/VERB/VBZ/sing ./PUNCT/./.",
        ];
        for s in sents {
            for (i, w) in s.split(' ').enumerate() {
                let p: Vec<&str> = w.split('/').collect();
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t_\t0\t_\t_\t_\n",
                    i + 1,
                    p[0],
                    p[3],
                    p[1],
                    p[2]
                ));
            }
            text.push('\n');
        }
        parse_conllu(&text, Path::new("toy")).unwrap()
    }

    #[test]
    fn tiny_training_set_learns() {
        let data = toy();
        let cfg = TrainConfig {
            epochs: 10,
            prune: 0.0,
            ..TrainConfig::default()
        };
        let mut epochs = 0;
        let model = train_sentences(&data, &data, &cfg, &mut |_| epochs += 1).unwrap();
        assert_eq!(epochs, 10);
        let s = evaluate_sentences(&model, &data);
        assert_eq!(s.words, 20);
        assert!(s.upos > 0.95, "{s:?}");
        let an = model.analyze(&["the", "bird", "barks", "."]);
        assert_eq!(an[0].upos, "DET");
        assert_eq!(an[1].upos, "NOUN");
        assert_eq!(an[2].upos, "VERB");
        assert_eq!(an[2].lemma, "bark");
        // Serialization keeps the model.
        let bytes = model.to_bytes();
        let back = Tagger::from_bytes(&bytes, Path::new("toy.bin")).unwrap();
        assert_eq!(back, model);
    }

    #[test]
    fn corrupt_and_truncated_models_name_the_file() {
        let data = toy();
        let model = train_sentences(&data, &[], &TrainConfig::default(), &mut |_| {}).unwrap();
        let bytes = model.to_bytes();
        let p = Path::new("models/broken.bin");
        for cut in [0, 5, 20, bytes.len() / 2, bytes.len() - 1] {
            let e = Tagger::from_bytes(&bytes[..cut], p)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("model file models/broken.bin:"), "{e}");
        }
        let mut bad = bytes.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0x55;
        let e = Tagger::from_bytes(&bad, p).unwrap_err().to_string();
        assert!(e.contains("checksum"), "{e}");
        let e = Tagger::load(Path::new("/nonexistent/model.bin"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("/nonexistent/model.bin"), "{e}");
    }

    #[test]
    fn empty_training_set_is_an_error() {
        assert!(train_sentences(&[], &[], &TrainConfig::default(), &mut |_| {}).is_err());
    }
}
