use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{EventType, Factuality, Span};

/// An actor filling a role (source or recipient) of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RoleFiller {
    /// Actor id, or `None` when the filler is an unresolved name.
    pub actor: Option<String>,
    /// The words of the mention.
    pub text: String,
    /// Start byte of the mention.
    pub start: u32,
    /// End byte of the mention.
    pub end: u32,
    /// Actor code.
    pub code: Option<String>,
    /// Actor sector.
    pub sector: Option<String>,
    /// How the role was assigned (e.g. `subject-left`, `passive-agent`, `coref`).
    pub rule: String,
}

/// Granularity of a resolved date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateGranularity {
    /// A calendar day.
    Day,
    /// A week.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// A range between `value` and `end`.
    Range,
}

/// How a date was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// Stated or resolved exactly.
    Exact,
    /// Approximate ("around", "weeks ago", publication date as a fallback).
    Approximate,
    /// A range (`value` .. `end`).
    Range,
    /// Not resolved; `reason` says why.
    Unresolved,
}

/// The resolved date of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateValue {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, per granularity; `None` when unresolved.
    pub value: Option<String>,
    /// Granularity of `value`.
    pub granularity: Option<DateGranularity>,
    /// End of a range.
    pub end: Option<String>,
    /// Exact, approximate, range or unresolved.
    pub kind: DateKind,
    /// Why the date is approximate or unresolved.
    pub reason: Option<String>,
    /// The date expression the value came from.
    pub evidence: Option<Span>,
    /// Rule that resolved it.
    pub rule: String,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// Place name.
    pub name: String,
    /// ISO 3166 alpha-3 code of the country.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// GeoNames id.
    pub geonameid: Option<u64>,
    /// `sentence` when named in the event's sentence, `article` when taken from context.
    pub precision: String,
    /// The words the place was read from.
    pub evidence: Option<Span>,
    /// Rule that found it.
    pub rule: String,
}

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CountKind {
    /// People killed.
    Dead,
    /// People injured.
    Injured,
    /// People arrested.
    Arrested,
    /// People taken hostage or abducted.
    Hostages,
    /// Size of a force (fighters, troops).
    Fighters,
}

/// A number read from the text, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Count {
    /// What is counted.
    pub kind: CountKind,
    /// The value (lower bound for "more than").
    pub value: u64,
    /// `exact`, `approximate` ("around"), `at-least` ("more than"), `at-most`, `vague` ("dozens").
    pub qualifier: String,
    /// Start byte of the count expression.
    pub start: u32,
    /// End byte of the count expression.
    pub end: u32,
    /// Rule that read it.
    pub rule: String,
}

/// Casualty and other counts of an event (the contract's `size`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Size {
    /// People killed.
    pub dead: Option<u64>,
    /// People injured.
    pub injured: Option<u64>,
    /// People arrested.
    pub arrested: Option<u64>,
    /// Hostages taken.
    pub hostages: Option<u64>,
}

impl Size {
    /// True when no count is set.
    pub fn is_empty(&self) -> bool {
        self.dead.is_none()
            && self.injured.is_none()
            && self.arrested.is_none()
            && self.hostages.is_none()
    }
}

/// Who says an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Attribution {
    /// The words naming the source ("Reuters", "US officials", "reportedly").
    pub text: String,
    /// Actor id of the source, when resolved.
    pub actor: Option<String>,
    /// Start byte in the text; `None` for the outlet from metadata.
    pub start: Option<u32>,
    /// End byte in the text.
    pub end: Option<u32>,
    /// Rule that found it.
    pub rule: String,
}

/// Where an event was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// Sentence index.
    pub sentence: u32,
    /// Start byte of the evidence (the sentence).
    pub start: u32,
    /// End byte of the evidence.
    pub end: u32,
    /// The trigger words.
    pub trigger: Span,
    /// The words that set the mode when the trigger's own pattern did not: a mode cue ("in
    /// a bomb attack" for ASSAULT `explosives`, the rule names it after `+cue:`) or the
    /// trigger of an event merged into this one ("rallied ... to protest"). `None` when the
    /// trigger sets the mode or there is none.
    #[serde(default)]
    pub mode: Option<Span>,
}

/// A coded event: one record per event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// `<doc id>:e<hash>`, derived from the document id, trigger span and type.
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub etype: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// PLOVER contexts.
    pub context: Vec<String>,
    /// Who acts.
    pub source: Vec<RoleFiller>,
    /// Who is acted upon.
    pub recipient: Vec<RoleFiller>,
    /// When.
    pub date: Option<DateValue>,
    /// Where.
    pub location: Option<Location>,
    /// Casualty counts.
    pub size: Size,
    /// Every count read for the event, with evidence.
    pub counts: Vec<Count>,
    /// Status of the event itself.
    pub factuality: Factuality,
    /// Why the factuality is what it is (the cue words), when not plainly asserted.
    pub factuality_cue: Option<String>,
    /// Who says so, nearest first; the outlet last.
    pub attribution: Vec<Attribution>,
    /// The sentence and trigger.
    pub evidence: Evidence,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// Pattern that produced the event.
    pub rule: String,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}
