//! Prints the zones and sentences of a text file: `cargo run -p sitrep-segment --example show -- FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let seg = sitrep_segment::segment_text(&text);
    for z in &seg.zones {
        println!(
            "ZONE {:?} {} {:?}",
            z.kind,
            z.rule,
            z.span.slice(&text).chars().take(60).collect::<String>()
        );
    }
    for (i, s) in seg.sentences.iter().enumerate() {
        println!(
            "S{i} h={} [{}] {}",
            s.headline,
            s.tokens.1 - s.tokens.0,
            s.span.slice(&text)
        );
    }
}
