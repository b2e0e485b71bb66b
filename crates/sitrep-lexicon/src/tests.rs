use chrono::NaiveDate;
use sitrep_doc::ActorKind;

use crate::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn country_stub() -> &'static str {
    "[[actor]]\nid = \"iraq\"\nname = \"Iraq\"\ncode = \"IRQ\"\nkind = \"country\"\n"
}

#[test]
fn builtin_is_valid() {
    let errors = check(&Source::builtin());
    assert!(
        errors.is_empty(),
        "{}",
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn builtin_has_all_countries() {
    let lex = Lexicon::builtin();
    let n = lex
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::Country)
        .count();
    assert!(n >= 197, "{n} countries");
    for code in ["USA", "IRQ", "IRN", "PSE", "XKX", "TWN", "SSD", "VAT"] {
        assert!(lex.country(code).is_some(), "{code}");
    }
    let irq = lex.country("IRQ").expect("Iraq");
    assert_eq!(irq.adjectives, vec!["Iraqi".to_string()]);
    assert_eq!(irq.capital.as_deref(), Some("Baghdad"));
    assert_eq!(irq.sector(), Some("GOV"));
}

#[test]
fn builtin_armed_groups_have_relations() {
    let lex = Lexicon::builtin();
    let kh = lex.actor("kataib-hezbollah").expect("KH");
    assert_eq!(kh.sector(), Some("PRM"));
    assert!(kh.names.iter().any(|n| n == "Kata'ib Hizballah"));
    assert!(kh
        .member_of
        .iter()
        .any(|m| m == "islamic-resistance-in-iraq"));
    let irgc = lex.actor("irgc").expect("IRGC");
    assert_eq!(
        (irgc.code.as_deref(), irgc.sector()),
        (Some("IRN"), Some("MIL"))
    );
    let groups = lex
        .actors()
        .iter()
        .filter(|a| matches!(a.sector(), Some("PRM" | "REB" | "CRM")) && a.kind == ActorKind::Org)
        .count();
    assert!(groups >= 40, "{groups} armed groups");
}

#[test]
fn office_holder_depends_on_date() {
    let lex = Lexicon::builtin();
    let at = |d| {
        lex.office_holder("president", "USA", date(d))
            .map(|a| a.id.as_str())
    };
    assert_eq!(at("2019-06-01"), Some("donald-trump"));
    assert_eq!(at("2022-06-01"), Some("joe-biden"));
    assert_eq!(at("2025-01-20"), Some("donald-trump"));
    assert_eq!(at("2025-01-19"), Some("joe-biden"));
    let syr = |d| {
        lex.office_holder("president", "SYR", date(d))
            .map(|a| a.id.as_str())
    };
    assert_eq!(syr("2024-12-07"), Some("bashar-al-assad"));
    assert_eq!(syr("2024-12-20"), None);
    let pm = lex.office_holder("prime minister", "IRQ", date("2025-04-08"));
    assert_eq!(pm.map(|a| a.id.as_str()), Some("mohammed-shia-al-sudani"));
}

#[test]
fn office_holders_of_many_countries_resolve_by_date() {
    let lex = Lexicon::builtin();
    let at = |title: &str, of: &str, d: &str| {
        lex.office_holder(title, of, date(d)).map(|a| a.id.as_str())
    };
    let cases = [
        ("prime minister", "GBR", "2017-01-01", Some("theresa-may")),
        ("prime minister", "GBR", "2022-10-01", Some("liz-truss")),
        ("prime minister", "GBR", "2025-01-01", Some("keir-starmer")),
        (
            "foreign minister",
            "GBR",
            "2024-01-01",
            Some("david-cameron"),
        ),
        (
            "prime minister",
            "ISR",
            "2022-01-01",
            Some("naftali-bennett"),
        ),
        ("defense minister", "ISR", "2021-01-01", Some("benny-gantz")),
        (
            "prime minister",
            "IRQ",
            "2016-01-01",
            Some("haider-al-abadi"),
        ),
        (
            "defense minister",
            "RUS",
            "2023-01-01",
            Some("sergei-shoigu"),
        ),
        (
            "defense minister",
            "RUS",
            "2025-01-01",
            Some("andrei-belousov"),
        ),
        ("foreign minister", "CHN", "2023-05-01", Some("qin-gang")),
        ("foreign minister", "CHN", "2024-05-01", Some("wang-yi")),
        ("chancellor", "DEU", "2019-01-01", Some("angela-merkel")),
        ("president", "FRA", "2016-01-01", Some("francois-hollande")),
        ("prime minister", "PAK", "2020-01-01", Some("imran-khan")),
        ("president", "KOR", "2020-01-01", Some("moon-jae-in")),
        ("president", "BRA", "2020-01-01", Some("jair-bolsonaro")),
        ("president", "UKR", "2018-01-01", Some("petro-poroshenko")),
        (
            "foreign minister",
            "IND",
            "2022-01-01",
            Some("subrahmanyam-jaishankar"),
        ),
        ("president", "NER", "2022-01-01", Some("mohamed-bazoum")),
        // No holder recorded between two terms.
        ("president", "LBN", "2023-06-01", None),
    ];
    for (title, of, d, want) in cases {
        assert_eq!(at(title, of, d), want, "{title} of {of} on {d}");
    }
}

#[test]
fn equivalent_titles_find_the_office_holder() {
    let lex = Lexicon::builtin();
    let at = |title: &str, of: &str, d: &str| {
        lex.office_holder(title, of, date(d)).map(|a| a.id.as_str())
    };
    // "the US foreign minister" is the secretary of state, and back.
    assert_eq!(
        at("foreign minister", "USA", "2019-01-01"),
        Some("mike-pompeo")
    );
    assert_eq!(
        at("secretary of state", "USA", "2019-01-01"),
        Some("mike-pompeo")
    );
    // "the British defence secretary" is recorded as the defense minister.
    assert_eq!(
        at("secretary of defense", "GBR", "2020-01-01"),
        Some("ben-wallace")
    );
    assert_eq!(
        at("defense minister", "USA", "2022-01-01"),
        Some("lloyd-austin")
    );
    assert_eq!(at("interior minister", "USA", "2022-01-01"), None);
}

#[test]
fn builtin_terms_of_one_office_do_not_overlap() {
    // The loader refuses overlaps; here the adjacent terms meet exactly.
    let lex = Lexicon::builtin();
    let holders = |title: &str, of: &str| {
        let mut terms: Vec<_> = lex
            .actors()
            .iter()
            .flat_map(|a| a.offices.iter().map(move |o| (a, o)))
            .filter(|(_, o)| o.title == title && o.of == of)
            .map(|(a, o)| (o.valid_from, o.valid_to, a.id.as_str()))
            .collect();
        terms.sort();
        terms
    };
    let us = holders("president", "USA");
    let ids: Vec<&str> = us.iter().map(|t| t.2).collect();
    assert_eq!(
        ids,
        ["barack-obama", "donald-trump", "joe-biden", "donald-trump"]
    );
    for w in us.windows(2) {
        assert_eq!(w[0].1, w[1].0, "{w:?}");
    }
    let persons = lex
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .count();
    assert!(persons >= 400, "{persons} persons");
}

#[test]
fn overlapping_terms_in_two_files_name_the_second_file_and_line() {
    let a = format!(
        "{}\n[[actor]]\nid = \"p1\"\nname = \"P1\"\nkind = \"person\"\noffices = [{{ title = \"president\", of = \"IRQ\", valid_from = \"2018-01-01\" }}]\n",
        country_stub()
    );
    let b = "# another file\n\n[[actor]]\nid = \"p2\"\nname = \"P2\"\nkind = \"person\"\noffices = [{ title = \"president\", of = \"IRQ\", valid_from = \"2019-01-01\", valid_to = \"2020-01-01\" }]\n";
    let errors = check(&[Source::new("a.toml", a), Source::new("b.toml", b)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "b.toml:3: L008 office \"president\" of IRQ overlaps with the term of \"p1\""
    );
    // Terms that meet (one ends the day the next begins) are fine.
    let c = "[[actor]]\nid = \"p3\"\nname = \"P3\"\nkind = \"person\"\noffices = [{ title = \"president\", of = \"IRQ\", valid_from = \"2010-01-01\", valid_to = \"2018-01-01\" }]\n";
    let a2 = format!(
        "{}\n[[actor]]\nid = \"p1\"\nname = \"P1\"\nkind = \"person\"\noffices = [{{ title = \"president\", of = \"IRQ\", valid_from = \"2018-01-01\" }}]\n",
        country_stub()
    );
    assert!(check(&[Source::new("a.toml", a2), Source::new("c.toml", c)]).is_empty());
}

#[test]
fn duplicate_ids_across_files_of_one_layer_are_refused() {
    let a = format!(
        "{}\n[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"org\"\n",
        country_stub()
    );
    let b = "\n\n[[actor]]\nid = \"x\"\nname = \"X2\"\nkind = \"org\"\n";
    let sources = [Source::new("a.toml", a), Source::new("b.toml", b)];
    let errors = check(&sources);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].to_string(), "b.toml:3: L003 duplicate id \"x\"");
    match Lexicon::from_sources(&sources) {
        Err(LoadError::Invalid(e)) => assert_eq!(e.len(), 1),
        other => panic!("expected refusal, got {other:?}"),
    }
    // A place may not reuse an actor's id either.
    let c = "[[place]]\nid = \"iraq\"\nname = \"Iraq\"\nlat = 33.0\nlon = 44.0\n";
    let errors = check(&[
        Source::new("a.toml", country_stub()),
        Source::new("c.toml", c),
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "c.toml:1: L003 duplicate id \"iraq\""
    );
}

#[test]
fn dangling_targets_of_every_relation_are_reported() {
    let text = format!(
        "{}\n[[actor]]\nid = \"g\"\nname = \"G\"\nkind = \"org\"\nbacked_by = [\"iraq\", \"ghost-a\"]\nmember_of = [\"ghost-b\"]\nallied_with = [\"ghost-c\"]\n",
        country_stub()
    );
    let errors = check(&[Source::new("r.toml", text)]);
    let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "r.toml:7: L006 backed_by names unknown actor \"ghost-a\"",
            "r.toml:7: L006 member_of names unknown actor \"ghost-b\"",
            "r.toml:7: L006 allied_with names unknown actor \"ghost-c\"",
        ]
    );
}

