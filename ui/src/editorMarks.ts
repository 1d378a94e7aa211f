// What the editor shows over the text without changing it: review notes coloured by
// kind, the marks of the last check (unresolved references, deviating and verified
// quotations), the cited paragraph on hovering a reference, and completion of
// symbols and paragraph labels after "[@".
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { StateEffect, StateField, type Extension, type Range } from "@codemirror/state";
import { Decoration, EditorView, hoverTooltip, type DecorationSet } from "@codemirror/view";
import type { CheckMark } from "./check";
import type { NoteRange } from "./review";

export const setNoteMarks = StateEffect.define<NoteRange[]>();
export const setCheckMarks = StateEffect.define<CheckMark[]>();

function field<T>(effect: ReturnType<typeof StateEffect.define<T[]>>, build: (items: T[], length: number) => DecorationSet): StateField<DecorationSet> {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(value, tr) {
      let next = value.map(tr.changes);
      for (const e of tr.effects) if (e.is(effect)) next = build(e.value, tr.state.doc.length);
      return next;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
}

const noteField = field(setNoteMarks, (notes, length) => {
  const ranges: Range<Decoration>[] = [];
  for (const n of notes) {
    const from = Math.min(n.from, length);
    const to = Math.min(n.to, length);
    if (to <= from) continue;
    ranges.push(
      Decoration.mark({
        class: `cm-note cm-note-${n.kind}${n.resolved ? " cm-note-resolved" : ""}`,
        attributes: { "data-note-id": String(n.id) },
      }).range(from, to),
    );
  }
  return Decoration.set(ranges, true);
});

const checkField = field(setCheckMarks, (marks, length) => {
  const ranges: Range<Decoration>[] = [];
  for (const m of marks) {
    const from = Math.min(m.from, length);
    const to = Math.min(m.to, length);
    if (to <= from) continue;
    ranges.push(Decoration.mark({ class: `cm-check cm-check-${m.kind}`, attributes: { title: m.title } }).range(from, to));
  }
  return Decoration.set(ranges, true);
});

const marksTheme = EditorView.baseTheme({
  ".cm-note": { borderBottom: "2px solid", borderRadius: "2px" },
  ".cm-note-comment": { backgroundColor: "#eceef1", borderColor: "#8a94a3" },
  ".cm-note-legal-risk": { backgroundColor: "#fbe3e3", borderColor: "#c0392b" },
  ".cm-note-needs-authority": { backgroundColor: "#fcefd2", borderColor: "#c98a00" },
  ".cm-note-proposed-wording": { backgroundColor: "#e1ebf8", borderColor: "#2f6db5" },
  ".cm-note-consistent": { backgroundColor: "#e2f0e6", borderColor: "#2e6b3f" },
  ".cm-note-resolved": { backgroundColor: "transparent", borderBottomStyle: "dotted" },
  ".cm-check-unresolved": { textDecoration: "underline wavy #c0392b", textUnderlineOffset: "3px" },
  ".cm-check-deviation": { textDecoration: "underline wavy #c98a00", textUnderlineOffset: "3px" },
  ".cm-check-verified": { textDecoration: "underline #7cb38a", textUnderlineOffset: "3px" },
  ".cm-tooltip.cm-reference-tooltip": {
    maxWidth: "420px",
    padding: "8px 10px",
    fontSize: "13px",
    lineHeight: "1.45",
    backgroundColor: "#fff",
    border: "1px solid #d8dde4",
    borderRadius: "6px",
    boxShadow: "0 4px 14px rgba(20, 35, 55, 0.15)",
  },
  ".cm-reference-tooltip .ref-label": { fontWeight: "600", color: "#1f3a5f", marginBottom: "4px" },
  ".cm-reference-tooltip .ref-missing": { color: "#a4262c" },
});

/** A reference at a position: the bracket's `[@SYMBOL, para. LABEL]` part under the pointer. */
export interface ReferenceAt {
  from: number;
  to: number;
  symbol: string;
  /** the first paragraph label, when one is given */
  label: string | null;
}

const REFERENCE = /\[@[^\]\n]*\]/g;

