//! The framework of the UN processes on ICT security, as a data pack: processes and their
//! pillars, the eleven norms and the practical actions of the Voluntary Checklist, the
//! international-law topics, and the templates for each kind of paper.
//!
//! The pack is data, not code: `core/framework/pack.toml`, written in our own words, with a
//! `version` that makes an older store upgrade its copy in place.

mod pack;

use serde::{Deserialize, Serialize};

pub use pack::PackError;

/// The pack built into this program.
pub const BUILTIN_PACK: &str = include_str!("../../framework/pack.toml");

/// The whole framework, as read from a pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all(serialize = "camelCase"))]
pub struct Framework {
    pub version: u32,
    #[serde(rename(serialize = "languages", deserialize = "language"))]
    pub languages: Vec<Language>,
    #[serde(rename(serialize = "processes", deserialize = "process"))]
    pub processes: Vec<Process>,
    #[serde(rename(serialize = "pillars", deserialize = "pillar"))]
    pub pillars: Vec<Pillar>,
    #[serde(rename(serialize = "sectionKinds", deserialize = "section_kind"))]
    pub section_kinds: Vec<SectionKind>,
    #[serde(rename(serialize = "norms", deserialize = "norm"))]
    pub norms: Vec<Norm>,
    #[serde(rename(serialize = "actions", deserialize = "action"))]
    pub actions: Vec<PracticalAction>,
    #[serde(rename(serialize = "ilTopics", deserialize = "il_topic"))]
    pub il_topics: Vec<IlTopic>,
    #[serde(rename(serialize = "templates", deserialize = "template"))]
    pub templates: Vec<Template>,
}

/// One of the six official languages of the United Nations.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub native: String,
    pub rtl: bool,
}

/// A process of the First Committee's track on ICT security: a GGE, an OEWG, the mechanism.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all(serialize = "camelCase"))]
pub struct Process {
    pub id: String,
    pub name: String,
    pub short: String,
    pub mandate: String,
    pub years: String,
    pub description: String,
    /// This process's pillars in its agreed order.
    pub pillars: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thematic_groups: Vec<String>,
}

/// A pillar (agenda item) of the framework of responsible State behaviour.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    pub id: String,
    pub name: String,
    pub short: String,
    /// Lower-case heading texts that mean this pillar.
    pub aliases: Vec<String>,
    pub summary: String,
    /// Guiding questions a drafter should answer under this pillar.
    pub questions: Vec<String>,
}

/// A part of a paper that belongs to no pillar: introduction, general remarks, conclusions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionKind {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub questions: Vec<String>,
}

/// Where an item stands in an agreed text: the document's symbol and the paragraph.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub symbol: String,
    pub para: String,
}

/// One of the eleven norms of A/70/174, para. 13.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    /// The letter, "a" to "k".
    pub id: String,
    /// Its paragraph in A/70/174, e.g. "13(a)".
    pub label: String,
    /// The items of resolution 73/27, para. 1, that restate it.
    pub res_73_27: Vec<String>,
    pub title: String,
    pub summary: String,
    pub source: Source,
    #[serde(default)]
    pub verify: bool,
}

/// Whether a practical action is taken at home or with other States.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    International,
}

/// A practical action of the Voluntary Checklist, described in our own words.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticalAction {
    pub id: String,
    pub norm: String,
    pub level: Level,
    pub text: String,
    pub source: Source,
    #[serde(default)]
    pub verify: bool,
}

/// A topic of international law that national positions address.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IlTopic {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub questions: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub verify: bool,
}

/// A kind of paper and the sections a new paper of that kind starts with.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all(serialize = "camelCase"))]
pub struct Template {
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: String,
    #[serde(default)]
    pub reading_time: bool,
    #[serde(default)]
    pub word_limit: u32,
    #[serde(rename(serialize = "sections", deserialize = "section"), default)]
    pub sections: Vec<TemplateSection>,
}

/// A section a template starts a paper with.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSection {
    pub heading: String,
    pub level: u8,
    #[serde(default)]
    pub part: Option<String>,
    #[serde(default)]
    pub pillar: Option<String>,
    #[serde(default)]
    pub prompts: Vec<String>,
}

/// What a section heading means in the framework.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeadingMeaning {
    pub pillar: Option<String>,
    pub part: Option<String>,
}

impl Framework {
    /// The pack built into this program. It is checked by the tests, so it always parses.
    pub fn builtin() -> Framework {
        Framework::parse(BUILTIN_PACK).expect("the built-in framework pack is valid")
    }

    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id == id)
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn process(&self, id: &str) -> Option<&Process> {
        self.processes.iter().find(|p| p.id == id)
    }

    pub fn section_kind(&self, id: &str) -> Option<&SectionKind> {
        self.section_kinds.iter().find(|k| k.id == id)
    }

    /// What a heading written by a drafter means: "International law" is the pillar
    /// `international-law`, "General remarks" a free-standing part. Matching forgives case,
    /// surrounding space, a leading numbering ("III.", "3.", "A.") and a trailing colon.
    pub fn meaning_of_heading(&self, heading: &str) -> HeadingMeaning {
        let key = heading_key(heading);
        let matches = |aliases: &[String], name: &str| {
            heading_key(name) == key || aliases.iter().any(|a| heading_key(a) == key)
        };
        HeadingMeaning {
            pillar: self
                .pillars
                .iter()
                .find(|p| matches(&p.aliases, &p.name))
                .map(|p| p.id.clone()),
            part: self
                .section_kinds
                .iter()
                .find(|k| matches(&k.aliases, &k.name))
                .map(|k| k.id.clone()),
        }
    }

    /// The questions to show beside a section: its pillar's, else its part's.
    pub fn questions_for(&self, pillar: Option<&str>, part: Option<&str>) -> Vec<String> {
        if let Some(p) = pillar.and_then(|id| self.pillar(id)) {
            return p.questions.clone();
        }
        part.and_then(|id| self.section_kind(id))
            .map(|k| k.questions.clone())
            .unwrap_or_default()
    }
}

/// A heading reduced to what identifies it: lower case, no numbering, no trailing colon.
fn heading_key(heading: &str) -> String {
    let lower = heading.trim().to_lowercase();
    let mut rest = lower.as_str();
    // Strip "III.", "3.", "A." and "a)" numbering that drafters put before headings.
    if let Some((first, after)) = rest.split_once(['.', ')']) {
        let numbering = !first.is_empty()
            && first.len() <= 5
            && (first.chars().all(|c| c.is_ascii_digit())
                || first.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
                || (first.len() == 1 && first.chars().all(|c| c.is_ascii_lowercase())));
        if numbering {
            rest = after;
        }
    }
    rest.trim().trim_end_matches(':').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_find_their_pillar_whatever_the_numbering() {
        let fw = Framework::builtin();
        for heading in ["International law", "III. International Law", "3. international law:"] {
            assert_eq!(
                fw.meaning_of_heading(heading).pillar.as_deref(),
                Some("international-law"),
                "{heading}"
            );
        }
        assert_eq!(fw.meaning_of_heading("Acknowledgements"), HeadingMeaning::default());
    }

    #[test]
    fn a_pillar_section_gets_its_pillars_questions() {
        let fw = Framework::builtin();
        let questions = fw.questions_for(Some("norms"), None);
        assert_eq!(questions, fw.pillar("norms").unwrap().questions);
        assert!(!questions.is_empty());
    }
}
