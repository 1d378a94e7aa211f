// The window: sidebar with the papers, and the open paper. Owns the autosave
// controller, the keyboard shortcuts and the flushes on leaving.
import * as api from "./api";
import type { Framework, Paper, PaperSummary, Section } from "./api";
import { Autosave } from "./autosave";
import { saveAction } from "./checklist";
import { openNewPaperDialog } from "./dialogs";
import { h, replaceChildren } from "./dom";
import { formatDateTime, formatShortDate, paperMetaLine, statusLabel } from "./format";
import type { ReferenceSource } from "./editorMarks";
import { LibraryView } from "./library";
import { PaperView, type Patch } from "./paperView";
import { openProfileDialog, ROLE_LABELS } from "./review";
import { openStoreDialog } from "./storeDialog";
import { unlockScreen } from "./unlock";

export interface AppOptions {
  /** The clock, for relative dates in the list. */
  now?: () => Date;
}

export class App {
  framework: Framework | null = null;
  readonly autosave: Autosave<Patch>;
  private papers: PaperSummary[] = [];
  private view: PaperView | null = null;
  private opening = 0;
  private readonly now: () => Date;

  private readonly list: HTMLElement;
  private readonly listEmpty: HTMLElement;
  private readonly storePath: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly content: HTMLElement;
  private readonly welcome: HTMLElement;
  private readonly libraryButton: HTMLButtonElement;
  private readonly profileLine: HTMLElement;
  private library: LibraryView | null = null;
  private person: api.Person | null = null;
  private profileLoaded = false;
  /** Library documents and paragraphs, cached for completion and hover (dropped on import). */
  private symbolCache: Promise<{ symbol: string; title: string }[]> | null = null;
  private readonly paragraphCache = new Map<string, Promise<{ label: string; text: string }[]>>();
  readonly references: ReferenceSource = {
    symbols: () => {
      this.symbolCache ??= api.libraryDocuments().then((docs) => docs.map((d) => ({ symbol: d.symbol, title: d.shortTitle || d.title })));
      this.symbolCache.catch(() => (this.symbolCache = null));
      return this.symbolCache;
    },
    paragraphs: (symbol) => {
      const key = symbol.replace(/\s+/g, "").toUpperCase();
      let cached = this.paragraphCache.get(key);
      if (!cached) {
        cached = api.libraryParagraphs(symbol);
        this.paragraphCache.set(key, cached);
        cached.catch(() => this.paragraphCache.delete(key));
      }
      return cached;
    },
  };

