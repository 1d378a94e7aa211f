// Comments and textual proposals on a Chair's draft: the draft with the delegation's
// proposals inline (as in UN compilation documents: deletions struck through, insertions
// bold and underlined), the list of proposals by paragraph, and the move onto a revised
// draft with its report. The redlines come from the core, word by word; nothing is
// diffed here.
import * as api from "./api";
import type { Change, InlineParagraph, Proposal, ProposalKind, RebaseOutcome, RebaseReport } from "./api";
import { openConfirmDialog, openModal } from "./dialogs";
import { h, options, replaceChildren, uid } from "./dom";

// ---------------------------------------------------------------- pure helpers

export const KIND_LABELS: Record<ProposalKind, string> = {
  amend: "Amendment",
  delete: "Deletion",
  "insert-after": "New paragraph",
  comment: "Comment",
};

export const STATUS_LABELS: Record<api.ProposalStatus, string> = {
  open: "Open",
  review: "To review",
  "taken-in": "Taken in",
  unplaced: "Unplaced",
};

/**
 * A redline as inline track changes: deletions in <del class="diff-del">, insertions in
 * <ins class="diff-ins"> (the classes of the History comparison), all text as text nodes,
 * so markup in a draft is shown, never interpreted.
 */
export function renderRedline(changes: Change[], testid = "redline"): HTMLElement {
  const line = h("span", { class: "redline", "data-testid": testid });
  for (const change of changes) {
    if (change.text === "") continue;
    if (change.kind === "insert") line.append(h("ins", { class: "diff-ins" }, change.text));
    else if (change.kind === "delete") line.append(h("del", { class: "diff-del" }, change.text));
    else line.append(document.createTextNode(change.text));
  }
  return line;
}

/** "4" → [4, ""], "4 bis" → [4, "bis"], "(a)" → [NaN, "(a)"]: for ordering paragraph labels. */
function labelKey(label: string): [number, string] {
  const m = /^\s*(\d+)(.*)$/.exec(label);
  return m ? [Number(m[1]), m[2].trim()] : [Number.POSITIVE_INFINITY, label];
}

export function compareLabels(a: string, b: string): number {
  const [na, ra] = labelKey(a);
  const [nb, rb] = labelKey(b);
  if (na !== nb) return na < nb ? -1 : 1;
  return ra.localeCompare(rb, "en", { numeric: true });
}

/** Within a paragraph: what changes it, then comments on it, then what comes after it. */
const KIND_ORDER: Record<ProposalKind, number> = { amend: 0, delete: 1, comment: 2, "insert-after": 3 };

/**
 * The proposals by paragraph: in the draft's order when `order` (the draft's labels) is
 * given, else by paragraph number; within a paragraph by kind, then as made.
 */
export function groupByParagraph(proposals: Proposal[], order?: string[]): { label: string; proposals: Proposal[] }[] {
  const rank = new Map((order ?? []).map((label, i) => [label, i]));
  const sorted = [...proposals].sort((a, b) => {
    if (a.label !== b.label) {
      const ra = rank.get(a.label);
      const rb = rank.get(b.label);
      if (ra !== undefined && rb !== undefined) return ra - rb;
      if (ra !== undefined) return -1;
      if (rb !== undefined) return 1;
      return compareLabels(a.label, b.label);
    }
    return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id - b.id;
  });
  const groups: { label: string; proposals: Proposal[] }[] = [];
  for (const p of sorted) {
    const last = groups[groups.length - 1];
    if (last && last.label === p.label) last.proposals.push(p);
    else groups.push({ label: p.label, proposals: [p] });
  }
  return groups;
}

/** "bis", "ter", … for the new paragraphs proposed after paragraph N (UN usage: "4 bis"). */
export function insertedLabel(label: string, index: number): string {
  const suffixes = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];
  return `${label} ${suffixes[index] ?? `(${index + 2})`}`;
}

export const OUTCOME_ORDER: RebaseOutcome[] = ["carried", "review", "taken-in", "unplaced"];

export const OUTCOME_TITLES: Record<RebaseOutcome, { title: string; note: string }> = {
  carried: { title: "Carried over", note: "Placed on the matching paragraph of the revised draft." },
  review: { title: "To review", note: "The revised draft changed the words these proposals change: check them against the new text." },
  "taken-in": { title: "Taken in", note: "The revised draft already says what these proposals asked." },
  unplaced: { title: "Unplaced", note: "No paragraph of the revised draft matches the one these proposals answered." },
};

