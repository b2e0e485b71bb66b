//! Whole-pipeline invariants: on any text, no panic and every layer valid; on the news corpus
//! (when ../shared is present), every document codes with valid spans.

use proptest::prelude::*;
use sitrep_doc::{Document, Metadata};
use sitrep_pipeline::Pipeline;

fn check(p: &Pipeline, text: &str) -> Document {
    let mut d = Document::new(
        "p",
        text,
        Metadata {
            published: chrono_date(),
            ..Default::default()
        },
    );
    p.run(&mut d).expect("stages succeed on valid UTF-8");
    if let Err(e) = d.validate() {
        panic!("invalid document for {text:?}: {e}");
    }
    for e in &d.events {
        assert!(!e.source.is_empty(), "event without source: {e:?}");
        assert!(e.date.is_some(), "event without a date record");
    }
    for r in &d.relations {
        assert!(r.evidence.is_valid_in(d.text()));
    }
    d
}

/// Whether every token of sentence `si` has a head and a relation.
fn sentence_parsed(d: &Document, si: usize) -> bool {
    let (a, b) = d.sentences[si].tokens;
    d.tokens[a as usize..b as usize]
        .iter()
        .all(|t| t.head.is_some() && t.deprel.is_some())
}

fn run_text(text: &str) -> Document {
    check(&Pipeline::standard().unwrap(), text)
}

fn chrono_date() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2025, 4, 8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_gives_valid_layers(text in "\\PC{0,300}") {
        let p = Pipeline::standard().unwrap();
        check(&p, &text);
    }

    #[test]
    fn newsy_text_gives_valid_layers(words in proptest::collection::vec(prop_oneof![
        Just("Hamas"), Just("Israel"), Just("attacked"), Just("the"), Just("US"), Just("officials"),
        Just("said"), Just("."), Just(","), Just("on"), Just("Monday"), Just("would"), Just("if"),
        Just("not"), Just("killing"), Just("12"), Just("people"), Just("Iraqi"), Just("militias"),
        Just("\n\n"), Just("“"), Just("”"), Just("rejected"), Just("calls"), Just("to"), Just("disarm"),
    ], 0..80)) {
        let p = Pipeline::standard().unwrap();
        check(&p, &words.join(" "));
    }
}

#[test]
fn long_sentence_without_punctuation_is_fine() {
    let p = Pipeline::standard().unwrap();
    let text = "rebels attacked the town and ".repeat(3000);
    let d = check(&p, &text);
    assert!(d.sentences.len() >= 10, "long runs are split");
}

#[test]
fn all_caps_and_mixed_scripts_do_not_panic() {
    let p = Pipeline::standard().unwrap();
    check(
        &p,
        "BAGHDAD (REUTERS) - HAMAS ATTACKED ISRAEL ON MONDAY, KILLING 12 PEOPLE.",
    );
    check(
        &p,
        "Хамас атаковал Израиль. حماس هاجمت إسرائيل. Hamas attacked Israel.\u{0007}\u{0000}",
    );
}

#[test]
fn news_corpus_sample_codes_with_valid_spans() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/news-corpus/news.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let p = Pipeline::standard().unwrap();
    let mut events = 0;
    for line in data.lines().step_by(25).take(200) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let d = check(&p, v["text"].as_str().unwrap());
        events += d.events.len();
    }
    assert!(
        events > 50,
        "the corpus sample should yield events, got {events}"
    );
}

#[test]
fn only_sentences_with_a_trigger_are_parsed() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "The weather was mild across the region. Rebels attacked the town of Gao on Monday.",
    );
    assert_eq!(d.sentences.len(), 2);
    assert!(!sentence_parsed(&d, 0), "no trigger, no parse");
    assert!(sentence_parsed(&d, 1), "the attack sentence is parsed");
}

