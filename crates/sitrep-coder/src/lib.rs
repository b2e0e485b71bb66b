//! Event coding: PLOVER events from a typed pattern dictionary, with source and recipient
//! from word-order heuristics (subject to the left, object or `on/against X` to the right,
//! passive agents after `by`), factuality from negation, modal, intention, condition and
//! threat cues, and attribution from speech verbs and `according to`.
//!
//! The coder reads sentences, tokens and mentions and writes `Document::events`. It never
//! emits an event without a source actor, and never codes inside boilerplate (segmentation
//! makes no sentences there).
//!
//! ```
//! use sitrep_coder::PatternSet;
//! let set = PatternSet::builtin();
//! assert!(set.patterns.len() > 100);
//! ```
#![deny(missing_docs)]

mod attribution;
mod cues;
mod deps;
mod explain;
mod lex;
mod morph;
mod parsed;
mod patterns;
mod roles;

use std::sync::Arc;

use sitrep_doc::{
    stable_id, Document, EntityType, Event, EventType, Evidence, Factuality, Layer, RoleFiller,
    Size, Span, Stage, StageError,
};

pub use explain::{explain, factuality_reason, EventExplanation, RoleExplanation};
pub use morph::{noun_forms, verb_forms};
pub use patterns::{Elem, Pattern, PatternError, PatternSet, TriggerPos, BUILTIN_NAME};

use lex::is;
use roles::View;

/// The event-coding stage.
#[derive(Debug, Clone)]
pub struct Coder {
    patterns: Arc<PatternSet>,
}

impl Default for Coder {
    fn default() -> Self {
        Coder::new(Arc::new(PatternSet::builtin()))
    }
}

impl Coder {
    /// A coder over a pattern set.
    pub fn new(patterns: Arc<PatternSet>) -> Coder {
        Coder { patterns }
    }
}

impl Stage for Coder {
    fn name(&self) -> &'static str {
        "coder"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Mentions]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let events = code_document(&self.patterns, doc);
        doc.events = events;
        Ok(())
    }
}

/// A pattern match inside one sentence (absolute token indices).
#[derive(Debug, Clone)]
struct Match {
    pattern: usize,
    start: usize,
    end: usize,
    /// Token that carries the trigger (verb: first; noun: last).
    head: usize,
    /// Number of pattern elements matched (longer is more specific).
    weight: usize,
    absorbed_mode: Option<&'static str>,
    /// The complement's trigger tokens (`start..end`) when it gave `absorbed_mode`.
    absorbed_at: Option<(usize, usize)>,
}

/// The sentences in which a pattern of `set` matches and some token could fill a role
/// (`roles::may_fill`): the only ones [`code_document`] can code, so the only ones worth a
/// dependency parse. Same limits as [`code_document`] (sentences over 400 tokens are never
/// coded). Needs tags.
pub fn trigger_sentences(set: &PatternSet, doc: &Document) -> Vec<bool> {
    let view = View::new(doc);
    doc.sentences
        .iter()
        .map(|sent| {
            let (s0, s1) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
            codable(&view, s0, s1) && !find_matches(set, &view, s0, s1).is_empty()
        })
        .collect()
}

/// Whether [`code_document`] codes the sentence of tokens `s0..s1`: at most 400 tokens, and
/// some token could fill a role (without one, no event has a source).
fn codable(view: &View, s0: usize, s1: usize) -> bool {
    s1 > s0 && s1 - s0 <= 400 && roles::may_fill(view, s0, s1)
}

/// The sentences whose tags the coder may read, decided before tagging and parsing: those
/// that may hold a trigger (a superset of [`trigger_sentences`] on the tagged document) or a
/// demand ([`obligations`]), and those of the antecedents of their pronouns (a pronoun's
/// role filler shows its antecedent's noun phrase), so that the tagger can skip the rest.
/// `lemmas(word)` calls its callback with every word a token's folded `word` may be
/// lemmatized into (a superset of what the tagger's lemmatizer can make of it); a token
/// matches a pattern word by its form or any of these. Part-of-speech checks are skipped.
/// Mentions must be present (a gap in a pattern may not skip every name).
pub fn candidate_sentences(
    set: &PatternSet,
    doc: &Document,
    lemmas: impl Fn(&str, &mut dyn FnMut(&str)),
) -> Vec<bool> {
    let mut view = View::new(doc);
    // a word's alternatives are asked for once per document (most words repeat); the keys
    // are input words, so the standard (collision-resistant) hasher
    let mut first: std::collections::HashMap<&str, usize> = Default::default();
    let mut alternatives: Vec<Vec<String>> = Vec::with_capacity(doc.tokens.len());
    for i in 0..doc.tokens.len() {
        let word = view.word(i);
        if let Some(&j) = first.get(word) {
            alternatives.push(alternatives[j].clone());
            continue;
        }
        first.insert(word, i);
        let mut alts: Vec<String> = Vec::new();
        lemmas(word, &mut |l| {
            if !alts.iter().any(|a| a == l) {
                alts.push(l.to_string());
            }
        });
        alternatives.push(alts);
    }
    view.alternatives = alternatives;
    let mut wanted: Vec<bool> = doc
        .sentences
        .iter()
        .map(|sent| {
            let (s0, s1) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
            s1 > s0
                && s1 - s0 <= 400
                && (may_hold_obligation(&view, s0, s1)
                    || (s0..s1).any(|i| {
                        let by_alt = view.alternatives[i].iter().map(|l| set.starting_with(l));
                        let by_lemma = view.lemma(i).map(|l| set.starting_with(l));
                        std::iter::once(set.starting_with(view.word(i)))
                            .chain(by_lemma)
                            .chain(by_alt)
                            .flatten()
                            .any(|&pi| {
                                let p = &set.patterns[pi];
                                match_at(&p.elems, &view, i, s1, p.pos == TriggerPos::Verb)
                                    .is_some()
                            })
                    }))
        })
        .collect();
    for m in &doc.mentions {
        let (Some(a), true) = (m.antecedent, wanted.get(m.sentence as usize) == Some(&true)) else {
            continue;
        };
        if let Some(w) = doc
            .mentions
            .get(a as usize)
            .and_then(|am| wanted.get_mut(am.sentence as usize))
        {
            *w = true;
        }
    }
    wanted
}