/** "Para. 4 → 5", "Para. 9 → (no match)" */
export function movedLabel(r: Pick<api.Rebased, "from" | "to">): string {
  return `Para. ${r.from} → ${r.to === null ? "(no match)" : r.to}`;
}

/** The report by outcome, in the order the delegate reads it; empty outcomes left out. */
export function groupRebase(report: RebaseReport): { outcome: RebaseOutcome; items: api.Rebased[] }[] {
  return OUTCOME_ORDER.map((outcome) => ({
    outcome,
    items: report.proposals.filter((p) => p.outcome === outcome).sort((a, b) => compareLabels(a.from, b.from)),
  })).filter((g) => g.items.length > 0);
}

// ---------------------------------------------------------------- the view

export interface ProposalsHost {
  paperId: number;
  /** the delegation, for the compilation's attribution ("Italy") */
  delegation: () => string;
  showError(message: string): void;
}

type Form = { label: string; kind: ProposalKind; proposal: Proposal | null };

export class ProposalsView {
  readonly root: HTMLElement;
  private readonly page: HTMLElement;
  private readonly title: HTMLElement;
  private readonly tabs: Record<"draft" | "list", HTMLButtonElement>;
  private readonly message: HTMLElement;
  private mode: "draft" | "list" = "draft";
  private base: string | null = null;
  private paragraphs: InlineParagraph[] = [];
  private list: Proposal[] = [];
  private form: Form | null = null;

  constructor(private readonly host: ProposalsHost) {
    const tab = (mode: "draft" | "list", label: string, title: string) =>
      h("button", { type: "button", role: "tab", class: "view-tab", "data-testid": `proposals-${mode}-view`, title, "aria-selected": "false", onclick: () => this.setMode(mode) }, label);
    this.tabs = {
      draft: tab("draft", "Draft", "The Chair's draft with your proposals inline"),
      list: tab("list", "List", "Your proposals in paragraph order"),
    };
    this.title = h("div", { class: "proposals-title" });
    this.message = h("p", { class: "proposals-message muted", role: "status" });
    this.page = h("article", { class: "compilation-page", "data-testid": "compilation" });
    this.root = h(
      "section",
      { class: "proposals-view", "data-testid": "proposals-view", "aria-label": "Proposals on the Chair's draft" },
      h(
        "header",
        { class: "diff-head proposals-head" },
        this.title,
        h("div", { class: "view-tabs", role: "tablist", "aria-label": "Proposals view" }, this.tabs.draft, this.tabs.list),
        h("span", { class: "diff-legend", "aria-label": "Legend" }, h("del", { class: "diff-del" }, "deleted"), h("ins", { class: "diff-ins" }, "inserted")),
        h("button", { type: "button", class: "button small", "data-testid": "proposals-rebase", title: "Move your proposals onto the Chair's revised draft", onclick: () => void this.revisedDraft() }, "Revised draft…"),
      ),
      h("div", { class: "diff-scroll" }, this.message, this.page),
    );
    this.renderTabs();
  }

  async load(): Promise<void> {
    this.message.textContent = "Loading…";
    try {
      const [base, paragraphs, list] = await Promise.all([api.paperBase(this.host.paperId), api.inlineView(this.host.paperId), api.proposals(this.host.paperId)]);
      this.base = base;
      this.paragraphs = paragraphs;
      this.list = list;
      this.message.textContent = "";
    } catch (e) {
      this.message.textContent = "The proposals could not be loaded: " + api.toChanceryError(e).message;
    }
    this.render();
  }

  setMode(mode: "draft" | "list"): void {
    this.mode = mode;
    this.form = null;
    this.renderTabs();
    this.render();
  }

  private renderTabs(): void {
    for (const [mode, tab] of Object.entries(this.tabs)) {
      tab.setAttribute("aria-selected", String(mode === this.mode));
      tab.classList.toggle("selected", mode === this.mode);
    }
  }

  private render(): void {
    const count = this.list.length;
    replaceChildren(
      this.title,
      h("span", { class: "muted" }, "Proposals on "),
      h("strong", { "data-testid": "proposals-base" }, this.base ?? "—"),
      h("span", { class: "muted" }, ` · ${count} ${count === 1 ? "proposal" : "proposals"}`),
    );
    if (this.mode === "draft") this.renderDraft();
    else this.renderList();
  }

  // ------------------------------------------------------------ draft view

