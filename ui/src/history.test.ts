// The history panel and the comparison, against the fake core; and the pure helpers.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Change, Version } from "./api";
import { App } from "./app";
import { diffStats, newestFirst, renderDiff, versionKindLabel, versionTitle, withoutUnchangedFrontMatter } from "./history";
import { allByTestId, byTestId, createPaper, editorView, setValue, settle, type } from "./testing/harness";
import { installFakeBackend, type FakeStore } from "./testing/fakeBackend";

function version(number: number, extra: Partial<Version> = {}): Version {
  return { number, name: null, kind: "edited", restoredFrom: null, createdAt: "2026-11-23T09:00:00Z", savedAt: "2026-11-23T09:05:00Z", words: 10, ...extra };
}

describe("versions", () => {
  it("are listed newest first", () => {
    const list = [version(1, { kind: "created" }), version(3), version(2)];
    expect(newestFirst(list).map((v) => v.number)).toEqual([3, 2, 1]);
    expect(list.map((v) => v.number)).toEqual([1, 3, 2]); // the input is left alone
  });

  it("are called by their name, else by how they came to be", () => {
    expect(versionTitle(version(4, { name: "Sent to capital" }))).toBe("v4 · Sent to capital");
    expect(versionTitle(version(1, { kind: "created" }))).toBe("v1 · Created");
    expect(versionKindLabel(version(5, { kind: "restored", restoredFrom: 2 }))).toBe("Restored from v2");
    expect(versionKindLabel(version(6, { kind: "updated" }))).toBe("Updated from a file");
  });
});

describe("the word diff", () => {
  it("shows deletions and insertions as track changes, and markup as text", () => {
    const changes: Change[] = [
      { kind: "equal", text: "<b>Italy</b> & the EU\n\n" },
      { kind: "delete", text: "<script>alert(1)</script>" },
      { kind: "insert", text: "<img src=x onerror=alert(2)> welcome" },
      { kind: "equal", text: " the draft." },
    ];
    const el = renderDiff(changes);
    expect(el.querySelector("script, img, b")).toBeNull();
    expect(el.innerHTML).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(el.innerHTML).toContain("&lt;b&gt;Italy&lt;/b&gt; &amp; the EU");
    expect(el.querySelector("del.diff-del")!.textContent).toBe("<script>alert(1)</script>");
    expect(el.querySelector("ins.diff-ins")!.textContent).toBe("<img src=x onerror=alert(2)> welcome");
    // whitespace and line breaks are kept as they are (the stylesheet shows them with pre-wrap)
    expect(el.textContent).toBe("<b>Italy</b> & the EU\n\n<script>alert(1)</script><img src=x onerror=alert(2)> welcome the draft.");
    expect(el.className).toBe("diff-text");
  });

  it("leaves out unchanged pillar attributes of headings, but shows changed ones", () => {
    const el = renderDiff([
      { kind: "equal", text: "## Sovereignty {pillar=international-law}\n\nText " },
      { kind: "insert", text: "{pillar=norms}" },
    ]);
    expect(el.textContent).toBe("Sovereignty\n\nText {pillar=norms}");
  });

  it("shows unchanged headings as headings, and changed heading marks as they are", () => {
    const el = renderDiff([
      { kind: "equal", text: "## Introduction\n\nItaly " },
      { kind: "insert", text: "warmly " },
      { kind: "equal", text: "thanks ## the Chair.\n\n" },
      { kind: "delete", text: "##" },
      { kind: "insert", text: "###" },
      { kind: "equal", text: " Norms\n" },
    ]);
    expect([...el.querySelectorAll(".diff-heading-line")].map((s) => s.textContent)).toEqual(["Introduction"]);
    expect(el.textContent).toBe("Introduction\n\nItaly warmly thanks ## the Chair.\n\n##### Norms\n");
  });

  it("leaves out unchanged front matter, but not changed front matter", () => {
    const front = "---\ntitle: Comments\nlanguage: en\n---\n\n";
    expect(withoutUnchangedFrontMatter([{ kind: "equal", text: front + "## Intro\n\n" }, { kind: "insert", text: "New." }])).toEqual([
      { kind: "equal", text: "## Intro\n\n" },
      { kind: "insert", text: "New." },
    ]);
    expect(withoutUnchangedFrontMatter([{ kind: "equal", text: front }, { kind: "insert", text: "New." }])).toEqual([{ kind: "insert", text: "New." }]);
    // the closing fence can end the unchanged run (the blank line after it changed)
    expect(withoutUnchangedFrontMatter([{ kind: "equal", text: "---\ntitle: A\n---" }, { kind: "insert", text: "\n\nNew." }])).toEqual([
      { kind: "insert", text: "\n\nNew." },
    ]);
    const changed: Change[] = [
      { kind: "equal", text: "---\ntitle: " },
      { kind: "delete", text: "Draft" },
      { kind: "insert", text: "Comments" },
      { kind: "equal", text: "\n---\n\nText" },
    ];
    expect(withoutUnchangedFrontMatter(changed)).toBe(changed);
  });

  it("counts the changes", () => {
    expect(diffStats([{ kind: "equal", text: "a" }])).toBe("No differences");
    expect(diffStats([{ kind: "insert", text: "a" }, { kind: "equal", text: " " }, { kind: "delete", text: "b" }, { kind: "insert", text: "c" }])).toBe(
      "2 insertions · 1 deletion",
    );
  });
});