#[test]
fn a_trigger_sentence_without_a_possible_source_is_not_parsed() {
    let p = Pipeline::standard().unwrap();
    // the same trigger; only the second sentence has a word that could be its source
    let d = check(
        &p,
        "In the end, nothing was agreed. Hamas agreed to the truce.",
    );
    assert_eq!(d.sentences.len(), 2);
    assert!(
        !sentence_parsed(&d, 0),
        "no name, crowd or attack noun: no source, no parse"
    );
    assert!(sentence_parsed(&d, 1), "a named source: parsed");
    assert!(d.events.iter().all(|e| e.evidence.sentence == 1));
    assert!(!d.events.is_empty(), "Hamas agreed");
}

#[test]
fn role_fillers_show_the_noun_phrase_of_the_parse() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Jewish settlers set fire to the offices of the Palestinian administrators of Muslim property overnight.",
    );
    let e = d.events.first().expect("one event");
    let r = e.recipient.first().expect("a recipient");
    // the word-order rules stop at the name; the parse adds its complement
    assert_eq!(r.text, "the Palestinian administrators of Muslim property");
    assert_eq!(&d.text()[r.start as usize..r.end as usize], r.text);
    assert!(e.recipient.iter().all(|r| !r.text.contains("overnight")));
}

#[test]
fn towns_missing_from_the_dictionaries_come_from_the_gazetteer() {
    let p = Pipeline::standard().unwrap();
    let loc = |text: &str| {
        let d = check(&p, text);
        let e = d.events.first().expect("an attack").clone();
        let l = e.location.expect("a location");
        let ev = l.evidence.expect("evidence span");
        assert_eq!(&d.text()[ev.start as usize..ev.end as usize], l.name);
        l
    };
    let kidal = loc("Rebels attacked an army post near Kidal on Monday.");
    assert_eq!(kidal.country.as_deref(), Some("MLI"));
    assert_eq!(kidal.rule, "place:gazetteer");
    assert!(kidal.geonameid.is_some() && kidal.lat.is_some());
    // "Gao" is a town in Mali (larger) and in Burkina Faso: the article's country decides
    let gao = loc("Burkina Faso's army said jihadists attacked a checkpoint near Gao on Sunday.");
    assert_eq!(gao.country.as_deref(), Some("BFA"));
    let gao = loc("Jihadists attacked a checkpoint near Gao on Sunday.");
    assert_eq!(gao.country.as_deref(), Some("MLI"));
}

#[test]
fn a_role_phrase_never_swallows_the_trigger() {
    let p = Pipeline::standard().unwrap();
    for text in [
        "Guerrillas wounded two soldiers.",
        "Irish nationalist guerrillas wounded two British soldiers on Thursday.",
    ] {
        let d = check(&p, text);
        let e = d.events.first().expect("an attack");
        let trigger = &d.text()[e.evidence.trigger.start as usize..e.evidence.trigger.end as usize];
        assert_eq!(trigger, "wounded");
        for r in e.source.iter().chain(&e.recipient) {
            assert!(!r.text.contains("wounded"), "{text}: {r:?}");
        }
        assert!(
            e.recipient.iter().any(|r| r.text.ends_with("soldiers")),
            "{e:?}"
        );
        assert_eq!(
            e.source[0].sector.as_deref(),
            Some("REB"),
            "guerrillas are rebels"
        );
    }
}

#[test]
fn a_clause_opened_by_after_keeps_its_subject() {
    let p = Pipeline::standard().unwrap();
    let d = check(&p, "Clashes erupted after militants stormed a prison.");
    let e = d.events.first().expect("the storming is coded");
    assert_eq!(e.source[0].text, "militants");
    // a true prepositional phrase is still no subject
    let d = check(&p, "After talks with Iran, the militia attacked a convoy.");
    let e = d.events.first().expect("an attack");
    assert!(e.source[0].text.contains("militia"), "{e:?}");
}

#[test]
fn an_unnamed_attacker_is_the_attack_itself_never_the_victim() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier and wounded two others.",
    );
    let e = d.events.first().expect("the killing is coded");
    let s = &e.source[0];
    assert_eq!(s.text, "A roadside bombing near the town of Samarra");
    assert!(
        s.actor.is_none() && s.rule == "subject:attack-noun",
        "{s:?}"
    );
    for e in &d.events {
        assert!(
            e.source.iter().all(|s| !s.text.contains("soldier")),
            "the victim is no source: {e:?}"
        );
    }
    // without an attack noun, no source is made up
    let d = check(&p, "The weather near Samarra killed one U.S. soldier.");
    assert!(d.events.is_empty(), "{:?}", d.events);
}

