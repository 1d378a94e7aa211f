//! The submission check on a real store: the findings a drafter acts on before a paper
//! leaves the ministry, and the `chancery check` report.

use chancery_core::annotation::{AnnotationKind, AnnotationStatus, NewAnnotation, Role};
use chancery_core::library::{Kind, NewDocument, Symbol, split};
use chancery_core::submission::{FindingKind, LimitSource, Severity, SubmissionReport, WordLimit};
use chancery_core::{NewPaper, SectionPatch, Store, StoreError};
use predicates::prelude::*;
use serde_json::Value;

use crate::Scratch;
use crate::cli::{chancery, stdout};

/// A report of our own making, in the UN style.
const REPORT: &str = "1. The Group met three times and adopted its report by consensus.\n\
2. States should designate a national point of contact for incidents affecting undersea data cables.\n\
3. States should notify the flag State of a vessel suspected of damaging a cable.\n";

fn store_with_library(scratch: &Scratch) -> Store {
    let mut store = scratch.store();
    let new = NewDocument {
        symbol: Symbol::parse("A/98/250").unwrap(),
        title: "Report of the Open-ended Working Group on Undersea Cables".into(),
        short_title: None,
        body: None,
        date: Some("2043-07-11".into()),
        kind: Kind::Report,
        adoption: None,
    };
    store.import_document(new, &split::split_text(REPORT, "A/98/250"), false).unwrap();
    store
}

fn write(store: &mut Store, paper: i64, heading: &str, body: &str) -> i64 {
    let id = store.sections(paper).unwrap().into_iter().find(|s| s.heading.as_deref() == Some(heading)).unwrap().id;
    store.update_section(id, SectionPatch { body: Some(body.into()), ..Default::default() }).unwrap();
    id
}

fn note(store: &mut Store, paper: i64, section: i64, quote: &str, kind: AnnotationKind, body: &str) -> i64 {
    store.annotate(paper, NewAnnotation { section_id: section, quote: quote.into(), occurrence: None, kind, body: body.into(), proposal: None }).unwrap().id
}

/// Each finding as (severity, kind, section, words).
fn findings(report: &SubmissionReport) -> Vec<(Severity, FindingKind, String, Option<String>)> {
    report.findings.iter().map(|f| (f.severity, f.kind, f.section.clone(), f.words.clone())).collect()
}

/// A contribution with one finding of each kind, and sections that are fine.
fn contribution(store: &mut Store) -> i64 {
    let paper = store
        .create_paper(NewPaper { title: "Contribution of Ruritania under resolution 98/12".into(), template: Some("contribution".into()), ..Default::default() })
        .unwrap()
        .id;
    write(
        store,
        paper,
        "Introduction",
        "1. Ruritania recalls that “States should designate a national point of contact” [@A/98/250, para. 2] and that \
         “States must notify the flag State of a vessel” [@A/98/250, para. 3], as the Group found [@A/98/250, para. 9].",
    );
    let threats = write(store, paper, "Existing and potential threats", "2. Cable cuts near our coast doubled in 2043. Repair took weeks.");
    write(
        store,
        paper,
        "Rules, norms and principles of responsible State behaviour",
        "- Answer the questions in the request that concern this pillar; delete the section if none do.\n\
         - Describe national practice concretely: laws,\n  institutions, programmes and dates.",
    );
    for heading in ["International law", "Capacity-building", "Regular institutional dialogue", "Conclusions"] {
        write(store, paper, heading, "Ruritania supports the report.");
    }
    store.set_profile("Amina Diallo", Role::LegalAdviser).unwrap();
    note(store, paper, threats, "Repair took weeks", AnnotationKind::Comment, "Give the number of weeks.");
    note(store, paper, threats, "doubled in 2043", AnnotationKind::LegalRisk, "This figure is classified; use the public one.");
    let resolved = note(store, paper, threats, "Cable cuts", AnnotationKind::Comment, "Fine.");
    store.set_annotation_status(resolved, AnnotationStatus::Resolved).unwrap();
    paper
}

