//! RSS 2.0 and Atom feeds: each `<item>` or `<entry>` becomes a document. Its text is the
//! title, a blank line, and the main text of the item's HTML (`content:encoded` or
//! `<content>`, else `<description>` or `<summary>`); the link is the URL, the item's date
//! (`pubDate`, `published`, `updated`, `dc:date`) the publication date (the run's default
//! when it has none), the channel's title the outlet.
//!
//! A feed that is not well-formed XML yields the items read before the error, then one error
//! naming the file and byte.

use chrono::{DateTime, NaiveDate};
use quick_xml::events::Event;
use quick_xml::Reader;
use sitrep_doc::Document;

use crate::text::Source;
use crate::{html, parse_date, IngestError, ReadOptions};

#[derive(Default)]
struct Item {
    title: String,
    link: Option<String>,
    id: Option<String>,
    content: String,
    summary: String,
    date: Option<String>,
}

/// The field an element's text fills.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Id,
    Content,
    Summary,
    Date,
    ChannelTitle,
}

fn field(name: &[u8], in_item: bool) -> Option<Field> {
    let n = String::from_utf8_lossy(name).to_ascii_lowercase();
    if !in_item {
        return (n == "title").then_some(Field::ChannelTitle);
    }
    Some(match n.as_str() {
        "title" => Field::Title,
        "link" => Field::Link,
        "guid" | "id" => Field::Id,
        "content:encoded" | "content" => Field::Content,
        "description" | "summary" => Field::Summary,
        "pubdate" | "published" | "updated" | "dc:date" => Field::Date,
        _ => return None,
    })
}

/// An RSS (RFC 2822) or Atom (RFC 3339) date, or a bare `YYYY-MM-DD`.
fn feed_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    DateTime::parse_from_rfc2822(s)
        .map(|d| d.date_naive())
        .ok()
        .or_else(|| parse_date(s).ok())
}

/// Reads every item of a feed.
pub(crate) fn read_feed(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, IngestError>> {
    let text = String::from_utf8_lossy(bytes);
    let mut reader = Reader::from_str(&text);
    reader.config_mut().trim_text(true);
    let mut out = Vec::new();
    let mut item: Option<Item> = None;
    let mut current: Option<Field> = None;
    let mut outlet: Option<String> = None;
    let mut n = 0usize;
    loop {
        let event = reader.read_event();
        match event {
            Ok(Event::Start(e)) => {
                let qname = e.name();
                let local = qname.as_ref();
                let lower = String::from_utf8_lossy(local).to_ascii_lowercase();
                if lower == "item" || lower == "entry" {
                    item = Some(Item::default());
                    current = None;
                } else {
                    current = field(local, item.is_some());
                    if current == Some(Field::Link) {
                        // Atom: <link href="..."> (with a body only in odd feeds)
                        if let (Some(it), Ok(Some(href))) =
                            (item.as_mut(), e.try_get_attribute("href"))
                        {
                            if it.link.is_none() {
                                it.link = href.unescape_value().ok().map(|v| v.into_owned());
                            }
                        }
                    }
                }
            }
            Ok(Event::Empty(e)) => {
                let qname = e.name();
                if qname.as_ref().eq_ignore_ascii_case(b"link") {
                    if let Some(it) = item.as_mut() {
                        let alternate = match e.try_get_attribute("rel") {
                            Ok(Some(r)) => r.value.as_ref() == b"alternate",
                            _ => true,
                        };
                        if let (true, Ok(Some(href))) = (alternate, e.try_get_attribute("href")) {
                            if it.link.is_none() {
                                it.link = href.unescape_value().ok().map(|v| v.into_owned());
                            }
                        }
                    }
                }
            }
            Ok(Event::Text(t)) => {
                let value = t
                    .unescape()
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(t.as_ref()).into_owned());
                fill(&mut item, &mut outlet, current, &value);
            }
            Ok(Event::CData(c)) => {
                let value = String::from_utf8_lossy(c.as_ref()).into_owned();
                fill(&mut item, &mut outlet, current, &value);
            }
            Ok(Event::End(e)) => {
                let qname = e.name();
                let lower = String::from_utf8_lossy(qname.as_ref()).to_ascii_lowercase();
                if lower == "item" || lower == "entry" {
                    if let Some(it) = item.take() {
                        n += 1;
                        out.push(document(name, n, it, outlet.as_deref(), opts));
                    }
                }
                current = None;
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                out.push(Err(IngestError::Malformed {
                    file: name.to_string(),
                    record: n + 1,
                    byte: reader.buffer_position(),
                    message: format!("not well-formed XML: {e}"),
                    id: format!("{}#{}", crate::stem(name), n + 1),
                }));
                break;
            }
            Ok(_) => {}
        }
    }
    if out.is_empty() {
        out.push(Err(IngestError::Empty {
            file: name.to_string(),
            line: None,
            id: crate::stem(name),
        }));
    }
    out
}

