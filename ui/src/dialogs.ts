// Modal dialogs: new paper, new section, confirm. Enter submits, Escape cancels,
// focus stays inside while open and returns where it was on close.
import type { AgreedText, Framework, NewPaper, Pillar } from "./api";
import { ChanceryError } from "./api";
import { h, options, uid } from "./dom";

export interface ModalSpec {
  title: string;
  /** the fields or message */
  content: Node[];
  submitLabel: string;
  submitTestId?: string;
  /** a destructive action: the submit button is red */
  danger?: boolean;
  /** more buttons, between Cancel and the submit button */
  actions?: HTMLElement[];
  /** a dialog with more to read than a form */
  wide?: boolean;
  /**
   * Called on Enter or the submit button. Return (or resolve to) an error message
   * to keep the dialog open and show it; `false` keeps it open without an error; anything
   * else closes the dialog.
   */
  onSubmit: () => string | null | void | false | Promise<string | null | void | false>;
  onCancel?: () => void;
}

export interface Modal {
  root: HTMLElement;
  close(): void;
  showError(message: string): void;
}

const FOCUSABLE = 'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])';

export function openModal(spec: ModalSpec): Modal {
  const previousFocus = document.activeElement as HTMLElement | null;
  const titleId = uid("dialog-title");
  const error = h("p", { class: "dialog-error", role: "alert", hidden: true });
  const submit = h(
    "button",
    { type: "submit", class: spec.danger ? "button danger" : "button primary", "data-testid": spec.submitTestId },
    spec.submitLabel,
  );
  const cancel = h("button", { type: "button", class: "button", onclick: () => dismiss() }, "Cancel");
  const form = h(
    "form",
    { class: spec.wide ? "dialog wide" : "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, novalidate: true },
    h("h2", { id: titleId, class: "dialog-title" }, spec.title),
    ...spec.content,
    error,
    h("div", { class: "dialog-actions" }, cancel, ...(spec.actions ?? []), submit),
  );
  const root = h("div", { class: "overlay" }, form);
  let closed = false;
  let busy = false;

  function close(): void {
    if (closed) return;
    closed = true;
    root.remove();
    if (previousFocus && previousFocus.isConnected) previousFocus.focus();
  }

  function dismiss(): void {
    if (busy) return;
    close();
    spec.onCancel?.();
  }

  function showError(message: string): void {
    error.textContent = message;
    error.hidden = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    submit.disabled = true;
    try {
      const message = await spec.onSubmit();
      if (typeof message === "string" && message !== "") showError(message);
      else if (message !== false) close();
    } catch (e) {
      showError(e instanceof ChanceryError || e instanceof Error ? e.message : String(e));
    } finally {
      busy = false;
      submit.disabled = false;
    }
  });

  // Editing a field clears the complaint about it.
  form.addEventListener("input", (event) => {
    (event.target as HTMLElement).removeAttribute("aria-invalid");
    error.hidden = true;
  });

  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target instanceof HTMLSelectElement) {
      // Browsers submit on Enter only from text fields; make selects do the same.
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      dismiss();
    } else if (event.key === "Tab") {
      trapTab(form, event);
    }
  });
  root.addEventListener("mousedown", (event) => {
    if (event.target === root) dismiss();
  });

  document.body.appendChild(root);
  // A destructive dialog starts on Cancel, so a stray Enter does no harm.
  const first = form.querySelector<HTMLElement>("input, select, textarea") ?? (spec.danger ? cancel : submit);
  first.focus();
  return { root, close, showError };
}

function trapTab(container: HTMLElement, event: KeyboardEvent): void {
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute("disabled"));
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

export function field(label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  const id = control.id || uid("field");
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ?? null);
}

// ---------------------------------------------------------------- new paper

const PREFERRED_TEMPLATE = "blank";
const PREFERRED_LANGUAGE = "en";

/**
 * The "New paper" dialog. `create` makes the paper; when it throws, its message is
 * shown and the dialog stays open.
 */
