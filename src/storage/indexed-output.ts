import path from 'node:path';
import { UsageError } from '../errors.js';
import { outputPaths, recoverOutput } from './output-dir.js';
import { fileExists } from './output-reader.js';

/**
 * The output folder a command names (a path to its graph.json is taken as the folder), with an
 * interrupted commit finished first; a missing folder is a usage error.
 */
export async function openOutputFolder(location: string): Promise<{ outDir: string; paths: ReturnType<typeof outputPaths> }> {
  const resolved = path.resolve(location);
  const outDir = path.basename(resolved) === 'graph.json' && fileExists(resolved) ? path.dirname(resolved) : resolved;
  if (!fileExists(outDir)) throw new UsageError(`no such output folder: ${location} (run codegraph index first)`);
  await recoverOutput(outDir);
  return { outDir, paths: outputPaths(outDir) };
}
