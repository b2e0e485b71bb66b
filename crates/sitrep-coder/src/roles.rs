//! Source, recipient and factuality from word order. This is the token-level first version;
//! a dependency parse can replace [`assign`] without touching the rest of the coder.

use sitrep_doc::{Document, EntityType, EventType, Factuality, RoleFiller, Span, TokenKind};
use sitrep_text::fold;

use crate::deps::Deps;
use crate::filler;
use crate::lex::{self, is};
use crate::patterns::{Pattern, TriggerPos};

/// One folded string (or none) per token, in one buffer: a view is built three times per
/// document, and a string per token was a noticeable share of the pipeline's allocations.
#[derive(Debug, Default)]
struct Strings {
    buf: String,
    /// `(start, end)` in `buf`; `start > end` for none.
    spans: Vec<(u32, u32)>,
}

impl Strings {
    fn with_capacity(n: usize, bytes: usize) -> Strings {
        Strings {
            buf: String::with_capacity(bytes),
            spans: Vec::with_capacity(n),
        }
    }

    /// Appends `s` folded, or none.
    fn push(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                let start = self.buf.len();
                sitrep_text::fold_into(s, &mut self.buf);
                self.spans.push((start as u32, self.buf.len() as u32));
            }
            None => self.spans.push((1, 0)),
        }
    }

    fn get(&self, i: usize) -> Option<&str> {
        let &(a, b) = self.spans.get(i)?;
        self.buf.get(a as usize..b as usize)
    }
}

/// Per-document token view: folded words and the mention covering each token.
pub(crate) struct View<'d> {
    pub doc: &'d Document,
    words: Strings,
    /// Folded lemmas, when a lemmatizer ran.
    lemmas: Strings,
    /// Best mention covering each token (non-modifier, longest).
    tok_mention: Vec<Option<usize>>,
    /// Token range of each mention.
    mention_tokens: Vec<(usize, usize)>,
    /// The dependency parse, where sentences have one.
    pub deps: Deps<'d>,
    /// More words each token may match by, beside its form and lemma (empty: none).
    pub alternatives: Vec<Vec<String>>,
}

impl<'d> View<'d> {
    pub fn new(doc: &'d Document) -> View<'d> {
        let mut words = Strings::with_capacity(doc.tokens.len(), doc.text().len());
        for t in &doc.tokens {
            words.push(Some(doc.slice(t.span)));
        }
        let mut tok_mention: Vec<Option<usize>> = vec![None; doc.tokens.len()];
        let mut mention_tokens = Vec::with_capacity(doc.mentions.len());
        for (mi, m) in doc.mentions.iter().enumerate() {
            let a = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
            let b = doc.tokens.partition_point(|t| t.span.start < m.span.end);
            mention_tokens.push((a, b.max(a)));
            if matches!(m.etype, EntityType::Date | EntityType::Quantity) {
                continue;
            }
            for slot in tok_mention.iter_mut().take(b).skip(a) {
                let better = match *slot {
                    None => true,
                    Some(o) => {
                        let om = &doc.mentions[o];
                        (om.modifier && !m.modifier)
                            || (om.modifier == m.modifier && m.span.len() > om.span.len())
                    }
                };
                if better {
                    *slot = Some(mi);
                }
            }
        }
        let mut lemmas = Strings::with_capacity(doc.tokens.len(), 0);
        for t in &doc.tokens {
            lemmas.push(t.lemma.as_deref());
        }
        View {
            doc,
            words,
            lemmas,
            tok_mention,
            mention_tokens,
            deps: Deps::new(doc),
            alternatives: Vec::new(),
        }
    }

    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).unwrap_or("")
    }

    pub fn span(&self, i: usize) -> Span {
        self.doc.tokens[i].span
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
    }

    pub fn is_hard_punct(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct)
            && !matches!(self.word(i), "-" | "'s")
    }

    /// True when a pattern gap may skip token `i`: not punctuation, a conditional, a relative
    /// pronoun or a name (pronouns are allowed: "given them its blessing").
    /// Right after a verb (`names_ok`), a gap may skip its object too ("give Tanzania a
    /// grant", "summoned Niger's ambassador").
    pub fn gap_allows(&self, i: usize, names_ok: bool) -> bool {
        let w = self.word(i);
        if self.is_hard_punct(i) || is(lex::CONDITIONALS, w) || is(lex::RELATIVES, w) {
            return false;
        }
        match self.mention_at(i) {
            Some(mi) => {
                let m = &self.doc.mentions[mi];
                // a town after a preposition is an adjunct ("returned to Cairo for talks")
                let ms = self.mention_range(mi).0;
                let adjunct_place =
                    self.is_place(mi) && ms > 0 && is(lex::PREPOSITIONS, self.word(ms - 1));
                names_ok
                    || m.modifier
                    || m.etype == EntityType::Anaphor
                    || self.is_generic(mi)
                    || adjunct_place
            }
            None => true,
        }
    }

    /// A role filler for the text of `span` that names no actor ("a suicide car bombing",
    /// "Thousands", an unknown name), found by `rule`.
    pub fn unresolved(&self, span: Span, rule: String) -> RoleFiller {
        RoleFiller {
            actor: None,
            text: self.doc.slice(span).to_string(),
            start: span.start,
            end: span.end,
            code: None,
            sector: None,
            rule,
        }
    }

    /// True when token `i` has a `case` dependent `word` ("of" in "Thousands of X").
    pub fn has_case(&self, i: usize, word: &str) -> bool {
        self.deps
            .children(i)
            .iter()
            .any(|&k| self.deps.rel(k as usize) == "case" && self.word(k as usize) == word)
    }

    pub fn mention_at(&self, i: usize) -> Option<usize> {
        self.tok_mention.get(i).copied().flatten()
    }

    pub fn mention_range(&self, m: usize) -> (usize, usize) {
        self.mention_tokens[m]
    }

    /// The tagger's UPOS of token `i`, when a tagger ran.
    pub fn upos(&self, i: usize) -> Option<&str> {
        self.doc.tokens.get(i).and_then(|t| t.upos.as_deref())
    }

    /// The lemma of token `i`, lower-cased, when a lemmatizer ran.
    pub fn lemma(&self, i: usize) -> Option<&str> {
        self.lemmas.get(i)
    }

    /// True when token `i` matches the pattern word `w`: by its form, its lemma or one of
    /// its [`View::alternatives`].
    pub fn is_form_of(&self, i: usize, w: &str) -> bool {
        w == self.word(i)
            || self.lemma(i) == Some(w)
            || self
                .alternatives
                .get(i)
                .is_some_and(|a| a.iter().any(|x| x == w))
    }

    /// True when token `i` lies in a headline sentence.
    pub fn in_headline(&self, i: usize) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return false;
        };
        self.doc
            .sentence_at(t.span.start)
            .is_some_and(|s| self.doc.sentences[s].headline)
    }

    /// True when token `i` starts with a lower-case letter (a verb, not "State Department").
    pub fn is_lower(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_lowercase)
    }

    /// True for possessive pronouns ("their", "its"): possessors, not participants.
    pub fn is_possessive(&self, m: usize) -> bool {
        let mention = &self.doc.mentions[m];
        mention.etype == EntityType::Anaphor
            && matches!(
                fold(self.doc.slice(mention.span)).as_str(),
                "their" | "its" | "his" | "her" | "our" | "my" | "your"
            )
    }

    /// True when mention `m` (ending at token `me`) may fill a role: not a possessive
    /// pronoun, and a modifier only when an agent noun follows ("Palestinian detainees").
    pub fn can_fill(&self, m: usize, me: usize) -> bool {
        if self.is_possessive(m) {
            return false;
        }
        if !self.doc.mentions[m].modifier || is(lex::AGENT_HEADS, self.word(me)) {
            return true;
        }
        // "the Latvian Constitutional Court", "Israeli riot police": the agent noun may
        // follow a word or two of the same phrase
        (me + 1..me + 3).any(|k| {
            is(lex::AGENT_HEADS, self.word(k))
                && (me..k).all(|t| {
                    matches!(self.upos(t), Some("ADJ" | "NOUN" | "PROPN"))
                        && self.mention_at(t).is_none()
                        && !is(lex::AGENT_HEADS, self.word(t))
                })
        })
    }

    /// True when token `i` lies in a mention of an actor that is no pronoun and no place
    /// ("Kosovo", "the MS13", "the new government").
    pub fn names_actor(&self, i: usize) -> bool {
        self.mention_at(i).is_some_and(|m| {
            let mention = &self.doc.mentions[m];
            mention.actor.is_some() && mention.etype != EntityType::Anaphor && !self.is_place(m)
        })
    }

    /// True when mention `m` is a place (not a country or an actor).
    pub fn is_place(&self, m: usize) -> bool {
        self.doc.mentions[m]
            .actor
            .as_deref()
            .and_then(|id| self.doc.actor(id))
            .is_some_and(|a| a.kind == sitrep_doc::ActorKind::Place)
    }

    /// True when mention `m` is a country or a place.
    pub fn is_territory(&self, m: usize) -> bool {
        self.doc.mentions[m]
            .actor
            .as_deref()
            .and_then(|id| self.doc.actor(id))
            .is_some_and(|a| {
                matches!(
                    a.kind,
                    sitrep_doc::ActorKind::Place | sitrep_doc::ActorKind::Country
                )
            })
    }

    /// True for a bare agent noun without a country ("troops", "officials").
    pub fn is_generic(&self, m: usize) -> bool {
        let mention = &self.doc.mentions[m];
        mention.etype != EntityType::Anaphor
            && mention
                .actor
                .as_deref()
                .and_then(|id| self.doc.actor(id))
                .is_none_or(|a| a.code.is_none())
    }

    /// The original text of token `i`.
    pub fn raw(&self, i: usize) -> &str {
        self.doc
            .tokens
            .get(i)
            .map(|t| self.doc.slice(t.span))
            .unwrap_or("")
    }

    /// The noun phrase around mention `m`: titles, names and adjectives before it; agent
    /// nouns and an "in/of/from <Name>" complement after it. Stays inside the sentence.
    pub fn noun_phrase(&self, m: usize) -> Span {
        let (a, b) = self.noun_phrase_tokens(m);
        self.span(a)
            .cover(self.span(b - 1))
            .cover(self.doc.mentions[m].span)
    }

    fn is_capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Token range `[a, b)` of [`View::noun_phrase`].
    pub fn noun_phrase_tokens(&self, m: usize) -> (usize, usize) {
        let mention = &self.doc.mentions[m];
        let (ms, me) = self.mention_range(m);
        let Some(sent) = self.doc.sentences.get(mention.sentence as usize) else {
            return (ms, me.max(ms + 1));
        };
        let (s0, s1) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
        if ms >= me || ms < s0 || me > s1 || mention.etype == EntityType::Anaphor {
            return (ms, me.max(ms + 1));
        }
        let mut a = ms;
        while a > s0 && ms - a < 8 {
            let w = self.word(a - 1);
            let excluded = (a - 1 == s0 && is(lex::DETERMINERS, w))
                || sitrep_text::is_calendar_word(w)
                || matches!(
                    w,
                    "the" | "a" | "an" | "on" | "in" | "at" | "but" | "and" | "while" | "as"
                )
                || is(lex::SPEECH_VERBS, w);
            let capital = self.is_capitalized(a - 1) && !excluded && !sent.headline;
            let title = is(lex::TITLE_WORDS, w)
                || is(lex::AGENT_HEADS, w)
                || (is(lex::NAME_PARTICLES, w) && a >= 2 && self.is_capitalized(a - 2));
            let compound = w.ends_with("-led") || w.ends_with("-backed") || w.ends_with("-based");
            // "supporters of former President X", "a member of the Syrian parliament"
            let mut head_of = a;
            if is(&["the", "a", "an"], w) && head_of > s0 + 1 {
                head_of -= 1;
            }
            let agent_of = head_of > s0 + 1
                && self.word(head_of - 1) == "of"
                && is(lex::AGENT_HEADS, self.word(head_of - 2));
            if capital || title || compound || (w == "'s" && a - 1 > s0) {
                a -= 1;
            } else if agent_of {
                a = head_of - 2;
            } else {
                break;
            }
        }
        // a leading article belongs to the phrase ("a member of the Syrian parliament")
        if a > s0 && is(&["a", "an", "the"], self.word(a - 1)) {
            a -= 1;
        }
        let mut b = me;
        loop {
            let w = self.word(b);
            if b >= s1 || b - me >= 6 {
                break;
            }
            // in a headline every word is capitalized: only agent nouns extend a name there
            let name_word = !sent.headline
                && self.is_capitalized(b)
                && self.doc.tokens[b].kind == sitrep_doc::TokenKind::Word
                && !is(lex::SPEECH_VERBS, w)
                && !sitrep_text::is_calendar_word(w);
            if is(lex::AGENT_HEADS, w) || name_word {
                b += 1;
            } else if w == "'s"
                && b + 1 < s1
                && (is(lex::AGENT_HEADS, self.word(b + 1))
                    || is(lex::TITLE_WORDS, self.word(b + 1)))
            {
                b += 2;
            } else {
                break;
            }
        }
        if b + 1 < s1 && matches!(self.word(b), "in" | "of" | "from") {
            let mut c = b + 1;
            if self.word(c) == "the" && c + 1 < s1 {
                c += 1;
            }
            if is(lex::DIRECTIONS, self.word(c)) && c + 1 < s1 {
                c += 1;
            }
            if self.is_capitalized(c)
                && !sent.headline
                && !sitrep_text::is_calendar_word(self.word(c))
            {
                while c < s1 && c - b <= 5 && self.is_capitalized(c) {
                    c += 1;
                }
                b = c;
            }
        }
        (a, b)
    }
}

/// Roles and status of one matched trigger.
pub(crate) struct Roles {
    pub source: Vec<RoleFiller>,
    pub recipient: Vec<RoleFiller>,
    pub factuality: (Factuality, Option<String>),
    /// The verb carrying a nominal trigger ("launched ... attack"), if any.
    pub anchor: Option<usize>,
    /// An "if/unless" clause follows the trigger.
    pub conditional_after: bool,
    /// The addressee of a governing "told X that": the recipient of a threat.
    pub listener: Vec<RoleFiller>,
    /// A speech verb precedes the trigger ("said they would ...").
    pub reported: bool,
    /// The subject of that speech verb.
    pub speaker: Vec<RoleFiller>,
    /// The name opening an "if/unless" clause after the trigger ("unless Baghdad accepted").
    pub condition_subject: Vec<RoleFiller>,
}

