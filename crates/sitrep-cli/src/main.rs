//! `sitrep`: codes news articles into PLOVER events. A thin shell over the library crates.

mod store_cmd;
mod table;

/// mimalloc: the pipeline makes many small strings per token, and glibc's allocator cost
/// about a tenth of the time coding news (perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use sitrep_doc::{Document, ErrorInfo, OutputRecord};
use sitrep_ingest::{InputFormat, ReadOptions};
use sitrep_pipeline::sitrep_syntax::TrainConfig;
use sitrep_pipeline::Pipeline;

/// The bundled example article (written for sitrep; fictional events).
const DEMO_ARTICLE: &str = include_str!("../../../data/examples/demo-article.txt");
const DEMO_PUBLISHED: &str = "2025-05-14";

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Reads news reports and codes sourced PLOVER conflict events"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code one article (text or HTML) or many (JSON Lines) and print events.
    Code(CodeArgs),
    /// Code an article like `code` and explain each event: the pattern that fired, the parse
    /// path of each role, and why the factuality is what it is.
    Explain(CodeArgs),
    /// Code the bundled example article and print the event table.
    Demo {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Score the engine against a gold file (shared/gold/FORMAT.md).
    Eval(EvalArgs),
    /// Print the JSON Schema of the output (one line of `sitrep code --format jsonl`).
    Schema,
    /// Segment, tag and parse a text (or re-tag and re-parse a CoNLL-U file); print CoNLL-U.
    Parse(ParseArgs),
    /// Score tokenization, sentences, tags, lemmas, UAS and LAS against a CoNLL-U treebank
    /// (CoNLL 2018 shared task style), with gold tokenization or from raw text.
    EvalSyntax(EvalSyntaxArgs),
    /// Train models from a treebank.
    Train {
        #[command(subcommand)]
        command: TrainCommand,
    },
    /// Pattern dictionary tools.
    Patterns {
        #[command(subcommand)]
        command: PatternsCommand,
    },
    /// Actor dictionary (knowledge base) tools.
    Kb {
        #[command(subcommand)]
        command: KbCommand,
    },
    /// Code files, directories or standard input into the store (default ./sitrep.db).
    Ingest(store_cmd::IngestArgs),
    /// Events in the store, by actor, type, date range, place and factuality.
    Query(store_cmd::QueryArgs),
    /// Story-level events: the reports of one real-world event merged across articles.
    Stories(store_cmd::StoriesArgs),
    /// The stance of actors on an issue over time (AGREE, REJECT, RETREAT ... about a topic).
    Stance(store_cmd::StanceArgs),
    /// Full-text search over the stored articles.
    Search(store_cmd::SearchArgs),
    /// What the store knows about one actor: aliases, relations, events over time.
    Actor(store_cmd::ActorArgs),
    /// Export events or articles: JSON Lines (the output contract), PLOVER JSON Lines, CSV.
    Export(store_cmd::ExportArgs),
    /// Check a store's integrity and print its counts.
    DbCheck(store_cmd::DbArgs),
}

