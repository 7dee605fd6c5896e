import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexSettings } from '../../src/config/options.js';
import { validateOutput } from '../../src/validate/validate-output.js';
import { copyFixture } from '../helpers/cli.js';
import { indexAsCli } from '../helpers/index-in-process.js';
import { EXTRACTION_VERSION } from '../../src/version.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(path.dirname(d), { recursive: true, force: true })));

/** An index run in this process (validated, as the CLI's are): what it parsed and whether it kept the output. */
async function index(repo: string, out: string, flags: IndexSettings = {}): Promise<{ reparsed: number; found: number; unchanged: boolean }> {
  const { report } = await indexAsCli(repo, { out, ...flags });
  expect(report.exitCode).toBe(0);
  expect((report.validation as { consistent: boolean }).consistent).toBe(true);
  return { ...report.files, unchanged: report.unchanged === true };
}

// graph.json alone where the parse cache is the subject; with graph.kuzu where the two stores must agree.
describe('incremental index', () => {
  it('re-parses only changed files and writes exactly what a full run writes, after edits, additions, deletions and renames', async () => {
    const repo = copyFixture('index-basic');
    made.push(repo);
    const inc = path.join(repo, '.codegraph');
    const full = path.join(path.dirname(repo), 'full-out');
    expect(await index(repo, inc, { kuzu: false })).toMatchObject({ found: 6, reparsed: 6, unchanged: false });
    const first = readFileSync(path.join(inc, 'graph.json'));
    // Unchanged inputs: the output is kept (and validated), not rebuilt.
    expect(await index(repo, inc, { kuzu: false })).toMatchObject({ found: 6, reparsed: 0, unchanged: true });
    expect(readFileSync(path.join(inc, 'graph.json')).equals(first)).toBe(true);
    // The first run took its fingerprint from the parse's hashes; the check before a run hashes the
    // files itself. A file the parse skips unread (over --max-file-size) is hashed apart and still
    // counts as the same input.
    writeFileSync(path.join(repo, 'src', 'big.ts'), `export const big = ${JSON.stringify('x'.repeat(300))};\n`);
    const big = path.join(path.dirname(repo), 'big-out');
    expect(await index(repo, big, { kuzu: false, maxFileSize: 200 })).toMatchObject({ found: 7, reparsed: 7, unchanged: false });
    expect(await index(repo, big, { kuzu: false, maxFileSize: 200 })).toMatchObject({ found: 7, reparsed: 0, unchanged: true });
    writeFileSync(path.join(repo, 'src', 'big.ts'), `export const big = ${JSON.stringify('y'.repeat(300))};\n`);
    expect(await index(repo, big, { kuzu: false, maxFileSize: 200 })).toMatchObject({ found: 7, unchanged: false });
    rmSync(path.join(repo, 'src', 'big.ts'));
    // A changed config file changes the input even with every source unchanged.
    writeFileSync(path.join(repo, 'tsconfig.json'), '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "allowJs": true } }');
    expect(await index(repo, inc, { kuzu: false })).toMatchObject({ reparsed: 0, unchanged: false });

    const src = (f: string) => path.join(repo, 'src', f);
    // An edit, an addition, a deletion and a rename at once; the rename changes ids and imports.
    writeFileSync(src('shapes/shape.ts'), readFileSync(src('shapes/shape.ts'), 'utf8').replace('return Math.round', 'return Math.floor'));
    writeFileSync(src('square.ts'), "import { Base, round } from './shapes/index.js';\n\nexport class Square extends Base {\n  area(): number {\n    return round(4);\n  }\n}\n");
    rmSync(src('legacy.js'));
    renameSync(src('util.cjs'), src('helpers.cjs'));
    expect(await index(repo, inc)).toMatchObject({ found: 6, reparsed: 3, unchanged: false });
    await index(repo, full, { incremental: false });
    const incremental = readFileSync(path.join(inc, 'graph.json'));
    expect(incremental.equals(readFileSync(path.join(full, 'graph.json')))).toBe(true);
    const graph = JSON.parse(incremental.toString('utf8'));
    expect(graph.relationships.filter((r: { type: string }) => r.type === 'INHERITS').map((r: { source: string }) => r.source)).toEqual([
      'Class:src/shapes/circle.ts:Circle',
      'Class:src/square.ts:Square',
    ]);
    // graph.kuzu holds what graph.json holds (validated above, row by row), so it too is what a full run writes.
    expect((await validateOutput(inc)).consistent).toBe(true);
    // A changed setting that changes parsing (the size limit) re-parses everything.
    expect(await index(repo, inc, { kuzu: false, maxFileSize: 100_000 })).toMatchObject({ reparsed: 6 });
  });

  it('does not reuse a parse cache left by a build that extracted differently (another EXTRACTION_VERSION)', async () => {
    const repo = copyFixture('index-basic');
    made.push(repo);
    const out = path.join(repo, '.codegraph');
    expect(await index(repo, out, { kuzu: false })).toMatchObject({ found: 6, reparsed: 6 });
    const cachePath = path.join(out, 'parse-cache.jsonl');
    const [header, ...units] = readFileSync(cachePath, 'utf8').split('\n');
    const parsed = JSON.parse(header!) as { key: string };
    expect(parsed.key).toContain(`extraction-${EXTRACTION_VERSION}:`);
    // The key an earlier build of the same release wrote: the same version, another extraction.
    const stale = { ...parsed, key: parsed.key.replace(`extraction-${EXTRACTION_VERSION}:`, `extraction-${EXTRACTION_VERSION - 1}:`) };
    writeFileSync(cachePath, [JSON.stringify(stale), ...units].join('\n'));
    const shape = path.join(repo, 'src', 'shapes', 'shape.ts');
    writeFileSync(shape, `${readFileSync(shape, 'utf8')}\n// edited\n`);
    expect(await index(repo, out, { kuzu: false })).toMatchObject({ found: 6, reparsed: 6, unchanged: false });
    // With the key as this build writes it, only the edited file is parsed again.
    writeFileSync(shape, `${readFileSync(shape, 'utf8')}// edited again\n`);
    expect(await index(repo, out, { kuzu: false })).toMatchObject({ found: 6, reparsed: 1, unchanged: false });
  });
});
