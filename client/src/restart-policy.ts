// When the language server process dies: restart it, unless it keeps dying (then stop and say how to start it again),
// and tell the user once per session rather than on every crash. Plain logic, without vscode, so that it is unit-tested.

/** As vscode-languageclient's default: give up after this many crashes within the window. */
const MAX_CRASHES = 5;
const WINDOW_MS = 3 * 60_000;

export interface CrashDecision {
  readonly restart: boolean;
  /** What to show the user now, if anything: the first crash, and giving up. */
  readonly tell?: string;
  /** What to write to the output channel (every crash). */
  readonly log: string;
}

export class RestartPolicy {
  private crashes: number[] = [];
  private told = false;

  /** The server's connection closed unexpectedly at `now` (ms). */
  closed(now: number): CrashDecision {
    this.crashes = [...this.crashes.filter((t) => now - t < WINDOW_MS), now];
    if (this.crashes.length >= MAX_CRASHES) {
      this.crashes = [];
      return {
        restart: false,
        tell: `The netpol language server stopped ${MAX_CRASHES} times in 3 minutes and was not restarted. Details are in the "netpol" output; run "NetworkPolicy: Restart the language server" to start it again.`,
        log: `netpol: the language server stopped ${MAX_CRASHES} times in 3 minutes; not restarting it.`,
      };
    }
    const log = `netpol: the language server stopped unexpectedly (${this.crashes.length} time(s) in 3 minutes); restarting it.`;
    if (this.told) return { restart: true, log };
    this.told = true;
    return { restart: true, tell: 'The netpol language server stopped unexpectedly and was restarted. Details are in the "netpol" output.', log };
  }

  /** A restart the user asked for starts the count again. */
  reset(): void {
    this.crashes = [];
  }
}