/// Assigns roles for a trigger matched at tokens `[start, end)` with head `head` in sentence
/// tokens `[s0, s1)`. Returns `None` when the trigger sits inside a name.
pub(crate) fn assign(
    v: &View,
    p: &Pattern,
    start: usize,
    end: usize,
    head: usize,
    s0: usize,
    s1: usize,
) -> Option<Roles> {
    if let Some(m) = v.mention_at(head) {
        if !v.doc.mentions[m].modifier && v.doc.mentions[m].etype != EntityType::Anaphor {
            return None; // "Islamic Resistance", "Operation X", "Attack Helicopter Regiment"
        }
    }
    let mut source: Vec<RoleFiller>;
    let mut recipient: Vec<RoleFiller>;
    let mut anchor = None;
    let verb_pos;
    let passive = p.pos == TriggerPos::Verb && is_passive(v, start, s0);
    match p.pos {
        TriggerPos::Verb => {
            verb_pos = start;
            if passive {
                source = by_agent(v, end, s1);
                if source.is_empty() {
                    // "X was hit by US airstrikes": the agent phrase holds a modifier mention
                    source = by_agent(v, start + 1, s1);
                }
                if source.is_empty() && p.etype == EventType::Assault {
                    // "three civilians have been killed in a suicide car bombing": no
                    // perpetrator is named; the attack is
                    source = attack_noun_instrument(v, end, s1).into_iter().collect();
                }
                recipient = subject(v, start, s0, "passive-subject");
                if source.is_empty()
                    && p.etype == EventType::Retreat
                    && !matches!(p.mode.as_deref(), Some("release" | "return"))
                {
                    // "guerrillas have been demobilized", "troops were withdrawn from X":
                    // with no agent named, those who withdraw or disarm are the source (but
                    // hostages who were released, or a man returned to his country, did not
                    // release or return anyone)
                    source = std::mem::take(&mut recipient);
                    for f in &mut source {
                        f.rule = format!("{}+retreating", f.rule);
                    }
                }
            } else {
                source = match (
                    conjoined_with(v, start, s0),
                    infinitive_governor(v, start, s0).or_else(|| gerund_governor(v, start, s0)),
                ) {
                    // "killed one soldier and wounded two others": the second verb shares the
                    // first one's subject
                    (Some(first), _) => subject(v, first, s0, "subject+conjoined-verb"),
                    // "would blockade Paris to demand an end": the purpose infinitive's
                    // subject is the governing verb's, not its object
                    (None, Some(gov)) => {
                        let s = subject(v, gov, s0, "subject+controlling-verb");
                        if s.is_empty() {
                            subject(v, start, s0, "subject")
                        } else {
                            s
                        }
                    }
                    (None, None) => subject(v, start, s0, "subject"),
                };
                // "police prevented the demonstration staged by students ... to protest X":
                // the protest is the gathering's, so its organizers are the source
                if p.etype == EventType::Protest {
                    let d = &v.deps;
                    let gov = d
                        .head(start)
                        .filter(|&g| g < start && matches!(d.rel(start), "advcl" | "xcomp"));
                    let gathering = gov.and_then(|g| {
                        parsed_object(v, g)
                            .filter(|&o| is(lex::GATHERING_NOUNS, v.word(o)))
                            .map(|_| g)
                    });
                    if let Some(agent) = gathering.and_then(|g| object_agent(v, g, s1)) {
                        source = agent
                            .into_iter()
                            .map(|mut f| {
                                f.rule = "gathering-agent".to_string();
                                f
                            })
                            .collect();
                    }
                }
                if source.is_empty() && p.etype == EventType::Assault {
                    // "A roadside bombing near Samarra killed one soldier": no perpetrator is
                    // named; the act itself is the subject
                    source = attack_noun_subject(v, start, s0).into_iter().collect();
                }
                // a governing verb's target may sit in its complement ("threatened to
                // launch a new offensive ... with Iraq")
                let governing = matches!(
                    p.etype,
                    EventType::Threaten | EventType::Agree | EventType::Reject | EventType::Request
                ) && v.word(end) == "to";
                recipient = object(v, start + 1, end, s1, p.elems.len() > 1 || governing);
                // (an extradition's recipient is the state the people are handed to)
                if let Some(people) = recipient
                    .first()
                    .filter(|_| p.etype != EventType::Cooperate)
                    .and_then(|f| unnamed_people_object(v, start, end, f, s1))
                {
                    recipient = vec![people];
                }
                // "suspended part of a military aid program for Bosnia": a word inside the
                // trigger phrase is no recipient; who the aid is for is
                if matches!(
                    p.etype,
                    EventType::Sanction | EventType::Aid | EventType::Cooperate
                ) && end > start + 1
                {
                    // (a modifier of a trigger noun, "military aid"; a name in the gap, "give
                    // Tanzania a grant", is the recipient)
                    let (inner_a, inner_b) = (v.span(start + 1).start, v.span(end - 1).end);
                    let inside = |r: &RoleFiller| {
                        let (a, b) = v.tokens_of(r.start, r.end);
                        r.start >= inner_a
                            && r.end <= inner_b
                            // a possessor is whom the act affects ("suspended X's membership")
                            && !v.mention_at(a).is_some_and(|m| {
                                v.is_possessive(m) || v.word(v.mention_range(m).1) == "'s"
                            })
                            && (v
                                .mention_at(a)
                                .is_some_and(|m| v.doc.mentions[m].modifier || v.is_generic(m))
                                || v.upos(b) == Some("NOUN"))
                    };
                    if recipient.iter().all(inside) {
                        let who = beneficiary(v, end, s1);
                        if !who.is_empty() || !recipient.is_empty() {
                            recipient = who;
                        }
                    }
                }
                // "refugees, whom authorities blame", "members of his government, whom
                // they had taken hostage": the relative pronoun is the object, and what it
                // stands for is the recipient
                if let Some(antecedent) = relative_object_antecedent(v, start, s0) {
                    recipient = antecedent;
                }
                if recipient.is_empty() && is_stance(p.etype) {
                    recipient = object_subtree_actor(v, head, s1);
                }
                // "donated and personally delivered $50,000 worth of goods to X": aid goes
                // to whom the clause names after "to"
                if recipient.is_empty() && p.etype == EventType::Aid {
                    recipient = aid_destination(v, end, s1);
                }
                // "investigating alleged war crimes by Croatian extremists against Serb
                // civilians": an accusation is aimed at the perpetrators of what it names
                // ... and so are a protest, a refusal, a crackdown or praise ("prevented the
                // demonstration staged by students", "to protest the rights violations ... by
                // Islamic fundamentalists")
                if matches!(
                    p.etype,
                    EventType::Accuse
                        | EventType::Protest
                        | EventType::Reject
                        | EventType::Coerce
                        | EventType::Support
                ) {
                    let gathering =
                        parsed_object(v, head).is_some_and(|o| is(lex::GATHERING_NOUNS, v.word(o)));
                    if p.etype != EventType::Coerce || gathering {
                        if let Some(agent) = object_agent(v, head, s1) {
                            recipient = agent;
                        }
                    }
                }
                // "urged both sides to protect civilians": the one urged is the object before
                // "to", even without a name; who is to be protected is not
                if let Some(addressee) = control_addressee(v, p, start, &recipient) {
                    recipient = vec![addressee];
                }
                // "killed two persons in Niyamgiri hill area": people without a name are the
                // recipient when nothing else is
                if recipient.is_empty() && p.etype != EventType::Cooperate {
                    recipient = unnamed_people(v, start, end).into_iter().collect();
                }
            }
        }
        TriggerPos::Noun => {
            // possessive or modifier before the noun, "by X" after it, or a light verb's subject
            source = noun_modifier_source(v, start, s0);
            // "protests by students", not "protest against abuses by the police": the agent
            // phrase follows the noun directly
            if source.is_empty() && v.word(end) == "by" {
                source = by_agent(v, end, s1);
            }
            if let Some(lv) = light_verb(v, start, s0) {
                anchor = Some(lv);
                if source.is_empty() {
                    source = if is_passive(v, lv, s0) {
                        by_agent(v, end, s1)
                    } else {
                        subject(v, lv, s0, "light-verb-subject")
                    };
                }
            }
            // "The United States speeded up the withdrawal of ...": a nominal event that is
            // a verb's direct object has that verb's subject as its source
            if source.is_empty() && anchor.is_none() {
                if let Some(gv) = governing_verb(v, start, s0) {
                    source = subject(v, gv, s0, "object-of-verb-subject");
                }
            }
            verb_pos = anchor.unwrap_or(start);
            recipient = noun_recipient(v, end, s1, p.etype);
            // "Oliveira's arrest", "his abduction": the possessor of an act done to someone
            // is whom it was done to (unless an "of" phrase names them: "the group's killing
            // of 11 agents")
            let possessed = start > s0
                && (matches!(v.word(start - 1), "'s" | "'")
                    || v.mention_at(start - 1).is_some_and(|m| v.is_possessive(m)));
            if possessed && is(PATIENT_NOUNS, v.word(head)) && v.word(end) != "of" {
                if let Some(f) = source
                    .first()
                    .filter(|f| f.rule.starts_with("noun-modifier"))
                {
                    if recipient.is_empty() {
                        recipient = vec![RoleFiller {
                            rule: "possessor-patient".to_string(),
                            ..f.clone()
                        }];
                    }
                    // ("his arrest in 2012 by the DEA": the agent after "by" is the source)
                    source = by_agent(v, end, s1);
                }
            }
            if recipient.is_empty() {
                if let Some(ev) = experiencer(v, start, s0) {
                    recipient = subject(v, ev, s0, "experiencer-subject");
                }
            }
        }
    }
    // "called off the strike after deliberations with the government": a concession or an
    // agreement reached in talks is made to the other side of the talks
    // (a town one travels to for talks is where they are held: "returned to Cairo for talks
    // with Israel")
    let venue_only = p.etype == EventType::Consult
        && !recipient.is_empty()
        && recipient.iter().all(|r| {
            r.actor
                .as_deref()
                .and_then(|id| v.doc.actor(id))
                .is_some_and(|a| a.kind == sitrep_doc::ActorKind::Place)
        });
    if (recipient.is_empty() || venue_only)
        && matches!(
            p.etype,
            EventType::Concede
                | EventType::Agree
                | EventType::Retreat
                | EventType::Reject
                | EventType::Consult
        )
    {
        let other = talks_counterpart(v, end, s1);
        if !other.is_empty() || !venue_only {
            recipient = other;
        }
    }
    // "staged a hunger strike ... in protest against the violations by X": what a protest
    // is against is its target
    if p.etype == EventType::Protest && recipient.is_empty() {
        recipient = protest_target(v, head + 1, s1);
    }
    // "rallied to protest the abuses by X": the agent of what a protest verb later in the
    // clause names
    if p.etype == EventType::Protest && recipient.is_empty() {
        let verb = (head + 1..s1.min(head + 8))
            .find(|&k| v.word(k).starts_with("protest") && v.upos(k) == Some("VERB"));
        if let Some(agent) = verb.and_then(|k| object_agent(v, k, s1)) {
            recipient = agent;
        }
    }
    // a source is never its own recipient
    recipient.retain(|r| {
        !source
            .iter()
            .any(|s| s.actor.is_some() && s.actor == r.actor || s.start == r.start)
    });
    let factuality = factuality(v, p, verb_pos, start, s0);
    let conditional_after = (head + 1..s1).any(|t| is(lex::CONDITIONALS, v.word(t)));
    let listener = listener(v, verb_pos, s0);
    let speech = (s0..verb_pos)
        .rev()
        .find(|&k| is(lex::SPEECH_VERBS, v.word(k)) && v.is_lower(k));
    let reported = speech.is_some();
    let condition_subject = (head + 1..s1)
        .find(|&t| is(lex::CONDITIONALS, v.word(t)))
        .and_then(|c| {
            (c + 1..(c + 5).min(s1)).find_map(|t| {
                // a name, not a pronoun: light coreference is not trusted this far
                v.mention_at(t).filter(|&m| {
                    v.can_fill(m, v.mention_range(m).1)
                        && v.doc.mentions[m].etype != EntityType::Anaphor
                })
            })
        })
        .map(|m| vec![filler(v.doc, v, m, "condition-subject")])
        .unwrap_or_default();
    let speaker = speech
        .map(|k| subject(v, k, s0, "speaker"))
        .unwrap_or_default();
    // "X said it/they would ...": a pronoun that coreference left unresolved, subject of
    // what a speaker says, stands for the speaker
    // (or that no mention was made for: "said on Monday it would attack")
    let pronoun_at = match source.as_slice() {
        [only] if only.actor.is_none() => {
            let (pa, _) = v.tokens_of(only.start, only.end);
            v.mention_at(pa)
                .is_some_and(|m| v.doc.mentions[m].etype == EntityType::Anaphor)
                .then_some((pa, only.rule.clone()))
        }
        // (the subject of a passive is who the act befalls: "they were attacked by ...")
        [] if p.pos == TriggerPos::Verb && !passive => {
            let k = verb_group_start(v, verb_pos, s0);
            (k > s0).then(|| (k - 1, "subject".to_string()))
        }
        _ => None,
    };
    if let (Some(k), Some((pa, rule))) = (speech, pronoun_at) {
        let pronoun = matches!(v.word(pa), "it" | "they" | "he" | "she" | "we");
        if pronoun && k < pa && !speaker.is_empty() {
            source = speaker
                .iter()
                .cloned()
                .map(|mut f| {
                    f.rule = format!("{rule}+pronoun-speaker");
                    f
                })
                .collect();
            recipient.retain(|r| !source.iter().any(|s| s.start == r.start));
        }
    }
    Some(Roles {
        source,
        recipient,
        factuality,
        anchor,
        conditional_after,
        listener,
        reported,
        speaker,
        condition_subject,
    })
}

/// The verb that the verb at `verb` is coordinated with when it has no subject of its own
/// ("X killed one soldier and wounded two others" → "killed"): from the parse where there is
/// one (a `conj` of an earlier verb without its own subject), else from word order (the verb
/// group opens with "and"/"or"/"but" right after an earlier verb's phrase).
fn conjoined_with(v: &View, verb: usize, s0: usize) -> Option<usize> {
    let d = &v.deps;
    if d.parsed(verb) {
        let own_subject = d
            .children(verb)
            .iter()
            .any(|&c| d.rel(c as usize).starts_with("nsubj"));
        if let Some(h) = d.head(verb) {
            if d.rel(verb) == "conj" && h < verb && h >= s0 && v.upos(h) == Some("VERB") {
                return (!own_subject).then_some(h);
            }
        }
        if own_subject {
            return None;
        }
    }
    // "... but was still refusing": the verb group's auxiliaries and adverbs
    let mut k = verb;
    let mut auxiliary = false;
    while k > s0
        && (v.word(k - 1).ends_with("ly")
            || is(&["then", "still", "also", "again", "now"], v.word(k - 1))
            || is(lex::AUX, v.word(k - 1))
            || is(lex::NEGATORS, v.word(k - 1)))
    {
        auxiliary |= is(lex::AUX, v.word(k - 1));
        k -= 1;
    }
    if k <= s0 + 2 || !is(&["and", "or", "but"], v.word(k - 1)) {
        return None;
    }
    let limit = k.saturating_sub(20).max(s0);
    // the first verb must have a phrase of its own between it and the conjunction; after an
    // auxiliary it is a finite verb ("opened", not "ordered out" of a reduced relative)
    (limit..k - 2).rev().find(|&t| {
        let w = v.word(t);
        if is(lex::CLAUSE_BREAKS, w) {
            return false;
        }
        let finite = matches!(v.xpos(t), Some("VBD" | "VBZ" | "VBP"))
            || t > s0 && is(lex::AUX, v.word(t - 1));
        v.upos(t) == Some("VERB")
            && v.is_lower(t)
            && !is(lex::SPEECH_VERBS, w)
            && (finite || !auxiliary)
    })
}

