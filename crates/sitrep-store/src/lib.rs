//! sitrep's store: one embedded SQLite file holding coded articles, their sentences,
//! entities, actors, events (with every attribute and its evidence), relations, and the
//! story-level events that merge the reports of one real-world event across articles.
//!
//! - [`Store::open`] creates or opens a store (WAL journal, schema migrations, a busy timeout
//!   so a second writer waits and then fails with a clear [`StoreError::Locked`]).
//! - [`Store::insert_batch`] writes coded articles, each all or nothing, in one transaction:
//!   a process killed at any moment leaves every article either fully stored or absent.
//!   Articles are deduplicated by content hash and by URL, so re-ingesting is idempotent.
//! - Every event joins a story ([`stories`]): same type and factuality, dates within a
//!   window, compatible actors and place.
//! - [`query`] answers event, actor, stance and full-text questions; [`export`] writes JSON
//!   Lines (the output contract), PLOVER JSON Lines and CSV.
//!
//! ```
//! use sitrep_store::{Store, EventQuery};
//! let dir = tempfile::tempdir()?;
//! let mut store = Store::open(&dir.path().join("sitrep.db"))?;
//! assert_eq!(store.stats()?.articles, 0);
//! assert!(store.events(&EventQuery::default())?.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod export;
pub mod query;
mod schema;
pub mod stories;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{
    config::DbConfig, params, Connection, OpenFlags, OptionalExtension, Transaction,
    TransactionBehavior,
};
use sha2::{Digest, Sha256};
use sitrep_doc::{Event, Output, RoleFiller};

pub use query::{ActorProfile, EventQuery, EventRow, SearchHit, StanceRow, StoryRow};
pub use schema::SCHEMA_VERSION;

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("{path}: {message}")]
    Sqlite {
        /// The store file.
        path: String,
        /// SQLite's message.
        message: String,
    },
    /// Another process holds the write lock longer than the busy timeout.
    #[error(
        "{path}: the store is locked by another process (is another `sitrep ingest` running?)"
    )]
    Locked {
        /// The store file.
        path: String,
    },
    /// The disk (or the file system quota) is full.
    #[error("{path}: disk full while writing the store; nothing partial was kept")]
    DiskFull {
        /// The store file.
        path: String,
    },
    /// The file was written by a newer sitrep.
    #[error("{path}: schema version {found} is newer than this sitrep supports ({supported})")]
    TooNew {
        /// The store file.
        path: String,
        /// Version in the file.
        found: i64,
        /// Highest version this build knows.
        supported: i64,
    },
    /// The file is not a sitrep store (or not a database at all).
    #[error("{path}: not a sitrep store ({message})")]
    NotAStore {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// Writing an export failed.
    #[error("{path}: {message}")]
    Io {
        /// The output file.
        path: String,
        /// The operating system's words.
        message: String,
    },
    /// A query the store cannot answer as asked (a bad date, bad search syntax).
    #[error("{0}")]
    BadQuery(String),
    /// A stored record could not be decoded.
    #[error("{path}: stored record {what} is corrupt: {message}")]
    Corrupt {
        /// The store file.
        path: String,
        /// Which record.
        what: String,
        /// Why.
        message: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        classify(e, "")
    }
}

fn classify(e: rusqlite::Error, path: &str) -> StoreError {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        match f.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Locked { path: path.into() }
            }
            ErrorCode::DiskFull => return StoreError::DiskFull { path: path.into() },
            ErrorCode::NotADatabase => {
                return StoreError::NotAStore {
                    path: path.into(),
                    message: e.to_string(),
                }
            }
            _ => {}
        }
    }
    StoreError::Sqlite {
        path: path.into(),
        message: e.to_string(),
    }
}

impl StoreError {
    /// Attaches the store path to an error made without one.
    fn at(self, p: &str) -> StoreError {
        match self {
            StoreError::Sqlite { path, message } if path.is_empty() => StoreError::Sqlite {
                path: p.into(),
                message,
            },
            StoreError::Locked { path } if path.is_empty() => StoreError::Locked { path: p.into() },
            StoreError::DiskFull { path } if path.is_empty() => {
                StoreError::DiskFull { path: p.into() }
            }
            StoreError::NotAStore { path, message } if path.is_empty() => StoreError::NotAStore {
                path: p.into(),
                message,
            },
            other => other,
        }
    }
}

