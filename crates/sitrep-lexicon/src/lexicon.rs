//! Loading, merging and validating dictionaries.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use sitrep_doc::ActorKind;

use crate::error::{ErrorKind, LexiconError, LoadError};
use crate::schema::{ActorEntry, AgentEntry, DictFile, PlaceEntry};

/// The dictionaries compiled into the binary (`data/lexicon/*.toml`).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "data/lexicon/countries.toml",
        include_str!("../../../data/lexicon/countries.toml"),
    ),
    (
        "data/lexicon/igos.toml",
        include_str!("../../../data/lexicon/igos.toml"),
    ),
    (
        "data/lexicon/armed-groups.toml",
        include_str!("../../../data/lexicon/armed-groups.toml"),
    ),
    (
        "data/lexicon/parties.toml",
        include_str!("../../../data/lexicon/parties.toml"),
    ),
    (
        "data/lexicon/persons.toml",
        include_str!("../../../data/lexicon/persons.toml"),
    ),
    (
        "data/lexicon/outlets.toml",
        include_str!("../../../data/lexicon/outlets.toml"),
    ),
    (
        "data/lexicon/agents.toml",
        include_str!("../../../data/lexicon/agents.toml"),
    ),
    (
        "data/lexicon/places.toml",
        include_str!("../../../data/lexicon/places.toml"),
    ),
];

/// One dictionary text with its name and layer. Entries of a later layer replace entries of an
/// earlier layer with the same id; within one layer a repeated id is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// File name used in error messages.
    pub name: String,
    /// TOML text.
    pub text: String,
    /// Layer: 0 for the built-in dictionaries, higher for user dictionaries.
    pub layer: u8,
}

impl Source {
    /// A source in layer 0.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            layer: 0,
        }
    }

    /// The built-in dictionaries as sources.
    pub fn builtin() -> Vec<Source> {
        BUILTIN.iter().map(|(n, t)| Source::new(*n, *t)).collect()
    }

    /// All `*.toml` files of a directory (sorted by name), in `layer`.
    pub fn read_dir(dir: &Path, layer: u8) -> Result<Vec<Source>, LoadError> {
        let io = |e| LoadError::Io {
            path: dir.display().to_string(),
            source: e,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).map_err(|e| LoadError::Io {
                    path: p.display().to_string(),
                    source: e,
                })?;
                Ok(Source {
                    name: p.display().to_string(),
                    text,
                    layer,
                })
            })
            .collect()
    }
}

/// A loaded, validated set of dictionaries.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    actors: Vec<ActorEntry>,
    agents: Vec<AgentEntry>,
    places: Vec<PlaceEntry>,
    actor_by_id: HashMap<String, usize>,
    place_by_id: HashMap<String, usize>,
    agent_by_id: HashMap<String, usize>,
    country_by_code: HashMap<String, usize>,
}

impl Lexicon {
    /// The built-in dictionaries. They are validated by this crate's tests.
    pub fn builtin() -> Lexicon {
        match Lexicon::from_sources(&Source::builtin()) {
            Ok(l) => l,
            // The built-in data is fixed at compile time and checked by `builtin_is_valid`.
            Err(e) => panic!("built-in lexicon is invalid: {e}"),
        }
    }

    /// The built-in dictionaries with the `*.toml` files of `dir` merged on top.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Lexicon, LoadError> {
        let mut sources = Source::builtin();
        sources.extend(Source::read_dir(dir.as_ref(), 1)?);
        Lexicon::from_sources(&sources)
    }

    /// Parses, merges and validates sources; refuses to return a lexicon with errors.
    pub fn from_sources(sources: &[Source]) -> Result<Lexicon, LoadError> {
        let (lex, errors) = build(sources);
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(LoadError::Invalid(errors))
        }
    }

    /// All named actors.
    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    /// All agent nouns.
    pub fn agents(&self) -> &[AgentEntry] {
        &self.agents
    }

    /// All places.
    pub fn places(&self) -> &[PlaceEntry] {
        &self.places
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&ActorEntry> {
        self.actor_by_id.get(id).map(|&i| &self.actors[i])
    }

    /// The agent noun with this id.
    pub fn agent(&self, id: &str) -> Option<&AgentEntry> {
        self.agent_by_id.get(id).map(|&i| &self.agents[i])
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&PlaceEntry> {
        self.place_by_id.get(id).map(|&i| &self.places[i])
    }

    /// The country actor with this ISO alpha-3 code.
    pub fn country(&self, code: &str) -> Option<&ActorEntry> {
        self.country_by_code.get(code).map(|&i| &self.actors[i])
    }

    /// The person holding office `title` of country `of` on `date`. A title with a
    /// country-specific equivalent ("foreign minister" and the US "secretary of state", "defense
    /// minister" and "secretary of defense") falls back to it when no holder has the exact title.
    pub fn office_holder(&self, title: &str, of: &str, date: NaiveDate) -> Option<&ActorEntry> {
        self.holder_titled(title, of, date).or_else(|| {
            SAME_OFFICE.iter().find_map(|&(a, b)| match title {
                t if t == a => self.holder_titled(b, of, date),
                t if t == b => self.holder_titled(a, of, date),
                _ => None,
            })
        })
    }

    fn holder_titled(&self, title: &str, of: &str, date: NaiveDate) -> Option<&ActorEntry> {
        self.actors.iter().find(|a| {
            a.kind == ActorKind::Person
                && a.offices
                    .iter()
                    .any(|o| o.title == title && o.of == of && o.holds_on(date))
        })
    }
}

/// Pairs of titles that name one office in different countries' usage.
const SAME_OFFICE: &[(&str, &str)] = &[
    ("foreign minister", "secretary of state"),
    ("defense minister", "secretary of defense"),
];

/// Checks sources and returns every error found (empty when they are valid).
pub fn check(sources: &[Source]) -> Vec<LexiconError> {
    build(sources).1
}

/// Where each entry came from.
#[derive(Clone)]
struct Origin {
    file: String,
    line: usize,
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or(1, |t| t.bytes().filter(|&b| b == b'\n').count() + 1)
}

/// Line numbers of the `[[table]]` headers of a file, by table name.
fn header_lines(text: &str, table: &str) -> Vec<usize> {
    let header = format!("[[{table}]]");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i + 1)
        .collect()
}

