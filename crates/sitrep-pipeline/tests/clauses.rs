//! What the parse says about a trigger's clause: subjects from `nsubj`, acts that are only
//! proposed, and acts still to come.

use sitrep_doc::{Document, EventType, Metadata};
use sitrep_pipeline::Pipeline;

fn code(text: &str) -> Document {
    let mut d = Document::new(
        "c",
        text,
        Metadata {
            published: chrono::NaiveDate::from_ymd_opt(2024, 5, 2),
            ..Default::default()
        },
    );
    Pipeline::standard().unwrap().run(&mut d).unwrap();
    d
}

fn types(d: &Document) -> Vec<EventType> {
    d.events.iter().map(|e| e.etype).collect()
}

#[test]
fn a_crowd_is_a_source_without_an_actor() {
    let d = code("Hundreds of thousands of people blocked streets in Hong Kong on Sunday.");
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Protest)
        .expect("a PROTEST");
    assert_eq!(e.source[0].text, "Hundreds of thousands of people", "{e:?}");
    assert_eq!(e.source[0].actor, None);
}

#[test]
fn a_crowd_whose_verb_the_parse_hung_on_it_is_still_the_source() {
    // the first: the parser reads "protested ..." as a clause of "people" in a sentence that
    // is one noun phrase, while the finite verb is the sentence's own and the crowd its
    // subject; the second: the tagger's model took "demonstrated" for a participle
    for text in [
        "Dozens of people protested outside the embassy on Friday.",
        "Thousands of people demonstrated in Paris on Saturday.",
    ] {
        let d = code(text);
        let e = d
            .events
            .iter()
            .find(|e| e.etype == EventType::Protest)
            .unwrap_or_else(|| panic!("a PROTEST in {text:?}: {:?}", d.events));
        assert!(e.source[0].text.ends_with(" of people"), "{e:?}");
        assert_eq!(e.source[0].actor, None);
    }
}

#[test]
fn a_fronted_phrase_is_not_the_subject() {
    let d = code(
        "With the signing of a memorandum on Monday, the Sudanese government and the SPLM \
         have agreed to allow humanitarian access.",
    );
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Agree)
        .expect("an AGREE");
    let sources: Vec<&str> = e.source.iter().map(|s| s.text.as_str()).collect();
    assert!(
        sources.iter().any(|s| s.contains("Sudanese government")),
        "{sources:?}"
    );
    assert!(
        !sources.iter().any(|s| s.contains("memorandum")),
        "{sources:?}"
    );
}

#[test]
fn what_a_proposal_asks_for_is_not_an_event() {
    let d =
        code("Beirut rejected a United Nations appeal for deploying army troops on the border.");
    assert_eq!(types(&d), vec![EventType::Reject], "{:?}", d.events);
    // the same act reported as done is coded
    let d = code("Lebanon deployed army troops on the border on Thursday.");
    assert!(types(&d).contains(&EventType::Mobilize), "{:?}", d.events);
}

#[test]
fn an_act_in_a_present_tense_before_clause_lies_ahead() {
    let d = code(
        "Rwandan rebels said the government must agree to constitutional changes before they \
         demobilize.",
    );
    assert!(!types(&d).contains(&EventType::Retreat), "{:?}", d.events);
    // in the past tense the act happened
    let d = code("The rebels shelled the town before they withdrew from it in March.");
    assert!(types(&d).contains(&EventType::Retreat), "{:?}", d.events);
    let d = code("The rebels will shell the town until they withdraw from it.");
    assert!(!types(&d).contains(&EventType::Retreat), "{:?}", d.events);
}

#[test]
fn a_purpose_clause_takes_its_governing_verbs_subject() {
    let d = code(
        "Finland gave Tanzania a grant of 580 million shillings (64.45 million dollars) last \
         year to finance several projects in the country.",
    );
    // the funding is Finland's (and, with the same source, one event with the grant)
    assert!(!d.events.is_empty());
    for e in &d.events {
        assert_eq!(e.source[0].actor.as_deref(), Some("finland"), "{e:?}");
    }
    assert_eq!(
        d.events
            .iter()
            .filter(|e| e.etype == EventType::Aid)
            .count(),
        1,
        "{:?}",
        d.events
    );
}

#[test]
fn an_alleged_act_is_the_accusation_not_an_event() {
    let d = code("Serbia accused Albania on Monday of supporting rebels in Kosovo.");
    assert!(types(&d).contains(&EventType::Accuse), "{:?}", d.events);
    assert!(!types(&d).contains(&EventType::Support), "{:?}", d.events);
    // the same act reported as a fact is coded
    let d = code("Albania is supporting rebels in Kosovo, officials said.");
    assert!(types(&d).contains(&EventType::Support), "{:?}", d.events);
}

