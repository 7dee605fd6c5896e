import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileId } from '../../../src/graph/ids.js';
import type { GraphNode } from '../../../src/graph/model.js';
import { CopyFiles } from '../../../src/storage/kuzu-copy-files.js';
import { tempDirsPerTest } from '../../helpers/temp-repo.js';

const tempDir = tempDirsPerTest('codegraph-copy-files-');

describe("a COPY file's rows", () => {
  const nodes = (paths: readonly string[]): GraphNode[] =>
    paths.map((p, i) => ({ id: fileId(p), label: 'File', properties: { name: path.basename(p), filePath: p, language: 'typescript', size: i } }));
  const paths = Array.from({ length: 5_000 }, (_, i) => `src/dir ${i % 7}/file-${i}-é😀.ts`);

  it('are the same file whatever the batch size, every row once and in order, across pieces', async () => {
    const [small, large] = [new CopyFiles(tempDir(), 7), new CopyFiles(tempDir(), 100_000)];
    await small.nodes('File', nodes(paths));
    await large.nodes('File', nodes(paths));
    const [[a], [b]] = [small.take(), large.take()];
    const text = readFileSync(a!.file, 'utf8');
    expect(readFileSync(b!.file, 'utf8')).toBe(text);
    const rows = text.split('\n');
    // A header (the File table has a list column), the rows, and the last line's break.
    expect(rows).toHaveLength(paths.length + 2);
    expect(rows[0]).toBe('"id","name","filePath","language","size","lines","hash","skipped","syntaxErrorLine","packages"');
    expect(rows[1]).toBe(`"File:${paths[0]}","file-0-é😀.ts","${paths[0]}","typescript",0,,,,,`);
    expect(rows[paths.length]).toBe(`"File:${paths.at(-1)}","file-4999-é😀.ts","${paths.at(-1)}","typescript",4999,,,,,`);
    expect(a!.count).toBe(paths.length);
    expect(a!.statement).toContain('PARALLEL=true');
  });

  it("read serially when a row's own value holds a line break, whichever piece it falls in", async () => {
    const broken = [...paths.slice(0, 4_000), 'src/new\nline.ts', ...paths.slice(4_000)];
    const files = new CopyFiles(tempDir(), 100_000);
    await files.nodes('File', nodes(broken));
    const [copy] = files.take();
    expect(copy!.statement).toContain('PARALLEL=false');
    expect(readFileSync(copy!.file, 'utf8')).toContain('"File:src/new\nline.ts","new\nline.ts","src/new\nline.ts","typescript",4000,,,,,\n');
  });

  it('are added to the same file when a phase comes in parts: one COPY per group, one header, every row once, until take', async () => {
    const whole = new CopyFiles(tempDir(), 100_000);
    await whole.nodes('File', nodes(paths));
    const [one] = whole.take();
    const inParts = new CopyFiles(tempDir(), 100_000);
    const all = nodes(paths);
    for (const [from, to] of [[0, 1_000], [1_000, 1_001], [1_001, 3_500], [3_500, paths.length]] as const) await inParts.nodes('File', all.slice(from, to));
    const copies = inParts.take();
    expect(copies).toHaveLength(1);
    expect(copies[0]!.count).toBe(paths.length);
    expect(readFileSync(copies[0]!.file, 'utf8')).toBe(readFileSync(one!.file, 'utf8'));
    expect(copies[0]!.statement).toBe(one!.statement.replace(one!.file, copies[0]!.file));
    // A line break in a later part makes the whole file serial; after take, the next rows start a new file.
    await inParts.nodes('File', nodes(['src/a.ts']));
    await inParts.nodes('File', nodes(['src/new\nline.ts']));
    const [next] = inParts.take();
    expect(next!.file).not.toBe(copies[0]!.file);
    expect(next!.count).toBe(2);
    expect(next!.statement).toContain('PARALLEL=false');
    expect(inParts.take()).toEqual([]);
  });
});
