//! Exports: JSON Lines in the output contract (one article per line), PLOVER JSON Lines (one
//! event per line, PLOVER's field names), and CSV (one event per line, flat columns).
//!
//! Every export streams from the database, so its memory does not grow with the store.

use std::io::Write;

use rusqlite::types::Value;
use serde_json::{json, Value as Json};
use sitrep_doc::{Actor, Event, Output, OutputEntity, OutputSentence, Relation, RoleFiller};

use crate::query::SENTENCE_SQL;
use crate::{EventQuery, Store, StoreError};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The output contract, one article per line.
    Jsonl,
    /// PLOVER JSON Lines, one event per line.
    Plover,
    /// CSV, one event per line.
    Csv,
    /// Apache Parquet, one event per row, the columns of [`CSV_COLUMNS`] typed (see
    /// [`parquet_schema`]); snappy-compressed, row groups of 65,536 events.
    Parquet,
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "event_id",
    "story_id",
    "doc_id",
    "outlet",
    "url",
    "published",
    "event_date",
    "date_kind",
    "type",
    "mode",
    "quad",
    "cameo",
    "factuality",
    "source_actors",
    "source_texts",
    "source_codes",
    "recipient_actors",
    "recipient_texts",
    "recipient_codes",
    "place",
    "country",
    "lat",
    "lon",
    "geonameid",
    "dead",
    "injured",
    "arrested",
    "hostages",
    "attribution",
    "rule",
    "confidence",
    "sentence",
    "evidence_start",
    "evidence_end",
];

/// One event with what its article says about it.
struct Row {
    story: i64,
    doc_id: String,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
    title: Option<String>,
    sentence: String,
    event: Event,
}

fn io_err(path: &str, e: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_string(),
        message: e.to_string(),
    }
}

