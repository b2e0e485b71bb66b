//! The store's guarantees when things go wrong, through the `sitrep` binary (issue 6).
//!
//! - crash: `kill -9` at several points of an ingest, then a rerun, leaves exactly the store
//!   one clean run makes (every article once, whole, with all its events)

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

/// A JSON Lines corpus of short, varied news sentences with events: `UNIQUE` distinct
/// articles, then `REPEATS` of them again.
fn write_corpus(dir: &Path) -> PathBuf {
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
    let mut seed: u64 = 0x5eed;
    let mut pick = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut lines = Vec::new();
    for i in 0..UNIQUE {
        let body = format!(
            "{} {} {} in {} on {}, killing {} people. Officials said {} people were arrested.",
            WHO[pick(WHO.len())],
            DID[pick(DID.len())],
            WHAT[pick(WHAT.len())],
            WHERE[pick(WHERE.len())],
            WHEN[pick(WHEN.len())],
            2 + pick(40),
            // unique per article, so that no two texts are the same
            3 + i,
        );
        let rec = serde_json::json!({
            "id": format!("art-{i}"),
            "title": format!("Report {i}"),
            "published": format!("2025-03-{:02}", 1 + i % 28),
            "text": body,
        });
        lines.push(rec.to_string());
    }
    for i in 0..REPEATS {
        lines.push(lines[i * 7].clone());
    }
    let p = dir.join("corpus.jsonl");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p
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
