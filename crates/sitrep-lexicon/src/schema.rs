//! The typed dictionary schema: what one TOML file may hold.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_doc::{ActorKind, EntityType};

/// One dictionary file: any mix of `[[actor]]`, `[[agent]]` and `[[place]]` tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictFile {
    /// Named actors: countries, organizations, persons, outlets, groups.
    #[serde(default)]
    pub actor: Vec<ActorEntry>,
    /// Generic agent nouns ("officials", "militias", "prime minister").
    #[serde(default)]
    pub agent: Vec<AgentEntry>,
    /// Gazetteer entries.
    #[serde(default)]
    pub place: Vec<PlaceEntry>,
}

/// A named actor of the knowledge base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    /// Stable kebab-case id (`kataib-hezbollah`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other surface forms: aliases, transliterations, acronyms.
    #[serde(default)]
    pub names: Vec<String>,
    /// Adjectives / demonyms ("Iraqi"); matched as NORP modifiers.
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// ISO 3166 alpha-3 code, or IGO/NGO/ISM/IMG/MNC.
    #[serde(default)]
    pub code: Option<String>,
    /// PLOVER sector (validated against `sitrep_ontology::is_sector`).
    #[serde(default)]
    pub sector: Option<String>,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Entity type; defaults from `kind` (see [`ActorEntry::entity_type`]).
    #[serde(default)]
    pub etype: Option<EntityType>,
    /// Capital city of a country; its name stands for the government.
    #[serde(default)]
    pub capital: Option<String>,
    /// Ids of actors that arm, fund or sponsor this one.
    #[serde(default)]
    pub backed_by: Vec<String>,
    /// Ids of umbrella organizations this one belongs to.
    #[serde(default)]
    pub member_of: Vec<String>,
    /// Ids of allies.
    #[serde(default)]
    pub allied_with: Vec<String>,
    /// Offices held by a person, with dated terms.
    #[serde(default)]
    pub offices: Vec<Office>,
}

impl ActorEntry {
    /// The entity type, explicit or derived from the kind.
    pub fn entity_type(&self) -> EntityType {
        self.etype.unwrap_or(match self.kind {
            ActorKind::Person => EntityType::Per,
            ActorKind::Country => EntityType::Gpe,
            ActorKind::Place => EntityType::Gpe,
            ActorKind::Group => EntityType::Norp,
            ActorKind::Org | ActorKind::Outlet => EntityType::Org,
        })
    }

    /// The sector, defaulting to `GOV` for countries.
    pub fn sector(&self) -> Option<&str> {
        match (&self.sector, self.kind) {
            (Some(s), _) => Some(s.as_str()),
            (None, ActorKind::Country) => Some("GOV"),
            _ => None,
        }
    }

    /// The offices this person held on `date`.
    pub fn offices_on(&self, date: NaiveDate) -> impl Iterator<Item = &Office> {
        self.offices.iter().filter(move |o| o.holds_on(date))
    }
}

/// An office held by a person over a half-open date range `[valid_from, valid_to)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Title, lowercase ("prime minister", "president", "foreign minister").
    pub title: String,
    /// Country code of the office.
    pub of: String,
    /// First day in office, when known.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// First day out of office; `None` while in office.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
}

impl Office {
    /// True when the term covers `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        !matches!(self.valid_from, Some(f) if f > date)
            && !matches!(self.valid_to, Some(t) if date >= t)
    }

    /// True when the two terms share at least one day.
    pub fn overlaps(&self, other: &Office) -> bool {
        let a0 = self.valid_from.unwrap_or(NaiveDate::MIN);
        let a1 = self.valid_to.unwrap_or(NaiveDate::MAX);
        let b0 = other.valid_from.unwrap_or(NaiveDate::MIN);
        let b1 = other.valid_to.unwrap_or(NaiveDate::MAX);
        a0 < b1 && b0 < a1
    }
}

/// A generic agent noun: used alone ("militias") or composed with a country ("US forces").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentEntry {
    /// Stable kebab-case id (`official`).
    pub id: String,
    /// Singular forms ("official", "government official").
    pub names: Vec<String>,
    /// Plural forms ("officials").
    #[serde(default)]
    pub plurals: Vec<String>,
    /// Sector; `None` inherits the sector of a modifier ("militia leaders" -> PRM).
    #[serde(default)]
    pub sector: Option<String>,
    /// `group` for collectives, `person` for titles and single roles.
    pub kind: ActorKind,
    /// Office this title names ("prime minister"), for `holds_office`.
    #[serde(default)]
    pub office: Option<String>,
    /// True when the agent belongs to a state ("officials", "army"): a possessive country
    /// is its owner. False for non-state agents ("proxies", "militias"), whose possessive
    /// country is a backer.
    #[serde(default = "yes")]
    pub state: bool,
}

fn yes() -> bool {
    true
}

/// A gazetteer entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    /// Stable kebab-case id (`mosul`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other surface forms.
    #[serde(default)]
    pub names: Vec<String>,
    /// Country code; `None` for areas spanning several countries ("Middle East").
    #[serde(default)]
    pub country: Option<String>,
    /// `city`, `region`, `territory` or `area`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Approximate latitude.
    pub lat: f64,
    /// Approximate longitude.
    pub lon: f64,
}

impl PlaceEntry {
    /// Entity type: `LOC` for areas without a government, else `GPE`.
    pub fn entity_type(&self) -> EntityType {
        if self.kind.as_deref() == Some("area") {
            EntityType::Loc
        } else {
            EntityType::Gpe
        }
    }
}