  constructor(
    private readonly root: HTMLElement,
    options: AppOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.autosave = new Autosave<Patch>({
      save: (key, patch) => this.save(key, patch),
      onState: (state) => this.view?.setSaveState(state),
    });

    this.list = h("ul", { class: "paper-list", "aria-label": "Papers" });
    this.listEmpty = h(
      "div",
      { class: "list-empty", hidden: true },
      h("p", null, "No papers yet."),
      h("p", { class: "muted" }, "Start one with New paper (Ctrl+N): comments on a draft, a contribution, a national position or a statement."),
    );
    this.storePath = h("button", { type: "button", class: "store-path muted", "data-testid": "store-path", onclick: () => void this.openStore() });
    this.banner = h("div", { class: "banner", role: "alert", hidden: true });
    this.welcome = h(
      "div",
      { class: "empty-state welcome" },
      h("h2", null, "No paper open"),
      h("p", { class: "muted" }, "Choose a paper on the left, or start a new one with New paper (Ctrl+N)."),
    );
    this.content = h("div", { class: "content" }, this.welcome);

    const sidebar = h(
      "aside",
      { class: "sidebar" },
      h("div", { class: "brand" }, h("span", { class: "brand-name" }, "Chancery"), h("span", { class: "brand-sub" }, "Position papers")),
      h(
        "button",
        { type: "button", class: "button primary new-paper", "data-testid": "new-paper", title: "New paper (Ctrl+N)", onclick: () => this.newPaper() },
        "New paper",
      ),
      h(
        "button",
        { type: "button", class: "button small import-word", "data-testid": "import-word", title: "Make a paper of a Word document (DOCX): headings, numbered paragraphs, footnotes, comments as notes", onclick: () => void this.importWord() },
        "Import Word…",
      ),
      (this.libraryButton = h(
        "button",
        { type: "button", class: "library-link", "data-testid": "library-toggle", "aria-pressed": "false", title: "The library of agreed texts: import, search, insert", onclick: () => this.toggleLibrary() },
        h("span", { class: "library-link-icon", "aria-hidden": "true" }, "§"),
        "Library of agreed texts",
      )),
      h("div", { class: "papers-heading muted" }, "Papers"),
      h("nav", { class: "papers-nav" }, this.list, this.listEmpty),
      (this.profileLine = h("button", { type: "button", class: "profile-line", "data-testid": "profile", title: "Who writes the review notes: click to switch", onclick: () => void this.switchProfile() })),
      this.storePath,
    );
    replaceChildren(this.root, sidebar, h("main", { class: "main" }, this.banner, this.content));

    document.addEventListener("keydown", this.onKeydown, true);
    window.addEventListener("beforeunload", this.onLeave);
    window.addEventListener("pagehide", this.onLeave);
    document.addEventListener("visibilitychange", this.onVisibility);
    // Save what is typed before the window goes, then let it go.
    api
      .onCloseRequested(() => {
        void this.autosave.flush().finally(() => void api.quit());
      })
      .catch(() => undefined);
  }

  /** Loads the framework, the paper list and the store's location. */
  async start(): Promise<void> {
    const [framework, papers, store] = await Promise.allSettled([api.framework(), api.listPapers(), api.storeInfo()]);
    void this.loadProfile();
    if (framework.status === "fulfilled") this.framework = framework.value;
    if (papers.status === "fulfilled") this.papers = papers.value;
    if (store.status === "fulfilled") {
      this.storePath.textContent = "Store: " + store.value.path;
      this.storePath.title = `${store.value.path}: click for backups and encryption`;
    }
    const failed = [framework, papers, store].find((r) => r.status === "rejected");
    if (failed) {
      const error = api.toChanceryError((failed as PromiseRejectedResult).reason);
      if (error.code === "store.encrypted") {
        this.askPassphrase(error.message);
        return;
      }
      this.storeFailed(error);
    }
    this.renderList();
  }

  /** An encrypted store: nothing else is shown until its passphrase opens it. */
  private askPassphrase(message: string): void {
    replaceChildren(
      this.content,
      unlockScreen(message, {
        opened: () => {
          replaceChildren(this.content, this.welcome);
          void this.start();
        },
        failed: (error) => {
          replaceChildren(this.content, this.welcome);
          this.storeFailed(error);
        },
      }),
    );
  }

  private storeFailed(error: api.ChanceryError): void {
    const restore = { label: "Restore the latest backup", run: () => this.restoreBackup() };
    this.showError(error.message, error.code === "store.damaged" ? restore : undefined);
  }

  /** Removes listeners and the view (tests, hot reload). */
  destroy(): void {
    document.removeEventListener("keydown", this.onKeydown, true);
    window.removeEventListener("beforeunload", this.onLeave);
    window.removeEventListener("pagehide", this.onLeave);
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.autosave.dispose();
    this.view?.destroy();
    this.view = null;
  }

  get openPaperId(): number | null {
    return this.view?.paper.id ?? null;
  }

  // ------------------------------------------------------------ papers

  newPaper(): void {
    if (document.querySelector(".overlay")) return;
    const lastDelegation = this.papers.find((p) => p.delegation.trim() !== "")?.delegation;
    openNewPaperDialog(
      this.framework,
      async (input, base) => {
        const paper = base ? await api.createPaperOn(input, base) : await api.createPaper(input);
        this.upsertSummary(paper);
        await this.openPaper(paper.id);
        this.view?.focusEditor();
      },
      { delegation: lastDelegation, drafts: api.libraryDocuments() },
    );
  }