#[derive(clap::Args)]
struct ParseArgs {
    /// Input file, or `-` for standard input.
    file: String,
    /// `text` (default) segments raw text; `conllu` keeps the file's tokens and sentences.
    #[arg(long, value_enum, default_value = "text")]
    input: ParseInput,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum ParseInput {
    Text,
    Conllu,
}

#[derive(clap::Args)]
struct EvalSyntaxArgs {
    /// Gold CoNLL-U file.
    #[arg(long)]
    gold: PathBuf,
    /// Segment the treebank's raw text (its `# text` lines) instead of using gold tokens.
    #[arg(long)]
    raw: bool,
}

#[derive(Subcommand)]
enum TrainCommand {
    /// Train the part-of-speech tagger and lemmatizer.
    Tagger {
        /// Training treebank (CoNLL-U); repeat to train on several, read as one.
        #[arg(long, required = true)]
        train: Vec<PathBuf>,
        /// Development treebank (CoNLL-U): the best epoch on it is kept. Without it, the
        /// last epoch is kept.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Where to write the model.
        #[arg(long, default_value = "models/tagger.bin")]
        out: PathBuf,
        /// Training epochs (the shipped tagger's by default).
        #[arg(long, default_value_t = TrainConfig::shipped().epochs)]
        epochs: usize,
        /// Train this many taggers (consecutive seeds) and write their average, an ensemble
        /// at the cost of one model (the shipped tagger's by default).
        #[arg(
            long,
            default_value_t = TrainConfig::shipped().ensemble as u32,
            value_parser = clap::value_parser!(u32).range(1..=64)
        )]
        ensemble: u32,
    },
    /// Train the dependency parser (on tags predicted by a trained tagger).
    Parser {
        /// Training treebank (CoNLL-U); repeat to train on several, read as one.
        #[arg(long, required = true)]
        train: Vec<PathBuf>,
        /// Development treebank (CoNLL-U): the best epoch on it is kept. Without it, the
        /// last epoch is kept.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// The tagger model whose tags the parser learns from.
        #[arg(long, default_value = "models/tagger.bin")]
        tagger: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/parser.bin")]
        out: PathBuf,
        /// Training epochs.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
    },
    /// Train the sentence-boundary model (on the treebank's raw text, revising the rule
    /// splitter's decisions).
    Sentences {
        /// Training treebank (CoNLL-U).
        #[arg(long)]
        train: PathBuf,
        /// Development treebank (CoNLL-U): scored and reported.
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/sentences.bin")]
        out: PathBuf,
        /// Training epochs.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
    },
}

