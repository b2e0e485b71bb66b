//! The actor stage: dictionary mentions, composites, titles, unknown names, coreference,
//! relations.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use sitrep_doc::{
    Actor, ActorKind, Document, EntityType, Layer, Mention, Relation, RelationType, Stage,
    StageError,
};
use sitrep_lexicon::{AgentEntry, Lexicon};
use sitrep_text::Span;

use crate::matcher::{Chunk, Matcher, Target};
use crate::units::{sentence_units, Unit};

/// Finds actor mentions, resolves them against the [`Lexicon`], links anaphora and reads
/// relations (backed_by, member_of, holds_office, based_in, leader_of, allied_with).
pub struct ActorStage {
    lexicon: Arc<Lexicon>,
    matcher: Matcher,
}

impl ActorStage {
    /// A stage over a loaded lexicon (compiles its matcher once).
    pub fn new(lexicon: Arc<Lexicon>) -> ActorStage {
        let matcher = Matcher::new(&lexicon);
        ActorStage { lexicon, matcher }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Mentions, Layer::Relations]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let mut ctx = Ctx::new(&self.lexicon, doc.text(), doc.meta.published);
        let mut all_units = Vec::with_capacity(doc.sentences.len());
        for s in 0..doc.sentences.len() {
            let units = sentence_units(doc, s);
            let chunks = self.matcher.chunks(&units);
            let headline = doc.sentences[s].headline || is_title_case(&units);
            ctx.sentence(s, &units, &chunks, headline);
            all_units.push(units);
        }
        ctx.build_sets(&all_units);
        ctx.coref(&all_units);
        ctx.pattern_relations(&all_units);
        ctx.finish(doc);
        Ok(())
    }
}

/// True when most words of a sentence are capitalized (a headline in title case).
fn is_title_case(units: &[Unit]) -> bool {
    let words: Vec<&Unit> = units.iter().filter(|u| u.alpha && !u.hyph).collect();
    words.len() >= 4 && words.iter().filter(|u| u.cap).count() * 10 >= words.len() * 7
}

/// Lowercase words allowed between a country and its agent noun ("US senior officials").
const MODS: &[&str] = &[
    "senior",
    "top",
    "former",
    "elite",
    "national",
    "local",
    "foreign",
    "regional",
    "armed",
    "allied",
    "rival",
    "powerful",
    "hardline",
    "main",
    "key",
    "other",
    "several",
    "many",
    "some",
    "own",
    "military",
    "security",
    "government",
    "state",
    "federal",
    "new",
    "current",
    "retired",
    "exiled",
    "provincial",
    "tribal",
    "militant",
    "opposition",
    "most",
    "army",
];

/// Hyphen compounds naming a backer: "Iranian-backed".
const BACKED: &[&str] = &[
    "backed",
    "sponsored",
    "supported",
    "funded",
    "armed",
    "financed",
];
/// Hyphen compounds naming an ally: "Iran-aligned".
const ALIGNED: &[&str] = &["aligned", "allied", "affiliated", "linked", "loyal"];

/// Words after a country name that make it a modifier ("US airstrikes").
const MOD_NOUNS: &[&str] = &[
    "airstrike",
    "airstrikes",
    "strike",
    "strikes",
    "attack",
    "attacks",
    "warning",
    "warnings",
    "invasion",
    "occupation",
    "sanctions",
    "aid",
    "support",
    "embassy",
    "base",
    "bases",
    "drone",
    "drones",
    "missile",
    "missiles",
    "warplanes",
    "jets",
    "pressure",
    "policy",
    "interests",
    "influence",
    "presence",
    "withdrawal",
    "deployment",
    "raid",
    "raids",
    "operation",
    "operations",
    "offensive",
    "bombing",
    "bombardment",
    "campaign",
    "plan",
    "proposal",
    "demands",
    "threats",
    "threat",
    "election",
    "elections",
    "border",
    "territory",
    "soil",
    "economy",
    "oil",
    "intelligence",
    "weapons",
    "arms",
    "nuclear",
    "war",
    "conflict",
];

/// Words after an abbreviation that do not make it a modifier ("US said").
const NOT_MOD: &[&str] = &[
    "said",
    "says",
    "and",
    "or",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "to",
    "in",
    "on",
    "at",
    "of",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "which",
    "who",
    "also",
    "not",
    "but",
    "if",
    "than",
    "then",
    "while",
    "when",
    "after",
    "before",
    "into",
    "over",
    "about",
    "against",
    "since",
    "because",
    "warned",
    "announced",
    "told",
    "launched",
    "accused",
];

/// How many earlier mentions coreference looks back at, at most (keeps the stage linear).
const SCAN: usize = 400;

/// Sentence-initial capitalized words that are not names.
/// Subordinators, conjunctions and wh-words that open a clause, never a name.
const CLAUSE_OPENERS: &[&str] = &[
    "when",
    "although",
    "though",
    "because",
    "if",
    "unless",
    "whereas",
    "however",
    "meanwhile",
    "but",
    "and",
    "yet",
    "how",
    "why",
    "after",
    "before",
    "since",
    "while",
];

const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "while",
    "still",
    "both",
    "many",
    "some",
    "former",
    "senior",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "their",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "his",
    "her",
    "our",
    "as",
    "after",
    "before",
    "since",
    "when",
    "if",
    "however",
    "meanwhile",
    "also",
    "according",
    "during",
    "with",
    "without",
    "for",
    "from",
    "by",
    "to",
    "of",
    "other",
    "others",
    "several",
    "most",
    "all",
    "no",
    "not",
    "last",
    "next",
    "on",
    "earlier",
    "later",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "yet",
    "so",
    "though",
    "although",
    "despite",
    "among",
    "under",
    "over",
    "about",
    "one",
    "two",
    "three",
    "each",
    "every",
    "such",
    "another",
    "more",
    "further",
    "officials",
    "subscribe",
    "join",
    "copyright",
    "read",
    "click",
    "sign",
];

/// Honorifics that introduce a person name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "general",
    "sheikh",
    "sheik",
    "ayatollah",
    "sayyed",
    "sayyid",
    "col",
    "colonel",
    "lt",
    "maj",
    "major",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "sen",
    "rep",
    "judge",
    "imam",
    "cleric",
    "commander",
    "spokesman",
    "spokeswoman",
];

/// Cue words that make an unknown name an organization.
const ORG_CUES: &[&str] = &[
    "brigades",
    "brigade",
    "corps",
    "party",
    "ministry",
    "army",
    "front",
    "movement",
    "battalion",
    "battalions",
    "forces",
    "force",
    "council",
    "committee",
    "organization",
    "organisation",
    "group",
    "union",
    "league",
    "agency",
    "authority",
    "company",
    "corporation",
    "association",
    "network",
    "alliance",
    "coalition",
    "militia",
    "division",
    "regiment",
    "guard",
    "guards",
    "resistance",
    "media",
    "news",
    "institute",
    "university",
    "bank",
    "court",
    "office",
    "department",
    "commission",
    "assembly",
    "parliament",
    "service",
    "police",
    "cartel",
    "jirga",
    "center",
    "centre",
    "foundation",
    "fund",
    "times",
    "post",
    "tribune",
    "herald",
    "telegraph",
    "journal",
    "gazette",
    "press",
    "express",
    "chronicle",
    "policia",
    "corporacion",
    "inversiones",
    "ministerio",
    "partido",
    "frente",
    "fuerzas",
    "ejercito",
    "fundacion",
    "universidad",
    "organizacion",
    "bloc",
    "revista",
];

/// Titles and ranks that surround a name without being part of it ("Senior Superintendent of
/// Police Rao Anwar", "Station House Officer").
const TITLE_WORDS: &[&str] = &[
    "senior",
    "superintendent",
    "inspector",
    "deputy",
    "assistant",
    "sub",
    "officer",
    "director",
    "secretary",
    "regional",
    "additional",
    "station",
    "house",
    "fellow",
    "suspected",
    "commissioner",
    "constable",
];

/// Last words of a multi-word name that make it a political division ("Hangu District").
const GPE_HEADS: &[&str] = &[
    "district",
    "province",
    "governorate",
    "county",
    "municipality",
    "prefecture",
    "oblast",
    "region",
    "tehsil",
    "town",
    "city",
    "village",
    "areas",
    "territories",
];

/// Last words of a multi-word name that make it a location without a government.
const LOC_HEADS: &[&str] = &[
    "forest",
    "river",
    "mountains",
    "mountain",
    "hills",
    "valley",
    "highway",
    "road",
    "lake",
    "sea",
    "gulf",
    "desert",
    "island",
    "islands",
    "coast",
    "bay",
    "strait",
    "canal",
    "peninsula",
    "plateau",
    "basin",
    "corridor",
    "jungle",
];

/// Lowercase nouns after a capitalized word that make it a place ("Sarkadana area").
const PLACE_NOUNS: &[&str] = &[
    "area",
    "village",
    "town",
    "city",
    "district",
    "province",
    "region",
    "block",
    "tehsil",
    "county",
    "border",
    "crossing",
    "valley",
    "camp",
    "neighbourhood",
    "neighborhood",
    "municipality",
    "governorate",
    "subdivision",
];

/// The type of an unknown name that is a place: from its last word ("Hangu District",
/// "Super Highway"), the noun after it ("Sarkadana area"), or the gazetteer of towns (with
/// the town's country). `None` for names with an organization cue.
fn place_type(
    words: &[&str],
    next: Option<&Unit>,
    name: &str,
) -> Option<(EntityType, Option<String>)> {
    let last = *words.last()?;
    if words.len() >= 2 && GPE_HEADS.contains(&last) {
        return Some((EntityType::Gpe, None));
    }
    if words.len() >= 2 && LOC_HEADS.contains(&last) {
        return Some((EntityType::Loc, None));
    }
    if words.iter().any(|w| ORG_CUES.contains(w)) {
        return None;
    }
    if next.is_some_and(|n| !n.cap && PLACE_NOUNS.contains(&n.key.as_str())) {
        return Some((EntityType::Gpe, None));
    }
    if words.len() >= 2 && PLACE_PREFIXES.contains(&words[0]) {
        return Some((EntityType::Gpe, None));
    }
    // Month and weekday names and all-caps abbreviations ("March", "ASP") are not towns.
    if words.iter().any(|w| sitrep_text::is_calendar_word(w))
        || (words.len() == 1
            && name
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase))
    {
        return None;
    }
    sitrep_lexicon::Gazetteer::builtin()
        .lookup(name)
        .into_iter()
        .max_by_key(|e| e.population)
        .map(|e| (EntityType::Gpe, Some(e.country.clone())))
}

