//! Publication dates: `YYYY-MM-DD` and RFC 3339 timestamps.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::IngestError;

/// Parses a publication date: `YYYY-MM-DD`, or a timestamp whose date part is taken as
/// written (RFC 3339 such as `2025-04-08T10:30:00Z` or `2025-04-08T10:30:00+03:00`, also
/// `2025-04-08T10:30:00`, `2025-04-08 10:30:00` and offsets written `+0300`). The date is
/// the local date of the timestamp, not converted to UTC. Surrounding whitespace is ignored.
///
/// ```
/// use sitrep_ingest::parse_date;
/// let d = parse_date("2025-04-08T23:30:00-05:00").unwrap();
/// assert_eq!(d.to_string(), "2025-04-08");
/// let e = parse_date("8 April 2025").unwrap_err();
/// assert_eq!(e.to_string(), "unknown date format \"8 April 2025\": expected YYYY-MM-DD");
/// ```
pub fn parse_date(s: &str) -> Result<NaiveDate, IngestError> {
    let t = s.trim();
    let bad = || IngestError::BadDate {
        file: String::new(),
        line: None,
        id: String::new(),
        value: t.into(),
    };
    if t.len() == 10 {
        return NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad());
    }
    if !looks_like_ymd(t) {
        return Err(bad());
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.date_naive());
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(t, fmt) {
            return Ok(dt.date_naive());
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(dt.date());
        }
    }
    Err(bad())
}

/// Reads the leading `YYYY-MM-DD` of a date-like string, ignoring whatever follows (a time in
/// any notation). Used for HTML metadata, which is written in many near-ISO forms.
pub(crate) fn leading_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if !looks_like_ymd(t) {
        return None;
    }
    NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok()
}

/// True when `s` starts with `DDDD-DD-DD` (digits and dashes).
pub(crate) fn looks_like_ymd(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn accepts_plain_and_timestamp_forms() {
        assert_eq!(parse_date("2025-04-08").unwrap(), d("2025-04-08"));
        assert_eq!(parse_date(" 2025-04-08\n").unwrap(), d("2025-04-08"));
        assert_eq!(parse_date("2025-04-08T10:30:00Z").unwrap(), d("2025-04-08"));
        assert_eq!(
            parse_date("2025-04-08T23:30:00.123-05:00").unwrap(),
            d("2025-04-08")
        );
        assert_eq!(
            parse_date("2025-04-08T01:00:00+0300").unwrap(),
            d("2025-04-08")
        );
        assert_eq!(parse_date("2025-04-08T10:30:00").unwrap(), d("2025-04-08"));
        assert_eq!(parse_date("2025-04-08 10:30").unwrap(), d("2025-04-08"));
    }

    #[test]
    fn rejects_other_forms_with_a_clear_message() {
        for bad in [
            "",
            "08/04/2025",
            "April 8, 2025",
            "2025-4-8",
            "2025-04-08Tnoon",
            "20250408",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert_eq!(e.kind(), "bad-date");
            assert!(e.to_string().contains("expected YYYY-MM-DD"), "{e}");
        }
        let e = parse_date("2025-02-30").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid date \"2025-02-30\": no such calendar day"
        );
    }

    #[test]
    fn leading_date_ignores_the_time() {
        assert_eq!(
            leading_date("2025-04-08T10:30:00.000+0300"),
            Some(d("2025-04-08"))
        );
        assert_eq!(leading_date("2025-04-08"), Some(d("2025-04-08")));
        assert_eq!(leading_date("Tue, 8 Apr 2025"), None);
        assert_eq!(leading_date("2025-13-08"), None);
        assert_eq!(leading_date("2025-04-0é"), None);
    }
}
