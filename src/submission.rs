//! `chancery check PAPER_ID [--limit L] [--json]`: the submission report.

use chancery_core::{Store, diff};
use chancery_core::submission::{Finding, FindingKind, Severity, SubmissionReport, WordLimit};

use crate::Failure;
use crate::library;

/// Prints the report; it succeeds whatever the findings, since it is a report, not a gate.
pub fn check(store: &Store, paper_id: i64, limit: Option<&str>, json: bool) -> Result<(), Failure> {
    let limit = limit.map(WordLimit::parse).transpose()?;
    let report = store.submission_check(paper_id, limit)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report serialises"));
    } else {
        print!("{}", describe(&report));
    }
    Ok(())
}

fn describe(report: &SubmissionReport) -> String {
    let mut out = format!("{}\n", report.summary());
    for severity in [Severity::MustFix, Severity::Check] {
        let findings: Vec<&Finding> = report.findings.iter().filter(|f| f.severity == severity).collect();
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}:\n", severity.label()));
        for f in findings {
            out.push_str(&format!("  {}: {}\n", f.section, f.message));
            match (&f.words, f.kind) {
                (Some(reference), FindingKind::UnresolvedReference) => out.push_str(&format!("    {reference}\n")),
                (Some(words), _) => out.push_str(&format!("    “{words}”\n")),
                (None, _) => {}
            }
            if let Some(changes) = &f.changes {
                out.push_str(&format!("    diff: {}\n", diff::inline(changes)));
            }
        }
    }
    out.push_str("\nAgreed language:\n");
    out.push_str(&library::describe(&report.agreed_language));
    out
}
