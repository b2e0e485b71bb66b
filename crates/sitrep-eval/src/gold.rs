//! Gold files (`shared/gold/FORMAT.md`): serde types and loading.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};
use sitrep_doc::{EventType, Factuality, RelationType};

use crate::EvalError;

/// One article of a gold file: the text and its gold reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldDoc {
    /// Document id; predictions are paired with gold documents by id.
    pub id: String,
    /// The article text. Filled from `text_file` by [`load_gold`] when given that way.
    #[serde(default)]
    pub text: String,
    /// Path of the text, relative to the gold file's directory (instead of `text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
    /// Publication date `YYYY-MM-DD` given to the engine.
    #[serde(default)]
    pub published: Option<String>,
    /// Actors the article mentions.
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    /// Events the article reports.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// Relations between actors.
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
    /// Text whose sentences must yield no (non-negated) event.
    #[serde(default)]
    pub no_events_from: Vec<String>,
}

/// A gold actor: a key the events refer to and its acceptable names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldActor {
    /// Key events and relations use.
    pub key: String,
    /// Acceptable surface forms or canonical names.
    #[serde(default)]
    pub names: Vec<String>,
    /// ISO 3166 alpha-3 code or IGO/NGO/ISM/IMG/MNC.
    #[serde(default)]
    pub code: Option<String>,
    /// PLOVER sector.
    #[serde(default)]
    pub sector: Option<String>,
    /// Kind (`person`, `org`, `group`, `country`, `outlet`, ...).
    #[serde(default)]
    pub kind: Option<String>,
}

/// Where a gold event happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldLocation {
    /// Place name.
    #[serde(default)]
    pub name: Option<String>,
    /// ISO 3166 alpha-3 country code.
    #[serde(default)]
    pub country: Option<String>,
}

/// Another acceptable coding of a gold event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldAlt {
    /// PLOVER type (`DEMAND` is read as `REQUEST`).
    #[serde(rename = "type", deserialize_with = "de_event_type")]
    pub etype: EventType,
    /// PLOVER mode expected with this type.
    #[serde(default)]
    pub mode: Option<String>,
    /// Factualities under which this coding is acceptable; empty means the event's own list.
    #[serde(default, deserialize_with = "de_factualities")]
    pub factuality: Vec<Factuality>,
}

/// A gold PLOVER event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEvent {
    /// PLOVER type (`DEMAND` is read as `REQUEST`).
    #[serde(rename = "type", deserialize_with = "de_event_type")]
    pub etype: EventType,
    /// PLOVER mode.
    #[serde(default)]
    pub mode: Option<String>,
    /// PLOVER contexts.
    #[serde(default)]
    pub context: Vec<String>,
    /// Actor keys of acceptable sources.
    #[serde(default)]
    pub source: Vec<String>,
    /// Actor keys of acceptable recipients; empty means none required.
    #[serde(default)]
    pub recipient: Vec<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default)]
    pub date: Option<String>,
    /// `day`, `month`, ...; inferred from `date` when absent.
    #[serde(default)]
    pub date_granularity: Option<String>,
    /// Where.
    #[serde(default)]
    pub location: Option<GoldLocation>,
    /// Counts by kind (`dead`, `injured`, `arrested`, `hostages`); nulls are ignored.
    #[serde(default)]
    pub size: BTreeMap<String, Option<u64>>,
    /// Acceptable factualities (a string or a list); empty means `asserted`.
    #[serde(default, deserialize_with = "de_factualities")]
    pub factuality: Vec<Factuality>,
    /// Other acceptable codings.
    #[serde(default)]
    pub alt: Vec<GoldAlt>,
    /// Who reports or says it.
    #[serde(default)]
    pub attributed_to: Vec<String>,
    /// CAMEO code.
    #[serde(default)]
    pub cameo: Option<String>,
    /// Words of the sentence that carries the event.
    pub evidence: String,
    /// False: acceptable, not required (counts for precision, not recall).
    #[serde(default = "yes")]
    pub required: bool,
}

impl GoldEvent {
    /// The factualities accepted for the main type (`asserted` when the gold gives none).
    pub fn accepted_factuality(&self) -> Vec<Factuality> {
        if self.factuality.is_empty() {
            vec![Factuality::Asserted]
        } else {
            self.factuality.clone()
        }
    }
}

/// A gold relation between actors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldRelation {
    /// Relation type.
    #[serde(rename = "type")]
    pub rtype: RelationType,
    /// Head actor key.
    pub head: String,
    /// Tail actor key (or a country code for `based_in`); absent for `holds_office`.
    #[serde(default)]
    pub tail: Option<String>,
    /// Office title for `holds_office`.
    #[serde(default)]
    pub office: Option<String>,
    /// Country code of the office for `holds_office`.
    #[serde(default)]
    pub of: Option<String>,
    /// Words the relation is read from.
    #[serde(default)]
    pub evidence: Option<String>,
    /// False: acceptable, not required.
    #[serde(default = "yes")]
    pub required: bool,
}

impl GoldDoc {
    /// The gold actor with this key.
    pub fn actor(&self, key: &str) -> Option<&GoldActor> {
        self.actors.iter().find(|a| a.key == key)
    }

