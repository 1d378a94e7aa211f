// The live preview: the section's Markdown rendered by the Rust core (the same
// renderer as the PDF export) and shown as HTML. Markdown is never rendered here.
import { ChanceryError } from "./api";
import { h, replaceChildren } from "./dom";
import { debounce, type Debounced } from "./timing";

export const PREVIEW_DELAY_MS = 150;

export class Preview {
  private requested = 0;
  private readonly scheduled: Debounced<[string | null, string]>;

  constructor(
    private readonly el: HTMLElement,
    private readonly render: (markdown: string) => Promise<string>,
    delayMs = PREVIEW_DELAY_MS,
  ) {
    this.scheduled = debounce((heading, body) => void this.renderNow(heading, body), delayMs);
  }

  /** Renders after the typing pause; only the latest text is rendered. */
  update(heading: string | null, body: string): void {
    this.scheduled(heading, body);
  }

  /** Renders at once (when a section is opened). */
  async renderNow(heading: string | null, body: string): Promise<void> {
    this.scheduled.cancel();
    const ticket = ++this.requested;
    let html: string | null = null;
    let failure: string | null = null;
    try {
      html = await this.render(body);
    } catch (e) {
      failure = e instanceof ChanceryError || e instanceof Error ? e.message : String(e);
    }
    // A slower, older render must not replace a newer one.
    if (ticket !== this.requested) return;
    const title = heading ? h("h2", { class: "preview-heading" }, heading) : null;
    if (failure !== null) {
      replaceChildren(this.el, title, h("p", { class: "preview-error" }, "Preview unavailable: " + failure));
      return;
    }
    const content = h("div", { class: "preview-body" });
    // Sanitised by the core; this pane is the only place HTML from it is inserted.
    content.innerHTML = html ?? "";
    replaceChildren(this.el, title, content);
  }

  clear(): void {
    this.scheduled.cancel();
    this.requested += 1;
    this.el.textContent = "";
  }
}
