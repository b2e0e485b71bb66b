use std::path::Path;

use sitrep_doc::{
    Actor, ActorKind, Attribution, DateGranularity, DateKind, DateValue, Event, EventType,
    Evidence, Factuality, Location, Output, Relation, RelationType, RoleFiller, Size, Span,
};

use crate::text::{sentence_of, sentences};
use crate::{parse_gold_str, score, GoldDoc, Report};

const TEXT: &str = "Rebels attacked the town on Monday. The army said it would strike the rebels. \
Police arrested 5 protesters in Lagos.\nSubscribe today for news.";

fn gold(events: &str) -> Vec<GoldDoc> {
    gold_with(events, "[]")
}

fn gold_with(events: &str, relations: &str) -> Vec<GoldDoc> {
    let line = format!(
        r#"{{"id": "d", "text": {text:?}, "actors": [
        {{"key": "reb", "names": ["rebels", "the rebels"]}},
        {{"key": "army", "names": ["the army", "army"]}},
        {{"key": "kh", "names": ["Kata'ib Hezbollah", "KH"]}},
        {{"key": "us", "names": ["US", "United States"]}},
        {{"key": "town", "names": ["the town"]}},
        {{"key": "reuters", "names": ["Reuters", "the newswire"]}},
        {{"key": "pm", "names": ["Jane Doe"]}}],
        "events": {events}, "relations": {relations},
        "no_events_from": ["Subscribe today"]}}"#,
        text = TEXT
    );
    parse_gold_str(&line.replace('\n', " "), true, Path::new("test.jsonl")).unwrap()
}

fn filler(text: &str, actor: Option<&str>) -> RoleFiller {
    RoleFiller {
        actor: actor.map(str::to_string),
        text: text.to_string(),
        start: 0,
        end: 0,
        code: None,
        sector: None,
        rule: "test".into(),
    }
}

fn ev(etype: EventType, src: &[&str], rcp: &[&str], words: &str) -> Event {
    let pos = TEXT.find(words).expect("words in text");
    let trigger = Span::new(pos, pos + words.len());
    let sent = sentence_of(&sentences(TEXT), trigger);
    Event {
        id: format!("d:e{pos}{etype}"),
        etype,
        mode: None,
        context: vec![],
        source: src.iter().map(|t| filler(t, None)).collect(),
        recipient: rcp.iter().map(|t| filler(t, None)).collect(),
        date: None,
        location: None,
        size: Size::default(),
        counts: vec![],
        factuality: Factuality::Asserted,
        factuality_cue: None,
        attribution: vec![],
        evidence: Evidence {
            sentence: 0,
            start: sent.start,
            end: sent.end,
            trigger,
            mode: None,
        },
        cameo: None,
        rule: "test".into(),
        confidence: 1.0,
    }
}

fn actor(id: &str, name: &str) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        code: None,
        sector: None,
        kind: ActorKind::Org,
    }
}

fn out(events: Vec<Event>) -> Output {
    out_full(events, vec![], vec![])
}

fn out_full(events: Vec<Event>, actors: Vec<Actor>, relations: Vec<Relation>) -> Output {
    Output {
        id: "d".into(),
        published: None,
        title: None,
        outlet: None,
        url: None,
        text: TEXT.into(),
        sentences: vec![],
        entities: vec![],
        actors,
        events,
        relations,
    }
}

const ATTACK: &str = r#"{"type": "ASSAULT", "source": ["reb"], "recipient": [],
    "evidence": "attacked the town"}"#;

fn run(gold_events: &str, events: Vec<Event>) -> Report {
    score(&gold(gold_events), &[out(events)])
}

#[test]
fn score_exact_match() {
    let r = run(
        &format!("[{ATTACK}]"),
        vec![ev(EventType::Assault, &["Rebels"], &[], "attacked")],
    );
    assert_eq!((r.overall.gold, r.overall.matched_gold), (1, 1));
    assert_eq!((r.overall.predicted, r.overall.matched_predicted), (1, 1));
    assert_eq!(
        (r.overall.precision, r.overall.recall, r.overall.f1),
        (1.0, 1.0, 1.0)
    );
    assert_eq!(r.by_type["ASSAULT"].matched_gold, 1);
    assert!(r.per_doc[0].missed.is_empty() && r.per_doc[0].unmatched.is_empty());
    assert_eq!(
        r.attributes.factuality.correct, 1,
        "no gold factuality accepts asserted"
    );
    assert_eq!(r.attributes.source_match.rate, 1.0);
}

