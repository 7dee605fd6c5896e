import type { Diagnostic } from '../model/diagnostic.js';
import type { PhaseName } from '../model/phases.js';
import type { PhaseWriteStats } from '../storage/sink.js';
import type { FileStamp } from '../storage/output-dir.js';

export const REPORT_VERSION = 1;

/** State of graph.kuzu after a run. `stale` is never left behind: a failed load removes the file. */
export interface KuzuStatus {
  readonly status: 'ok' | 'degraded' | 'disabled';
  /** The phase whose load failed, when degraded. */
  readonly phase?: PhaseName | 'open' | 'finish';
  readonly reason?: string;
}

export interface PhaseReport {
  readonly phase: PhaseName;
  /** Time to compute the phase's fragment (parsing includes reading and parsing files). */
  readonly buildMs: number;
  readonly nodes: number;
  readonly relationships: number;
  readonly counts: Readonly<Record<string, number>>;
  /** Imports phase: imports of each package outside the repository. */
  readonly externalPackages?: Readonly<Record<string, number>>;
  readonly stores: readonly PhaseWriteStats[];
}

/** What report.json holds: the last index run. */
export interface IndexReport {
  readonly version: typeof REPORT_VERSION;
  readonly generator: { readonly name: 'codegraph'; readonly version: string };
  readonly root: string;
  readonly repo: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly files: {
    readonly found: number;
    readonly parsed: number;
    readonly reparsed: number;
    readonly skipped: Readonly<Record<string, number>>;
    readonly syntaxErrors: number;
  };
  readonly phases: readonly PhaseReport[];
  readonly kuzu: KuzuStatus;
  readonly totals: {
    readonly nodes: number;
    readonly relationships: number;
    readonly byLabel: Readonly<Record<string, number>>;
    readonly byType: Readonly<Record<string, number>>;
  };
  /** Milliseconds: walk, parse, resolve, write (stores' finish and swap), validate, total. */
  readonly timings: Readonly<Record<string, number>>;
  readonly diagnostics: {
    readonly total: number;
    readonly byCode: Readonly<Record<string, number>>;
    /** All of them, up to a limit; `total` says how many there were. */
    readonly items: readonly Diagnostic[];
  };
  readonly validation: unknown;
  /**
   * sha256 over everything the graph depends on (codegraph's version, the output-shaping options,
   * each file's path and content hash, the config files): equal fingerprints, equal graphs.
   */
  readonly fingerprint: string;
  /** The inputs had not changed since the last run, whose output was kept as it was. */
  readonly unchanged?: boolean;
  /** Size and mtime of the files this run wrote: an unchanged later run that finds them untouched need not re-validate. */
  readonly outputs?: { readonly graphJson?: FileStamp; readonly graphKuzu?: FileStamp };
  readonly exitCode: number;
}
