// Moving between sections in the whole paper: each section is its own CodeMirror view,
// so ArrowDown (or PageDown) on a section's last line goes on to the next section's
// first line, and ArrowUp (PageUp) on its first line back to the previous section's
// last, keeping the cursor's horizontal place where the layout is known.
import { EditorSelection } from "@codemirror/state";
import type { EditorView, KeyBinding } from "@codemirror/view";

/** The view before (`forward` false) or after a section's view, if there is one. */
export type Neighbour = (view: EditorView, forward: boolean) => EditorView | null;

/** True when an empty cursor is on the view's first (or, `forward`, last) visual line. */
export function atEdge(view: EditorView, forward: boolean): boolean {
  const { main } = view.state.selection;
  if (!main.empty) return false;
  const doc = view.state.doc;
  const line = doc.lineAt(main.head);
  if (line.number !== (forward ? doc.lines : 1)) return false;
  // A wrapped line has several visual lines: the cursor must be on the outermost one.
  const here = view.coordsAtPos(main.head);
  const edge = view.coordsAtPos(forward ? doc.length : 0);
  return !here || !edge || (forward ? Math.abs(here.bottom - edge.bottom) < 2 : Math.abs(here.top - edge.top) < 2);
}

/**
 * Where the cursor lands coming into `view` from above (`fromAbove`: its first visual line)
 * or from below (its last), at the screen position `x` when the layout gives one, else
 * `column` characters into the line.
 */
export function entryPoint(view: EditorView, fromAbove: boolean, x: number | null, column: number): number {
  const doc = view.state.doc;
  const edge = view.coordsAtPos(fromAbove ? 0 : doc.length);
  if (x !== null && edge) {
    const pos = view.posAtCoords({ x, y: (edge.top + edge.bottom) / 2 }, false);
    if (pos !== null) return pos;
  }
  const line = doc.line(fromAbove ? 1 : doc.lines);
  return Math.min(line.from + column, line.to);
}

/** Moves from `view` into its neighbour when the cursor is at the edge it leaves by. */
function cross(neighbour: Neighbour, forward: boolean): (view: EditorView) => boolean {
  return (view) => {
    if (!atEdge(view, forward)) return false;
    const next = neighbour(view, forward);
    if (!next) return false;
    const head = view.state.selection.main.head;
    const x = view.coordsAtPos(head)?.left ?? null;
    const at = entryPoint(next, forward, x, head - view.state.doc.lineAt(head).from);
    next.focus();
    next.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true, userEvent: "select" });
    return true;
  };
}

/** The keys that cross sections; they do nothing (fall through) outside the whole paper. */
export function crossSectionKeys(neighbour: Neighbour): KeyBinding[] {
  return [
    { key: "ArrowDown", run: cross(neighbour, true) },
    { key: "PageDown", run: cross(neighbour, true) },
    { key: "ArrowUp", run: cross(neighbour, false) },
    { key: "PageUp", run: cross(neighbour, false) },
  ];
}
