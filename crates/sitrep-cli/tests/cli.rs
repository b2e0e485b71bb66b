//! End-to-end tests of the `sitrep` binary.
//!
//! - schema: the committed JSON Schema matches the Rust types, and output validates against it
//! - golden: each article under `tests/fixtures/code/` becomes one insta snapshot of its events
//! - bad input: every failure is one clear line, other documents are still coded; a wrong
//!   declared charset is read right and warned about
//! - sample: the running example scored against its gold file (skipped without ../shared)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("gold").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is absent");
        None
    }
}

fn run(args: &[&str]) -> Output {
    sitrep().args(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn schema() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("schema/output.schema.json"))
        .expect("committed schema");
    serde_json::from_str(&text).unwrap()
}

fn assert_valid(value: &serde_json::Value) {
    let s = schema();
    let validator = jsonschema::validator_for(&s).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not match the schema: {errors:#?}"
    );
}

#[test]
fn committed_schema_matches_the_types() {
    let generated = run(&["schema"]);
    assert!(generated.status.success());
    let generated: serde_json::Value = serde_json::from_slice(&generated.stdout).unwrap();
    assert_eq!(
        generated,
        schema(),
        "run `cargo run -- schema > schema/output.schema.json`"
    );
}

#[test]
fn demo_prints_a_table_of_events() {
    let o = run(&["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for t in ["ASSAULT", "REJECT", "THREATEN", "AGREE"] {
        assert!(out.contains(t), "demo has no {t} event:\n{out}");
    }
    assert!(!out.contains("Subscribe"), "boilerplate was coded:\n{out}");
}

#[test]
fn explain_shows_pattern_parse_paths_and_factuality() {
    let text = "The militia did not attack the army base on Monday, officials said.\n\
                Government troops were attacked by rebels in the north.\n";
    let p = tmp("explain.txt", text.as_bytes());
    let o = run(&["explain", p.to_str().unwrap(), "--published", "2024-03-06"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("2 event(s)"), "{out}");
    // the pattern, with its line in the pattern file
    assert!(out.contains("pattern: verb:attack: \"attack\""), "{out}");
    // roles with the rule that found them and their path in the parse
    assert!(out.contains("source: \"The militia\""), "{out}");
    assert!(out.contains("parse path: attack -nsubj-> militia"), "{out}");
    assert!(out.contains("[by-agent]"), "{out}");
    assert!(
        out.contains("parse path: attacked -obl:agent-> rebels"),
        "{out}"
    );
    // why the first event is negated and the second asserted
    assert!(
        out.contains("factuality: negated: \"not\": a negation"),
        "{out}"
    );
    assert!(out.contains("factuality: asserted: no negation"), "{out}");
    // dates say how they were found, including the publication-date fallback
    assert!(out.contains("from \"Monday\" [date:weekday]"), "{out}");
    assert!(out.contains("[date:publication-fallback]"), "{out}");
}

#[test]
fn demo_json_validates_against_the_schema() {
    let o = run(&["demo", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_valid(&v);
    let text = v["text"].as_str().unwrap();
    for e in v["events"].as_array().unwrap() {
        let (s, t) = (
            e["evidence"]["start"].as_u64().unwrap() as usize,
            e["evidence"]["end"].as_u64().unwrap() as usize,
        );
        assert!(
            text.get(s..t).is_some(),
            "evidence span off char boundaries"
        );
    }
}

/// A compact, reviewable rendering of an article's events for snapshots.
fn events_summary(v: &serde_json::Value) -> String {
    let text = v["text"].as_str().unwrap();
    let names = |r: &serde_json::Value| {
        r.as_array()
            .unwrap()
            .iter()
            .map(|f| f["text"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let mut lines = Vec::new();
    for e in v["events"].as_array().unwrap() {
        let t = &e["evidence"]["trigger"];
        let trig =
            &text[t["start"].as_u64().unwrap() as usize..t["end"].as_u64().unwrap() as usize];
        lines.push(format!(
            "{} {} | {} -> {} | {} | date {} | place {} | dead {} | trigger {:?}",
            e["type"].as_str().unwrap(),
            e["mode"].as_str().unwrap_or("-"),
            names(&e["source"]),
            names(&e["recipient"]),
            e["factuality"].as_str().unwrap(),
            e["date"]["value"].as_str().unwrap_or("?"),
            e["location"]["name"].as_str().unwrap_or("-"),
            e["size"]["dead"]
                .as_u64()
                .map(|n| n.to_string())
                .unwrap_or_else(|| "-".into()),
            trig
        ));
    }
    lines.join("\n")
}

#[test]
fn golden_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/code");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    for f in files {
        let o = run(&["code", f.to_str().unwrap(), "--published", "2025-01-15"]);
        assert!(o.status.success(), "{}: {}", f.display(), stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_valid(&v);
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(name, events_summary(&v));
    }
}

#[test]
fn empty_file_is_a_clear_error() {
    let p = tmp("empty.txt", b"");
    let o = run(&["code", p.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("empty.txt"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "empty");
}

#[test]
fn invalid_utf8_reports_the_byte() {
    let p = tmp("latin1.txt", b"Hamas attacked Israel \xff on Monday.");
    let o = run(&["code", p.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("latin1.txt") && err.contains("22"), "{err}");
}

#[test]
fn html_with_a_wrong_declared_charset_is_read_right_and_warned() {
    let dir = tempfile::tempdir().unwrap();
    // declared Windows-1252, written in UTF-8
    let mislabelled = dir.path().join("mislabelled.html");
    std::fs::write(
        &mislabelled,
        "<meta charset=\"windows-1252\"><p>Rebels attacked a police post in Kabul, said José Martínez.</p>",
    )
    .unwrap();
    // declared Latin-1, written in Latin-1: read by the declaration, nothing to say
    let latin1 = dir.path().join("latin1.html");
    std::fs::write(
        &latin1,
        b"<meta charset=iso-8859-1><p>Troops shelled a village near Gao, said Andr\xe9 Traor\xe9.</p>",
    )
    .unwrap();
    let o = run(&["code", mislabelled.to_str().unwrap(), "--format", "table"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("José Martínez"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning") && err.contains("mislabelled.html") && err.contains("windows-1252"),
        "{err}"
    );
    let o = run(&["code", latin1.to_str().unwrap(), "--format", "table"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("André Traoré"), "{}", stdout(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    // ingest counts the warning and shows it in its summary
    let db = dir.path().join("w.db");
    let o = run(&[
        "ingest",
        dir.path().to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("2 coded") && out.contains("warnings 1:"),
        "{out}"
    );
    assert!(out.contains("mislabelled.html"), "{out}");
}

#[test]
fn binary_file_is_refused() {
    let p = tmp("blob.bin", &[0u8, 159, 146, 150, 0, 1, 2, 3]);
    let o = run(&["code", p.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("blob.bin"), "{}", stderr(&o));
}

#[test]
fn missing_file_names_the_path() {
    let o = run(&["code", "/nonexistent/article.txt"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("/nonexistent/article.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_published_format_is_refused() {
    let p = tmp("ok.txt", b"Hamas attacked Israel.");
    let o = run(&["code", p.to_str().unwrap(), "--published", "08/04/2025"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("08/04/2025"), "{}", stderr(&o));
}

#[test]
fn huge_article_is_refused_quickly() {
    let big = "Rebels attacked the town. ".repeat(2_000_000); // ~52 MB
    let p = tmp("huge.txt", big.as_bytes());
    let o = run(&["code", p.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("huge.txt"), "{}", stderr(&o));
    let _ = std::fs::remove_file(p);
}

#[test]
fn jsonl_bad_lines_do_not_stop_the_others() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Hamas attacked Israel on Monday.\", \"published\": \"2024-01-10\"}\n",
        "this is not json\n",
        "{\"id\": \"c\", \"title\": \"no text here\"}\n",
        "{\"id\": \"d\", \"text\": \"Israel struck Hamas in Gaza.\"}\n",
    );
    let p = tmp("batch.jsonl", input.as_bytes());
    let o = run(&["code", p.to_str().unwrap()]);
    assert!(!o.status.success(), "exit status must report the failures");
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one output line per input line");
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["events"].as_array().is_some_and(|e| !e.is_empty()));
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains(":2"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["error"]["kind"], "missing-text");
    assert_eq!(lines[3]["id"], "d");
    for l in &lines {
        assert_valid(l);
    }
}

#[test]
fn sample_meets_the_floor_against_its_gold() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("gold/militias-disarm.gold.json");
    let o = run(&["eval", "--gold", gold.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let overall = &r["overall"];
    let recall = overall["recall"].as_f64().unwrap();
    let precision = overall["precision"].as_f64().unwrap();
    eprintln!("sample: recall {recall:.3} precision {precision:.3}");
    // floors: raise them as the engine improves (measured: recall 1.00, precision 0.93,
    // dates 5/5, places 5/7, factuality 13/13)
    assert!(
        recall >= 0.9,
        "recall {recall} fell below the floor\n{}",
        run_render(&gold)
    );
    assert!(
        precision >= 0.85,
        "precision {precision} fell below the floor\n{}",
        run_render(&gold)
    );
    let attr = |name: &str| r["attributes"][name]["rate"].as_f64().unwrap();
    assert!(attr("date") >= 0.99, "a gold date was resolved wrong");
    assert!(
        attr("factuality") >= 0.99,
        "a matched event has the wrong factuality"
    );
    assert!(
        attr("location") >= 0.7,
        "place accuracy fell below the floor"
    );
    assert_eq!(
        r["violations"].as_array().map(Vec::len),
        Some(0),
        "events from boilerplate or negated sentence"
    );
    let actors = r["actors"]["rate"].as_f64().unwrap();
    assert!(actors >= 0.99, "not every gold actor found: {actors}");
}

fn run_render(gold: &Path) -> String {
    stdout(&run(&["eval", "--gold", gold.to_str().unwrap()]))
}

#[test]
fn plover_gsr_dev_meets_the_floor() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("gold/plover-gsr-dev.jsonl");
    let o = run(&["eval", "--gold", gold.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f1 = r["overall"]["f1"].as_f64().unwrap();
    let mode = r["attributes"]["mode"]["rate"].as_f64().unwrap();
    eprintln!("plover-gsr-dev: F1 {f1:.3}, mode accuracy {mode:.3}");
    // floors: raise them as the engine improves (measured 2026-12-07: F1 0.796, modes 0.867)
    assert!(f1 >= 0.75, "event F1 {f1} fell below the floor");
    // modes compare equal to PLOVER-coded records only with PLOVER's mode names
    assert!(mode >= 0.75, "mode accuracy {mode} fell below the floor");
}

#[test]
fn parse_prints_conllu_with_tags() {
    let p = tmp(
        "parse.txt",
        b"The Houthis have been targeted by US airstrikes.",
    );
    let o = run(&["parse", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 9, "{out}");
    assert!(rows.iter().all(|r| r.len() == 10), "ten columns: {out}");
    assert_eq!(
        rows.iter().filter(|r| r[6] == "0").count(),
        1,
        "one root: {out}"
    );
    assert!(
        rows.iter()
            .all(|r| r[6].parse::<usize>().is_ok_and(|h| h <= 9)),
        "every word has a head: {out}"
    );
    let targeted = rows.iter().find(|r| r[1] == "targeted").unwrap();
    assert_eq!((targeted[2], targeted[3]), ("target", "VERB"), "{out}");
}

#[test]
fn parse_keeps_given_conllu_tokens() {
    let input = "# text = Rebels attacked .\n1\tRebels\t_\t_\t_\t_\t_\t_\t_\t_\n2\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let p = tmp("given.conllu", input.as_bytes());
    let o = run(&["parse", "--input", "conllu", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let forms: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(forms, ["Rebels", "attacked", "."]);
}

#[test]
fn eval_syntax_scores_the_ewt_test_set() {
    let Some(shared) = shared() else { return };
    let gold = shared.join("data/ud-english-ewt/en_ewt-ud-test.conllu");
    let o = run(&["eval-syntax", "--gold", gold.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let upos: f64 = out
        .lines()
        .find(|l| l.starts_with("UPOS"))
        .and_then(|l| l.split('|').nth(3))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(upos >= 95.0, "UPOS {upos} on EWT test\n{out}");
}

#[test]
fn kb_find_shows_code_sector_relations_and_towns() {
    let o = run(&["kb", "find", "Kata'ib Hizballah"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("code IRQ sector PRM"), "{out}");
    assert!(out.contains("backed_by: irgc"), "{out}");
    let o = run(&["kb", "find", "Gao"]);
    assert_eq!(
        stdout(&o).matches("town    geonames:").count(),
        2,
        "two towns named Gao"
    );
    let o = run(&["kb", "find", "Qwxzyville"]);
    assert!(!o.status.success());
    assert!(stdout(&o).contains("not in the knowledge base"));
}

#[test]
fn user_kb_directory_extends_and_validates() {
    let dir = std::env::temp_dir().join(format!("sitrep-kb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("mine.toml"),
        "[[actor]]\nid = \"sahel-fictional-front\"\nname = \"Front Zeta\"\ncode = \"MLI\"\nsector = \"REB\"\nkind = \"org\"\n",
    )
    .unwrap();
    let article = tmp(
        "kb-article.txt",
        b"Front Zeta attacked an army post near Kidal on Monday.",
    );
    let o = run(&[
        "code",
        article.to_str().unwrap(),
        "--kb",
        dir.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    let src = &v["events"][0]["source"][0];
    assert_eq!(src["code"], "MLI", "{v}");
    assert_eq!(src["sector"], "REB", "{v}");
    // without the directory the name is unknown: no code
    let o = run(&["code", article.to_str().unwrap(), "--format", "jsonl"]);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert!(v["events"][0]["source"][0]["code"].is_null(), "{v}");
    // a broken entry stops the run with file and line
    std::fs::write(
        dir.join("bad.toml"),
        "[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"starship\"\n",
    )
    .unwrap();
    let o = run(&["kb", "find", "X", "--kb", dir.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("bad.toml:"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `sitrep ... | head`: when the reader closes the pipe early, the command stops quietly with
/// success instead of panicking or printing "Broken pipe".
#[test]
fn closed_output_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let article = std::fs::read_to_string(root().join("data/examples/demo-article.txt")).unwrap();
    let line = serde_json::json!({ "id": "d", "text": article }).to_string();
    let jsonl = tmp("pipe.jsonl", format!("{line}\n").repeat(200).as_bytes());
    let text = tmp("pipe.txt", article.repeat(60).as_bytes());
    for args in [
        vec!["code", jsonl.to_str().unwrap(), "--format", "jsonl"],
        vec!["parse", text.to_str().unwrap()],
    ] {
        let mut child = sitrep()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{args:?}: some output came first");
        // The reader is dropped here: the pipe is closed with most output unwritten.
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(o.status.success(), "{args:?}: {:?} {err}", o.status);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn train_parser_reads_several_treebanks_and_needs_no_dev_set() {
    let tagger = root().join("models/tagger.bin");
    if !tagger.exists() {
        eprintln!("skipped: models/tagger.bin is absent");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.conllu");
    let b = dir.path().join("b.conllu");
    std::fs::write(
        &a,
        "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
         2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n\
         3\ttroops\ttroop\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
         2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n\
         3\tthem\tthey\tPRON\tPRP\t_\t2\tobj\t_\t_\n\
         4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
    )
    .unwrap();
    let out = dir.path().join("parser.bin");
    // `sitrep train parser --train A --train SECOND --tagger ... --out ...` plus `extra`
    let train = |second: &str, extra: &[&str]| {
        let mut args = vec![
            "train",
            "parser",
            "--train",
            a.to_str().unwrap(),
            "--train",
            second,
            "--tagger",
            tagger.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let o = train(b.to_str().unwrap(), &["--epochs", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let model = std::fs::read(&out).unwrap();
    let info = String::from_utf8_lossy(&model);
    assert!(info.contains("2 training sentences"), "{info:.300}");
    assert!(
        info.contains("epoch 2 of 2 kept (no dev set)"),
        "{info:.300}"
    );
    // a treebank that is not there is named
    let o = train("no-such.conllu", &[]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no-such.conllu"), "{}", stderr(&o));
}

#[test]
fn train_tagger_averages_an_ensemble() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("t.conllu");
    std::fs::write(
        &data,
        "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
         2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n\
         3\ttroops\ttroop\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\n",
    )
    .unwrap();
    let out = dir.path().join("tagger.bin");
    let data = data.to_str().unwrap();
    // `sitrep train tagger --train DATA ... --out OUT --epochs 2 --ensemble N`, with `extra`
    let train = |ensemble: &str, extra: &[&str]| {
        let mut args = vec!["train", "tagger", "--train", data];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--out", out.to_str().unwrap(), "--epochs", "2"]);
        args.extend_from_slice(&["--ensemble", ensemble]);
        run(&args)
    };
    let info = || String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned();
    let o = train("3", &["--dev", data]);
    assert!(o.status.success(), "{}", stderr(&o));
    let info3 = info();
    assert!(
        info3.contains("average of 3 taggers, seeds 7 to 9"),
        "{info3:.300}"
    );
    // several training files and no dev set: the last epoch is kept
    let o = train("1", &["--train", data]);
    assert!(o.status.success(), "{}", stderr(&o));
    let info1 = info();
    assert!(info1.contains("2 training sentences"), "{info1:.300}");
    assert!(
        info1.contains("epoch 2 of 2 kept (no dev set)"),
        "{info1:.300}"
    );
    // an ensemble of none is refused before anything is written
    std::fs::remove_file(&out).unwrap();
    let o = train("0", &["--dev", data]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--ensemble"), "{}", stderr(&o));
    assert!(!out.exists());
}
