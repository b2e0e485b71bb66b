//! Small closed word classes the coder's heuristics rely on. These are English function words
//! and cue words, not content vocabulary: content belongs in the pattern file.

/// Prepositions after which a name is not a subject or direct object.
pub const PREPOSITIONS: &[&str] = &[
    "of", "in", "from", "with", "by", "to", "for", "on", "against", "at", "into", "near", "across",
    "over", "under", "after", "before", "during", "since", "between", "among", "through", "toward",
    "towards", "about", "amid", "outside", "inside", "within", "without", "per", "via", "than",
    "like", "despite", "around", "behind", "beyond", "upon", "onto", "along",
];

/// Nouns for people that head a phrase "X of <actor>": the actor then stands for the phrase.
pub const AGENT_HEADS: &[&str] = &[
    "commander",
    "commanders",
    "leader",
    "leaders",
    "member",
    "members",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "fighters",
    "head",
    "chief",
    "militants",
    "representative",
    "representatives",
    "envoy",
    "minister",
    "forces",
    "troops",
    "army",
    "soldiers",
    "supporters",
    "delegation",
    "government",
    "president",
    "units",
    "wing",
];

/// Auxiliaries and light adverbs that may sit between a subject and its verb.
pub const AUX: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "having",
    "do",
    "does",
    "did",
    "also",
    "already",
    "reportedly",
    "still",
    "now",
    "then",
    "later",
    "soon",
    "allegedly",
    "again",
    "repeatedly",
    "previously",
    "recently",
    "finally",
    "first",
    "jointly",
    "just",
    "apparently",
    "subsequently",
    "immediately",
    "formally",
    "publicly",
    "reluctantly",
    "all",
    "both",
    "each",
    "quickly",
    "officially",
    "further",
];

/// Forms of "be" and "get" that make a following participle passive.
pub const PASSIVE_AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten", "getting",
];

/// Negators of a verb group.
pub const NEGATORS: &[&str] = &["not", "n't", "never", "no", "neither", "nor", "cannot"];

/// Modals that make an event hypothetical (unless a threat reading applies).
pub const HYPOTHETICAL_MODALS: &[&str] = &["would", "could", "might", "may", "should", "can", "must"];

/// Modals that make an event intended.
pub const FUTURE_MODALS: &[&str] = &["will", "shall", "'ll"];

/// Words before "to + verb" that make the verb an intention.
pub const INTENT_CUES: &[&str] = &[
    "prepared",
    "preparing",
    "ready",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "intending",
    "vow",
    "vows",
    "vowed",
    "pledge",
    "pledges",
    "pledged",
    "promise",
    "promises",
    "promised",
    "want",
    "wants",
    "wanted",
    "aim",
    "aims",
    "aimed",
    "seek",
    "seeks",
    "sought",
    "set",
    "expected",
    "going",
    "willing",
    "offer",
    "offers",
    "offered",
    "decided",
    "determined",
    "hope",
    "hopes",
    "hoped",
    "agreed",
    "agree",
    "agrees",
    "poised",
    "likely",
    "committed",
    "moving",
    "moved",
    "scheduled",
    "due",
];

/// Words before "to + verb" that negate the verb.
pub const NEGATING_CUES: &[&str] = &[
    "refuse",
    "refused",
    "refuses",
    "fail",
    "failed",
    "fails",
    "decline",
    "declined",
    "declines",
    "unable",
    "reluctant",
];

/// Words before "to + verb" that make it a threat.
pub const THREAT_CUES: &[&str] = &["threaten", "threatened", "threatens", "threatening"];

/// Words before "to + verb" that make it hypothetical ("to avoid a conflict").
pub const HYPOTHETICAL_CUES: &[&str] = &[
    "avoid", "prevent", "could", "would", "might", "may", "try", "tried", "trying", "attempt",
    "asked", "urged", "called", "demanded", "pressed", "told",
];

/// Conditional conjunctions.
pub const CONDITIONALS: &[&str] = &["if", "unless", "whether"];

/// Noun modifiers that make a nominal event not (yet) real.
pub const NOUN_HYPOTHETICAL: &[&str] = &[
    "potential",
    "possible",
    "proposed",
    "planned",
    "threatened",
    "imminent",
    "future",
    "would-be",
    "feared",
    "expected",
    "prospective",
    "looming",
    "fears",
];

