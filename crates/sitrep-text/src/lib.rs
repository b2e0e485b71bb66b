//! Byte-offset spans and text normalization, the bottom of sitrep's crate graph.
//!
//! Every offset in sitrep is a byte offset into the immutable article text. A [`Span`] is
//! half-open, `[start, end)`, and `span.slice(text)` is always valid for a span produced by
//! sitrep over that text (spans lie on char boundaries).
//!
//! ```
//! use sitrep_text::{fold, Span};
//! let text = "Kata’ib Hezbollah said";
//! let span = Span::new(0, 19);
//! assert_eq!(span.slice(text), "Kata’ib Hezbollah");
//! assert_eq!(fold("Kata’ib Hézbollah"), "kata'ib hezbollah");
//! ```
#![deny(missing_docs)]

mod calendar;
mod fold;
pub mod hash;
mod span;

pub use calendar::{is_calendar_word, month_number, WEEKDAYS};
pub use fold::{fold, fold_char, fold_into, is_apostrophe, is_dash, is_quote};
pub use span::Span;
