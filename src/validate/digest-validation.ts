import path from 'node:path';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../graph/model.js';
import type { StoreDigest } from '../storage/kuzu-digest.js';
import { outputPaths } from '../storage/output-dir.js';
import type { TableCount } from './compare-kuzu.js';
import { readLastRun } from './last-run.js';
import { jsonOnly } from './stream-validate.js';
import type { ValidationReport } from './validate-output.js';
import type { WrittenGraph } from './written-graph.js';

/** What an index run hands its validation beside the output folder, to spare reading it again. */
export interface WrittenOutput {
  /** graph.json's checks and digests, made as it was written. */
  readonly written: WrittenGraph;
  /** Kuzu's row counts and digests, computed right after its COMMIT (absent: none was computed). */
  readonly kuzu?: StoreDigest;
  /** The run's report, as report.json holds it: the last run's word on Kuzu. */
  readonly report: unknown;
}

/**
 * index's validation from what the run saw as it wrote: graph.json's own checks, made on every line
 * written, and for Kuzu every table's row count and digest, which covers each row's id, ends and
 * every property (storage/row-digest.ts). When everything agrees it is the report `codegraph
 * validate` would give, said to be compared by digest. Anything else (a finding, a count or digest
 * that differs, no digest) gives undefined: a digest cannot say what differs, so the caller then
 * validates the output row by row, as `validate` does, for the detailed report.
 */
export function digestValidation(outDir: string, compareKuzu: boolean, output: WrittenOutput): ValidationReport | undefined {
  const started = performance.now();
  const { written, kuzu } = output;
  if (written.unusable !== undefined || written.findings.total > 0) return undefined;
  let counts: ValidationReport['counts'];
  if (compareKuzu) {
    const mine = written.digests;
    if (!mine || !kuzu?.ok) return undefined;
    const theirs = new Map(kuzu.tables.map((t) => [t.table, t]));
    const agree = mine.every((table) => {
      const other = theirs.get(table.table);
      return other !== undefined && other.rows === table.rows && other.digest === table.digest;
    });
    if (!agree || theirs.size !== mine.length) return undefined;
    const table = (name: string): TableCount => ({ table: name, json: written.perTable.get(name) ?? 0, kuzu: theirs.get(name)!.rows });
    counts = { nodes: NODE_LABELS.map(table), relationships: RELATIONSHIP_TYPES.map(table) };
  } else {
    counts = { nodes: jsonOnly(NODE_LABELS, written.perTable), relationships: jsonOnly(RELATIONSHIP_TYPES, written.perTable) };
  }
  const paths = outputPaths(path.resolve(outDir));
  const lastRun = readLastRun(output.report)?.kuzu;
  return {
    consistent: true,
    outDir: path.resolve(outDir),
    graphJson: { path: paths.graphJson, nodes: written.nodes, relationships: written.relationships },
    integrity: [],
    kuzu: { path: paths.graphKuzu, status: compareKuzu ? 'compared' : 'skipped', ...(compareKuzu ? { comparedBy: 'digest' as const } : {}), ...(lastRun ? { lastRun } : {}), notes: [] },
    counts,
    differences: [],
    // The checks of graph.json and Kuzu's digest ran beside the writes, in two processes: their time is
    // what validation took, with this comparison.
    durationMs: Math.round(written.ms + (kuzu?.ms ?? 0) + performance.now() - started),
  };
}
