//! The PLOVER event ontology as plain data: the 16 event types, their modes, the context codes,
//! quad classes, actor sector codes and the CAMEO root codes beside each type.
//!
//! Mode names are those of the PLOVER manual's mode tables (openeventdata/PLOVER), so a mode
//! compares equal to a PLOVER-coded record's: CONSULT `visit`/`third-party`, REQUEST and REJECT
//! `assist`/`change`/`yield`/`meet`, ASSAULT `explosives`/`suicide-attack`, and so on. Where the
//! PLOVER gold standard records use older names than the manual (PROTEST `demo-org` and
//! `riot-spon`, COERCE `detain` and `destroy`, THREATEN `curfew`), those are admitted too. Types
//! the manual gives no modes (AGREE aside) keep a few descriptive ones of sitrep's own.
//!
//! ```
//! use sitrep_ontology::{EventType, Factuality};
//! let t: EventType = "DEMAND".parse().unwrap(); // DEMAND is read as REQUEST
//! assert_eq!(t, EventType::Request);
//! assert!(t.allows_mode("yield"));
//! assert_eq!(EventType::from_cameo("1246"), Some(EventType::Reject));
//! assert_eq!(Factuality::Threatened.as_str(), "threatened");
//! ```
#![deny(missing_docs)]

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! event_types {
    ($($variant:ident = $name:literal, quad = $quad:ident, cameo = [$($cameo:literal),*], modes = [$($mode:literal),*];)*) => {
        /// One of PLOVER's 16 event types. Serialized in upper case (`"REQUEST"`, not `"DEMAND"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "UPPERCASE")]
        pub enum EventType {
            $(
                #[doc = concat!("PLOVER ", $name)]
                $variant,
            )*
        }

        impl EventType {
            /// All 16 types, in PLOVER's order.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),*];

            /// The upper-case PLOVER name.
            pub fn as_str(self) -> &'static str {
                match self { $(EventType::$variant => $name,)* }
            }

            /// The quad class the type belongs to.
            pub fn quad(self) -> QuadClass {
                match self { $(EventType::$variant => QuadClass::$quad,)* }
            }

            /// The CAMEO root codes (two digits) that map onto this type.
            pub fn cameo_roots(self) -> &'static [&'static str] {
                match self { $(EventType::$variant => &[$($cameo),*],)* }
            }

            /// The PLOVER modes this type admits.
            pub fn modes(self) -> &'static [&'static str] {
                match self { $(EventType::$variant => &[$($mode),*],)* }
            }
        }
    };
}

event_types! {
    Agree = "AGREE", quad = VerbalCooperation, cameo = ["03"], modes = [];
    Consult = "CONSULT", quad = VerbalCooperation, cameo = ["04"], modes = ["visit", "host", "third-party", "multilateral", "phone"];
    Support = "SUPPORT", quad = VerbalCooperation, cameo = ["05"], modes = ["praise", "defend", "endorse", "recognize"];
    Concede = "CONCEDE", quad = MaterialCooperation, cameo = ["08"], modes = ["policy", "leadership", "rights", "ease-sanctions", "apologize", "compensate"];
    Cooperate = "COOPERATE", quad = MaterialCooperation, cameo = ["06"], modes = ["economic", "military", "judicial", "intelligence"];
    Aid = "AID", quad = MaterialCooperation, cameo = ["07"], modes = ["economic", "military", "humanitarian", "asylum", "expertise"];
    Retreat = "RETREAT", quad = MaterialCooperation, cameo = [], modes = ["withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"];
    Request = "REQUEST", quad = VerbalCooperation, cameo = ["02", "10"], modes = ["assist", "change", "yield", "meet"];
    Accuse = "ACCUSE", quad = VerbalConflict, cameo = ["09", "11"], modes = ["disapprove", "investigate", "allege", "lawsuit", "blame"];
    Reject = "REJECT", quad = VerbalConflict, cameo = ["12"], modes = ["assist", "change", "yield", "meet"];
    Threaten = "THREATEN", quad = VerbalConflict, cameo = ["13"], modes = ["restrict", "ban", "arrest", "relations", "expel", "territory", "violence", "curfew"];
    Protest = "PROTEST", quad = MaterialConflict, cameo = ["14"], modes = ["demo-org", "demo-spon", "demo", "riot", "riot-spon", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"];
    Sanction = "SANCTION", quad = MaterialConflict, cameo = ["16"], modes = ["convict", "cancel", "expel", "withdraw", "sever"];
    Mobilize = "MOBILIZE", quad = MaterialConflict, cameo = ["15"], modes = ["troops", "weapons", "police"];
    Coerce = "COERCE", quad = MaterialConflict, cameo = ["17"], modes = ["confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "detain", "deport", "withhold", "destroy"];
    Assault = "ASSAULT", quad = MaterialConflict, cameo = ["18", "19", "20"], modes = ["abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms", "explosives", "suicide-attack", "heavy-weapons"];
}

impl EventType {
    /// True when `mode` is one of this type's PLOVER modes.
    pub fn allows_mode(self, mode: &str) -> bool {
        self.modes().contains(&mode)
    }

    /// The PLOVER type for a CAMEO code, from its two-digit root (`08` yields CONCEDE; the
    /// RETREAT codes of CAMEO 08 are chosen by patterns, not by this table).
    pub fn from_cameo(code: &str) -> Option<EventType> {
        let root = code.get(..2)?;
        EventType::ALL
            .iter()
            .copied()
            .find(|t| t.cameo_roots().contains(&root))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a name that is not a PLOVER type, mode, context or sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What kind of name was expected ("event type", "context", ...).
    pub what: &'static str,
    /// The name that was given.
    pub given: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.what, self.given)
    }
}

impl std::error::Error for UnknownName {}

impl FromStr for EventType {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<EventType, UnknownName> {
        let up = s.trim().to_ascii_uppercase();
        let up = if up == "DEMAND" {
            "REQUEST".to_string()
        } else {
            up
        };
        EventType::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == up)
            .ok_or_else(|| UnknownName {
                what: "event type",
                given: s.to_string(),
            })
    }
}

