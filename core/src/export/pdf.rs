//! The PDF backend: the only module that knows printpdf. printpdf builds the document:
//! the fonts (subset here with allsorts, embedded as CID fonts with their widths and a
//! ToUnicode map from each glyph's cluster text, so the text layer gives the words back),
//! the metadata, the outline and the note links. The pages' content streams are written
//! here, directly: one text object per page, one `Tm` and one `TJ` per stretch of a
//! baseline in one face, glyph codes as hex and the positions as kerns against the
//! widths printpdf writes. Handing printpdf one operation per glyph instead cost ten
//! times the layout (its writer allocates an object per glyph and formats every number),
//! and its zlib level 9 for every stream cost as much again: streams are compressed here
//! at the fast level. It does not claim PDF/A: printpdf cannot write it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use printpdf::{
    Actions, BorderArray, Codepoint, Destination, LinkAnnotation, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    Rect, TextItem,
};

use super::fonts::{Face, font};
use super::layout::{Document, Item, Run};
use super::{ExportError, Options, PaperText};

/// A face as embedded: its resource name, and the code and `/W` width of each glyph.
struct Embedded {
    name: String,
    /// original gid → (code in the content stream, width in 1/1000 em)
    codes: BTreeMap<u16, (u16, i64)>,
}

pub fn write(document: &Document, paper: &PaperText, options: &Options) -> Result<Vec<u8>, ExportError> {
    let mut pdf = PdfDocument::new(&paper.title);
    let info = &mut pdf.metadata.info;
    info.author = paper.delegation.clone();
    info.creator = "Chancery".to_string();
    info.producer = "Chancery (printpdf)".to_string();
    info.subject = [paper.process.as_deref(), paper.meeting.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    info.keywords = vec![format!("language:{}", paper.language)];
    if let Some(created) = options.created
        && let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(created)
    {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }

    // The glyphs each face draws, with the text each stands for (the last one seen, as
    // printpdf's ToUnicode map keeps it).
    let mut used: BTreeMap<Face, BTreeMap<u16, &str>> = BTreeMap::new();
    for page in &document.pages {
        for item in &page.items {
            if let Item::Text { run, .. } | Item::Turned { run, .. } = item {
                let gids = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    gids.insert(g.gid, &g.text);
                }
            }
        }
    }

    // Only the faces the pages use are embedded, each subset to the glyphs used. printpdf
    // subsets only with its `text_layout` feature (azul-layout and ~50 more crates), so we
    // subset here with allsorts, which printpdf already depends on, and renumber glyphs.
    // The first page's operations register each glyph once with its text (for the
    // ToUnicode map and the widths); its content stream is replaced below like every other.
    let mut embedded: BTreeMap<Face, Embedded> = BTreeMap::new();
    let mut registration = vec![Op::StartTextSection];
    for (face, gids) in &used {
        let f = font(*face)?;
        let ids: Vec<u16> = std::iter::once(0).chain(gids.keys().copied().filter(|g| *g != 0)).collect();
        let bytes = subset(f.data, f.index, &ids).map_err(|e| ExportError::Writer(format!("subsetting {face:?}: {e}")))?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| ExportError::Writer(format!("printpdf could not read the subset font for {face:?}")))?;
        // A CID-keyed CFF (the CJK faces) is addressed by the CIDs of its charset, as
        // printpdf writes /W and ToUnicode; TrueType faces by glyph id.
        let cids = printpdf::cff_charset_gid_to_cid_map(&bytes, 0);
        let id = pdf.add_font(&parsed);
        let mut codes = BTreeMap::new();
        let mut glyphs = Vec::with_capacity(ids.len());
        for (new, old) in ids.iter().enumerate() {
            let new = new as u16;
            let code = cids.as_ref().and_then(|m| m.get(&new).copied()).unwrap_or(new);
            // printpdf's /W: the advance in font units, scaled to 1000 per em, truncated.
            let advance = f.shaper.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(*old)).unwrap_or(0);
            let width = (advance as f32 * 1000.0 / f.units_per_em) as i64;
            codes.insert(*old, (code, width));
            let text = gids.get(old).copied().unwrap_or("");
            glyphs.push(if text.is_empty() { Codepoint::new(new, 0.0) } else { Codepoint::with_cid(new, 0.0, text.to_string()) });
        }
        registration.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(10.0) });
        registration.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
        embedded.insert(*face, Embedded { name: id.0.clone(), codes });
    }
    registration.push(Op::EndTextSection);

    let h = document.height;
    let (w, hh) = (printpdf::Mm::from(Pt(document.width)), printpdf::Mm::from(Pt(h)));
    let mut contents = Vec::with_capacity(document.pages.len());
    let mut pages = Vec::with_capacity(document.pages.len());
    for (index, page) in document.pages.iter().enumerate() {
        contents.push(content(page, h, &embedded));
        let mut ops = if index == 0 { std::mem::take(&mut registration) } else { Vec::new() };
        for item in &page.items {
            if let Item::Link { x, y, width, height, page, to_y } = item {
                let rect = Rect { x: Pt(*x), y: Pt(h - y - height), width: Pt(*width), height: Pt(*height), mode: None, winding_order: None };
                let goto = Destination::Xyz { page: page + 1, left: None, top: Some(h - to_y + 10.0), zoom: None };
                ops.push(Op::LinkAnnotation { link: LinkAnnotation::new(rect, Actions::Goto(goto), Some(BorderArray::Solid([0.0, 0.0, 0.0])), None, None) });
            }
        }
        pages.push(PdfPage::new(w, hh, ops));
    }
    pdf.with_pages(pages);
    for (title, _level, page, _y) in &document.outline {
        pdf.add_bookmark(title, page + 1);
    }

    let mut warnings = Vec::new();
    let save = PdfSaveOptions { optimize: false, subset_fonts: true, secure: true, image_optimization: None };
    let mut doc = pdf.to_lopdf_document(&save, &mut warnings);
    for ((_, page_id), bytes) in doc.get_pages().into_iter().zip(contents) {
        let target = doc
            .get_object(page_id)
            .and_then(lopdf::Object::as_dict)
            .and_then(|d| d.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|e| ExportError::Writer(format!("a page without its content stream: {e}")))?;
        match doc.get_object_mut(target) {
            Ok(lopdf::Object::Stream(stream)) => {
                stream.dict.remove(b"Filter");
                stream.set_content(bytes);
            }
            _ => return Err(ExportError::Writer("a page's content is not a stream".into())),
        }
    }
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::with_capacity(stream.content.len() / 3), flate2::Compression::fast());
            if encoder.write_all(&stream.content).is_ok()
                && let Ok(compressed) = encoder.finish()
                && compressed.len() < stream.content.len()
            {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| ExportError::Writer(e.to_string()))?;
    Ok(out)
}

