//! Plain text reader: arbitrary bytes never panic, and an accepted document is the input
//! (less a leading byte order mark) with valid layers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{read_document, InputFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    if let Ok(doc) = read_document("fuzz.txt", data, InputFormat::Text, &opts) {
        if let Err(e) = doc.validate() {
            panic!("invalid document: {e}");
        }
        let given = std::str::from_utf8(data).expect("accepted text is UTF-8");
        assert_eq!(doc.text(), given.strip_prefix('\u{feff}').unwrap_or(given));
    }
});