#[test]
fn an_attack_named_as_a_time_reference_is_history() {
    let d = code(
        "The militias have grown into a parallel power structure since emerging after the \
         2003 US invasion.",
    );
    assert!(!types(&d).contains(&EventType::Assault), "{:?}", d.events);
    let d = code("Peru has sheltered five officers since last month's U.S. invasion.");
    assert!(!types(&d).contains(&EventType::Assault), "{:?}", d.events);
    // an attack reported as news stays, also after "after" without a date of its own
    let d = code("Three soldiers died after a US airstrike on the base near Mosul.");
    assert!(types(&d).contains(&EventType::Assault), "{:?}", d.events);
}

#[test]
fn an_unknown_name_subject_is_an_unresolved_source() {
    let d = code("Zembla has agreed to reopen its borders to UN peacekeepers.");
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Agree)
        .expect("an AGREE");
    assert_eq!(e.source[0].text, "Zembla", "{e:?}");
    assert_eq!(e.source[0].actor, None);
    // a bare past participle's subject is its patient, not a source
    let d = code("Four people killed in the village were buried on Friday.");
    assert!(
        d.events
            .iter()
            .all(|e| e.source.iter().all(|s| !s.text.contains("people"))),
        "{:?}",
        d.events
    );
}

#[test]
fn an_investigation_is_aimed_at_the_perpetrators() {
    let d = code(
        "Croatia is investigating alleged war crimes by Croatian extremists against civilians.",
    );
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Accuse)
        .expect("an ACCUSE");
    assert!(e.recipient[0].text.contains("Croatian extremists"), "{e:?}");
}

#[test]
fn the_gap_of_a_pattern_holds_its_object() {
    let d = code(
        "The army has been holding thousands of civilian refugees as human shields in the \
         battle zones of the Jaffna peninsula.",
    );
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Coerce)
        .expect("a COERCE");
    assert!(e.recipient[0].text.contains("refugees"), "{e:?}");
}

#[test]
fn a_dateline_and_a_description_are_not_the_subject() {
    let d =
        code("BAMAKO (AFP) - Militants from JNIM attacked an army post in central Mali on Sunday.");
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Assault)
        .expect("an ASSAULT");
    assert_eq!(e.source[0].text, "Militants from JNIM", "{e:?}");
    let d = code(
        "The Iraqi armed group Harakat al-Nujaba refused on Wednesday to disarm, dismissing \
         calls from the Iraqi government.",
    );
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Reject)
        .expect("a REJECT");
    assert_eq!(
        e.source[0].actor.as_deref(),
        Some("harakat-al-nujaba"),
        "{e:?}"
    );
}

#[test]
fn those_demobilized_are_the_source_of_the_retreat() {
    let d = code("Hundreds of FARC guerrillas have been demobilized since the peace accord.");
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Retreat)
        .expect("a RETREAT");
    assert!(e.source[0].text.contains("guerrillas"), "{e:?}");
    assert!(
        e.recipient.iter().all(|r| !r.text.contains("guerrillas")),
        "{e:?}"
    );
}

#[test]
fn an_attributive_participle_is_no_event() {
    let d = code("Thousands of Nigerians marched to protest the recently imposed Sharia law.");
    assert!(!types(&d).contains(&EventType::Coerce), "{:?}", d.events);
    let d = code("The governor imposed a curfew on the city on Friday.");
    assert!(types(&d).contains(&EventType::Coerce), "{:?}", d.events);
}

#[test]
fn a_place_noun_shows_with_the_place_it_lies_in() {
    let d = code("Government forces have retaken a strategic village in northern Mali.");
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Assault)
        .expect("an ASSAULT");
    assert!(
        e.recipient
            .iter()
            .any(|r| r.text == "a strategic village in northern Mali"),
        "{e:?}"
    );
}

#[test]
fn a_concession_after_talks_is_made_to_the_other_side() {
    let d = code(
        "The teachers' union called off its strike on Thursday after deliberations with the \
         Nigerian government.",
    );
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Concede)
        .expect("a CONCEDE");
    assert!(
        e.recipient
            .iter()
            .any(|r| r.text.contains("Nigerian government")),
        "{e:?}"
    );
}

fn event(d: &Document, t: EventType) -> &sitrep_doc::Event {
    d.events
        .iter()
        .find(|e| e.etype == t)
        .unwrap_or_else(|| panic!("a {t:?}: {:?}", d.events))
}

