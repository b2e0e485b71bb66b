//! The human view: one line per event.

use std::fmt::Write;

use sitrep_doc::{Output, RoleFiller};

fn names(r: &[RoleFiller]) -> String {
    if r.is_empty() {
        return "-".into();
    }
    r.iter()
        .map(|f| match (&f.code, &f.sector) {
            (Some(c), Some(s)) => format!("{} [{c} {s}]", f.text),
            (Some(c), None) => format!("{} [{c}]", f.text),
            _ => f.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders an article's events as a table.
pub fn render(o: &Output) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} — {} events, {} actors, {} relations (published {})",
        o.id,
        o.events.len(),
        o.actors.len(),
        o.relations.len(),
        o.published.as_deref().unwrap_or("unknown")
    );
    for e in &o.events {
        let mode = e
            .mode
            .as_deref()
            .map(|m| format!("/{m}"))
            .unwrap_or_default();
        let date = e
            .date
            .as_ref()
            .and_then(|d| {
                d.value.clone().map(|v| {
                    if d.kind == sitrep_doc::DateKind::Exact {
                        v
                    } else {
                        format!("{v}~")
                    }
                })
            })
            .unwrap_or_else(|| "?".into());
        let place = e
            .location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_else(|| "-".into());
        let attrib = e
            .attribution
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let trigger = o
            .text
            .get(e.evidence.trigger.start as usize..e.evidence.trigger.end as usize)
            .unwrap_or("");
        let sentence = o
            .text
            .get(e.evidence.start as usize..e.evidence.end as usize)
            .unwrap_or("");
        let sentence: String = sentence.chars().take(110).collect();
        let _ = writeln!(
            s,
            "{:<9} {:<22} {} -> {} | {} | {} | {}{}\n          \"{}\" (trigger: {})",
            e.etype.as_str(),
            format!("{}{}", e.cameo.as_deref().unwrap_or(""), mode),
            names(&e.source),
            names(&e.recipient),
            date,
            place,
            e.factuality.as_str(),
            if attrib.is_empty() {
                String::new()
            } else {
                format!(" | per {attrib}")
            },
            sentence.replace('\n', " "),
            trigger
        );
    }
    if !o.relations.is_empty() {
        let _ = writeln!(s, "relations:");
        for r in &o.relations {
            let tail = r
                .tail
                .clone()
                .or_else(|| {
                    r.office
                        .clone()
                        .map(|of| format!("{of} of {}", r.of.as_deref().unwrap_or("?")))
                })
                .unwrap_or_default();
            let _ = writeln!(s, "  {} {:?} {}", r.head, r.rtype, tail);
        }
    }
    s
}