  /** Makes a paper of a Word document the user picks, opens it and says what was found. */
  async importWord(): Promise<void> {
    let imported: api.ImportedPaper | null;
    try {
      imported = await api.importDocx();
    } catch (e) {
      this.showError(`Could not import the Word document: ${api.toChanceryError(e).message}`);
      return;
    }
    if (!imported) return;
    this.upsertSummary(imported.paper);
    await this.openPaper(imported.paper.id);
    this.showNotice(`Imported “${imported.paper.title}”: ${imported.summary}.`);
  }

  async openPaper(id: number): Promise<void> {
    if (this.view?.paper.id === id) return;
    const ticket = ++this.opening;
    // Whatever was typed is written before leaving; a failed save stays queued.
    await this.autosave.flush();
    let opened: api.OpenedPaper;
    try {
      opened = await api.openPaper(id);
    } catch (e) {
      const error = api.toChanceryError(e);
      this.showError(`Could not open the paper: ${error.message}`);
      if (error.code === "paper.not_found") await this.refreshList();
      return;
    }
    if (ticket !== this.opening) return; // another paper was asked for meanwhile
    this.show(opened);
  }

  /** Opens the paper again from the store (its text was replaced, e.g. by a restore). */
  async reloadPaper(id: number, options: { history?: boolean } = {}): Promise<void> {
    const ticket = ++this.opening;
    await this.autosave.flush();
    const opened = await api.openPaper(id);
    if (ticket !== this.opening) return;
    this.upsertSummary(opened.paper);
    this.show(opened);
    if (options.history) await this.view?.openHistory();
  }

  private show(opened: api.OpenedPaper): void {
    this.hideError();
    this.closeLibrary();
    this.view?.destroy();
    this.view = new PaperView(opened, {
      framework: this.framework,
      autosave: this.autosave,
      paperEdited: (paper) => this.upsertSummary(paper, false),
      paperDeleted: (paperId) => this.paperDeleted(paperId),
      reloadPaper: (paperId, options) => this.reloadPaper(paperId, options),
      toggleFocus: () => this.toggleFocus(),
      showError: (message) => this.showError(message),
      now: this.now,
      ensureProfile: () => this.ensureProfile(),
      references: this.references,
    });
    replaceChildren(this.content, this.view.root);
    if (this.focusMode) this.view.focusModeChanged(true);
    this.renderList();
  }

  get focusMode(): boolean {
    return this.root.classList.contains("focus-mode");
  }

  /** Focus mode: the papers, sections, guidance and preview give way to the text. */
  toggleFocus(on = !this.focusMode): void {
    if (on && !this.view) return;
    this.root.classList.toggle("focus-mode", on);
    this.view?.focusModeChanged(on);
  }

  private paperDeleted(id: number): void {
    this.papers = this.papers.filter((p) => p.id !== id);
    if (this.view?.paper.id === id) {
      this.view.destroy();
      this.view = null;
      this.toggleFocus(false);
      replaceChildren(this.content, this.welcome);
    }
    this.renderList();
  }

  private async refreshList(): Promise<void> {
    try {
      this.papers = await api.listPapers();
      this.renderList();
    } catch (e) {
      this.showError(api.toChanceryError(e).message);
    }
  }

  /** Puts a paper's current fields in the list; `bump` moves it to the top (it was just saved). */
  private upsertSummary(paper: Paper, bump = true): void {
    const summary: PaperSummary = {
      id: paper.id,
      title: paper.title,
      delegation: paper.delegation,
      kind: paper.kind,
      language: paper.language,
      status: paper.status,
      process: paper.process,
      updatedAt: paper.updatedAt,
    };
    const index = this.papers.findIndex((p) => p.id === paper.id);
    if (index === -1) this.papers.unshift(summary);
    else if (bump) {
      this.papers.splice(index, 1);
      this.papers.unshift(summary);
    } else this.papers[index] = summary;
    this.renderList();
  }

