//! The store's schema and its migrations.
//!
//! The schema version is SQLite's `user_version`. [`migrate`] applies, in one transaction
//! each, every migration above the file's version, so a store written by an older sitrep
//! is upgraded in place and a store written by a newer one is refused.

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 2;

/// Migration `n` (1-based) brings a store from version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    url           TEXT UNIQUE,
    title         TEXT,
    outlet        TEXT,
    published     TEXT,
    source        TEXT NOT NULL,
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_doc_id ON articles(doc_id);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE sentences (
    article  INTEGER NOT NULL REFERENCES articles(id),
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    headline INTEGER NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE actors (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    code   TEXT,
    sector TEXT,
    kind   TEXT NOT NULL
);

CREATE TABLE article_actors (
    article INTEGER NOT NULL REFERENCES articles(id),
    actor   TEXT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (actor, article)
) WITHOUT ROWID;

CREATE TABLE entities (
    id      INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    type    TEXT NOT NULL,
    actor   TEXT,
    rule    TEXT NOT NULL
);
CREATE INDEX entities_article ON entities(article);
CREATE INDEX entities_actor ON entities(actor);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL,
    factuality  TEXT NOT NULL,
    first_day   INTEGER,
    last_day    INTEGER,
    country     TEXT,
    place       TEXT,
    n_reports   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_type_day ON stories(type, factuality, last_day);
CREATE INDEX stories_place ON stories(place, type, factuality, last_day);

-- the story's type, factuality and days are repeated here so that finding the stories an
-- event may join is one index range per actor key (see stories.rs)
CREATE TABLE story_actors (
    story      INTEGER NOT NULL REFERENCES stories(id),
    role       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    type       TEXT NOT NULL,
    factuality TEXT NOT NULL,
    first_day  INTEGER,
    last_day   INTEGER,
    PRIMARY KEY (story, role, actor)
) WITHOUT ROWID;
CREATE INDEX story_actors_lookup ON story_actors(actor, type, factuality, last_day);
CREATE INDEX story_actors_actor ON story_actors(actor);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    event_id       TEXT NOT NULL,
    article        INTEGER NOT NULL REFERENCES articles(id),
    story          INTEGER NOT NULL REFERENCES stories(id),
    type           TEXT NOT NULL,
    mode           TEXT,
    factuality     TEXT NOT NULL,
    date_value     TEXT,
    date_end       TEXT,
    date_kind      TEXT,
    first_day      INTEGER,
    last_day       INTEGER,
    place          TEXT,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    geonameid      INTEGER,
    dead           INTEGER,
    injured        INTEGER,
    arrested       INTEGER,
    hostages       INTEGER,
    cameo          TEXT,
    rule           TEXT NOT NULL,
    confidence     REAL NOT NULL,
    sentence       INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    record         TEXT NOT NULL,
    UNIQUE (article, event_id)
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_story ON events(story);
CREATE INDEX events_type_day ON events(type, first_day);
CREATE INDEX events_day ON events(first_day);

CREATE TABLE event_actors (
    event INTEGER NOT NULL REFERENCES events(id),
    role  TEXT NOT NULL,
    idx   INTEGER NOT NULL,
    actor TEXT,
    key   TEXT NOT NULL,
    text  TEXT NOT NULL,
    code  TEXT,
    sector TEXT,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    PRIMARY KEY (event, role, idx)
) WITHOUT ROWID;
CREATE INDEX event_actors_key ON event_actors(key, event);

CREATE TABLE relations (
    id      INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id),
    type    TEXT NOT NULL,
    head    TEXT NOT NULL,
    tail    TEXT,
    record  TEXT NOT NULL
);
CREATE INDEX relations_head ON relations(head);
CREATE INDEX relations_tail ON relations(tail);
CREATE INDEX relations_article ON relations(article);

CREATE TABLE failures (
    id      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    doc_id  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (source, doc_id, kind)
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id'
);
"#,
    // 2: an actor's events in date order straight from an index (newest-first queries over
    // an actor with many events no longer read every one of them).
    r#"
ALTER TABLE event_actors ADD COLUMN first_day INTEGER;
UPDATE event_actors SET first_day = (SELECT first_day FROM events WHERE id = event_actors.event);
CREATE INDEX event_actors_key_day ON event_actors(key, first_day, event);
"#,
];

/// Brings the store at `conn` to [`SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    // each step under the write lock, reading the version again inside it: two processes
    // opening a new store at once apply each migration once (the second waits, then sees
    // the first's work)
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_is_counted() {
        assert_eq!(MIGRATIONS.len() as i64, SCHEMA_VERSION);
    }
}
