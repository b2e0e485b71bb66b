//! What the corpus examples share: the texts of the JSON Lines file named by the first
//! argument (the news corpus by default), or exit status 2 with the reason.

pub fn corpus_texts() -> Vec<String> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/news-corpus/news.jsonl".into());
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}
