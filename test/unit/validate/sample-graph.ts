import { GraphBuilder } from '../../../src/graph/builder.js';
import { definitionId, fileId, folderId, projectId, relationshipId } from '../../../src/graph/ids.js';
import type { CodeGraph, GraphRelationship, Properties, RelationshipType } from '../../../src/graph/model.js';

export const ids = {
  project: projectId('demo'),
  src: folderId('src'),
  a: fileId('src/a.ts'),
  b: fileId('src/b.ts'),
  main: definitionId('Function', 'src/a.ts', 'main', 1),
  helper: definitionId('Function', 'src/b.ts', 'helper', 3),
  base: definitionId('Class', 'src/b.ts', 'Base', 5),
  derived: definitionId('Class', 'src/b.ts', 'Derived', 9),
  run: definitionId('Method', 'src/b.ts', 'Base.run', 6),
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