/// Verbs that carry a nominal event and whose subject is the event's source.
pub const LIGHT_VERBS: &[&str] = &[
    "launch",
    "launched",
    "launches",
    "launching",
    "carry",
    "carried",
    "carries",
    "carrying",
    "conduct",
    "conducted",
    "conducts",
    "conducting",
    "stage",
    "staged",
    "stages",
    "staging",
    "mount",
    "mounted",
    "mounts",
    "mounting",
    "lead",
    "led",
    "leads",
    "leading",
    "hold",
    "held",
    "holds",
    "holding",
    "begin",
    "began",
    "begun",
    "begins",
    "beginning",
    "start",
    "started",
    "starts",
    "resume",
    "resumed",
    "resumes",
    "join",
    "joined",
    "joins",
    "wage",
    "waged",
    "wages",
    "waging",
    "intensify",
    "intensified",
    "intensifies",
    "escalate",
    "escalated",
    "unleash",
    "unleashed",
    "order",
    "ordered",
    "orders",
    "announce",
    "announced",
    "announces",
    "continue",
    "continued",
    "continues",
    "make",
    "made",
    "makes",
    "host",
    "hosted",
    "attend",
    "attended",
    "enter",
    "entered",
    "initiate",
    "initiated",
    "perpetrate",
    "perpetrated",
    "commit",
    "committed",
    "impose",
    "imposed",
    "issue",
    "issued",
    "step",
    "stepped",
    "execute",
    "executed",
];

/// Verbs whose subject undergoes a nominal event ("X suffered losses after strikes by Y").
pub const EXPERIENCER_VERBS: &[&str] = &[
    "suffer",
    "suffered",
    "suffers",
    "suffering",
    "sustain",
    "sustained",
    "sustains",
    "face",
    "faced",
    "faces",
    "facing",
    "endure",
    "endured",
    "endures",
    "weather",
    "weathered",
];

/// Prepositions that introduce a recipient after a trigger.
pub const RECIPIENT_PREPS: &[&str] = &[
    "on",
    "against",
    "at",
    "targeting",
    "toward",
    "towards",
    "into",
    "upon",
    "with",
    "to",
];

/// Speech and report verbs: their subject is an attribution, not an event source.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "said",
    "says",
    "saying",
    "tell",
    "told",
    "tells",
    "report",
    "reported",
    "reports",
    "announce",
    "announced",
    "announces",
    "state",
    "stated",
    "states",
    "add",
    "added",
    "adds",
    "note",
    "noted",
    "notes",
    "claim",
    "claimed",
    "claims",
    "confirm",
    "confirmed",
    "confirms",
    "allege",
    "alleged",
    "alleges",
    "write",
    "wrote",
    "writes",
    "insist",
    "insisted",
    "stress",
    "stressed",
    "explain",
    "explained",
    "quoted",
    "cited",
    "caution",
    "cautioned",
    "cautions",
    "argue",
    "argued",
    "argues",
    "suggest",
    "suggested",
    "believe",
    "believed",
];

/// Relative pronouns and complementizers.
pub const RELATIVES: &[&str] = &["that", "which", "who", "whom", "whose"];

/// Determiners and similar words before a noun.
pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those",
    "such", "'s", "another", "any", "some", "several", "many", "new", "fresh", "major", "series",
    "wave", "spate", "string", "number",
];

/// Tokens that close a clause for role scanning.
pub const CLAUSE_BREAKS: &[&str] = &[";", ":", "\"", "(", ")", "."];

/// True when `w` is in `list`.
pub fn is(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Title and rank words that belong to a person's or group's noun phrase.
pub const TITLE_WORDS: &[&str] = &[
    "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "senior",
    "top", "chief", "deputy", "vice", "general", "judge", "former", "interior", "finance",
    "secretary-general", "king", "queen", "emir", "sheikh", "crown", "prince", "ambassador",
    "envoy", "spokesman", "spokeswoman", "commander", "leader", "rebel", "opposition",
    "military", "armed", "radical", "militant", "security", "riot", "national", "state",
    "junior", "outgoing", "acting", "interim", "elected", "exiled", "jailed", "veteran",
    "hardline", "moderate", "ruling", "nationalist", "islamist", "fundamentalist", "jihadist",
    "separatist", "paramilitary", "elite", "pro-government", "anti-government", "local",
    "federal", "regional", "provincial", "presidential", "parliamentary", "right-wing",
    "left-wing", "right-winger",
];