fn join(fillers: &[RoleFiller], f: impl Fn(&RoleFiller) -> Option<String>) -> String {
    fillers
        .iter()
        .map(|r| f(r).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("|")
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

impl Store {
    /// Calls `f` for every event matching `q` (oldest first), streaming.
    fn each_event(
        &self,
        q: &EventQuery,
        mut f: impl FnMut(Row) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        let (clause, args) = self.event_filter(q)?;
        let sql = format!(
            "SELECT e.story, a.doc_id, a.outlet, a.url, a.published, a.title, {SENTENCE_SQL},
                    e.record, e.id
             FROM events e JOIN articles a ON a.id = e.article
             {clause} ORDER BY e.first_day, e.id {}",
            if q.limit > 0 {
                format!("LIMIT {}", q.limit)
            } else {
                String::new()
            }
        );
        let mut st = self.conn().prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(args.iter()))
            .map_err(|e| self.err(e))?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let record: String = r.get(7).map_err(|e| self.err(e))?;
            let id: i64 = r.get(8).map_err(|e| self.err(e))?;
            let event: Event = serde_json::from_str(&record).map_err(|e| StoreError::Corrupt {
                path: self.path().display().to_string(),
                what: format!("event {id}"),
                message: e.to_string(),
            })?;
            let get = |i: usize| r.get::<_, Option<String>>(i);
            let row = (|| -> Result<Row, rusqlite::Error> {
                Ok(Row {
                    story: r.get(0)?,
                    doc_id: r.get(1)?,
                    outlet: get(2)?,
                    url: get(3)?,
                    published: get(4)?,
                    title: get(5)?,
                    sentence: get(6)?.unwrap_or_default(),
                    event,
                })
            })()
            .map_err(|e| self.err(e))?;
            f(row)?;
            n += 1;
        }
        Ok(n)
    }

    /// Writes the events of `q` (or the articles that have them, for
    /// [`ExportFormat::Jsonl`]) to `w` in `format`; `name` names the output in errors.
    /// Returns the number of lines written (records, not counting a CSV header).
    pub fn export(
        &self,
        format: ExportFormat,
        q: &EventQuery,
        w: &mut dyn Write,
        name: &str,
    ) -> Result<u64, StoreError> {
        match format {
            ExportFormat::Jsonl => self.export_articles(q, w, name),
            ExportFormat::Plover => self.each_event(q, |row| {
                let line = plover_record(&row);
                serde_json::to_writer(&mut *w, &line).map_err(|e| StoreError::Io {
                    path: name.to_string(),
                    message: e.to_string(),
                })?;
                w.write_all(b"\n").map_err(|e| io_err(name, e))
            }),
            ExportFormat::Parquet => self.export_parquet(q, w, name),
            ExportFormat::Csv => {
                writeln!(w, "{}", CSV_COLUMNS.join(",")).map_err(|e| io_err(name, e))?;
                self.each_event(q, |row| {
                    let fields = csv_record(&row);
                    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                    writeln!(w, "{}", line.join(",")).map_err(|e| io_err(name, e))
                })
            }
        }
    }

    /// The articles with events matching `q` (every article when `q` is empty), rebuilt in
    /// the output contract.
    fn export_articles(
        &self,
        q: &EventQuery,
        w: &mut dyn Write,
        name: &str,
    ) -> Result<u64, StoreError> {
        let ids: Vec<i64> = if *q == EventQuery::default() {
            let mut st = self
                .conn()
                .prepare("SELECT id FROM articles ORDER BY id")
                .map_err(|e| self.err(e))?;
            let rows = st.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?
        } else {
            let (clause, args) = self.event_filter(q)?;
            let sql = format!(
                "SELECT DISTINCT e.article FROM events e JOIN articles a ON a.id = e.article {clause} ORDER BY 1"
            );
            let mut st = self.conn().prepare(&sql).map_err(|e| self.err(e))?;
            let rows = st
                .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?
        };
        for &id in &ids {
            let out = self.article_output(id)?;
            serde_json::to_writer(&mut *w, &out).map_err(|e| StoreError::Io {
                path: name.to_string(),
                message: e.to_string(),
            })?;
            w.write_all(b"\n").map_err(|e| io_err(name, e))?;
        }
        Ok(ids.len() as u64)
    }

    /// One stored article, rebuilt in the output contract.
    pub fn article_output(&self, article: i64) -> Result<Output, StoreError> {
        let c = self.conn();
        let corrupt = |what: &str, e: serde_json::Error| StoreError::Corrupt {
            path: self.path().display().to_string(),
            what: format!("{what} of article {article}"),
            message: e.to_string(),
        };
        let mut out = c
            .query_row(
                "SELECT doc_id, published, title, outlet, url, text FROM articles WHERE id = ?1",
                [article],
                |r| {
                    Ok(Output {
                        id: r.get(0)?,
                        published: r.get(1)?,
                        title: r.get(2)?,
                        outlet: r.get(3)?,
                        url: r.get(4)?,
                        text: r.get(5)?,
                        sentences: Vec::new(),
                        entities: Vec::new(),
                        actors: Vec::new(),
                        events: Vec::new(),
                        relations: Vec::new(),
                    })
                },
            )
            .map_err(|e| self.err(e))?;
        let rows = |sql: &str| -> Result<Vec<Vec<Value>>, StoreError> {
            let mut st = c.prepare_cached(sql).map_err(|e| self.err(e))?;
            let n = st.column_count();
            let rows = st
                .query_map([article], |r| {
                    (0..n).map(|i| r.get::<_, Value>(i)).collect()
                })
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
        };
        let int = |v: &Value| match v {
            Value::Integer(i) => *i,
            _ => 0,
        };
        let text = |v: &Value| match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        };
        for r in rows("SELECT start, end, headline FROM sentences WHERE article = ?1 ORDER BY idx")?
        {
            out.sentences.push(OutputSentence {
                start: int(&r[0]) as u32,
                end: int(&r[1]) as u32,
                headline: int(&r[2]) != 0,
            });
        }
        for r in rows(
            "SELECT json_object('start', start, 'end', end, 'text', text, 'type', type,
                                'actor', actor, 'rule', rule)
             FROM entities WHERE article = ?1 ORDER BY id",
        )? {
            let e: OutputEntity = serde_json::from_str(&text(&r[0]).unwrap_or_default())
                .map_err(|e| corrupt("an entity", e))?;
            out.entities.push(e);
        }
        for r in rows(
            "SELECT json_object('id', x.id, 'name', x.name, 'code', x.code, 'sector', x.sector,
                                'kind', x.kind)
             FROM article_actors aa JOIN actors x ON x.id = aa.actor WHERE aa.article = ?1
             ORDER BY x.id",
        )? {
            let a: Actor = serde_json::from_str(&text(&r[0]).unwrap_or_default())
                .map_err(|e| corrupt("an actor", e))?;
            out.actors.push(a);
        }
        for r in rows("SELECT record FROM events WHERE article = ?1 ORDER BY id")? {
            let e: Event = serde_json::from_str(&text(&r[0]).unwrap_or_default())
                .map_err(|e| corrupt("an event", e))?;
            out.events.push(e);
        }
        for r in rows("SELECT record FROM relations WHERE article = ?1 ORDER BY id")? {
            let rel: Relation = serde_json::from_str(&text(&r[0]).unwrap_or_default())
                .map_err(|e| corrupt("a relation", e))?;
            out.relations.push(rel);
        }
        Ok(out)
    }
}

