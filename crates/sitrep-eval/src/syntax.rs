//! CoNLL 2018 shared-task style scoring of tokenization, sentences, tags, lemmas and
//! dependencies. Words of the gold and the system are aligned by their character offsets in
//! the text with all whitespace removed, so a system that tokenized raw text on its own is
//! scored against the treebank exactly as the shared task's scorer does (without multiword
//! tokens, which our reader skips). With gold tokenization every figure is an accuracy.

use std::collections::HashMap;

use serde::Serialize;
use sitrep_syntax::conllu::ConlluSentence;

/// Precision, recall and F1 of one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Correct items.
    pub correct: usize,
    /// Gold items.
    pub gold: usize,
    /// System items.
    pub system: usize,
    /// correct / system.
    pub precision: f64,
    /// correct / gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Prf {
    fn new(correct: usize, gold: usize, system: usize) -> Prf {
        let p = if system == 0 {
            0.0
        } else {
            correct as f64 / system as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            correct as f64 / gold as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            correct,
            gold,
            system,
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// All scores of one comparison.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyntaxScores {
    /// Words whose character span matches.
    pub tokens: Prf,
    /// Sentences whose character span matches.
    pub sentences: Prf,
    /// Aligned words with the right UPOS.
    pub upos: Prf,
    /// Aligned words with the right XPOS.
    pub xpos: Prf,
    /// Aligned words with the right lemma.
    pub lemma: Prf,
    /// Aligned words whose head is the aligned gold head.
    pub uas: Prf,
    /// ... and whose relation (universal part, without subtype) is right.
    pub las: Prf,
}

impl SyntaxScores {
    /// A table in the style of the CoNLL 2018 scorer (F1 in percent).
    pub fn render(&self) -> String {
        let mut s = String::from("Metric     | Precision |    Recall |  F1 Score\n-----------+-----------+-----------+-----------\n");
        for (name, m) in [
            ("Tokens", self.tokens),
            ("Sentences", self.sentences),
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("Lemmas", self.lemma),
            ("UAS", self.uas),
            ("LAS", self.las),
        ] {
            s.push_str(&format!(
                "{name:<11}| {:>9.2} | {:>9.2} | {:>9.2}\n",
                100.0 * m.precision,
                100.0 * m.recall,
                100.0 * m.f1
            ));
        }
        s
    }
}

struct Word<'a> {
    span: (usize, usize),
    upos: &'a str,
    xpos: &'a str,
    lemma: &'a str,
    /// Index of the head word in the flat word list, `None` for the root or no head.
    head: Option<usize>,
    has_head: bool,
    deprel: &'a str,
}