/// The verb governing the infinitive at `verb` ("to" right before it) when a name stands
/// between them, so that the nearest name is the governing verb's object and not the
/// infinitive's subject: "began a hunger strike ... to protest", "would blockade Paris to
/// demand". Verbs of object control ("urged Iran to stop") give `None`: there the object is
/// the subject.
fn infinitive_governor(v: &View, verb: usize, s0: usize) -> Option<usize> {
    if verb < s0 + 2 || v.word(verb - 1) != "to" {
        return None;
    }
    let mut named = false;
    let limit = verb.saturating_sub(14).max(s0);
    for k in (limit..verb - 1).rev() {
        let w = v.word(k);
        if is(lex::CLAUSE_BREAKS, w) || w == "," || is(lex::RELATIVES, w) {
            return None;
        }
        if v.mention_at(k).is_some() {
            named = true;
            continue;
        }
        if v.upos(k) == Some("VERB") && v.is_lower(k) {
            let lemma = v.lemma(k).unwrap_or(w);
            if !named
                || is(lex::OBJECT_CONTROL, lemma)
                || is(lex::SPEECH_VERBS, w)
                || v.xpos(k).is_some_and(|x| x == "VBN" || x == "VBG")
            {
                return None;
            }
            return Some(k);
        }
        if v.upos(k) == Some("AUX") {
            return None;
        }
    }
    None
}

/// The finite verb an adverbial gerund clause depends on ("demanded a truce ... before allowing
/// aid convoys"): the gerund's unexpressed subject is that verb's.
fn gerund_governor(v: &View, verb: usize, s0: usize) -> Option<usize> {
    if verb < s0 + 2
        || !v.word(verb).ends_with("ing")
        || !is(
            &["before", "after", "without", "while", "by", "upon", "since"],
            v.word(verb - 1),
        )
    {
        return None;
    }
    let limit = verb.saturating_sub(24).max(s0);
    for k in (limit..verb - 1).rev() {
        let w = v.word(k);
        let finite = matches!(v.xpos(k), Some("VBD" | "VBZ" | "VBP"));
        // a clause boundary, or a finite auxiliary or copula ("is being naive by refusing"):
        // the governor is not a verb to the left
        if w == "that"
            || is(lex::RELATIVES, w)
            || is(lex::CONDITIONALS, w)
            || finite && v.upos(k) == Some("AUX")
        {
            return None;
        }
        // (a base form after a modal: "can make areas safer by cracking down")
        if (finite || v.xpos(k) == Some("VB")) && v.is_lower(k) && v.upos(k) == Some("VERB") {
            return (!is(lex::SPEECH_VERBS, w)).then_some(k);
        }
    }
    None
}

/// The attack noun phrase of a passive attack verb's "in/during a ... <attack noun>" ("killed in
/// a suicide car bombing in central Baghdad"): a filler without an actor.
fn attack_noun_instrument(v: &View, end: usize, s1: usize) -> Option<RoleFiller> {
    let k = (end..(end + 3).min(s1)).find(|&k| matches!(v.word(k), "in" | "during"))?;
    let start = k + 1;
    let mut t = start;
    while t < s1 && t - start < 6 {
        let w = v.word(t);
        if is(lex::ATTACK_NOUNS, w) && v.mention_at(t).is_none() {
            let span = v.span(start).cover(v.span(t));
            return Some(v.unresolved(span, "passive:attack-noun".to_string()));
        }
        if v.is_hard_punct(t) || matches!(v.upos(t), Some("VERB" | "AUX" | "ADP" | "PRON")) {
            return None;
        }
        t += 1;
    }
    None
}

/// The first name after "protest(s)/protesting against|at|over X" from token `from` on.
fn protest_target(v: &View, from: usize, s1: usize) -> Vec<RoleFiller> {
    // "in protest against X", "to protest at X", "to protest X's failure", "calling for the
    // removal of X"
    let target_at = |k: usize| {
        let w = v.word(k);
        if w.starts_with("protest") {
            if is(&["against", "at", "over"], v.word(k + 1)) {
                return Some(k + 2);
            }
            if v.mention_at(k + 1).is_some_and(|m| {
                v.mention_range(m).0 == k + 1 && v.word(v.mention_range(m).1) == "'s"
            }) {
                return Some(k + 1);
            }
        }
        if is(lex::OUSTER_NOUNS, w) && v.word(k + 1) == "of" {
            let demand = (k.saturating_sub(4)..k).any(|j| {
                is(
                    &["calling", "call", "calls", "demanding", "demand"],
                    v.word(j),
                )
            });
            if demand {
                return Some(k + 2);
            }
        }
        None
    };
    let Some(start) = (from..s1.saturating_sub(1)).find_map(target_at) else {
        return Vec::new();
    };
    for j in start..(start + 10).min(s1) {
        if v.is_hard_punct(j) || is(lex::RELATIVES, v.word(j)) {
            break;
        }
        if let Some(m) = v.mention_at(j).filter(|&m| !v.is_possessive(m)) {
            if v.can_fill(m, v.mention_range(m).1) || v.word(v.mention_range(m).1) == "'s" {
                let mut out = vec![filler(v.doc, v, m, "protest-target")];
                coordinate_right(v, v.mention_range(m).1, s1, "protest-target", &mut out);
                return out;
            }
        }
    }
    Vec::new()
}

/// The noun phrase of an attack noun that is the subject of the verb at `verb` ("A roadside
/// bombing near the town of Samarra killed ..."): a filler without an actor, so that the
/// event is kept with its act named rather than dropped or given its victim as source.
fn attack_noun_subject(v: &View, verb: usize, s0: usize) -> Option<RoleFiller> {
    // the verb group: auxiliaries and adverbs before the verb
    let mut end = verb;
    while end > s0 && (is(lex::AUX, v.word(end - 1)) || v.word(end - 1).ends_with("ly")) {
        end -= 1;
    }
    // the phrase runs left to a clause boundary; its head is the first noun of the phrase
    let mut start = end;
    while start > s0 && end - start < 14 {
        let w = v.word(start - 1);
        if is(lex::CLAUSE_BREAKS, w)
            || w == ","
            || is(lex::SPEECH_VERBS, w)
            || matches!(v.upos(start - 1), Some("VERB" | "AUX" | "PRON" | "SCONJ"))
        {
            break;
        }
        start -= 1;
    }
    let head = (start..end).find(|&t| !matches!(v.upos(t), Some("DET" | "ADJ" | "NUM")))?;
    let mut head_end = head;
    while head_end + 1 < end && matches!(v.upos(head_end + 1), Some("NOUN")) {
        head_end += 1;
    }
    if !is(lex::ATTACK_NOUNS, v.word(head_end)) || v.mention_at(head_end).is_some() {
        return None;
    }
    // a trailing time expression is not part of the phrase ("... on Sunday")
    let mut b = end;
    for t in head_end + 1..end {
        if v.upos(t) == Some("ADP")
            && (t + 1..(t + 3).min(end)).any(|u| sitrep_text::is_calendar_word(v.word(u)))
        {
            b = t;
            break;
        }
    }
    let span = v.span(start).cover(v.span(b - 1));
    Some(v.unresolved(span, "subject:attack-noun".to_string()))
}

/// Who an aid or a cut names as its beneficiary right after the trigger phrase: "(program)
/// for Bosnia", "(assistance) to the Kurds".
fn beneficiary(v: &View, end: usize, s1: usize) -> Vec<RoleFiller> {
    let mut k = end;
    while k < s1 && k - end < 3 && v.upos(k) == Some("NOUN") && v.mention_at(k).is_none() {
        k += 1;
    }
    if k + 1 >= s1 || !matches!(v.word(k), "for" | "to") {
        return Vec::new();
    }
    let mut j = k + 1;
    if v.word(j) == "the" && j + 1 < s1 {
        j += 1;
    }
    match v.mention_at(j) {
        Some(m) if v.mention_range(m).0 == j && v.can_fill(m, v.mention_range(m).1) => {
            vec![filler(v.doc, v, m, "beneficiary")]
        }
        _ => Vec::new(),
    }
}

fn is_passive(v: &View, verb: usize, s0: usize) -> bool {
    if !crate::morph::is_participle_form(v.word(verb)) {
        return false;
    }
    // "Vietnam is committed to opening up", "Hamas is opposed to the plan": a state of the
    // subject, which is the source
    if is(lex::STATIVE_PARTICIPLES, v.word(verb)) && matches!(v.word(verb + 1), "to" | "in") {
        return false;
    }
    // a reduced passive, as in headlines: "Depot near Jurf al-Sakhar struck by US forces"
    let perfect = verb > s0 && matches!(v.word(verb - 1), "have" | "has" | "had" | "having");
    if !perfect && v.word(verb + 1) == "by" {
        return true;
    }
    if passive_aux_before(v, verb, s0) {
        return true;
    }
    // a reduced relative: "the state body charged with inspecting", "inmates arrested on
    // charges": the noun the participle modifies is what the act befalls
    let d = &v.deps;
    // (a passive takes no direct object, and an auxiliary makes a verb group: a main verb
    // the parse hung on a noun, "militants attacked Army camp", "forces had seized", is none)
    if d.parsed(verb)
        && d.rel(verb) == "acl"
        && v.xpos(verb) == Some("VBN")
        && !d
            .children(verb)
            .iter()
            .any(|&c| matches!(d.rel(c as usize), "obj" | "compound:prt"))
        && !(verb > s0 && is(lex::AUX, v.word(verb - 1)))
        // ... nor a verb that takes no object ("as protesters clashed with police", "X called
        // for an increase")
        && !v.lemma(verb).is_some_and(|l| is(INTRANSITIVE_VERBS, l))
        && !(v.word(verb + 1) == "for" && v.lemma(verb) == Some("call"))
        // ... nor a noun phrase or a conjunction right after it ("attackers killed Sanaur
        // Rahman", "kidnappers abducted and murdered")
        && !matches!(
            v.upos(verb + 1),
            Some("DET" | "NUM" | "PROPN" | "NOUN" | "PRON" | "ADJ" | "CCONJ")
        )
        && d.head(verb).is_some_and(|h| {
            // (only a noun inside another phrase, or the subject of a verb after the
            // participle, "IEDs seized from the hideout were defused"; a root noun is often a
            // main verb's, "Senior officials agreed on Wednesday that ...", "cartel hitmen
            // killed", and so is a subject with a comma or a clause opener before its verb,
            // "militants stormed into the office, met him there", or right after a relative
            // pronoun, "sources whom InSight Crime consulted have put")
            let subject_of_later_verb = matches!(d.rel(h), "nsubj" | "nsubj:pass")
                && !d.children(verb).iter().any(|&c| d.rel(c as usize) == "nsubj")
                && d.head(h).is_some_and(|g| {
                    g > verb
                        && v.upos(g) == Some("VERB")
                        && !(verb + 1..g).any(|k| v.word(k) == "," || v.upos(k) == Some("SCONJ"))
                        && !d.children(g).iter().any(|&c| d.rel(c as usize) == "mark")
                })
                && !phrase_start(v, h)
                    .checked_sub(1)
                    .is_some_and(|k| k >= s0 && matches!(v.xpos(k), Some("WP" | "WDT")));
            h < verb
                && matches!(v.upos(h), Some("NOUN" | "PROPN"))
                && (matches!(d.rel(h), "obj" | "obl" | "nmod" | "iobj" | "appos")
                    || subject_of_later_verb)
        })
    {
        return true;
    }
    // "were arrested in Choco, accused of links to the group", "Arrested in 2009, the
    // commander ...": a participle clause of its own, opening the sentence or after a comma,
    // with no auxiliary, subject or object, is passive
    if d.parsed(verb)
        && d.rel(verb) == "advcl"
        && v.xpos(verb) == Some("VBN")
        && (verb == s0 || v.word(verb - 1) == ",")
        && !d.children(verb).iter().any(|&c| {
            matches!(
                d.rel(c as usize),
                "obj" | "compound:prt" | "aux" | "aux:pass" | "nsubj" | "nsubj:pass"
            )
        })
        && !v.lemma(verb).is_some_and(|l| is(INTRANSITIVE_VERBS, l))
        && !matches!(
            v.upos(verb + 1),
            Some("DET" | "NUM" | "PROPN" | "NOUN" | "PRON" | "ADJ" | "CCONJ")
        )
    {
        return true;
    }
    // "was arrested in 2009 and extradited to the US", "was taken away and later
    // released": a bare participle right after the conjunction (and an adverb or two)
    // shares the first verb's passive auxiliary
    let mut k = verb;
    while k > s0 + 1 && verb - k < 2 && v.upos(k - 1) == Some("ADV") && v.is_lower(k - 1) {
        k -= 1;
    }
    k > s0
        && is(&["and", "or"], v.word(k - 1))
        && crate::morph::is_participle_form(v.word(verb))
        && parsed_object(v, verb).is_none()
        && conjoined_with(v, verb, s0).is_some_and(|first| {
            crate::morph::is_participle_form(v.word(first)) && passive_aux_before(v, first, s0)
        })
}

/// A passive auxiliary ("was", "been", "being") opens the verb group of the participle at
/// `verb`.
fn passive_aux_before(v: &View, verb: usize, s0: usize) -> bool {
    // "he stands accused of breaching", "they stood convicted": "stand" before a participle
    // works as a passive auxiliary
    if verb > s0 && matches!(v.word(verb - 1), "stand" | "stands" | "stood" | "standing") {
        return true;
    }
    let mut j = verb;
    let mut steps = 0;
    while j > s0 && steps < 4 {
        j -= 1;
        steps += 1;
        let w = v.word(j);
        if is(lex::PASSIVE_AUX, w) {
            return true;
        }
        if !(is(lex::AUX, w) || w.ends_with("ly") || is(lex::NEGATORS, w)) {
            return false;
        }
    }
    false
}

