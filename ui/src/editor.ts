// The section editor: CodeMirror 6 with Markdown, wrapping, undo history, find and
// replace, and the drafting shortcuts (bold, italic, headings, lists, footnotes).
// One section at a time in one view, or the whole paper as one scrolling column of
// views, one per section under its heading. Either way each section keeps its own
// editor state (its text, cursor and undo history) while the paper is open, and moves
// between the two layouts with it: undo stays per section and no text is lost.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorSelection, EditorState, Facet, Prec, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, keymap, placeholder, type Command, type KeyBinding } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { crossSectionKeys } from "./crossSection";
import { h } from "./dom";
import { insertFootnote, toggleEmphasis, toggleHeading, toggleList, type Edit, type Selection } from "./markdownEdits";
import { topLine } from "./scrollSync";

/** The section an editor state holds, so a state can move between views. */
const sectionOf = Facet.define<number, number | null>({ combine: (ids) => ids[0] ?? null });

/** Runs a markdown edit on the main selection as one undoable step. */
function command(edit: (text: string, selection: Selection) => Edit): Command {
  return (view) => {
    const { anchor, head } = view.state.selection.main;
    const result = edit(view.state.doc.toString(), { anchor, head });
    view.dispatch({
      changes: result.changes,
      selection: EditorSelection.single(result.selection.anchor, result.selection.head),
      scrollIntoView: true,
      userEvent: "input.format",
    });
    return true;
  };
}

/** The drafting shortcuts (also listed in the editor's title for discovery). */
export const DRAFTING_KEYS: KeyBinding[] = [
  { key: "Mod-b", run: command((t, s) => toggleEmphasis(t, s, "**")) },
  { key: "Mod-i", run: command((t, s) => toggleEmphasis(t, s, "*")) },
  { key: "Mod-Shift-1", run: command((t, s) => toggleHeading(t, s, 1)) },
  { key: "Mod-Shift-2", run: command((t, s) => toggleHeading(t, s, 2)) },
  { key: "Mod-Shift-3", run: command((t, s) => toggleHeading(t, s, 3)) },
  { key: "Mod-Shift-8", run: command((t, s) => toggleList(t, s, "bullet")) },
  { key: "Mod-Shift-7", run: command((t, s) => toggleList(t, s, "numbered")) },
  { key: "Mod-Alt-f", run: command(insertFootnote) },
];

export const SHORTCUT_HELP =
  "Ctrl+B bold · Ctrl+I italic · Ctrl+Shift+1/2/3 heading · Ctrl+Shift+8 bullets · Ctrl+Shift+7 numbering · " +
  "Ctrl+Alt+F footnote · Ctrl+Alt+M note on the selection · Ctrl+F find and replace · F11 focus";