/// True when [`obligations`] may find a demand in the sentence (a speech verb, then "must"
/// or "should"), whatever the tags.
fn may_hold_obligation(view: &View, s0: usize, s1: usize) -> bool {
    (s0..s1)
        .find(|&j| is(lex::SPEECH_VERBS, view.word(j)) && view.is_lower(j))
        .is_some_and(|speech| (speech + 1..s1).any(|k| matches!(view.word(k), "must" | "should")))
}

/// The match `m` of pattern `p` in sentence tokens `[s0, s1)` is in the sense the pattern
/// means: a verb trigger is no participle describing its noun, and the pattern's
/// `intransitive`, `transitive`, `object_not`, `object_is`, `not_after`, `not_followed_by` and
/// `followed_by` conditions hold.
fn fits_sense(view: &View, p: &Pattern, m: &Match, (s0, s1): (usize, usize)) -> bool {
    let next = (m.end < s1).then(|| view.word(m.end));
    let before = (m.start > s0).then(|| view.word(m.start - 1));
    let listed = |list: &[String], w: Option<&str>| w.is_some_and(|w| list.iter().any(|l| l == w));
    if listed(&p.not_after, before) || listed(&p.not_followed_by, next) {
        return false;
    }
    // "the wounded soldiers", "each captured submarine": a participle between a determiner
    // (or a possessive or a number) and its noun describes the noun; it reports no act
    let d = &view.deps;
    if p.pos == TriggerPos::Verb
        && m.end == m.head + 1
        && d.parsed(m.head)
        && d.rel(m.head) == "amod"
        && matches!(view.xpos(m.head), Some("VBN" | "JJ"))
        && d.head(m.head).is_some_and(|h| h == m.head + 1)
        && m.head > s0
        && (matches!(view.upos(m.head - 1), Some("DET" | "NUM"))
            || view.xpos(m.head - 1) == Some("PRP$"))
    {
        return false;
    }
    if p.intransitive && roles::has_direct_object(view, m.head, m.end, s1) {
        return false;
    }
    if p.transitive
        && !roles::has_direct_object(view, m.head, m.end, s1)
        && !(m.end..(m.end + 2).min(s1)).any(|k| view.word(k) == "to")
    {
        return false;
    }
    let in_list = |list: &[String], o: usize| {
        let lemma = view.lemma(o).unwrap_or("");
        list.iter().any(|w| view.word(o) == w || lemma == w)
    };
    if !p.object_not.is_empty() || !p.object_is.is_empty() {
        let objects = roles::object_heads(view, m.head, m.end, s1);
        if objects.iter().any(|&o| in_list(&p.object_not, o)) {
            return false;
        }
        let fits = |o: usize| in_list(&p.object_is, o) || view.names_actor(o);
        if !p.object_is.is_empty() && !objects.into_iter().any(fits) {
            return false;
        }
    }
    p.followed_by.is_empty() || listed(&p.followed_by, next)
}

