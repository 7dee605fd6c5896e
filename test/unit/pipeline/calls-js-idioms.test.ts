// The JavaScript idioms around members and `this` (issue 13, section 3), one fixture each under
// test/fixtures/calls-*/, with their CALLS checked exactly through the real pipeline.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureOptions } from '../../helpers/index-in-process.js';
import { runIndex } from '../../../src/orchestrator/run.js';

const fixtures = path.resolve(__dirname, '../../fixtures');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-js-idioms-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function edgesOf(fixture: string, type: 'CALLS' | 'IMPORTS'): Promise<string[]> {
  const { graph } = await runIndex(fixtureOptions(path.join(fixtures, fixture), path.join(scratch, fixture)));
  const relationships = graph!.relationships.filter((r) => r.type === type);
  if (type === 'IMPORTS') return relationships.map((r) => `${r.source} -> ${r.target} ${JSON.stringify(r.properties['kinds'])}`);
  return relationships.map((r) => `${r.source} -> ${r.target} [${String(r.properties['stage'])}]`);
}

const cases: Record<string, string[]> = {
  // `X.prototype.m = fn` with fn imported or local makes m a member of X: reached through
  // `this`, `new X()`, a local made by `new X()`, and a JSDoc-typed parameter; an assignment
  // inside a function (`hide`) makes no member.
  'calls-prototype-assign': [
    'Function:gadget.mjs:turn -> Function:spin.mjs:spin [type]',
    'Function:use.js:main -> Function:helpers.js:render [type]',
    'Function:use.js:main -> Function:widget.js:Widget [import]',
    'Function:use.js:main -> Function:widget.js:localDraw [type]',
    'Method:gadget.mjs:Gadget.run -> Function:spin.mjs:spin [same-file]',
    'Method:widget.js:Widget.show -> Function:helpers.js:render [same-file]',
    'Method:widget.js:Widget.show -> Function:widget.js:localDraw [same-file]',
  ],
  // `X.s = fn` on a class or constructor function makes the static member s: `X.s()` reaches fn
  // (imported, local, or a function expression written there); an instance of X has no such member.
  'calls-static-assign': [
    'Function:tool.js:of -> Function:tool.js:register [same-file]',
    'Function:use.js:instance -> Class:tool.js:Tool [import]',
    'Function:use.js:statics -> Function:build.js:build [import]',
    'Function:use.js:statics -> Function:tool.js:of [import]',
    'Function:use.js:statics -> Function:tool.js:register [import]',
  ],
  // `P.prototype.a = P.prototype.b` names the method b; also of another constructor, through
  // `this` in the class's own methods; two names only for each other give nothing.
  'calls-prototype-alias': [
    'Function:stream.js:viaAlias -> Function:emitter.js:Emitter [import]',
    'Function:stream.js:viaAlias -> Method:emitter.js:Emitter.on [type]',
    'Function:stream.js:viaCycle -> Function:emitter.js:Emitter [import]',
    'Function:stream.js:viaOtherClass -> Class:stream.js:Stream [same-file]',
    'Function:stream.js:viaOtherClass -> Method:emitter.js:Emitter.on [type]',
    'Method:stream.js:Stream.flush -> Method:stream.js:Stream.write [same-file]',
  ],
  // `new this()` in a static method (and in a function assigned to a constructor's property)
  // constructs the class, and a static method returning it gives an instance of its class, as the
  // checker types it, also when inherited; in an instance method `new this()` is nothing known.
  'calls-new-this': [
    'Function:use.ts:one -> Method:shape.ts:Shape.area [type]',
    'Function:use.ts:one -> Method:shape.ts:Shape.create [import]',
    'Function:use.ts:sub -> Method:shape.ts:Shape.area [type]',
    'Function:use.ts:sub -> Method:shape.ts:Shape.create [import]',
    'Function:widget.js:make -> Function:widget.js:Widget [same-file]',
    'Method:shape.ts:Shape.create -> Class:shape.ts:Shape [same-file]',
    'Method:shape.ts:Shape.twice -> Class:shape.ts:Shape [same-file]',
    'Method:shape.ts:Shape.twice -> Method:shape.ts:Shape.create [same-file]',
  ],
  // `require()` (and `await import()`) inside a function binds its locals as at module level:
  // destructured, renamed, the whole module, a member; a name the module does not export, or a
  // package outside the repo, links nothing.
  'calls-nested-require': [
    'Function:esm.mjs:later -> Function:lib.js:helper [import]',
    'Function:main.js:viaDestructuring -> Function:lib.js:helper [import]',
    'Function:main.js:viaDestructuring -> Function:lib.js:other [import]',
    'Function:main.js:viaMember -> Function:lib.js:helper [import]',
    'Function:main.js:viaModule -> Function:lib.js:other [import]',
    'Function:main.js:viaNew -> Class:lib.js:Store [import]',
    'Function:main.js:viaNew -> Method:lib.js:Store.save [type]',
  ],
};

describe('CALLS of the JavaScript idioms', () => {
  for (const [fixture, expected] of Object.entries(cases)) {
    it(fixture, async () => {
      expect(await edgesOf(fixture, 'CALLS')).toEqual(expected);
    });
  }

  it('draws the IMPORTS of requires and imports inside functions, as at module level', async () => {
    expect(await edgesOf('calls-nested-require', 'IMPORTS')).toEqual(['File:esm.mjs -> File:lib.js ["dynamic"]', 'File:main.js -> File:lib.js ["require"]']);
  });
});
