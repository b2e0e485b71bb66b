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
