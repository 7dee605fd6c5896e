// The accuracy harness's reference (bench/accuracy/reference.mjs) and codegraph must resolve an
// import under the same rules, or IMPORTS scores measure the harness instead of the resolver.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module of the harness, without type declarations
import { buildReference } from '../../../bench/accuracy/reference.mjs';
import { runIndex } from '../../../src/orchestrator/run.js';
import { fixtureOptions } from '../../helpers/index-in-process.js';

const fixture = path.resolve(__dirname, '../../fixtures/accuracy-package-imports');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'codegraph-acc-imports-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function bothSides(root: string, files: string[]): Promise<{ ours: string[]; reference: string[] }> {
  const { graph } = await runIndex(fixtureOptions(root, path.join(scratch, path.basename(root))));
  const ours = graph!.relationships.filter((r) => r.type === 'IMPORTS').map((r) => `${r.source}->${r.target}`);
  const reference = buildReference({ root, files, nodes: [] }) as { IMPORTS: Set<string> };
  return { ours: ours.sort(), reference: [...reference.IMPORTS].sort() };
}

describe('accuracy reference: package.json imports', () => {
  it('takes the node condition of a conditional #import, as Node and codegraph do', async () => {
    const { ours, reference } = await bothSides(fixture, ['src/dep-browser.js', 'src/dep-node.js', 'src/helper.js', 'src/index.js']);
    expect(reference).toEqual(['File:src/index.js->File:src/dep-node.js', 'File:src/index.js->File:src/helper.js']);
    expect(ours).toEqual(reference);
  });

  it('does not read a package.json above the indexed folder', async () => {
    const { ours, reference } = await bothSides(path.join(fixture, 'src'), ['dep-browser.js', 'dep-node.js', 'helper.js', 'index.js']);
    expect(reference).toEqual(['File:index.js->File:helper.js']);
    expect(ours).toEqual(reference);
  });
});
