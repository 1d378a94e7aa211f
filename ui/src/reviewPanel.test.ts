// The review notes in the window, against the fake core: the first note asks who is
// writing, then appears in the panel and as a highlight; resolving it updates the card.
import { clearMocks } from "@tauri-apps/api/mocks";
import { EditorSelection } from "@codemirror/state";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { App } from "./app";
import { byTestId, createPaper, editorView, settle, type } from "./testing/harness";
import { installFakeBackend, type FakeStore } from "./testing/fakeBackend";

let app: App;
let store: FakeStore;

beforeEach(async () => {
  vi.useFakeTimers();
  store = installFakeBackend();
  document.body.innerHTML = '<div id="app" class="app"></div>';
  app = new App(document.getElementById("app")!);
  await app.start();
});

afterEach(() => {
  app.destroy();
  clearMocks();
  vi.useRealTimers();
});

it("asks for a profile, adds a note on the selection, shows and resolves it", async () => {
  await createPaper("Comments");
  type("States should cooperate. States should act.");
  await settle(600);
  const view = editorView();
  view.dispatch({ selection: EditorSelection.single(25, 38) }); // the second "States should"
  byTestId("add-note")!.click();
  await settle();
  // First time: who is writing?
  (byTestId<HTMLInputElement>("profile-name")!).value = "Anna Rossi";
  byTestId<HTMLSelectElement>("profile-role")!.value = "legal-adviser";
  byTestId("profile-save")!.click();
  await settle();
  byTestId<HTMLSelectElement>("note-kind")!.value = "legal-risk";
  byTestId<HTMLSelectElement>("note-kind")!.dispatchEvent(new Event("change"));
  byTestId<HTMLTextAreaElement>("note-body")!.value = "Too strong.";
  byTestId("note-save")!.click();
  await settle();

  const call = store.calls.find((c) => c.cmd === "annotate")!;
  expect(call.args.input).toMatchObject({ quote: "States should", occurrence: 2, kind: "legal-risk", body: "Too strong." });
  const card = byTestId("note")!;
  expect(card.dataset.kind).toBe("legal-risk");
  expect(card.textContent).toContain("Anna Rossi");
  expect(byTestId("profile")!.textContent).toContain("Anna Rossi");
  const mark = document.querySelector(".cm-content .cm-note-legal-risk");
  expect(mark?.textContent).toBe("States should");

  byTestId("note-resolve")!.click();
  await settle();
  expect(byTestId("note")!.dataset.status).toBe("resolved");
  expect(document.querySelector(".cm-note-resolved")).not.toBeNull();
});
