//! Paragraph numbers and letters as the submission shows them: a top-level ordered item is
//! one of the paper's numbered paragraphs ("12."), a deeper one a lettered sub-paragraph
//! ("(a)"), and "(a) …" typed at the start of a paragraph is a sub-paragraph too. The
//! preview and the exports label from here, so they cannot disagree.

/// The label of a list item at `depth` (1 for the paper's numbered paragraphs) with its
/// number in an ordered list, or a bullet.
pub(crate) fn item_label(depth: usize, number: Option<u64>) -> String {
    match number {
        Some(n) if depth <= 1 => format!("{n}."),
        Some(n) => format!("({})", letter(n)),
        None => "•".to_string(),
    }
}

/// 1 → "a", 26 → "z", 27 → "aa".
pub(crate) fn letter(n: u64) -> String {
    let mut s = String::new();
    let mut n = n.max(1) - 1;
    loop {
        s.insert(0, (b'a' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

/// A sub-paragraph label typed at the start of a paragraph's text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TypedLabel<'a> {
    /// "(a)", "(bb)" or "(iv)", as typed.
    pub label: String,
    /// Its number when it is a letter (a = 1, z = 26, aa = 27); a roman numeral has none.
    pub number: Option<u64>,
    /// The text after the label.
    pub rest: &'a str,
}

/// "(a) the first;" → the label "(a)", number 1, and "the first;".
pub(crate) fn typed_label(text: &str) -> Option<TypedLabel<'_>> {
    let text = text.trim_start();
    let inner = text.strip_prefix('(')?.split_once(')')?.0;
    let rest = &text[inner.len() + 2..];
    let roman = inner.len() <= 5 && inner.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let lettered = (1..=2).contains(&inner.len()) && inner.chars().all(|c| c == inner.chars().next().unwrap_or(' ') && c.is_ascii_lowercase());
    if !(roman || lettered) || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    // "(i)" may be the ninth letter or the first roman numeral; either way it keeps the
    // label as typed, and only plain letters get a number.
    let number = (lettered && !roman).then(|| u64::from(inner.as_bytes()[0] - b'a') + 1 + 26 * (inner.len() as u64 - 1));
    Some(TypedLabel { label: format!("({inner})"), number, rest: rest.trim_start() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_go_on_after_z() {
        assert_eq!(letter(1), "a");
        assert_eq!(letter(26), "z");
        assert_eq!(letter(27), "aa");
    }

    #[test]
    fn items_are_numbered_at_the_top_and_lettered_below() {
        assert_eq!(item_label(1, Some(12)), "12.");
        assert_eq!(item_label(2, Some(3)), "(c)");
        assert_eq!(item_label(3, None), "•");
    }

    #[test]
    fn typed_labels_are_letters_or_roman_numerals_followed_by_a_space() {
        assert_eq!(typed_label("(b) the second").map(|t| (t.label, t.number, t.rest)), Some(("(b)".into(), Some(2), "the second")));
        assert_eq!(typed_label("(aa) more").and_then(|t| t.number), Some(27));
        assert_eq!(typed_label("(iv) roman").map(|t| (t.label, t.number)), Some(("(iv)".into(), None)));
        assert_eq!(typed_label("(ab) mixed"), None);
        assert_eq!(typed_label("(a)joined"), None);
        assert_eq!(typed_label("(see above) text"), None);
    }
}
