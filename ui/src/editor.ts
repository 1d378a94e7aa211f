// The section editor: CodeMirror 6 with Markdown, wrapping, undo history, search.
// One view per open paper; each section keeps its own editor state (and so its
// own undo history) while the paper is open.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorState, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, keymap, placeholder } from "@codemirror/view";
import { tags } from "@lezer/highlight";

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
  ".cm-panels": { backgroundColor: "#f3f5f8", borderColor: "#d5dbe3" },
  ".cm-searchMatch": { backgroundColor: "#fbe7a6" },
  ".cm-searchMatch-selected": { backgroundColor: "#f5cf5b" },
});

export interface SectionEditorOptions {
  /** Called with the section id and full text after every edit. */
  onChange: (sectionId: number, text: string) => void;
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