#[test]
fn an_object_relative_pronoun_stands_for_its_antecedent() {
    // "whom" is the object of "blame": the activists are blamed, not the police; the name in
    // an "of" complement gives way to its head's ("members of his government"), except after
    // a quantity ("dozens of")
    let d =
        code("Police arrested dozens of Kurdish activists, whom officials blame for the riots.");
    let e = event(&d, EventType::Accuse);
    assert_eq!(e.source[0].text, "officials", "{e:?}");
    assert_eq!(e.recipient[0].text, "Kurdish activists", "{e:?}");
    assert_eq!(e.recipient[0].rule, "relative-object");
    let d = code(
        "The Fijian rebels said they will release Prime Minister Mahendra Chaudhry and more \
         than 30 members of his government, whom they had taken hostage two weeks ago.",
    );
    let e = event(&d, EventType::Assault);
    assert_eq!(e.recipient.len(), 1, "{e:?}");
    assert_eq!(
        e.recipient[0].text, "Prime Minister Mahendra Chaudhry",
        "{e:?}"
    );
    // "two weeks ago" counts no hostages
    assert!(e.counts.is_empty(), "{:?}", e.counts);
}

#[test]
fn a_subject_with_a_preposition_is_no_subject() {
    // parsed as "Africans ordered out of Nigeria", the reduced relative's "subject" carries
    // "to": the verb coordinated with it shares the sentence's subject instead
    let d = code(
        "Benin opened its borders today to most West Africans ordered out of Nigeria as illegal \
         aliens, but was still refusing admittance to Ghanaians, by far the biggest group \
         involved, Benin police said.",
    );
    let e = event(&d, EventType::Reject);
    assert_eq!(e.source[0].text, "Benin", "{e:?}");
    assert_eq!(e.recipient[0].text, "Ghanaians", "{e:?}");
}

#[test]
fn a_participle_clause_after_a_perfect_takes_the_subject() {
    // the parser makes "has" the main verb and "rejected" its complement; "urging" still
    // has Nepal as its subject, not a name inside the object
    let d = code(
        "Bangladesh has once again outright rejected an Indian proposal for signing Free \
         Trade Agreement (FTA) with her, urging the counterpart to sign the proposed South \
         Asia Free Trade Agreement (SAFTA) instead.",
    );
    let e = event(&d, EventType::Request);
    assert_eq!(e.source[0].text, "Bangladesh", "{e:?}");
}

#[test]
fn an_indirect_object_is_not_a_later_verbs_subject() {
    let d = code(
        "Finland will give Tanzania a grant of 580 million shillings (64.45 million dollars) \
         over the next three years to finance several projects in the country, a statement \
         issued by the ministry of finance said today.",
    );
    let e = event(&d, EventType::Aid);
    assert_eq!(e.source[0].text, "Finland", "{e:?}");
}

#[test]
fn a_place_after_in_and_a_direction_is_no_object() {
    let d = code("Bosnian Serbs attacked Moslem forces in east Bosnia.");
    let e = event(&d, EventType::Assault);
    assert!(e.recipient[0].text.starts_with("Moslem forces"), "{e:?}");
}

#[test]
fn what_a_stance_is_aimed_at_is_the_agent_of_its_object() {
    // a crackdown on a gathering targets its organizers
    let d = code("Riot police prevented the march organized by opposition students in Ankara.");
    let e = event(&d, EventType::Coerce);
    assert!(
        e.recipient[0].text.starts_with("opposition students"),
        "{e:?}"
    );
    assert_eq!(e.recipient[0].rule, "object-agent");
    // a protest targets the perpetrators of what it protests, not where it is held
    let d = code(
        "Hundreds of Kurds rallied in Istanbul to protest the abuses by Turkish security forces \
         in the southeast.",
    );
    let e = event(&d, EventType::Protest);
    assert_eq!(e.recipient.len(), 1, "{e:?}");
    assert!(
        e.recipient[0].text.starts_with("Turkish security forces"),
        "{e:?}"
    );
    // the object's phrase may run through adjectives, participles and prepositions
    let d = code(
        "Thousands of Nigerians were converging Thursday for a rally in Lagos to protest the \
         rights violations under the recently imposed Sharia law by Islamic fundamentalists.",
    );
    let e = event(&d, EventType::Protest);
    assert_eq!(e.recipient[0].text, "Islamic fundamentalists", "{e:?}");
}

#[test]
fn a_seizure_is_not_aimed_at_whoever_the_object_names() {
    // only a gathering's organizers are the target of a crackdown on the object
    let d = code("Colombia seized 44 times the amount of cocaine intercepted by US authorities.");
    let e = event(&d, EventType::Coerce);
    assert_eq!(e.source[0].text, "Colombia", "{e:?}");
    assert!(
        e.recipient.iter().all(|r| r.text != "US authorities"),
        "{e:?}"
    );
}

