//! Questions a store answers: events by actor, type, date, place and factuality; stories
//! with their reports; actor profiles; the stance of actors on an issue over time; full-text
//! search over articles.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::stories::day_range;
use crate::{Store, StoreError};

/// Filters for [`Store::events`]; every field narrows, none required.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventQuery {
    /// An actor, as source or recipient: an actor id (`kataib-hezbollah`), a stored actor's
    /// name in any case, or other words matched against role texts.
    pub actor: Option<String>,
    /// PLOVER type (`ASSAULT`), any case.
    pub etype: Option<String>,
    /// Earliest date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), inclusive.
    pub from: Option<String>,
    /// Latest date, inclusive (a month or year means its end).
    pub to: Option<String>,
    /// A place name or a country code (`IRQ`).
    pub place: Option<String>,
    /// Factuality (`asserted`, `negated`, `hypothetical`, `intended`, `threatened`).
    pub factuality: Option<String>,
    /// Only the reports of this story.
    pub story: Option<i64>,
    /// At most this many rows (newest first); 0 means no limit.
    pub limit: usize,
}

/// One role filler of a stored event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleRow {
    /// Actor id, when resolved.
    pub actor: Option<String>,
    /// The words of the article.
    pub text: String,
    /// Country or organization code.
    pub code: Option<String>,
}

/// One stored event (a report), as queries return it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// Row id.
    pub id: i64,
    /// The event id of the output contract.
    pub event_id: String,
    /// The story it reports.
    pub story: i64,
    /// Article row id.
    pub article: i64,
    /// The article's document id.
    pub doc_id: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's publication date.
    pub published: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub etype: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Factuality.
    pub factuality: String,
    /// Date value.
    pub date: Option<String>,
    /// How the date was resolved.
    pub date_kind: Option<String>,
    /// Place name.
    pub place: Option<String>,
    /// Country of the place.
    pub country: Option<String>,
    /// Dead.
    pub dead: Option<i64>,
    /// Sources.
    pub source: Vec<RoleRow>,
    /// Recipients.
    pub recipient: Vec<RoleRow>,
    /// The evidence sentence.
    pub sentence: String,
    /// The rule that coded it.
    pub rule: String,
}

/// A story: one real-world event and its reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryRow {
    /// Row id.
    pub id: i64,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub etype: String,
    /// Factuality.
    pub factuality: String,
    /// First day the reports put it on.
    pub first_date: Option<String>,
    /// Last day.
    pub last_date: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Reports (events) of it.
    pub reports: i64,
    /// Distinct articles reporting it.
    pub articles: i64,
    /// Distinct outlets reporting it (articles without an outlet count as one each).
    pub outlets: i64,
    /// The outlets, sorted.
    pub outlet_names: Vec<String>,
    /// Every death count the reports give, sorted: more than one means they disagree.
    pub dead_counts: Vec<i64>,
    /// Source actor keys.
    pub source: Vec<String>,
    /// Recipient actor keys.
    pub recipient: Vec<String>,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Article row id.
    pub article: i64,
    /// Document id.
    pub doc_id: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The matching passage, matches in `[brackets]`.
    pub snippet: String,
}

/// One line of a stance table: what one actor did about an issue in one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceRow {
    /// Actor key (id, or `text:` and the words).
    pub actor: String,
    /// Month (`YYYY-MM`), or `undated`.
    pub month: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub etype: String,
    /// Mode.
    pub mode: Option<String>,
    /// Factuality.
    pub factuality: String,
    /// Distinct stories.
    pub stories: i64,
    /// Distinct outlets reporting them.
    pub outlets: i64,
    /// Reports.
    pub reports: i64,
    /// One evidence sentence.
    pub example: String,
}

