import type { ApiClient } from '../../api/api-client';

/** How long typing pauses before the draft is saved: often enough to lose little, rarely enough to cost little. */
const pauseMs = 700;

/**
 * Keeps what an agent is writing on the server (encrypted there, per user and ticket) so that a reload, an
 * expired session or another computer finds it again. Saves once typing pauses; `cancel` once the text is sent.
 */
export class DraftKeeper {
  private timer: number | undefined;
  private pending: string | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly path: string,
  ) {}

  save(text: string): void {
    this.pending = text;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.flush(), pauseMs);
  }

  /** Saves now what is waiting (the view is left). */
  flush(): void {
    window.clearTimeout(this.timer);
    if (this.pending === null) return;
    const text = this.pending;
    this.pending = null;
    // A lost save is not worth interrupting the agent: the next keystroke saves again.
    this.api.put(this.path, { text }).catch(() => undefined);
  }

  cancel(): void {
    window.clearTimeout(this.timer);
    this.pending = null;
  }
}
