use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// First byte of the span.
    pub start: u32,
    /// One past the last byte of the span.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`; panics in debug builds when `end < start`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span end {end} before start {start}");
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span as a `usize` range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers. Returns `""` when the span is out of bounds or not on
    /// char boundaries, so that a bad span never panics.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range()).unwrap_or("")
    }

    /// True when the span lies inside `text` and on char boundaries.
    pub fn is_valid_in(&self, text: &str) -> bool {
        self.start <= self.end && text.get(self.range()).is_some()
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_out_of_bounds_is_empty_not_panic() {
        let s = Span::new(3, 40);
        assert_eq!(s.slice("short"), "");
        assert!(!s.is_valid_in("short"));
    }

    #[test]
    fn slice_off_char_boundary_is_empty() {
        let text = "a’b";
        assert!(!Span::new(0, 2).is_valid_in(text));
        assert!(Span::new(0, 4).is_valid_in(text));
        assert_eq!(Span::new(1, 4).slice(text), "’");
    }

    #[test]
    fn overlap_and_cover() {
        let a = Span::new(0, 5);
        let b = Span::new(5, 9);
        assert!(!a.overlaps(b));
        assert!(a.overlaps(Span::new(4, 6)));
        assert_eq!(a.cover(b), Span::new(0, 9));
        assert!(a.cover(b).contains(b));
    }
}