/// What became of one article given to [`Store::insert_batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// Stored as article `article`, with `events` events of which `new_stories` started a
    /// new story.
    Added {
        /// Row id of the article.
        article: i64,
        /// Events stored.
        events: usize,
        /// Events that started a new story (the rest joined an existing one).
        new_stories: usize,
    },
    /// Already in the store (same text, or same URL): nothing written.
    Duplicate {
        /// `content` or `url`.
        reason: &'static str,
        /// Row id of the article already stored.
        existing: i64,
    },
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Articles.
    pub articles: u64,
    /// Events (reports).
    pub events: u64,
    /// Stories (real-world events, each with one or more reports).
    pub stories: u64,
    /// Distinct actors.
    pub actors: u64,
    /// Relations.
    pub relations: u64,
    /// Recorded input failures.
    pub failures: u64,
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: String,
}

/// The SHA-256 of an article's text, lowercase hex: the key that deduplicates articles.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, false)
    }

    /// Opens an existing store for reading only.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, true)
    }

    fn open_with(path: &Path, read_only: bool) -> Result<Store, StoreError> {
        let p = path.display().to_string();
        let flags = if read_only {
            if !path.exists() {
                return Err(StoreError::NotAStore {
                    path: p,
                    message: "no such file".into(),
                });
            }
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        };
        let mut conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| classify(e, &p))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| classify(e, &p))?;
        let setup = || -> Result<(), rusqlite::Error> {
            if !read_only {
                set_wal(&conn)?;
                conn.pragma_update(None, "synchronous", "NORMAL")?;
                // a writer's page cache of 64 MiB (SQLite's default is 2 MiB): a long ingest
                // touches the same index pages over and over, and each page read from the
                // file is a system call and a copy
                conn.pragma_update(None, "cache_size", -65536)?;
                // checkpoint every 16,384 pages (64 MiB of log) rather than 1,000: the pages
                // a batch changes (index leaves, full-text segments) are mostly the ones the
                // next batches change again, so each is copied into the file fewer times
                conn.pragma_update(None, "wal_autocheckpoint", 16384)?;
            }
            conn.pragma_update(None, "foreign_keys", "ON")?;
            // plans that do not depend on the values bound: SQLite (built with STAT4)
            // otherwise re-prepares a statement on its next step whenever a value bound in
            // certain constraints changes, which was most of the story look-up's time
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
            Ok(())
        };
        setup().map_err(|e| classify(e, &p))?;
        // storing an article runs about 20 distinct statements: with rusqlite's default of
        // 16 cached ones, every article evicted and re-prepared some of them
        conn.set_prepared_statement_cache_capacity(128);
        if read_only {
            let v: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| classify(e, &p))?;
            if v == 0 {
                return Err(StoreError::NotAStore {
                    path: p,
                    message: "no sitrep schema".into(),
                });
            }
            if v > SCHEMA_VERSION {
                return Err(StoreError::TooNew {
                    path: p,
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
        } else {
            schema::migrate(&mut conn, &p).map_err(|e| e.at(&p))?;
        }
        Ok(Store { conn, path: p })
    }

    /// The store's file name, as given.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(&self.path)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(e, &self.path)
    }

    /// The row id of a stored article with this content hash or URL, and which matched.
    pub fn find_article(
        &self,
        hash: &str,
        url: Option<&str>,
    ) -> Result<Option<(i64, &'static str)>, StoreError> {
        find_article(&self.conn, hash, url).map_err(|e| self.err(e))
    }

    /// Stores coded articles in one transaction, each `(output, source)` all or nothing;
    /// `source` names where the article came from (`file`, `file:line`). Returns what became
    /// of each, in order. Errors that concern the whole store (locked, disk full) fail the
    /// whole batch, which is then not written at all.
    pub fn insert_batch(&mut self, items: &[(&Output, &str)]) -> Result<Vec<Inserted>, StoreError> {
        let path = self.path.clone();
        // IMMEDIATE: take the write lock first, waiting for it under the busy timeout. A
        // deferred transaction would read (the duplicate look-ups) and then fail at once,
        // without waiting, when another writer committed in between (SQLITE_BUSY_SNAPSHOT).
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(e, &path))?;
        let mut results = Vec::with_capacity(items.len());
        for (out, source) in items {
            results.push(insert_one(&tx, out, source).map_err(|e| classify(e, &path))?);
        }
        tx.commit().map_err(|e| classify(e, &path))?;
        Ok(results)
    }

    /// Stores one coded article (see [`Store::insert_batch`]).
    pub fn insert(&mut self, out: &Output, source: &str) -> Result<Inserted, StoreError> {
        Ok(self.insert_batch(&[(out, source)])?.remove(0))
    }

    /// Caps the store at `pages` database pages (SQLite's `max_page_count`; never below its
    /// current size), so that a write that would grow it further fails as on a full disk,
    /// with [`StoreError::DiskFull`]. A testing aid (`sitrep ingest --max-pages`); returns the
    /// cap in force.
    pub fn set_max_pages(&mut self, pages: u64) -> Result<u64, StoreError> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// The store's size in database pages.
    pub fn pages(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// Records a document that could not be read or coded, so that the failure is kept with
    /// the store (one row per source, id and kind; a rerun replaces it).
    pub fn record_failure(
        &mut self,
        source: &str,
        doc_id: &str,
        kind: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO failures (source, doc_id, kind, message) VALUES (?1, ?2, ?3, ?4)",
                params![source, doc_id, kind, message],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// How much the store holds.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| n as u64)
                .map_err(|e| self.err(e))
        };
        Ok(Stats {
            articles: count("articles")?,
            events: count("events")?,
            stories: count("stories WHERE n_reports > 0")?,
            actors: count("actors")?,
            relations: count("relations")?,
            failures: count("failures")?,
        })
    }

    /// Runs SQLite's integrity check and the store's own consistency checks (every event
    /// in a story, every story's report count equal to its events, no partial article: every
    /// article with text has its sentences and every event its evidence sentence, no row of
    /// a missing article or event, no article twice, the full-text index in step with the
    /// articles); returns the problems found.
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let c = &self.conn;
        let ic: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if ic != "ok" {
            problems.push(format!("integrity_check: {ic}"));
        }
        let checks = [
            (
                "events without a story",
                "SELECT count(*) FROM events e LEFT JOIN stories s ON s.id = e.story WHERE s.id IS NULL",
            ),
            (
                "stories whose report count is wrong",
                "SELECT count(*) FROM stories s WHERE n_reports != (SELECT count(*) FROM events e WHERE e.story = s.id)",
            ),
            (
                "events of a missing article",
                "SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article WHERE a.id IS NULL",
            ),
            // an article is written whole or not at all: text without sentences, or an
            // event whose evidence sentence is not stored, is a partial article
            (
                "articles with text but no sentences",
                "SELECT count(*) FROM articles a WHERE a.text != ''
                   AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article = a.id)",
            ),
            (
                "events whose evidence sentence is not stored",
                "SELECT count(*) FROM events e WHERE NOT EXISTS
                   (SELECT 1 FROM sentences s WHERE s.article = e.article AND s.idx = e.sentence)",
            ),
            (
                "event actors of a missing event",
                "SELECT count(*) FROM event_actors x LEFT JOIN events e ON e.id = x.event WHERE e.id IS NULL",
            ),
            (
                "sentences, entities, relations or actor links of a missing article",
                "SELECT (SELECT count(*) FROM sentences x LEFT JOIN articles a ON a.id = x.article WHERE a.id IS NULL)
                      + (SELECT count(*) FROM entities x LEFT JOIN articles a ON a.id = x.article WHERE a.id IS NULL)
                      + (SELECT count(*) FROM relations x LEFT JOIN articles a ON a.id = x.article WHERE a.id IS NULL)
                      + (SELECT count(*) FROM article_actors x LEFT JOIN articles a ON a.id = x.article WHERE a.id IS NULL)",
            ),
        ];
        for (what, sql) in checks {
            let n: i64 = c
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        let fts: Result<(), rusqlite::Error> = c.execute_batch(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)",
        );
        if let Err(e) = fts {
            if !matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly)
            {
                problems.push(format!("full-text index: {e}"));
            }
        }
        Ok(problems)
    }
}

