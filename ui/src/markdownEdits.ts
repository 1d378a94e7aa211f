// Markdown edits behind the editor's shortcuts: bold and italic, headings, lists,
// footnotes. Pure functions of the text and the selection, with no DOM and no
// CodeMirror: each returns the changes (in the old text's positions) and where the
// selection goes (in the new text's positions). editor.ts applies them.

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export interface Selection {
  anchor: number;
  head: number;
}

export interface Edit {
  /** sorted, not overlapping, positions in the text before the edit */
  changes: TextChange[];
  /** positions in the text after the edit */
  selection: Selection;
}

/** The text after an edit (for tests and for callers without an editor). */
export function applyEdit(text: string, edit: Pick<Edit, "changes">): string {
  let out = "";
  let at = 0;
  for (const change of edit.changes) {
    out += text.slice(at, change.from) + change.insert;
    at = change.to;
  }
  return out + text.slice(at);
}

/**
 * Where a position of the old text lands in the new text: after text inserted at it,
 * or before it with `assoc` -1.
 */
export function mapPosition(pos: number, changes: TextChange[], assoc: 1 | -1 = 1): number {
  let offset = 0;
  for (const change of changes) {
    if (change.from > pos || (assoc < 0 && change.from === pos)) break;
    if (pos >= change.to) offset += change.insert.length - (change.to - change.from);
    else return change.from + offset + change.insert.length;
  }
  return pos + offset;
}

function range(selection: Selection): { from: number; to: number } {
  return { from: Math.min(selection.anchor, selection.head), to: Math.max(selection.anchor, selection.head) };
}

// ---------------------------------------------------------------- bold, italic

export type Emphasis = "**" | "*";

function starsBefore(text: string, pos: number): number {
  let n = 0;
  while (pos - n > 0 && text[pos - n - 1] === "*") n += 1;
  return n;
}

function starsAfter(text: string, pos: number): number {
  let n = 0;
  while (pos + n < text.length && text[pos + n] === "*") n += 1;
  return n;
}

/** Whether runs of `stars` on both sides make the emphasis: bold needs two, italic an odd count (*x* or ***x***). */
function marked(stars: number, marker: Emphasis): boolean {
  return marker === "**" ? stars >= 2 : stars % 2 === 1;
}

/**
 * Ctrl+B / Ctrl+I: wraps the selection in ** or *, or unwraps it when it already is
 * (markers inside or just outside the selection). Spaces at the ends of the selection
 * stay outside the markers, as Markdown needs. With no selection, inserts an empty
 * pair with the cursor between.
 */
export function toggleEmphasis(text: string, selection: Selection, marker: Emphasis): Edit {
  const m = marker.length;
  let { from, to } = range(selection);
  const selected = text.slice(from, to);

  // Markers inside the selection: "**bold**" selected.
  const inner = Math.min(starsAfter(text, from), starsBefore(text, to));
  if (selected.length > 2 * m && inner < selected.length / 2 && marked(inner, marker)) {
    return {
      changes: [
        { from, to: from + m, insert: "" },
        { from: to - m, to, insert: "" },
      ],
      selection: { anchor: from, head: to - 2 * m },
    };
  }
  // Markers just outside it: "bold" selected in "**bold**", or the cursor in "****".
  const outer = Math.min(starsBefore(text, from), starsAfter(text, to));
  if (marked(outer, marker) && (from < to || text.slice(from - m, to + m) === marker + marker)) {
    return {
      changes: [
        { from: from - m, to: from, insert: "" },
        { from: to, to: to + m, insert: "" },
      ],
      selection: { anchor: from - m, head: to - m },
    };
  }
  if (from === to) {
    return { changes: [{ from, to, insert: marker + marker }], selection: { anchor: from + m, head: from + m } };
  }
  // Keep surrounding spaces outside: "** bold**" is not bold.
  while (from < to && /\s/.test(text[from])) from += 1;
  while (to > from && /\s/.test(text[to - 1])) to -= 1;
  if (from === to) return { changes: [], selection };
  return {
    changes: [
      { from, to: from, insert: marker },
      { from: to, to, insert: marker },
    ],
    selection: { anchor: from + m, head: to + m },
  };
}

// ---------------------------------------------------------------- lines

interface Line {
  from: number;
  to: number;
  text: string;
}

/** The lines the selection touches (a selection ending at a line's start leaves that line out). */
function linesOf(text: string, selection: Selection): Line[] {
  const { from, to: end } = range(selection);
  const to = end > from && (text[end - 1] === "\n") ? end - 1 : end;
  let start = text.lastIndexOf("\n", from - 1) + 1;
  const lines: Line[] = [];
  for (;;) {
    let stop = text.indexOf("\n", start);
    if (stop === -1) stop = text.length;
    lines.push({ from: start, to: stop, text: text.slice(start, stop) });
    if (stop >= to || stop === text.length) break;
    start = stop + 1;
  }
  return lines;
}

