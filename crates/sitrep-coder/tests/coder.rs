//! Integration tests of the coder on hand-built documents: a tiny tokenizer and mention
//! builder stand in for the segment and actors stages, so the coder is tested alone.

use sitrep_coder::{code_document, explain, PatternSet};
use sitrep_doc::{
    Actor, ActorKind, Document, EntityType, Event, EventType, Factuality, Mention, Metadata,
    Sentence, Span, Token, TokenKind,
};

/// Builds a one-sentence document; `names` are (surface text, actor id, code, sector).
fn doc(text: &str, names: &[(&str, &str, &str, &str)]) -> Document {
    let mut d = Document::new("t", text, Metadata::default());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            while i < bytes.len() {
                let c = text[i..].chars().next().unwrap();
                if c.is_alphanumeric()
                    || c == '-'
                    || c == ',' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit()
                {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            if text[start..i].ends_with("n") && text[i..].starts_with("'t") {
                i -= 1;
            }
            let kind = if text[start..i]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',')
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            d.tokens.push(Token::new(Span::new(start, i), kind));
        } else if text[i..].starts_with("'s") || text[i..].starts_with("n't") {
            let l = if text[i..].starts_with("'s") { 2 } else { 3 };
            i += l;
            d.tokens
                .push(Token::new(Span::new(start, i), TokenKind::Word));
        } else {
            i += c.len_utf8();
            d.tokens
                .push(Token::new(Span::new(start, i), TokenKind::Punct));
        }
    }
    d.sentences.push(Sentence {
        span: Span::new(0, text.trim_end().len()),
        tokens: (0, d.tokens.len() as u32),
        headline: false,
    });
    for (name, id, code, sector) in names {
        let mut from = 0;
        while let Some(p) = text[from..].find(name) {
            let s = from + p;
            d.mentions.push(Mention {
                span: Span::new(s, s + name.len()),
                sentence: 0,
                etype: EntityType::Org,
                actor: Some(id.to_string()),
                modifier: false,
                antecedent: None,
                rule: "test".into(),
            });
            from = s + name.len();
        }
        if d.actor(id).is_none() {
            d.actors.push(Actor {
                id: id.to_string(),
                name: name.to_string(),
                code: Some(code.to_string()),
                sector: Some(sector.to_string()),
                kind: ActorKind::Org,
            });
        }
    }
    d.mentions.sort_by_key(|m| m.span.start);
    d
}

fn code(d: &Document) -> Vec<Event> {
    code_document(&PatternSet::builtin(), d)
}

/// Actor ids of the sources (role texts are whole noun phrases, ids are stable).
fn src(e: &Event) -> Vec<&str> {
    e.source.iter().filter_map(|r| r.actor.as_deref()).collect()
}

fn rcp(e: &Event) -> Vec<&str> {
    e.recipient
        .iter()
        .filter_map(|r| r.actor.as_deref())
        .collect()
}

const HAMAS: (&str, &str, &str, &str) = ("Hamas", "hamas", "PSE", "REB");
const ISRAEL: (&str, &str, &str, &str) = ("Israel", "israel", "ISR", "GOV");
const HOUTHIS: (&str, &str, &str, &str) = ("Houthis", "houthis", "YEM", "REB");
const US: (&str, &str, &str, &str) = ("US", "usa", "USA", "GOV");

#[test]
fn active_attack_has_subject_source_and_object_recipient() {
    let d = doc("Hamas attacked Israel on Saturday.", &[HAMAS, ISRAEL]);
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Assault);
    assert_eq!(src(&ev[0]), ["hamas"]);
    assert_eq!(rcp(&ev[0]), ["israel"]);
    assert_eq!(ev[0].factuality, Factuality::Asserted);
}

#[test]
fn passive_agent_becomes_source() {
    let d = doc(
        "The Houthis have been targeted by US airstrikes.",
        &[HOUTHIS, US],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "one merged event: {ev:#?}");
    assert_eq!(src(&ev[0]), ["usa"]);
    assert_eq!(rcp(&ev[0]), ["houthis"]);
    assert_eq!(ev[0].mode.as_deref(), Some("heavy-weapons"));
}

