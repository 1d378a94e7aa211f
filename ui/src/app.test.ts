// The window wired to an in-memory core: what a drafter does, end to end in jsdom.
import { clearMocks } from "@tauri-apps/api/mocks";
import { EditorView } from "@codemirror/view";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./app";
import { installFakeBackend, type FakeStore } from "./testing/fakeBackend";

// jsdom does no layout; CodeMirror measures text ranges, so give ranges empty boxes.
const emptyRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= emptyRects;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

let app: App;
let store: FakeStore;

async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

function editorView(): EditorView {
  const content = byTestId("section-editor")!.querySelector<HTMLElement>(".cm-content")!;
  return EditorView.findFromDOM(content)!;
}

function type(text: string): void {
  const view = editorView();
  view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: "input.type" });
}

function saves(): { id: number; body?: string }[] {
  return store.calls
    .filter((c) => c.cmd === "update_section")
    .map((c) => ({ id: c.args.id as number, ...(c.args.patch as { body?: string }) }));
}

async function createPaper(title: string, template = "blank"): Promise<void> {
  byTestId("new-paper")!.click();
  byTestId<HTMLInputElement>("paper-title")!.value = title;
  byTestId<HTMLInputElement>("paper-delegation")!.value = "Italy";
  byTestId<HTMLSelectElement>("paper-template")!.value = template;
  byTestId("create-paper")!.click();
  await settle();
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(new Date(2026, 10, 23, 9, 14));
  store = installFakeBackend();
  document.body.innerHTML = '<div id="app"></div>';
  app = new App(document.getElementById("app")!);
  await app.start();
});

