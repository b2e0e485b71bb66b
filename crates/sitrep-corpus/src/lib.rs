//! Corpus ingest: from paths to a filled store.
//!
//! [`discover`] expands the paths given (files, directories walked recursively in name
//! order, `-` for standard input) into [`Input`]s with their formats. [`ingest`] then reads
//! them on one thread, codes documents on `jobs` worker threads and writes the results on
//! the calling thread in batches, each batch one transaction, in reading order whichever
//! worker finishes first (story assignment is online, so the same corpus always gives the
//! same stores). Channels between the threads are bounded, so memory stays flat however
//! large the corpus.
//!
//! Documents already in the store (same text or same URL) are skipped before coding, so a
//! rerun after an interruption (even `kill -9`) codes only what is missing, and re-ingesting
//! is idempotent. Documents that cannot be read or coded are counted, reported and recorded
//! in the store's `failures` table; the rest go on.
#![deny(missing_docs)]

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sitrep_doc::{Document, Output};
use sitrep_ingest::{IngestError, InputFormat, ReadOptions};
use sitrep_pipeline::Pipeline;
use sitrep_store::{content_hash, Inserted, Store, StoreError};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file, or `-` for standard input.
    pub path: PathBuf,
    /// How to read it.
    pub format: InputFormat,
    /// Its size in bytes, when known (for the ETA).
    pub bytes: Option<u64>,
}

/// A path [`discover`] did not turn into an input, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path.
    pub path: PathBuf,
    /// Why (`unsupported file type`, `No such file or directory`, ...).
    pub reason: String,
}

/// The formats a file name in a directory walk is read as; `None` skips the file.
fn format_of(path: &Path) -> Option<InputFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.starts_with('.') {
        return None;
    }
    let ext = name.rsplit('.').next().unwrap_or("");
    match ext {
        "txt" | "text" => Some(InputFormat::Text),
        _ => match InputFormat::from_path(path) {
            InputFormat::Text => None,
            f => Some(f),
        },
    }
}

/// Expands `paths` into inputs: a file is read in the format its name suggests (plain
/// text when nothing else fits), a directory is walked recursively and only files with a
/// known extension are taken, `-` is standard input in `stdin_format`.
pub fn discover(paths: &[PathBuf], stdin_format: InputFormat) -> (Vec<Input>, Vec<Skipped>) {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input {
                path: p.clone(),
                format: stdin_format,
                bytes: None,
            });
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut inputs, &mut skipped),
            Ok(m) => inputs.push(Input {
                path: p.clone(),
                format: InputFormat::from_path(p),
                bytes: Some(m.len()),
            }),
            Err(e) => skipped.push(Skipped {
                path: p.clone(),
                reason: io_reason(&e),
            }),
        }
    }
    (inputs, skipped)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            skipped.push(Skipped {
                path: dir.to_path_buf(),
                reason: io_reason(&e),
            });
            return;
        }
    };
    for p in entries {
        let Ok(m) = std::fs::metadata(&p) else {
            continue;
        };
        if m.is_dir() {
            walk(&p, inputs, skipped);
        } else if let Some(format) = format_of(&p) {
            inputs.push(Input {
                path: p,
                format,
                bytes: Some(m.len()),
            });
        } else {
            skipped.push(Skipped {
                path: p,
                reason: "unsupported file type".into(),
            });
        }
    }
}

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Worker threads that code documents (at least 1).
    pub jobs: usize,
    /// Articles per transaction.
    pub batch: usize,
    /// How to read inputs (size limit, default publication date).
    pub read: ReadOptions,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch: 512,
            read: ReadOptions::default(),
        }
    }
}

