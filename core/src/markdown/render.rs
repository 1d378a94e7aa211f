//! Markdown to safe HTML: the preview. Paragraphs carry the numbers and letters the
//! submission gives them, and block elements the source line they start on
//! (`data-line`), so the preview can follow the editor.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, TextMergeWithOffset, html};

use super::numbering::{item_label, typed_label};

/// Renders markdown to HTML that is safe to put into the app's page: raw HTML in the
/// markdown is cut down to harmless formatting — no scripts, no event handlers, no
/// `javascript:` links, no styles beyond text alignment, and no images that would be
/// fetched from anywhere (only images embedded as data are kept).
pub fn render_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let mut events: Vec<(Event, Range<usize>)> = TextMergeWithOffset::new(Parser::new_ext(markdown, super::options()).into_offset_iter()).collect();
    if raw_html_depth(events.iter().map(|(e, _)| e)) > MAX_RAW_HTML_DEPTH {
        // Markup nested this deep is an attack, not a paper (the sanitiser's parser slows
        // down with depth): show it as the text it is.
        for (event, _) in &mut events {
            if let Event::Html(t) | Event::InlineHtml(t) = event {
                *event = Event::Text(std::mem::replace(t, CowStr::Borrowed("")));
            }
        }
    }
    html::push_html(&mut raw, numbered(markdown, events).into_iter());
    SANITIZER.clean(&raw).to_string()
}

