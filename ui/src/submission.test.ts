import { afterEach, describe, expect, it, vi } from "vitest";
import * as api from "./api";
import type { SubmissionReport } from "./api";
import { countLine, limitArgument, openSubmissionDialog, verdict, type SubmissionActions } from "./submission";
import { installFakeBackend } from "./testing/fakeBackend";

const byTestId = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const clean: SubmissionReport = { words: 1200, limit: { words: 8500, preset: "secretariat", name: "Secretariat documents", source: "chosen" }, findings: [], agreedLanguage: { unresolved: [], deviations: [], verified: [] } };

const findings: SubmissionReport = {
  words: 9120,
  limit: { words: 8500, preset: "secretariat", name: "Secretariat documents", source: "chosen" },
  findings: [
    { severity: "must-fix", kind: "over-limit", sectionId: null, section: "Whole paper", message: "9,120 words: 620 over the limit of 8,500 (Secretariat documents)", words: null },
    { severity: "must-fix", kind: "unresolved-reference", sectionId: 4, section: "Norms", message: "Reference does not resolve (line 2): A/98/250 has no paragraph 9", words: "[@A/98/250, para. 9]" },
    {
      severity: "check",
      kind: "deviation",
      sectionId: 4,
      section: "Norms",
      message: "Quotation differs from the agreed text of A/98/250, para. 3 (line 3)",
      words: "States must notify",
      changes: [
        { kind: "equal", text: "States " },
        { kind: "delete", text: "should" },
        { kind: "insert", text: "must" },
        { kind: "equal", text: " notify" },
      ],
    },
    { severity: "check", kind: "empty-section", sectionId: 7, section: "Capacity-building", message: "The section has a heading but no text", words: null },
  ],
  agreedLanguage: { unresolved: [], deviations: [], verified: [] },
};

