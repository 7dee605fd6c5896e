import path from 'node:path';
import { outputPaths } from '../storage/output-dir.js';
import { fileExists } from '../storage/output-reader.js';
import { readReport } from '../storage/report-file.js';
import { readLastRun, type LastRun } from './last-run.js';

/** Which store a reading command uses, and why that one. */
export interface StoreChoice {
  readonly store: 'graph.kuzu' | 'graph.json';
  readonly path: string;
  readonly why: string;
}

/**
 * graph.kuzu when it is there and the last run (report.json) left it current, graph.json
 * otherwise. Also gives the last run, which the caller may show.
 */
export async function chooseStore(outDir: string): Promise<{ choice: StoreChoice; lastRun?: LastRun }> {
  const paths = outputPaths(path.resolve(outDir));
  const lastRun = readLastRun(await readReport(paths.reportJson));
  const kuzuState = lastRun?.kuzu;
  let choice: StoreChoice;
  if (!fileExists(paths.graphKuzu)) {
    choice = { store: 'graph.json', path: paths.graphJson, why: 'there is no graph.kuzu' };
  } else if (kuzuState && (kuzuState.status !== 'ok' || kuzuState.stale)) {
    choice = { store: 'graph.json', path: paths.graphJson, why: `the last run left graph.kuzu ${kuzuState.stale ? 'stale' : kuzuState.status}` };
  } else {
    choice = { store: 'graph.kuzu', path: paths.graphKuzu, why: 'graph.kuzu is present and current' };
  }
  return lastRun ? { choice, lastRun } : { choice };
}
