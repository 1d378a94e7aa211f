//! The parts of a DOCX as a stream of XML nodes (no document tree is built, so a large
//! part costs its size once), shared by the paper import, the numbering and the library's
//! DOCX reader.

use quick_xml::events::{BytesStart, Event};

use super::WordError;

pub(crate) enum Node<'a> {
    Start(&'a BytesStart<'a>),
    End(&'a str),
    Text(&'a str),
}

/// Calls `visit` for each element's start and end (by local name) and each piece of text.
pub(crate) fn walk(part: &str, xml: &[u8], mut visit: impl FnMut(Node)) -> Result<(), WordError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| WordError::Damaged { part: part.to_string(), reason: e.to_string() })?;
        match &event {
            Event::Start(e) => visit(Node::Start(e)),
            Event::End(e) => visit(Node::End(e.local_name().into_inner())),
            Event::Text(t) => visit(Node::Text(&t.xml10_content())),
            Event::CData(t) => visit(Node::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                if let Some(c) = entity(r) {
                    visit(Node::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// An attribute's value, by local name (any prefix).
pub(crate) fn attr(element: &BytesStart, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The `val` attribute, which most WordprocessingML properties carry.
pub(crate) fn val(element: &BytesStart) -> Option<String> {
    attr(element, "val")
}

/// The character an entity or character reference in XML text stands for (quick-xml
/// reports them apart from the text around them).
fn entity(reference: &quick_xml::events::BytesRef) -> Option<char> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match reference.xml10_content().as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}