/// Codes all events of a document (sentences, tokens and mentions must be present).
pub fn code_document(set: &PatternSet, doc: &Document) -> Vec<Event> {
    let view = View::new(doc);
    let mut events: Vec<Event> = Vec::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        let (s0, s1) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
        if !codable(&view, s0, s1) {
            continue;
        }
        let matches = find_matches(set, &view, s0, s1);
        let attribution = attribution::for_sentence(&view, doc, s0, s1);
        let mut sentence_events: Vec<(Event, usize)> = Vec::new();
        for m in &matches {
            let p = &set.patterns[m.pattern];
            if !fits_sense(&view, p, m, (s0, s1)) {
                continue;
            }
            let Some(roles) = roles::assign(&view, p, m.start, m.end, m.head, s0, s1) else {
                continue;
            };
            if roles.source.is_empty() {
                continue;
            }
            // "an Indian proposal for signing a trade pact", "a UN appeal for deploying
            // troops": an act that is only what a proposal, appeal or demand asks for is not
            // reported as happening; the event about the proposal carries it
            if proposal_content(&view, m.head) {
                continue;
            }
            // "... before they demobilize", "until their demands are met": a present-tense
            // act in a temporal clause lies ahead, like the condition of another event
            if p.pos == TriggerPos::Verb && pending_clause(&view, m.head) {
                continue;
            }
            // "since emerging after the 2003 US invasion", "since last month's invasion": an
            // attack named as a time reference is history, not news
            if p.pos == TriggerPos::Noun && background_reference(&view, m.start, s0) {
                continue;
            }
            // "charging its neighbor with supporting dissidents", "accused X of attacking":
            // an alleged act is what the accusation says, not a reported event
            if p.pos == TriggerPos::Verb && alleged_act(&view, m.start, s0) {
                continue;
            }
            let mut fact = roles.factuality;
            if p.pos == TriggerPos::Noun
                && roles.anchor.is_none()
                && !matches!(fact.0, Factuality::Asserted | Factuality::Negated)
            {
                // "fears of imminent strikes": a nominal event that is not real is not coded.
                continue;
            }
            if fact.0 == Factuality::Hypothetical
                && fact.1.as_deref().is_some_and(|c| is(lex::CONDITIONALS, c))
            {
                // the condition of another event ("if Iraq did not disband the groups") is
                // not itself reported
                continue;
            }
            let mut source = roles.source;
            let mut recipient = roles.recipient;
            // "captured the town" is an attack, "captured 11 gang members" an arrest
            let (p, mut rule) = match p.on_people {
                Some(q) if roles::object_is_people(&view, m.head, m.end, s1) => {
                    (&set.patterns[q], format!("{}+people", p.id))
                }
                _ => (p, p.id.clone()),
            };
            let mut etype = p.etype;
            let mut mode = p.mode.clone().or(m.absorbed_mode.map(str::to_string));
            let mut cameo = p.cameo.clone();
            // An announced future act is coded as the statement made now: a conflictual act
            // that "will"/"would" happen (above all "if ..." or "unless ...") is an asserted
            // THREATEN; a cooperative one is an asserted AGREE (PLOVER's reading of intent).
            let future = matches!(fact.0, Factuality::Intended | Factuality::Threatened)
                || (fact.0 == Factuality::Hypothetical
                    && matches!(fact.1.as_deref(), Some("would" | "will"))
                    && (roles.conditional_after || roles.reported));
            // a refusal announced "unless ..." is a threat too ("will boycott the elections
            // unless the president steps down")
            let conditional_refusal = etype == EventType::Reject && roles.conditional_after;
            if future
                && (conditional_refusal
                    || !matches!(
                        etype,
                        EventType::Agree | EventType::Threaten | EventType::Reject
                    ))
            {
                let conflict = matches!(
                    etype,
                    EventType::Assault
                        | EventType::Coerce
                        | EventType::Sanction
                        | EventType::Mobilize
                        | EventType::Protest
                        | EventType::Reject
                );
                let withdraw_threat = etype == EventType::Retreat && roles.conditional_after;
                let cue = fact.1.clone().unwrap_or_default();
                // "the army prepared to resume shelling": getting ready to fight is a
                // mobilization; "is prepared to strike" (willingness) stays a threat
                let preparing = matches!(
                    cue.as_str(),
                    "prepared" | "prepare" | "prepares" | "preparing"
                ) && matches!(etype, EventType::Assault | EventType::Coerce)
                    && (s0 + 1..m.start)
                        .rev()
                        .find(|&k| view.word(k) == cue)
                        .is_some_and(|k| !is(lex::BE_FORMS, view.word(k - 1)));
                if preparing {
                    etype = EventType::Mobilize;
                    // readying artillery or missiles raises the readiness of weapons
                    let weapons = mode.as_deref() == Some("heavy-weapons");
                    mode = Some(if weapons { "weapons" } else { "troops" }.to_string());
                    cameo = Some("150".to_string());
                    rule = format!("{rule}+preparation");
                    fact = (Factuality::Asserted, Some(format!("preparation: {cue}")));
                } else if conflict || withdraw_threat {
                    mode = Some(threat_mode(etype, mode.as_deref()).to_string());
                    cameo = Some(
                        if etype == EventType::Assault {
                            "138"
                        } else {
                            "130"
                        }
                        .to_string(),
                    );
                    etype = EventType::Threaten;
                    rule = format!("{rule}+threat");
                    if recipient.is_empty() {
                        recipient = roles.listener.clone();
                    }
                    fact = (Factuality::Asserted, Some(format!("threat: {cue}")));
                } else if fact.0 != Factuality::Threatened
                    && p.pos == TriggerPos::Verb
                    // only cooperation announced is an agreement ("will accuse" is none)
                    && matches!(
                        etype.quad(),
                        sitrep_ontology::QuadClass::VerbalCooperation
                            | sitrep_ontology::QuadClass::MaterialCooperation
                    )
                {
                    mode = None;
                    cameo = Some("030".to_string());
                    etype = EventType::Agree;
                    rule = format!("{rule}+intent");
                    fact = (Factuality::Asserted, Some(format!("intent: {cue}")));
                }
            }
            // a threat is made to whoever must act: "... unless Baghdad accepted", "... if the
            // United States goes ahead"
            if etype == EventType::Threaten
                && recipient.iter().all(|r| r.code.is_none())
                && !roles.condition_subject.is_empty()
            {
                recipient = roles.condition_subject.clone();
            }
            // "X said Y must withdraw": X asks Y to act
            if matches!(fact.1.as_deref(), Some("must" | "should")) && !roles.speaker.is_empty() {
                mode =
                    complement_mode(EventType::Request, etype, mode.as_deref()).map(str::to_string);
                recipient = std::mem::replace(&mut source, roles.speaker.clone());
                etype = EventType::Request;
                cameo = Some("100".to_string());
                rule = format!("{rule}+obligation");
                fact = (
                    Factuality::Asserted,
                    Some(format!("obligation: {}", fact.1.unwrap_or_default())),
                );
            }
            // "will not accept", "did not agree": a refused agreement is a rejection
            if fact.0 == Factuality::Negated
                && etype == EventType::Agree
                && p.pos == TriggerPos::Verb
            {
                etype = EventType::Reject;
                cameo = Some("120".to_string());
                rule = format!("{rule}+negated-agreement");
                fact = (
                    Factuality::Asserted,
                    Some(format!("refusal: {}", fact.1.unwrap_or_default())),
                );
            }
            // the words that set the mode when the trigger's pattern does not: the
            // complement's trigger ("threatened to impose a curfew"), a cue, or the venue
            let mut mode_span = match (p.mode.as_ref(), m.absorbed_at, mode.as_ref()) {
                (None, Some((a, b)), Some(_)) => Some(view.span(a).cover(view.span(b - 1))),
                _ => None,
            };
            // the instrument or victim named in the sentence ("in a bomb attack", "killed
            // the deputy chief") gives the mode the trigger did not
            if let Some((cue, (a, b))) =
                cues::find(&view, &set.cues, etype, m.head, (s0, s1), mode.is_some())
            {
                mode = Some(cue.mode.clone());
                rule = format!("{rule}+{}", cue.id);
                mode_span = Some(view.span(a).cover(view.span(b - 1)));
            }
            // where talks are held says who travels: in the recipient's country the source
            // visits, in its own it hosts, elsewhere the talks are on third-party ground
            if etype == EventType::Consult && mode.is_none() {
                if let Some((venue, at)) =
                    venue_mode(&view, (m.start, m.end), s1, &source, &recipient)
                {
                    mode = Some(venue.to_string());
                    rule = format!("{rule}+venue");
                    mode_span = Some(at);
                }
            }
            let mode_span = mode_span.filter(|_| mode.is_some());
            let trig = Span {
                start: view.span(m.start).start,
                end: view.span(m.end - 1).end,
            };
            // a filler's phrase never swallows the trigger ("wounded two soldiers" read as
            // one noun phrase when the tagger took the verb for an adjective)
            let head_span = view.span(m.head);
            let sources = source.iter_mut().map(|f| (f, true));
            for (f, is_source) in sources.chain(recipient.iter_mut().map(|f| (f, false))) {
                let own_start = f.start;
                roles::extend_phrase(&view, f, m.start, s1);
                keep_clear_of(&view, f, head_span, is_source.then_some(own_start));
                trim_clitic(doc, f);
                trim_clause_opener(&view, f);
            }
            let id = format!(
                "{}:e{}",
                doc.id(),
                &stable_id(&[doc.id(), &head_span.start.to_string(), etype.as_str()])[..10]
            );
            let conf = (p.confidence + if recipient.is_empty() { 0.0 } else { 0.05 }
                - if source.iter().any(|r| r.rule.contains("coref")) {
                    0.1
                } else {
                    0.0
                })
            .clamp(0.05, 0.99);
            let event = Event {
                id,
                etype,
                mode,
                context: p.context.clone(),
                source,
                recipient,
                date: None,
                location: None,
                size: Size::default(),
                counts: Vec::new(),
                factuality: fact.0,
                factuality_cue: fact.1,
                attribution: attribution.clone(),
                evidence: Evidence {
                    sentence: si as u32,
                    start: sent.span.start,
                    end: sent.span.end,
                    trigger: trig,
                    mode: mode_span,
                },
                cameo,
                rule,
                confidence: conf,
            };
            sentence_events.push((event, m.head));
        }
        obligations(&view, si, &attribution, &mut sentence_events);
        merge_close_events(&mut sentence_events, &view);
        events.extend(sentence_events.into_iter().map(|(e, _)| e));
    }
    events
}

