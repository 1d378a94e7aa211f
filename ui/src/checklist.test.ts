// The checklist view in the window, against the fake core.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./app";
import { normProgress, progressLine } from "./checklist";
import { allByTestId, byTestId, createPaper, editorView, setValue, settle, type } from "./testing/harness";
import { FAKE_FRAMEWORK, installFakeBackend, type FakeStore } from "./testing/fakeBackend";

let app: App;
let store: FakeStore;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(new Date(2026, 10, 23, 9, 14));
  store = installFakeBackend();
  document.body.innerHTML = '<div id="app"></div>';
  app = new App(document.getElementById("app")!);
  await app.start();
});

afterEach(() => {
  app.destroy();
  clearMocks();
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function openChecklist(): Promise<void> {
  byTestId("view-checklist")!.click();
  await settle();
}

const block = (norm: string) => document.querySelector<HTMLElement>(`[data-testid="norm-block"][data-norm="${norm}"]`)!;
const row = (action: string) => document.querySelector<HTMLElement>(`[data-testid="action"][data-action="${action}"]`)!;
const setActionCalls = () => store.calls.filter((c) => c.cmd === "set_action").map((c) => c.args);

describe("the checklist", () => {
  it("shows a summary, then a block per norm with its progress and its actions by level", async () => {
    await createPaper("Position", "position");
    await openChecklist();
    expect(byTestId("view-checklist")!.getAttribute("aria-selected")).toBe("true");
    expect(byTestId("section-editor")!.closest("[hidden]")).not.toBeNull();

    expect(allByTestId("norm-block").map((b) => b.dataset.norm)).toEqual(["a", "c", "g"]);
    const c = block("c");
    expect(c.querySelector(".norm-label")!.textContent).toBe("13(c)");
    expect(c.querySelector(".norm-title")!.textContent).toBe("Territory not used for wrongful acts");
    expect(c.querySelector(".norm-summary")!.textContent).toContain("do not knowingly allow");
    expect(byTestId("norm-progress", c)!.textContent).toBe("0 of 3 implemented");
    expect([...c.querySelectorAll(".action-group-title")].map((t) => t.textContent)).toEqual(["National", "International"]);
    expect(allByTestId("action", c).map((a) => a.dataset.action)).toEqual(["c-nat-1", "c-nat-2", "c-int-1"]);
    expect(byTestId("checklist-summary")!.textContent).toContain("of 6 practical actions under 3 norms");
    expect(byTestId<HTMLSelectElement>("action-status", row("c-nat-1"))!.value).toBe("not-started");
    // The four statuses, in words
    expect([...byTestId<HTMLSelectElement>("action-status", row("c-nat-1"))!.options].map((o) => o.textContent)).toEqual([
      "Not started",
      "In progress",
      "Implemented",
      "Not applicable",
    ]);
  });

  it("marks only items whose mapping is to be verified", async () => {
    await createPaper("Position", "position");
    await openChecklist();
    const badges = allByTestId("verify-badge");
    expect(badges).toHaveLength(2);
    expect(badges[0].closest(".norm-head")).toBe(block("c").querySelector(".norm-head"));
    expect(badges[1].closest("[data-testid=action]")).toBe(row("c-nat-1"));
    expect(badges[0].title).toBe("Mapping to be checked against the official text");
    expect(badges[0].textContent).toBe("to verify");
  });

  it("shows what the store recorded", async () => {
    await createPaper("Position", "position");
    const paperId = store.papers[0].id;
    const base = { note: "", evidence: "", section: null, updatedAt: "2026-11-20T10:00:00Z", paperId };
    store.actions.push(
      { ...base, action: "c-nat-1", norm: "c", status: "implemented", note: "ICT Security Act 2024." },
      { ...base, action: "c-int-1", norm: "c", status: "not-applicable" },
      { ...base, action: "a-nat-1", norm: "a", status: "in-progress" },
    );
    await openChecklist();
    expect(byTestId("norm-progress", block("c"))!.textContent).toBe("1 of 3 implemented · 1 n/a");
    expect(byTestId("norm-progress", block("a"))!.textContent).toBe("0 of 2 implemented · 1 in progress");
    const summary = byTestId("checklist-summary")!.textContent!;
    expect(summary).toContain("1 implemented");
    expect(summary).toContain("1 in progress");
    expect(summary).toContain("1 not applicable");
    expect(summary).toContain("3 not started");
    expect(byTestId<HTMLSelectElement>("action-status", row("c-nat-1"))!.value).toBe("implemented");
    expect(byTestId<HTMLTextAreaElement>("action-note", row("c-nat-1"))!.value).toBe("ICT Security Act 2024.");
    expect(byTestId("action-notes-toggle", row("c-nat-1"))!.textContent).toBe("Note · evidence (1)");
    // bars are drawn in proportion
    const bar = block("c").querySelector<HTMLElement>(".norm-bar .bar-implemented")!;
    expect(bar.style.width).toMatch(/^33\.3/);
  });

  it("saves a status at once, and notes once typing pauses, in one call", async () => {
    await createPaper("Position", "position");
    await openChecklist();
    const paperId = store.papers[0].id;
    const status = byTestId<HTMLSelectElement>("action-status", row("c-nat-1"))!;
    setValue(status, "in-progress");
    await settle();
    expect(setActionCalls()).toEqual([{ paperId, action: "c-nat-1", update: { status: "in-progress" } }]);
    expect(byTestId("norm-progress", block("c"))!.textContent).toBe("0 of 3 implemented · 1 in progress");
    expect(row("c-nat-1").dataset.status).toBe("in-progress");
    expect(byTestId("checklist-summary")!.textContent).toContain("1 in progress");

    byTestId("action-notes-toggle", row("c-nat-1"))!.click();
    const note = byTestId<HTMLTextAreaElement>("action-note", row("c-nat-1"))!;
    const evidence = byTestId<HTMLTextAreaElement>("action-evidence", row("c-nat-1"))!;
    setValue(note, "Draft law");
    await settle(200);
    setValue(note, "Draft law tabled");
    setValue(evidence, "Bill 42/2026");
    expect(byTestId("action-save-status", row("c-nat-1"))!.textContent).toBe("Saving…");
    expect(byTestId("save-status")!.textContent).toBe("Saving…");
    await settle(499);
    expect(setActionCalls()).toHaveLength(1);
    await settle(1);
    expect(setActionCalls()).toEqual([
      { paperId, action: "c-nat-1", update: { status: "in-progress" } },
      { paperId, action: "c-nat-1", update: { note: "Draft law tabled", evidence: "Bill 42/2026" } },
    ]);
    expect(byTestId("action-save-status", row("c-nat-1"))!.textContent).toBe("Saved");
    expect(byTestId("save-status")!.textContent).toBe("Saved");
    expect(store.actions.find((a) => a.action === "c-nat-1")).toMatchObject({ status: "in-progress", note: "Draft law tabled", evidence: "Bill 42/2026" });
  });

  it("says when a note could not be saved, and saves it with the next change", async () => {
    await createPaper("Position", "position");
    await openChecklist();
    store.failNext("set_action", { code: "io", message: "The disk is full." });
    const note = byTestId<HTMLTextAreaElement>("action-note", row("g-nat-1"))!;
    setValue(note, "Designated by decree.");
    await settle(500);
    expect(byTestId("action-save-status", row("g-nat-1"))!.textContent).toBe("Not saved: The disk is full.");
    setValue(note, "Designated by decree 7/2025.");
    await settle(500);
    expect(byTestId("action-save-status", row("g-nat-1"))!.textContent).toBe("Saved");
    expect(store.actions.find((a) => a.action === "g-nat-1")?.note).toBe("Designated by decree 7/2025.");
  });

  it("shows a note that could not be saved when the checklist is opened again", async () => {
    await createPaper("Position", "position");
    await openChecklist();
    store.failNext("set_action", { code: "io", message: "The disk is full." }, 2);
    setValue(byTestId<HTMLTextAreaElement>("action-note", row("g-nat-1"))!, "Kept here.");
    await settle(500);
    byTestId("view-text")!.click();
    await openChecklist(); // its flush fails again
    expect(byTestId<HTMLTextAreaElement>("action-note", row("g-nat-1"))!.value).toBe("Kept here.");
    expect(store.actions.find((a) => a.action === "g-nat-1")).toBeUndefined();
  });

  it("saves pending notes before leaving the paper", async () => {
    await createPaper("Position", "position");
    await openChecklist();
    setValue(byTestId<HTMLTextAreaElement>("action-note", row("a-nat-1"))!, "Strategy 2025–2030.");
    await createPaper("Another");
    expect(store.actions.find((a) => a.action === "a-nat-1")?.note).toBe("Strategy 2025–2030.");
  });
});

describe("Report in paper", () => {
  it("saves the text, then opens the norms section with the cursor at the end of the new paragraph", async () => {
    await createPaper("Position", "position");
    type("Intro typed just now.");
    await openChecklist();
    byTestId("report-action", row("c-nat-1"))!.click();
    await settle();

    const cmds = store.calls.map((c) => c.cmd);
    expect(cmds.indexOf("update_section")).toBeLessThan(cmds.indexOf("report_on_action"));
    expect(store.sections[0].body).toBe("Intro typed just now.");

    expect(byTestId("view-text")!.getAttribute("aria-selected")).toBe("true");
    expect(byTestId("checklist")).toBeNull();
    const current = document.querySelector('[data-testid="section-item"][aria-current="true"]')!;
    expect(current.textContent).toContain("Rules, norms and principles");
    const view = editorView();
    expect(view.state.doc.toString()).toBe("On norm 13(c) (Territory not used for wrongful acts): ");
    expect(view.state.selection.main.head).toBe(view.state.doc.length);
  });

  it("goes back to the action's own paragraph, not to the end of the section", async () => {
    await createPaper("Position", "position");
    await openChecklist();
    byTestId("report-action", row("c-nat-1"))!.click();
    await settle();
    const view = editorView();
    view.dispatch(view.state.replaceSelection("We act."));
    type("\n\nA later paragraph on other matters.");
    await openChecklist();
    expect(row("c-nat-1").querySelector(".reported-in")!.textContent).toBe("Reported in “Rules, norms and principles of responsible State behaviour”");
    byTestId("report-action", row("c-nat-1"))!.click();
    await settle();
    const text = editorView().state.doc.toString();
    expect(text).toBe("On norm 13(c) (Territory not used for wrongful acts): We act.\n\nA later paragraph on other matters.");
    expect(editorView().state.selection.main.head).toBe(text.indexOf("\n\nA later"));
  });
});

describe("progress figures", () => {
  it("counts per norm as the core does, and words it", () => {
    const entries = [
      { norm: "c", status: "implemented" as const },
      { norm: "c", status: "not-applicable" as const },
      { norm: "c", status: "in-progress" as const },
      { norm: "a", status: "not-started" as const },
    ];
    const [a, c, g] = normProgress(FAKE_FRAMEWORK.norms, entries);
    expect(c).toEqual({ norm: "c", total: 3, notStarted: 0, inProgress: 1, implemented: 1, notApplicable: 1 });
    expect(a.total).toBe(1);
    expect(g.total).toBe(0);
    expect(progressLine(c)).toBe("1 of 3 implemented · 1 in progress · 1 n/a");
    expect(progressLine({ total: 5, implemented: 2, inProgress: 0, notApplicable: 1, notStarted: 2 })).toBe("2 of 5 implemented · 1 n/a");
  });
});
