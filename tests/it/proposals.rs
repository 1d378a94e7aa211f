//! Comments on a Chair's draft: a paper based on a draft in the library, proposals per
//! paragraph, their redlines in the PDF, and the rebase onto the Chair's revision.

use std::path::PathBuf;
use std::process::Command as Tool;

use chancery_core::library::{Kind, NewDocument, Symbol, read, split};
use chancery_core::proposal::{NewProposal, Outcome, ProposalKind, ProposalStatus};
use chancery_core::{NewPaper, Store};
use predicates::prelude::*;
use serde_json::Value;

use crate::Scratch;
use crate::cli::{chancery, stdout};

const ZERO: &str = "A/AC.999/2026/CRP.1";
const REVISED: &str = "A/AC.999/2026/CRP.1/Rev.1";

fn draft(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/proposals").join(name)
}

fn import(store: &mut Store, file: &str, symbol: &str, title: &str) {
    let pages = read::read_file(&draft(file)).unwrap();
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let split = split::split_pages(&pages, symbol);
    assert_eq!(split.paragraphs.len(), 18, "{file}: {:?}", split.labels());
    let new = NewDocument {
        symbol: Symbol::parse(symbol).unwrap(),
        title: title.into(),
        short_title: None,
        body: Some("OEWG on undersea data infrastructure".into()),
        date: None,
        kind: Kind::Other,
        adoption: None,
    };
    store.import_document(new, &split, false).unwrap();
}

/// A store with the zero draft and its revision in the library, and a comments paper on
/// the zero draft.
fn comments(scratch: &Scratch) -> (Store, i64) {
    let mut store = scratch.store();
    import(&mut store, "crp1.txt", ZERO, "Zero draft of the annual progress report");
    import(&mut store, "crp1-rev1.txt", REVISED, "Revised draft of the annual progress report");
    let new = NewPaper { title: "Comments on the zero draft".into(), delegation: Some("Ruritania".into()), template: Some("comments".into()), ..NewPaper::default() };
    let paper = store.create_paper_on(new, &Symbol::parse(ZERO).unwrap()).unwrap();
    (store, paper.id)
}

fn propose(store: &mut Store, paper: i64, kind: ProposalKind, label: &str, text: &str) -> i64 {
    store.propose(paper, NewProposal { kind, label: label.into(), text: text.into(), justification: String::new() }).unwrap().id
}

#[test]
fn a_paper_on_an_unknown_draft_is_refused() {
    let scratch = Scratch::new();
    chancery(&scratch)
        .args(["paper", "new", "--title", "Comments", "--template", "comments", "--base", "A/AC.999/2026/CRP.7"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("A/AC.999/2026/CRP.7 is not in the library"));
    let list: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "list", "--json"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing was created");
}

#[test]
fn proposals_are_made_listed_in_paragraph_order_changed_and_withdrawn() {
    let scratch = Scratch::new();
    drop(comments(&scratch));
    let paper = "1";
    // Made out of order; listed in the draft's order, a new paragraph after the proposals on its paragraph.
    let insert = stdout(chancery(&scratch).args(["propose", paper, "--para", "11", "--insert-after", "States encouraged joint exercises between cable operators."]));
    stdout(chancery(&scratch).args(["propose", paper, "--para", "12", "--amend", "States should develop voluntary guidance on the security of undersea data cables.", "--why", "Guidance needs a *drafting* body [@A/RES/99/12, para. 3]."]));
    stdout(chancery(&scratch).args(["propose", paper, "--para", "11", "--comment", "Welcome; add regional organizations."]));
    stdout(chancery(&scratch).args(["propose", paper, "--para", "2", "--delete"]));
    let listed: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["proposals", paper, "--json"]))).unwrap();
    let order: Vec<(String, String)> = listed.as_array().unwrap().iter().map(|p| (p["label"].as_str().unwrap().into(), p["kind"].as_str().unwrap().into())).collect();
    assert_eq!(order, [("2".into(), "delete".into()), ("11".into(), "comment".into()), ("11".into(), "insert-after".into()), ("12".into(), "amend".into())]);
    let amend = &listed[3];
    assert_eq!(amend["justification"], "Guidance needs a *drafting* body [@A/RES/99/12, para. 3].");
    let redline: Vec<(String, String)> = amend["redline"].as_array().unwrap().iter().map(|c| (c["kind"].as_str().unwrap().into(), c["text"].as_str().unwrap().into())).collect();
    assert_eq!(redline[1], ("delete".into(), "consider".into()));
    assert_eq!(redline[2], ("insert".into(), "develop".into()));
    let text = stdout(chancery(&scratch).args(["proposals", paper]));
    assert!(text.contains("States should [-consider-]{+develop+} voluntary guidance"), "{text}");

    // Changed, then withdrawn.
    chancery(&scratch).args(["proposal", "edit", insert.trim(), "--text", "States encouraged regular joint exercises."]).assert().success();
    let listed: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["proposals", paper, "--json"]))).unwrap();
    assert_eq!(listed[2]["text"], "States encouraged regular joint exercises.");
    chancery(&scratch).args(["proposal", "withdraw", insert.trim()]).assert().success();
    let listed: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["proposals", paper, "--json"]))).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3);

    // Refusals with clear messages.
    chancery(&scratch).args(["propose", paper, "--para", "99", "--delete"]).assert().failure().stderr(predicate::str::contains("has no paragraph 99"));
    chancery(&scratch).args(["propose", paper, "--para", "3", "--delete", "--comment", "x"]).assert().failure();
    let plain = stdout(chancery(&scratch).args(["paper", "new", "--title", "A statement", "--template", "statement"]));
    chancery(&scratch).args(["propose", plain.trim(), "--para", "3", "--delete"]).assert().failure().stderr(predicate::str::contains("has no base"));
}

