import { describe, expect, it } from 'vitest';
import { computeGraphStats } from '../../../src/graph/stats.js';
import { importCycles } from '../../../src/graph/import-cycles.js';
import type { GraphRelationship } from '../../../src/graph/model.js';
import { ids, statsGraph } from '../validate/sample-graph.js';

describe('computeGraphStats', () => {
  it('counts, ranks and finds cycles and hierarchies in the stats graph', () => {
    const stats = computeGraphStats(statsGraph(), 10);
    expect(stats).toEqual({
      nodes: 11,
      relationships: 18,
      byLabel: { Project: 1, Folder: 1, File: 3, Function: 2, Class: 3, Method: 1 },
      byType: { CONTAINS: 4, DEFINES: 6, IMPORTS: 3, CALLS: 3, INHERITS: 2 },
      filesByLanguage: { typescript: 2, javascript: 1 },
      importsByKind: { static: 2, type: 1, 're-export': 1 },
      callsByStage: {
        import: { relationships: 1, callSites: 2 },
        type: { relationships: 1, callSites: 1 },
        'repo-wide': { relationships: 1, callSites: 4 },
      },
      top: {
        filesByLines: [
          { file: 'src/b.ts', value: 20 },
          { file: 'src/a.ts', value: 10 },
          { file: 'src/c.js', value: 5 },
        ],
        filesByFanIn: [
          { file: 'src/b.ts', value: 2 },
          { file: 'src/a.ts', value: 1 },
        ],
        filesByFanOut: [
          { file: 'src/a.ts', value: 1 },
          { file: 'src/b.ts', value: 1 },
          { file: 'src/c.js', value: 1 },
        ],
        mostCalled: [
          { id: ids.helper, label: 'Function', name: 'helper', file: 'src/b.ts', callers: 2, callSites: 6 },
          { id: ids.run, label: 'Method', name: 'Base.run', file: 'src/b.ts', callers: 1, callSites: 1 },
        ],
        deepestClasses: [
          { id: 'Class:src/c.js:More', name: 'More', file: 'src/c.js', depth: 2, chain: ['More', 'Derived', 'Base'] },
          { id: ids.derived, name: 'Derived', file: 'src/b.ts', depth: 1, chain: ['Derived', 'Base'] },
        ],
      },
      importCycleCount: 1,
      importCycles: [['src/a.ts', 'src/b.ts']],
    });
  });

  it('cuts every top list to N', () => {
    const stats = computeGraphStats(statsGraph(), 1);
    expect(stats.top.filesByLines).toEqual([{ file: 'src/b.ts', value: 20 }]);
    expect(stats.top.mostCalled.map((s) => s.name)).toEqual(['helper']);
    expect(stats.top.deepestClasses.map((c) => c.name)).toEqual(['More']);
    expect(computeGraphStats(statsGraph(), 1).importCycles).toHaveLength(1);
  });
});

describe('importCycles', () => {
  const imp = (source: string, target: string): GraphRelationship => ({
    id: `IMPORTS:${source}->${target}`,
    type: 'IMPORTS',
    source,
    target,
    properties: {},
  });

  it('finds each strongly connected set once, self-imports included, largest first', () => {
    const cycles = importCycles([
      imp('a', 'b'), imp('b', 'c'), imp('c', 'a'), // a -> b -> c -> a
      imp('c', 'd'), // d is reachable but not in a cycle
      imp('e', 'f'), imp('f', 'e'),
      imp('g', 'g'),
    ]);
    expect(cycles).toEqual([['a', 'b', 'c'], ['e', 'f'], ['g']]);
  });

  it('handles a chain far deeper than the call stack allows recursion for', () => {
    const chain = Array.from({ length: 50_000 }, (_, i) => imp(`f${i}`, `f${i + 1}`));
    chain.push(imp('f50000', 'f0'));
    const cycles = importCycles(chain);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(50_001);
  });
});
