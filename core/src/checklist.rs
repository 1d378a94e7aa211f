//! The Voluntary Checklist of Practical Actions, as a delegation tracks it: a status, a
//! note and evidence for each practical action, and progress per norm.

use serde::{Deserialize, Serialize};

/// How far a practical action has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    NotStarted,
    InProgress,
    Implemented,
    NotApplicable,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::NotStarted, ActionStatus::InProgress, ActionStatus::Implemented, ActionStatus::NotApplicable];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not-started",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Implemented => "implemented",
            ActionStatus::NotApplicable => "not-applicable",
        }
    }

    pub fn parse(text: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One practical action with what the delegation recorded of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistEntry {
    pub action: String,
    pub norm: String,
    pub status: ActionStatus,
    pub note: String,
    /// Free text and references to agreed texts that show the action is taken.
    pub evidence: String,
    /// The section of the paper that reports on the action, once there is one.
    pub section: Option<i64>,
    pub updated_at: Option<String>,
}

/// What to record of a practical action; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionUpdate {
    pub status: Option<ActionStatus>,
    pub note: Option<String>,
    pub evidence: Option<String>,
}

/// How far a norm's practical actions have come.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NormProgress {
    pub norm: String,
    pub total: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub implemented: usize,
    pub not_applicable: usize,
}

impl NormProgress {
    /// Implemented actions out of those that apply, as a whole percentage; 100 when none apply.
    pub fn percent(&self) -> u32 {
        let applicable = self.total - self.not_applicable;
        (self.implemented * 100).checked_div(applicable).map_or(100, |p| p as u32)
    }
}

/// A paper's checklist: every practical action of the framework, in the pack's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub entries: Vec<ChecklistEntry>,
    pub by_norm: Vec<NormProgress>,
}

impl Checklist {
    /// Counts the entries norm by norm, in the order the norms come.
    pub fn summarise(norms: &[String], entries: Vec<ChecklistEntry>) -> Checklist {
        let by_norm = norms
            .iter()
            .map(|norm| {
                let mut p = NormProgress { norm: norm.clone(), ..NormProgress::default() };
                for e in entries.iter().filter(|e| &e.norm == norm) {
                    p.total += 1;
                    match e.status {
                        ActionStatus::NotStarted => p.not_started += 1,
                        ActionStatus::InProgress => p.in_progress += 1,
                        ActionStatus::Implemented => p.implemented += 1,
                        ActionStatus::NotApplicable => p.not_applicable += 1,
                    }
                }
                p
            })
            .collect();
        Checklist { entries, by_norm }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(norm: &str, status: ActionStatus) -> ChecklistEntry {
        ChecklistEntry {
            action: format!("{norm}-x"),
            norm: norm.into(),
            status,
            note: String::new(),
            evidence: String::new(),
            section: None,
            updated_at: None,
        }
    }

    #[test]
    fn progress_counts_what_applies() {
        use ActionStatus::*;
        let list = Checklist::summarise(
            &["a".into(), "b".into(), "c".into()],
            vec![entry("a", Implemented), entry("a", NotApplicable), entry("a", InProgress), entry("b", NotApplicable)],
        );
        let a = &list.by_norm[0];
        assert_eq!((a.total, a.implemented, a.in_progress, a.not_applicable, a.not_started), (3, 1, 1, 1, 0));
        assert_eq!(a.percent(), 50);
        assert_eq!(list.by_norm[1].percent(), 100, "nothing applies, nothing is missing");
        assert_eq!((list.by_norm[2].total, list.by_norm[2].percent()), (0, 100));
    }
}
