//! Headline grammar: clipped forms the body text would spell out in full.

use sitrep_doc::{Document, EventType, Metadata};
use sitrep_pipeline::Pipeline;

fn code(text: &str) -> Document {
    let mut d = Document::new(
        "h",
        text,
        Metadata {
            published: chrono::NaiveDate::from_ymd_opt(2025, 3, 4),
            ..Default::default()
        },
    );
    Pipeline::standard().unwrap().run(&mut d).unwrap();
    d
}

#[test]
fn a_reduced_passive_headline_takes_its_agent_from_by() {
    let d =
        code("Kataib Hezbollah depot near Jurf al-Sakhar struck by US forces\n\nMore to follow.");
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Assault)
        .expect("an ASSAULT");
    assert_eq!(e.source[0].text, "US forces", "{e:?}");
    assert!(e.recipient[0].text.starts_with("Kataib Hezbollah"), "{e:?}");
    // a perfect tense is active: "has struck" keeps its subject
    let d = code("Kataib Hezbollah has struck US forces near the base.");
    let e = d
        .events
        .iter()
        .find(|e| e.etype == EventType::Assault)
        .unwrap();
    assert_eq!(e.source[0].text, "Kataib Hezbollah", "{e:?}");
}
