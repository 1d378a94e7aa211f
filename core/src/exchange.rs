//! Exchange files: one paper with its versions, notes and the agreed texts it cites, as a
//! single JSON file (`.chancery`) that a colleague imports into their own store and sends
//! back. This module is the file's boundary: its shape, reading it with limits and checking
//! every field, since a file from outside is untrusted. It does no I/O; the store's side
//! (`store/exchange.rs`) writes it and merges it in.
//!
//! Nothing in a file is ever used as a path: the only file written on import is the store.
//!
//! A file may be encrypted with a passphrase (age, its scrypt recipient): it is recognised
//! by age's header, so an encrypted file is asked for its passphrase rather than called
//! damaged.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::ErrorCode;
use crate::annotation::{AnnotationKind, AnnotationStatus, Role};
use crate::library::{Adoption, Kind, Symbol};
use crate::passphrase::Passphrase;
use crate::paper::PaperStatus;
use crate::version::VersionKind;

/// The format this build writes, and the newest it reads.
pub const FORMAT: u32 = 1;
/// A larger file is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Titles, names, labels and other one-line fields.
const MAX_LINE_CHARS: usize = 1_000;
/// Section bodies, versions' text, notes, paragraphs.
const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;
/// Versions, notes, replies, documents, paragraphs: how many of each at most.
const MAX_ITEMS: usize = 50_000;