#[test]
fn a_conjoined_verb_shares_the_first_verb_subject() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Rebels ambushed an army patrol near the border and wounded three soldiers.",
    );
    assert!(!d.events.is_empty());
    for e in &d.events {
        assert!(e.source[0].text.contains("Rebels"), "{e:?}");
    }
}

#[test]
fn a_source_inside_a_complement_shows_its_head_noun() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Doctors from two American aid groups donated medicine to a hospital in Baghdad.",
    );
    let e = d.events.first().expect("an aid event");
    assert_eq!(e.source[0].text, "Doctors from two American aid groups");
}

#[test]
fn what_a_speaker_says_another_must_do_is_a_request() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Russia said on Tuesday that Sudan must return a helicopter it seized last week.",
    );
    let e = d
        .events
        .iter()
        .find(|e| e.rule == "modal:obligation")
        .expect("a request");
    assert_eq!(e.etype, sitrep_doc::EventType::Request);
    assert_eq!(e.source[0].text, "Russia");
    assert_eq!(e.recipient[0].text, "Sudan");
    // no speaker, no request; a speaker's own obligation is no request either
    let d = check(&p, "Sudan must return the helicopter.");
    assert!(d.events.iter().all(|e| e.rule != "modal:obligation"));
    let d = check(&p, "Russia said it must protect its citizens.");
    assert!(
        d.events.iter().all(|e| e.rule != "modal:obligation"),
        "{:?}",
        d.events
    );
}

#[test]
fn a_role_shows_its_whole_noun_phrase_by_word_order() {
    let p = Pipeline::standard().unwrap();
    let cases = [
        // a parenthesis and the head noun after it
        (
            "The radical Hamas (Islamic Resistance Movement) group rejected the Egyptian plan.",
            "The radical Hamas (Islamic Resistance Movement) group",
            true,
        ),
        // an adjective with its complement
        (
            "Gunmen loyal to the former Libyan leader attacked a police station.",
            "Gunmen loyal to the former Libyan leader",
            true,
        ),
        // a reduced relative clause
        (
            "Aid workers operating in Sudan said the army must protect civilians.",
            "Aid workers operating in Sudan",
            true,
        ),
        // the noun a nationality modifies
        (
            "Troops shelled the Russian Orthodox monastery near the town.",
            "the Russian Orthodox monastery",
            false,
        ),
    ];
    for (text, want, is_source) in cases {
        let d = check(&p, text);
        let e = d
            .events
            .first()
            .unwrap_or_else(|| panic!("{text}: no event"));
        let roles = if is_source { &e.source } else { &e.recipient };
        assert!(roles.iter().any(|r| r.text == want), "{text}: {e:?}");
    }
    // the phrase stops before the trigger and never swallows it
    let d = check(&p, "Militiamen fleeing the city attacked a convoy.");
    for e in &d.events {
        for r in e.source.iter().chain(&e.recipient) {
            assert!(!r.text.contains("attacked"), "{r:?}");
        }
    }
}

#[test]
fn an_unresolved_pronoun_after_a_speech_verb_is_the_speaker() {
    let p = Pipeline::standard().unwrap();
    for (text, want) in [
        (
            "The fundamentalist Nation party said it would attack government troops.",
            "The fundamentalist Nation party",
        ),
        (
            "The PKK said on Monday it would attack Turkish troops.",
            "The PKK",
        ),
    ] {
        let d = check(&p, text);
        let e = d
            .events
            .first()
            .unwrap_or_else(|| panic!("{text}: no event"));
        assert_eq!(e.source[0].text, want, "{text}: {e:?}");
    }
}

