import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexInProcess } from '../../helpers/index-in-process.js';
import { makeTempDir, removeDir, writeTree } from '../../helpers/temp-repo.js';

const dir = makeTempDir();
afterAll(() => removeDir(dir));

// Found by the soak fuzz (seed 7): a member whose key is an empty string had an empty name, which
// the graph cannot hold, so the builder left it out with an internal error.
describe('members whose key is an empty string', () => {
  it('are named by the key as written, with no internal error', async () => {
    const repo = writeTree(path.join(dir, 'repo'), {
      'keys.ts': "export class Other {\n  ''() {}\n  [\"\"]() {}\n  [``]() {}\n  ['ok']() {}\n}\nexport const table = { ''() {}, \"\": 1 };\n",
    });
    const { graph, report } = await indexInProcess(repo, path.join(dir, 'out'), { kuzu: false });
    expect(report.diagnostics).not.toHaveProperty(['byCode', 'internal-error']);
    const methods = graph.nodes.filter((n) => n.label === 'Method').map((n) => `${n.id} ${String(n.properties.name)}`);
    expect(methods).toEqual([
      'Method:keys.ts:Other.\'\' \'\'',
      'Method:keys.ts:Other.[""] [""]',
      'Method:keys.ts:Other.[``] [``]',
      'Method:keys.ts:Other.ok ok',
      'Method:keys.ts:table.\'\' \'\'',
    ]);
  });
});
