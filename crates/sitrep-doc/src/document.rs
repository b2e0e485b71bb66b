use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::event::Event;
use crate::layers::{Actor, Mention, Relation, Sentence, Token, Zone};
use crate::Span;

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline, when the input gave one separately from the text.
    pub title: Option<String>,
    /// Publishing outlet ("Reuters").
    pub outlet: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date: the anchor for relative dates.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code; sitrep codes English (`"en"`).
    pub language: Option<String>,
}

/// One article: immutable text plus annotation layers. Offsets everywhere are byte offsets
/// into [`Document::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    id: String,
    text: String,
    /// Metadata given with the article.
    pub meta: Metadata,
    /// Regions of the text: headline, body, boilerplate (sorted, disjoint).
    pub zones: Vec<Zone>,
    /// Sentences, sorted, disjoint, outside boilerplate zones.
    pub sentences: Vec<Sentence>,
    /// Tokens, sorted, disjoint; each sentence owns a contiguous range of them.
    pub tokens: Vec<Token>,
    /// Entity mentions (including resolved anaphora), sorted by start.
    pub mentions: Vec<Mention>,
    /// Actors resolved in this article, one per actor id.
    pub actors: Vec<Actor>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Relations between actors found in the text.
    pub relations: Vec<Relation>,
    /// What the reader noticed but read anyway (a wrong declared charset, say): one line
    /// each, naming the input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl Document {
    /// A document with no layers yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>, meta: Metadata) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            meta,
            zones: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            mentions: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            relations: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// What the reader noticed while reading this document (see [`Document::warn`]).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Records a reading warning: the document is usable, but something about the input
    /// was off.
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    /// The document id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The immutable article text that all offsets index.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers (`""` for an invalid span).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// Tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        let sent = &self.sentences[s];
        &self.tokens[sent.tokens.0 as usize..sent.tokens.1 as usize]
    }

    /// Index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The actor record with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// Checks the layer invariants: spans in bounds and on char boundaries, sentences and
    /// tokens sorted and disjoint, each sentence's token range inside it, evidence inside its
    /// sentence. Returns a description of the first violation.
    pub fn validate(&self) -> Result<(), String> {
        let text = &self.text;
        let check = |what: &str, s: Span| -> Result<(), String> {
            if s.is_valid_in(text) {
                Ok(())
            } else {
                Err(format!(
                    "{what} span {}..{} is not a valid span of the text",
                    s.start, s.end
                ))
            }
        };
        let mut prev_end = 0;
        for z in &self.zones {
            check("zone", z.span)?;
            if z.span.start < prev_end {
                return Err(format!(
                    "zone at {} overlaps the previous one",
                    z.span.start
                ));
            }
            prev_end = z.span.end;
        }
        let mut prev_end = 0;
        for (i, s) in self.sentences.iter().enumerate() {
            check("sentence", s.span)?;
            if s.span.start < prev_end || s.span.is_empty() {
                return Err(format!("sentence {i} is empty or out of order"));
            }
            prev_end = s.span.end;
            let (a, b) = s.tokens;
            if a > b || b as usize > self.tokens.len() {
                return Err(format!("sentence {i} has a bad token range {a}..{b}"));
            }
            for t in &self.tokens[a as usize..b as usize] {
                if !s.span.contains(t.span) {
                    return Err(format!(
                        "token at {} lies outside sentence {i}",
                        t.span.start
                    ));
                }
            }
        }
        let mut prev_end = 0;
        for t in &self.tokens {
            check("token", t.span)?;
            if t.span.start < prev_end || t.span.is_empty() {
                return Err(format!("token at {} is empty or overlaps", t.span.start));
            }
            prev_end = t.span.end;
        }
        for m in &self.mentions {
            check("mention", m.span)?;
        }
        for e in &self.events {
            let sent = self
                .sentences
                .get(e.evidence.sentence as usize)
                .ok_or_else(|| format!("event {} names a missing sentence", e.id))?;
            let ev = Span {
                start: e.evidence.start,
                end: e.evidence.end,
            };
            check("evidence", ev)?;
            if !sent.span.contains(ev) || !ev.contains(e.evidence.trigger) {
                return Err(format!("event {} evidence lies outside its sentence", e.id));
            }
            if let Some(m) = e.evidence.mode {
                check("mode evidence", m)?;
                if !sent.span.contains(m) {
                    return Err(format!(
                        "event {} mode words lie outside its sentence",
                        e.id
                    ));
                }
            }
            for r in e.source.iter().chain(&e.recipient) {
                check(
                    "role",
                    Span {
                        start: r.start,
                        end: r.end,
                    },
                )?;
            }
        }
        for r in &self.relations {
            check("relation", r.evidence)?;
        }
        Ok(())
    }
}
