import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGraphJson, readSinkLayout } from '../../../src/storage/output-reader.js';
import { sampleGraph, sinkLayout } from './sample-graph.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'codegraph-read-'));
  file = path.join(dir, 'graph.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readGraphJson', () => {
  it('reads the sink layout line by line into the same value JSON.parse gives', async () => {
    const text = sinkLayout(sampleGraph());
    writeFileSync(file, text);
    expect(await readSinkLayout(file)).toEqual(JSON.parse(text));
    expect(await readGraphJson(file)).toEqual(JSON.parse(text));
  });

  it('reads lines split across its reads and pieces, multi-byte characters and CRLF line ends alike', async () => {
    // 3 MiB of nodes whose names are 1-, 2-, 3- and 4-byte characters, so some piece of the file
    // (1 MiB reads decoded 64 KiB at a time) ends inside a character, plus one line longer than a read.
    const base = sampleGraph();
    const nodes = Array.from({ length: 12_000 }, (_, i) => ({ id: `Function:src/名前-${i}.ts:f${i}`, label: 'Function' as const, properties: { name: `é😀${'x'.repeat(i % 200)}` } }));
    const long = { id: 'File:src/long.ts', label: 'File' as const, properties: { name: '日'.repeat(400_000) } };
    const graph = { ...base, nodes: [...base.nodes, ...nodes, long] };
    const text = sinkLayout(graph);
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 << 20);
    for (const written of [text, text.replaceAll('\n', '\r\n')]) {
      writeFileSync(file, written);
      expect(await readSinkLayout(file)).toEqual(JSON.parse(text));
    }
  });

  it('reads any other layout, and empty lists', async () => {
    const graph = { ...sampleGraph(), nodes: [], relationships: [] };
    writeFileSync(file, sinkLayout(graph));
    expect(await readGraphJson(file)).toEqual(JSON.parse(JSON.stringify(graph)));
    writeFileSync(file, JSON.stringify(sampleGraph(), null, 1));
    expect(await readSinkLayout(file)).toBeUndefined();
    expect(await readGraphJson(file)).toEqual(JSON.parse(JSON.stringify(sampleGraph())));
  });

  it('rejects what JSON.parse rejects: a missing comma, a cut line, a cut at a line end', async () => {
    const text = sinkLayout(sampleGraph());
    const lines = text.split('\n');
    const broken = [
      lines.map((l, i) => (i === 6 ? l.replace(/,$/, '') : l)).join('\n'),
      text.slice(0, text.indexOf('\n', 200) - 10),
      lines.slice(0, 12).join('\n') + '\n',
    ];
    for (const content of broken) {
      writeFileSync(file, content);
      expect(await readSinkLayout(file)).toBeUndefined();
      await expect(readGraphJson(file)).rejects.toThrow(/^graph\.json is not valid JSON \(truncated or corrupt\): /);
    }
  });
});
