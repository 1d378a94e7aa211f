//! Shaping: a run of text in one font and direction becomes positioned glyphs (rustybuzz:
//! ligatures, kerning, Arabic joining forms), each glyph carrying the text it stands for so
//! the PDF's text layer gives the words back exactly.

use std::sync::Arc;

use rustybuzz::{Direction, UnicodeBuffer};

use super::fonts::Font;

#[derive(Debug, Clone)]
pub struct Glyph {
    pub gid: u16,
    /// Advance in points.
    pub advance: f32,
    pub dx: f32,
    pub dy: f32,
    /// The text of the glyph's cluster (on its first glyph; empty on the others).
    pub text: Arc<str>,
}

pub fn shape(text: &str, font: &Font, size: f32, rtl: bool, language: &str) -> Vec<Glyph> {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    if let Ok(lang) = language.parse() {
        buffer.set_language(lang);
    }
    buffer.guess_segment_properties();
    let output = rustybuzz::shape(&font.shaper, &[], buffer);
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |c: usize| starts.iter().copied().find(|s| *s > c).unwrap_or(text.len());
    let mut seen = Vec::with_capacity(infos.len());
    let none: Arc<str> = Arc::from("");
    infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let c = info.cluster as usize;
            let first = !seen.contains(&c);
            if first {
                seen.push(c);
            }
            Glyph {
                gid: info.glyph_id as u16,
                advance: font.scale(pos.x_advance, size),
                dx: font.scale(pos.x_offset, size),
                dy: font.scale(pos.y_offset, size),
                text: if first { Arc::from(&text[c..end_of(c)]) } else { Arc::clone(&none) },
            }
        })
        .collect()
}
