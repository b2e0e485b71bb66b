//! The store commands: ingest, query, stories, stance, search, actor, export, db-check.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use sitrep_corpus::{discover, ingest, IngestOptions, Progress};
use sitrep_ingest::{InputFormat, ReadOptions};
use sitrep_pipeline::Pipeline;
use sitrep_store::export::ExportFormat;
use sitrep_store::{EventQuery, Store};

/// Where the store lives unless `--db` says otherwise.
pub const DEFAULT_DB: &str = "sitrep.db";

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files and directories (walked recursively); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Format of standard input.
    #[arg(long, value_enum, default_value = "jsonl")]
    stdin_format: StdinFormat,
    /// Worker threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Articles per transaction (at most; a transaction is also written when its first
    /// article has waited a second).
    #[arg(long, default_value_t = 512)]
    batch: usize,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long)]
    published: Option<String>,
    /// Largest article accepted, in bytes.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    max_bytes: usize,
    /// No progress line, even on a terminal.
    #[arg(long, short)]
    quiet: bool,
    /// Testing aid (hidden): cap the store at this many database pages more than it has
    /// (SQLite `max_page_count`), so writes beyond it fail as on a full disk.
    #[arg(long, hide = true)]
    max_pages: Option<u64>,
}

#[derive(Copy, Clone, PartialEq, Eq, clap::ValueEnum)]
pub enum StdinFormat {
    Text,
    Html,
    Jsonl,
}

/// Filters shared by `query` and `export`.
#[derive(clap::Args, Default)]
pub struct Filters {
    /// Actor id or name, as source or recipient.
    #[arg(long)]
    actor: Option<String>,
    /// PLOVER type.
    #[arg(long = "type")]
    etype: Option<String>,
    /// Earliest event date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    from: Option<String>,
    /// Latest event date.
    #[arg(long)]
    to: Option<String>,
    /// Place name or country code.
    #[arg(long)]
    place: Option<String>,
    /// Factuality.
    #[arg(long)]
    factuality: Option<String>,
    /// Only the reports of one story.
    #[arg(long)]
    story: Option<i64>,
}

impl Filters {
    fn query(&self, limit: usize) -> EventQuery {
        EventQuery {
            actor: self.actor.clone(),
            etype: self.etype.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            place: self.place.clone(),
            factuality: self.factuality.clone(),
            story: self.story,
            limit,
        }
    }
}

#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    filters: Filters,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// At most this many events (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON Lines instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct StoriesArgs {
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Only stories of this type.
    #[arg(long = "type")]
    etype: Option<String>,
    /// Only stories with at least this many reports.
    #[arg(long, default_value_t = 1)]
    min_reports: i64,
    /// At most this many stories (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON Lines instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct StanceArgs {
    /// The issue, as a word stem found in the mode or evidence sentence (`disarm`).
    #[arg(long)]
    topic: String,
    /// Event types (default: AGREE REJECT RETREAT CONCEDE THREATEN).
    #[arg(long = "type")]
    types: Vec<String>,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// JSON Lines instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Full-text query (words, "phrases", AND/OR/NOT, prefix*).
    query: String,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// At most this many articles.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

#[derive(clap::Args)]
pub struct ActorArgs {
    /// Actor id or name.
    actor: String,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    filters: Filters,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportArg,
    /// Output file (`-`: standard output).
    #[arg(long, default_value = "-")]
    output: PathBuf,
}

#[derive(Copy, Clone, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportArg {
    /// The output contract, one article per line.
    Jsonl,
    /// PLOVER JSON Lines, one event per line.
    Plover,
    /// CSV, one event per line.
    Csv,
    /// Apache Parquet, one event per row (needs --output FILE).
    Parquet,
}

#[derive(clap::Args)]
pub struct DbArgs {
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
}

fn open_ro(db: &std::path::Path) -> Result<Store> {
    Ok(Store::open_read_only(db)?)
}