/// Columns that Parquet stores as 64-bit integers.
const INT_COLUMNS: &[&str] = &[
    "story_id",
    "geonameid",
    "dead",
    "injured",
    "arrested",
    "hostages",
    "evidence_start",
    "evidence_end",
];
/// Columns that Parquet stores as 64-bit floats.
const FLOAT_COLUMNS: &[&str] = &["lat", "lon", "confidence"];

/// The Arrow schema of the Parquet export: the CSV columns, in order; integers and floats
/// typed (all nullable), everything else UTF-8. Multi-valued role columns are `|`-joined
/// as in CSV.
pub fn parquet_schema() -> arrow_schema::Schema {
    use arrow_schema::{DataType, Field};
    arrow_schema::Schema::new(
        CSV_COLUMNS
            .iter()
            .map(|c| {
                let t = if INT_COLUMNS.contains(c) {
                    DataType::Int64
                } else if FLOAT_COLUMNS.contains(c) {
                    DataType::Float64
                } else {
                    DataType::Utf8
                };
                Field::new(*c, t, true)
            })
            .collect::<Vec<_>>(),
    )
}

/// Rows of the Parquet export waiting for their row group.
struct ParquetRows {
    columns: Vec<Vec<String>>,
}

impl ParquetRows {
    fn new() -> Self {
        ParquetRows {
            columns: vec![Vec::new(); CSV_COLUMNS.len()],
        }
    }

    fn len(&self) -> usize {
        self.columns[0].len()
    }

    fn batch(&mut self, schema: &std::sync::Arc<arrow_schema::Schema>) -> arrow_array::RecordBatch {
        use arrow_array::{ArrayRef, Float64Array, Int64Array, StringArray};
        let arrays: Vec<ArrayRef> = CSV_COLUMNS
            .iter()
            .zip(std::mem::replace(
                &mut self.columns,
                vec![Vec::new(); CSV_COLUMNS.len()],
            ))
            .map(|(c, values)| -> ArrayRef {
                if INT_COLUMNS.contains(c) {
                    std::sync::Arc::new(Int64Array::from(
                        values
                            .iter()
                            .map(|v| v.parse::<i64>().ok())
                            .collect::<Vec<_>>(),
                    ))
                } else if FLOAT_COLUMNS.contains(c) {
                    std::sync::Arc::new(Float64Array::from(
                        values
                            .iter()
                            .map(|v| v.parse::<f64>().ok())
                            .collect::<Vec<_>>(),
                    ))
                } else {
                    std::sync::Arc::new(StringArray::from(
                        values
                            .into_iter()
                            .map(|v| if v.is_empty() { None } else { Some(v) })
                            .collect::<Vec<_>>(),
                    ))
                }
            })
            .collect();
        arrow_array::RecordBatch::try_new(schema.clone(), arrays).expect("columns match the schema")
    }
}

