import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import * as api from "./api";
import { ChanceryError, toChanceryError } from "./api";

type Call = { cmd: string; args: unknown };

function record(answer: (cmd: string, args: Record<string, unknown>) => unknown = () => null): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return answer(cmd, (args ?? {}) as Record<string, unknown>);
  });
  return calls;
}

afterEach(() => clearMocks());

describe("errors", () => {
  it("turns a rejected {code, message} into a ChanceryError", async () => {
    mockIPC(() => Promise.reject({ code: "paper.not_found", message: "No paper with id 7." }));
    const error = await api.openPaper(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChanceryError);
    expect(error).toMatchObject({ code: "paper.not_found", message: "No paper with id 7." });
  });

  it("keeps a bare string rejection from the IPC layer as code ipc", async () => {
    mockIPC(() => Promise.reject("command open_paper not found"));
    await expect(api.openPaper(1)).rejects.toMatchObject({ code: "ipc", message: "command open_paper not found" });
  });

  it("maps thrown Errors and odd values", () => {
    expect(toChanceryError(new TypeError("boom"))).toMatchObject({ code: "ipc", message: "boom" });
    expect(toChanceryError(42)).toMatchObject({ code: "unknown", message: "Unexpected error: 42" });
    const original = new ChanceryError("x", "y");
    expect(toChanceryError(original)).toBe(original);
  });
});

describe("command names and argument names", () => {
  it("create_paper wraps the fields in input and leaves out empty optionals", async () => {
    const calls = record(() => ({ id: 3 }));
    await api.createPaper({ title: "Comments", delegation: "Italy", template: "comments", language: undefined, process: undefined });
    expect(calls).toEqual([{ cmd: "create_paper", args: { input: { title: "Comments", delegation: "Italy", template: "comments" } } }]);
    expect(Object.keys((calls[0].args as { input: object }).input)).toEqual(["title", "delegation", "template"]);
  });

  it("open, update, delete paper take id (and patch)", async () => {
    const calls = record();
    await api.openPaper(5);
    await api.updatePaper(5, { status: "final", process: "", meeting: undefined });
    await api.deletePaper(5);
    expect(calls).toEqual([
      { cmd: "open_paper", args: { id: 5 } },
      { cmd: "update_paper", args: { id: 5, patch: { status: "final", process: "" } } },
      { cmd: "delete_paper", args: { id: 5 } },
    ]);
  });

  it("add_section takes paperId, heading, pillar, after at the top level", async () => {
    const calls = record();
    await api.addSection({ paperId: 2, heading: "International law", pillar: "law", after: 11 });
    await api.addSection({ paperId: 2, heading: "Annex" });
    expect(calls).toEqual([
      { cmd: "add_section", args: { paperId: 2, heading: "International law", pillar: "law", after: 11 } },
      { cmd: "add_section", args: { paperId: 2, heading: "Annex" } },
    ]);
  });

  it("update_section and delete_section take id; pillar null is sent to clear it", async () => {
    const calls = record();
    await api.updateSection(9, { body: "Text", pillar: null });
    await api.deleteSection(9);
    expect(calls).toEqual([
      { cmd: "update_section", args: { id: 9, patch: { body: "Text", pillar: null } } },
      { cmd: "delete_section", args: { id: 9 } },
    ]);
  });

  it("render_markdown takes markdown and returns the core's HTML", async () => {
    const calls = record(() => "<p><em>x</em></p>");
    await expect(api.renderMarkdown("*x*")).resolves.toBe("<p><em>x</em></p>");
    expect(calls).toEqual([{ cmd: "render_markdown", args: { markdown: "*x*" } }]);
  });

  it("commands without arguments", async () => {
    const calls = record((cmd) => (cmd === "store_info" ? { path: "/data/chancery.sqlite3" } : []));
    await expect(api.storeInfo()).resolves.toEqual({ path: "/data/chancery.sqlite3" });
    await api.framework();
    await api.listPapers();
    expect(calls.map((c) => c.cmd)).toEqual(["store_info", "framework", "list_papers"]);
  });

  it("checklist commands take paperId, action and update, camelCase", async () => {
    const calls = record();
    await api.checklist(3);
    await api.setAction(3, "c-nat-1", { status: "implemented", note: undefined, evidence: "Act 2024" });
    await api.reportOnAction(3, "c-nat-1");
    expect(calls).toEqual([
      { cmd: "checklist", args: { paperId: 3 } },
      { cmd: "set_action", args: { paperId: 3, action: "c-nat-1", update: { status: "implemented", evidence: "Act 2024" } } },
      { cmd: "report_on_action", args: { paperId: 3, action: "c-nat-1" } },
    ]);
  });

  it("version commands take paperId and version numbers", async () => {
    const calls = record();
    await api.versions(3);
    await api.versionMarkdown(3, 2);
    await api.diffVersions(3, 1, 4);
    await api.nameVersion(3, 2, "Sent to capital");
    await api.restoreVersion(3, 2);
    await api.countWords("Mr Chair,");
    expect(calls).toEqual([
      { cmd: "versions", args: { paperId: 3 } },
      { cmd: "version_markdown", args: { paperId: 3, number: 2 } },
      { cmd: "diff_versions", args: { paperId: 3, from: 1, to: 4 } },
      { cmd: "name_version", args: { paperId: 3, number: 2, name: "Sent to capital" } },
      { cmd: "restore_version", args: { paperId: 3, number: 2 } },
      { cmd: "count_words", args: { markdown: "Mr Chair," } },
    ]);
  });
});

