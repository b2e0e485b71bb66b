//! Cross-article deduplication: every stored event is a *report* of a *story*, the
//! real-world event it describes. Reports join a story when they agree on:
//!
//! - the PLOVER type and the factuality (a threatened strike is not the strike);
//! - the date: their day ranges overlap within a window (1 day around a resolved date; an
//!   event with no date of its own may fall on the publication day or the 3 days before;
//!   events with no date at all only join undated stories);
//! - the actors: where both name sources, they share one; where both name recipients, they
//!   share one; and at least one named actor is shared overall, or the same sentence-level
//!   place is named (for CONSULT, COOPERATE and AGREE, whose parties are often named in
//!   either order, sources and recipients are compared as one set);
//! - the place: reports located in different countries never merge. (Different places in
//!   one country do not keep reports apart: one report says "near Jurf al-Sakhar", another
//!   "in Babil province".)
//!
//! Actors are compared by [`story_key`]: the organs of one state (government, military,
//! police) count as that state, and unresolved words are wildcards that neither conflict
//! with nor confirm another report.
//!
//! A story never spans more than [`MAX_SPAN_DAYS`]. Among compatible stories the one sharing
//! most actors wins, then the nearest in time. Candidates are found through the index on
//! `story_actors (actor, type, factuality, last_day)`, so the cost of placing one event does
//! not grow with the store.
//! The rules are deliberately conservative: two reports wrongly merged hide an event, while
//! two left apart only count one event twice, and the story keeps every report either way.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Transaction};
use sitrep_doc::{DateKind, Event, EventType};

use sitrep_doc::RoleFiller;

use crate::{enum_str, role_key};

/// Sectors of the state: for deduplication the organs of one state are one actor ("the US
/// military struck" and "the United States struck" report the same strike).
const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];

/// The key a role filler is compared under when grouping reports: `state:` and the country
/// code for a resolved state actor, else its actor key ([`role_key`]).
pub fn story_key(r: &RoleFiller) -> String {
    let country = r
        .code
        .as_deref()
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        .filter(|c| !sitrep_ontology::SPECIAL_CODES.contains(c));
    let state = match r.sector.as_deref() {
        Some(s) => STATE_SECTORS.contains(&s),
        None => true,
    };
    match (country, &r.actor) {
        (Some(c), Some(_)) if state => format!("state:{c}"),
        // a generic agent with no country ("protesters", "civilians"): as soft as words
        (None, Some(a)) if r.code.is_none() => format!("text:{a}"),
        _ => role_key(r),
    }
}

/// Whether a key names a resolved actor (unresolved words are wildcards: they neither
/// conflict with nor confirm another report).
fn resolved(key: &str) -> bool {
    !key.starts_with("text:")
}

/// The longest a story may last, first to last day: a report that would stretch it further
/// starts a new story (so reports cannot chain a story across months).
pub const MAX_SPAN_DAYS: i64 = 31;

/// The most stories an event is compared with (see `candidates`).
const MAX_CANDIDATES: usize = 64;

/// What story assignment looks at in one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFacts {
    /// PLOVER type name.
    pub etype: String,
    /// Factuality name.
    pub factuality: String,
    /// First and last day (days since 0001-01-01) the event may fall on.
    pub days: Option<(i64, i64)>,
    /// Days of tolerance around `days`.
    pub window: i64,
    /// Source actor keys.
    pub sources: BTreeSet<String>,
    /// Recipient actor keys.
    pub recipients: BTreeSet<String>,
    /// Country of the location.
    pub country: Option<String>,
    /// The location read from the event's own sentence (GeoNames id or folded name).
    pub place: Option<String>,
}

/// The day range a date value covers: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn day_range(value: &str) -> Option<(i64, i64)> {
    let day = |d: NaiveDate| i64::from(d.num_days_from_ce());
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some((day(d), day(d)));
    }
    let (y, m) = match value.split_once('-') {
        Some((y, m)) => (y.parse::<i32>().ok()?, Some(m.parse::<u32>().ok()?)),
        None => (value.parse::<i32>().ok()?, None),
    };
    match m {
        Some(m) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((day(first), day(next) - 1))
        }
        None => {
            let first = NaiveDate::from_ymd_opt(y, 1, 1)?;
            let last = NaiveDate::from_ymd_opt(y, 12, 31)?;
            Some((day(first), day(last)))
        }
    }
}

