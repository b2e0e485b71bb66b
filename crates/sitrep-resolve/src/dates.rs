//! Date expressions resolved against the publication date.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use sitrep_doc::{DateGranularity, DateKind, DateValue, Document, Span};
use sitrep_text::fold_into;

/// A date expression found in the text and its resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    /// The words of the expression.
    pub span: Span,
    /// Resolved value.
    pub value: DateValue,
    /// True for "at the time", which refers back to an earlier date.
    pub anaphoric: bool,
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn month(w: &str) -> Option<u32> {
    sitrep_text::month_number(w)
}

fn year(w: &str) -> Option<i32> {
    (w.len() == 4)
        .then(|| w.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn day(w: &str) -> Option<u32> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let d: u32 = d.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn value(v: String, g: DateGranularity, kind: DateKind, span: Span, rule: &str) -> DateValue {
    DateValue {
        value: Some(v),
        granularity: Some(g),
        end: None,
        kind,
        reason: None,
        evidence: Some(span),
        rule: rule.to_string(),
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn ym(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// Finds and resolves every date expression of the document, in text order.
pub fn find_dates(doc: &Document) -> Vec<DateExpr> {
    // the folded words in one buffer: `ends[i]` is where word `i` ends
    let (mut folded, mut ends) = (String::with_capacity(doc.text().len()), Vec::new());
    for t in &doc.tokens {
        fold_into(doc.slice(t.span), &mut folded);
        ends.push(folded.len());
    }
    let word = |i: usize| {
        let a = if i == 0 { 0 } else { ends[i - 1] };
        &folded[a..ends[i]]
    };
    let pubd = doc.meta.published;
    let mut out = Vec::new();
    for sent in &doc.sentences {
        let (s0, s1) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
        let w = |i: usize| if i < s1 { word(i) } else { "" };
        let sp = |a: usize, b: usize| doc.tokens[a].span.cover(doc.tokens[b - 1].span);
        let mut i = s0;
        while i < s1 {
            let since = i > s0 && matches!(w(i - 1), "since" | "from");
            let mut found: Option<(usize, DateValue)> = None;
            // ISO date in one token
            // (only a word with digits and dashes can be one: the parser is slow to say no)
            let iso = w(i).contains('-') && w(i).bytes().any(|b| b.is_ascii_digit());
            if let Some(d) = iso
                .then(|| NaiveDate::parse_from_str(w(i), "%Y-%m-%d").ok())
                .flatten()
            {
                found = Some((
                    i + 1,
                    value(
                        ymd(d),
                        DateGranularity::Day,
                        DateKind::Exact,
                        sp(i, i + 1),
                        "date:iso",
                    ),
                ));
            } else if let Some(m) = month(w(i))
                .filter(|_| w(i) != "may" || year(w(i + 1)).is_some() || day(w(i + 1)).is_some())
                .filter(|_| {
                    !(w(i) == "march" && day(w(i + 1)).is_none() && year(w(i + 1)).is_none())
                })
            {
                // "October 2023", "April 7, 2025", "April 7"
                let mut j = i + 1;
                if w(j) == "." {
                    j += 1;
                }
                if let Some(y) = year(w(j)) {
                    if let Some(d) = NaiveDate::from_ymd_opt(y, m, 1) {
                        let mut v = value(
                            ym(d),
                            DateGranularity::Month,
                            DateKind::Exact,
                            sp(i, j + 1),
                            "date:month-year",
                        );
                        if since {
                            range_to(&mut v, pubd);
                        }
                        found = Some((j + 1, v));
                    }
                } else if let Some(dd) = day(w(j)) {
                    let mut k = j + 1;
                    if w(k) == "," {
                        k += 1;
                    }
                    let (y, end, kind) = match year(w(k)) {
                        Some(y) => (Some(y), k + 1, DateKind::Exact),
                        None => (pubd.map(|p| infer_year(p, m, dd)), j + 1, DateKind::Exact),
                    };
                    if let Some(d) = y.and_then(|y| NaiveDate::from_ymd_opt(y, m, dd)) {
                        found = Some((
                            end,
                            value(
                                ymd(d),
                                DateGranularity::Day,
                                kind,
                                sp(i, end),
                                "date:month-day",
                            ),
                        ));
                    }
                }
            } else if let (Some(dd), Some(m)) = (
                day(w(i)).filter(|_| doc.tokens[i].kind == sitrep_doc::TokenKind::Number),
                month(w(i + 1)),
            ) {
                // "7 April 2025", "7 April"
                let (y, end) = match year(w(i + 2)) {
                    Some(y) => (Some(y), i + 3),
                    None => (pubd.map(|p| infer_year(p, m, dd)), i + 2),
                };
                if let Some(d) = y.and_then(|y| NaiveDate::from_ymd_opt(y, m, dd)) {
                    found = Some((
                        end,
                        value(
                            ymd(d),
                            DateGranularity::Day,
                            DateKind::Exact,
                            sp(i, end),
                            "date:day-month",
                        ),
                    ));
                }
            } else if let Some(wd) = WEEKDAYS.iter().find(|(n, _)| *n == w(i)).map(|(_, d)| *d) {
                if let Some(p) = pubd {
                    let back = (p.weekday().num_days_from_monday() as i64
                        - wd.num_days_from_monday() as i64)
                        .rem_euclid(7);
                    let back = if back == 0 && i > s0 && w(i - 1) == "last" {
                        7
                    } else {
                        back
                    };
                    let d = p - Duration::days(back);
                    let start = if i > s0 && w(i - 1) == "last" {
                        i - 1
                    } else {
                        i
                    };
                    found = Some((
                        i + 1,
                        value(
                            ymd(d),
                            DateGranularity::Day,
                            DateKind::Exact,
                            sp(start, i + 1),
                            "date:weekday",
                        ),
                    ));
                }
            } else if matches!(w(i), "today" | "yesterday" | "tonight") {
                if let Some(p) = pubd {
                    let d = if w(i) == "yesterday" {
                        p - Duration::days(1)
                    } else {
                        p
                    };
                    found = Some((
                        i + 1,
                        value(
                            ymd(d),
                            DateGranularity::Day,
                            DateKind::Exact,
                            sp(i, i + 1),
                            "date:deictic",
                        ),
                    ));
                }
            } else if matches!(w(i), "last" | "this" | "past")
                && matches!(w(i + 1), "month" | "year" | "week")
            {
                if let Some(p) = pubd {
                    let last = w(i) != "this";
                    let v = match w(i + 1) {
                        "month" => {
                            let d = if last {
                                p.checked_sub_months(Months::new(1)).unwrap_or(p)
                            } else {
                                p
                            };
                            value(
                                ym(d),
                                DateGranularity::Month,
                                DateKind::Exact,
                                sp(i, i + 2),
                                "date:relative-month",
                            )
                        }
                        "year" => {
                            let y = if last { p.year() - 1 } else { p.year() };
                            value(
                                y.to_string(),
                                DateGranularity::Year,
                                DateKind::Exact,
                                sp(i, i + 2),
                                "date:relative-year",
                            )
                        }
                        _ => {
                            let monday =
                                p - Duration::days(p.weekday().num_days_from_monday() as i64);
                            let d = if last {
                                monday - Duration::days(7)
                            } else {
                                monday
                            };
                            value(
                                ymd(d),
                                DateGranularity::Week,
                                DateKind::Exact,
                                sp(i, i + 2),
                                "date:relative-week",
                            )
                        }
                    };
                    found = Some((i + 2, v));
                }
            } else if let Some(n) = (w(i + 2) == "ago")
                .then(|| {
                    w(i).parse::<i64>().ok().or_else(|| {
                        // "a year ago", "two weeks ago"
                        if matches!(w(i), "a" | "an") {
                            Some(1)
                        } else {
                            crate::counts::number_word(w(i)).map(|n| n as i64)
                        }
                    })
                })
                .flatten()
            {
                // "18 months ago"
                let unit = w(i + 1).trim_end_matches('s');
                if w(i + 2) == "ago"
                    && matches!(unit, "day" | "week" | "month" | "year")
                    && (0..=1000).contains(&n)
                {
                    if let Some(p) = pubd {
                        let (txt, g) = match unit {
                            "day" => (ymd(p - Duration::days(n)), DateGranularity::Day),
                            "week" => (ymd(p - Duration::days(7 * n)), DateGranularity::Week),
                            "month" => (
                                ym(p.checked_sub_months(Months::new(n as u32)).unwrap_or(p)),
                                DateGranularity::Month,
                            ),
                            _ => ((p.year() - n as i32).to_string(), DateGranularity::Year),
                        };
                        let mut v = value(txt, g, DateKind::Approximate, sp(i, i + 3), "date:ago");
                        v.reason = Some("counted back from the publication date".into());
                        found = Some((i + 3, v));
                    }
                }
            } else if w(i) == "at" && matches!(w(i + 1), "the" | "that") && w(i + 2) == "time" {
                out.push(DateExpr {
                    span: sp(i, i + 3),
                    value: DateValue {
                        value: None,
                        granularity: None,
                        end: None,
                        kind: DateKind::Unresolved,
                        reason: Some("refers to an earlier date".into()),
                        evidence: Some(sp(i, i + 3)),
                        rule: "date:anaphoric".into(),
                    },
                    anaphoric: true,
                });
                i += 3;
                continue;
            } else if i > s0
                && matches!(w(i - 1), "in" | "since" | "during" | "until" | "by" | "the")
            {
                if let Some(y) = year(w(i)) {
                    let mut v = value(
                        y.to_string(),
                        DateGranularity::Year,
                        DateKind::Exact,
                        sp(i, i + 1),
                        "date:year",
                    );
                    if since {
                        range_to(&mut v, pubd);
                    }
                    found = Some((i + 1, v));
                }
            }
            match found {
                Some((end, v)) => {
                    let span = v.evidence.unwrap_or_default();
                    out.push(DateExpr {
                        span,
                        value: v,
                        anaphoric: false,
                    });
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
    }
    // resolve "at the time" to the nearest earlier resolved date
    for k in 0..out.len() {
        if out[k].anaphoric {
            if let Some(prev) = out[..k]
                .iter()
                .rev()
                .find(|e| !e.anaphoric && e.value.value.is_some())
            {
                let mut v = prev.value.clone();
                v.evidence = Some(out[k].span);
                v.rule = "date:anaphoric".into();
                v.reason = Some(format!(
                    "\"at the time\" refers to {}",
                    doc.slice(prev.span)
                ));
                if v.kind == DateKind::Range {
                    v.kind = DateKind::Exact;
                    v.end = None;
                }
                out[k].value = v;
            }
        }
    }
    out
}

fn range_to(v: &mut DateValue, pubd: Option<NaiveDate>) {
    v.kind = DateKind::Range;
    v.end = pubd.map(ymd);
    v.reason = Some("since this date until publication".into());
}

/// The year that puts month/day on or before the publication date (plus a week's slack).
fn infer_year(pubd: NaiveDate, m: u32, d: u32) -> i32 {
    let y = pubd.year();
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) if date > pubd + Duration::days(7) => y - 1,
        _ => y,
    }
}

/// The date of an event in sentence `sent` with trigger at byte `trigger`: the nearest date
/// expression in the sentence; else the publication date, marked approximate with a reason.
pub fn event_date(doc: &Document, dates: &[DateExpr], sent: Span, trigger: u32) -> DateValue {
    let best = dates
        .iter()
        .filter(|d| sent.contains(d.span) && d.value.value.is_some())
        .min_by_key(|d| (d.span.start as i64 - trigger as i64).abs());
    if let Some(d) = best {
        return d.value.clone();
    }
    match doc.meta.published {
        Some(p) => DateValue {
            value: Some(ymd(p)),
            granularity: Some(DateGranularity::Day),
            end: None,
            kind: DateKind::Approximate,
            reason: Some("no date in the sentence: publication date used".into()),
            evidence: None,
            rule: "date:publication-fallback".into(),
        },
        None => DateValue {
            value: None,
            granularity: None,
            end: None,
            kind: DateKind::Unresolved,
            reason: Some("no date in the sentence and no publication date".into()),
            evidence: None,
            rule: "date:none".into(),
        },
    }
}