/// "X said Y must/should V": X asks Y to act (an asserted REQUEST, CAMEO 100), whatever V is.
/// Verbs that are event triggers themselves are handled with their pattern (the REQUEST then
/// keeps the act's mode); this adds the demands whose act no pattern knows ("said US forces
/// must ensure security").
fn obligations(
    view: &View,
    si: usize,
    attribution: &[sitrep_doc::Attribution],
    events: &mut Vec<(Event, usize)>,
) {
    let doc = view.doc;
    let sent = &doc.sentences[si];
    let (s0, s1) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
    for k in s0 + 1..s1.saturating_sub(1) {
        if !matches!(view.word(k), "must" | "should") {
            continue;
        }
        // the verb after the modal ("must not return", "must urgently ensure")
        let mut verb = k + 1;
        while verb < s1 && (is(lex::NEGATORS, view.word(verb)) || view.word(verb).ends_with("ly")) {
            verb += 1;
        }
        if verb >= s1
            || !matches!(view.upos(verb), Some("VERB" | "AUX"))
            || events.iter().any(|(_, h)| *h == verb)
        {
            continue;
        }
        let Some(speech) = (s0..k)
            .rev()
            .find(|&j| is(lex::SPEECH_VERBS, view.word(j)) && view.is_lower(j))
        else {
            continue;
        };
        let speaker = roles::subject(view, speech, s0, "speaker");
        // the one who must act: the modal's subject, after the speech verb
        let addressee = roles::subject(view, k, speech + 1, "obligation-subject");
        if speaker.is_empty()
            || addressee.is_empty()
            || addressee.iter().any(|a| {
                speaker
                    .iter()
                    .any(|s| s.start == a.start || s.actor.is_some() && s.actor == a.actor)
            })
        {
            continue;
        }
        let (mut speaker, mut addressee) = (speaker, addressee);
        for f in speaker.iter_mut().chain(addressee.iter_mut()) {
            roles::extend_phrase(view, f, k, s1);
        }
        let trig = view.span(k).cover(view.span(verb));
        let id = format!(
            "{}:e{}",
            doc.id(),
            &stable_id(&[doc.id(), &trig.start.to_string(), "REQUEST"])[..10]
        );
        let event = Event {
            id,
            etype: EventType::Request,
            mode: None,
            context: Vec::new(),
            source: speaker,
            recipient: addressee,
            date: None,
            location: None,
            size: Size::default(),
            counts: Vec::new(),
            factuality: Factuality::Asserted,
            factuality_cue: Some(format!("obligation: {}", view.word(k))),
            attribution: attribution.to_vec(),
            evidence: Evidence {
                sentence: si as u32,
                start: sent.span.start,
                end: sent.span.end,
                trigger: trig,
                mode: None,
            },
            cameo: Some("100".to_string()),
            rule: "modal:obligation".to_string(),
            confidence: 0.6,
        };
        events.push((event, verb));
    }
}

/// True when the trigger at token `head` is, in the parse, the content of a proposal noun: a
/// clause or noun attached to "proposal", "appeal", "calls", "plan" ... ("a proposal for
/// signing", "calls for a ceasefire", "a plan to withdraw"). Relative clauses ("a plan that
/// was approved") are acts of their own and stay.
fn proposal_content(v: &View, head: usize) -> bool {
    let d = &v.deps;
    if !d.parsed(head) || !matches!(d.rel(head), "acl" | "nmod") {
        return false;
    }
    let Some(h) = d.head(head) else {
        return false;
    };
    let lemma = v.lemma(h).unwrap_or_else(|| v.word(h));
    is(lex::PROPOSAL_NOUNS, lemma) || is(lex::PROPOSAL_NOUNS, v.word(h))
}

/// True when the event noun at `start` is the object of a temporal preposition that dates
/// something else by it: "since the invasion", "after the 2003 US invasion", "before last
/// year's offensive" (with "after", "before", "following" and "until" only when the phrase
/// carries its own date).
fn background_reference(v: &View, start: usize, s0: usize) -> bool {
    let mut k = start;
    let mut dated = false;
    let mut steps = 0;
    while k > s0 && steps < 7 {
        let w = v.word(k - 1);
        let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        let modifier = matches!(
            v.upos(k - 1),
            Some("DET" | "ADJ" | "NUM" | "PROPN" | "NOUN" | "PART")
        ) || matches!(w, "'s" | "'" | "last" | "previous" | "earlier")
            || v.mention_at(k - 1).is_some();
        if !modifier || is(lex::PREPOSITIONS, w) {
            break;
        }
        dated |= year || matches!(w, "last" | "previous" | "earlier");
        k -= 1;
        steps += 1;
    }
    if k <= s0 {
        return false;
    }
    match v.word(k - 1) {
        "since" => true,
        "after" | "before" | "following" | "until" | "till" => dated,
        _ => false,
    }
}

