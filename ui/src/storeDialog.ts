// The Store dialog: where the papers are kept, whether the file is encrypted, its backups
// (take one now, put one back), and the encryption turned on or off or its passphrase
// changed. Passphrases go to the core and nowhere else; their fields are emptied once sent.
import * as api from "./api";
import type { BackupInfo, StoreSafety } from "./api";
import { openModal, type Modal } from "./dialogs";
import { formatBytes, formatDateTime } from "./format";
import { h, replaceChildren } from "./dom";

export interface StoreDialogHost {
  /** Writes what the editor holds, before the store's file is replaced; false if it could not. */
  flush: () => Promise<boolean>;
  /** The store was replaced or opened again: everything is loaded anew. */
  reopened: (notice: string) => Promise<void>;
}

/** What is wrong with a new passphrase and its repetition, or null when they will do. */
const UNSAVED = "What you typed could not be saved, so the store was left as it is. Try again once the save status reads Saved.";

export function newPassphraseProblem(passphrase: string, repeated: string): string | null {
  if (passphrase === "") return "Type the new passphrase.";
  if (passphrase !== repeated) return "The two passphrases differ: type the same one twice.";
  return null;
}

/** When a backup was taken, in local time, or its file name when its name has no time. */
export function backupLabel(backup: BackupInfo): string {
  return backup.taken ? formatDateTime(backup.taken) : backup.name;
}

function passwordField(testId: string, label: string): { row: HTMLElement; input: HTMLInputElement } {
  const input = h("input", { type: "password", autocomplete: "off", spellcheck: "false", "data-testid": testId, "aria-label": label });
  return { row: h("label", { class: "field" }, h("span", { class: "field-label" }, label), input), input };
}

