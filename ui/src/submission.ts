// The submission check before an export: the word count against a chosen limit, and what
// to fix or check (unresolved references, drifted quotations, open notes, empty
// sections), each opening its section. The same dialog exports as PDF or Word with the
// options both share; nothing is exported until an Export button is pressed.
import type { ExportChoice, Finding, PaperSize, SubmissionReport } from "./api";
import { WORD_LIMIT_PRESETS, toChanceryError } from "./api";
import { field, openModal, type Modal } from "./dialogs";
import { h, options, replaceChildren } from "./dom";
import { formatCount, limitNotes, typedWords } from "./format";
import { renderDiff } from "./history";
import { openPagePreview } from "./pagePreview";

export interface SubmissionActions {
  /** The report against `limit` (a preset's name or a number of words), or the paper's own limit when null. */
  check: (limit: string | null) => Promise<SubmissionReport>;
  /** Each exports (the core asks where to save): the path saved, or null when the save dialog was cancelled. */
  exportPdf: (choice: ExportChoice) => Promise<string | null>;
  exportDocx: (choice: ExportChoice, withComments: boolean) => Promise<string | null>;
  /** The pages as the PDF will print them, each an SVG. */
  previewPages: (choice: ExportChoice) => Promise<string[]>;
  /** Shows a finding's section in the editor. */
  openSection: (sectionId: number) => void;
  /** Refused before anything is exported, e.g. while changes are still unsaved. */
  ready?: () => Promise<string | null>;
}

/** The limit chooser's value: "" for the paper's own limit, a preset's name, or "custom". */
export const DEFAULT_LIMIT = "";
export const CUSTOM_LIMIT = "custom";

/** What to ask the core for, or a message when the number typed is not a number of words. */
export function limitArgument(choice: string, typed: string): { limit: string | null } | { error: string } {
  if (choice === DEFAULT_LIMIT) return { limit: null };
  if (choice !== CUSTOM_LIMIT) return { limit: choice };
  const words = typedWords(typed);
  if (words === null) return { error: "Give the limit as a number of words, e.g. 5000." };
  return { limit: String(words) };
}

/** The count against the limit, as one line: "9,120 of 8,500 words (Secretariat documents)". */
export function countLine(report: SubmissionReport): string {
  const limit = report.limit;
  if (!limit) return `${formatCount(report.words)} words · no limit set`;
  const notes = limitNotes(limit);
  return `${formatCount(report.words)} of ${formatCount(limit.words)} words` + (notes ? ` (${notes})` : "");
}

/** The report's first line: all clear, or how much there is to fix and to check. */
export function verdict(report: SubmissionReport): string {
  if (report.findings.length === 0) return "All clear: nothing to fix or check before submission.";
  const must = report.findings.filter((f) => f.severity === "must-fix").length;
  const check = report.findings.length - must;
  const count = (n: number) => (n === 1 ? "1 item" : `${n} items`);
  return [must ? `${count(must)} to fix before submission` : null, check ? `${count(check)} to check` : null].filter(Boolean).join(", ") + ".";
}

export const SEVERITY_LABELS = { "must-fix": "Must fix before submission", check: "Check" } as const;

