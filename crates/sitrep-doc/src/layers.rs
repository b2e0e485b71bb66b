use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Span;

/// What part of the article a zone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ZoneKind {
    /// A headline or title line (no final punctuation needed).
    Headline,
    /// Running text.
    Body,
    /// Subscription blurbs, copyright lines, link buttons: never coded.
    Boilerplate,
}

/// A region of the text with its kind and the rule that classified it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    /// Bytes covered.
    pub span: Span,
    /// Headline, body or boilerplate.
    pub kind: ZoneKind,
    /// Rule that classified it (e.g. `clean:subscribe`).
    pub rule: String,
}

/// A sentence: its span and the half-open range of its tokens in `Document::tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Bytes covered.
    pub span: Span,
    /// Token index range `[0, 1)` into `Document::tokens`.
    pub tokens: (u32, u32),
    /// True when the sentence is a headline.
    pub headline: bool,
}

/// Coarse class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (possibly with inner apostrophes, hyphens or periods: "U.S.", "al-Sudani").
    Word,
    /// Digits with separators ("50,000", "3.5").
    Number,
    /// Punctuation.
    Punct,
    /// Currency and other symbols.
    Symbol,
    /// URL or e-mail address.
    Url,
}

/// A token. Linguistic fields are filled by later stages (tagger, lemmatizer, parser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Bytes covered.
    pub span: Span,
    /// Coarse class.
    pub kind: TokenKind,
    /// Universal POS tag, when a tagger ran.
    pub upos: Option<String>,
    /// Language-specific (Penn Treebank) POS tag, when a tagger ran.
    pub xpos: Option<String>,
    /// Lemma, when a lemmatizer ran.
    pub lemma: Option<String>,
    /// Head token index (absolute, into `Document::tokens`; `u32::MAX` for the root), when a
    /// parser ran.
    pub head: Option<u32>,
    /// UD dependency relation, when a parser ran.
    pub deprel: Option<String>,
}

impl Token {
    /// A token with only span and kind.
    pub fn new(span: Span, kind: TokenKind) -> Token {
        Token {
            span,
            kind,
            upos: None,
            xpos: None,
            lemma: None,
            head: None,
            deprel: None,
        }
    }
}

/// Entity type of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// Person.
    Per,
    /// Organization (including armed groups and outlets).
    Org,
    /// Geopolitical entity: country, city, region with a government.
    Gpe,
    /// Location without a government (river, region).
    Loc,
    /// Nationality, religious or political group ("Iranian", "Shi'ite").
    Norp,
    /// Facility.
    Fac,
    /// Named event.
    Event,
    /// Weapon.
    Weapon,
    /// Date expression.
    Date,
    /// Quantity.
    Quantity,
    /// Pronoun or definite description standing for an actor ("they", "the group").
    Anaphor,
}

/// Index of a mention in `Document::mentions`.
pub type MentionId = u32;

/// An entity mention: a span of text, its type, and the actor it resolves to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Bytes covered.
    pub span: Span,
    /// Sentence index.
    pub sentence: u32,
    /// Entity type.
    pub etype: EntityType,
    /// Resolved actor id, or `None` when unresolved.
    pub actor: Option<String>,
    /// True when the mention modifies a noun rather than naming a participant
    /// ("Iranian" in "Iranian-backed militias", "US" in "US airstrikes").
    pub modifier: bool,
    /// For anaphora: the mention it was resolved to.
    pub antecedent: Option<MentionId>,
    /// Rule or model that produced it (e.g. `dict:actors`, `coref:recent-plural`).
    pub rule: String,
}

/// Kind of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// An organization with a name.
    Org,
    /// A collective without a proper name ("militias", "US officials").
    Group,
    /// A country or its government.
    Country,
    /// A news outlet.
    Outlet,
    /// A place.
    Place,
}

/// An actor resolved in this article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// Stable id (knowledge-base id, or derived from the name for unknown actors).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// ISO 3166 alpha-3 code, or IGO/NGO/ISM/IMG/MNC.
    pub code: Option<String>,
    /// PLOVER sector code.
    pub sector: Option<String>,
    /// Kind of actor.
    pub kind: ActorKind,
}

/// Relation between actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    /// Head is backed (armed, funded, sponsored) by tail.
    BackedBy,
    /// Head is a member or part of tail.
    MemberOf,
    /// Head leads or commands tail.
    LeaderOf,
    /// Head holds an office (`office`, `of`).
    HoldsOffice,
    /// Head is allied with tail.
    AlliedWith,
    /// Head is based in tail.
    BasedIn,
}

/// A relation found in the text, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Relation {
    /// Relation type.
    #[serde(rename = "type")]
    pub rtype: RelationType,
    /// Head actor id.
    pub head: String,
    /// Tail actor id (or a country code for `based_in`); `None` for `holds_office`.
    pub tail: Option<String>,
    /// Office title for `holds_office` ("prime minister").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub office: Option<String>,
    /// Country code of the office for `holds_office`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub of: Option<String>,
    /// Text the relation was read from.
    pub evidence: Span,
    /// Rule that produced it.
    pub rule: String,
}
