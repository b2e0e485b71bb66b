//! Inflected forms of English verbs and nouns, generated from lemmas: the pattern dictionary
//! names lemmas, the text has forms. A later tagger/lemmatizer can replace this by lemma lookup.

/// Irregular verbs: lemma, past, past participle.
const IRREGULAR_VERBS: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("bear", "bore", "borne"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bid", "bid", "bid"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hanged", "hanged"),
    ("have", "had", "had"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("shut", "shut", "shut"),
    ("slay", "slew", "slain"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wage", "waged", "waged"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
    ("overrun", "overran", "overrun"),
    ("oversee", "oversaw", "overseen"),
    ("shed", "shed", "shed"),
    ("bring", "brought", "brought"),
    ("forsake", "forsook", "forsaken"),
    ("mislead", "misled", "misled"),
    ("bind", "bound", "bound"),
    ("slit", "slit", "slit"),
];

/// Verbs whose final consonant doubles before -ed/-ing.
const DOUBLING: &[&str] = &[
    "admit", "ban", "bar", "commit", "compel", "control", "drop", "equip", "expel", "grab", "jail",
    "kidnap", "occur", "patrol", "permit", "plan", "propel", "rebut", "refer", "regret", "repel",
    "rob", "ship", "shop", "stab", "stop", "submit", "transfer", "trap", "veto", "net", "pin",
    "plot", "pledge", "map", "spot", "tap", "top", "rub",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// All forms of a verb lemma: base, -s, past, past participle, -ing.
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    if let Some((_, past, part)) = IRREGULAR_VERBS.iter().find(|(l, _, _)| *l == lemma) {
        out.push(past.to_string());
        out.push(part.to_string());
        if lemma == "have" {
            out.push("has".into());
            out.push("having".into());
            return out;
        }
        if lemma == "be" {
            return out;
        }
    }
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    // third person singular
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || lemma.ends_with('o')
    {
        out.push(format!("{lemma}es"));
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        out.push(format!("{}ies", &lemma[..n - 1]));
    } else {
        out.push(format!("{lemma}s"));
    }
    let double = DOUBLING.contains(&lemma) && lemma != "pledge" && lemma != "veto";
    let stem_ed = if double {
        format!("{lemma}{}", last as char)
    } else {
        lemma.to_string()
    };
    // past and participle for regular verbs (also added for irregulars: harmless)
    if !IRREGULAR_VERBS.iter().any(|(l, _, _)| *l == lemma) {
        if last == b'e' {
            out.push(format!("{lemma}d"));
        } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
            out.push(format!("{}ied", &lemma[..n - 1]));
        } else {
            out.push(format!("{stem_ed}ed"));
        }
    }
    // -ing
    if lemma.ends_with("ie") {
        out.push(format!("{}ying", &lemma[..n - 2]));
    } else if last == b'e' && !lemma.ends_with("ee") && n > 2 {
        out.push(format!("{}ing", &lemma[..n - 1]));
    } else {
        out.push(format!("{stem_ed}ing"));
    }
    out.sort();
    out.dedup();
    out
}

/// Singular and plural of a noun.
pub fn noun_forms(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let plural = match lemma {
        "child" => "children".to_string(),
        "man" => "men".to_string(),
        "woman" => "women".to_string(),
        "person" => "people".to_string(),
        "crisis" => "crises".to_string(),
        "analysis" => "analyses".to_string(),
        _ if lemma.ends_with('s')
            || lemma.ends_with('x')
            || lemma.ends_with("ch")
            || lemma.ends_with("sh") =>
        {
            format!("{lemma}es")
        }
        _ if b[n - 1] == b'y' && n > 1 && !is_vowel(b[n - 2]) => format!("{}ies", &lemma[..n - 1]),
        _ => format!("{lemma}s"),
    };
    out.push(plural);
    out
}

/// The past participle(s) of a verb lemma, for passive detection.
pub fn is_participle_form(word: &str) -> bool {
    word.ends_with("ed")
        || word.ends_with("en")
        || IRREGULAR_VERBS.iter().any(|(_, _, p)| *p == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[String], w: &str) -> bool {
        forms.iter().any(|f| f == w)
    }

    #[test]
    fn regular_verbs_inflect() {
        let f = verb_forms("launch");
        for w in ["launch", "launches", "launched", "launching"] {
            assert!(has(&f, w), "{w} missing from {f:?}");
        }
        let f = verb_forms("agree");
        for w in ["agrees", "agreed", "agreeing"] {
            assert!(has(&f, w), "{w} missing from {f:?}");
        }
        let f = verb_forms("deny");
        assert!(has(&f, "denied") && has(&f, "denies") && has(&f, "denying"));
        let f = verb_forms("kidnap");
        assert!(has(&f, "kidnapped") && has(&f, "kidnapping"));
        let f = verb_forms("disarm");
        assert!(has(&f, "disarmed") && !has(&f, "disarmmed"));
    }

    #[test]
    fn irregular_verbs_inflect() {
        let f = verb_forms("give");
        assert!(has(&f, "gave") && has(&f, "given") && has(&f, "giving") && has(&f, "gives"));
        let f = verb_forms("lay");
        assert!(has(&f, "laid") && has(&f, "laying"));
        let f = verb_forms("withdraw");
        assert!(has(&f, "withdrew") && has(&f, "withdrawn"));
    }

    #[test]
    fn nouns_pluralize() {
        assert!(has(&noun_forms("airstrike"), "airstrikes"));
        assert!(has(&noun_forms("casualty"), "casualties"));
        assert!(has(&noun_forms("crisis"), "crises"));
        assert!(has(&noun_forms("talks"), "talkses") || has(&noun_forms("talks"), "talks"));
    }
}
