import { isRecord } from '../graph/check.js';

/** What one store did in one phase of the last index run. */
export interface StoreWrite {
  readonly phase: string;
  readonly store: string;
  readonly attempted?: number;
  readonly written?: number;
  readonly failed?: number;
  readonly durationMs?: number;
}

export interface PhaseRun {
  readonly phase: string;
  readonly durationMs?: number;
  /** The processor's own counts (e.g. imports `resolved`, `external:lodash`, `unresolved:not-found`). */
  readonly counts: Readonly<Record<string, number>>;
}

export interface KuzuState {
  readonly status: string;
  readonly stale: boolean;
  readonly reason?: string;
}

/** The parts of report.json that validate and stats show; every field is optional in the file. */
export interface LastRun {
  readonly version?: string;
  readonly kuzu?: KuzuState;
  readonly phases: readonly PhaseRun[];
  readonly writes: readonly StoreWrite[];
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Reads report.json defensively: its layout belongs to the index command and may grow, so unknown
 * fields are ignored and phases/stores may come as lists (`[{ phase, ... }]`) or maps (`{ name: {...} }`).
 */
export function readLastRun(input: unknown): LastRun | undefined {
  if (!isRecord(input)) return undefined;
  const version = typeof input.version === 'string' ? input.version : stringAt(input.generator, 'version');
  const kuzu = readKuzuState(input.kuzu);
  const phases: PhaseRun[] = [];
  const writes: StoreWrite[] = [];
  for (const [phase, entry] of entries(input.phases, 'phase')) {
    phases.push({ phase, durationMs: numberAt(entry, 'durationMs'), counts: numbersOf(entry.counts) });
    for (const [store, stats] of entries(entry.stores ?? entry.sinks ?? entry.writes, 'store')) {
      writes.push(storeWrite(phase, store, stats));
    }
  }
  for (const [, entry] of entries(input.dualWrite ?? input.writes, 'phase')) {
    const phase = stringAt(entry, 'phase');
    const store = stringAt(entry, 'store') ?? stringAt(entry, 'sink');
    if (phase && store) writes.push(storeWrite(phase, store, entry));
  }
  const timings = numbersOf(input.timings);
  return {
    ...(version === undefined ? {} : { version }),
    ...(kuzu === undefined ? {} : { kuzu }),
    phases,
    writes,
    timings,
  };
}

function readKuzuState(value: unknown): KuzuState | undefined {
  if (!isRecord(value) || typeof value.status !== 'string') return undefined;
  const reason = stringAt(value, 'reason');
  return { status: value.status, stale: value.stale === true, ...(reason === undefined ? {} : { reason }) };
}

function storeWrite(phase: string, store: string, stats: Record<string, unknown>): StoreWrite {
  const out: { -readonly [K in keyof StoreWrite]: StoreWrite[K] } = { phase, store };
  for (const key of ['attempted', 'written', 'failed', 'durationMs'] as const) {
    const value = total(stats[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** A number, or the sum of an object of numbers (`{ nodes: 3, relationships: 4 }`). */
function total(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (!isRecord(value)) return undefined;
  const numbers = Object.values(value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return numbers.length > 0 ? numbers.reduce((a, b) => a + b, 0) : undefined;
}

/** Named entries of a list of records carrying their name in `nameKey`/`name`, or of a map. */
function entries(value: unknown, nameKey: string): [string, Record<string, unknown>][] {
  if (Array.isArray(value)) {
    return value.filter(isRecord).flatMap((entry) => {
      const name = stringAt(entry, nameKey) ?? stringAt(entry, 'name');
      return name === undefined ? [] : [[name, entry] as [string, Record<string, unknown>]];
    });
  }
  if (isRecord(value)) {
    return Object.entries(value).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]));
  }
  return [];
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
