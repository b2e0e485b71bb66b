//! Pairing predictions with gold events and counting.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use sitrep_doc::{
    CountKind, DateGranularity, Event, Factuality, Output, Relation, RelationType, RoleFiller, Span,
};

use crate::gold::{GoldDoc, GoldEvent, GoldRelation};
use crate::report::{
    Accuracy, Attributes, DocReport, MissedEvent, Report, UnmatchedPrediction, Violation,
};
use crate::text::{clip, key, key_matches, sentence_of, sentences, Folded};

/// How long evidence texts in the report may be, in chars.
const CLIP: usize = 160;

/// Scores predictions against gold documents, pairing them by id.
///
/// Every gold document is scored (one with no prediction counts as predicting nothing);
/// predictions whose id has no gold document are listed in
/// [`Report::unscored_predictions`]. When two predictions share an id the first is used.
pub fn score(gold: &[GoldDoc], predicted: &[Output]) -> Report {
    let mut by_id: HashMap<&str, &Output> = HashMap::new();
    for p in predicted {
        by_id.entry(p.id.as_str()).or_insert(p);
    }
    let gold_ids: HashSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let mut report = Report {
        docs: gold.len(),
        ..Report::default()
    };
    let mut seen = HashSet::new();
    for p in predicted {
        if !gold_ids.contains(p.id.as_str()) && seen.insert(p.id.as_str()) {
            report.unscored_predictions.push(p.id.clone());
        }
    }
    for g in gold {
        let pred = by_id.get(g.id.as_str()).copied();
        if pred.is_none() {
            report.missing_predictions.push(g.id.clone());
        }
        let doc = DocScorer::new(g, pred).run(&mut report);
        report.overall.add(&doc.events);
        report.actors.add(&doc.actors);
        report.relations.add(&doc.relations);
        report.per_doc.push(doc);
    }
    report.overall.finish();
    for c in report.by_type.values_mut() {
        c.finish();
    }
    report.attributes.finish();
    report.actors.finish();
    report.relations.finish();
    report.relation_precision.finish();
    report
}

/// Which coding of a gold event a prediction's type meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    Main,
    Alt(usize),
}

/// How a prediction relates to a gold event.
#[derive(Debug, Clone, Copy)]
struct Compat {
    via: Option<Via>,
    sentence: bool,
    source: bool,
    recipient: bool,
}

impl Compat {
    fn full(&self) -> bool {
        self.via.is_some() && self.sentence && self.source && self.recipient
    }
}

/// Matching keys of a predicted event's role fillers.
struct PredKeys {
    span: Span,
    source: Vec<String>,
    recipient: Vec<String>,
}

struct DocScorer<'a> {
    gold: &'a GoldDoc,
    events: &'a [Event],
    relations: &'a [Relation],
    pred: Option<&'a Output>,
    text: &'a str,
    folded: Folded,
    sents: Vec<Span>,
    /// Gold actor key → name keys.
    gold_names: HashMap<&'a str, Vec<String>>,
    /// Predicted actor id → key of its canonical name.
    pred_names: HashMap<&'a str, String>,
}