/// True when the verb at `start` is the gerund of an accusation: "accused X of attacking",
/// "charging its neighbor with supporting", "blamed X for shelling", "suspected of planning".
fn alleged_act(v: &View, start: usize, s0: usize) -> bool {
    if !v.word(start).ends_with("ing") || start < s0 + 2 {
        return false;
    }
    let mut k = start - 1;
    while k > s0 && matches!(v.word(k), "having" | "being" | "allegedly" | "also") {
        k -= 1;
    }
    if !matches!(v.word(k), "of" | "with" | "for") {
        return false;
    }
    (k.saturating_sub(7).max(s0)..k).any(|j| {
        let lemma = v.lemma(j).unwrap_or_else(|| v.word(j));
        is(lex::ACCUSATION_VERBS, lemma) && v.is_lower(j)
    })
}

/// True when the verb at `head` heads an adverbial clause opened by "before", "until",
/// "unless", "once" or "when" whose verb group is in the present tense: an act still to come
/// ("before they demobilize", "until their political demands are met").
fn pending_clause(v: &View, head: usize) -> bool {
    let d = &v.deps;
    if !d.parsed(head) || d.rel(head) != "advcl" {
        return false;
    }
    let kids = d.children(head);
    let opener = kids.iter().any(|&c| {
        let c = c as usize;
        d.rel(c) == "mark" && is(lex::PENDING_MARKS, v.word(c))
    });
    if !opener {
        return false;
    }
    // the present tense, or a base form the tagger read as a past ("until they withdraw")
    let present = |i: usize| {
        matches!(v.xpos(i), Some("VBP" | "VBZ"))
            || matches!(v.xpos(i), Some("VBD" | "VB")) && v.lemma(i) == Some(v.word(i))
    };
    present(head)
        || kids.iter().any(|&c| {
            let c = c as usize;
            matches!(d.rel(c), "aux" | "aux:pass") && present(c)
        })
}

/// A phrase never opens with the possessive clitic of the word before it ("last month's U.S.
/// invasion" gives "U.S.", not "'s U.S.").
fn trim_clitic(doc: &Document, f: &mut RoleFiller) {
    let text = doc.text();
    let (start, end) = (f.start as usize, f.end as usize);
    let Some(phrase) = text.get(start..end) else {
        return;
    };
    for clitic in ["'s ", "’s ", "' ", "’ "] {
        if let Some(rest) = phrase.strip_prefix(clitic) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                f.start = (end - rest.len()) as u32;
                f.text = rest.to_string();
            }
            return;
        }
    }
}

/// A phrase never opens with the word that opens its clause ("When Mexican authorities",
/// "Although Bukele", "But the Treasury").
fn trim_clause_opener(v: &View, f: &mut RoleFiller) {
    let (mut a, b) = v.tokens_of(f.start, f.end);
    if a >= b {
        return;
    }
    while a + 1 < b && (matches!(v.upos(a), Some("SCONJ" | "CCONJ")) || v.xpos(a) == Some("WRB")) {
        a += 1;
    }
    let start = v.span(a).start;
    if start > f.start {
        f.text = v
            .doc
            .slice(Span::new(start as usize, f.end as usize))
            .to_string();
        f.start = start;
    }
}

/// Cuts the trigger out of a filler's phrase that overlaps it, with what lies on one side of
/// it: the words after it ("wounded two soldiers" read as one noun phrase), except for a
/// source whose own words, before its phrase was widened, start at `source_start` before the
/// trigger ("militants opened fire", parsed with "opened" as an adjective of "fire"). Adverbs
/// the cut leaves at the end go too ("two guerrillas allegedly").
fn keep_clear_of(v: &View, f: &mut RoleFiller, trig: Span, source_start: Option<u32>) {
    let (start, end) = (f.start as usize, f.end as usize);
    let (ts, te) = (trig.start as usize, trig.end as usize);
    if !(start < te && ts < end) {
        return;
    }
    let text = v.doc.text();
    let source_before = source_start.is_some_and(|s| (s as usize) < ts) && start < ts;
    let (a, b) = if end > te && !source_before {
        let rest = &text[te..end];
        (te + (rest.len() - rest.trim_start().len()), end)
    } else if start < ts {
        let (first, mut last) = v.tokens_of(f.start, trig.start);
        while last > first + 1 && v.upos(last - 1) == Some("ADV") && v.is_lower(last - 1) {
            last -= 1;
        }
        if last <= first {
            return;
        }
        (start, v.span(last - 1).end as usize)
    } else {
        return;
    };
    if a < b {
        f.start = a as u32;
        f.end = b as u32;
        f.text = text[a..b].to_string();
    }
}