/// A page's content stream: its rules, then its text in one text object.
fn content(page: &super::layout::Page, h: f32, fonts: &BTreeMap<Face, Embedded>) -> Vec<u8> {
    let mut s = String::with_capacity(16 * 1024);
    let rules: Vec<_> = page.items.iter().filter_map(|i| if let Item::Rule { x1, y1, x2, y2, width } = i { Some((*x1, *y1, *x2, *y2, *width)) } else { None }).collect();
    if !rules.is_empty() {
        s.push_str("q 0 G\n");
        let mut thickness = f32::NAN;
        for (x1, y1, x2, y2, width) in rules {
            if width != thickness {
                let _ = writeln!(s, "{} w", num(width));
                thickness = width;
            }
            let _ = writeln!(s, "{} {} m {} {} l S", num(x1), num(h - y1), num(x2), num(h - y2));
        }
        s.push_str("Q\n");
    }
    let mut text = Text { s, font: None, grey: None, open: false, run: None };
    for item in &page.items {
        match item {
            Item::Text { x, y, run } => text.run(fonts, run, *x, h - *y, None),
            Item::Turned { x, y, angle, run } => text.run(fonts, run, *x, h - *y, Some(angle.to_radians().sin_cos())),
            Item::Rule { .. } | Item::Link { .. } => {}
        }
    }
    text.flush();
    if text.open {
        text.s.push_str("ET\n");
    }
    text.s.into_bytes()
}