fn flatten(sentences: &[ConlluSentence]) -> (Vec<Word<'_>>, Vec<(usize, usize)>) {
    let mut words = Vec::new();
    let mut sents = Vec::new();
    let mut pos = 0usize;
    for s in sentences {
        let base = words.len();
        let start = pos;
        for t in &s.tokens {
            let len = t.form.chars().filter(|c| !c.is_whitespace()).count();
            words.push(Word {
                span: (pos, pos + len),
                upos: &t.upos,
                xpos: &t.xpos,
                lemma: &t.lemma,
                head: t.head.filter(|&h| h > 0).map(|h| base + h as usize - 1),
                has_head: t.head.is_some(),
                deprel: &t.deprel,
            });
            pos += len;
        }
        if pos > start {
            sents.push((start, pos));
        }
    }
    (words, sents)
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores `system` against `gold`.
pub fn score_conllu(gold: &[ConlluSentence], system: &[ConlluSentence]) -> SyntaxScores {
    let (gw, gs) = flatten(gold);
    let (sw, ss) = flatten(system);
    let by_span: HashMap<(usize, usize), usize> =
        sw.iter().enumerate().map(|(i, w)| (w.span, i)).collect();
    let align: Vec<Option<usize>> = gw.iter().map(|w| by_span.get(&w.span).copied()).collect();
    let aligned = align.iter().filter(|a| a.is_some()).count();
    let sys_sents: std::collections::HashSet<(usize, usize)> = ss.iter().copied().collect();
    let sent_ok = gs.iter().filter(|s| sys_sents.contains(s)).count();
    let (mut upos, mut xpos, mut lemma, mut uas, mut las) = (0, 0, 0, 0, 0);
    for (g, a) in gw.iter().zip(&align) {
        let Some(si) = *a else { continue };
        let s = &sw[si];
        upos += usize::from(g.upos == s.upos);
        xpos += usize::from(g.xpos == s.xpos);
        lemma += usize::from(g.lemma == s.lemma);
        if g.has_head && s.has_head {
            let head_ok = match (g.head, s.head) {
                (None, None) => true,
                (Some(gh), Some(sh)) => align[gh] == Some(sh),
                _ => false,
            };
            if head_ok {
                uas += 1;
                las += usize::from(universal(g.deprel) == universal(s.deprel));
            }
        }
    }
    let (ng, ns) = (gw.len(), sw.len());
    SyntaxScores {
        tokens: Prf::new(aligned, ng, ns),
        sentences: Prf::new(sent_ok, gs.len(), ss.len()),
        upos: Prf::new(upos, ng, ns),
        xpos: Prf::new(xpos, ng, ns),
        lemma: Prf::new(lemma, ng, ns),
        uas: Prf::new(uas, ng, ns),
        las: Prf::new(las, ng, ns),
    }
}

/// The raw text of a treebank: the `# text =` lines, a paragraph (blank line) at each
/// `# newpar` or `# newdoc`, the sentences of a paragraph joined by a space (as in the CoNLL
/// 2018 shared task, so sentence boundaries must be found).
pub fn treebank_text(gold: &[ConlluSentence]) -> String {
    let mut out = String::new();
    for s in gold {
        let text = s
            .comments
            .iter()
            .find_map(|c| c.strip_prefix("text = "))
            .map(str::to_string)
            .unwrap_or_else(|| s.forms().join(" "));
        if !out.is_empty() {
            let par = s
                .comments
                .iter()
                .any(|c| c.starts_with("newpar") || c.starts_with("newdoc"));
            out.push_str(if par { "\n\n" } else { " " });
        }
        out.push_str(&text);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_syntax::conllu::parse_conllu;

    fn parse(s: &str) -> Vec<ConlluSentence> {
        parse_conllu(s, std::path::Path::new("t.conllu")).unwrap()
    }

    const GOLD: &str = "1\tHamas\tHamas\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tIsrael\tIsrael\tPROPN\tNNP\t_\t2\tobj\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn identical_input_scores_perfectly() {
        let g = parse(GOLD);
        let s = score_conllu(&g, &g);
        for m in [s.tokens, s.sentences, s.upos, s.xpos, s.lemma, s.uas, s.las] {
            assert_eq!(m.f1, 1.0);
        }
    }

    #[test]
    fn wrong_tag_head_and_label_count_against() {
        let g = parse(GOLD);
        let sys = parse(
            &GOLD
                .replace(
                    "3\tIsrael\tIsrael\tPROPN\tNNP\t_\t2\tobj",
                    "3\tIsrael\tIsrael\tNOUN\tNN\t_\t1\tobj",
                )
                .replace(
                    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct",
                    "4\t.\t.\tPUNCT\t.\t_\t2\tnsubj:pass",
                ),
        );
        let s = score_conllu(&g, &sys);
        assert_eq!(s.upos.correct, 3);
        assert_eq!(s.uas.correct, 3);
        assert_eq!(s.las.correct, 2);
    }

    #[test]
    fn different_tokenization_aligns_by_characters() {
        let g = parse(GOLD);
        // "Hamasattacked" as one word and the period split off the same way
        let sys = parse("1\tHamasattacked\tx\tX\tX\t_\t0\troot\t_\t_\n2\tIsrael\tIsrael\tPROPN\tNNP\t_\t1\tobj\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n");
        let s = score_conllu(&g, &sys);
        assert_eq!(s.tokens.correct, 2);
        assert_eq!(s.tokens.gold, 4);
        assert_eq!(s.tokens.system, 3);
        assert!((s.tokens.f1 - 2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5)).abs() < 1e-9);
        assert_eq!(s.sentences.correct, 1);
    }

    #[test]
    fn treebank_text_uses_text_comments() {
        let g = parse("# newpar\n# text = Hi there.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n# text = Bye.\n1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n");
        assert_eq!(treebank_text(&g), "Hi there. Bye.\n");
    }
}