export function openNewPaperDialog(
  framework: Framework | null,
  create: (input: NewPaper, base?: string) => Promise<void>,
  defaults: { delegation?: string; drafts?: Promise<AgreedText[]> } = {},
): Modal {
  const templates = framework?.templates ?? [];
  const languages = framework?.languages ?? [];
  const processes = framework?.processes ?? [];

  const title = h("input", {
    type: "text",
    "data-testid": "paper-title",
    required: true,
    autocomplete: "off",
    placeholder: "e.g. Comments on the Chair's zero draft",
  });
  const delegation = h("input", {
    type: "text",
    "data-testid": "paper-delegation",
    autocomplete: "off",
    placeholder: "e.g. Italy",
    value: defaults.delegation ?? "",
  });
  const template = h(
    "select",
    {
      "data-testid": "paper-template",
      value: templates.some((t) => t.id === PREFERRED_TEMPLATE) ? PREFERRED_TEMPLATE : templates[0]?.id,
    },
    ...options(templates.map((t) => ({ value: t.id, label: t.name }))),
  );
  const templateHint = h("p", { class: "field-hint" });
  const describe = () => {
    const t = templates.find((x) => x.id === template.value);
    const limits: string[] = [];
    if (t?.wordLimit) limits.push(`word limit ${t.wordLimit.toLocaleString("en")}`);
    if (t?.readingTime) limits.push("timed for delivery");
    templateHint.textContent = (t?.description ?? "") + (limits.length ? ` (${limits.join("; ")})` : "");
  };
  template.addEventListener("change", describe);
  describe();

  // A comments paper may answer a Chair's draft from the library: its paragraphs are what
  // the proposals are keyed to.
  const base = h("select", { "data-testid": "paper-base", value: "" }, ...options([], "None (no draft to answer)"));
  const baseField = field("Chair's draft", base, h("p", { class: "field-hint" }, "Comments and textual proposals keyed to its numbered paragraphs. Import it into the library first."));
  const showBase = () => {
    baseField.hidden = template.value !== "comments";
  };
  template.addEventListener("change", showBase);
  showBase();
  void defaults.drafts?.then(
    (documents) => {
      base.append(...options(documents.map((d) => ({ value: d.symbol, label: `${d.symbol} — ${d.shortTitle || d.title}` }))));
    },
    () => undefined,
  );

  const language = h(
    "select",
    {
      "data-testid": "paper-language",
      value: languages.some((l) => l.code === PREFERRED_LANGUAGE) ? PREFERRED_LANGUAGE : languages[0]?.code,
    },
    ...options(languages.map((l) => ({ value: l.code, label: l.native && l.native !== l.name ? `${l.name} (${l.native})` : l.name }))),
  );
  const process = h(
    "select",
    { "data-testid": "paper-process", value: "" },
    ...options(
      processes.map((p) => ({ value: p.id, label: p.years ? `${p.name} (${p.years})` : p.name })),
      "None",
    ),
  );

  const modal = openModal({
    title: "New paper",
    submitLabel: "Create paper",
    submitTestId: "create-paper",
    content: [
      field("Title", title),
      field("Delegation", delegation),
      field("Template", template, templateHint),
      baseField,
      h("div", { class: "field-row" }, field("Language", language), field("Process", process)),
    ],
    onSubmit: async () => {
      const name = title.value.trim();
      if (name === "") {
        title.setAttribute("aria-invalid", "true");
        title.focus();
        return "Give the paper a title.";
      }
      title.removeAttribute("aria-invalid");
      const input: NewPaper = {
        title: name,
        delegation: delegation.value.trim() || undefined,
        template: template.value || undefined,
        language: language.value || undefined,
        process: process.value || undefined,
      };
      if (template.value === "comments" && base.value) await create(input, base.value);
      else await create(input);
    },
  });
  return modal;
}

// ---------------------------------------------------------------- new section

export function openNewSectionDialog(
  pillars: Pillar[],
  create: (heading: string, pillar: string | undefined) => Promise<void>,
): Modal {
  const heading = h("input", {
    type: "text",
    "data-testid": "section-heading",
    autocomplete: "off",
    placeholder: "e.g. International law",
  });
  const pillar = h(
    "select",
    { "data-testid": "section-pillar", value: "" },
    ...options(pillars.map((p) => ({ value: p.id, label: p.name })), "None"),
  );
  // Picking a pillar with no heading typed yet offers the pillar's name.
  pillar.addEventListener("change", () => {
    const picked = pillars.find((p) => p.id === pillar.value);
    if (picked && heading.value.trim() === "") heading.value = picked.name;
  });
  return openModal({
    title: "New section",
    submitLabel: "Add section",
    submitTestId: "create-section",
    content: [field("Heading", heading), field("Pillar", pillar)],
    onSubmit: async () => {
      const text = heading.value.trim();
      if (text === "") {
        heading.setAttribute("aria-invalid", "true");
        heading.focus();
        return "Give the section a heading.";
      }
      await create(text, pillar.value || undefined);
    },
  });
}

// ---------------------------------------------------------------- confirm

/** Asks before doing something; destructive (a red button, Cancel focused) unless `danger: false`. */
export function openConfirmDialog(
  title: string,
  message: string,
  confirmLabel: string,
  confirm: () => Promise<void>,
  { danger = true }: { danger?: boolean } = {},
): Modal {
  return openModal({
    title,
    content: [h("p", { class: "dialog-message" }, message)],
    submitLabel: confirmLabel,
    submitTestId: "confirm",
    danger,
    onSubmit: confirm,
  });
}