#[test]
fn score_wrong_type_does_not_match() {
    let r = run(
        &format!("[{ATTACK}]"),
        vec![ev(EventType::Coerce, &["Rebels"], &[], "attacked")],
    );
    assert_eq!(r.overall.matched_gold, 0);
    assert_eq!(r.overall.precision, 0.0);
    assert!(
        r.per_doc[0].unmatched[0].why.starts_with("type differs"),
        "{:?}",
        r.per_doc[0]
    );
    assert!(r.per_doc[0].missed[0]
        .why
        .starts_with("sentence has predicted COERCE"));
    assert_eq!(r.by_type["COERCE"].predicted, 1);
    assert_eq!(r.by_type["ASSAULT"].gold, 1);
}

#[test]
fn score_alt_type_needs_its_factuality() {
    let g = r#"[{"type": "THREATEN", "source": ["army"], "recipient": ["reb"],
        "factuality": "asserted", "evidence": "would strike the rebels",
        "alt": [{"type": "ASSAULT", "mode": "heavy-weapons", "factuality": ["threatened", "hypothetical"]}]}]"#;
    let mut p = ev(
        EventType::Assault,
        &["The army"],
        &["the rebels"],
        "would strike",
    );
    p.factuality = Factuality::Threatened;
    p.mode = Some("heavy-weapons".into());
    let r = run(g, vec![p.clone()]);
    assert_eq!(r.overall.matched_gold, 1);
    assert_eq!(
        (
            r.attributes.factuality.correct,
            r.attributes.factuality.total
        ),
        (1, 1)
    );
    assert_eq!((r.attributes.mode.correct, r.attributes.mode.total), (1, 1));
    p.factuality = Factuality::Asserted;
    let r = run(g, vec![p]);
    assert_eq!(r.overall.matched_gold, 0);
    let mut t = ev(EventType::Threaten, &["army"], &["rebels"], "would strike");
    t.factuality = Factuality::Threatened; // main type matches whatever the factuality ...
    let r = run(g, vec![t]);
    assert_eq!(r.overall.matched_gold, 1);
    assert_eq!(r.attributes.factuality.correct, 0); // ... which is then scored apart
}

#[test]
fn score_source_mismatch() {
    let r = run(
        &format!("[{ATTACK}]"),
        vec![ev(EventType::Assault, &["the army"], &[], "attacked")],
    );
    assert_eq!(r.overall.matched_gold, 0);
    assert!(r.per_doc[0].unmatched[0].why.starts_with("source differs"));
    assert!(r.per_doc[0].missed[0].why.contains("the army"));
    assert_eq!(
        (
            r.attributes.source_accuracy.correct,
            r.attributes.source_accuracy.total
        ),
        (0, 1)
    );
    // No source at all cannot match a gold source either.
    let r = run(
        &format!("[{ATTACK}]"),
        vec![ev(EventType::Assault, &[], &[], "attacked")],
    );
    assert_eq!(r.overall.matched_gold, 0);
}

#[test]
fn score_recipient_required_when_gold_names_one() {
    let g = r#"[{"type": "ASSAULT", "source": ["reb"], "recipient": ["town"], "evidence": "attacked"}]"#;
    let r = run(
        g,
        vec![ev(EventType::Assault, &["Rebels"], &[], "attacked")],
    );
    assert_eq!(r.overall.matched_gold, 0);
    assert!(r.per_doc[0].unmatched[0]
        .why
        .starts_with("recipient differs"));
    assert_eq!(r.attributes.recipient_accuracy.total, 1);
    assert_eq!(r.attributes.recipient_accuracy.correct, 0);
    let r = run(
        g,
        vec![ev(
            EventType::Assault,
            &["Rebels"],
            &["the town"],
            "attacked",
        )],
    );
    assert_eq!(r.overall.matched_gold, 1);
    assert_eq!(r.attributes.recipient_accuracy.rate, 1.0);
    // Gold without recipients accepts any.
    let r = run(
        &format!("[{ATTACK}]"),
        vec![ev(EventType::Assault, &["Rebels"], &["x"], "attacked")],
    );
    assert_eq!(r.overall.matched_gold, 1);
}