/// The line of an entry: its `[[table]]` header when the headers line up with the parsed
/// entries, else the line where `id = "..."` occurs.
fn entry_line(text: &str, headers: &[usize], n: usize, index: usize, id: &str) -> usize {
    if headers.len() == n {
        if let Some(&l) = headers.get(index) {
            return l;
        }
    }
    let needle = format!("\"{id}\"");
    text.lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains(&needle))
        .map_or(1, |i| i + 1)
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_code_shape(c: &str) -> bool {
    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())
}

struct Merger<T> {
    items: Vec<(T, Origin, u8)>,
    index: HashMap<String, usize>,
}

impl<T> Merger<T> {
    fn new() -> Self {
        Merger {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn add(
        &mut self,
        id: &str,
        item: T,
        origin: Origin,
        layer: u8,
        errors: &mut Vec<LexiconError>,
    ) {
        let err = |kind| LexiconError {
            file: origin.file.clone(),
            line: origin.line,
            kind,
        };
        if !is_kebab(id) {
            errors.push(err(ErrorKind::BadId(id.to_string())));
        }
        match self.index.get(id) {
            Some(&i) if self.items[i].2 == layer => {
                errors.push(err(ErrorKind::DuplicateId(id.to_string())));
            }
            Some(&i) => self.items[i] = (item, origin, layer),
            None => {
                self.index.insert(id.to_string(), self.items.len());
                self.items.push((item, origin, layer));
            }
        }
    }
}

fn build(sources: &[Source]) -> (Lexicon, Vec<LexiconError>) {
    let mut errors = Vec::new();
    let mut actors: Merger<ActorEntry> = Merger::new();
    let mut agents: Merger<AgentEntry> = Merger::new();
    let mut places: Merger<PlaceEntry> = Merger::new();
    for src in sources {
        let file: DictFile = match toml::from_str(&src.text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(&src.text, s.start));
                let msg = e.message().trim().to_string();
                errors.push(LexiconError {
                    file: src.name.clone(),
                    line,
                    kind: ErrorKind::Syntax(msg),
                });
                continue;
            }
        };
        let (na, ng, np) = (file.actor.len(), file.agent.len(), file.place.len());
        let (ha, hg, hp) = (
            header_lines(&src.text, "actor"),
            header_lines(&src.text, "agent"),
            header_lines(&src.text, "place"),
        );
        for (i, a) in file.actor.into_iter().enumerate() {
            let o = Origin {
                file: src.name.clone(),
                line: entry_line(&src.text, &ha, na, i, &a.id),
            };
            let id = a.id.clone();
            actors.add(&id, a, o, src.layer, &mut errors);
        }
        for (i, a) in file.agent.into_iter().enumerate() {
            let o = Origin {
                file: src.name.clone(),
                line: entry_line(&src.text, &hg, ng, i, &a.id),
            };
            let id = a.id.clone();
            agents.add(&id, a, o, src.layer, &mut errors);
        }
        for (i, p) in file.place.into_iter().enumerate() {
            let o = Origin {
                file: src.name.clone(),
                line: entry_line(&src.text, &hp, np, i, &p.id),
            };
            let id = p.id.clone();
            places.add(&id, p, o, src.layer, &mut errors);
        }
    }
    validate(&actors.items, &agents.items, &places.items, &mut errors);
    let lex = assemble(actors, agents, places);
    errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    (lex, errors)
}

