import type { IndexReport } from '../report/index-report.js';
import type { StoredOutput } from './dual-writer.js';
import { REPORT_JSON, type OutputTransaction } from './output-dir.js';
import { writeReport } from './report-file.js';

/**
 * The end of a run that wrote new output: report.json and the parse cache are staged beside the
 * stores' files, then all of them are swapped in at once (with the old files of stores not
 * rebuilt deleted). A signal before the swap leaves the previous output as it was.
 */
export async function commitOutput(
  tx: OutputTransaction,
  stored: StoredOutput,
  report: IndexReport,
  cacheFile: readonly [staged: string, final: string] | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const reportPath = tx.staged(REPORT_JSON);
  await writeReport(reportPath, report);
  signal?.throwIfAborted();
  await tx.commit([...stored.renames, [reportPath, REPORT_JSON], ...(cacheFile ? [cacheFile] : [])], stored.deletes);
}
