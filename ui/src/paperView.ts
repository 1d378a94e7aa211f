// The paper view: header (title, metadata, status, save state, view switch), and the
// main area: the text (sections grouped by pillar, the editor with its guidance, the
// live preview), the checklist, or a comparison of two versions; the history panel
// opens beside it.
import type { StateEffect } from "@codemirror/state";
import * as api from "./api";
import type { Change, ChecklistEntry, Framework, Paper, PaperPatch, Section, Version } from "./api";
import type { Autosave, SaveState } from "./autosave";
import { bracketRange, CheckPanel, checkMarks, quotationRange } from "./check";
import { ChecklistView } from "./checklist";
import { openConfirmDialog, openNewSectionDialog } from "./dialogs";
import { openSubmissionDialog } from "./submission";
import { reviewExtensions, setCheckMarks, setNoteMarks, type ReferenceSource } from "./editorMarks";
import { noteRanges, openNoteDialog, ReviewPanel, selectionQuote } from "./review";
import { h, options, replaceChildren, uid } from "./dom";
import { SectionEditor, SHORTCUT_HELP } from "./editor";
import { formatDateTime, statusLabel, templateName, wordCountLine } from "./format";
import { openWordLimitDialog, wordCountTitle } from "./wordLimit";
import { DiffView, HistoryPanel } from "./history";
import { endOfParagraph } from "./markdownEdits";
import { renderOutline, sectionProgress } from "./outline";
import { paperKey, sectionKey, type Patch } from "./patches";
import { Preview, type PreviewPart } from "./preview";
import { ProposalsView } from "./proposals";
import { ScrollFollower } from "./scrollSync";
import { debounce } from "./timing";

export { actionKey, paperKey, sectionKey, type Patch } from "./patches";

export const WORD_COUNT_DELAY_MS = 300;

export type PaperMode = "text" | "checklist" | "proposals" | "diff";

/** Where the choice of one section at a time or the whole paper is remembered. */
export const WHOLE_PAPER_KEY = "chancery.wholePaper";

function previewPart(s: Section): PreviewPart {
  return { id: s.id, heading: s.heading, body: s.body };
}

export interface PaperViewHost {
  framework: Framework | null;
  autosave: Autosave<Patch>;
  /** The paper's fields changed locally (title, delegation, ...): the list shows them. */
  paperEdited(paper: Paper): void;
  paperDeleted(id: number): void;
  /** Opens the paper again from the store (after a restore), with the history open if asked. */
  reloadPaper(id: number, options?: { history?: boolean }): Promise<void>;
  /** Focus mode: only the editor. */
  toggleFocus(): void;
  showError(message: string): void;
  now(): Date;
  /** The profile notes are written as; asks for one the first time. Null when the user declines. */
  ensureProfile?(): Promise<api.Person | null>;
  /** Symbols and paragraphs of the library (cached), for completion and hover. */
  references?: ReferenceSource;
}

/** The paper's text as one markdown document (headings and bodies), for the core's word count. */
export function paperText(sections: Pick<Section, "heading" | "level" | "body">[]): string {
  const blocks: string[] = [];
  for (const s of sections) {
    if (s.heading?.trim()) blocks.push("#".repeat(s.level === 1 ? 1 : 2) + " " + s.heading.trim());
    if (s.body.trim()) blocks.push(s.body);
  }
  return blocks.join("\n\n");
}

export class PaperView {
  readonly root: HTMLElement;
  readonly paper: Paper;
  private sections: Section[];
  private selectedId: number | null = null;

  private readonly editor: SectionEditor;
  private readonly preview: Preview;
  private readonly follower: ScrollFollower;
  private readonly wholeButton: HTMLButtonElement;
  private readonly saveStatus: HTMLElement;
  private readonly metaLine: HTMLElement;
  private readonly wordCount: HTMLButtonElement;
  /** The word limit that applies: the paper's own, else its kind's. */
  private limit: api.AppliedLimit | null;
  private readonly sectionList: HTMLElement;
  private readonly sectionsSummary: HTMLElement;
  private readonly paperBody: HTMLElement;
  private readonly altView: HTMLElement;
  private readonly mainArea: HTMLElement;
  private readonly tabs: Record<"text" | "checklist" | "proposals", HTMLButtonElement>;
  private proposalsView: ProposalsView | null = null;
  private readonly historyButton: HTMLButtonElement;
  private mode: PaperMode = "text";
  private checklistView: ChecklistView | null = null;
  private historyPanel: HistoryPanel | null = null;
  /** The paper's review notes (all of them), for the highlights and the panel. */
  private notes: api.Annotation[] = [];
  private reviewPanel: ReviewPanel | null = null;
  private checkPanel: CheckPanel | null = null;
  private lastCheck: api.CheckReport | null = null;
  private readonly notesButton: HTMLButtonElement;
  private readonly checkButton: HTMLButtonElement;
  private readonly previewPane: HTMLElement;
  /** After a save the core has moved the anchors: fetch the notes again. */
  private readonly refreshNotes = debounce(() => void this.loadNotes(), 400);
  private wordTicket = 0;
  private readonly editorColumn: HTMLElement;
  private readonly editorHost: HTMLElement;
  private readonly sectionHeader: HTMLElement;
  private readonly guidance: HTMLElement;
  private readonly noSections: HTMLElement;
  private readonly previewEl: HTMLElement;
  private readonly titleInput: HTMLInputElement;
  private readonly updateWordCount = debounce(() => void this.renderWordCount(), WORD_COUNT_DELAY_MS);
  /** An open history follows the saves: each save may make or extend a version. */
  private readonly refreshHistory = debounce(() => this.historyPanel?.refresh(), 800);