/// First words of multi-word place names ("San Pedro Sula", "Nuevo Cuscatlan", "Port Sudan").
const PLACE_PREFIXES: &[&str] = &[
    "san", "santa", "santo", "sao", "puerto", "porto", "port", "villa", "ciudad", "nuevo", "nueva",
    "fort", "bandar", "kafr", "ras",
];

/// True for a word written with a capital inside it ("InSight", "PetroChina"): a brand or an
/// organization, not a person.
fn is_camel(word: &str) -> bool {
    let mut cs = word.chars().filter(|c| c.is_alphabetic());
    cs.next().is_some_and(char::is_uppercase) && {
        let rest: Vec<char> = cs.collect();
        rest.iter().any(|c| c.is_uppercase()) && rest.iter().any(|c| c.is_lowercase())
    }
}

const CONNECTORS: &[&str] = &[
    "of", "al", "el", "bin", "ibn", "abu", "de", "la", "for", "the", "and", "wal", "ad", "ul",
    "del", "da", "do", "dos", "das", "di", "van", "von", "der",
];

/// Kind of an internal mention candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CKind {
    /// Named actor (KB or unknown).
    Named,
    /// Generic group or role ("US officials", "militias").
    Agent,
    /// Place (gazetteer).
    Place,
    /// Pronoun.
    Pronoun,
    /// Definite description ("the group", "the militias").
    Definite,
    /// Coordination or exemplification set (internal, never emitted).
    Set,
}

#[derive(Debug, Clone)]
struct Cand {
    span: Span,
    sentence: usize,
    /// Units `[u0, u1)` of the sentence.
    u0: usize,
    u1: usize,
    etype: EntityType,
    actor: Option<String>,
    modifier: bool,
    rule: String,
    kind: CKind,
    plural: bool,
    /// Agent index for agents and definite descriptions.
    agent: Option<usize>,
    /// True for a generic agent without a country.
    bare: bool,
    /// Possessor actor id ("Iran" in "Iran's proxies").
    possessor: Option<String>,
    /// Members of a set.
    members: Vec<usize>,
    antecedent: Option<usize>,
    /// Set the anaphor resolved to.
    set: Option<usize>,
    /// Lowercase pronoun or head word for anaphora.
    word: String,
    /// Office of a person, from a title in this text.
    office: Option<String>,
    emit: bool,
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    text: String,
    date: Option<NaiveDate>,
    cands: Vec<Cand>,
    actors: Vec<Actor>,
    actor_ix: HashMap<String, usize>,
    relations: Vec<Relation>,
}

