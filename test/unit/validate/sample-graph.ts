import { GraphBuilder } from '../../../src/graph/builder.js';
import { definitionId, fileId, folderId, projectId, relationshipId } from '../../../src/graph/ids.js';
import type { CodeGraph, GraphRelationship, Properties, RelationshipType } from '../../../src/graph/model.js';

export const ids = {
  project: projectId('demo'),
  src: folderId('src'),
  a: fileId('src/a.ts'),
  b: fileId('src/b.ts'),
  main: definitionId('Function', 'src/a.ts', 'main'),
  helper: definitionId('Function', 'src/b.ts', 'helper'),
  base: definitionId('Class', 'src/b.ts', 'Base'),
  derived: definitionId('Class', 'src/b.ts', 'Derived'),
  run: definitionId('Method', 'src/b.ts', 'Base.run'),
};

function rel(type: RelationshipType, source: string, target: string, properties: Properties = {}): GraphRelationship {
  return { id: relationshipId(type, source, target), type, source, target, properties };
}

/** 9 nodes, 12 relationships: every property kind (string, int, float, boolean, string[]) appears. */
export function sampleGraph(): CodeGraph {
  const b = new GraphBuilder();
  const def = { exported: true };
  b.addNode({ id: ids.project, label: 'Project', properties: { name: 'demo' } });
  b.addNode({ id: ids.src, label: 'Folder', properties: { name: 'src', filePath: 'src' } });
  b.addNode({ id: ids.a, label: 'File', properties: { name: 'a.ts', filePath: 'src/a.ts', language: 'typescript', size: 120, lines: 10 } });
  b.addNode({ id: ids.b, label: 'File', properties: { name: 'b.ts', filePath: 'src/b.ts', language: 'typescript', size: 300, lines: 20 } });
  b.addNode({ id: ids.main, label: 'Function', properties: { name: 'main', filePath: 'src/a.ts', startLine: 1, endLine: 4, ...def, async: true } });
  b.addNode({ id: ids.helper, label: 'Function', properties: { name: 'helper', filePath: 'src/b.ts', startLine: 3, endLine: 4, ...def } });
  b.addNode({ id: ids.base, label: 'Class', properties: { name: 'Base', filePath: 'src/b.ts', startLine: 5, endLine: 8, ...def } });
  b.addNode({ id: ids.derived, label: 'Class', properties: { name: 'Derived', filePath: 'src/b.ts', startLine: 9, endLine: 12, exported: false } });
  b.addNode({ id: ids.run, label: 'Method', properties: { name: 'run', filePath: 'src/b.ts', startLine: 6, endLine: 7, exported: false, owner: 'Base', kind: 'method' } });
  for (const r of [
    rel('CONTAINS', ids.project, ids.src),
    rel('CONTAINS', ids.src, ids.a),
    rel('CONTAINS', ids.src, ids.b),
    rel('DEFINES', ids.a, ids.main),
    rel('DEFINES', ids.b, ids.helper),
    rel('DEFINES', ids.b, ids.base),
    rel('DEFINES', ids.b, ids.derived),
    rel('DEFINES', ids.base, ids.run),
    rel('IMPORTS', ids.a, ids.b, { specifiers: ['./b'], names: ['Base', 'helper'], kinds: ['static'], line: 1 }),
    rel('CALLS', ids.main, ids.helper, { stage: 'import', confidence: 0.9, line: 2, callSites: 2 }),
    rel('CALLS', ids.main, ids.run, { stage: 'type', confidence: 0.75, line: 3, callSites: 1 }),
    rel('INHERITS', ids.derived, ids.base),
  ]) {
    b.addRelationship(r);
  }
  return b.build('demo', '0.1.0');
}

export const statsIds = {
  c: fileId('src/c.js'),
  more: definitionId('Class', 'src/c.js', 'More'),
};

/**
 * sampleGraph plus src/c.js: 11 nodes, 18 relationships; an import cycle a <-> b, a class hierarchy
 * More > Derived > Base, and helper called from two callers (6 call sites).
 */
