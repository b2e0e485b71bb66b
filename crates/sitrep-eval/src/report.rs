//! The scoring report: serializable counts and a plain-text rendering.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

/// Event counts and precision / recall / F1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Required gold events.
    pub gold: usize,
    /// Required gold events matched by a prediction.
    pub matched_gold: usize,
    /// Predicted events.
    pub predicted: usize,
    /// Predicted events matched to a gold event (required or not).
    pub matched_predicted: usize,
    /// `matched_predicted / predicted` (0 when nothing was predicted).
    pub precision: f64,
    /// `matched_gold / gold` (0 when nothing is required).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Counts {
    pub(crate) fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.matched_gold += o.matched_gold;
        self.predicted += o.predicted;
        self.matched_predicted += o.matched_predicted;
    }

    pub(crate) fn finish(&mut self) {
        self.precision = ratio(self.matched_predicted, self.predicted);
        self.recall = ratio(self.matched_gold, self.gold);
        let s = self.precision + self.recall;
        self.f1 = if s > 0.0 {
            2.0 * self.precision * self.recall / s
        } else {
            0.0
        };
    }
}

/// A success count over a number of trials.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Accuracy {
    /// Trials that succeeded.
    pub correct: usize,
    /// Trials.
    pub total: usize,
    /// `correct / total` (0 when `total` is 0).
    pub rate: f64,
}

impl Accuracy {
    pub(crate) fn record(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }

    pub(crate) fn add(&mut self, o: &Accuracy) {
        self.total += o.total;
        self.correct += o.correct;
    }

    pub(crate) fn finish(&mut self) {
        self.rate = ratio(self.correct, self.total);
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Attribute accuracies over matched events (and the looser role accuracies).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attributes {
    /// Mode equal, where the gold coding (main or matched alt) gives one.
    pub mode: Accuracy,
    /// Date value equal (same granularity), where the gold gives a date.
    pub date: Accuracy,
    /// Location name fold-equal to the gold name (country equal when the gold has no name).
    pub location: Accuracy,
    /// Location country equal, where the gold gives a country.
    pub location_country: Accuracy,
    /// Every gold count equal, where the gold gives counts.
    pub size: Accuracy,
    /// Factuality among the accepted ones (`asserted` when the gold gives none).
    pub factuality: Accuracy,
    /// Some predicted attribution matches a gold `attributed_to`, where the gold gives one.
    pub attribution: Accuracy,
    /// Matched events whose source matched (1 by construction of matching).
    pub source_match: Accuracy,
    /// Predictions matching some gold event on type and sentence: those whose source also
    /// matches one of those gold events.
    pub source_accuracy: Accuracy,
    /// Predictions matching, on type and sentence, gold events that name recipients: those
    /// whose recipient matches one of them.
    pub recipient_accuracy: Accuracy,
}

impl Attributes {
    fn all_mut(&mut self) -> [&mut Accuracy; 10] {
        [
            &mut self.mode,
            &mut self.date,
            &mut self.location,
            &mut self.location_country,
            &mut self.size,
            &mut self.factuality,
            &mut self.attribution,
            &mut self.source_match,
            &mut self.source_accuracy,
            &mut self.recipient_accuracy,
        ]
    }

    fn all(&self) -> [(&'static str, &Accuracy); 10] {
        [
            ("mode", &self.mode),
            ("date", &self.date),
            ("location", &self.location),
            ("location country", &self.location_country),
            ("size", &self.size),
            ("factuality", &self.factuality),
            ("attribution", &self.attribution),
            ("source (matched)", &self.source_match),
            ("source accuracy", &self.source_accuracy),
            ("recipient accuracy", &self.recipient_accuracy),
        ]
    }

    pub(crate) fn add(&mut self, o: &Attributes) {
        let theirs = o.all();
        for (mine, (_, t)) in self.all_mut().into_iter().zip(theirs) {
            mine.add(t);
        }
    }

    pub(crate) fn finish(&mut self) {
        for a in self.all_mut() {
            a.finish();
        }
    }
}

/// A predicted event in a sentence that must yield none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// Document id.
    pub doc: String,
    /// The `no_events_from` text whose sentence the event came from.
    pub text: String,
    /// Predicted event id.
    pub event: String,
    /// Predicted type.
    pub etype: String,
    /// Predicted factuality.
    pub factuality: String,
    /// The predicted evidence text (clipped).
    pub evidence: String,
}

/// A required gold event no prediction matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissedEvent {
    /// Index in the gold document's `events`.
    pub index: usize,
    /// Gold type.
    pub etype: String,
    /// Gold source keys.
    pub source: Vec<String>,
    /// Gold recipient keys.
    pub recipient: Vec<String>,
    /// Gold evidence words.
    pub evidence: String,
    /// Why nothing matched (closest prediction).
    pub why: String,
}

/// A prediction that matched no gold event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnmatchedPrediction {
    /// Predicted event id.
    pub id: String,
    /// Predicted type.
    pub etype: String,
    /// Predicted factuality.
    pub factuality: String,
    /// Source texts.
    pub source: Vec<String>,
    /// Recipient texts.
    pub recipient: Vec<String>,
    /// Evidence text (clipped).
    pub evidence: String,
    /// Why it matched nothing (closest gold event).
    pub why: String,
}

/// Scores of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocReport {
    /// Document id.
    pub id: String,
    /// Event counts.
    pub events: Counts,
    /// Gold actors found in the prediction.
    pub actors: Accuracy,
    /// Required gold relations found.
    pub relations: Accuracy,
    /// Required gold events not matched.
    pub missed: Vec<MissedEvent>,
    /// Predictions that matched nothing.
    pub unmatched: Vec<UnmatchedPrediction>,
}

