//! HTML main-text extraction, written by hand: a forgiving tokenizer, an open-element stack,
//! and a paragraph builder. Linear in the input and never panics on broken markup.
//!
//! What is kept: text outside boilerplate, with block elements (`p`, `div`, `h1`..`h6`, `li`,
//! `br`, `article`, `section`, `blockquote`, `tr`, ...) turned into paragraph breaks (`"\n\n"`)
//! and whitespace (including no-break spaces) collapsed to single spaces inside paragraphs.
//! When the page has an `<article>` (or else a `<main>`), only its text is kept.
//!
//! What is dropped: the content of `script`, `style`, `noscript`, `template`, `svg`, `nav`,
//! `header` (except inside `<article>`/`<main>`, where it holds the headline), `footer`,
//! `aside`, `form`, `iframe`, `button` and a few more, and of elements whose `class` or `id`
//! has a word starting with `nav`, `menu`, `footer`, `sidebar`, `share`, `social`,
//! `newsletter`, `subscribe`, `related`, `comment`, `cookie` or `advert` (also `hidden`,
//! `aria-hidden="true"` and navigation roles). If that class-based pruning leaves no text at
//! all, the text without it is used instead.

use std::collections::HashMap;

use chrono::NaiveDate;
use sitrep_doc::{Document, Metadata};

use crate::charset::decode_html;
use crate::date::leading_date;
use crate::entities::decode_entities;
use crate::text::{check_binary, check_size, Source, BOM};
use crate::{IngestError, ReadOptions};

/// Reads an HTML page: decodes it (valid UTF-8 as UTF-8, other bytes by the declared
/// charset: see [`crate::charset`]; a wrong or unusable declaration is a warning on the
/// document), extracts the main text and metadata. The document text is the extracted text.
pub(crate) fn read_html(
    src: &Source,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    check_size(src, bytes, opts)?;
    check_binary(src, bytes)?;
    let (decoded, warning) = decode_html(bytes);
    let html = decoded.strip_prefix(BOM).unwrap_or(&decoded);
    let page = extract(html);
    if page.text.trim().is_empty() {
        return Err(src.empty());
    }
    let meta = Metadata {
        title: page.title,
        outlet: page.outlet,
        url: page.url,
        published: opts.published.or(page.published),
        language: page.language,
    };
    let mut doc = Document::new(src.id.clone(), page.text, meta);
    if let Some(w) = warning {
        doc.warn(format!("{}: {}: {w}", src.file, src.id));
    }
    Ok(doc)
}

/// The result of extracting a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Page {
    /// Main text: paragraphs separated by `"\n\n"`.
    pub text: String,
    /// `og:title`, else JSON-LD `headline`, else `<title>`.
    pub title: Option<String>,
    /// `og:site_name`, else JSON-LD `publisher.name`.
    pub outlet: Option<String>,
    /// `og:url`, else `<link rel="canonical">`.
    pub url: Option<String>,
    /// `article:published_time`, else `<meta name="date">` and kin, else JSON-LD
    /// `datePublished` (the date part only).
    pub published: Option<NaiveDate>,
    /// Primary subtag of `<html lang>`.
    pub language: Option<String>,
}

/// Elements whose content is never text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside",
    "form", "iframe", "button", "select", "dialog", "canvas", "object", "video", "audio",
];

/// `class`/`id` words that mark boilerplate.
const BOILERPLATE_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "sidebar",
    "share",
    "social",
    "newsletter",
    "subscribe",
    "related",
    "comment",
    "cookie",
    "advert",
];

/// Elements that end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "br"
            | "hr"
            | "article"
            | "section"
            | "blockquote"
            | "tr"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "pre"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "fieldset"
            | "legend"
            | "form"
            | "body"
            | "html"
            | "head"
    )
}

/// Elements that never have content or an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// Elements whose content is raw text up to the matching end tag.
const RAW_TAGS: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "noscript", "iframe", "noembed", "noframes",
];