#[test]
fn the_inline_view_shows_each_paragraph_with_its_redline() {
    let scratch = Scratch::new();
    let (mut store, paper) = comments(&scratch);
    propose(&mut store, paper, ProposalKind::Amend, "12", "States should develop voluntary guidance on the security of undersea data cables.");
    propose(&mut store, paper, ProposalKind::Comment, "12", "Guidance should stay voluntary.");
    let view = store.inline_view(paper).unwrap();
    assert_eq!(view.len(), 18);
    assert_eq!(view[0].redline.len(), 1);
    let twelve = &view[11];
    assert_eq!(twelve.label, "12");
    assert_eq!(twelve.proposals.len(), 2);
    assert_eq!(chancery_core::diff::inline(&twelve.redline), "States should [-consider-]{+develop+} voluntary guidance on the security of undersea data cables.");
}

/// The revision renumbers (a new para. 3), merges paras 6 and 7, splits para. 10, rewrites
/// para. 12 as Ruritania proposed, and drops para. 15. Deleting a paragraph that was only
/// renumbered still stands as it was; deleting one merged with another would now strike
/// words it never answered, so it is for the drafter to review.
#[test]
fn a_rebase_carries_proposals_to_the_revised_draft_by_their_words() {
    let scratch = Scratch::new();
    let (mut store, paper) = comments(&scratch);
    let amend = ProposalKind::Amend;
    let renumbered = propose(&mut store, paper, amend, "4", "States noted that the disruption of undersea data cables could affect essential services in several States at once and have serious economic and humanitarian consequences.");
    let merged = propose(&mut store, paper, amend, "6", "States recognized that landing stations and cable repair depots are points of particular exposure.");
    let merged_comment = propose(&mut store, paper, ProposalKind::Comment, "7", "National measures should respect the law of the sea.");
    let renumbered_delete = propose(&mut store, paper, ProposalKind::Delete, "5", "");
    let merged_delete = propose(&mut store, paper, ProposalKind::Delete, "7", "");
    let split = propose(&mut store, paper, amend, "10", "States recalled the norm on the protection of critical infrastructure. They further noted that each State determines which infrastructure it designates as critical, in accordance with its national law and international obligations.");
    let taken = propose(&mut store, paper, amend, "12", "States should consider voluntary guidance on the security and resilience of undersea data cables, drawing on the agreed norms.");
    let dropped_delete = propose(&mut store, paper, ProposalKind::Delete, "15", "");
    let dropped_comment = propose(&mut store, paper, ProposalKind::Comment, "15", "A new instrument is premature.");
    let inserted = propose(&mut store, paper, ProposalKind::InsertAfter, "16", "States encouraged the regular testing of points of contact.");

    let report = store.rebase(paper, &Symbol::parse(REVISED).unwrap()).unwrap();
    let lines: Vec<(i64, &str, Option<&str>, Outcome)> = report.proposals.iter().map(|r| (r.proposal_id, r.from.as_str(), r.to.as_deref(), r.outcome)).collect();
    assert_eq!(
        lines,
        [
            (renumbered, "4", Some("5"), Outcome::Carried),
            (renumbered_delete, "5", Some("6"), Outcome::Carried),
            (merged, "6", Some("7"), Outcome::Carried),
            (merged_comment, "7", Some("7"), Outcome::Carried),
            (merged_delete, "7", Some("7"), Outcome::Review),
            (split, "10", Some("11"), Outcome::Carried),
            (taken, "12", Some("13"), Outcome::TakenIn),
            (dropped_delete, "15", None, Outcome::TakenIn),
            (dropped_comment, "15", None, Outcome::Unplaced),
            (inserted, "16", Some("16"), Outcome::Carried),
        ]
    );
    assert_eq!(store.paper_base(paper).unwrap().unwrap().as_str(), REVISED);

    // Amendments recomputed against the new wording.
    let text = |id| store.proposal(id).unwrap();
    assert_eq!(
        text(merged).text,
        "States recognized that landing stations and cable repair depots are points of particular exposure, and underlined the importance of protecting landing stations through national measures."
    );
    assert_eq!(chancery_core::diff::inline(&text(merged).redline()), "States recognized that landing stations {+and cable repair depots +}are points of particular exposure, and underlined the importance of protecting landing stations through national measures.");
    assert_eq!(text(split).text, "States further noted that each State determines which infrastructure it designates as critical, in accordance with its national law and international obligations.");
    assert_eq!(text(split).label, "11");
    assert_eq!(text(renumbered).label, "5");
    assert_eq!(text(taken).status, ProposalStatus::TakenIn);
    assert_eq!(text(dropped_comment).status, ProposalStatus::Unplaced);

    // The list: standing proposals in the new draft's order, the others after them.
    let order: Vec<i64> = store.proposals(paper).unwrap().iter().map(|p| p.id).collect();
    assert_eq!(order, [renumbered, renumbered_delete, merged, merged_comment, merged_delete, split, inserted, taken, dropped_delete, dropped_comment]);
}

