//! References to agreed texts in a draft, written in Pandoc's citation syntax with UN
//! document symbols as keys: `[@A/70/174, para. 13(a)]`, `[@A/RES/73/27, paras. 1.1-1.3]`,
//! `[@A/80/257, annex I, para. 3]`, `[@A/RES/99/1, preamble, para. 2]`, several in one
//! bracket separated by `;`.

use std::ops::Range;

use serde::Serialize;

/// One reference: a document and, optionally, where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// The symbol as written, without the `@`: "A/70/174".
    pub symbol: String,
    /// The annex it points into, as written: "I" in "annex I, para. 3".
    pub annex: Option<String>,
    /// Whether it points into a resolution's preamble: "preamble, para. 2".
    pub preamble: bool,
    /// The paragraph labels cited: ["13(a)"], or the two ends of a range ["1.1", "1.3"].
    pub paragraphs: Vec<String>,
    /// Whether `paragraphs` is a range (first to last) rather than a list.
    pub range: bool,
    /// The locator as written after the symbol: "para. 13(a)".
    pub locator: String,
    /// The whole reference as written: "@A/70/174, para. 13(a)".
    pub written: String,
}

/// A bracket of references in the text, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Byte range of the whole bracket in the text.
    pub span: Range<usize>,
    pub references: Vec<Reference>,
}

/// Every citation bracket in a text, in order. A bracket that does not start with `[@`
/// is ordinary text and is left alone.
pub fn citations(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("[@") {
        let start = from + at;
        let Some(len) = text[start..].find(']') else { break };
        let inner = &text[start + 1..start + len];
        // A nested bracket means this was not a citation; go on after its opening.
        if inner.contains('[') {
            from = start + 2;
            continue;
        }
        let references: Option<Vec<Reference>> = inner.split(';').map(|part| parse_reference(part.trim())).collect();
        if let Some(references) = references {
            found.push(Citation { span: start..start + len + 1, references });
        }
        from = start + len + 1;
    }
    found
}

fn parse_reference(part: &str) -> Option<Reference> {
    let part = part.strip_prefix('@')?;
    let (symbol, locator) = match part.split_once(',') {
        Some((symbol, locator)) => (symbol.trim(), locator.trim()),
        None => (part.trim(), ""),
    };
    if symbol.is_empty() || symbol.contains(char::is_whitespace) {
        return None;
    }
    let mut rest = locator;
    let mut annex = None;
    if let Some(after) = strip_word(rest, "annex") {
        let (name, tail) = after.split_once(',').unwrap_or((after, ""));
        annex = Some(name.trim().to_string());
        rest = tail.trim();
    }
    let preamble = annex.is_none() && strip_word(rest, "preamble").is_some_and(|after| after.is_empty() || after.starts_with(','));
    if preamble {
        rest = rest["preamble".len()..].trim_start().trim_start_matches(',').trim();
    }
    let labels = strip_word(rest, "paras.")
        .or_else(|| strip_word(rest, "para."))
        .or_else(|| strip_word(rest, "paras"))
        .or_else(|| strip_word(rest, "para"))
        .unwrap_or(if annex.is_some() || preamble { rest } else { "" });
    let (paragraphs, range) = match labels.split_once(['-', '–']) {
        Some((first, last)) if !first.trim().is_empty() && !last.trim().is_empty() => {
            (vec![first.trim().to_string(), last.trim().to_string()], true)
        }
        _ => (
            labels.split([',']).flat_map(|l| l.split(" and ")).map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
            false,
        ),
    };
    Some(Reference { symbol: symbol.to_string(), annex, preamble, paragraphs, range, locator: locator.to_string(), written: format!("@{part}") })
}

/// `text` after a leading word (case forgiven), if it starts with it.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| text[word.len()..].trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(String, Option<String>, Vec<String>, bool)> {
        citations(text)
            .into_iter()
            .flat_map(|c| c.references)
            .map(|r| (r.symbol, r.annex, r.paragraphs, r.range))
            .collect()
    }

    fn r(symbol: &str, annex: Option<&str>, paras: &[&str], range: bool) -> (String, Option<String>, Vec<String>, bool) {
        (symbol.into(), annex.map(Into::into), paras.iter().map(|p| p.to_string()).collect(), range)
    }

    #[test]
    fn the_forms_drafters_write_are_read() {
        assert_eq!(refs("as agreed [@A/70/174, para. 13(a)]."), [r("A/70/174", None, &["13(a)"], false)]);
        assert_eq!(refs("[@A/RES/73/27, paras. 1.1-1.3]"), [r("A/RES/73/27", None, &["1.1", "1.3"], true)]);
        assert_eq!(refs("[@A/80/257, annex I, para. 3]"), [r("A/80/257", Some("I"), &["3"], false)]);
        assert_eq!(refs("[@A/RES/73/27]"), [r("A/RES/73/27", None, &[], false)]);
        let preamble = &citations("[@A/RES/99/1, preamble, paras. 2-3]")[0].references[0];
        assert_eq!((preamble.preamble, preamble.paragraphs.clone(), preamble.range), (true, vec!["2".to_string(), "3".to_string()], true));
        assert!(!citations("[@A/RES/99/1, para. 2]")[0].references[0].preamble);
        assert_eq!(
            refs("[@A/70/174, paras. 13(b) and 13(c); @A/76/135, para. 71(f)]"),
            [r("A/70/174", None, &["13(b)", "13(c)"], false), r("A/76/135", None, &["71(f)"], false)]
        );
    }

    #[test]
    fn spans_cover_the_bracket_and_plain_brackets_are_text() {
        let text = "See [the report] and [@A/75/816, para. 7], then [x](y).";
        let found = citations(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.clone()], "[@A/75/816, para. 7]");
        assert!(citations("an email [@ not a symbol]").is_empty());
        assert!(citations("unclosed [@A/70/174, para. 1").is_empty());
    }
}