#[test]
fn a_purpose_infinitive_takes_the_governing_subject_unless_the_verb_controls_its_object() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Angry Iraqi farmers said they would blockade Baghdad to demand higher prices.",
    );
    let demand = d
        .events
        .iter()
        .find(|e| e.etype == sitrep_doc::EventType::Request)
        .expect("the demand is coded");
    assert_eq!(demand.source[0].text, "Angry Iraqi farmers", "{demand:?}");
    // "urged Iran to stop": the object is the infinitive's subject
    let d = check(&p, "The UN urged Iran to stop the attacks.");
    assert!(
        d.events
            .iter()
            .all(|e| e.source.iter().all(|s| !s.rule.contains("controlling"))),
        "{:?}",
        d.events
    );
}

#[test]
fn a_nominal_event_object_of_a_verb_takes_its_subject_and_its_complement() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Russia completed the withdrawal of its troops from Georgia.",
    );
    let e = d.events.first().expect("a withdrawal");
    assert_eq!(e.etype, sitrep_doc::EventType::Retreat);
    assert_eq!(e.source[0].text, "Russia");
    assert_eq!(e.recipient[0].text, "Georgia");
    let d = check(&p, "The army began the invasion of Gaza.");
    let e = d.events.first().expect("an invasion");
    assert_eq!(e.recipient[0].text, "Gaza", "{e:?}");
    // an object pronoun is never the subject of the word after it
    let d = check(&p, "Police sent them back to Syria.");
    assert!(
        d.events
            .iter()
            .all(|e| e.etype != sitrep_doc::EventType::Support),
        "{:?}",
        d.events
    );
}

#[test]
fn a_quantified_subject_and_a_modified_agent_noun_are_subjects() {
    let p = Pipeline::standard().unwrap();
    // "About 200 rebels": "about" qualifies the number, it is no preposition
    let d = check(&p, "About 200 rebels blocked roads.");
    let e = d.events.first().expect("a protest");
    assert_eq!(e.source[0].text, "About 200 rebels");
    // the agent noun may follow a word of the phrase; "cancelled" is found by its lemma
    let d = check(
        &p,
        "The Latvian Constitutional Court cancelled restrictions on Russian media.",
    );
    let e = d.events.first().expect("a concession");
    assert_eq!(e.etype, sitrep_doc::EventType::Concede);
    assert_eq!(e.source[0].text, "The Latvian Constitutional Court");
}

#[test]
fn what_protesters_demand_is_the_content_of_the_protest() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Hundreds of protesters blocked roads in Dhaka demanding the resignation of the government.",
    );
    assert_eq!(d.events.len(), 1, "{:?}", d.events);
    let e = &d.events[0];
    assert_eq!(e.etype, sitrep_doc::EventType::Protest);
    // the participle belongs to the protesters, not to the place; whose resignation they
    // demand is the protest's target, Bangladesh's government (shown in its own words, not as
    // the place its country was read from)
    assert_eq!(e.recipient[0].text, "the government", "{e:?}");
    assert_eq!(e.recipient[0].code.as_deref(), Some("BGD"), "{e:?}");
    // a nominal event's modifier source stops at a preposition
    let d = check(
        &p,
        "The governor ordered patrols by soldiers after violent protests by students.",
    );
    for e in &d.events {
        assert!(
            e.source.iter().all(|s| !s.text.contains("soldiers")),
            "{e:?}"
        );
    }
}

#[test]
fn holding_evacuating_patrolling_and_preparing_have_their_own_types() {
    use sitrep_doc::EventType::{Aid, Coerce, Mobilize, Threaten};
    let p = Pipeline::standard().unwrap();
    for (text, want) in [
        (
            "The army has been holding hundreds of villagers as human shields.",
            Coerce,
        ),
        (
            "Red Cross helicopters evacuated the wounded from the besieged town.",
            Aid,
        ),
        (
            "The Pakistani government ordered patrols in the city.",
            Mobilize,
        ),
        // getting ready to fight is a mobilization; being willing to is a threat
        (
            "The Serbian army prepared to resume shelling Bosnian villages.",
            Mobilize,
        ),
        ("Israel is prepared to strike Iranian targets.", Threaten),
    ] {
        let d = check(&p, text);
        let e = d
            .events
            .first()
            .unwrap_or_else(|| panic!("{text}: no event"));
        assert_eq!(e.etype, want, "{text}: {e:?}");
    }
    // a gerund's direct object is its target
    let d = check(
        &p,
        "The Serbian army prepared to resume shelling Bosnian villages.",
    );
    assert_eq!(d.events[0].recipient[0].text, "Bosnian villages");
}

