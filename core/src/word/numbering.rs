//! The numbers Word shows before numbered paragraphs ("12.", "(a)", "1.3"), computed from
//! `word/numbering.xml` as Word does: counters per abstract numbering, a num's start
//! override restarting them the first time it is used, deeper levels restarting after a
//! shallower one, each level in its own format and level text. The paper import and the
//! library's DOCX reader both number paragraphs here.

use std::collections::{HashMap, HashSet};

use super::WordError;
use super::styles::Styles;
use super::xml::{Node, attr, val, walk};

/// How a level counts (`w:numFmt`); the formats we do not know count as decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    /// `none`: the level shows no number.
    Unnumbered,
}

impl NumberFormat {
    fn parse(value: &str) -> NumberFormat {
        match value {
            "lowerLetter" => NumberFormat::LowerLetter,
            "upperLetter" => NumberFormat::UpperLetter,
            "lowerRoman" => NumberFormat::LowerRoman,
            "upperRoman" => NumberFormat::UpperRoman,
            "bullet" => NumberFormat::Bullet,
            "none" => NumberFormat::Unnumbered,
            _ => NumberFormat::Decimal,
        }
    }

    /// A count as this format writes it: 3 → "3", "c", "C", "iii", "III".
    fn write(self, value: u32) -> String {
        match self {
            NumberFormat::LowerLetter => letters(value),
            NumberFormat::UpperLetter => letters(value).to_uppercase(),
            NumberFormat::LowerRoman => roman(value),
            NumberFormat::UpperRoman => roman(value).to_uppercase(),
            NumberFormat::Bullet | NumberFormat::Unnumbered => String::new(),
            NumberFormat::Decimal => value.to_string(),
        }
    }
}

/// Word's letters: a–z, then aa, bb, … (27 → "aa").
fn letters(value: u32) -> String {
    let Some(n) = value.checked_sub(1) else { return String::new() };
    let letter = (b'a' + (n % 26) as u8) as char;
    // Word stops repeating long before this; a crafted file must not allocate without end.
    letter.to_string().repeat((n / 26 + 1).min(40) as usize)
}

fn roman(mut value: u32) -> String {
    const DIGITS: [(u32, &str); 13] =
        [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    if value == 0 || value >= 4000 {
        return value.to_string();
    }
    let mut out = String::new();
    for (worth, digits) in DIGITS {
        while value >= worth {
            out.push_str(digits);
            value -= worth;
        }
    }
    out
}

/// A level of an abstract numbering.
#[derive(Debug, Clone)]
struct Level {
    format: NumberFormat,
    start: u32,
    /// `w:lvlText`: "%1.", "(%2)", "%1.%2"; each %N is level N's count.
    text: Option<String>,
}

impl Default for Level {
    fn default() -> Level {
        Level { format: NumberFormat::Decimal, start: 1, text: None }
    }
}

/// The number a paragraph shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The list level, from 0.
    pub level: u8,
    pub format: NumberFormat,
    /// The count at its own level: 12 for "12.", 1 for "(a)".
    pub value: u32,
    /// As Word shows it: "12.", "(a)", "1.3"; empty for a bullet or a level without number.
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Numbering {
    /// abstractNumId → its levels.
    levels: HashMap<String, HashMap<u8, Level>>,
    /// numId → abstractNumId and its start overrides by level.
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// What each abstract numbering has counted, by level: Word's nums of one abstract
    /// numbering share its counters (LibreOffice writes a list's first paragraph with a num
    /// of its own that restarts at 1, and the rest with another).
    counters: HashMap<String, [Option<u32>; 9]>,
    /// The (num, level) whose start override has been applied: it restarts the count once.
    restarted: HashSet<(String, u8)>,
}

impl Numbering {
    /// Reads `word/numbering.xml` (empty when the document has none).
    pub fn read(xml: &[u8]) -> Result<Numbering, WordError> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: u8 = 0;
        let mut in_override = false;
        walk("word/numbering.xml", xml, |node| match node {
            Node::Start(e) => {
                let number = || val(e).and_then(|v| v.parse::<u32>().ok());
                let local = e.local_name();
                match local.as_ref() {
                    "abstractNum" => abstract_id = attr(e, "abstractNumId"),
                    "num" => num_id = attr(e, "numId"),
                    "lvl" | "lvlOverride" => {
                        level = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
                        in_override = local.as_ref() == "lvlOverride";
                    }
                    "abstractNumId" => {
                        if let Some(id) = &num_id {
                            numbering.nums.entry(id.clone()).or_default().0 = val(e).unwrap_or_default();
                        }
                    }
                    "startOverride" => {
                        if let (Some(id), Some(start)) = (&num_id, number()) {
                            numbering.nums.entry(id.clone()).or_default().1.insert(level, start);
                        }
                    }
                    property @ ("start" | "numFmt" | "lvlText") if !in_override => {
                        let Some(id) = &abstract_id else { return };
                        let found = numbering.levels.entry(id.clone()).or_default().entry(level).or_default();
                        match property {
                            "start" => found.start = number().unwrap_or(1),
                            "numFmt" => found.format = NumberFormat::parse(&val(e).unwrap_or_default()),
                            _ => found.text = val(e),
                        }
                    }
                    _ => {}
                }
            }
            Node::End("abstractNum") => abstract_id = None,
            Node::End("num") => num_id = None,
            Node::End("lvlOverride") => in_override = false,
            _ => {}
        })?;
        Ok(numbering)
    }

    /// The number of the next paragraph of style `style` whose own properties give
    /// `num_id` and `level`: its own numbering before its style's, numId 0 meaning none.
    pub fn paragraph(&mut self, styles: &Styles, style: &str, num_id: Option<&str>, level: Option<u8>) -> Option<Number> {
        let (id, level) = match (num_id, level) {
            (Some(id), level) => (id.to_string(), level.unwrap_or(0)),
            (None, Some(level)) => (styles.numbering(style)?.0, level),
            (None, None) => styles.numbering(style)?,
        };
        if id == "0" {
            return None;
        }
        self.next(&id, level)
    }

    /// Counts the next paragraph of `num_id` at `level`.
    fn next(&mut self, num_id: &str, level: u8) -> Option<Number> {
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        let level = level.min(8);
        let levels = self.levels.get(abstract_id)?;
        let own = levels.get(&level)?;
        let restart = overrides.get(&level).copied().filter(|_| self.restarted.insert((num_id.to_string(), level)));
        let counters = self.counters.entry(abstract_id.clone()).or_default();
        let value = match restart {
            Some(start) => start,
            None => counters[level as usize].map_or(own.start, |v| v.saturating_add(1)),
        };
        counters[level as usize] = Some(value);
        for deeper in counters.iter_mut().skip(level as usize + 1) {
            *deeper = None;
        }
        let text = match own.format {
            NumberFormat::Bullet | NumberFormat::Unnumbered => String::new(),
            _ => {
                let pattern = own.text.clone().unwrap_or_else(|| format!("%{}.", level + 1));
                shown(&pattern, |n| {
                    let at = levels.get(&n).cloned().unwrap_or_default();
                    at.format.write(counters[n as usize].unwrap_or(at.start))
                })
            }
        };
        Some(Number { level, format: own.format, value, text })
    }
}

