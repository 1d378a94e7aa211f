// Review notes: legal advisers' and reviewers' annotations anchored to words of a
// section. The panel beside the text (filters, cards with thread, reply, status,
// accept), the note and profile dialogs, and the pure logic behind them: filters,
// the highlight ranges given to the editor, and which occurrence a selection is.
import * as api from "./api";
import type { Annotation, AnnotationKind, AnnotationStatus, Person, Role, Section } from "./api";
import { openModal, type Modal } from "./dialogs";
import { h, options, replaceChildren, uid } from "./dom";
import { formatDateTime, formatShortDate } from "./format";

export const KIND_LABELS: Record<AnnotationKind, string> = {
  comment: "Comment",
  "legal-risk": "Legal risk",
  "needs-authority": "Needs authority",
  consistent: "Consistent with position",
  "proposed-wording": "Proposed wording",
};

export const ROLE_LABELS: Record<Role, string> = {
  drafter: "Drafter",
  "legal-adviser": "Legal adviser",
  reviewer: "Reviewer",
  "head-of-delegation": "Head of delegation",
};

export const STATUS_LABELS: Record<AnnotationStatus, string> = {
  open: "Open",
  resolved: "Resolved",
  "wont-fix": "Won't fix",
};

// ---------------------------------------------------------------- pure logic

/** What the panel's filters ask for; empty fields let every note through. */
export interface NoteFilter {
  status?: AnnotationStatus | "";
  kind?: AnnotationKind | "";
  role?: Role | "";
  pillar?: string;
  /** only notes on this section ("this section only") */
  sectionId?: number | null;
  orphansOnly?: boolean;
}

/** Whether a note passes the filter; `pillarOf` gives a section's pillar. */
export function matchesFilter(note: Annotation, filter: NoteFilter, pillarOf: (sectionId: number) => string | null): boolean {
  if (filter.status && note.status !== filter.status) return false;
  if (filter.kind && note.kind !== filter.kind) return false;
  if (filter.role && note.author.role !== filter.role) return false;
  if (filter.pillar && (note.sectionId === null || pillarOf(note.sectionId) !== filter.pillar)) return false;
  if (filter.sectionId != null && note.sectionId !== filter.sectionId) return false;
  if (filter.orphansOnly && !note.orphan) return false;
  return true;
}

export function filterNotes(notes: Annotation[], filter: NoteFilter, sections: Pick<Section, "id" | "pillar">[]): Annotation[] {
  const pillars = new Map(sections.map((s) => [s.id, s.pillar]));
  return notes.filter((n) => matchesFilter(n, filter, (id) => pillars.get(id) ?? null));
}

/** A stretch of the editor's text to colour. */
export interface NoteRange {
  id: number;
  kind: AnnotationKind;
  from: number;
  to: number;
  resolved: boolean;
}

