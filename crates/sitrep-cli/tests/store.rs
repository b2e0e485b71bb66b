//! The store's guarantees when things go wrong, through the `sitrep` binary (issue 6).
//!
//! - crash: `kill -9` at several points of an ingest, then a rerun, leaves exactly the store
//!   one clean run makes (every article once, whole, with all its events)
//! - lock: two ingests into one store at once both finish, each article stored once; a store
//!   locked past the busy timeout is a clear error naming it, and nothing is written
//! - full disk (simulated with the hidden `ingest --max-pages`, SQLite's `max_page_count`):
//!   ingest stops with a clear error, what it stored is complete, a rerun finishes the job

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use sitrep_store::export::ExportFormat;
use sitrep_store::{EventQuery, Stats, Store};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Distinct articles in the generated corpus.
const UNIQUE: usize = 240;
/// Lines repeated word for word at the end of the corpus (same id, same text).
const REPEATS: usize = 20;

/// `n` JSON Lines records of short, varied news sentences with events, ids `{prefix}-0` on;
/// no two texts are the same (each names its number).
fn corpus_lines(prefix: &str, n: usize, mut seed: u64) -> Vec<String> {
    const WHO: &[&str] = &[
        "Rebels",
        "Police",
        "Troops",
        "Protesters",
        "Militants",
        "Soldiers",
        "Gunmen",
        "Government forces",
    ];
    const DID: &[&str] = &["attacked", "shelled", "raided", "stormed"];
    const WHAT: &[&str] = &[
        "a police post",
        "a military convoy",
        "an army base",
        "a checkpoint",
        "a government office",
        "a village",
    ];
    const WHERE: &[&str] = &[
        "Kabul",
        "Mosul",
        "Aleppo",
        "Goma",
        "Mogadishu",
        "Kandahar",
        "Benghazi",
        "Juba",
        "Sanaa",
        "Gao",
    ];
    const WHEN: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    // a small linear congruential generator: varied, and the same corpus every run
    let mut pick = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    (0..n)
        .map(|i| {
            let body = format!(
                "{} {} {} in {} on {}, killing {} people. Officials said {} people were arrested \
                 in case {prefix}-{i}.",
                WHO[pick(WHO.len())],
                DID[pick(DID.len())],
                WHAT[pick(WHAT.len())],
                WHERE[pick(WHERE.len())],
                WHEN[pick(WHEN.len())],
                2 + pick(40),
                3 + pick(60),
            );
            serde_json::json!({
                "id": format!("{prefix}-{i}"),
                "title": format!("Report {i}"),
                "published": format!("2025-03-{:02}", 1 + i % 28),
                "text": body,
            })
            .to_string()
        })
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) -> PathBuf {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
    path.to_path_buf()
}

/// The crash corpus: `UNIQUE` distinct articles, then `REPEATS` of them again.
fn write_corpus(dir: &Path) -> PathBuf {
    let mut lines = corpus_lines("art", UNIQUE, 0x5eed);
    for i in 0..REPEATS {
        lines.push(lines[i * 7].clone());
    }
    write_lines(&dir.join("corpus.jsonl"), &lines)
}

fn ingest(corpus: &Path, db: &Path, batch: usize) -> Command {
    let mut c = sitrep();
    c.arg("ingest").arg(corpus).arg("--db").arg(db).args([
        "--quiet",
        "--batch",
        &batch.to_string(),
    ]);
    c
}

/// Articles stored so far, when the file is already a store.
fn stored(db: &Path) -> Option<u64> {
    Some(Store::open_read_only(db).ok()?.stats().ok()?.articles)
}

fn stats(db: &Path) -> Stats {
    Store::open_read_only(db).unwrap().stats().unwrap()
}

fn db_check(db: &Path) -> Output {
    sitrep()
        .args(["db-check", "--db"])
        .arg(db)
        .output()
        .unwrap()
}

