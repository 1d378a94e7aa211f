//! Reading and checking a framework pack.

use std::collections::HashSet;

use thiserror::Error;

use super::Framework;
use crate::ErrorCode;

#[derive(Debug, Error)]
pub enum PackError {
    #[error("the framework pack is not valid TOML for this version of Chancery: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("the framework pack is inconsistent: {0}")]
    Inconsistent(String),
}

impl ErrorCode for PackError {
    fn code(&self) -> &'static str {
        "framework.invalid_pack"
    }
}

impl Framework {
    /// Reads a pack and checks that everything it names exists and every id is unique.
    pub fn parse(text: &str) -> Result<Framework, PackError> {
        let framework: Framework = toml::from_str(text)?;
        framework.check()?;
        Ok(framework)
    }

    fn check(&self) -> Result<(), PackError> {
        let bad = |what: String| Err(PackError::Inconsistent(what));
        unique("language", self.languages.iter().map(|l| &l.code))?;
        unique("process", self.processes.iter().map(|p| &p.id))?;
        unique("pillar", self.pillars.iter().map(|p| &p.id))?;
        unique("section kind", self.section_kinds.iter().map(|k| &k.id))?;
        unique("norm", self.norms.iter().map(|n| &n.id))?;
        unique("practical action", self.actions.iter().map(|a| &a.id))?;
        unique("international-law topic", self.il_topics.iter().map(|t| &t.id))?;
        unique("template", self.templates.iter().map(|t| &t.id))?;
        for process in &self.processes {
            for pillar in &process.pillars {
                if self.pillar(pillar).is_none() {
                    return bad(format!("process {} names unknown pillar {pillar}", process.id));
                }
            }
        }
        for action in &self.actions {
            if !self.norms.iter().any(|n| n.id == action.norm) {
                return bad(format!("action {} names unknown norm {}", action.id, action.norm));
            }
        }
        for template in &self.templates {
            for section in &template.sections {
                if let Some(pillar) = &section.pillar
                    && self.pillar(pillar).is_none()
                {
                    return bad(format!("template {} names unknown pillar {pillar}", template.id));
                }
                if let Some(part) = &section.part
                    && self.section_kind(part).is_none()
                {
                    return bad(format!("template {} names unknown part {part}", template.id));
                }
                if !(1..=2).contains(&section.level) {
                    return bad(format!(
                        "template {} has a section of level {}; sections are level 1 or 2",
                        template.id, section.level
                    ));
                }
            }
        }
        if self.template("blank").is_none() {
            return bad("there is no \"blank\" template".into());
        }
        if self.language("en").is_none() {
            return bad("English is not among the languages".into());
        }
        Ok(())
    }
}

fn unique<'a>(what: &str, ids: impl Iterator<Item = &'a String>) -> Result<(), PackError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(PackError::Inconsistent(format!("{what} id {id} appears twice")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_pack_is_complete() {
        let fw = Framework::parse(super::super::BUILTIN_PACK).unwrap();
        let pillars: Vec<_> = fw.pillars.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            pillars,
            ["threats", "norms", "international-law", "cbms", "capacity-building", "institutional-dialogue"]
        );
        let norms: String = fw.norms.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(norms, "abcdefghijk");
        for norm in &fw.norms {
            let national = fw.actions.iter().filter(|a| a.norm == norm.id && a.level == super::super::Level::National);
            let international = fw.actions.iter().filter(|a| a.norm == norm.id && a.level == super::super::Level::International);
            assert!(national.count() >= 1 && international.count() >= 1, "norm {} lacks actions", norm.id);
        }
        let languages: Vec<_> = fw.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(languages, ["en", "fr", "es", "ru", "ar", "zh"]);
        for kind in ["blank", "comments", "contribution", "position", "statement"] {
            assert!(fw.template(kind).is_some(), "no template {kind}");
        }
    }

    #[test]
    fn a_pack_naming_an_unknown_pillar_is_refused_with_the_name() {
        let text = super::super::BUILTIN_PACK.replacen(
            "pillars = [\"threats\"",
            "pillars = [\"threatz\"",
            1,
        );
        let err = Framework::parse(&text).unwrap_err();
        assert!(err.to_string().contains("threatz"), "{err}");
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let text = format!("{}\nsurprise = 1\n", super::super::BUILTIN_PACK);
        assert!(matches!(Framework::parse(&text), Err(PackError::Syntax(_))));
    }
}
