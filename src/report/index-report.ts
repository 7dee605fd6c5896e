import type { IndexOptions } from '../config/options.js';
import { compareIds } from '../graph/ids.js';
import type { GraphCounts } from '../graph/builder.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import type { PhaseName, PhaseOutput } from '../model/phases.js';
import type { PhaseWriteStats, StoreStatus } from '../storage/sink.js';
import type { FileStamp } from '../storage/output-dir.js';
import { CODEGRAPH_VERSION } from '../version.js';

const REPORT_VERSION = 1;

/** How many diagnostics report.json lists one by one; the counts cover all of them. */
const DIAGNOSTICS_LISTED = 5000;

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
    /** Files read after masking constructs the grammar misreads (pipeline/extract/misreads.ts). */
    readonly masked: number;
  };
  readonly phases: readonly PhaseReport[];
  /** What became of graph.kuzu. */
  readonly kuzu: StoreStatus;
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

/** A phase's line of the report: what its processor made and what each store did with it. */
export function phaseReport(
  phase: PhaseName,
  output: Pick<PhaseOutput, 'counts' | 'externalPackages'>,
  size: { readonly nodes: number; readonly relationships: number },
  buildMs: number,
  stores: readonly PhaseWriteStats[],
): PhaseReport {
  return {
    phase,
    buildMs: Math.round(buildMs),
    nodes: size.nodes,
    relationships: size.relationships,
    counts: output.counts ?? {},
    ...(output.externalPackages ? { externalPackages: output.externalPackages } : {}),
    stores: stores.map((s) => ({ ...s, ms: Math.round(s.ms) })),
  };
}

/** Everything a run that wrote new output knows at its end. */
export interface RunRecord {
  readonly options: IndexOptions;
  readonly startedAt: string;
  readonly timings: Readonly<Record<string, number>>;
  /** What became of the files found: `fileCounts` of the parsed units. */
  readonly files: IndexReport['files'];
  readonly phases: readonly PhaseReport[];
  readonly kuzu: StoreStatus;
  /** Nodes per label and relationships per type in the graph written. */
  readonly totals: GraphCounts;
  readonly diagnostics: readonly Diagnostic[];
  readonly fingerprint: string;
  readonly outputs: IndexReport['outputs'];
}

/**
 * The report's `files` block, taken as soon as the files are parsed: the run lets go of the
 * parsed units before its stores finish, and this is all the report needs of them.
 */
export function fileCounts(filesFound: number, units: readonly ParsedUnit[], reparsed: number): IndexReport['files'] {
  return {
    found: filesFound,
    parsed: units.filter((u) => u.status.kind === 'parsed').length,
    reparsed,
    skipped: countBy(units.flatMap((u) => (u.status.kind === 'skipped' ? [u.status.reason] : []))),
    syntaxErrors: units.filter((u) => u.status.kind === 'parsed' && u.status.syntaxErrorLine !== undefined).length,
    masked: units.filter((u) => u.status.kind === 'parsed' && u.status.masked !== undefined).length,
  };
}

/** report.json of a run, before validation: exit 3 when Kuzu degraded, unless allowed. */
export function indexReport(run: RunRecord): IndexReport {
  const { options, totals } = run;
  return {
    version: REPORT_VERSION,
    generator: { name: 'codegraph', version: CODEGRAPH_VERSION },
    root: options.rootName,
    repo: options.repo,
    startedAt: run.startedAt,
    durationMs: run.timings['total'] ?? 0,
    options: { ...options },
    files: run.files,
    phases: run.phases,
    kuzu: run.kuzu,
    totals: {
      nodes: sum(totals.byLabel.values()),
      relationships: sum(totals.byType.values()),
      byLabel: sortedCounts(totals.byLabel),
      byType: sortedCounts(totals.byType),
    },
    timings: { ...run.timings },
    diagnostics: summarizeDiagnostics(run.diagnostics),
    validation: null,
    fingerprint: run.fingerprint,
    ...(run.outputs ? { outputs: run.outputs } : {}),
    exitCode: run.kuzu.status === 'degraded' && !options.allowDegraded ? 3 : 0,
  };
}

/** The report once validation has run: an inconsistency is exit 1. */
export function withValidation(report: IndexReport, validation: { consistent: boolean; result: unknown }, timings: Readonly<Record<string, number>>): IndexReport {
  return {
    ...report,
    durationMs: timings['total'] ?? report.durationMs,
    timings: { ...timings },
    validation: validation.result,
    exitCode: validation.consistent ? report.exitCode : 1,
  };
}

function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): IndexReport['diagnostics'] {
  const items = [...diagnostics]
    .sort((a, b) => compareIds(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareIds(a.code, b.code) || compareIds(a.message, b.message))
    .slice(0, DIAGNOSTICS_LISTED);
  return { total: diagnostics.length, byCode: countBy(diagnostics.map((d) => d.code)), items };
}

/** How many times each item occurs, keyed in sorted order; sorts the distinct items, not all of them. */
function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Counts by key, keys in id order, without the keys counted zero times. */
function sortedCounts(counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].filter(([, n]) => n > 0).sort(([a], [b]) => compareIds(a, b)));
}

function countBy(items: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => compareIds(a, b)));
}