export async function openStoreDialog(host: StoreDialogHost): Promise<Modal> {
  let safety: StoreSafety = await api.storeSafety();
  const status = h("p", { class: "field-hint", role: "status", "data-testid": "store-status" });
  const backupList = h("ul", { class: "backup-list", "data-testid": "backup-list" });
  const encryptionPart = h("div", { class: "encryption-part" });
  const summary = h("p", { class: "store-summary" });

  const renderBackups = (): void => {
    replaceChildren(
      backupList,
      ...safety.backups.map((backup) =>
        h(
          "li",
          { class: "backup-item", "data-testid": "backup", "data-name": backup.name },
          h("span", { class: "backup-when" }, backupLabel(backup)),
          h("span", { class: "muted backup-size" }, formatBytes(backup.bytes)),
          h("span", { class: "spacer" }),
          h("button", { type: "button", class: "button small", "data-testid": "backup-restore", onclick: () => confirmRestore(backup) }, "Restore…"),
        ),
      ),
    );
    if (safety.backups.length === 0) backupList.append(h("li", { class: "muted" }, "No backups yet. One is taken each day the app opens; take one now with Back up now."));
  };

  const renderSummary = (): void => {
    replaceChildren(
      summary,
      h("span", { class: "store-file", title: safety.path }, safety.path),
      h("span", { class: safety.encrypted ? "store-lock on" : "store-lock", "data-testid": "store-encrypted" }, safety.encrypted ? "Encrypted with a passphrase" : "Not encrypted"),
    );
  };

  const refresh = async (): Promise<void> => {
    safety = await api.storeSafety();
    renderSummary();
    renderBackups();
    renderEncryption();
  };

  const confirmRestore = (backup: BackupInfo): void => {
    openModal({
      title: "Restore this backup?",
      content: [
        h("p", null, `The store goes back to the backup of ${backupLabel(backup)}. Work written since then is not lost: the store as it is now is kept beside it, in the same folder, with “replaced” and today's time in its name.`),
      ],
      submitLabel: "Restore",
      submitTestId: "backup-restore-confirm",
      danger: true,
      onSubmit: async () => {
        if (!(await host.flush())) return UNSAVED;
        await api.restoreBackup(backup.name);
        dialog.close();
        await host.reopened(`Restored the backup of ${backupLabel(backup)}; the replaced store is kept beside it.`);
      },
    });
  };

  const backUp = h("button", {
    type: "button",
    class: "button",
    "data-testid": "backup-now",
    onclick: async () => {
      try {
        if (!(await host.flush())) return dialog.showError(UNSAVED);
        await api.backupNow();
        await refresh();
        status.textContent = "Backup taken.";
      } catch (e) {
        dialog.showError(api.toChanceryError(e).message);
      }
    },
  }, "Back up now");

  const renderEncryption = (): void => {
    const current = passwordField("passphrase-current", "Current passphrase");
    const fresh = passwordField("passphrase-new", safety.encrypted ? "New passphrase" : "Passphrase");
    const again = passwordField("passphrase-again", "The same again");
    const clear = () => [current, fresh, again].forEach((f) => (f.input.value = ""));
    const run = async (request: api.EncryptionRequest, done: string): Promise<void> => {
      clear();
      try {
        if (!(await host.flush())) return dialog.showError(UNSAVED);
        const result = await api.changeEncryption(request);
        const skipped = result.skipped.length ? ` ${result.skipped.length} backup(s) could not be converted and were left as they were: ${result.skipped.join("; ")}` : "";
        await refresh();
        status.textContent = `${done} ${result.backups} backup(s) with it.${skipped}`;
        await host.reopened(done);
      } catch (e) {
        dialog.showError(api.toChanceryError(e).message);
      }
    };
    const checked = (): string | null => {
      const problem = newPassphraseProblem(fresh.input.value, again.input.value);
      if (problem) dialog.showError(problem);
      return problem ? null : fresh.input.value;
    };
    const needCurrent = (): string | null => {
      if (current.input.value === "") dialog.showError("Type the current passphrase.");
      return current.input.value || null;
    };
    // Each button asks for what its change needs, and does nothing while something is missing.
    const button = (testId: string, label: string, request: () => api.EncryptionRequest | null, done: string, danger = false): HTMLElement =>
      h("button", { type: "button", class: danger ? "button danger" : "button", "data-testid": testId, onclick: () => {
        const wanted = request();
        if (wanted) void run(wanted, done);
      } }, label);
    if (!safety.encrypted) {
      const encrypt = button("encrypt", "Encrypt the store", () => {
        const passphrase = checked();
        return passphrase ? { action: "encrypt", passphrase } : null;
      }, "The store is encrypted.");
      replaceChildren(
        encryptionPart,
        h("p", { class: "muted" }, "Encrypt the store (and its backups) with a passphrase: it will be asked for each time the app opens. Without it nobody can read the papers, and neither can you: keep it where your ministry keeps such secrets."),
        fresh.row,
        again.row,
        h("div", { class: "dialog-row-actions" }, encrypt),
      );
      return;
    }
    const rekey = button("rekey", "Change the passphrase", () => {
      const was = needCurrent();
      const passphrase = was && checked();
      return was && passphrase ? { action: "rekey", current: was, passphrase } : null;
    }, "The store has its new passphrase.");
    const decrypt = button("decrypt", "Remove the encryption", () => {
      const was = needCurrent();
      return was ? { action: "decrypt", current: was } : null;
    }, "The store is no longer encrypted.", true);
    replaceChildren(
      encryptionPart,
      h("p", { class: "muted" }, "The store and its backups are encrypted. To change the passphrase or remove the encryption, type the current one first."),
      current.row,
      fresh.row,
      again.row,
      h("div", { class: "dialog-row-actions" }, rekey, decrypt),
    );
  };

  renderSummary();
  renderBackups();
  renderEncryption();
  const dialog = openModal({
    title: "The store",
    wide: true,
    content: [
      summary,
      h("h3", { class: "dialog-subtitle" }, "Backups"),
      h("p", { class: "muted" }, `Kept in ${safety.backupsFolder}, the newest ten.`),
      backupList,
      h("div", { class: "dialog-row-actions" }, backUp),
      h("h3", { class: "dialog-subtitle" }, "Encryption"),
      encryptionPart,
      status,
    ],
    submitLabel: "Close",
    submitTestId: "store-close",
    onSubmit: () => undefined,
  });
  return dialog;
}