const markdownHighlight = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: "700", fontSize: "1.2em" },
  { tag: tags.heading2, fontWeight: "700", fontSize: "1.1em" },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: "700" },
  { tag: tags.strong, fontWeight: "700" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strikethrough, textDecoration: "line-through" },
  { tag: tags.link, color: "#1f3a5f", textDecoration: "underline" },
  { tag: tags.url, color: "#5a6b80" },
  { tag: tags.quote, color: "#3f4c5c", fontStyle: "italic" },
  { tag: tags.monospace, fontFamily: "var(--font-mono)", fontSize: "0.92em" },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: "#8a94a3" },
  { tag: tags.list, color: "#1f3a5f" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "15px", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--font-ui)", lineHeight: "1.6", overflow: "auto" },
  ".cm-content": { padding: "16px 20px 40vh", caretColor: "#1f3a5f", maxWidth: "46em" },
  ".cm-line": { padding: "0" },
  ".cm-placeholder": { color: "#8a94a3", fontStyle: "italic" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection": { backgroundColor: "#cfdcec" },
  ".cm-searchMatch": { backgroundColor: "#fbe7a6" },
  ".cm-searchMatch-selected": { backgroundColor: "#f5cf5b" },
  // Find and replace (Ctrl+F): laid out like the rest of the window, not like a web form.
  ".cm-panels": { backgroundColor: "#f3f5f8", color: "#1d232b", fontFamily: "var(--font-ui)", fontSize: "13px" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid #d5dbe3" },
  ".cm-panel.cm-search": {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: "6px 8px",
    padding: "8px 36px 8px 12px",
  },
  ".cm-panel.cm-search br": { flexBasis: "100%", height: "0", content: "''" },
  ".cm-panel.cm-search .cm-textfield": {
    height: "28px",
    width: "210px",
    margin: "0",
    padding: "3px 8px",
    border: "1px solid #d8dde4",
    borderRadius: "6px",
    backgroundColor: "#fff",
    fontSize: "13px",
  },
  ".cm-panel.cm-search .cm-textfield:focus": { borderColor: "#1f3a5f", outline: "none", boxShadow: "0 0 0 2px #e7eef7" },
  ".cm-panel.cm-search .cm-button": {
    height: "28px",
    margin: "0",
    padding: "0 10px",
    border: "1px solid #d8dde4",
    borderRadius: "6px",
    backgroundImage: "none",
    backgroundColor: "#fff",
    color: "#1d232b",
    fontSize: "13px",
    cursor: "pointer",
  },
  ".cm-panel.cm-search .cm-button:hover": { backgroundColor: "#e7eef7", borderColor: "#b9c9dd" },
  ".cm-panel.cm-search label": { display: "inline-flex", alignItems: "center", gap: "4px", margin: "0", color: "#5d6875", fontSize: "12px" },
  ".cm-panel.cm-search input[type=checkbox]": { margin: "0" },
  ".cm-panel.cm-search button[name=close]": {
    top: "8px",
    right: "10px",
    width: "24px",
    height: "24px",
    padding: "0",
    border: "0",
    borderRadius: "4px",
    color: "#5d6875",
    fontSize: "18px",
    lineHeight: "22px",
    cursor: "pointer",
  },
  ".cm-panel.cm-search button[name=close]:hover": { backgroundColor: "#e3e8ef" },
});

export interface SectionEditorOptions {
  /** Called with the section id and full text after every edit. */
  onChange: (sectionId: number, text: string) => void;
  /** More extensions for every section's state (review marks, references). */
  extensions?: Extension[];
  /** Ctrl+Alt+M: a note on the selected words. */
  onAddNote?: () => void;
  /** The drafter scrolled (the source line at the top, fractional) or moved the cursor (its line). */
  onMove?: (sectionId: number, line: number, how: "scroll" | "cursor") => void;
  /** In the whole paper, the drafter went into another section's text. */
  onEnterSection?: (sectionId: number) => void;
}

/** A section as the whole-paper column shows it. */
export interface StackedSection {
  id: number;
  heading: string | null;
  body: string;
}

interface Stacked {
  root: HTMLElement;
  views: Map<number, { view: EditorView; heading: HTMLElement; block: HTMLElement }>;
}

export class SectionEditor {
  private readonly single: EditorView;
  private readonly states = new Map<number, EditorState>();
  private sectionId: number | null = null;
  private stack: Stacked | null = null;

  constructor(
    private readonly parent: HTMLElement,
    private readonly options: SectionEditorOptions,
  ) {
    this.single = new EditorView({ parent, state: this.createState(null, "") });
    this.single.scrollDOM.addEventListener("scroll", () => {
      if (this.sectionId !== null && !this.stack) this.options.onMove?.(this.sectionId, topLine(this.single, this.single.scrollDOM.scrollTop), "scroll");
    });
  }

  /** The view of the section being edited (in the whole paper, the one last entered). */
  get view(): EditorView {
    return (this.sectionId !== null && this.stack?.views.get(this.sectionId)?.view) || this.single;
  }

  /** The section being edited, or null. */
  get currentSection(): number | null {
    return this.sectionId;
  }

  /** True while the whole paper is shown. */
  get whole(): boolean {
    return this.stack !== null;
  }