fn fill(item: &mut Option<Item>, outlet: &mut Option<String>, f: Option<Field>, v: &str) {
    let Some(f) = f else {
        return;
    };
    match (item.as_mut(), f) {
        (None, Field::ChannelTitle) if outlet.is_none() => *outlet = Some(v.trim().to_string()),
        (Some(it), Field::Title) => it.title.push_str(v),
        (Some(it), Field::Link) if it.link.is_none() => it.link = Some(v.trim().to_string()),
        (Some(it), Field::Id) => it.id = Some(v.trim().to_string()),
        (Some(it), Field::Content) => it.content.push_str(v),
        (Some(it), Field::Summary) => it.summary.push_str(v),
        (Some(it), Field::Date) if it.date.is_none() => it.date = Some(v.to_string()),
        _ => {}
    }
}

fn document(
    name: &str,
    n: usize,
    it: Item,
    outlet: Option<&str>,
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    let id = it
        .id
        .as_deref()
        .or(it.link.as_deref())
        .map(|s| {
            s.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or(s)
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("{}-{n}", crate::stem(name)));
    let src = Source { file: name, id };
    let body = if it.content.trim().is_empty() {
        &it.summary
    } else {
        &it.content
    };
    let page = html::extract(body);
    let title = collapse_ws(&it.title);
    let text = match (title.is_empty(), page.text.trim().is_empty()) {
        (_, true) if title.is_empty() => return Err(src.empty()),
        (true, _) => page.text,
        (false, true) => title.clone(),
        (false, false) => format!("{title}\n\n{}", page.text),
    };
    if text.len() > opts.max_bytes {
        return Err(src.too_large(text.len(), opts.max_bytes));
    }
    let meta = sitrep_doc::Metadata {
        title: (!title.is_empty()).then_some(title),
        outlet: outlet.map(str::to_string),
        url: it.link,
        published: it.date.as_deref().and_then(feed_date).or(opts.published),
        language: None,
    };
    Ok(Document::new(src.id, text, meta))
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Gulf Wire</title><link>https://gw.example</link>
<item><title>Militias agree to disarm</title><link>https://gw.example/a/militias</link>
<pubDate>Tue, 08 Apr 2025 09:30:00 +0000</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Armed groups said on Monday they would hand over weapons.</p><p>Subscribe to our newsletter</p>]]></content:encoded>
</item>
<item><title>Talks stall &amp; resume</title><guid>https://gw.example/b</guid>
<description>&lt;p&gt;Negotiators met again.&lt;/p&gt;</description></item>
</channel></rss>"#;

    const ATOM: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Levant Daily</title>
<entry><title>Strike hits depot</title><link rel="alternate" href="https://ld.example/strike"/>
<id>tag:ld.example,2025:strike</id><published>2025-03-04T08:00:00Z</published>
<content type="html">&lt;p&gt;A depot was struck by US forces.&lt;/p&gt;</content></entry></feed>"#;

    #[test]
    fn rss_items_become_documents_with_their_metadata() {
        let docs = read_feed("feed.rss", RSS.as_bytes(), &ReadOptions::default());
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert!(
            a.text()
                .starts_with("Militias agree to disarm\n\nArmed groups said on Monday"),
            "{}",
            a.text()
        );
        assert_eq!(a.meta.outlet.as_deref(), Some("Gulf Wire"));
        assert_eq!(a.meta.url.as_deref(), Some("https://gw.example/a/militias"));
        assert_eq!(a.meta.published, NaiveDate::from_ymd_opt(2025, 4, 8));
        assert_eq!(a.id(), "militias");
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.text(), "Talks stall & resume\n\nNegotiators met again.");
        assert_eq!(b.meta.published, None);
    }

    #[test]
    fn atom_entries_use_their_alternate_link_and_date() {
        let docs = read_feed("feed.atom", ATOM.as_bytes(), &ReadOptions::default());
        let d = docs[0].as_ref().unwrap();
        assert_eq!(
            d.text(),
            "Strike hits depot\n\nA depot was struck by US forces."
        );
        assert_eq!(d.meta.url.as_deref(), Some("https://ld.example/strike"));
        assert_eq!(d.meta.published, NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!(d.meta.outlet.as_deref(), Some("Levant Daily"));
    }

    #[test]
    fn broken_xml_keeps_the_items_before_the_error() {
        let broken = RSS.replace("</item>\n<item>", "</item>\n<item><title>x</wrong>");
        let docs = read_feed("feed.rss", broken.as_bytes(), &ReadOptions::default());
        assert!(docs[0].is_ok());
        let err = docs.last().unwrap().as_ref().unwrap_err();
        assert_eq!(err.kind(), "malformed");
        assert!(err.to_string().starts_with("feed.rss: record 2"), "{err}");
        let empty = read_feed(
            "e.rss",
            b"<rss><channel></channel></rss>",
            &ReadOptions::default(),
        );
        assert_eq!(empty[0].as_ref().unwrap_err().kind(), "empty");
    }
}
