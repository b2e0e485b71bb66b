//! Scoring entity recognition against `tests/fixtures/ner-news.jsonl`: paragraphs of the shared
//! news corpus referenced by document id and byte offsets (the corpus text is not copied here),
//! each with hand-annotated entities (offsets relative to the paragraph, type PER, ORG, LOC,
//! GPE or NORP). Shared by the `ner_news` test and example.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sitrep_actors::ActorStage;
use sitrep_doc::{Document, EntityType, Metadata, Stage};
use sitrep_lexicon::Lexicon;

/// The fixture, next to this file: 32 paragraphs, the ones whose errors guided the
/// recognition rules.
pub const FIXTURE: &str = include_str!("../fixtures/ner-news.jsonl");

/// A second sample of 12 paragraphs from other documents, annotated after those rules were
/// written and never used to tune them.
pub const HELDOUT: &str = include_str!("../fixtures/ner-news-heldout.jsonl");

/// Where the shared news corpus lives, relative to this crate.
pub fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news-corpus/news.jsonl")
}

/// One annotated paragraph.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub fnv1a: String,
    pub gold: Vec<(usize, usize, &'static str)>,
}

/// The paragraphs of the tuning fixture.
pub fn paragraphs() -> Vec<Paragraph> {
    paragraphs_of(FIXTURE)
}

/// The paragraphs of a fixture text.
pub fn paragraphs_of(fixture: &str) -> Vec<Paragraph> {
    fixture
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("fixture line is JSON");
            let n = |k: &str| v[k].as_u64().expect("offset") as usize;
            let gold = v["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .map(|e| {
                    let t = match e[2].as_str().expect("type") {
                        "PER" => "PER",
                        "ORG" => "ORG",
                        "LOC" => "LOC",
                        "GPE" => "GPE",
                        "NORP" => "NORP",
                        other => panic!("unknown entity type {other}"),
                    };
                    (
                        e[0].as_u64().unwrap() as usize,
                        e[1].as_u64().unwrap() as usize,
                        t,
                    )
                })
                .collect();
            Paragraph {
                doc: v["doc"].as_str().expect("doc").to_string(),
                start: n("start"),
                end: n("end"),
                fnv1a: v["fnv1a"].as_str().expect("fnv1a").to_string(),
                gold,
            }
        })
        .collect()
}

/// FNV-1a, 64 bits: detects a corpus that no longer matches the fixture.
pub fn fnv1a(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// The texts of the corpus documents the fixture names, or `None` when the corpus is absent.
pub fn corpus_texts(paras: &[Paragraph]) -> Option<HashMap<String, String>> {
    let data = std::fs::read_to_string(corpus_path()).ok()?;
    let wanted: std::collections::HashSet<&str> = paras.iter().map(|p| p.doc.as_str()).collect();
    let mut out = HashMap::new();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let id = v["id"].as_str()?;
        if wanted.contains(id) {
            out.insert(id.to_string(), v["text"].as_str()?.to_string());
        }
    }
    Some(out)
}

fn type_name(t: EntityType) -> &'static str {
    match t {
        EntityType::Per => "PER",
        EntityType::Org => "ORG",
        EntityType::Loc => "LOC",
        EntityType::Gpe => "GPE",
        EntityType::Norp => "NORP",
        _ => "OTHER",
    }
}

/// True for mentions that name an entity: not pronouns, definite descriptions, generic
/// agents ("officials") or office holders found from a title alone.
fn is_named(rule: &str) -> bool {
    !(rule.starts_with("coref:")
        || rule.starts_with("pattern:")
        || rule.starts_with("list:")
        || rule.starts_with("possessive:")
        || matches!(
            rule,
            "dict:agent" | "dict:org-agent" | "dict:country-agent" | "title:office-holder"
        ))
}

/// Runs segmentation and the actors stage over each whole document and returns, per paragraph,
/// the named mentions inside it (offsets relative to the paragraph) with their rule and text.
pub fn predict(
    paras: &[Paragraph],
    texts: &HashMap<String, String>,
) -> Vec<Vec<(usize, usize, &'static str, String)>> {
    let seg = sitrep_segment::Segmenter::new();
    let actors = ActorStage::new(Arc::new(Lexicon::builtin()));
    let mut cache: HashMap<&str, Document> = HashMap::new();
    paras
        .iter()
        .map(|p| {
            let doc = cache.entry(p.doc.as_str()).or_insert_with(|| {
                let mut d = Document::new(&p.doc, &texts[&p.doc], Metadata::default());
                seg.process(&mut d).expect("segment");
                actors.process(&mut d).expect("actors");
                d
            });
            doc.mentions
                .iter()
                .filter(|m| is_named(&m.rule))
                .filter(|m| m.span.start as usize >= p.start && (m.span.end as usize) <= p.end)
                .map(|m| {
                    (
                        m.span.start as usize - p.start,
                        m.span.end as usize - p.start,
                        type_name(m.etype),
                        m.rule.clone(),
                    )
                })
                .collect()
        })
        .collect()
}

/// Counts of one way of matching: (true positives over predictions, over gold).
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub gold: usize,
    pub pred: usize,
    pub tp_pred: usize,
    pub tp_gold: usize,
}

impl Counts {
    pub fn p(&self) -> f64 {
        ratio(self.tp_pred, self.pred)
    }
    pub fn r(&self) -> f64 {
        ratio(self.tp_gold, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// How spans are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Same bytes.
    Exact,
    /// At least one shared byte.
    Overlap,
}

fn same(m: Match, a: (usize, usize), b: (usize, usize)) -> bool {
    match m {
        Match::Exact => a == b,
        Match::Overlap => a.0 < b.1 && b.0 < a.1,
    }
}

/// Scores per type (`Some(type)`) or over all entities; `typed` requires equal types.
pub fn score(
    paras: &[Paragraph],
    preds: &[Vec<(usize, usize, &'static str, String)>],
    m: Match,
    typed: bool,
    only: Option<&str>,
) -> Counts {
    let mut c = Counts::default();
    for (p, pr) in paras.iter().zip(preds) {
        let gold: Vec<_> = p
            .gold
            .iter()
            .filter(|g| only.is_none_or(|t| g.2 == t))
            .collect();
        let pred: Vec<_> = pr
            .iter()
            .filter(|x| only.is_none_or(|t| x.2 == t))
            .collect();
        c.gold += gold.len();
        c.pred += pred.len();
        let ok = |g: &(usize, usize, &str), x: &(usize, usize, &str, String)| {
            same(m, (g.0, g.1), (x.0, x.1)) && (!typed || g.2 == x.2)
        };
        c.tp_gold += gold
            .iter()
            .filter(|g| pred.iter().any(|x| ok(g, x)))
            .count();
        c.tp_pred += pred
            .iter()
            .filter(|x| gold.iter().any(|g| ok(g, x)))
            .count();
    }
    c
}

/// The corpus paragraph text for `p`, after checking its checksum.
pub fn paragraph_text<'a>(p: &Paragraph, texts: &'a HashMap<String, String>) -> &'a str {
    let text = texts
        .get(&p.doc)
        .unwrap_or_else(|| panic!("{} is not in the corpus", p.doc));
    let slice = text
        .get(p.start..p.end)
        .unwrap_or_else(|| panic!("{} {}..{} is out of bounds", p.doc, p.start, p.end));
    assert_eq!(
        fnv1a(slice.as_bytes()),
        p.fnv1a,
        "{} {}..{}: the corpus text changed",
        p.doc,
        p.start,
        p.end
    );
    slice
}
