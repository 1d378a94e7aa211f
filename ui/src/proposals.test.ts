import { afterEach, describe, expect, test } from "vitest";
import type { Proposal, RebaseReport } from "./api";
import { compareLabels, groupByParagraph, groupRebase, insertedLabel, movedLabel, openRebaseReport, renderRedline } from "./proposals";

function proposal(id: number, label: string, kind: Proposal["kind"], extra: Partial<Proposal> = {}): Proposal {
  return {
    id,
    paperId: 1,
    kind,
    label,
    baseText: "",
    text: "",
    justification: "",
    status: "open",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    redline: [],
    ...extra,
  };
}

describe("renderRedline", () => {
  test("deletions in del, insertions in ins, unchanged words as text, with the History's classes", () => {
    const el = renderRedline([
      { kind: "equal", text: "States " },
      { kind: "delete", text: "noted" },
      { kind: "insert", text: "underlined" },
      { kind: "equal", text: " the risk." },
    ]);
    expect(el.textContent).toBe("States notedunderlined the risk.");
    expect(el.querySelector("del")?.className).toBe("diff-del");
    expect(el.querySelector("del")?.textContent).toBe("noted");
    expect(el.querySelector("ins")?.className).toBe("diff-ins");
    expect(el.querySelector("ins")?.textContent).toBe("underlined");
    expect(el.children).toHaveLength(2);
    expect(el.dataset.testid).toBe("redline");
  });

  test("markup in a draft is shown as text, never interpreted", () => {
    const el = renderRedline([
      { kind: "equal", text: "<b>bold</b> & " },
      { kind: "insert", text: '<img src=x onerror="alert(1)">' },
      { kind: "delete", text: "<script>x()</script>" },
    ]);
    expect(el.querySelector("b, img, script")).toBeNull();
    expect(el.querySelector("ins")?.textContent).toBe('<img src=x onerror="alert(1)">');
    expect(el.querySelector("del")?.textContent).toBe("<script>x()</script>");
    expect(el.innerHTML).toContain("&lt;b&gt;bold&lt;/b&gt; &amp; ");
  });

  test("empty runs are left out", () => {
    const el = renderRedline([{ kind: "insert", text: "" }, { kind: "equal", text: "Same." }]);
    expect(el.children).toHaveLength(0);
    expect(el.textContent).toBe("Same.");
  });
});

describe("ordering for the list view", () => {
  test("paragraph labels in number order, suffixes after", () => {
    expect(["10", "2", "4 bis", "4", "1"].sort(compareLabels)).toEqual(["1", "2", "4", "4 bis", "10"]);
  });

  test("grouped by paragraph in number order; amendments, then comments, then new paragraphs", () => {
    const groups = groupByParagraph([
      proposal(1, "10", "comment"),
      proposal(2, "4", "insert-after"),
      proposal(3, "4", "comment"),
      proposal(4, "4", "amend"),
      proposal(5, "2", "delete"),
      proposal(6, "4", "comment"),
    ]);
    expect(groups.map((g) => g.label)).toEqual(["2", "4", "10"]);
    expect(groups[1].proposals.map((p) => p.id)).toEqual([4, 3, 6, 2]);
  });

  test("the draft's order wins over numbers when given (labels like (a) or 4 bis)", () => {
    const groups = groupByParagraph([proposal(1, "(b)", "comment"), proposal(2, "3", "amend"), proposal(3, "(a)", "amend")], ["(a)", "(b)", "3"]);
    expect(groups.map((g) => g.label)).toEqual(["(a)", "(b)", "3"]);
  });

  test("new paragraphs are numbered as the UN does: 4 bis, 4 ter", () => {
    expect(insertedLabel("4", 0)).toBe("4 bis");
    expect(insertedLabel("4", 1)).toBe("4 ter");
  });
});

describe("the rebase report", () => {
  const report: RebaseReport = {
    from: "A/AC.999/2026/CRP.1",
    to: "A/AC.999/2026/CRP.1/Rev.1",
    proposals: [
      { proposalId: 1, kind: "amend", from: "10", to: "11", outcome: "carried" },
      { proposalId: 2, kind: "delete", from: "9", to: null, outcome: "unplaced" },
      { proposalId: 3, kind: "amend", from: "4", to: "5", outcome: "carried" },
      { proposalId: 4, kind: "amend", from: "7", to: "6", outcome: "taken-in" },
      { proposalId: 5, kind: "comment", from: "3", to: "3", outcome: "review" },
    ],
  };

  test("grouped by outcome in reading order, each by old paragraph", () => {
    const groups = groupRebase(report);
    expect(groups.map((g) => g.outcome)).toEqual(["carried", "review", "taken-in", "unplaced"]);
    expect(groups[0].items.map((r) => r.proposalId)).toEqual([3, 1]);
  });

  test("outcomes with nothing in them are left out", () => {
    expect(groupRebase({ ...report, proposals: report.proposals.slice(0, 1) }).map((g) => g.outcome)).toEqual(["carried"]);
  });

  test("from → to", () => {
    expect(movedLabel({ from: "4", to: "5" })).toBe("Para. 4 → 5");
    expect(movedLabel({ from: "9", to: null })).toBe("Para. 9 → (no match)");
  });

  afterEach(() => document.body.replaceChildren());

  test("the dialog lists each group with its proposals and closes", () => {
    openRebaseReport(report);
    const groups = [...document.querySelectorAll<HTMLElement>('[data-testid="rebase-group"]')];
    expect(groups.map((g) => g.dataset.outcome)).toEqual(["carried", "review", "taken-in", "unplaced"]);
    expect(groups[3].textContent).toContain("Para. 9 → (no match)");
    expect(groups[0].querySelectorAll('[data-testid="rebase-item"]')).toHaveLength(2);
    document.querySelector<HTMLButtonElement>('[data-testid="rebase-close"]')!.click();
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(document.querySelector('[data-testid="rebase-report"]')).toBeNull();
        resolve();
      }, 0),
    );
  });
});