#[test]
fn empty_names_bad_agents_and_coordinates_are_reported() {
    let text = "[[actor]]\nid = \"a\"\nname = \" \"\nnames = [\"\"]\nkind = \"org\"\n\n[[agent]]\nid = \"g\"\nnames = []\nkind = \"country\"\n\n[[place]]\nid = \"p\"\nname = \"P\"\nlat = 91.0\nlon = 0.0\n";
    let errors = check(&[Source::new("e.toml", text)]);
    let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "e.toml:1: L009 empty name",
            "e.toml:1: L009 empty alias",
            "e.toml:7: L009 empty names",
            "e.toml:7: L011 agent \"g\" must have kind group or person",
            "e.toml:12: L010 coordinates out of range for \"p\"",
        ]
    );
}

#[test]
fn unknown_fields_are_schema_errors_with_the_line() {
    let text = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"org\"\nbacker = [\"iran\"]\n";
    let errors = check(&[Source::new("u.toml", text)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(matches!(errors[0].kind, ErrorKind::Syntax(_)));
    assert!(
        errors[0].to_string().starts_with("u.toml:"),
        "{}",
        errors[0]
    );
    assert!(errors[0].to_string().contains("backer"), "{}", errors[0]);
}

#[test]
fn unknown_sector_is_reported_with_line() {
    let text = format!(
        "{}\n[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"org\"\nsector = \"ZZZ\"\n",
        country_stub()
    );
    let errors = check(&[Source::new("a.toml", text)]);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "a.toml:7: L005 unknown sector \"ZZZ\""
    );
}

#[test]
fn all_semantic_errors_are_collected() {
    let text = format!(
        "{}
[[actor]]
id = \"Bad_Id\"
name = \"B\"
code = \"XYZ\"
kind = \"org\"
backed_by = [\"nobody\"]

[[actor]]
id = \"iraq\"
name = \"Iraq again\"
code = \"IRQ\"
kind = \"country\"

[[actor]]
id = \"p1\"
name = \"P1\"
kind = \"person\"
offices = [{{ title = \"president\", of = \"IRQ\", valid_from = \"2020-01-01\", valid_to = \"2019-01-01\" }}]

[[actor]]
id = \"p2\"
name = \"P2\"
kind = \"person\"
offices = [{{ title = \"prime minister\", of = \"IRQ\", valid_from = \"2020-01-01\" }}]

[[actor]]
id = \"p3\"
name = \"P3\"
kind = \"person\"
offices = [{{ title = \"prime minister\", of = \"IRQ\", valid_from = \"2010-01-01\", valid_to = \"2021-01-01\" }}]
",
        country_stub()
    );
    let errors = check(&[Source::new("b.toml", text)]);
    let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let has = |s: &str| msgs.iter().any(|m| m.contains(s));
    assert!(has("b.toml:7: L002"), "{msgs:?}");
    assert!(has("b.toml:7: L004 unknown actor code \"XYZ\""), "{msgs:?}");
    assert!(
        has("b.toml:7: L006 backed_by names unknown actor \"nobody\""),
        "{msgs:?}"
    );
    assert!(has("b.toml:14: L003 duplicate id \"iraq\""), "{msgs:?}");
    assert!(has("b.toml:20: L007"), "{msgs:?}");
    assert!(has("b.toml:32: L008"), "{msgs:?}");
    assert_eq!(errors.len(), 6, "{msgs:?}");
    assert!(matches!(
        Lexicon::from_sources(&[Source::new("b.toml", "[[actor]]\nid = 1\n")]),
        Err(LoadError::Invalid(_))
    ));
}

#[test]
fn syntax_errors_carry_the_line() {
    let text = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"planet\"\n";
    let errors = check(&[Source::new("c.toml", text)]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 4, "{}", errors[0]);
    assert!(matches!(errors[0].kind, ErrorKind::Syntax(_)));
    let bad_date = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\noffices = [{ title = \"x\", of = \"IGO\", valid_from = \"2020-13-01\" }]\n";
    let errors = check(&[Source::new("d.toml", bad_date)]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 5);
}

#[test]
fn every_file_is_checked_even_after_a_syntax_error() {
    let errors = check(&[
        Source::new("a.toml", "[[actor]\n"),
        Source::new(
            "b.toml",
            "[[place]]\nid = \"p\"\nname = \"P\"\ncountry = \"QQQ\"\nlat = 100.0\nlon = 0.0\n",
        ),
    ]);
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn user_layer_overrides_builtin() {
    let dir = std::env::temp_dir().join(format!("sitrep-lexicon-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("mine.toml"),
        "[[actor]]\nid = \"reuters\"\nname = \"Reuters\"\ncode = \"USA\"\nsector = \"JRN\"\nkind = \"outlet\"\n\n[[actor]]\nid = \"new-militia\"\nname = \"New Militia\"\ncode = \"IRQ\"\nsector = \"PRM\"\nkind = \"org\"\nbacked_by = [\"iran\"]\n",
    )
    .expect("write");
    let lex = Lexicon::load_dir(&dir).expect("valid");
    assert_eq!(
        lex.actor("reuters").and_then(|a| a.code.as_deref()),
        Some("USA")
    );
    assert!(lex.actor("new-militia").is_some());
    std::fs::write(
        dir.join("zbad.toml"),
        "[[actor]]\nid = \"q\"\nname = \"Q\"\nkind = \"org\"\nsector = \"NOPE\"\n",
    )
    .expect("write");
    match Lexicon::load_dir(&dir) {
        Err(LoadError::Invalid(errs)) => assert!(errs[0]
            .to_string()
            .ends_with("zbad.toml:1: L005 unknown sector \"NOPE\"")),
        other => panic!("expected errors, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(matches!(
        Lexicon::load_dir("/nonexistent/sitrep"),
        Err(LoadError::Io { .. })
    ));
}

proptest::proptest! {
    #[test]
    fn check_never_panics(s in "\\PC{0,200}") {
        let _ = check(&[Source::new("fuzz.toml", s)]);
    }
}
