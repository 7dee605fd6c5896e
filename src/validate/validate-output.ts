import path from 'node:path';
import { checkGraph, FindingTally, type CheckedGraph, type FindingSummary } from '../graph/check.js';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../graph/model.js';
import { KuzuReader } from '../storage/kuzu-reader.js';
import { outputPaths } from '../storage/output-dir.js';
import { fileExists, readGraphJson, refuseOtherFormat } from '../storage/output-reader.js';
import { readReport } from '../storage/report-file.js';
import { compareWithKuzu, type TableCount } from './compare-kuzu.js';
import { validateStreaming, type KuzuOpening, type StreamedValidation } from './stream-validate.js';
import { readLastRun, type KuzuState } from './last-run.js';

export interface ValidateOptions {
  /** Examples kept per kind of finding (default 5). */
  readonly maxExamples?: number;
  /** false: graph.json only (`index --no-kuzu`); the Kuzu side is reported as skipped. */
  readonly kuzu?: boolean;
}

/**
 * - compared: graph.kuzu was compared with graph.json (see `comparedBy`);
 * - missing: there is no graph.kuzu (inconsistent);
 * - skipped: not asked to compare (consistent if graph.json is sound);
 * - unusable: graph.json is not a graph, so there was nothing to compare against.
 */
export type KuzuCheckStatus = 'compared' | 'missing' | 'skipped' | 'unusable';

export interface ValidationReport {
  readonly consistent: boolean;
  readonly outDir: string;
  readonly graphJson: { readonly path: string; readonly nodes: number; readonly relationships: number };
  /** graph.json's own integrity problems (shape, ids, endpoints, labels, properties). */
  readonly integrity: readonly FindingSummary[];
  readonly kuzu: {
    readonly path: string;
    readonly status: KuzuCheckStatus;
    /**
     * With status `compared`, how: `rows`, every Kuzu row read back and compared with graph.json's;
     * `digest`, by each table's row count and a digest of its rows' ids, ends and properties, which
     * Kuzu computed while index wrote (validate/digest-validation.ts; only when they all agree).
     */
    readonly comparedBy?: 'rows' | 'digest';
    /** The last index run's word on graph.kuzu, from report.json (degraded, stale...). */
    readonly lastRun?: KuzuState;
    readonly notes: readonly string[];
  };
  readonly counts: { readonly nodes: readonly TableCount[]; readonly relationships: readonly TableCount[] };
  /** graph.json against Kuzu: missing in Kuzu, extra in Kuzu, differing. */
  readonly differences: readonly FindingSummary[];
  /**
   * How long validation took. Compared by digest: graph.json's checks and Kuzu's digest, both made
   * beside the writes in two processes, plus the comparison.
   */
  readonly durationMs: number;
}

/**
 * Validates an output folder: graph.json on its own, then against graph.kuzu. Throws UsageError when
 * there is no graph.json and StorageError when graph.json or graph.kuzu cannot be read (exit 2).
 */
export async function validateOutput(outDir: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const started = performance.now();
  const maxExamples = options.maxExamples ?? 5;
  const paths = outputPaths(path.resolve(outDir));
  // Kuzu opens the database on its own threads while graph.json's first lines are read; its errors
  // are kept and raised where the comparison needs the database, after graph.json's.
  const opening = options.kuzu !== false && fileExists(paths.graphKuzu) ? settle(KuzuReader.open(paths.graphKuzu)) : undefined;
  try {
    const lastRun = readLastRun(await readReport(paths.reportJson));
    const notes: string[] = [];
    let status: KuzuCheckStatus;
    if (options.kuzu === false) status = 'skipped';
    else if (!opening) {
      // A run with --no-kuzu writes no database on purpose; one that should have is inconsistent.
      const disabled = lastRun?.kuzu?.status === 'disabled';
      status = disabled ? 'skipped' : 'missing';
      if (disabled) notes.push('the last index run did not write graph.kuzu (Kuzu disabled)');
    } else status = 'compared';

    const found: Found = (fileExists(paths.graphJson) && (await validateStreaming(paths.graphJson, opening, maxExamples))) || (await validateWhole(paths.graphJson, opening, maxExamples));
    if (found.usable === false) {
      status = 'unusable';
      notes.length = 0;
    }
    const consistent = found.findings.total === 0 && found.differences.total === 0 && (status === 'compared' || status === 'skipped');
    return {
      consistent,
      outDir: path.resolve(outDir),
      graphJson: { path: paths.graphJson, nodes: found.nodes, relationships: found.relationships },
      integrity: found.findings.summaries(),
      kuzu: { path: paths.graphKuzu, status, ...(status === 'compared' ? { comparedBy: 'rows' as const } : {}), ...(lastRun?.kuzu ? { lastRun: lastRun.kuzu } : {}), notes: [...notes, ...found.notes] },
      counts: found.counts,
      differences: found.differences.summaries(),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await closeUnused(opening);
  }
}

/** What either way of reading graph.json found; `usable` is false when it is not a graph at all. */
type Found = StreamedValidation & { readonly usable?: false };

/**
 * graph.json read whole, checked by checkGraph and compared by compareWithKuzu: for what the
 * streaming path does not take (another layout, items out of order, a damaged file).
 */
async function validateWhole(file: string, opening: KuzuOpening | undefined, maxExamples: number): Promise<Found> {
  const input = await readGraphJson(file);
  refuseOtherFormat(input, file);
  const { checked, findings } = checkGraph(input, maxExamples);
  const differences = new FindingTally(maxExamples);
  const none = { nodes: [], relationships: [] };
  if (!checked) return { usable: false, nodes: 0, relationships: 0, findings, differences, counts: none, notes: [] };
  const sizes = { nodes: checked.graph.nodes.length, relationships: checked.graph.relationships.length };
  if (!opening) return { ...sizes, findings, differences, counts: jsonCounts(checked), notes: [] };
  const opened = await opening;
  if ('error' in opened) throw opened.error;
  const comparison = await compareWithKuzu(checked, opened.value, differences);
  return { ...sizes, findings, differences, counts: { nodes: comparison.nodeCounts, relationships: comparison.relationshipCounts }, notes: comparison.notes };
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

async function closeUnused(opening: KuzuOpening | undefined): Promise<void> {
  const opened = await opening;
  if (opened && 'value' in opened) await opened.value.close().catch(() => undefined);
}

/** graph.json's rows per label and type, in model order, when there is no Kuzu side to count. */
function jsonCounts(checked: CheckedGraph): ValidationReport['counts'] {
  const count = (tables: readonly string[], keys: readonly string[]): TableCount[] => {
    const counts = new Map(tables.map((t) => [t, 0]));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...counts.entries()].map(([table, json]) => ({ table, json, kuzu: null }));
  };
  const { graph } = checked;
  return {
    nodes: count(NODE_LABELS, checked.nodeOrder.map((i) => graph.nodes[i]!.label)),
    relationships: count(RELATIONSHIP_TYPES, checked.relationshipOrder.map((i) => graph.relationships[i]!.type)),
  };
}
