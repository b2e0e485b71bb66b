//! Query speed on a large synthetic store.
//!
//! `cargo run --release -p sitrep-store --example query_bench -- /tmp/bench.db 1000000`
//!
//! Builds (once; reused when the file exists) a store of N synthetic events through the
//! normal insert path (stories included): 5 events per article, 5,000 actors drawn with a
//! skewed distribution, 16 types, dates over six years. Then times queries for one actor's
//! events (a frequent actor and a rare one), by actor and type, by actor and date range,
//! and the actor's profile; each is the median of 15 runs after one warm-up.

use std::path::PathBuf;
use std::time::Instant;

use sitrep_doc::{
    Actor, ActorKind, DateGranularity, DateKind, DateValue, Event, EventType, Evidence, Factuality,
    Output, OutputSentence, RoleFiller, Size, Span,
};
use sitrep_store::{EventQuery, Store};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Skewed: small ids are much more frequent.
    fn actor(&mut self) -> u64 {
        let u = (self.below(1_000_000) as f64 + 1.0) / 1_000_001.0;
        ((5000f64).powf(u) - 1.0) as u64
    }
}

fn filler(id: u64) -> RoleFiller {
    RoleFiller {
        actor: Some(format!("actor-{id}")),
        text: format!("Actor {id}"),
        start: 0,
        end: 8,
        code: Some(format!("C{:02}", id % 100)),
        sector: Some("PRM".into()),
        rule: "synthetic".into(),
    }
}

fn build(path: &std::path::Path, n_events: usize) -> Store {
    let mut store = Store::open(path).expect("store");
    let have = store.stats().expect("stats").events as usize;
    if have >= n_events {
        println!("reusing {} ({have} events)", path.display());
        return store;
    }
    let t = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ have as u64);
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let text = "Synthetic article: one actor did something to another.".to_string();
    let mut done = have;
    let mut article_no = have / 5;
    while done < n_events {
        let mut outs = Vec::with_capacity(1000);
        for _ in 0..1000 {
            article_no += 1;
            let day = start + chrono::Days::new(rng.below(6 * 365));
            let mut events = Vec::new();
            let mut actors = Vec::new();
            for k in 0..5 {
                let (a, b) = (rng.actor(), rng.actor());
                actors.extend([a, b]);
                let etype = EventType::ALL[rng.below(16) as usize];
                events.push(Event {
                    id: format!("s{article_no}:e{k}"),
                    etype,
                    mode: None,
                    context: vec![],
                    source: vec![filler(a)],
                    recipient: vec![filler(b)],
                    date: Some(DateValue {
                        value: Some(day.format("%Y-%m-%d").to_string()),
                        granularity: Some(DateGranularity::Day),
                        end: None,
                        kind: DateKind::Exact,
                        reason: None,
                        evidence: None,
                        rule: "synthetic".into(),
                    }),
                    location: None,
                    size: Size::default(),
                    counts: vec![],
                    factuality: Factuality::Asserted,
                    factuality_cue: None,
                    attribution: vec![],
                    evidence: Evidence {
                        sentence: 0,
                        start: 0,
                        end: text.len() as u32,
                        trigger: Span::new(0, 9),
                        mode: None,
                    },
                    cameo: None,
                    rule: "synthetic".into(),
                    confidence: 0.5,
                });
            }
            actors.sort_unstable();
            actors.dedup();
            outs.push(Output {
                id: format!("s{article_no}"),
                published: Some(day.format("%Y-%m-%d").to_string()),
                title: None,
                outlet: Some(format!("Outlet {}", rng.below(50))),
                url: None,
                text: format!("{text} #{article_no}"),
                sentences: vec![OutputSentence {
                    start: 0,
                    end: text.len() as u32,
                    headline: false,
                }],
                entities: vec![],
                actors: actors
                    .iter()
                    .map(|a| Actor {
                        id: format!("actor-{a}"),
                        name: format!("Actor {a}"),
                        code: Some(format!("C{:02}", a % 100)),
                        sector: Some("PRM".into()),
                        kind: ActorKind::Org,
                    })
                    .collect(),
                events,
                relations: vec![],
            });
        }
        let items: Vec<(&Output, &str)> = outs.iter().map(|o| (o, "synthetic")).collect();
        store.insert_batch(&items).expect("insert");
        done += 5000;
        if done.is_multiple_of(100_000) {
            println!("  {done} events, {:.0} s", t.elapsed().as_secs_f64());
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "built {} events in {secs:.1} s ({:.0} events/s, stories included)",
        done - have,
        (done - have) as f64 / secs
    );
    store
}

fn time(name: &str, mut f: impl FnMut() -> usize) {
    f();
    let mut v: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            let n = f();
            std::hint::black_box(n);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let rows = f();
    println!(
        "{name:<58} {rows:>7} rows  median {:>8.2} ms  max {:>8.2} ms",
        v[7], v[14]
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/sitrep-bench.db".into()));
    let n: usize = args.next().map_or(1_000_000, |s| s.parse().expect("N"));
    let store = build(&path, n);
    let st = store.stats().unwrap();
    println!(
        "store: {} articles, {} events, {} stories, {} actors",
        st.articles, st.events, st.stories, st.actors
    );
    let q = |actor: &str, limit: usize| EventQuery {
        actor: Some(actor.into()),
        limit,
        ..EventQuery::default()
    };
    for actor in ["actor-0", "actor-40", "actor-3000"] {
        time(&format!("events of {actor}, newest 100"), || {
            store.events(&q(actor, 100)).unwrap().len()
        });
    }
    time("events of actor-3000, all", || {
        store.events(&q("actor-3000", 0)).unwrap().len()
    });
    time("events of actor-40, type ASSAULT, all", || {
        let mut q = q("actor-40", 0);
        q.etype = Some("ASSAULT".into());
        store.events(&q).unwrap().len()
    });
    time("events of actor-40, 2023, all", || {
        let mut q = q("actor-40", 0);
        q.from = Some("2023".into());
        q.to = Some("2023".into());
        store.events(&q).unwrap().len()
    });
    time("profile of actor-40", || {
        store
            .actor_profile("actor-40")
            .unwrap()
            .map_or(0, |p| p.timeline.len())
    });
}
