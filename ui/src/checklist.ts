// The Voluntary Checklist of Practical Actions for one paper: a block per norm with its
// progress, and under it the practical actions, national and international, each with a
// status, a note and evidence. Changes go through the window's autosave (keys
// "action:PAPER:ACTION"), so they are saved after a pause, flushed on leaving, and
// shown in the header's save status like the text.
import * as api from "./api";
import type { ActionStatus, ChecklistEntry, Framework, Norm, NormProgress, PracticalAction } from "./api";
import type { Autosave, SaveState } from "./autosave";
import { h, options, replaceChildren, uid } from "./dom";
import { formatCount } from "./format";
import { actionKey, type Patch } from "./patches";

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  implemented: "Implemented",
  "not-applicable": "Not applicable",
};

const VERIFY_TOOLTIP = "Mapping to be checked against the official text";

export interface ChecklistHost {
  paperId: number;
  framework: Framework | null;
  autosave: Autosave<Patch>;
  /** A section's heading, for "Reported in …"; null when the section is gone. */
  sectionName(id: number): string | null;
  /** "Report in paper": open the section that reports on the action, cursor at its paragraph. */
  report(action: string): Promise<void>;
  /** Shows a failure the view cannot show itself. */
  showError(message: string): void;
}

/** Writes an action's saved patch: the window's autosave calls this for "action:…" keys. */
export async function saveAction(key: string, patch: Patch): Promise<ChecklistEntry> {
  const [, paperId, action] = key.split(":");
  const { actionStatus, note, evidence } = patch;
  return api.setAction(Number(paperId), action, { status: actionStatus, note, evidence });
}

/** Progress per norm, counted from the entries (as the core counts it), in the norms' order. */
export function normProgress(norms: Pick<Norm, "id">[], entries: Pick<ChecklistEntry, "norm" | "status">[]): NormProgress[] {
  return norms.map((norm) => {
    const mine = entries.filter((e) => e.norm === norm.id);
    const count = (status: ActionStatus) => mine.filter((e) => e.status === status).length;
    return {
      norm: norm.id,
      total: mine.length,
      notStarted: count("not-started"),
      inProgress: count("in-progress"),
      implemented: count("implemented"),
      notApplicable: count("not-applicable"),
    };
  });
}

/** "2 of 5 implemented · 1 in progress · 1 n/a" */
export function progressLine(p: Omit<NormProgress, "norm">): string {
  const parts = [`${formatCount(p.implemented)} of ${formatCount(p.total)} implemented`];
  if (p.inProgress) parts.push(`${formatCount(p.inProgress)} in progress`);
  if (p.notApplicable) parts.push(`${formatCount(p.notApplicable)} n/a`);
  return parts.join(" · ");
}

function sum(list: NormProgress[]): Omit<NormProgress, "norm"> {
  const total = { total: 0, notStarted: 0, inProgress: 0, implemented: 0, notApplicable: 0 };
  for (const p of list) {
    total.total += p.total;
    total.notStarted += p.notStarted;
    total.inProgress += p.inProgress;
    total.implemented += p.implemented;
    total.notApplicable += p.notApplicable;
  }
  return total;
}

/** A bar in three parts: implemented, in progress, not applicable (the rest is not started). */
function progressBar(p: Omit<NormProgress, "norm">, label: string): HTMLElement {
  const share = (n: number) => (p.total ? `${(n / p.total) * 100}%` : "0");
  return h(
    "span",
    { class: "checklist-bar", role: "img", "aria-label": label, title: label },
    h("span", { class: "bar-implemented", style: `width: ${share(p.implemented)}` }),
    h("span", { class: "bar-in-progress", style: `width: ${share(p.inProgress)}` }),
    h("span", { class: "bar-not-applicable", style: `width: ${share(p.notApplicable)}` }),
  );
}

function verifyBadge(): HTMLElement {
  return h("span", { class: "verify-badge", title: VERIFY_TOOLTIP, "data-testid": "verify-badge" }, "to verify");
}

