// Each fixture repo under test/fixtures/calls-*/ covers one form of call; its CALLS are checked
// exactly, through the real pipeline (walk, tree-sitter parse, module resolution, calls).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexOptions } from '../../../src/config/options.js';
import { runIndex } from '../../../src/pipeline/run.js';

const fixtures = path.resolve(__dirname, '../../fixtures');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-calls-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function callsOf(fixture: string): Promise<{ edges: string[]; counts: Record<string, number> }> {
  const options: IndexOptions = Object.freeze({
    repo: path.join(fixtures, fixture),
    rootName: fixture,
    outDir: path.join(scratch, fixture),
    kuzu: false,
    batchSize: 1000,
    validate: false,
    include: [],
    exclude: [],
    allowDegraded: true,
    workers: 1,
    maxFileSize: 1024 * 1024,
    incremental: false,
  });
  const { graph, report } = await runIndex(options);
  const edges = graph!.relationships
    .filter((r) => r.type === 'CALLS')
    .map((r) => `${r.source} -> ${r.target} [${String(r.properties['stage'])}]`);
  const counts = { ...(report.phases.find((p) => p.phase === 'calls')?.counts ?? {}) } as Record<string, number>;
  return { edges, counts };
}

const cases: Record<string, string[]> = {
  'calls-shadowing': [
    'Function:main.ts:other:12 -> Function:main.ts:helper:1 [same-file]',
    'Function:main.ts:run:5 -> Function:main.ts:helper:6 [same-file]',
  ],
  'calls-same-named-methods': [
    'Function:use.ts:byAnnotation:8 -> Method:shapes.ts:B.copy:8 [type]',
    'Function:use.ts:byNew:3 -> Class:shapes.ts:A:1 [import]',
    'Function:use.ts:byNew:3 -> Method:shapes.ts:A.copy:2 [type]',
    'Method:shapes.ts:A.copy:2 -> Class:shapes.ts:A:1 [same-file]',
  ],
  'calls-inherited-this': [
    'Method:child.ts:Child.run:4 -> Method:base.ts:Base.save:2 [same-file]',
    'Method:child.ts:Child.run:4 -> Method:child.ts:Child.log:9 [same-file]',
  ],
  'calls-super': ['Method:shapes.ts:Child.init:6 -> Method:shapes.ts:Base.init:2 [same-file]'],
  'calls-namespace': ['Function:app.ts:show:3 -> Function:util.ts:format:1 [import]'],
  'calls-default-export': [
    'Function:app.ts:start:4 -> Class:widget.ts:Widget:1 [import]',
    'Function:app.ts:start:4 -> Function:main.ts:main:1 [import]',
    'Function:app.ts:start:4 -> Method:widget.ts:Widget.draw:2 [type]',
  ],
  'calls-commonjs': [
    'Function:main.js:viaDestructuring:12 -> Function:lib.js:other:5 [import]',
    'Function:main.js:viaDirect:8 -> Function:lib.js:helper:1 [import]',
    'Function:main.js:viaObject:4 -> Function:lib.js:helper:1 [import]',
  ],
  'calls-builtins': ['Function:own-fetch.js:get:5 -> Function:own-fetch.js:fetch:1 [same-file]'],
  'calls-ambiguous': [],
  'calls-callbacks': ['Function:main.ts:g:5 -> Function:main.ts:f:1 [same-file]'],
  'calls-class-body': [
    'Class:main.ts:Holder:5 -> Function:main.ts:make:1 [same-file]',
    'File:main.ts -> Function:main.ts:make:1 [same-file]',
    'Method:main.ts:Holder.read:13 -> Function:main.ts:make:1 [same-file]',
  ],
};

describe('CALLS of the fixture repositories', () => {
  for (const [fixture, expected] of Object.entries(cases)) {
    it(fixture, async () => {
      const { edges } = await callsOf(fixture);
      expect(edges).toEqual(expected);
    });
  }

  it('counts the ambiguous name, and the built-ins, as unresolved', async () => {
    expect((await callsOf('calls-ambiguous')).counts).toMatchObject({ found: 1, resolved: 0, 'unresolved.ambiguous': 1 });
    const builtins = (await callsOf('calls-builtins')).counts;
    expect(builtins).toMatchObject({ found: 6, resolved: 1, 'unresolved.builtin': 5 });
  });

  it('counts three sites of the class body as one Class -> make relationship', async () => {
    const { counts } = await callsOf('calls-class-body');
    expect(counts).toMatchObject({ found: 5, resolved: 5, 'resolved.same-file': 5 });
  });
});