/// A level text with each "%N" (N from 1 to 9) replaced by level N-1's count as written.
fn shown(pattern: &str, count: impl Fn(u8) -> String) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('%', Some(n @ 1..=9)) => {
                chars.next();
                out.push_str(&count(n as u8 - 1));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn lvl(level: u8, format: &str, text: &str) -> String {
        format!(r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl>"#)
    }

    #[test]
    fn each_level_shows_its_own_format_and_level_text() {
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1">{}{}{}</w:abstractNum>
               <w:abstractNum w:abstractNumId="2">{}{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
               <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>"#,
            lvl(0, "decimal", "%1."),
            lvl(1, "lowerLetter", "(%2)"),
            lvl(2, "lowerRoman", "(%3)"),
            lvl(0, "upperRoman", "%1."),
            lvl(1, "decimal", "%1.%2"),
        );
        let mut numbering = Numbering::read(xml.as_bytes()).unwrap();
        let styles = Styles::default();
        let mut shown = |num: &str, level: u8| numbering.paragraph(&styles, "", Some(num), Some(level)).unwrap().text;
        let first: Vec<String> = [(0, "1"), (0, "1"), (1, "1"), (1, "1"), (2, "1"), (2, "1"), (1, "1"), (0, "1")].iter().map(|&(l, n)| shown(n, l)).collect();
        assert_eq!(first, ["1.", "2.", "(a)", "(b)", "(i)", "(ii)", "(c)", "3."]);
        assert_eq!([shown("2", 0), shown("2", 1), shown("2", 1), shown("2", 0)], ["I.", "I.1", "I.2", "II."]);
        // A num restarting the shared counters (an annex's own numbering).
        assert_eq!([shown("3", 0), shown("1", 1), shown("3", 0)], ["1.", "(a)", "2."]);
    }

    #[test]
    fn letters_and_romans_are_written_as_word_writes_them() {
        assert_eq!([letters(1), letters(26), letters(27), letters(53)], ["a", "z", "aa", "aaa"]);
        assert_eq!([roman(4), roman(9), roman(14), roman(1994)], ["iv", "ix", "xiv", "mcmxciv"]);
        assert_eq!(NumberFormat::UpperLetter.write(3), "C");
    }

    #[test]
    fn a_paragraph_takes_its_styles_numbering_unless_it_has_its_own() {
        let styles = Styles::read(
            format!(r#"<w:styles {W}><w:style w:styleId="Para"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#)
                .as_bytes(),
        )
        .unwrap();
        let xml = format!(r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#, lvl(0, "decimal", "%1."), lvl(1, "lowerLetter", "(%2)"));
        let mut numbering = Numbering::read(xml.as_bytes()).unwrap();
        assert_eq!(numbering.paragraph(&styles, "Para", None, None).unwrap().text, "(a)");
        assert_eq!(numbering.paragraph(&styles, "Para", None, Some(0)).unwrap().text, "1.");
        assert_eq!(numbering.paragraph(&styles, "Para", Some("0"), None), None);
        assert_eq!(numbering.paragraph(&styles, "Other", None, None), None);
    }
}
