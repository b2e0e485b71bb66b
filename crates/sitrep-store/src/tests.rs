use super::*;
use crate::export::ExportFormat;
use sitrep_doc::{
    Actor, ActorKind, DateGranularity, DateKind, DateValue, EventType, Evidence, Factuality,
    OutputSentence, Size, Span,
};

/// A resolved role filler: `usa` and `isr` are states, anything else an armed group.
fn filler(id: &str) -> RoleFiller {
    let state = matches!(id, "usa" | "isr");
    RoleFiller {
        actor: Some(id.to_string()),
        text: id.into(),
        start: 0,
        end: id.len() as u32,
        code: Some(if state {
            id.to_uppercase()
        } else {
            "IRQ".into()
        }),
        sector: Some(if state { "GOV" } else { "PRM" }.into()),
        rule: "test".into(),
    }
}

fn event(id: &str, etype: EventType, src: &[&str], rcp: &[&str], date: &str) -> Event {
    Event {
        id: id.into(),
        etype,
        mode: None,
        context: vec![],
        source: src.iter().map(|s| filler(s)).collect(),
        recipient: rcp.iter().map(|s| filler(s)).collect(),
        date: Some(DateValue {
            value: Some(date.into()),
            granularity: Some(DateGranularity::Day),
            end: None,
            kind: DateKind::Exact,
            reason: None,
            evidence: None,
            rule: "test".into(),
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
            end: 12,
            trigger: Span::new(0, 4),
            mode: None,
        },
        cameo: None,
        rule: "test".into(),
        confidence: 0.8,
    }
}

fn article(id: &str, text: &str, outlet: &str, events: Vec<Event>) -> Output {
    let actors = events
        .iter()
        .flat_map(|e| e.source.iter().chain(&e.recipient))
        .filter_map(|r| r.actor.clone())
        .map(|a| {
            (
                a.clone(),
                Actor {
                    id: a.clone(),
                    name: a.to_uppercase(),
                    code: None,
                    sector: None,
                    kind: ActorKind::Org,
                },
            )
        })
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    Output {
        id: id.into(),
        published: Some("2025-04-08".into()),
        title: Some(format!("Title of {id}")),
        outlet: Some(outlet.into()),
        url: Some(format!("https://news.example/{id}")),
        text: text.into(),
        sentences: vec![OutputSentence {
            start: 0,
            end: text.len() as u32,
            headline: false,
        }],
        entities: vec![],
        actors,
        events,
        relations: vec![],
    }
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    (dir, store)
}

#[test]
fn reingesting_the_same_article_is_a_no_op() {
    let (_d, mut store) = temp_store();
    let a = article(
        "a",
        "Gunmen attacked a convoy near the border on Monday.",
        "Wire",
        vec![event(
            "a:e1",
            EventType::Assault,
            &["gunmen"],
            &["convoy"],
            "2025-04-07",
        )],
    );
    let first = store.insert(&a, "a.txt").unwrap();
    assert!(matches!(
        first,
        Inserted::Added {
            events: 1,
            new_stories: 1,
            ..
        }
    ));
    let again = store.insert(&a, "a.txt").unwrap();
    assert_eq!(
        again,
        Inserted::Duplicate {
            reason: "content",
            existing: 1
        }
    );
    // same URL, edited text: still the same article
    let mut edited = a.clone();
    edited.text.push_str(" Updated.");
    assert!(matches!(
        store.insert(&edited, "a2.txt").unwrap(),
        Inserted::Duplicate { reason: "url", .. }
    ));
    let s = store.stats().unwrap();
    assert_eq!((s.articles, s.events, s.stories), (1, 1, 1));
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn reports_of_one_event_from_several_outlets_make_one_story() {
    let (_d, mut store) = temp_store();
    let strike = |id: &str, outlet: &str, date: &str, dead: Option<u64>| {
        let mut e = event(
            &format!("{id}:e1"),
            EventType::Assault,
            &["usa"],
            &["kataib-hezbollah"],
            date,
        );
        e.size.dead = dead;
        article(
            id,
            &format!("{id}: US strikes hit the group."),
            outlet,
            vec![e],
        )
    };
    let a = strike("a", "Reuters", "2025-04-07", Some(3));
    let b = strike("b", "AP", "2025-04-07", Some(4));
    let c = strike("c", "AFP", "2025-04-08", None);
    // a different event: the same actors a month later
    let d = strike("d", "AFP", "2025-05-20", None);
    // not the same: another attacker on the same day
    let e = article(
        "e",
        "e: Israeli jets struck the group.",
        "AP",
        vec![event(
            "e:e1",
            EventType::Assault,
            &["isr"],
            &["kataib-hezbollah"],
            "2025-04-07",
        )],
    );
    let outs = [a, b, c, d, e];
    let items: Vec<(&Output, &str)> = outs.iter().map(|o| (o, "mem")).collect();
    let res = store.insert_batch(&items).unwrap();
    let new: usize = res
        .iter()
        .map(|r| match r {
            Inserted::Added { new_stories, .. } => *new_stories,
            _ => 0,
        })
        .sum();
    assert_eq!(new, 3);
    let stories = store.stories(None, 1, 0).unwrap();
    assert_eq!(stories.len(), 3);
    let top = &stories[0];
    assert_eq!((top.reports, top.articles, top.outlets), (3, 3, 3));
    assert_eq!(top.outlet_names, ["AFP", "AP", "Reuters"]);
    assert_eq!(top.dead_counts, [3, 4], "the reports disagree on the dead");
    assert_eq!(top.first_date.as_deref(), Some("2025-04-07"));
    assert_eq!(top.last_date.as_deref(), Some("2025-04-08"));
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn queries_filter_by_actor_type_date_and_factuality() {
    let (_d, mut store) = temp_store();
    let mut threat = event(
        "b:e2",
        EventType::Assault,
        &["usa"],
        &["houthis"],
        "2025-04-09",
    );
    threat.factuality = Factuality::Threatened;
    let outs = [
        article(
            "a",
            "a text",
            "Wire",
            vec![event(
                "a:e1",
                EventType::Assault,
                &["usa"],
                &["houthis"],
                "2025-03-15",
            )],
        ),
        article(
            "b",
            "b text",
            "Wire",
            vec![
                event(
                    "b:e1",
                    EventType::Reject,
                    &["kataib-hezbollah"],
                    &[],
                    "2025-04-07",
                ),
                threat,
            ],
        ),
    ];
    for o in &outs {
        store.insert(o, "mem").unwrap();
    }
    let q = |f: &dyn Fn(&mut EventQuery)| {
        let mut q = EventQuery::default();
        f(&mut q);
        store
            .events(&q)
            .unwrap()
            .into_iter()
            .map(|e| e.event_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(q(&|_| {}), ["b:e2", "b:e1", "a:e1"]);
    assert_eq!(q(&|q| q.actor = Some("usa".into())), ["b:e2", "a:e1"]);
    // by stored name, any case
    assert_eq!(q(&|q| q.actor = Some("Houthis".into())), ["b:e2", "a:e1"]);
    assert_eq!(q(&|q| q.etype = Some("reject".into())), ["b:e1"]);
    assert_eq!(q(&|q| q.from = Some("2025-04".into())), ["b:e2", "b:e1"]);
    assert_eq!(q(&|q| q.to = Some("2025-03".into())), ["a:e1"]);
    assert_eq!(q(&|q| q.factuality = Some("threatened".into())), ["b:e2"]);
    let bad = EventQuery {
        from: Some("yesterday".into()),
        ..EventQuery::default()
    };
    assert!(matches!(store.events(&bad), Err(StoreError::BadQuery(_))));
    let rows = store.events(&EventQuery::default()).unwrap();
    assert_eq!(rows[2].source[0].actor.as_deref(), Some("usa"));
    assert_eq!(rows[2].recipient[0].text, "houthis");
}

#[test]
fn full_text_search_finds_words_and_reports_bad_syntax() {
    let (_d, mut store) = temp_store();
    store
        .insert(
            &article(
                "a",
                "Militias agreed to disarm under pressure.",
                "Wire",
                vec![],
            ),
            "mem",
        )
        .unwrap();
    store
        .insert(
            &article("b", "Talks on the ceasefire stalled.", "Wire", vec![]),
            "mem",
        )
        .unwrap();
    let hits = store.search("disarm", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc_id, "a");
    assert!(hits[0].snippet.contains("[disarm]"), "{}", hits[0].snippet);
    assert_eq!(store.search("ceasefire OR disarm", 10).unwrap().len(), 2);
    let err = store.search("\"unclosed", 10).unwrap_err();
    assert!(matches!(err, StoreError::BadQuery(_)), "{err:?}");
}

#[test]
fn exports_round_trip_the_contract_and_flatten_events() {
    let (_d, mut store) = temp_store();
    let text = "The US, Iraq said, struck \"targets\".";
    let mut e = event(
        "a:e1",
        EventType::Assault,
        &["usa"],
        &["houthis"],
        "2025-04-07",
    );
    e.evidence.end = text.len() as u32;
    let a = article("a", text, "Wire", vec![e]);
    store.insert(&a, "mem").unwrap();
    let mut buf = Vec::new();
    let n = store
        .export(ExportFormat::Jsonl, &EventQuery::default(), &mut buf, "out")
        .unwrap();
    assert_eq!(n, 1);
    let back: Output = serde_json::from_slice(&buf).unwrap();
    assert_eq!(back, a);

    let mut buf = Vec::new();
    store
        .export(ExportFormat::Csv, &EventQuery::default(), &mut buf, "out")
        .unwrap();
    let csv = String::from_utf8(buf).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].split(',').count(), export::CSV_COLUMNS.len());
    assert!(lines[1].contains("\"The US, Iraq said, struck \"\"targets\"\".\""));

    let mut buf = Vec::new();
    store
        .export(
            ExportFormat::Plover,
            &EventQuery::default(),
            &mut buf,
            "out",
        )
        .unwrap();
    let rec: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(rec["event_type"], "ASSAULT");
    assert_eq!(rec["actor_id"], "usa");
    assert_eq!(rec["recipient_id"], "houthis");
    assert_eq!(rec["event_date"], "2025-04-07");
    assert_eq!(rec["source_outlet"], "Wire");
}

#[test]
fn parquet_export_reads_back_with_its_types() {
    use arrow_array::{Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let (dir, mut store) = temp_store();
    let mut e = event(
        "a:e1",
        EventType::Assault,
        &["usa"],
        &["houthis"],
        "2025-04-07",
    );
    e.size.dead = Some(4);
    let f = event("a:e2", EventType::Reject, &["houthis"], &[], "2025-04-08");
    store
        .insert(
            &article("a", "Strikes hit; the group refused.", "Wire", vec![e, f]),
            "mem",
        )
        .unwrap();
    let path = dir.path().join("events.parquet");
    let mut file = std::fs::File::create(&path).unwrap();
    let n = store
        .export(
            ExportFormat::Parquet,
            &EventQuery::default(),
            &mut file,
            "events.parquet",
        )
        .unwrap();
    assert_eq!(n, 2);
    drop(file);
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(|b| b.unwrap()).collect();
    let b = &batches[0];
    assert_eq!(b.num_rows(), 2);
    let types = b
        .column_by_name("type")
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    assert_eq!(types.value(0), "ASSAULT");
    let dead = b
        .column_by_name("dead")
        .unwrap()
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap();
    assert_eq!(dead.value(0), 4);
    assert!(dead.is_null(1));
}

#[test]
fn a_batch_is_all_or_nothing_when_the_store_refuses_it() {
    let (dir, mut store) = temp_store();
    let a = article("a", "one", "Wire", vec![]);
    store.insert(&a, "mem").unwrap();
    // a second connection holds the write lock: the batch fails whole, clearly
    let other = Connection::open(dir.path().join("t.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    store.conn.busy_timeout(Duration::from_millis(50)).unwrap();
    let b = article("b", "two", "Wire", vec![]);
    let c = article("c", "three", "Wire", vec![]);
    let err = store.insert_batch(&[(&b, "mem"), (&c, "mem")]).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("t.db"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.stats().unwrap().articles, 1);
    store.insert_batch(&[(&b, "mem"), (&c, "mem")]).unwrap();
    assert_eq!(store.stats().unwrap().articles, 3);
}

#[test]
fn check_finds_a_partial_article() {
    let (_dir, mut store) = temp_store();
    let ev = event(
        "a:e1",
        EventType::Assault,
        &["isis"],
        &["usa"],
        "2025-04-07",
    );
    store
        .insert(
            &article("a", "Militants attacked.", "Wire", vec![ev]),
            "mem",
        )
        .unwrap();
    store
        .insert(&article("b", "Troops withdrew.", "Wire", vec![]), "mem")
        .unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    // what a writer that did not use one transaction per article could leave behind
    store
        .conn
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             DELETE FROM sentences WHERE article = (SELECT id FROM articles WHERE doc_id = 'a');
             DELETE FROM articles WHERE doc_id = 'b';",
        )
        .unwrap();
    let problems = store.check().unwrap();
    for want in [
        "1 articles with text but no sentences",
        "1 events whose evidence sentence is not stored",
        "1 sentences, entities, relations or actor links of a missing article",
    ] {
        assert!(
            problems.iter().any(|p| p == want),
            "{want} not in {problems:?}"
        );
    }
}

#[test]
fn a_full_disk_fails_the_batch_whole_and_leaves_the_store_consistent() {
    let (_dir, mut store) = temp_store();
    store
        .insert(&article("a", "one", "Wire", vec![]), "mem")
        .unwrap();
    let cap = store.pages().unwrap();
    assert_eq!(store.set_max_pages(cap).unwrap(), cap);
    // a batch far larger than the room left
    let big: Vec<Output> = (0..50)
        .map(|i| {
            let ev = event(
                &format!("b{i}:e1"),
                EventType::Assault,
                &["isis"],
                &["usa"],
                "2025-04-07",
            );
            article(
                &format!("b{i}"),
                &format!("{i} {}", "words ".repeat(400)),
                "Wire",
                vec![ev],
            )
        })
        .collect();
    let items: Vec<(&Output, &str)> = big.iter().map(|o| (o, "mem")).collect();
    let err = store.insert_batch(&items).unwrap_err();
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err}");
    assert!(err.to_string().contains("t.db"), "{err}");
    assert_eq!(store.stats().unwrap().articles, 1);
    assert_eq!(store.stats().unwrap().events, 0);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    // room again: the same batch goes in whole
    store.set_max_pages(1 << 30).unwrap();
    store.insert_batch(&items).unwrap();
    assert_eq!(store.stats().unwrap().articles, 51);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn files_that_are_not_stores_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.db");
    std::fs::write(&p, b"this is not a database, just some words in a file").unwrap();
    let err = Store::open(&p).err().expect("refused");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    assert!(
        err.to_string().starts_with(&p.display().to_string()),
        "{err}"
    );
    let err = Store::open_read_only(&dir.path().join("missing.db"))
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    // a newer schema
    let p = dir.path().join("new.db");
    let c = Connection::open(&p).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    let err = Store::open(&p).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
}

#[test]
fn stance_counts_stories_and_outlets_per_actor() {
    let (_d, mut store) = temp_store();
    let agree = |id: &str, outlet: &str| {
        let mut e = event(
            &format!("{id}:e1"),
            EventType::Agree,
            &["nujaba"],
            &[],
            "2025-04-07",
        );
        e.evidence.end = 30;
        article(
            id,
            &format!("{id}: Nujaba agreed to disarm now."),
            outlet,
            vec![e],
        )
    };
    let reject = {
        let mut e = event("c:e1", EventType::Reject, &["kataib"], &[], "2025-04-07");
        e.evidence.end = 30;
        article("c", "c: Kataib rejected disarmament.", "AP", vec![e])
    };
    for o in [agree("a", "Reuters"), agree("b", "AP"), reject] {
        store.insert(&o, "mem").unwrap();
    }
    let rows = store.stance("disarm", &[]).unwrap();
    assert_eq!(rows.len(), 2);
    let nujaba = rows.iter().find(|r| r.actor == "nujaba").unwrap();
    assert_eq!((nujaba.stories, nujaba.outlets, nujaba.reports), (1, 2, 2));
    assert_eq!(nujaba.month, "2025-04");
    assert!(store.stance("ceasefire", &[]).unwrap().is_empty());
    let profile = store.actor_profile("nujaba").unwrap().unwrap();
    assert_eq!(profile.articles, 2);
    assert_eq!(
        profile.timeline,
        [(
            "2025-04".to_string(),
            "source".to_string(),
            "AGREE".to_string(),
            1,
            2
        )]
    );
    assert!(store.actor_profile("nobody").unwrap().is_none());
}

#[test]
fn writers_opening_a_new_store_at_the_same_moment_all_get_it() {
    // switching a new file to WAL needs an exclusive lock, which SQLite refuses at once
    // (without waiting) while another connection holds any lock on it: without a retry, one
    // of two `sitrep ingest` runs started at the same moment on a new store failed with
    // "locked" about one time in three
    let dir = tempfile::tempdir().unwrap();
    for round in 0..40 {
        let path = dir.path().join(format!("s{round}.db"));
        let start = std::sync::Barrier::new(3);
        let results: Vec<Result<(), String>> = std::thread::scope(|s| {
            let open = || {
                start.wait();
                Store::open(&path).map(drop).map_err(|e| e.to_string())
            };
            let handles = [s.spawn(open), s.spawn(open), s.spawn(open)];
            handles.map(|h| h.join().unwrap()).into()
        });
        for r in results {
            assert!(r.is_ok(), "round {round}: {r:?}");
        }
        assert_eq!(Store::open(&path).unwrap().stats().unwrap().articles, 0);
    }
}