/// One element on the open-element stack.
#[derive(Debug)]
struct Open {
    name: String,
    /// Inside an element dropped by its tag name.
    tag_skip: bool,
    /// Inside an element dropped by its tag name or attributes.
    skip: bool,
    /// Index of the outermost `<article>` this lies in.
    article: Option<u32>,
    /// Index of the outermost `<main>` this lies in.
    main: Option<u32>,
}

impl Open {
    /// The document root: nothing skipped, outside any article or main.
    fn root() -> Open {
        Open {
            name: String::new(),
            tag_skip: false,
            skip: false,
            article: None,
            main: None,
        }
    }
}

/// One paragraph of output and where it lay.
#[derive(Debug)]
struct Para {
    text: String,
    article: Option<u32>,
    main: Option<u32>,
}

/// Collects paragraphs, collapsing whitespace.
#[derive(Debug, Default)]
struct Paras {
    done: Vec<Para>,
    cur: String,
    space: bool,
}

impl Paras {
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else if c.is_control() || matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}') {
                continue;
            } else {
                if self.space && !self.cur.is_empty() {
                    self.cur.push(' ');
                }
                self.space = false;
                self.cur.push(c);
            }
        }
    }

    fn flush(&mut self, at: &Open) {
        self.space = false;
        if !self.cur.is_empty() {
            let text = std::mem::take(&mut self.cur);
            self.done.push(Para {
                text,
                article: at.article,
                main: at.main,
            });
        }
    }

    /// The main text: the `<article>` (the longest one, unless several share the text, as in
    /// a live blog), else the `<main>`, else everything.
    fn main_text(&self) -> String {
        let picks: [fn(&Para) -> Option<u32>; 2] = [|p| p.article, |p| p.main];
        for pick in picks {
            // Containers are numbered in order from 0, so a vector indexes them.
            let mut sizes: Vec<usize> = Vec::new();
            for p in &self.done {
                if let Some(k) = pick(p).and_then(|k| usize::try_from(k).ok()) {
                    if sizes.len() <= k {
                        sizes.resize(k + 1, 0);
                    }
                    sizes[k] += p.text.len();
                }
            }
            let total: usize = sizes.iter().sum();
            if total == 0 {
                continue;
            }
            let best = sizes.iter().enumerate().max_by_key(|(_, n)| **n);
            let only = best
                .filter(|(_, n)| **n * 2 > total)
                .and_then(|(k, _)| u32::try_from(k).ok());
            let chosen = self.done.iter().filter(|p| match (pick(p), only) {
                (Some(k), Some(o)) => k == o,
                (Some(_), None) => true,
                (None, _) => false,
            });
            return join(chosen);
        }
        join(self.done.iter())
    }
}

fn join<'a>(paras: impl Iterator<Item = &'a Para>) -> String {
    let mut out = String::new();
    for p in paras {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
    }
    out
}

/// Metadata candidates, first one seen wins within each field.
#[derive(Debug, Default)]
struct MetaFound {
    og_title: Option<String>,
    title_tag: Option<String>,
    ld_headline: Option<String>,
    site_name: Option<String>,
    ld_publisher: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    /// Published date candidates by rank: 0 `article:published_time`, 1 other meta, 2 JSON-LD.
    published: [Option<NaiveDate>; 3],
    language: Option<String>,
}

fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        let v = collapse(&decode_entities(value));
        if !v.is_empty() {
            *slot = Some(v);
        }
    }
}

fn set_date(slot: &mut Option<NaiveDate>, value: &str) {
    if slot.is_none() {
        *slot = leading_date(&decode_entities(value));
    }
}

/// Collapses whitespace runs to one space and trims.
fn collapse(s: &str) -> String {
    let mut p = Paras::default();
    p.push(s);
    p.cur
}

/// A parsed start tag.
struct Tag<'a> {
    name: String,
    attrs: Vec<(String, &'a str)>,
    self_closing: bool,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }

    /// Whether attributes mark this element as boilerplate.
    fn marks_boilerplate(&self) -> bool {
        if self.attr("hidden").is_some()
            || self
                .attr("aria-hidden")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        {
            return true;
        }
        if let Some(role) = self.attr("role") {
            let role = role.trim().to_ascii_lowercase();
            if matches!(
                role.as_str(),
                "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "menubar"
            ) {
                return true;
            }
        }
        ["class", "id"]
            .iter()
            .any(|a| self.attr(a).is_some_and(has_boilerplate_word))
    }
}

