import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, type SaveState } from "./autosave";

type Patch = { body?: string; heading?: string };

function setup(save: (key: string, patch: Patch) => Promise<unknown> = () => Promise.resolve()) {
  const saves: [string, Patch][] = [];
  const states: SaveState[] = [];
  const autosave = new Autosave<Patch>({
    delayMs: 500,
    save: (key, patch) => {
      saves.push([key, patch]);
      return save(key, patch);
    },
    onState: (s) => states.push(s),
  });
  const labels = () => states.map((s) => (s.kind === "error" ? `error: ${s.message}` : s.kind));
  return { autosave, saves, states, labels };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("Autosave", () => {
  it("waits for the pause, then saves the latest text once", async () => {
    const { autosave, saves, labels } = setup();
    autosave.change("section:1", { body: "I" });
    await vi.advanceTimersByTimeAsync(300);
    autosave.change("section:1", { body: "It" });
    await vi.advanceTimersByTimeAsync(300);
    autosave.change("section:1", { body: "Ita" });
    expect(saves).toEqual([]);
    expect(autosave.state.kind).toBe("saving");
    await vi.advanceTimersByTimeAsync(499);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([["section:1", { body: "Ita" }]]);
    expect(autosave.state.kind).toBe("saved");
    expect(autosave.dirty).toBe(false);
    expect(labels()).toEqual(["saving", "saved"]);
  });

  it("merges fields of one record and keeps records apart", async () => {
    const { autosave, saves } = setup();
    autosave.change("section:1", { heading: "Norms" });
    autosave.change("section:1", { body: "Text" });
    autosave.change("paper:4", { heading: "x" });
    await vi.advanceTimersByTimeAsync(500);
    expect(saves).toEqual([
      ["section:1", { heading: "Norms", body: "Text" }],
      ["paper:4", { heading: "x" }],
    ]);
  });

  it("reports a failure with its message and keeps the unsaved text", async () => {
    const failing = vi.fn().mockRejectedValue({ code: "io", message: "disk full" });
    const { autosave, saves, labels } = setup(failing);
    autosave.change("section:1", { body: "Draft text" });
    await vi.advanceTimersByTimeAsync(500);
    expect(saves).toHaveLength(1);
    expect(autosave.state).toMatchObject({ kind: "error", message: "disk full" });
    expect(labels()).toEqual(["saving", "error: disk full"]);
    expect(autosave.dirty).toBe(true);
    expect(autosave.unsaved("section:1")).toEqual({ body: "Draft text" });
    // no retry loop on its own
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toHaveLength(1);
  });

  it("retries the failed text with the next change, newer fields winning", async () => {
    let fail = true;
    const { autosave, saves } = setup(() => (fail ? Promise.reject(new Error("locked")) : Promise.resolve()));
    autosave.change("section:1", { heading: "Old heading", body: "v1" });
    await vi.advanceTimersByTimeAsync(500);
    expect(autosave.state.kind).toBe("error");
    fail = false;
    autosave.change("section:1", { body: "v2" });
    await vi.advanceTimersByTimeAsync(500);
    expect(saves[1]).toEqual(["section:1", { heading: "Old heading", body: "v2" }]);
    expect(autosave.state.kind).toBe("saved");
    expect(autosave.unsaved("section:1")).toBeUndefined();
  });

  it("flush saves at once and says whether everything is saved", async () => {
    const { autosave, saves } = setup();
    autosave.change("section:2", { body: "now" });
    await expect(autosave.flush()).resolves.toBe(true);
    expect(saves).toEqual([["section:2", { body: "now" }]]);
    // the timer was cancelled: no second save
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toHaveLength(1);
    // nothing to do
    await expect(autosave.flush()).resolves.toBe(true);
    expect(saves).toHaveLength(1);
  });

  it("flush resolves false (never rejects) when the save fails", async () => {
    const { autosave } = setup(() => Promise.reject({ code: "io", message: "gone" }));
    autosave.change("section:2", { body: "x" });
    await expect(autosave.flush()).resolves.toBe(false);
    expect(autosave.unsaved("section:2")).toEqual({ body: "x" });
  });

  it("never lets an older save overtake a newer one", async () => {
    const resolvers: (() => void)[] = [];
    const { autosave, saves } = setup(() => new Promise<void>((resolve) => resolvers.push(resolve)));
    autosave.change("section:1", { body: "first" });
    await vi.advanceTimersByTimeAsync(500);
    expect(saves).toHaveLength(1);
    autosave.change("section:1", { body: "second" });
    await vi.advanceTimersByTimeAsync(500);
    // the second write waits for the first to finish
    expect(saves).toHaveLength(1);
    expect(autosave.state.kind).toBe("saving");
    resolvers[0]();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toEqual([
      ["section:1", { body: "first" }],
      ["section:1", { body: "second" }],
    ]);
    expect(autosave.state.kind).toBe("saving");
    resolvers[1]();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.state.kind).toBe("saved");
  });

  it("a change typed during a save keeps the state at saving until it is written", async () => {
    let release!: () => void;
    const { autosave, saves } = setup(() => new Promise<void>((resolve) => (release = resolve)));
    autosave.change("section:1", { body: "a" });
    await vi.advanceTimersByTimeAsync(500);
    autosave.change("section:1", { body: "ab" });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.state.kind).toBe("saving");
    await vi.advanceTimersByTimeAsync(500);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves.map(([, p]) => p.body)).toEqual(["a", "ab"]);
    expect(autosave.state.kind).toBe("saved");
  });

  it("discard forgets a deleted record", async () => {
    const { autosave, saves } = setup();
    autosave.change("section:3", { body: "x" });
    autosave.discard("section:3");
    await vi.advanceTimersByTimeAsync(500);
    expect(saves).toEqual([]);
    expect(autosave.dirty).toBe(false);
  });
});
