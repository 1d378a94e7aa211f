//! Pages as SVG, for the app's look at the pages before the PDF is saved: the same layout
//! the PDF backend draws, each glyph as its outline from the font, so what the drafter sees
//! is the submission's pages, not an approximation in HTML. Only numbers and paths are
//! written, never the paper's text, so nothing in a page can be markup.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};

use super::ExportError;
use super::fonts::{Face, font};
use super::layout::{Document, Item, Run};

/// Each page of the document as a standalone SVG image, in points.
pub fn pages(document: &Document) -> Result<Vec<String>, ExportError> {
    document.pages.iter().map(|page| page_svg(document, &page.items)).collect()
}

fn page_svg(document: &Document, items: &[Item]) -> Result<String, ExportError> {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 {w:.2} {h:.2}" width="{w:.2}" height="{h:.2}"><rect width="100%" height="100%" fill="#fff"/>"##,
        w = document.width,
        h = document.height
    );
    // The outlines this page draws, once each.
    let mut glyphs: BTreeSet<(Face, u16)> = BTreeSet::new();
    for item in items {
        if let Item::Text { run, .. } | Item::Turned { run, .. } = item {
            glyphs.extend(run.glyphs.iter().map(|g| (run.face, g.gid)));
        }
    }
    out.push_str("<defs>");
    for (face, gid) in &glyphs {
        let mut path = Path::default();
        font(*face)?.shaper.outline_glyph(GlyphId(*gid), &mut path);
        let _ = write!(out, r#"<path id="{}" d="{}"/>"#, glyph_id(*face, *gid), path.0);
    }
    out.push_str("</defs>");
    for item in items {
        match item {
            Item::Text { x, y, run } => draw(&mut out, run, &format!("translate({x:.2} {y:.2})"))?,
            Item::Turned { x, y, angle, run } => draw(&mut out, run, &format!("translate({x:.2} {y:.2}) rotate({:.2})", -angle))?,
            Item::Rule { x1, y1, x2, y2, width } => {
                let _ = write!(out, r##"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="#000" stroke-width="{width:.2}"/>"##);
            }
            Item::Link { .. } => {}
        }
    }
    out.push_str("</svg>");
    Ok(out)
}

/// A run: its glyphs placed from its origin, scaled from font units and flipped (fonts
/// measure up, pages down).
fn draw(out: &mut String, run: &Run, origin: &str) -> Result<(), ExportError> {
    let scale = run.size / font(run.face)?.units_per_em;
    let grey = (run.grey.clamp(0.0, 1.0) * 255.0).round() as u8;
    let _ = write!(out, r#"<g transform="{origin} scale({scale:.5} {:.5})" fill="rgb({grey},{grey},{grey})">"#, -scale);
    for g in &run.glyphs {
        let _ = write!(out, r##"<use xlink:href="#{}" x="{:.1}" y="{:.1}"/>"##, glyph_id(run.face, g.gid), g.x / scale, -g.y / scale);
    }
    out.push_str("</g>");
    Ok(())
}

fn glyph_id(face: Face, gid: u16) -> String {
    format!("g{}-{gid}", face as u8)
}

/// An outline as SVG path data, in font units.
#[derive(Default)]
struct Path(String);

impl OutlineBuilder for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Options, PaperText, PlainCitations, SectionText, typeset};

    #[test]
    fn each_page_is_an_svg_of_outlines_with_no_text_in_it() {
        if font(Face::Regular).is_err() {
            return; // fonts-noto-core is not installed: the PDF tests say so.
        }
        let paper = PaperText {
            title: "Views <script>alert(1)</script>".into(),
            language: "en".into(),
            sections: vec![SectionText { heading: Some("Norms".into()), level: 2, body: "1. States cooperate.".into() }],
            ..PaperText::default()
        };
        let document = typeset(&paper, &Options::default(), &PlainCitations).unwrap();
        let pages = pages(&document).unwrap();
        assert_eq!(pages.len(), document.pages.len());
        let page = &pages[0];
        assert!(page.starts_with("<svg") && page.ends_with("</svg>"));
        assert!(page.contains("<path id=\"g0-") && page.contains("<use xlink:href=\"#g"), "glyphs are drawn as outlines");
        assert!(!page.contains("script") && !page.contains("States"), "the paper's text never reaches the markup");
    }
}