  private renderDraft(): void {
    this.page.className = "compilation-page";
    const blocks: HTMLElement[] = [];
    const who = this.host.delegation().trim();
    blocks.push(
      h(
        "header",
        { class: "compilation-heading" },
        h("div", { class: "compilation-symbol" }, this.base ?? ""),
        h("h2", null, who ? `Comments and proposals of ${who} on the Chair’s draft` : "Comments and proposals on the Chair’s draft"),
        h("p", null, "Proposed deletions are struck through; proposed insertions are in bold and underlined."),
      ),
    );
    for (const para of this.paragraphs) blocks.push(this.paragraph(para));
    replaceChildren(this.page, ...blocks);
    if (this.paragraphs.length === 0 && !this.message.textContent) this.message.textContent = "The Chair's draft has no numbered paragraphs.";
  }

  private paragraph(para: InlineParagraph): HTMLElement {
    const changing = para.proposals.find((p) => p.kind === "amend" || p.kind === "delete") ?? null;
    const comments = para.proposals.filter((p) => p.kind === "comment");
    const inserted = para.proposals.filter((p) => p.kind === "insert-after");
    const body = changing ? renderRedline(para.redline) : h("span", { class: "redline" }, para.text);
    const actions = h(
      "div",
      { class: "cpara-actions" },
      this.actionButton(para, "amend", changing?.kind === "amend" ? changing : null, "Amend", "Propose new wording for this paragraph"),
      changing ? null : this.actionButton(para, "delete", null, "Delete", "Propose deleting this paragraph"),
      this.actionButton(para, "insert-after", null, "Insert after", "Propose a new paragraph after this one"),
      this.actionButton(para, "comment", null, "Comment", "A comment on this paragraph, without new wording"),
    );
    const block = h(
      "div",
      { class: "cpara-group", "data-testid": "base-para", "data-label": para.label },
      h(
        "div",
        { class: "cpara" + (changing?.kind === "delete" ? " deleted" : "") },
        h("span", { class: "cpara-label" }, para.label + "."),
        h("div", { class: "cpara-body" }, h("p", { class: "cpara-text" }, body), changing ? this.proposalMeta(changing) : null, actions),
      ),
    );
    if (this.form && this.form.label === para.label && (this.form.kind === "amend" || this.form.kind === "delete")) {
      block.append(this.formFor(para, this.form));
    }
    for (const c of comments) {
      block.append(
        h(
          "div",
          { class: "cpara cnote-row" },
          h("span", { class: "cpara-label" }),
          h("div", { class: "cpara-body cnote", "data-testid": "proposal-comment", "data-id": c.id }, h("span", { class: "cnote-who" }, this.attribution() + "comment: "), c.text, this.proposalMeta(c)),
        ),
      );
      if (this.form?.proposal?.id === c.id) block.append(this.formFor(para, this.form));
    }
    if (this.form && this.form.label === para.label && this.form.kind === "comment" && !this.form.proposal) block.append(this.formFor(para, this.form));
    inserted.forEach((p, i) => {
      block.append(
        h(
          "div",
          { class: "cpara inserted", "data-testid": "proposal-inserted", "data-id": p.id },
          h("span", { class: "cpara-label" }, insertedLabel(para.label, i) + "."),
          h("div", { class: "cpara-body" }, h("p", { class: "cpara-text" }, h("ins", { class: "diff-ins" }, p.text)), this.proposalMeta(p)),
        ),
      );
      if (this.form?.proposal?.id === p.id) block.append(this.formFor(para, this.form));
    });
    if (this.form && this.form.label === para.label && this.form.kind === "insert-after" && !this.form.proposal) block.append(this.formFor(para, this.form));
    return block;
  }

  private attribution(): string {
    const who = this.host.delegation().trim();
    return who ? `${who}, ` : "";
  }

  private actionButton(para: InlineParagraph, kind: ProposalKind, existing: Proposal | null, label: string, title: string): HTMLElement {
    return h(
      "button",
      { type: "button", class: "button small ghost", "data-testid": `para-${kind}`, title, onclick: () => this.openForm({ label: para.label, kind, proposal: existing }) },
      label,
    );
  }