  /** Each shown section's view: one, or all of them in the whole paper. */
  sectionViews(): [number, EditorView][] {
    if (this.stack) return [...this.stack.views].map(([id, v]) => [id, v.view]);
    return this.sectionId === null ? [] : [[this.sectionId, this.single]];
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Shows a section, restoring its state (cursor, undo history) if it was shown before.
   * In the whole paper, makes it the section being edited and scrolls to it. */
  show(sectionId: number, text: string): void {
    if (this.stack) {
      const shown = this.stack.views.get(sectionId);
      if (!shown) return;
      if (this.sectionId !== sectionId) {
        this.sectionId = sectionId;
        if (!shown.block.contains(document.activeElement)) this.stack.root.scrollTop = shown.block.offsetTop;
      }
      return;
    }
    if (this.sectionId !== null) this.states.set(this.sectionId, this.single.state);
    this.sectionId = sectionId;
    this.single.setState(this.stateFor(sectionId, text));
  }

  /** The whole paper: every section's text under its heading, in one scrolling column. */
  showWhole(sections: StackedSection[]): void {
    this.keepStates();
    this.stack?.root.remove();
    for (const v of this.stack?.views.values() ?? []) v.view.destroy();
    const root = h("div", { class: "paper-stack", "data-testid": "paper-stack" });
    const views: Stacked["views"] = new Map();
    for (const s of sections) {
      const heading = h("h2", { class: "stack-heading" }, s.heading?.trim() || "Untitled section");
      const block = h("section", { class: "stack-section", "data-section": String(s.id) }, heading);
      const view = new EditorView({ parent: block, state: this.stateFor(s.id, s.body) });
      view.contentDOM.addEventListener("focus", () => {
        if (this.sectionId === s.id) return;
        this.sectionId = s.id;
        this.options.onEnterSection?.(s.id);
      });
      views.set(s.id, { view, heading, block });
      root.append(block);
    }
    root.addEventListener("scroll", () => {
      const at = this.topOfStack();
      if (at) this.options.onMove?.(at[0], at[1], "scroll");
    });
    this.stack = { root, views };
    this.single.dom.hidden = true;
    this.parent.classList.add("whole");
    this.parent.append(root);
    if (this.sectionId === null || !views.has(this.sectionId)) this.sectionId = sections[0]?.id ?? null;
    const current = this.sectionId === null ? undefined : views.get(this.sectionId);
    if (current) root.scrollTop = current.block.offsetTop;
  }

  /** Back to one section at a time, on the section last edited. */
  showSingle(): void {
    if (!this.stack) return;
    this.keepStates();
    for (const v of this.stack.views.values()) v.view.destroy();
    this.stack.root.remove();
    this.stack = null;
    this.parent.classList.remove("whole");
    this.single.dom.hidden = false;
    const id = this.sectionId;
    if (id !== null) {
      const kept = this.states.get(id);
      if (kept) this.single.setState(kept);
    }
  }

  /** A heading changed: the whole paper shows it. */
  headingChanged(sectionId: number, heading: string | null): void {
    const shown = this.stack?.views.get(sectionId);
    if (shown) shown.heading.textContent = heading?.trim() || "Untitled section";
  }

  /** Forgets a section's state (after it was deleted or replaced). */
  forget(sectionId: number): void {
    this.states.delete(sectionId);
    if (this.sectionId === sectionId) this.sectionId = null;
  }

  focus(): void {
    this.view.focus();
  }

  /** Puts the cursor at `pos` (clamped to the text) and scrolls it into view. */
  placeCursor(pos: number): void {
    const at = Math.max(0, Math.min(pos, this.view.state.doc.length));
    this.view.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
  }

  /** Selects [from, to) (clamped) and scrolls it into view. */
  selectRange(from: number, to: number): void {
    const length = this.view.state.doc.length;
    const clamp = (n: number) => Math.max(0, Math.min(n, length));
    this.view.dispatch({ selection: EditorSelection.single(clamp(from), clamp(to)), scrollIntoView: true });
  }

  /** The main selection, as offsets in the text. */
  get selection(): { from: number; to: number } {
    const { from, to } = this.view.state.selection.main;
    return { from, to };
  }

  /** Inserts text at the cursor (replacing the selection), as one undoable step, and leaves the cursor after it. */
  insertAtCursor(text: string): void {
    const { from, to } = this.view.state.selection.main;
    this.view.dispatch({
      changes: { from, to, insert: text },
      selection: EditorSelection.cursor(from + text.length),
      scrollIntoView: true,
      userEvent: "input.paste",
    });
  }

  destroy(): void {
    for (const v of this.stack?.views.values() ?? []) v.view.destroy();
    this.single.destroy();
    this.states.clear();
  }

  /** The kept state of a section if it still holds this text, else a fresh one. */
  private stateFor(sectionId: number, text: string): EditorState {
    const kept = this.states.get(sectionId);
    return kept && kept.doc.toString() === text ? kept : this.createState(sectionId, text);
  }

  /** Keeps every shown section's state (text, cursor, undo history) for the next layout. */
  private keepStates(): void {
    for (const [id, view] of this.sectionViews()) this.states.set(id, view.state);
  }

  /** In the whole paper, the view of the section after (or before) `view`'s. */
  private neighbour(view: EditorView, forward: boolean): EditorView | null {
    if (!this.stack) return null;
    const views = [...this.stack.views.values()].map((v) => v.view);
    const at = views.indexOf(view);
    return at === -1 ? null : (views[at + (forward ? 1 : -1)] ?? null);
  }

  /** The section at the top of the whole-paper column, and the source line there. */
  private topOfStack(): [number, number] | null {
    if (!this.stack) return null;
    const top = this.stack.root.scrollTop;
    let found: [number, number] | null = null;
    for (const [id, { view, block }] of this.stack.views) {
      if (block.offsetTop > top && found) break;
      found = [id, topLine(view, top - block.offsetTop - view.dom.offsetTop)];
    }
    return found;
  }

  private createState(sectionId: number | null, doc: string): EditorState {
    const extensions: Extension[] = [
      history(),
      drawSelection(),
      EditorView.lineWrapping,
      markdown({ base: markdownLanguage, completeHTMLTags: false }),
      syntaxHighlighting(markdownHighlight),
      search({ top: true }),
      highlightSelectionMatches(),
      // The find panel's words, as the rest of the window writes them.
      EditorState.phrases.of({
        Find: "Find",
        Replace: "Replace with",
        next: "Next",
        previous: "Previous",
        all: "All",
        "match case": "Match case",
        regexp: "Regular expression",
        "by word": "Whole words",
        replace: "Replace",
        "replace all": "Replace all",
        close: "Close",
      }),
      // Before the defaults: Ctrl+I is bold's sibling here, not "select parent syntax".
      Prec.high(keymap.of(DRAFTING_KEYS)),
      Prec.high(keymap.of([{ key: "Mod-Alt-m", run: () => (this.options.onAddNote?.(), this.options.onAddNote !== undefined) }])),
      // In the whole paper the arrows go on into the next or previous section's view.
      Prec.high(keymap.of(crossSectionKeys((view, forward) => this.neighbour(view, forward)))),
      ...(this.options.extensions ?? []),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
      placeholder("Write this section here. Markdown works: **bold**, *italic*, - lists, > quotations."),
      EditorView.contentAttributes.of({ spellcheck: "true", autocorrect: "on", "aria-label": "Section text" }),
      theme,
      sectionOf.of(sectionId ?? -1),
      EditorView.updateListener.of((update) => {
        const id = update.state.facet(sectionOf);
        if (id === null || id < 0) return;
        if (update.docChanged) this.options.onChange(id, update.state.doc.toString());
        // While typing, the preview stays with the editor's scroll; a cursor moved without
        // typing (arrows, a click, a jump) takes the preview to its block.
        if (update.selectionSet && !update.docChanged) this.options.onMove?.(id, update.state.doc.lineAt(update.state.selection.main.head).number, "cursor");
      }),
    ];
    return EditorState.create({ doc, extensions });
  }
}