#[test]
fn the_words_that_set_a_mode_are_its_evidence() {
    let words = |d: &Document, e: &sitrep_doc::Event| {
        e.evidence
            .mode
            .map(|m| d.slice(m).to_string())
            .unwrap_or_default()
    };
    // a mode cue in the sentence
    let d = code("Two soldiers were wounded in a bomb attack near Kabul on Monday.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.mode.as_deref(), Some("explosives"));
    assert_eq!(words(&d, e), "bomb", "{e:?}");
    // a cue on the victim
    let d = code("Gunmen killed the deputy police chief of Kandahar on Monday.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.mode.as_deref(), Some("assassinate"));
    assert_eq!(words(&d, e), "chief", "{e:?}");
    // the complement of a threat
    let d = code("The army threatened to impose a curfew on the city.");
    let e = event(&d, EventType::Threaten);
    assert_eq!(e.mode.as_deref(), Some("curfew"));
    assert_eq!(words(&d, e), "impose a curfew", "{e:?}");
    // the trigger's own pattern: no separate words
    let d = code("Police arrested three protesters in Cairo.");
    let e = event(&d, EventType::Coerce);
    assert_eq!(e.mode.as_deref(), Some("arrest"));
    assert_eq!(e.evidence.mode, None);
}

#[test]
fn aid_goes_to_whom_the_clause_names_after_to() {
    let d =
        code("Japan donated and shipped 20 tonnes of rice and medicine to North Korea last week.");
    let e = event(&d, EventType::Aid);
    assert_eq!(e.recipient[0].text, "North Korea", "{e:?}");
    assert_eq!(e.recipient[0].rule, "aid-destination");
    // a name that only modifies the noun after "to" is no destination
    let d = code(
        "The gang in El Salvador pooled its resources to fund an elite armed unit of gang \
         members as a response to a government crackdown.",
    );
    let e = event(&d, EventType::Aid);
    assert!(
        e.recipient.iter().all(|r| !r.text.contains("government")),
        "{e:?}"
    );
}

#[test]
fn travelling_to_a_town_for_talks_is_consulting_the_other_side() {
    // the gap of "return ... to * for talks" may skip a town after a preposition, and the town
    // is the venue: the other side of the talks is the recipient
    let d = code("Hamas negotiators returned to Cairo for talks with Israel.");
    assert_eq!(types(&d), vec![EventType::Consult], "{:?}", d.events);
    let e = event(&d, EventType::Consult);
    assert_eq!(e.source[0].text, "Hamas negotiators", "{e:?}");
    assert_eq!(e.recipient[0].text, "Israel", "{e:?}");
    let d = code("Russian negotiators return to Geneva this week for talks on missiles.");
    assert_eq!(types(&d), vec![EventType::Consult], "{:?}", d.events);
}

#[test]
fn coordinated_nationality_adjectives_of_a_parsed_subject_each_name_a_source() {
    let d = code("Cuban and American officials agreed to cooperate against drug trafficking.");
    let e = event(&d, EventType::Agree);
    let texts: Vec<&str> = e.source.iter().map(|s| s.text.as_str()).collect();
    assert!(texts.contains(&"American officials"), "{texts:?}");
    assert!(texts.iter().any(|t| t.ends_with("Cuban")), "{texts:?}");
    // "sides" takes the country of its adjective
    let d = code(
        "The Turkish and Greek sides of the divided island of Cyprus have agreed to share \
         information on missing people.",
    );
    let e = event(&d, EventType::Agree);
    let codes: Vec<_> = e.source.iter().filter_map(|s| s.code.as_deref()).collect();
    assert!(codes.contains(&"TUR") && codes.contains(&"GRC"), "{e:?}");
}

#[test]
fn the_venue_of_talks_gives_the_consultation_its_mode() {
    let mode = |text: &str| {
        let d = code(text);
        let e = event(&d, EventType::Consult);
        let at = e.evidence.mode.map(|m| d.slice(m).to_string());
        (e.mode.clone(), at)
    };
    assert_eq!(
        mode("Russian officials held talks in Beijing with Chinese leaders."),
        (Some("visit".into()), Some("Beijing".into()))
    );
    assert_eq!(
        mode("Russian officials held talks in Moscow with Chinese leaders."),
        (Some("host".into()), Some("Moscow".into()))
    );
    assert_eq!(
        mode("Hamas negotiators returned to Cairo for talks with Israel."),
        (Some("third-party".into()), Some("Cairo".into()))
    );
    // no venue, no mode
    assert_eq!(
        mode("Russian officials held talks with Chinese leaders."),
        (None, None)
    );
}

#[test]
fn which_may_stand_for_a_clause_and_is_no_object_relative() {
    // NATO condemns the sending, not Ukraine
    let d = code("Russia sent tanks to Ukraine, which NATO condemned.");
    let e = event(&d, EventType::Accuse);
    assert_eq!(e.source[0].text, "NATO", "{e:?}");
    assert!(e.recipient.iter().all(|r| r.text != "Ukraine"), "{e:?}");
}

#[test]
fn a_protest_purpose_after_a_crackdown_on_a_gathering_is_the_organizers() {
    let d = code("Riot police banned the march organized by opposition parties to protest the election results.");
    let e = event(&d, EventType::Protest);
    assert_eq!(e.source[0].text, "opposition parties", "{e:?}");
    let e = event(&d, EventType::Coerce);
    assert_eq!(e.source[0].text, "Riot police", "{e:?}");
}

#[test]
fn a_participle_after_and_shares_the_first_verbs_passive() {
    // "extradited" has no auxiliary of its own: it is passive like "arrested", so its subject
    // is the one extradited, never the one extraditing
    let d = code("The rebel commander was arrested in Bogota and extradited to the United States by Colombian authorities.");
    let e = event(&d, EventType::Cooperate);
    assert_eq!(e.source[0].text, "Colombian authorities", "{e:?}");
    assert_eq!(e.recipient[0].text, "The rebel commander", "{e:?}");
    let d = code(
        "The rebel commander was arrested in Bogota in 2007 and extradited to the United States.",
    );
    assert!(
        d.events
            .iter()
            .all(|e| e.source.iter().all(|s| s.text != "The rebel commander")),
        "{:?}",
        d.events
    );
}

#[test]
fn people_without_a_name_are_the_target_not_the_place_they_were_in() {
    let d = code("Gunmen killed two shopkeepers in the Mathra area on Monday.");
    let e = event(&d, EventType::Assault);
    assert!(e.recipient[0].text.starts_with("two shopkeepers"), "{e:?}");
    assert_eq!(e.recipient[0].actor, None, "{e:?}");
    let d = code("Gunmen kidnapped three engineers working for a Chinese firm in Balochistan.");
    let e = event(&d, EventType::Assault);
    assert!(e.recipient[0].text.starts_with("three engineers"), "{e:?}");
    // the group people belong to stands for them
    let d = code("Police arrested 24 alleged members of the Zetas in Veracruz.");
    let e = event(&d, EventType::Coerce);
    assert!(e.recipient[0].text.contains("Zetas"), "{e:?}");
}

#[test]
fn a_date_is_no_part_of_a_role_phrase() {
    let d = code("Gunmen opened fire at two separate buildings on Jinnah Road in provincial capital Quetta on May 25.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.recipient[0].text, "Quetta", "{e:?}");
}

#[test]
fn the_army_read_as_a_countrys_army_shows_its_own_words() {
    // the actor is Somalia's military; the text is the sentence's, not "Somali officials"
    let d = code("Somali officials met elders in Kismayo on Monday. The army shelled positions of the rebels near the town.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.source[0].text, "The army", "{e:?}");
    assert!(e.source[0].actor.is_some(), "{e:?}");
    assert_eq!(
        d.slice(sitrep_doc::Span::new(
            e.source[0].start as usize,
            e.source[0].end as usize
        )),
        "The army"
    );
}

#[test]
fn an_agent_noun_in_the_gap_before_to_is_whom_an_order_is_for() {
    let d =
        code("The former president resigned on Monday. A judge ordered authorities to arrest him.");
    let e = event(&d, EventType::Request);
    assert_eq!(e.source[0].text, "A judge", "{e:?}");
    assert_eq!(e.recipient[0].text, "authorities", "{e:?}");
}

#[test]
fn a_participle_that_modifies_a_noun_is_passive() {
    // the people are accused, by someone unnamed: the police arrest, they do not accuse
    let d = code("Police in Guatemala arrested 11 people accused of running a corruption ring.");
    assert!(types(&d).contains(&EventType::Coerce), "{:?}", d.events);
    assert!(
        d.events
            .iter()
            .filter(|e| e.etype == EventType::Accuse)
            .all(|e| e.source.iter().all(|s| !s.text.contains("Police"))),
        "{:?}",
        d.events
    );
    // a main verb the parse may hang on a noun still has its subject
    let d = code("On May 20, machete wielding attackers killed Sanaur Rahman, a homeopath.");
    assert!(types(&d).contains(&EventType::Assault), "{:?}", d.events);
}

#[test]
fn the_possessor_of_an_arrest_is_the_one_arrested() {
    let d = code("In the wake of Oliveira's arrest, the health minister resigned.");
    assert!(
        d.events
            .iter()
            .all(|e| e.source.iter().all(|s| s.text != "Oliveira")),
        "{:?}",
        d.events
    );
}

#[test]
fn the_object_ends_where_a_conjoined_clause_begins() {
    let d = code("Gunmen torched two trucks and warned the villagers.");
    let e = event(&d, EventType::Coerce);
    assert!(
        e.recipient.iter().all(|r| !r.text.contains("villagers")),
        "{e:?}"
    );
    // two verbs before one object share it
    let d = code("Police arrested and deported three Colombian nationals.");
    let e = event(&d, EventType::Coerce);
    assert!(
        e.recipient.iter().any(|r| r.text.contains("Colombian")),
        "{e:?}"
    );
}

#[test]
fn demonstrating_a_quality_is_no_protest() {
    let d = code(
        "The Mexican government demonstrated its commitment to the fight against the cartels.",
    );
    assert!(!types(&d).contains(&EventType::Protest), "{:?}", d.events);
    let d = code("Thousands of students demonstrated in Dhaka on Sunday against the new law.");
    assert!(types(&d).contains(&EventType::Protest), "{:?}", d.events);
}

#[test]
fn a_strike_of_a_trade_is_a_labour_strike() {
    let d = code("The three gangs ordered a general transport strike that paralyzed the capital.");
    assert!(types(&d).contains(&EventType::Protest), "{:?}", d.events);
    assert!(!types(&d).contains(&EventType::Assault), "{:?}", d.events);
}

#[test]
fn a_business_operation_is_no_attack() {
    let d = code("The Sinaloa Cartel has expanded its operations in Peru.");
    assert!(!types(&d).contains(&EventType::Assault), "{:?}", d.events);
    let d = code("Hezbollah suffered severe losses after operations by Israel.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.source[0].text, "Israel", "{e:?}");
}

#[test]
fn releasing_a_report_or_fighting_crime_is_no_event() {
    let d = code("The Colombian government released a report on coca cultivation on Monday.");
    assert!(!types(&d).contains(&EventType::Retreat), "{:?}", d.events);
    let d = code("Figures released by the Colombian government show a rise in coca cultivation.");
    assert!(!types(&d).contains(&EventType::Retreat), "{:?}", d.events);
    let d = code("The Mexican army will fight organized crime in Sinaloa.");
    assert!(!types(&d).contains(&EventType::Assault), "{:?}", d.events);
    // prisoners are released; rebels are fought
    let d = code("The rebels released a number of hostages on Monday.");
    assert!(types(&d).contains(&EventType::Retreat), "{:?}", d.events);
    let d = code("The Mexican army fought the rebels in Sinaloa.");
    assert!(types(&d).contains(&EventType::Assault), "{:?}", d.events);
}

#[test]
fn a_person_without_a_name_is_the_target_not_the_district() {
    let d = code("Maoist rebels have killed a man in Malkangiri District of Odisha on March 4.");
    let e = event(&d, EventType::Assault);
    assert!(e.recipient[0].text.starts_with("a man"), "{e:?}");
}

#[test]
fn a_wh_word_opens_the_clause_not_the_phrase() {
    let d = code("Nine people were injured on Monday when suspected militants attacked the office of the National Party.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.source[0].text, "suspected militants", "{e:?}");
}

#[test]
fn striking_a_deal_is_no_attack() {
    let d = code("The Colombian government struck a deal with the paramilitaries.");
    assert!(!types(&d).contains(&EventType::Assault), "{:?}", d.events);
    let d = code("Colombian troops struck rebel positions in Cauca.");
    assert!(types(&d).contains(&EventType::Assault), "{:?}", d.events);
    // targets struck are an attack's (hitting one's targets is not, but reads the same)
    let d = code("Israeli warplanes struck targets in the Gaza Strip on Wednesday.");
    assert!(types(&d).contains(&EventType::Assault), "{:?}", d.events);
}

#[test]
fn a_decline_in_numbers_is_no_rejection() {
    let d = code("The influence of the Zetas has declined in Guatemala.");
    assert!(!types(&d).contains(&EventType::Reject), "{:?}", d.events);
    let d = code("The Guatemalan government declined to comment on the report.");
    assert!(types(&d).contains(&EventType::Reject), "{:?}", d.events);
}

#[test]
fn people_without_a_name_are_the_recipient_when_nothing_else_is() {
    let d = code("Maoist rebels killed two persons in separate incidents on Monday.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.recipient[0].text, "two persons", "{e:?}");
    // a thing with a person's suffix is no one
    let d = code("Colombian police seized a million liters of contraband fuel.");
    let e = event(&d, EventType::Coerce);
    assert!(
        e.recipient.iter().all(|r| !r.text.contains("liters")),
        "{e:?}"
    );
}

#[test]
fn whom_a_call_is_made_to_is_the_object_before_to() {
    let d = code("The African Union urged both sides to protect civilians.");
    let e = event(&d, EventType::Request);
    assert_eq!(e.recipient[0].text, "both sides", "{e:?}");
    assert_eq!(e.recipient[0].actor, None, "{e:?}");
}

#[test]
fn a_source_phrase_that_swallows_the_trigger_keeps_its_own_words() {
    // the parser hangs "opened" on "fire" as an adjective, so the subject's phrase runs
    // through the trigger; what is shown is the part before it, the source's own words
    let d = code(
        "According to Police, unidentified armed militants opened fire at 12 NATO oil \
         tankers parked outside a roadside restaurant.",
    );
    let e = event(&d, EventType::Assault);
    assert_eq!(e.source.len(), 1, "{e:?}");
    assert_eq!(e.source[0].text, "unidentified armed militants", "{e:?}");
    // a headline in title case: the subject is the name before the verb, not its object
    let d = code("Costa Rica Battles Illegal Logging Gangs.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.source[0].text, "Costa Rica", "{e:?}");
}

#[test]
fn a_participle_on_a_subject_with_a_verb_of_its_own_is_passive() {
    // "arrested in the raid" modifies the subject of "were taken": the militants are who was
    // arrested, not who arrested; no one is named as arresting, so there is no event
    let d = code("The militants arrested in the raid were taken to Kabul.");
    assert!(!types(&d).contains(&EventType::Coerce), "{:?}", d.events);
    // a participle the parse hangs on a subject, with a comma before the later verb, is the
    // main verb
    let d = code(
        "The militants stormed into the office room located near his residence, met the \
         trader there and asked him for a ransom.",
    );
    let e = event(&d, EventType::Assault);
    assert_eq!(e.source[0].text, "The militants", "{e:?}");
}

#[test]
fn the_speaker_is_not_the_agent_of_a_passive_pronoun() {
    // "they" is who was abducted, so it is not read as the speaker's own act
    let d = code("Police said they were abducted, blindfolded and taken inside deep forest.");
    assert!(
        d.events
            .iter()
            .all(|e| e.source.iter().all(|s| s.text != "Police")),
        "{:?}",
        d.events
    );
    // an agent the dictionaries know is the source
    let d = code(
        "The battalion commander said the patrol returned fire when they were attacked by \
         the miscreants who were on a trawler.",
    );
    let e = d
        .events
        .iter()
        .find(|e| e.evidence.trigger.start as usize == d.text().find("attacked").unwrap())
        .unwrap_or_else(|| panic!("an event at 'attacked': {:?}", d.events));
    assert_eq!(e.source[0].text, "the miscreants", "{e:?}");
}

#[test]
fn a_weapon_or_a_lawsuit_named_by_an_act_noun_is_no_act() {
    for text in [
        "Police seized two assault rifles from the gang's hideout in Cali.",
        "The company won a court battle against a publisher in London.",
        "The police union said the officers died of a heart attack during the police strike.",
    ] {
        let d = code(text);
        assert!(
            !types(&d).contains(&EventType::Assault),
            "{text}: {:?}",
            d.events
        );
    }
    // the act itself still is one
    let d = code("Gunmen launched an assault on the police station in Cali.");
    assert!(types(&d).contains(&EventType::Assault), "{:?}", d.events);
}

#[test]
fn who_was_released_did_not_release_anyone() {
    // a released hostage is the recipient of the release, never its source: with no agent
    // named there is no event
    let d = code("The villager was released before reaching the spot of the encounter.");
    assert!(!types(&d).contains(&EventType::Retreat), "{:?}", d.events);
    // troops withdrawn from a place still withdraw
    let d = code("Ethiopian troops were withdrawn from the border town on Monday.");
    assert!(types(&d).contains(&EventType::Retreat), "{:?}", d.events);
    // a named agent releases
    let d = code("The other villagers were released by the Maoists.");
    let e = event(&d, EventType::Retreat);
    assert_eq!(e.source[0].text, "the Maoists", "{e:?}");
}

#[test]
fn participle_clauses_and_stand_accused_are_passive() {
    for text in [
        // "stand" before a participle works as a passive auxiliary
        "Prado stands accused of heading the most powerful criminal organization.",
        // a participle clause after a comma, with no subject or object of its own
        "The man was arrested in June, accused of working with the Valle Valle drug \
         trafficking organization.",
    ] {
        let d = code(text);
        assert!(
            !types(&d).contains(&EventType::Accuse),
            "{text}: {:?}",
            d.events
        );
    }
    // what such a clause is about is the governing verb's subject: a report is no prisoner
    let d = code(
        "The report, released on November 9 by the watchdog group Global Witness, tells \
         the story of the operation.",
    );
    assert!(!types(&d).contains(&EventType::Retreat), "{:?}", d.events);
}

#[test]
fn one_recognizes_a_state_not_a_need() {
    for text in [
        "The government recognizes the need to change its strategy.",
        "Authorities seem to recognize this.",
        "The Venezuelan government has recognized that illegal mining is growing.",
    ] {
        let d = code(text);
        assert!(
            !types(&d).contains(&EventType::Support),
            "{text}: {:?}",
            d.events
        );
    }
    let d = code("Turkey said it would not recognise Cyprus.");
    assert!(types(&d).contains(&EventType::Support), "{:?}", d.events);
    let d = code("Sweden recognized the independence of Kosovo on Monday.");
    assert!(types(&d).contains(&EventType::Support), "{:?}", d.events);
}

#[test]
fn a_phrase_between_commas_does_not_hide_a_negation() {
    let d = code("The rebels have not, as far as we know, attacked the town.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.factuality, sitrep_doc::Factuality::Negated, "{e:?}");
    // a comma that ends the subject is no such phrase
    let d = code("The rebels, who had not eaten for days, attacked the town.");
    let e = event(&d, EventType::Assault);
    assert_eq!(e.factuality, sitrep_doc::Factuality::Asserted, "{e:?}");
}

#[test]
fn capturing_people_is_an_arrest_and_capturing_a_town_an_attack() {
    let d = code("Police in Paraguay captured four members of a PCC cell on Monday.");
    let e = event(&d, EventType::Coerce);
    assert_eq!(e.mode.as_deref(), Some("arrest"), "{e:?}");
    assert!(!types(&d).contains(&EventType::Assault), "{:?}", d.events);
    let d = code("Taliban fighters captured the town of Kunduz on Monday.");
    assert!(types(&d).contains(&EventType::Assault), "{:?}", d.events);
}

#[test]
fn meeting_a_demand_or_a_target_is_no_meeting() {
    for text in [
        "Criminal groups are trafficking heroin to meet demand for opioids in the United States.",
        "Bolivia failed to meet its anti-narcotics obligations.",
        "Two more leaders met similar fates in the rural areas of El Mango.",
    ] {
        let d = code(text);
        assert!(
            !types(&d).contains(&EventType::Consult),
            "{text}: {:?}",
            d.events
        );
    }
    let d = code("The Colombian president met the FARC leaders in Havana on Monday.");
    assert!(types(&d).contains(&EventType::Consult), "{:?}", d.events);
}

#[test]
fn a_pronoun_possessor_of_an_arrest_is_the_one_arrested() {
    let d = code("Until his arrest, Ignacio had openly lived with his family in Buenos Aires.");
    assert!(
        d.events
            .iter()
            .filter(|e| e.etype == EventType::Coerce)
            .all(|e| e.source.is_empty()),
        "{:?}",
        d.events
    );
    let d = code(
        "Gandara was running for a seat prior to his arrest in February 2012 by the US Drug \
         Enforcement Administration.",
    );
    let e = event(&d, EventType::Coerce);
    assert_eq!(
        e.source[0].text, "the US Drug Enforcement Administration",
        "{e:?}"
    );
    assert_eq!(e.recipient[0].text, "his", "{e:?}");
}

#[test]
fn withdrawing_an_offer_or_giving_free_rein_is_no_retreat() {
    for text in [
        "The businessman publicly withdrew his offer for the club on Monday.",
        "The unions want the government to withdraw these regulations.",
        "Army commanders give the cartel boss free rein to operate in the region.",
    ] {
        let d = code(text);
        assert!(
            !types(&d).contains(&EventType::Retreat),
            "{text}: {:?}",
            d.events
        );
    }
    let d = code("Ethiopia withdrew its troops from Somalia on Monday.");
    assert!(types(&d).contains(&EventType::Retreat), "{:?}", d.events);
}

#[test]
fn a_participle_after_and_and_an_adverb_shares_the_passive() {
    for text in [
        "Ivan Archivaldo was arrested in Mexico for money laundering in 2005, and later released.",
        "Earlier this month Villanueva was returned to Mexico and subsequently arrested.",
    ] {
        let d = code(text);
        assert!(
            d.events.iter().all(|e| e.source.is_empty()
                || !e.source[0].text.contains("Archivaldo")
                    && !e.source[0].text.contains("Villanueva")),
            "{text}: {:?}",
            d.events
        );
    }
}

#[test]
fn a_participle_describing_a_noun_reports_no_act() {
    for text in [
        "The authorities discovered ten abandoned vehicles as well as four wounded people.",
        "They were charged with the killing of three demobilized members of the FARC.",
    ] {
        let d = code(text);
        assert!(
            !types(&d).contains(&EventType::Assault) && !types(&d).contains(&EventType::Retreat),
            "{text}: {:?}",
            d.events
        );
    }
    // a verb after "to both" is still one
    let d = code("President Varela continued to both threaten gangs and offer an amnesty.");
    assert!(types(&d).contains(&EventType::Threaten), "{:?}", d.events);
}

#[test]
fn a_clause_opener_is_not_part_of_a_name_or_a_role() {
    let d =
        code("When Argentine authorities launched an investigation into the gang, they failed.");
    let e = event(&d, EventType::Accuse);
    assert_eq!(e.source[0].text, "Argentine authorities", "{e:?}");
    // not even where the sentence splitter missed the sentence's start
    let d = code("The talks went on -- Although Morales rejected the plan on Monday.");
    assert!(
        d.mentions
            .iter()
            .all(|m| !d.slice(m.span).starts_with("Although")),
        "{:?}",
        d.mentions
    );
}
