import { describe, expect, it } from "vitest";
import {
  applyEdit,
  endOfParagraph,
  insertFootnote,
  mapPosition,
  nextFootnoteNumber,
  toggleEmphasis,
  toggleHeading,
  toggleList,
  type Edit,
  type Selection,
} from "./markdownEdits";

/**
 * Writes a text with its selection marked: "|" for the cursor, "[" and "]" for a
 * selection's start and end. Parsing and printing the same way keeps the tests readable.
 */
function parse(marked: string): { text: string; selection: Selection } {
  const cursor = marked.indexOf("|");
  if (cursor !== -1) {
    const text = marked.replace("|", "");
    return { text, selection: { anchor: cursor, head: cursor } };
  }
  const from = marked.indexOf("[");
  const to = marked.indexOf("]", from) - 1;
  const text = marked.slice(0, from) + marked.slice(from + 1, to + 1) + marked.slice(to + 2);
  return { text, selection: { anchor: from, head: to } };
}

function print(text: string, selection: Selection): string {
  const from = Math.min(selection.anchor, selection.head);
  const to = Math.max(selection.anchor, selection.head);
  if (from === to) return text.slice(0, from) + "|" + text.slice(from);
  return text.slice(0, from) + "[" + text.slice(from, to) + "]" + text.slice(to);
}

function run(marked: string, edit: (text: string, selection: Selection) => Edit): string {
  const { text, selection } = parse(marked);
  const result = edit(text, selection);
  // changes are sorted and do not overlap
  for (let i = 1; i < result.changes.length; i++) expect(result.changes[i].from).toBeGreaterThanOrEqual(result.changes[i - 1].to);
  return print(applyEdit(text, result), result.selection);
}

describe("bold and italic", () => {
  const bold = (t: string, s: Selection) => toggleEmphasis(t, s, "**");
  const italic = (t: string, s: Selection) => toggleEmphasis(t, s, "*");

  it("wraps the selection and keeps it selected", () => {
    expect(run("Italy [supports] the Chair.", bold)).toBe("Italy **[supports]** the Chair.");
    expect(run("Italy [supports] the Chair.", italic)).toBe("Italy *[supports]* the Chair.");
  });

  it("keeps spaces at the ends of the selection outside the markers", () => {
    expect(run("Italy[ supports ]the Chair.", bold)).toBe("Italy **[supports]** the Chair.");
  });

  it("unwraps when the markers are just outside or inside the selection", () => {
    expect(run("Italy **[supports]** the Chair.", bold)).toBe("Italy [supports] the Chair.");
    expect(run("Italy [**supports**] the Chair.", bold)).toBe("Italy [supports] the Chair.");
    expect(run("Italy *[supports]* the Chair.", italic)).toBe("Italy [supports] the Chair.");
  });

  it("tells bold from italic", () => {
    // italic on bold text makes it bold italic, and back
    expect(run("**[firmly]**", italic)).toBe("***[firmly]***");
    expect(run("***[firmly]***", italic)).toBe("**[firmly]**");
    expect(run("***[firmly]***", bold)).toBe("*[firmly]*");
    // bold on italic text does not strip the italic markers
    expect(run("*[firmly]*", bold)).toBe("***[firmly]***");
  });

  it("inserts an empty pair at the cursor, and removes it again", () => {
    expect(run("Text |", bold)).toBe("Text **|**");
    expect(run("Text **|**", bold)).toBe("Text |");
    expect(run("Text |", italic)).toBe("Text *|*");
  });
});

describe("headings", () => {
  it("sets the level at the line start, replacing another level", () => {
    expect(run("General rem|arks\n\nText.", (t, s) => toggleHeading(t, s, 2))).toBe("## General rem|arks\n\nText.");
    expect(run("### General rem|arks", (t, s) => toggleHeading(t, s, 1))).toBe("# General rem|arks");
  });

  it("toggles the same level off", () => {
    expect(run("Intro\n## General rem|arks", (t, s) => toggleHeading(t, s, 2))).toBe("Intro\nGeneral rem|arks");
    expect(run("#|", (t, s) => toggleHeading(t, s, 1))).toBe("|");
  });

  it("treats every selected line", () => {
    expect(run("[One\nTwo]\nThree", (t, s) => toggleHeading(t, s, 3))).toBe("[### One\n### Two]\nThree");
  });
});