    /// Consistency problems a gold author should fix (unknown actor keys, empty evidence,
    /// empty name lists). Scoring still works: an unknown key is matched as a name.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for a in &self.actors {
            if a.names.is_empty() {
                out.push(format!("{}: actor {:?} has no names", self.id, a.key));
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            if e.evidence.trim().is_empty() {
                out.push(format!("{}: event {i} has no evidence", self.id));
            }
            for k in e.source.iter().chain(&e.recipient) {
                if self.actor(k).is_none() {
                    out.push(format!("{}: event {i} names unknown actor {k:?}", self.id));
                }
            }
        }
        for (i, r) in self.relations.iter().enumerate() {
            if self.actor(&r.head).is_none() {
                out.push(format!(
                    "{}: relation {i} names unknown actor {:?}",
                    self.id, r.head
                ));
            }
        }
        out
    }
}

fn yes() -> bool {
    true
}

fn de_event_type<'de, D: Deserializer<'de>>(d: D) -> Result<EventType, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

fn de_factualities<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Factuality>, D::Error> {
    let names = match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    };
    names
        .iter()
        .map(|s| s.parse().map_err(serde::de::Error::custom))
        .collect()
}

/// Loads a gold file: `.jsonl` (one article per line, blank lines skipped) or any other
/// extension as JSON (one object, several concatenated objects, or an array of objects).
/// A `text_file` is read relative to the gold file's directory.
///
/// Errors name the file and the line.
pub fn load_gold(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let data = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let is_jsonl = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    let mut docs = parse_gold_str(&data, is_jsonl, path)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    for doc in &mut docs {
        if let (true, Some(tf)) = (doc.text.is_empty(), doc.text_file.as_ref()) {
            let p: PathBuf = dir.join(tf);
            doc.text = std::fs::read_to_string(&p).map_err(|source| EvalError::TextFile {
                path: path.to_path_buf(),
                id: doc.id.clone(),
                text_file: p.clone(),
                source,
            })?;
        }
    }
    Ok(docs)
}

/// Parses gold documents from a string (`jsonl`: one per line; otherwise JSON). `path` only
/// names the source in errors. `text_file` is not resolved here.
pub fn parse_gold_str(data: &str, jsonl: bool, path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let json_err = |line: usize, source: serde_json::Error| EvalError::Json {
        path: path.to_path_buf(),
        line,
        source,
    };
    let mut docs = Vec::new();
    if jsonl {
        for (i, line) in data.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            docs.push(serde_json::from_str(line).map_err(|e| json_err(i + 1, e))?);
        }
    } else if data.trim_start().starts_with('[') {
        docs = serde_json::from_str(data).map_err(|e| json_err(e.line(), e))?;
    } else {
        for doc in serde_json::Deserializer::from_str(data).into_iter::<GoldDoc>() {
            docs.push(doc.map_err(|e| json_err(e.line(), e))?);
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_factuality_string_or_list_and_defaults() {
        let line = r#"{"id":"a","text":"x","events":[
            {"type":"DEMAND","source":["k"],"evidence":"x","factuality":"threatened","extra":1},
            {"type":"ASSAULT","source":["k"],"evidence":"x","factuality":["asserted","intended"],
             "alt":[{"type":"THREATEN","factuality":"asserted"}],"required":false,
             "size":{"dead":3,"injured":null}}]}"#
            .replace('\n', " ");
        let docs = parse_gold_str(&line, true, Path::new("t.jsonl")).unwrap();
        let ev = &docs[0].events;
        assert_eq!(ev[0].etype, EventType::Request);
        assert_eq!(ev[0].factuality, vec![Factuality::Threatened]);
        assert!(ev[0].required);
        assert_eq!(
            ev[1].factuality,
            vec![Factuality::Asserted, Factuality::Intended]
        );
        assert_eq!(ev[1].alt[0].factuality, vec![Factuality::Asserted]);
        assert!(!ev[1].required);
        assert_eq!(ev[1].size.get("dead"), Some(&Some(3)));
        assert_eq!(docs[0].problems().len(), 2, "{:?}", docs[0].problems());
    }

    #[test]
    fn gold_errors_name_file_and_line() {
        let data = "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"events\":[{\"type\":\"NOPE\",\"evidence\":\"\"}]}\n";
        let err = parse_gold_str(data, true, Path::new("g.jsonl"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.jsonl:3:"), "{err}");
        assert!(err.contains("NOPE"), "{err}");
        let err = parse_gold_str("{\n\"id\": 3\n}", false, Path::new("g.json")).unwrap_err();
        assert!(err.to_string().starts_with("g.json:2:"), "{err}");
    }

    #[test]
    fn gold_json_array_and_missing_text_file() {
        let docs =
            parse_gold_str(r#"[{"id":"a"},{"id":"b"}]"#, false, Path::new("g.json")).unwrap();
        assert_eq!(docs.len(), 2);
        let dir = std::env::temp_dir().join(format!("sitrep-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("x.gold.json");
        std::fs::write(&p, r#"{"id":"a","text_file":"missing.txt"}"#).unwrap();
        let err = load_gold(&p).unwrap_err().to_string();
        assert!(err.contains("missing.txt"), "{err}");
        std::fs::write(dir.join("t.txt"), "Hello.").unwrap();
        std::fs::write(&p, r#"{"id":"a","text_file":"t.txt"}"#).unwrap();
        assert_eq!(load_gold(&p).unwrap()[0].text, "Hello.");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
