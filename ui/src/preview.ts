// The live preview: sections' Markdown rendered by the Rust core (the same renderer as
// the PDF export) and shown as HTML. Markdown is never rendered here. One section or the
// whole paper; each section is its own part, and only the edited part is rendered again.
import { ChanceryError } from "./api";
import { h, replaceChildren } from "./dom";
import { patchChildren } from "./domPatch";

/** A section as the preview shows it. */
export interface PreviewPart {
  id: number;
  heading: string | null;
  body: string;
}

interface Slot {
  el: HTMLElement;
  /** The latest text not yet rendered. */
  next: PreviewPart | null;
  busy: boolean;
}

export class Preview {
  private slots = new Map<number, Slot>();
  /** Bumped when other sections are shown: renders for the old ones are dropped. */
  private generation = 0;

  constructor(
    private readonly el: HTMLElement,
    private readonly render: (markdown: string) => Promise<string>,
  ) {}

  /** Shows these sections (one, or the whole paper in order), rendered at once. */
  async show(parts: PreviewPart[]): Promise<void> {
    this.generation += 1;
    this.slots = new Map(parts.map((p) => [p.id, { el: h("section", { class: "preview-section", "data-section": String(p.id) }), next: p, busy: false }]));
    replaceChildren(this.el, ...[...this.slots.values()].map((s) => s.el));
    await Promise.all(parts.map((p) => this.pump(p.id)));
  }

  /** Renders a section again with its latest text: at once when no render of it is
   * running, else as soon as that one ends (so fast typing renders back to back, never
   * a stale text last, and with no fixed delay). */
  update(part: PreviewPart): Promise<void> {
    const slot = this.slots.get(part.id);
    if (!slot) return Promise.resolve();
    slot.next = part;
    return slot.busy ? Promise.resolve() : this.pump(part.id);
  }

  /** The element showing a section, if it is shown. */
  section(id: number): HTMLElement | null {
    return this.slots.get(id)?.el ?? null;
  }

  clear(): void {
    this.generation += 1;
    this.slots.clear();
    this.el.textContent = "";
  }

  private async pump(id: number): Promise<void> {
    const slot = this.slots.get(id);
    if (!slot || slot.busy) return;
    const generation = this.generation;
    slot.busy = true;
    try {
      while (slot.next && generation === this.generation) {
        const part = slot.next;
        slot.next = null;
        let html: string | null = null;
        let failure: string | null = null;
        try {
          html = await this.render(part.body);
        } catch (e) {
          failure = e instanceof ChanceryError || e instanceof Error ? e.message : String(e);
        }
        if (generation !== this.generation) return;
        const title = part.heading ? h("h2", { class: "preview-heading" }, part.heading) : null;
        if (failure !== null) {
          replaceChildren(slot.el, title, h("p", { class: "preview-error" }, "Preview unavailable: " + failure));
          continue;
        }
        const content = h("div", { class: "preview-body" });
        // Sanitised by the core; this pane is the only place HTML from it is inserted.
        content.innerHTML = html ?? "";
        const shown = slot.el.querySelector(".preview-body");
        const sameTitle = (slot.el.querySelector(".preview-heading")?.textContent ?? null) === (part.heading || null);
        if (shown && sameTitle) patchChildren(shown, content);
        else replaceChildren(slot.el, title, content);
      }
    } finally {
      slot.busy = false;
    }
  }
}