describe("lists", () => {
  it("makes selected lines a bulleted list and back", () => {
    expect(run("[Sovereignty\nNon-intervention]", (t, s) => toggleList(t, s, "bullet"))).toBe("[- Sovereignty\n- Non-intervention]");
    expect(run("- [Sovereignty\n- Non-intervention]", (t, s) => toggleList(t, s, "bullet"))).toBe("[Sovereignty\nNon-intervention]");
  });

  it("numbers lines in order, leaving blank lines and indentation alone", () => {
    expect(run("[a\n\n  b\nc]", (t, s) => toggleList(t, s, "numbered"))).toBe("[1. a\n\n  2. b\n3. c]");
  });

  it("turns a bulleted list into a numbered one", () => {
    expect(run("- on|e\n- two", (t, s) => toggleList(t, s, "numbered"))).toBe("1. on|e\n- two");
    expect(run("[- one\n- two]", (t, s) => toggleList(t, s, "numbered"))).toBe("[1. one\n2. two]");
  });

  it("leaves out a line the selection only touches at its start", () => {
    expect(run("[one\n]two", (t, s) => toggleList(t, s, "bullet"))).toBe("[- one\n]two");
  });

  it("starts a list on an empty line", () => {
    expect(run("Text\n\n|", (t, s) => toggleList(t, s, "bullet"))).toBe("Text\n\n- |");
  });
});

describe("footnotes", () => {
  it("numbers after the highest label", () => {
    expect(nextFootnoteNumber("No notes.")).toBe(1);
    expect(nextFootnoteNumber("A[^1] b[^3].\n\n[^1]: x\n[^3]: y")).toBe(4);
    expect(nextFootnoteNumber("A[^note] b.")).toBe(1);
  });

  it("puts the reference at the cursor and the definition at the end, cursor there", () => {
    expect(run("As agreed| in 2015.\n\nMore text.", insertFootnote)).toBe("As agreed[^1] in 2015.\n\nMore text.\n\n[^1]: |");
  });

  it("adds a definition under the earlier ones", () => {
    expect(run("A[^1] b|.\n\n[^1]: A/70/174, para. 13.\n", insertFootnote)).toBe("A[^1] b[^2].\n\n[^1]: A/70/174, para. 13.\n[^2]: |");
  });

  it("works at the end of the text, after blank lines, and in an empty section", () => {
    expect(run("Text.|", insertFootnote)).toBe("Text.[^1]\n\n[^1]: |");
    expect(run("Text.\n\n|", insertFootnote)).toBe("Text.\n\n[^1]\n\n[^1]: |");
    expect(run("|", insertFootnote)).toBe("[^1]\n\n[^1]: |");
  });

  it("keeps the selected text and puts the reference after it", () => {
    expect(run("[resolution 73/27] applies.", insertFootnote)).toBe("resolution 73/27[^1] applies.\n\n[^1]: |");
  });
});

describe("positions", () => {
  it("maps a position through changes", () => {
    const changes = [
      { from: 0, to: 0, insert: "## " },
      { from: 5, to: 7, insert: "" },
    ];
    expect(mapPosition(0, changes)).toBe(3);
    expect(mapPosition(4, changes)).toBe(7);
    expect(mapPosition(6, changes)).toBe(8);
    expect(mapPosition(9, changes)).toBe(10);
    expect(mapPosition(0, changes, -1)).toBe(0);
  });

  it("finds the end of the paragraph a report opened", () => {
    const text = "Intro.\n\nOn norm 13(c) (Territory): We act.\nStill here.\n\nOn norm 13(g) (Protection): ";
    expect(endOfParagraph(text, "On norm 13(c) (")).toBe(text.indexOf("\n\nOn norm 13(g)"));
    expect(endOfParagraph(text, "On norm 13(g) (")).toBe(text.length);
    expect(endOfParagraph(text, "On norm 13(k) (")).toBe(text.length);
  });
});