/// A whole exchange file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExchangeFile {
    pub format: u32,
    pub exported_at: String,
    /// Who made the file (the store's profile), named in a conflicting copy's version.
    pub exported_by: Option<String>,
    pub paper: PaperDetails,
    pub sections: Vec<SectionEntry>,
    pub versions: Vec<VersionEntry>,
    pub annotations: Vec<AnnotationEntry>,
    pub documents: Vec<DocumentEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaperDetails {
    pub uid: String,
    pub title: String,
    pub delegation: String,
    pub kind: String,
    pub language: String,
    pub status: PaperStatus,
    pub process: Option<String>,
    pub meeting: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    /// Absent from files of papers without their own limit, as it was before there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word_limit: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionEntry {
    pub heading: Option<String>,
    pub level: u8,
    pub pillar: Option<String>,
    pub part: Option<String>,
    pub body: String,
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VersionEntry {
    pub uid: String,
    pub number: i64,
    pub name: Option<String>,
    /// A [`VersionKind`] name.
    pub kind: String,
    pub restored_from: Option<i64>,
    pub created_at: String,
    pub saved_at: String,
    /// The whole paper as it stood, as markdown.
    pub markdown: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersonEntry {
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnnotationEntry {
    pub uid: String,
    /// The section's place in `sections`, from 0; None for a note whose section is gone.
    pub section: Option<usize>,
    pub kind: AnnotationKind,
    pub body: String,
    pub proposal: Option<String>,
    pub status: AnnotationStatus,
    pub author: PersonEntry,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub orphan: bool,
    pub created_at: String,
    pub updated_at: String,
    pub thread: Vec<ThreadEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThreadEvent {
    pub by: PersonEntry,
    #[serde(flatten)]
    pub what: ThreadWhat,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "body")]
pub enum ThreadWhat {
    Reply(String),
    Status(AnnotationStatus),
}

impl ThreadWhat {
    /// The (kind, body) the store keeps.
    pub fn columns(&self) -> (&'static str, &str) {
        match self {
            ThreadWhat::Reply(text) => ("reply", text),
            ThreadWhat::Status(status) => ("status", status.as_str()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DocumentEntry {
    pub symbol: Symbol,
    pub short_title: String,
    pub title: String,
    pub body: Option<String>,
    pub date: Option<String>,
    pub kind: Kind,
    pub adoption: Option<Adoption>,
    pub paragraphs: Vec<ParagraphEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParagraphEntry {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Error)]
pub enum ExchangeError {
    #[error("the exchange file is {size} bytes; files over {limit} bytes are refused")]
    TooLarge { size: u64, limit: u64 },
    #[error("this is not a Chancery exchange file: {0}")]
    NotExchange(String),
    #[error(
        "the exchange file was written by a newer Chancery (format {found}; this version reads up to {supported}); update Chancery to import it"
    )]
    NewerFormat { found: u32, supported: u32 },
    #[error("the exchange file is damaged or was altered: {0}")]
    Malformed(String),
    #[error("the exchange file is refused: {field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error("the exchange file is encrypted; give its passphrase to import it")]
    NeedsPassphrase,
    #[error("the passphrase does not open the exchange file")]
    WrongPassphrase,
}

impl ErrorCode for ExchangeError {
    fn code(&self) -> &'static str {
        match self {
            ExchangeError::TooLarge { .. } => "exchange.too_large",
            ExchangeError::NotExchange(_) => "exchange.not_exchange",
            ExchangeError::NewerFormat { .. } => "exchange.newer_format",
            ExchangeError::Malformed(_) => "exchange.malformed",
            ExchangeError::Invalid { .. } => "exchange.invalid",
            ExchangeError::NeedsPassphrase => "exchange.needs_passphrase",
            ExchangeError::WrongPassphrase => "exchange.wrong_passphrase",
        }
    }
}

/// Reads and checks a plain exchange file (an encrypted one asks for its passphrase: see
/// [`read_with`]). The format is looked at first, so a newer file is
/// refused as newer rather than as malformed. serde_json's recursion limit refuses deeply
/// nested input.
pub fn read(bytes: &[u8]) -> Result<ExchangeFile, ExchangeError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ExchangeError::TooLarge { size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    if is_encrypted(bytes) {
        return Err(ExchangeError::NeedsPassphrase);
    }
    #[derive(Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_slice(bytes).map_err(|e| ExchangeError::NotExchange(e.to_string()))?;
    match probe.format {
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(found) if found > u64::from(FORMAT) => {
                return Err(ExchangeError::NewerFormat { found: u32::try_from(found).unwrap_or(u32::MAX), supported: FORMAT });
            }
            Some(found) if found >= 1 => {}
            _ => return Err(ExchangeError::NotExchange(format!("format {n} is not a format of Chancery's"))),
        },
        _ => return Err(ExchangeError::NotExchange("it has no \"format\" number".into())),
    }
    let file: ExchangeFile = serde_json::from_slice(bytes).map_err(|e| ExchangeError::Malformed(e.to_string()))?;
    validate(&file)?;
    Ok(file)
}

/// Writes the file as pretty JSON.
pub fn write(file: &ExchangeFile) -> Vec<u8> {
    serde_json::to_vec_pretty(file).expect("an exchange file serialises")
}

/// How every age file begins.
const AGE_HEADER: &[u8] = b"age-encryption.org/v1\n";

/// Whether the bytes are an encrypted exchange file (to be read with its passphrase).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_HEADER)
}

/// Writes the file encrypted with the passphrase (age's scrypt recipient, its work factor
/// tuned to about a second on this machine).
pub fn write_encrypted(file: &ExchangeFile, passphrase: &Passphrase) -> Vec<u8> {
    use std::io::Write;
    let plain = write(file);
    let mut sealed = Vec::with_capacity(plain.len() + 256);
    let encryptor = age::Encryptor::with_user_passphrase(passphrase.to_secret());
    // Writing into memory cannot fail.
    let mut writer = encryptor.wrap_output(&mut sealed).expect("age writes into memory");
    writer.write_all(&plain).expect("age writes into memory");
    writer.finish().expect("age writes into memory");
    sealed
}

/// Reads a plain or an encrypted exchange file; an encrypted one needs its passphrase.
pub fn read_with(bytes: &[u8], passphrase: Option<&Passphrase>) -> Result<ExchangeFile, ExchangeError> {
    if !is_encrypted(bytes) {
        return read(bytes);
    }
    let passphrase = passphrase.ok_or(ExchangeError::NeedsPassphrase)?;
    read(&decrypt(bytes, passphrase)?)
}

fn decrypt(bytes: &[u8], passphrase: &Passphrase) -> Result<Vec<u8>, ExchangeError> {
    use age::DecryptError as Age;
    use std::io::Read;
    let damaged = |e: &dyn std::fmt::Display| ExchangeError::Malformed(format!("its encryption does not hold together ({e})"));
    let decryptor = age::Decryptor::new(bytes).map_err(|e| damaged(&e))?;
    if !decryptor.is_scrypt() {
        return Err(ExchangeError::NotExchange("it is encrypted for a key, not with a passphrase".into()));
    }
    let identity = age::scrypt::Identity::new(passphrase.to_secret());
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
        Age::DecryptionFailed | Age::KeyDecryptionFailed | Age::NoMatchingKeys => ExchangeError::WrongPassphrase,
        other => damaged(&other),
    })?;
    let mut plain = Vec::new();
    // The limit holds for what the file decrypts to, not only for the file.
    (&mut reader).take(MAX_FILE_BYTES + 1).read_to_end(&mut plain).map_err(|e| damaged(&e))?;
    if plain.len() as u64 > MAX_FILE_BYTES {
        return Err(ExchangeError::TooLarge { size: plain.len() as u64, limit: MAX_FILE_BYTES });
    }
    Ok(plain)
}