impl<'a> DocScorer<'a> {
    fn new(gold: &'a GoldDoc, pred: Option<&'a Output>) -> DocScorer<'a> {
        // Offsets index the output's text; fall back to the gold text when it is absent.
        let text = match pred {
            Some(p) if !p.text.is_empty() => p.text.as_str(),
            _ => gold.text.as_str(),
        };
        let gold_names = gold
            .actors
            .iter()
            .map(|a| (a.key.as_str(), a.names.iter().map(|n| key(n)).collect()))
            .collect();
        let pred_names = pred
            .map(|p| {
                p.actors
                    .iter()
                    .map(|a| (a.id.as_str(), key(&a.name)))
                    .collect()
            })
            .unwrap_or_default();
        DocScorer {
            gold,
            events: pred.map_or(&[], |p| p.events.as_slice()),
            relations: pred.map_or(&[], |p| p.relations.as_slice()),
            pred,
            text,
            folded: Folded::new(text),
            sents: sentences(text),
            gold_names,
            pred_names,
        }
    }

    /// Name keys of a gold actor key; an unknown key is matched as a name itself.
    fn names_of(&self, gold_key: &str) -> Cow<'_, [String]> {
        match self.gold_names.get(gold_key) {
            Some(n) => Cow::Borrowed(n.as_slice()),
            None => Cow::Owned(vec![key(&gold_key.replace('_', " "))]),
        }
    }

    fn filler_keys(&self, fillers: &[RoleFiller]) -> Vec<String> {
        let mut out = Vec::new();
        for f in fillers {
            out.push(key(&f.text));
            if let Some(n) = f.actor.as_deref().and_then(|id| self.pred_names.get(id)) {
                out.push(n.clone());
            }
        }
        out
    }

    /// Keys standing for a predicted actor id: its canonical name and the id itself.
    fn id_keys(&self, id: &str) -> Vec<String> {
        let mut out = vec![key(id)];
        if let Some(n) = self.pred_names.get(id) {
            out.push(n.clone());
        }
        out
    }

    fn keys_match_actor(&self, cands: &[String], gold_keys: &[String]) -> bool {
        gold_keys.iter().any(|k| {
            let names = self.names_of(k);
            cands
                .iter()
                .any(|c| names.iter().any(|n| key_matches(c, n)))
        })
    }

    /// Sentences (of the scored text) holding the evidence words.
    fn sentences_of(&self, words: &str) -> Vec<Span> {
        let mut out: Vec<Span> = self
            .folded
            .find_all(&key(words))
            .into_iter()
            .map(|s| sentence_of(&self.sents, s))
            .collect();
        out.dedup();
        out
    }

    fn via(g: &GoldEvent, p: &Event) -> Option<Via> {
        if p.etype == g.etype {
            return Some(Via::Main);
        }
        g.alt
            .iter()
            .position(|a| {
                let ok = if a.factuality.is_empty() {
                    g.accepted_factuality()
                } else {
                    a.factuality.clone()
                };
                a.etype == p.etype && ok.contains(&p.factuality)
            })
            .map(Via::Alt)
    }

    fn run(self, report: &mut Report) -> DocReport {
        let g = self.gold;
        let keys: Vec<PredKeys> = self
            .events
            .iter()
            .map(|e| {
                let ev = Span {
                    start: e.evidence.start,
                    end: e.evidence.end,
                };
                PredKeys {
                    span: if ev.is_empty() {
                        e.evidence.trigger
                    } else {
                        ev
                    },
                    source: self.filler_keys(&e.source),
                    recipient: self.filler_keys(&e.recipient),
                }
            })
            .collect();
        let gold_sents: Vec<Vec<Span>> = g
            .events
            .iter()
            .map(|e| self.sentences_of(&e.evidence))
            .collect();
        let compat: Vec<Vec<Compat>> = g
            .events
            .iter()
            .zip(&gold_sents)
            .map(|(ge, gs)| {
                self.events
                    .iter()
                    .zip(&keys)
                    .map(|(pe, pk)| Compat {
                        via: Self::via(ge, pe),
                        sentence: gs.iter().any(|s| s.overlaps(pk.span)),
                        source: ge.source.is_empty()
                            || self.keys_match_actor(&pk.source, &ge.source),
                        recipient: ge.recipient.is_empty()
                            || self.keys_match_actor(&pk.recipient, &ge.recipient),
                    })
                    .collect()
            })
            .collect();
        let matched = self.matching(&compat);
        let gold_match = invert(&matched, g.events.len());

        let mut doc = DocReport {
            id: g.id.clone(),
            ..DocReport::default()
        };
        for (gi, ge) in g.events.iter().enumerate() {
            if !ge.required {
                continue;
            }
            let row = report
                .by_type
                .entry(ge.etype.as_str().to_string())
                .or_default();
            row.gold += 1;
            doc.events.gold += 1;
            if gold_match.get(gi).copied().flatten().is_some() {
                row.matched_gold += 1;
                doc.events.matched_gold += 1;
            } else {
                doc.missed.push(MissedEvent {
                    index: gi,
                    etype: ge.etype.as_str().to_string(),
                    source: ge.source.clone(),
                    recipient: ge.recipient.clone(),
                    evidence: ge.evidence.clone(),
                    why: self.why_missed(gi, &compat, &gold_sents),
                });
            }
        }
        let mut attrs = Attributes::default();
        for (pi, pe) in self.events.iter().enumerate() {
            let row = report
                .by_type
                .entry(pe.etype.as_str().to_string())
                .or_default();
            row.predicted += 1;
            doc.events.predicted += 1;
            let column = || compat.iter().map(move |r| r.get(pi));
            let ts: Vec<(usize, Compat)> = column()
                .enumerate()
                .filter_map(|(gi, c)| {
                    c.filter(|c| c.via.is_some() && c.sentence)
                        .map(|c| (gi, *c))
                })
                .collect();
            if !ts.is_empty() {
                attrs
                    .source_accuracy
                    .record(ts.iter().any(|(_, c)| c.source));
            }
            let with_rcp: Vec<&Compat> = ts
                .iter()
                .filter(|(gi, _)| g.events.get(*gi).is_some_and(|e| !e.recipient.is_empty()))
                .map(|(_, c)| c)
                .collect();
            if !with_rcp.is_empty() {
                attrs
                    .recipient_accuracy
                    .record(with_rcp.iter().any(|c| c.recipient));
            }
            match matched.get(pi).copied().flatten() {
                Some(gi) => {
                    row.matched_predicted += 1;
                    doc.events.matched_predicted += 1;
                    if let (Some(ge), Some(via)) = (
                        g.events.get(gi),
                        compat.get(gi).and_then(|r| r.get(pi)).and_then(|c| c.via),
                    ) {
                        self.attributes(ge, via, pe, &mut attrs);
                    }
                }
                None => doc.unmatched.push(UnmatchedPrediction {
                    id: pe.id.clone(),
                    etype: pe.etype.as_str().to_string(),
                    factuality: pe.factuality.as_str().to_string(),
                    source: pe.source.iter().map(|f| f.text.clone()).collect(),
                    recipient: pe.recipient.iter().map(|f| f.text.clone()).collect(),
                    evidence: clip(keys.get(pi).map_or("", |k| k.span.slice(self.text)), CLIP),
                    why: self.why_unmatched(pi, &compat),
                }),
            }
        }
        report.attributes.add(&attrs);
        self.violations(report);
        doc.actors = self.actor_recall();
        let (rel, prec) = self.relation_scores();
        doc.relations = rel;
        report.relation_precision.add(&prec);
        doc.events.finish();
        doc.actors.finish();
        doc.relations.finish();
        doc
    }

    /// Maximum bipartite matching (augmenting paths), required gold events first so that
    /// recall is maximal, then the optional ones. Returns the gold index per prediction.
    fn matching(&self, compat: &[Vec<Compat>]) -> Vec<Option<usize>> {
        let n_pred = self.events.len();
        let adj: Vec<Vec<usize>> = compat
            .iter()
            .enumerate()
            .map(|(gi, row)| {
                let mut ps: Vec<usize> = (0..n_pred)
                    .filter(|&pi| row.get(pi).is_some_and(Compat::full))
                    .collect();
                // Prefer the main type, then a prediction whose factuality is accepted.
                ps.sort_by_key(|&pi| {
                    let main = row.get(pi).and_then(|c| c.via) == Some(Via::Main);
                    let fact = match (self.gold.events.get(gi), self.events.get(pi)) {
                        (Some(ge), Some(pe)) => ge.accepted_factuality().contains(&pe.factuality),
                        _ => false,
                    };
                    (!main, !fact)
                });
                ps
            })
            .collect();
        let mut order: Vec<usize> = (0..compat.len()).collect();
        order.sort_by_key(|&gi| !self.gold.events.get(gi).is_some_and(|e| e.required));
        let mut pred_match: Vec<Option<usize>> = vec![None; n_pred];
        for gi in order {
            let mut seen = vec![false; n_pred];
            augment(gi, &adj, &mut seen, &mut pred_match);
        }
        pred_match
    }

    fn attributes(&self, ge: &GoldEvent, via: Via, pe: &Event, a: &mut Attributes) {
        let alt = match via {
            Via::Alt(i) => ge.alt.get(i),
            Via::Main => None,
        };
        let want_mode = match alt {
            Some(alt) => alt.mode.as_deref(),
            None => ge.mode.as_deref(),
        };
        if let Some(m) = want_mode {
            a.mode.record(
                pe.mode
                    .as_deref()
                    .is_some_and(|p| p.trim().eq_ignore_ascii_case(m.trim())),
            );
        }
        if let Some(gv) = ge.date.as_deref() {
            a.date
                .record(date_ok(gv.trim(), ge.date_granularity.as_deref(), pe));
        }
        if let Some(gl) = &ge.location {
            let pl = pe.location.as_ref();
            let country_ok = |c: &str| {
                pl.and_then(|l| l.country.as_deref())
                    .is_some_and(|pc| pc.trim().eq_ignore_ascii_case(c.trim()))
            };
            match (&gl.name, &gl.country) {
                (Some(n), _) => a
                    .location
                    .record(pl.is_some_and(|l| key(&l.name) == key(n))),
                (None, Some(c)) => a.location.record(country_ok(c)),
                (None, None) => {}
            }
            if let Some(c) = &gl.country {
                a.location_country.record(country_ok(c));
            }
        }
        let counts: Vec<(&String, u64)> = ge
            .size
            .iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
        if !counts.is_empty() {
            a.size
                .record(counts.iter().all(|(k, v)| count_of(pe, k) == Some(*v)));
        }
        let accepted = match alt {
            Some(alt) if !alt.factuality.is_empty() => alt.factuality.clone(),
            _ => ge.accepted_factuality(),
        };
        a.factuality.record(accepted.contains(&pe.factuality));
        if !ge.attributed_to.is_empty() {
            a.attribution.record(self.attribution_ok(ge, pe));
        }
        a.source_match.record(true);
    }

    fn attribution_ok(&self, ge: &GoldEvent, pe: &Event) -> bool {
        let mut names: Vec<String> = Vec::new();
        for who in &ge.attributed_to {
            let k = key(who);
            // "Reuters" also accepts the other names of the gold actor Reuters.
            for act in &self.gold.actors {
                let ks: Vec<String> = act.names.iter().map(|n| key(n)).collect();
                if act.key == *who || ks.contains(&k) {
                    names.extend(ks);
                }
            }
            names.push(k);
        }
        let mut cands = Vec::new();
        for at in &pe.attribution {
            cands.push(key(&at.text));
            if let Some(n) = at.actor.as_deref().and_then(|id| self.pred_names.get(id)) {
                cands.push(n.clone());
            }
        }
        cands
            .iter()
            .any(|c| names.iter().any(|n| key_matches(c, n)))
    }

    fn why_missed(&self, gi: usize, compat: &[Vec<Compat>], gold_sents: &[Vec<Span>]) -> String {
        if self.pred.is_none() {
            return "no prediction for this document".into();
        }
        if gold_sents.get(gi).is_none_or(Vec::is_empty) {
            return "evidence words not found in the text".into();
        }
        let row = compat.get(gi).map_or(&[][..], Vec::as_slice);
        let in_sent: Vec<usize> = (0..row.len()).filter(|&p| row[p].sentence).collect();
        if in_sent.is_empty() {
            return "no predicted event in this sentence".into();
        }
        let typed: Vec<usize> = in_sent
            .iter()
            .copied()
            .filter(|&p| row[p].via.is_some())
            .collect();
        if typed.is_empty() {
            return format!("sentence has predicted {}", self.describe(&in_sent));
        }
        let sourced: Vec<usize> = typed.iter().copied().filter(|&p| row[p].source).collect();
        if sourced.is_empty() {
            return format!("source differs: predicted {}", self.describe(&typed));
        }
        if sourced.iter().all(|&p| !row[p].recipient) {
            return format!("recipient differs: predicted {}", self.describe(&sourced));
        }
        "its matching prediction went to another gold event".into()
    }

    fn why_unmatched(&self, pi: usize, compat: &[Vec<Compat>]) -> String {
        let col = |f: &dyn Fn(&Compat) -> bool| -> Vec<usize> {
            (0..compat.len())
                .filter(|&g| compat[g].get(pi).is_some_and(f))
                .collect()
        };
        let in_sent = col(&|c| c.sentence);
        if in_sent.is_empty() {
            return "no gold event in this sentence".into();
        }
        let gold_desc = |gs: &[usize]| -> String {
            gs.iter()
                .filter_map(|&g| self.gold.events.get(g))
                .map(|e| {
                    format!(
                        "{}({}→{})",
                        e.etype,
                        e.source.join("|"),
                        e.recipient.join("|")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let typed = col(&|c| c.sentence && c.via.is_some());
        if typed.is_empty() {
            return format!("type differs: gold has {}", gold_desc(&in_sent));
        }
        let sourced = col(&|c| c.sentence && c.via.is_some() && c.source);
        if sourced.is_empty() {
            return format!("source differs: gold has {}", gold_desc(&typed));
        }
        if col(&Compat::full).is_empty() {
            return format!("recipient differs: gold has {}", gold_desc(&sourced));
        }
        "duplicate: the gold event is matched by another prediction".into()
    }

    fn describe(&self, preds: &[usize]) -> String {
        preds
            .iter()
            .filter_map(|&p| self.events.get(p))
            .map(|e| {
                let names = |fs: &[RoleFiller]| {
                    fs.iter()
                        .map(|f| f.text.as_str())
                        .collect::<Vec<_>>()
                        .join("|")
                };
                format!(
                    "{}/{}({}→{})",
                    e.etype,
                    e.factuality.as_str(),
                    names(&e.source),
                    names(&e.recipient)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn violations(&self, report: &mut Report) {
        let mut spans: Vec<(&str, Vec<Span>)> = Vec::new();
        for s in &self.gold.no_events_from {
            spans.push((s.as_str(), self.sentences_of(s)));
        }
        for e in self.events {
            if e.factuality == Factuality::Negated {
                continue;
            }
            let ev = Span {
                start: e.evidence.start,
                end: e.evidence.end,
            };
            let ev = if ev.is_empty() {
                e.evidence.trigger
            } else {
                ev
            };
            if let Some((s, _)) = spans
                .iter()
                .find(|(_, ss)| ss.iter().any(|x| x.overlaps(ev)))
            {
                report.violations.push(Violation {
                    doc: self.gold.id.clone(),
                    text: (*s).to_string(),
                    event: e.id.clone(),
                    etype: e.etype.as_str().to_string(),
                    factuality: e.factuality.as_str().to_string(),
                    evidence: clip(ev.slice(self.text), CLIP),
                });
            }
        }
    }

    fn actor_recall(&self) -> Accuracy {
        let mut acc = Accuracy::default();
        let mut cands: Vec<String> = Vec::new();
        if let Some(p) = self.pred {
            cands.extend(p.entities.iter().map(|e| key(&e.text)));
            cands.extend(p.actors.iter().map(|a| key(&a.name)));
            for e in &p.events {
                cands.extend(e.source.iter().chain(&e.recipient).map(|f| key(&f.text)));
                cands.extend(e.attribution.iter().map(|a| key(&a.text)));
            }
        }
        cands.sort();
        cands.dedup();
        for a in &self.gold.actors {
            let names = self.names_of(&a.key);
            acc.record(
                cands
                    .iter()
                    .any(|c| names.iter().any(|n| key_matches(c, n))),
            );
        }
        acc
    }

    fn id_matches(&self, id: &str, gold_key: &str) -> bool {
        self.keys_match_actor(
            &self.id_keys(id),
            std::slice::from_ref(&gold_key.to_string()),
        )
    }

    fn relation_ok(&self, gr: &GoldRelation, pr: &Relation) -> bool {
        if gr.rtype != pr.rtype || !self.id_matches(&pr.head, &gr.head) {
            return false;
        }
        if gr.rtype == RelationType::HoldsOffice {
            let office = gr
                .office
                .as_ref()
                .is_none_or(|o| pr.office.as_deref().is_some_and(|po| key(po) == key(o)));
            let of = gr.of.as_ref().is_none_or(|o| {
                pr.of
                    .as_deref()
                    .is_some_and(|po| po.trim().eq_ignore_ascii_case(o.trim()))
            });
            return office && of;
        }
        match (&gr.tail, &pr.tail) {
            (None, _) => true,
            (Some(gt), Some(pt)) => self.id_matches(pt, gt),
            (Some(_), None) => false,
        }
    }

    /// (recall over required gold relations, precision over predicted relations).
    fn relation_scores(&self) -> (Accuracy, Accuracy) {
        let mut recall = Accuracy::default();
        for gr in self.gold.relations.iter().filter(|r| r.required) {
            recall.record(self.relations.iter().any(|pr| self.relation_ok(gr, pr)));
        }
        let mut precision = Accuracy::default();
        for pr in self.relations {
            precision.record(
                self.gold
                    .relations
                    .iter()
                    .any(|gr| self.relation_ok(gr, pr)),
            );
        }
        (recall, precision)
    }
}

fn augment(
    gi: usize,
    adj: &[Vec<usize>],
    seen: &mut [bool],
    pred_match: &mut [Option<usize>],
) -> bool {
    for &pi in adj.get(gi).map_or(&[][..], Vec::as_slice) {
        if seen.get(pi).copied().unwrap_or(true) {
            continue;
        }
        seen[pi] = true;
        let free = match pred_match[pi] {
            None => true,
            Some(other) => augment(other, adj, seen, pred_match),
        };
        if free {
            pred_match[pi] = Some(gi);
            return true;
        }
    }
    false
}

fn invert(pred_match: &[Option<usize>], n_gold: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; n_gold];
    for (pi, g) in pred_match.iter().enumerate() {
        if let Some(slot) = g.and_then(|g| out.get_mut(g)) {
            *slot = Some(pi);
        }
    }
    out
}

fn granularity_name(g: DateGranularity) -> &'static str {
    match g {
        DateGranularity::Day => "day",
        DateGranularity::Week => "week",
        DateGranularity::Month => "month",
        DateGranularity::Year => "year",
        DateGranularity::Range => "range",
    }
}

/// Date value equal, and the predicted granularity (when given) equal to the gold one
/// (given, or read from the value's length).
fn date_ok(gold_value: &str, gold_gran: Option<&str>, pe: &Event) -> bool {
    let Some(pd) = &pe.date else { return false };
    if pd.value.as_deref().map(str::trim) != Some(gold_value) {
        return false;
    }
    let want = gold_gran.map(str::trim).or(match gold_value.len() {
        10 => Some("day"),
        7 => Some("month"),
        4 => Some("year"),
        _ => None,
    });
    match (pd.granularity, want) {
        (Some(g), Some(w)) => granularity_name(g).eq_ignore_ascii_case(w),
        _ => true,
    }
}

fn count_of(pe: &Event, kind: &str) -> Option<u64> {
    match kind.trim().to_ascii_lowercase().as_str() {
        "dead" => pe.size.dead,
        "injured" => pe.size.injured,
        "arrested" => pe.size.arrested,
        "hostages" => pe.size.hostages,
        "fighters" => pe
            .counts
            .iter()
            .find(|c| c.kind == CountKind::Fighters)
            .map(|c| c.value),
        _ => None,
    }
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