/// Every article of the store in the output contract, one JSON line each, sorted.
fn articles(db: &Path) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let mut buf = Vec::new();
    store
        .export(ExportFormat::Jsonl, &EventQuery::default(), &mut buf, "mem")
        .unwrap();
    let mut lines: Vec<String> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// When a round kills the ingest.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    /// As soon as it is started (before the store exists, or while it is created).
    Start,
    /// Once the store file exists (while the pipeline loads).
    StoreExists,
    /// Once this many articles are committed.
    Articles(u64),
}

/// Waits for `at` (or for the child to finish), waits `extra` more, then sends SIGKILL.
/// True when the child was still running when killed.
fn kill_at(child: &mut Child, db: &Path, at: KillAt, extra: Duration) -> bool {
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let reached = match at {
            KillAt::Start => true,
            KillAt::StoreExists => db.exists(),
            KillAt::Articles(n) => stored(db).is_some_and(|a| a >= n),
        };
        if reached {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(extra);
    // `Child::kill` is SIGKILL on Unix; it fails only when the child has exited already
    let killed = child.kill().is_ok();
    let status = child.wait().unwrap();
    killed && !status.success()
}

#[test]
fn kill_9_during_ingest_then_rerun_gives_the_clean_store() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let clean = dir.path().join("clean.db");
    let o = ingest(&corpus, &clean, 64).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let want = stats(&clean);
    assert_eq!(want.articles, UNIQUE as u64, "{}", text(&o));
    assert!(
        want.events >= UNIQUE as u64,
        "the corpus has events: {want:?}"
    );

    let db = dir.path().join("crashed.db");
    // small batches: many commits, so a kill lands between and inside transactions
    let rounds = [
        (KillAt::Start, 0),
        (KillAt::StoreExists, 0),
        (KillAt::StoreExists, 300),
        (KillAt::Articles(8), 0),
        (KillAt::Articles(40), 5),
        (KillAt::Articles(90), 11),
        (KillAt::Articles(150), 3),
        (KillAt::Articles(200), 17),
    ];
    let mut interrupted = Vec::new();
    for (at, extra) in rounds {
        let mut child = ingest(&corpus, &db, 8)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let killed = kill_at(&mut child, &db, at, Duration::from_millis(extra));
        // whatever the moment, what is on disk is a consistent store (or not yet a store)
        let n = stored(&db);
        if n.is_some() {
            let check = db_check(&db);
            assert!(
                check.status.success() && text(&check).contains("\nok"),
                "after a kill at {at:?}: {}",
                text(&check)
            );
        }
        eprintln!("kill at {at:?} + {extra} ms: killed {killed}, {n:?} articles stored");
        if killed && n.is_some_and(|n| n > 0 && n < UNIQUE as u64) {
            interrupted.push(n.unwrap_or(0));
        }
    }
    // the test is worth something only if some kills really cut a run short
    assert!(
        interrupted.len() >= 3,
        "only {} kills interrupted an ingest with some articles stored: {interrupted:?}",
        interrupted.len()
    );

    let o = ingest(&corpus, &db, 64).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let check = db_check(&db);
    assert!(check.status.success(), "{}", text(&check));
    let got = stats(&db);
    assert_eq!(
        got.articles, UNIQUE as u64,
        "one article per distinct document"
    );
    assert_eq!(got.events, want.events, "no event lost or stored twice");
    assert_eq!(got.failures, 0, "a kill is not a document failure");
    // every article whole, once, with the events a clean run gives it
    let (got, want) = (articles(&db), articles(&clean));
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
}

/// A failed ingest must be a lock error that names the store, and nothing else.
fn assert_locked_error(o: &Output, db: &Path) {
    let t = text(o);
    assert!(
        t.contains(&db.display().to_string()) && t.contains("locked by another process"),
        "a failed concurrent ingest must say the store is locked and name it: {t}"
    );
}

