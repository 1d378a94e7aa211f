//! The PDF backend: the only module that knows printpdf. It draws the pages of a
//! [`layout::Document`] as they are, glyph by glyph (`TextItem::GlyphIds`, each glyph with
//! the text it stands for, so the ToUnicode map gives the words back), embeds the fonts
//! used as subset CID fonts, and writes the metadata, the outline and the note links.
//! It does not claim PDF/A: printpdf cannot write it.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Codepoint, Color, Destination, FontId, Greyscale, Line as PdfLine, LinePoint, LinkAnnotation, Op, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use super::fonts::{Face, font};
use super::layout::{Document, Item, Run};
use super::{ExportError, Options, PaperText};

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
        info.creation_date = date.clone();
        info.modification_date = date.clone();
        info.metadata_date = date;
    }

    // Only the faces the pages use are embedded, each subset to the glyphs used. printpdf
    // subsets only with its `text_layout` feature (azul-layout and ~50 more crates), so we
    // subset here with allsorts, which printpdf already depends on, and renumber glyphs.
    let mut used: BTreeMap<Face, BTreeMap<u16, u16>> = BTreeMap::new();
    for page in &document.pages {
        for item in &page.items {
            if let Item::Text { run, .. } | Item::Turned { run, .. } = item {
                let gids = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    gids.insert(g.gid, 0);
                }
            }
        }
    }
    let mut fonts: BTreeMap<Face, FontId> = BTreeMap::new();
    for (face, gids) in used.iter_mut() {
        let f = font(*face)?;
        let ids: Vec<u16> = std::iter::once(0).chain(gids.keys().copied().filter(|g| *g != 0)).collect();
        for (new, old) in ids.iter().enumerate() {
            gids.insert(*old, new as u16);
        }
        let bytes = subset(f.data, f.index, &ids).map_err(|e| ExportError::Writer(format!("subsetting {face:?}: {e}")))?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| ExportError::Writer(format!("printpdf could not read the subset font for {face:?}")))?;
        fonts.insert(*face, pdf.add_font(&parsed));
    }

    let h = document.height;
    let mut pages = Vec::with_capacity(document.pages.len());
    for page in &document.pages {
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Rule { x1, y1, x2, y2, width } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::SetOutlineColor { col: grey(0.0) });
                    let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(h - y) }, bezier: false };
                    ops.push(Op::DrawLine { line: PdfLine { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false } });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Link { x, y, width, height, page, to_y } => {
                    let rect = Rect { x: Pt(*x), y: Pt(h - y - height), width: Pt(*width), height: Pt(*height), mode: None, winding_order: None };
                    let goto = Destination::Xyz { page: page + 1, left: None, top: Some(h - to_y + 10.0), zoom: None };
                    ops.push(Op::LinkAnnotation { link: LinkAnnotation::new(rect, Actions::Goto(goto), Some(BorderArray::Solid([0.0, 0.0, 0.0])), None, None) });
                }
                Item::Text { x, y, run } => text(&mut ops, &fonts, &used, run, |gx, gy| [1.0, 0.0, 0.0, 1.0, x + gx, h - (y + gy)]),
                Item::Turned { x, y, angle, run } => {
                    let (s, c) = angle.to_radians().sin_cos();
                    text(&mut ops, &fonts, &used, run, |gx, gy| [c, s, -s, c, x + c * gx + s * gy, h - (y - s * gx + c * gy)]);
                }
            }
        }
        let (w, hh) = (printpdf::Mm::from(Pt(document.width)), printpdf::Mm::from(Pt(h)));
        pages.push(PdfPage::new(w, hh, ops));
    }
    pdf.with_pages(pages);
    for (title, _level, page, _y) in &document.outline {
        pdf.add_bookmark(title, page + 1);
    }
    let mut warnings = Vec::new();
    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    Ok(pdf.save(&options, &mut warnings))
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// One text object per run: each glyph at its own matrix; printpdf merges glyphs on one
/// baseline into a single TJ array whose kerns reproduce the positions exactly.
fn text(ops: &mut Vec<Op>, fonts: &BTreeMap<Face, FontId>, used: &BTreeMap<Face, BTreeMap<u16, u16>>, run: &Run, matrix: impl Fn(f32, f32) -> [f32; 6]) {
    let (Some(id), Some(remap)) = (fonts.get(&run.face), used.get(&run.face)) else { return };
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(run.size) });
    ops.push(Op::SetFillColor { col: grey(run.grey) });
    for g in &run.glyphs {
        let m = matrix(g.x, g.y);
        let matrix = if m[0] == 1.0 && m[1] == 0.0 { TextMatrix::Translate(Pt(m[4]), Pt(m[5])) } else { TextMatrix::Raw(m) };
        ops.push(Op::SetTextMatrix { matrix });
        let gid = remap.get(&g.gid).copied().unwrap_or(0);
        let cp = if g.text.is_empty() { Codepoint::new(gid, 0.0) } else { Codepoint::with_cid(gid, 0.0, g.text.clone()) };
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(vec![cp])] });
    }
    ops.push(Op::EndTextSection);
}

fn subset(data: &[u8], index: u32, ids: &[u16]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let file = ReadScope::new(data).read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = file.table_provider(index as usize).map_err(|e| e.to_string())?;
    allsorts::subset::subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())
}
