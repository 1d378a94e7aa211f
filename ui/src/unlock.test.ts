import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unlockScreen } from "./unlock";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function screen(answer: (passphrase: string) => unknown) {
  const sent: string[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "unlock_store") throw new Error(`unexpected ${cmd}`);
    const passphrase = (args as { passphrase: string }).passphrase;
    sent.push(passphrase);
    return answer(passphrase);
  });
  const opened = vi.fn();
  const failed = vi.fn();
  const root = unlockScreen("/data/chancery.sqlite3 is encrypted; open it with its passphrase", { opened, failed });
  document.body.append(root);
  const field = root.querySelector<HTMLInputElement>("[data-testid=unlock-passphrase]")!;
  const hint = root.querySelector<HTMLElement>("[data-testid=unlock-hint]")!;
  const submit = async (text: string) => {
    field.value = text;
    (root as HTMLFormElement).requestSubmit();
    await settle();
  };
  return { sent, opened, failed, field, hint, submit };
}

describe("the passphrase screen of an encrypted store", () => {
  it("is a password field, and Enter sends the passphrase and opens the store", async () => {
    const s = screen(() => null);
    expect(s.field.type).toBe("password");
    await s.submit("correct horse");
    expect(s.sent).toEqual(["correct horse"]);
    expect(s.opened).toHaveBeenCalledOnce();
    expect(s.field.value).toBe("");
  });

  it("says so when the passphrase is wrong, and lets the user try again", async () => {
    const s = screen((p) => (p === "right" ? null : Promise.reject({ code: "store.wrong_passphrase", message: "the passphrase does not open x" })));
    await s.submit("wrong");
    expect(s.opened).not.toHaveBeenCalled();
    expect(s.hint.textContent).toContain("does not open this store");
    expect(s.field.value).toBe("");
    await s.submit("right");
    expect(s.opened).toHaveBeenCalledOnce();
  });

  it("hands a damaged store to the app rather than calling the passphrase wrong", async () => {
    const s = screen(() => Promise.reject({ code: "store.damaged", message: "x is damaged" }));
    await s.submit("right");
    expect(s.failed).toHaveBeenCalledWith(expect.objectContaining({ code: "store.damaged" }));
    expect(s.hint.textContent).not.toContain("does not open");
  });

  it("sends nothing for an empty field", async () => {
    const s = screen(() => null);
    await s.submit("");
    expect(s.sent).toEqual([]);
  });
});