#[test]
fn score_evidence_in_other_sentence_does_not_match() {
    let r = run(
        &format!("[{ATTACK}]"),
        vec![ev(EventType::Assault, &["Rebels"], &[], "strike")],
    );
    assert_eq!(r.overall.matched_gold, 0);
    assert_eq!(
        r.per_doc[0].unmatched[0].why,
        "no gold event in this sentence"
    );
    assert_eq!(
        r.per_doc[0].missed[0].why,
        "no predicted event in this sentence"
    );
    assert_eq!(
        r.per_doc[0].unmatched[0].evidence,
        "The army said it would strike the rebels."
    );
}

#[test]
fn score_gold_evidence_is_fold_and_whitespace_tolerant() {
    let g = r#"[{"type": "COERCE", "source": ["police"], "evidence": "POLICE  arrested 5 prot"}]"#;
    let mut docs = gold(g);
    docs[0].actors.push(crate::GoldActor {
        key: "police".into(),
        names: vec!["Police".into()],
        code: None,
        sector: None,
        kind: None,
    });
    let r = score(
        &docs,
        &[out(vec![ev(
            EventType::Coerce,
            &["Police"],
            &[],
            "arrested",
        )])],
    );
    assert_eq!(r.overall.matched_gold, 1);
    let g = r#"[{"type": "COERCE", "source": ["reb"], "evidence": "words not in the text"}]"#;
    let r = run(g, vec![]);
    assert_eq!(
        r.per_doc[0].missed[0].why,
        "evidence words not found in the text"
    );
}

#[test]
fn score_one_gold_matches_one_prediction() {
    let p = ev(EventType::Assault, &["Rebels"], &[], "attacked");
    let r = run(&format!("[{ATTACK}]"), vec![p.clone(), p]);
    assert_eq!(r.overall.matched_gold, 1);
    assert_eq!(r.overall.matched_predicted, 1);
    assert_eq!(r.overall.precision, 0.5);
    assert!(r.per_doc[0].unmatched[0].why.starts_with("duplicate"));
}

#[test]
fn score_matching_is_maximal_and_prefers_required() {
    // gold 0 accepts either prediction, gold 1 only the first: both must be matched.
    let g = r#"[{"type": "ASSAULT", "source": ["reb", "army"], "evidence": "attacked"},
                {"type": "ASSAULT", "source": ["army"], "evidence": "attacked"}]"#;
    let r = run(
        g,
        vec![
            ev(EventType::Assault, &["the army"], &[], "attacked"),
            ev(EventType::Assault, &["rebels"], &[], "attacked"),
        ],
    );
    assert_eq!(
        (r.overall.matched_gold, r.overall.matched_predicted),
        (2, 2)
    );
    // One prediction, an optional and a required gold event: the required one gets it.
    let g = format!(
        r#"[{{"type": "ASSAULT", "source": ["reb"], "evidence": "attacked", "required": false}}, {ATTACK}]"#
    );
    let r = run(
        &g,
        vec![ev(EventType::Assault, &["Rebels"], &[], "attacked")],
    );
    assert_eq!((r.overall.gold, r.overall.matched_gold), (1, 1));
}

#[test]
fn score_precision_counts_optional_gold() {
    let g =
        r#"[{"type": "ASSAULT", "source": ["reb"], "evidence": "attacked", "required": false}]"#;
    let r = run(
        g,
        vec![ev(EventType::Assault, &["Rebels"], &[], "attacked")],
    );
    assert_eq!(r.overall.gold, 0);
    assert_eq!(r.overall.precision, 1.0);
    assert_eq!(r.overall.recall, 0.0);
    assert!(r.per_doc[0].missed.is_empty());
}

