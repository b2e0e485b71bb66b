//! Integration tests for sitrep-ingest: robustness properties over arbitrary input, size
//! limits on huge input, and reading files from disk.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use sitrep_ingest::{read_document, read_jsonl, read_path, InputFormat, ReadOptions};

/// Extracted HTML text is tidy: paragraphs separated by exactly one blank line, no padding,
/// no runs of spaces.
fn assert_tidy(text: &str) {
    assert!(!text.is_empty());
    for para in text.split("\n\n") {
        assert!(!para.is_empty(), "empty paragraph in {text:?}");
        assert_eq!(para.trim(), para, "padded paragraph in {text:?}");
        assert!(
            !para.contains("  ") && !para.contains('\n'),
            "uncollapsed space in {text:?}"
        );
    }
}

fn html_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"share\">".to_string()),
        Just("</div>".to_string()),
        Just("<article>".to_string()),
        Just("</article>".to_string()),
        Just("<nav>".to_string()),
        Just("</nav>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<title>".to_string()),
        Just("<br/>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("&amp;".to_string()),
        Just("&#x2019;".to_string()),
        Just("<meta property=\"og:title\" content=\"".to_string()),
        Just("<script type=\"application/ld+json\">{\"datePublished\":\"".to_string()),
        "[a-zé<>/=\"' &#;!\n\t-]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_never_panics_and_keeps_valid_text(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(doc) = read_document("p.txt", &bytes, InputFormat::Text, &ReadOptions::default()) {
            prop_assert!(doc.validate().is_ok());
            let given = std::str::from_utf8(&bytes).unwrap();
            prop_assert_eq!(doc.text(), given.strip_prefix('\u{feff}').unwrap_or(given));
        }
    }

    #[test]
    fn text_round_trips_utf8(s in "\\PC{0,200}") {
        match read_document("p.txt", s.as_bytes(), InputFormat::Text, &ReadOptions::default()) {
            Ok(doc) => prop_assert_eq!(doc.text(), s.strip_prefix('\u{feff}').unwrap_or(&s)),
            Err(e) => prop_assert!(matches!(e.kind(), "empty" | "binary"), "{}", e),
        }
    }

    #[test]
    fn html_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(doc) = read_document("p.html", &bytes, InputFormat::Html, &ReadOptions::default()) {
            prop_assert!(doc.validate().is_ok());
            assert_tidy(doc.text());
        }
    }

    #[test]
    fn html_never_panics_on_tag_soup(html in html_soup()) {
        match read_document("p.html", html.as_bytes(), InputFormat::Html, &ReadOptions::default()) {
            Ok(doc) => {
                prop_assert!(doc.validate().is_ok());
                assert_tidy(doc.text());
            }
            Err(e) => prop_assert!(matches!(e.kind(), "empty" | "binary"), "{}", e),
        }
    }

    #[test]
    fn jsonl_never_panics_and_errors_name_their_line(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let lines = bytes.split(|&b| b == b'\n').count();
        for item in read_jsonl("p.jsonl", &bytes[..], &ReadOptions::default()) {
            match item {
                Ok(doc) => prop_assert!(doc.validate().is_ok()),
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(msg.starts_with("p.jsonl"), "{}", msg);
                    prop_assert!(!msg.contains('\n'), "{}", msg);
                    prop_assert!(e.id().starts_with("p:") || e.kind() == "missing-text" || e.kind() == "bad-date" || e.kind() == "empty" || e.kind() == "too-large");
                }
            }
        }
        prop_assert!(lines >= 1);
    }

    #[test]
    fn jsonl_reads_every_well_formed_record(texts in prop::collection::vec("[a-zA-Z .\"\\\\\n’]{1,40}", 1..20)) {
        let mut input = String::new();
        for (i, t) in texts.iter().enumerate() {
            let rec = serde_json::json!({ "id": format!("d{i}"), "text": t });
            input.push_str(&rec.to_string());
            input.push('\n');
        }
        let items: Vec<_> = read_jsonl("p.jsonl", input.as_bytes(), &ReadOptions::default()).collect();
        prop_assert_eq!(items.len(), texts.len());
        for (i, (item, t)) in items.iter().zip(&texts).enumerate() {
            match item {
                Ok(doc) => {
                    prop_assert_eq!(doc.id(), format!("d{i}"));
                    prop_assert_eq!(doc.text(), t.as_str());
                }
                Err(e) => prop_assert_eq!(e.kind(), "empty", "{}", e),
            }
        }
    }
}

