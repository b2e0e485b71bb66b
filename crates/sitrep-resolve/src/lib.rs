//! Resolution of event attributes: dates against the publication date, places from the
//! sentence or the actors, and casualty counts.
//!
//! ```
//! use sitrep_resolve::Resolver;
//! let r = Resolver::new(std::sync::Arc::new(sitrep_lexicon::Lexicon::builtin()));
//! # let _ = r;
//! ```
#![deny(missing_docs)]

mod counts;
mod dates;
mod places;

use std::sync::Arc;

use sitrep_doc::{CountKind, Document, EventType, Layer, Stage, StageError};
use sitrep_lexicon::Lexicon;

pub use counts::find_counts;
pub use dates::{event_date, find_dates, DateExpr};
pub use places::event_location;

/// The stage that fills `date`, `location`, `size` and `counts` of every event.
#[derive(Debug, Clone)]
pub struct Resolver {
    lexicon: Arc<Lexicon>,
}

impl Resolver {
    /// A resolver using `lexicon` as its gazetteer.
    pub fn new(lexicon: Arc<Lexicon>) -> Resolver {
        Resolver { lexicon }
    }
}

impl Stage for Resolver {
    fn name(&self) -> &'static str {
        "resolve"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Events, Layer::Mentions]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::EventAttributes]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let dates = find_dates(doc);
        let mut events = std::mem::take(&mut doc.events);
        // counts per sentence, given to the nearest violent event of the sentence
        let mut by_sentence: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        for (i, e) in events.iter().enumerate() {
            by_sentence.entry(e.evidence.sentence).or_default().push(i);
        }
        for (si, idxs) in by_sentence {
            let sent = &doc.sentences[si as usize];
            let counts = find_counts(doc, sent.tokens.0 as usize, sent.tokens.1 as usize);
            for c in counts {
                let wants = |t: EventType| match c.kind {
                    CountKind::Arrested => t == EventType::Coerce,
                    CountKind::Fighters => true,
                    _ => t == EventType::Assault,
                };
                let target = idxs
                    .iter()
                    .copied()
                    .filter(|&i| wants(events[i].etype))
                    .min_by_key(|&i| events[i].evidence.trigger.start.abs_diff(c.start));
                if let Some(i) = target {
                    let e = &mut events[i];
                    let slot = match c.kind {
                        CountKind::Dead => Some(&mut e.size.dead),
                        CountKind::Injured => Some(&mut e.size.injured),
                        CountKind::Arrested => Some(&mut e.size.arrested),
                        CountKind::Hostages => Some(&mut e.size.hostages),
                        CountKind::Fighters => None,
                    };
                    if let Some(slot) = slot {
                        if slot.is_none() {
                            *slot = Some(c.value);
                        }
                    }
                    e.counts.push(c);
                }
            }
        }
        let triggers: Vec<_> = events.iter().map(|e| e.evidence.trigger).collect();
        for e in &mut events {
            e.date = Some(event_date(
                doc,
                &dates,
                doc.sentences[e.evidence.sentence as usize].span,
                e.evidence.trigger.start,
            ));
            e.location = event_location(doc, &self.lexicon, e, &triggers);
        }
        doc.events = events;
        Ok(())
    }
}
