//! Event locations: a place named in the event's sentence ("in cities such as Mosul and
//! Anbar"), else the country of the recipient or source, with the precision said.

use sitrep_doc::{ActorKind, Document, Event, EventType, Location, Span};
use sitrep_lexicon::Lexicon;
use sitrep_text::fold;

const PLACE_PREPS: &[&str] = &[
    "in",
    "near",
    "at",
    "outside",
    "across",
    "throughout",
    "inside",
    "around",
    "into",
    "from",
];

/// The location of `event`.
pub fn event_location(doc: &Document, lex: &Lexicon, event: &Event) -> Option<Location> {
    let sent = doc.sentences.get(event.evidence.sentence as usize)?;
    let (s0, s1) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
    let role_starts: Vec<u32> = event
        .source
        .iter()
        .chain(&event.recipient)
        .map(|r| r.start)
        .collect();
    // candidate place mentions preceded (within 4 tokens) by a place preposition
    let mut best: Option<(u32, &sitrep_doc::Mention)> = None;
    for m in &doc.mentions {
        // a role's own mention is not its place, but a place inside a role's phrase is
        // ("US forces in Iraq"); the preposition test below keeps adjectives out
        if !sent.span.contains(m.span) || role_starts.contains(&m.span.start) {
            continue;
        }
        let Some(actor) = m.actor.as_deref().and_then(|id| doc.actor(id)) else {
            continue;
        };
        if !matches!(actor.kind, ActorKind::Place | ActorKind::Country) {
            continue;
        }
        let ti = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
        let preceded = (ti.saturating_sub(4).max(s0)..ti)
            .any(|k| PLACE_PREPS.contains(&fold(doc.slice(doc.tokens[k].span)).as_str()));
        if !preceded || ti >= s1 {
            continue;
        }
        let dist = m.span.start.abs_diff(event.evidence.trigger.start);
        // prefer places after the trigger, then the nearest
        let score = if m.span.start >= event.evidence.trigger.start {
            dist
        } else {
            dist + 10_000
        };
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, m));
        }
    }
    if let Some((_, m)) = best {
        let id = m.actor.as_deref()?;
        return Some(locate(
            doc,
            lex,
            id,
            "sentence",
            Some(m.span),
            "place:sentence-preposition",
        ));
    }
    // fall back on the actors' countries
    let material = matches!(
        event.etype,
        EventType::Assault | EventType::Coerce | EventType::Mobilize | EventType::Retreat
    );
    let order: Vec<(&str, &[sitrep_doc::RoleFiller])> = if material {
        vec![
            ("recipient-country", &event.recipient),
            ("source-country", &event.source),
        ]
    } else {
        vec![("source-country", &event.source)]
    };
    for (precision, roles) in order {
        for r in roles {
            if let Some(code) = &r.code {
                if let Some(country) = lex.country(code) {
                    let mut loc = locate(
                        doc,
                        lex,
                        &country.id,
                        precision,
                        None,
                        "place:actor-country",
                    );
                    loc.name = country.name.clone();
                    return Some(loc);
                }
            }
        }
    }
    None
}

fn locate(
    doc: &Document,
    lex: &Lexicon,
    id: &str,
    precision: &str,
    evidence: Option<Span>,
    rule: &str,
) -> Location {
    let name = doc
        .actor(id)
        .map(|a| a.name.clone())
        .unwrap_or_else(|| id.to_string());
    if let Some(p) = lex.place(id) {
        return Location {
            name: p.name.clone(),
            country: p.country.clone(),
            lat: Some(p.lat),
            lon: Some(p.lon),
            geonameid: None,
            precision: precision.into(),
            evidence,
            rule: rule.into(),
        };
    }
    let country = lex.actor(id).and_then(|a| a.code.clone());
    // a country's coordinates: its capital, when the gazetteer has it
    let capital = lex
        .actor(id)
        .and_then(|a| a.capital.as_deref())
        .and_then(|c| lex.places().iter().find(|p| fold(&p.name) == fold(c)));
    Location {
        name,
        country,
        lat: capital.map(|p| p.lat),
        lon: capital.map(|p| p.lon),
        geonameid: None,
        precision: precision.into(),
        evidence,
        rule: rule.into(),
    }
}