impl EventFacts {
    /// The facts of `ev`, reported in an article published on `published`.
    pub fn of(ev: &Event, published: Option<&str>) -> EventFacts {
        let own = ev
            .date
            .as_ref()
            .filter(|d| d.kind != DateKind::Unresolved && !d.rule.contains("publication"))
            .and_then(|d| {
                let (lo, hi) = day_range(d.value.as_deref()?)?;
                let hi = d.end.as_deref().and_then(day_range).map_or(hi, |e| e.1);
                Some((lo, hi.max(lo)))
            });
        let (days, window) = match own {
            Some(r) => (Some(r), 1),
            // no date of its own (or only the publication date as a fallback): the report
            // usually follows the event by up to a few days
            None => (
                published.and_then(day_range).map(|(lo, hi)| (lo - 3, hi)),
                0,
            ),
        };
        let symmetric = matches!(
            ev.etype,
            EventType::Consult | EventType::Cooperate | EventType::Agree
        );
        let mut sources: BTreeSet<String> = ev.source.iter().map(story_key).collect();
        let mut recipients: BTreeSet<String> = ev.recipient.iter().map(story_key).collect();
        if symmetric {
            sources.append(&mut recipients);
        }
        let loc = ev.location.as_ref();
        let place = loc
            .filter(|l| l.precision == "sentence")
            .map(|l| match l.geonameid {
                Some(g) => format!("geonames:{g}"),
                None => l.name.to_lowercase(),
            });
        EventFacts {
            etype: ev.etype.as_str().to_string(),
            factuality: enum_str(&ev.factuality),
            days,
            window,
            sources,
            recipients,
            country: loc.and_then(|l| l.country.clone()),
            place,
        }
    }
}

/// A story already in the store.
struct Candidate {
    id: i64,
    first: Option<i64>,
    last: Option<i64>,
    country: Option<String>,
    place: Option<String>,
    sources: BTreeSet<String>,
    recipients: BTreeSet<String>,
}

/// How well `f` fits candidate `c`: `None` when it cannot be the same event, else a score
/// (shared actors, then place).
fn fit(f: &EventFacts, c: &Candidate) -> Option<usize> {
    if !may_fit(f, c) {
        return None;
    }
    // named (resolved) keys only count: unresolved words neither confirm nor conflict;
    // `fs`..`cr`: whether the event's / the candidate's sources / recipients name an actor
    let named = |set: &BTreeSet<String>| set.iter().any(|k| resolved(k));
    let shared = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
        a.iter().filter(|k| resolved(k) && b.contains(*k)).count()
    };
    let (fs, fr, cs, cr) = (
        named(&f.sources),
        named(&f.recipients),
        named(&c.sources),
        named(&c.recipients),
    );
    let shared_sources = shared(&f.sources, &c.sources);
    let shared_recipients = shared(&f.recipients, &c.recipients);
    if fs && cs && shared_sources == 0 {
        return None;
    }
    if fr && cr && shared_recipients == 0 {
        return None;
    }
    let same_place = f.place.is_some() && f.place == c.place;
    if shared_sources + shared_recipients == 0 {
        // nothing named in common: the same place, or the same unresolved words with no
        // named actor on either side
        let words = !(fs || fr || cs || cr)
            && (f.sources.intersection(&c.sources).next().is_some()
                || f.recipients.intersection(&c.recipients).next().is_some());
        if !(same_place || words) {
            return None;
        }
    }
    Some(2 * shared_sources + shared_recipients + usize::from(same_place))
}

