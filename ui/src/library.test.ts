import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { AgreedText } from "./api";
import { documentYears, LibraryView } from "./library";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function doc(symbol: string, kind: AgreedText["kind"], date: string | null): AgreedText {
  return { symbol, shortTitle: symbol, title: symbol, body: null, date, kind, adoption: null, importedAt: "2026-11-01T00:00:00Z", paragraphs: 3 };
}

const LIBRARY = [doc("A/RES/97/41", "resolution", "2042-12-05"), doc("A/99/123", "report", "2044-08-14"), doc("A/98/7", "report", "2042-03-01"), doc("X/1", "other", null)];

describe("the library's search filters", () => {
  it("offers the years of the documents, the latest first, once each", () => {
    expect(documentYears(LIBRARY)).toEqual([2044, 2042]);
  });

  it("sends the chosen document kind and year with the words", async () => {
    const searches: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "library_documents") return LIBRARY;
      if (cmd === "library_search") {
        searches.push((args as { search: unknown }).search);
        return [];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const view = new LibraryView({ insert: () => false, showError: (m) => { throw new Error(m); }, documentsChanged: () => {} });
    document.body.append(view.root);
    await view.load();
    const select = (id: string) => view.root.querySelector<HTMLSelectElement>(`[data-testid=${id}]`)!;
    expect([...select("library-year-filter").options].map((o) => o.textContent)).toEqual(["All years", "2044", "2042"]);

    view.root.querySelector<HTMLInputElement>("[data-testid=library-search]")!.value = "cables";
    select("library-kind-filter").value = "report";
    select("library-kind-filter").dispatchEvent(new Event("change"));
    await settle();
    select("library-year-filter").value = "2042";
    select("library-year-filter").dispatchEvent(new Event("change"));
    await settle();
    expect(searches).toEqual([
      { query: "cables", kind: "report", limit: 50 },
      { query: "cables", kind: "report", year: 2042, limit: 50 },
    ]);
    expect(view.root.querySelector("[role=status]")!.textContent).toBe("Nothing found.");
  });
});