#[test]
fn a_paper_gets_exactly_its_findings_must_fix_first_and_legal_risk_first() {
    let scratch = Scratch::new();
    let mut store = store_with_library(&scratch);
    let paper = contribution(&mut store);

    let report = store.submission_check(paper, Some(WordLimit::Words(60))).unwrap();
    let s = |text: &str| text.to_string();
    assert_eq!(
        findings(&report),
        [
            (Severity::MustFix, FindingKind::OverLimit, s("Whole paper"), None),
            (Severity::MustFix, FindingKind::UnresolvedReference, s("Introduction"), Some(s("[@A/98/250, para. 9]"))),
            (Severity::Check, FindingKind::Deviation, s("Introduction"), Some(s("States must notify the flag State of a vessel"))),
            (Severity::Check, FindingKind::OpenNote, s("Existing and potential threats"), Some(s("doubled in 2043"))),
            (Severity::Check, FindingKind::OpenNote, s("Existing and potential threats"), Some(s("Repair took weeks"))),
            (Severity::Check, FindingKind::GuidanceOnly, s("Rules, norms and principles of responsible State behaviour"), None),
            (Severity::Check, FindingKind::EmptySection, s("Confidence-building measures"), None),
        ]
    );
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(report.words, 109, "the count the editor shows");
    assert_eq!(messages[0], "109 words: 49 over the limit of 60");
    assert_eq!(messages[1], "Reference does not resolve (line 1): A/98/250 has no paragraph 9");
    assert_eq!(messages[2], "Quotation differs from the agreed text of A/98/250, para. 3 (line 1)");
    assert_eq!(messages[3], "Open legal-risk note by Amina Diallo: This figure is classified; use the public one.");
    assert_eq!(messages[5], "The section holds only the template's guiding questions, no text of the paper's own");
    assert_eq!(messages[6], "The section has a heading but no text");
    // Every finding in a section names it by id, so the app can open it.
    let sections = store.sections(paper).unwrap();
    for f in &report.findings[1..] {
        let id = f.section_id.unwrap();
        assert_eq!(sections.iter().find(|s| s.id == id).unwrap().heading.as_deref(), Some(f.section.as_str()));
    }
    // The agreed-language check is reused, verified quotations included.
    assert_eq!(report.agreed_language, store.check(paper).unwrap());
    assert_eq!(report.agreed_language.verified.len(), 1);
    assert_eq!(report.summary(), "2 items to fix before submission, 5 items to check. 109 words, limit 60.");

    // Under the limit, the count is no finding; a preset names itself.
    let report = store.submission_check(paper, Some(WordLimit::InSession)).unwrap();
    assert_eq!(report.findings[0].kind, FindingKind::UnresolvedReference);
    assert_eq!(report.summary(), "1 item to fix before submission, 5 items to check. 109 words, limit 3,300 (In-session documents).");

    assert!(matches!(store.submission_check(999, None), Err(StoreError::NoSuchPaper(999))));
}

#[test]
fn a_clean_paper_is_all_clear() {
    let scratch = Scratch::new();
    let mut store = store_with_library(&scratch);
    let paper = store.create_paper(NewPaper { title: "Statement on cables".into(), template: Some("blank".into()), ..Default::default() }).unwrap().id;
    write(&mut store, paper, "Text", "Mr Chair, we recall that “States should designate a national point of contact” [@A/98/250, para. 2].");
    let note = {
        let section = store.sections(paper).unwrap()[0].id;
        store.set_profile("Jonas Berg", Role::Reviewer).unwrap();
        note(&mut store, paper, section, "Mr Chair", AnnotationKind::Comment, "Madam Chair this year.")
    };
    store.set_annotation_status(note, AnnotationStatus::WontFix).unwrap();

    let report = store.submission_check(paper, Some(WordLimit::Secretariat)).unwrap();
    assert!(report.is_clear(), "{:?}", report.findings);
    assert_eq!(report.summary(), "All clear: nothing to fix or check before submission. 17 words, limit 8,500 (Secretariat documents).");
    let report = store.submission_check(paper, None).unwrap();
    assert_eq!(report.limit, None, "a blank paper has no limit of its own");
    assert!(report.summary().ends_with("17 words, no limit set."));
}

