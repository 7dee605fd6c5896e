import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { parseFiles as ParseFiles } from '../../../src/pipeline/parse.js';
import type { SourceFile } from '../../../src/model/source-file.js';
import { FIXTURES, fixtureFiles } from './parse-golden.js';
import { readdirSync } from 'node:fs';

// Worker threads run compiled JavaScript, so this test builds dist/ and parses through it.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const DIST_PARSE = join(ROOT, 'dist', 'pipeline', 'parse.js');
let parseFiles: typeof ParseFiles;

beforeAll(async () => {
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'pipe' });
  } catch {
    // Type errors elsewhere in the tree do not stop tsc from emitting; the check below decides.
  }
  expect(existsSync(DIST_PARSE)).toBe(true);
  ({ parseFiles } = (await import(pathToFileURL(DIST_PARSE).href)) as { parseFiles: typeof ParseFiles });
}, 180_000);

function allFixtureFiles(): SourceFile[] {
  // Every fixture repo (other processors' too): plenty of small, varied files.
  const names = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return names.flatMap((name) => fixtureFiles(name).map((f) => ({ ...f, relPath: `${name}/${f.relPath}` })));
}

describe('parseFiles with worker threads', () => {
  it('gives exactly the same units with 2 workers as with 1, in input order', async () => {
    const files = allFixtureFiles();
    expect(files.length).toBeGreaterThan(32); // at least three chunks, so both workers get work
    const progress: number[] = [];
    const pooled = await parseFiles(files, { workers: 2, maxFileSize: 2048 }, { onPhaseProgress: (_phase, done) => progress.push(done) });
    const single = await parseFiles(files, { workers: 1, maxFileSize: 2048 });
    expect(pooled).toEqual(single);
    expect(pooled.map((u) => u.file.relPath)).toEqual(files.map((f) => f.relPath));
    // Chunks of 16 come back whole from the workers (in-process parsing reports every file), in
    // whichever order the workers finish them: each step is one chunk, the short last one included.
    const steps = progress.map((done, i) => done - (progress[i - 1] ?? 0));
    expect(steps.every((step) => step === 16 || step === files.length % 16)).toBe(true);
    expect(progress[progress.length - 1]).toBe(files.length);
    expect(single.reduce((n, u) => n + u.definitions.length, 0)).toBeGreaterThan(100);
  });
});