/// Nouns of an act whose possessor is the one it is done to ("Oliveira's arrest", "the
/// hostages' release", "his abduction"), not the one doing it ("Israel's offensive").
const PATIENT_NOUNS: &[&str] = &[
    "arrest",
    "arrests",
    "detention",
    "capture",
    "killing",
    "murder",
    "assassination",
    "kidnapping",
    "abduction",
    "execution",
    "extradition",
    "deportation",
    "release",
    "expulsion",
    "imprisonment",
    "conviction",
    "sentencing",
    "ouster",
    "removal",
];

/// Verbs without a passive: a participle of one is a past tense.
const INTRANSITIVE_VERBS: &[&str] = &[
    "clash", "march", "rally", "riot", "flee", "arrive", "die", "emerge", "rebel", "mutiny",
    "revolt",
];

/// The clause-initial boundary to the left of `i`.
fn clause_start(v: &View, i: usize, s0: usize) -> usize {
    let mut j = i;
    while j > s0 {
        let w = v.word(j - 1);
        if is(lex::CLAUSE_BREAKS, w) || w == "," && j < i && is(lex::CONDITIONALS, v.word(j)) {
            return j;
        }
        j -= 1;
    }
    s0
}

/// Words that head a phrase whose actor is in its "of" complement ("Thousands of Nigerians",
/// "a group of Moroccan diplomats"), or that stand for a crowd on their own ("Thousands
/// protested").
const QUANTITY_HEADS: &[&str] = &[
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "tens",
    "millions",
    "thousand",
    "hundred",
    "dozen",
    "score",
    "group",
    "groups",
    "number",
    "crowd",
    "crowds",
    "band",
    "team",
    "unit",
    "delegation",
    "contingent",
    "column",
    "convoy",
];

/// True when some token of `s0..s1` could be (part of) a role filler. Every filler is a
/// mention ([`View::mention_at`]), a capitalized word the tagger calls `PROPN` ("Ethopia has
/// agreed"), a crowd word ([`CROWD_HEADS`]) or an attack noun (`lex::ATTACK_NOUNS`), in the
/// sentence of its event: the parse only says which of them fills which role. A sentence
/// without any has no source for an event, so neither its parse nor its coding can yield one.
pub(crate) fn may_fill(v: &View, s0: usize, s1: usize) -> bool {
    (s0..s1).any(|k| {
        v.mention_at(k).is_some()
            || (v.upos(k) == Some("PROPN") && !v.is_lower(k))
            || is(CROWD_HEADS, v.word(k))
            || is(lex::ATTACK_NOUNS, v.word(k))
    })
}

/// Crowd words that are a source without any actor ("Thousands protested in Aden").
const CROWD_HEADS: &[&str] = &[
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "tens",
    "millions",
    "people",
    "crowd",
    "crowds",
];

/// The mention that token `h` (a subject in the parse) names: its own mention, or that of its
/// "of" complement when `h` is a quantity or group word.
fn actor_headed_by(v: &View, h: usize, depth: usize) -> Option<(usize, bool)> {
    // "The government of Mali": a description is named by its "of" complement rather than
    // by what coreference guessed for it
    if v.mention_at(h)
        .is_some_and(|m| v.doc.mentions[m].etype == EntityType::Anaphor)
        && is(lex::AGENT_HEADS, v.word(h))
    {
        if let Some(named) = of_complement(v, h, depth) {
            return Some(named);
        }
    }
    if let Some(m) = v.mention_at(h) {
        let (_, me) = v.mention_range(m);
        return v.can_fill(m, me).then_some((m, false));
    }
    if !is(QUANTITY_HEADS, v.word(h)) {
        return None;
    }
    of_complement(v, h, depth)
}

/// The actor of the "of" complement of token `h` ("Thousands of Nigerians").
fn of_complement(v: &View, h: usize, depth: usize) -> Option<(usize, bool)> {
    let d = &v.deps;
    if depth > 2 {
        return None;
    }
    d.children(h).iter().map(|&c| c as usize).find_map(|c| {
        (c > h && d.rel(c) == "nmod" && v.has_case(c, "of"))
            .then(|| actor_headed_by(v, c, depth + 1).map(|(m, _)| (m, true)))
            .flatten()
    })
}

/// True when token `i` lies in a dateline opening the sentence ("BAMAKO (AFP) -"): capitals
/// and a parenthesized outlet before a dash.
fn in_dateline(v: &View, i: usize, s0: usize) -> bool {
    let Some(dash) = (s0..(s0 + 10).min(v.doc.tokens.len()))
        .find(|&k| matches!(v.word(k), "-" | "--" | "–" | "—"))
    else {
        return false;
    };
    let mut paren = false;
    i < dash
        && (s0..dash).all(|k| {
            let raw = v.raw(k);
            match raw {
                "(" => {
                    paren = true;
                    true
                }
                ")" => {
                    paren = false;
                    true
                }
                "," | "." => true,
                _ => paren || !raw.chars().any(char::is_lowercase),
            }
        })
}

/// "Dozens of people protested outside the embassy", parsed as a noun phrase with
/// "protested" a clause of "people": a past or present tense (a reduced relative is a
/// participle) hung as `acl` on a noun phrase that is the sentence's root is the sentence's
/// own verb, and a crowd phrase there ([`CROWD_HEADS`]: the root or its `nmod` chain down to
/// `gov`) its subject, without an actor. `None` otherwise, and when a name stands between
/// the phrase's start and the verb (word order finds it).
fn crowd_of_verbless_sentence(
    v: &View,
    verb: usize,
    gov: usize,
    s0: usize,
    rule: &str,
) -> Option<Vec<RoleFiller>> {
    let d = &v.deps;
    if !matches!(v.xpos(verb), Some("VBD" | "VBZ" | "VBP")) {
        return None;
    }
    let mut top = gov;
    let mut crowd = is(CROWD_HEADS, v.word(gov));
    while d.rel(top) == "nmod" {
        match d.head(top) {
            Some(h) if h >= s0 && h < top => top = h,
            _ => return None,
        }
        crowd |= is(CROWD_HEADS, v.word(top));
    }
    if d.rel(top) != "root"
        || !matches!(v.upos(top), Some("NOUN" | "NUM"))
        || !crowd
        || in_dateline(v, top, s0)
    {
        return None;
    }
    // a name in the phrase ("Hundreds of students") is for the word-order rules to give
    let start = phrase_start(v, top);
    if (start..verb).any(|k| v.mention_at(k).is_some()) {
        return None;
    }
    let span = v.span(start).cover(v.span(gov));
    Some(vec![v.unresolved(span, format!("{rule}+crowd+clause"))])
}

/// A filler without an actor for the phrase that token `h` heads, from [`phrase_start`] to
/// `h` ("two persons", "both sides").
fn phrase_filler(v: &View, h: usize, rule: &str) -> RoleFiller {
    v.unresolved(
        v.span(phrase_start(v, h)).cover(v.span(h)),
        rule.to_string(),
    )
}

/// The first token of the phrase that token `h` heads, counting only its left dependents
/// that belong to a noun phrase ("About 200", "the", "Seven").
fn phrase_start(v: &View, h: usize) -> usize {
    let d = &v.deps;
    let mut start = h;
    for &c in d.children(h) {
        let c = c as usize;
        if c < start
            && matches!(
                d.rel(c),
                "det" | "nummod" | "amod" | "compound" | "advmod" | "nmod:poss" | "det:predet"
            )
        {
            start = phrase_start(v, c).min(c);
        }
    }
    start
}

/// The subject of the verb at `verb` read off the parse: the actor its `nsubj` dependent names
/// (directly, or through "Thousands of ...", "a group of ..."), with coordinated subjects;
/// a crowd without a name ("Thousands protested") is a source without an actor. `None` when
/// the parse gives no subject that names one, so that the word-order rules decide.
fn parsed_subject(v: &View, verb: usize, s0: usize, rule: &str) -> Option<Vec<RoleFiller>> {
    parsed_subject_at(v, verb, s0, rule, 0)
}

/// [`parsed_subject`]; a non-finite clause without a subject of its own ("to finance
/// projects", "urging the counterpart to sign") takes its governing verb's, or that verb's
/// object for verbs of object control ("urged Iraq to disband").
fn parsed_subject_at(
    v: &View,
    verb: usize,
    s0: usize,
    rule: &str,
    depth: usize,
) -> Option<Vec<RoleFiller>> {
    let d = &v.deps;
    if !d.parsed(verb) || depth > 3 {
        return None;
    }
    // a subject never carries a preposition: "opened its borders to most West Africans
    // ordered out of Nigeria" parsed with "Africans" as the subject of "ordered" is a
    // prepositional phrase and a reduced relative
    let own =
        d.children(verb).iter().map(|&c| c as usize).find(|&c| {
            matches!(d.rel(c), "nsubj" | "nsubj:pass" | "csubj") && !has_preposition(v, c)
        });
    let Some(subj) = own else {
        let rel = d.rel(verb);
        let gov = d.head(verb)?;
        // "Bangladesh has once again outright rejected": a perfect auxiliary parsed as the
        // main verb, with the participle as its complement, still has the subject
        if rel == "xcomp"
            && gov < verb
            && gov >= s0
            && is(lex::AUX, v.word(gov))
            && d.child(gov, "nsubj").is_some()
        {
            return parsed_subject_at(v, gov, s0, rule, depth + 1);
        }
        // "Benin opened its borders ... but was still refusing admittance": a coordinated
        // verb without a subject shares its first conjunct's
        if rel == "conj" && gov < verb && gov >= s0 && matches!(v.upos(gov), Some("VERB")) {
            return parsed_subject_at(v, gov, s0, &format!("{rule}+conjoined-verb"), depth + 1);
        }
        let non_finite = matches!(v.xpos(verb), Some("VB" | "VBG"))
            && d.children(verb).iter().all(|&c| {
                let c = c as usize;
                d.rel(c) != "mark" || v.word(c) == "to"
            })
            && !d.children(verb).iter().any(|&c| {
                matches!(d.rel(c as usize), "aux" | "aux:pass") && v.word(c as usize) != "to"
            });
        if rel == "acl" && gov < verb && gov >= s0 {
            return crowd_of_verbless_sentence(v, verb, gov, s0, rule);
        }
        if !(matches!(rel, "xcomp" | "advcl") && non_finite && gov < verb && gov >= s0) {
            return None;
        }
        if rel == "xcomp"
            && is(
                lex::OBJECT_CONTROL,
                v.lemma(gov).unwrap_or_else(|| v.word(gov)),
            )
        {
            let obj = d.child(gov, "obj")?;
            let (m, _) = actor_headed_by(v, obj, 0)?;
            return Some(vec![filler(v.doc, v, m, &format!("{rule}+object-control"))]);
        }
        let r = if depth == 0 {
            format!("{rule}+controlling-verb")
        } else {
            rule.to_string()
        };
        return parsed_subject_at(v, gov, s0, &r, depth + 1);
    };
    if d.rel(subj) != "nsubj" || subj < s0 || subj > verb || in_dateline(v, subj, s0) {
        return None;
    }
    let shown = |m: usize, via_of: bool, h: usize, rule: &str| {
        let mut f = filler(v.doc, v, m, rule);
        if via_of {
            // the phrase shown starts at the quantity ("Thousands of Nigerians")
            let a = v.span(phrase_start(v, h));
            if a.start < f.start {
                f.text = v
                    .doc
                    .slice(Span::new(a.start as usize, f.end as usize))
                    .to_string();
                f.start = a.start;
                f.rule = format!("{}+complement", f.rule);
            }
        }
        f
    };
    // "The Iraqi armed group Harakat al-Nujaba refused": a common noun in apposition with a
    // name is described by it; the name is the subject. A parse that makes the name a second
    // subject of the verb, right after the noun, says the same (a verb has one subject).
    let named = || {
        (v.upos(subj) == Some("NOUN")).then_some(())?;
        let second_subject = d
            .children(verb)
            .iter()
            .map(|&c| c as usize)
            .find(|&c| c > subj && d.rel(c) == "nsubj" && phrase_start(v, c) == subj + 1);
        let appositions = d.children(subj).iter().map(|&c| c as usize);
        appositions.chain(second_subject).find_map(|c| {
            let appos = d.rel(c) == "appos" || Some(c) == second_subject;
            // a name: tagged as one, or a capitalized mention (the tagger takes an unknown
            // name's last word for a noun now and then: "Harakat al-Nujaba")
            (appos && c > subj)
                .then(|| v.mention_at(c))
                .flatten()
                .filter(|&m| {
                    let mention = &v.doc.mentions[m];
                    let capitalized = v
                        .doc
                        .slice(mention.span)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    (v.upos(c) == Some("PROPN") || capitalized)
                        && mention.actor.is_some()
                        && mention.etype != EntityType::Anaphor
                })
        })
    };
    let mut out = match actor_headed_by(v, subj, 0) {
        Some((m, via_of)) => match named() {
            Some(name) if v.doc.mentions[name].actor != v.doc.mentions[m].actor => {
                vec![shown(name, false, subj, &format!("{rule}+apposition"))]
            }
            _ => vec![shown(m, via_of, subj, rule)],
        },
        None if is(CROWD_HEADS, v.word(subj)) && perfect_or_active(v, verb) => {
            // the crowd's phrase: from its first word to the end of its "of" chain
            let a = phrase_start(v, subj);
            let mut b = subj;
            let mut k = subj;
            while let Some(c) = d
                .children(k)
                .iter()
                .map(|&c| c as usize)
                .find(|&c| c > k && d.rel(c) == "nmod" && c < verb)
            {
                b = c;
                k = c;
            }
            let span = v.span(a).cover(v.span(b));
            return Some(vec![v.unresolved(span, format!("{rule}+crowd"))]);
        }
        None => return None,
    };
    // "The Turkish and Greek sides": coordinated nationality adjectives each name an actor
    if let [only] = out.as_slice() {
        let first = only.start;
        let (a, _) = v.tokens_of(only.start, only.end);
        if v.upos(a) == Some("ADJ") && v.mention_at(a).is_some() {
            let mut more = Vec::new();
            coordinate_left(v, a, s0, rule, false, &mut more);
            out.extend(more.into_iter().filter(|f| f.start < first));
        }
    }
    for &c in d.children(subj) {
        let c = c as usize;
        if d.rel(c) != "conj" {
            continue;
        }
        if let Some((m, via_of)) = actor_headed_by(v, c, 0) {
            let f = shown(m, via_of, c, &format!("{rule}+coordination"));
            if !out.iter().any(|o| o.start == f.start) {
                out.push(f);
            }
        }
    }
    Some(out)
}

