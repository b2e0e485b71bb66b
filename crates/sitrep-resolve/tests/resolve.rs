//! Tests of date, count and place resolution on segmented text (the segmenter stands in for
//! the pipeline's first stage; mentions are added by hand where places matter).

use chrono::NaiveDate;
use sitrep_doc::{CountKind, DateGranularity, DateKind, Document, Metadata, Stage};
use sitrep_resolve::{find_counts, find_dates};

fn doc(text: &str, published: &str) -> Document {
    let meta = Metadata {
        published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        ..Default::default()
    };
    let mut d = Document::new("t", text, meta);
    sitrep_segment::Segmenter::new().process(&mut d).unwrap();
    d
}

fn values(d: &Document) -> Vec<(String, Option<String>, Option<DateGranularity>)> {
    find_dates(d)
        .into_iter()
        .map(|e| {
            (
                d.slice(e.span).to_string(),
                e.value.value,
                e.value.granularity,
            )
        })
        .collect()
}

#[test]
fn weekday_is_the_most_recent_one() {
    // 2025-04-08 is a Tuesday
    let d = doc("Reuters reported Monday that talks began.", "2025-04-08");
    let v = values(&d);
    assert_eq!(
        v,
        vec![(
            "Monday".into(),
            Some("2025-04-07".into()),
            Some(DateGranularity::Day)
        )]
    );
}

#[test]
fn relative_months_and_years() {
    let d = doc(
        "Strikes escalated last month. The war began 18 months ago. Talks failed last year.",
        "2025-04-08",
    );
    let v: Vec<_> = values(&d).into_iter().map(|(_, v, _)| v.unwrap()).collect();
    assert_eq!(v, vec!["2025-03", "2023-10", "2024"]);
}

#[test]
fn explicit_dates_in_common_formats() {
    let d = doc(
        "The war erupted in October 2023. A truce began on January 19, 2025. Talks resume 3 March 2025. Envoys met on Feb. 2.",
        "2025-04-08",
    );
    let v: Vec<_> = values(&d).into_iter().map(|(_, v, _)| v.unwrap()).collect();
    assert_eq!(v, vec!["2023-10", "2025-01-19", "2025-03-03", "2025-02-02"]);
}

#[test]
fn iso_dates_in_one_token() {
    let d = doc(
        "The ceasefire of 2024-11-27 held until 2025-03-18. Numbers like 2024-13-40, 12-15 and 2025 alone are not dates.",
        "2025-04-08",
    );
    let v: Vec<_> = values(&d)
        .into_iter()
        .filter(|(s, _, _)| s.contains('-'))
        .map(|(s, v, _)| (s, v.unwrap()))
        .collect();
    assert_eq!(
        v,
        vec![
            ("2024-11-27".to_string(), "2024-11-27".to_string()),
            ("2025-03-18".to_string(), "2025-03-18".to_string())
        ]
    );
}

#[test]
fn month_day_without_year_is_not_in_the_future() {
    let d = doc("Envoys met on December 20.", "2025-01-05");
    assert_eq!(values(&d)[0].1.as_deref(), Some("2024-12-20"));
}

#[test]
fn at_the_time_refers_to_the_previous_date() {
    let d = doc(
        "The conflict began 18 months ago. At the time, rebels attacked the town.",
        "2025-04-08",
    );
    let dates = find_dates(&d);
    let at = dates
        .iter()
        .find(|e| d.slice(e.span) == "At the time")
        .expect("found");
    assert_eq!(at.value.value.as_deref(), Some("2023-10"));
    assert_eq!(at.value.rule, "date:anaphoric");
}

#[test]
fn since_makes_a_range() {
    let d = doc("Attacks have continued since October 2023.", "2025-04-08");
    let e = &find_dates(&d)[0];
    assert_eq!(e.value.kind, DateKind::Range);
    assert_eq!(e.value.end.as_deref(), Some("2025-04-08"));
}

#[test]
fn may_the_modal_is_not_a_month() {
    let d = doc("The talks may resume soon.", "2025-04-08");
    assert!(values(&d).is_empty());
}

#[test]
fn counts_with_qualifiers() {
    let d = doc("Hamas launched an attack that killed around 1,200 people and saw more than 250 taken hostage.", "2025-04-08");
    let s = &d.sentences[0];
    let c = find_counts(&d, s.tokens.0 as usize, s.tokens.1 as usize);
    let got: Vec<_> = c
        .iter()
        .map(|c| (c.kind, c.value, c.qualifier.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (CountKind::Dead, 1200, "approximate"),
            (CountKind::Hostages, 250, "at-least")
        ]
    );
    assert_eq!(
        d.slice(sitrep_doc::Span {
            start: c[0].start,
            end: c[0].end
        }),
        "around 1,200"
    );
}

#[test]
fn counts_after_the_number() {
    let d = doc(
        "At least 40 civilians were killed and dozens wounded.",
        "2025-04-08",
    );
    let s = &d.sentences[0];
    let c = find_counts(&d, s.tokens.0 as usize, s.tokens.1 as usize);
    let got: Vec<_> = c.iter().map(|c| (c.kind, c.value)).collect();
    assert_eq!(got, vec![(CountKind::Dead, 40), (CountKind::Injured, 24)]);
}

#[test]
fn years_are_not_counts() {
    let d = doc("In 2003 troops killed 5 people.", "2025-04-08");
    let s = &d.sentences[0];
    let c = find_counts(&d, s.tokens.0 as usize, s.tokens.1 as usize);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].value, 5);
}

#[test]
fn durations_are_not_counts() {
    let d = doc(
        "Rebels released the men whom they had taken hostage two weeks ago and killed 3 guards.",
        "2025-04-08",
    );
    let s = &d.sentences[0];
    let c = find_counts(&d, s.tokens.0 as usize, s.tokens.1 as usize);
    let got: Vec<_> = c.iter().map(|c| (c.kind, c.value)).collect();
    assert_eq!(got, vec![(CountKind::Dead, 3)]);
}

#[test]
fn a_year_before_a_noun_after_the_is_a_date() {
    let d = doc("Militias grew after the 2003 US invasion.", "2025-04-08");
    assert_eq!(values(&d)[0].1.as_deref(), Some("2003"));
}

#[test]
fn a_year_after_in_is_a_date() {
    let d = doc(
        "Fighting broke out in 2014 and resumed since 2019.",
        "2025-04-08",
    );
    let v: Vec<_> = values(&d).into_iter().map(|(_, v, _)| v.unwrap()).collect();
    assert_eq!(v, vec!["2014", "2019"]);
}