/// How long a connection waits for a lock another process holds.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Puts the store in WAL mode. Changing a new file's journal mode needs an exclusive lock,
/// and SQLite reports `SQLITE_BUSY` at once, without waiting, when another process holds
/// any lock on the file, as a second `sitrep ingest` started at the same moment on a new store
/// does (one of the two failed with "locked" about one time in three). So this retries for up
/// to the busy timeout. Once the other process has switched the file, the pragma is a no-op.
fn set_wal(conn: &Connection) -> Result<(), rusqlite::Error> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            r => return r,
        }
    }
}

fn find_article(
    c: &Connection,
    hash: &str,
    url: Option<&str>,
) -> Result<Option<(i64, &'static str)>, rusqlite::Error> {
    if let Some(id) = c
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?
    {
        return Ok(Some((id, "content")));
    }
    if let Some(u) = url {
        if let Some(id) = c
            .prepare_cached("SELECT id FROM articles WHERE url = ?1")?
            .query_row([u], |r| r.get(0))
            .optional()?
        {
            return Ok(Some((id, "url")));
        }
    }
    Ok(None)
}

/// The string serde gives a unit enum variant (`"ASSAULT"`, `"asserted"`).
pub(crate) fn enum_str<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The key an actor is grouped under: its id, or its folded words when unresolved.
pub(crate) fn role_key(r: &RoleFiller) -> String {
    match &r.actor {
        Some(a) => a.clone(),
        None => format!("text:{}", r.text.to_lowercase()),
    }
}