impl Store {
    fn export_parquet(
        &self,
        q: &EventQuery,
        w: &mut dyn Write,
        name: &str,
    ) -> Result<u64, StoreError> {
        use parquet::arrow::ArrowWriter;
        use parquet::basic::Compression;
        use parquet::file::properties::WriterProperties;
        let perr = |e: parquet::errors::ParquetError| StoreError::Io {
            path: name.to_string(),
            message: e.to_string(),
        };
        let schema = std::sync::Arc::new(parquet_schema());
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        // the writer fills a buffer, drained into `w` after every row group, so `w` need
        // not be `Send` and memory stays at one row group
        let mut writer =
            ArrowWriter::try_new(Vec::new(), schema.clone(), Some(props)).map_err(perr)?;
        let mut rows = ParquetRows::new();
        let drain = |writer: &mut ArrowWriter<Vec<u8>>, w: &mut dyn Write| {
            w.write_all(&std::mem::take(writer.inner_mut()))
                .map_err(|e| io_err(name, e))
        };
        let n = self.each_event(q, |row| {
            for (col, v) in rows.columns.iter_mut().zip(csv_record(&row)) {
                col.push(v);
            }
            if rows.len() >= 65_536 {
                writer.write(&rows.batch(&schema)).map_err(perr)?;
                writer.flush().map_err(perr)?;
                drain(&mut writer, w)?;
            }
            Ok(())
        })?;
        if rows.len() > 0 {
            writer.write(&rows.batch(&schema)).map_err(perr)?;
        }
        let rest = writer.into_inner().map_err(perr)?;
        w.write_all(&rest).map_err(|e| io_err(name, e))?;
        Ok(n)
    }
}

/// A PLOVER record: PLOVER's event fields (id, date, type, mode, context, actor and
/// recipient with country and sector, location), plus sitrep's evidence.
fn plover_record(row: &Row) -> Json {
    let ev = &row.event;
    let first = |v: &[RoleFiller]| v.first().cloned();
    let src = first(&ev.source);
    let rcp = first(&ev.recipient);
    let loc = ev.location.as_ref();
    json!({
        "id": ev.id,
        "story_id": row.story,
        "event_date": ev.date.as_ref().and_then(|d| d.value.clone()),
        "event_date_kind": ev.date.as_ref().map(|d| crate::enum_str(&d.kind)),
        "event_type": ev.etype.as_str(),
        "event_mode": ev.mode,
        "event_context": ev.context,
        "quad_code": crate::enum_str(&ev.etype.quad()),
        "cameo_code": ev.cameo,
        "factuality": crate::enum_str(&ev.factuality),
        "actor_name": src.as_ref().map(|r| r.text.clone()),
        "actor_id": src.as_ref().and_then(|r| r.actor.clone()),
        "actor_country": src.as_ref().and_then(|r| r.code.clone()),
        "actor_sector": src.as_ref().and_then(|r| r.sector.clone()),
        "recipient_name": rcp.as_ref().map(|r| r.text.clone()),
        "recipient_id": rcp.as_ref().and_then(|r| r.actor.clone()),
        "recipient_country": rcp.as_ref().and_then(|r| r.code.clone()),
        "recipient_sector": rcp.as_ref().and_then(|r| r.sector.clone()),
        "placename": loc.map(|l| l.name.clone()),
        "country": loc.and_then(|l| l.country.clone()),
        "latitude": loc.and_then(|l| l.lat),
        "longitude": loc.and_then(|l| l.lon),
        "geonameid": loc.and_then(|l| l.geonameid),
        "feature_precision": loc.map(|l| l.precision.clone()),
        "num_killed": ev.size.dead,
        "num_injured": ev.size.injured,
        "num_arrested": ev.size.arrested,
        "num_hostages": ev.size.hostages,
        "source_outlet": row.outlet,
        "url": row.url,
        "headline": row.title,
        "publication_date": row.published,
        "doc_id": row.doc_id,
        "text": row.sentence,
        "rule": ev.rule,
        "confidence": ev.confidence,
    })
}

