//! Glue between documents and CoNLL-U: what `sitrep parse` prints, and documents built from
//! a treebank's own tokens and sentences (gold tokenization) so any treebank can be re-tagged
//! and scored.

use sitrep_doc::{Document, Metadata, Sentence, Span, Token, TokenKind};
use sitrep_syntax::conllu::{ConlluSentence, ConlluToken};

/// A document whose text is the treebank's words joined by spaces (one line per sentence),
/// with the treebank's sentences and tokens as its layers.
pub fn document_from_conllu(id: &str, sentences: &[ConlluSentence]) -> Document {
    let mut text = String::new();
    let mut spans: Vec<Vec<Span>> = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut words = Vec::with_capacity(s.tokens.len());
        for (k, t) in s.tokens.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let start = text.len();
            // forms never contain spaces in our text: a form with a space ("1 000") keeps it
            // but stays one token
            text.push_str(if t.form.is_empty() { "_" } else { &t.form });
            words.push(Span::new(start, text.len()));
        }
        text.push('\n');
        spans.push(words);
    }
    let mut doc = Document::new(id, text, Metadata::default());
    for words in spans {
        if words.is_empty() {
            continue;
        }
        let first = doc.tokens.len() as u32;
        for w in &words {
            let kind = if doc.slice(*w).chars().all(|c| !c.is_alphanumeric()) {
                TokenKind::Punct
            } else {
                TokenKind::Word
            };
            doc.tokens.push(Token::new(*w, kind));
        }
        let span = words[0].cover(words[words.len() - 1]);
        doc.sentences.push(Sentence {
            span,
            tokens: (first, doc.tokens.len() as u32),
            headline: false,
        });
    }
    doc
}