/** The ranges of a section's anchored notes, clamped to its text, in order; orphans and empty ranges left out. */
export function noteRanges(notes: Annotation[], sectionId: number, length: number): NoteRange[] {
  const out: NoteRange[] = [];
  for (const n of notes) {
    if (n.sectionId !== sectionId || n.orphan || !n.range) continue;
    const from = Math.max(0, Math.min(n.range[0], length));
    const to = Math.max(0, Math.min(n.range[1], length));
    if (to <= from) continue;
    out.push({ id: n.id, kind: n.kind, from, to, resolved: n.status !== "open" });
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

/**
 * The selection [from, to) of `text` as the core's quote and occurrence: the selected
 * words, and which of their (non-overlapping, as the core counts) occurrences it is, from 1.
 * Null for an empty or blank selection.
 */
export function selectionQuote(text: string, from: number, to: number): { quote: string; occurrence: number } | null {
  const a = Math.min(from, to);
  const b = Math.max(from, to);
  const quote = text.slice(a, b);
  if (quote.trim() === "") return null;
  let occurrence = 0;
  let at = text.indexOf(quote);
  while (at !== -1 && at <= a) {
    occurrence += 1;
    if (at === a) return { quote, occurrence };
    at = text.indexOf(quote, at + quote.length);
  }
  // Overlapping repeats ("aaa"): the nearest counted occurrence before the selection.
  return { quote, occurrence: Math.max(1, occurrence) };
}

/** "3 min ago", "2 h ago", else the short date. */
export function relativeTime(iso: string, now: Date): string {
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (Number.isNaN(seconds)) return iso;
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return formatShortDate(iso, now);
}

// ---------------------------------------------------------------- dialogs

function field(label: string, control: HTMLElement): HTMLElement {
  control.id ||= uid("field");
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control);
}

/** Who writes the notes: asked the first time, switchable from the sidebar. */
export function openProfileDialog(current: Person | null, saved: (person: Person) => void): Modal {
  const name = h("input", { type: "text", "data-testid": "profile-name", autocomplete: "off", placeholder: "e.g. Anna Rossi", value: current?.name ?? "" });
  const role = h("select", { "data-testid": "profile-role", value: current?.role ?? "drafter" }, ...options(api.ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))));
  return openModal({
    title: current ? "Switch profile" : "Who is writing?",
    content: [
      h("p", { class: "dialog-message muted" }, "Notes, replies and status changes record who made them and when."),
      field("Name", name),
      field("Role", role),
    ],
    submitLabel: "Save",
    submitTestId: "profile-save",
    onSubmit: async () => {
      if (name.value.trim() === "") {
        name.setAttribute("aria-invalid", "true");
        return "Give your name.";
      }
      saved(await api.setProfile(name.value.trim(), role.value as Role));
    },
  });
}

/** Kind, body and (for proposed wording) the words proposed, for a note on `quote`. */
export function openNoteDialog(quote: string, create: (kind: AnnotationKind, body: string, proposal: string | undefined) => Promise<void>): Modal {
  const kind = h("select", { "data-testid": "note-kind", value: "comment" }, ...options(api.ANNOTATION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))));
  const body = h("textarea", { "data-testid": "note-body", rows: 4, placeholder: "Markdown works; cite agreed texts as [@A/70/174, para. 13(a)]" });
  const proposal = h("textarea", { "data-testid": "note-proposal", rows: 3, placeholder: "The wording to put in place of the quoted words" });
  proposal.value = quote;
  const proposalField = field("Proposed wording", proposal);
  const sync = () => (proposalField.hidden = kind.value !== "proposed-wording");
  kind.addEventListener("change", sync);
  sync();
  return openModal({
    title: "Add note",
    content: [h("blockquote", { class: "note-quote" }, quote), field("Kind", kind), field("Note", body), proposalField],
    submitLabel: "Add note",
    submitTestId: "note-save",
    onSubmit: async () => {
      const k = kind.value as AnnotationKind;
      if (body.value.trim() === "" && k !== "proposed-wording") return "Write the note.";
      if (k === "proposed-wording" && proposal.value.trim() === "") return "Give the wording proposed.";
      await create(k, body.value.trim(), k === "proposed-wording" ? proposal.value : undefined);
    },
  });
}

// ---------------------------------------------------------------- panel

export interface ReviewHost {
  paperId: number;
  sections: () => Section[];
  selectedSectionId: () => number | null;
  /** Selects the section and the note's words in the editor. */
  jump: (note: Annotation) => void;
  /** Notes changed (loaded, replied, resolved): highlights follow. */
  changed: (notes: Annotation[]) => void;
  /** A proposal was accepted: the section's text changed in the store. */
  accepted: (note: Annotation) => Promise<void>;
  close: () => void;
  now: () => Date;
}

export class ReviewPanel {
  readonly root: HTMLElement;
  notes: Annotation[] = [];
  private filter: NoteFilter = { status: "" };
  private readonly list: HTMLElement;
  private readonly orphans: HTMLElement;
  private readonly message: HTMLElement;
  private readonly count: HTMLElement;
  private selectedNote: number | null = null;