/// The checks serde's types do not make: sizes, identities, times, labels.
pub fn validate(file: &ExchangeFile) -> Result<(), ExchangeError> {
    check_time("exportedAt", &file.exported_at)?;
    if let Some(by) = &file.exported_by {
        check_line("exportedBy", by, true)?;
    }
    let p = &file.paper;
    check_uid("paper.uid", &p.uid)?;
    check_line("paper.title", &p.title, true)?;
    check_line("paper.delegation", &p.delegation, false)?;
    check_name_id("paper.kind", &p.kind)?;
    check_name_id("paper.language", &p.language)?;
    if let Some(process) = &p.process {
        check_name_id("paper.process", process)?;
    }
    for (field, value) in [("paper.meeting", &p.meeting), ("paper.date", &p.date), ("paper.place", &p.place)] {
        if let Some(value) = value {
            check_line(field, value, false)?;
        }
    }
    check_time("paper.createdAt", &p.created_at)?;
    check_time("paper.updatedAt", &p.updated_at)?;
    check_count("sections", file.sections.len())?;
    for (i, s) in file.sections.iter().enumerate() {
        let at = |f: &str| format!("sections[{i}].{f}");
        if let Some(heading) = &s.heading {
            check_line(&at("heading"), heading, true)?;
        }
        if !matches!(s.level, 1 | 2) {
            return Err(invalid(at("level"), "a section's level is 1 or 2"));
        }
        for (field, id) in [("pillar", &s.pillar), ("part", &s.part)] {
            if let Some(id) = id {
                check_name_id(&at(field), id)?;
            }
        }
        check_text(&at("body"), &s.body)?;
    }
    check_count("versions", file.versions.len())?;
    for (i, v) in file.versions.iter().enumerate() {
        let at = |f: &str| format!("versions[{i}].{f}");
        check_uid(&at("uid"), &v.uid)?;
        if v.number < 1 {
            return Err(invalid(at("number"), "versions are numbered from 1"));
        }
        if let Some(name) = &v.name {
            check_line(&at("name"), name, false)?;
        }
        if VersionKind::parse(&v.kind).is_none() {
            return Err(invalid(at("kind"), format!("\"{}\" is not a kind of version", shown(&v.kind))));
        }
        check_time(&at("createdAt"), &v.created_at)?;
        check_time(&at("savedAt"), &v.saved_at)?;
        check_text(&at("markdown"), &v.markdown)?;
    }
    check_count("annotations", file.annotations.len())?;
    for (i, a) in file.annotations.iter().enumerate() {
        let at = |f: &str| format!("annotations[{i}].{f}");
        check_uid(&at("uid"), &a.uid)?;
        if a.section.is_some_and(|s| s >= file.sections.len()) {
            return Err(invalid(at("section"), "there is no such section in the file"));
        }
        check_text(&at("body"), &a.body)?;
        if let Some(proposal) = &a.proposal {
            check_text(&at("proposal"), proposal)?;
        }
        check_line(&at("author.name"), &a.author.name, true)?;
        for (field, text) in [("quote", &a.quote), ("prefix", &a.prefix), ("suffix", &a.suffix)] {
            check_text(&at(field), text)?;
        }
        check_time(&at("createdAt"), &a.created_at)?;
        check_time(&at("updatedAt"), &a.updated_at)?;
        check_count(&at("thread"), a.thread.len())?;
        for (j, e) in a.thread.iter().enumerate() {
            check_line(&at(&format!("thread[{j}].by.name")), &e.by.name, true)?;
            check_time(&at(&format!("thread[{j}].at")), &e.at)?;
            if let ThreadWhat::Reply(text) = &e.what {
                check_text(&at(&format!("thread[{j}].body")), text)?;
            }
        }
    }
    check_count("documents", file.documents.len())?;
    for (i, d) in file.documents.iter().enumerate() {
        let at = |f: &str| format!("documents[{i}].{f}");
        check_line(&at("title"), &d.title, true)?;
        check_line(&at("shortTitle"), &d.short_title, false)?;
        if let Some(body) = &d.body {
            check_line(&at("body"), body, false)?;
        }
        if let Some(date) = &d.date {
            crate::library::valid_date(date).map_err(|e| invalid(at("date"), e.to_string()))?;
        }
        check_count(&at("paragraphs"), d.paragraphs.len())?;
        if d.paragraphs.is_empty() {
            return Err(invalid(at("paragraphs"), "a document has at least one paragraph"));
        }
        let mut labels = std::collections::HashSet::new();
        for (j, p) in d.paragraphs.iter().enumerate() {
            let field = at(&format!("paragraphs[{j}].label"));
            check_label(&field, &p.label)?;
            if !labels.insert(p.label.as_str()) {
                return Err(invalid(field, format!("the label \"{}\" appears twice", p.label)));
            }
            check_text(&at(&format!("paragraphs[{j}].text")), &p.text)?;
        }
    }
    Ok(())
}

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> ExchangeError {
    ExchangeError::Invalid { field: field.into(), reason: reason.into() }
}

