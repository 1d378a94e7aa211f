//! The backend-neutral form of a typeset paper: pages of positioned glyphs, rules and
//! links, plus the outline. Coordinates are in points from the page's top-left corner;
//! a backend (pdf.rs today, perhaps krilla later) only has to draw them.

use super::fonts::Face;

#[derive(Debug, Clone)]
pub struct Document {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    /// Headings, in order: (title, level, page index, y).
    pub outline: Vec<(String, u8, usize, f32)>,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// A glyph placed on its run's baseline.
#[derive(Debug, Clone)]
pub struct PlacedGlyph {
    pub gid: u16,
    /// From the run's origin, in points.
    pub x: f32,
    pub y: f32,
    /// The text the glyph stands for (shared: the same word's glyphs recur).
    pub text: std::sync::Arc<str>,
}

/// Glyphs of one face and size, set on one baseline.
#[derive(Debug, Clone)]
pub struct Run {
    pub face: Face,
    pub size: f32,
    /// 0 black … 1 white.
    pub grey: f32,
    pub glyphs: Vec<PlacedGlyph>,
}

#[derive(Debug, Clone)]
pub enum Item {
    /// A run whose origin (baseline start) is at (x, y).
    Text { x: f32, y: f32, run: Run },
    /// A run turned by `angle` degrees counter-clockwise around its origin.
    Turned { x: f32, y: f32, angle: f32, run: Run },
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
    /// A clickable area that goes to a point on a page.
    Link { x: f32, y: f32, width: f32, height: f32, page: usize, to_y: f32 },
}
