import path from 'node:path';
import { indexInProcess } from './index-in-process.js';

const fixtures = path.resolve(__dirname, '../fixtures');

/**
 * The CALLS of a fixture repository under test/fixtures/ as `source -> target [stage]`, in
 * graph.json's order, and the calls phase's counts; indexed through the real pipeline into
 * `scratch/<fixture>`.
 */
export async function callsOf(fixture: string, scratch: string): Promise<{ edges: string[]; counts: Record<string, number> }> {
  const { graph, report } = await indexInProcess(path.join(fixtures, fixture), path.join(scratch, fixture));
  const edges = graph.relationships.filter((r) => r.type === 'CALLS').map((r) => `${r.source} -> ${r.target} [${String(r.properties['stage'])}]`);
  const counts = { ...(report.phases.find((p) => p.phase === 'calls')?.counts ?? {}) } as Record<string, number>;
  return { edges, counts };
}