/// The result of [`score`](crate::score): corpus totals, per type, per document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Gold documents scored.
    pub docs: usize,
    /// Gold documents with no prediction (scored as empty).
    pub missing_predictions: Vec<String>,
    /// Predicted documents with no gold (not scored).
    pub unscored_predictions: Vec<String>,
    /// Micro-averaged event counts over the corpus.
    pub overall: Counts,
    /// Counts per PLOVER type: recall by gold type, precision by predicted type.
    pub by_type: BTreeMap<String, Counts>,
    /// Attribute accuracies over matched events.
    pub attributes: Attributes,
    /// Gold actors found by some predicted entity, actor, role or attribution text.
    pub actors: Accuracy,
    /// Required gold relations found.
    pub relations: Accuracy,
    /// Predicted relations that match some gold relation (required or not).
    pub relation_precision: Accuracy,
    /// Non-negated predicted events in `no_events_from` sentences.
    pub violations: Vec<Violation>,
    /// Per-document scores and error lists.
    pub per_doc: Vec<DocReport>,
}

/// How many entries of each list [`Report::render`] prints.
pub const RENDER_CAP: usize = 30;

/// A rate as a percentage, or `-` when its denominator is 0.
fn pct(x: f64, defined: bool) -> String {
    if defined {
        format!("{:5.1}", 100.0 * x)
    } else {
        "-".to_string()
    }
}

impl Report {
    /// A readable summary: the per-type table, attribute accuracies, actor and relation
    /// recall, violations, and missed / unmatched events per document (each list capped at
    /// [`RENDER_CAP`] entries).
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} documents scored; {} without prediction; {} predictions without gold",
            self.docs,
            self.missing_predictions.len(),
            self.unscored_predictions.len()
        );
        let _ = writeln!(
            s,
            "\n{:<10} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "type", "gold", "pred", "m.gold", "m.pred", "P", "R", "F1"
        );
        let rows = self.by_type.iter().map(|(k, v)| (k.as_str(), v));
        for (name, c) in rows.chain(std::iter::once(("ALL", &self.overall))) {
            if name == "ALL" {
                let _ = writeln!(s, "{}", "-".repeat(60));
            }
            let _ = writeln!(
                s,
                "{:<10} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6}",
                name,
                c.gold,
                c.predicted,
                c.matched_gold,
                c.matched_predicted,
                pct(c.precision, c.predicted > 0),
                pct(c.recall, c.gold > 0),
                pct(c.f1, c.predicted > 0 && c.gold > 0)
            );
        }
        let _ = writeln!(s, "\nattribute accuracy (matched events)");
        let acc_line = |s: &mut String, name: &str, a: &Accuracy| {
            let rate = pct(a.rate, a.total > 0);
            let _ = writeln!(
                s,
                "  {:<20} {:>6}%  {:>4}/{:<4}",
                name, rate, a.correct, a.total
            );
        };
        for (name, a) in self.attributes.all() {
            acc_line(&mut s, name, a);
        }
        let _ = writeln!(s);
        acc_line(&mut s, "actor recall", &self.actors);
        acc_line(&mut s, "relation recall", &self.relations);
        acc_line(&mut s, "relation precision", &self.relation_precision);
        let _ = writeln!(s, "\nno_events_from violations: {}", self.violations.len());
        for v in self.violations.iter().take(RENDER_CAP) {
            let _ = writeln!(
                s,
                "  {}: {} ({}) in {:?}: {}",
                v.doc, v.etype, v.factuality, v.text, v.evidence
            );
        }
        more(&mut s, self.violations.len());
        if !self.missing_predictions.is_empty() {
            let _ = writeln!(
                s,
                "\nno prediction for: {}",
                capped(&self.missing_predictions)
            );
        }
        if !self.unscored_predictions.is_empty() {
            let _ = writeln!(s, "no gold for: {}", capped(&self.unscored_predictions));
        }
        self.render_misses(&mut s);
        s
    }

    fn render_misses(&self, s: &mut String) {
        let total: usize = self.per_doc.iter().map(|d| d.missed.len()).sum();
        let _ = writeln!(s, "\nmissed required gold events: {total}");
        let mut shown = 0;
        for d in &self.per_doc {
            for m in &d.missed {
                if shown == RENDER_CAP {
                    break;
                }
                shown += 1;
                let _ = writeln!(
                    s,
                    "  {} #{} {} {}→{}: {:?}\n      {}",
                    d.id,
                    m.index,
                    m.etype,
                    m.source.join("|"),
                    m.recipient.join("|"),
                    m.evidence,
                    m.why
                );
            }
        }
        more(s, total);
        let total: usize = self.per_doc.iter().map(|d| d.unmatched.len()).sum();
        let _ = writeln!(s, "\nunmatched predictions: {total}");
        let mut shown = 0;
        for d in &self.per_doc {
            for u in &d.unmatched {
                if shown == RENDER_CAP {
                    break;
                }
                shown += 1;
                let _ = writeln!(
                    s,
                    "  {} {} ({}) {}→{}: {:?}\n      {}",
                    d.id,
                    u.etype,
                    u.factuality,
                    u.source.join("|"),
                    u.recipient.join("|"),
                    u.evidence,
                    u.why
                );
            }
        }
        more(s, total);
    }
}

fn more(s: &mut String, total: usize) {
    if total > RENDER_CAP {
        let _ = writeln!(s, "  … {} more", total - RENDER_CAP);
    }
}

fn capped(ids: &[String]) -> String {
    let mut out = ids
        .iter()
        .take(RENDER_CAP)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > RENDER_CAP {
        let _ = write!(out, ", … {} more", ids.len() - RENDER_CAP);
    }
    out
}