#[test]
fn a_conjoined_verb_group_with_auxiliaries_shares_the_first_subject() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "Syria opened its border on Monday to Lebanese refugees, but was still refusing entry to Iraqis.",
    );
    let e = d.events.first().expect("a refusal");
    assert_eq!(e.etype, sitrep_doc::EventType::Reject);
    assert_eq!(e.source[0].text, "Syria", "{e:?}");
}

#[test]
fn a_passive_attack_in_an_attack_noun_has_the_attack_as_source() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "At least five Iraqi soldiers were killed in a roadside bombing near Kirkuk.",
    );
    let e = d.events.first().expect("the killing is coded");
    assert_eq!(e.source[0].text, "a roadside bombing");
    assert!(e.source[0].actor.is_none());
    assert_eq!(e.recipient[0].text, "At least five Iraqi soldiers");
    // a place is no attack: nothing is made up
    let d = check(&p, "Two soldiers were killed in Kirkuk.");
    assert!(d.events.is_empty(), "{:?}", d.events);
}

#[test]
fn possessors_coordinated_agents_and_protest_targets_fill_whole_roles() {
    let p = Pipeline::standard().unwrap();
    let d = check(
        &p,
        "The French government welcomed President Obama's latest peace proposal.",
    );
    let e = d.events.first().expect("a welcome");
    assert_eq!(
        e.recipient[0].text,
        "President Obama's latest peace proposal"
    );
    let d = check(
        &p,
        "Israeli helicopters and tanks shelled Palestinian positions.",
    );
    let e = d.events.first().expect("shelling");
    assert_eq!(e.source[0].text, "Israeli helicopters and tanks");
    let d = check(
        &p,
        "Ahmed Ali staged a hunger strike on Sunday in protest against abuses by Egyptian police.",
    );
    assert_eq!(d.events.len(), 1, "{:?}", d.events);
    let e = &d.events[0];
    assert_eq!(e.etype, sitrep_doc::EventType::Protest);
    assert_eq!(e.source.len(), 1, "the target is no source: {e:?}");
    assert_eq!(e.source[0].text, "Ahmed Ali");
    assert_eq!(e.recipient[0].text, "Egyptian police");
}

/// Texts whose events read tags beyond their trigger: a pronoun whose antecedent's noun
/// phrase is shown, a demand after a speech verb, a spelling only the lemma matches.
const TAGGING_TEXTS: &[&str] = &[
    "The Iraqi government of Prime Minister Mohammed Shia al-Sudani met tribal leaders on \
     Sunday. The weather was mild. It later rejected calls to disarm the militias.",
    "Kataib Hezbollah commander Abu Hussein al-Hamidawi gave a speech. He said US forces must ensure \
     security in Baghdad.",
    "Gunmen on a motorbike gunned down a judge in the town of Sao Goncalo on Monday.",
    "Hamas and Hezbollah fighters attacked an army post near the border, killing three soldiers.",
];

#[test]
fn tagging_candidates_codes_what_tagging_all_codes() {
    use sitrep_pipeline::Tagging;
    let some = Pipeline::standard_with(Tagging::Candidates).unwrap();
    let all = Pipeline::standard_with(Tagging::All).unwrap();
    let mut texts: Vec<String> = TAGGING_TEXTS.iter().map(|t| t.to_string()).collect();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/news-corpus/news.jsonl");
    if let Ok(data) = std::fs::read_to_string(&corpus) {
        for line in data.lines().skip(7).step_by(40).take(80) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            texts.push(v["text"].as_str().unwrap().to_string());
        }
    }
    let (mut events, mut skipped) = (0, 0);
    for text in &texts {
        let a = check(&some, text);
        let b = check(&all, text);
        assert_eq!(
            serde_json::to_value(a.to_output()).unwrap(),
            serde_json::to_value(b.to_output()).unwrap(),
            "{text}"
        );
        events += a.events.len();
        skipped += a.tokens.iter().filter(|t| t.upos.is_none()).count();
        assert!(b
            .tokens
            .iter()
            .all(|t| t.upos.is_some() && t.lemma.is_some()));
    }
    assert!(events >= TAGGING_TEXTS.len(), "{events} events");
    assert!(skipped > 0, "some sentence needs no tags");
}