/// The first token of the verb group that ends at `verb`: its auxiliaries, modals, negators
/// and "-ly" adverbs ("would not immediately attack").
fn verb_group_start(v: &View, verb: usize, s0: usize) -> usize {
    let mut k = verb;
    while k > s0
        && (is(lex::AUX, v.word(k - 1))
            || is(lex::NEGATORS, v.word(k - 1))
            || is(lex::FUTURE_MODALS, v.word(k - 1))
            || is(lex::HYPOTHETICAL_MODALS, v.word(k - 1))
            || v.word(k - 1).ends_with("ly"))
    {
        k -= 1;
    }
    k
}

/// The antecedent of an object relative pronoun that opens the clause of the verb at `verb`
/// ("X, whom authorities blame": "whom", then the clause's own subject, then the verb group):
/// the nearest name before the pronoun, past an "of" complement ("Prime Minister X and more
/// than 30 members of his government, whom ..."), with the names coordinated with it. `None`
/// when the clause is not an object relative or no name precedes it. ("which" may stand for a
/// whole clause, "sent tanks to Ukraine, which NATO condemned", so it is left alone.)
fn relative_object_antecedent(v: &View, verb: usize, s0: usize) -> Option<Vec<RoleFiller>> {
    let mut k = verb_group_start(v, verb, s0);
    // the clause's subject: a name or a pronoun right before the verb group
    let subject_end = k;
    while k > s0 && subject_end - k < 6 {
        let t = k - 1;
        let in_subject = v.mention_at(t).is_some()
            || v.upos(t) == Some("PRON") && !is(&["whom", "which", "who", "that"], v.word(t))
            || (v.is_lower(t) && matches!(v.upos(t), Some("DET" | "ADJ" | "NOUN")))
                && !is(&["whom", "which"], v.word(t));
        if !in_subject {
            break;
        }
        k -= 1;
    }
    if k == subject_end || k <= s0 || v.word(k - 1) != "whom" {
        return None;
    }
    let mut j = k - 1;
    if j > s0 && v.word(j - 1) == "," {
        j -= 1;
    }
    // the nearest name before the pronoun; a complement's name ("of his government") gives
    // way to its head's
    let mut found = None;
    let mut t = j;
    while t > s0 && j - t < 12 {
        t -= 1;
        if v.is_hard_punct(t) || is(lex::SPEECH_VERBS, v.word(t)) {
            break;
        }
        let Some(m) = v.mention_at(t) else { continue };
        let (ms, me) = v.mention_range(m);
        t = ms;
        if !v.can_fill(m, me)
            || v.is_possessive(m)
            || v.doc.mentions[m].etype == EntityType::Anaphor
        {
            continue;
        }
        // (past its determiners and adjectives: "of his government")
        let mut np = ms;
        while np > s0
            && np + 3 > ms
            && v.is_lower(np - 1)
            && matches!(v.upos(np - 1), Some("DET" | "PRON" | "ADJ"))
        {
            np -= 1;
        }
        // (not a quantity's: "dozens of Kurdish activists")
        if np > s0 + 1
            && v.word(np - 1) == "of"
            && !is(QUANTITY_HEADS, v.word(np - 2))
            && !v.is_number(np - 2)
        {
            continue;
        }
        found = Some(m);
        break;
    }
    let m = found?;
    let mut out = vec![filler(v.doc, v, m, "relative-object")];
    coordinate_left(
        v,
        v.mention_range(m).0,
        s0,
        "relative-object",
        false,
        &mut out,
    );
    Some(out)
}

/// The first name after "to" in the rest of the clause from token `from` ("... worth of goods
/// to Baghdad University Medical School"), not a "to" infinitive and not past a comma.
fn aid_destination(v: &View, from: usize, s1: usize) -> Vec<RoleFiller> {
    for k in from..(from + 16).min(s1.saturating_sub(1)) {
        let w = v.word(k);
        if v.is_hard_punct(k) || w == "," || is(lex::RELATIVES, w) {
            break;
        }
        // (not "in response to", "according to", nor an infinitive)
        if w != "to"
            || matches!(v.upos(k + 1), Some("VERB" | "AUX"))
            || k > 0
                && is(
                    &[
                        "response",
                        "reaction",
                        "due",
                        "according",
                        "thanks",
                        "addition",
                        "prior",
                    ],
                    v.word(k - 1),
                )
        {
            continue;
        }
        let mut j = k + 1;
        if is(lex::DETERMINERS, v.word(j)) && j + 1 < s1 {
            j += 1;
        }
        if let Some(m) = v.mention_at(j) {
            // the name heads its phrase ("to a government crackdown" names none)
            let me = v.mention_range(m).1;
            if v.can_fill(m, me) && v.upos(me) != Some("NOUN") {
                let mut out = vec![filler(v.doc, v, m, "aid-destination")];
                coordinate_right(v, v.mention_range(m).1, s1, "aid-destination", &mut out);
                return out;
            }
        }
        break;
    }
    Vec::new()
}

/// Whether token `i` has a preposition among its parsed dependents (`case`, but not the
/// possessive clitic).
fn has_preposition(v: &View, i: usize) -> bool {
    let d = &v.deps;
    d.children(i).iter().any(|&k| {
        let k = k as usize;
        k < i && d.rel(k) == "case" && v.upos(k) == Some("ADP")
    })
}

/// Nouns of talks whose "with X" names the other side.
const TALKS_NOUNS: &[&str] = &[
    "talks",
    "negotiations",
    "deliberations",
    "consultations",
    "meeting",
    "meetings",
    "discussions",
    "dialogue",
    "contacts",
];

/// The actor after "talks/negotiations/... with" following token `from` in the sentence.
fn talks_counterpart(v: &View, from: usize, s1: usize) -> Vec<RoleFiller> {
    for k in from..s1.saturating_sub(1) {
        if v.word(k) != "with" || k < 1 || !is(TALKS_NOUNS, v.word(k - 1)) {
            continue;
        }
        let found = (k + 1..(k + 4).min(s1)).find_map(|t| {
            let m = v.mention_at(t)?;
            let me = v.mention_range(m).1;
            (v.can_fill(m, me) && v.doc.mentions[m].etype != EntityType::Anaphor).then_some(m)
        });
        if let Some(m) = found {
            return vec![filler(v.doc, v, m, "talks-counterpart")];
        }
    }
    Vec::new()
}

/// Types whose object is often a proposal, demand or statement that names the recipient
/// somewhere inside ("rejected an invitation to attend a meeting of Palestinian factions",
/// "demanded an admission by Moscow").
fn is_stance(t: EventType) -> bool {
    matches!(
        t,
        EventType::Reject
            | EventType::Agree
            | EventType::Request
            | EventType::Support
            | EventType::Accuse
            | EventType::Protest
    )
}

/// The first actor named inside the parsed direct object of the verb at `verb` (its subtree,
/// within the sentence): the recipient of a stance taken on what the object names. Nothing
/// when the sentence is not parsed or the object names no actor.
fn object_subtree_actor(v: &View, verb: usize, s1: usize) -> Vec<RoleFiller> {
    let d = &v.deps;
    let Some(obj) = parsed_object(v, verb) else {
        return Vec::new();
    };
    // the object's subtree, without clauses of their own (relative clauses, coordination)
    let mut stack = vec![obj];
    let mut inside = Vec::new();
    while let Some(t) = stack.pop() {
        if inside.len() > 24 {
            break;
        }
        inside.push(t);
        for &c in d.children(t) {
            let c = c as usize;
            if c < s1 && !matches!(d.rel(c), "acl:relcl" | "conj" | "parataxis" | "appos") {
                stack.push(c);
            }
        }
    }
    inside.sort_unstable();
    inside
        .into_iter()
        .find_map(|t| {
            let m = v.mention_at(t)?;
            let me = v.mention_range(m).1;
            let mention = &v.doc.mentions[m];
            (mention.etype != EntityType::Anaphor && v.can_fill(m, me) || mention.modifier)
                .then_some(m)
        })
        .map(|m| vec![filler(v.doc, v, m, "object-subtree")])
        .unwrap_or_default()
}

/// The direct object after the verb at `verb` in the parse, if the sentence was parsed.
/// The verb at `verb` (its phrase ending at `end`) has a direct object: a parsed `obj`, or,
/// without a parse, a noun phrase right after it ("demonstrated the potential").
pub(crate) fn has_direct_object(v: &View, verb: usize, end: usize, s1: usize) -> bool {
    if v.deps.parsed(verb) {
        return parsed_object(v, verb).is_some();
    }
    end < s1
        && (matches!(
            v.word(end),
            "the" | "a" | "an" | "its" | "their" | "his" | "her"
        ) || v.upos(end) == Some("NOUN"))
}

/// The heads of what the verb at `verb` acts on: its parsed object, its passive subject, the
/// noun a participle modifies ("estimates released by X"); without a parse, the first noun
/// after the trigger's phrase (ending at `end`).
pub(crate) fn object_heads(v: &View, verb: usize, end: usize, s1: usize) -> Vec<usize> {
    let d = &v.deps;
    if !d.parsed(verb) {
        return (end..(end + 4).min(s1))
            .find(|&k| v.upos(k) == Some("NOUN"))
            .into_iter()
            .collect();
    }
    let mut out: Vec<usize> = d
        .children(verb)
        .iter()
        .map(|&c| c as usize)
        .filter(|&c| matches!(d.rel(c), "obj" | "nsubj:pass"))
        .collect();
    if d.rel(verb) == "acl" {
        out.extend(d.head(verb).filter(|&h| h < verb));
    }
    // "The report, released on Monday by X, tells ...": a participle clause without an
    // object or subject of its own is about the governing verb's subject
    if out.is_empty()
        && d.rel(verb) == "advcl"
        && v.xpos(verb) == Some("VBN")
        && d.child(verb, "nsubj").is_none()
    {
        out.extend(
            d.head(verb)
                .and_then(|g| d.child(g, "nsubj").or_else(|| d.child(g, "nsubj:pass"))),
        );
    }
    out
}

/// True when the object (or passive subject) of the verb at `verb` names people: a person
/// or a group, by name or as a people noun ("11 members of Barrio 18", "criminals").
pub(crate) fn object_is_people(v: &View, verb: usize, end: usize, s1: usize) -> bool {
    object_heads(v, verb, end, s1).into_iter().any(|o| {
        let actor = v
            .mention_at(o)
            .and_then(|m| v.doc.mentions[m].actor.as_deref())
            .and_then(|id| v.doc.actor(id));
        match actor {
            Some(a) => matches!(
                a.kind,
                sitrep_doc::ActorKind::Person
                    | sitrep_doc::ActorKind::Org
                    | sitrep_doc::ActorKind::Group
            ),
            None => names_people(v, o),
        }
    })
}

fn parsed_object(v: &View, verb: usize) -> Option<usize> {
    let d = &v.deps;
    d.parsed(verb)
        .then(|| d.child(verb, "obj"))
        .flatten()
        .filter(|&o| o > verb)
}

/// "killed two shopkeepers in the Mathra area", "kidnapped three engineers working for a
/// Chinese firm": the word-order object `found` is a name inside a modifier of the verb's
/// parsed object, and that object names people but no actor. The people are the recipient,
/// without an actor; the name only says where they were or whom they worked for. The phrase
/// the parsed object heads starts at its determiners and numbers. `None` when the name is the
/// object itself, a group that an agent noun's people belong to ("members from X"), its "of"
/// complement ("positions of the rebels") or outside its phrase, or when the object is a word
/// of the trigger phrase (ending at `match_end`).
fn unnamed_people_object(
    v: &View,
    verb: usize,
    match_end: usize,
    found: &RoleFiller,
    s1: usize,
) -> Option<RoleFiller> {
    let d = &v.deps;
    let obj = parsed_object(v, verb)?;
    // "dispatched inspectors to X": a word of the trigger phrase is not its target
    if obj < match_end || v.mention_at(obj).is_some() || !names_people(v, obj) {
        return None;
    }
    let inside = |k: usize| {
        let sp = v.span(k);
        sp.start >= found.start && sp.end <= found.end
    };
    let toks: Vec<usize> = (obj + 1..s1).filter(|&k| inside(k)).collect();
    let mut k = *toks
        .iter()
        .find(|&&k| d.head(k).is_none_or(|h| !inside(h)))?;
    // "24 members of X", "15 people from the criminal group": a group the people belong to
    // stands for them; a place they are in does not
    let place = toks
        .iter()
        .any(|&t| v.mention_at(t).is_some_and(|m| v.is_place(m)));
    if is(lex::AGENT_HEADS, v.word(obj)) && !place {
        return None;
    }
    let mut in_modifier = false;
    for _ in 0..8 {
        let rel = d.rel(k);
        in_modifier |= rel.starts_with("acl")
            || matches!(rel, "nmod" | "obl") && !v.has_case(k, "of") && !v.has_case(k, "'s");
        let h = d.head(k)?;
        if h == obj {
            return in_modifier.then(|| phrase_filler(v, obj, "object+unnamed-people"));
        }
        if h <= verb {
            return None;
        }
        k = h;
    }
    None
}

/// For a verb of object control ("urged both sides to protect civilians"), its parsed object
/// when that names no actor and the word-order recipient `found` lies past the object's "to"
/// clause: the object's phrase, without an actor.
fn control_addressee(
    v: &View,
    p: &Pattern,
    verb: usize,
    found: &[RoleFiller],
) -> Option<RoleFiller> {
    // (what is sent or demanded "to do" something is a thing: "send arms to", "demanded
    // 30,000 rifles to start")
    if p.etype != EventType::Request
        || !v.lemma(verb).is_some_and(|l| {
            is(
                &[
                    "urge",
                    "ask",
                    "call",
                    "tell",
                    "order",
                    "persuade",
                    "encourage",
                    "pressure",
                    "press",
                    "invite",
                ],
                l,
            )
        })
    {
        return None;
    }
    let obj = parsed_object(v, verb)?;
    let start = phrase_start(v, obj);
    if v.word(obj + 1) != "to"
        || !matches!(v.upos(obj), Some("NOUN"))
        || (start..=obj).any(|k| v.mention_at(k).is_some())
    {
        return None;
    }
    let past = v.span(obj + 1).end;
    if found.first().is_none_or(|f| f.start < past) {
        return None;
    }
    Some(phrase_filler(v, obj, "object+addressee"))
}

/// The verb's parsed object when it names people without any name in its phrase ("two
/// persons", "a villager"), as a recipient without an actor. Not a word of the trigger phrase
/// (ending at `match_end`).
fn unnamed_people(v: &View, verb: usize, match_end: usize) -> Option<RoleFiller> {
    let obj = parsed_object(v, verb)?;
    let start = phrase_start(v, obj);
    if obj < match_end || !names_people(v, obj) || (start..=obj).any(|k| v.mention_at(k).is_some())
    {
        return None;
    }
    Some(phrase_filler(v, obj, "object+unnamed-people"))
}