/** The reference (one item of a `[@…; @…]` bracket) at `pos` of `line`, offsets in the line. */
export function referenceAt(line: string, pos: number): ReferenceAt | null {
  for (const m of line.matchAll(REFERENCE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (pos < start || pos > end) continue;
    // Split the bracket's items on ";" and find the one under pos.
    let offset = start + 1;
    for (const item of m[0].slice(1, -1).split(";")) {
      const itemEnd = offset + item.length;
      if (pos >= offset && pos <= itemEnd) {
        const parsed = parseReference(item);
        return parsed ? { from: offset, to: itemEnd, ...parsed } : null;
      }
      offset = itemEnd + 1;
    }
  }
  return null;
}

/** "@A/70/174, para. 13(a)" → symbol and label; "annex I, para. 2" → "annex I, 2"; "preamble, para. 2" → "preamble, 2". */
export function parseReference(item: string): { symbol: string; label: string | null } | null {
  const m = /^\s*@([^,\s]+(?:\s[^,]*)?)\s*(?:,\s*(.*))?$/.exec(item);
  if (!m) return null;
  const symbol = m[1].trim();
  const locator = (m[2] ?? "").trim();
  if (!locator) return { symbol, label: null };
  const annex = /^(annex\s+[IVXLC\d]+|preamble)\s*,\s*paras?\.\s*(.+)$/i.exec(locator);
  if (annex) return { symbol, label: `${annex[1]}, ${firstLabel(annex[2])}` };
  const para = /^paras?\.\s*(.+)$/i.exec(locator);
  return { symbol, label: para ? firstLabel(para[1]) : null };
}

function firstLabel(text: string): string {
  // "1.1-1.3" or "10(a)-10(j)": the range's first label.
  return text.split(/\s*[-–]\s*/)[0].replace(/\s+\(/g, "(").trim();
}

export interface ReferenceSource {
  /** Known symbols with their short title, for completion. */
  symbols(): Promise<{ symbol: string; title: string }[]>;
  /** A document's paragraphs, for completion and hover. */
  paragraphs(symbol: string): Promise<{ label: string; text: string }[]>;
}

/** The part a paragraph label names before its number: "annex I, " or "preamble, ". */
const PART = /^(?:annex\s+[IVXLC\d]+|preamble),\s*/i;

/** Completion after "[@" (symbols) and after "[@SYMBOL, para. " (labels). */
export function referenceCompletion(source: ReferenceSource) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const label = /(?:\[|;\s*)@([^,\];\s]+)\s*,\s*(?:(?:annex\s+[IVXLC\d]+|preamble)\s*,\s*)?paras?\.\s*([^\];]*)$/i.exec(before);
    if (label) {
      const paragraphs = await source.paragraphs(label[1]).catch(() => []);
      const typed = label[2];
      return {
        from: context.pos - typed.length,
        options: paragraphs.map((p) => ({ label: p.label.replace(PART, ""), detail: PART.test(p.label) ? p.label : undefined, info: p.text, type: "text" })),
        validFor: /^[\w().]*$/,
      };
    }
    const symbol = /(?:\[|;\s*)@([^,\];\s]*)$/.exec(before);
    if (symbol) {
      const symbols = await source.symbols().catch(() => []);
      return {
        from: context.pos - symbol[1].length,
        options: symbols.map((s) => ({ label: s.symbol, detail: s.title, type: "constant" })),
        validFor: /^[\w/.-]*$/,
      };
    }
    return null;
  };
}

/** The cited paragraph's text on hovering a reference. */
export function referenceHover(source: ReferenceSource): Extension {
  return hoverTooltip(async (view, pos) => {
    const line = view.state.doc.lineAt(pos);
    const ref = referenceAt(line.text, pos - line.from);
    if (!ref) return null;
    const paragraphs = await source.paragraphs(ref.symbol).catch(() => null);
    const found = ref.label ? paragraphs?.find((p) => p.label.replace(/\s+/g, "") === ref.label!.replace(/\s+/g, "")) : null;
    return {
      pos: line.from + ref.from,
      end: line.from + ref.to,
      above: true,
      create: () => {
        const dom = document.createElement("div");
        dom.className = "cm-reference-tooltip";
        const head = document.createElement("div");
        head.className = "ref-label";
        head.textContent = ref.label ? `${ref.symbol}, para. ${ref.label}` : ref.symbol;
        const body = document.createElement("div");
        if (paragraphs === null || paragraphs.length === 0) {
          body.className = "ref-missing";
          body.textContent = `${ref.symbol} is not in the library.`;
        } else if (ref.label && !found) {
          body.className = "ref-missing";
          body.textContent = `${ref.symbol} has no paragraph ${ref.label}.`;
        } else {
          body.textContent = found ? found.text : `${paragraphs.length} paragraphs in the library.`;
        }
        dom.append(head, body);
        return { dom };
      },
    };
  });
}

/** Everything above, for the section editor. */
export function reviewExtensions(source: ReferenceSource | null): Extension[] {
  const out: Extension[] = [noteField, checkField, marksTheme];
  if (source) {
    out.push(referenceHover(source), autocompletion({ override: [referenceCompletion(source)], activateOnTyping: true, icons: false }));
  }
  return out;
}
