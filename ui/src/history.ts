// A paper's history: the side panel listing its versions (name, restore, compare) and
// the comparison shown in the main area like track changes. Versions are made by the
// core as the text is saved; this module only shows them and asks for names,
// restores and word diffs.
import * as api from "./api";
import type { Change, Version } from "./api";
import { openConfirmDialog } from "./dialogs";
import { h, options, replaceChildren } from "./dom";
import { formatCount, formatDateTime, formatShortDate } from "./format";

/** Newest first, whatever order they came in. */
export function newestFirst(versions: Version[]): Version[] {
  return [...versions].sort((a, b) => b.number - a.number);
}

const KIND_LABELS: Record<api.VersionKind, string> = {
  created: "Created",
  imported: "Imported from a file",
  edited: "Edited",
  updated: "Updated from a file",
  restored: "Restored",
};

/** How a version came to be: "Edited", "Restored from v3". */
export function versionKindLabel(version: Pick<Version, "kind" | "restoredFrom">): string {
  if (version.kind === "restored" && version.restoredFrom !== null) return `Restored from v${version.restoredFrom}`;
  return KIND_LABELS[version.kind] ?? version.kind;
}

/** "v3 · Sent to capital" or "v3 · Edited" */
export function versionTitle(version: Pick<Version, "number" | "name" | "kind" | "restoredFrom">): string {
  return `v${version.number} · ${version.name ?? versionKindLabel(version)}`;
}

/**
 * Drops the front matter (title, language…) from the start of a comparison when it did
 * not change: drafters compare the text. Changed front matter is kept.
 */
export function withoutUnchangedFrontMatter(changes: Change[]): Change[] {
  const first = changes[0];
  if (!first || first.kind !== "equal") return changes;
  const front = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(first.text);
  if (!front) return changes;
  const rest = first.text.slice(front[0].length).replace(/^\s+/, "");
  return rest === "" ? changes.slice(1) : [{ kind: "equal", text: rest }, ...changes.slice(1)];
}

/** A heading's pillar attribute as the core writes it: "## Sovereignty {pillar=international-law}". */
const PILLAR_ATTRIBUTE = / ?\{pillar=[^}\s]*\}/g;

/**
 * The comparison as inline track changes: deletions in <del>, insertions in <ins>,
 * all text as text nodes (so markup in a paper is shown, never interpreted). Unchanged
 * pillar attributes on headings are left out: they are filing, not text.
 */
export function renderDiff(changes: Change[]): HTMLElement {
  const shown = withoutUnchangedFrontMatter(changes);
  const body = h("div", { class: "diff-text", "data-testid": "diff-text" });
  let lineStart = true;
  for (const change of shown) {
    if (change.kind === "insert") body.append(h("ins", { class: "diff-ins" }, change.text));
    else if (change.kind === "delete") body.append(h("del", { class: "diff-del" }, change.text));
    else appendUnchanged(body, change.text.replace(PILLAR_ATTRIBUTE, ""), lineStart);
    if (change.text !== "") lineStart = change.text.endsWith("\n");
  }
  return body;
}

const HEADING_LINE = /^#{1,6}[ \t]+/;

/** Unchanged text, with unchanged headings shown as headings rather than as "## ". */
function appendUnchanged(body: HTMLElement, text: string, lineStart: boolean): void {
  let atStart = lineStart;
  for (const part of text.split(/(\n)/)) {
    if (part === "") continue;
    if (part !== "\n" && atStart && HEADING_LINE.test(part)) {
      body.append(h("span", { class: "diff-heading-line" }, part.replace(HEADING_LINE, "")));
    } else {
      body.append(document.createTextNode(part));
    }
    atStart = part === "\n";
  }
}