#[derive(Subcommand)]
enum PatternsCommand {
    /// Validate pattern files; prints file:line errors (built-in patterns when no file given).
    Check {
        /// Pattern TOML files.
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum KbCommand {
    /// Validate the built-in dictionaries and, if given, a directory of extra TOML files.
    Check {
        /// Directory of extra dictionary files.
        dir: Option<PathBuf>,
    },
    /// Show what a name resolves to: actors (with code, sector, kind, relations and dated
    /// offices), generic agents, places, and gazetteer towns.
    Find {
        /// The name, as it would appear in an article ("Kataib Hezbollah", "Iranian", "Gao").
        name: String,
        /// Directory of extra dictionary files.
        #[arg(long)]
        kb: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct CodeArgs {
    /// Input file, or `-` for standard input.
    file: String,
    /// Publication date (YYYY-MM-DD), the anchor of relative dates.
    #[arg(long)]
    published: Option<String>,
    /// Input format (default: from the file extension; `text` otherwise).
    #[arg(long, value_enum)]
    input: Option<InputArg>,
    /// Output format (default: `json` for one article, `jsonl` for JSON Lines input).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Largest article accepted, in bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    max_bytes: usize,
    /// Directory of extra dictionary files (TOML, same schema as data/lexicon) added to the
    /// built-in knowledge base; any error in them stops the run with file:line messages.
    #[arg(long)]
    kb: Option<PathBuf>,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Gold file (.json or .jsonl).
    #[arg(long)]
    gold: PathBuf,
    /// Score these predictions (JSON Lines of `sitrep code` output) instead of running the engine.
    #[arg(long)]
    pred: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum InputArg {
    Text,
    Html,
    Jsonl,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Table,
    /// Why each event was coded (as `sitrep explain`).
    Explain,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader of our output went away (`sitrep ... | head`): nothing more to say.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether `e` comes from writing to a closed pipe.
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| c.downcast_ref::<serde_json::Error>()?.io_error_kind())
            == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Writes `text` to standard output; unlike `print!`, a closed pipe is an error, not a panic.
fn write_stdout(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Code(args) => code(args),
        Command::Explain(mut args) => {
            args.format = Some(Format::Explain);
            code(args)
        }
        Command::Demo { format } => {
            let pipeline = Pipeline::standard()?;
            let opts = ReadOptions {
                published: Some(sitrep_ingest::parse_date(DEMO_PUBLISHED)?),
                id: Some("demo".into()),
                ..ReadOptions::default()
            };
            let doc = sitrep_ingest::read_document(
                "demo-article.txt",
                DEMO_ARTICLE.as_bytes(),
                InputFormat::Text,
                &opts,
            )?;
            let mut out = io::stdout().lock();
            emit(&pipeline, Ok(doc), format, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(args) => eval(args),
        Command::Ingest(args) => store_cmd::ingest_cmd(args),
        Command::Query(args) => store_cmd::query_cmd(args),
        Command::Stories(args) => store_cmd::stories_cmd(args),
        Command::Stance(args) => store_cmd::stance_cmd(args),
        Command::Search(args) => store_cmd::search_cmd(args),
        Command::Actor(args) => store_cmd::actor_cmd(args),
        Command::Export(args) => store_cmd::export_cmd(args),
        Command::DbCheck(args) => store_cmd::db_check_cmd(args),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&sitrep_doc::output_schema())?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Parse(args) => parse(args),
        Command::EvalSyntax(args) => eval_syntax(args),
        Command::Train {
            command:
                TrainCommand::Parser {
                    train,
                    dev,
                    tagger,
                    out,
                    epochs,
                },
        } => {
            use sitrep_pipeline::sitrep_syntax::{conllu::read_treebanks, train_parser, Tagger};
            let tagger = Tagger::load(&tagger)?;
            let (sentences, dev) = (read_treebanks(&train)?, read_treebanks(dev.as_slice())?);
            let parser = train_parser(&sentences, &dev, &tagger, epochs)?;
            parser.save(&out)?;
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            command:
                TrainCommand::Sentences {
                    train,
                    dev,
                    out,
                    epochs,
                },
        } => {
            use sitrep_pipeline::sitrep_syntax::{
                conllu::read_conllu, evaluate_sentence_model, train_sentence_model,
            };
            let example = |path: &Path| -> Result<_> {
                let gold = read_conllu(path)?;
                let text = sitrep_eval::syntax::treebank_text(&gold);
                Ok(sitrep_pipeline::syntax::sentence_example(text, &gold))
            };
            let (train, dev) = ([example(&train)?], [example(&dev)?]);
            let model = train_sentence_model(&train, &dev, epochs);
            let (rules, learned) = evaluate_sentence_model(&model, &dev);
            println!("{}", model.info());
            println!(
                "dev sentences F1: rules {:.2}, model {:.2} ({} features)",
                rules.f1(),
                learned.f1(),
                model.size()
            );
            model.save(&out)?;
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            command:
                TrainCommand::Tagger {
                    train,
                    dev,
                    out,
                    epochs,
                    ensemble,
                },
        } => {
            use sitrep_pipeline::sitrep_syntax::{conllu::read_treebanks, train_sentences};
            let cfg = TrainConfig {
                epochs,
                ensemble: ensemble as usize,
                ..TrainConfig::shipped()
            };
            let (sentences, dev) = (read_treebanks(&train)?, read_treebanks(dev.as_slice())?);
            let model = train_sentences(&sentences, &dev, &cfg, &mut |_| {})?;
            model.save(&out)?;
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Patterns {
            command: PatternsCommand::Check { files },
        } => {
            let mut bad = 0;
            if files.is_empty() {
                let n = sitrep_pipeline::sitrep_coder::PatternSet::builtin()
                    .patterns
                    .len();
                println!(
                    "{}: {n} patterns, ok",
                    sitrep_pipeline::sitrep_coder::BUILTIN_NAME
                );
            }
            for f in files {
                let src =
                    std::fs::read_to_string(&f).with_context(|| format!("{}", f.display()))?;
                match sitrep_pipeline::sitrep_coder::PatternSet::parse(
                    &f.display().to_string(),
                    &src,
                ) {
                    Ok(set) => println!("{}: {} patterns, ok", f.display(), set.patterns.len()),
                    Err(errs) => {
                        for e in errs {
                            println!("{e}");
                            bad += 1;
                        }
                    }
                }
            }
            Ok(if bad == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Kb {
            command: KbCommand::Find { name, kb },
        } => kb_find(&name, kb.as_deref()),
        Command::Kb {
            command: KbCommand::Check { dir },
        } => {
            use sitrep_pipeline::sitrep_lexicon::{check, Source};
            let mut sources = Source::builtin();
            if let Some(d) = dir {
                sources.extend(Source::read_dir(&d, 1)?);
            }
            let errs = check(&sources);
            for e in &errs {
                println!("{e}");
            }
            if errs.is_empty() {
                println!("{} files, ok", sources.len());
                Ok(ExitCode::SUCCESS)
            } else {
                Ok(ExitCode::FAILURE)
            }
        }
    }
}

/// The built-in lexicon, plus the files of `dir` when given.
fn lexicon_with(dir: Option<&Path>) -> Result<sitrep_pipeline::sitrep_lexicon::Lexicon> {
    use sitrep_pipeline::sitrep_lexicon::{Lexicon, Source};
    let mut sources = Source::builtin();
    if let Some(d) = dir {
        sources.extend(Source::read_dir(d, 1)?);
    }
    Ok(Lexicon::from_sources(&sources)?)
}

fn kb_find(name: &str, dir: Option<&Path>) -> Result<ExitCode> {
    use sitrep_pipeline::sitrep_lexicon::Gazetteer;
    let lex = lexicon_with(dir)?;
    let key = sitrep_text::fold(name);
    let same = |n: &String| sitrep_text::fold(n) == key;
    let mut found = 0;
    for a in lex.actors() {
        let by_name = same(&a.name) || a.names.iter().any(same);
        let by_adjective = a.adjectives.iter().any(same);
        if !(by_name || by_adjective) {
            continue;
        }
        found += 1;
        println!(
            "actor   {} \"{}\" code {} sector {} kind {:?}{}",
            a.id,
            a.name,
            a.code.as_deref().unwrap_or("-"),
            a.sector.as_deref().unwrap_or("-"),
            a.kind,
            if by_adjective && !by_name {
                " (adjective)"
            } else {
                ""
            }
        );
        for (rel, ids) in [
            ("backed_by", &a.backed_by),
            ("member_of", &a.member_of),
            ("allied_with", &a.allied_with),
        ] {
            if !ids.is_empty() {
                println!("        {rel}: {}", ids.join(", "));
            }
        }
        for o in &a.offices {
            println!(
                "        office: {} of {} from {} to {}",
                o.title,
                o.of,
                o.valid_from.map_or("?".to_string(), |d| d.to_string()),
                o.valid_to.map_or("-".to_string(), |d| d.to_string())
            );
        }
    }
    for g in lex.agents() {
        if g.names.iter().chain(&g.plurals).any(same) {
            found += 1;
            println!(
                "agent   {} sector {} kind {:?}{}",
                g.id,
                g.sector.as_deref().unwrap_or("-"),
                g.kind,
                g.office
                    .as_deref()
                    .map(|o| format!(" office {o}"))
                    .unwrap_or_default()
            );
        }
    }
    for p in lex.places() {
        if same(&p.name) || p.names.iter().any(same) {
            found += 1;
            println!(
                "place   {} \"{}\" country {} kind {} at {:.4}, {:.4}",
                p.id,
                p.name,
                p.country.as_deref().unwrap_or("-"),
                p.kind.as_deref().unwrap_or("-"),
                p.lat,
                p.lon
            );
        }
    }
    for g in Gazetteer::builtin().lookup(name) {
        found += 1;
        println!(
            "town    geonames:{} \"{}\" country {} region {} population {} at {:.4}, {:.4}",
            g.geonameid, g.name, g.country, g.admin1, g.population, g.lat, g.lon
        );
    }
    if found == 0 {
        println!("{name:?}: not in the knowledge base or the gazetteer");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn input_format(args: &CodeArgs) -> InputArg {
    if let Some(i) = args.input {
        return i;
    }
    let ext = Path::new(&args.file)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => InputArg::Html,
        "jsonl" | "ndjson" => InputArg::Jsonl,
        _ => InputArg::Text,
    }
}

/// The `--published YYYY-MM-DD` option, parsed.
fn published_arg(value: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    value
        .map(|p| sitrep_ingest::parse_date(p).map_err(|e| anyhow::anyhow!("--published: {e}")))
        .transpose()
}

fn code(args: CodeArgs) -> Result<ExitCode> {
    let published = published_arg(args.published.as_deref())?;
    let opts = ReadOptions {
        max_bytes: args.max_bytes,
        published,
        id: None,
    };
    let pipeline = match &args.kb {
        None => Pipeline::standard()?,
        Some(dir) => Pipeline::with_resources(
            Arc::new(lexicon_with(Some(dir))?),
            Arc::new(sitrep_pipeline::sitrep_coder::PatternSet::builtin()),
            sitrep_pipeline::builtin_tagger()?,
            sitrep_pipeline::builtin_parser()?,
        )?,
    };
    let input = input_format(&args);
    let format = args.format.unwrap_or(if input == InputArg::Jsonl {
        Format::Jsonl
    } else {
        Format::Json
    });
    let name = if args.file == "-" {
        "stdin".to_string()
    } else {
        args.file.clone()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    match input {
        InputArg::Jsonl => {
            let reader: Box<dyn BufRead> = if args.file == "-" {
                Box::new(BufReader::new(io::stdin()))
            } else {
                match std::fs::File::open(&args.file) {
                    Ok(f) => Box::new(BufReader::new(f)),
                    Err(e) => {
                        let err = sitrep_ingest::IngestError::Io {
                            file: name.clone(),
                            message: e.to_string(),
                            id: name.clone(),
                        };
                        emit(&pipeline, Err(err), format, &mut out)?;
                        out.flush()?;
                        return Ok(ExitCode::FAILURE);
                    }
                }
            };
            for item in sitrep_ingest::read_jsonl(&name, reader, &opts) {
                if !emit(&pipeline, item, format, &mut out)? {
                    failed += 1;
                }
            }
        }
        InputArg::Text | InputArg::Html => {
            let fmt = if input == InputArg::Html {
                InputFormat::Html
            } else {
                InputFormat::Text
            };
            let item = if args.file == "-" {
                let mut buf = Vec::new();
                io::stdin()
                    .read_to_end(&mut buf)
                    .context("reading standard input")?;
                sitrep_ingest::read_document(&name, &buf, fmt, &opts)
            } else {
                sitrep_ingest::read_path(Path::new(&args.file), fmt, &opts)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| {
                        Err(sitrep_ingest::IngestError::Io {
                            file: name.clone(),
                            message: "nothing read".into(),
                            id: name.clone(),
                        })
                    })
            };
            if !emit(&pipeline, item, format, &mut out)? {
                failed += 1;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("sitrep: {failed} document(s) failed");
        Ok(ExitCode::FAILURE)
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Codes one read result and writes it; returns false when the document failed.
fn emit(
    pipeline: &Pipeline,
    item: Result<Document, sitrep_ingest::IngestError>,
    format: Format,
    out: &mut impl Write,
) -> Result<bool> {
    if let Ok(doc) = &item {
        for w in doc.warnings() {
            eprintln!("sitrep: warning: {w}");
        }
    }
    let record = match item {
        Ok(mut doc) => match pipeline.run(&mut doc) {
            Ok(()) => {
                if format == Format::Explain {
                    explain(&doc, out)?;
                }
                OutputRecord::Ok(Box::new(doc.to_output()))
            }
            Err(e) => OutputRecord::Err {
                id: doc.id().to_string(),
                error: ErrorInfo {
                    kind: "stage".into(),
                    message: e.to_string(),
                },
            },
        },
        Err(e) => OutputRecord::Err {
            id: e.id(),
            error: ErrorInfo {
                kind: e.kind().into(),
                message: e.to_string(),
            },
        },
    };
    let ok = matches!(record, OutputRecord::Ok(_));
    if let OutputRecord::Err { error, .. } = &record {
        eprintln!("sitrep: {}", error.message);
    }
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&record)?)?,
        Format::Jsonl => writeln!(out, "{}", serde_json::to_string(&record)?)?,
        Format::Table => {
            if let OutputRecord::Ok(o) = &record {
                write!(out, "{}", table::render(o))?;
            }
        }
        Format::Explain => {}
    }
    Ok(ok)
}

/// Writes why each event of a coded document was coded.
fn explain(doc: &Document, out: &mut impl Write) -> Result<()> {
    use sitrep_pipeline::sitrep_coder::{explain, PatternSet};
    static PATTERNS: std::sync::OnceLock<PatternSet> = std::sync::OnceLock::new();
    let set = PATTERNS.get_or_init(PatternSet::builtin);
    let events = explain(set, doc);
    writeln!(out, "{}: {} event(s)", doc.id(), events.len())?;
    for e in events {
        writeln!(out)?;
        write!(out, "{e}")?;
    }
    Ok(())
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    let gold = sitrep_eval::load_gold(&args.gold)?;
    let predicted = match &args.pred {
        Some(p) => {
            let preds = sitrep_eval::load_predictions(p)?;
            for (id, msg) in preds.failed {
                eprintln!("sitrep: {id}: {msg}");
            }
            preds.outputs
        }
        None => {
            let pipeline = Pipeline::standard()?;
            let mut preds = Vec::new();
            for g in &gold {
                let published = g
                    .published
                    .as_deref()
                    .and_then(|p| sitrep_ingest::parse_date(p).ok());
                let mut doc = Document::new(
                    g.id.clone(),
                    g.text.clone(),
                    sitrep_doc::Metadata {
                        published,
                        ..Default::default()
                    },
                );
                pipeline
                    .run(&mut doc)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", g.id))?;
                preds.push(doc.to_output());
            }
            preds
        }
    };
    let report = sitrep_eval::score(&gold, &predicted);
    if args.json {
        write_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        write_stdout(&report.render())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read_input(file: &str) -> Result<String> {
    if file == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).with_context(|| file.to_string())
    }
}

fn parse(args: ParseArgs) -> Result<ExitCode> {
    use sitrep_pipeline::sitrep_syntax::conllu::{parse_conllu, write_conllu};
    use sitrep_pipeline::syntax::{document_from_conllu, document_to_conllu};
    let tagger = sitrep_pipeline::builtin_tagger()?;
    let text = read_input(&args.file)?;
    let mut doc = match args.input {
        ParseInput::Text => {
            let mut doc = Document::new("stdin", text, sitrep_doc::Metadata::default());
            sitrep_pipeline::Pipeline::syntax(tagger, sitrep_pipeline::builtin_parser()?)?
                .run(&mut doc)?;
            doc
        }
        ParseInput::Conllu => {
            let gold = parse_conllu(&text, Path::new(&args.file))?;
            document_from_conllu("conllu", &gold)
        }
    };
    if args.input == ParseInput::Conllu {
        sitrep_pipeline::Pipeline::syntax_only(
            sitrep_pipeline::builtin_tagger()?,
            sitrep_pipeline::builtin_parser()?,
        )?
        .run(&mut doc)?;
    }
    write_stdout(&write_conllu(&document_to_conllu(&doc)))?;
    Ok(ExitCode::SUCCESS)
}

fn eval_syntax(args: EvalSyntaxArgs) -> Result<ExitCode> {
    use sitrep_pipeline::syntax::{document_from_conllu, document_to_conllu};
    let gold = sitrep_pipeline::sitrep_syntax::conllu::read_conllu(&args.gold)?;
    let tagger = sitrep_pipeline::builtin_tagger()?;
    let mut doc = if args.raw {
        let text = sitrep_eval::syntax::treebank_text(&gold);
        let mut doc = Document::new("raw", text, sitrep_doc::Metadata::default());
        sitrep_pipeline::Pipeline::syntax(tagger, sitrep_pipeline::builtin_parser()?)?
            .run(&mut doc)?;
        doc
    } else {
        let mut doc = document_from_conllu("gold", &gold);
        sitrep_pipeline::Pipeline::syntax_only(tagger, sitrep_pipeline::builtin_parser()?)?
            .run(&mut doc)?;
        doc
    };
    let system = document_to_conllu(&doc);
    doc.events.clear();
    let scores = sitrep_eval::syntax::score_conllu(&gold, &system);
    println!(
        "{} ({} tokenization)",
        args.gold.display(),
        if args.raw { "system" } else { "gold" }
    );
    write_stdout(&scores.render())?;
    Ok(ExitCode::SUCCESS)
}