  constructor(private readonly host: ReviewHost, framework: api.Framework | null) {
    const select = (testid: string, label: string, items: { value: string; label: string }[], key: "status" | "kind" | "role" | "pillar") => {
      const el = h("select", { "data-testid": testid, "aria-label": label, title: label }, ...options(items, label === "Status" ? "Any status" : `Any ${label.toLowerCase()}`));
      el.value = (this.filter[key] as string) ?? "";
      el.addEventListener("change", () => {
        (this.filter as Record<string, unknown>)[key] = el.value;
        this.render();
      });
      return el;
    };
    const thisSection = h("input", { type: "checkbox", "data-testid": "notes-this-section" });
    thisSection.addEventListener("change", () => {
      this.filter.sectionId = thisSection.checked ? this.host.selectedSectionId() : null;
      this.render();
    });
    const orphansOnly = h("input", { type: "checkbox", "data-testid": "notes-orphans" });
    orphansOnly.addEventListener("change", () => {
      this.filter.orphansOnly = orphansOnly.checked;
      this.render();
    });
    this.list = h("ol", { class: "note-list", "aria-label": "Notes" });
    this.orphans = h("div", { class: "note-orphans" });
    this.message = h("p", { class: "history-message", role: "status" });
    this.count = h("span", { class: "muted note-count" });
    this.root = h(
      "aside",
      { class: "review-panel", "data-testid": "review-panel", "aria-label": "Review notes" },
      h(
        "div",
        { class: "pane-title" },
        h("span", null, "Notes ", this.count),
        h("button", { type: "button", class: "button small", title: "Close the notes", "aria-label": "Close the notes", onclick: () => this.host.close() }, "×"),
      ),
      h(
        "div",
        { class: "note-filters" },
        select("notes-status", "Status", api.ANNOTATION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })), "status"),
        select("notes-kind", "Kind", api.ANNOTATION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })), "kind"),
        select("notes-role", "Role", api.ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })), "role"),
        select("notes-pillar", "Pillar", (framework?.pillars ?? []).map((p) => ({ value: p.id, label: p.short || p.name })), "pillar"),
        h("label", { class: "check" }, thisSection, "This section only"),
        h("label", { class: "check" }, orphansOnly, "Words deleted only"),
      ),
      this.message,
      h("div", { class: "note-scroll" }, this.list, this.orphans),
    );
  }

  async load(): Promise<void> {
    try {
      this.notes = await api.annotations(this.host.paperId);
      this.message.textContent = "";
    } catch (e) {
      this.message.textContent = "The notes could not be loaded: " + api.toChanceryError(e).message;
    }
    this.host.changed(this.notes);
    this.render();
  }

  /** The open section changed: "this section only" follows it. */
  sectionChanged(): void {
    if (this.filter.sectionId != null) {
      this.filter.sectionId = this.host.selectedSectionId();
      this.render();
    }
  }

  /** Marks a note's card (after a click in the editor, or a new note). */
  highlight(id: number | null): void {
    this.selectedNote = id;
    for (const card of this.root.querySelectorAll<HTMLElement>('[data-testid="note"]')) {
      const on = Number(card.dataset.noteId) === id;
      card.classList.toggle("selected", on);
      if (on) card.scrollIntoView?.({ block: "nearest" });
    }
  }

  private replace(note: Annotation): void {
    const index = this.notes.findIndex((n) => n.id === note.id);
    if (index === -1) this.notes.push(note);
    else this.notes[index] = note;
    this.host.changed(this.notes);
    this.render();
  }

  render(): void {
    const shown = filterNotes(this.notes, this.filter, this.host.sections());
    const anchored = shown.filter((n) => !n.orphan);
    const orphaned = shown.filter((n) => n.orphan);
    this.count.textContent = `${shown.length} of ${this.notes.length}`;
    replaceChildren(this.list, ...anchored.map((n) => this.card(n)));
    if (anchored.length === 0 && orphaned.length === 0) {
      this.list.append(h("li", { class: "empty-state muted" }, this.notes.length === 0 ? "No notes yet. Select words in the text and choose Add note (Ctrl+Alt+M)." : "No notes match the filters."));
    }
    replaceChildren(
      this.orphans,
      orphaned.length ? h("h3", { class: "note-group-title", title: "Notes whose words were deleted from the text: kept with the words they were on" }, `Words deleted (${orphaned.length})`) : null,
      orphaned.length ? h("ol", { class: "note-list" }, ...orphaned.map((n) => this.card(n))) : null,
    );
    if (this.selectedNote !== null) this.highlight(this.selectedNote);
  }

  private sectionName(id: number | null): string {
    const s = this.host.sections().find((x) => x.id === id);
    return s ? s.heading?.trim() || "Untitled section" : "";
  }

  private card(note: Annotation): HTMLElement {
    const now = this.host.now();
    const act = (label: string, testid: string, run: () => Promise<Annotation>, cls = "button small") =>
      h("button", {
        type: "button",
        class: cls,
        "data-testid": testid,
        onclick: async (e: Event) => {
          e.stopPropagation();
          try {
            const updated = await run();
            this.replace(updated);
            if (testid === "note-accept") await this.host.accepted(updated);
          } catch (err) {
            this.message.textContent = api.toChanceryError(err).message;
          }
        },
      }, label);
    const replyBox = h("textarea", { class: "note-reply-input", "data-testid": "note-reply-input", rows: 1, placeholder: "Reply…", "aria-label": "Reply" });
    replyBox.addEventListener("click", (e) => e.stopPropagation());
    replyBox.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) sendReply.click();
    });
    const sendReply = act("Reply", "note-reply", () => {
      const text = replyBox.value.trim();
      if (!text) return Promise.reject(new api.ChanceryError("input", "Write a reply first."));
      return api.reply(note.id, text);
    });
    const open = note.status === "open";
    const thread = note.thread.filter((t) => t.reply || t.status);
    return h(
      "li",
      {
        class: `note note-${note.kind} status-${note.status}`,
        "data-testid": "note",
        "data-note-id": note.id,
        "data-kind": note.kind,
        "data-status": note.status,
        tabindex: 0,
        title: note.orphan ? "The words were deleted" : "Show in the text",
        onclick: () => {
          if (!note.orphan) {
            this.highlight(note.id);
            this.host.jump(note);
          }
        },
      },
      h(
        "div",
        { class: "note-head" },
        h("span", { class: `note-badge kind-${note.kind}`, "data-testid": "note-kind-badge" }, KIND_LABELS[note.kind]),
        note.status !== "open" ? h("span", { class: "note-status" }, STATUS_LABELS[note.status]) : null,
        h("span", { class: "spacer" }),
        h("time", { class: "muted", datetime: note.createdAt, title: formatDateTime(note.createdAt) }, relativeTime(note.createdAt, now)),
      ),
      h("div", { class: "note-author" }, h("strong", null, note.author.name), h("span", { class: "muted" }, " · " + ROLE_LABELS[note.author.role]), note.sectionId !== null ? h("span", { class: "muted" }, " · " + this.sectionName(note.sectionId)) : null),
      h("blockquote", { class: "note-quote", "data-testid": "note-quote" }, note.anchor.quote),
      note.body ? h("div", { class: "note-body", "data-testid": "note-body" }, note.body) : null,
      note.proposal !== null ? h("div", { class: "note-proposal" }, h("span", { class: "muted" }, "Proposed: "), h("ins", { class: "diff-ins" }, note.proposal)) : null,
      thread.length
        ? h(
            "ol",
            { class: "note-thread" },
            ...thread.map((t) =>
              h(
                "li",
                null,
                h("span", { class: "note-thread-by" }, t.by.name),
                h("span", { class: "muted" }, ` (${ROLE_LABELS[t.by.role]}) · ${relativeTime(t.at, now)}`),
                t.reply ? h("div", null, t.reply) : h("div", { class: "muted" }, `marked ${STATUS_LABELS[t.status!].toLowerCase()}`),
              ),
            ),
          )
        : null,
      h("div", { class: "note-reply-row" }, replyBox, sendReply),
      h(
        "div",
        { class: "note-actions" },
        open ? act("Resolve", "note-resolve", () => api.setAnnotationStatus(note.id, "resolved")) : act("Reopen", "note-reopen", () => api.setAnnotationStatus(note.id, "open")),
        open ? act("Won't fix", "note-wontfix", () => api.setAnnotationStatus(note.id, "wont-fix")) : null,
        open && note.kind === "proposed-wording" && note.proposal !== null && !note.orphan ? act("Accept", "note-accept", () => api.acceptProposal(note.id), "button small primary") : null,
      ),
    );
  }
}