  /** Under a proposal: who, its justification, its status, and Edit / Withdraw. */
  private proposalMeta(p: Proposal): HTMLElement {
    return h(
      "div",
      { class: "proposal-meta", "data-testid": "proposal", "data-id": p.id, "data-kind": p.kind, "data-status": p.status },
      h("span", { class: "tag" }, KIND_LABELS[p.kind]),
      p.status !== "open" ? h("span", { class: `tag status-${p.status}` }, STATUS_LABELS[p.status]) : null,
      p.justification ? h("span", { class: "proposal-why", "data-testid": "proposal-justification" }, h("em", null, "Justification: "), p.justification) : null,
      h("span", { class: "spacer" }),
      h("button", { type: "button", class: "button small ghost", "data-testid": "proposal-edit", onclick: () => this.openForm({ label: p.label, kind: p.kind, proposal: p }) }, "Edit"),
      h("button", { type: "button", class: "button small ghost danger-text", "data-testid": "proposal-withdraw", onclick: () => this.withdraw(p) }, "Withdraw"),
    );
  }

  private openForm(form: Form): void {
    this.form = form;
    if (this.mode !== "draft") this.setMode("draft");
    this.form = form;
    this.renderDraft();
    const field = this.page.querySelector<HTMLTextAreaElement>(".proposal-form textarea");
    field?.focus();
    field?.closest(".proposal-form")?.scrollIntoView?.({ block: "nearest" });
  }

  private formFor(para: InlineParagraph, form: Form): HTMLElement {
    const { kind, proposal } = form;
    const heading: Record<ProposalKind, string> = {
      amend: `Amend para. ${para.label}`,
      delete: `Delete para. ${para.label}`,
      "insert-after": `New paragraph after para. ${para.label}`,
      comment: `Comment on para. ${para.label}`,
    };
    const textId = uid("proposal-text");
    const whyId = uid("proposal-why");
    const prefill = proposal ? proposal.text : kind === "amend" ? para.text : "";
    const text = kind === "delete" ? null : h("textarea", { id: textId, class: "proposal-text", "data-testid": "proposal-text", rows: kind === "comment" ? 3 : 4, value: prefill });
    const why = h("textarea", { id: whyId, class: "proposal-why-input", "data-testid": "proposal-why", rows: 2, placeholder: "Why: e.g. closer to agreed language in A/76/135, para. 25", value: proposal?.justification ?? "" });
    const error = h("p", { class: "dialog-error", role: "alert", hidden: true });
    const save = h("button", { type: "submit", class: "button small primary", "data-testid": "proposal-save" }, proposal ? "Save" : kind === "delete" ? "Propose deletion" : "Propose");
    const el = h(
      "form",
      { class: "proposal-form", "data-testid": "proposal-form", "data-kind": kind },
      h("div", { class: "proposal-form-title" }, heading[kind]),
      text ? h("label", { for: textId }, kind === "comment" ? "Comment" : kind === "amend" ? "Wording as your delegation would have it" : "Text of the new paragraph") : null,
      text,
      h("label", { for: whyId }, "Justification (optional)"),
      why,
      error,
      h("div", { class: "proposal-form-actions" }, h("button", { type: "button", class: "button small", onclick: () => { this.form = null; this.renderDraft(); } }, "Cancel"), save),
    );
    el.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.form = null;
        this.renderDraft();
      }
    });
    el.addEventListener("submit", async (e) => {
      e.preventDefault();
      const wording = text?.value.trim() ?? "";
      if (text && wording === "") {
        error.textContent = kind === "comment" ? "Write the comment." : "Write the wording.";
        error.hidden = false;
        return;
      }
      if (kind === "amend" && !proposal && wording === para.text.trim()) {
        error.textContent = "The wording is the same as the Chair's draft.";
        error.hidden = false;
        return;
      }
      save.disabled = true;
      try {
        if (proposal) await api.updateProposal(proposal.id, { text: text ? wording : undefined, justification: why.value.trim() });
        else await api.propose(this.host.paperId, { kind, label: para.label, text: text ? wording : undefined, justification: why.value.trim() || undefined });
        this.form = null;
        await this.load();
      } catch (err) {
        error.textContent = api.toChanceryError(err).message;
        error.hidden = false;
        save.disabled = false;
      }
    });
    return el;
  }

  private withdraw(p: Proposal): void {
    openConfirmDialog("Withdraw proposal", `Withdraw your ${KIND_LABELS[p.kind].toLowerCase()} on para. ${p.label}?`, "Withdraw", async () => {
      await api.withdrawProposal(p.id);
      await this.load();
    });
  }

  // ------------------------------------------------------------ list view

  private renderList(): void {
    this.page.className = "compilation-page list";
    const groups = groupByParagraph(this.list, this.paragraphs.map((p) => p.label));
    if (groups.length === 0) {
      replaceChildren(this.page, h("p", { class: "empty-state muted" }, "No proposals yet. In the Draft view, use Amend, Delete, Insert after or Comment on a paragraph."));
      return;
    }
    const rows = groups.flatMap((g) =>
      g.proposals.map((p, i) =>
        h(
          "tr",
          { "data-testid": "proposal-row", "data-id": p.id, "data-label": p.label, "data-kind": p.kind },
          h("th", { scope: "row", class: "plist-para" }, i === 0 ? `Para. ${p.label}` : ""),
          h("td", { class: "plist-kind" }, KIND_LABELS[p.kind], p.status !== "open" ? h("div", null, h("span", { class: `tag status-${p.status}` }, STATUS_LABELS[p.status])) : null),
          h("td", { class: "plist-text" }, p.kind === "comment" ? p.text : p.kind === "insert-after" ? h("ins", { class: "diff-ins" }, p.text) : renderRedline(p.redline)),
          h("td", { class: "plist-why" }, p.justification || h("span", { class: "muted" }, "—")),
        ),
      ),
    );
    replaceChildren(
      this.page,
      h(
        "table",
        { class: "proposal-table", "data-testid": "proposal-list" },
        h("thead", null, h("tr", null, h("th", null, "Paragraph"), h("th", null, "Proposal"), h("th", null, "Text"), h("th", null, "Justification"))),
        h("tbody", null, ...rows),
      ),
    );
  }

  // ------------------------------------------------------------ rebase

  private async revisedDraft(): Promise<void> {
    let documents: api.AgreedText[];
    try {
      documents = await api.libraryDocuments();
    } catch (e) {
      this.host.showError("The library could not be read: " + api.toChanceryError(e).message);
      return;
    }
    const choices = documents.filter((d) => d.symbol !== this.base);
    const select = h(
      "select",
      { "data-testid": "rebase-base", value: choices[0]?.symbol ?? "" },
      ...options(choices.map((d) => ({ value: d.symbol, label: `${d.symbol} — ${d.shortTitle || d.title}` }))),
    );
    const id = uid("rebase");
    select.id = id;
    openModal({
      title: "Revised draft",
      content: [
        h("p", { class: "dialog-message muted" }, `Your proposals on ${this.base ?? "the draft"} move to the matching paragraphs of the revised draft (matched by their text, since numbers shift). Import the revised draft into the library first.`),
        choices.length
          ? h("div", { class: "field" }, h("label", { for: id }, "Revised draft"), select)
          : h("p", { class: "dialog-message" }, "The library holds no other document: import the revised draft first."),
      ],
      submitLabel: "Move proposals",
      submitTestId: "rebase-run",
      onSubmit: async () => {
        if (!select.value) return "Choose the revised draft.";
        const report = await api.rebase(this.host.paperId, select.value);
        await this.load();
        openRebaseReport(report);
      },
    });
  }
}