function editLines(text: string, selection: Selection, changes: TextChange[]): Edit {
  const sorted = changes.filter((c) => c.insert !== text.slice(c.from, c.to)).sort((a, b) => a.from - b.from);
  // A selection of whole lines stays whole: its start stays before a marker put at a line start.
  const { from, to } = range(selection);
  const map = (pos: number) => mapPosition(pos, sorted, from < to && pos === from ? -1 : 1);
  return { changes: sorted, selection: { anchor: map(selection.anchor), head: map(selection.head) } };
}

const HEADING = /^(#{1,6})(?:[ \t]+|$)/;

/** Ctrl+Shift+1/2/3: makes the lines headings of that level, or plain text when they already are. */
export function toggleHeading(text: string, selection: Selection, level: number): Edit {
  const lines = linesOf(text, selection).filter((l, _, all) => all.length === 1 || l.text.trim() !== "");
  const prefix = "#".repeat(level) + " ";
  const already = lines.every((l) => HEADING.exec(l.text)?.[1].length === level);
  return editLines(
    text,
    selection,
    lines.map((line) => {
      const existing = HEADING.exec(line.text)?.[0] ?? "";
      return { from: line.from, to: line.from + existing.length, insert: already ? "" : prefix };
    }),
  );
}

const BULLET = /^([ \t]*)([-*+])[ \t]+/;
const NUMBERED = /^([ \t]*)(\d{1,9})[.)][ \t]+/;

export type ListKind = "bullet" | "numbered";

/**
 * Ctrl+Shift+8 / Ctrl+Shift+7: makes the selected lines a bulleted or numbered list
 * (numbered 1, 2, 3…), or plain paragraphs when they all already are one. Blank lines
 * are left alone; indentation is kept.
 */
export function toggleList(text: string, selection: Selection, kind: ListKind): Edit {
  const all = linesOf(text, selection);
  const lines = all.filter((l) => l.text.trim() !== "");
  const own = kind === "bullet" ? BULLET : NUMBERED;
  const already = lines.length > 0 && lines.every((l) => own.test(l.text));
  if (lines.length === 0) {
    // An empty line: start the list there.
    const line = all[0];
    return editLines(text, selection, [{ from: line.from, to: line.from, insert: kind === "bullet" ? "- " : "1. " }]);
  }
  return editLines(
    text,
    selection,
    lines.map((line, i) => {
      const match = BULLET.exec(line.text) ?? NUMBERED.exec(line.text);
      const indent = match?.[1] ?? /^[ \t]*/.exec(line.text)![0];
      const existing = match?.[0] ?? indent;
      const marker = already ? "" : kind === "bullet" ? "- " : `${i + 1}. `;
      return { from: line.from, to: line.from + existing.length, insert: indent + marker };
    }),
  );
}

// ---------------------------------------------------------------- footnotes

const FOOTNOTE_LABEL = /\[\^(\d+)\]/g;
const FOOTNOTE_DEFINITION = /^\[\^[^\]\s]+\]:/;

/** The next footnote number: one more than the highest numeric label in the text. */
export function nextFootnoteNumber(text: string): number {
  let highest = 0;
  for (const match of text.matchAll(FOOTNOTE_LABEL)) highest = Math.max(highest, Number(match[1]));
  return highest + 1;
}

/**
 * Ctrl+Alt+F: puts a reference [^n] after the selection and a definition "[^n]: " at
 * the end of the section (after any earlier definitions), with the cursor there.
 */
export function insertFootnote(text: string, selection: Selection): Edit {
  const n = nextFootnoteNumber(text);
  const ref = `[^${n}]`;
  const at = range(selection).to;
  const end = text.trimEnd().length;
  const lastLine = (s: string) => s.slice(s.lastIndexOf("\n") + 1);
  const definition = (before: string) => (before === "" ? "" : FOOTNOTE_DEFINITION.test(lastLine(before)) ? "\n" : "\n\n") + `${ref}: `;
  let changes: TextChange[];
  if (at < end) {
    changes = [
      { from: at, to: at, insert: ref },
      { from: end, to: text.length, insert: definition(text.slice(0, end)) },
    ];
  } else {
    // At the end of the text, in blank space after it, or in an empty section.
    const before = (text.slice(0, at) + ref).trimEnd();
    changes = [{ from: at, to: text.length, insert: before.slice(at) + definition(before) }];
  }
  const length = applyEdit(text, { changes }).length;
  return { changes, selection: { anchor: length, head: length } };
}

// ---------------------------------------------------------------- finding text

/**
 * The end of the last paragraph that starts with `opening` (e.g. "On norm 13(c) ("),
 * where a drafter goes on writing; the end of the text when there is none.
 */
export function endOfParagraph(text: string, opening: string): number {
  const start = text.lastIndexOf(opening);
  if (start === -1) return text.length;
  const stop = text.slice(start).search(/\n[ \t]*\n/);
  return stop === -1 ? text.length : start + stop;
}