const FIFTY_MB: usize = 50 * 1024 * 1024;

#[test]
fn fifty_megabytes_is_too_large_quickly() {
    let big = vec![b'a'; FIFTY_MB];
    let opts = ReadOptions::default();
    let start = Instant::now();
    for format in [InputFormat::Text, InputFormat::Html] {
        let e = read_document("big.txt", &big, format, &opts).unwrap_err();
        assert_eq!(e.kind(), "too-large");
        assert_eq!(
            e.to_string(),
            format!("big.txt: input too large: {FIFTY_MB} bytes (limit 8388608)")
        );
    }
    assert!(
        start.elapsed() < Duration::from_millis(100),
        "took {:?}",
        start.elapsed()
    );

    // A huge JSON Lines record is skipped without being kept; the next one is read.
    let mut lines = big;
    lines.extend_from_slice(b"\n{\"text\":\"after\"}\n");
    let start = Instant::now();
    let items: Vec<_> = read_jsonl("big.jsonl", &lines[..], &opts).collect();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap_err().kind(), "too-large");
    assert_eq!(items[1].as_ref().unwrap().text(), "after");
}

/// A file in the temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!("sitrep-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn large_files_are_rejected_before_reading() {
    let file = TempFile::new("huge.txt", &vec![b'a'; FIFTY_MB]);
    let start = Instant::now();
    let items = read_path(&file.0, InputFormat::Text, &ReadOptions::default());
    assert!(
        start.elapsed() < Duration::from_millis(500),
        "took {:?}",
        start.elapsed()
    );
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.kind(), "too-large");
    assert_eq!(e.id(), "huge");
}

#[test]
fn files_in_each_format() {
    let opts = ReadOptions::default();
    let txt = TempFile::new("note.txt", b"Rebels attacked the town.\r\n");
    let items = read_path(&txt.0, InputFormat::Text, &opts);
    assert_eq!(
        items[0].as_ref().unwrap().text(),
        "Rebels attacked the town.\r\n"
    );
    assert_eq!(items[0].as_ref().unwrap().id(), "note");

    let page = TempFile::new("page.html", b"<nav>x</nav><p>Troops withdrew.</p>");
    let items = read_path(&page.0, InputFormat::Html, &opts);
    assert_eq!(items[0].as_ref().unwrap().text(), "Troops withdrew.");

    let feed = TempFile::new(
        "feed.jsonl",
        b"{\"text\":\"a\"}\nnot json\n{\"text\":\"c\"}\n",
    );
    let items = read_path(&feed.0, InputFormat::Jsonl, &opts);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().id(), "feed:1");
    let e = items[1].as_ref().unwrap_err();
    assert!(
        e.to_string().contains("feed.jsonl:2: bad JSON at column 1"),
        "{e}"
    );
    assert_eq!(e.id(), "feed:2");
    assert_eq!(items[2].as_ref().unwrap().text(), "c");
}

#[test]
fn the_shared_sample_reads_unchanged() {
    let path = Path::new("/work/shared/samples/militias-disarm.txt");
    if !path.exists() {
        eprintln!("skipping: {} is absent", path.display());
        return;
    }
    let items = read_path(path, InputFormat::Text, &ReadOptions::default());
    let doc = items[0].as_ref().unwrap();
    assert_eq!(doc.id(), "militias-disarm");
    let raw = std::fs::read_to_string(path).unwrap();
    assert_eq!(doc.text(), raw.strip_prefix('\u{feff}').unwrap_or(&raw));
    assert!(doc.validate().is_ok());
}

