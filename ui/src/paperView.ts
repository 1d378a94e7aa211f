// The paper view: header (title, metadata, status, save state), the section list,
// the section editor with its guidance, and the live preview.
import * as api from "./api";
import type { Framework, Paper, PaperPatch, Section, SectionPatch } from "./api";
import type { Autosave, SaveState } from "./autosave";
import { openConfirmDialog, openNewSectionDialog } from "./dialogs";
import { h, options, replaceChildren, uid } from "./dom";
import { SectionEditor } from "./editor";
import { countWords, formatCount, formatDateTime, readingTime, statusLabel, templateName } from "./format";
import { Preview } from "./preview";
import { debounce } from "./timing";

export type Patch = PaperPatch & SectionPatch;

export const paperKey = (id: number) => `paper:${id}`;
export const sectionKey = (id: number) => `section:${id}`;

export interface PaperViewHost {
  framework: Framework | null;
  autosave: Autosave<Patch>;
  /** The paper's fields changed locally (title, delegation, ...): the list shows them. */
  paperEdited(paper: Paper): void;
  paperDeleted(id: number): void;
}

export class PaperView {
  readonly root: HTMLElement;
  readonly paper: Paper;
  private sections: Section[];
  private selectedId: number | null = null;

  private readonly editor: SectionEditor;
  private readonly preview: Preview;
  private readonly saveStatus: HTMLElement;
  private readonly metaLine: HTMLElement;
  private readonly wordCount: HTMLElement;
  private readonly sectionList: HTMLElement;
  private readonly editorColumn: HTMLElement;
  private readonly editorHost: HTMLElement;
  private readonly sectionHeader: HTMLElement;
  private readonly guidance: HTMLElement;
  private readonly noSections: HTMLElement;
  private readonly previewEl: HTMLElement;
  private readonly titleInput: HTMLInputElement;
  private readonly updateWordCount = debounce(() => this.renderWordCount(), 300);

  constructor(
    opened: api.OpenedPaper,
    private readonly host: PaperViewHost,
  ) {
    this.paper = { ...opened.paper };
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
    this.wordCount = h("span", { class: "word-count", "data-testid": "word-count" });
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

    const header = h(
      "header",
      { class: "paper-header" },
      h("div", { class: "paper-header-row" }, this.titleInput, this.saveStatus),
      h("div", { class: "paper-header-row secondary" }, this.metaLine, h("span", { class: "spacer" }), this.wordCount, status, detailsToggle),
      details,
    );

    this.sectionList = h("ol", { class: "section-list", "aria-label": "Sections" });
    const sectionsNav = h(
      "nav",
      { class: "sections-pane" },
      h(
        "div",
        { class: "pane-title" },
        h("span", null, "Sections"),
        h("button", { type: "button", class: "button small", "data-testid": "add-section", title: "Add a section after the selected one", onclick: () => this.addSection() }, "+ Section"),
      ),
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
    this.editorColumn = h("section", { class: "editor-pane" }, this.sectionHeader, this.guidance, this.editorHost, this.noSections);

    this.previewEl = h("article", { class: "preview", "data-testid": "preview", "aria-label": "Preview" });
    const previewPane = h("section", { class: "preview-pane" }, h("div", { class: "pane-title" }, h("span", null, "Preview")), this.previewEl);

    this.root = h("div", { class: "paper-view" }, header, h("div", { class: "paper-body" }, sectionsNav, this.editorColumn, previewPane));

    this.editor = new SectionEditor(this.editorHost, { onChange: (id, text) => this.bodyEdited(id, text) });
    this.preview = new Preview(this.previewEl, api.renderMarkdown);

    this.applyLanguage();
    this.renderMeta();
    this.renderSections();
    this.renderWordCount();
    this.setSaveState(host.autosave.state);
    this.select(this.sections[0]?.id ?? null);
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
  }

  /** A save went through: keep the store's timestamps (the text here may be newer). */
  saved(result: Paper | Section): void {
    if ("paperId" in result) {
      const section = this.sections.find((s) => s.id === result.id);
      if (section) section.updatedAt = result.updatedAt;
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

  destroy(): void {
    this.updateWordCount.cancel();
    this.preview.clear();
    this.editor.destroy();
    this.root.remove();
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
      this.renderWordCount();
    });
    const process = h(
      "select",
      { value: this.paper.process ?? "", "data-testid": "paper-process-select" },
      ...options((fw?.processes ?? []).map((p) => ({ value: p.id, label: p.short || p.name })), "None"),
    );
    process.addEventListener("change", () => this.editPaper({ process: process.value }));
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

  private renderWordCount(): void {
    const words = this.sections.reduce((n, s) => n + countWords(s.body, this.paper.language), 0);
    const template = this.host.framework?.templates.find((t) => t.id === this.paper.kind);
    let text = `${formatCount(words)} ${words === 1 ? "word" : "words"}`;
    if (template?.wordLimit) text += ` of ${formatCount(template.wordLimit)}`;
    if (template?.readingTime) text += ` · about ${readingTime(words)} spoken`;
    this.wordCount.textContent = text;
    this.wordCount.classList.toggle("over", Boolean(template?.wordLimit && words > template.wordLimit));
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
    const pillars = this.host.framework?.pillars ?? [];
    replaceChildren(
      this.sectionList,
      ...this.sections.map((section) => {
        const pillar = pillars.find((p) => p.id === section.pillar);
        const progress = sectionProgress(section);
        const item = h(
          "button",
          {
            type: "button",
            class: `section-item level-${section.level === 2 ? 2 : 1}`,
            "data-testid": "section-item",
            "data-section-id": section.id,
            "aria-current": section.id === this.selectedId ? "true" : null,
            "data-progress": progress,
            onclick: () => this.select(section.id),
          },
          h("span", { class: `progress progress-${progress}`, title: PROGRESS_LABELS[progress], "aria-label": PROGRESS_LABELS[progress] }),
          h(
            "span",
            { class: "section-text" },
            h("span", { class: "section-heading" }, section.heading?.trim() || "Untitled section"),
            pillar ? h("span", { class: "tag", title: pillar.name }, pillar.short || pillar.name) : null,
          ),
        );
        return h("li", null, item);
      }),
    );
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
    void this.preview.renderNow(section.heading, section.body);
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
      this.preview.update(section.heading, section.body);
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
    this.preview.update(section.heading, text);
    this.updateWordCount();
  }

  private addSection(): void {
    openNewSectionDialog(this.host.framework?.pillars ?? [], async (heading, pillar) => {
      const after = this.selectedId ?? this.sections[this.sections.length - 1]?.id;
      const section = await api.addSection({ paperId: this.paper.id, heading, pillar, after });
      const index = this.sections.findIndex((s) => s.id === after);
      this.sections.splice(index === -1 ? this.sections.length : index + 1, 0, section);
      this.select(section.id);
      this.editor.focus();
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
      this.selectedId = null;
      this.select(this.sections[Math.min(index, this.sections.length - 1)]?.id ?? null);
      this.renderWordCount();
    });
  }
}

type Progress = "empty" | "drafted" | "reviewed";

const PROGRESS_LABELS: Record<Progress, string> = { empty: "Not started", drafted: "Drafted", reviewed: "Reviewed" };

/** As the core marks it: reviewed wins; otherwise drafted once the body has text. */
export function sectionProgress(section: Pick<Section, "reviewed" | "body">): Progress {
  if (section.reviewed) return "reviewed";
  return section.body.trim() === "" ? "empty" : "drafted";
}

function labelled(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || uid("detail");
  control.id = id;
  return h("div", { class: "field compact" }, h("label", { for: id }, label), control);
}
