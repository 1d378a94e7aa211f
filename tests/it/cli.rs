//! The `chancery` program as scripts and drafters call it.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::{Scratch, fixture};

pub fn chancery(scratch: &Scratch) -> Command {
    let mut cmd = Command::cargo_bin("chancery").unwrap();
    cmd.arg("--db").arg(scratch.db()).env_remove("CHANCERY_DB");
    cmd
}

pub fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn a_new_paper_gets_an_id_and_is_listed() {
    let scratch = Scratch::new();
    let id = stdout(chancery(&scratch).args(["paper", "new", "--title", "Statement at the first plenary", "--template", "statement", "--delegation", "Ruritania"]));
    assert_eq!(id.trim(), "1");
    let list: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["title"], "Statement at the first plenary");
    assert_eq!(list[0]["kind"], "statement");
    assert_eq!(list[0]["delegation"], "Ruritania");
    let shown = stdout(chancery(&scratch).args(["paper", "show", "1"]));
    assert!(shown.starts_with("Statement at the first plenary\nRuritania · statement · en · draft"), "{shown}");
}

#[test]
fn import_then_export_gives_back_the_same_markdown() {
    let scratch = Scratch::new();
    let source = scratch.file("position.md", &fixture("position.md"));
    let id = stdout(chancery(&scratch).args(["paper", "import"]).arg(&source));
    let out = scratch.dir.path().join("out.md");
    chancery(&scratch).args(["paper", "export", id.trim(), "--markdown"]).arg(&out).assert().success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), fixture("position.md"));
    let shown = stdout(chancery(&scratch).args(["paper", "show", id.trim(), "--markdown"]));
    assert_eq!(shown, fixture("position.md"));
    let json: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "show", id.trim(), "--json"]))).unwrap();
    assert_eq!(json["sections"][1]["heading"], "Sovereignty");
    assert_eq!(json["sections"][1]["pillar"], "international-law");
}

#[test]
fn render_prints_the_previews_html() {
    let scratch = Scratch::new();
    let file = scratch.file("a.md", "We recall *agreed* language.<script>alert(1)</script>\n");
    chancery(&scratch)
        .arg("render")
        .arg(&file)
        .assert()
        .success()
        .stdout("<p data-line=\"1\">We recall <em>agreed</em> language.</p>\n");
}

#[test]
fn the_store_can_come_from_the_environment() {
    let scratch = Scratch::new();
    Command::cargo_bin("chancery").unwrap().env("CHANCERY_DB", scratch.db()).args(["paper", "new", "--title", "T"]).assert().success();
    assert!(scratch.db().exists());
}

