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
    'Function:main.ts:other -> Function:main.ts:helper [same-file]',
    'Function:main.ts:run -> Function:main.ts:run.helper [same-file]',
  ],
  'calls-same-named-methods': [
    'Function:use.ts:byAnnotation -> Method:shapes.ts:B.copy [type]',
    'Function:use.ts:byNew -> Class:shapes.ts:A [import]',
    'Function:use.ts:byNew -> Method:shapes.ts:A.copy [type]',
    'Method:shapes.ts:A.copy -> Class:shapes.ts:A [same-file]',
  ],
  'calls-inherited-this': [
    'Method:child.ts:Child.run -> Method:base.ts:Base.save [same-file]',
    'Method:child.ts:Child.run -> Method:child.ts:Child.log [same-file]',
  ],
  'calls-super': ['Method:shapes.ts:Child.init -> Method:shapes.ts:Base.init [same-file]'],
  'calls-namespace': ['Function:app.ts:show -> Function:util.ts:format [import]'],
  'calls-default-export': [
    'Function:app.ts:start -> Class:widget.ts:Widget [import]',
    'Function:app.ts:start -> Function:main.ts:main [import]',
    'Function:app.ts:start -> Method:widget.ts:Widget.draw [type]',
  ],
  'calls-commonjs': [
    'Function:main.js:viaDestructuring -> Function:lib.js:other [import]',
    'Function:main.js:viaDirect -> Function:lib.js:helper [import]',
    'Function:main.js:viaObject -> Function:lib.js:helper [import]',
  ],
  'calls-builtins': ['Function:own-fetch.js:get -> Function:own-fetch.js:fetch [same-file]'],
  'calls-ambiguous': [],
  'calls-callbacks': ['Function:main.ts:g -> Function:main.ts:f [same-file]'],
  'calls-class-body': [
    'Class:main.ts:Holder -> Function:main.ts:make [same-file]',
    'File:main.ts -> Function:main.ts:make [same-file]',
    'Method:main.ts:Holder.read -> Function:main.ts:make [same-file]',
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