/// Class names that describe a state of their element (`has-sidebar`, `js-comments-open`)
/// rather than what it holds; page wrappers carry them.
const STATE_PREFIXES: &[&str] = &["has-", "with-", "no-", "is-", "show-", "js-"];

/// True when a word of a class or id token (split at non-alphanumerics and lower→upper case
/// changes) starts with a boilerplate keyword: `site-nav`, `navbar`, `mainMenu`, but not
/// `unavailable` or the state class `has-sidebar`.
fn has_boilerplate_word(v: &str) -> bool {
    v.split_ascii_whitespace().any(|token| {
        let b = token.as_bytes();
        let state = STATE_PREFIXES.iter().any(|p| {
            b.get(..p.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes()))
        });
        !state
            && (0..b.len()).any(|i| {
                let starts_word = i == 0
                    || !b[i - 1].is_ascii_alphanumeric()
                    || (b[i - 1].is_ascii_lowercase() && b[i].is_ascii_uppercase());
                starts_word
                    && BOILERPLATE_WORDS.iter().any(|w| {
                        b.get(i..i + w.len())
                            .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
                    })
            })
    })
}

/// Position of the first `needle` byte at or after `from`.
fn find_byte(b: &[u8], from: usize, needle: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == needle)
        .map(|p| from + p)
}