fn insert_one(
    tx: &Transaction<'_>,
    out: &Output,
    source: &str,
) -> Result<Inserted, rusqlite::Error> {
    let hash = content_hash(&out.text);
    if let Some((existing, reason)) = find_article(tx, &hash, out.url.as_deref())? {
        return Ok(Inserted::Duplicate { reason, existing });
    }
    tx.prepare_cached(
        "INSERT INTO articles (doc_id, content_hash, url, title, outlet, published, source, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        out.id,
        hash,
        out.url,
        out.title,
        out.outlet,
        out.published,
        source,
        out.text
    ])?;
    let article = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![article, out.title, out.text])?;
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO sentences (article, idx, start, end, headline) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, s) in out.sentences.iter().enumerate() {
            st.execute(params![article, i as i64, s.start, s.end, s.headline])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO actors (id, name, code, sector, kind) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET
               code = coalesce(actors.code, excluded.code),
               sector = coalesce(actors.sector, excluded.sector)",
        )?;
        let mut link = tx.prepare_cached(
            "INSERT OR IGNORE INTO article_actors (article, actor) VALUES (?1, ?2)",
        )?;
        for a in &out.actors {
            st.execute(params![a.id, a.name, a.code, a.sector, enum_str(&a.kind)])?;
            link.execute(params![article, a.id])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO entities (article, start, end, text, type, actor, rule)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for e in &out.entities {
            st.execute(params![
                article,
                e.start,
                e.end,
                e.text,
                enum_str(&e.etype),
                e.actor,
                e.rule
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO relations (article, type, head, tail, record) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for r in &out.relations {
            let record = serde_json::to_string(r).unwrap_or_default();
            st.execute(params![article, enum_str(&r.rtype), r.head, r.tail, record])?;
        }
    }
    let mut new_stories = 0;
    for ev in &out.events {
        if insert_event(tx, article, out, ev)? {
            new_stories += 1;
        }
    }
    Ok(Inserted::Added {
        article,
        events: out.events.len(),
        new_stories,
    })
}

/// Stores one event and assigns it to a story; true when the story is new.
fn insert_event(
    tx: &Transaction<'_>,
    article: i64,
    out: &Output,
    ev: &Event,
) -> Result<bool, rusqlite::Error> {
    let facts = stories::EventFacts::of(ev, out.published.as_deref());
    let (story, new) = stories::assign(tx, &facts)?;
    let record = serde_json::to_string(ev).unwrap_or_default();
    let date = ev.date.as_ref();
    let loc = ev.location.as_ref();
    tx.prepare_cached(
        "INSERT INTO events (event_id, article, story, type, mode, factuality, date_value, date_end,
            date_kind, first_day, last_day, place, country, lat, lon, geonameid, dead, injured,
            arrested, hostages, cameo, rule, confidence, sentence, start, end, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)
         ON CONFLICT(article, event_id) DO NOTHING",
    )?
    .execute(params![
        ev.id,
        article,
        story,
        facts.etype,
        ev.mode,
        facts.factuality,
        date.and_then(|d| d.value.clone()),
        date.and_then(|d| d.end.clone()),
        date.map(|d| enum_str(&d.kind)),
        facts.days.map(|d| d.0),
        facts.days.map(|d| d.1),
        loc.map(|l| l.name.clone()),
        loc.and_then(|l| l.country.clone()),
        loc.and_then(|l| l.lat),
        loc.and_then(|l| l.lon),
        loc.and_then(|l| l.geonameid.map(|g| g as i64)),
        ev.size.dead.map(|v| v as i64),
        ev.size.injured.map(|v| v as i64),
        ev.size.arrested.map(|v| v as i64),
        ev.size.hostages.map(|v| v as i64),
        ev.cameo,
        ev.rule,
        f64::from(ev.confidence),
        ev.evidence.sentence,
        ev.evidence.start,
        ev.evidence.end,
        record
    ])?;
    let event = tx.last_insert_rowid();
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_actors (event, role, idx, actor, key, text, code, sector, start, end, first_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (role, fillers) in [("source", &ev.source), ("recipient", &ev.recipient)] {
        for (i, r) in fillers.iter().enumerate() {
            st.execute(params![
                event,
                role,
                i as i64,
                r.actor,
                role_key(r),
                r.text,
                r.code,
                r.sector,
                r.start,
                r.end,
                facts.days.map(|d| d.0)
            ])?;
        }
    }
    Ok(new)
}

#[cfg(test)]
mod tests;