fn csv_record(row: &Row) -> Vec<String> {
    let ev = &row.event;
    let loc = ev.location.as_ref();
    let attribution: Vec<String> = ev.attribution.iter().map(|a| a.text.clone()).collect();
    vec![
        ev.id.clone(),
        row.story.to_string(),
        row.doc_id.clone(),
        opt(row.outlet.as_ref()),
        opt(row.url.as_ref()),
        opt(row.published.as_ref()),
        opt(ev.date.as_ref().and_then(|d| d.value.as_ref())),
        opt(ev.date.as_ref().map(|d| crate::enum_str(&d.kind))),
        ev.etype.as_str().to_string(),
        opt(ev.mode.as_ref()),
        crate::enum_str(&ev.etype.quad()),
        opt(ev.cameo.as_ref()),
        crate::enum_str(&ev.factuality),
        join(&ev.source, |r| r.actor.clone()),
        join(&ev.source, |r| Some(r.text.clone())),
        join(&ev.source, |r| r.code.clone()),
        join(&ev.recipient, |r| r.actor.clone()),
        join(&ev.recipient, |r| Some(r.text.clone())),
        join(&ev.recipient, |r| r.code.clone()),
        opt(loc.map(|l| l.name.as_str())),
        opt(loc.and_then(|l| l.country.as_ref())),
        opt(loc.and_then(|l| l.lat)),
        opt(loc.and_then(|l| l.lon)),
        opt(loc.and_then(|l| l.geonameid)),
        opt(ev.size.dead),
        opt(ev.size.injured),
        opt(ev.size.arrested),
        opt(ev.size.hostages),
        attribution.join("|"),
        ev.rule.clone(),
        ev.confidence.to_string(),
        row.sentence.clone(),
        ev.evidence.start.to_string(),
        ev.evidence.end.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parquet_schema_types_counts_and_coordinates() {
        let s = parquet_schema();
        assert_eq!(s.fields().len(), CSV_COLUMNS.len());
        assert_eq!(
            s.field_with_name("dead").unwrap().data_type(),
            &arrow_schema::DataType::Int64
        );
        assert_eq!(
            s.field_with_name("lat").unwrap().data_type(),
            &arrow_schema::DataType::Float64
        );
        assert_eq!(
            s.field_with_name("type").unwrap().data_type(),
            &arrow_schema::DataType::Utf8
        );
    }

    #[test]
    fn the_documented_columns_are_the_parquet_schema() {
        let doc = include_str!("../../../EXPORTS.md");
        let documented: Vec<(String, String, bool)> = doc
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                let cells: Vec<&str> = l.split(" | ").map(str::trim).collect();
                (
                    cells[0]
                        .trim_start_matches("| ")
                        .trim_matches('`')
                        .to_string(),
                    cells[1].to_string(),
                    cells[2] == "yes",
                )
            })
            .collect();
        let schema: Vec<(String, String, bool)> = parquet_schema()
            .fields()
            .iter()
            .map(|f| (f.name().clone(), f.data_type().to_string(), f.is_nullable()))
            .collect();
        assert_eq!(
            documented, schema,
            "EXPORTS.md's column table is out of date"
        );
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