/// Position of the first `needle` at or after `from`.
fn find_str(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while let Some(p) = find_byte(b, i, first) {
        if b[p..].starts_with(needle) {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Parses the start tag whose name begins at `b[at]`; returns it and the position after it.
fn parse_start_tag(html: &str, at: usize) -> (Tag<'_>, usize) {
    let b = html.as_bytes();
    let mut j = at;
    while j < b.len() && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    let name = html[at..j].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut slash = false;
    loop {
        while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
            slash = b[j] == b'/';
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        if b[j] == b'>' {
            j += 1;
            break;
        }
        slash = false;
        let start = j;
        j += 1; // a name has at least one byte, even `=`
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let attr_name = html[start..j].to_ascii_lowercase();
        let mut k = j;
        while k < b.len() && is_space(b[k]) {
            k += 1;
        }
        let mut value = "";
        if k < b.len() && b[k] == b'=' {
            k += 1;
            while k < b.len() && is_space(b[k]) {
                k += 1;
            }
            if k < b.len() && (b[k] == b'"' || b[k] == b'\'') {
                let end = find_byte(b, k + 1, b[k]).unwrap_or(b.len());
                value = &html[k + 1..end];
                j = (end + 1).min(b.len());
            } else {
                let start = k;
                while k < b.len() && !is_space(b[k]) && b[k] != b'>' {
                    k += 1;
                }
                value = &html[start..k];
                j = k;
            }
        }
        attrs.push((attr_name, value));
    }
    (
        Tag {
            name,
            attrs,
            self_closing: slash,
        },
        j,
    )
}

/// Extracts the main text and metadata of a page.
pub(crate) fn extract(html: &str) -> Page {
    Extractor::new(html).run()
}

struct Extractor<'h> {
    html: &'h str,
    stack: Vec<Open>,
    open_count: HashMap<String, usize>,
    /// Text after class-based pruning.
    strict: Paras,
    /// Text with only tag-based pruning: the fallback.
    lenient: Paras,
    meta: MetaFound,
    next_article: u32,
    next_main: u32,
    /// Per raw-text tag, a position after which its end tag is known to be absent.
    no_end_after: [Option<usize>; RAW_TAGS.len()],
}

impl<'h> Extractor<'h> {
    fn new(html: &'h str) -> Self {
        let root = Open::root();
        Extractor {
            html,
            stack: vec![root],
            open_count: HashMap::new(),
            strict: Paras::default(),
            lenient: Paras::default(),
            meta: MetaFound::default(),
            next_article: 0,
            next_main: 0,
            no_end_after: [None; RAW_TAGS.len()],
        }
    }

    fn top(&self) -> &Open {
        // The root entry is never popped.
        &self.stack[self.stack.len() - 1]
    }

    fn run(mut self) -> Page {
        let b = self.html.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let Some(lt) = find_byte(b, i, b'<') else {
                self.text(&self.html[i..]);
                break;
            };
            if lt > i {
                self.text(&self.html[i..lt]);
            }
            i = self.markup(lt);
        }
        self.finish()
    }

    fn text(&mut self, s: &str) {
        let (tag_skip, skip) = (self.top().tag_skip, self.top().skip);
        if tag_skip {
            return;
        }
        let s = decode_entities(s);
        self.lenient.push(&s);
        if !skip {
            self.strict.push(&s);
        }
    }

    fn flush(&mut self) {
        let top = &self.stack[self.stack.len() - 1];
        self.strict.flush(top);
        self.lenient.flush(top);
    }

    /// Separates words without ending the paragraph (table cells).
    fn soft_break(&mut self) {
        self.strict.space = true;
        self.lenient.space = true;
    }

    /// Handles the markup at `b[lt] == b'<'`; returns where text resumes.
    fn markup(&mut self, lt: usize) -> usize {
        let b = self.html.as_bytes();
        let len = b.len();
        let skip_to_gt = |from: usize| find_byte(b, from, b'>').map_or(len, |p| p + 1);
        match b.get(lt + 1) {
            Some(b'!') if b[lt..].starts_with(b"<!--") => {
                find_str(b, lt + 4, b"-->").map_or(len, |p| p + 3)
            }
            Some(b'!' | b'?') => skip_to_gt(lt + 2),
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let mut j = lt + 2;
                    while j < len && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
                        j += 1;
                    }
                    let name = self.html[lt + 2..j].to_ascii_lowercase();
                    self.end_tag(&name);
                    skip_to_gt(j)
                }
                _ => skip_to_gt(lt + 2),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, after) = parse_start_tag(self.html, lt + 1);
                self.start_tag(&tag, after)
            }
            _ => {
                self.text("<");
                lt + 1
            }
        }
    }

    fn start_tag(&mut self, tag: &Tag<'h>, after: usize) -> usize {
        let name = tag.name.as_str();
        if let Some(r) = RAW_TAGS.iter().position(|t| *t == name) {
            return self.raw_element(r, tag, after);
        }
        match name {
            "meta" => self.meta_tag(tag),
            "link" => {
                let rel = tag.attr("rel").unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    set_once(&mut self.meta.canonical, tag.attr("href").unwrap_or(""));
                }
            }
            "html" => {
                if let Some(lang) = tag.attr("lang") {
                    let primary = lang.trim().split(['-', '_']).next().unwrap_or("");
                    if (2..=3).contains(&primary.len())
                        && primary.bytes().all(|c| c.is_ascii_alphabetic())
                    {
                        self.meta
                            .language
                            .get_or_insert(primary.to_ascii_lowercase());
                    }
                }
            }
            _ => {}
        }
        if is_block(name) {
            self.flush();
        } else if matches!(name, "td" | "th") {
            self.soft_break();
        }
        if is_void(name) || tag.self_closing {
            return after;
        }
        let parent = self.top();
        let in_content = parent.article.is_some() || parent.main.is_some();
        let by_tag = SKIP_TAGS.contains(&name) && !(name == "header" && in_content);
        let exempt = matches!(name, "html" | "body" | "article" | "main");
        let by_attr = !exempt && tag.marks_boilerplate();
        let mut open = Open {
            name: tag.name.clone(),
            tag_skip: parent.tag_skip || by_tag,
            skip: parent.skip || by_tag || by_attr,
            article: parent.article,
            main: parent.main,
        };
        if name == "article" && open.article.is_none() {
            open.article = Some(self.next_article);
            self.next_article += 1;
        }
        let is_main = name == "main" || tag.attr("role").is_some_and(|r| r.trim() == "main");
        if is_main && open.main.is_none() {
            open.main = Some(self.next_main);
            self.next_main += 1;
        }
        *self.open_count.entry(tag.name.clone()).or_insert(0) += 1;
        self.stack.push(open);
        after
    }

    fn end_tag(&mut self, name: &str) {
        if name == "br" {
            self.flush();
            return;
        }
        if is_block(name) {
            self.flush();
        } else if matches!(name, "td" | "th") {
            self.soft_break();
        }
        if self.open_count.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while self.stack.len() > 1 {
            let top_name = self.top().name.clone();
            if is_block(&top_name) || self.top().article.is_some() || self.top().main.is_some() {
                self.flush();
            }
            self.stack.pop();
            if let Some(n) = self.open_count.get_mut(&top_name) {
                *n = n.saturating_sub(1);
            }
            if top_name == name {
                break;
            }
        }
    }

    /// Skips a raw-text element (`script`, `style`, `title`, ...), keeping what metadata
    /// needs. Returns where parsing resumes.
    fn raw_element(&mut self, r: usize, tag: &Tag<'h>, after: usize) -> usize {
        let b = self.html.as_bytes();
        let name = RAW_TAGS[r].as_bytes();
        let known_absent = self.no_end_after[r].is_some_and(|p| p <= after);
        let mut end = None;
        if !known_absent {
            let mut from = after;
            while let Some(p) = find_str(b, from, b"</") {
                let n = p + 2;
                let matches = b
                    .get(n..n + name.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(name))
                    && b.get(n + name.len())
                        .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>');
                if matches {
                    end = Some(p);
                    break;
                }
                from = p + 2;
            }
            if end.is_none() {
                self.no_end_after[r] = Some(after);
            }
        }
        let Some(end) = end else {
            // Unclosed: scripts and styles run to the end, as in a browser; anything else
            // only to the next tag, so one stray tag cannot swallow the page.
            return if matches!(RAW_TAGS[r], "script" | "style") {
                b.len()
            } else {
                find_byte(b, after, b'<').unwrap_or(b.len())
            };
        };
        let content = &self.html[after..end];
        let resume = find_byte(b, end, b'>').map_or(b.len(), |p| p + 1);
        if self.top().tag_skip {
            return resume;
        }
        match RAW_TAGS[r] {
            "title" => set_once(&mut self.meta.title_tag, content),
            "script" => {
                let ty = tag.attr("type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") {
                    self.json_ld(content);
                }
            }
            _ => {}
        }
        resume
    }

    fn meta_tag(&mut self, tag: &Tag<'h>) {
        if self.top().tag_skip {
            return;
        }
        let Some(content) = tag.attr("content") else {
            return;
        };
        for key_attr in ["property", "name", "itemprop"] {
            let Some(key) = tag.attr(key_attr) else {
                continue;
            };
            let m = &mut self.meta;
            match key.trim().to_ascii_lowercase().as_str() {
                "og:title" => set_once(&mut m.og_title, content),
                "og:site_name" => set_once(&mut m.site_name, content),
                "og:url" => set_once(&mut m.og_url, content),
                "article:published_time" => set_date(&mut m.published[0], content),
                "date" | "pubdate" | "publishdate" | "publish-date" | "publication_date"
                | "datepublished" | "dc.date" | "dc.date.issued" | "dcterms.date"
                | "dcterms.issued" | "article.published" | "sailthru.date" | "parsely-pub-date" => {
                    set_date(&mut m.published[1], content)
                }
                _ => {}
            }
        }
    }

    fn json_ld(&mut self, content: &str) {
        match serde_json::from_str::<serde_json::Value>(content) {
            Ok(v) => {
                let mut todo = vec![&v];
                while let Some(v) = todo.pop() {
                    match v {
                        serde_json::Value::Array(items) => todo.extend(items.iter().rev()),
                        serde_json::Value::Object(map) => {
                            let m = &mut self.meta;
                            if let Some(s) = map.get("datePublished").and_then(|d| d.as_str()) {
                                set_date(&mut m.published[2], s);
                            }
                            if let Some(s) = map.get("headline").and_then(|d| d.as_str()) {
                                set_once(&mut m.ld_headline, s);
                            }
                            let publisher = match map.get("publisher") {
                                Some(serde_json::Value::Array(a)) => a.first(),
                                p => p,
                            };
                            if let Some(s) = publisher
                                .and_then(|p| p.get("name"))
                                .and_then(|n| n.as_str())
                            {
                                set_once(&mut m.ld_publisher, s);
                            }
                            todo.extend(map.values().rev());
                        }
                        _ => {}
                    }
                }
            }
            // Hand-written JSON-LD is often slightly broken: look for the date alone.
            Err(_) => {
                if let Some(d) = loose_json_string(content, "\"datePublished\"") {
                    set_date(&mut self.meta.published[2], d);
                }
            }
        }
    }

    fn finish(mut self) -> Page {
        let root = Open::root();
        // Close what is still open so its text keeps its article/main.
        while self.stack.len() > 1 {
            self.flush();
            self.stack.pop();
        }
        self.strict.flush(&root);
        self.lenient.flush(&root);
        let mut text = self.strict.main_text();
        if text.trim().is_empty() {
            text = self.lenient.main_text();
        }
        let m = self.meta;
        Page {
            text,
            title: m.og_title.or(m.ld_headline).or(m.title_tag),
            outlet: m.site_name.or(m.ld_publisher),
            url: m.og_url.or(m.canonical),
            published: m.published.iter().flatten().next().copied(),
            language: m.language,
        }
    }
}