/// Merges events of the same type whose triggers are close in one sentence ("an attack that
/// killed", "targeted by US airstrikes"): one record per real event.
fn merge_close_events(events: &mut Vec<(Event, usize)>, view: &View) {
    let mut i = 0;
    while i < events.len() {
        let mut j = i + 1;
        while j < events.len() {
            let (a, b) = (&events[i], &events[j]);
            let (lo, hi) = (a.1.min(b.1), a.1.max(b.1));
            let linked = hi - lo <= 4
                || (hi - lo <= 8 && (lo..hi).any(|t| is(lex::RELATIVES, view.word(t))));
            // ", killing 14 people and wounding dozens": participle clauses of one attack
            let participle = b.1 > a.1
                && view.word(b.1).ends_with("ing")
                && b.1 > 0
                && matches!(view.word(b.1 - 1), "," | "and");
            // the same actors doing the same kind of thing in one sentence ("staged a hunger
            // strike to protest ...") is one event
            let same_source = hi - lo <= 30
                && !a.0.source.is_empty()
                && a.0
                    .source
                    .iter()
                    .map(|r| &r.actor)
                    .eq(b.0.source.iter().map(|r| &r.actor))
                && a.0.factuality == b.0.factuality;
            // "blocked roads demanding that ...", "staged rallies ..., saying he must resign",
            // "to demand reforms": what protesters demand is the content of the protest, not
            // an event of its own
            let protest_demand = a.0.etype == EventType::Protest
                && b.0.etype == EventType::Request
                && b.1 > a.1
                && hi - lo <= 20
                && (view.word(b.1).ends_with("ing")
                    || b.1 > 0 && view.word(b.1 - 1) == "to"
                    || b.0.rule.contains("obligation"));
            if protest_demand {
                events.remove(j);
                continue;
            }
            if a.0.etype == b.0.etype && (linked || participle || same_source) {
                let (mut b, _) = events.remove(j);
                if participle {
                    b.source.clear();
                }
                merge_into(&mut events[i].0, b, hi - lo <= 4);
                continue;
            }
            j += 1;
        }
        i += 1;
    }
}

/// The CONSULT mode the venue of talks gives (`visit`, `host` or `third-party`) and the
/// venue's words: a place or country after "to/in/at" inside the trigger phrase or just after
/// it ("returned to Cairo for talks", "held talks in Geneva"), compared with the countries
/// of the source and the recipient. `None` when no venue is named or a country is unknown.
fn venue_mode(
    view: &roles::View,
    (start, end): (usize, usize),
    s1: usize,
    source: &[RoleFiller],
    recipient: &[RoleFiller],
) -> Option<(&'static str, Span)> {
    let doc = view.doc;
    let venue = (start..(end + 4).min(s1)).find_map(|k| {
        if !matches!(view.word(k), "to" | "in" | "at") {
            return None;
        }
        let j = if view.word(k + 1) == "the" {
            k + 2
        } else {
            k + 1
        };
        let m = view.mention_at(j)?;
        let mention = &doc.mentions[m];
        let actor = doc.actor(mention.actor.as_deref()?)?;
        let place = matches!(
            actor.kind,
            sitrep_doc::ActorKind::Place | sitrep_doc::ActorKind::Country
        );
        let inside = |r: &RoleFiller| r.start <= mention.span.start && mention.span.end <= r.end;
        // a town taken for the recipient is the venue ("return to Geneva for talks")
        let town = actor.kind == sitrep_doc::ActorKind::Place;
        let filler = source.iter().any(inside) || !town && recipient.iter().any(inside);
        (place && !filler && !mention.modifier)
            .then(|| actor.code.clone().map(|c| (c, mention.span)))
            .flatten()
    })?;
    let (code, at) = venue;
    let recipient: Vec<RoleFiller> = recipient
        .iter()
        .filter(|r| !(r.start <= at.start && at.end <= r.end))
        .cloned()
        .collect();
    let recipient = recipient.as_slice();
    let codes =
        |rs: &[RoleFiller]| -> Vec<String> { rs.iter().filter_map(|r| r.code.clone()).collect() };
    let (src, rcp) = (codes(source), codes(recipient));
    if src.is_empty() || src.len() < source.len() {
        return None;
    }
    let mode = if rcp.contains(&code) && !src.contains(&code) {
        "visit"
    } else if src.contains(&code) && !rcp.is_empty() && !rcp.contains(&code) {
        "host"
    } else if !src.contains(&code) && !rcp.contains(&code) && rcp.len() == recipient.len() {
        "third-party"
    } else {
        return None;
    };
    Some((mode, at))
}

fn merge_into(a: &mut Event, b: Event, adjacent: bool) {
    if a.mode.is_none() && b.mode.is_some() {
        a.mode = b.mode;
        a.cameo = b.cameo.or(a.cameo.take());
        // the other trigger's words set the mode, unless a cue of its own did
        a.evidence.mode = b.evidence.mode.or(Some(b.evidence.trigger));
    }
    for r in b.source {
        if !a.source.iter().any(|x| x.start == r.start) {
            a.source.push(r);
        }
    }
    for r in b.recipient {
        if !a.recipient.iter().any(|x| x.start == r.start)
            && !a.source.iter().any(|x| x.start == r.start)
        {
            a.recipient.push(r);
        }
    }
    // where a protest is held stands in for its target only when no actor is named
    // ("rallied in Istanbul to protest the abuses by the security forces"); an attack's place
    // is its target ("retook a village in western Cambodia")
    if a.etype == EventType::Protest && a.recipient.iter().any(|r| r.rule != "object-place") {
        a.recipient.retain(|r| r.rule != "object-place");
    }
    a.rule = format!("{}+{}", a.rule, b.rule);
    if adjacent {
        a.evidence.trigger = a.evidence.trigger.cover(b.evidence.trigger);
    }
    a.confidence = a.confidence.max(b.confidence);
}