#[test]
fn two_ingests_into_one_store_at_once_store_everything_once() {
    let dir = tempfile::tempdir().unwrap();
    // 100 articles each, 30 of them in both files (same id and text)
    let shared = corpus_lines("both", 30, 7);
    let mut a = corpus_lines("a", 70, 1);
    let mut b = corpus_lines("b", 70, 2);
    for (i, l) in shared.iter().enumerate() {
        a.insert(i * 2, l.clone());
        b.insert(b.len() - i, l.clone());
    }
    let a = write_lines(&dir.path().join("a.jsonl"), &a);
    let b = write_lines(&dir.path().join("b.jsonl"), &b);
    let db = dir.path().join("shared.db");
    // small batches: the two writers take the lock many times each
    let spawn = |p: &Path| {
        ingest(p, &db, 4)
            .args(["--jobs", "1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (ca, cb) = (spawn(&a), spawn(&b));
    let outs = [
        ca.wait_with_output().unwrap(),
        cb.wait_with_output().unwrap(),
    ];
    // each writer holds the lock only while it writes a batch (milliseconds) and waits up
    // to the busy timeout (5 s) for it: both finish. (A deferred transaction would fail at
    // once, without waiting, when the other writer committed after its look-ups.)
    for o in &outs {
        assert!(o.status.success(), "{}", text(o));
    }
    let check = db_check(&db);
    assert!(check.status.success(), "{}", text(&check));
    let got = stats(&db);
    assert_eq!(got.articles, 170, "every distinct article once");
    assert_eq!(got.failures, 0);
    // the same articles, whole, as one ingest of both files gives
    let clean = dir.path().join("clean.db");
    let mut c = sitrep();
    let o = c
        .arg("ingest")
        .args([&a, &b])
        .arg("--db")
        .arg(&clean)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(stats(&clean).events, got.events);
    assert_eq!(articles(&db), articles(&clean));
}

#[test]
fn an_ingest_into_a_store_locked_too_long_fails_clearly_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("locked.db");
    drop(Store::open(&db).unwrap());
    let input = write_lines(&dir.path().join("in.jsonl"), &corpus_lines("l", 5, 3));
    // another process's writer holds the lock past the busy timeout (5 s)
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let o = ingest(&input, &db, 64).output().unwrap();
    assert!(!o.status.success());
    assert_locked_error(&o, &db);
    assert!(
        text(&o).contains("run the same command again"),
        "the error says how to go on: {}",
        text(&o)
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert_eq!(stats(&db).articles, 0);
    let check = db_check(&db);
    assert!(check.status.success(), "{}", text(&check));
    let o = ingest(&input, &db, 64).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(stats(&db).articles, 5);
}

#[test]
fn ingest_on_a_full_disk_stops_clearly_and_keeps_a_consistent_store() {
    let dir = tempfile::tempdir().unwrap();
    let n = 120;
    let input = write_lines(&dir.path().join("in.jsonl"), &corpus_lines("f", n, 11));
    let db = dir.path().join("full.db");
    // room for a few batches of 8, not for 120 articles
    let o = ingest(&input, &db, 8)
        .args(["--max-pages", "12"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains(&db.display().to_string()) && t.contains("disk full"),
        "the error says the disk is full and names the store: {t}"
    );
    assert!(t.contains("run the same command again"), "{t}");
    let check = db_check(&db);
    assert!(check.status.success(), "{}", text(&check));
    let kept = stats(&db).articles;
    assert!(
        kept > 0 && kept < n as u64,
        "stopped part way, batches before complete: {kept} of {n}"
    );
    // with room again, a rerun stores the rest, each article once
    let o = ingest(&input, &db, 64).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains(&format!("{kept} skipped")),
        "the rerun skips what was kept: {}",
        text(&o)
    );
    let check = db_check(&db);
    assert!(check.status.success(), "{}", text(&check));
    assert_eq!(stats(&db).articles, n as u64);
}
