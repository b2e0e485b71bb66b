//! Month and weekday names: capitalized in text, never names of actors, and the anchors of
//! date expressions. One list for every stage.

/// Month names and abbreviations with their number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Weekday names, Monday first.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month number of a folded month name or abbreviation ("oct", "oct.", "october").
pub fn month_number(folded: &str) -> Option<u32> {
    let w = folded.strip_suffix('.').unwrap_or(folded);
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

/// True for a folded full month or weekday name, "today" or "yesterday".
pub fn is_calendar_word(folded: &str) -> bool {
    WEEKDAYS.contains(&folded)
        || matches!(folded, "today" | "yesterday")
        || (folded.len() > 3 && month_number(folded).is_some())
        || folded == "may"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month_number("oct."), Some(10));
        assert_eq!(month_number("October"), None, "input is folded");
        assert!(is_calendar_word("monday") && is_calendar_word("may") && is_calendar_word("sept"));
        assert!(
            !is_calendar_word("mar"),
            "abbreviations that are words are not calendar words"
        );
        assert!(!is_calendar_word("hamas"));
    }
}
