import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Annotation, CheckReport } from "./api";
import { byteToUtf16, checkMarks, reportSummary } from "./check";
import { parseReference, referenceAt } from "./editorMarks";
import { adoptionOf, agreedQuotation, highlightSegments, locator, openImportDialog } from "./library";
import { filterNotes, noteRanges, selectionQuote } from "./review";

const person = (role: Annotation["author"]["role"]) => ({ id: 1, name: "Anna", role });
function note(id: number, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    paperId: 1,
    sectionId: 10,
    kind: "comment",
    body: "b",
    proposal: null,
    status: "open",
    author: person("drafter"),
    anchor: { quote: "q", prefix: "", suffix: "", start: 0, end: 1 },
    orphan: false,
    range: [0, 1],
    thread: [],
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...extra,
  };
}

describe("note filters", () => {
  const sections = [
    { id: 10, pillar: "law" },
    { id: 11, pillar: "norms" },
  ];
  const notes = [
    note(1, { kind: "legal-risk", author: person("legal-adviser") }),
    note(2, { kind: "legal-risk", status: "resolved", author: person("legal-adviser") }),
    note(3, { sectionId: 11, kind: "comment" }),
    note(4, { orphan: true, range: null }),
  ];
  const ids = (f: Parameters<typeof filterNotes>[1]) => filterNotes(notes, f, sections).map((n) => n.id);

  it("lets everything through when empty", () => expect(ids({})).toEqual([1, 2, 3, 4]));
  it("combines status, kind, role and pillar: open legal risks in the law sections", () => {
    expect(ids({ status: "open", kind: "legal-risk", role: "legal-adviser", pillar: "law" })).toEqual([1]);
    expect(ids({ pillar: "norms" })).toEqual([3]);
  });
  it("keeps one section, or the orphans only", () => {
    expect(ids({ sectionId: 11 })).toEqual([3]);
    expect(ids({ orphansOnly: true })).toEqual([4]);
  });
});

describe("highlight ranges", () => {
  it("keeps the section's anchored notes, clamped and in order, without orphans or empty ranges", () => {
    const notes = [
      note(1, { range: [20, 30], kind: "legal-risk" }),
      note(2, { range: [2, 5], status: "resolved" }),
      note(3, { orphan: true, range: null }),
      note(4, { sectionId: 99, range: [0, 3] }),
      note(5, { range: [7, 7] }),
      note(6, { range: [24, 80] }),
    ];
    expect(noteRanges(notes, 10, 25)).toEqual([
      { id: 2, kind: "comment", from: 2, to: 5, resolved: true },
      { id: 1, kind: "legal-risk", from: 20, to: 25, resolved: false },
      { id: 6, kind: "comment", from: 24, to: 25, resolved: false },
    ]);
  });
});

describe("occurrence of a selection", () => {
  const text = "States should. States should cooperate. States should act.";
  it("counts which occurrence of the selected words it is", () => {
    expect(selectionQuote(text, 0, 13)).toEqual({ quote: "States should", occurrence: 1 });
    expect(selectionQuote(text, 15, 28)).toEqual({ quote: "States should", occurrence: 2 });
    expect(selectionQuote(text, 53, 40)).toEqual({ quote: "States should", occurrence: 3 });
  });
  it("counts like the core (non-overlapping) and refuses an empty selection", () => {
    expect(selectionQuote("aaaa", 2, 4)).toEqual({ quote: "aa", occurrence: 2 });
    expect(selectionQuote("aaaa", 1, 3)).toEqual({ quote: "aa", occurrence: 1 });
    expect(selectionQuote(text, 5, 5)).toBeNull();
    expect(selectionQuote("a   b", 1, 4)).toBeNull();
  });
});

describe("search snippets", () => {
  it("turns byte ranges into string runs", () => {
    expect(highlightSegments("cable owners and cables", [{ start: 0, end: 5 }, { start: 17, end: 23 }])).toEqual([
      { text: "cable", hit: true },
      { text: " owners and ", hit: false },
      { text: "cables", hit: true },
    ]);
  });
  it("counts non-ASCII text in UTF-8 bytes", () => {
    // "Sécurité “câbles”": é and â are 2 bytes, the quote marks 3.
    const snippet = "Sécurité “câbles” 🌊 câble";
    const bytes = new TextEncoder().encode(snippet);
    const start = new TextEncoder().encode("Sécurité “").length;
    const end = start + new TextEncoder().encode("câbles").length;
    const last = bytes.length - new TextEncoder().encode("câble").length;
    expect(highlightSegments(snippet, [{ start: last, end: bytes.length }, { start, end }])).toEqual([
      { text: "Sécurité “", hit: false },
      { text: "câbles", hit: true },
      { text: "” 🌊 ", hit: false },
      { text: "câble", hit: true },
    ]);
  });
});

describe("agreed text", () => {
  it("quotes the paragraph with its reference", () => {
    expect(agreedQuotation("  States should\n cooperate. ", "A/70/174", "13(a)")).toBe("“States should cooperate.” [@A/70/174, para. 13(a)]");
    expect(agreedQuotation("Test twice a year.", "A/99/123", "annex I, 2")).toBe("“Test twice a year.” [@A/99/123, annex I, para. 2]");
    expect(locator("19")).toBe("para. 19");
    expect(agreedQuotation("Recalling its resolution 97/41,", "A/RES/99/1", "preamble, 2")).toBe("“Recalling its resolution 97/41,” [@A/RES/99/1, preamble, para. 2]");
  });
  it("reads the adoption from the import form", () => {
    expect(adoptionOf("consensus", "", "", "")).toEqual({ how: "consensus" });
    expect(adoptionOf("recorded-vote", "119", "46", "x")).toEqual({ how: "recorded-vote", yes: 119, no: 46, abstain: 0 });
    expect(adoptionOf("", "", "", "")).toBeUndefined();
  });
});

