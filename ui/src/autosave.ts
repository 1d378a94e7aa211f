// Autosave: collects changes per record and writes them once typing pauses.
//
// Changes are patches keyed by record ("section:12", "paper:3"). Patches for the
// same key merge, later fields winning, so a burst of typing becomes one save of
// the latest text. Saves run one batch at a time, so an older write can never
// land after a newer one. A failed patch is kept (under any newer change) and is
// written again with the next change or flush; nothing typed is dropped.
//
// No DOM here: the controller is driven by `change`/`flush` and reports its state
// through `onState`, which the header turns into "Saving…", "Saved" or an error.

export type SaveState =
  | { kind: "saved" }
  /** changes are waiting for the pause, or being written */
  | { kind: "saving" }
  | { kind: "error"; message: string; error: unknown };

export interface AutosaveOptions<P> {
  /** Writes one record's merged patch; rejects when it could not be saved. */
  save: (key: string, patch: P) => Promise<unknown>;
  /** Quiet time after the last change before saving. */
  delayMs?: number;
  onState?: (state: SaveState) => void;
}

export const AUTOSAVE_DELAY_MS = 500;

export class Autosave<P extends object> {
  private readonly pending = new Map<string, P>();
  private readonly delayMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private current: SaveState = { kind: "saved" };

  constructor(private readonly options: AutosaveOptions<P>) {
    this.delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
  }

  get state(): SaveState {
    return this.current;
  }

  /** True while anything is unsaved: waiting, being written, or failed. */
  get dirty(): boolean {
    return this.pending.size > 0 || this.inFlight > 0;
  }

  /** The not-yet-saved patch for a record, if any (e.g. text kept after a failed save). */
  unsaved(key: string): P | undefined {
    const patch = this.pending.get(key);
    return patch ? { ...patch } : undefined;
  }

  /** Records a change; it is saved `delayMs` after the last change. */
  change(key: string, patch: P): void {
    this.pending.set(key, { ...this.pending.get(key), ...patch } as P);
    this.setState({ kind: "saving" });
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.enqueue();
    }, this.delayMs);
  }

  /**
   * Saves everything now (after any save already running). Resolves to true when
   * nothing is left unsaved, false when a save failed; it never rejects.
   */
  flush(): Promise<boolean> {
    this.clearTimer();
    return this.enqueue().then(() => !this.dirty);
  }

  /** Forgets unsaved changes for a record that no longer exists. */
  discard(key: string): void {
    this.pending.delete(key);
    if (!this.dirty && this.timer === null) this.setState({ kind: "saved" });
  }

  /** Stops the timer; pending changes stay (call flush first to keep them). */
  dispose(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private enqueue(): Promise<void> {
    this.queue = this.queue.then(() => this.writeAll());
    return this.queue;
  }

  private async writeAll(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    this.inFlight = batch.length;
    let failure: unknown = null;
    let failed = false;
    for (const [key, patch] of batch) {
      try {
        await this.options.save(key, patch);
      } catch (error) {
        failed = true;
        failure = error;
        // Keep it, under whatever was typed while it was being written.
        this.pending.set(key, { ...patch, ...this.pending.get(key) } as P);
      } finally {
        this.inFlight -= 1;
      }
    }
    if (failed) {
      this.setState({ kind: "error", message: messageOf(failure), error: failure });
    } else if (this.pending.size === 0 && this.timer === null) {
      this.setState({ kind: "saved" });
    }
  }

  private setState(state: SaveState): void {
    const before = this.current;
    this.current = state;
    if (before.kind !== state.kind || state.kind === "error") this.options.onState?.(state);
  }
}

function messageOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === "string" && message !== "") return message;
  }
  return typeof error === "string" ? error : "The change could not be saved.";
}