#[test]
fn the_rebase_report_names_what_was_taken_in_and_what_found_no_place() {
    let scratch = Scratch::new();
    drop(comments(&scratch));
    stdout(chancery(&scratch).args(["propose", "1", "--para", "12", "--amend", "States should consider voluntary guidance on the security and resilience of undersea data cables, drawing on the agreed norms."]));
    stdout(chancery(&scratch).args(["propose", "1", "--para", "15", "--comment", "A new instrument is premature."]));
    stdout(chancery(&scratch).args(["propose", "1", "--para", "3", "--comment", "Name the incidents."]));
    let out = stdout(chancery(&scratch).args(["rebase", "1", "--base", REVISED]));
    assert_eq!(
        out,
        "Paper 1 now answers A/AC.999/2026/CRP.1/Rev.1 (was A/AC.999/2026/CRP.1).\n\nCarried over:\n  #3 comment para. 3 → para. 4\n\nTaken in by the new draft:\n  #1 amend para. 12 → para. 13\n\nCould not be placed (no matching paragraph):\n  #2 comment para. 15\n"
    );
}

#[test]
fn the_pdf_shows_general_remarks_then_redlines_and_the_compilation() {
    let scratch = Scratch::new();
    let (mut store, paper) = comments(&scratch);
    let remarks = store.sections(paper).unwrap()[0].id;
    store.update_section(remarks, chancery_core::SectionPatch { body: Some("Ruritania thanks the Chair for a balanced zero draft.".into()), ..Default::default() }).unwrap();
    store
        .propose(paper, NewProposal { kind: ProposalKind::Amend, label: "12".into(), text: "States should develop binding guidance on the security of undersea data cables.".into(), justification: "Voluntary guidance has not been enough.".into() })
        .unwrap();
    store.propose(paper, NewProposal { kind: ProposalKind::Delete, label: "15".into(), text: String::new(), justification: "Premature.".into() }).unwrap();
    drop(store);
    let out = scratch.dir.path().join("comments.pdf");
    chancery(&scratch).args(["paper", "export", "1", "--pdf"]).arg(&out).assert().success();
    let output = Tool::new("pdftotext").args(["-enc", "UTF-8"]).arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let at = |needle: &str, from: usize| text[from..].find(needle).map(|i| i + from).unwrap_or_else(|| panic!("{needle:?} after {from} in {text}"));
    let title = at("Comments and proposals of Ruritania on Zero draft of the annual progress report (A/AC.999/2026/CRP.1)", 0);
    let remarks = at("thanks the Chair", title);
    let para = at("Para. 12", remarks);
    // The deleted words, then the inserted ones, in reading order.
    let deleted = at("consider voluntary", para);
    let inserted = at("develop binding", deleted);
    let why = at("Voluntary guidance has not been enough.", inserted);
    let fifteen = at("Para. 15 (delete)", why);
    at("legally binding instrument", fifteen);
    let table = at("Compilation", fifteen);
    let cell = at("consider voluntary", table);
    at("develop binding", cell);
}