/// The document's sentences as CoNLL-U, with `# text`, byte offsets in MISC-free comments, and
/// whatever the syntax stages filled (missing values are `_`).
pub fn document_to_conllu(doc: &Document) -> Vec<ConlluSentence> {
    doc.sentences
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let toks = &doc.tokens[s.tokens.0 as usize..s.tokens.1 as usize];
            let first = s.tokens.0;
            ConlluSentence {
                comments: vec![
                    format!("sent_id = {}-{}", doc.id(), si + 1),
                    format!("text = {}", doc.slice(s.span).replace(['\n', '\r'], " ")),
                    format!("span = {}..{}", s.span.start, s.span.end),
                ],
                tokens: toks
                    .iter()
                    .enumerate()
                    .map(|(k, t)| ConlluToken {
                        id: k as u32 + 1,
                        form: doc.slice(t.span).to_string(),
                        lemma: t.lemma.clone().unwrap_or_else(|| "_".into()),
                        upos: t.upos.clone().unwrap_or_else(|| "_".into()),
                        xpos: t.xpos.clone().unwrap_or_else(|| "_".into()),
                        // heads are absolute token indices in the document; CoNLL-U counts
                        // from 1 within the sentence, 0 for the root
                        head: t.head.map(|h| {
                            if h == u32::MAX {
                                0
                            } else {
                                h.saturating_sub(first) + 1
                            }
                        }),
                        deprel: t.deprel.clone().unwrap_or_else(|| "_".into()),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A training or test example for the sentence model: `text` (a treebank's raw text, such as
/// `sitrep-eval`'s `treebank_text` writes it) segmented by the rules as `sitrep parse` does
/// (nothing dropped), with the gold sentence ends of `gold` on its tokens.
pub fn sentence_example(text: String, gold: &[ConlluSentence]) -> sitrep_syntax::SentenceExample {
    let mut doc = Document::new("treebank", text, Metadata::default());
    let seg = sitrep_segment::segment_text_keep_all(doc.text());
    doc.zones = seg.zones;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    let ends = sitrep_syntax::sentence_end_labels(&doc, gold);
    sitrep_syntax::SentenceExample { doc, ends }
}

/// Prefixes that stay joined to the rest of a hyphenated word in UD English EWT ("non-profit",
/// "e-mail", "co-workers", "anti-war"): bound prefixes, which EWT keeps whole in nearly all of
/// its train and dev occurrences, while it splits other hyphenated words ("al - Qaeda",
/// "well - informed", "four - day").
const BOUND_PREFIXES: &[&str] = &[
    "anti", "arch", "bi", "co", "counter", "cross", "de", "e", "ex", "extra", "hyper", "inter",
    "intra", "mid", "mini", "mis", "multi", "neo", "non", "over", "post", "pre", "pro", "psycho",
    "re", "semi", "socio", "sub", "super", "trans", "tri", "ultra", "un", "under",
];

/// Splits hyphenated words the way UD English EWT tokenizes them: "al-Qaeda" becomes "al",
/// "-", "Qaeda", at every hyphen between two letters, unless the first part is a bound prefix
/// ([`BOUND_PREFIXES`]); words with digits ("713-853-3989", "AK-47") and other tokens stay as
/// they are. Sentences keep their spans; their token ranges follow. For treebank-style output
/// (`sitrep parse`, `sitrep eval-syntax --raw`) only: the event pipeline keeps hyphenated words
/// whole, since its dictionaries and patterns name them so ("Iranian-backed", "pro-Iranian").
pub fn split_hyphens(doc: &mut Document) {
    let is_hyphenated = |w: &str| {
        w.contains('-')
            && !w.starts_with('-')
            && !w.ends_with('-')
            && !w.contains("--")
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && w.split('-')
                .next()
                .is_some_and(|p| !BOUND_PREFIXES.contains(&p.to_lowercase().as_str()))
    };
    if !doc
        .tokens
        .iter()
        .any(|t| t.kind == TokenKind::Word && is_hyphenated(doc.slice(t.span)))
    {
        return;
    }
    let mut tokens = Vec::with_capacity(doc.tokens.len() + 16);
    // new index of each old token's first piece, and one past the last token
    let mut first = Vec::with_capacity(doc.tokens.len() + 1);
    for t in &doc.tokens {
        first.push(tokens.len() as u32);
        let w = doc.slice(t.span);
        if t.kind != TokenKind::Word || !is_hyphenated(w) {
            tokens.push(t.clone());
            continue;
        }
        let start = t.span.start as usize;
        let mut at = 0;
        for (k, part) in w.split('-').enumerate() {
            if k > 0 {
                let s = start + at - 1;
                tokens.push(Token::new(Span::new(s, s + 1), TokenKind::Punct));
            }
            tokens.push(Token::new(
                Span::new(start + at, start + at + part.len()),
                TokenKind::Word,
            ));
            at += part.len() + 1;
        }
    }
    first.push(tokens.len() as u32);
    for s in &mut doc.sentences {
        let (a, b) = (s.tokens.0 as usize, s.tokens.1 as usize);
        if let (Some(&na), Some(&nb)) = (first.get(a), first.get(b)) {
            s.tokens = (na, nb);
        }
    }
    doc.tokens = tokens;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_round_trip_keeps_words_and_sentences() {
        let gold = sitrep_syntax::conllu::parse_conllu(
            "# text = Hamas attacked .\n1\tHamas\tHamas\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n",
            std::path::Path::new("t.conllu"),
        )
        .unwrap();
        let doc = document_from_conllu("t", &gold);
        assert_eq!(doc.text(), "Hamas attacked .\nYes\n");
        assert_eq!(doc.sentences.len(), 2);
        doc.validate().unwrap();
        let back = document_to_conllu(&doc);
        assert_eq!(back[0].forms(), vec!["Hamas", "attacked", "."]);
        assert_eq!(back[1].forms(), vec!["Yes"]);
    }

    #[test]
    fn hyphenated_words_split_as_in_ewt() {
        let mut doc = Document::new(
            "h",
            "al-Qaeda's well-informed non-profit e-mail 713-853-3989 Iranian-backed",
            Metadata::default(),
        );
        let seg = sitrep_segment::segment_text_keep_all(doc.text());
        doc.sentences = seg.sentences;
        doc.tokens = seg.tokens;
        split_hyphens(&mut doc);
        let words: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
        assert_eq!(
            words,
            vec![
                "al",
                "-",
                "Qaeda",
                "'s",
                "well",
                "-",
                "informed",
                "non-profit",
                "e-mail",
                "713-853-3989",
                "Iranian",
                "-",
                "backed"
            ]
        );
        assert_eq!(doc.sentences.len(), 1);
        assert_eq!(doc.sentences[0].tokens, (0, words.len() as u32));
    }
}