/// At most the first 60 characters of a value, for a message.
fn shown(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

fn check_uid(field: &str, uid: &str) -> Result<(), ExchangeError> {
    if uid.len() == 32 && uid.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(())
    } else {
        Err(invalid(field, format!("\"{}\" is not an identity (32 lower-case hex digits)", shown(uid))))
    }
}

fn check_line(field: &str, text: &str, required: bool) -> Result<(), ExchangeError> {
    if required && text.trim().is_empty() {
        return Err(invalid(field, "must not be empty"));
    }
    if text.chars().count() > MAX_LINE_CHARS {
        return Err(invalid(field, format!("is longer than {MAX_LINE_CHARS} characters")));
    }
    if text.chars().any(|c| c.is_control()) {
        return Err(invalid(field, "holds control characters"));
    }
    Ok(())
}

fn check_text(field: &str, text: &str) -> Result<(), ExchangeError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(invalid(field, format!("is longer than {MAX_TEXT_BYTES} bytes")));
    }
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
        return Err(invalid(field, "holds control characters"));
    }
    Ok(())
}

/// The id of a framework item or a language: the store checks it is known.
fn check_name_id(field: &str, id: &str) -> Result<(), ExchangeError> {
    if !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) && !id.contains("..") {
        Ok(())
    } else {
        Err(invalid(field, format!("\"{}\" is not an identifier", shown(id))))
    }
}

/// A paragraph's label: "13", "13(a)(ii)", "annex I, 3", "1.1".
fn check_label(field: &str, label: &str) -> Result<(), ExchangeError> {
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '(' | ')' | ',' | '.' | '-');
    if label.trim().is_empty() || label.chars().count() > 100 || !label.chars().all(allowed) || label.contains("..") {
        Err(invalid(field, format!("\"{}\" is not a paragraph label", shown(label))))
    } else {
        Ok(())
    }
}

fn check_time(field: &str, text: &str) -> Result<(), ExchangeError> {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(text, &Rfc3339) {
        Ok(_) if text.len() <= 40 => Ok(()),
        _ => Err(invalid(field, format!("\"{}\" is not a time (RFC 3339)", shown(text)))),
    }
}

fn check_count(field: &str, n: usize) -> Result<(), ExchangeError> {
    if n > MAX_ITEMS {
        Err(invalid(field, format!("more than {MAX_ITEMS} entries")))
    } else {
        Ok(())
    }
}

/// What an import did, for a one-line summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub paper_id: i64,
    /// The store had not seen the paper; it was made.
    pub created: bool,
    pub text: TextMerge,
    pub versions_added: usize,
    pub notes_added: usize,
    pub thread_entries_added: usize,
    pub statuses_changed: usize,
    pub documents_added: usize,
}

/// What became of the paper's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum TextMerge {
    /// Both sides have the same text (or the paper is new).
    Same,
    /// The colleague's text holds nothing this store has not seen; the local text stays.
    KeptLocal,
    /// Only the colleague changed the text: it is the paper's text now, as a new version.
    TookTheirs { version: i64 },
    /// Both changed it, in different sections: the changes came together as a new version.
    Merged { version: i64 },
    /// Both changed it: the local text stays, and theirs is kept as a version to compare.
    Conflict { version: i64 },
}

impl ImportReport {
    pub fn summary(&self) -> String {
        let text = match &self.text {
            TextMerge::Same if self.created => "new paper".to_string(),
            TextMerge::Same => "text unchanged".to_string(),
            TextMerge::KeptLocal => "your text is newer and stays".to_string(),
            TextMerge::TookTheirs { version } => format!("took their text as version {version}"),
            TextMerge::Merged { version } => format!("both changed different sections: merged as version {version}"),
            TextMerge::Conflict { version } => {
                format!("both changed the text: yours stays, theirs is version {version} to compare")
            }
        };
        format!(
            "{text}; {} versions, {} notes, {} replies or status changes, {} library documents added; {} statuses changed",
            self.versions_added, self.notes_added, self.thread_entries_added, self.documents_added, self.statuses_changed
        )
    }
}
