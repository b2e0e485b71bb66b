//! JSON Lines reader: arbitrary bytes never panic, every item is a valid document or a
//! one-line error naming the file, and there is at most one item per line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{read_jsonl, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_bytes: 1 << 16,
        ..ReadOptions::default()
    };
    let lines = data.split(|&b| b == b'\n').count();
    let mut items = 0;
    for item in read_jsonl("fuzz.jsonl", data, &opts) {
        items += 1;
        match item {
            Ok(doc) => {
                if let Err(e) = doc.validate() {
                    panic!("invalid document: {e}");
                }
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.starts_with("fuzz.jsonl"), "{msg}");
                assert!(!msg.contains('\n'), "{msg}");
                assert!(!e.kind().is_empty());
            }
        }
    }
    assert!(items <= lines);
});
