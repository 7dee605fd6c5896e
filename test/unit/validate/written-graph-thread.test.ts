import { describe, expect, it } from 'vitest';
import type { CodeGraph } from '../../../src/graph/model.js';
import type { WrittenGraph } from '../../../src/validate/written-graph.js';
import type * as ThreadModule from '../../../src/validate/written-graph-thread.js';
import { ROOT } from '../../helpers/cli.js';
import { sampleGraph } from './sample-graph.js';

// A large run checks graph.json's lines in a thread of its own; the thread runs compiled code
// (dist/, which the suite's global setup builds), so the same check is made here from dist/ both
// ways, on the same lines, and must find exactly the same.
const dist = (await import(`${ROOT}/dist/validate/written-graph-thread.js`)) as typeof ThreadModule;

async function checked(lines: { nodes: readonly string[]; relationships: readonly string[] }, thread: boolean): Promise<WrittenGraph> {
  const checks = dist.writtenGraphChecks({ digest: true }, 0, thread);
  try {
    checks.begin();
    for (const line of lines.nodes) await checks.line('nodes', line);
    for (const line of lines.relationships) await checks.line('relationships', line);
    checks.end();
    return await checks.settled();
  } finally {
    checks.dispose();
  }
}

const linesOf = (graph: CodeGraph) => ({ nodes: graph.nodes.map((n) => JSON.stringify(n)), relationships: graph.relationships.map((r) => JSON.stringify(r)) });
const comparable = (g: WrittenGraph) => ({ ...g, findings: g.findings.summaries(), perTable: [...g.perTable], ms: 0 });

describe("graph.json's checks in a thread of their own", () => {
  it('find what the checks on the writing thread find: counts, tables, digests', async () => {
    const lines = linesOf(sampleGraph());
    const [inThread, here] = await Promise.all([checked(lines, true), checked(lines, false)]);
    expect(inThread.digests?.length).toBeGreaterThan(0);
    expect(inThread.unusable).toBeUndefined();
    expect(comparable(inThread)).toEqual(comparable(here));
  });

  it('report the same findings, examples included, for a dangling endpoint and a torn line', async () => {
    const lines = linesOf(sampleGraph());
    const rel = JSON.parse(lines.relationships[0]!) as { target: string };
    const broken = { nodes: lines.nodes, relationships: [JSON.stringify({ ...rel, target: `${rel.target}-gone` }), ...lines.relationships.slice(1)] };
    const [inThread, here] = await Promise.all([checked(broken, true), checked(broken, false)]);
    expect(inThread.findings.total).toBe(1);
    expect(comparable(inThread)).toEqual(comparable(here));
    const torn = { nodes: [...lines.nodes.slice(0, -1), lines.nodes.at(-1)!.slice(0, 20)], relationships: lines.relationships };
    const [tornThread, tornHere] = await Promise.all([checked(torn, true), checked(torn, false)]);
    expect(tornThread.unusable).toBeDefined();
    expect(comparable(tornThread)).toEqual(comparable(tornHere));
  });

  it('ask the writer to wait while they are behind, and check every line it then writes', async () => {
    const [first] = linesOf(sampleGraph()).nodes;
    // About 4 MB of lines, well past the batches the thread may have unchecked.
    const lines = Array.from({ length: 40_000 }, () => first!);
    const checks = dist.writtenGraphChecks({ digest: true }, 0, true);
    try {
      checks.begin();
      let waits = 0;
      for (const line of lines) {
        const behind = checks.line('nodes', line);
        if (behind) {
          waits++;
          await behind;
        }
      }
      checks.end();
      const graph = await checks.settled();
      expect(waits).toBeGreaterThan(0);
      expect(graph.nodes).toBe(lines.length);
    } finally {
      checks.dispose();
    }
  });

  it('vouch for nothing when graph.json was not written through', async () => {
    const checks = dist.writtenGraphChecks({ digest: true }, 0, true);
    try {
      checks.begin();
      checks.line('nodes', linesOf(sampleGraph()).nodes[0]!);
      expect((await checks.settled()).unusable).toBe('graph.json was not written through');
    } finally {
      checks.dispose();
    }
  });
});