interface ActionRow {
  entry: ChecklistEntry;
  root: HTMLElement;
  saveStatus: HTMLElement;
  notesToggle: HTMLButtonElement;
  reportedIn: HTMLElement;
}

export class ChecklistView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly rows = new Map<string, ActionRow>();
  /** actions with a change not yet reported saved */
  private readonly pending = new Set<string>();
  private summary: HTMLElement | null = null;
  private readonly normHeads = new Map<string, { count: HTMLElement; bar: HTMLElement; index: HTMLElement; indexCount: HTMLElement }>();
  private loaded = 0;

  constructor(private readonly host: ChecklistHost) {
    this.body = h("div", { class: "checklist-inner" }, h("p", { class: "muted checklist-loading" }, "Loading the checklist…"));
    this.root = h("section", { class: "checklist-view", "data-testid": "checklist", "aria-label": "Checklist of practical actions" }, this.body);
  }

  /** Fetches the paper's checklist (after pending changes are saved) and draws it. */
  async load(): Promise<void> {
    const ticket = ++this.loaded;
    await this.host.autosave.flush();
    let checklist: api.Checklist;
    try {
      checklist = await api.checklist(this.host.paperId);
    } catch (e) {
      if (ticket !== this.loaded) return;
      replaceChildren(this.body, h("p", { class: "preview-error" }, "The checklist could not be loaded: " + api.toChanceryError(e).message));
      return;
    }
    if (ticket !== this.loaded) return;
    // What could not be saved yet wins over what the store has.
    this.render(
      checklist.entries.map((entry) => {
        const unsaved = this.host.autosave.unsaved(actionKey(this.host.paperId, entry.action)) ?? {};
        const { actionStatus, note, evidence } = unsaved;
        return { ...entry, status: actionStatus ?? entry.status, note: note ?? entry.note, evidence: evidence ?? entry.evidence };
      }),
    );
  }

  /** The window's save state changed: tell the actions waiting for it. */
  setSaveState(state: SaveState): void {
    if (state.kind === "saving") return;
    for (const action of this.pending) {
      const row = this.rows.get(action);
      if (!row) continue;
      row.saveStatus.textContent = state.kind === "saved" ? "Saved" : "Not saved: " + state.message;
      row.saveStatus.classList.toggle("error", state.kind === "error");
    }
    if (state.kind === "saved") this.pending.clear();
  }

  /** A save went through: keep the store's answer (timestamps). */
  saved(entry: ChecklistEntry): void {
    const row = this.rows.get(entry.action);
    if (row) row.entry.updatedAt = entry.updatedAt;
  }

  /** The action is now reported on in a section. */
  linked(action: string, section: number): void {
    const row = this.rows.get(action);
    if (!row) return;
    row.entry.section = section;
    this.renderReportedIn(row);
  }

  // ------------------------------------------------------------ drawing

  private render(entries: ChecklistEntry[]): void {
    const fw = this.host.framework;
    const norms = fw?.norms ?? [];
    const actions = new Map((fw?.actions ?? []).map((a) => [a.id, a]));
    this.rows.clear();
    this.normHeads.clear();
    this.summary = h("div", { class: "checklist-figures", "data-testid": "checklist-summary" });
    const index = h("nav", { class: "norm-index", "aria-label": "Norms" });
    const blocks = norms.map((norm) => this.normBlock(norm, entries.filter((e) => e.norm === norm.id), actions, index));
    replaceChildren(
      this.body,
      h(
        "header",
        { class: "checklist-head" },
        h(
          "div",
          { class: "checklist-title-row" },
          h("h2", { class: "checklist-title" }, "Voluntary Checklist of Practical Actions"),
          h("span", { class: "muted checklist-scope" }, "Norms of responsible State behaviour, A/70/174, para. 13"),
        ),
        this.summary,
        index,
      ),
      ...blocks,
    );
    this.updateProgress();
  }

  private normBlock(norm: Norm, entries: ChecklistEntry[], actions: Map<string, PracticalAction>, index: HTMLElement): HTMLElement {
    const count = h("span", { class: "norm-count", "data-testid": "norm-progress" });
    const bar = h("span", { class: "norm-bar" });
    const titleId = uid("norm");
    const block = h(
      "section",
      { class: "norm-block", "data-testid": "norm-block", "data-norm": norm.id, "aria-labelledby": titleId },
      h(
        "header",
        { class: "norm-head" },
        h("span", { class: "norm-label", title: `${norm.source.symbol}, para. ${norm.source.para}` }, norm.label),
        h("h3", { class: "norm-title", id: titleId }, norm.title),
        norm.verify ? verifyBadge() : null,
        h("span", { class: "spacer" }),
        count,
        bar,
      ),
      h("p", { class: "norm-summary" }, norm.summary),
    );
    for (const level of ["national", "international"] as const) {
      const mine = entries.filter((e) => actions.get(e.action)?.level === level);
      if (mine.length === 0) continue;
      block.append(
        h(
          "div",
          { class: "action-group" },
          h("h4", { class: "action-group-title" }, level === "national" ? "National" : "International"),
          h("ul", { class: "action-list" }, ...mine.map((entry) => this.actionRow(entry, actions.get(entry.action)!))),
        ),
      );
    }
    const indexBar = h("span", { class: "norm-index-bar" });
    const indexCount = h("span", { class: "norm-index-count" });
    index.append(
      h(
        "button",
        {
          type: "button",
          class: "norm-index-item",
          title: `${norm.label} ${norm.title}`,
          onclick: () => this.scrollTo(block),
        },
        h("span", { class: "norm-index-top" }, h("span", { class: "norm-index-label" }, norm.label), indexCount),
        indexBar,
      ),
    );
    this.normHeads.set(norm.id, { count, bar, index: indexBar, indexCount });
    return block;
  }

  private actionRow(entry: ChecklistEntry, action: PracticalAction): HTMLElement {
    const statusId = uid("action-status");
    const status = h(
      "select",
      {
        id: statusId,
        class: `action-status status-${entry.status}`,
        "data-testid": "action-status",
        value: entry.status,
      },
      ...options(api.ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))),
    );
    const note = h("textarea", { class: "action-note", "data-testid": "action-note", rows: 3, placeholder: "What is done, by whom, what is planned" });
    note.value = entry.note;
    const evidence = h("textarea", {
      class: "action-evidence",
      "data-testid": "action-evidence",
      rows: 3,
      placeholder: "Laws, decisions, documents or links that show it",
    });
    evidence.value = entry.evidence;
    const details = h(
      "div",
      { class: "action-details", hidden: true },
      h("label", { class: "action-field" }, h("span", null, "Note"), note),
      h("label", { class: "action-field" }, h("span", null, "Evidence"), evidence),
    );
    const notesToggle = h("button", { type: "button", class: "button small ghost notes-toggle", "aria-expanded": "false", "data-testid": "action-notes-toggle" });
    const saveStatus = h("span", { class: "action-save", "data-testid": "action-save-status", role: "status" });
    const reportedIn = h("span", { class: "reported-in" });
    const report = h("button", { type: "button", class: "button small", "data-testid": "report-action", title: "Open the paper's norms section at a paragraph on this action" }, "Report in paper");
    const root = h(
      "li",
      { class: "action", "data-testid": "action", "data-action": entry.action, "data-status": entry.status },
      h(
        "div",
        { class: "action-row" },
        h(
          "div",
          { class: "action-text" },
          h("span", null, action.text),
          " ",
          action.verify ? verifyBadge() : null,
        ),
        h("label", { class: "visually-hidden", for: statusId }, "Status"),
        status,
        notesToggle,
        report,
      ),
      details,
      h(
        "div",
        { class: "action-foot" },
        h("span", { class: "action-source", title: "Where the action stands in the agreed text" }, `${action.source.symbol}, ${action.source.para}`),
        reportedIn,
        saveStatus,
      ),
    );
    const row: ActionRow = { entry: { ...entry }, root, saveStatus, notesToggle, reportedIn };
    this.rows.set(entry.action, row);
    this.renderNotesToggle(row);
    this.renderReportedIn(row);

    status.addEventListener("change", () => {
      const value = status.value as ActionStatus;
      row.entry.status = value;
      status.className = `action-status status-${value}`;
      root.dataset.status = value;
      this.change(row, { actionStatus: value });
      // A status is a decision, not typing: save it now.
      void this.host.autosave.flush();
      this.updateProgress();
    });
    note.addEventListener("input", () => {
      row.entry.note = note.value;
      this.change(row, { note: note.value });
      this.renderNotesToggle(row);
    });
    evidence.addEventListener("input", () => {
      row.entry.evidence = evidence.value;
      this.change(row, { evidence: evidence.value });
      this.renderNotesToggle(row);
    });
    notesToggle.addEventListener("click", () => {
      details.hidden = !details.hidden;
      root.classList.toggle("open", !details.hidden);
      notesToggle.setAttribute("aria-expanded", String(!details.hidden));
      if (!details.hidden) note.focus();
    });
    report.addEventListener("click", async () => {
      report.disabled = true;
      try {
        await this.host.report(entry.action);
      } catch (e) {
        this.host.showError("Could not open the report: " + api.toChanceryError(e).message);
      } finally {
        report.disabled = false;
      }
    });
    return root;
  }

  /** Brings a norm's block to the top of the checklist (scrolling only the checklist, not the window). */
  scrollTo(block: HTMLElement): void {
    const top = block.getBoundingClientRect().top - this.root.getBoundingClientRect().top + this.root.scrollTop - 12;
    this.root.scrollTo?.({ top: Math.max(0, top) });
  }

  private change(row: ActionRow, patch: Patch): void {
    this.pending.add(row.entry.action);
    row.saveStatus.textContent = "Saving…";
    row.saveStatus.classList.remove("error");
    this.host.autosave.change(actionKey(this.host.paperId, row.entry.action), patch);
  }

  private renderNotesToggle(row: ActionRow): void {
    const filled = [row.entry.note, row.entry.evidence].filter((t) => t.trim() !== "").length;
    row.notesToggle.textContent = filled ? `Note · evidence (${filled})` : "Note · evidence";
    row.notesToggle.classList.toggle("filled", filled > 0);
  }

  private renderReportedIn(row: ActionRow): void {
    const name = row.entry.section !== null ? this.host.sectionName(row.entry.section) : null;
    row.reportedIn.textContent = name ? `Reported in “${name}”` : "";
  }

  private updateProgress(): void {
    const norms = this.host.framework?.norms ?? [];
    const progress = normProgress(norms, [...this.rows.values()].map((r) => r.entry));
    for (const p of progress) {
      const head = this.normHeads.get(p.norm);
      if (!head) continue;
      const line = progressLine(p);
      head.count.textContent = line;
      replaceChildren(head.bar, progressBar(p, line));
      replaceChildren(head.index, progressBar(p, line));
      head.indexCount.textContent = `${p.implemented}/${p.total - p.notApplicable}`;
    }
    if (!this.summary) return;
    const all = sum(progress);
    const figure = (n: number, label: string, kind: string) =>
      h("span", { class: `figure figure-${kind}` }, h("strong", null, formatCount(n)), " ", label);
    replaceChildren(
      this.summary,
      h(
        "div",
        { class: "figures" },
        figure(all.implemented, "implemented", "implemented"),
        figure(all.inProgress, "in progress", "in-progress"),
        figure(all.notApplicable, "not applicable", "not-applicable"),
        figure(all.notStarted, "not started", "not-started"),
        h("span", { class: "muted figures-total" }, `of ${formatCount(all.total)} practical actions under ${norms.length} norms`),
      ),
      progressBar(all, progressLine(all)),
    );
  }
}