afterEach(() => {
  app.destroy();
  clearMocks();
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("Chancery window", () => {
  it("points at New paper when there are no papers, and shows where the library is", () => {
    expect(document.querySelector(".list-empty")?.textContent).toContain("New paper");
    expect(allByTestId("paper-item")).toHaveLength(0);
    expect(document.querySelector(".store-path")?.textContent).toContain("chancery.sqlite3");
  });

  it("creates a paper from the dialog and opens it", async () => {
    await createPaper("Comments from Italy on the zero draft", "position");
    const items = allByTestId("paper-item");
    expect(items).toHaveLength(1);
    expect(items[0].dataset.paperId).toBe(String(store.papers[0].id));
    expect(items[0].getAttribute("aria-current")).toBe("true");
    expect(items[0].textContent).toContain("Italy · National position · English");
    expect(byTestId<HTMLInputElement>("paper-title-input")!.value).toBe("Comments from Italy on the zero draft");
    expect(byTestId("save-status")!.textContent).toBe("Saved");
    // Introduction, six pillars, conclusions; grouped under the pillars' short names
    const sections = allByTestId("section-item");
    expect(sections).toHaveLength(8);
    expect(sections[3].textContent).toContain("International law");
    expect(allByTestId("section-group").map((g) => g.querySelector(".section-group-label")!.textContent)).toEqual([
      "Opening", "Threats", "Norms", "Int'l law", "CBMs", "Capacity", "Dialogue", "Closing",
    ]);
    expect(byTestId("sections-summary")!.textContent).toBe("0 of 8 sections drafted, 0 reviewed");
    // guidance is shown beside the editor, not in the text
    expect(document.querySelector(".guidance")?.textContent).toContain("purpose and main message");
    expect(editorView().state.doc.toString()).toBe("");
    expect(store.calls.find((c) => c.cmd === "create_paper")?.args).toEqual({
      input: { title: "Comments from Italy on the zero draft", delegation: "Italy", template: "position", language: "en" },
    });
  });

  it("imports a Word document from the list, opens it and says what was found", async () => {
    byTestId("import-word")!.click();
    await settle();
    expect(allByTestId("paper-item")).toHaveLength(0); // the dialog was cancelled: nothing happens
    expect(document.querySelector<HTMLElement>(".banner")!.hidden).toBe(true);

    store.wordFile = { title: "National position of Ruritania", summary: "4 sections, 6 footnotes, 2 notes from comments, 1 tracked change kept as redline" };
    byTestId("import-word")!.click();
    await settle();
    const items = allByTestId("paper-item");
    expect(items).toHaveLength(1);
    expect(items[0].getAttribute("aria-current")).toBe("true");
    expect(byTestId<HTMLInputElement>("paper-title-input")!.value).toBe("National position of Ruritania");
    const banner = document.querySelector<HTMLElement>(".banner")!;
    expect(banner.hidden).toBe(false);
    expect(banner.getAttribute("role")).toBe("status");
    expect(banner.textContent).toContain("4 sections, 6 footnotes, 2 notes from comments, 1 tracked change kept as redline");

    store.failNext("import_docx", { code: "word.external", message: "the part word/_rels/document.xml.rels links to an outside resource" });
    byTestId("import-word")!.click();
    await settle();
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain("Could not import the Word document: the part word/_rels/document.xml.rels links to an outside resource");
    expect(allByTestId("paper-item")).toHaveLength(1);
  });

  it("opens with Ctrl+N", async () => {
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "n", ctrlKey: true, bubbles: true }));
    expect(byTestId("paper-title")).not.toBeNull();
  });

  it("autosaves the latest text once after a pause and previews it", async () => {
    await createPaper("Statement");
    type("Italy ");
    await settle(200);
    type("thanks the Chair.");
    expect(byTestId("save-status")!.textContent).toBe("Saving…");
    await settle(499);
    expect(saves()).toEqual([]);
    await settle(1);
    expect(saves()).toEqual([{ id: store.sections[0].id, body: "Italy thanks the Chair." }]);
    expect(byTestId("save-status")!.textContent).toBe("Saved");
    expect(store.sections[0].body).toBe("Italy thanks the Chair.");
    expect(byTestId("preview")!.innerHTML).toContain("<p>Italy thanks the Chair.</p>");
  });

  it("shows a failed save, keeps the text, and retries with the next change", async () => {
    await createPaper("Statement");
    store.failNext("update_section", { code: "io", message: "The disk is full." });
    type("First paragraph.");
    await settle(500);
    const status = byTestId("save-status")!;
    expect(status.textContent).toBe("Not saved: The disk is full.");
    expect(editorView().state.doc.toString()).toBe("First paragraph.");
    expect(store.sections[0].body).toBe("");
    type(" More.");
    await settle(500);
    expect(status.textContent).toBe("Saved");
    expect(store.sections[0].body).toBe("First paragraph. More.");
  });

  it("Ctrl+S saves at once", async () => {
    await createPaper("Statement");
    type("Now.");
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true }));
    await settle();
    expect(saves()).toEqual([{ id: store.sections[0].id, body: "Now." }]);
    expect(byTestId("save-status")!.textContent).toBe("Saved");
  });

  it("saves before switching to another paper, and shows each paper's own text", async () => {
    await createPaper("First");
    type("Text of the first paper.");
    await settle(600);
    await createPaper("Second");
    type("Unsaved text of the second.");
    const firstItem = allByTestId("paper-item").find((el) => el.textContent?.includes("First"))!;
    firstItem.click();
    await settle();
    const second = store.papers.find((p) => p.title === "Second")!;
    expect(store.sections.find((s) => s.paperId === second.id)?.body).toBe("Unsaved text of the second.");
    expect(editorView().state.doc.toString()).toBe("Text of the first paper.");
    // the list is newest first: the second paper was just saved
    expect(allByTestId("paper-item")[0].textContent).toContain("Second");
  });

  it("saves before switching section and on leaving the window", async () => {
    await createPaper("Position", "position");
    type("Intro text.");
    allByTestId("section-item")[1].click();
    await settle();
    expect(saves()).toEqual([{ id: store.sections[0].id, body: "Intro text." }]);
    type("Threats text.");
    window.dispatchEvent(new Event("beforeunload"));
    await settle();
    expect(saves().map((s) => s.body)).toEqual(["Intro text.", "Threats text."]);
    // back to the first section: its text (and undo history) are there
    allByTestId("section-item")[0].click();
    expect(editorView().state.doc.toString()).toBe("Intro text.");
  });

  it("renames the paper from the header and updates the list", async () => {
    await createPaper("Draft title");
    const input = byTestId<HTMLInputElement>("paper-title-input")!;
    input.value = "Comments from Italy";
    input.dispatchEvent(new Event("input"));
    expect(allByTestId("paper-item")[0].textContent).toContain("Comments from Italy");
    await settle(500);
    const update = store.calls.find((c) => c.cmd === "update_paper");
    expect(update?.args).toEqual({ id: store.papers[0].id, patch: { title: "Comments from Italy" } });
    // an emptied title is refused, not saved
    input.value = "  ";
    input.dispatchEvent(new Event("input"));
    await settle(500);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(store.papers[0].title).toBe("Comments from Italy");
  });

  it("adds a section after the selected one", async () => {
    await createPaper("Position", "position");
    byTestId("add-section")!.click();
    byTestId<HTMLInputElement>("section-heading")!.value = "General remarks";
    byTestId("create-section")!.click();
    await settle();
    const headings = allByTestId("section-item").map((el) => el.querySelector(".section-heading")!.textContent);
    expect(headings.slice(0, 3)).toEqual(["Introduction", "General remarks", "Existing and potential threats"]);
    expect(allByTestId("section-item")[1].getAttribute("aria-current")).toBe("true");
    const call = store.calls.find((c) => c.cmd === "add_section");
    expect(call?.args).toEqual({ paperId: store.papers[0].id, heading: "General remarks", after: store.sections[0].id });
  });

  it("marks sections as drafted and reviewed", async () => {
    await createPaper("Statement");
    const item = () => allByTestId("section-item")[0];
    expect(item().dataset.progress).toBe("empty");
    type("Text.");
    expect(item().dataset.progress).toBe("drafted");
    const reviewed = byTestId<HTMLInputElement>("section-reviewed")!;
    reviewed.checked = true;
    reviewed.dispatchEvent(new Event("change"));
    expect(item().dataset.progress).toBe("reviewed");
    await settle(500);
    expect(store.calls.filter((c) => c.cmd === "update_section").map((c) => c.args.patch)).toEqual([{ body: "Text.", reviewed: true }]);
    expect(store.sections[0].reviewed).toBe(true);
  });

  it("clears a paper's details with an empty string, as the store expects", async () => {
    await createPaper("Statement");
    byTestId("paper-details-toggle")!.click();
    const meeting = byTestId<HTMLInputElement>("paper-meeting-input")!;
    meeting.value = "First plenary session";
    meeting.dispatchEvent(new Event("input"));
    await settle(500);
    expect(store.papers[0].meeting).toBe("First plenary session");
    meeting.value = " ";
    meeting.dispatchEvent(new Event("input"));
    await settle(500);
    const patches = store.calls.filter((c) => c.cmd === "update_paper").map((c) => c.args.patch);
    expect(patches).toEqual([{ meeting: "First plenary session" }, { meeting: "" }]);
    expect(store.papers[0].meeting).toBeNull();
  });

  it("sets the text direction for right-to-left languages", async () => {
    byTestId("new-paper")!.click();
    byTestId<HTMLInputElement>("paper-title")!.value = "بيان";
    byTestId<HTMLSelectElement>("paper-language")!.value = "ar";
    byTestId("create-paper")!.click();
    await settle();
    expect(byTestId("section-editor")!.dir).toBe("rtl");
    expect(byTestId("preview")!.getAttribute("lang")).toBe("ar");
  });

  it("counts words with the core after a pause, with speaking time for statements", async () => {
    await createPaper("Statement", "statement");
    const counts = () => store.calls.filter((c) => c.cmd === "count_words").map((c) => c.args.markdown as string);
    expect(byTestId("word-count")!.textContent).toBe("0 words of 600 · about 0 s spoken");
    type("Mr Chair, Italy ");
    await settle(100);
    type("aligns itself.");
    await settle(299);
    expect(counts()).not.toContain("Mr Chair, Italy aligns itself.");
    await settle(1);
    expect(counts()[counts().length - 1]).toBe("Mr Chair, Italy aligns itself.");
    expect(counts().filter((m) => m.startsWith("Mr Chair"))).toHaveLength(1);
    expect(byTestId("word-count")!.textContent).toBe("5 words of 600 · about 3 s spoken");
  });

  it("sets the paper's own word limit from the count, which turns red past it", async () => {
    await createPaper("Statement", "statement");
    type("Mr Chair, Italy aligns itself.");
    await settle(300);
    const count = byTestId("word-count")!;
    expect(count.classList.contains("over")).toBe(false);

    count.click();
    expect(document.querySelector(".dialog-title")!.textContent).toBe("Word limit for this paper");
    const input = byTestId<HTMLInputElement>("word-limit-input")!;
    expect(input.value).toBe("");
    expect(input.placeholder).toBe("600");
    input.value = "3";
    input.form!.requestSubmit();
    await settle();
    expect(store.calls.filter((c) => c.cmd === "set_word_limit").map((c) => c.args)).toEqual([{ paperId: 1, words: 3 }]);
    expect(document.querySelector(".overlay")).toBeNull();
    expect(count.textContent).toBe("5 words of 3 · about 3 s spoken");
    expect(count.classList.contains("over")).toBe(true);
    expect(count.title).toContain("the paper's own limit");

    // Escape leaves it as it was; an empty field gives the limit back to the kind of paper.
    count.click();
    expect(byTestId<HTMLInputElement>("word-limit-input")!.value).toBe("3");
    document.querySelector(".overlay")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(document.querySelector(".overlay")).toBeNull();
    count.click();
    byTestId<HTMLInputElement>("word-limit-input")!.value = "";
    byTestId("word-limit-save")!.click();
    await settle();
    expect(store.calls.filter((c) => c.cmd === "set_word_limit").map((c) => c.args.words)).toEqual([3, null]);
    expect(count.textContent).toBe("5 words of 600 · about 3 s spoken");
    expect(count.classList.contains("over")).toBe(false);
    expect(count.title).toContain("the limit for its kind of paper");
  });

  it("refuses a word limit that is not a number of words, and keeps the dialog open", async () => {
    await createPaper("Statement", "statement");
    byTestId("word-count")!.click();
    byTestId<HTMLInputElement>("word-limit-input")!.value = "0";
    byTestId("word-limit-save")!.click();
    await settle();
    expect(document.querySelector(".dialog-error")!.textContent).toContain("number of words");
    expect(store.calls.some((c) => c.cmd === "set_word_limit")).toBe(false);
  });

  it("counts headings too, and gives no speaking time for papers that are not read aloud", async () => {
    await createPaper("Position", "position");
    type("Italy sets out its views.");
    await settle(300);
    const last = store.calls.filter((c) => c.cmd === "count_words").pop()!.args.markdown as string;
    expect(last.startsWith("# Introduction\n\nItaly sets out its views.\n\n# Existing and potential threats")).toBe(true);
    expect(byTestId("word-count")!.textContent).toMatch(/^\d+ words of 8,500$/);
  });

  it("turns focus mode on and off with F11, Ctrl+Shift+F and the buttons", async () => {
    const root = document.getElementById("app")!;
    const key = (init: KeyboardEventInit) => document.body.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, ...init }));
    key({ key: "F11" });
    expect(root.classList.contains("focus-mode")).toBe(false); // nothing open, nothing to focus on
    await createPaper("Statement");
    key({ key: "F11" });
    expect(root.classList.contains("focus-mode")).toBe(true);
    key({ key: "F", code: "KeyF", ctrlKey: true, shiftKey: true });
    expect(root.classList.contains("focus-mode")).toBe(false);
    byTestId("focus-toggle")!.click();
    expect(root.classList.contains("focus-mode")).toBe(true);
    byTestId("focus-exit")!.click();
    expect(root.classList.contains("focus-mode")).toBe(false);
    // from the checklist, focus mode goes back to the text
    byTestId("view-checklist")!.click();
    await settle();
    key({ key: "F11" });
    await settle();
    expect(byTestId("view-text")!.getAttribute("aria-selected")).toBe("true");
    expect(byTestId("section-editor")!.closest("[hidden]")).toBeNull();
  });
});