describe("the history panel", () => {
  let app: App;
  let store: FakeStore;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(new Date(2026, 10, 23, 9, 14));
    store = installFakeBackend();
    document.body.innerHTML = '<div id="app"></div>';
    app = new App(document.getElementById("app")!);
    await app.start();
    await createPaper("Statement");
  });

  afterEach(() => {
    app.destroy();
    clearMocks();
    vi.useRealTimers();
    document.body.innerHTML = "";
  });

  async function openHistory(): Promise<void> {
    byTestId("history-toggle")!.click();
    await settle();
  }

  const rows = () => allByTestId("version");
  const row = (n: number) => document.querySelector<HTMLElement>(`[data-testid="version"][data-number="${n}"]`)!;

  it("saves what was typed first, then lists the versions newest first", async () => {
    type("Italy thanks the Chair.");
    await openHistory();
    const cmds = store.calls.map((c) => c.cmd);
    expect(cmds.lastIndexOf("update_section")).toBeLessThan(cmds.lastIndexOf("versions"));
    expect(rows().map((r) => r.dataset.number)).toEqual(["2", "1"]);
    expect(rows()[0].textContent).toContain("Edited");
    expect(rows()[0].textContent).toContain("Current");
    expect(rows()[0].textContent).toContain("4 words");
    expect(rows()[1].textContent).toContain("Created");
    expect(rows()[1].textContent).toContain("Just now");
    expect(byTestId("history-toggle")!.getAttribute("aria-pressed")).toBe("true");
    // the current version is neither restored nor compared with itself
    expect(byTestId("version-restore", rows()[0])).toBeNull();
    expect(byTestId("version-restore", rows()[1])).not.toBeNull();
    // comparing defaults to the one before the current, with the current
    expect(byTestId<HTMLSelectElement>("compare-from")!.value).toBe("1");
    expect(byTestId<HTMLSelectElement>("compare-to")!.value).toBe("2");
    // picking a version makes it the one compared
    rows()[0].click();
    expect(byTestId<HTMLSelectElement>("compare-from")!.value).toBe("2");
    expect(rows()[0].getAttribute("aria-selected")).toBe("true");
    expect(rows()[1].getAttribute("aria-selected")).toBe("false");
  });

  it("names a version inline; Escape leaves it as it was", async () => {
    type("Text.");
    await openHistory();
    byTestId("version-name", row(1))!.click();
    const input = byTestId<HTMLInputElement>("version-name-input")!;
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle();
    expect(store.calls.some((c) => c.cmd === "name_version")).toBe(false);

    byTestId("version-name", row(1))!.click();
    setValue(byTestId<HTMLInputElement>("version-name-input")!, "Template as created");
    byTestId("version-name-input")!.closest("form")!.requestSubmit();
    await settle();
    expect(store.calls.find((c) => c.cmd === "name_version")?.args).toEqual({ paperId: store.papers[0].id, number: 1, name: "Template as created" });
    expect(row(1).querySelector(".version-name")!.textContent).toBe("Template as created");
    expect(byTestId("version-name", row(1))!.textContent).toBe("Rename");
  });

  it("compares two versions in the main area, and closes back to the text", async () => {
    type("Italy thanks the Chair.");
    await openHistory();
    byTestId("compare")!.click();
    await settle();
    expect(store.calls.find((c) => c.cmd === "diff_versions")?.args).toEqual({ paperId: store.papers[0].id, from: 1, to: 2 });
    const diff = byTestId("diff-view")!;
    expect(diff.textContent).toContain("v1 · Created");
    expect(diff.textContent).toContain("v2 · Edited");
    expect([...diff.querySelectorAll("ins")].map((i) => i.textContent).join("")).toContain("Italy thanks the Chair.");
    expect(byTestId("diff-text")!.textContent).not.toContain("title: Statement"); // unchanged front matter left out
    expect(diff.querySelector(".diff-legend")!.textContent).toBe("deletedinserted");
    expect(byTestId("section-editor")!.closest("[hidden]")).not.toBeNull();

    byTestId("diff-close")!.click();
    await settle();
    expect(byTestId("diff-view")).toBeNull();
    expect(byTestId("section-editor")!.closest("[hidden]")).toBeNull();
    expect(byTestId("history-panel")).not.toBeNull();
  });

  it("restores after a confirmation, as a new version, and reloads the paper", async () => {
    type("First text.");
    await settle(600);
    vi.setSystemTime(new Date(2026, 10, 23, 9, 40)); // a later sitting: a new version
    type(" Second thoughts.");
    await openHistory();
    expect(rows().map((r) => r.dataset.number)).toEqual(["3", "2", "1"]);
    byTestId("version-restore", row(2))!.click();
    const dialog = document.querySelector(".dialog")!;
    expect(dialog.textContent).toContain("new version");
    expect(store.calls.some((c) => c.cmd === "restore_version")).toBe(false);
    byTestId("confirm")!.click();
    await settle();
    expect(store.calls.find((c) => c.cmd === "restore_version")?.args).toEqual({ paperId: store.papers[0].id, number: 2 });
    expect(document.querySelector(".dialog")).toBeNull();
    expect(editorView().state.doc.toString()).toBe("First text.");
    // the history stays open, with the restore on top
    expect(rows().map((r) => r.dataset.number)).toEqual(["4", "3", "2", "1"]);
    expect(rows()[0].textContent).toContain("Restored from v2");
  });

  it("follows the saves while it is open", async () => {
    await openHistory();
    expect(rows().map((r) => r.dataset.number)).toEqual(["1"]);
    type("New words.");
    await settle(500); // saved
    await settle(800); // then listed
    expect(rows().map((r) => r.dataset.number)).toEqual(["2", "1"]);
  });

  it("closes with its own button", async () => {
    await openHistory();
    byTestId("history-panel")!.querySelector<HTMLButtonElement>(".pane-title button")!.click();
    expect(byTestId("history-panel")).toBeNull();
    expect(byTestId("history-toggle")!.getAttribute("aria-pressed")).toBe("false");
  });
});