/// The events with each block's opening tag written out with its source line, and each
/// list item and typed "(a) …" paragraph with its label as the exports set it.
fn numbered<'a>(markdown: &str, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
    let line_starts: Vec<usize> = std::iter::once(0).chain(markdown.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let mut out = Vec::with_capacity(events.len());
    // The next number of each open list (None for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let (mut quote, mut in_note) = (0usize, false);
    // An item's first paragraph carries the item's label, never a typed one.
    let mut item_opened = false;
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        let at = line(range.start);
        let tag = |html: String| Event::Html(CowStr::from(html));
        match event {
            Event::Start(Tag::Paragraph) => {
                let typed = match events.peek() {
                    Some((Event::Text(text), _)) if quote == 0 && !in_note && !item_opened => typed_label(text).map(|t| (t.label, t.rest.to_string())),
                    _ => None,
                };
                item_opened = false;
                if let Some((label, rest)) = typed {
                    events.next();
                    out.push(tag(format!(r#"<p class="sub-paragraph" data-line="{at}"><span class="para-number">{label}</span>"#)));
                    out.push(Event::Text(rest.into()));
                } else {
                    out.push(tag(format!(r#"<p data-line="{at}">"#)));
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                item_opened = false;
                let mut open = format!(r#"<{level} data-line="{at}""#);
                if let Some(id) = id {
                    open.push_str(r#" id=""#);
                    // Writing to a String cannot fail.
                    let _ = pulldown_cmark_escape::escape_html(&mut open, &id);
                    open.push('"');
                }
                open.push('>');
                out.push(tag(open));
            }
            Event::Start(Tag::List(start)) => {
                item_opened = false;
                lists.push(start);
                out.push(Event::Start(Tag::List(start)));
            }
            Event::End(TagEnd::List(ordered)) => {
                lists.pop();
                out.push(Event::End(TagEnd::List(ordered)));
            }
            Event::Start(Tag::Item) => {
                let depth = lists.len();
                let number = lists.last().copied().flatten();
                if let Some(Some(next)) = lists.last_mut() {
                    *next += 1;
                }
                item_opened = true;
                out.push(tag(format!(r#"<li data-line="{at}"><span class="para-number">{}</span>"#, item_label(depth, number))));
            }
            Event::End(TagEnd::Item) => {
                item_opened = false;
                out.push(Event::End(TagEnd::Item));
            }
            Event::Start(Tag::BlockQuote(_)) => {
                item_opened = false;
                quote += 1;
                out.push(tag(format!(r#"<blockquote data-line="{at}">"#)));
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                quote = quote.saturating_sub(1);
                out.push(Event::End(TagEnd::BlockQuote(kind)));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                in_note = true;
                out.push(Event::Start(Tag::FootnoteDefinition(name)));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_note = false;
                out.push(Event::End(TagEnd::FootnoteDefinition));
            }
            other => out.push(other),
        }
    }
    out
}

const MAX_RAW_HTML_DEPTH: usize = 100;

/// Elements that never close, and so never nest.
const VOID: [&str; 14] = ["br", "hr", "img", "input", "meta", "link", "wbr", "area", "col", "embed", "source", "track", "param", "base"];

/// How deep the raw HTML in the markdown nests its elements, roughly: opening tags less
/// closing ones, at the deepest.
fn raw_html_depth<'e>(events: impl Iterator<Item = &'e Event<'e>>) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for event in events {
        if let Event::Html(t) | Event::InlineHtml(t) = event {
            for tag in t.split('<').skip(1) {
                if tag.starts_with('/') {
                    depth = depth.saturating_sub(1);
                } else if tag.starts_with(|c: char| c.is_ascii_alphabetic())
                    && !tag.split('>').next().unwrap_or("").ends_with('/')
                    && !VOID.iter().any(|v| tag.len() >= v.len() && tag[..v.len()].eq_ignore_ascii_case(v) && !tag[v.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()))
                {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
        }
    }
    deepest
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        // `data:` is let through here only for embedded images; the filter below drops it elsewhere.
        .url_schemes(HashSet::from(["http", "https", "mailto", "data"]))
        .link_rel(Some("noopener noreferrer"))
        // Footnotes link to their definitions by id and class.
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        // The source line a block starts on, for the preview to follow the editor.
        .add_tag_attributes("p", ["data-line"])
        .add_tag_attributes("li", ["data-line"])
        .add_tag_attributes("blockquote", ["data-line"])
        .add_tag_attributes("h1", ["data-line"])
        .add_tag_attributes("h2", ["data-line"])
        .add_tag_attributes("h3", ["data-line"])
        .add_tag_attributes("h4", ["data-line"])
        .add_tag_attributes("h5", ["data-line"])
        .add_tag_attributes("h6", ["data-line"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        .allowed_classes(HashMap::from([
            ("sup", HashSet::from(["footnote-reference", "footnote-definition-label"])),
            ("div", HashSet::from(["footnote-definition"])),
            ("span", HashSet::from(["para-number"])),
            ("p", HashSet::from(["sub-paragraph"])),
        ]))
        .attribute_filter(|element, attribute, value| {
            if attribute == "data-line" && !(!value.is_empty() && value.len() <= 9 && value.bytes().all(|b| b.is_ascii_digit())) {
                return None;
            }
            let embedded = is_embedded_image(value);
            if element == "img" && attribute == "src" && !embedded {
                return None;
            }
            if value.trim_start().to_ascii_lowercase().starts_with("data:") && !(element == "img" && embedded) {
                return None;
            }
            Some(value.into())
        });
    builder
});

fn is_embedded_image(src: &str) -> bool {
    let src = src.trim_start().to_ascii_lowercase();
    ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"]
        .iter()
        .any(|prefix| src.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::render_html;

    fn check(markdown: &str, expected: &str) {
        assert_eq!(render_html(markdown).trim(), expected, "for {markdown:?}");
    }

    #[test]
    fn drafting_markdown_renders() {
        check("Text with *emphasis* and **strong**.", r#"<p data-line="1">Text with <em>emphasis</em> and <strong>strong</strong>.</p>"#);
        check("\"Agreed\" -- it's", r#"<p data-line="1">“Agreed” – it’s</p>"#);
        check("~~deleted~~", r#"<p data-line="1"><del>deleted</del></p>"#);
        check("| a | b |\n|:--|--:|\n| 1 | 2 |", "<table><thead><tr><th style=\"text-align:left\">a</th><th style=\"text-align:right\">b</th></tr></thead><tbody>\n<tr><td style=\"text-align:left\">1</td><td style=\"text-align:right\">2</td></tr>\n</tbody></table>");
    }

    #[test]
    fn paragraphs_carry_the_numbers_and_letters_of_the_submission() {
        // A section whose list goes on from the previous section's numbering.
        let html = render_html("12. States should cooperate.\n13. They should also:\n    1. share;\n    2. assist.\n");
        let labels: Vec<&str> = html.split(r#"<span class="para-number">"#).skip(1).map(|s| s.split('<').next().unwrap()).collect();
        assert_eq!(labels, ["12.", "13.", "(a)", "(b)"], "{html}");
        check("- one", "<ul>\n<li data-line=\"1\"><span class=\"para-number\">•</span>one</li>\n</ul>");
    }

    #[test]
    fn a_typed_letter_starts_a_hanging_sub_paragraph_but_not_in_a_quotation() {
        let html = render_html("5. Trends:\n\n   (a) the first;\n\n   (b) the second.\n\n> (c) quoted\n\n(a)joined");
        assert!(html.contains(r#"<p class="sub-paragraph" data-line="3"><span class="para-number">(a)</span>the first;</p>"#), "{html}");
        assert!(html.contains(r#"<span class="para-number">(b)</span>the second."#), "{html}");
        assert!(html.contains(r#"<p data-line="7">(c) quoted</p>"#), "{html}");
        assert!(html.contains(r#"<p data-line="9">(a)joined</p>"#), "{html}");
    }

    #[test]
    fn blocks_carry_their_source_line() {
        let html = render_html("## Norms {#norms}\n\nFirst\nparagraph.\n\n> Quoted\n\n1. Item");
        for expected in [r#"<h2 data-line="1" id="norms">"#, r#"<p data-line="3">First"#, r#"<blockquote data-line="6">"#, r#"<li data-line="8">"#] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }

    #[test]
    fn a_line_attribute_in_raw_html_is_kept_only_as_a_number() {
        let html = render_html("<p data-line=\"javascript:x\" data-other=\"1\">a</p>\n\n<p data-line=\"7\">b</p>");
        assert!(!html.contains("javascript") && !html.contains("data-other"), "{html}");
        assert!(html.contains(r#"data-line="7""#), "{html}");
    }

    #[test]
    fn footnotes_keep_their_links() {
        let html = render_html("A claim.[^1]\n\n[^1]: A/70/174, para. 13.");
        assert!(html.contains(r##"<sup class="footnote-reference"><a href="#1""##), "{html}");
        assert!(html.contains(r#"<div class="footnote-definition" id="1">"#), "{html}");
    }

    #[test]
    fn hostile_html_is_disarmed() {
        for (markdown, forbidden) in [
            ("<script>alert(1)</script>", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("[click](javascript:alert(1))", "javascript:"),
            ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "alert"),
            ("![tracker](https://example.org/pixel.png)", "example.org"),
            ("<img src=\"http://example.org/a.png\">", "example.org"),
            ("<p style=\"background:url(http://example.org/x)\">x</p>", "example.org"),
            ("<iframe src=\"https://example.org\"></iframe>", "iframe"),
            ("<svg><script>alert(1)</script></svg>", "script"),
            ("<object data=\"x.swf\"></object>", "object"),
            ("<form action=\"https://example.org\"><input></form>", "form"),
            ("<div onclick=\"alert(1)\">x</div>", "onclick"),
            ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
            ("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "data:"),
        ] {
            let html = render_html(markdown);
            assert!(!html.to_lowercase().contains(forbidden), "{markdown:?} gave {html:?}");
        }
    }

    #[test]
    fn ordinary_raw_html_is_kept_and_only_deep_nesting_becomes_text() {
        let breaks = "line<br>".repeat(300);
        assert_eq!(render_html(&breaks).matches("<br>").count(), 300, "void elements do not nest");
        let deep = format!("{}x", "<div>".repeat(150));
        assert!(render_html(&deep).contains("&lt;div&gt;"), "deep nesting is shown as text");
        assert!(render_html("a <sub>2</sub> b").contains("<sub>2</sub>"));
    }

    #[test]
    fn embedded_images_and_plain_links_stay() {
        let html = render_html("![seal](data:image/png;base64,iVBORw0KGgo=) [UN](https://www.un.org)");
        assert!(html.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""), "{html}");
        assert!(html.contains("href=\"https://www.un.org\""), "{html}");
    }
}
