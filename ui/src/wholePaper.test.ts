// The whole paper as one scrolling document: every section's editor under its heading,
// saved per section, undo per section, and the choice remembered.
import { undo } from "@codemirror/commands";
import { EditorView } from "@codemirror/view";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./app";
import { WHOLE_PAPER_KEY } from "./paperView";
import { installFakeBackend, type FakeStore } from "./testing/fakeBackend";
import { allByTestId, byTestId, createPaper, editorView, settle } from "./testing/harness";

let app: App;
let store: FakeStore;

/** The stacked editors, by section id. */
function stacked(): Map<number, EditorView> {
  const views = new Map<number, EditorView>();
  for (const block of document.querySelectorAll<HTMLElement>(".stack-section")) {
    views.set(Number(block.dataset.section), EditorView.findFromDOM(block.querySelector<HTMLElement>(".cm-content")!)!);
  }
  return views;
}

function typeInto(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: "input.type" });
}

async function start(): Promise<void> {
  document.body.innerHTML = '<div id="app"></div>';
  app = new App(document.getElementById("app")!);
  await app.start();
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  localStorage.clear();
  store = installFakeBackend();
  await start();
  await createPaper("Position of Italy", "position");
});

afterEach(() => {
  app.destroy();
  vi.useRealTimers();
  document.body.innerHTML = "";
  localStorage.clear();
});

describe("whole-paper mode", () => {
  it("stacks every section under its heading and saves what is typed in the section it is typed in", async () => {
    const sections = store.sections.filter((s) => s.paperId === store.papers[0].id);
    const firstBody = sections[0].body;
    byTestId("whole-paper-toggle")!.click();
    await settle();
    expect(byTestId("whole-paper-toggle")!.getAttribute("aria-pressed")).toBe("true");
    const headings = [...document.querySelectorAll(".stack-heading")].map((h) => h.textContent);
    expect(headings).toEqual(sections.map((s) => s.heading?.trim() || "Untitled section"));
    // The preview shows every section too.
    expect(document.querySelectorAll('[data-testid="preview"] .preview-section')).toHaveLength(sections.length);

    const second = sections[1];
    typeInto(stacked().get(second.id)!, " Italy supports the norms.");
    await settle(1000);
    const saved = store.calls.filter((c) => c.cmd === "update_section").map((c) => c.args.id);
    expect(saved).toEqual([second.id]);
    expect(store.sections.find((s) => s.id === second.id)!.body).toContain("Italy supports the norms.");
    expect(store.sections.find((s) => s.id === sections[0].id)!.body).toBe(firstBody);
    expect(document.querySelector(`[data-section="${second.id}"] .preview-body`)?.textContent).toContain("Italy supports the norms.");
  });

  it("keeps undo per section, across a switch back to one section at a time", async () => {
    const [first, second] = store.sections.filter((s) => s.paperId === store.papers[0].id);
    byTestId("whole-paper-toggle")!.click();
    await settle();
    typeInto(stacked().get(first.id)!, " One.");
    typeInto(stacked().get(second.id)!, " Two.");
    byTestId("whole-paper-toggle")!.click();
    await settle();
    expect(document.querySelector(".stack-section")).toBeNull();
    allByTestId("section-item").find((b) => b.dataset.sectionId === String(second.id))!.click();
    await settle();
    const view = EditorView.findFromDOM(byTestId("section-editor")!.querySelector<HTMLElement>(".cm-content")!)!;
    expect(view.state.doc.toString()).toContain("Two.");
    undo(view);
    expect(view.state.doc.toString()).not.toContain("Two.");
    await settle(1000);
    // Undoing in the second section left the first one's words alone.
    expect(store.sections.find((s) => s.id === first.id)!.body).toContain("One.");
  });

  it("is remembered when the app is opened again", async () => {
    byTestId("whole-paper-toggle")!.click();
    await settle();
    expect(localStorage.getItem(WHOLE_PAPER_KEY)).toBe("true");
    app.destroy();
    await start();
    byTestId("paper-item")!.click();
    await settle();
    expect(document.querySelectorAll(".stack-section").length).toBeGreaterThan(1);
  });

  it("jumps to a section from the outline", async () => {
    const sections = store.sections.filter((s) => s.paperId === store.papers[0].id);
    byTestId("whole-paper-toggle")!.click();
    await settle();
    const last = sections[sections.length - 1];
    allByTestId("section-item").find((b) => b.dataset.sectionId === String(last.id))!.click();
    await settle();
    expect(byTestId<HTMLInputElement>("section-heading-input")!.value).toBe(last.heading ?? "");
    expect(document.querySelector(`.stack-section[data-section="${last.id}"]`)).not.toBeNull();
  });

  it("goes on into the next section with ArrowDown on a section's last line, and back with ArrowUp on its first", async () => {
    const [first, second, third] = store.sections.filter((s) => s.paperId === store.papers[0].id);
    byTestId("whole-paper-toggle")!.click();
    await settle();
    const views = stacked();
    const [one, two] = [views.get(first.id)!, views.get(second.id)!];
    one.dispatch({ changes: { from: 0, to: one.state.doc.length, insert: "Italy recalls its views.\nIt adds two." } });
    two.dispatch({ changes: { from: 0, to: two.state.doc.length, insert: "Threats grow.\nRansomware most of all." } });

    // Not yet on the last line: the key stays in the section.
    one.focus();
    one.dispatch({ selection: { anchor: 3 } });
    press(one, "ArrowDown");
    expect(one.hasFocus).toBe(true);
    expect(two.hasFocus).toBe(false);

    // On the last line, eight characters in: the next section's first line, eight characters in.
    one.dispatch({ selection: { anchor: one.state.doc.line(2).from + 8 } });
    expect(press(one, "ArrowDown")).toBe(true);
    expect(two.hasFocus).toBe(true);
    expect(two.state.selection.main.head).toBe(8);
    // The outline and the section's header follow the cursor.
    expect(byTestId<HTMLInputElement>("section-heading-input")!.value).toBe(second.heading ?? "");

    // ArrowUp on the first line goes back to the previous section's last line.
    two.dispatch({ selection: { anchor: 4 } });
    expect(press(two, "ArrowUp")).toBe(true);
    expect(one.hasFocus).toBe(true);
    expect(one.state.selection.main.head).toBe(one.state.doc.line(2).from + 4);

    // PageDown at the end of a section does the same; a selection is left to the section.
    two.focus();
    two.dispatch({ selection: { anchor: two.state.doc.length } });
    expect(press(two, "PageDown")).toBe(true);
    expect(views.get(third.id)!.hasFocus).toBe(true);
    one.focus();
    one.dispatch({ selection: { anchor: one.state.doc.line(2).from, head: one.state.doc.length } });
    press(one, "ArrowDown");
    expect(one.hasFocus).toBe(true);
  });

  it("keeps the arrows within the section when one section is shown at a time", async () => {
    const view = editorView();
    view.focus();
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: "Only line." }, selection: { anchor: 10 } });
    press(view, "ArrowDown");
    expect(editorView()).toBe(view);
    expect(view.hasFocus).toBe(true);
  });
});

/** A key press on a view, as the browser sends it; true when a key binding took it. */
function press(view: EditorView, key: string): boolean {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
  view.contentDOM.dispatchEvent(event);
  return event.defaultPrevented;
}