/// Finds pattern matches in tokens `[s0, s1)`, longest first, without overlaps, with embedded
/// complements ("rejected calls to lay down arms") absorbed into the governing event.
fn find_matches(set: &PatternSet, view: &View, s0: usize, s1: usize) -> Vec<Match> {
    let mut found = Vec::new();
    for i in s0..s1 {
        // by the word's form, and by its lemma for spellings the inflector does not make
        // ("cancelled", "travelled")
        let by_form = set.starting_with(view.word(i));
        let by_lemma = view
            .lemma(i)
            .filter(|l| *l != view.word(i))
            .map(|l| set.starting_with(l))
            .unwrap_or(&[]);
        let candidates = by_form
            .iter()
            .chain(by_lemma.iter().filter(|pi| !by_form.contains(pi)));
        for &pi in candidates {
            let p = &set.patterns[pi];
            if let Some(end) = match_at(&p.elems, view, i, s1, p.pos == TriggerPos::Verb) {
                let head = if p.pos == TriggerPos::Verb {
                    i
                } else {
                    end - 1
                };
                if !pos_plausible(p.pos, view, i, head, s0) {
                    continue;
                }
                found.push(Match {
                    pattern: pi,
                    start: i,
                    end,
                    head,
                    weight: p.elems.len(),
                    absorbed_mode: None,
                    absorbed_at: None,
                });
            }
        }
    }
    found.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.start.cmp(&b.start)));
    let mut kept: Vec<Match> = Vec::new();
    for m in found {
        if kept.iter().all(|k| m.end <= k.start || m.start >= k.end) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    // absorb complements of verbs that govern them ("rejected calls to lay down arms",
    // "demanded that Israel ease restrictions"), nouns right after a verb trigger ("rejected
    // calls for talks") and participles right after a noun ("airstrikes targeting them")
    let mut out: Vec<Match> = Vec::new();
    for m in kept {
        let p = &set.patterns[m.pattern];
        let inner_type = p.etype;
        let governing = |g: &Match| {
            matches!(
                set.patterns[g.pattern].etype,
                EventType::Agree
                    | EventType::Reject
                    | EventType::Request
                    | EventType::Threaten
                    | EventType::Support
                    | EventType::Accuse
            )
        };
        // "to lay down", or a noun after "to" + light verb ("to open talks")
        let mut to_at = m.start;
        if p.pos == TriggerPos::Noun {
            let mut k = m.start;
            while k > s0 && m.start - k < 3 && is(lex::DETERMINERS, view.word(k - 1)) {
                k -= 1;
            }
            if k > s0 + 1 && is(lex::LIGHT_VERBS, view.word(k - 1)) {
                to_at = k - 1;
            }
        }
        let to_complement = to_at > s0
            && view.word(to_at - 1) == "to"
            && out
                .last()
                .is_some_and(|g| to_at.saturating_sub(g.end) <= 8 && governing(g));
        let that_complement = out.last().is_some_and(|g| {
            governing(g)
                && m.start.saturating_sub(g.end) <= 8
                && (g.end..m.start).any(|t| view.word(t) == "that")
                && !(g.end..m.start).any(|t| view.is_hard_punct(t))
        });
        let prev = out.last();
        let word = view.word(m.head);
        let object_noun = p.pos == TriggerPos::Verb
            && !word.ends_with("ing")
            && !word.ends_with("ed")
            && prev.is_some_and(|g| {
                set.patterns[g.pattern].pos == TriggerPos::Verb
                    && (g.end == m.start
                        || g.end + 1 == m.start && is(lex::DETERMINERS, view.word(g.end)))
            });
        let participle = p.pos == TriggerPos::Verb
            && word.ends_with("ing")
            && prev.is_some_and(|g| {
                set.patterns[g.pattern].pos == TriggerPos::Noun && g.end == m.start
            });
        // a nominal event that is the object of a governing verb ("agreed to a truce",
        // "condemned the attack", "blamed Israel for the bombing")
        let noun_object = p.pos == TriggerPos::Noun
            && out.last().is_some_and(|g| {
                governing(g)
                    && set.patterns[g.pattern].pos == TriggerPos::Verb
                    && m.start.saturating_sub(g.end) <= 6
                    && !(g.end..m.start)
                        .any(|t| view.is_hard_punct(t) || is(lex::RELATIVES, view.word(t)))
            });
        if to_complement || that_complement || noun_object {
            if let Some(g) = out.last_mut() {
                let gt = set.patterns[g.pattern].etype;
                g.absorbed_mode = complement_mode(gt, inner_type, p.mode.as_deref());
                g.absorbed_at = g.absorbed_mode.map(|_| (m.start, m.end));
            }
            continue;
        }
        if object_noun || participle {
            continue;
        }
        out.push(m);
    }
    out
}

/// The mode a governing event takes from its embedded complement of type `inner` and mode
/// `inner_mode` ("refused to withdraw": `yield`; "threatened to impose a curfew": `curfew`).
fn complement_mode(
    governor: EventType,
    inner: EventType,
    inner_mode: Option<&str>,
) -> Option<&'static str> {
    match (governor, inner) {
        (EventType::Reject | EventType::Request, EventType::Retreat | EventType::Concede) => {
            Some("yield")
        }
        (EventType::Reject | EventType::Request, EventType::Consult) => Some("meet"),
        (EventType::Reject | EventType::Request, EventType::Aid | EventType::Cooperate) => {
            Some("assist")
        }
        (
            EventType::Threaten,
            EventType::Assault
            | EventType::Mobilize
            | EventType::Coerce
            | EventType::Sanction
            | EventType::Protest
            | EventType::Retreat,
        ) => Some(threat_mode(inner, inner_mode)),
        _ => None,
    }
}

/// The PLOVER THREATEN mode of a threatened act of type `act` and mode `mode`: what is
/// threatened (violence, a curfew, a ban, arrests, expulsions, cut relations, or restrictions
/// such as blockades, boycotts and strikes).
fn threat_mode(act: EventType, mode: Option<&str>) -> &'static str {
    match (act, mode) {
        (EventType::Assault | EventType::Mobilize, _) => "violence",
        (EventType::Coerce, Some("curfew")) => "curfew",
        (EventType::Coerce, Some("ban")) => "ban",
        (EventType::Coerce, Some("arrest" | "detain")) => "arrest",
        (EventType::Coerce | EventType::Sanction, Some("deport" | "expel")) => "expel",
        (EventType::Sanction, Some("sever" | "cancel" | "withdraw")) | (EventType::Retreat, _) => {
            "relations"
        }
        _ => "restrict",
    }
}

