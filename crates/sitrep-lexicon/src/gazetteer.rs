//! The gazetteer: populated places of at least 15,000 people worldwide, from GeoNames
//! (CC BY 4.0), built by `scripts/build-gazetteer.py` into `data/gazetteer/cities15000.tsv`.
//! Names and ASCII alternates are indexed folded (case, diacritics, apostrophes); a name with
//! several places ("Gao" in Mali and in Burkina Faso) is resolved by the caller from context
//! with [`Gazetteer::resolve`].
//!
//! ```
//! let g = sitrep_lexicon::Gazetteer::builtin();
//! let mosul = g.resolve("Mosul", &[]).unwrap();
//! assert_eq!(mosul.country, "IRQ");
//! ```

use std::sync::OnceLock;

use sitrep_text::fold;

/// The built-in gazetteer file.
const BUILTIN: (&str, &str) = (
    "data/gazetteer/cities15000.tsv",
    include_str!("../../../data/gazetteer/cities15000.tsv"),
);

/// One populated place.
#[derive(Debug, Clone, PartialEq)]
pub struct GazEntry {
    /// GeoNames id.
    pub geonameid: u64,
    /// Name as GeoNames gives it.
    pub name: String,
    /// ISO 3166 alpha-3 country code.
    pub country: String,
    /// First-level administrative region code (GeoNames admin1).
    pub admin1: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population.
    pub population: u64,
}

/// A gazetteer line that could not be read, as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GazetteerError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Places indexed by folded name.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<GazEntry>,
    by_name: sitrep_text::hash::StrMap<Vec<u32>>,
}

impl Gazetteer {
    /// The built-in gazetteer, parsed once per process.
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            // the built-in file is checked by a test; a bad line is skipped, never fatal here
            Gazetteer::parse(BUILTIN.0, BUILTIN.1).unwrap_or_else(|(g, _)| g)
        })
    }

    /// Parses a gazetteer file (tab-separated, header line first). On errors, returns the
    /// places that could be read together with every error (file, line, what).
    pub fn parse(file: &str, text: &str) -> Result<Gazetteer, (Gazetteer, Vec<GazetteerError>)> {
        let mut g = Gazetteer::default();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            match parse_line(line) {
                Ok((entry, alternates)) => {
                    let idx = g.entries.len() as u32;
                    let mut keys: Vec<String> = std::iter::once(entry.name.as_str())
                        .chain(alternates.split('|').filter(|a| !a.is_empty()))
                        .map(fold)
                        .collect();
                    keys.sort();
                    keys.dedup();
                    for k in keys {
                        g.by_name.entry(k).or_default().push(idx);
                    }
                    g.entries.push(entry);
                }
                Err(message) => errors.push(GazetteerError {
                    file: file.to_string(),
                    line: i + 1,
                    message,
                }),
            }
        }
        if errors.is_empty() {
            Ok(g)
        } else {
            Err((g, errors))
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no places.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every place called `name` (any case, diacritics ignored).
    pub fn lookup(&self, name: &str) -> Vec<&GazEntry> {
        self.by_name
            .get(&fold(name))
            .map(|ix| ix.iter().map(|&i| &self.entries[i as usize]).collect())
            .unwrap_or_default()
    }

    /// The place called `name` that the context favors: one in a country of `countries` (the
    /// countries the article mentions, most relevant first), else the most populous.
    pub fn resolve(&self, name: &str, countries: &[&str]) -> Option<&GazEntry> {
        let all = self.lookup(name);
        for c in countries {
            if let Some(e) = all
                .iter()
                .filter(|e| e.country == *c)
                .max_by_key(|e| e.population)
            {
                return Some(e);
            }
        }
        all.into_iter().max_by_key(|e| e.population)
    }
}

fn parse_line(line: &str) -> Result<(GazEntry, &str), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 8 {
        return Err(format!(
            "expected 8 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let num = |i: usize, what: &str| -> Result<f64, String> {
        cols[i]
            .parse::<f64>()
            .map_err(|_| format!("{what} {:?} is not a number", cols[i]))
    };
    let (lat, lon) = (num(5, "latitude")?, num(6, "longitude")?);
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates out of range: {lat}, {lon}"));
    }
    let geonameid = cols[0]
        .parse::<u64>()
        .map_err(|_| format!("GeoNames id {:?} is not a number", cols[0]))?;
    let population = cols[7]
        .parse::<u64>()
        .map_err(|_| format!("population {:?} is not a number", cols[7]))?;
    if cols[1].trim().is_empty() {
        return Err("empty name".into());
    }
    if cols[3].len() != 3 || !cols[3].bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("country {:?} is not an ISO alpha-3 code", cols[3]));
    }
    Ok((
        GazEntry {
            geonameid,
            name: cols[1].to_string(),
            country: cols[3].to_string(),
            admin1: cols[4].to_string(),
            lat,
            lon,
            population,
        },
        cols[2],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_file_is_clean_and_large() {
        let g = Gazetteer::parse(BUILTIN.0, BUILTIN.1)
            .map_err(|(_, e)| e)
            .unwrap();
        assert!(g.len() > 30_000, "{} places", g.len());
    }

    #[test]
    fn ambiguous_names_follow_context_then_population() {
        let g = Gazetteer::builtin();
        let gaos = g.lookup("Gao");
        assert!(gaos.len() >= 2, "Gao is ambiguous in GeoNames");
        assert_eq!(g.resolve("Gao", &[]).unwrap().country, "MLI", "the largest");
        assert_eq!(
            g.resolve("GAO", &["BFA"]).unwrap().country,
            "BFA",
            "context wins"
        );
        assert_eq!(
            g.resolve("Al Mawsil", &[]).unwrap().name,
            "Mosul",
            "alternate names"
        );
        assert!(g.resolve("Nowhereville", &[]).is_none());
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line() {
        let text = "header\n1\tA\t\tIRQ\t01\t1.0\t2.0\t100\n2\tB\t\tIRQ\t01\tx\t2.0\t100\n3\tC\t\tiq\t01\t1\t2\t5\n4\tD\n";
        let (g, errors) = Gazetteer::parse("g.tsv", text).unwrap_err();
        assert_eq!(g.len(), 1, "good lines are kept");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3);
        assert!(shown[0].starts_with("g.tsv:3: latitude"), "{shown:?}");
        assert!(shown[1].starts_with("g.tsv:4: country"), "{shown:?}");
        assert!(shown[2].starts_with("g.tsv:5: expected 8"), "{shown:?}");
    }
}
