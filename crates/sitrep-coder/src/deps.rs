//! The dependency parse seen from the coder: heads, relations and children of the tokens of
//! parsed sentences, and the role-finding walks over it (subject through `xcomp`/`conj`
//! chains and relative clauses, passive subjects and `by` agents, objects, recipient
//! prepositions, coordination, and the noun phrase a role filler spans).
//!
//! Sentences without a parse (the parser stage skipped them or did not run) answer `None`
//! everywhere, and the coder falls back to word order.

use sitrep_doc::Document;

/// Heads, relations and children (compressed rows) of every token.
#[derive(Debug, Default)]
pub(crate) struct Deps<'d> {
    head: Vec<Option<u32>>,
    rel: Vec<&'d str>,
    parsed: Vec<bool>,
    child_start: Vec<u32>,
    children: Vec<u32>,
}

impl<'d> Deps<'d> {
    pub fn new(doc: &'d Document) -> Deps<'d> {
        let n = doc.tokens.len();
        let mut head = Vec::with_capacity(n);
        let mut rel = Vec::with_capacity(n);
        let mut parsed = Vec::with_capacity(n);
        let mut counts = vec![0u32; n + 1];
        for t in &doc.tokens {
            let h = t
                .head
                .filter(|&h| h != u32::MAX && (h as usize) < n && t.deprel.is_some());
            if let Some(h) = h {
                counts[h as usize + 1] += 1;
            }
            head.push(h);
            rel.push(t.deprel.as_deref().unwrap_or(""));
            parsed.push(t.deprel.is_some());
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let child_start = counts.clone();
        let mut fill = counts;
        let mut children = vec![0u32; child_start[n] as usize];
        for (i, h) in head.iter().enumerate() {
            if let Some(h) = h {
                let slot = &mut fill[*h as usize];
                children[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        Deps {
            head,
            rel,
            parsed,
            child_start,
            children,
        }
    }

    /// True when token `i` carries a parse.
    pub fn parsed(&self, i: usize) -> bool {
        self.parsed.get(i).copied().unwrap_or(false)
    }

    /// The head of token `i` (`None` for the root or an unparsed token).
    pub fn head(&self, i: usize) -> Option<usize> {
        self.head.get(i).copied().flatten().map(|h| h as usize)
    }

    /// The relation of token `i` to its head ("" when unparsed).
    pub fn rel(&self, i: usize) -> &str {
        self.rel.get(i).copied().unwrap_or("")
    }

    /// The first dependent of token `i` with relation `rel`.
    pub fn child(&self, i: usize, rel: &str) -> Option<usize> {
        self.children(i)
            .iter()
            .map(|&c| c as usize)
            .find(|&c| self.rel(c) == rel)
    }

    /// The dependents of token `i`, left to right.
    pub fn children(&self, i: usize) -> &[u32] {
        match (self.child_start.get(i), self.child_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.children[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_doc::{Metadata, Span, Token, TokenKind};

    #[test]
    fn children_heads_and_unparsed_tokens() {
        // "Rebels attacked towns" parsed; a fourth token without a parse
        let mut doc = Document::new("t", "Rebels attacked towns x", Metadata::default());
        let spans = [(0, 6), (7, 15), (16, 21), (22, 23)];
        for (a, b) in spans {
            doc.tokens
                .push(Token::new(Span::new(a, b), TokenKind::Word));
        }
        for (i, (h, r)) in [(1, "nsubj"), (u32::MAX, "root"), (1, "obj")]
            .into_iter()
            .enumerate()
        {
            doc.tokens[i].head = Some(h);
            doc.tokens[i].deprel = Some(r.to_string());
        }
        let d = Deps::new(&doc);
        assert_eq!(d.children(1), &[0, 2]);
        assert!(d.children(0).is_empty());
        assert_eq!(d.head(0), Some(1));
        assert_eq!(d.head(1), None, "the root has no head");
        assert_eq!(d.rel(2), "obj");
        assert!(d.parsed(2) && !d.parsed(3));
        assert_eq!(d.rel(3), "");
        assert!(
            d.children(99).is_empty(),
            "out of range is empty, not a panic"
        );
    }
}
