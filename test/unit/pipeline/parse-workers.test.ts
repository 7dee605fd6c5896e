import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { parseFiles as ParseFiles } from '../../../src/pipeline/parse.js';
import type { SourceFile } from '../../../src/model/source-file.js';
import { FIXTURES, fixtureFiles } from './parse-golden.js';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';

// Worker threads run compiled JavaScript, so this test parses through dist/ (which the global
// setup, test/global-setup.ts, has checked is current).
const ROOT = join(import.meta.dirname, '..', '..', '..');
const DIST_PARSE = join(ROOT, 'dist', 'pipeline', 'parse.js');
let parseFiles: typeof ParseFiles;

beforeAll(async () => {
  ({ parseFiles } = (await import(pathToFileURL(DIST_PARSE).href)) as { parseFiles: typeof ParseFiles });
});

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
    // Workers hand call sites over serialised (pipeline/packed-calls.ts); read back, each unit is
    // the same to JSON too, keys in order (the parse cache writes units so), and every read of
    // `calls` gives fresh objects, which the calls phase lets go file by file.
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(single));
    const withCalls = pooled.find((u) => u.calls.length > 0)!;
    expect(withCalls.calls).not.toBe(withCalls.calls);
    expect(withCalls.calls).toEqual(withCalls.calls);
    expect(pooled.map((u) => u.file.relPath)).toEqual(files.map((f) => f.relPath));
    // A unit carries the very SourceFile it was asked for, not a copy that came back from the worker.
    expect(pooled.every((u, i) => u.file === files[i])).toBe(true);
    // Chunks of 16 come back whole from the workers (in-process parsing reports every file), in
    // whichever order the workers finish them: each step is one chunk, the short last one included.
    const steps = progress.map((done, i) => done - (progress[i - 1] ?? 0));
    expect(steps.every((step) => step === 16 || step === files.length % 16)).toBe(true);
    expect(progress[progress.length - 1]).toBe(files.length);
    expect(single.reduce((n, u) => n + u.definitions.length, 0)).toBeGreaterThan(100);
  });

  it('a worker that dies (injected: a worker script that exits on crash.ts) fails the chunk it was parsing; the chunk sent after it is parsed by a new worker', async () => {
    const files = allFixtureFiles();
    // crash.ts opens the first chunk, so the first worker dies on it with the second chunk sent too.
    const crash: SourceFile = { ...files[0]!, relPath: 'crash.ts' };
    const all = [crash, ...files];
    const workerScript = pathToFileURL(join(ROOT, 'test', 'helpers', 'dying-parse-worker.mjs'));
    const pooled = await parseFiles(all, { workers: 2, maxFileSize: 2048, workerScript });
    const single = await parseFiles(all.slice(16), { workers: 1, maxFileSize: 2048 });
    expect(pooled.slice(16)).toEqual(single);
    const reason = 'the parse worker exited with code 7';
    expect(pooled.slice(0, 16)).toEqual(
      all.slice(0, 16).map((file) => ({
        file, status: { kind: 'skipped', reason: 'parse-failed' }, lines: 0, hash: '', definitions: [], imports: [], exports: [], calls: [], moduleBindings: [],
        diagnostics: [{ file: file.relPath, severity: 'error', code: 'parse-failed', message: reason }],
      })),
    );
  });

  it('stops at once when aborted mid-parse: no chunk is taken after, and it rejects with the reason', async () => {
    const files = allFixtureFiles();
    const controller = new AbortController();
    let abortedAt = 0;
    let afterAbort = 0;
    const parsing = parseFiles(files, { workers: 2, maxFileSize: 2048, signal: controller.signal }, {
      onPhaseProgress: () => {
        if (abortedAt) afterAbort++;
        abortedAt ||= performance.now();
        controller.abort('SIGINT');
      },
    });
    await expect(parsing).rejects.toBe('SIGINT');
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(afterAbort).toBe(0);
  });

  it('sends field types as a list, never as an object keyed by the indexed code\'s field names', async () => {
    // The main thread rebuilds every object a worker sends; one keyed by field names adds a hidden
    // class per distinct first name to V8's tree of plain objects, and once that tree is full
    // every plain object built later gets a map of its own (model/parsed-unit.ts, FieldType).
    const dir = mkdtempSync(join(os.tmpdir(), 'codegraph-fields-'));
    try {
      const absPath = join(dir, 'gadget.ts');
      writeFileSync(
        absPath,
        [
          'class Gadget {',
          '  zebraField: Zebra;',
          '  static yakField = new Yak();',
          '  constructor(private emuField: Emu, gnu: Gnu) { this.gnuField = gnu; }',
          '  __proto__: Owl;',
          '}',
          '',
        ].join('\n'),
      );
      const files: SourceFile[] = Array.from({ length: 40 }, (_, i) => ({ relPath: `gadget${i}.ts`, absPath, language: 'typescript', size: statSync(absPath).size }));
      const units = await parseFiles(files, { workers: 2, maxFileSize: 2048 });
      const gadget = units[39]!.definitions.find((d) => d.name === 'Gadget')!;
      expect(gadget.fieldTypes).toEqual([
        { name: 'zebraField', type: { path: ['Zebra'] } },
        { name: 'emuField', type: { path: ['Emu'] } },
        { name: 'gnuField', type: { path: ['Gnu'] } },
        { name: '__proto__', type: { path: ['Owl'] } },
      ]);
      expect(gadget.staticFieldTypes).toEqual([{ name: 'yakField', type: { path: ['Yak'] } }]);
      const keys = new Set<string>();
      const visit = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        if (!Array.isArray(value)) for (const key of Object.keys(value)) keys.add(key);
        for (const item of Object.values(value)) visit(item);
      };
      for (const unit of units) visit({ ...unit, calls: unit.calls });
      expect([...keys].filter((key) => key.endsWith('Field') || key === '__proto__')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