/** "3 insertions · 1 deletion" */
export function diffStats(changes: Change[]): string {
  const ins = changes.filter((c) => c.kind === "insert").length;
  const del = changes.filter((c) => c.kind === "delete").length;
  if (ins === 0 && del === 0) return "No differences";
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(ins, "insertion")} · ${plural(del, "deletion")}`;
}

// ---------------------------------------------------------------- the comparison

export class DiffView {
  readonly root: HTMLElement;

  constructor(from: Version, to: Version, changes: Change[], onClose: () => void, now = new Date()) {
    const stamp = (v: Version) =>
      h(
        "span",
        { class: "diff-version", title: formatDateTime(v.savedAt) },
        h("strong", null, versionTitle(v)),
        h("span", { class: "muted" }, ` (${formatShortDate(v.savedAt, now)})`),
      );
    const nothing = changes.every((c) => c.kind === "equal");
    this.root = h(
      "section",
      { class: "diff-view", "data-testid": "diff-view", "aria-label": "Comparison of two versions" },
      h(
        "header",
        { class: "diff-head" },
        h(
          "div",
          { class: "diff-heading" },
          h("div", { class: "diff-title" }, h("span", { class: "muted" }, "Changes from "), stamp(from), h("span", { class: "muted" }, " to "), stamp(to)),
          h("div", { class: "diff-stats muted", "data-testid": "diff-stats" }, diffStats(changes)),
        ),
        h(
          "span",
          { class: "diff-legend", "aria-label": "Legend" },
          h("del", { class: "diff-del" }, "deleted"),
          h("ins", { class: "diff-ins" }, "inserted"),
        ),
        h("button", { type: "button", class: "button small", "data-testid": "diff-close", onclick: onClose }, "Close"),
      ),
      h(
        "div",
        { class: "diff-scroll" },
        nothing ? h("p", { class: "empty-state muted" }, "The two versions have the same text.") : h("article", { class: "diff-page" }, renderDiff(changes)),
      ),
    );
  }
}

// ---------------------------------------------------------------- the panel

export interface HistoryHost {
  paperId: number;
  /** Saves what was typed; false when it could not be saved. */
  flush(): Promise<boolean>;
  /** Shows the comparison in the main area. */
  compare(from: Version, to: Version, changes: Change[]): void;
  /** The paper's text was replaced by a restore: reload it. */
  restored(): Promise<void>;
  close(): void;
  now(): Date;
}

export class HistoryPanel {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private readonly message: HTMLElement;
  private readonly fromSelect: HTMLSelectElement;
  private readonly toSelect: HTMLSelectElement;
  private versions: Version[] = [];
  private selected: number | null = null;
  private loaded = 0;

  constructor(private readonly host: HistoryHost) {
    this.list = h("ol", { class: "version-list", "aria-label": "Versions" });
    this.message = h("p", { class: "history-message muted", role: "status" });
    this.fromSelect = h("select", { "aria-label": "Compare from", "data-testid": "compare-from" });
    this.toSelect = h("select", { "aria-label": "Compare to", "data-testid": "compare-to" });
    const compare = h("button", { type: "button", class: "button small primary", "data-testid": "compare", onclick: () => void this.compare() }, "Compare");
    this.root = h(
      "aside",
      { class: "history-panel", "data-testid": "history-panel", "aria-label": "History" },
      h(
        "div",
        { class: "pane-title" },
        h("span", null, "History"),
        h("button", { type: "button", class: "button small ghost", title: "Close the history", "aria-label": "Close the history", onclick: () => host.close() }, "✕"),
      ),
      h(
        "div",
        { class: "compare-bar" },
        h("span", { class: "compare-label" }, "From"),
        this.fromSelect,
        h("span", { class: "compare-label" }, "To"),
        this.toSelect,
        compare,
      ),
      this.message,
      this.list,
    );
  }

  /** Saves pending changes, then lists the versions (the current text is the newest). */
  async load(): Promise<void> {
    const ticket = ++this.loaded;
    this.message.textContent = "Loading…";
    const flushed = await this.host.flush();
    try {
      const versions = await api.versions(this.host.paperId);
      if (ticket !== this.loaded) return;
      this.versions = newestFirst(versions);
      this.message.textContent = flushed ? "" : "Your latest changes are not saved yet, so they are not in this list.";
    } catch (e) {
      if (ticket !== this.loaded) return;
      this.message.textContent = "The history could not be loaded: " + api.toChanceryError(e).message;
      this.versions = [];
    }
    if (this.selected === null || !this.versions.some((v) => v.number === this.selected)) {
      this.selected = this.versions[1]?.number ?? this.versions[0]?.number ?? null;
    }
    this.render();
  }

  /** Lists the versions again (after a save), unless a name is being typed. */
  refresh(): void {
    if (this.root.querySelector(".version-name-form")) return;
    void this.load();
  }

  private get latest(): Version | undefined {
    return this.versions[0];
  }

  private render(): void {
    const choices = this.versions.map((v) => ({ value: String(v.number), label: versionTitle(v) + (v === this.latest ? " (current)" : "") }));
    replaceChildren(this.fromSelect, ...options(choices));
    replaceChildren(this.toSelect, ...options(choices));
    this.fromSelect.value = String(this.selected ?? "");
    this.toSelect.value = String(this.latest?.number ?? "");
    const now = this.host.now();
    replaceChildren(this.list, ...this.versions.map((v) => this.row(v, now)));
    if (this.versions.length === 0 && this.message.textContent === "") this.message.textContent = "No versions yet.";
  }

  private row(version: Version, now: Date): HTMLElement {
    const current = version === this.latest;
    const name = version.name
      ? h("span", { class: "version-name" }, version.name)
      : h("span", { class: "version-kind" }, versionKindLabel(version));
    const title = h(
      "div",
      { class: "version-title" },
      h("span", { class: "version-number" }, `v${version.number}`),
      name,
      version.name ? h("span", { class: "version-kind muted" }, versionKindLabel(version)) : null,
      current ? h("span", { class: "tag" }, "Current") : null,
    );
    const actions = h(
      "div",
      { class: "version-actions" },
      h("button", { type: "button", class: "button small ghost", "data-testid": "version-name", onclick: (e: Event) => { e.stopPropagation(); this.editName(version, title); } }, version.name ? "Rename" : "Name"),
      current
        ? null
        : h("button", { type: "button", class: "button small ghost", "data-testid": "version-restore", onclick: (e: Event) => { e.stopPropagation(); this.restore(version); } }, "Restore"),
      current
        ? null
        : h("button", { type: "button", class: "button small ghost", "data-testid": "version-compare", title: "Compare with the current version", onclick: (e: Event) => { e.stopPropagation(); void this.compare(version.number, this.latest?.number); } }, "Compare"),
    );
    return h(
      "li",
      {
        class: "version",
        "data-testid": "version",
        "data-number": version.number,
        "aria-selected": version.number === this.selected ? "true" : "false",
        tabindex: 0,
        onclick: () => this.select(version.number),
        onkeydown: (e: KeyboardEvent) => {
          if ((e.key === "Enter" || e.key === " ") && e.target === e.currentTarget) {
            e.preventDefault();
            this.select(version.number);
          }
        },
      },
      title,
      h(
        "div",
        { class: "version-meta" },
        h("time", { datetime: version.savedAt, title: formatDateTime(version.savedAt) }, formatShortDate(version.savedAt, now)),
        ` · ${formatCount(version.words)} ${version.words === 1 ? "word" : "words"}`,
      ),
      actions,
    );
  }

  private select(number: number): void {
    this.selected = number;
    this.fromSelect.value = String(number);
    for (const li of this.list.querySelectorAll<HTMLElement>(".version")) {
      li.setAttribute("aria-selected", li.dataset.number === String(number) ? "true" : "false");
    }
  }

  private editName(version: Version, title: HTMLElement): void {
    const input = h("input", { type: "text", class: "version-name-input", "data-testid": "version-name-input", value: version.name ?? "", placeholder: "e.g. Sent to capital 12 March", "aria-label": `Name of version ${version.number}` });
    const form = h("form", { class: "version-name-form" }, input);
    let done = false;
    const finish = async (save: boolean) => {
      if (done) return;
      done = true;
      if (save && input.value.trim() !== (version.name ?? "")) {
        try {
          const named = await api.nameVersion(this.host.paperId, version.number, input.value.trim());
          this.versions = this.versions.map((v) => (v.number === named.number ? named : v));
        } catch (e) {
          this.message.textContent = "The name could not be saved: " + api.toChanceryError(e).message;
        }
      }
      this.render();
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void finish(true);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        void finish(false);
      }
    });
    input.addEventListener("blur", () => void finish(true));
    input.addEventListener("click", (e) => e.stopPropagation());
    title.replaceWith(form);
    input.focus();
    input.select();
  }

  private restore(version: Version): void {
    openConfirmDialog(
      `Restore version ${version.number}`,
      `The paper's text becomes that of ${versionTitle(version)} (${formatDateTime(version.savedAt)}). ` +
        "This makes a new version: the current text stays in the history and can be brought back.",
      "Restore",
      async () => {
        if (!(await this.host.flush())) throw new Error("Your latest changes could not be saved; restore after they are.");
        await api.restoreVersion(this.host.paperId, version.number);
        await this.host.restored();
      },
      { danger: false },
    );
  }

  private async compare(from = Number(this.fromSelect.value), to = Number(this.toSelect.value)): Promise<void> {
    const a = this.versions.find((v) => v.number === from);
    const b = this.versions.find((v) => v.number === to);
    if (!a || !b) return;
    try {
      const changes = await api.diffVersions(this.host.paperId, a.number, b.number);
      this.host.compare(a, b, changes);
    } catch (e) {
      this.message.textContent = "The versions could not be compared: " + api.toChanceryError(e).message;
    }
  }
}