#[test]
fn negation_makes_the_event_negated() {
    let d = doc("Israel did not attack Hamas.", &[HAMAS, ISRAEL]);
    let ev = code(&d);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].factuality, Factuality::Negated);
}

#[test]
fn intention_to_disarm_is_an_agreement() {
    let d = doc("Hamas is prepared to lay down its weapons.", &[HAMAS]);
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Agree);
    assert!(ev[0].rule.contains("lay-down-arms"), "{}", ev[0].rule);
    assert_eq!(ev[0].factuality_cue.as_deref(), Some("intent: prepared"));
}

#[test]
fn announced_conflictual_act_is_a_threat() {
    // "it" stands in for the actors stage's coreference
    let d = doc(
        "Israel said it would impose sanctions on Hamas.",
        &[HAMAS, ISRAEL, ("it", "israel", "ISR", "GOV")],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Threaten);
    assert_eq!(ev[0].factuality, Factuality::Asserted);
    assert_eq!(rcp(&ev[0]), ["hamas"]);
}

#[test]
fn plain_would_without_condition_or_report_stays_hypothetical() {
    let d = doc("Hamas would attack Israel.", &[HAMAS, ISRAEL]);
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Assault);
    assert_eq!(ev[0].factuality, Factuality::Hypothetical);
}

#[test]
fn conditional_strike_becomes_an_asserted_threat() {
    let d = doc(
        "Israel would launch airstrikes on Hamas if the rockets continued.",
        &[HAMAS, ISRAEL],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Threaten);
    assert_eq!(ev[0].factuality, Factuality::Asserted);
    assert_eq!(src(&ev[0]), ["israel"]);
    assert_eq!(rcp(&ev[0]), ["hamas"]);
}

#[test]
fn embedded_complement_is_absorbed_into_the_refusal() {
    let d = doc("Hamas rejected calls to lay down its weapons.", &[HAMAS]);
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Reject);
    assert_eq!(ev[0].mode.as_deref(), Some("yield"));
}

#[test]
fn coordinated_subjects_are_all_sources() {
    let d = doc(
        "Hamas and the Houthis attacked Israel.",
        &[HAMAS, HOUTHIS, ISRAEL],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1);
    let mut s = src(&ev[0]);
    s.sort();
    assert_eq!(s, ["hamas", "houthis"]);
}

#[test]
fn nominal_event_without_actor_is_not_coded() {
    let d = doc("The proposed talks come after weeks of warnings.", &[]);
    assert!(code(&d).is_empty());
}