describe("check marks", () => {
  it("converts UTF-8 byte offsets to UTF-16", () => {
    expect(byteToUtf16("abc", 2)).toBe(2);
    expect(byteToUtf16("“é” x", 5)).toBe(2);
    expect(byteToUtf16("“é” x", 8)).toBe(3);
    expect(byteToUtf16("🌊x", 4)).toBe(2);
  });
  it("marks brackets of unresolved references and the quotations before deviating or verified ones", () => {
    const body = "Ruritania recalls “stay calm” [@A/1, para. 1] and “be kind” [@A/1, para. 2]; see [@X/9, para. 1; @A/1, para. 99].";
    const enc = (s: string) => new TextEncoder().encode(s).length;
    const span = (needle: string) => ({ start: enc(body.slice(0, body.indexOf(needle))), end: enc(body.slice(0, body.indexOf(needle) + needle.length)) });
    const at = (needle: string) => ({ sectionId: 5, section: "S", line: 1, column: 1, span: span(needle) });
    const report: CheckReport = {
      unresolved: [
        { ...at("[@X/9, para. 1; @A/1, para. 99]"), reference: "@X/9, para. 1", reason: { code: "unknown-symbol" }, message: "X/9 is not in the library" },
        { ...at("[@X/9, para. 1; @A/1, para. 99]"), reference: "@A/1, para. 99", reason: { code: "unknown-paragraph", label: "99" }, message: "A/1 has no paragraph 99" },
        { ...at("[@A/1, para. 2]"), sectionId: 6, reference: "@A/1, para. 2", reason: { code: "unknown-symbol" }, message: "other section" },
      ],
      deviations: [{ ...at("[@A/1, para. 2]"), reference: "@A/1, para. 2", quotation: "be kind", agreed: "be good", changes: [], inline: "be [-good-]{+kind+}" }],
      verified: [{ ...at("[@A/1, para. 1]"), reference: "@A/1, para. 1", quotation: "stay calm" }],
    };
    const marks = checkMarks(report, 5, body);
    const slice = (m: { from: number; to: number }) => body.slice(m.from, m.to);
    expect(marks.map((m) => [m.kind, slice(m)])).toEqual([
      ["verified", "stay calm"],
      ["deviation", "be kind"],
      ["unresolved", "[@X/9, para. 1; @A/1, para. 99]"],
    ]);
    expect(marks[1].title).toContain("be [-good-]{+kind+}");
    expect(marks[2].title).toBe("X/9 is not in the library");
    expect(reportSummary(report)).toBe("3 unresolved references · 1 deviation · 1 verified quotation");
  });
});

describe("references in the text", () => {
  it("reads symbol and label", () => {
    expect(parseReference("@A/70/174, para. 13(a)")).toEqual({ symbol: "A/70/174", label: "13(a)" });
    expect(parseReference(" @A/99/123, annex I, para. 2")).toEqual({ symbol: "A/99/123", label: "annex I, 2" });
    expect(parseReference("@A/RES/99/1, preamble, para. 2")).toEqual({ symbol: "A/RES/99/1", label: "preamble, 2" });
    expect(parseReference("@A/99/123, paras. 10(a)-10(j)")).toEqual({ symbol: "A/99/123", label: "10(a)" });
    expect(parseReference("@A/RES/73/27")).toEqual({ symbol: "A/RES/73/27", label: null });
  });
  it("finds the item of a bracket under the pointer", () => {
    const line = "See [@A/1, para. 9; @A/RES/2, para. 1] now.";
    expect(referenceAt(line, 8)).toMatchObject({ symbol: "A/1", label: "9" });
    expect(referenceAt(line, 25)).toMatchObject({ symbol: "A/RES/2", label: "1" });
    expect(referenceAt(line, 1)).toBeNull();
  });
});

describe("Import dialog", () => {
  afterEach(() => {
    clearMocks();
    document.body.innerHTML = "";
  });

  it("shows preambular paragraphs with the others and saves the label the user fixed", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
      if (cmd === "library_split") {
        return { paragraphs: [
          { label: "preamble, 1", text: "Recalling its resolution 97/41," },
          { label: "preamble, 2", text: "Noting with concern the incidents," },
          { label: "1", text: "Welcomes the report;" },
        ] };
      }
      if (cmd === "library_import") return { symbol: "A/RES/98/12", title: "Cables", shortTitle: null, body: null, date: null, kind: "resolution", adoption: null, paragraphs: 3, importedAt: "" };
      return null;
    });
    const imported = vi.fn();
    openImportDialog(imported);
    const byTestId = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;
    byTestId<HTMLInputElement>("import-symbol").value = "A/RES/98/12";
    byTestId<HTMLInputElement>("import-title").value = "Cables";
    const text = byTestId<HTMLTextAreaElement>("import-text");
    text.value = "The General Assembly,\nRecalling its resolution 97/41,\nNoting with concern the incidents,\n1. Welcomes the report;";
    text.dispatchEvent(new Event("input"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const labels = [...document.querySelectorAll<HTMLInputElement>('[data-testid="split-label"]')];
    expect(labels.map((l) => l.value)).toEqual(["preamble, 1", "preamble, 2", "1"]);
    labels[1].value = "preamble, 3";
    labels[1].dispatchEvent(new Event("input"));
    byTestId<HTMLButtonElement>("import-save").click();
    await vi.waitFor(() => expect(imported).toHaveBeenCalled());
    const saved = calls.find((c) => c.cmd === "library_import")!.args.split as { paragraphs: { label: string }[] };
    expect(saved.paragraphs.map((p) => p.label)).toEqual(["preamble, 1", "preamble, 3", "1"]);
  });
});
