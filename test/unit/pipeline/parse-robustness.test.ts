import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFiles } from '../../../src/pipeline/parse.js';
import type { SourceFile } from '../../../src/model/source-file.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';

const DEPTH = 50_000;
let dir: string;

function source(name: string, text: string, language: SourceFile['language'] = 'typescript'): SourceFile {
  const absPath = join(dir, name);
  writeFileSync(absPath, text);
  return { relPath: name, absPath, language, size: Buffer.byteLength(text) };
}

beforeAll(() => {
  dir = makeTempDir('codegraph-parse-');
});
afterAll(() => removeDir(dir));

describe('parseFiles robustness', () => {
  it('walks 50,000 levels of nested expressions without overflowing the stack', async () => {
    const text = `export const deep = ${'('.repeat(DEPTH)}f()${')'.repeat(DEPTH)};\n`;
    const [unit] = await parseFiles([source('parens.ts', text)], { workers: 1, maxFileSize: 1 << 20 });
    expect(unit!.status).toEqual({ kind: 'parsed' });
    expect(unit!.definitions.map((d) => d.id)).toEqual(['Variable:parens.ts:deep']);
    expect(unit!.calls).toEqual([{ callerId: 'File:parens.ts', isNew: false, line: 1, name: 'f', binding: { kind: 'free' } }]);
  });

  it('walks 50,000 nested arrow functions and finds the innermost caller and binding', async () => {
    // const a = (x0) => (x1) => ... => x0.go()
    const params = Array.from({ length: DEPTH }, (_, k) => `(x${k}) =>`).join(' ');
    const text = `const a = ${params} x0.go();\n`;
    const [unit] = await parseFiles([source('arrows.js', text, 'javascript')], { workers: 1, maxFileSize: 1 << 22 });
    expect(unit!.status).toEqual({ kind: 'parsed' });
    expect(unit!.definitions.map((d) => d.id)).toEqual(['Function:arrows.js:a']);
    expect(unit!.calls).toEqual([
      { callerId: 'Function:arrows.js:a', isNew: false, line: 1, name: 'go', receiver: { kind: 'path', path: ['x0'] }, binding: { kind: 'local', untyped: true } },
    ]);
  });

  it('walks 50,000 nested object literals (owners are named iteratively)', async () => {
    const text = `const o = ${'{ k: '.repeat(DEPTH)}{ m() {} }${' }'.repeat(DEPTH)};\n`;
    const [unit] = await parseFiles([source('objects.js', text, 'javascript')], { workers: 1, maxFileSize: 1 << 22 });
    expect(unit!.status).toEqual({ kind: 'parsed' });
    const method = unit!.definitions.find((d) => d.label === 'Method')!;
    expect(method.owner).toBe(['o', ...Array<string>(DEPTH).fill('k')].join('.'));
  });

  it('turns a file that vanished into a skipped unit, in input order with the others', async () => {
    const present = source('present.ts', 'export function here() {}\n');
    const missing: SourceFile = { relPath: 'gone.ts', absPath: join(dir, 'gone.ts'), language: 'typescript', size: 10 };
    const units = await parseFiles([missing, present], { workers: 1, maxFileSize: 1 << 20 });
    expect(units.map((u) => u.file.relPath)).toEqual(['gone.ts', 'present.ts']);
    expect(units[0]!.status).toEqual({ kind: 'skipped', reason: 'unreadable' });
    expect(units[0]!.diagnostics).toEqual([{ file: 'gone.ts', severity: 'warning', code: 'skipped-unreadable', message: 'cannot read the file (ENOENT)' }]);
    expect(units[1]!.definitions.map((d) => d.id)).toEqual(['Function:present.ts:here']);
  });

  it('turns a failure inside parsing into a parse-failed unit instead of throwing', async () => {
    const odd = { ...source('odd.ts', 'f();\n'), language: 'cobol' as SourceFile['language'] };
    const [unit] = await parseFiles([odd], { workers: 1, maxFileSize: 1 << 20 });
    expect(unit!.status).toEqual({ kind: 'skipped', reason: 'parse-failed' });
    expect(unit!.diagnostics.map((d) => [d.code, d.severity])).toEqual([['parse-failed', 'error']]);
    expect(unit!.lines).toBe(1);
  });

  it('reports progress for every file', async () => {
    const files = [source('p1.ts', 'a();\n'), source('p2.ts', 'b();\n')];
    const events: [string, number, number | undefined][] = [];
    await parseFiles(files, { workers: 1, maxFileSize: 1 << 20 }, { onPhaseProgress: (phase, done, total) => events.push([phase, done, total]) });
    expect(events).toEqual([
      ['parsing', 1, 2],
      ['parsing', 2, 2],
    ]);
  });

  it('keeps a same-line getter and setter apart with a suffixed id', async () => {
    const [unit] = await parseFiles([source('min.js', 'class A{get v(){return 1}set v(x){}}function f(){}function f(){}\n', 'javascript')], { workers: 1, maxFileSize: 1 << 20 });
    expect(unit!.definitions.map((d) => d.id)).toEqual([
      'Class:min.js:A',
      'Method:min.js:A.v',
      'Method:min.js:A.v~2',
      'Function:min.js:f',
      'Function:min.js:f~2',
    ]);
  });

  it('defines no member for a method whose name the parser had to invent (a MISSING node)', async () => {
    // The soak fuzz (seed 7) made this: the graph refused a Method with an empty name.
    const [unit] = await parseFiles([source('nameless.ts', 'export class Other {\n () {}\n  run() {}\n}\n')], { workers: 1, maxFileSize: 1 << 20 });
    expect(unit!.definitions.map((d) => d.id)).toEqual(['Class:nameless.ts:Other', 'Method:nameless.ts:Other.run']);
  });
});
