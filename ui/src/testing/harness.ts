// Helpers for tests that drive the whole window in jsdom against the fake core.
import { EditorView } from "@codemirror/view";
import { vi } from "vitest";

// jsdom does no layout; CodeMirror measures text ranges, so give ranges empty boxes.
const emptyRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= emptyRects;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();
// Nor does it scroll: the preview's scrolling lands at once.
Element.prototype.scrollTo ??= function (this: Element, options?: ScrollToOptions | number) {
  if (typeof options === "object" && options.top !== undefined) this.scrollTop = options.top;
} as Element["scrollTo"];

export const byTestId = <T extends HTMLElement = HTMLElement>(id: string, within: ParentNode = document) =>
  within.querySelector<T>(`[data-testid="${id}"]`);
export const allByTestId = <T extends HTMLElement = HTMLElement>(id: string, within: ParentNode = document) => [
  ...within.querySelectorAll<T>(`[data-testid="${id}"]`),
];

/** Lets fake timers run for `ms` and pending promises settle. */
export async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

export function editorView(): EditorView {
  const content = byTestId("section-editor")!.querySelector<HTMLElement>(".cm-content")!;
  return EditorView.findFromDOM(content)!;
}

/** Types at the end of the section, as a keystroke would. */
export function type(text: string): void {
  const view = editorView();
  view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: "input.type" });
}

/** Fills in and submits the New paper dialog. */
export async function createPaper(title: string, template = "blank"): Promise<void> {
  byTestId("new-paper")!.click();
  byTestId<HTMLInputElement>("paper-title")!.value = title;
  byTestId<HTMLInputElement>("paper-delegation")!.value = "Italy";
  byTestId<HTMLSelectElement>("paper-template")!.value = template;
  byTestId("create-paper")!.click();
  await settle();
}

/** Sets a form control's value and fires the event the UI listens to. */
export function setValue(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}