#[test]
fn errors_go_to_stderr_with_a_failing_exit() {
    let scratch = Scratch::new();
    chancery(&scratch)
        .args(["paper", "show", "42"])
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains("there is no paper 42").and(predicate::str::contains("[paper.not_found]")));
    chancery(&scratch)
        .args(["paper", "new", "--title", "T", "--template", "memo"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("comments").and(predicate::str::contains("statement")));
    let bad = scratch.file("bad.md", "---\ntitle: T\nno closing line\n");
    chancery(&scratch)
        .args(["paper", "import"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no closing ---"));
    let text = scratch.file("notes.txt", "not a store");
    Command::cargo_bin("chancery")
        .unwrap()
        .arg("--db")
        .arg(&text)
        .args(["paper", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a Chancery store"));
}

#[test]
fn paper_new_lists_the_kinds_in_its_help() {
    let scratch = Scratch::new();
    chancery(&scratch)
        .args(["paper", "new", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("blank, comments, contribution, position, statement"));
}

#[test]
fn the_checklist_is_set_and_shown_from_the_command_line() {
    let scratch = Scratch::new();
    chancery(&scratch).args(["paper", "new", "--title", "T"]).assert().success();
    chancery(&scratch)
        .args(["checklist", "set", "1", "h-nat-1", "implemented", "--note", "Decree of 3 May"])
        .assert()
        .success()
        .stdout("h-nat-1 implemented\n");
    let json: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["checklist", "1", "--json"]))).unwrap();
    let h = json["byNorm"].as_array().unwrap().iter().find(|p| p["norm"] == "h").unwrap();
    assert_eq!(h["implemented"], 1);
    let text = stdout(chancery(&scratch).args(["checklist", "1"]));
    assert!(text.contains("h-nat-1   implemented") && text.contains("Note: Decree of 3 May"), "{text}");
    chancery(&scratch)
        .args(["checklist", "set", "1", "h-nat-1", "done"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not-started, in-progress, implemented, not-applicable"));
    let framework: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["framework", "show", "--json"]))).unwrap();
    assert_eq!(framework["norms"].as_array().unwrap().len(), 11);
}

#[test]
fn versions_are_listed_compared_and_restored_from_the_command_line() {
    let scratch = Scratch::new();
    let source = scratch.file("position.md", &fixture("position.md"));
    chancery(&scratch).args(["paper", "import"]).arg(&source).assert().success();
    let edited = scratch.file("edited.md", &fixture("position.md").replace("does not claim to be exhaustive", "is not exhaustive"));
    let version = stdout(chancery(&scratch).args(["paper", "update", "1"]).arg(&edited));
    assert_eq!(version.trim(), "2");
    chancery(&scratch).args(["paper", "name", "1", "2", "sent to capital 12 March"]).assert().success();

    let listed = stdout(chancery(&scratch).args(["paper", "versions", "1"]));
    assert!(listed.contains("imported") && listed.contains("sent to capital 12 March"), "{listed}");
    let versions: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "versions", "1", "--json"]))).unwrap();
    assert_eq!(versions.as_array().unwrap().len(), 2);
    assert_eq!(versions[1]["kind"], "updated");

    let diff = stdout(chancery(&scratch).args(["paper", "diff", "1", "1", "2"]));
    assert!(diff.contains("This paper [-does-]{+is+} not[- claim to be-] exhaustive."), "{diff}");

    assert_eq!(stdout(chancery(&scratch).args(["paper", "restore", "1", "1"])).trim(), "3");
    assert_eq!(stdout(chancery(&scratch).args(["paper", "show", "1", "--markdown"])), fixture("position.md"));
    chancery(&scratch)
        .args(["paper", "diff", "1", "1", "7"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("paper 1 has no version 7"));
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let scratch = Scratch::new();
    chancery(&scratch).args(["paper", "new", "--title", "Kept"]).assert().success();
    let made = stdout(chancery(&scratch).arg("backup"));
    assert!(made.trim().ends_with(".sqlite3") && made.contains("backups"), "{made}");
    chancery(&scratch).args(["paper", "new", "--title", "Made after the backup"]).assert().success();
    chancery(&scratch).args(["restore", "--latest"]).assert().success().stdout(predicate::str::starts_with("restored "));
    let list: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["paper", "list", "--json"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["title"], "Kept");
    let bogus = scratch.file("bogus.sqlite3", "nope");
    chancery(&scratch).arg("restore").arg(&bogus).assert().failure().stderr(predicate::str::contains("not a Chancery store"));
}

#[test]
fn review_notes_from_the_command_line() {
    let scratch = Scratch::new();
    let source = scratch.file("position.md", &fixture("position.md"));
    chancery(&scratch).args(["paper", "import"]).arg(&source).assert().success();
    let id = stdout(chancery(&scratch).args([
        "annotate", "1", "--section", "sovereignty", "--quote", "depending on its scale and effects",
        "--kind", "legal-risk", "--body", "Check against the capital's instructions.", "--as", "Amina Diallo", "--role", "legal-adviser",
    ]));
    assert_eq!(id.trim(), "1");
    let listed = stdout(chancery(&scratch).args(["annotations", "1", "--status", "open"]));
    assert!(listed.contains("#1 legal-risk · open · Amina Diallo (legal-adviser)") && listed.contains("“depending on its scale and effects”"), "{listed}");
    chancery(&scratch).args(["annotations", "resolve", "1"]).assert().success().stdout("1 resolved\n");
    let open: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["annotations", "1", "--json", "--status", "open"]))).unwrap();
    assert_eq!(open.as_array().unwrap().len(), 0);
    let all: Value = serde_json::from_str(&stdout(chancery(&scratch).args(["annotations", "1", "--json"]))).unwrap();
    assert_eq!(all[0]["thread"][0]["status"], "resolved");
    // Writing as someone else leaves the store's profile as it was.
    chancery(&scratch).args(["profile", "set", "--role", "drafter", "Jonas Berg"]).assert().success();
    chancery(&scratch)
        .args(["annotate", "1", "--section", "sovereignty", "--quote", "scale and effects", "--kind", "comment", "--body", "x", "--as", "Amina Diallo", "--role", "legal-adviser"])
        .assert()
        .success();
    assert_eq!(stdout(chancery(&scratch).args(["profile", "show"])), "Jonas Berg (drafter)\n", "the profile is unchanged");
    chancery(&scratch)
        .args(["annotate", "1", "--section", "Preamble", "--quote", "x", "--kind", "comment", "--body", "x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("has no section \"Preamble\"").and(predicate::str::contains("Sovereignty")));
}