  constructor(
    opened: api.OpenedPaper,
    private readonly host: PaperViewHost,
  ) {
    this.paper = { ...opened.paper };
    this.limit = opened.limit;
    // Text that could not be saved yet wins over what the store has.
    this.sections = opened.sections.map((s) => ({ ...s, ...this.unsaved(sectionKey(s.id)) }));
    Object.assign(this.paper, this.unsaved(paperKey(this.paper.id)));

    this.titleInput = h("input", {
      class: "title-input",
      type: "text",
      "aria-label": "Title",
      "data-testid": "paper-title-input",
      value: this.paper.title,
      oninput: () => this.titleEdited(),
    });
    this.saveStatus = h("span", { class: "save-status", "data-testid": "save-status", role: "status", "aria-live": "polite" });
    this.metaLine = h("span", { class: "paper-meta" });
    this.wordCount = h("button", { type: "button", class: "word-count", "data-testid": "word-count", onclick: () => this.editWordLimit() });
    const status = h(
      "select",
      { class: "status-select", "aria-label": "Status", "data-testid": "paper-status", value: this.paper.status, onchange: (e: Event) => {
        const value = (e.target as HTMLSelectElement).value as api.PaperStatus;
        this.editPaper({ status: value });
        void this.host.autosave.flush();
      } },
      ...options(api.PAPER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))),
    );
    const details = this.buildDetails();
    const detailsToggle = h("button", { type: "button", class: "button small", "aria-expanded": "false", "data-testid": "paper-details-toggle" }, "Details");
    detailsToggle.addEventListener("click", () => {
      details.hidden = !details.hidden;
      detailsToggle.setAttribute("aria-expanded", String(!details.hidden));
    });

    const tab = (mode: "text" | "checklist" | "proposals", label: string, title: string) =>
      h("button", { type: "button", role: "tab", class: "view-tab", "data-testid": `view-${mode}`, title, "aria-selected": "false", onclick: () => void this.setMode(mode) }, label);
    this.tabs = {
      text: tab("text", "Text", "The paper's sections and text"),
      checklist: tab("checklist", "Checklist", "The Voluntary Checklist of Practical Actions for this paper"),
      proposals: tab("proposals", "Proposals", "Your proposals on the Chair's draft, paragraph by paragraph"),
    };
    // Only a paper on a Chair's draft has proposals; the tab shows once the core says so.
    this.tabs.proposals.hidden = true;
    this.historyButton = h("button", { type: "button", class: "button small", "data-testid": "history-toggle", "aria-pressed": "false", title: "Versions of this paper: name, compare, restore", onclick: () => this.toggleHistory() }, "History");
    this.notesButton = h("button", { type: "button", class: "button small", "data-testid": "notes-toggle", "aria-pressed": "false", title: "Review notes on this paper (they never go into the submission)", onclick: () => this.toggleNotes() }, "Notes");
    this.checkButton = h("button", { type: "button", class: "button small", "data-testid": "check-run", "aria-pressed": "false", title: "Check references and quotations against the library", onclick: () => void this.runCheck() }, "Check");
    const exportButton = h("button", { type: "button", class: "button small", "data-testid": "export-pdf", title: "Check the paper for submission, then export it as PDF or Word (without notes)", onclick: () => this.exportPaper() }, "Export…");
    const focus = h("button", { type: "button", class: "button small", "data-testid": "focus-toggle", title: "Focus: only the text (F11 or Ctrl+Shift+F)", onclick: () => this.host.toggleFocus() }, "Focus");
    this.wholeButton = h("button", { type: "button", class: "button small", "data-testid": "whole-paper-toggle", "aria-pressed": "false", title: "The whole paper as one scrolling document, or one section at a time", onclick: () => this.setWhole(!this.editor.whole) }, "Whole paper");

    const header = h(
      "header",
      { class: "paper-header" },
      h(
        "div",
        { class: "paper-header-row" },
        this.titleInput,
        this.saveStatus,
        h("div", { class: "view-tabs", role: "tablist", "aria-label": "View" }, this.tabs.text, this.tabs.checklist, this.tabs.proposals),
        this.notesButton,
        this.checkButton,
        this.historyButton,
        exportButton,
      ),
      h("div", { class: "paper-header-row secondary" }, this.metaLine, h("span", { class: "spacer" }), this.wordCount, status, this.wholeButton, focus, detailsToggle),
      details,
    );

    this.sectionsSummary = h("div", { class: "sections-summary" });
    this.sectionList = h("ol", { class: "section-list", "aria-label": "Sections" });
    const sectionsNav = h(
      "nav",
      { class: "sections-pane", "aria-label": "Sections" },
      h(
        "div",
        { class: "pane-title" },
        h("span", null, "Sections"),
        h("button", { type: "button", class: "button small", "data-testid": "add-section", title: "Add a section after the selected one", onclick: () => this.addSection() }, "+ Section"),
      ),
      this.sectionsSummary,
      this.sectionList,
    );

    this.sectionHeader = h("div", { class: "section-header" });
    this.guidance = h("aside", { class: "guidance", "aria-label": "Guidance", hidden: true });
    this.editorHost = h("div", { class: "editor", "data-testid": "section-editor" });
    this.noSections = h(
      "div",
      { class: "empty-state", hidden: true },
      h("p", null, "This paper has no sections yet."),
      h("p", { class: "muted" }, "Add one with + Section."),
    );
    const focusExit = h("button", { type: "button", class: "button small focus-exit", "data-testid": "focus-exit", title: "Leave focus mode (F11)", onclick: () => this.host.toggleFocus() }, "Exit focus");
    this.editorColumn = h("section", { class: "editor-pane" }, focusExit, this.sectionHeader, this.guidance, this.editorHost, this.noSections);

    this.previewEl = h("article", { class: "preview", "data-testid": "preview", "aria-label": "Preview" });
    this.previewPane = h("section", { class: "preview-pane" }, h("div", { class: "pane-title" }, h("span", null, "Preview")), this.previewEl);

    this.paperBody = h("div", { class: "paper-body" }, sectionsNav, this.editorColumn, this.previewPane);
    this.altView = h("div", { class: "alt-view", hidden: true });
    this.mainArea = h("div", { class: "paper-main" }, this.paperBody, this.altView);
    this.root = h("div", { class: "paper-view" }, header, this.mainArea);

    this.editor = new SectionEditor(this.editorHost, {
      onChange: (id, text) => this.bodyEdited(id, text),
      extensions: reviewExtensions(host.references ?? null),
      onAddNote: () => void this.addNote(),
      onMove: (id, line, how) => this.follower.follow(id, line, how),
      onEnterSection: (id) => this.select(id),
    });
    this.preview = new Preview(this.previewEl, api.renderMarkdown);
    this.follower = new ScrollFollower(this.previewEl, (id) => this.preview.section(id));

    this.applyLanguage();
    this.renderMeta();
    this.renderSections();
    void this.renderWordCount();
    this.setSaveState(host.autosave.state);
    this.renderTabs();
    this.select(this.sections[0]?.id ?? null);
    if (localStorage.getItem(WHOLE_PAPER_KEY) === "true") this.setWhole(true);
    void this.loadNotes();
    void this.loadBase();
  }

  /** Shows the Proposals tab when the paper answers a Chair's draft. */
  private async loadBase(): Promise<void> {
    if (this.paper.kind !== "comments") return;
    try {
      const base = await api.paperBase(this.paper.id);
      this.tabs.proposals.hidden = base === null;
    } catch {
      this.tabs.proposals.hidden = true;
    }
  }

  // ------------------------------------------------------------ public

  setSaveState(state: SaveState): void {
    this.saveStatus.classList.toggle("error", state.kind === "error");
    this.saveStatus.classList.toggle("busy", state.kind === "saving");
    if (state.kind === "saved") {
      this.saveStatus.textContent = "Saved";
      this.saveStatus.title = "Last change " + formatDateTime(this.paper.updatedAt);
    } else if (state.kind === "saving") {
      this.saveStatus.textContent = "Saving…";
      this.saveStatus.title = "";
    } else {
      this.saveStatus.textContent = "Not saved: " + state.message;
      this.saveStatus.title = "Your text is kept. It is saved again with your next change, or now with Ctrl+S.";
    }
    this.checklistView?.setSaveState(state);
    if (state.kind === "saved" && this.historyPanel) this.refreshHistory();
  }

  /** A save went through: keep the store's timestamps (the text here may be newer). */
  saved(result: Paper | Section | ChecklistEntry): void {
    if ("action" in result) {
      this.checklistView?.saved(result);
    } else if ("paperId" in result) {
      const section = this.sections.find((s) => s.id === result.id);
      if (section) section.updatedAt = result.updatedAt;
      // The core re-anchors the notes at every save of a section's text.
      if (this.notes.some((n) => n.sectionId === result.id)) this.refreshNotes();
      if (result.updatedAt > this.paper.updatedAt) this.paper.updatedAt = result.updatedAt;
    } else {
      this.paper.updatedAt = result.updatedAt;
    }
  }

  focusEditor(): void {
    this.editor.focus();
  }

  get selectedSection(): Section | null {
    return this.sections.find((s) => s.id === this.selectedId) ?? null;
  }

  get currentMode(): PaperMode {
    return this.mode;
  }

  /** Focus mode shows only the editor: leave the checklist or comparison for the text. */
  focusModeChanged(on: boolean): void {
    if (on && this.mode !== "text") void this.setMode("text");
    if (on) this.editor.focus();
  }

  /** Switches the main area between the text, the checklist and a comparison. */
  async setMode(mode: PaperMode): Promise<void> {
    if (mode === "checklist" && this.mode !== "checklist") {
      this.checklistView = new ChecklistView({
        paperId: this.paper.id,
        framework: this.host.framework,
        autosave: this.host.autosave,
        sectionName: (id) => {
          const section = this.sections.find((s) => s.id === id);
          return section ? section.heading?.trim() || "Untitled section" : null;
        },
        report: (action) => this.reportOnAction(action),
        showError: (message) => this.host.showError(message),
      });
      replaceChildren(this.altView, this.checklistView.root);
    } else if (mode === "proposals" && this.mode !== "proposals") {
      this.checklistView = null;
      this.proposalsView = new ProposalsView({
        paperId: this.paper.id,
        delegation: () => this.paper.delegation,
        showError: (message) => this.host.showError(message),
      });
      replaceChildren(this.altView, this.proposalsView.root);
    } else if (mode === "text") {
      this.checklistView = null;
    }
    if (mode !== "proposals") this.proposalsView = null;
    this.mode = mode;
    this.paperBody.hidden = mode !== "text";
    this.altView.hidden = mode === "text";
    if (mode === "text") replaceChildren(this.altView);
    this.renderTabs();
    if (mode === "checklist" && this.checklistView) await this.checklistView.load();
    if (mode === "proposals" && this.proposalsView) await this.proposalsView.load();
  }

  /** Opens or closes the history panel beside the main area. */
  toggleHistory(): void {
    if (this.historyPanel) this.closeHistory();
    else void this.openHistory();
  }

  async openHistory(): Promise<void> {
    if (this.historyPanel) return this.historyPanel.load();
    this.historyPanel = new HistoryPanel({
      paperId: this.paper.id,
      flush: () => this.host.autosave.flush(),
      compare: (from, to, changes) => this.showComparison(from, to, changes),
      restored: () => this.host.reloadPaper(this.paper.id, { history: true }),
      close: () => this.closeHistory(),
      now: () => this.host.now(),
    });
    this.mainArea.append(this.historyPanel.root);
    this.historyButton.setAttribute("aria-pressed", "true");
    await this.historyPanel.load();
  }

  closeHistory(): void {
    this.historyPanel?.root.remove();
    this.historyPanel = null;
    this.historyButton.setAttribute("aria-pressed", "false");
  }

  get historyOpen(): boolean {
    return this.historyPanel !== null;
  }

  destroy(): void {
    this.updateWordCount.cancel();
    this.refreshNotes.cancel();
    this.refreshHistory.cancel();
    this.wordTicket += 1;
    this.preview.clear();
    this.editor.destroy();
    this.root.remove();
  }

  // ------------------------------------------------------------ review, check, export

  /** The right-hand column: the preview, or the notes or check panel in its place. */
  private showSide(panel: HTMLElement | null): void {
    this.reviewPanel?.root.remove();
    this.checkPanel?.root.remove();
    this.previewPane.hidden = panel !== null;
    if (panel) this.paperBody.append(panel);
    this.notesButton.setAttribute("aria-pressed", String(panel !== null && panel === this.reviewPanel?.root));
    this.checkButton.setAttribute("aria-pressed", String(panel !== null && panel === this.checkPanel?.root));
  }

  toggleNotes(): void {
    if (this.reviewPanel?.root.isConnected) return this.closeNotes();
    void this.openNotes();
  }

  get notesOpen(): boolean {
    return this.reviewPanel?.root.isConnected ?? false;
  }

  async openNotes(): Promise<void> {
    if (this.mode !== "text") await this.setMode("text");
    this.reviewPanel ??= new ReviewPanel(
      {
        paperId: this.paper.id,
        sections: () => this.sections,
        selectedSectionId: () => this.selectedId,
        jump: (note) => {
          if (note.sectionId !== null && note.range) this.jumpTo(note.sectionId, note.range[0], note.range[1]);
        },
        changed: (notes) => {
          this.notes = notes;
          this.applyMarks();
        },
        accepted: (note) => this.proposalAccepted(note),
        close: () => this.closeNotes(),
        now: () => this.host.now(),
      },
      this.host.framework,
    );
    this.reviewPanel.notes = this.notes;
    this.showSide(this.reviewPanel.root);
    await this.reviewPanel.load();
  }

  closeNotes(): void {
    this.showSide(null);
  }

  /** Fetches the notes (their ranges follow the latest saved text) and redraws the highlights. */
  async loadNotes(): Promise<void> {
    if (this.reviewPanel?.root.isConnected) return this.reviewPanel.load();
    try {
      this.notes = await api.annotations(this.paper.id);
    } catch {
      return; // the highlights stay as they were; the panel shows the error when opened
    }
    if (this.reviewPanel) this.reviewPanel.notes = this.notes;
    this.applyMarks();
  }

  /** Note highlights and check marks for the open section. */
  private applyMarks(): void {
    for (const [id, view] of this.editor.sectionViews()) {
      const text = view.state.doc.toString();
      const effects: StateEffect<unknown>[] = [setNoteMarks.of(noteRanges(this.notes, id, text.length))];
      // The check's spans hold for the text it ran on; once the section is edited they are dropped.
      const checked = this.lastCheck && this.checkedBodies.get(id) === text ? checkMarks(this.lastCheck, id, text) : [];
      effects.push(setCheckMarks.of(checked));
      view.dispatch({ effects });
    }
  }

  /** One section at a time, or the whole paper as one scrolling document (remembered). */
  setWhole(on: boolean): void {
    localStorage.setItem(WHOLE_PAPER_KEY, String(on));
    this.wholeButton.setAttribute("aria-pressed", String(on));
    if (on) {
      this.editor.showWhole(this.sections);
      void this.preview.show(this.sections.map(previewPart));
    } else {
      this.editor.showSingle();
      const section = this.selectedSection;
      void this.preview.show(section ? [previewPart(section)] : []);
    }
    this.applyMarks();
  }

  /** Sections were added, removed or replaced: the whole paper shows them as they are now. */
  private refreshWhole(): void {
    if (this.editor.whole) this.setWhole(true);
  }

  private readonly checkedBodies = new Map<number, string>();

  /** Selects a section and the words [from, to) of its text. */
  private jumpTo(sectionId: number, from: number, to: number): void {
    if (this.mode !== "text") void this.setMode("text");
    this.select(sectionId);
    this.editor.selectRange(from, to);
    this.editor.focus();
  }

  /** A note on the selected words (Ctrl+Alt+M or Add note). */
  async addNote(): Promise<void> {
    const section = this.selectedSection;
    if (!section || document.querySelector(".overlay")) return;
    const { from, to } = this.editor.selection;
    const quoted = selectionQuote(this.editor.text, from, to);
    if (!quoted) {
      this.host.showError("Select the words the note is about, then choose Add note (Ctrl+Alt+M).");
      return;
    }
    if (this.host.ensureProfile && !(await this.host.ensureProfile())) return;
    // The core anchors on the saved text: save first.
    if (!(await this.host.autosave.flush())) {
      this.host.showError("The section is not saved yet, so the note cannot be anchored; try again once it is.");
      return;
    }
    openNoteDialog(quoted.quote, async (kind, body, proposal) => {
      const note = await api.annotate(this.paper.id, { sectionId: section.id, quote: quoted.quote, occurrence: quoted.occurrence, kind, body, proposal });
      this.notes = [...this.notes, note];
      if (!this.notesOpen) await this.openNotes();
      else await this.reviewPanel!.load();
      this.reviewPanel?.highlight(note.id);
      this.applyMarks();
    });
  }

  /** The proposal became the section's text in the store: show it. */
  private async proposalAccepted(note: api.Annotation): Promise<void> {
    if (note.sectionId === null) return;
    const opened = await api.openPaper(this.paper.id);
    const fresh = opened.sections.find((s) => s.id === note.sectionId);
    const section = this.sections.find((s) => s.id === note.sectionId);
    if (!fresh || !section) return;
    section.body = fresh.body;
    section.updatedAt = fresh.updatedAt;
    this.editor.forget(section.id);
    this.refreshWhole();
    if (this.selectedId === section.id) {
      this.selectedId = null;
      this.select(section.id);
    }
    void this.renderWordCount();
    await this.loadNotes();
  }

  /** Checks references and quotations against the library, and shows the report. */
  async runCheck(): Promise<void> {
    if (this.mode !== "text") await this.setMode("text");
    this.checkPanel ??= new CheckPanel({
      jump: (place, quotation) => {
        const section = this.sections.find((s) => s.id === place.sectionId);
        if (!section) return;
        const range = quotation ? quotationRange(section.body, place, quotation) : bracketRange(section.body, place);
        this.jumpTo(place.sectionId, range.from, range.to);
      },
      close: () => this.showSide(null),
    });
    this.showSide(this.checkPanel.root);
    if (!(await this.host.autosave.flush())) {
      this.checkPanel.showError("your latest changes are not saved yet; try again once they are");
      return;
    }
    try {
      this.lastCheck = await api.checkPaper(this.paper.id);
    } catch (e) {
      this.checkPanel.showError(api.toChanceryError(e).message);
      return;
    }
    this.checkedBodies.clear();
    for (const s of this.sections) this.checkedBodies.set(s.id, s.body);
    this.checkPanel.show(this.lastCheck);
    this.applyMarks();
  }

  /** Inserts text at the editor's cursor (from the library), when a section is open. */
  insertAtCursor(text: string): boolean {
    if (this.mode !== "text") void this.setMode("text");
    if (!this.selectedSection) return false;
    this.editor.insertAtCursor(text);
    this.editor.focus();
    return true;
  }

  /** Export: the submission check first, then PDF or Word from the same dialog. */
  private exportPaper(): void {
    const id = this.paper.id;
    openSubmissionDialog({
      check: async (limit) => {
        if (!(await this.host.autosave.flush())) throw new Error("your latest changes are not saved yet; try again once they are");
        return api.submissionCheck(id, limit);
      },
      ready: async () => ((await this.host.autosave.flush()) ? null : "Your latest changes are not saved yet; try again once they are."),
      exportPdf: (choice) => api.exportPdf(id, choice),
      previewPages: (choice) => api.previewPages(id, choice),
      exportDocx: (choice, withComments) => api.exportDocx(id, choice, withComments),
      openSection: (sectionId) => this.jumpTo(sectionId, 0, 0),
    });
  }

  // ------------------------------------------------------------ paper

  private unsaved(key: string): Partial<Patch> {
    return this.host.autosave.unsaved(key) ?? {};
  }

  private editPaper(patch: PaperPatch): void {
    // The store clears a field given as ""; here it reads as null, as the store returns it.
    const local = Object.fromEntries(
      Object.entries(patch).map(([key, value]) => [key, value === "" && key !== "delegation" ? null : value]),
    );
    Object.assign(this.paper, local);
    this.host.autosave.change(paperKey(this.paper.id), patch);
    this.host.paperEdited(this.paper);
    this.renderMeta();
  }

  private titleEdited(): void {
    const title = this.titleInput.value.trim();
    if (title === "") {
      this.titleInput.setAttribute("aria-invalid", "true");
      this.titleInput.title = "A paper needs a title; an empty title is not saved.";
      return;
    }
    this.titleInput.removeAttribute("aria-invalid");
    this.titleInput.title = "";
    this.editPaper({ title });
  }

  private buildDetails(): HTMLElement {
    const fw = this.host.framework;
    const text = (label: string, key: "delegation" | "meeting" | "place", placeholder: string) => {
      const input = h("input", { type: "text", value: this.paper[key] ?? "", placeholder, "data-testid": `paper-${key}-input` });
      input.addEventListener("input", () => {
        const value = input.value.trim();
        this.editPaper({ [key]: value });
      });
      return labelled(label, input);
    };
    const language = h(
      "select",
      { value: this.paper.language, "data-testid": "paper-language-select" },
      ...options((fw?.languages ?? []).map((l) => ({ value: l.code, label: l.name }))),
    );
    if (!fw?.languages.some((l) => l.code === this.paper.language)) {
      language.prepend(h("option", { value: this.paper.language }, this.paper.language));
      language.value = this.paper.language;
    }
    language.addEventListener("change", () => {
      this.editPaper({ language: language.value });
      this.applyLanguage();
    });
    const process = h(
      "select",
      { value: this.paper.process ?? "", "data-testid": "paper-process-select" },
      ...options((fw?.processes ?? []).map((p) => ({ value: p.id, label: p.short || p.name })), "None"),
    );
    process.addEventListener("change", () => {
      this.editPaper({ process: process.value });
      // Pillars follow the process's order.
      this.renderSections();
    });
    const date = h("input", { type: "date", value: this.paper.date ?? "", "data-testid": "paper-date-input" });
    date.addEventListener("change", () => this.editPaper({ date: date.value }));
    const remove = h("button", { type: "button", class: "button danger-outline small", "data-testid": "delete-paper" }, "Delete paper…");
    remove.addEventListener("click", () => this.deletePaper());
    return h(
      "div",
      { class: "paper-details", hidden: true },
      text("Delegation", "delegation", "e.g. Italy"),
      labelled("Language", language),
      labelled("Process", process),
      text("Meeting", "meeting", "e.g. First plenary session"),
      labelled("Date", date),
      text("Place", "place", "e.g. New York"),
      h("div", { class: "details-actions" }, remove),
    );
  }

  private renderMeta(): void {
    const fw = this.host.framework;
    const process = fw?.processes.find((p) => p.id === this.paper.process);
    const language = fw?.languages.find((l) => l.code === this.paper.language);
    const parts = [
      this.paper.delegation,
      templateName(fw, this.paper.kind),
      language?.name ?? this.paper.language,
      process ? process.short || process.name : "",
    ].filter((p) => p && p.trim() !== "");
    this.metaLine.textContent = parts.join(" · ");
  }

  private applyLanguage(): void {
    const rtl = this.host.framework?.languages.find((l) => l.code === this.paper.language)?.rtl ?? false;
    for (const el of [this.editorHost, this.previewEl]) {
      el.lang = this.paper.language;
      el.dir = rtl ? "rtl" : "ltr";
    }
  }

  /** Asks the core for the count (the one the exports use); a late answer to an older text is dropped. */
  private async renderWordCount(): Promise<void> {
    const ticket = ++this.wordTicket;
    let count: api.WordCount;
    try {
      count = await api.countWords(paperText(this.sections));
    } catch (e) {
      if (ticket === this.wordTicket) this.wordCount.title = "Words could not be counted: " + api.toChanceryError(e).message;
      return;
    }
    if (ticket !== this.wordTicket) return;
    const template = this.host.framework?.templates.find((t) => t.id === this.paper.kind);
    const limit = this.limit?.words ?? 0;
    this.wordCount.textContent = wordCountLine(count.words, limit, template?.readingTime ? count.speakingSeconds : null);
    this.wordCount.title = wordCountTitle(this.limit);
    this.wordCount.classList.toggle("over", limit > 0 && count.words > limit);
  }

  /** "Word limit for this paper", from the word count. */
  private editWordLimit(): void {
    if (document.querySelector(".overlay")) return;
    const kindLimit = this.host.framework?.templates.find((t) => t.id === this.paper.kind)?.wordLimit ?? 0;
    openWordLimitDialog(this.paper.wordLimit, kindLimit, async (words) => {
      this.limit = await api.setWordLimit(this.paper.id, words);
      this.paper.wordLimit = words;
      void this.renderWordCount();
      if (this.historyPanel) this.refreshHistory();
    });
  }

  private deletePaper(): void {
    openConfirmDialog(
      "Delete paper",
      `Delete "${this.paper.title}" and all its sections? This cannot be undone.`,
      "Delete paper",
      async () => {
        await api.deletePaper(this.paper.id);
        this.host.autosave.discard(paperKey(this.paper.id));
        for (const s of this.sections) this.host.autosave.discard(sectionKey(s.id));
        this.host.paperDeleted(this.paper.id);
      },
    );
  }

  // ------------------------------------------------------------ sections

  private renderSections(): void {
    renderOutline(this.sectionsSummary, this.sectionList, {
      sections: this.sections,
      framework: this.host.framework,
      process: this.paper.process,
      selectedId: this.selectedId,
      onSelect: (id) => this.select(id),
    });
  }

  private renderTabs(): void {
    for (const [mode, tab] of Object.entries(this.tabs)) {
      const selected = mode === this.mode;
      tab.setAttribute("aria-selected", String(selected));
      tab.classList.toggle("selected", selected);
    }
  }

  private showComparison(from: Version, to: Version, changes: Change[]): void {
    const back = this.mode === "diff" ? "text" : this.mode;
    const view = new DiffView(from, to, changes, () => void this.setMode(back), this.host.now());
    this.checklistView = null;
    this.proposalsView = null;
    this.mode = "diff";
    replaceChildren(this.altView, view.root);
    this.paperBody.hidden = true;
    this.altView.hidden = false;
    this.renderTabs();
  }

  /** "Report in paper": the section that reports on the action, with the cursor at the end of its paragraph. */
  private async reportOnAction(action: string): Promise<void> {
    if (!(await this.host.autosave.flush())) {
      throw new api.ChanceryError("save", "your latest changes are not saved yet; try again once they are");
    }
    const section = await api.reportOnAction(this.paper.id, action);
    const index = this.sections.findIndex((s) => s.id === section.id);
    if (index === -1) {
      // A norms section made for the report: the core adds it at the end.
      this.sections.push(section);
    } else {
      this.sections[index] = section;
    }
    this.checklistView?.linked(action, section.id);
    await this.setMode("text");
    this.selectedId = null;
    this.select(section.id);
    const fw = this.host.framework;
    const norm = fw?.norms.find((n) => n.id === fw.actions.find((a) => a.id === action)?.norm);
    this.editor.placeCursor(norm ? endOfParagraph(section.body, `On norm ${norm.label} (`) : section.body.length);
    this.editor.focus();
    void this.renderWordCount();
  }

  private select(id: number | null): void {
    if (id !== null && id === this.selectedId) return;
    // Save what was typed in the section being left before showing another.
    if (this.selectedId !== null && this.host.autosave.dirty) void this.host.autosave.flush();
    this.selectedId = id;
    const section = this.selectedSection;
    this.renderSections();
    this.noSections.hidden = this.sections.length > 0;
    this.editorHost.hidden = section === null;
    this.sectionHeader.hidden = section === null;
    if (!section) {
      this.guidance.hidden = true;
      this.preview.clear();
      return;
    }
    this.renderSectionHeader(section);
    this.renderGuidance(section);
    this.editor.show(section.id, section.body);
    this.applyMarks();
    this.reviewPanel?.sectionChanged();
    // The whole paper's preview already shows every section.
    if (!this.editor.whole) void this.preview.show([previewPart(section)]);
  }

  private renderSectionHeader(section: Section): void {
    const fw = this.host.framework;
    const heading = h("input", {
      type: "text",
      class: "section-heading-input",
      "aria-label": "Section heading",
      "data-testid": "section-heading-input",
      placeholder: "Heading",
      value: section.heading ?? "",
    });
    heading.addEventListener("input", () => {
      section.heading = heading.value;
      this.host.autosave.change(sectionKey(section.id), { heading: heading.value });
      this.renderSections();
      this.editor.headingChanged(section.id, section.heading);
      void this.preview.update(previewPart(section));
      this.updateWordCount();
    });
    const pillarId = uid("pillar");
    const pillar = h(
      "select",
      { id: pillarId, value: section.pillar ?? "", "data-testid": "section-pillar-select" },
      ...options((fw?.pillars ?? []).map((p) => ({ value: p.id, label: p.name })), "No pillar"),
    );
    pillar.addEventListener("change", () => {
      section.pillar = pillar.value || null;
      this.host.autosave.change(sectionKey(section.id), { pillar: section.pillar });
      this.renderSections();
    });
    const reviewed = h("input", { type: "checkbox", checked: section.reviewed, "data-testid": "section-reviewed" });
    reviewed.addEventListener("change", () => {
      section.reviewed = reviewed.checked;
      this.host.autosave.change(sectionKey(section.id), { reviewed: section.reviewed });
      this.renderSections();
    });
    const part = fw?.sectionKinds.find((k) => k.id === section.part);
    const remove = h("button", { type: "button", class: "button small danger-outline", "data-testid": "delete-section", title: "Delete this section" }, "Delete");
    remove.addEventListener("click", () => this.deleteSection(section));
    const addNote = h("button", { type: "button", class: "button small", "data-testid": "add-note", title: "A review note on the selected words (Ctrl+Alt+M)", onmousedown: (e: Event) => e.preventDefault(), onclick: () => void this.addNote() }, "Add note");
    replaceChildren(
      this.sectionHeader,
      h("div", { class: "section-header-row" }, heading, remove),
      h(
        "div",
        { class: "section-header-row" },
        part ? h("span", { class: "tag muted", title: "Part of the paper" }, part.name) : null,
        h("label", { class: "visually-hidden", for: pillarId }, "Pillar"),
        pillar,
        h("label", { class: "check", title: "Mark the section as reviewed" }, reviewed, "Reviewed"),
        h("span", { class: "spacer" }),
        addNote,
        h("span", { class: "shortcuts-hint", tabindex: 0, title: SHORTCUT_HELP, "aria-label": "Shortcuts: " + SHORTCUT_HELP }, "Shortcuts"),
      ),
    );
  }

  private renderGuidance(section: Section): void {
    this.guidance.hidden = section.prompts.length === 0;
    replaceChildren(
      this.guidance,
      h("details", { open: true }, h("summary", null, h("span", null, "Guidance"), h("span", { class: "muted" }, " (not part of the text)")), h("ul", null, ...section.prompts.map((p) => h("li", null, p)))),
    );
  }

  private bodyEdited(id: number, text: string): void {
    const section = this.sections.find((s) => s.id === id);
    if (!section) return;
    const before = sectionProgress(section);
    section.body = text;
    if (sectionProgress(section) !== before) this.renderSections();
    this.host.autosave.change(sectionKey(id), { body: text });
    void this.preview.update(previewPart(section));
    this.updateWordCount();
  }

  private addSection(): void {
    openNewSectionDialog(this.host.framework?.pillars ?? [], async (heading, pillar) => {
      const after = this.selectedId ?? this.sections[this.sections.length - 1]?.id;
      const section = await api.addSection({ paperId: this.paper.id, heading, pillar, after });
      const index = this.sections.findIndex((s) => s.id === after);
      this.sections.splice(index === -1 ? this.sections.length : index + 1, 0, section);
      this.refreshWhole();
      this.select(section.id);
      this.editor.focus();
      void this.renderWordCount();
    });
  }

  private deleteSection(section: Section): void {
    const name = section.heading?.trim() ? `"${section.heading.trim()}"` : "this untitled section";
    openConfirmDialog("Delete section", `Delete ${name} and its text? This cannot be undone.`, "Delete section", async () => {
      await api.deleteSection(section.id);
      this.host.autosave.discard(sectionKey(section.id));
      const index = this.sections.findIndex((s) => s.id === section.id);
      this.sections.splice(index, 1);
      this.editor.forget(section.id);
      this.refreshWhole();
      this.selectedId = null;
      this.select(this.sections[Math.min(index, this.sections.length - 1)]?.id ?? null);
      void this.renderWordCount();
    });
  }
}

function labelled(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || uid("detail");
  control.id = id;
  return h("div", { class: "field compact" }, h("label", { for: id }, label), control);
}