pub fn ingest_cmd(args: IngestArgs) -> Result<ExitCode> {
    let published = crate::published_arg(args.published.as_deref())?;
    let stdin_format = match args.stdin_format {
        StdinFormat::Text => InputFormat::Text,
        StdinFormat::Html => InputFormat::Html,
        StdinFormat::Jsonl => InputFormat::Jsonl,
    };
    let (inputs, skipped) = discover(&args.paths, stdin_format);
    for s in &skipped {
        eprintln!("sitrep: skipped {}: {}", s.path.display(), s.reason);
    }
    let mut store = Store::open(&args.db)?;
    if let Some(more) = args.max_pages {
        let cap = store.pages()? + more;
        store.set_max_pages(cap)?;
    }
    let pipeline = Pipeline::standard()?;
    let mut opts = IngestOptions {
        batch: args.batch,
        read: ReadOptions {
            max_bytes: args.max_bytes,
            published,
            id: None,
        },
        ..IngestOptions::default()
    };
    if let Some(j) = args.jobs {
        opts.jobs = j;
    }
    let show = !args.quiet && io::stderr().is_terminal();
    let mut progress = |p: &Progress| {
        if show {
            eprint!("\r\x1b[2K{}", progress_line(p));
        }
    };
    let summary = ingest(&mut store, &pipeline, &inputs, &opts, &mut progress).context(
        "ingest stopped (the articles stored before are complete: run the same command again to continue)",
    )?;
    if show {
        eprintln!();
    }
    let secs = summary.elapsed.max(1e-9);
    let mb = summary.bytes as f64 / 1e6;
    println!(
        "{} documents in {:.1} s: {} coded ({} events, {} new stories), {} skipped, {} failed; {:.1} docs/s, {:.2} MB/s",
        summary.documents(),
        summary.elapsed,
        summary.coded,
        summary.events,
        summary.new_stories,
        summary.skipped.values().sum::<u64>(),
        summary.failed.values().sum::<u64>(),
        summary.coded as f64 / secs,
        mb / secs
    );
    for (reason, n) in &summary.skipped {
        println!("  skipped {n}: {reason}");
    }
    for s in &skipped {
        println!("  skipped path {}: {}", s.path.display(), s.reason);
    }
    for (kind, n) in &summary.failed {
        println!("  failed {n}: {kind}");
    }
    for m in &summary.messages {
        println!("    {m}");
    }
    if summary.warnings > 0 {
        println!("  warnings {}:", summary.warnings);
        for m in &summary.warning_messages {
            println!("    {m}");
        }
    }
    let st = store.stats()?;
    println!(
        "store {}: {} articles, {} events, {} stories, {} actors",
        args.db.display(),
        st.articles,
        st.events,
        st.stories,
        st.actors
    );
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn progress_line(p: &Progress) -> String {
    let secs = p.elapsed.max(1e-9);
    let rate = p.bytes as f64 / secs;
    let eta = if p.total_bytes > 0 && p.read_bytes > 0 && p.read_bytes < p.total_bytes {
        let left = (p.total_bytes - p.read_bytes) as f64 / (p.read_bytes as f64 / secs);
        format!(", ETA {:.0} s", left)
    } else {
        String::new()
    };
    format!(
        "{} docs, {:.1} docs/s, {:.2} MB/s{eta}",
        p.documents,
        p.documents as f64 / secs,
        rate / 1e6
    )
}

fn cut(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub fn query_cmd(args: QueryArgs) -> Result<ExitCode> {
    let store = open_ro(&args.db)?;
    let rows = store.events(&args.filters.query(args.limit))?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for r in &rows {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(r)?)?;
            continue;
        }
        let names = |v: &[sitrep_store::query::RoleRow]| {
            v.iter()
                .map(|x| x.actor.clone().unwrap_or_else(|| x.text.clone()))
                .collect::<Vec<_>>()
                .join("+")
        };
        writeln!(
            out,
            "{:<10} {:<9} {:<12} {:<24} -> {:<24} story {:<6} {} ({})\n    {}",
            r.date.as_deref().unwrap_or("-"),
            r.etype,
            r.factuality,
            cut(&names(&r.source), 24),
            cut(&names(&r.recipient), 24),
            r.story,
            r.outlet.as_deref().unwrap_or("-"),
            r.doc_id,
            cut(&r.sentence, 150)
        )?;
    }
    if !args.json {
        writeln!(out, "{} events", rows.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stories_cmd(args: StoriesArgs) -> Result<ExitCode> {
    let store = open_ro(&args.db)?;
    let rows = store.stories(args.etype.as_deref(), args.min_reports, args.limit)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for s in &rows {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(s)?)?;
            continue;
        }
        let dead = match s.dead_counts.as_slice() {
            [] => String::new(),
            [one] => format!(" dead {one}"),
            many => format!(
                " dead {} (reports disagree)",
                many.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("/")
            ),
        };
        writeln!(
            out,
            "story {:<6} {:<9} {:<10} {} .. {} {} -> {} | {} outlets, {} articles, {} reports{dead}\n    {}",
            s.id,
            s.etype,
            s.factuality,
            s.first_date.as_deref().unwrap_or("-"),
            s.last_date.as_deref().unwrap_or("-"),
            cut(&s.source.join("+"), 40),
            cut(&s.recipient.join("+"), 40),
            s.outlets,
            s.articles,
            s.reports,
            s.outlet_names.join(", ")
        )?;
    }
    if !args.json {
        writeln!(out, "{} stories", rows.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stance_cmd(args: StanceArgs) -> Result<ExitCode> {
    let store = open_ro(&args.db)?;
    let rows = store.stance(&args.topic, &args.types)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for r in &rows {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(r)?)?;
            continue;
        }
        writeln!(
            out,
            "{:<28} {:<8} {:<9} {:<12} {} stories, {} outlets, {} reports\n    {}",
            cut(&r.actor, 28),
            r.month,
            r.etype,
            r.factuality,
            r.stories,
            r.outlets,
            r.reports,
            cut(&r.example, 150)
        )?;
    }
    if !args.json {
        writeln!(out, "{} rows", rows.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn search_cmd(args: SearchArgs) -> Result<ExitCode> {
    let store = open_ro(&args.db)?;
    let hits = store.search(&args.query, args.limit)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for h in &hits {
        writeln!(
            out,
            "{} {} {} | {}\n    {}",
            h.published.as_deref().unwrap_or("-"),
            h.outlet.as_deref().unwrap_or("-"),
            h.doc_id,
            h.title.as_deref().unwrap_or(""),
            cut(&h.snippet, 200)
        )?;
    }
    writeln!(out, "{} articles", hits.len())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn actor_cmd(args: ActorArgs) -> Result<ExitCode> {
    let store = open_ro(&args.db)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let Some(p) = store.actor_profile(&args.actor)? else {
        writeln!(out, "{:?}: not in the store", args.actor)?;
        out.flush()?;
        return Ok(ExitCode::FAILURE);
    };
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&p)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} \"{}\" code {} sector {} kind {}; mentioned in {} articles",
        p.id,
        p.name,
        p.code.as_deref().unwrap_or("-"),
        p.sector.as_deref().unwrap_or("-"),
        p.kind,
        p.articles
    )?;
    let aliases: Vec<String> = p
        .aliases
        .iter()
        .take(12)
        .map(|(a, n)| format!("{a} ({n})"))
        .collect();
    writeln!(out, "  aliases: {}", aliases.join(", "))?;
    for (t, other, dir, n) in &p.relations {
        let arrow = if dir == "out" { "->" } else { "<-" };
        writeln!(out, "  {t} {arrow} {other} ({n} articles)")?;
    }
    for (month, role, t, stories, reports) in &p.timeline {
        writeln!(
            out,
            "  {month} {role:<9} {t:<9} {stories} stories, {reports} reports"
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn export_cmd(args: ExportArgs) -> Result<ExitCode> {
    let store = open_ro(&args.db)?;
    let format = match args.format {
        ExportArg::Jsonl => ExportFormat::Jsonl,
        ExportArg::Plover => ExportFormat::Plover,
        ExportArg::Csv => ExportFormat::Csv,
        ExportArg::Parquet => ExportFormat::Parquet,
    };
    let q = args.filters.query(0);
    let name = args.output.display().to_string();
    if name == "-" && format == ExportFormat::Parquet {
        anyhow::bail!("Parquet is a file format: give --output FILE.parquet");
    }
    let n = if name == "-" {
        let mut out = io::BufWriter::new(io::stdout().lock());
        let n = store.export(format, &q, &mut out, "stdout")?;
        out.flush()?;
        n
    } else {
        // write beside the target and rename, so a failed export leaves no partial file
        let tmp = args.output.with_extension("partial");
        let file = std::fs::File::create(&tmp).with_context(|| tmp.display().to_string())?;
        let mut out = io::BufWriter::new(file);
        let n = match store.export(format, &q, &mut out, &name) {
            Ok(n) => n,
            Err(e) => {
                drop(out);
                let _ = std::fs::remove_file(&tmp);
                return Err(e.into());
            }
        };
        out.flush().with_context(|| name.clone())?;
        drop(out);
        std::fs::rename(&tmp, &args.output).with_context(|| name.clone())?;
        n
    };
    eprintln!("sitrep: wrote {n} records to {name}");
    Ok(ExitCode::SUCCESS)
}

pub fn db_check_cmd(args: DbArgs) -> Result<ExitCode> {
    let store = open_ro(&args.db)?;
    let st = store.stats()?;
    println!(
        "{}: schema {}, {} articles, {} events, {} stories, {} actors, {} relations, {} failures",
        args.db.display(),
        sitrep_store::SCHEMA_VERSION,
        st.articles,
        st.events,
        st.stories,
        st.actors,
        st.relations,
        st.failures
    );
    let problems = store.check()?;
    for p in &problems {
        println!("  problem: {p}");
    }
    Ok(if problems.is_empty() {
        println!("ok");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
