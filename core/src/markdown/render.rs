//! Markdown to safe HTML.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Parser, html};

/// Renders markdown to HTML that is safe to put into the app's page: raw HTML in the
/// markdown is cut down to harmless formatting — no scripts, no event handlers, no
/// `javascript:` links, no styles beyond text alignment, and no images that would be
/// fetched from anywhere (only images embedded as data are kept).
pub fn render_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, super::options()));
    SANITIZER.clean(&raw).to_string()
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
    fn embedded_images_and_plain_links_stay() {
        let html = render_html("![seal](data:image/png;base64,iVBORw0KGgo=) [UN](https://www.un.org)");
        assert!(html.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""), "{html}");
        assert!(html.contains("href=\"https://www.un.org\""), "{html}");
    }
}
