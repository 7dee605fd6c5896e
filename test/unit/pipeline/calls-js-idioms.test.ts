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

async function callsOf(fixture: string): Promise<string[]> {
  const { graph } = await runIndex(fixtureOptions(path.join(fixtures, fixture), path.join(scratch, fixture)));
  return graph!.relationships.filter((r) => r.type === 'CALLS').map((r) => `${r.source} -> ${r.target} [${String(r.properties['stage'])}]`);
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
};

describe('CALLS of the JavaScript idioms', () => {
  for (const [fixture, expected] of Object.entries(cases)) {
    it(fixture, async () => {
      expect(await callsOf(fixture)).toEqual(expected);
    });
  }
});