/// A number as the content stream writes it: at most three decimals, no exponent.
fn num(v: f32) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r == r.trunc() { format!("{}", r as i64) } else { format!("{r}") }
}

/// The open `TJ`: where it started and where the viewer's pen stands in it.
struct Open {
    /// Text-space origin of the array and baseline.
    x: f32,
    y: f32,
    /// The pen, in thousandths of an em from `x`.
    pen: f64,
    /// Inside a hex string.
    hex: bool,
}

struct Text {
    s: String,
    font: Option<(Face, u32)>,
    grey: Option<u32>,
    open: bool,
    run: Option<Open>,
}

impl Text {
    fn flush(&mut self) {
        if let Some(open) = self.run.take() {
            if open.hex {
                self.s.push('>');
            }
            self.s.push_str("] TJ\n");
        }
    }

    /// Draws a run whose origin is at (x, y) in PDF space; `turn` is (sin, cos) of a rotation.
    fn run(&mut self, fonts: &BTreeMap<Face, Embedded>, run: &Run, x: f32, y: f32, turn: Option<(f32, f32)>) {
        let Some(font) = fonts.get(&run.face) else { return };
        if !self.open {
            self.s.push_str("BT\n");
            self.open = true;
        }
        let size = run.size.to_bits();
        if self.font != Some((run.face, size)) || self.grey != Some(run.grey.to_bits()) {
            self.flush();
        }
        if self.font != Some((run.face, size)) {
            let _ = writeln!(self.s, "/{} {} Tf", font.name, num(run.size));
            self.font = Some((run.face, size));
        }
        if self.grey != Some(run.grey.to_bits()) {
            let _ = writeln!(self.s, "{} g", num(run.grey));
            self.grey = Some(run.grey.to_bits());
        }
        if let Some((sin, cos)) = turn {
            // A turned run (the DRAFT mark) gets its own matrix; its glyphs stay on its baseline.
            self.flush();
            let _ = write!(self.s, "{} {} {} {} {} {} Tm [", num(cos), num(sin), num(-sin), num(cos), num(x), num(y));
            self.run = Some(Open { x: 0.0, y: 0.0, pen: 0.0, hex: false });
            for g in &run.glyphs {
                self.glyph(font, run.size, g.x, -g.y, g.gid, true);
            }
            self.flush();
            return;
        }
        for g in &run.glyphs {
            self.glyph(font, run.size, x + g.x, y - g.y, g.gid, false);
        }
    }

    /// Shows one glyph at (gx, gy): on the open array's baseline a kern moves the pen to
    /// it; elsewhere a new `Tm` starts a new array.
    fn glyph(&mut self, font: &Embedded, size: f32, gx: f32, gy: f32, gid: u16, turned: bool) {
        let (code, width) = font.codes.get(&gid).copied().unwrap_or((0, 0));
        let same_line = self.run.as_ref().is_some_and(|r| turned || r.y == gy);
        if !same_line {
            self.flush();
            let _ = write!(self.s, "1 0 0 1 {} {} Tm [", num(gx), num(gy));
            self.run = Some(Open { x: gx, y: gy, pen: 0.0, hex: false });
        }
        let r = self.run.as_mut().expect("an open array");
        let target = (gx - r.x) as f64 * 1000.0 / size as f64;
        let kern = r.pen - target;
        if kern.abs() >= 0.05 {
            if r.hex {
                self.s.push('>');
                r.hex = false;
            }
            let _ = write!(self.s, " {} ", num(kern as f32));
            r.pen -= (kern as f32 * 1000.0).round() as f64 / 1000.0;
        }
        if !r.hex {
            self.s.push('<');
            r.hex = true;
        }
        let _ = write!(self.s, "{code:04X}");
        r.pen += width as f64;
    }
}

fn subset(data: &[u8], index: u32, ids: &[u16]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let file = ReadScope::new(data).read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = file.table_provider(index as usize).map_err(|e| e.to_string())?;
    allsorts::subset::subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())
}