#[test]
fn possessive_and_by_agent_give_nominal_sources() {
    let d = doc(
        "Hamas suffered losses after operations by Israel.",
        &[HAMAS, ISRAEL],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(src(&ev[0]), ["israel"]);
    assert_eq!(rcp(&ev[0]), ["hamas"]);
}

#[test]
fn speech_verb_gives_attribution() {
    let d = doc(
        "Hamas attacked Israel, Reuters reported.",
        &[HAMAS, ISRAEL, ("Reuters", "reuters", "GBR", "JRN")],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1);
    assert!(
        ev[0].attribution.iter().any(|a| a.text == "Reuters"),
        "{:?}",
        ev[0].attribution
    );
}

#[test]
fn according_to_a_report_attributes_to_its_author_and_ends_the_phrase_before() {
    const MOD: (&str, &str, &str, &str) = ("Defense Ministry", "mod", "ISR", "MIL");
    let text =
        "Israel attacked Hamas according to a special report submitted to the Defense Ministry.";
    let mut d = doc(text, &[HAMAS, ISRAEL, MOD]);
    set_parse(
        &mut d,
        &[
            ("PROPN", "NNP", "Israel", 2, "nsubj"),
            ("VERB", "VBD", "attack", 0, "root"),
            ("PROPN", "NNP", "Hamas", 2, "obj"),
            ("VERB", "VBG", "accord", 8, "case"),
            ("ADP", "IN", "to", 4, "fixed"),
            ("DET", "DT", "a", 8, "det"),
            ("ADJ", "JJ", "special", 8, "amod"),
            ("NOUN", "NN", "report", 2, "obl"),
            ("VERB", "VBN", "submit", 8, "acl"),
            ("ADP", "IN", "to", 13, "case"),
            ("DET", "DT", "the", 13, "det"),
            ("PROPN", "NNP", "Defense", 13, "compound"),
            ("PROPN", "NNP", "Ministry", 9, "obl"),
            ("PUNCT", ".", ".", 2, "punct"),
        ],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    // "according to" is no reduced relative clause of "Hamas"
    assert_eq!(ev[0].recipient[0].text, "Hamas", "{:?}", ev[0].recipient);
    let at = &ev[0].attribution;
    assert!(
        at.iter().any(
            |a| a.text == "a special report submitted to the Defense Ministry"
                && a.actor.as_deref() == Some("mod")
                && a.rule == "attribution:according-to"
        ),
        "{at:?}"
    );
    // the noun "report" is no speech verb with a speaker before it
    assert!(at.iter().all(|a| a.rule != "attribution:speaker"), "{at:?}");
}

#[test]
fn event_ids_are_stable_and_spans_valid() {
    let d = doc("Hamas attacked Israel.", &[HAMAS, ISRAEL]);
    let a = code(&d);
    let b = code(&d);
    assert_eq!(a[0].id, b[0].id);
    let t = a[0].evidence.trigger;
    assert_eq!(t.slice(d.text()), "attacked");
}

#[test]
fn role_text_is_the_whole_noun_phrase() {
    let d = doc(
        "Iraqi Prime Minister Sudani visited Iran.",
        &[
            ("Sudani", "sudani", "IRQ", "GOV"),
            ("Iran", "iran", "IRN", "GOV"),
        ],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].source[0].text, "Iraqi Prime Minister Sudani");
    let span = sitrep_doc::Span {
        start: ev[0].source[0].start,
        end: ev[0].source[0].end,
    };
    assert_eq!(
        span.slice(d.text()),
        ev[0].source[0].text,
        "the filler's span is its text"
    );
}

#[test]
fn apposition_does_not_steal_the_subject() {
    let d = doc(
        "Israel, a close ally of Hamas, attacked the Houthis.",
        &[ISRAEL, HAMAS, HOUTHIS],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(src(&ev[0]), ["israel"]);
    assert_eq!(rcp(&ev[0]), ["houthis"]);
}

#[test]
fn threat_recipient_is_the_subject_of_its_condition() {
    let d = doc(
        "Israel threatened to halt aid unless Hamas released the hostages.",
        &[ISRAEL, HAMAS],
    );
    let ev = code(&d);
    let threat = ev
        .iter()
        .find(|e| e.etype == EventType::Threaten)
        .expect("a threat");
    assert_eq!(rcp(threat), ["hamas"]);
}

/// Sets tags and a dependency parse on `d`'s tokens: `(upos, xpos, lemma, head, deprel)` per
/// token, heads 1-based within the sentence (0 for the root), as CoNLL-U writes them.
fn set_parse(d: &mut Document, rows: &[(&str, &str, &str, u32, &str)]) {
    assert_eq!(d.tokens.len(), rows.len(), "one row per token");
    for (t, &(upos, xpos, lemma, head, rel)) in d.tokens.iter_mut().zip(rows) {
        t.upos = Some(upos.into());
        t.xpos = Some(xpos.into());
        t.lemma = Some(lemma.into());
        t.head = Some(if head == 0 { u32::MAX } else { head - 1 });
        t.deprel = Some(rel.into());
    }
}

#[test]
fn a_name_beside_a_common_noun_subject_is_the_subject() {
    const NUJABA: (&str, &str, &str, &str) = ("Harakat al-Nujaba", "nujaba", "IRQ", "PRM");
    // A description that names an actor of its own (as "Iraqi armed group" does).
    const GROUP: (&str, &str, &str, &str) = ("The armed group", "armed-group", "IRQ", "PRM");
    let text = "The armed group Harakat al-Nujaba refused to disarm.";
    // The tokens: The armed group Harakat al-Nujaba refused to disarm .
    // Heads and relations of "Harakat" and "al-Nujaba", and the UPOS of "al-Nujaba".
    let parse = |harakat: (u32, &str), nujaba: (u32, &str, &str)| {
        let mut d = doc(text, &[GROUP, NUJABA]);
        set_parse(
            &mut d,
            &[
                ("DET", "DT", "the", 3, "det"),
                ("ADJ", "JJ", "armed", 3, "amod"),
                ("NOUN", "NN", "group", 6, "nsubj"),
                ("PROPN", "NNP", "Harakat", harakat.0, harakat.1),
                (nujaba.2, "NNP", "al-Nujaba", nujaba.0, nujaba.1),
                ("VERB", "VBD", "refuse", 0, "root"),
                ("PART", "TO", "to", 8, "mark"),
                ("VERB", "VB", "disarm", 6, "xcomp"),
                ("PUNCT", ".", ".", 6, "punct"),
            ],
        );
        d
    };
    // The name in apposition with "group"; the same name parsed as a second subject of
    // "refused" right after it, headed by its first word or by its last (tagged a noun, as
    // the tagger may tag an unknown name's word): each time the group's name is the source.
    let parses = [
        ("appos", (3, "appos"), (4, "flat", "PROPN")),
        ("second subject", (6, "nsubj"), (4, "flat", "PROPN")),
        (
            "second subject, last word",
            (5, "compound"),
            (6, "nsubj", "PROPN"),
        ),
        (
            "second subject, a noun",
            (5, "compound"),
            (6, "nsubj", "NOUN"),
        ),
    ];
    for (what, harakat, nujaba) in parses {
        let ev = code(&parse(harakat, nujaba));
        let reject = ev
            .iter()
            .find(|e| e.etype == EventType::Reject)
            .unwrap_or_else(|| panic!("a REJECT with {what}: {ev:#?}"));
        assert_eq!(src(reject), ["nujaba"], "{what}: {reject:#?}");
        assert!(
            reject.source[0].rule.ends_with("+apposition"),
            "{what}: {reject:#?}"
        );
    }
}

/// The mode of each event coded from `text`, in order.
fn modes(text: &str, names: &[(&str, &str, &str, &str)]) -> Vec<(EventType, Option<String>)> {
    code(&doc(text, names))
        .into_iter()
        .map(|e| (e.etype, e.mode))
        .collect()
}

#[test]
fn the_instrument_in_the_sentence_gives_an_assault_its_mode() {
    let one = |text: &str| {
        let ev = modes(text, &[HAMAS, ISRAEL]);
        assert_eq!(ev.len(), 1, "{text}: {ev:?}");
        assert_eq!(ev[0].0, EventType::Assault, "{text}");
        ev[0].1.clone()
    };
    assert_eq!(
        one("Hamas wounded two soldiers in a bomb attack on Thursday.").as_deref(),
        Some("explosives")
    );
    assert_eq!(
        one("Hamas wounded two soldiers with a land mine.").as_deref(),
        Some("explosives")
    );
    assert_eq!(
        one("Hamas wounded two soldiers with machetes.").as_deref(),
        Some("primitive")
    );
    assert_eq!(
        one("Hamas wounded two soldiers in a mortar barrage.").as_deref(),
        Some("heavy-weapons")
    );
    // `sitrep explain` says which cue set the mode
    let mut d = doc(
        "Hamas wounded two soldiers in a bomb attack on Thursday.",
        &[HAMAS],
    );
    d.events = code(&d);
    let why = explain(&PatternSet::builtin(), &d);
    assert!(
        why[0]
            .rewrites
            .iter()
            .any(|r| r.starts_with("+cue:explosives: mode explosives")),
        "{:?}",
        why[0].rewrites
    );
    // a suicide attack is one whatever other instrument is named nearer the trigger
    assert_eq!(
        one("A suicide bomber from Hamas detonated a car bomb and wounded two soldiers.")
            .as_deref(),
        Some("suicide-attack")
    );
    // no instrument, no mode; words that name other things are no instruments
    assert_eq!(one("Hamas wounded two soldiers near Israel."), None);
    assert_eq!(one("Hamas wounded two guards at a gold mine."), None);
}

#[test]
fn killing_a_leader_is_an_assassination() {
    // "Hamas killed the army chief of Israel ." parsed: the chief is the object of killed
    let mut d = doc("Hamas killed the army chief of Israel.", &[HAMAS, ISRAEL]);
    set_parse(
        &mut d,
        &[
            ("PROPN", "NNP", "Hamas", 2, "nsubj"),
            ("VERB", "VBD", "kill", 0, "root"),
            ("DET", "DT", "the", 5, "det"),
            ("NOUN", "NN", "army", 5, "compound"),
            ("NOUN", "NN", "chief", 2, "obj"),
            ("ADP", "IN", "of", 7, "case"),
            ("PROPN", "NNP", "Israel", 5, "nmod"),
            ("PUNCT", ".", ".", 2, "punct"),
        ],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].mode.as_deref(), Some("assassinate"));
    assert!(
        ev[0].rule.ends_with("+cue:assassinate-leader"),
        "{}",
        ev[0].rule
    );
    // the same words with the chief outside the object ("killed two soldiers of the chief")
    let mut d = doc("Hamas killed two soldiers near the chief.", &[HAMAS]);
    set_parse(
        &mut d,
        &[
            ("PROPN", "NNP", "Hamas", 2, "nsubj"),
            ("VERB", "VBD", "kill", 0, "root"),
            ("NUM", "CD", "two", 4, "nummod"),
            ("NOUN", "NNS", "soldier", 2, "obj"),
            ("ADP", "IN", "near", 7, "case"),
            ("DET", "DT", "the", 7, "det"),
            ("NOUN", "NN", "chief", 2, "obl"),
            ("PUNCT", ".", ".", 2, "punct"),
        ],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].mode, None);
}

