// The section editor: CodeMirror 6 with Markdown, wrapping, undo history, find and
// replace, and the drafting shortcuts (bold, italic, headings, lists, footnotes).
// One view per open paper; each section keeps its own editor state (and so its
// own undo history) while the paper is open.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorSelection, EditorState, Prec, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, keymap, placeholder, type Command, type KeyBinding } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { insertFootnote, toggleEmphasis, toggleHeading, toggleList, type Edit, type Selection } from "./markdownEdits";

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
}

export class SectionEditor {
  readonly view: EditorView;
  private readonly states = new Map<number, EditorState>();
  private sectionId: number | null = null;

  constructor(parent: HTMLElement, private readonly options: SectionEditorOptions) {
    this.view = new EditorView({ parent, state: this.createState("") });
  }

  /** The section being edited, or null. */
  get currentSection(): number | null {
    return this.sectionId;
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Shows a section, restoring its state (cursor, undo history) if it was shown before. */
  show(sectionId: number, text: string): void {
    if (this.sectionId !== null) this.states.set(this.sectionId, this.view.state);
    const kept = this.states.get(sectionId);
    this.sectionId = sectionId;
    this.view.setState(kept && kept.doc.toString() === text ? kept : this.createState(text));
  }

  /** Forgets a section's state (after it was deleted). */
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
    this.view.destroy();
    this.states.clear();
  }

  private createState(doc: string): EditorState {
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
      ...(this.options.extensions ?? []),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
      placeholder("Write this section here. Markdown works: **bold**, *italic*, - lists, > quotations."),
      EditorView.contentAttributes.of({ spellcheck: "true", autocorrect: "on", "aria-label": "Section text" }),
      theme,
      EditorView.updateListener.of((update) => {
        if (update.docChanged && this.sectionId !== null) {
          this.options.onChange(this.sectionId, update.state.doc.toString());
        }
      }),
    ];
    return EditorState.create({ doc, extensions });
  }
}
