//! The fonts a paper is set in: Noto, from Debian's fonts-noto-core and fonts-noto-cjk.
//!
//! They are read at run time from /usr/share/fonts rather than compiled in: the CJK
//! collection alone is tens of megabytes that every English paper would carry in the
//! binary, and Debian's packages are the way the app is installed anyway. The same package
//! version gives the same glyphs, so the same paper gives the same PDF on every machine
//! that has it; a missing file is a clear error naming the package, never boxes.
//! Each file is read once per process and kept (the export of a long paper must take
//! milliseconds, not a re-read of a 20 MB collection).

use std::sync::OnceLock;

use super::ExportError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Arabic,
    ArabicBold,
    Cjk,
    CjkBold,
}

impl Face {
    pub const ALL: [Face; 8] =
        [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic, Face::Arabic, Face::ArabicBold, Face::Cjk, Face::CjkBold];

    fn file(self) -> (&'static str, u32, &'static str) {
        const CORE: &str = "fonts-noto-core";
        const CJK: &str = "fonts-noto-cjk";
        match self {
            Face::Regular => ("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf", 0, CORE),
            Face::Bold => ("/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf", 0, CORE),
            Face::Italic => ("/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf", 0, CORE),
            Face::BoldItalic => ("/usr/share/fonts/truetype/noto/NotoSerif-BoldItalic.ttf", 0, CORE),
            Face::Arabic => ("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", 0, CORE),
            Face::ArabicBold => ("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf", 0, CORE),
            // Index 2 of the collection is Noto Serif CJK SC (simplified Chinese).
            Face::Cjk => ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, CJK),
            Face::CjkBold => ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2, CJK),
        }
    }

    fn slot(self) -> usize {
        Face::ALL.iter().position(|f| *f == self).expect("every face is listed")
    }

    /// The face for a style in a script: Arabic letters in Naskh, Han in Serif CJK.
    pub fn for_char(c: char, bold: bool, italic: bool, cjk_paper: bool) -> Face {
        let u = c as u32;
        let arabic = matches!(u, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF);
        let cjk = matches!(u, 0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF);
        if arabic {
            if bold { Face::ArabicBold } else { Face::Arabic }
        } else if cjk || (cjk_paper && !c.is_ascii()) {
            if bold { Face::CjkBold } else { Face::Cjk }
        } else {
            match (bold, italic) {
                (false, false) => Face::Regular,
                (true, false) => Face::Bold,
                (false, true) => Face::Italic,
                (true, true) => Face::BoldItalic,
            }
        }
    }
}

/// A font file read into memory, ready for shaping.
pub struct Font {
    pub data: &'static [u8],
    pub index: u32,
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
}

impl Font {
    /// The glyph's advance in points at `size`.
    pub fn scale(&self, units: i32, size: f32) -> f32 {
        units as f32 * size / self.units_per_em
    }
}

static FONTS: [OnceLock<Result<Font, String>>; 8] = [const { OnceLock::new() }; 8];

pub fn font(face: Face) -> Result<&'static Font, ExportError> {
    let (path, index, package) = face.file();
    let loaded = FONTS[face.slot()].get_or_init(|| {
        let bytes = std::fs::read(path).map_err(|_| String::new())?;
        // Kept for the life of the process: fonts are shared by every export.
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let shaper = rustybuzz::Face::from_slice(data, index).ok_or_else(|| "not a font rustybuzz can read".to_string())?;
        let units_per_em = shaper.units_per_em() as f32;
        Ok(Font { data, index, shaper, units_per_em })
    });
    match loaded {
        Ok(font) => Ok(font),
        Err(reason) if reason.is_empty() => Err(ExportError::FontMissing { path: path.to_string(), package }),
        Err(reason) => Err(ExportError::FontInvalid { path: path.to_string(), reason: reason.clone() }),
    }
}
