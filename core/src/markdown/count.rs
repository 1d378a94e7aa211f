//! Counting words as word processors and the UN documents services do: the words of the
//! text and its footnotes, not markdown's marks; in Chinese and Japanese each character
//! counts as a word.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Words a reader would count in the markdown's text.
pub fn word_count(markdown: &str) -> usize {
    // The text is gathered first because one word can arrive in several events ("State’s"
    // with smart quotes, "un*believ*able").
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, super::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {}
            _ => text.push(' '),
        }
    }
    count_words(&text)
}

/// Speaking time of a statement at a measured pace of 130 words a minute, in whole seconds.
pub fn speaking_seconds(words: usize) -> u64 {
    (words as u64 * 60).div_ceil(130)
}

/// As word processors count: a run without spaces that holds a letter or digit is one
/// word ("A/70/174," is one), and each ideograph is a word of its own.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .map(|token| {
            let ideographs = token.chars().filter(|&c| is_ideograph(c)).count();
            let rest = token.split(is_ideograph).any(|run| run.chars().any(char::is_alphanumeric));
            ideographs + usize::from(rest)
        })
        .sum()
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_a_reader_counts_them() {
        for (markdown, words) in [
            ("", 0),
            ("Mr Chair,", 2),
            ("## Heading\n\nThe State's *own* capacity-building.", 5),
            ("See A/70/174, para. 13(a).", 4),
            ("It costs 1,000.50 dollars.", 4),
            ("- one\n- two\n\n> three", 3),
            ("Text.[^1]\n\n[^1]: A footnote here.", 4),
            ("各国应当合作", 6),
            ("Государства должны сотрудничать.", 3),
            ("[link text](https://example.org/a-b-c)", 2),
        ] {
            assert_eq!(word_count(markdown), words, "{markdown:?}");
        }
    }

    #[test]
    fn speaking_time_is_rounded_up() {
        assert_eq!(speaking_seconds(0), 0);
        assert_eq!(speaking_seconds(130), 60);
        assert_eq!(speaking_seconds(650), 300);
        assert_eq!(speaking_seconds(131), 61);
    }
}