fn match_at(elems: &[Elem], view: &View, i: usize, s1: usize, verb: bool) -> Option<usize> {
    fn rec(elems: &[Elem], view: &View, i: usize, s1: usize, names_ok: bool) -> Option<usize> {
        match elems.first() {
            None => Some(i),
            Some(Elem::Words(ws)) => {
                if i < s1 && ws.iter().any(|w| view.is_form_of(i, w)) {
                    rec(&elems[1..], view, i + 1, s1, false)
                } else {
                    None
                }
            }
            Some(Elem::Gap) => {
                for skip in 0..=patterns::MAX_GAP {
                    let j = i + skip;
                    if j >= s1 {
                        break;
                    }
                    if skip > 0 && !view.gap_allows(j - 1, names_ok) {
                        break;
                    }
                    if let Some(end) = rec(&elems[1..], view, j, s1, false) {
                        return Some(end);
                    }
                }
                None
            }
        }
    }
    // only a gap right after the verb may skip names (its object)
    match elems.split_first() {
        Some((first @ Elem::Words(_), rest)) => {
            let end1 = rec(std::slice::from_ref(first), view, i, s1, false)?;
            rec(rest, view, end1, s1, verb)
        }
        _ => rec(elems, view, i, s1, false),
    }
}

/// Rejects a verb reading after a determiner and a noun reading after "to" or a modal.
fn pos_plausible(pos: TriggerPos, view: &View, start: usize, head: usize, s0: usize) -> bool {
    let prev = if start > s0 { view.word(start - 1) } else { "" };
    // when a tagger ran, its part of speech decides; headlines in title case fool it, so
    // there the word-order rules below decide alone
    if let Some(upos) = view.upos(if pos == TriggerPos::Verb { start } else { head }) {
        let ok = match pos {
            TriggerPos::Verb => {
                // right after a named subject a word is read as its verb whatever the tagger
                // says ("The Palestinians reject proposed changes")
                // ("a United Nations appeal" is a noun: an indefinite name modifies it)
                let after_subject = start > s0
                    && view.mention_at(start - 1).is_some_and(|m| {
                        let ms = view.mention_range(m).0;
                        let indefinite = ms > s0 && matches!(view.word(ms - 1), "a" | "an");
                        // "send them back": an object pronoun is never a subject
                        let object_case = is(lex::OBJECT_PRONOUNS, view.word(start - 1));
                        !(view.doc.mentions[m].modifier || indefinite || object_case)
                    });
                matches!(upos, "VERB" | "AUX")
                    || upos == "ADJ" && view.word(start).ends_with("ed")
                    || after_subject
            }
            TriggerPos::Noun => {
                // after a determiner or a light verb ("launch strikes") a word is a noun
                // whatever the tagger says
                let before = if head > s0 { view.word(head - 1) } else { "" };
                matches!(upos, "NOUN" | "PROPN" | "ADJ")
                    || is(lex::DETERMINERS, before)
                    || is(lex::LIGHT_VERBS, before) && !is(lex::AUX, before)
            }
        };
        if !ok && !view.in_headline(start) {
            return false;
        }
    }
    match pos {
        TriggerPos::Verb => {
            // a gerund after a determiner or conjunction is a noun ("as Fighting Rages")
            let gerund = view.word(start).ends_with("ing")
                && is(
                    &[
                        "as", "of", "amid", "despite", "the", "a", "an", "its", "their", "his",
                        "her",
                    ],
                    prev,
                );
            let after_number = start > s0 && view.is_number(start - 1);
            // "the recently imposed Sharia law": a participle after a determiner and adverbs
            // modifies a noun
            let mut k = start;
            while k > s0 + 1 && view.word(k - 1).ends_with("ly") {
                k -= 1;
            }
            let attributive = k < start && is(lex::DETERMINERS, view.word(k - 1));
            // "launch strikes": right after a light verb the word is its object
            if is(lex::LIGHT_VERBS, prev) && !is(lex::AUX, prev) {
                return false;
            }
            !(gerund || is(lex::DETERMINERS, prev) || prev == "of" || after_number || attributive)
        }
        TriggerPos::Noun => {
            let prev_head = if head > s0 { view.word(head - 1) } else { "" };
            !(is(
                &[
                    "to", "will", "would", "could", "can", "may", "might", "must", "should",
                    "they", "we", "he", "she", "not", "n't", "i",
                ],
                prev_head,
            ) || (head == start && is(&["to", "will", "would", "they", "we"], prev)))
        }
    }
}

/// Converts a mention to a role filler whose text is the whole noun phrase around the
/// mention ("Serbian President Vojislav Kostunica", "Security forces in Guinea"), so that a
/// reader sees who exactly acts; the actor id stays the mention's.
fn filler(doc: &Document, view: &View, m: usize, rule: &str) -> RoleFiller {
    let mention = &doc.mentions[m];
    let actor = mention.actor.as_ref().and_then(|id| doc.actor(id));
    // a pronoun is shown as what it stands for ("they" -> "Afghan rebel leaders"); the rule
    // records the coreference
    // ... but "the army" read as a country's army names that army, not the country's mention
    // ("a Chinese firm")
    let shown = match (mention.etype, mention.antecedent) {
        _ if mention.rule == "coref:government" => m,
        (EntityType::Anaphor, Some(a)) if (a as usize) < doc.mentions.len() && a as usize != m => {
            a as usize
        }
        _ => m,
    };
    let span = if doc.mentions[shown].etype == EntityType::Anaphor {
        let span = doc.mentions[shown].span;
        // with its article: "the military"
        let (ms, _) = view.mention_range(shown);
        match ms.checked_sub(1) {
            Some(a) if view.word(a) == "the" && mention.rule == "coref:government" => {
                view.span(a).cover(span)
            }
            _ => span,
        }
    } else {
        view.noun_phrase(shown)
    };
    let mut f = RoleFiller {
        actor: mention.actor.clone(),
        text: doc.slice(span).to_string(),
        start: span.start,
        end: span.end,
        code: actor.and_then(|a| a.code.clone()),
        sector: actor.and_then(|a| a.sector.clone()),
        rule: if mention.etype == EntityType::Anaphor {
            format!("{rule}+{}", mention.rule)
        } else {
            rule.to_string()
        },
    };
    // with a parse, the noun phrase the mention (or the pronoun's antecedent) heads there
    if let Some(sent) = doc.sentences.get(doc.mentions[shown].sentence as usize) {
        parsed::widen_to_phrase(
            view,
            &mut f,
            shown,
            sent.tokens.0 as usize,
            sent.tokens.1 as usize,
        );
    }
    f
}
