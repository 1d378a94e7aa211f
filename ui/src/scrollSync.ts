// The preview follows the editor: the core marks each rendered block with the source line
// it starts on (`data-line`); the editor says which line is at its top (or under the
// cursor), and the preview scrolls to the matching block, part-way to the next block as
// the line is part-way between theirs. A drafter reading the preview is left alone.
import type { EditorView } from "@codemirror/view";

/** A block of the preview: the source line it starts on and its top in the preview's scroll. */
export interface Anchor {
  line: number;
  top: number;
}

/** The source line (1-based, fractional within a wrapped line) at `height` pixels down the editor's text. */
export function topLine(view: EditorView, height: number): number {
  const y = Math.max(0, height - view.documentPadding.top);
  const block = view.lineBlockAtHeight(y);
  const within = block.height > 0 ? Math.min(1, Math.max(0, (y - block.top) / block.height)) : 0;
  return view.state.doc.lineAt(block.from).number + within;
}

/** Where the preview's scroll should be for a source line: at the block the line falls in,
 * and between it and the next block by the share of lines passed. Null with no blocks. */
export function previewTop(anchors: readonly Anchor[], line: number): number | null {
  if (anchors.length === 0) return null;
  let lo = 0;
  let hi = anchors.length;
  // The last anchor starting at or before the line.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (anchors[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  const at = lo - 1;
  if (at < 0) return anchors[0].top;
  const here = anchors[at];
  const next = anchors[at + 1];
  if (!next) return here.top;
  const share = Math.min(1, (line - here.line) / (next.line - here.line));
  return here.top + share * (next.top - here.top);
}

/** The anchors of a section shown in the preview, in line order: its top as line 0 (the
 * heading), then each block; a block nested in one that starts on the same line (an
 * item's first paragraph) adds nothing. */
export function anchorsOf(section: HTMLElement, scroller: HTMLElement): Anchor[] {
  const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
  const anchors: Anchor[] = [{ line: 0, top: section.getBoundingClientRect().top - origin }];
  for (const el of section.querySelectorAll<HTMLElement>("[data-line]")) {
    const line = Number(el.dataset.line);
    if (!(line > anchors[anchors.length - 1].line)) continue;
    anchors.push({ line, top: el.getBoundingClientRect().top - origin });
  }
  return anchors;
}

/** How long after the drafter's own scrolling of the preview it is left where they put it. */
export const HANDS_OFF_MS = 1500;
/** Room kept above the block brought to the top. */
const MARGIN = 12;

export class ScrollFollower {
  private handsOffUntil = 0;
  private frame = 0;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly section: (id: number) => HTMLElement | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    for (const type of ["wheel", "touchmove", "mousedown"]) {
      scroller.addEventListener(type, () => (this.handsOffUntil = this.now() + HANDS_OFF_MS), { passive: true });
    }
  }

  /** The editor scrolled: the preview puts the same place at its top. The cursor moved:
   * the preview brings its block into view if it is out of sight, smoothly. */
  follow(sectionId: number, line: number, how: "scroll" | "cursor"): void {
    if (this.now() < this.handsOffUntil) return;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      const target = this.target(sectionId, line, how);
      if (target !== null) this.scroller.scrollTo({ top: target, behavior: how === "cursor" ? "smooth" : "auto" });
    });
  }

  /** The scroll position to go to, or null to stay. */
  target(sectionId: number, line: number, how: "scroll" | "cursor"): number | null {
    const section = this.section(sectionId);
    if (!section) return null;
    const anchors = anchorsOf(section, this.scroller);
    // At the very top of a section's text, its heading shows too.
    const top = how === "scroll" && line <= 1 ? anchors[0].top + MARGIN : previewTop(anchors, line);
    if (top === null) return null;
    const { scrollTop, clientHeight } = this.scroller;
    if (how === "cursor") {
      const inSight = top >= scrollTop && top <= scrollTop + clientHeight - 3 * MARGIN;
      return inSight ? null : Math.max(0, top - clientHeight / 3);
    }
    const wanted = top - MARGIN;
    return Math.abs(wanted - scrollTop) < 2 ? null : Math.max(0, wanted);
  }
}