/// What the store knows about one actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorProfile {
    /// Actor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Code.
    pub code: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Kind.
    pub kind: String,
    /// The words articles use for it, with how many mentions, most used first.
    pub aliases: Vec<(String, i64)>,
    /// Relations read in articles: (type, other actor, direction `out`/`in`, articles).
    pub relations: Vec<(String, String, String, i64)>,
    /// Events per month, role and type: (month, role, type, stories, reports).
    pub timeline: Vec<(String, String, String, i64, i64)>,
    /// Articles mentioning it.
    pub articles: i64,
}

fn day_to_date(day: Option<i64>) -> Option<String> {
    let d = chrono::NaiveDate::from_num_days_from_ce_opt(i32::try_from(day?).ok()?)?;
    Some(d.format("%Y-%m-%d").to_string())
}

/// The evidence sentence of an event: byte offsets, so the text is cut as a blob.
pub(crate) const SENTENCE_SQL: &str =
    "CAST(substr(CAST(a.text AS BLOB), e.start + 1, e.end - e.start) AS TEXT)";

impl Store {
    /// The actor keys a user's words stand for: the id itself, stored actors with that name,
    /// and role texts equal to the words.
    fn actor_keys(&self, actor: &str) -> Result<Vec<String>, StoreError> {
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT id FROM actors WHERE id = ?1 OR lower(name) = lower(?1)
                 UNION SELECT DISTINCT actor FROM entities WHERE lower(text) = lower(?1) AND actor IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut keys: Vec<String> = st
            .query_map([actor], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        keys.push(format!("text:{}", actor.to_lowercase()));
        Ok(keys)
    }

    /// The `WHERE` clause (with its arguments) that selects the events of `q`, over
    /// `events e JOIN articles a`.
    pub(crate) fn event_filter(&self, q: &EventQuery) -> Result<(String, Vec<Value>), StoreError> {
        let mut wheres: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let arg = |v: Value, args: &mut Vec<Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(actor) = &q.actor {
            let keys = self.actor_keys(actor)?;
            let marks: Vec<String> = keys
                .into_iter()
                .map(|k| arg(Value::Text(k), &mut args))
                .collect();
            wheres.push(format!(
                "e.id IN (SELECT event FROM event_actors WHERE key IN ({}))",
                marks.join(", ")
            ));
        }
        if let Some(t) = &q.etype {
            let m = arg(Value::Text(t.to_uppercase()), &mut args);
            wheres.push(format!("e.type = {m}"));
        }
        if let Some(from) = &q.from {
            let (lo, _) = day_range(from).ok_or_else(|| bad_date(from))?;
            let m = arg(Value::Integer(lo), &mut args);
            wheres.push(format!("e.last_day >= {m}"));
        }
        if let Some(to) = &q.to {
            let (_, hi) = day_range(to).ok_or_else(|| bad_date(to))?;
            let m = arg(Value::Integer(hi), &mut args);
            wheres.push(format!("e.first_day <= {m}"));
        }
        if let Some(p) = &q.place {
            let m = arg(Value::Text(p.clone()), &mut args);
            wheres.push(format!(
                "(lower(e.place) = lower({m}) OR upper(e.country) = upper({m}))"
            ));
        }
        if let Some(f) = &q.factuality {
            let m = arg(Value::Text(f.to_lowercase()), &mut args);
            wheres.push(format!("e.factuality = {m}"));
        }
        if let Some(s) = q.story {
            let m = arg(Value::Integer(s), &mut args);
            wheres.push(format!("e.story = {m}"));
        }
        let clause = if wheres.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", wheres.join(" AND "))
        };
        Ok((clause, args))
    }