#[test]
fn a_threat_takes_the_mode_of_what_is_threatened() {
    let threat = |text: &str| {
        let ev = modes(text, &[HAMAS, ISRAEL]);
        assert_eq!(ev.len(), 1, "{text}: {ev:?}");
        assert_eq!(ev[0].0, EventType::Threaten, "{text}");
        ev[0].1.clone()
    };
    assert_eq!(
        threat("Israel threatened to impose a curfew on Hamas.").as_deref(),
        Some("curfew")
    );
    assert_eq!(
        threat("Israel threatened to stop negotiations with Hamas.").as_deref(),
        Some("relations")
    );
    assert_eq!(
        threat("Israel threatened to blockade Hamas.").as_deref(),
        Some("restrict")
    );
    assert_eq!(
        threat("Israel threatened to attack Hamas.").as_deref(),
        Some("violence")
    );
}

#[test]
fn demands_and_refusals_use_plover_modes() {
    let ev = modes(
        "Hamas rejected calls for talks with Israel.",
        &[HAMAS, ISRAEL],
    );
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0], (EventType::Reject, Some("meet".to_string())));
    for (t, m) in &ev {
        assert!(m.as_deref().is_none_or(|m| t.allows_mode(m)), "{t} {m:?}");
    }
}

#[test]
fn withdrawing_observers_is_a_sanction_and_announcing_it_a_threat() {
    let one = |text: &str| {
        let ev = modes(text, &[HAMAS, ISRAEL]);
        assert_eq!(ev.len(), 1, "{text}: {ev:?}");
        ev[0].clone()
    };
    assert_eq!(
        one("Israel withdrew its monitors from Hamas territory."),
        (EventType::Sanction, Some("withdraw".to_string()))
    );
    assert_eq!(
        one("Israel will withdraw its monitors from Hamas territory."),
        (EventType::Threaten, Some("relations".to_string()))
    );
    // troops leaving is a retreat
    assert_eq!(
        one("Israel withdrew its troops from Hamas territory.").0,
        EventType::Retreat
    );
}

