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
}
