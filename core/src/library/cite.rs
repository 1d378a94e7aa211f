//! A reference written out in full for a footnote: what kind of text it is and how it was
//! adopted, as delegations ask (seed 000: "saying when there was a vote").

use super::{AgreedText, Kind};
use crate::reference::Reference;

/// "General Assembly resolution 73/27 of 5 December 2018 (adopted by a recorded vote of 119
/// to 46, with 14 abstentions), para. 1.3." or "Report of the Group … (A/70/174), para. 13(a)."
pub fn footnote(document: &AgreedText, reference: &Reference) -> String {
    let mut text = match (document.kind, document.symbol.resolution_number()) {
        (Kind::Resolution, Some(number)) => {
            let mut text = format!("{} resolution {number}", document.body.as_deref().unwrap_or("General Assembly"));
            if let Some(date) = document.date.as_deref().and_then(long_date) {
                text.push_str(&format!(" of {date}"));
            }
            if let Some(adoption) = document.adoption {
                text.push_str(&format!(" ({})", adoption.describe()));
            }
            text
        }
        _ => format!("{} ({})", document.title.trim_end_matches('.'), document.symbol),
    };
    let locator = reference.locator.trim().trim_end_matches(['.', ',', ';']);
    if !locator.is_empty() {
        text.push_str(", ");
        text.push_str(&locator.replace(" - ", "–").replacen('-', "–", usize::from(reference.range)));
    }
    text.push('.');
    text
}

/// "2018-12-05" → "5 December 2018".
fn long_date(date: &str) -> Option<String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(date, format).ok()?;
    Some(format!("{} {} {}", date.day(), date.month(), date.year()))
}
