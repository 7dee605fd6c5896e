import { describe, expect, it } from 'vitest';
import { checkGraph, compareCodePoints, type FindingSummary } from '../../../src/graph/check.js';
import { sampleGraph, ids } from '../validate/sample-graph.js';

function kinds(summaries: readonly FindingSummary[]): Record<string, number> {
  return Object.fromEntries(summaries.map((s) => [s.kind, s.count]));
}

describe('checkGraph', () => {
  it('accepts a graph built by GraphBuilder and finds nodes and relationships by id', () => {
    const { checked, findings } = checkGraph(sampleGraph());
    expect(findings.total).toBe(0);
    expect(checked!.nodeOrder).toHaveLength(9);
    expect(checked!.relationshipOrder).toHaveLength(12);
    expect(checked!.graph.nodes[checked!.findNode(ids.run)]!.id).toBe(ids.run);
    expect(checked!.findNode('Function:nowhere')).toBe(-1);
    expect(checked!.graph.relationships[checked!.findRelationship(`INHERITS:${ids.derived}->${ids.base}`)]!.type).toBe('INHERITS');
  });

  it('rejects a document that is not a graph', () => {
    for (const input of [null, [], { nodes: [] }, 'graph']) {
      const { checked, findings } = checkGraph(input);
      expect(checked).toBeUndefined();
      expect(kinds(findings.summaries())).toEqual({ 'bad-shape': 1 });
    }
  });

  it('finds each kind of integrity problem exactly once', () => {
    const graph = sampleGraph();
    const nodes = graph.nodes.map((n) => ({ ...n, properties: { ...n.properties } })) as Record<string, unknown>[];
    const byId = (id: string) => nodes.find((n) => n.id === id)!;
    (byId(ids.main).properties as Record<string, unknown>).startLine = '1'; // bad value
    (byId(ids.helper).properties as Record<string, unknown>).colour = 'red'; // unknown property
    delete (byId(ids.a).properties as Record<string, unknown>).language; // missing required
    nodes.push({ id: 'Widget:x', label: 'Widget', properties: {} }); // unknown label
    nodes.push({ id: ids.base, label: 'Class', properties: byId(ids.base).properties }); // duplicate, out of order
    nodes.push({ label: 'File' }); // malformed
    const relationships = [
      ...graph.relationships,
      { id: 'LIKES:1', type: 'LIKES', source: ids.a, target: ids.b, properties: {} }, // unknown type
      { id: 'INHERITS:x', type: 'INHERITS', source: ids.main, target: ids.base, properties: {} }, // disallowed ends
      { id: 'CALLS:y', type: 'CALLS', source: ids.main, target: 'Function:gone', properties: { stage: 'import', confidence: 1, line: 1, callSites: 1 } },
    ];
    const { checked, findings } = checkGraph({ ...graph, version: 1, nodes, relationships });
    expect(kinds(findings.summaries())).toEqual({
      'bad-version': 1,
      'bad-property-value': 1,
      'unknown-property': 1,
      'missing-property': 1,
      'unknown-label': 1,
      'duplicate-id': 1,
      unsorted: 2, // nodes and relationships
      'malformed-entry': 1,
      'unknown-type': 1,
      'disallowed-ends': 1,
      'dangling-endpoint': 1,
    });
    expect(checked!.nodeOrder).toHaveLength(9);
    const bad = findings.summaries().find((s) => s.kind === 'bad-property-value')!;
    expect(bad.examples).toEqual([{ kind: 'bad-property-value', id: ids.main, table: 'Function', property: 'startLine', json: '1' }]);
  });

  it('keeps only the first examples of a kind but counts them all', () => {
    const graph = sampleGraph();
    const relationships = graph.relationships.map((r) => ({ ...r, source: `${r.source}#gone` }));
    const { findings } = checkGraph({ ...graph, relationships }, 3);
    const [dangling] = findings.summaries();
    expect(dangling!.count).toBe(12);
    expect(dangling!.examples).toHaveLength(3);
  });

  it('treats empty strings and lists as invalid values, as the builder never writes them', () => {
    const graph = sampleGraph();
    const relationships = graph.relationships.map((r) => (r.type === 'IMPORTS' ? { ...r, properties: { ...r.properties, names: [] } } : r));
    const { findings } = checkGraph({ ...graph, relationships });
    expect(kinds(findings.summaries())).toEqual({ 'bad-property-value': 1 });
  });
});

describe('compareCodePoints', () => {
  it('orders like UTF-8 bytes (Kuzu), not like UTF-16 code units', () => {
    const ids = ['b', 'a', '\uffff', '\u{1F600}', 'é', 'a:b'];
    expect([...ids].sort(compareCodePoints)).toEqual(['a', 'a:b', 'b', 'é', '\uffff', '\u{1F600}']);
    expect([...ids].sort()).toEqual(['a', 'a:b', 'b', 'é', '\u{1F600}', '\uffff']);
  });
});