/// Where an ingest run stands; given to the progress callback.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    /// Documents written, skipped or failed so far.
    pub documents: u64,
    /// Bytes of article text handled so far.
    pub bytes: u64,
    /// Input bytes (file sizes) known in advance, for an ETA; 0 when unknown.
    pub total_bytes: u64,
    /// Input bytes of the files fully read so far.
    pub read_bytes: u64,
    /// Seconds since the start.
    pub elapsed: f64,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents coded and stored.
    pub coded: u64,
    /// Events stored.
    pub events: u64,
    /// Events that started a new story.
    pub new_stories: u64,
    /// Documents not coded, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Documents that failed, by error kind.
    pub failed: BTreeMap<String, u64>,
    /// The first failure messages (at most 20), each naming file, line or byte.
    pub messages: Vec<String>,
    /// Reading warnings (documents read and coded, but with something off, such as a
    /// wrong declared charset).
    pub warnings: u64,
    /// The first warnings (at most 20), each naming the input.
    pub warning_messages: Vec<String>,
    /// Bytes of article text coded.
    pub bytes: u64,
    /// Seconds.
    pub elapsed: f64,
}

impl Summary {
    /// Documents seen in all.
    pub fn documents(&self) -> u64 {
        self.coded + self.skipped.values().sum::<u64>() + self.failed.values().sum::<u64>()
    }

    fn fail(&mut self, kind: &str, message: String) {
        *self.failed.entry(kind.to_string()).or_default() += 1;
        if self.messages.len() < 20 {
            self.messages.push(message);
        }
    }

    fn warn(&mut self, messages: Vec<String>) {
        self.warnings += messages.len() as u64;
        let room = 20usize.saturating_sub(self.warning_messages.len());
        self.warning_messages
            .extend(messages.into_iter().take(room));
    }

    fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }
}

/// A message from the reader or a worker to the writer.
enum Item {
    /// A coded document, with its place in reading order.
    Coded {
        seq: u64,
        out: Box<Output>,
        source: String,
    },
    /// A document not coded.
    Skip(&'static str),
    /// A document that failed (`seq`: its place in reading order, if it was sent to a
    /// worker).
    Failed {
        seq: Option<u64>,
        source: String,
        id: String,
        kind: String,
        message: String,
    },
    /// A file was read to its end.
    FileDone(u64),
    /// Warnings about a document that was read.
    Warnings(Vec<String>),
}

impl Item {
    /// The place in reading order of a document a worker coded.
    fn seq(&self) -> Option<u64> {
        match self {
            Item::Coded { seq, .. } => Some(*seq),
            Item::Failed { seq, .. } => *seq,
            _ => None,
        }
    }
}

/// Puts items numbered `0, 1, 2 ...` that arrive in any order back in order. It holds only
/// the items that arrived before an earlier one: with bounded channels, at most the number
/// of documents in flight.
struct InOrder<T> {
    next: u64,
    waiting: BTreeMap<u64, T>,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        InOrder {
            next: 0,
            waiting: BTreeMap::new(),
        }
    }
}

impl<T> InOrder<T> {
    /// Takes item `seq`; appends to `ready` every item that is now next in order.
    fn push(&mut self, seq: u64, item: T, ready: &mut Vec<T>) {
        self.waiting.insert(seq, item);
        while let Some(item) = self.waiting.remove(&self.next) {
            ready.push(item);
            self.next += 1;
        }
    }

    /// The items still waiting (after a gap), in order.
    fn rest(self) -> impl Iterator<Item = T> {
        self.waiting.into_values()
    }
}

/// Ingests `inputs` into `store`/// Ingests `inputs` into `store`, coding with `pipeline`; calls `progress` about every
/// batch. Fails only when the store itself fails (locked, disk full): documents written
/// before then stay, complete, and a rerun continues where this one stopped.
pub fn ingest(
    store: &mut Store,
    pipeline: &Pipeline,
    inputs: &[Input],
    opts: &IngestOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary, StoreError> {
    let start = Instant::now();
    let jobs = opts.jobs.max(1);
    let batch = opts.batch.max(1);
    // a second connection for the reader's "already stored?" look-ups (WAL: it sees every
    // committed batch while the writer goes on)
    let lookup = Store::open_read_only(&store.path())?;
    let (work_tx, work_rx) = sync_channel::<(u64, Document, String)>(jobs * 4);
    let (done_tx, done_rx) = sync_channel::<Item>(jobs * 8 + batch);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let total_bytes: u64 = inputs.iter().filter_map(|i| i.bytes).sum();
    let mut summary = Summary::default();
    let mut result = Ok(());
    std::thread::scope(|s| {
        let reader_done = done_tx.clone();
        let read_opts = &opts.read;
        s.spawn(move || read_all(inputs, read_opts, &lookup, &work_tx, &reader_done));
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            s.spawn(move || code_all(pipeline, &rx, &tx));
        }
        drop(done_tx);
        result = write_all(
            store,
            &done_rx,
            batch,
            &mut summary,
            start,
            total_bytes,
            progress,
        );
        // on a store failure, drain so the other threads can finish
        for _ in done_rx.iter() {}
    });
    summary.elapsed = start.elapsed().as_secs_f64();
    result.map(|()| summary)
}