#[test]
fn score_actor_names_match_by_whole_words() {
    let g = r#"[{"type": "ASSAULT", "source": ["kh"], "evidence": "attacked"}]"#;
    let p = |src: &str| ev(EventType::Assault, &[src], &[], "attacked");
    let matched = |src: &str| run(g, vec![p(src)]).overall.matched_gold == 1;
    assert!(matched("a commander of Kataib Hezbollah"));
    assert!(matched("KATA’IB HEZBOLLAH"));
    assert!(!matched("Kataib Hezbollahs"));
    assert!(!matched("Hezbollah"));
    let g = r#"[{"type": "ASSAULT", "source": ["us"], "evidence": "attacked"}]"#;
    assert_eq!(run(g, vec![p("U.S.")]).overall.matched_gold, 1);
    assert_eq!(run(g, vec![p("US forces")]).overall.matched_gold, 1);
    assert_eq!(
        run(g, vec![p("USA")]).overall.matched_gold,
        0,
        "USA is not the word US"
    );
    // The canonical name of the filler's actor counts too.
    let mut e = p("the group");
    e.source[0].actor = Some("kh-id".into());
    let g = r#"[{"type": "ASSAULT", "source": ["kh"], "evidence": "attacked"}]"#;
    let r = score(
        &gold(g),
        &[out_full(
            vec![e],
            vec![actor("kh-id", "Kataib Hezbollah")],
            vec![],
        )],
    );
    assert_eq!(r.overall.matched_gold, 1);
}

fn date(value: &str, g: DateGranularity) -> DateValue {
    DateValue {
        value: Some(value.into()),
        granularity: Some(g),
        end: None,
        kind: DateKind::Exact,
        reason: None,
        evidence: None,
        rule: "t".into(),
    }
}

fn location(name: &str, country: &str) -> Location {
    Location {
        name: name.into(),
        country: Some(country.into()),
        lat: None,
        lon: None,
        geonameid: None,
        precision: "sentence".into(),
        evidence: None,
        rule: "t".into(),
    }
}

#[test]
fn score_attribute_accuracy() {
    let g = r#"[{"type": "ASSAULT", "mode": "firearms", "source": ["reb"], "evidence": "attacked",
        "date": "2023-10", "date_granularity": "month", "location": {"name": "Mosul", "country": "IRQ"},
        "size": {"dead": 1200, "hostages": 250, "injured": null},
        "factuality": ["asserted", "intended"], "attributed_to": ["Reuters"]}]"#;
    let mut good = ev(EventType::Assault, &["Rebels"], &[], "attacked");
    good.mode = Some("firearms".into());
    good.date = Some(date("2023-10", DateGranularity::Month));
    good.location = Some(location("mosul", "IRQ"));
    good.size = Size {
        dead: Some(1200),
        hostages: Some(250),
        ..Size::default()
    };
    good.factuality = Factuality::Intended;
    good.attribution = vec![Attribution {
        text: "the newswire".into(),
        actor: None,
        start: None,
        end: None,
        rule: "t".into(),
    }];
    let r = run(g, vec![good.clone()]);
    let a = &r.attributes;
    for (name, acc) in [
        ("mode", &a.mode),
        ("date", &a.date),
        ("location", &a.location),
        ("country", &a.location_country),
        ("size", &a.size),
        ("factuality", &a.factuality),
        ("attribution", &a.attribution),
    ] {
        assert_eq!((acc.correct, acc.total), (1, 1), "{name}");
    }
    let mut bad = good;
    bad.mode = None;
    bad.date = Some(date("2023-10-07", DateGranularity::Day)); // a day inside the month
    bad.location = Some(location("Iraq", "IRQ"));
    bad.size = Size {
        dead: Some(1200),
        ..Size::default()
    };
    bad.factuality = Factuality::Hypothetical;
    bad.attribution.clear();
    let r = run(g, vec![bad]);
    assert_eq!(r.overall.matched_gold, 1);
    let a = &r.attributes;
    for (name, acc) in [
        ("mode", &a.mode),
        ("date", &a.date),
        ("location", &a.location),
        ("size", &a.size),
        ("factuality", &a.factuality),
        ("attribution", &a.attribution),
    ] {
        assert_eq!((acc.correct, acc.total), (0, 1), "{name}");
    }
    assert_eq!(a.location_country.correct, 1);
    // Unstated gold attributes are not scored.
    let r = run(
        &format!("[{ATTACK}]"),
        vec![ev(EventType::Assault, &["Rebels"], &[], "attacked")],
    );
    assert_eq!(
        r.attributes.date.total + r.attributes.size.total + r.attributes.mode.total,
        0
    );
}

#[test]
fn score_date_month_needs_month_value() {
    let g =
        r#"[{"type": "ASSAULT", "source": ["reb"], "evidence": "attacked", "date": "2023-10"}]"#;
    let mut p = ev(EventType::Assault, &["Rebels"], &[], "attacked");
    p.date = Some(date("2023-10", DateGranularity::Day));
    assert_eq!(
        run(g, vec![p.clone()]).attributes.date.correct,
        0,
        "granularity read from value"
    );
    p.date = Some(date("2023-10", DateGranularity::Month));
    assert_eq!(run(g, vec![p]).attributes.date.correct, 1);
}