    /// Events (reports) matching `q`, newest first.
    pub fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>, StoreError> {
        let limit = if q.limit > 0 {
            format!("LIMIT {}", q.limit)
        } else {
            String::new()
        };
        // first the ids, in order (from the (key, first_day) index when only the actor
        // narrows), then the rows of those ids only
        let only_actor = q.actor.is_some()
            && EventQuery {
                actor: None,
                limit: 0,
                ..q.clone()
            } == EventQuery::default();
        let (id_sql, args) = if only_actor {
            let keys = self.actor_keys(q.actor.as_deref().unwrap_or(""))?;
            let marks: Vec<String> = (1..=keys.len()).map(|i| format!("?{i}")).collect();
            (
                format!(
                    "SELECT DISTINCT event, first_day FROM event_actors WHERE key IN ({})
                     ORDER BY first_day DESC, event DESC {limit}",
                    marks.join(", ")
                ),
                keys.into_iter().map(Value::Text).collect(),
            )
        } else {
            let (clause, args) = self.event_filter(q)?;
            (
                format!(
                    "SELECT e.id, e.first_day FROM events e {clause}
                     ORDER BY e.first_day DESC, e.id DESC {limit}"
                ),
                args,
            )
        };
        let ids: Vec<i64> = {
            let mut st = self.conn().prepare(&id_sql).map_err(|e| self.err(e))?;
            let rows = st
                .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?
        };
        let sql =
            format!(
            "SELECT e.id, e.event_id, e.story, e.article, a.doc_id, a.outlet, a.url, a.published,
                    e.type, e.mode, e.factuality, e.date_value, e.date_kind, e.place, e.country,
                    e.dead, {SENTENCE_SQL}, e.rule
             FROM events e JOIN articles a ON a.id = e.article
             WHERE e.id IN ({}) ORDER BY e.first_day DESC, e.id DESC",
            ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
        );
        let mut st = self.conn().prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok(EventRow {
                    id: r.get(0)?,
                    event_id: r.get(1)?,
                    story: r.get(2)?,
                    article: r.get(3)?,
                    doc_id: r.get(4)?,
                    outlet: r.get(5)?,
                    url: r.get(6)?,
                    published: r.get(7)?,
                    etype: r.get(8)?,
                    mode: r.get(9)?,
                    factuality: r.get(10)?,
                    date: r.get(11)?,
                    date_kind: r.get(12)?,
                    place: r.get(13)?,
                    country: r.get(14)?,
                    dead: r.get(15)?,
                    sentence: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
                    rule: r.get(17)?,
                    source: Vec::new(),
                    recipient: Vec::new(),
                })
            })
            .map_err(|e| self.err(e))?;
        let mut out: Vec<EventRow> = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        let mut roles = self
            .conn()
            .prepare_cached(
                "SELECT role, actor, text, code FROM event_actors WHERE event = ?1 ORDER BY role, idx",
            )
            .map_err(|e| self.err(e))?;
        for ev in &mut out {
            let rows = roles
                .query_map([ev.id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        RoleRow {
                            actor: r.get(1)?,
                            text: r.get(2)?,
                            code: r.get(3)?,
                        },
                    ))
                })
                .map_err(|e| self.err(e))?;
            for row in rows {
                let (role, filler) = row.map_err(|e| self.err(e))?;
                if role == "source" {
                    ev.source.push(filler);
                } else {
                    ev.recipient.push(filler);
                }
            }
        }
        Ok(out)
    }

    /// Stories with at least `min_reports` reports, most reported first (by distinct
    /// outlets, then articles), optionally of one type.
    pub fn stories(
        &self,
        etype: Option<&str>,
        min_reports: i64,
        limit: usize,
    ) -> Result<Vec<StoryRow>, StoreError> {
        let sql = format!(
            "SELECT s.id, s.type, s.factuality, s.first_day, s.last_day, s.country, s.n_reports,
                    count(DISTINCT e.article),
                    count(DISTINCT coalesce(a.outlet, 'article:' || a.id)),
                    group_concat(DISTINCT a.outlet),
                    group_concat(DISTINCT e.dead)
             FROM stories s JOIN events e ON e.story = s.id JOIN articles a ON a.id = e.article
             WHERE s.n_reports >= ?1 AND (?2 IS NULL OR s.type = upper(?2))
             GROUP BY s.id
             ORDER BY 9 DESC, 8 DESC, s.first_day DESC, s.id {}",
            if limit > 0 {
                format!("LIMIT {limit}")
            } else {
                String::new()
            }
        );
        let mut st = self.conn().prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![min_reports, etype], |r| {
                let split = |s: Option<String>| -> Vec<String> {
                    let mut v: Vec<String> = s
                        .unwrap_or_default()
                        .split(',')
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect();
                    v.sort();
                    v
                };
                let mut dead: Vec<i64> = split(r.get(10)?)
                    .iter()
                    .filter_map(|s| s.parse().ok())
                    .collect();
                dead.sort_unstable();
                Ok(StoryRow {
                    id: r.get(0)?,
                    etype: r.get(1)?,
                    factuality: r.get(2)?,
                    first_date: day_to_date(r.get(3)?),
                    last_date: day_to_date(r.get(4)?),
                    country: r.get(5)?,
                    reports: r.get(6)?,
                    articles: r.get(7)?,
                    outlets: r.get(8)?,
                    outlet_names: split(r.get(9)?),
                    dead_counts: dead,
                    source: Vec::new(),
                    recipient: Vec::new(),
                })
            })
            .map_err(|e| self.err(e))?;
        let mut out: Vec<StoryRow> = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        let mut actors = self
            .conn()
            .prepare_cached("SELECT role, actor FROM story_actors WHERE story = ?1 ORDER BY actor")
            .map_err(|e| self.err(e))?;
        for s in &mut out {
            let rows = actors
                .query_map([s.id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .map_err(|e| self.err(e))?;
            for row in rows {
                let (role, a) = row.map_err(|e| self.err(e))?;
                if role == "source" {
                    s.source.push(a);
                } else {
                    s.recipient.push(a);
                }
            }
        }
        Ok(out)
    }

    /// Full-text search over article titles and texts (SQLite FTS5 query syntax: words,
    /// `"phrases"`, `AND`/`OR`/`NOT`, `prefix*`), best matches first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let run = || -> Result<Vec<SearchHit>, rusqlite::Error> {
            let mut st = self.conn().prepare_cached(
                "SELECT a.id, a.doc_id, a.title, a.outlet, a.published,
                        snippet(articles_fts, 1, '[', ']', '…', 16)
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            )?;
            let rows = st.query_map(params![query, limit as i64], |r| {
                Ok(SearchHit {
                    article: r.get(0)?,
                    doc_id: r.get(1)?,
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    published: r.get(4)?,
                    snippet: r.get(5)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| match e {
            // FTS5 reports query syntax errors as plain SQLITE_ERROR failures
            rusqlite::Error::SqliteFailure(f, Some(m))
                if f.code == rusqlite::ErrorCode::Unknown =>
            {
                StoreError::BadQuery(format!("bad search query {query:?}: {m}"))
            }
            e => self.err(e),
        })
    }

    /// The stance of actors on an issue: events of `types` (default AGREE, REJECT, RETREAT,
    /// CONCEDE, THREATEN) whose mode or evidence sentence mentions `topic` (a word stem such
    /// as `disarm`), grouped by source actor, month, type and factuality, counting stories
    /// and outlets rather than rows.
    pub fn stance(&self, topic: &str, types: &[String]) -> Result<Vec<StanceRow>, StoreError> {
        let types: Vec<String> = if types.is_empty() {
            ["AGREE", "REJECT", "RETREAT", "CONCEDE", "THREATEN"]
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            types.iter().map(|t| t.to_uppercase()).collect()
        };
        let marks: Vec<String> = (0..types.len()).map(|i| format!("?{}", i + 2)).collect();
        let sql = format!(
            "SELECT ea.key, coalesce(substr(e.date_value, 1, 7), 'undated'), e.type, e.mode,
                    e.factuality, count(DISTINCT e.story),
                    count(DISTINCT coalesce(a.outlet, 'article:' || a.id)), count(*),
                    min({SENTENCE_SQL})
             FROM events e JOIN articles a ON a.id = e.article
             JOIN event_actors ea ON ea.event = e.id AND ea.role = 'source'
             WHERE e.type IN ({}) AND (lower(coalesce(e.mode, '')) LIKE '%' || lower(?1) || '%'
                   OR lower({SENTENCE_SQL}) LIKE '%' || lower(?1) || '%')
             GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3",
            marks.join(", ")
        );
        let mut args: Vec<Value> = vec![Value::Text(topic.to_string())];
        args.extend(types.into_iter().map(Value::Text));
        let mut st = self.conn().prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(StanceRow {
                    actor: r.get(0)?,
                    month: r.get(1)?,
                    etype: r.get(2)?,
                    mode: r.get(3)?,
                    factuality: r.get(4)?,
                    stories: r.get(5)?,
                    outlets: r.get(6)?,
                    reports: r.get(7)?,
                    example: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The profile of an actor (an id or a name); `None` when the store never saw it.
    pub fn actor_profile(&self, actor: &str) -> Result<Option<ActorProfile>, StoreError> {
        let c = self.conn();
        let row = c
            .query_row(
                "SELECT id, name, code, sector, kind FROM actors
                 WHERE id = ?1 OR lower(name) = lower(?1) ORDER BY id = ?1 DESC LIMIT 1",
                [actor],
                |r| {
                    Ok(ActorProfile {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        code: r.get(2)?,
                        sector: r.get(3)?,
                        kind: r.get(4)?,
                        aliases: Vec::new(),
                        relations: Vec::new(),
                        timeline: Vec::new(),
                        articles: 0,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(mut p) = row else {
            return Ok(None);
        };
        let collect = |sql: &str| -> Result<Vec<Vec<Value>>, StoreError> {
            let mut st = c.prepare(sql).map_err(|e| self.err(e))?;
            let n = st.column_count();
            let rows = st
                .query_map([&p.id], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
        };
        let text = |v: &Value| match v {
            Value::Text(s) => s.clone(),
            Value::Integer(i) => i.to_string(),
            _ => String::new(),
        };
        let int = |v: &Value| match v {
            Value::Integer(i) => *i,
            _ => 0,
        };
        p.aliases = collect(
            "SELECT text, count(*) FROM entities WHERE actor = ?1 GROUP BY text ORDER BY 2 DESC, 1",
        )?
        .iter()
        .map(|r| (text(&r[0]), int(&r[1])))
        .collect();
        p.relations = collect(
            "SELECT type, coalesce(tail, ''), 'out', count(DISTINCT article) FROM relations WHERE head = ?1 GROUP BY 1, 2
             UNION ALL
             SELECT type, head, 'in', count(DISTINCT article) FROM relations WHERE tail = ?1 GROUP BY 1, 2
             ORDER BY 4 DESC, 1, 2",
        )?
        .iter()
        .map(|r| (text(&r[0]), text(&r[1]), text(&r[2]), int(&r[3])))
        .collect();
        p.timeline = collect(
            "SELECT coalesce(substr(e.date_value, 1, 7), 'undated'), ea.role, e.type,
                    count(DISTINCT e.story), count(*)
             FROM event_actors ea JOIN events e ON e.id = ea.event
             WHERE ea.key = ?1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        )?
        .iter()
        .map(|r| {
            (
                text(&r[0]),
                text(&r[1]),
                text(&r[2]),
                int(&r[3]),
                int(&r[4]),
            )
        })
        .collect();
        p.articles = c
            .query_row(
                "SELECT count(*) FROM article_actors WHERE actor = ?1",
                [&p.id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(Some(p))
    }
}

fn bad_date(d: &str) -> StoreError {
    StoreError::BadQuery(format!(
        "bad date {d:?}: expected YYYY-MM-DD, YYYY-MM or YYYY"
    ))
}