  private touchSummary(paperId: number, updatedAt: string): void {
    const index = this.papers.findIndex((p) => p.id === paperId);
    if (index === -1) return;
    const [summary] = this.papers.splice(index, 1);
    summary.updatedAt = updatedAt;
    this.papers.unshift(summary);
    this.renderList();
  }

  private renderList(): void {
    const now = this.now();
    const selected = this.openPaperId;
    this.listEmpty.hidden = this.papers.length > 0;
    replaceChildren(
      this.list,
      ...this.papers.map((paper) =>
        h(
          "li",
          null,
          h(
            "button",
            {
              type: "button",
              class: "paper-item",
              "data-testid": "paper-item",
              "data-paper-id": paper.id,
              "aria-current": paper.id === selected ? "true" : null,
              onclick: () => void this.openPaper(paper.id),
            },
            h("span", { class: "paper-item-title" }, paper.title || "Untitled paper"),
            h("span", { class: "paper-item-meta" }, paperMetaLine(paper, this.framework)),
            h(
              "span",
              { class: "paper-item-foot" },
              h("time", { datetime: paper.updatedAt, title: formatDateTime(paper.updatedAt) }, formatShortDate(paper.updatedAt, now)),
              paper.status !== "draft" ? h("span", { class: `status-tag status-${paper.status}` }, statusLabel(paper.status)) : null,
            ),
          ),
        ),
      ),
    );
  }

  // ------------------------------------------------------------ library and profile

  get libraryOpen(): boolean {
    return this.library !== null;
  }

  toggleLibrary(): void {
    if (this.library) this.closeLibrary();
    else this.openLibrary();
  }

  /** The library takes the main area; the open paper stays as it is behind it. */
  openLibrary(): void {
    if (this.library) return;
    this.library = new LibraryView({
      insert: (text) => {
        if (!this.view) return false;
        this.closeLibrary();
        return this.view.insertAtCursor(text);
      },
      showError: (message) => this.showError(message),
      documentsChanged: () => {
        this.symbolCache = null;
        this.paragraphCache.clear();
      },
    });
    for (const child of this.content.children) (child as HTMLElement).hidden = true;
    this.content.append(this.library.root);
    this.libraryButton.setAttribute("aria-pressed", "true");
    void this.library.load();
  }

  closeLibrary(): void {
    if (!this.library) return;
    this.library.root.remove();
    this.library = null;
    for (const child of this.content.children) (child as HTMLElement).hidden = false;
    this.libraryButton.setAttribute("aria-pressed", "false");
  }

  private async loadProfile(): Promise<void> {
    try {
      this.person = await api.profile();
      this.profileLoaded = true;
    } catch {
      // no profile command answering: the line stays as an invitation
    }
    this.renderProfile();
  }

  private renderProfile(): void {
    const p = this.person;
    replaceChildren(
      this.profileLine,
      h("span", { class: "profile-avatar", "aria-hidden": "true" }, p ? p.name.trim().charAt(0).toUpperCase() : "?"),
      h("span", { class: "profile-text" }, h("span", { class: "profile-name" }, p ? p.name : "Who is writing?"), h("span", { class: "profile-role muted" }, p ? ROLE_LABELS[p.role] : "Set your name for review notes")),
    );
  }

  private switchProfile(): Promise<api.Person | null> {
    return new Promise((resolve) => {
      if (document.querySelector(".overlay")) return resolve(null);
      openProfileDialog(this.person, (person) => {
        this.person = person;
        this.renderProfile();
        resolve(person);
      });
      const overlay = document.querySelector(".overlay");
      // Resolve null when the dialog goes away without a save.
      const watch = new MutationObserver(() => {
        if (!overlay?.isConnected) {
          watch.disconnect();
          resolve(this.person);
        }
      });
      watch.observe(document.body, { childList: true });
    });
  }