/// The reader: every document of every input, minus those already stored.
fn read_all(
    inputs: &[Input],
    opts: &ReadOptions,
    lookup: &Store,
    work: &std::sync::mpsc::SyncSender<(u64, Document, String)>,
    done: &std::sync::mpsc::SyncSender<Item>,
) {
    let mut seq = 0u64;
    // texts and URLs sent for coding in this run: a repeat is a duplicate within the input
    // whether or not its first copy has been committed yet (the store look-up alone would
    // say "already stored" or not depending on timing), and is not coded twice; kept as
    // 128-bit digests, so a run of millions of documents holds tens of MB at most
    let mut sent_texts: HashSet<u128> = HashSet::new();
    let mut sent_urls: HashSet<u128> = HashSet::new();
    for input in inputs {
        let name = input.path.display().to_string();
        for item in sitrep_ingest::open_path(&input.path, input.format, opts) {
            let msg = match item {
                Ok(doc) => {
                    if !doc.warnings().is_empty()
                        && done.send(Item::Warnings(doc.warnings().to_vec())).is_err()
                    {
                        return;
                    }
                    let hash = content_hash(doc.text());
                    let url = doc.meta.url.as_deref();
                    let text_key = digest128(&hash);
                    let url_key = url.map(|u| digest128(&content_hash(u)));
                    if sent_texts.contains(&text_key) {
                        Item::Skip("duplicate (same text)")
                    } else if url_key.is_some_and(|k| sent_urls.contains(&k)) {
                        Item::Skip("duplicate (same URL)")
                    } else {
                        match lookup.find_article(&hash, url) {
                            Ok(Some((_, "content"))) => Item::Skip("already stored (same text)"),
                            Ok(Some(_)) => Item::Skip("already stored (same URL)"),
                            // a failed look-up only costs the coding: the writer checks again
                            Ok(None) | Err(_) => {
                                sent_urls.extend(url_key);
                                sent_texts.insert(text_key);
                                let source = format!("{name}#{}", doc.id());
                                if work.send((seq, doc, source)).is_err() {
                                    return;
                                }
                                seq += 1;
                                continue;
                            }
                        }
                    }
                }
                Err(e) => failed(&name, &e),
            };
            if done.send(msg).is_err() {
                return;
            }
        }
        if done.send(Item::FileDone(input.bytes.unwrap_or(0))).is_err() {
            return;
        }
    }
}

/// The first 128 bits of a hex SHA-256 digest ([`content_hash`]).
fn digest128(hex: &str) -> u128 {
    hex.get(..32)
        .and_then(|h| u128::from_str_radix(h, 16).ok())
        .unwrap_or_default()
}

fn failed(source: &str, e: &IngestError) -> Item {
    Item::Failed {
        seq: None,
        source: source.to_string(),
        id: e.id(),
        kind: e.kind().to_string(),
        message: e.to_string(),
    }
}

/// A worker: codes documents until the reader is done.
fn code_all(
    pipeline: &Pipeline,
    rx: &Mutex<Receiver<(u64, Document, String)>>,
    tx: &std::sync::mpsc::SyncSender<Item>,
) {
    loop {
        let next = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok((seq, mut doc, source)) = next else {
            return;
        };
        let item = match pipeline.run(&mut doc) {
            Ok(()) => Item::Coded {
                seq,
                out: Box::new(doc.to_output()),
                source,
            },
            Err(e) => Item::Failed {
                seq: Some(seq),
                message: format!("{source}: {e}"),
                source,
                id: doc.id().to_string(),
                kind: "stage".into(),
            },
        };
        if tx.send(item).is_err() {
            return;
        }
    }
}