export function statsGraph(): CodeGraph {
  const base = sampleGraph();
  const b = new GraphBuilder();
  for (const node of base.nodes) b.addNode(node);
  b.addNode({ id: statsIds.c, label: 'File', properties: { name: 'c.js', filePath: 'src/c.js', language: 'javascript', size: 50, lines: 5 } });
  b.addNode({ id: statsIds.more, label: 'Class', properties: { name: 'More', filePath: 'src/c.js', startLine: 1, endLine: 2, exported: true } });
  for (const r of base.relationships) b.addRelationship(r);
  for (const r of [
    rel('CONTAINS', ids.src, statsIds.c),
    rel('DEFINES', statsIds.c, statsIds.more),
    rel('INHERITS', statsIds.more, ids.derived),
    rel('IMPORTS', ids.b, ids.a, { specifiers: ['./a'], kinds: ['type'], line: 1 }),
    rel('IMPORTS', statsIds.c, ids.b, { specifiers: ['./b'], names: ['*'], kinds: ['re-export', 'static'], line: 1 }),
    rel('CALLS', statsIds.c, ids.helper, { stage: 'repo-wide', confidence: 0.5, line: 3, callSites: 4 }),
  ]) {
    b.addRelationship(r);
  }
  return b.build('demo', '0.1.0');
}

/** A report.json as the index command writes it (IndexReport), trimmed to what stats reads. */
export function sampleReport(kuzu: { status: string; reason?: string } = { status: 'ok' }): unknown {
  const stores = (phase: string, nodes: number, rels: number) => [
    { phase, store: 'json', nodes: { attempted: nodes, written: nodes, failed: 0 }, relationships: { attempted: rels, written: rels, failed: 0 }, ms: 1.4, status: 'ok' },
    { phase, store: 'kuzu', nodes: { attempted: nodes, written: nodes, failed: 0 }, relationships: { attempted: rels, written: rels, failed: 0 }, ms: 20.6, status: 'ok' },
  ];
  return {
    version: 1,
    generator: { name: 'codegraph', version: '0.1.0' },
    startedAt: '2026-01-02T03:04:05.000Z',
    files: { found: 4, parsed: 3, reparsed: 3, skipped: { binary: 1 }, syntaxErrors: 1, masked: 2 },
    phases: [
      { phase: 'structure', buildMs: 2, nodes: 5, relationships: 4, counts: { files: 3, folders: 1 }, stores: stores('structure', 5, 4) },
      { phase: 'parsing', buildMs: 30, nodes: 6, relationships: 8, counts: {}, stores: stores('parsing', 6, 8) },
      {
        phase: 'imports',
        buildMs: 3,
        nodes: 0,
        relationships: 3,
        counts: { resolved: 3, external: 2, 'external.lodash': 2, unresolved: 1, 'unresolved.not-found': 1 },
        stores: stores('imports', 0, 3),
      },
      {
        phase: 'calls',
        buildMs: 4,
        nodes: 0,
        relationships: 3,
        counts: { found: 10, resolved: 7, 'resolved.import': 2, 'resolved.type': 1, 'resolved.repo-wide': 4, 'unresolved.no-definition': 3, 'unresolved.builtin': 0, resolvedShare: 0.7 },
        stores: stores('calls', 0, 3),
      },
    ],
    kuzu,
    timings: { walk: 5, parse: 30, resolve: 7, write: 60, validate: 12, total: 114 },
    exitCode: 0,
  };
}

/** A graph in the json sink's layout (one item per line), items in the order given. */
export function sinkLayout(graph: { readonly version: unknown; readonly generator: unknown; readonly root: unknown; readonly nodes: readonly unknown[]; readonly relationships: readonly unknown[] }): string {
  const items = (list: readonly unknown[]) => list.map((x, i) => `    ${JSON.stringify(x)}${i + 1 < list.length ? ',' : ''}\n`).join('');
  return (
    `{\n  "version": ${JSON.stringify(graph.version)},\n  "generator": ${JSON.stringify(graph.generator)},\n  "root": ${JSON.stringify(graph.root)},\n` +
    `  "nodes": [\n${items(graph.nodes)}  ],\n  "relationships": [\n${items(graph.relationships)}  ]\n}\n`
  );
}
