//! A paper's record of the Voluntary Checklist.

use std::collections::HashMap;

use rusqlite::params;

use super::{Store, StoreError};
use crate::checklist::{ActionStatus, ActionUpdate, Checklist, ChecklistEntry};
use crate::paper::{NewSection, Section, SectionPatch};

impl Store {
    /// Every practical action of the framework with what the paper records of it; actions
    /// not yet touched read as not started.
    pub fn checklist(&self, paper_id: i64) -> Result<Checklist, StoreError> {
        self.paper(paper_id)?;
        let mut stmt = self.conn.prepare(
            "SELECT action, status, note, evidence, section_id, updated_at FROM checklist_entry WHERE paper_id = ?1",
        )?;
        let mut recorded: HashMap<String, ChecklistEntry> = stmt
            .query_map([paper_id], |r| {
                let status: String = r.get(1)?;
                Ok(ChecklistEntry {
                    action: r.get(0)?,
                    norm: String::new(),
                    // The schema's CHECK keeps the column to the known statuses.
                    status: ActionStatus::parse(&status).unwrap_or_default(),
                    note: r.get(2)?,
                    evidence: r.get(3)?,
                    section: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })?
            .map(|e| e.map(|e| (e.action.clone(), e)))
            .collect::<Result<_, _>>()?;
        let entries = self
            .framework
            .actions
            .iter()
            .map(|action| {
                let mut entry = recorded.remove(&action.id).unwrap_or_else(|| ChecklistEntry {
                    action: action.id.clone(),
                    norm: String::new(),
                    status: ActionStatus::NotStarted,
                    note: String::new(),
                    evidence: String::new(),
                    section: None,
                    updated_at: None,
                });
                entry.norm = action.norm.clone();
                entry
            })
            .collect();
        let norms: Vec<String> = self.framework.norms.iter().map(|n| n.id.clone()).collect();
        Ok(Checklist::summarise(&norms, entries))
    }

    /// Records a practical action's status, note or evidence for a paper.
    pub fn set_action(&mut self, paper_id: i64, action: &str, update: ActionUpdate) -> Result<ChecklistEntry, StoreError> {
        let known = self.framework.actions.iter().any(|a| a.id == action);
        if !known {
            return Err(StoreError::invalid(
                "action",
                format!("there is no practical action \"{action}\"; `chancery checklist ID` lists them"),
            ));
        }
        let current = self
            .checklist(paper_id)?
            .entries
            .into_iter()
            .find(|e| e.action == action)
            .expect("every known action has an entry");
        let now = self.clock.now();
        let status = update.status.unwrap_or(current.status);
        let note = update.note.unwrap_or(current.note);
        let evidence = update.evidence.unwrap_or(current.evidence);
        self.conn.execute(
            "INSERT INTO checklist_entry (paper_id, action, status, note, evidence, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (paper_id, action) DO UPDATE SET
                status = excluded.status, note = excluded.note, evidence = excluded.evidence, updated_at = excluded.updated_at",
            params![paper_id, action, status.as_str(), note, evidence, now],
        )?;
        Ok(ChecklistEntry { status, note, evidence, updated_at: Some(now), ..current })
    }

    /// The section that reports on a practical action: the one linked to it, else the
    /// paper's norms section (made if the paper has none) with a paragraph opened for the
    /// action, which is then linked.
    pub fn report_on_action(&mut self, paper_id: i64, action: &str) -> Result<Section, StoreError> {
        let entry = self.checklist(paper_id)?.entries.into_iter().find(|e| e.action == action).ok_or_else(|| {
            StoreError::invalid("action", format!("there is no practical action \"{action}\"; `chancery checklist ID` lists them"))
        })?;
        if let Some(section) = entry.section.and_then(|id| self.section(id).ok()) {
            return Ok(section);
        }
        let norm = self.framework.norms.iter().find(|n| n.id == entry.norm).cloned().expect("actions name known norms");
        let sections = self.sections(paper_id)?;
        let section = match sections.iter().find(|s| s.pillar.as_deref() == Some("norms")) {
            Some(section) => section.clone(),
            None => {
                let heading = self.framework.pillar("norms").map_or("Norms".to_string(), |p| p.name.clone());
                let after = self.norms_section_place(&sections);
                self.add_section(paper_id, NewSection { heading, pillar: Some("norms".into()), after })?
            }
        };
        let opening = format!("On norm {} ({}): ", norm.label, norm.title);
        // One paragraph per norm: a second action of the same norm opens the same place.
        let body = match section.body.trim_end() {
            _ if section.body.contains(&format!("On norm {} (", norm.label)) => section.body.clone(),
            "" => opening,
            text => format!("{text}\n\n{opening}"),
        };
        let section = if body == section.body {
            section
        } else {
            self.update_section(section.id, SectionPatch { body: Some(body), ..SectionPatch::default() })?
        };
        let now = self.clock.now();
        self.conn.execute(
            "INSERT INTO checklist_entry (paper_id, action, section_id, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (paper_id, action) DO UPDATE SET section_id = excluded.section_id, updated_at = excluded.updated_at",
            params![paper_id, action, section.id, now],
        )?;
        Ok(section)
    }

    /// Where a new norms section goes: after the last section that comes before the norms
    /// pillar (threats, an introduction), so that it stands before later pillars and
    /// conclusions; at the end when nothing comes after it.
    fn norms_section_place(&self, sections: &[Section]) -> Option<i64> {
        let order = |pillar: &str| self.framework.pillars.iter().position(|p| p.id == pillar);
        let norms = order("norms");
        let later = sections.iter().position(|s| {
            s.pillar.as_deref().and_then(order) > norms || s.part.as_deref() == Some("conclusions")
        });
        match later {
            Some(0) | None => None,
            Some(at) => Some(sections[at - 1].id),
        }
    }
}