/// The writer: batches coded documents into transactions.
fn write_all(
    store: &mut Store,
    rx: &Receiver<Item>,
    batch: usize,
    summary: &mut Summary,
    start: Instant,
    total_bytes: u64,
    progress: &mut dyn FnMut(&Progress),
) -> Result<(), StoreError> {
    let mut pending: Vec<(Box<Output>, String)> = Vec::with_capacity(batch);
    let mut read_bytes = 0u64;
    let mut handled_bytes = 0u64;
    let mut last = Instant::now();
    let mut report = |summary: &Summary, read_bytes: u64, handled: u64| {
        progress(&Progress {
            documents: summary.documents(),
            bytes: handled,
            total_bytes,
            read_bytes,
            elapsed: start.elapsed().as_secs_f64(),
        })
    };
    // coded documents are stored in reading order whatever order the workers finish them
    // in, so that story assignment (online) and duplicate detection do not depend on timing
    let mut in_order: InOrder<Item> = InOrder::default();
    let mut ready: Vec<Item> = Vec::new();
    loop {
        let next = rx.recv_timeout(Duration::from_millis(500));
        let closed = matches!(next, Err(RecvTimeoutError::Disconnected));
        if let Ok(item) = next {
            match item.seq() {
                Some(seq) => in_order.push(seq, item, &mut ready),
                None => ready.push(item),
            }
        }
        if closed {
            // a worker that died leaves a gap: the rest is written all the same
            ready.extend(std::mem::take(&mut in_order).rest());
        }
        for item in ready.drain(..) {
            match item {
                Item::Coded { out, source, .. } => pending.push((out, source)),
                Item::Skip(reason) => summary.skip(reason),
                Item::Failed {
                    source,
                    id,
                    kind,
                    message,
                    ..
                } => {
                    store.record_failure(&source, &id, &kind, &message)?;
                    summary.fail(&kind, message);
                }
                Item::FileDone(bytes) => read_bytes += bytes,
                Item::Warnings(w) => summary.warn(w),
            }
        }
        if should_flush(&pending, batch, closed, last) && !pending.is_empty() {
            let items: Vec<(&Output, &str)> = pending
                .iter()
                .map(|(o, s)| (o.as_ref(), s.as_str()))
                .collect();
            let results = store.insert_batch(&items)?;
            for ((out, _), r) in pending.iter().zip(results) {
                match r {
                    Inserted::Added {
                        events,
                        new_stories,
                        ..
                    } => {
                        summary.coded += 1;
                        summary.events += events as u64;
                        summary.new_stories += new_stories as u64;
                        summary.bytes += out.text.len() as u64;
                    }
                    Inserted::Duplicate { reason, .. } => summary.skip(if reason == "url" {
                        "duplicate (same URL)"
                    } else {
                        "duplicate (same text)"
                    }),
                }
                handled_bytes += out.text.len() as u64;
            }
            pending.clear();
            last = Instant::now();
            report(summary, read_bytes, handled_bytes);
        }
        if closed {
            report(summary, read_bytes, handled_bytes);
            return Ok(());
        }
    }
}

/// Whether the pending batch should be written now: full, input finished, or a second old.
fn should_flush(
    pending: &[(Box<Output>, String)],
    batch: usize,
    closed: bool,
    last: Instant,
) -> bool {
    pending.len() >= batch || closed || last.elapsed() >= Duration::from_secs(1)
}

#[cfg(test)]
mod tests {
    use super::InOrder;

    #[test]
    fn in_order_releases_items_in_sequence() {
        let mut o = InOrder::default();
        let mut ready = Vec::new();
        o.push(2, "c", &mut ready);
        o.push(1, "b", &mut ready);
        assert!(ready.is_empty(), "0 has not come");
        o.push(0, "a", &mut ready);
        assert_eq!(ready, ["a", "b", "c"]);
        o.push(4, "e", &mut ready);
        o.push(5, "f", &mut ready);
        assert_eq!(ready.len(), 3, "3 is missing");
        // a gap that never fills (a worker died): the rest comes out in order
        assert_eq!(o.rest().collect::<Vec<_>>(), ["e", "f"]);
    }
}
