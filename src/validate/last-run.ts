import { isRecord } from '../graph/check.js';

export interface WriteCounts {
  readonly attempted: number;
  readonly written: number;
  readonly failed: number;
}

/** What one store did in one phase of the last index run (report.json `phases[].stores[]`). */
export interface StoreWrite {
  readonly phase: string;
  readonly store: string;
  readonly nodes?: WriteCounts;
  readonly relationships?: WriteCounts;
  readonly ms?: number;
  readonly status?: string;
  readonly reason?: string;
}

export interface PhaseRun {
  readonly phase: string;
  readonly buildMs?: number;
  /** The processor's own counts (e.g. calls `resolved.import`, `unresolved.no-definition`). */
  readonly counts: Readonly<Record<string, number>>;
  /** Imports of each package outside the repository (imports phase). */
  readonly externalPackages?: Readonly<Record<string, number>>;
}

export interface KuzuState {
  readonly status: string;
  readonly stale: boolean;
  readonly phase?: string;
  readonly reason?: string;
}

/** The parts of report.json that validate and stats show. */
export interface LastRun {
  readonly version?: string;
  /** File counts of report.json `files`: found, parsed, syntaxErrors, masked (numbers only). */
  readonly files?: Readonly<Record<string, number>>;
  readonly startedAt?: string;
  readonly kuzu?: KuzuState;
  readonly phases: readonly PhaseRun[];
  readonly writes: readonly StoreWrite[];
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Reads report.json (the index command's IndexReport) defensively: it belongs to another command and
 * may be older or newer than this code, so missing or unexpected fields are skipped, never fatal.
 */
export function readLastRun(input: unknown): LastRun | undefined {
  if (!isRecord(input)) return undefined;
  const phases: PhaseRun[] = [];
  const writes: StoreWrite[] = [];
  for (const entry of listOf(input.phases)) {
    const phase = stringAt(entry, 'phase');
    if (phase === undefined) continue;
    phases.push(withDefined({ phase, buildMs: numberAt(entry, 'buildMs'), counts: numbersOf(entry.counts), externalPackages: numbersOf(entry.externalPackages) }));
    for (const stats of listOf(entry.stores)) {
      const store = stringAt(stats, 'store');
      if (store === undefined) continue;
      writes.push(
        withDefined({
          phase,
          store,
          nodes: writeCounts(stats.nodes),
          relationships: writeCounts(stats.relationships),
          ms: numberAt(stats, 'ms'),
          status: stringAt(stats, 'status'),
          reason: stringAt(stats, 'reason'),
        }),
      );
    }
  }
  const files = numbersOf(input.files);
  return withDefined({
    version: stringAt(input.generator, 'version'),
    files: Object.keys(files).length > 0 ? files : undefined,
    startedAt: stringAt(input, 'startedAt'),
    kuzu: readKuzuState(input.kuzu),
    phases,
    writes,
    timings: numbersOf(input.timings),
  });
}

function readKuzuState(value: unknown): KuzuState | undefined {
  if (!isRecord(value) || typeof value.status !== 'string') return undefined;
  return withDefined({
    status: value.status,
    stale: value.stale === true,
    phase: stringAt(value, 'phase'),
    reason: stringAt(value, 'reason'),
  });
}

function writeCounts(value: unknown): WriteCounts | undefined {
  if (!isRecord(value)) return undefined;
  const [attempted, written, failed] = (['attempted', 'written', 'failed'] as const).map((k) => numberAt(value, k) ?? 0);
  return { attempted: attempted!, written: written!, failed: failed! };
}

/** Drops undefined fields, so JSON output and deep equality see only what report.json had. */
function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function numbersOf(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isRecord(value)) return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  return out;
}

function stringAt(value: unknown, key: string): string | undefined {
  return isRecord(value) && typeof value[key] === 'string' ? value[key] : undefined;
}

function numberAt(value: Record<string, unknown>, key: string): number | undefined {
  const v = value[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
