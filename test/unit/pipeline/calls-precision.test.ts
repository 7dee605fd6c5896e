// Edges the code does not support must not be drawn: a binding belongs to its own scope (function
// body or block), and a value the language leaves untyped names no method. One fixture per rule
// under test/fixtures/calls-*/, CALLS checked exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexInProcess } from '../../helpers/index-in-process.js';

const fixtures = path.resolve(__dirname, '../../fixtures');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-precision-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each edge of `type` as `source -> target`, with the stage of a call or the names an import takes. */
async function edgesOf(fixture: string, type: 'CALLS' | 'IMPORTS'): Promise<string[]> {
  const { graph } = await indexInProcess(path.join(fixtures, fixture), path.join(scratch, fixture));
  const detail = (p: Record<string, unknown>): string => (type === 'IMPORTS' ? JSON.stringify(p['names']) : `[${String(p['stage'])}]`);
  return graph.relationships.filter((r) => r.type === type).map((r) => `${r.source} -> ${r.target} ${detail(r.properties)}`);
}

const cases: Record<string, string[]> = {
  // `require()` / `await import()` in a function binds locals of that function (its closures see
  // them), not names of the file: `helper()` in another function reaches nothing; a `var` in a
  // module-level block is the module's, a `const` there only the block's; `new Store()` (or `new
  // Keeper()`, the whole module) of such a local is typed as at module level.
  'calls-scoped-require': [
    'File:main.js -> Function:lib.js:other [import]',
    'Function:main.js:lazy -> Function:lib.js:other [import]',
    'Function:main.js:loads -> Function:lib.js:helper [import]',
    'Function:main.js:loads -> Function:main.js:loads.inner [same-file]',
    'Function:main.js:loads.inner -> Function:lib.js:helper [import]',
    'Function:main.js:useShared -> Function:lib.js:helper [import]',
    'Function:main.js:withStore -> Class:keeper.js:Keeper [import]',
    'Function:main.js:withStore -> Class:lib.js:Store [import]',
    'Function:main.js:withStore -> Method:keeper.js:Keeper.keep [type]',
    'Function:main.js:withStore -> Method:lib.js:Store.save [type]',
  ],
  // In JavaScript an untyped parameter, `this` in a method put on such a parameter's prototype or
  // in a plain function, a field set from such a parameter, what is made from any of them, and
  // the result of a call we cannot type get no method by a unique name; a JSDoc type, a callback's
  // place, or prototype members (a constructor) still type them. `const self = {}` holds a
  // literal: `self.spin()` is its own.
  'calls-untyped-js': [
    'Function:use.js:Gear -> Method:use.js:Gear.grind [same-file]',
    'Function:use.js:callback -> Method:widget.js:Widget.spin [repo-wide]',
    'Function:use.js:documented -> Method:widget.js:Widget.spin [type]',
    'Method:use.js:install.Base.twirl -> Function:use.js:install.Base.twirl.later [same-file]',
    'Method:widget.js:Widget.turn -> Method:widget.js:Widget.spin [same-file]',
  ],
  // A module-level value of unknown make reaches the one method of its file made by a factory,
  // never a class's method (an instance would have been made with `new`); `m` forwarding to
  // `this.inner.m()` does not reach itself by the uniqueness of its own name.
  'calls-unknown-make': [
    'File:codec.js -> Function:codec.js:makeStore [same-file]',
    'Function:codec.js:persist -> Method:codec.js:makeStore.save [repo-wide]',
  ],
};

describe('CALLS only where the code supports them', () => {
  for (const [fixture, expected] of Object.entries(cases)) {
    it(fixture, async () => {
      expect((await edgesOf(fixture, 'CALLS')).sort()).toEqual(expected);
    });
  }

  it('still names what a scoped require takes on its IMPORTS edge', async () => {
    expect(await edgesOf('calls-scoped-require', 'IMPORTS')).toEqual(['File:main.js -> File:keeper.js ["*"]', 'File:main.js -> File:lib.js ["*","Store","helper","other"]']);
  });
});