/// Plurals in "-ors" that name people (most, "rumors", "sectors", "doors", do not).
const PERSONS_IN_ORS: &[&str] = &[
    "investors",
    "directors",
    "doctors",
    "survivors",
    "visitors",
    "ambassadors",
    "senators",
    "governors",
    "editors",
    "donors",
    "contractors",
    "mayors",
    "sailors",
    "inspectors",
    "monitors",
    "instructors",
    "counselors",
    "supervisors",
    "operators",
    "collaborators",
    "traitors",
    "debtors",
    "creditors",
    "vendors",
    "actors",
    "authors",
    "pastors",
    "tutors",
    "minors",
    "seniors",
    "juniors",
    "conspirators",
    "aggressors",
    "invaders",
];

/// Plurals with a person suffix that name things.
const THINGS_LIKE_PERSONS: &[&str] = &[
    "liters",
    "litres",
    "meters",
    "metres",
    "kilometers",
    "kilometres",
    "containers",
    "computers",
    "papers",
    "quarters",
    "headquarters",
    "numbers",
    "orders",
    "borders",
    "waters",
    "powers",
    "matters",
    "letters",
    "tankers",
    "helicopters",
    "centers",
    "centres",
    "layers",
    "towers",
    "chambers",
    "shares",
    "offers",
    "registers",
    "markers",
    "posters",
    "banners",
    "barrels",
    "plants",
    "grants",
    "restaurants",
    "talents",
];

/// The noun at `i` names people: a plural with a person suffix ("shopkeepers", "engineers",
/// "residents", "guardsmen"), a few plurals of their own, an unknown capitalized plural (the
/// name of a force or a tribe), or a singular person noun ("a man", "a villager").
fn names_people(v: &View, i: usize) -> bool {
    let w = v.word(i);
    // (in a headline every word is capitalized)
    let capital = v.raw(i).starts_with(char::is_uppercase) && !v.in_headline(i);
    match v.xpos(i) {
        Some("NNPS") => capital,
        Some("NNS") => {
            capital
                || is(
                    &["people", "persons", "children", "women", "men", "youths"],
                    w,
                )
                || is(PERSONS_IN_ORS, w)
                || (["ers", "ists", "ians", "ants", "ees", "men"]
                    .iter()
                    .any(|s| w.ends_with(s))
                    || w.ends_with("ents") && !w.ends_with("ments"))
                    && !is(THINGS_LIKE_PERSONS, w)
        }
        Some("NN") => is(
            &[
                "man",
                "woman",
                "boy",
                "girl",
                "child",
                "person",
                "youth",
                "teenager",
                "student",
                "farmer",
                "trader",
                "teacher",
                "journalist",
                "doctor",
                "villager",
                "civilian",
                "worker",
                "driver",
                "priest",
                "shopkeeper",
                "businessman",
                "lawyer",
                "labourer",
                "laborer",
                "tribal",
                "resident",
            ],
            w,
        ),
        _ => false,
    }
}

/// The actor of a "by X" complement of the parsed direct object of the verb at `verb`
/// ("alleged war crimes by Croatian extremists"), of a participle that modifies it ("the
/// demonstration staged by students"), or, in word order, after the object's phrase ("the
/// rights violations under the recently imposed Sharia law by Islamic fundamentalists"). Only
/// for an object that is no actor itself ("the men wanted by police" are the target).
fn object_agent(v: &View, verb: usize, s1: usize) -> Option<Vec<RoleFiller>> {
    let d = &v.deps;
    let obj = parsed_object(v, verb)?;
    if v.mention_at(obj).is_some() || v.upos(obj) != Some("NOUN") {
        return None;
    }
    let agent_of = |h: usize, rels: &[&str]| {
        d.children(h).iter().map(|&c| c as usize).find_map(|c| {
            if !(rels.contains(&d.rel(c)) && v.has_case(c, "by")) {
                return None;
            }
            let (m, _) = actor_headed_by(v, c, 0)?;
            Some(vec![filler(v.doc, v, m, "object-agent")])
        })
    };
    if let Some(found) = agent_of(obj, &["nmod"]) {
        return Some(found);
    }
    let participle = d
        .children(obj)
        .iter()
        .map(|&c| c as usize)
        .find(|&c| c > obj && d.rel(c) == "acl" && v.xpos(c) == Some("VBN"));
    if let Some(found) = participle.and_then(|c| agent_of(c, &["obl:agent", "obl"])) {
        return Some(found);
    }
    // word order: the object's phrase runs on through nouns, adjectives, prepositions and
    // attributive participles to "by"
    let mut k = obj + 1;
    while k < s1 && k < obj + 12 {
        let w = v.word(k);
        if w == "by" {
            // (past an article and adjectives: "by the Islamic fundamentalists")
            let m = (k + 1..(k + 4).min(s1))
                .take_while(|&t| {
                    v.mention_at(t).is_some() || matches!(v.upos(t), Some("DET" | "ADJ"))
                })
                .find_map(|t| v.mention_at(t))?;
            let me = v.mention_range(m).1;
            let ok = v.can_fill(m, me) || v.doc.mentions[m].modifier;
            return ok.then(|| vec![filler(v.doc, v, m, "object-agent")]);
        }
        let phrase = matches!(
            v.upos(k),
            Some("NOUN" | "PROPN" | "ADJ" | "DET" | "ADV" | "NUM")
        ) || v.upos(k) == Some("ADP") && !is(&["to", "for", "because", "as"], w)
            || v.upos(k) == Some("VERB")
                && (v.xpos(k) == Some("VBN") || d.rel(k) == "amod")
                && v.is_lower(k);
        if !phrase || is(lex::RELATIVES, w) || v.is_hard_punct(k) {
            return None;
        }
        k += 1;
    }
    None
}

/// Finds the subject of the verb at `verb`: from the parse where it names an actor, else the
/// nearest name to the left that is not inside a prepositional phrase, with coordinated names
/// ("Hamas and Hezbollah").
pub(crate) fn subject(v: &View, verb: usize, s0: usize, rule: &str) -> Vec<RoleFiller> {
    parsed_subject(v, verb, s0, rule)
        .or_else(|| Some(word_order_subject(v, verb, s0, rule)).filter(|f| !f.is_empty()))
        .or_else(|| unknown_name_subject(v, verb, s0, rule))
        .unwrap_or_default()
}

/// True unless the verb at `verb` is a bare past participle without an object ("The four
/// people killed ...", "Rastrojo Extradited from Colombia"), whose subject in the parse is
/// usually its patient. A participle with a direct object is a past tense the tagger misread
/// ("Thousands blocked streets").
fn perfect_or_active(v: &View, verb: usize) -> bool {
    v.xpos(verb) != Some("VBN")
        || v.deps.children(verb).iter().any(|&c| {
            let c = c as usize;
            let rel = v.deps.rel(c);
            rel == "obj" || rel == "aux" && matches!(v.word(c), "has" | "have" | "had" | "having")
        })
}

/// A name the dictionaries do not know, as the parse's subject of the verb at `verb`
/// ("Ethopia has agreed"): the source is the name, unresolved. Used only when no other rule
/// finds a subject.
fn unknown_name_subject(v: &View, verb: usize, s0: usize, rule: &str) -> Option<Vec<RoleFiller>> {
    let d = &v.deps;
    if !d.parsed(verb) {
        return None;
    }
    let subj = d.child(verb, "nsubj").filter(|&c| c >= s0 && c < verb)?;
    if v.mention_at(subj).is_some()
        || v.upos(subj) != Some("PROPN")
        || v.is_lower(subj)
        || !perfect_or_active(v, verb)
    {
        return None;
    }
    let mut a = subj;
    let mut b = subj;
    for &c in d.children(subj) {
        let c = c as usize;
        if matches!(d.rel(c), "compound" | "flat" | "det" | "amod") && c < subj {
            a = a.min(phrase_start(v, c).min(c));
        }
        if matches!(d.rel(c), "flat" | "compound") && c > subj && c < verb {
            b = b.max(c);
        }
    }
    let span = v.span(a).cover(v.span(b));
    Some(vec![v.unresolved(span, format!("{rule}+unknown-name"))])
}

/// The nearest name to the left of the verb at `verb` that is not inside a prepositional
/// phrase, with coordinated names ("Hamas and Hezbollah").
fn word_order_subject(v: &View, verb: usize, s0: usize, rule: &str) -> Vec<RoleFiller> {
    let mut j = verb;
    let mut steps = 0;
    let mut fallback: Option<Vec<RoleFiller>> = None;
    while j > s0 && steps < 30 {
        j -= 1;
        steps += 1;
        let w = v.word(j);
        if is(&[";", ":"], w) {
            break;
        }
        if w == "that" || w == "which" || w == "who" {
            // a relative pronoun right before the verb group: keep looking for its antecedent;
            // a complementizer ("said that X ...") ends the clause
            let only_aux = (j + 1..verb).all(|t| {
                is(lex::AUX, v.word(t))
                    || is(lex::NEGATORS, v.word(t))
                    || is(lex::HYPOTHETICAL_MODALS, v.word(t))
                    || is(lex::FUTURE_MODALS, v.word(t))
            });
            if !only_aux || w == "that" && j > s0 && is(lex::SPEECH_VERBS, v.word(j - 1)) {
                break;
            }
            continue;
        }
        if is(lex::SPEECH_VERBS, w) && steps > 1 && v.is_lower(j) {
            break;
        }
        let Some(m) = v.mention_at(j) else { continue };
        let (ms, me) = v.mention_range(m);
        j = ms; // skip the rest of the mention
        if !v.can_fill(m, me) || parsed_object_of_other_verb(v, ms, me, verb) {
            continue;
        }
        let mut out = vec![filler(v.doc, v, m, rule)];
        // "A member of parliament, Mohammed Mamoun, protested": the name between commas is an
        // apposition, and both phrases name the source
        let appositive = v.word(me) == ",";
        let leftmost = coordinate_left(v, ms, s0, rule, appositive, &mut out);
        j = leftmost;
        let first = v
            .mention_at(leftmost)
            .map(|lm| v.noun_phrase_tokens(lm).0)
            .unwrap_or(leftmost)
            .min(leftmost);
        if first > s0 {
            let mut p = first - 1;
            if is(&["the", "a", "an"], v.word(p)) && p > s0 {
                p -= 1;
            }
            // "from two American aid groups": a number before the name belongs to its phrase
            let before_number = p;
            while p > s0 && first - p < 3 && (v.is_number(p) || v.upos(p) == Some("NUM")) {
                p -= 1;
            }
            // "About 200 supporters", "more than 1,000 refugees", "up to 50 troops": words
            // that qualify a number are no prepositions
            if p < before_number {
                let q = |k: usize| {
                    is(
                        &[
                            "about",
                            "around",
                            "over",
                            "under",
                            "nearly",
                            "almost",
                            "some",
                            "roughly",
                            "approximately",
                        ],
                        v.word(k),
                    )
                };
                let two = |k: usize, a: &[&str], b: &str| {
                    k > s0 && v.word(k) == b && is(a, v.word(k - 1))
                };
                if two(p, &["more", "less", "fewer"], "than")
                    || two(p, &["up"], "to")
                    || two(p, &["at"], "least")
                    || two(p, &["at"], "most")
                {
                    p -= 1;
                    if p > s0 {
                        p -= 1;
                    } else {
                        // "At least three civilians ..." opens the sentence
                        p = usize::MAX;
                    }
                } else if q(p) && p > s0 {
                    p -= 1;
                } else if q(p) {
                    // the quantifier opens the sentence: nothing precedes the phrase
                    p = usize::MAX;
                }
            }
            let prev = if p == usize::MAX { "" } else { v.word(p) };
            let agent_of = prev == "of" && p > s0 && is(lex::AGENT_HEADS, v.word(p - 1));
            let such_as = prev == "as" && p > s0 && v.word(p - 1) == "such";
            // "after militants stormed a prison": a word that is both a preposition and a
            // subordinator opens a clause when the verb follows the name directly
            let opens_clause = is(&["after", "before", "since", "until", "as"], prev)
                && (me..verb).all(|t| {
                    is(lex::AUX, v.word(t))
                        || is(lex::NEGATORS, v.word(t))
                        || v.word(t).ends_with("ly")
                });
            if (is(lex::PREPOSITIONS, prev) && !agent_of && prev != "like" && !opens_clause)
                || such_as
            {
                // inside a prepositional phrase: remember NP-internal ones ("a camp for
                // refugees was attacked") in case no better subject is found
                if fallback.is_none()
                    && matches!(prev, "of" | "for" | "from")
                    && !such_as
                    && !v.is_place(m)
                {
                    // the phrase shown starts at the noun the complement belongs to
                    // ("Doctors from two American aid groups")
                    let mut a = p;
                    while a > s0
                        && p - a < 4
                        && matches!(v.upos(a - 1), Some("NOUN" | "ADJ" | "DET" | "NUM"))
                        && v.mention_at(a - 1).is_none_or(|g| v.is_generic(g))
                    {
                        a -= 1;
                    }
                    if a < p && out.len() == 1 {
                        let f = &mut out[0];
                        let span = v.span(a);
                        if span.start < f.start {
                            f.text = v
                                .doc
                                .slice(Span::new(span.start as usize, f.end as usize))
                                .to_string();
                            f.start = span.start;
                            f.rule = format!("{}+complement", f.rule);
                        }
                    }
                    fallback = Some(out);
                }
                continue;
            }
        }
        // "Pakistan, a key U.S. ally in the war, has refused": the candidate is an
        // apposition; the head before the comma is the subject
        if let Some(head) = apposition_head(v, first, s0) {
            return vec![filler(v.doc, v, head, &format!("{rule}+apposition"))];
        }
        return out;
    }
    fallback.unwrap_or_default()
}

/// Whether the parse makes the mention on tokens `ms..me` the direct or indirect object of a
/// verb other than `verb` ("Finland will give Tanzania a grant ... to finance": Tanzania is
/// no subject of "finance").
/// An object right before the verb group, or with a relative pronoun between, may still be
/// the verb's subject ("pushed criminal groups to expand", "killed X, a leader that
/// supported"); so only an indirect object or an object with more of the governing verb's
/// phrase after it counts.
fn parsed_object_of_other_verb(v: &View, ms: usize, me: usize, verb: usize) -> bool {
    let d = &v.deps;
    let mut group = verb;
    while group > me
        && (v.word(group - 1) == "to"
            || is(lex::AUX, v.word(group - 1))
            || is(lex::NEGATORS, v.word(group - 1))
            || v.word(group - 1).ends_with("ly"))
    {
        group -= 1;
    }
    let detached = me < group && !(me..group).any(|t| is(lex::RELATIVES, v.word(t)));
    (ms..me).any(|t| {
        d.parsed(t)
            && (d.rel(t) == "iobj" || d.rel(t) == "obj" && detached)
            && d.head(t)
                .is_some_and(|h| h != verb && !(ms..me).contains(&h) && v.upos(h) == Some("VERB"))
    })
}

