import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { StoreSafety } from "./api";
import { newPassphraseProblem, openStoreDialog } from "./storeDialog";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const PLAIN: StoreSafety = {
  path: "/home/drafter/chancery.sqlite3",
  encrypted: false,
  backupsFolder: "/home/drafter/backups",
  backups: [{ name: "chancery-20261123153012.sqlite3", taken: "2026-11-23T15:30:12Z", bytes: 3 * 1024 * 1024 }],
};

/** The dialog on a backend that records the commands it gets. */
async function dialog(options: { saved?: boolean; safety?: StoreSafety } = {}) {
  const calls: { cmd: string; args: unknown }[] = [];
  let safety = options.safety ?? PLAIN;
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "store_safety") return safety;
    if (cmd === "change_encryption") {
      safety = { ...safety, encrypted: true };
      return { backups: 1, skipped: [] };
    }
    if (cmd === "restore_backup") return null;
    throw new Error(`unexpected ${cmd}`);
  });
  const reopened: string[] = [];
  const modal = await openStoreDialog({ flush: async () => options.saved ?? true, reopened: async (notice) => void reopened.push(notice) });
  const $ = <T extends HTMLElement>(id: string) => modal.root.querySelector<T>(`[data-testid=${id}]`)!;
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  return { modal, $, sent, reopened };
}

describe("the Store dialog", () => {
  it("wants a new passphrase typed the same twice", () => {
    expect(newPassphraseProblem("", "")).toBe("Type the new passphrase.");
    expect(newPassphraseProblem("Correct horse", "Correct hose")).toMatch(/differ/);
    expect(newPassphraseProblem("Correct horse", "Correct horse")).toBeNull();
  });

  it("lists the backups and says the store is not encrypted", async () => {
    const { $, modal } = await dialog();
    expect($("store-encrypted").textContent).toBe("Not encrypted");
    const backups = [...modal.root.querySelectorAll<HTMLElement>("[data-testid=backup]")];
    expect(backups.map((b) => b.dataset.name)).toEqual(["chancery-20261123153012.sqlite3"]);
    expect(backups[0].textContent).toContain("3.0 MB");
  });

  it("encrypts with the passphrase typed twice, empties the fields, and reopens the store", async () => {
    const { $, sent, reopened } = await dialog();
    $<HTMLInputElement>("passphrase-new").value = "Correct horse";
    $<HTMLInputElement>("passphrase-again").value = "Correct hrose";
    $("encrypt").click();
    await settle();
    expect(sent("change_encryption")).toEqual([]);
    expect(document.querySelector("[role=alert]")!.textContent).toMatch(/differ/);

    $<HTMLInputElement>("passphrase-new").value = "Correct horse";
    $<HTMLInputElement>("passphrase-again").value = "Correct horse";
    $("encrypt").click();
    await settle();
    await settle();
    expect(sent("change_encryption")).toEqual([{ request: { action: "encrypt", passphrase: "Correct horse" } }]);
    expect(reopened).toEqual(["The store is encrypted."]);
    expect($("store-encrypted").textContent).toBe("Encrypted with a passphrase");
    // Now encrypted: the current passphrase is asked before anything else.
    expect($<HTMLInputElement>("passphrase-current").value).toBe("");
    $("decrypt").click();
    await settle();
    expect(sent("change_encryption")).toHaveLength(1);
    expect(document.querySelector("[role=alert]")!.textContent).toBe("Type the current passphrase.");
  });

  it("restores a backup only once what was typed is saved", async () => {
    const unsaved = await dialog({ saved: false });
    unsaved.$("backup-restore").click();
    document.querySelector<HTMLElement>("[data-testid=backup-restore-confirm]")!.click();
    await settle();
    expect(unsaved.sent("restore_backup")).toEqual([]);
    expect([...document.querySelectorAll("[role=alert]")].map((a) => a.textContent)).toContain(
      "What you typed could not be saved, so the store was left as it is. Try again once the save status reads Saved.",
    );
    document.body.innerHTML = "";

    const saved = await dialog();
    saved.$("backup-restore").click();
    document.querySelector<HTMLElement>("[data-testid=backup-restore-confirm]")!.click();
    await settle();
    await settle();
    expect(saved.sent("restore_backup")).toEqual([{ name: "chancery-20261123153012.sqlite3" }]);
    expect(saved.reopened[0]).toMatch(/^Restored the backup of 23 Nov 2026/);
  });
});