/** The report after a rebase, by outcome; the delegate reads it and closes it. */
export function openRebaseReport(report: RebaseReport): void {
  const groups = groupRebase(report);
  const content: Node[] = [
    h("p", { class: "dialog-message" }, `From ${report.from} to ${report.to}: ${report.proposals.length} ${report.proposals.length === 1 ? "proposal" : "proposals"}.`),
  ];
  for (const g of groups) {
    content.push(
      h(
        "section",
        { class: `rebase-group outcome-${g.outcome}`, "data-testid": "rebase-group", "data-outcome": g.outcome },
        h("h3", null, `${OUTCOME_TITLES[g.outcome].title} (${g.items.length})`),
        h("p", { class: "field-hint" }, OUTCOME_TITLES[g.outcome].note),
        h("ul", null, ...g.items.map((r) => h("li", { "data-testid": "rebase-item", "data-id": r.proposalId }, h("strong", null, movedLabel(r)), ` · ${KIND_LABELS[r.kind] ?? r.kind}`))),
      ),
    );
  }
  if (groups.length === 0) content.push(h("p", { class: "muted" }, "There were no proposals to move."));
  const modal = openModal({ title: "Proposals on the revised draft", content: [h("div", { class: "rebase-report", "data-testid": "rebase-report" }, ...content)], submitLabel: "Close", submitTestId: "rebase-close", onSubmit: () => null });
  modal.root.querySelector<HTMLButtonElement>(".dialog-actions .button:not([type=submit])")?.remove();
}