/// What [`fit`] asks before the actors: that the story, with the event, spans at most
/// [`MAX_SPAN_DAYS`], and that its country is the event's.
fn may_fit(f: &EventFacts, c: &Candidate) -> bool {
    if let (Some((lo, hi)), Some(first), Some(last)) = (f.days, c.first, c.last) {
        if hi.max(last) - lo.min(first) > MAX_SPAN_DAYS {
            return false; // one story never spans more than a month
        }
    }
    match (&f.country, &c.country) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The stories `f` may belong to, with their actors: those of its type and
/// factuality that share an actor key or the place with it and whose days can overlap its
/// own (both undated, when it has none). At most [`MAX_CANDIDATES`]: the latest ending first
/// (ties: the oldest story first), or for undated events the newest stories.
///
/// Plain index look-ups gathered here rather than one query with `UNION` and `ORDER BY`: that
/// query built two temporary b-trees on every event, and allocating and freeing their page
/// caches was most of its cost.
fn candidates(tx: &Transaction<'_>, f: &EventFacts) -> Result<Vec<Candidate>, rusqlite::Error> {
    // only stories that share an actor key or the place can fit (see `fit`), so the
    // indexes on story_actors and stories narrow the search before any story is looked at;
    // stories span at most MAX_SPAN_DAYS, so a story ending more than that after the event
    // cannot overlap it: both ends of the index range are bounded
    let days = if f.days.is_some() {
        "last_day BETWEEN ?4 AND ?5"
    } else {
        "last_day IS NULL"
    };
    let mut ids: BTreeSet<i64> = BTreeSet::new();
    // `select` finds stories by one value (?1); the type, factuality and days are the event's
    let mut gather = |select: &str, value: &str| -> Result<(), rusqlite::Error> {
        let sql = format!("{select} AND type = ?2 AND factuality = ?3 AND {days}");
        let mut st = tx.prepare_cached(&sql)?;
        let mut rows = match f.days {
            Some((lo, hi)) => st.query(params![
                value,
                f.etype,
                f.factuality,
                lo - f.window,
                hi + f.window + MAX_SPAN_DAYS
            ])?,
            None => st.query(params![value, f.etype, f.factuality])?,
        };
        while let Some(r) = rows.next()? {
            ids.insert(r.get(0)?);
        }
        Ok(())
    };
    for key in f.sources.iter().chain(&f.recipients) {
        gather("SELECT story FROM story_actors WHERE actor = ?1", key)?;
    }
    if let Some(place) = &f.place {
        gather("SELECT id FROM stories WHERE place = ?1", place)?;
    }
    let mut story = tx.prepare_cached(
        "SELECT id, first_day, last_day, country, place FROM stories WHERE id = ?1",
    )?;
    let mut read = |id: i64| {
        story.query_row([id], |r| {
            Ok(Candidate {
                id: r.get(0)?,
                first: r.get(1)?,
                last: r.get(2)?,
                country: r.get(3)?,
                place: r.get(4)?,
                sources: BTreeSet::new(),
                recipients: BTreeSet::new(),
            })
        })
    };
    let mut out = Vec::new();
    match f.days {
        Some((_, hi)) => {
            for &id in &ids {
                let c = read(id)?;
                if c.first.is_some_and(|first| first <= hi + f.window) {
                    out.push(c);
                }
            }
            // latest ending first; a stable sort keeps ascending ids among equal days
            out.sort_by_key(|c| std::cmp::Reverse(c.last));
            out.truncate(MAX_CANDIDATES);
        }
        None => {
            for &id in ids.iter().rev().take(MAX_CANDIDATES) {
                out.push(read(id)?);
            }
        }
    }
    // (after the cut: which stories are candidates does not change; those `fit` would turn
    // down before reading their actors are not read)
    out.retain(|c| may_fit(f, c));
    let mut actors = tx.prepare_cached("SELECT role, actor FROM story_actors WHERE story = ?1")?;
    for c in &mut out {
        let mut rows = actors.query([c.id])?;
        while let Some(r) = rows.next()? {
            let (role, actor): (String, String) = (r.get(0)?, r.get(1)?);
            if role == "source" {
                c.sources.insert(actor);
            } else {
                c.recipients.insert(actor);
            }
        }
    }
    Ok(out)
}

/// `a` and `b` combined by `pick` where both are known, else whichever is (SQL's
/// `min(coalesce(a, b), coalesce(b, a))`).
fn merge(a: Option<i64>, b: Option<i64>, pick: fn(i64, i64) -> i64) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

/// Finds the story `f` belongs to, or starts one; updates the story's date range, place,
/// actors and report count. Returns the story id and whether it is new.
pub(crate) fn assign(tx: &Transaction<'_>, f: &EventFacts) -> Result<(i64, bool), rusqlite::Error> {
    let candidates = candidates(tx, f)?;
    let centre = |c: &Candidate| match (f.days, c.first, c.last) {
        (Some((lo, _)), Some(a), Some(b)) => (lo - (a + b) / 2).abs(),
        _ => 0,
    };
    let best = candidates
        .iter()
        .filter_map(|c| fit(f, c).map(|s| (s, c)))
        .max_by(|(sa, a), (sb, b)| sa.cmp(sb).then(centre(b).cmp(&centre(a))));
    // the story's days after this report, as the UPDATE below computes them (`None` only
    // where neither has days), and whether they moved
    let days = f.days;
    let (story, new, first, last, moved) = match best {
        Some((_, c)) => {
            tx.prepare_cached(
                "UPDATE stories SET
                   first_day = min(coalesce(first_day, ?2), coalesce(?2, first_day)),
                   last_day = max(coalesce(last_day, ?3), coalesce(?3, last_day)),
                   country = coalesce(country, ?4),
                   place = coalesce(place, ?5),
                   n_reports = n_reports + 1
                 WHERE id = ?1",
            )?
            .execute(params![
                c.id,
                days.map(|d| d.0),
                days.map(|d| d.1),
                f.country,
                f.place
            ])?;
            let first = merge(c.first, days.map(|d| d.0), std::cmp::min);
            let last = merge(c.last, days.map(|d| d.1), std::cmp::max);
            (c.id, false, first, last, (first, last) != (c.first, c.last))
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO stories (type, factuality, first_day, last_day, country, place, n_reports)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
            )?
            .execute(params![
                f.etype,
                f.factuality,
                days.map(|d| d.0),
                days.map(|d| d.1),
                f.country,
                f.place
            ])?;
            let (first, last) = (days.map(|d| d.0), days.map(|d| d.1));
            (tx.last_insert_rowid(), true, first, last, false)
        }
    };
    // the story's actor rows carry its days (for the look-up index); only a report that
    // widens the story changes them
    if moved {
        tx.prepare_cached(
            "UPDATE story_actors SET first_day = ?2, last_day = ?3 WHERE story = ?1",
        )?
        .execute(params![story, first, last])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO story_actors (story, role, actor, type, factuality, first_day, last_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for a in &f.sources {
        st.execute(params![
            story,
            "source",
            a,
            f.etype,
            f.factuality,
            first,
            last
        ])?;
    }
    for a in &f.recipients {
        st.execute(params![
            story,
            "recipient",
            a,
            f.etype,
            f.factuality,
            first,
            last
        ])?;
    }
    Ok((story, new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_days_are_those_sqlite_computes() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let values = [None, Some(-3i64), Some(0), Some(7)];
        for a in values {
            for b in values {
                let (lo, hi): (Option<i64>, Option<i64>) = conn
                    .query_row(
                        "SELECT min(coalesce(?1, ?2), coalesce(?2, ?1)),
                                max(coalesce(?1, ?2), coalesce(?2, ?1))",
                        rusqlite::params![a, b],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                assert_eq!(merge(a, b, std::cmp::min), lo, "min of {a:?} and {b:?}");
                assert_eq!(merge(a, b, std::cmp::max), hi, "max of {a:?} and {b:?}");
            }
        }
    }

    fn facts(src: &[&str], rcp: &[&str], days: Option<(i64, i64)>) -> EventFacts {
        EventFacts {
            etype: "ASSAULT".into(),
            factuality: "asserted".into(),
            days,
            window: 1,
            sources: src.iter().map(|s| s.to_string()).collect(),
            recipients: rcp.iter().map(|s| s.to_string()).collect(),
            country: None,
            place: None,
        }
    }

    fn cand(src: &[&str], rcp: &[&str]) -> Candidate {
        Candidate {
            id: 1,
            first: Some(10),
            last: Some(10),
            country: None,
            place: None,
            sources: src.iter().map(|s| s.to_string()).collect(),
            recipients: rcp.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_organs_of_a_state_are_one_actor_and_armed_groups_their_own() {
        let f = |actor: Option<&str>, text: &str, code: Option<&str>, sector: Option<&str>| {
            story_key(&RoleFiller {
                actor: actor.map(str::to_string),
                text: text.into(),
                start: 0,
                end: 0,
                code: code.map(str::to_string),
                sector: sector.map(str::to_string),
                rule: String::new(),
            })
        };
        let mil = f(
            Some("united-states-mil"),
            "US forces",
            Some("USA"),
            Some("MIL"),
        );
        let gov = f(Some("united-states"), "Washington", Some("USA"), None);
        assert_eq!(mil, "state:USA");
        assert_eq!(gov, mil);
        let kh = f(Some("kataib-hezbollah"), "KH", Some("IRQ"), Some("PRM"));
        assert_eq!(kh, "kataib-hezbollah");
        assert_eq!(f(Some("un"), "the UN", Some("IGO"), None), "un");
        assert_eq!(f(None, "Gunmen", None, None), "text:gunmen");
        assert_eq!(
            f(Some("protesters"), "Demonstrators", None, Some("PRO")),
            "text:protesters",
            "a generic agent is soft"
        );
    }

    #[test]
    fn date_values_cover_their_granularity() {
        let (lo, hi) = day_range("2024-02").unwrap();
        assert_eq!(hi - lo, 28, "February 2024 has 29 days");
        let (lo, hi) = day_range("2023").unwrap();
        assert_eq!(hi - lo, 364);
        let (lo, hi) = day_range("2025-04-07").unwrap();
        assert_eq!(lo, hi);
        assert_eq!(day_range("2025-04-08").unwrap().0 - lo, 1);
        assert_eq!(day_range("last week"), None);
    }

    #[test]
    fn shared_actors_merge_and_conflicting_ones_do_not() {
        let f = facts(&["usa"], &["kataib-hezbollah"], Some((10, 10)));
        assert!(fit(&f, &cand(&["usa"], &["kataib-hezbollah"])).is_some());
        assert!(fit(&f, &cand(&["usa"], &[])).is_some());
        assert!(fit(&f, &cand(&["isr"], &["kataib-hezbollah"])).is_none());
        assert!(fit(&f, &cand(&["usa"], &["houthis"])).is_none());
        // nothing shared and no place: two unrelated events
        let g = facts(&[], &["text:a convoy"], Some((10, 10)));
        assert!(fit(&g, &cand(&["usa"], &[])).is_none());
    }

    #[test]
    fn a_story_never_stretches_past_a_month() {
        let c = cand(&["usa"], &["kataib-hezbollah"]); // day 10
        let near = facts(&["usa"], &["kataib-hezbollah"], Some((11, 11)));
        assert!(fit(&near, &c).is_some());
        let wide = facts(
            &["usa"],
            &["kataib-hezbollah"],
            Some((10, 10 + MAX_SPAN_DAYS + 1)),
        );
        assert!(
            fit(&wide, &c).is_none(),
            "a month-long range would stretch it"
        );
    }

    #[test]
    fn places_and_countries_keep_reports_apart() {
        let mut f = facts(&["usa"], &[], Some((10, 10)));
        f.country = Some("IRQ".into());
        let mut c = cand(&["usa"], &[]);
        c.country = Some("SYR".into());
        assert!(fit(&f, &c).is_none());
        c.country = Some("IRQ".into());
        c.place = Some("geonames:1".into());
        f.place = Some("geonames:2".into());
        assert_eq!(fit(&f, &c), Some(2), "another place in the same country");
        f.place = Some("geonames:1".into());
        assert_eq!(fit(&f, &c), Some(3));
        // unresolved words only: the same place is needed
        let mut g = facts(&["text:gunmen"], &[], Some((10, 10)));
        let mut d = cand(&["text:assailants"], &[]);
        assert!(fit(&g, &d).is_none());
        d.sources.insert("text:gunmen".into());
        assert!(fit(&g, &d).is_some(), "the same words");
        g.sources.insert("usa".into());
        assert!(fit(&g, &d).is_none(), "a named actor on one side only");
    }
}
