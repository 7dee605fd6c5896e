import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src/graph/builder.js';
import { fileId } from '../../../src/graph/ids.js';
import { buildDefinitions } from '../../../src/pipeline/definitions.js';
import { parseFiles } from '../../../src/pipeline/parse.js';
import type { SourceFile } from '../../../src/model/source-file.js';
import { fixtureFiles } from './parse-golden.js';

/** Two fixtures both have an ok.ts: keep their paths apart as one repo's would be. */
const under = (folder: string, files: SourceFile[]): SourceFile[] => files.map((f) => ({ ...f, relPath: `${folder}/${f.relPath}` }));

describe('buildDefinitions', () => {
  it('makes a node per definition, DEFINES from the File or the owning Class/Interface, and counts', async () => {
    const files = [...fixtureFiles('parse-nested-functions'), ...fixtureFiles('parse-ts-interfaces-types-enums'), ...under('bin', fixtureFiles('parse-binary-file')), ...under('syntax', fixtureFiles('parse-syntax-error'))];
    const units = await parseFiles(files, { workers: 1, maxFileSize: 1 << 20 });
    const { fragment, counts, diagnostics } = buildDefinitions(units);

    const nested = fragment.nodes.filter((n) => n.properties.filePath === 'nested.ts');
    expect(nested).toEqual([
      { id: 'Function:nested.ts:outer', label: 'Function', properties: { name: 'outer', filePath: 'nested.ts', startLine: 1, endLine: 8, exported: true } },
      { id: 'Function:nested.ts:outer.inner', label: 'Function', properties: { enclosingFunction: 'outer', name: 'inner', filePath: 'nested.ts', startLine: 2, endLine: 5, exported: false } },
      { id: 'Function:nested.ts:outer.inner.deeper', label: 'Function', properties: { enclosingFunction: 'inner', name: 'deeper', filePath: 'nested.ts', startLine: 3, endLine: 3, exported: false } },
      { id: 'Class:nested.ts:Host', label: 'Class', properties: { name: 'Host', filePath: 'nested.ts', startLine: 10, endLine: 15, exported: false } },
      { id: 'Method:nested.ts:Host.method', label: 'Method', properties: { owner: 'Host', kind: 'method', name: 'method', filePath: 'nested.ts', startLine: 11, endLine: 14, exported: false } },
      { id: 'Function:nested.ts:Host.method.local', label: 'Function', properties: { enclosingFunction: 'method', name: 'local', filePath: 'nested.ts', startLine: 12, endLine: 12, exported: false } },
    ]);
    const defines = fragment.relationships.map((r) => `${r.source} -> ${r.target}`);
    expect(defines.filter((d) => d.includes('nested.ts'))).toEqual([
      'File:nested.ts -> Function:nested.ts:outer',
      'File:nested.ts -> Function:nested.ts:outer.inner',
      'File:nested.ts -> Function:nested.ts:outer.inner.deeper',
      'File:nested.ts -> Class:nested.ts:Host',
      'Class:nested.ts:Host -> Method:nested.ts:Host.method',
      'File:nested.ts -> Function:nested.ts:Host.method.local',
    ]);
    expect(defines.filter((d) => d.includes('types.ts'))).toEqual([
      'File:types.ts -> Interface:types.ts:Named',
      'Interface:types.ts:Named -> Method:types.ts:Named.greet',
      'File:types.ts -> Interface:types.ts:Pet',
      'Interface:types.ts:Pet -> Method:types.ts:Pet.feed',
      'File:types.ts -> Type:types.ts:Id',
      'File:types.ts -> Type:types.ts:Callback',
      'File:types.ts -> Enum:types.ts:Color',
      'File:types.ts -> Enum:types.ts:Flags',
      'File:types.ts -> Enum:types.ts:Ambient',
    ]);
    expect(fragment.relationships.find((r) => r.target === 'Function:nested.ts:outer')).toEqual({
      id: 'DEFINES:File:nested.ts->Function:nested.ts:outer',
      type: 'DEFINES',
      source: 'File:nested.ts',
      target: 'Function:nested.ts:outer',
      properties: {},
    });
    expect(counts).toEqual({
      filesParsed: 7,
      filesSkipped: 1,
      filesWithSyntaxErrors: 2,
      filesMasked: 0,
      definitions: 23,
      definitionsFunction: 7,
      definitionsClass: 2,
      definitionsMethod: 4,
      definitionsVariable: 3,
      definitionsInterface: 2,
      definitionsType: 2,
      definitionsEnum: 3,
    });
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['bin/blob.js skipped-binary', 'syntax/broken.ts syntax-error', 'syntax/error-root.ts syntax-error']);

    // The fragment is valid graph data once the structure phase's File nodes are there.
    const builder = new GraphBuilder();
    for (const u of units) {
      builder.addNode({ id: fileId(u.file.relPath), label: 'File', properties: { name: u.file.relPath, filePath: u.file.relPath, language: u.file.language, size: u.file.size } });
    }
    expect(() => builder.addFragment(fragment)).not.toThrow();
  });

  it("lays a node's properties out in key order; its own five win over an extra, and an unknown extra still reaches the builder", () => {
    const unit = (properties: Record<string, string | number | boolean>) => ({
      file: { relPath: 'a.ts', absPath: '/r/a.ts', size: 1, language: 'typescript' as const },
      status: { kind: 'parsed' as const },
      lines: 3,
      hash: 'h',
      definitions: [{ id: 'Method:a.ts:A.m', label: 'Method' as const, name: 'm', qualifiedName: 'A.m', startLine: 2, endLine: 3, exported: false, owner: 'A', properties }],
      imports: [],
      exports: [],
      calls: [],
      moduleBindings: [],
      diagnostics: [],
    });
    const [node] = buildDefinitions([unit({ static: true, name: 'other', kind: 'method', owner: 'A' })]).fragment.nodes;
    expect(JSON.stringify(node!.properties)).toBe('{"endLine":3,"exported":false,"filePath":"a.ts","kind":"method","name":"m","owner":"A","startLine":2,"static":true}');
    const rejected: string[] = [];
    const builder = new GraphBuilder({ retain: false });
    builder.addFragment({ nodes: [{ id: fileId('a.ts'), label: 'File', properties: { name: 'a.ts', filePath: 'a.ts', language: 'typescript', size: 1 } }], relationships: [] });
    builder.addFragment(buildDefinitions([unit({ colour: 'red', kind: 'method' })]).fragment, (e) => rejected.push(e.message));
    expect(rejected).toEqual(["Method:a.ts:A.m: unknown property 'colour'", "relationship 'DEFINES:File:a.ts->Method:a.ts:A.m': no node 'Method:a.ts:A.m' (target)"]);
  });
});