/// A page laid out like a typical news site: everything around the story is dropped.
#[test]
fn a_news_page_yields_its_story() {
    let page = r#"<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Port reopens after strike ends | Coastal Herald</title>
<meta property="og:title" content="Port reopens after strike ends">
<meta property="og:site_name" content="Coastal Herald">
<link rel="canonical" href="https://herald.example/port-reopens">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-11-03T06:15:00+01:00"}</script>
<style>.x{color:red}</style>
</head>
<body class="article-page has-sidebar">
<div class="cookie-consent">We use cookies. <button>Accept</button></div>
<header class="masthead"><a href="/">Coastal Herald</a><nav><ul><li>News</li><li>Sport</li></ul></nav></header>
<div id="page" class="layout with-sidebar">
<main>
<article>
<header><h1>Port reopens after strike ends</h1><p class="byline">By A. Reporter</p></header>
<div class="share-tools"><a>Facebook</a><a>X</a></div>
<p>Dock workers returned on Sunday after a  three-week strike&nbsp;over pay, the union said.</p>
<figure><img src="a.jpg" alt="Cranes"><figcaption>Cranes at the harbour.</figcaption></figure>
<p>Shipping agents said the backlog would take &ldquo;several days&rdquo; to clear.</p>
<div class="newsletter-signup">Get the morning briefing</div>
<p>Talks will resume in January.</p>
<footer><ul class="tags"><li>Labour</li></ul></footer>
</article>
<section class="related-stories"><article><h2>Ferry fares rise</h2></article></section>
<div id="comments"><p>First!</p></div>
</main>
<aside class="sidebar"><h3>Most read</h3><ol><li>Story one</li></ol></aside>
</div>
<footer><p>&copy; Coastal Herald</p></footer>
<script>window.dataLayer=[];if(a<b){}</script>
</body></html>"#;
    let doc = read_document(
        "port.html",
        page.as_bytes(),
        InputFormat::Html,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        doc.text(),
        "Port reopens after strike ends\n\nBy A. Reporter\n\n\
         Dock workers returned on Sunday after a three-week strike over pay, the union said.\n\n\
         Cranes at the harbour.\n\n\
         Shipping agents said the backlog would take “several days” to clear.\n\n\
         Talks will resume in January."
    );
    assert_eq!(doc.id(), "port");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Port reopens after strike ends")
    );
    assert_eq!(doc.meta.outlet.as_deref(), Some("Coastal Herald"));
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://herald.example/port-reopens")
    );
    assert_eq!(
        doc.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2024-11-03")
    );
    assert_eq!(doc.meta.language.as_deref(), Some("en"));
    assert!(doc.validate().is_ok());
}

/// Extraction is linear: a page at the size limit, and adversarial markup, finish quickly.
#[test]
fn big_and_adversarial_pages_are_fast() {
    let para =
        "<div class=\"c\"><p>Troops &amp; police <a href=\"/x?a=1&amp;b=2\">moved</a> into the \
                <b>city</b> on Monday.</p><!-- note --><span class=\"share\">Share</span></div>\n";
    let mut page = String::from("<html><body><article>");
    while page.len() < 7 * 1024 * 1024 {
        page.push_str(para);
    }
    let adversarial = [
        "<textarea>".repeat(200_000),
        "<a b=".repeat(200_000),
        "&abcdefghijklmnopqrstuvwxyzabcdef".repeat(100_000),
        "<p class=\"nav-a menu-b share-c\">x".repeat(100_000),
        "-".repeat(2_000_000) + "<!--" + &"-".repeat(2_000_000),
    ];
    let opts = ReadOptions::default();
    for input in std::iter::once(&page).chain(adversarial.iter()) {
        let start = Instant::now();
        let _ = read_document("p.html", input.as_bytes(), InputFormat::Html, &opts);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "took {:?}",
            start.elapsed()
        );
    }
}