/// The four quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuadClass {
    /// Statements of cooperation.
    VerbalCooperation,
    /// Acts of cooperation.
    MaterialCooperation,
    /// Statements of conflict.
    VerbalConflict,
    /// Acts of conflict.
    MaterialConflict,
}

/// The status of a coded event itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Factuality {
    /// The text states the event happened or is happening.
    #[default]
    Asserted,
    /// The text states the event did not happen.
    Negated,
    /// Conditional, possible or speculative.
    Hypothetical,
    /// Planned, promised, prepared or vowed.
    Intended,
    /// Threatened by someone, not carried out.
    Threatened,
}

impl Factuality {
    /// All values.
    pub const ALL: &'static [Factuality] = &[
        Factuality::Asserted,
        Factuality::Negated,
        Factuality::Hypothetical,
        Factuality::Intended,
        Factuality::Threatened,
    ];

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Factuality::Asserted => "asserted",
            Factuality::Negated => "negated",
            Factuality::Hypothetical => "hypothetical",
            Factuality::Intended => "intended",
            Factuality::Threatened => "threatened",
        }
    }
}

impl FromStr for Factuality {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Factuality, UnknownName> {
        Factuality::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s.trim())
            .ok_or_else(|| UnknownName {
                what: "factuality",
                given: s.to_string(),
            })
    }
}

/// PLOVER context codes: what an event is about.
pub const CONTEXTS: &[&str] = &[
    "political",
    "military",
    "diplomatic",
    "economic",
    "legal",
    "humanitarian",
    "terrorism",
    "protest",
    "refugees",
    "migration",
    "human-rights",
    "election",
    "crime",
    "cyber",
    "health",
    "pandemic",
    "environment",
    "disaster",
    "religious",
    "ethnic",
    "gender",
    "treaty",
    "territory",
    "resources",
    "peacekeeping",
    "nuclear",
    "weapons",
    "sanctions",
    "asylum",
    "kidnapping",
];

/// True when `c` is a PLOVER context code.
pub fn is_context(c: &str) -> bool {
    CONTEXTS.contains(&c)
}

/// Actor sector codes (PLOVER / CAMEO agent types) with a one-line meaning.
pub const SECTORS: &[(&str, &str)] = &[
    (
        "GOV",
        "government, executive, head of state or government, officials",
    ),
    ("MIL", "state military and defense forces"),
    ("COP", "police and internal security forces"),
    ("JUD", "judiciary, courts, prosecutors"),
    ("LEG", "legislature, parliament"),
    ("PTY", "political party"),
    ("REB", "rebels, insurgents, militants fighting a government"),
    ("PRM", "paramilitary and militia groups"),
    ("SPY", "intelligence services"),
    ("OPP", "political opposition"),
    ("JRN", "journalists and media outlets"),
    ("CVL", "civilians"),
    ("REF", "refugees and displaced people"),
    ("BUS", "business"),
    ("CRM", "criminal organizations"),
    ("EDU", "education"),
    ("MED", "health and medical"),
    ("HRI", "human rights organizations"),
    ("REL", "religious actors"),
    ("LAB", "labor unions and workers"),
    ("ELI", "elites, prominent individuals"),
    ("IGO", "inter-governmental organization"),
    ("NGO", "non-governmental organization"),
    ("UAF", "unidentified armed forces"),
    ("PRO", "protesters"),
    ("ETH", "ethnic groups"),
];

/// True when `s` is a known sector code.
pub fn is_sector(s: &str) -> bool {
    SECTORS.iter().any(|(c, _)| *c == s)
}

/// Non-country actor codes allowed where a country code is expected.
pub const SPECIAL_CODES: &[&str] = &["IGO", "NGO", "ISM", "IMG", "MNC"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_types_round_trip() {
        assert_eq!(EventType::ALL.len(), 16);
        for t in EventType::ALL {
            assert_eq!(t.as_str().parse::<EventType>().unwrap(), *t);
            let json = serde_json_like(*t);
            assert_eq!(json, t.as_str());
        }
    }

    fn serde_json_like(t: EventType) -> String {
        // serde's rename_all must agree with as_str
        format!("{t}")
    }

    #[test]
    fn cameo_roots_map_to_types() {
        assert_eq!(EventType::from_cameo("0356"), Some(EventType::Agree));
        assert_eq!(EventType::from_cameo("195"), Some(EventType::Assault));
        assert_eq!(EventType::from_cameo("138"), Some(EventType::Threaten));
        assert_eq!(EventType::from_cameo("x"), None);
    }

    #[test]
    fn unknown_names_are_errors() {
        assert!("ATTACK".parse::<EventType>().is_err());
        assert!("maybe".parse::<Factuality>().is_err());
        assert!(!is_context("weather"));
        assert!(is_sector("PRM"));
    }
}
