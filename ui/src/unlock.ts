// The first screen of an encrypted store: a passphrase field, Enter to open. The
// passphrase goes to the core and nowhere else: not kept here, not stored, not logged;
// the field is emptied once it has been sent.
import * as api from "./api";
import { h } from "./dom";

export interface UnlockOptions {
  /** The store opened: the app loads it. */
  opened: () => void;
  /** A failure other than a wrong passphrase (a damaged store, say): the app shows it. */
  failed: (error: api.ChanceryError) => void;
}

export function unlockScreen(message: string, options: UnlockOptions): HTMLElement {
  const field = h("input", {
    type: "password",
    id: "unlock-passphrase",
    "data-testid": "unlock-passphrase",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "unlock-hint",
  });
  const hint = h("p", { class: "field-hint unlock-hint", id: "unlock-hint", role: "status", "data-testid": "unlock-hint" });
  const open = h("button", { type: "submit", class: "button primary", "data-testid": "unlock" }, "Open");
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const passphrase = field.value;
    field.value = "";
    if (passphrase === "") {
      hint.textContent = "Type the store's passphrase.";
      field.focus();
      return;
    }
    open.disabled = true;
    hint.classList.remove("wrong");
    hint.textContent = "Opening…";
    try {
      await api.unlockStore(passphrase);
      options.opened();
    } catch (e) {
      const error = api.toChanceryError(e);
      if (error.code !== "store.wrong_passphrase") {
        options.failed(error);
        return;
      }
      hint.classList.add("wrong");
      hint.textContent = "That passphrase does not open this store. Check it and try again.";
      field.focus();
    } finally {
      open.disabled = false;
    }
  };
  const form = h(
    "form",
    { class: "empty-state unlock", "data-testid": "unlock-form", onsubmit: (event: Event) => void submit(event) },
    h("h2", null, "This store is encrypted"),
    h("p", { class: "muted" }, message),
    h(
      "div",
      { class: "field" },
      h("label", { for: "unlock-passphrase" }, "Passphrase"),
      h("div", { class: "field-row" }, field, open),
      hint,
    ),
  );
  queueMicrotask(() => field.focus());
  return form;
}
