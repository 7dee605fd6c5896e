// The messages between the run (kuzu-client.ts) and the process that owns the Kuzu database
// (kuzu-process.ts): one module both sides import, so they cannot drift apart.

/** Tells a child which process started it, so that it can tell when that process is gone. */
export const PARENT_PID = 'CODEGRAPH_PARENT_PID';

export type KuzuRequest =
  /** `bufferPoolBytes` 0 is Kuzu's default: 80% of the machine's memory. `readOnly`: opened only to be read. */
  | { readonly id: number; readonly op: 'open'; readonly path: string; readonly bufferPoolBytes: number; readonly readOnly?: boolean }
  | { readonly id: number; readonly op: 'exec'; readonly statement: string }
  /**
   * Runs the statements one after another, stopping at the first that fails: the result is the JSON
   * of a BatchResult. The run sends a phase's COPYs at once, so that the Kuzu process goes from one
   * to the next without waiting for the run's thread, busy building the next phase, to send it.
   */
  | { readonly id: number; readonly op: 'batch'; readonly statements: readonly string[] }
  /** Runs each statement; the result is the JSON of every statement's rows (value lists in column order). */
  | { readonly id: number; readonly op: 'rows'; readonly statements: readonly string[] }
  | { readonly id: number; readonly op: 'close' };

/** What a batch's statements said: each one run's result (as `exec` gives it) and, if one failed, why. */
export interface BatchResult {
  readonly results: readonly string[];
  readonly error?: string;
}

/** `ms`: how long the Kuzu process worked on the request, not counting the time it waited in the queue. */
export type KuzuReply =
  | { readonly id: number; readonly ok: true; readonly result: string; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly ms: number };