#[test]
fn a_role_noun_keeps_the_name_after_it() {
    const MILITANTS: (&str, &str, &str, &str) = ("Militants", "militants", "IRQ", "REB");
    const ZARQAWI: (&str, &str, &str, &str) = ("Abu Musab al-Zarqawi", "zarqawi", "IRQ", "REB");
    let text = "Militants loyal to the frontman Abu Musab al-Zarqawi attacked Israel.";
    let mut d = doc(text, &[MILITANTS, ZARQAWI, ISRAEL]);
    for m in &mut d.mentions {
        if m.actor.as_deref() == Some("zarqawi") {
            m.etype = EntityType::Per;
        }
    }
    set_parse(
        &mut d,
        &[
            ("NOUN", "NNS", "militant", 9, "nsubj"),
            ("ADJ", "JJ", "loyal", 1, "amod"),
            ("ADP", "IN", "to", 5, "case"),
            ("DET", "DT", "the", 5, "det"),
            ("NOUN", "NN", "frontman", 2, "obl"),
            ("PROPN", "NNP", "Abu", 5, "appos"),
            ("PROPN", "NNP", "Musab", 6, "flat"),
            ("PROPN", "NNP", "al-Zarqawi", 6, "flat"),
            ("VERB", "VBD", "attack", 0, "root"),
            ("PROPN", "NNP", "Israel", 9, "obj"),
            ("PUNCT", ".", ".", 9, "punct"),
        ],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(src(&ev[0]), ["militants"]);
    assert_eq!(
        ev[0].source[0].text,
        "Militants loyal to the frontman Abu Musab al-Zarqawi"
    );
}

#[test]
fn signing_a_treaty_is_support_and_signing_a_truce_an_agreement() {
    let one = |text: &str| {
        let ev = code(&doc(text, &[HAMAS, ISRAEL]));
        assert_eq!(ev.len(), 1, "{text}: {ev:#?}");
        assert_eq!(src(&ev[0]), ["israel"], "{text}");
        ev[0].etype
    };
    // PLOVER: SUPPORT covers signing or ratifying an agreement, AGREE promising to
    assert_eq!(
        one("Israel signed a treaty of friendship."),
        EventType::Support
    );
    assert_eq!(
        one("Israel signed a ceasefire deal with Hamas."),
        EventType::Agree
    );
    assert_eq!(one("Israel signed a truce with Hamas."), EventType::Agree);
}

#[test]
fn being_committed_to_an_act_is_no_passive() {
    let ev = code(&doc(
        "Israel is committed to opening the border.",
        &[ISRAEL],
    ));
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Agree);
    assert_eq!(src(&ev[0]), ["israel"]);
}

