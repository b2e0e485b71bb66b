//! HTML extraction: arbitrary bytes never panic, and extracted text is tidy (paragraphs
//! separated by one blank line, no padding, whitespace collapsed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{read_document, InputFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    if let Ok(doc) = read_document("fuzz.html", data, InputFormat::Html, &opts) {
        if let Err(e) = doc.validate() {
            panic!("invalid document: {e}");
        }
        for para in doc.text().split("\n\n") {
            assert!(!para.is_empty(), "empty paragraph");
            assert_eq!(para.trim(), para, "padded paragraph");
            assert!(
                !para.contains("  ") && !para.contains('\n'),
                "uncollapsed whitespace"
            );
        }
    }
});
