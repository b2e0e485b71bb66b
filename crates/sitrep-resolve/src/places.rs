//! Event locations: a place named in the event's sentence ("in cities such as Mosul and
//! Anbar"), else the country of the recipient or source, with the precision said.

use sitrep_doc::{ActorKind, Document, Event, EventType, Location, Span};
use sitrep_lexicon::{Gazetteer, Lexicon};
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

/// A mention of a name the dictionaries lack that the actors stage typed as a place.
fn is_unknown_place(m: &sitrep_doc::Mention) -> bool {
    m.rule == "name:place"
}

/// Nouns that, after a country's adjective, describe a place inside it that the article has
/// named before ("the Palestinian enclave", "the Syrian capital").
const DESCRIBED_PLACES: &[&str] = &[
    "enclave",
    "territory",
    "strip",
    "capital",
    "city",
    "town",
    "province",
    "region",
    "port",
    "border",
];

/// The location of `event`; `triggers` are the trigger spans of every event of the article
/// (a place named after a later event's trigger, past a clause boundary, is that event's).
pub fn event_location(
    doc: &Document,
    lex: &Lexicon,
    event: &Event,
    triggers: &[Span],
) -> Option<Location> {
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
        // an unknown name typed as a place by the actors stage: the gazetteer below places it
        // with the article's countries and its GeoNames id
        if is_unknown_place(m) {
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
        // "stormed a village near Y, prompting the army to launch an offensive in X": X is
        // the offensive's place
        let trig = event.evidence.trigger;
        let later_clause = triggers.iter().any(|t| {
            t.start > trig.end && t.end <= m.span.start && {
                let between = doc.tokens.partition_point(|x| x.span.end <= trig.end)
                    ..doc.tokens.partition_point(|x| x.span.end <= t.start);
                between.into_iter().any(|k| {
                    matches!(
                        doc.slice(doc.tokens[k].span),
                        "," | ";" | ":" | "\u{2013}" | "\u{2014}"
                    )
                })
            }
        });

        let dist = m.span.start.abs_diff(event.evidence.trigger.start);
        // prefer places after the trigger, then the nearest
        // (and a place of a later clause's event only when the sentence names no other)
        let score = if later_clause {
            dist + 20_000
        } else if m.span.start >= event.evidence.trigger.start {
            dist
        } else {
            dist + 10_000
        };
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, m));
        }
    }
    // a town the dictionaries lack, from the gazetteer, when it is nearer than any known place
    let town = gazetteer_place(doc, event, s0, s1);
    let best_score = best.map(|(b, _)| b);
    if let Some((score, loc)) = town {
        if best_score.is_none_or(|b| score < b) {
            return Some(loc);
        }
    }
    if let Some((_, m)) = best {
        let id = m.actor.as_deref()?;
        if let Some(loc) = described_place(doc, lex, m) {
            return Some(loc);
        }
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

/// "the Palestinian enclave": a country's adjective before a place noun stands for the place
/// in that country the article named last before it ("the Gaza Strip"); `None` when the
/// mention is no such description or no such place was named.
fn described_place(doc: &Document, lex: &Lexicon, m: &sitrep_doc::Mention) -> Option<Location> {
    let code = doc.actor(m.actor.as_deref()?)?.code.clone()?;
    if doc.actor(m.actor.as_deref()?)?.kind != ActorKind::Country {
        return None;
    }
    let ti = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
    let next = doc.tokens.get(ti + 1)?;
    let adjective = doc.tokens[ti].span.end == m.span.end;
    if !adjective || !DESCRIBED_PLACES.contains(&fold(doc.slice(next.span)).as_str()) {
        return None;
    }
    let earlier = doc
        .mentions
        .iter()
        .filter(|p| p.span.end <= m.span.start)
        .filter_map(|p| {
            let id = p.actor.as_deref()?;
            let actor = doc.actor(id)?;
            let country = match lex.place(id) {
                Some(place) => place.country.as_deref(),
                None if actor.kind == ActorKind::Place => actor.code.as_deref(),
                None => None,
            };
            (country == Some(code.as_str())).then_some((p, id))
        })
        .max_by_key(|(p, _)| p.span.start)?;
    let (p, id) = earlier;
    let mut loc = locate(
        doc,
        lex,
        id,
        "article",
        Some(p.span),
        "place:described-earlier-place",
    );
    loc.evidence = Some(m.span.cover(next.span));
    loc.country = loc.country.or(Some(code));
    Some(loc)
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
        // the same place in the gazetteer gives its GeoNames id
        let geonameid = p.country.as_deref().and_then(|c| {
            Gazetteer::builtin()
                .resolve(&p.name, &[c])
                .filter(|g| g.country == c)
                .map(|g| g.geonameid)
        });
        return Location {
            name: p.name.clone(),
            country: p.country.clone(),
            lat: Some(p.lat),
            lon: Some(p.lon),
            geonameid,
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

/// A populated place from the gazetteer named by a capitalized run of one to three words after
/// a place preposition ("clashes near Kidal"), outside any mention of an actor. Ambiguous names
/// go to the country the article mentions most, else the most populous place. Returns the
/// same distance score as the mention candidates.
fn gazetteer_place(doc: &Document, event: &Event, s0: usize, s1: usize) -> Option<(u32, Location)> {
    let sent = doc.sentences.get(event.evidence.sentence as usize)?;
    if sent.headline {
        return None; // every word is capitalized there
    }
    let gaz = Gazetteer::builtin();
    let word = |k: usize| doc.slice(doc.tokens[k].span);
    let capitalized = |k: usize| {
        doc.tokens[k].kind == sitrep_doc::TokenKind::Word
            && word(k).chars().next().is_some_and(char::is_uppercase)
            && !sitrep_text::is_calendar_word(&fold(word(k)))
    };
    let in_mention = |k: usize| {
        let sp = doc.tokens[k].span;
        doc.mentions
            .iter()
            .any(|m| m.span.start < sp.end && sp.start < m.span.end && !is_unknown_place(m))
    };
    let countries = article_countries(doc);
    let countries: Vec<&str> = countries.iter().map(String::as_str).collect();
    let mut best: Option<(u32, Location)> = None;
    let mut k = s0 + 1;
    while k < s1 {
        let preceded =
            (k.saturating_sub(4).max(s0)..k).any(|j| PLACE_PREPS.contains(&fold(word(j)).as_str()));
        if !preceded || !capitalized(k) || capitalized(k - 1) || in_mention(k) {
            k += 1;
            continue;
        }
        let mut found = None;
        for len in (1..=3).rev() {
            let end = k + len;
            if end > s1 || !(k..end).all(|j| capitalized(j) && !in_mention(j)) {
                continue;
            }
            // the run must end where the capitalized words end ("Kidal" in "Kidal Region" is
            // not the town when the region is meant)
            if end < s1 && capitalized(end) {
                continue;
            }
            let span = doc.tokens[k].span.cover(doc.tokens[end - 1].span);
            if let Some(g) = gaz.resolve(doc.slice(span), &countries) {
                found = Some((span, g, end));
                break;
            }
        }
        let Some((span, g, end)) = found else {
            k += 1;
            continue;
        };
        let dist = span.start.abs_diff(event.evidence.trigger.start);
        let score = if span.start >= event.evidence.trigger.start {
            dist
        } else {
            dist + 10_000
        };
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((
                score,
                Location {
                    name: g.name.clone(),
                    country: Some(g.country.clone()),
                    lat: Some(g.lat),
                    lon: Some(g.lon),
                    geonameid: Some(g.geonameid),
                    precision: "sentence".into(),
                    evidence: Some(span),
                    rule: "place:gazetteer".into(),
                },
            ));
        }
        k = end;
    }
    best
}

/// The countries the article's mentions point to, most mentioned first.
fn article_countries(doc: &Document) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in &doc.mentions {
        let Some(code) = m
            .actor
            .as_deref()
            .and_then(|id| doc.actor(id))
            .and_then(|a| a.code.clone())
        else {
            continue;
        };
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(c, _)| c).collect()
}