#[test]
fn without_a_chosen_limit_the_papers_own_applies_then_its_kinds() {
    let scratch = Scratch::new();
    let mut store = scratch.store();
    let paper = store.create_paper(NewPaper { title: "Statement".into(), template: Some("statement".into()), ..Default::default() }).unwrap().id;
    write(&mut store, paper, "Statement", &"Ruritania stands ready to cooperate. ".repeat(130));

    let report = store.submission_check(paper, None).unwrap();
    let limit = report.limit.clone().unwrap();
    assert_eq!((limit.words, limit.source), (650, LimitSource::Template));
    assert_eq!(report.findings[0].message, "651 words: 1 over the limit of 650 (the limit for its kind of paper)");

    // The paper's own limit comes before its kind's.
    store.set_word_limit(paper, Some(3300)).unwrap();
    let report = store.submission_check(paper, None).unwrap();
    let limit = report.limit.unwrap();
    assert_eq!((limit.words, limit.preset, limit.source), (3300, Some("in-session"), LimitSource::Paper));
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn the_cli_reports_with_a_preset_a_number_or_the_default_and_refuses_a_bad_limit() {
    let scratch = Scratch::new();
    let paper = {
        let mut store = store_with_library(&scratch);
        contribution(&mut store)
    };
    let id = paper.to_string();
    let out = stdout(chancery(&scratch).args(["check", &id, "--limit", "60"]));
    assert!(out.starts_with("2 items to fix before submission, 5 items to check. 109 words, limit 60.\n\nMust fix before submission:\n  Whole paper: 109 words: 49 over the limit of 60\n  Introduction: Reference does not resolve (line 1): A/98/250 has no paragraph 9\n    [@A/98/250, para. 9]\n\nCheck:\n  Introduction: Quotation differs"), "{out}");
    assert!(out.contains("\n  Introduction: Quotation differs from the agreed text of A/98/250, para. 3 (line 1)\n    “States must notify the flag State of a vessel”\n    diff: States [-should-]{+must+} notify the flag State of a vessel\n"), "{out}");
    assert!(out.contains("\n  Existing and potential threats: Open legal-risk note by Amina Diallo: This figure is classified; use the public one.\n    “doubled in 2043”\n"), "{out}");
    assert!(out.contains("\n  Confidence-building measures: The section has a heading but no text\n"), "{out}");
    // The agreed-language details follow, as `check` always printed them.
    assert!(out.contains("\nAgreed language:\nUnresolved references: 1\n  Introduction, line 1: @A/98/250, para. 9\n"), "{out}");
    assert!(out.ends_with("Verified quotations: 1\n  Introduction, line 1: @A/98/250, para. 2\n    “States should designate a national point of contact”\n"), "{out}");

    for (limit, words, preset) in [("secretariat", 8500, "secretariat"), ("intergovernmental", 10700, "intergovernmental"), ("in-session", 3300, "in-session"), ("8500", 8500, "secretariat")] {
        let json: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["check", &id, "--limit", limit, "--json"]))).unwrap();
        assert_eq!(json["limit"]["words"], words, "{limit}");
        assert_eq!(json["limit"]["preset"], preset, "{limit}");
        assert_eq!(json["findings"][0]["kind"], "unresolved-reference", "{limit}: under the limit");
        assert_eq!(json["findings"][0]["severity"], "must-fix");
    }
    let json: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["check", &id, "--json"]))).unwrap();
    assert_eq!(json["limit"], Value::Null, "a contribution has no limit of its own");
    assert_eq!(json["agreedLanguage"]["deviations"][0]["changes"][1]["text"], "should");

    chancery(&scratch)
        .args(["check", &id, "--limit", "lots"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("\"lots\" is not a word limit; give a number of words (e.g. 8500) or secretariat (8,500)").and(predicate::str::contains("[submission.invalid_limit]")));
    chancery(&scratch).args(["check", "77"]).assert().failure().stderr(predicate::str::contains("[paper.not_found]"));
}