#[test]
fn score_no_events_from_violations() {
    let spam = ev(EventType::Agree, &["reader"], &[], "Subscribe");
    let mut negated = spam.clone();
    negated.factuality = Factuality::Negated;
    let r = run(
        "[]",
        vec![
            spam,
            negated,
            ev(EventType::Assault, &["Rebels"], &[], "attacked"),
        ],
    );
    assert_eq!(r.violations.len(), 1);
    assert_eq!(r.violations[0].text, "Subscribe today");
    assert_eq!(r.violations[0].evidence, "Subscribe today for news.");
    assert!(r.render().contains("no_events_from violations: 1"));
}

#[test]
fn score_relations_and_actor_recall() {
    let rel = r#"[{"type": "backed_by", "head": "reb", "tail": "us"},
        {"type": "holds_office", "head": "pm", "office": "prime minister", "of": "IRQ"},
        {"type": "member_of", "head": "kh", "tail": "army"},
        {"type": "based_in", "head": "reuters", "tail": "GBR", "required": false}]"#;
    let docs = gold_with("[]", rel);
    let r = |rtype, head: &str, tail: Option<&str>, office: Option<&str>| Relation {
        rtype,
        head: head.into(),
        tail: tail.map(str::to_string),
        office: office.map(str::to_string),
        of: office.map(|_| "irq".to_string()),
        evidence: Span::default(),
        rule: "t".into(),
    };
    let actors = vec![
        actor("r1", "The rebels"),
        actor("usa", "United States"),
        actor("p9", "Jane Doe"),
        actor("reuters", "Reuters"),
    ];
    let rels = vec![
        r(RelationType::BackedBy, "r1", Some("usa"), None),
        r(
            RelationType::HoldsOffice,
            "p9",
            None,
            Some("Prime Minister"),
        ),
        r(RelationType::MemberOf, "r1", Some("usa"), None), // wrong
        r(RelationType::BasedIn, "reuters", Some("GBR"), None),
    ];
    let rep = score(&docs, &[out_full(vec![], actors, rels)]);
    assert_eq!((rep.relations.correct, rep.relations.total), (2, 3));
    assert_eq!(
        (rep.relation_precision.correct, rep.relation_precision.total),
        (3, 4)
    );
    // Actors found: rebels, us, pm, reuters out of 7.
    assert_eq!((rep.actors.correct, rep.actors.total), (4, 7));
}

#[test]
fn score_pairs_documents_by_id() {
    let docs = gold(&format!("[{ATTACK}]"));
    let mut other = out(vec![]);
    other.id = "elsewhere".into();
    let r = score(&docs, &[other]);
    assert_eq!(r.missing_predictions, vec!["d".to_string()]);
    assert_eq!(r.unscored_predictions, vec!["elsewhere".to_string()]);
    assert_eq!(
        r.per_doc[0].missed[0].why,
        "no prediction for this document"
    );
    assert_eq!(r.docs, 1);
}

