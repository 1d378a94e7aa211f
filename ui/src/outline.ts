// The paper's sections in the side pane, grouped by pillar: the free-standing parts
// that open the paper (introduction, general remarks), then one group per pillar in the
// process's order, then the parts that close it (conclusions). Within a group, the
// paper's own order. Each section shows how far it has come: empty, drafted, reviewed.
import type { Framework, Section } from "./api";
import { h, replaceChildren } from "./dom";

export type Progress = "empty" | "drafted" | "reviewed";

export const PROGRESS_LABELS: Record<Progress, string> = { empty: "Empty", drafted: "Drafted", reviewed: "Reviewed" };

/** As the core marks it: reviewed wins; otherwise drafted once the body has text. */
export function sectionProgress(section: Pick<Section, "reviewed" | "body">): Progress {
  if (section.reviewed) return "reviewed";
  return section.body.trim() === "" ? "empty" : "drafted";
}

export interface SectionGroup {
  /** "opening", "closing", a pillar id, or "all" when the paper has no pillar sections */
  id: string;
  /** the heading shown; null for "all" (no heading) */
  label: string | null;
  /** the pillar's full name, for a tooltip */
  title: string | null;
  sections: Section[];
}

type GroupedSection = Pick<Section, "pillar" | "part">;

/** A section that belongs to no pillar: a part of the paper (introduction, conclusions) or untied. */
function freeStanding(section: GroupedSection): boolean {
  return section.part !== null || section.pillar === null;
}

/** Pillar ids in the order the paper's process takes them, then the framework's other pillars. */
export function pillarOrder(framework: Framework | null, process: string | null): string[] {
  const all = framework?.pillars.map((p) => p.id) ?? [];
  const own = framework?.processes.find((p) => p.id === process)?.pillars ?? [];
  return [...new Set([...own, ...all])];
}

/**
 * The sections in groups. Free-standing parts before the first pillar section open the
 * paper; those after it close it (a pillar section added at the end, after the
 * conclusions, still goes with the pillars). Pillars come in the process's order (the
 * framework's when the paper has no process); a pillar the framework does not know
 * comes last.
 */
export function groupSections<S extends GroupedSection>(
  sections: S[],
  framework: Framework | null,
  process: string | null,
): (Omit<SectionGroup, "sections"> & { sections: S[] })[] {
  const firstPillar = sections.findIndex((s) => !freeStanding(s));
  if (firstPillar === -1) return sections.length ? [{ id: "all", label: null, title: null, sections }] : [];
  const opening = sections.filter((s, i) => freeStanding(s) && i < firstPillar);
  const closing = sections.filter((s, i) => freeStanding(s) && i > firstPillar);
  const order = pillarOrder(framework, process);
  const pillarIds = [...new Set(sections.filter((s) => !freeStanding(s)).map((s) => s.pillar!))].sort((a, b) => {
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    return rank(a) - rank(b);
  });
  const groups: (Omit<SectionGroup, "sections"> & { sections: S[] })[] = [];
  if (opening.length) groups.push({ id: "opening", label: "Opening", title: "Parts of the paper before the pillars", sections: opening });
  for (const id of pillarIds) {
    const pillar = framework?.pillars.find((p) => p.id === id);
    groups.push({
      id,
      label: pillar ? pillar.short || pillar.name : id,
      title: pillar?.name ?? null,
      sections: sections.filter((s) => !freeStanding(s) && s.pillar === id),
    });
  }
  if (closing.length) groups.push({ id: "closing", label: "Closing", title: "Parts of the paper after the pillars", sections: closing });
  return groups;
}

/** "5 of 8 sections drafted, 2 reviewed" */
export function outlineSummary(sections: Pick<Section, "reviewed" | "body">[]): string {
  const total = sections.length;
  if (total === 0) return "No sections yet";
  const progress = sections.map(sectionProgress);
  const drafted = progress.filter((p) => p !== "empty").length;
  const reviewed = progress.filter((p) => p === "reviewed").length;
  return `${drafted} of ${total} ${total === 1 ? "section" : "sections"} drafted, ${reviewed} reviewed`;
}

export interface OutlineOptions {
  sections: Section[];
  framework: Framework | null;
  process: string | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** Draws the summary and the grouped list into the pane's two elements. */
export function renderOutline(summary: HTMLElement, list: HTMLElement, options: OutlineOptions): void {
  const { sections } = options;
  const progress = sections.map(sectionProgress);
  const drafted = progress.filter((p) => p === "drafted").length;
  const reviewed = progress.filter((p) => p === "reviewed").length;
  const share = (n: number) => (sections.length ? `${(n / sections.length) * 100}%` : "0");
  replaceChildren(
    summary,
    h("span", { "data-testid": "sections-summary" }, outlineSummary(sections)),
    h(
      "span",
      { class: "outline-bar", "aria-hidden": "true" },
      h("span", { class: "outline-bar-reviewed", style: `width: ${share(reviewed)}` }),
      h("span", { class: "outline-bar-drafted", style: `width: ${share(drafted)}` }),
    ),
  );
  const item = (section: Section) => {
    const mark = sectionProgress(section);
    return h(
      "li",
      null,
      h(
        "button",
        {
          type: "button",
          class: "section-item",
          "data-testid": "section-item",
          "data-section-id": section.id,
          "data-progress": mark,
          "aria-current": section.id === options.selectedId ? "true" : null,
          onclick: () => options.onSelect(section.id),
        },
        h("span", { class: `progress progress-${mark}`, role: "img", title: PROGRESS_LABELS[mark], "aria-label": PROGRESS_LABELS[mark] }),
        h("span", { class: "section-heading" }, section.heading?.trim() || "Untitled section"),
      ),
    );
  };
  replaceChildren(
    list,
    ...groupSections(sections, options.framework, options.process).map((group) => {
      const headingId = `section-group-${group.id}`;
      const items = h("ol", { class: "section-group-items", "aria-labelledby": group.label === null ? null : headingId }, ...group.sections.map(item));
      if (group.label === null) return h("li", { class: "section-group plain" }, items);
      const done = group.sections.filter((s) => sectionProgress(s) !== "empty").length;
      return h(
        "li",
        { class: "section-group", "data-testid": "section-group", "data-group": group.id },
        h(
          "div",
          { class: "section-group-heading", id: headingId, title: group.title },
          h("span", { class: "section-group-label" }, group.label),
          h("span", { class: "section-group-count", title: `${done} of ${group.sections.length} drafted` }, `${done}/${group.sections.length}`),
        ),
        items,
      );
    }),
  );
}