/// The string value after `key` in text that is not valid JSON: `"key" : "value"`.
fn loose_json_string<'a>(s: &'a str, key: &str) -> Option<&'a str> {
    let at = s.find(key)? + key.len();
    let rest = s[at..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    rest.find('"').map(|end| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html).text
    }

    #[test]
    fn paragraphs_and_whitespace() {
        let t = text("<p>Rebels   attacked\n the <b>town</b>.</p><p>Troops<br>withdrew.</p>");
        assert_eq!(t, "Rebels attacked the town.\n\nTroops\n\nwithdrew.");
        assert_eq!(text("<div>a<div>b</div>c</div>"), "a\n\nb\n\nc");
        assert_eq!(text("<ul><li>one<li>two</ul>"), "one\n\ntwo");
        assert_eq!(text("plain text only"), "plain text only");
        assert_eq!(text("<span>in</span><span>line</span>"), "inline");
        assert_eq!(
            text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a b\n\nc"
        );
    }

    #[test]
    fn boilerplate_elements_are_dropped() {
        let html = "<html><body><nav><a>Home</a> <a>World</a></nav>\
            <script>var x = '<p>no</p>';</script><style>p{}</style>\
            <p>Body text.</p><aside>Read more</aside>\
            <footer>Copyright</footer><form><button>Go</button></form></body></html>";
        assert_eq!(text(html), "Body text.");
    }

    #[test]
    fn boilerplate_classes_are_dropped() {
        let html = "<div class=\"site-nav\">Menu</div><div id=\"mainMenu\">x</div>\
            <p>Keep this.</p><div class='social-share'>Share</div>\
            <div class=\"related-articles\">Other story</div><section id=comments>c</section>\
            <div class=\"cookie-banner\">We use cookies</div><div hidden>h</div>\
            <div class=\"unavailable\">Also kept.</div>";
        assert_eq!(text(html), "Keep this.\n\nAlso kept.");
    }

    #[test]
    fn boilerplate_words_match_word_starts_only() {
        for yes in [
            "nav",
            "site-nav",
            "navbar",
            "mainMenu",
            "social_links",
            "x comments y",
        ] {
            assert!(has_boilerplate_word(yes), "{yes}");
        }
        for no in [
            "unavailable",
            "canvas",
            "has-sidebar",
            "js-comments-open",
            "story",
            "",
        ] {
            assert!(!has_boilerplate_word(no), "{no}");
        }
    }

    #[test]
    fn class_pruning_falls_back_when_it_removes_everything() {
        let html = "<div class=\"comments-enabled\"><p>The only text.</p></div>";
        assert_eq!(text(html), "The only text.");
    }

    #[test]
    fn entities_are_decoded() {
        let t = text("<p>Iran&rsquo;s &ldquo;axis&rdquo; &mdash; Tom&nbsp;&amp;&nbsp;Jerry &#8211; &#x41;</p>");
        assert_eq!(t, "Iran’s “axis” — Tom & Jerry – A");
    }

    #[test]
    fn article_is_preferred() {
        let html = "<body><div>Trending: celebrity news</div>\
            <article><header><h1>Militias agree to disarm</h1></header>\
            <p>First paragraph.</p><footer>Tags: Iraq</footer></article>\
            <div>More trending</div></body>";
        assert_eq!(text(html), "Militias agree to disarm\n\nFirst paragraph.");
        let html = "<div>Outside</div><main><p>Inside main.</p></main>";
        assert_eq!(text(html), "Inside main.");
    }

    #[test]
    fn longest_article_wins_unless_text_is_spread_out() {
        let html = "<article><p>Short teaser.</p></article>\
            <article><p>The real story is a much longer piece of text than the teaser.</p></article>";
        assert_eq!(
            text(html),
            "The real story is a much longer piece of text than the teaser."
        );
        let html = "<article><p>Update one.</p></article><article><p>Update two.</p></article>\
            <article><p>Update six.</p></article>";
        assert_eq!(text(html), "Update one.\n\nUpdate two.\n\nUpdate six.");
    }

    #[test]
    fn metadata_from_open_graph() {
        let html = r#"<html lang="en-US"><head><title>Militias disarm | The Paper</title>
            <meta property="og:title" content="Militias &amp; the state">
            <meta property="og:site_name" content="The National">
            <meta property="og:url" content="https://example.com/a">
            <link rel="canonical" href="https://example.com/b">
            <meta property="article:published_time" content="2025-04-08T10:00:00+04:00">
            </head><body><p>Text.</p></body></html>"#;
        let p = extract(html);
        assert_eq!(p.title.as_deref(), Some("Militias & the state"));
        assert_eq!(p.outlet.as_deref(), Some("The National"));
        assert_eq!(p.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2025-04-08")
        );
        assert_eq!(p.language.as_deref(), Some("en"));
        assert_eq!(p.text, "Text.");
    }

    #[test]
    fn metadata_fallbacks() {
        let html = r#"<head><title> Plain
            title </title><link rel="canonical" href="https://x.org/c">
            <meta name="date" content="2024-12-01"></head><p>Text.</p>"#;
        let p = extract(html);
        assert_eq!(p.title.as_deref(), Some("Plain title"));
        assert_eq!(p.url.as_deref(), Some("https://x.org/c"));
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2024-12-01")
        );
        assert_eq!(p.outlet, None);
    }

    #[test]
    fn metadata_from_json_ld() {
        let html = r#"<script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
             {"@type":"NewsArticle","headline":"Ceasefire holds","datePublished":"2025-03-02T08:00:00Z",
              "publisher":{"@type":"Organization","name":"Wire Service"}}]}
            </script><p>Text.</p>"#;
        let p = extract(html);
        assert_eq!(
            p.published.map(|d| d.to_string()).as_deref(),
            Some("2025-03-02")
        );
        assert_eq!(p.title.as_deref(), Some("Ceasefire holds"));
        assert_eq!(p.outlet.as_deref(), Some("Wire Service"));
        assert_eq!(p.text, "Text.");
        // Broken JSON still yields the date.
        let html = r#"<script type="application/ld+json">{"datePublished" : "2025-01-05",}</script><p>x</p>"#;
        assert_eq!(
            extract(html).published.map(|d| d.to_string()).as_deref(),
            Some("2025-01-05")
        );
    }

    #[test]
    fn meta_date_outranks_json_ld() {
        let html = r#"<script type="application/ld+json">{"datePublished":"2025-01-01"}</script>
            <meta property="article:published_time" content="2025-02-02"><p>x</p>"#;
        assert_eq!(
            extract(html).published.map(|d| d.to_string()).as_deref(),
            Some("2025-02-02")
        );
    }

    #[test]
    fn svg_title_is_not_the_page_title() {
        let p = extract("<svg><title>icon</title></svg><title>Real</title><p>x</p>");
        assert_eq!(p.title.as_deref(), Some("Real"));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        let cases = [
            "<",
            "<<",
            "</",
            "</>",
            "<!",
            "<!--",
            "<!-- x",
            "<?",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"",
            "<p class='x",
            "</p></p></div>",
            "<p>a<b>b</p>c</b>",
            "a < b > c",
            "<script>never closed",
            "<title>never closed",
            "<style",
            "&",
            "&#",
            "&#x",
            "&#xZZ;",
            "<div/><p/>x",
            "<<p>>x",
            "<p =x>y",
            "<é>x</é>",
            "<p>\u{0}</p>",
            "<!DOCTYPE html",
            "<svg/>after",
            "</script>",
            "<br/>",
            "<p>x</br>y",
        ];
        for c in cases {
            let p = extract(c);
            assert!(!p.text.contains('\u{0}'), "{c:?}");
        }
        assert_eq!(text("a < b > c"), "a < b > c");
        assert_eq!(text("<title>never closed<p>kept</p>"), "kept");
        assert_eq!(text("<svg/>after"), "after");
        assert_eq!(text("<p>a<b>b</p>c</b>"), "ab\n\nc");
        assert_eq!(text("<!-- comment <p>x</p> --><p>y</p>"), "y");
    }

    #[test]
    fn deep_and_unbalanced_nesting_is_linear_and_safe() {
        let n = 50_000;
        let mut html = "<div>".repeat(n);
        html.push_str("deep");
        html.push_str(&"</span>".repeat(n));
        html.push_str(&"<title>".repeat(n));
        let start = std::time::Instant::now();
        assert_eq!(text(&html), "deep");
        assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    }

    #[test]
    fn read_html_decodes_windows_1252_and_sets_metadata() {
        let src = Source {
            file: "page.html",
            id: "page".into(),
        };
        let opts = ReadOptions::default();
        let doc = read_html(&src, b"<p>caf\xe9 \x93quoted\x94</p>", &opts).unwrap();
        assert_eq!(doc.text(), "café “quoted”");
        assert_eq!(
            doc.warnings(),
            [
                "page.html: page: declares no charset and is not valid UTF-8 (first at byte 6): \
              bytes that are not UTF-8 read as windows-1252"
            ]
        );
        // A page declared Windows-1252 that is really UTF-8 reads as UTF-8, with a warning.
        let page = "<meta charset=windows-1252><p>Iran’s café</p>";
        let doc = read_html(&src, page.as_bytes(), &opts).unwrap();
        assert_eq!(doc.text(), "Iran’s café");
        assert_eq!(doc.warnings().len(), 1, "{:?}", doc.warnings());
        // One that really is Windows-1252 reads by its declaration, with nothing to report.
        let doc = read_html(&src, b"<meta charset=windows-1252><p>caf\xe9</p>", &opts).unwrap();
        assert_eq!(doc.text(), "café");
        assert!(doc.warnings().is_empty());
        // One stray byte does not garble the rest of a UTF-8 page.
        let doc = read_html(
            &src,
            &["<p>Iran’s ".as_bytes(), b"\x96", " café</p>".as_bytes()].concat(),
            &opts,
        )
        .unwrap();
        assert_eq!(doc.text(), "Iran’s – café");
        let doc = read_html(&src, "\u{feff}<p>x</p>".as_bytes(), &opts).unwrap();
        assert_eq!(doc.text(), "x");
        let e = read_html(&src, b"<html><nav>only nav</nav></html>", &opts).unwrap_err();
        assert_eq!(e.kind(), "empty");
        let date = NaiveDate::from_ymd_opt(2020, 1, 2);
        let opts = ReadOptions {
            published: date,
            ..ReadOptions::default()
        };
        let html = b"<meta name=date content=2025-04-08><p>x</p>";
        assert_eq!(read_html(&src, html, &opts).unwrap().meta.published, date);
    }
}
