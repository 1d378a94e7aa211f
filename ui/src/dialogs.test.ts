import { afterEach, describe, expect, it, vi } from "vitest";
import { ChanceryError } from "./api";
import { openConfirmDialog, openNewPaperDialog } from "./dialogs";
import { FAKE_FRAMEWORK } from "./testing/fakeBackend";

const byTestId = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function pressEnter(target: HTMLElement): void {
  // Enter in a field submits the form, as a browser does.
  target.closest("form")!.requestSubmit();
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("New paper dialog", () => {
  it("offers a Chair's draft from the library for a comments paper, and passes it on", async () => {
    const create = vi.fn().mockResolvedValue(undefined);
    const drafts = Promise.resolve([{ symbol: "A/AC.999/2026/CRP.1", shortTitle: "Zero draft", title: "Zero draft", body: null, date: null, kind: "other" as const, adoption: null, paragraphs: 12, importedAt: "" }]);
    openNewPaperDialog(FAKE_FRAMEWORK, create, { drafts });
    await flush();
    const base = byTestId<HTMLSelectElement>("paper-base");
    const template = byTestId<HTMLSelectElement>("paper-template");
    template.value = "statement";
    template.dispatchEvent(new Event("change"));
    expect(base.closest<HTMLElement>(".field")!.hidden).toBe(true);
    template.value = "comments";
    template.dispatchEvent(new Event("change"));
    expect(base.closest<HTMLElement>(".field")!.hidden).toBe(false);
    expect([...base.options].map((o) => o.textContent)).toEqual(["None (no draft to answer)", "A/AC.999/2026/CRP.1 — Zero draft"]);
    base.value = "A/AC.999/2026/CRP.1";
    byTestId<HTMLInputElement>("paper-title").value = "Comments";
    byTestId<HTMLElement>("create-paper").click();
    await flush();
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ title: "Comments", template: "comments" }), "A/AC.999/2026/CRP.1");
  });

  it("refuses an empty title with a message, then creates with the chosen fields", async () => {
    const create = vi.fn().mockResolvedValue(undefined);
    openNewPaperDialog(FAKE_FRAMEWORK, create);
    const title = byTestId<HTMLInputElement>("paper-title");
    expect(document.activeElement).toBe(title);

    title.value = "   ";
    pressEnter(title);
    await flush();
    expect(create).not.toHaveBeenCalled();
    expect(document.querySelector(".dialog-error")?.textContent).toBe("Give the paper a title.");
    expect(title.getAttribute("aria-invalid")).toBe("true");

    title.value = " Comments from Italy on the zero draft ";
    byTestId<HTMLInputElement>("paper-delegation").value = "Italy";
    const template = byTestId<HTMLSelectElement>("paper-template");
    template.value = "statement";
    template.dispatchEvent(new Event("change"));
    expect(document.querySelector(".field-hint")?.textContent).toContain("read aloud");
    byTestId<HTMLElement>("create-paper").click();
    await flush();
    expect(create).toHaveBeenCalledWith({
      title: "Comments from Italy on the zero draft",
      delegation: "Italy",
      template: "statement",
      language: "en",
      process: undefined,
    });
    expect(document.querySelector(".overlay")).toBeNull();
  });

  it("stays open and shows the core's message when creating fails", async () => {
    openNewPaperDialog(FAKE_FRAMEWORK, () => Promise.reject(new ChanceryError("input.invalid", "Unknown template.")));
    byTestId<HTMLInputElement>("paper-title").value = "A paper";
    byTestId<HTMLElement>("create-paper").click();
    await flush();
    expect(document.querySelector(".overlay")).not.toBeNull();
    expect(document.querySelector(".dialog-error")?.textContent).toBe("Unknown template.");
  });

  it("closes on Escape without creating", () => {
    const create = vi.fn();
    openNewPaperDialog(FAKE_FRAMEWORK, create);
    byTestId("paper-title").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(document.querySelector(".overlay")).toBeNull();
    expect(create).not.toHaveBeenCalled();
  });
});

describe("Confirm dialog", () => {
  it("starts on Cancel so Enter does not delete by accident", () => {
    openConfirmDialog("Delete paper", "Sure?", "Delete paper", vi.fn());
    expect(document.activeElement?.textContent).toBe("Cancel");
  });
});