/// The mention before ", a/the ... <phrase>" when the phrase starting at token `first` is an
/// apposition to it.
fn apposition_head(v: &View, first: usize, s0: usize) -> Option<usize> {
    let mut k = first;
    let mut steps = 0;
    while k > s0 && steps < 4 {
        let w = v.word(k - 1);
        if w == "," {
            break;
        }
        let article = is(&["a", "an", "the"], w);
        let modifier_word = v.is_lower(k - 1) && !is(lex::PREPOSITIONS, w) && !is(lex::AUX, w);
        if !article && !modifier_word {
            return None;
        }
        k -= 1;
        steps += 1;
    }
    if k <= s0 + 1 || v.word(k - 1) != "," {
        return None;
    }
    // "The Nigerian Union of Teachers (NUT), the umbrella union ...": past the parenthesis
    let mut h = k - 2;
    if v.word(h) == ")" {
        h = (h.saturating_sub(8).max(s0)..h)
            .rev()
            .find(|&t| v.word(t) == "(")?;
        if h <= s0 {
            return None;
        }
        h -= 1;
    }
    // the head is the name whose phrase ends there ("The Nigerian Union of Teachers")
    let head = (h.saturating_sub(4).max(s0)..=h)
        .rev()
        .find_map(|t| v.mention_at(t).filter(|&m| v.noun_phrase_tokens(m).1 > h))?;
    let (hs, he) = v.mention_range(head);
    // the head must open its clause (nothing but an article before it)
    let opens = hs == s0 || (hs == s0 + 1 && is(&["the", "a", "an"], v.word(s0)));
    (opens && v.can_fill(head, he)).then_some(head)
}

fn coordinate_left(
    v: &View,
    mut ms: usize,
    s0: usize,
    rule: &str,
    appositive: bool,
    out: &mut Vec<RoleFiller>,
) -> usize {
    let mut first = ms;
    // a comma joins names only in a list that ends in "and" ("X, Y and Z"); "After talks with
    // Iran, Hezbollah attacked" is no coordination
    let mut seen_and = appositive;
    loop {
        // past the conjunct's determiner and titles ("and the paramilitary X")
        while ms > s0
            && (is(&["the", "a", "an"], v.word(ms - 1)) || is(lex::TITLE_WORDS, v.word(ms - 1)))
        {
            ms -= 1;
        }
        if !(ms >= s0 + 2 && is(&["and", ",", "&"], v.word(ms - 1))) {
            break;
        }
        if v.word(ms - 1) == "," && !seen_and {
            break;
        }
        seen_and |= v.word(ms - 1) != ",";
        let Some(m2) = v.mention_at(ms - 2) else {
            break;
        };
        if v.is_possessive(m2) {
            break;
        }
        // coordinated modifiers count too: "Hungarian and Romanian officials"
        out.push(filler(v.doc, v, m2, &format!("{rule}+coordination")));
        ms = v.mention_range(m2).0;
        first = ms;
    }
    first
}

fn coordinate_right(v: &View, mut me: usize, s1: usize, rule: &str, out: &mut Vec<RoleFiller>) {
    // "X and Y", "X, Y and Z"; a comma alone ("X, officials said") is no coordination
    let list_ahead = |from: usize| (from..(from + 12).min(s1)).any(|k| v.word(k) == "and");
    while me + 1 < s1 && (is(&["and", "&"], v.word(me)) || v.word(me) == "," && list_ahead(me + 1))
    {
        // allow a determiner after "and"
        let mut k = me + 1;
        if is(&["the", "a", "an"], v.word(k)) {
            k += 1;
        }
        let Some(m2) = v.mention_at(k) else { break };
        if v.mention_range(m2).0 != k {
            break;
        }
        out.push(filler(v.doc, v, m2, &format!("{rule}+coordination")));
        me = v.mention_range(m2).1;
    }
}

/// The object of an active verb: the first name to the right before the clause ends, directly
/// or after a recipient preposition.
fn object(v: &View, from: usize, match_end: usize, s1: usize, multiword: bool) -> Vec<RoleFiller> {
    let limit = (if multiword {
        match_end.max(from) + 12
    } else {
        from + 8
    })
    .min(s1);
    let mut k = from;
    let mut fallback: Option<Vec<RoleFiller>> = None;
    let mut place_fallback: Option<Vec<RoleFiller>> = None;
    let mut gap_object = false;
    while k < limit {
        let w = v.word(k);
        if k == from && w == "that" {
            k += 1;
            continue;
        }

        if k >= match_end
            && (is(
                &[
                    ",", ";", ":", ".", "that", "which", "who", "if", "while", "after", "because",
                    "as",
                ],
                w,
            ))
        {
            break;
        }
        // "beat up civilians and get away with it": after the object, a conjunction before
        // a verb opens a clause of its own (in "captured and extradited X" the verbs share X)
        if k >= match_end
            && is(&["and", "but", "or"], w)
            && matches!(v.upos(k + 1), Some("VERB" | "AUX"))
            && (match_end.max(from)..k)
                .any(|t| matches!(v.upos(t), Some("NOUN" | "PROPN" | "PRON")))
        {
            break;
        }
        if let Some(m) = v.mention_at(k) {
            let (ms, me) = v.mention_range(m);
            if !v.can_fill(m, me) {
                if fallback.is_none() && !v.is_possessive(m) {
                    fallback = Some(vec![filler(v.doc, v, m, "object-modifier")]);
                }
                k = me;
                continue;
            }
            // as in the PLOVER gold standard, "the X" after a preposition ("settlements in the
            // Gaza Strip") still counts as the target; the word before the phrase counts ("in
            // east Bosnia")
            let mut np = ms;
            while np > from && is(lex::DIRECTIONS, v.word(np - 1)) {
                np -= 1;
            }
            let prev = if np > 0 { v.word(np - 1) } else { "" };
            if is(lex::PREPOSITIONS, prev) && !is(lex::RECIPIENT_PREPS, prev) {
                // "killed the deputy chief of X": X stands in when nothing better comes
                if prev == "of" && fallback.is_none() && !v.is_place(m) && !v.is_possessive(m) {
                    fallback = Some(vec![filler(v.doc, v, m, "object-of")]);
                }
                // "lifted a curfew in Montenegro": the place stands in last
                if prev == "in" && place_fallback.is_none() && v.is_territory(m) {
                    place_fallback = Some(vec![filler(v.doc, v, m, "object-place")]);
                }
                k = me;
                continue;
            }
            let rule = if is(lex::RECIPIENT_PREPS, prev) {
                "prep-object"
            } else {
                "object"
            };
            if v.is_generic(m) {
                // "withdrew its troops from Lebanon": a bare agent noun is a weaker object
                // ... except in the gap of a pattern ("holding thousands of refugees as
                // human shields"), which is the object's own slot (but not a modifier of the
                // pattern's last word: "an official protest")
                // ("ordered authorities to arrest him": before a last word like "to" it is)
                let before_last =
                    me + 1 == match_end && !matches!(v.upos(match_end - 1), Some("PART" | "ADP"));
                let in_gap = multiword && me < match_end && !before_last && ms >= from;
                if fallback.is_none() || in_gap && !gap_object {
                    fallback = Some(vec![filler(v.doc, v, m, rule)]);
                    gap_object = in_gap;
                }
                k = me;
                continue;
            }
            if gap_object && ms >= match_end {
                break;
            }
            let mut out = vec![filler(v.doc, v, m, rule)];
            coordinate_right(v, me, s1, rule, &mut out);
            return out;
        }
        k += 1;
    }
    fallback.or(place_fallback).unwrap_or_default()
}

/// Names after "by" within a few tokens: the agent of a passive or of a nominal event.
fn by_agent(v: &View, from: usize, s1: usize) -> Vec<RoleFiller> {
    let limit = (from + 6).min(s1);
    let by = (from..limit).find(|&k| v.word(k) == "by");
    let Some(by) = by else { return Vec::new() };
    for k in by + 1..(by + 5).min(s1) {
        if let Some(m) = v.mention_at(k).filter(|&m| !v.is_possessive(m)) {
            let mut out = vec![filler(v.doc, v, m, "by-agent")];
            coordinate_right(v, v.mention_range(m).1, s1, "by-agent", &mut out);
            return out;
        }
        if v.is_hard_punct(k) {
            break;
        }
    }
    Vec::new()
}

/// "Israel's offensive", "US airstrikes", "a Russian missile strike".
fn noun_modifier_source(v: &View, start: usize, s0: usize) -> Vec<RoleFiller> {
    let mut k = start;
    let mut steps = 0;
    while k > s0 && steps < 3 {
        k -= 1;
        steps += 1;
        let w = v.word(k);
        if w == "'s" {
            continue;
        }
        if let Some(m) = v.mention_at(k) {
            return vec![filler(v.doc, v, m, "noun-modifier")];
        }
        // "patrols by police and soldiers after violent protests": a preposition, a verb or
        // a conjunction ends the noun's own phrase
        if v.is_hard_punct(k)
            || is(&["the", "a", "an", "of", "by", "and", "on", "in", "to"], w)
            || is(lex::PREPOSITIONS, w)
            || matches!(v.upos(k), Some("ADP" | "VERB" | "AUX" | "CCONJ" | "SCONJ"))
        {
            break;
        }
    }
    Vec::new()
}

/// A light verb ("launched", "carried out", "is leading") carrying the noun at `start`.
fn light_verb(v: &View, start: usize, s0: usize) -> Option<usize> {
    let mut k = start;
    let mut steps = 0;
    while k > s0 && steps < 6 {
        k -= 1;
        steps += 1;
        let w = v.word(k);
        if is(lex::LIGHT_VERBS, w) {
            return Some(k);
        }
        if is(&["out", "up"], w) && k > s0 && is(lex::LIGHT_VERBS, v.word(k - 1)) {
            return Some(k - 1);
        }
        if v.is_hard_punct(k)
            || is(
                &[
                    "by", "on", "in", "against", "with", "to", "after", "before", "amid", "that",
                    "which",
                ],
                w,
            )
        {
            return None;
        }
    }
    None
}

/// "X suffered losses after operations by Y": the experiencer verb before the noun.
fn experiencer(v: &View, start: usize, s0: usize) -> Option<usize> {
    let mut k = start;
    let mut steps = 0;
    while k > s0 && steps < 8 {
        k -= 1;
        steps += 1;
        if is(lex::EXPERIENCER_VERBS, v.word(k)) {
            return Some(k);
        }
        if is(&[";", ":", "."], v.word(k)) {
            return None;
        }
    }
    None
}

/// The verb whose direct object is the noun starting at `start` ("speeded up the
/// withdrawal", "ordered the closure"): determiners, possessives and adjectives between, an
/// active verb of the same clause; experiencer, speech and light verbs are left to their own
/// rules, and a passive or a participle has no subject to give.
fn governing_verb(v: &View, start: usize, s0: usize) -> Option<usize> {
    let mut k = start;
    while k > s0 && start - k < 5 {
        k -= 1;
        let w = v.word(k);
        if is(&["up", "out", "off", "down"], w) && v.upos(k) != Some("NOUN") {
            continue;
        }
        if matches!(v.upos(k), Some("DET" | "ADJ" | "NUM" | "PRON")) || w == "'s" {
            if v.mention_at(k).is_some_and(|m| !v.is_possessive(m)) {
                return None;
            }
            continue;
        }
        let verb = v.upos(k) == Some("VERB")
            && v.is_lower(k)
            && matches!(v.xpos(k), Some("VBD" | "VBZ" | "VBP" | "VB"))
            && !is(lex::SPEECH_VERBS, w)
            && !is(lex::EXPERIENCER_VERBS, w)
            && !is(lex::LIGHT_VERBS, w)
            && !is_passive(v, k, s0);
        return verb.then_some(k);
    }
    None
}

/// The target of a nominal event: "on/against/targeting X" after the noun; the patient of an
/// attack noun ("the invasion of South Lebanon"); where a withdrawal leaves ("from Panama").
fn noun_recipient(v: &View, end: usize, s1: usize, etype: EventType) -> Vec<RoleFiller> {
    // "rallies in the Gaza Strip against the party's leader X"
    let limit = (end + 7).min(s1);
    // a gerund takes a direct object: "resume shelling Albanian rebel-held territory"
    if end < s1 && end > 0 && v.word(end - 1).ends_with("ing") {
        if let Some(m) = v
            .mention_at(end)
            .filter(|&m| v.mention_range(m).0 == end && !v.is_possessive(m) && !v.is_generic(m))
        {
            return vec![filler(v.doc, v, m, "gerund-object")];
        }
    }
    for k in end..limit {
        let w = v.word(k);
        let typed = match etype {
            EventType::Assault | EventType::Coerce => k == end && w == "of",
            EventType::Retreat => w == "from",
            _ => false,
        };
        if typed
            || is(
                &[
                    "on",
                    "against",
                    "targeting",
                    "at",
                    "with",
                    "into",
                    "toward",
                    "towards",
                    "that",
                ],
                w,
            )
        {
            for j in k + 1..(k + 7).min(s1) {
                if let Some(m) = v.mention_at(j).filter(|&m| !v.is_possessive(m)) {
                    let mut out = vec![filler(v.doc, v, m, "noun-target")];
                    coordinate_right(v, v.mention_range(m).1, s1, "noun-target", &mut out);
                    return out;
                }
                if v.is_hard_punct(j) {
                    break;
                }
            }
            return Vec::new();
        }
        if v.is_hard_punct(k) {
            break;
        }
    }
    Vec::new()
}

/// "X told Y that ...": Y, the addressee.
fn listener(v: &View, verb: usize, s0: usize) -> Vec<RoleFiller> {
    let mut k = verb;
    while k > s0 {
        k -= 1;
        if is(
            &["told", "tell", "tells", "warned", "warn", "warns"],
            v.word(k),
        ) {
            for j in k + 1..verb {
                if let Some(m) = v.mention_at(j) {
                    return vec![filler(v.doc, v, m, "listener")];
                }
            }
            return Vec::new();
        }
    }
    Vec::new()
}