  /** The profile notes are written as; asked for the first time. */
  async ensureProfile(): Promise<api.Person | null> {
    if (!this.profileLoaded) await this.loadProfile();
    if (this.person) return this.person;
    return this.switchProfile();
  }

  // ------------------------------------------------------------ saving

  private async save(key: string, patch: Patch): Promise<void> {
    const [kind, idText] = key.split(":");
    const id = Number(idText);
    if (kind === "action") {
      const entry = await saveAction(key, patch);
      if (this.view?.paper.id === id) this.view.saved(entry);
    } else if (kind === "section") {
      const { heading, body, pillar, reviewed } = patch;
      const section: Section = await api.updateSection(id, { heading, body, pillar, reviewed });
      this.view?.saved(section);
      this.touchSummary(section.paperId, section.updatedAt);
    } else {
      const { title, delegation, language, status, process, meeting, date, place } = patch;
      const paper = await api.updatePaper(id, { title, delegation, language, status, process, meeting, date, place });
      if (this.view?.paper.id === paper.id) this.view.saved(paper);
      this.touchSummary(paper.id, paper.updatedAt);
    }
  }

  // ------------------------------------------------------------ errors

  showError(message: string, action?: { label: string; run: () => void }): void {
    this.banner.classList.remove("notice");
    this.banner.setAttribute("role", "alert");
    replaceChildren(
      this.banner,
      h("span", null, message),
      action ? h("button", { type: "button", class: "button small", onclick: action.run }, action.label) : null,
      h("button", { type: "button", class: "button small", onclick: () => this.hideError() }, "Dismiss"),
    );
    this.banner.hidden = false;
  }

  /** A message that is not an error (what an import found), dismissed the same way. */
  private showNotice(message: string): void {
    this.showError(message);
    this.banner.classList.add("notice");
    this.banner.setAttribute("role", "status");
  }

  /** The Store dialog: backups and encryption. */
  private async openStore(): Promise<void> {
    if (document.querySelector(".overlay")) return;
    try {
      await openStoreDialog({
        flush: () => this.autosave.flush(),
        reopened: async (notice) => {
          // The file under the open paper changed: it is opened again from the store.
          const open = this.openPaperId;
          this.view?.destroy();
          this.view = null;
          replaceChildren(this.content, this.welcome);
          await this.start();
          if (open !== null && this.papers.some((p) => p.id === open)) await this.openPaper(open);
          this.showNotice(notice);
        },
      });
    } catch (e) {
      this.showError(api.toChanceryError(e).message);
    }
  }

  private async restoreBackup(): Promise<void> {
    try {
      await api.restoreLatestBackup();
      this.hideError();
      await this.start();
    } catch (e) {
      this.showError(api.toChanceryError(e).message);
    }
  }

  private hideError(): void {
    this.banner.hidden = true;
    this.banner.textContent = "";
  }

  // ------------------------------------------------------------ events

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const plain = !(event.ctrlKey || event.metaKey || event.altKey || event.shiftKey);
    const focusKeys = (event.key === "F11" && plain) || ((event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && (event.code === "KeyF" || event.key.toLowerCase() === "f"));
    if (focusKeys && this.view && !document.querySelector(".overlay")) {
      event.preventDefault();
      this.toggleFocus();
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const key = event.key.toLowerCase();
    if (key === "n") {
      event.preventDefault();
      this.newPaper();
    } else if (key === "s") {
      event.preventDefault();
      void this.autosave.flush();
    }
  };

  private readonly onLeave = (): void => {
    if (this.autosave.dirty) void this.autosave.flush();
  };

  private readonly onVisibility = (): void => {
    if (document.visibilityState === "hidden") this.onLeave();
  };
}