export function openSubmissionDialog(actions: SubmissionActions, initialLimit = DEFAULT_LIMIT): Modal {
  const limit = h(
    "select",
    { "data-testid": "submission-limit", value: initialLimit },
    ...options([
      { value: DEFAULT_LIMIT, label: "The paper's own limit" },
      ...WORD_LIMIT_PRESETS.map((p) => ({ value: p.preset, label: `${p.name} (${formatCount(p.words)} words)` })),
      { value: CUSTOM_LIMIT, label: "Another number of words…" },
    ]),
  );
  const typed = h("input", { type: "text", inputmode: "numeric", "data-testid": "submission-limit-words", autocomplete: "off", placeholder: "e.g. 5000", "aria-label": "Word limit" });
  const typedField = h("div", { class: "submission-custom" }, typed, h("span", { class: "muted" }, "words"));
  typedField.hidden = initialLimit !== CUSTOM_LIMIT;
  const status = h("p", { class: "submission-verdict", "data-testid": "submission-verdict", role: "status" }, "Checking…");
  const count = h("p", { class: "submission-count", "data-testid": "submission-count" });
  const list = h("div", { class: "submission-findings", "data-testid": "submission-findings" });

  const size = h("select", { "data-testid": "export-paper", value: "a4" }, ...options([{ value: "a4", label: "A4" }, { value: "letter", label: "US Letter" }]));
  const draft = h("input", { type: "checkbox", "data-testid": "export-draft" });
  const marking = h("input", { type: "text", "data-testid": "export-marking", autocomplete: "off", placeholder: "e.g. Restricted" });
  const comments = h("input", { type: "checkbox", "data-testid": "export-comments" });
  const result = h("p", { class: "field-hint export-result", "data-testid": "export-result", role: "status" });

  let ticket = 0;
  async function refresh(): Promise<void> {
    const asked = limitArgument(limit.value, typed.value);
    if ("error" in asked) {
      status.textContent = asked.error;
      status.className = "submission-verdict warn";
      return;
    }
    const mine = ++ticket;
    status.textContent = "Checking…";
    status.className = "submission-verdict";
    let report: SubmissionReport;
    try {
      report = await actions.check(asked.limit);
    } catch (e) {
      if (mine !== ticket) return;
      status.textContent = "The paper could not be checked: " + toChanceryError(e).message;
      status.className = "submission-verdict warn";
      replaceChildren(list);
      return;
    }
    if (mine !== ticket) return;
    showReport(report);
  }

  function showReport(report: SubmissionReport): void {
    const clear = report.findings.length === 0;
    const mustFix = report.findings.some((f) => f.severity === "must-fix");
    status.textContent = verdict(report);
    status.className = "submission-verdict " + (clear ? "clear" : mustFix ? "sev-must-fix" : "sev-check");
    count.textContent = countLine(report);
    count.classList.toggle("over", report.findings.some((f) => f.kind === "over-limit"));
    const groups = (["must-fix", "check"] as const)
      .map((severity) => ({ severity, findings: report.findings.filter((f) => f.severity === severity) }))
      .filter((g) => g.findings.length > 0)
      .map((g) =>
        h(
          "section",
          { class: `submission-group sev-${g.severity}` },
          h("h3", { class: "submission-group-title" }, h("span", { class: `severity sev-${g.severity}` }, SEVERITY_LABELS[g.severity]), h("span", { class: "muted" }, String(g.findings.length))),
          h("ul", null, ...g.findings.map(findingItem)),
        ),
      );
    replaceChildren(list, ...groups);
  }

  function findingItem(finding: Finding): HTMLElement {
    const words = finding.words ? h("span", { class: "submission-words" }, finding.kind === "unresolved-reference" ? finding.words : `“${finding.words}”`) : null;
    const diff = finding.changes ? h("div", { class: "submission-diff" }, renderDiff(finding.changes)) : null;
    const body = h(
      "div",
      { class: "submission-body" },
      h("span", { class: "submission-section" }, finding.section),
      h("span", { class: "submission-message" }, finding.message),
      words,
      diff,
    );
    const id = finding.sectionId;
    if (id === null) return h("li", { class: "submission-finding", "data-testid": "submission-finding", "data-kind": finding.kind }, body);
    return h(
      "li",
      { class: "submission-finding", "data-testid": "submission-finding", "data-kind": finding.kind },
      h(
        "button",
        {
          type: "button",
          class: "submission-open",
          title: `Open “${finding.section}” in the editor`,
          onclick: () => {
            modal.close();
            actions.openSection(id);
          },
        },
        body,
      ),
    );
  }

  const choice = (): ExportChoice => ({ paper: size.value as PaperSize, draft: draft.checked, marking: marking.value.trim() || null });

  async function exportAs(run: () => Promise<string | null>): Promise<string | false> {
    const refused = (await actions.ready?.()) ?? null;
    if (refused) return refused;
    const saved = await run();
    if (saved === null) return "Not saved: the save dialog was cancelled.";
    result.textContent = "Saved to " + saved;
    return false;
  }

  const word = h("button", { type: "button", class: "button", "data-testid": "export-docx" }, "Export Word…");
  const look = h("button", { type: "button", class: "button", "data-testid": "preview-pages" }, "Look at the pages");
  const modal = openModal({
    title: "Before you export: submission check",
    wide: true,
    content: [
      h("div", { class: "submission-head" }, field("Word limit", limit), typedField),
      h("div", { class: "submission-report" }, status, count, list),
      h(
        "fieldset",
        { class: "submission-options" },
        h("legend", null, "Export options"),
        h("div", { class: "field-row" }, field("Paper size", size), field("Marking (top of each page)", marking)),
        h("div", { class: "submission-checks" }, h("label", { class: "check" }, draft, "Draft mark"), h("label", { class: "check" }, comments, "Word: include review notes as comments (internal only)")),
      ),
      result,
    ],
    actions: [look, word],
    submitLabel: "Export PDF…",
    submitTestId: "export-pdf-run",
    onSubmit: () => exportAs(() => actions.exportPdf(choice())),
  });
  modal.root.querySelector(".dialog")?.classList.add("submission-dialog");
  word.addEventListener("click", async () => {
    word.disabled = true;
    try {
      const message = await exportAs(() => actions.exportDocx(choice(), comments.checked));
      if (message) modal.showError(message);
    } catch (e) {
      modal.showError(toChanceryError(e).message);
    } finally {
      word.disabled = false;
    }
  });
  look.addEventListener("click", async () => {
    look.disabled = true;
    look.textContent = "Setting the pages…";
    try {
      openPagePreview(await actions.previewPages(choice()));
    } catch (e) {
      modal.showError(toChanceryError(e).message);
    } finally {
      look.disabled = false;
      look.textContent = "Look at the pages";
    }
  });
  limit.addEventListener("change", () => {
    typedField.hidden = limit.value !== CUSTOM_LIMIT;
    if (limit.value === CUSTOM_LIMIT) typed.focus();
    void refresh();
  });
  typed.addEventListener("change", () => void refresh());
  void refresh();
  return modal;
}