/// Factuality of the event at `verb` (the verb, or the light verb of a noun) from the cues
/// to its left in the same clause.
fn factuality(
    v: &View,
    p: &Pattern,
    verb: usize,
    start: usize,
    s0: usize,
) -> (Factuality, Option<String>) {
    let cue = |k: usize| Some(v.word(k).to_string());
    // noun modifiers: "potential conflict", "proposed talks"
    if p.pos == TriggerPos::Noun {
        for k in start.saturating_sub(3).max(s0)..start {
            if is(lex::NOUN_HYPOTHETICAL, v.word(k)) {
                let f = if matches!(v.word(k), "planned" | "proposed") {
                    Factuality::Intended
                } else {
                    Factuality::Hypothetical
                };
                return (f, cue(k));
            }
        }
    }
    let mut j = verb;
    let mut steps = 0;
    while j > s0 && steps < 8 {
        j -= 1;
        steps += 1;
        let w = v.word(j);
        if is(lex::NEGATORS, w) {
            return (Factuality::Negated, cue(j));
        }
        if is(lex::FUTURE_MODALS, w) {
            return (Factuality::Intended, cue(j));
        }
        if is(lex::HYPOTHETICAL_MODALS, w) {
            return (Factuality::Hypothetical, cue(j));
        }
        if w == "to" && j > s0 {
            let before = v.word(j - 1);
            if is(lex::THREAT_CUES, before) {
                return (Factuality::Threatened, cue(j - 1));
            }
            if is(lex::NEGATING_CUES, before) {
                return (Factuality::Negated, cue(j - 1));
            }
            if is(lex::INTENT_CUES, before) {
                return (Factuality::Intended, cue(j - 1));
            }
            if is(lex::HYPOTHETICAL_CUES, before) {
                return (Factuality::Hypothetical, cue(j - 1));
            }
            // "prompting Israel to launch": a caused act is reported as happening
            continue;
        }
        if is(lex::AUX, w) || w.ends_with("ly") {
            continue;
        }
        // "have not, as far as we know, asked": a phrase between commas inside the verb
        // group is skipped
        if w == "," {
            let verb_group = |t: usize| {
                let x = v.word(t);
                is(lex::AUX, x)
                    || is(lex::NEGATORS, x)
                    || is(lex::FUTURE_MODALS, x)
                    || is(lex::HYPOTHETICAL_MODALS, x)
            };
            if let Some(k) = (j.saturating_sub(8).max(s0 + 1)..j)
                .rev()
                .find(|&k| v.word(k) == ",")
                .filter(|&k| verb_group(k - 1))
            {
                j = k;
                continue;
            }
        }
        if is(lex::CONDITIONALS, w) {
            return (Factuality::Hypothetical, cue(j));
        }
        // anything else (the subject, an object) ends the verb group; look for a conditional
        // opening the clause
        let cs = clause_start(v, j, s0);
        if let Some(k) = (cs..=j).find(|&k| is(lex::CONDITIONALS, v.word(k))) {
            return (Factuality::Hypothetical, cue(k));
        }
        break;
    }
    // a purpose infinitive is as real as the act it is the purpose of: "will visit X to
    // mediate" announces the mediation too, "could send troops to help" only supposes it
    // (a negation stays with its verb: "did not hesitate to attack"; a demand, refusal or
    // accusation is made by saying so: "would blockade Paris to demand an end" demands now)
    let said_now = matches!(
        p.etype,
        EventType::Request | EventType::Reject | EventType::Accuse
    );
    if p.pos == TriggerPos::Verb && !said_now && verb > s0 && v.word(verb - 1) == "to" {
        if let Some(g) = infinitive_governor(v, verb, s0) {
            let f = factuality(v, p, g, g, s0);
            let modal =
                f.1.as_deref()
                    .is_some_and(|c| is(lex::FUTURE_MODALS, c) || is(lex::HYPOTHETICAL_MODALS, c));
            if modal && matches!(f.0, Factuality::Intended | Factuality::Hypothetical) {
                return f;
            }
        }
    }
    (Factuality::Asserted, None)
}

/// Place nouns that head "the West Bank city of Hebron", "the Bosnian town of Gorazde".
const PLACE_HEADS: &[&str] = &[
    "city", "town", "village", "province", "region", "district", "state", "island", "port",
    "capital", "enclave", "camp", "area",
];

impl View<'_> {
    /// The tagger's XPOS of token `i`, when a tagger ran.
    pub fn xpos(&self, i: usize) -> Option<&str> {
        self.doc.tokens.get(i).and_then(|t| t.xpos.as_deref())
    }

    /// Token range `[a, b)` covered by byte span `[start, end)`.
    pub fn tokens_of(&self, start: u32, end: u32) -> (usize, usize) {
        let a = self.doc.tokens.partition_point(|t| t.span.end <= start);
        let b = self.doc.tokens.partition_point(|t| t.span.start < end);
        (a, b.max(a))
    }

    /// A capitalized word that may be part of a name (no month, weekday or speech verb).
    pub(crate) fn is_name_word(&self, i: usize) -> bool {
        self.is_capitalized(i)
            && self.doc.tokens[i].kind == TokenKind::Word
            && !sitrep_text::is_calendar_word(self.word(i))
            && !is(lex::SPEECH_VERBS, self.word(i))
    }
}

/// Widens a role filler to the right over the rest of its noun phrase, by word order: a
/// parenthesis ("Hizbollah (Party of God)", "the Committee (CFVC)"), the head noun a
/// nationality modifies ("Russian Jewish immigrants", "Danish Web sites"), a named complement
/// ("the West Bank city of Hebron", "National Union for the Total Independence of Angola")
/// and a reduced relative or adjective phrase ("refugees fleeing the civil war in Liberia",
/// "the Red Cross operating in Iraq", "Militants loyal to X"). The phrase never reaches the
/// trigger `[t0, t1)` when it stands before it, and never leaves the sentence `[s0, s1)`.
pub(crate) fn extend_phrase(v: &View, f: &mut RoleFiller, t0: usize, s1: usize) {
    if f.end <= f.start {
        return;
    }
    let (mut fa, mut b) = v.tokens_of(f.start, f.end);
    if b <= fa || b > v.doc.tokens.len() {
        return;
    }
    // "retaken a strategic village in Western Cambodia": the place a place noun lies in
    // stands for the phrase of that noun, which is shown whole (after the trigger only)
    if fa >= 2
        && fa > t0 + 1
        && v.word(fa - 1) == "in"
        && is(PLACE_HEADS, v.word(fa - 2))
        && (fa..b).any(|t| v.mention_at(t).is_some_and(|m| v.is_territory(m)))
    {
        let mut a = fa - 2;
        while a > t0 + 1 && a + 4 > fa && matches!(v.upos(a - 1), Some("ADJ" | "DET")) {
            a -= 1;
        }
        let span = v.span(a).cover(v.span(b - 1));
        f.start = span.start;
        f.end = span.end;
        f.text = v.doc.slice(span).to_string();
        fa = a;
    }
    // a name in parentheses after another is its apposition: "the pro-Iranian Hizbollah
    // (Party of God) group" is one phrase, shown whole
    if fa >= 2 && v.word(fa - 1) == "(" && v.word(b) == ")" && b < s1 {
        if let Some(outer) = v.mention_at(fa - 2) {
            let (mut oa, _) = v.noun_phrase_tokens(outer);
            // adjectives before the name ("the pro-Iranian Hizbollah")
            while oa > 0
                && matches!(v.upos(oa - 1), Some("ADJ" | "DET"))
                && !v.is_hard_punct(oa - 1)
                && v.doc.sentence_at(v.span(oa - 1).start) == v.doc.sentence_at(v.span(oa).start)
            {
                oa -= 1;
            }
            if oa < fa && (fa < t0 || oa >= t0) {
                fa = oa;
                b += 1;
                let span = v.span(fa).cover(v.span(b - 1));
                f.start = span.start;
                f.end = span.end;
                f.text = v.doc.slice(span).to_string();
            }
        }
    }
    if v.mention_at(b - 1)
        .is_some_and(|m| v.doc.mentions[m].etype == EntityType::Anaphor)
        || matches!(v.upos(b - 1), Some("PRON"))
    {
        return;
    }
    let limit = if fa < t0 { t0.min(s1) } else { s1 };
    let start_b = b;
    let mut rounds = 0;
    while rounds < 6 && b < limit && b - start_b < 16 {
        rounds += 1;
        let before = b;
        // a parenthesis of a few words without a verb: "(Party of God)", "(UNITA)"
        if v.word(b) == "(" {
            if let Some(close) = (b + 1..(b + 9).min(limit)).find(|&k| v.word(k) == ")") {
                let plain = (b + 1..close)
                    .all(|k| !matches!(v.upos(k), Some("VERB" | "AUX")) && !v.is_hard_punct(k));
                if plain && close > b + 1 {
                    b = close + 1;
                }
            }
        }
        // the noun a nationality or a parenthesis modifies: "Bosnian town", "(Party of God)
        // group", "Russian Jewish immigrants"
        let last = b - 1;
        let modifier_end = v.word(last) == ")"
            || v.upos(last) == Some("ADJ")
            || v.upos(last) == Some("PROPN")
                && !sitrep_text::is_calendar_word(v.word(last))
                && v.is_lower(b)
                && v.upos(b) == Some("NOUN")
                && !matches!(v.upos(b + 1), Some("NOUN" | "DET" | "PROPN" | "PRON"))
                && !sitrep_text::is_calendar_word(v.word(b))
            || v.mention_at(last)
                .is_some_and(|m| v.doc.mentions[m].modifier)
                && v.upos(last) != Some("NOUN");
        if modifier_end {
            let mut k = b;
            let mut head = None;
            while k < limit
                && k - b < 4
                && matches!(v.upos(k), Some("NOUN" | "ADJ" | "PROPN"))
                && !sitrep_text::is_calendar_word(v.word(k))
            {
                if v.mention_at(k).is_some_and(|m| !v.doc.mentions[m].modifier)
                    && v.upos(k) == Some("PROPN")
                {
                    break;
                }
                if v.upos(k) != Some("ADJ") {
                    head = Some(k);
                }
                k += 1;
            }
            if let Some(h) = head {
                b = h + 1;
            }
        }
        // a possessor stands with what it possesses: "President Reagan's latest policy
        // statement"
        if v.word(b) == "'s" && b + 1 < limit {
            let mut k = b + 1;
            let mut head = None;
            while k < limit
                && k - b <= 4
                && matches!(v.upos(k), Some("NOUN" | "ADJ"))
                && v.mention_at(k).is_none()
                && v.is_lower(k)
            {
                if v.upos(k) == Some("NOUN") {
                    head = Some(k);
                }
                k += 1;
            }
            if let Some(h) = head {
                b = h + 1;
            }
        }
        // a role noun and the person it names: "Iraq's Al-Qaeda frontman Abu Musab al-Zarqawi"
        if b < limit && b > fa && v.upos(b - 1) == Some("NOUN") && v.is_lower(b - 1) {
            if let Some(m) = v.mention_at(b) {
                let (ms, me) = v.mention_range(m);
                if ms == b && me <= limit && v.doc.mentions[m].etype == EntityType::Per {
                    b = me;
                }
            }
        }
        // coordinated agent nouns sharing the modifier: "Israeli helicopters and tanks"
        if v.word(b) == "and"
            && b + 1 < limit
            && is(lex::AGENT_HEADS, v.word(b - 1))
            && is(lex::AGENT_HEADS, v.word(b + 1))
            && v.is_lower(b + 1)
            && v.mention_at(b + 1)
                .is_none_or(|m| v.mention_range(m) == (b + 1, b + 2) && v.is_generic(m))
            && !matches!(v.upos(b + 2), Some("NOUN" | "PROPN" | "ADJ"))
        {
            b += 2;
        }
        // a named complement: "in the West Bank", "of Gorazde", "for the Total Independence
        // of Angola" (a "for" phrase only inside a name)
        let w = v.word(b);
        let prep =
            matches!(w, "in" | "of" | "from") || w == "for" && b > 0 && v.is_name_word(b - 1);
        if prep && b + 1 < limit {
            let mut c = b + 1;
            if v.word(c) == "the" && c + 1 < limit {
                c += 1;
            }
            if is(lex::DIRECTIONS, v.word(c)) && c + 1 < limit {
                c += 1;
            }
            if v.is_name_word(c) {
                while c < limit && c - b <= 6 && (v.is_name_word(c) || v.word(c) == "-") {
                    c += 1;
                }
                b = c;
            }
        }
        // "the West Bank city of Hebron": a place noun and its name
        if b + 2 < limit
            && b > 0
            && v.is_name_word(b - 1)
            && is(PLACE_HEADS, v.word(b))
            && v.word(b + 1) == "of"
            && v.is_name_word(b + 2)
        {
            let mut c = b + 2;
            while c < limit && c - b <= 6 && v.is_name_word(c) {
                c += 1;
            }
            b = c;
        }
        // a reduced relative or an adjective with its complement after a noun: "refugees
        // fleeing the civil war in Liberia", "a group based in Trinidad", "loyal to X"
        // (a place takes none: in "blocked roads in Dhaka demanding ..." the participle
        // belongs to the protesters)
        let head_noun = (matches!(v.upos(b - 1), Some("NOUN" | "PROPN")) || v.word(b - 1) == ")")
            && !v.mention_at(b - 1).is_some_and(|m| {
                matches!(v.doc.mentions[m].etype, EntityType::Gpe | EntityType::Loc)
            });
        let participle = v.is_lower(b)
            && !is(lex::PREPOSITIONAL_PARTICIPLES, v.word(b))
            && (v.xpos(b) == Some("VBG")
                || matches!(v.xpos(b), Some("VBN" | "JJ"))
                    && b + 1 < limit
                    && is(lex::PREPOSITIONS, v.word(b + 1))
                    && v.word(b + 1) != "by");
        // "Militants loyal" (the parse's phrase) goes on with its complement "to X"
        let adjective_complement = v.upos(b - 1) == Some("ADJ")
            && b - 1 > fa
            && is(lex::PREPOSITIONS, v.word(b))
            && v.word(b) != "by";
        if head_noun && participle || adjective_complement {
            let mut k = if adjective_complement { b } else { b + 1 };
            let mut last_noun = None;
            while k < limit && k - b < 10 {
                let w = v.word(k);
                let finite = matches!(v.xpos(k), Some("VBD" | "VBZ" | "VBP" | "MD"))
                    || v.upos(k) == Some("AUX");
                if finite
                    || v.is_hard_punct(k)
                    || is(lex::RELATIVES, w)
                    || is(lex::CONDITIONALS, w)
                    || is(&["and", "or", "but", "while", "as", "after", "before"], w)
                    || sitrep_text::is_calendar_word(w)
                    || v.xpos(k) == Some("VBG")
                {
                    break;
                }
                if matches!(v.upos(k), Some("NOUN" | "PROPN" | "NUM")) {
                    last_noun = Some(k);
                }
                k += 1;
            }
            if let Some(n) = last_noun {
                b = n + 1;
            }
        }
        if b == before {
            break;
        }
    }
    if b > start_b {
        let span = Span::new(v.span(fa).start as usize, v.span(b - 1).end as usize);
        f.start = span.start;
        f.text = v.doc.slice(span).to_string();
        f.end = span.end;
    }
}