function actions(report: SubmissionReport = findings): SubmissionActions & { [K in keyof SubmissionActions]-?: ReturnType<typeof vi.fn> } {
  return {
    check: vi.fn().mockResolvedValue(report),
    exportPdf: vi.fn().mockResolvedValue("/home/d/Position.pdf"),
    exportDocx: vi.fn().mockResolvedValue("/home/d/Position.docx"),
    previewPages: vi.fn().mockResolvedValue(["<svg/>"]),
    openSection: vi.fn(),
    ready: vi.fn().mockResolvedValue(null),
  } as never;
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("word limits", () => {
  it("asks for the paper's own limit, a preset, or a number the drafter typed", () => {
    expect(limitArgument("", "")).toEqual({ limit: null });
    expect(limitArgument("in-session", "")).toEqual({ limit: "in-session" });
    expect(limitArgument("custom", " 5,000 ")).toEqual({ limit: "5000" });
    expect(limitArgument("custom", "many")).toEqual({ error: "Give the limit as a number of words, e.g. 5000." });
    expect(limitArgument("custom", "0")).toHaveProperty("error");
  });

  it("says how the count stands and whose limit it is", () => {
    expect(countLine(findings)).toBe("9,120 of 8,500 words (Secretariat documents)");
    expect(countLine({ ...clean, limit: { words: 650, preset: null, name: null, source: "template" } })).toBe("1,200 of 650 words (the limit for its kind of paper)");
    expect(countLine({ ...clean, limit: null })).toBe("1,200 words · no limit set");
    expect(verdict(findings)).toBe("2 items to fix before submission, 2 items to check.");
    expect(verdict(clean)).toBe("All clear: nothing to fix or check before submission.");
  });
});

describe("submission dialog", () => {
  it("shows the findings under their severities, must-fix first, with the words concerned", async () => {
    const run = actions();
    openSubmissionDialog(run);
    await flush();
    expect(run.check).toHaveBeenCalledWith(null);
    expect(byTestId("submission-verdict").textContent).toBe("2 items to fix before submission, 2 items to check.");
    expect(byTestId("submission-count").classList.contains("over")).toBe(true);
    const groups = [...document.querySelectorAll(".submission-group")].map((g) => g.querySelector(".severity")!.textContent);
    expect(groups).toEqual(["Must fix before submission", "Check"]);
    const items = [...document.querySelectorAll('[data-testid="submission-finding"]')];
    expect(items.map((i) => i.getAttribute("data-kind"))).toEqual(["over-limit", "unresolved-reference", "deviation", "empty-section"]);
    expect(items[1].querySelector(".submission-words")!.textContent).toBe("[@A/98/250, para. 9]");
    expect(items[2].querySelector(".submission-words")!.textContent).toBe("“States must notify”");
    expect(items[2].querySelector("del")!.textContent).toBe("should");
    expect(items[2].querySelector("ins")!.textContent).toBe("must");
    // The whole paper has no section to open.
    expect(items[0].querySelector("button")).toBeNull();
  });

  it("checks again against the limit chosen, and wants a number for another limit", async () => {
    const run = actions();
    openSubmissionDialog(run);
    await flush();
    const limit = byTestId<HTMLSelectElement>("submission-limit");
    expect([...limit.options].map((o) => o.textContent)).toEqual([
      "The paper's own limit",
      "Secretariat documents (8,500 words)",
      "Intergovernmental bodies (10,700 words)",
      "In-session documents (3,300 words)",
      "Another number of words…",
    ]);
    limit.value = "intergovernmental";
    limit.dispatchEvent(new Event("change"));
    await flush();
    expect(run.check).toHaveBeenLastCalledWith("intergovernmental");

    limit.value = "custom";
    limit.dispatchEvent(new Event("change"));
    await flush();
    expect(byTestId("submission-verdict").textContent).toBe("Give the limit as a number of words, e.g. 5000.");
    expect(run.check).toHaveBeenCalledTimes(2);
    const words = byTestId<HTMLInputElement>("submission-limit-words");
    words.value = "4,000";
    words.dispatchEvent(new Event("change"));
    await flush();
    expect(run.check).toHaveBeenLastCalledWith("4000");
  });

  it("opens a finding's section and closes", async () => {
    const run = actions();
    openSubmissionDialog(run);
    await flush();
    document.querySelectorAll<HTMLElement>('[data-kind="empty-section"] button')[0].click();
    expect(run.openSection).toHaveBeenCalledWith(7);
    expect(document.querySelector(".overlay")).toBeNull();
    expect(run.exportPdf).not.toHaveBeenCalled();
  });

  it("says plainly when all is clear", async () => {
    openSubmissionDialog(actions(clean));
    await flush();
    expect(byTestId("submission-verdict").textContent).toBe("All clear: nothing to fix or check before submission.");
    expect(byTestId("submission-verdict").classList.contains("clear")).toBe(true);
    expect(document.querySelectorAll('[data-testid="submission-finding"]')).toHaveLength(0);
  });

  it("exports only on Export, as PDF or Word with the shared options", async () => {
    const run = actions();
    openSubmissionDialog(run);
    await flush();
    byTestId<HTMLSelectElement>("export-paper").value = "letter";
    byTestId<HTMLInputElement>("export-draft").checked = true;
    byTestId<HTMLInputElement>("export-marking").value = " Restricted ";
    byTestId("export-pdf-run").click();
    await flush();
    expect(run.exportPdf).toHaveBeenCalledWith({ paper: "letter", draft: true, marking: "Restricted" });
    expect(byTestId("export-result").textContent).toBe("Saved to /home/d/Position.pdf");

    byTestId<HTMLInputElement>("export-comments").checked = true;
    byTestId("export-docx").click();
    await flush();
    expect(run.exportDocx).toHaveBeenCalledWith({ paper: "letter", draft: true, marking: "Restricted" }, true);
    expect(byTestId("export-result").textContent).toBe("Saved to /home/d/Position.docx");
    expect(document.querySelector(".overlay")).not.toBeNull();
  });

  it("exports nothing on Cancel, and says so when the save dialog is cancelled or changes are unsaved", async () => {
    const run = actions();
    openSubmissionDialog(run);
    await flush();
    [...document.querySelectorAll<HTMLButtonElement>(".dialog-actions button")].find((b) => b.textContent === "Cancel")!.click();
    expect(document.querySelector(".overlay")).toBeNull();
    expect(run.exportPdf).not.toHaveBeenCalled();
    expect(run.exportDocx).not.toHaveBeenCalled();

    const later = actions();
    later.exportDocx.mockResolvedValue(null);
    openSubmissionDialog(later);
    await flush();
    byTestId("export-docx").click();
    await flush();
    expect(document.querySelector(".dialog-error")!.textContent).toBe("Not saved: the save dialog was cancelled.");

    later.ready.mockResolvedValue("Your latest changes are not saved yet; try again once they are.");
    byTestId("export-pdf-run").click();
    await flush();
    expect(later.exportPdf).not.toHaveBeenCalled();
    expect(document.querySelector(".dialog-error")!.textContent).toBe("Your latest changes are not saved yet; try again once they are.");
  });

  it("shows the pages as they will print, with the options chosen, before anything is saved", async () => {
    const run = actions();
    openSubmissionDialog(run);
    await flush();
    byTestId("preview-pages").click();
    await flush();
    expect(run.previewPages).toHaveBeenCalledWith({ paper: "a4", draft: false, marking: null });
    expect(document.querySelectorAll('[data-testid="page-preview"] [data-testid="page"]')).toHaveLength(1);
    expect(run.exportPdf).not.toHaveBeenCalled();
  });

  it("reports on a paper through the backend: its empty sections and its kind's limit", async () => {
    const store = installFakeBackend({ seed: true });
    const paper = store.papers[0];
    openSubmissionDialog({
      check: (limit) => api.submissionCheck(paper.id, limit),
      exportPdf: (choice) => api.exportPdf(paper.id, choice),
      exportDocx: (choice, withComments) => api.exportDocx(paper.id, choice, withComments),
      previewPages: (choice) => api.previewPages(paper.id, choice),
      openSection: () => undefined,
    });
    await flush();
    await flush();
    expect(byTestId("submission-count").textContent).toMatch(/^\d+ of 8,500 words \(the limit for its kind of paper\)$/);
    const empty = [...document.querySelectorAll('[data-kind="empty-section"]')];
    expect(empty.length).toBe(store.sections.filter((s) => s.paperId === paper.id && s.heading && !s.body.trim()).length);
    expect(empty.length).toBeGreaterThan(0);
    byTestId("export-docx").click();
    await flush();
    expect(store.calls.at(-1)).toEqual({ cmd: "export_docx", args: { paperId: paper.id, choice: { paper: "a4", draft: false, marking: null }, withComments: false } });
  });
});