fn validate(
    actors: &[(ActorEntry, Origin, u8)],
    agents: &[(AgentEntry, Origin, u8)],
    places: &[(PlaceEntry, Origin, u8)],
    errors: &mut Vec<LexiconError>,
) {
    let mut codes: HashSet<&str> = sitrep_ontology::SPECIAL_CODES.iter().copied().collect();
    for (a, _, _) in actors {
        if a.kind == ActorKind::Country {
            if let Some(c) = &a.code {
                if is_code_shape(c) {
                    codes.insert(c);
                }
            }
        }
    }
    let ids: HashSet<&str> = actors.iter().map(|(a, _, _)| a.id.as_str()).collect();
    let push = |errors: &mut Vec<LexiconError>, o: &Origin, kind| {
        errors.push(LexiconError {
            file: o.file.clone(),
            line: o.line,
            kind,
        })
    };
    let check_code = |errors: &mut Vec<LexiconError>, o: &Origin, c: &str| {
        if !codes.contains(c) {
            push(errors, o, ErrorKind::UnknownCode(c.to_string()));
        }
    };
    let check_sector = |errors: &mut Vec<LexiconError>, o: &Origin, s: &Option<String>| {
        if let Some(s) = s {
            if !sitrep_ontology::is_sector(s) {
                push(errors, o, ErrorKind::UnknownSector(s.clone()));
            }
        }
    };
    // Terms per (title, of): (holder id, term, origin).
    let mut terms: HashMap<(&str, &str), Vec<(&str, &crate::Office)>> = HashMap::new();
    for (a, o, _) in actors {
        if a.name.trim().is_empty() {
            push(errors, o, ErrorKind::Empty("name"));
        }
        if a.names
            .iter()
            .chain(&a.adjectives)
            .any(|n| n.trim().is_empty())
        {
            push(errors, o, ErrorKind::Empty("alias"));
        }
        if let Some(c) = &a.code {
            check_code(errors, o, c);
        }
        check_sector(errors, o, &a.sector);
        for (rel, targets) in [
            ("backed_by", &a.backed_by),
            ("member_of", &a.member_of),
            ("allied_with", &a.allied_with),
        ] {
            for t in targets {
                if !ids.contains(t.as_str()) {
                    push(
                        errors,
                        o,
                        ErrorKind::DanglingRelation {
                            relation: rel,
                            target: t.clone(),
                        },
                    );
                }
            }
        }
        for off in &a.offices {
            check_code(errors, o, &off.of);
            if let (Some(f), Some(t)) = (off.valid_from, off.valid_to) {
                if t <= f {
                    push(errors, o, ErrorKind::BadDates(off.title.clone()));
                    continue;
                }
            }
            let list = terms
                .entry((off.title.as_str(), off.of.as_str()))
                .or_default();
            if let Some((other, _)) = list.iter().find(|(_, t)| t.overlaps(off)) {
                push(
                    errors,
                    o,
                    ErrorKind::OverlappingOffice {
                        title: off.title.clone(),
                        of: off.of.clone(),
                        other: other.to_string(),
                    },
                );
            }
            list.push((a.id.as_str(), off));
        }
    }
    for (g, o, _) in agents {
        if g.names.is_empty()
            || g.names
                .iter()
                .chain(&g.plurals)
                .any(|n| n.trim().is_empty())
        {
            push(errors, o, ErrorKind::Empty("names"));
        }
        if !matches!(g.kind, ActorKind::Group | ActorKind::Person) {
            push(errors, o, ErrorKind::BadAgentKind(g.id.clone()));
        }
        check_sector(errors, o, &g.sector);
    }
    for (p, o, _) in places {
        if p.name.trim().is_empty() {
            push(errors, o, ErrorKind::Empty("name"));
        }
        if let Some(c) = &p.country {
            check_code(errors, o, c);
        }
        if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
            push(errors, o, ErrorKind::BadCoordinates(p.id.clone()));
        }
        if ids.contains(p.id.as_str()) {
            push(errors, o, ErrorKind::DuplicateId(p.id.clone()));
        }
    }
}

fn assemble(
    actors: Merger<ActorEntry>,
    agents: Merger<AgentEntry>,
    places: Merger<PlaceEntry>,
) -> Lexicon {
    let actors: Vec<ActorEntry> = actors.items.into_iter().map(|(a, _, _)| a).collect();
    let agents: Vec<AgentEntry> = agents.items.into_iter().map(|(a, _, _)| a).collect();
    let places: Vec<PlaceEntry> = places.items.into_iter().map(|(a, _, _)| a).collect();
    let actor_by_id = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let agent_by_id = agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let place_by_id = places
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let mut country_by_code = HashMap::new();
    for (i, a) in actors.iter().enumerate() {
        if let (ActorKind::Country, Some(c)) = (a.kind, &a.code) {
            country_by_code.entry(c.clone()).or_insert(i);
        }
    }
    Lexicon {
        actors,
        agents,
        places,
        actor_by_id,
        place_by_id,
        agent_by_id,
        country_by_code,
    }
}
