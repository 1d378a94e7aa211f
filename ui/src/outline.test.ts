import { describe, expect, it, vi } from "vitest";
import type { Section } from "./api";
import { groupSections, outlineSummary, pillarOrder, renderOutline, sectionProgress } from "./outline";
import { FAKE_FRAMEWORK } from "./testing/fakeBackend";

let nextId = 1;
function section(heading: string, extra: Partial<Section> = {}): Section {
  return {
    id: nextId++,
    paperId: 1,
    position: nextId,
    heading,
    level: 2,
    pillar: null,
    part: null,
    prompts: [],
    body: "",
    reviewed: false,
    updatedAt: "2026-11-23T09:14:00Z",
    ...extra,
  };
}

const headings = (groups: { label: string | null; sections: Section[] }[]) =>
  groups.map((g) => [g.label, ...g.sections.map((s) => s.heading)]);

describe("grouping sections by pillar", () => {
  const intro = section("Introduction", { part: "introduction" });
  const law1 = section("Sovereignty", { pillar: "law" });
  const threats = section("Threats we see", { pillar: "threats" });
  const law2 = section("Due diligence", { pillar: "law" });
  const remarks = section("Remarks", {});
  const conclusions = section("Conclusions", { part: "conclusions" });
  const norms = section("Norms, added last", { pillar: "norms" });

  it("puts opening parts first, pillars in the framework's order, closing parts last, the paper's order within", () => {
    const groups = groupSections([intro, law1, threats, law2, conclusions], FAKE_FRAMEWORK, null);
    expect(headings(groups)).toEqual([
      ["Opening", "Introduction"],
      ["Threats", "Threats we see"],
      ["Int'l law", "Sovereignty", "Due diligence"],
      ["Closing", "Conclusions"],
    ]);
    expect(groups.map((g) => g.id)).toEqual(["opening", "threats", "law", "closing"]);
    expect(groups[2].title).toBe("International law");
  });

  it("keeps a pillar section added after the conclusions with the pillars", () => {
    const groups = groupSections([intro, law1, conclusions, norms], FAKE_FRAMEWORK, null);
    expect(headings(groups)).toEqual([
      ["Opening", "Introduction"],
      ["Norms", "Norms, added last"],
      ["Int'l law", "Sovereignty"],
      ["Closing", "Conclusions"],
    ]);
  });

  it("follows the paper's process when it has one", () => {
    const framework = structuredClone(FAKE_FRAMEWORK);
    framework.processes[0].pillars = ["law", "threats"];
    expect(pillarOrder(framework, "oewg-2021").slice(0, 3)).toEqual(["law", "threats", "norms"]);
    const groups = groupSections([threats, law1, norms], framework, "oewg-2021");
    expect(groups.map((g) => g.id)).toEqual(["law", "threats", "norms"]);
    // without the process, the framework's order
    expect(groupSections([threats, law1, norms], framework, null).map((g) => g.id)).toEqual(["threats", "norms", "law"]);
  });

  it("treats sections without a pillar, or with a part, as free-standing", () => {
    const tied = section("Introduction to the norms", { part: "introduction", pillar: "norms" });
    const groups = groupSections([tied, remarks, law1], FAKE_FRAMEWORK, null);
    expect(headings(groups)).toEqual([
      ["Opening", "Introduction to the norms", "Remarks"],
      ["Int'l law", "Sovereignty"],
    ]);
  });

  it("puts an unknown pillar after the known ones, under its id", () => {
    const odd = section("Annex", { pillar: "annex-x" });
    expect(headings(groupSections([odd, law1], FAKE_FRAMEWORK, null))).toEqual([
      ["Int'l law", "Sovereignty"],
      ["annex-x", "Annex"],
    ]);
  });

  it("has one group without a heading when no section has a pillar", () => {
    expect(headings(groupSections([remarks, conclusions], FAKE_FRAMEWORK, null))).toEqual([[null, "Remarks", "Conclusions"]]);
    expect(groupSections([], FAKE_FRAMEWORK, null)).toEqual([]);
  });
});

describe("progress", () => {
  it("marks sections empty, drafted or reviewed", () => {
    expect(sectionProgress({ body: " \n", reviewed: false })).toBe("empty");
    expect(sectionProgress({ body: "Text.", reviewed: false })).toBe("drafted");
    expect(sectionProgress({ body: "Text.", reviewed: true })).toBe("reviewed");
  });

  it("sums it up", () => {
    const list = [
      { body: "a", reviewed: false },
      { body: "b", reviewed: true },
      { body: "", reviewed: false },
      { body: "c", reviewed: true },
      { body: "", reviewed: false },
    ];
    expect(outlineSummary(list)).toBe("3 of 5 sections drafted, 2 reviewed");
    expect(outlineSummary([{ body: "", reviewed: false }])).toBe("0 of 1 section drafted, 0 reviewed");
    expect(outlineSummary([])).toBe("No sections yet");
  });
});

describe("the drawn outline", () => {
  it("shows group headings with counts, marks with a text alternative, and the selection", () => {
    const summary = document.createElement("div");
    const list = document.createElement("ol");
    const a = section("Introduction", { part: "introduction", body: "Text." });
    const b = section("Sovereignty", { pillar: "law", body: "Text.", reviewed: true });
    const c = section("Due diligence", { pillar: "law" });
    const onSelect = vi.fn();
    renderOutline(summary, list, { sections: [a, b, c], framework: FAKE_FRAMEWORK, process: null, selectedId: c.id, onSelect });

    expect(summary.textContent).toBe("2 of 3 sections drafted, 1 reviewed");
    const groups = [...list.querySelectorAll<HTMLElement>("[data-testid=section-group]")];
    expect(groups.map((g) => g.querySelector(".section-group-heading")!.textContent)).toEqual(["Opening1/1", "Int'l law1/2"]);
    expect(groups[1].querySelector(".section-group-heading")!.getAttribute("title")).toBe("International law");

    const items = [...list.querySelectorAll<HTMLElement>("[data-testid=section-item]")];
    expect(items.map((i) => i.dataset.progress)).toEqual(["drafted", "reviewed", "empty"]);
    const marks = items.map((i) => i.querySelector(".progress")!);
    expect(marks.map((m) => m.getAttribute("aria-label"))).toEqual(["Drafted", "Reviewed", "Empty"]);
    expect(marks.map((m) => m.getAttribute("title"))).toEqual(["Drafted", "Reviewed", "Empty"]);
    expect(marks[1].classList.contains("progress-reviewed")).toBe(true);
    expect(items[2].getAttribute("aria-current")).toBe("true");
    expect(items[0].hasAttribute("aria-current")).toBe(false);

    items[1].click();
    expect(onSelect).toHaveBeenCalledWith(b.id);
  });
});