fn kebab(s: &str) -> String {
    let f = sitrep_text::fold(s);
    let mut out = String::new();
    for c in f.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl<'a> Ctx<'a> {
    fn new(lex: &'a Lexicon, text: &str, date: Option<NaiveDate>) -> Ctx<'a> {
        Ctx {
            lex,
            text: text.to_string(),
            date,
            cands: Vec::new(),
            actors: Vec::new(),
            actor_ix: HashMap::new(),
            relations: Vec::new(),
        }
    }

    // ----- actor records -------------------------------------------------------------

    fn put_actor(&mut self, a: Actor) -> String {
        let id = a.id.clone();
        if !self.actor_ix.contains_key(&id) {
            self.actor_ix.insert(id.clone(), self.actors.len());
            self.actors.push(a);
        }
        id
    }

    fn kb_actor(&mut self, i: usize) -> String {
        let Some(a) = self.lex.actors().get(i) else {
            return String::new();
        };
        let rec = Actor {
            id: a.id.clone(),
            name: a.name.clone(),
            code: a.code.clone(),
            sector: a.sector().map(str::to_string),
            kind: a.kind,
        };
        self.put_actor(rec)
    }

    fn kb_actor_by_id(&mut self, id: &str) -> Option<String> {
        let i = self.lex.actors().iter().position(|a| a.id == id)?;
        Some(self.kb_actor(i))
    }

    fn place_actor(&mut self, i: usize) -> String {
        let Some(p) = self.lex.places().get(i) else {
            return String::new();
        };
        let rec = Actor {
            id: p.id.clone(),
            name: p.name.clone(),
            code: p.country.clone(),
            sector: None,
            kind: ActorKind::Place,
        };
        self.put_actor(rec)
    }

    fn code_of(&self, id: &str) -> Option<String> {
        self.actor_ix
            .get(id)
            .and_then(|&i| self.actors[i].code.clone())
    }

    fn sector_of(&self, id: &str) -> Option<String> {
        self.actor_ix
            .get(id)
            .and_then(|&i| self.actors[i].sector.clone())
    }

    fn kind_of(&self, id: &str) -> Option<ActorKind> {
        self.actor_ix.get(id).map(|&i| self.actors[i].kind)
    }

    /// The actor of a country composed with an agent ("US forces" -> USA MIL).
    fn composite_actor(
        &mut self,
        country: usize,
        agent: &AgentEntry,
        sector: Option<&str>,
    ) -> String {
        let Some(c) = self.lex.actors().get(country) else {
            return String::new();
        };
        let sector = sector.or(agent.sector.as_deref());
        if agent.state && sector.is_none_or_gov() {
            return self.kb_actor(country);
        }
        let adjective = c
            .adjectives
            .first()
            .cloned()
            .unwrap_or_else(|| c.name.clone());
        let noun = sector
            .and_then(sector_noun)
            .map(str::to_string)
            .or_else(|| agent.plurals.first().or(agent.names.first()).cloned())
            .unwrap_or_default();
        let suffix = sector
            .map(str::to_lowercase)
            .unwrap_or_else(|| agent.id.clone());
        let rec = Actor {
            id: format!("{}-{}", c.id, suffix),
            name: format!("{adjective} {noun}"),
            code: c.code.clone(),
            sector: sector.map(str::to_string),
            kind: ActorKind::Group,
        };
        self.put_actor(rec)
    }

    /// A generic group without a country ("militias").
    fn bare_actor(&mut self, agent: &AgentEntry, sector: Option<&str>) -> Option<String> {
        let sector = sector.or(agent.sector.as_deref())?;
        let noun = agent
            .plurals
            .first()
            .or(agent.names.first())
            .cloned()
            .unwrap_or_default();
        let rec = Actor {
            id: kebab(&noun),
            name: noun,
            code: None,
            sector: Some(sector.to_string()),
            kind: ActorKind::Group,
        };
        Some(self.put_actor(rec))
    }

    /// The text of units `[a, b)`, whitespace collapsed.
    fn surface(&self, units: &[Unit], a: usize, b: usize) -> String {
        match (units.get(a), units.get(b.saturating_sub(1))) {
            (Some(x), Some(y)) if a < b => x
                .span
                .cover(y.span)
                .slice(&self.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        }
    }

    // ----- candidates ----------------------------------------------------------------

    /// A country or group adjective ("Iraqi"): a NORP mention that modifies, not a participant.
    /// A country's name used as a modifier ("US officials", "Chile's police") stays a GPE.
    fn push_adjective(&mut self, s: usize, units: &[Unit], u0: usize, u1: usize, actor: usize) {
        let surface = match (units.get(u0), units.get(u1.saturating_sub(1))) {
            (Some(a), Some(b)) => {
                let sp = a.span.cover(b.span);
                self.text
                    .get(sp.start as usize..sp.end as usize)
                    .map(sitrep_text::fold)
                    .unwrap_or_default()
            }
            _ => String::new(),
        };
        let etype = self.modifier_type(actor, &surface);
        let id = self.kb_actor(actor);
        let m = self.push(
            s,
            units,
            u0,
            u1,
            etype,
            Some(id),
            CKind::Named,
            "dict:adjective",
        );
        self.cands[m].modifier = true;
    }

    /// NORP for an adjective ("Iraqi"), GPE for a country's name ("Chile" in "Chile's
    /// police").
    fn modifier_type(&self, actor: usize, folded_surface: &str) -> EntityType {
        match self.lex.actors().get(actor) {
            Some(a)
                if a.kind == ActorKind::Country
                    && !a
                        .adjectives
                        .iter()
                        .any(|x| sitrep_text::fold(x) == folded_surface) =>
            {
                EntityType::Gpe
            }
            _ => EntityType::Norp,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        s: usize,
        units: &[Unit],
        u0: usize,
        u1: usize,
        etype: EntityType,
        actor: Option<String>,
        kind: CKind,
        rule: &str,
    ) -> usize {
        let span = match (units.get(u0), units.get(u1.saturating_sub(1))) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => Span::default(),
        };
        self.cands.push(Cand {
            span,
            sentence: s,
            u0,
            u1,
            etype,
            actor,
            modifier: false,
            rule: rule.to_string(),
            kind,
            plural: false,
            agent: None,
            bare: false,
            possessor: None,
            members: Vec::new(),
            antecedent: None,
            set: None,
            word: String::new(),
            office: None,
            emit: true,
        });
        self.cands.len() - 1
    }

    fn relation(
        &mut self,
        rtype: RelationType,
        head: &str,
        tail: Option<String>,
        ev: Span,
        rule: &str,
    ) {
        if head.is_empty() || tail.as_deref() == Some(head) {
            return;
        }
        let exists = self
            .relations
            .iter()
            .any(|r| r.rtype == rtype && r.head == head && r.tail == tail && r.office.is_none());
        if !exists {
            self.relations.push(Relation {
                rtype,
                head: head.to_string(),
                tail,
                office: None,
                of: None,
                evidence: ev,
                rule: rule.to_string(),
            });
        }
    }

    // ----- one sentence --------------------------------------------------------------

    fn sentence(&mut self, s: usize, units: &[Unit], chunks: &[Chunk], headline: bool) {
        let mut chunk_at: Vec<Option<usize>> = vec![None; units.len()];
        for (k, c) in chunks.iter().enumerate() {
            if let Some(slot) = chunk_at.get_mut(c.start) {
                *slot = Some(k);
            }
        }
        let mut covered = vec![false; units.len()];
        let mut k = 0;
        while k < chunks.len() {
            let next = self.chunk(s, units, chunks, &chunk_at, k, &mut covered);
            k = next.max(k + 1);
        }
        self.pronouns(s, units, &covered);
        self.unknown_names(s, units, &chunk_at, chunks, &mut covered, headline);
    }

    fn agent(&self, t: Target) -> Option<(usize, bool, &'a AgentEntry)> {
        match t {
            Target::Agent { agent, plural } => {
                self.lex.agents().get(agent).map(|a| (agent, plural, a))
            }
            _ => None,
        }
    }

    fn country_of_target(&self, t: Target) -> Option<usize> {
        match t {
            Target::Actor(i) | Target::Adjective(i) => {
                let a = self.lex.actors().get(i)?;
                (a.kind == ActorKind::Country).then_some(i)
            }
            _ => None,
        }
    }

    /// Skips allowed modifiers from unit `u`; returns the next unit index.
    fn skip_mods(
        units: &[Unit],
        chunk_at: &[Option<usize>],
        chunks: &[Chunk],
        lex: &Lexicon,
        mut u: usize,
    ) -> usize {
        while let Some(unit) = units.get(u) {
            let norp_adj = chunk_at[u].and_then(|k| chunks.get(k)).filter(|c| {
                c.targets.iter().any(|t| {
                    matches!(t, Target::Adjective(i) if lex.actors().get(*i).is_some_and(|a| a.kind != ActorKind::Country))
                })
            });
            if let Some(c) = norp_adj {
                u = c.end;
            } else if !unit.cap && MODS.contains(&unit.key.as_str()) && chunk_at[u].is_none() {
                u += 1;
            } else {
                break;
            }
        }
        u
    }

    /// Interprets chunk `k` (and what it composes with); returns the next chunk index.
    fn chunk(
        &mut self,
        s: usize,
        units: &[Unit],
        chunks: &[Chunk],
        chunk_at: &[Option<usize>],
        k: usize,
        covered: &mut [bool],
    ) -> usize {
        let c = &chunks[k];
        let lex = self.lex;
        let t = c.targets[0];
        let next_chunk_after = |u: usize| chunk_at.get(u).copied().flatten();
        let mark = |covered: &mut [bool], a: usize, b: usize| {
            for x in covered.iter_mut().take(b).skip(a) {
                *x = true;
            }
        };

        // Title + name: "[Iraqi] Prime Minister Mohammed Shia al-Sudani", "Iraq's foreign
        // minister".
        let country = c.targets.iter().find_map(|t| self.country_of_target(*t));
        let title_at = if units.get(c.end).is_some_and(|u| u.clitic) {
            c.end + 1
        } else {
            c.end
        };
        let (title_k, title_country) = match (country, next_chunk_after(title_at)) {
            (Some(ci), Some(k2)) if self.is_title(&chunks[k2]) => (Some(k2), Some(ci)),
            _ if self.is_title(c) => (Some(k), None),
            _ => (None, None),
        };
        if let Some(tk) = title_k {
            if let Some(next) =
                self.title(s, units, chunks, chunk_at, k, tk, title_country, covered)
            {
                return next;
            }
        }

        // Hyphen compound: "Iranian-backed X", "United Arab Emirates-based outlet".
        if let Some(h) = units.get(c.end).filter(|u| u.hyph) {
            let key = h.key.clone();
            if let Some(backer) = self.backer_target(c) {
                let rel = if BACKED.contains(&key.as_str()) {
                    Some(RelationType::BackedBy)
                } else if ALIGNED.contains(&key.as_str()) {
                    Some(RelationType::AlliedWith)
                } else if key == "based" {
                    Some(RelationType::BasedIn)
                } else if key == "led" {
                    Some(RelationType::LeaderOf)
                } else {
                    None
                };
                if let Some(rel) = rel {
                    return self.hyphen(s, units, chunks, chunk_at, k, backer, rel, covered);
                }
            }
        }

        // Country / org + agent: "US forces", "Iraq's national army", "Hamas fighters".
        let possessive = units.get(c.end).is_some_and(|u| u.clitic);
        let after = if possessive { c.end + 1 } else { c.end };
        let head_u = Self::skip_mods(units, chunk_at, chunks, lex, after);
        if let Some(hk) = next_chunk_after(head_u) {
            if let Some((ai, plural, agent)) =
                chunks[hk].targets.iter().find_map(|t| self.agent(*t))
            {
                if agent.office.is_none() || plural {
                    if let Some(next) = self.composite(
                        s, units, chunks, chunk_at, k, hk, ai, plural, possessive, covered,
                    ) {
                        return next;
                    }
                }
                let _ = agent;
            }
        }

        // Agent alone (possibly "militia leaders", "the militias").
        if let Some((ai, plural, agent)) = self.agent(t) {
            return self.bare_agent(s, units, chunks, chunk_at, k, ai, plural, agent, covered);
        }

        // A single named chunk.
        mark(covered, c.start, c.end);
        match t {
            Target::Actor(i) => {
                let id = self.kb_actor(i);
                let et = lex.actors()[i].entity_type();
                let ci = self.push(
                    s,
                    units,
                    c.start,
                    c.end,
                    et,
                    Some(id),
                    CKind::Named,
                    "dict:actor",
                );
                if lex.actors()[i].kind == ActorKind::Country {
                    self.cands[ci].modifier = is_modifier_use(units, c)
                        || possessive && self.possessed_is_modifier(units, c.end + 1);
                }
            }
            Target::Capital(ci) | Target::Place(ci) => {
                let locative = c.start > 0
                    && units.get(c.start - 1).is_some_and(|u| {
                        matches!(
                            u.key.as_str(),
                            "in" | "at"
                                | "near"
                                | "from"
                                | "to"
                                | "into"
                                | "outside"
                                | "across"
                                | "around"
                                | "inside"
                                | "toward"
                                | "towards"
                                | "through"
                        )
                    });
                let capital = c.targets.iter().find_map(|t| match t {
                    Target::Capital(x) => Some(*x),
                    _ => None,
                });
                let place = c.targets.iter().find_map(|t| match t {
                    Target::Place(x) => Some(*x),
                    _ => None,
                });
                let _ = ci;
                match (capital, place) {
                    (Some(cap), p) if !locative || p.is_none() => {
                        let id = self.kb_actor(cap);
                        self.push(
                            s,
                            units,
                            c.start,
                            c.end,
                            EntityType::Gpe,
                            Some(id),
                            CKind::Named,
                            "dict:capital",
                        );
                    }
                    (_, Some(p)) => {
                        let id = self.place_actor(p);
                        let et = lex.places()[p].entity_type();
                        self.push(
                            s,
                            units,
                            c.start,
                            c.end,
                            et,
                            Some(id),
                            CKind::Place,
                            "dict:place",
                        );
                    }
                    _ => {}
                }
            }
            Target::Adjective(i) => {
                self.push_adjective(s, units, c.start, c.end, i);
            }
            Target::Demonym(i) => {
                if let Some(id) = self.people_actor(i) {
                    let m = self.push(
                        s,
                        units,
                        c.start,
                        c.end,
                        EntityType::Norp,
                        Some(id),
                        CKind::Named,
                        "dict:demonym",
                    );
                    self.cands[m].plural = true;
                }
            }
            Target::Agent { .. } => {}
        }
        k + 1
    }

    fn possessed_is_modifier(&self, units: &[Unit], u: usize) -> bool {
        units.get(u).is_some_and(|n| !n.cap)
    }

    fn is_title(&self, c: &Chunk) -> bool {
        c.targets
            .iter()
            .any(|t| matches!(self.agent(*t), Some((_, false, a)) if a.office.is_some()))
    }

    fn backer_target(&self, c: &Chunk) -> Option<Target> {
        c.targets.iter().copied().find(|t| {
            matches!(
                t,
                Target::Actor(_) | Target::Adjective(_) | Target::Capital(_) | Target::Place(_)
            )
        })
    }

    fn target_actor(&mut self, t: Target) -> Option<String> {
        match t {
            Target::Actor(i) | Target::Adjective(i) | Target::Capital(i) => Some(self.kb_actor(i)),
            Target::Place(i) => Some(self.place_actor(i)),
            Target::Demonym(i) => self.people_actor(i),
            Target::Agent { .. } => None,
        }
    }

    /// The people of a country ("Palestinians"): a civilian group of that country.
    fn people_actor(&mut self, country: usize) -> Option<String> {
        let agent = self.lex.agent("civilian")?.clone();
        Some(self.composite_actor(country, &agent, Some("CVL")))
    }

    /// "[country] title Name" -> person + holds_office. Returns the next chunk index.
    #[allow(clippy::too_many_arguments)]
    fn title(
        &mut self,
        s: usize,
        units: &[Unit],
        chunks: &[Chunk],
        chunk_at: &[Option<usize>],
        k: usize,
        tk: usize,
        country: Option<usize>,
        covered: &mut [bool],
    ) -> Option<usize> {
        let lex = self.lex;
        let office = chunks[tk]
            .targets
            .iter()
            .find_map(|t| self.agent(*t))
            .and_then(|(_, _, a)| a.office.clone())?;
        let name_u = chunks[tk].end;
        let code = country
            .and_then(|c| lex.actors().get(c))
            .and_then(|a| a.code.clone());
        // The name: a KB person chunk, or a run of capitalized units.
        let (person, end, next_k) = match chunk_at.get(name_u).copied().flatten() {
            Some(nk) => match chunks[nk].targets[0] {
                Target::Actor(i) if lex.actors()[i].kind == ActorKind::Person => {
                    (Some(self.kb_actor(i)), chunks[nk].end, nk + 1)
                }
                _ => (None, name_u, tk + 1),
            },
            None => {
                let end = name_run(units, chunk_at, name_u, 5);
                if end > name_u {
                    let name = self.surface(units, name_u, end);
                    let sector = lex
                        .agents()
                        .iter()
                        .find(|a| a.office.as_deref() == Some(office.as_str()))
                        .and_then(|a| a.sector.clone());
                    let id = self.put_actor(Actor {
                        id: kebab(&name),
                        name,
                        code: code.clone(),
                        sector,
                        kind: ActorKind::Person,
                    });
                    let nk = chunks
                        .iter()
                        .position(|c| c.start >= end)
                        .unwrap_or(chunks.len());
                    (Some(id), end, nk)
                } else {
                    (None, name_u, tk + 1)
                }
            }
        };
        let start_u = chunks[k].start;
        let ev = units[start_u]
            .span
            .cover(units[end.max(name_u).saturating_sub(1)].span);
        if let Some(ci) = country {
            if k != tk {
                let id = self.kb_actor(ci);
                let surface = sitrep_text::fold(&self.surface(units, start_u, chunks[k].end));
                let etype = self.modifier_type(ci, &surface);
                let m = self.push(
                    s,
                    units,
                    start_u,
                    chunks[k].end,
                    etype,
                    Some(id),
                    CKind::Named,
                    "dict:adjective",
                );
                self.cands[m].modifier = true;
            }
        }
        let person = match person {
            Some(p) => {
                let m = self.push(
                    s,
                    units,
                    name_u,
                    end,
                    EntityType::Per,
                    Some(p.clone()),
                    CKind::Named,
                    "title:name",
                );
                self.cands[m].office = Some(office.clone());
                p
            }
            None => {
                // "the Iraqi prime minister", "US President": the office holder.
                let code = code.clone()?;
                let holder = self
                    .date
                    .and_then(|d| lex.office_holder(&office, &code, d))
                    .map(|a| a.id.clone());
                let id = match holder {
                    Some(h) => self.kb_actor_by_id(&h).unwrap_or(h),
                    None => {
                        let c = lex.actors().get(country?)?;
                        self.put_actor(Actor {
                            id: format!("{}-{}", c.id, kebab(&office)),
                            name: format!("{} {}", c.adjectives.first().unwrap_or(&c.name), office),
                            code: Some(code.clone()),
                            sector: Some("GOV".into()),
                            kind: ActorKind::Person,
                        })
                    }
                };
                let m = self.push(
                    s,
                    units,
                    chunks[tk].start,
                    chunks[tk].end,
                    EntityType::Per,
                    Some(id.clone()),
                    CKind::Named,
                    "title:office-holder",
                );
                self.cands[m].office = Some(office.clone());
                id
            }
        };
        let of = code.or_else(|| {
            lex.actor(&person).and_then(|a| {
                a.offices
                    .iter()
                    .find(|o| o.title == office)
                    .map(|o| o.of.clone())
                    .or(a.code.clone())
            })
        });
        self.relations.push(Relation {
            rtype: RelationType::HoldsOffice,
            head: person,
            tail: None,
            office: Some(office),
            of,
            evidence: ev,
            rule: "title:office".into(),
        });
        for x in covered
            .iter_mut()
            .take(end.max(chunks[tk].end))
            .skip(start_u)
        {
            *x = true;
        }
        Some(next_k)
    }

    /// "X-backed Y", "X-based Y", "X-led Y".
    #[allow(clippy::too_many_arguments)]
    fn hyphen(
        &mut self,
        s: usize,
        units: &[Unit],
        chunks: &[Chunk],
        chunk_at: &[Option<usize>],
        k: usize,
        backer: Target,
        rel: RelationType,
        covered: &mut [bool],
    ) -> usize {
        let lex = self.lex;
        let c = &chunks[k];
        let tail = self.target_actor(backer);
        let m = self.push(
            s,
            units,
            c.start,
            c.end,
            if matches!(backer, Target::Adjective(_)) {
                EntityType::Norp
            } else {
                EntityType::Gpe
            },
            tail.clone(),
            CKind::Named,
            "dict:hyphen-modifier",
        );
        self.cands[m].modifier = true;
        if let Target::Actor(i) = backer {
            self.cands[m].etype = lex.actors()[i].entity_type();
        }
        let head_u = Self::skip_mods(units, chunk_at, chunks, lex, c.end + 1);
        for x in covered.iter_mut().take(c.end + 1).skip(c.start) {
            *x = true;
        }
        let rule = match rel {
            RelationType::BackedBy => "hyphen:backed",
            RelationType::AlliedWith => "hyphen:aligned",
            RelationType::BasedIn => "hyphen:based",
            _ => "hyphen:led",
        };
        let Some(hk) = chunk_at.get(head_u).copied().flatten() else {
            return k + 1;
        };
        // The head noun phrase.
        let head_chunk = &chunks[hk];
        let (head_id, next, head_cand) = if let Some((ai, plural, agent)) =
            head_chunk.targets.iter().find_map(|t| self.agent(*t))
        {
            let (cand, next) = self.agent_np(
                s, units, chunks, chunk_at, c.start, hk, ai, plural, agent, None, covered,
            );
            let id = self.cands[cand].actor.clone();
            (id, next, Some(cand))
        } else if let Some(id) = self.target_actor(head_chunk.targets[0]) {
            let et = match head_chunk.targets[0] {
                Target::Actor(i) => lex.actors()[i].entity_type(),
                _ => EntityType::Gpe,
            };
            let cand = self.push(
                s,
                units,
                head_chunk.start,
                head_chunk.end,
                et,
                Some(id.clone()),
                CKind::Named,
                "dict:actor",
            );
            for x in covered
                .iter_mut()
                .take(head_chunk.end)
                .skip(head_chunk.start)
            {
                *x = true;
            }
            (Some(id), hk + 1, Some(cand))
        } else {
            (None, hk + 1, None)
        };
        // Apposition: "the National, a UAE-based outlet" -> the head is the named actor before.
        let mut head_id = head_id;
        if rel == RelationType::BasedIn {
            let art = c.start.checked_sub(1).and_then(|u| units.get(u));
            let comma = c.start.checked_sub(2).and_then(|u| units.get(u));
            if art.is_some_and(|u| matches!(u.key.as_str(), "a" | "an" | "the"))
                && comma.is_some_and(|u| u.key == ",")
            {
                let before = c.start - 2;
                if let Some(prev) = self
                    .cands
                    .iter()
                    .rev()
                    .take_while(|p| p.sentence == s)
                    .find(|p| p.u1 == before && !p.modifier)
                {
                    head_id = prev.actor.clone();
                    if let (Some(hc), Some(h)) = (head_cand, head_id.clone()) {
                        self.cands[hc].actor = Some(h);
                        self.cands[hc].rule = "appos:based".into();
                    }
                }
            }
        }
        if let (Some(h), Some(t)) = (head_id, tail) {
            let ev = units[c.start]
                .span
                .cover(units[chunks[hk].end.max(c.end + 1) - 1].span);
            let t = if rel == RelationType::BasedIn {
                self.code_of(&t)
                    .filter(|_| self.kind_of(&t) == Some(ActorKind::Country))
                    .unwrap_or(t)
            } else {
                t
            };
            let (h, t) = if rel == RelationType::LeaderOf {
                (t, h)
            } else {
                (h, t)
            };
            self.relation(rel, &h, Some(t), ev, rule);
        }
        next
    }

    /// A country/org/possessor chunk `k` followed by an agent chunk `hk`.
    #[allow(clippy::too_many_arguments)]
    fn composite(
        &mut self,
        s: usize,
        units: &[Unit],
        chunks: &[Chunk],
        chunk_at: &[Option<usize>],
        k: usize,
        hk: usize,
        ai: usize,
        plural: bool,
        possessive: bool,
        covered: &mut [bool],
    ) -> Option<usize> {
        let lex = self.lex;
        let agent = lex.agents().get(ai)?;
        let c = &chunks[k];
        let country = c.targets.iter().find_map(|t| self.country_of_target(*t));
        let named = c.targets.iter().find_map(|t| match t {
            Target::Actor(i) if lex.actors()[*i].kind != ActorKind::Country => Some(*i),
            _ => None,
        });
        let person_possessor = c
            .targets
            .iter()
            .any(|t| matches!(t, Target::Actor(i) if lex.actors()[*i].kind == ActorKind::Person));
        if let Some(ci) = country {
            if possessive && !agent.state {
                // "Iran's proxies": Iran backs them; their country comes from "in X".
                let id = self.kb_actor(ci);
                let m = self.push(
                    s,
                    units,
                    c.start,
                    c.end,
                    EntityType::Gpe,
                    Some(id.clone()),
                    CKind::Named,
                    "dict:possessor",
                );
                self.cands[m].modifier = true;
                let (cand, next) = self.agent_np(
                    s, units, chunks, chunk_at, c.start, hk, ai, plural, agent, None, covered,
                );
                self.cands[cand].possessor = Some(id.clone());
                if let Some(h) = self.cands[cand].actor.clone() {
                    let code = self.code_of(&h);
                    if code.is_some() && code.as_deref() != lex.actors()[ci].code.as_deref() {
                        let ev = self.cands[cand].span.cover(units[c.start].span);
                        self.relation(RelationType::BackedBy, &h, Some(id), ev, "possessive:proxy");
                    }
                }
                return Some(next);
            }
            self.push_adjective(s, units, c.start, c.end, ci);
            let (_, next) = self.agent_np(
                s,
                units,
                chunks,
                chunk_at,
                c.start,
                hk,
                ai,
                plural,
                agent,
                Some(ci),
                covered,
            );
            return Some(next);
        }
        if let Some(ni) = named {
            if person_possessor || (possessive && lex.actors()[ni].kind == ActorKind::Person) {
                return None;
            }
            if possessive && !agent.state {
                return None;
            }
            // "Hamas fighters", "Hezbollah's leaders": members stand for the organization.
            let id = self.kb_actor(ni);
            let end = chunks[hk].end;
            let et = lex.actors()[ni].entity_type();
            let m = self.push(
                s,
                units,
                c.start,
                end,
                et,
                Some(id),
                CKind::Named,
                "dict:org-agent",
            );
            self.cands[m].plural = plural;
            for x in covered.iter_mut().take(end).skip(c.start) {
                *x = true;
            }
            return Some(hk + 1);
        }
        None
    }

    /// An agent NP headed by chunk `hk` starting at unit `start`, optionally composed with a
    /// country; absorbs "in <country>". Returns the candidate and the next chunk index.
    #[allow(clippy::too_many_arguments)]
    fn agent_np(
        &mut self,
        s: usize,
        units: &[Unit],
        chunks: &[Chunk],
        chunk_at: &[Option<usize>],
        start: usize,
        hk: usize,
        ai: usize,
        plural: bool,
        agent: &AgentEntry,
        country: Option<usize>,
        covered: &mut [bool],
    ) -> (usize, usize) {
        let lex = self.lex;
        let mut end = chunks[hk].end;
        let mut next = hk + 1;
        let mut sector: Option<String> = agent.sector.clone();
        let mut agent_ix = ai;
        let mut agent = agent;
        let mut plural = plural;
        // "militia leaders": an agent noun modifying an agent with no sector of its own.
        if let Some(k2) = chunk_at.get(end).copied().flatten() {
            if let Some((a2, p2, ag2)) = chunks[k2].targets.iter().find_map(|t| self.agent(*t)) {
                if ag2.sector.is_none() || agent.sector.is_none() {
                    sector = agent.sector.clone().or(ag2.sector.clone());
                    if ag2.sector.is_none() {
                        agent_ix = a2;
                        agent = ag2;
                        plural = p2;
                    }
                    end = chunks[k2].end;
                    next = k2 + 1;
                }
            }
        }
        // "... in Iraq": the country the group is in.
        let mut in_country = None;
        if units.get(end).is_some_and(|u| u.key == "in") {
            if let Some(k3) = chunk_at.get(end + 1).copied().flatten() {
                if let Some(ci) = chunks[k3]
                    .targets
                    .iter()
                    .find_map(|t| self.country_of_target(*t))
                {
                    in_country = Some((ci, k3));
                }
            }
        }
        let actor = match (country, in_country) {
            (Some(ci), _) => Some(self.composite_actor(ci, agent, sector.as_deref())),
            (None, Some((ci, _))) if !agent.state && sector.is_some() => {
                Some(self.composite_actor(ci, agent, sector.as_deref()))
            }
            _ => self.bare_actor(agent, sector.as_deref()),
        };
        let definite = start > 0
            && units
                .get(start - 1)
                .is_some_and(|u| matches!(u.key.as_str(), "the" | "these" | "those"));
        let bare = country.is_none() && !(in_country.is_some() && !agent.state && sector.is_some());
        let is_person = agent.kind == ActorKind::Person && !plural;
        let etype = if is_person {
            EntityType::Per
        } else {
            EntityType::Org
        };
        let kind = if definite && bare && chunks[hk].start == start {
            CKind::Definite
        } else {
            CKind::Agent
        };
        let mut u1 = end;
        if let Some((ci, k3)) = in_country {
            if !bare {
                u1 = chunks[k3].end;
                let id = self.kb_actor(ci);
                let m = self.push(
                    s,
                    units,
                    chunks[k3].start,
                    chunks[k3].end,
                    EntityType::Gpe,
                    Some(id),
                    CKind::Named,
                    "dict:in-country",
                );
                self.cands[m].modifier = true;
                next = k3 + 1;
            }
        }
        let rule = if bare {
            "dict:agent"
        } else {
            "dict:country-agent"
        };
        let m = self.push(s, units, start, u1, etype, actor, kind, rule);
        let cand = &mut self.cands[m];
        cand.plural = plural;
        cand.agent = Some(agent_ix);
        cand.bare = bare;
        cand.word = units
            .get(end.saturating_sub(1))
            .map(|u| u.key.clone())
            .unwrap_or_default();
        if lex.agents()[agent_ix].sector.is_none() && sector.is_none() && bare {
            cand.emit = false;
        }
        for x in covered.iter_mut().take(u1).skip(start) {
            *x = true;
        }
        (m, next)
    }

    #[allow(clippy::too_many_arguments)]
    fn bare_agent(
        &mut self,
        s: usize,
        units: &[Unit],
        chunks: &[Chunk],
        chunk_at: &[Option<usize>],
        k: usize,
        ai: usize,
        plural: bool,
        agent: &AgentEntry,
        covered: &mut [bool],
    ) -> usize {
        let start = chunks[k].start;
        let (_, next) = self.agent_np(
            s, units, chunks, chunk_at, start, k, ai, plural, agent, None, covered,
        );
        next
    }

    /// True when a reporting verb directly precedes unit `i` ("Hungary said it will ...").
    fn reporting_before(&self, units: &[Unit], i: usize) -> bool {
        i > 0
            && matches!(
                units[i - 1].key.as_str(),
                "said"
                    | "says"
                    | "announced"
                    | "stated"
                    | "added"
                    | "warned"
                    | "insisted"
                    | "claimed"
                    | "that"
            )
    }

    /// Pronouns that may stand for actors.
    fn pronouns(&mut self, s: usize, units: &[Unit], covered: &[bool]) {
        for (i, u) in units.iter().enumerate() {
            if covered.get(i).copied().unwrap_or(true) {
                continue;
            }
            let next = units.get(i + 1).map(|n| n.key.as_str()).unwrap_or("");
            let plural = match u.key.as_str() {
                "they" | "them" | "their" | "theirs" | "themselves" => true,
                "its" | "he" | "him" | "his" | "she" | "her" => false,
                // "it" stands for an actor unless it is pleonastic ("it is likely that")
                "it" if !matches!(
                    next,
                    "is" | "was"
                        | "'s"
                        | "seems"
                        | "seemed"
                        | "appears"
                        | "remains"
                        | "became"
                        | "becomes"
                        | "would"
                        | "will"
                        | "has"
                ) || self.reporting_before(units, i) =>
                {
                    false
                }
                _ => continue,
            };
            let m = self.push(
                s,
                units,
                i,
                i + 1,
                EntityType::Anaphor,
                None,
                CKind::Pronoun,
                "coref:pronoun",
            );
            self.cands[m].plural = plural;
            self.cands[m].word = u.key.clone();
        }
    }

    /// Capitalized multi-word names that no dictionary knows.
    /// True when the word at `u` is in a list of names introduced by "identified as", "named"
    /// or "alias" ("were identified as Anwar, Ghazi and Farooq").
    fn listed_as_names(&self, units: &[Unit], u: usize) -> bool {
        let mut j = u;
        while j > 0 && u - j < 16 {
            j -= 1;
            let x = &units[j];
            match x.key.as_str() {
                "as" => {
                    return j > 0 && matches!(units[j - 1].key.as_str(), "identified" | "named")
                }
                "named" | "alias" => return true,
                "," | "and" | "(" | ")" => {}
                k if k.chars().all(|c| c.is_ascii_digit()) => {}
                _ if x.cap && x.alpha => {}
                _ => return false,
            }
        }
        false
    }

    /// "Department of Homeland Security (DHS)": an all-caps word in parentheses whose letters
    /// are the initials of the words before it names what the mention there names.
    fn acronym(&mut self, s: usize, units: &[Unit], u: usize, covered: &mut [bool]) {
        let w = &units[u];
        if !w.upper
            || w.key.len() < 2
            || u < 2
            || units[u - 1].key != "("
            || units.get(u + 1).map(|x| x.key.as_str()) != Some(")")
        {
            return;
        }
        let letters: Vec<char> = w.key.chars().collect();
        // Initials from the end, over capitalized words (lowercase connectors skipped, or
        // counted when that is what makes the letters fit: "DoD").
        let fit = |with_lower: bool| -> Option<usize> {
            let mut li = letters.len();
            let mut j = u - 1;
            let mut first = None;
            while j > 0 && li > 0 && u - j <= 10 {
                j -= 1;
                let x = &units[j];
                if !x.alpha || x.hyph {
                    return None;
                }
                let c = x.key.chars().next();
                if x.cap || with_lower {
                    if c == Some(letters[li - 1]) {
                        li -= 1;
                        first = Some(j);
                    } else if x.cap {
                        return None;
                    }
                }
            }
            if li == 0 {
                first
            } else {
                None
            }
        };
        let Some(first) = fit(false).or_else(|| fit(true)) else {
            return;
        };
        let named = self
            .cands
            .iter()
            .rev()
            .take_while(|c| c.sentence == s)
            .find(|c| c.kind == CKind::Named && c.u0 <= first && first < c.u1 && c.u1 == u - 1);
        let Some((etype, actor)) = named.map(|c| (c.etype, c.actor.clone())) else {
            return;
        };
        self.push(
            s,
            units,
            u,
            u + 1,
            etype,
            actor,
            CKind::Named,
            "name:acronym",
        );
        covered[u] = true;
    }

    fn unknown_names(
        &mut self,
        s: usize,
        units: &[Unit],
        chunk_at: &[Option<usize>],
        chunks: &[Chunk],
        covered: &mut [bool],
        headline: bool,
    ) {
        let _ = chunks;
        let mut i = 0;
        while i < units.len() {
            if covered[i] || !units[i].cap || !units[i].alpha || chunk_at[i].is_some() {
                i += 1;
                continue;
            }
            // Sentence-initial function words are not names, and a capitalized clause opener
            // is none anywhere (after a quote, a dash or a missed sentence end: "When Caro
            // Quintero was freed", "Because Morales ...").
            let initial = (0..i).all(|j| !units[j].alpha);
            if initial
                && (STOP.contains(&units[i].key.as_str())
                    || sitrep_text::is_calendar_word(&units[i].key))
                || CLAUSE_OPENERS.contains(&units[i].key.as_str())
            {
                i += 1;
                continue;
            }
            // "Mr Ali Hassan": the honorific introduces the name.
            let run_has_cue = {
                let e = name_run(units, chunk_at, i, 6);
                (i..e).any(|j| ORG_CUES.contains(&units[j].key.as_str()))
            };
            let lead_honorific = !run_has_cue
                && HONORIFICS.contains(&units[i].key.as_str())
                && units
                    .get(i + 1)
                    .is_some_and(|n| n.cap && n.alpha && chunk_at[i + 1].is_none());
            if lead_honorific {
                i += 1;
                if units.get(i).is_some_and(|u| u.key == ".") {
                    i += 1;
                }
            }
            let mut start = i;
            let end = name_run(units, chunk_at, i, 6);
            let mut end = end;
            while end > start && covered[end - 1] {
                end -= 1;
            }
            if (start..end).any(|j| covered[j]) {
                i = end.max(i + 1);
                continue;
            }
            // Titles around a name are not part of it: "Senior Superintendent of Police",
            // "RPO Tahir Khan", "Mardan Regional (Police Officer)".
            while end > start + 1 && TITLE_WORDS.contains(&units[end - 1].key.as_str()) {
                end -= 1;
            }
            while start + 1 < end
                && (TITLE_WORDS.contains(&units[start].key.as_str())
                    || (units[start].upper && end - start >= 3 && !units[start + 1].upper))
            {
                start += 1;
            }
            if TITLE_WORDS.contains(&units[start].key.as_str()) {
                i = end.max(i + 1);
                continue;
            }
            // A title inside the run ends the name before it ("Tank Deputy Commissioner
            // Muhammad Ali Shah"); the name after it is read next.
            if let Some(j) =
                (start + 1..end).find(|&j| TITLE_WORDS.contains(&units[j].key.as_str()))
            {
                end = j;
            }
            let cue_at = |j: usize| ORG_CUES.contains(&units[j].key.as_str());
            // "Taj Ali and Bilal": a coordination of names without an organization word is
            // two names.
            if !(start..end).any(cue_at) {
                if let Some(a) = (start + 1..end).find(|&j| units[j].key == "and") {
                    end = a;
                }
            }
            let words: Vec<&str> = (start..end)
                .filter(|&j| !units[j].hyph)
                .map(|j| units[j].key.as_str())
                .collect();
            let prev = start.checked_sub(1).and_then(|j| units.get(j));
            let honorific =
                lead_honorific || prev.is_some_and(|p| HONORIFICS.contains(&p.key.as_str()));
            let org_cue = words.iter().any(|w| ORG_CUES.contains(w));
            let name = self.surface(units, start, end);
            // A lone word that is the surname of a person seen before stays a person.
            let surname = words.len() == 1
                && self.cands.iter().rev().take(SCAN).any(|c| {
                    c.etype == EntityType::Per
                        && c.actor
                            .as_deref()
                            .is_some_and(|a| a.rsplit('-').next() == Some(words[0]))
                });
            // A quoted word is a nickname or a title, not a town ("Lourenco \"Leo\" Veras").
            let quoted = prev.is_some_and(|p| matches!(p.key.as_str(), "\"" | "“" | "'" | "‘"));
            let place = if honorific || surname || (quoted && words.len() == 1) {
                None
            } else {
                place_type(&words, units.get(end), &name)
            };
            if let Some((etype, code)) = place.filter(|_| !headline) {
                let id = self.put_actor(Actor {
                    id: kebab(&name),
                    name,
                    code,
                    sector: None,
                    kind: ActorKind::Place,
                });
                self.push(
                    s,
                    units,
                    start,
                    end,
                    etype,
                    Some(id),
                    CKind::Named,
                    "name:place",
                );
                for x in covered.iter_mut().take(end).skip(start) {
                    *x = true;
                }
                i = end.max(start + 1);
                continue;
            }
            if words.len() < 2 && !honorific || (headline && !org_cue) {
                if words.len() == 1 && !headline {
                    if self.listed_as_names(units, start) {
                        let id = self.put_actor(Actor {
                            id: kebab(&name),
                            name,
                            code: None,
                            sector: None,
                            kind: ActorKind::Person,
                        });
                        self.push(
                            s,
                            units,
                            start,
                            end,
                            EntityType::Per,
                            Some(id),
                            CKind::Named,
                            "name:listed",
                        );
                        for x in covered.iter_mut().take(end).skip(start) {
                            *x = true;
                        }
                    } else {
                        self.acronym(s, units, start, covered);
                    }
                }
                i = end.max(start + 1);
                continue;
            }
            let article = matches!(words.first(), Some(&("el" | "la" | "los" | "las")));
            // "ABC Color", "InSight Crime": an acronym or a brand-styled word makes an
            // organization.
            let styled = (units[start].upper && units[start].key.len() >= 2)
                || (start..end).any(|j| is_camel(units[j].span.slice(&self.text)));
            let person = honorific
                || (!org_cue
                    && !article
                    && !styled
                    && words.len() <= 4
                    && !words
                        .iter()
                        .any(|w| matches!(*w, "of" | "for" | "the" | "and")));
            // A country adjective right before gives the code ("Iraqi lawmaker Ali X").
            let code = self
                .cands
                .iter()
                .rev()
                .take_while(|c| c.sentence == s)
                .find(|c| c.u1 == start && c.modifier)
                .and_then(|c| c.actor.clone())
                .and_then(|a| {
                    (self.kind_of(&a) == Some(ActorKind::Country))
                        .then(|| self.code_of(&a))
                        .flatten()
                });
            // A surname already seen as part of a person.
            let id = kebab(&name);
            let (kind, etype) = if person {
                (ActorKind::Person, EntityType::Per)
            } else {
                (ActorKind::Org, EntityType::Org)
            };
            let id = self.put_actor(Actor {
                id,
                name,
                code,
                sector: None,
                kind,
            });
            self.push(
                s,
                units,
                start,
                end,
                etype,
                Some(id),
                CKind::Named,
                if person { "name:person" } else { "name:org" },
            );
            for x in covered.iter_mut().take(end).skip(start) {
                *x = true;
            }
            i = end.max(start + 1);
        }
        // Single capitalized words equal to the last word of a person seen before.
        for (j, u) in units.iter().enumerate() {
            if covered[j] || !u.cap || chunk_at[j].is_some() || u.hyph {
                continue;
            }
            let hit = self.cands.iter().rev().take(SCAN).find(|c| {
                c.etype == EntityType::Per
                    && c.actor
                        .as_deref()
                        .is_some_and(|a| a.rsplit('-').next() == Some(u.key.as_str()))
            });
            if let Some(c) = hit {
                let id = c.actor.clone();
                self.push(
                    s,
                    units,
                    j,
                    j + 1,
                    EntityType::Per,
                    id,
                    CKind::Named,
                    "name:surname",
                );
                covered[j] = true;
            }
        }
    }
}

/// A collective noun naming a country's actors of a sector ("Iraqi militias").
fn sector_noun(sector: &str) -> Option<&'static str> {
    Some(match sector {
        "GOV" => "government",
        "MIL" => "armed forces",
        "COP" => "police",
        "JUD" => "judiciary",
        "LEG" => "legislature",
        "PTY" => "parties",
        "REB" => "rebels",
        "PRM" => "militias",
        "SPY" => "intelligence services",
        "OPP" => "opposition",
        "JRN" => "media",
        "CVL" => "civilians",
        "REF" => "refugees",
        "PRO" => "protesters",
        _ => return None,
    })
}

trait GovSector {
    fn is_none_or_gov(&self) -> bool;
}

impl GovSector for Option<&str> {
    fn is_none_or_gov(&self) -> bool {
        matches!(self, None | Some("GOV"))
    }
}

/// True when a country name is used as a modifier ("US airstrikes", "(US) occupation").
fn is_modifier_use(units: &[Unit], c: &Chunk) -> bool {
    let mut j = c.end;
    if units.get(j).is_some_and(|u| u.key == ")") {
        j += 1;
    }
    let Some(n) = units.get(j) else { return false };
    if n.cap || !n.alpha || n.hyph {
        return false;
    }
    let abbreviation = units[c.start..c.end].iter().all(|u| u.upper);
    MOD_NOUNS.contains(&n.key.as_str()) || (abbreviation && !NOT_MOD.contains(&n.key.as_str()))
}

/// End of a run of capitalized units from `start` (connectors allowed inside), at most
/// `max` words, stopping at dictionary chunks.
fn name_run(units: &[Unit], chunk_at: &[Option<usize>], start: usize, max: usize) -> usize {
    let mut end = start;
    let mut words = 0;
    let mut j = start;
    while let Some(u) = units.get(j) {
        if j > start && chunk_at.get(j).copied().flatten().is_some() && !u.hyph {
            break;
        }
        if u.alpha && (u.cap || (u.hyph && j > start)) {
            if !u.hyph {
                words += 1;
                if words > max {
                    break;
                }
            }
            j += 1;
            end = j;
        } else if u.alpha && CONNECTORS.contains(&u.key.as_str()) && j > start {
            j += 1;
        } else {
            break;
        }
    }
    end
}

// ----- sets, coreference, relations, output ----------------------------------------------

/// Words that introduce examples of a plural noun ("groups such as A and B").
fn is_example_cue(units: &[Unit], u: usize) -> Option<usize> {
    let mut j = u;
    if units.get(j).is_some_and(|x| x.key == ",") {
        j += 1;
    }
    match units.get(j).map(|x| x.key.as_str()) {
        Some("including" | "like") => Some(j + 1),
        Some("such") if units.get(j + 1).is_some_and(|x| x.key == "as") => Some(j + 2),
        _ => None,
    }
}

impl Ctx<'_> {
    fn is_actorish(&self, c: &Cand) -> bool {
        !c.modifier
            && c.emit
            && matches!(c.kind, CKind::Named | CKind::Agent | CKind::Definite)
            && c.etype != EntityType::Gpe
            || (c.kind == CKind::Named && !c.modifier && c.etype == EntityType::Gpe)
    }

    /// A list of candidates in sentence `s` starting at unit `u`: "A, B and C", skipping
    /// "in <place>" after each item. Returns member indices.
    fn list_at(
        &self,
        by_start: &HashMap<(usize, usize), usize>,
        units: &[Unit],
        s: usize,
        mut u: usize,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        while u < units.len() && units[u].key == "the" && !by_start.contains_key(&(s, u)) {
            u += 1;
        }
        while let Some(&ci) = by_start.get(&(s, u)) {
            out.push(ci);
            u = self.cands[ci].u1;
            if units.get(u).is_some_and(|x| x.key == "in") {
                if let Some(&p) = by_start.get(&(s, u + 1)) {
                    u = self.cands[p].u1;
                }
            }
            let mut moved = false;
            while !by_start.contains_key(&(s, u))
                && units
                    .get(u)
                    .is_some_and(|x| matches!(x.key.as_str(), "," | "and" | "or" | "the"))
            {
                u += 1;
                moved = true;
            }
            if !moved {
                break;
            }
        }
        out
    }

    fn start_index(&self) -> HashMap<(usize, usize), usize> {
        let mut by_start = HashMap::new();
        for (i, c) in self.cands.iter().enumerate() {
            if self.is_actorish(c) && c.kind != CKind::Set {
                let e = by_start.entry((c.sentence, c.u0)).or_insert(i);
                if self.cands[*e].u1 < c.u1 {
                    *e = i;
                }
            }
        }
        by_start
    }

    /// Coordinations ("A and B") and exemplifications ("groups such as A and B") become sets.
    fn build_sets(&mut self, all: &[Vec<Unit>]) {
        let by_start = self.start_index();
        let n = self.cands.len();
        let mut new_sets = Vec::new();
        let mut in_set = vec![false; n];
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (self.cands[i].sentence, self.cands[i].u0));
        for &i in &order {
            let c = &self.cands[i];
            if in_set[i] || !self.is_actorish(c) || c.kind != CKind::Named {
                continue;
            }
            let units = &all[c.sentence];
            let members = self.list_at(&by_start, units, c.sentence, c.u0);
            let named: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&m| {
                    self.cands[m].kind == CKind::Named && self.cands[m].etype != EntityType::Gpe
                })
                .collect();
            if named.len() >= 2 && named.len() == members.len() {
                for &m in &members {
                    in_set[m] = true;
                }
                new_sets.push((c.sentence, members, None));
            }
        }
        for &i in &order {
            let c = &self.cands[i];
            if !(c.plural && matches!(c.kind, CKind::Agent | CKind::Definite)) {
                continue;
            }
            let units = &all[c.sentence];
            if let Some(u) = is_example_cue(units, c.u1) {
                let members = self.list_at(&by_start, units, c.sentence, u);
                if !members.is_empty() {
                    new_sets.push((c.sentence, members, Some(i)));
                }
            }
        }
        for (s, members, owner) in new_sets {
            let (Some(&first), Some(&last)) = (members.first(), members.last()) else {
                continue;
            };
            let (a, b) = (self.cands[first].clone(), self.cands[last].clone());
            let mut set = a.clone();
            set.span = a.span.cover(b.span);
            set.u1 = b.u1;
            set.kind = CKind::Set;
            set.plural = true;
            set.emit = false;
            set.sentence = s;
            set.members = members.clone();
            set.rule = "set".into();
            self.cands.push(set);
            let si = self.cands.len() - 1;
            if let Some(o) = owner {
                self.cands[o].members = members.clone();
                self.cands[o].set = Some(si);
                // The examples' backer or possessor applies to each of them.
                if let Some(p) = self.cands[o].possessor.clone() {
                    let ev = self.cands[o].span.cover(self.cands[si].span);
                    let rtype = match self.cands[o]
                        .agent
                        .and_then(|a| self.lex.agents().get(a))
                        .map(|a| a.id.as_str())
                    {
                        Some("proxy" | "militia" | "armed-group") => Some(RelationType::BackedBy),
                        _ => None,
                    };
                    if let Some(rt) = rtype {
                        for m in &members {
                            if let Some(h) = self.cands[*m].actor.clone() {
                                self.relation(
                                    rt,
                                    &h,
                                    Some(p.clone()),
                                    ev,
                                    "list:proxies-including",
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    fn kind_matches_org(&self, c: &Cand) -> bool {
        c.actor
            .as_deref()
            .and_then(|a| self.kind_of(a))
            .is_some_and(|k| matches!(k, ActorKind::Org | ActorKind::Group))
    }

    /// Resolves pronouns, definite descriptions and bare generic groups.
    fn coref(&mut self, all: &[Vec<Unit>]) {
        let mut order: Vec<usize> = (0..self.cands.len()).collect();
        order.sort_by_key(|&i| {
            (
                self.cands[i].sentence,
                self.cands[i].span.start,
                std::cmp::Reverse(self.cands[i].span.end),
                self.cands[i].kind == CKind::Set,
            )
        });
        let mut seen: Vec<usize> = Vec::new();
        let mut country_count: HashMap<String, usize> = HashMap::new();
        for &i in &order {
            let c = self.cands[i].clone();
            let found = match c.kind {
                CKind::Pronoun => self.resolve_pronoun(&c, &seen, all),
                CKind::Definite => self.resolve_definite(&c, &seen, &country_count),
                CKind::Agent if c.bare => self.resolve_bridge(&c, &seen),
                _ => None,
            };
            if let Some((ante, rule)) = found {
                let target = &self.cands[ante];
                let (actor, set) = if target.kind == CKind::Set {
                    (
                        target
                            .members
                            .first()
                            .and_then(|&m| self.cands[m].actor.clone()),
                        Some(ante),
                    )
                } else {
                    (target.actor.clone(), target.set)
                };
                let first = if target.kind == CKind::Set {
                    target.members.first().copied()
                } else {
                    Some(ante)
                };
                let first = first.map(|f| self.cands[f].antecedent.unwrap_or(f));
                let actor = if rule == "coref:government" {
                    self.state_actor(actor.as_deref(), c.agent)
                } else {
                    actor
                };
                if actor.is_some() {
                    let cm = &mut self.cands[i];
                    cm.actor = actor;
                    cm.antecedent = first;
                    cm.set = set;
                    cm.rule = rule.to_string();
                    cm.emit = true;
                    if cm.kind == CKind::Definite {
                        cm.etype = EntityType::Anaphor;
                    }
                }
            }
            let c = &self.cands[i];
            if let Some(a) = &c.actor {
                if self.kind_of(a) == Some(ActorKind::Country) {
                    *country_count.entry(a.clone()).or_default() += 1;
                }
            }
            seen.push(i);
        }
    }

    /// The country (or its armed forces, police...) of the actor `a`, for "the government",
    /// "the military".
    fn state_actor(&mut self, a: Option<&str>, agent: Option<usize>) -> Option<String> {
        let code = self.code_of(a?)?;
        let ci = self.lex.actors().iter().position(|x| {
            x.kind == ActorKind::Country && x.code.as_deref() == Some(code.as_str())
        })?;
        let agent = self.lex.agents().get(agent?)?;
        Some(self.composite_actor(ci, agent, None))
    }

    fn resolve_pronoun(
        &self,
        c: &Cand,
        seen: &[usize],
        all: &[Vec<Unit>],
    ) -> Option<(usize, &'static str)> {
        let window = c.sentence.saturating_sub(2);
        let object = matches!(c.word.as_str(), "them" | "him" | "her");
        let subject_of_sentence = seen.iter().copied().find(|&j| {
            let x = &self.cands[j];
            x.sentence == c.sentence && self.is_actorish(x)
        });
        let _ = all;
        let compatible = |x: &Cand| match c.word.as_str() {
            "they" | "them" | "their" | "theirs" | "themselves" => {
                x.plural
                    && (x.kind == CKind::Set || x.actor.is_some())
                    && x.etype != EntityType::Per
            }
            "its" | "it" | "itself" => {
                !x.plural
                    && x.kind != CKind::Set
                    && x.actor
                        .as_deref()
                        .and_then(|a| self.kind_of(a))
                        .is_some_and(|k| {
                            matches!(k, ActorKind::Org | ActorKind::Country | ActorKind::Outlet)
                        })
            }
            _ => x.etype == EntityType::Per && x.actor.is_some(),
        };
        // a subject pronoun in the same sentence as its clause's matrix subject stands for it:
        // "The United States warned Iran that it would ...", "Hungary said it will ..."
        if matches!(c.word.as_str(), "it" | "they" | "he" | "she") {
            if let Some(j) = subject_of_sentence {
                let x = &self.cands[j];
                if x.sentence == c.sentence && !x.modifier && compatible(x) {
                    return Some((j, "coref:pronoun-matrix-subject"));
                }
            }
        }
        let mut fallback = None;
        for &j in seen.iter().rev() {
            let x = &self.cands[j];
            if x.sentence < window {
                break;
            }
            if x.kind == CKind::Pronoun && x.actor.is_none() {
                continue;
            }
            if x.modifier || !x.emit && x.kind != CKind::Set {
                continue;
            }
            if !compatible(x) {
                continue;
            }
            if object && Some(j) == subject_of_sentence && x.sentence == c.sentence {
                fallback = fallback.or(Some(j));
                continue;
            }
            return Some((j, "coref:pronoun"));
        }
        fallback.map(|j| (j, "coref:pronoun-subject"))
    }

    fn resolve_definite(
        &self,
        c: &Cand,
        seen: &[usize],
        countries: &HashMap<String, usize>,
    ) -> Option<(usize, &'static str)> {
        let agent = self.lex.agents().get(c.agent?)?;
        let recent = |max_back: usize, f: &dyn Fn(&Cand) -> bool| -> Option<usize> {
            seen.iter()
                .rev()
                .copied()
                .take_while(|&j| self.cands[j].sentence + max_back >= c.sentence)
                .take(SCAN)
                .find(|&j| {
                    let x = &self.cands[j];
                    !x.modifier && (x.emit || x.kind == CKind::Set) && f(x)
                })
        };
        match agent.id.as_str() {
            "group" if !c.plural => recent(3, &|x| {
                x.kind == CKind::Named && !x.plural && self.kind_matches_org(x)
            })
            .map(|j| (j, "coref:the-group")),
            "group" | "armed-group" | "militia" | "proxy" | "militant" | "rebel" | "fighter" => {
                let same = recent(30, &|x| {
                    x.agent == c.agent
                        && x.actor.is_some()
                        && x.kind != CKind::Definite
                        && x.plural == c.plural
                });
                if let Some(j) = same {
                    return Some((j, "coref:same-noun"));
                }
                if c.plural {
                    if let Some(j) = recent(3, &|x| x.kind == CKind::Set || !x.members.is_empty()) {
                        let j = self.cands[j].set.unwrap_or(j);
                        return Some((j, "coref:recent-set"));
                    }
                }
                let sector = agent.sector.as_deref();
                recent(30, &|x| {
                    x.plural == c.plural
                        && x.actor.as_deref().is_some_and(|a| {
                            self.kind_of(a) == Some(ActorKind::Group)
                                && self.code_of(a).is_some()
                                && (sector.is_none() || self.sector_of(a).as_deref() == sector)
                        })
                })
                .map(|j| (j, "coref:same-sector"))
            }
            "government" | "authority" | "administration" | "regime" | "military" | "forces"
            | "cabinet" => {
                let j = recent(3, &|x| {
                    x.actor.as_deref().is_some_and(|a| {
                        self.code_of(a)
                            .is_some_and(|code| self.lex.country(&code).is_some())
                            && matches!(self.sector_of(a).as_deref(), Some("GOV"))
                    })
                });
                let j = j.or_else(|| {
                    let best = countries
                        .iter()
                        .max_by_key(|(id, n)| (**n, std::cmp::Reverse((*id).clone())))?
                        .0;
                    seen.iter()
                        .rev()
                        .take(SCAN)
                        .copied()
                        .find(|&j| self.cands[j].actor.as_deref() == Some(best.as_str()))
                });
                j.map(|j| (j, "coref:government"))
            }
            "outlet" => recent(10, &|x| {
                x.actor.as_deref().and_then(|a| self.kind_of(a)) == Some(ActorKind::Outlet)
            })
            .map(|j| (j, "coref:outlet")),
            _ => {
                let office = agent.office.as_deref()?;
                recent(30, &|x| {
                    x.etype == EntityType::Per && x.office.as_deref() == Some(office)
                })
                .map(|j| (j, "coref:office"))
            }
        }
    }

    /// A bare non-state group ("some factions", "militia leaders") -> the most recent group
    /// of the same sector with a country.
    fn resolve_bridge(&self, c: &Cand, seen: &[usize]) -> Option<(usize, &'static str)> {
        if c.possessor.is_some() {
            return None;
        }
        let sector = c.actor.as_deref().and_then(|a| self.sector_of(a))?;
        if !matches!(sector.as_str(), "PRM" | "REB") {
            return None;
        }
        seen.iter()
            .rev()
            .take(SCAN)
            .copied()
            .find(|&j| {
                let x = &self.cands[j];
                !x.modifier
                    && x.actor.as_deref().is_some_and(|a| {
                        self.kind_of(a) == Some(ActorKind::Group)
                            && self.code_of(a).is_some()
                            && self.sector_of(a).as_deref() == Some(sector.as_str())
                    })
            })
            .map(|j| (j, "coref:bridge-sector"))
    }

    /// The actors a candidate stands for: set members or itself.
    fn heads(&self, i: usize) -> Vec<String> {
        let c = &self.cands[i];
        if let Some(set) = c.set {
            let ms: Vec<String> = self.cands[set]
                .members
                .iter()
                .filter_map(|&m| self.cands[m].actor.clone())
                .collect();
            if !ms.is_empty() {
                return ms;
            }
        }
        if c.kind == CKind::Set {
            return c
                .members
                .iter()
                .filter_map(|&m| self.cands[m].actor.clone())
                .collect();
        }
        c.actor.iter().cloned().collect()
    }

    /// Relations read from patterns around mentions.
    fn pattern_relations(&mut self, all: &[Vec<Unit>]) {
        let by_start = self.start_index();
        let mut by_end: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, c) in self.cands.iter().enumerate() {
            if (self.is_actorish(c) || c.kind == CKind::Pronoun) && c.kind != CKind::Set {
                let e = by_end.entry((c.sentence, c.u1)).or_insert(i);
                if self.cands[*e].u0 > c.u0 {
                    *e = i;
                }
            }
        }
        let mut found: Vec<(RelationType, Vec<String>, String, Span, &'static str)> = Vec::new();
        for (s, units) in all.iter().enumerate() {
            for u in 0..units.len() {
                let key = units[u].key.as_str();
                // "Y's main ally and backer, X"; "their backer X".
                if matches!(
                    key,
                    "ally"
                        | "allies"
                        | "backer"
                        | "backers"
                        | "sponsor"
                        | "sponsors"
                        | "patron"
                        | "patrons"
                ) {
                    let mut j = u;
                    while j > 0
                        && !units[j - 1].cap
                        && MODS
                            .iter()
                            .chain(
                                [
                                    "closest",
                                    "chief",
                                    "biggest",
                                    "principal",
                                    "longtime",
                                    "staunch",
                                    "ally",
                                    "and",
                                    ",",
                                ]
                                .iter(),
                            )
                            .any(|m| *m == units[j - 1].key)
                    {
                        j -= 1;
                    }
                    if j == 0 {
                        continue;
                    }
                    let poss = if units[j - 1].clitic {
                        j.checked_sub(1).and_then(|e| by_end.get(&(s, e)))
                    } else {
                        by_end.get(&(s, j))
                    };
                    let Some(&pi) = poss else { continue };
                    let pc = &self.cands[pi];
                    if pc.kind == CKind::Pronoun
                        && !matches!(pc.word.as_str(), "their" | "its" | "his" | "her")
                    {
                        continue;
                    }
                    let mut k = u + 1;
                    let mut backer = key.starts_with("back")
                        || key.starts_with("spons")
                        || key.starts_with("patr");
                    while k < units.len()
                        && (matches!(
                            units[k].key.as_str(),
                            "and" | "ally" | "backer" | "sponsor" | "patron" | "," | "the" | "a"
                        ) || (!units[k].cap && MODS.contains(&units[k].key.as_str())))
                    {
                        if matches!(units[k].key.as_str(), "backer" | "sponsor" | "patron") {
                            backer = true;
                        }
                        k += 1;
                    }
                    // Skip adjectives such as "elite".
                    while k < units.len()
                        && !units[k].cap
                        && units[k].alpha
                        && !by_start.contains_key(&(s, k))
                        && k < u + 6
                    {
                        k += 1;
                    }
                    if let Some(&xi) = by_start.get(&(s, k)) {
                        if let Some(x) = self.cands[xi].actor.clone() {
                            let heads = self.heads(pi);
                            let ev = self.cands[pi].span.cover(self.cands[xi].span);
                            let rt = if backer {
                                RelationType::BackedBy
                            } else {
                                RelationType::AlliedWith
                            };
                            found.push((rt, heads, x, ev, "pattern:ally-and-backer"));
                        }
                    }
                }
                // "Y are part of X", "Y is a member of X", "Y belong to X".
                if matches!(key, "part" | "member" | "members" | "belong" | "belongs") {
                    let mut j = u;
                    while j > 0
                        && matches!(
                            units[j - 1].key.as_str(),
                            "a" | "an"
                                | "are"
                                | "is"
                                | "were"
                                | "was"
                                | "also"
                                | "all"
                                | "now"
                                | "both"
                        )
                    {
                        j -= 1;
                    }
                    if j == u && !key.starts_with("belong") {
                        continue;
                    }
                    let Some(&yi) = by_end.get(&(s, j)) else {
                        continue;
                    };
                    let mut k = u + 1;
                    if matches!(units.get(k).map(|x| x.key.as_str()), Some("of" | "to")) {
                        k += 1;
                    } else {
                        continue;
                    }
                    if units.get(k).is_some_and(|x| x.key == "the")
                        && !by_start.contains_key(&(s, k))
                    {
                        k += 1;
                    }
                    if let Some(&xi) = by_start.get(&(s, k)) {
                        if let Some(x) = self.cands[xi].actor.clone() {
                            let heads = self.heads(yi);
                            let ev = self.cands[yi].span.cover(self.cands[xi].span);
                            found.push((RelationType::MemberOf, heads, x, ev, "pattern:part-of"));
                        }
                    }
                }
                // "X, an umbrella organization of Y".
                if key == "umbrella" && u >= 3 && units[u - 2].key == "," {
                    if let Some(&xi) = by_end.get(&(s, u - 2)) {
                        let mut k = u + 1;
                        while k < units.len() && k < u + 5 && !by_start.contains_key(&(s, k)) {
                            k += 1;
                        }
                        if let (Some(x), Some(&yi)) =
                            (self.cands[xi].actor.clone(), by_start.get(&(s, k)))
                        {
                            let members = self.list_at(&by_start, units, s, k);
                            let heads: Vec<String> = members
                                .iter()
                                .filter(|&&m| self.cands[m].kind == CKind::Named)
                                .filter_map(|&m| self.cands[m].actor.clone())
                                .collect();
                            let ev = self.cands[xi].span.cover(self.cands[yi].span);
                            found.push((RelationType::MemberOf, heads, x, ev, "pattern:umbrella"));
                        }
                    }
                }
                // "M backed by X".
                if BACKED.contains(&key)
                    && !units[u].hyph
                    && units.get(u + 1).is_some_and(|x| x.key == "by")
                {
                    if let (Some(&mi), Some(&xi)) = (by_end.get(&(s, u)), by_start.get(&(s, u + 2)))
                    {
                        if let Some(x) = self.cands[xi].actor.clone() {
                            let heads = self.heads(mi);
                            let ev = self.cands[mi].span.cover(self.cands[xi].span);
                            found.push((RelationType::BackedBy, heads, x, ev, "pattern:backed-by"));
                        }
                    }
                }
            }
        }
        for (rt, heads, tail, ev, rule) in found {
            for h in heads {
                self.relation(rt, &h, Some(tail.clone()), ev, rule);
            }
        }
    }

    /// Writes mentions (sorted, antecedents remapped), actors and relations to the document.
    fn finish(self, doc: &mut Document) {
        let mut order: Vec<usize> = (0..self.cands.len())
            .filter(|&i| self.cands[i].emit && self.cands[i].kind != CKind::Set)
            .collect();
        order.sort_by_key(|&i| {
            (
                self.cands[i].span.start,
                std::cmp::Reverse(self.cands[i].span.end),
                self.cands[i].modifier,
            )
        });
        order.dedup_by_key(|i| (self.cands[*i].span, self.cands[*i].actor.clone()));
        let mut new_ix: HashMap<usize, u32> = HashMap::new();
        for (n, &i) in order.iter().enumerate() {
            new_ix.insert(i, n as u32);
        }
        let mut used: std::collections::HashSet<String> = Default::default();
        doc.mentions = order
            .iter()
            .map(|&i| {
                let c = &self.cands[i];
                if let Some(a) = &c.actor {
                    used.insert(a.clone());
                }
                Mention {
                    span: c.span,
                    sentence: c.sentence as u32,
                    etype: if c.kind == CKind::Pronoun {
                        EntityType::Anaphor
                    } else {
                        c.etype
                    },
                    actor: c.actor.clone(),
                    modifier: c.modifier,
                    antecedent: c.antecedent.and_then(|a| new_ix.get(&a).copied()),
                    rule: c.rule.clone(),
                }
            })
            .collect();
        for r in &self.relations {
            used.insert(r.head.clone());
            if let Some(t) = &r.tail {
                used.insert(t.clone());
            }
        }
        doc.actors = self
            .actors
            .into_iter()
            .filter(|a| used.contains(&a.id))
            .collect();
        doc.relations = self.relations;
    }
}