#[test]
fn the_demand_and_the_lemma_only_trigger_are_coded() {
    let p = Pipeline::standard().unwrap();
    let d = check(&p, TAGGING_TEXTS[1]);
    assert!(
        d.events.iter().any(|e| e.rule == "modal:obligation"),
        "{:?}",
        d.events
    );
    let d = check(&p, TAGGING_TEXTS[2]);
    assert!(
        !d.events.is_empty(),
        "'gunned down' is matched by its lemma"
    );
    let d = check(&p, TAGGING_TEXTS[0]);
    let weather = &d.sentences[1];
    let (a, b) = (weather.tokens.0 as usize, weather.tokens.1 as usize);
    assert!(
        d.tokens[a..b].iter().all(|t| t.upos.is_none()),
        "no event, no tags"
    );
}

/// Whatever tag the tagger gives a form, its lemma, if it starts or continues a pattern,
/// is one [`LemmaReach`] finds without tagging: checked for every form of UD English EWT dev
/// under every label of the built-in tagger.
#[test]
fn lemma_reach_covers_every_tag_on_ewt_forms() {
    use sitrep_pipeline::sitrep_coder::PatternSet;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let tagger = sitrep_pipeline::builtin_tagger().unwrap();
    let set = PatternSet::builtin();
    let words: std::collections::HashSet<&str> = set.words().collect();
    let reach = tagger.lemmatizer().reach(words.iter().copied());
    let forms: std::collections::BTreeSet<&str> = data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    let labels: Vec<(&str, &str)> = (0..tagger.num_labels() as u16)
        .map(|l| (tagger.upos(l), tagger.xpos(l)))
        .collect();
    let fold = sitrep_text::fold;
    let mut hits = 0;
    for form in &forms {
        let folded = fold(form);
        let mut found: Vec<String> = Vec::new();
        reach.targets(&folded, |t| found.push(t.to_string()));
        let normal = sitrep_pipeline::sitrep_syntax::normalize_form(form);
        for &(u, x) in &labels {
            let lemma = fold(&tagger.lemmatizer().lemma(&normal, u, x));
            if lemma != folded && words.contains(lemma.as_str()) {
                hits += 1;
                assert!(
                    found.contains(&lemma),
                    "{form} {u} {x} -> {lemma}: {found:?}"
                );
            }
        }
    }
    assert!(hits > 100, "{hits} lemmas reach pattern words");
}

#[test]
fn a_place_after_a_later_clauses_trigger_is_that_events() {
    let d = run_text(
        "In Goma, rebels stormed a village, prompting the army to launch an offensive in \
         Kinshasa.",
    );
    let place = |word: &str| {
        d.events
            .iter()
            .find(|e| d.slice(e.evidence.trigger).starts_with(word))
            .and_then(|e| e.location.as_ref())
            .map(|l| l.name.clone())
    };
    assert_eq!(place("offensive").as_deref(), Some("Kinshasa"));
    assert_eq!(place("stormed").as_deref(), Some("Goma"), "{:?}", d.events);
}

#[test]
fn a_described_place_is_the_one_named_before() {
    // "the Colombian city" is the Colombian place the article named last
    let d = run_text(
        "Gangs have long fought over Medellin. Police said on Monday that gunmen killed three \
         traders in the Colombian city.",
    );
    let e = d
        .events
        .iter()
        .find(|e| d.slice(e.evidence.trigger) == "killed")
        .expect("the killing");
    let l = e.location.as_ref().expect("a location");
    assert_eq!(l.name, "Medellin", "{l:?}");
    assert_eq!(l.country.as_deref(), Some("COL"));
    assert_eq!(l.rule, "place:described-earlier-place");
    assert_eq!(d.slice(l.evidence.unwrap()), "Colombian city");
}