#[test]
fn an_aid_cut_is_aimed_at_whom_the_aid_is_for() {
    // "military" names an actor of its own; inside the trigger it only says what kind of aid
    const MILITARY: (&str, &str, &str, &str) = ("military", "military", "ISR", "MIL");
    let mut d = doc(
        "Israel suspended a military aid program for Hamas.",
        &[ISRAEL, MILITARY, HAMAS],
    );
    set_parse(
        &mut d,
        &[
            ("PROPN", "NNP", "Israel", 2, "nsubj"),
            ("VERB", "VBD", "suspend", 0, "root"),
            ("DET", "DT", "a", 6, "det"),
            ("ADJ", "JJ", "military", 5, "amod"),
            ("NOUN", "NN", "aid", 6, "compound"),
            ("NOUN", "NN", "program", 2, "obj"),
            ("ADP", "IN", "for", 8, "case"),
            ("PROPN", "NNP", "Hamas", 6, "nmod"),
            ("PUNCT", ".", ".", 2, "punct"),
        ],
    );
    let ev = code(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Sanction);
    assert_eq!(rcp(&ev[0]), ["hamas"], "{:?}", ev[0].recipient);
    // a name in the gap of the trigger is its recipient
    let ev = code(&doc("Israel gave Hamas a grant.", &[ISRAEL, HAMAS]));
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(rcp(&ev[0]), ["hamas"], "{:?}", ev[0].recipient);
}