#[test]
fn report_renders_and_serializes() {
    let r = run(
        &format!("[{ATTACK}]"),
        vec![
            ev(EventType::Assault, &["Rebels"], &[], "attacked"),
            ev(EventType::Coerce, &["Police"], &[], "arrested"),
        ],
    );
    let text = r.render();
    assert!(text.contains("ASSAULT"), "{text}");
    assert!(text.contains("unmatched predictions: 1"), "{text}");
    assert!(
        text.contains("Police arrested 5 protesters in Lagos."),
        "{text}"
    );
    let line = text.lines().find(|l| l.starts_with("ALL")).unwrap();
    assert!(
        line.contains(" 50.0") && line.contains("100.0") && line.contains(" 66.7"),
        "{line}"
    );
    let json = serde_json::to_string(&r).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn report_lists_are_capped_when_rendered() {
    let events: Vec<Event> = (0..40)
        .map(|_| ev(EventType::Coerce, &["Police"], &[], "arrested"))
        .collect();
    let r = run("[]", events);
    assert_eq!(r.per_doc[0].unmatched.len(), 40);
    assert!(r.render().contains("… 10 more"));
}

#[test]
fn score_bad_offsets_do_not_panic() {
    let mut p = ev(EventType::Assault, &["Rebels"], &[], "attacked");
    p.evidence.start = 5000;
    p.evidence.end = 2;
    p.evidence.trigger = Span {
        start: 9000,
        end: 9001,
    };
    let r = run(&format!("[{ATTACK}]"), vec![p]);
    assert_eq!(r.overall.matched_gold, 0);
    assert_eq!(r.per_doc[0].unmatched[0].evidence, "");
}

#[test]
fn score_real_gold_files() {
    let dir = Path::new("/work/shared/gold");
    let (Ok(_), Ok(_)) = (
        std::fs::metadata(dir.join("militias-disarm.gold.json")),
        std::fs::metadata(dir.join("plover-gsr-dev.jsonl")),
    ) else {
        eprintln!("skipping: /work/shared/gold not present");
        return;
    };
    let sample = crate::load_gold(&dir.join("militias-disarm.gold.json")).unwrap();
    assert_eq!(sample.len(), 1);
    let s = &sample[0];
    assert!(s.text.starts_with("Farewell To Arms"));
    assert_eq!(s.events.iter().filter(|e| e.required).count(), 12);
    assert_eq!(s.events.len(), 17);
    assert_eq!(s.relations.iter().filter(|r| r.required).count(), 5);
    // Every gold evidence is found in the text, and names known actors.
    let r = score(&sample, &[]);
    assert!(r.per_doc[0]
        .missed
        .iter()
        .all(|m| m.why == "no prediction for this document"));
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let mut o = out(vec![]);
    o.id = s.id.clone();
    o.text = s.text.clone();
    let r = score(&sample, &[o]);
    assert_eq!(r.overall.gold, 12);
    for m in &r.per_doc[0].missed {
        assert_eq!(m.why, "no predicted event in this sentence", "{m:?}");
    }

    let dev = crate::load_gold(&dir.join("plover-gsr-dev.jsonl")).unwrap();
    assert_eq!(dev.len(), 164);
    let outs: Vec<Output> = dev
        .iter()
        .map(|d| {
            let mut o = out(vec![]);
            o.id = d.id.clone();
            o.text = d.text.clone();
            o
        })
        .collect();
    let r = score(&dev, &outs);
    assert_eq!(
        r.overall.gold,
        dev.iter()
            .map(|d| d.events.iter().filter(|e| e.required).count())
            .sum::<usize>()
    );
    let lost: Vec<_> = r
        .per_doc
        .iter()
        .flat_map(|d| {
            d.missed
                .iter()
                .filter(|m| m.why != "no predicted event in this sentence")
        })
        .collect();
    assert!(lost.is_empty(), "gold evidence not found: {lost:?}");

    // An oracle built from the gold itself scores perfectly on both files.
    for docs in [&sample, &dev] {
        let outs: Vec<Output> = docs.iter().map(oracle).collect();
        let r = score(docs, &outs);
        assert_eq!(r.overall.matched_gold, r.overall.gold, "{}", r.render());
        assert_eq!(
            r.overall.matched_predicted,
            r.overall.predicted,
            "{}",
            r.render()
        );
        assert!(r.overall.gold > 0);
    }
}

/// Predictions copied from the gold: type, first name of the first source and recipient,
/// evidence at the gold evidence words.
fn oracle(d: &GoldDoc) -> Output {
    let first = |keys: &[String]| -> Vec<RoleFiller> {
        keys.first()
            .and_then(|k| d.actor(k))
            .and_then(|a| a.names.first())
            .map(|n| vec![filler(n, None)])
            .unwrap_or_default()
    };
    let folded = crate::text::Folded::new(&d.text);
    let sents = sentences(&d.text);
    let events = d
        .events
        .iter()
        .map(|g| {
            let hit = folded.find_all(&crate::text::key(&g.evidence))[0];
            let sent = sentence_of(&sents, hit);
            let mut e = ev(g.etype, &[], &[], "attacked");
            e.source = first(&g.source);
            e.recipient = first(&g.recipient);
            e.evidence = Evidence {
                sentence: 0,
                start: sent.start,
                end: sent.end,
                trigger: hit,
                mode: None,
            };
            e.factuality = g.accepted_factuality()[0];
            e
        })
        .collect();
    let mut o = out(events);
    o.id = d.id.clone();
    o.text = d.text.clone();
    o
}
