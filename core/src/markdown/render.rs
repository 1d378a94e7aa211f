//! Markdown to safe HTML.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, html};

/// Renders markdown to HTML that is safe to put into the app's page: raw HTML in the
/// markdown is cut down to harmless formatting — no scripts, no event handlers, no
/// `javascript:` links, no styles beyond text alignment, and no images that would be
/// fetched from anywhere (only images embedded as data are kept).
pub fn render_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let events: Vec<Event> = Parser::new_ext(markdown, super::options()).collect();
    if raw_html_depth(&events) > MAX_RAW_HTML_DEPTH {
        // Markup nested this deep is an attack, not a paper (the sanitiser's parser slows
        // down with depth): show it as the text it is.
        html::push_html(&mut raw, events.into_iter().map(|e| match e {
            Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
            other => other,
        }));
    } else {
        html::push_html(&mut raw, events.into_iter());
    }
    SANITIZER.clean(&raw).to_string()
}

const MAX_RAW_HTML_DEPTH: usize = 100;

/// Elements that never close, and so never nest.
const VOID: [&str; 14] = ["br", "hr", "img", "input", "meta", "link", "wbr", "area", "col", "embed", "source", "track", "param", "base"];

/// How deep the raw HTML in the markdown nests its elements, roughly: opening tags less
/// closing ones, at the deepest.
fn raw_html_depth(events: &[Event]) -> usize {
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
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        .allowed_classes(HashMap::from([
            ("sup", HashSet::from(["footnote-reference", "footnote-definition-label"])),
            ("div", HashSet::from(["footnote-definition"])),
        ]))
        .attribute_filter(|element, attribute, value| {
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
        check("Text with *emphasis* and **strong**.", "<p>Text with <em>emphasis</em> and <strong>strong</strong>.</p>");
        check("\"Agreed\" -- it's", "<p>“Agreed” – it’s</p>");
        check("~~deleted~~", "<p><del>deleted</del></p>");
        check("| a | b |\n|:--|--:|\n| 1 | 2 |", "<table><thead><tr><th style=\"text-align:left\">a</th><th style=\"text-align:right\">b</th></tr></thead><tbody>\n<tr><td style=\"text-align:left\">1</td><td style=\"text-align:right\">2</td></tr>\n</tbody></table>");
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
