//! A CoNLL-U reader and writer (the subset the tagger needs).
//!
//! Multiword-token ranges (`1-2`) and empty nodes (`1.1`) are skipped; comments are kept.
//! Columns FEATS, DEPS and MISC are not kept.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::SyntaxError;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluToken {
    /// 1-based word index.
    pub id: u32,
    /// Word form.
    pub form: String,
    /// Lemma (`_` when absent).
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific POS tag (`_` when absent).
    pub xpos: String,
    /// Head word index (0 for the root), when given.
    pub head: Option<u32>,
    /// Dependency relation (`_` when absent).
    pub deprel: String,
}

/// A sentence: its comment lines (without `# `) and its words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    /// Comment lines, without the leading `#` and one following space.
    pub comments: Vec<String>,
    /// The words, in order.
    pub tokens: Vec<ConlluToken>,
}

impl ConlluSentence {
    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.form.as_str()).collect()
    }
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let text = std::fs::read_to_string(path).map_err(|source| SyntaxError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_conllu(&text, path)
}

/// Reads several CoNLL-U files as one treebank, in order (none: no sentences).
pub fn read_treebanks<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let mut out = Vec::new();
    for path in paths {
        out.extend(read_conllu(path.as_ref())?);
    }
    Ok(out)
}

/// Parses CoNLL-U text; `name` is used in error messages.
pub fn parse_conllu(text: &str, name: &Path) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let err = |line: usize, message: String| SyntaxError::Conllu {
        path: PathBuf::from(name),
        line,
        message,
    };
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments
                .push(c.strip_prefix(' ').unwrap_or(c).to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                line_no,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: u32 = id
            .parse()
            .map_err(|_| err(line_no, format!("bad word id {id:?}")))?;
        let expected = cur.tokens.len() as u32 + 1;
        if id != expected {
            return Err(err(
                line_no,
                format!("word id {id} out of sequence (expected {expected})"),
            ));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse::<u32>()
                    .map_err(|_| err(line_no, format!("bad head {h:?}")))?,
            ),
        };
        if cols[1].is_empty() {
            return Err(err(line_no, "empty form".to_string()));
        }
        cur.tokens.push(ConlluToken {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.tokens.is_empty() || !cur.comments.is_empty() {
        out.push(cur);
    }
    // Comment-only blocks (e.g. a trailing `# newdoc`) carry no words.
    out.retain(|s| !s.tokens.is_empty());
    Ok(out)
}

/// Writes sentences as CoNLL-U (FEATS, DEPS and MISC as `_`).
pub fn write_conllu(sentences: &[ConlluSentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        for c in &sent.comments {
            let _ = writeln!(s, "# {c}");
        }
        for t in &sent.tokens {
            let head = t.head.map_or("_".to_string(), |h| h.to_string());
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_",
                t.id,
                field(&t.form),
                field(&t.lemma),
                field(&t.upos),
                field(&t.xpos),
                head,
                field(&t.deprel)
            );
        }
        s.push('\n');
    }
    s
}

/// A column value: never empty, never containing tabs or newlines.
fn field(v: &str) -> String {
    if v.is_empty() {
        return "_".to_string();
    }
    v.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a\n# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_skips_ranges_and_empty_nodes() {
        let s = parse_conllu(SAMPLE, Path::new("x.conllu")).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].forms(), ["Do", "n't", "go", "."]);
        assert_eq!(s[0].tokens[1].lemma, "not");
        assert_eq!(s[0].tokens[2].head, Some(0));
        assert_eq!(s[0].comments[0], "sent_id = a");
    }

    #[test]
    fn round_trips() {
        let s = parse_conllu(SAMPLE, Path::new("x")).unwrap();
        let text = write_conllu(&s);
        let again = parse_conllu(&text, Path::new("y")).unwrap();
        assert_eq!(s, again);
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tb\tb\n";
        let e = parse_conllu(bad, Path::new("bad.conllu")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "bad.conllu:2: expected 10 tab-separated columns, found 3"
        );
        let bad = "1\tA\ta\tDET\tDT\t_\tx\troot\t_\t_\n";
        let e = parse_conllu(bad, Path::new("h.conllu")).unwrap_err();
        assert!(e.to_string().starts_with("h.conllu:1: bad head"));
        let bad = "2\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n";
        assert!(parse_conllu(bad, Path::new("s")).is_err());
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let e = read_conllu(Path::new("/nonexistent/x.conllu")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/x.conllu"));
    }
}