#[test]
fn travel_for_talks_consults_and_admitting_observers_gives_access() {
    let one = |text: &str| {
        let ev = modes(text, &[HAMAS, ISRAEL]);
        assert_eq!(ev.len(), 1, "{text}: {ev:?}");
        ev[0].clone()
    };
    assert_eq!(
        one("Hamas negotiators returned to Cairo for talks with Israel.").0,
        EventType::Consult
    );
    assert_eq!(
        one("Hamas admitted observers from Israel."),
        (EventType::Retreat, Some("access".to_string()))
    );
    assert_eq!(
        one("Israel paid compensation to Hamas."),
        (EventType::Retreat, Some("return".to_string()))
    );
}

#[test]
fn protesters_calling_for_a_leaders_removal_protest_against_the_leader() {
    const CROWD: (&str, &str, &str, &str) = ("Demonstrators", "demonstrators", "ISR", "CVL");
    const LEADER: (&str, &str, &str, &str) = ("President Levy", "levy", "ISR", "GOV");
    let ev = code(&doc(
        "Demonstrators rioted on Friday, calling for the immediate removal of President Levy.",
        &[CROWD, LEADER],
    ));
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Protest);
    assert_eq!(rcp(&ev[0]), ["levy"], "{:?}", ev[0].recipient);
}

#[test]
fn an_adverbial_gerund_shares_the_subject_of_its_verb() {
    let mut d = doc(
        "Israel attacked Hamas before withdrawing its troops.",
        &[ISRAEL, HAMAS],
    );
    set_parse(
        &mut d,
        &[
            ("PROPN", "NNP", "Israel", 2, "nsubj"),
            ("VERB", "VBD", "attack", 0, "root"),
            ("PROPN", "NNP", "Hamas", 2, "obj"),
            ("SCONJ", "IN", "before", 5, "mark"),
            ("VERB", "VBG", "withdraw", 2, "advcl"),
            ("PRON", "PRP$", "its", 7, "nmod:poss"),
            ("NOUN", "NNS", "troop", 5, "obj"),
            ("PUNCT", ".", ".", 2, "punct"),
        ],
    );
    let ev = code(&d);
    let retreat: Vec<&Event> = ev
        .iter()
        .filter(|e| e.etype == EventType::Retreat)
        .collect();
    assert_eq!(retreat.len(), 1, "{ev:#?}");
    assert_eq!(src(retreat[0]), ["israel"], "{:?}", retreat[0].source);
}

#[test]
fn a_purpose_shares_the_future_of_its_act_and_only_cooperation_announced_is_agreement() {
    // the mediation is announced with the visit: both are the one intent, no asserted CONSULT
    let mut d = doc(
        "Israel will visit Egypt to mediate.",
        &[ISRAEL, ("Egypt", "egypt", "EGY", "GOV")],
    );
    set_parse(
        &mut d,
        &[
            ("PROPN", "NNP", "Israel", 3, "nsubj"),
            ("AUX", "MD", "will", 3, "aux"),
            ("VERB", "VB", "visit", 0, "root"),
            ("PROPN", "NNP", "Egypt", 3, "obj"),
            ("PART", "TO", "to", 6, "mark"),
            ("VERB", "VB", "mediate", 3, "advcl"),
            ("PUNCT", ".", ".", 3, "punct"),
        ],
    );
    let ev = code(&d);
    assert!(ev.iter().all(|e| e.etype == EventType::Agree), "{ev:#?}");
    assert!(!ev.is_empty());
    // an announced investigation is no agreement
    let ev = code(&doc("Israel will investigate Hamas.", &[ISRAEL, HAMAS]));
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].etype, EventType::Accuse);
    assert_eq!(ev[0].factuality, Factuality::Intended);
}
